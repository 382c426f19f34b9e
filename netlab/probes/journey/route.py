"""The first hop (I/O): the route the kernel picks for an address, and the neighbour entry of
the next hop (the gateway's MAC address, or the server's own when it is on the same network).

``ip -j route get ADDR`` asks the kernel's routing table exactly as a connect() would; ``ip -j
neigh show`` lists the neighbour (ARP / NDP) cache.  Both outputs are recorded as printed; the
reading (route.py's pure half, used by analyze) is ``first_hop``.
"""

from __future__ import annotations

import subprocess
import time

from netlab.probes.journey.hop import first_hop
from netlab.probes.journey.model import RouteLooked


def _ip(*args: str) -> tuple[str, str | None]:
    try:
        p = subprocess.run(["ip", "-j", *args], capture_output=True, text=True, timeout=5, check=False)
    except FileNotFoundError:
        return "", "the ip command (iproute2) is not installed"
    except subprocess.TimeoutExpired:
        return "", "ip did not answer within 5 s"
    if p.returncode != 0:
        return "", (p.stderr.strip().splitlines() or [f"ip exited with {p.returncode}"])[0][:200]
    return p.stdout.strip()[:65536], None


def look_up_route(address: str, clock) -> RouteLooked:
    t = clock()
    started = time.monotonic()
    route, err = _ip("route", "get", address)
    neigh = ""
    if route:
        hop = first_hop(route, "")
        if hop.get("next_hop"):
            neigh, _ = _ip("neigh", "show", "to", hop["next_hop"], *(["dev", hop["dev"]] if hop.get("dev") else []))
    return RouteLooked(t, address, route, neigh, err, round(time.monotonic() - started, 6))
