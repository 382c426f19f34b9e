"""tls-inspect analyze: Recording -> TlsInspectResult, pure (no sockets, no clock, no ssl).

The facts come from the events (connections.py groups them per connection, timeline.py orders
the main handshake, chain.py checks the certificates); the findings are the rules of findings.py.
The time the certificates are judged at is the Recording's own (``environment.observed_at``,
written by collect; older recordings: their ``started_at``, and the report says so).
"""

from __future__ import annotations

import datetime as dt

from netlab.i18n import Both
from netlab.model import Recording
from netlab.probes.tls_inspect import wire
from netlab.probes.tls_inspect.connections import ConnView, failure_text, split, tcp_detail, tcp_error
from netlab.probes.tls_inspect.findings import RULES, Evidence
from netlab.probes.tls_inspect.messages import M
from netlab.probes.tls_inspect.model import (
    Msg,
    Resumption,
    TlsArtifactWritten,
    TlsClientSupportChecked,
    TlsInspectResult,
    TlsTargetResolved,
    TlsTrustStoreLoaded,
    Validation,
    VersionRow,
)
from netlab.probes.tls_inspect.timeline import timeline
from netlab.units import ms_since

_KX_WORDS = {"RSA key transport": "kx.rsa", "static (EC)DH": "kx.static"}  # the others are algorithm names
VERSIONS = (("TLS 1.0", 0x0301), ("TLS 1.1", 0x0302), ("TLS 1.2", 0x0303), ("TLS 1.3", 0x0304))


def analyze(rec: Recording) -> TlsInspectResult:
    p = rec.params
    res = TlsInspectResult(host=p.get("host", ""), port=int(p.get("port") or 443), sni=p.get("servername"))
    ev = Evidence(rec, next((e for e in rec.events if isinstance(e, TlsTargetResolved)), None), split(rec.events))
    if ev.target is None or not ev.target.chosen:
        res.unreachable = True
        res.failure = M.t("f.unresolved", host=res.host, why=_why_unresolved(ev.target, p.get("family")))
    elif ev.main.connect_failed is not None:
        cf = ev.main.connect_failed
        res.address = ev.target.chosen
        res.unreachable = True
        res.failure = M.t("f.tcp-failed", address=cf.address, port=cf.port, error=tcp_error(cf.error),
                          detail=tcp_detail(cf, ev.timeout))
    else:
        res.address = ev.target.chosen
        _negotiated(res, ev.main)
        _main_failure(res, ev)
        res.versions = _matrix(ev)
        res.timeline, res.round_trips = timeline(ev.main)
        if rec.environment.get("msg_callback") is False:
            res.notes.append(M.t("note.no-msg-callback"))
        res.resumption = _resumption(ev.main, ev.views.get("resume"), ev.timeout)
        ev.chain = _chain(res, rec, ev)
        res.artifacts = {e.kind: e.path for e in rec.events if isinstance(e, TlsArtifactWritten)}
    res.findings = RULES.run(res, ev)
    return res


def _why_unresolved(target: TlsTargetResolved | None, family) -> Msg:
    if target is not None and target.error:
        return Both(target.error, target.error)  # the resolver's own words
    return M.t("no-family-address", family=family) if family else M.t("no-address")


def _negotiated(res: TlsInspectResult, main: ConnView) -> None:
    """Version, suite, group, key exchange, ALPN and times of the main connection."""
    if main.connected:
        res.tcp_connect_ms = ms_since(main.connected.t, main.connected.started)
    sh = main.server_hello
    res.reached_tls = sh is not None
    res.handshake_accepted = main.accepted
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
        words = M.t(_KX_WORDS[kx]) if kx in _KX_WORDS else kx
        rsa = kx == "RSA key transport"
        res.key_exchange = M.t("kx.with-group", kx=words, group=res.group) if res.group and not rsa else words
        res.forward_secrecy = fs


def _main_failure(res: TlsInspectResult, ev: Evidence) -> None:
    main = ev.main
    if main.client_cert_refused:
        res.failure = M.t("hf.client-cert")
        return
    if main.cert_request:
        res.notes.append(M.t("note.client-cert-optional"))
    if main.failed is not None:
        res.failure = failure_text(main, ev.timeout)
        if main.failed.kind == "timeout":
            res.unreachable = not main.server_hello


def _matrix(ev: Evidence) -> list[VersionRow]:
    support = next((e for e in ev.rec.events if isinstance(e, TlsClientSupportChecked)), None)
    rows = []
    for vname, code in VERSIONS:
        why_not = (support.versions.get(vname) if support else None) or ""
        if why_not:
            rows.append(VersionRow(vname, "not-testable", detail=M.t("vr.not-offered", why=why_not)))
            continue
        v = ev.views.get("v" + vname.split()[1])
        rows.append(_version_row(vname, code, v, ev.timeout))
    return rows


def _version_row(vname: str, code: int, v: ConnView | None, timeout: float | None) -> VersionRow:
    """One version tried alone: accepted, refused by the server, or an error."""
    if v is None:
        return VersionRow(vname, "error", detail=M.t("vr.not-tried"))
    if v.connect_failed is not None:
        return VersionRow(vname, "error", detail=M.t("vr.tcp", error=tcp_error(v.connect_failed.error)))
    sh, f = v.server_hello, v.failed
    if f is not None and f.kind == "local":
        return VersionRow(vname, "not-testable", detail=failure_text(v, timeout))
    if sh is not None and sh.version == code:
        cipher = v.completed.cipher if v.completed else wire.cipher_name(sh.cipher)
        detail = M.t("vr.agreed-then-failed", reason=failure_text(v, timeout)) if f is not None else ""
        return VersionRow(vname, "accepted", cipher=cipher, group=v.group(), detail=detail)
    if sh is not None:
        return VersionRow(vname, "refused", detail=M.t("vr.answered-with", version=wire.version_name(sh.version)))
    if f is None:
        return VersionRow(vname, "error", detail=M.t("vr.no-server-hello"))
    if v.alerts_received:
        return VersionRow(vname, "refused", detail=M.t("vr.alert", alert=wire.alert_name(v.alerts_received[0])))
    refused = {"reset": "vr.reset", "eof": "vr.eof"}
    if f.kind in refused:
        return VersionRow(vname, "refused", detail=M.t(refused[f.kind]))
    if f.kind == "not-tls":
        return VersionRow(vname, "error", detail=M.t("vr.not-tls"))
    return VersionRow(vname, "error", detail=failure_text(v, timeout))


def _resumption(main: ConnView, resume: ConnView | None, timeout: float | None) -> Resumption:
    early = None
    tickets = [m for m in main.messages if m.direction == "received" and m.content_type == 22 and m.msg_type == 4]
    if main.tls13:
        for m in tickets:
            if m.data:
                early = bool(early) or bool(wire.ticket_allows_early_data(m.data))
    if resume is None:
        why = ("rs.first-failed" if not main.accepted else "rs.no-ticket" if not tickets else "rs.not-attempted")
        return Resumption(attempted=False, tickets=len(tickets), early_data_offered_by_server=early, detail=M.t(why))
    r = Resumption(attempted=True, tickets=len(tickets), early_data_offered_by_server=early)
    r.resumed = bool(resume.completed and resume.completed.session_reused)
    r.mechanism = M.t("mech.psk" if main.tls13 else ("mech.ticket" if tickets else "mech.id"))
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
        if not main.accepted:
            r.detail = M.t("rs.first-failed")  # there was no session to resume
        elif resume.completed:
            r.detail = M.t("rs.not-accepted")
        else:
            reason = failure_text(resume, timeout) if resume.failed else M.t("unknown")
            r.detail = M.t("rs.second-failed", reason=reason)
    return r


def observation_time(rec: Recording) -> tuple[dt.datetime | None, Msg | None]:
    """When the certificates were seen (from the Recording), and a note when that is not known exactly."""
    for value, note in ((rec.environment.get("observed_at"), None),
                        (rec.started_at, M.t("note.checked-at-start", t=rec.started_at))):
        try:
            t = dt.datetime.fromisoformat(value) if value else None
        except (TypeError, ValueError):
            t = None
        if t is not None:
            return (t if t.tzinfo else t.replace(tzinfo=dt.UTC)), note
    return None, M.t("note.no-time")


def _openssl_verdict(verify: ConnView | None, timeout: float | None) -> tuple[str | None, Msg | None]:
    """OpenSSL's own verification on the verify connection: (ok | failed | not-reached | None, its words)."""
    if verify is None:
        return None, None
    if verify.completed:
        return "ok", M.t("ossl.ok")
    f = verify.failed
    if f is not None and f.kind == "verify":
        return "failed", M.t("ossl.verify", message=f.verify_message, code=f.verify_code)
    if f is not None:
        return "not-reached", M.t("ossl.not-reached", reason=failure_text(verify, timeout))
    if verify.connect_failed:
        return "not-reached", M.t("ossl.not-reached-tcp", error=tcp_error(verify.connect_failed.error))
    return None, None


def _chain(res: TlsInspectResult, rec: Recording, ev: Evidence):
    """The chain as sent and as validated; returns chain.py's report (None: no certificate)."""
    from netlab.probes.tls_inspect.chain import analyze_chain

    main, verify = ev.main, ev.views.get("verify")
    chain: list[str] = []
    for v in (main, verify):
        got = v and ((v.completed and v.completed.chain_pem) or (v.failed and v.failed.chain_pem))
        if got:
            chain = got
            break
    trust = next((e for e in rec.events if isinstance(e, TlsTrustStoreLoaded)), None)
    store, paths = (trust.source, trust.paths) if trust else ("?", [])
    hostname = res.sni or (res.host if res.host else None)
    openssl, openssl_reason = _openssl_verdict(verify, ev.timeout)
    if not chain:
        if res.reached_tls or main.completed:
            res.chain_problems.append(M.t("no-cert-received"))
        res.validation = Validation(store, paths, "unknown", M.t("no-cert-to-check"), openssl_reason, hostname,
                                    None, "")
        return None
    now, note = observation_time(rec)
    if note is not None:
        res.notes.append(note)
    report = analyze_chain(chain, trust.anchors_pem if trust else [], hostname, now)
    res.chain_sent = report.sent
    res.chain_validated = report.path
    res.chain_problems = [p.message for p in report.problems]
    res.validation = Validation(
        trust_store=store, trust_paths=paths, verdict=report.verdict, reason=report.reason,
        openssl_reason=openssl_reason, hostname=hostname, hostname_ok=report.hostname_ok,
        hostname_detail=report.hostname_detail)
    if openssl in ("ok", "failed") and report.verdict != "unknown" and (openssl == "ok") != (report.verdict == "valid"):
        verdict = Both(report.verdict, M.text(f"verdict.{report.verdict}", "ko"))
        res.notes.append(M.t("note.verdicts-differ", verdict=verdict, openssl=openssl_reason))
    return report
