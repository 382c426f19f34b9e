"""dns-trace analysis: pure functions from the Recording (wire bytes) to a DnsTraceResult.

Each response is read again by classify.py, the same function the tracer used to choose its next
step; the walks, the final answer and the findings (findings.py) are worked out from those
verdicts.  No sockets, no clock, no globals: dnspython's *message* parsing only (no dns.query).
"""

from __future__ import annotations

from typing import Any

from netlab.i18n import Both, T
from netlab.model import Finding, Recording
from netlab.probes.dns_trace.classify import FAILED, TERMINAL, classify, flags_of, record
from netlab.probes.dns_trace.findings import RULES
from netlab.probes.dns_trace.messages import M
from netlab.probes.dns_trace.model import (
    DnsTraceResult,
    Hop,
    QuerySent,
    QueryTimedOut,
    ResponseReceived,
    TransportFailed,
    Walk,
    WalkFinished,
    WalkStarted,
)
from netlab.units import ms_since


class _Events:
    """The Recording's events, indexed the way the analysis looks them up."""

    def __init__(self, recording: Recording):
        evs = recording.events
        self.times = [e.t for e in evs]
        self.t0 = min(self.times) if self.times else 0.0
        self.started = {e.walk: e for e in evs if isinstance(e, WalkStarted)}
        self.finished = {e.walk: e for e in evs if isinstance(e, WalkFinished)}
        self.sent = [e for e in evs if isinstance(e, QuerySent)]
        self.outcome_of: dict[int, Any] = {}
        for e in evs:
            if isinstance(e, ResponseReceived | QueryTimedOut | TransportFailed):
                self.outcome_of.setdefault(e.query, e)
        self.depth: dict[int, int] = {}
        for w in sorted(self.started.values(), key=lambda w: w.walk):
            if w.parent is None or w.parent not in self.depth:
                self.depth[w.walk] = 0
            else:
                self.depth[w.walk] = self.depth[w.parent] + (1 if w.purpose == "ns-address" else 0)

    def ms(self, t: float | None) -> float | None:
        return ms_since(t, self.t0)


def analyze(recording: Recording) -> DnsTraceResult:
    p = recording.params
    res = DnsTraceResult(
        qname=p.get("name", ""), qname_unicode=p.get("name_unicode", p.get("name", "")),
        qtype=p.get("type", "A"), mode=p.get("mode", ""), roots=list(p.get("roots", [])),
        seed=p.get("seed"), budget=int(p.get("budget", 0) or 0), resolver_address=p.get("resolver"),
        transport="tcp" if p.get("tcp") else "udp", family=str(p.get("family") or "any"),
    )
    ev = _Events(recording)
    resolver_queries = _hops(res, ev)
    res.queries = len(ev.sent)
    _walks(res, ev)
    _final(res, ev.finished)
    _all_servers(res)
    res.resolver = [_resolver_row(i, q, out, ev) for i, (q, out) in enumerate(resolver_queries)]
    res.total_ms = max(ev.ms(t) for t in ev.times) if ev.times else 0.0
    res.findings = _dedupe(RULES.run(res, recording))
    return res


def _hops(res: DnsTraceResult, ev: _Events) -> list[tuple[QuerySent, Any]]:
    """Fill res.hops; return the --compare-resolver queries, which are not hops of the trace."""
    resolver_queries: list[tuple[QuerySent, Any]] = []
    for q in ev.sent:
        w = ev.started.get(q.walk)
        if w is not None and w.purpose == "resolver":
            resolver_queries.append((q, ev.outcome_of.get(q.query)))
            continue
        res.hops.append(_hop(q, ev.outcome_of.get(q.query), ev.depth.get(q.walk, 0), ev))
    by_query = {h.query: h for h in res.hops}
    for h in res.hops:
        if h.retry_of is not None and h.retry_of in by_query:
            h.attempt = by_query[h.retry_of].attempt + 1
        if h.outcome in FAILED or h.extra:
            h.used = False
    return resolver_queries


def transport_reason(failed: TransportFailed) -> T | Both:
    """A socket error in words: the catalogue's for a known kind, else the system's own."""
    key = f"transport.{failed.kind}"
    if failed.kind and key in M.messages:
        return M.t(key)
    return Both(failed.error, failed.error)


def _hop(q: QuerySent, out: Any, depth: int, ev: _Events) -> Hop:
    h = Hop(query=q.query, walk=q.walk, depth=depth, zone=q.zone, server=q.server, address=q.address,
            transport=q.transport, t_ms=ev.ms(q.t), rtt_ms=None, rcode=None, flags=[], outcome="timeout",
            retry_of=q.retry_of, extra=q.extra)
    why: T | Both | None
    if out is None:
        why = M.t("reason.not-recorded")
    elif isinstance(out, QueryTimedOut):
        why = M.t("reason.timeout", seconds=f"{out.waited_s:g}")
    elif isinstance(out, TransportFailed):
        h.outcome = "transport-error"
        h.rtt_ms = ms_since(out.t, q.t)
        why = transport_reason(out)
    else:
        h.rtt_ms = ms_since(out.t, q.t)
        h.size = len(out.wire)
        c = classify(q.wire, out.wire, q.zone, q.transport)
        h.outcome, why, h.rcode, h.flags = c.outcome, c.reason, c.rcode, c.flags
        h.edns_size, h.referral, h.records, h.soa = c.edns_size, c.referral, c.records, c.soa
        h.cname_target, h.sections, h.ignored = c.cname_target, c.sections, c.ignored_records
    if why is not None:
        h.reason, h.reason_ko = why.render("en"), why.render("ko")
    return h


def _walks(res: DnsTraceResult, ev: _Events) -> None:
    for wid, w in sorted(ev.started.items()):
        if w.purpose == "resolver":
            continue
        wh = [h for h in res.hops if h.walk == wid and not h.extra]
        fin = ev.finished.get(wid)
        walk = Walk(walk=wid, purpose=w.purpose, qname=w.qname, qtype=w.qtype, start_zone=w.start_zone,
                    depth=ev.depth.get(wid, 0), parent=w.parent, via_query=w.via_query, for_zone=w.for_zone,
                    t_start_ms=ev.ms(w.t), t_end_ms=ev.ms(fin.t) if fin else (wh[-1].t_ms if wh else None),
                    outcome="incomplete")
        _walk_outcome(walk, wh, fin)
        res.walks.append(walk)


def _walk_outcome(walk: Walk, wh: list[Hop], fin: WalkFinished | None) -> None:
    terminal = [h for h in wh if h.outcome in TERMINAL]
    if terminal:
        last = terminal[-1]
        walk.outcome = last.outcome
        walk.records = list(last.records)
        walk.detail = last.reason
        return
    stopped = fin.stopped if fin else ""
    if stopped == "not-needed":  # a parallel look-up dropped once another one had succeeded
        walk.outcome = "not-needed"
        return
    if stopped == "deadline":  # the run's overall deadline: the tracer asked nothing more
        walk.outcome = walk.detail = "deadline"
        return
    if stopped in ("budget", "dependency-loop", "depth", "referral-loop"):
        walk.outcome = "budget" if stopped == "budget" else "loop"
        walk.detail = stopped
        return
    if not wh:
        walk.outcome = "unreachable"
        walk.detail = f"no server of {walk.start_zone} could be asked"
        return
    last_zone = wh[-1].zone
    group = [h for h in wh if h.zone == last_zone]
    if all(h.outcome in FAILED for h in group):
        walk.outcome = "unreachable"
        walk.detail = last_zone
        return
    if wh[-1].outcome == "referral":
        # a referral we could not follow: every name server's address lookup failed
        walk.outcome = "unreachable"
        walk.detail = wh[-1].referral["zone"] if wh[-1].referral else last_zone
        return
    walk.outcome = "incomplete"


def _final(res: DnsTraceResult, walks_finished: dict[int, WalkFinished]) -> None:
    """The answer, the CNAME chain and the outcome: the main walk, then each CNAME restart."""
    main = next((w for w in res.walks if w.purpose == "main"), None)
    if main is None:
        res.outcome = "incomplete"
        return
    chain = [res.qname]
    answer: list[dict[str, Any]] = []
    walk = main
    loops = False
    while True:
        answer.extend(walk.records)
        chain.extend(r["data"].lower() for r in walk.records if r["type"] == "CNAME")
        if walk.outcome != "cname":
            break
        nxt = next((w for w in res.walks if w.purpose == "cname" and w.parent == walk.walk), None)
        if len(set(chain)) != len(chain):
            loops = True
            break
        if nxt is None:
            break
        walk = nxt
    res.cname_chain = chain if len(chain) > 1 else []
    res.answer = answer
    if loops or len(set(chain)) != len(chain):
        res.outcome = "loop"
        return
    res.outcome = walk.outcome
    if walk.outcome == "cname":
        fin = walks_finished.get(walk.walk)
        if fin is not None and fin.stopped in ("cname-loop", "budget"):
            res.outcome = "loop" if fin.stopped == "cname-loop" else "budget"
    hop = next((h for h in reversed(res.hops) if h.walk == walk.walk and h.outcome in ("nxdomain", "nodata")), None)
    if hop is not None and walk.outcome in ("nxdomain", "nodata"):
        res.negative = hop.soa
    if walk.outcome == "unreachable":
        res.unreachable = True


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen, out = set(), []
    for f in findings:
        if (f.code, f.message) not in seen:
            seen.add((f.code, f.message))
            out.append(f)
    return out


def _all_servers(res: DnsTraceResult) -> None:
    """--all-servers: per zone, every server asked (the chosen one and the extras)."""
    keys: list[tuple[int, str]] = []
    for h in res.hops:
        if h.extra and (h.walk, h.zone) not in keys:
            keys.append((h.walk, h.zone))
    for walk, zone in keys:
        for h in res.hops:
            if h.walk == walk and h.zone == zone and (h.extra or h.used):
                res.all_servers.append({"zone": zone, "walk": walk, "server": h.server, "address": h.address,
                                        "transport": h.transport, "rtt_ms": h.rtt_ms, "outcome": h.outcome,
                                        "aa": "aa" in h.flags, "chosen": not h.extra})


def _resolver_row(i: int, q: QuerySent, out: Any, ev: _Events) -> dict[str, Any]:
    """--compare-resolver: one question to the recursive resolver (cold first, then cached)."""
    row: dict[str, Any] = {"label": "cold" if i == 0 else "cached", "server": q.address, "t_ms": ev.ms(q.t),
                           "rtt_ms": None, "rcode": None, "flags": [], "records": [], "outcome": "timeout"}
    why: T | Both | None = None
    if isinstance(out, ResponseReceived):
        import dns.message
        import dns.rcode

        row["rtt_ms"] = ms_since(out.t, q.t)
        try:
            m = dns.message.from_wire(out.wire, raise_on_truncation=False)
            row["rcode"] = dns.rcode.to_text(m.rcode())
            row["flags"] = flags_of(m)
            row["records"] = [record(rr, rd) for rr in m.answer for rd in rr]
            row["outcome"] = "answer" if row["records"] else row["rcode"].lower()
        except Exception as e:
            row["outcome"] = "malformed"
            why = Both(str(e), str(e))
    elif isinstance(out, TransportFailed):
        row["outcome"] = "transport-error"
        why = transport_reason(out)
    elif isinstance(out, QueryTimedOut):
        why = M.t("reason.timeout", seconds=f"{out.waited_s:g}")
    if why is not None:
        row["reason"], row["reason_ko"] = why.render("en"), why.render("ko")
    return row

