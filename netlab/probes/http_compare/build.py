"""HttpCompareResult -> Document (pure): phases, round-trip arithmetic, discovery, waterfalls.

Every word comes from messages.py, in the report's language; numbers and server data as they are.
"""

from __future__ import annotations

from functools import partial

from netlab.i18n import join
from netlab.probes.http_compare import cc
from netlab.probes.http_compare.chart import chart_block
from netlab.probes.http_compare.findings import MIN_RTT_FOR_COUNTING_MS
from netlab.probes.http_compare.messages import M, mode_label, recorded_text, via_ref
from netlab.probes.http_compare.model import HolResult, HolRun, HttpCompareResult, ModePhases, Stat
from netlab.probes.http_compare.phases import round_trips_key
from netlab.report import document
from netlab.units import fmt_ms

BAR_WIDTH = 36


def _num(ms: float) -> str:
    """Milliseconds without the unit (the unit is in the table's title)."""
    return fmt_ms(ms).removesuffix(" ms")


def _stat(s: Stat, unit: str = "ms") -> str:
    if s.median is None:
        return "-"
    spread = s.n > 1 and s.low is not None and s.high is not None
    if unit == "bare":  # the unit is in the table's title
        return _num(s.median) + (f" ({_num(s.low)}–{_num(s.high)})" if spread else "")
    if unit == "x":
        if spread and s.high - s.low >= 0.05:
            return f"{s.median:.1f} ({s.low:.1f}–{s.high:.1f})"
        return f"{s.median:.1f}"
    return fmt_ms(s.median) + (f" ({_num(s.low)}–{fmt_ms(s.high)})" if spread else "")


def build(result: HttpCompareResult, lang: str = "en") -> document.Document:
    t = partial(M.text, lang=lang)
    doc = document.Document(title=t("title", url=result.url), probe="http-compare", findings=list(result.findings),
                            lang=lang)
    doc.blocks.append(_resolution(result, t))
    if result.redirects:
        doc.blocks.append(document.Table(columns=[t("col.status"), t("col.from"), t("col.to")], title=t("redirects"),
                                         rows=[[str(r["status"]), r["from"], r["to"]] for r in result.redirects]))
    if result.resolution.get("error") or not result.address:
        err = result.resolution.get("error")
        doc.summary = recorded_text(err, lang) if err else t("no_address")
        return doc
    doc.blocks.append(_rtt(result, t, lang))
    if result.phases:
        doc.blocks.append(_phases(result, t, lang))
        doc.blocks.append(_arithmetic(result, t, lang))
        if any(p.mode.startswith("h3") for p in result.phases):
            doc.blocks.append(_discovery(result, t, lang))
    if result.congestion:
        doc.blocks.append(_congestion(result, t, lang))
    if result.hol is not None:
        doc.blocks.append(_hol(result, result.hol, t, lang))
    if result.traces:
        doc.blocks.append(_traces(result, t, lang))
    if result.waterfalls:
        doc.blocks.extend(_waterfalls(result, t, lang))
    chart = chart_block(result, lang)
    if chart.spans:  # the waterfalls (or the phases) drawn: a chart in the HTML page, a text plot with -v
        doc.blocks.append(document.Section(title=chart.title, blocks=[chart], verbose=True))
    files = [(t("qlog"), f) for f in result.qlog_files]
    if result.chart:
        files.append((t("chart"), result.chart))
    if files:
        doc.blocks.append(document.KeyValues(items=files, title=t("files")))
    doc.summary = _summary(result, t, lang)
    return doc


def _label(result: HttpCompareResult, mode: str, lang: str) -> str:
    return mode_label(mode, result.connections_h1, lang)


def _summary(result: HttpCompareResult, t, lang: str) -> str | None:
    rtt = result.rtt_ms.median
    done = [p for p in result.phases if p.first_byte.median is not None]
    if not done:
        return None
    if rtt is not None and rtt >= MIN_RTT_FOR_COUNTING_MS:
        parts = ", ".join(f"{_label(result, p.mode, lang)} {p.rtts_to_first_byte.median:.1f}" for p in done
                          if p.rtts_to_first_byte.median is not None)
        return t("summary_rt", parts=parts, rtt=fmt_ms(rtt))
    parts = ", ".join(f"{_label(result, p.mode, lang)} {fmt_ms(p.first_byte.median)}" for p in done)
    return t("summary_small", parts=parts, rtt=fmt_ms(rtt))


def _resolution(result: HttpCompareResult, t) -> document.Section:
    r = result.resolution or {}
    src = r.get("source")
    ms = fmt_ms(r.get("ms"))
    how = {"resolver": lambda: t("via_resolver", resolver=r.get("resolver"), ms=ms), "pinned": lambda: t("pinned"),
           "system": lambda: t("system", ms=ms), "literal": lambda: t("literal")}.get(src, lambda: str(src))()
    items = [(t("name"), r.get("host") or result.host), (t("address"), r.get("address") or "-"), (t("how"), how)]
    if len(r.get("addresses") or []) > 1:
        items.append((t("all"), ", ".join(r["addresses"])))
    if r.get("cnames"):
        items.append((t("cnames"), " -> ".join([r.get("host", "")] + r["cnames"])))
    if r.get("https_records"):
        items.append((t("https"), " | ".join(r["https_records"])))
    return document.Section(title=t("resolution"), blocks=[document.KeyValues(items=items)])


def _rtt(result: HttpCompareResult, t, lang: str) -> document.Section:
    items = [(t("rtt_value"), _stat(result.rtt_ms)), (t("rtt_how"), t("rtt_how_v", n=result.rtt_ms.n))]
    if result.link:
        items.append((t("link"), recorded_text(result.link.get("how") or "", lang)))
    return document.Section(title=t("rtt"), blocks=[document.KeyValues(items=items)])


def _negotiated(p: ModePhases, t) -> str:
    bits = [b for b in (p.http_version, t("neg.alpn", alpn=p.alpn) if p.alpn else None, p.tls_version) if b]
    if p.mode == "h3-0rtt" and p.early_data_accepted is not None:
        bits.append(t("neg.0rtt") if p.early_data_accepted else t("neg.no-0rtt"))
    return ", ".join(bits) or "-"


def _cell(p: ModePhases, key: str, t) -> str:
    h3 = p.mode.startswith("h3")
    if key == "tcp":
        return t("no_tcp") if h3 else _stat(p.tcp_connect, "bare")
    if key == "tls":
        return t("in_quic") if h3 else _stat(p.tls_handshake, "bare")
    if key == "quic":
        return _stat(p.quic_handshake, "bare") if h3 else "-"
    if key == "count":
        return "-" if p.rtts_to_first_byte.median is None else f"{_stat(p.rtts_to_first_byte, 'x')} / {p.expected_rtts}"
    if key == "neg":
        return _negotiated(p, t)
    if key == "wire":
        return _stat(p.rtts_on_wire, "x")
    stats = {"sent": p.request_sent, "fb": p.first_byte, "lb": p.last_byte, "cpu": p.cpu_ms, "gap": p.client_gap}
    return _stat(stats[key], "bare")


def _phases(result: HttpCompareResult, t, lang: str) -> document.Section:
    cols = [t("phase")] + [_label(result, p.mode, lang) for p in result.phases]
    rows = []
    for key in ("tcp", "tls", "quic", "sent", "fb", "lb", "count", "gap", "wire", "neg", "cpu"):
        row = [t(key)]
        for p in result.phases:
            if p.first_byte.n == 0 and key != "cpu":
                row.append(t("failed", n=p.failed_runs, r=p.runs) if key == "fb" else "")
            else:
                row.append(_cell(p, key, t))
        rows.append(row)
    return document.Section(title=t("phases", r=result.repeat), blocks=[document.Table(columns=cols, rows=rows)])


def _arithmetic(result: HttpCompareResult, t, lang: str) -> document.Section:
    rtt = result.rtt_ms.median
    rows = []
    for p in result.phases:
        if p.first_byte.median is None:
            continue
        count, wire = p.rtts_to_first_byte.median, p.rtts_on_wire.median
        key = round_trips_key(p.mode, p.tls_version, p.early_data_accepted)[1]
        rows.append([
            _label(result, p.mode, lang), fmt_ms(p.first_byte.median), f"÷ {_num(rtt)}" if rtt else "-",
            f"= {count:.2f}" if count is not None else "-", f"{wire:.2f}" if wire is not None else "-",
            str(p.expected_rtts or "-"), M.text(key, lang) if key else p.arithmetic,
        ])
    columns = [t("proto"), t("fb"), "RTT", t("measured"), t("wire_short"), t("exp"), t("why")]
    return document.Section(title=t("arith"), blocks=[document.Table(columns=columns, rows=rows), document.Text(t("wire_note"))])


def _discovery(result: HttpCompareResult, t, lang: str) -> document.Section:
    d = result.discovery or {}
    via = d.get("advertised_by") or []
    items = [
        (t("alt"), d.get("alt_svc") or "-"),
        (t("https_alpn"), ", ".join(d.get("https_alpn") or []) or "-"),
        (t("adv"), join(via_ref(v) for v in via).render(lang) if via else t("not_adv")),
    ]
    return document.Section(title=t("disc"), blocks=[document.KeyValues(items=items)])


def _traces(result: HttpCompareResult, t, lang: str) -> document.Section:
    blocks = []
    for tr in result.traces:
        entries = [document.TimelineEntry(label=name, t_ms=ms) for name, ms in tr["events"]]
        title = t("trace", label=_label(result, tr["mode"], lang), run=tr["run"])
        blocks.append(document.Timeline(entries=entries, title=title))
    return document.Section(title=t("traces"), blocks=blocks, verbose=True)


def bar(start: float, first: float | None, end: float | None, scale: float, width: int = BAR_WIDTH,
        connect: float | None = None) -> str:
    """An ASCII bar (scale = ms per character): spaces until start, ▒ for a new connection's set-up,
    ░ until the first byte, █ until the end."""
    if scale <= 0:
        return ""
    a = int(start / scale)
    b = int((first if first is not None else (end if end is not None else start)) / scale)
    c = int((end if end is not None else (first if first is not None else start)) / scale)
    a, b, c = min(a, width - 1), min(max(b, a), width), min(max(c, b), width)
    k = min(max(int((start + connect) / scale), a), b) if connect else a
    s = " " * a + "▒" * (k - a) + "░" * (b - k) + "█" * max(c - b, 1 if end is not None else 0)
    return s[:width].ljust(width)


def _waterfalls(result: HttpCompareResult, t, lang: str) -> list:
    blocks: list = []
    longest = max((w.total_ms or 0.0) for w in result.waterfalls) or 1.0
    scale = longest / BAR_WIDTH
    columns = [t(f"col.{c}") for c in ("index", "object", "conn", "start", "end", "timeline")]
    for w in result.waterfalls:
        rows = [[str(b.index), b.path + (f"  ({recorded_text(b.error, lang)})" if b.error else ""),
                 str(b.conn) if b.conn >= 0 else "-", fmt_ms(b.start_ms), fmt_ms(b.end_ms),
                 bar(b.start_ms, b.first_byte_ms, b.end_ms, scale, connect=b.connect_ms)] for b in w.bars]
        title = t("wf", label=_label(result, w.mode, lang), run=w.run, n=len(w.bars), c=w.connections,
                  total=fmt_ms(w.total_ms))
        blocks.append(document.Section(title=title, blocks=[document.Table(columns=columns, rows=rows),
                                                            document.Text(t("wf_legend", scale=fmt_ms(scale)))]))
    rows = [[_label(result, w.mode, lang), str(w.connections), fmt_ms(w.total_ms), fmt_ms(w.completion.median),
             fmt_ms(w.completion_p90), fmt_ms(w.completion.high)] for w in result.waterfalls]
    columns = [t(f"col.{c}") for c in ("protocol", "connections", "page-total", "median", "p90", "max")]
    blocks.append(document.Section(title=t("compl"), blocks=[document.Table(columns=columns, rows=rows)]))
    return blocks


# ---------------------------------------------------------------------- congestion control


def _cc_how(side: dict, t) -> str:
    how = side.get("how") or "unknown"
    if how == "namespace":
        return t("cc.how.namespace", host=side.get("host") or "?", key="net.ipv4.tcp_congestion_control")
    if how == "set":
        return t("cc.how.set", host=side.get("host") or "?", previous=cc.display(side.get("previous")))
    if how == "scenario":
        return t("cc.how.scenario", host=side.get("host") or "?")
    if how in ("server-header", "sandbox-service"):
        return t(f"cc.how.{how}", impl=side.get("implementation") or "?", server=side.get("server") or "-",
                 source=side.get("source") or "")
    if how in ("live", "kernel", "aioquic"):
        return t(f"cc.how.{how}")
    return t("cc.how.unknown")


def _congestion(result: HttpCompareResult, t, lang: str) -> document.Section:
    items = []
    for key in ("tcp_server", "quic_server", "tcp_client", "quic_client"):
        side = result.congestion.get(key)
        if side is None:
            continue
        if side.get("algorithm"):
            value = t("cc.value", algo=cc.display(side["algorithm"]), family=t(f"cc.family.{side.get('family') or 'none'}"),
                      how=_cc_how(side, t))
        else:
            value = f"{t('cc.unknown')} — {_cc_how(side, t)}"
        items.append((t(f"cc.{key}"), value))
    return document.Section(title=t("cc.title"), blocks=[document.KeyValues(items=items), document.Text(t("cc.note"))])


# ---------------------------------------------------------------------- --hol


def _ms_cell(ms: float | None) -> str:
    return "-" if ms is None else fmt_ms(ms)


def _what(s, t) -> str:
    if s.error and not s.last_byte_ms:
        return t("hol.what.failed", error=recorded_text(s.error, "en"))
    if s.done_before_loss:
        return t("hol.what.done")
    if s.waited:
        return t("hol.what.hit") if s.hit else t("hol.what.waited")
    if s.finished_during_stall:
        return t("hol.what.kept-done")
    return t("hol.what.kept", bytes=s.bytes_during_stall)


def _run_table(result: HttpCompareResult, r: HolRun, t, lang: str) -> document.Table:
    rows = []
    for s in r.streams:
        sid = "-" if s.stream_id is None else str(s.stream_id)
        rows.append([t("hol.stream", i=s.index, sid=sid), str(s.bytes), _ms_cell(s.first_byte_ms),
                     _ms_cell(s.last_byte_ms), _ms_cell(s.wait_ms) if not s.done_before_loss else "-", _what(s, t)])
    key = "hol.run-title-q" if r.fill_how == "qlog" else "hol.run-title"
    title = t(key, label=_label(result, r.mode, lang), run=r.run + 1, loss=_ms_cell(r.loss_ms),
              start=_ms_cell(r.stall_ms), fill=_ms_cell(r.fill_ms))
    cols = [t(f"hol.col.{c}") for c in ("stream", "bytes", "first", "last", "wait", "what")]
    return document.Table(columns=cols, rows=rows, title=title)


def _hol_chart(result: HttpCompareResult, h: HolResult, runs: list[HolRun], t, lang: str) -> document.Chart:
    spans = []
    wait, recv, stall = t("hol.part.wait"), t("hol.part.recv"), t("hol.part.stall")
    for r in runs:
        for s in r.streams:
            row = t("hol.row", label=_label(result, r.mode, lang), i=s.index)
            if s.first_byte_ms is not None:
                spans.append(document.ChartSpan(row=row, start=0.0, end=s.first_byte_ms, part=wait))
            if s.first_byte_ms is not None and s.last_byte_ms is not None:
                spans.append(document.ChartSpan(row=row, start=s.first_byte_ms, end=s.last_byte_ms, part=recv))
            if s.waited and r.stall_ms is not None and r.fill_ms is not None:
                spans.append(document.ChartSpan(row=row, start=r.stall_ms, end=r.fill_ms, part=stall,
                                                note=t("hol.what.waited")))
    return document.Chart(x_label=t("hol.x"), x_unit="ms", spans=spans,
                          title=t("hol.chart", k=h.streams, run=(h.representative or 0) + 1))


def _stat_cell(s: Stat, digits: int = 0) -> str:
    if s.median is None:
        return "-"
    if s.n > 1 and s.low != s.high:
        return f"{s.median:.{digits}f} ({s.low:.{digits}f}–{s.high:.{digits}f})"
    return f"{s.median:.{digits}f}"


def _hol(result: HttpCompareResult, h: HolResult, t, lang: str) -> document.Section:
    how = h.object_how if h.object_how in ("manifest", "given", "document") else "document"
    items = [(t("hol.k"), str(h.streams)),
             (t("hol.object"), t(f"hol.obj.{how}", path=h.object or "?", size=h.object_bytes or "?")),
             (t("hol.rule-k"), t("hol.rule-v", port=result.port, after=h.after_bytes if h.after_bytes is not None else "?"))]
    for r in h.runs:
        if not r.fired:
            items.append((t("hol.dropped") + f" ({_label(result, r.mode, lang)})", t("hol.drop-none", run=r.run + 1)))
            continue
        d = r.drop
        key = "hol.drop-tcp" if d.get("protocol") == "tcp" else "hol.drop-udp"
        items.append((t("hol.dropped") + f" ({_label(result, r.mode, lang)})",
                      t(key, run=r.run + 1, seq=d.get("seq"), bytes=d.get("payload_len"),
                        before=d.get("payload_bytes_before"))))
    blocks: list = [document.KeyValues(items=items)]
    rep = [r for r in h.runs if r.run == h.representative]
    for r in rep:
        blocks.append(_run_table(result, r, t, lang))
    if rep:
        blocks.append(_hol_chart(result, h, rep, t, lang))
    if len({r.run for r in h.runs}) > 1:
        rows = []
        for mode, v in h.summary.items():
            waited, inc = v["waited"], v["incomplete"]
            rows.append([_label(result, mode, lang), f"{v['fired']}/{v['runs']}",
                         f"{_stat_cell(waited)} / {_stat_cell(inc)}", _stat_cell(v["retransmit"]),
                         _stat_cell(v["other_wait"], 1), _stat_cell(v["total"])])
        cols = [t(f"hol.col.{c}") for c in ("protocol", "drops", "waited", "retx", "others", "total")]
        blocks.append(document.Table(columns=cols, rows=rows, title=t("hol.summary")))
    blocks.append(document.Text(t("hol.note")))
    return document.Section(title=t("hol.title"), blocks=blocks)
