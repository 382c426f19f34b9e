"""Small TCP servers for the tcp-handshake lab (run by the sandbox as its own processes).

    python -m netlab.sandbox.services.tcpserver --mode http|close-first --port N [--bind ADDR ...]

- ``http``: a minimal HTTP/1.1 server.  It answers every request on the connection with a short
  text page (keep-alive), closes after the response when the request says ``Connection: close``
  (so the *server* closes first), and closes when the client closes (client closes first).
- ``close-first``: on accept it sends one greeting line and then half-closes (shutdown SHUT_WR:
  its FIN goes first), keeps reading whatever the client still sends (half-close), and closes
  when the client's FIN arrives (or after 30 s).  The server therefore ends in TIME_WAIT.

One thread per connection; stdlib and netlab.sandbox.services.listen only (the sandbox starts it
with the package's Python).
"""

from __future__ import annotations

import argparse
import socket
import sys
import threading

from netlab.sandbox.services.listen import accept_forever, listen

IDLE_S = 30.0


def _http(conn: socket.socket, name: str) -> None:
    buf = b""
    while True:
        while b"\r\n\r\n" not in buf:
            data = conn.recv(65536)
            if not data:
                return  # the client closed first
            buf += data
        head, _, buf = buf.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        request = lines[0]
        headers = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:])}
        length = int(headers.get("content-length", "0") or 0)
        while len(buf) < length:
            data = conn.recv(65536)
            if not data:
                return
            buf += data
        buf = buf[length:]
        close = headers.get("connection", "").lower() == "close" or request.endswith("HTTP/1.0")
        body = f"hello from {name}\nyou asked: {request}\n".encode()
        resp = [b"HTTP/1.1 200 OK", b"Content-Type: text/plain; charset=utf-8",
                b"Content-Length: " + str(len(body)).encode(), b"Server: netlab-tcpserver"]
        if close:
            resp.append(b"Connection: close")
        conn.sendall(b"\r\n".join(resp) + b"\r\n\r\n" + (b"" if request.startswith("HEAD ") else body))
        if close:
            conn.shutdown(socket.SHUT_WR)  # our FIN first; then wait for the client's
            while conn.recv(65536):
                pass
            return


def _close_first(conn: socket.socket, name: str) -> None:
    conn.sendall(f"hello from {name}: I close first (my FIN comes next)\r\n".encode())
    conn.shutdown(socket.SHUT_WR)
    while conn.recv(65536):  # half-close: the client may still send; we read until its FIN
        pass


def _serve(conn: socket.socket, mode: str, name: str) -> None:
    conn.settimeout(IDLE_S)
    try:
        (_http if mode == "http" else _close_first)(conn, name)
    except OSError:
        pass
    finally:
        conn.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="netlab.sandbox.services.tcpserver")
    ap.add_argument("--mode", choices=["http", "close-first"], required=True)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--bind", action="append", default=[], help="address to listen on (repeatable; default ::)")
    ap.add_argument("--name", default=socket.gethostname())
    args = ap.parse_args(argv)
    socks = [listen(a, args.port, backlog=128) for a in (args.bind or ["::"])]
    print(f"tcpserver {args.mode} listening on {', '.join(args.bind or ['::'])} port {args.port}", flush=True)

    def serve(conn: socket.socket) -> None:
        threading.Thread(target=_serve, args=(conn, args.mode, args.name), daemon=True).start()

    accept_forever(socks, serve)
    return 0


if __name__ == "__main__":
    sys.exit(main())
