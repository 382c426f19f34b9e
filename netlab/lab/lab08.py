"""Lab 08, what happens when you type naver.com: the variant, the evidence, the checks (pure).

What differs between two students (drawn from the student's seed):

- the one-way delays of www.naver.com's web server, of the resolver and of ssl.pstatic.net, so
  every step's time, the time to the HTML and the share of each layer differ;
- the address the sandbox's /etc/hosts gives ``intranet.lab.test`` (a name in no zone): the TCP
  lab host over IPv4 or IPv6, or the host behind the long path (blackhole.lab.test's address), so
  the hosts-file step's answer and the connection it makes are the student's own.

The order of the steps is the same for everyone (that is the lesson); the redirect chain is fixed
by the scenario (naver.com redirects to the only other name its web server serves, www.naver.com),
so it is not drawn.  The golden variant (ID ``golden``) is the default scenario: web server 10 ms,
resolver 5 ms, intranet.lab.test = 198.18.1.110.
"""

from __future__ import annotations

import re

from netlab.i18n import catalogue
from netlab.lab.base import Ctx, LabDef, NoEvidence, Run, Variant
from netlab.lab.common import YES_NO, ask, data, default_delays, free, one, scaled
from netlab.lab.draft import ScenarioDraft
from netlab.lab.messages import M

HOSTS = ("web-naver", "resolver", "web-pstatic")
FACTORS = (0.6, 0.8, 1.0, 1.2, 1.5, 1.8)
HOSTS_NAME = "intranet.lab.test"
HOSTS_ADDRS = ("198.18.1.110", "2001:db8:1::110", "198.19.49.80")


def _defaults() -> dict:
    d = ScenarioDraft()
    return {"delays": default_delays(HOSTS), "hosts_addr": d.data["scenario"]["etc_hosts"][HOSTS_NAME]}


DEFAULTS = _defaults()


def draw(rng) -> dict:
    return {"delays": {h: scaled(ms, rng.choice(FACTORS)) for h, ms in DEFAULTS["delays"].items()},
            "hosts_addr": rng.choice(HOSTS_ADDRS)}


def build(p: dict) -> ScenarioDraft:
    d = ScenarioDraft("lab-08", "lab 08 (what happens when you type naver.com): a student's variant of the default "
                      "scenario")
    for host, ms in p["delays"].items():
        d.set_delay(host, ms)
    d.data["scenario"]["etc_hosts"] = {**d.data["scenario"].get("etc_hosts", {}), HOSTS_NAME: p["hosts_addr"]}
    return d


# ------------------------------------------------------------------------------------ evidence


def _journey(typed: str, **want):
    def matches(params: dict) -> bool:
        if str(params.get("url", "")).strip().lower().rstrip("/") != typed:
            return False
        base = {"https_first": False, "browser_like": False, "dns": "as-is", "follow": True, "protocol": "auto"}
        base.update(want)
        return all(params.get(k) == v for k, v in base.items())
    return matches


J = "netlab --sandbox=$S journey"
RUNS = (
    Run("r1", "R1", "r1.rec.json", "journey", f"{J} naver.com --markdown r1.md", _journey("naver.com")),
    Run("r2", "R2", "r2.rec.json", "journey", f"{J} naver.com --browser-like --pcap r2.pcap --markdown r2.md",
        _journey("naver.com", browser_like=True)),
    Run("r3w", "R3", "r3w.rec.json", "journey", f"{J} naver.com --warm --no-details --markdown r3w.md",
        _journey("naver.com", dns="warm")),
    Run("r3c", "R3", "r3c.rec.json", "journey", f"{J} naver.com --cold --no-details --markdown r3c.md",
        _journey("naver.com", dns="cold")),
    Run("r4", "R4", "r4.rec.json", "journey", f"{J} intranet.lab.test --markdown r4.md",
        _journey("intranet.lab.test")),
    Run("r5", "R5", "r5.rec.json", "journey", f"{J} naver.com --https-first --no-details --markdown r5.md",
        _journey("naver.com", https_first=True)),
)


def _steps(ctx: Ctx, run: str, *kinds: str) -> list[dict]:
    return [s for s in data(ctx, run).get("steps") or [] if not kinds or s.get("kind") in kinds]


def _step(ctx: Ctx, run: str, *kinds: str, host: str | None = None) -> dict:
    return one([s for s in _steps(ctx, run, *kinds) if host is None or s.get("host") == host],
               M.t("08.no-step", kind="/".join(kinds), file=ctx.lab.run(run).file), run)


def _redirect(ctx: Ctx, n: int) -> dict:
    reds = data(ctx, "r1").get("redirects") or []
    if len(reds) <= n:
        raise NoEvidence(M.t("08.no-redirect", n=n + 1, file="r1.rec.json"), "r1")
    return reds[n]


def _first_hop(ctx: Ctx) -> dict:
    return one((data(ctx, "r1").get("system") or {}).get("first_hops") or [],
               M.t("08.no-step", kind="route", file="r1.rec.json"), "r1")


def _layer(ctx: Ctx, layer: str) -> dict:
    return one([x for x in data(ctx, "r1").get("layers") or [] if x.get("layer") == layer],
               M.t("08.no-step", kind=layer, file="r1.rec.json"), "r1")


def _top_layer(ctx: Ctx) -> str:
    layers = data(ctx, "r1").get("layers") or []
    if not layers:
        raise NoEvidence(M.t("08.no-step", kind="layers", file="r1.rec.json"), "r1")
    return max(layers, key=lambda x: x.get("ms") or 0)["layer"]


def _subresources(ctx: Ctx) -> list[dict]:
    return [r for r in data(ctx, "r2").get("requests") or [] if r.get("purpose") == "subresource"]


def _host_of(url: str) -> str:
    return url.split("//", 1)[-1].split("/", 1)[0].lower()


def _sub_new_names(ctx: Ctx) -> list[str]:
    """The hosts of the sub-resources whose name the page's own requests had not looked up already."""
    res = data(ctx, "r2")
    page = {_host_of(r["url"]) for r in res.get("requests") or [] if r.get("purpose") in ("redirect", "document")}
    names = res.get("names") or {}
    hosts: list[str] = []
    for r in _subresources(ctx):
        host = _host_of(r["url"])
        if host not in page and host in names and host not in hosts:
            hosts.append(host)
    return hosts


def _sub_version(ctx: Ctx) -> str:
    versions = {r.get("http_version") for r in _subresources(ctx)}
    if len(versions) != 1:
        raise NoEvidence(M.t("08.no-step", kind="subresources", file="r2.rec.json"), "r2")
    return {"HTTP/1.1": "h1", "HTTP/2": "h2", "HTTP/3": "h3"}.get(versions.pop(), "h1")


def _warm_stub(ctx: Ctx) -> dict:
    """The stub resolver's question for naver.com in r3w (after netlab's own earlier question)."""
    stubs = [s for s in _steps(ctx, "r3w", "resolver") if s.get("host") == "naver.com"]
    return one(stubs[-1:], M.t("08.no-step", kind="resolver", file="r3w.rec.json"), "r3w")


def _cold_queries(ctx: Ctx) -> int:
    walk = _step(ctx, "r3c", "dns-walk", host="naver.com")
    m = re.search(r"(\d+) quer", walk.get("label") or "")
    if not m:
        raise NoEvidence(M.t("08.no-step", kind="dns-walk", file="r3c.rec.json"), "r3c")
    return int(m.group(1))


def _hosts_name(ctx: Ctx) -> dict:
    names = data(ctx, "r4").get("names") or {}
    if HOSTS_NAME not in names:
        raise NoEvidence(M.t("08.no-step", kind="hosts-file", file="r4.rec.json"), "r4")
    return names[HOSTS_NAME]


SOURCES = {"hosts": ("/etc/hosts", "hosts file", "the hosts file", "hosts 파일"), "resolver": ("dns", "the resolver"),
           "walk": ()}
LAYERS = {"application": ("app", "7", "응용"), "transport": ("4", "전송"), "network": ("3", "네트워크"),
          "link": ("2", "링크")}
VERSIONS = {"h1": ("http/1.1", "h1.1", "http1.1"), "h2": ("http/2", "http2"), "h3": ("http/3", "http3")}
RCODES = {"nxdomain": ("nx", "nx domain"), "noerror": (), "servfail": ()}


def _questions():
    r1, look1 = ("r1",), "08.look.r1"
    return (
        *(free(f"P{i}") for i in range(1, 9)),
        ask("O1.steps", "int", lambda c: len(_steps(c, "r1")), r1, look1),
        ask("O1.first_dns_step", "int", lambda c: _step(c, "r1", "resolver", "dns-walk")["index"], r1, look1),
        ask("O1.first_tcp_step", "int", lambda c: _step(c, "r1", "tcp")["index"], r1, look1),
        ask("O1.tls_osi", "text", lambda c: _step(c, "r1", "tls")["osi"], r1, look1),
        ask("O1.arp_osi", "text", lambda c: _step(c, "r1", "neighbour")["osi"], r1, look1),
        ask("O1.first_tcp_ms", "float", lambda c: _step(c, "r1", "tcp")["duration_ms"], r1, look1, unit="ms", tol=(0.5, 0.05)),
        ask("O1.status_rtt_ms", "float", lambda c: build(c.p).rtt_ms("web-naver"), (), "08.look.status", unit="ms",
            tol=(0.5, 0.0)),
        ask("O1.html_ms", "float", lambda c: data(c, "r1")["page_ms"], r1, "08.look.r1-time", unit="ms",
            tol=(1.0, 0.02)),
        ask("O2.dns_names", "int", lambda c: sum(1 for n in (data(c, "r1").get("names") or {}).values()
                                                 if n.get("source") == "resolver"), r1, "08.look.r1-seq"),
        ask("O2.tcp_connections", "int", lambda c: len(data(c, "r1").get("connections") or []), r1, "08.look.r1-seq"),
        ask("O2.tls_handshakes", "int", lambda c: sum(1 for x in data(c, "r1").get("connections") or []
                                                      if x.get("tls_version")), r1, "08.look.r1-seq"),
        ask("O3.redirects", "int", lambda c: len(data(c, "r1").get("redirects") or []), r1, "08.look.r1-requests"),
        ask("O3.first_location", "text", lambda c: _redirect(c, 0)["to"], r1, "08.look.r1-requests"),
        ask("O3.second_location", "text", lambda c: _redirect(c, 1)["to"], r1, "08.look.r1-requests"),
        ask("O3.first_redirect_step", "int", lambda c: _step(c, "r1", "http")["index"], r1, "08.look.r1-requests"),
        ask("O4.gateway", "text", lambda c: _first_hop(c)["gateway"], r1, "08.look.r1-route"),
        ask("O4.gateway_mac", "text", lambda c: _first_hop(c)["lladdr"], r1, "08.look.r1-route"),
        ask("O4.neighbour_state", "text", lambda c: _first_hop(c)["state"], r1, "08.look.r1-route"),
        ask("O4.syn_mac", "text", lambda c: _first_hop(c)["syn_mac"], r1, "08.look.r1-route"),
        ask("O5.top_layer", "choice", _top_layer, r1, "08.look.r1-time", choices=LAYERS),
        ask("O5.application_ms", "float", lambda c: _layer(c, "application")["ms"], r1, "08.look.r1-time",
            unit="ms", tol=(1.0, 0.02)),
        ask("O5.network_ms", "float", lambda c: _layer(c, "network")["ms"], r1, "08.look.r1-time", unit="ms",
            tol=(0.5, 0.0)),
        ask("O6.subresources", "int", lambda c: len(_subresources(c)), ("r2",), "08.look.r2"),
        ask("O6.new_connections", "int", lambda c: sum(1 for r in _subresources(c) if r.get("new_connection")),
            ("r2",), "08.look.r2"),
        ask("O6.new_names", "names", _sub_new_names, ("r2",), "08.look.r2"),
        ask("O6.http_version", "choice", _sub_version, ("r2",), "08.look.r2", choices=VERSIONS),
        ask("O7.warm_ms", "float", lambda c: _warm_stub(c)["duration_ms"], ("r3w",), "08.look.r3", unit="ms",
            tol=(0.5, 0.05)),
        ask("O7.cold_ms", "float", lambda c: _step(c, "r3c", "dns-walk", host="naver.com")["duration_ms"], ("r3c",),
            "08.look.r3", unit="ms", tol=(1.0, 0.02)),
        ask("O7.cold_queries", "int", _cold_queries, ("r3c",), "08.look.r3"),
        ask("O8.dig_rcode", "choice", lambda c: "nxdomain", (), "08.look.dig", choices=RCODES),
        ask("O8.address", "text", lambda c: _hosts_name(c)["address"], ("r4",), "08.look.r4"),
        ask("O8.source", "choice", lambda c: _hosts_name(c)["source"], ("r4",), "08.look.r4", choices=SOURCES),
        ask("O8.dns_packets", "int", lambda c: data(c, "r4")["dns_packets"], ("r4",), "08.look.r4"),
        ask("O9.first_url", "text", lambda c: one(data(c, "r5").get("requests") or [],
                                                  M.t("08.no-step", kind="http", file="r5.rec.json"), "r5")["url"],
            ("r5",), "08.look.r5"),
        ask("O9.redirects", "int", lambda c: len(data(c, "r5").get("redirects") or []), ("r5",), "08.look.r5"),
        ask("O9.port_80", "choice", lambda c: "yes" if any(str(x.get("remote", "")).endswith(":80")
                                                            for x in data(c, "r5").get("connections") or [])
            else "no", ("r5",), "08.look.r5", choices=YES_NO),
        ask("O10.same_order", "choice", lambda c: "yes", (), "08.look.tshark", choices=YES_NO),
        *(free(f"E{i}") for i in range(1, 9)),
    )


# ------------------------------------------------------------------------------------ the instructor's view


def expected(v: Variant) -> list[tuple[str, object]]:
    d = build(v.params)
    rtt = d.scenario().rtt_ms()
    web, res, pst = rtt["web-naver"], rtt["resolver"], rtt["web-pstatic"]
    addr = v.params["hosts_addr"]
    return [
        ("RTT", M.t("08.x.rtt", web=f"{web:.0f}", res=f"{res:.0f}", pst=f"{pst:.0f}")),
        ("R1", M.t("08.x.r1", web=f"{web:.0f}", res=f"{res:.0f}", html=f"{2 * res + 8 * web:.0f}")),
        ("R2", M.t("08.x.r2")),
        ("R3", M.t("08.x.r3", res=f"{res:.0f}")),
        ("R4", M.t("08.x.r4", addr=addr, rtt=f"{_rtt_to(d, addr):.0f}", v6=6 if ":" in addr else 4)),
        ("R5", M.t("08.x.r5")),
    ]


def _rtt_to(d: ScenarioDraft, addr: str) -> float:
    rtt = d.scenario().rtt_ms()
    for h in d.data["hosts"]:
        if any(addr in (i.get("ipv4"), i.get("ipv6")) for i in h["interfaces"]):
            return float(rtt.get(h["name"]) or 0.0)
    return 0.0


catalogue("lab", {
    "08.title": ("What happens when you type naver.com", "naver.com을 치면 일어나는 일"),
    "08.concepts": ("the steps of a visit in order, each with its layer, protocol and party: the address bar, "
                    "/etc/hosts, the resolver, the route and the gateway's MAC, TCP, TLS, HTTP, redirects, "
                    "sub-resources; where the time goes",
                    "방문의 단계를 순서대로, 단계마다 계층·프로토콜·상대와 함께: 주소창, /etc/hosts, 리졸버, 경로와 "
                    "게이트웨이 MAC, TCP, TLS, HTTP, 리다이렉트, 하위 리소스. 시간은 어디에 쓰이나"),
    "08.start": ("Your sandbox's delays and the address /etc/hosts gives intranet.lab.test are your own. R1-R5 "
                 "save the evidence (--save ...rec.json) that lab check reads.",
                 "내 샌드박스의 지연과 /etc/hosts가 intranet.lab.test에 주는 주소는 나만의 값입니다. R1-R5가 lab "
                 "check가 읽는 증거를 저장합니다(--save ...rec.json)."),
    "08.no-step": ("{file} has no {kind} step", "{file}에 {kind} 단계가 없습니다"),
    "08.no-redirect": ("{file} has no redirect number {n}", "{file}에 {n}번째 리다이렉트가 없습니다"),
    "08.look.r1": ("r1.md, the visit step by step: the # column, the layer (OSI) column",
                   "r1.md의 단계별 방문: # 열, 계층(OSI) 열"),
    "08.look.status": ("netlab sandbox status --name $S, the RTT column of web-naver",
                       "netlab sandbox status --name $S의 web-naver RTT 열"),
    "08.look.r1-time": ("r1.md: Where did the time go (per layer), and the HTML's last byte",
                        "r1.md: 시간은 어디에 쓰였나(계층별)와 HTML의 마지막 바이트"),
    "08.look.r1-seq": ("r1.md: the sequence diagram and the connections table", "r1.md: 시퀀스 다이어그램과 연결 표"),
    "08.look.r1-requests": ("r1.md: the Requests section and the finding journey.redirect-order",
                            "r1.md: 요청 섹션과 finding journey.redirect-order"),
    "08.look.r1-route": ("r1.md: the route and next hop steps, the finding journey.gateway",
                         "r1.md: 경로와 다음 홉 단계, finding journey.gateway"),
    "08.look.r2": ("r2.md: the sub-resources steps and the finding journey.subresources",
                   "r2.md: 하위 리소스 단계와 finding journey.subresources"),
    "08.look.r3": ("r3w.md: the stub resolver's step (after netlab's own earlier question); r3c.md: the walk step",
                   "r3w.md: 스텁 리졸버 단계(netlab이 먼저 물은 뒤). r3c.md: 워크 단계"),
    "08.look.dig": ("R4's dig intranet.lab.test: the status in its header line", "R4의 dig intranet.lab.test: 헤더 줄의 status"),
    "08.look.r4": ("r4.md: the hosts-file step and the finding journey.hosts-file",
                   "r4.md: hosts 파일 단계와 finding journey.hosts-file"),
    "08.look.r5": ("r5.md: the Requests section (netlab report r5.rec.json)", "r5.md의 요청 섹션(netlab report r5.rec.json)"),
    "08.look.tshark": ("R7's tshark list beside r2.md's timeline", "R7의 tshark 목록과 r2.md의 타임라인"),
    "08.x.rtt": ("configured RTT: www.naver.com's web server {web} ms, the resolver {res} ms, ssl.pstatic.net {pst} ms",
                 "설정된 RTT: www.naver.com 웹 서버 {web} ms, 리졸버 {res} ms, ssl.pstatic.net {pst} ms"),
    "08.x.r1": ("17 steps: address bar, /etc/hosts (no entry), the resolver (RTT {res} ms; in a sandbox just started, "
                "R1's two questions take far longer: the resolver's cache is empty and it walks from the root), TCP "
                "to port 80 (about "
                "{web} ms), route and gateway MAC (PERMANENT, no ARP on the wire), GET -> 301 https://naver.com/, TCP "
                "and TLS 1.3 (SNI naver.com, ALPN h2) on 443, GET -> 301 https://www.naver.com/, a new name (DNS), a "
                "new connection, TLS, GET -> 200; 2 names, 3 connections, 2 TLS handshakes; with the resolver's cache "
                "warm, the HTML after about {html} ms (2 resolver round trips, about 8 web round trips and "
                "processing); application the largest layer, network and link 0 ms",
                "단계 17개: 주소창, /etc/hosts(항목 없음), 리졸버(RTT {res} ms. 막 띄운 샌드박스에서는 R1의 두 "
                "질문이 훨씬 오래 걸림: 리졸버 캐시가 비어 있어 루트부터 찾아감), 80번 포트로 TCP(약 {web} ms), 경로와 "
                "게이트웨이 MAC(PERMANENT, 선로에 ARP 없음), GET -> 301 https://naver.com/, 443번에서 TCP와 TLS 1.3"
                "(SNI naver.com, ALPN h2), GET -> 301 https://www.naver.com/, 새 이름(DNS), 새 연결, TLS, GET -> 200. "
                "이름 2개, 연결 3개, TLS 핸드셰이크 2번. 리졸버 캐시가 차 있으면 HTML은 약 {html} ms 뒤(리졸버 왕복 2번, 웹 왕복 약 8번과 처리 "
                "시간). 가장 큰 계층은 응용, 네트워크와 링크는 0 ms"),
    "08.x.r2": ("5 sub-resources: 3 from www.naver.com on the same HTTP/2 connection, 2 from ssl.pstatic.net (a new "
                "name, a new DNS question, TCP and TLS)",
                "하위 리소스 5개: www.naver.com의 3개는 같은 HTTP/2 연결로, ssl.pstatic.net의 2개는 새 이름(새 DNS "
                "질문, TCP와 TLS)으로"),
    "08.x.r3": ("--warm: the stub's answer in about {res} ms, AA=0 and a TTL counting down; --cold: the walk from "
                "the root, 3 queries for naver.com, 5 for www.naver.com (its CNAME into nheos.com)",
                "--warm: 스텁의 답은 약 {res} ms, AA=0, 줄어드는 TTL. --cold: 루트부터 워크, naver.com은 질의 3개, "
                "www.naver.com은 5개(nheos.com으로 가는 CNAME)"),
    "08.x.r4": ("dig: NXDOMAIN; the journey: intranet.lab.test -> {addr} from /etc/hosts, no DNS packet; TCP over "
                "IPv{v6} to {addr} (RTT about {rtt} ms), GET -> 200",
                "dig: NXDOMAIN. 여정: /etc/hosts에서 intranet.lab.test -> {addr}, DNS 패킷 없음. TCP 연결(IPv{v6}, "
                "대상 {addr}, RTT 약 {rtt} ms), GET -> 200"),
    "08.x.r5": ("--https-first: the first request is https://naver.com/; the plain-HTTP connection to port 80 and "
                "its 301 are gone; one redirect left",
                "--https-first: 첫 요청이 https://naver.com/. 80번 포트로 가는 평문 HTTP 연결과 그 301이 사라지고 "
                "리다이렉트는 하나만 남음"),
})

catalogue("lab", {f"08.q.{k}": v for k, v in {
    "O1.steps": ("O1 (R1). How many steps has the timeline?", "O1 (R1). 타임라인의 단계는 몇 개인가요?"),
    "O1.first_dns_step": ("O1 (R1). The number (#) of the first DNS step", "O1 (R1). 첫 DNS 단계의 번호(#)"),
    "O1.first_tcp_step": ("O1 (R1). The number (#) of the first TCP step", "O1 (R1). 첫 TCP 단계의 번호(#)"),
    "O1.tls_osi": ("O1 (R1). TLS's OSI layer number(s) in the report", "O1 (R1). 보고서에서 TLS의 OSI 계층 번호"),
    "O1.arp_osi": ("O1 (R1). The next hop's MAC step: its OSI layer number", "O1 (R1). 다음 홉 MAC 단계의 OSI 계층 번호"),
    "O1.first_tcp_ms": ("O1 (R1). How long did the first TCP handshake take, in ms?",
                        "O1 (R1). 첫 TCP 핸드셰이크에 걸린 시간(ms)"),
    "O1.status_rtt_ms": ("O1. web-naver's RTT in sandbox status, in ms", "O1. sandbox status의 web-naver RTT(ms)"),
    "O1.html_ms": ("O1 (R1). When did the HTML's last byte arrive, in ms after Enter?",
                   "O1 (R1). HTML의 마지막 바이트가 도착한 시각(엔터 뒤 ms)"),
    "O2.dns_names": ("O2 (R1). For how many names were DNS questions asked?", "O2 (R1). DNS 질문은 이름 몇 개에 대해?"),
    "O2.tcp_connections": ("O2 (R1). How many TCP connections?", "O2 (R1). TCP 연결은 몇 개?"),
    "O2.tls_handshakes": ("O2 (R1). How many TLS handshakes?", "O2 (R1). TLS 핸드셰이크는 몇 번?"),
    "O3.redirects": ("O3 (R1). How many requests answered 301?", "O3 (R1). 301로 답한 요청은 몇 개?"),
    "O3.first_location": ("O3 (R1). The first 301's Location", "O3 (R1). 첫 301의 Location"),
    "O3.second_location": ("O3 (R1). The second 301's Location", "O3 (R1). 두 번째 301의 Location"),
    "O3.first_redirect_step": ("O3 (R1). At which step number did the first redirect arrive?",
                               "O3 (R1). 첫 리다이렉트는 몇 번 단계에서 왔나요?"),
    "O4.gateway": ("O4 (R1). The gateway's address", "O4 (R1). 게이트웨이의 주소"),
    "O4.gateway_mac": ("O4 (R1). The gateway's MAC", "O4 (R1). 게이트웨이의 MAC"),
    "O4.neighbour_state": ("O4 (R1). The neighbour entry's state", "O4 (R1). 이웃 항목의 상태"),
    "O4.syn_mac": ("O4 (R1). To which MAC did the SYN go?", "O4 (R1). SYN은 어느 MAC으로 갔나요?"),
    "O5.top_layer": ("O5 (R1). Which layer took the most time?", "O5 (R1). 시간을 가장 많이 쓴 계층은?"),
    "O5.application_ms": ("O5 (R1). The application layer's time, in ms", "O5 (R1). 응용 계층의 시간(ms)"),
    "O5.network_ms": ("O5 (R1). The network layer's time, in ms", "O5 (R1). 네트워크 계층의 시간(ms)"),
    "O6.subresources": ("O6 (R2). How many sub-resources?", "O6 (R2). 하위 리소스는 몇 개?"),
    "O6.new_connections": ("O6 (R2). How many of them needed a new connection?",
                           "O6 (R2). 그중 새 연결이 필요했던 것은 몇 개?"),
    "O6.new_names": ("O6 (R2). Which name(s) needed a new DNS question?", "O6 (R2). 새 DNS 질문이 필요했던 이름은?"),
    "O6.http_version": ("O6 (R2). On which HTTP version? (h1/h2/h3)", "O6 (R2). 어느 HTTP 버전으로? (h1/h2/h3)"),
    "O7.warm_ms": ("O7 (R3). r3w: the stub resolver's answer for naver.com, in ms",
                   "O7 (R3). r3w: naver.com에 대한 스텁 리졸버의 답(ms)"),
    "O7.cold_ms": ("O7 (R3). r3c: the walk for naver.com, in ms", "O7 (R3). r3c: naver.com 워크(ms)"),
    "O7.cold_queries": ("O7 (R3). r3c: how many queries did that walk send?", "O7 (R3). r3c: 그 워크가 보낸 질의 수는?"),
    "O8.dig_rcode": ("O8 (R4). dig intranet.lab.test: the status", "O8 (R4). dig intranet.lab.test: status"),
    "O8.address": ("O8 (R4). The journey's name step: the address", "O8 (R4). 여정의 이름 단계: 주소"),
    "O8.source": ("O8 (R4). Where did the address come from? (hosts/resolver)",
                  "O8 (R4). 주소는 어디서 왔나요? (hosts/resolver)"),
    "O8.dns_packets": ("O8 (R4). How many DNS packets during the visit?", "O8 (R4). 방문 동안 DNS 패킷은 몇 개?"),
    "O9.first_url": ("O9 (R5). The first request's URL", "O9 (R5). 첫 요청의 URL"),
    "O9.redirects": ("O9 (R5). How many redirects are left?", "O9 (R5). 남은 리다이렉트는 몇 개?"),
    "O9.port_80": ("O9 (R5). Was there a connection to port 80? (yes/no)", "O9 (R5). 80번 포트로 가는 연결이 있었나요? (yes/no)"),
    "O10.same_order": ("O10 (R7). Same order as the journey's timeline? (yes/no)",
                       "O10 (R7). 여정의 타임라인과 순서가 같나요? (yes/no)"),
}.items()})

QUESTIONS = _questions()

LAB = LabDef(number=8, slug="08-journey", minutes="60–75", probes=("journey", "dig", "tshark"), defaults=DEFAULTS,
             draw=draw, build=build, runs=RUNS, questions=QUESTIONS, expected=expected,
             start_notes=lambda v: [M.t("08.start")])
