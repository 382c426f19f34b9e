"""lb: the events collect() records and the Result analyze() produces.

Events are past-tense frozen dataclasses; ``t`` is seconds on the probe's monotonic clock.  Raw
evidence is kept as it came: HAProxy's statistics as the CSV its runtime API printed, the
backends' access-log lines that carry this run's request ids, captured ARP frames.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from netlab.model import Result, event
from netlab.probes.events import AddressChosen, CaptureMissing, NameNotResolved

PROBE = "lb"


# ------------------------------------------------------------------------------------ events


@event
class TargetResolved(AddressChosen):
    """The frontend's name, resolved."""


@event
class NameResolutionFailed(NameNotResolved):
    """The target's name did not resolve."""


@event
class BalancerFound:
    """A sandbox balancer that serves the target's address (its own, or the virtual address it
    shares): its description (netlab/sandbox/services/lb.py, balancer.json) as it was read."""

    t: float
    name: str
    descriptor: dict[str, Any]


@event
class NoBalancerKnown:
    """No balancer of the sandbox serves this address (or the run is not in a sandbox)."""

    t: float
    address: str
    reason: str  # "not-in-sandbox" | "no-balancer" | "unreadable"
    detail: str = ""


@event
class SourcesChosen:
    """The source addresses the requests come from: one per client."""

    t: float
    interface: str
    available: tuple[str, ...]
    chosen: tuple[str, ...]


@event
class AlgorithmSet:
    """The runtime API changed which pool (algorithm) a frontend uses: `set map`."""

    t: float
    balancer: str
    key: str  # the map key: "http" | "tcp"
    algorithm: str
    previous: str | None
    answer: str = ""


@event
class AlgorithmRead:
    t: float
    balancer: str
    key: str
    algorithm: str | None


@event
class AlgorithmRestored:
    t: float
    balancer: str
    key: str
    algorithm: str


@event
class RuntimeApiFailed:
    """A command on a balancer's runtime API did not work (the balancer is down, the socket gone)."""

    t: float
    balancer: str
    command: str
    error: str


@event
class StatsRead:
    """`show stat` on the runtime API: HAProxy's own counters, as CSV."""

    t: float
    balancer: str
    label: str  # before | after
    csv: str


@event
class ServerStateChanged:
    """A server's health as the balancer's statistics showed it, polled (UP, "UP 1/3", DOWN, ...)."""

    t: float
    balancer: str
    server: str
    status: str
    check: str = ""  # check_status (L7OK, L4CON, ...) and its description


@event
class BackendSwitched:
    """A backend's runtime switch (control.json in its directory), acknowledged by the backend."""

    t: float
    backend: str
    mode: str  # ok | slow | fail
    slow_ms: float
    acked: bool
    error: str | None = None


@event
class RequestCompleted:
    """One HTTP exchange on its own TCP connection, from one source address: what came back."""

    t: float  # when the connection was started
    seq: int
    client: str  # the source address
    outcome: str  # ok | http-error | refused | reset | timeout | garbage | tls-error | unreachable | error
    t_end: float
    connect_ms: float | None = None
    total_ms: float | None = None
    status: int | None = None
    reason: str = ""
    headers: tuple[tuple[str, str], ...] = ()  # the answer's headers (a capped, chosen few)
    body_head: bytes = b""  # the first bytes of the body (or of whatever came instead of HTTP)
    error: str = ""
    cookie_sent: str = ""  # the cookie this client sent (sticky sessions)
    tls_subject: str = ""  # the certificate the client was shown (who ended TLS)


@event
class AccessLogRead:
    """The lines of one backend's access log that carry this run's request ids."""

    t: float
    backend: str
    ids: tuple[str, ...]
    peers: tuple[str, ...] = ()  # the address each of those connections came from (the balancer's)
    xffs: tuple[str, ...] = ()  # the X-Forwarded-For each carried ("-": none)
    error: str = ""


@event
class PhaseMarked:
    """A moment of the run: failed, down, restored, up (--fail); cut, moved, restored, back (--failover)."""

    t: float
    name: str
    detail: str = ""


@event
class LinkCut:
    t: float
    balancer: str
    restored: bool = False
    error: str = ""


@event
class VipObserved:
    """Whether a balancer's interface holds the virtual address (`ip addr` in its host), polled."""

    t: float
    balancer: str
    holds: bool


@event
class BalancerMac:
    t: float
    balancer: str
    mac: str


@event
class ArpCaptured:
    """An ARP frame seen on the client's interface."""

    t: float
    op: int  # 1 request, 2 reply
    sender_mac: str
    sender_ip: str
    target_ip: str


@event
class NeighbourRead:
    """The client's ARP cache entry for the virtual address (`ip neigh`)."""

    t: float
    label: str  # before | moved | back
    address: str
    mac: str
    state: str


@event
class CaptureUnavailable(CaptureMissing):
    """No ARP capture this run."""


@event
class RunRefused:
    """The run could not be what was asked (an algorithm this frontend's mode has not, ...)."""

    t: float
    code: str
    detail: str = ""


# ------------------------------------------------------------------------------------ result


@dataclass
class RequestRow:
    seq: int
    t_ms: float
    client: str
    outcome: str
    backend: str | None
    status: int | None
    balancer: str | None
    pool: str | None
    total_ms: float | None
    phase: str
    end_ms: float | None = None


@dataclass
class BackendCount:
    backend: str
    count: int
    share: float
    expected: float | None = None  # the share the algorithm promises (round robin, weights), if any
    balancer_count: int | None = None  # HAProxy's own counter (lbtot delta, summed over balancers)
    log_count: int | None = None  # lines in the backend's access log
    mean_ms: float | None = None
    max_inflight: int = 0  # most of our requests at this backend at once (client side)
    smax: int | None = None  # HAProxy's "max sessions" for the server during the run
    retried: int = 0  # HAProxy's retries and redispatches away from it


@dataclass
class Remap:
    """Which clients a pool change moved (before -> after), and what theory says."""

    clients: int  # clients seen in both phases
    moved: int
    forced: int  # clients whose backend left the pool (they must move)
    n_before: int  # servers in the pool before
    n_after: int
    hash_type: str  # map-based | consistent | none
    moved_fraction: float
    theory_modulo: float  # (n-1)/n
    theory_consistent: float  # 1/n
    returned: int | None = None  # clients back on their first backend once the pool was whole again
    returned_of: int | None = None
    moves: list[tuple[str, str, str]] = field(default_factory=list)  # (client, before, after)
    rows: list[tuple[str, str, str, str]] = field(default_factory=list)  # (client, before, after, restored)


@dataclass
class HealthStory:
    backend: str
    t_fail_ms: float | None = None
    t_down_ms: float | None = None
    t_restore_ms: float | None = None
    t_up_ms: float | None = None
    inter_ms: int | None = None
    fall: int | None = None
    rise: int | None = None
    transitions: list[tuple[float, str, str]] = field(default_factory=list)  # (t_ms, status, check)
    failed_requests: int = 0  # ours that failed between the failure and DOWN
    slow_requests: int = 0  # ours that succeeded but took over a second (retried inside the balancer)
    retried: int = 0  # HAProxy's wretr + wredis for that server
    connect_errors: int = 0  # HAProxy's econ for that server
    served_while_failing: int = 0


@dataclass
class FailoverStory:
    vip: str | None = None
    active: str | None = None
    backup: str | None = None
    t_cut_ms: float | None = None
    t_moved_ms: float | None = None  # the backup's `ip addr` first showed the VIP
    t_first_ok_ms: float | None = None  # first answer after the cut
    gap_ms: float | None = None
    lost: int = 0
    t_restored_ms: float | None = None
    t_back_ms: float | None = None
    gap_back_ms: float | None = None
    lost_back: int = 0
    theory_ms: float | None = None  # 3 x advert_int + skew
    advert_int: float | None = None
    backup_priority: int | None = None
    garps: list[tuple[float, str, str, str]] = field(default_factory=list)  # (t_ms, mac, balancer, kind)
    neighbours: list[tuple[str, str, str, str]] = field(default_factory=list)  # (label, mac, balancer, state)
    vip_holders: list[tuple[float, str, bool]] = field(default_factory=list)
    split_brain: bool = False  # the cut-off balancer still held the VIP (it could not hear the other)
    served_lost: int = 0  # requests a backend logged whose answer never reached the client (cut in flight)
    capture_note: str | None = None


@dataclass
class LbResult(Result):
    probe: ClassVar[str] = PROBE
    url: str = ""
    host: str = ""
    port: int = 0
    address: str | None = None
    params: dict = field(default_factory=dict)
    outcome: str = "ok"  # ok | no-such-name | refused-run | nothing-answered
    mode: str = "unknown"  # http | tcp | tls | unknown (the frontend's mode, from the balancer's description)
    tls: str = "none"  # none | terminated | passthrough | unknown
    balancers: list[str] = field(default_factory=list)
    behind_balancer: bool | None = None  # None: unknown (no description)
    algorithm: str | None = None
    algorithm_set: bool = False
    pool: str | None = None  # the HAProxy backend (pool) that served, from X-Balancer-Pool
    routed_by: str | None = None  # "host" | "path" when a routing rule picked the pool
    pool_servers: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    sources_available: int = 0
    requests: list[RequestRow] = field(default_factory=list)
    spread: list[BackendCount] = field(default_factory=list)
    answered: int = 0
    failed: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)
    per_client: list[tuple[str, dict[str, int]]] = field(default_factory=list)
    chi2: float | None = None
    chi2_df: int | None = None
    chi2_critical: float | None = None
    rr_max_minus_min: int | None = None
    stats_match: bool | None = None
    logs_match: bool | None = None
    balancer_view: list[dict] = field(default_factory=list)  # per server: status, lbtot delta, smax, check...
    remap: Remap | None = None
    health: HealthStory | None = None
    failover: FailoverStory | None = None
    slow: str | None = None
    slow_ms: float | None = None
    fail: str | None = None
    seen: dict = field(default_factory=dict)  # what the backend saw: peer, forwarded-for, tls
    tls_subjects: list[str] = field(default_factory=list)
    error_bodies: list[tuple[int, str, str, int]] = field(default_factory=list)  # (status, balancer, first line, count)
    garbage_sample: bytes = b""
    refused_code: str | None = None
    refused_detail: str = ""
    duration_ms: float | None = None
    sticky_clients: int | None = None  # clients that always reached the same backend with their cookie
