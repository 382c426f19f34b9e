"""netlab nat collection: STUN tests from our side (and, in the sandbox, from the peers' sides), the
NAT routers' conntrack tables, hole punching and a TURN relay.  I/O only; records events.

Order of the run (UDP), and why:

1. conntrack before; one datagram that nobody answers, then the NAT's table (the mapping exists
   although no response came), then a Binding from the same socket.
2. Mapping (RFC 5780 4.3) on socket ``map``: the primary address, the other address with the
   primary port, the other address and port (OTHER-ADDRESS of the first answer).  The peers run
   the same tests, and the filtering tests below, at the same time, from their own hosts.
3. Hairpinning (4.5) at once, while ``map``'s mapping is fresh: a second socket sends a Binding
   request to ``map``'s public address.
4. Filtering (4.4) on a NEW socket ``filter`` that has talked to the primary address only (a socket
   that also ran the mapping tests has opened its NAT to the other address: stuntman's bias);
   an unanswered test is retransmitted, then followed by a plain Binding to the primary address
   (``control``): only when that one is answered does the silence count as filtering.
   With --classic the RFC 3489 tests also run on ``map`` itself, to show that bias.
5. Then, at the same time: the binding lifetime (4.6: sockets that each made a mapping at the same
   moment, asked about one by one later with RESPONSE-PORT from another socket, so that no check
   refreshes the mapping it checks) and, in the sandbox, hole punching with each peer (ICE-style
   connectivity checks between the two public addresses) and a TURN relay where that fails.
6. conntrack during (after 2), while the lifetime sockets wait, after the punching, and after.

With --tcp the mapping tests run over TCP (three connections from one local port) and the rest,
which STUN can only do over UDP, is skipped with the reason.
"""

from __future__ import annotations

import asyncio
import socket

from netlab.errors import SandboxError, UsageError
from netlab.model import DeadlineReached, Recording
from netlab.probes.lookup import addresses, look_up
from netlab.probes.nat import model, stun
from netlab.probes.nat.net import Net
from netlab.probes.nat.params import DEFAULT_PORT
from netlab.probes.recorder import RunClock, host_facts, new_recording

RESERVE_S = 4.0  # seconds of the deadline kept for the end (conntrack, TURN release)


def collect(params: dict, ctx) -> Recording:
    clock = RunClock(ctx.clock)
    rec = _recording(params, ctx)
    asyncio.run(_run(params, ctx, rec, clock))
    return rec


def _recording(params: dict, ctx) -> Recording:
    recorded = dict(params)
    if recorded.get("turn_user"):
        recorded["turn_user"] = str(recorded["turn_user"]).split(":", 1)[0]  # never the password
    return new_recording(model.PROBE, {**recorded, "timeout": float(ctx.timeout)}, host_facts(ctx))


class Run:
    """What the phases share."""

    def __init__(self, params, ctx, rec, clock, net: Net, server: tuple[str, int], host: str | None,
                 routers: list[str], state_dir: str | None):
        self.params, self.ctx, self.rec, self.clock, self.net = params, ctx, rec, clock, net
        self.server, self.host, self.routers, self.state_dir = server, host, routers, state_dir
        self.rto = 0.2
        self.other: tuple[str, int] | None = None
        self.deadline = ctx.remaining() + clock() - RESERVE_S

    def left(self) -> float:
        return self.deadline - self.clock()

    def skip(self, phase: str, reason: str, detail: str = "") -> None:
        self.rec.add(model.PhaseSkipped(self.clock(), phase, reason, detail))

    async def conntrack(self, moment: str) -> None:
        from netlab.probes.nat.sandbox import conntrack

        proto = "tcp" if self.params.get("tcp") else "udp"
        for r in self.routers:
            argv, out, err = await asyncio.to_thread(conntrack, r, self.state_dir, proto)
            self.rec.add(model.ConntrackRead(self.clock(), r, moment, tuple(argv), out, err))

    async def binding(self, sk, dst, test: str, tries: int = 4, **flags) -> stun.Parsed | None:
        tid, data = stun.binding_request(**flags)
        got = await self.net.transact(sk, dst, tid, data, test, self.rto, tries, deadline=self.deadline)
        return got.parsed if got else None


async def _run(params: dict, ctx, rec: Recording, clock) -> None:
    info = ctx.sandbox
    state_dir = getattr(info, "state_dir", None)
    server = _server(params, info, rec, clock)
    if server is None:
        return
    host, routers, peers = _sandbox(params, info, rec, clock, server, state_dir)
    net = Net(rec, clock, state_dir, server)
    run = Run(params, ctx, rec, clock, net, server, host, routers, state_dir)
    try:
        if not routers:
            run.skip("conntrack", "live" if info is None else "no-nat", "")
        await run.conntrack("before")
        if params.get("tcp"):
            from netlab.probes.nat.tcp import tcp_phase

            await tcp_phase(run)
        else:
            await _udp(run, peers)
        await run.conntrack("after")
    finally:
        net.finish()


async def _udp(run: Run, peers: list[str]) -> None:
    from netlab.probes.nat import discover
    from netlab.probes.nat.p2p import p2p_phase

    if run.routers:
        await discover.outbound_only(run)
    ours = asyncio.create_task(discover.behaviour(run, None, run.host))
    theirs = [asyncio.create_task(discover.behaviour(run, p, p)) for p in peers]
    mapped = await ours
    await asyncio.gather(*theirs)
    if mapped is None:
        for phase in ("hairpin", "lifetime", "punch", "turn"):
            run.skip(phase, "no-server")
        return
    tasks = [discover.lifetime(run)]
    if not run.ctx.sandbox:
        run.skip("punch", "live")
    elif not run.params.get("punch", True):
        run.skip("punch", "not-asked")
    elif not peers:
        run.skip("punch", "no-peers")
    else:
        tasks.append(p2p_phase(run, peers))
    await asyncio.gather(*tasks)
    if run.left() <= 0:
        run.rec.add(DeadlineReached(run.clock(), run.ctx.deadline, "tests"))


def _server(params: dict, info, rec, clock) -> tuple[str, int] | None:
    name, port = params.get("server"), int(params.get("port") or DEFAULT_PORT)
    if not name:
        if info is None:
            raise UsageError("netlab nat needs --server HOST[:PORT] outside the sandbox "
                             "(a STUN server; RFC 5780's tests need one with two addresses, such as coturn)")
        from netlab.probes.nat.sandbox import stun_server

        found = stun_server(info)
        if found is None:
            raise SandboxError(f"sandbox '{info.name}' has no STUN server (a host with a coturn service)",
                               hint="run it in the NAT sandbox: netlab --sandbox=nat nat (it starts the shipped "
                                    "scenario nat; or netlab sandbox up --scenario nat --name nat)")
        name = found[1]
    infos, error = look_up(name, port, 4, socket.SOCK_DGRAM)
    if error is not None:
        rec.add(model.ServerResolutionFailed(clock(), name, error))
        return None
    addrs = addresses(infos)
    rec.add(model.ServerResolved(clock(), name, port, addrs[0], addrs))
    return addrs[0], port



def _sandbox(params, info, rec, clock, server, state_dir) -> tuple[str | None, list[str], list[str]]:
    """(the host our sockets live in: None = this process's own namespace; the routers; the peers)."""
    if info is None:
        if params.get("from_host") or params.get("peers"):
            raise UsageError("--from and --peer name sandbox hosts: run with --sandbox")
        return None, [], []
    from netlab.probes.nat import sandbox as sb

    hosts = getattr(info, "hosts", None) or {}
    here = sb.current_host(info) or info.client
    ours = params.get("from_host") or here
    for h in [ours, *(params.get("peers") or [])]:
        if h not in hosts:
            raise UsageError(f"sandbox '{info.name}' has no host {h!r} (its clients: "
                             f"{', '.join(n for n, x in hosts.items() if x.get('role') == 'client')})")
    host = None if ours == here else ours
    path = sb.nat_path(info, host, server[0], state_dir)
    peers = sb.peers(info, ours, params.get("peers")) if params.get("punch", True) else []
    peer_rows = tuple({"host": p, "address": (hosts.get(p) or {}).get("ipv4"),
                       "nat_path": sb.nat_path(info, p, server[0], state_dir)} for p in peers)
    rec.add(model.SandboxRead(clock(), info.name, ours, tuple(path), peer_rows))
    return host, [r["host"] for r in path if r.get("nat")], peers
