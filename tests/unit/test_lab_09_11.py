"""netlab lab 09 (HTTP state), 10 (WebSocket) and 11 (load balancing): their variants and what is
checked against the variant rather than the evidence (pure: no sandbox; the golden Recordings of
netlab/lab/golden/)."""

from __future__ import annotations

from pathlib import Path

from netlab.lab import load
from netlab.lab.check import run_check
from netlab.lab.session import golden_dir
from netlab.sandbox import scenario as scn

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lab"
IDS = [f"s{i}" for i in range(1, 13)]


def test_lab09_variants_move_the_app_rtt(tmp_path):
    lab = load(9)
    params = [lab.variant(s).params for s in IDS]
    assert len({lab.build(p).rtt_ms("app") for p in params}) >= 5
    v = lab.variant("s3")
    sc = scn.load(lab.build(v.params).write(tmp_path / "s3"))
    assert sc.rtt_ms()["app"] == 2 * v.params["app_delay"] != 10.0
    text = " ".join(t.render("en") for _, t in lab.expected(v))
    assert f"app.lab.test: {2 * v.params['app_delay']:.0f} ms" in text


def test_lab09_golden_answers_checked_as_another_student_fail_on_the_rtt_only():
    lab = load(9)
    v = lab.variant("s3")
    report = run_check(lab, v, FIXTURES / "golden-09.answers.md", golden_dir(9), sandbox=None, student="golden")
    assert {o.key for o in report.outcomes if o.status == "fail"} == {"O1.status_rtt_ms"}


def test_lab09_a_copied_recording_fails_on_the_sandbox_name():
    lab = load(9)
    v = lab.variant("s3")
    report = run_check(lab, v, FIXTURES / "golden-09.answers.md", golden_dir(9), sandbox=v.sandbox, student="golden")
    reason = {o.key: o.reason.render("en") for o in report.outcomes if o.status == "fail"}
    assert "O1.requests" in reason and "not in your lab sandbox 'lab-09-s3'" in reason["O1.requests"]


def test_lab10_variants_move_the_app_rtt_and_the_expected_ping_follows(tmp_path):
    lab = load(10)
    params = [lab.variant(s).params for s in IDS]
    assert len({lab.build(p).rtt_ms("app") for p in params}) >= 5
    v = next(lab.variant(s) for s in IDS if lab.variant(s).params["app_delay"] != 5.0)
    sc = scn.load(lab.build(v.params).write(tmp_path / v.student))
    rtt = sc.rtt_ms()["app"]
    text = " ".join(t.render("en") for _, t in lab.expected(v))
    assert f"app.lab.test: {rtt:.0f} ms" in text and f"3 pings at about {rtt:.0f} ms" in text


def test_lab10_golden_answers_checked_as_another_student_fail_on_the_rtt_only():
    lab = load(10)
    v = next(lab.variant(s) for s in IDS if lab.variant(s).params["app_delay"] != 5.0)
    report = run_check(lab, v, FIXTURES / "golden-10.answers.md", golden_dir(10), sandbox=None, student="golden")
    assert {o.key for o in report.outcomes if o.status == "fail"} == {"O1.status_rtt_ms"}


def test_lab10_each_run_is_its_own_command(tmp_path):
    """R4's two polling runs and R6's two closes are told apart by their parameters, not their file names."""
    import shutil

    lab = load(10)
    ev = tmp_path / "ev"
    shutil.copytree(golden_dir(10), ev)
    shutil.copyfile(ev / "r4.rec.json", ev / "r4b.rec.json")
    shutil.copyfile(ev / "r6a.rec.json", ev / "r6b.rec.json")
    v = lab.variant("golden")
    report = run_check(lab, v, FIXTURES / "golden-10.answers.md", ev, sandbox=v.sandbox)
    reason = {o.key: o.reason.render("en") for o in report.outcomes if o.status == "fail"}
    assert set(reason) == {"O6.poll2_requests", "O6.poll2_latency_ms", "O8.r6b_code", "O8.r6b_meaning"}
    assert reason["O8.r6b_code"].startswith("r6b.rec.json is not the recording of step R6")
