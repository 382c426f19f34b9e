"""The options of `netlab nat`, parsed and checked (pure and light: the CLI imports this).

    netlab nat [--server HOST[:PORT]] [--classic] [--tcp] [--lifetime SECONDS]
               [--from HOST] [--peer HOST ...] [--no-punch] [--turn-user USER:PASSWORD]

Outside the sandbox ``--server`` is required (there is no STUN server netlab could assume); inside,
the sandbox's own STUN server (coturn, two addresses) is the default.  ``--from`` and ``--peer``
name sandbox hosts: where our side's sockets live, and the clients we punch holes to.
"""

from __future__ import annotations

import re
from typing import Literal

from netlab.targets import TargetError, host_port

DEFAULT_PORT = 3478
DEFAULT_LIFETIME = 35.0  # seconds: Linux's UDP conntrack timeout is 30 s
MAX_LIFETIME = 600.0
MAX_PEERS = 8
_HOST_RE = re.compile(r"^[a-z0-9]([a-z0-9-]{0,28}[a-z0-9])?$")

RECORDED = {
    "server": str | None,
    "port": int,
    "classic": bool,
    "tcp": bool,
    "lifetime": float,
    "from_host": str | None,
    "peers": list | None,
    "punch": bool,
    "turn_user": str | None,
    "timeout": float,
}


def parse_server(value: str) -> tuple[str, int]:
    return host_port(value, DEFAULT_PORT)


def sandbox_host(value: str) -> str:
    text = "" if value is None else str(value).strip()
    if not _HOST_RE.match(text):
        raise TargetError(f"{value!r} is not a sandbox host name (a-z, 0-9 and '-', up to 30 characters)")
    return text


def turn_user(value: str) -> str:
    text = "" if value is None else str(value)
    user, sep, password = text.partition(":")
    if not sep or not user or not password:
        raise TargetError("--turn-user must be USER:PASSWORD")
    if re.search(r"[\x00-\x1f\x7f]", text) or len(text) > 200:
        raise TargetError("--turn-user contains a control character or is too long")
    return text


def make_params(server: tuple[str, int] | None = None, classic: bool = False, tcp: bool = False,
                lifetime: float = DEFAULT_LIFETIME, from_host: str | None = None, peers: tuple[str, ...] = (),
                punch: bool = True, turn: str | None = None) -> dict:
    """The Recording's parameters; ValueError for combinations that cannot be."""
    if not 0 <= lifetime <= MAX_LIFETIME:
        raise ValueError(f"--lifetime must be 0..{MAX_LIFETIME:g} seconds (0: do not measure)")
    peers = tuple(dict.fromkeys(peers))
    if len(peers) > MAX_PEERS:
        raise ValueError(f"at most {MAX_PEERS} --peer")
    if peers and not punch:
        raise ValueError("--peer and --no-punch cannot be combined")
    if from_host and from_host in peers:
        raise ValueError(f"--peer {from_host} is --from itself")
    host, port = server if server else (None, DEFAULT_PORT)
    if host and ":" in host:
        raise ValueError("netlab nat speaks IPv4: NAT is IPv4's answer to too few addresses (IPv6 gives every "
                         "host its own; a firewall may still filter), so give an IPv4 address or a name")
    return {"server": host, "port": port, "classic": classic, "tcp": tcp, "lifetime": float(lifetime),
            "from_host": from_host, "peers": list(peers) or None, "punch": punch, "turn_user": turn}


Transport = Literal["udp", "tcp"]
