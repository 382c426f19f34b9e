"""netlab lab check on netlab's golden Recordings (pure: no sandbox).

The golden Recordings (netlab/lab/golden/NN/) were made by the model student running each lab's
worksheet commands in the default scenario (tests/fixtures/lab/model_student.py); the right
answers beside them (tests/fixtures/lab/golden-NN.answers.md) were filled from that evidence.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from netlab.lab import answers as ans
from netlab.lab import load
from netlab.lab.check import render_text, run_check
from netlab.lab.session import golden_dir

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lab"
LABS = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)


def answers_file(n: int) -> Path:
    return FIXTURES / f"golden-{n:02d}.answers.md"


_EVIDENCE: dict = {}


def check(n: int, answers: Path, evidence: Path | None = None, sandbox: str | None = None):
    """Check against the golden evidence (analysed once per lab and kept) or against `evidence`."""
    from netlab.lab.evidence import Evidence

    lab = load(n)
    v = lab.variant("golden")
    loader = None
    if evidence is None and sandbox is None:
        loader = _EVIDENCE.setdefault(n, Evidence(golden_dir(n), v.sandbox))
    return run_check(lab, v, answers, evidence or golden_dir(n), sandbox=sandbox or v.sandbox, evidence=loader)


def edited(tmp_path: Path, n: int, key: str, value: str) -> Path:
    lines = answers_file(n).read_text(encoding="utf-8").splitlines()
    out = [f"- {key}: {value}" if line.startswith(f"- {key}:") else line for line in lines]
    assert out != lines, key
    path = tmp_path / f"{n:02d}-{key}.md"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("n", LABS)
def test_the_right_answers_pass(n):
    report = check(n, answers_file(n))
    failed = [(o.key, o.reason.render("en")) for o in report.outcomes if o.status != "pass" and
              o.status != "instructor"]
    assert not failed
    assert report.ok and report.checkable >= 10 and report.count("instructor") >= 10
    for lang in ("en", "ko"):
        text = render_text(report, lang)
        assert ("All machine-checked answers pass." in text) == (lang == "en")
    assert "자동 채점 답이 모두 통과했습니다." in render_text(report, "ko")
    assert not english_in(render_text(report, "ko")), "English text in the Korean check report"


def english_in(text: str) -> list[str]:
    """The lab catalogue's English sentences (four words or more) that appear in a Korean text."""
    import re

    from netlab import i18n

    i18n.load_all()
    flat = " ".join(text.split())
    found = []
    for key, (en, ko) in i18n.registry().items():
        if not key.startswith("lab."):
            continue
        for piece in re.split(r"\{[^}]*\}", en):
            piece = " ".join(piece.split())
            if len(piece.split()) >= 4 and piece in flat and piece not in ko:
                found.append(f"{key}: {piece!r}")
    return found


def wrong(q, right: str) -> str:
    """A wrong answer of the question's kind, next to the right one."""
    if q.kind == "int":
        return str(ans.number(right, q.unit, integer=True) + 1)
    if q.kind == "float":
        v = ans.number(right, q.unit)
        return f"{v + 10 * max(q.tol[0], q.tol[1] * abs(v)) + 5:.1f}"
    if q.kind == "name":
        return "wrong.example."
    if q.kind in ("names", "nameset"):
        return right + " extra.example."
    if q.kind == "text":
        return "not-" + right
    choices = list(q.choices)
    return next(c for c in choices if c != ans.choice(right, q.choices))


@pytest.mark.parametrize("n", LABS)
def test_a_wrong_answer_in_each_machine_checked_question_fails_with_the_reason(n, tmp_path):
    lab = load(n)
    right = ans.parse(answers_file(n).read_text(encoding="utf-8"), [q.key for q in lab.questions])
    for q in lab.questions:
        if q.expect is None:
            continue
        bad = wrong(q, right.get(q.key))
        report = check(n, edited(tmp_path, n, q.key, bad))
        by_key = {o.key: o for o in report.outcomes}
        o = by_key[q.key]
        assert o.status == "fail", (q.key, bad)
        reason = o.reason.render("en")
        assert reason.startswith(f"you wrote {bad}") and " says " in reason, reason
        assert o.reason.render("ko").startswith(f"답: {bad}")
        assert [k for k, x in by_key.items() if x.status == "fail"] == [q.key], "one wrong answer, one failure"
        assert not report.ok


def test_an_unreadable_value_fails_with_what_was_expected(tmp_path):
    report = check(1, edited(tmp_path, 1, "O1.queries", "five"))
    o = next(o for o in report.outcomes if o.key == "O1.queries")
    assert o.status == "fail" and o.reason.render("en") == "'five' is not a number (unit: -)"
    assert "look at: r1.md" in render_text(report, "en")


def test_empty_answers_are_empty_not_wrong(tmp_path):
    report = check(1, edited(tmp_path, 1, "O1.queries", ""))
    assert next(o for o in report.outcomes if o.key == "O1.queries").status == "missing"
    assert report.count("fail") == 0 and not report.ok


def test_evidence_missing_malformed_of_another_command_or_another_sandbox(tmp_path):
    ev = tmp_path / "ev"
    shutil.copytree(golden_dir(1), ev)
    (ev / "r7a.rec.json").unlink()
    (ev / "r8.rec.json").write_text('{"format": "netlab-recording", "version": 1, "probe": "dns-trace", '
                                    '"events": [{"type": "Nonsense"}]}')
    shutil.copyfile(ev / "r4b.rec.json", ev / "r4c.rec.json")
    report = check(1, answers_file(1), ev)
    reason = {o.key: o.reason.render("en") for o in report.outcomes if o.reason}
    assert reason["O9.nxdomain_rcode"].startswith("no evidence: r7a.rec.json is missing; run step R7")
    assert "--save r7a.rec.json" in reason["O9.nxdomain_rcode"]
    assert reason["O10.cold_aa"].startswith("r8.rec.json is not a readable recording")
    assert reason["O7.glueless_queries"].startswith("r4c.rec.json is not the recording of step R4")
    assert {k for k in reason} == {"O9.nxdomain_rcode", "O9.nxdomain_negative_ttl", "O10.cold_aa",
                                   "O10.cached_ms", "O10.cached_ttl", "O7.glueless_queries", "O7.subtrace_zones"}
    other = check(1, answers_file(1), sandbox="lab-01-s1")
    r = next(o for o in other.outcomes if o.key == "O1.queries").reason.render("en")
    assert r == ("r1.rec.json was recorded in sandbox 'lab-01-golden', not in your lab sandbox 'lab-01-s1': run "
                 "step R1 again with --sandbox=lab-01-s1")


def test_the_variant_is_checked_not_only_the_evidence(tmp_path):
    """Golden evidence and answers, checked as student s1's: variant-dependent answers fail."""
    lab = load(1)
    v = lab.variant("s1")
    assert v.params["partly_dead"] != "ns.dead.lab.test"
    report = run_check(lab, v, answers_file(1), golden_dir(1), sandbox=None, student="golden")
    failed = {o.key for o in report.outcomes if o.status == "fail"}
    assert "O8.partly_dead_server" in failed and "O3.status_rtt_ms" in failed


def test_an_answer_file_with_problems_checks_nothing(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("lab: 01\nstudent: golden\n- O1.queries: 5\noops\n- Z9: 1\n")
    report = check(1, path)
    assert report.outcomes == [] and not report.ok
    text = render_text(report, "en")
    assert f"{path}:4: not an answer line" in text and f"{path}:5: unknown key 'Z9'" in text
    other = tmp_path / "b.md"
    other.write_text("lab: 01\nstudent: s2\n")
    assert "the file says 'student: s2', but this is the work of golden" in render_text(check(1, other), "en")


def run_netlab(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    code = "import sys; from netlab.cli import main; main(sys.argv[1:])"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=cwd,
                          timeout=60, env={"PATH": "/usr/bin:/bin", "HOME": str(cwd), "NO_COLOR": "1"})


def test_golden_mode_from_the_command_line(tmp_path):
    start = run_netlab("lab", "start", "3", "--student", "kim.minji", "--golden", "--lang", "ko", cwd=tmp_path)
    assert start.returncode == 0, start.stderr
    work = tmp_path / "netlab-labs" / "03"
    assert (work / "r1.rec.json").is_file() and (work / "r1.pcap").is_file() and (work / "answers.md").is_file()
    assert "골든 모드" in start.stdout
    empty = run_netlab("lab", "check", "3", cwd=work)
    assert empty.returncode == 1 and "미답" not in empty.stdout and "EMPTY" in empty.stdout
    text = answers_file(3).read_text(encoding="utf-8").replace("student: golden", "student: kim.minji")
    (work / "answers.md").write_text(text, encoding="utf-8")
    done = run_netlab("lab", "check", "3", "--lang", "ko", cwd=work)
    assert done.returncode == 0, done.stdout
    assert "자동 채점 답이 모두 통과했습니다." in done.stdout and (work / "check.json").is_file()
    listing = run_netlab("lab", "list", cwd=tmp_path)
    assert "done: 29 of 29 pass" in listing.stdout


def test_usage_errors_are_one_line(tmp_path):
    bad = run_netlab("lab", "start", "99", "--student", "s1", "--no-up", cwd=tmp_path)
    assert bad.returncode == 2 and bad.stderr.startswith("netlab: there is no lab 99")
    bad = run_netlab("lab", "start", "1", "--student", "a/b", "--no-up", cwd=tmp_path)
    assert bad.returncode == 2 and "is not a student ID" in bad.stderr
    nobody = run_netlab("lab", "check", "1", "--dir", str(tmp_path), cwd=tmp_path)
    assert nobody.returncode == 2 and "no student ID for lab 01" in nobody.stderr
