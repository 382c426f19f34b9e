"""`netlab http-compare`: HTTP/1.1 vs HTTP/2 vs HTTP/3 on one site, phase by phase.

collect (httpx trace events, aioquic events) -> Recording -> analyze -> HttpCompareResult -> build.
Importing this package registers the event types and imports neither httpx nor aioquic.
"""

from __future__ import annotations

from netlab.probes.http_compare import model  # noqa: F401  (registers the event types)
from netlab.probes.http_compare.analyze import analyze
from netlab.probes.http_compare.build import build


def collect(params, ctx):
    from netlab.probes.http_compare.collect import collect as _collect

    return _collect(params, ctx)


__all__ = ["analyze", "build", "collect"]
