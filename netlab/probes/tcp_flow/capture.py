"""The data connection captured on our own interface (I/O), with netlab.capture's sniffer.

The sniffer is opened before the SYN, drained on every tick of the transfer loop (the kernel
keeps whole frames in its buffer; we keep only their first SNAPLEN bytes: the headers), and its
frames are recorded as a pcap (SegmentsCaptured.pcap) so that analysis and tshark read the same
bytes.  Kernel stamps are CLOCK_REALTIME: the offset to our monotonic clock is measured when the
capture starts and again when it ends (a difference means the wall clock stepped).  Capture needs
CAP_NET_RAW (inside the sandbox it works); without it the report says so and relies on TCP_INFO.
"""

from __future__ import annotations

import contextlib
import socket
import zlib

from netlab.probes.tcp_flow.model import SegmentsCaptured

SNAPLEN = 128  # Ethernet 14 + IPv6 40 + TCP 60 with every option = 114
MAX_FRAMES = 200_000


def problem() -> str | None:
    from netlab.capture.sniffer import capture_problem

    return capture_problem()


def start(st, sock: socket.socket, port: int):
    """Bind `sock` to the route's source and open a sniffer for its connection (None: no capture)."""
    if problem() is not None:
        return None
    from netlab.capture.sniffer import Sniffer, connection_filter, monotonic_offset_ns, route_to
    from netlab.errors import EnvironmentProblem

    route = route_to(st.address)
    if route is None:
        return None
    try:
        sock.bind((route.source, 0))
        bpf = connection_filter(route.source, sock.getsockname()[1], st.address, port, icmp_errors=False)
        sn = Sniffer(route.ifname, bpf, snaplen=SNAPLEN, rcvbuf=32 << 20).open()
    except (OSError, EnvironmentProblem) as e:
        st.rec.environment["capture"] = f"{type(e).__name__}: {e}"
        return None
    sn.netlab_offset_ns = monotonic_offset_ns() + int(st.t0 * 1e9)
    sn.netlab_route = route
    sn.netlab_cut = False
    return sn


def ticker(sn):
    """What the transfer loop calls on each tick: read the frames that arrived (bounded)."""
    if sn is None:
        return None

    def tick(_now: float) -> None:
        if not sn.netlab_cut:
            sn.poll(0)
            if len(sn.frames) >= MAX_FRAMES:
                sn.netlab_cut = True

    return tick


def finish(st, run: int, sn) -> None:
    if sn is None:
        return
    from netlab.capture.pcap import Frame, pcap_bytes
    from netlab.capture.sniffer import monotonic_offset_ns

    try:
        frames = sn.drain(settle=0.05)[:MAX_FRAMES]
        _, drops = sn.stats()
    finally:
        sn.close()
    end_offset = monotonic_offset_ns() + int(st.t0 * 1e9)
    route = sn.netlab_route
    frames = [Frame(f.ts_ns, f.data[:header_length(f.data, sn.linktype)],
                    max(f.orig_len or 0, wire_length(f.data, sn.linktype) or 0, len(f.data))) for f in frames]
    st.rec.add(SegmentsCaptured(
        t=st.now(), run=run, interface=route.ifname, local=route.source, remote=st.address,
        linktype=sn.linktype, snaplen=SNAPLEN,
        pcap_zlib=zlib.compress(pcap_bytes(frames, linktype=sn.linktype, snaplen=SNAPLEN), 9),
        frames=len(frames), kernel_drops=drops, cut=sn.netlab_cut or len(sn.frames) > MAX_FRAMES,
        realtime_offset_ns=sn.netlab_offset_ns, clock_step_ms=round((end_offset - sn.netlab_offset_ns) / 1e6, 3)))


def wire_length(data: bytes, linktype: int) -> int | None:
    """A frame's length on the wire, from its IP header (the sniffer keeps only SNAPLEN bytes, and a
    pcap record must say how long the frame was, or tshark reads a cut frame as a short one)."""
    if linktype != 1 or len(data) < 34:
        return None
    etype = (data[12] << 8) | data[13]
    if etype == 0x0800:
        return max(len(data), 14 + ((data[16] << 8) | data[17]))
    if etype == 0x86DD and len(data) >= 54:
        return max(len(data), 54 + ((data[18] << 8) | data[19]))
    return None


MAX_PCAP = 256 << 20


def pcap_of(cap) -> bytes:
    """The pcap bytes of a SegmentsCaptured event (decompressed, bounded: a Recording is untrusted)."""
    z = zlib.decompressobj()
    try:
        raw = z.decompress(cap.pcap_zlib, MAX_PCAP)
    except zlib.error as e:
        raise ValueError(f"the recorded capture is not zlib data ({e})") from None
    if z.unconsumed_tail:
        raise ValueError(f"the recorded capture is larger than {MAX_PCAP >> 20} MiB")
    return raw


def header_length(data: bytes, linktype: int) -> int:
    """Ethernet + IP + TCP headers of a frame: all we keep (the payload is the sender's zeros)."""
    if linktype != 1 or len(data) < 34:
        return len(data)
    etype = (data[12] << 8) | data[13]
    if etype == 0x0800:
        l4 = 14 + (data[14] & 0x0F) * 4
    elif etype == 0x86DD:
        l4 = 54
    else:
        return len(data)
    if len(data) >= l4 + 13 and data[14 + (9 if etype == 0x0800 else 6)] == 6:
        return min(len(data), l4 + (data[l4 + 12] >> 4) * 4)
    return len(data)


def write_file(rec, path: str) -> None:
    """--pcap FILE: every transfer's frames in one file (tshark, Wireshark)."""
    from netlab.capture.pcap import parse_pcap, write_pcap
    from netlab.probes.tcp_flow.model import SegmentsCaptured as Seg

    caps = rec.of_type(Seg)
    if not caps:
        rec.environment["pcap_note"] = "nothing was captured"
        return
    frames = []
    for c in caps:
        with contextlib.suppress(Exception):
            frames += parse_pcap(pcap_of(c)).frames
    write_pcap(path, frames, linktype=caps[0].linktype, snaplen=SNAPLEN)
    rec.artifacts["pcap"] = path
