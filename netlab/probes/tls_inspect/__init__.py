"""`netlab tls-inspect`: versions, the handshake message by message, resumption, and the
certificate chain as sent and as validated, with a finding for every problem.

collect (engine.py, the only I/O) -> Recording -> analyze (analysis.py, pure; chain.py and wire.py
decode the evidence) -> TlsInspectResult -> build (report.py, pure) -> Document.  Importing this
package registers the event types and imports neither ssl nor cryptography.  (The submodules are
not named collect/analyze/build: importing a submodule binds its name on the package, which would
replace these functions with modules.)
"""

from __future__ import annotations

from netlab.probes.tls_inspect import model as model  # registers the event types


def collect(params, ctx):
    from netlab.probes.tls_inspect.engine import collect as _collect

    return _collect(params, ctx)


def analyze(recording):
    from netlab.probes.tls_inspect.analysis import analyze as _analyze

    return _analyze(recording)


def build(result, lang="en"):
    from netlab.probes.tls_inspect.report import build as _build

    return _build(result, lang)
