"""tcp-handshake: the 3-way handshake, the data and the 4-way close, captured and explained.

collect (collect.py, I/O) -> Recording -> analyze (analyze.py, pure) -> TcpHandshakeResult ->
build (build.py, pure) -> Document.  Importing this package registers the event types and
imports no heavy library (scapy is imported inside the sniffer, when collect() runs).
"""

from __future__ import annotations

from netlab.probes.tcp_handshake import model  # noqa: F401  (registers the event types)
from netlab.probes.tcp_handshake.analyze import analyze
from netlab.probes.tcp_handshake.build import build


def collect(params, ctx):
    from netlab.probes.tcp_handshake.collect import collect as _collect

    return _collect(params, ctx)


__all__ = ["analyze", "build", "collect"]
