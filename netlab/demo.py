"""`make demo`: bring the sandbox up and run each probe against it, as a student would.

Runs every step as a real `netlab` command in a subprocess, so what it shows is exactly what a
user typing the command sees.  The sandbox is taken down at the end unless it was already up
before the demo started (or NETLAB_DEMO_KEEP=1), so that you can go on exploring.  A step that
exits with a code other than 0 or 1 (netlab.errors.EXIT_CODES) is a failure; the demo then exits
with the first failing step's code.  Every probe step also writes its report as an HTML page into
demo-reports/ (NETLAB_DEMO_REPORTS names another folder), and the demo says where at the end.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys

from netlab.errors import EXIT_FINDINGS, EXIT_OK

STEPS: list[tuple[str, list[str]]] = [
    ("The sandbox: a replica Internet in network namespaces", ["sandbox", "status"]),
    ("DNS: iterative resolution from the sandbox's roots (naver.com)", ["--sandbox", "dns-trace", "naver.com"]),
    ("DNS: www.naver.com is a CNAME into another zone (nheos.com): a second walk",
     ["--sandbox", "dns-trace", "www.naver.com"]),
    ("TCP: handshake, an HTTP request, and the 4-way close",
     ["--sandbox", "tcp-handshake", "www.naver.com:80", "--http"]),
    ("TLS: versions, handshake round trips, the certificate chain", ["--sandbox", "tls-inspect", "www.naver.com"]),
    ("TLS: a fault host (an expired certificate)", ["--sandbox", "tls-inspect", "expired.badtls.test"]),
    ("HTTP: HTTP/1.1 vs HTTP/2 vs HTTP/3, phase by phase",
     ["--sandbox", "http-compare", "https://www.naver.com/"]),
    ("TCP congestion control: one cubic download through a 10 Mbit/s bottleneck (slow start from 10 segments, "
     "the first loss, fast recovery, the sawtooth; the chart is in its HTML page)",
     ["--sandbox", "tcp-flow", "source.lab.test", "--cc", "cubic", "--seconds", "3"]),
    ("The whole journey: what happens when you type naver.com and press Enter",
     ["--sandbox", "journey", "naver.com"]),
    ("Layers: one HTTP request taken apart, header by header (Ethernet, IP, TCP, HTTP)",
     ["--sandbox", "layers", "--capture", "http", "http://www.naver.com/"]),
    ("Path: hop by hop to blackhole.lab.test (TTL, a silent router, ARP for the gateway, new MACs at every "
     "hop, the path MTU and a black hole)",
     ["--sandbox", "path", "blackhole.lab.test", "--mtu-discovery", "--timeout", "2"]),
    ("HTTP state: cookies, the server's session in Redis, JWTs, and the cookie in clear text over http://",
     ["--sandbox", "http-state", "https://app.lab.test/"]),
    ("WebSocket: the upgrade (101), frames with masks and three length forms, pings, the close",
     ["--sandbox", "websocket", "wss://app.lab.test/ws/echo", "--unmasked-test"]),
    ("WebSocket: the server pushes; the same updates by HTTP polling, counted",
     ["--sandbox", "websocket", "wss://app.lab.test/ws/push", "--no-send", "--pings", "1", "--listen", "4",
      "--compare-polling", "--poll-interval", "0.5"]),
]


# A second sandbox for load balancing (netlab/sandbox/data/lb.toml): two HAProxy balancers sharing a
# virtual address, four backends; brought up (and down) around these steps.
LB_SANDBOX = "lb"
LB_STEPS: list[tuple[str, list[str]]] = [
    ("Load balancing: round robin with one slow backend (requests pile up there)",
     ["--sandbox=lb", "lb", "http://lb.test/", "--algorithm", "roundrobin", "--slow", "web2", "-c", "8", "-k", "8"]),
    ("Load balancing: least connections with the same slow backend (it gets fewer)",
     ["--sandbox=lb", "lb", "http://lb.test/", "--algorithm", "leastconn", "--slow", "web2", "-c", "8", "-k", "8"]),
    ("Load balancing: source hashing while a backend fails and comes back (who moved: modulo vs theory)",
     ["--sandbox=lb", "lb", "http://lb.test/", "--algorithm", "source", "--fail", "web2", "-k", "16"]),
]


# A third sandbox for NAT (netlab/sandbox/data/nat.toml): clients behind NAT routers of each behaviour
# and a STUN/TURN server with two addresses; the demo stands behind one of them (nat-port: Linux's own
# masquerade, 5 s UDP timeout) and punches holes to the others.
NAT_SANDBOX = "nat"
NAT_STEPS: list[tuple[str, list[str]]] = [
    ("NAT: behind a home router, found out with STUN (RFC 5780 mapping, filtering, hairpinning, the mapping "
     "lifetime, the router's conntrack), hole punching to the other NATs, TURN where it fails, ICE, and the "
     "old RFC 3489 name beside",
     ["--sandbox=nat", "nat", "--lifetime", "8", "--classic"]),
]


def _sandbox_steps(name: str, what: str, steps, netlab: list[str], env: dict, run_step) -> None:
    """Steps in a sandbox of their own, the shipped scenario of that name (taken down afterwards unless it
    was up)."""
    status = subprocess.run(netlab + ["sandbox", "status", "--name", name, "--json"], capture_output=True,
                            text=True, env=env)
    try:
        was_up = status.returncode == EXIT_OK and bool(json.loads(status.stdout).get("running"))
    except ValueError:
        was_up = False
    if not was_up:
        _banner(f"Bringing the {what} sandbox up", ["sandbox", "up", "--scenario", name, "--name", name])
        if subprocess.run(netlab + ["sandbox", "up", "--scenario", name, "--name", name], env=env).returncode:
            print(f"demo: the {what} sandbox did not come up; see the message above.", file=sys.stderr)
            return
    try:
        for title, argv in steps:
            run_step(title, argv)
    finally:
        if not was_up and os.environ.get("NETLAB_DEMO_KEEP") != "1":
            subprocess.run(netlab + ["sandbox", "down", "--name", name], env=env, stdout=subprocess.DEVNULL)


def _lb_steps(netlab: list[str], env: dict, run_step) -> None:
    """The load-balancing steps, in their own sandbox."""
    _sandbox_steps(LB_SANDBOX, "load-balancing", LB_STEPS, netlab, env, run_step)


def _netlab() -> list[str]:
    exe = os.path.join(os.path.dirname(sys.executable), "netlab")
    return [exe] if os.path.exists(exe) else [sys.executable, "-m", "netlab"]


def _available(command: str) -> bool:
    import importlib.util

    from netlab.cli import COMMANDS

    target = COMMANDS.get(command)
    return bool(target) and importlib.util.find_spec(target.split(":")[0]) is not None


def _page(reports: str, n: int, command: str, argv: list[str]) -> str | None:
    """Where a step's HTML page goes (the sandbox's own commands have no report page)."""
    if command in ("sandbox", "lab"):
        return None
    return os.path.join(reports, f"{n:02d}-{command}.html")


def _banner(title: str, argv: list[str]) -> None:
    print("\n" + "=" * 100, flush=True)
    print(f"  {title}", flush=True)
    print(f"  $ netlab {shlex.join(argv)}", flush=True)
    print("=" * 100, flush=True)


def main() -> int:
    netlab = _netlab()
    env = dict(os.environ)
    status = subprocess.run(netlab + ["sandbox", "status", "--json"], capture_output=True, text=True, env=env)
    try:
        was_up = status.returncode == EXIT_OK and bool(json.loads(status.stdout).get("running"))
    except ValueError:
        was_up = False
    keep = was_up or os.environ.get("NETLAB_DEMO_KEEP") == "1"
    failures = []
    reports = os.path.abspath(os.environ.get("NETLAB_DEMO_REPORTS") or "demo-reports")
    os.makedirs(reports, exist_ok=True)
    pages: list[str] = []
    try:
        if not was_up:
            _banner("Bringing the sandbox up", ["sandbox", "up"])
            up = subprocess.run(netlab + ["sandbox", "up"], env=env)
            if up.returncode != EXIT_OK:
                print("demo: the sandbox did not come up; see the message above.", file=sys.stderr)
                return up.returncode
        def run_step(title: str, argv: list[str]) -> None:
            command = next(a for a in argv if not a.startswith("-"))
            _banner(title, argv)
            if not _available(command):
                print(f"  (netlab {command} is not part of this version yet)", flush=True)
                return
            page = _page(reports, len(pages) + 1, command, argv)
            rc = subprocess.run(netlab + argv + (["--html", page] if page else []), env=env).returncode
            if rc not in (EXIT_OK, EXIT_FINDINGS):
                failures.append((argv, rc))
            elif page and os.path.exists(page):
                pages.append(page)

        for title, argv in STEPS:
            run_step(title, argv)
        _lb_steps(netlab, env, run_step)
        _sandbox_steps(NAT_SANDBOX, "NAT", NAT_STEPS, netlab, env, run_step)
    finally:
        if not keep:
            _banner("Taking the sandbox down (NETLAB_DEMO_KEEP=1 keeps it up)", ["sandbox", "down"])
            subprocess.run(netlab + ["sandbox", "down"], env=env)
    if pages:
        print(f"\ndemo: {len(pages)} HTML reports, one page per step, in {reports}/ "
              f"(open {os.path.basename(pages[0])} in a browser; they need no network)", flush=True)
    if failures:
        print("\ndemo: these steps failed:", file=sys.stderr)
        for argv, rc in failures:
            print(f"  netlab {shlex.join(argv)}  (exit {rc})", file=sys.stderr)
        return failures[0][1]
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
