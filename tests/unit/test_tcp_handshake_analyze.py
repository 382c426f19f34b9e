"""tcp-handshake analysis from recorded captures (tests/fixtures/tcp/*.json; pure, no network).

The fixtures are real: recorded with `netlab tcp-handshake --save` in a sandbox (client -> router
-> tcp-lab, 20 ms RTT), and the lossy ones with tests/fixtures/tcp/record_lossy.py (a relay that
drops or reorders one segment between two real kernels).  Expected values are computed here from
the raw frames with struct, independently of netlab's decoder.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from netlab.model import Recording
from netlab.probes.tcp_handshake.analyze import analyze
from netlab.probes.tcp_handshake.findings import describe_backoff
from netlab.probes.tcp_handshake.kernel import decode_tcp_info
from netlab.probes.tcp_handshake.model import (
    CaptureStarted,
    CaptureUnavailable,
    ConnectStarted,
    SegmentCaptured,
)

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "tcp"


def load(name: str) -> Recording:
    return Recording.load(str(FIX / f"{name}.json"))


def raw_tcp(frame: bytes) -> dict:
    """Independent decoding of an Ethernet/IPv4-or-IPv6/TCP frame (no extension headers)."""
    etype = struct.unpack("!H", frame[12:14])[0]
    if etype == 0x0800:
        ihl = (frame[14] & 0x0F) * 4
        total = struct.unpack("!H", frame[16:18])[0]
        t = 14 + ihl
        ip_payload = total - ihl
    else:
        assert etype == 0x86DD
        t = 14 + 40
        ip_payload = struct.unpack("!H", frame[18:20])[0]
    sport, dport, seq, ack, offflags, win = struct.unpack("!HHIIHH", frame[t:t + 16])
    hlen = (offflags >> 12) * 4
    return {"sport": sport, "dport": dport, "seq": seq, "ack": ack, "flags": offflags & 0xFF, "win": win,
            "len": ip_payload - hlen}


def frames(rec: Recording) -> list[SegmentCaptured]:
    return sorted(rec.of_type(SegmentCaptured), key=lambda f: f.ts_ns)


# ------------------------------------------------------------------------------ the open port


def test_open_port_handshake_numbers_match_the_raw_frames():
    rec = load("open-http-client-close")
    res = analyze(rec)
    raw = [raw_tcp(f.data) for f in frames(rec)]
    syn, synack, ack = raw[0], raw[1], raw[2]
    assert [p.flags for p in res.packets[:3]] == ["SYN", "SYN,ACK", "ACK"]
    assert syn["flags"] == 0x02 and synack["flags"] == 0x12 and ack["flags"] == 0x10
    # ack = peer ISN + 1, both ways
    assert synack["ack"] == (syn["seq"] + 1) % 2**32
    assert ack["ack"] == (synack["seq"] + 1) % 2**32
    assert res.client_isn == syn["seq"] and res.server_isn == synack["seq"]
    # relative numbers
    p1, p2, p3 = res.packets[:3]
    assert (p1.rel_seq, p1.rel_ack) == (0, None)
    assert (p2.rel_seq, p2.rel_ack) == (0, 1)
    assert (p3.rel_seq, p3.rel_ack) == (1, 1)
    # every packet: absolute numbers are the raw ones, relative = absolute - that side's ISN
    for p, r in zip(res.packets, raw, strict=True):
        assert p.seq == r["seq"] and p.payload_len == r["len"]
        isn = res.client_isn if p.direction == "c>s" else res.server_isn
        peer = res.server_isn if p.direction == "c>s" else res.client_isn
        assert p.rel_seq == (r["seq"] - isn) % 2**32
        if r["flags"] & 0x10:
            assert p.rel_ack == (r["ack"] - peer) % 2**32


def test_open_port_data_and_close_arithmetic():
    res = analyze(load("open-http-client-close"))
    request = next(p for p in res.packets if p.direction == "c>s" and p.payload_len)
    assert request.rel_seq == 1
    reply_ack = next(p for p in res.packets if p.direction == "s>c" and p.rel_ack and p.rel_ack > 1)
    assert reply_ack.rel_ack == 1 + request.payload_len == 1 + res.sent_bytes
    fin = next(p for p in res.packets if p.direction == "c>s" and "FIN" in p.flags)
    server_fin = next(p for p in res.packets if p.direction == "s>c" and "FIN" in p.flags)
    assert server_fin.rel_ack == fin.rel_seq + 1  # a FIN uses up one sequence number
    last = res.packets[-1]
    assert last.direction == "c>s" and last.flags == "ACK" and last.rel_ack == server_fin.rel_seq + 1


def test_handshake_rtt_is_syn_to_synack_from_kernel_timestamps():
    rec = load("open-http-client-close")
    res = analyze(rec)
    fr = frames(rec)
    expected = (fr[1].ts_ns - fr[0].ts_ns) / 1e6
    assert res.handshake_rtt_ms == pytest.approx(expected, abs=0.001)
    # recorded in a sandbox with a configured 20 ms RTT
    assert 19.5 < res.handshake_rtt_ms < 30
    assert res.first_data_ms is not None and res.first_data_ms >= res.handshake_rtt_ms


def test_window_scale_applies_only_after_the_syns():
    res = analyze(load("open-http-client-close"))
    assert res.options["window_scaling"]
    assert res.options["client_mss"] == 1460 and res.options["server_mss"] == 1460
    for p in res.packets:
        if "SYN" in p.flags:
            assert p.scale is None and p.window == p.window_raw
        else:
            shift = res.options["client_wscale"] if p.direction == "c>s" else res.options["server_wscale"]
            assert p.scale == shift and p.window == p.window_raw << shift
    names = {o.name for o in res.packets[0].options}
    assert {"MSS", "SACK_PERM", "TS", "WS"} <= names
    assert all(o.meaning for o in res.packets[0].options)


def test_client_close_states_and_time_wait():
    res = analyze(load("open-http-client-close"))
    client = [s.state for s in res.states if s.side == "client"]
    server = [s.state for s in res.states if s.side == "server"]
    assert client == ["CLOSED", "SYN_SENT", "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "TIME_WAIT"]
    assert server == ["LISTEN", "SYN_RECEIVED", "ESTABLISHED", "CLOSE_WAIT", "LAST_ACK", "CLOSED"]
    assert res.close_initiator == "client" and res.time_wait_side == "client"
    tw = [s for s in res.socket_table if s["state"] == "TIME-WAIT"]
    assert tw and tw[0]["timer"].startswith("timewait,")
    f = next(f for f in res.findings if f.code == "tcp.time-wait")
    assert "60 s" in f.message and "tcp.time-wait" in f.concepts
    # the client's TIME_WAIT is confirmed by the kernel's socket table
    assert next(s for s in res.states if s.side == "client" and s.state == "TIME_WAIT").observed


def test_server_close_first_states():
    for name in ("open-http-server-close", "close-first"):
        res = analyze(load(name))
        client = [s.state for s in res.states if s.side == "client"]
        server = [s.state for s in res.states if s.side == "server"]
        assert client[-3:] == ["CLOSE_WAIT", "LAST_ACK", "CLOSED"], name
        assert "FIN_WAIT_1" in server and server[-1] == "TIME_WAIT", name
        assert res.close_initiator == "server" and res.time_wait_side == "server", name
        assert any(s["state"] == "CLOSE-WAIT" for s in res.socket_table), name
        assert "server" in next(f for f in res.findings if f.code == "tcp.time-wait").message


def test_ipv6_capture():
    res = analyze(load("open-ipv6"))
    assert res.family == 6 and res.outcome == "connected"
    assert res.options["client_mss"] == 1440  # 1500 - 40 (IPv6) - 20 (TCP)
    assert [p.flags for p in res.packets[:3]] == ["SYN", "SYN,ACK", "ACK"]
    assert res.packets[1].rel_ack == 1


# ------------------------------------------------------------------------------ failures


def test_closed_port_rst():
    res = analyze(load("refused"))
    assert res.outcome == "refused" and not res.unreachable
    assert [p.flags for p in res.packets] == ["SYN", "RST,ACK"]
    assert res.packets[1].rel_ack == 1
    f = next(f for f in res.findings if f.code == "tcp.refused")
    assert f.severity == "error" and "nothing listens on port 81" in f.message
    # no server state: nothing was listening
    assert not [s for s in res.states if s.side == "server"]


def test_filtered_port_syn_retransmissions_and_timeout():
    rec = load("filtered")
    res = analyze(rec)
    assert res.outcome == "timeout" and res.unreachable
    syns = [p for p in res.packets if p.flags == "SYN"]
    assert len(syns) == len(res.syn_times_ms) >= 3
    assert all(p.rel_seq == 0 for p in syns)  # the same SYN, sent again
    assert all("retransmission" in p.notes for p in syns[1:])
    gaps = [b - a for a, b in zip(res.syn_times_ms, res.syn_times_ms[1:], strict=False)]
    assert gaps[0] == pytest.approx(1000, abs=100)  # the initial RTO: 1 s
    f = next(f for f in res.findings if f.code == "tcp.filtered")
    assert "port 82" in f.message and "+1.0" in f.message
    assert not any(f.code == "tcp.retransmission" for f in res.findings)


def test_backoff_descriptions():
    assert "doubles" in describe_backoff([1000, 2000, 4000]).render("en")
    assert "constant" in describe_backoff([1000, 1000, 1000], 4).render("en")
    assert "then doubling" in describe_backoff([1000, 1000, 1000, 1000, 2000], 4).render("en")
    assert "지수 백오프" in describe_backoff([1000, 2000, 4000]).render("ko")


def test_icmp_unreachable_names_the_router_and_ignores_unrelated_icmp():
    rec = load("unreachable")
    res = analyze(rec)
    assert res.outcome == "unreachable" and res.unreachable
    icmp = [p for p in res.packets if p.direction == "icmp"]
    # the capture also holds the router's ICMP error about our warm-up ping: not about this connection
    assert len(icmp) == 1 and icmp[0].src == "198.18.0.1" and "host unreachable" in icmp[0].summary
    assert next(f for f in res.findings if f.code == "tcp.unreachable")


def test_name_that_does_not_resolve():
    rec = Recording(probe="tcp-handshake", params={"host": "nosuch.lab.test", "port": 80})
    from netlab.probes.tcp_handshake.model import NameResolutionFailed

    rec.add(NameResolutionFailed(0.01, "nosuch.lab.test", "Name or service not known"))
    res = analyze(rec)
    assert res.outcome == "no-such-name" and res.unreachable
    assert [f.code for f in res.findings] == ["tcp.name-not-resolved"]


# ------------------------------------------------------------------------------ loss and reordering


def test_reordered_segment_is_out_of_order_with_duplicate_acks():
    res = analyze(load("lossy-reorder"))
    ooo = [p for p in res.packets if "out-of-order" in p.notes]
    assert len(ooo) == 1 and ooo[0].direction == "s>c"
    gap = next(p for p in res.packets if "previous segment not captured" in p.notes)
    assert gap.index < ooo[0].index and gap.rel_seq > ooo[0].rel_seq
    dups = [p for p in res.packets if any(n.startswith("duplicate ACK") for n in p.notes)]
    assert dups and all(p.direction == "c>s" and p.rel_ack == ooo[0].rel_seq for p in dups)
    assert [n for p in dups for n in p.notes] == [f"duplicate ACK #{i}" for i in range(1, len(dups) + 1)]
    assert {"tcp.out-of-order", "tcp.time-wait"} <= {f.code for f in res.findings}


def test_dropped_server_segment_comes_back_as_fast_retransmission():
    res = analyze(load("lossy-drop-server"))
    rt = [p for p in res.packets if any(n.startswith("retransmission") for n in p.notes)]
    assert len(rt) == 1 and rt[0].direction == "s>c" and "fast" in rt[0].notes[0]
    gap = next(p for p in res.packets if "previous segment not captured" in p.notes)
    assert gap.rel_seq == rt[0].rel_seq + rt[0].payload_len
    assert res.retransmissions == 1 and res.out_of_order == 0
    assert "tcp.retransmission" in {f.code for f in res.findings}


def test_dropped_client_segment_is_seen_twice_at_the_client():
    res = analyze(load("lossy-drop-client"))
    data = [p for p in res.packets if p.direction == "c>s" and p.payload_len]
    assert len(data) == 2
    assert (data[0].rel_seq, data[0].payload_len) == (data[1].rel_seq, data[1].payload_len)
    assert data[0].notes == [] and data[1].notes == ["retransmission"]
    # the retransmission timer: at least Linux's 200 ms minimum RTO after the original
    assert data[1].t_ms - data[0].t_ms >= 200


# ------------------------------------------------------------------------------ without capture


def test_without_capture_the_kernel_view_remains():
    rec = load("open-http-client-close")
    rec.events = [e for e in rec.events if not isinstance(e, SegmentCaptured | CaptureStarted)]
    rec.add(CaptureUnavailable(0.0, "packet capture needs root or CAP_NET_RAW"))
    res = analyze(rec)
    assert res.outcome == "connected" and not res.packets
    assert "tcp.no-capture" in {f.code for f in res.findings}
    assert res.tcp_info["state"] == "ESTABLISHED" and res.tcp_info["rtt_ms"] > 0
    client = [s.state for s in res.states if s.side == "client"]
    assert client[:3] == ["CLOSED", "SYN_SENT", "ESTABLISHED"] and "TIME_WAIT" in client


def test_tcp_info_decoding():
    rec = load("open-http-client-close")
    from netlab.probes.tcp_handshake.model import TcpInfoRead

    ti = decode_tcp_info(rec.of_type(TcpInfoRead)[0].raw)
    assert ti["state"] == "ESTABLISHED"
    assert ti["snd_mss"] == 1448 or ti["snd_mss"] == 1460 - 12  # MSS minus the timestamp option
    assert ti["options"]["sack"] and ti["options"]["timestamps"] and ti["options"]["wscale"]
    assert 15 < ti["rtt_ms"] < 60
    assert decode_tcp_info(b"short") == {}


def test_recording_round_trip_gives_the_same_result():
    rec = load("lossy-reorder")
    again = Recording.from_json(rec.to_json())
    assert analyze(again).to_json() == analyze(rec).to_json()


def test_client_identified_without_connect_event():
    rec = load("open-http-client-close")
    rec.events = [e for e in rec.events if not isinstance(e, ConnectStarted)]
    res = analyze(rec)
    assert res.packets[0].direction == "c>s" and res.packets[1].direction == "s>c"
    assert res.packets[1].rel_ack == 1


def test_missing_synack_in_capture_is_flagged_and_states_still_follow():
    rec = load("open-http-client-close")
    segs = frames(rec)
    synack = segs[1]
    assert raw_tcp(synack.data)["flags"] == 0x12
    rec.events = [e for e in rec.events if e is not synack]
    res = analyze(rec)
    assert "tcp.capture-incomplete" in {f.code for f in res.findings}
    client = [s.state for s in res.states if s.side == "client"]
    assert client[:3] == ["CLOSED", "SYN_SENT", "ESTABLISHED"] and client[-1] == "TIME_WAIT"
    assert res.handshake_rtt_ms is None


def test_simultaneous_close_both_pass_closing_and_time_wait():
    """Port 8080 sends its FIN at accept while ours is already on the way: the FINs cross."""
    res = analyze(load("close-simultaneous"))
    client = [s.state for s in res.states if s.side == "client"]
    server = [s.state for s in res.states if s.side == "server"]
    assert client[-3:] == ["FIN_WAIT_1", "CLOSING", "TIME_WAIT"]
    assert server[-3:] == ["FIN_WAIT_1", "CLOSING", "TIME_WAIT"]
    assert res.close_initiator == "both" and res.time_wait_side == "both"
    cfin = next(p for p in res.packets if p.direction == "c>s" and "FIN" in p.flags)
    sfin = next(p for p in res.packets if p.direction == "s>c" and "FIN" in p.flags)
    # the evidence: neither FIN acknowledges the other
    assert sfin.rel_ack <= cfin.rel_seq and cfin.rel_ack <= sfin.rel_seq
    assert "simultaneous" in next(f for f in res.findings if f.code == "tcp.time-wait").message
    # the greeting reached us after our FIN had left: our direction was closed, theirs still open
    assert "60 bytes" in next(f for f in res.findings if f.code == "tcp.half-close").message


def test_waiting_for_a_server_that_never_closes():
    from netlab.probes.tcp_handshake.model import CloseStarted, PeerClosed

    rec = load("open-http-client-close")
    rec.events = [e for e in rec.events if not isinstance(e, PeerClosed | CloseStarted)]
    rec.add(CloseStarted(0.05, "server", "wait"))
    assert "tcp.server-kept-open" in {f.code for f in analyze(rec).findings}


def test_server_states_follow_ack_evidence_not_capture_order():
    """Port 8080 again, but here our FIN reached the server before it sent its greeting and FIN
    (the greeting acknowledges our FIN): an ordinary close, with the server passive."""
    res = analyze(load("close-first-our-fin-first"))
    server = [s for s in res.states if s.side == "server"]
    assert [s.state for s in server] == ["LISTEN", "SYN_RECEIVED", "ESTABLISHED", "CLOSE_WAIT", "LAST_ACK", "CLOSED"]
    times = [s.t_ms for s in server if s.t_ms is not None]
    assert times == sorted(times)
    cfin = next(p for p in res.packets if p.direction == "c>s" and "FIN" in p.flags)
    greeting = next(p for p in res.packets if p.direction == "s>c" and p.payload_len)
    assert greeting.rel_ack == cfin.rel_seq + 1
    assert res.close_initiator == "client" and res.time_wait_side == "client"


# ------------------------------------------------------------------------------ both languages


def test_recorded_failures_are_told_in_both_languages():
    res = analyze(load("filtered"))  # recorded before ConnectFailed.timeout_s: read from the message
    assert res.error == "ETIMEDOUT: no answer within 3.5 s (our --timeout)"
    assert res.error_ko == "ETIMEDOUT: 3.5초 안에 응답 없음(우리의 --timeout)"
    refused = analyze(load("refused"))
    assert refused.error == "ECONNREFUSED: Connection refused" and refused.error_ko == "ECONNREFUSED: 연결이 거부됨"


def test_capture_reason_with_a_code_is_translated_and_without_one_kept():
    rec = load("open-http-client-close")
    rec.events = [e for e in rec.events if not isinstance(e, SegmentCaptured | CaptureStarted)]
    rec.add(CaptureUnavailable(0.0, "packet capture needs root or CAP_NET_RAW (...)", "privilege"))
    res = analyze(rec)
    assert "CAP_NET_RAW" in res.capture_note and "필요합니다" in res.capture_note_ko
    f = next(f for f in res.findings if f.code == "tcp.no-capture")
    assert "필요합니다" in f.message_ko and "no packet capture" in f.message
    rec.events[-1] = CaptureUnavailable(0.0, "packet capture is not available here (boom)")
    assert analyze(rec).capture_note_ko == "packet capture is not available here (boom)"


def test_states_notes_and_options_have_korean_twins():
    res = analyze(load("lossy-reorder"))
    assert all(s.why and s.why_ko and s.why != s.why_ko for s in res.states)
    assert all(len(p.notes) == len(p.notes_ko) for p in res.packets)
    ooo = next(p for p in res.packets if "out-of-order" in p.notes)
    assert ooo.notes_ko == ["순서 바뀜"]
    assert all(o.meaning_ko for p in res.packets for o in p.options if o.meaning)
    icmp = next(p for p in analyze(load("unreachable")).packets if p.direction == "icmp")
    assert icmp.summary_ko == "198.18.0.1에서 온 ICMP 호스트 도달 불가"


def test_rules_are_small_named_functions_in_report_order():
    from netlab.probes.tcp_handshake.findings import RULES

    names = RULES.names()
    assert names[0] == "name_not_resolved" and names[-1] == "time_wait"
    assert names.index("refused") < names.index("unreachable") < names.index("filtered")
