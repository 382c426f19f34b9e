"""netlab lab 06 (TCP flow and congestion control): its variant and what is checked against the
variant rather than the evidence (pure: no sandbox; the golden Recordings of netlab/lab/golden/06)."""

from __future__ import annotations

from pathlib import Path

from netlab.lab import load
from netlab.lab.check import run_check
from netlab.lab.session import golden_dir
from netlab.sandbox import scenario as scn

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lab"
IDS = [f"s{i}" for i in range(1, 13)]


def test_lab06_variants_move_the_rtt_and_the_bottleneck(tmp_path):
    lab = load(6)
    params = [lab.variant(s).params for s in IDS]
    assert len({p["delay"] for p in params}) >= 4
    assert {p["rate_mbit"] for p in params} == {8.0, 10.0, 12.0} and {p["queue"] for p in params} == {16, 20, 24}
    v = lab.variant("s1")
    d = lab.build(v.params)
    for host in ("source", "sink"):
        link = d.host(host)["interfaces"][0]["link"]
        shaped = link.get("up") or link.get("down")
        assert link["delay_ms"] == v.params["delay"]
        assert shaped["rate_mbit"] == v.params["rate_mbit"] and shaped["queue_packets"] == v.params["queue"]
    sc = scn.load(d.write(tmp_path / "s1"))
    assert sc.rtt_ms()["source"] == 2 * v.params["delay"]
    text = " ".join(t.render("en") for _, t in lab.expected(v))
    assert f"bottleneck {v.params['rate_mbit']:.0f} Mbit/s with a queue of {v.params['queue']} frames" in text


def test_lab06_golden_answers_checked_as_another_student_fail_where_the_variant_differs():
    lab = load(6)
    v = lab.variant("s1")
    assert v.params != lab.defaults
    report = run_check(lab, v, FIXTURES / "golden-06.answers.md", golden_dir(6), sandbox=None, student="golden")
    failed = {o.key for o in report.outcomes if o.status == "fail"}
    assert failed == {"O1.status_rtt_ms", "O4.bottleneck_mbit", "O4.queue_frames"}
