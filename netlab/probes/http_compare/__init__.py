"""`netlab http-compare`: HTTP/1.1 vs HTTP/2 vs HTTP/3 on one site, phase by phase.

The probe contract (netlab/probes/README.md): collect.py (httpx trace events, aioquic events;
imported inside) -> Recording -> analyze.py (pure; findings.py holds the rules) ->
HttpCompareResult -> build.py (pure) -> Document; outputs.py draws the chart from the Result.
messages.py holds every string, en and ko.
"""

from netlab.probes import ProbeSpec

PROBE = ProbeSpec(name="http-compare", package="netlab.probes.http_compare")
