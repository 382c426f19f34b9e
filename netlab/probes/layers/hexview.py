"""The bytes pane, as text: 8 bytes a row, layer boundaries marked, the fields that start in each row (pure).

Wireshark highlights the bytes of the field you click; a report cannot, so each row names the fields
that begin in it (with their layer where a layer begins) and a ``|`` replaces the space in front of
the first byte of each layer.  Field tables give every field's exact byte range; bit fields get
Wireshark's bit picture (``0100 ....``) from :func:`bit_pattern`.
"""

from __future__ import annotations

from collections.abc import Callable

from netlab.probes.layers.model import FieldSpan, Layer

ROW = 8  # bytes a row: 16 (Wireshark's) leaves no room at 100 columns for the field names


def bit_pattern(frame: bytes, f: FieldSpan) -> str:
    """The bytes a bit field touches, its own bits shown and the others as dots, in groups of 4."""
    if f.bits is None:
        return ""
    raw = frame[f.offset:f.end]
    if len(raw) < f.length:
        return ""
    first, last = f.bit, f.bit + f.bits  # bit positions within raw, 0 = most significant of raw[0]
    out = []
    for i in range(f.length * 8):
        byte, bit = divmod(i, 8)
        out.append(str((raw[byte] >> (7 - bit)) & 1) if first <= i < last else ".")
    return " ".join("".join(out[i:i + 4]) for i in range(0, len(out), 4))


def rows(frame: bytes, layers: list[Layer], fields: list[FieldSpan], start: int, end: int,
         label: Callable[[FieldSpan], str], layer_name: Callable[[Layer], str], max_depth: int = 2) -> list[list[str]]:
    """Rows [offset, hex, text, fields starting here] for bytes [start, end) of the frame."""
    starts = {x.offset for x in layers}
    by_row: dict[int, list[str]] = {}
    layer_at = {x.offset: x for x in reversed(layers)}
    seen_layer: set[int] = set()
    for f in fields:
        if f.depth > max_depth or f.kind == "derived":
            continue
        row = f.offset // ROW * ROW
        if not start <= row < end:
            continue
        names = by_row.setdefault(row, [])
        lay = layer_at.get(f.offset)
        if lay is not None and lay.index == f.layer and lay.index not in seen_layer:
            seen_layer.add(lay.index)
            names.append(f"{layer_name(lay)}: {label(f)}")
        else:
            names.append(label(f))
    out = []
    for row in range(start - start % ROW, min(end, len(frame)), ROW):
        chunk = frame[row:row + ROW]
        cells = []
        for i, b in enumerate(chunk):
            sep = "" if i == 0 else ("|" if row + i in starts else " ")
            cells.append(sep + f"{b:02x}")
        text = "".join(chr(b) if 32 <= b < 127 else "." for b in chunk)
        out.append([f"{row:04x}", "".join(cells), text, ", ".join(by_row.get(row, []))])
    return out
