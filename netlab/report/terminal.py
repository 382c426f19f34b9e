"""Terminal renderer: a Document as text a student reads top to bottom.

This is the only module of netlab that imports rich.  The story is always told in the same order:
the title, a one-line summary, the blocks in order (sections, key/value pairs, tables, timelines,
sequence diagrams, text), then the findings and the concept notes they point to.

Colour is used only when stdout is a terminal and NO_COLOR is not set; every status also has a
text marker, so nothing depends on colour: ``✓`` ok, ``•`` info, ``!`` warning, ``✗`` error.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
from dataclasses import dataclass

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table as RichTable
from rich.text import Text as RText

from netlab import concepts
from netlab.model import Finding, severity_rank
from netlab.report import document
from netlab.report.labels import labels
from netlab.report.sanitise import sanitise
from netlab.units import fmt_ms

DEFAULT_WIDTH = 100
MIN_WIDTH = 40

MARKS = {"ok": "✓", "info": "•", "warning": "!", "error": "✗", "muted": "·"}
STYLES = {"ok": "green", "info": "cyan", "warning": "yellow", "error": "bold red", "muted": "dim"}

def _labels(lang: str) -> dict:
    return labels(lang)


# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------


def _want_color() -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _terminal_width() -> int:
    try:
        if sys.stdout.isatty():
            return max(MIN_WIDTH, shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns)
    except (AttributeError, ValueError):
        pass
    return DEFAULT_WIDTH


def render_terminal(doc: document.Document, verbose: bool = False, width: int | None = None,
                    color: bool | None = None) -> str:
    """Render ``doc`` for a terminal; returns the text (with ANSI colours only when ``color``)."""
    doc = sanitise(doc)  # server-controlled text is data: no control character reaches the terminal
    if color is None:
        color = _want_color()
    if width is None:
        width = _terminal_width()
    width = max(MIN_WIDTH, int(width))
    buf = io.StringIO()
    console = Console(
        file=buf,
        width=width,
        force_terminal=bool(color),
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
        legacy_windows=False,
        force_jupyter=False,
        force_interactive=False,
    )
    r = _Renderer(doc, verbose, width, console)
    for item in r.render():
        console.print(item)
    out = "\n".join(line.rstrip(" ") for line in buf.getvalue().split("\n"))
    return out.rstrip("\n") + "\n"


# --------------------------------------------------------------------------------------------
# The renderer
# --------------------------------------------------------------------------------------------


class _Renderer:
    def __init__(self, doc: document.Document, verbose: bool, width: int, console: Console):
        self.doc = doc
        self.verbose = verbose
        self.width = width
        self.console = console
        self.lang = doc.lang
        self.L = _labels(doc.lang)
        self.hidden = 0

    # -- the story ------------------------------------------------------------------------

    def render(self) -> list[RenderableType]:
        out: list[RenderableType] = []
        title = self.doc.title or self.doc.probe
        out.append(RText(title, style="bold"))
        out.append(RText("═" * min(cell_len(title), self.width), style="bold"))
        if self.doc.summary:
            out.append(RText(self.doc.summary))
        out.extend(self._blocks(self.doc.blocks, depth=0, indent=0))
        out.extend(self._findings())
        notes, shortened = self._concepts()
        out.extend(notes)
        hint = self._hint(shortened)
        if hint:
            out.append(RText(""))
            out.append(RText(hint, style="dim"))
        return out

    def _blocks(self, blocks: list, depth: int, indent: int, parent: str | None = None) -> list[RenderableType]:
        out: list[RenderableType] = []
        for block in blocks:
            if getattr(block, "verbose", False) and not self.verbose:
                self.hidden += 1
                continue
            if isinstance(block, document.Section):
                out.extend(self._section(block, depth, indent))
                continue
            rendered = self._block(block, indent, parent)
            if rendered:
                out.append(RText(""))
                out.extend(rendered)
        return out

    def _pad(self, renderable: RenderableType, indent: int) -> RenderableType:
        return Padding(renderable, (0, 0, 0, indent)) if indent else renderable

    def _section(self, section: document.Section, depth: int, indent: int) -> list[RenderableType]:
        body = self._blocks(section.blocks, depth + 1, indent + 2, parent=section.title)
        out: list[RenderableType] = [RText("")]
        if depth == 0:
            out.append(Rule(RText(section.title, style="bold"), align="left", characters="─", style="dim"))
        else:
            out.append(self._pad(RText("▸ " + section.title, style="bold"), indent))
        # The blank line before the first block would separate a heading from its content.
        if body and isinstance(body[0], RText) and not body[0].plain:
            body = body[1:]
        return out + body

    def _block(self, block, indent: int, parent: str | None = None) -> list[RenderableType]:
        title = getattr(block, "title", None)
        if title is not None and title == parent:
            title = None  # a block titled like its section: say it once
        if isinstance(block, document.Text):
            return [self._pad(RText(block.text), indent)]
        if isinstance(block, document.KeyValues):
            return self._titled(title, self._keyvalues(block, indent), indent)
        if isinstance(block, document.Table):
            return self._titled(title, self._table(block), indent)
        if isinstance(block, document.Timeline):
            return self._titled(title, self._timeline(block), indent)
        if isinstance(block, document.Sequence):
            return self._titled(title, self._sequence(block, indent), indent)
        if isinstance(block, document.Chart):
            return self._titled(title, self._chart(block, indent), indent)
        if isinstance(block, document.HexDump):
            return self._titled(title, Group(*hexdump_lines(block, self.width - indent, self.L)), indent)
        raise TypeError(f"unknown Document block {type(block).__name__}")

    def _titled(self, title: str | None, body: RenderableType | None, indent: int) -> list[RenderableType]:
        out: list[RenderableType] = []
        if title:
            out.append(self._pad(RText(title, style="bold underline"), indent))
        if body is not None:
            out.append(self._pad(body, indent))
        return out

    # -- key/values and tables --------------------------------------------------------------

    def _keyvalues(self, block: document.KeyValues, indent: int) -> RenderableType | None:
        if not block.items:
            return None
        key_w = max(cell_len(str(k)) for k, _ in block.items)
        key_w = min(key_w, max(12, (self.width - indent) // 3))
        grid = RichTable.grid(padding=(0, 2))
        grid.add_column(style="bold", width=key_w, overflow="fold")
        grid.add_column(overflow="fold")
        for k, v in block.items:
            grid.add_row(RText(str(k), style="bold"), RText(str(v)))
        return grid

    def _table(self, block: document.Table) -> RenderableType:
        t = RichTable(box=box.SIMPLE_HEAD, show_header=True, header_style="bold", pad_edge=False,
                      show_edge=False, expand=False, padding=(0, 1))
        for c in block.columns:
            t.add_column(RText(str(c), style="bold"), overflow="fold")
        n = len(block.columns)
        for row in block.rows:
            cells = [str(c) for c in row][:n]
            cells += [""] * (n - len(cells))
            t.add_row(*[RText(c) for c in cells])
        return t

    # -- timelines --------------------------------------------------------------------------

    def _timeline(self, block: document.Timeline) -> RenderableType | None:
        if not block.entries:
            return None
        prefixes = tree_prefixes([max(0, e.depth) for e in block.entries])
        has_time = any(e.t_ms is not None for e in block.entries)
        has_dur = any(e.duration_ms is not None for e in block.entries)
        grid = RichTable(box=None, show_header=True, header_style="dim", pad_edge=False, show_edge=False,
                         padding=(0, 1), expand=False)
        if has_time:
            grid.add_column(self.L["time"], justify="right", no_wrap=True, style="dim")
        grid.add_column(self.L["what"], overflow="fold")
        if has_dur:
            grid.add_column(self.L["took"], justify="right", no_wrap=True, style="dim")
        for entry, prefix in zip(block.entries, prefixes, strict=True):
            row: list[RenderableType] = []
            if has_time:
                row.append(RText(fmt_ms(entry.t_ms) if entry.t_ms is not None else ""))
            row.append(self._timeline_body(entry, prefix))
            if has_dur:
                row.append(RText(fmt_ms(entry.duration_ms) if entry.duration_ms is not None else ""))
            grid.add_row(*row)
        return grid

    def _timeline_body(self, entry: document.TimelineEntry, prefix: str) -> RenderableType:
        status = entry.status if entry.status in MARKS else "ok"
        head = RText(prefix, style="dim")
        head.append(MARKS[status], style=STYLES[status])
        head.append(" ")
        body = RText(entry.label, style="dim" if status == "muted" else "")
        if entry.detail:
            body.append("\n")
            body.append(entry.detail, style="dim")
        inner = RichTable.grid(padding=0)
        inner.add_column(no_wrap=True, width=cell_len(head.plain))
        inner.add_column(overflow="fold")
        inner.add_row(head, body)
        return inner

    # -- sequence diagrams ------------------------------------------------------------------

    def _sequence(self, block: document.Sequence, indent: int) -> RenderableType | None:
        lines = ladder_diagram(block, self.width - indent)
        if not lines:
            return None
        return Group(*lines)

    # -- charts -----------------------------------------------------------------------------

    def _chart(self, block: document.Chart, indent: int) -> RenderableType | None:
        lines = chart_text(block, self.width - indent, self.L)
        return Group(*[RText(line, no_wrap=True, overflow="crop") for line in lines])

    # -- findings and concepts --------------------------------------------------------------

    def _findings(self) -> list[RenderableType]:
        out: list[RenderableType] = [RText(""), Rule(RText(self.L["findings"], style="bold"), align="left",
                                                     characters="─", style="dim")]
        if not self.doc.findings:
            out.append(Padding(RText(self.L["no_findings"]), (0, 0, 0, 2)))
            return out
        findings = sorted(self.doc.findings, key=lambda f: -severity_rank(f.severity))
        sev_w = max(cell_len(self.L[f.severity]) for f in findings)
        grid = RichTable.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(no_wrap=True, width=sev_w)
        grid.add_column(overflow="fold")
        for f in findings:
            grid.add_row(*self._finding_row(f))
        out.append(Padding(grid, (0, 0, 0, 2)))
        return out

    def _finding_row(self, f: Finding) -> list[RenderableType]:
        status = f.severity if f.severity in ("warning", "error") else "info"
        style = STYLES[status]
        msg = RText(f.text(self.lang))
        msg.append(f"  [{f.code}]", style="dim")
        detail = f.detail_text(self.lang)
        if self.verbose and detail:
            msg.append("\n")
            msg.append(detail, style="dim")
        return [RText(MARKS[status], style=style), RText(self.L[f.severity], style=style), msg]

    def _concepts(self) -> tuple[list[RenderableType], bool]:
        notes = [n for n in (concepts.get(i) for i in self.doc.concept_ids()) if n is not None]
        if not notes:
            return [], False
        out: list[RenderableType] = [RText(""), Rule(RText(self.L["concepts"], style="bold"), align="left",
                                                     characters="─", style="dim")]
        shortened = False
        for i, note in enumerate(notes):
            if i:
                out.append(RText(""))
            head = RText(note.title(self.lang), style="bold")
            head.append(f"  ({note.id})", style="dim")
            out.append(Padding(head, (0, 0, 0, 2)))
            text = note.text(self.lang, short=not self.verbose)
            if not self.verbose and text != note.text(self.lang):
                shortened = True
            paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
            for j, para in enumerate(paragraphs):
                if j:
                    out.append(RText(""))
                out.append(Padding(RText(" ".join(para.split("\n"))), (0, 0, 0, 4)))
        return out, shortened

    def _hint(self, notes_shortened: bool) -> str | None:
        if self.verbose:
            return None
        what = []
        if self.hidden:
            what.append(self.L["hint_blocks"].format(n=self.hidden))
        if any(f.detail for f in self.doc.findings):
            what.append(self.L["hint_findings"])
        if notes_shortened:
            what.append(self.L["hint_notes"])
        if not what:
            return None
        joined = what[0] if len(what) == 1 else ", ".join(what[:-1]) + self.L["and"] + what[-1]
        return self.L["hint"].format(what=joined)


# --------------------------------------------------------------------------------------------
# Tree prefixes for nested timelines
# --------------------------------------------------------------------------------------------


def tree_prefixes(depths: list[int]) -> list[str]:
    """Connectors drawing a flat list of (depth) entries as a tree: '├─ ', '│  └─ ', ..."""

    def continues(i: int, level: int) -> bool:
        for d in depths[i + 1:]:
            if d < level:
                return False
            if d == level:
                return True
        return False

    out = []
    for i, d in enumerate(depths):
        if d <= 0:
            out.append("")
            continue
        parts = ["│  " if continues(i, level) else "   " for level in range(1, d)]
        parts.append("├─ " if continues(i, d) else "└─ ")
        out.append("".join(parts))
    return out


# --------------------------------------------------------------------------------------------
# The ladder (sequence) diagram, drawn by hand: rich has no such renderable
# --------------------------------------------------------------------------------------------

_MIN_GAP = 10
_NOTE_MIN = 20


class _Canvas:
    """One text row as cells; a wide character takes two cells (the second holds '')."""

    def __init__(self, width: int):
        self.cells = [" "] * width
        self.styles = [""] * width

    def put(self, x: int, text: str, style: str = "") -> int:
        for ch in text:
            w = cell_len(ch)
            if w == 0:
                continue
            if x + w > len(self.cells):
                grow = x + w - len(self.cells)
                self.cells += [" "] * grow
                self.styles += [""] * grow
            if x >= 0:
                self.cells[x] = ch
                self.styles[x] = style
                if w == 2:
                    self.cells[x + 1] = ""
                    self.styles[x + 1] = style
            x += w
        return x

    def text(self) -> RText:
        out = RText()
        for ch, st in zip(self.cells, self.styles, strict=True):
            if ch:
                out.append(ch, style=st or None)
        out.rstrip()
        out.no_wrap = True
        out.overflow = "crop"
        return out


def _truncate(text: str, width: int) -> str:
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return "…"[:max(0, width)]
    out, used = "", 0
    for ch in text:
        w = cell_len(ch)
        if used + w > width - 1:
            break
        out += ch
        used += w
    return out + "…"


def _wrap(text: str, width: int) -> list[str]:
    """Word-wrap by terminal cells (wide characters count two)."""
    width = max(1, width)
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for word in para.split(" "):
            cand = f"{line} {word}" if line else word
            if cell_len(cand) <= width:
                line = cand
                continue
            if line:
                lines.append(line)
            while cell_len(word) > width:
                head = _truncate(word, width + 1)[:-1]
                lines.append(head)
                word = word[len(head):]
            line = word
        lines.append(line)
    return lines


@dataclass
class _Ladder:
    """Where a ladder diagram's columns go (computed once, then every row is drawn from it)."""

    participants: list[str]
    idx: dict[str, int]
    xs: list[int]  # each lifeline's column, from the diagram's left edge
    left: int  # the time column's width (the diagram starts there)
    time_w: int
    avail: int
    staggered: bool
    note_x: int | None  # the notes' column, when they fit beside the diagram
    note_w: int

    def lifelines(self) -> _Canvas:
        c = _Canvas(self.left + self.xs[-1] + 1)
        for x in self.xs:
            c.put(self.left + x, "|", "dim")
        return c


def ladder_diagram(seq: document.Sequence, width: int) -> list[RText]:
    """A textbook ladder diagram: time on the left, one lifeline per participant, labelled arrows."""
    lay = _ladder_layout(seq, width)
    if lay is None:
        return []
    rows = _ladder_heads(lay)
    rows.append(lay.lifelines().text())
    for m in seq.messages:
        rows.extend(_ladder_message(lay, m, width))
    rows.append(lay.lifelines().text())
    return rows


def _ladder_layout(seq: document.Sequence, width: int) -> _Ladder | None:
    """The columns: lifelines far enough apart for every label and name, notes beside if they fit."""
    participants = seq.all_participants()
    if not participants:
        return None
    idx = {p: i for i, p in enumerate(participants)}
    n = len(participants)
    times = [fmt_ms(m.t_ms) for m in seq.messages if m.t_ms is not None]
    time_w = max((cell_len(t) for t in times), default=0)
    left = time_w + 2 if time_w else 0  # where the diagram starts
    avail = max(20, width - left)
    names = [cell_len(p) for p in participants]
    lpad = max(1, (names[0] + 1) // 2)

    # Each message needs the lifelines it joins to be far enough apart for its label; names need
    # room too, side by side or, when that is too wide, staggered on two rows.
    rpad = max(1, names[-1] - names[-1] // 2)
    base = [_MIN_GAP] * max(0, n - 1)
    spans: list[tuple[int, int, int]] = []
    for m in seq.messages:
        a, b = sorted((idx[m.src], idx[m.dst]))
        if a == b:
            w = cell_len(m.label) + 5
            if a == n - 1:
                rpad = max(rpad, w)
            else:
                base[a] = max(base[a], w)
        else:
            spans.append((a, b, cell_len(m.label) + 6))
    notes = [m.note for m in seq.messages if m.note]

    def name_spans(step: int) -> list[tuple[int, int, int]]:
        return [(i, i + step, (names[i] + 1) // 2 + names[i + step] // 2 + 2) for i in range(n - step)]

    def gaps_for(constraints: list[tuple[int, int, int]]) -> list[int]:
        # Smallest gaps meeting every "lifelines a..b at least w apart": by right end, widen the last gap.
        gaps = list(base)
        for a, b, w in sorted(constraints, key=lambda c: (c[1], -c[0])):
            have = sum(gaps[a:b])
            if have < w:
                gaps[b - 1] += w - have
        return gaps

    def total(gaps: list[int]) -> int:
        return lpad + sum(gaps) + rpad

    staggered = False
    need = gaps_for(spans + name_spans(1))
    if total(need) > avail and n > 2:
        staggered = True
        need = gaps_for(spans + name_spans(2))
    # Notes go in a column right of the diagram when it fits, else on a line of their own.
    note_w = 0
    notes_beside = bool(notes) and total(need) + 2 + _NOTE_MIN <= avail
    if notes_beside:
        note_w = min(max(cell_len(t) for t in notes), avail - total(need) - 2)
    if total(need) > avail and need:
        room = avail - lpad - rpad
        s = sum(need)
        need = [max(_MIN_GAP, g * room // s) for g in need]
    xs = [lpad]
    for g in need:
        xs.append(xs[-1] + g)
    x_last = xs[-1]
    note_x = x_last + rpad + 2 if notes_beside else None
    return _Ladder(participants, idx, xs, left, time_w, avail, staggered, note_x, note_w)


def _ladder_heads(lay: _Ladder) -> list[RText]:
    """The participants' names above their lifelines (on two staggered rows when crowded)."""
    participants, xs, left, avail = lay.participants, lay.xs, lay.left, lay.avail
    n = len(participants)
    x_last = xs[-1]
    rows: list[RText] = []
    step = 2 if lay.staggered else 1
    for row in range(step):
        head = lay.lifelines() if row else _Canvas(left + x_last + 1)
        for i in range(row, n, step):
            # a name may use the room up to its neighbours on the same row
            room = [abs(xs[j] - xs[i]) - 1 for j in (i - step, i + step) if 0 <= j < n]
            room.append(2 * (avail - xs[i]) - 1)  # the right edge
            p = _truncate(participants[i], min(room))
            head.put(left + xs[i] - cell_len(p) // 2, p, "bold")
        rows.append(head.text())
    return rows


def _ladder_message(lay: _Ladder, m, width: int) -> list[RText]:
    """One message: its time, its arrow between two lifelines with the label, and its note."""
    xs, left, time_w, idx, note_x, note_w = lay.xs, lay.left, lay.time_w, lay.idx, lay.note_x, lay.note_w
    rows: list[RText] = []
    c = lay.lifelines()
    if m.t_ms is not None:
        t = fmt_ms(m.t_ms)
        c.put(time_w - cell_len(t), t, "dim")
    a, b = idx[m.src], idx[m.dst]
    style = STYLES.get(m.status, "") if m.status in ("warning", "error") else ""
    line_ch = "." if m.status == "warning" else "-"
    label = m.label
    if a == b:
        c.put(left + xs[a] + 1, f"{line_ch}{line_ch}' {label}", style)
    else:
        lo, hi = sorted((xs[a], xs[b]))
        span = hi - lo - 1  # cells strictly between the two lifelines
        body = [line_ch] * span
        if a < b:
            body[-1] = "x" if m.status == "error" else ">"
        else:
            body[0] = "x" if m.status == "error" else "<"
        c.put(left + lo + 1, "".join(body), style)
        label = _truncate(label, span - 4)
        lw = cell_len(label)
        start = lo + 1 + (span - lw) // 2
        c.put(left + start - 1, f" {label} ", style)
    if m.note and note_x is not None:
        note_lines = _wrap(m.note, note_w)
        c.put(left + note_x, note_lines[0], "dim")
        rows.append(c.text())
        for extra in note_lines[1:]:
            cc = lay.lifelines()
            cc.put(left + note_x, extra, "dim")
            rows.append(cc.text())
    else:
        rows.append(c.text())
        if m.note:
            x = left + xs[min(a, b)] + 2
            for extra in _wrap(m.note, max(_NOTE_MIN, width - x)):
                cc = lay.lifelines()
                cc.put(x, extra, "dim")
                rows.append(cc.text())
    return rows


# --------------------------------------------------------------------------------------------
# Charts as a compact text plot (the HTML page draws them with matplotlib)
# --------------------------------------------------------------------------------------------

_SPAN_CHARS = ("▒", "░", "█", "▓", "▚", "#", "=")
_POINT_MARKS = ("•", "+", "o", "*", "#", "=")
PLOT_HEIGHT = 10


def _cnum(v: float) -> str:
    """A compact number for an axis: 0, 12.5, 1200."""
    if v == int(v) or abs(v) >= 100:
        return f"{v:.0f}"
    return f"{v:.1f}" if abs(v) >= 1 else f"{v:.2g}"


def chart_text(chart: document.Chart, width: int, L: dict) -> list[str]:
    """A Chart as lines of text: bars on labelled rows for spans, a character plot for series."""
    width = max(30, width)
    unit = f" {chart.x_unit}" if chart.x_unit else ""
    if chart.spans:
        return _span_rows(chart, width, L, unit)
    return _series_plot(chart, width, L, unit)


def _span_rows(chart: document.Chart, width: int, L: dict, unit: str) -> list[str]:
    """Spans (a waterfall, phases) as bars on labelled rows, with the x axis under them."""
    import math

    spans = [s for s in chart.spans
             if isinstance(s.start, int | float) and isinstance(s.end, int | float)
             and math.isfinite(s.start) and math.isfinite(s.end)]
    if not spans:
        return [L["chart_empty"]]
    rows = [r for r in chart.rows() if any(s.row == r for s in spans)]
    parts = chart.parts()
    chars = {p: ("█" if len(parts) == 1 else _SPAN_CHARS[i % len(_SPAN_CHARS)]) for i, p in enumerate(parts)}
    lo = min(0.0, min(min(s.start, s.end) for s in spans))
    hi = max(max(s.start, s.end) for s in spans)
    end_w = max(cell_len(_cnum(hi) + unit), 4)
    label_w = min(max(cell_len(r) for r in rows), max(8, width // 3))
    plot_w = max(10, width - label_w - end_w - 3)
    scale = (hi - lo) / plot_w if hi > lo else 1.0
    out = []
    for r in rows:
        cells = [" "] * plot_w
        last = None
        for s in spans:
            if s.row != r:
                continue
            a, b = sorted((s.start, s.end))
            i0 = min(plot_w - 1, int((a - lo) / scale))
            i1 = max(i0 + 1, min(plot_w, int(round((b - lo) / scale))))
            for i in range(i0, i1):
                cells[i] = chars[s.part]
            last = b if last is None else max(last, b)
        name = _truncate(r, label_w)
        name += " " * (label_w - cell_len(name))
        out.append(f"{name} {''.join(cells).rstrip()} {_cnum(last) + unit if last is not None else ''}".rstrip())
    axis_lo, axis_hi = _cnum(lo), _cnum(hi) + unit
    pad = max(1, plot_w - len(axis_lo) - len(axis_hi))
    out.append(" " * (label_w + 1) + axis_lo + " " * pad + axis_hi)
    title = chart.x_label + (f" ({chart.x_unit})" if chart.x_unit else "")
    out.append(" " * (label_w + 1) + title)
    legend = "  ".join(f"{chars[p]} {p}" for p in parts if p)
    if legend:
        out.append(" " * (label_w + 1) + legend)
    return out


def _series_plot(chart: document.Chart, width: int, L: dict, unit: str) -> list[str]:
    """Series (lines, steps, points) as a character plot with both axes and a legend."""
    series = [(s, document.finite_points(s.points)) for s in chart.series]
    series = [(s, pts) for s, pts in series if pts]
    if not series:
        return [L["chart_empty"]]
    xs = [x for _, pts in series for x, _ in pts]
    ys = [y for _, pts in series for _, y in pts]
    x0, x1, y0, y1 = min(xs), max(xs), min(0.0, min(ys)), max(ys)
    if x1 == x0:
        x1 = x0 + 1.0
    if y1 == y0:
        y1 = y0 + 1.0
    ylw = max(len(_cnum(y0)), len(_cnum(y1)))
    plot_w = max(10, width - ylw - 2)
    grid = [[" "] * plot_w for _ in range(PLOT_HEIGHT)]

    def col(x: float) -> int:
        return min(plot_w - 1, max(0, int((x - x0) / (x1 - x0) * (plot_w - 1) + 0.5)))

    def row(y: float) -> int:
        return min(PLOT_HEIGHT - 1, max(0, int((y1 - y) / (y1 - y0) * (PLOT_HEIGHT - 1) + 0.5)))

    marks = []
    for k, (s, pts) in enumerate(series):
        mark = "x" if s.status == "error" else _POINT_MARKS[k % len(_POINT_MARKS)]
        marks.append((mark, s.label))
        pts = sorted(pts)
        if s.style in ("line", "step") and len(pts) > 1:
            for c in range(col(pts[0][0]), col(pts[-1][0]) + 1):
                x = x0 + c / (plot_w - 1) * (x1 - x0)
                j = max(i for i, p in enumerate(pts) if p[0] <= x + 1e-12) if x >= pts[0][0] else 0
                if s.style == "step" or j == len(pts) - 1:
                    y = pts[j][1]
                else:
                    (xa, ya), (xb, yb) = pts[j], pts[j + 1]
                    y = ya + (yb - ya) * ((x - xa) / (xb - xa) if xb > xa else 0.0)
                grid[row(y)][c] = mark
        for x, y in pts:
            grid[row(y)][col(x)] = mark
    out = []
    ytitle = chart.y_label + (f" ({chart.y_unit})" if chart.y_unit else "")
    if ytitle:
        out.append(" " * (ylw + 1) + "↑ " + ytitle)
    for r in range(PLOT_HEIGHT):
        tick = _cnum(y1) if r == 0 else (_cnum(y0) if r == PLOT_HEIGHT - 1 else "")
        out.append(f"{tick:>{ylw}} {'┤' if tick else '│'}{''.join(grid[r])}".rstrip())
    out.append(" " * ylw + " └" + "─" * plot_w)
    lo_s, hi_s = _cnum(x0), _cnum(x1) + unit
    out.append(" " * (ylw + 2) + lo_s + " " * max(1, plot_w - len(lo_s) - len(hi_s)) + hi_s)
    xtitle = chart.x_label + (f" ({chart.x_unit})" if chart.x_unit else "")
    out.append(" " * (ylw + 2) + xtitle + " →")
    legend = "  ".join(f"{m} {lbl}" for m, lbl in marks if lbl)
    if legend:
        out.append(" " * (ylw + 2) + legend)
    return out


# --------------------------------------------------------------------------------------------
# The packet-bytes pane (Wireshark's), as text: each field's bytes in its layer's colour, a row of
# marks under them (so that the fields still show without colour), the fields that start in the row
# beside it
# --------------------------------------------------------------------------------------------

HEX_PALETTE = ("cyan", "green", "yellow", "magenta", "blue", "red")


@dataclass
class _HexLayout:
    dump: document.HexDump
    per_row: int
    digits: int  # of the offsets
    off_w: int  # the offset column's width (its heading may be wider)
    names_w: int  # the names column's width
    owners: list  # per byte of the dump: index into spans, or None
    spans: list
    styles: list[str]  # per span

    def hex_x(self, i: int) -> int:
        """Where byte ``i`` of a row starts in the hex column (two spaces after the first half)."""
        return 3 * i + (1 if self.per_row >= 16 and i >= self.per_row // 2 else 0)

    @property
    def hex_w(self) -> int:
        return self.hex_x(self.per_row - 1) + 2

    def owner(self, pos: int) -> int | None:
        """The span that marks frame offset ``pos`` (None: no field, or not in the dump)."""
        i = pos - self.dump.offset
        return self.owners[i] if 0 <= i < len(self.owners) else None


def _hex_layout(dump: document.HexDump, width: int, L: dict) -> _HexLayout:
    digits = max(4, len(f"{max(dump.end - 1, 0):x}"))
    off_w = max(digits, cell_len(L["hex_offset"]))
    per_row = 16
    for per_row in (16, 8, 4):
        fixed = off_w + 2 + (3 * per_row + (1 if per_row >= 16 else 0) - 1) + 2 + per_row + 2
        if width - fixed >= {16: 20, 8: 12, 4: 0}[per_row]:
            break
    names_w = max(12, width - fixed)
    owners = dump.owners()
    spans = dump.spans()
    styles = []
    for layer, alt in dump.colours(owners):
        colour = HEX_PALETTE[layer % len(HEX_PALETTE)]
        styles.append(f"bold {colour}" if alt else colour)
    return _HexLayout(dump, per_row, digits, off_w, names_w, owners, spans, styles)


def hexdump_lines(dump: document.HexDump, width: int, L: dict) -> list[RText]:
    """A HexDump as lines: a header, per row the offset, hex, text and the fields starting there
    (a row of marks under the bytes: └──┘ per field, ─ where a field goes on in the next row; a ``|``
    before a layer's first byte), the legend."""
    if not dump.data:
        return [RText(L["hex_empty"], style="dim")]
    lay = _hex_layout(dump, width, L)
    head = RText("  ".join([_ljust(L["hex_offset"], lay.off_w), _ljust(L["hex_hex"], lay.hex_w),
                            _ljust(L["hex_text"], lay.per_row), L["hex_fields"]]), style="dim")
    out = [head]
    firsts, starts = dump.layer_firsts(), dump.layer_starts()
    for row in dump.row_starts(lay.per_row):
        names = _hex_names(lay, row, firsts)
        line = RText()
        line.append(_ljust(f"{row:0{lay.digits}x}", lay.off_w) + "  ", style="dim")
        text = RText()
        for i in range(lay.per_row):
            pos = row + i
            if i:  # a layer's first byte gets a "|" in front of it (in place of a space)
                gap = " " * (lay.hex_x(i) - lay.hex_x(i - 1) - 2)
                line.append(gap[:-1] + ("|" if pos in starts else " "), style="dim")
            k = lay.owner(pos)
            style = lay.styles[k] if k is not None else None
            if dump.offset <= pos < dump.end:
                b = dump.data[pos - dump.offset]
                line.append(f"{b:02x}", style=style)
                text.append(chr(b) if 32 <= b < 127 else ".", style=style)
            else:
                line.append("  ")
                text.append(" ")
        line.append("  ")
        line.append_text(text)
        marks = _hex_marks(lay, row)
        extra = [marks] if marks.plain.strip() or len(names) > 1 else []
        pad = lay.off_w + 2 + lay.hex_w + 2 + lay.per_row + 2
        for j, name_line in enumerate(names):
            if j == 0:
                line.append("  ")
                line.append_text(name_line)
                continue
            if j > len(extra):
                extra.append(RText(" " * (lay.off_w + 2)))
            target = extra[j - 1]
            target.append(" " * max(0, pad - cell_len(target.plain)))
            target.append_text(name_line)
        out.append(line)
        out.extend(extra)
    for x in out:
        x.rstrip()
        x.no_wrap = True
        x.overflow = "crop"
    legend = _hex_legend(lay, L)  # the one line that may wrap
    return out + ([legend] if legend is not None else [])


def _ljust(text: str, width: int) -> str:
    return text + " " * max(0, width - cell_len(text))


def _hex_marks(lay: _HexLayout, row: int) -> RText:
    """The row of marks under a row's bytes: each field's run └──┘, open (─) where it goes on across rows."""
    cells = [" "] * lay.hex_w
    styles: list[str | None] = [None] * lay.hex_w
    i = 0
    while i < lay.per_row:
        k = lay.owner(row + i)
        if k is None:
            i += 1
            continue
        j = i
        while j + 1 < lay.per_row and lay.owner(row + j + 1) == k:
            j += 1
        x0, x1 = lay.hex_x(i), lay.hex_x(j) + 1
        for x in range(x0, x1 + 1):
            cells[x], styles[x] = "─", lay.styles[k]
        if lay.owner(row + i - 1) != k or i > 0:
            cells[x0] = "└"
        if lay.owner(row + j + 1) != k or j < lay.per_row - 1:
            cells[x1] = "┘"
        i = j + 1
    out = RText(" " * (lay.off_w + 2))
    for ch, st in zip(cells, styles, strict=True):
        out.append(ch, style=st)
    return out


def _hex_names(lay: _HexLayout, row: int, firsts: set[int]) -> list[RText]:
    """The names of the fields that start in a row (a layer's name before its first), wrapped to the column."""
    items: list[tuple[str, str]] = []
    for k, (a, _, f) in enumerate(lay.spans):
        if not row <= a < row + lay.per_row:
            continue
        name = f.name if a == f.start or a != lay.dump.offset else "… " + f.name
        items.append((f"{f.layer}: {name}" if k in firsts else name, lay.styles[k]))
    words: list[tuple[str, str]] = []  # the names word by word (a comma after each name but the last)
    for n, (name, style) in enumerate(items):
        parts = (name + ("," if n < len(items) - 1 else "")).split(" ")
        for part in parts:
            words.extend((w, style) for w in _wrap(part, lay.names_w))
    lines: list[RText] = []
    cur = RText()
    for word, style in words:
        if cur.plain and cell_len(cur.plain) + 1 + cell_len(word) > lay.names_w:
            lines.append(cur)
            cur = RText()
        if cur.plain:
            cur.append(" ", style=style if cur.spans and cur.spans[-1].style == style else None)
        cur.append(word, style=style)
    if cur.plain:
        lines.append(cur)
    return lines


def _hex_legend(lay: _HexLayout, L: dict) -> RText | None:
    items = lay.dump.legend_items()
    if not items:
        return None
    order = {x: i for i, x in enumerate(lay.dump.layers())}
    out = RText()
    out.append(L["hex_legend"] + ": ", style="dim")
    for n, e in enumerate(items):
        if n:
            out.append(" · ", style="dim")
        out.append(e.label, style=HEX_PALETTE[order.get(e.layer, 0) % len(HEX_PALETTE)])
    return out
