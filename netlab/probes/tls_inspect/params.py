"""tls-inspect's target and options, parsed and validated (pure and light: the CLI imports this at
``--help``; no ssl, no sockets)."""

from __future__ import annotations

from netlab.errors import UsageError
from netlab.targets import is_ip

DEFAULT_PORT = 443


def parse_target(target: str, default_port: int = DEFAULT_PORT) -> tuple[str, int]:
    """HOST[:PORT], [V6]:PORT or a bare IPv6 address (a scheme:// and a path are ignored), validated
    by netlab.targets: the host as an A-label (IDN allowed), the port 1-65535."""
    from netlab.targets import TargetError, host_port

    text = str(target)
    if "://" in text:
        text = text.split("://", 1)[1].split("/", 1)[0]
    try:
        return host_port(text, default_port)
    except TargetError as e:
        raise UsageError(f"{target!r} is not HOST[:PORT]: {e}") from e


def server_name(host: str, servername: str | None) -> str | None:
    """The SNI to send and check: --servername, else the host unless it is an address."""
    return servername or (None if is_ip(host) else host)


def check_connect_to(connect_to: str | None) -> None:
    if connect_to and not is_ip(connect_to):
        raise UsageError(f"--connect-to needs an IP address, not {connect_to!r}")
