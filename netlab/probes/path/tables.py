"""The kernel's own tables, read as `ip` prints them (I/O, collect's helper).

The routing table (``ip -j route show table main``), the kernel's choice for our target (``ip -j
route get``: the route it would use, and a path MTU it has learnt), the interface (``ip -j link
show``: its MAC and MTU) and the neighbour table (``ip -j neigh show``: IP address -> MAC).
Without ``ip`` (iproute2), /proc/net/route gives the IPv4 routes.  The output is recorded as
printed; analyze parses it.  For the second capture point in the sandbox, `ip` runs in the
destination host's network namespace (netlab.sandbox.netns.in_netns).
"""

from __future__ import annotations

import json
import shutil
import subprocess

from netlab.probes.path.model import TableRead


def _ip(argv: list[str], netns: str | None = None, state_dir: str | None = None) -> tuple[list[str], str, str | None]:
    full = ["ip"] + argv
    try:
        if netns:
            from netlab.sandbox.netns import in_netns

            with in_netns(netns, state_dir):  # the child starts in that host's netns
                p = subprocess.run(full, capture_output=True, text=True, timeout=5, check=False)
        else:
            p = subprocess.run(full, capture_output=True, text=True, timeout=5, check=False)
    except (OSError, subprocess.TimeoutExpired) as e:
        return full, "", str(e)
    if p.returncode != 0:
        return full, p.stdout, (p.stderr.strip() or f"exit status {p.returncode}")[:300]
    return full, p.stdout, None


def read(rec, clock, what: str, argv: list[str], point: str = "client", netns: str | None = None,
         state_dir: str | None = None) -> object:
    """Run one `ip -j` command, record what it printed, return its JSON (None when it failed)."""
    full, out, err = _ip(argv, netns, state_dir)
    rec.add(TableRead(clock(), what, point, out[:200_000], tuple(full), err))
    if err:
        return None
    try:
        return json.loads(out) if out.strip() else []
    except ValueError:
        return None


def client_tables(rec, clock, address: str, family: int) -> dict:
    """The client's routes, its choice for ``address``, the interface and its neighbours.

    Returns what collect needs to go on: {"dev", "gateway", "src", "mac", "mtu"} (values may be None)."""
    fam = f"-{family}"
    if shutil.which("ip") is None:
        _proc_routes(rec, clock)
        return {"dev": None, "gateway": None, "src": None, "mac": None, "mtu": None}
    read(rec, clock, "routes", ["-j", fam, "route", "show", "table", "main"])
    read(rec, clock, "routes-local", ["-j", fam, "route", "show", "table", "local"])
    got = read(rec, clock, "route-get", ["-j", fam, "route", "get", address])
    route = got[0] if isinstance(got, list) and got and isinstance(got[0], dict) else {}
    dev = route.get("dev")
    info = {"dev": dev, "gateway": route.get("gateway"), "src": route.get("prefsrc"), "mac": None, "mtu": None}
    if dev:
        link = read(rec, clock, "link", ["-j", "link", "show", "dev", dev])
        if isinstance(link, list) and link and isinstance(link[0], dict):
            info["mac"], info["mtu"] = link[0].get("address"), link[0].get("mtu")
        read(rec, clock, "neighbours", ["-j", fam, "neigh", "show", "dev", dev])
    return info


def neighbours_again(rec, clock, family: int, dev: str | None) -> None:
    """The neighbour table after our own ARP / solicitation (what the kernel keeps)."""
    if dev and shutil.which("ip"):
        read(rec, clock, "neighbours-after", ["-j", f"-{family}", "neigh", "show", "dev", dev])


def destination_tables(rec, clock, host: str, ifname: str, family: int, state_dir: str | None = None) -> None:
    """The destination host's interface and neighbours, in the sandbox (`ip` run in its netns)."""
    read(rec, clock, "link", ["-j", "link", "show", "dev", ifname], "destination", host, state_dir)
    read(rec, clock, "neighbours", ["-j", f"-{family}", "neigh", "show", "dev", ifname], "destination", host, state_dir)


def _proc_routes(rec, clock) -> None:
    try:
        with open("/proc/net/route", encoding="ascii") as fh:
            text = fh.read(200_000)
        rec.add(TableRead(clock(), "proc-route", "client", text, ("cat", "/proc/net/route"), None))
    except OSError as e:
        rec.add(TableRead(clock(), "proc-route", "client", "", ("cat", "/proc/net/route"), str(e)))


def flush_route_cache(family: int) -> str | None:
    """Forget learnt path MTUs (``ip route flush cache``); the error text, or None."""
    _full, _out, err = _ip([f"-{family}", "route", "flush", "cache"])
    return err
