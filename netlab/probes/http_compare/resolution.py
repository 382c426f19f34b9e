"""The one name resolution of `netlab http-compare` (I/O): a --resolve pin, the sandbox's resolver, or the system's.

dnspython's message and query modules are imported inside the functions (never at `--help`).
The sentences recorded on failure are the catalogue's ``recorded.*`` templates, in English.
"""

from __future__ import annotations

import socket

from netlab.probes.context import RunContext
from netlab.probes.http_compare.messages import M
from netlab.probes.http_compare.model import NameResolved
from netlab.probes.http_compare.objects import alpn_of_https_rdata
from netlab.targets import is_ip


def _pick(addresses: list[str]) -> str | None:
    v4 = [a for a in addresses if ":" not in a]
    return (v4 or addresses or [None])[0]


def resolve(host: str, port: int, pins: dict, ctx: RunContext, now) -> NameResolved:
    t = now()
    if (host, port) in pins:
        addr = pins[(host, port)]
        return NameResolved(t=t, host=host, source="pinned", addresses=[addr], address=addr)
    if is_ip(host):
        return NameResolved(t=t, host=host, source="literal", addresses=[host], address=host)
    resolver = getattr(ctx.sandbox, "resolver", None) if ctx.sandbox else None
    if resolver:
        return _resolve_with(host, resolver, ctx, now)
    return _resolve_system(host, port, ctx, now)


def _ask(qname: str, rdtype: str, resolver: str, timeout: float):
    """One query over UDP, again over TCP when the answer was truncated."""
    import dns.flags
    import dns.message
    import dns.query

    q = dns.message.make_query(qname, rdtype)
    r = dns.query.udp(q, resolver, timeout=timeout)
    if r.flags & dns.flags.TC:
        r = dns.query.tcp(q, resolver, timeout=timeout)
    return r


def _collect_answer(r, addresses: list[str], cnames: list[str]) -> None:
    import dns.rdatatype

    for rrset in r.answer:
        for rd in rrset:
            if rd.rdtype == dns.rdatatype.CNAME:
                c = rd.target.to_text()
                if c not in cnames:
                    cnames.append(c)
            elif rd.rdtype in (dns.rdatatype.A, dns.rdatatype.AAAA):
                addresses.append(rd.address)


def _resolve_with(host: str, resolver: str, ctx: RunContext, now) -> NameResolved:
    import dns.exception
    import dns.rcode

    t = now()
    qname = host if host.endswith(".") else host + "."
    addresses: list[str] = []
    cnames: list[str] = []
    wire = b""
    error = None
    try:
        for rdtype in ("A", "AAAA"):
            r = _ask(qname, rdtype, resolver, ctx.timeout)
            if rdtype == "A":
                wire = r.to_wire()
            _collect_answer(r, addresses, cnames)
            if rdtype == "A" and dns.rcode.to_text(r.rcode()) != "NOERROR":
                error = M.text("recorded.rcode", "en", rcode=dns.rcode.to_text(r.rcode()), resolver=resolver)
                break
    except (dns.exception.DNSException, OSError) as e:
        error = M.text("recorded.no-answer", "en", resolver=resolver, reason=f"{type(e).__name__}: {e}")
    duration = now() - t
    https, alpn = ([], [])
    if not error:
        https, alpn = _https_record(qname, resolver, ctx)
    if not addresses and not error:
        error = M.text("recorded.no-address", "en", host=host)
    return NameResolved(
        t=t, host=host, source="resolver", addresses=addresses, address=_pick(addresses), resolver=resolver,
        duration_s=duration, cnames=cnames, https_records=https, https_alpn=alpn, error=error, wire=wire,
    )


def _https_record(qname: str, resolver: str | None, ctx: RunContext) -> tuple[list[str], list[str]]:
    """The HTTPS (SVCB) record, when present: its alpn list tells a browser h3 before any TCP."""
    import dns.exception
    import dns.message
    import dns.query
    import dns.rdatatype

    try:
        q = dns.message.make_query(qname, "HTTPS")
        if resolver is None:
            import dns.resolver

            ans = dns.resolver.Resolver().resolve(qname, "HTTPS", lifetime=ctx.timeout, raise_on_no_answer=False)
            rrsets = [ans.rrset] if ans.rrset is not None else []
        else:
            r = dns.query.udp(q, resolver, timeout=ctx.timeout)
            rrsets = [rr for rr in r.answer if rr.rdtype == dns.rdatatype.HTTPS]
    except (dns.exception.DNSException, OSError):
        return [], []
    texts, alpn = [], []
    for rrset in rrsets:
        for rd in rrset:
            texts.append(rd.to_text())
            for a in alpn_of_https_rdata(rd):
                if a not in alpn:
                    alpn.append(a)
    return texts, alpn


def _resolve_system(host: str, port: int, ctx: RunContext, now) -> NameResolved:
    t = now()
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        addresses = []
        for info in infos:
            a = info[4][0]
            if a not in addresses:
                addresses.append(a)
        error = None
    except socket.gaierror as e:
        addresses, error = [], M.text("recorded.cannot-resolve", "en", host=host, reason=str(e.strerror or e))
    duration = now() - t
    https, alpn = ([], []) if error else _https_record(host + ".", None, ctx)
    return NameResolved(t=t, host=host, source="system", addresses=addresses, address=_pick(addresses),
                        duration_s=duration, https_records=https, https_alpn=alpn, error=error)
