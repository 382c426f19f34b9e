"""tcp-handshake report: TcpHandshakeResult -> Document (pure).  Every word from messages.py."""

from __future__ import annotations

from netlab.probes.tcp_handshake.kernel import LINUX_TIME_WAIT_S
from netlab.probes.tcp_handshake.messages import M
from netlab.probes.tcp_handshake.model import PROBE, Packet, StateChange, TcpHandshakeResult
from netlab.probes.tcp_handshake.states import moment_text
from netlab.report import document
from netlab.units import fmt_ms


def _ko(en: str | None, ko: str | None, lang: str) -> str:
    """The Korean twin of a Result text when asked for and present, else the English."""
    return (ko or en or "") if lang == "ko" else (en or "")


def _side(name: str, lang: str) -> str:
    key = f"side.{name}"
    return M.text(key, lang) if key in M.messages else name


def _endpoint(a: str | None, p: int | None) -> str:
    if a is None:
        return "-"
    return f"[{a}]:{p}" if ":" in a else f"{a}:{p}"


def _pkt_label(p: Packet, lang: str) -> str:
    if p.direction == "icmp":
        return _ko(p.summary, p.summary_ko, lang)
    parts = [p.flags]
    if p.rel_seq is not None:
        parts.append(f"seq={p.rel_seq}")
    if p.rel_ack is not None:
        parts.append(f"ack={p.rel_ack}")
    if p.payload_len:
        parts.append(f"len={p.payload_len}")
    if "SYN" in p.flags.split(","):
        parts.append(f"win={p.window}")
        short = {"MSS": lambda o: f"MSS={o.value}", "WS": lambda o: f"WS={(o.value.split() or ['?'])[0]}",
                 "SACK_PERM": lambda o: "SACK", "TS": lambda o: "TS"}
        names = [short[o.name](o) for o in p.options if o.name in short]
        if names:
            parts.append("<" + " ".join(names) + ">")
    return " ".join(parts)


def build(result: TcpHandshakeResult, lang: str = "en") -> document.Document:
    r = result
    target = f"{r.host}:{r.port}" if r.host else _endpoint(r.address, r.port)
    doc = document.Document(title=M.text("title", lang, target=target), probe=PROBE, lang=lang, findings=list(r.findings))
    doc.summary = _summary(r, lang)
    doc.blocks.append(document.Section(M.text("sec.connection", lang), [document.KeyValues(_connection(r, target, lang))]))
    if r.packets:
        doc.blocks.append(document.Section(M.text("sec.sequence", lang), [_sequence(r, lang)]))
        doc.blocks.append(document.Section(M.text("sec.packets", lang), [_packet_table(r, lang)]))
        options = _options_table(r, lang)
        if options is not None:
            doc.blocks.append(document.Section(M.text("sec.options", lang), [options]))
    elif r.capture_note:
        doc.blocks.append(document.Section(M.text("sec.nocap", lang), [document.Text(_ko(r.capture_note, r.capture_note_ko, lang))]))
    if r.states:
        doc.blocks.append(document.Section(M.text("sec.states", lang), _states(r, lang)))
    kernel = _kernel(r, lang)
    if kernel:
        doc.blocks.append(document.Section(M.text("sec.kernel", lang), kernel))
    if r.sent_bytes or r.received_bytes:
        doc.blocks.append(document.Section(M.text("sec.data", lang), [document.KeyValues(_data(r, lang))]))
    return doc


def _connection(r: TcpHandshakeResult, target: str, lang: str) -> list[tuple[str, str]]:
    outcome_key = f"outcome.{r.outcome}"
    outcome = M.text(outcome_key, lang) if outcome_key in M.messages else r.outcome
    if r.error and r.outcome != "connected":
        outcome += f" — {_ko(r.error, r.error_ko, lang)}"
    kv = [
        (M.text("kv.target", lang), target),
        (M.text("kv.address", lang), _endpoint(r.address, r.port) + (f" (IPv{r.family})" if r.family else "")),
        (M.text("kv.local", lang), _endpoint(r.local_address, r.local_port)),
        (M.text("kv.outcome", lang), outcome),
    ]
    rtt = r.handshake_rtt_ms
    if rtt is not None:
        kv.append((M.text("kv.rtt", lang), fmt_ms(rtt)))
        kv.append((M.text("kv.may-send", lang), M.text("kv.may-send.value", lang, rtt=fmt_ms(rtt))))
        if r.first_data_ms is not None:
            arrives = r.first_data_ms + rtt / 2
            kv.append((M.text("kv.first-data", lang),
                       f"{fmt_ms(r.first_data_ms)} ({r.first_data_ms / rtt:.2f} RTT)" if rtt else fmt_ms(r.first_data_ms)))
            kv.append((M.text("kv.arrives", lang), f"{fmt_ms(arrives)} ({arrives / rtt:.2f} RTT)" if rtt else "-"))
    if r.connect_ms is not None:
        kv.append((M.text("kv.connect", lang), fmt_ms(r.connect_ms)))
    if r.warm_rtt_ms is not None:
        kv.append((M.text("kv.warm", lang), fmt_ms(r.warm_rtt_ms)))
    if r.client_isn is not None:
        kv.append((M.text("kv.isn", lang), f"{r.client_isn} / {r.server_isn if r.server_isn is not None else '-'}"))
    if r.pcap_path:
        kv.append(("pcap", r.pcap_path))
    return kv


def _options_table(r: TcpHandshakeResult, lang: str) -> document.Table | None:
    """Each side's SYN options once: a retransmitted SYN that repeats them (only its timestamp
    moves on) is counted, not listed again."""
    rows, seen, repeats = [], {}, {}
    for p in r.packets:
        if "SYN" not in p.flags.split(","):
            continue
        side = "client" if p.direction == "c>s" else "server"
        shape = tuple((o.name, o.value if o.name != "TS" else "") for o in p.options)
        if seen.get(side) == shape:
            repeats[side] = repeats.get(side, 0) + 1
            continue
        seen[side] = shape
        who = _side(side, lang)
        rows.extend([who, o.name, o.value, _ko(o.meaning, o.meaning_ko, lang)] for o in p.options)
    if not rows:
        return None
    for side, n in repeats.items():
        rows.append([_side(side, lang), "", "", M.text("opt.repeated", lang, n=n)])
    cols = [M.text(k, lang) for k in ("col.side", "col.option", "col.value", "col.meaning")]
    return document.Table(cols, rows)


def _states(r: TcpHandshakeResult, lang: str) -> list:
    entries = []
    for sc in r.states:
        label = M.text("state.label", lang, side=_side(sc.side, lang), state=sc.state)
        if sc.observed:
            label += M.text("state.seen", lang)
        entries.append(document.TimelineEntry(label=label, t_ms=sc.t_ms, detail=_ko(sc.why, sc.why_ko, lang),
                                              depth=0 if sc.side == "client" else 1,
                                              status="info" if sc.state == "TIME_WAIT" else "ok"))
    blocks: list = [document.Timeline(entries), document.Text(M.text("states.legend", lang))]
    if r.close_initiator or any(sc.state == "TIME_WAIT" for sc in r.states):
        blocks.append(document.Text(M.text("time-wait.note", lang, s=LINUX_TIME_WAIT_S)))
    return blocks


def _kernel(r: TcpHandshakeResult, lang: str) -> list:
    blocks: list = []
    if r.tcp_info:
        ti = r.tcp_info
        options = ", ".join(k for k, v in (ti.get("options") or {}).items() if v) or M.text("none", lang)
        blocks.append(document.KeyValues([
            (M.text("info.state", lang), str(ti.get("state"))),
            ("rtt / rttvar", f"{fmt_ms(ti.get('rtt_ms'))} / {fmt_ms(ti.get('rttvar_ms'))}"),
            (M.text("info.rto", lang), fmt_ms(ti.get("rto_ms"))),
            (M.text("info.cwnd", lang), str(ti.get("snd_cwnd"))),
            (M.text("info.mss", lang), f"{ti.get('snd_mss')} / {ti.get('rcv_mss')}"),
            (M.text("info.wscale", lang), f"{ti.get('snd_wscale')} / {ti.get('rcv_wscale')}"),
            (M.text("info.retrans", lang), str(ti.get("total_retrans"))),
            (M.text("info.options", lang), options),
        ], title="TCP_INFO"))
        blocks.append(document.Text(M.text("info.mss-note", lang, snd=ti.get("snd_mss"), rcv=ti.get("rcv_mss"))))
    if r.socket_table:
        rows = [[fmt_ms(s["t_ms"]), _moment(s["moment"], lang), s["state"] or M.text("gone", lang), s["timer"] or ""]
                for s in r.socket_table]
        cols = ["t"] + [M.text(k, lang) for k in ("col.moment", "col.state", "col.timer")]
        blocks.append(document.Table(cols, rows, title=M.text("sec.table", lang)))
    return blocks


def _moment(moment: str, lang: str) -> str:
    m = moment_text(moment)
    return m if isinstance(m, str) else m.render(lang)


def _data(r: TcpHandshakeResult, lang: str) -> list[tuple[str, str]]:
    items = [(M.text("data.sent", lang), M.text("bytes", lang, n=r.sent_bytes)),
             (M.text("data.received", lang), M.text("bytes", lang, n=r.received_bytes))]
    if r.reply_preview:
        items.append((M.text("data.reply", lang), r.reply_preview))
    return items


def _state_notes(states: list[StateChange], lang: str) -> dict[int, list[str]]:
    """Each state change as a note on the packet that caused it; a side's notes never go backwards
    (when the FINs cross, the server's change caused by our earlier FIN is noted with its own FIN)."""
    at: dict[int, list[str]] = {}
    last: dict[str, int] = {}
    for sc in states:
        if sc.packet is None:
            continue
        idx = max(sc.packet, last.get(sc.side, 0))
        last[sc.side] = idx
        at.setdefault(idx, []).append(M.text("state.note", lang, side=_side(sc.side, lang), state=sc.state))
    return at


def _sequence(r: TcpHandshakeResult, lang: str) -> document.Sequence:
    msgs = []
    at = _state_notes(r.states, lang)
    client, server = _side("client", lang), _side("server", lang)
    participants = [client, server]
    for p in r.packets:
        if p.direction == "icmp":
            who = server if (p.src is None or p.src == r.address) else _side("router", lang)
            if who not in participants:
                participants.append(who)
            msgs.append(document.SeqMessage(who, client, _ko(p.summary, p.summary_ko, lang), p.t_ms, status="error"))
            continue
        src, dst = (client, server) if p.direction == "c>s" else (server, client)
        status = "ok"
        if "RST" in p.flags.split(","):
            status = "error"
        elif p.notes:
            status = "warning"
        notes = p.notes_ko if (lang == "ko" and p.notes_ko) else p.notes
        note = "; ".join(notes + at.get(p.index, [])) or None
        msgs.append(document.SeqMessage(src, dst, _pkt_label(p, lang), p.t_ms, note=note, status=status))
    return document.Sequence(participants, msgs)


def _packet_table(r: TcpHandshakeResult, lang: str) -> document.Table:
    rows = []
    for p in r.packets:
        if p.direction == "icmp":
            rows.append([str(p.index), f"{p.t_ms:.3f}", "<-", p.flags, "", "", "", "", _ko(p.summary, p.summary_ko, lang)])
            continue
        arrow = "->" if p.direction == "c>s" else "<-"
        seq = f"{p.rel_seq} ({p.seq})" if p.rel_seq is not None else str(p.seq)
        ack = f"{p.rel_ack} ({p.ack})" if p.rel_ack is not None else "-"
        win = str(p.window) + (f" ({p.window_raw}x{1 << p.scale})" if p.scale else "")
        notes = p.notes_ko if (lang == "ko" and p.notes_ko) else p.notes
        rows.append([str(p.index), f"{p.t_ms:.3f}", arrow, p.flags, seq, ack, win, str(p.payload_len), "; ".join(notes)])
    cols = ["#", "t (ms)", M.text("col.dir", lang), "flags", M.text("col.seq", lang), M.text("col.ack", lang),
            M.text("col.window", lang), "len", M.text("col.notes", lang)]
    return document.Table(cols, rows)


def _summary(r: TcpHandshakeResult, lang: str) -> str:
    if r.outcome == "no-such-name":
        return M.text("sum.no-such-name", lang, host=r.host)
    if r.outcome == "refused":
        return M.text("sum.refused", lang, port=r.port)
    if r.outcome == "timeout":
        return M.text("sum.timeout", lang, n=max(0, len(r.syn_times_ms) - 1))
    if r.outcome == "unreachable":
        return M.text("sum.unreachable", lang)
    if r.outcome != "connected":
        return M.text("sum.failed", lang, error=_ko(r.error, r.error_ko, lang))
    parts = []
    if r.handshake_rtt_ms is not None:
        parts.append(M.text("sum.handshake", lang, rtt=fmt_ms(r.handshake_rtt_ms)))
    elif r.connect_ms is not None:
        parts.append(M.text("sum.connect", lang, ms=fmt_ms(r.connect_ms)))
    if r.sent_bytes or r.received_bytes:
        parts.append(M.text("sum.bytes", lang, sent=r.sent_bytes, received=r.received_bytes))
    if r.close_initiator in ("client", "server", "both"):
        parts.append(M.text(f"sum.closed.{r.close_initiator}", lang))
    return M.text("sum.end", lang, parts="; ".join(parts)) if parts else M.text("sum.connected", lang)
