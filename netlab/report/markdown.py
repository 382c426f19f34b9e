"""Markdown renderer: a Document as a section to paste into a worksheet.

Headings start at level 2 (the document title) and 3 (its sections, the findings, the concept
notes), so the output fits under a worksheet's own level-1 title.  Tables become pipe tables,
timelines nested lists, sequence diagrams Mermaid ``sequenceDiagram`` blocks (GitHub, GitLab and
most editors draw them), charts a table of their values.  Blocks marked verbose are left out
unless ``verbose``.
"""

from __future__ import annotations

import re

from netlab import concepts
from netlab.model import Finding, severity_rank
from netlab.report import document
from netlab.report.labels import labels
from netlab.report.sanitise import sanitise
from netlab.units import fmt_ms

MARKS = {"ok": "✓", "info": "•", "warning": "⚠", "error": "✗", "muted": "·"}

# '_' inside a word (TIME_WAIT, FIN_WAIT_1) never starts emphasis, so only word-edge ones are escaped
_SPECIAL = re.compile(r"([\\`*\[<]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9]))")
_LINE_START = re.compile(r"^(\s*)(?:([#+>-])|(\d+)([.)]))(?=\s|$)", re.MULTILINE)


def esc(text: str) -> str:
    """Escape Markdown's inline specials so names like _dmarc or <root> show as written."""
    return _SPECIAL.sub(r"\\\1", str(text))


def esc_block(text: str) -> str:
    """Like :func:`esc`, for a paragraph: a line starting with '#', '-' or '1.' stays text."""

    def fix(m: re.Match) -> str:
        if m.group(2):
            return m.group(1) + "\\" + m.group(2)
        return m.group(1) + m.group(3) + "\\" + m.group(4)

    return _LINE_START.sub(fix, esc(text))


def _cell(text: str) -> str:
    return esc(text).replace("|", "\\|").replace("\r\n", "\n").replace("\n", "<br>") or " "


def _heading(level: int, text: str) -> str:
    return "#" * min(6, level) + " " + esc(text)


def render_markdown(doc: document.Document, verbose: bool = False) -> str:
    """Render ``doc`` as a Markdown section (ends with a newline)."""
    doc = sanitise(doc)  # the one sanitiser, before any Markdown escaping
    L = labels(doc.lang)
    parts: list[str] = [_heading(2, doc.title or doc.probe)]
    if doc.summary:
        parts.append(esc_block(doc.summary))
    parts.extend(_blocks(doc.blocks, level=3, verbose=verbose, L=L))
    parts.append(_heading(3, L["findings"]))
    parts.append(_findings(doc, verbose, L))
    notes = [n for n in (concepts.get(i) for i in doc.concept_ids()) if n is not None]
    if notes:
        parts.append(_heading(3, L["concepts"]))
        for note in notes:
            text = note.text(doc.lang, short=not verbose)
            paras = [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
            parts.append(f"**{esc(note.title(doc.lang))}** (`{note.id}`)")
            parts.extend(esc_block(p) for p in paras)
    return "\n\n".join(p for p in parts if p) + "\n"


def _blocks(blocks: list, level: int, verbose: bool, parent: str | None = None, L: dict | None = None) -> list[str]:
    L = L or labels("en")
    out: list[str] = []
    for block in blocks:
        if getattr(block, "verbose", False) and not verbose:
            continue
        if isinstance(block, document.Section):
            body = _blocks(block.blocks, level + 1, verbose, parent=block.title, L=L)
            out.append(_heading(level, block.title))
            out.extend(body)
            continue
        title = getattr(block, "title", None)
        if title is not None and title == parent:
            title = None  # a block titled like its section: say it once
        if isinstance(block, document.Text):
            out.append(esc_block(block.text))
        elif isinstance(block, document.KeyValues):
            out.extend(_titled(title, _keyvalues(block)))
        elif isinstance(block, document.Table):
            out.extend(_titled(title, _table(block)))
        elif isinstance(block, document.Timeline):
            out.extend(_titled(title, _timeline(block)))
        elif isinstance(block, document.Sequence):
            out.extend(_titled(title, _sequence(block)))
        elif isinstance(block, document.Chart):
            out.extend(_titled(title, _chart(block, L)))
        elif isinstance(block, document.HexDump):
            out.extend(_titled(title, _hexdump(block, L)))
        else:
            raise TypeError(f"unknown Document block {type(block).__name__}")
    return out


def _titled(title: str | None, body: str) -> list[str]:
    return ([f"**{esc(title)}**"] if title else []) + ([body] if body else [])


def _lines(text: str, pad: str) -> str:
    """Text that may span lines, inside a list item: hard line breaks, indented under the item."""
    return ("\\\n" + pad + "  ").join(esc_block(line.strip()) for line in str(text).splitlines() or [""])


def _keyvalues(block: document.KeyValues) -> str:
    return "\n".join(f"- **{esc(k)}:** {_lines(v, '')}" for k, v in block.items)


def _table(block: document.Table) -> str:
    n = len(block.columns)
    if not n:
        return ""
    lines = ["| " + " | ".join(_cell(c) for c in block.columns) + " |", "|" + "---|" * n]
    for row in block.rows:
        cells = [str(c) for c in row][:n]
        cells += [""] * (n - len(cells))
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines)


def _timeline(block: document.Timeline) -> str:
    lines = []
    for e in block.entries:
        pad = "  " * max(0, e.depth)
        mark = MARKS.get(e.status, MARKS["ok"])
        when = f"`{fmt_ms(e.t_ms)}` " if e.t_ms is not None else ""
        took = f" — *{fmt_ms(e.duration_ms)}*" if e.duration_ms is not None else ""
        line = f"{pad}- {when}{mark} {_lines(e.label, pad)}{took}"
        if e.detail:
            # a hard line break (backslash) keeps the detail inside the same list item
            line += "\\\n" + pad + "  " + _lines(e.detail, pad)
        lines.append(line)
    return "\n".join(lines)


CHART_ROWS = 40  # values shown per series (or spans per chart); the JSON output has them all


def _mdnum(v) -> str:
    f = float(v)
    return str(int(f)) if f == int(f) else f"{f:.3f}".rstrip("0").rstrip(".")


def _chart(block: document.Chart, L: dict) -> str:
    """A chart as a table of its values (with the units in the headers)."""
    import math

    def finite(*vs) -> bool:
        return all(isinstance(v, int | float) and math.isfinite(v) for v in vs)

    unit = f" ({block.x_unit})" if block.x_unit else ""
    more = 0
    if block.spans:
        spans = [s for s in block.spans if finite(s.start, s.end)]
        cols = [L["chart_row"], L["chart_part"], L["chart_start"] + unit, L["chart_end"] + unit]
        rows = [[s.row, s.part, _mdnum(s.start), _mdnum(s.end)] for s in spans[:CHART_ROWS]]
        more = len(spans) - len(rows)
    else:
        xl = block.x_label + unit
        yl = block.y_label + (f" ({block.y_unit})" if block.y_unit else "")
        cols, rows = [L["chart_series"], xl, yl], []
        for s in block.series:
            pts = [p for p in s.points if len(p) >= 2 and finite(p[0], p[1])]
            rows.extend([s.label, _mdnum(x), _mdnum(y)] for x, y in pts[:CHART_ROWS])
            more += max(0, len(pts) - CHART_ROWS)
    if not rows:
        return esc(L["chart_empty"])
    table = _table(document.Table(columns=cols, rows=rows))
    if more:
        table += "\n\n" + esc(L["chart_more"].format(n=more))
    return table


HEX_ROW = 16


def _hexdump(block: document.HexDump, L: dict) -> str:
    """A hex dump as a fenced block (offset, hex, text: 16 bytes a row), then a table of the fields' offsets."""
    if not block.data:
        return esc(L["hex_empty"])
    lines = []
    digits = max(4, len(f"{max(block.end - 1, 0):x}"))
    starts = block.layer_starts()  # a "|" before a layer's first byte, as in the terminal
    for row in block.row_starts(HEX_ROW):
        hexes, text = "", ""
        for i in range(HEX_ROW):
            pos = row + i
            b = block.data[pos - block.offset] if block.offset <= pos < block.end else None
            if i:
                hexes += (" " if i == HEX_ROW // 2 else "") + ("|" if pos in starts else " ")
            hexes += "  " if b is None else f"{b:02x}"
            text += " " if b is None else chr(b) if 32 <= b < 127 else "."
        lines.append(f"{row:0{digits}x}  {hexes}  {text}".rstrip())
    body = "\n".join(lines)
    fence = "`" * max(3, max((len(r) for r in re.findall(r"`+", body)), default=0) + 1)
    out = f"{fence}text\n{body}\n{fence}"
    spans = block.spans()
    if spans:
        cols = [L["hex_offset"], L["hex_bytes"], L["hex_length"], L["hex_layer"], L["hex_field"]]
        rows = [[f"0x{a:0{digits}x}", document.byte_range(a, b), str(b - a), f.layer, f.name] for a, b, f in spans]
        out += "\n\n" + _table(document.Table(columns=cols, rows=rows))
    return out


_MERMAID_ENTITIES = {"#": "#35;", ";": "#59;", "<": "#lt;", ">": "#gt;"}


def _mermaid_text(text: str) -> str:
    """Mermaid message text: '#', ';', '<' and '>' have meaning there, so use entity codes."""
    text = " ".join(str(text).split())
    return re.sub(r"[#;<>]", lambda m: _MERMAID_ENTITIES[m.group()], text)


def _sequence(block: document.Sequence) -> str:
    participants = list(block.participants)
    for m in block.messages:
        for p in (m.src, m.dst):
            if p not in participants:
                participants.append(p)
    ids = {p: f"P{i}" for i, p in enumerate(participants)}
    lines = ["```mermaid", "sequenceDiagram"]
    for p in participants:
        lines.append(f"    participant {ids[p]} as {_mermaid_text(p)}")
    for m in block.messages:
        arrow = {"error": "-x", "warning": "-->>"}.get(m.status, "->>")
        label = _mermaid_text(m.label)
        if m.t_ms is not None:
            label = f"{label} (t={fmt_ms(m.t_ms)})"
        lines.append(f"    {ids[m.src]}{arrow}{ids[m.dst]}: {label}")
        if m.note:
            where = f"right of {ids[m.dst]}" if m.src == m.dst else f"over {ids[m.src]},{ids[m.dst]}"
            lines.append(f"    Note {where}: {_mermaid_text(m.note)}")
    lines.append("```")
    return "\n".join(lines)


def _findings(doc: document.Document, verbose: bool, L: dict) -> str:
    if not doc.findings:
        return esc(L["no_findings"])
    lines = []
    for f in sorted(doc.findings, key=lambda f: -severity_rank(f.severity)):
        lines.append(_finding(f, doc.lang, verbose, L))
    return "\n".join(lines)


def _finding(f: Finding, lang: str, verbose: bool, L: dict) -> str:
    mark = MARKS.get(f.severity, "•")
    line = f"- {mark} **{esc(L.get(f.severity, f.severity))}** `{f.code}`: {_lines(f.text(lang), '')}"
    detail = f.detail_text(lang)
    if verbose and detail:
        line += "\\\n  " + _lines(detail, "")
    return line
