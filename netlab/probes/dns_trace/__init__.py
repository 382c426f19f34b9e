"""`netlab dns-trace`: iterative resolution from the root, hop by hop, explained.

The probe contract (netlab/probes/README.md): collect.py (the only I/O; dnspython imported
inside) -> Recording -> analyze.py (pure, from the wire bytes; findings.py holds the rules) ->
DnsTraceResult -> build.py (pure) -> Document.  messages.py holds every string, en and ko.
"""

from netlab.probes import ProbeSpec

PROBE = ProbeSpec(name="dns-trace", package="netlab.probes.dns_trace")
