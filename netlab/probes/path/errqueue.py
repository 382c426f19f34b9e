"""The kernel's error queue (IP_RECVERR / IPV6_RECVERR), and the words for what ICMP said (pure).

When a socket has IP_RECVERR set, the kernel queues each ICMP error about a packet the socket sent
(it finds the socket from the packet the ICMP message quotes).  ``recvmsg(..., MSG_ERRQUEUE)``
returns it as a control message holding ``struct sock_extended_err`` followed by the sockaddr of
the "offender", the host that sent the ICMP message (linux/errqueue.h)::

    struct sock_extended_err { u32 ee_errno; u8 ee_origin, ee_type, ee_code, ee_pad;
                               u32 ee_info; u32 ee_data; };   // ee_info: the MTU of a frag-needed

This module decodes those bytes (the Recording keeps them raw) and names the ICMP types.
"""

from __future__ import annotations

import ipaddress
import struct
from dataclasses import dataclass

IP_RECVERR = 11
IPV6_RECVERR = 25
IP_MTU_DISCOVER = 10
IPV6_MTU_DISCOVER = 23
IP_PMTUDISC_PROBE = 3  # set DF, ignore the learnt path MTU (what tracepath does)
IPV6_PMTUDISC_PROBE = 3
IP_MTU = 14
IPV6_MTU = 24
SO_EE_ORIGIN_LOCAL = 1
SO_EE_ORIGIN_ICMP = 2
SO_EE_ORIGIN_ICMP6 = 3
_EE = struct.Struct("=IBBBBII")
AF_INET, AF_INET6 = 2, 10


@dataclass(frozen=True)
class ExtendedError:
    errno: int
    origin: int  # 1 local, 2 ICMP, 3 ICMPv6
    type: int
    code: int
    info: int  # the MTU of a frag-needed / packet-too-big (or of a local EMSGSIZE)
    offender: str | None

    @property
    def version(self) -> int | None:
        return {SO_EE_ORIGIN_ICMP: 4, SO_EE_ORIGIN_ICMP6: 6}.get(self.origin)


def parse_extended_error(raw: bytes) -> ExtendedError | None:
    """Decode a control message's data; None when it is too short to be one."""
    if len(raw) < _EE.size:
        return None
    errno_, origin, typ, code, _pad, info, _data = _EE.unpack_from(raw)
    off = raw[_EE.size:]
    offender = None
    if len(off) >= 8 and struct.unpack_from("=H", off)[0] == AF_INET:
        offender = str(ipaddress.IPv4Address(off[4:8]))
    elif len(off) >= 24 and struct.unpack_from("=H", off)[0] == AF_INET6:
        offender = str(ipaddress.IPv6Address(off[8:24]))
    return ExtendedError(errno_, origin, typ, code, info, offender)


# ------------------------------------------------------------------------------------ naming

def is_time_exceeded(version: int | None, typ: int | None) -> bool:
    return (version == 4 and typ == 11) or (version == 6 and typ == 3)


def is_too_big(version: int | None, typ: int | None, code: int | None) -> bool:
    """ICMP "fragmentation needed and DF set" (3/4) or ICMPv6 "packet too big" (2)."""
    return (version == 4 and typ == 3 and code == 4) or (version == 6 and typ == 2)


def is_unreachable(version: int | None, typ: int | None) -> bool:
    return (version == 4 and typ == 3) or (version == 6 and typ == 1)


def is_port_unreachable(version: int | None, typ: int | None, code: int | None) -> bool:
    return (version == 4 and typ == 3 and code == 3) or (version == 6 and typ == 1 and code == 4)


# traceroute's marks for the unreachables (its man page): !N network, !H host, !P protocol,
# !X administratively prohibited, !F fragmentation needed; port unreachable means "arrived".
_MARKS_V4 = {0: "!N", 1: "!H", 2: "!P", 4: "!F", 6: "!N", 7: "!H", 9: "!X", 10: "!X", 13: "!X"}
_MARKS_V6 = {0: "!N", 1: "!X", 3: "!H", 5: "!X", 6: "!X"}
# message keys (messages.py, "icmp.*") for the unreachable codes
_NAMES_V4 = {0: "net", 1: "host", 2: "protocol", 3: "port", 4: "frag", 6: "net", 7: "host", 9: "admin",
             10: "admin", 13: "admin"}
_NAMES_V6 = {0: "net", 1: "admin", 3: "host", 4: "port", 5: "admin", 6: "admin"}


def unreachable_mark(version: int | None, code: int | None) -> str:
    return (_MARKS_V4 if version == 4 else _MARKS_V6).get(code if code is not None else -1, f"!<{code}>")


def unreachable_name(version: int | None, code: int | None) -> str:
    """A short name for an unreachable code: net | host | protocol | port | frag | admin | other."""
    return (_NAMES_V4 if version == 4 else _NAMES_V6).get(code if code is not None else -1, "other")
