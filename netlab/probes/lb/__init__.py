"""`netlab lb URL`: a real load balancer's spread, health checks, hashing and failover, measured.

The probe contract (netlab/probes/README.md): collect.py (HTTP requests from several source
addresses; the balancer's runtime API and the backends' switches in the sandbox's state directory)
-> Recording -> analyze.py (pure; spread.py holds the statistics and the remapping analysis,
findings.py the rules) -> LbResult -> build.py (pure) -> Document.  messages.py holds every string.
"""

from netlab.probes import ProbeSpec

PROBE = ProbeSpec(name="lb", package="netlab.probes.lb")
