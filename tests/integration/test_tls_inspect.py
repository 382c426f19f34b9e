"""`netlab tls-inspect` inside the default sandbox: Caddy for the ordinary sites, the badtls.test
fault host (openssl s_server behind an SNI router, a reset server, a plain HTTP server).

Independent checks: `openssl s_client` in the same sandbox (version, cipher, the chain as sent,
byte for byte), tshark decrypting netlab's capture with netlab's key log, and the sandbox's
configured round-trip times.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import ssl

import pytest

pytestmark = pytest.mark.integration

FAULTS = {
    "expired": "tls.cert-expired",
    "not-yet-valid": "tls.cert-not-yet-valid",
    "self-signed": "tls.self-signed",
    "wrong-host": "tls.hostname-mismatch",
    "untrusted-root": "tls.untrusted-root",
    "incomplete-chain": "tls.incomplete-chain",
    "wrong-order": "tls.chain-order",
    "tls10": "tls.legacy-version",
    "tls13-only": None,  # a good server that refuses everything but TLS 1.3
    "rsa-kx": "tls.no-forward-secrecy",
    "plain-http": "tls.not-tls",
    "reset": "tls.handshake-reset",
    "client-cert": "tls.client-cert-required",
}
PROBLEMS = {c for c in FAULTS.values() if c} | {"tls.chain-duplicate", "tls.handshake-failed", "tls.unreachable"}


def inspect(sandbox, *args: str, rc: int = 0) -> dict:
    r = sandbox.netlab("tls-inspect", *args, "--json", timeout=60)
    assert r.returncode == rc, f"exit {r.returncode}\nstdout: {r.stdout[-1500:]}\nstderr: {r.stderr[-1500:]}"
    data = json.loads(r.stdout)
    assert data["probe"] == "tls-inspect"
    return data


def problems(data: dict) -> list[str]:
    return sorted({f["code"] for f in data["findings"] if f["code"] in PROBLEMS})


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_every_fault_host_gives_its_finding(sandbox, fault):
    data = inspect(sandbox, f"{fault}.badtls.test")
    want = [FAULTS[fault]] if FAULTS[fault] else []
    assert problems(data) == want, [(f["code"], f["message"]) for f in data["findings"]]
    if fault == "expired":
        msg = next(f["message"] for f in data["findings"] if f["code"] == "tls.cert-expired")
        assert re.search(r"expired \d+ days? ago, notAfter \d{4}-\d\d-\d\d$", msg), msg
    if fault == "tls13-only":
        status = {v["version"]: v["status"] for v in data["versions"]}
        assert status["TLS 1.2"] == "refused" and status["TLS 1.3"] == "accepted"
        # 1.0/1.1: refused by the server, unless this client's OpenSSL cannot even offer them
        assert status["TLS 1.0"] in ("refused", "not-testable") and status["TLS 1.1"] in ("refused", "not-testable")


def test_an_invalid_certificate_exits_0_unless_fail_on(sandbox):
    r = sandbox.netlab("tls-inspect", "expired.badtls.test", "--fail-on", "error", timeout=60)
    assert r.returncode == 1, r.stdout[-800:]
    assert "expired" in r.stdout


@pytest.mark.parametrize("site", ["www.naver.com", "www.google.com", "example.com"])
def test_good_hosts_validate_with_a_chain_of_three(sandbox, site):
    data = inspect(sandbox, site)
    assert problems(data) == []
    v = data["validation"]
    assert v["verdict"] == "valid" and v["trust_store"] == "sandbox" and v["openssl_reason"] == "ok"
    assert v["hostname_ok"] is True
    assert [c["role"] for c in data["chain_validated"]] == ["leaf", "intermediate", "root"]
    assert len(data["chain_sent"]) == 2
    assert data["version"] == "TLS 1.3" and data["alpn"] == "h2"
    assert data["resumption"]["resumed"] is True


def test_ipv6_and_an_address_with_servername(sandbox):
    data = inspect(sandbox, "www.google.com", "-6")
    assert ":" in data["address"] and data["validation"]["verdict"] == "valid"
    web = sandbox.host("web-naver")
    data = inspect(sandbox, web["ipv4"], "--servername", "www.naver.com")
    assert data["sni"] == "www.naver.com" and problems(data) == []
    # by address and without a server name, the name checked is the address: not in the certificate
    data = inspect(sandbox, web["ipv4"])
    assert problems(data) == ["tls.hostname-mismatch"]


def _s_client(sandbox, host: str, *extra: str) -> tuple[dict, list[str]]:
    """(negotiated protocol and cipher from `-brief`, SHA-256 of each certificate from `-showcerts`)."""
    base = ["openssl", "s_client", "-connect", f"{host}:443", "-servername", host, "-CAfile", sandbox.info.cacert,
            *extra]
    brief = sandbox.exec(base + ["-brief"], input="", timeout=30)
    text = brief.stdout + brief.stderr
    proto = re.search(r"^Protocol version:\s*(\S+)", text, re.M)
    cipher = re.search(r"^Ciphersuite:\s*(\S+)", text, re.M)
    assert proto and cipher, text[-1500:]
    out = sandbox.exec(base + ["-showcerts"], input="", timeout=30).stdout
    pems = re.findall(r"-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", out, re.S)
    fps = [hashlib.sha256(ssl.PEM_cert_to_DER_cert(p + "\n")).hexdigest().upper() for p in pems]
    return {"Protocol": proto.group(1), "Cipher": cipher.group(1)}, fps


@pytest.mark.parametrize("host,extra", [
    ("www.naver.com", ()),
    ("www.google.com", ()),
    ("rsa-kx.badtls.test", ()),
    ("wrong-order.badtls.test", ()),
    ("untrusted-root.badtls.test", ()),
    ("tls10.badtls.test", ("-cipher", "DEFAULT:@SECLEVEL=0")),
])
def test_agrees_with_openssl_s_client(sandbox, host, extra):
    data = inspect(sandbox, host)
    fields, fps = _s_client(sandbox, host, *extra)
    names = {"TLSv1": "TLS 1.0", "TLSv1.1": "TLS 1.1", "TLSv1.2": "TLS 1.2", "TLSv1.3": "TLS 1.3"}
    assert names[fields["Protocol"]] == data["version"]
    assert fields["Cipher"] == data["cipher"]
    ours = [c["sha256"].replace(":", "") for c in data["chain_sent"]]
    assert ours == fps, "the chain as sent (order and certificates) differs from s_client -showcerts"


def test_round_trips_are_measured_against_the_configured_rtt(sandbox):
    rtt = sandbox.host("web-naver")["rtt_ms"]
    data = inspect(sandbox, "www.naver.com")
    tls_rts = [r for r in data["round_trips"] if r["n"] >= 1]
    assert len(tls_rts) == 1
    # Behaviour, not accuracy (that is `make bench`): one TLS round trip, of about the link's RTT.
    # A loaded machine can stamp our flight late (after the kernel sent it), so allow 20 % below.
    assert data["tcp_connect_ms"] >= rtt * 0.8
    assert tls_rts[0]["rtt_ms"] >= rtt * 0.8
    data12 = inspect(sandbox, "rsa-kx.badtls.test")
    rtt12 = sandbox.host("web-badtls")["rtt_ms"]
    rts12 = [r for r in data12["round_trips"] if r["n"] >= 1]
    assert len(rts12) == 2 and all(r["rtt_ms"] >= rtt12 * 0.8 for r in rts12)
    assert data12["resumption"]["resumed"] is True


def test_closed_port_is_a_network_failure(sandbox):
    data = inspect(sandbox, "198.18.1.120:81", rc=3)
    assert [f["code"] for f in data["findings"]] == ["tls.unreachable"]


@pytest.mark.skipif(shutil.which("tshark") is None, reason="tshark is not installed (apt-get install tshark)")
def test_tshark_decrypts_the_capture_with_the_key_log(sandbox, tmp_path):
    os.chmod(tmp_path, 0o777)
    keylog, pcap = tmp_path / "keys.txt", tmp_path / "hs.pcap"
    data = inspect(sandbox, "example.com", "--keylog", str(keylog), "--pcap", str(pcap))
    assert oct(keylog.stat().st_mode & 0o777) == "0o600"
    assert "tls.keylog-written" in {f["code"] for f in data["findings"]}
    assert data["artifacts"]["pcap"] == str(pcap)

    def handshake_types(*opts: str) -> set[str]:
        r = sandbox.exec(["tshark", "-r", str(pcap), *opts, "-Y", "tls.handshake.type", "-T", "fields",
                          "-e", "tls.handshake.type"], timeout=60)
        assert r.returncode == 0, r.stderr
        return {t for line in r.stdout.split() for t in line.split(",")}

    plain = handshake_types()
    decrypted = handshake_types("-o", f"tls.keylog_file:{keylog}")
    # TLS 1.3: without keys only ClientHello (1) and ServerHello (2) are readable
    assert "11" not in plain and {"1", "2"} <= plain
    # with netlab's key log, tshark reads EncryptedExtensions, Certificate, CertificateVerify, Finished
    assert {"8", "11", "15", "20"} <= decrypted


def test_the_tls10_host_offers_exactly_tls_1_0(sandbox):
    """A host named for TLS 1.0 negotiates TLS 1.0 and refuses every later version."""
    data = inspect(sandbox, "tls10.badtls.test")
    assert data["version"] == "TLS 1.0"
    status = {v["version"]: v["status"] for v in data["versions"]}
    assert status["TLS 1.0"] == "accepted"
    assert all(status[v] != "accepted" for v in ("TLS 1.1", "TLS 1.2", "TLS 1.3")), status


def test_a_refused_client_certificate_is_never_a_completed_handshake(sandbox):
    data = inspect(sandbox, "client-cert.badtls.test")
    assert data["handshake_accepted"] is False
    codes = {f["code"]: f["message"] for f in data["findings"]}
    assert "tls.client-cert-required" in codes
    assert "could send its request" not in " ".join(codes.values())
    assert "refused" in codes.get("tls.handshake-round-trips", "refused")
