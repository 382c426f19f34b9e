"""One DNS response, read the way a careful iterative resolver reads it (pure).

``classify`` decides what a response means to a resolver that asked a server of ``zone``:
bailiwick, glue, referral vs answer vs CNAME vs NXDOMAIN/NODATA vs lame.  collect.py calls it to
choose its next step and analyze.py calls it again on the recorded bytes, so the report is always
recomputed from evidence, never copied from what the tracer believed.

dnspython's *message* parsing only (no dns.query), imported inside the functions.  Reasons are
catalogue references (messages.py), rendered in each language by analyze.
"""

from __future__ import annotations

from typing import Any

from netlab.i18n import T
from netlab.probes.dns_trace.messages import M
from netlab.probes.dns_trace.names import is_strict_subdomain, is_subdomain

FAILED = frozenset(
    {"lame", "refused", "servfail", "error", "truncated", "timeout", "transport-error", "malformed",
     "mismatch", "upward-referral"}
)
TERMINAL = frozenset({"answer", "cname", "nxdomain", "nodata"})
MAX_CNAME_CHAIN = 10
MAX_DEPTH = 4  # nested sub-traces for glueless name servers (collect.py stops there)


class Classified:
    """The verdict on one response (a plain class: cheaper to define than a dataclass)."""

    __slots__ = ("outcome", "reason", "rcode", "flags", "edns_size", "referral", "records", "soa",
                 "cname_target", "ignored_records", "sections")

    def __init__(self, outcome: str, reason: T | None = None):
        self.outcome = outcome
        self.reason = reason  # why, as a catalogue reference (None: the caller knows why)
        self.rcode: str | None = None
        self.flags: list[str] = []
        self.edns_size: int | None = None
        self.referral: dict[str, Any] | None = None
        self.records: list[dict[str, Any]] = []
        self.soa: dict[str, Any] | None = None
        self.cname_target: str | None = None
        self.ignored_records: list[dict[str, Any]] = []  # answer-section records out of bailiwick
        self.sections: dict[str, list[str]] = {}

    def says(self, outcome: str, reason: T) -> Classified:
        self.outcome, self.reason = outcome, reason
        return self


def parse_query(wire: bytes) -> tuple[int, str, str, bool]:
    """(id, qname, qtype, rd) of a query we sent."""
    import dns.flags
    import dns.message
    import dns.rdatatype

    m = dns.message.from_wire(wire)
    q = m.question[0]
    return m.id, q.name.to_text().lower(), dns.rdatatype.to_text(q.rdtype), bool(m.flags & dns.flags.RD)


def flags_of(msg) -> list[str]:
    import dns.flags

    out = []
    for bit, name in ((dns.flags.QR, "qr"), (dns.flags.AA, "aa"), (dns.flags.TC, "tc"), (dns.flags.RD, "rd"),
                      (dns.flags.RA, "ra"), (dns.flags.AD, "ad"), (dns.flags.CD, "cd")):
        if msg.flags & bit:
            out.append(name)
    return out


def record(rrset, rd) -> dict[str, Any]:
    import dns.rdatatype

    return {"name": rrset.name.to_text().lower(), "type": dns.rdatatype.to_text(rrset.rdtype),
            "ttl": int(rrset.ttl), "data": rd.to_text()}


def _soa(rrset) -> dict[str, Any] | None:
    if rrset is None:
        return None
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
    import dns.rdatatype

    try:
        qid, qname, qtype_text, _rd = parse_query(query_wire)
        qtype = dns.rdatatype.from_text(qtype_text)
    except Exception as e:  # a hand-edited or damaged recording: say so, do not crash
        return Classified("malformed", M.t("reason.query-unparsable", error=f"{type(e).__name__}: {e}"))
    zone = zone.lower()
    try:
        msg = dns.message.from_wire(response_wire, raise_on_truncation=False)
    except Exception as e:  # any malformation: the bytes are evidence, the verdict is "malformed"
        return Classified("malformed", M.t("reason.response-unparsable", error=f"{type(e).__name__}: {e}"))
    c = _header(msg, detail)
    if msg.id != qid or not msg.question or msg.question[0].name.to_text().lower() != qname \
            or msg.question[0].rdtype != qtype:
        return c.says("mismatch", M.t("reason.mismatch"))
    if "tc" in c.flags and transport == "udp":
        return c.says("truncated", M.t("reason.truncated", size=len(response_wire)))
    bad = _bad_rcode(c, msg, query_wire, zone)
    if bad is not None:
        return bad
    q = _Question(qname, qtype, qtype_text, zone, "aa" in c.flags, msg.rcode())
    return _answer(c, msg, q) or _nxdomain(c, msg, q) or _referral_or_nodata(c, msg, q)


class _Question:
    __slots__ = ("qname", "qtype", "qtype_text", "zone", "aa", "rcode")

    def __init__(self, qname, qtype, qtype_text, zone, aa, rcode):
        self.qname, self.qtype, self.qtype_text, self.zone, self.aa, self.rcode = (
            qname, qtype, qtype_text, zone, aa, rcode)


def _header(msg, detail: bool) -> Classified:
    import dns.rcode

    c = Classified("error")
    c.rcode = dns.rcode.to_text(msg.rcode())
    c.flags = flags_of(msg)
    c.edns_size = msg.payload if msg.edns >= 0 else None
    if detail:
        c.sections = {
            "answer": [r.to_text() for r in msg.answer],
            "authority": [r.to_text() for r in msg.authority],
            "additional": [r.to_text() for r in msg.additional],
        }
    return c


def _bad_rcode(c: Classified, msg, query_wire: bytes, zone: str) -> Classified | None:
    """REFUSED, SERVFAIL and the other codes that are neither NOERROR nor NXDOMAIN."""
    import dns.message
    import dns.rcode

    rcode = msg.rcode()
    if rcode == dns.rcode.REFUSED:
        return c.says("refused", M.t("reason.refused", zone=zone))
    if rcode == dns.rcode.SERVFAIL:
        return c.says("servfail", M.t("reason.servfail"))
    if rcode in (dns.rcode.NOERROR, dns.rcode.NXDOMAIN):
        return None
    if rcode == dns.rcode.FORMERR and dns.message.from_wire(query_wire).edns >= 0:
        return c.says("error", M.t("reason.formerr-edns"))
    return c.says("error", M.t("reason.rcode", rcode=c.rcode))


def _answer(c: Classified, msg, q: _Question) -> Classified | None:
    """The answer section: follow a CNAME chain inside the response, trusting only owners that lie
    within the server's zone (bailiwick): anything else could be forged by this server."""
    import dns.rcode
    import dns.rdatatype

    name, chain, final_rrset, looped = _follow_chain(msg, q)
    if looped:
        c.records, c.cname_target = chain, name
        return c.says("cname", M.t("reason.cname-loop", name=name))
    final = [] if final_rrset is None else [record(final_rrset, rd) for rd in final_rrset]
    used_ids = {(r["name"], r["type"], r["data"]) for r in chain + final}
    for rrset in msg.answer:
        for rd in rrset:
            r = record(rrset, rd)
            if (r["name"], r["type"], r["data"]) not in used_ids:
                en, ko = M.both("reason.not-in-answer", zone=q.zone)
                c.ignored_records.append({**r, "reason": en, "reason_ko": ko})
    if final_rrset is None and not chain:
        return None
    c.records = chain + final
    if not q.aa:
        return c.says("lame", M.t("reason.answer-no-aa"))
    if final_rrset is not None:
        return c.says("answer", M.t("reason.answer", n=len(final_rrset),
                                    qtype=dns.rdatatype.to_text(q.qtype), name=name))
    # chain only: the target is outside this zone, or inside it with no data / no name
    c.cname_target = name
    soa = _find_type(msg.authority, dns.rdatatype.SOA)
    # The chain ends inside this zone and the server proves the end with its SOA (or says
    # NXDOMAIN): a negative answer for the target.  Otherwise the target may sit below a
    # cut or elsewhere: a new walk finds out.
    if is_subdomain(name, q.zone) and (soa is not None or q.rcode == dns.rcode.NXDOMAIN):
        c.soa = _soa(soa)
        if q.rcode == dns.rcode.NXDOMAIN:
            return c.says("nxdomain", M.t("reason.cname-nxdomain", name=name))
        return c.says("nodata", M.t("reason.cname-nodata", name=name, qtype=q.qtype_text))
    if not is_subdomain(name, q.zone):
        return c.says("cname", M.t("reason.cname-outside", name=name, zone=q.zone))
    return c.says("cname", M.t("reason.cname-unresolved", name=name))


def _follow_chain(msg, q: _Question) -> tuple[str, list[dict[str, Any]], Any, bool]:
    """(last name, CNAME records, the rrset of the type asked or None, whether the chain loops)."""
    import dns.rdatatype

    name = q.qname
    seen = {name}
    chain: list[dict[str, Any]] = []
    while is_subdomain(name, q.zone):
        rr = _find(msg.answer, name, q.qtype)
        if rr is not None:
            return name, chain, rr, False
        if q.qtype == dns.rdatatype.CNAME:
            break
        cn = _find(msg.answer, name, dns.rdatatype.CNAME)
        if cn is None:
            break
        chain.append(record(cn, cn[0]))
        name = cn[0].target.to_text().lower()
        if name in seen or len(chain) > MAX_CNAME_CHAIN:
            return name, chain, None, True
        seen.add(name)
    return name, chain, None, False


def _nxdomain(c: Classified, msg, q: _Question) -> Classified | None:
    import dns.rcode
    import dns.rdatatype

    if q.rcode != dns.rcode.NXDOMAIN:
        return None
    c.soa = _soa(_find_type(msg.authority, dns.rdatatype.SOA))
    if not q.aa:
        return c.says("lame", M.t("reason.nxdomain-no-aa"))
    return c.says("nxdomain", M.t("reason.nxdomain", qname=q.qname))


def _referral_or_nodata(c: Classified, msg, q: _Question) -> Classified:
    """A referral is an NS set for a zone strictly below the one we asked, on the way to qname."""
    import dns.rdatatype

    ns_sets = [r for r in msg.authority if r.rdtype == dns.rdatatype.NS]
    soa = _find_type(msg.authority, dns.rdatatype.SOA)
    # (AA is normally clear on a referral; a server that sets it anyway still refers us down.)
    if ns_sets and soa is None and not (q.aa and ns_sets[0].name.to_text().lower() == q.zone):
        ns = ns_sets[0]
        child = ns.name.to_text().lower()
        if not (is_strict_subdomain(child, q.zone) and is_subdomain(q.qname, child)):
            return c.says("upward-referral", M.t("reason.upward-referral", child=child, zone=q.zone,
                                                 qname=q.qname))
        c.referral = _referral(msg, ns, q.zone)
        n_used = len(c.referral["glue_used"])
        key = "reason.referral-1" if n_used == 1 else "reason.referral"
        return c.says("referral", M.t(key, child=child, ns=len(c.referral["ns"]), glue=n_used))
    if q.aa:
        c.soa = _soa(soa)
        return c.says("nodata", M.t("reason.nodata", qname=q.qname, qtype=q.qtype_text))
    return c.says("lame", M.t("reason.lame"))


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
                en, ko = M.both("reason.glue-not-ns", owner=owner, child=child)
            elif not is_subdomain(owner, zone):
                en, ko = M.both("reason.glue-out-of-bailiwick", owner=owner, zone=zone)
            else:
                used.append(item)
                continue
            ignored.append({**item, "reason": en, "reason_ko": ko})
    with_glue = {g["name"] for g in used}
    return {
        "zone": child,
        "ns": ns_names,
        "ns_ttl": int(ns_rrset.ttl),
        "glue_used": used,
        "glue_ignored": ignored,
        "glueless": [n for n in ns_names if n not in with_glue],
    }
