"""STUN messages built and parsed (pure): RFC 8489 (5389) Binding, RFC 5780's attributes, TURN (RFC 8656).

The encoding and decoding of messages and attributes is aioice's (``aioice.stun``, the STUN/ICE
implementation aiortc uses): Message, parse_message, the attribute table with CHANGE-REQUEST,
OTHER-ADDRESS, RESPONSE-ORIGIN and the TURN attributes.  This module adds what a probe that reads
untrusted answers needs and aioice leaves out:

- checks aioice does not make: the two leading zero bits, the magic cookie (a message without it
  is RFC 3489's, whose 16-byte transaction id is not ours), a length that is a multiple of 4;
- attributes aioice does not know: RESPONSE-PORT (0x0027, RFC 5780) is added to a request by hand
  (type, length, value, padding) and counted in the header's length; unknown comprehension-required
  attributes are listed, not dropped silently;
- a parse that never raises: every malformation becomes ``Parsed.error`` (one line) instead of a
  ValueError, struct.error or UnicodeDecodeError from deep inside.

aioice is imported on first use (it pulls in dnspython): ``netlab nat --help`` does not load it.
"""

from __future__ import annotations

import hashlib
import os
import struct
from dataclasses import dataclass, field
from typing import Any

MAGIC = 0x2112A442
HEADER = 20
RESPONSE_PORT = 0x0027
CHANGE_IP = 0x4
CHANGE_PORT = 0x2
REQUESTED_TRANSPORT_UDP = 17 << 24
ADDRESS_ATTRS = ("XOR-MAPPED-ADDRESS", "MAPPED-ADDRESS", "OTHER-ADDRESS", "CHANGED-ADDRESS", "RESPONSE-ORIGIN",
                 "SOURCE-ADDRESS", "XOR-PEER-ADDRESS", "XOR-RELAYED-ADDRESS")


def _stun():
    from aioice import stun

    return stun


@dataclass
class Parsed:
    """A received datagram read as STUN (``ok``), or why it cannot be (``error``)."""

    ok: bool
    error: str | None = None
    kind: str | None = None  # request | indication | success | error
    method: str | None = None  # binding | allocate | refresh | send | data | create-permission | channel-bind
    tid: bytes = b""
    attrs: dict[str, Any] = field(default_factory=dict)
    unknown: list[int] = field(default_factory=list)  # comprehension-required attribute types not understood

    def address(self, name: str) -> str | None:
        v = self.attrs.get(name)
        return endpoint(*v) if isinstance(v, tuple) and len(v) == 2 else None


def endpoint(address: str, port: int) -> str:
    return f"[{address}]:{port}" if ":" in str(address) else f"{address}:{port}"


def split_endpoint(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    return host.strip("[]"), int(port)


def new_tid() -> bytes:
    return os.urandom(12)


def looks_like_stun(data: bytes) -> bool:
    """The first two bits zero and the magic cookie: RFC 8489's test for demultiplexing."""
    return len(data) >= HEADER and data[0] & 0xC0 == 0 and struct.unpack_from("!I", data, 4)[0] == MAGIC


_KINDS = {0x000: "request", 0x010: "indication", 0x100: "success", 0x110: "error"}


def parse(data: bytes) -> Parsed:
    """Read ``data`` as a STUN message; never raises."""
    if len(data) < HEADER:
        return Parsed(False, f"{len(data)} bytes: shorter than a STUN header (20)")
    mtype, length, cookie = struct.unpack_from("!HHI", data, 0)
    tid = bytes(data[8:20])
    if mtype & 0xC000:
        return Parsed(False, "the first two bits are not zero: not STUN", tid=tid)
    if cookie != MAGIC:
        return Parsed(False, f"no magic cookie (0x{cookie:08x}): an RFC 3489 message, or not STUN", tid=tid)
    if length % 4 or HEADER + length != len(data):
        return Parsed(False, f"header says {length} bytes of attributes, the datagram has {len(data) - HEADER}",
                      tid=tid)
    unknown = _unknown_required(data)
    if isinstance(unknown, str):
        return Parsed(False, unknown, tid=tid)
    stun = _stun()
    try:
        msg = stun.parse_message(bytes(data))
    except (ValueError, struct.error, UnicodeDecodeError, IndexError, TypeError) as e:
        return Parsed(False, f"malformed: {str(e)[:120] or type(e).__name__}", tid=tid)
    attrs = {}
    for name, value in msg.attributes.items():
        if isinstance(value, bytes) and name not in ("DATA", "NONCE", "MESSAGE-INTEGRITY"):
            value = value.hex()
        attrs[name] = value
    return Parsed(True, kind=_KINDS.get(int(msg.message_class)), method=msg.message_method.name.lower().replace("_", "-"),
                  tid=tid, attrs=attrs, unknown=unknown)


def _unknown_required(data: bytes) -> list[int] | str:
    """Attribute types below 0x8000 (comprehension-required) that aioice's table lacks; or a string
    saying why the attribute list does not add up."""
    known = {t for t, *_ in _stun().ATTRIBUTES} | {RESPONSE_PORT, 0x000A, 0x0026, 0x0013}
    out, pos = [], HEADER
    while pos < len(data):
        if pos + 4 > len(data):
            return f"an attribute header cut short at byte {pos}"
        atype, alen = struct.unpack_from("!HH", data, pos)
        if pos + 4 + alen > len(data):
            return f"attribute 0x{atype:04x} claims {alen} bytes past the end of the message"
        if atype < 0x8000 and atype not in known:
            out.append(atype)
        pos += 4 + alen + (-alen % 4)
    return out


# ---------------------------------------------------------------------------------- building


def _with_extra(raw: bytes, extra: bytes) -> bytes:
    """Append raw attribute bytes to an encoded message and fix its length field."""
    if not extra:
        return raw
    body = len(raw) - HEADER + len(extra)
    return raw[:2] + struct.pack("!H", body) + raw[4:] + extra


def binding_request(tid: bytes | None = None, change_ip: bool = False, change_port: bool = False,
                    response_port: int | None = None) -> tuple[bytes, bytes]:
    """(transaction id, bytes) of a Binding request, with CHANGE-REQUEST / RESPONSE-PORT if asked."""
    stun = _stun()
    tid = tid or new_tid()
    attrs: dict[str, Any] = {}
    flags = (CHANGE_IP if change_ip else 0) | (CHANGE_PORT if change_port else 0)
    if flags:
        attrs["CHANGE-REQUEST"] = flags
    raw = bytes(stun.Message(stun.Method.BINDING, stun.Class.REQUEST, transaction_id=tid, attributes=attrs))
    extra = struct.pack("!HHH2x", RESPONSE_PORT, 4, response_port) if response_port else b""
    return tid, _with_extra(raw, extra)


def binding_success(tid: bytes, mapped: tuple[str, int]) -> bytes:
    """The answer an ICE agent gives a connectivity check: where the check came from."""
    stun = _stun()
    return bytes(stun.Message(stun.Method.BINDING, stun.Class.RESPONSE, transaction_id=tid,
                              attributes={"XOR-MAPPED-ADDRESS": mapped}))


def long_term_key(username: str, realm: str, password: str) -> bytes:
    """RFC 8489's long-term credential key: MD5(username ":" realm ":" password)."""
    return hashlib.md5(f"{username}:{realm}:{password}".encode(), usedforsecurity=False).digest()


def turn_request(method: str, attrs: dict[str, Any], auth: tuple[str, str, bytes, bytes] | None = None,
                 tid: bytes | None = None) -> tuple[bytes, bytes]:
    """(tid, bytes) of a TURN request (allocate | create-permission | refresh); ``auth`` =
    (username, realm, nonce, key) adds USERNAME, REALM, NONCE and MESSAGE-INTEGRITY."""
    stun = _stun()
    tid = tid or new_tid()
    m = stun.Message(getattr(stun.Method, method.upper().replace("-", "_")), stun.Class.REQUEST,
                     transaction_id=tid, attributes=dict(attrs))
    if auth:
        user, realm, nonce, key = auth
        m.attributes["USERNAME"] = user
        m.attributes["REALM"] = realm
        m.attributes["NONCE"] = nonce
        m.add_message_integrity(key)
    return tid, bytes(m)


def send_indication(peer: tuple[str, int], data: bytes) -> bytes:
    stun = _stun()
    return bytes(stun.Message(stun.Method.SEND, stun.Class.INDICATION,
                              attributes={"XOR-PEER-ADDRESS": peer, "DATA": data}))


def describe(p: Parsed) -> str:
    """One line for people: "Binding success: XOR-MAPPED-ADDRESS 198.18.60.33:40668, ..." (untrusted text
    inside is shown as received; the report's sanitiser makes it inert)."""
    if not p.ok:
        return p.error or "not STUN"
    parts = []
    for name in ("XOR-MAPPED-ADDRESS", "MAPPED-ADDRESS", "RESPONSE-ORIGIN", "OTHER-ADDRESS", "CHANGED-ADDRESS",
                 "XOR-RELAYED-ADDRESS", "XOR-PEER-ADDRESS"):
        a = p.address(name)
        if a:
            parts.append(f"{name} {a}")
    if "CHANGE-REQUEST" in p.attrs:
        flags = int(p.attrs["CHANGE-REQUEST"])
        parts.append("CHANGE-REQUEST " + ("+".join(n for b, n in ((CHANGE_IP, "ip"), (CHANGE_PORT, "port")) if flags & b)
                                          or "none"))
    if "ERROR-CODE" in p.attrs:
        code, reason = p.attrs["ERROR-CODE"]
        parts.append(f"ERROR-CODE {code} {str(reason).rstrip(chr(0))[:60]}")
    if "LIFETIME" in p.attrs:
        parts.append(f"LIFETIME {p.attrs['LIFETIME']} s")
    if "DATA" in p.attrs:
        parts.append(f"DATA {len(p.attrs['DATA'])} bytes")
    return f"{p.method} {p.kind}" + (": " + ", ".join(parts) if parts else "")
