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

from netlab.i18n import catalogue_file
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


catalogue_file("lab", __name__)

QUESTIONS = _questions()

LAB = LabDef(number=8, slug="08-journey", minutes="60–75", probes=("journey", "dig", "tshark"), defaults=DEFAULTS,
             draw=draw, build=build, runs=RUNS, questions=QUESTIONS, expected=expected,
             start_notes=lambda v: [M.t("08.start")])
