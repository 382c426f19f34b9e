"""Start-up cost: `netlab --help` (budget: <= 4x `python -c pass`, measured beside it)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

N = 15


def _median_ms(argv: list[str]) -> float:
    times = []
    env = dict(os.environ, NO_COLOR="1")
    for _ in range(N):
        t0 = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def run() -> None:
    netlab = os.path.join(os.path.dirname(sys.executable), "netlab")
    base = _median_ms([sys.executable, "-c", "pass"])
    rows = [
        ("python -c pass", base),
        ("netlab --help", _median_ms([netlab, "--help"])),
        ("netlab --version", _median_ms([netlab, "--version"])),
        ("netlab dns-trace --help", _median_ms([netlab, "dns-trace", "--help"])),
    ]
    print(f"   median of {N} runs")
    for label, ms in rows:
        print(f"   {label:<28} {ms:7.1f} ms")
    help_ms = rows[1][1]
    verdict = "meets" if help_ms <= 4 * base else "MISSES"
    print(f"   netlab --help {verdict} the 4x python -c pass budget ({help_ms / base:.1f}x; {help_ms - base:.0f} ms above bare Python)")
