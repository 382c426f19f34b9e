"""What the capture of the data connection shows, segment by segment (pure), in the spirit of
Wireshark's tcp.analysis and tcptrace.

``view(cap, sender)`` decodes the SegmentsCaptured pcap and walks it in capture order (the kernel
stamps give times, never the order).  Sequence numbers are made relative to each side's initial
sequence number (from the SYNs), windows scaled with the shift each side announced in its SYN.
It labels:

- data segments from the sender: new data, or a *retransmission* (it starts below the highest
  byte already seen); a retransmission is *fast* when duplicate ACKs or SACK blocks above it came
  first (``dupacks`` counts the duplicates: three is the classic trigger, Linux with SACK and RACK
  may need fewer), else *timer* (an RTO, or a tail loss probe: the kernel's state tells which);
  *spurious* when the receiver reports a duplicate (DSACK) or had the bytes already;
- ACKs from the receiver: *duplicate* (same ACK number, no data, the same window or SACK blocks), *zero window*
  (window 0), *window update* (same ACK number, the window reopened);
- *zero-window probes*: the sender's 0- or 1-byte segments at the window's edge while it is shut.

The capture is taken on the client: for a download it shows what reached the receiver (a segment
the link dropped is missing, and its retransmission fills the hole); for an upload, what the
sender sent.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from netlab.capture.decode import ACK, FIN, RST, SYN, decode_frame
from netlab.capture.pcap import parse_pcap


@dataclass
class Seg:
    i: int  # capture order
    t: float  # seconds since the probe started (kernel stamp on our clock)
    from_sender: bool
    seq: int  # relative
    ack: int  # relative (the other side's numbering)
    length: int
    flags: int
    window: int  # bytes, scaled
    sack: list[tuple[int, int]] = field(default_factory=list)  # relative blocks
    labels: list[str] = field(default_factory=list)
    dupacks: int = 0  # for a retransmission: duplicate ACKs of its sequence number before it


@dataclass
class View:
    segs: list[Seg] = field(default_factory=list)
    syn_seen: bool = False
    sender_wscale: int | None = None
    receiver_wscale: int | None = None
    sack_permitted: bool = False
    mss: int | None = None
    retrans: list[Seg] = field(default_factory=list)
    dupacks: int = 0
    zero_windows: list[Seg] = field(default_factory=list)
    probes: list[Seg] = field(default_factory=list)
    updates: list[Seg] = field(default_factory=list)
    max_window: int = 0
    resets: list[Seg] = field(default_factory=list)
    undecodable: int = 0
    sender_isn: int | None = None
    ecn_ect: int = 0  # packets whose IP header carried ECT(0) or ECT(1)
    ecn_ce: int = 0  # ... or CE (congestion experienced: a router's mark)

    def counts(self) -> dict:
        return {
            "segments": len(self.segs),
            "data": sum(1 for s in self.segs if s.from_sender and s.length),
            "retransmissions": len(self.retrans),
            "fast_retransmissions": sum(1 for s in self.retrans if "fast" in s.labels),
            "timer_retransmissions": sum(1 for s in self.retrans if "timer" in s.labels),
            "spurious": sum(1 for s in self.retrans if "spurious" in s.labels),
            "duplicate_acks": self.dupacks,
            "zero_windows": len(self.zero_windows),
            "window_probes": len(self.probes),
            "window_updates": len(self.updates),
            "max_window": self.max_window,
            "resets": len(self.resets),
            "syn_seen": self.syn_seen,
            "ecn_ect": self.ecn_ect,
            "ecn_ce": self.ecn_ce,
        }


def _options(tcp) -> tuple[int | None, bool, int | None, list[tuple[int, int]]]:
    ws, sackok, mss, blocks = None, False, None, []
    for kind, val in tcp.options:
        if kind == 3 and len(val) == 1:
            ws = min(14, val[0])
        elif kind == 4:
            sackok = True
        elif kind == 2 and len(val) == 2:
            mss = (val[0] << 8) | val[1]
        elif kind == 5 and len(val) % 8 == 0:
            for k in range(0, len(val), 8):
                blocks.append((int.from_bytes(val[k:k + 4], "big"), int.from_bytes(val[k + 4:k + 8], "big")))
    return ws, sackok, mss, blocks


def _ecn(data: bytes, linktype: int, version: int) -> int:
    """The IP header's two ECN bits (0 not-ECT, 1 ECT(1), 2 ECT(0), 3 CE); Ethernet frames only."""
    if linktype != 1 or len(data) < 16:
        return 0
    return (data[15] & 3) if version == 4 else ((data[15] >> 4) & 3)


def _decode(cap, sender: str) -> tuple[list, int, list[int]]:
    """[(order, t, from_sender, tcp header, payload length)] of the capture; frames not decoded;
    the ECN codepoint of each decoded frame."""
    from netlab.probes.tcp_flow.capture import pcap_of

    pf = parse_pcap(pcap_of(cap), source="the recorded capture")
    out, bad, ecn = [], 0, []
    for i, f in enumerate(pf.frames):
        d = decode_frame(f.data, pf.linktype)
        if d is None or d.tcp is None:
            bad += 1
            continue
        length = max(0, d.total_len - d.ip_header_len - d.tcp.header_len)
        out.append((i, (f.ts_ns - cap.realtime_offset_ns) / 1e9, d.src == sender, d.tcp, length))
        ecn.append(_ecn(f.data, pf.linktype, d.version))
    return out, bad, ecn


def view(cap, sender: str) -> View:
    """The capture, walked in order, labelled (see the module docstring)."""
    raw, bad, ecn = _decode(cap, sender)
    v = View(undecodable=bad, ecn_ect=sum(1 for e in ecn if e in (1, 2)), ecn_ce=sum(1 for e in ecn if e == 3))
    isn = {True: None, False: None}
    shift = {True: 0, False: 0}
    for _, _, fs, tcp, _ in raw:
        if tcp.flags & SYN and isn[fs] is None:
            isn[fs] = tcp.seq
            ws, sackok, mss, _ = _options(tcp)
            shift[fs] = ws or 0
            v.sack_permitted = v.sack_permitted or sackok
            if fs:
                v.sender_wscale, v.mss = ws, mss if mss else v.mss
            else:
                v.receiver_wscale = ws
                v.mss = min(v.mss, mss) if (v.mss and mss) else (v.mss or mss)
    v.syn_seen = isn[True] is not None and isn[False] is not None
    for fs in (True, False):
        if isn[fs] is None:  # the SYN was not captured: the first byte seen is byte 0
            isn[fs] = (next((tcp.seq for _, _, s, tcp, _ in raw if s == fs), 0) - 1) & 0xFFFFFFFF
    v.sender_isn = isn[True]
    _walk(v, raw, isn, shift)
    return v


def _rel(x: int, base: int) -> int:
    return (x - base) & 0xFFFFFFFF


def _walk(v: View, raw: list, isn: dict, shift: dict) -> None:
    st = {"high": 0, "last_ack": None, "last_win": None, "dup_run": 0, "zero": False, "acked": 0}
    for order, t, fs, tcp, length in raw:
        seq = _rel(tcp.seq, isn[fs]) - (1 if fs and not tcp.flags & SYN else 0)
        ack = _rel(tcp.ack, isn[not fs]) - 1 if tcp.flags & ACK else 0
        win = tcp.window << (shift[fs] if not tcp.flags & SYN else 0)
        _, _, _, blocks = _options(tcp)
        sack = [(_rel(a, isn[not fs]) - 1, _rel(b, isn[not fs]) - 1) for a, b in blocks]
        s = Seg(order, t, fs, seq if fs else _rel(tcp.seq, isn[fs]), ack, length, tcp.flags, win, sack)
        v.segs.append(s)
        if tcp.flags & RST:
            v.resets.append(s)
            continue
        if fs:
            _sender_segment(v, s, st)
        else:
            _receiver_segment(v, s, st)


def _sender_segment(v: View, s: Seg, st: dict) -> None:
    if s.flags & SYN:
        return
    # a zero-window probe: 0 or 1 byte at the window's edge while the window is shut, or after the
    # update but before the sender's next data (the probe left before the update reached it)
    if st.get("probing") and s.length <= 1 and st["last_ack"] is not None and \
            s.seq in (st["last_ack"] - 1, st["last_ack"]):
        s.labels.append("window-probe")
        v.probes.append(s)
        return
    if not s.length:
        return
    st["probing"] = False
    end = s.seq + s.length
    if s.seq < st["high"]:
        s.labels.append("retransmission")
        s.dupacks = st["dup_run"] if st["last_ack"] == s.seq else 0
        sacked_above = any(a >= end for a, _ in st.get("sack", []))
        s.labels.append("fast" if (s.dupacks or sacked_above) else "timer")
        if end <= st["acked"]:
            s.labels.append("spurious")  # the receiver had acknowledged it already
        v.retrans.append(s)
    st["high"] = max(st["high"], end)


def _receiver_segment(v: View, s: Seg, st: dict) -> None:
    if s.flags & SYN:
        st["last_ack"], st["last_win"] = s.ack, s.window
        return
    v.max_window = max(v.max_window, s.window)
    for a, b in s.sack:
        if b <= s.ack:  # a DSACK: the receiver got these bytes twice
            for r in v.retrans:
                if r.seq < b and r.seq + r.length > a and "spurious" not in r.labels:
                    r.labels.append("spurious")
    st["sack"] = [blk for blk in s.sack if blk[1] > s.ack]
    if s.length == 0 and not s.flags & FIN and s.ack == st["last_ack"]:
        # a duplicate ACK: nothing new acknowledged while data is outstanding, the same window (as
        # Wireshark counts them) or SACK blocks (a Linux receiver may grow its window meanwhile)
        if (s.window == st["last_win"] or s.sack) and s.window and st["high"] > s.ack:
            s.labels.append("duplicate-ack")
            v.dupacks += 1
            st["dup_run"] += 1
        elif s.window > (st["last_win"] or 0) and st["zero"]:
            s.labels.append("window-update")
            v.updates.append(s)
    elif s.ack != st["last_ack"]:
        st["dup_run"] = 0
        if st["zero"] and s.window:
            s.labels.append("window-update")
            v.updates.append(s)
    if s.window == 0 and not s.flags & (FIN | RST):
        if not st["zero"]:
            s.labels.append("zero-window")
            v.zero_windows.append(s)
        st["zero"] = st["probing"] = True
    elif s.window:
        st["zero"] = False
    st["acked"] = max(st["acked"], s.ack)
    st["last_ack"], st["last_win"] = s.ack, s.window
