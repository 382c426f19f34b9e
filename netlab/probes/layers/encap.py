"""The encapsulation read off a dissection: what carries what, and what each header adds (pure).

Shared by findings.py and build.py, so that the summary, the table and the findings count the
same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass

from netlab.probes.layers.model import FieldSpan, Layer, LayersResult

LINK = ("eth", "vlan", "sll", "sll2", "null")


@dataclass
class Wrap:
    layer: Layer
    added: int  # header bytes this layer puts in front of what it carries
    total: int  # its PDU's size once added


def outer(res: LayersResult) -> list[Layer]:
    """The layers of the packet itself (not the quoted one inside an ICMP error, not padding)."""
    return [x for x in res.layers if not x.quoted and x.proto != "padding"]


def payload_layer(res: LayersResult) -> Layer | None:
    """The innermost unit: what the transport carries (a message, a QUIC packet, data), or an ICMP message."""
    layers = outer(res)
    for i, x in enumerate(layers):
        if x.proto in ("tcp", "udp"):
            return layers[i + 1] if i + 1 < len(layers) else None
    return next((x for x in layers if x.proto in ("icmp", "icmpv6", "arp")), None)


def transport(res: LayersResult) -> Layer | None:
    return next((x for x in outer(res) if x.proto in ("tcp", "udp")), None)


def network(res: LayersResult) -> Layer | None:
    return next((x for x in outer(res) if x.proto in ("ipv4", "ipv6")), None)


def link(res: LayersResult) -> Layer | None:
    first = outer(res)[:1]
    return first[0] if first and first[0].proto in LINK else None


def carried(res: LayersResult) -> int:
    """Bytes of what the innermost carrier carries: the transport's payload, or the ICMP message; 0 if none."""
    t = transport(res)
    if t is not None:
        return t.pdu_len - t.header_len
    p = payload_layer(res)
    return p.pdu_len if p is not None else 0


def wraps(res: LayersResult) -> list[Wrap]:
    """From the innermost carrier outwards: each header added and the unit it makes (the frame last)."""
    layers = outer(res)
    t = transport(res)
    if t is not None:
        upto = layers.index(t)
    else:
        p = payload_layer(res)
        upto = layers.index(p) - 1 if p is not None else -1
    if upto < 0:
        return []
    out = []
    for x in reversed(layers[:upto + 1]):
        if x.proto == "ipv6ext":
            continue
        out.append(Wrap(x, x.header_len + (_ext_len(res, x) if x.proto == "ipv6" else 0), x.pdu_len))
    link_layer = link(res)
    if link_layer is not None and out and out[-1].layer is link_layer:
        out[-1].total = res.frame_len
    return out


def _ext_len(res: LayersResult, ip: Layer) -> int:
    return sum(x.header_len for x in res.layers if x.proto == "ipv6ext" and not x.quoted and x.offset >= ip.offset)


def fields(res: LayersResult, layer: Layer, path: str) -> FieldSpan | None:
    return next((f for f in res.fields if f.layer == layer.index and f.path == path), None)


def value(res: LayersResult, layer: Layer | None, path: str, default: str = "") -> str:
    if layer is None:
        return default
    f = fields(res, layer, path)
    return f.value if f is not None else default


def number(text: str) -> int | None:
    """The leading integer of a rendered value ("6 (tcp)" -> 6), or None."""
    head = text.split(" ", 1)[0]
    try:
        return int(head, 0)
    except ValueError:
        return None
