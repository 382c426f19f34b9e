"""Captured frames -> the Result's packet list: directions, relative numbers, windows, notes (pure).

Frames are decoded by netlab.capture.decode, kept in capture order, and timed by the gaps between
their kernel timestamps (``ts_ns``), ``t_ms`` since the first SYN; a gap that goes backwards (the
wall clock stepped) counts as 0 and is reported.  A segment's notes follow Wireshark's vocabulary (retransmission,
fast retransmission, out-of-order, duplicate ACK #n, window update, previous segment not
captured): the English words are what ``Packet.notes`` holds in JSON, and ``notes_ko`` holds the
same in Korean, both from the catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from netlab.capture.decode import ACK, FIN, RST, SYN, Decoded, decode_frame
from netlab.probes.tcp_handshake.messages import M
from netlab.probes.tcp_handshake.model import CaptureStarted, ConnectStarted, Packet, SegmentCaptured
from netlab.probes.tcp_handshake.options import explain_option, syn_options
from netlab.units import ms_since

MOD = 1 << 32


@dataclass
class Seg:
    """One decoded frame of our connection (or an ICMP error about it)."""

    index: int  # 1-based, in capture order (as tshark numbers the frames of the pcap)
    captured: int  # position in the Recording: the order the sniffer read the frames in
    ts_ns: int
    t_ms: float  # since the first SYN
    d: Decoded
    direction: str  # c>s | s>c | icmp


@dataclass
class Side:
    """What one end announced and sent, as the walk over the segments learns it."""

    name: str
    isn: int | None = None
    wscale: int | None = None
    mss: int | None = None
    sack: bool = False
    ts: bool = False
    fin_end: int | None = None  # sequence number just past its FIN
    state: str = "CLOSED"
    max_end: int | None = None  # highest relative seq+len seen
    max_end_t: float = 0.0
    seen: set = field(default_factory=set)
    last_pure_ack: tuple | None = None
    dup_count: int = 0
    dup_times: list = field(default_factory=list)  # capture times of the current duplicate ACKs


def rel(n: int, isn: int | None) -> int | None:
    if isn is None:
        return None
    return (n - isn) % MOD


def flags_of(p: Packet) -> list[str]:
    return p.flags.split(",")


RETRANSMISSIONS = ("note.retransmission", "note.fast-retransmission")


def is_retransmission(p: Packet) -> bool:
    """A segment whose sequence range this capture saw before (never a guess from a gap)."""
    return any(k in RETRANSMISSIONS for k in p.kinds)


def add_note(p: Packet, key: str, **params) -> None:
    p.kinds.append(key)
    en, ko = M.both(key, **params)
    p.notes.append(en)
    p.notes_ko.append(ko)


# ------------------------------------------------------------------------------------ frames


def _ours(d: Decoded | None, started: ConnectStarted | None) -> bool:
    """A TCP segment, or an ICMP error about *our* connection (it quotes one of our segments)."""
    if d is None or (d.tcp is None and d.icmp is None):
        return False
    if d.icmp is not None and started is not None:
        q = d.icmp.inner
        return q is not None and q.proto == 6 and q.sport == started.local_port and q.dport == started.remote_port
    return True


def _is_syn(d: Decoded) -> bool:
    return d.tcp is not None and d.tcp.has(SYN) and not d.tcp.has(ACK)


def is_syn(s: Seg) -> bool:
    """A SYN we sent (the first, or one sent again)."""
    return s.direction == "c>s" and _is_syn(s.d)


def is_synack(s: Seg) -> bool:
    return s.direction == "s>c" and s.d.tcp is not None and s.d.tcp.has(SYN) and s.d.tcp.has(ACK)


def segments(frames: list[SegmentCaptured], cap: CaptureStarted | None,
             started: ConnectStarted | None) -> list[Seg]:
    """The frames of our connection in capture order, each with its direction and time."""
    linktype = cap.linktype if cap else 1
    decoded = []  # (position in the Recording, frame, decoded)
    for i, f in enumerate(frames):
        d = decode_frame(f.data, linktype)
        if _ours(d, started):
            decoded.append((i, f, d))
    if not decoded:
        return []
    # Who is the client: the ConnectStarted event, else the sender of the first bare SYN.
    if started:
        c_addr, c_port = started.local_address, started.local_port
    else:
        first = next(((i, f, d) for i, f, d in decoded if _is_syn(d)), decoded[0])
        c_addr = first[2].src
        c_port = first[2].tcp.sport if first[2].tcp else 0
    # Capture order is the order (the kernel queued the frames as they passed); the stamps are
    # wall-clock and only give the gaps between frames.  A gap that goes backwards means the clock
    # stepped: that gap counts as 0 (reported by clock_steps), the order is never changed.
    times = monotone_times([f.ts_ns for _, f, _ in decoded])
    first_syn = next((i for i, (_, _, d) in enumerate(decoded) if _is_syn(d)), 0)
    out = []
    for index, (captured, f, d) in enumerate(decoded, start=1):
        if d.tcp is not None:
            direction = "c>s" if (d.src == c_addr and d.tcp.sport == c_port) else "s>c"
        else:
            direction = "icmp"
        t_ms = ms_since(times[index - 1], times[first_syn])
        out.append(Seg(index, captured, f.ts_ns, t_ms, d, direction))
    return out


def monotone_times(stamps_ns: list[int]) -> list[float]:
    """Seconds from the first stamp, in capture order, never going back (a backward gap counts 0)."""
    out, t = [], 0.0
    for i, ts in enumerate(stamps_ns):
        if i:
            t += max(0, ts - stamps_ns[i - 1]) / 1e9
        out.append(t)
    return out


def clock_steps(segs: list[Seg]) -> list[dict]:
    """Where the kernel stamps went backwards in capture order: the packet and by how much."""
    out = []
    for prev, s in zip(segs, segs[1:], strict=False):
        if s.ts_ns < prev.ts_ns:
            out.append({"packet": s.index, "back_ms": round((prev.ts_ns - s.ts_ns) / 1e6, 3)})
    return out


def learn_syns(segs: list[Seg], client: Side, server: Side) -> dict:
    """ISNs, MSS, window scales, SACK and timestamps from the SYNs; returns the negotiated options."""
    for s in segs:
        tcp = s.d.tcp
        if tcp is None or not tcp.has(SYN):
            continue
        side = client if s.direction == "c>s" else server
        if side.isn is None:
            side.isn = tcp.seq
        o = syn_options(tcp.options)
        side.mss = o["mss"] if o["mss"] is not None else side.mss
        side.wscale = o["wscale"] if o["wscale"] is not None else side.wscale
        side.sack = side.sack or o["sack"]
        side.ts = side.ts or o["ts"]
    return {
        "client_mss": client.mss, "server_mss": server.mss,
        "client_wscale": client.wscale, "server_wscale": server.wscale,
        "window_scaling": client.wscale is not None and server.wscale is not None,
        "sack": client.sack and server.sack,
        "timestamps": client.ts and server.ts,
        "client_sack": client.sack, "server_sack": server.sack,
        "client_ts": client.ts, "server_ts": server.ts,
    }


# ------------------------------------------------------------------------------------ packets


def packets(segs: list[Seg], client: Side, server: Side, scaling: bool, rtt: float | None) -> list[Packet]:
    """Every segment as a Packet: absolute and relative numbers, the scaled window, options, notes."""
    out = []
    for s in segs:
        if s.d.icmp is not None:
            out.append(icmp_packet(s))
            continue
        tcp = s.d.tcp
        me, peer = (client, server) if s.direction == "c>s" else (server, client)
        p = Packet(index=s.index, t_ms=round(s.t_ms, 3), direction=s.direction, flags=tcp.flags_text,
                   seq=tcp.seq, ack=tcp.ack if tcp.has(ACK) else 0,
                   rel_seq=rel(tcp.seq, me.isn), rel_ack=rel(tcp.ack, peer.isn) if tcp.has(ACK) else None,
                   window_raw=tcp.window, window=tcp.window, payload_len=len(tcp.payload))
        if scaling and not tcp.has(SYN):
            p.scale = me.wscale
            p.window = tcp.window << (me.wscale or 0)
        sender = "client" if s.direction == "c>s" else "server"
        p.options = [explain_option(k, v, sender) for k, v in tcp.options if k not in (0, 1)]
        classify(p, s, me, peer, rtt)
        if tcp.has(FIN) and me.fin_end is None and p.rel_seq is not None:
            me.fin_end = (tcp.seq + len(tcp.payload) + 1) % MOD
        out.append(p)
    return out


_ICMP4_UNREACH = (0, 1, 2, 3, 4, 9, 10, 13)
_ICMP6_UNREACH = (0, 1, 3, 4, 5, 6)


def icmp_packet(s: Seg) -> Packet:
    m = s.d.icmp
    assert m is not None
    if m.version == 4:
        unreach, codes, ttl, prefix = 3, _ICMP4_UNREACH, (11, "icmp4.ttl"), "icmp4"
    else:
        unreach, codes, ttl, prefix = 1, _ICMP6_UNREACH, (3, "icmp6.hops"), "icmp6"
    if m.type == unreach:
        what = M.t(f"{prefix}.{m.code}") if m.code in codes else M.t("icmp.code", code=m.code)
    else:
        what = M.t(ttl[1]) if m.type == ttl[0] else M.t("icmp.type", type=m.type)
    kind = "ICMPv6" if m.version == 6 else "ICMP"
    summary, summary_ko = M.both("icmp.summary", kind=kind, what=what, src=s.d.src)
    return Packet(index=s.index, t_ms=round(s.t_ms, 3), direction="icmp", flags=f"{kind} {m.type}/{m.code}",
                  summary=summary, summary_ko=summary_ko, src=s.d.src)


def classify(p: Packet, s: Seg, me: Side, peer: Side, rtt: float | None) -> None:
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
    if length > 0:
        _classify_data(p, s, me, peer, rtt, length)
        return
    # a pure ACK: duplicate when it repeats the previous pure ACK exactly
    if tcp.has(ACK):
        sig = (tcp.ack, tcp.window)
        if me.last_pure_ack == sig:
            me.dup_count += 1
            me.dup_times.append(s.t_ms)
            add_note(p, "note.dup-ack", n=me.dup_count)
        else:
            if me.last_pure_ack is not None and me.last_pure_ack[0] == tcp.ack and tcp.window != me.last_pure_ack[1]:
                add_note(p, "note.window-update")
            me.dup_count = 0
            me.dup_times = []
        me.last_pure_ack = sig
    if me.max_end is None:
        me.max_end, me.max_end_t = p.rel_seq, s.t_ms


def _classify_data(p: Packet, s: Seg, me: Side, peer: Side, rtt: float | None, length: int) -> None:
    tcp = s.d.tcp
    start = p.rel_seq
    key = (start, length, tcp.flags & (SYN | FIN))
    end = start + length
    # The peer asked for exactly this byte with >= 2 duplicate ACKs, long enough ago for the
    # request to have reached the sender: at once for our own segments, about one RTT for the
    # server's (its answer must travel back to our capture point).
    lag = 0.75 * rtt if (rtt and p.direction == "s>c") else 0.0
    asked = (peer.last_pure_ack is not None and peer.dup_count >= 2 and me.isn is not None
             and rel(peer.last_pure_ack[0], me.isn) == start and len(peer.dup_times) >= 2
             and s.t_ms - peer.dup_times[1] >= lag)
    if key in me.seen:
        add_note(p, "note.fast-retransmission" if asked else "note.retransmission")
    elif me.max_end is not None and end <= me.max_end:
        if asked:
            add_note(p, "note.fast-retransmission")
        elif s.t_ms - me.max_end_t < (rtt if rtt else 3.0):
            add_note(p, "note.out-of-order")
        else:
            add_note(p, "note.gap-filled")
    elif me.max_end is not None and start > me.max_end:
        add_note(p, "note.gap")
    me.seen.add(key)
    if me.max_end is None or end > me.max_end:
        me.max_end, me.max_end_t = end, s.t_ms
    me.last_pure_ack = None
    me.dup_count = 0
    me.dup_times = []
