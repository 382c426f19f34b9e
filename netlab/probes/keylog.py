"""The TLS key log (``--keylog FILE``, tls-inspect and journey): made private before any secret (I/O)."""

from __future__ import annotations

import os

from netlab.errors import UsageError


def create_keylog(path: str) -> None:
    """Create (or truncate) ``path`` with mode 0600 before OpenSSL appends secrets to it; a file
    that cannot be written is a usage error."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except OSError as e:
        raise UsageError(f"cannot write the key log {path}: {e.strerror or e}") from e
    os.fchmod(fd, 0o600)
    os.close(fd)
