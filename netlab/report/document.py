"""The neutral Document tree every renderer walks (terminal, JSON, Markdown).

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
class Section:
    title: str
    blocks: list = field(default_factory=list)
    verbose: bool = False
    kind: str = "section"


Block = Text | KeyValues | Table | Timeline | Sequence | Section


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
