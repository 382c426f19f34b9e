"""The web backends behind the sandbox's load balancers (netlab lb), and their runtime switches.

    python -m netlab.sandbox.services.lbbackend --name web1 --dir HOSTDIR --bind ADDR [--bind ...]
        [--port 80] [--tls-port 443 --cert FULLCHAIN --key KEY] [--garbage]

A small asyncio HTTP/1.1 server (stdlib only), one per backend host.  Every answer says who
answered and what the backend saw, so that a client can tell the backends apart and see what an
L4 or an L7 balancer passes on:

- ``X-Backend: web1`` and a body whose first line is ``web1``;
- ``X-Seen-Peer`` (the address the TCP connection came from: the balancer's, not the client's),
  ``X-Seen-Forwarded-For`` (what the balancer added, ``-`` when nothing), ``X-Seen-Host``,
  ``X-Seen-Path`` and ``X-Seen-Tls`` (whether TLS ended here).

``GET /health`` answers ``200 ok`` (the balancers' active health check) and is not written to the
access log; every other request is one JSON line in ``access.log`` (time, the client's request id
from ``X-Netlab-Request``, peer, forwarded-for, host, path, status, whether it was slowed).

Runtime switches (the probe writes them from inside the sandbox; nothing listens on the network
for them): ``control.json`` in the host's directory, ``{"generation": N, "mode": "ok" | "slow" |
"fail", "slow_ms": 200}``, is looked at every CONTROL_CHECK_S.  ``slow`` delays every answer but
the health check's by slow_ms; ``fail`` closes the listening sockets, so new connections are
refused (RST) and the health checks fail, as a crashed server's would; ``ok`` restores.  The server
answers in ``control.ack`` with the generation it applied.  ``--garbage`` makes a server that
answers every connection with bytes that are not HTTP, then closes.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import socket
import ssl
import sys
import time

CONTROL_FILE = "control.json"
ACK_FILE = "control.ack"
ACCESS_LOG = "access.log"
CONTROL_CHECK_S = 0.02
MODES = ("ok", "slow", "fail")
DEFAULT_SLOW_MS = 200
MAX_HEAD = 16384
GARBAGE = b"\x16\x03\x00\xffnot-http \x00\x01\x02 SSH-2.0-garbage\r\n\xfe\xff"


class Backend:
    def __init__(self, name: str, directory: str, binds: list[str], port: int, tls_port: int | None,
                 tls: ssl.SSLContext | None, garbage: bool):
        self.name, self.dir, self.binds, self.port = name, directory, binds, port
        self.tls_port, self.tls, self.garbage = tls_port, tls, garbage
        self.mode, self.slow_ms, self.generation = "ok", DEFAULT_SLOW_MS, None
        self.servers: list[asyncio.AbstractServer] = []
        self.control_mtime = None
        self.log = open(os.path.join(directory, ACCESS_LOG), "a", buffering=1, encoding="utf-8")

    # ------------------------------------------------------------------ listening

    async def listen(self) -> None:
        for addr in self.binds:
            self.servers.append(await asyncio.start_server(self.handle, addr, self.port, reuse_address=True,
                                                           backlog=256))
            if self.tls_port and self.tls is not None:
                self.servers.append(await asyncio.start_server(
                    lambda r, w: self.handle(r, w, tls=True), addr, self.tls_port, ssl=self.tls,
                    reuse_address=True, backlog=256))

    async def unlisten(self) -> None:
        for s in self.servers:
            s.close()
        self.servers = []

    # ------------------------------------------------------------------ control

    async def watch_control(self) -> None:
        path = os.path.join(self.dir, CONTROL_FILE)
        while True:
            try:
                mtime = os.stat(path).st_mtime_ns
            except OSError:
                mtime = None
            if mtime != self.control_mtime:
                self.control_mtime = mtime
                await self.apply(path)
            await asyncio.sleep(CONTROL_CHECK_S)

    async def apply(self, path: str) -> None:
        try:
            with open(path, encoding="utf-8") as fh:
                data = json.load(fh)
        except (OSError, ValueError):
            return
        if not isinstance(data, dict):
            return
        mode = data.get("mode", "ok")
        error = None
        if mode not in MODES:
            error, mode = f"unknown mode {mode!r}", self.mode
        slow = data.get("slow_ms", DEFAULT_SLOW_MS)
        if not isinstance(slow, int | float) or isinstance(slow, bool) or not 0 <= slow <= 60000:
            error, slow = f"bad slow_ms {slow!r}", self.slow_ms
        if mode == "fail" and self.mode != "fail":
            await self.unlisten()
        elif mode != "fail" and self.mode == "fail":
            await self.listen()
        self.mode, self.slow_ms, self.generation = mode, float(slow), data.get("generation")
        print(f"{self.name}: mode {mode}" + (f" ({slow:g} ms)" if mode == "slow" else "")
              + (f" [{error}]" if error else ""), flush=True)
        tmp = os.path.join(self.dir, f".{ACK_FILE}.tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump({"generation": self.generation, "mode": self.mode, "slow_ms": self.slow_ms,
                       "error": error, "at": time.time()}, fh)
        os.replace(tmp, os.path.join(self.dir, ACK_FILE))

    # ------------------------------------------------------------------ HTTP

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, tls: bool = False) -> None:
        peer = writer.get_extra_info("peername") or ("?", 0)
        try:
            if self.garbage:
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(reader.read(4096), 1.0)
                writer.write(GARBAGE)
                await writer.drain()
                return
            while True:
                try:
                    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 30.0)
                except (TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
                    return
                keep = await self.answer(head, reader, writer, peer, tls)
                if not keep:
                    return
        except (ConnectionError, OSError, ssl.SSLError):
            return
        finally:
            with contextlib.suppress(Exception):
                writer.close()

    async def answer(self, head: bytes, reader, writer, peer, tls: bool) -> bool:
        lines = head.decode("latin-1").split("\r\n")
        parts = lines[0].split(" ")
        method, path, version = (parts + ["", "", ""])[:3]
        headers: dict[str, str] = {}
        for ln in lines[1:]:
            k, sep, v = ln.partition(":")
            if sep:
                headers[k.strip().lower()] = v.strip()
        length = headers.get("content-length", "0")
        if length.isdigit() and int(length):
            await reader.readexactly(min(int(length), 1 << 20))
        close = headers.get("connection", "").lower() == "close" or version == "HTTP/1.0"
        if path == "/health":
            body = b"ok\n"
            self.respond(writer, 200, "OK", body, {"X-Backend": self.name}, close)
            await writer.drain()
            return not close
        slowed = self.mode == "slow"
        if slowed:
            await asyncio.sleep(self.slow_ms / 1000.0)
        xff = headers.get("x-forwarded-for", "-") or "-"
        peer_s = f"{peer[0]}:{peer[1]}"
        seen = {"X-Backend": self.name, "X-Seen-Peer": peer_s, "X-Seen-Forwarded-For": xff[:200],
                "X-Seen-Host": headers.get("host", "-")[:200], "X-Seen-Path": path[:200],
                "X-Seen-Tls": "yes" if tls else "no"}
        body = (f"{self.name}\nthis answer came from backend {self.name}\n"
                f"the connection came from {peer_s} (the balancer, or the client when there is none)\n"
                f"X-Forwarded-For: {xff[:200]}\n").encode()
        self.respond(writer, 200, "OK", b"" if method == "HEAD" else body, seen, close)
        await writer.drain()
        self.log.write(json.dumps({"ts": time.time(), "id": headers.get("x-netlab-request", "")[:80],
                                   "peer": peer_s, "xff": xff[:200], "host": headers.get("host", "")[:200],
                                   "path": path[:200], "status": 200, "slowed": slowed, "tls": tls}) + "\n")
        return not close

    @staticmethod
    def respond(writer, code: int, reason: str, body: bytes, extra: dict[str, str], close: bool) -> None:
        hdr = [f"HTTP/1.1 {code} {reason}", "Content-Type: text/plain; charset=utf-8",
               f"Content-Length: {len(body)}", "Server: netlab-lbbackend", "Cache-Control: no-store"]
        hdr += [f"{k}: {v}" for k, v in extra.items()]
        if close:
            hdr.append("Connection: close")
        writer.write(("\r\n".join(hdr) + "\r\n\r\n").encode("latin-1", "replace") + body)


async def _main(args) -> None:
    tls = None
    if args.tls_port:
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls.load_cert_chain(args.cert, args.key)
    b = Backend(args.name, args.dir, args.bind or ["0.0.0.0"], args.port, args.tls_port, tls, args.garbage)
    await b.listen()
    print(f"lbbackend {args.name}{' (garbage)' if args.garbage else ''} listening on "
          f"{', '.join(args.bind)} port {args.port}" + (f" and {args.tls_port} (TLS)" if args.tls_port else ""),
          flush=True)
    await b.watch_control()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="netlab.sandbox.services.lbbackend")
    ap.add_argument("--name", required=True)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--bind", action="append", default=[])
    ap.add_argument("--port", type=int, default=80)
    ap.add_argument("--tls-port", type=int, default=None)
    ap.add_argument("--cert")
    ap.add_argument("--key")
    ap.add_argument("--garbage", action="store_true")
    args = ap.parse_args(argv)
    socket.setdefaulttimeout(None)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_main(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
