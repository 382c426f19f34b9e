"""The one sanitiser in front of every human-facing renderer (terminal, Markdown, HTML).

Anything in a Document may have come from the network or from a file: an HTTP status line, a
certificate subject, a TXT record, an Alt-Svc header, a server banner.  Such bytes are data.  Before
a renderer sees the Document, every string in it is made inert: C0 and C1 control characters, DEL
and the Unicode bidirectional overrides are shown as visible escapes (``\\x1b``, ``\\r``,
``\\u202e``), so nothing can move the cursor, set the terminal's title, split a line or reorder
text.  Line breaks are kept only where a block is multi-line by design (a text paragraph, a
detail, a note); in a label, a cell or a finding message a line break is shown as ``\\n``.

The JSON renderer needs no sanitiser: JSON escapes control characters itself and its readers are
programs that want the data as it was.  Markup characters (``<``, ``*``, ``|``) are each
renderer's own business (Markdown and HTML escape them).
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

# C0 except TAB and LF (handled apart), DEL, C1, and the bidi embedding/override/isolate controls.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_MULTILINE_FIELDS = frozenset({"text", "detail", "detail_ko", "summary", "note"})

_NAMED = {"\r": "\\r", "\x1b": "\\x1b", "\x00": "\\x00", "\n": "\\n"}


def _escape_char(m: re.Match) -> str:
    ch = m.group()
    if ch in _NAMED:
        return _NAMED[ch]
    cp = ord(ch)
    return f"\\x{cp:02x}" if cp < 0x100 else f"\\u{cp:04x}"


def clean(text: str, multiline: bool = False) -> str:
    """One string made inert for display."""
    if not isinstance(text, str):
        return text
    out = _UNSAFE.sub(_escape_char, text)
    if not multiline and "\n" in out:
        out = out.replace("\n", "\\n")
    return out


def _walk(value: Any, multiline: bool) -> Any:
    if isinstance(value, str):
        return clean(value, multiline)
    if isinstance(value, list):
        return [_walk(v, multiline) for v in value]
    if isinstance(value, tuple):
        return tuple(_walk(v, multiline) for v in value)
    if isinstance(value, dict):
        return {k: _walk(v, multiline) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            old = getattr(value, f.name)
            new = _walk(old, f.name in _MULTILINE_FIELDS)
            if new is not old:
                changes[f.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value


def sanitise(doc):
    """A copy of the Document with every string made inert (the original is not changed)."""
    return _walk(doc, False)
