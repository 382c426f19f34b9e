"""tls-inspect's findings: one small rule each, in the order the report shows them (pure).

Each rule looks at the Result (what analyze worked out) and the Evidence (the connections as
recorded) and returns nothing, a Finding or several.
"""

from __future__ import annotations

from netlab.i18n import join
from netlab.model import Recording
from netlab.probes.rules import Rules, finding
from netlab.probes.tls_inspect import wire
from netlab.probes.tls_inspect.connections import ConnView, failure_text, tcp_detail
from netlab.probes.tls_inspect.messages import M
from netlab.probes.tls_inspect.model import (
    TlsArtifactWritten,
    TlsCaptureUnavailable,
    TlsInspectResult,
    TlsTargetResolved,
)
from netlab.units import fmt_ms

C_CHAIN = "tls.certificate-chain"
C_FS = "tls.forward-secrecy"
C_RT = "tls.round-trips"
C_RESUME = "tls.resumption"
C_VERSIONS = "tls.versions"
C_LAYER = "tls.layer"
C_CRYPTO = "tls.hybrid-crypto"


class Evidence:
    """What the rules look at beside the Result: the Recording, its connections, the chain report."""

    def __init__(self, rec: Recording, target: TlsTargetResolved | None, views: dict[str, ConnView]):
        self.rec = rec
        self.target = target
        self.views = views
        self.main = views.get("main") or ConnView("main", [])
        self.timeout: float | None = rec.params.get("timeout")
        self.chain = None  # chain.ChainReport, once analyze has checked the certificates

    @property
    def resolved(self) -> bool:
        return self.target is not None and bool(self.target.chosen)

    @property
    def connected(self) -> bool:
        """Analysis went past reachability: an address, and TCP did not fail."""
        return self.resolved and self.main.connect_failed is None


RULES = Rules()


@RULES.rule
def unresolved(res: TlsInspectResult, ev: Evidence):
    if not ev.resolved:
        return finding("tls.unreachable", "error", res.failure)


@RULES.rule
def tcp_failed(res: TlsInspectResult, ev: Evidence):
    cf = ev.main.connect_failed
    if not ev.resolved or cf is None:
        return None
    if cf.error == "refused":
        return finding("tls.unreachable", "error", M.t("f.refused", port=cf.port, address=cf.address))
    if cf.error == "timeout":
        return finding("tls.unreachable", "error", M.t("f.tcp-timeout", address=cf.address, port=cf.port,
                                                       detail=tcp_detail(cf, ev.timeout)))
    return finding("tls.unreachable", "error", res.failure)


@RULES.rule
def client_cert_required(res: TlsInspectResult, ev: Evidence):
    main = ev.main
    if not ev.connected or not main.client_cert_refused:
        return None
    alert = next((wire.alert_name(a) for a in main.alerts_received), None)
    msg = M.t("f.client-cert-alert", alert=alert) if alert else M.t("f.client-cert")
    return finding("tls.client-cert-required", "error", msg, (C_CHAIN,))


@RULES.rule
def handshake_failed(res: TlsInspectResult, ev: Evidence):
    main, f = ev.main, ev.main.failed
    if not ev.connected or f is None or main.client_cert_refused:
        return None
    if f.kind == "reset":
        key = "f.reset-after-hello" if f.client_hello_sent else "f.reset-before"
        return finding("tls.handshake-reset", "error", M.t(key), (C_LAYER,))
    if f.kind == "not-tls":
        head = repr(wire.printable_head(main.head))
        return finding("tls.not-tls", "error", M.t("f.not-tls", port=res.port, head=head), (C_LAYER,))
    reason = failure_text(main, ev.timeout)
    if f.kind == "timeout":
        return finding("tls.handshake-timeout", "error", M.t("f.timeout", reason=reason))
    if f.kind == "local":
        return finding("tls.client-refused", "error", reason)
    key = "f.failed-no-sni" if not res.sni and f.kind == "alert-received" else "f.failed"
    return finding("tls.handshake-failed", "error", M.t(key, reason=reason), (C_VERSIONS,))


@RULES.rule
def no_forward_secrecy(res: TlsInspectResult, ev: Evidence):
    if ev.main.completed and res.forward_secrecy is False:
        return finding("tls.no-forward-secrecy", "warning", M.t("f.no-fs", version=res.version, cipher=res.cipher),
                       (C_FS,))


@RULES.rule
def legacy_versions(res: TlsInspectResult, ev: Evidence):
    legacy = [r.version for r in res.versions if r.status == "accepted" and r.version in ("TLS 1.0", "TLS 1.1")]
    if legacy:
        versions = join(legacy, M.text("and", "en"), M.text("and", "ko"))
        return finding("tls.legacy-version", "warning", M.t("f.legacy", versions=versions), (C_VERSIONS,))


@RULES.rule
def handshake_round_trips(res: TlsInspectResult, ev: Evidence):
    if not res.round_trips or not ev.main.completed:
        return None
    tls_rts = [r for r in res.round_trips if r.n >= 1]
    rtts = ", ".join(fmt_ms(r.rtt_ms) for r in tls_rts if r.rtt_ms is not None)
    n = len(tls_rts)
    key = "f.round-trip" if n == 1 else "f.round-trips"
    if not res.handshake_accepted:  # the server refused after its flight: no request could follow
        key += "-refused"
    msg = M.t(key, version=res.version, n=n, rtts=rtts, tcp=fmt_ms(res.tcp_connect_ms), hs=fmt_ms(res.handshake_ms),
              failure=res.failure or "")
    return finding("tls.handshake-round-trips", "info", msg, (C_RT, C_CRYPTO))


@RULES.rule
def resumed(res: TlsInspectResult, ev: Evidence):
    rs = res.resumption
    if rs is None or not (rs.attempted and rs.resumed):
        return None
    skipped = ", ".join(rs.skipped_messages) if rs.skipped_messages else M.t("nothing")
    msg = M.t("f.resumed", mechanism=rs.mechanism, resumed=fmt_ms(rs.resumed_ms), full=fmt_ms(rs.full_ms),
              resumed_bytes=rs.resumed_received_bytes, full_bytes=rs.full_received_bytes, skipped=skipped)
    return finding("tls.resumed", "info", msg, (C_RESUME,))


@RULES.rule
def chain_problems(res: TlsInspectResult, ev: Evidence):
    """Every problem chain.py found, with its own code (tls.cert-expired, tls.incomplete-chain...)."""
    if ev.chain is None:
        return None
    return [finding(p.code, p.severity, p.message, (C_CHAIN,)) for p in ev.chain.problems]


@RULES.rule
def artifacts(res: TlsInspectResult, ev: Evidence):
    """A key log written (it holds secrets), a capture that could not be made; in the order they happened."""
    if not ev.connected:
        return None
    out = []
    for e in ev.rec.events:
        if isinstance(e, TlsArtifactWritten) and e.kind == "keylog":
            out.append(finding("tls.keylog-written", "warning", M.t("f.keylog", path=e.path), (C_CRYPTO,)))
        elif isinstance(e, TlsCaptureUnavailable):
            out.append(finding("tls.capture-unavailable", "warning", M.t("f.capture-unavailable", reason=e.reason)))
    return out
