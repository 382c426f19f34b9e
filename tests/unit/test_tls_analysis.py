"""tls-inspect analyze and build (pure) on Recordings made in the sandbox (tests/fixtures/tls/rec-*.json).

The Recordings hold raw evidence only (messages, flight times, PEM certificates, OpenSSL's verdict);
everything asserted here is recomputed by analyze from them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from netlab.model import Recording
from netlab.probes import load_probe
from netlab.probes.tls_inspect import wire

tls_inspect = load_probe("tls-inspect")

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "tls"

FAULTS = {
    "expired": "tls.cert-expired",
    "not-yet-valid": "tls.cert-not-yet-valid",
    "self-signed": "tls.self-signed",
    "wrong-host": "tls.hostname-mismatch",
    "untrusted-root": "tls.untrusted-root",
    "incomplete-chain": "tls.incomplete-chain",
    "wrong-order": "tls.chain-order",
    "tls10": "tls.legacy-version",
    "rsa-kx": "tls.no-forward-secrecy",
    "plain-http": "tls.not-tls",
    "reset": "tls.handshake-reset",
    "client-cert": "tls.client-cert-required",
}
# codes that are diagnoses (not the info findings every run has)
PROBLEM_CODES = set(FAULTS.values()) | {"tls.chain-duplicate", "tls.handshake-failed", "tls.unreachable",
                                        "tls.handshake-timeout"}


def en(text) -> str:
    """A Result's text field in English (catalogue references render per language)."""
    return text.render("en") if hasattr(text, "render") else text


def result(name: str):
    return tls_inspect.analyze(Recording.load(str(FIX / f"rec-{name}.json")))


def problems(res) -> list[str]:
    return sorted({f.code for f in res.findings if f.code in PROBLEM_CODES})


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_each_fault_gives_exactly_its_code(fault):
    res = result(fault)
    assert problems(res) == [FAULTS[fault]], [(f.code, f.message) for f in res.findings]
    for f in res.findings:
        assert f.concepts or f.severity == "info", f.code


def test_expired_message_has_days_and_date():
    res = result("expired")
    f = next(f for f in res.findings if f.code == "tls.cert-expired")
    assert f.message.startswith("the server's certificate expired 12 days ago, notAfter 20")
    assert en(res.validation.openssl_reason).startswith("certificate has expired (X509 error 10)")


@pytest.mark.parametrize("name", ["www.naver.com", "www.google.com-v6", "tls13-only"])
def test_good_hosts_validate_with_a_chain_of_three(name):
    res = result(name)
    assert problems(res) == []
    assert res.validation.verdict == "valid", res.validation.reason
    assert en(res.validation.openssl_reason) == "ok"
    assert res.validation.hostname_ok is True
    assert len(res.chain_validated) == 3 and len(res.chain_sent) == 2
    assert res.chain_validated[-1].source == "trust-store"


def test_tls13_timeline_has_one_measured_round_trip():
    res = result("www.naver.com")
    assert res.version == "TLS 1.3" and res.forward_secrecy is True and res.alpn == "h2"
    rts = [r for r in res.round_trips if r.n >= 1]
    assert len(rts) == 1
    # the sandbox's web-naver is 10 ms away (5 ms each way): the measured round trip shows it
    assert 9.5 <= rts[0].rtt_ms <= 40
    assert 9.5 <= res.tcp_connect_ms <= 20
    names = [en(it.message) for it in res.timeline if it.round_trip == 1]
    assert names[:2] == ["ClientHello", "ServerHello"]
    assert {"EncryptedExtensions", "Certificate", "CertificateVerify", "Finished"} <= set(names)
    enc = {en(it.message): it.encrypted for it in res.timeline if it.direction == "server->client"}
    assert enc["ServerHello"] is False and enc["Certificate"] is True


def test_tls12_timeline_has_two_round_trips_and_resumption_saves_one():
    res = result("rsa-kx")
    assert res.version == "TLS 1.2" and en(res.key_exchange) == "RSA key transport" and res.forward_secrecy is False
    rts = [r for r in res.round_trips if r.n >= 1]
    assert len(rts) == 2
    assert "ClientKeyExchange" in en(rts[1].what) and "Finished" in en(rts[1].what)
    rs = res.resumption
    assert rs.attempted and rs.resumed
    assert "Certificate" in rs.skipped_messages
    assert rs.resumed_ms < rs.full_ms
    assert rs.resumed_received_bytes < rs.full_received_bytes


def test_tls13_resumption_uses_a_ticket():
    rs = result("www.naver.com").resumption
    assert rs.resumed and en(rs.mechanism) == "PSK from a session ticket"
    assert set(rs.skipped_messages) >= {"Certificate", "CertificateVerify"}
    assert rs.early_data_offered_by_server is False


def test_version_matrix_distinguishes_refusals():
    rows = {r.version: r for r in result("tls10").versions}
    assert rows["TLS 1.0"].status == "accepted" and rows["TLS 1.1"].status == "accepted"
    assert rows["TLS 1.0"].cipher and rows["TLS 1.0"].group == "x25519"
    assert rows["TLS 1.2"].status == "refused" and "answered with TLS 1.1" in en(rows["TLS 1.2"].detail)
    assert rows["TLS 1.3"].status == "refused" and "protocol_version" in en(rows["TLS 1.3"].detail)
    rows = {r.version: r for r in result("tls13-only").versions}
    assert [rows[v].status for v in ("TLS 1.0", "TLS 1.1", "TLS 1.2", "TLS 1.3")] == \
        ["refused", "refused", "refused", "accepted"]


def test_not_testable_is_never_a_refusal():
    rec = Recording.load(str(FIX / "rec-tls10.json"))
    from netlab.probes.tls_inspect.model import TlsClientSupportChecked

    for i, e in enumerate(rec.events):
        if isinstance(e, TlsClientSupportChecked):
            versions = dict(e.versions, **{"TLS 1.0": "NO_PROTOCOLS_AVAILABLE"})
            rec.events[i] = TlsClientSupportChecked(e.t, e.openssl, versions)
    rows = {r.version: r for r in tls_inspect.analyze(rec).versions}
    assert rows["TLS 1.0"].status == "not-testable"
    assert "our OpenSSL" in en(rows["TLS 1.0"].detail)


def test_client_cert_alert_comes_after_the_tls13_handshake():
    res = result("client-cert")
    assert res.version == "TLS 1.3"
    assert any(en(it.message).startswith("CertificateRequest") for it in res.timeline)
    assert any("certificate_required" in en(it.message) and "after the handshake" in en(it.message)
               for it in res.timeline)


def test_closed_port_is_unreachable():
    res = result("closed-port")
    assert res.unreachable
    assert [f.code for f in res.findings] == ["tls.unreachable"]


def test_plain_http_shows_the_status_line():
    f = next(f for f in result("plain-http").findings if f.code == "tls.not-tls")
    assert "HTTP/1.1 400 Bad Request" in f.message


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("name", ["www.naver.com", "rsa-kx", "reset", "plain-http", "client-cert"])
def test_build_documents(name, lang):
    doc = tls_inspect.build(result(name), lang)
    assert doc.probe == "tls-inspect" and doc.summary
    titles = [b.title for b in doc.blocks]
    assert titles
    if lang == "ko":
        assert any("\uac00" <= ch <= "\ud7a3" for ch in doc.summary + "".join(titles))


def test_wire_server_hello_and_names():
    assert wire.message_name(22, 8) == "EncryptedExtensions"
    assert wire.alert_name(116) == "certificate_required"
    assert wire.key_exchange_of("TLS 1.2", "AES128-GCM-SHA256") == ("RSA key transport", False)
    assert wire.key_exchange_of("TLS 1.2", "ECDHE-RSA-AES128-GCM-SHA256") == ("ECDHE", True)
    assert wire.looks_like_tls(b"\x16\x03\x01\x02\x00") and not wire.looks_like_tls(b"HTTP/1.1 400")
    # a TLS 1.3 ServerHello: legacy 1.2, supported_versions 1.3, key_share x25519
    body = (b"\x03\x03" + b"\x11" * 32 + b"\x00" + b"\x13\x01" + b"\x00"
            + (12).to_bytes(2, "big") + b"\x00\x2b\x00\x02\x03\x04" + b"\x00\x33\x00\x02\x00\x1d")
    msg = b"\x02" + len(body).to_bytes(3, "big") + body
    sh = wire.parse_server_hello(msg)
    assert sh.version == 0x0304 and sh.legacy_version == 0x0303 and sh.group == 0x1D and sh.cipher == 0x1301
