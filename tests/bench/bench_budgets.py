"""The four start-up and overhead budgets of issue 20, measured side by side in one run, each with
its verdict (run on a quiet machine: the figures of a loaded 2-core machine are noise).

1. `netlab --help` <= 4x `python -c pass`
2. `netlab dns-trace NAME` <= 1.0x `dig +trace NAME`, entered the same way: both started inside
   the sandbox's client host by one script (a), and both entered from the machine's own namespace,
   `netlab --sandbox=N dns-trace` beside `dig +trace` run through the same nsenter command (b)
3. a probe's overhead outside the exchange it measures <= 150 ms: tcp-handshake's wall time minus
   its connection's own duration (SYN to last packet), inside the client host
4. `netlab sandbox up` (default scenario, PKI cache warm) <= 1.0 s
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time

RUNS = 7
NAMES = ["www.naver.com", "naver.com", "example.com"]

INNER = r"""
import json, statistics, subprocess, sys, time
names, runs, netlab = json.loads(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
out = {"dig": [], "netlab": [], "tcp_wall": [], "tcp_conn": []}
for i in range(runs):
    for name in names:
        for label, argv in (("dig", ["dig", "+trace", name]), ("netlab", [netlab, "dns-trace", name])):
            t0 = time.perf_counter()
            subprocess.run(argv, capture_output=True)
            out[label].append((time.perf_counter() - t0) * 1000)
    t0 = time.perf_counter()
    p = subprocess.run([netlab, "tcp-handshake", "www.naver.com:80", "--json"], capture_output=True, text=True)
    out["tcp_wall"].append((time.perf_counter() - t0) * 1000)
    out["tcp_conn"].append(json.loads(p.stdout).get("duration_ms") or 0.0)
print(json.dumps(out))
"""


def _median_ms(argv: list[str], n: int = 15, env: dict | None = None) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def _verdict(ok: bool) -> str:
    return "meets" if ok else "MISSES"


def _help_budget(netlab: str) -> None:
    env = dict(os.environ, NO_COLOR="1")
    _median_ms([netlab, "--help"], n=2, env=env)  # the first run fills the help cache
    base = _median_ms([sys.executable, "-c", "pass"], env=env)
    help_ms = _median_ms([netlab, "--help"], env=env)
    nocache = _median_ms([netlab, "--help"], env=dict(env, NETLAB_HELP_CACHE="0"))
    ratio = help_ms / base
    print(f"1. netlab --help {help_ms:.1f} ms, python -c pass {base:.1f} ms: {ratio:.1f}x "
          f"({_verdict(ratio <= 4)} <= 4x; without the help cache {nocache:.1f} ms = {nocache / base:.1f}x)")


def _sandbox_budgets(netlab: str) -> None:
    from netlab.errors import NetlabError
    from netlab.sandbox import control

    name = f"bench-budget-{os.getpid()}"
    try:
        state, _ = control.up(name, None)
    except NetlabError as e:
        print(f"2-3. cannot start the sandbox: {e.message}")
        return
    try:
        host = state.get("client") or "client"
        argv = control.exec_argv(state, host, [sys.executable, "-c", INNER, json.dumps(NAMES), str(RUNS), netlab])
        p = subprocess.run(argv, capture_output=True, text=True, env=control.exec_env(state), timeout=900)
        if p.returncode != 0:
            print(f"2-3. the inner run failed: {p.stderr[-500:]}")
            return
        d = json.loads(p.stdout)
        dig, nl = statistics.median(d["dig"]), statistics.median(d["netlab"])
        print(f"2a. inside the client host: netlab dns-trace {nl:.0f} ms, dig +trace {dig:.0f} ms: "
              f"{nl / dig:.2f}x ({_verdict(nl <= dig)} <= 1.0x; median of {len(d['dig'])} runs over {len(NAMES)} names)")
        outer_nl, outer_dig = [], []
        for _ in range(RUNS):
            for n in NAMES:
                t0 = time.perf_counter()
                subprocess.run([netlab, f"--sandbox={name}", "dns-trace", n], capture_output=True)
                outer_nl.append((time.perf_counter() - t0) * 1000)
                t0 = time.perf_counter()
                subprocess.run(control.exec_argv(state, host, ["dig", "+trace", n]), capture_output=True,
                               env=control.exec_env(state))
                outer_dig.append((time.perf_counter() - t0) * 1000)
        onl, odig = statistics.median(outer_nl), statistics.median(outer_dig)
        print(f"2b. from the machine's namespace: netlab --sandbox dns-trace {onl:.0f} ms, nsenter + dig +trace "
              f"{odig:.0f} ms: {onl / odig:.2f}x ({_verdict(onl <= odig)} <= 1.0x)")
        over = statistics.median(w - c for w, c in zip(d["tcp_wall"], d["tcp_conn"], strict=False))
        print(f"3. tcp-handshake overhead outside its connection: {over:.0f} ms "
              f"({_verdict(over <= 150)} <= 150 ms; wall {statistics.median(d['tcp_wall']):.0f} ms)")
    finally:
        control.down(name)


def _up_budget() -> None:
    from netlab.errors import NetlabError
    from netlab.sandbox import control

    times = []
    for i in range(3):
        name = f"bench-up-{os.getpid()}-{i}"
        t0 = time.perf_counter()
        try:
            control.up(name, None)
        except NetlabError as e:
            print(f"4. cannot start the sandbox: {e.message}")
            return
        times.append(time.perf_counter() - t0)
        control.down(name)
    up = statistics.median(times)
    print(f"4. netlab sandbox up (default scenario, PKI cache warm): {up:.2f} s "
          f"({_verdict(up <= 1.0)} <= 1.0 s; runs {', '.join(f'{t:.2f}' for t in times)} s)")


def run() -> None:
    import compileall

    import netlab as pkg

    compileall.compile_dir(os.path.dirname(pkg.__file__), quiet=1)
    netlab = os.path.join(os.path.dirname(sys.executable), "netlab")
    _help_budget(netlab)
    _sandbox_budgets(netlab)
    _up_budget()
