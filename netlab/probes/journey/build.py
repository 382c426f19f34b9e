"""journey report: JourneyResult -> Document (pure).  Every word from messages.py (b.* labels).

The story first: one line, the steps in order (each with its layer and OSI number, protocol,
party, time), where the time went per layer, one sequence diagram across every party; then the
names, connections and requests; the closer looks of the composed probes (each re-rendered whole
by `netlab report FILE --step NAME`); details with -v; findings last.
"""

from __future__ import annotations

from netlab.probes.journey.messages import M
from netlab.probes.journey.model import PROBE, JourneyResult, Step
from netlab.report import document
from netlab.units import fmt_ms

ROLE_WORDS = ("client", "resolver", "gateway")


def _t(key: str, lang: str, **kw) -> str:
    return M.text(key, lang, **kw)


def _ko(en: str, ko: str, lang: str) -> str:
    return (ko or en) if lang == "ko" else en


def build(result: JourneyResult, lang: str = "en") -> document.Document:
    r = result
    doc = document.Document(title=_t("b.title", lang, typed=r.typed.strip() or "''"), probe=PROBE, lang=lang,
                            findings=list(r.findings))
    doc.summary = _summary(r, lang)
    doc.blocks.append(document.Section(_t("b.sec.steps", lang), [_steps_timeline(r, lang), _steps_table(r, lang)]))
    if len(r.steps) > 1:
        doc.blocks.append(document.Section(_t("b.sec.time", lang), _time_blocks(r, lang)))
    if r.sequence.get("messages"):
        doc.blocks.append(document.Section(_t("b.sec.sequence", lang), _sequence_blocks(r, lang)))
    if r.names:
        doc.blocks.append(document.Section(_t("b.sec.names", lang), [_names_table(r, lang)]))
    if r.connections:
        doc.blocks.append(document.Section(_t("b.sec.connections", lang), [_connections_table(r, lang)]))
    if len(r.requests) > 1:
        doc.blocks.append(document.Section(_t("b.sec.requests", lang), _requests_blocks(r, lang)))
    if r.inspections:
        doc.blocks.append(document.Section(_t("b.sec.closer", lang), _closer(r, lang)))
    doc.blocks.append(document.Section(_t("b.sec.system", lang), [document.KeyValues(_system(r, lang))], verbose=True))
    return doc


def _summary(r: JourneyResult, lang: str) -> str:
    if not r.address.get("ok"):
        return _t("b.summary-address", lang)
    last = next((q for q in reversed(r.requests) if q["purpose"] != "subresource"), None)
    status = (str(last["status"]) if last and last["status"] else
              (_t("b.failed-at", lang, step=_step_name(_first_error(r), lang)) if _first_error(r) else "-"))
    return _t("b.summary", lang, typed=r.typed.strip(), url=r.final_url or (last["url"] if last else "-"),
              status=status, redirects=len(r.redirects), steps=len(r.steps), conns=len(r.connections),
              total=fmt_ms(r.total_ms), page=fmt_ms(r.page_ms))


def _first_error(r: JourneyResult) -> Step | None:
    return next((s for s in r.steps if s.status == "error"), None)


def _step_name(s: Step | None, lang: str) -> str:
    return _t(f"kind.{s.kind}", lang) if s is not None else "-"


def _layer(s: Step, lang: str) -> str:
    return f"{_t(f'layer.{s.layer}', lang)} ({s.osi})"


def _steps_table(r: JourneyResult, lang: str) -> document.Table:
    cols = [_t(f"b.col.{c}", lang) for c in ("n", "t", "took", "layer", "protocol", "party", "what")]
    rows = []
    for s in r.steps:
        mark = {"error": "✗ ", "warning": "! ", "muted": "· ", "info": ""}.get(s.status, "")
        rows.append([str(s.index), fmt_ms(s.t_ms), fmt_ms(s.duration_ms), _layer(s, lang), s.protocol or "-",
                     _ko(s.party, s.party_ko, lang), mark + _ko(s.label, s.label_ko, lang)])
    return document.Table(columns=cols, rows=rows, title=_t("b.steps-table", lang), verbose=True)


def _steps_timeline(r: JourneyResult, lang: str) -> document.Timeline:
    """Each step on one line: [layer OSI] protocol · party: what happened; its details below."""
    entries = []
    for s in r.steps:
        detail = _ko(s.detail, s.detail_ko, lang) or None
        extra = []
        if s.wire_ms is not None:
            extra.append(_t("b.wire", lang, ms=fmt_ms(s.wire_ms)))
        if s.step:
            extra.append(_t("b.see-step", lang, step=s.step))
        if extra:
            detail = "; ".join([d for d in [detail] if d] + extra)
        head = f"{s.index}. [{_layer(s, lang)}] {s.protocol or '-'} · {_ko(s.party, s.party_ko, lang)}"
        entries.append(document.TimelineEntry(label=f"{head}: {_ko(s.label, s.label_ko, lang)}", t_ms=s.t_ms,
                                              duration_ms=s.duration_ms, detail=detail,
                                              status=s.status if s.status in ("ok", "info", "warning", "error", "muted") else "ok"))
    return document.Timeline(entries=entries)


def _time_blocks(r: JourneyResult, lang: str) -> list:
    rows = []
    for row in r.layers:
        share = f"{row['share'] * 100:.0f}%" if row["share"] is not None else "-"
        kinds = ", ".join(_t(f"kind.{k}", lang) for k in row["kinds"]) or "-"
        rows.append([_t(f"layer.{row['layer']}", lang), row["osi"], fmt_ms(row["ms"]), share, kinds])
    table = document.Table(columns=[_t(f"b.col.{c}", lang) for c in ("layer", "osi", "time", "share", "kinds")], rows=rows)
    spans = [document.ChartSpan(row=_t(f"layer.{s.layer}", lang), start=s.t_ms, end=s.t_ms + s.duration_ms,
                                part=_t(f"kind.{s.kind}", lang), note=_ko(s.label, s.label_ko, lang))
             for s in r.steps if s.t_ms is not None and s.duration_ms is not None and s.status != "muted"]
    blocks: list = [table, document.Text(_t("b.time-note", lang, total=fmt_ms(r.total_ms), page=fmt_ms(r.page_ms)))]
    if spans:
        blocks.append(document.Chart(x_label=_t("b.axis.since-enter", lang), x_unit="ms", spans=spans,
                                     title=_t("b.chart.layers", lang)))
    return blocks


def _participant(name: str, lang: str) -> str:
    return _t(f"b.who.{name}", lang) if name in ROLE_WORDS else name


def _sequence_blocks(r: JourneyResult, lang: str) -> list:
    seq = r.sequence
    msgs = [document.SeqMessage(src=_participant(m["src"], lang), dst=_participant(m["dst"], lang), label=m["label"],
                                t_ms=m["t_ms"], status=m["status"] if m["status"] in ("ok", "warning", "error") else "ok")
            for m in seq["messages"]]
    blocks: list = [document.Sequence(participants=[_participant(p, lang) for p in seq["participants"]], messages=msgs,
                                      title=_t("b.seq.capture" if seq.get("source") == "capture" else "b.seq.events", lang))]
    legend = [(_participant(name, lang), ", ".join(addrs)) for name, addrs in seq.get("legend", {}).items()]
    if legend:
        blocks.append(document.KeyValues(legend, title=_t("b.legend", lang)))
    if seq.get("omitted"):
        blocks.append(document.Text(_t("b.seq.omitted", lang, n=seq["omitted"])))
    return blocks


def _names_table(r: JourneyResult, lang: str) -> document.Table:
    rows = []
    for host, n in r.names.items():
        answer = ", ".join(n["addresses"]) or (_t(f"why.{n['error']}", lang, s="") if n["error"] else "-")
        aa = "-" if n["aa"] is None else str(int(n["aa"]))
        rows.append([host, _t(f"b.source.{n['source']}", lang), answer, "-" if n["ttl"] is None else str(n["ttl"]),
                     aa, fmt_ms(n["ms"])])
    return document.Table(columns=[_t(f"b.col.{c}", lang) for c in ("name", "source", "answer", "ttl", "aa", "took")], rows=rows)


def _connections_table(r: JourneyResult, lang: str) -> document.Table:
    rows = []
    for c in r.connections:
        proto = c["http_version"] or "-"
        if c["tls_version"]:
            proto += f", {c['tls_version'].replace('TLSv', 'TLS ')}, ALPN {c['alpn'] or '-'}"
        closed = _t(f"b.closed.{(c['closed_by'] or 'unknown').split()[0]}", lang) + (" (RST)" if "RST" in (c["closed_by"] or "") else "")
        tw = "-" if c["time_wait"] is None else _t("b.yes" if c["time_wait"] else "b.no", lang)
        local = (c["local"] or "-").rsplit(":", 1)[-1]
        rows.append([f"#{c['conn']}", c["origin"].split("://", 1)[-1], f":{local} -> {c['remote'] or '-'}", proto,
                     str(c["requests"]), closed, tw])
    cols = [_t(f"b.col.{c}", lang) for c in ("conn", "origin", "ends", "protocol", "requests", "closed", "time-wait")]
    return document.Table(columns=cols, rows=rows)


def _requests_blocks(r: JourneyResult, lang: str) -> list:
    spans, rows = [], []
    for q in r.requests:
        label = f"{q['index']}. {_short(q['url'])}"
        start = q["connect_ms"] if q["connect_ms"] is not None else q["start_ms"]
        if q["connect_ms"] is not None and q["start_ms"] is not None:
            spans.append(document.ChartSpan(label, q["connect_ms"], q["start_ms"], _t("b.part.connect", lang)))
        if q["start_ms"] is not None and q["ttfb_ms"] is not None:
            spans.append(document.ChartSpan(label, q["start_ms"], q["ttfb_ms"], _t("b.part.wait", lang)))
        if q["ttfb_ms"] is not None and q["end_ms"] is not None:
            spans.append(document.ChartSpan(label, q["ttfb_ms"], q["end_ms"], _t("b.part.receive", lang)))
        rows.append([str(q["index"]), _t(f"b.purpose.{q['purpose']}", lang), q["url"], str(q["status"] or "-"),
                     f"#{q['conn']}" if q["conn"] >= 0 else "-", fmt_ms(start), fmt_ms(q["end_ms"]), str(q["bytes"])])
    cols = [_t(f"b.col.{c}", lang) for c in ("n", "purpose", "url", "status", "conn", "start", "end", "bytes")]
    blocks: list = [document.Table(columns=cols, rows=rows)]
    if spans:
        blocks.insert(0, document.Chart(x_label=_t("b.axis.since-enter", lang), x_unit="ms", spans=spans,
                                        title=_t("b.chart.waterfall", lang)))
    return blocks


def _short(url: str) -> str:
    return url.split("://", 1)[-1][:60]


def _closer(r: JourneyResult, lang: str) -> list:
    items = []
    for row in r.inspections:
        items.append((f"{row['step']} ({row['probe']}, {fmt_ms(row['ms'])})", _ko(row["summary"], row["summary_ko"], lang)))
    return [document.KeyValues(items), document.Text(_t("b.closer-note", lang, step=r.inspections[0]["step"]))]


def _system(r: JourneyResult, lang: str) -> list[tuple[str, str]]:
    s = r.system
    items = [(_t("b.sys.nsswitch", lang), " ".join(s.get("nsswitch") or []) or "-"),
             (_t("b.sys.resolvers", lang), ", ".join(s.get("resolvers") or []) or "-"),
             (_t("b.sys.search", lang), " ".join(s.get("search") or []) or "-"),
             (_t("b.sys.hosts", lang), str(s.get("hosts_entries", 0))),
             (_t("b.sys.dns-mode", lang), r.dns_mode), (_t("b.sys.protocol", lang), r.protocol)]
    cap = r.capture
    items.append((_t("b.sys.capture", lang), _t("b.sys.capture-on", lang, ifname=cap["ifname"], n=cap.get("frames", 0))
                  if cap.get("ifname") else (cap.get("note") or "-")))
    if cap.get("pcap"):
        items.append(("pcap", cap["pcap"]))
    return items
