"""The target and options of `netlab tcp-handshake`, parsed and checked (pure and light).

The CLI module imports this at `netlab --help` time: the standard library and netlab.targets
only, no socket work.  Each check raises ValueError (netlab.targets.TargetError for the target)
with a one-line reason, which the CLI turns into a usage error.
"""

from __future__ import annotations

from typing import Literal

from netlab.targets import host_port

DEFAULT_PORT = 80
CLOSE_CHOICES = ("client", "server")

# The params collect records, with their types: `netlab report` checks a saved Recording against it.
RECORDED = {
    "host": str,
    "port": int,
    "send": str | None,
    "http": bool,
    "close": Literal["client", "server"],
    "pcap": str | None,
    "family": Literal[4, 6] | None,
    "warm": bool,
    "path": str | None,
    "timeout": float,  # seconds per operation (ctx.timeout), recorded by collect
}


def parse_target(value: str, default_port: int = DEFAULT_PORT) -> tuple[str, int]:
    """HOST, HOST:PORT, [V6]:PORT or a bare IPv6 address -> (host, port); ValueError when malformed."""
    return host_port(value, default_port)


def make_params(target: tuple[str, int], send: str | None = None, http: bool = False, close: str = "client",
                pcap: str | None = None, v4: bool = False, v6: bool = False, warm: bool = True) -> dict:
    """The Recording's parameters from the command line; ValueError for combinations that cannot be."""
    if send is not None and http:
        raise ValueError("--send and --http cannot be combined")
    if v4 and v6:
        raise ValueError("-4 and -6 cannot be combined")
    if close not in CLOSE_CHOICES:
        raise ValueError(f"--close must be one of {', '.join(CLOSE_CHOICES)}")
    host, port = target
    return {
        "host": host, "port": port, "send": send, "http": http, "close": close, "pcap": pcap,
        "family": 4 if v4 else (6 if v6 else None), "warm": warm,
    }
