"""The probes a journey composes (I/O): each one's own collector, run in this process, its whole
Recording nested in a StepRecorded event.

- ``dns:<name>`` dns-trace: the iterative walk from the root (--cold: what a resolver with an
  empty cache does, done by netlab itself);
- ``tcp`` tcp-handshake: the last origin's TCP handshake, options and close, captured;
- ``tls`` tls-inspect: its TLS handshake message by message, the versions it accepts, the chain;
- ``http`` http-compare (--protocol h3): the next visit over QUIC, as a browser makes it once an
  Alt-Svc header told it HTTP/3 is there (QUIC and TLS 1.3 in one round trip, then 0-RTT).

They run on their own connections (a probe's connection ends when the probe does), after the
visit, so they neither delay it nor warm its caches; the report says so.  An environment problem
of one of them (no capture privilege...) is recorded as that step's error, not raised.
"""

from __future__ import annotations

import dataclasses

from netlab.errors import NetlabError
from netlab.probes.journey.model import StepRecorded


def run_step(step: str, probe_name: str, params: dict, ctx, clock) -> StepRecorded:
    from netlab import __version__
    from netlab.probes import load_probe

    sub_ctx = dataclasses.replace(ctx, pcap=None)  # the journey's --pcap is the journey's alone
    t = clock()
    try:
        rec = load_probe(probe_name).collect(params, sub_ctx)
    except NetlabError as e:
        return StepRecorded(t, clock(), step, probe_name, {}, error=e.message[:300])
    rec.netlab_version = rec.netlab_version or __version__
    return StepRecorded(t, clock(), step, probe_name, rec.to_json())


def walk_params(host: str, family: int | None) -> dict:
    from netlab.probes.dns_trace.names import normalise

    a_label, u_label = normalise(host)
    return {"name": a_label, "name_unicode": u_label, "type": "AAAA" if family == 6 else "A",
            "follow_cname": True}


def walk_addresses(step: StepRecorded) -> tuple[list[str], str | None]:
    """The addresses a nested dns-trace found, and its outcome (answer, nxdomain, nodata...)."""
    from netlab.model import Recording
    from netlab.probes import load_probe

    if not step.recording:
        return [], "error"
    rec = Recording.from_json(step.recording, source=f"step {step.step}")
    res = load_probe("dns-trace").analyze(rec)
    addrs = [r["data"] for r in res.answer if r.get("type") in ("A", "AAAA")]
    return addrs, (None if addrs else (res.outcome or "error"))


def tcp_params(scheme: str, host: str, address: str, port: int, path: str) -> dict:
    """tcp-handshake on the last origin: over http:// the same request (Host: the name, looked up
    again by the system after the visit); over https:// the handshake alone, to the address."""
    from netlab.probes.tcp_handshake.params import make_params

    if scheme == "http":
        p = make_params((host, port), http=True)
        p["path"] = path
        return p
    return make_params((address, port))


def tls_params(host: str, address: str, port: int, cacert: str | None) -> dict:
    from netlab.targets import is_ip

    target = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return {"target": target, "servername": None if is_ip(host) else host, "connect_to": address,
            "cacert": cacert, "keylog": None, "pcap": None, "family": None}


def h3_params(host: str, address: str, port: int, path: str, cacert: str | None) -> dict:
    """http-compare over HTTP/3 only, to the address the visit used (--resolve pins it)."""
    authority = host if port == 443 else f"{host}:{port}"
    return {"url": f"https://{authority}{path}", "protocols": ["h3"], "requests": 1, "repeat": 1,
            "resolve": [f"{host}:{port}:{address}"], "cacert": cacert}
