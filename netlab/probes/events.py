"""Events that several probes record alike: their fields, declared once.

A probe still declares each event it records in its own model.py, under the name its Recordings
use, as a subclass of one of these (``@event`` registers the subclass in the probe's scope, see
netlab/model.py).  The classes here are never registered: no Recording names them, and a
Recording's JSON is the subclass's fields, which are these.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NameNotResolved:
    """The target's name did not resolve (getaddrinfo failed): the resolver's words."""

    t: float
    host: str
    error: str


@dataclass(frozen=True)
class NameLookedUp:
    """getaddrinfo's answer for ``host``: every address, in its order, or why there is none."""

    t: float
    host: str
    addresses: tuple[str, ...] = ()
    error: str | None = None


@dataclass(frozen=True)
class AddressChosen:
    """The target's name resolved: the address (and port) the probe goes on with."""

    t: float
    host: str
    port: int
    address: str


def take_lookup(res, looked: NameLookedUp | None) -> bool:
    """Copy a lookup's outcome onto a Result that has ``unreachable``, ``error`` and ``address``
    (pure, for analyze): the first address, or unreachable with the resolver's words.  True when
    the name did not resolve, so there is nothing more to analyze."""
    if looked is None:
        return False
    if looked.error:
        res.unreachable, res.error = True, looked.error
        return True
    if looked.addresses:
        res.address = looked.addresses[0]
    return False


@dataclass(frozen=True)
class CaptureOpened:
    """The sniffer is open on ``ifname`` with filter ``bpf``."""

    t: float
    ifname: str
    linktype: int
    bpf: str
    realtime_offset_ns: int  # CLOCK_REALTIME - probe clock, to place the kernel's stamps (ts_ns) on the probe clock


@dataclass(frozen=True)
class CaptureTaken:
    """A run's capture, whole: the first frames' bytes (up to what the probe keeps), how many frames
    there were and the bytes kept, the pcap written; or, with no frames, why there is no capture."""

    t: float
    ifname: str | None
    linktype: int
    frames: tuple[bytes, ...] = ()
    frames_total: int = 0
    kept_bytes: int = 0
    error: str | None = None
    pcap: str | None = None


@dataclass(frozen=True)
class CaptureMissing:
    """No capture this run: why (no privilege, no route...)."""

    t: float
    reason: str


@dataclass(frozen=True)
class TcpInfoTaken:
    """One TCP_INFO reading of our socket."""

    t: float
    moment: str
    raw: bytes  # struct tcp_info as getsockopt(TCP_INFO) returned it


@dataclass(frozen=True)
class ConnectionOpened:
    """A client connection, open: TCP, and TLS for https/wss (httpwire.py's HTTP/1.1 client, websocket)."""

    t_start: float
    t: float
    conn: int  # the client's connection number (1, 2, ...)
    scheme: str
    address: str
    port: int
    local_port: int
    tls_version: str | None = None
    alpn: str | None = None
