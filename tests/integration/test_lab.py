"""netlab lab in the sandbox: two students' variants of labs 01, 03 and 08 come up and differ (seen with an
independent client: dig, the sandbox's own status), and a scripted model student who runs the
worksheet's commands and fills answers.md from the evidence passes `lab check`.

Each lab sandbox is brought up by `netlab lab start` and brought down by `netlab lab stop` here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "lab"))
from model_student import LABS, Student  # noqa: E402

pytestmark = pytest.mark.integration

STUDENTS = ("s1", "s2")


def _skip_reason() -> str | None:
    from netlab.sandbox import control

    for tool, pkg in control.TOOLS.items():
        if not control.which(tool):
            return f"sandbox needs '{tool}' (apt-get install {pkg})"
    problem = control.userns_problem()
    return f"not root, and {problem}" if problem else None


@pytest.fixture
def students(tmp_path):
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    started: list[Student] = []

    def start(lab: int, student: str) -> Student:
        st = Student(lab, student, tmp_path / f"{lab:02d}-{student}")
        st.work.mkdir()
        proc = st.netlab("lab", "start", str(lab), "--student", student, "--dir", str(st.work), timeout=120)
        started.append(st)
        assert proc.returncode == 0, proc.stderr
        assert f"S={st.sandbox}" in proc.stdout
        return st

    try:
        yield start
    finally:
        for st in started:
            st.netlab("lab", "stop", str(st.lab), "--dir", str(st.work))


def _cname(st: Student) -> str:
    out = st.exec("dig", "+short", "www.naver.com")  # through the sandbox's resolver
    return out.split()[0].rstrip(".")


def test_lab01_two_students_get_different_sandboxes_and_both_pass(students):
    a, b = students(1, "s1"), students(1, "s2")
    from netlab.lab import load

    lab = load(1)
    for st in (a, b):
        assert _cname(st) == lab.variant(st.student).params["cname_target"]
    rtt = [{h["name"]: h["rtt_ms"] for h in st.status()["hosts"]} for st in (a, b)]
    assert rtt[0] != rtt[1]
    for st in (a, b):
        run, answers = LABS[1]
        run(st)
        st.write_answers(answers(st))
        check = st.netlab("lab", "check", "1", "--dir", str(st.work), "--json")
        report = json.loads(check.stdout)
        failed = [(o["key"], o["reason"]["en"]) for o in report["outcomes"] if o["status"] in ("fail", "missing")]
        assert check.returncode == 0 and not failed, failed
    # a's answers are not b's: checked against b's evidence and variant, some fail
    (b.work / "answers.md").write_text((a.work / "answers.md").read_text().replace("student: s1", "student: s2"))
    copied = b.netlab("lab", "check", "1", "--dir", str(b.work))
    assert copied.returncode == 1 and "FAIL" in copied.stdout


def test_lab03_two_students_get_different_ports_and_both_pass(students):
    from netlab.lab import load

    lab = load(3)
    ids = next((x, y) for x in ("s1", "s2", "s3") for y in ("s4", "s5", "s6")
               if lab.variant(x).params["filtered"] != lab.variant(y).params["filtered"])
    sts = [students(3, sid) for sid in ids]
    for st in sts:
        filtered = lab.variant(st.student).params["filtered"]
        # independent client: curl gets a refusal on the closed port (exit 7), silence on the filtered one (28)
        codes = {port: st.exec("sh", "-c", f"curl -s -o /dev/null --max-time 2 http://tcp.lab.test:{port}/; "
                                           "echo rc=$?").split("rc=")[-1].strip() for port in (81, 82)}
        assert codes == {filtered: "28", 163 - filtered: "7"}
        run, answers = LABS[3]
        run(st)
        st.write_answers(answers(st))
        check = st.netlab("lab", "check", "3", "--dir", str(st.work), "--lang", "ko")
        assert check.returncode == 0, check.stdout
        assert "자동 채점 답이 모두 통과했습니다." in check.stdout


def test_lab08_two_students_get_different_hosts_files_and_both_pass(students):
    """Lab 08 (journey): the hosts-file address and the delays differ (seen with getent and the sandbox's
    own status), and the model student passes in both, whichever address /etc/hosts gives."""
    from netlab.lab import load

    lab = load(8)
    ids = next((x, y) for x in ("s1", "s2", "s3") for y in ("s4", "s5", "s6", "s2")
               if x != y and lab.variant(x).params["hosts_addr"] != lab.variant(y).params["hosts_addr"])
    sts = [students(8, sid) for sid in ids]
    seen = []
    for st in sts:
        want = lab.variant(st.student).params["hosts_addr"]
        assert st.exec("getent", "hosts", "intranet.lab.test").split()[0] == want  # glibc, as the journey reads it
        seen.append(tuple(h["rtt_ms"] for h in st.status()["hosts"] if h["name"] in ("web-naver", "resolver",
                                                                                         "web-pstatic")))
        run, answers = LABS[8]
        run(st)
        st.write_answers(answers(st))
        check = st.netlab("lab", "check", "8", "--dir", str(st.work), "--json")
        report = json.loads(check.stdout)
        failed = [(o["key"], o["reason"]["en"]) for o in report["outcomes"] if o["status"] in ("fail", "missing")]
        assert check.returncode == 0 and not failed, failed
    assert seen[0] != seen[1]
    a, b = sts
    (b.work / "answers.md").write_text((a.work / "answers.md").read_text().replace(f"student: {a.student}",
                                                                                   f"student: {b.student}"))
    copied = b.netlab("lab", "check", "8", "--dir", str(b.work))
    assert copied.returncode == 1 and "O8.address" in copied.stdout and "FAIL" in copied.stdout
