"""The sandbox's bulk-transfer servers for `netlab tcp-flow`: a sink and a source.

    python -m netlab.sandbox.services.bulkserver --role sink|source --port N [--bind ADDR ...]

- ``sink`` (port 9, the well-known *discard* port): what a client uploads is read and thrown
  away.  A plain client (``nc sink.lab.test 9 < file``) gets exactly that; a netlab client sends a
  request line first and gets a data connection whose receiver samples TCP_INFO, may have a small
  receive buffer (set before the handshake) and may pause reading once (a slow reader).
- ``source`` (port 19, the well-known *chargen* port): a netlab client asks for N bytes or S
  seconds with a congestion control (reno, cubic, bbr: set with TCP_CONGESTION on the data socket,
  before the handshake) and gets them on a data connection whose sender samples TCP_INFO every few
  milliseconds; the samples come back on the control connection.  A plain client that sends no
  request within a second gets RFC 864's rotating lines until it closes (at most 16 MiB).

The protocol is netlab.probes.tcp_flow.engine's (one JSON line each way on the control
connection, a fresh data connection per transfer, iperf3-like).  One thread per control
connection, at most MAX_SESSIONS at once; every wait is bounded.  Stdlib and netlab only.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import socket
import sys
import threading
import time

from netlab.probes.tcp_flow import engine, tcpinfo
from netlab.sandbox.services.listen import accept_forever, listen

MAX_SESSIONS = 8
ACCEPT_S = 10.0
PLAIN_WAIT_S = 1.0
PLAIN_CAP = 16 << 20
IDLE_S = 30.0


def _log(line: str) -> None:
    """One line of this server process's log (its stderr, which the supervisor keeps in a file)."""
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def _chargen_line(i: int) -> bytes:
    chars = "".join(chr(c) for c in range(32, 127))
    start = i % len(chars)
    return ((chars + chars)[start:start + 72] + "\r\n").encode()


def _plain(conn: socket.socket, role: str, first: bytes) -> None:
    """Classic discard (RFC 863) or chargen (RFC 864) for a client that is not netlab."""
    conn.settimeout(IDLE_S)
    if role == "sink":
        while conn.recv(65536):
            pass
        return
    sent, i = 0, 0
    while sent < PLAIN_CAP:
        line = _chargen_line(i)
        conn.sendall(line)
        sent, i = sent + len(line), i + 1


def _first_line(conn: socket.socket, role: str) -> tuple[dict | None, bytes]:
    """The request, or (None, what arrived) for a plain discard/chargen client."""
    conn.settimeout(PLAIN_WAIT_S if role == "source" else 5.0)
    try:
        first = conn.recv(1, socket.MSG_PEEK)
    except TimeoutError:
        return None, b""
    if first != b"{":
        return None, first
    return engine.read_line(conn, timeout=5.0), first


def _listener(conn: socket.socket, req: engine.Request, role: str) -> socket.socket:
    """The data listener: receive buffer (sink) or congestion control (source) set before listen()."""
    local = conn.getsockname()
    lst = socket.socket(conn.family, socket.SOCK_STREAM)
    try:
        if role == "sink" and req.rcvbuf:
            lst.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, req.rcvbuf)
        if role == "source" and req.cc:
            lst.setsockopt(socket.IPPROTO_TCP, socket.TCP_CONGESTION, req.cc.encode())
        lst.bind((local[0], 0))
        lst.listen(1)
    except OSError:
        lst.close()
        raise
    return lst


def _accept(lst: socket.socket, peer_ip: str) -> socket.socket | None:
    """The data connection from the control connection's peer (others are closed)."""
    end = time.monotonic() + ACCEPT_S
    while (left := end - time.monotonic()) > 0:
        lst.settimeout(left)
        try:
            data, addr = lst.accept()
        except TimeoutError:
            return None
        if addr[0] == peer_ip:
            return data
        data.close()
    return None


def _read_cc_default() -> str | None:
    try:
        with open("/proc/sys/net/ipv4/tcp_congestion_control") as fh:
            return fh.read().strip()
    except OSError:
        return None


def _session(conn: socket.socket, role: str) -> None:
    req_json, first = _first_line(conn, role)
    if req_json is None:
        _plain(conn, role, first)
        return
    try:
        req = engine.Request.from_json(req_json)
        want = "upload" if role == "sink" else "download"
        if req.direction != want:
            raise ValueError(f"this is a {role}: it serves {want}s only")
        lst = _listener(conn, req, role)
    except (ValueError, OSError) as e:
        engine.send_line(conn, {"ok": False, "error": str(e)})
        return
    with lst:
        engine.send_line(conn, {
            "ok": True, "port": lst.getsockname()[1], "clock": time.monotonic(), "boot_id": engine.boot_id(),
            "kernel": platform.release(), "cc_default": _read_cc_default(), "role": role,
            "cc": tcpinfo.congestion_control(lst) if role == "source" else None,
        })
        data = _accept(lst, conn.getpeername()[0])
    if data is None:
        engine.send_line(conn, {"ok": False, "error": "no data connection arrived"})
        return
    with data:
        if role == "source":
            side = engine.send(data, req)
        else:
            side = engine.receive(data, req)
    engine.send_line(conn, {"ok": True, "side": side.to_wire()})


def _serve(conn: socket.socket, role: str, slots: threading.BoundedSemaphore) -> None:
    try:
        with conn:
            _session(conn, role)
    except (OSError, engine.ProtocolError) as e:
        _log(f"session ended: {type(e).__name__}: {e}")
    finally:
        slots.release()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="netlab.sandbox.services.bulkserver")
    ap.add_argument("--role", choices=["sink", "source"], required=True)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--bind", action="append", default=[], help="address to listen on (repeatable; default ::)")
    args = ap.parse_args(argv)
    socks = [listen(a, args.port, backlog=64) for a in (args.bind or ["::"])]
    slots = threading.BoundedSemaphore(MAX_SESSIONS)
    _log(f"bulk {args.role} listening on {', '.join(args.bind or ['::'])} port {args.port} (pid {os.getpid()})")

    def serve(conn: socket.socket) -> None:
        if not slots.acquire(blocking=False):
            with contextlib.suppress(OSError):
                engine.send_line(conn, {"ok": False, "error": f"busy: {MAX_SESSIONS} transfers already running"})
            conn.close()
            return
        threading.Thread(target=_serve, args=(conn, args.role, slots), daemon=True).start()

    accept_forever(socks, serve)
    return 0


if __name__ == "__main__":
    sys.exit(main())
