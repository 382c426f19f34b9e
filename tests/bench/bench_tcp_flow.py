"""tcp-flow benchmarks: the emulated bottleneck's accuracy at 10, 50 and 100 Mbit/s, and what the
probe's sampling costs.

1. Bottleneck: a UDP stream from the source host at 1.3 x the rate, through the userspace
   emulator's drop-tail queue (50 frames) towards the client.  Each datagram carries its send
   time, so the client measures the wire rate it got (frames x 1514 bytes over the steady state)
   and each datagram's one-way delay (the kernel's arrival stamp minus the send time: the
   CLOCK_REALTIME of the one kernel both hosts share); the queueing delay is that delay minus the
   empty path's (the stream's first datagrams, which found the queue empty).  The sender sends in
   bursts every 0.5 ms and the queue drains a little between them (about four frames at 100
   Mbit/s), so the 95th percentile is the full queue's wait and the median a little less.
   Targets (issue 11): the rate within 5 % of the configured one, the queueing delay within one
   packet time of queue / rate.
2. Sampling: `tcp-flow --seconds S` at 10 and 100 Mbit/s: samples per RTT, and the probe's CPU
   time per second of transfer (our own process, the capture included).

Printed, not asserted.  NETLAB_BENCH_QUICK=1 (or run(quick=True)) runs one short case of each, to
check that the benchmark works; the figures then mean nothing.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

NAME = f"bench-tcpflow-{os.getpid()}"
FRAME = 1514  # Ethernet + IPv4 + UDP + 1472 bytes of payload
QUEUE = 50
SCENARIO = """
[scenario]
name = "bench-tcp-flow"
[[networks]]
name = "lan"
ipv4 = "198.18.0.0/24"
[[networks]]
name = "core"
ipv4 = "198.18.1.0/24"
[[hosts]]
name = "client"
role = "client"
interfaces = [{ network = "lan", ipv4 = "198.18.0.10" }]
[[hosts]]
name = "router"
role = "router"
interfaces = [{ network = "lan", ipv4 = "198.18.0.1" }, { network = "core", ipv4 = "198.18.1.1" }]
[[hosts]]
name = "source"
role = "bulk"
interfaces = [{ network = "core", ipv4 = "198.18.1.131", link = { delay_ms = 10 } }]
services = [{ type = "bulk", role = "source", port = 19 }]
"""

SENDER = r"""
import socket, struct, sys, time
dst, rate, secs = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 8 << 20)
pps = rate * 1e6 / 8 / 1514
pad = bytes(1472 - 12)
t0 = time.monotonic(); n = 0
while True:
    now = time.monotonic()
    if now - t0 > secs:
        break
    due = int((now - t0) * pps)
    while n < due:
        try:
            s.sendto(struct.pack("!dI", time.time(), n) + pad, (dst, 9999))
        except BlockingIOError:
            pass
        n += 1
    time.sleep(0.0005)
"""

RECEIVER = r"""
import json, socket, struct, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 16 << 20)
s.setsockopt(socket.SOL_SOCKET, 35, 1)  # SO_TIMESTAMPNS: the kernel's arrival time, not ours
s.bind(("0.0.0.0", 9999)); s.settimeout(float(sys.argv[1]))
out = []
try:
    while True:
        data, anc, _, _ = s.recvmsg(2048, 64)
        sec, nsec = struct.unpack("=qq", anc[0][2][:16])
        now = sec + nsec * 1e-9
        sent, n = struct.unpack_from("!dI", data)
        out.append((now, now - sent, n))
except socket.timeout:
    pass
print(json.dumps(out))
"""


def _up():
    from netlab.sandbox import control
    from netlab.sandbox.context import read_info
    from netlab.sandbox.contract import StateFiles

    path = os.path.join(tempfile.mkdtemp(), "bench.toml")
    with open(path, "w") as fh:
        fh.write(SCENARIO)
    os.chmod(os.path.dirname(path), 0o755)
    state, _ = control.up(NAME, path)
    return state, read_info(str(StateFiles(state["state_dir"]).info))


def _udp(state, rate: float, secs: float) -> list[tuple[float, float, int]]:
    from netlab.sandbox import control

    env = control.exec_env(state)
    rx = subprocess.Popen(control.exec_argv(state, "client", [sys.executable, "-c", RECEIVER, "1.0"]),
                          stdout=subprocess.PIPE, env=env, text=True)
    time.sleep(0.3)
    subprocess.run(control.exec_argv(state, "source", [sys.executable, "-c", SENDER, "198.18.0.10", str(rate),
                                                       str(secs)]), env=env, check=True, timeout=secs + 30)
    out, _ = rx.communicate(timeout=60)
    return [tuple(x) for x in json.loads(out)]


def bottleneck(state, info, rate: float, secs: float) -> None:
    from netlab.sandbox import links

    _, restore = links.set_link(info, "source", up={"rate_mbit": rate, "queue_packets": QUEUE})
    try:
        got = _udp(state, rate * 1.3, secs)
    finally:
        end = restore()
    link = (((end or {}).get("ended") or {}).get("counters") or {}).get("source/eth0", {}).get("up", {})
    # the empty path: the stream's first datagrams found the queue empty (measured under the same
    # load as the rest, so the relay's own latency is the same in both)
    base_owd = min(d for _, d, _ in got[:5]) * 1000 if got else float("nan")
    steady = [x for x in got if x[0] - got[0][0] > 0.3]  # after the queue has filled
    span = steady[-1][0] - steady[0][0] if len(steady) > 1 else float("nan")
    wire = (len(steady) - 1) * FRAME * 8 / span / 1e6
    waits = sorted(d * 1000 - base_owd for _, d, _ in steady)
    median, p95 = statistics.median(waits), waits[int(0.95 * (len(waits) - 1))]
    packet_ms = FRAME * 8 / (rate * 1e3)
    # a datagram that finds the queue full (its QUEUE frames include the one on the wire, part sent)
    # waits for QUEUE - 1 whole frames and part of one: between these two
    lo, hi = (QUEUE - 1) * packet_ms, QUEUE * packet_ms
    sent = max(n for _, _, n in got) + 1 if got else 0
    print(f"   {rate:5.0f} Mbit/s: wire rate {wire:7.2f} Mbit/s ({100 * (wire / rate - 1):+5.1f} %); "
          f"queueing delay p95 {p95:6.2f} ms, median {median:6.2f} ms (a full queue: {lo:.2f}-{hi:.2f} ms; "
          f"one packet {packet_ms:.2f} ms); empty path {base_owd:.2f} ms one way; {len(got)} of {sent} "
          f"datagrams through, {link.get('dropped_tail', '?')} dropped at the tail (deepest backlog "
          f"{link.get('backlog_max_packets', '?')} frames)", flush=True)


def sampling(state, rate: float, secs: float) -> None:
    from netlab.sandbox import control

    argv = [sys.executable, "-c", "import sys; from netlab.cli import main; sys.argv[0] = 'netlab'; main()",
            "tcp-flow", "198.18.1.131", "--cc", "cubic", "--seconds", str(secs), "--rate", str(rate),
            "--queue", str(int(rate * 2)), "--json"]
    p = subprocess.run(control.exec_argv(state, "client", argv), env=control.exec_env(state), capture_output=True,
                       text=True, timeout=secs + 60)
    data = json.loads(p.stdout)
    r = data["runs"][0]
    dur = (r["duration_ms"] or 0) / 1000
    print(f"   {rate:5.0f} Mbit/s: {r['goodput_mbit']:.1f} Mbit/s goodput, {r['samples']} sender samples every "
          f"{r['sample_ms']:g} ms = {r['samples_per_rtt']} per base RTT (longest gap {r['sample_gap_ms']} ms); "
          f"probe CPU {r['cpu_s']:.2f} s for {dur:.2f} s = {r['cpu_s'] / dur if dur else float('nan'):.2f} s "
          f"per second of transfer; {r['capture'].get('segments', 0)} segments captured", flush=True)


def run(quick: bool | None = None) -> None:
    from netlab.sandbox import control

    quick = os.environ.get("NETLAB_BENCH_QUICK") == "1" if quick is None else quick
    rates = (10,) if quick else (10, 50, 100)
    secs = 0.6 if quick else 3.0
    state, info = _up()
    try:
        print(f"1. bottleneck: UDP at 1.3 x the rate into a {QUEUE}-frame drop-tail queue, {secs:g} s "
              "(userspace emulator)", flush=True)
        for rate in rates:
            bottleneck(state, info, rate, secs)
        print("2. sampling: tcp-flow --seconds, TCP_INFO every 2 ms on the sender", flush=True)
        for rate in ((10,) if quick else (10, 100)):
            sampling(state, rate, 0.5 if quick else 3.0)
    finally:
        control.down(NAME)


if __name__ == "__main__":
    run()
