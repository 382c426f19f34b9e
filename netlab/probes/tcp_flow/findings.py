"""The finding rules of tcp-flow: one small function each, in report order (pure).

Each looks at the Result (and, rarely, the Recording) and returns nothing, a Finding or several.
The misconceptions the notes carry are refuted by evidence, not asserted: the initial window
(not "one packet at a time"), the segments in flight at once (not stop-and-wait), the window in
every ACK (not fixed by the handshake), where congestion control happened (not in IP).
"""

from __future__ import annotations

from netlab.i18n import join
from netlab.probes.rules import Rules, finding
from netlab.probes.tcp_flow.messages import M
from netlab.probes.tcp_flow.model import RunResult, TargetResolved, TcpFlowResult
from netlab.units import fmt_ms

RULES = Rules()


def _main(res: TcpFlowResult) -> RunResult | None:
    """The transfer the story is told from: the first that completed (else the first)."""
    return next((r for r in res.runs if r.outcome == "ok"), res.runs[0] if res.runs else None)


def _ev(r: RunResult, kind: str) -> list:
    return [e for e in r.events if e.kind == kind]


def _phase(r: RunResult, kind: str) -> list:
    return [p for p in r.phases if p.kind == kind]


@RULES.rule
def no_address(res, rec):
    t = next(iter(rec.of_type(TargetResolved)), None)
    if t is not None and t.address is None:
        return finding("tcpflow.no-address", "error", M.t("f.no-address", host=t.host, error=t.error or "?"),
                       concepts=("net.timeout",))


@RULES.rule
def no_server(res, rec):
    out = []
    for r in res.runs:
        if r.outcome != "no-server":
            continue
        addr, port = res.address, res.port
        if r.error_kind == "refused":
            out.append(finding("tcpflow.refused", "error", M.t("f.refused", address=addr, port=port),
                               concepts=("tcp.rst-vs-timeout",)))
        elif r.error_kind == "unreachable":
            out.append(finding("tcpflow.unreachable", "error", M.t("f.unreachable", address=addr, error=r.error)))
        elif r.error_kind == "timeout":
            out.append(finding("tcpflow.timeout", "error", M.t("f.timeout", address=addr, port=port),
                               concepts=("tcp.rst-vs-timeout", "net.timeout")))
        elif r.error_kind == "server":
            out.append(finding("tcpflow.server-refused", "error", M.t("f.server-refused", error=r.error),
                               detail=M.t("f.server-refused.hint")))
        else:
            out.append(finding("tcpflow.not-bulk", "error", M.t("f.not-bulk", address=addr, port=port, error=r.error)))
        break  # the same failure for every run: say it once
    return out


@RULES.rule
def failed(res, rec):
    out = []
    for r in res.runs:
        if r.outcome == "reset":
            out.append(finding("tcpflow.reset", "error", M.t("f.reset", bytes=r.bytes, end=M.t(f"side.{_end(r)}"),
                                                            error=(r.error or "").split(": ", 1)[-1]),
                               concepts=("tcp.rst-vs-timeout",)))
        elif r.outcome not in ("ok", "no-server", "deadline"):
            out.append(finding("tcpflow.failed", "error", M.t("f.failed", run=r.run + 1, outcome=_outcome(r.outcome),
                                                             error=r.error or "-")))
    return out


def _end(r: RunResult) -> str:
    return "server" if (r.error or "").startswith("server") else "client"


def _outcome(o: str):
    key = f"outcome.{o}"
    return M.t(key) if key in M.messages else o


@RULES.rule
def deadline(res, rec):
    if res.cut:
        return finding("tcpflow.deadline", "warning", M.t("f.deadline", what=", ".join(res.cut)), concepts=("net.timeout",))


@RULES.rule
def summary(res, rec):
    r = _main(res)
    if r is None or r.outcome != "ok" or r.goodput_mbit is None:
        return None
    out = [finding("tcpflow.summary", "info", M.t("f.summary", bytes=r.bytes, ms=fmt_ms(r.duration_ms),
                                                  mbit=f"{r.goodput_mbit:.2f}", cc=r.sender_cc or "?"),
                   concepts=("tcp.cc-algorithms",))]
    if r.cc and r.sender_cc and r.cc != r.sender_cc:
        out.append(finding("tcpflow.cc-mismatch", "warning", M.t("f.cc-mismatch", asked=r.cc, used=r.sender_cc)))
    return out


@RULES.rule
def initial_window(res, rec):
    r = _main(res)
    if r is None or not r.iw_segments or r.iw_segments < 2:
        return None
    return finding("tcpflow.iw", "info", M.t("f.iw", iw=r.iw_segments, bytes=r.iw_segments * (r.mss or 1448)),
                   concepts=("tcp.slow-start",))


@RULES.rule
def slow_start(res, rec):
    r = _main(res)
    ss = _phase(r, "slow-start") if r else []
    if not ss:
        return None
    d = ss[0].detail
    if d.get("exit") == "end":
        return finding("tcpflow.short", "info", M.t("f.short", iw=d.get("iw"), end=d.get("cwnd_end")),
                       concepts=("tcp.slow-start",))
    out = [finding("tcpflow.slow-start", "info", M.t(
        "f.slow-start", rtts_list=", ".join(str(x) for x in (d.get("cwnd_at_rtt") or [])[:8]) or "-",
        growth=d.get("growth_per_rtt") or "?", t=fmt_ms(ss[0].end_ms), end=d.get("cwnd_end"),
        exit=M.t(f"exit.{d.get('exit')}")), concepts=("tcp.slow-start",))]
    if d.get("exit") == "hystart":
        out.append(finding("tcpflow.hystart", "info", M.t("f.hystart", cwnd=d.get("cwnd_end"), ss=d.get("ssthresh")),
                           concepts=("tcp.slow-start", "tcp.cc-algorithms")))
    return out


def _dupacks_text(d: dict):
    n = d.get("dupacks")
    if n is None:
        return M.t("f.fr.unknown")
    return M.t("f.fr.dupacks", n=n) if n >= 3 else M.t("f.fr.sack", n=n)


@RULES.rule
def fast_retransmit(res, rec):
    r = _main(res)
    evs = _ev(r, "fast-retransmit") if r else []
    if not evs:
        return None
    e = evs[0]
    d = e.detail
    rec_phase = next((p for p in r.phases if p.kind == "recovery" and p.start_ms == e.t_ms), None)
    dur = (rec_phase.end_ms - rec_phase.start_ms) if rec_phase else None
    beta = round(d["ssthresh_after"] / d["cwnd_before"], 2) if d.get("ssthresh_after") and d.get("cwnd_before") else "?"
    detail = None
    if d.get("capture_at") == "receiver" and d.get("dupacks_seen"):
        detail = M.t("f.fr.receiver", n=d["dupacks_seen"])
    out = [finding("tcpflow.fast-retransmit", "info", M.t(
        "f.fast-retransmit", seq=d.get("seq", "?"), dupacks=_dupacks_text(d), before=d.get("cwnd_before"),
        after=d.get("ssthresh_after"), beta=beta, ms=fmt_ms(dur)),
        concepts=("tcp.fast-retransmit", "tcp.aimd"), detail=detail)]
    if len(evs) > 1:
        out.append(finding("tcpflow.fast-retransmit-more", "info", M.t(
            "f.fr-more", n=len(evs) - 1, times=", ".join(fmt_ms(x.t_ms) for x in evs[1:9])),
            concepts=("tcp.fast-retransmit",)))
    return out


@RULES.rule
def rto(res, rec):
    r = _main(res)
    evs = _ev(r, "rto") if r else []
    if not evs:
        return None
    d = evs[0].detail
    timers = [x for x in [d.get("rto_before_ms"), *(d.get("rto_ms") or [])] if x]
    if (d.get("rtos") or 0) > 1 and len(timers) > 2:
        backoff = M.t("f.rto.backoff", n=d["rtos"], times=" -> ".join(fmt_ms(x) for x in timers))
    else:
        backoff = M.t("f.rto.once")
    return finding("tcpflow.rto", "warning", M.t("f.rto", silence=fmt_ms(d.get("silence_ms")),
                                                 rto=fmt_ms(d.get("rto_before_ms")), seq=d.get("seq", "?"),
                                                 min=d.get("cwnd_min"), backoff=backoff),
                   concepts=("tcp.rto-backoff", "tcp.retransmission"))


@RULES.rule
def tail_probe(res, rec):
    r = _main(res)
    evs = _ev(r, "tail-probe") if r else []
    if evs:
        return finding("tcpflow.tail-probe", "info", M.t("f.tail-probe", n=len(evs)), concepts=("tcp.rto-backoff",))


@RULES.rule
def spurious(res, rec):
    r = _main(res)
    evs = _ev(r, "spurious-retransmit") if r else []
    if evs:
        return finding("tcpflow.spurious", "info", M.t("f.spurious", n=len(evs)), concepts=("tcp.retransmission",))


@RULES.rule
def sawtooth(res, rec):
    r = _main(res)
    ca = _phase(r, "congestion-avoidance") if r else []
    if not ca:
        return None
    if all((p.detail.get("rwnd_share") or 0) > 0.5 for p in ca):
        return finding("tcpflow.ca-rwnd", "info", M.t("f.ca-rwnd", cwnd=ca[-1].detail.get("cwnd_end")),
                       concepts=("tcp.rwnd-cwnd",))
    ca = [p for p in ca if (p.detail.get("rwnd_share") or 0) <= 0.5]
    pers = [p.detail["per_rtt"] for p in ca if p.detail.get("per_rtt") is not None]
    betas = [p.detail["beta"] for p in ca if p.detail.get("beta")]
    per = round(sorted(pers)[len(pers) // 2], 2) if pers else "?"
    if betas:
        beta = round(sorted(betas)[len(betas) // 2], 2)
        return finding("tcpflow.sawtooth", "info", M.t("f.sawtooth", n=len(betas), per=per, beta=beta),
                       concepts=("tcp.aimd", "tcp.cc-algorithms"))
    return finding("tcpflow.ca", "info", M.t("f.ca", per=per), concepts=("tcp.aimd",))


@RULES.rule
def bbr(res, rec):
    r = _main(res)
    if r is None or r.sender_cc != "bbr":
        return None
    names = []
    for p in r.phases:
        if p.kind.startswith("bbr-") and (not names or names[-1][0] != p.kind):
            names.append((p.kind, p))
    if not names:
        return None
    words = []
    for kind, p in names[:6]:
        words.append(M.t(f"phase.{kind}") if kind != "bbr-probe-bw" else join(
            [M.t("phase.bbr-probe-bw"), f" ({p.detail.get('cycles', 0)} x 1.25)"], sep=""))
    out = [finding("tcpflow.bbr", "info", M.t("f.bbr", phases=join(words, " -> ")), concepts=("tcp.cc-algorithms",))]
    cw = [y for _, y in r.series.get("cwnd", []) if y]
    if r.retransmits and cw:
        out.append(finding("tcpflow.bbr-loss", "info", M.t("f.bbr-loss", retrans=r.retransmits,
                                                           cwnd=sorted(cw)[len(cw) // 2]),
                           concepts=("tcp.cc-algorithms",)))
    return out


@RULES.rule
def bufferbloat(res, rec):
    r = _main(res)
    if r is None or not r.queueing_delay_ms or not r.base_rtt_ms:
        return None
    if r.queueing_delay_ms < max(2.0, 0.2 * r.base_rtt_ms):
        return None
    data = res.link.get("data") or {}
    rate, q = data.get("rate_mbit"), data.get("queue_packets") or 0
    qb = data.get("queue_bytes") or q * 1514
    qms = fmt_ms(qb * 8 / (rate * 1e3)) if rate and qb else "-"
    queue = q or (round(qb / 1514) if qb else "-")
    return finding("tcpflow.bufferbloat", "info", M.t("f.bufferbloat", base=fmt_ms(r.base_rtt_ms),
                                                      max=fmt_ms(r.rtt_max_ms), q=fmt_ms(r.queueing_delay_ms),
                                                      queue=queue, qms=qms),
                   concepts=("net.bufferbloat",))


@RULES.rule
def link_losses(res, rec):
    r = _main(res)
    if r is None:
        return None
    out = []
    if r.link_drops.get("dropped_tail"):
        out.append(finding("tcpflow.tail-drops", "info", M.t("f.tail-drops", n=r.link_drops["dropped_tail"]),
                           concepts=("net.bufferbloat", "tcp.aimd")))
    if r.link_drops.get("lost"):
        out.append(finding("tcpflow.random-loss", "info", M.t("f.random-loss", n=r.link_drops["lost"]),
                           concepts=("tcp.cc-algorithms",)))
    return out


@RULES.rule
def chosen_drops(res, rec):
    out = []
    r = _main(res)
    if r is None:
        return None
    fired = {d.get("nth") for d in r.drops}
    for d in r.drops:
        if d.get("repaired_by") == "fast":
            fix = M.t("f.drop.fast", t=fmt_ms(d.get("repaired_ms")))
        elif d.get("repaired_by") == "timer":
            fix = M.t("f.drop.timer", t=fmt_ms(d.get("repaired_ms")))
        elif d.get("repaired_by") == "probe":
            fix = M.t("f.drop.probe", t=fmt_ms(d.get("repaired_ms")))
        else:
            fix = M.t("f.drop.none")
        if d.get("copy_of") is not None:
            msg = M.t("f.drop-copy", nth=d.get("nth"), seq=d.get("rel_seq", "?"), of=d["copy_of"], fix=fix)
        else:
            msg = M.t("f.drop", nth=d.get("nth"), seq=d.get("rel_seq", "?"), fix=fix)
        out.append(finding("tcpflow.drop", "info", msg, concepts=("tcp.fast-retransmit", "tcp.rto-backoff")))
    if r.outcome == "ok":
        for n in rec.params.get("drop_nth") or []:
            if n not in fired:
                out.append(finding("tcpflow.drop-unfired", "warning", M.t("f.drop.unfired", nth=n)))
    return out


@RULES.rule
def zero_window(res, rec):
    r = _main(res)
    if r is None:
        return None
    zw = _ev(r, "zero-window")
    zp = _phase(r, "zero-window")
    if zw or zp:
        t = zw[0].t_ms if zw else zp[0].start_ms
        probes = _ev(r, "window-probe")
        n = probes[0].detail.get("count", 0) if probes else max((p.detail.get("probes", 0) for p in zp), default=0)
        upd = [e for e in _ev(r, "window-update") if e.t_ms >= t]
        u = fmt_ms(upd[0].t_ms) if upd else M.t("f.zero-window.open")
        return finding("tcpflow.zero-window", "info", M.t("f.zero-window", t=fmt_ms(t), n=n, u=u),
                       concepts=("tcp.flow-control", "tcp.sliding-window"))
    pause = _phase(r, "reader-pause")
    if pause:
        wnd = [y for x, y in r.series.get("rwnd", []) if pause[0].start_ms <= x <= pause[0].end_ms + 50 and y is not None]
        low = int(min(wnd) * (r.mss or 1448)) if wnd else "?"
        return finding("tcpflow.window-shrank", "info",
                       M.t("f.window-shrank", ms=fmt_ms(pause[0].end_ms - pause[0].start_ms), min=low),
                       concepts=("tcp.flow-control",))


@RULES.rule
def limits(res, rec):
    r = _main(res)
    lim = r.limits if r else {}
    if not lim or not lim.get("total"):
        return None
    names = ("cwnd", "rwnd", "sndbuf", "app")
    top = max(names, key=lambda k: lim.get(k, 0))
    share = f"{100 * lim[top] / lim['total']:.0f}%"
    detail = join([join([M.t(f"limit.{k}"), f" {100 * lim.get(k, 0) / lim['total']:.0f}%"], sep="") for k in names])
    return finding("tcpflow.limits", "info", M.t("f.limits", top=M.t(f"limit.{top}"), share=share, detail=detail),
                   concepts=("tcp.rwnd-cwnd",))


@RULES.rule
def sliding_window(res, rec):
    r = _main(res)
    pts = [y for _, y in (r.series.get("inflight", []) if r else []) if y]
    if not pts or max(pts) < 2:
        return None
    n = int(max(pts))
    return finding("tcpflow.sliding-window", "info", M.t("f.sliding", n=n, kb=f"{n * (r.mss or 1448) / 1000:.0f}"),
                   concepts=("tcp.sliding-window",))


@RULES.rule
def window_every_ack(res, rec):
    r = _main(res)
    wins = [round(y * (r.mss or 1448)) for _, y in (r.series.get("rwnd", []) if r else []) if y is not None]
    distinct = sorted(set(wins))
    if len(distinct) < 3:
        return None
    return finding("tcpflow.window-every-ack", "info", M.t("f.window-every-ack", n=len(distinct), lo=distinct[0],
                                                           hi=distinct[-1]),
                   concepts=("tcp.rwnd-cwnd", "tcp.mss-window-scale"))


@RULES.rule
def no_ip_congestion_control(res, rec):
    r = _main(res)
    if r is None or r.outcome != "ok" or not (r.retransmits or r.link_drops.get("dropped_tail")):
        return None
    ce = r.capture.get("ecn_ce", 0) if r.capture else 0
    if r.capture:
        ecn_on = bool(r.capture.get("ecn_ect") or r.capture.get("ecn_ce"))
    else:
        ecn_on = bool((r.handshake.get("options") or 0) & 8)
    ecn = M.t("ecn.on", ce=ce) if ecn_on else M.t("ecn.off")
    return finding("tcpflow.no-ip-cc", "info", M.t("f.no-ip-cc", ecn=ecn), concepts=("tcp.ecn", "tcp.aimd"))


@RULES.rule
def compare(res, rec):
    rows = [c for c in res.comparison if c.get("goodput_mbit") is not None]
    if len(rows) < 2:
        return None
    items = [M.t("f.compare.item", cc=c["cc"], mbit=c["goodput_mbit"], retrans=c.get("retransmits") or 0) for c in rows]
    out = [finding("tcpflow.compare", "info", M.t("f.compare", list=join(items, "; ")),
                   concepts=("tcp.cc-algorithms",))]
    if (res.link.get("data") or {}).get("loss_pct"):
        best = max(rows, key=lambda c: c["goodput_mbit"])
        worst = min(rows, key=lambda c: c["goodput_mbit"])
        if best["goodput_mbit"] > 1.5 * worst["goodput_mbit"]:
            out.append(finding("tcpflow.compare-loss", "info", M.t(
                "f.compare-loss", best=best["cc"], bmbit=best["goodput_mbit"], worst=worst["cc"],
                wmbit=worst["goodput_mbit"]), concepts=("tcp.cc-algorithms",)))
    return out


@RULES.rule
def evidence_quality(res, rec):
    r = _main(res)
    out = []
    if r is None or r.outcome in ("no-server", "no-data-connection"):
        return None
    if not r.capture:
        why = rec.environment.get("capture") or "-"
        out.append(finding("tcpflow.no-capture", "warning", M.t("f.no-capture", why=why)))
    else:
        if r.capture.get("kernel_drops"):
            out.append(finding("tcpflow.capture-drops", "warning", M.t("f.capture-drops", n=r.capture["kernel_drops"])))
        if abs(r.capture.get("clock_step_ms") or 0.0) > 1.0:
            out.append(finding("tcpflow.clock-step", "warning", M.t("f.clock-step", ms=r.capture["clock_step_ms"])))
    if r.clock == "estimated":
        out.append(finding("tcpflow.clock-estimated", "warning", M.t("f.clock-estimated")))
    if r.samples_per_rtt is not None and r.samples_per_rtt < 2:
        out.append(finding("tcpflow.coarse", "warning", M.t("f.coarse", per=r.samples_per_rtt)))
    if r.sample_gap_ms and r.sample_ms and r.sample_gap_ms > max(10.0, 5 * r.sample_ms):
        out.append(finding("tcpflow.sample-gaps", "info", M.t("f.gaps", gap=fmt_ms(r.sample_gap_ms), ms=r.sample_ms)))
    return out


@RULES.rule
def link_error(res, rec):
    if res.link.get("error"):
        return finding("tcpflow.link-error", "warning", M.t("f.link-error", error=res.link["error"]))
