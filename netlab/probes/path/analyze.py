"""path analysis: Recording -> PathResult (pure: no sockets, no clock, no files).

The hops (hops.py), the first hop (first_hop.py), the packet at two points (l2.py), the path MTU
(pmtu.py); then the findings (findings.py).
"""

from __future__ import annotations

from netlab.model import Recording
from netlab.probes.path.findings import RULES
from netlab.probes.path.first_hop import build_first_hop
from netlab.probes.path.hops import build_hops
from netlab.probes.path.l2 import follow
from netlab.probes.path.model import (
    CaptureStarted,
    CaptureStopped,
    CaptureUnavailable,
    HostsNamed,
    NameResolutionFailed,
    PathResult,
    TargetResolved,
)
from netlab.probes.path.pmtu import build_mtu


def analyze(rec: Recording) -> PathResult:
    p = rec.params
    res = PathResult(host=str(p.get("host", "")), protocol=str(p.get("protocol", "udp")), port=int(p.get("port") or 0),
                     max_hops=int(p.get("max_hops") or 30), queries=int(p.get("queries") or 3),
                     timeout_s=float(p.get("timeout") or 5.0), params=dict(p),
                     sandbox=bool(rec.environment.get("sandbox")))
    failed = next((e for e in rec.events if isinstance(e, NameResolutionFailed)), None)
    target = next((e for e in rec.events if isinstance(e, TargetResolved)), None)
    if target is None:
        res.stopped, res.unreachable = "no-name", True
        res.error = failed.error if failed else None
        res.findings = RULES.run(res, rec)
        return res
    res.address, res.family = target.address, target.family
    for e in rec.of_type(HostsNamed):
        res.names.update(e.names)
    res.first_hop = build_first_hop(rec.events, res.address, res.family)
    gateway = res.first_hop.next_hop if not res.first_hop.on_link else None
    res.hops, res.reached, res.dest_ttl, res.stopped = build_hops(rec.events, res.address, res.names, gateway)
    res.unreachable = not res.reached
    res.captures = _captures(rec)
    res.frames = follow(rec.events, res.address, res.dest_ttl, res.names)
    if p.get("mtu_discovery"):
        res.mtu = build_mtu(rec.events, res.address, res.port, res.first_hop.local_mtu, res.first_hop.kernel_mtu)
        _place_silent_routers(res)
    res.findings = RULES.run(res, rec)
    return res


def _captures(rec: Recording) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for e in rec.events:
        if isinstance(e, CaptureStarted):
            out[e.point] = {"ok": True, "ifname": e.ifname, "host": e.host, "frames": 0, "cut": 0, "drops": 0}
        elif isinstance(e, CaptureUnavailable):
            out[e.point] = {"ok": False, "reason": e.reason, "code": e.code}
        elif isinstance(e, CaptureStopped) and e.point in out:
            out[e.point].update(frames=e.frames, cut=e.cut, drops=e.kernel_drops)
    return out


def _place_silent_routers(res: PathResult) -> None:
    """A router that sent frag-needed from hop h gave away its address: note it on a silent hop h."""
    for a in res.mtu.announced if res.mtu else []:
        hop = next((h for h in res.hops if h.ttl == a.get("hop")), None)
        if hop is not None and hop.status == "silent":
            hop.mtu_hint, hop.mtu_hint_source = a.get("mtu"), a.get("source")
            if a.get("source") in res.names:
                hop.names[a["source"]] = res.names[a["source"]]
