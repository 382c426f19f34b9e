"""A small HTTP/1.1 client that keeps the exact bytes of every request and response (I/O).

Used by the collect step of `netlab http-state` (a scripted visit whose Cookie headers a
browser-like jar decides) and `netlab websocket` (HTTP polling, to compare with a push): both
need what a library hides — the request exactly as sent, the response head exactly as received,
how many bytes each took, and which TCP connection carried it (keep-alive reuse is part of the
lesson).  Imported only inside collect functions; ``ssl`` and ``socket`` are the standard library.

- One connection per origin (scheme, host, port), reused while the server keeps it open (HTTP/1.1
  keep-alive); a request that fails on a reused connection before any byte of the answer is
  retried once on a new one, as browsers do.
- Bodies: Content-Length, chunked, or until the server closes; at most ``max_body`` bytes kept
  (the total is counted up to ``MAX_READ``, then reading stops).  A response head over 64 KiB
  is an error.  Every read waits at most the per-operation timeout, shortened by the deadline.
"""

from __future__ import annotations

import select
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from netlab.probes.events import ConnectionOpened

MAX_HEAD = 64 << 10
MAX_READ = 16 << 20


@dataclass
class RawExchange:
    conn: int  # connection number (1, 2, ...)
    reused: bool
    t_sent: float
    t_first: float | None
    t_done: float
    request: bytes
    head: bytes = b""  # status line and headers, as received
    body: bytes = b""  # kept (capped)
    body_total: int = 0  # body bytes read
    error: str | None = None
    wall_done: float = 0.0  # time.time() when the response ended (for a server's wall-clock stamps)


@dataclass
class _Conn:
    num: int
    sock: socket.socket
    key: tuple
    buf: bytes = b""
    used: int = 0
    closed: bool = False


@dataclass
class Wire:
    clock: Callable[[], float]
    op_timeout: Callable[[], float]  # seconds for the next operation (deadline-aware)
    cafile: str | None = None
    on_open: Callable[[ConnectionOpened], None] | None = None
    opened: type[ConnectionOpened] = ConnectionOpened  # what on_open gets: a probe's event, a subclass
    on_fail: Callable[[float, str, str, int, str], None] | None = None  # (t, scheme, address, port, error)
    max_body: int = 256 << 10
    _conns: dict = field(default_factory=dict)
    _count: int = 0

    # ------------------------------------------------------------------ connections

    def _connect(self, scheme: str, host: str, address: str, port: int) -> _Conn | None:
        t0 = self.clock()
        fam = socket.AF_INET6 if ":" in address else socket.AF_INET
        sock = socket.socket(fam, socket.SOCK_STREAM)
        sock.settimeout(self.op_timeout())
        try:
            sock.connect((address, port))
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            tls_version = alpn = None
            if scheme in ("https", "wss"):
                ctx = ssl.create_default_context(cafile=self.cafile) if self.cafile else ssl.create_default_context()
                ctx.set_alpn_protocols(["http/1.1"])
                sock = ctx.wrap_socket(sock, server_hostname=host)
                tls_version, alpn = sock.version(), sock.selected_alpn_protocol()
        except (OSError, ssl.SSLError) as e:
            sock.close()
            if self.on_fail:
                self.on_fail(self.clock(), scheme, address, port, _err(e))
            return None
        self._count += 1
        c = _Conn(self._count, sock, (scheme, host, port))
        if self.on_open:
            self.on_open(self.opened(t0, self.clock(), c.num, scheme, address, port, sock.getsockname()[1],
                                     tls_version, alpn))
        return c

    def close(self) -> None:
        for c in self._conns.values():
            try:
                c.sock.close()
            except OSError:
                pass
        self._conns.clear()

    # ------------------------------------------------------------------ one exchange

    def request(self, scheme: str, host: str, address: str, port: int, request: bytes,
                method: str = "GET") -> RawExchange:
        key = (scheme, host, port)
        for attempt in (0, 1):
            c = self._conns.get(key)
            reused = c is not None and not c.closed
            if not reused:
                c = self._connect(scheme, host, address, port)
                if c is None:
                    now = self.clock()
                    return RawExchange(0, False, now, None, now, request, error="connect failed")
                self._conns[key] = c
            ex = self._exchange(c, request, method, reused)
            if ex.error and reused and ex.t_first is None and attempt == 0:
                self._drop(key)
                continue  # the server had closed the kept connection: retry on a new one
            if ex.error or _wants_close(ex.head):
                self._drop(key)
            return ex
        raise AssertionError("unreachable")

    def _drop(self, key) -> None:
        c = self._conns.pop(key, None)
        if c is not None:
            try:
                c.sock.close()
            except OSError:
                pass

    def _recv(self, c: _Conn) -> bytes:
        if isinstance(c.sock, ssl.SSLSocket) and c.sock.pending():
            return c.sock.recv(65536)
        r, _, _ = select.select([c.sock], [], [], self.op_timeout())
        if not r:
            raise TimeoutError("no answer within the timeout")
        return c.sock.recv(65536)

    def _exchange(self, c: _Conn, request: bytes, method: str, reused: bool) -> RawExchange:
        c.used += 1
        t_sent = self.clock()
        ex = RawExchange(c.num, reused, t_sent, None, t_sent, request)
        try:
            c.sock.sendall(request)
            buf = c.buf
            while b"\r\n\r\n" not in buf:
                chunk = self._recv(c)
                if not chunk:
                    raise ConnectionError("the server closed the connection before answering")
                if ex.t_first is None:
                    ex.t_first = self.clock()
                buf += chunk
                if len(buf) > MAX_HEAD and b"\r\n\r\n" not in buf[:MAX_HEAD]:
                    raise ValueError(f"response head longer than {MAX_HEAD >> 10} KiB")
            if ex.t_first is None:
                ex.t_first = self.clock()
            head, _, rest = buf.partition(b"\r\n\r\n")
            ex.head = head + b"\r\n\r\n"
            ex.body, ex.body_total, c.buf, closed = self._body(c, ex.head, rest, method)
            c.closed = closed
        except (OSError, ssl.SSLError, ValueError, ConnectionError) as e:
            ex.error = _err(e)
            c.closed = True
        ex.t_done = self.clock()
        ex.wall_done = time.time()
        return ex

    def _body(self, c: _Conn, head: bytes, rest: bytes, method: str) -> tuple[bytes, int, bytes, bool]:
        """(kept body, total body bytes, bytes left for the next response, server closed)."""
        status, headers = parse_head(head)
        if method == "HEAD" or status in (204, 304) or 100 <= status < 200:
            return b"", 0, rest, False
        te = headers.get("transfer-encoding", "").lower()
        cl = headers.get("content-length")
        if "chunked" in te:
            return self._chunked(c, rest)
        if cl is not None and cl.strip().isdigit():
            n = int(cl.strip())
            kept, total, buf = b"", 0, rest
            while total + len(buf) < n and total + len(buf) < MAX_READ:
                if len(kept) < self.max_body:
                    kept += buf[: self.max_body - len(kept)]
                total += len(buf)
                buf = self._recv(c)
                if not buf:
                    raise ConnectionError("the server closed the connection in the middle of the body")
            take = n - total
            piece, leftover = buf[:take], buf[take:]
            if len(kept) < self.max_body:
                kept += piece[: self.max_body - len(kept)]
            return kept, total + len(piece), leftover, False
        # no length: the body ends when the server closes
        kept, total, buf = b"", 0, rest
        while True:
            if len(kept) < self.max_body:
                kept += buf[: self.max_body - len(kept)]
            total += len(buf)
            if total >= MAX_READ:
                return kept, total, b"", True
            buf = self._recv(c)
            if not buf:
                return kept, total, b"", True

    def _chunked(self, c: _Conn, buf: bytes) -> tuple[bytes, int, bytes, bool]:
        kept, total = b"", 0
        while True:
            while b"\r\n" not in buf:
                more = self._recv(c)
                if not more:
                    raise ConnectionError("the server closed the connection inside a chunked body")
                buf += more
            line, _, buf = buf.partition(b"\r\n")
            try:
                size = int(line.split(b";", 1)[0].strip(), 16)
            except ValueError:
                raise ValueError(f"bad chunk size line {line[:40]!r}") from None
            if size == 0:
                while b"\r\n\r\n" not in b"\r\n" + buf:  # trailers end with an empty line
                    more = self._recv(c)
                    if not more:
                        return kept, total, b"", True
                    buf += more
                _, _, buf = (b"\r\n" + buf).partition(b"\r\n\r\n")
                return kept, total, buf, False
            while len(buf) < size + 2:
                more = self._recv(c)
                if not more:
                    raise ConnectionError("the server closed the connection inside a chunk")
                buf += more
                if total + len(buf) > MAX_READ:
                    raise ValueError(f"body longer than {MAX_READ >> 20} MiB")
            if len(kept) < self.max_body:
                kept += buf[:size][: self.max_body - len(kept)]
            total += size
            buf = buf[size + 2:]


def parse_head(head: bytes) -> tuple[int, dict[str, str]]:
    """(status, {lower-case name: last value}) of a response head; status 0 when unreadable."""
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2) if lines else []
    try:
        status = int(parts[1]) if len(parts) >= 2 else 0
    except ValueError:
        status = 0
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if ":" in line:
            k, _, v = line.partition(":")
            headers[k.strip().lower()] = v.strip()
    return status, headers


def _wants_close(head: bytes) -> bool:
    _, headers = parse_head(head) if head else (0, {})
    return "close" in headers.get("connection", "").lower()


def _err(e: BaseException) -> str:
    if isinstance(e, ssl.SSLCertVerificationError):
        return f"TLS: {e.verify_message or e}"
    if isinstance(e, TimeoutError | socket.timeout):
        return "timeout: no answer within the timeout"
    return getattr(e, "strerror", None) or str(e) or type(e).__name__


def build_request(method: str, host_header: str, target: str, headers: list[tuple[str, str]] | None = None,
                  body: bytes | None = None) -> bytes:
    """An HTTP/1.1 request's bytes: request line, Host first, the headers in order, then the body."""
    lines = [f"{method} {target} HTTP/1.1", f"Host: {host_header}"]
    for k, v in headers or []:
        lines.append(f"{k}: {v}")
    if body is not None:
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1", "replace") + (body or b"")
