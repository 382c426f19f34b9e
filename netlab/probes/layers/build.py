"""layers report: LayersResult -> Document (pure; every string from messages.py).

The story first: the summary (what the application handed down, and what each layer added), the
encapsulation table (OSI and TCP/IP layer, the unit's name, byte ranges), then one table per
header (each field's bytes, bits, value and meaning), then the bytes in hex with the fields that
start in each row, then where the packet came from.  Nested fields (a TLS extension's insides)
and the rest of a long frame's bytes are details (``-v``).
"""

from __future__ import annotations

from netlab.probes.layers import encap, fieldtext, hexview
from netlab.probes.layers.dissect import LINKTYPE_NAMES
from netlab.probes.layers.messages import M
from netlab.probes.layers.model import FieldSpan, Layer, LayersResult
from netlab.report import document

SHORT_DEPTH = 3  # fields nested deeper are shown with -v (an extension's insides)
HEX_SMALL = 160  # a frame this small is shown whole
HEX_SHORT = 256  # bytes of hex shown without -v at most (the headers and the payload's first rows)
HEX_MAX = 4096  # bytes of hex a report shows at most
HEX_ROW = 16  # bytes a row of the hex view (Wireshark's)
HEX_DEPTH = 2  # fields nested deeper are not marked in the hex view (their parent is)


class _B:
    def __init__(self, res: LayersResult, lang: str):
        self.res = res
        self.lang = lang
        self.frame = bytes.fromhex(res.frame_hex) if res.frame_hex else b""

    def t(self, key: str, **params) -> str:
        return M.text(key, self.lang, **{k: (v.render(self.lang) if hasattr(v, "render") else v)
                                         for k, v in params.items()})

    def name(self, x: Layer) -> str:
        if x.proto == "quic":
            return x.name  # "QUIC Initial": the same in both languages
        if x.proto == "http":
            return self.t(f"proto.{x.scapy}") if f"proto.{x.scapy}" in M.messages else x.name
        key = f"proto.{x.proto}"
        return self.t(key) if key in M.messages else x.name

    def pdu(self, pdu: str) -> str:
        return self.t(f"pdu.{pdu}") if f"pdu.{pdu}" in M.messages else pdu

    def label(self, f: FieldSpan) -> str:
        if f.kind == "header":
            return f.name
        key = fieldtext.key_for(f.owner, f.name, f.kind)
        if key is not None:
            return self.t(f"fl.{key}")
        return f.name or f.path.rsplit(".", 1)[-1]

    def meaning(self, f: FieldSpan) -> str:
        key = fieldtext.key_for(f.owner, f.name, f.kind)
        return self.t(f"fm.{key}") if key is not None else ""


def build(res: LayersResult, lang: str = "en") -> document.Document:
    b = _B(res, lang)
    doc = document.Document(title=_title(b), probe="layers", lang=lang, summary=_summary(b), findings=list(res.findings))
    if res.layers:
        doc.blocks.append(document.Section(b.t("sec.encapsulation"), [_layer_table(b), _adds(b)]))
        for x in res.layers:
            doc.blocks.extend(_header_section(b, x))
    if b.frame:
        doc.blocks.extend(_hex_sections(b))
    doc.blocks.append(_source(b))
    return doc


# ------------------------------------------------------------------------------------ story


def _title(b: _B) -> str:
    res = b.res
    if res.packet is None:
        return b.t("title.none")
    if res.source == "capture":
        return b.t("title.capture", what=M.t(f"kind.{res.kind}") if res.kind else "?", target=res.target or "?")
    if res.source == "recording":
        return b.t("title.recording", packet=res.packet, probe=(res.file or {}).get("probe", "?"), path=res.path)
    return b.t("title.file", packet=res.packet, path=res.path)


def _summary(b: _B) -> str:
    res = b.res
    if res.packet is None:
        return b.t("summary.nothing")
    if not res.layers:
        return b.t("summary.undissected", frame=res.frame_len)
    ws = encap.wraps(res)
    link = encap.link(res)
    if not ws or link is None:
        return b.t("summary.bare", frame=res.frame_len,
                   layers=" / ".join(b.name(x) for x in encap.outer(res)))
    adds = _adds_text(b, ws)
    inner = encap.payload_layer(res)
    t = encap.transport(res)
    if (inner is None or encap.carried(res) == 0) and t is not None:
        return b.t("summary.empty", transport=b.name(t), pdu=b.pdu(t.pdu), frame=res.frame_len, adds=adds)
    return b.t("summary.carried", inner=_inner_name(b, inner), n=encap.carried(res), frame=res.frame_len,
               link=b.name(link), adds=adds)


def _inner_name(b: _B, x: Layer) -> str:
    if x.proto == "quic" and any(y.proto == "qpad" for y in b.res.layers):
        return b.t("inner.padded", name=x.name)
    if x.proto == "http":
        return b.name(x)
    if x.pdu == "message":
        return b.t("inner.message", name=b.name(x))
    if x.pdu == "packet":
        return b.t("inner.packet", name=x.name)
    if x.pdu == "record":
        return b.t("inner.record", name=b.name(x))
    return b.t("inner.data")


def _adds_text(b: _B, ws: list[encap.Wrap]) -> str:
    parts = [b.t("adds.first" if i == 0 else "adds.item", proto=b.name(w.layer), n=w.added) for i, w in enumerate(ws)]
    return ", ".join(parts)


def _layer_table(b: _B) -> document.Table:
    rows = []
    for x in b.res.layers:
        name = b.name(x) + (" " + b.t("quoted") if x.quoted else "")
        carries = x.pdu_len - x.header_len
        rows.append([b.t(f"osi.{x.osi}") if f"osi.{x.osi}" in M.messages else x.osi, b.t(f"tcpip.{x.tcpip}"), name,
                     b.pdu(x.pdu), _range(x.offset, x.offset + x.pdu_len), str(x.header_len),
                     str(carries) if carries else "-", str(x.pdu_len)])
    cols = ["col.osi", "col.tcpip", "col.protocol", "col.pdu", "col.bytes", "col.header", "col.carries", "col.size"]
    return document.Table([b.t(c) for c in cols], rows)


def _adds(b: _B) -> document.KeyValues:
    res = b.res
    ws = encap.wraps(res)
    inner = encap.payload_layer(res)
    items: list[tuple[str, str]] = []
    if inner is not None and encap.carried(res):
        items.append((_inner_name(b, inner),
                      b.t("adds.payload-v", n=encap.carried(res))))
    for w in ws:
        items.append((b.t("adds.layer", name=b.name(w.layer)),
                      b.t("adds.layer-v", n=w.added, total=w.layer.pdu_len if w is not ws[-1] else
                          res.frame_len - res.trailer, pdu=b.pdu(w.layer.pdu))))
    if res.trailer:
        items.append((b.t("adds.padding"), b.t("adds.padding-v", n=res.trailer, total=res.frame_len)))
    link = encap.link(res)
    if link is not None and link.proto == "eth":
        fcs = max(60, res.frame_len) + 4
        items.append((b.t("adds.wire"), b.t("adds.wire-v", fcs=fcs, total=fcs + 8 + 12)))
    return document.KeyValues(items, title=b.t("sec.adds"))


def _range(start: int, end: int) -> str:
    """Bytes [start, end) as people write them: 14, or 26-29."""
    return str(start) if end - start <= 1 else f"{start}-{end - 1}"


# ------------------------------------------------------------------------------------ headers


def _header_section(b: _B, x: Layer) -> list:
    fields = b.res.fields_of(x)
    if not fields:
        return []
    whole = x.tcpip == "application" and x.proto not in ("tls",) or x.proto in ("data", "padding")
    key = "sec.message" if whole else "sec.header"
    n = x.pdu_len if whole else x.header_len
    title = b.t(key, name=b.name(x) + (" " + b.t("quoted") if x.quoted else ""), start=x.offset,
                end=x.offset + max(n, 1) - 1, n=n)
    cols = [b.t(c) for c in ("col.bytes", "col.bits", "col.field", "col.value", "col.meaning")]
    lists = {f.path.rsplit("[", 1)[0] for f in fields if f.kind == "element"}
    short = [f for f in fields if f.depth <= SHORT_DEPTH]
    blocks: list = [document.Table(cols, [_field_row(b, f, lists) for f in short])]
    if len(short) < len(fields):
        blocks.append(document.Text(b.t("fields.hidden", n=len(fields) - len(short))))
        blocks.append(document.Table(cols, [_field_row(b, f, lists) for f in fields], verbose=True))
    return [document.Section(title, blocks)]


def _field_row(b: _B, f: FieldSpan, lists: set[str]) -> list[str]:
    indent = "  " * f.depth
    value = f.value
    if f.kind == "protected":
        value = f"{value} " + b.t("value.protected") if value not in ("", "?") else b.t("value.protected")
    elif f.path in lists:
        value = b.t("value.items", n=f.value)
    return [_range(f.offset, f.end), hexview.bit_pattern(b.frame, f), indent + b.label(f), value, b.meaning(f)]


# ------------------------------------------------------------------------------------ bytes


def _hex_sections(b: _B) -> list:
    res = b.res
    frame = b.frame
    short_end = _hex_short_end(res, len(frame))
    fields, legend = _hex_fields(b), _hex_legend(b)
    blocks: list = [document.HexDump(frame[:short_end], fields, legend)]
    end = min(len(frame), HEX_MAX)
    if short_end < len(frame):
        blocks.append(document.Text(b.t("hex.more", n=len(frame) - short_end, cap=HEX_MAX)))
        blocks.append(document.HexDump(frame[short_end:end], fields, legend, offset=short_end, title=b.t("sec.bytes-more"),
                                       verbose=True))
    if end < len(frame):
        blocks.append(document.Text(b.t("hex.cut", n=len(frame) - end, cap=HEX_MAX), verbose=True))
    return [document.Section(b.t("sec.bytes"), blocks)]


def _layer_keys(b: _B) -> dict[int, str]:
    """Each layer's name in the hex view's legend; a name that repeats (two TLS records) gets its number."""
    names = {x.index: b.name(x) for x in b.res.layers}
    seen: dict[str, int] = {}
    out = {}
    for x in b.res.layers:
        n = seen[names[x.index]] = seen.get(names[x.index], 0) + 1
        out[x.index] = names[x.index] if n == 1 else f"{names[x.index]} ({n})"
    return out


def _hex_fields(b: _B) -> list[document.HexField]:
    keys = _layer_keys(b)
    return [document.HexField(f.offset, f.end, b.label(f), keys.get(f.layer, ""))
            for f in b.res.fields if f.depth <= HEX_DEPTH and f.kind != "derived"]


def _hex_legend(b: _B) -> list[document.HexLegend]:
    keys = _layer_keys(b)
    out = []
    for x in b.res.layers:
        whole = x.tcpip == "application" and x.proto not in ("tls",) or x.proto in ("data", "padding")
        n = max(1, x.pdu_len if whole else x.header_len)
        key = "hex.legend-message" if whole else "hex.legend-header"
        out.append(document.HexLegend(keys[x.index], b.t(key, name=keys[x.index], bytes=_range(x.offset, x.offset + n))))
    return out


def _hex_short_end(res: LayersResult, size: int) -> int:
    """Without -v: every header and the first rows of what the innermost one carries (all of a small frame)."""
    if size <= HEX_SMALL:
        return size
    inner = encap.payload_layer(res) or (encap.outer(res)[-1] if encap.outer(res) else None)
    end = inner.offset + inner.header_len if inner is not None else 0
    end = (end + HEX_ROW - 1) // HEX_ROW * HEX_ROW + 2 * HEX_ROW
    return min(size, max(HEX_SMALL // 2, min(end, HEX_SHORT)))


# ------------------------------------------------------------------------------------ source


def _source(b: _B) -> document.Section:
    res = b.res
    items: list[tuple[str, str]] = []
    if res.source in ("file", "recording") and res.path:
        items.append((b.t("src.file"), str(res.path)))
        fmt = (res.file or {}).get("format")
        if fmt:
            items.append((b.t("src.format"), fmt if fmt != "recording" else (res.file or {}).get("probe", "?")))
    if res.linktype is not None:
        items.append((b.t("src.linktype"), f"{res.linktype} ({LINKTYPE_NAMES.get(res.linktype, '?')})"))
    if res.frame_len:
        items.append((b.t("src.captured"), str(res.frame_len)))
        if res.wire_len != res.frame_len:
            items.append((b.t("src.wire"), str(res.wire_len)))
    cap = res.capture or {}
    if cap.get("ifname"):
        items.append((b.t("src.interface"), str(cap["ifname"])))
    if res.sent:
        s = res.sent
        key = "src.sent-v" if s.get("size") else "src.sent-tcp"
        items.append((b.t("src.sent"), b.t(key, n=s.get("size"), local=s.get("local"), remote=s.get("remote"))))
    if res.reply is not None and res.packet is not None:
        r = res.reply
        items.append((b.t("src.reply"), b.t("src.reply-v", packet=r["packet"], n=r.get("frame_len"), sport=r.get("sport"))
                      if r.get("packet") is not None else b.t("src.no-reply")))
    if cap.get("pcap"):
        items.append((b.t("src.pcap"), str(cap["pcap"])))
    blocks: list = [document.KeyValues(items)]
    if cap.get("bpf"):
        blocks.append(document.KeyValues([(b.t("src.filter"), str(cap["bpf"]))], verbose=True))
    return document.Section(b.t("sec.source"), blocks)

