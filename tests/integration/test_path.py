"""netlab path in the sandbox, checked against Debian's traceroute and tracepath on the same path.

The default scenario's longer path: client -> router -> isp-edge -> isp-metro (no Time Exceeded)
-> [MTU 1400] -> core-router -> far.lab.test (5 hops), and on through vpn-gw (drops frag-needed)
-> [MTU 1280] -> vpn-end -> blackhole.lab.test (7 hops).  The independent clients must see the
same routers at the same TTLs, and the same silence at TTL 3.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from sandbox_tools import netlab_cmd  # noqa: E402

pytestmark = pytest.mark.integration

FAR, HOLE = "198.19.32.80", "198.19.49.80"


def run_path(sandbox, *args: str, timeout: float = 90) -> tuple[int, dict]:
    p = sandbox.netlab("path", *args, "--timeout", "2", "--json", timeout=timeout)
    assert p.stdout.strip(), p.stderr[-2000:]
    data = json.loads(p.stdout)
    return p.returncode, data.get("result", data)


def hop_addresses(result: dict) -> list[str | None]:
    return [(h["addresses"] or [None])[0] for h in result["hops"]]


def traceroute(sandbox, *args: str) -> list[str | None]:
    if shutil.which("traceroute") is None:
        pytest.skip("traceroute is not installed (apt-get install traceroute)")
    p = sandbox.exec(["traceroute", "-n", "-q", "1", "-w", "1", "-m", "10", *args], timeout=60)
    assert p.returncode == 0, p.stderr
    hops = []
    for line in p.stdout.splitlines()[1:]:
        m = re.match(r"\s*(\d+)\s+(\S+)", line)
        if m:
            hops.append(None if m.group(2) == "*" else m.group(2))
    return hops


def expected_hops(address: str) -> list[str]:
    """What the scenario's routes say (netlab.sandbox.scenario.trace): the routers' addresses facing us."""
    from netlab.sandbox import scenario

    sc = scenario.load()
    hops = sc.trace("client", address)
    out = []
    for name, incoming, _out in hops[1:]:
        itf = sc.host(name).interfaces[incoming]
        out.append(itf.ipv6 if ":" in address else itf.ipv4)
    return out


def test_udp_path_to_far_matches_traceroute(sandbox):
    code, r = run_path(sandbox, "far.lab.test")
    assert code == 0 and r["reached"] and r["dest_ttl"] == 5
    ours = hop_addresses(r)
    assert ours == ["198.18.0.1", "198.19.1.1", None, "198.19.16.2", FAR]
    theirs = traceroute(sandbox, FAR)
    assert theirs == ours  # the same routers at the same TTLs, the same silence at TTL 3
    planned = expected_hops(FAR)  # the scenario's routes: the same path, hop 3 included
    assert len(planned) == 5 and all(a == p for a, p in zip(ours, planned, strict=True) if a is not None)
    assert r["hops"][2]["status"] == "silent"
    assert any(f["code"] == "path.silent-hop" for f in r["findings"])


@pytest.mark.parametrize("flag", ["icmp", "tcp"])
def test_icmp_and_tcp_probes_see_the_same_routers(sandbox, flag):
    code, r = run_path(sandbox, "far.lab.test", "--protocol", flag, *(["--port", "443"] if flag == "tcp" else []))
    assert code == 0 and r["reached"] and r["dest_ttl"] == 5
    theirs = traceroute(sandbox, "-I" if flag == "icmp" else "-T", *(["-p", "443"] if flag == "tcp" else []), FAR)
    assert hop_addresses(r) == theirs


def test_ipv6_path_and_neighbour_discovery(sandbox):
    code, r = run_path(sandbox, "far.lab.test", "-6")
    assert code == 0 and r["family"] == 6 and r["dest_ttl"] == 5
    assert hop_addresses(r) == traceroute(sandbox, "-6", "2001:db8:132::80")
    assert r["first_hop"]["asked"] == "nd" and r["first_hop"]["asked_target"] == "2001:db8::1"


def test_first_hop_and_the_packet_at_two_points(sandbox):
    _code, r = run_path(sandbox, "far.lab.test")
    fh = r["first_hop"]
    assert fh["chosen"]["dst"] == "default" and fh["next_hop"] == "198.18.0.1" and fh["agrees"]
    assert fh["asked"] == "arp" and fh["asked_target"] == "198.18.0.1" and fh["answered_mac"]
    probe = [v for v in r["frames"] if v["dst_ip"] == FAR]
    assert [v["point"] for v in probe] == ["client", "destination"]
    c, d = probe
    assert c["dst_mac"] == fh["answered_mac"] and c["src_mac"] != d["src_mac"] and c["ttl"] - d["ttl"] == 4
    # the destination's own view, independently: the MAC it received from is core-router's, in its table
    neigh = sandbox.exec(["ip", "-j", "neigh", "show", "198.19.32.1"], host="far", check=True).stdout
    assert json.loads(neigh)[0]["lladdr"] == d["src_mac"]


def test_in_process_sandbox_entry_still_reaches_the_second_point(sandbox, tmp_path):
    """`netlab --sandbox=NAME` as root enters the client in-process (the machine's mounts): the
    destination's namespace is reached through the supervisor's root."""
    p = subprocess.run(netlab_cmd(f"--sandbox={sandbox.name}", "path", "far.lab.test", "--timeout", "2", "--json"),
                       capture_output=True, text=True, timeout=90, cwd=tmp_path)
    assert p.returncode == 0, p.stderr[-2000:]
    r = json.loads(p.stdout)
    r = r.get("result", r)
    assert r["captures"]["destination"]["ok"], r["captures"]


def test_black_hole_detected_where_tracepath_stops(sandbox):
    code, r = run_path(sandbox, "blackhole.lab.test", "--mtu-discovery", timeout=120)
    assert code == 0 and r["reached"] and r["dest_ttl"] == 7
    m = r["mtu"]
    assert m["black_hole"] and m["path_mtu"] == 1280 and m["largest_silent"] == 1281
    assert m["announced"][0]["source"] == "198.19.2.2" and m["announced"][0]["mtu"] == 1400
    assert m["hole_after_ttl"] == 5 and m["upload"]["outcome"] == "stalled"
    assert {f["code"] for f in r["findings"]} >= {"path.black-hole", "path.tcp-stall"}
    if shutil.which("tracepath") is None:
        pytest.skip("tracepath is not installed (apt-get install iputils-tracepath)")
    sandbox.exec(["ip", "route", "flush", "cache"])
    t = sandbox.exec(["tracepath", "-n", "-m", "9", HOLE], timeout=60).stdout
    # tracepath learns 1400 from the same router, then its 1400-byte probes vanish: it never arrives
    assert "198.19.2.2" in t and "pmtu 1400" in t and "reached" not in t
    assert "198.19.32.2" in t  # hop 5, the last one a big probe still reaches


def test_pmtu_discovery_lowers_tcp_segments_to_far(sandbox):
    code, r = run_path(sandbox, "far.lab.test", "--mtu-discovery", timeout=120)
    m = r["mtu"]
    assert code == 0 and m["path_mtu"] == 1400 and not m["black_hole"]
    up = m["upload"]
    assert up["outcome"] == "acked" and up["mss_start"] == 1448 and up["mss_end"] == 1348
    t = sandbox.exec(["tracepath", "-n", "-m", "9", FAR], timeout=60).stdout if shutil.which("tracepath") else ""
    if t:
        assert "pmtu 1400" in t and "reached" in t


def test_unroutable_address_and_unknown_name(sandbox):
    code, r = run_path(sandbox, "198.19.99.99")
    assert code == 3 and r["stopped"] == "unreachable" and r["hops"][0]["addresses"] == ["198.18.0.1"]
    assert any(f["code"] == "path.unreachable" for f in r["findings"])
    code, r = run_path(sandbox, "nosuch.lab.test")
    assert code == 3 and [f["code"] for f in r["findings"]] == ["path.no-name"]


def test_without_cap_net_raw_the_hops_still_work(sandbox):
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv (util-linux) is missing")
    argv = ["setpriv", "--inh-caps=-net_raw", "--bounding-set=-net_raw", sys.executable, "-c",
            "import sys; from netlab.cli import main; sys.argv[0] = 'netlab'; main()",
            "path", "far.lab.test", "--timeout", "2", "--json"]
    p = sandbox.exec(argv, timeout=90)
    assert p.returncode == 0, p.stderr[-2000:]
    r = json.loads(p.stdout)
    r = r.get("result", r)
    assert r["reached"] and r["dest_ttl"] == 5 and r["captures"]["client"]["code"] == "privilege"
    assert [f["code"] for f in r["findings"]][0] == "path.no-capture"
