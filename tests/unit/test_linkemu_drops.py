"""Deterministic drop rules of the link emulator: which packet, exactly once, reported (pure)."""

import json
import struct

import pytest

from netlab.sandbox.contract import StateFiles
from netlab.sandbox.linkemu import Direction, DropRule, LinkPair, Relay, parse_overrides, transport

MAC = b"\x02" * 6 + b"\x04" * 6


def tcp(payload: int, sport=5001, dport=40000, seq=1000, pad_to=60) -> bytes:
    tcph = struct.pack("!HHIIBBHHH", sport, dport, seq, 0, 5 << 4, 0x18, 65535, 0, 0)
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + 20 + payload, 0, 0x4000, 64, 6, 0, bytes(4), bytes(4))
    frame = MAC + b"\x08\x00" + ip + tcph + b"d" * payload
    return frame.ljust(pad_to, b"\0")  # Ethernet pads short frames


def udp(payload: int, sport=443, dport=50000) -> bytes:
    udph = struct.pack("!HHHH", sport, dport, 8 + payload, 0)
    ip6 = struct.pack("!IHBB16s16s", 6 << 28, 8 + payload, 17, 64, bytes(16), bytes(16))
    return MAC + b"\x86\xdd" + ip6 + udph + b"q" * payload


def test_payload_length_comes_from_the_ip_header_not_the_padded_frame():
    assert transport(tcp(0)) == (6, 5001, 40000, 0, 1000)  # a 54-byte ACK padded to 60
    assert transport(tcp(1448, seq=7)) == (6, 5001, 40000, 1448, 7)
    assert transport(udp(1200)) == (17, 443, 50000, 1200, None)


def test_nth_counts_payload_packets_only_and_fires_once():
    d = Direction("down", drop=[])
    d.set_override({"drops": [{"nth": 3, "protocol": "tcp", "port": 5001}]})
    verdicts = []
    for i in range(8):
        verdicts.append(d.admit(tcp(0), 0.0) is None)  # pure ACKs are not counted
        verdicts.append(d.admit(tcp(1448, seq=1000 + 1448 * i), 0.0) is None)
    assert verdicts.count(True) == 1 and verdicts.index(True) == 5  # the third data packet
    fired = d.drop_rules[0].fired
    assert fired["packet_number"] == 3 and fired["seq"] == 1000 + 2 * 1448 and fired["payload_bytes_before"] == 2896
    assert d.stats["dropped_nth"] == 1


def test_every_rule_numbers_the_packets_on_its_own():
    d = Direction("down")
    d.set_override({"drops": [{"nth": 2}, {"nth": 3}, {"nth": 5}]})
    dropped = [i + 1 for i in range(6) if d.admit(tcp(100, seq=i), 0.0) is None]
    assert dropped == [2, 3, 5]  # a dropped packet still counts for the other rules


def test_after_bytes_works_for_udp_as_for_tcp():
    d = Direction("down")
    d.set_override({"drops": [{"after_bytes": 3000, "protocol": "udp", "port": 443}]})
    dropped = [i for i in range(6) if d.admit(udp(1200), 0.0) is None]
    assert dropped == [3]  # 3600 bytes had passed before the 4th packet (index 3)
    assert d.admit(tcp(1448, sport=443), 0.0) is not None  # another protocol: not this rule's


def test_port_and_protocol_narrow_a_rule():
    r = DropRule({"nth": 1, "protocol": "tcp", "port": 80})
    assert not r.offer(17, 80, 999, 100)
    assert not r.offer(6, 81, 999, 100)
    assert r.offer(6, 999, 80, 100)  # the port may be either side's


@pytest.mark.parametrize("rule", [
    {"nth": 0}, {"nth": 1.5}, {"after_bytes": -1}, {"nth": 1, "after_bytes": 2}, {}, {"nth": 1, "port": 70000},
    {"nth": 1, "protocol": "icmp"}, {"nth": 1, "when": "now"}, "nth=1",
])
def test_bad_rules_are_refused(rule):
    with pytest.raises(ValueError):
        parse_overrides({"links": {"client": {"down": {"drops": [rule]}}}}, ["client/eth0"])


def _relay(tmp_path):
    relay = Relay.__new__(Relay)
    relay.pairs = [LinkPair("client/eth0", "a", "b", Direction("up"), Direction("down"))]
    files = StateFiles(tmp_path)
    relay.overrides_path, relay.ack_path, relay.overrides_seen = str(files.link_overrides), str(files.link_overrides_ack), False
    return relay, files


def test_the_ack_reports_what_fired_at_once_and_again_when_the_rules_are_replaced(tmp_path):
    relay, files = _relay(tmp_path)
    files.link_overrides.write_text(json.dumps({"generation": 1, "links": {"client": {"down": {"drops": [{"nth": 2}]}}}}))
    relay.check_overrides()
    ack = json.loads(files.link_overrides_ack.read_text())
    assert ack["generation"] == 1 and ack["fired"] == [] and "client/eth0" in ack["counters"]
    assert ack["effective"]["client/eth0"]["down"]["drops"] == [{"nth": 2}]
    down = relay.pairs[0].down
    for i in range(3):
        down.admit(tcp(100, seq=i), 5.0 + i)
    ack = json.loads(files.link_overrides_ack.read_text())  # rewritten the moment the rule fired
    assert [(f["link"], f["direction"], f["nth"], f["t"]) for f in ack["fired"]] == [("client/eth0", "down", 2, 6.0)]
    files.link_overrides.write_text(json.dumps({"generation": 2, "links": {}}))
    relay.check_overrides()
    ack = json.loads(files.link_overrides_ack.read_text())
    assert ack["fired"] == [] and ack["ended"]["generation"] == 1 and len(ack["ended"]["fired"]) == 1
    assert ack["counters"]["client/eth0"]["down"]["dropped_nth"] == 1
    assert ack["ended"]["counters"]["client/eth0"]["down"]["frames"] == 3  # as the replaced settings left them
