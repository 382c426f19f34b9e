"""RFC 5780 behaviour discovery over UDP: mapping, hairpinning, filtering, binding lifetime (I/O,
collect's helper; see collect.py for the order and why)."""

from __future__ import annotations

import asyncio

from netlab.probes.nat import stun
from netlab.probes.nat import tests as T


def _name(prefix: str | None, test: str) -> str:
    return T.peer(prefix, test) if prefix else test


def _sid(prefix: str | None, sid: str) -> str:
    return f"{sid}:{prefix}" if prefix else sid


def _addr(p: stun.Parsed | None, name: str) -> tuple[str, int] | None:
    v = p.attrs.get(name) if p and p.ok else None
    return (v[0], int(v[1])) if isinstance(v, tuple) and len(v) == 2 else None


def mapped(p: stun.Parsed | None) -> tuple[str, int] | None:
    return _addr(p, "XOR-MAPPED-ADDRESS") or _addr(p, "MAPPED-ADDRESS")


async def outbound_only(run) -> None:
    """A datagram nobody answers (the server ignores what is not STUN), then the NAT's table, then a
    Binding from the same socket: the mapping was there before any response."""
    sk = await run.net.open("outbound", "outbound", run.host)
    if sk is None:
        return
    run.net.send(sk, run.server, b"netlab: a datagram that nobody answers", T.OUTBOUND_DATA)
    await asyncio.sleep(0.05)
    await run.conntrack("outbound")
    await run.binding(sk, run.server, T.OUTBOUND)


async def behaviour(run, prefix: str | None, host: str | None) -> tuple[str, int] | None:
    """Mapping then filtering from ``host`` (ours when prefix is None: then hairpinning too, and the
    conntrack snapshot between).  Returns our mapped address from the first test (None: no answer)."""
    net = run.net
    sk = await net.open(_sid(prefix, "map"), "mapping", host)
    if sk is None:
        return None
    t0 = run.clock()
    first = await run.binding(sk, run.server, _name(prefix, T.MAP[0]))
    if first is None or mapped(first) is None:
        if prefix is None:
            for phase in ("mapping", "filtering"):
                run.skip(phase, "no-server" if first is None else "no-mapped-address")
        return None
    if prefix is None:
        rtt = run.clock() - t0
        run.rto = min(0.5, max(0.08, 3 * rtt))
    other = _addr(first, "OTHER-ADDRESS") or _addr(first, "CHANGED-ADDRESS")
    if prefix is None:
        run.other = other
    if other is None:
        if prefix is None:
            run.skip("mapping", "one-address", "the first answer named no OTHER-ADDRESS")
    else:
        await run.binding(sk, (other[0], run.server[1]), _name(prefix, T.MAP[1]))
        await run.binding(sk, other, _name(prefix, T.MAP[2]))
    if prefix is None:
        await run.conntrack("during")
        await hairpin(run, mapped(first))
    await filtering(run, prefix, host, other is not None)
    if prefix is None and run.params.get("classic"):
        await classic(run, sk, other is not None)
    return mapped(first)


async def filtering(run, prefix: str | None, host: str | None, rfc5780: bool) -> None:
    sk = await run.net.open(_sid(prefix, "filter"), "filtering", host)
    if sk is None:
        return
    first = await run.binding(sk, run.server, _name(prefix, T.FILTER[0]))
    if first is None:
        return
    if not rfc5780:
        if prefix is None:
            run.skip("filtering", "one-address", "the server has no other address to answer from")
        # still ask: what a server without RFC 5780 does with CHANGE-REQUEST is evidence
        await run.binding(sk, run.server, _name(prefix, T.FILTER[1]), tries=2, change_ip=True, change_port=True)
        return
    for test, flags in ((T.FILTER[1], {"change_ip": True, "change_port": True}), (T.FILTER[2], {"change_port": True})):
        got = await run.binding(sk, run.server, _name(prefix, test), **flags)
        if got is None:
            await run.binding(sk, run.server, _name(prefix, T.CONTROL[test]))
        elif got.kind == "error":
            break  # CHANGE-REQUEST refused (420): the next test would be refused as well


async def classic(run, sk, rfc5780: bool) -> None:
    """RFC 3489's filtering tests on the socket that ran the mapping tests (what older tools do)."""
    if not rfc5780:
        run.skip("classic", "one-address")
        return
    await run.binding(sk, run.server, T.CLASSIC[0], change_ip=True, change_port=True)
    await run.binding(sk, run.server, T.CLASSIC[1], change_port=True)


async def hairpin(run, public: tuple[str, int]) -> None:
    sk = await run.net.open("hairpin", "hairpin", run.host)
    if sk is None:
        return
    await run.binding(sk, public, T.HAIRPIN, tries=3)


# ---------------------------------------------------------------------------------- lifetime


async def lifetime(run) -> None:
    cap = float(run.params.get("lifetime") or 0)
    if cap <= 0:
        run.skip("lifetime", "not-asked")
        return
    if run.other is None:
        run.skip("lifetime", "one-address", "RESPONSE-PORT is RFC 5780's; this server did not say it supports it")
        return
    cap = min(cap, max(0.0, run.left() - 2))
    plan = T.lifetime_plan(cap)
    if not plan:
        run.skip("lifetime", "deadline")
        return
    asker = await run.net.open("asker", "asker", run.host)
    socks = [await run.net.open(f"life-{i}", "lifetime", run.host) for i in range(len(plan))]
    if asker is None or any(s is None for s in socks):
        return
    opened = await asyncio.gather(*(run.binding(s, run.server, T.life_open(i)) for i, s in enumerate(socks)))
    t0 = run.clock()
    await run.conntrack("lifetime")
    expired_in_row = 0
    for i, (after, sk, got) in enumerate(zip(plan, socks, opened, strict=True)):
        m = mapped(got)
        if m is None:
            continue
        wait = t0 + after - run.clock()
        if wait > run.left():
            run.skip("lifetime-rest", "deadline", f"{after:g}")
            return
        if wait > 0:
            await asyncio.sleep(wait)
        tid, data = stun.binding_request(response_port=m[1])
        net = run.net
        arrival = await net.transact(asker, run.server, tid, data, T.life_check(i), 0.15, tries=3, deadline=run.deadline)
        if arrival is not None and arrival.sock != sk.sid:
            run.skip("lifetime-rest", "response-port-ignored" if arrival.parsed.kind == "success" else "response-port-refused",
                     arrival.sock)
            return
        expired_in_row = 0 if arrival is not None else expired_in_row + 1
        if expired_in_row >= 2 and i + 1 < len(plan):
            run.skip("lifetime-rest", "expired-twice", f"{plan[i + 1]:g}")
            return
