"""Asking for the next hop's MAC address ourselves: ARP (IPv4) or neighbour solicitation (IPv6).

I/O, collect's helper.  The kernel asks the same question before its first packet to a new
neighbour, but it keeps the answer (the sandbox even fills its neighbour tables in advance, so
that a handshake costs one round trip, not two), so we would rarely see it ask.  Here the probe
sends one request itself on an AF_PACKET socket (CAP_NET_RAW) for the *next hop* the routing
table chose, and the client capture point catches the reply.  The kernel's own table is read
before and after (netlab.probes.path.tables).
"""

from __future__ import annotations

import socket
import time

from netlab.probes.path import frames as fr
from netlab.probes.path.model import NeighbourAnswered, NeighbourAsked, NeighbourSilent


def ask(rec, clock, sniffer, ifname: str, local_mac: str, local_ip: str, target: str, family: int,
        timeout: float) -> None:
    kind = "nd" if family == 6 else "arp"
    if not (local_mac and local_ip):
        rec.add(NeighbourSilent(clock(), kind, target, 0.0, "no MAC or address of our own interface"))
        return
    frame = (fr.nd_solicitation if family == 6 else fr.arp_request)(local_mac, local_ip, target)
    seen = len(sniffer.frames)
    try:
        with socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0) as s:
            s.bind((ifname, 0))
            s.send(frame)
    except OSError as e:
        rec.add(NeighbourSilent(clock(), kind, target, 0.0, e.strerror or str(e)))
        return
    t0 = clock()
    rec.add(NeighbourAsked(t0, kind, target, ifname, frame))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        sniffer.poll(min(0.05, max(0.0, deadline - time.monotonic())))
        for f in sniffer.frames[seen:]:
            if _answers(f.data, target, family):
                rec.add(NeighbourAnswered(clock(), kind, target, f.data))
                return
        seen = len(sniffer.frames)
    rec.add(NeighbourSilent(clock(), kind, target, round(clock() - t0, 3)))


def _answers(frame: bytes, target: str, family: int) -> bool:
    if family == 4:
        a = fr.arp(frame)
        return a is not None and a.op == 2 and a.sender_ip == target
    n = fr.nd(frame)
    return n is not None and n.type == 136 and n.target == target
