"""netlab path: the pure pieces, on bytes and tables made here (error queue, routing, frames, hops)."""

from __future__ import annotations

import json
import socket
import struct

import pytest

from netlab.probes.path import errqueue, frames, routing
from netlab.probes.path.hops import build_hops, probe_rtt_ms
from netlab.probes.path.model import ProbeAnswered, ProbeSent, ProbeSilent


def _ee(errno_: int, origin: int, typ: int, code: int, info: int, offender: str) -> bytes:
    head = struct.pack("=IBBBBII", errno_, origin, typ, code, 0, info, 0)
    if ":" in offender:
        sa = struct.pack("=HHI", socket.AF_INET6, 0, 0) + socket.inet_pton(socket.AF_INET6, offender) + bytes(4)
    else:
        sa = struct.pack("=HH", socket.AF_INET, 0) + socket.inet_aton(offender) + bytes(8)
    return head + sa


def test_extended_error_decoding():
    e = errqueue.parse_extended_error(_ee(90, 2, 3, 4, 1400, "198.19.2.2"))
    assert (e.errno, e.version, e.type, e.code, e.info, e.offender) == (90, 4, 3, 4, 1400, "198.19.2.2")
    assert errqueue.is_too_big(4, 3, 4) and not errqueue.is_too_big(4, 3, 3)
    e6 = errqueue.parse_extended_error(_ee(113, 3, 3, 0, 0, "2001:db8::1"))
    assert e6.version == 6 and errqueue.is_time_exceeded(6, e6.type) and e6.offender == "2001:db8::1"
    assert errqueue.parse_extended_error(b"short") is None
    assert errqueue.unreachable_mark(4, 0) == "!N" and errqueue.unreachable_mark(6, 1) == "!X"
    assert errqueue.is_port_unreachable(6, 1, 4) and errqueue.unreachable_name(4, 13) == "admin"


ROUTES = json.dumps([
    {"dst": "default", "gateway": "198.18.0.1", "dev": "eth0", "metric": 100},
    {"dst": "default", "gateway": "198.18.0.2", "dev": "eth0", "metric": 50},
    {"dst": "198.18.0.0/24", "dev": "eth0", "protocol": "kernel", "prefsrc": "198.18.0.10"},
    {"dst": "198.19.0.0/16", "gateway": "198.18.0.7", "dev": "eth0"},
    {"dst": "198.19.32.0/24", "gateway": "198.18.0.8", "dev": "eth0"},
    {"type": "broadcast", "dst": "198.18.0.255", "dev": "eth0"},
    {"dst": "not an address"},
])


@pytest.mark.parametrize("address, chosen, via", [
    ("198.19.32.80", "198.19.32.0/24", "198.18.0.8"),  # /24 beats /16 beats /0
    ("198.19.1.1", "198.19.0.0/16", "198.18.0.7"),
    ("198.18.0.53", "198.18.0.0/24", None),  # on-link
    ("203.0.113.9", "default", "198.18.0.2"),  # two defaults: the lower metric
])
def test_longest_prefix_match(address, chosen, via):
    rows = routing.parse_routes(ROUTES, 4)
    assert len(rows) == 5  # the broadcast entry and the junk are left out
    best = routing.longest_match(rows, address)
    assert (best.dst, best.via) == (chosen, via) and best.chosen
    assert sum(r.chosen for r in rows) == 1
    assert all(r.matches for r in rows if r.dst == "default")


def test_proc_net_route_fallback():
    text = ("Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
            "eth0\t00000000\t010012C6\t0003\t0\t0\t0\t00000000\t0\t0\t0\n"
            "eth0\t000012C6\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n")
    rows = routing.parse_proc_route(text)
    assert [(r.dst, r.prefixlen, r.via) for r in rows] == [("default", 0, "198.18.0.1"), ("198.18.0.0/24", 24, None)]


def test_route_get_link_and_neighbours():
    got = routing.route_get(json.dumps([{"dst": "198.19.49.80", "gateway": "198.18.0.1", "dev": "eth0",
                                         "prefsrc": "198.18.0.10", "metrics": [{"mtu": 1400}]}]))
    assert got == {"gateway": "198.18.0.1", "dev": "eth0", "prefsrc": "198.18.0.10", "mtu": 1400}
    assert routing.link('[{"address": "02:4e:4c:00:00:00", "mtu": 1500}]') == ("02:4e:4c:00:00:00", 1500)
    n = routing.neighbours('[{"dst": "198.18.0.1", "lladdr": "02:4e:4c:00:01:00", "state": ["PERMANENT"]}]')
    assert n == {"198.18.0.1": ("02:4e:4c:00:01:00", "PERMANENT")}
    assert routing.neighbours("garbage") == {} and routing.parse_routes("{", 4) == []


def test_arp_request_and_nd_solicitation_are_what_scapy_reads():
    from scapy.layers.inet6 import ICMPv6ND_NS, ICMPv6NDOptSrcLLAddr, IPv6
    from scapy.layers.l2 import ARP, Ether

    raw = frames.arp_request("02:4e:4c:00:00:00", "198.18.0.10", "198.18.0.1")
    p = Ether(raw)
    assert p.dst == "ff:ff:ff:ff:ff:ff" and p[ARP].op == 1 and p[ARP].pdst == "198.18.0.1"
    assert p[ARP].psrc == "198.18.0.10" and p[ARP].hwsrc == "02:4e:4c:00:00:00"
    reply = frames.arp(bytes(Ether(src="02:4e:4c:00:01:00") / ARP(op=2, hwsrc="02:4e:4c:00:01:00", psrc="198.18.0.1",
                                                                  hwdst="02:4e:4c:00:00:00", pdst="198.18.0.10")))
    assert (reply.op, reply.sender_ip, reply.sender_mac) == (2, "198.18.0.1", "02:4e:4c:00:01:00")
    ns = Ether(frames.nd_solicitation("02:4e:4c:00:00:00", "2001:db8::10", "2001:db8::1"))
    assert ns[IPv6].dst == "ff02::1:ff00:1" and ns[IPv6].hlim == 255 and ns.dst == "33:33:ff:00:00:01"
    assert ns[ICMPv6ND_NS].tgt == "2001:db8::1" and ns[ICMPv6NDOptSrcLLAddr].lladdr == "02:4e:4c:00:00:00"
    claimed = ns[ICMPv6ND_NS].cksum
    del ns[ICMPv6ND_NS].cksum
    assert Ether(bytes(ns))[ICMPv6ND_NS].cksum == claimed  # scapy computes the same checksum
    parsed = frames.nd(bytes(ns))
    assert parsed.type == 135 and parsed.target == "2001:db8::1" and parsed.mac == "02:4e:4c:00:00:00"


def test_frag_needed_mtu_df_and_l4_bytes():
    from scapy.layers.inet import ICMP, IP, UDP
    from scapy.layers.inet6 import ICMPv6PacketTooBig, IPv6
    from scapy.layers.l2 import Ether

    inner = IP(src="198.18.0.10", dst="198.19.49.80", flags="DF") / UDP(sport=4000, dport=33434) / (b"x" * 1372)
    fn = bytes(Ether() / IP(src="198.19.2.2", dst="198.18.0.10") / ICMP(type=3, code=4, nexthopmtu=1400) / bytes(inner)[:28])
    assert frames.icmp_next_mtu(fn) == 1400
    ptb = bytes(Ether() / IPv6(src="2001:db8:102::2", dst="2001:db8::10") / ICMPv6PacketTooBig(mtu=1400))
    assert frames.icmp_next_mtu(ptb) == 1400
    facts = frames.ip_facts(bytes(Ether() / inner))
    assert facts.df and facts.length == 1400 and facts.ip_id == inner.id
    assert frames.l4_bytes(bytes(Ether() / inner)) == bytes(inner)[20:]
    assert frames.ether(b"short") is None and frames.arp(b"") is None and frames.nd(b"\x00" * 20) is None


def _sent(probe, ttl, t, wall=None):
    return ProbeSent(t, probe, "trace", "udp", ttl, 60, 40000 + probe, 33434 + probe, False, wall)


def test_hops_from_events_and_the_kernel_stamped_rtt():
    ev = [_sent(1, 1, 0.0, 1_000_000_000), _sent(2, 2, 0.0), _sent(3, 3, 0.0)]
    ev += [ProbeAnswered(0.003, 1, "icmp", "198.18.0.1", 11, 0, 4, 113, kernel_ns=1_000_400_000),
           ProbeSilent(0.5, 2, 0.5, "near"),
           ProbeAnswered(0.030, 3, "icmp", "198.19.32.80", 3, 3, 4, 111)]
    hops, reached, dest, stopped = build_hops(ev, "198.19.32.80", {"198.18.0.1": "router"})
    assert [h.status for h in hops] == ["router", "silent", "destination"] and reached and dest == 3
    assert hops[0].replies[0].rtt_ms == 0.4  # the kernel's receive stamp, not when we read it (3 ms)
    assert hops[2].replies[0].rtt_ms == 30.0  # no stamps: the monotonic clock
    # a wall clock that stepped is not believed
    assert probe_rtt_ms(_sent(9, 1, 0.0, 5_000_000_000), ProbeAnswered(0.002, 9, "icmp", kernel_ns=1)) == 2.0


def test_a_late_unreachable_is_placed_at_the_router_that_sent_it():
    ev = [_sent(n, (n + 2) // 3, 0.0) for n in range(1, 10)]
    ev += [ProbeSilent(1.0, n, 1.0) for n in range(1, 7)]
    ev += [ProbeAnswered(2.0, n, "icmp", "198.18.0.1", 3, 0, 4, 101) for n in (7, 8, 9)]
    hops, reached, _dest, stopped = build_hops(ev, "198.19.99.99", {}, gateway="198.18.0.1")
    assert not reached and stopped == "unreachable"
    assert [(h.ttl, h.status, h.answered_ttl) for h in hops] == [(1, "unreachable", 3)]


def test_the_local_table_wins_for_this_hosts_own_addresses():
    local = json.dumps([{"type": "local", "dst": "127.0.0.0/8", "dev": "lo"},
                        {"type": "local", "dst": "198.18.0.10", "dev": "eth0"},
                        {"type": "broadcast", "dst": "198.18.0.255", "dev": "eth0"}])
    rows = routing.parse_routes(ROUTES, 4) + routing.parse_routes(local, 4, local=True)
    assert [r.dst for r in rows if r.local] == ["127.0.0.0/8", "198.18.0.10/32"]
    assert routing.longest_match(rows, "198.18.0.10").dst == "198.18.0.10/32"  # not 198.18.0.0/24
    assert routing.longest_match(rows, "127.0.0.53").dev == "lo"
    assert routing.longest_match(rows, "198.19.32.80").dst == "198.19.32.0/24"
