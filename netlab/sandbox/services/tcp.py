"""Service type ``tcpserver``: the small TCP test servers of the tcp-handshake lab.

Scenario spec: ``{ type = "tcpserver", mode = "http" | "close-first", port = N }``
(see netlab/sandbox/services/tcpserver.py for what each mode does).  A port with no service is
*closed* (the kernel answers RST); a ``drop = ["tcp:N"]`` rule on the host's link makes it
*filtered* (silence, SYN retransmissions).
"""

from __future__ import annotations

import sys

from netlab.errors import ScenarioError
from netlab.sandbox.services import ServiceProcess

MODES = ("http", "close-first")


def tcpserver(ctx, host, spec: dict) -> list[ServiceProcess]:
    mode = spec.get("mode", "http")
    if mode not in MODES:
        raise ScenarioError(f"host {host.name}: tcpserver mode must be one of {', '.join(MODES)} (got {mode!r})")
    try:
        port = int(spec.get("port", 80))
    except (TypeError, ValueError) as e:
        raise ScenarioError(f"host {host.name}: tcpserver port must be a number") from e
    d = ctx.host_dir(host)
    addrs = [a for a in (host.ipv4, host.ipv6) if a]
    argv = [sys.executable, "-m", "netlab.sandbox.services.tcpserver", "--mode", mode, "--port", str(port),
            "--name", host.fqdn or host.name]
    for a in addrs:
        argv += ["--bind", a]
    return [ServiceProcess(
        name=f"tcpserver-{mode}-{port}@{host.name}", argv=argv,
        log_path=str(d / f"tcpserver-{port}.log"), cwd=str(d),
        ready=[("tcp", a, port) for a in addrs],
    )]
