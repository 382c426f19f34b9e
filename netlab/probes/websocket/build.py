"""websocket report: WebSocketResult -> Document (pure).  Every word from messages.py."""

from __future__ import annotations

from netlab.probes.websocket.findings import median
from netlab.probes.websocket.handshake import GUID
from netlab.probes.websocket.messages import M
from netlab.probes.websocket.model import MAX_READ, PROBE, WebSocketResult
from netlab.report import document
from netlab.units import fmt_ms

SHOWN_FRAMES = 60


def build(result: WebSocketResult, lang: str = "en") -> document.Document:
    r = result
    doc = document.Document(title=M.text("title", lang, url=r.url), probe=PROBE, lang=lang, findings=list(r.findings))
    doc.summary = _summary(r, lang)
    if not r.connected:
        return doc
    u = r.upgrade
    doc.blocks.append(document.Section(M.text("sec.upgrade", lang), _upgrade(r, lang)))
    if u.get("key"):
        doc.blocks.append(document.Section(M.text("sec.accept", lang), [document.KeyValues(_accept(r, lang))]))
    if r.frames:
        doc.blocks.append(document.Section(M.text("sec.frames", lang), [document.Text(M.text("sec.frames.note", lang)), _frames(r, lang),
                                                              _sequence(r, lang)]))
    if r.messages:
        doc.blocks.append(document.Section(M.text("sec.messages", lang), [_messages(r, lang)], verbose=True))
    if r.pings or r.server_pings:
        doc.blocks.append(document.Section(M.text("sec.pings", lang), [document.KeyValues(_pings(r, lang))]))
    if r.polling:
        doc.blocks.append(document.Section(M.text("sec.polling", lang), _polling(r, lang)))
    if u.get("status") == 101:
        doc.blocks.append(document.Section(M.text("sec.close", lang), [document.KeyValues(_close(r, lang))]))
    if r.unmasked_test:
        doc.blocks.append(document.Section(M.text("sec.unmasked", lang), [document.KeyValues(_unmasked(r, lang))]))
    if r.bytes:
        b = r.bytes
        doc.blocks.append(document.Section(M.text("sec.bytes", lang), [document.KeyValues([
            (M.text("kv.handshake-bytes", lang), M.text("kv.handshake-bytes.value", lang, up=b["handshake_up"],
                                                        down=b["handshake_down"])),
            (M.text("kv.frame-bytes", lang), M.text("kv.frame-bytes.value", lang, up=b["frames_up"], hu=b["headers_up"],
                                                    down=b["frames_down"], hd=b["headers_down"])),
        ])], verbose=True))
    return doc


def _summary(r: WebSocketResult, lang: str) -> str:
    if not r.connected:
        return M.text("sum.unreachable", lang, host=r.host, error=r.error or "")
    u = r.upgrade
    if u.get("status") != 101 or not u.get("accept_ok"):
        return M.text("sum.refused", lang, status=u.get("status_line") or "-")
    parts = [M.text("sum.upgraded", lang, rtt=fmt_ms(u.get("rtt_ms")), frames=len(r.frames))]
    rtts = [p["rtt_ms"] for p in r.pings if p["rtt_ms"] is not None]
    if rtts:
        parts.append(M.text("sum.pings", lang, rtt=fmt_ms(median(rtts))))
    if r.push.get("messages"):
        parts.append(M.text("sum.push", lang, n=r.push["messages"]))
    if r.polling:
        p = r.polling
        parts.append(M.text("sum.polling", lang, req=p["requests"], bytes=p["bytes_up"] + p["bytes_down"],
                            up=p["updates"], pbytes=r.push.get("wire_bytes", 0)))
    if r.close.get("first"):
        parts.append(M.text("sum.close", lang, who=M.text(f"who.{r.close['first']}", lang), code=r.close.get("code")))
    return M.text("sum.end", lang, parts="; ".join(parts))


def _upgrade(r: WebSocketResult, lang: str) -> list:
    u = r.upgrade
    req = [[M.text("kv.request", lang), u.get("request_line", "")]] + [[k, v] for k, v in u.get("request_headers", [])]
    resp = [[M.text("kv.response", lang), u.get("status_line", "") or "-"]] + \
        [[k, v] for k, v in u.get("response_headers", [])]
    kv = []
    if u.get("rtt_ms") is not None:
        kv.append((M.text("kv.rtt", lang), fmt_ms(u["rtt_ms"])))
    if u.get("connect_ms") is not None:
        tls = f" ({u['tls']})" if u.get("tls") else ""
        kv.append((M.text("kv.connect", lang), fmt_ms(u["connect_ms"]) + tls))
    offered = ", ".join(u.get("subprotocols_offered") or []) or M.text("none", lang)
    kv.append((M.text("kv.subprotocol", lang), f"{offered} -> {u.get('subprotocol') or M.text('none', lang)}"))
    kv.append((M.text("kv.extensions", lang),
               f"{u.get('extensions_offered') or M.text('none', lang)} -> {u.get('extensions') or M.text('none', lang)}"))
    return [document.Table(["", ""], req), document.Table(["", ""], resp), document.KeyValues(kv)]


def _accept(r: WebSocketResult, lang: str) -> list[tuple[str, str]]:
    u = r.upgrade
    return [
        (M.text("kv.key", lang), u["key"]),
        (M.text("kv.concat", lang), f"{u['key']}{GUID}"),
        (M.text("kv.sha1", lang), u.get("sha1") or "-"),
        (M.text("kv.expected", lang), u.get("expected") or "-"),
        (M.text("kv.accept", lang), u.get("accept") or M.text("none", lang)),
        (M.text("kv.match", lang), M.text("kv.match.yes" if u.get("accept_ok") else "kv.match.no", lang)),
    ]


def _frames(r: WebSocketResult, lang: str) -> document.Table:
    rows = []
    shown = r.frames if len(r.frames) <= SHOWN_FRAMES else r.frames[:SHOWN_FRAMES - 10] + r.frames[-10:]
    for f in shown:
        notes = "; ".join(M.text(f"p.{p}", lang) for p in f.problems if f"p.{p}" in M.messages)
        content = f.preview + (f" [{notes}]" if notes else "")
        flags = "/".join("1" if b else "0" for b in (f.fin, f.rsv1, f.masked))
        rows.append([str(f.index), fmt_ms(f.t_ms), f.direction, flags, f.opcode, f.mask_key or "-",
                     M.text("bits", lang, n=f.length_form), str(f.length), content])
    cols = ["#", "t", M.text("col.dir", lang), "FIN/RSV1/MASK", M.text("col.opcode", lang), M.text("col.mask", lang),
            M.text("col.form", lang), M.text("col.length", lang), M.text("col.payload", lang)]
    return document.Table(cols, rows)


def _sequence(r: WebSocketResult, lang: str) -> document.Sequence:
    client, server = M.text("who.client", lang), r.host
    msgs = []
    u = r.upgrade
    if u.get("request_line"):
        msgs.append(document.SeqMessage(client, server, u["request_line"] + " (Upgrade: websocket)", u.get("t_request_ms")))
    if u.get("status_line"):
        msgs.append(document.SeqMessage(server, client, u["status_line"], u.get("t_response_ms"),
                                        status="ok" if u.get("status") == 101 else "error"))
    for f in r.frames[:40]:
        src, dst = (client, server) if f.direction == "c>s" else (server, client)
        label = f"{f.opcode} {f.length} B" + (" masked" if f.masked else "")
        msgs.append(document.SeqMessage(src, dst, label, f.t_ms, status="error" if f.problems and f.direction == "s>c" else "ok"))
    return document.Sequence([client, server], msgs, verbose=True)


def _messages(r: WebSocketResult, lang: str) -> document.Table:
    rows = []
    for m in r.messages:
        kind = M.text("kind.sent", lang) if m["direction"] == "c>s" else M.text(
            "kind.reply" if m.get("reply") else "kind.push", lang)
        text = m["text"] if m["text"] is not None else ""
        notes = "; ".join(M.text(f"p.{p}", lang) for p in m["problems"] if f"p.{p}" in M.messages)
        rows.append([fmt_ms(m["t_ms"]), m["direction"], kind, m["type"], str(m["frames"]), str(m["wire_bytes"]),
                     str(m["data_len"]), (text[:50] + (" [" + notes + "]" if notes else "")).strip()])
    cols = ["t", M.text("col.dir", lang), M.text("col.kind", lang), M.text("col.type", lang), M.text("col.frames", lang),
            M.text("col.wire", lang), M.text("col.size", lang), M.text("col.payload", lang)]
    return document.Table(cols, rows)


def _pings(r: WebSocketResult, lang: str) -> list[tuple[str, str]]:
    kv = []
    for p in r.pings:
        kv.append((M.text("ping.ours", lang, payload=p["payload"]),
                   M.text("ping.rtt", lang, rtt=fmt_ms(p["rtt_ms"])) if p["rtt_ms"] is not None
                   else M.text("ping.lost", lang)))
    for p in r.server_pings:
        label = M.text("ping.server", lang, t=fmt_ms(p["t_ms"]))
        if p.get("since_last_ms"):
            kv.append((label, M.text("ping.server.value", lang, rtt=fmt_ms(p["rtt_ms"]), since=fmt_ms(p["since_last_ms"]))))
        else:
            kv.append((label, M.text("ping.server.first", lang, rtt=fmt_ms(p["rtt_ms"]))))
    return kv


def _polling(r: WebSocketResult, lang: str) -> list:
    p, w = r.polling, r.push
    pl = [x["latency_ms"] for x in p["latencies"]]
    wl = [x["latency_ms"] for x in w.get("latencies", [])]

    def lat(values):
        return M.text("poll.latency.value", lang, med=fmt_ms(median(values)), max=fmt_ms(max(values))) if values else "-"

    rows = [
        [M.text("poll.requests", lang), "1 (GET + 101)", str(p["requests"])],
        [M.text("poll.empty", lang), "-", str(p["empty"])],
        [M.text("poll.updates", lang), str(w.get("messages", 0)), str(p["updates"])],
        [M.text("poll.bytes", lang), str(w.get("wire_bytes", 0)), str(p["bytes_up"] + p["bytes_down"])],
    ]
    if r.wire and not r.wire.get("error"):
        rows.append([M.text("poll.wire", lang), f"{r.wire['push']['bytes']} ({r.wire['push']['packets']} packets)",
                     f"{r.wire['polling']['bytes']} ({r.wire['polling']['packets']} packets)"])
    rows.append([M.text("poll.latency", lang), lat(wl), lat(pl)])
    cols = [M.text("col.metric", lang), M.text("col.push", lang), M.text("col.poll", lang, s=f"{p['interval_s']:g}")]
    blocks: list = [document.Table(cols, rows), document.Text(M.text("poll.clock" if w.get("same_clock") else "poll.clock.other", lang))]
    series = []
    if wl:
        series.append(document.ChartSeries(M.text("col.push", lang), [(x["seq"], x["latency_ms"]) for x in w["latencies"]],
                                           style="points"))
    if pl:
        series.append(document.ChartSeries(M.text("col.poll", lang, s=f"{p['interval_s']:g}"),
                                           [(x["seq"], x["latency_ms"]) for x in p["latencies"]], style="points", status="warning"))
    if series:
        blocks.append(document.Chart(x_label=M.text("poll.updates", lang), y_label=M.text("poll.latency", lang), y_unit="ms",
                                     series=series, verbose=True))
    return blocks


def _close(r: WebSocketResult, lang: str) -> list[tuple[str, str]]:
    c = r.close
    kv = []
    if c.get("first"):
        kv.append((M.text("close.first", lang), M.text("close.first.value", lang, who=M.text(f"who.{c['first']}", lang),
                                                       t=fmt_ms(c.get("t_ms")), code=c.get("code"),
                                                       meaning=c.get("meaning") or "-", reason=c.get("reason", ""))))
        if c.get("reply_code") is not None or c.get("reply_ms") is not None:
            kv.append((M.text("close.reply", lang), M.text("close.reply.value", lang, code=c.get("reply_code"),
                                                           reason=c.get("reply_reason", ""), t=fmt_ms(c.get("reply_ms")))))
    else:
        kv.append((M.text("close.first", lang), M.text("close.none", lang)))
    how = c.get("tcp_end")
    if how:
        kv.append((M.text("close.tcp", lang), M.text(f"close.tcp.{how}", lang, t=fmt_ms(c.get("tcp_end_ms")),
                                                     mib=MAX_READ >> 20) if f"close.tcp.{how}" in M.messages else how))
    return kv


def _unmasked(r: WebSocketResult, lang: str) -> list[tuple[str, str]]:
    u = r.unmasked_test
    if u.get("close_code") is not None:
        what = M.text("unmasked.closed", lang, code=u["close_code"], reason=u["close_reason"])
    elif u.get("echoed"):
        what = M.text("unmasked.echoed", lang)
    else:
        what = M.text("unmasked.silent", lang)
    return [(M.text("unmasked.sent", lang), M.text("unmasked.sent.value", lang)), (M.text("unmasked.answer", lang), what)]
