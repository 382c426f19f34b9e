"""A STUN server that answers wrongly, for netlab nat's bad-input tests (runs inside a sandbox host).

    python stun_hostile.py MODE LISTEN_ADDR PORT [OTHER_ADDR]

MODE:
  malformed   answers every request with three datagrams that are not valid STUN (garbage, a header
              whose length lies, an attribute running past the end), never with a valid one
  wrong-tid   answers with a well-formed Binding success whose transaction id is not the request's
  elsewhere   answers correctly, but from OTHER_ADDR (same port): a server answering from an
              unexpected address
  rfc3489     answers without the magic cookie (RFC 3489's format)

Standard library only; it builds the few bytes it needs by hand, so that what it sends is exactly
what the test means.
"""

from __future__ import annotations

import os
import socket
import struct
import sys

MAGIC = 0x2112A442


def xor_mapped(addr: tuple[str, int], cookie: int = MAGIC) -> bytes:
    port = addr[1] ^ (cookie >> 16)
    ip = struct.unpack("!I", socket.inet_aton(addr[0]))[0] ^ cookie
    value = struct.pack("!BBHI", 0, 1, port, ip)
    return struct.pack("!HH", 0x0020, len(value)) + value


def success(tid: bytes, addr: tuple[str, int], cookie: int = MAGIC) -> bytes:
    attrs = xor_mapped(addr, cookie)
    return struct.pack("!HHI", 0x0101, len(attrs), cookie) + tid + attrs


def main() -> int:
    mode, listen, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    other = sys.argv[4] if len(sys.argv) > 4 else None
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((listen, port))
    out = s
    if mode == "elsewhere":
        out = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        out.bind((other, port))
    print(f"stun_hostile {mode} on {listen}:{port}", flush=True)
    while True:
        data, addr = s.recvfrom(2048)
        if len(data) < 20:
            continue
        tid = data[8:20]
        if mode == "malformed":
            s.sendto(b"\xff\xfe not stun at all", addr)
            s.sendto(struct.pack("!HHI", 0x0101, 400, MAGIC) + tid, addr)  # says 400 bytes follow, none do
            s.sendto(struct.pack("!HHI", 0x0101, 8, MAGIC) + tid + struct.pack("!HH", 0x0020, 64) + b"\0" * 4, addr)
        elif mode == "wrong-tid":
            s.sendto(success(os.urandom(12), addr), addr)
        elif mode == "elsewhere":
            out.sendto(success(tid, addr), addr)
        elif mode == "rfc3489":
            s.sendto(success(tid, addr, cookie=0x01020304), addr)


if __name__ == "__main__":
    sys.exit(main())
