"""Service type ``bulk``: the sink and the source of `netlab tcp-flow` (bulk transfers).

Scenario spec: ``{ type = "bulk", role = "sink" | "source", port = N }`` (default ports: 9 for a
sink, the well-known discard port; 19 for a source, the chargen port).  What each does, and the
protocol: netlab/sandbox/services/bulkserver.py.
"""

from __future__ import annotations

import sys

from netlab.errors import ScenarioError
from netlab.sandbox.services import ServiceProcess

ROLES = {"sink": 9, "source": 19}


def bulk(ctx, host, spec: dict) -> list[ServiceProcess]:
    role = spec.get("role")
    if role not in ROLES:
        raise ScenarioError(f"host {host.name}: a bulk service needs role = \"sink\" or \"source\" (got {role!r})")
    try:
        port = int(spec.get("port", ROLES[role]))
    except (TypeError, ValueError) as e:
        raise ScenarioError(f"host {host.name}: bulk port must be a number") from e
    if not 0 < port < 65536:
        raise ScenarioError(f"host {host.name}: bulk port {port} is not 1-65535")
    d = ctx.host_dir(host)
    addrs = [a for a in (host.ipv4, host.ipv6) if a]
    argv = [sys.executable, "-m", "netlab.sandbox.services.bulkserver", "--role", role, "--port", str(port)]
    for a in addrs:
        argv += ["--bind", a]
    return [ServiceProcess(name=f"bulk-{role}-{port}@{host.name}", argv=argv, log_path=str(d / f"bulk-{role}.log"),
                           cwd=str(d), ready=[("tcp", a, port) for a in addrs])]
