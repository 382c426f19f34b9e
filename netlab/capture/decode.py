"""A small, pure decoder for captured frames: link header -> IPv4/IPv6 -> TCP or ICMP.

Enough for the probes' own analysis (no scapy, no I/O), strict about lengths: a frame it cannot
decode returns None instead of raising.  Supported link types: Ethernet (with 802.1Q tags),
raw IP, Linux cooked (SLL).  IPv6 extension headers (hop-by-hop, routing, destination options,
fragment) are skipped.

    d = decode_frame(frame_bytes, linktype)
    d.version, d.src, d.dst, d.proto, d.ttl
    d.tcp.sport, d.tcp.seq, d.tcp.flags_text, d.tcp.options, d.tcp.payload
    d.icmp.type, d.icmp.code, d.icmp.inner  # the quoted packet of an ICMP error
"""

from __future__ import annotations

import ipaddress
import struct
from dataclasses import dataclass, field

from netlab.capture.pcap import LINKTYPE_ETHERNET, LINKTYPE_LINUX_SLL, LINKTYPE_RAW

FIN, SYN, RST, PSH, ACK, URG, ECE, CWR = 0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80
_FLAG_ORDER = [(SYN, "SYN"), (FIN, "FIN"), (RST, "RST"), (PSH, "PSH"), (ACK, "ACK"), (URG, "URG"),
               (ECE, "ECE"), (CWR, "CWR")]

IPPROTO_TCP, IPPROTO_UDP, IPPROTO_ICMP, IPPROTO_ICMPV6 = 6, 17, 1, 58
_V6_EXT = {0, 43, 60, 44}


def flags_text(flags: int) -> str:
    names = [n for bit, n in _FLAG_ORDER if flags & bit]
    return ",".join(names) if names else "none"


@dataclass
class TcpHeader:
    sport: int
    dport: int
    seq: int
    ack: int
    flags: int
    window: int
    header_len: int
    options: list[tuple[int, bytes]] = field(default_factory=list)  # (kind, value bytes)
    payload: bytes = b""

    @property
    def flags_text(self) -> str:
        return flags_text(self.flags)

    def has(self, bit: int) -> bool:
        return bool(self.flags & bit)


@dataclass
class QuotedPacket:
    """The start of the packet an ICMP error quotes back."""

    src: str
    dst: str
    proto: int
    sport: int | None = None
    dport: int | None = None
    seq: int | None = None


@dataclass
class IcmpMessage:
    version: int  # 4 (ICMP) or 6 (ICMPv6)
    type: int
    code: int
    inner: QuotedPacket | None = None

    @property
    def is_unreachable(self) -> bool:
        return (self.version == 4 and self.type == 3) or (self.version == 6 and self.type == 1)

    @property
    def is_time_exceeded(self) -> bool:
        return (self.version == 4 and self.type == 11) or (self.version == 6 and self.type == 3)


@dataclass
class Decoded:
    version: int
    src: str
    dst: str
    proto: int
    ttl: int
    ip_header_len: int
    total_len: int
    tcp: TcpHeader | None = None
    icmp: IcmpMessage | None = None


def parse_tcp_options(raw: bytes) -> list[tuple[int, bytes]]:
    out = []
    i = 0
    while i < len(raw):
        kind = raw[i]
        if kind == 0:  # end of option list
            out.append((0, b""))
            break
        if kind == 1:  # no-operation (padding)
            out.append((1, b""))
            i += 1
            continue
        if i + 1 >= len(raw):
            break
        length = raw[i + 1]
        if length < 2 or i + length > len(raw):
            break
        out.append((kind, raw[i + 2:i + length]))
        i += length
    return out


def _ip_payload_start(frame: bytes, linktype: int) -> tuple[int, int] | None:
    """(offset of the IP header, ethertype or 0 when the version nibble decides)."""
    if linktype == LINKTYPE_ETHERNET:
        if len(frame) < 14:
            return None
        off = 12
        etype = struct.unpack("!H", frame[off:off + 2])[0]
        off += 2
        while etype in (0x8100, 0x88A8) and len(frame) >= off + 4:
            etype = struct.unpack("!H", frame[off + 2:off + 4])[0]
            off += 4
        return off, etype
    if linktype == LINKTYPE_RAW:
        return 0, 0
    if linktype == LINKTYPE_LINUX_SLL:
        if len(frame) < 16:
            return None
        return 16, struct.unpack("!H", frame[14:16])[0]
    return None


def _parse_ipv4(pkt: bytes) -> tuple[Decoded, bytes] | None:
    if len(pkt) < 20 or pkt[0] >> 4 != 4:
        return None
    ihl = (pkt[0] & 0x0F) * 4
    total = struct.unpack("!H", pkt[2:4])[0]
    if ihl < 20 or len(pkt) < ihl:
        return None
    frag = struct.unpack("!H", pkt[6:8])[0]
    if frag & 0x1FFF:
        return None  # a non-first fragment has no transport header
    end = min(len(pkt), total) if total >= ihl else len(pkt)
    d = Decoded(4, str(ipaddress.IPv4Address(pkt[12:16])), str(ipaddress.IPv4Address(pkt[16:20])),
                pkt[9], pkt[8], ihl, total)
    return d, pkt[ihl:end]


def _parse_ipv6(pkt: bytes) -> tuple[Decoded, bytes] | None:
    if len(pkt) < 40 or pkt[0] >> 4 != 6:
        return None
    plen = struct.unpack("!H", pkt[4:6])[0]
    nh = pkt[6]
    off = 40
    end = min(len(pkt), 40 + plen)
    while nh in _V6_EXT and off + 8 <= end:
        if nh == 44:  # fragment header: fixed 8 bytes; only the first fragment is decodable
            if struct.unpack("!H", pkt[off + 2:off + 4])[0] & 0xFFF8:
                return None
            nh, off = pkt[off], off + 8
        else:
            nh, off = pkt[off], off + (pkt[off + 1] + 1) * 8
    d = Decoded(6, str(ipaddress.IPv6Address(pkt[8:24])), str(ipaddress.IPv6Address(pkt[24:40])),
                nh, pkt[7], off, 40 + plen)
    return d, pkt[off:end]


def _parse_tcp(seg: bytes, full: bool = True) -> TcpHeader | None:
    if len(seg) < 20:
        return None
    sport, dport, seq, ack, off_flags, window = struct.unpack("!HHIIHH", seg[:16])
    hlen = (off_flags >> 12) * 4
    if hlen < 20 or len(seg) < hlen:
        return None
    return TcpHeader(sport, dport, seq, ack, off_flags & 0xFF, window, hlen,
                     parse_tcp_options(seg[20:hlen]), seg[hlen:] if full else b"")


def _parse_quoted(inner: bytes) -> QuotedPacket | None:
    parsed = _parse_ipv4(inner) if inner[:1] and inner[0] >> 4 == 4 else _parse_ipv6(inner)
    if parsed is None:
        return None
    d, rest = parsed
    q = QuotedPacket(d.src, d.dst, d.proto)
    if d.proto in (IPPROTO_TCP, IPPROTO_UDP) and len(rest) >= 4:
        q.sport, q.dport = struct.unpack("!HH", rest[:4])
        if d.proto == IPPROTO_TCP and len(rest) >= 8:
            q.seq = struct.unpack("!I", rest[4:8])[0]
    return q


def decode_frame(frame: bytes, linktype: int = LINKTYPE_ETHERNET) -> Decoded | None:
    """Decode one captured frame; None when it is not IPv4/IPv6 or is malformed."""
    start = _ip_payload_start(frame, linktype)
    if start is None:
        return None
    off, etype = start
    pkt = frame[off:]
    if etype == 0x0800 or (etype == 0 and pkt[:1] and pkt[0] >> 4 == 4):
        parsed = _parse_ipv4(pkt)
    elif etype == 0x86DD or (etype == 0 and pkt[:1] and pkt[0] >> 4 == 6):
        parsed = _parse_ipv6(pkt)
    else:
        return None
    if parsed is None:
        return None
    d, body = parsed
    if d.proto == IPPROTO_TCP:
        d.tcp = _parse_tcp(body)
    elif (d.proto == IPPROTO_ICMP and d.version == 4) or (d.proto == IPPROTO_ICMPV6 and d.version == 6):
        if len(body) >= 8:
            m = IcmpMessage(d.version, body[0], body[1])
            if m.is_unreachable or m.is_time_exceeded:
                m.inner = _parse_quoted(body[8:])
            d.icmp = m
    return d
