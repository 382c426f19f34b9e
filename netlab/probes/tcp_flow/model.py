"""Events and the Result of `netlab tcp-flow`.

collect records, in the past tense, with raw evidence (``t``: seconds since the probe started, on
the injected monotonic clock; ``run``: which transfer of the run, 0, 1, ...):

- ``TargetResolved``: the host's addresses (getaddrinfo), the one used.
- ``LinkConfigured``: the sandbox link settings applied for one transfer (what was asked, what the
  link emulator says is in force), or why none could be.
- ``ServerAnswered``: the control exchange: our request, the server's reply (its clock, kernel,
  default congestion control, the data port), or what went wrong (refused, unreachable, timeout).
- ``DataConnected``: the data connection: addresses, the congestion control our socket uses, the
  handshake's outcome as TCP_INFO tells it (MSS, window scales, options), buffers.
- ``SideSampled``: one end's TCP_INFO rows (netlab.probes.tcp_flow.engine: ``fields`` name the
  columns after ``t`` and ``app_bytes``); the server's rows are put on our clock when both run on
  the same kernel (``clock = "same-kernel"``), else shifted by an estimate (``"estimated"``).
- ``SegmentsCaptured``: the data connection as captured on our interface: a pcap of the frames'
  headers (``pcap_zlib``: zlib-compressed), the kernel's realtime-minus-monotonic offset used to put
  the stamps on our clock, and a check of that offset at the end (a clock step shows there).
- ``DropsReported``: the deterministic drops the link emulator made (``fired``) and its counters.
- ``RunFinished``: one transfer's end, our CPU time during it.
- ``netlab.model.DeadlineReached``: the run's --deadline cut something (shared by every probe).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from netlab.model import Result, event


@event
class TargetResolved:
    t: float
    host: str
    port: int
    addresses: list[str] = field(default_factory=list)
    address: str | None = None
    error: str | None = None


@event
class LinkConfigured:
    t: float
    run: int
    link: str | None  # the host whose link carries the bottleneck ("source", "client")
    data_direction: str | None  # "up" or "down" on that link: the direction the data flows
    requested: dict[str, Any] = field(default_factory=dict)  # {"up": {...}, "down": {...}}
    effective: dict[str, Any] = field(default_factory=dict)  # per link pair, per direction
    scenario: dict[str, Any] = field(default_factory=dict)  # that link's scenario settings
    error: str | None = None


@event
class ServerAnswered:
    t: float
    run: int
    request: dict[str, Any] = field(default_factory=dict)
    reply: dict[str, Any] = field(default_factory=dict)
    connect_s: float | None = None
    error_kind: str | None = None  # refused | unreachable | timeout | reset | protocol | server
    error: str | None = None


@event
class DataConnected:
    t: float
    run: int
    local: str | None = None
    remote: str | None = None
    port: int | None = None
    connect_s: float | None = None
    cc: str | None = None  # our socket's congestion control
    handshake: dict[str, Any] = field(default_factory=dict)  # TCP_INFO right after connect()
    rcvbuf: int | None = None
    sndbuf: int | None = None
    error_kind: str | None = None
    error: str | None = None


@event
class SideSampled:
    t: float
    run: int
    end: str  # "client" | "server"
    role: str  # "sender" | "receiver"
    fields: list[str] = field(default_factory=list)
    rows: list[Any] = field(default_factory=list)  # "t,app_bytes,field,..." per sample; checked by analyze
    app_bytes: int = 0
    t_start: float | None = None
    t_end: float | None = None
    outcome: str = "ok"
    error: str | None = None
    cc: str | None = None
    sample_ms: float = 2.0
    decimated: int = 0
    pause: list[float] | None = None
    rcvbuf: int | None = None
    sndbuf: int | None = None
    clock: str = "same-kernel"  # same-kernel | estimated
    clock_offset_s: float = 0.0


@event
class SegmentsCaptured:
    t: float
    run: int
    interface: str
    local: str
    remote: str
    linktype: int = 1
    snaplen: int = 128
    pcap_zlib: bytes = b""  # a pcap file of the frames' headers, zlib-compressed (capture.pcap_of reads it)
    frames: int = 0
    kernel_drops: int = 0
    cut: bool = False
    realtime_offset_ns: int = 0  # CLOCK_REALTIME - CLOCK_MONOTONIC when the capture started
    clock_step_ms: float | None = None  # how much that offset moved during the capture


@event
class DropsReported:
    t: float
    run: int
    fired: list[dict] = field(default_factory=list)
    counters: dict[str, Any] = field(default_factory=dict)


@event
class RunFinished:
    t: float
    run: int
    cc: str | None
    outcome: str
    error: str | None = None
    cpu_s: float = 0.0
    wall_s: float = 0.0


# ---------------------------------------------------------------------- the Result


@dataclass
class Phase:
    kind: str  # slow-start | recovery | rto-recovery | congestion-avoidance | bbr-startup | bbr-drain |
    #            bbr-probe-bw | bbr-probe-rtt | zero-window | reader-pause
    start_ms: float
    end_ms: float
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass
class FlowEvent:
    kind: str  # first-loss | fast-retransmit | rto | spurious-retransmit | zero-window | window-probe |
    #            window-update | drop | tail-drop
    t_ms: float
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass
class RunResult:
    run: int
    cc: str | None  # the algorithm asked for (None: the sender's default)
    sender_cc: str | None = None  # what the sender's socket ran, as it reported
    sender: str = "server"  # which end sent: "server" (download) or "client" (upload)
    receiver_cc: str | None = None  # the receiving socket's algorithm (it only sends ACKs)
    outcome: str = "ok"
    error: str | None = None
    error_kind: str | None = None
    bytes: int = 0
    duration_ms: float | None = None
    goodput_mbit: float | None = None
    mss: int | None = None
    iw_segments: int | None = None
    base_rtt_ms: float | None = None
    rtt_max_ms: float | None = None
    queueing_delay_ms: float | None = None
    first_loss_ms: float | None = None
    ssthresh_first: int | None = None
    retransmits: int = 0
    bytes_retrans: int = 0
    rto_count: int = 0
    limits: dict[str, float] = field(default_factory=dict)  # ms: cwnd, rwnd, sndbuf, app
    phases: list[Phase] = field(default_factory=list)
    events: list[FlowEvent] = field(default_factory=list)
    series: dict[str, list] = field(default_factory=dict)  # for charts: t_ms and the columns
    seq: dict[str, list] = field(default_factory=dict)  # time-sequence points: data, acks, retrans
    capture: dict[str, Any] = field(default_factory=dict)  # what the capture shows (counts)
    drops: list[dict] = field(default_factory=list)  # the link emulator's deterministic drops
    link_drops: dict[str, int] = field(default_factory=dict)  # tail / random / rule drops on the link
    receiver: dict[str, Any] = field(default_factory=dict)
    handshake: dict[str, Any] = field(default_factory=dict)
    cpu_s: float = 0.0
    samples: int = 0
    sample_ms: float | None = None
    samples_per_rtt: float | None = None
    sample_gap_ms: float | None = None  # the longest wait between two samples (a busy machine stalls them)
    clock: str = "same-kernel"


@dataclass
class TcpFlowResult(Result):
    probe: ClassVar[str] = "tcp-flow"
    host: str = ""
    port: int = 0
    address: str | None = None
    direction: str = "download"
    sandbox: str | None = None
    link: dict[str, Any] = field(default_factory=dict)  # the bottleneck as configured, for the report
    server: dict[str, Any] = field(default_factory=dict)  # kernel, default cc, clock
    runs: list[RunResult] = field(default_factory=list)
    comparison: list[dict[str, Any]] = field(default_factory=list)  # per algorithm (--cc all / --repeat)
    cut: list[str] = field(default_factory=list)
    chart: str | None = None
    pcap: str | None = None
