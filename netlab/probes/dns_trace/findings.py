"""dns-trace findings: one small rule each, run in this order by analyze (pure).

Each rule reads the Result (and the Recording, for how the tracer stopped a walk) and returns
nothing, one Finding or several.  Every message comes from messages.py, in both languages.
"""

from __future__ import annotations

from netlab.i18n import Both, join
from netlab.model import Recording
from netlab.probes.dns_trace.classify import MAX_DEPTH
from netlab.probes.dns_trace.messages import M, outcome_code
from netlab.probes.dns_trace.model import DnsTraceResult, Hop, WalkFinished
from netlab.probes.rules import Rules, finding
from netlab.units import fmt_ms

RULES = Rules()

# What a failed attempt at one server is called: (finding code, concept note).
SERVER_FAILURES = {
    "timeout": ("dns.server-timeout", "dns.udp-tcp"),
    "servfail": ("dns.server-servfail", "dns.lame-delegation"),
    "error": ("dns.server-error", "dns.lame-delegation"),
    "transport-error": ("dns.server-transport-error", "dns.lame-delegation"),
    "malformed": ("dns.server-malformed", "dns.lame-delegation"),
    "mismatch": ("dns.server-mismatch", "dns.lame-delegation"),
    "upward-referral": ("dns.referral-loop", "dns.lame-delegation"),
}


def _name(res: DnsTraceResult) -> str:
    return res.qname_unicode or res.qname


def _reason(x) -> Both:
    """A hop's (or a glue record's) reason, in the language of the message it is placed in."""
    if isinstance(x, dict):
        return Both(x.get("reason", ""), x.get("reason_ko") or x.get("reason", ""))
    return Both(x.reason, x.reason_ko or x.reason)


def _finished(rec: Recording) -> dict[int, WalkFinished]:
    return {e.walk: e for e in rec.events if isinstance(e, WalkFinished)}


def _chain_loops(res: DnsTraceResult) -> bool:
    return res.outcome == "loop" and len(set(res.cname_chain)) != len(res.cname_chain)


@RULES.rule
def idn(res, rec):
    if res.qname_unicode and res.qname_unicode != res.qname:
        return finding("dns.idn", "info", M.t("f.idn", unicode=res.qname_unicode, alabel=res.qname),
                       concepts=("dns.idn",))


@RULES.rule
def trace(res, rec):
    if res.outcome not in ("answer", "nxdomain", "nodata", "cname"):
        return None
    paths = []
    for w in res.walks:
        if w.purpose not in ("main", "cname"):
            continue
        zones = list(dict.fromkeys(h.zone for h in res.hops if not h.extra and h.walk == w.walk))
        if zones:
            path = " -> ".join(zones)
            paths.append(path if w.purpose == "main" else M.t("fp.then-for", qname=w.qname, zones=path))
    key = "f.trace-1" if res.queries == 1 else "f.trace"
    return finding("dns.trace", "info", M.t(key, name=_name(res), qtype=res.qtype, n=res.queries,
                                            path=join(paths, "; ")),
                   concepts=("dns.hierarchy", "dns.iterative-recursive", "dns.authoritative"))


@RULES.rule
def cname_chain(res, rec):
    if len(res.cname_chain) <= 1:
        return None
    crossing = [w for w in res.walks if w.purpose == "cname"]
    if res.outcome == "cname" and not crossing:
        return finding("dns.cname-not-followed", "info",
                       M.t("f.cname-not-followed", name=_name(res), target=res.cname_chain[-1]),
                       concepts=("dns.cname",))
    walks = M.t("fp.cname-walks", n=len(crossing)) if crossing else ""
    return finding("dns.cname", "info", M.t("f.cname", chain=" -> ".join(res.cname_chain), walks=walks),
                   concepts=("dns.cname",))


@RULES.rule
def cname_loop(res, rec):
    if _chain_loops(res):
        return finding("dns.cname-loop", "error", M.t("f.cname-loop", chain=" -> ".join(res.cname_chain)),
                       concepts=("dns.cname",))


@RULES.rule
def stopped_walks(res, rec):
    """Walks the tracer gave up: a CNAME loop it met, glueless servers nested too deep, a server
    whose address can only be found through itself."""
    fins = _finished(rec)
    out = []
    loop_said = _chain_loops(res)
    for w in res.walks:
        stopped = fins[w.walk].stopped if w.walk in fins else None
        if stopped == "cname-loop" and res.outcome == "loop" and not loop_said:
            loop_said = True
            out.append(finding("dns.cname-loop", "error", M.t("f.cname-loop-walk", qname=w.qname),
                               concepts=("dns.cname",)))
        if stopped == "depth":
            out.append(finding("dns.depth-exceeded", "error", M.t("f.depth-exceeded", qname=w.qname, max=MAX_DEPTH),
                               concepts=("dns.glue-bailiwick",)))
        if stopped == "dependency-loop":
            out.append(finding("dns.dependency-loop", "error",
                               M.t("f.dependency-loop", zone=w.for_zone or w.qname, qname=w.qname),
                               concepts=("dns.glue-bailiwick",)))
    return out


@RULES.rule
def negative_answer(res, rec):
    if res.outcome not in ("nxdomain", "nodata"):
        return None
    neg = res.negative or {}
    name = (res.cname_chain or [_name(res)])[-1]
    ttl = neg.get("negative_ttl", "?")
    if res.outcome == "nxdomain":
        msg = M.t("f.nxdomain", name=name, ttl=ttl, soa=neg.get("name", "?"))
    else:
        msg = M.t("f.nodata", name=name, qtype=res.qtype, ttl=ttl)
    return finding(f"dns.{res.outcome}", "info", msg, concepts=("dns.negative-caching",))


@RULES.rule
def glue_ignored(res, rec):
    return [finding("dns.glue-ignored", "warning",
                    M.t("f.glue-ignored", server=h.server, address=h.address, name=g["name"], type=g["type"],
                        glue=g["address"], reason=_reason(g)),
                    concepts=("dns.glue-bailiwick",))
            for h in res.hops if h.referral and not h.extra for g in h.referral["glue_ignored"]]


@RULES.rule
def glueless(res, rec):
    out = []
    zones = dict.fromkeys(w.for_zone for w in res.walks if w.purpose == "ns-address" and w.for_zone)
    for z in zones:
        subs = [w for w in res.walks if w.purpose == "ns-address" and w.for_zone == z]
        t0 = min(w.t_start_ms for w in subs)
        took = max((w.t_end_ms or w.t_start_ms) for w in subs) - t0
        names = ", ".join(dict.fromkeys(w.qname for w in subs))
        out.append(finding("dns.glueless", "info",
                           M.t("f.glueless", zone=z, names=names, n=len(subs), took=fmt_ms(took)),
                           concepts=("dns.glue-bailiwick",)))
    return out


@RULES.rule
def failed_attempts(res, rec):
    """Per attempt, in the order sent: truncation (and the TCP retry), lame servers, failures."""
    out = []
    for h in res.hops:
        if h.extra:
            continue
        if h.outcome == "truncated":
            out.append(_truncated(res, h))
        elif h.outcome in ("refused", "lame"):
            out.append(finding("dns.lame-delegation", "warning",
                               M.t("f.lame-delegation", server=h.server, address=h.address, zone=h.zone,
                                   reason=_reason(h)),
                               concepts=("dns.lame-delegation",)))
        elif h.outcome in SERVER_FAILURES:
            code, concept = SERVER_FAILURES[h.outcome]
            out.append(finding(code, "warning", M.t("f.server-failed", server=h.server, address=h.address,
                                                    zone=h.zone, reason=_reason(h)),
                               concepts=(concept,)))
    return out


def _truncated(res: DnsTraceResult, h: Hop):
    retry = next((r for r in res.hops if r.retry_of == h.query), None)
    tcp = M.t("fp.over-tcp", size=retry.size, outcome=outcome_code(retry.outcome)) if retry and retry.size else ""
    return finding("dns.truncated", "info", M.t("f.truncated", server=h.server, size=h.size, tcp=tcp),
                   concepts=("dns.udp-tcp",))


@RULES.rule
def zone_unreachable(res, rec):
    out = []
    for w in res.walks:
        if w.outcome != "unreachable":
            continue
        zone = w.detail
        tried = [h for h in res.hops if h.walk == w.walk and h.zone == zone and not h.extra]
        what = join((M.t("fp.tried-why" if h.reason else "fp.tried", server=h.server, address=h.address,
                         transport=h.transport, outcome=outcome_code(h.outcome), reason=_reason(h))
                     for h in tried), "; ")
        if not tried:
            subs = [s for s in res.walks if s.purpose == "ns-address" and s.for_zone == zone and s.parent == w.walk]
            what = join((M.t("fp.lookup-failed", qname=s.qname, outcome=outcome_code(s.outcome)) for s in subs), "; ") \
                if subs else M.t("fp.no-address")
        out.append(finding("dns.zone-unreachable", "error",
                           M.t("f.zone-unreachable", zone=zone, qname=w.qname, what=what),
                           concepts=("dns.lame-delegation",)))
    return out


@RULES.rule
def budget_exhausted(res, rec):
    if res.outcome == "budget" or any(w.outcome == "budget" for w in res.walks):
        return finding("dns.budget-exhausted", "error", M.t("f.budget-exhausted", n=res.queries, budget=res.budget),
                       concepts=("dns.iterative-recursive",))


@RULES.rule
def deadline_reached(res, rec):
    """The run's overall deadline cut the trace (or the resolver comparison) short."""
    cut = [e for e in _finished(rec).values() if e.stopped == "deadline"]
    if cut:
        deadline = rec.params.get("deadline")
        return finding("dns.deadline", "error",
                       M.t("f.deadline", deadline=f"{deadline:g}" if isinstance(deadline, int | float) else "?",
                           n=res.queries),
                       concepts=("dns.iterative-recursive",))


@RULES.rule
def resolver_cold(res, rec):
    """The resolver's first answer: from its cache already, or walked for us (TTLs tell)."""
    if not res.resolver or res.resolver[0]["outcome"] != "answer":
        return None
    cold = res.resolver[0]
    auth_ttl = {(r["name"], r["type"]): r["ttl"] for r in res.answer}
    was_cached = any(r["ttl"] < auth_ttl.get((r["name"], r["type"]), -1) for r in cold["records"])
    out = [finding("dns.resolver-cold", "info",
                   M.t("f.resolver-cold", server=cold["server"], rtt=fmt_ms(cold["rtt_ms"]),
                       aa=M.t("fp.aa-set" if "aa" in cold["flags"] else "fp.aa-unset"),
                       cache=M.t("fp.was-cached" if was_cached else "fp.not-cached")),
                   concepts=("dns.authoritative", "dns.ttl-caching"))]
    traced = sorted(r["data"] for r in res.answer if r["type"] == res.qtype)
    got = sorted(r["data"] for r in cold["records"] if r["type"] == res.qtype)
    if traced and got and traced != got:
        out.append(finding("dns.resolver-disagrees", "warning",
                           M.t("f.resolver-disagrees", got=", ".join(got), traced=", ".join(traced)),
                           concepts=("dns.ttl-caching",)))
    return out


@RULES.rule
def resolver_cached(res, rec):
    """The second answer, from the resolver's cache: faster, and its TTL counts down."""
    if len(res.resolver) < 2 or res.resolver[0]["outcome"] != "answer" or res.resolver[1]["outcome"] != "answer":
        return None
    cold, warm = res.resolver[0], res.resolver[1]
    c_ttl = {(r["name"], r["type"]): r["ttl"] for r in cold["records"]}
    pairs = {(r["name"], r["type"], c_ttl.get((r["name"], r["type"]), "?"), r["ttl"]): None for r in warm["records"]}
    ttls = join((M.t("fp.ttl-pair", name=n, type=t, before=b, after=a) for n, t, b, a in pairs), "; ")
    down = any(r["ttl"] < c_ttl.get((r["name"], r["type"]), r["ttl"]) for r in warm["records"])
    return finding("dns.resolver-cached", "info",
                   M.t("f.resolver-cached", warm=fmt_ms(warm["rtt_ms"]), cold=fmt_ms(cold["rtt_ms"]),
                       how=M.t("fp.ttl-down" if down else "fp.ttl-same"), ttls=ttls),
                   concepts=("dns.ttl-caching",))
