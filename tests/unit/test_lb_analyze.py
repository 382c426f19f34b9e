"""netlab lb: analysis and findings on Recordings made in the lb sandbox (tests/fixtures/lb/), the
golden reports, and the options (usage errors before any packet).

The fixtures were recorded with `netlab --sandbox=lb lb ... --save tests/fixtures/lb/NAME.rec.json`
(the commands are in tests/fixtures/lb/README.md).  Golden files: NETLAB_UPDATE_GOLDEN=1 regenerates
them; read the diff.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from netlab.model import Recording
from netlab.probes import load_probe
from netlab.report.terminal import render_terminal

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "lb"
WIDTH = 100


def result(name: str):
    probe = load_probe("lb")
    return probe.analyze(Recording.load(str(FIX / f"{name}.rec.json")))


def codes(res) -> list[str]:
    return [f.code for f in res.findings]


def test_round_robin_is_exact_and_matches_the_balancer_and_the_logs():
    r = result("roundrobin")
    assert [b.count for b in r.spread] == [10, 10, 10, 10]
    assert r.rr_max_minus_min == 0 and r.stats_match and r.logs_match
    assert all(b.balancer_count == b.count == b.log_count for b in r.spread)
    assert "lb.rr-exact" in codes(r) and "lb.stats-match" in codes(r)
    assert r.mode == "http" and r.balancers == ["lb1", "lb2"] and r.algorithm_set
    assert len(r.sources) == 8 and r.seen["xff_client"] == 40


def test_weighted_over_l4_follows_the_weights_and_sees_no_forwarded_for():
    r = result("weighted-tcp")
    assert {b.backend: b.count for b in r.spread} == {"web1": 40, "web2": 20, "web3": 10, "web4": 10}
    assert r.chi2 == 0.0 and r.chi2_df == 3 and r.chi2 <= r.chi2_critical
    assert r.mode == "tcp" and r.seen["xff_none"] == r.answered and r.seen["xff_client"] == 0
    assert {"lb.weighted", "lb.l4-seen", "lb.stats-match"} <= set(codes(r))
    assert "lb.l7-seen" not in codes(r)


def test_a_slow_backend_piles_up_under_round_robin_and_is_avoided_by_least_connections():
    rr, lc = result("roundrobin-slow"), result("leastconn-slow")
    slow_rr = next(b for b in rr.spread if b.backend == "web2")
    slow_lc = next(b for b in lc.spread if b.backend == "web2")
    assert slow_rr.count == 30 and slow_lc.count < slow_rr.count / 2
    assert slow_rr.max_inflight > slow_lc.max_inflight
    assert slow_rr.mean_ms > 200 and slow_lc.mean_ms > 200
    assert "lb.slow-backend" in codes(rr) and "lb.slow-backend" in codes(lc)
    assert "lb.rr-exact" not in codes(rr)  # the slow run's point is the pile-up, not the turns


def test_source_hash_is_stable_until_the_pool_changes_then_most_clients_move():
    r = result("source-fail")
    h, m = r.health, r.remap
    assert h.t_down_ms > h.t_fail_ms and h.t_up_ms > h.t_restore_ms
    detect = h.t_down_ms - h.t_fail_ms
    assert (h.fall - 1) * h.inter_ms <= detect <= (h.fall + 1) * h.inter_ms
    assert [s for _, s, _ in h.transitions][:3] == ["UP 2/3", "UP 1/3", "DOWN"]
    assert h.failed_requests > 0  # a hash retries on the same server
    assert m.hash_type == "map-based" and m.clients == 32 and m.n_before == 4
    assert 0.55 <= m.moved_fraction <= 0.95 and m.moved > m.forced
    assert m.returned == m.returned_of == 32
    assert {"lb.hash-stable", "lb.health-detect", "lb.hash-retry", "lb.health-recover", "lb.remap",
            "lb.remap-source", "lb.remap-back"} <= set(codes(r))


def test_consistent_hash_moves_only_the_clients_of_the_server_that_left():
    m = result("consistent-fail").remap
    assert m.hash_type == "consistent" and m.moved == m.forced and m.moved_fraction <= 0.45
    assert all(before == "web2" for _, before, _ in m.moves)


def test_round_robin_redispatches_while_the_failed_backend_is_not_yet_down():
    r = result("roundrobin-fail")
    assert r.health.failed_requests == 0 and r.health.retried > 0
    assert r.remap is None and r.stats_match is None  # a run with a failure is not compared as "clean"
    assert "lb.hash-retry" not in codes(r)


def test_failover_moves_the_vip_with_gratuitous_arp():
    r = result("failover")
    f = r.failover
    assert (f.active, f.backup, f.vip) == ("lb1", "lb2", "198.18.20.80")
    assert f.t_moved_ms > f.t_cut_ms and f.gap_ms is not None and f.lost > 0
    assert 2000 <= f.gap_ms <= f.theory_ms + 600
    assert f.theory_ms == pytest.approx(3609.4, abs=0.1)
    assert any(g[2] == "lb2" and g[3] == "gratuitous" and g[0] > f.t_cut_ms for g in f.garps)
    arp = {label: owner for label, _, owner, _ in f.neighbours}
    assert arp == {"before": "lb1", "moved": "lb2", "back": "lb1"}
    assert f.split_brain and f.t_back_ms is not None
    assert {"lb.failover", "lb.garp", "lb.split-brain", "lb.failback"} <= set(codes(r))


def test_no_backend_alive_is_a_503_explained_by_the_stats():
    r = result("empty")
    assert r.answered == 0 and r.statuses == {"503": 6}
    f = next(f for f in r.findings if f.code == "lb.no-backend-alive")
    assert f.severity == "error" and "DOWN" in f.message and "L4CON" in f.message and "host_empty" in f.message
    assert "No server is available" in f.message and "lb.routed" in codes(r)


def test_a_backend_answering_garbage_is_a_502_and_named():
    r = result("garbage")
    assert r.statuses.get("502") == 5 and r.answered == 5
    f = next(f for f in r.findings if f.code == "lb.bad-gateway")
    assert "junk 5" in f.message


def test_a_url_not_behind_a_balancer_says_so():
    r = result("solo")
    assert r.behind_balancer is False and [b.backend for b in r.spread] == ["solo"]
    assert "lb.one-server" in codes(r)
    assert r.seen["client_in_peer"] == r.answered  # the server saw the client itself


def test_sticky_cookie_keeps_each_client_on_its_backend():
    r = result("sticky")
    assert r.sticky_clients == len(r.per_client) == 8
    assert all(len(m) == 1 for _, m in r.per_client)
    f = next(f for f in r.findings if f.code == "lb.sticky")
    assert "only 8 times" in f.message  # the algorithm chose once per client; the cookie did the rest


def test_tls_ends_at_the_balancer_or_passes_through():
    term, passed = result("tls-terminated"), result("tls-passthrough")
    assert term.tls == "terminated" and term.tls_subjects == ["lb.test"] and term.seen["tls_at_backend"] == 0
    assert passed.tls == "passthrough" and passed.seen["tls_at_backend"] == passed.answered
    assert passed.tls_subjects == ["web1.lb.test", "web2.lb.test", "web3.lb.test", "web4.lb.test"]
    assert "lb.tls-terminated" in codes(term) and "lb.tls-passthrough" in codes(passed)


def test_uri_hash_sends_one_url_to_one_backend_and_is_refused_at_l4():
    assert "lb.uri-one" in codes(result("uri"))
    r = result("uri-on-l4")
    assert r.outcome == "refused-run" and not r.requests
    assert codes(r) == ["lb.algorithm-needs-l7"]


def _edited(name: str, tmp_path: Path, edit) -> object:
    data = json.loads((FIX / f"{name}.rec.json").read_text())
    edit(data)
    p = tmp_path / "edited.json"
    p.write_text(json.dumps(data))
    return load_probe("lb").analyze(Recording.load(str(p)))


def test_a_server_answering_garbage_directly(tmp_path):
    import base64

    def edit(data):
        for e in data["events"]:
            if e["type"] == "RequestCompleted":
                e.update(outcome="garbage", status=None, headers=[], body_head=base64.b64encode(b"SSH-2.0-x\r\n").decode())
    r = _edited("solo", tmp_path, edit)
    assert r.answered == 0 and r.outcomes == {"garbage": 10}
    assert "lb.garbage" in codes(r) and "lb.nothing-answered" in codes(r)
    assert r.unreachable is False  # the server answered: with garbage


def test_every_rule_has_a_case_that_fires_it_in_the_fixtures():
    from netlab.probes.lb.findings import RULES

    fired = set()
    for p in FIX.glob("*.rec.json"):
        fired.update(codes(result(p.name[:-len(".rec.json")])))
    assert len(fired) >= 25, sorted(fired)
    assert len(RULES.rules) >= 20


def test_results_are_json_encodable():
    r = result("failover")
    json.dumps(r.to_json())
    assert dataclasses.is_dataclass(r)


# ------------------------------------------------------------------------------------ golden reports


def render(name: str, lang: str) -> str:
    probe = load_probe("lb")
    doc = probe.build(probe.analyze(Recording.load(str(FIX / f"{name}.rec.json"))), lang)
    return render_terminal(doc, verbose=False, width=WIDTH, color=False)


def test_golden_english():
    from tests.unit.test_renderers import check_golden

    check_golden("lb.txt", render("source-fail", "en"))


def test_golden_korean():
    from tests.unit.test_renderers import check_golden

    check_golden("lb.ko.txt", render("source-fail", "ko"))


@pytest.mark.parametrize("name", sorted(p.name[:-len(".rec.json")] for p in FIX.glob("*.rec.json")))
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_fixture_renders_in_both_languages(name, lang):
    text = render(name, lang)
    assert text.strip()
    if lang == "ko":
        assert "실행 내용" in text


# ------------------------------------------------------------------------------------ options


@pytest.mark.parametrize("args, message", [
    (["http://lb.test/", "--requests", "0"], "--requests"),
    (["http://lb.test/", "--clients", "5000"], "--clients"),
    (["http://lb.test/", "--concurrency", "0"], "--concurrency"),
    (["http://lb.test/", "--fail", "web 2"], "not a backend name"),
    (["http://lb.test/", "--fail", "web2", "--slow", "web2"], "same backend"),
    (["http://lb.test/", "--fail", "web2", "--failover"], "one at a time"),
    (["http://lb.test/", "--slow-ms", "nan"], "--slow-ms"),
    (["http://lb.test/", "--rate", "0"], "--rate"),
    (["http://lb.test/", "--algorithm", "random"], "random"),
    (["ftp://lb.test/"], "scheme"),
])
def test_bad_options_are_usage_errors(args, message):
    from click.testing import CliRunner

    from netlab.cli import cli

    out = CliRunner().invoke(cli, ["lb", *args])
    assert out.exit_code == 2, out.output
    assert message in out.output
