"""`netlab tls-inspect`: versions, the handshake message by message, resumption, and the
certificate chain as sent and as validated, with a finding for every problem.

The probe contract (netlab/probes/README.md): collect.py (ssl; the only I/O) -> Recording ->
analyze.py (pure; connections.py groups the events per connection, timeline.py orders the main
handshake, chain.py and wire.py decode the evidence; findings.py holds the rules) ->
TlsInspectResult -> build.py (pure) -> Document.  messages.py holds every string, en and ko;
params.py parses the target (light: the CLI imports it).
"""

from netlab.probes import ProbeSpec

PROBE = ProbeSpec(name="tls-inspect", package="netlab.probes.tls_inspect")
