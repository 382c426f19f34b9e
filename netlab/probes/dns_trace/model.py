"""dns-trace: the events collect() records and the Result analyze() returns.

Events hold raw evidence only (the query and response wire bytes, timeouts, socket errors) plus
the structure the tracer chose (which walk a query belongs to, which zone cut it asked about).
Everything a student reads (referral, glue used or ignored, answer, lame...) is recomputed from
the bytes by analyze.py.

Times ``t`` are seconds from the injected monotonic clock; analyze turns them into milliseconds
since the first event.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from netlab.model import Result, event

# --------------------------------------------------------------------------------------------
# Events (past tense, frozen, raw evidence)
# --------------------------------------------------------------------------------------------


@event
class WalkStarted:
    """The tracer began a walk down the tree for (qname, qtype).

    purpose: main | cname (restart for a CNAME target) | ns-address (glueless name server's
    address, a nested sub-trace) | resolver (the --compare-resolver queries).
    """

    t: float
    walk: int
    purpose: str
    qname: str
    qtype: str
    start_zone: str  # the zone cut the walk starts at ("." or a cut learnt earlier)
    parent: int | None = None  # the walk that needed this one
    via_query: int | None = None  # the query whose response led here (the CNAME, the referral)
    for_zone: str | None = None  # ns-address: the glueless zone whose server this resolves


@event
class QuerySent:
    t: float
    query: int
    walk: int
    zone: str  # the zone cut the server is expected to serve ("." for a root)
    server: str  # name server's name (or its address when only that is known)
    address: str
    port: int
    transport: str  # udp | tcp
    wire: bytes
    retry_of: int | None = None  # a TCP retry after a truncated UDP answer
    extra: bool = False  # asked only for --all-servers (does not steer the trace)


@event
class ResponseReceived:
    t: float
    query: int
    wire: bytes


@event
class QueryTimedOut:
    t: float
    query: int
    waited_s: float


@event
class TransportFailed:
    t: float
    query: int
    error: str  # in words, e.g. "connection refused (RST): nothing listens on TCP port 53"
    kind: str = ""  # the error's id in the catalogue (messages.py "transport.<kind>"); "" = the system's words


@event
class WalkFinished:
    t: float
    walk: int
    stopped: str = ""  # the tracer's own reason when it gave up (analyze recomputes its verdict)


# --------------------------------------------------------------------------------------------
# Result
# --------------------------------------------------------------------------------------------


@dataclass
class Hop:
    """One query and what came back, as recomputed from the wire bytes."""

    query: int
    walk: int
    depth: int  # nesting: 0 main trace, 1 a sub-trace inside it, ...
    zone: str
    server: str
    address: str
    transport: str
    t_ms: float
    rtt_ms: float | None
    rcode: str | None
    flags: list[str]
    outcome: str  # referral | answer | cname | nxdomain | nodata | lame | refused | servfail |
    #               error | truncated | timeout | transport-error | malformed | mismatch
    reason: str = ""  # one line: why this attempt failed, or what the answer was
    reason_ko: str = ""  # the same in Korean
    edns_size: int | None = None
    size: int | None = None  # response length in octets
    attempt: int = 1  # 2 for the TCP retry after TC=1
    retry_of: int | None = None
    extra: bool = False  # --all-servers
    used: bool = True  # the trace continued from this hop
    referral: dict[str, Any] | None = None  # {zone, ns, ns_ttl, glue_used, glue_ignored, glueless}
    records: list[dict[str, Any]] = field(default_factory=list)  # answer records (name,type,ttl,data)
    soa: dict[str, Any] | None = None  # NXDOMAIN/NODATA: {name, mname, rname, serial, minimum, ttl, negative_ttl}
    cname_target: str | None = None
    sections: dict[str, list[str]] = field(default_factory=dict)  # verbose: text of each section
    ignored: list[dict[str, Any]] = field(default_factory=list)  # answer records not used, with reason(_ko)


@dataclass
class Walk:
    walk: int
    purpose: str
    qname: str
    qtype: str
    start_zone: str
    depth: int
    parent: int | None
    via_query: int | None
    for_zone: str | None
    t_start_ms: float
    t_end_ms: float | None
    outcome: str  # answer | cname | nxdomain | nodata | unreachable | loop | budget | incomplete
    detail: str = ""
    records: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class DnsTraceResult(Result):
    probe: ClassVar[str] = "dns-trace"

    qname: str = ""
    qname_unicode: str = ""
    qtype: str = "A"
    mode: str = ""  # sandbox | live | roots (from --root)
    roots: list[dict[str, Any]] = field(default_factory=list)
    seed: int | None = None
    transport: str = "udp"  # udp (TCP after truncation) | tcp (--tcp)
    family: str = "any"  # any (IPv4 first, IPv6 for servers without IPv4) | 4 | 6
    outcome: str = ""  # answer | nxdomain | nodata | cname (not followed) | unreachable | loop | budget
    answer: list[dict[str, Any]] = field(default_factory=list)  # name, type, ttl, data
    cname_chain: list[str] = field(default_factory=list)  # qname, target, target's target...
    negative: dict[str, Any] | None = None  # NXDOMAIN/NODATA: the SOA and the negative TTL
    hops: list[Hop] = field(default_factory=list)
    walks: list[Walk] = field(default_factory=list)
    all_servers: list[dict[str, Any]] = field(default_factory=list)  # --all-servers: per zone RTTs
    resolver: list[dict[str, Any]] = field(default_factory=list)  # --compare-resolver: cold, cached
    resolver_address: str | None = None
    queries: int = 0
    budget: int = 0
    total_ms: float = 0.0
