"""Classic pcap files (what Wireshark, tshark and tcpdump open), written and read without scapy.

API::

    write_pcap(path, frames, linktype=LINKTYPE_ETHERNET, snaplen=262144, nanosecond=True)
    read_pcap(path) -> PcapFile(linktype, nanosecond, frames=[Frame(ts_ns, data, orig_len)])

``frames`` given to :func:`write_pcap` is an iterable of :class:`Frame`, of any object with
``ts_ns`` and ``data`` attributes (such as ``sniffer.CapturedFrame``), or of ``(ts_ns, data)``
pairs; ``ts_ns`` is an absolute time in nanoseconds since the Unix epoch (the kernel's receive
timestamp, as :mod:`netlab.capture.sniffer` returns it).  Files are written with the
nanosecond-resolution magic (0xa1b23c4d) by default so no precision of the kernel timestamp is
lost; Wireshark/tshark read both variants, and :func:`read_pcap` reads microsecond files,
nanosecond files and either byte order.

The link type must match the frames: :data:`LINKTYPE_ETHERNET` (1) for what an AF_PACKET
``SOCK_RAW`` socket returns on Ethernet-like devices (veth, and ``lo``, which carries a zeroed
Ethernet header), :data:`LINKTYPE_RAW` (101) for bare IP packets, :data:`LINKTYPE_LINUX_SLL` (113)
for cooked captures.  :func:`linktype_for_arphrd` maps a device's ARPHRD type to it.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterable
from dataclasses import dataclass

from netlab.errors import InputFileError, UsageError

LINKTYPE_ETHERNET = 1
LINKTYPE_RAW = 101
LINKTYPE_LINUX_SLL = 113

MAGIC_US = 0xA1B2C3D4
MAGIC_NS = 0xA1B23C4D

# Linux ARPHRD_* -> pcap link type, for the device types a sniffer meets.
_ARPHRD_TO_LINKTYPE = {
    1: LINKTYPE_ETHERNET,  # ARPHRD_ETHER (veth, bridges, real NICs)
    772: LINKTYPE_ETHERNET,  # ARPHRD_LOOPBACK: frames carry a zeroed Ethernet header
    65534: LINKTYPE_RAW,  # ARPHRD_NONE (tun, wireguard): bare IP packets
}


def linktype_for_arphrd(arphrd: int) -> int | None:
    return _ARPHRD_TO_LINKTYPE.get(arphrd)


@dataclass(frozen=True)
class Frame:
    ts_ns: int  # nanoseconds since the Unix epoch
    data: bytes
    orig_len: int | None = None  # length on the wire when the frame was cut at snaplen


@dataclass
class PcapFile:
    linktype: int
    nanosecond: bool
    frames: list[Frame]
    snaplen: int = 262144


def _as_frame(f) -> Frame:
    if isinstance(f, Frame):
        return f
    if hasattr(f, "ts_ns") and hasattr(f, "data"):  # CapturedFrame, SegmentCaptured...
        return Frame(int(f.ts_ns), bytes(f.data), getattr(f, "orig_len", None))
    ts_ns, data = f[0], f[1]
    return Frame(int(ts_ns), bytes(data))


def pcap_bytes(frames: Iterable, linktype: int = LINKTYPE_ETHERNET, snaplen: int = 262144,
               nanosecond: bool = True) -> bytes:
    """The bytes of a pcap file holding ``frames`` (pure; see :func:`write_pcap`)."""
    out = [struct.pack("<IHHiIII", MAGIC_NS if nanosecond else MAGIC_US, 2, 4, 0, 0, snaplen, linktype)]
    div = 1 if nanosecond else 1000
    for f in map(_as_frame, frames):
        sec, frac = divmod(f.ts_ns, 1_000_000_000)
        data = f.data[:snaplen]
        orig = f.orig_len if f.orig_len is not None else len(f.data)
        out.append(struct.pack("<IIII", sec, frac // div, len(data), orig))
        out.append(data)
    return b"".join(out)


def write_pcap(path: str | os.PathLike, frames: Iterable, linktype: int = LINKTYPE_ETHERNET,
               snaplen: int = 262144, nanosecond: bool = True) -> None:
    """Write ``frames`` to ``path`` as a pcap file; a file that cannot be written is a UsageError."""
    blob = pcap_bytes(frames, linktype=linktype, snaplen=snaplen, nanosecond=nanosecond)
    try:
        with open(path, "wb") as fh:
            fh.write(blob)
    except OSError as e:
        raise UsageError(f"cannot write the capture to {path}: {e.strerror or e}") from e


def parse_pcap(blob: bytes, source: str = "pcap") -> PcapFile:
    """Decode the bytes of a classic pcap file (either byte order, µs or ns timestamps)."""
    if len(blob) < 24:
        raise InputFileError(f"{source}: too short to be a pcap file")
    magic_le = struct.unpack("<I", blob[:4])[0]
    magic_be = struct.unpack(">I", blob[:4])[0]
    if magic_le in (MAGIC_US, MAGIC_NS):
        endian, magic = "<", magic_le
    elif magic_be in (MAGIC_US, MAGIC_NS):
        endian, magic = ">", magic_be
    else:
        raise InputFileError(f"{source}: not a pcap file (pcapng is not supported; convert with editcap -F pcap)")
    _vmaj, _vmin, _tz, _sig, snaplen, linktype = struct.unpack(endian + "HHiIII", blob[4:24])
    nanosecond = magic == MAGIC_NS
    mul = 1 if nanosecond else 1000
    frames = []
    off = 24
    while off + 16 <= len(blob):
        sec, frac, incl, orig = struct.unpack(endian + "IIII", blob[off:off + 16])
        off += 16
        if off + incl > len(blob):
            raise InputFileError(f"{source}: truncated record at byte {off - 16}")
        frames.append(Frame(sec * 1_000_000_000 + frac * mul, blob[off:off + incl],
                            orig if orig != incl else None))
        off += incl
    return PcapFile(linktype=linktype & 0x0FFFFFFF, nanosecond=nanosecond, frames=frames, snaplen=snaplen)


def read_pcap(path: str | os.PathLike) -> PcapFile:
    try:
        with open(path, "rb") as fh:
            blob = fh.read()
    except OSError as e:
        raise InputFileError(f"cannot read {path}: {e.strerror or e}") from e
    return parse_pcap(blob, source=str(path))
