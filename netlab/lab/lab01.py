"""Lab 01, DNS iterative resolution: the variant, the evidence, the checks (pure).

What differs between two students (drawn from the student's seed):

- the one-way delay of every name server and of the resolver (0.6-1.6 x the default), so every
  RTT, total and "which root is fastest" differs;
- www.naver.com's CNAME: its target name in nheos.com, its TTL, and the TTL of the final A;
- the negative TTL of naver.com (the SOA's last field), which NXDOMAIN answers carry;
- partly.lab.test: delegated to ``ns1.partly.lab.test`` and ``ns2.partly.lab.test``, one of
  which is dead (its glue points at the host whose link drops DNS) — which one, is the draw.

The golden variant (ID ``golden``) is the default scenario as it is: ``ns.dead.lab.test`` and
``ns.partly.lab.test``, the figures of the instructor notes.
"""

from __future__ import annotations

from netlab.i18n import catalogue_file
from netlab.lab.base import Ctx, LabDef, NoEvidence, Run, Variant
from netlab.lab.common import YES_NO, ask, default_delays, draw_delays, free, one
from netlab.lab.draft import ScenarioDraft
from netlab.lab.messages import M

HOSTS = ("resolver", "a-root", "b-root", "c-root", "a-gtld", "b-gtld", "ns-nic-test", "ns1-naver", "ns2-naver",
         "ns1-nheos", "ns1-lab", "ns-faraway")
FACTORS = (0.6, 0.8, 1.0, 1.2, 1.4, 1.6)
TARGETS = ("www.naver.com.nheos.com", "www.naver.com.g.nheos.com", "www-kr.nheos.com", "naver-www.nheos.com")
CNAME_TTLS = (600, 1800, 3600, 7200)
A_TTLS = (60, 120, 300, 600)
NEG_TTLS = (60, 180, 300, 900)
DEAD_ADDR = ("198.18.1.92", "2001:db8:1::92")  # ns-dead: its link drops DNS
LIVE_ADDR = ("198.18.1.93", "2001:db8:1::93")  # ns-faraway: serves partly.lab.test

DEFAULTS = {
    "delays": default_delays(HOSTS),
    "cname_target": "www.naver.com.nheos.com", "cname_ttl": 3600, "a_ttl": 300, "neg_ttl": 300,
    "partly_dead": "ns.dead.lab.test", "partly_live": "ns.partly.lab.test",
}


def draw(rng) -> dict:
    dead = rng.choice(("ns1", "ns2"))
    live = "ns2" if dead == "ns1" else "ns1"
    return {
        "delays": draw_delays(rng, DEFAULTS["delays"], FACTORS),
        "cname_target": rng.choice(TARGETS), "cname_ttl": rng.choice(CNAME_TTLS),
        "a_ttl": rng.choice(A_TTLS), "neg_ttl": rng.choice(NEG_TTLS),
        "partly_dead": f"{dead}.partly.lab.test", "partly_live": f"{live}.partly.lab.test",
    }


def build(p: dict) -> ScenarioDraft:
    d = ScenarioDraft("lab-01", "lab 01 (DNS iterative resolution): a student's variant of the default scenario")
    for host, ms in p["delays"].items():
        d.set_delay(host, ms)
    if p["cname_target"] != DEFAULTS["cname_target"] or p["cname_ttl"] != DEFAULTS["cname_ttl"]:
        d.replace_line("naver.com", r"www\s+3600\s+IN\s+CNAME\s+www\.naver\.com\.nheos\.com\.",
                       f"www     {p['cname_ttl']}    IN CNAME {p['cname_target']}.")
    if p["neg_ttl"] != DEFAULTS["neg_ttl"]:
        d.replace_line("naver.com", r"@\s+3600\s+IN\s+SOA\s+ns1\.naver\.com\. .* 1209600 300",
                       f"@       3600    IN SOA  ns1.naver.com. webmaster.naver.com. 2026112201 21600 1800 1209600 "
                       f"{p['neg_ttl']}")
    _target(d, p)
    if p["partly_dead"] != DEFAULTS["partly_dead"]:
        _partly(d, p["partly_dead"], p["partly_live"])
    return d


def _target(d: ScenarioDraft, p: dict) -> None:
    label = p["cname_target"].removesuffix(".nheos.com")
    if label == "www.naver.com":
        if p["a_ttl"] != DEFAULTS["a_ttl"]:
            for rr, addr in (("A", "198.18.1.100"), ("AAAA", r"2001:db8:1::100")):
                d.replace_line("nheos.com", rf"www\.naver\.com\s+300\s+IN\s+{rr}\s+{addr}",
                               f"www.naver.com           {p['a_ttl']}     IN {rr:<4} {addr}")
        return
    d.add_lines("nheos.com", ["; lab 01 variant: www.naver.com's CNAME leads here",
                              f"{label:<23} {p['a_ttl']:<7} IN A    198.18.1.100",
                              f"{label:<23} {p['a_ttl']:<7} IN AAAA 2001:db8:1::100"])


def _partly(d: ScenarioDraft, dead: str, live: str) -> None:
    servers = sorted(((dead, DEAD_ADDR), (live, LIVE_ADDR)))  # ns1 first, as in an NS set
    first, second = servers[0][0], servers[1][0]

    def records(suffix: str) -> list[str]:  # both servers' addresses, names relative to the zone
        return [f"{name.removesuffix(suffix):<11} 3600    IN {rr:<4} {addr}"
                for name, addrs in servers for rr, addr in zip(("A", "AAAA"), addrs, strict=True)]

    d.replace_line("lab.test", r"partly\s+3600\s+IN\s+NS\s+ns\.dead\.lab\.test\.", f"partly      3600    IN NS   {first}.")
    d.replace_line("lab.test", r"partly\s+3600\s+IN\s+NS\s+ns\.partly\.lab\.test\.",
                   f"partly      3600    IN NS   {second}.")
    d.replace_line("lab.test", r"ns\.partly\s+3600\s+IN\s+A\s+198\.18\.1\.93", "\n".join(records(".lab.test")))
    d.replace_line("lab.test", r"ns\.partly\s+3600\s+IN\s+AAAA\s+2001:db8:1::93",
                   "; (lab 01 variant: the glue of partly's two servers is just above)")
    d.zones["partly.lab.test"] = "\n".join([
        "; partly.lab.test (lab 01 variant): two servers, one of them dead; which one is the student's draw.",
        "$ORIGIN partly.lab.test.", "$TTL 300",
        f"@       3600    IN SOA  {live}. hostmaster.lab.test. 2026112201 3600 900 604800 300",
        f"@       3600    IN NS   {first}.", f"@       3600    IN NS   {second}.",
        *records(".partly.lab.test"),
        "@       300     IN A    198.18.1.90", "www     300     IN A    198.18.1.90",
        "www     300     IN AAAA 2001:db8:1::90",
    ]) + "\n"


# ------------------------------------------------------------------------------------ evidence


_TRACE_DEFAULTS = {"type": "A", "all_servers": False, "compare_resolver": False}


def _trace(name: str, **want):
    """The Recording is a trace of `name` with these params (absent params at their defaults)."""
    def matches(params: dict) -> bool:
        if str(params.get("name", "")).rstrip(".").lower() != name:
            return False
        return all(params.get(k, _TRACE_DEFAULTS.get(k)) == v for k, v in want.items())
    return matches


RUNS = (
    Run("r1", "R1", "r1.rec.json", "dns-trace", "netlab --sandbox=$S dns-trace www.naver.com",
        _trace("www.naver.com", type="A", all_servers=False)),
    Run("r4b", "R4", "r4b.rec.json", "dns-trace", "netlab --sandbox=$S dns-trace example.com -v",
        _trace("example.com")),
    Run("r4c", "R4", "r4c.rec.json", "dns-trace", "netlab --sandbox=$S dns-trace glueless.lab.test -v",
        _trace("glueless.lab.test")),
    Run("r6a", "R6", "r6a.rec.json", "dns-trace", "netlab --sandbox=$S dns-trace lame.lab.test",
        _trace("lame.lab.test")),
    Run("r6b", "R6", "r6b.rec.json", "dns-trace", "netlab --sandbox=$S dns-trace dead.lab.test --timeout 2",
        _trace("dead.lab.test")),
    Run("r6c", "R6", "r6c.rec.json", "dns-trace",
        "netlab --sandbox=$S dns-trace www.partly.lab.test --timeout 2 --seed N", _trace("www.partly.lab.test")),
    Run("r7a", "R7", "r7a.rec.json", "dns-trace", "netlab --sandbox=$S dns-trace nosuch.naver.com",
        _trace("nosuch.naver.com")),
    Run("r7b", "R7", "r7b.rec.json", "dns-trace", "netlab --sandbox=$S dns-trace www.google.com --type MX",
        _trace("www.google.com", type="MX")),
    Run("r8", "R8", "r8.rec.json", "dns-trace", "netlab --sandbox=$S dns-trace google.com --compare-resolver",
        _trace("google.com", compare_resolver=True)),
)


def _hop(ctx: Ctx, run: str, zone: str, pred=lambda h: True):
    res = ctx.result(run)
    hops = [h for h in res.hops if h.zone.lower() == zone and not h.extra and pred(h)]
    return one(hops, M.t("01.no-hop", zone=zone, file=ctx.lab.run(run).file), run)


def _record(ctx: Ctx, run: str, rtype: str) -> dict:
    res = ctx.result(run)
    return one([r for r in res.answer if r["type"] == rtype], M.t("01.no-record", rtype=rtype,
                                                                    file=ctx.lab.run(run).file), run)


def _host_of(ctx: Ctx, server: str) -> str:
    name = server.rstrip(".").lower()
    for h in build(ctx.p).data["hosts"]:
        if (h.get("fqdn") or "").lower() == name:
            return h["name"]
    raise NoEvidence(M.t("01.no-hop", zone=name, file="scenario.toml"))


def _configured_rtt(ctx: Ctx) -> float:
    hop = _hop(ctx, "r1", "naver.com.")
    return build(ctx.p).rtt_ms(_host_of(ctx, hop.server))


def _dead_first(ctx: Ctx):
    res = ctx.result("r6c")
    hops = [h for h in res.hops if h.zone.lower() == "partly.lab.test." and not h.extra]
    if not hops or hops[0].outcome != "timeout":
        raise NoEvidence(M.t("01.live-first", file="r6c.rec.json"), "r6c")
    return res, hops


def _resolver(ctx: Ctx, label: str) -> dict:
    res = ctx.result("r8")
    return one([r for r in res.resolver if r.get("label") == label], M.t("01.no-resolver", file="r8.rec.json"), "r8")


RCODES = {c: () for c in ("NOERROR", "NXDOMAIN", "REFUSED", "SERVFAIL")}


def _questions():
    t = ("r1",)
    return (
        *(free(f"P{i}") for i in range(1, 9)),
        ask("O1.queries", "int", lambda c: c.result("r1").queries, t, "01.look.r1-trace"),
        ask("O1.zones", "names", lambda c: [h.zone for h in c.result("r1").hops if not h.extra and h.attempt == 1],
            t, "01.look.r1-trace"),
        ask("O1.naver_rtt_ms", "float", lambda c: _hop(c, "r1", "naver.com.").rtt_ms, t, "01.look.r1-trace",
            unit="ms", tol=(1.0, 0.05)),
        ask("O2.cname_target", "name", lambda c: c.result("r1").cname_chain[1], t, "01.look.r1-answer"),
        ask("O2.cname_ttl", "int", lambda c: _record(c, "r1", "CNAME")["ttl"], t, "01.look.r1-answer", unit="s"),
        ask("O2.second_walk_zone", "name",
            lambda c: one([w.start_zone for w in c.result("r1").walks if w.purpose == "cname"],
                          M.t("01.no-walk", file="r1.rec.json"), "r1"), t, "01.look.r1-trace"),
        ask("O3.status_rtt_ms", "float", _configured_rtt, ("r1",), "01.look.status", unit="ms", tol=(0.5, 0.0)),
        ask("O3.total_ms", "float", lambda c: c.result("r1").total_ms, t, "01.look.r1-trace", unit="ms",
            tol=(2.0, 0.03)),
        ask("O4.same_seed_same_servers", "choice", lambda c: "yes", (), "", choices=YES_NO),
        ask("O5.dig_follows_cname", "choice", lambda c: "no", (), "", choices=YES_NO),
        ask("O6.example_glue", "int",
            lambda c: len(_hop(c, "r4b", "com.", lambda h: h.referral).referral.get("glue_used", [])),
            ("r4b",), "01.look.r4-referral"),
        ask("O6.example_queries", "int", lambda c: c.result("r4b").queries, ("r4b",), "01.look.r4-referral"),
        ask("O7.glueless_queries", "int", lambda c: c.result("r4c").queries, ("r4c",), "01.look.r4-referral"),
        ask("O7.subtrace_zones", "names", _subtrace_zones, ("r4c",), "01.look.r4-referral"),
        ask("O8.lame_rcode", "choice", lambda c: _hop(c, "r6a", "lame.lab.test.").rcode, ("r6a",),
            "01.look.r6", choices=RCODES),
        ask("O8.dead_attempts", "int",
            lambda c: sum(1 for h in c.result("r6b").hops if h.zone.lower() == "dead.lab.test." and not h.extra),
            ("r6b",), "01.look.r6"),
        ask("O8.dead_exit_code", "int", lambda c: 3 if c.result("r6b").unreachable else 0, ("r6b",), "01.look.r6"),
        ask("O8.partly_dead_server", "name", lambda c: c.p["partly_dead"], (), "01.look.r6c"),
        ask("O8.partly_seed", "int", lambda c: _dead_first(c)[0].seed, ("r6c",), "01.look.r6c"),
        ask("O8.partly_queries", "int", lambda c: _dead_first(c)[0].queries, ("r6c",), "01.look.r6c"),
        ask("O8.partly_total_ms", "float", lambda c: _dead_first(c)[0].total_ms, ("r6c",), "01.look.r6c",
            unit="ms", tol=(5.0, 0.02)),
        ask("O9.nxdomain_rcode", "choice", lambda c: c.result("r7a").hops[-1].rcode, ("r7a",), "01.look.r7",
            choices=RCODES),
        ask("O9.nxdomain_negative_ttl", "int", lambda c: _negative(c, "r7a"), ("r7a",), "01.look.r7", unit="s"),
        ask("O9.nodata_rcode", "choice", lambda c: c.result("r7b").hops[-1].rcode, ("r7b",), "01.look.r7",
            choices=RCODES),
        ask("O9.nodata_negative_ttl", "int", lambda c: _negative(c, "r7b"), ("r7b",), "01.look.r7", unit="s"),
        ask("O10.cold_aa", "choice", lambda c: "yes" if "aa" in _resolver(c, "cold")["flags"] else "no", ("r8",),
            "01.look.r8", choices=YES_NO),
        ask("O10.cached_ms", "float", lambda c: _resolver(c, "cached")["rtt_ms"], ("r8",), "01.look.r8", unit="ms",
            tol=(1.0, 0.1)),
        ask("O10.cached_ttl", "int", lambda c: one(_resolver(c, "cached")["records"],
                                                   M.t("01.no-resolver", file="r8.rec.json"))["ttl"],
            ("r8",), "01.look.r8", unit="s"),
        ask("O11.root_aa", "choice", lambda c: "no", (), "", choices=YES_NO),
        *(free(f"E{i}") for i in range(1, 9)),
        ask("E8.com_ns_ttl", "int", lambda c: _hop(c, "r1", "com.", lambda h: h.referral).referral["ns_ttl"], t,
            "01.look.r1-trace", unit="s"),
        ask("E8.a_ttl", "int", lambda c: _record(c, "r1", "A")["ttl"], t, "01.look.r1-answer", unit="s"),
        free("E9"), free("E10"),
    )


def _subtrace_zones(ctx: Ctx) -> list[str]:
    res = ctx.result("r4c")
    walk = one([w.walk for w in res.walks if w.purpose == "ns-address"], M.t("01.no-walk", file="r4c.rec.json"), "r4c")
    return [h.zone for h in res.hops if h.walk == walk and not h.extra]


def _negative(ctx: Ctx, run: str) -> int:
    neg = ctx.result(run).negative
    if not neg:
        raise NoEvidence(M.t("01.no-negative", file=ctx.lab.run(run).file), run)
    return int(neg["negative_ttl"])


# ------------------------------------------------------------------------------------ the instructor's view


def _ms(x: float) -> str:
    return f"{x:.0f}" if x >= 10 else f"{x:.1f}"


def expected(v: Variant) -> list[tuple[str, object]]:
    """Expected observations for this variant, computed from its scenario."""
    d = build(v.params)
    rtt = d.scenario().rtt_ms()
    roots = [rtt[h] for h in ("a-root", "b-root", "c-root")]
    gtld = [rtt[h] for h in ("a-gtld", "b-gtld")]
    naver = [rtt[h] for h in ("ns1-naver", "ns2-naver")]
    lo = min(roots) + 2 * min(gtld) + min(naver) + rtt["ns1-nheos"]
    hi = max(roots) + 2 * max(gtld) + max(naver) + rtt["ns1-nheos"]
    p = v.params
    rtts = ", ".join(f"{h} {_ms(rtt[h])}" for h in HOSTS)
    return [
        ("RTT", M.t("01.x.rtt", rtts=rtts)),
        ("R1", M.t("01.x.r1", target=p["cname_target"], cname_ttl=p["cname_ttl"], a_ttl=p["a_ttl"],
                   lo=_ms(lo), hi=_ms(hi))),
        ("R6", M.t("01.x.r6", dead=p["partly_dead"], live=p["partly_live"], live_rtt=_ms(rtt["ns-faraway"]),
                   lab_rtt=_ms(rtt["ns1-lab"]))),
        ("R7", M.t("01.x.r7", neg_ttl=p["neg_ttl"])),
        ("R8", M.t("01.x.r8", resolver=_ms(rtt["resolver"]))),
    ]


catalogue_file("lab", __name__)

QUESTIONS = _questions()

LAB = LabDef(number=1, slug="01-dns-iterative", minutes="60–75", probes=("dns-trace",), defaults=DEFAULTS,
             draw=draw, build=build, runs=RUNS, questions=QUESTIONS, expected=expected,
             start_notes=lambda v: [M.t("01.start")])
