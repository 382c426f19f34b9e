"""The first hop in detail: which route matched, which gateway, whose MAC we asked for (pure).

Routing decides the next hop: the longest prefix of the routing table that holds the destination
names a gateway (or none, when the destination is on a network we are attached to).  Only then does
ARP (IPv6: neighbour discovery) come in, to find the MAC address of that next hop, the gateway's,
because the frame goes to the gateway; the destination's MAC is never asked for when it is
beyond a router.
"""

from __future__ import annotations

from netlab.probes.path import frames as fr
from netlab.probes.path import routing
from netlab.probes.path.messages import M
from netlab.probes.path.model import (
    FirstHop,
    FrameCaptured,
    NeighbourAnswered,
    NeighbourAsked,
    NeighbourSilent,
    TableRead,
)
from netlab.units import ms_since


def _table(events: list, what: str, point: str = "client") -> TableRead | None:
    return next((e for e in events if isinstance(e, TableRead) and e.what == what and e.point == point), None)


def build_first_hop(events: list, address: str, family: int) -> FirstHop:
    fh = FirstHop(family=family)
    routes, proc = _table(events, "routes"), _table(events, "proc-route")
    if routes is not None and not routes.error:
        fh.routes, fh.table_source = routing.parse_routes(routes.text, family), "ip"
        local = _table(events, "routes-local")
        if local is not None and not local.error:
            mine = [r for r in routing.parse_routes(local.text, family, local=True)]
            routing.longest_match(mine, address)
            fh.routes += [r for r in mine if r.matches]  # only the local route that holds the target
    elif proc is not None and not proc.error and family == 4:
        fh.routes, fh.table_source = routing.parse_proc_route(proc.text), "proc"
    else:
        fh.table_source = "none"
    fh.chosen = routing.longest_match(fh.routes, address)
    if fh.chosen is not None:
        fh.on_link = fh.chosen.via is None
        fh.next_hop = fh.chosen.via or address
        fh.ifname = fh.chosen.dev
    got = _table(events, "route-get")
    if got is not None and not got.error:
        k = routing.route_get(got.text)
        fh.kernel_via, fh.kernel_dev, fh.local_address, fh.kernel_mtu = k["gateway"], k["dev"], k["prefsrc"], k["mtu"]
        fh.ifname = fh.ifname or k["dev"]
        if fh.chosen is not None:
            fh.agrees = (fh.chosen.via == fh.kernel_via) and (fh.chosen.dev in (None, fh.kernel_dev))
        elif fh.next_hop is None:
            fh.next_hop = fh.kernel_via or address
    link = _table(events, "link")
    if link is not None and not link.error:
        fh.local_mac, fh.local_mtu = routing.link(link.text)
    neigh = _table(events, "neighbours")
    if neigh is not None and not neigh.error and fh.next_hop:
        entry = routing.neighbours(neigh.text).get(fh.next_hop)
        if entry:
            fh.neighbour_mac, fh.neighbour_state = entry
    _asked(events, fh)
    return fh


def _asked(events: list, fh: FirstHop) -> None:
    asked = next((e for e in events if isinstance(e, NeighbourAsked)), None)
    silent = next((e for e in events if isinstance(e, NeighbourSilent)), None)
    answer = next((e for e in events if isinstance(e, NeighbourAnswered)), None)
    if asked is None:
        if silent is not None:
            fh.ask_note, fh.ask_note_ko = M.both("ask.failed", why=silent.reason or "-")
        return
    fh.asked, fh.asked_target = asked.kind, asked.target
    if answer is None:
        fh.ask_note, fh.ask_note_ko = M.both("ask.silent", target=asked.target,
                                             ms=round((silent.waited_s if silent else 0) * 1000))
        return
    a = fr.arp(answer.frame) if asked.kind == "arp" else None
    n = fr.nd(answer.frame) if asked.kind == "nd" else None
    fh.answered_mac = a.sender_mac if a else (n.mac if n else None)
    fh.answer_ms = _exchange_ms(events, asked, answer) or ms_since(answer.t, asked.t)


def _exchange_ms(events: list, asked: NeighbourAsked, answer: NeighbourAnswered) -> float | None:
    """The request -> reply time from the kernel's capture stamps (our request as it left, the reply)."""
    out = next((e for e in events if isinstance(e, FrameCaptured) and e.point == "client" and e.data[:60] == asked.frame[:60]),
               None)
    back = next((e for e in events if isinstance(e, FrameCaptured) and e.point == "client" and e.data == answer.frame), None)
    if out is None or back is None or back.ts_ns < out.ts_ns:
        return None
    return round((back.ts_ns - out.ts_ns) / 1e6, 3)
