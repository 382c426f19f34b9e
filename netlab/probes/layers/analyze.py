"""layers analysis: Recording -> LayersResult.  Pure: no sockets, no clock, no files.

Picks the frame to show (``--packet N``, else packet 1, else for a capture the packet its kind
names: the DNS query, the SYN, the ClientHello, the HTTP request, the QUIC Initial), has scapy
dissect it (dissect.py), and finds its reply among the other frames of the evidence.
"""

from __future__ import annotations

from dataclasses import dataclass

from netlab.model import Recording
from netlab.probes.layers.dissect import dissect
from netlab.probes.layers.findings import RULES
from netlab.probes.layers.model import (
    LayersCaptureStarted,
    LayersCaptureStopped,
    LayersExchangeFailed,
    LayersFileRead,
    LayersFrameCaptured,
    LayersFrameRead,
    LayersMessageSent,
    LayersNameResolutionFailed,
    LayersRecordingRead,
    LayersReplyReceived,
    LayersResult,
    LayersTargetResolved,
)

TRANSPORTS = ("tcp", "udp")


@dataclass
class Brief:
    """The few facts about a frame that choosing and pairing need."""

    index: int
    transport: str | None = None
    src: str | None = None
    dst: str | None = None
    sport: int | None = None
    dport: int | None = None
    flags: str = ""
    payload: int = 0
    frame_len: int = 0
    icmp_error: bool = False  # an ICMP error quoting a packet


def analyze(rec: Recording) -> LayersResult:
    p = rec.params
    res = LayersResult(source=str(p.get("source") or ""), path=p.get("path"), kind=p.get("kind"),
                       target=p.get("target"), params=dict(p))
    _facts(res, rec)
    frames = [e for e in rec.events if isinstance(e, LayersFrameRead | LayersFrameCaptured)]
    res.frames = len(frames)
    briefs = {f.index: brief(f.index, f.data, f.linktype) for f in frames} if res.source == "capture" else {}
    chosen = _choose(frames, p, briefs)
    icmp = next((i for i, b in briefs.items() if b.icmp_error), None)
    if icmp is not None:
        res.capture = {**(res.capture or {}), "icmp_packet": icmp}
    if chosen is not None:
        _show(res, chosen)
        res.reply = _reply(res, chosen, frames, briefs)
    elif frames and p.get("packet"):
        res.problems.append({"code": "no-packet", "packet": p.get("packet"), "frames": len(frames)})
    res.unreachable = chosen is None and res.failure is not None
    res.findings = RULES.run(res, rec)
    return res


def _facts(res: LayersResult, rec: Recording) -> None:
    for e in rec.events:
        if isinstance(e, LayersFileRead):
            res.file = {"format": e.format, "size": e.size, "frames_seen": e.frames_seen, "cut_short": e.cut_short}
        elif isinstance(e, LayersRecordingRead):
            res.file = {"format": "recording", "probe": e.probe, "frames_seen": e.frames}
        elif isinstance(e, LayersTargetResolved):
            res.capture = {**(res.capture or {}), "host": e.host, "address": e.address, "port": e.port}
        elif isinstance(e, LayersNameResolutionFailed):
            res.failure = {"kind": "name", "host": e.host, "error": e.error}
        elif isinstance(e, LayersExchangeFailed):
            res.failure = {"kind": e.kind, "error": e.error, "message": e.message}
        elif isinstance(e, LayersMessageSent):
            res.sent = {"kind": e.kind, "size": e.size, "local": e.local, "remote": e.remote}
        elif isinstance(e, LayersReplyReceived):
            res.capture = {**(res.capture or {}), "reply_bytes": e.size}
        elif isinstance(e, LayersCaptureStarted):
            res.capture = {**(res.capture or {}), "ifname": e.ifname, "bpf": e.bpf}
        elif isinstance(e, LayersCaptureStopped):
            res.capture = {**(res.capture or {}), "frames": e.frames, "kept": e.kept, "drops": e.kernel_drops,
                           "pcap": e.pcap_path}


# ------------------------------------------------------------------------------------ choosing


def brief(index: int, data: bytes, linktype: int) -> Brief:
    d = dissect(data, linktype)
    b = Brief(index, frame_len=len(data))
    ip = next((x for x in d.layers if x.proto in ("ipv4", "ipv6") and not x.quoted), None)
    tr = next((x for x in d.layers if x.proto in TRANSPORTS and not x.quoted), None)
    b.icmp_error = any(x.quoted for x in d.layers)
    if ip is None or tr is None:
        return b

    def val(layer, path: str) -> str | None:
        return next((f.value for f in d.fields if f.layer == layer.index and f.path == path), None)

    b.transport, b.src, b.dst = tr.proto, val(ip, "src"), val(ip, "dst")
    try:
        b.sport, b.dport = int(val(tr, "sport") or 0), int(val(tr, "dport") or 0)
    except ValueError:
        return b
    b.flags = (val(tr, "flags") or "") if tr.proto == "tcp" else ""
    b.payload = tr.pdu_len - tr.header_len
    return b


def _wanted(kind: str | None, port: int | None, b: Brief) -> bool:
    """Is this the packet --capture KIND is about (sent by us, to the target's port)?"""
    if b.transport is None or b.dport != port:
        return False
    if kind in ("dns", "udp"):
        return b.transport == "udp"
    if kind == "tcp":
        return b.transport == "tcp" and "S" in b.flags and "A" not in b.flags
    return b.transport == "tcp" and b.payload > 0  # tls, http: the first segment carrying data


def _choose(frames: list, p: dict, briefs: dict[int, Brief]):
    want = p.get("packet")
    if want:
        return next((f for f in frames if f.index == want), None)
    if not frames:
        return None
    if p.get("source") != "capture":
        return next((f for f in frames if f.index == 1), frames[0])
    port = p.get("port")
    return next((f for f in frames if _wanted(p.get("kind"), port, briefs[f.index])), frames[0])


def _show(res: LayersResult, frame) -> None:
    d = dissect(frame.data, frame.linktype)
    res.packet = frame.index
    res.linktype = frame.linktype
    res.frame_len = len(frame.data)
    res.wire_len = frame.orig_len or len(frame.data)
    res.frame_hex = frame.data.hex()
    res.layers, res.fields, res.trailer = d.layers, d.fields, d.trailer
    res.problems.extend(d.problems)


def _reply(res: LayersResult, chosen, frames: list, briefs: dict[int, Brief]) -> dict | None:
    """The other side's first frame of the same conversation after the one shown, and how many each side sent."""
    me = briefs.get(chosen.index) or brief(chosen.index, chosen.data, chosen.linktype)
    if me.transport is None:
        return None
    same = back = 0
    after = before = None
    for f in frames:
        b = briefs.get(f.index) or brief(f.index, f.data, f.linktype)
        if b.transport != me.transport:
            continue
        if (b.src, b.sport, b.dst, b.dport) == (me.src, me.sport, me.dst, me.dport):
            same += 1
        elif (b.src, b.sport, b.dst, b.dport) == (me.dst, me.dport, me.src, me.sport):
            back += 1
            if f.index > chosen.index and after is None:
                after = b
            elif f.index < chosen.index:
                before = b
    first = after or before  # the other side's frame nearest after the one shown, else the last before it
    if first is None:
        return {"packet": None, "same_direction": same, "other_direction": back}
    return {"packet": first.index, "frame_len": first.frame_len, "payload_len": first.payload, "src": first.src,
            "sport": first.sport, "flags": first.flags, "same_direction": same, "other_direction": back,
            "own_payload_len": me.payload}
