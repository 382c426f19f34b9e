"""The kernel's tables as `ip -j` printed them, and the longest-prefix match (pure).

A routing table is a list of prefixes, each with a gateway ("via") or none (a network this host
is attached to).  For a destination, every prefix that contains it matches; the longest one wins
(the most specific), and among equally long ones the lowest metric.  The default route is the
prefix of length 0: it matches everything and therefore loses to any other match.  Before the main
table the kernel looks in its local table, which holds the host's own addresses (127.0.0.0/8 and
every address of an interface): a packet to one of those never leaves the machine.
"""

from __future__ import annotations

import ipaddress
import json
import struct

from netlab.probes.path.model import RouteRow

SKIP_TYPES = {"broadcast", "local", "multicast", "anycast", "nat", "throw"}


def _json(text: str):
    try:
        return json.loads(text) if text and text.strip() else []
    except ValueError:
        return None


def _str(v) -> str | None:
    """A text field of `ip -j` output; anything else (a hostile or broken recording) is None."""
    return v if isinstance(v, str) else None


def _prefix(dst: str, family: int) -> ipaddress._BaseNetwork | None:
    if dst == "default":
        return ipaddress.ip_network("0.0.0.0/0" if family == 4 else "::/0")
    try:
        return ipaddress.ip_network(dst, strict=False)
    except ValueError:
        return None


def parse_routes(text: str, family: int, local: bool = False) -> list[RouteRow]:
    """``ip -j route show`` -> rows (routes of other types, and unreadable entries, left out).
    ``local``: the local table, of which only the "local" routes (this host's addresses) are kept."""
    data = _json(text)
    rows = []
    for r in data if isinstance(data, list) else []:
        kind = str(r.get("type", "unicast")) if isinstance(r, dict) else ""
        if not isinstance(r, dict) or (kind != "local" if local else kind in SKIP_TYPES):
            continue
        net = _prefix(str(r.get("dst", "")), family)
        if net is None or net.version != family:
            continue
        dst = "default" if r.get("dst") == "default" else str(net)
        metric = r.get("metric")
        rows.append(RouteRow(dst=dst, prefixlen=net.prefixlen, via=_str(r.get("gateway")), dev=_str(r.get("dev")),
                             metric=metric if isinstance(metric, int) else None, local=local))
    return rows


def parse_proc_route(text: str) -> list[RouteRow]:
    """/proc/net/route (IPv4 only: hexadecimal, in the machine's byte order, here little-endian)."""
    rows = []
    for line in text.splitlines()[1:]:
        f = line.split()
        if len(f) < 8:
            continue
        try:
            dst, gw, flags, metric, mask = (int(f[1], 16), int(f[2], 16), int(f[3], 16), int(f[6]), int(f[7], 16))
        except ValueError:
            continue
        if not flags & 1:  # RTF_UP
            continue
        as_ip = lambda v: str(ipaddress.IPv4Address(struct.pack("<I", v)))  # noqa: E731
        plen = bin(mask).count("1")
        net = ipaddress.ip_network(f"{as_ip(dst)}/{plen}", strict=False)
        rows.append(RouteRow(dst="default" if plen == 0 else str(net), prefixlen=plen,
                             via=as_ip(gw) if flags & 2 else None, dev=f[0], metric=metric))
    return rows


def longest_match(rows: list[RouteRow], address: str) -> RouteRow | None:
    """Mark the rows that contain ``address`` and the one the kernel picks; return that one."""
    try:
        a = ipaddress.ip_address(address)
    except ValueError:
        return None
    best = None
    for row in rows:
        net = _prefix(row.dst, a.version)
        row.matches = net is not None and a in net
        rank = (row.local, row.prefixlen, -(row.metric or 0))  # the local table is consulted first
        if row.matches and (best is None or rank > (best.local, best.prefixlen, -(best.metric or 0))):
            best = row
    if best is not None:
        best.chosen = True
    return best


def route_get(text: str) -> dict:
    """``ip -j route get`` -> {"gateway", "dev", "prefsrc", "mtu"} (the learnt path MTU, if any)."""
    data = _json(text)
    r = data[0] if isinstance(data, list) and data and isinstance(data[0], dict) else {}
    mtu = None
    for m in r.get("metrics") or []:
        if isinstance(m, dict) and isinstance(m.get("mtu"), int):
            mtu = m["mtu"]
    return {"gateway": _str(r.get("gateway")), "dev": _str(r.get("dev")), "prefsrc": _str(r.get("prefsrc")), "mtu": mtu}


def link(text: str) -> tuple[str | None, int | None]:
    """``ip -j link show dev X`` -> (MAC, MTU)."""
    data = _json(text)
    r = data[0] if isinstance(data, list) and data and isinstance(data[0], dict) else {}
    mtu = r.get("mtu")
    return (r.get("address") if isinstance(r.get("address"), str) else None), (mtu if isinstance(mtu, int) else None)


def neighbours(text: str) -> dict[str, tuple[str | None, str]]:
    """``ip -j neigh show`` -> {address: (MAC or None, state)}."""
    data = _json(text)
    out = {}
    for n in data if isinstance(data, list) else []:
        if isinstance(n, dict) and isinstance(n.get("dst"), str):
            state = n.get("state") or []
            out[n["dst"]] = (n.get("lladdr") if isinstance(n.get("lladdr"), str) else None,
                             ",".join(str(s) for s in state) if isinstance(state, list) else str(state))
    return out
