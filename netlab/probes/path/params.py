"""The target and options of `netlab path`, parsed and checked (pure and light: the CLI imports it).

Each check raises ValueError (netlab.targets.TargetError for the host) with a one-line reason,
which the CLI turns into a usage error (exit 2).
"""

from __future__ import annotations

from typing import Literal

from netlab.targets import host as parse_host

PROTOCOLS = ("udp", "icmp", "tcp")
UDP_BASE_PORT = 33434  # traceroute's: the first of the (closed, we hope) ports the UDP probes go to
TCP_PORT = 80
MAX_HOPS = 30
QUERIES = 3

# The params collect records, with their types: `netlab report` checks a saved Recording against it.
RECORDED = {
    "host": str,
    "protocol": Literal["udp", "icmp", "tcp"],
    "port": int,
    "mtu_discovery": bool,
    "max_hops": int,
    "queries": int,
    "family": Literal[4, 6] | None,
    "timeout": float,  # seconds per probe (ctx.timeout), recorded by collect
}


def parse_target(value: str) -> str:
    """A host name (IDN -> A-label) or an address; ValueError when it cannot be one."""
    return parse_host(value)


def make_params(host: str, protocol: str = "udp", port: int | None = None, mtu_discovery: bool = False,
                max_hops: int = MAX_HOPS, queries: int = QUERIES, v4: bool = False, v6: bool = False) -> dict:
    """The Recording's parameters from the command line; ValueError for what cannot be."""
    if protocol not in PROTOCOLS:
        raise ValueError(f"--protocol must be one of {', '.join(PROTOCOLS)}")
    if protocol == "icmp" and port is not None:
        raise ValueError("--port means nothing with --protocol icmp (an echo request has no port)")
    if port is not None and not 0 < int(port) < 65536:
        raise ValueError(f"bad port {port!r} (1-65535)")
    if not 1 <= int(max_hops) <= 64:
        raise ValueError("--max-hops must be 1-64")
    if not 1 <= int(queries) <= 5:
        raise ValueError("--queries must be 1-5")
    if v4 and v6:
        raise ValueError("-4 and -6 cannot be combined")
    if port is None:
        port = TCP_PORT if protocol == "tcp" else UDP_BASE_PORT if protocol == "udp" else 0
    return {"host": parse_target(host), "protocol": protocol, "port": int(port), "mtu_discovery": bool(mtu_discovery),
            "max_hops": int(max_hops), "queries": int(queries), "family": 4 if v4 else (6 if v6 else None)}
