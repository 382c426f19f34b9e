"""tcp-handshake: the events collect() records and the Result analyze() produces.

Events are past-tense frozen dataclasses; ``t`` is seconds on the probe's monotonic clock
(``ctx.clock``) since the probe started.  Captured frames also keep the kernel's own timestamp
(``ts_ns``, CLOCK_REALTIME ns): the gaps between packets are computed from those, never from when
Python happened to read the frame; their ORDER is the capture order (the order the kernel queued
them), never the stamps, which are wall-clock and can step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from netlab.model import Result, event
from netlab.probes.events import AddressChosen, CaptureOpened, NameNotResolved, TcpInfoTaken

PROBE = "tcp-handshake"


# ------------------------------------------------------------------------------------ events


@event
class TargetResolved(AddressChosen):
    family: int  # 4 | 6
    addresses: tuple[str, ...] = ()  # every address the name had, in the resolver's order


@event
class NameResolutionFailed(NameNotResolved):
    """The target's name did not resolve."""


@event
class CaptureStarted(CaptureOpened):
    """The sniffer on our 4-tuple, open before connect()."""


@event
class CaptureUnavailable:
    t: float
    reason: str  # one line: what capture needs
    code: str = ""  # privilege | no-route | "" (other: the reason is all there is)


@event
class NeighbourWarmed:
    """An ICMP echo sent before the connection so ARP/ND (ours and the routers') is done."""

    t: float
    ok: bool
    rtt_ms: float | None = None
    error: str | None = None


@event
class ConnectStarted:
    t: float
    local_address: str
    local_port: int
    remote_address: str
    remote_port: int


@event
class Connected:
    t: float


@event
class ConnectFailed:
    t: float
    errno: int
    name: str  # ECONNREFUSED, ETIMEDOUT, EHOSTUNREACH...
    message: str
    timeout_s: float | None = None  # set when it was our own --timeout, not the kernel's


@event
class DataSent:
    t: float
    data: bytes


@event
class DataReceived:
    t: float
    data: bytes


@event
class PeerClosed:
    """recv() returned end of file: the peer's FIN arrived."""

    t: float


# What a reply may cost, whatever the server sends: bytes kept as evidence in the Recording, and
# bytes read at all before netlab stops reading (a body that never ends).
KEEP_REPLY_BYTES = 1 << 20
MAX_REPLY_BYTES = 16 << 20
KEEP_FRAME_BYTES = 4 << 20  # captured frames kept in the Recording (the --pcap file has them all)


@event
class ReplyCut:
    """The peer sent more than netlab keeps or reads: what was kept and what was counted."""

    t: float
    kept: int  # bytes kept as DataReceived evidence
    total: int  # bytes read from the peer
    why: str  # cap


@event
class ReadStopped:
    t: float
    reason: str  # idle | timeout | complete | reset | cap


@event
class CloseStarted:
    t: float
    side: str  # client (we call shutdown/close first) | server (we wait for the peer's FIN)
    how: str  # shutdown | close | wait


@event
class SocketClosed:
    t: float


@event
class SocketStateObserved:
    """One line of the kernel's socket table for our 4-tuple (``ss -tanoH``), or none."""

    t: float
    source: str  # "ss"
    moment: str  # after-connect | after-shutdown | after-peer-fin | after-close | ...
    state: str | None  # ESTAB, FIN-WAIT-2, TIME-WAIT, CLOSE-WAIT, LAST-ACK... ; None: not in the table
    timer: str | None = None  # e.g. "timewait,59sec,0"
    raw: str = ""


@event
class TcpInfoRead(TcpInfoTaken):
    """Our socket at ``moment`` (the same moments as SocketStateObserved)."""


@event
class SegmentCaptured:
    t: float  # probe clock (from ts_ns)
    ts_ns: int  # kernel receive timestamp, CLOCK_REALTIME ns
    data: bytes  # the whole frame, link header included (see CaptureStarted.linktype)
    pkttype: int = 0
    orig_len: int | None = None


@event
class CaptureStopped:
    t: float
    frames: int
    kernel_drops: int = 0
    pcap_path: str | None = None
    # CLOCK_REALTIME - probe clock, taken again when the capture stopped: if it differs from
    # CaptureStarted's, the wall clock was stepped during the capture (the stamps are wall-clock)
    realtime_offset_ns: int | None = None
    frames_left_out: int = 0  # frames in the middle not kept in the Recording (KEEP_FRAME_BYTES)


# ------------------------------------------------------------------------------------ result


@dataclass
class TcpOption:
    kind: int
    name: str  # MSS, SACK_PERM, TS, WS, NOP, SACK, EOL, ...
    value: str  # "1460", "tsval=... tsecr=...", "7 (x128)"
    meaning: str = ""
    meaning_ko: str = ""


@dataclass
class Packet:
    index: int  # 1-based, as tshark numbers frames
    t_ms: float  # since the first SYN (kernel timestamps)
    direction: str  # "c>s" | "s>c" | "icmp"
    flags: str  # "SYN", "SYN,ACK", "ACK", "PSH,ACK", "FIN,ACK", "RST,ACK"
    seq: int = 0
    ack: int = 0
    rel_seq: int | None = None
    rel_ack: int | None = None
    window_raw: int = 0
    window: int = 0  # with the scale applied
    scale: int | None = None  # the shift applied (None: not scaled, e.g. SYN)
    payload_len: int = 0
    options: list[TcpOption] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # retransmission, out-of-order, dup-ack...
    notes_ko: list[str] = field(default_factory=list)  # the same notes in Korean
    kinds: list[str] = field(default_factory=list)  # the notes' catalogue keys (what code decides on)
    summary: str = ""  # for ICMP: what it says
    summary_ko: str = ""
    src: str | None = None  # for ICMP: who sent it (a router, or the host itself)


@dataclass
class StateChange:
    side: str  # client | server
    state: str  # SYN_SENT, ESTABLISHED...
    t_ms: float | None  # as seen at the client's capture point
    why: str  # the packet or event that caused it
    why_ko: str = ""
    observed: bool = False  # confirmed in the kernel's socket table / TCP_INFO (client side)
    packet: int | None = None  # index of the packet that caused it


@dataclass
class TcpHandshakeResult(Result):
    """What `netlab tcp-handshake --json` prints at the top level (beside the envelope).

    - ``outcome``: connected | refused (RST) | timeout (no answer) | unreachable (ICMP / no route)
      | no-such-name | error; ``unreachable`` is true for timeout, unreachable and no-such-name
      (exit 3), false for refused (the host answered).
    - ``packets``: every captured segment in capture order: ``index`` (as tshark numbers
      frames), ``t_ms`` since the first SYN, ``direction`` (c>s, s>c, icmp), ``flags`` ("SYN,ACK"),
      ``seq``/``ack`` absolute and ``rel_seq``/``rel_ack`` relative to each side's ISN (``rel_ack``
      null without the ACK flag), ``window_raw`` and ``window`` (scaled once both SYNs carried WS;
      ``scale`` is the shift applied), ``payload_len``, ``options`` (kind, name, value, meaning) and
      ``notes`` (retransmission, out-of-order, duplicate ACK #n, window update, previous segment
      not captured); ``notes_ko`` the same in Korean.
    - ``client_isn``, ``server_isn``; ``handshake_rtt_ms`` (SYN -> SYN,ACK at the capture point,
      from the SYN that was answered); ``first_data_ms``; ``connect_ms`` (connect() in user space);
      ``warm_rtt_ms`` (the ICMP echo before); ``syn_times_ms`` (every SYN sent).
    - ``options``: negotiated MSS, window scales, SACK and timestamps of both sides.
    - ``states``: state changes of both sides (side, state, t_ms, why and why_ko, observed = confirmed
      by the kernel's socket table or TCP_INFO); server times are estimated at ±RTT/2.
    - Every text meant for people comes in English and Korean (``x`` and ``x_ko``: ``error``,
      ``capture_note``, a packet's ``notes`` and ``summary``, an option's ``meaning``), both from
      the probe's message catalogue (messages.py).
    - ``socket_table``: what ``ss`` showed for our 4-tuple at each moment (state, timer).
    - ``tcp_info``: the kernel's TCP_INFO for our socket (rtt_ms, rttvar_ms, snd_cwnd, snd_mss, ...).
    - ``close_initiator`` (client | server | both) and ``time_wait_side``; ``retransmissions``,
      ``out_of_order``; ``sent_bytes``, ``received_bytes``, ``reply_preview``; ``pcap_path``.
    """

    probe: ClassVar[str] = PROBE
    host: str = ""
    port: int = 0
    address: str | None = None
    family: int | None = None
    local_address: str | None = None
    local_port: int | None = None
    outcome: str = "unknown"  # connected | refused | timeout | unreachable | no-such-name | error
    error: str | None = None
    error_ko: str | None = None
    captured: bool = False
    # the kernel stamps went backwards in capture order: [{"packet": N, "back_ms": X}]; times after
    # such a packet are estimates (packets stay in capture order, never re-sorted by stamp)
    clock_steps: list[dict] = field(default_factory=list)
    clock_drift_ms: float | None = None  # wall-clock change over the capture (offset re-taken at the end)
    capture_note: str | None = None
    capture_note_ko: str | None = None
    ifname: str | None = None
    packets: list[Packet] = field(default_factory=list)
    client_isn: int | None = None
    server_isn: int | None = None
    handshake_rtt_ms: float | None = None  # SYN -> SYN-ACK at the capture point
    connect_ms: float | None = None  # connect() call -> return (user space)
    first_data_ms: float | None = None  # first client data segment, since the SYN
    warm_rtt_ms: float | None = None  # ICMP echo before the connection
    options: dict[str, Any] = field(default_factory=dict)  # negotiated: mss, wscale, sack, ts
    states: list[StateChange] = field(default_factory=list)
    socket_table: list[dict[str, Any]] = field(default_factory=list)
    tcp_info: dict[str, Any] = field(default_factory=dict)  # the last TCP_INFO read, decoded
    syn_times_ms: list[float] = field(default_factory=list)  # each SYN sent (retransmissions)
    close_initiator: str | None = None  # client | server | both | None
    time_wait_side: str | None = None
    sent_bytes: int = 0
    received_bytes: int = 0
    reply_preview: str | None = None
    reply_cut: dict | None = None  # {"kept", "total", "why"}: netlab stopped reading a reply that did not end
    retransmissions: int = 0
    out_of_order: int = 0
    duration_ms: float | None = None  # first SYN -> last packet
    pcap_path: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
