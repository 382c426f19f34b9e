"""A hostile plain-HTTP server for the tests: its status line and a header carry terminal escapes.

    python3 banner.py PORT
"""

from __future__ import annotations

import socket
import sys

REPLY = (b"HTTP/1.1 200 OK\x1b]0;pwned\x07\x1b[2J\r\nContent-Length: 2\r\nX-Evil: \x9b31m\xe2\x80\xaered\r\n"
         b"Connection: close\r\n\r\nok")


def main() -> None:
    srv = socket.create_server(("127.0.0.1", int(sys.argv[1])), reuse_port=True)
    while True:
        conn, _ = srv.accept()
        try:
            conn.recv(65536)
            conn.sendall(REPLY)
        except OSError:
            pass
        finally:
            conn.close()


if __name__ == "__main__":
    main()
