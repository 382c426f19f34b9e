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


def test_lab11_variants_deal_the_weights_and_the_health_checks(tmp_path):
    lab = load(11)
    params = [lab.variant(s).params for s in IDS]
    assert len({tuple(p["weights"].values()) for p in params}) >= 5
    assert {p["inter_ms"] for p in params} == {400, 500, 600} and {p["fall"] for p in params} == {2, 3, 4}
    assert {p["rise"] for p in params} == {2, 3}
    for p in params:
        assert sorted(p["weights"].values()) == [1, 1, 2, 4]
    v = lab.variant("s1")
    sc = scn.load(lab.build(v.params).write(tmp_path / "s1"))
    assert sc.name == "lab-11" and sc.host("lb1") is not None and sc.host("lb2") is not None
    for h in ("lb1", "lb2"):
        hp = next(s for s in lab.build(v.params).host(h)["services"] if s["type"] == "haproxy")
        assert hp["weights"] == v.params["weights"] and hp["check"]["fall"] == v.params["fall"]
    text = " ".join(t.render("en") for _, t in lab.expected(v))
    assert f"every {v.params['inter_ms']} ms" in text and f"after {v.params['fall']} failed checks" in text


def test_lab11_golden_answers_checked_as_another_student_fail_where_the_variant_differs():
    lab = load(11)
    v = lab.variant("s1")
    assert v.params["weights"] != {"web1": 4, "web2": 2, "web3": 1, "web4": 1} and v.params["inter_ms"] != 500
    report = run_check(lab, v, FIXTURES / "golden-11.answers.md", golden_dir(11), sandbox=None, student="golden")
    failed = {o.key for o in report.outcomes if o.status == "fail"}
    assert {"O2.web1_count", "O2.web3_count", "O2.heaviest", "O4.inter_ms", "O4.rise", "O4.inter_x_fall_ms"} <= failed
    assert not failed & {"O1.web1_count", "O5.source_moved", "O8.lost"}  # evidence-based: the golden run's own


def test_lab09_and_lab10_variants_set_the_app_service_options(tmp_path):
    """Lab 09 deals a login's lifetime, lab 10 the heartbeat's ping period: written into the app service
    of the variant's scenario (and checked by the sandbox's own loader), absent from the golden one."""
    for n, key, values in ((9, "session_ttl_s", {300, 600, 900, 1200, 1800}),
                           (10, "heartbeat_ping_s", {0.5, 0.75, 1.0, 1.25, 1.5})):
        lab = load(n)
        params = [lab.variant(s).params for s in IDS + [f"t{i}" for i in range(12)]]
        assert {p[key] for p in params} == values
        v = next(lab.variant(s) for s in IDS if lab.variant(s).params[key] != lab.defaults[key])
        sc = scn.load(lab.build(v.params).write(tmp_path / f"{n}-{v.student}"))
        service = next(s for s in sc.host("app").services if s["type"] == "app")
        assert service[key] == v.params[key]
        golden = lab.build(lab.variant("golden").params)
        assert key not in next(s for s in golden.host("app")["services"] if s["type"] == "app")
    v = load(10).variant("s2")
    text = " ".join(t.render("en") for _, t in load(10).expected(v))
    assert f"pings every {1000 * v.params['heartbeat_ping_s']:.0f} ms" in text


def test_the_app_service_refuses_options_out_of_range():
    """A scenario's session_ttl_s / heartbeat_ping_s are checked before anything starts: one line."""
    from types import SimpleNamespace

    import pytest

    from netlab.errors import ScenarioError
    from netlab.sandbox.services import app

    host = SimpleNamespace(name="app")
    assert app._option({}, host, "session_ttl_s", int, 600, 1, 3600) == 600
    assert app._option({"heartbeat_ping_s": 1}, host, "heartbeat_ping_s", float, 1.0, 0.2, 30.0) == 1.0
    for bad in (0, 3601, 1.5, "600", True, None):
        with pytest.raises(ScenarioError, match="session_ttl_s must be a number from 1 to 3600"):
            app._option({"session_ttl_s": bad}, host, "session_ttl_s", int, 600, 1, 3600)
