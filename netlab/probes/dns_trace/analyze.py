"""dns-trace analysis: pure functions from wire bytes to a Result.

``classify`` reads one response the way a careful iterative resolver does (bailiwick, glue,
referral vs answer vs CNAME vs NXDOMAIN/NODATA vs lame).  collect.py calls the very same function
to decide its next step, and ``analyze`` calls it again on the recorded bytes, so the report is
always recomputed from evidence, never copied from what the tracer believed.

No sockets, no clock, no globals: dnspython's *message* parsing only (no dns.query).
"""

from __future__ import annotations

from typing import Any

from netlab.model import Finding, Recording
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
from netlab.probes.dns_trace.names import is_strict_subdomain, is_subdomain

FAILED = frozenset(
    {"lame", "refused", "servfail", "error", "truncated", "timeout", "transport-error", "malformed",
     "mismatch", "upward-referral"}
)
TERMINAL = frozenset({"answer", "cname", "nxdomain", "nodata"})
MAX_CNAME_CHAIN = 10
MAX_DEPTH = 4  # nested sub-traces for glueless name servers (collect.py stops there)


# --------------------------------------------------------------------------------------------
# One response
# --------------------------------------------------------------------------------------------


class Classified:
    """The verdict on one response (a plain class: cheaper to define than a dataclass)."""

    __slots__ = ("outcome", "reason", "rcode", "flags", "edns_size", "referral", "records", "soa",
                 "cname_target", "ignored_records", "sections")

    def __init__(self, outcome: str, reason: str = ""):
        self.outcome = outcome
        self.reason = reason
        self.rcode: str | None = None
        self.flags: list[str] = []
        self.edns_size: int | None = None
        self.referral: dict[str, Any] | None = None
        self.records: list[dict[str, Any]] = []
        self.soa: dict[str, Any] | None = None
        self.cname_target: str | None = None
        self.ignored_records: list[dict[str, Any]] = []  # answer-section records out of bailiwick
        self.sections: dict[str, list[str]] = {}


def parse_query(wire: bytes) -> tuple[int, str, str, bool]:
    """(id, qname, qtype, rd) of a query we sent."""
    import dns.flags
    import dns.message
    import dns.rdatatype

    m = dns.message.from_wire(wire)
    q = m.question[0]
    return m.id, q.name.to_text().lower(), dns.rdatatype.to_text(q.rdtype), bool(m.flags & dns.flags.RD)


def _flags(msg) -> list[str]:
    import dns.flags

    out = []
    for bit, name in ((dns.flags.QR, "qr"), (dns.flags.AA, "aa"), (dns.flags.TC, "tc"), (dns.flags.RD, "rd"),
                      (dns.flags.RA, "ra"), (dns.flags.AD, "ad"), (dns.flags.CD, "cd")):
        if msg.flags & bit:
            out.append(name)
    return out


def _rec(rrset, rd) -> dict[str, Any]:
    import dns.rdatatype

    return {"name": rrset.name.to_text().lower(), "type": dns.rdatatype.to_text(rrset.rdtype),
            "ttl": int(rrset.ttl), "data": rd.to_text()}


def _soa(rrset) -> dict[str, Any]:
    rd = rrset[0]
    return {
        "name": rrset.name.to_text().lower(), "mname": rd.mname.to_text().lower(),
        "rname": rd.rname.to_text().lower(), "serial": int(rd.serial), "minimum": int(rd.minimum),
        "ttl": int(rrset.ttl), "negative_ttl": int(min(rrset.ttl, rd.minimum)),
    }


def classify(query_wire: bytes, response_wire: bytes, zone: str, transport: str = "udp",
             detail: bool = True) -> Classified:
    """What one response means to an iterative resolver that asked a server of ``zone``.

    ``detail=False`` skips the text of each section (the tracer does not need it; the report does).
    """
    import dns.message
    import dns.rcode
    import dns.rdatatype

    try:
        qid, qname, qtype_text, _rd = parse_query(query_wire)
        qtype = dns.rdatatype.from_text(qtype_text)
    except Exception as e:  # a hand-edited or damaged recording: say so, do not crash
        return Classified("malformed", f"the recorded query could not be parsed: {type(e).__name__}: {e}")
    zone = zone.lower()
    try:
        msg = dns.message.from_wire(response_wire, raise_on_truncation=False)
    except Exception as e:  # any malformation: the bytes are evidence, the verdict is "malformed"
        return Classified("malformed", f"response could not be parsed: {type(e).__name__}: {e}")
    c = Classified("error")
    c.rcode = dns.rcode.to_text(msg.rcode())
    c.flags = _flags(msg)
    c.edns_size = msg.payload if msg.edns >= 0 else None
    if detail:
        c.sections = {
            "answer": [r.to_text() for r in msg.answer],
            "authority": [r.to_text() for r in msg.authority],
            "additional": [r.to_text() for r in msg.additional],
        }
    if msg.id != qid or not msg.question or msg.question[0].name.to_text().lower() != qname \
            or msg.question[0].rdtype != qtype:
        c.outcome = "mismatch"
        c.reason = "the response does not match our question (id or question differs)"
        return c
    aa = "aa" in c.flags
    if "tc" in c.flags and transport == "udp":
        c.outcome = "truncated"
        c.reason = f"TC=1: the answer did not fit in UDP ({len(response_wire)} octets came back)"
        return c
    rcode = msg.rcode()
    if rcode == dns.rcode.REFUSED:
        c.outcome = "refused"
        c.reason = f"REFUSED: the server will not answer for {zone} (lame delegation)"
        return c
    if rcode == dns.rcode.SERVFAIL:
        c.outcome = "servfail"
        c.reason = "SERVFAIL: the server failed to answer"
        return c
    if rcode not in (dns.rcode.NOERROR, dns.rcode.NXDOMAIN):
        c.outcome = "error"
        c.reason = f"{c.rcode}: unexpected response code"
        if rcode == dns.rcode.FORMERR and dns.message.from_wire(query_wire).edns >= 0:
            c.reason = "FORMERR: the server did not understand our query with EDNS (retried without it)"
        return c

    # Answer section: follow a CNAME chain inside the response, trusting only owners that lie
    # within the server's zone (bailiwick): anything else could be forged by this server.
    name = qname
    seen = {name}
    chain: list[dict[str, Any]] = []
    final_rrset = None
    while True:
        if not is_subdomain(name, zone):
            break
        rr = _find(msg.answer, name, qtype)
        if rr is not None:
            final_rrset = rr
            break
        if qtype == dns.rdatatype.CNAME:
            break
        cn = _find(msg.answer, name, dns.rdatatype.CNAME)
        if cn is None:
            break
        chain.append(_rec(cn, cn[0]))
        name = cn[0].target.to_text().lower()
        if name in seen or len(chain) > MAX_CNAME_CHAIN:
            c.outcome = "cname"
            c.records = chain
            c.cname_target = name
            c.reason = f"CNAME loop inside the response at {name}"
            return c
        seen.add(name)
    used_ids = {(r["name"], r["type"], r["data"]) for r in chain}
    if final_rrset is not None:
        c.records = chain + [_rec(final_rrset, rd) for rd in final_rrset]
        used_ids |= {(r["name"], r["type"], r["data"]) for r in c.records}
    for rrset in msg.answer:
        for rd in rrset:
            r = _rec(rrset, rd)
            if (r["name"], r["type"], r["data"]) not in used_ids:
                c.ignored_records.append({**r, "reason": f"not part of the answer within {zone}"})

    if final_rrset is not None or chain:
        if not aa:
            c.outcome = "lame"
            c.reason = "answer without the AA flag from a server that should be authoritative (lame)"
            c.records = chain + ([] if final_rrset is None else c.records[len(chain):])
            return c
        if final_rrset is not None:
            c.outcome = "answer"
            c.reason = f"{len(final_rrset)} {dns.rdatatype.to_text(qtype)} record(s) for {name}"
            return c
        # chain only: the target is outside this zone, or inside it with no data / no name
        c.records = chain
        c.cname_target = name
        soa = _find_type(msg.authority, dns.rdatatype.SOA)
        # The chain ends inside this zone and the server proves the end with its SOA (or says
        # NXDOMAIN): a negative answer for the target.  Otherwise the target may sit below a
        # cut or elsewhere: a new walk finds out.
        if is_subdomain(name, zone) and (soa is not None or rcode == dns.rcode.NXDOMAIN):
            c.soa = _soa(soa) if soa is not None else None
            c.outcome = "nxdomain" if rcode == dns.rcode.NXDOMAIN else "nodata"
            c.reason = f"CNAME to {name}, which {'does not exist' if c.outcome == 'nxdomain' else 'has no ' + qtype_text}"
            return c
        c.outcome = "cname"
        c.reason = (f"CNAME to {name}, outside {zone}: a new walk is needed" if not is_subdomain(name, zone)
                    else f"CNAME to {name}, which this response does not resolve: a new walk is needed")
        return c

    if rcode == dns.rcode.NXDOMAIN:
        soa = _find_type(msg.authority, dns.rdatatype.SOA)
        c.soa = _soa(soa) if soa is not None else None
        if not aa:
            c.outcome = "lame"
            c.reason = "NXDOMAIN without the AA flag (not authoritative)"
            return c
        c.outcome = "nxdomain"
        c.reason = f"{qname} does not exist"
        return c

    # Referral: an NS set for a zone strictly below the one we asked, on the way to qname.
    ns_sets = [r for r in msg.authority if r.rdtype == dns.rdatatype.NS]
    soa = _find_type(msg.authority, dns.rdatatype.SOA)
    # (AA is normally clear on a referral; a server that sets it anyway still refers us down.)
    if ns_sets and soa is None and not (aa and ns_sets[0].name.to_text().lower() == zone):
        ns = ns_sets[0]
        child = ns.name.to_text().lower()
        if not (is_strict_subdomain(child, zone) and is_subdomain(qname, child)):
            c.outcome = "upward-referral"
            c.reason = (f"referral to {child}, which is not below {zone} on the way to {qname} "
                        f"(a referral that goes up or sideways would loop)")
            return c
        c.outcome = "referral"
        c.referral = _referral(msg, ns, zone)
        n_used = len(c.referral["glue_used"])
        c.reason = f"referral to {child} ({len(c.referral['ns'])} NS, {n_used} glue address{'es' if n_used != 1 else ''})"
        return c

    if aa:
        c.soa = _soa(soa) if soa is not None else None
        c.outcome = "nodata"
        c.reason = f"{qname} exists but has no {qtype_text} record"
        return c
    c.outcome = "lame"
    c.reason = "not authoritative (AA=0) and no referral: the server does not serve this zone (lame)"
    return c


def _find(section, name: str, rdtype):
    for rr in section:
        if rr.rdtype == rdtype and rr.name.to_text().lower() == name:
            return rr
    return None


def _find_type(section, rdtype):
    for rr in section:
        if rr.rdtype == rdtype:
            return rr
    return None


def _referral(msg, ns_rrset, zone: str) -> dict[str, Any]:
    """The NS set, the glue we may use (in bailiwick, for a listed NS name), the glue we ignore."""
    import dns.rdatatype

    child = ns_rrset.name.to_text().lower()
    ns_names = [rd.target.to_text().lower() for rd in ns_rrset]
    used, ignored = [], []
    for rrset in msg.additional:
        if rrset.rdtype not in (dns.rdatatype.A, dns.rdatatype.AAAA):
            continue
        owner = rrset.name.to_text().lower()
        for rd in rrset:
            item = {"name": owner, "type": dns.rdatatype.to_text(rrset.rdtype), "address": rd.to_text(),
                    "ttl": int(rrset.ttl)}
            if owner not in ns_names:
                ignored.append({**item, "reason": f"{owner} is not a name server of {child}"})
            elif not is_subdomain(owner, zone):
                ignored.append({**item, "reason": f"out of bailiwick: {owner} is not under {zone}, "
                                                  f"so a server of {zone} has no say about it"})
            else:
                used.append(item)
    with_glue = {g["name"] for g in used}
    return {
        "zone": child,
        "ns": ns_names,
        "ns_ttl": int(ns_rrset.ttl),
        "glue_used": used,
        "glue_ignored": ignored,
        "glueless": [n for n in ns_names if n not in with_glue],
    }


# --------------------------------------------------------------------------------------------
# The whole recording
# --------------------------------------------------------------------------------------------


def analyze(recording: Recording) -> DnsTraceResult:
    p = recording.params
    res = DnsTraceResult(
        qname=p.get("name", ""), qname_unicode=p.get("name_unicode", p.get("name", "")),
        qtype=p.get("type", "A"), mode=p.get("mode", ""), roots=list(p.get("roots", [])),
        seed=p.get("seed"), budget=int(p.get("budget", 0) or 0), resolver_address=p.get("resolver"),
        transport="tcp" if p.get("tcp") else "udp", family=str(p.get("family") or "any"),
    )
    evs = recording.events
    times = [e.t for e in evs]
    t0 = min(times) if times else 0.0

    def ms(t: float | None) -> float | None:
        return None if t is None else round((t - t0) * 1000.0, 3)

    walks_started = {e.walk: e for e in evs if isinstance(e, WalkStarted)}
    walks_finished = {e.walk: e for e in evs if isinstance(e, WalkFinished)}
    sent = [e for e in evs if isinstance(e, QuerySent)]
    outcome_of: dict[int, Any] = {}
    for e in evs:
        if isinstance(e, ResponseReceived | QueryTimedOut | TransportFailed):
            outcome_of.setdefault(e.query, e)

    depth: dict[int, int] = {}
    for w in sorted(walks_started.values(), key=lambda w: w.walk):
        if w.parent is None or w.parent not in depth:
            depth[w.walk] = 0
        else:
            depth[w.walk] = depth[w.parent] + (1 if w.purpose == "ns-address" else 0)

    # ---- hops
    hops: list[Hop] = []
    resolver_hops: list[tuple[QuerySent, Any]] = []
    for q in sent:
        w = walks_started.get(q.walk)
        if w is not None and w.purpose == "resolver":
            resolver_hops.append((q, outcome_of.get(q.query)))
            continue
        hops.append(_hop(q, outcome_of.get(q.query), depth.get(q.walk, 0), ms))
    by_query = {h.query: h for h in hops}
    for h in hops:
        if h.retry_of is not None and h.retry_of in by_query:
            h.attempt = by_query[h.retry_of].attempt + 1
        if h.outcome in FAILED or h.extra:
            h.used = False
    res.hops = hops
    res.queries = len(sent)

    # ---- walks
    for wid, w in sorted(walks_started.items()):
        if w.purpose == "resolver":
            continue
        wh = [h for h in hops if h.walk == wid and not h.extra]
        fin = walks_finished.get(wid)
        walk = Walk(walk=wid, purpose=w.purpose, qname=w.qname, qtype=w.qtype, start_zone=w.start_zone,
                    depth=depth.get(wid, 0), parent=w.parent, via_query=w.via_query, for_zone=w.for_zone,
                    t_start_ms=ms(w.t), t_end_ms=ms(fin.t) if fin else (wh[-1].t_ms if wh else None),
                    outcome="incomplete")
        _walk_outcome(walk, wh, fin, walks_started, res)
        res.walks.append(walk)

    _final(res, walks_started, walks_finished)
    _findings(res, recording, walks_finished)
    res.findings = _dedupe(res.findings)
    _all_servers(res)
    _resolver(res, resolver_hops, ms)
    res.total_ms = round(max((ms(t) or 0.0) for t in times), 3) if times else 0.0
    return res


def _hop(q: QuerySent, out: Any, depth: int, ms) -> Hop:
    h = Hop(query=q.query, walk=q.walk, depth=depth, zone=q.zone, server=q.server, address=q.address,
            transport=q.transport, t_ms=ms(q.t), rtt_ms=None, rcode=None, flags=[], outcome="timeout",
            retry_of=q.retry_of, extra=q.extra)
    if out is None:
        h.outcome = "timeout"
        h.reason = "no answer recorded (the trace was stopped)"
    elif isinstance(out, QueryTimedOut):
        h.outcome = "timeout"
        h.rtt_ms = None
        h.reason = f"no answer within {out.waited_s:g} s"
    elif isinstance(out, TransportFailed):
        h.outcome = "transport-error"
        h.rtt_ms = round((out.t - q.t) * 1000.0, 3)
        h.reason = out.error
    else:
        h.rtt_ms = round((out.t - q.t) * 1000.0, 3)
        h.size = len(out.wire)
        c = classify(q.wire, out.wire, q.zone, q.transport)
        h.outcome, h.reason, h.rcode, h.flags = c.outcome, c.reason, c.rcode, c.flags
        h.edns_size, h.referral, h.records, h.soa = c.edns_size, c.referral, c.records, c.soa
        h.cname_target, h.sections = c.cname_target, c.sections
        if c.ignored_records:
            h.sections = {**h.sections, "ignored": [
                f"{r['name']} {r['ttl']} {r['type']} {r['data']}  ({r['reason']})" for r in c.ignored_records]}
    return h


def _walk_outcome(walk: Walk, wh: list[Hop], fin, walks_started, res: DnsTraceResult) -> None:
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


def _final(res: DnsTraceResult, walks_started, walks_finished) -> None:
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
        for r in walk.records:
            if r["type"] == "CNAME":
                chain.append(r["data"].lower())
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
    if loops or len(set(chain)) != len(chain):
        res.outcome = "loop"
        res.answer = answer
        return
    res.outcome = walk.outcome
    if walk.outcome == "cname":
        fin = walks_finished.get(walk.walk)
        if fin is not None and fin.stopped in ("cname-loop", "budget"):
            res.outcome = "loop" if fin.stopped == "cname-loop" else "budget"
    res.answer = answer
    hop = next((h for h in reversed(res.hops) if h.walk == walk.walk and h.outcome in ("nxdomain", "nodata")), None)
    if hop is not None and walk.outcome in ("nxdomain", "nodata"):
        res.negative = hop.soa
    if walk.outcome == "unreachable":
        res.unreachable = True


# --------------------------------------------------------------------------------------------
# Findings
# --------------------------------------------------------------------------------------------


KO_OUTCOME = {
    "refused": "REFUSED로 거절 (레임 위임)", "lame": "권한 없는 응답 (레임)", "servfail": "SERVFAIL (서버 오류)",
    "error": "예상하지 못한 응답 코드", "timeout": "시간 초과 (응답 없음)", "transport-error": "전송 실패",
    "malformed": "해석할 수 없는 응답", "mismatch": "질문과 맞지 않는 응답",
    "upward-referral": "아래로 내려가지 않는 위임 (순환)", "truncated": "잘린 응답 (TC=1)",
}


def _f(code, severity, en, ko, concepts=(), detail=None) -> Finding:
    return Finding(code=code, severity=severity, message=en, message_ko=ko, concepts=tuple(concepts), detail=detail)


def _findings(res: DnsTraceResult, rec: Recording, walks_finished) -> None:
    F = res.findings
    name = res.qname_unicode or res.qname
    if res.qname_unicode and res.qname_unicode != res.qname:
        F.append(_f("dns.idn", "info",
                    f"{res.qname_unicode} is an internationalised name: on the wire it is {res.qname}",
                    f"{res.qname_unicode}는 국제화 도메인 이름이라, 실제 패킷에는 {res.qname}(으)로 실립니다",
                    ["dns.idn"]))
    main_hops = [h for h in res.hops if not h.extra]
    paths: list[str] = []
    paths_ko: list[str] = []
    for w in res.walks:
        if w.purpose not in ("main", "cname"):
            continue
        zones: list[str] = []
        for h in main_hops:
            if h.walk == w.walk and h.zone not in zones:
                zones.append(h.zone)
        if zones:
            paths.append(" -> ".join(zones) if w.purpose == "main" else f"then for {w.qname}: " + " -> ".join(zones))
            paths_ko.append(" -> ".join(zones) if w.purpose == "main" else f"이어서 {w.qname}: " + " -> ".join(zones))
    if res.outcome in ("answer", "nxdomain", "nodata", "cname"):
        path = "; ".join(paths)
        path_ko = "; ".join(paths_ko)
        F.append(_f("dns.trace", "info",
                    f"{name} {res.qtype}: {res.queries} quer{'y' if res.queries == 1 else 'ies'}, starting at the root "
                    f"and following referrals ({path})",
                    f"{name} {res.qtype}: 루트에서 시작해 위임(referral)을 따라 {res.queries}번 질의했습니다 ({path_ko})",
                    ["dns.hierarchy", "dns.iterative-recursive", "dns.authoritative"]))
    # CNAMEs
    if len(res.cname_chain) > 1:
        crossing = [w for w in res.walks if w.purpose == "cname"]
        chain = " -> ".join(res.cname_chain)
        if res.outcome == "cname" and not crossing:
            F.append(_f("dns.cname-not-followed", "info",
                        f"{name} is an alias (CNAME) for {res.cname_chain[-1]}; not followed (--no-follow-cname)",
                        f"{name}는 {res.cname_chain[-1]}의 별칭(CNAME)입니다. --no-follow-cname이라 따라가지 않았습니다",
                        ["dns.cname"]))
        else:
            extra = (f"; {len(crossing)} new walk(s) because the target lives in another zone" if crossing else "")
            extra_ko = (f"; 대상이 다른 영역에 있어 새로 {len(crossing)}번 다시 찾아갔습니다" if crossing else "")
            F.append(_f("dns.cname", "info", f"CNAME chain: {chain}{extra}", f"CNAME 체인: {chain}{extra_ko}",
                        ["dns.cname"]))
    if res.outcome == "loop" and len(set(res.cname_chain)) != len(res.cname_chain):
        F.append(_f("dns.cname-loop", "error",
                    f"CNAME loop: {' -> '.join(res.cname_chain)} comes back to a name already seen",
                    f"CNAME 순환: {' -> '.join(res.cname_chain)} 가 이미 본 이름으로 되돌아옵니다",
                    ["dns.cname"]))
    for w in res.walks:
        fin = walks_finished.get(w.walk)
        if fin is not None and fin.stopped == "cname-loop" and res.outcome == "loop" and \
                not any(f.code == "dns.cname-loop" for f in F):
            F.append(_f("dns.cname-loop", "error", f"CNAME loop while resolving {w.qname}",
                        f"{w.qname}를 찾는 중 CNAME 순환", ["dns.cname"]))
        if fin is not None and fin.stopped == "depth":
            F.append(_f("dns.depth-exceeded", "error",
                        f"gave up on {w.qname}: name servers without glue nested more than {MAX_DEPTH} levels deep",
                        f"{w.qname}: 글루 없는 네임서버가 {MAX_DEPTH}단계 넘게 중첩되어 포기했습니다",
                        ["dns.glue-bailiwick"]))
        if fin is not None and fin.stopped == "dependency-loop":
            F.append(_f("dns.dependency-loop", "error",
                        f"the name servers of {w.for_zone or w.qname} can only be found through themselves "
                        f"(resolving {w.qname} needs the zone it serves)",
                        f"{w.for_zone or w.qname}의 네임서버 주소를 찾으려면 그 네임서버 자신이 필요합니다 (순환 의존)",
                        ["dns.glue-bailiwick"]))
    if res.outcome == "nxdomain":
        neg = res.negative or {}
        F.append(_f("dns.nxdomain", "info",
                    f"{(res.cname_chain or [name])[-1]} does not exist (NXDOMAIN, authoritative); resolvers may "
                    f"remember that for {neg.get('negative_ttl', '?')} s (SOA of {neg.get('name', '?')})",
                    f"{(res.cname_chain or [name])[-1]}는 존재하지 않습니다 (권한 있는 NXDOMAIN). 리졸버는 이 사실을 "
                    f"{neg.get('negative_ttl', '?')}초 동안 캐시할 수 있습니다 ({neg.get('name', '?')}의 SOA)",
                    ["dns.negative-caching"]))
    if res.outcome == "nodata":
        neg = res.negative or {}
        F.append(_f("dns.nodata", "info",
                    f"{(res.cname_chain or [name])[-1]} exists but has no {res.qtype} record (NODATA); negative "
                    f"TTL {neg.get('negative_ttl', '?')} s",
                    f"{(res.cname_chain or [name])[-1]}는 존재하지만 {res.qtype} 레코드가 없습니다 (NODATA). "
                    f"부정 응답 TTL {neg.get('negative_ttl', '?')}초",
                    ["dns.negative-caching"]))
    # glue
    for h in res.hops:
        if h.referral and h.referral["glue_ignored"] and not h.extra:
            for g in h.referral["glue_ignored"]:
                F.append(_f("dns.glue-ignored", "warning",
                            f"{h.server} ({h.address}) offered {g['name']} {g['type']} {g['address']}: ignored, {g['reason']}",
                            f"{h.server}({h.address})가 덧붙인 {g['name']} {g['type']} {g['address']} 레코드를 무시했습니다: "
                            + ("이 위임의 네임서버 이름이 아닙니다" if "not a name server" in g["reason"]
                               else f"{h.zone}의 권한 범위(bailiwick) 밖의 이름입니다"),
                            ["dns.glue-bailiwick"]))
    glueless_zones = []
    for w in res.walks:
        if w.purpose == "ns-address" and w.for_zone and w.for_zone not in glueless_zones:
            glueless_zones.append(w.for_zone)
    for z in glueless_zones:
        subs = [w for w in res.walks if w.purpose == "ns-address" and w.for_zone == z]
        t0 = min(w.t_start_ms for w in subs)
        dur = max((w.t_end_ms or w.t_start_ms) for w in subs) - t0
        names = ", ".join(dict.fromkeys(w.qname for w in subs))
        F.append(_f("dns.glueless", "info",
                    f"{z} is delegated to name servers without glue ({names}): their addresses had to be "
                    f"looked up first, by {len(subs)} nested trace(s) taking {dur:.0f} ms",
                    f"{z}는 글루(glue) 없이 위임되어 있어, 네임서버({names}) 주소를 먼저 따로 찾아야 했습니다 "
                    f"({len(subs)}개의 하위 추적, {dur:.0f} ms)",
                    ["dns.glue-bailiwick"]))
    # transport and failures
    for h in res.hops:
        if h.extra:
            continue
        if h.outcome == "truncated":
            retry = next((r for r in res.hops if r.retry_of == h.query), None)
            got = f"; over TCP: {retry.size} octets, {retry.outcome}" if retry and retry.size else ""
            F.append(_f("dns.truncated", "info",
                        f"{h.server} truncated the answer over UDP (TC=1, {h.size} octets), retried over TCP{got}",
                        f"{h.server}의 UDP 응답이 잘렸고(TC=1, {h.size}바이트) TCP로 다시 물었습니다",
                        ["dns.udp-tcp"]))
        elif h.outcome in ("refused", "lame"):
            F.append(_f("dns.lame-delegation", "warning",
                        f"lame delegation: {h.server} ({h.address}) is listed for {h.zone} but {h.reason}",
                        f"레임 위임: {h.server}({h.address})는 {h.zone}의 네임서버로 위임되었지만 제대로 답하지 않습니다: {KO_OUTCOME[h.outcome]}",
                        ["dns.lame-delegation"]))
        elif h.outcome == "timeout":
            F.append(_f("dns.server-timeout", "warning", f"{h.server} ({h.address}) for {h.zone}: {h.reason}",
                        f"{h.server}({h.address}, {h.zone}): 시간 안에 응답이 없습니다", ["dns.udp-tcp"]))
        elif h.outcome in ("servfail", "error", "transport-error", "malformed", "mismatch", "upward-referral"):
            code = "dns.referral-loop" if h.outcome == "upward-referral" else f"dns.server-{h.outcome}"
            F.append(_f(code, "warning", f"{h.server} ({h.address}) for {h.zone}: {h.reason}",
                        f"{h.server}({h.address}, {h.zone}): {KO_OUTCOME.get(h.outcome, h.outcome)}"
                        + (f" ({h.reason})" if h.outcome == "transport-error" else ""), ["dns.lame-delegation"]))
    # unreachable zones
    for w in res.walks:
        if w.outcome != "unreachable":
            continue
        zone = w.detail
        tried = [h for h in res.hops if h.walk == w.walk and h.zone == zone and not h.extra]
        what = "; ".join(f"{h.server} ({h.address}, {h.transport}): {h.outcome}" + (f" - {h.reason}" if h.reason else "")
                         for h in tried)
        what_ko = "; ".join(f"{h.server}({h.address}, {h.transport}): {KO_OUTCOME.get(h.outcome, h.outcome)}"
                            for h in tried)
        if not tried:
            subs = [s for s in res.walks if s.purpose == "ns-address" and s.for_zone == zone and s.parent == w.walk]
            what = "; ".join(f"{s.qname}: address lookup {s.outcome}" for s in subs) or "no server address known"
            what_ko = "; ".join(f"{s.qname}: 주소 찾기 실패({s.outcome})" for s in subs) or "주소를 아는 서버가 없습니다"
        F.append(_f("dns.zone-unreachable", "error",
                    f"every server of {zone} failed while resolving {w.qname}: {what}",
                    f"{zone}의 모든 네임서버가 실패했습니다 ({w.qname}): {what_ko}",
                    ["dns.lame-delegation"]))
    if res.outcome == "budget" or any(w.outcome == "budget" for w in res.walks):
        F.append(_f("dns.budget-exhausted", "error",
                    f"gave up after {res.queries} queries (budget {res.budget}): a resolver must bound its work",
                    f"질의 {res.queries}번 만에 포기했습니다 (한도 {res.budget}). 리졸버는 작업량에 한계를 둡니다",
                    ["dns.iterative-recursive"]))


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen, out = set(), []
    for f in findings:
        if (f.code, f.message) not in seen:
            seen.add((f.code, f.message))
            out.append(f)
    return out


def _all_servers(res: DnsTraceResult) -> None:
    extra = [h for h in res.hops if h.extra]
    if not extra:
        return
    keys = []
    for h in extra:
        k = (h.walk, h.zone)
        if k not in keys:
            keys.append(k)
    for walk, zone in keys:
        rows = [h for h in res.hops if h.walk == walk and h.zone == zone and (h.extra or h.used)]
        for h in rows:
            res.all_servers.append({"zone": zone, "walk": walk, "server": h.server, "address": h.address,
                                    "transport": h.transport, "rtt_ms": h.rtt_ms, "outcome": h.outcome,
                                    "aa": "aa" in h.flags, "chosen": not h.extra})


def _resolver(res: DnsTraceResult, rq: list, ms) -> None:
    if not rq:
        return
    for i, (q, out) in enumerate(rq):
        row: dict[str, Any] = {"label": "cold" if i == 0 else "cached", "server": q.address, "t_ms": ms(q.t),
                               "rtt_ms": None, "rcode": None, "flags": [], "records": [], "outcome": "timeout"}
        if isinstance(out, ResponseReceived):
            import dns.message
            import dns.rcode

            row["rtt_ms"] = round((out.t - q.t) * 1000.0, 3)
            try:
                m = dns.message.from_wire(out.wire, raise_on_truncation=False)
                row["rcode"] = dns.rcode.to_text(m.rcode())
                row["flags"] = _flags(m)
                row["records"] = [_rec(rr, rd) for rr in m.answer for rd in rr]
                row["outcome"] = "answer" if row["records"] else row["rcode"].lower()
            except Exception as e:
                row["outcome"] = "malformed"
                row["reason"] = str(e)
        elif isinstance(out, TransportFailed):
            row["outcome"] = "transport-error"
            row["reason"] = out.error
        elif isinstance(out, QueryTimedOut):
            row["reason"] = f"no answer within {out.waited_s:g} s"
        res.resolver.append(row)
    F = res.findings
    cold = res.resolver[0]
    auth_ttl = {(r["name"], r["type"]): r["ttl"] for r in res.answer}
    if cold["outcome"] == "answer":
        was_cached = any(r["ttl"] < auth_ttl.get((r["name"], r["type"]), -1) for r in cold["records"])
        aa = "aa" in cold["flags"]
        txt = ("already in the resolver's cache before our first question (its TTLs are below the authoritative ones)"
               if was_cached else "not cached before: the resolver walked the tree itself (TTLs equal the authoritative ones)")
        txt_ko = ("첫 질문 전에 이미 리졸버 캐시에 있었습니다 (TTL이 권한 서버의 값보다 작음)" if was_cached
                  else "캐시에 없어서 리졸버가 직접 트리를 따라 내려갔습니다 (TTL이 권한 서버 값과 같음)")
        F.append(_f("dns.resolver-cold", "info",
                    f"resolver {cold['server']}: first answer in {cold['rtt_ms']:.1f} ms, "
                    f"{'AA set' if aa else 'AA not set (non-authoritative)'}, {txt}",
                    f"리졸버 {cold['server']}: 첫 응답 {cold['rtt_ms']:.1f} ms, "
                    f"{'AA 설정' if aa else 'AA 없음 (권한 없는 응답)'}, {txt_ko}",
                    ["dns.authoritative", "dns.ttl-caching"]))
        trace_data = sorted(r["data"] for r in res.answer if r["type"] == res.qtype)
        got = sorted(r["data"] for r in cold["records"] if r["type"] == res.qtype)
        if trace_data and got and trace_data != got:
            F.append(_f("dns.resolver-disagrees", "warning",
                        f"the resolver's answer ({', '.join(got)}) differs from the trace's ({', '.join(trace_data)})",
                        f"리졸버의 응답({', '.join(got)})이 직접 추적한 결과({', '.join(trace_data)})와 다릅니다",
                        ["dns.ttl-caching"]))
    if len(res.resolver) > 1 and res.resolver[1]["outcome"] == "answer" and cold["outcome"] == "answer":
        warm = res.resolver[1]
        c_ttl = {(r["name"], r["type"]): r["ttl"] for r in cold["records"]}
        pairs = [f"{r['name']} {r['type']} {c_ttl.get((r['name'], r['type']), '?')} -> {r['ttl']} s"
                 for r in warm["records"]]
        down = any(r["ttl"] < c_ttl.get((r["name"], r["type"]), r["ttl"]) for r in warm["records"])
        how = "the TTL counts down" if down else "the same TTL (asked within the same second)"
        how_ko = "TTL이 줄어듭니다" if down else "TTL이 같습니다 (같은 초 안에 물음)"
        F.append(_f("dns.resolver-cached", "info",
                    f"second answer from the cache in {warm['rtt_ms']:.1f} ms (first: {cold['rtt_ms']:.1f} ms); "
                    f"{how}: {'; '.join(dict.fromkeys(pairs))}",
                    f"두 번째 응답은 캐시에서 {warm['rtt_ms']:.1f} ms (첫 번째 {cold['rtt_ms']:.1f} ms). "
                    f"{how_ko}: {'; '.join(dict.fromkeys(pairs))}",
                    ["dns.ttl-caching"]))
