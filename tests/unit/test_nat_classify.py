"""netlab nat, pure: STUN messages built and parsed, each behaviour classified from exchanges, and the
recorded fixtures (tests/fixtures/nat, recorded in the NAT sandbox by record.py, hostile ones made
from them) analysed: the verdicts, the lost responses (retried, never "filtered"), the malformed and
stray answers, the server with one address."""

from __future__ import annotations

import os
import struct
from pathlib import Path

import pytest

from netlab.model import Recording
from netlab.probes import load_probe
from netlab.probes.nat import classify as C
from netlab.probes.nat import conntrack, stun
from netlab.probes.nat.model import Exchange

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "nat"


def analyze(name: str):
    return load_probe("nat").analyze(Recording.load(str(FIX / f"{name}.json")))


def codes(res) -> set[str]:
    return {f.code for f in res.findings}


# ---------------------------------------------------------------------------------- STUN wire


def test_binding_request_with_change_request_and_response_port_round_trips():
    tid, raw = stun.binding_request(change_ip=True, change_port=True, response_port=40000)
    assert len(tid) == 12 and raw[8:20] == tid
    assert struct.unpack_from("!I", raw, 4)[0] == stun.MAGIC
    assert struct.unpack_from("!H", raw, 2)[0] == len(raw) - 20  # the hand-added RESPONSE-PORT counted
    p = stun.parse(raw)
    assert p.ok and p.kind == "request" and p.method == "binding"
    assert p.attrs["CHANGE-REQUEST"] == stun.CHANGE_IP | stun.CHANGE_PORT
    # RESPONSE-PORT: type 0x0027, 4 bytes (port, 2 bytes of padding), at the end
    assert raw[-8:] == struct.pack("!HHH2x", 0x0027, 4, 40000)
    assert p.unknown == []


def test_success_response_names_the_source_xored():
    tid = os.urandom(12)
    raw = stun.binding_success(tid, ("198.18.60.33", 40668))
    assert b"\xc6\x12\x3c\x21" not in raw  # 198.18.60.33 never in clear: XOR with the magic cookie
    p = stun.parse(raw)
    assert p.kind == "success" and p.tid == tid and p.address("XOR-MAPPED-ADDRESS") == "198.18.60.33:40668"


@pytest.mark.parametrize("data, why", [
    (b"", "shorter than a STUN header"),
    (b"\x01\x01\x00\x00" + b"\x00" * 16, "no magic cookie"),  # RFC 3489's format
    (b"\xc1\x01\x00\x00" + struct.pack("!I", stun.MAGIC) + b"\x00" * 12, "first two bits"),
    (b"\x01\x01\x00\x08" + struct.pack("!I", stun.MAGIC) + b"\x00" * 12, "the datagram has 0"),
    (b"\x01\x01\x00\x08" + struct.pack("!I", stun.MAGIC) + b"\x00" * 12 + b"\x00\x20\x00\x40\x00\x00\x00\x00",
     "past the end"),
    (b"\x01\x01\x00\x08" + struct.pack("!I", stun.MAGIC) + b"\x00" * 12 + b"\x00\x20\x00\x04\x00\x01\x00\x05",
     "malformed"),
])
def test_malformed_messages_are_an_error_line_never_an_exception(data, why):
    p = stun.parse(data)
    assert not p.ok and why in p.error


def test_parse_survives_random_bytes_behind_a_valid_header():
    import random

    rnd = random.Random(5780)
    for _ in range(3000):
        body = bytes(rnd.randrange(256) for _ in range(rnd.choice((4, 8, 12, 16, 24, 40))))
        data = struct.pack("!HHI", 0x0101, len(body), stun.MAGIC) + os.urandom(12) + body
        p = stun.parse(data)
        assert p.ok or p.error


def test_comprehension_required_attributes_aioice_does_not_know_are_listed():
    body = struct.pack("!HH", 0x0031, 4) + b"abcd"
    p = stun.parse(struct.pack("!HHI", 0x0101, len(body), stun.MAGIC) + os.urandom(12) + body)
    assert p.ok and p.unknown == [0x0031]


def test_turn_request_carries_long_term_credentials():
    key = stun.long_term_key("netlab", "lab.test", "netlab")
    tid, raw = stun.turn_request("allocate", {"REQUESTED-TRANSPORT": stun.REQUESTED_TRANSPORT_UDP},
                                 ("netlab", "lab.test", b"nonce", key))
    from aioice import stun as a

    m = a.parse_message(raw)
    assert m.attributes["USERNAME"] == "netlab" and m.attributes["REALM"] == "lab.test"
    # MESSAGE-INTEGRITY is HMAC-SHA1 with the key over the message up to it (length field counting it),
    # and FINGERPRINT follows it
    cut = raw.index(struct.pack("!HH", 0x0008, 20))
    assert m.attributes["MESSAGE-INTEGRITY"] == a.message_integrity(raw[:cut], key)
    assert "FINGERPRINT" in m.attributes


# ---------------------------------------------------------------------------------- classification


def ex(test, mapped=None, answered=True, src=None, kind="success", attempt=1, problems=(), dst="198.18.60.10:3478"):
    return Exchange(test=test, sock="s", dst=dst, attempts=attempt, answered=answered, answer_attempt=attempt,
                    src=src or dst, kind=kind if answered else None, mapped=mapped, problems=list(problems))


PRIV = "198.19.63.10:40000"
A, B = "198.18.60.33:40000", "198.18.60.33:50000"


@pytest.mark.parametrize("m1, m2, m3, value, reason", [
    (A, A, A, C.EI, "same-everywhere"),
    (A, B, B, C.AD, "changes-with-address"),
    (A, B, "198.18.60.33:60000", C.APD, "changes-with-port"),
    (PRIV, PRIV, PRIV, C.NONE, "no-nat"),
    (A, A, B, C.UNKNOWN, "inconsistent"),
])
def test_mapping_from_three_answers(m1, m2, m3, value, reason):
    v = C.mapping(ex("map1", m1), ex("map2", m2), ex("map3", m3), PRIV)
    assert (v.value, v.reason) == (value, reason)
    assert v.evidence[:1] == ["map1"]


def test_mapping_cannot_be_decided_without_the_other_address_or_an_answer():
    assert C.mapping(ex("map1", A), None, None, PRIV).reason == "one-address"
    assert C.mapping(ex("map1", answered=False), None, None, PRIV).reason == "no-answer"
    assert C.mapping(ex("map1", A), ex("map2", answered=False), None, PRIV).reason == "test-unanswered"
    assert C.mapping(ex("map1", A), ex("map2", A, problems=["unexpected-source"]), None, PRIV).reason == "unexpected-source"


def _filter(f2, f3, c2=True, c3=True):
    return C.filtering(ex("filter1", A), f2, f3, ex("control2", A, answered=c2) if f2 is not None and not f2.answered else None,
                       ex("control3", A, answered=c3) if f3 is not None and not f3.answered else None, True)


def test_filtering_answered_from_the_other_address_and_port_is_endpoint_independent():
    v = _filter(ex("filter2", A, src="198.18.60.11:3479"), ex("filter3", A, src="198.18.60.10:3479"))
    assert (v.value, v.reason) == (C.EI, "from-anywhere")


def test_filtering_address_dependent_and_address_and_port_dependent():
    v = _filter(ex("filter2", answered=False, attempt=4), ex("filter3", A, src="198.18.60.10:3479"))
    assert (v.value, v.reason) == (C.AD, "from-same-address")
    v = _filter(ex("filter2", answered=False, attempt=4), ex("filter3", answered=False, attempt=4))
    assert (v.value, v.reason) == (C.APD, "from-same-endpoint")


def test_a_lost_answer_is_not_filtering():
    """Silence counts as filtering only when the control request right after it is answered."""
    v = _filter(ex("filter2", answered=False, attempt=4), None, c2=False)
    assert (v.value, v.reason) == (C.UNKNOWN, "lost")
    v = _filter(ex("filter2", answered=False, attempt=4), ex("filter3", answered=False, attempt=4), c3=False)
    assert (v.value, v.reason) == (C.UNKNOWN, "lost")


def test_an_answer_after_retransmissions_counts_and_is_named():
    v = _filter(ex("filter2", A, src="198.18.60.11:3479", attempt=3), ex("filter3", A, src="198.18.60.10:3479"))
    assert v.value == C.EI and v.retried == ["filter2"]


def test_change_request_refused_or_ignored():
    v = _filter(ex("filter2", kind="error"), None)
    assert v.reason == "change-refused"
    v = _filter(ex("filter2", A, src="198.18.60.10:3478", problems=["unexpected-source"]), None)
    assert v.reason == "change-ignored"
    v = _filter(ex("filter2", A, src="198.18.60.99:3479", problems=["unexpected-source"]), None)
    assert v.reason == "unexpected-source"


def test_hairpinning():
    v, src = C.hairpin(ex("hairpin", kind="request", src="198.18.60.33:51000"), A, PRIV)
    assert (v.value, v.reason, src) == ("yes", "yes-translated", "198.18.60.33:51000")
    v, _ = C.hairpin(ex("hairpin", kind="request", src="198.19.63.10:51000"), A, PRIV)
    assert v.reason == "yes-untranslated"
    v, _ = C.hairpin(ex("hairpin", answered=False, attempt=3), A, PRIV)
    assert v.value == "no"


def test_lifetime_bounds_and_a_lost_check():
    checks = [{"after_s": t, "alive": a, "attempts": 1} for t, a in
              ((1, True), (2, True), (3, False), (4, True), (5, False), (6, False))]
    lt = C.lifetime(checks)
    assert (lt["low_s"], lt["high_s"], lt["lost"]) == (4, 5, 1)
    assert [c["lost"] for c in lt["checks"]] == [False, False, True, False, False, False]


@pytest.mark.parametrize("ours, theirs, expect", [
    ((C.EI, C.APD), (C.EI, C.APD), ("direct", "both-independent")),
    ((C.APD, C.APD), (C.AD, C.APD), ("relay", "both-dependent")),
    ((C.EI, C.AD), (C.APD, C.APD), ("direct", "dependent-meets-open")),
    ((C.EI, C.APD), (C.APD, C.APD), ("relay", "dependent-meets-port-filter")),
    ((C.APD, C.APD), (C.EI, C.EI), ("direct", "dependent-meets-open")),
    ((C.NONE, C.EI), (C.APD, C.APD), ("direct", "dependent-meets-open")),
])
def test_hole_punching_prediction(ours, theirs, expect):
    from netlab.probes.nat.model import Verdict

    assert C.predict(Verdict(ours[0]), Verdict(ours[1]), Verdict(theirs[0]), Verdict(theirs[1])) == expect


def test_rfc3489_names():
    from netlab.probes.nat.model import Verdict

    names = {(m, f): C.classic_name(Verdict(m), Verdict(f)) for m in (C.EI, C.AD, C.APD) for f in (C.EI, C.AD, C.APD)}
    assert names[(C.EI, C.EI)] == "full-cone" and names[(C.EI, C.AD)] == "restricted-cone"
    assert names[(C.EI, C.APD)] == "port-restricted-cone"
    assert {names[(m, f)] for m in (C.AD, C.APD) for f in (C.EI, C.AD, C.APD)} == {"symmetric"}  # six in one box
    assert C.classic_name(Verdict(C.NONE), Verdict(C.EI)) == "open-internet"


# ---------------------------------------------------------------------------------- conntrack


def test_conntrack_lines():
    e = conntrack.parse_line("udp      17 4 src=198.19.63.10 dst=198.18.60.10 sport=44204 dport=3478 [UNREPLIED] "
                             "src=198.18.60.10 dst=198.18.60.33 sport=3478 dport=44204 mark=0 use=1")
    assert (e.proto, e.timeout_s, e.flags) == ("udp", 4, ["UNREPLIED"])
    assert e.mapping == "198.19.63.10:44204 -> 198.18.60.33:44204" and e.dnat is None
    e = conntrack.parse_line("tcp      6 431999 ESTABLISHED src=198.19.64.10 dst=198.18.60.10 sport=1 dport=3478 "
                             "src=198.18.60.10 dst=198.18.60.34 sport=3478 dport=9 [ASSURED] mark=0 use=1")
    assert e.state == "ESTABLISHED" and e.flags == ["ASSURED"] and e.mapping.endswith("198.18.60.34:9")
    e = conntrack.parse_line("udp 17 29 src=198.18.60.11 dst=198.18.60.31 sport=3479 dport=5000 [UNREPLIED] "
                             "src=198.19.61.10 dst=198.18.60.11 sport=5000 dport=3479 mark=0 use=1")
    assert e.dnat == "198.18.60.31:5000 -> 198.19.61.10:5000"  # let in from outside (EIF)
    assert conntrack.parse("conntrack v1.4.7 (conntrack-tools): 0 flow entries have been shown.\n") == ([], 0)


# ---------------------------------------------------------------------------------- recorded fixtures


@pytest.mark.parametrize("name, mapping, filtering, hairpin", [
    ("port-full", C.EI, C.APD, "yes"),
    ("full", C.EI, C.EI, "yes"),
    ("addr", C.EI, C.AD, "no"),
    ("sym-classic", C.APD, C.APD, "no"),
    ("adm", C.AD, C.APD, "no"),
    ("cgnat", C.EI, C.APD, "no"),
])
def test_recorded_nats_are_classified_as_the_sandbox_built_them(name, mapping, filtering, hairpin):
    res = analyze(name)
    assert (res.mapping.value, res.filtering.value, res.hairpin.value) == (mapping, filtering, hairpin)
    assert "nat.sandbox-disagrees" not in codes(res)
    if name != "cgnat":
        assert "nat.sandbox-agrees" in codes(res)
    assert res.outbound_only["unreplied"] and "nat.outbound-creates-mapping" in codes(res)


def test_port_full_lifetime_and_peers():
    res = analyze("port-full")
    lt = res.lifetime
    assert lt["low_s"] < lt["configured_s"] <= lt["high_s"] + 1 and lt["high_s"] - lt["low_s"] <= 1.5
    direct = {p.host: p.direct for p in res.peers}
    assert direct == {"c-full": "ok", "c-addr": "ok", "c-sym": "failed", "c-adm": "failed", "c-cgnat": "ok"}
    assert all(p.relay == "ok" for p in res.peers if p.direct == "failed")
    assert all(p.predicted == ("direct" if p.direct == "ok" else "relay") for p in res.peers)
    assert res.turn["authenticated"] and res.turn["relayed"] and res.turn["released"]
    assert [c["type"] for c in res.candidates] == ["host", "srflx", "relay"]
    assert res.classic["name"] == "port-restricted-cone" and res.classic["biased"] == "full-cone"
    assert {"nat.classic-biased", "nat.cone-not-enough", "nat.lifetime"} <= codes(res)


def test_symmetric_reaches_open_peers_through_peer_reflexive_addresses():
    res = analyze("sym-classic")
    by = {p.host: p for p in res.peers}
    assert by["c-full"].direct == "ok" and by["c-addr"].direct == "ok" and by["c-port"].direct == "failed"
    assert by["c-full"].prflx and by["c-full"].prflx[0].startswith("198.18.60.34:")  # c-sym's new mapping
    assert "nat.symmetric-reached" in codes(res)
    assert [c["type"] for c in res.candidates].count("prflx") >= 1


def test_one_address_server_says_which_tests_cannot_run():
    res = analyze("one-address")
    assert res.rfc5780 is False and res.public
    assert res.mapping.reason == "one-address" and res.filtering.reason == "change-refused"
    skipped = {s["phase"] for s in res.skipped if s["reason"] == "one-address"}
    assert {"mapping", "filtering", "lifetime"} <= skipped
    assert {"nat.server-one-address", "nat.change-refused"} <= codes(res)


def test_no_server():
    res = analyze("no-server")
    assert res.unreachable and res.public is None
    assert "nat.no-server" in codes(res)
    assert any(s["phase"] == "hairpin" and s["reason"] == "no-server" for s in res.skipped)


def test_tcp_mapping():
    res = analyze("tcp")
    assert res.transport == "tcp" and res.mapping.value == C.APD and res.filtering is None
    assert any(e.state == "ESTABLISHED" for s in res.conntrack for e in s.entries)
    assert {s["phase"] for s in res.skipped if s["reason"] == "tcp"} >= {"filtering", "hairpin", "lifetime"}


def test_lost_answer_is_retried_and_said():
    res = analyze("lost-filter2-answer")
    assert res.filtering.value == C.EI and res.filtering.retried == ["filter2"]
    ex2 = next(e for e in res.exchanges if e.test == "filter2")
    assert (ex2.attempts, ex2.answer_attempt) == (3, 3)
    assert "nat.retransmitted" in codes(res)
    assert "nat.retransmitted" not in codes(analyze("full"))


def test_lost_control_is_not_filtering():
    res = analyze("lost-control")
    assert (res.filtering.value, res.filtering.reason) == (C.UNKNOWN, "lost")
    assert analyze("addr").filtering.value == C.AD  # the same run, with its control answered


def test_malformed_wrong_tid_and_unexpected_sources():
    res = analyze("malformed")
    assert res.mapping.value == C.EI and len([s for s in res.stray if s["kind"] == "malformed"]) == 2
    assert "nat.malformed" in codes(res)
    res = analyze("wrong-tid")
    assert res.mapping.value == C.EI and "nat.wrong-tid" in codes(res)
    res = analyze("change-ignored")
    assert res.filtering.reason == "change-ignored" and "nat.change-ignored" in codes(res)
    res = analyze("unexpected-source")
    assert res.mapping.reason == "unexpected-source" and "nat.unexpected-source" in codes(res)
    for clean in ("full", "addr"):
        assert not {"nat.malformed", "nat.wrong-tid", "nat.unexpected-source"} & codes(analyze(clean))
