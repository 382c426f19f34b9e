"""WebSocket frames and messages, parsed from recorded bytes (pure; RFC 6455 §5, RFC 7692).

A frame on the wire::

    byte 0   FIN(1) RSV1(1) RSV2(1) RSV3(1) opcode(4)
    byte 1   MASK(1) payload length(7): 0-125 the length; 126: a 16-bit length follows; 127: a 64-bit one
    [2 or 8 bytes of extended length]  [4 bytes of masking key, if MASK]  payload (XOR the key, byte i ^ key[i % 4])

Opcodes: 0 continuation, 1 text, 2 binary, 8 close, 9 ping, 10 pong; 3-7 and 11-15 are reserved.
Control frames (8, 9, 10) carry at most 125 bytes and are never fragmented, but may come between
the fragments of a message.  Client frames are masked, server frames are not (§5.1: the key stops a
script in a browser from making bytes a broken proxy would take for its own HTTP request).
RSV1 set on a message's first frame means permessage-deflate compressed it (its payload is raw
DEFLATE without the final 00 00 ff ff).

Every problem is recorded on the frame or message it belongs to; nothing raises.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

OPCODES = {0: "continuation", 1: "text", 2: "binary", 8: "close", 9: "ping", 10: "pong"}
CONTROL = (8, 9, 10)
KEEP_PAYLOAD = 4096  # bytes of each payload kept (unmasked) for the report

CLOSE_CODES = {
    1000: "normal", 1001: "going away", 1002: "protocol error", 1003: "unsupported data",
    1005: "no status (never sent)", 1006: "abnormal: no close frame (never sent)", 1007: "invalid payload data",
    1008: "policy violation", 1009: "message too big", 1010: "mandatory extension", 1011: "internal error",
    1012: "service restart", 1013: "try again later", 1015: "TLS handshake failed (never sent)",
}


@dataclass
class Frame:
    index: int  # 1-based, per direction
    direction: str  # "c>s" | "s>c"
    offset: int  # of its first byte in the direction's byte stream (after the HTTP head)
    t: float | None  # when its last byte was sent or received
    fin: bool
    rsv1: bool
    rsv2: bool
    rsv3: bool
    opcode: int
    masked: bool
    mask_key: bytes | None
    length_form: int  # 7, 16 or 64 (bits of the length field used)
    header_len: int
    length: int  # the payload length the header declares
    payload: bytes = b""  # unmasked, at most KEEP_PAYLOAD bytes
    complete: bool = True  # the whole payload was in the bytes
    problems: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return OPCODES.get(self.opcode, f"reserved {self.opcode}")

    @property
    def wire_len(self) -> int:
        return self.header_len + self.length


def unmask(payload: bytes, key: bytes) -> bytes:
    if not key:
        return payload
    k = (key * (len(payload) // 4 + 1))[: len(payload)]
    return bytes(a ^ b for a, b in zip(payload, k, strict=True)) if len(payload) < 4096 else \
        (int.from_bytes(payload, "big") ^ int.from_bytes(k, "big")).to_bytes(len(payload), "big")


def parse_frames(chunks: list[tuple[float, bytes]], direction: str, max_frame: int = 1 << 20,
                 keep: int = KEEP_PAYLOAD) -> tuple[list[Frame], str | None]:
    """Frames from a direction's bytes, given as (time, chunk) in order.

    Returns the frames and why parsing stopped early (None: all bytes were frames, or the last one
    is incomplete because the recording ended).  A frame declaring more than ``max_frame`` bytes is
    recorded (header only) and parsing stops: a client must not buffer it.
    """
    data = b"".join(c for _, c in chunks)
    ends, pos = [], 0
    for t, c in chunks:  # byte offset -> arrival time of the chunk that holds it
        pos += len(c)
        ends.append((pos, t))

    def time_at(offset: int) -> float | None:
        for end, t in ends:
            if offset < end:
                return t
        return ends[-1][1] if ends else None

    frames: list[Frame] = []
    p = 0
    while p < len(data):
        if len(data) - p < 2:
            return frames, None
        b0, b1 = data[p], data[p + 1]
        fin, rsv1, rsv2, rsv3, opcode = bool(b0 & 0x80), bool(b0 & 0x40), bool(b0 & 0x20), bool(b0 & 0x10), b0 & 0x0F
        masked, n = bool(b1 & 0x80), b1 & 0x7F
        h = 2
        problems = []
        if n == 126:
            if len(data) - p < 4:
                return frames, None
            length, form = int.from_bytes(data[p + 2:p + 4], "big"), 16
            h = 4
            if length < 126:
                problems.append("non-minimal-length")
        elif n == 127:
            if len(data) - p < 10:
                return frames, None
            length, form = int.from_bytes(data[p + 2:p + 10], "big"), 64
            h = 10
            if length >> 63:
                problems.append("length-msb")
            if length < 65536:
                problems.append("non-minimal-length")
        else:
            length, form = n, 7
        key = None
        if masked:
            if len(data) - p < h + 4:
                return frames, None
            key = data[p + h:p + h + 4]
            h += 4
        if opcode not in OPCODES:
            problems.append("reserved-opcode")
        if opcode in CONTROL and (length > 125 or not fin):
            problems.append("bad-control-frame")
        if direction == "s>c" and masked:
            problems.append("server-masked")
        if direction == "c>s" and not masked:
            problems.append("client-unmasked")
        if rsv2 or rsv3:
            problems.append("reserved-bits")
        f = Frame(len(frames) + 1, direction, p, None, fin, rsv1, rsv2, rsv3, opcode, masked, key, form, h, length,
                  problems=problems)
        if length > max_frame:
            f.complete = False
            f.problems.append("too-big")
            f.t = time_at(p + h - 1)
            frames.append(f)
            return frames, "too-big"
        body = data[p + h:p + h + length]
        f.complete = len(body) == length
        f.payload = unmask(body[:keep], key) if key else body[:keep]
        f.t = time_at(min(len(data), p + h + length) - 1)
        frames.append(f)
        if not f.complete:
            return frames, None
        p += h + length
    return frames, None


@dataclass
class Message:
    direction: str
    opcode: int  # 1 text | 2 binary
    frames: list[int]  # indexes of its frames
    wire_bytes: int  # headers + payloads of its frames
    size: int  # payload bytes on the wire (compressed if RSV1)
    compressed: bool
    data: bytes = b""  # the message (decompressed), at most KEEP_PAYLOAD bytes kept
    data_len: int = 0
    text: str | None = None  # text messages that are valid UTF-8
    t_first: float | None = None
    t_last: float | None = None
    problems: list[str] = field(default_factory=list)
    interleaved: list[int] = field(default_factory=list)  # control frames that came between its fragments


def assemble(frames: list[Frame], deflate: bool = False) -> tuple[list[Message], list[str]]:
    """Data messages from frames (fragments joined, control frames between them allowed).

    ``deflate``: permessage-deflate was negotiated, so RSV1 means "decompress this message" (one
    decompressor per direction: the compression context carries over between messages).
    Returns the messages and problems that belong to no message (a stray continuation...).
    """
    out: list[Message] = []
    stray: list[str] = []
    cur: Message | None = None
    parts: list[bytes] = []
    inflater = zlib.decompressobj(-15) if deflate else None
    for f in frames:
        if f.opcode in CONTROL:
            if cur is not None:
                cur.interleaved.append(f.index)
            continue
        if f.opcode == 0:
            if cur is None:
                stray.append("continuation-without-start")
                continue
            if f.rsv1:
                cur.problems.append("rsv1-on-continuation")
        elif f.opcode in (1, 2):
            if cur is not None:
                cur.problems.append("unfinished")
                out.append(_finish(cur, parts, inflater))
            cur = Message(f.direction, f.opcode, [], 0, 0, bool(f.rsv1), t_first=f.t)
            parts = []
            if f.rsv1 and not deflate:
                cur.problems.append("rsv1-without-extension")
        else:
            continue  # a reserved opcode: recorded on the frame
        cur.frames.append(f.index)
        cur.wire_bytes += f.wire_len
        cur.size += f.length
        cur.t_last = f.t
        parts.append(f.payload)
        if len(f.payload) < f.length:
            cur.problems.append("payload-cut")
        if f.fin:
            out.append(_finish(cur, parts, inflater))
            cur, parts = None, []
    if cur is not None:
        cur.problems.append("unfinished")
        out.append(_finish(cur, parts, inflater))
    return out, stray


def _finish(m: Message, parts: list[bytes], inflater) -> Message:
    raw = b"".join(parts)
    if m.compressed and inflater is not None and "payload-cut" not in m.problems:
        try:
            data = inflater.decompress(raw + b"\x00\x00\xff\xff", KEEP_PAYLOAD * 64)
        except zlib.error:
            m.problems.append("bad-deflate")
            data = raw
    else:
        data = raw
    m.data_len = len(data) if "payload-cut" not in m.problems else m.size
    m.data = data[:KEEP_PAYLOAD]
    if m.opcode == 1 and "payload-cut" not in m.problems and "bad-deflate" not in m.problems:
        try:
            m.text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            m.problems.append("invalid-utf8")
            m.text = None
            m.data = data[: max(e.start + 8, 16)][:KEEP_PAYLOAD]
    return m


def close_info(f: Frame) -> tuple[int | None, str, list[str]]:
    """(code, reason, problems) of a close frame's payload."""
    p = f.payload
    if not p:
        return None, "", []
    if len(p) == 1:
        return None, "", ["close-one-byte"]
    code = int.from_bytes(p[:2], "big")
    problems = []
    if code < 1000 or code in (1004, 1005, 1006, 1015) or 1016 <= code < 3000 or code >= 5000:
        problems.append("bad-close-code")
    try:
        reason = p[2:].decode("utf-8")
    except UnicodeDecodeError:
        reason = p[2:].decode("utf-8", "replace")
        problems.append("invalid-utf8")
    return code, reason, problems


def encode_frame(opcode: int, payload: bytes, *, fin: bool = True, mask: bytes | None = None, rsv1: bool = False,
                 form: int | None = None) -> bytes:
    """The bytes of one frame (for tests and for the probe's deliberately unmasked frame)."""
    b0 = (0x80 if fin else 0) | (0x40 if rsv1 else 0) | (opcode & 0x0F)
    n = len(payload)
    form = form or (7 if n < 126 else 16 if n < 65536 else 64)
    mbit = 0x80 if mask else 0
    if form == 7:
        head = bytes([b0, mbit | n])
    elif form == 16:
        head = bytes([b0, mbit | 126]) + n.to_bytes(2, "big")
    else:
        head = bytes([b0, mbit | 127]) + n.to_bytes(8, "big")
    if mask:
        return head + mask + unmask(payload, mask)
    return head + payload
