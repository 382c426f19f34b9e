"""`lab grade DIR`: every submission in DIR checked, into one CSV and one Markdown summary.

A submission is a sub-directory of DIR holding a student's answers.md and the evidence files
(the student's work directory, copied or unpacked as it is).  Each is checked exactly as
``lab check`` would, from its own files: check.json files in it are not trusted.  The summary
shows, per question, how many passed, failed or left it empty, and the most common wrong answers
(the class's misconceptions); it also lists the submissions whose answer file could not be read,
and evidence files that are byte-for-byte identical in two students' submissions.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from netlab.errors import UsageError
from netlab.lab import answers as ans
from netlab.lab.messages import M

MAX_SUBMISSIONS = 1000


@dataclass
class Row:
    name: str  # the sub-directory
    student: str = ""
    lab: str = ""
    report: object | None = None  # netlab.lab.check.Report
    problem: str = ""  # why it could not be checked at all


@dataclass
class Grade:
    rows: list[Row] = field(default_factory=list)
    duplicates: list[tuple[str, list[str]]] = field(default_factory=list)  # (file, [submission...])


def grade(directory: Path, lang: str = "en") -> Grade:
    from netlab.lab import load
    from netlab.lab.check import run_check

    if not directory.is_dir():
        raise UsageError(f"{directory} is not a directory of submissions")
    subs = sorted(p for p in directory.iterdir() if p.is_dir() and not p.name.startswith("."))
    if len(subs) > MAX_SUBMISSIONS:
        raise UsageError(f"{directory} holds more than {MAX_SUBMISSIONS} submissions")
    out = Grade()
    for sub in subs:
        row = Row(sub.name)
        path = sub / "answers.md"
        text, problem = ans.read(path)
        header = ans.parse(text, ()) if text is not None else None
        if problem is not None or header is None or header.lab is None or header.student is None:
            first = problem or next((p for p in (header.problems if header else []) if "unknown-key" not in
                                     p.message.key), ans.Problem(0, M.t("answers.no-lab")))
            row.problem = first.render("answers.md", lang)
            out.rows.append(row)
            continue
        row.student, row.lab = header.student, f"{header.lab:02d}"
        try:
            lab = load(header.lab)
        except UsageError as e:
            row.problem = e.message
            out.rows.append(row)
            continue
        row.report = _check(lab, header.student, sub, path, run_check)
        out.rows.append(row)
    out.duplicates = _identical_evidence(out.rows, directory)
    return out


def _check(lab, student: str, sub: Path, path: Path, run_check):
    """A submission checked as lab check would: its own evidence and variant, or, when its lab.json
    says it was done in golden mode (no sandbox), netlab's golden evidence and the golden variant."""
    from netlab.lab.session import golden_dir
    from netlab.lab.student import GOLDEN
    from netlab.lab.workdir import read_state

    state = read_state(sub) or {}
    golden = bool(state.get("golden")) and state.get("student") == student and state.get("lab") == lab.number
    v = lab.variant(GOLDEN if golden else student)
    report = run_check(lab, v, path, golden_dir(lab.number) if golden else sub, sandbox=v.sandbox, student=student)
    report.golden_evidence = golden
    return report


def _identical_evidence(rows: list[Row], directory: Path) -> list[tuple[str, list[str]]]:
    seen: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        if row.report is None or row.report.golden_evidence:  # golden evidence is the same for all, by design
            continue
        for run in row.report.lab.runs:
            path = directory / row.name / run.file
            if path.is_file() and path.stat().st_size <= 64 << 20:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                seen[f"{run.file}:{digest}"].append(row.name)
    return sorted((key.split(":", 1)[0], names) for key, names in seen.items() if len(set(names)) > 1)


# ------------------------------------------------------------------------------------ outputs


def keys_of(g: Grade) -> list[str]:
    keys: list[str] = []
    for row in g.rows:
        if row.report is not None:
            for o in row.report.outcomes:
                if o.key not in keys:
                    keys.append(o.key)
    return keys


def to_csv(g: Grade) -> str:
    keys = keys_of(g)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["submission", "student", "lab", "golden", "ok", "passed", "checkable", "failed", "empty", "for_instructor",
                "problem", *keys])
    for row in g.rows:
        r = row.report
        if r is None or r.problems:
            problem = row.problem or (r.problems[0].render("answers.md", "en") if r else "")
            w.writerow([row.name, row.student, row.lab, "", "no", "", "", "", "", "", _cell(problem),
                        *[""] * len(keys)])
            continue
        status = {o.key: o.status for o in r.outcomes}
        w.writerow([row.name, row.student, row.lab, "yes" if r.golden_evidence else "no", "yes" if r.ok else "no",
                    r.count("pass"), r.checkable,
                    r.count("fail"), r.count("missing"), r.count("instructor"), "",
                    *[status.get(k, "") for k in keys]])
    return buf.getvalue()


def _cell(text: str) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def to_markdown(g: Grade, lang: str = "en") -> str:
    t = lambda k, **kw: M.text(k, lang, **kw)  # noqa: E731
    checked = [r for r in g.rows if r.report is not None and not r.report.problems]
    out = [t("grade.title"), "", t("grade.counts", total=len(g.rows), checked=len(checked),
                                    done=sum(1 for r in checked if r.report.ok),
                                    unreadable=len(g.rows) - len(checked)), ""]
    if checked:
        out += [f"| {t('grade.h.key')} | {t('check.tag.pass')} | {t('check.tag.fail')} | "
                f"{t('check.tag.missing')} | {t('grade.h.common')} |", "| --- | ---: | ---: | ---: | --- |"]
        for key in keys_of(g):
            outs = [o for r in checked for o in r.report.outcomes if o.key == key]
            if outs and outs[0].status == "instructor":
                continue
            wrong = Counter(o.answer for o in outs if o.status == "fail" and o.cause == "value")
            common = ", ".join(f"`{_md(a)}` ×{n}" for a, n in wrong.most_common(3))
            out.append(f"| {key} | {sum(o.status == 'pass' for o in outs)} | {sum(o.status == 'fail' for o in outs)}"
                       f" | {sum(o.status == 'missing' for o in outs)} | {common} |")
        out.append("")
    bad = [r for r in g.rows if r not in checked]
    if bad:
        out += [t("grade.unreadable"), ""]
        for r in bad:
            why = r.problem or r.report.problems[0].render("answers.md", lang)
            more = len(r.report.problems) - 1 if r.report is not None else 0
            out.append(f"- `{_md(r.name)}`: {_md(why)}" + (t("grade.more", n=more) if more > 0 else ""))
        out.append("")
    if g.duplicates:
        out += [t("grade.duplicates"), ""]
        out += [f"- `{_md(f)}`: " + ", ".join(f"`{_md(n)}`" for n in names) for f, names in g.duplicates]
        out.append("")
    return "\n".join(out)


def to_document(g: Grade, lang: str = "en"):
    """The class summary as a Document (what `lab grade --html` renders): counts, a row per
    question with the most common wrong answers, unreadable submissions, identical evidence."""
    from netlab.report.document import Document, Section, Table, Text

    t = lambda k, **kw: M.text(k, lang, **kw)  # noqa: E731
    checked = [r for r in g.rows if r.report is not None and not r.report.problems]
    doc = Document(title=t("grade.title").lstrip("# ").strip(), probe="lab-grade", lang=lang,
                   summary=t("grade.counts", total=len(g.rows), checked=len(checked),
                             done=sum(1 for r in checked if r.report.ok), unreadable=len(g.rows) - len(checked)))
    rows = []
    for key in keys_of(g) if checked else []:
        outs = [o for r in checked for o in r.report.outcomes if o.key == key]
        if outs and outs[0].status == "instructor":
            continue
        wrong = Counter(o.answer for o in outs if o.status == "fail" and o.cause == "value")
        rows.append([key, str(sum(o.status == "pass" for o in outs)), str(sum(o.status == "fail" for o in outs)),
                     str(sum(o.status == "missing" for o in outs)),
                     ", ".join(f"{a} ×{n}" for a, n in wrong.most_common(3))])
    if rows:
        cols = [t("grade.h.key"), t("check.tag.pass"), t("check.tag.fail"), t("check.tag.missing"), t("grade.h.common")]
        doc.blocks.append(Table(cols, rows))
    bad = [r for r in g.rows if r not in checked]
    if bad:
        lines = [f"{r.name}: {r.problem or r.report.problems[0].render('answers.md', lang)}" for r in bad]
        doc.blocks.append(Section(t("grade.unreadable").lstrip("# ").strip(), [Text("\n".join(lines))]))
    if g.duplicates:
        lines = [f"{f}: {', '.join(names)}" for f, names in g.duplicates]
        doc.blocks.append(Section(t("grade.duplicates").lstrip("# ").strip(), [Text("\n".join(lines))]))
    return doc


def _md(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|").replace("`", "'")


