"""`netlab http-state URL`: how a stateless protocol remembers you — cookies, server sessions, tokens.

The probe contract (netlab/probes/README.md): collect.py (a scripted browser-like visit over a
small HTTP/1.1 client that keeps the exact bytes; the session row read from the app's store;
a capture of the http:// and https:// runs) -> Recording -> analyze.py (pure: cookies.py is the
jar, tokens.py the JWT verifier; findings.py holds the rules) -> HttpStateResult -> build.py
(pure) -> Document.  messages.py holds every string, en and ko.
"""

from netlab.probes import ProbeSpec

PROBE = ProbeSpec(name="http-state", package="netlab.probes.http_state")
