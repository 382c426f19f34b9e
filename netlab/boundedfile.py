"""Reading a file the user named, bounded: its size capped before it is read whole, UTF-8 checked,
every failure one line naming the file (raised as the caller's own error type).  Pure stdlib."""

from __future__ import annotations

from pathlib import Path


def read_bounded(path: str | Path, limit: int, error: type[Exception], what: str, size: str) -> bytes:
    """The bytes of `path` (at most `limit`); `what` names what it should be ("a netlab recording"),
    `size` the limit for people ("64 MiB")."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read(limit + 1)
    except OSError as e:
        raise error(f"cannot read {path}: {e.strerror or e}") from e
    if len(raw) > limit:
        raise error(f"{path}: larger than {size}: not {what}")
    return raw


def read_utf8(path: str | Path, limit: int, error: type[Exception], what: str, size: str) -> str:
    raw = read_bounded(path, limit, error, what, size)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise error(f"{path}: not UTF-8 text (byte {e.start}): not {what}") from e
