"""The listening side of the sandbox's small threaded TCP servers (tcpserver, bulkserver).

Stdlib only: the servers run as their own processes (``python -m ...``) inside the sandbox's hosts.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable


def listen(addr: str, port: int, backlog: int) -> socket.socket:
    """A TCP socket listening on ``addr``: ``::`` takes IPv4 too, any other IPv6 address only IPv6."""
    fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if fam == socket.AF_INET6:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0 if addr == "::" else 1)
    s.bind((addr, port))
    s.listen(backlog)
    return s


def accept_forever(socks: list[socket.socket], handle: Callable[[socket.socket], None]) -> None:
    """Accept on every socket, one thread each, and give each connection to ``handle`` (which starts
    the connection's own thread); returns on Ctrl-C only."""

    def accept_loop(s: socket.socket) -> None:
        while True:
            conn, _ = s.accept()
            handle(conn)

    threads = [threading.Thread(target=accept_loop, args=(s,), daemon=True) for s in socks]
    for t in threads:
        t.start()
    try:
        for t in threads:
            t.join()
    except KeyboardInterrupt:
        pass
