"""The sockets of one `netlab nat` run, read by one asyncio loop (I/O, collect's helper).

Every socket has an id (``map``, ``filter``, ``life-3``, ``punch:c-sym``...) and may live in another
sandbox host's network namespace: it is created there (netlab.sandbox.netns.in_netns, for the
socket() call only) and read here like the others.  Every datagram that goes out or comes in is
recorded with its raw bytes (MessageSent / MessageReceived), up to MAX_MESSAGES.

A STUN transaction (``transact``) retransmits as RFC 8489 says, with the same transaction id and a
doubling interval, and is answered by the first STUN message that carries its transaction id, on
whichever socket it arrives (RESPONSE-PORT and hairpinning deliver it to another socket than the
sender).  A socket marked ``agent`` behaves as an ICE agent: it answers every Binding request it
receives with a Binding success response naming the request's source, and remembers sources it did
not know (peer-reflexive addresses).
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import socket
from dataclasses import dataclass, field

from netlab.probes.nat import model, stun


@dataclass
class Arrival:
    sock: str
    src: tuple[str, int]
    data: bytes
    parsed: stun.Parsed
    t: float


@dataclass
class Sock:
    sid: str
    purpose: str
    sock: socket.socket
    host: str | None
    transport: asyncio.DatagramTransport | None = None
    agent: bool = False
    local: tuple[str, int] = ("0.0.0.0", 0)
    learnt: list[tuple[str, int]] = field(default_factory=list)  # sources we did not send to first

    @property
    def port(self) -> int:
        return self.local[1]


class _Proto(asyncio.DatagramProtocol):
    def __init__(self, net: Net, sid: str):
        self.net, self.sid = net, sid

    def datagram_received(self, data: bytes, addr) -> None:
        self.net.received(self.sid, data, (addr[0], addr[1]))

    def error_received(self, exc: Exception) -> None:  # ICMP errors on an unconnected socket: not ours to act on
        pass


class Net:
    def __init__(self, rec, clock, state_dir: str | None, toward: tuple[str, int]):
        self.rec, self.clock, self.state_dir, self.toward = rec, clock, state_dir, toward
        self.socks: dict[str, Sock] = {}
        self.waiters: dict[bytes, asyncio.Future] = {}
        self.arrivals: list[Arrival] = []
        self.changed = asyncio.Event()
        self.count = 0
        self.dropped = 0
        self._local_ip: dict[str | None, str] = {}

    # ------------------------------------------------------------------ recording

    def _keep(self, ev) -> None:
        if self.count < model.MAX_MESSAGES:
            self.count += 1
            self.rec.add(ev)
        else:
            self.dropped += 1

    def finish(self) -> None:
        if self.dropped:
            self.rec.add(model.MessagesCut(self.clock(), self.count, self.dropped))
        for s in self.socks.values():
            with contextlib.suppress(Exception):
                if s.transport:
                    s.transport.close()
                else:
                    s.sock.close()

    # ------------------------------------------------------------------ sockets

    def _in_host(self, host: str | None):
        if host is None:
            return contextlib.nullcontext()
        from netlab.sandbox.netns import in_netns

        return in_netns(host, self.state_dir)

    def local_ip(self, host: str | None) -> str:
        """The address the kernel of ``host`` uses towards the server (our host candidate's address)."""
        if host not in self._local_ip:
            try:
                with self._in_host(host):
                    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                with contextlib.closing(s):
                    s.connect(self.toward)
                    self._local_ip[host] = s.getsockname()[0]
            except OSError:
                self._local_ip[host] = "0.0.0.0"
        return self._local_ip[host]

    async def open(self, sid: str, purpose: str, host: str | None = None, agent: bool = False) -> Sock | None:
        """A UDP socket on a fresh port, in ``host``'s namespace (None: ours)."""
        loop = asyncio.get_running_loop()
        try:
            with self._in_host(host):
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.bind(("0.0.0.0", 0))
            s.setblocking(False)
        except OSError as e:
            self.rec.add(model.SocketFailed(self.clock(), sid, purpose, f"{type(e).__name__}: {e.strerror or e}"))
            return None
        local = (self.local_ip(host), s.getsockname()[1])
        sk = Sock(sid, purpose, s, host, agent=agent, local=local)
        sk.transport, _ = await loop.create_datagram_endpoint(lambda: _Proto(self, sid), sock=s)
        self.socks[sid] = sk
        self.rec.add(model.SocketOpened(self.clock(), sid, purpose, "udp", local[0], local[1], host))
        return sk

    # ------------------------------------------------------------------ datagrams

    def send(self, sk: Sock, dst: tuple[str, int], data: bytes, test: str, attempt: int = 1) -> None:
        err = None
        try:
            sk.transport.sendto(data, dst)
        except OSError as e:
            err = errno.errorcode.get(e.errno or 0, type(e).__name__)
        self._keep(model.MessageSent(self.clock(), sk.sid, dst[0], dst[1], data[:model.KEEP_BYTES], test, attempt, err))

    def received(self, sid: str, data: bytes, src: tuple[str, int]) -> None:
        t = self.clock()
        self._keep(model.MessageReceived(t, sid, src[0], src[1], data[:model.KEEP_BYTES], len(data)))
        parsed = stun.parse(data) if stun.looks_like_stun(data) else stun.Parsed(False, "not STUN")
        self.arrivals.append(Arrival(sid, src, data, parsed, t))
        sk = self.socks.get(sid)
        if parsed.ok:
            fut = self.waiters.get(parsed.tid)
            if fut is not None and not fut.done():
                fut.set_result(self.arrivals[-1])
            elif sk is not None and sk.agent and parsed.kind == "request" and parsed.method == "binding":
                if src not in sk.learnt:
                    sk.learnt.append(src)
                self.send(sk, src, stun.binding_success(parsed.tid, src), f"answer:{sid}")
        self.changed.set()

    async def transact(self, sk: Sock, dst: tuple[str, int], tid: bytes, data: bytes, test: str, rto: float,
                       tries: int = 4, deadline: float | None = None) -> Arrival | None:
        """Send and retransmit (same transaction id) until a message with ``tid`` arrives anywhere."""
        loop = asyncio.get_running_loop()
        fut = loop.create_future()
        self.waiters[tid] = fut
        t0 = self.clock()
        wait = rto
        got = None
        attempt = 0
        try:
            for attempt in range(1, tries + 1):
                self.send(sk, dst, data, test, attempt)
                last = attempt == tries
                span = wait * (2 if last else 1)
                if deadline is not None:
                    span = max(0.01, min(span, deadline - self.clock()))
                try:
                    got = await asyncio.wait_for(asyncio.shield(fut), span)
                    break
                except TimeoutError:
                    if deadline is not None and self.clock() >= deadline:
                        break
                wait *= 2
        finally:
            self.waiters.pop(tid, None)
        self.rec.add(model.WaitEnded(self.clock(), test, attempt, round(self.clock() - t0, 6), got is not None))
        return got

    async def until(self, pred, timeout: float):
        """Wait until ``pred(arrival)`` holds for an arrival (looked at in order); the arrival or None."""
        end = self.clock() + timeout
        seen = 0
        while True:
            while seen < len(self.arrivals):
                a = self.arrivals[seen]
                seen += 1
                if pred(a):
                    return a
            left = end - self.clock()
            if left <= 0:
                return None
            self.changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.changed.wait(), left)

    # ------------------------------------------------------------------ TCP (STUN over TCP)

    async def tcp_exchange(self, sid: str, host: str | None, local_port: int, dst: tuple[str, int], tid: bytes,
                           data: bytes, test: str, timeout: float) -> tuple[int, bytes | None]:
        """Connect from ``local_port`` (0: any; reused with SO_REUSEADDR/SO_REUSEPORT), send one
        STUN request, read one message.  (our local port, the response or None)."""
        loop = asyncio.get_running_loop()
        try:
            with self._in_host(host):
                s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
            s.bind(("0.0.0.0", local_port))
            s.setblocking(False)
        except OSError as e:
            self.rec.add(model.SocketFailed(self.clock(), sid, "tcp", f"{type(e).__name__}: {e.strerror or e}"))
            return local_port, None
        port = s.getsockname()[1]
        self.rec.add(model.SocketOpened(self.clock(), sid, "tcp", "tcp", self.local_ip(host), port, host))
        self.socks[sid] = Sock(sid, "tcp", s, host, local=(self.local_ip(host), port))
        try:
            await asyncio.wait_for(loop.sock_connect(s, dst), timeout)
            self.rec.add(model.TcpConnected(self.clock(), sid, dst[0], dst[1], self.local_ip(host), port))
            self._keep(model.MessageSent(self.clock(), sid, dst[0], dst[1], data[:model.KEEP_BYTES], test, 1))
            await asyncio.wait_for(loop.sock_sendall(s, data), timeout)
            raw = await asyncio.wait_for(self._read_message(loop, s), timeout)
        except (OSError, TimeoutError) as e:
            why = "timeout" if isinstance(e, TimeoutError) else errno.errorcode.get(e.errno or 0, type(e).__name__)
            self.rec.add(model.TcpFailed(self.clock(), sid, dst[0], dst[1], why))
            self.rec.add(model.WaitEnded(self.clock(), test, 1, 0.0, False))
            return port, None
        if raw:
            self.received(sid, raw, dst)
        self.rec.add(model.WaitEnded(self.clock(), test, 1, 0.0, bool(raw)))
        return port, raw

    @staticmethod
    async def _read_message(loop, s) -> bytes:
        """One STUN message from a stream: the 20-byte header says how many bytes follow (capped)."""
        buf = b""
        while len(buf) < stun.HEADER:
            chunk = await loop.sock_recv(s, stun.HEADER - len(buf))
            if not chunk:
                return buf
            buf += chunk
        length = min(int.from_bytes(buf[2:4], "big"), model.KEEP_BYTES)
        while len(buf) < stun.HEADER + length:
            chunk = await loop.sock_recv(s, stun.HEADER + length - len(buf))
            if not chunk:
                break
            buf += chunk
        return buf
