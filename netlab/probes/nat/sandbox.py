"""What netlab nat learns from the sandbox it runs in, and the NAT routers' conntrack tables (I/O,
collect's helper).

- The STUN server: the first host with a ``coturn`` service that listens on two addresses.
- Our host (``--from`` or the sandbox's client) and the NAT routers between it and the server: the
  kernel's own route towards the server (``ip -j route get``) in our namespace gives the gateway, the
  host that has that address is the next router, and so on in that router's namespace until the
  server is on a connected network.  Each router's ``nat`` setting (the scenario's) comes from the
  sandbox's description: that is what the sandbox *built*; the probe measures what it *does*.
- The peers for hole punching: the other clients (``--peer`` narrows them), each with its own path.
- ``conntrack -L`` run inside a router's namespace (Debian package conntrack): the NAT's own table.
"""

from __future__ import annotations

import json
import shutil
import subprocess

MAX_PATH = 8
MAX_CONNTRACK_BYTES = 200_000


def _in(host: str | None, state_dir: str | None):
    import contextlib

    if host is None:
        return contextlib.nullcontext()
    from netlab.sandbox.netns import in_netns

    return in_netns(host, state_dir)


def stun_server(info) -> tuple[str, str] | None:
    """(host name, address) of the sandbox's STUN server with two addresses (else any STUN server)."""
    hosts = getattr(info, "hosts", None) or {}
    best = None
    for name, h in hosts.items():
        if "coturn" not in (h.get("services") or []):
            continue
        itfs = h.get("interfaces") or []
        two = any(i.get("extra_addresses") for i in itfs)
        addr = h.get("ipv4")
        if addr and two:
            return name, addr
        if addr and best is None:
            best = (name, addr)
    return best


def current_host(info) -> str | None:
    """The sandbox host whose network namespace this process is in (same inode), or None."""
    import os

    from netlab.sandbox.netns import reachable_netns_path

    try:
        ours = os.stat("/proc/self/ns/net").st_ino
    except OSError:
        return None
    for name in getattr(info, "hosts", None) or {}:
        try:
            if os.stat(reachable_netns_path(name, getattr(info, "state_dir", None))).st_ino == ours:
                return name
        except OSError:
            continue
    return None


def owner(info, address: str) -> str | None:
    for name, h in (getattr(info, "hosts", None) or {}).items():
        for i in h.get("interfaces") or []:
            if address in (i.get("ipv4"), i.get("ipv6"), *(i.get("extra_addresses") or [])):
                return name
    return None


def route_get(host: str | None, address: str, state_dir: str | None) -> dict | None:
    """The kernel's route from ``host`` towards ``address`` (``ip -j route get``), or None."""
    if shutil.which("ip") is None:
        return None
    try:
        with _in(host, state_dir):
            p = subprocess.run(["ip", "-j", "route", "get", address], capture_output=True, text=True, timeout=5)
        got = json.loads(p.stdout) if p.returncode == 0 and p.stdout.strip() else None
    except (OSError, ValueError, subprocess.TimeoutExpired):
        return None
    return got[0] if isinstance(got, list) and got and isinstance(got[0], dict) else None


def nat_path(info, host: str | None, address: str, state_dir: str | None) -> list[dict]:
    """The routers between ``host`` and ``address``, nearest first: [{"host", "gateway", "nat"}]."""
    hosts = getattr(info, "hosts", None) or {}
    out: list[dict] = []
    cur = host
    for _ in range(MAX_PATH):
        route = route_get(cur, address, state_dir)
        gw = (route or {}).get("gateway")
        if not gw:
            break
        nxt = owner(info, gw)
        if nxt is None or any(r["host"] == nxt for r in out):
            break
        out.append({"host": nxt, "gateway": gw, "nat": (hosts.get(nxt) or {}).get("nat")})
        cur = nxt
    return out


def peers(info, ours: str, wanted: list[str] | None) -> list[str]:
    hosts = getattr(info, "hosts", None) or {}
    if wanted:
        return [p for p in wanted]
    return [n for n, h in hosts.items() if h.get("role") == "client" and n != ours]


def conntrack(router: str, state_dir: str | None, proto: str) -> tuple[tuple[str, ...], str, str | None]:
    """(argv, output, error) of ``conntrack -L -p PROTO`` inside ``router``."""
    from netlab.errors import MissingTool
    from netlab.sandbox.netns import require_tool

    try:
        tool = require_tool("conntrack", "conntrack")
    except MissingTool as e:
        return ("conntrack", "-L"), "", e.message + (f" ({e.hint})" if e.hint else "")
    argv = (tool, "-L", "-p", proto)
    try:
        with _in(router, state_dir):
            p = subprocess.run(list(argv), capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.TimeoutExpired) as e:
        return argv, "", str(e)[:200]
    if p.returncode != 0:
        return argv, p.stdout[:MAX_CONNTRACK_BYTES], (p.stderr.strip() or f"exit status {p.returncode}")[:300]
    return ("conntrack", "-L", "-p", proto), p.stdout[:MAX_CONNTRACK_BYTES], None
