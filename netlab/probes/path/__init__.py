"""`netlab path`: the route a packet takes, hop by hop — TTL, routers, the first hop's routing and ARP,
MAC addresses that change while IP addresses stay, and the path MTU.

The probe contract (netlab/probes/README.md): collect.py (kernel sockets with IP_RECVERR for the
probes, AF_PACKET captures at one or two points, `ip` for the routing and neighbour tables) ->
Recording -> analyze.py (pure; findings.py holds the rules) -> PathResult -> build.py (pure) ->
Document.  messages.py holds every string, en and ko.
"""

from netlab.probes import ProbeSpec

PROBE = ProbeSpec(name="path", package="netlab.probes.path")
