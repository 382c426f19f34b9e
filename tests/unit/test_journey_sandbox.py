"""What the default sandbox gives `netlab journey`, without starting it: naver.com's redirects
(http:// -> https://, naver.com -> www.naver.com), a page with sub-resources on two hosts, the
/etc/hosts entry of a name that is in no zone."""

from __future__ import annotations

from pathlib import Path

import pytest

from netlab.errors import ScenarioError
from netlab.sandbox import scenario
from netlab.sandbox.scenario import Host, Interface
from netlab.sandbox.services import ServiceContext, web

ZONES = Path(scenario.__file__).resolve().parent / "data" / "zones"


def _caddy(tmp_path, spec: dict) -> tuple[str, Path]:
    ctx = ServiceContext(scenario=None, state_dir=tmp_path, data_dir=tmp_path)
    host = Host(name="web-x", role="web", fqdn="www.naver.com.nheos.com",
                interfaces=[Interface(network="core", ipv4="198.18.1.200", ipv6="2001:db8:1::200")])
    [proc] = web.caddy(ctx, host, spec)
    return Path(proc.argv[proc.argv.index("--config") + 1]).read_text(), tmp_path / "web-x" / "www"


def test_default_scenario_has_what_the_journey_needs():
    sc = scenario.load()
    naver = next(s for s in sc.host("web-naver").services if s["type"] == "caddy")
    assert naver["redirect"] == {"naver.com": "www.naver.com"} and naver["https_redirect"] is True
    assert any(r.startswith("https://ssl.pstatic.net/") for r in naver["subresources"])
    assert any(r.startswith("/static/") for r in naver["subresources"])
    assert sc.host("web-pstatic").fqdn == "ssl.pstatic.net" and sc.host("web-pstatic").ipv4 == "198.18.1.103"
    assert sc.etc_hosts == {"intranet.lab.test": "198.18.1.110"}
    assert "intranet" not in (ZONES / "lab.test.zone").read_text()  # only /etc/hosts knows the name
    assert "pstatic" in (ZONES / "net.zone").read_text() and (ZONES / "pstatic.net.zone").exists()


def test_caddy_redirects_and_page(tmp_path):
    conf, www = _caddy(tmp_path, {"sites": ["www.naver.com", "naver.com"], "redirect": {"naver.com": "www.naver.com"},
                                  "https_redirect": True,
                                  "subresources": ["/static/main.css", "/static/main.js", "/static/logo.svg",
                                                   "https://ssl.pstatic.net/static/logo.png"]})
    assert "https://naver.com {\n" in conf and "redir https://www.naver.com{uri} 301" in conf
    assert "https://www.naver.com {\n" in conf  # the redirected site is not also served
    assert "redir https://{host}{uri} 301" in conf and "http://www.naver.com, http://naver.com {" in conf
    page = (www / "index.html").read_text()
    head, body = page.split("</head>")
    assert '<link rel="stylesheet" href="/static/main.css">' in head and '<script src="/static/main.js">' in head
    assert '<img src="https://ssl.pstatic.net/static/logo.png"' in body and '<img src="/static/logo.svg"' in body
    for path in ("static/main.css", "static/main.js", "static/logo.svg"):
        assert (www / path).stat().st_size > 100
    assert not (www / "ssl.pstatic.net").exists()
    assert (www / "static/main.css").read_bytes() == web.static_body("/static/main.css")  # fixed content


def test_caddy_without_the_new_keys_is_unchanged(tmp_path):
    conf, www = _caddy(tmp_path, {"sites": ["www.example.test"]})
    assert "redir " not in conf and "file_server" in conf.split("http://www.example.test {", 1)[1]
    assert "<img" not in (www / "index.html").read_text()


def test_etc_hosts_is_checked():
    base = scenario.default_path().read_text()
    for bad in ('{ "bad name!" = "198.18.1.1" }', '{ "ok.test" = "10.0.0.1" }', '{ "ok.test" = "nope" }', '"x"'):
        text = base.replace('etc_hosts = { "intranet.lab.test" = "198.18.1.110" }', f"etc_hosts = {bad}")
        with pytest.raises(ScenarioError):
            scenario.loads(text)
