"""http-compare --hol: who waited for the one dropped packet, from recorded evidence (pure).

The recordings in tests/fixtures/http/ were made in a sandbox whose client link has 25 ms each way
(RTT 50 ms) to Caddy 2.6 (HTTP/2 over the kernel's TCP, HTTP/3 over quic-go), with
``--hol`` (6 streams of /assets/obj-29.bin, 100 KiB, the drop after half of their bytes):

- hol-reno-50ms.json   --server-cc reno (Reno against quic-go's NewReno), 3 runs
- hol-bbr-50ms.json    the web host's default BBR, 2 runs
- hol-capture.json     1 run, with tcpdump on both sides of the link emulator: hol-capture.server.pcap
                       (in the web host) and hol-capture.client.pcap (in the client), server -> client
                       frames of the two connections, cut at 80 bytes (orig_len kept)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from netlab.capture.pcap import read_pcap
from netlab.model import Recording
from netlab.probes.http_compare.analyze import analyze
from netlab.probes.http_compare.hol import qlog_fill, stall, window
from netlab.probes.http_compare.model import DropArmed, DropDisarmed, RequestTraced
from netlab.sandbox.linkemu import DropRule, transport

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "http"


def load(name: str) -> Recording:
    return Recording.load(str(FIX / f"{name}.json"))


def runs(res, mode):
    return [r for r in res.hol.runs if r.mode == mode]


# ------------------------------------------------------------------ the recorded runs


@pytest.mark.parametrize("name", ["hol-reno-50ms", "hol-bbr-50ms", "hol-capture"])
def test_over_tcp_every_stream_with_bytes_to_come_waits_for_the_retransmission(name):
    res = analyze(load(name))
    rtt = res.rtt_ms.median
    for r in runs(res, "h2"):
        assert r.fired and r.drop["count"] == 1 and r.drop["protocol"] == "tcp" and r.other_drops == 0
        assert r.fill_how == "connection"
        assert r.incomplete >= 2 and r.waited == r.incomplete, r.streams
        # the retransmission takes a round trip at least (dupacks to the server, the segment back)
        assert 0.8 * rtt <= r.retransmit_ms <= 3 * rtt, (r.retransmit_ms, rtt)
        for s in r.streams:
            if not s.done_before_loss:
                assert s.bytes_during_stall == 0 and s.last_byte_ms >= r.fill_ms - 2.0
        # the kernel held the segments that came after the gap
        assert r.evidence["tcp_ooo"] > 0


@pytest.mark.parametrize("name", ["hol-reno-50ms", "hol-bbr-50ms", "hol-capture"])
def test_over_quic_only_the_stream_whose_bytes_were_lost_waits(name):
    res = analyze(load(name))
    for r in runs(res, "h3"):
        assert r.fired and r.drop["count"] == 1 and r.drop["protocol"] == "udp" and r.other_drops == 0
        assert r.fill_how == "qlog" and r.waited == 1, [(s.stream_id, s.wait_ms, s.bytes_during_stall) for s in r.streams]
        hit = [s for s in r.streams if s.hit]
        assert len(hit) == 1 and hit[0].waited and hit[0].stream_id == r.evidence["qlog"]["stream_id"]
        others = [s for s in r.streams if not s.hit and not s.done_before_loss]
        assert others and all(s.bytes_during_stall > 0 and not s.waited for s in others)
        # the others' next bytes came in their usual spacing, far sooner than the retransmission
        assert max(s.wait_ms for s in others) < r.retransmit_ms / 2
        assert r.evidence["qlog"]["packets_between"] > 10


def test_the_wire_lost_exactly_one_packet_per_protocol_and_the_server_sent_the_segment_again():
    """Both captures: the TCP segment the relay dropped left the server twice (original and
    retransmission) and reached the client once; of the QUIC connection's datagrams exactly one is
    missing at the client."""
    rec = load("hol-capture")
    fired = {d.mode: d.fired for d in rec.of_type(DropDisarmed)}
    assert len(fired["h2"]) == len(fired["h3"]) == 1
    tcp, udp = fired["h2"][0], fired["h3"][0]

    def flows(side):
        frames = [f.data + b"\0" * ((f.orig_len or len(f.data)) - len(f.data))
                  for f in read_pcap(FIX / f"hol-capture.{side}.pcap").frames]
        segs = [transport(d) for d in frames if transport(d)[:3] == (6, 443, tcp["dport"])]
        grams = [d[42:80] for d in frames if transport(d)[:3] == (17, 443, udp["dport"])]
        return segs, grams

    server_segs, server_grams = flows("server")
    client_segs, client_grams = flows("client")
    assert sum(1 for s in server_segs if s[4] == tcp["seq"] and s[3]) == 2
    assert sum(1 for s in client_segs if s[4] == tcp["seq"] and s[3]) == 1
    assert len(server_grams) - len(client_grams) == 1
    assert len([g for g in server_grams if g not in set(client_grams)]) == 1


def _frames(side: str) -> list[tuple[int, bytes]]:
    """(ts_ns, frame) of a capture, each frame padded back to its length on the wire (cut at 80 bytes)."""
    return [(f.ts_ns, f.data + b"\0" * ((f.orig_len or len(f.data)) - len(f.data)))
            for f in read_pcap(FIX / f"hol-capture.{side}.pcap").frames]


def test_the_drop_rule_picks_the_same_packet_from_the_recorded_frames():
    """The server's frames, as captured in the web host, replayed through linkemu's DropRule with the
    recorded rule from where it was armed: it drops the very packet that is missing at the client
    (the TCP segment the relay named by its seq; the one QUIC datagram the client never got), after
    the bytes the relay reported.  Where it was armed: the pause of the arming (>= 10 ms idle), the
    first counted frame being ``packet_number - 1`` payload packets before the dropped one."""
    rec = load("hol-capture")
    server, client = _frames("server"), _frames("client")
    for armed in rec.of_type(DropArmed):
        fired = next(d for d in rec.of_type(DropDisarmed) if d.mode == armed.mode).fired[0]
        proto = 6 if armed.rule["protocol"] == "tcp" else 17
        flow = [(t, d) for t, d in server if transport(d)[:3] == (proto, 443, fired["dport"]) and transport(d)[3]]
        if proto == 6:
            lost = next(i for i, (_, d) in enumerate(flow) if transport(d)[4] == fired["seq"])
        else:
            seen = {d[42:80] for _, d in client if transport(d)[:3] == (17, 443, fired["dport"])}
            lost = next(i for i, (_, d) in enumerate(flow) if d[42:80] not in seen)
        first = lost - (fired["packet_number"] - 1)
        assert first > 0 and flow[first][0] - flow[first - 1][0] >= 10_000_000  # counting began after a pause
        rule = DropRule(armed.rule)
        picked = None
        for i in range(first, len(flow)):
            p, sp, dp, n, _ = transport(flow[i][1])
            if rule.offer(p, sp, dp, n):
                picked = i
                assert rule.payload_bytes - n == fired["payload_bytes_before"]
                break
        assert picked == lost, (armed.mode, picked, lost)
        assert transport(flow[picked][1])[3] == fired["payload_len"]


def test_the_report_names_who_waited_in_both_languages():
    res = analyze(load("hol-reno-50ms"))
    stalls = [f for f in res.findings if f.code == "http.hol-stall"]
    assert len(stalls) == 2
    tcp, quic = stalls
    rep = next(r for r in res.hol.runs if r.mode == "h2" and r.run == res.hol.representative)
    assert tcp.message.startswith(f"HTTP/2: {rep.incomplete} of the {rep.incomplete} stream(s)")
    assert "TCP hands the application nothing" in tcp.message and "rcv_ooopack" in tcp.message and "RTT" in tcp.message
    assert quic.message.startswith("HTTP/3: 1 of the 6 stream(s)") and "the other 5 kept receiving" in quic.message
    assert "재전송을 기다림" in tcp.message_ko and "나머지 5개는 계속 받음" in quic.message_ko
    codes = [f.code for f in res.findings]
    assert "http.cc-mismatch" not in codes  # Reno against NewReno: the same kind
    assert res.congestion["tcp_server"]["algorithm"] == "reno" and res.congestion["tcp_server"]["how"] == "set"
    assert res.congestion["quic_server"]["algorithm"] == "newreno"


def test_a_mixed_pair_of_congestion_controls_is_a_warning_under_hol():
    res = analyze(load("hol-bbr-50ms"))
    f = next(f for f in res.findings if f.code == "http.cc-mismatch")
    assert f.severity == "warning" and "BBR" in f.message and "NewReno" in f.message
    assert "per-stream waits" in f.message and "--server-cc reno" in f.message
    assert res.congestion["tcp_server"] == {**res.congestion["tcp_server"], "algorithm": "bbr", "how": "namespace"}


# ------------------------------------------------------------------ the rules, on data made by hand


def _req(index, sid, data, mode="h2", error=None):
    return RequestTraced(t=0.0, run=0, mode=mode, index=index, conn=0, url="https://x.test/o", role="hol",
                         stream_id=sid, data=data, body_bytes=sum(n for _, n in data),
                         error_kind="timeout" if error else None, error=error)


def test_tcp_by_hand_every_stream_pauses_until_the_retransmission():
    # three streams interleaved every ms; the loss is due at 0.100; nothing until the burst at 0.155
    streams = [_req(i, 2 * i + 1, [(0.001 * k + 0.0003 * i, 1000) for k in range(10, 100)]
                    + [(0.155 + 0.001 * k, 1000) for k in range(20)]) for i in range(3)]
    out, start, fill, how, _ = stall("h2", streams, 0.0, 0.100, None, rtt_s=0.050)
    assert how == "connection" and start == pytest.approx(0.100) and fill == pytest.approx(0.155)
    assert all(s.waited and s.bytes_during_stall == 0 for s in out)


def test_a_pause_that_began_before_the_loss_counts_from_the_loss():
    # the sender paused (waiting for acknowledgements) from 0.060; the loss was due at 0.080
    streams = [_req(1, 1, [(0.010 + 0.001 * k, 1000) for k in range(50)] + [(0.140, 1000), (0.141, 1000)])]
    _, start, fill, _, _ = stall("h2", streams, 0.0, 0.080, None, rtt_s=0.050)
    assert start == pytest.approx(0.080) and fill == pytest.approx(0.140)


def test_quic_by_hand_the_log_names_the_stream_and_the_others_keep_receiving():
    # stream 0 loses offset 2000-3000 (the packet due at 0.100); its repair arrives at 0.160
    packets, data = [], {0: [], 4: []}
    t = 0.090
    for k in range(12):
        for sid in (0, 4):
            off = k * 1000
            if sid == 0 and off == 2000:
                continue
            packets.append([t, len(packets), [[sid, off, 1000]]])
            if sid == 4 or off < 2000:
                data[sid].append((t, 1000))
            t += 0.005
    packets.append([0.160, len(packets), [[0, 2000, 1000]]])
    data[0].append((0.160, 10000))
    hint = qlog_fill(packets, 0.05)
    assert hint["stream_id"] == 0 and hint["offset"] == 2000 and hint["t"] == pytest.approx(0.160)
    out, start, fill, how, ev = stall("h3", [_req(1, 0, data[0], "h3"), _req(2, 4, data[4], "h3")], 0.0, 0.100,
                                      hint, rtt_s=0.05)
    assert how == "qlog" and fill == pytest.approx(0.160) and start == pytest.approx(hint["hole_t"])
    hit, other = out
    assert hit.hit and hit.waited and not other.hit and not other.waited and other.bytes_during_stall > 0
    assert ev["qlog"]["packets_between"] > 0


def test_qlog_fill_skips_malformed_entries_and_finds_nothing_without_a_hole():
    assert qlog_fill([["x"], [0.1, 1, [["a", 0, 1]]], [0.2, 2, [[0, 0, 100]]], [0.3, 3, [[0, 100, 100]]]], 0.0) is None


def test_without_a_relay_time_the_longest_pause_after_the_start_is_taken():
    arrs = [[(0.01 * k, 100) for k in range(10)] + [(0.30, 100), (0.31, 100)]]
    start, fill, how = window("h2", arrs, None, None, None)
    assert (start, fill, how) == (pytest.approx(0.09), pytest.approx(0.30), "connection")


def test_a_rule_that_never_fired_and_a_drop_no_stream_felt_are_warnings(tmp_path):
    rec = load("hol-capture")
    raw = rec.to_json()
    for e in raw["events"]:
        if e["type"] == "DropDisarmed" and e["mode"] == "h2":
            e["fired"] = []
    for e in raw["events"]:
        if e["type"] == "DropDisarmed" and e["mode"] == "h3":
            e["mono_offset_s"] = None  # no relay time: read from the arrivals
    res = analyze(Recording.from_json(raw))
    codes = [f.code for f in res.findings]
    assert "http.hol-not-fired" in codes
    h3 = runs(res, "h3")[0]
    assert h3.loss_ms is None and h3.fill_how == "qlog" and h3.waited == 1  # the log alone still shows it
