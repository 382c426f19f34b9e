"""path collection: the first hop, the hops after it, and (with --mtu-discovery) the path MTU.

I/O only; records events (see model.py), never conclusions.  In order:

1. The name is resolved (getaddrinfo: the same answer every program on this machine gets).
2. The kernel's tables are read as `ip` prints them: routes, its choice for the target, our
   interface, the neighbour table (tables.py).
3. Capture points open (vantage.py): our interface, and inside the sandbox the destination host's.
4. We ask for the next hop's MAC ourselves, ARP or neighbour solicitation (neighbours.py), and
   read the neighbour table again.
5. The traceroute (trace.py, probes.py): TTL 1, 2, ... each probe a socket of its own.
6. --mtu-discovery (mtu.py): a TCP upload, DF size probes, and where big packets die.
7. The captures stop; their frames become events.

Without CAP_NET_RAW, steps 3 and 4 are recorded as unavailable and everything else still runs.
"""

from __future__ import annotations

import socket
import statistics

from netlab.model import Recording
from netlab.probes.lookup import addresses, look_up
from netlab.probes.path import model, neighbours, tables, vantage
from netlab.probes.path.mtu import run_mtu
from netlab.probes.path.probes import Engine
from netlab.probes.path.trace import arrived, run_trace
from netlab.probes.recorder import RunClock, host_facts, new_recording


def collect(params: dict, ctx) -> Recording:
    clock = RunClock(ctx.clock)
    rec = _recording(params, ctx)
    resolved = _resolve(rec, str(params["host"]), params.get("family"), clock)
    if resolved is None:
        return rec
    family, address = resolved
    sandbox = getattr(ctx, "sandbox", None)
    if sandbox is not None:
        rec.add(model.HostsNamed(clock(), _names(sandbox)))
    info = tables.client_tables(rec, clock, address, family)
    points = _open_points(rec, clock, info, address, family, sandbox)
    try:
        client = points.get("client")
        if client is not None:
            neighbours.ask(rec, clock, client[0], info["dev"], info["mac"], info["src"], info["gateway"] or address,
                           family, min(1.0, ctx.op_timeout()))
            tables.neighbours_again(rec, clock, family, info["dev"])
        engine = Engine(rec, clock, address, family, params["protocol"])
        try:
            run_trace(engine, ctx, params, clock)
        finally:
            engine.close()
        if params.get("mtu_discovery") and not ctx.expired():
            dest_ttl, rtt_s = _arrival(engine, address)
            run_mtu(rec, clock, ctx, params, address, family, info["mtu"], dest_ttl, rtt_s, sandbox is not None,
                    engine.next_probe)
    finally:
        for point, (sniffer, started) in points.items():
            vantage.stop_point(rec, clock, point, sniffer, started)
    rec.events.sort(key=lambda e: e.t)
    return rec


def _recording(params: dict, ctx) -> Recording:
    rec = new_recording(model.PROBE, {**params, "timeout": float(ctx.timeout)}, host_facts(ctx))
    for knob in ("ipv4/ip_default_ttl", "ipv4/route/mtu_expires", "ipv4/tcp_mtu_probing", "ipv4/ping_group_range"):
        try:
            with open(f"/proc/sys/net/{knob}", encoding="ascii") as fh:
                rec.environment[knob.replace("/", ".")] = fh.read().strip()
        except OSError:
            pass
    return rec


def _resolve(rec: Recording, host: str, family: int | None, clock) -> tuple[int, str] | None:
    infos, error = look_up(host, None, family, socket.SOCK_DGRAM)
    if error is not None:
        rec.add(model.NameResolutionFailed(clock(), host, error))
        return None
    # like traceroute: IPv4 when the name has both (-6 asks for IPv6)
    first = next((i for i in infos if i[0] == socket.AF_INET), infos[0])
    fam = 6 if first[0] == socket.AF_INET6 else 4
    rec.add(model.TargetResolved(clock(), host, first[4][0], fam, addresses(infos)))
    return fam, first[4][0]


def _names(sandbox) -> dict[str, str]:
    out = {}
    for name, h in (getattr(sandbox, "hosts", None) or {}).items():
        label = h.get("fqdn") or name
        for a in h.get("addresses") or []:
            out[str(a)] = str(label)
    return out


def _open_points(rec, clock, info: dict, address: str, family: int, sandbox) -> dict:
    """{"client": (sniffer, CaptureStarted), "destination": ...} for the points that opened."""
    points = {}
    bpf = vantage.bpf_for(info.get("src"), address, family)
    if info.get("dev"):
        s = vantage.open_point(rec, clock, "client", info["dev"], bpf)
        if s is not None:
            points["client"] = (s, rec.of_type(model.CaptureStarted)[-1])
    else:
        rec.add(model.CaptureUnavailable(clock(), "client", f"no route to {address}: nothing to capture on", "no-route"))
    if sandbox is None:
        rec.add(model.CaptureUnavailable(clock(), "destination", "a second capture point exists only inside the sandbox",
                                         "live"))
        return points
    where = vantage.destination_point(sandbox, address)
    if where is None:
        rec.add(model.CaptureUnavailable(clock(), "destination", f"no sandbox host has the address {address}", "no-host"))
        return points
    host, ifname = where
    state_dir = getattr(sandbox, "state_dir", None)
    tables.destination_tables(rec, clock, host, ifname, family, state_dir)
    s = vantage.open_point(rec, clock, "destination", ifname, bpf, netns_host=host, state_dir=state_dir)
    if s is not None:
        points["destination"] = (s, rec.of_type(model.CaptureStarted)[-1])
    return points


def _arrival(engine: Engine, address: str) -> tuple[int | None, float | None]:
    """The hop count and the round trip to the destination, from the trace's answers."""
    ttls, rtts = [], []
    for n, out in engine.outcomes.items():
        if isinstance(out, model.ProbeAnswered) and arrived(out, address):
            ttls.append(engine.ttl_of[n])
            rtts.append(out.t - engine.sent_at[n])
    return (min(ttls) if ttls else None), (statistics.median(rtts) if rtts else None)
