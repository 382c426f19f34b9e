"""`netlab journey URL`: what happens when you type a URL and press Enter, on one timeline.

The probe contract (netlab/probes/README.md).  collect.py runs one browser-like visit — the
address bar, /etc/hosts, the stub resolver, the route and the neighbour, then TCP, TLS and HTTP
per hop of the redirect chain (and the page's sub-resources with --browser-like) — captured on
the client's interface; then it composes the existing probes' collectors (tcp-handshake,
tls-inspect, dns-trace) and nests their Recordings, so any one step can be re-rendered with its
own probe's report (`netlab report FILE --step tls`).  analyze.py (pure) puts every step on one
timeline with its layer; build.py draws it.
"""

from netlab.probes import ProbeSpec

PROBE = ProbeSpec(name="journey", package="netlab.probes.journey")
