"""The sandbox's STUN/TURN server: coturn (Debian package coturn), for netlab nat.

``services = [{ type = "coturn" }]`` on a host whose interface has two IPv4 addresses (``ipv4`` and
the first of ``extra_addresses``) runs turnserver listening on both, on port 3478 and on the
alternate port 3479: the four transport addresses RFC 5780's tests need (a response from the other
address, from the other port, or both, when a request carries CHANGE-REQUEST; OTHER-ADDRESS names
them).  It relays (TURN, RFC 8656) from its first address, with long-term credentials
(USERNAME/PASSWORD below, realm REALM), over UDP and TCP; no TLS.

``{ type = "coturn", addresses = 1 }`` listens on the first address only and with RFC 5780 turned
off (``--no-rfc5780``): a server that cannot answer from another address, as most public STUN servers
are (the probe must then say which tests it cannot run).

Everything coturn writes (its user database, its pid file, its log) stays in the host's directory of
the sandbox's state directory.
"""

from __future__ import annotations

from typing import Any

from netlab.errors import ScenarioError
from netlab.sandbox.services import ServiceContext, ServiceProcess

PORT = 3478
ALT_PORT = 3479
USERNAME = "netlab"
PASSWORD = "netlab"
REALM = "lab.test"
RELAY_PORTS = (49152, 49999)


def addresses(host: Any, spec: dict[str, Any]) -> list[str]:
    """The IPv4 addresses coturn listens on (one or two)."""
    count = spec.get("addresses", 2)
    if count not in (1, 2):
        raise ScenarioError(f"host {host.name}: coturn addresses must be 1 or 2 (got {count!r})")
    itf = next((i for i in host.interfaces if i.ipv4), None)
    if itf is None:
        raise ScenarioError(f"host {host.name}: coturn needs an IPv4 address")
    extra = [a for a in itf.extra_addresses if ":" not in a]
    if count == 2 and not extra:
        raise ScenarioError(f"host {host.name}: coturn with two addresses needs a second IPv4 address on the "
                            f"same interface (extra_addresses = [\"...\"]), for RFC 5780's CHANGE-REQUEST")
    return [itf.ipv4] + extra[:count - 1]


def coturn(ctx: ServiceContext, host: Any, spec: dict[str, Any]) -> list[ServiceProcess]:
    unknown = set(spec) - {"type", "addresses"}
    if unknown:
        raise ScenarioError(f"host {host.name}: unknown coturn setting(s) {', '.join(sorted(unknown))}")
    addrs = addresses(host, spec)
    d = ctx.host_dir(host)
    argv = ["turnserver", "-n"]
    for a in addrs:
        argv += ["--listening-ip", a]
    argv += [
        "--listening-port", str(PORT), "--alt-listening-port", str(ALT_PORT),
        "--relay-ip", addrs[0], "--min-port", str(RELAY_PORTS[0]), "--max-port", str(RELAY_PORTS[1]),
        "--lt-cred-mech", "--user", f"{USERNAME}:{PASSWORD}", "--realm", REALM,
        "--no-tls", "--no-dtls", "--no-cli", "--no-tcp-relay", "--relay-threads", "1",
        "--userdb", str(d / "turndb"), "--pidfile", str(d / "turnserver.pid"),
        "--log-file", "stdout", "--simple-log",
    ]
    if len(addrs) == 1:
        argv.append("--no-rfc5780")
    return [ServiceProcess(name=f"coturn@{host.name}", argv=argv, log_path=str(d / "coturn.log"), cwd=str(d),
                           ready=[("tcp", addrs[0], PORT)])]
