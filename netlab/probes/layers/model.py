"""layers: the events collect() records and the Result analyze() produces.

Every source ends in frames: ``LayersFrameRead`` (from a pcap/pcapng file or another probe's Recording)
or ``LayersFrameCaptured`` (on the spot, by an AF_PACKET sniffer).  Each keeps the whole frame as bytes
with its pcap link type, so `netlab report` re-dissects the evidence offline.  ``t`` is seconds on
the run's monotonic clock; ``ts_ns`` is the file's or the kernel's wall-clock stamp (evidence only:
frame order is the ordering key).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from netlab.model import Result, event
from netlab.probes.events import NameNotResolved

PROBE = "layers"


# ------------------------------------------------------------------------------------ events


@event
class LayersFileRead:
    """A capture file was opened and read up to the packets kept."""

    t: float
    path: str
    format: str  # pcap | pcapng
    size: int  # bytes on disk
    frames_seen: int  # complete frames read before stopping (stops after the packet asked for)
    cut_short: bool = False  # the file ends inside a record (truncated file)


@event
class LayersRecordingRead:
    """Another probe's saved Recording was opened for its captured frames."""

    t: float
    path: str
    probe: str
    frames: int  # frames it holds


@event
class LayersFrameRead:
    t: float
    index: int  # 1-based position in the source (as tshark numbers frames)
    linktype: int
    data: bytes
    ts_ns: int = 0
    orig_len: int | None = None  # length on the wire when the capture cut the frame


@event
class LayersTargetResolved:
    t: float
    host: str
    port: int
    address: str
    family: int  # 4 | 6


@event
class LayersNameResolutionFailed(NameNotResolved):
    """The target's name did not resolve (or no DNS server is known)."""


@event
class LayersCaptureStarted:
    t: float
    ifname: str
    linktype: int
    bpf: str


@event
class LayersMessageSent:
    """What our socket handed to the kernel: the application's bytes, before any header."""

    t: float
    kind: str  # dns | tcp | tls | http | udp
    size: int
    local: str  # address:port
    remote: str


@event
class LayersExchangeFailed:
    """The target did not play along: refused, timed out, unreachable, reset (a finding later)."""

    t: float
    kind: str
    error: str  # errno name (ECONNREFUSED, ETIMEDOUT...) or a short reason
    message: str


@event
class LayersReplyReceived:
    t: float
    size: int  # application bytes received (0: the peer closed)


@event
class LayersFrameCaptured:
    t: float
    index: int  # 1-based, in capture order
    linktype: int
    data: bytes
    ts_ns: int = 0
    outgoing: bool = False  # sent by this host (PACKET_OUTGOING)
    orig_len: int | None = None


@event
class LayersCaptureStopped:
    t: float
    frames: int
    kept: int  # frames kept (capped)
    kernel_drops: int = 0
    pcap_path: str | None = None


# ------------------------------------------------------------------------------------ result


@dataclass
class Layer:
    """One protocol's band of bytes in the frame (Wireshark's tree, one level)."""

    index: int
    proto: str  # eth | sll | vlan | ipv4 | ipv6 | tcp | udp | icmp | icmpv6 | dns | tls | quic | http | data ...
    name: str  # as people write it: Ethernet, IPv4, TCP, TLS record, QUIC Initial ...
    scapy: str  # scapy's class that dissected it (TCP, TLS, QUIC_Initial ...)
    offset: int  # first byte in the frame
    header_len: int  # the protocol's own header (the whole message for an application without payload)
    pdu_len: int  # header plus what it carries
    osi: str  # "2", "3", "4", "5-6", "7"
    tcpip: str  # link | internet | transport | application
    pdu: str  # frame | packet | segment | datagram | record | message | data | padding
    quoted: bool = False  # inside an ICMP error (the start of the packet it refers to)
    complete: bool = True  # all of its bytes are in the capture
    summary: str = ""  # scapy's one-line summary

    @property
    def end(self) -> int:
        return self.offset + self.pdu_len


@dataclass
class FieldSpan:
    """One field of a header: where its bits are in the frame, its value (scapy's rendering)."""

    layer: int  # index of its Layer
    path: str  # "ttl", "options[1]", "msg[0].ext[0].servernames"
    name: str  # scapy's field name ("" for an element of a list: a question, an extension)
    offset: int  # first byte (from the start of the frame)
    length: int  # bytes it touches
    bit: int = 0  # first bit within the first byte (0 = most significant)
    bits: int | None = None  # its size in bits when it is not whole bytes
    value: str = ""
    depth: int = 0  # nesting: 0 the layer's own fields, 1 a list element, 2 an element's fields, ...
    kind: str = ""  # element | option | derived | protected | header | "" (a plain field)
    owner: str = ""  # scapy class the field belongs to (IP, TCP, DNSQR, TLS_Ext_ServerName ...)

    @property
    def end(self) -> int:
        return self.offset + self.length

    @property
    def bit_offset(self) -> int:
        return self.offset * 8 + self.bit

    @property
    def bit_length(self) -> int:
        return self.bits if self.bits is not None else self.length * 8


@dataclass
class LayersResult(Result):
    """What `netlab layers --json` prints at the top level (beside the envelope).

    - ``source``: file | recording | capture; ``path`` the file, ``kind``/``target`` for a capture.
    - ``packet``: the frame shown (1-based in its source); ``frames`` how many the evidence holds.
    - ``linktype``, ``frame_len`` (bytes captured), ``wire_len`` (on the wire, when the capture cut
      it), ``frame_hex``: the frame's bytes.
    - ``layers``: one band per protocol, outermost first: ``offset``, ``header_len``, ``pdu_len``,
      ``osi``, ``tcpip``, ``pdu`` (the unit's name at that layer).
    - ``fields``: the field map, in frame order within each layer: ``offset`` and ``length`` in bytes
      (``bit``/``bits`` for fields that are not whole bytes), ``value`` as scapy renders it, ``path``
      (scapy's field names; ``[i]`` an element of a list).  Checked against tshark's positions.
    - ``trailer``: bytes after the outermost PDU (Ethernet padding).
    - ``reply``: the answering frame of the same conversation, when the evidence holds one.
    """

    probe: ClassVar[str] = PROBE
    source: str = ""
    path: str | None = None
    kind: str | None = None
    target: str | None = None
    packet: int | None = None
    frames: int = 0
    linktype: int | None = None
    frame_len: int = 0
    wire_len: int = 0
    frame_hex: str = ""
    layers: list[Layer] = field(default_factory=list)
    fields: list[FieldSpan] = field(default_factory=list)
    trailer: int = 0
    problems: list[dict[str, Any]] = field(default_factory=list)  # {"code": ..., params}
    reply: dict[str, Any] | None = None  # {"packet", "frame_len", "payload_len", "src", "sport"}
    sent: dict[str, Any] | None = None  # the capture's LayersMessageSent, when there was one
    failure: dict[str, Any] | None = None  # LayersExchangeFailed / LayersNameResolutionFailed
    capture: dict[str, Any] | None = None  # ifname, bpf, frames, kept, drops
    file: dict[str, Any] | None = None  # LayersFileRead / LayersRecordingRead facts
    params: dict[str, Any] = field(default_factory=dict)

    def layer(self, proto: str) -> Layer | None:
        return next((x for x in self.layers if x.proto == proto and not x.quoted), None)

    def fields_of(self, layer: Layer | int) -> list[FieldSpan]:
        i = layer if isinstance(layer, int) else layer.index
        return [f for f in self.fields if f.layer == i]

    def field_at(self, proto: str, path: str) -> FieldSpan | None:
        lay = self.layer(proto)
        if lay is None:
            return None
        return next((f for f in self.fields if f.layer == lay.index and f.path == path), None)
