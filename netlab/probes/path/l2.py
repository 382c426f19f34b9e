"""One packet seen at two capture points: its MACs changed, its IP addresses did not (pure).

The packet we follow is the first trace probe that reached the destination, and the destination's
answer to it.  Both are found at each capture point by their IP payload (the transport header
onwards), which no router changes when there is no NAT; the TTL and the Ethernet header are what
the routers on the way rewrote.  Whose MAC is whose comes from the tables read at each point: our
interface, the neighbour table (which holds the gateway's MAC), the ARP / neighbour discovery
answer, and at the destination its own interface and neighbour table.
"""

from __future__ import annotations

from netlab.capture.decode import decode_frame
from netlab.probes.path import frames as fr
from netlab.probes.path import routing
from netlab.probes.path.model import FrameCaptured, FrameView, NeighbourAnswered, ProbeSent, TableRead

PACKET_OUTGOING = 4


def mac_owners(events: list, names: dict[str, str]) -> dict[str, str]:
    """MAC -> "address (name)" from every table and neighbour answer in the Recording."""
    out: dict[str, str] = {}

    def label(addr: str) -> str:
        return f"{names[addr]} {addr}" if addr in names else addr

    for e in events:
        if isinstance(e, TableRead) and e.what.startswith("neighbours") and not e.error:
            for addr, (mac, _state) in routing.neighbours(e.text).items():
                if mac:
                    out.setdefault(mac.lower(), label(addr))
        elif isinstance(e, NeighbourAnswered):
            a = fr.arp(e.frame)
            if a is not None:
                out.setdefault(a.sender_mac, label(a.sender_ip))
            n = fr.nd(e.frame)
            if n is not None and n.mac:
                out.setdefault(n.mac, label(n.target))
    for e in events:
        if isinstance(e, TableRead) and e.what == "link" and not e.error:
            mac, _mtu = routing.link(e.text)
            if mac:
                out[mac.lower()] = "us" if e.point == "client" else "destination"
    return out


def _views(events: list, key: bytes, src: str, dst: str, owners: dict[str, str]) -> list[FrameView]:
    out, t0 = [], None
    for e in events:
        if not isinstance(e, FrameCaptured):
            continue
        if fr.l4_bytes(e.data) != key:
            continue
        d = decode_frame(e.data)
        eth = fr.ether(e.data)
        facts = fr.ip_facts(e.data)
        if d is None or eth is None or facts is None or d.src != src or d.dst != dst:
            continue
        if any(v.point == e.point for v in out):
            continue  # one copy per point
        t0 = e.ts_ns if t0 is None else t0
        out.append(FrameView(point=e.point, t_ms=round((e.ts_ns - t0) / 1e6, 3), src_mac=eth.src, dst_mac=eth.dst,
                             src_ip=d.src, dst_ip=d.dst, ttl=d.ttl, length=facts.length, ip_id=facts.ip_id,
                             src_mac_is=owners.get(eth.src), dst_mac_is=owners.get(eth.dst)))
    return out


def follow(events: list, address: str, dest_ttl: int | None, names: dict[str, str]) -> list[FrameView]:
    """The frames of the first probe that arrived, and of the answer to it, at each capture point."""
    if dest_ttl is None:
        return []
    owners = mac_owners(events, names)
    probes = [e for e in events if isinstance(e, ProbeSent) and e.phase == "trace" and e.ttl == dest_ttl]
    local = None
    for e in events:
        if isinstance(e, TableRead) and e.what == "route-get" and not e.error:
            local = routing.route_get(e.text).get("prefsrc")
    for p in probes:
        out = _probe_frame(events, p, address)
        if out is None:
            continue
        d = decode_frame(out.data)
        views = _views(events, fr.l4_bytes(out.data), d.src, d.dst, owners)
        answer = _answer_frame(events, out, address, local or d.src)
        if answer is not None:
            a = decode_frame(answer.data)
            views += _views(events, fr.l4_bytes(answer.data), a.src, a.dst, owners)
        return views
    return []


def _probe_frame(events: list, p: ProbeSent, address: str):
    """The probe as it left us: outgoing at the client point, to the destination, from our port."""
    for e in events:
        if not (isinstance(e, FrameCaptured) and e.point == "client" and e.pkttype == PACKET_OUTGOING):
            continue
        d = decode_frame(e.data)
        if d is None or d.dst != address or d.ttl != p.ttl:
            continue
        body = fr.l4_bytes(e.data) or b""
        if p.protocol in ("udp", "tcp") and len(body) >= 4 and int.from_bytes(body[0:2], "big") == p.local_port:
            return e
        if p.protocol == "icmp" and len(body) >= 8 and int.from_bytes(body[6:8], "big") == p.probe & 0xFFFF:
            return e
    return None


def _answer_frame(events: list, probe_frame: FrameCaptured, address: str, local: str):
    """The destination's answer: the first frame from it to us after the probe, quoting it or
    answering it (port unreachable, echo reply, SYN-ACK/RST)."""
    body = fr.l4_bytes(probe_frame.data) or b""
    for e in events:
        if not (isinstance(e, FrameCaptured) and e.point == "client" and e.pkttype != PACKET_OUTGOING):
            continue
        if e.ts_ns < probe_frame.ts_ns:
            continue
        d = decode_frame(e.data)
        if d is None or d.src != address or d.dst != local:
            continue
        reply = fr.l4_bytes(e.data) or b""
        if body[:8] and body[:8] in reply:
            return e  # an ICMP error quoting our probe
        if d.tcp is not None and body[:4] and reply[:4] == body[2:4] + body[0:2]:
            return e  # SYN-ACK / RST: the ports swapped
        if d.icmp is not None and d.icmp.type in (0, 129) and reply[4:8] == body[4:8]:
            return e  # echo reply: same identifier and sequence
    return None
