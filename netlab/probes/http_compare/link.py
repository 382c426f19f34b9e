"""The client's link in the sandbox (I/O): the impairment set for one run, the links as configured."""

from __future__ import annotations

from netlab.errors import SandboxError, UsageError
from netlab.model import Recording
from netlab.probes.context import RunContext
from netlab.probes.http_compare.messages import M
from netlab.probes.http_compare.model import LinkConfigured


def configure_link(p: dict, ctx: RunContext, rec: Recording, now):
    """Set delay/loss on the client's link for this run; returns a function restoring it."""
    if ctx.sandbox is None:
        raise UsageError(
            "--loss and --delay change the sandbox's emulated link; they work only with --sandbox",
            hint="netlab --sandbox http-compare URL --loss 2 --delay 25",
        )
    try:
        from netlab.sandbox import links  # the sandbox's runtime link API, when it exists
    except ImportError as e:
        raise SandboxError(
            "this sandbox cannot change a link while it runs (no runtime link API)",
            hint="start a sandbox from a scenario whose client link has the delay/loss you want: "
            "netlab sandbox up --scenario FILE",
        ) from e
    delay = float(p.get("delay") or 0.0)
    loss = float(p.get("loss") or 0.0)
    if not (0.0 <= loss <= 100.0) or delay < 0:
        raise UsageError("--loss must be 0..100 (%) and --delay >= 0 (ms)")
    try:
        restore = links.impair_client_link(ctx.sandbox, delay_ms=delay, loss_pct=loss)
    except AttributeError as e:
        raise SandboxError("this sandbox has no runtime link API (impair_client_link)") from e
    rec.add(LinkConfigured(t=now(), delay_ms=delay, loss_pct=loss,
                           how=M.text("recorded.link-runtime", "en", delay=f"{delay:g}", loss=f"{loss:g}")))
    return restore


def sandbox_path(ctx: RunContext, address: str) -> dict | None:
    """The emulated links between the sandbox's client and the target, as the scenario configured them."""
    hosts = getattr(ctx.sandbox, "hosts", None) or {}
    if not isinstance(hosts, dict):
        return None

    def links(h: dict) -> list[dict]:
        out = []
        for itf in h.get("interfaces") or []:
            for d in ("up", "down"):
                spec = itf.get(d) or {}
                out.append({"host": h.get("name"), "direction": d, "delay_ms": float(spec.get("delay_ms") or 0),
                            "loss_pct": float(spec.get("loss_pct") or 0)})
        return out

    client = next((h for h in hosts.values() if h.get("role") == "client"), None)
    server = next((h for h in hosts.values() if address in (h.get("addresses") or [])), None)
    if client is None:
        return None
    return {"client": links(client), "server": links(server) if server else [],
            "server_host": server.get("name") if server else None,
            "rtt_ms": server.get("rtt_ms") if server else None}
