"""tcp-handshake report: TcpHandshakeResult -> Document (pure)."""

from __future__ import annotations

from netlab.probes.tcp_handshake.analyze import LINUX_TIME_WAIT_S
from netlab.probes.tcp_handshake.model import PROBE, TcpHandshakeResult
from netlab.report.document import (
    Document,
    KeyValues,
    Section,
    SeqMessage,
    Sequence,
    Table,
    Text,
    Timeline,
    TimelineEntry,
    fmt_ms,
)

_L = {
    "title": ("TCP connection to {t}", "{t} 로의 TCP 연결"),
    "connection": ("Connection", "연결"),
    "target": ("target", "대상"),
    "address": ("address", "주소"),
    "local": ("our end", "우리 쪽"),
    "outcome": ("outcome", "결과"),
    "rtt": ("handshake RTT (SYN -> SYN,ACK)", "핸드셰이크 RTT (SYN -> SYN,ACK)"),
    "may_send": ("client may send data", "클라이언트가 데이터를 보낼 수 있는 시점"),
    "first_data": ("first data segment left", "첫 데이터 세그먼트 송신"),
    "arrives": ("...reaches the server about", "...서버 도착 (추정)"),
    "connect": ("connect() call took", "connect() 호출 시간"),
    "warm": ("ICMP echo RTT before (warm-up)", "사전 ICMP echo RTT (워밍업)"),
    "isn": ("initial sequence numbers (client / server)", "초기 순서 번호 ISN (클라이언트 / 서버)"),
    "sequence": ("Sequence diagram", "시퀀스 다이어그램"),
    "packets": ("Packets (captured at the client)", "패킷 (클라이언트에서 캡처)"),
    "options": ("TCP options in the SYNs, explained", "SYN 의 TCP 옵션 설명"),
    "states": ("Socket states", "소켓 상태"),
    "kernel": ("The kernel's view of our socket", "커널이 본 우리 소켓"),
    "table": ("Kernel socket table (ss)", "커널 소켓 테이블 (ss)"),
    "nocap": ("No capture", "캡처 없음"),
    "data": ("Data", "데이터"),
}

_OUTCOME = {
    "connected": ("connected", "연결됨"),
    "refused": ("refused (RST)", "거부됨 (RST)"),
    "timeout": ("no answer (timeout)", "응답 없음 (시간 초과)"),
    "unreachable": ("unreachable", "도달 불가"),
    "no-such-name": ("name does not resolve", "이름 해석 실패"),
    "error": ("error", "오류"),
    "unknown": ("unknown", "알 수 없음"),
}


def _t(key: str, lang: str, **kw) -> str:
    en, ko = _L[key]
    return (ko if lang == "ko" else en).format(**kw)


def _endpoint(a: str | None, p: int | None) -> str:
    if a is None:
        return "-"
    return f"[{a}]:{p}" if ":" in a else f"{a}:{p}"


def _pkt_label(p) -> str:
    if p.direction == "icmp":
        return p.summary
    parts = [p.flags]
    if p.rel_seq is not None:
        parts.append(f"seq={p.rel_seq}")
    if p.rel_ack is not None:
        parts.append(f"ack={p.rel_ack}")
    if p.payload_len:
        parts.append(f"len={p.payload_len}")
    opts = [o for o in p.options if o.name in ("MSS", "WS", "SACK_PERM", "TS")]
    if "SYN" in p.flags.split(","):
        parts.append(f"win={p.window}")
        names = []
        for o in opts:
            if o.name == "MSS":
                names.append(f"MSS={o.value}")
            elif o.name == "WS":
                names.append(f"WS={(o.value.split() or ['?'])[0]}")
            elif o.name == "SACK_PERM":
                names.append("SACK")
            else:
                names.append("TS")
        if names:
            parts.append("<" + " ".join(names) + ">")
    return " ".join(parts)


def build(result: TcpHandshakeResult, lang: str = "en") -> Document:
    r = result
    target = f"{r.host}:{r.port}" if r.host else _endpoint(r.address, r.port)
    doc = Document(title=_t("title", lang, t=target), probe=PROBE, lang=lang, findings=list(r.findings))
    doc.summary = _summary(r, lang)

    kv = [
        (_t("target", lang), target),
        (_t("address", lang), _endpoint(r.address, r.port) + (f" (IPv{r.family})" if r.family else "")),
        (_t("local", lang), _endpoint(r.local_address, r.local_port)),
        (_t("outcome", lang), _OUTCOME.get(r.outcome, (r.outcome, r.outcome))[1 if lang == "ko" else 0]
         + (f" — {r.error}" if r.error and r.outcome != "connected" else "")),
    ]
    if r.handshake_rtt_ms is not None:
        rtt = r.handshake_rtt_ms
        kv.append((_t("rtt", lang), fmt_ms(rtt)))
        kv.append((_t("may_send", lang), f"{fmt_ms(rtt)} after the SYN (1 RTT: it sends its ACK and data together)"
                   if lang != "ko" else f"SYN 후 {fmt_ms(rtt)} (1 RTT: ACK 와 데이터를 함께 보냄)"))
        if r.first_data_ms is not None:
            kv.append((_t("first_data", lang), f"{fmt_ms(r.first_data_ms)} ({r.first_data_ms / rtt:.2f} RTT)"
                       if rtt else fmt_ms(r.first_data_ms)))
            kv.append((_t("arrives", lang),
                       f"{fmt_ms(r.first_data_ms + rtt / 2)} ({(r.first_data_ms + rtt / 2) / rtt:.2f} RTT)"
                       if rtt else "-"))
    if r.connect_ms is not None:
        kv.append((_t("connect", lang), fmt_ms(r.connect_ms)))
    if r.warm_rtt_ms is not None:
        kv.append((_t("warm", lang), fmt_ms(r.warm_rtt_ms)))
    if r.client_isn is not None:
        kv.append((_t("isn", lang), f"{r.client_isn} / {r.server_isn if r.server_isn is not None else '-'}"))
    if r.pcap_path:
        kv.append(("pcap", r.pcap_path))
    doc.blocks.append(Section(_t("connection", lang), [KeyValues(kv)]))

    if r.packets:
        doc.blocks.append(Section(_t("sequence", lang), [_sequence(r)]))
        doc.blocks.append(Section(_t("packets", lang), [_packet_table(r, lang)]))
        opt_rows = []
        for p in r.packets:
            if "SYN" not in p.flags.split(","):
                continue
            who = "client" if p.direction == "c>s" else "server"
            for o in p.options:
                opt_rows.append([who, o.name, o.value, o.meaning])
        if opt_rows:
            doc.blocks.append(Section(_t("options", lang), [Table(["side", "option", "value", "meaning"], opt_rows)]))
    elif r.capture_note:
        doc.blocks.append(Section(_t("nocap", lang), [Text(r.capture_note)]))

    if r.states:
        entries = []
        for sc in r.states:
            label = f"{sc.side}: {sc.state}"
            if sc.observed:
                label += "  (seen by the kernel)" if lang != "ko" else "  (커널에서 확인)"
            entries.append(TimelineEntry(label=label, t_ms=sc.t_ms, detail=sc.why,
                                         depth=0 if sc.side == "client" else 1,
                                         status="info" if sc.state == "TIME_WAIT" else "ok"))
        note = (f"TIME_WAIT lasts {LINUX_TIME_WAIT_S} s on Linux (TCP_TIMEWAIT_LEN, fixed; "
                "tcp_fin_timeout does not change it)." if lang != "ko" else
                f"리눅스의 TIME_WAIT 은 {LINUX_TIME_WAIT_S} 초입니다 (TCP_TIMEWAIT_LEN 고정값; "
                "tcp_fin_timeout 으로 바뀌지 않음).")
        blocks = [Timeline(entries)]
        if r.close_initiator or any(sc.state == "TIME_WAIT" for sc in r.states):
            blocks.append(Text(note))
        doc.blocks.append(Section(_t("states", lang), blocks))

    kernel_blocks = []
    if r.tcp_info:
        ti = r.tcp_info
        kernel_blocks.append(KeyValues([
            ("state", str(ti.get("state"))),
            ("rtt / rttvar", f"{fmt_ms(ti.get('rtt_ms'))} / {fmt_ms(ti.get('rttvar_ms'))}"),
            ("rto", fmt_ms(ti.get("rto_ms"))),
            ("cwnd (segments)", str(ti.get("snd_cwnd"))),
            ("mss (send / receive)", f"{ti.get('snd_mss')} / {ti.get('rcv_mss')}"),
            ("window scale (send / receive)", f"{ti.get('snd_wscale')} / {ti.get('rcv_wscale')}"),
            ("retransmits (total)", str(ti.get("total_retrans"))),
            ("options", ", ".join(k for k, v in (ti.get("options") or {}).items() if v) or "none"),
        ], title="TCP_INFO"))
    if r.socket_table:
        rows = [[fmt_ms(s["t_ms"]), s["moment"], s["state"] or "(gone)", s["timer"] or ""] for s in r.socket_table]
        kernel_blocks.append(Table(["t", "moment", "state", "timer"], rows, title=_t("table", lang)))
    if kernel_blocks:
        doc.blocks.append(Section(_t("kernel", lang), kernel_blocks))

    if r.sent_bytes or r.received_bytes:
        items = [("sent", f"{r.sent_bytes} bytes"), ("received", f"{r.received_bytes} bytes")]
        if r.reply_preview:
            items.append(("reply starts", r.reply_preview))
        doc.blocks.append(Section(_t("data", lang), [KeyValues(items)]))
    return doc


def _sequence(r: TcpHandshakeResult) -> Sequence:
    msgs = []
    # each state change as a note on the packet that caused it; a side's notes never go backwards
    # (when the FINs cross, the server's change caused by our earlier FIN is noted with its own FIN)
    at: dict[int, list[str]] = {}
    last: dict[str, int] = {}
    for sc in r.states:
        if sc.packet is None:
            continue
        idx = max(sc.packet, last.get(sc.side, 0))
        last[sc.side] = idx
        at.setdefault(idx, []).append(f"{sc.side} {sc.state}")
    participants = ["client", "server"]
    for p in r.packets:
        if p.direction == "icmp":
            who = "server" if (p.src is None or p.src == r.address) else "router"
            if who not in participants:
                participants.append(who)
            msgs.append(SeqMessage(who, "client", p.summary, p.t_ms, status="error"))
            continue
        src, dst = ("client", "server") if p.direction == "c>s" else ("server", "client")
        status = "ok"
        if "RST" in p.flags.split(","):
            status = "error"
        elif p.notes:
            status = "warning"
        note = "; ".join(p.notes + at.get(p.index, [])) or None
        msgs.append(SeqMessage(src, dst, _pkt_label(p), p.t_ms, note=note, status=status))
    return Sequence(participants, msgs)


def _packet_table(r: TcpHandshakeResult, lang: str) -> Table:
    rows = []
    for p in r.packets:
        if p.direction == "icmp":
            rows.append([str(p.index), f"{p.t_ms:.3f}", "<-", p.flags, "", "", "", "", p.summary])
            continue
        arrow = "->" if p.direction == "c>s" else "<-"
        seq = f"{p.rel_seq} ({p.seq})" if p.rel_seq is not None else str(p.seq)
        ack = f"{p.rel_ack} ({p.ack})" if p.rel_ack is not None else "-"
        win = str(p.window) + (f" ({p.window_raw}x{1 << p.scale})" if p.scale else "")
        rows.append([str(p.index), f"{p.t_ms:.3f}", arrow, p.flags, seq, ack, win, str(p.payload_len),
                     "; ".join(p.notes)])
    cols = ["#", "t (ms)", "dir", "flags", "seq rel (abs)", "ack rel (abs)", "window", "len", "notes"]
    return Table(cols, rows)


def _summary(r: TcpHandshakeResult, lang: str) -> str:
    ko = lang == "ko"
    if r.outcome == "no-such-name":
        return f"{r.host} 이름을 해석하지 못했습니다." if ko else f"The name {r.host} did not resolve."
    if r.outcome == "refused":
        return (f"포트 {r.port} 는 닫혀 있습니다: 서버가 SYN 에 RST 로 답했습니다." if ko else
                f"Port {r.port} is closed: the server answered the SYN with RST.")
    if r.outcome == "timeout":
        n = max(0, len(r.syn_times_ms) - 1)
        return (f"SYN 에 응답이 없습니다 (재전송 {n}회): 포트가 필터링되고 있습니다." if ko else
                f"No answer to the SYN ({n} retransmissions): the port is filtered.")
    if r.outcome == "unreachable":
        return "대상에 도달할 수 없습니다." if ko else "The target is unreachable."
    if r.outcome != "connected":
        return (f"연결 실패: {r.error}" if ko else f"Connection failed: {r.error}")
    parts = []
    if r.handshake_rtt_ms is not None:
        parts.append(f"3-way handshake {fmt_ms(r.handshake_rtt_ms)} (1 RTT)" if not ko else
                     f"3-way handshake {fmt_ms(r.handshake_rtt_ms)} (왕복 1회)")
    elif r.connect_ms is not None:
        parts.append(f"connect() {fmt_ms(r.connect_ms)}")
    if r.sent_bytes or r.received_bytes:
        parts.append(f"{r.sent_bytes} bytes sent, {r.received_bytes} received" if not ko else
                     f"{r.sent_bytes} 바이트 송신, {r.received_bytes} 바이트 수신")
    if r.close_initiator == "client":
        parts.append("we closed first and entered TIME_WAIT" if not ko else "우리가 먼저 닫고 TIME_WAIT 에 들어감")
    elif r.close_initiator == "server":
        parts.append("the server closed first (it holds TIME_WAIT)" if not ko else
                     "서버가 먼저 닫음 (TIME_WAIT 은 서버 쪽)")
    elif r.close_initiator == "both":
        parts.append("simultaneous close" if not ko else "동시 종료")
    return ("; ".join(parts) + ".") if parts else ("Connected." if not ko else "연결됨.")
