"""path: the events collect() records and the Result analyze() produces.

Events are past-tense frozen dataclasses; ``t`` is seconds on the probe's monotonic clock since the
probe started.  Captured frames also keep the kernel's timestamp (``ts_ns``, CLOCK_REALTIME ns):
frame timings come from those.  A probe's round trip is the kernel's receive stamp of the answer
(``kernel_ns``) minus the wall clock read just before the send (``wall_ns``), when the two agree
with the monotonic clock (the wall clock can step), else the monotonic ``t`` difference: reading
the answer can come a millisecond after it arrived while other probes are being sent.

Every probe is a socket of its own (UDP, an ICMP "ping" socket, or a TCP connect) with IP_RECVERR:
the kernel matches each ICMP error to the socket whose packet it quotes and queues it there, with
the address of the router that sent it.  No raw socket is needed for the probes; only the captures
(AF_PACKET) and the ARP / neighbour-discovery exchange need CAP_NET_RAW.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from netlab.model import Result, event
from netlab.probes.events import NameNotResolved, TcpInfoTaken

PROBE = "path"


# ------------------------------------------------------------------------------------ events


@event
class TargetResolved:
    t: float
    host: str
    address: str
    family: int  # 4 | 6
    addresses: tuple[str, ...] = ()


@event
class NameResolutionFailed(NameNotResolved):
    """The target's name did not resolve."""


@event
class TableRead:
    """A table of the kernel's, as a program printed it: the routing table (``ip -j route show``),
    the kernel's own choice for our target (``ip -j route get``), the neighbour table (``ip -j
    neigh show``), an interface (``ip -j link show``); or /proc/net/route when ``ip`` is missing."""

    t: float
    what: str  # routes | route-get | neighbours | link | proc-route
    point: str  # client | destination (the host of the second capture point)
    text: str  # the program's output, as it printed it (JSON for ip -j)
    argv: tuple[str, ...] = ()
    error: str | None = None


@event
class HostsNamed:
    """Inside the sandbox: which sandbox host has each address (for labels only)."""

    t: float
    names: dict[str, str]  # address -> "isp-edge (router)"


@event
class CaptureStarted:
    t: float
    point: str  # client | destination
    host: str | None  # the sandbox host of a destination point
    ifname: str
    linktype: int
    bpf: str
    realtime_offset_ns: int  # CLOCK_REALTIME - probe clock


@event
class CaptureUnavailable:
    t: float
    point: str
    reason: str
    code: str = ""  # privilege | live | no-host | "" (other)


@event
class FrameCaptured:
    t: float
    point: str
    ts_ns: int
    data: bytes  # the frame's first bytes (SNAPLEN), link header included
    pkttype: int = 0  # PACKET_HOST 0, PACKET_OUTGOING 4...
    orig_len: int | None = None  # the frame's length when it was cut


@event
class CaptureStopped:
    t: float
    point: str
    frames: int
    kernel_drops: int = 0
    cut: int = 0  # frames beyond our cap, not kept


@event
class NeighbourAsked:
    """We sent an ARP request (IPv4) or a neighbour solicitation (IPv6) for ``target`` ourselves."""

    t: float
    kind: str  # arp | nd
    target: str
    ifname: str
    frame: bytes


@event
class NeighbourAnswered:
    t: float
    kind: str
    target: str
    frame: bytes  # the reply as captured


@event
class NeighbourSilent:
    t: float
    kind: str
    target: str
    waited_s: float
    reason: str = ""


@event
class ProbeSent:
    """One probe: a UDP datagram, an ICMP echo request or a TCP SYN (connect), with this TTL."""

    t: float
    probe: int  # our number for it, from 1
    phase: str  # trace | size | size-ttl | tcp
    protocol: str  # udp | icmp | tcp
    ttl: int
    size: int  # the IP packet's length in bytes
    local_port: int | None = None
    port: int | None = None  # destination port (UDP, TCP)
    df: bool = False  # "don't fragment" asked (IP_PMTUDISC_PROBE)
    wall_ns: int | None = None  # CLOCK_REALTIME just before the send: pairs with ProbeAnswered.kernel_ns


@event
class ProbeAnswered:
    """What came back for one probe.  ``kind``: icmp (an ICMP error, from ``source``: time exceeded,
    unreachable, frag-needed / packet-too-big), echo-reply, syn-ack, rst."""

    t: float
    probe: int
    kind: str
    source: str | None = None
    icmp_type: int | None = None
    icmp_code: int | None = None
    icmp_version: int | None = None  # 4 | 6
    errno: int | None = None
    mtu: int | None = None  # the next-hop MTU a frag-needed / packet-too-big carries
    raw: bytes = b""  # struct sock_extended_err and the offender's sockaddr, as the kernel gave them
    kernel_ns: int | None = None  # when the kernel received the answer (SO_TIMESTAMPNS, CLOCK_REALTIME)


@event
class ProbeSilent:
    t: float
    probe: int
    waited_s: float
    rule: str = "timeout"  # timeout | near (later hops answered: we waited NEAR x their RTT) | here


@event
class ProbeFailed:
    """The probe could not leave this machine (no route here, EMSGSIZE, ...)."""

    t: float
    probe: int
    errno: int
    name: str
    message: str


@event
class RouteCacheFlushed:
    """Inside the sandbox only: the client's learnt path MTUs forgotten, so the run starts afresh."""

    t: float
    ok: bool
    error: str | None = None


@event
class UploadStarted:
    t: float
    address: str
    port: int
    bytes: int


@event
class UploadConnectFailed:
    t: float
    errno: int
    name: str
    message: str


@event
class TcpInfoRead(TcpInfoTaken):
    """The upload's socket: ``moment`` is connected | progress | end."""


@event
class UploadEnded:
    t: float
    outcome: str  # acked | stalled | reset | error
    error: str | None = None
    waited_s: float = 0.0


@event
class RunCut:
    """The run's --deadline stopped something."""

    t: float
    what: str  # trace | size | upload


# ------------------------------------------------------------------------------------ result


@dataclass
class Reply:
    """What one probe of a hop got: who answered, after how long, and what they said."""

    probe: int
    rtt_ms: float | None
    source: str | None = None
    kind: str = "silent"  # time-exceeded | unreachable | frag-needed | reached | silent | error
    code: str = ""  # traceroute's marks: !N !H !P !X !F...
    text: str = ""  # what the answer says, for people (English)
    text_ko: str = ""
    what: str = ""  # for a destination's answer: port-unreachable | dest-unreachable | echo-reply | syn-ack | rst


@dataclass
class Hop:
    ttl: int
    replies: list[Reply] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)  # who answered, in order
    names: dict[str, str] = field(default_factory=dict)  # address -> sandbox host label
    status: str = "silent"  # router | silent | destination | unreachable | mixed
    mtu_hint: int | None = None  # a silent router's frag-needed said its address (and MTU)
    mtu_hint_source: str | None = None
    answered_ttl: int | None = None  # the replies shown came from probes sent with this (higher) TTL


@dataclass
class RouteRow:
    dst: str  # "default" or a prefix
    prefixlen: int
    via: str | None = None  # the gateway (None: a connected network)
    dev: str | None = None
    metric: int | None = None
    matches: bool = False
    chosen: bool = False
    local: bool = False  # from the local table: an address of this host (consulted before main)


@dataclass
class FirstHop:
    family: int
    ifname: str | None = None
    local_address: str | None = None
    local_mac: str | None = None
    local_mtu: int | None = None
    routes: list[RouteRow] = field(default_factory=list)
    chosen: RouteRow | None = None
    next_hop: str | None = None  # the gateway, or the target itself when it is on a connected network
    on_link: bool = False
    kernel_via: str | None = None  # `ip route get`'s answer
    kernel_dev: str | None = None
    kernel_mtu: int | None = None  # a path MTU the kernel had learnt (route cache)
    agrees: bool | None = None  # our longest-prefix match == the kernel's choice
    table_source: str = ""  # ip | proc | none
    neighbour_mac: str | None = None  # the neighbour table's entry for the next hop
    neighbour_state: str | None = None
    asked: str | None = None  # arp | nd: we asked ourselves
    asked_target: str | None = None
    answered_mac: str | None = None
    answer_ms: float | None = None
    ask_note: str | None = None
    ask_note_ko: str | None = None


@dataclass
class FrameView:
    """One captured frame of the packet we follow, at one capture point."""

    point: str  # client | destination
    t_ms: float | None
    src_mac: str
    dst_mac: str
    src_ip: str
    dst_ip: str
    ttl: int
    length: int
    ip_id: int | None = None
    src_mac_is: str | None = None  # whose MAC it is (an address from a neighbour table / ARP)
    dst_mac_is: str | None = None


@dataclass
class SizeStep:
    size: int
    outcome: str  # passed | too-big | silent | local-too-big | error
    source: str | None = None
    mtu: int | None = None
    rtt_ms: float | None = None


@dataclass
class Upload:
    port: int
    outcome: str  # acked | stalled | reset | refused | timeout | error
    sent_bytes: int = 0
    acked_bytes: int = 0
    mss_start: int | None = None
    mss_end: int | None = None
    pmtu_start: int | None = None
    pmtu_end: int | None = None
    retransmissions: int = 0
    duration_ms: float | None = None
    waited_s: float = 0.0
    segments: list[dict[str, Any]] = field(default_factory=list)  # at the client: t_ms, len, size, retrans
    delivered: list[dict[str, Any]] = field(default_factory=list)  # at the destination (sandbox)
    icmp: list[dict[str, Any]] = field(default_factory=list)  # frag-needed seen: t_ms, source, mtu
    error: str | None = None


@dataclass
class Mtu:
    local_mtu: int | None = None
    path_mtu: int | None = None
    steps: list[SizeStep] = field(default_factory=list)
    announced: list[dict[str, Any]] = field(default_factory=list)  # [{source, mtu, ttl}]
    black_hole: bool = False
    largest_silent: int | None = None  # the largest size that vanished without an ICMP
    hole_after_ttl: int | None = None  # big packets still got Time Exceeded from this hop...
    hole_before_ttl: int | None = None  # ...and died before this one
    cache_flushed: bool = False
    cached_mtu: int | None = None
    upload: Upload | None = None


@dataclass
class PathResult(Result):
    """What `netlab path --json` prints at the top level (beside the envelope).

    - ``hops``: one per TTL, from 1: ``replies`` (one per probe: ``rtt_ms``, ``source``, ``kind``
      time-exceeded | unreachable | frag-needed | reached | silent | error, ``code`` as traceroute
      marks it), ``addresses``, ``names`` (sandbox host labels), ``status`` router | silent |
      destination | unreachable | mixed.
    - ``reached``, ``dest_ttl`` (the hop count), ``stopped`` (reached | unreachable | max-hops |
      silent-tail | deadline | local-error | no-name).
    - ``first_hop``: the routing table (``routes`` with ``matches``/``chosen``: the longest prefix
      that holds the target), the gateway (``next_hop``), the kernel's own choice and whether they
      agree, the neighbour table's entry, and our own ARP / neighbour solicitation for the gateway.
    - ``frames``: the same packet at the client and (in the sandbox) at the destination: MACs, IPs,
      TTL; ``captures``: what each capture point did.
    - ``mtu`` (with --mtu-discovery): ``steps`` (each size tried and what happened), ``path_mtu``,
      ``announced`` (who sent frag-needed / packet-too-big with which MTU), ``black_hole`` (sizes
      that vanished without an ICMP), where the big packets died (``hole_after_ttl``), and the TCP
      ``upload`` whose segment size path-MTU discovery adjusted (or that stalled).
    """

    probe: ClassVar[str] = PROBE
    host: str = ""
    address: str | None = None
    family: int | None = None
    protocol: str = "udp"
    port: int = 0
    max_hops: int = 30
    queries: int = 3
    timeout_s: float = 5.0
    sandbox: bool = False
    hops: list[Hop] = field(default_factory=list)
    reached: bool = False
    dest_ttl: int | None = None
    stopped: str = "reached"
    error: str | None = None
    first_hop: FirstHop | None = None
    frames: list[FrameView] = field(default_factory=list)
    captures: dict[str, dict[str, Any]] = field(default_factory=dict)
    mtu: Mtu | None = None
    names: dict[str, str] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)
