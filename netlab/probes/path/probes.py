"""The probes themselves: one socket per probe, a TTL on each, and what the kernel says came back.

I/O only (collect's helper).  No raw socket is needed for the probes:

- UDP: an ordinary datagram socket; the destination's ICMP "port unreachable" says we arrived.
- ICMP: a "ping" socket (SOCK_DGRAM, IPPROTO_ICMP, allowed by net.ipv4.ping_group_range), or a raw
  socket with CAP_NET_RAW; the echo reply says we arrived.
- TCP: a non-blocking connect(); a SYN-ACK (connected) or a RST (refused) says we arrived.

Each socket has IP_RECVERR (IPV6_RECVERR): every ICMP error about its packet (time exceeded,
unreachable, fragmentation needed / packet too big) is queued on it with the sender's address.
"""

from __future__ import annotations

import errno
import os
import select
import socket
import struct
import time
from dataclasses import dataclass

from netlab.errors import PrivilegeRequired
from netlab.probes.icmp import echo_request
from netlab.probes.path.errqueue import (
    IP_MTU_DISCOVER,
    IP_PMTUDISC_PROBE,
    IP_RECVERR,
    IPV6_MTU_DISCOVER,
    IPV6_PMTUDISC_PROBE,
    IPV6_RECVERR,
    parse_extended_error,
)
from netlab.probes.path.model import ProbeAnswered, ProbeFailed, ProbeSent, ProbeSilent

PAYLOAD = b"netlab path probe "
SO_TIMESTAMPNS = 35
ICMP_NEEDS = ("ICMP probes need a 'ping' socket (net.ipv4.ping_group_range must include your group) or "
              "CAP_NET_RAW for a raw one")


def _stamp(anc) -> int | None:
    """The SCM_TIMESTAMPNS of a message's control data (ns, CLOCK_REALTIME), if there is one."""
    for level, typ, val in anc:
        if level == socket.SOL_SOCKET and typ == SO_TIMESTAMPNS and len(val) >= 16:
            sec, nsec = struct.unpack("qq", val[:16])
            return sec * 1_000_000_000 + nsec
    return None


@dataclass
class Pending:
    probe: int
    ttl: int
    phase: str
    sock: socket.socket
    sent: float  # probe clock
    raw: bool = False  # a raw ICMP socket (not a ping socket)
    ident: int = 0


class Engine:
    """Sends probes and gathers the kernel's answers; every step is an event in the Recording."""

    def __init__(self, rec, clock, address: str, family: int, protocol: str, first_probe: int = 1):
        self.rec, self.clock = rec, clock
        self.address, self.family, self.protocol = address, family, protocol
        self.v6 = family == 6
        self.pending: dict[int, Pending] = {}
        self.outcomes: dict[int, object] = {}  # probe -> ProbeAnswered | ProbeSilent | ProbeFailed
        self.next_probe = first_probe  # probe numbers are unique in a Recording, across engines
        self.sent_at: dict[int, float] = {}  # probe -> when it left (probe clock)
        self.ttl_of: dict[int, int] = {}
        self.icmp_raw: bool | None = None  # decided on the first ICMP probe

    # -- sending ------------------------------------------------------------------------------

    def header_len(self) -> int:
        ip = 40 if self.v6 else 20
        return ip + (0 if self.protocol == "tcp" else 8)

    def send(self, phase: str, ttl: int, size: int = 60, port: int | None = None, df: bool = False) -> int:
        """Send one probe; returns its number (its outcome is in ``outcomes`` once known)."""
        protocol = self.protocol
        n = self.next_probe
        self.next_probe += 1
        size = 0 if protocol == "tcp" else max(size, self.header_len() + len(PAYLOAD))
        try:
            sock, raw = self._socket(protocol)
        except OSError as e:
            self._failed(n, e)
            return n
        wall = None
        try:
            self._options(sock, ttl, df)
            wall = time.time_ns()
            local_port = self._launch(sock, protocol, n, size, port, raw)
        except OSError as e:
            sock.close()
            self.rec.add(ProbeSent(self.clock(), n, phase, protocol, ttl, size, None, port, df, wall))
            self._failed(n, e)
            return n
        t = self.clock()
        self.rec.add(ProbeSent(t, n, phase, protocol, ttl, size, local_port, port if protocol != "icmp" else None, df,
                               wall))
        self.pending[n] = Pending(n, ttl, phase, sock, t, raw, self._ident(n))
        self.sent_at[n], self.ttl_of[n] = t, ttl
        return n

    def _failed(self, n: int, e: OSError) -> None:
        code = e.errno or 0
        self.outcomes[n] = self.rec.add(ProbeFailed(self.clock(), n, code, errno.errorcode.get(code, str(code)),
                                                     e.strerror or str(e)))

    def _socket(self, protocol: str) -> tuple[socket.socket, bool]:
        fam = socket.AF_INET6 if self.v6 else socket.AF_INET
        if protocol == "udp":
            return socket.socket(fam, socket.SOCK_DGRAM), False
        if protocol == "tcp":
            return socket.socket(fam, socket.SOCK_STREAM), False
        proto = socket.IPPROTO_ICMPV6 if self.v6 else socket.IPPROTO_ICMP
        kinds = [(socket.SOCK_DGRAM, False), (socket.SOCK_RAW, True)]
        if self.icmp_raw is not None:
            kinds = [k for k in kinds if k[1] == self.icmp_raw]
        for kind, raw in kinds:
            try:
                s = socket.socket(fam, kind, proto)
                self.icmp_raw = raw
                return s, raw
            except PermissionError:
                continue
        raise PrivilegeRequired(ICMP_NEEDS, hint="use --protocol udp or --protocol tcp (no privilege needed), "
                                                 "or run inside `netlab --sandbox`")

    def _options(self, sock: socket.socket, ttl: int, df: bool) -> None:
        if self.v6:
            sock.setsockopt(socket.IPPROTO_IPV6, IPV6_RECVERR, 1)
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_UNICAST_HOPS, ttl)
            if df:
                sock.setsockopt(socket.IPPROTO_IPV6, IPV6_MTU_DISCOVER, IPV6_PMTUDISC_PROBE)
        else:
            sock.setsockopt(socket.IPPROTO_IP, IP_RECVERR, 1)
            sock.setsockopt(socket.IPPROTO_IP, socket.IP_TTL, ttl)
            if df:
                sock.setsockopt(socket.IPPROTO_IP, IP_MTU_DISCOVER, IP_PMTUDISC_PROBE)
        sock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
        sock.setblocking(False)

    def _ident(self, n: int) -> int:
        return (os.getpid() + n) & 0xFFFF

    def _launch(self, sock, protocol: str, n: int, size: int, port: int | None, raw: bool) -> int | None:
        if protocol == "tcp":
            with_linger = struct.pack("ii", 1, 0)  # close() sends RST: no half-open connection left behind
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, with_linger)
            err = sock.connect_ex((self.address, port or 80))
            if err not in (0, errno.EINPROGRESS):
                raise OSError(err, os.strerror(err))
            return sock.getsockname()[1]
        body = (PAYLOAD * (size // len(PAYLOAD) + 1))[: size - self.header_len()]
        if protocol == "udp":
            sock.sendto(body, (self.address, port or 33434))
            return sock.getsockname()[1]
        # the kernel sums ping sockets and ICMPv6
        pkt = echo_request(self.v6, self._ident(n), n & 0xFFFF, body, checksum=raw and not self.v6)
        sock.sendto(pkt, (self.address, 0))
        return None

    # -- receiving ----------------------------------------------------------------------------

    def poll(self, timeout: float) -> list[int]:
        """Wait up to ``timeout`` for answers; returns the probes answered now."""
        if not self.pending:
            return []
        socks = {p.sock: p for p in self.pending.values()}
        writers = list(socks) if self.protocol == "tcp" else []
        try:
            r, w, _ = select.select(list(socks), writers, [], max(0.0, timeout))
        except InterruptedError:
            return []
        done = []
        for s in set(r) | set(w):
            p = socks[s]
            if self._collect(p):
                done.append(p.probe)
        return done

    def _collect(self, p: Pending) -> bool:
        ans = self._error_queue(p)
        if ans is None:
            ans = self._regular(p)
        if ans is None:
            return False
        self.outcomes[p.probe] = self.rec.add(ans)
        self._close(p)
        return True

    def _error_queue(self, p: Pending) -> ProbeAnswered | None:
        try:
            _data, anc, _flags, _addr = p.sock.recvmsg(512, 512, socket.MSG_ERRQUEUE)
        except (BlockingIOError, InterruptedError):
            return None
        except OSError:
            return None
        t = self.clock()
        stamp = _stamp(anc)
        for level, _typ, val in anc:
            if level == socket.SOL_SOCKET:
                continue
            e = parse_extended_error(val)
            if e is None or e.version is None:
                continue
            return ProbeAnswered(t, p.probe, "icmp", e.offender, e.type, e.code, e.version, e.errno,
                                 e.info or None, bytes(val), stamp)
        return None

    def _regular(self, p: Pending) -> ProbeAnswered | None:
        t = self.clock()
        if self.protocol == "tcp":
            err = p.sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if err == 0:
                return ProbeAnswered(t, p.probe, "syn-ack", self.address)
            if err == errno.ECONNREFUSED:
                return ProbeAnswered(t, p.probe, "rst", self.address, errno=err)
            return ProbeAnswered(t, p.probe, "error", None, errno=err)
        if self.protocol != "icmp":
            return None
        try:
            data, anc, _flags, addr = p.sock.recvmsg(2048, 256)
        except (BlockingIOError, InterruptedError):
            return None
        except OSError:
            return None
        if p.raw and not self.v6 and data and data[0] >> 4 == 4:
            data = data[(data[0] & 0x0F) * 4:]
        reply_type = 129 if self.v6 else 0
        if len(data) < 8 or data[0] != reply_type:
            return None
        if p.raw and struct.unpack("!H", data[4:6])[0] != p.ident:
            return None
        return ProbeAnswered(t, p.probe, "echo-reply", addr[0], kernel_ns=_stamp(anc))

    def expire(self, wait_for) -> list[int]:
        """Give up on pending probes whose wait is over: ``wait_for(pending) -> (seconds, rule)``."""
        now = self.clock()
        gone = []
        for p in list(self.pending.values()):
            wait, rule = wait_for(p)
            if now - p.sent >= wait:
                self.outcomes[p.probe] = self.rec.add(ProbeSilent(now, p.probe, round(now - p.sent, 6), rule))
                self._close(p)
                gone.append(p.probe)
        return gone

    def next_expiry(self, wait_for) -> float:
        """Seconds until the first pending probe's wait is over (0 when one already is)."""
        now = self.clock()
        return max(0.0, min((p.sent + wait_for(p)[0] - now for p in self.pending.values()), default=0.0))

    def _close(self, p: Pending) -> None:
        self.pending.pop(p.probe, None)
        try:
            p.sock.close()
        except OSError:
            pass

    def close(self) -> None:
        for p in list(self.pending.values()):
            self._close(p)
