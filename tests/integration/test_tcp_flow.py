"""`netlab tcp-flow` in the default sandbox: the source (source.lab.test:19) and the sink
(sink.lab.test:9), 10 ms away behind a 10 Mbit/s bottleneck with a 20-frame drop-tail queue.

Each claim is checked against an independent reading: tshark's own tcp.analysis on the pcap the
probe wrote (fast retransmission, RTO, zero window, window update) and the kernel's socket table
read by `ss -ti` in the source host while a transfer runs.  After every run the link emulator must
be back to the scenario's settings (nothing of a run is left behind).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "tcpflow"
MSS = 1448


def run(sandbox, *args: str, expect_rc: int = 0, timeout: float = 60) -> dict:
    r = sandbox.netlab("tcp-flow", *args, "--json", timeout=timeout)
    assert r.returncode == expect_rc, f"exit {r.returncode}\nstdout: {r.stdout[-3000:]}\nstderr: {r.stderr[-3000:]}"
    data = json.loads(r.stdout)
    assert data["probe"] == "tcp-flow"
    return data


def codes(data: dict) -> set[str]:
    return {f["code"] for f in data["findings"]}


def events(data: dict, kind: str, run: int = 0) -> list[dict]:
    return [e for e in data["runs"][run]["events"] if e["kind"] == kind]


def tshark(pcap: Path, *fields: str, where: str) -> list[list[str]]:
    argv = ["tshark", "-r", str(pcap), "-o", "tcp.relative_sequence_numbers:TRUE", "-Y", where, "-T", "fields",
            "-E", "separator=|"]
    for f in fields:
        argv += ["-e", f]
    out = subprocess.run(argv, capture_output=True, text=True, check=True, timeout=60).stdout
    return [line.split("|") for line in out.splitlines() if line]


def scenario_link_is_back(sandbox, host: str) -> None:
    from netlab.sandbox import links

    ack = links.read_ack(sandbox.info)
    eff = ack["effective"][f"{host}/eth0"]
    side = "up" if host == "source" else "down"
    assert eff[side]["rate_mbit"] == 10 and eff[side]["queue_packets"] == 20 and eff[side]["drops"] == []
    assert eff[side]["delay_ms"] == 10 and eff[side]["loss_pct"] == 0


@pytest.fixture
def pcap_dir(tmp_path):
    if not shutil.which("tshark"):
        pytest.skip("tshark not installed (apt-get install tshark)")
    tmp_path.chmod(0o777)
    return tmp_path


def test_chosen_drops_give_one_fast_retransmit_and_one_rto_at_the_right_segments(sandbox, pcap_dir):
    """Upload (we are the sender, the capture sees every copy): drop data segment #30, the last one
    (#101: #30's retransmission came in between) and its tail loss probe (#102).  A receive buffer
    that never limits the sender keeps every segment full-sized (at the window's edge Linux would
    send a short one), so the numbers always name the same bytes."""
    pcap = pcap_dir / "drops.pcap"
    data = run(sandbox, "sink.lab.test", "--upload", "--cc", "cubic", "--bytes", str(100 * MSS), "--queue", "100",
               "--receiver-buffer", "4M", "--drop-nth", "30,101,102", "--pcap", str(pcap))
    r = data["runs"][0]
    assert r["outcome"] == "ok" and r["sender_cc"] == "cubic" and r["sender"] == "client"
    fr, rto = events(data, "fast-retransmit"), events(data, "rto")
    assert [e["detail"]["seq"] for e in fr] == [29 * MSS] and [e["detail"]["seq"] for e in rto] == [99 * MSS]
    assert r["rto_count"] == 1 and [d["nth"] for d in r["drops"]] == [30, 101, 102]
    assert {"tcpflow.fast-retransmit", "tcpflow.rto", "tcpflow.drop"} <= codes(data)
    # tshark, on the same packets: byte 41992 sent again right after duplicate ACKs (Wireshark calls
    # it a fast retransmission from two duplicates on, an out-of-order segment when Linux's RACK
    # resent it after one), and byte 143352 resent by a timer, twice (the tail loss probe, the RTO)
    again = tshark(pcap, "tcp.seq", where="tcp.len > 0 and (tcp.analysis.retransmission or tcp.analysis.out_of_order)")
    assert sorted({int(s) - 1 for (s,) in again}) == [29 * MSS, 99 * MSS]
    # duplicate ACKs of that byte (Wireshark's, same window; or carrying SACK blocks: Linux may grow
    # its window while it waits, which Wireshark then calls a window update)
    dups = tshark(pcap, "frame.number", where=f"tcp.ack == {29 * MSS + 1} and tcp.len == 0 and "
                                             "(tcp.analysis.duplicate_ack or tcp.options.sack_le)")
    first = min(int(n) for (n,) in tshark(pcap, "frame.number", where=f"tcp.seq == {29 * MSS + 1} and tcp.len > 0"))
    second = max(int(n) for (n,) in tshark(pcap, "frame.number", where=f"tcp.seq == {29 * MSS + 1} and tcp.len > 0"))
    assert fr[0]["detail"]["dupacks"] == sum(1 for (n,) in dups if first < int(n) < second)
    timers = tshark(pcap, "tcp.analysis.rto", where=f"tcp.analysis.retransmission and tcp.seq == {99 * MSS + 1}")
    assert len(timers) == 2 and float(timers[-1][0]) >= 0.2  # Linux's minimum RTO is 200 ms
    scenario_link_is_back(sandbox, "sink")


def test_the_same_drops_on_a_download_are_seen_from_the_receiver(sandbox):
    data = run(sandbox, "source.lab.test", "--cc", "cubic", "--bytes", str(100 * MSS), "--queue", "100",
               "--receiver-buffer", "4M", "--drop-nth", "30,101,102")
    r = data["runs"][0]
    assert [e["detail"]["seq"] for e in events(data, "fast-retransmit")] == [29 * MSS]
    assert [e["detail"]["seq"] for e in events(data, "rto")] == [99 * MSS]
    assert [d.get("repaired_by") for d in r["drops"]] == ["fast", "timer", "timer"]
    assert r["clock"] == "same-kernel" and r["samples_per_rtt"] >= 3
    scenario_link_is_back(sandbox, "source")


def test_a_slow_reader_closes_the_window_and_tshark_agrees(sandbox, pcap_dir):
    pcap = pcap_dir / "zw.pcap"
    data = run(sandbox, "source.lab.test", "--cc", "cubic", "--bytes", "1M", "--receiver-buffer", "32K",
               "--reader-pause", "800", "--queue", "100", "--pcap", str(pcap))
    r = data["runs"][0]
    assert "tcpflow.zero-window" in codes(data) and r["retransmits"] == 0  # a queue the window cannot overflow
    zw, probe, upd = events(data, "zero-window"), events(data, "window-probe"), events(data, "window-update")
    assert zw and probe and upd and zw[0]["t_ms"] < probe[0]["t_ms"] < upd[-1]["t_ms"]
    assert r["limits"]["rwnd"] > r["limits"]["cwnd"]
    # tshark: the receiver's zero windows, the sender's probes (Wireshark calls Linux's probe, a
    # segment one byte below the window, a keep-alive), and the window update
    t0 = float(tshark(pcap, "frame.time_epoch", where="tcp.len > 0")[0][0])
    zero = tshark(pcap, "frame.time_epoch", where="tcp.analysis.zero_window")
    probes = tshark(pcap, "frame.time_epoch", where="tcp.analysis.keep_alive or tcp.analysis.zero_window_probe")
    update = tshark(pcap, "frame.time_epoch", where="tcp.analysis.window_update and tcp.window_size > 0")
    assert zero and len(probes) == probe[0]["detail"]["count"]
    ours0 = next(e for e in data["runs"][0]["events"] if e["kind"] == "zero-window")
    first_data = data["runs"][0]["seq"]["data"][0][0]  # our clock: ms since the sender's first byte
    assert (float(zero[0][0]) - t0) * 1000 == pytest.approx(ours0["t_ms"] - first_data, abs=15)
    assert update and (float(update[-1][0]) - t0) * 1000 == pytest.approx(upd[-1]["t_ms"] - first_data, abs=15)


def test_phases_agree_with_ss_in_the_source_host(sandbox, tmp_path):
    """While a 3-second cubic download runs, `ss -ti` in the source host reads the same socket."""
    tmp_path.chmod(0o777)
    out = tmp_path / "rec.json"
    argv = [sys.executable, "-c", "import sys; from netlab.cli import main; sys.argv[0] = 'netlab'; main()",
            "tcp-flow", "source.lab.test", "--cc", "cubic", "--seconds", "3", "--save", str(out)]
    p = sandbox.popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(1.6)
    before = time.monotonic()
    ss = sandbox.exec(["ss", "-tin", "state", "established", "( sport > :1024 )"], host="source").stdout
    after = time.monotonic()
    assert p.wait(30) == 0, p.stderr.read().decode()[-2000:]
    line = next(x for x in ss.splitlines() if "cubic" in x and "cwnd:" in x)
    fields = dict(f.split(":", 1) for f in line.split() if ":" in f and not f.startswith(("[", "(")))
    from netlab.model import Recording
    from netlab.probes import load_probe
    from netlab.probes.tcp_flow.model import SideSampled
    from netlab.probes.tcp_flow.samples import Series

    rec = Recording.load(str(out))
    sender = next(e for e in rec.of_type(SideSampled) if e.role == "sender")
    assert sender.cc == "cubic" and sender.clock == "same-kernel"
    s = Series(sender.fields, sender.rows)
    lo, hi = s.index_at(before - sender.clock_offset_s - 0.05), s.index_at(after - sender.clock_offset_s + 0.05)
    cwnds = [c for c in s.col("snd_cwnd")[lo:hi + 1] if c]
    assert int(fields["mss"]) == s.col("snd_mss")[hi]
    assert min(cwnds) * 0.8 <= int(fields["cwnd"]) <= max(cwnds) * 1.25
    res = load_probe("tcp-flow").analyze(rec)
    r = res.runs[0]
    assert r.sender_cc == "cubic" and any(p.kind == "congestion-avoidance" for p in r.phases)
    ssthresh = int(fields["ssthresh"]) if "ssthresh" in fields else None
    assert ssthresh is not None and ssthresh in set(s.col("snd_ssthresh")[lo:hi + 1])


def test_two_link_speeds_fill_their_bottleneck(sandbox):
    for rate in (10, 50):
        data = run(sandbox, "source.lab.test", "--cc", "cubic", "--seconds", "2", "--rate", str(rate),
                   "--queue", str(2 * rate))
        r = data["runs"][0]
        payload_share = MSS / (MSS + 66)  # Ethernet + IP + TCP (with timestamps) per full segment
        assert 0.8 * rate * payload_share <= r["goodput_mbit"] <= 1.02 * rate * payload_share, (rate, r["goodput_mbit"])
        assert data["link"]["data"]["rate_mbit"] == rate
    scenario_link_is_back(sandbox, "source")


def test_bad_input_is_clear_and_leaves_nothing_running(sandbox):
    refused = run(sandbox, "source.lab.test:7", expect_rc=3)
    assert codes(refused) == {"tcpflow.refused"}
    unreachable = run(sandbox, "198.18.77.7:19", "--timeout", "3", expect_rc=3)
    assert codes(unreachable) & {"tcpflow.unreachable", "tcpflow.timeout"}
    wrong = run(sandbox, "sink.lab.test:9")
    assert "tcpflow.server-refused" in codes(wrong)
    server = sandbox.popen([sys.executable, str(FIX / "reset_server.py"), "198.18.1.131", "5555", "65536"],
                           host="source", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(0.5)
        reset = run(sandbox, "source.lab.test:5555")
        assert "tcpflow.reset" in codes(reset) and reset["runs"][0]["outcome"] == "reset"
    finally:
        server.kill()
    for args in (["--queue", "100B"], ["--rate", "0", "--queue", "20"], ["--loss", "100"], ["--drop-nth", "0"],
                 ["--cc", "vegas"], ["--bytes", "1M", "--seconds", "1"]):
        r = sandbox.netlab("tcp-flow", "source.lab.test", *args, timeout=30)
        assert r.returncode == 2, (args, r.stderr)
    scenario_link_is_back(sandbox, "source")
    ps = sandbox.exec(["ps", "-eo", "args"]).stdout
    assert "tcp-flow" not in ps  # no probe left behind in the sandbox
