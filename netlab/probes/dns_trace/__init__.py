"""`netlab dns-trace`: iterative resolution from the root, hop by hop, explained.

collect (collect.py, the only I/O) -> Recording -> analyze (analyze.py, pure, from wire bytes)
-> DnsTraceResult -> build (build.py, pure) -> Document.  Importing this package registers the
event types and loads no DNS library: dnspython is imported inside the functions that use it.
"""

from __future__ import annotations

from netlab.probes.dns_trace import model as model  # registers the event types
from netlab.probes.dns_trace.analyze import analyze
from netlab.probes.dns_trace.build import build
from netlab.probes.dns_trace.collect import collect

__all__ = ["analyze", "build", "collect", "model"]
