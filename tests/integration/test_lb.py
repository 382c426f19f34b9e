"""netlab lb against the real load-balancing sandbox (netlab/sandbox/data/lb.toml): HAProxy x2,
keepalived, four backends.  Every claim of the probe is checked against an independent view: the
balancer's own counters read here from its runtime API socket, the backends' access logs read here,
curl from the client, `ip addr` in the balancers' hosts and the client's ARP cache.
"""

from __future__ import annotations

import json
import shutil
import socket
import time
from pathlib import Path

import pytest

LB_TOML = (Path(__file__).resolve().parents[2] / "netlab" / "sandbox" / "data" / "lb.toml").read_text()
VIP = "198.18.20.80"

pytestmark = pytest.mark.skipif(not (shutil.which("haproxy") or Path("/usr/sbin/haproxy").exists())
                                or not (shutil.which("keepalived") or Path("/usr/sbin/keepalived").exists()),
                                reason="the lb sandbox needs haproxy and keepalived (apt-get install haproxy keepalived)")


def api(sb, balancer: str, command: str) -> str:
    s = socket.socket(socket.AF_UNIX)
    s.settimeout(3)
    s.connect(str(sb.state_dir / balancer / "haproxy.sock"))
    s.sendall(command.encode() + b"\n")
    out = b""
    while chunk := s.recv(65536):
        out += chunk
    s.close()
    return out.decode()


def counters(sb, balancer: str, proxy: str, field: str) -> dict[str, int]:
    lines = api(sb, balancer, "show stat").splitlines()
    head = lines[0][2:].split(",")
    out = {}
    for ln in lines[1:]:
        c = ln.split(",")
        if len(c) > 2 and c[0] == proxy and c[1] not in ("FRONTEND", "BACKEND"):
            out[c[1]] = int(c[head.index(field)] or 0)
    return out


def access_ids(sb, backend: str, run_id: str) -> list[str]:
    path = sb.state_dir / backend / "access.log"
    return [d["id"] for d in map(json.loads, path.read_text().splitlines()) if d.get("id", "").startswith(run_id + "-")]


def lb_json(sb, *args, timeout=90) -> dict:
    p = sb.netlab("lb", *args, "--json", timeout=timeout)
    assert p.returncode == 0, p.stderr[-2000:]
    return json.loads(p.stdout)


def codes(d: dict) -> set[str]:
    return {f["code"] for f in d["findings"]}


def wait_vip(sb, host: str, present: bool, timeout: float = 15.0) -> float:
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        out = sb.exec(["ip", "-4", "-br", "addr", "show", "dev", "eth0"], host=host).stdout
        if (VIP in out) == present:
            return time.monotonic() - t0
        time.sleep(0.1)
    raise AssertionError(f"the VIP never {'appeared on' if present else 'left'} {host}")


def test_spread_matches_the_balancer_and_the_logs_and_hashing_holds_until_the_pool_changes(make_sandbox):
    sb = make_sandbox(LB_TOML)
    wait_vip(sb, "lb1", True)

    # round robin: exact within one request; the probe's counts = HAProxy's (read here) = the access logs
    before = counters(sb, "lb1", "http_roundrobin", "hrsp_2xx")
    d = lb_json(sb, "http://lb.test/", "--algorithm", "roundrobin", "-n", "42", "-k", "8", "-c", "4")
    got = {b["backend"]: b["count"] for b in d["spread"]}
    after = counters(sb, "lb1", "http_roundrobin", "hrsp_2xx")
    assert sum(got.values()) == 42 and max(got.values()) - min(got.values()) <= 1
    assert got == {k: after[k] - before.get(k, 0) for k in after}
    run_id = d["params"]["run_id"]
    assert {k: len(access_ids(sb, k, run_id)) for k in got} == got
    assert {"lb.rr-exact", "lb.stats-match"} <= codes(d)
    assert api(sb, "lb1", f"show map {sb.state_dir / 'lb1' / 'algorithm.map'}").split()[2] == "roundrobin"

    # an independent client: curl, four requests in a row, each backend once
    out = sb.exec(["sh", "-c", "for i in 1 2 3 4; do curl -s -D - -o /dev/null http://lb.test/; done"]).stdout
    names = [ln.split(":", 1)[1].strip() for ln in out.splitlines() if ln.lower().startswith("x-backend:")]
    assert sorted(names) == ["web1", "web2", "web3", "web4"]

    # weighted over L4: the weights, and no X-Forwarded-For
    d = lb_json(sb, "http://lb.test:8080/", "--algorithm", "weighted", "-n", "80", "-k", "8")
    assert {b["backend"]: b["count"] for b in d["spread"]} == {"web1": 40, "web2": 20, "web3": 10, "web4": 10}
    assert d["mode"] == "tcp" and d["seen"]["xff_none"] == 80

    # source hash: each client on one backend until the pool changes; then most move, and come back
    d = lb_json(sb, "http://lb.test/", "--algorithm", "source", "--fail", "web2", "-k", "32", timeout=120)
    remap, health = d["remap"], d["health"]
    assert "lb.hash-stable" in codes(d) and remap["clients"] == 32
    assert 0.5 <= remap["moved_fraction"] <= 0.95 and remap["returned"] == 32
    assert health["t_down_ms"] - health["t_fail_ms"] <= (health["fall"] + 1) * health["inter_ms"]
    # checked with curl from three of the client's addresses, the map switched here by the runtime API
    mp = sb.state_dir / "lb1" / "algorithm.map"
    api(sb, "lb1", f"set map {mp} http source")
    try:
        seen = {}
        for addr in ("198.18.20.100", "198.18.20.101", "198.18.20.102"):
            out = sb.exec(["sh", "-c", f"for i in 1 2 3; do curl -s --interface {addr} http://lb.test/ | head -1; done"]).stdout
            seen[addr] = set(out.split())
        assert all(len(v) == 1 for v in seen.values()), seen
        mapping = {c: b for c, b, _, _ in remap["rows"]}
        assert all(mapping[a] in seen[a] for a in seen), (mapping, seen)
    finally:
        api(sb, "lb1", f"set map {mp} http roundrobin")


def test_failover_moves_the_vip(make_sandbox):
    from netlab.sandbox.links import set_overrides

    sb = make_sandbox(LB_TOML)
    wait_vip(sb, "lb1", True)
    mac = {h: json.loads(sb.exec(["ip", "-j", "link", "show", "eth0"], host=h).stdout)[0]["address"] for h in ("lb1", "lb2")}

    # by hand first: cut lb1 off; lb2 takes the VIP (its `ip addr`), the client's ARP cache follows
    sb.exec(["curl", "-s", "-o", "/dev/null", "http://lb.test/"])
    set_overrides(sb.info, {"lb1": {"up": {"loss_pct": 100.0}, "down": {"loss_pct": 100.0}}})
    try:
        took = wait_vip(sb, "lb2", True)
        assert 1.5 <= took <= 5.0
        out = sb.exec(["curl", "-s", "--max-time", "3", "http://lb.test/"]).stdout
        assert out.startswith("web")
        neigh = json.loads(sb.exec(["ip", "-j", "neigh", "show", VIP]).stdout)
        assert neigh and neigh[0]["lladdr"] == mac["lb2"]
    finally:
        set_overrides(sb.info, {})
    wait_vip(sb, "lb2", False)
    wait_vip(sb, "lb1", True)

    # the probe's run: cut, move, gratuitous ARP, gap, failback
    d = lb_json(sb, "http://lb.test/", "--failover", "--rate", "20", "-k", "8", timeout=120)
    f = d["failover"]
    assert (f["active"], f["backup"]) == ("lb1", "lb2")
    assert f["gap_ms"] is not None and 1500 <= f["gap_ms"] <= f["theory_ms"] + 700 and f["lost"] > 0
    assert any(g[1] == mac["lb2"] and g[3] == "gratuitous" for g in f["garps"])
    assert {label: m for label, m, _, _ in f["neighbours"]} == {"before": mac["lb1"], "moved": mac["lb2"],
                                                               "back": mac["lb1"]}
    assert {"lb.failover", "lb.garp", "lb.failback"} <= codes(d)
    wait_vip(sb, "lb1", True, timeout=5)
    assert VIP not in sb.exec(["ip", "-4", "-br", "addr", "show", "dev", "eth0"], host="lb2").stdout


def test_bad_input(make_sandbox):
    sb = make_sandbox(LB_TOML)
    wait_vip(sb, "lb1", True)
    # no backend alive: a 503 from the balancer, explained by its statistics
    d = lb_json(sb, "http://empty.lb.test/", "-n", "4", "-k", "2")
    assert d["statuses"] == {"503": 4} and "lb.no-backend-alive" in codes(d)
    assert sb.exec(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "http://empty.lb.test/"]).stdout == "503"
    # a backend answering garbage: 502 for its share, and it is named
    d = lb_json(sb, "http://garbage.lb.test/", "-n", "6", "-k", "2")
    assert d["statuses"].get("502") == 3 and "lb.bad-gateway" in codes(d)
    # a URL that is not behind a balancer
    d = lb_json(sb, "http://solo.lb.test/", "-n", "6", "-k", "3")
    assert "lb.one-server" in codes(d) and [b["backend"] for b in d["spread"]] == ["solo"]
    # an algorithm L4 cannot do, and a backend that does not exist: refused before any request
    d = lb_json(sb, "http://lb.test:8080/", "--algorithm", "sticky")
    assert codes(d) == {"lb.algorithm-needs-l7"} and d["requests"] == []
    d = lb_json(sb, "http://lb.test/", "--slow", "web7")
    assert codes(d) == {"lb.unknown-backend"}
