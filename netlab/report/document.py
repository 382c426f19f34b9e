"""The neutral Document tree every renderer walks (terminal, JSON, Markdown, HTML).

A probe's ``build(result, lang) -> Document`` produces it; renderers never see a Result.
Blocks with ``verbose=True`` are details shown only with ``-v`` (always kept in JSON).
Times are milliseconds (float) since the start of the probe, or ``None`` when not applicable.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from netlab.model import Finding, to_jsonable
from netlab.units import fmt_ms  # noqa: F401  (re-exported: the report layer's formatter)

DOCUMENT_SCHEMA_VERSION = 1


@dataclass
class Text:
    text: str
    verbose: bool = False
    kind: str = "text"


@dataclass
class KeyValues:
    items: list[tuple[str, str]]
    title: str | None = None
    verbose: bool = False
    kind: str = "keyvalues"


@dataclass
class Table:
    columns: list[str]
    rows: list[list[str]]
    title: str | None = None
    verbose: bool = False
    kind: str = "table"


@dataclass
class TimelineEntry:
    label: str  # what happened, one line
    t_ms: float | None = None  # when (ms since start)
    duration_ms: float | None = None
    detail: str | None = None  # a second line, shown indented
    depth: int = 0  # nesting (a sub-trace inside a hop)
    status: str = "ok"  # ok | info | warning | error | muted


@dataclass
class Timeline:
    entries: list[TimelineEntry]
    title: str | None = None
    verbose: bool = False
    kind: str = "timeline"


@dataclass
class SeqMessage:
    src: str
    dst: str
    label: str
    t_ms: float | None = None
    note: str | None = None
    status: str = "ok"  # ok | warning | error (e.g. lost, RST)


@dataclass
class Sequence:
    participants: list[str]
    messages: list[SeqMessage]
    title: str | None = None
    verbose: bool = False
    kind: str = "sequence"


@dataclass
class ChartSeries:
    """One line (or set of points) of an x/y chart: e.g. cwnd over time, sequence numbers over time."""

    label: str  # the legend entry
    points: list[tuple[float, float]]  # (x, y), in the chart's units
    style: str = "line"  # line | step (a value that holds until the next point) | points (markers only)
    status: str = "ok"  # ok | info | warning | error | muted: e.g. retransmissions drawn as warnings


@dataclass
class ChartSpan:
    """One bar of a row chart (a waterfall, a Gantt of phases): from ``start`` to ``end`` on the x axis."""

    row: str  # the row it sits on (a request, a protocol); rows keep their first-mention order
    start: float
    end: float
    part: str = ""  # the legend group (e.g. "connection set-up", "waiting", "receiving"); same part, same colour
    note: str | None = None  # a tooltip in HTML


@dataclass
class Chart:
    """A chart: x/y ``series`` (line, step, points), or ``spans`` on labelled rows (a waterfall).

    Units are given apart from the axis labels (``x_label="time", x_unit="ms"``) so that every
    renderer can say them its own way.  Renderers: HTML draws it with matplotlib (inline SVG), the
    terminal draws a compact text plot, Markdown a table of the values.
    """

    x_label: str
    x_unit: str = ""
    y_label: str = ""
    y_unit: str = ""
    series: list[ChartSeries] = field(default_factory=list)
    spans: list[ChartSpan] = field(default_factory=list)
    title: str | None = None
    verbose: bool = False
    kind: str = "chart"

    def rows(self) -> list[str]:
        """The span rows in first-mention order."""
        out: list[str] = []
        for s in self.spans:
            if s.row not in out:
                out.append(s.row)
        return out

    def parts(self) -> list[str]:
        """The span parts (legend groups) in first-mention order."""
        out: list[str] = []
        for s in self.spans:
            if s.part not in out:
                out.append(s.part)
        return out


@dataclass
class Section:
    title: str
    blocks: list = field(default_factory=list)
    verbose: bool = False
    kind: str = "section"


Block = Text | KeyValues | Table | Timeline | Sequence | Chart | Section


@dataclass
class Document:
    title: str
    probe: str
    blocks: list = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    summary: str | None = None  # one or two sentences: the story in short
    lang: str = "en"

    def concept_ids(self) -> list[str]:
        """Concept notes the findings point to, in first-mention order."""
        seen: list[str] = []
        for f in self.findings:
            for c in f.concepts:
                if c not in seen:
                    seen.append(c)
        return seen

    def find(self, kind: type) -> list:
        """Every block of type ``kind``, depth first through sections, in document order."""
        out: list = []

        def walk(blocks: list) -> None:
            for b in blocks:
                if isinstance(b, kind):
                    out.append(b)
                if isinstance(b, Section):
                    walk(b.blocks)

        walk(self.blocks)
        return out

    def to_json(self) -> dict:
        return to_jsonable(self)


def finite_points(points) -> list[tuple[float, float]]:
    """A chart series' points that are two finite numbers each (anything else is left out)."""
    import math

    out = []
    for p in points:
        try:
            x, y = float(p[0]), float(p[1])
        except (TypeError, ValueError, IndexError):
            continue
        if math.isfinite(x) and math.isfinite(y):
            out.append((x, y))
    return out
