"""layers analysis: which packet is shown, its reply, and each finding rule (fires / does not fire).

Real captures (tests/fixtures/layers/*.pcap, read by collect as `--from` does) and the Recordings
saved by `--capture` in the sandbox; a few packets are made from real ones with scapy (a record
cut short, a port with no dissector, ECN marked) where the sandbox cannot produce them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from netlab.capture.pcap import read_pcap
from netlab.model import Recording
from netlab.probes import load_probe
from netlab.probes.context import RunContext
from netlab.probes.layers.model import (
    LayersCaptureStarted,
    LayersExchangeFailed,
    LayersFrameCaptured,
    LayersFrameRead,
    LayersNameResolutionFailed,
)
from netlab.probes.layers.params import build_params

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "layers"
PROBE = load_probe("layers")


def from_file(name: str, packet: int | None = None):
    params = build_params(str(FIXTURES / name), None, None, packet, None, None, None)
    return PROBE.analyze(PROBE.collect(params, RunContext()))


def recording(name: str) -> Recording:
    return Recording.load(str(FIXTURES / name))


def frames_of(data: bytes, linktype: int = 1, params: dict | None = None, capture: bool = False) -> Recording:
    p = {"source": "capture" if capture else "file", "path": "made.pcap", "packet": None, **(params or {})}
    ev = (LayersFrameCaptured(0.0, 1, linktype, data) if capture else LayersFrameRead(0.0, 1, linktype, data))
    return Recording(probe="layers", params=p, events=[ev])


def codes(res) -> list[str]:
    return [f.code for f in res.findings]


def message(res, code: str) -> str:
    return next(f.message for f in res.findings if f.code == code)


def frame(name: str, n: int) -> bytes:
    return read_pcap(FIXTURES / name).frames[n - 1].data


# ------------------------------------------------------------------------------------ choice, reply


def test_file_shows_packet_n_and_finds_its_reply():
    res = from_file("http-v4.pcap", 4)
    assert res.packet == 4 and res.frames == 5  # the chosen packet and its conversation
    assert res.reply["packet"] == 5 and res.reply["sport"] == 80


def test_default_packet_of_a_file_is_the_first():
    assert from_file("dns-v4.pcap").packet == 1


@pytest.mark.parametrize("name,kind,packet", [
    ("capture-dns.json", "dns", 1), ("capture-refused.json", "tcp", 1), ("capture-tls.json", "tls", 4),
    ("capture-quic.json", "udp", 1),
])
def test_capture_shows_the_packet_its_kind_names(name, kind, packet):
    res = PROBE.analyze(recording(name))
    assert res.kind == kind and res.packet == packet
    first = {"dns": "dns", "tcp": "tcp", "tls": "tls", "udp": "quic"}[kind]
    assert first in [x.proto for x in res.layers]


def test_a_packet_not_in_the_evidence_is_a_finding():
    rec = recording("capture-dns.json")
    rec.params["packet"] = 9
    res = PROBE.analyze(rec)
    assert res.packet is None and codes(res) == ["layers.no-packet"]


# ------------------------------------------------------------------------------------ the notes' claims


def test_tls_rides_in_tcps_payload():
    res = from_file("tls-v6.pcap", 4)
    msg = message(res, "layers.tls-over-tcp")
    assert "starts at byte 86" in msg and "bytes 54-85" in msg and "not in layer 4" in msg
    assert "layers.tls-over-tcp" not in codes(from_file("http-v4.pcap", 4))


def test_the_clienthello_is_readable():
    res = from_file("tls-v6.pcap", 4)
    msg = message(res, "layers.clienthello-in-clear")
    assert "www.naver.com (SNI, bytes 239-251)" in msg and "31 cipher suites" in msg
    assert "layers.clienthello-in-clear" not in codes(from_file("tls-v6.pcap", 1))


def test_ecn_is_the_ip_headers_only_congestion_signal():
    res = from_file("http-v4.pcap", 1)
    msg = message(res, "layers.ecn")
    assert "2 ECN bits" in msg and "byte 15" in msg and "00, not ECN-capable" in msg
    marked = bytearray(frame("http-v4.pcap", 1))
    marked[15] |= 0b11  # a router marked it: congestion experienced
    res = PROBE.analyze(frames_of(bytes(marked)))
    assert "11, congestion experienced" in message(res, "layers.ecn")
    assert "byte 15" in message(from_file("tls-v6.pcap", 1), "layers.ecn")  # IPv6: the traffic class's low bits


def test_udp_header_is_8_bytes_without_sequence_numbers():
    msg = message(from_file("dns-v4.pcap", 1), "layers.udp-header")
    assert "8 bytes (bytes 34-41)" in msg and "no sequence number" in msg and "query ID" in msg
    assert "QUIC numbers" in message(from_file("quic-v4.pcap", 1), "layers.udp-header")
    assert "layers.udp-header" not in codes(from_file("http-v4.pcap", 1))


@pytest.mark.parametrize("packet", [1, 2])
def test_dns_over_udp_is_one_datagram_each_way(packet):
    msg = message(from_file("dns-v4.pcap", packet), "layers.udp-both-ways")
    assert msg.startswith("one datagram each way: packet 1 went from port 54183 to port 53, and packet 2 came back")
    assert "(92-byte payload)" in msg


def test_dns_query_without_answer():
    rec = recording("capture-dns.json")
    rec.events = [e for e in rec.events if not (isinstance(e, LayersFrameCaptured) and e.index == 2)]
    rec.events.append(LayersExchangeFailed(1.0, "dns", "ETIMEDOUT", "no answer within 2 s"))
    res = PROBE.analyze(rec)
    assert "layers.udp-both-ways" not in codes(res)
    assert "within 2 s" in message(res, "layers.udp-no-answer")


def test_quic_initial_in_udp_padded_to_1200():
    res = from_file("quic-v4.pcap", 1)
    msg = message(res, "layers.quic-in-udp")
    assert "UDP header bytes 34-41" in msg and "c1929320137a12cf" in msg and "496 bytes" in msg
    assert "522 bytes and 678 bytes of padding" in message(res, "layers.quic-1200")
    from scapy.layers.inet import IP, UDP
    from scapy.layers.l2 import Ether

    quic = bytes(res.frame_hex and bytes.fromhex(res.frame_hex)[42:42 + 300])
    small = bytes(Ether() / IP(src="198.18.0.10", dst="198.18.1.100") / UDP(sport=40000, dport=443) / quic)
    res = PROBE.analyze(frames_of(small))
    assert "300 bytes, under the 1200" in message(res, "layers.quic-small")


def test_header_lengths_in_32_bit_words():
    res = from_file("http-v4.pcap", 1)
    assert "IHL 5 means 5 × 4 = 20 bytes" in message(res, "layers.ipv4-header")
    assert message(res, "layers.tcp-header") == (
        "the TCP header is 40 bytes: data offset 10 × 4; 20 fixed, 20 of options (MSS, SAckOK, Timestamp, WScale)")
    assert "no options" in message(from_file("rst-padded-v4.pcap", 2), "layers.tcp-header")
    assert "always 40 bytes" in message(from_file("tls-v6.pcap", 1), "layers.ipv6-header")


def test_mss_and_the_mtu():
    assert "1460 + 20 (TCP) + 20 (IPv4) = 1500" in message(from_file("http-v4.pcap", 1), "layers.mss")
    assert "1440 + 20 (TCP) + 40 (IPv6) = 1500" in message(from_file("tls-v6.pcap", 1), "layers.mss")
    assert "layers.mss" not in codes(from_file("http-v4.pcap", 4))  # not a SYN


def test_ethernet_padding():
    assert "6 bytes of padding after the 40-byte IP packet" in message(from_file("rst-padded-v4.pcap", 2),
                                                                       "layers.padding")
    assert "layers.padding" not in codes(from_file("http-v4.pcap", 1))


def test_icmp_error_quotes_what_it_is_about():
    msg = message(from_file("icmp-v4.pcap", 2), "layers.icmp-error")
    assert "port-unreachable" in msg and "bytes 42-123: IPv4 > UDP > DNS" in msg and "port 59535" in msg
    assert "layers.icmp-error" not in codes(from_file("icmp-v4.pcap", 1))


def test_encapsulation_from_the_outside_in():
    msg = message(from_file("http-v4.pcap", 4), "layers.encapsulation")
    assert msg.startswith("encapsulation, from the outside in: Ethernet frame (138 bytes) > IPv4 packet (124 bytes) > "
                          "TCP segment (104 bytes) > HTTP message (72 bytes)")


def test_bytes_with_no_dissector():
    from scapy.layers.inet import IP, TCP
    from scapy.layers.l2 import Ether

    data = bytes(Ether() / IP(src="10.0.0.1", dst="10.0.0.2") / TCP(sport=40000, dport=9999, flags="PA") / b"hello")
    res = PROBE.analyze(frames_of(data))
    assert message(res, "layers.undissected") == (
        "5 bytes after the TCP header are shown as data: scapy has no dissector for them here (port 9999)")
    assert "layers.undissected" not in codes(from_file("http-v4.pcap", 4))


# ------------------------------------------------------------------------------------ evidence problems


def test_a_frame_cut_at_the_snap_length():
    res = from_file("snap-v4.pcap", 4)
    assert res.frame_len == 96 and res.wire_len == 138
    assert "kept 96 of this frame's 138 bytes" in message(res, "layers.truncated")
    assert "layers.truncated" not in codes(from_file("http-v4.pcap", 4))


def test_a_tls_record_longer_than_the_capture():
    from scapy.layers.inet import IP, TCP
    from scapy.layers.l2 import Ether

    hello = bytes.fromhex(from_file("tls-v6.pcap", 4).frame_hex)[86:86 + 100]
    data = bytes(Ether() / IP(src="10.0.0.1", dst="10.0.0.2") / TCP(sport=40000, dport=443, flags="PA") / hello)
    res = PROBE.analyze(frames_of(data))
    assert "at byte 54 says it is 517 bytes long, but this frame holds only 100" in message(res, "layers.incomplete")
    assert "layers.tls-over-tcp" in codes(res)  # even a fragment of a record rides in TCP's payload


def test_unknown_link_type_is_a_finding_and_the_bytes_are_kept():
    res = PROBE.analyze(frames_of(frame("dns-v4.pcap", 1), linktype=147))
    assert codes(res) == ["layers.linktype"] and res.frame_len == 96 and res.frame_hex
    assert res.findings[0].severity == "error"


def test_capture_failures():
    rec = Recording(probe="layers", params={"source": "capture", "kind": "tcp", "target": "nowhere.test"},
                    events=[LayersNameResolutionFailed(0.0, "nowhere.test", "Name or service not known")])
    res = PROBE.analyze(rec)
    assert codes(res) == ["layers.no-name"] and res.unreachable
    assert "RST" in message(PROBE.analyze(recording("capture-refused.json")), "layers.refused")
    assert "--packet 2 shows the ICMP error" in message(PROBE.analyze(recording("capture-dns-unreachable.json")),
                                                        "layers.port-unreachable")
    silent = Recording(probe="layers", params={"source": "capture", "kind": "tcp", "port": 80},
                       events=[LayersCaptureStarted(0.0, "eth0", 1, "tcp")])
    assert codes(PROBE.analyze(silent)) == ["layers.nothing-captured"]
    timed = recording("capture-refused.json")
    timed.events = [LayersExchangeFailed(0.0, "tcp", "ETIMEDOUT", "no answer to the SYN within 5 s")
                    if isinstance(e, LayersExchangeFailed) else e for e in timed.events]
    assert "layers.timeout" in codes(PROBE.analyze(timed))
    other = recording("capture-refused.json")
    other.events = [LayersExchangeFailed(0.0, "tcp", "EHOSTUNREACH", "No route to host")
                    if isinstance(e, LayersExchangeFailed) else e for e in other.events]
    assert "EHOSTUNREACH" in message(PROBE.analyze(other), "layers.exchange-failed")


def test_garbage_frames_never_raise():
    for junk in (b"", b"\x00" * 13, b"\xff" * 64, bytes(range(256))):
        for lt in (1, 101, 113, 0, 228, 229, 276):
            res = PROBE.analyze(frames_of(junk, linktype=lt))
            assert res.packet == 1
