"""netlab lb, pure: the spread statistics, the remapping analysis, HAProxy's CSV, the sandbox's config."""

from __future__ import annotations

import hashlib
from bisect import bisect
from pathlib import Path

import pytest

from netlab.probes.lb import spread, stats


def test_counts_and_shares_ignore_answers_that_named_no_backend():
    c = spread.counts(["web2", "web1", None, "web2", ""])
    assert c == {"web1": 1, "web2": 2} and list(c) == ["web1", "web2"]
    assert spread.shares(c) == {"web1": pytest.approx(1 / 3), "web2": pytest.approx(2 / 3)}
    assert spread.shares({}) == {}


def test_expected_shares_only_where_the_algorithm_promises_them():
    servers = ["web1", "web2", "web3", "web4"]
    assert spread.expected_shares("roundrobin", servers, {}) == {s: 0.25 for s in servers}
    w = spread.expected_shares("weighted", servers, {"web1": 4, "web2": 2, "web3": 1, "web4": 1})
    assert w == {"web1": 0.5, "web2": 0.25, "web3": 0.125, "web4": 0.125}
    for algo in ("leastconn", "source", "consistent", "uri", None):
        assert spread.expected_shares(algo, servers, {}) is None
    assert spread.expected_shares("roundrobin", [], {}) is None


def test_chi_square_is_zero_for_an_exact_spread_and_large_for_a_skewed_one():
    exp = {"a": 0.5, "b": 0.25, "c": 0.25}
    assert spread.chi_square({"a": 40, "b": 20, "c": 20}, exp) == (0.0, 2, 5.991)
    stat, df, crit = spread.chi_square({"a": 10, "b": 60, "c": 10}, exp)
    assert df == 2 and stat > crit
    assert spread.chi_square({"a": 3}, {"a": 1.0})[1:] == (0, None)


def test_round_robin_within_one_request():
    assert spread.max_minus_min({"a": 10, "b": 11, "c": 10}, ["a", "b", "c"]) == 1
    assert spread.max_minus_min({"a": 10, "b": 10}, ["a", "b", "c"]) == 10  # a server that got none counts
    assert spread.max_minus_min({}, []) is None


def test_max_inflight_counts_overlaps_and_closes_before_opening_at_one_instant():
    assert spread.max_inflight([]) == 0
    assert spread.max_inflight([(0, 10), (5, 15), (6, 7), (20, 30)]) == 3
    assert spread.max_inflight([(0, 5), (5, 10)]) == 1


def test_theory():
    assert spread.theory(4) == (0.75, 0.25)
    assert spread.theory(2) == (0.5, 0.5)
    assert spread.theory(1) == (1.0, 1.0)


def _hash(s: str) -> int:
    return int.from_bytes(hashlib.sha256(s.encode()).digest()[:8], "big")


def _modulo(clients, servers):
    """HAProxy's map-based hash: a table of the servers, indexed by hash mod its length."""
    return {c: servers[_hash(c) % len(servers)] for c in clients}


def _ring(clients, servers, points=200):
    ring = sorted((_hash(f"{s}#{i}"), s) for s in servers for i in range(points))
    keys = [k for k, _ in ring]
    return {c: ring[bisect(keys, _hash(c)) % len(ring)][1] for c in clients}


@pytest.mark.parametrize("n", [3, 4, 5, 8])
def test_remap_of_modulo_and_consistent_hashing_matches_the_theory(n):
    servers = [f"web{i}" for i in range(1, n + 1)]
    clients = [f"198.18.{i // 250}.{i % 250}" for i in range(4000)]
    left = servers[1]
    rest = [s for s in servers if s != left]
    mod = spread.remap(_modulo(clients, servers), _modulo(clients, rest), left, n, "map-based")
    cons = spread.remap(_ring(clients, servers), _ring(clients, rest), left, n, "consistent")
    assert mod.clients == cons.clients == 4000 and mod.n_after == n - 1
    assert mod.moved_fraction == pytest.approx(mod.theory_modulo, abs=0.04)
    assert cons.moved_fraction == pytest.approx(cons.theory_consistent, abs=0.05)
    assert cons.moved == cons.forced  # consistent hashing moves only the leaving server's clients
    assert mod.moved > mod.forced  # modulo hashing moves others too
    assert all(b == left for _, b, _ in cons.moves)


def test_remap_counts_the_clients_back_on_their_first_backend():
    before = {"c1": "a", "c2": "b", "c3": "c"}
    after = {"c1": "a", "c2": "c", "c3": "a"}
    r = spread.remap(before, after, "b", 3, "map-based", restored={"c1": "a", "c2": "b", "c3": "b"})
    assert (r.clients, r.moved, r.forced, r.returned, r.returned_of) == (3, 2, 1, 2, 3)
    assert r.moves == [("c2", "b", "c"), ("c3", "c", "a")]
    assert r.rows[0] == ("c1", "a", "a", "a")
    assert spread.remap({}, {}, None, 4, "map-based").moved_fraction == 0.0


def test_dominant_and_stable_clients():
    m = spread.client_map([("c1", "a"), ("c1", "a"), ("c1", "b"), ("c2", "b"), ("c3", None)])
    assert spread.dominant(m) == {"c1": "a", "c2": "b"}
    assert spread.stable_clients(m) == (1, 2)


CSV = """# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,weight,act,bck,chkfail,chkdown,lastchg,downtime,qlimit,pid,iid,sid,throttle,lbtot,tracked,type,rate,rate_lim,rate_max,check_status,check_code,check_duration,hrsp_1xx,hrsp_2xx,hrsp_3xx,hrsp_4xx,hrsp_5xx,hrsp_other,hanafail,req_rate,req_rate_max,req_tot,cli_abrt,srv_abrt,comp_in,comp_out,comp_byp,comp_rsp,lastsess,last_chk,last_agt,qtime,ctime,rtime,ttime,agent_status,agent_code,agent_duration,check_desc
fe_http,FRONTEND,,,0,2,9982,13,856,4204,0,0,2,,,,,OPEN,,,,,,,,,1,2,0,,,,0,0,0,11,,,,0,9,0,2,2,0,,0,11,13,,,0,0,0,0,,,,,,,,,,,,
checks,web2,0,0,0,0,,0,0,0,,0,,0,0,0,0,DOWN,1,1,0,3,1,15,1,,1,6,2,,0,,2,0,,0,L4CON,,0,0,0,0,0,0,0,,,,0,0,0,,,,,-1,,,0,0,0,0,,,,Layer4 connection problem
http_roundrobin,web1,0,0,0,3,,20,148,816,,0,,0,0,0,0,UP,1,1,0,,,15,,,1,7,1,,{lb1},checks/web1,2,0,,2,,,,0,{ok1},0,0,0,0,,,,2,0,0,,,,,4,,,0,2,2,4,,,,
http_roundrobin,web2,0,0,0,1,,2,148,816,,0,,4,0,3,1,DOWN,1,1,0,,,15,,,1,7,2,,{lb2},checks/web2,2,0,,2,,,,0,{ok2},0,0,0,0,,,,2,0,0,,,,,4,,,0,5,4,12,,,,
"""


def test_show_stat_is_parsed_and_differenced():
    before = stats.parse(CSV.format(lb1=10, lb2=5, ok1=10, ok2=5))
    after = stats.parse(CSV.format(lb1=30, lb2=9, ok1=30, ok2=5))
    assert [(r.proxy, r.server) for r in after] == [("fe_http", "FRONTEND"), ("checks", "web2"),
                                                   ("http_roundrobin", "web1"), ("http_roundrobin", "web2")]
    row = stats.server_rows(after)[("checks", "web2")]
    assert row.text("status") == "DOWN" and row.text("check_status") == "L4CON"
    assert row.text("check_desc") == "Layer4 connection problem"
    assert stats.per_server(stats.deltas(before, after, "lbtot")) == {"web1": 20, "web2": 4}
    assert stats.statuses(after, "checks") == {"web2": ("DOWN", "L4CON Layer4 connection problem")}
    assert stats.parse("Unknown command\n") == [] and stats.parse("") == []


# ------------------------------------------------------------------------------------ the sandbox's pieces


def test_lb_scenario_loads_with_extra_addresses():
    from netlab.sandbox import scenario

    sc = scenario.load(Path(scenario.__file__).parent / "data" / "lb.toml")
    extra = sc.client.interfaces[0].extra_addresses
    assert len(extra) == 64 and extra[0] == "198.18.20.100" and extra[-1] == "198.18.20.163"
    assert sc.to_dict()["hosts"][0]["interfaces"][0]["extra_addresses"] == extra


@pytest.mark.parametrize("value, error", [
    (["198.18.20.9"], "already used"),
    (["198.18.21.5"], "not inside network"),
    (["198.18.20.200-198.18.20.100"], "first <= last"),
    (["10.0.0.1"], "outside"),
    (["2001:db8::5"], "no IPv6 address"),
    (["198.18.20.1-198.18.24.10"], "more than 1024"),
    (["x"], "not an address"),
    ("198.18.20.5", "must be a list"),
])
def test_extra_addresses_are_checked(value, error):
    from netlab.errors import ScenarioError
    from netlab.sandbox import scenario

    data = {"networks": [{"name": "lan", "ipv4": "198.18.20.0/24"}, {"name": "b", "ipv4": "198.18.21.0/24"}],
            "hosts": [{"name": "a", "interfaces": [{"network": "lan", "ipv4": "198.18.20.9"}]},
                      {"name": "c", "interfaces": [{"network": "lan", "ipv4": "198.18.20.10",
                                                   "extra_addresses": value}]}]}
    with pytest.raises(ScenarioError, match=error):
        scenario.from_dict(data)


def test_haproxy_config_has_a_pool_per_algorithm_and_mode_and_checks_once(tmp_path):
    from netlab.sandbox import scenario
    from netlab.sandbox.services import lb

    sc = scenario.load(Path(scenario.__file__).parent / "data" / "lb.toml")
    host = sc.host("lb1")
    plan = lb.plan(sc, host, host.services[0], tmp_path / "lb1", tmp_path)
    cfg = lb.haproxy_config(plan)
    for algo, (_, _, modes) in lb.ALGORITHMS.items():
        for mode in modes:
            assert f"\nbackend {mode}_{algo}\n" in cfg
    assert "backend tcp_uri" not in cfg and "backend tcp_sticky" not in cfg  # L4 sees no path and no cookie
    assert cfg.count(" check inter 500 fall 3 rise 2") == 4 + 2 + 1  # checks pool, the :81 servers, junk
    assert "server web1 198.18.21.11:80 weight 4 track checks/web1" in cfg
    assert "server web1 198.18.21.11:443 weight 1 track checks/web1" in cfg
    assert "use_backend host_api if { req.hdr(host),field(1,:),lower -m str api.lb.test }" in cfg
    assert f"stats socket {tmp_path / 'lb1' / 'haproxy.sock'} mode 600 level admin" in cfg
    assert plan["vrrp"]["vip"] == "198.18.20.80" and {p["host"] for p in plan["vrrp"]["peers"]} == {"lb1", "lb2"}


def test_keepalived_config():
    from netlab.sandbox.services.lb import keepalived_config

    text = keepalived_config("lb2", "eth0", "198.18.20.80", 24, 100, 51, 1, master=False)
    assert "state BACKUP" in text and "priority 100" in text and "198.18.20.80/24 dev eth0" in text
    assert "advert_int 1\n" in text and "virtual_router_id 51" in text
