"""lb report: LbResult -> Document (pure).  Every word from messages.py."""

from __future__ import annotations

from netlab.probes.lb.findings import pct
from netlab.probes.lb.messages import M
from netlab.probes.lb.model import PROBE, LbResult
from netlab.report import document
from netlab.units import fmt_ms

MAX_CLIENT_ROWS = 64
MAX_TIMELINE_SPANS = 600


def _m(key: str, lang: str, fallback: str = "", **kw) -> str:
    return M.text(key, lang, **kw) if key in M.messages else (fallback or key.split(".", 1)[-1])


def build(result: LbResult, lang: str = "en") -> document.Document:
    r = result
    doc = document.Document(title=M.text("title", lang, url=r.url), probe=PROBE, lang=lang, findings=list(r.findings))
    doc.summary = _summary(r, lang)
    doc.blocks.append(document.Section(M.text("sec.run", lang), [document.KeyValues(_run(r, lang))]))
    if r.outcome in ("no-such-name", "refused-run"):
        return doc
    if r.spread:
        doc.blocks.append(document.Section(M.text("sec.spread", lang), _spread(r, lang)))
    if r.remap and r.remap.rows:
        doc.blocks.append(document.Section(M.text("sec.clients", lang), [document.Table(
            [M.text("col.client", lang), M.text("col.before", lang), M.text("col.after", lang, backend=r.fail or "?"),
             M.text("col.restored", lang)], [list(x) for x in r.remap.rows[:MAX_CLIENT_ROWS]])]))
    elif r.per_client and (r.algorithm in ("source", "consistent", "sticky", "uri") or len(r.per_client) <= 16):
        doc.blocks.append(document.Section(M.text("sec.clients", lang), [_clients(r, lang)],
                                           verbose=r.algorithm not in ("source", "consistent", "sticky")))
    if r.health:
        doc.blocks.append(document.Section(M.text("sec.health", lang, backend=r.health.backend), _health(r, lang)))
    if r.remap:
        doc.blocks.append(document.Section(M.text("sec.remap", lang), _remap(r, lang)))
    if r.failover:
        doc.blocks.append(document.Section(M.text("sec.failover", lang), _failover(r, lang)))
    if (r.health or r.failover) and r.requests:
        doc.blocks.append(document.Section(M.text("sec.timeline", lang), [_timeline_chart(r, lang)]))
    seen = _seen(r, lang)
    if seen:
        doc.blocks.append(document.Section(M.text("sec.seen", lang), [document.KeyValues(seen)]))
    if r.balancer_view:
        doc.blocks.append(document.Section(M.text("sec.balancer", lang), [_balancer(r, lang)]))
    if r.error_bodies:
        doc.blocks.append(document.Section(M.text("sec.errors", lang), [document.Table(
            [M.text("col.code", lang), M.text("col.from", lang), M.text("col.text", lang), M.text("col.count", lang)],
            [[str(s), b, t, str(n)] for s, b, t, n in r.error_bodies])]))
    if r.requests:
        doc.blocks.append(document.Section(M.text("sec.requests", lang), [_requests(r, lang)], verbose=True))
    return doc


def _summary(r: LbResult, lang: str) -> str | None:
    if not r.requests:
        return None
    spread = ", ".join(f"{b.backend} {b.count}" for b in r.spread if b.count) or "-"
    if r.algorithm and not r.routed_by:
        return M.text("summary", lang, algorithm=r.algorithm, spread=spread, ok=r.answered, n=len(r.requests))
    return M.text("summary.noalgo", lang, spread=spread, ok=r.answered, n=len(r.requests))


def _run(r: LbResult, lang: str) -> list[tuple[str, str]]:
    kv = [(M.text("kv.url", lang), r.url), (M.text("kv.address", lang), r.address or "-")]
    vip = None
    if r.balancers:
        vip_addr = None
        for f in [r.failover] if r.failover else []:
            vip_addr = f.vip
        vip = M.text("kv.vip", lang, vip=r.address) if len(r.balancers) > 1 or vip_addr else \
            M.text("kv.own", lang, address=r.address)
        kv.append((M.text("kv.balancer", lang), M.text("kv.balancer.value", lang, names=", ".join(r.balancers), vip=vip)))
    elif r.behind_balancer is False:
        kv.append((M.text("kv.balancer", lang), M.text("kv.none", lang)))
    if r.outcome == "no-such-name":
        return kv
    kv.append((M.text("kv.mode", lang), _m(f"mode.{r.mode}", lang)))
    if r.mode != "unknown" or r.tls != "none":
        kv.append((M.text("kv.tls", lang), _m(f"tls.{r.tls}", lang)))
    if r.algorithm:
        kv.append((M.text("kv.algorithm", lang), M.text("algo.set" if r.algorithm_set else "algo.read", lang,
                                                         algorithm=r.algorithm)))
    if r.pool:
        servers = ", ".join(r.pool_servers) or "-"
        if r.routed_by:
            kv.append((M.text("kv.pool", lang), M.text("pool.routed", lang, pool=r.pool, servers=servers,
                                                        kind=M.text(f"kind.{r.routed_by}", lang))))
        else:
            kv.append((M.text("kv.pool", lang), M.text("pool.value", lang, pool=r.pool, servers=servers)))
    if r.outcome == "refused-run":
        return kv
    if r.sources:
        kv.append((M.text("kv.clients", lang), M.text("clients.value", lang, n=len(r.sources), first=r.sources[0] or "-",
                                                       last=r.sources[-1] or "-")))
    kv.append((M.text("kv.requests", lang), M.text("requests.value", lang, n=len(r.requests), ok=r.answered,
                                                    failed=r.failed)))
    p = r.params
    if p.get("fail") or p.get("failover"):
        kv.append((M.text("kv.concurrency", lang), M.text("paced.value", lang, rate=float(p.get("rate") or 0),
                                                           timeout=min(float(p.get("timeout") or 5), 1.0))))
    else:
        kv.append((M.text("kv.concurrency", lang), M.text("concurrency.value", lang, c=p.get("concurrency", 1))))
    if r.slow:
        kv.append((M.text("kv.slow", lang), M.text("slow.value", lang, backend=r.slow, ms=r.slow_ms or 0)))
    if r.outcomes and set(r.outcomes) != {"ok"}:
        kv.append((M.text("kv.outcomes", lang), ", ".join(f"{_m('outcome.' + k, lang, k)} {v}"
                                                          for k, v in r.outcomes.items())))
    if r.duration_ms is not None:
        kv.append((M.text("kv.duration", lang), fmt_ms(r.duration_ms)))
    return kv


def _spread(r: LbResult, lang: str) -> list:
    cols = [M.text("col.backend", lang), M.text("col.requests", lang), M.text("col.share", lang)]
    has_exp = any(b.expected is not None for b in r.spread)
    has_lb = any(b.balancer_count is not None for b in r.spread)
    has_log = any(b.log_count is not None for b in r.spread)
    has_smax = any(b.smax is not None for b in r.spread)
    if has_exp:
        cols.append(M.text("col.expected", lang))
    if has_lb:
        cols.append(M.text("col.haproxy", lang))
    if has_log:
        cols.append(M.text("col.log", lang))
    cols += [M.text("col.mean", lang), M.text("col.inflight", lang)]
    if has_smax:
        cols.append(M.text("col.smax", lang))
    rows = []
    for b in r.spread:
        row = [b.backend, str(b.count), pct(b.share)]
        if has_exp:
            row.append(pct(b.expected) if b.expected is not None else "-")
        if has_lb:
            row.append(str(b.balancer_count) if b.balancer_count is not None else "-")
        if has_log:
            row.append(str(b.log_count) if b.log_count is not None else "-")
        row += [fmt_ms(b.mean_ms), str(b.max_inflight)]
        if has_smax:
            row.append(str(b.smax) if b.smax is not None else "-")
        rows.append(row)
    chart = document.Chart(x_label=M.text("chart.requests", lang), title=M.text("chart.spread", lang),
                           spans=[document.ChartSpan(row=b.backend, start=0, end=b.count, part="") for b in r.spread])
    return [document.Table(cols, rows), chart]


def _clients(r: LbResult, lang: str) -> document.Table:
    rows = []
    for client, m in r.per_client[:MAX_CLIENT_ROWS]:
        rows.append([client or "-", ", ".join(f"{b} ({n})" for b, n in m.items())])
    return document.Table([M.text("col.client", lang), M.text("col.backends", lang)], rows)


def _health(r: LbResult, lang: str) -> list:
    h = r.health
    entries = []
    if h.t_fail_ms is not None:
        entries.append(document.TimelineEntry(M.text("h.failed", lang, backend=h.backend), t_ms=h.t_fail_ms, status="error"))
    restored_added = False
    for t, status, check in h.transitions:
        if h.t_restore_ms is not None and t >= h.t_restore_ms and not restored_added:
            entries.append(document.TimelineEntry(M.text("h.restored", lang, backend=h.backend), t_ms=h.t_restore_ms, status="ok"))
            restored_added = True
        if status == "DOWN" and h.t_down_ms == t:
            label = M.text("h.down", lang, ms=fmt_ms(t - (h.t_fail_ms or 0)), inter=h.inter_ms, fall=h.fall,
                           expect=(h.inter_ms or 0) * (h.fall or 0))
            entries.append(document.TimelineEntry(label, t_ms=t, detail=check, status="error"))
        elif status == "UP" and h.t_up_ms == t:
            label = M.text("h.up", lang, ms=fmt_ms(t - (h.t_restore_ms or 0)), inter=h.inter_ms, rise=h.rise,
                           expect=(h.inter_ms or 0) * (h.rise or 0))
            entries.append(document.TimelineEntry(label, t_ms=t, detail=check, status="ok"))
        else:
            entries.append(document.TimelineEntry(M.text("h.state", lang, status=status), t_ms=t, detail=check,
                                                  status="warning", depth=1))
    if h.t_restore_ms is not None and not restored_added:
        entries.append(document.TimelineEntry(M.text("h.restored", lang, backend=h.backend), t_ms=h.t_restore_ms, status="ok"))
    kv = []
    if h.t_down_ms is not None and h.t_fail_ms is not None:
        kv.append((M.text("kv.detect", lang), f"{fmt_ms(h.t_down_ms - h.t_fail_ms)} (inter {h.inter_ms} ms x fall {h.fall})"))
    if h.t_up_ms is not None and h.t_restore_ms is not None:
        kv.append((M.text("kv.recover", lang), f"{fmt_ms(h.t_up_ms - h.t_restore_ms)} (inter {h.inter_ms} ms x rise {h.rise})"))
    kv.append((M.text("kv.failed-requests", lang), str(h.failed_requests)))
    kv.append((M.text("kv.retried", lang), str(h.retried)))
    kv.append((M.text("kv.econ", lang), str(h.connect_errors)))
    return [document.Timeline(entries), document.KeyValues(kv)]


def _remap(r: LbResult, lang: str) -> list:
    m = r.remap
    kv = [
        (M.text("kv.remap.hash", lang), m.hash_type),
        (M.text("kv.remap.clients", lang), str(m.clients)),
        (M.text("kv.remap.moved", lang), M.text("remap.moved.value", lang, moved=m.moved, clients=m.clients,
                                                 pct=pct(m.moved_fraction), forced=m.forced, backend=r.fail or "?")),
        (M.text("kv.remap.theory", lang, n=m.n_before), M.text("remap.theory.value", lang, mod=pct(m.theory_modulo),
                                                                cons=pct(m.theory_consistent))),
    ]
    if m.returned is not None:
        kv.append((M.text("kv.remap.back", lang), M.text("remap.back.value", lang, returned=m.returned,
                                                          of=m.returned_of)))
    blocks = [document.KeyValues(kv)]
    if m.moves:
        blocks.append(document.Table([M.text("col.client", lang), M.text("col.before", lang),
                                      M.text("col.after", lang, backend=r.fail or "?")],
                                     [[c, a, b] for c, a, b in m.moves[:MAX_CLIENT_ROWS]], verbose=True))
    return blocks


def _failover(r: LbResult, lang: str) -> list:
    f = r.failover
    macs = {}
    for _, mac, owner, _ in f.garps:
        macs[mac] = owner
    for _label, mac, owner, _ in f.neighbours:
        if mac:
            macs[mac] = owner
    entries = []
    before = next((n for n in f.neighbours if n[0] == "before"), None)
    if f.active:
        entries.append(document.TimelineEntry(M.text("f.before", lang, active=f.active, vip=f.vip,
                                                     mac=before[1] if before and before[1] else "-",
                                                     owner=before[2] if before else "-"), t_ms=0.0, status="info"))
    events: list[tuple[float, document.TimelineEntry]] = []
    if f.t_cut_ms is not None:
        events.append((f.t_cut_ms, document.TimelineEntry(M.text("f.cut", lang, active=f.active), t_ms=f.t_cut_ms, status="error")))
    seen_garp = set()
    for t, mac, owner, _kind in f.garps:
        key = (mac, round(t / 500))
        if key in seen_garp:
            continue
        seen_garp.add(key)
        n = sum(1 for g in f.garps if g[1] == mac and abs(g[0] - t) < 500)
        label = M.text("f.garp", lang, mac=mac, owner=owner, vip=f.vip) + (f" x{n}" if n > 1 else "")
        events.append((t, document.TimelineEntry(label, t_ms=t, status="info")))
    for t, bal, holds in f.vip_holders:
        if f.t_cut_ms is None or t < f.t_cut_ms:
            continue
        events.append((t, document.TimelineEntry(M.text("f.vip", lang, balancer=bal,
                                              state=M.text("f.vip.on" if holds else "f.vip.off", lang)),
                                                 t_ms=t, status="ok" if holds else "muted", depth=1)))
    if f.t_first_ok_ms is not None:
        events.append((f.t_first_ok_ms, document.TimelineEntry(M.text("f.first-ok", lang, gap=fmt_ms(f.gap_ms), lost=f.lost),
                                                               t_ms=f.t_first_ok_ms, status="ok")))
    if f.t_restored_ms is not None:
        events.append((f.t_restored_ms, document.TimelineEntry(M.text("f.restored", lang, active=f.active),
                                                               t_ms=f.t_restored_ms, status="info")))
    entries += [e for _, e in sorted(events, key=lambda x: x[0])]
    kv = []
    if f.gap_ms is not None:
        kv.append((M.text("kv.gap", lang), M.text("gap.value", lang, gap=fmt_ms(f.gap_ms), lost=f.lost)))
    if f.t_moved_ms is not None and f.t_cut_ms is not None:
        kv.append((M.text("kv.moved", lang), M.text("moved.value", lang, backup=f.backup,
                                                     ms=fmt_ms(f.t_moved_ms - f.t_cut_ms))))
    if f.theory_ms is not None:
        kv.append((M.text("kv.theory", lang), M.text("theory.value", lang, adv=f.advert_int, prio=f.backup_priority,
                                                      ms=fmt_ms(f.theory_ms))))
    for label, mac, owner, state in f.neighbours:
        lab = M.text(f"label.{label}", lang) if f"label.{label}" in M.messages else label
        kv.append((M.text("kv.arp", lang), M.text("arp.value", lang, label=lab, mac=mac, owner=owner, state=state)
                   if mac else M.text("arp.none", lang, label=lab)))
    if f.t_back_ms is not None and f.t_restored_ms is not None:
        kv.append((M.text("kv.back", lang), M.text("back.value", lang, backup=f.backup,
                                                    ms=fmt_ms(f.t_back_ms - f.t_restored_ms), lost=f.lost_back)))
    out: list = [document.Timeline(entries), document.KeyValues(kv)]
    if f.capture_note:
        out.append(document.Text(f.capture_note))
    return out


def _timeline_chart(r: LbResult, lang: str) -> document.Chart:
    spans = []
    failed_row = M.text("chart.failed", lang)
    rows_order = sorted({x.backend for x in r.requests if x.backend})
    # rows appear in first-mention order: mention every backend once, in name order, first
    for name in rows_order:
        first = next(x for x in r.requests if x.backend == name)
        spans.append(document.ChartSpan(row=name, start=first.t_ms, end=first.end_ms or first.t_ms,
                                        part=M.text("part.ok", lang)))
    for x in r.requests[:MAX_TIMELINE_SPANS]:
        row = x.backend or failed_row
        part = M.text("part.ok" if x.outcome == "ok" else "part.error", lang)
        spans.append(document.ChartSpan(row=row, start=x.t_ms, end=max(x.end_ms or x.t_ms, x.t_ms + 1.0), part=part,
                                        note=f"#{x.seq} {x.client} {x.outcome}"))
    return document.Chart(x_label=M.text("chart.time", lang), x_unit="ms", spans=spans)


def _seen(r: LbResult, lang: str) -> list[tuple[str, str]]:
    s = r.seen
    if not s or not s.get("answers"):
        return []
    kv = []
    peers = ", ".join(s.get("peers", {}))
    if peers:
        key = "peer.client" if s.get("client_in_peer") else "peer.value"
        kv.append((M.text("kv.peer", lang), M.text(key, lang, peers=peers)))
    if s.get("xff_client"):
        kv.append((M.text("kv.xff", lang), M.text("xff.client", lang, n=s["xff_client"], total=s["answers"])))
    elif peers:
        kv.append((M.text("kv.xff", lang), M.text("xff.none", lang)))
    if r.params.get("scheme") == "https" or s.get("tls_at_backend"):
        kv.append((M.text("kv.tls-backend", lang), M.text("tls-backend.yes", lang, n=s["tls_at_backend"])
                   if s.get("tls_at_backend") else M.text("tls-backend.no", lang)))
    for subj in r.tls_subjects[:4]:
        kv.append((M.text("kv.cert", lang), subj))
    if s.get("log_lines"):
        kv.append((M.text("kv.log-check", lang), M.text("log-check.value", lang, lines=s["log_lines"],
                                                         n=s["log_xff_client"])))
    return kv


def _balancer(r: LbResult, lang: str) -> document.Table:
    cols = [M.text("col.server", lang), M.text("col.status", lang), M.text("col.check", lang), M.text("col.lbtot", lang),
            M.text("col.smax", lang), M.text("col.retried", lang), M.text("col.econ", lang), M.text("col.5xx", lang)]
    rows = []
    for v in r.balancer_view:
        states = set(v["status"].values())
        status = next(iter(states)) if len(states) == 1 else ", ".join(f"{b} {s}" for b, s in v["status"].items())
        rows.append([v["server"], status, v["check"] or "-", str(v["lbtot"]), str(v["smax"]), str(v["retried"]),
                     str(v["econ"]), str(v["hrsp_5xx"])])
    return document.Table(cols, rows, title=r.pool)


def _requests(r: LbResult, lang: str) -> document.Table:
    rows = []
    for x in r.requests[:1000]:
        rows.append([str(x.seq), fmt_ms(x.t_ms), x.client or "-", _m(f"phase.{x.phase}", lang, x.phase),
                     _m(f"outcome.{x.outcome}", lang, x.outcome) + (f" {x.status}" if x.status else ""),
                     x.backend or "-", x.balancer or "-", fmt_ms(x.total_ms)])
    return document.Table([M.text("col.seq", lang), M.text("col.t", lang), M.text("col.client", lang), M.text("col.phase", lang),
                           M.text("col.outcome", lang), M.text("col.backend", lang), M.text("col.from", lang),
                           M.text("col.time", lang)], rows)
