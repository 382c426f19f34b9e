"""tls-inspect: Result -> Document (pure)."""

from __future__ import annotations

from netlab.probes.tls_inspect.model import CertInfo, TlsInspectResult
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

L = {
    "en": {
        "title": "TLS inspection: {host}:{port}", "conn": "Connection", "target": "Target", "sni": "SNI",
        "address": "Address", "tcp": "TCP connect", "version": "Version", "cipher": "Cipher suite",
        "kx": "Key exchange", "fs": "Forward secrecy", "alpn": "ALPN", "hs": "Handshake (TCP connected -> done)",
        "yes": "yes", "no": "no", "none": "-", "versions": "Versions (each tried alone, in parallel)",
        "v_cols": ["Version", "Result", "Cipher suite", "Group", "Detail"],
        "status": {"accepted": "accepted", "refused": "refused by the server", "not-testable":
                   "not testable from this client", "error": "error"},
        "timeline": "Handshake, message by message ({version})", "rts": "Round trips (measured)",
        "rt_cols": ["#", "What", "Sent", "Answered", "Round trip"], "seq": "Sequence",
        "resume": "Resumption (a second connection offering the session)", "resumed": "Resumed",
        "mech": "Mechanism", "full": "Full handshake", "short": "Resumed handshake", "skipped": "Not sent again",
        "rx": "Bytes received (full -> resumed)", "zero": "0-RTT (early data)",
        "zero_yes": "the server's ticket allows it (netlab does not send early data: Python cannot)",
        "zero_no": "the server's ticket does not allow it",
        "sent": "Certificate chain as sent ({n})", "path": "Chain as validated ({n})",
        "c_cols": ["#", "Role", "Subject (CN)", "Issuer (CN)", "Valid until", "Days left", "Key"],
        "trust": "Trust", "store": "Trust store", "verdict": "Verdict", "reason": "Reason",
        "openssl": "OpenSSL says", "hostcheck": "Host name", "fp": "SHA-256", "sans": "Names (SAN)", "sig": "Signature",
        "problems": "Chain problems", "failure": "The handshake did not complete", "artifacts": "Files",
        "summary_ok": "{host}: {version}, {cipher}, {kx}; certificate {verdict} ({reason}).",
        "summary_fail": "{host}: {failure}.",
        "valid": "valid", "invalid": "INVALID", "unknown": "not checked",
        "rt_none": "(no wait: the client may send data now)", "notes": "Notes",
        "no_version": "no version agreed",
        "how": "Times are ms since connect() was called; a message's time is when our OpenSSL handled it. "
               "RTn marks the round trip it belongs to, measured from our flight leaving the socket to the "
               "first byte of the answer.",
        "trust_src": {"system": "the system's", "sandbox": "the sandbox CA", "cacert": "--cacert"},
    },
    "ko": {
        "title": "TLS 점검: {host}:{port}", "conn": "연결", "target": "대상", "sni": "SNI",
        "address": "주소", "tcp": "TCP 연결", "version": "버전", "cipher": "암호 스위트",
        "kx": "키 교환", "fs": "전방 비밀성", "alpn": "ALPN", "hs": "핸드셰이크 (TCP 연결 -> 완료)",
        "yes": "예", "no": "아니오", "none": "-", "versions": "버전 (각각 단독으로, 병렬 시도)",
        "v_cols": ["버전", "결과", "암호 스위트", "그룹", "상세"],
        "status": {"accepted": "수락", "refused": "서버가 거부", "not-testable": "이 클라이언트로는 시험 불가",
                   "error": "오류"},
        "timeline": "핸드셰이크 메시지 순서 ({version})", "rts": "왕복 (측정값)",
        "rt_cols": ["#", "내용", "보냄", "응답", "왕복 시간"], "seq": "순서도",
        "resume": "세션 재개 (두 번째 연결에서 세션 제시)", "resumed": "재개됨",
        "mech": "방식", "full": "전체 핸드셰이크", "short": "재개 핸드셰이크", "skipped": "다시 보내지 않은 메시지",
        "rx": "받은 바이트 (전체 -> 재개)", "zero": "0-RTT (조기 데이터)",
        "zero_yes": "서버 티켓이 허용함 (netlab은 조기 데이터를 보내지 않음: 파이썬이 지원하지 않음)",
        "zero_no": "서버 티켓이 허용하지 않음",
        "sent": "서버가 보낸 인증서 체인 ({n})", "path": "검증된 체인 ({n})",
        "c_cols": ["#", "역할", "주체 (CN)", "발급자 (CN)", "만료", "남은 일수", "키"],
        "trust": "신뢰", "store": "신뢰 저장소", "verdict": "판정", "reason": "이유",
        "openssl": "OpenSSL 판정", "hostcheck": "호스트 이름", "fp": "SHA-256", "sans": "이름 (SAN)", "sig": "서명 알고리즘",
        "problems": "체인 문제", "failure": "핸드셰이크가 끝나지 않았습니다", "artifacts": "파일",
        "summary_ok": "{host}: {version}, {cipher}, {kx}; 인증서 {verdict} ({reason}).",
        "summary_fail": "{host}: {failure}.",
        "valid": "유효", "invalid": "유효하지 않음", "unknown": "확인 안 함",
        "rt_none": "(대기 없음: 이제 데이터를 보낼 수 있음)", "notes": "참고",
        "no_version": "합의한 버전 없음",
        "how": "시간은 connect()를 호출한 때부터의 ms이고, 메시지 시간은 우리 OpenSSL이 그 메시지를 처리한 "
               "때입니다. RTn은 그 메시지가 속한 왕복으로, 우리 메시지 묶음이 소켓을 떠난 때부터 답의 첫 "
               "바이트까지를 잰 값입니다.",
        "trust_src": {"system": "시스템", "sandbox": "샌드박스 CA", "cacert": "--cacert"},
    },
}


def _cn(name: str) -> str:
    for part in name.split(","):
        if part.startswith("CN="):
            return part[3:]
    return name


def _cert_rows(certs: list[CertInfo]) -> list[list[str]]:
    rows = []
    for c in certs:
        pos = str(c.position + 1) if c.position >= 0 else "store"
        rows.append([pos, c.role, _cn(c.subject), _cn(c.issuer), c.not_after[:10], str(c.days_left), c.key])
    return rows


def _status(message: str) -> str:
    if "compatibility" in message or "after the handshake" in message or "close_notify" in message:
        return "muted"
    if message.startswith(("TCP RST", "TCP FIN", "non-TLS")):
        return "error"
    return "warning" if message.startswith("Alert") else "ok"


def build(result: TlsInspectResult, lang: str = "en") -> Document:
    t = L.get(lang, L["en"])
    r = result
    doc = Document(title=t["title"].format(host=r.host, port=r.port), probe="tls-inspect",
                   findings=list(r.findings), lang=lang)
    yn = {True: t["yes"], False: t["no"], None: t["none"]}
    kv = [(t["target"], f"{r.host}:{r.port}"), (t["sni"], r.sni or t["none"]), (t["address"], r.address or t["none"]),
          (t["tcp"], fmt_ms(r.tcp_connect_ms))]
    if r.version or r.cipher:
        kv += [(t["version"], r.version or t["none"]), (t["cipher"], r.cipher or t["none"]),
               (t["kx"], r.key_exchange or t["none"]), (t["fs"], yn[r.forward_secrecy]),
               (t["alpn"], r.alpn or t["none"]), (t["hs"], fmt_ms(r.handshake_ms))]
    blocks = [Section(t["conn"], [KeyValues(kv)])]
    if r.failure:
        blocks[0].blocks.append(Text(f"{t['failure']}: {r.failure}"))

    if r.versions:
        rows = [[v.version, t["status"].get(v.status, v.status), v.cipher or "", v.group or "", v.detail]
                for v in r.versions]
        blocks.append(Section(t["versions"], [Table(t["v_cols"], rows)]))

    if r.timeline:
        entries = []
        for it in r.timeline:
            arrow = "->" if it.direction == "client->server" else "<-"
            rt = f"RT{it.round_trip}" if it.round_trip is not None else ""
            detail = []
            if it.bytes:
                detail.append(f"{it.bytes} B")
            if it.encrypted:
                detail.append("encrypted" if lang != "ko" else "암호화됨")
            entries.append(TimelineEntry(label=f"{arrow} {it.message}" + (f"  [{rt}]" if rt else ""), t_ms=it.t_ms,
                                         detail=", ".join(detail) or None,
                                         status=_status(it.message)))
        sec = Section(t["timeline"].format(version=r.version or t["no_version"]), [Timeline(entries), Text(t["how"])])
        if r.round_trips:
            rows = [[str(x.n), x.what, fmt_ms(x.sent_ms), fmt_ms(x.answered_ms), fmt_ms(x.rtt_ms)]
                    for x in r.round_trips]
            sec.blocks.append(Table(t["rt_cols"], rows, title=t["rts"]))
        msgs = []
        for it in r.timeline:
            src, dst = ("client", "server") if it.direction == "client->server" else ("server", "client")
            msgs.append(SeqMessage(src, dst, it.message, it.t_ms,
                                   status="warning" if it.message.startswith("Alert") else "ok"))
        sec.blocks.append(Sequence(["client", "server"], msgs, title=t["seq"], verbose=True))
        blocks.append(sec)

    if r.resumption is not None:
        rs = r.resumption
        if rs.attempted:
            items = [(t["resumed"], yn[rs.resumed]), (t["mech"], rs.mechanism),
                     (t["full"], fmt_ms(rs.full_ms)), (t["short"], fmt_ms(rs.resumed_ms)),
                     (t["rx"], f"{rs.full_received_bytes} -> {rs.resumed_received_bytes}"),
                     (t["skipped"], ", ".join(rs.skipped_messages) or t["none"])]
        else:
            items = [(t["resumed"], f"{t['none']} ({rs.detail})")]
        if rs.early_data_offered_by_server is not None:
            items.append((t["zero"], t["zero_yes"] if rs.early_data_offered_by_server else t["zero_no"]))
        if rs.detail and rs.attempted:
            items.append(("", rs.detail))
        blocks.append(Section(t["resume"], [KeyValues(items)]))

    if r.chain_sent:
        sec = Section(t["sent"].format(n=len(r.chain_sent)), [Table(t["c_cols"], _cert_rows(r.chain_sent))])
        detail = []
        for c in r.chain_sent:
            detail.append((f"#{c.position + 1} {t['sans']}", ", ".join(s.split(':', 1)[1] for s in c.sans) or t["none"]))
            detail.append((f"#{c.position + 1} {t['fp']}", c.sha256))
            detail.append((f"#{c.position + 1} {t['sig']}", c.signature))
            detail.append((f"#{c.position + 1}", f"{c.subject}  <-  {c.issuer}  ({c.not_before[:10]} .. {c.not_after[:10]})"))
        sec.blocks.append(KeyValues(detail, verbose=True))
        blocks.append(sec)
        if r.chain_validated:
            blocks.append(Section(t["path"].format(n=len(r.chain_validated)),
                                  [Table(t["c_cols"], _cert_rows(r.chain_validated))]))
    if r.validation is not None:
        v = r.validation
        items = [(t["store"], f"{t['trust_src'].get(v.trust_store, v.trust_store)} ({', '.join(v.trust_paths)})"),
                 (t["verdict"], t.get(v.verdict, v.verdict)), (t["reason"], v.reason),
                 (t["hostcheck"], v.hostname_detail or t["none"])]
        if v.openssl_reason:
            items.append((t["openssl"], v.openssl_reason))
        sec = Section(t["trust"], [KeyValues(items)])
        if r.chain_problems:
            sec.blocks.append(Text("\n".join(f"• {p}" for p in r.chain_problems)))
        blocks.append(sec)
    if r.artifacts or r.notes:
        items = [(k, v) for k, v in r.artifacts.items()]
        sec = Section(t["notes"], [])
        if items:
            sec.blocks.append(KeyValues(items, title=t["artifacts"]))
        if r.notes:
            sec.blocks.append(Text("\n".join(f"• {n}" for n in r.notes)))
        blocks.append(sec)
    doc.blocks = blocks
    if r.failure and not r.version:
        doc.summary = t["summary_fail"].format(host=r.host, failure=r.failure)
    elif r.validation is not None:
        doc.summary = t["summary_ok"].format(host=r.host, version=r.version or "?", cipher=r.cipher or "?",
                                             kx=r.key_exchange or "?",
                                             verdict=t.get(r.validation.verdict, r.validation.verdict),
                                             reason=r.validation.reason)
    return doc
