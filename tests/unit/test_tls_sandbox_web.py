"""The sandbox's PKI and web-tier configuration, without starting servers (those run in
tests/integration/test_tls_inspect.py)."""

from __future__ import annotations

import datetime as dt
import os
import ssl
import stat
from pathlib import Path

from netlab.probes.tls_inspect.chain import analyze_chain, split_pem_bundle
from netlab.sandbox import pki
from netlab.sandbox.scenario import Host, Interface
from netlab.sandbox.services import ServiceContext, web


def test_pki_files_chain_and_cache(tmp_path):
    p, files = pki.ensure(tmp_path, {"www.naver.com": (["www.naver.com", "naver.com"], "ecdsa")}, with_faults=True)
    d = tmp_path / "pki"
    assert p.root_pem == d / "root.pem"
    for key in d.glob("*.key"):
        assert stat.S_IMODE(key.stat().st_mode) == 0o600, key
    now = dt.datetime.now(dt.UTC)
    root = split_pem_bundle((d / "root.pem").read_text())
    good = analyze_chain(split_pem_bundle(files["www.naver.com"].fullchain.read_text()), root, "naver.com", now)
    assert good.verdict == "valid" and len(good.path) == 3
    # what each fault server will send
    assert split_pem_bundle(files["incomplete-chain"].fullchain.read_text()).__len__() == 1
    assert len(split_pem_bundle(files["wrong-order"].fullchain.read_text())) == 3
    assert len(split_pem_bundle(files["untrusted-root"].fullchain.read_text())) == 3
    # a second call reuses everything (same root, same leaf)
    before = {f: (d / f).read_bytes() for f in ("root.pem", "www.naver.com.pem", "fault-expired.pem")}
    pki.ensure(tmp_path, {"www.naver.com": (["www.naver.com", "naver.com"], "ecdsa")}, with_faults=True)
    assert all((d / f).read_bytes() == b for f, b in before.items())
    # other names: a new leaf, same CA
    pki.ensure(tmp_path, {"www.naver.com": (["www.naver.com"], "ecdsa")})
    assert (d / "www.naver.com.pem").read_bytes() != before["www.naver.com.pem"]
    assert (d / "root.pem").read_bytes() == before["root.pem"]
    # a lost root key makes a new hierarchy, and the leaves follow
    os.unlink(d / "root.key")
    pki.ensure(tmp_path, {"www.naver.com": (["www.naver.com"], "ecdsa")})
    root2 = split_pem_bundle((d / "root.pem").read_text())
    assert root2 != root
    leaf = split_pem_bundle((d / "www.naver.com.fullchain.pem").read_text())
    assert analyze_chain(leaf, root2, "www.naver.com", now).verdict == "valid"


def _host(name="web-x", v4="198.18.1.200", v6="2001:db8:1::200", fqdn="www.example.test"):
    return Host(name=name, role="web", fqdn=fqdn, interfaces=[Interface(network="core", ipv4=v4, ipv6=v6)])


def test_caddy_config_stays_inside_the_state_dir(tmp_path):
    ctx = ServiceContext(scenario=None, state_dir=tmp_path, data_dir=tmp_path)
    [proc] = web.caddy(ctx, _host(), {"sites": ["www.example.test", "example.test"]})
    conf = Path(proc.argv[proc.argv.index("--config") + 1]).read_text()
    for line in ("admin off", "skip_install_trust", "protocols h1 h2 h3", "format json",
                 "https://www.example.test, https://example.test", "http://www.example.test",
                 "bind 198.18.1.200 2001:db8:1::200"):
        assert line in conf, line
    assert f"root {tmp_path}" in conf  # storage
    for v in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        assert proc.env[v].startswith(str(tmp_path))
    assert ("tcp", "198.18.1.200", 443) in proc.ready and ("tcp", "198.18.1.200", 80) in proc.ready
    www = tmp_path / "web-x" / "www"
    objs = sorted((www / "assets").glob("obj-*.bin"))
    assert 30 <= len(objs) <= 50
    sizes = [o.stat().st_size for o in objs]
    assert min(sizes) >= 1024 and max(sizes) <= 100 * 1024 and len(set(sizes)) > 10
    many = (www / "many.html").read_text()
    assert all(f"/assets/{o.name}" in many for o in objs)
    assert (www / "index.html").exists()


def test_badtls_host_runs_a_real_server_per_fault(tmp_path):
    ctx = ServiceContext(scenario=None, state_dir=tmp_path, data_dir=tmp_path)
    procs = web.badtls(ctx, _host("web-badtls", "198.18.1.120", "2001:db8:1::120", "badtls.test"), {})
    by = {p.name.split("@")[0]: p for p in procs}
    assert set(by) >= {f"s_server-{f}" for f in web.CERT_FAULTS + web.PROTOCOL_FAULTS} | {"plain-http", "sni-router"}
    tls10 = by["s_server-tls10"].argv
    assert tls10[:2] == ["openssl", "s_server"] and "DEFAULT:@SECLEVEL=0" in tls10
    assert tls10[tls10.index("-max_protocol") + 1] == "TLSv1"
    assert "-Verify" in by["s_server-client-cert"].argv
    rsa = by["s_server-rsa-kx"].argv
    assert not any("ECDHE" in a for a in rsa) and rsa[rsa.index("-max_protocol") + 1] == "TLSv1.2"
    assert "-cert_chain" not in by["s_server-incomplete-chain"].argv
    router = by["sni-router"].argv
    assert "reset.badtls.test=reset" in router
    assert "expired.badtls.test=198.18.1.120:4431" in router


def test_sni_router_reads_the_server_name_from_a_real_client_hello():
    c = ssl.create_default_context()
    o = c.wrap_bio(ssl.MemoryBIO(), out := ssl.MemoryBIO(), server_hostname="Expired.BadTLS.test")
    try:
        o.do_handshake()
    except ssl.SSLWantReadError:
        pass
    hello = out.read()
    assert web.parse_client_hello_sni(hello) == (True, "expired.badtls.test", True)
    assert web.parse_client_hello_sni(hello[:20]) == (True, None, False)  # wait for the rest
    assert web.parse_client_hello_sni(b"GET / HTTP/1.1\r\n")[0] is False


def test_private_ssl_apis_degrade_to_the_leaf():
    from netlab.probes.tls_inspect import sslpriv

    pem = split_pem_bundle((Path(__file__).resolve().parent.parent / "fixtures" / "tls" / "pem" /
                            "www.naver.com.fullchain.pem").read_text())[0]

    class OldSSLObject:  # no get_unverified_chain / get_verified_chain anywhere
        def getpeercert(self, binary_form=False):
            return ssl.PEM_cert_to_DER_cert(pem)

    chain, how = sslpriv.unverified_chain(OldSSLObject())
    assert how == "getpeercert" and len(chain) == 1
    assert ssl.PEM_cert_to_DER_cert(chain[0]) == ssl.PEM_cert_to_DER_cert(pem)
    assert sslpriv.verified_chain(OldSSLObject()) == []

    class NoCallbackContext:
        __slots__ = ()

    assert sslpriv.set_message_callback(NoCallbackContext(), lambda *a: None) is False
    assert sslpriv.set_message_callback(ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT), lambda *a: None) is True
