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
