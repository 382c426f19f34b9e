"""netlab lab 07 (layers and the path) and 08 (journey): their variants and what is checked against
the variant rather than the evidence (pure: no sandbox; the golden Recordings of netlab/lab/golden/)."""

from __future__ import annotations

import shutil
from pathlib import Path

from netlab.lab import load
from netlab.lab.check import run_check
from netlab.lab.draft import ScenarioDraft
from netlab.lab.session import golden_dir, start
from netlab.sandbox import scenario as scn

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lab"
IDS = [f"s{i}" for i in range(1, 13)]


def _itf(d: ScenarioDraft, host: str, network: str) -> dict:
    return next(i for i in d.host(host)["interfaces"] if i["network"] == network)


def test_lab07_variants_move_the_silent_router_the_mtus_and_the_delays(tmp_path):
    lab = load(7)
    params = [lab.variant(s).params for s in IDS]
    assert {p["silent"] for p in params} == {"isp-edge", "isp-metro", "core-router"}
    assert len({p["backbone_mtu"] for p in params}) >= 3 and len({p["tunnel_mtu"] for p in params}) >= 3
    assert len({lab.build(p).rtt_ms("far") for p in params}) >= 5
    for p in params:
        assert 1280 <= p["tunnel_mtu"] < p["backbone_mtu"] < 1500  # the black hole stays between the two
        d = lab.build(p)
        silent = [h for h in ("isp-edge", "isp-metro", "core-router")
                  if (d.host(h).get("icmp") or {}).get("time_exceeded") is False]
        assert silent == [p["silent"]]
        assert d.host("vpn-gw")["icmp"] == {"filter_frag_needed": True}  # the black hole is kept
        assert _itf(d, "isp-metro", "backbone")["mtu"] == _itf(d, "core-router", "backbone")["mtu"] == p["backbone_mtu"]
        assert _itf(d, "vpn-gw", "tunnel")["mtu"] == _itf(d, "vpn-end", "tunnel")["mtu"] == p["tunnel_mtu"]
    sc = scn.load(lab.build(params[0]).write(tmp_path / "s1"))
    assert sc.host(params[0]["silent"]) is not None


def test_lab07_expected_follows_the_variant():
    lab = load(7)
    v = lab.variant("s1")
    text = " ".join(t.render("en") for _, t in lab.expected(v))
    assert f"({v.params['silent']}: * * *)" in text and f"path MTU {v.params['backbone_mtu']}" in text
    assert f"path MTU {v.params['tunnel_mtu']}" in text and f"{v.params['backbone_mtu'] - 52} bytes" in text


def test_lab07_golden_answers_checked_as_another_student_fail_where_the_variant_differs():
    lab = load(7)
    v = lab.variant("s1")
    assert v.params["silent"] != "isp-metro" and v.params["backbone_mtu"] != 1400
    report = run_check(lab, v, FIXTURES / "golden-07.answers.md", golden_dir(7), sandbox=None, student="golden")
    failed = {o.key for o in report.outcomes if o.status == "fail"}
    assert {"O3.silent_router", "O3.status_rtt_ms", "O8.tracepath_pmtu", "E7.mss"} <= failed
    assert "O3.silent_ttl" not in failed  # evidence-based: the golden recording's own silent TTL


def test_lab08_variants_move_the_hosts_file_address_and_the_delays(tmp_path):
    lab = load(8)
    params = [lab.variant(s).params for s in IDS]
    assert {p["hosts_addr"] for p in params} == {"198.18.1.110", "2001:db8:1::110", "198.19.49.80"}
    assert len({lab.build(p).rtt_ms("web-naver") for p in params}) >= 4
    v = lab.variant("s1")
    sc = scn.load(lab.build(v.params).write(tmp_path / "s1"))
    assert sc.etc_hosts["intranet.lab.test"] == v.params["hosts_addr"]
    text = " ".join(t.render("en") for _, t in lab.expected(v))
    assert f"intranet.lab.test -> {v.params['hosts_addr']}" in text


def test_lab08_another_command_is_not_the_evidence(tmp_path):
    lab = load(8)
    ev = tmp_path / "ev"
    shutil.copytree(golden_dir(8), ev)
    shutil.copyfile(ev / "r1.rec.json", ev / "r5.rec.json")  # R1's visit saved as R5's (no --https-first)
    (ev / "r4.rec.json").unlink()
    v = lab.variant("golden")
    report = run_check(lab, v, FIXTURES / "golden-08.answers.md", ev, sandbox=v.sandbox)
    reason = {o.key: o.reason.render("en") for o in report.outcomes if o.status == "fail"}
    assert set(reason) == {"O8.address", "O8.source", "O8.dns_packets", "O9.first_url", "O9.redirects",
                           "O9.port_80"}
    assert reason["O9.first_url"].startswith("r5.rec.json is not the recording of step R5")
    assert reason["O8.address"].startswith("no evidence: r4.rec.json is missing; run step R4")
    assert "journey intranet.lab.test --markdown r4.md --save r4.rec.json" in reason["O8.address"]


def test_lab08_golden_mode_copies_the_recordings_and_the_capture(tmp_path):
    lines = start(8, "kim.minji", str(tmp_path / "w"), "ko", golden=True)
    assert any("골든 모드" in x for x in lines)
    got = {p.name for p in (tmp_path / "w").iterdir()}
    assert {"r1.rec.json", "r2.rec.json", "r2.pcap", "r3w.rec.json", "r3c.rec.json", "r4.rec.json",
            "r5.rec.json", "answers.md", "lab.json"} <= got
    assert "- O8.address:" in (tmp_path / "w" / "answers.md").read_text(encoding="utf-8")
