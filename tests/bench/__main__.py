"""`make bench`: run every tests/bench/bench_*.py and print its figures.

Benchmarks measure and print; they do not pass or fail (tests assert behaviour, not speed).
Ratios are measured side by side in one run (netlab vs dig / curl / sslyze), because these
machines are shared and noisy.  Run one with: python -m tests.bench NAME (e.g. cli, sandbox).
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time
import traceback

import tests.bench as pkg


def main(argv: list[str]) -> int:
    wanted = set(argv)
    names = sorted(m.name for m in pkgutil.iter_modules(pkg.__path__) if m.name.startswith("bench_"))
    failures = 0
    for name in names:
        short = name.removeprefix("bench_")
        if wanted and short not in wanted and name not in wanted:
            continue
        print(f"\n== {short} " + "=" * (70 - len(short)), flush=True)
        t0 = time.monotonic()
        try:
            mod = importlib.import_module(f"tests.bench.{name}")
            mod.run()
        except Exception:  # a benchmark that cannot run says why, and the others still run
            failures += 1
            traceback.print_exc()
        print(f"   ({time.monotonic() - t0:.1f} s)", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
