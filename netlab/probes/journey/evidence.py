"""The Recording, indexed for analysis (pure): events by type, the frames read and placed on the
journey's clock, each connection's frames by 4-tuple, each DNS query's frames by port and id.

Frames keep capture order (the kernel's queue order); their times come from the kernel stamps
placed on the journey clock, and a stamp that goes backwards is held at the previous one (the
wall clock stepped), never used to reorder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from netlab.probes.journey.model import (
    AddressTyped,
    ConnectionsClosed,
    FetchStopped,
    FrameCaptured,
    JourneyCaptureStarted,
    JourneyCaptureStopped,
    JourneyCaptureUnavailable,
    NameLookupFinished,
    NameLookupStarted,
    RequestTraced,
    RouteLooked,
    StepRecorded,
    StubQueryFailed,
    StubQuerySent,
    StubResponseReceived,
    SystemFileRead,
)
from netlab.probes.journey.wire import frame_info


def endpoint(text: str | None) -> tuple[str, int] | None:
    """'198.18.0.10:5555' or '[2001:db8::10]:5555' -> (address, port)."""
    if not text or ":" not in text:
        return None
    host, _, port = text.rpartition(":")
    try:
        return host.strip("[]"), int(port)
    except ValueError:
        return None


@dataclass
class Frame:
    n: int  # 1-based, as tshark numbers them
    t: float  # journey clock, seconds
    info: dict[str, Any]
    size: int


@dataclass
class Evidence:
    rec: Any
    typed: AddressTyped | None = None
    t_enter: float = 0.0
    files: dict[str, SystemFileRead] = field(default_factory=dict)
    requests: list[RequestTraced] = field(default_factory=list)
    lookups: list[tuple[NameLookupStarted | None, NameLookupFinished]] = field(default_factory=list)
    queries: dict[int, StubQuerySent] = field(default_factory=dict)
    responses: dict[int, StubResponseReceived] = field(default_factory=dict)
    failures: dict[int, StubQueryFailed] = field(default_factory=dict)
    routes: list[RouteLooked] = field(default_factory=list)
    steps: list[StepRecorded] = field(default_factory=list)
    stopped: FetchStopped | None = None
    closed: ConnectionsClosed | None = None
    cap_start: JourneyCaptureStarted | None = None
    cap_stop: JourneyCaptureStopped | None = None
    cap_none: JourneyCaptureUnavailable | None = None
    frames: list[Frame] = field(default_factory=list)
    clock_stepped: bool = False

    def ms(self, t: float | None) -> float | None:
        return None if t is None else round((t - self.t_enter) * 1000.0, 3)

    def conn_frames(self, local: str | None, remote: str | None) -> list[Frame]:
        a, b = endpoint(local), endpoint(remote)
        if a is None or b is None:
            return []
        out = []
        for f in self.frames:
            i = f.info
            if i.get("proto") != "tcp":
                continue
            if (i["src"], i["sport"], i["dst"], i["dport"]) in ((a[0], a[1], b[0], b[1]), (b[0], b[1], a[0], a[1])):
                out.append(f)
        return out

    def dns_frames(self, q: StubQuerySent) -> list[Frame]:
        """The query's own frames: from its socket's port, with its DNS id."""
        qid = q.wire[:2]
        out = []
        for f in self.frames:
            i = f.info
            if not i.get("dns") or i.get("proto") != q.transport:
                continue
            if q.local_port not in (i.get("sport"), i.get("dport")):
                continue
            payload = i.get("payload") or b""
            if q.transport == "tcp":
                payload = payload[2:]
            if payload[:2] == qid:
                out.append(f)
        return out


def index(rec) -> Evidence:
    ev = Evidence(rec=rec)
    pending: dict[str, NameLookupStarted] = {}
    raw_frames: list[FrameCaptured] = []
    for e in rec.events:
        if isinstance(e, AddressTyped):
            ev.typed = ev.typed or e
        elif isinstance(e, SystemFileRead):
            ev.files[e.path] = e
        elif isinstance(e, RequestTraced):
            ev.requests.append(e)
        elif isinstance(e, NameLookupStarted):
            if e.purpose == "lookup":
                pending[e.host] = e
        elif isinstance(e, NameLookupFinished):
            ev.lookups.append((pending.pop(e.host, None) if e.purpose == "lookup" else None, e))
        elif isinstance(e, StubQuerySent):
            ev.queries[e.query] = e
        elif isinstance(e, StubResponseReceived):
            ev.responses.setdefault(e.query, e)
        elif isinstance(e, StubQueryFailed):
            ev.failures.setdefault(e.query, e)
        elif isinstance(e, RouteLooked):
            ev.routes.append(e)
        elif isinstance(e, StepRecorded):
            ev.steps.append(e)
        elif isinstance(e, FetchStopped):
            ev.stopped = ev.stopped or e
        elif isinstance(e, ConnectionsClosed):
            ev.closed = e
        elif isinstance(e, JourneyCaptureStarted):
            ev.cap_start = e
        elif isinstance(e, JourneyCaptureStopped):
            ev.cap_stop = e
        elif isinstance(e, JourneyCaptureUnavailable):
            ev.cap_none = e
        elif isinstance(e, FrameCaptured):
            raw_frames.append(e)
    ev.requests.sort(key=lambda r: r.index)
    ev.t_enter = ev.typed.t if ev.typed is not None else 0.0
    _frames(ev, raw_frames)
    return ev


def _frames(ev: Evidence, raw: list[FrameCaptured]) -> None:
    linktype = ev.cap_start.linktype if ev.cap_start else 1
    offset = ev.cap_start.realtime_offset_ns if ev.cap_start else 0
    last = None
    for n, f in enumerate(raw, start=1):
        info = frame_info(f.data, linktype)
        if info is None:
            continue
        t = (f.ts_ns - offset) / 1e9 if ev.cap_start else f.t
        if last is not None and t < last:
            ev.clock_stepped = True
            t = last
        last = t
        ev.frames.append(Frame(n, t, info, f.orig_len or len(f.data)))
