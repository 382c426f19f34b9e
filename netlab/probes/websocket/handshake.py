"""The WebSocket opening handshake, read from recorded bytes (pure; RFC 6455 §4).

The client sends an ordinary HTTP/1.1 GET with ``Upgrade: websocket``, ``Connection: Upgrade``,
``Sec-WebSocket-Version: 13`` and ``Sec-WebSocket-Key`` (16 random bytes, base64).  A server that
agrees answers ``101 Switching Protocols`` with ``Sec-WebSocket-Accept`` =
base64(SHA-1(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")): proof that it read this very
request and speaks WebSocket (a cache or a plain HTTP server could not make it up).  From the
byte after the blank line that ends the 101, both directions carry frames.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def accept_for(key: str) -> tuple[str, str]:
    """(SHA-1 hex of key+GUID, the expected Sec-WebSocket-Accept)."""
    digest = hashlib.sha1((key + GUID).encode("ascii", "replace")).digest()
    return digest.hex(), base64.b64encode(digest).decode("ascii")


@dataclass
class Head:
    start_line: str = ""
    headers: list[tuple[str, str]] = field(default_factory=list)
    length: int = 0  # bytes of the head, blank line included (0: no complete head)

    def get(self, name: str) -> str | None:
        vals = [v for k, v in self.headers if k.lower() == name.lower()]
        return ", ".join(vals) if vals else None

    @property
    def status(self) -> int:
        parts = self.start_line.split(" ", 2)
        try:
            return int(parts[1]) if len(parts) >= 2 and parts[0].startswith("HTTP/") else 0
        except ValueError:
            return 0


def parse_head(data: bytes) -> Head:
    end = data.find(b"\r\n\r\n")
    if end < 0:
        return Head()
    lines = data[:end].decode("latin-1").split("\r\n")
    h = Head(lines[0], [], end + 4)
    for line in lines[1:]:
        k, sep, v = line.partition(":")
        if sep:
            h.headers.append((k.strip(), v.strip()))
    return h


def tokens(value: str | None) -> list[str]:
    return [t.strip().lower() for t in (value or "").split(",") if t.strip()]


@dataclass
class Upgrade:
    request: Head
    response: Head
    key: str | None
    sha1_hex: str | None
    expected: str | None
    accept: str | None
    accept_ok: bool
    status: int
    subprotocol_offered: list[str]
    subprotocol: str | None
    extensions_offered: str | None
    extensions: str | None
    deflate: bool
    problems: list[str]


def check(request: bytes, response: bytes) -> Upgrade:
    """Everything the client must check in the server's answer, from the bytes both sent."""
    req, resp = parse_head(request), parse_head(response)
    key = req.get("Sec-WebSocket-Key")
    sha1_hex, expected = accept_for(key) if key else (None, None)
    accept = resp.get("Sec-WebSocket-Accept")
    problems = []
    status = resp.status
    if not resp.length:
        problems.append("no-response")
    elif status != 101:
        problems.append("not-101")
    else:
        if "websocket" not in tokens(resp.get("Upgrade")):
            problems.append("no-upgrade-header")
        if "upgrade" not in tokens(resp.get("Connection")):
            problems.append("no-connection-upgrade")
        if accept is None:
            problems.append("no-accept")
        elif accept != expected:
            problems.append("wrong-accept")
    offered = tokens(req.get("Sec-WebSocket-Protocol"))
    chosen = resp.get("Sec-WebSocket-Protocol")
    if chosen and chosen.lower() not in offered:
        problems.append("subprotocol-not-offered")
    ext = resp.get("Sec-WebSocket-Extensions")
    return Upgrade(req, resp, key, sha1_hex, expected, accept, bool(accept and accept == expected), status, offered,
                   chosen, req.get("Sec-WebSocket-Extensions"), ext,
                   status == 101 and "permessage-deflate" in (ext or "").lower(), problems)
