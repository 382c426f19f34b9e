"""The userspace link emulator's bottleneck: a drop-tail FIFO in frames or bytes, at a rate (pure)."""

import pytest

from netlab.sandbox.linkemu import Direction, parse_overrides

KB = b"x" * 1000  # at 8 Mbit/s one byte takes one microsecond: a 1000-byte frame 1 ms


def test_queue_in_frames_drops_the_tail_and_counts_the_frame_on_the_wire():
    d = Direction("t", rate_mbit=8, delay_ms=10, queue_packets=3)
    times = [d.admit(KB, 1.0) for _ in range(5)]
    assert times[:3] == pytest.approx([1.011, 1.012, 1.013])  # each behind the ones before it, then the delay
    assert times[3:] == [None, None]
    assert d.stats["dropped_tail"] == 2 and d.stats["backlog_max_packets"] == 3
    # once the first frame has left the wire, one more fits
    assert d.admit(KB, 1.0011) == pytest.approx(1.014)
    assert d.admit(KB, 1.0011) is None


def test_queue_in_bytes():
    d = Direction("t", rate_mbit=8, queue_bytes=2500)
    assert d.admit(KB, 0.0) is not None and d.admit(KB, 0.0) is not None
    assert d.admit(KB, 0.0) is None  # 2000 + 1000 > 2500
    assert d.admit(b"x" * 400, 0.0) is not None  # a small one still fits
    assert d.stats["backlog_max_bytes"] == 2400


def test_queueing_delay_is_the_backlog_over_the_rate():
    d = Direction("t", rate_mbit=8, delay_ms=5, queue_packets=100)
    for _ in range(40):
        d.admit(KB, 2.0)
    t = d.admit(KB, 2.0)  # 40 frames ahead of it: 40 ms of queue, 1 ms of its own, 5 ms of wire
    assert t == pytest.approx(2.0 + 0.041 + 0.005)


def test_a_saturated_link_releases_frames_exactly_at_the_rate_and_never_holds_more_than_its_queue():
    d = Direction("t", rate_mbit=12, queue_packets=20)
    frame = b"x" * 1500  # 1 ms at 12 Mbit/s
    released = []
    for i in range(4000):  # offered at twice the rate
        t = d.admit(frame, i * 0.0005)
        if t is not None:
            released.append(t)
    gaps = [b - a for a, b in zip(released[30:], released[31:], strict=False)]
    assert min(gaps) == pytest.approx(0.001) and max(gaps) == pytest.approx(0.001)
    assert d.stats["backlog_max_packets"] == 20
    assert d.stats["dropped_tail"] == pytest.approx(2000, abs=25)


def test_without_a_queue_limit_only_the_safety_cap_applies():
    d = Direction("t", rate_mbit=8)
    assert all(d.admit(KB, 0.0) is not None for _ in range(500))
    assert d.stats["dropped_tail"] == 0


def test_an_override_replaces_rate_and_queue_and_adds_delay():
    d = Direction("t", rate_mbit=10, delay_ms=10, queue_packets=20)
    d.set_override({"rate_mbit": 50, "queue_packets": 5, "delay_ms": 15})
    assert d.rate == 50 and d.limit_packets == 5 and d.delay == pytest.approx(0.025)
    assert d.effective()["rate_mbit"] == 50 and d.effective()["queue_packets"] == 5
    d.set_override({"rate_mbit": 0})  # no limit for the run; the scenario's queue stays
    assert d.rate == 0 and d.bit_time == 0 and d.limit_packets == 20
    d.set_override(None)
    assert d.rate == 10 and d.limit_packets == 20 and d.delay == pytest.approx(0.010)


@pytest.mark.parametrize("spec, why", [
    ({"queue_bytes": 1000}, "one full frame"),
    ({"queue_packets": 10, "queue_bytes": 20000}, "not both"),
    ({"queue_packets": 2.5}, "whole number"),
    ({"rate_mbit": -1}, "out of range"),
    ({"rate_mbit": float("nan")}, "number"),
])
def test_impossible_queue_or_rate_is_refused(spec, why):
    with pytest.raises(ValueError, match=why):
        parse_overrides({"links": {"client": {"down": spec}}}, ["client/eth0"])
