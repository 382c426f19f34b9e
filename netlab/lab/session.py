"""What the `netlab lab` commands do, apart from printing (netlab/cli/lab.py prints).

``start`` writes the student's variant scenario, lab.json and a blank answers.md into the work
directory and brings the student's sandbox up through netlab.sandbox.control (the same calls as
``netlab sandbox up --scenario FILE --name lab-NN-ID``); ``check`` runs the checks; ``stop``
brings the sandbox down.  The variant's files go to ``<work dir>/.netlab/`` (the scenario and the
zone files it changed): the sandbox reads them while it starts.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from netlab.errors import EnvironmentProblem, UsageError
from netlab.lab import load
from netlab.lab.messages import M
from netlab.lab.student import GOLDEN, check_id, sandbox_name
from netlab.lab.workdir import (
    ANSWERS,
    default_dir,
    find_dir,
    read_state,
    save_check,
    write_state,
    write_template,
)

HIDDEN = ".netlab"


def golden_dir(number: int) -> Path:
    return Path(__file__).parent / "golden" / f"{number:02d}"


def worksheet(slug: str, lang: str) -> Path | None:
    """labs/<slug>.<lang>.md in a source checkout (the worksheets are not installed as package data)."""
    path = Path(__file__).resolve().parents[2] / "labs" / f"{slug}.{lang}.md"
    return path if path.is_file() else None


def start(number: int, student: str, directory: str | None, lang: str, golden: bool = False,
          up: bool = True) -> list[str]:
    lab = load(number)
    student = check_id(student)
    d = Path(directory).expanduser() if directory else default_dir(number)
    d.mkdir(parents=True, exist_ok=True)
    state = read_state(d)
    if state and (state.get("lab") != number or state.get("student") != student):
        raise UsageError(f"{d} already holds lab {state.get('lab')} of student {state.get('student')}",
                         hint="choose another directory with --dir")
    v = lab.variant(GOLDEN if golden else student)
    header = M.text("start.scenario-header", "en", lab=lab.id, student=student)
    scenario = lab.build(v.params).write(d / HIDDEN, header=header)
    write_state(d, v if not golden else _as(v, student), scenario, golden=golden)
    wrote = write_template(d, lab, _as(v, student), lang)
    if golden:
        _copy_golden(number, d)
    t = lambda k, **kw: M.text(k, lang, **kw)  # noqa: E731
    sheet = worksheet(lab.slug, lang)
    lines = [t("start.title", lab=lab.id, title=t(f"{lab.id}.title"), student=student, seed=f"{v.seed:016x}"[:8]),
             "  " + t("start.dir", dir=d, answers=ANSWERS + ("" if wrote else t("start.kept"))),
             "  " + t("start.worksheet", path=sheet or f"labs/{lab.slug}.{lang}.md")]
    if golden:
        lines.append("  " + t("start.golden", n=len(lab.runs)))
    elif up:
        lines.append("  " + _up(v.sandbox, scenario, lang))
    else:
        lines.append("  " + t("start.not-up", name=v.sandbox, scenario=scenario))
    if golden:
        lines.append("  " + t("start.shell-golden", dir=d))
    else:
        lines += ["  " + t("start.shell", dir=d, name=v.sandbox), *("  " + n.render(lang) for n in lab.start_notes(v))]
    lines.append("  " + t("start.check", n=number))
    return lines


def _as(v, student: str):
    from dataclasses import replace

    return replace(v, student=student)


def _up(name: str, scenario: Path, lang: str) -> str:
    from netlab.sandbox import control

    running = control.load_state(name)
    if running is not None and running.get("scenario") == str(scenario):
        return M.text("start.already-up", lang, name=name)
    if running is not None:
        control.down(name)
    try:
        state, _ = control.up(name, str(scenario))
    except EnvironmentProblem as e:
        e.hint = (e.hint + "; " if e.hint else "") + M.text("start.golden-hint", "en")
        raise
    return M.text("start.up", lang, name=name, hosts=len(state.get("hosts", [])), s=state.get("up_seconds", 0))


def _copy_golden(number: int, d: Path) -> None:
    src = golden_dir(number)
    for f in sorted([*src.glob("*.rec.json"), *src.glob("*.pcap")]) if src.is_dir() else []:
        if not (d / f.name).exists():
            shutil.copyfile(f, d / f.name)


def check(number: int, student: str | None, directory: str | None, golden: bool = False):
    from netlab.lab.check import run_check

    lab = load(number)
    d = find_dir(number, directory)
    state = read_state(d) or {}
    student = check_id(student) if student else _student(d, number, state)
    golden = golden or bool(state.get("golden") and state.get("student") == student)
    v = lab.variant(GOLDEN) if golden else lab.variant(student)
    evidence = golden_dir(number) if golden else d
    report = run_check(lab, v, d / ANSWERS, evidence, sandbox=v.sandbox, student=student)
    report.golden_evidence = golden
    save_check(d, report.to_json())
    return report


def _student(d: Path, number: int, state: dict) -> str:
    if state.get("lab") == number and state.get("student"):
        return check_id(state["student"])
    from netlab.lab import answers as ans

    text, _ = ans.read(d / ANSWERS)
    header = ans.parse(text, ()) if text is not None else None
    if header is not None and header.student and header.lab == number:
        return header.student
    raise UsageError(f"no student ID for lab {number:02d} in {d}",
                     hint=f"give --student ID, or start the lab: netlab lab start {number} --student ID")


def expected(number: int, student: str, lang: str) -> list[str]:
    lab = load(number)
    v = lab.variant(student)
    lines = [M.text("expected.title", lang, lab=lab.id, student=v.student, seed=f"{v.seed:016x}"[:8],
                    sandbox=v.sandbox)]
    lines += [f"  {step:<4} {text.render(lang)}" for step, text in lab.expected(v)]
    return lines


def stop(number: int, student: str | None, directory: str | None) -> str:
    from netlab.sandbox import control

    d = find_dir(number, directory)
    name = sandbox_name(number, check_id(student) if student else _student(d, number, read_state(d) or {}))
    return (f"sandbox '{name}' is down." if control.down(name) else f"sandbox '{name}' was not running.")
