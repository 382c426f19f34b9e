"""tcp-handshake analysis: Recording -> TcpHandshakeResult.  Pure: no sockets, no clock.

Everything about packets comes from the captured frames (decoded by netlab.capture.decode) and
their kernel timestamps; what the kernel said about our own socket (TCP_INFO, the socket table)
confirms the client's states.  Without a capture the kernel's view is all there is.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

from netlab.capture.decode import ACK, FIN, RST, SYN, Decoded, decode_frame
from netlab.model import Finding, Recording
from netlab.probes.tcp_handshake.model import (
    CaptureStarted,
    CaptureStopped,
    CaptureUnavailable,
    CloseStarted,
    Connected,
    ConnectFailed,
    ConnectStarted,
    DataReceived,
    DataSent,
    NameResolutionFailed,
    NeighbourWarmed,
    Packet,
    PeerClosed,
    SegmentCaptured,
    SocketStateObserved,
    StateChange,
    TargetResolved,
    TcpHandshakeResult,
    TcpInfoRead,
    TcpOption,
)
from netlab.report.document import fmt_ms

MOD = 1 << 32
LINUX_TIME_WAIT_S = 60  # TCP_TIMEWAIT_LEN in include/net/tcp.h: fixed, not a sysctl
LINUX_INITIAL_RTO_S = 1.0  # TCP_TIMEOUT_INIT

TCP_STATES = {
    1: "ESTABLISHED", 2: "SYN_SENT", 3: "SYN_RECV", 4: "FIN_WAIT1", 5: "FIN_WAIT2", 6: "TIME_WAIT",
    7: "CLOSE", 8: "CLOSE_WAIT", 9: "LAST_ACK", 10: "LISTEN", 11: "CLOSING", 12: "NEW_SYN_RECV",
}
# ss prints states with dashes and its own short names; the textbook (RFC 9293) uses these:
SS_TO_RFC = {
    "ESTAB": "ESTABLISHED", "SYN-SENT": "SYN_SENT", "SYN-RECV": "SYN_RECEIVED", "FIN-WAIT-1": "FIN_WAIT_1",
    "FIN-WAIT-2": "FIN_WAIT_2", "TIME-WAIT": "TIME_WAIT", "CLOSE-WAIT": "CLOSE_WAIT", "LAST-ACK": "LAST_ACK",
    "CLOSING": "CLOSING", "LISTEN": "LISTEN", "UNCONN": "CLOSED", "CLOSE": "CLOSED",
}
INFO_TO_RFC = {
    "ESTABLISHED": "ESTABLISHED", "SYN_SENT": "SYN_SENT", "SYN_RECV": "SYN_RECEIVED", "FIN_WAIT1": "FIN_WAIT_1",
    "FIN_WAIT2": "FIN_WAIT_2", "TIME_WAIT": "TIME_WAIT", "CLOSE": "CLOSED", "CLOSE_WAIT": "CLOSE_WAIT",
    "LAST_ACK": "LAST_ACK", "LISTEN": "LISTEN", "CLOSING": "CLOSING",
}

OPTION_NAMES = {0: "EOL", 1: "NOP", 2: "MSS", 3: "WS", 4: "SACK_PERM", 5: "SACK", 8: "TS", 19: "MD5",
                28: "UTO", 29: "TCP-AO", 30: "MPTCP", 34: "TFO"}


# ------------------------------------------------------------------------------------ TCP_INFO


def decode_tcp_info(raw: bytes) -> dict:
    """The fields of Linux ``struct tcp_info`` a student cares about (times in ms)."""
    if len(raw) < 104:
        return {}
    state, ca_state, retransmits, probes, backoff, options, wscale, _ = struct.unpack("8B", raw[:8])
    u32 = struct.unpack("24I", raw[8:104])
    (rto, ato, snd_mss, rcv_mss, unacked, sacked, lost, retrans, _fackets, _lds, _las, _ldr, _lar,
     pmtu, rcv_ssthresh, rtt, rttvar, snd_ssthresh, snd_cwnd, advmss, reordering, rcv_rtt, rcv_space,
     total_retrans) = u32
    out = {
        "state": TCP_STATES.get(state, str(state)),
        "rtt_ms": rtt / 1000.0,
        "rttvar_ms": rttvar / 1000.0,
        "rto_ms": rto / 1000.0,
        "snd_cwnd": snd_cwnd,
        "snd_mss": snd_mss,
        "rcv_mss": rcv_mss,
        "advmss": advmss,
        "pmtu": pmtu,
        "retransmits": retransmits,
        "total_retrans": total_retrans,
        "backoff": backoff,
        "unacked": unacked,
        "lost": lost,
        "retrans": retrans,
        "snd_wscale": wscale & 0x0F,
        "rcv_wscale": wscale >> 4,
        "options": {
            "timestamps": bool(options & 1), "sack": bool(options & 2), "wscale": bool(options & 4),
            "ecn": bool(options & 8),
        },
        "rcv_space": rcv_space,
        "rcv_ssthresh": rcv_ssthresh,
        "snd_ssthresh": snd_ssthresh if snd_ssthresh < 0x7FFFFFFF else None,
        "ca_state": ca_state,
        "probes": probes,
        "sacked": sacked,
        "reordering": reordering,
        "rcv_rtt_ms": rcv_rtt / 1000.0,
        "ato_ms": ato / 1000.0,
    }
    if len(raw) >= 144:
        _pr, _mpr, bytes_acked, bytes_received, segs_out, segs_in = struct.unpack("4Q2I", raw[104:144])
        out.update(bytes_acked=bytes_acked, bytes_received=bytes_received, segs_out=segs_out, segs_in=segs_in)
    if len(raw) >= 160:
        _nsb, min_rtt, _dsi, _dso = struct.unpack("4I", raw[144:160])
        out["min_rtt_ms"] = min_rtt / 1000.0
    return out


# ------------------------------------------------------------------------------------ options


def explain_option(kind: int, value: bytes, sender: str) -> TcpOption:
    name = OPTION_NAMES.get(kind, f"kind {kind}")
    if kind == 2 and len(value) == 2:
        mss = struct.unpack("!H", value)[0]
        return TcpOption(kind, name, str(mss),
                         f"the {sender} accepts segments of at most {mss} payload bytes "
                         f"(its MTU minus IP and TCP headers)")
    if kind == 3 and len(value) == 1:
        shift = value[0]
        return TcpOption(kind, name, f"{shift} (x{1 << shift})",
                         f"the {sender}'s window field is to be multiplied by {1 << shift} once "
                         f"both sides agreed (16 bits alone stop at 64 KiB)")
    if kind == 4:
        return TcpOption(kind, name, "", f"the {sender} understands selective acknowledgements")
    if kind == 5:
        blocks = [struct.unpack("!II", value[i:i + 8]) for i in range(0, len(value) - 7, 8)]
        txt = " ".join(f"{a}-{b}" for a, b in blocks)
        return TcpOption(kind, name, txt, f"the {sender} already holds these byte ranges (beyond a gap)")
    if kind == 8 and len(value) == 8:
        tsval, tsecr = struct.unpack("!II", value)
        return TcpOption(kind, name, f"tsval={tsval} tsecr={tsecr}",
                         "timestamps: the echo (tsecr) lets the sender measure RTT on every ACK "
                         "and protects against wrapped sequence numbers (PAWS)")
    if kind == 1:
        return TcpOption(kind, name, "", "padding to align the next option")
    if kind == 0:
        return TcpOption(kind, name, "", "end of the option list")
    if kind == 34:
        return TcpOption(kind, name, value.hex(), "TCP Fast Open cookie")
    return TcpOption(kind, name, value.hex(), "")


# ------------------------------------------------------------------------------------ helpers


@dataclass
class _Seg:
    index: int
    ts_ns: int
    t_ms: float
    d: Decoded
    direction: str  # c>s | s>c | icmp


@dataclass
class _Side:
    name: str
    isn: int | None = None
    wscale: int | None = None
    mss: int | None = None
    sack: bool = False
    ts: bool = False
    fin_end: int | None = None  # sequence number just past our FIN
    state: str = "CLOSED"
    max_end: int | None = None  # highest relative seq+len seen
    max_end_t: float = 0.0
    seen: set = field(default_factory=set)
    last_pure_ack: tuple | None = None
    dup_count: int = 0
    dup_times: list = field(default_factory=list)  # capture times of the current duplicate ACKs


def _rel(n: int, isn: int | None) -> int | None:
    if isn is None:
        return None
    return (n - isn) % MOD


def _errname(ev: ConnectFailed) -> str:
    return ev.name or str(ev.errno)


# ------------------------------------------------------------------------------------ analyze


def analyze(rec: Recording) -> TcpHandshakeResult:
    params = dict(rec.params)
    res = TcpHandshakeResult(host=str(params.get("host", "")), port=int(params.get("port", 0) or 0),
                             params=params)
    findings: list[Finding] = []

    resolved = next(iter(rec.of_type(TargetResolved)), None)
    if resolved:
        res.address, res.family, res.port = resolved.address, resolved.family, resolved.port
    nofail = next(iter(rec.of_type(NameResolutionFailed)), None)
    if nofail:
        res.outcome = "no-such-name"
        res.unreachable = True
        res.error = nofail.error
        findings.append(Finding(
            "tcp.name-not-resolved", "error",
            f"the name {nofail.host} does not resolve ({nofail.error}): no connection was attempted",
            message_ko=f"이름 {nofail.host} 을(를) 주소로 바꾸지 못했습니다 ({nofail.error}): 연결을 시도하지 않았습니다",
        ))
        res.findings = findings
        return res

    warm = next(iter(rec.of_type(NeighbourWarmed)), None)
    if warm and warm.ok:
        res.warm_rtt_ms = warm.rtt_ms
    started = next(iter(rec.of_type(ConnectStarted)), None)
    connected = next(iter(rec.of_type(Connected)), None)
    failed = next(iter(rec.of_type(ConnectFailed)), None)
    if started:
        res.local_address, res.local_port = started.local_address, started.local_port
        res.address = res.address or started.remote_address
        res.port = started.remote_port
    if started and connected:
        res.connect_ms = (connected.t - started.t) * 1000
        res.outcome = "connected"
    elif failed:
        res.error = f"{_errname(failed)}: {failed.message}"
        res.outcome = {"ECONNREFUSED": "refused", "ETIMEDOUT": "timeout", "EHOSTUNREACH": "unreachable",
                       "ENETUNREACH": "unreachable", "EACCES": "unreachable",
                       "EPERM": "unreachable"}.get(failed.name, "error")

    for ev in rec.of_type(DataSent):
        res.sent_bytes += len(ev.data)
    received = b"".join(ev.data for ev in rec.of_type(DataReceived))
    res.received_bytes = len(received)
    if received:
        first = received.split(b"\n", 1)[0].strip()
        res.reply_preview = first[:120].decode("utf-8", "replace")

    cap = next(iter(rec.of_type(CaptureStarted)), None)
    unavailable = next(iter(rec.of_type(CaptureUnavailable)), None)
    stopped = next(iter(rec.of_type(CaptureStopped)), None)
    if stopped and stopped.pcap_path:
        res.pcap_path = stopped.pcap_path
    frames = rec.of_type(SegmentCaptured)
    res.captured = cap is not None
    if cap:
        res.ifname = cap.ifname
    if unavailable:
        res.capture_note = unavailable.reason
        findings.append(Finding(
            "tcp.no-capture", "warning",
            f"no packet capture: {unavailable.reason}; showing the kernel's own view (TCP_INFO) instead"
            + ("; --pcap was not written" if params.get("pcap") else ""),
            concepts=("tcp.three-way-handshake",),
            message_ko=f"패킷을 캡처하지 못했습니다: {unavailable.reason}. 대신 커널의 TCP_INFO를 보여 줍니다",
        ))
    if stopped and stopped.kernel_drops:
        findings.append(Finding("tcp.capture-drops", "warning",
                                f"the kernel dropped {stopped.kernel_drops} frames before we read them: "
                                "the packet list is incomplete",
                                message_ko=f"커널이 캡처 프레임 {stopped.kernel_drops}개를 버렸습니다: 패킷 목록이 불완전합니다"))

    # --- the kernel's view of our socket
    infos = rec.of_type(TcpInfoRead)
    decoded_infos = [(ev, decode_tcp_info(ev.raw)) for ev in infos]
    if decoded_infos:
        last = [d for _, d in decoded_infos if d]
        if last:
            # the most informative read: the last one taken while established, else the last
            est = [d for _, d in decoded_infos if d.get("state") == "ESTABLISHED"]
            res.tcp_info = (est or last)[-1]
    for ev in rec.of_type(SocketStateObserved):
        res.socket_table.append({
            "t_ms": None if started is None else round((ev.t - started.t) * 1000, 3),
            "moment": ev.moment, "state": ev.state, "timer": ev.timer, "raw": ev.raw,
        })

    # --- packets
    client = _Side("client")
    server = _Side("server")
    segs = _segments(rec, cap, frames, started)
    if segs:
        _packets(res, segs, client, server)
    else:
        _states_without_capture(res, rec, started, connected, failed)

    _close_and_time_wait(res, rec, started)
    _findings(res, rec, findings, failed, started)
    res.findings = findings
    return res


def _segments(rec: Recording, cap: CaptureStarted | None, frames: list[SegmentCaptured],
              started: ConnectStarted | None) -> list[_Seg]:
    linktype = cap.linktype if cap else 1
    decoded = []
    for f in frames:
        d = decode_frame(f.data, linktype)
        if d is None:
            continue
        if d.tcp is None and d.icmp is None:
            continue
        if d.icmp is not None and started is not None:
            q = d.icmp.inner
            # only ICMP errors about *our* connection (the quoted packet is one of our segments)
            if q is None or q.proto != 6 or q.sport != started.local_port or q.dport != started.remote_port:
                continue
        decoded.append((f, d))
    if not decoded:
        return []
    # Who is the client: the ConnectStarted event, else the sender of the first bare SYN.
    if started:
        c_addr, c_port = started.local_address, started.local_port
    else:
        first_syn = next(((f, d) for f, d in decoded if d.tcp and d.tcp.has(SYN) and not d.tcp.has(ACK)), None)
        if first_syn is None:
            first_syn = decoded[0]
        c_addr = first_syn[1].src
        c_port = first_syn[1].tcp.sport if first_syn[1].tcp else 0
    decoded.sort(key=lambda fd: fd[0].ts_ns)
    syn_ts = next((f.ts_ns for f, d in decoded if d.tcp and d.tcp.has(SYN) and not d.tcp.has(ACK)),
                  decoded[0][0].ts_ns)
    out = []
    for i, (f, d) in enumerate(decoded, start=1):
        if d.tcp is not None:
            direction = "c>s" if (d.src == c_addr and d.tcp.sport == c_port) else "s>c"
        else:
            direction = "icmp"
        out.append(_Seg(i, f.ts_ns, (f.ts_ns - syn_ts) / 1e6, d, direction))
    return out


def _packets(res: TcpHandshakeResult, segs: list[_Seg], client: _Side, server: _Side) -> None:
    # First pass: ISNs, options and window scales from the SYNs.
    for s in segs:
        tcp = s.d.tcp
        if tcp is None or not tcp.has(SYN):
            continue
        side = client if s.direction == "c>s" else server
        if side.isn is None:
            side.isn = tcp.seq
        for kind, value in tcp.options:
            if kind == 2 and len(value) == 2:
                side.mss = struct.unpack("!H", value)[0]
            elif kind == 3 and len(value) == 1:
                side.wscale = min(value[0], 14)
            elif kind == 4:
                side.sack = True
            elif kind == 8:
                side.ts = True
    res.client_isn, res.server_isn = client.isn, server.isn
    scaling = client.wscale is not None and server.wscale is not None
    res.options = {
        "client_mss": client.mss, "server_mss": server.mss,
        "client_wscale": client.wscale, "server_wscale": server.wscale,
        "window_scaling": scaling,
        "sack": client.sack and server.sack,
        "timestamps": client.ts and server.ts,
        "client_sack": client.sack, "server_sack": server.sack,
        "client_ts": client.ts, "server_ts": server.ts,
    }

    syn_times = [s.t_ms for s in segs if s.d.tcp and s.direction == "c>s" and s.d.tcp.has(SYN)
                 and not s.d.tcp.has(ACK)]
    res.syn_times_ms = [round(t, 3) for t in syn_times]
    synack = next((s for s in segs if s.d.tcp and s.direction == "s>c" and s.d.tcp.has(SYN)
                   and s.d.tcp.has(ACK)), None)
    if synack is not None and syn_times:
        # RTT from the SYN the SYN-ACK answers: the last SYN sent before it
        answered = max((t for t in syn_times if t <= synack.t_ms), default=syn_times[0])
        res.handshake_rtt_ms = round(synack.t_ms - answered, 3)
    rtt = res.handshake_rtt_ms
    first_data = next((s for s in segs if s.d.tcp and s.direction == "c>s" and s.d.tcp.payload), None)
    if first_data is not None:
        res.first_data_ms = round(first_data.t_ms, 3)
    res.duration_ms = round(segs[-1].t_ms, 3) if segs else None

    for s in segs:
        if s.d.icmp is not None:
            res.packets.append(_icmp_packet(s))
            continue
        tcp = s.d.tcp
        me, peer = (client, server) if s.direction == "c>s" else (server, client)
        p = Packet(index=s.index, t_ms=round(s.t_ms, 3), direction=s.direction, flags=tcp.flags_text,
                   seq=tcp.seq, ack=tcp.ack if tcp.has(ACK) else 0,
                   rel_seq=_rel(tcp.seq, me.isn), rel_ack=_rel(tcp.ack, peer.isn) if tcp.has(ACK) else None,
                   window_raw=tcp.window, window=tcp.window, payload_len=len(tcp.payload))
        if scaling and not tcp.has(SYN):
            p.scale = me.wscale
            p.window = tcp.window << (me.wscale or 0)
        sender = "client" if s.direction == "c>s" else "server"
        p.options = [explain_option(k, v, sender) for k, v in tcp.options if k not in (0, 1)]
        _classify(p, s, me, peer, rtt)
        if tcp.has(FIN) and me.fin_end is None and p.rel_seq is not None:
            me.fin_end = (tcp.seq + len(tcp.payload) + 1) % MOD
        res.packets.append(p)
    res.retransmissions = sum(1 for p in res.packets if any(n.startswith("retransmission") for n in p.notes))
    res.out_of_order = sum(1 for p in res.packets if "out-of-order" in p.notes)
    _state_machine(res, segs, client, server)


def _icmp_packet(s: _Seg) -> Packet:
    m = s.d.icmp
    assert m is not None
    if m.version == 4:
        codes = {0: "network unreachable", 1: "host unreachable", 2: "protocol unreachable",
                 3: "port unreachable", 4: "fragmentation needed", 9: "network administratively prohibited",
                 10: "host administratively prohibited", 13: "communication administratively prohibited"}
        what = codes.get(m.code, f"code {m.code}") if m.type == 3 else (
            "time exceeded (TTL reached zero)" if m.type == 11 else f"type {m.type}")
    else:
        codes = {0: "no route to destination", 1: "communication administratively prohibited",
                 3: "address unreachable", 4: "port unreachable", 5: "source address failed policy",
                 6: "reject route to destination"}
        what = codes.get(m.code, f"code {m.code}") if m.type == 1 else (
            "time exceeded (hop limit reached zero)" if m.type == 3 else f"type {m.type}")
    kind = "ICMPv6" if m.version == 6 else "ICMP"
    summary = f"{kind} {what} from {s.d.src}"
    return Packet(index=s.index, t_ms=round(s.t_ms, 3), direction="icmp",
                  flags=f"{kind} {m.type}/{m.code}", summary=summary, src=s.d.src)


def _classify(p: Packet, s: _Seg, me: _Side, peer: _Side, rtt: float | None) -> None:
    """Wireshark-like labels: retransmission, fast retransmission, out-of-order, duplicate ACK.

    A segment already seen is a retransmission.  One that fills a gap is a fast retransmission
    when the peer has sent at least two duplicate ACKs asking for it, out-of-order when it comes
    within one handshake RTT (3 ms when unknown) of the segment that opened the gap, and a
    retransmission of a segment lost before our capture point otherwise.
    """
    tcp = s.d.tcp
    length = len(tcp.payload) + (1 if tcp.has(SYN) else 0) + (1 if tcp.has(FIN) else 0)
    if tcp.has(RST) or p.rel_seq is None:
        return
    rel = p.rel_seq
    if length > 0:
        key = (rel, length, tcp.flags & (SYN | FIN))
        end = rel + length
        # The peer asked for exactly this byte with >= 2 duplicate ACKs, long enough ago for the
        # request to have reached the sender: at once for our own segments, about one RTT for the
        # server's (its answer must travel back to our capture point).
        lag = 0.75 * rtt if (rtt and p.direction == "s>c") else 0.0
        asked = (peer.last_pure_ack is not None and peer.dup_count >= 2 and me.isn is not None
                 and _rel(peer.last_pure_ack[0], me.isn) == rel and len(peer.dup_times) >= 2
                 and s.t_ms - peer.dup_times[1] >= lag)
        if key in me.seen:
            p.notes.append("retransmission (fast, after duplicate ACKs)" if asked else "retransmission")
        elif me.max_end is not None and end <= me.max_end:
            window = rtt if rtt else 3.0
            if asked:
                p.notes.append("retransmission (fast, after duplicate ACKs)")
            elif s.t_ms - me.max_end_t < window:
                p.notes.append("out-of-order")
            else:
                p.notes.append("retransmission (original not seen here)")
        elif me.max_end is not None and rel > me.max_end:
            p.notes.append("previous segment not captured")
        me.seen.add(key)
        if me.max_end is None or end > me.max_end:
            me.max_end, me.max_end_t = end, s.t_ms
        me.last_pure_ack = None
        me.dup_count = 0
        me.dup_times = []
        return
    # a pure ACK: duplicate when it repeats the previous pure ACK exactly
    if tcp.has(ACK):
        sig = (tcp.ack, tcp.window)
        if me.last_pure_ack == sig:
            me.dup_count += 1
            me.dup_times.append(s.t_ms)
            p.notes.append(f"duplicate ACK #{me.dup_count}")
        else:
            if me.last_pure_ack is not None and me.last_pure_ack[0] == tcp.ack and tcp.window != me.last_pure_ack[1]:
                p.notes.append("window update")
            me.dup_count = 0
            me.dup_times = []
        me.last_pure_ack = sig
    if me.max_end is None:
        me.max_end, me.max_end_t = rel, s.t_ms


def describe_backoff(gaps_ms: list[float], linear: int | None = None) -> tuple[str, str]:
    """Say what the SYN retransmission gaps show: constant (linear), doubling, or first one then the other.

    Linux starts at a 1 s RTO and doubles it after each retransmission (exponential backoff), but
    since 6.x the first ``net.ipv4.tcp_syn_linear_timeouts`` (default 4) SYN retransmissions keep
    the initial 1 s, so a short capture shows constant gaps.
    """
    kinds = []
    for a, b in zip(gaps_ms, gaps_ms[1:], strict=False):
        r = b / a if a > 0 else 0
        kinds.append("same" if 0.75 <= r <= 1.33 else ("double" if 1.6 <= r <= 2.5 else "other"))
    knob = (f"net.ipv4.tcp_syn_linear_timeouts = {linear}" if linear is not None
            else "net.ipv4.tcp_syn_linear_timeouts")
    if not kinds:
        return (f"the first wait is the initial RTO of {LINUX_INITIAL_RTO_S:.0f} s",
                f"첫 대기는 초기 RTO {LINUX_INITIAL_RTO_S:.0f} 초")
    if all(k == "double" for k in kinds):
        return (f"each wait doubles, from an initial {LINUX_INITIAL_RTO_S:.0f} s: exponential backoff",
                f"처음 {LINUX_INITIAL_RTO_S:.0f} 초부터 매번 두 배: 지수 백오프")
    if all(k == "same" for k in kinds):
        return (f"constant, not doubling: this kernel repeats the first SYNs every {LINUX_INITIAL_RTO_S:.0f} s "
                f"({knob}) and only then backs off exponentially",
                f"두 배가 아니라 일정: 이 커널은 처음 몇 번의 SYN 을 {LINUX_INITIAL_RTO_S:.0f} 초 간격으로 "
                f"다시 보내고 ({knob}) 그 뒤에야 지수 백오프를 합니다")
    if "same" in kinds and "double" in kinds and kinds.index("double") > 0 and \
            all(k == "same" for k in kinds[:kinds.index("double")]):
        return (f"constant at first ({knob}), then doubling: exponential backoff",
                f"처음에는 일정 ({knob}), 그 뒤 두 배씩: 지수 백오프")
    return ("irregular gaps", "불규칙한 간격")


# ------------------------------------------------------------------------------------ states


def _state_machine(res: TcpHandshakeResult, segs: list[_Seg], client: _Side, server: _Side) -> None:
    """Walk the RFC 9293 state diagram for both sides, driven by the captured segments.

    The client's events are in capture order (we capture at the client).  The server sends a
    segment about half an RTT before we see it and receives ours about half an RTT after; its
    order of events is taken from the acknowledgement numbers where they decide it (a server
    segment that does not acknowledge our segment C was sent before C arrived there; the first
    one that does was sent after), and from the RTT/2 estimate otherwise.  This is what tells a
    simultaneous close (the FINs cross) from an ordinary one.
    """
    half = (res.handshake_rtt_ms or 0.0) / 2
    pk = [p for p in res.packets if p.direction in ("c>s", "s>c")]
    sides = {"client": client, "server": server}
    listening = any(p.direction == "s>c" and "SYN" in p.flags.split(",") for p in pk)
    # no SYN,ACK ever: nothing listened there (RST) or nothing answered; the server had no socket
    client.state, server.state = "CLOSED", ("LISTEN" if listening else "CLOSED")
    res.states.append(StateChange("client", "CLOSED", None, "before connect()"))
    if listening:
        res.states.append(StateChange("server", "LISTEN", None, "listen() on the port, before our SYN"))

    def seqlen(p: Packet) -> int:
        f = p.flags.split(",")
        return p.payload_len + ("SYN" in f) + ("FIN" in f)

    events: list[tuple[float, int, str, str, Packet]] = []  # (time, order, side, send|recv, packet)
    server_sent = [p for p in pk if p.direction == "s>c"]
    for i, p in enumerate(pk):
        if p.direction == "c>s":
            events.append((p.t_ms, i, "client", "send", p))
            t = p.t_ms + half
            n = seqlen(p)
            if n and p.rel_seq is not None:
                end = p.rel_seq + n
                covering = next((s for s in server_sent if s.rel_ack is not None and s.rel_ack >= end), None)
                if covering is not None:
                    t = min(t, covering.t_ms - half - 1e-4)
                before = [s for s in server_sent if s.rel_ack is not None and s.rel_ack <= p.rel_seq
                          and (covering is None or s.index < covering.index)]
                if before:
                    t = max(t, before[-1].t_ms - half + 1e-4)
            events.append((t, i, "server", "recv", p))
        else:
            events.append((p.t_ms - half, i, "server", "send", p))
            events.append((p.t_ms, i, "client", "recv", p))
    # segments arrive in the order they were sent: the server's receive times never go backwards
    recvs = [j for j, e in enumerate(events) if e[2] == "server" and e[3] == "recv"]
    for k in range(len(recvs) - 2, -1, -1):
        a, b = events[recvs[k]], events[recvs[k + 1]]
        if a[0] >= b[0]:
            events[recvs[k]] = (b[0] - 1e-4, *a[1:])
    events.sort(key=lambda e: (e[0], e[1], e[3] == "recv"))

    current: list[int | None] = [None]

    def move(side: _Side, new: str, t: float, why: str) -> None:
        if side.state != new:
            side.state = new
            res.states.append(StateChange(side.name, new, round(t, 3), why, packet=current[0]))

    for t, _i, name, action, p in events:
        current[0] = p.index
        me = sides[name]
        f = p.flags.split(",")
        fl = p.flags
        if action == "send":
            if "RST" in f:
                if me.state not in ("LISTEN", "CLOSED"):
                    move(me, "CLOSED", t, f"sent {fl}")
            elif "SYN" in f and "ACK" not in f and me.state == "CLOSED":
                move(me, "SYN_SENT", t, "sent SYN")
            elif me.state == "SYN_SENT" and "ACK" in f and "SYN" not in f:
                # it acknowledges the peer's SYN, so the SYN,ACK arrived even if the capture missed it
                move(me, "ESTABLISHED", t, f"sent {fl} (the SYN,ACK itself was not captured)")
            if "FIN" in f:
                if me.state in ("ESTABLISHED", "SYN_RECEIVED"):
                    move(me, "FIN_WAIT_1", t, f"sent {fl} (closes first: active close)")
                elif me.state == "CLOSE_WAIT":
                    move(me, "LAST_ACK", t, f"sent {fl} (closes second: passive close)")
            continue
        # received
        if "RST" in f:
            if me.state not in ("LISTEN", "CLOSED"):
                move(me, "CLOSED", t, f"received {fl}")
            continue
        acks_fin = me.fin_end is not None and "ACK" in f and p.ack is not None and \
            (p.ack - me.fin_end) % MOD < (1 << 31)
        if "SYN" in f and "ACK" in f and me.state == "SYN_SENT":
            move(me, "ESTABLISHED", t, "received SYN,ACK, sent ACK")
        elif "SYN" in f and "ACK" not in f and me.state == "LISTEN":
            move(me, "SYN_RECEIVED", t, "received SYN, answers SYN,ACK")
        elif "SYN" in f and "ACK" not in f and me.state == "SYN_SENT":
            move(me, "SYN_RECEIVED", t, "received SYN (simultaneous open)")
        elif me.state == "SYN_RECEIVED" and "ACK" in f and "SYN" not in f:
            move(me, "ESTABLISHED", t, f"received {fl} (acknowledges its SYN)")
        if acks_fin:
            if me.state == "FIN_WAIT_1":
                move(me, "FIN_WAIT_2", t, f"received {fl}: its FIN is acknowledged")
            elif me.state == "CLOSING":
                move(me, "TIME_WAIT", t, f"received {fl}: waits {LINUX_TIME_WAIT_S} s (Linux)")
            elif me.state == "LAST_ACK":
                move(me, "CLOSED", t, f"received {fl}: its FIN is acknowledged, the socket is gone")
        if "FIN" in f:
            if me.state in ("ESTABLISHED", "SYN_RECEIVED"):
                move(me, "CLOSE_WAIT", t, f"received {fl}: the peer has no more data")
            elif me.state == "FIN_WAIT_2":
                move(me, "TIME_WAIT", t, f"received {fl}, sent ACK: waits {LINUX_TIME_WAIT_S} s (Linux)")
            elif me.state == "FIN_WAIT_1":
                move(me, "CLOSING", t, f"received {fl} before its own FIN was acknowledged (simultaneous close)")

    for sc in res.states:
        if sc.side == "server" and sc.t_ms is not None and half:
            sc.why += " (time estimated: ±RTT/2 from our capture point)"


def _states_without_capture(res: TcpHandshakeResult, rec: Recording, started, connected, failed) -> None:
    res.states.append(StateChange("client", "CLOSED", None, "before connect()"))
    if started:
        res.states.append(StateChange("client", "SYN_SENT", 0.0, "connect() called: the kernel sends SYN"))
    if connected and started:
        res.states.append(StateChange("client", "ESTABLISHED", round((connected.t - started.t) * 1000, 3),
                                      "connect() returned", observed=True))
    elif failed and started:
        res.states.append(StateChange("client", "CLOSED", round((failed.t - started.t) * 1000, 3),
                                      f"connect() failed: {_errname(failed)}"))
    # the kernel's socket table and TCP_INFO add what they saw after connect
    seen = {"ESTABLISHED", "CLOSED"}
    views = [(ev.t, SS_TO_RFC.get(ev.state or ""), f"the kernel's socket table ({ev.moment})")
             for ev in rec.of_type(SocketStateObserved)]
    views += [(ev.t, INFO_TO_RFC.get(decode_tcp_info(ev.raw).get("state", "")), f"TCP_INFO ({ev.moment})")
              for ev in rec.of_type(TcpInfoRead)]
    for t, st, why in sorted(views, key=lambda v: v[0]):
        if st and st not in seen and started:
            seen.add(st)
            res.states.append(StateChange("client", st, round((t - started.t) * 1000, 3), why, observed=True))


def _close_and_time_wait(res: TcpHandshakeResult, rec: Recording, started) -> None:
    closes = rec.of_type(CloseStarted)
    peer_closed = next(iter(rec.of_type(PeerClosed)), None)
    client_fin = next((p for p in res.packets if p.direction == "c>s" and "FIN" in p.flags.split(",")), None)
    server_fin = next((p for p in res.packets if p.direction == "s>c" and "FIN" in p.flags.split(",")), None)
    closing = {sc.side for sc in res.states if sc.state == "CLOSING"}
    if client_fin and server_fin:
        # simultaneous when the FINs crossed: each side saw the other's FIN before its own was
        # acknowledged, so both passed CLOSING (the state machine decides from the ack numbers)
        if closing == {"client", "server"}:
            res.close_initiator = "both"
        else:
            res.close_initiator = "client" if client_fin.t_ms < server_fin.t_ms - (res.handshake_rtt_ms or 0) / 2 \
                else "server"
        if "CLOSE_WAIT" in {sc.state for sc in res.states if sc.side == "client"}:
            res.close_initiator = "server"
        elif "CLOSE_WAIT" in {sc.state for sc in res.states if sc.side == "server"}:
            res.close_initiator = "client"
    elif client_fin:
        res.close_initiator = "client"
    elif server_fin:
        res.close_initiator = "server"
    elif closes:
        res.close_initiator = closes[0].side if closes[0].side != "server" or peer_closed else None
    tw = [sc.side for sc in res.states if sc.state == "TIME_WAIT"]
    observed_tw = any(ev.state == "TIME-WAIT" for ev in rec.of_type(SocketStateObserved))
    if observed_tw and "client" not in tw:
        tw.append("client")
    if tw:
        res.time_wait_side = "both" if len(set(tw)) > 1 else tw[0]
    elif res.close_initiator in ("client", "server") and res.outcome == "connected" and \
            (client_fin and server_fin):
        res.time_wait_side = res.close_initiator
    # confirm client states with the kernel's own observations
    observed_states = {SS_TO_RFC.get(ev.state or "", "") for ev in rec.of_type(SocketStateObserved)}
    observed_states |= {INFO_TO_RFC.get(decode_tcp_info(ev.raw).get("state", ""), "")
                        for ev in rec.of_type(TcpInfoRead)}
    for sc in res.states:
        if sc.side == "client" and sc.t_ms is not None and sc.state in observed_states:
            sc.observed = True


def _findings(res: TcpHandshakeResult, rec: Recording, findings: list[Finding], failed, started) -> None:
    port = res.port
    rtt = res.handshake_rtt_ms
    c_rst = next((p for p in res.packets if p.direction == "s>c" and "RST" in p.flags.split(",")), None)
    icmp = next((p for p in res.packets if p.direction == "icmp"), None)
    synack = next((p for p in res.packets if p.direction == "s>c" and p.flags == "SYN,ACK"), None)

    if synack is None and res.outcome == "connected" and res.captured and res.packets:
        findings.append(Finding("tcp.capture-incomplete", "warning",
                                "connect() succeeded but the capture holds no SYN,ACK: the packet list is "
                                "incomplete (frames lost before we read them?)",
                                message_ko="connect() 는 성공했지만 캡처에 SYN,ACK 가 없습니다: 패킷 목록이 불완전합니다"))
    if synack is not None and rtt is not None:
        ack_ok = synack.rel_ack == 1
        findings.append(Finding(
            "tcp.handshake", "info",
            f"3-way handshake: SYN -> SYN,ACK took {fmt_ms(rtt)} (one round trip); the client could send "
            f"data right after its ACK, {fmt_ms(rtt)} after the SYN, and that data reaches the server about "
            f"1.5 RTT ({fmt_ms(1.5 * rtt)}) after the SYN"
            + ("" if ack_ok else "; the SYN,ACK does not acknowledge ISN+1!"),
            concepts=("tcp.three-way-handshake", "tcp.isn-seq-ack"),
            message_ko=f"3-way handshake: SYN -> SYN,ACK 에 {fmt_ms(rtt)} (왕복 1회). 클라이언트는 ACK 직후인 "
                       f"SYN 후 {fmt_ms(rtt)} 부터 데이터를 보낼 수 있고, 그 데이터는 SYN 후 약 1.5 RTT "
                       f"({fmt_ms(1.5 * rtt)})에 서버에 닿습니다",
        ))
        o = res.options
        if o.get("client_mss") or o.get("window_scaling"):
            parts = []
            if o.get("client_mss") and o.get("server_mss"):
                parts.append(f"MSS {o['client_mss']}/{o['server_mss']} (client/server)")
            if o.get("window_scaling"):
                parts.append(f"window scale x{1 << (o['client_wscale'] or 0)}/x{1 << (o['server_wscale'] or 0)}")
            parts.append("SACK " + ("on" if o.get("sack") else "off"))
            parts.append("timestamps " + ("on" if o.get("timestamps") else "off"))
            findings.append(Finding("tcp.options", "info", "negotiated in the SYNs: " + ", ".join(parts),
                                    concepts=("tcp.mss-window-scale",),
                                    message_ko="SYN 에서 합의한 옵션: " + ", ".join(parts)))

    if res.outcome == "refused" or (c_rst is not None and synack is None):
        res.outcome = "refused"
        findings.append(Finding(
            "tcp.refused", "error",
            f"the server answered our SYN with RST: nothing listens on port {port}"
            + (f" (RST after {fmt_ms(c_rst.t_ms)}: the host is up, the port is closed)" if c_rst else ""),
            concepts=("tcp.rst-vs-timeout",),
            message_ko=f"서버가 SYN 에 RST 로 답했습니다: 포트 {port} 에서 듣는 프로그램이 없습니다 "
                       "(호스트는 살아 있고 포트가 닫혀 있음)",
        ))
    elif icmp is not None and synack is None:
        res.outcome = "unreachable"
        res.unreachable = True
        findings.append(Finding(
            "tcp.unreachable", "error",
            f"no TCP answer: {icmp.summary} after {fmt_ms(icmp.t_ms)} (it could not deliver our SYN)",
            concepts=("tcp.rst-vs-timeout",),
            message_ko=f"TCP 응답 없이 {fmt_ms(icmp.t_ms)} 후 {icmp.summary} 가 돌아왔습니다 (SYN 을 전달하지 못함)",
        ))
    elif res.outcome == "unreachable":
        res.unreachable = True
        findings.append(Finding(
            "tcp.unreachable", "error", f"connect() failed: {res.error} (no route, or an ICMP error)",
            concepts=("tcp.rst-vs-timeout",),
            message_ko=f"connect() 실패: {res.error} (경로가 없거나 ICMP 오류)",
        ))
    elif res.outcome == "timeout":
        res.unreachable = True
        syns = res.syn_times_ms
        waited = (failed.t - started.t) if (failed and started) else None
        if len(syns) > 1:
            gaps = [syns[i + 1] - syns[i] for i in range(len(syns) - 1)]
            times = ", ".join(f"+{t / 1000:.2f} s" for t in syns[1:])
            gaps_txt = ", ".join(f"{g / 1000:.2f} s" for g in gaps)
            how_en, how_ko = describe_backoff(gaps, rec.environment.get("tcp_syn_linear_timeouts"))
            msg = (f"no answer to our SYN: the kernel sent it again at {times} (gaps {gaps_txt}: {how_en}), "
                   "then we gave up"
                   + (f" after {waited:.1f} s" if waited else "") + f": port {port} is filtered (packets dropped)")
            msg_ko = (f"SYN 에 응답이 없습니다: 커널이 {times} 에 SYN 을 다시 보냈고 (간격 {gaps_txt}: {how_ko}), "
                      "결국 시간 초과"
                      + (f" ({waited:.1f} 초)" if waited else "") + f": 포트 {port} 는 필터링(패킷 폐기)되고 있습니다")
        else:
            msg = ("no answer to our SYN" + (f" within {waited:.1f} s" if waited else "")
                   + f": port {port} is filtered or the host is down (no RST, no ICMP)"
                   )
            msg_ko = f"SYN 에 응답이 없습니다: 포트 {port} 가 필터링되거나 호스트가 꺼져 있습니다 (RST 도 ICMP 도 없음)"
        findings.append(Finding("tcp.filtered", "error", msg, concepts=("tcp.rst-vs-timeout",), message_ko=msg_ko,
                                detail="a closed port answers at once with RST; silence means a firewall "
                                       "dropped the SYN (or its answer)"))
    elif res.outcome == "error" and res.error:
        findings.append(Finding("tcp.connect-failed", "error", f"connect() failed: {res.error}",
                                message_ko=f"connect() 실패: {res.error}"))

    # resets after the handshake
    later_rst = [p for p in res.packets if "RST" in p.flags.split(",") and synack is not None]
    if later_rst:
        p = later_rst[0]
        who = "server" if p.direction == "s>c" else "client"
        findings.append(Finding("tcp.reset", "warning",
                                f"the {who} reset the connection (RST at {p.t_ms:.1f} ms)",
                                concepts=("tcp.rst-vs-timeout",),
                                message_ko=f"{'서버' if who == 'server' else '클라이언트'}가 연결을 RST 로 끊었습니다 "
                                           f"({p.t_ms:.1f} ms)"))

    if res.retransmissions:
        which = [p.index for p in res.packets if any(n.startswith("retransmission") for n in p.notes)]
        syn_only = all(p.flags == "SYN" for p in res.packets if p.index in which)
        if not (syn_only and res.outcome == "timeout"):
            findings.append(Finding(
                "tcp.retransmission", "warning",
                f"{res.retransmissions} retransmitted segment(s) (packets {', '.join(map(str, which[:10]))}): "
                "a segment or its ACK was lost",
                concepts=("tcp.retransmission",),
                message_ko=f"재전송된 세그먼트 {res.retransmissions}개 (패킷 {', '.join(map(str, which[:10]))}): "
                           "세그먼트나 그 ACK 가 유실되었습니다"))
    if res.out_of_order:
        which = [p.index for p in res.packets if "out-of-order" in p.notes]
        findings.append(Finding(
            "tcp.out-of-order", "warning",
            f"{res.out_of_order} segment(s) arrived out of order (packets {', '.join(map(str, which[:10]))}): "
            "the receiver holds later bytes until the gap is filled",
            concepts=("tcp.retransmission", "tcp.isn-seq-ack"),
            message_ko=f"순서가 바뀌어 도착한 세그먼트 {res.out_of_order}개 (패킷 {', '.join(map(str, which[:10]))}): "
                       "수신 측은 빈 곳이 채워질 때까지 뒤의 바이트를 붙잡아 둡니다"))

    # half-close: data still flowing towards a side after that side sent its FIN
    for d_from, d_to in (("c>s", "s>c"), ("s>c", "c>s")):
        fin = next((p for p in res.packets if p.direction == d_to and "FIN" in p.flags.split(",")), None)
        late = [p for p in res.packets if fin is not None and p.direction == d_from and p.payload_len
                and p.t_ms > fin.t_ms and "retransmission" not in " ".join(p.notes)]
        if fin is not None and late:
            closer = "server" if d_to == "s>c" else "client"
            other = "client" if closer == "server" else "server"
            n = sum(p.payload_len for p in late)
            findings.append(Finding(
                "tcp.half-close", "info",
                f"half-close: after the {closer}'s FIN (it sends nothing more) the {other} still sent "
                f"{n} bytes, and the {closer} acknowledged them: each direction closes on its own",
                concepts=("tcp.four-way-close",),
                message_ko=f"half-close: {'서버' if closer == 'server' else '클라이언트'}가 FIN 을 보낸 뒤에도 "
                           f"{'클라이언트' if other == 'client' else '서버'}는 {n} 바이트를 더 보냈고 받아들여졌습니다: "
                           "두 방향은 따로 닫힙니다"))
    waited = next((c for c in rec.of_type(CloseStarted) if c.side == "server"), None)
    if waited is not None and not rec.of_type(PeerClosed) and res.outcome == "connected":
        findings.append(Finding(
            "tcp.server-kept-open", "info",
            "we waited for the server to close first (--close server), but it did not close within the "
            "timeout, so we closed: keep-alive servers wait for the client (try --http, which asks for "
            "Connection: close)",
            concepts=("tcp.four-way-close",),
            message_ko="서버가 먼저 닫기를 기다렸지만 (--close server) 제한 시간 안에 닫지 않아 우리가 닫았습니다. "
                       "keep-alive 서버는 클라이언트를 기다립니다 (--http 는 Connection: close 를 요청합니다)"))

    # closing
    if res.close_initiator in ("client", "server", "both") and res.outcome == "connected":
        tw = res.time_wait_side
        observed = next((s for s in res.socket_table if s["state"] == "TIME-WAIT"), None)
        if res.close_initiator == "client":
            msg = ("we closed first (active close): FIN_WAIT_1 -> FIN_WAIT_2 -> TIME_WAIT; "
                   f"Linux keeps the TIME_WAIT entry {LINUX_TIME_WAIT_S} s (fixed, not 240 s)")
            msg_ko = ("우리가 먼저 닫았습니다 (active close): FIN_WAIT_1 -> FIN_WAIT_2 -> TIME_WAIT. "
                      f"리눅스는 TIME_WAIT 을 {LINUX_TIME_WAIT_S} 초 유지합니다 (고정값, 240 초가 아님)")
            if observed:
                msg += f"; seen in the kernel's socket table (timer {observed['timer'] or '?'})"
                msg_ko += f". 커널 소켓 테이블에서 확인 (타이머 {observed['timer'] or '?'})"
        elif res.close_initiator == "server":
            msg = ("the server closed first: we passed CLOSE_WAIT and LAST_ACK, and the server, not us, "
                   f"holds TIME_WAIT ({LINUX_TIME_WAIT_S} s on Linux)")
            msg_ko = ("서버가 먼저 닫았습니다: 우리는 CLOSE_WAIT, LAST_ACK 을 거쳤고 TIME_WAIT 은 우리가 아니라 "
                      f"서버가 가집니다 (리눅스에서 {LINUX_TIME_WAIT_S} 초)")
            cw = next((s for s in res.socket_table if s["state"] == "CLOSE-WAIT"), None)
            if cw:
                msg += "; CLOSE-WAIT seen in the kernel's socket table"
                msg_ko += ". 커널 소켓 테이블에서 CLOSE-WAIT 확인"
        else:
            msg = ("both sides closed at the same time (simultaneous close): each passes CLOSING and both "
                   "enter TIME_WAIT")
            msg_ko = "양쪽이 동시에 닫았습니다: 둘 다 CLOSING 을 거쳐 TIME_WAIT 에 들어갑니다"
        findings.append(Finding("tcp.time-wait", "info", msg, concepts=("tcp.four-way-close", "tcp.time-wait"),
                                message_ko=msg_ko, detail=f"TIME_WAIT side: {tw}"))


__all__ = ["analyze", "decode_tcp_info", "explain_option", "LINUX_TIME_WAIT_S"]
