"""`netlab tcp-handshake`: the 3-way handshake, the data and the 4-way close, captured and explained.

The probe contract (netlab/probes/README.md): collect.py (kernel connect + AF_PACKET capture; scapy
imported inside) -> Recording -> analyze.py (pure; findings.py holds the rules) ->
TcpHandshakeResult -> build.py (pure) -> Document.  messages.py holds every string, en and ko.
"""

from netlab.probes import ProbeSpec

PROBE = ProbeSpec(name="tcp-handshake", package="netlab.probes.tcp_handshake")
