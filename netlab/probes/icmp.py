"""The Internet checksum (RFC 1071) and the ICMP echo request the probes send (pure).

Used by tcp-handshake (the echo that warms the neighbour caches before the SYN) and path (its
ICMP probes, and the checksum of the neighbour solicitation it sends).
"""

from __future__ import annotations

import struct


def inet_checksum(data: bytes) -> int:
    """The ones' complement of the ones' complement sum of ``data``'s 16-bit words."""
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while s >> 16:
        s = (s >> 16) + (s & 0xFFFF)
    return ~s & 0xFFFF


def echo_request(v6: bool, ident: int, seq: int, body: bytes, checksum: bool) -> bytes:
    """An ICMP (ICMPv6 when ``v6``) echo request.  ``checksum=False`` leaves the sum 0: the kernel
    fills it in for ICMPv6 (it covers a pseudo-header) and for a "ping" socket."""
    typ = 128 if v6 else 8
    csum = inet_checksum(struct.pack("!BBHHH", typ, 0, 0, ident, seq) + body) if checksum else 0
    return struct.pack("!BBHHH", typ, 0, csum, ident, seq) + body
