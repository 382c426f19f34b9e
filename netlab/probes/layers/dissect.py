"""One frame, dissected by scapy, as bands of bytes: layers, and fields with bit-exact positions (pure).

scapy decides what every byte is; this module only asks it *where*.  A scapy packet is dissected
field by field (``Field.getfield(pkt, bytes) -> (rest, value)``): replaying that on the layer's own
bytes tells where each field starts and how many bits it took, including fields inside lists of
sub-packets (DNS questions, TLS extensions) and bit fields (IPv4's version, TCP's flags).  The
positions are checked against tshark's in tests/integration/test_layers.py.

Three things scapy does not do, done here without a decoder of our own:

- TCP options are one scapy field; each option's band comes from its kind and length bytes, the
  same two bytes scapy's own option parser reads (``TCPOptionsField.m2i``).
- QUIC is not bound to UDP in scapy (its module says it is incomplete): a UDP payload on port 443
  with a long header is handed to scapy's QUIC classes, and the fields after Length are shown as
  protected, because header protection masks them on the wire (scapy would read the masked bits).
- scapy's HTTP layer parses header lines itself (no per-field positions): the request or status
  line and each header line become bands, found by their CRLF ends.

scapy is imported inside the functions (it takes ~0.5 s); importing this module is light.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass, field
from typing import Any

from netlab.probes.layers import protocols as P
from netlab.probes.layers.model import FieldSpan, Layer

MAX_FIELDS = 1200  # a 64 KiB DNS answer has a few thousand; the report would be unreadable anyway
MAX_DEPTH = 6
MAX_LAYERS = 24
VALUE_CHARS = 80

# pcap link types netlab dissects (https://www.tcpdump.org/linktypes.html) -> what starts the frame
LINKTYPES: dict[int, str] = {
    0: "null", 1: "eth", 12: "raw", 14: "raw", 101: "raw", 113: "sll", 228: "ipv4", 229: "ipv6", 276: "sll2",
}
LINKTYPE_NAMES: dict[int, str] = {
    0: "NULL (BSD loopback)", 1: "ETHERNET", 12: "RAW", 14: "RAW", 101: "RAW (bare IP)", 113: "LINUX_SLL",
    228: "IPV4", 229: "IPV6", 276: "LINUX_SLL2",
}
HTTP_METHODS = (b"GET ", b"HEAD ", b"POST ", b"PUT ", b"DELETE ", b"OPTIONS ", b"PATCH ", b"CONNECT ",
                b"TRACE ")


@dataclass
class Dissection:
    layers: list[Layer] = field(default_factory=list)
    fields: list[FieldSpan] = field(default_factory=list)
    trailer: int = 0  # bytes after the outermost PDU (Ethernet padding)
    problems: list[dict[str, Any]] = field(default_factory=list)


def supported(linktype: int) -> bool:
    return linktype in LINKTYPES


@contextlib.contextmanager
def quiet_scapy():
    """scapy logs what it could not parse ("Malformed TCP option"): the report says it instead."""
    loggers = [logging.getLogger(n) for n in ("scapy", "scapy.runtime", "scapy.loading")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for lg, lv in zip(loggers, levels, strict=True):
            lg.setLevel(lv)


def import_layers() -> dict[str, Any]:
    """The scapy layers netlab dissects (never scapy.all): importing them also binds them to ports."""
    with quiet_scapy():
        import scapy.layers.dns  # noqa: F401  (binds DNS to UDP/TCP 53)
        import scapy.layers.http  # noqa: F401  (binds HTTP to TCP 80/8080)
        import scapy.layers.inet6  # noqa: F401  (binds IPv6 to Ethernet)
        import scapy.layers.tls.record  # noqa: F401  (binds TLS to TCP 443)
        from scapy.layers.http import HTTP
        from scapy.layers.inet import IP
        from scapy.layers.inet6 import IPv6
        from scapy.layers.l2 import CookedLinux, CookedLinuxV2, Ether, Loopback
        from scapy.layers.quic import QUIC
        from scapy.layers.tls.record import TLS
        from scapy.packet import NoPayload, Packet, Raw
    return {"eth": Ether, "sll": CookedLinux, "sll2": CookedLinuxV2, "null": Loopback, "ipv4": IP, "ipv6": IPv6,
            "QUIC": QUIC, "TLS": TLS, "HTTP": HTTP, "Packet": Packet, "Raw": Raw, "NoPayload": NoPayload}


def dissect(frame: bytes, linktype: int) -> Dissection:
    """Dissect one captured frame; problems (unknown link type, undecodable bytes) are reported, not raised."""
    if linktype not in LINKTYPES:
        return Dissection(problems=[{"code": "linktype", "linktype": linktype}])
    S = import_layers()
    start = LINKTYPES[linktype]
    if start == "raw":
        start = "ipv6" if frame[:1] and frame[0] >> 4 == 6 else "ipv4"
    with quiet_scapy():
        try:
            pkt = S[start](frame)
        except Exception as e:  # noqa: BLE001 - scapy on hostile bytes: say so, show the bytes
            return Dissection(problems=[{"code": "undecodable", "offset": 0, "error": type(e).__name__}])
        walker = _Walker(frame, S)
        walker.chain(pkt)
    return walker.out


# ------------------------------------------------------------------------------------ the walk


def _bits_used(total: int, rest: Any) -> int:
    """Bits consumed so far, from what getfield left: bytes, or (bytes, bits already used of rest[0])."""
    if isinstance(rest, tuple):
        b, used = rest
        return (total - len(b)) * 8 + used
    return (total - len(rest)) * 8


class _Walker:
    def __init__(self, frame: bytes, S: dict[str, Any]):
        self.frame = frame
        self.S = S
        self.out = Dissection()
        self.capped = False

    # -- the chain of layers ----------------------------------------------------------------

    def chain(self, pkt) -> None:
        S = self.S
        trailer = _trailer(pkt, len(self.frame), S)
        end = len(self.frame) - trailer  # where the outermost packet ends; after it, the link's padding
        offset = 0
        layer = pkt
        quoted = False
        while not isinstance(layer, S["NoPayload"]) and len(self.out.layers) < MAX_LAYERS:
            cname = type(layer).__name__
            if cname in P.WRAPPERS or not layer.fields_desc:
                layer = layer.payload
                continue
            proto = P.proto_of(cname)
            if proto == "padding":
                if offset >= end:
                    break
                # inside the packet: bytes scapy set aside (a TLS record that continues in the next segment)
                layer, proto, cname = self._fragment(self.frame[offset:end])
            data = bytes(layer.original) if layer.original is not None else self.frame[offset:end]
            if self.frame[offset:offset + len(data)] != data:  # scapy's view and ours disagree: trust the frame
                data = self.frame[offset:end]
            quoted = quoted or cname.endswith("error") or cname.endswith("error6")
            if proto == "data" and self.out.layers and self.out.layers[-1].proto == "quic":
                proto = "qpad"  # bytes after the QUIC packets of a datagram: padding (RFC 9000 section 12.2)
            own = self._layer(layer, proto, data, offset, max(0, offset + len(data) - end), quoted)
            if own is None:
                break
            offset += own
            layer = self._next(layer, proto)
        if trailer:
            self._padding(self.frame[end:], end)

    def _fragment(self, data: bytes):
        """The start of a TLS record whose rest is in a later segment (scapy's dispatcher declines those), or data."""
        if data[:1] in (b"\x14", b"\x15", b"\x16", b"\x17") and data[1:2] == b"\x03" and len(data) >= 5:
            try:
                tls = self.S["TLS"].__new__(self.S["TLS"])
                tls.__init__(data)
                return tls, "tls", "TLS"
            except Exception:  # noqa: BLE001 - not a TLS record after all
                pass
        return self.S["Raw"](data), "data", "Raw"

    def _next(self, layer, proto: str):
        """The payload scapy found, or the protocol scapy would find if it were bound to this port."""
        S = self.S
        pay = layer.payload
        if not isinstance(pay, S["Raw"]) or not pay.load:
            return pay
        load = bytes(pay.load)
        try:
            if proto == "udp" and 443 in (layer.sport, layer.dport) and load[0] & 0xC0 in (0xC0, 0x40):
                return S["QUIC"](load)
            if proto == "tcp" and load[:1] in (b"\x14", b"\x15", b"\x16", b"\x17") and load[1:2] == b"\x03":
                return S["TLS"](load)
            if proto == "tcp" and (load.startswith(HTTP_METHODS) or load.startswith(b"HTTP/1.")):
                return S["HTTP"](load)
        except Exception:  # noqa: BLE001 - not that protocol after all: the bytes stay data
            return pay
        return pay

    def _layer(self, layer, proto: str, data: bytes, offset: int, padding: int, quoted: bool) -> int | None:
        """Add one layer and its fields; returns the bytes it owns (its header, or its whole message)."""
        idx = len(self.out.layers)
        cname = type(layer).__name__
        try:
            if proto == "http":
                own, header = self._http(layer, data, offset, idx)
            elif proto == "quic":
                own, header = self._quic(layer, data, offset, idx)
            elif proto in ("data", "qpad"):
                own = header = len(data) - padding if len(data) > padding else len(data)
                self._add(FieldSpan(idx, "load", "load", offset, own, value=_bytes_value(data[:own]),
                                    owner="Raw" if proto == "data" else "QUICpad"))
            else:
                bits = self._replay(layer, data, offset * 8, idx, 0, "")
                if bits % 8:
                    raise ValueError(f"{cname} ends inside a byte")
                own = bits // 8
                header = self._header_len(proto, idx, offset, own)
        except Exception as e:  # noqa: BLE001 - scapy could not replay its own dissection: show bytes
            self.out.fields = [f for f in self.out.fields if f.layer != idx]
            self.out.problems.append({"code": "undecodable", "offset": offset, "layer": cname,
                                      "error": type(e).__name__})
            return None
        pdu = own if proto in ("tls", "dns", "quic") else max(own, len(data) - padding)
        info = P.info(proto)
        name = _layer_name(proto, layer, info)
        complete = offset + pdu <= len(self.frame) and _declared_fits(proto, layer, len(data))
        try:
            summary = layer.mysummary() if hasattr(layer, "mysummary") else ""
            summary = summary if isinstance(summary, str) else str(summary)
        except Exception:  # noqa: BLE001 - a summary is decoration
            summary = ""
        self.out.layers.append(Layer(idx, proto, name, cname, offset, header, pdu, info.osi, info.tcpip, info.pdu,
                                     quoted=quoted, complete=complete, summary=summary[:120]))
        return own

    def _header_len(self, proto: str, idx: int, offset: int, own: int) -> int:
        last = P.HEADER_ENDS_AT.get(proto)
        if last:
            f = next((f for f in self.out.fields if f.layer == idx and f.path == last), None)
            if f is not None:
                return f.end - offset
        return own

    def _padding(self, load: bytes, offset: int) -> None:
        n = len(load)
        idx = len(self.out.layers)
        info = P.info("padding")
        self.out.layers.append(Layer(idx, "padding", "padding", "Padding", offset, n, n, info.osi, info.tcpip,
                                     info.pdu))
        self._add(FieldSpan(idx, "load", "load", offset, n, value=_bytes_value(load), owner="Padding"))
        self.out.trailer = n

    # -- fields -------------------------------------------------------------------------------

    def _add(self, f: FieldSpan) -> bool:
        if len(self.out.fields) >= MAX_FIELDS:
            if not self.capped:
                self.capped = True
                self.out.problems.append({"code": "fields-capped", "max": MAX_FIELDS})
            return False
        self.out.fields.append(f)
        return True

    def _span(self, idx: int, path: str, name: str, bit0: int, nbits: int, value: str, depth: int,
              kind: str = "", owner: str = "") -> FieldSpan:
        off, bit = divmod(bit0, 8)
        length = (bit + nbits + 7) // 8
        whole = bit == 0 and nbits % 8 == 0
        return FieldSpan(idx, path, name, off, length, bit=bit, bits=None if whole else nbits,
                         value=value, depth=depth, kind=kind, owner=owner)

    def _replay(self, pkt, data: bytes, base_bit: int, idx: int, depth: int, prefix: str) -> int:
        """Run scapy's field parsers again on ``data`` (the packet's bytes); returns the bits consumed."""
        rest: Any = data
        total = len(data)
        for f in pkt.fields_desc:
            before = _bits_used(total, rest)
            rest, val = f.getfield(pkt, rest)
            pkt.fields[f.name] = val  # as scapy's do_dissect does: later fields' lengths read it
            after = _bits_used(total, rest)
            if after < before:
                raise ValueError(f"{f.name}: scapy's parser went backwards")
            if after == before:
                continue
            path = prefix + f.name
            span = self._span(idx, path, f.name, base_bit + before, after - before, _value(f, pkt, val), depth,
                              owner=type(pkt).__name__)
            if not self._add(span):
                continue
            if type(f).__name__ == "TCPOptionsField":
                span.value = ", ".join(str(o[0]) for o in val)
                self._tcp_options(idx, span, val, depth + 1, path)
            elif f.name in ("tos", "tc") and type(pkt).__name__ in ("IP", "IPv6", "IPerror", "IPerror6"):
                self._ds_ecn(idx, span, int(val), depth + 1, path)
            elif depth < MAX_DEPTH:
                self._elements(idx, f, val, data[before // 8: (after + 7) // 8], base_bit + before, depth, path)
        return _bits_used(total, rest)

    def _elements(self, idx: int, f, val, data: bytes, bit0: int, depth: int, path: str) -> None:
        """A field holding sub-packets (a list of questions, of extensions...): one band per element."""
        P_ = self.S["Packet"]
        items = val if isinstance(val, list) else [val]
        if not items or not all(isinstance(v, P_) for v in items) or bit0 % 8:
            return
        spans = []
        used = 0
        for i, el in enumerate(items):
            bits = self._replay_quiet(el, data[used:], bit0 + used * 8, idx, depth + 2, f"{path}[{i}].")
            if bits is None or bits % 8:
                return
            spans.append(self._span(idx, f"{path}[{i}]", "", bit0 + used * 8, bits, _element_value(el), depth + 1,
                                    "element", type(el).__name__))
            used += bits // 8
        # elements go before their own fields, in frame order
        mine = [s for s in self.out.fields if s.layer == idx and s.path.startswith(path + "[")]
        others = [s for s in self.out.fields if not (s.layer == idx and s.path.startswith(path + "["))]
        merged = []
        for i, sp in enumerate(spans):
            merged.append(sp)
            merged.extend(s for s in mine if s.path.startswith(f"{path}[{i}]."))
        self.out.fields = others + merged

    def _replay_quiet(self, el, data: bytes, bit0: int, idx: int, depth: int, prefix: str) -> int | None:
        mark = len(self.out.fields)
        try:
            return self._replay(el, data, bit0, idx, depth, prefix)
        except Exception:  # noqa: BLE001 - an element scapy cannot replay: the list stays one band
            del self.out.fields[mark:]
            return None

    def _tcp_options(self, idx: int, span: FieldSpan, options: list, depth: int, path: str) -> None:
        raw = self.frame[span.offset:span.end]
        i = 0
        for n, (name, value) in enumerate(options):
            if i >= len(raw):
                break
            kind = raw[i]
            size = 1 if kind in (0, 1) else max(2, raw[i + 1] if i + 1 < len(raw) else 2)
            size = min(size, len(raw) - i)
            text = name if value in (None, b"") else f"{name} {_option_value(value)}"
            self._add(FieldSpan(idx, f"{path}[{n}]", str(name), span.offset + i, size, value=text, depth=depth,
                                kind="option", owner="TCPopt"))
            i += size
            if kind == 0:
                break
        if i < len(raw):
            self._add(FieldSpan(idx, f"{path}.padding", "padding", span.offset + i, len(raw) - i,
                                value=_bytes_value(raw[i:]), depth=depth, kind="option", owner="TCPopt"))

    def _ds_ecn(self, idx: int, span: FieldSpan, tos: int, depth: int, path: str) -> None:
        """DSCP and ECN, the two parts of IPv4's ToS byte / IPv6's traffic class (RFC 2474, RFC 3168)."""
        start = span.bit_offset
        self._add(self._span(idx, f"{path}.dscp", "dscp", start, 6, str(tos >> 2), depth, "derived", span.owner))
        self._add(self._span(idx, f"{path}.ecn", "ecn", start + 6, 2, f"{tos & 3:02b}", depth, "derived", span.owner))

    # -- protocols scapy leaves to us -----------------------------------------------------------

    def _quic(self, layer, data: bytes, offset: int, idx: int) -> tuple[int, int]:
        """A QUIC packet: the visible header fields from scapy; after them, what header protection hides."""
        cname = type(layer).__name__
        if cname in ("QUIC_Version", "QUIC_Retry"):
            bits = self._replay(layer, data, offset * 8, idx, 0, "")
            return bits // 8, bits // 8
        rest: Any = data
        total = len(data)
        stop = "Length" if cname != "QUIC_1RTT" else "SpinBit"
        for f in layer.fields_desc:
            before = _bits_used(total, rest)
            rest, val = f.getfield(layer, rest)
            after = _bits_used(total, rest)
            kind = "protected" if f.name in P.QUIC_PROTECTED_BITS else ""
            shown = "?" if kind else _value(f, layer, val)
            self._add(self._span(idx, f.name, f.name, offset * 8 + before, after - before, shown, 0, kind, cname))
            if f.name == stop:
                break
        head = _bits_used(total, rest)
        if cname == "QUIC_1RTT":  # key phase, packet number length and the rest: protected
            self._add(self._span(idx, "KeyPhase..PacketNumberLen", "protected", offset * 8 + head, 8 - head % 8, "?",
                                 0, "protected", cname))
            head = (head + 7) // 8 * 8
            body = len(data) - head // 8
        else:
            body = min(int(layer.Length or 0), len(data) - head // 8)
        if body > 0:
            self._add(FieldSpan(idx, "protected", "protected", offset + head // 8, body, value=str(body),
                                kind="protected", owner=cname))
        return head // 8 + body, head // 8

    def _http(self, layer, data: bytes, offset: int, idx: int) -> tuple[int, int]:
        """The start line's three parts, then each header line (CRLF included), then the blank line."""
        end = data.find(b"\r\n\r\n")
        head = data[:end + 4] if end >= 0 else data
        request = type(layer).__name__ == "HTTPRequest"
        lines = head.split(b"\r\n")
        pos = 0
        first = lines[0]
        parts = first.split(b" ", 2)
        names = ("Method", "Path", "Http_Version") if request else ("Http_Version", "Status_Code", "Reason_Phrase")
        col = 0
        for name, part in zip(names, parts, strict=False):
            self._add(FieldSpan(idx, name, name, offset + col, len(part), value=_bytes_value(part), owner="HTTP"))
            col += len(part) + 1
        self._add(FieldSpan(idx, "line-end", "line-end", offset + len(first), min(2, len(head) - len(first)),
                            value="\\r\\n", owner="HTTP"))
        pos = len(first) + 2
        for n, line in enumerate(lines[1:]):
            if pos >= len(head):
                break
            if line == b"":
                self._add(FieldSpan(idx, "end-of-headers", "end-of-headers", offset + pos, min(2, len(head) - pos),
                                    value="\\r\\n", owner="HTTP"))
                break
            name, _, value = line.partition(b":")
            self._add(FieldSpan(idx, f"headers[{n}]", name.decode("latin-1"), offset + pos,
                                min(len(line) + 2, len(head) - pos), value=_bytes_value(value.strip()), kind="header",
                                owner="HTTP"))
            pos += len(line) + 2
        return len(head), len(head)


# ------------------------------------------------------------------------------------ values


def _trailer(pkt, size: int, S) -> int:
    """Bytes after the outermost IP packet's declared end (a link's padding); 0 without IP."""
    for layer in _iter_layers(pkt, S):
        cname = type(layer).__name__
        if cname in ("IP", "IPv6") and layer.original is not None:
            start = size - len(layer.original)
            try:
                declared = int(layer.len) if cname == "IP" else 40 + int(layer.plen)
            except (TypeError, ValueError):
                return 0
            return max(0, size - (start + declared))
    return sum(len(x.load) for x in _iter_layers(pkt, S) if type(x).__name__ == "Padding")


def _iter_layers(pkt, S):
    layer = pkt
    while not isinstance(layer, S["NoPayload"]):
        yield layer
        layer = layer.payload


def _layer_name(proto: str, layer, info: P.Proto) -> str:
    cname = type(layer).__name__
    if proto == "quic":
        return "QUIC " + cname.removeprefix("QUIC_").replace("Version", "Version Negotiation").replace("0RTT", "0-RTT") \
            .replace("1RTT", "1-RTT (short header)")
    if proto == "http":
        return "HTTP request" if cname == "HTTPRequest" else "HTTP response"
    if proto in ("icmp", "icmpv6") and not cname.endswith("error"):
        return getattr(layer, "name", info.name) if proto == "icmpv6" else "ICMP"
    return info.name


def _declared_fits(proto: str, layer, available: int) -> bool:
    """False when the layer's own length field promises more bytes than the capture holds."""
    try:
        if proto == "ipv4":
            return int(layer.len) <= available
        if proto == "ipv6":
            return int(layer.plen) + 40 <= available
        if proto == "tls":
            return int(layer.len) + 5 <= available
        if proto == "udp":
            return int(layer.len) <= available
    except (TypeError, ValueError, AttributeError):
        return True
    return True


def _printable(b: bytes) -> bool:
    return all(32 <= c < 127 for c in b)


def _bytes_value(b: bytes) -> str:
    b = bytes(b)
    if not b:
        return ""
    if _printable(b):
        text = b.decode("ascii")
        return text if len(text) <= VALUE_CHARS else text[:VALUE_CHARS - 1] + "…"
    if not any(b):
        return f"{len(b)} zero bytes" if len(b) > 1 else "00"
    hx = b[:24].hex()
    return hx + ("…" if len(b) > 24 else "")


def _value(f, pkt, val) -> str:
    """scapy's own rendering of a field's value, made one short line."""
    if isinstance(val, list) and val and all(hasattr(v, "fields_desc") for v in val):
        return str(len(val))
    if isinstance(val, bytes | bytearray):
        return _bytes_value(val)
    try:
        text = f.i2repr(pkt, val)
    except Exception:  # noqa: BLE001 - a field scapy cannot render: its raw value
        text = repr(val)
    text = str(text)
    if text.startswith("b'") or text.startswith('b"'):
        text = text[2:-1]
    if isinstance(val, int) and not isinstance(val, bool):
        number = str(int(val))
        if text.startswith(number + " ") or text == number:
            text = number  # "512 [deciphered_len= 512]": the number is what the bytes say
        elif f.name in ("sport", "dport") or (f.name == "proto" and type(pkt).__name__ in ("IP", "IPerror")):
            # scapy names ports and IP protocols from this machine's /etc/services and /etc/protocols: the
            # numbers are the same everywhere (the meaning column names the common ones)
            text = number
        elif text != number and not text.startswith("0x") and text:
            text = f"{number} ({text})"

    text = " ".join(text.split())
    if not text and type(val).__name__ == "FlagValue":
        text = str(int(val))  # no flag set: scapy renders nothing, the bits say 0
    return text if len(text) <= VALUE_CHARS else text[:VALUE_CHARS - 1] + "…"


def _element_value(el) -> str:
    name = str(getattr(el, "name", type(el).__name__)).removeprefix("TLS Extension - ")
    for attr in ("qname", "rrname", "servername", "protocol"):
        v = getattr(el, attr, None) if attr in el.fields else None
        if isinstance(v, bytes) and v:
            extra = ""
            for t in ("qtype", "type"):
                if t in el.fields:
                    try:
                        extra = " " + el.get_field(t).i2repr(el, el.getfieldval(t))
                    except Exception:  # noqa: BLE001
                        extra = ""
                    break
            return f"{name}: {_bytes_value(v)}{extra}"
    return str(name)


def _option_value(value) -> str:
    if isinstance(value, tuple):
        return " ".join(str(v) for v in value)
    if isinstance(value, bytes):
        return _bytes_value(value)
    return str(value)
