"""netlab lab 12 (NAT): its variant (nat-port's UDP timeout, three routers' hairpinning, the carrier
NAT's mapping) and what is checked against the variant rather than the evidence (pure: no sandbox;
the golden Recordings of netlab/lab/golden/12)."""

from __future__ import annotations

from pathlib import Path

from netlab.lab import load
from netlab.lab.check import run_check
from netlab.lab.session import golden_dir
from netlab.sandbox import scenario as scn

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lab"
IDS = [f"s{i}" for i in range(1, 25)]


def test_lab12_variants_deal_the_timeout_the_hairpins_and_the_carrier_mapping(tmp_path):
    lab = load(12)
    params = [lab.variant(s).params for s in IDS]
    assert {p["udp_timeout"] for p in params} == {3, 4, 5, 6}
    assert {p["cgnat_mapping"] for p in params} == {"endpoint-independent", "address-dependent",
                                                    "address-and-port-dependent"}
    assert len({tuple(p["hairpin"].values()) for p in params}) >= 4
    v = next(lab.variant(s) for s in IDS if lab.variant(s).params["cgnat_mapping"] != "endpoint-independent")
    sc = scn.load(lab.build(v.params).write(tmp_path / v.student))
    assert sc.name == "lab-12"
    assert sc.host("nat-port").nat.udp_timeout == v.params["udp_timeout"]
    assert sc.host("cgnat").nat.mapping == v.params["cgnat_mapping"]
    for router, on in v.params["hairpin"].items():
        assert sc.host(router).nat.hairpin is on
    # what the variant does not touch stays the scenario's own
    assert sc.host("nat-full").nat.hairpin and sc.host("nat-sym").nat.mapping == "address-and-port-dependent"
    text = " ".join(t.render("en") for _, t in lab.expected(v))
    assert f"UDP timeout {v.params['udp_timeout']} s" in text and "the relay (TURN)" in text


def test_lab12_golden_is_the_scenario_as_packaged():
    lab = load(12)
    assert lab.variant("golden").params == {"udp_timeout": 5, "cgnat_mapping": "endpoint-independent",
                                            "hairpin": {"nat-addr": False, "nat-sym": False, "nat-adm": False}}


def test_lab12_golden_answers_checked_as_another_student_fail_where_the_variant_differs():
    lab = load(12)
    v = next(lab.variant(s) for s in IDS if lab.variant(s).params["udp_timeout"] != 5
             and lab.variant(s).params["cgnat_mapping"] != "endpoint-independent")
    report = run_check(lab, v, FIXTURES / "golden-12.answers.md", golden_dir(12), sandbox=None, student="golden")
    failed = {o.key for o in report.outcomes if o.status == "fail"}
    assert {"O5.configured_s", "O4.cgnat_carrier_mapping"} <= failed
    assert not failed & {"O2.sym_map2", "O6.port_to_sym", "O5.last_alive_s"}  # evidence-based: the golden run's own
