"""dns-trace wall time vs `dig +trace`, side by side, inside the default sandbox (issue 4).

Both run in the sandbox's client host, with its emulated latencies, start-up included, the same
names, interleaved (dig, netlab, dig, netlab, ...) so that the shared machine's noise hits both.
Target: netlab <= 1.0x dig (aim 0.7x).  Also printed: netlab's own trace time (from --json
total_ms) and the --json run (no terminal renderer), to show where the rest of the time goes.

Note that the two do not do the same work: dig +trace asks the local resolver for the root list
(and for every name server address it lacks), asks one server per zone and stops at a CNAME;
netlab starts from the root hints, resolves glueless servers itself and follows CNAMEs.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time

NAMES = ["www.naver.com", "naver.com", "glueless.lab.test", "chain.lab.test", "example.com"]
RUNS = 5

INNER = r"""
import json, statistics, subprocess, sys, time
names, runs, netlab = json.loads(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
out = {}
for name in names:
    rows = {"dig": [], "netlab": [], "netlab --json": [], "trace": []}
    for i in range(runs):
        for label, argv in (("dig", ["dig", "+trace", name]), ("netlab", [netlab, "dns-trace", name]),
                            ("netlab --json", [netlab, "dns-trace", name, "--json"])):
            t0 = time.perf_counter()
            p = subprocess.run(argv, capture_output=True, text=True)
            rows[label].append((time.perf_counter() - t0) * 1000)
            if label == "netlab --json" and p.stdout:
                rows["trace"].append(json.loads(p.stdout)["total_ms"])
    out[name] = rows
print(json.dumps(out))
"""


def run() -> None:
    import compileall

    import netlab as pkg
    from netlab.errors import NetlabError
    from netlab.sandbox import control

    # As after `pip install`: byte-code compiled once (a shell with PYTHONDONTWRITEBYTECODE=1 would
    # otherwise make every run compile netlab's sources again).
    compileall.compile_dir(os.path.dirname(pkg.__file__), quiet=1)
    netlab = os.path.join(os.path.dirname(sys.executable), "netlab")
    name = f"bench-dns-{os.getpid()}"
    t0 = time.monotonic()
    try:
        state, _ = control.up(name, None)
    except NetlabError as e:
        print(f"   cannot start the sandbox: {e.message}")
        return
    print(f"   sandbox up in {time.monotonic() - t0:.1f} s; {RUNS} runs per name, interleaved; medians in ms")
    try:
        argv = control.exec_argv(state, "client", [sys.executable, "-c", INNER, json.dumps(NAMES), str(RUNS), netlab])
        p = subprocess.run(argv, env=control.exec_env(state), capture_output=True, text=True, timeout=600)
        if p.returncode != 0:
            print("   inner run failed:", p.stderr[-800:])
            return
        data = json.loads(p.stdout)
    finally:
        control.down(name)
    print(f"   {'name':<20} {'dig +trace':>10} {'netlab':>8} {'ratio':>6} {'--json':>8} {'ratio':>6} "
          f"{'trace only':>10}")
    ratios, ratios_json = [], []
    for n in NAMES:
        rows = data[n]
        d, nl, nj = (statistics.median(rows[k]) for k in ("dig", "netlab", "netlab --json"))
        tr = statistics.median(rows["trace"]) if rows["trace"] else float("nan")
        ratios.append(nl / d)
        ratios_json.append(nj / d)
        print(f"   {n:<20} {d:10.0f} {nl:8.0f} {nl / d:5.2f}x {nj:8.0f} {nj / d:5.2f}x {tr:10.0f}")
    g = statistics.geometric_mean(ratios)
    gj = statistics.geometric_mean(ratios_json)
    verdict = "meets" if g <= 1.0 else "MISSES"
    print(f"   geometric mean: netlab {g:.2f}x dig (--json {gj:.2f}x): {verdict} the <= 1.0x target (aim 0.7x)")
