"""Probe registry.

Each probe is a package ``netlab.probes.<name>`` that exposes three functions:

- ``collect(params: dict, ctx: RunContext) -> Recording``  (I/O; heavy imports inside)
- ``analyze(recording: Recording) -> Result``              (pure)
- ``build(result: Result, lang: str) -> Document``         (pure)

Importing the package must register its event types (import its model module) and must not
import scapy, aioquic, httpx, dns.query or rich.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from netlab.errors import InputFileError

PROBES: dict[str, str] = {
    "dns-trace": "netlab.probes.dns_trace",
    "tcp-handshake": "netlab.probes.tcp_handshake",
    "tls-inspect": "netlab.probes.tls_inspect",
    "http-compare": "netlab.probes.http_compare",
}


def load_probe(name: str, source: str = "recording") -> ModuleType:
    path = PROBES.get(name)
    if path is None:
        raise InputFileError(f"{source}: unknown probe {name!r} (known: {', '.join(sorted(PROBES))})")
    try:
        return importlib.import_module(path)
    except ModuleNotFoundError as e:
        if e.name and (e.name == path or path.startswith(e.name + ".") or e.name.startswith(path)):
            raise InputFileError(f"{source}: probe {name!r} is not available in this netlab version") from e
        raise
