"""Events, parameters and the Result of `netlab http-compare`.

collect records what happened, in past tense, with raw evidence:

- ``NameResolved``: the one name resolution (or the ``--resolve`` pin), with the HTTPS record.
- ``RttSampled``: one bare TCP connect to the target, timed: the independent RTT measure.
- ``RequestTraced``: one HTTP request: its raw trace (httpx trace event names for h1/h2, our own
  ``quic.*``/``h3.*`` names for aioquic, each with a time in seconds since the probe started),
  status, negotiated protocol and what went wrong, if anything.
- ``ClientRunFinished``: one client run (one protocol mode, one repeat), with its CPU time.
- ``RedirectFollowed``: a redirect followed before measuring (``--follow``).
- ``LinkConfigured``: the link impairment set for the run (``--loss/--delay``, sandbox only).

Times ``t`` are seconds since the start of the probe, from the injected monotonic clock.

The Result's fields, as `--json` shows them at the top level (times in ms; a ``Stat`` is
``{"median", "low", "high", "n"}`` over the repeats):

- ``url``, ``host``, ``port``, ``address`` (the one address every protocol used), ``resolution``
  (``source``: resolver | system | pinned | literal, ``addresses``, ``cnames``, ``https_records``,
  ``https_alpn``, ``ms``, ``error``), ``redirects`` (followed with --follow: ``from``, ``to``, ``status``)
- ``rtt_ms``: Stat of bare TCP connects (the independent RTT); ``link``: configured delay/loss
- ``discovery``: ``alt_svc`` (header as received), ``alt_svc_h3``, ``https_alpn``, ``advertised_by``
- ``phases``: per mode (``h1``, ``h1-k``, ``h2``, ``h3``, ``h3-0rtt``): Stats ``tcp_connect``,
  ``tls_handshake``, ``quic_handshake`` (durations), ``request_sent``, ``first_byte``, ``last_byte``
  (since the connection started), ``rtts_to_first_byte`` and ``rtts_on_wire`` (counts),
  ``client_gap``, ``cpu_ms``; ``expected_rtts``, ``arithmetic``, ``http_version``, ``alpn``,
  ``tls_version``, ``session_resumed``, ``early_data_accepted``, ``runs``, ``failed_runs``
- ``waterfalls`` (with --requests > 1): per mode, the median run's ``bars`` (``index``, ``path``,
  ``conn``, ``start_ms``, ``first_byte_ms``, ``end_ms``, ``connect_ms``), ``connections``,
  ``total_ms``, ``completion`` (Stat of the objects' completion times after they were requested, all
  runs) and ``completion_p90``
- ``traces``: the trace events behind the phases (first complete run of each mode)
- ``qlog_files``, ``chart``: files written
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from netlab.model import Result, event

# Protocol modes, in the interleaved order a repeat runs them (their labels: messages.py, mode.*).
MODES = ("h1", "h1-k", "h2", "h3", "h3-0rtt")

# Trace names used for the h3 client (aioquic has no trace hook like httpx's: we time its events).
H3_CONNECT_STARTED = "quic.connect.started"
H3_HANDSHAKE_COMPLETE = "quic.handshake.complete"
H3_REQUEST_SENT = "h3.send_headers.complete"
H3_HEADERS_RECEIVED = "h3.headers_received"
H3_BODY_COMPLETE = "h3.body.complete"
REQUEST_ISSUED = "request.issued"  # the client was asked for this request (before any queueing)


@event
@dataclass(frozen=True)
class NameResolved:
    t: float
    host: str
    source: str  # "resolver" (the sandbox's / given), "system" (getaddrinfo), "pinned" (--resolve)
    addresses: list[str] = field(default_factory=list)
    address: str | None = None  # the one every protocol uses
    resolver: str | None = None
    duration_s: float | None = None
    cnames: list[str] = field(default_factory=list)  # CNAME chain, in order
    https_records: list[str] = field(default_factory=list)  # HTTPS RR in presentation format
    https_alpn: list[str] = field(default_factory=list)
    error: str | None = None
    wire: bytes = b""  # the A response as received (raw evidence), when a resolver was asked


@event
@dataclass(frozen=True)
class RttSampled:
    t: float
    run: int
    address: str
    port: int
    duration_s: float | None
    error: str | None = None


@event
@dataclass(frozen=True)
class RequestTraced:
    t: float
    run: int
    mode: str  # one of MODES
    index: int  # 0 = the document; 1.. = objects
    conn: int  # connection number within this client run (0, 1, ...)
    url: str
    trace: list[tuple[str, float]] = field(default_factory=list)  # (event name, t)
    status: int | None = None
    http_version: str | None = None  # "HTTP/1.1", "HTTP/2", "HTTP/3"
    alpn: str | None = None
    tls_version: str | None = None
    body_bytes: int = 0
    alt_svc: str | None = None
    location: str | None = None
    session_resumed: bool | None = None  # h3 only
    early_data_accepted: bool | None = None  # h3 only
    error_kind: str | None = None  # timeout | refused | certificate | tls | quic-closed | protocol | other
    error: str | None = None
    # the body was not read to its end: "cap" (more than MAX_BODY_BYTES) or "deadline" (--deadline)
    body_cut: str | None = None


@event
@dataclass(frozen=True)
class ClientRunFinished:
    t: float
    run: int
    mode: str
    cpu_s: float  # this client's own CPU time (process time around the run)
    wall_s: float
    batch_t: float | None = None  # when the objects (requests 1..N-1) were issued
    connections: int = 0
    qlog_file: str | None = None
    error_kind: str | None = None
    error: str | None = None


@event
@dataclass(frozen=True)
class RedirectFollowed:
    t: float
    from_url: str
    to_url: str
    status: int


@event
@dataclass(frozen=True)
class LinkConfigured:
    t: float
    delay_ms: float
    loss_pct: float
    how: str  # what was changed, in words
    error: str | None = None


# --------------------------------------------------------------------------------------------
# Result
# --------------------------------------------------------------------------------------------


@dataclass
class Stat:
    """Median and spread (min..max) of one quantity over the repeats, in milliseconds."""

    median: float | None = None
    low: float | None = None
    high: float | None = None
    n: int = 0


@dataclass
class ModePhases:
    mode: str
    label: str
    runs: int = 0
    failed_runs: int = 0
    tcp_connect: Stat = field(default_factory=Stat)  # duration
    tls_handshake: Stat = field(default_factory=Stat)  # duration
    quic_handshake: Stat = field(default_factory=Stat)  # duration (h3: from the first Initial)
    request_sent: Stat = field(default_factory=Stat)  # time since connection start
    first_byte: Stat = field(default_factory=Stat)
    last_byte: Stat = field(default_factory=Stat)
    rtts_to_first_byte: Stat = field(default_factory=Stat)  # first_byte / measured RTT (a count)
    # the client's own time between the set-up and sending the request (httpx/aioquic at work)
    client_gap: Stat = field(default_factory=Stat)
    rtts_on_wire: Stat = field(default_factory=Stat)  # (first_byte - client_gap) / RTT
    expected_rtts: int | None = None
    arithmetic: str = ""  # "TCP 1 + TLS 1 + HTTP 1 = 3"
    cpu_ms: Stat = field(default_factory=Stat)
    http_version: str | None = None
    alpn: str | None = None
    tls_version: str | None = None
    early_data_accepted: bool | None = None
    session_resumed: bool | None = None


@dataclass
class Bar:
    """One request in a waterfall (ms since the run's connection start)."""

    index: int
    path: str
    conn: int
    start_ms: float
    first_byte_ms: float | None
    end_ms: float | None
    status: int | None = None
    error: str | None = None
    connect_ms: float | None = None  # when this request paid for a new connection: its set-up time


@dataclass
class Waterfall:
    mode: str
    label: str
    run: int
    connections: int
    total_ms: float | None
    bars: list[Bar] = field(default_factory=list)
    completion: Stat = field(default_factory=Stat)  # objects: from batch start, all runs
    completion_p90: float | None = None


@dataclass
class HttpCompareResult(Result):
    probe: ClassVar[str] = "http-compare"
    url: str = ""
    host: str = ""
    port: int = 443
    address: str | None = None
    resolution: dict = field(default_factory=dict)
    rtt_ms: Stat = field(default_factory=Stat)
    repeat: int = 1
    requests: int = 1
    connections_h1: int = 6
    protocols: list[str] = field(default_factory=list)
    link: dict | None = None
    discovery: dict = field(default_factory=dict)
    phases: list[ModePhases] = field(default_factory=list)
    waterfalls: list[Waterfall] = field(default_factory=list)
    redirects: list[dict] = field(default_factory=list)
    qlog_files: list[str] = field(default_factory=list)
    chart: str | None = None
    # the raw evidence behind the phases: the first complete document request of each protocol,
    # its trace events in ms since that connection started ({"mode", "label", "run", "events"})
    traces: list[dict] = field(default_factory=list)
