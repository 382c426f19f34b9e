"""HttpCompareResult -> Document (pure): phases, round-trip arithmetic, discovery, waterfalls."""

from __future__ import annotations

from netlab.probes.http_compare.model import HttpCompareResult, ModePhases, Stat
from netlab.report.document import Document, KeyValues, Section, Table, Text, Timeline, TimelineEntry, fmt_ms

BAR_WIDTH = 36

_T = {
    "en": {
        "title": "HTTP/1.1 vs HTTP/2 vs HTTP/3: {url}",
        "resolution": "Name resolution (once; not part of any protocol's time)",
        "name": "name", "address": "address used by every protocol", "all": "all addresses", "how": "how",
        "cnames": "CNAME chain", "https": "HTTPS record",
        "via_resolver": "asked {resolver}, {ms}", "pinned": "pinned with --resolve (no DNS)",
        "system": "the system resolver, {ms}", "literal": "an address in the URL (no DNS)",
        "rtt": "Round-trip time, measured apart from HTTP",
        "rtt_value": "RTT", "rtt_how": "measured by",
        "rtt_how_v": "bare TCP connects (SYN -> SYN/ACK), {n} samples",
        "link": "link impairment", "none": "none",
        "phases": "Phases of a new connection, ms (median of {r} run(s), min–max)",
        "phase": "phase",
        "tcp": "TCP connect", "tls": "TLS handshake", "quic": "QUIC handshake",
        "sent": "request sent", "fb": "first byte", "lb": "last byte",
        "count": "RTTs to 1st byte / expected", "neg": "negotiated", "cpu": "client CPU / run",
        "gap": "client time before request", "wire": "RTTs on the wire",
        "no_tcp": "none (UDP)", "in_quic": "in QUIC", "na": "-",
        "failed": "failed ({n}/{r} runs)",
        "arith": "Round-trip arithmetic (new connection to first byte)",
        "proto": "protocol", "exp": "expected", "measured": "measured", "why": "why",
        "wire_short": "on the wire",
        "wire_note": "on the wire = (first byte - the client's own time before the request) / RTT: "
                     "the protocol's round trips without httpx's or aioquic's processing between the phases.",
        "disc": "How HTTP/3 was found",
        "alt": "Alt-Svc header", "https_alpn": "HTTPS record ALPN", "adv": "advertised by", "not_adv": "nothing",
        "wf": "Waterfall: {label} (run {run}, {n} requests, {c} connection(s), {total})",
        "wf_cols": ["#", "object", "conn", "start", "end", "time line"],
        "wf_legend": "▒ new connection's set-up · ░ waiting for the first byte (queue, request round trip) · "
                     "█ receiving · "
                     "one scale for every protocol: {scale} per character",
        "compl": "Objects: completion time after the page asked for them (all runs)",
        "compl_cols": ["protocol", "connections", "page total (median run)", "median", "p90", "max"],
        "files": "Files", "qlog": "qlog (open in qvis)", "chart": "chart",
        "traces": "Trace events behind the phases (httpx's trace extension; aioquic events for HTTP/3)",
        "trace": "{label}, run {run}: ms since the connection started",
        "redirects": "Redirects followed",
        "summary_rt": "First byte after {parts} round trips (RTT {rtt}).",
        "summary_small": "RTT {rtt}: too small to count round trips; first byte at {parts}.",
    },
    "ko": {
        "title": "HTTP/1.1 vs HTTP/2 vs HTTP/3: {url}",
        "resolution": "이름 해석 (한 번만; 어느 프로토콜 시간에도 넣지 않음)",
        "name": "이름", "address": "모든 프로토콜이 쓰는 주소", "all": "모든 주소", "how": "방법",
        "cnames": "CNAME 사슬", "https": "HTTPS 레코드",
        "via_resolver": "{resolver}에 질의, {ms}", "pinned": "--resolve로 고정 (DNS 없음)",
        "system": "시스템 리졸버, {ms}", "literal": "URL의 주소 (DNS 없음)",
        "rtt": "왕복 시간 (HTTP와 따로 측정)",
        "rtt_value": "RTT", "rtt_how": "측정 방법",
        "rtt_how_v": "HTTP 없이 TCP 연결만 (SYN -> SYN/ACK), 표본 {n}개",
        "link": "링크 손상 설정", "none": "없음",
        "phases": "새 연결의 단계별 시간, ms ({r}회 실행의 중앙값, 최소–최대)",
        "phase": "단계",
        "tcp": "TCP 연결", "tls": "TLS 핸드셰이크", "quic": "QUIC 핸드셰이크",
        "sent": "요청 전송", "fb": "첫 바이트", "lb": "마지막 바이트",
        "count": "첫 바이트까지 RTT / 예상", "neg": "협상 결과", "cpu": "실행당 클라이언트 CPU",
        "gap": "요청 전 클라이언트 시간", "wire": "네트워크 위 RTT",
        "no_tcp": "없음 (UDP)", "in_quic": "QUIC에 포함", "na": "-",
        "failed": "실패 ({n}/{r}회)",
        "arith": "왕복 계산 (새 연결부터 첫 바이트까지)",
        "proto": "프로토콜", "exp": "예상", "measured": "측정", "why": "이유",
        "wire_short": "네트워크 위",
        "wire_note": "네트워크 위 = (첫 바이트 - 요청 전 클라이언트 자신의 시간) / RTT: 단계 사이 httpx·aioquic의 "
                     "처리 시간을 뺀, 프로토콜 자체의 왕복 횟수.",
        "disc": "HTTP/3를 찾은 방법",
        "alt": "Alt-Svc 헤더", "https_alpn": "HTTPS 레코드 ALPN", "adv": "광고한 곳", "not_adv": "없음",
        "wf": "워터폴: {label} (실행 {run}, 요청 {n}개, 연결 {c}개, {total})",
        "wf_cols": ["#", "객체", "연결", "시작", "끝", "시간 축"],
        "wf_legend": "▒ 새 연결 준비 · ░ 첫 바이트를 기다림 (대기열, 요청 왕복) · █ 받는 중 · "
                     "모든 프로토콜이 같은 축: 한 칸 = {scale}",
        "compl": "객체: 페이지가 요청한 뒤 완료까지 걸린 시간 (모든 실행)",
        "compl_cols": ["프로토콜", "연결 수", "페이지 전체 (중앙 실행)", "중앙값", "p90", "최대"],
        "files": "파일", "qlog": "qlog (qvis로 열기)", "chart": "차트",
        "traces": "단계 계산의 근거인 트레이스 이벤트 (httpx trace 확장; HTTP/3는 aioquic 이벤트)",
        "trace": "{label}, 실행 {run}: 연결 시작부터의 ms",
        "redirects": "따라간 리다이렉트",
        "summary_rt": "첫 바이트까지 {parts} 왕복 (RTT {rtt}).",
        "summary_small": "RTT {rtt}: 왕복 횟수를 세기엔 너무 작음; 첫 바이트 {parts}.",
    },
}


def _num(ms: float) -> str:
    return f"{ms:.2f}" if ms < 1 else f"{ms:.1f}" if ms < 100 else f"{ms:.0f}"


def _stat(s: Stat, unit: str = "ms") -> str:
    if s.median is None:
        return "-"
    if unit == "bare":  # the unit is in the table's title
        text = _num(s.median)
        if s.n > 1 and s.low is not None and s.high is not None:
            text += f" ({_num(s.low)}–{_num(s.high)})"
        return text
    if unit == "x":
        if s.n > 1 and s.low is not None and s.high is not None and s.high - s.low >= 0.05:
            return f"{s.median:.1f} ({s.low:.1f}–{s.high:.1f})"
        return f"{s.median:.1f}"
    text = fmt_ms(s.median)
    if s.n > 1 and s.low is not None and s.high is not None:
        text += f" ({fmt_ms(s.low).removesuffix(' ms')}–{fmt_ms(s.high)})"
    return text


def build(result: HttpCompareResult, lang: str = "en") -> Document:
    t = _T.get(lang, _T["en"])
    doc = Document(title=t["title"].format(url=result.url), probe="http-compare", findings=list(result.findings),
                   lang=lang)
    doc.blocks.append(_resolution(result, t))
    if result.redirects:
        doc.blocks.append(Table(columns=["status", "from", "to"], title=t["redirects"],
                                rows=[[str(r["status"]), r["from"], r["to"]] for r in result.redirects]))
    if result.resolution.get("error") or not result.address:
        doc.summary = result.resolution.get("error") or "no address"
        return doc
    doc.blocks.append(_rtt(result, t))
    if result.phases:
        doc.blocks.append(_phases(result, t))
        doc.blocks.append(_arithmetic(result, t))
        if any(p.mode.startswith("h3") for p in result.phases):
            doc.blocks.append(_discovery(result, t))
    if result.traces:
        doc.blocks.append(_traces(result, t))
    if result.waterfalls:
        doc.blocks.extend(_waterfalls(result, t))
    files = [(t["qlog"], f) for f in result.qlog_files]
    if result.chart:
        files.append((t["chart"], result.chart))
    if files:
        doc.blocks.append(KeyValues(items=files, title=t["files"]))
    doc.summary = _summary(result, t)
    return doc


def _summary(result: HttpCompareResult, t: dict) -> str | None:
    rtt = result.rtt_ms.median
    done = [p for p in result.phases if p.first_byte.median is not None]
    if not done:
        return None
    if rtt is not None and rtt >= 2.0:
        parts = ", ".join(f"{p.label} {p.rtts_to_first_byte.median:.1f}" for p in done
                          if p.rtts_to_first_byte.median is not None)
        return t["summary_rt"].format(parts=parts, rtt=fmt_ms(rtt))
    parts = ", ".join(f"{p.label} {fmt_ms(p.first_byte.median)}" for p in done)
    return t["summary_small"].format(parts=parts, rtt=fmt_ms(rtt))


def _resolution(result: HttpCompareResult, t: dict) -> Section:
    r = result.resolution or {}
    src = r.get("source")
    ms = fmt_ms(r.get("ms"))
    how = {"resolver": t["via_resolver"].format(resolver=r.get("resolver"), ms=ms), "pinned": t["pinned"],
           "system": t["system"].format(ms=ms), "literal": t["literal"]}.get(src, str(src))
    items = [(t["name"], r.get("host") or result.host), (t["address"], r.get("address") or "-"), (t["how"], how)]
    if len(r.get("addresses") or []) > 1:
        items.append((t["all"], ", ".join(r["addresses"])))
    if r.get("cnames"):
        items.append((t["cnames"], " -> ".join([r.get("host", "")] + r["cnames"])))
    if r.get("https_records"):
        items.append((t["https"], " | ".join(r["https_records"])))
    return Section(title=t["resolution"], blocks=[KeyValues(items=items)])


def _rtt(result: HttpCompareResult, t: dict) -> Section:
    items = [(t["rtt_value"], _stat(result.rtt_ms)), (t["rtt_how"], t["rtt_how_v"].format(n=result.rtt_ms.n))]
    if result.link:
        items.append((t["link"], result.link.get("how") or ""))
    return Section(title=t["rtt"], blocks=[KeyValues(items=items)])


def _cell(p: ModePhases, key: str, t: dict) -> str:
    h3 = p.mode.startswith("h3")
    if key == "tcp":
        return t["no_tcp"] if h3 else _stat(p.tcp_connect, "bare")
    if key == "tls":
        return t["in_quic"] if h3 else _stat(p.tls_handshake, "bare")
    if key == "quic":
        return _stat(p.quic_handshake, "bare") if h3 else t["na"]
    if key == "count":
        if p.rtts_to_first_byte.median is None:
            return "-"
        return f"{_stat(p.rtts_to_first_byte, 'x')} / {p.expected_rtts}"
    if key == "neg":
        bits = [b for b in (p.http_version, f"ALPN {p.alpn}" if p.alpn else None, p.tls_version) if b]
        if p.mode == "h3-0rtt" and p.early_data_accepted is not None:
            bits.append("0-RTT accepted" if p.early_data_accepted else "no 0-RTT")
        return ", ".join(bits) or "-"
    if key == "cpu":
        return _stat(p.cpu_ms, "bare")
    if key == "gap":
        return _stat(p.client_gap, "bare")
    if key == "wire":
        return _stat(p.rtts_on_wire, "x")
    return _stat({"sent": p.request_sent, "fb": p.first_byte, "lb": p.last_byte}[key], "bare")


def _phases(result: HttpCompareResult, t: dict) -> Section:
    cols = [t["phase"]] + [p.label for p in result.phases]
    rows = []
    for key in ("tcp", "tls", "quic", "sent", "fb", "lb", "count", "gap", "wire", "neg", "cpu"):
        label = t[key]
        row = [label]
        for p in result.phases:
            if p.first_byte.n == 0 and key != "cpu":
                row.append(t["failed"].format(n=p.failed_runs, r=p.runs) if key == "fb" else "")
            else:
                row.append(_cell(p, key, t))
        rows.append(row)
    blocks = [Table(columns=cols, rows=rows)]
    return Section(title=t["phases"].format(r=result.repeat), blocks=blocks)


def _arithmetic(result: HttpCompareResult, t: dict) -> Section:
    rtt = result.rtt_ms.median
    rows = []
    for p in result.phases:
        if p.first_byte.median is None:
            continue
        count = p.rtts_to_first_byte.median
        wire = p.rtts_on_wire.median
        rows.append([
            p.label, fmt_ms(p.first_byte.median), f"÷ {_num(rtt)}" if rtt else "-",
            f"= {count:.2f}" if count is not None else "-", f"{wire:.2f}" if wire is not None else "-",
            str(p.expected_rtts or "-"), p.arithmetic,
        ])
    return Section(title=t["arith"], blocks=[
        Table(columns=[t["proto"], t["fb"], "RTT", t["measured"], t["wire_short"], t["exp"], t["why"]], rows=rows),
        Text(t["wire_note"]),
    ])


def _discovery(result: HttpCompareResult, t: dict) -> Section:
    d = result.discovery or {}
    items = [
        (t["alt"], d.get("alt_svc") or "-"),
        (t["https_alpn"], ", ".join(d.get("https_alpn") or []) or "-"),
        (t["adv"], ", ".join(d.get("advertised_by") or []) or t["not_adv"]),
    ]
    return Section(title=t["disc"], blocks=[KeyValues(items=items)])


def _traces(result: HttpCompareResult, t: dict) -> Section:
    blocks = []
    for tr in result.traces:
        entries = [TimelineEntry(label=name, t_ms=ms) for name, ms in tr["events"]]
        blocks.append(Timeline(entries=entries, title=t["trace"].format(label=tr["label"], run=tr["run"])))
    return Section(title=t["traces"], blocks=blocks, verbose=True)


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


def _waterfalls(result: HttpCompareResult, t: dict) -> list:
    blocks: list = []
    longest = max((w.total_ms or 0.0) for w in result.waterfalls) or 1.0
    scale = longest / BAR_WIDTH
    for w in result.waterfalls:
        rows = []
        for b in w.bars:
            rows.append([
                str(b.index), b.path + (f"  ({b.error})" if b.error else ""), str(b.conn) if b.conn >= 0 else "-",
                fmt_ms(b.start_ms), fmt_ms(b.end_ms),
                bar(b.start_ms, b.first_byte_ms, b.end_ms, scale, connect=b.connect_ms),
            ])
        title = t["wf"].format(label=w.label, run=w.run, n=len(w.bars), c=w.connections, total=fmt_ms(w.total_ms))
        blocks.append(Section(title=title, blocks=[
            Table(columns=t["wf_cols"], rows=rows),
            Text(t["wf_legend"].format(scale=fmt_ms(scale))),
        ]))
    rows = [[w.label, str(w.connections), fmt_ms(w.total_ms), fmt_ms(w.completion.median),
             fmt_ms(w.completion_p90), fmt_ms(w.completion.high)] for w in result.waterfalls]
    blocks.append(Section(title=t["compl"], blocks=[Table(columns=t["compl_cols"], rows=rows)]))
    return blocks
