"""TcpFlowResult -> Document (pure): the transfer, the bottleneck, the cwnd chart, the phases in
order, what held the sender back, the capture's view, the algorithms side by side.

Times in the phase timeline and the charts count from the transfer's first byte.  Every string
comes from messages.py; the renderers draw the Chart blocks (the terminal as a text plot, HTML
with matplotlib).
"""

from __future__ import annotations

from netlab.probes.tcp_flow.messages import M
from netlab.probes.tcp_flow.model import FlowEvent, Phase, RunResult, TcpFlowResult
from netlab.report import document
from netlab.units import fmt_ms

PROBE = "tcp-flow"
FRAME = 1514


def _main(res: TcpFlowResult) -> RunResult | None:
    return next((r for r in res.runs if r.outcome == "ok"), res.runs[0] if res.runs else None)


def build(result: TcpFlowResult, lang: str = "en") -> document.Document:
    res = result
    target = f"{res.host}:{res.port}"
    doc = document.Document(title=M.text("title", lang, target=target, direction=M.text(f"dir.{res.direction}", lang)),
                            probe=PROBE, lang=lang, findings=list(res.findings))
    r = _main(res)
    doc.summary = _summary(res, r, lang)
    doc.blocks.append(document.Section(M.text("sec.transfer", lang), [document.KeyValues(_transfer(res, r, lang))]))
    link = _link(res, r, lang)
    if link:
        doc.blocks.append(document.Section(M.text("sec.link", lang), [document.KeyValues(link)]))
    if r is None:
        return doc
    firsts = _first_per_cc(res)
    if r.series.get("cwnd"):
        doc.blocks.append(document.Section(M.text("sec.chart", lang), [_cwnd_chart(firsts, lang)]))
    for run in firsts:
        entries = _timeline(run, lang)
        if entries:
            title = None if len(firsts) == 1 else f"{run.sender_cc or run.cc or '?'}"
            doc.blocks.append(document.Section(M.text("sec.phases", lang) + (f": {title}" if title else ""),
                                               [document.Timeline(entries)]))
    if r.limits.get("total"):
        doc.blocks.append(document.Section(M.text("sec.limits", lang), _limits(r, lang)))
    if r.seq.get("data"):
        doc.blocks.append(document.Section(M.text("sec.seq", lang), [_seq_chart(r, lang)], verbose=True))
    if r.capture:
        doc.blocks.append(document.Section(M.text("sec.capture", lang), [document.KeyValues(_capture(r))], verbose=True))
    if res.comparison:
        doc.blocks.append(document.Section(M.text("sec.compare", lang), [_compare(res, lang)]))
    if len(res.runs) > 1:
        doc.blocks.append(document.Section(M.text("sec.runs", lang), [_runs(res, lang)], verbose=True))
    return doc


def _first_per_cc(res: TcpFlowResult) -> list[RunResult]:
    out, seen = [], set()
    for r in res.runs:
        key = r.sender_cc or r.cc
        if r.outcome == "ok" and key not in seen:
            seen.add(key)
            out.append(r)
    return out or ([_main(res)] if _main(res) else [])


def _summary(res: TcpFlowResult, r: RunResult | None, lang: str) -> str | None:
    f = next((x for x in res.findings if x.code == "tcpflow.summary"), None)
    if f is None:
        f = next((x for x in res.findings if x.severity == "error"), None)
    return f.text(lang) if f else None


def _cc_text(r: RunResult, lang: str) -> str:
    used = r.sender_cc or "?"
    if r.cc:
        return M.text("kv.cc-asked", lang, used=used, asked=r.cc)
    return M.text("kv.cc-default", lang, used=used)


def _transfer(res: TcpFlowResult, r: RunResult | None, lang: str) -> list[tuple[str, str]]:
    kv = [(M.text("kv.target", lang), f"{res.host}:{res.port}"),
          (M.text("kv.address", lang), res.address or "-"),
          (M.text("kv.direction", lang), M.text(f"dir.{res.direction}", lang))]
    if res.server:
        role = res.server.get("role")
        kv.append((M.text("kv.server", lang), M.text(
            "kv.server.value", lang, role=M.text(f"role.{role}", lang) if role in ("sink", "source") else (role or "?"),
            kernel=res.server.get("kernel") or "?", cc=res.server.get("cc_default") or "?")))
    if r is None:
        return kv
    kv.append((M.text("kv.sender-cc", lang), f"{M.text('side.' + r.sender, lang)}: {_cc_text(r, lang)}"))
    other = "client" if r.sender == "server" else "server"
    kv.append((M.text("kv.receiver-cc", lang), f"{M.text('side.' + other, lang)}: "
               + M.text("kv.receiver-cc.value", lang, cc=r.receiver_cc or "?")))
    if r.outcome != "ok":
        kv.append((M.text("col.outcome", lang), _outcome(r.outcome, lang) + (f" — {r.error}" if r.error else "")))
    kv += [(M.text("kv.bytes", lang), f"{r.bytes:,}"),
           (M.text("kv.duration", lang), fmt_ms(r.duration_ms)),
           (M.text("kv.goodput", lang), M.text("kv.goodput.value", lang, mbit=_num(r.goodput_mbit)))]
    if r.base_rtt_ms is not None:
        kv.append((M.text("kv.rtt", lang), f"{fmt_ms(r.base_rtt_ms)} / {fmt_ms(r.rtt_max_ms)}"))
    if r.iw_segments:
        kv.append((M.text("kv.iw", lang), M.text("kv.iw.value", lang, iw=r.iw_segments,
                                                 bytes=r.iw_segments * (r.mss or 1448))))
    hs = r.handshake
    if hs.get("snd_mss"):
        kv.append((M.text("kv.mss", lang), f"{r.mss or hs.get('snd_mss')}"))
        kv.append((M.text("kv.wscale", lang), _wscale(r)))
    kv.append((M.text("kv.retrans", lang), M.text("kv.retrans.value", lang, n=r.retransmits, bytes=r.bytes_retrans,
                                                  rto=r.rto_count)))
    if r.receiver.get("rcvbuf") and (res.direction == "download" or r.receiver.get("pause")):
        kv.append((M.text("kv.receiver-buffer", lang), f"{r.receiver.get('rcvbuf') or '-'}"))
    if r.receiver.get("pause"):
        a, b = r.receiver["pause"]
        kv.append((M.text("kv.pause", lang), M.text("kv.pause.value", lang, start=fmt_ms(a), end=fmt_ms(b))))
    if r.samples:
        kv.append((M.text("kv.samples", lang), M.text("kv.samples.value", lang, n=r.samples, ms=_num(r.sample_ms),
                                                      per=_num(r.samples_per_rtt), side=M.text(f"side.{r.sender}", lang))))
        kv.append((M.text("kv.clock", lang), M.text("kv.clock.same" if r.clock == "same-kernel" else "kv.clock.estimated",
                                                    lang)))
    kv.append((M.text("kv.cpu", lang), f"{r.cpu_s:.2f} s"))
    files = [x for x in (res.chart, res.pcap) if x]
    if files:
        kv.append((M.text("kv.files", lang), ", ".join(files)))
    return kv


def _wscale(r: RunResult) -> str:
    hs = r.handshake
    ours, theirs = hs.get("rcv_wscale"), hs.get("snd_wscale")
    # TCP_INFO on our socket: snd_wscale = the peer's shift, rcv_wscale = ours
    if r.sender == "server":
        return f"{theirs} / {ours}"
    return f"{ours} / {theirs}"


def _num(x) -> str:
    if x is None:
        return "-"
    return f"{x:.3g}" if isinstance(x, float) and abs(x) < 100 else (f"{x:.0f}" if isinstance(x, float) else str(x))


def _outcome(o: str, lang: str) -> str:
    key = f"outcome.{o}"
    return M.text(key, lang) if key in M.messages else o


def _link(res: TcpFlowResult, r: RunResult | None, lang: str) -> list[tuple[str, str]]:
    ln = res.link
    if not ln:
        return [(M.text("kv.link", lang), M.text("kv.link-none", lang))] if not res.sandbox else []
    if ln.get("error") and not ln.get("data"):
        return [(M.text("kv.link", lang), ln["error"])]
    data, ack = ln.get("data") or {}, ln.get("ack") or {}
    kv = [(M.text("kv.link", lang), M.text("kv.link.value", lang, host=ln.get("link") or "?",
                                           direction=ln.get("data_direction") or "?"))]
    rate = data.get("rate_mbit") or 0
    kv.append((M.text("kv.rate", lang), f"{rate:g} Mbit/s" if rate else M.text("kv.rate.none", lang)))
    qp, qb = data.get("queue_packets") or 0, data.get("queue_bytes") or 0
    if qp:
        kv.append((M.text("kv.queue", lang), M.text("kv.queue.packets", lang, n=qp, ms=_qms(qp * FRAME, rate))))
    elif qb:
        kv.append((M.text("kv.queue", lang), M.text("kv.queue.bytes", lang, n=qb, ms=_qms(qb, rate))))
    else:
        kv.append((M.text("kv.queue", lang), M.text("kv.queue.none", lang)))
    kv.append((M.text("kv.delay", lang), f"{fmt_ms(data.get('delay_ms'))} / {fmt_ms(ack.get('delay_ms'))}"))
    if data.get("loss_pct"):
        kv.append((M.text("kv.loss", lang), f"{data['loss_pct']:g}%"))
    nths = [d.get("nth") for d in data.get("drops") or [] if isinstance(d, dict)]
    if nths:
        kv.append((M.text("kv.drops", lang), M.text("kv.drops.value", lang, list=", ".join(map(str, nths)))))
    if rate and r is not None and r.base_rtt_ms:
        bdp = rate * 1e6 / 8 * r.base_rtt_ms / 1000
        kv.append((M.text("kv.bdp", lang), M.text("kv.bdp.value", lang, kb=f"{bdp / 1000:.0f}",
                                                  pkts=f"{bdp / FRAME:.0f}", rtt=fmt_ms(r.base_rtt_ms))))
    if r is not None and r.link_drops:
        kv.append((M.text("kv.link-drops", lang), M.text(
            "kv.link-drops.value", lang, tail=r.link_drops.get("dropped_tail", 0), lost=r.link_drops.get("lost", 0),
            nth=r.link_drops.get("dropped_nth", 0))))
    return kv


def _qms(nbytes: float, rate: float) -> str:
    return fmt_ms(nbytes * 8 / (rate * 1e3)) if rate else "-"


def _cwnd_chart(runs: list[RunResult], lang: str) -> document.Chart:
    """cwnd (drawn last, on top), ssthresh, in flight and the peer's window, in segments.  A receive
    window far above cwnd is clipped, so that cwnd's shape stays readable (the label says where)."""
    series = []
    several = len(runs) > 1
    for r in runs:
        tag = f" ({r.sender_cc or r.cc})" if several else ""
        cwnd = document.ChartSeries(M.text("series.cwnd", lang) + tag, r.series.get("cwnd", []), style="step")
        if several:
            series.append(cwnd)
            continue
        top = max([y for _, y in r.series.get("cwnd", []) + r.series.get("inflight", []) if y] or [10])
        rwnd = r.series.get("rwnd", [])
        label = M.text("series.rwnd", lang)
        if max([y for _, y in rwnd if y is not None] or [0]) > 2 * top:
            cap = round(1.5 * top)
            rwnd = [(x, min(y, cap)) for x, y in rwnd if y is not None]
            label += f" ≤ {cap}"
        series += [document.ChartSeries(label, rwnd, style="step", status="warning"),
                   document.ChartSeries(M.text("series.ssthresh", lang), r.series.get("ssthresh", []), style="step",
                                        status="muted"),
                   document.ChartSeries(M.text("series.inflight", lang), r.series.get("inflight", []), style="line",
                                        status="info"),
                   cwnd]
    return document.Chart(x_label=M.text("chart.time", lang), x_unit="ms", y_label=M.text("chart.segments", lang),
                          series=series)


def _seq_chart(r: RunResult, lang: str) -> document.Chart:
    s = r.seq
    return document.Chart(x_label=M.text("chart.time", lang), x_unit="ms", y_label=M.text("chart.seq", lang), y_unit="KiB",
                          series=[document.ChartSeries(M.text("series.data", lang), s.get("data", []), style="points"),
                                  document.ChartSeries(M.text("series.acks", lang), s.get("acks", []), style="step", status="info"),
                                  document.ChartSeries(M.text("series.edge", lang), s.get("window_edge", []), style="step",
                                                       status="muted"),
                                  document.ChartSeries(M.text("series.retrans", lang), s.get("retrans", []), style="points",
                                                       status="error")])


PHASE_STATUS = {"slow-start": "ok", "recovery": "warning", "rto-recovery": "error", "congestion-avoidance": "ok",
                "zero-window": "warning", "reader-pause": "muted", "disorder": "muted", "cwr": "warning"}
EVENT_STATUS = {"fast-retransmit": "warning", "rto": "error", "spurious-retransmit": "info", "tail-probe": "info",
                "zero-window": "warning", "window-probe": "info", "window-update": "ok", "drop": "error"}


def _timeline(r: RunResult, lang: str) -> list[document.TimelineEntry]:
    items: list[tuple[float, int, document.TimelineEntry]] = []
    for p in r.phases:
        if p.start_ms is None:
            continue
        items.append((p.start_ms, 0, document.TimelineEntry(
            label=M.text(f"phase.{p.kind}", lang), t_ms=p.start_ms,
            duration_ms=(p.end_ms - p.start_ms) if p.end_ms is not None else None,
            detail=_phase_detail(p, lang), status=PHASE_STATUS.get(p.kind, "info"))))
    for e in r.events:
        if e.t_ms is None:
            continue
        items.append((e.t_ms, 1, document.TimelineEntry(label=_event_label(e, lang), t_ms=e.t_ms, depth=1,
                                                detail=_event_detail(e, lang), status=EVENT_STATUS.get(e.kind, "info"))))
    items.sort(key=lambda x: (x[0], x[1]))
    return [e for _, _, e in items[:200]]


def _phase_detail(p: Phase, lang: str) -> str | None:
    d = p.detail
    if p.kind == "slow-start":
        return M.text("pd.slow-start", lang, iw=d.get("iw"), end=d.get("cwnd_end"), rtts=d.get("rtts") or "?",
                      growth=d.get("growth_per_rtt") or "?", exit=M.text(f"exit.{d.get('exit')}", lang))
    if p.kind == "recovery":
        return M.text("pd.recovery", lang, before=d.get("cwnd_before"), after=d.get("ssthresh_after"),
                      states=" -> ".join(d.get("states") or []), retrans=d.get("retrans"))
    if p.kind == "rto-recovery":
        return M.text("pd.rto", lang, before=d.get("cwnd_before"), min=d.get("cwnd_min"), rtos=d.get("rtos"),
                      backoff=2 ** (d.get("backoff_max") or 0), retrans=d.get("retrans"))
    if p.kind == "congestion-avoidance":
        if (d.get("rwnd_share") or 0) > 0.5:
            return M.text("pd.ca-rwnd", lang, end=d.get("cwnd_end"), share=f"{100 * d['rwnd_share']:.0f}%")
        key = "pd.ca-beta" if d.get("beta") else "pd.ca"
        return M.text(key, lang, start=d.get("cwnd_start"), end=d.get("cwnd_end"), per=d.get("per_rtt"),
                      rtt=fmt_ms(d.get("rtt_ms")), beta=d.get("beta"))
    if p.kind == "zero-window":
        return M.text("pd.zero-window", lang, probes=d.get("probes"), backoff=2 ** (d.get("backoff") or 0))
    if p.kind == "bbr-probe-bw":
        return M.text("pd.bbr-cycles", lang, cycles=d.get("cycles", 0))
    if p.kind.startswith("bbr-"):
        return M.text("pd.bbr", lang, gain=d.get("gain"))
    if p.kind == "reader-pause":
        return M.text("pd.pause", lang)
    if p.kind == "disorder":
        return M.text("pd.disorder", lang)
    return None


def _event_label(e: FlowEvent, lang: str) -> str:
    d = e.detail
    if e.kind == "drop":
        return M.text("ev.drop", lang, nth=d.get("nth"), seq=d.get("rel_seq", "?"))
    if e.kind == "window-probe":
        return M.text("ev.window-probe", lang, count=d.get("count"))
    if e.kind == "window-update":
        return M.text("ev.window-update", lang, window=d.get("window"))
    key = f"ev.{e.kind}"
    return M.text(key, lang, seq=d.get("seq", "?")) if key in M.messages else e.kind


def _event_detail(e: FlowEvent, lang: str) -> str | None:
    d = e.detail
    if e.kind == "fast-retransmit" and d.get("dupacks") is not None:
        return M.text("ev.dupacks", lang, n=d["dupacks"])
    return None


def _limits(r: RunResult, lang: str) -> list:
    lim = r.limits
    total = lim.get("total") or 1.0
    rows = [[M.text(f"limit.{k}", lang), fmt_ms(lim.get(k)), f"{100 * (lim.get(k) or 0) / total:.0f}%"]
            for k in ("cwnd", "rwnd", "sndbuf", "app")]
    blocks: list = [document.Table([M.text("col.limit", lang), M.text("col.time", lang), M.text("col.share", lang)], rows)]
    spans = [document.ChartSpan(row=M.text("col.limit", lang), start=a, end=b, part=M.text(f"limit.{k}", lang))
             for a, b, k in lim.get("timeline") or [] if a is not None and b is not None]
    if spans:
        blocks.append(document.Chart(x_label=M.text("chart.time", lang), x_unit="ms", spans=spans))
    return blocks


def _capture(r: RunResult) -> list[tuple[str, str]]:
    keys = ("segments", "data", "retransmissions", "fast_retransmissions", "timer_retransmissions", "spurious",
            "duplicate_acks", "zero_windows", "window_probes", "window_updates", "max_window", "ecn_ect", "ecn_ce",
            "kernel_drops")
    return [(k.replace("_", " "), str(r.capture.get(k))) for k in keys if k in r.capture]


def _compare(res: TcpFlowResult, lang: str) -> document.Table:
    cols = [M.text(k, lang) for k in ("col.cc", "col.runs", "col.goodput", "col.retrans", "col.qdelay",
                                      "col.first-loss", "col.rto")]
    rows = [[c["cc"], f"{c['ok']}/{c['runs']}", _num(c.get("goodput_mbit")), _num(c.get("retransmits")),
             fmt_ms(c.get("queueing_delay_ms")), fmt_ms(c.get("first_loss_ms")), _num(c.get("rto"))]
            for c in res.comparison]
    return document.Table(cols, rows)


def _runs(res: TcpFlowResult, lang: str) -> document.Table:
    cols = [M.text(k, lang) for k in ("col.run", "col.cc", "col.outcome", "col.goodput", "col.retrans", "col.qdelay")]
    rows = [[str(r.run + 1), r.sender_cc or r.cc or "?", _outcome(r.outcome, lang), _num(r.goodput_mbit),
             str(r.retransmits), fmt_ms(r.queueing_delay_ms)] for r in res.runs]
    return document.Table(cols, rows)
