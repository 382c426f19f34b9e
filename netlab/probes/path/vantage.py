"""Capture points: where netlab path watches frames go by (I/O, collect's helper).

Two points, so that one packet can be seen twice and compared:

- ``client``: our own interface towards the target (the one the routing table chose), always, when
  AF_PACKET is allowed (root or CAP_NET_RAW).
- ``destination``: inside the sandbox only, the target host's own interface.  The sandbox's named
  network namespaces are visible to every process of the sandbox (/run/netns/<host> in its mount
  namespace, or /proc/<supervisor>/root/run/netns/<host> for a process that entered the client
  in-process: netlab.sandbox.netns.reachable_netns_path; ``SandboxInfo.hosts`` says which host has
  which address on which interface), and its processes hold CAP_SYS_ADMIN and CAP_NET_RAW there.  So collect enters the destination host's
  namespace for the socket() and bind() calls only (netlab.sandbox.netns.in_netns, one thread),
  and comes back: the socket stays bound to that host's interface and is read like the local one.
  On a live network there is no second point (we cannot capture on someone else's server), and
  the report says so.

Both points keep the first SNAPLEN bytes of each frame (headers and the start of the payload; the
frame's real length beside it) and at most MAX_FRAMES frames.
"""

from __future__ import annotations

import time

from netlab.probes.path.model import CaptureStarted, CaptureStopped, CaptureUnavailable, FrameCaptured

SNAPLEN = 256
MAX_FRAMES = 3000


def bpf_for(local: str | None, target: str, family: int) -> str:
    """Our exchange with the target, ICMP errors sent to us, and neighbour discovery."""
    ip = "ip6" if family == 6 else "ip"
    icmp = "icmp6" if family == 6 else "icmp"
    expr = f"({ip} host {target})"
    if local:
        expr += f" or ({icmp} and dst host {local})"
    # ARP, or IPv6 neighbour discovery (ICMPv6 133-137: our solicitation goes to a multicast address)
    return expr + (" or arp" if family == 4 else " or (icmp6 and ip6[40] >= 133 and ip6[40] <= 137)")


def open_point(rec, clock, point: str, ifname: str, bpf: str, netns_host: str | None = None,
               state_dir: str | None = None):
    """A Sniffer on ``ifname`` (inside sandbox host ``netns_host`` when given), or None with the
    reason recorded."""
    from netlab.capture.sniffer import CAPTURE_NEEDS, Sniffer, capture_problem
    from netlab.errors import EnvironmentProblem

    problem = capture_problem()
    if problem:
        rec.add(CaptureUnavailable(clock(), point, problem, "privilege" if problem == CAPTURE_NEEDS else ""))
        return None
    sniffer = Sniffer(ifname, bpf, snaplen=SNAPLEN)
    try:
        if netns_host:
            from netlab.sandbox.netns import in_netns

            with in_netns(netns_host, state_dir):
                sniffer.open()
        else:
            sniffer.open()
    except (EnvironmentProblem, OSError) as e:
        rec.add(CaptureUnavailable(clock(), point, getattr(e, "message", None) or str(e)))
        return None
    r = time.time_ns()
    now = clock()
    rec.add(CaptureStarted(now, point, netns_host, ifname, sniffer.linktype, bpf, r - int(now * 1e9)))
    return sniffer


def destination_point(info, address: str) -> tuple[str, str] | None:
    """(sandbox host, interface) that has ``address``, from the SandboxInfo; None when none does."""
    for name, h in (getattr(info, "hosts", None) or {}).items():
        for itf in h.get("interfaces") or []:
            if address in (itf.get("ipv4"), itf.get("ipv6")):
                return name, itf.get("name") or "eth0"
    return None


def stop_point(rec, clock, point: str, sniffer, started: CaptureStarted) -> list:
    """Drain, record every frame (up to MAX_FRAMES), close; returns the frames."""
    frames = sniffer.drain(settle=0.02)
    _passed, drops = sniffer.stats()
    sniffer.close()
    kept = frames[:MAX_FRAMES]
    for f in kept:
        rec.add(FrameCaptured(round((f.ts_ns - started.realtime_offset_ns) / 1e9, 9), point, f.ts_ns, f.data,
                              f.pkttype, f.orig_len))
    rec.add(CaptureStopped(clock(), point, len(kept), drops, len(frames) - len(kept)))
    return kept
