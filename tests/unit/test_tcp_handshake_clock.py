"""tcp-handshake evidence that does not depend on the wall clock staying still (issue 20, 1).

The kernel stamps frames with CLOCK_REALTIME.  A clock step in the middle of a capture must not
reorder the packets (capture order is the order), must not invent retransmissions, and must be
reported.  The fixtures are real captures (a server that closes first); the step is injected.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from netlab.model import Recording
from netlab.probes import load_probe
from netlab.probes.tcp_handshake.model import CaptureStarted, CaptureStopped, SegmentCaptured

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "tcp"


def _stepped(name: str, at: int, step_ms: float) -> Recording:
    """The recording with the wall clock stepped back by step_ms before the frame at index `at`."""
    rec = Recording.load(str(FIX / f"{name}.json"))
    frames = [i for i, e in enumerate(rec.events) if isinstance(e, SegmentCaptured)]
    for n, i in enumerate(frames):
        if n >= at:
            e = rec.events[i]
            rec.events[i] = dataclasses.replace(e, ts_ns=e.ts_ns - int(step_ms * 1e6))
    return rec


def _order(res) -> list[str]:
    return [p.flags for p in res.packets]


def test_a_backward_step_keeps_capture_order_and_invents_no_retransmission():
    probe = load_probe("tcp-handshake")
    clean = probe.analyze(Recording.load(str(FIX / "open-http-server-close.json")))
    stepped = probe.analyze(_stepped("open-http-server-close", at=3, step_ms=10.1))
    assert _order(stepped) == _order(clean)  # the SYN stays packet 1, the server's FIN stays where it was
    assert stepped.packets[0].flags == "SYN" and stepped.packets[0].t_ms == 0
    assert all(b.t_ms >= a.t_ms for a, b in zip(stepped.packets, stepped.packets[1:], strict=False))
    assert stepped.retransmissions == clean.retransmissions == 0
    codes = {f.code: f for f in stepped.findings}
    assert "tcp.clock-stepped" in codes and "tcp.retransmission" not in codes
    msg = codes["tcp.clock-stepped"].message
    assert "at packet 4" in msg and "went back 9.88" in msg and "4번 패킷" in codes["tcp.clock-stepped"].message_ko
    assert "tcp.clock-stepped" not in {f.code for f in clean.findings}
    # the times before the step are the clean ones
    assert [p.t_ms for p in stepped.packets[:3]] == [p.t_ms for p in clean.packets[:3]]


def test_a_forward_step_is_seen_from_the_offset_taken_again():
    rec = Recording.load(str(FIX / "open-http-server-close.json"))
    cap = next(e for e in rec.events if isinstance(e, CaptureStarted))
    for i, e in enumerate(rec.events):
        if isinstance(e, CaptureStopped):
            rec.events[i] = dataclasses.replace(e, realtime_offset_ns=cap.realtime_offset_ns + 250_000_000)
    res = load_probe("tcp-handshake").analyze(rec)
    assert res.clock_drift_ms == 250.0
    assert "tcp.clock-stepped" in {f.code for f in res.findings}


def test_a_gap_filler_is_not_counted_as_a_retransmission():
    """A segment that fills a hole but whose range this capture never saw is labelled, not counted."""
    probe = load_probe("tcp-handshake")
    for name in ("lossy-drop-server", "lossy-drop-client", "lossy-reorder"):
        res = probe.analyze(Recording.load(str(FIX / f"{name}.json")))
        counted = [p.index for p in res.packets if "note.retransmission" in p.kinds
                   or "note.fast-retransmission" in p.kinds]
        assert res.retransmissions == len(counted)
        for p in res.packets:
            if "note.gap-filled" in p.kinds:
                assert p.index not in counted
