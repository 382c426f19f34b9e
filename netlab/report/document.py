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

    def all_participants(self) -> list[str]:
        """The participants in order, then anyone a message names who is not among them."""
        out = list(self.participants)
        for m in self.messages:
            out.extend(p for p in (m.src, m.dst) if p not in out)
        return out


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
class HexField:
    """One field's bytes in a HexDump: ``[start, end)`` as offsets into the frame (not into ``data``)."""

    start: int
    end: int  # exclusive
    name: str
    layer: str = ""  # the legend group it belongs to (a header: "IPv4"); same layer, same colour


@dataclass
class HexLegend:
    """One legend entry of a HexDump: a layer (as in ``HexField.layer``) and what the legend says of it."""

    layer: str
    label: str  # e.g. "IPv4 header: bytes 14-33"


@dataclass
class HexDump:
    """Bytes as a packet-bytes pane (Wireshark's): hex rows with offsets, each field's bytes marked.

    ``data`` are the bytes shown (a hex string is accepted and turned into bytes); ``offset`` is the
    frame offset of ``data[0]`` (a dump continued from an earlier one), so that field ranges are frame
    offsets throughout.  Fields may nest or overlap (a header and its options, bit fields sharing a
    byte): a byte is marked as the narrowest field that covers it (the one Wireshark selects when
    that byte is clicked; on a tie the first in the list).  A field outside the bytes shown is
    clipped to them, one with nothing left (or not a range at all) is left out.
    """

    data: bytes
    fields: list[HexField] = field(default_factory=list)
    legend: list[HexLegend] = field(default_factory=list)  # in colour order; layers left out follow
    offset: int = 0
    title: str | None = None
    verbose: bool = False
    kind: str = "hexdump"

    def __post_init__(self) -> None:
        if isinstance(self.data, str):
            self.data = bytes.fromhex(self.data)
        elif not isinstance(self.data, bytes):
            self.data = bytes(self.data)

    @property
    def end(self) -> int:
        return self.offset + len(self.data)

    def spans(self) -> list[tuple[int, int, HexField]]:
        """The fields that show, clipped to the bytes shown: ``(start, end, field)`` by start, then list order."""
        out = []
        for i, f in enumerate(self.fields):
            a, b = getattr(f, "start", None), getattr(f, "end", None)
            if not _is_int(a) or not _is_int(b):
                continue
            a, b = max(a, self.offset), min(b, self.end)
            if a < b:
                out.append((a, i, b, f))
        out.sort(key=lambda t: (t[0], t[1]))
        return [(a, b, f) for a, _, b, f in out]

    def owners(self) -> list[int | None]:
        """For each byte of ``data``, the index into :meth:`spans` of the field it is marked as (or None)."""
        own: list[int | None] = [None] * len(self.data)
        width: list[int] = [0] * len(self.data)
        for k, (a, b, _) in enumerate(self.spans()):
            for pos in range(a - self.offset, b - self.offset):
                if own[pos] is None or b - a < width[pos]:
                    own[pos], width[pos] = k, b - a
        return own

    def layers(self) -> list[str]:
        """The layers in colour order: the legend's, then any other a field names (first mention)."""
        out: list[str] = []
        for x in [e.layer for e in self.legend] + [f.layer for _, _, f in self.spans()]:
            if x not in out:
                out.append(x)
        return out

    def legend_items(self) -> list[HexLegend]:
        """What the legend shows: the producer's entries, else one per named layer (its name)."""
        if self.legend:
            seen: set[str] = set()
            return [e for e in self.legend if not (e.layer in seen or seen.add(e.layer))]
        return [HexLegend(x, x) for x in self.layers() if x]


    def colours(self, owners: list[int | None] | None = None) -> list[tuple[int, bool]]:
        """For each of :meth:`spans`: its layer's place in :meth:`layers`, and whether it is the layer's
        2nd, 4th... field that marks bytes (alternate fields get a second shade, so neighbours differ)."""
        owners = self.owners() if owners is None else owners
        marking = set(o for o in owners if o is not None)
        order = {x: i for i, x in enumerate(self.layers())}
        count: dict[str, int] = {}
        out = []
        for k, (_, _, f) in enumerate(self.spans()):
            n = count.get(f.layer, 0)
            out.append((order.get(f.layer, 0), n % 2 == 1))
            if k in marking:
                count[f.layer] = n + 1
        return out

    def layer_firsts(self) -> set[int]:
        """Indices into :meth:`spans` of each named layer's first field, when that field starts in the
        bytes shown (a renderer names the layer there; a dump continued mid-layer names none)."""
        first: dict[str, tuple[int, int]] = {}
        for i, f in enumerate(self.fields):
            if f.layer and _is_int(f.start) and _is_int(f.end) and f.start < f.end:
                first[f.layer] = min(first.get(f.layer, (f.start, i)), (f.start, i))
        out: set[int] = set()
        for k, (a, _, f) in enumerate(self.spans()):
            if f.layer in first and first[f.layer][0] == a == f.start and self.fields[first[f.layer][1]] is f:
                out.add(k)
        return out

    def layer_starts(self) -> set[int]:
        """Frame offsets where a named layer's first field starts (renderers may mark the boundary)."""
        spans = self.spans()
        return {spans[k][0] for k in self.layer_firsts()}

    def row_starts(self, per_row: int) -> list[int]:
        """The frame offsets that start a row of ``per_row`` bytes (rows are aligned to ``per_row``)."""
        return list(range(self.offset - self.offset % per_row, self.end, per_row))


def byte_range(start: int, end: int) -> str:
    """Bytes [start, end) as people write them: 14, or 26-29."""
    return str(start) if end - start <= 1 else f"{start}-{end - 1}"


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


@dataclass
class Section:
    title: str
    blocks: list = field(default_factory=list)
    verbose: bool = False
    kind: str = "section"


Block = Text | KeyValues | Table | Timeline | Sequence | Chart | HexDump | Section


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
