"""tls-inspect's target and options, parsed and validated (pure and light: the CLI imports this at
``--help``; no ssl, no sockets)."""

from __future__ import annotations

import ipaddress

from netlab.errors import UsageError

DEFAULT_PORT = 443


def parse_target(target: str, default_port: int = DEFAULT_PORT) -> tuple[str, int]:
    """HOST[:PORT], [V6]:PORT or a bare IPv6 address (a scheme:// and a path are ignored)."""
    t = target.strip()
    if "://" in t:
        t = t.split("://", 1)[1].split("/", 1)[0]
    if t.startswith("["):
        host, _, rest = t[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else ""
    elif t.count(":") == 1:
        host, _, port = t.partition(":")
    else:
        host, port = t, ""
    if not host:
        raise UsageError(f"no host in {target!r}")
    if port:
        if not port.isdigit() or not 0 < int(port) < 65536:
            raise UsageError(f"bad port in {target!r}")
        return host, int(port)
    return host, default_port


def is_ip(s: str) -> bool:
    try:
        ipaddress.ip_address(s)
        return True
    except ValueError:
        return False


def server_name(host: str, servername: str | None) -> str | None:
    """The SNI to send and check: --servername, else the host unless it is an address."""
    return servername or (None if is_ip(host) else host)


def check_connect_to(connect_to: str | None) -> None:
    if connect_to and not is_ip(connect_to):
        raise UsageError(f"--connect-to needs an IP address, not {connect_to!r}")
