"""`lab check`: each answer against the student's evidence and variant (pure but for reading files).

Statuses: ``pass``; ``fail`` (a wrong value, an unreadable value, or missing evidence: the reason
and where to look); ``missing`` (not answered); ``instructor`` (free text, read by a person).
The check passes — exit 0 — when every machine-checkable answer passes and the answer file has
no problems.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netlab.i18n import T
from netlab.lab import answers as ans
from netlab.lab.base import Ctx, LabDef, NoEvidence, Question, Variant
from netlab.lab.messages import M

STATUSES = ("pass", "fail", "missing", "instructor")


@dataclass
class Outcome:
    key: str
    status: str
    answer: str = ""
    reason: T | None = None
    look: T | None = None
    cause: str = ""  # a failure's cause: value (wrong) | unreadable (not a value) | evidence (none usable)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"key": self.key, "status": self.status, "answer": self.answer, "cause": self.cause}
        for name in ("reason", "look"):
            value = getattr(self, name)
            out[name] = {"en": value.render("en"), "ko": value.render("ko")} if value else None
        return out


@dataclass
class Report:
    lab: LabDef
    variant: Variant
    answers_path: str
    evidence_dir: str
    problems: list[ans.Problem] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    golden_evidence: bool = False  # checked against netlab's golden Recordings (lab check --golden)
    student: str = ""  # whose work it is (in golden mode not the variant's ID, which is "golden")

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def checkable(self) -> int:
        return sum(1 for o in self.outcomes if o.status != "instructor")

    @property
    def ok(self) -> bool:
        return not self.problems and self.checkable > 0 and self.count("pass") == self.checkable

    def to_json(self) -> dict[str, Any]:
        return {
            "format": "netlab-lab-check", "version": 1,
            "lab": self.lab.id, "student": self.student or self.variant.student, "seed": f"{self.variant.seed:016x}",
            "golden": self.variant.golden, "sandbox": self.variant.sandbox,
            "answers": self.answers_path, "evidence": self.evidence_dir, "ok": self.ok,
            "counts": {s: self.count(s) for s in STATUSES},
            "problems": [{"line": p.line, "en": p.message.render("en"), "ko": p.message.render("ko")}
                         for p in self.problems],
            "outcomes": [o.to_json() for o in self.outcomes],
        }


def run_check(lab: LabDef, variant: Variant, answers_path: str | Path, evidence_dir: str | Path,
              sandbox: str | None, student: str | None = None, evidence: Any = None) -> Report:
    """Parse the answer file, then check every key of the lab (a file with problems: no checks).

    ``evidence``: an Evidence loader to reuse (it caches each analysed Recording), else a new one."""
    from netlab.lab.evidence import Evidence

    report = Report(lab, variant, str(answers_path), str(evidence_dir), student=student or variant.student)
    text, problem = ans.read(answers_path)
    if problem is not None:
        report.problems.append(problem)
        return report
    parsed = ans.parse(text, [q.key for q in lab.questions], lab=lab.number)
    owner = student or variant.student
    if parsed.student and parsed.student != owner:
        parsed.problems.append(ans.Problem(0, M.t("answers.other-student", found=parsed.student, want=owner)))
    report.problems = parsed.problems
    if report.problems:
        return report
    ctx = Ctx(lab, variant, evidence if evidence is not None else Evidence(evidence_dir, sandbox))
    report.outcomes = [check_one(q, parsed.get(q.key), ctx) for q in lab.questions]
    return report


def check_one(q: Question, raw: str, ctx: Ctx) -> Outcome:
    shown = raw if len(raw) <= 100 else raw[:99] + "…"
    if q.expect is None:
        return Outcome(q.key, "instructor", shown)
    if not raw:
        return Outcome(q.key, "missing")
    look = M.t(q.look) if q.look else None
    try:
        got = value_of(q, raw)
    except ans.ValueProblem as e:
        return Outcome(q.key, "fail", shown, e.message, look, cause="unreadable")
    try:
        want = q.expect(ctx)
    except NoEvidence as e:
        return Outcome(q.key, "fail", shown, e.message, look, cause="evidence")
    if agrees(q, got, want):
        return Outcome(q.key, "pass", shown)
    source = ", ".join(ctx.lab.run(r).file for r in q.runs) or M.t("source.variant")
    return Outcome(q.key, "fail", shown, M.t("fail.value", got=shown, want=describe(q, want), source=source), look,
                   cause="value")


NONE = ("none", "-", "없음", "(none)")


def value_of(q: Question, raw: str) -> Any:
    if q.kind == "int":
        return ans.number(raw, q.unit, integer=True)
    if q.kind == "float":
        return ans.number(raw, q.unit)
    if q.kind == "name":
        return ans.dns_name(raw)
    if q.kind == "names":
        return [ans.dns_name(w) for w in ans.words(raw)]
    if q.kind == "nameset":  # names in any order; "none" (or "-", "없음") for none
        return sorted({ans.dns_name(w) for w in ans.words(raw) if w.lower() not in NONE})
    if q.kind == "choice":
        return ans.choice(raw, q.choices)
    if q.kind == "text":
        return ans.text(raw)
    raise ValueError(f"question {q.key}: unknown kind {q.kind!r}")


def agrees(q: Question, got: Any, want: Any) -> bool:
    if q.kind == "float":
        return abs(got - float(want)) <= max(q.tol[0], q.tol[1] * abs(float(want)))
    if q.kind == "name":
        return got == ans.dns_name(str(want))
    if q.kind == "names":
        return got == [ans.dns_name(str(w)) for w in want]
    if q.kind == "nameset":
        return got == sorted({ans.dns_name(str(w)) for w in want})
    if q.kind == "int":
        return got == int(want)
    if q.kind == "text":
        return got == ans.text(str(want))
    return got == want


def describe(q: Question, want: Any) -> str:
    unit = f" {q.unit}" if q.unit and q.unit != "bytes" else ""
    if q.kind == "float":
        tol = max(q.tol[0], q.tol[1] * abs(float(want)))
        return f"{float(want):.1f}{unit} (±{tol:.1f})"
    if q.kind == "names":
        return " ".join(want)
    if q.kind == "nameset":
        return " ".join(sorted(want)) or "none"
    return f"{want}{unit}"


# ------------------------------------------------------------------------------------ rendering

TAGS = {"pass": "check.tag.pass", "fail": "check.tag.fail", "missing": "check.tag.missing",
        "instructor": "check.tag.instructor"}


def render_text(report: Report, lang: str = "en") -> str:
    """The report for a terminal: plain text, one line per key, reasons indented below."""
    v = report.variant
    out = [M.text("check.title", lang, lab=report.lab.id, student=report.student or v.student, sandbox=v.sandbox,
                  seed=f"{v.seed:016x}"[:8])]
    if report.golden_evidence:
        out.append("  " + M.text("check.golden", lang))
    out.append("  " + M.text("check.files", lang, answers=report.answers_path, evidence=report.evidence_dir))
    out.append("")
    if report.problems:
        out.append(M.text("check.problems", lang, n=len(report.problems)))
        out += ["  " + p.render(report.answers_path, lang) for p in report.problems]
        return "\n".join(out) + "\n"
    tags = {s: M.text(k, lang) for s, k in TAGS.items()}
    width = max(len(t) for t in tags.values())
    kw = max(len(o.key) for o in report.outcomes)
    for o in report.outcomes:
        detail = o.answer if o.status in ("pass", "fail") else ""
        if o.status == "instructor":
            detail = M.text("check.for-instructor", lang) if o.answer else M.text("check.not-answered", lang)
        out.append(f"{tags[o.status]:<{width}}  {o.key:<{kw}}  {detail}".rstrip())
        if o.reason is not None:
            out.append(" " * (width + 2) + "  " + o.reason.render(lang))
        if o.look is not None and o.status == "fail":
            out.append(" " * (width + 2) + "  " + M.text("check.look", lang, where=o.look.render(lang)))
    out.append("")
    out.append(M.text("check.summary", lang, passed=report.count("pass"), checkable=report.checkable,
                      failed=report.count("fail"), missing=report.count("missing"),
                      instructor=report.count("instructor")))
    out.append(M.text("check.ok" if report.ok else "check.not-ok", lang))
    return "\n".join(out) + "\n"
