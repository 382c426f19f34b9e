"""journey's pure pieces: the address bar, the system resolver's files, DNS answers, the first
hop from `ip -j`, frames (ARP, DNS, TLS records, SNI, HTTP lines), the page's sub-resources."""

from __future__ import annotations

import json
import struct

import pytest

from netlab.probes.journey import names as N
from netlab.probes.journey.addressbar import parse_address
from netlab.probes.journey.hop import first_hop
from netlab.probes.journey.page import subresources
from netlab.probes.journey.params import ParamError, check_typed, make_params
from netlab.probes.journey.wire import client_hello_sni, frame_info, http_line, tls_records


@pytest.mark.parametrize(("typed", "url", "guessed"), [
    ("naver.com", "http://naver.com/", True),
    ("  naver.com  ", "http://naver.com/", True),
    ("https://naver.com", "https://naver.com/", False),
    ("naver.com:8080/a?b=1#frag", "http://naver.com:8080/a?b=1", True),
    ("HTTP://WWW.Naver.COM/", "http://www.naver.com/", False),
    ("198.18.1.100", "http://198.18.1.100/", True),
    ("[2001:db8::1]:8443", "http://[2001:db8::1]:8443/", True),
    ("localhost", "http://localhost/", True),
])
def test_address_bar_makes_urls(typed, url, guessed):
    a = parse_address(typed)
    assert a["ok"] and a["url"] == url and a["scheme_guessed"] is guessed


def test_address_bar_idn_https_first_and_default_port():
    a = parse_address("한글.kr")
    assert a["ok"] and a["host"] == "xn--bj0bj06e.kr" and a["host_unicode"] == "한글.kr" and a["idn"]
    assert a["port"] == 80 and a["port_default"]
    b = parse_address("naver.com", https_first=True)
    assert b["url"] == "https://naver.com/" and b["port"] == 443


@pytest.mark.parametrize(("typed", "kind"), [
    ("", "empty"), ("   ", "empty"), ("http://", "no-host"), ("https:///path", "no-host"),
    ("ftp://naver.com/", "scheme"), ("naver com", "search"), ("intranet", "search"),
    ("http://user:pw@naver.com/", "userinfo"), ("http://naver.com:0/", "invalid"), ("http://exa mple.com/", "invalid"),
])
def test_address_bar_refuses_what_is_not_an_address(typed, kind):
    a = parse_address(typed)
    assert not a["ok"] and a["error_kind"] == kind


def test_params_refuse_only_what_cannot_be_typed():
    assert make_params("http://")["url"] == "http://"  # a finding later, not a usage error
    for bad in ("naver.com\n", "a\x00b", "x" * 9000):
        with pytest.raises(ParamError):
            check_typed(bad)
    with pytest.raises(ParamError):
        make_params("naver.com", protocol="h4")


# ------------------------------------------------------------------------------ system files


def test_hosts_file_order_comments_and_families():
    text = "127.0.0.1 localhost\n# 198.18.1.1 commented.test\n198.18.1.110 intranet.lab.test Intranet\n" \
           "2001:db8::110 intranet.lab.test\nnot-an-address foo\n198.18.1.111 intranet.lab.test\n"
    assert N.hosts_lookup(text, "INTRANET.lab.test.") == ["198.18.1.110", "2001:db8::110", "198.18.1.111"]
    assert N.hosts_lookup(text, "intranet.lab.test", family=6) == ["2001:db8::110"]
    assert N.hosts_lookup(text, "intranet") == ["198.18.1.110"]
    assert N.hosts_lookup(text, "commented.test") == []
    assert len(N.parse_hosts(text)) == 4


def test_nsswitch_and_resolv_conf():
    assert N.nsswitch_hosts("passwd: files\nhosts:  files mdns4_minimal [NOTFOUND=return] dns\n") == \
        ["files", "mdns4_minimal", "dns"]
    assert N.nsswitch_hosts("") == ["files", "dns"] and N.nsswitch_hosts(None) == ["files", "dns"]
    conf = N.parse_resolv_conf("# c\nnameserver 198.18.0.53\nnameserver bad\nnameserver 2001:db8::53\n"
                               "nameserver 1.1.1.1\nnameserver 8.8.8.8\nsearch a.test b.test\noptions timeout:2 attempts:3 edns0\n")
    assert conf["nameservers"] == ["198.18.0.53", "2001:db8::53", "1.1.1.1"]
    assert conf["ignored_nameservers"] == ["8.8.8.8"]
    assert conf["search"] == ["a.test", "b.test"]
    assert conf["options"]["timeout"] == 2 and conf["options"]["attempts"] == 3 and conf["options"]["edns0"] is True
    assert N.local_stub("127.0.0.53") == "systemd-resolved" and N.local_stub("198.18.0.53") is None


def _answer(name: str, rcode: int = 0, records=(), aa: bool = False) -> bytes:
    import dns.message
    import dns.rrset

    q = dns.message.make_query(name, "A")
    r = dns.message.make_response(q)
    r.set_rcode(rcode)
    if aa:
        r.flags |= 0x0400
    for rtype, ttl, data in records:
        r.answer.append(dns.rrset.from_text(name, ttl, "IN", rtype, data))
    return r.to_wire()


def test_dns_answers_read_from_wire_bytes():
    ok = N.parse_answer(_answer("www.naver.com.", records=[("CNAME", 3600, "www.naver.com.nheos.com.")]))
    a = N.parse_answer(_answer("www.naver.com.", records=[("A", 300, "198.18.1.100")]))
    assert ok["rcode"] == "NOERROR" and ok["ra"] is False and ok["aa"] is False
    assert N.addresses_of([ok, a]) == (["198.18.1.100"], ["www.naver.com.nheos.com."])
    assert N.lookup_error([ok, a]) is None
    assert N.lookup_error([N.parse_answer(_answer("x.test.", rcode=3))]) == "nxdomain"
    assert N.lookup_error([N.parse_answer(_answer("x.test.", rcode=2))]) == "servfail"
    assert N.lookup_error([N.parse_answer(_answer("x.test."))]) == "nodata"
    assert N.lookup_error([]) == "timeout"
    assert N.parse_answer(b"\x00\x01garbage") is None
    assert N.pick_address(["2001:db8::1", "198.18.1.1"], None) == "198.18.1.1"
    assert N.pick_address(["2001:db8::1", "198.18.1.1"], 6) == "2001:db8::1"
    assert N.pick_address(["2001:db8::1"], 4) is None


# ------------------------------------------------------------------------------ first hop


def test_first_hop_from_ip_json():
    route = json.dumps([{"dst": "198.18.1.100", "gateway": "198.18.0.1", "dev": "eth0", "prefsrc": "198.18.0.10"}])
    neigh = json.dumps([{"dst": "198.18.0.1", "dev": "eth0", "lladdr": "02:00:00:00:00:01", "state": ["PERMANENT"]}])
    hop = first_hop(route, neigh)
    assert hop["gateway"] == hop["next_hop"] == "198.18.0.1" and hop["lladdr"] == "02:00:00:00:00:01"
    assert hop["state"] == "PERMANENT" and hop["src"] == "198.18.0.10" and not hop["on_link"]
    onlink = first_hop(json.dumps([{"dst": "198.18.0.53", "dev": "eth0", "prefsrc": "198.18.0.10"}]), "")
    assert onlink["on_link"] and onlink["next_hop"] == "198.18.0.53" and onlink["lladdr"] is None
    local = first_hop(json.dumps([{"type": "local", "dst": "198.18.0.10", "dev": "lo"}]), "")
    assert local["local"] and local["next_hop"] is None
    for junk in ("", "not json", "[1, 2]", '{"dst": 1}', '[{"dev": 5, "gateway": []}]'):
        assert first_hop(junk, junk)["dev"] is None


# ------------------------------------------------------------------------------ frames


def _eth(etype: int, body: bytes) -> bytes:
    return bytes.fromhex("020000000001") + bytes.fromhex("020000000002") + struct.pack("!H", etype) + body


def test_arp_and_udp_dns_frames():
    arp = struct.pack("!HHBBH", 1, 0x0800, 6, 4, 1) + bytes(6) + bytes([198, 18, 0, 10]) + bytes(6) + bytes([198, 18, 0, 1])
    i = frame_info(_eth(0x0806, arp))
    assert i == {"kind": "arp", "op": "request", "sender_mac": "00:00:00:00:00:00", "sender_ip": "198.18.0.10",
                 "target_mac": "00:00:00:00:00:00", "target_ip": "198.18.0.1"}
    payload = _answer("naver.com.", records=[("A", 300, "198.18.1.100")])
    udp = struct.pack("!HHHH", 53, 40000, 8 + len(payload), 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0, 64, 17, 0, bytes([198, 18, 0, 53]),
                     bytes([198, 18, 0, 10])) + udp
    d = frame_info(_eth(0x0800, ip))
    assert d["proto"] == "udp" and d["dns"] and d["sport"] == 53 and d["payload"] == payload
    assert d["eth_dst"] == "02:00:00:00:00:01"
    assert frame_info(b"\x00" * 10) is None and frame_info(_eth(0x9999, b"x" * 40)) is None


def _client_hello(sni: str) -> bytes:
    name = sni.encode()
    sni_ext = struct.pack("!HHHBH", 0, len(name) + 5, len(name) + 3, 0, len(name)) + name
    exts = struct.pack("!HH", 0x000a, 2) + b"\x00\x00" + sni_ext
    body = b"\x03\x03" + bytes(32) + b"\x00" + struct.pack("!H", 2) + b"\x13\x01" + b"\x01\x00" + \
        struct.pack("!H", len(exts)) + exts
    hs = b"\x01" + struct.pack("!I", len(body))[1:] + body
    return b"\x16\x03\x01" + struct.pack("!H", len(hs)) + hs


def test_tls_records_and_the_sni_in_clear_text():
    hello = _client_hello("www.naver.com")
    assert tls_records(hello) == ["Handshake:ClientHello"]
    assert client_hello_sni(hello) == "www.naver.com"
    assert client_hello_sni(hello[:40]) is None
    server = b"\x16\x03\x03\x00\x04\x02\x00\x00\x00" + b"\x14\x03\x03\x00\x01\x01" + b"\x17\x03\x03\x00\x02ab"
    assert tls_records(server) == ["Handshake:ServerHello", "ChangeCipherSpec", "ApplicationData"]
    assert tls_records(b"GET / HTTP/1.1\r\n") == []
    assert http_line(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n") == "GET / HTTP/1.1"
    assert http_line(b"HTTP/1.1 301 Moved Permanently\r\n") == "HTTP/1.1 301 Moved Permanently"
    assert http_line(hello) is None


def test_page_subresources():
    html = (b'<!doctype html><html><head><base href="https://www.naver.com/x/">'
            b'<link rel="stylesheet" href="a.css"><link rel="alternate" href="/feed">'
            b'<script src="/j.js"></script><script>inline()</script></head>'
            b'<body><img src="https://ssl.pstatic.net/i.png#f"><img src="data:image/png;base64,AA">'
            b'<a href="/next.html">next</a><img src="/j.js"><img src="ftp://x/y"><img src="https://[bad">'
            b'<video src="/v.mp4"></video></body></html>')
    refs = subresources(html, "https://www.naver.com/")
    assert [(r["kind"], r["url"]) for r in refs] == [
        ("stylesheet", "https://www.naver.com/x/a.css"), ("script", "https://www.naver.com/j.js"),
        ("image", "https://ssl.pstatic.net/i.png"), ("media", "https://www.naver.com/v.mp4")]
    many = b"".join(b'<img src="/i%d.png">' % i for i in range(200))
    assert len(subresources(many, "http://a.test/")) == 64
    assert subresources(b"\xff\xfe<<<>>>", "http://a.test/") == []
