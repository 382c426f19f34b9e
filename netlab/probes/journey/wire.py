"""Captured frames, read (pure): ARP, IPv4/IPv6, UDP (DNS), TCP (flags, TLS records, HTTP/1.x
lines), ICMP.  netlab.capture.decode reads IP, TCP and ICMP; this module adds the link header's
ARP, UDP and what a payload starts with.  Strict about lengths: what cannot be read is None.
"""

from __future__ import annotations

import ipaddress
import struct

from netlab.capture.decode import decode_frame

LINKTYPE_ETHERNET, LINKTYPE_RAW, LINKTYPE_SLL = 1, 101, 113
TLS_CONTENT = {20: "ChangeCipherSpec", 21: "Alert", 22: "Handshake", 23: "ApplicationData"}
TLS_HANDSHAKE = {1: "ClientHello", 2: "ServerHello", 4: "NewSessionTicket", 8: "EncryptedExtensions",
                 11: "Certificate", 12: "ServerKeyExchange", 13: "CertificateRequest", 14: "ServerHelloDone",
                 15: "CertificateVerify", 16: "ClientKeyExchange", 20: "Finished"}
HTTP_METHODS = (b"GET ", b"HEAD ", b"POST ", b"PUT ", b"DELETE ", b"OPTIONS ", b"PATCH ", b"CONNECT ")


def _link(frame: bytes, linktype: int) -> tuple[int, int] | None:
    """(offset of the network header, ethertype; 0 = decide by the version nibble)."""
    if linktype == LINKTYPE_ETHERNET:
        if len(frame) < 14:
            return None
        off, etype = 14, struct.unpack("!H", frame[12:14])[0]
        while etype in (0x8100, 0x88A8) and len(frame) >= off + 4:
            etype, off = struct.unpack("!H", frame[off + 2:off + 4])[0], off + 4
        return off, etype
    if linktype == LINKTYPE_SLL:
        return (16, struct.unpack("!H", frame[14:16])[0]) if len(frame) >= 16 else None
    if linktype == LINKTYPE_RAW:
        return 0, 0
    return None


def _mac(b: bytes) -> str:
    return ":".join(f"{x:02x}" for x in b)


def _arp(body: bytes) -> dict | None:
    if len(body) < 28 or body[4] != 6 or body[5] != 4:
        return None
    op = struct.unpack("!H", body[6:8])[0]
    return {"kind": "arp", "op": {1: "request", 2: "reply"}.get(op, str(op)),
            "sender_mac": _mac(body[8:14]), "sender_ip": str(ipaddress.IPv4Address(body[14:18])),
            "target_mac": _mac(body[18:24]), "target_ip": str(ipaddress.IPv4Address(body[24:28]))}


def frame_info(frame: bytes, linktype: int = LINKTYPE_ETHERNET) -> dict | None:
    """What one frame is: {kind: arp | ip, family, src, dst, proto, sport, dport, flags, seq, ack,
    payload_len, payload, dns, icmp_type, nd...}; None when it is neither ARP nor IP."""
    link = _link(frame, linktype)
    if link is None:
        return None
    off, etype = link
    if etype == 0x0806:
        return _arp(frame[off:])
    d = decode_frame(frame, linktype)
    if d is None:
        return None
    info = {"kind": "ip", "family": d.version, "src": d.src, "dst": d.dst, "proto": d.proto, "ttl": d.ttl,
            "sport": None, "dport": None, "dns": False, "payload": b"", "payload_len": 0,
            "eth_src": _mac(frame[6:12]) if linktype == LINKTYPE_ETHERNET else None,
            "eth_dst": _mac(frame[0:6]) if linktype == LINKTYPE_ETHERNET else None}
    if d.tcp is not None:
        t = d.tcp
        ip_len = d.total_len - d.ip_header_len
        info.update(proto="tcp", sport=t.sport, dport=t.dport, flags=t.flags_text, seq=t.seq, ack=t.ack,
                    payload=t.payload[:2048], payload_len=max(0, ip_len - t.header_len))
        info["dns"] = 53 in (t.sport, t.dport)
    elif d.proto == 17:
        udp = frame[off + d.ip_header_len:]
        if len(udp) >= 8:
            sport, dport, length = struct.unpack("!HHH", udp[:6])
            info.update(proto="udp", sport=sport, dport=dport, payload=udp[8:length] if length >= 8 else udp[8:],
                        payload_len=max(0, length - 8))
            info["dns"] = 53 in (sport, dport)
    elif d.icmp is not None:
        info.update(proto="icmp6" if d.version == 6 else "icmp", icmp_type=d.icmp.type, icmp_code=d.icmp.code)
        if d.version == 6 and d.icmp.type in (135, 136):
            info["nd"] = "solicitation" if d.icmp.type == 135 else "advertisement"
    return info


def tls_records(payload: bytes) -> list[str]:
    """The TLS records a TCP payload starts with, named: "Handshake:ClientHello", "ApplicationData"
    (a record cut by the capture or by a segment boundary ends the list)."""
    out = []
    p = 0
    while p + 5 <= len(payload) and len(out) < 8:
        ctype, major = payload[p], payload[p + 1]
        if ctype not in TLS_CONTENT or major != 3:
            break
        length = struct.unpack("!H", payload[p + 3:p + 5])[0]
        name = TLS_CONTENT[ctype]
        if ctype == 22 and p + 5 < len(payload) and length >= 4:
            name += ":" + TLS_HANDSHAKE.get(payload[p + 5], f"type {payload[p + 5]}")
        out.append(name)
        p += 5 + length
    return out


def client_hello_sni(payload: bytes) -> str | None:
    """The server name in a ClientHello record (None when absent or cut off)."""
    try:
        if len(payload) < 44 or payload[0] != 22 or payload[5] != 1:
            return None
        p = 5 + 4 + 2 + 32
        p += 1 + payload[p]  # session id
        p += 2 + struct.unpack("!H", payload[p:p + 2])[0]  # cipher suites
        p += 1 + payload[p]  # compression methods
        end = p + 2 + struct.unpack("!H", payload[p:p + 2])[0]
        p += 2
        while p + 4 <= min(end, len(payload)):
            etype, elen = struct.unpack("!HH", payload[p:p + 4])
            if etype == 0:
                ext = payload[p + 4:p + 4 + elen]
                if len(ext) >= 5 and ext[2] == 0:
                    n = struct.unpack("!H", ext[3:5])[0]
                    name = ext[5:5 + n]
                    return name.decode("ascii", "replace") if len(name) == n else None
                return None
            p += 4 + elen
    except (IndexError, struct.error):
        return None
    return None


def http_line(payload: bytes) -> str | None:
    """The request or status line a plaintext HTTP/1.x payload starts with."""
    if payload.startswith(HTTP_METHODS) or payload.startswith(b"HTTP/1."):
        line = payload.split(b"\r\n", 1)[0][:120]
        return line.decode("latin-1")
    return None


def dns_summary(payload: bytes) -> dict | None:
    """{qr, id, name, qtype, rcode, answers} of a DNS message (UDP payload), None if unreadable."""
    import dns.exception
    import dns.message
    import dns.rcode
    import dns.rdatatype

    try:
        m = dns.message.from_wire(payload)
    except (dns.exception.DNSException, ValueError, IndexError, struct.error):
        return None
    q = m.question[0] if m.question else None
    return {"qr": bool(m.flags & 0x8000), "id": m.id, "name": q.name.to_text() if q is not None else "?",
            "qtype": dns.rdatatype.to_text(q.rdtype) if q is not None else "?", "rcode": dns.rcode.to_text(m.rcode()),
            "answers": sum(len(r) for r in m.answer)}
