"""journey: the events collect() records and the Result analyze() returns.

Events hold raw evidence: what was typed, the files the system resolver reads (/etc/hosts,
/etc/nsswitch.conf, /etc/resolv.conf) as text, the stub resolver's queries and responses as DNS
wire bytes, the kernel's route and neighbour entries as `ip -j` printed them, every HTTP request
with httpcore's trace events, the captured frames of the visit (kernel timestamps), the socket
table after the close, and the Recordings of the probes the journey composes (nested whole).
Times ``t`` are seconds since the journey started, on the run's monotonic clock.

The Result (``--json``, top level):

- ``typed``, ``address`` (the address bar: ``url``, ``scheme``, ``scheme_guessed``, ``host``,
  ``host_unicode``, ``idn``, ``port``, ``port_default``, ``path``, ``error_kind``), ``final_url``
- ``steps``: the timeline, in order: ``index``, ``kind`` (address-bar, hosts-file, resolver,
  dns-walk, route, neighbour, tcp, tls, http, subresources, close), ``layer`` (application,
  transport, network, link), ``osi`` ("7", "5-6", "4", "3", "2"), ``protocol``, ``party``,
  ``address``, ``port``, ``host``, ``t_ms`` and ``duration_ms`` (since the journey started),
  ``label`` and ``detail`` (English; ``*_ko`` Korean), ``status`` (ok | info | warning | error |
  muted: netlab's own extra work, not a browser's), ``conn`` (connection number), ``step``
  (the nested probe step `netlab report --step` renders), ``wire_ms`` (the same exchange timed on
  the wire, from the capture)
- ``layers``: per layer ``layer``, ``osi``, ``ms`` (time covered by its steps, overlaps counted
  once), ``share`` (of the visit's time), ``steps``
- ``names`` (per host name: ``source`` hosts | resolver | walk | literal | cache, ``addresses``,
  ``address``, ``ttl``, ``aa``, ``rcode``, ``ms``, ``cname``), ``connections`` (``conn``,
  ``origin``, ``local``, ``remote``, ``http_version``, ``alpn``, ``tls_version``, ``cipher``,
  ``requests``, ``opened_ms``, ``closed_ms``, ``closed_by``, ``time_wait``), ``requests`` (``index``,
  ``url``, ``purpose``: document | redirect | subresource, ``status``, ``location``, ``conn``,
  ``new_connection``, ``http_version``, ``start_ms``, ``ttfb_ms``, ``end_ms``, ``bytes``,
  ``error_kind``), ``redirects`` (``from``, ``to``, ``status``)
- ``sequence``: ``participants`` and ``messages`` (``src``, ``dst``, ``label``, ``t_ms``), from the
  capture when there is one; ``dns_packets`` (DNS packets on the wire during the visit; null
  without a capture); ``capture`` (``ifname``, ``frames``, ``note``)
- ``inspections``: the nested probes (``step``, ``probe``, ``summary``, ``ms``), with their own
  findings prefixed; ``total_ms`` (typed -> last byte), ``page_ms`` (typed -> the document's
  last byte)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from netlab.model import Result, event
from netlab.probes.events import CaptureMissing, CaptureOpened

PROBE = "journey"

# -------------------------------------------------------------------------------- events


@event
class AddressTyped:
    """What was typed, and the mode the address bar completes it in."""

    t: float
    typed: str
    https_first: bool = False


@event
class SystemFileRead:
    """A file the system resolver reads: /etc/hosts, /etc/nsswitch.conf, /etc/resolv.conf."""

    t: float
    path: str
    text: str = ""  # at most MAX_FILE characters
    error: str | None = None
    cut: bool = False


@event
class NameLookupStarted:
    t: float
    host: str
    purpose: str = "lookup"  # lookup | prime (--warm: the earlier visit netlab makes first)


@event
class StubQuerySent:
    t: float
    query: int
    host: str
    qtype: str
    server: str
    port: int
    transport: str  # udp | tcp
    wire: bytes
    local_port: int | None = None
    purpose: str = "lookup"  # lookup | prime


@event
class StubResponseReceived:
    t: float
    query: int
    wire: bytes


@event
class StubQueryFailed:
    t: float
    query: int
    kind: str  # timeout | refused | error
    error: str = ""
    waited_s: float | None = None


@event
class NameLookupFinished:
    """Where the lookup ended and which address the visit will use (collect's decision; analyze
    recomputes the answer from the files and the wire bytes)."""

    t: float
    host: str
    source: str  # hosts | resolver | walk | literal | cache
    addresses: list[str] = field(default_factory=list)
    address: str | None = None
    error_kind: str | None = None  # nxdomain | nodata | servfail | timeout | no-resolver | refused | error
    purpose: str = "lookup"


@event
class RouteLooked:
    """`ip -j route get ADDRESS` and `ip -j neigh show` for the next hop, as printed."""

    t: float
    address: str
    route_json: str = ""
    neigh_json: str = ""
    error: str | None = None
    duration_s: float = 0.0  # of the two commands: netlab's own time, not the kernel's look-up


@event
class RequestTraced:
    """One HTTP request: what was sent, httpcore's trace ((name, t) pairs), what came back."""

    t: float
    index: int
    url: str
    purpose: str  # document | redirect | subresource (document: a navigation that may redirect)
    method: str = "GET"
    request_headers: list[tuple[str, str]] = field(default_factory=list)
    trace: list[tuple[str, float]] = field(default_factory=list)
    conn: int = -1  # connection number in this visit (-1: none was made)
    new_connection: bool = False
    local: str | None = None  # our address:port
    remote: str | None = None  # the server's address:port
    status: int | None = None
    reason: str | None = None
    http_version: str | None = None
    response_headers: list[tuple[str, str]] = field(default_factory=list)
    alpn: str | None = None
    tls_version: str | None = None
    cipher: str | None = None
    peer_subject: str | None = None
    peer_issuer: str | None = None
    peer_sans: list[str] = field(default_factory=list)
    body_bytes: int = 0
    body: bytes = b""  # the document's first bytes (to find its sub-resources)
    body_cut: str | None = None  # cap | deadline
    end_t: float | None = None
    error_kind: str | None = None  # refused | timeout | reset | certificate | tls | protocol | unreachable | other
    error_phase: str | None = None  # tcp | tls | http
    error: str | None = None
    verify_code: int | None = None


@event
class FetchStopped:
    """Why the visit went no further: done | loop | too-many | not-followed | error | deadline."""

    t: float
    reason: str
    detail: str = ""


@event
class ConnectionsClosed:
    """The client closed its connections (a browser closes idle ones later; netlab at the end)."""

    t: float  # when the client began to close
    conns: list[int] = field(default_factory=list)
    socket_table: str = ""  # `ss -tanH` lines for our local ports, right after the close
    end_t: float | None = None  # when every connection was closed on our side (before `ss`)


@event
class JourneyCaptureStarted(CaptureOpened):
    """The visit's sniffer (its offset places kernel stamps on the journey clock)."""


@event
class JourneyCaptureUnavailable(CaptureMissing):
    """No capture of the visit."""


@event
class FrameCaptured:
    t: float  # on the journey clock, from ts_ns
    ts_ns: int  # kernel timestamp, CLOCK_REALTIME
    data: bytes  # the frame, cut at KEEP_FRAME bytes (DNS frames whole)
    orig_len: int = 0


@event
class JourneyCaptureStopped:
    t: float
    frames: int  # seen by the filter
    kept: int  # ours, kept in the Recording
    drops: int = 0
    cut: int = 0  # ours, but over MAX_FRAMES
    pcap_path: str | None = None


@event
class StepRecorded:
    """A probe the journey composed: its whole Recording (JSON), nested."""

    t: float
    end_t: float
    step: str  # tcp | tls | dns:<name> | http
    probe: str
    recording: dict = field(default_factory=dict)
    error: str | None = None  # the probe could not run (an environment problem), in its words


# -------------------------------------------------------------------------------- result


@dataclass
class Step:
    index: int
    kind: str
    layer: str
    osi: str
    protocol: str
    party: str
    t_ms: float | None
    duration_ms: float | None
    label: str
    label_ko: str
    party_ko: str = ""
    detail: str = ""
    detail_ko: str = ""
    status: str = "ok"
    address: str | None = None
    port: int | None = None
    host: str | None = None
    conn: int | None = None
    step: str | None = None
    wire_ms: float | None = None


@dataclass
class JourneyResult(Result):
    probe: ClassVar[str] = PROBE
    typed: str = ""
    address: dict[str, Any] = field(default_factory=dict)
    final_url: str | None = None
    dns_mode: str = "as-is"
    protocol: str = "auto"
    browser_like: bool = False
    steps: list[Step] = field(default_factory=list)
    layers: list[dict[str, Any]] = field(default_factory=list)
    names: dict[str, dict[str, Any]] = field(default_factory=dict)
    connections: list[dict[str, Any]] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)
    redirects: list[dict[str, Any]] = field(default_factory=list)
    system: dict[str, Any] = field(default_factory=dict)  # nsswitch order, resolvers, hosts entries
    sequence: dict[str, Any] = field(default_factory=dict)
    dns_packets: int | None = None
    capture: dict[str, Any] = field(default_factory=dict)
    inspections: list[dict[str, Any]] = field(default_factory=list)
    stopped: str = ""
    stopped_detail: str = ""
    total_ms: float | None = None
    page_ms: float | None = None
    deadline_cut: str | None = None
