"""Hostile servers for `netlab websocket` and `netlab http-state` (integration tests only).

    python app_hostile.py MODE PORT

Plain TCP on 127.0.0.1:PORT, one thread per connection, each reading one HTTP request head:

  ws-200            answers the upgrade with 200 OK and a page (no protocol switch)
  ws-wrong-accept   101 with a Sec-WebSocket-Accept that is not base64(SHA-1(key + GUID))
  ws-oversized      a correct 101, then a binary frame whose header declares 2^40 bytes
  ws-bad-utf8       a correct 101, then a text frame whose payload is not UTF-8
  ws-lax            a correct 101, then echoes every frame, masked or not (accepts unmasked frames)
  http-bad          a netlab-app look-alike: malformed Set-Cookie lines, and /token hands out a
                    token that is not base64url
"""

from __future__ import annotations

import base64
import hashlib
import json
import socket
import sys
import threading

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def read_head(conn: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data and len(data) < 65536:
        chunk = conn.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


def header(head: bytes, name: str) -> str:
    for line in head.decode("latin-1").split("\r\n")[1:]:
        k, _, v = line.partition(":")
        if k.strip().lower() == name.lower():
            return v.strip()
    return ""


def switching(head: bytes, accept: str | None = None) -> bytes:
    key = header(head, "Sec-WebSocket-Key")
    good = base64.b64encode(hashlib.sha1((key + GUID).encode()).digest()).decode()
    return (f"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Accept: {accept or good}\r\n\r\n").encode()


def frame(opcode: int, payload: bytes) -> bytes:
    n = len(payload)
    if n < 126:
        return bytes([0x80 | opcode, n]) + payload
    return bytes([0x80 | opcode, 126]) + n.to_bytes(2, "big") + payload


def read_frame(conn: socket.socket, buf: bytes) -> tuple[bytes | None, bytes]:
    """(the raw frame, leftover), or (None, b"") at end of stream."""
    while True:
        if len(buf) >= 2:
            n = buf[1] & 0x7F
            h = 2 + (2 if n == 126 else 8 if n == 127 else 0) + (4 if buf[1] & 0x80 else 0)
            if len(buf) >= h:
                ln = n if n < 126 else int.from_bytes(buf[2:4] if n == 126 else buf[2:10], "big")
                if len(buf) >= h + ln:
                    return buf[:h + ln], buf[h + ln:]
        chunk = conn.recv(65536)
        if not chunk:
            return None, b""
        buf += chunk


def unmasked_copy(raw: bytes) -> tuple[int, bytes]:
    opcode, n = raw[0] & 0x0F, raw[1] & 0x7F
    h = 2 + (2 if n == 126 else 8 if n == 127 else 0)
    masked = bool(raw[1] & 0x80)
    key = raw[h:h + 4] if masked else b""
    payload = raw[h + (4 if masked else 0):]
    if masked:
        payload = bytes(b ^ key[i % 4] for i, b in enumerate(payload))
    return opcode, payload


def handle(mode: str, conn: socket.socket) -> None:
    head = read_head(conn)
    if mode == "ws-200":
        body = b"<h1>just a page</h1>"
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
    elif mode == "ws-wrong-accept":
        conn.sendall(switching(head, accept="dGhpcyBpcyBub3QgdGhlIGFjY2VwdA=="))
    elif mode == "ws-oversized":
        conn.sendall(switching(head) + bytes([0x82, 127]) + (1 << 40).to_bytes(8, "big") + b"\x00" * 64)
    elif mode == "ws-bad-utf8":
        conn.sendall(switching(head) + frame(1, b"caf\xc3 \xff\xfe"))
    elif mode == "ws-lax":
        conn.sendall(switching(head))
        buf = b""
        while True:
            raw, buf = read_frame(conn, buf)
            if raw is None:
                break
            opcode, payload = unmasked_copy(raw)
            if opcode == 8:
                conn.sendall(frame(8, payload[:2] or b"\x03\xe8"))
                break
            conn.sendall(frame(10 if opcode == 9 else opcode, payload))
    elif mode == "http-bad":
        http_bad(conn, head)
    conn.close()


def http_bad(conn: socket.socket, head: bytes) -> None:
    while head:
        target = head.split(b" ", 2)[1].decode() if head.count(b" ") >= 2 else "/"
        length = int(header(head, "Content-Length") or 0)
        rest = head.split(b"\r\n\r\n", 1)[1] if b"\r\n\r\n" in head else b""
        while len(rest) < length:
            rest += conn.recv(65536)
        extra = []
        if target == "/.well-known/netlab-app.json":
            body = json.dumps({"netlab_app": 1, "user": "student", "password": "netlab", "session_cookie": "sid",
                               "paths": {"login": "/login", "account": "/account", "logout": "/logout",
                                         "token": "/token", "me": "/api/me", "jwks": "/jwks"}}).encode()
        elif target == "/token":
            body = json.dumps({"token": "not base64!.%%%.$$$", "alg": "HS256"}).encode()
        else:
            body = b"hostile"
            extra = ["Set-Cookie: noequalsign", "Set-Cookie: sid=abc; Max-Age=soon; SameSite=Sometimes",
                     "Set-Cookie: wide=1; Domain=example.com", "Set-Cookie: sec=1; Secure"]
        lines = ["HTTP/1.1 200 OK", f"Content-Length: {len(body)}", "Content-Type: application/json", *extra]
        conn.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        head = read_head(conn)


def main() -> None:
    mode, port = sys.argv[1], int(sys.argv[2])
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", port))
    srv.listen(16)
    while True:
        conn, _ = srv.accept()
        threading.Thread(target=handle, args=(mode, conn), daemon=True).start()


if __name__ == "__main__":
    main()
