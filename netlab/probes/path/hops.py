"""The traceroute probes' events -> one row per TTL (pure).

A hop is what answered the probes sent with that TTL: a router's Time Exceeded (the packet's TTL
ran out there), the destination's own answer (port unreachable to a UDP probe, an echo reply, a
SYN-ACK or RST), a router's "unreachable" (it has no route: the path ends there), or nothing.
Rows stop at the first TTL that reached the destination or ended the path.
"""

from __future__ import annotations

from netlab.probes.path.errqueue import (
    is_port_unreachable,
    is_time_exceeded,
    is_too_big,
    is_unreachable,
    unreachable_mark,
    unreachable_name,
)
from netlab.probes.path.messages import M
from netlab.probes.path.model import Hop, ProbeAnswered, ProbeFailed, ProbeSent, ProbeSilent, Reply, RunCut
from netlab.probes.path.trace import SILENT_TAIL
from netlab.units import ms_since


def probe_rtt_ms(sent: ProbeSent, out: ProbeAnswered) -> float | None:
    """The kernel's receive stamp minus the send's wall clock, when it agrees with the monotonic
    clock (never more than it, nor negative: the wall clock may have stepped); else monotonic."""
    mono = ms_since(out.t, sent.t)
    if out.kernel_ns is None or sent.wall_ns is None or mono is None:
        return mono
    k = round((out.kernel_ns - sent.wall_ns) / 1e6, 3)
    return k if 0 <= k <= mono + 0.5 else mono


def reply_for(sent: ProbeSent, out, address: str) -> Reply:
    """One probe's outcome, for people."""
    if isinstance(out, ProbeSilent):
        return Reply(sent.probe, None, None, "silent", "*", *M.both("reply.silent", ms=round(out.waited_s * 1000)))
    if isinstance(out, ProbeFailed):
        return Reply(sent.probe, None, None, "error", "!", *M.both("reply.failed", name=out.name, msg=out.message))
    if not isinstance(out, ProbeAnswered):
        return Reply(sent.probe, None, None, "silent", "*", *M.both("reply.unknown"))
    rtt = probe_rtt_ms(sent, out)
    if out.kind in ("echo-reply", "syn-ack", "rst"):
        return Reply(sent.probe, rtt, out.source, "reached", "", *M.both(f"reply.{out.kind}"), what=out.kind)
    v, typ, code = out.icmp_version, out.icmp_type, out.icmp_code
    if is_time_exceeded(v, typ):
        return Reply(sent.probe, rtt, out.source, "time-exceeded", "", *M.both("reply.time-exceeded"))
    if is_too_big(v, typ, code):
        return Reply(sent.probe, rtt, out.source, "frag-needed", "!F", *M.both("reply.too-big", mtu=out.mtu or "?"))
    if out.source == address and (is_port_unreachable(v, typ, code) or is_unreachable(v, typ)):
        what = "port-unreachable" if is_port_unreachable(v, typ, code) else "dest-unreachable"
        return Reply(sent.probe, rtt, out.source, "reached", "", *M.both(f"reply.{what}"), what=what)
    if is_unreachable(v, typ):
        name = unreachable_name(v, code)
        return Reply(sent.probe, rtt, out.source, "unreachable", unreachable_mark(v, code),
                     *M.both("reply.unreachable", what=M.t(f"unreach.{name}")))
    return Reply(sent.probe, rtt, out.source, "error", "?", *M.both("reply.other", type=typ, code=code))


def build_hops(events: list, address: str, names: dict[str, str],
               gateway: str | None = None) -> tuple[list[Hop], bool, int | None, str]:
    """(hops, reached, dest_ttl, stopped) from the trace phase's events.  ``gateway``: our first
    hop (the routing table's), which places a router's "unreachable" when it came late."""
    sent = {e.probe: e for e in events if isinstance(e, ProbeSent) and e.phase == "trace"}
    outs = {e.probe: e for e in events if isinstance(e, ProbeAnswered | ProbeSilent | ProbeFailed) and e.probe in sent}
    by_ttl: dict[int, list[Reply]] = {}
    for n in sorted(sent):
        by_ttl.setdefault(sent[n].ttl, []).append(reply_for(sent[n], outs.get(n), address))
    hops, reached, dest_ttl, stopped = [], False, None, ""
    for ttl in sorted(by_ttl):
        hop = _hop(ttl, by_ttl[ttl], names)
        hops.append(hop)
        if hop.status == "destination":
            reached, dest_ttl, stopped = True, ttl, "reached"
            break
        if hop.status == "unreachable":
            stopped = "unreachable"
            _place_unreachable(hops, gateway)
            break
        if any(r.kind == "error" for r in hop.replies) and all(r.kind in ("error", "silent") for r in hop.replies):
            stopped = "local-error"
            break
    if not stopped:
        stopped = _why_stopped(events, hops, max((s.ttl for s in sent.values()), default=0))
    return hops, reached, dest_ttl, stopped


def _place_unreachable(hops: list[Hop], gateway: str | None) -> None:
    """A router answers "unreachable" to every probe that reaches it, whatever the TTL (the route
    lookup comes before the TTL check), but routers rate-limit those answers (Linux: the first after
    about a second, then about one a second per host), so the first TTLs may have got nothing.
    When the router is known to be hop j (it answered Time Exceeded there, or it is our gateway),
    the path ends at hop j."""
    last = hops[-1]
    source = next(r.source for r in last.replies if r.kind == "unreachable")
    seen = {a: h.ttl for h in hops[:-1] for a in h.addresses}
    if gateway:
        seen.setdefault(gateway, 1)
    j = seen.get(source)
    if j is None or j >= last.ttl or any(h.status != "silent" for h in hops[j - 1:-1] if source not in h.addresses):
        return
    moved = Hop(ttl=j, replies=[r for r in last.replies if r.kind == "unreachable"], addresses=[source],
                names=last.names, status="unreachable", answered_ttl=last.ttl)
    del hops[j - 1:]
    hops.append(moved)


def _hop(ttl: int, replies: list[Reply], names: dict[str, str]) -> Hop:
    hop = Hop(ttl=ttl, replies=replies)
    for r in replies:
        if r.source and r.source not in hop.addresses:
            hop.addresses.append(r.source)
    hop.names = {a: names[a] for a in hop.addresses if a in names}
    kinds = {r.kind for r in replies}
    if "reached" in kinds:
        hop.status = "destination"
    elif "unreachable" in kinds:
        hop.status = "unreachable"
    elif kinds <= {"silent"}:
        hop.status = "silent"
    elif "time-exceeded" in kinds and len(hop.addresses) > 1:
        hop.status = "mixed"
    else:
        hop.status = "router"
    return hop


def _why_stopped(events: list, hops: list[Hop], highest_sent: int) -> str:
    if any(isinstance(e, RunCut) and e.what == "trace" for e in events):
        return "deadline"
    tail = 0
    for hop in reversed(hops):
        if hop.status != "silent":
            break
        tail += 1
    if tail >= SILENT_TAIL and tail < len(hops):
        return "silent-tail"
    if tail and tail == len(hops):
        return "silent-tail"
    return "max-hops"


def trim_silent_tail(hops: list[Hop]) -> tuple[list[Hop], int]:
    """The hops without the silent TTLs after the last answer (and how many were cut)."""
    last = max((i for i, h in enumerate(hops) if h.status != "silent"), default=-1)
    return hops[:last + 1], len(hops) - last - 1
