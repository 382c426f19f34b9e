"""tcp-flow's phase detectors on recorded transfers (pure): each phase from the kernel's evidence.

Fixtures: tests/fixtures/tcpflow/*.json, recorded in the sandbox by record.py (a real Linux sender
at 10 Mbit/s with a 20 ms RTT, unless the case says otherwise).
"""

from pathlib import Path

import pytest

from netlab.model import Recording
from netlab.probes.tcp_flow import phases as ph
from netlab.probes.tcp_flow.analyze import analyze
from netlab.probes.tcp_flow.model import SideSampled
from netlab.probes.tcp_flow.samples import Series

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "tcpflow"


def load(case: str) -> Recording:
    return Recording.load(str(FIX / f"{case}.json"))


def result(case: str):
    return analyze(load(case))


def sender(case: str, run: int = 0) -> Series:
    ev = next(e for e in load(case).of_type(SideSampled) if e.role == "sender" and e.run == run)
    return Series(ev.fields, ev.rows)


def kinds(r, what="phases"):
    return [x.kind for x in getattr(r, what)]


def test_slow_start_begins_with_ten_segments_and_grows_each_round_trip():
    r = result("sawtooth-cubic").runs[0]
    ss = next(p for p in r.phases if p.kind == "slow-start")
    assert r.iw_segments == 10 and ss.detail["iw"] == 10
    cw = ss.detail["cwnd_at_rtt"]
    assert cw[0] == 10 and all(b > a for a, b in zip(cw, cw[1:], strict=False))  # grows every round trip
    assert ss.detail["growth_per_rtt"] > 1.3
    assert ss.detail["exit"] in ("loss", "hystart")


def test_hystart_leaves_slow_start_before_any_loss():
    s = sender("sack-few-dupacks")
    ss = ph.slow_start(s)
    assert ss.detail["exit"] == "hystart" and ss.detail["ssthresh"] == ss.detail["cwnd_end"]
    i = s.index_at(ss.end_ms / 1000.0)
    assert s.col("total_retrans")[i] == 0 and s.col("ca_state")[i] == 0


def test_a_transfer_too_short_to_leave_slow_start():
    res = result("short")
    r = res.runs[0]
    assert kinds(r) == ["slow-start"] and r.phases[0].detail["exit"] == "end"
    assert r.retransmits == 0 and r.first_loss_ms is None and r.ssthresh_first is None
    codes = [f.code for f in res.findings]
    assert "tcpflow.short" in codes and "tcpflow.slow-start" not in codes and "tcpflow.sawtooth" not in codes


def test_a_deterministic_drop_gives_one_fast_retransmit_at_that_segment():
    r = result("drops-fast-rto").runs[0]
    fr = [e for e in r.events if e.kind == "fast-retransmit"]
    assert len(fr) == 1 and fr[0].detail["seq"] == 29 * 1448  # data segment #30 starts at byte 41992
    rec = next(p for p in r.phases if p.kind == "recovery")
    assert rec.detail["ssthresh_after"] < rec.detail["cwnd_before"]
    assert [d["nth"] for d in r.drops] == [30, 101, 102]
    first = r.drops[0]
    assert first["rel_seq"] == 41992 and first["repaired_by"] == "fast"


def test_losing_the_tail_and_its_probe_gives_an_rto():
    r = result("drops-fast-rto").runs[0]
    rto = [e for e in r.events if e.kind == "rto"]
    assert len(rto) == 1 and r.rto_count == 1
    d = rto[0].detail
    assert d["seq"] == 99 * 1448 and d["cwnd_min"] == 1  # the last segment; cwnd back to one
    assert d["rto_before_ms"] >= 200 and d["silence_ms"] >= d["rto_before_ms"]  # Linux's RTO is at least 200 ms
    tail, probe = r.drops[1], r.drops[2]
    assert tail["rel_seq"] == probe["rel_seq"] == 99 * 1448 and probe["copy_of"] == 101  # the probe resent it
    assert tail["repaired_by"] == probe["repaired_by"] == "timer"
    assert "rto-recovery" in kinds(r)


def test_sack_recovery_with_fewer_than_three_duplicate_acks():
    r = result("sack-few-dupacks").runs[0]
    fr = [e for e in r.events if e.kind == "fast-retransmit"]
    assert len(fr) == 1 and fr[0].detail["seq"] == 98 * 1448
    assert fr[0].detail["dupacks"] < 3 and fr[0].detail["sack"]
    assert not any(e.kind == "rto" for e in r.events)
    f = next(f for f in result("sack-few-dupacks").findings if f.code == "tcpflow.fast-retransmit")
    assert "RACK" in f.message and "RACK" in f.message_ko


def test_a_spurious_retransmission_is_told_from_a_needed_one():
    r = result("spurious").runs[0]
    sp = [e for e in r.events if e.kind == "spurious-retransmit"]
    assert sp and r.capture["spurious"] >= 1
    assert any(e.kind == "rto" for e in r.events)  # the ACKs were 1 s late: the timer fired needlessly
    assert any(f.code == "tcpflow.spurious" for f in result("spurious").findings)


def test_rto_backoff_doubles_the_wait():
    r = result("spurious").runs[0]
    rto = next(e for e in r.events if e.kind == "rto")
    d = rto.detail
    timers = [d["rto_before_ms"], *d["rto_ms"]]  # the kernel's RTO before it fired, then after each backoff
    assert len(timers) >= 3 and all(b == pytest.approx(2 * a, rel=0.05) for a, b in zip(timers, timers[1:], strict=False))
    copies = d["retry_times_ms"]  # the capture agrees: the second retransmission waited the doubled timer
    assert len(copies) >= 3 and copies[2] - copies[1] == pytest.approx(d["rto_ms"][0], rel=0.15)


def test_congestion_avoidance_sawtooth_cubic_cuts_to_seven_tenths():
    r = result("sawtooth-cubic").runs[0]
    ca = [p for p in r.phases if p.kind == "congestion-avoidance"]
    assert len(ca) >= 2
    betas = [p.detail["beta"] for p in ca if p.detail["beta"]]
    assert betas and all(0.6 <= b <= 0.8 for b in betas)
    assert all(p.detail["per_rtt"] > 0 for p in ca)


def test_reno_halves_and_grows_about_one_segment_per_rtt():
    r = result("upload-reno").runs[0]
    assert r.sender == "client" and r.sender_cc == "reno"
    ca = [p for p in r.phases if p.kind == "congestion-avoidance" and p.detail["beta"]]
    # after the first cycle (slow start's overshoot loses many segments at once), each loss halves
    assert len(ca) >= 2 and all(0.4 <= p.detail["beta"] <= 0.6 for p in ca[1:])
    assert all(0.6 <= p.detail["per_rtt"] <= 1.6 for p in ca)


def test_bbr_phases_from_its_pacing_gain():
    r = result("bbr-loss").runs[0]
    k = kinds(r)
    assert r.sender_cc == "bbr" and "slow-start" not in k
    assert k.index("bbr-startup") < k.index("bbr-drain") < k.index("bbr-probe-bw")
    probe = next(p for p in r.phases if p.kind == "bbr-probe-bw")
    assert probe.detail["cycles"] >= 2
    assert r.retransmits > 5 and not any(p.kind == "congestion-avoidance" for p in r.phases)


def test_zero_window_probes_and_window_update():
    res = result("zero-window")
    r = res.runs[0]
    ev = {e.kind: e for e in r.events}
    assert ev["zero-window"].t_ms < ev["window-probe"].t_ms < ev["window-update"].t_ms
    assert ev["window-probe"].detail["count"] >= 1
    pause = next(p for p in r.phases if p.kind == "reader-pause")
    assert pause.start_ms < ev["zero-window"].t_ms < pause.end_ms <= ev["window-update"].t_ms + 5
    zw = next(p for p in r.phases if p.kind == "zero-window")
    assert zw.detail["probes"] >= 1
    assert r.limits["rwnd"] > r.limits["cwnd"]  # Linux says: held by the receive window
    assert r.retransmits == 0  # flow control loses nothing


def test_limits_add_up_to_the_transfer():
    r = result("sawtooth-cubic").runs[0]
    lim = r.limits
    assert sum(lim[k] for k in ("cwnd", "rwnd", "sndbuf", "app")) == pytest.approx(lim["total"], rel=0.05)
    assert lim["cwnd"] > 0.9 * lim["total"]
    assert r.limits["timeline"][0][2] == "cwnd"


def test_cc_all_runs_each_algorithm_and_compares():
    res = result("cc-all")
    assert [r.sender_cc for r in res.runs] == ["reno", "cubic", "bbr"]
    rows = {c["cc"]: c for c in res.comparison}
    assert set(rows) == {"reno", "cubic", "bbr"}
    assert rows["bbr"]["goodput_mbit"] > rows["reno"]["goodput_mbit"]  # under 1 % random loss
    assert any(f.code == "tcpflow.compare-loss" for f in res.findings)


def test_episodes_are_read_from_ca_state():
    s = sender("drops-fast-rto")
    eps = ph.episodes(s)
    assert [e.kind for e in eps if e.kind in ("recovery", "rto")] == ["recovery", "rto"]
    assert eps[-1].cwnd_min == 1 and eps[-1].rtos == 1
