"""Scenario loading and validation, derived routes and RTTs, and the link emulator's pure parts
(frame classification for drop rules, per-direction scheduling)."""

from __future__ import annotations

import struct

import pytest

from netlab.errors import ScenarioError
from netlab.sandbox import linkemu, scenario

BASE = """
[[networks]]
name = "lan"
ipv4 = "198.18.0.0/24"
ipv6 = "2001:db8::/64"

[[networks]]
name = "core"
ipv4 = "198.18.1.0/24"
ipv6 = "2001:db8:1::/64"

[[hosts]]
name = "client"
role = "client"
interfaces = [{ network = "lan", ipv4 = "198.18.0.10", ipv6 = "2001:db8::10", link = { delay_ms = 1 } }]

[[hosts]]
name = "router"
role = "router"
interfaces = [
  { network = "lan", ipv4 = "198.18.0.1", ipv6 = "2001:db8::1" },
  { network = "core", ipv4 = "198.18.1.1", ipv6 = "2001:db8:1::1" },
]
"""


def server(extra: str = "", addr: str = "198.18.1.4", net: str = "core", name: str = "server") -> str:
    return f"""
[[hosts]]
name = "{name}"
role = "web"
interfaces = [{{ network = "{net}", ipv4 = "{addr}"{extra} }}]
"""


def test_default_scenario_loads_and_is_consistent():
    sc = scenario.load()
    assert sc.client.name == "client"
    assert len(sc.hosts_with_role("dns-root")) >= 3
    rtt = sc.rtt_ms()
    assert rtt["client"] == 0.0
    assert all(v is not None for v in rtt.values())
    # every non-router host has a default route via a router on its network
    routes = sc.routes()
    for h in sc.hosts:
        if h.role != "router":
            assert any(r["dst"] == "default" for r in routes[h.name]), h.name


def test_link_directions_and_rtt():
    sc = scenario.loads(BASE + server(', link = { delay_ms = 10, up = { delay_ms = 3, loss_pct = 1 }, drop = ["udp:53"] }'))
    itf = sc.host("server").interfaces[0]
    assert itf.up.delay_ms == 3 and itf.up.loss_pct == 1 and itf.down.delay_ms == 10 and itf.down.loss_pct == 0
    assert itf.up.drop == ["udp:53"] == itf.down.drop
    # client link 1+1, server link 3+10
    assert sc.rtt_ms()["server"] == 15.0
    assert sc.rtt_ms("server")["client"] == 15.0


def test_routes_across_two_routers():
    text = BASE + """
[[networks]]
name = "far"
ipv4 = "198.18.2.0/24"

[[hosts]]
name = "router2"
role = "router"
interfaces = [
  { network = "core", ipv4 = "198.18.1.2" },
  { network = "far", ipv4 = "198.18.2.1" },
]
""" + server(addr="198.18.2.9", net="far")
    sc = scenario.loads(text)
    r1 = {(r["dst"], r["via"]) for r in sc.routes()["router"]}
    assert ("198.18.2.0/24", "198.18.1.2") in r1
    r2 = {(r["dst"], r["via"]) for r in sc.routes()["router2"]}
    assert ("198.18.0.0/24", "198.18.1.1") in r2
    assert sc.routes()["server"] == [{"family": 4, "dst": "default", "via": "198.18.2.1"}]
    assert sc.rtt_ms()["server"] == 2.0


@pytest.mark.parametrize(
    "text, message",
    [
        (BASE + server(addr="10.0.0.4"), "outside 198.18.0.0/15"),
        (BASE + server(addr="8.8.8.8"), "outside 198.18.0.0/15"),
        (BASE + server(addr="198.18.0.77"), "not inside network core"),
        (BASE + server(net="nowhere"), "unknown network 'nowhere'"),
        (BASE + server() + server(addr="198.18.1.5"), "duplicate host name 'server'"),
        (BASE + server() + server(name="other"), "already used by host server"),
        (BASE + server(', link = { delay_ms = -1 }'), "out of range"),
        (BASE + server(', link = { loss_pct = 120 }'), "out of range"),
        (BASE + server(', link = { drop = ["udp:99999"] }'), "bad rule"),
        (BASE + server(', link = { drop = ["icmp:5"] }'), "bad rule"),
        (BASE + server(', link = { speed = 5 }'), "unknown link setting"),
        (BASE + server(addr="198.18.1.0"), "network or broadcast"),
        (BASE.replace("2001:db8::/64", "2001:4860::/64"), "outside 2001:db8::/32"),
        (BASE.replace('name = "core"', 'name = "lan"'), "duplicate network name"),
        (BASE + server(name="Bad_Name"), "bad host name"),
        (BASE + '[[hosts]]\nname = "x"\nrole = "web"\ninterfaces = [{ network = "core", ipv4 = "198.18.1.9" }]\n'
         'services = [{ type = "no-such-service" }]\n', "unknown service type"),
        ("this is = not toml [", "not valid TOML"),
    ],
)
def test_validation_errors(text, message):
    with pytest.raises(ScenarioError) as e:
        scenario.loads(text, source="t.toml")
    assert message in e.value.message
    assert e.value.exit_code == 5


def _eth(payload: bytes, etype: int) -> bytes:
    return b"\x02" * 6 + b"\x04" * 6 + struct.pack("!H", etype) + payload


def _ipv4(proto: int, l4: bytes, frag: int = 0) -> bytes:
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(l4), 1, frag, 64, proto, 0, bytes(4), bytes(4))
    return _eth(hdr + l4, 0x0800)


def _ipv6(nh: int, l4: bytes, ext: bytes = b"") -> bytes:
    hdr = struct.pack("!IHBB16s16s", 6 << 28, len(ext) + len(l4), nh, 64, bytes(16), bytes(16))
    return _eth(hdr + ext + l4, 0x86DD)


def test_classify_ipv4_ipv6_and_extension_headers():
    udp = struct.pack("!HHHH", 40000, 53, 8, 0)
    tcp = struct.pack("!HH", 50000, 82) + bytes(16)
    assert linkemu.classify(_ipv4(17, udp)) == (17, 40000, 53)
    assert linkemu.classify(_ipv4(6, tcp)) == (6, 50000, 82)
    assert linkemu.classify(_ipv4(17, udp, frag=5)) == (17, None, None)  # not the first fragment
    assert linkemu.classify(_ipv6(6, tcp)) == (6, 50000, 82)
    hop_by_hop = bytes([17, 0]) + bytes(6)  # next header UDP, length 0 (8 bytes)
    assert linkemu.classify(_ipv6(0, udp, hop_by_hop)) == (17, 40000, 53)
    assert linkemu.classify(_eth(bytes(28), 0x0806)) == (None, None, None)  # ARP


def test_drop_rules_match_either_port():
    rules = linkemu.compile_rules(["udp:53"])
    assert linkemu.matches(rules, _ipv4(17, struct.pack("!HHHH", 40000, 53, 8, 0)))
    assert linkemu.matches(rules, _ipv4(17, struct.pack("!HHHH", 53, 40000, 8, 0)))  # the reply
    assert not linkemu.matches(rules, _ipv4(6, struct.pack("!HH", 40000, 53) + bytes(16)))
    assert linkemu.matches(linkemu.compile_rules(["icmp"]), _ipv6(58, bytes(8)))
    assert linkemu.matches(linkemu.compile_rules(["all"]), _ipv4(6, bytes(20)))


def test_direction_schedule_delay_rate_and_order():
    d = linkemu.Direction(label="t", delay_ms=10, rate_mbit=8)  # 1 byte per microsecond
    t1 = d.admit(b"x" * 1000, 1.0)
    t2 = d.admit(b"x" * 1000, 1.0)  # queued behind the first on the wire
    assert t1 == pytest.approx(1.0 + 0.001 + 0.010)
    assert t2 == pytest.approx(1.0 + 0.002 + 0.010)
    j = linkemu.Direction(label="j", delay_ms=10, jitter_ms=5, seed=1)
    times = [j.admit(b"x", 1.0 + i * 0.0001) for i in range(200)]
    assert times == sorted(times)  # jitter never reorders
    assert min(times) >= 1.0 + 0.005 and max(times) <= 1.0 + 0.02 + 0.015


def test_direction_loss_is_seeded_and_counted():
    d = linkemu.Direction(label="l", loss_pct=25, seed=7)
    kept = sum(d.admit(b"x", 0.0) is not None for _ in range(4000))
    assert 2800 <= kept <= 3200
    assert d.stats["lost"] == 4000 - kept


def test_netem_lines_for_one_direction():
    from netlab.sandbox.supervisor import tc_lines

    lines = tc_lines("eth0", scenario.LinkSpec(delay_ms=10, jitter_ms=1, loss_pct=2, rate_mbit=100, drop=["udp:53"]))
    assert lines[0].startswith("qdisc add dev eth0 root netem delay 10ms 1ms loss 2% rate 100mbit limit ")
    assert "qdisc add dev eth0 clsact" in lines
    assert "filter add dev eth0 egress protocol ip u32 match ip protocol 17 0xff match ip dport 53 0xffff action drop" in lines
    assert "filter add dev eth0 egress protocol ipv6 u32 match ip6 protocol 17 0xff match ip6 sport 53 0xffff action drop" in lines
    assert tc_lines("eth0", scenario.LinkSpec()) == []


# ---------------------------------------------------------------------- routes, MTU, ICMP (netlab path)

CHAIN = BASE + """
[[networks]]
name = "wan"
ipv4 = "198.19.1.0/24"
ipv6 = "2001:db8:101::/64"

[[networks]]
name = "far"
ipv4 = "198.19.2.0/24"

[[hosts]]
name = "isp"
role = "router"
interfaces = [
  { network = "core", ipv4 = "198.18.1.2", ipv6 = "2001:db8:1::2" },
  { network = "wan", ipv4 = "198.19.1.1", ipv6 = "2001:db8:101::1", mtu = 1400, link = { delay_ms = 5 } },
]
routes = [
  { to = "default", via = "198.19.1.2" },
  { to = "198.18.0.0/16", via = "198.18.1.1" },
  { to = "2001:db8::/47", via = "2001:db8:1::1" },
  { to = "default", via = "2001:db8:101::2" },
]
icmp = { time_exceeded = false }

[[hosts]]
name = "edge"
role = "router"
interfaces = [
  { network = "wan", ipv4 = "198.19.1.2", ipv6 = "2001:db8:101::2", mtu = 1400 },
  { network = "far", ipv4 = "198.19.2.1" },
]
routes = [{ to = "default", via = "198.19.1.1" }]
icmp = { filter_frag_needed = true, ratelimit_ms = 1000 }
""" + server(addr="198.19.2.80", net="far", name="far")


def test_explicit_routes_replace_the_derived_ones_and_longest_prefix_wins():
    sc = scenario.loads(CHAIN)
    routes = sc.routes()
    assert routes["edge"] == [{"family": 4, "dst": "default", "via": "198.19.1.1"}]
    assert {"family": 4, "dst": "198.18.0.0/16", "via": "198.18.1.1"} in routes["isp"]
    # the home router's routes are still derived (it gives none): the far networks via isp
    assert {"family": 4, "dst": "198.19.2.0/24", "via": "198.18.1.2"} in routes["router"]
    # longest prefix: 198.18.0.10 matches both default and 198.18.0.0/16 on isp; the /16 wins
    assert sc.lookup("isp", "198.18.0.10") == (0, "198.18.1.1")
    assert sc.lookup("isp", "198.19.1.2") == (1, "198.19.1.2")  # connected
    assert sc.lookup("isp", "198.19.99.1") == (1, "198.19.1.2")  # default
    assert sc.lookup("edge", "2001:db8::10") is None  # edge has no IPv6 route at all
    hops = sc.trace("client", "198.19.2.80")
    assert [h for h, _, _ in hops] == ["client", "router", "isp", "edge", "far"]
    # rtt follows the routes: client 1+1, isp's wan link 5+5
    assert sc.rtt_ms()["far"] == 12.0 and sc.rtt_ms()["edge"] == 12.0


def test_trace_stops_where_a_route_is_missing():
    sc = scenario.loads(CHAIN)
    assert sc.trace("client", "198.19.77.1") is None  # the home router has no default route
    assert sc.trace("far", "2001:db8::10") is None


def test_mtu_and_icmp_settings_are_read():
    sc = scenario.loads(CHAIN)
    assert sc.host("isp").interfaces[1].mtu == 1400 and sc.host("isp").interfaces[0].mtu is None
    assert not sc.host("isp").icmp.time_exceeded and sc.host("isp").icmp.filtered
    edge = sc.host("edge").icmp
    assert edge.filter_frag_needed and edge.time_exceeded and edge.ratelimit_ms == 1000
    assert sc.host("client").icmp.ratelimit_ms == 0 and not sc.host("client").icmp.filtered
    d = sc.to_dict()
    isp = next(h for h in d["hosts"] if h["name"] == "isp")
    assert isp["interfaces"][1]["mtu"] == 1400 and isp["icmp"]["time_exceeded"] is False


def test_nft_ruleset_for_silent_and_black_hole_routers():
    from netlab.sandbox.supervisor import nft_ruleset

    silent = nft_ruleset(scenario.IcmpSpec(time_exceeded=False))
    assert "hook output" in silent and "icmp type time-exceeded drop" in silent
    assert "icmpv6 type time-exceeded drop" in silent and "hook forward" not in silent
    hole = nft_ruleset(scenario.IcmpSpec(filter_frag_needed=True))
    assert hole.count("icmp code frag-needed drop") == 2 and hole.count("icmpv6 type packet-too-big drop") == 2
    assert "hook forward" in hole and "time-exceeded" not in hole


ROUTER2 = BASE + """
[[hosts]]
name = "r2"
role = "router"
interfaces = [{ network = "lan", ipv4 = "198.18.0.2" }, { network = "core", ipv4 = "198.18.1.2" }]
"""


@pytest.mark.parametrize(
    "extra, message",
    [
        ('routes = [{ to = "default" }]', "needs both to"),
        ('routes = [{ to = "default", via = "198.18.9.1" }]', "on none of"),
        ('routes = [{ to = "default", via = "198.18.0.2" }]', "own address"),
        ('routes = [{ to = "default", via = "198.18.1.77" }]', "no host has that address"),
        ('routes = [{ to = "8.8.8.0/24", via = "198.18.1.1" }]', "outside 198.18.0.0/15"),
        ('routes = [{ to = "198.19.0.1/16", via = "198.18.1.1" }]', "bad prefix"),
        ('routes = [{ to = "2001:db8:5::/64", via = "198.18.1.1" }]', "outside 198.18.0.0/15"),
        ('routes = [{ to = "default", via = "198.18.1.1" }, { to = "default", via = "198.18.0.1" }]', "a second route"),
        ('routes = [{ to = "default", via = "nowhere" }]', "not an address"),
        ('routes = [{ to = "default", via = "198.18.1.1", metric = 5 }]', "unknown key"),
        ('routes = "default via 198.18.1.1"', "routes must be a list"),
        ("icmp = { time_exceeded = 0 }", "true or false"),
        ("icmp = { silent = true }", "unknown icmp setting"),
        ("icmp = { ratelimit_ms = -1 }", "0..60000"),
    ],
)
def test_route_and_icmp_validation(extra, message):
    with pytest.raises(ScenarioError) as e:
        scenario.loads(ROUTER2 + extra + "\n", source="t.toml")
    assert message in e.value.message


@pytest.mark.parametrize(
    "text, message",
    [
        (BASE + server(", mtu = 1000000"), "576..9000"),
        (BASE + server(", mtu = 1400.5"), "576..9000"),
        (BASE + server(', ipv6 = "2001:db8:1::4", mtu = 1000'), "below 1280"),
        (BASE + server() + "icmp = { time_exceeded = false }\n", "are for routers"),
    ],
)
def test_mtu_validation(text, message):
    with pytest.raises(ScenarioError) as e:
        scenario.loads(text, source="t.toml")
    assert message in e.value.message


def test_default_scenario_has_the_longer_path():
    sc = scenario.load()
    for dst, hops in (("198.19.32.80", 5), ("2001:db8:132::80", 5), ("198.19.49.80", 7), ("2001:db8:149::80", 7)):
        trace = sc.trace("client", dst)
        assert trace is not None and len(trace) - 1 == hops, dst
    assert not sc.host("isp-metro").icmp.time_exceeded and sc.host("vpn-gw").icmp.filter_frag_needed
    mtus = {(h.name, i.network): i.mtu for h in sc.hosts for i in h.interfaces if i.mtu}
    assert mtus == {("isp-metro", "backbone"): 1400, ("core-router", "backbone"): 1400,
                    ("vpn-gw", "tunnel"): 1280, ("vpn-end", "tunnel"): 1280}
    # the hosts that were there before keep their round-trip times
    rtt = sc.rtt_ms()
    assert (rtt["tcp-lab"], rtt["web-naver"], rtt["a-root"], rtt["resolver"]) == (20.0, 10.0, 20.0, 5.0)
    assert (rtt["far"], rtt["blackhole"]) == (24.0, 32.0)
