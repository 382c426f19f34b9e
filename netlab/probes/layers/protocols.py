"""Where each protocol sits: OSI layer, TCP/IP layer, the name of its unit (pure, light).

The table a student checks the dissection against.  Keys are the ``proto`` names dissect.py gives
layers; ``scapy`` maps scapy's class names to them (a class not listed becomes ``data``).

Placement follows common teaching practice, with the disputed cases said in the concept notes:
TLS is drawn in OSI 5-6 and in TCP/IP's application layer (it runs over TCP, see tls.layer); QUIC is
a transport protocol carried in UDP datagrams; ICMP travels in IP packets but belongs to layer 3.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Proto:
    name: str  # as people write it
    osi: str
    tcpip: str  # link | internet | transport | application
    pdu: str  # frame | packet | segment | datagram | record | message | data | padding


PROTOS: dict[str, Proto] = {
    "eth": Proto("Ethernet", "2", "link", "frame"),
    "vlan": Proto("802.1Q VLAN tag", "2", "link", "frame"),
    "sll": Proto("Linux cooked header", "2", "link", "frame"),
    "sll2": Proto("Linux cooked header v2", "2", "link", "frame"),
    "null": Proto("BSD loopback header", "2", "link", "frame"),
    "arp": Proto("ARP", "2", "link", "message"),
    "ipv4": Proto("IPv4", "3", "internet", "packet"),
    "ipv6": Proto("IPv6", "3", "internet", "packet"),
    "ipv6ext": Proto("IPv6 extension header", "3", "internet", "packet"),
    "icmp": Proto("ICMP", "3", "internet", "message"),
    "icmpv6": Proto("ICMPv6", "3", "internet", "message"),
    "tcp": Proto("TCP", "4", "transport", "segment"),
    "udp": Proto("UDP", "4", "transport", "datagram"),
    "quic": Proto("QUIC", "4", "transport", "packet"),
    "tls": Proto("TLS record", "5-6", "application", "record"),
    "dns": Proto("DNS", "7", "application", "message"),
    "http": Proto("HTTP", "7", "application", "message"),
    "data": Proto("data", "?", "application", "data"),
    "qpad": Proto("datagram padding", "4", "transport", "padding"),
    "padding": Proto("padding", "2", "link", "padding"),
}

# scapy class name -> proto key
SCAPY: dict[str, str] = {
    "Ether": "eth", "Dot3": "eth", "Dot1Q": "vlan", "Dot1AD": "vlan",
    "CookedLinux": "sll", "CookedLinuxV2": "sll2", "Loopback": "null",
    "ARP": "arp",
    "IP": "ipv4", "IPerror": "ipv4", "IPv6": "ipv6", "IPerror6": "ipv6",
    "IPv6ExtHdrHopByHop": "ipv6ext", "IPv6ExtHdrDestOpt": "ipv6ext", "IPv6ExtHdrRouting": "ipv6ext",
    "IPv6ExtHdrFragment": "ipv6ext",
    "ICMP": "icmp", "ICMPerror": "icmp",
    "TCP": "tcp", "TCPerror": "tcp", "UDP": "udp", "UDPerror": "udp",
    "DNS": "dns", "DNSTCP": "dns",
    "TLS": "tls", "TLS13": "tls", "SSLv2": "tls",
    "QUIC_Initial": "quic", "QUIC_0RTT": "quic", "QUIC_Handshake": "quic", "QUIC_Retry": "quic",
    "QUIC_Version": "quic", "QUIC_1RTT": "quic",
    "HTTPRequest": "http", "HTTPResponse": "http",
    "Raw": "data", "Padding": "padding",
}

# scapy classes that carry nothing of their own: skipped in the chain (HTTP is a wrapper of
# HTTPRequest/HTTPResponse; NoPayload ends it).
WRAPPERS = ("HTTP", "NoPayload")

# Where a protocol's header ends when scapy's fields run on past it (the record's or message's
# body is a field too): the last header field.  Absent: the header is everything scapy consumed.
HEADER_ENDS_AT: dict[str, str] = {"tls": "len", "dns": "arcount", "quic": "Length"}

# The scapy classes of QUIC long-header packets: after Length, the packet number and payload are
# protected (header protection masks the low bits of the first byte too).
QUIC_PROTECTED_BITS = ("Reserved", "PacketNumberLen")


def proto_of(scapy_class: str) -> str:
    if scapy_class in SCAPY:
        return SCAPY[scapy_class]
    if scapy_class.startswith("ICMPv6") or scapy_class.startswith("_ICMPv6"):
        return "icmpv6"
    return "data"


def info(proto: str) -> Proto:
    return PROTOS.get(proto, PROTOS["data"])
