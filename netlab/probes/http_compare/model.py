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
- ``ServerCongestionControl`` / ``...Restored``: the web host's TCP congestion control, read from its
  namespace (or set for the run with ``--server-cc``, then put back).
- ``HolObjectChosen``, ``DropArmed``, ``DropDisarmed``, ``QuicPacketsReceived`` (``--hol``): the
  object of the K streams, the drop rule and the relay's record of the packet it dropped, aioquic's
  log of the packets received (STREAM frame offsets); the K requests carry ``data``, their arrivals.

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
- ``congestion``: ``tcp_server``, ``quic_server``, ``tcp_client``, ``quic_client``, each
  ``{"algorithm", "family" (loss | model), "how", ...}`` (cc.py)
- ``hol`` (with --hol): ``streams`` (K), ``object``, ``after_bytes``, ``runs`` (per protocol and run:
  ``drop``, ``loss_ms`` on the wire, ``stall_ms``/``fill_ms``/``retransmit_ms`` as the client saw
  them, ``streams`` with ``first_byte_ms``, ``last_byte_ms``, ``wait_ms``, ``waited``, ``hit``...),
  ``summary`` (per protocol, Stats over the runs)
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
class RttSampled:
    t: float
    run: int
    address: str
    port: int
    duration_s: float | None
    error: str | None = None


@event
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
    server: str | None = None  # the Server response header (names the implementation: "Caddy")
    # --hol: "warm-up" (the object once, before the drop is armed) or "hol" (one of the K streams)
    role: str | None = None
    stream_id: int | None = None  # the HTTP/2 or QUIC stream that carried it
    # --hol: the body as the application received it: (t, bytes) per chunk (httpx) or per
    # DataReceived (aioquic), capped at MAX_DATA_SAMPLES (data_cut says so)
    data: list[tuple[float, int]] = field(default_factory=list)
    data_cut: bool = False


@event
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
    # the client's own congestion control: the kernel's for h1/h2 (TCP_CONGESTION of its socket),
    # aioquic's configured algorithm for h3 (it only paces the client's requests: the server's
    # sender decides how fast a download comes)
    client_cc: str | None = None
    # h2 under --hol: a few fields of the client socket's TCP_INFO after the run (rcv_ooopack:
    # segments that arrived out of order and waited in the kernel for a gap to be filled)
    tcp_info: dict | None = None
    # h3: the QUIC socket's receive buffer (bytes, as the kernel reports it) and the datagrams the
    # client's own kernel dropped during the run for a full buffer (RcvbufErrors of its namespace)
    udp: dict | None = None


@event
class ServerCongestionControl:
    """The server host's default TCP congestion control (sandbox: read from its network namespace)."""

    t: float
    host: str
    algorithm: str | None
    source: str  # "namespace" (read at run time) | "scenario" (info.json) | "set" (--server-cc)
    previous: str | None = None  # --server-cc: what it was before this run (put back after)
    error: str | None = None


@event
class ServerCongestionControlRestored:
    t: float
    host: str
    algorithm: str | None
    error: str | None = None


@event
class HolObjectChosen:
    """--hol: the object each of the K streams fetches, and how it was chosen."""

    t: float
    path: str
    how: str  # "given" (--hol-object) | "manifest" (the largest object the site lists) | "document"
    size: int | None = None  # bytes, when the site's manifest says


@event
class DropArmed:
    """--hol: the link emulator was told to drop one packet towards the client (netlab.sandbox.linkemu)."""

    t: float
    run: int
    mode: str
    host: str  # the link's host (the client)
    direction: str  # "down": towards the client
    rule: dict  # {"after_bytes": N, "protocol": "tcp"|"udp", "port": P}
    effective: dict = field(default_factory=dict)  # {link: {"up": {...}, "down": {...}}} from the ack
    counters: dict = field(default_factory=dict)  # the client links' counters when armed
    error: str | None = None


@event
class DropDisarmed:
    """--hol: the rule taken off again, with what fired (the relay's own record, once per rule)."""

    t: float
    run: int
    mode: str
    fired: list[dict] = field(default_factory=list)  # the relay's entries (its "t": CLOCK_MONOTONIC s)
    counters: dict = field(default_factory=dict)  # the client links' counters when disarmed
    # CLOCK_MONOTONIC at the probe's t = 0: a relay time minus this is a probe time (both processes
    # read the same kernel clock; the relay's come from packet stamps, checked in analysis)
    mono_offset_s: float | None = None
    error: str | None = None


@event
class QuicPacketsReceived:
    """--hol, h3: the 1-RTT packets the client received during the K streams, from aioquic's logger
    (qlog ``transport:packet_received``), stamped with the probe's clock: (t, packet number,
    [[stream id, offset, length], ...]) of the K streams' STREAM frames."""

    t: float
    run: int
    mode: str
    packets: list[list] = field(default_factory=list)
    cut: bool = False


@event
class RedirectFollowed:
    t: float
    from_url: str
    to_url: str
    status: int


@event
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
class HolStream:
    """One of the K streams of a --hol run (ms since the K requests left)."""

    index: int
    stream_id: int | None
    bytes: int
    first_byte_ms: float | None
    last_byte_ms: float | None
    done_before_loss: bool = False  # its last byte came before the stall began
    resume_ms: float | None = None  # its first bytes after the stall began
    wait_ms: float | None = None  # resume - stall start: how long it got nothing
    waited: bool = False  # it waited for the retransmission
    bytes_during_stall: int = 0  # bytes it got between the loss and the retransmission
    finished_during_stall: bool = False  # its last byte came before the retransmission did
    hit: bool | None = None  # its own bytes were in the lost packet (h3: from the qlog)
    error: str | None = None


@dataclass
class HolRun:
    """One protocol's --hol run: the drop, the retransmission, each stream."""

    mode: str
    label: str
    run: int
    fired: bool = False
    drop: dict = field(default_factory=dict)  # what the relay dropped: seq, payload_len, payload_bytes_before...
    loss_ms: float | None = None  # on the wire: when the lost packet would have reached the client (relay)
    # as the client saw it: the stall began (the last delivery before the pause, or for HTTP/3 the
    # first packet past the hole in aioquic's log) and ended when the retransmission was delivered
    stall_ms: float | None = None
    fill_ms: float | None = None
    # "qlog" (HTTP/3: the packets aioquic logged) | "connection" (no stream got anything: the
    # connection's delivery gap) | "stream" (one stream's delivery gap)
    fill_how: str | None = None
    retransmit_ms: float | None = None  # fill - stall: how long the streams that waited waited
    lag_ms: float | None = None  # stall - loss: how far the client's processing was behind the wire
    streams: list[HolStream] = field(default_factory=list)
    incomplete: int = 0  # streams that still had bytes to come at the loss
    waited: int = 0  # ... of which waited for the retransmission
    finished_during_stall: int = 0
    total_ms: float | None = None  # the last byte of the K streams
    other_drops: int = 0  # packets the link lost otherwise during the K streams
    evidence: dict = field(default_factory=dict)  # {"qlog": {...}, "tcp_ooo": N}
    error: str | None = None


@dataclass
class HolResult:
    streams: int = 0  # K
    object: str = ""
    object_how: str = ""
    object_bytes: int | None = None
    after_bytes: int | None = None
    runs: list[HolRun] = field(default_factory=list)
    # per mode: {"label", "runs", "fired", "waited" (Stat of counts), "retransmit" (Stat, ms),
    # "other_wait" (Stat, ms: the streams that did not wait), "total" (Stat, ms)}
    summary: dict = field(default_factory=dict)
    representative: int | None = None  # the run the chart shows


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
    # who decides the sending rate on each side (see cc.py): {"tcp_server", "quic_server",
    # "tcp_client", "quic_client"}, each {"algorithm", "family" (loss | model | None), "how", ...}
    congestion: dict = field(default_factory=dict)
    hol: HolResult | None = None
