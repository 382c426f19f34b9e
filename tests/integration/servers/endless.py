"""A hostile HTTPS server for the tests: it answers every request with a chunked body that never ends.

    python3 endless.py PORT CERT KEY [--slow]
    python3 endless.py PORT --plain [--slow]        (plain HTTP, no TLS)

--slow sends one kilobyte every 20 ms (the deadline must stop the client); otherwise as fast as it
can (the body cap must stop it).  HTTP/1.1 only; runs until killed.
"""

from __future__ import annotations

import socket
import ssl
import sys
import threading
import time


def serve(conn: socket.socket, slow: bool) -> None:
    try:
        conn.recv(65536)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n")
        chunk = b"x" * (1024 if slow else 65536)
        frame = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
        while True:
            conn.sendall(frame)
            if slow:
                time.sleep(0.02)
    except OSError:
        pass
    finally:
        conn.close()


def main() -> None:
    port = int(sys.argv[1])
    slow = "--slow" in sys.argv
    ctx = None
    if "--plain" not in sys.argv:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(sys.argv[2], sys.argv[3])
        ctx.set_alpn_protocols(["http/1.1"])
    srv = socket.create_server(("127.0.0.1", port), reuse_port=True)
    while True:
        raw, _ = srv.accept()
        try:
            conn = ctx.wrap_socket(raw, server_side=True) if ctx else raw
        except (OSError, ssl.SSLError):
            raw.close()
            continue
        threading.Thread(target=serve, args=(conn, slow), daemon=True).start()


if __name__ == "__main__":
    main()
