"""netlab path: analysis and findings from Recordings made in the sandbox (tests/fixtures/path).

The fixtures were recorded with `netlab --sandbox path ... --save` on the default scenario:
client -> router -> isp-edge -> isp-metro (sends no Time Exceeded) -> [MTU 1400] -> core-router
-> far.lab.test, and on through vpn-gw (filters frag-needed) -> [MTU 1280] -> vpn-end ->
blackhole.lab.test.  Every finding rule has a fixture where it fires and one where it does not.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from netlab.model import Recording
from netlab.probes import load_probe

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "path"


def result(name: str):
    return load_probe("path").analyze(Recording.load(str(FIX / f"{name}.json")))


def codes(res) -> list[str]:
    return [f.code for f in res.findings]


def test_hops_to_far_with_one_silent_router():
    r = result("far-udp")
    assert r.reached and r.dest_ttl == 5 and r.stopped == "reached" and not r.unreachable
    assert [h.status for h in r.hops] == ["router", "router", "silent", "router", "destination"]
    assert [h.addresses for h in r.hops] == [["198.18.0.1"], ["198.19.1.1"], [], ["198.19.16.2"], ["198.19.32.80"]]
    assert r.hops[1].names == {"198.19.1.1": "isp-edge"}
    assert all(x.kind == "time-exceeded" for x in r.hops[0].replies)
    assert all(x.kind == "reached" and x.what == "port-unreachable" for x in r.hops[4].replies)
    # the round trips grow with the links' delays (4 ms to isp-edge, 22 ms to core-router, 24 to far)
    rtt = [min(x.rtt_ms for x in h.replies if x.rtt_ms) for h in r.hops if h.status != "silent"]
    assert rtt == sorted(rtt) and rtt[1] >= 4.0 and rtt[2] >= 22.0 and rtt[3] >= 24.0
    silent = [f for f in r.findings if f.code == "path.silent-hop"]
    assert len(silent) == 1 and "hop 3" in silent[0].message and "3번째 홉" in silent[0].message_ko


def test_first_hop_longest_prefix_gateway_and_arp_for_the_gateway():
    fh = result("far-udp").first_hop
    assert fh.table_source == "ip" and fh.chosen.dst == "default" and fh.chosen.via == "198.18.0.1"
    assert [(x.dst, x.matches) for x in fh.routes] == [("default", True), ("198.18.0.0/24", False)]
    assert fh.agrees is True and fh.next_hop == "198.18.0.1" and not fh.on_link
    assert fh.asked == "arp" and fh.asked_target == "198.18.0.1"  # the gateway, not far.lab.test
    assert fh.answered_mac == fh.neighbour_mac and fh.neighbour_state == "PERMANENT"
    assert fh.local_mtu == 1500 and fh.answer_ms is not None and fh.answer_ms < 50


def test_the_same_packet_at_two_points_new_macs_same_ips():
    r = result("far-udp")
    probe = [v for v in r.frames if v.dst_ip == r.address]
    answer = [v for v in r.frames if v.src_ip == r.address]
    assert [v.point for v in probe] == ["client", "destination"] and len(answer) == 2
    c, d = probe
    assert (c.src_ip, c.dst_ip) == (d.src_ip, d.dst_ip) == ("198.18.0.10", "198.19.32.80")
    assert c.src_mac != d.src_mac and c.dst_mac != d.dst_mac
    assert c.src_mac_is == "us" and c.dst_mac_is == "router 198.18.0.1"
    assert d.src_mac_is == "core-router 198.19.32.1" and d.dst_mac_is == "destination"
    assert c.ttl == 5 and d.ttl == 1  # four routers took one each
    assert c.ip_id == d.ip_id
    assert "path.mac-changes" in codes(r)


def test_no_second_point_no_mac_finding():
    r = result("no-privilege")
    assert "path.mac-changes" not in codes(r) and r.frames == []
    assert r.captures["client"]["code"] == "privilege" and r.captures["destination"]["code"] == "privilege"
    # what still works without CAP_NET_RAW: the hops and the routing table
    assert r.reached and r.dest_ttl == 5 and r.first_hop.chosen.via == "198.18.0.1"
    assert r.first_hop.asked is None
    assert codes(r)[0] == "path.no-capture"
    assert "path.arp" not in codes(r) and "path.no-capture" not in codes(result("far-udp"))


def test_icmp_over_ipv6_and_neighbour_discovery():
    r = result("far-icmp6")
    assert r.family == 6 and r.reached and r.dest_ttl == 5 and r.protocol == "icmp"
    assert r.hops[0].addresses == ["2001:db8::1"] and r.hops[2].status == "silent"
    assert all(x.what == "echo-reply" for x in r.hops[-1].replies)
    assert r.first_hop.asked == "nd" and r.first_hop.asked_target == "2001:db8::1" and r.first_hop.answered_mac


def test_tcp_syn_probes_reach_an_open_port():
    r = result("far-tcp")
    assert r.protocol == "tcp" and r.port == 443 and r.reached and r.dest_ttl == 5
    assert {x.what for x in r.hops[-1].replies} == {"syn-ack"}


def test_filtered_port_the_destination_never_answers():
    r = result("filtered-tcp")
    assert not r.reached and r.unreachable and r.stopped == "silent-tail"
    assert r.hops[0].addresses == ["198.18.0.1"] and all(h.status == "silent" for h in r.hops[1:])
    f = next(f for f in r.findings if f.code == "path.silent-tail")
    assert "--protocol icmp" in f.message and f.severity == "warning"
    assert "path.silent-hop" not in codes(r)  # silence at the end is not a silent router
    assert "path.silent-tail" not in codes(result("far-udp"))


def test_unroutable_address_ends_at_the_router_that_has_no_route():
    r = result("unroutable")
    assert not r.reached and r.stopped == "unreachable" and r.unreachable
    assert len(r.hops) == 1 and r.hops[0].ttl == 1 and r.hops[0].status == "unreachable"
    assert r.hops[0].addresses == ["198.18.0.1"] and r.hops[0].answered_ttl and r.hops[0].answered_ttl > 1
    assert {x.code for x in r.hops[0].replies} == {"!N"}
    f = next(f for f in r.findings if f.code == "path.unreachable")
    assert f.severity == "error" and "198.19.99.99" in f.message and "rate-limit" in f.detail
    assert "path.silent-hop" not in codes(r) and "path.unreachable" not in codes(result("far-udp"))


def test_name_that_does_not_exist():
    r = result("no-name")
    assert r.address is None and r.stopped == "no-name" and r.unreachable and r.hops == []
    assert codes(r) == ["path.no-name"]


def test_pmtu_discovery_works_to_far():
    r = result("far-mtu")
    m = r.mtu
    assert m.local_mtu == 1500 and m.path_mtu == 1400 and not m.black_hole and m.cache_flushed
    assert m.announced == [{"source": "198.19.2.2", "mtu": 1400, "hop": 3}]
    assert [(s.size, s.outcome) for s in m.steps] == [(1500, "too-big"), (1400, "passed")]
    up = m.upload
    assert up.outcome == "acked" and up.acked_bytes == up.sent_bytes
    assert (up.mss_start, up.mss_end, up.pmtu_start, up.pmtu_end) == (1448, 1348, 1500, 1400)
    assert up.icmp and up.icmp[0]["source"] == "198.19.2.2" and up.icmp[0]["mtu"] == 1400
    assert {s["ip_len"] for s in up.segments} >= {1500, 1400}
    assert max(s["ip_len"] for s in up.delivered) == 1400  # what arrived was never above the path MTU
    # the silent router gave its address away in its frag-needed
    assert r.hops[2].status == "silent" and r.hops[2].mtu_hint_source == "198.19.2.2"
    assert {"path.pmtu", "path.tcp-pmtud"} <= set(codes(r)) and "path.black-hole" not in codes(r)


def test_black_hole_measured_and_located():
    r = result("blackhole-mtu")
    m = r.mtu
    assert r.reached and r.dest_ttl == 7
    assert m.black_hole and m.path_mtu == 1280 and m.largest_silent == 1281
    assert m.hole_after_ttl == 5 and r.hops[4].addresses == ["198.19.32.2"]  # vpn-gw, before the tunnel
    assert [s.outcome for s in m.steps[:3]] == ["too-big", "silent", "passed"]
    up = m.upload
    assert up.outcome == "stalled" and up.acked_bytes == 0 and up.retransmissions > 0
    assert up.delivered and max(s["ip_len"] for s in up.delivered) < 1280  # only the small ones arrived
    f = next(f for f in r.findings if f.code == "path.black-hole")
    assert f.severity == "error" and "1281" in f.message and "hop 5" in f.message
    assert "path.tcp-stall" in codes(r) and "path.tcp-stall" not in codes(result("far-mtu"))


def test_every_path_finding_has_both_languages_and_known_concepts():
    from netlab.concepts import registry

    notes = registry()
    for name in ("far-udp", "far-mtu", "blackhole-mtu", "unroutable", "filtered-tcp", "no-privilege", "no-name"):
        for f in result(name).findings:
            assert f.message_ko and f.message_ko != f.message, f.code
            assert all(c in notes for c in f.concepts), f.code


@pytest.mark.parametrize("name", ["far-udp", "blackhole-mtu", "unroutable", "no-name"])
def test_report_renders_in_both_languages(name):
    probe = load_probe("path")
    r = result(name)
    for lang in ("en", "ko"):
        doc = probe.build(r, lang)
        assert doc.title and doc.summary
