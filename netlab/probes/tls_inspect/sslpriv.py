"""The only module that touches CPython's private ssl APIs (none of them is public API).

- ``SSLContext._msg_callback`` (3.8+): every TLS message as OpenSSL handles it.
- ``_sslobj.get_unverified_chain()`` / ``get_verified_chain()`` (3.10+ C methods; public in
  3.13): the chain as the server sent it and as OpenSSL built it.

Each helper degrades instead of failing: without the message callback there is no timeline
(the report says so); without the chain methods only the leaf is known (``getpeercert(True)``).
"""

from __future__ import annotations

import ssl
from collections.abc import Callable


def set_message_callback(ctx: ssl.SSLContext, fn: Callable) -> bool:
    """Install ``fn(direction, version, content_type, msg_type, data)``; False when unsupported."""

    def cb(conn, direction, version, content_type, msg_type, data):
        fn(direction, int(version), int(content_type), int(msg_type), bytes(data))

    try:
        ctx._msg_callback = cb  # noqa: SLF001
    except (AttributeError, TypeError):
        return False
    return True


def _inner(obj):
    return getattr(obj, "_sslobj", obj)


def _pems(certs) -> list[str]:
    out = []
    for c in certs or []:
        try:
            out.append(c.public_bytes(ssl._ssl.ENCODING_PEM))  # noqa: SLF001
        except (AttributeError, TypeError, ValueError):
            try:
                out.append(ssl.DER_cert_to_PEM_cert(c.public_bytes(ssl._ssl.ENCODING_DER)))  # noqa: SLF001
            except Exception:  # noqa: BLE001
                return []
    return out


def unverified_chain(obj) -> tuple[list[str], str]:
    """(PEMs as sent, leaf first; how we got them)."""
    inner = _inner(obj)
    getter = getattr(obj, "get_unverified_chain", None) or getattr(inner, "get_unverified_chain", None)
    if getter is not None:
        try:
            pems = _pems(getter())
            if pems:
                return pems, "get_unverified_chain"
        except (ssl.SSLError, ValueError, AttributeError):
            pass
    try:
        der = obj.getpeercert(binary_form=True)
    except (ssl.SSLError, ValueError, AttributeError):
        der = None
    return ([ssl.DER_cert_to_PEM_cert(der)] if der else []), "getpeercert"


def verified_chain(obj) -> list[str]:
    inner = _inner(obj)
    getter = getattr(obj, "get_verified_chain", None) or getattr(inner, "get_verified_chain", None)
    if getter is None:
        return []
    try:
        return _pems(getter())
    except (ssl.SSLError, ValueError, AttributeError):
        return []
