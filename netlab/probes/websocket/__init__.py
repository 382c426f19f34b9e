"""`netlab websocket URL`: the upgrade from HTTP, frames with their masks and lengths, pings, push vs polling.

The probe contract (netlab/probes/README.md): collect.py (the `websockets` library's sans-I/O client
driven over our own socket, so every byte is recorded with its time; HTTP polling over
netlab/probes/httpwire.py; a capture) -> Recording -> analyze.py (pure: handshake.py checks the
upgrade, frames.py parses every frame from the recorded bytes; findings.py holds the rules) ->
WebSocketResult -> build.py (pure) -> Document.  messages.py holds every string, en and ko.
"""

from netlab.probes import ProbeSpec

PROBE = ProbeSpec(name="websocket", package="netlab.probes.websocket")
