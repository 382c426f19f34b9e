"""One bulk transfer, either end, sampled from the kernel (I/O; stdlib only).

Used by the probe (netlab.probes.tcp_flow.collect) on the client and by the sandbox's sink and
source servers (netlab.sandbox.services.bulkserver), so that both ends run the same loops and
record the same columns on the same clock (CLOCK_MONOTONIC is one clock for every process on a
machine, and the sandbox's hosts share the machine's kernel).

The protocol, like iperf3's, has a control connection and a data connection:

1. The client connects to the server's port (the sink's 9, the source's 19: the well-known
   discard and chargen ports, whose meaning these servers keep) and sends one JSON line, the
   request: ``{"netlab_bulk": 1, "direction": "upload"|"download", "bytes": N|null,
   "seconds": S|null, "cc": "cubic"|null, "sample_ms": 2, "rcvbuf": B|null,
   "reader_pause_ms": P|null, "pause_after": A, "deadline_s": D}``.
2. The server answers one JSON line: ``{"ok": true, "port": P, "clock": <its monotonic time>,
   "boot_id": "...", "kernel": "6.18...", "cc_default": "bbr", "rcvbuf": ...}`` (or ``{"ok":
   false, "error": "..."}``), after opening a listener for the data connection on port P with the
   receive buffer asked for already set (a receive buffer must be set before the handshake: the
   window scale is chosen then).
3. The client opens the data connection to P.  The sender writes zeros (N bytes, or for S
   seconds), half-closes, and keeps sampling until every byte is acknowledged; the receiver reads
   until the end, pausing once for ``reader_pause_ms`` after ``pause_after`` bytes when asked.
4. The server sends one JSON line with its side's result (``Side.to_json``) and closes.

A side samples TCP_INFO every ``sample_ms`` (and BBR's TCP_CC_INFO when the socket runs bbr)
into rows ``[t, app_bytes, *fields]``; the sender's fields are tcpinfo.SENDER_FIELDS, the
receiver's tcpinfo.RECEIVER_FIELDS plus ``inq`` (bytes the kernel holds that the application has
not read yet).  Rows are capped (``max_rows``): past the cap every other row is dropped and the
interval doubled, and the side says so (``decimated``).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import select
import socket
import struct
import termios
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from netlab.probes.tcp_flow import tcpinfo

PROTOCOL = 1
MAX_LINE = 64 * 1024  # a request or a reply line
MAX_RESULT = 48 << 20  # a result line (samples included)
MAX_ROWS = 60000
CHUNK = 128 * 1024
MAX_BYTES = 8 << 30
MAX_SECONDS = 300.0
DRAIN_S = 30.0  # after the last write, how long the sender waits for the last ACK (RTO backoff)
CONGESTION_CONTROLS = ("reno", "cubic", "bbr")


class ProtocolError(Exception):
    """The peer broke the bulk-transfer protocol (a bad line, a line too long, an early close)."""


@dataclass
class Request:
    direction: str  # "upload" (client -> sink) or "download" (source -> client)
    bytes: int | None = None
    seconds: float | None = None
    cc: str | None = None  # the sender's congestion control (None: the sender's default)
    sample_ms: float = 2.0
    rcvbuf: int | None = None  # the receiver's SO_RCVBUF, set before the handshake
    reader_pause_ms: float | None = None
    pause_after: int = 256 * 1024
    deadline_s: float = 60.0
    max_rows: int = MAX_ROWS

    def to_line(self) -> bytes:
        return (json.dumps({"netlab_bulk": PROTOCOL, **asdict(self)}) + "\n").encode()

    @classmethod
    def from_json(cls, data: object) -> Request:
        """A request from its JSON form, checked; ValueError says what is wrong."""
        if not isinstance(data, dict) or data.get("netlab_bulk") != PROTOCOL:
            raise ValueError("not a netlab bulk-transfer request")
        d = data.get("direction")
        if d not in ("upload", "download"):
            raise ValueError("direction must be upload or download")
        req = cls(direction=d)
        req.bytes = _num(data.get("bytes"), "bytes", 1, MAX_BYTES, whole=True)
        req.seconds = _num(data.get("seconds"), "seconds", 0.05, MAX_SECONDS)
        if (req.bytes is None) == (req.seconds is None):
            raise ValueError("give bytes or seconds (one of them)")
        cc = data.get("cc")
        if cc is not None and cc not in CONGESTION_CONTROLS:
            raise ValueError(f"cc must be one of {', '.join(CONGESTION_CONTROLS)}")
        req.cc = cc
        req.sample_ms = _num(data.get("sample_ms", 2.0), "sample_ms", 0.5, 1000) or 2.0
        req.rcvbuf = _num(data.get("rcvbuf"), "rcvbuf", 1024, 1 << 30, whole=True)
        req.reader_pause_ms = _num(data.get("reader_pause_ms"), "reader_pause_ms", 0, 120000)
        req.pause_after = _num(data.get("pause_after", req.pause_after), "pause_after", 0, MAX_BYTES, whole=True) or 0
        req.deadline_s = _num(data.get("deadline_s", 60.0), "deadline_s", 1, 3600) or 60.0
        req.max_rows = _num(data.get("max_rows", MAX_ROWS), "max_rows", 100, MAX_ROWS, whole=True) or MAX_ROWS
        return req


def _num(v, what: str, lo: float, hi: float, whole: bool = False):
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, int | float) or v != v or not lo <= v <= hi:
        raise ValueError(f"{what} must be a number from {lo:g} to {hi:g}")
    if whole and v != int(v):
        raise ValueError(f"{what} must be a whole number")
    return int(v) if whole else float(v)


@dataclass
class Side:
    """What one end of the data connection saw."""

    role: str  # "sender" | "receiver"
    fields: list[str] = field(default_factory=list)  # the columns of rows (after t, app_bytes)
    rows: list[list] = field(default_factory=list)
    app_bytes: int = 0  # written (sender) or read (receiver) by the application
    t_start: float | None = None  # the first byte written / read
    t_end: float | None = None  # the last byte acknowledged / read
    outcome: str = "ok"  # ok | reset | timeout | deadline | error
    error: str | None = None
    cc: str | None = None
    sample_ms: float = 2.0
    decimated: int = 0  # times the rows were halved to stay under the cap
    pause: list[float] | None = None  # [start, end] of the reader's pause
    rcvbuf: int | None = None
    sndbuf: int | None = None

    def to_json(self) -> dict:
        return asdict(self)

    def to_wire(self) -> dict:
        """to_json with the rows compressed (zlib, base64): they are most of the bytes, and they
        cross the bottleneck the transfer was measured on."""
        import base64
        import zlib

        d = asdict(self)
        rows = json.dumps(d.pop("rows"), separators=(",", ":")).encode()
        d["rows_zlib"] = base64.b64encode(zlib.compress(rows, 6)).decode("ascii")
        return d

    @classmethod
    def from_wire(cls, d: dict) -> Side:
        """A Side from the server's result (untrusted: fields checked, decompression bounded)."""
        import base64
        import binascii
        import zlib

        d = {k: v for k, v in d.items() if k in cls.__dataclass_fields__ or k == "rows_zlib"}
        packed = d.pop("rows_zlib", None)
        if packed is not None:
            try:
                z = zlib.decompressobj()
                raw = z.decompress(base64.b64decode(packed, validate=True), MAX_RESULT)
                if z.unconsumed_tail:
                    raise ProtocolError(f"the rows are larger than {MAX_RESULT >> 20} MiB")
                d["rows"] = json.loads(raw)
            except (binascii.Error, zlib.error, ValueError) as e:
                raise ProtocolError(f"the rows cannot be read ({e})") from None
        side = cls(**d)
        if not isinstance(side.rows, list) or not isinstance(side.fields, list):
            raise ProtocolError("the result's rows are malformed")
        return side


# ---------------------------------------------------------------------- lines on a socket


def send_line(sock: socket.socket, obj: dict) -> None:
    sock.sendall((json.dumps(obj, separators=(",", ":")) + "\n").encode())


def read_line(sock: socket.socket, limit: int = MAX_LINE, timeout: float = 10.0) -> dict:
    """One JSON line from a blocking socket (ProtocolError when it is too long, cut or not JSON)."""
    buf = bytearray()
    end = time.monotonic() + timeout
    while True:
        left = end - time.monotonic()
        if left <= 0:
            raise ProtocolError("no answer in time")
        sock.settimeout(left)
        try:
            chunk = sock.recv(min(1 << 20, limit + 1 - len(buf)))
        except TimeoutError:
            raise ProtocolError("no answer in time") from None
        if not chunk:
            raise ProtocolError("the peer closed before a full line" if buf else "the peer closed without answering")
        buf += chunk
        nl = buf.find(b"\n")
        if nl >= 0:
            try:
                obj = json.loads(bytes(buf[:nl]).decode("utf-8"))
            except (UnicodeDecodeError, ValueError) as e:
                raise ProtocolError(f"not a JSON line ({e})") from None
            if not isinstance(obj, dict):
                raise ProtocolError("the line is not a JSON object")
            return obj
        if len(buf) > limit:
            raise ProtocolError(f"a line longer than {limit} bytes")


def boot_id() -> str | None:
    try:
        with open("/proc/sys/kernel/random/boot_id") as fh:
            return fh.read().strip()
    except OSError:
        return None


# ---------------------------------------------------------------------- sampling


class Sampler:
    """TCP_INFO rows of one socket, at most every `interval` seconds, capped by decimation."""

    def __init__(self, side: Side, sock: socket.socket, fields: tuple[str, ...], interval: float, max_rows: int,
                 clock: Callable[[], float], inq: bool = False):
        self.side, self.sock, self.clock = side, sock, clock
        self.fields = fields
        self.interval = interval
        self.max_rows = max_rows
        self.inq = inq
        self.bbr = side.role == "sender" and tcpinfo.congestion_control(sock) == "bbr"
        side.fields = list(fields) + (["inq"] if inq else []) + (list(tcpinfo.BBR_FIELDS) if self.bbr else [])
        side.sample_ms = interval * 1000.0
        self.next = 0.0

    def due(self, now: float) -> bool:
        return now >= self.next

    def take(self, now: float | None = None) -> dict | None:
        """One row now (whatever the interval); the parsed TCP_INFO, or None when the socket is gone."""
        now = self.clock() if now is None else now
        try:
            info = tcpinfo.parse(tcpinfo.read(self.sock))
        except OSError:
            return None
        row = [round(now, 6), self.side.app_bytes] + [info.get(f) for f in self.fields]
        if self.inq:
            row.append(_inq(self.sock))
        if self.bbr:
            bbr = tcpinfo.parse_bbr(tcpinfo.read_bbr(self.sock))
            row += [bbr[f] for f in tcpinfo.BBR_FIELDS]
        rows = self.side.rows
        rows.append(row)
        if len(rows) >= self.max_rows:
            del rows[1::2]
            self.interval *= 2
            self.side.decimated += 1
        self.next = max(self.next + self.interval, now + self.interval / 2)
        return info


def _inq(sock: socket.socket) -> int | None:
    try:
        return struct.unpack("i", fcntl.ioctl(sock.fileno(), termios.FIONREAD, b"\0\0\0\0"))[0]
    except OSError:
        return None


# ---------------------------------------------------------------------- the two loops


def _outcome(e: BaseException) -> tuple[str, str]:
    if isinstance(e, ConnectionResetError | BrokenPipeError) or getattr(e, "errno", None) == errno.ECONNRESET:
        return "reset", f"{type(e).__name__}: {e.strerror or e}" if isinstance(e, OSError) else str(e)
    if isinstance(e, TimeoutError) or getattr(e, "errno", None) == errno.ETIMEDOUT:
        return "timeout", str(e)
    return "error", f"{type(e).__name__}: {e}"


def send(sock: socket.socket, req: Request, clock: Callable[[], float] = time.monotonic,
         on_tick: Callable[[float], None] | None = None, deadline: float | None = None) -> Side:
    """Write the request's bytes (or for its seconds), half-close, sample until all is acknowledged."""
    side = Side(role="sender", cc=tcpinfo.congestion_control(sock))
    side.sndbuf = sock.getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF)
    sampler = Sampler(side, sock, tcpinfo.SENDER_FIELDS, req.sample_ms / 1000.0, req.max_rows, clock)
    deadline = deadline if deadline is not None else clock() + req.deadline_s
    zeros = memoryview(bytes(_chunk(sock)))
    with contextlib.suppress(OSError):
        # full segments only while writing (a write the kernel accepts in part must not send a
        # short segment): the stream is cut the same way every run; uncorked before the FIN
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_CORK, 1)
    sock.setblocking(False)
    ep = select.epoll()
    ep.register(sock.fileno(), select.EPOLLOUT | select.EPOLLIN)
    try:
        sampler.take()
        _write_phase(sock, req, side, sampler, ep, zeros, clock, on_tick, deadline)
        if side.outcome == "ok":
            _drain_phase(sock, side, sampler, ep, clock, on_tick, min(deadline, clock() + DRAIN_S))
    finally:
        ep.close()
    return side


def _chunk(sock: socket.socket) -> int:
    """Writes of whole segments (a multiple of the MSS), so that the kernel cuts the stream the same
    way every run: the N-th data segment is then always the same bytes (what --drop-nth counts on)."""
    try:
        mss = sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG)
    except OSError:
        mss = 0
    return max(mss, CHUNK // mss * mss) if mss > 0 else CHUNK


def _write_phase(sock, req: Request, side: Side, sampler: Sampler, ep, zeros, clock, on_tick, deadline) -> None:
    t_stop = None
    while True:
        now = clock()
        if side.t_start is not None and req.seconds is not None and t_stop is None:
            t_stop = side.t_start + req.seconds
        left = None if req.bytes is None else req.bytes - side.app_bytes
        if (left is not None and left <= 0) or (t_stop is not None and now >= t_stop):
            return
        if now >= deadline:
            side.outcome, side.error = "deadline", "the run's deadline came first"
            return
        wait = max(0.0, min(sampler.next - now, deadline - now))
        try:
            events = ep.poll(wait)
        except InterruptedError:
            events = []
        now = clock()
        for _, ev in events:
            if ev & (select.EPOLLERR | select.EPOLLHUP) or (ev & select.EPOLLIN and _peer_closed(sock)):
                err = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                side.outcome, side.error = ("reset", os.strerror(err)) if err else ("reset", "the peer closed")
                sampler.take(now)
                return
            if ev & select.EPOLLOUT:
                n = len(zeros) if left is None else min(len(zeros), left)
                try:
                    sent = sock.send(zeros[:n])
                except BlockingIOError:
                    sent = 0
                except OSError as e:
                    side.outcome, side.error = _outcome(e)
                    sampler.take(now)
                    return
                if sent and side.t_start is None:
                    side.t_start = now
                side.app_bytes += sent
        if sampler.due(now):
            sampler.take(now)
        if on_tick is not None:
            on_tick(now)


def _peer_closed(sock: socket.socket) -> bool:
    """The peer sent FIN or RST (the receiver of a bulk transfer sends nothing else)."""
    try:
        return sock.recv(65536, socket.MSG_DONTWAIT) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


def _drain_phase(sock, side: Side, sampler: Sampler, ep, clock, on_tick, until: float) -> None:
    """After the last write: FIN, then sample until every byte is acknowledged (a tail loss and its
    RTO happen here), or the peer resets, or `until`."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_CORK, 0)
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_WR)
    ep.modify(sock.fileno(), select.EPOLLIN)
    while True:
        now = clock()
        info = sampler.take(now) if sampler.due(now) else None
        if info is not None and info.get("unacked") == 0 and (info.get("bytes_acked") or 0) >= side.app_bytes:
            side.t_end = now
            return
        if info is not None and info.get("state") in (7, None):  # closed under us
            side.outcome, side.error = "reset", "the connection closed before every byte was acknowledged"
            return
        if now >= until:
            side.outcome, side.error = "timeout", "not every byte was acknowledged in time"
            return
        try:
            events = ep.poll(max(0.0, min(sampler.next - now, until - now)))
        except InterruptedError:
            events = []
        for _, ev in events:
            if ev & select.EPOLLIN:
                try:
                    if sock.recv(65536) == b"":
                        ep.modify(sock.fileno(), 0)  # the peer's FIN: keep sampling until acked
                except BlockingIOError:
                    pass
                except OSError as e:
                    side.outcome, side.error = _outcome(e)
                    sampler.take()
                    return
        if on_tick is not None:
            on_tick(clock())


def receive(sock: socket.socket, req: Request, clock: Callable[[], float] = time.monotonic,
            on_tick: Callable[[float], None] | None = None, deadline: float | None = None) -> Side:
    """Read until the sender's FIN, sampling the receive side; pause once when asked."""
    side = Side(role="receiver", cc=tcpinfo.congestion_control(sock))
    side.rcvbuf = sock.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF)
    sampler = Sampler(side, sock, tcpinfo.RECEIVER_FIELDS, req.sample_ms / 1000.0, req.max_rows, clock, inq=True)
    deadline = deadline if deadline is not None else clock() + req.deadline_s
    sock.setblocking(False)
    ep = select.epoll()
    ep.register(sock.fileno(), select.EPOLLIN)
    buf = bytearray(CHUNK)
    try:
        sampler.take()
        _receive_loop(sock, req, side, sampler, ep, buf, clock, on_tick, deadline)
    finally:
        ep.close()
    return side


def _receive_loop(sock, req: Request, side: Side, sampler: Sampler, ep, buf, clock, on_tick, deadline) -> None:
    pause_end = None
    while True:
        now = clock()
        if now >= deadline:
            side.outcome, side.error = "deadline", "the run's deadline came first"
            return
        if req.reader_pause_ms and side.pause is None and side.app_bytes >= req.pause_after:
            side.pause = [now, now + req.reader_pause_ms / 1000.0]
            pause_end = side.pause[1]
        if pause_end is not None and now < pause_end:
            time.sleep(max(0.0, min(sampler.next, pause_end) - now))  # the application does not read
        else:
            try:
                events = ep.poll(max(0.0, min(sampler.next, deadline) - now))
            except InterruptedError:
                events = []
            if events and _read_ready(sock, side, buf, clock()):
                side.t_end = clock() if side.outcome == "ok" else None
                sampler.take()
                return
        now = clock()
        if sampler.due(now):
            sampler.take(now)
        if on_tick is not None:
            on_tick(now)


def _read_ready(sock, side: Side, buf: bytearray, now: float) -> bool:
    """Read what is there; True at the end of the stream (FIN, reset or error)."""
    for _ in range(64):
        try:
            n = sock.recv_into(buf)
        except BlockingIOError:
            return False
        except OSError as e:
            side.outcome, side.error = _outcome(e)
            return True
        if n == 0:
            return True
        if side.t_start is None:
            side.t_start = now
        side.app_bytes += n
    return False
