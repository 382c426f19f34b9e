"""Phase detectors: what the sender's kernel did, named from its own evidence (pure).

Each detector reads the sender's TCP_INFO series (samples.Series) and, where it helps, the
capture (segments.View); none assumes what the textbook says should happen:

- ``slow_start``: from the first byte while ssthresh is still "infinite" and the state is open;
  the initial window (Linux: 10 segments, RFC 6928), the growth per RTT, and why it ended: a loss,
  HyStart (cubic leaves slow start when the RTT starts to grow, before any loss: ssthresh set with
  no retransmission), BBR's own startup, the receive window, or the end of the transfer.
- ``episodes``: each stretch where ``ca_state`` is not open (disorder, CWR, recovery, loss), with
  cwnd before, ssthresh after, retransmissions, RTOs and the backoff reached.  Recovery = fast
  retransmit and fast recovery (RFC 6582, with SACK and PRR in Linux); loss = an RTO fired.
- ``avoidance``: open stretches after slow start: cwnd's growth in segments per RTT (Reno: about
  one; cubic: a curve, faster far from the last maximum), and the reduction at each loss (beta:
  Reno 0.5, cubic 0.7).
- ``bbr_phases``: BBR's states from its pacing gain (TCP_CC_INFO): startup 2.89, drain 0.35,
  probe-bw cycling 1.25 / 0.75 / 1, probe-rtt (cwnd 4).
- ``zero_window``: stretches where the peer's window (snd_wnd) is 0, with the probes sent.
- ``limits``: how long Linux says the sender was limited by cwnd, the receive window, the send
  buffer, or had nothing to send (tcpi_busy_time, tcpi_rwnd_limited, tcpi_sndbuf_limited: the
  busy time is the sum of the three "busy" states; the rest of the time it had nothing to send).
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field

from netlab.probes.tcp_flow.model import Phase
from netlab.probes.tcp_flow.samples import Series, ssthresh

OPEN, DISORDER, CWR, RECOVERY, LOSS = 0, 1, 2, 3, 4
STATE_NAMES = {0: "open", 1: "disorder", 2: "cwr", 3: "recovery", 4: "loss"}


def ms(t: float | None) -> float | None:
    return None if t is None else round(t * 1000.0, 3)


@dataclass
class Episode:
    """A stretch of rows [i0, i1] whose ca_state is not open."""

    i0: int
    i1: int
    states: list[int] = field(default_factory=list)
    cwnd_before: int | None = None
    ssthresh_after: int | None = None
    cwnd_min: int | None = None
    retrans: int = 0
    rtos: int = 0
    backoff_max: int = 0
    rto_ms: list[float] = field(default_factory=list)
    sacked_at_recovery: int | None = None  # SACKed segments when recovery began (~ duplicate ACKs)
    base_tr: int = 0  # total_retrans and total_rto just before the episode
    base_rto: int = 0

    @property
    def kind(self) -> str:
        if LOSS in self.states:
            return "rto"
        if RECOVERY in self.states:
            return "recovery"
        if CWR in self.states:
            return "cwr"
        return "disorder"


def first_data_index(s: Series) -> int | None:
    for i, (a, b) in enumerate(zip(s.col("bytes_sent"), s.col("unacked"), strict=False)):
        if (a or 0) > 0 or (b or 0) > 0:
            return i
    return None


def initial_window(s: Series) -> int | None:
    """cwnd in the row before the first byte (before any ACK could change it)."""
    start = first_data_index(s)
    if start is None:
        return None
    return s.col("snd_cwnd")[start - 1 if start else start]


def base_rtt_ms(s: Series) -> float | None:
    vals = [v for v in s.col("min_rtt") if v]
    if vals:
        return min(vals) / 1000.0
    vals = [v for v in s.col("rtt") if v]
    return min(vals) / 1000.0 if vals else None


def slow_start(s: Series, bbr: bool = False) -> Phase | None:
    """Slow start of a loss-based sender (BBR has its own startup: bbr_phases)."""
    start = first_data_index(s)
    if start is None or bbr:
        return None
    cw, ss, ca, tr = s.col("snd_cwnd"), s.col("snd_ssthresh"), s.col("ca_state"), s.col("total_retrans")
    end, exit_ = s.n - 1, "end"
    for i in range(start, s.n):
        if (ca[i] or 0) != OPEN or (tr[i] or 0) > (tr[start] or 0):
            end, exit_ = i, "loss"
            break
        if not bbr and ssthresh(ss[i]) is not None:
            end, exit_ = i, "hystart"
            break
        if bbr and _gain(s, i) is not None and _gain(s, i) < 2.0:
            end, exit_ = i, "bbr"
            break
    if exit_ == "end" and _rwnd_held(s, start, end):
        exit_ = "rwnd"
    iw = cw[start - 1] if start else cw[start]  # the row before the first byte: cwnd before any ACK
    peak = max((c for c in cw[start:end + 1] if c), default=iw)
    dur = s.t[end] - s.t[start]
    rtt = base_rtt_ms(s)
    rtts = dur / (rtt / 1000.0) if rtt else None
    growth = (peak / iw) ** (1 / rtts) if (iw and peak and rtts and rtts >= 1) else None
    return Phase("slow-start", ms(s.t[start]), ms(s.t[end]), {
        "iw": iw, "cwnd_end": peak, "rtts": round(rtts, 1) if rtts else None,
        "growth_per_rtt": round(growth, 2) if growth else None, "exit": exit_,
        "ssthresh": ssthresh(ss[end]) if exit_ != "end" else None,
        "cwnd_at_rtt": _cwnd_per_rtt(s, start, end, rtt)})


def _cwnd_per_rtt(s: Series, start: int, end: int, rtt_ms: float | None) -> list[int]:
    """cwnd after 0, 1, 2, ... round trips of slow start (what a worksheet asks to predict): the
    largest cwnd before start + (k + 1/2) base RTTs, when the k-th flight's ACKs have come back."""
    if not rtt_ms:
        return []
    out, cw = [], s.col("snd_cwnd")
    k, i = 0, start
    best = cw[start]
    while k <= 30:
        t = s.t[start] + (k + 0.5) * rtt_ms / 1000.0 if k else s.t[start]
        while i <= end and s.t[i] <= t:
            best = max(best or 0, cw[i] or 0)
            i += 1
        out.append(best)
        if i > end:
            return out
        k += 1
    return out


def _rwnd_held(s: Series, i0: int, i1: int) -> bool:
    col = s.col("rwnd_limited")
    return bool(col[i1] is not None and col[i0] is not None and col[i1] - col[i0] > 0)


def _gain(s: Series, i: int) -> float | None:
    col = s.cols.get("bbr_pacing_gain")
    return col[i] if col else None


def episodes(s: Series) -> list[Episode]:
    ca, cw, ss = s.col("ca_state"), s.col("snd_cwnd"), s.col("snd_ssthresh")
    tr, rto, bo, rto_v = s.col("total_retrans"), s.col("total_rto"), s.col("backoff"), s.col("rto")
    out: list[Episode] = []
    cur: Episode | None = None
    for i in range(s.n):
        state = ca[i] or 0
        if state != OPEN and cur is None:
            cur = Episode(i, i, cwnd_before=cw[i - 1] if i else cw[i], cwnd_min=cw[i])
            cur.base_tr, cur.base_rto = (tr[i - 1] if i else 0) or 0, (rto[i - 1] if i else 0) or 0
        if cur is not None:
            if state != OPEN:
                cur.i1 = i
                if state not in cur.states:
                    cur.states.append(state)
                cur.cwnd_min = min(x for x in (cur.cwnd_min, cw[i]) if x is not None) if cw[i] else cur.cwnd_min
                cur.backoff_max = max(cur.backoff_max, bo[i] or 0)
                if state == RECOVERY and cur.sacked_at_recovery is None:
                    cur.sacked_at_recovery = s.col("sacked")[i]
                if state == LOSS and rto_v[i] and (not cur.rto_ms or cur.rto_ms[-1] != rto_v[i] / 1000.0):
                    cur.rto_ms.append(rto_v[i] / 1000.0)
            else:
                _close(cur, i, tr, rto, ss)
                out.append(cur)
                cur = None
    if cur is not None:
        _close(cur, s.n - 1, tr, rto, ss)
        out.append(cur)
    return out


def _close(e: Episode, i: int, tr: list, rto: list, ss: list) -> None:
    e.retrans = max(0, (tr[i] or 0) - e.base_tr)
    e.rtos = max(0, (rto[i] or 0) - e.base_rto) if rto[i] is not None else (1 if LOSS in e.states else 0)
    e.ssthresh_after = ssthresh(ss[i])


def avoidance(s: Series, eps: list[Episode], after_ms: float | None, bbr: bool = False) -> list[Phase]:
    """Open stretches after slow start, with cwnd's growth per RTT and the reduction before them."""
    if after_ms is None or bbr:
        return []
    rtt = base_rtt_ms(s)
    cw, srtt = s.col("snd_cwnd"), s.col("rtt")
    bounds = [(e.i1 + 1, (eps[k + 1].i0 - 1) if k + 1 < len(eps) else s.n - 1) for k, e in enumerate(eps)]
    first = s.index_at(after_ms / 1000.0)
    if not eps or eps[0].i0 > first + 1:
        bounds.insert(0, (first, (eps[0].i0 - 1) if eps else s.n - 1))
    acked = s.col("bytes_acked")
    out = []
    for k, (a, b) in enumerate(bounds):
        while b > a and acked[b] == acked[b - 1]:  # nothing acknowledged any more: not avoidance, waiting
            b -= 1
        if b - a < 3 or s.t[b] - s.t[a] < (rtt or 10) / 1000.0 * 2:
            continue
        rtts = [v / 1e6 for v in srtt[a:b + 1] if v]
        mean_rtt = statistics.fmean(rtts) if rtts else (rtt or 10) / 1000.0
        dur = s.t[b] - s.t[a]
        per_rtt = ((cw[b] or 0) - (cw[a] or 0)) / (dur / mean_rtt) if dur else None
        before = next((e for e in eps if e.i1 == a - 1), None)
        beta = (round(before.ssthresh_after / before.cwnd_before, 2)
                if before and before.ssthresh_after and before.cwnd_before else None)
        lim = limits(s, s.t[a], s.t[b])
        rwnd_share = round(lim["rwnd"] / lim["total"], 2) if lim.get("total") else None
        out.append(Phase("congestion-avoidance", ms(s.t[a]), ms(s.t[b]), {
            "cwnd_start": cw[a], "cwnd_end": cw[b], "per_rtt": round(per_rtt, 2) if per_rtt is not None else None,
            "rtt_ms": round(mean_rtt * 1000, 1), "beta": beta, "index": k, "rwnd_share": rwnd_share}))
    return out


BBR_GAINS = (("bbr-startup", 2.0, math.inf), ("bbr-drain", 0.0, 0.6), ("bbr-probe-bw", 0.6, 2.0))


def bbr_phases(s: Series) -> list[Phase]:
    """BBR's states over time, from its pacing gain and cwnd (probe-rtt: cwnd down to 4)."""
    gains = s.cols.get("bbr_pacing_gain")
    if not gains:
        return []
    cw = s.col("snd_cwnd")
    out: list[Phase] = []
    start = first_data_index(s) or 0
    for i, g in enumerate(gains):
        if g is None or i < start or g == 0:  # before the first byte BBR has not set its gain yet
            continue
        kind = "bbr-probe-rtt" if (cw[i] or 99) <= 4 and i > 0 else next(k for k, lo, hi in BBR_GAINS if lo <= g < hi)
        if out and out[-1].kind == kind:
            out[-1].end_ms = ms(s.t[i])
            if g > 1.1:
                out[-1].detail["up_samples"] = out[-1].detail.get("up_samples", 0) + 1
            continue
        out.append(Phase(kind, ms(s.t[i]), ms(s.t[i]), {"gain": g}))
    for p in out:
        if p.kind == "bbr-probe-bw":
            p.detail["cycles"] = _probe_cycles(s, p)
    return out


def _probe_cycles(s: Series, p: Phase) -> int:
    """How many times the gain rose to 1.25 in a probe-bw stretch (each is one probing cycle)."""
    gains = s.cols.get("bbr_pacing_gain") or []
    n, up = 0, False
    for t, g in zip(s.t, gains, strict=False):
        if g is None or not p.start_ms <= t * 1000 <= p.end_ms:
            continue
        if g > 1.1 and not up:
            n += 1
        up = g > 1.1
    return n


def zero_window(s: Series) -> list[Phase]:
    wnd, probes, bo = s.col("snd_wnd"), s.col("probes"), s.col("backoff")
    out: list[Phase] = []
    cur = None
    for i in range(s.n):
        if wnd[i] == 0 and (s.col("unacked")[i] or 0) >= 0 and i > 0:
            if cur is None:
                cur = Phase("zero-window", ms(s.t[i]), ms(s.t[i]), {"probes": 0, "backoff": 0})
                out.append(cur)
            cur.end_ms = ms(s.t[i])
            cur.detail["probes"] = max(cur.detail["probes"], probes[i] or 0)
            cur.detail["backoff"] = max(cur.detail["backoff"], bo[i] or 0)
        elif cur is not None:
            cur.end_ms = ms(s.t[i])
            cur = None
    return [p for p in out if first_data_index(s) is not None]


def limits(s: Series, t0: float | None, t1: float | None) -> dict:
    """Milliseconds the sender spent limited by cwnd, the receive window, the send buffer, or with
    nothing to send, between t0 and t1 (Linux's own chronographs)."""
    if t0 is None or t1 is None or not s.has("busy_time"):
        return {}
    i0, i1 = s.index_at(t0), s.index_at(t1)
    busy, rwnd, sndbuf = (_delta(s.col(c), i0, i1) / 1000.0 for c in ("busy_time", "rwnd_limited", "sndbuf_limited"))
    total = (s.t[i1] - s.t[i0]) * 1000.0
    return {"cwnd": round(max(0.0, busy - rwnd - sndbuf), 1), "rwnd": round(rwnd, 1), "sndbuf": round(sndbuf, 1),
            "app": round(max(0.0, total - busy), 1), "total": round(total, 1)}


def _delta(col: list, i0: int, i1: int) -> float:
    a, b = col[i0], col[i1]
    return float((b or 0) - (a or 0))


def limit_timeline(s: Series, t0: float, t1: float, step_ms: float) -> list[tuple[float, float, str]]:
    """[(start ms, end ms, limit)] in steps: which limit held the sender most of each step."""
    if not s.has("busy_time") or t1 <= t0:
        return []
    out: list[tuple[float, float, str]] = []
    t = t0
    while t < t1:
        u = min(t1, t + step_ms / 1000.0)
        lim = limits(s, t, u)
        if lim and lim.get("total"):
            kind = max(("cwnd", "rwnd", "sndbuf", "app"), key=lambda k: lim.get(k, 0))
            if out and out[-1][2] == kind:
                out[-1] = (out[-1][0], ms(u), kind)
            else:
                out.append((ms(t), ms(u), kind))
        t = u
    return out
