"""netlab lab: variants drawn from the student ID (pure: no sandbox)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from netlab.errors import UsageError
from netlab.lab import load, numbers, tomlw
from netlab.lab import student as stu
from netlab.lab.draft import ScenarioDraft
from netlab.sandbox import scenario as scn

IDS = ("s1", "s2", "2024123456", "kim.minji", "a", "x" * 24)


def test_seed_is_stable_and_per_lab():
    assert stu.seed(1, "s1") == stu.seed(1, "s1")
    # a fixed value: SHA-256, not Python's per-process hash(); changing it changes every student's variant
    assert f"{stu.seed(1, 's1'):016x}" == "c2478cb7" + f"{stu.seed(1, 's1'):016x}"[8:]
    assert stu.seed(1, "s1") != stu.seed(3, "s1")
    assert stu.seed(1, "s1") != stu.seed(1, "S1")  # IDs are case-sensitive, as on the class list


@pytest.mark.parametrize("bad", ["", " s1", "s1\n", "-x", "a/b", "x" * 25, "학생", "s 1", None])
def test_bad_student_ids_are_usage_errors(bad):
    with pytest.raises(UsageError):
        stu.check_id(bad)


def test_sandbox_name_fits_the_sandbox_rules():
    from netlab.targets import sandbox_name

    for sid in IDS:
        assert sandbox_name(stu.sandbox_name(1, sid)) == f"lab-01-{sid}"


@pytest.mark.parametrize("n", numbers())
def test_same_id_same_variant_and_golden_is_the_default(n):
    lab = load(n)
    assert lab.variant("s1") == lab.variant("s1")
    g = lab.variant("golden")
    assert g.golden and g.params == lab.defaults
    draft = lab.build(g.params)
    assert not draft.zones, "the golden variant changes no zone"
    base = ScenarioDraft(base=draft.base)  # the lab's own scenario: default.toml, or e.g. lb.toml for lab 11
    assert draft.data["hosts"] == base.data["hosts"], "the golden variant is the lab's scenario as packaged"


@pytest.mark.parametrize("n", numbers())
def test_two_ids_differ_where_they_should(n):
    lab = load(n)
    variants = [lab.variant(f"s{i}").params for i in range(1, 9)]
    assert len({repr(v) for v in variants}) >= 5, "eight students, at most four different sandboxes"
    if n in (1, 3):  # the labs whose integration test starts s1 and s2 side by side
        assert lab.variant("s1").params != lab.variant("s2").params
    for key in lab.defaults:
        values = {repr(v[key]) for v in variants}
        assert len(values) > 1, f"lab {n:02d}: parameter {key} is the same for 8 students"


def test_lab01_partly_dead_server_and_zones(tmp_path):
    import dns.zone

    lab = load(1)
    deads = {lab.variant(f"s{i}").params["partly_dead"] for i in range(1, 12)}
    assert deads == {"ns1.partly.lab.test", "ns2.partly.lab.test"}
    v = lab.variant("s1")
    draft = lab.build(v.params)
    for zone, text in draft.zones.items():
        z = dns.zone.from_text(text, origin=zone + ".", relativize=False, check_origin=True)
        assert z is not None
    partly = dns.zone.from_text(draft.zones["partly.lab.test"], origin="partly.lab.test.")
    glue = {n: str(partly.find_rdataset(n, "A")[0]) for n in ("ns1", "ns2")}
    dead = v.params["partly_dead"].split(".")[0]
    assert glue[dead] == "198.18.1.92" and len(glue) == 2
    naver = draft.zones["naver.com"]
    assert f"CNAME {v.params['cname_target']}." in naver
    assert naver.split("IN SOA", 1)[1].splitlines()[0].split()[-1] == str(v.params["neg_ttl"])


@pytest.mark.parametrize("n", numbers())
def test_variant_scenarios_are_valid_and_written_with_their_zones(n, tmp_path):
    lab = load(n)
    for sid in ("s1", "s2"):
        path = lab.build(lab.variant(sid).params).write(tmp_path / sid)
        sc = scn.load(path)  # the sandbox's own loader and validation
        assert sc.name == f"lab-{n:02d}"
        for h in sc.hosts:
            for s in h.services:
                if s.get("zone_dir"):
                    assert (tmp_path / sid / "zones").resolve() == Path(s["zone_dir"])


def test_lab03_ports_and_rtt_differ():
    lab = load(3)
    params = [lab.variant(f"s{i}").params for i in range(1, 12)]
    assert {p["filtered"] for p in params} == {81, 82}
    for p in params:
        assert {p["filtered"], p["closed"]} == {81, 82}
        drops = ScenarioDraft.drop(lab.build(p), "tcp-lab")
        assert drops == [f"tcp:{p['filtered']}"]
    assert len({lab.build(p).rtt_ms("tcp-lab") for p in params}) > 2


def test_toml_writer_round_trips_the_default_scenario():
    data = ScenarioDraft().data
    text = tomlw.dumps(data, header="a comment\nover two lines")
    assert tomllib.loads(text) == data
    assert text.startswith("# a comment\n# over two lines\n")
    assert tomllib.loads(tomlw.dumps({"t": {"s": 'q"\\\n\x7f한글', "l": [1, 2.5, True], "e": {}}})) == \
        {"t": {"s": 'q"\\\n\x7f한글', "l": [1, 2.5, True], "e": {}}}
    with pytest.raises(ValueError):
        tomlw.value(float("nan"))


def test_zone_edit_that_does_not_match_fails_loudly():
    from netlab.errors import ScenarioError

    d = ScenarioDraft()
    with pytest.raises(ScenarioError, match="expected one line"):
        d.replace_line("naver.com", r"www\s+IN\s+A\s+1\.2\.3\.4", "x")


@pytest.mark.parametrize("n", numbers())
def test_expected_observations_in_both_languages(n):
    lab = load(n)
    for sid in ("golden", "s1"):
        rows = lab.expected(lab.variant(sid))
        assert rows and all(step and text.render("en") and text.render("ko") for step, text in rows)
        ko = " ".join(text.render("ko") for _, text in rows)
        assert any("\uac00" <= ch <= "\ud7a3" for ch in ko)


def test_lab01_expected_follows_the_variant():
    lab = load(1)
    v = lab.variant("s1")
    text = " ".join(t.render("en") for _, t in lab.expected(v))
    assert v.params["cname_target"] in text and v.params["partly_dead"] in text
    assert f"negative TTL {v.params['neg_ttl']} s" in text


def test_start_without_a_sandbox_writes_the_work_directory(tmp_path):
    import json

    from netlab.lab.session import start

    lines = start(3, "s1", str(tmp_path / "w"), "en", up=False)
    assert any("not started (--no-up)" in x for x in lines) and any("S=lab-03-s1" in x for x in lines)
    state = json.loads((tmp_path / "w" / "lab.json").read_text())
    assert state["student"] == "s1" and state["sandbox"] == "lab-03-s1" and not state["golden"]
    sc = scn.load(tmp_path / "w" / ".netlab" / "scenario.toml")
    assert sc.host("tcp-lab").interfaces[0].up.drop == [f"tcp:{load(3).variant('s1').params['filtered']}"]
    (tmp_path / "w" / "answers.md").write_text("lab: 03\nstudent: s1\n- O1.client_isn: 1\n")
    start(3, "s1", str(tmp_path / "w"), "ko", up=False)  # again: the student's answers are kept
    assert "O1.client_isn: 1" in (tmp_path / "w" / "answers.md").read_text()
    with pytest.raises(UsageError, match="already holds lab 3 of student s1"):
        start(3, "s2", str(tmp_path / "w"), "en", up=False)
