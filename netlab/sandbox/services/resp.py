"""A minimal Redis client (RESP2 over a Unix socket), for the app host's session store.

The sandbox's application host keeps its sessions in a real Redis (Debian's ``redis-server``),
listening on a Unix socket in the host's state directory and on no TCP port.  Two programs talk
to it: the app itself (netlab/sandbox/services/appserver.py, through :class:`AsyncRedis`) and
`netlab http-state`, which reads the session row a cookie points to (through :class:`Redis`,
from the client host: a Unix socket is a file, so it crosses network namespaces).  The tests read
the same rows with ``redis-cli``, an independent client.

RESP2 in four lines: a command is an array of bulk strings (``*2\\r\\n$3\\r\\nGET\\r\\n$1\\r\\nk\\r\\n``);
a reply starts with ``+`` (status), ``-`` (error), ``:`` (integer), ``$`` (bulk string, ``$-1``
is nil) or ``*`` (array).  That is all a session store needs.
"""

from __future__ import annotations

MAX_REPLY = 1 << 20  # bytes of one reply netlab accepts (a session row is a few hundred)


class RedisError(Exception):
    """The server answered with an error reply, or the reply was not RESP."""


def encode(*args: str | bytes | int) -> bytes:
    out = [b"*%d\r\n" % len(args)]
    for a in args:
        b = a if isinstance(a, bytes) else str(a).encode()
        out.append(b"$%d\r\n%s\r\n" % (len(b), b))
    return b"".join(out)


class _Parser:
    """Parses one reply from a buffer; ``parse`` returns (value, rest) or raises IndexError if incomplete."""

    @staticmethod
    def parse(buf: bytes, depth: int = 0):
        if depth > 8:
            raise RedisError("reply nested too deeply")
        end = buf.index(b"\r\n")  # ValueError -> incomplete
        kind, line, rest = buf[:1], buf[1:end], buf[end + 2:]
        if kind == b"+":
            return line.decode("utf-8", "replace"), rest
        if kind == b"-":
            return RedisError(line.decode("utf-8", "replace")), rest
        if kind == b":":
            return int(line), rest
        if kind == b"$":
            n = int(line)
            if n < 0:
                return None, rest
            if len(rest) < n + 2:
                raise ValueError("incomplete")
            return rest[:n], rest[n + 2:]
        if kind == b"*":
            n = int(line)
            if n < 0:
                return None, rest
            items = []
            for _ in range(n):
                item, rest = _Parser.parse(rest, depth + 1)
                items.append(item)
            return items, rest
        raise RedisError(f"not a RESP reply (starts with {kind!r})")


_MORE = object()  # the reply is not all here yet


class _Replies:
    """The reply buffer both clients share: the next whole reply, or more bytes wanted."""

    buf = b""

    def _reply(self):
        """The next reply (a RedisError reply raised), or _MORE."""
        try:
            value, self.buf = _Parser.parse(self.buf)
        except ValueError:
            return _MORE
        if isinstance(value, RedisError):
            raise value
        return value

    def _feed(self, chunk: bytes) -> None:
        if not chunk:
            raise RedisError("the server closed the connection")
        self.buf += chunk
        if len(self.buf) > MAX_REPLY:
            raise RedisError(f"reply larger than {MAX_REPLY} bytes")


class Redis(_Replies):
    """Blocking client: one connection, one command at a time."""

    def __init__(self, path: str, timeout: float = 2.0):
        import socket

        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        self.sock.connect(path)
        self.buf = b""

    def command(self, *args):
        self.sock.sendall(encode(*args))
        while (value := self._reply()) is _MORE:
            self._feed(self.sock.recv(65536))
        return value

    def close(self) -> None:
        self.sock.close()

    def __enter__(self) -> Redis:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class AsyncRedis(_Replies):
    """asyncio client for the app: one connection, commands serialised by a lock."""

    def __init__(self, path: str):
        self.path = path
        self.reader = self.writer = None
        self.buf = b""
        self._lock = None

    async def connect(self) -> AsyncRedis:
        import asyncio

        self.reader, self.writer = await asyncio.open_unix_connection(self.path)
        self._lock = asyncio.Lock()
        return self

    async def command(self, *args):
        async with self._lock:
            self.writer.write(encode(*args))
            await self.writer.drain()
            while (value := self._reply()) is _MORE:
                self._feed(await self.reader.read(65536))
            return value

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
