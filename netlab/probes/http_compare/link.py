"""The sandbox around a run (I/O): the client's link, the deterministic drop, the server's congestion control.

- LinkControl: --delay/--loss on the client's link for the run, and (--hol) one deterministic
  drop towards the client, armed just before the K requests leave and taken off after them.
  Both go through netlab.sandbox.links.set_overrides (one overrides file: the drop is written
  together with the delay/loss, so arming it never takes them off); the relay's acknowledgement
  says what it applied and, when the rule is taken off, which packet it dropped.
- server_cc: the web host's default TCP congestion control, read from its network namespace, or
  set for the run (--server-cc) and put back after (netlab.sandbox.sysctl).
- sandbox_path: the links between the client and the target as the scenario configured them.
"""

from __future__ import annotations

import time

from netlab.errors import EnvironmentProblem, SandboxError, UsageError
from netlab.model import Recording
from netlab.probes.context import RunContext
from netlab.probes.http_compare import model
from netlab.probes.http_compare.messages import M

CC_KEY = "net.ipv4.tcp_congestion_control"
ALLOWED_KEY = "net.ipv4.tcp_allowed_congestion_control"


def _links_api():
    try:
        from netlab.sandbox import links  # the sandbox's runtime link API, when it exists
    except ImportError as e:
        raise SandboxError(
            "this sandbox cannot change a link while it runs (no runtime link API)",
            hint="start a sandbox from a scenario whose client link has the delay/loss you want: "
            "netlab sandbox up --scenario FILE",
        ) from e
    return links


def _client_counters(ack: dict | None, client: str) -> dict:
    counters = (ack or {}).get("counters") or {}
    return {k: v for k, v in counters.items() if k == client or k.startswith(client + "/")}


class LinkControl:
    """The client link's runtime settings for one probe run (sandbox only)."""

    def __init__(self, ctx: RunContext, rec: Recording, now):
        self.ctx, self.rec, self.now = ctx, rec, now
        self.base: dict = {}  # --delay/--loss, both directions
        self.changed = False

    @property
    def info(self):
        return self.ctx.sandbox

    def _apply(self, drops: list[dict] | None = None) -> dict | None:
        links = _links_api()
        client = self.info.client
        if not client:
            raise SandboxError(f"sandbox '{self.info.name}': its description names no client host",
                               hint="restart the sandbox (netlab sandbox down, then up)")
        down = dict(self.base)
        if drops:
            down["drops"] = list(drops)
        spec = {d: v for d, v in (("up", dict(self.base)), ("down", down)) if v}
        try:
            ack = links.set_overrides(self.info, {client: spec} if spec else {})
        except AttributeError as e:
            raise SandboxError("this sandbox has no runtime link API (set_overrides)") from e
        self.changed = True
        if ack is None and hasattr(links, "read_ack"):  # an older links.py returned nothing
            ack = links.read_ack(self.info)
        return ack

    def impair(self, p: dict) -> None:
        """--delay/--loss: added to each direction of the client's link for the whole run."""
        if self.info is None:
            raise UsageError(
                "--loss and --delay change the sandbox's emulated link; they work only with --sandbox",
                hint="netlab --sandbox http-compare URL --loss 2 --delay 25",
            )
        delay = float(p.get("delay") or 0.0)
        loss = float(p.get("loss") or 0.0)
        if not (0.0 <= loss <= 100.0) or delay < 0:
            raise UsageError("--loss must be 0..100 (%) and --delay >= 0 (ms)")
        self.base = {"delay_ms": delay, "loss_pct": loss}
        self._apply()
        self.rec.add(model.LinkConfigured(t=self.now(), delay_ms=delay, loss_pct=loss,
                                          how=M.text("recorded.link-runtime", "en", delay=f"{delay:g}", loss=f"{loss:g}")))

    def arm_drop(self, run: int, mode: str, rule: dict) -> model.DropArmed:
        """One deterministic drop towards the client (direction "down" of the client's link)."""
        client = self.info.client
        try:
            ack = self._apply([rule])
            ev = model.DropArmed(t=self.now(), run=run, mode=mode, host=client, direction="down", rule=dict(rule),
                                 effective=_client_counters({"counters": (ack or {}).get("effective")}, client),
                                 counters=_client_counters(ack, client))
        except SandboxError as e:
            ev = model.DropArmed(t=self.now(), run=run, mode=mode, host=client or "?", direction="down", rule=dict(rule),
                                 error=e.message)
        self.rec.add(ev)
        return ev

    def disarm(self, run: int, mode: str, t0_mono: float) -> model.DropDisarmed:
        """Take the drop off again; the acknowledgement's "ended" lists what fired meanwhile."""
        client = self.info.client
        try:
            ack = self._apply()
            ended = (ack or {}).get("ended") or {}
            ev = model.DropDisarmed(t=self.now(), run=run, mode=mode, fired=list(ended.get("fired") or []),
                                    counters=_client_counters(ack, client), mono_offset_s=t0_mono)
        except SandboxError as e:
            ev = model.DropDisarmed(t=self.now(), run=run, mode=mode, error=e.message, mono_offset_s=t0_mono)
        self.rec.add(ev)
        return ev

    def restore(self) -> None:
        """The scenario's settings back (nothing is left on the link after the run)."""
        if self.changed:
            self.changed = False
            _links_api().set_overrides(self.info, {})


def mono_at_zero(st) -> float:
    """CLOCK_MONOTONIC at the probe's t = 0 (relay stamps minus this are probe times)."""
    return time.monotonic() - st.now()


# ---------------------------------------------------------------------- the server's TCP congestion control


def server_host(ctx: RunContext, address: str) -> dict | None:
    hosts = getattr(ctx.sandbox, "hosts", None) or {}
    if not isinstance(hosts, dict):
        return None
    return next((h for h in hosts.values() if address in (h.get("addresses") or [])), None)


def _refused_cc(host: str, algo: str, e, ctx: RunContext) -> EnvironmentProblem:
    from netlab.sandbox import sysctl

    allowed = ""
    try:
        allowed = sysctl.read(ctx.sandbox, host, ALLOWED_KEY)
    except (SandboxError, ValueError):
        pass
    if getattr(e, "errno", None) == 1 and allowed:  # EPERM
        return EnvironmentProblem(
            f"--server-cc {algo}: the kernel refused it as host {host}'s default: outside the machine's own "
            f"network namespace the default must be one of net.ipv4.tcp_allowed_congestion_control ({allowed})",
            hint=f"choose one of {allowed.replace(' ', ', ')} (quic-go, Caddy's QUIC, uses NewReno: --server-cc reno), "
                 f"or, as root on the machine: sysctl -w {ALLOWED_KEY}=\"{allowed} {algo}\"")
    if getattr(e, "errno", None) == 2:  # ENOENT
        return EnvironmentProblem(f"--server-cc {algo}: this kernel has no {algo} congestion control",
                                  hint=f"modprobe tcp_{algo} (as root), or choose another")
    return EnvironmentProblem(f"--server-cc {algo}: {e.message if hasattr(e, 'message') else e}")


def server_cc(ctx: RunContext, rec: Recording, address: str, algo: str | None, now):
    """Record the web host's TCP congestion control; with `algo`, set it for the run first.
    Returns restore() (None when nothing was changed)."""
    h = server_host(ctx, address)
    if ctx.sandbox is None or h is None:
        if algo:
            raise UsageError(f"--server-cc {algo}: the address {address} is no host of the sandbox",
                             hint="--server-cc sets a sandbox web host's congestion control; run with --sandbox")
        return None
    from netlab.sandbox import sysctl

    host = h.get("name")
    if algo:
        try:
            previous = sysctl.read(ctx.sandbox, host, CC_KEY)
            restore = sysctl.write(ctx.sandbox, host, CC_KEY, algo)
        except sysctl.SysctlRefused as e:
            raise _refused_cc(host, algo, e, ctx) from e
        except (SandboxError, ValueError) as e:
            raise EnvironmentProblem(f"--server-cc {algo}: cannot change host {host}'s congestion control: {e}") from e
        rec.add(model.ServerCongestionControl(t=now(), host=host, algorithm=algo, source="set", previous=previous))

        def put_back() -> None:
            err = None
            try:
                value = restore()
            except (SandboxError, ValueError) as e:
                value, err = None, str(e)
            rec.add(model.ServerCongestionControlRestored(t=now(), host=host, algorithm=value, error=err))

        return put_back
    try:
        value = sysctl.read(ctx.sandbox, host, CC_KEY)
        rec.add(model.ServerCongestionControl(t=now(), host=host, algorithm=value, source="namespace"))
    except (SandboxError, ValueError) as e:
        scenario = h.get("tcp_congestion") or (getattr(ctx.sandbox, "tcp_congestion", None) or {}).get("default")
        rec.add(model.ServerCongestionControl(t=now(), host=host, algorithm=scenario or None, source="scenario",
                                              error=str(e)))
    return None


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
    server = server_host(ctx, address)
    if client is None:
        return None
    return {"client": links(client), "server": links(server) if server else [],
            "server_host": server.get("name") if server else None,
            "server_services": list(server.get("services") or []) if server else [],
            "rtt_ms": server.get("rtt_ms") if server else None}
