"""The visit's capture (I/O): every frame on the client's interface, from before the first DNS
question to after the last FIN; at the end only the visit's own frames are kept.

The sniffer (netlab.capture.sniffer) opens before anything is sent and lets the kernel queue
frames; ``stop`` drains it and keeps what belongs to the visit: ARP/NDP about our own address,
DNS to and from the stub's sockets (or the servers of a cold walk), and TCP of our connections —
so another program's traffic on a live machine never enters the Recording.  Frames are cut at
KEEP_FRAME bytes (DNS frames kept whole); the pcap (--pcap) gets them whole.
"""

from __future__ import annotations

import time

from netlab.probes.journey import model
from netlab.probes.journey.wire import frame_info, tls_records

KEEP_FRAME = 320  # bytes of each frame kept: headers, a TLS record header, an HTTP/1.1 request line
KEEP_DNS = 1514
MAX_FRAMES = 4000  # of ours, kept in the Recording (the rest counted as cut)


class VisitCapture:
    def __init__(self, rec, clock):
        self.rec = rec
        self.clock = clock
        self.sniffer = None
        self.offset_ns = 0
        self.linktype = 1

    def start(self, toward: str | None) -> None:
        from netlab.capture.sniffer import CAPTURE_NEEDS, Sniffer, capture_problem, route_to
        from netlab.errors import EnvironmentProblem

        problem = capture_problem()
        if problem:
            self.rec.add(model.JourneyCaptureUnavailable(self.clock(), CAPTURE_NEEDS if "CAP_NET_RAW" in problem else problem))
            return
        route = route_to(toward) if toward else None
        if route is None or route.ifname == "any":
            self.rec.add(model.JourneyCaptureUnavailable(self.clock(), f"no interface towards {toward or 'the resolver'}"))
            return
        bpf = "arp or ip or ip6"
        try:
            self.sniffer = Sniffer(route.ifname, bpf).open()
        except EnvironmentProblem as e:
            self.rec.add(model.JourneyCaptureUnavailable(self.clock(), e.message))
            return
        now = self.clock()
        self.offset_ns = time.time_ns() - int(now * 1e9)
        self.linktype = self.sniffer.linktype
        self.rec.add(model.JourneyCaptureStarted(now, route.ifname, self.sniffer.linktype, bpf, self.offset_ns))

    def poll(self) -> None:
        """Move queued frames out of the socket buffer (a long visit would fill it)."""
        if self.sniffer is not None:
            self.sniffer.poll(0)

    def stop(self, ours, pcap_path: str | None) -> None:
        """Keep the frames for which ``ours(info)`` is true; write them whole to ``pcap_path``."""
        if self.sniffer is None:
            return
        frames = self.sniffer.drain(settle=0.03)
        _passed, drops = self.sniffer.stats()
        self.sniffer.close()
        self.sniffer = None
        kept, cut = [], 0
        for f in frames:
            info = frame_info(f.data, self.linktype)
            if info is None or not ours(info):
                continue
            if len(kept) >= MAX_FRAMES:
                cut += 1
                continue
            kept.append((f, info))
        for f, info in kept:
            hello = tls_records(info.get("payload") or b"")[:1] == ["Handshake:ClientHello"]
            keep = KEEP_DNS if info.get("dns") or hello else KEEP_FRAME
            self.rec.add(model.FrameCaptured(round((f.ts_ns - self.offset_ns) / 1e9, 9), f.ts_ns, f.data[:keep],
                                             f.orig_len or len(f.data)))
        if pcap_path:
            from netlab.capture.pcap import write_pcap

            write_pcap(pcap_path, [f for f, _ in kept], linktype=self.linktype)
            self.rec.artifacts["pcap"] = str(pcap_path)
        self.rec.add(model.JourneyCaptureStopped(self.clock(), len(frames), len(kept), drops, cut,
                                                 str(pcap_path) if pcap_path else None))
