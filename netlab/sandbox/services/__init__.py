"""Services the sandbox runs on its hosts (NSD, Unbound, Caddy, test servers...).

Contract between the supervisor and each service type:

- A service type is a factory ``make(ctx: ServiceContext, host, spec: dict) -> list[ServiceProcess]``
  registered in SERVICE_TYPES as "module:function" (imported lazily).  It writes its config files
  under ``ctx.host_dir(host)`` and returns the processes to start.
- The supervisor starts each ServiceProcess inside the host's network namespace (as a child of
  the supervisor, in its PID namespace), with stdout/stderr to ``log_path``, waits until every
  ``ready`` endpoint answers, and stops them on teardown.  A process that exits early or never
  gets ready makes `sandbox up` fail, naming the service and the tail of its log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SERVICE_TYPES: dict[str, str] = {
    "nsd": "netlab.sandbox.services.dns:nsd",
    "tcpserver": "netlab.sandbox.services.tcp:tcpserver",
    "unbound": "netlab.sandbox.services.dns:unbound",
    "caddy": "netlab.sandbox.services.web:caddy",
    "openssl-s_server": "netlab.sandbox.services.web:openssl_s_server",
    "reset": "netlab.sandbox.services.web:reset",
    "plain-http": "netlab.sandbox.services.web:plain_http",
    "badtls": "netlab.sandbox.services.web:badtls",
    "bulk": "netlab.sandbox.services.bulk:bulk",  # tcp-flow's sink (role = "sink") and source (role = "source")
    "app": "netlab.sandbox.services.app:app",  # the application host: Caddy -> uvicorn (Starlette) + redis-server
    "lbbackend": "netlab.sandbox.services.lb:lbbackend",  # netlab lb: a web backend that names itself
    "haproxy": "netlab.sandbox.services.lb:haproxy",  # netlab lb: the load balancer (runtime API on a UNIX socket)
    "keepalived": "netlab.sandbox.services.lb:keepalived",  # netlab lb: VRRP, a virtual address between balancers
    "coturn": "netlab.sandbox.services.stun:coturn",  # netlab nat: STUN (two addresses, two ports) and TURN
    "command": "netlab.sandbox.services:command",  # any program: argv = [...], ready = [["tcp", addr, port]]
}

# Debian package that provides each program a service needs (for the "install it" hint).
PACKAGES: dict[str, str] = {
    "nsd": "nsd",
    "nsd-control": "nsd",
    "unbound": "unbound",
    "caddy": "caddy",
    "openssl": "openssl",
    "turnserver": "coturn",
    "haproxy": "haproxy",
    "keepalived": "keepalived",
    "redis-server": "redis-server",
}


@dataclass
class ServiceProcess:
    name: str  # e.g. "nsd@a-root"
    argv: list[str]
    log_path: str
    cwd: str | None = None
    env: dict[str, str] = field(default_factory=dict)
    # endpoints that must answer before the service counts as up: ("udp-dns"|"tcp", address, port)
    # "udp-dns": a DNS query for "." SOA gets any reply; "tcp": a TCP connect succeeds.
    ready: list[tuple[str, str, int]] = field(default_factory=list)


@dataclass
class ServiceContext:
    scenario: Any  # netlab.sandbox.scenario.Scenario
    state_dir: Path  # the sandbox's state directory
    data_dir: Path  # netlab/sandbox/data (zone files etc.)
    extra: dict[str, Any] = field(default_factory=dict)  # e.g. PKI paths, once the TLS tier exists

    def host_dir(self, host: Any) -> Path:
        """The host's directory in the state directory (configs, logs), created if needed."""
        from netlab.sandbox.contract import StateFiles

        d = StateFiles(self.state_dir).host_dir(host.name)
        d.mkdir(parents=True, exist_ok=True)
        return d


def command(ctx: ServiceContext, host: Any, spec: dict[str, Any]) -> list[ServiceProcess]:
    """A service that is just a program, for instructors' scenarios and tests:
    ``{ type = "command", name = "web", argv = ["python3", "-m", "http.server", "80"],
    ready = [["tcp", "198.18.1.4", 80]] }``; it runs in its host's state directory."""
    from netlab.errors import ScenarioError

    argv = spec.get("argv")
    if not isinstance(argv, list) or not argv or not all(isinstance(a, str) for a in argv):
        raise ScenarioError(f"host {host.name}: a command service needs argv = [\"program\", \"arg\", ...]")
    ready = []
    for r in spec.get("ready", []):
        if not (isinstance(r, list) and len(r) == 3 and r[0] in ("tcp", "udp-dns")):
            raise ScenarioError(f"host {host.name}: command ready entries look like [\"tcp\", \"198.18.1.4\", 80]")
        ready.append((r[0], str(r[1]), int(r[2])))
    name = str(spec.get("name") or argv[0].rsplit("/", 1)[-1])
    d = ctx.host_dir(host)
    return [ServiceProcess(name=f"{name}@{host.name}", argv=list(argv), log_path=str(d / f"{name}.log"),
                           cwd=str(d), ready=ready)]
