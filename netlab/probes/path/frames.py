"""Link-layer facts of captured frames, and the two neighbour-discovery frames we send (pure).

IP, TCP and ICMP are decoded by netlab.capture.decode; this adds what the path probe needs besides:
the Ethernet addresses, the IPv4 identification and DF bit, ARP (RFC 826), the next-hop MTU of
an ICMP "fragmentation needed" / "packet too big", and IPv6 neighbour solicitation/advertisement
(RFC 4861).  Strict about lengths: a frame that is too short gives None.
"""

from __future__ import annotations

import ipaddress
import struct
from dataclasses import dataclass

from netlab.probes.icmp import inet_checksum

ETH_ARP, ETH_IP, ETH_IP6 = 0x0806, 0x0800, 0x86DD
BROADCAST = "ff:ff:ff:ff:ff:ff"


def mac_text(raw: bytes) -> str:
    return ":".join(f"{b:02x}" for b in raw)


def mac_bytes(text: str) -> bytes:
    return bytes(int(x, 16) for x in text.split(":"))


@dataclass(frozen=True)
class Ether:
    dst: str
    src: str
    ethertype: int
    payload: bytes


def ether(frame: bytes) -> Ether | None:
    if len(frame) < 14:
        return None
    off, etype = 12, struct.unpack("!H", frame[12:14])[0]
    while etype in (0x8100, 0x88A8) and len(frame) >= off + 6:
        off += 4
        etype = struct.unpack("!H", frame[off:off + 2])[0]
    return Ether(mac_text(frame[0:6]), mac_text(frame[6:12]), etype, frame[off + 2:])


@dataclass(frozen=True)
class Arp:
    op: int  # 1 request, 2 reply
    sender_mac: str
    sender_ip: str
    target_mac: str
    target_ip: str


def arp(frame: bytes) -> Arp | None:
    e = ether(frame)
    if e is None or e.ethertype != ETH_ARP or len(e.payload) < 28:
        return None
    htype, ptype, hlen, plen, op = struct.unpack("!HHBBH", e.payload[:8])
    if htype != 1 or ptype != ETH_IP or hlen != 6 or plen != 4:
        return None
    p = e.payload
    return Arp(op, mac_text(p[8:14]), str(ipaddress.IPv4Address(p[14:18])), mac_text(p[18:24]),
               str(ipaddress.IPv4Address(p[24:28])))


@dataclass(frozen=True)
class Neighbour6:
    type: int  # 135 solicitation, 136 advertisement
    target: str
    mac: str | None  # the source / target link-layer address option


def nd(frame: bytes) -> Neighbour6 | None:
    e = ether(frame)
    if e is None or e.ethertype != ETH_IP6 or len(e.payload) < 40 + 24 or e.payload[6] != 58:
        return None
    icmp = e.payload[40:]
    if icmp[0] not in (135, 136):
        return None
    target = str(ipaddress.IPv6Address(icmp[8:24]))
    mac = None
    opts = icmp[24:]
    while len(opts) >= 8 and opts[1]:
        if opts[0] in (1, 2) and opts[1] == 1:
            mac = mac_text(opts[2:8])
        opts = opts[opts[1] * 8:]
    return Neighbour6(icmp[0], target, mac)


@dataclass(frozen=True)
class IpFacts:
    """What the IP header says that netlab.capture.decode does not keep."""

    ip_id: int | None  # IPv4 identification (None for IPv6)
    df: bool  # IPv4 "don't fragment"; IPv6 routers never fragment (always True)
    length: int  # the IP packet's total length


def _ip(frame: bytes) -> tuple[int | None, bytes]:
    """(4 or 6, the IP packet) of a frame whose IP header is all there (20 or 40 bytes), else (None, b"")."""
    e = ether(frame)
    if e is not None and e.ethertype == ETH_IP and len(e.payload) >= 20:
        return 4, e.payload
    if e is not None and e.ethertype == ETH_IP6 and len(e.payload) >= 40:
        return 6, e.payload
    return None, b""


def ip_facts(frame: bytes) -> IpFacts | None:
    version, p = _ip(frame)
    if version == 4:
        ident, frag = struct.unpack("!HH", p[4:8])
        return IpFacts(ident, bool(frag & 0x4000), struct.unpack("!H", p[2:4])[0])
    if version == 6:
        return IpFacts(None, True, 40 + struct.unpack("!H", p[4:6])[0])
    return None


def icmp_next_mtu(frame: bytes) -> int | None:
    """The MTU a frag-needed (ICMP 3/4: bytes 6-7) or packet-too-big (ICMPv6 2: bytes 4-7) carries."""
    version, p = _ip(frame)
    if version == 4:
        ihl = (p[0] & 0x0F) * 4
        if p[9] == 1 and len(p) >= ihl + 8 and p[ihl] == 3 and p[ihl + 1] == 4:
            return struct.unpack("!H", p[ihl + 6:ihl + 8])[0]
    if version == 6 and len(p) >= 48 and p[6] == 58 and p[40] == 2:
        return struct.unpack("!I", p[44:48])[0]
    return None


def l4_bytes(frame: bytes) -> bytes | None:
    """The IP payload (transport header onwards): the same at every hop of a path without NAT."""
    version, p = _ip(frame)
    if version == 4:
        ihl = (p[0] & 0x0F) * 4
        total = struct.unpack("!H", p[2:4])[0]
        return p[ihl:max(ihl, min(total, len(p)))]
    if version == 6:
        return p[40:40 + struct.unpack("!H", p[4:6])[0]]
    return None


# ------------------------------------------------------------------------------------ what we send


def arp_request(src_mac: str, src_ip: str, target_ip: str) -> bytes:
    """Who has ``target_ip``? Tell ``src_ip`` (broadcast)."""
    body = struct.pack("!HHBBH", 1, ETH_IP, 6, 4, 1) + mac_bytes(src_mac) + ipaddress.IPv4Address(src_ip).packed
    body += bytes(6) + ipaddress.IPv4Address(target_ip).packed
    return mac_bytes(BROADCAST) + mac_bytes(src_mac) + struct.pack("!H", ETH_ARP) + body + bytes(18)


def nd_solicitation(src_mac: str, src_ip: str, target_ip: str) -> bytes:
    """A neighbour solicitation for ``target_ip``, to its solicited-node multicast address."""
    target = ipaddress.IPv6Address(target_ip).packed
    group = ipaddress.IPv6Address("ff02::1:ff00:0").packed[:13] + target[13:]
    src = ipaddress.IPv6Address(src_ip).packed
    icmp = struct.pack("!BBHI", 135, 0, 0, 0) + target + bytes([1, 1]) + mac_bytes(src_mac)
    pseudo = src + group + struct.pack("!IxxxB", len(icmp), 58)
    icmp = icmp[:2] + struct.pack("!H", inet_checksum(pseudo + icmp)) + icmp[4:]
    ip6 = struct.pack("!IHBB", 6 << 28, len(icmp), 58, 255) + src + group
    dst_mac = "33:33:" + ":".join(f"{b:02x}" for b in group[12:])
    return mac_bytes(dst_mac) + mac_bytes(src_mac) + struct.pack("!H", ETH_IP6) + ip6 + icmp
