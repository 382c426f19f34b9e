"""What a lab is made of: its variant, the evidence its Run steps save, its questions (pure).

Each lab module (netlab/lab/labNN.py) declares one :class:`LabDef`:

- ``defaults`` and ``draw(rng)``: the variant's parameters — the default scenario's own values
  (the golden variant, whose figures the instructor notes quote) and a student's random ones;
- ``build(params)``: the :class:`~netlab.lab.draft.ScenarioDraft` those parameters give;
- ``runs``: the Recordings the worksheet's Run steps save with ``--save`` (file, probe, which
  command), the only evidence ``lab check`` reads;
- ``questions``: every key of the answer file, with what a right answer is: a value computed
  from the student's evidence and variant (``expect``), or None for the instructor (free text);
- ``expected(variant)``: the instructor's expected observations for this variant.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from netlab.i18n import T


@dataclass(frozen=True)
class Run:
    key: str  # "r1"
    step: str  # "R1"
    file: str  # "r1.rec.json", in the work directory
    probe: str  # "dns-trace"
    command: str  # the command as the worksheet writes it (without --save), for hints
    matches: Callable[[dict], bool]  # the Recording's params -> is it this command?


@dataclass(frozen=True)
class Question:
    key: str  # "O1.queries"
    kind: str  # int | float | name | names | nameset | choice | text | free
    expect: Callable[[Ctx], Any] | None = None  # None: for the instructor
    unit: str = ""  # ms | s | bytes | ""
    tol: tuple[float, float] = (0.0, 0.0)  # float answers: absolute, relative tolerance
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)
    runs: tuple[str, ...] = ()  # the evidence it is checked against
    look: str = ""  # catalogue key: where in the evidence to look

    @property
    def section(self) -> str:
        return {"P": "predict", "R": "run", "O": "observe", "E": "explain"}.get(self.key[:1], "other")


@dataclass(frozen=True)
class Variant:
    lab: int
    student: str
    seed: int
    params: dict[str, Any]
    golden: bool = False

    @property
    def sandbox(self) -> str:
        from netlab.lab.student import sandbox_name

        return sandbox_name(self.lab, self.student)


@dataclass(frozen=True)
class LabDef:
    number: int
    slug: str  # "01-dns-iterative": the worksheets are labs/<slug>.<lang>.md
    minutes: str  # "60–75"
    probes: tuple[str, ...]
    defaults: dict[str, Any]
    draw: Callable[[Any], dict[str, Any]]  # random.Random -> params
    build: Callable[[dict[str, Any]], Any]  # params -> ScenarioDraft
    runs: tuple[Run, ...]
    questions: tuple[Question, ...]
    expected: Callable[[Variant], list[tuple[str, T]]]
    start_notes: Callable[[Variant], list[T]] = lambda v: []

    @property
    def id(self) -> str:
        return f"{self.number:02d}"

    def run(self, key: str) -> Run:
        return next(r for r in self.runs if r.key == key)

    def question(self, key: str) -> Question:
        return next(q for q in self.questions if q.key == key)

    def variant(self, student: str) -> Variant:
        from netlab.lab.student import GOLDEN, check_id, rng, seed

        student = check_id(student)
        s = seed(self.number, student)
        if student == GOLDEN:
            return Variant(self.number, student, s, dict(self.defaults), golden=True)
        return Variant(self.number, student, s, self.draw(rng(self.number, student)))


class NoEvidence(Exception):
    """The Recording an answer is checked against is missing, unreadable or of another command."""

    def __init__(self, message: T, run: str = ""):
        super().__init__(message.key)
        self.message = message
        self.run = run


@dataclass
class Ctx:
    """What a check may look at: the variant, and the student's evidence (loaded on demand)."""

    lab: LabDef
    variant: Variant
    evidence: Any  # netlab.lab.evidence.Evidence

    @property
    def p(self) -> dict[str, Any]:
        return self.variant.params

    def result(self, run: str):
        return self.evidence.result(self.lab.run(run))

    def recording(self, run: str):
        return self.evidence.recording(self.lab.run(run))
