"""tls-inspect analyze: Recording -> TlsInspectResult, pure (no sockets, no clock, no ssl)."""

from __future__ import annotations

import datetime as dt

from netlab.model import Finding, Recording
from netlab.probes.tls_inspect import wire
from netlab.probes.tls_inspect.model import (
    Resumption,
    RoundTrip,
    TimelineItem,
    TlsAfterHandshake,
    TlsArtifactWritten,
    TlsBytesReceived,
    TlsCaptureUnavailable,
    TlsClientSupportChecked,
    TlsFlightSent,
    TlsHandshakeCompleted,
    TlsHandshakeFailed,
    TlsInspectResult,
    TlsMessageSeen,
    TlsTargetResolved,
    TlsTcpConnected,
    TlsTcpConnectFailed,
    TlsTrustStoreLoaded,
    Validation,
    VersionRow,
)

C_CHAIN = "tls.certificate-chain"
C_FS = "tls.forward-secrecy"
C_RT = "tls.round-trips"
C_RESUME = "tls.resumption"
C_VERSIONS = "tls.versions"
C_LAYER = "tls.layer"
C_CRYPTO = "tls.hybrid-crypto"

CHAIN_CONCEPTS = {
    "tls.cert-expired": (C_CHAIN,), "tls.cert-not-yet-valid": (C_CHAIN,), "tls.hostname-mismatch": (C_CHAIN,),
    "tls.self-signed": (C_CHAIN,), "tls.untrusted-root": (C_CHAIN,), "tls.incomplete-chain": (C_CHAIN,),
    "tls.chain-order": (C_CHAIN,), "tls.chain-duplicate": (C_CHAIN,), "tls.chain-extra": (C_CHAIN,),
}


def fmt(ms: float | None) -> str:
    return "?" if ms is None else f"{ms:.1f} ms"


def _ms(t: float, t0: float) -> float:
    return round((t - t0) * 1000.0, 3)


class ConnView:
    """The events of one connection, with the facts analyze needs."""

    def __init__(self, name: str, events: list):
        self.name = name
        self.events = events
        self.connected = next((e for e in events if isinstance(e, TlsTcpConnected)), None)
        self.connect_failed = next((e for e in events if isinstance(e, TlsTcpConnectFailed)), None)
        self.completed = next((e for e in events if isinstance(e, TlsHandshakeCompleted)), None)
        self.failed = next((e for e in events if isinstance(e, TlsHandshakeFailed)), None)
        self.after = next((e for e in events if isinstance(e, TlsAfterHandshake)), None)
        self.messages = [e for e in events if isinstance(e, TlsMessageSeen)]
        sh = next((m for m in self.messages if m.direction == "received" and m.content_type == 22
                   and m.msg_type == 2 and m.data), None)
        self.server_hello = wire.parse_server_hello(sh.data) if sh else None
        self.alerts_received = [m.msg_type for m in self.messages if m.direction == "received" and m.content_type == 21]
        self.cert_request = any(m.direction == "received" and m.content_type == 22 and m.msg_type == 13
                                for m in self.messages)
        self.head = next((e.head for e in events if isinstance(e, TlsBytesReceived) and e.head), b"")

    @property
    def end(self):
        return self.completed or self.failed

    def received_handshake_bytes(self) -> int:
        end_t = self.end.t if self.end else float("inf")
        return sum(e.nbytes for e in self.events if isinstance(e, TlsBytesReceived) and e.t <= end_t)

    def handshake_ms(self) -> float | None:
        if self.connected and self.completed:
            return _ms(self.completed.t, self.connected.t)
        return None

    def group(self) -> str | None:
        sh = self.server_hello
        if sh is None:
            return None
        if sh.group is not None:
            return wire.GROUP_NAMES.get(sh.group, f"0x{sh.group:04x}")
        ske = next((m for m in self.messages if m.direction == "received" and m.content_type == 22
                    and m.msg_type == 12 and m.data), None)
        if ske is not None:
            g, bits = wire.ske_group(ske.data)
            if g is not None:
                return wire.GROUP_NAMES.get(g, f"0x{g:04x}")
            if bits:
                return f"DH {bits}-bit"
        return None


def analyze(rec: Recording) -> TlsInspectResult:
    p = rec.params
    res = TlsInspectResult(host=p.get("host", ""), port=int(p.get("port") or 443), sni=p.get("servername"))
    target = next((e for e in rec.events if isinstance(e, TlsTargetResolved)), None)
    if target is None or not target.chosen:
        res.unreachable = True
        why = (target.error if target else None) or "no address"
        res.failure = f"cannot resolve {res.host}: {why}"
        res.findings.append(Finding("tls.unreachable", "error", res.failure))
        return res
    res.address = target.chosen
    conns: dict[str, list] = {}
    for e in rec.events:
        name = getattr(e, "conn", None)
        if name:
            conns.setdefault(name, []).append(e)
    views = {n: ConnView(n, evs) for n, evs in conns.items()}
    main = views.get("main") or ConnView("main", [])

    # ---------------------------------------------------------------- reachability
    if main.connect_failed is not None:
        cf = main.connect_failed
        res.unreachable = True
        res.failure = f"TCP connection to {cf.address} port {cf.port} failed: {cf.error} ({cf.detail})"
        msg = {"refused": f"nothing listens on port {cf.port} of {cf.address}: the server answered our SYN with RST",
               "timeout": f"no answer from {cf.address} port {cf.port}: {cf.detail}"}.get(cf.error, res.failure)
        res.findings.append(Finding("tls.unreachable", "error", msg))
        return res
    if main.connected:
        res.tcp_connect_ms = _ms(main.connected.t, main.connected.started)

    # ---------------------------------------------------------------- negotiated parameters
    sh = main.server_hello
    res.reached_tls = sh is not None
    if main.completed:
        res.version = wire.OPENSSL_VERSION_NAMES.get(main.completed.version, main.completed.version)
        res.cipher = main.completed.cipher
        res.alpn = main.completed.alpn
        res.handshake_ms = main.handshake_ms()
    elif sh is not None:
        res.version = wire.version_name(sh.version)
        res.cipher = wire.cipher_name(sh.cipher)
    res.group = main.group()
    if res.cipher:
        kx, fs = wire.key_exchange_of(res.version, res.cipher)
        res.key_exchange = f"{kx} ({res.group})" if res.group and kx != "RSA key transport" else kx
        res.forward_secrecy = fs

    # ---------------------------------------------------------------- failures of the main handshake
    support = next((e for e in rec.events if isinstance(e, TlsClientSupportChecked)), None)
    _main_failure(res, main)
    if main.completed and res.forward_secrecy is False:
        res.findings.append(Finding(
            "tls.no-forward-secrecy", "warning",
            f"no forward secrecy: {res.version} with RSA key transport ({res.cipher}); the session key travels "
            "encrypted under the server's RSA key, so whoever obtains that key later can decrypt recorded traffic",
            (C_FS,),
            message_ko=f"전방 비밀성 없음: {res.version}, RSA 키 전송({res.cipher}). 세션 키가 서버의 RSA 키로 "
                       "암호화되어 전달되므로, 나중에 그 개인 키를 얻은 사람은 녹화된 트래픽을 복호화할 수 있습니다"))

    # ---------------------------------------------------------------- version matrix
    res.versions = _matrix(views, support)
    legacy = [r.version for r in res.versions if r.status == "accepted" and r.version in ("TLS 1.0", "TLS 1.1")]
    if legacy:
        res.findings.append(Finding(
            "tls.legacy-version", "warning",
            f"the server accepts {' and '.join(legacy)} (deprecated since 2021, RFC 8996): weak hashes and "
            "ciphers, no modern protection", (C_VERSIONS,),
            message_ko=f"서버가 {' 및 '.join(legacy)}을(를) 받아들입니다 (2021년 RFC 8996으로 폐기됨)"))

    # ---------------------------------------------------------------- timeline and round trips
    res.timeline, res.round_trips = _timeline(main)
    if rec.environment.get("msg_callback") is False:
        res.notes.append("this Python has no TLS message callback (a private API): no message-by-message "
                         "timeline, only the flights and round trips")
    if res.round_trips and main.completed:
        tls_rts = [r for r in res.round_trips if r.n >= 1]
        rtts = ", ".join(f"{r.rtt_ms:.1f} ms" for r in tls_rts if r.rtt_ms is not None)
        n = len(tls_rts)
        res.findings.append(Finding(
            "tls.handshake-round-trips", "info",
            f"{res.version} handshake: {n} round trip{'s' if n != 1 else ''} ({rtts}) after TCP's own "
            f"({res.tcp_connect_ms:.1f} ms); the client could send its request after "
            f"{res.handshake_ms:.1f} ms of TLS", (C_RT, C_CRYPTO),
            message_ko=f"{res.version} 핸드셰이크: TCP 왕복({res.tcp_connect_ms:.1f} ms) 뒤 {n}번 왕복 ({rtts}); "
                       f"TLS에 {res.handshake_ms:.1f} ms가 든 뒤 요청을 보낼 수 있었습니다"))

    # ---------------------------------------------------------------- resumption
    res.resumption = _resumption(main, views.get("resume"))
    rs = res.resumption
    if rs.attempted and rs.resumed:
        res.findings.append(Finding(
            "tls.resumed", "info",
            f"the second connection resumed the session ({rs.mechanism}): {fmt(rs.resumed_ms)} instead of "
            f"{fmt(rs.full_ms)}, {rs.resumed_received_bytes} bytes instead of {rs.full_received_bytes}; not sent "
            f"again: {', '.join(rs.skipped_messages) or 'nothing'}", (C_RESUME,),
            message_ko=f"두 번째 연결이 세션을 재개했습니다 ({rs.mechanism}): {fmt(rs.full_ms)} 대신 "
                       f"{fmt(rs.resumed_ms)}, {rs.full_received_bytes} 대신 {rs.resumed_received_bytes} 바이트"))

    # ---------------------------------------------------------------- chain and trust
    _chain(res, rec, main, views.get("verify"))

    # ---------------------------------------------------------------- artifacts
    for e in rec.events:
        if isinstance(e, TlsArtifactWritten):
            res.artifacts[e.kind] = e.path
            if e.kind == "keylog":
                res.findings.append(Finding(
                    "tls.keylog-written", "warning",
                    f"key log written to {e.path} (mode 0600): it holds the session secrets; anyone with it and a "
                    "capture can read these connections. Delete it when done.", (C_CRYPTO,),
                    message_ko=f"키 로그를 {e.path}에 기록했습니다 (권한 0600): 세션 비밀이 들어 있어, 이 파일과 "
                               "캡처를 가진 사람은 이 연결을 읽을 수 있습니다. 다 쓰면 지우세요."))
        elif isinstance(e, TlsCaptureUnavailable):
            res.findings.append(Finding("tls.capture-unavailable", "warning", f"no capture written: {e.reason}"))
    res.notes = [n for n in res.notes if n]
    return res


def _main_failure(res: TlsInspectResult, main: ConnView) -> None:
    f = main.failed
    late_116 = main.after is not None and main.after.outcome == "alert" and 116 in main.alerts_received
    if main.cert_request and (f is not None or late_116 or (main.after and main.after.outcome in ("alert", "eof"))):
        alert = next((wire.alert_name(a) for a in main.alerts_received), None)
        res.findings.append(Finding(
            "tls.client-cert-required", "error",
            "the server requires a client certificate: it sent CertificateRequest, we had none to send, and it "
            f"ended the handshake{' with alert ' + alert if alert else ''}", (C_CHAIN,),
            message_ko="서버가 클라이언트 인증서를 요구합니다: CertificateRequest를 보냈고, 보낼 인증서가 없어 "
                       f"서버가 핸드셰이크를 끝냈습니다{' (경고 ' + alert + ')' if alert else ''}"))
        res.failure = "client certificate required"
        return
    if main.cert_request:
        res.notes.append("the server asked for a client certificate (optional: it went on without one)")
    if f is None:
        return
    res.failure = f.reason
    if f.kind == "reset":
        when = "right after our ClientHello" if f.client_hello_sent else "before we sent anything"
        res.findings.append(Finding(
            "tls.handshake-reset", "error", f"the server reset the connection (TCP RST) {when}: no TLS handshake "
            "took place", (C_LAYER,),
            message_ko=f"서버가 연결을 재설정(TCP RST)했습니다 ({'ClientHello 직후' if f.client_hello_sent else '전송 전'}): "
                       "TLS 핸드셰이크가 이루어지지 않았습니다"))
    elif f.kind == "not-tls":
        head = wire.printable_head(main.head)
        res.findings.append(Finding(
            "tls.not-tls", "error", f"port {res.port} does not speak TLS: our ClientHello was answered with "
            f"{head!r}", (C_LAYER,),
            message_ko=f"{res.port}번 포트는 TLS를 쓰지 않습니다: ClientHello에 {head!r}(으)로 답했습니다"))
    elif f.kind == "timeout":
        res.findings.append(Finding("tls.handshake-timeout", "error", f"the TLS handshake timed out: {f.reason}"))
        res.unreachable = not main.server_hello
    elif f.kind == "local":
        res.findings.append(Finding("tls.client-refused", "error", f.reason))
    else:
        hint = ""
        if not res.sni and f.kind == "alert-received":
            hint = " (we sent no server name: try --servername NAME)"
        res.findings.append(Finding("tls.handshake-failed", "error", f"the TLS handshake failed: {f.reason}{hint}",
                                    (C_VERSIONS,)))


def _matrix(views: dict[str, ConnView], support: TlsClientSupportChecked | None) -> list[VersionRow]:
    rows = []
    for vname, code in (("TLS 1.0", 0x0301), ("TLS 1.1", 0x0302), ("TLS 1.2", 0x0303), ("TLS 1.3", 0x0304)):
        v = views.get("v" + vname.split()[1])
        why_not = (support.versions.get(vname) if support else None) or ""
        if why_not:
            rows.append(VersionRow(vname, "not-testable", detail=f"our OpenSSL will not offer it: {why_not}"))
            continue
        if v is None:
            rows.append(VersionRow(vname, "error", detail="not tried"))
            continue
        if v.connect_failed is not None:
            rows.append(VersionRow(vname, "error", detail=f"TCP: {v.connect_failed.error}"))
            continue
        sh = v.server_hello
        if v.failed is not None and v.failed.kind == "local":
            rows.append(VersionRow(vname, "not-testable", detail=v.failed.reason))
            continue
        if sh is not None:
            if sh.version == code:
                cipher = v.completed.cipher if v.completed else wire.cipher_name(sh.cipher)
                detail = ""
                if v.failed is not None:
                    detail = f"agreed, then the handshake failed: {v.failed.reason}"
                rows.append(VersionRow(vname, "accepted", cipher=cipher, group=v.group(), detail=detail))
            else:
                rows.append(VersionRow(vname, "refused",
                                       detail=f"the server answered with {wire.version_name(sh.version)}"))
            continue
        f = v.failed
        if f is None:
            rows.append(VersionRow(vname, "error", detail="no ServerHello"))
        elif v.alerts_received:
            rows.append(VersionRow(vname, "refused", detail=f"alert {wire.alert_name(v.alerts_received[0])}"))
        elif f.kind == "reset":
            rows.append(VersionRow(vname, "refused", detail="connection reset (no alert)"))
        elif f.kind == "eof":
            rows.append(VersionRow(vname, "refused", detail="connection closed (no alert)"))
        elif f.kind == "not-tls":
            rows.append(VersionRow(vname, "error", detail="the server does not speak TLS"))
        elif f.kind == "alert-sent":
            rows.append(VersionRow(vname, "error", detail=f.reason))
        else:
            rows.append(VersionRow(vname, "error", detail=f.reason))
    return rows


def _timeline(main: ConnView) -> tuple[list[TimelineItem], list[RoundTrip]]:
    if main.connected is None:
        return [], []
    t0 = main.connected.started
    items = [TimelineItem(0.0, "client->server", "TCP SYN", 0),
             TimelineItem(_ms(main.connected.t, t0), "server->client", "TCP SYN/ACK (connect() returned)", 0)]
    rts = [RoundTrip(0, "TCP handshake (SYN -> SYN/ACK)", 0.0, _ms(main.connected.t, t0),
                     _ms(main.connected.t, t0))]
    end = main.end
    end_t = end.t if end else float("inf")
    evs = [e for e in main.events if isinstance(e, TlsMessageSeen | TlsFlightSent | TlsBytesReceived)]
    # pass 1: which flights got an answer before the handshake ended
    flights = [e for e in evs if isinstance(e, TlsFlightSent) and e.t <= end_t]
    recvs = [e for e in evs if isinstance(e, TlsBytesReceived) and e.nbytes > 0 and e.t <= end_t]
    rt_of_flight = {}
    n = 0
    for i, fl in enumerate(flights):
        nxt_flight_t = flights[i + 1].t if i + 1 < len(flights) else float("inf")
        ans = next((r for r in recvs if fl.t <= r.t < nxt_flight_t), None)
        if ans is not None:
            n += 1
            rt_of_flight[id(fl)] = n
            rts.append(RoundTrip(n, "", _ms(fl.t, t0), _ms(ans.t, t0), _ms(ans.t, fl.t)))
    # pass 2: messages, each with its round trip
    pending: list[TlsMessageSeen] = []
    current_rt = None
    version_13 = main.server_hello is not None and main.server_hello.version == 0x0304
    seen_sh = False
    ccs_sent = ccs_recv = False
    for e in evs:
        if isinstance(e, TlsMessageSeen):
            if e.direction == "sent":
                pending.append(e)
            else:
                after = e.t > end_t
                enc = (version_13 and seen_sh and e.content_type != 20) or ccs_recv
                if e.content_type == 20:
                    ccs_recv = True
                label = _label(e, version_13)
                items.append(TimelineItem(_ms(e.t, t0), "server->client", label + (" (after the handshake)" if after else ""),
                                          None if after else current_rt, e.length, enc))
                if e.content_type == 22 and e.msg_type == 2:
                    seen_sh = True
        elif isinstance(e, TlsFlightSent):
            rt = rt_of_flight.get(id(e))
            for m in pending:
                enc = (version_13 and seen_sh and m.content_type != 20) or ccs_sent
                if m.content_type == 20:
                    ccs_sent = True
                items.append(TimelineItem(_ms(e.t, t0), "client->server", _label(m, version_13),
                                          rt if e.t <= end_t else None, m.length, enc))
            pending = []
            if rt is not None:
                current_rt = rt
    for m in pending:  # written but never flushed (e.g. an alert as we gave up)
        items.append(TimelineItem(_ms(m.t, t0), "client->server", _label(m, version_13), None, m.length))
    # how a failed handshake ended, as seen on the socket
    f = main.failed
    if f is not None and f.kind in ("reset", "eof", "not-tls"):
        last = flights[-1] if flights else None
        rt = rt_of_flight.get(id(last)) if last is not None else None
        when = f.t
        if f.kind == "not-tls":
            first = next((r for r in recvs if r.head), None)
            when = first.t if first is not None else f.t
            label = f"non-TLS bytes: {wire.printable_head(main.head)!r}"
        else:
            label = "TCP RST (connection reset)" if f.kind == "reset" else "TCP FIN (connection closed)"
        if last is not None and rt is None:
            n += 1
            rt = n
            rts.append(RoundTrip(n, "", _ms(last.t, t0), _ms(when, t0), _ms(when, last.t)))
            for it in items:
                if it.direction == "client->server" and it.round_trip is None and it.t_ms == _ms(last.t, t0):
                    it.round_trip = rt
        items.append(TimelineItem(_ms(when, t0), "server->client", label, rt))
    # describe each round trip by what the server answered
    for r in rts[1:]:
        names = [it.message for it in items if it.direction == "server->client" and it.round_trip == r.n]
        sent = [it.message for it in items if it.direction == "client->server" and it.round_trip == r.n]
        r.what = f"{' + '.join(sent) or '?'} -> {', '.join(names) or '?'}"
    items.sort(key=lambda it: it.t_ms)
    return items, rts


def _label(m: TlsMessageSeen, v13: bool) -> str:
    name = wire.message_name(m.content_type, m.msg_type if m.content_type != 20 else 1)
    if m.content_type == 20 and v13:
        name += " (compatibility, ignored)"
    if m.content_type == 22 and m.msg_type == 2 and m.data:
        sh = wire.parse_server_hello(m.data)
        if sh and sh.hello_retry:
            name = "HelloRetryRequest"
    return name


def _resumption(main: ConnView, resume: ConnView | None) -> Resumption:
    early = None
    for m in main.messages:
        if m.direction == "received" and m.content_type == 22 and m.msg_type == 4 and m.data:
            if main.server_hello and main.server_hello.version == 0x0304:
                e = wire.ticket_allows_early_data(m.data)
                early = bool(early) or bool(e)
    tickets = sum(1 for m in main.messages if m.direction == "received" and m.content_type == 22 and m.msg_type == 4)
    if resume is None:
        why = ("the first handshake did not complete" if not main.completed else
               "the server sent no session ticket" if tickets == 0 else "not attempted")
        return Resumption(attempted=False, tickets=tickets, early_data_offered_by_server=early, detail=why)
    r = Resumption(attempted=True, tickets=tickets, early_data_offered_by_server=early)
    r.resumed = bool(resume.completed and resume.completed.session_reused)
    v13 = main.server_hello is not None and main.server_hello.version == 0x0304
    r.mechanism = "PSK from a session ticket" if v13 else ("session ticket" if tickets else "session ID")
    r.full_ms = main.handshake_ms()
    r.resumed_ms = resume.handshake_ms()
    r.full_received_bytes = main.received_handshake_bytes()
    r.resumed_received_bytes = resume.received_handshake_bytes()
    full_set = [wire.message_name(m.content_type, m.msg_type) for m in main.messages
                if m.direction == "received" and m.content_type == 22 and (not main.end or m.t <= main.end.t)]
    res_set = {wire.message_name(m.content_type, m.msg_type) for m in resume.messages
               if m.direction == "received" and m.content_type == 22}
    r.skipped_messages = [n for n in dict.fromkeys(full_set) if n not in res_set and n != "NewSessionTicket"]
    if not r.resumed:
        r.detail = ("the server did not accept our session: a full handshake again" if resume.completed else
                    f"the second handshake failed: {resume.failed.reason if resume.failed else '?'}")
    return r


def _chain(res: TlsInspectResult, rec: Recording, main: ConnView, verify: ConnView | None) -> None:
    from netlab.probes.tls_inspect.chain import analyze_chain

    chain = []
    for v in (main, verify):
        if v is None:
            continue
        if v.completed and v.completed.chain_pem:
            chain = v.completed.chain_pem
            break
        if v.failed and v.failed.chain_pem:
            chain = v.failed.chain_pem
            break
    trust = next((e for e in rec.events if isinstance(e, TlsTrustStoreLoaded)), None)
    try:
        now = dt.datetime.fromisoformat(rec.environment.get("observed_at") or rec.started_at)
    except (TypeError, ValueError):
        now = dt.datetime.now(dt.UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=dt.UTC)
    hostname = res.sni or (res.host if res.host else None)
    openssl_reason = None
    if verify is not None:
        if verify.completed:
            openssl_reason = "ok"
        elif verify.failed and verify.failed.kind == "verify":
            openssl_reason = f"{verify.failed.verify_message} (X509 error {verify.failed.verify_code})"
        elif verify.failed:
            openssl_reason = f"not reached: {verify.failed.reason}"
        elif verify.connect_failed:
            openssl_reason = f"not reached: TCP {verify.connect_failed.error}"
    if not chain:
        if res.reached_tls or main.completed:
            res.chain_problems.append("no certificate received")
        res.validation = Validation(trust.source if trust else "?", trust.paths if trust else [], "unknown",
                                    "no certificate to check", openssl_reason, hostname, None, "")
        return
    report = analyze_chain(chain, trust.anchors_pem if trust else [], hostname, now)
    res.chain_sent = report.sent
    res.chain_validated = report.path
    res.chain_problems = [p.message for p in report.problems]
    for prob in report.problems:
        ko = _KO.get(prob.code)
        res.findings.append(Finding(prob.code, prob.severity, prob.message, CHAIN_CONCEPTS.get(prob.code, (C_CHAIN,)),
                                    message_ko=(ko + ": " + prob.message) if ko else None))
    res.validation = Validation(
        trust_store=trust.source if trust else "?", trust_paths=trust.paths if trust else [],
        verdict=report.verdict, reason=report.reason, openssl_reason=openssl_reason, hostname=hostname,
        hostname_ok=report.hostname_ok, hostname_detail=report.hostname_detail)
    if openssl_reason is not None and not openssl_reason.startswith("not reached"):
        agree = (openssl_reason == "ok") == (report.verdict == "valid")
        if not agree and report.verdict != "unknown":
            res.notes.append(f"netlab's verdict ({report.verdict}) and OpenSSL's ({openssl_reason}) differ")


_KO = {
    "tls.cert-expired": "인증서 만료",
    "tls.cert-not-yet-valid": "인증서가 아직 유효하지 않음",
    "tls.hostname-mismatch": "호스트 이름 불일치",
    "tls.self-signed": "자체 서명 인증서",
    "tls.untrusted-root": "신뢰하지 않는 루트",
    "tls.incomplete-chain": "불완전한 체인(중간 인증서 누락)",
    "tls.chain-order": "체인 순서 오류",
    "tls.chain-duplicate": "중복 인증서",
    "tls.chain-extra": "불필요한 인증서",
}
