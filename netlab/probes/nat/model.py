"""nat: the events collect() records and the Result analyze() produces.

Every datagram (or, over TCP, every STUN message) the probe sends or receives is an event with its
raw bytes: which socket (``sock``: an id such as ``map``, ``filter``, ``life-3``, ``punch:c-sym``),
from or to which address, and for a sent one the test it belongs to and its attempt number (a
retransmission repeats the transaction id).  analyze parses the bytes again (stun.py), matches
responses to requests by transaction id and decides (classify.py); nothing is concluded here.

``t`` is seconds on the probe's monotonic clock since the probe started.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from netlab.model import Result, event
from netlab.probes.events import NameNotResolved

PROBE = "nat"

KEEP_BYTES = 2048  # of each datagram kept in the Recording (STUN messages are far smaller)
MAX_MESSAGES = 4000  # datagrams kept per run (sent and received); more are counted


# ------------------------------------------------------------------------------------ events


@event
class ServerResolved:
    t: float
    host: str
    port: int
    address: str
    addresses: tuple[str, ...] = ()


@event
class ServerResolutionFailed(NameNotResolved):
    """The STUN server's name did not resolve."""


@event
class SandboxRead:
    """What the sandbox says about itself: our host, the NAT routers on our path to the server and
    their configuration (the scenario's ``nat`` setting), the peers and their NAT routers."""

    t: float
    sandbox: str
    host: str  # where our sockets live
    nat_path: tuple[dict, ...] = ()  # [{"host", "gateway", "nat": {...} | None}], nearest first
    peers: tuple[dict, ...] = ()  # [{"host", "address", "nat_path": [...]}]


@event
class SocketOpened:
    t: float
    sock: str  # id
    purpose: str  # mapping | filtering | hairpin | lifetime | asker | punch | peer | turn | relay-peer | tcp | outbound
    transport: str  # udp | tcp
    local_address: str  # the address the kernel chose towards the server (the host candidate)
    local_port: int
    host: str | None = None  # sandbox host whose network namespace holds it (None: ours)


@event
class SocketFailed:
    t: float
    sock: str
    purpose: str
    error: str


@event
class MessageSent:
    t: float
    sock: str
    dst_address: str
    dst_port: int
    data: bytes
    test: str  # which test or step it belongs to (map1, filter2, life:3, punch:c-sym, turn-allocate...)
    attempt: int = 1  # 1 for the first transmission, 2.. for retransmissions (same transaction id)
    error: str | None = None  # sendto() failed (ENETUNREACH...)


@event
class MessageReceived:
    t: float
    sock: str
    src_address: str
    src_port: int
    data: bytes
    length: int = 0  # the datagram's real length (data keeps at most KEEP_BYTES)


@event
class WaitEnded:
    """We stopped waiting for the answer to a test: after ``attempts`` transmissions, ``waited_s``
    seconds from the first; ``answered`` says whether a response with its transaction id came."""

    t: float
    test: str
    attempts: int
    waited_s: float
    answered: bool


@event
class TcpConnected:
    t: float
    sock: str
    remote_address: str
    remote_port: int
    local_address: str
    local_port: int


@event
class TcpFailed:
    t: float
    sock: str
    remote_address: str
    remote_port: int
    error: str


@event
class ConntrackRead:
    """The NAT router's connection-tracking table (``conntrack -L``, run in its namespace)."""

    t: float
    router: str
    moment: str  # before | during | lifetime | punch | after
    argv: tuple[str, ...]
    output: str
    error: str | None = None


@event
class PhaseSkipped:
    t: float
    phase: str  # mapping | filtering | hairpin | lifetime | punch | turn | conntrack | classic
    reason: str  # a short code: no-server | one-address | tcp | not-asked | live | deadline | no-peers | ...
    detail: str = ""


@event
class MessagesCut:
    t: float
    kept: int
    dropped: int


# ------------------------------------------------------------------------------------ result


@dataclass
class Exchange:
    """One STUN transaction (or one punch / relay datagram) as analyze reconstructed it."""

    test: str
    sock: str
    dst: str  # "address:port" it was sent to
    attempts: int = 0
    answered: bool = False
    answer_attempt: int | None = None  # after which transmission the answer came
    rtt_ms: float | None = None  # from the transmission it answered
    src: str | None = None  # where the answer came from
    arrived_on: str | None = None  # socket it arrived on (RESPONSE-PORT, hairpin: not the sender)
    kind: str | None = None  # success | error | request | indication
    mapped: str | None = None  # XOR-MAPPED-ADDRESS (or MAPPED-ADDRESS from an RFC 3489 server)
    mapped_attr: str | None = None  # which attribute gave it
    other: str | None = None  # OTHER-ADDRESS (RFC 5780) or CHANGED-ADDRESS (RFC 3489)
    origin: str | None = None  # RESPONSE-ORIGIN
    error_code: int | None = None
    error_reason: str | None = None
    software: str | None = None
    problems: list[str] = field(default_factory=list)  # codes: malformed, wrong-tid, unexpected-source...
    detail: dict[str, Any] = field(default_factory=dict)
    t_ms: float | None = None


@dataclass
class Verdict:
    """One behaviour, decided: ``value`` (a behaviour or unknown) and the evidence for it."""

    value: str  # endpoint-independent | address-dependent | address-and-port-dependent | none | unknown | yes | no
    reason: str = ""  # a code saying why (see classify.py)
    evidence: list[str] = field(default_factory=list)  # tests it rests on
    retried: list[str] = field(default_factory=list)  # tests answered only after a retransmission


@dataclass
class ConntrackEntry:
    proto: str
    state: str | None
    timeout_s: int | None
    orig_src: str
    orig_dst: str
    reply_src: str
    reply_dst: str
    flags: list[str] = field(default_factory=list)  # UNREPLIED, ASSURED
    mapping: str | None = None  # inside endpoint -> public endpoint, when it translated the source
    dnat: str | None = None  # public endpoint -> inside endpoint, when it translated the destination


@dataclass
class ConntrackSnapshot:
    router: str
    moment: str
    t_ms: float | None
    entries: list[ConntrackEntry] = field(default_factory=list)
    total: int = 0
    error: str | None = None


@dataclass
class PeerResult:
    host: str
    configured: list[dict] = field(default_factory=list)  # the sandbox's NATs in front of the peer
    mapping: Verdict | None = None
    filtering: Verdict | None = None
    srflx: str | None = None
    private: str | None = None
    predicted: str = "unknown"  # direct | relay | unknown
    predicted_reason: str = ""
    direct: str = "not-tried"  # ok | failed | not-tried
    our_target: str | None = None  # the address our successful check went to
    their_target: str | None = None
    prflx: list[str] = field(default_factory=list)  # peer-reflexive addresses learnt during the checks
    local_prflx: list[str] = field(default_factory=list)  # our own, named by the peer's answers
    checks_sent: int = 0
    relay: str = "not-tried"  # ok | failed | not-tried
    relay_detail: dict[str, Any] = field(default_factory=dict)


@dataclass
class NatResult(Result):
    """What `netlab nat --json` prints at the top level (beside the envelope).

    - ``server``/``server_address``/``port``; ``other_address`` (OTHER-ADDRESS: the server's second
      address and port) and ``rfc5780`` (whether the server can run the tests that need it).
    - ``private``: our own address:port (the host candidate); ``public``: what the server saw
      (XOR-MAPPED-ADDRESS: the server-reflexive candidate); ``behind_nat``.
    - ``mapping``, ``filtering``, ``hairpin``: Verdicts (value, reason code, the tests as evidence,
      the tests answered only after a retransmission); ``lifetime``: {low_s, high_s, checks: [...]}.
    - ``exchanges``: every test as analyze matched it (sent to, attempts, answer, source, mapped).
    - ``conntrack``: the NAT routers' tables before, during and after (sandbox only).
    - ``peers``: hole punching to each peer (their measured behaviour, the prediction, the direct
      result, peer-reflexive addresses learnt) and the TURN relay when direct failed.
    - ``classic``: the RFC 3489 name and where it misleads (with --classic).
    """

    probe: ClassVar[str] = PROBE
    server: str | None = None
    server_address: str | None = None
    port: int = 3478
    transport: str = "udp"
    host: str | None = None  # the sandbox host our sockets lived in
    sandbox: str | None = None
    private: str | None = None
    public: str | None = None
    behind_nat: bool | None = None
    port_preserved: bool | None = None
    other_address: str | None = None
    rfc5780: bool | None = None
    software: str | None = None
    mapping: Verdict | None = None
    filtering: Verdict | None = None
    hairpin: Verdict | None = None
    hairpin_source: str | None = None
    lifetime: dict[str, Any] = field(default_factory=dict)
    outbound_only: dict[str, Any] = field(default_factory=dict)  # the mapping made by a packet nobody answered
    exchanges: list[Exchange] = field(default_factory=list)
    nat_path: list[dict] = field(default_factory=list)  # the sandbox's NAT routers on our path
    conntrack: list[ConntrackSnapshot] = field(default_factory=list)
    peers: list[PeerResult] = field(default_factory=list)
    turn: dict[str, Any] = field(default_factory=dict)
    candidates: list[dict] = field(default_factory=list)  # ICE candidates: type, address, priority
    classic: dict[str, Any] = field(default_factory=dict)
    skipped: list[dict] = field(default_factory=list)  # {"phase", "reason", "detail"}
    stray: list[dict] = field(default_factory=list)  # messages that matched no request: {"src", "sock", "why"}
    cut: dict[str, int] | None = None
    deadline_cut: str | None = None
    duration_ms: float | None = None
    params: dict[str, Any] = field(default_factory=dict)
