"""The findings of `netlab layers`: one small rule each, in the order the report shows them (pure).

Problems with the evidence first, then what the bytes show, each rule pointing at the bytes
(offsets) that prove it.  Several answer the notes' claims with the packet itself: TLS records
ride inside TCP's payload (TLS sits above TCP); the IP header's only congestion signal is the two
ECN bits; UDP's header is 8 bytes with no sequence number; DNS over UDP is one datagram each way.
"""

from __future__ import annotations

from netlab.i18n import Both
from netlab.model import Recording
from netlab.probes.layers import encap
from netlab.probes.layers.messages import M
from netlab.probes.layers.model import LayersResult
from netlab.probes.rules import Rules, finding

RULES = Rules()
DNS_NOTE = ("dns.udp-tcp",)
QUIC_NOTE = ("quic.why-udp",)


def _name(proto: str):
    return M.t(f"proto.{proto}") if f"proto.{proto}" in M.messages else Both(proto, proto)


def _short(proto: str):
    """A protocol's name before its unit's name: "TLS record", not "TLS record record"."""
    return M.t(f"short.{proto}") if f"short.{proto}" in M.messages else _name(proto)


def _pdu(pdu: str):
    return M.t(f"pdu.{pdu}") if f"pdu.{pdu}" in M.messages else Both(pdu, pdu)


def _span(f) -> dict:
    return {"start": f.offset, "end": f.end - 1}


# ------------------------------------------------------------------------------------ evidence


@RULES.rule
def evidence_problems(res: LayersResult, rec: Recording):
    out = []
    for p in res.problems:
        code = p.get("code")
        if code == "linktype":
            out.append(finding("layers.linktype", "error", M.t("f.linktype", linktype=p["linktype"], n=res.frame_len)))
        elif code == "undecodable":
            out.append(finding("layers.undecodable", "warning",
                               M.t("f.undecodable", offset=p.get("offset", 0), layer=p.get("layer", "?"))))
        elif code == "no-packet":
            out.append(finding("layers.no-packet", "error", M.t("f.no-packet", packet=p["packet"], frames=p["frames"])))
        elif code == "fields-capped":
            out.append(finding("layers.fields-capped", "warning", M.t("f.fields-capped", max=p["max"])))
    return out


@RULES.rule
def file_cut_short(res: LayersResult, rec: Recording):
    if res.file and res.file.get("cut_short"):
        return finding("layers.file-cut-short", "warning", M.t("f.cut-short", n=res.file["frames_seen"] + 1))
    return None


@RULES.rule
def truncated(res: LayersResult, rec: Recording):
    if res.wire_len > res.frame_len:
        return finding("layers.truncated", "warning", M.t("f.truncated", kept=res.frame_len, wire=res.wire_len))
    return [finding("layers.incomplete", "info",
                    M.t("f.incomplete", name=_name(x.proto), offset=x.offset,
                        declared=(encap.number(encap.value(res, x, "len", "0")) or 0) + 5, have=res.frame_len - x.offset),
                    concepts=("tls.layer",))
            for x in res.layers if not x.complete and x.proto == "tls"]


# ------------------------------------------------------------------------------------ the capture


@RULES.rule
def capture_failed(res: LayersResult, rec: Recording):
    f = res.failure
    if not f:
        if res.source == "capture" and res.capture and res.capture.get("ifname") and not res.frames:
            return finding("layers.nothing-captured", "error",
                           M.t("f.nothing-captured", ifname=res.capture["ifname"], bpf=res.capture.get("bpf", "")))
        return None
    if f["kind"] == "name":
        return finding("layers.no-name", "error", M.t("f.no-name", host=f["host"] or "-", error=f["error"]))
    if f["error"] == "ECONNREFUSED" and f["kind"] in ("dns", "udp"):
        cap = res.capture or {}
        return finding("layers.port-unreachable", "info",
                       M.t("f.port-unreachable", port=cap.get("port", "?"), icmp=cap.get("icmp_packet") or "?"),
                       concepts=("tcp.rst-vs-timeout",))
    if f["error"] == "ECONNREFUSED" and f["kind"] in ("tcp", "tls", "http"):
        return finding("layers.refused", "info", M.t("f.refused", port=(res.capture or {}).get("port", "?")),
                       concepts=("tcp.rst-vs-timeout",))
    if f["error"] == "ETIMEDOUT" and f["kind"] in ("dns", "udp"):
        return None  # said by udp_answer, with the evidence
    if f["error"] == "ETIMEDOUT":
        return finding("layers.timeout", "warning", M.t("f.timeout", message=f["message"]), concepts=("net.timeout",))
    return finding("layers.exchange-failed", "warning",
                   M.t("f.exchange-failed", kind=f["kind"], error=f["error"], message=f["message"]))


# ------------------------------------------------------------------------------------ the bytes


@RULES.rule
def encapsulation(res: LayersResult, rec: Recording):
    ws = encap.wraps(res)
    inner = encap.payload_layer(res)
    if not ws:
        return None
    items = []
    if inner is not None:
        items.append(M.t("chain.item", n=inner.pdu_len, name=_short(inner.proto), pdu=_pdu(inner.pdu)))
    items += [M.t("chain.item", n=w.total, name=_short(w.layer.proto), pdu=_pdu(w.layer.pdu)) for w in ws]
    items.reverse()  # outermost first: the frame carrying the packet carrying the segment ...
    chain = Both(" > ".join(i.render("en") for i in items), " > ".join(i.render("ko") for i in items))
    return finding("layers.encapsulation", "info", M.t("f.encapsulation", chain=chain),
                   concepts=("net.layers-encapsulation", "layers.pdu-names", "layers.osi-tcpip"))


@RULES.rule
def tls_over_tcp(res: LayersResult, rec: Recording):
    tls = res.layer("tls")
    tcp = res.layer("tcp")
    if tls is None or tcp is None:
        return None
    return finding("layers.tls-over-tcp", "info",
                   M.t("f.tls-over-tcp", offset=tls.offset, tstart=tcp.offset, tend=tcp.offset + tcp.header_len - 1,
                       n=tcp.pdu_len - tcp.header_len),
                   concepts=("tls.layer",))


@RULES.rule
def clienthello_in_clear(res: LayersResult, rec: Recording):
    tls = res.layer("tls")
    if tls is None:
        return None
    hello = next((f for f in res.fields_of(tls) if f.kind == "element" and f.owner.endswith("ClientHello")), None)
    if hello is None:
        return None
    sni = next((f for f in res.fields_of(tls) if f.owner == "ServerName" and f.name == "servername"), None)
    n = encap.number(encap.value(res, tls, f"{hello.path}.cipherslen", "0")) or 0
    who = (M.t("sni.named", name=sni.value, **_span(sni)) if sni is not None else M.t("sni.none"))
    return finding("layers.clienthello-in-clear", "info", M.t("f.clienthello-clear", sni=who, n=n // 2),
                   concepts=("tls.layer",))


@RULES.rule
def quic_in_udp(res: LayersResult, rec: Recording):
    q = res.layer("quic")
    u = res.layer("udp")
    if q is None or u is None:
        return None
    ptype = q.name.removeprefix("QUIC ")
    prot = encap.fields(res, q, "protected")
    out = [finding("layers.quic-in-udp", "info",
                   M.t("f.quic-in-udp", type=ptype, ustart=u.offset, uend=u.offset + u.header_len - 1,
                       version=encap.value(res, q, "Version", "?"), dcid=encap.value(res, q, "DstConnID", "-") or "-",
                       scid=encap.value(res, q, "SrcConnID", "-") or "-", n=prot.length if prot else 0),
                   concepts=("quic.why-udp",))]
    if ptype == "Initial" and (res.reply or {}).get("same_direction", 1) >= 1 and _client_side(res, u):
        n = u.pdu_len - u.header_len
        if n >= 1200:
            pad = n - q.pdu_len
            extra = M.t("quic.padding", p=q.pdu_len, pad=pad) if pad > 0 else Both("", "")
            out.append(finding("layers.quic-1200", "info", M.t("f.quic-1200", n=n, extra=extra),
                               concepts=("layers.mtu-mss",)))
        else:
            out.append(finding("layers.quic-small", "warning", M.t("f.quic-small", n=n)))
    return out


def _client_side(res: LayersResult, udp) -> bool:
    return encap.value(res, udp, "dport") in ("443", str((res.capture or {}).get("port", 443)))


@RULES.rule
def icmp_error(res: LayersResult, rec: Recording):
    icmp = next((x for x in encap.outer(res) if x.proto in ("icmp", "icmpv6")), None)
    quoted = [x for x in res.layers if x.quoted]
    if icmp is None or not quoted:
        return None
    what = encap.value(res, icmp, "code") or encap.value(res, icmp, "type")
    what = what.split("(", 1)[-1].rstrip(")") if "(" in what else what
    chain = Both(" > ".join(_name(x.proto).render("en") for x in quoted),
                 " > ".join(_name(x.proto).render("ko") for x in quoted))
    qt = next((x for x in quoted if x.proto in ("tcp", "udp")), None)
    port = encap.value(res, qt, "sport", "-") if qt is not None else "-"
    return finding("layers.icmp-error", "info",
                   M.t("f.icmp-error", what=what, start=quoted[0].offset, end=res.frame_len - 1, chain=chain,
                       port=port),
                   concepts=("tcp.rst-vs-timeout",))


@RULES.rule
def udp_header(res: LayersResult, rec: Recording):
    u = res.layer("udp")
    if u is None:
        return None
    who = "who.dns" if res.layer("dns") else ("who.quic" if res.layer("quic") else "who.other")
    return finding("layers.udp-header", "info",
                   M.t("f.udp-header", n=u.header_len, start=u.offset, end=u.offset + u.header_len - 1,
                       length=encap.value(res, u, "len", "?"), who=M.t(who)),
                   concepts=("layers.header-sizes",))


@RULES.rule
def udp_answer(res: LayersResult, rec: Recording):
    u = res.layer("udp")
    r = res.reply
    if u is None or r is None:
        return None
    mine, theirs = encap.value(res, u, "sport"), encap.value(res, u, "dport")
    note = DNS_NOTE if res.layer("dns") is not None else QUIC_NOTE
    if r.get("packet") is not None and r.get("same_direction") == 1 and r.get("other_direction") == 1:
        if r["packet"] > (res.packet or 0):  # the one shown went first
            q, a, qport, sport, asize = res.packet, r["packet"], mine, theirs, r.get("payload_len", 0)
        else:
            q, a, qport, sport, asize = r["packet"], res.packet, theirs, mine, r.get("own_payload_len", 0)
        return finding("layers.udp-both-ways", "info",
                       M.t("f.udp-both-ways", q=q, a=a, qport=qport, sport=sport, asize=asize), concepts=note)
    f = res.failure or {}
    if res.source == "capture" and f.get("error") == "ETIMEDOUT" and res.layer("dns"):
        seconds = f.get("message", "").split("within ", 1)[-1].split(" s", 1)[0]
        return finding("layers.udp-no-answer", "warning", M.t("f.udp-no-answer", q=res.packet, seconds=seconds),
                       concepts=("dns.udp-tcp",))
    return None


@RULES.rule
def ecn(res: LayersResult, rec: Recording):
    ip = encap.network(res)
    if ip is None:
        return None
    path = "tos.ecn" if ip.proto == "ipv4" else "tc.ecn"
    f = encap.fields(res, ip, path)
    if f is None:
        return None
    bits = f.value if f.value in ("00", "01", "10", "11") else "00"
    return finding("layers.ecn", "info",
                   M.t("f.ecn", ip=_name(ip.proto), byte=f.offset, bits=bits, meaning=M.t(f"ecn.{bits}"),
                       hlen=ip.header_len),
                   concepts=("layers.ecn",))


@RULES.rule
def ip_header(res: LayersResult, rec: Recording):
    ip = encap.network(res)
    if ip is None:
        return None
    if ip.proto == "ipv4":
        ihl = encap.number(encap.value(res, ip, "ihl", "5")) or 5
        return finding("layers.ipv4-header", "info", M.t("f.ipv4-header", ihl=ihl, n=ihl * 4),
                       concepts=("layers.header-sizes",))
    ext = sum(x.header_len for x in res.layers if x.proto == "ipv6ext" and not x.quoted)
    return finding("layers.ipv6-header", "info",
                   M.t("f.ipv6-header", ext=M.t("ipv6.ext", n=ext) if ext else Both("", "")),
                   concepts=("layers.header-sizes",))


@RULES.rule
def tcp_header(res: LayersResult, rec: Recording):
    t = res.layer("tcp")
    if t is None:
        return None
    if t.header_len <= 20:
        return finding("layers.tcp-header", "info", M.t("f.tcp-header-plain"), concepts=("layers.header-sizes",))
    names = [f.name for f in res.fields_of(t) if f.kind == "option" and f.name not in ("NOP", "padding", "EOL")]
    return finding("layers.tcp-header", "info",
                   M.t("f.tcp-header", n=t.header_len, doff=t.header_len // 4, opts=t.header_len - 20,
                       names=", ".join(names) or "NOP"),
                   concepts=("layers.header-sizes",))


@RULES.rule
def mss(res: LayersResult, rec: Recording):
    t, ip = res.layer("tcp"), encap.network(res)
    if t is None or ip is None or "S" not in encap.value(res, t, "flags"):
        return None
    opt = next((f for f in res.fields_of(t) if f.kind == "option" and f.name == "MSS"), None)
    value = encap.number(opt.value.split(" ", 1)[-1]) if opt else None
    if value is None:
        return None
    iph = 20 if ip.proto == "ipv4" else 40
    mtu = value + 20 + iph
    return finding("layers.mss", "info",
                   M.t("f.mss", mss=value, iph=iph, ip=_name(ip.proto), mtu=mtu,
                       note=M.t("mss.ethernet") if mtu == 1500 else M.t("mss.loopback" if mtu == 65535 else "mss.other")),
                   concepts=("layers.mtu-mss",))


@RULES.rule
def padding(res: LayersResult, rec: Recording):
    ip = encap.network(res)
    if res.trailer and ip is not None and res.layers[0].proto == "eth":
        return finding("layers.padding", "info", M.t("f.padding", n=res.trailer, size=ip.pdu_len),
                       concepts=("layers.header-sizes",))
    return None


@RULES.rule
def undissected(res: LayersResult, rec: Recording):
    data = next((x for x in encap.outer(res) if x.proto == "data"), None)
    if data is None or data.index == 0:
        return None
    below = res.layers[data.index - 1]
    if below.proto == "quic":
        return None  # datagram padding after a QUIC packet: said by quic_in_udp
    port = encap.value(res, below, "dport", "-") if below.proto in ("tcp", "udp") else "-"
    return finding("layers.undissected", "info", M.t("f.undissected", n=data.pdu_len, below=_name(below.proto),
                                                     port=port))
