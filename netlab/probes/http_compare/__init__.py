"""`netlab http-compare`: HTTP/1.1 vs HTTP/2 vs HTTP/3 on one site, phase by phase.

The probe contract (netlab/probes/README.md):

- params.py: the URL, --resolve, --protocols, --chart checked (pure, light: the CLI imports it)
- collect.py (I/O): one name resolution (resolution.py), the sandbox's link (link.py), then
  interleaved runs: h1/h2 with httpx (h1h2.py), h3 with aioquic (h3.py); heavy imports inside
- link.py also holds the sandbox around a run: --delay/--loss and --hol's one deterministic drop
  (netlab.sandbox.links), --server-cc (netlab.sandbox.sysctl, the web host's congestion control)
- analyze.py (pure): phases.py (one request's phases, round trips, statistics), waterfall.py,
  cc.py (each side's congestion control, named), hol.py (--hol: who waited for the dropped
  packet), then findings.py (the rules) -> HttpCompareResult
- build.py (pure) -> Document; messages.py holds every string, English and Korean
- outputs.py: the --chart file, drawn from the Result after analyze.  A live run writes the file
  --chart names.  `netlab report` overwrites no file and never writes to a path read from the
  Recording: it lists the chart the original run wrote, and redraws one only into a file named
  on its own command line (see outputs.py).
"""

from netlab.probes import ProbeSpec

PROBE = ProbeSpec(name="http-compare", package="netlab.probes.http_compare")
