"""What the Linux kernel tells us about our own socket, and the constants it fixes (pure).

``struct tcp_info`` (getsockopt TCP_INFO) decoded into the fields a student cares about, the
kernel's and ``ss``'s state names mapped to the textbook's (RFC 9293), and the two timers a
student meets in this probe: TIME_WAIT and the initial retransmission timeout.
"""

from __future__ import annotations

import struct

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


def info_state(raw: bytes) -> str:
    """The textbook name of the state a TCP_INFO read reports ("" when unknown)."""
    return INFO_TO_RFC.get(decode_tcp_info(raw).get("state", ""), "")


def ss_state(state: str | None) -> str:
    """The textbook name of a state as ``ss`` prints it ("" when unknown or gone)."""
    return SS_TO_RFC.get(state or "", "")
