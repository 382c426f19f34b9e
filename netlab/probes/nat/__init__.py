"""`netlab nat`: the NAT in front of you, found out with STUN (RFC 5780 behaviour discovery), and what
it means for peer to peer: hole punching actually done, a TURN relay when it fails, ICE named.

The probe contract (netlab/probes/README.md): collect.py (UDP and TCP sockets in an asyncio loop,
STUN messages built and parsed by stun.py on aioice's STUN module; in the sandbox also the peers'
sockets inside their own hosts and the NAT routers' conntrack tables) -> Recording -> analyze.py
(pure; classify.py decides each behaviour from the recorded exchanges, findings.py holds the rules)
-> NatResult -> build.py (pure) -> Document.  messages.py holds every string, en and ko.
"""

from netlab.probes import ProbeSpec

PROBE = ProbeSpec(name="nat", package="netlab.probes.nat")
