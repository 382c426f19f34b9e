"""One transfer of a Recording -> RunResult (pure): numbers, phases, events, chart series."""

from __future__ import annotations

from netlab.model import Recording
from netlab.probes.tcp_flow import phases as ph
from netlab.probes.tcp_flow.model import (
    DataConnected,
    DropsReported,
    FlowEvent,
    Phase,
    RunFinished,
    RunResult,
    SegmentsCaptured,
    ServerAnswered,
    SideSampled,
)
from netlab.probes.tcp_flow.samples import Series, decimate, ssthresh
from netlab.probes.tcp_flow.segments import View, view

SEQ_POINTS = 1500


def _of(rec: Recording, cls, run: int) -> list:
    return [e for e in rec.of_type(cls) if e.run == run]


def _outcome(r: RunResult, rec: Recording, run: int, sides: list[SideSampled]) -> None:
    ans = next(iter(_of(rec, ServerAnswered, run)), None)
    dc = next(iter(_of(rec, DataConnected, run)), None)
    fin = next(iter(_of(rec, RunFinished, run)), None)
    if ans is not None and ans.error_kind:
        r.outcome, r.error_kind, r.error = "no-server", ans.error_kind, ans.error
        return
    if dc is not None and dc.error_kind:
        r.outcome, r.error_kind, r.error = "no-data-connection", dc.error_kind, dc.error
        return
    bad = next((s for s in sides if s.outcome not in ("ok",)), None)
    if bad is not None:
        r.outcome, r.error_kind, r.error = bad.outcome, bad.outcome, f"{bad.end}: {bad.error}"
    elif fin is not None and fin.outcome != "ok":
        r.outcome, r.error = fin.outcome, fin.error
    if fin is not None:
        r.cpu_s = round(fin.cpu_s, 4)


def run_result(rec: Recording, run: int) -> RunResult:
    fin = next(iter(_of(rec, RunFinished, run)), None)
    r = RunResult(run=run, cc=fin.cc if fin else None)
    download = rec.params.get("direction", "download") == "download"
    r.sender = "server" if download else "client"
    sides = _of(rec, SideSampled, run)
    _outcome(r, rec, run, sides)
    dc = next((e for e in _of(rec, DataConnected, run) if not e.error_kind), None)
    if dc is not None:
        r.handshake = dict(dc.handshake or {})
        if download:
            r.receiver_cc = dc.cc
    ans = next((e for e in _of(rec, ServerAnswered, run) if e.reply), None)
    if not download and ans is not None:
        r.receiver_cc = ans.reply.get("cc_default")
    snd = next((s for s in sides if s.role == "sender" and s.rows), None)
    rcv = next((s for s in sides if s.role == "receiver" and s.rows), None)
    s = Series(snd.fields, snd.rows) if snd else None
    rs = Series(rcv.fields, rcv.rows) if rcv else None
    if snd is not None:
        r.sender_cc, r.clock, r.samples, r.sample_ms = snd.cc, snd.clock, len(snd.rows), snd.sample_ms
        if s is not None and len(s) > 1:
            r.sample_gap_ms = round(max(b - a for a, b in zip(s.t, s.t[1:], strict=False)) * 1000.0, 1)
    _volume(r, snd, rcv)
    cap = next(iter(_of(rec, SegmentsCaptured, run)), None)
    v = view(cap, cap.remote if download else cap.local) if cap is not None and cap.pcap_zlib else None
    if v is not None:
        r.capture = v.counts()
        r.capture["clock_step_ms"] = cap.clock_step_ms
        r.capture["kernel_drops"] = cap.kernel_drops
        r.capture["cut"] = cap.cut
        r.seq = _seq_points(v)
    if rcv is not None:
        r.receiver = {"rcvbuf": rcv.rcvbuf, "pause": [ph.ms(x) for x in rcv.pause] if rcv.pause else None,
                      "max_window": (v.max_window if v else None), "end": rcv.end}
    if s is not None and len(s):
        _sender(r, s, v)
    if rs is not None and len(rs) and rcv.pause:
        r.phases.append(Phase("reader-pause", ph.ms(rcv.pause[0]), ph.ms(rcv.pause[1]), {}))
    _drops(r, rec, run, v)
    t0 = snd.t_start if snd is not None and snd.t_start is not None else (rcv.t_start if rcv is not None else None)
    if t0 is not None:
        _shift(r, t0 * 1000.0)
    r.phases.sort(key=lambda p: (p.start_ms if p.start_ms is not None else 0.0))
    r.events.sort(key=lambda e: e.t_ms)
    return r


def _shift(r: RunResult, t0: float) -> None:
    """Every time of the transfer counted from its first byte (t = 0: the sender's first write)."""
    def sh(x):
        return None if x is None else round(x - t0, 3)

    for p in r.phases:
        p.start_ms, p.end_ms = sh(p.start_ms), sh(p.end_ms)
    for e in r.events:
        e.t_ms = sh(e.t_ms)
        for k in ("repaired_ms", "t_ms"):
            if k in e.detail:
                e.detail[k] = sh(e.detail[k])
        if "retry_times_ms" in e.detail:
            e.detail["retry_times_ms"] = [sh(x) for x in e.detail["retry_times_ms"]]
        if "times_ms" in e.detail:
            e.detail["times_ms"] = [sh(x) for x in e.detail["times_ms"]]
    for d in r.drops:
        for k in ("repaired_ms", "t_ms"):
            if k in d:
                d[k] = sh(d[k])
    for name, pts in r.series.items():
        r.series[name] = [(sh(x), y) for x, y in pts]
    for name, pts in r.seq.items():
        r.seq[name] = [(sh(x), y) for x, y in pts]
    if r.limits.get("timeline"):
        r.limits["timeline"] = [(sh(a), sh(b), k) for a, b, k in r.limits["timeline"]]
    if r.receiver.get("pause"):
        r.receiver["pause"] = [sh(x) for x in r.receiver["pause"]]
    r.first_loss_ms = sh(r.first_loss_ms)


def _volume(r: RunResult, snd: SideSampled | None, rcv: SideSampled | None) -> None:
    if rcv is not None:
        r.bytes = rcv.app_bytes
    elif snd is not None:
        r.bytes = snd.app_bytes
    a = snd.t_start if snd and snd.t_start is not None else (rcv.t_start if rcv else None)
    b = snd.t_end if snd and snd.t_end is not None else (rcv.t_end if rcv else None)
    if a is not None and b is not None and b > a:
        r.duration_ms = round((b - a) * 1000.0, 1)
        r.goodput_mbit = round(r.bytes * 8 / (b - a) / 1e6, 3)


def _sender(r: RunResult, s: Series, v: View | None) -> None:
    bbr = (r.sender_cc == "bbr") or s.has("bbr_pacing_gain")
    last = s.row(s.n - 1)
    r.mss = last.get("snd_mss") or r.handshake.get("snd_mss")
    r.retransmits = int(last.get("total_retrans") or 0)
    r.bytes_retrans = int(last.get("bytes_retrans") or 0)
    r.rto_count = int(last.get("total_rto") or 0)
    base = ph.base_rtt_ms(s)
    r.base_rtt_ms = round(base, 3) if base else None
    rtts = [x / 1000.0 for x in s.col("rtt") if x]
    r.rtt_max_ms = round(max(rtts), 3) if rtts else None
    if base and rtts:
        r.queueing_delay_ms = round(max(rtts) - base, 3)
        r.samples_per_rtt = round(base / r.sample_ms, 1) if r.sample_ms else None
    ss = ph.slow_start(s, bbr=bbr)
    eps = ph.episodes(s)
    r.iw_segments = ph.initial_window(s)
    if ss is not None:
        r.phases.append(ss)
        if ss.detail["exit"] != "end":
            r.ssthresh_first = ss.detail.get("ssthresh")
    for e in eps:
        r.phases.append(Phase(_episode_kind(e), ph.ms(s.t[e.i0]), ph.ms(s.t[e.i1]), _episode_detail(e)))
    r.phases += ph.avoidance(s, eps, ss.end_ms if ss and ss.detail["exit"] != "end" else None, bbr=bbr)
    r.phases += ph.bbr_phases(s) if bbr else []
    r.phases += ph.zero_window(s)
    loss_eps = [e for e in eps if e.kind in ("recovery", "rto") or e.retrans]
    if loss_eps:
        r.first_loss_ms = ph.ms(s.t[loss_eps[0].i0])
    _loss_events(r, s, eps, v)
    _window_events(r, v)
    t0 = s.t[ph.first_data_index(s) or 0]
    r.limits = ph.limits(s, t0, s.t[-1])
    r.limits["timeline"] = ph.limit_timeline(s, t0, s.t[-1], max(50.0, (s.t[-1] - t0) * 1000 / 40))
    r.series = _chart_series(s)


def _episode_kind(e: ph.Episode) -> str:
    return {"rto": "rto-recovery", "recovery": "recovery", "cwr": "cwr", "disorder": "disorder"}[e.kind]


def _episode_detail(e: ph.Episode) -> dict:
    return {"states": [ph.STATE_NAMES.get(x, str(x)) for x in e.states], "cwnd_before": e.cwnd_before,
            "ssthresh_after": e.ssthresh_after, "cwnd_min": e.cwnd_min, "retrans": e.retrans, "rtos": e.rtos,
            "backoff_max": e.backoff_max, "rto_ms": e.rto_ms}


def _loss_events(r: RunResult, s: Series, eps: list[ph.Episode], v: View | None) -> None:
    """One event per loss episode, with the capture's retransmissions that belong to it."""
    rtt = (r.base_rtt_ms or 20.0) / 1000.0
    used: set[int] = set()
    for e in eps:
        if e.kind not in ("recovery", "rto") and not e.retrans:
            continue
        t0, t1 = s.t[e.i0], s.t[e.i1]
        segs = [x for x in (v.retrans if v else []) if t0 - rtt <= x.t <= t1 + 2 * rtt and x.i not in used]
        if not segs and v is not None and e.kind == "rto":
            segs = _inferred_repair(v, t0, t1 + 2 * rtt)
        used |= {x.i for x in segs}
        first = segs[0] if segs else None
        detail = {"cwnd_before": e.cwnd_before, "ssthresh_after": e.ssthresh_after, "cwnd_min": e.cwnd_min,
                  "retrans": e.retrans, "segments": len(segs), "sacked_at_entry": e.sacked_at_recovery,
                  "capture_at": "sender" if r.sender == "client" else "receiver"}
        if first is not None:
            detail.update({"seq": first.seq, "len": first.length, "dupacks_seen": first.dupacks,
                           "sack": bool(v.sack_permitted), "labels": list(first.labels)})
        # the duplicate ACKs the sender had when it retransmitted: counted in the capture when we
        # are the sender; else its SACKed segments when recovery began (one per duplicate ACK)
        detail["dupacks"] = first.dupacks if (first is not None and r.sender == "client") else e.sacked_at_recovery
        if e.kind == "rto":
            detail.update({"rto_ms": e.rto_ms, "backoff_max": e.backoff_max, "rtos": e.rtos,
                           "retry_times_ms": _retry_times(v, first) if first else [],
                           "rto_before_ms": (s.col("rto")[max(0, e.i0 - 1)] or 0) / 1000.0 or None,
                           "silence_ms": _silence_ms(s, e.i0)})
            r.events.append(FlowEvent("rto", ph.ms(t0), detail))
        else:
            r.events.append(FlowEvent("fast-retransmit", ph.ms(t0), detail))
    for x in (v.retrans if v else []):
        if "spurious" in x.labels:
            r.events.append(FlowEvent("spurious-retransmit", ph.ms(x.t), {"seq": x.seq, "len": x.length,
                                                                          "labels": list(x.labels)}))
        elif x.i not in used and "timer" in x.labels:
            r.events.append(FlowEvent("tail-probe", ph.ms(x.t), {"seq": x.seq, "len": x.length}))


def _silence_ms(s: Series, i0: int) -> float | None:
    """How long no ACK had moved the sender forward when its RTO fired."""
    acked = s.col("bytes_acked")
    j = i0 - 1
    while j > 0 and acked[j] == acked[j - 1]:
        j -= 1
    return ph.ms(s.t[i0] - s.t[j]) if j >= 0 else None


def _inferred_repair(v: View, t0: float, t1: float) -> list:
    """At the receiver, a segment whose first copy the link dropped arrives as if it were new: the
    first data segment at the receiver's ACK point after the sender's RTO is that retransmission."""
    acked = 0
    for x in v.segs:
        if x.t >= t0:
            break
        if not x.from_sender:
            acked = max(acked, x.ack)
    for x in v.segs:
        if t0 <= x.t <= t1 and x.from_sender and x.length and x.seq == acked:
            if "retransmission" not in x.labels:
                x.labels += ["retransmission", "timer", "inferred"]
                v.retrans.append(x)
            return [x]
    return []


def _retry_times(v: View | None, first) -> list[float]:
    """Every copy of the segment the capture saw, the first included (RTO backoff: each wait about
    twice the last)."""
    if v is None:
        return []
    return [ph.ms(x.t) for x in v.segs if x.from_sender and x.length and x.seq == first.seq][:20]


def _window_events(r: RunResult, v: View | None) -> None:
    if v is None:
        return
    for z in v.zero_windows:
        r.events.append(FlowEvent("zero-window", ph.ms(z.t), {"ack": z.ack}))
    if v.probes:
        r.events.append(FlowEvent("window-probe", ph.ms(v.probes[0].t),
                                  {"count": len(v.probes), "times_ms": [ph.ms(p.t) for p in v.probes[:20]]}))
    for u in v.updates:
        r.events.append(FlowEvent("window-update", ph.ms(u.t), {"window": u.window, "ack": u.ack}))


def _drops(r: RunResult, rec: Recording, run: int, v: View | None) -> None:
    """The link emulator's deterministic drops, matched with the retransmission that repaired each."""
    rep = next(iter(_of(rec, DropsReported, run)), None)
    if rep is None:
        return
    for dirs in (rep.counters or {}).values():
        for c in (dirs or {}).values():
            if isinstance(c, dict):
                for k in ("dropped_tail", "lost", "dropped_nth", "dropped_rule"):
                    if c.get(k):
                        r.link_drops[k] = r.link_drops.get(k, 0) + int(c[k])
    isn = _sender_isn(v)
    seen: dict[int, int] = {}
    for f in rep.fired:
        d = {k: f.get(k) for k in ("nth", "after_bytes", "t", "seq", "payload_len", "packet_number") if k in f}
        t = d.get("t")
        if isinstance(t, int | float) and -1.0 <= t <= 4000.0:  # seconds since the probe started
            d["t_ms"] = round(t * 1000.0, 3)
        if isn is not None and isinstance(f.get("seq"), int):
            d["rel_seq"] = (f["seq"] - isn - 1) & 0xFFFFFFFF
            if d["rel_seq"] in seen:
                d["copy_of"] = seen[d["rel_seq"]]  # the link dropped a retransmission of the same bytes
            seen.setdefault(d["rel_seq"], d.get("nth"))
        r.drops.append(d)
    for d in r.drops:
        fix = _repair(v, d, r.drops)
        if fix is not None:
            d["repaired_ms"] = ph.ms(fix.t)
            d["repaired_by"] = _repair_kind(r, fix, "fast" in fix.labels)
            d["dupacks"] = fix.dupacks
        if "t_ms" in d:
            r.events.append(FlowEvent("drop", d["t_ms"], dict(d)))


def _repair(v: View | None, d: dict, drops: list[dict]):
    """The copy of a dropped segment that got through: the first one the capture saw after the last
    drop of those bytes (at the receiver the dropped copies never show; at the sender they come first)."""
    if v is None or "rel_seq" not in d:
        return None
    last = max((x.get("t_ms") or 0.0) for x in drops if x.get("rel_seq") == d["rel_seq"]) / 1000.0
    return next((x for x in v.segs if x.from_sender and x.length and x.seq == d["rel_seq"] and x.t > last), None)


def _repair_kind(r: RunResult, seg, fast_label: bool) -> str:
    """fast (in a fast recovery), timer (an RTO), or probe (a tail loss probe), from the kernel's
    state when the copy was sent (at the receiver, half an RTT before it arrived)."""
    owd = (r.base_rtt_ms or 0.0) / 2000.0 if r.sender == "server" else 0.0
    t = (seg.t - owd) * 1000.0
    # the kernel's state is known at the samples only: allow for their spacing (and a busy machine)
    slack = max(20.0, 3 * (r.sample_ms or 2.0), r.sample_gap_ms or 0.0)
    for p in r.phases:
        if p.kind in ("recovery", "rto-recovery") and p.start_ms is not None and p.end_ms is not None \
                and p.start_ms - slack <= t <= p.end_ms + 5.0:
            return "fast" if p.kind == "recovery" else "timer"
    return "fast" if fast_label else "probe"


def _sender_isn(v: View | None) -> int | None:
    return getattr(v, "sender_isn", None) if v is not None else None


def _chart_series(s: Series) -> dict:
    """cwnd, ssthresh, in flight and the peer's window, in segments; RTT; rates (decimated)."""
    t_ms = [round(t * 1000.0, 2) for t in s.t]
    mss = [m or 1448 for m in s.col("snd_mss")]
    cw = s.col("snd_cwnd")
    infl = [None if None in (u, sa, lo, re) else max(0, u - sa - lo + re)
            for u, sa, lo, re in zip(s.col("unacked"), s.col("sacked"), s.col("lost"), s.col("retrans"), strict=False)]
    rwnd = [None if w is None else round(w / m, 1) for w, m in zip(s.col("snd_wnd"), mss, strict=False)]
    srtt = [None if x is None else round(x / 1000.0, 2) for x in s.col("rtt")]
    ss = [ssthresh(x) for x in s.col("snd_ssthresh")]
    out = {name: decimate(t_ms, col) for name, col in (("cwnd", cw), ("ssthresh", ss), ("inflight", infl),
                                                       ("rwnd", rwnd), ("srtt_ms", srtt))}
    out["delivery_mbit"] = decimate(t_ms, [None if x is None else round(x * 8 / 1e6, 2) for x in s.col("delivery_rate")])
    out["ca_state"] = _state_changes(t_ms, s.col("ca_state"))
    return out


def _state_changes(t_ms: list[float], ca: list) -> list[tuple[float, int]]:
    out, last = [], object()
    for t, c in zip(t_ms, ca, strict=False):
        if c != last:
            out.append((t, c))
            last = c
    return out


def _seq_points(v: View) -> dict:
    """tcptrace's time-sequence graph: data (segment ends), ACKs, the window's edge, retransmissions."""
    data = [(round(x.t * 1000, 2), (x.seq + x.length) / 1024) for x in v.segs
            if x.from_sender and x.length and "retransmission" not in x.labels]
    acks = [(round(x.t * 1000, 2), x.ack / 1024) for x in v.segs if not x.from_sender and x.ack]
    edge = [(round(x.t * 1000, 2), (x.ack + x.window) / 1024) for x in v.segs if not x.from_sender and x.ack]
    retr = [(round(x.t * 1000, 2), (x.seq + x.length) / 1024) for x in v.retrans]
    return {"data": _thin(data), "acks": _thin(acks), "window_edge": _thin(edge), "retrans": retr[:500]}


def _thin(points: list) -> list:
    if len(points) <= SEQ_POINTS:
        return points
    step = len(points) / SEQ_POINTS
    return [points[int(k * step)] for k in range(SEQ_POINTS)] + [points[-1]]
