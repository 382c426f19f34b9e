"""--mtu-discovery's events -> the path MTU, who announced what, the black hole, the upload (pure).

- A size *passed* when the destination answered it, was *refused* when a router sent ICMP
  "fragmentation needed" / "packet too big" with the MTU of its next link, and *vanished* when
  nothing came back at all.  The path MTU is the largest size that passed.  A size that vanished
  although no router refused it is a black hole: some router dropped it and the ICMP that should
  have said so never arrived.
- Probes of one size with TTL 1, 2, ... place things on the path: a frag-needed for TTL t comes
  from hop t-1; the big packets of a black hole still get Time Exceeded from the hops before it.
- TCP_INFO snapshots of the upload give the segment size (snd_mss) and path MTU before and after.
"""

from __future__ import annotations

import struct

from netlab.capture.decode import decode_frame
from netlab.probes.path import frames as fr
from netlab.probes.path.errqueue import is_time_exceeded, is_too_big
from netlab.probes.path.hops import probe_rtt_ms
from netlab.probes.path.model import (
    FrameCaptured,
    Mtu,
    ProbeAnswered,
    ProbeFailed,
    ProbeSent,
    RouteCacheFlushed,
    SizeStep,
    TcpInfoRead,
    Upload,
    UploadConnectFailed,
    UploadEnded,
    UploadStarted,
)
from netlab.probes.path.mtu import TRIES
from netlab.units import ms_since


def tcp_info(raw: bytes) -> dict:
    """The fields of struct tcp_info (linux/tcp.h) this probe shows."""
    if len(raw) < 104:
        return {}
    u32 = lambda off: struct.unpack_from("=I", raw, off)[0]  # noqa: E731
    out = {"snd_mss": u32(16), "unacked": u32(24), "pmtu": u32(60), "total_retrans": u32(100)}
    if len(raw) >= 128:
        out["bytes_acked"] = struct.unpack_from("=Q", raw, 120)[0]
    return out


def _steps(events: list, address: str) -> tuple[list[SizeStep], list[dict]]:
    """Each size tried (TRIES probes together) and what came of it; who refused which size."""
    sent = {e.probe: e for e in events if isinstance(e, ProbeSent) and e.phase == "size"}
    outs = {e.probe: e for e in events if isinstance(e, ProbeAnswered | ProbeFailed) and e.probe in sent}
    groups: list[tuple[int, list[int]]] = []
    for n in sorted(sent):
        if groups and groups[-1][0] == sent[n].size and len(groups[-1][1]) < TRIES:
            groups[-1][1].append(n)
        else:
            groups.append((sent[n].size, [n]))
    steps, announced = [], []
    for size, probes in groups:
        step = SizeStep(size=size, outcome="silent")
        for n in probes:
            s, o = sent[n], outs.get(n)
            if isinstance(o, ProbeAnswered) and o.kind == "icmp" and is_too_big(o.icmp_version, o.icmp_type, o.icmp_code):
                step.outcome, step.source, step.mtu, step.rtt_ms = "too-big", o.source, o.mtu, probe_rtt_ms(s, o)
                if not any(a["source"] == o.source and a["mtu"] == o.mtu for a in announced):
                    announced.append({"source": o.source, "mtu": o.mtu, "hop": None})
            elif isinstance(o, ProbeAnswered) and (o.source == address or o.kind == "echo-reply"):
                if step.outcome != "too-big":
                    step.outcome, step.source, step.rtt_ms = "passed", o.source, probe_rtt_ms(s, o)
            elif isinstance(o, ProbeFailed) and step.outcome == "silent":
                step.outcome = "local-too-big" if o.name == "EMSGSIZE" else "error"
        steps.append(step)
    return steps, announced


def _placed(events: list, announced: list, silent: int | None) -> tuple[int | None, int | None]:
    """Hop numbers of the announcers (in place) and the last TTL whose router still answered a
    packet of the silent size (the black hole is just past it)."""
    sent = {e.probe: e for e in events if isinstance(e, ProbeSent) and e.phase == "size-ttl"}
    last_te = None
    answered_ttls = set()
    for o in events:
        if not (isinstance(o, ProbeAnswered) and o.probe in sent):
            continue
        s = sent[o.probe]
        if is_too_big(o.icmp_version, o.icmp_type, o.icmp_code):
            for a in announced:
                if a["source"] == o.source and (a["hop"] is None or s.ttl - 1 < a["hop"]):
                    a["hop"] = s.ttl - 1
        elif s.size == silent and is_time_exceeded(o.icmp_version, o.icmp_type):
            answered_ttls.add(s.ttl)
            last_te = max(last_te or 0, s.ttl)
    probed = sorted(s.ttl for s in sent.values() if s.size == silent)
    return last_te, (max(probed) if probed else None)


def build_mtu(events: list, address: str, port_default: int, local_mtu: int | None, kernel_mtu: int | None) -> Mtu:
    steps, announced = _steps(events, address)
    m = Mtu(local_mtu=local_mtu, steps=steps, announced=announced, cached_mtu=kernel_mtu)
    m.cache_flushed = any(isinstance(e, RouteCacheFlushed) and e.ok for e in events)
    passed = [s.size for s in steps if s.outcome == "passed"]
    m.path_mtu = max(passed) if passed else None
    silent = [s.size for s in steps if s.outcome == "silent" and (m.path_mtu is None or s.size > m.path_mtu)]
    refused_below = min((a["mtu"] for a in announced if a["mtu"]), default=None)
    m.black_hole = bool(silent) and (refused_below is None or min(silent) <= refused_below)
    m.largest_silent = min(silent) if silent else None
    last_te, _ = _placed(events, announced, m.largest_silent)
    if m.black_hole:
        m.hole_after_ttl = last_te
    m.upload = build_upload(events, address, port_default)
    return m


def build_upload(events: list, address: str, port: int) -> Upload | None:
    start = next((e for e in events if isinstance(e, UploadStarted)), None)
    if start is None:
        return None
    up = Upload(port=start.port, outcome="error", sent_bytes=start.bytes)
    failed = next((e for e in events if isinstance(e, UploadConnectFailed)), None)
    if failed is not None:
        up.outcome = "refused" if failed.name == "ECONNREFUSED" else "timeout" if failed.name == "ETIMEDOUT" else "error"
        up.error = f"{failed.name}: {failed.message}"
        return up
    infos = [(e, tcp_info(e.raw)) for e in events if isinstance(e, TcpInfoRead)]
    infos = [(e, i) for e, i in infos if i]
    if infos:
        first, last = infos[0][1], infos[-1][1]
        up.mss_start, up.pmtu_start = first.get("snd_mss"), first.get("pmtu")
        up.mss_end, up.pmtu_end = last.get("snd_mss"), last.get("pmtu")
        up.retransmissions = last.get("total_retrans", 0)
        up.acked_bytes = max(0, last.get("bytes_acked", 1) - 1)  # bytes_acked counts the SYN
    end = next((e for e in events if isinstance(e, UploadEnded)), None)
    if end is not None:
        up.outcome, up.error, up.waited_s = end.outcome, end.error, end.waited_s
        up.duration_ms = ms_since(end.t, start.t)
    up.segments, up.icmp = _segments(events, "client", address, start.port, out=True)
    up.delivered, _ = _segments(events, "destination", address, start.port, out=True)
    return up


def _segments(events: list, point: str, address: str, port: int, out: bool) -> tuple[list, list]:
    """The upload's data segments seen at a capture point, and the frag-needed / too-big there."""
    segs, icmp, seen = [], [], set()
    t0 = None
    for e in events:
        if not (isinstance(e, FrameCaptured) and e.point == point):
            continue
        d = decode_frame(e.data)
        if d is None:
            continue
        if d.tcp is not None and d.dst == address and d.tcp.dport == port:
            length = d.total_len
            payload = length - d.ip_header_len - d.tcp.header_len
            if payload <= 0:
                continue
            t0 = e.ts_ns if t0 is None else t0
            retrans = d.tcp.seq in seen
            seen.add(d.tcp.seq)
            segs.append({"t_ms": round((e.ts_ns - t0) / 1e6, 3), "ip_len": length, "payload": payload, "retrans": retrans})
        elif (d.icmp is not None and is_too_big(d.version, d.icmp.type, d.icmp.code) and point == "client"
              and d.icmp.inner is not None and d.icmp.inner.proto == 6 and d.icmp.inner.dport == port):
            icmp.append({"t_ms": round((e.ts_ns - t0) / 1e6, 3) if t0 else 0.0, "source": d.src,
                         "mtu": fr.icmp_next_mtu(e.data)})
    return segs, icmp
