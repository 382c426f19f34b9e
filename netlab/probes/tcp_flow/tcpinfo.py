"""Linux's ``struct tcp_info`` (getsockopt TCP_INFO) and BBR's ``struct tcp_bbr_info`` (TCP_CC_INFO).

Pure except :func:`read`, which calls getsockopt on a socket.  The layout is this kernel's
(include/uapi/linux/tcp.h, 280 bytes on Linux 6.18); an older kernel returns a shorter struct and
the fields past its end are reported as missing (None), never as zero.  Units as the kernel gives
them: times in microseconds (``rtt``, ``rttvar``, ``rto``, ``min_rtt``, the ``*_time``/``*_limited``
chronographs), rates in bytes per second (``pacing_rate``, ``delivery_rate``), windows in bytes
(``snd_wnd``: the peer's advertised receive window after scaling; ``rcv_wnd``: ours), cwnd and
ssthresh in segments.

Derived values, as ``ss -ti`` and the kernel's own tcp_packets_in_flight() compute them:
bytes in flight = (unacked - sacked - lost + retrans) x snd_mss.
"""

from __future__ import annotations

import socket
import struct

# (name, struct code) in the kernel's order; "_" marks a field we do not keep
_LAYOUT = (
    ("state", "B"), ("ca_state", "B"), ("retransmits", "B"), ("probes", "B"), ("backoff", "B"),
    ("options", "B"), ("wscale", "B"), ("flags", "B"),
    ("rto", "I"), ("ato", "I"), ("snd_mss", "I"), ("rcv_mss", "I"),
    ("unacked", "I"), ("sacked", "I"), ("lost", "I"), ("retrans", "I"), ("_fackets", "I"),
    ("last_data_sent", "I"), ("_last_ack_sent", "I"), ("last_data_recv", "I"), ("last_ack_recv", "I"),
    ("pmtu", "I"), ("rcv_ssthresh", "I"), ("rtt", "I"), ("rttvar", "I"), ("snd_ssthresh", "I"),
    ("snd_cwnd", "I"), ("advmss", "I"), ("reordering", "I"),
    ("rcv_rtt", "I"), ("rcv_space", "I"), ("total_retrans", "I"),
    ("pacing_rate", "Q"), ("max_pacing_rate", "Q"), ("bytes_acked", "Q"), ("bytes_received", "Q"),
    ("segs_out", "I"), ("segs_in", "I"), ("notsent_bytes", "I"), ("min_rtt", "I"),
    ("data_segs_in", "I"), ("data_segs_out", "I"), ("delivery_rate", "Q"),
    ("busy_time", "Q"), ("rwnd_limited", "Q"), ("sndbuf_limited", "Q"),
    ("delivered", "I"), ("delivered_ce", "I"), ("bytes_sent", "Q"), ("bytes_retrans", "Q"),
    ("dsack_dups", "I"), ("reord_seen", "I"), ("rcv_ooopack", "I"), ("snd_wnd", "I"),
    ("rcv_wnd", "I"), ("rehash", "I"), ("total_rto", "H"), ("total_rto_recoveries", "H"),
    ("total_rto_time", "I"),
)

_ENDS: dict[str, int] = {}
_off = 0
for _name, _code in _LAYOUT:
    _off += struct.calcsize("=" + _code)
    _ENDS[_name] = _off
SIZE = _off  # bytes of the struct this module knows (the kernel may have more; they are ignored)
_STRUCT = struct.Struct("=" + "".join(code for _, code in _LAYOUT))
NAMES = tuple(name for name, _ in _LAYOUT)

INFINITE_SSTHRESH = 0x7FFFFFFF  # TCP_INFINITE_SSTHRESH: "no ssthresh yet" (still in slow start)
TCP_CC_INFO = 26
CA_STATES = {0: "open", 1: "disorder", 2: "cwr", 3: "recovery", 4: "loss"}
TCP_STATES = {1: "established", 2: "syn-sent", 3: "syn-recv", 4: "fin-wait1", 5: "fin-wait2", 6: "time-wait",
              7: "close", 8: "close-wait", 9: "last-ack", 10: "listen", 11: "closing"}

# What a sampler keeps, per side (each row: t, application bytes, then these)
SENDER_FIELDS = (
    "state", "ca_state", "retransmits", "probes", "backoff", "rto", "snd_mss", "unacked", "sacked", "lost",
    "retrans", "rtt", "rttvar", "min_rtt", "snd_ssthresh", "snd_cwnd", "total_retrans", "pacing_rate",
    "delivery_rate", "app_limited", "bytes_acked", "bytes_sent", "bytes_retrans", "notsent_bytes",
    "busy_time", "rwnd_limited", "sndbuf_limited", "delivered", "snd_wnd", "total_rto",
    "total_rto_recoveries", "dsack_dups", "reord_seen", "data_segs_out",
)
RECEIVER_FIELDS = (
    "state", "rcv_mss", "rcv_ssthresh", "rcv_rtt", "rcv_space", "rcv_wnd", "bytes_received",
    "data_segs_in", "rcv_ooopack", "rcv_wscale",
)
BBR_FIELDS = ("bbr_bw", "bbr_min_rtt", "bbr_pacing_gain", "bbr_cwnd_gain")


def parse(raw: bytes) -> dict[str, int | None]:
    """Every known field of a TCP_INFO answer (fields the kernel did not fill: None)."""
    n = len(raw)
    values = _STRUCT.unpack(raw[:SIZE].ljust(SIZE, b"\0"))
    out: dict[str, int | None] = {}
    for name, v in zip(NAMES, values, strict=True):
        if name.startswith("_"):
            continue
        out[name] = v if _ENDS[name] <= n else None
    ws, flags = out.pop("wscale"), out.pop("flags")
    out["snd_wscale"] = None if ws is None else ws & 0x0F
    out["rcv_wscale"] = None if ws is None else ws >> 4
    out["app_limited"] = None if flags is None else flags & 1
    return out


def parse_bbr(raw: bytes) -> dict[str, float | None]:
    """BBR's TCP_CC_INFO (struct tcp_bbr_info): bandwidth (bytes/s), min RTT (us), gains (x1)."""
    if len(raw) < 20:
        return dict.fromkeys(BBR_FIELDS)
    bw_lo, bw_hi, min_rtt, pacing_gain, cwnd_gain = struct.unpack_from("=5I", raw)
    return {"bbr_bw": (bw_hi << 32) | bw_lo, "bbr_min_rtt": min_rtt,
            "bbr_pacing_gain": round(pacing_gain / 256.0, 3), "bbr_cwnd_gain": round(cwnd_gain / 256.0, 3)}


def read(sock: socket.socket) -> bytes:
    """The raw TCP_INFO of a socket (I/O: one getsockopt)."""
    return sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 512)


def read_bbr(sock: socket.socket) -> bytes:
    try:
        return sock.getsockopt(socket.IPPROTO_TCP, TCP_CC_INFO, 64)
    except OSError:
        return b""


def congestion_control(sock: socket.socket) -> str | None:
    try:
        return sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_CONGESTION, 16).split(b"\0", 1)[0].decode() or None
    except OSError:
        return None


def in_flight(row: dict) -> int | None:
    """Segments in flight as Linux counts them (tcp_packets_in_flight)."""
    try:
        return max(0, row["unacked"] - row["sacked"] - row["lost"] + row["retrans"])
    except (KeyError, TypeError):
        return None
