"""--tcp: RFC 5780's mapping tests over TCP (I/O, collect's helper).

Three connections from ONE local port (SO_REUSEADDR and SO_REUSEPORT: Linux lets several
connections share a local port when their remote ends differ), to the primary address, to the other
address with the primary port and to the other address and port, each carrying one Binding request.
The filtering tests need the server to answer from another address, which a TCP connection cannot
do; hairpinning, the lifetime checks, hole punching and TURN here are UDP's: all are skipped, with
the reason.  The NAT's conntrack table shows the TCP connections' states and timeouts instead.
"""

from __future__ import annotations

from netlab.probes.nat import stun
from netlab.probes.nat import tests as T
from netlab.probes.nat.discover import mapped


async def tcp_phase(run) -> None:
    net = run.net
    timeout = run.ctx.op_timeout()
    tid, data = stun.binding_request()
    port, raw = await net.tcp_exchange("tcp1", run.host, 0, run.server, tid, data, T.TCP_MAP[0], timeout)
    first = stun.parse(raw) if raw else None
    if first is None or mapped(first) is None:
        run.skip("mapping", "no-server" if raw is None else "no-mapped-address")
    else:
        v = first.attrs.get("OTHER-ADDRESS") or first.attrs.get("CHANGED-ADDRESS")
        if not isinstance(v, tuple):
            run.skip("mapping", "one-address")
        else:
            other = (v[0], int(v[1]))
            for sid, test, dst in (("tcp2", T.TCP_MAP[1], (other[0], run.server[1])), ("tcp3", T.TCP_MAP[2], other)):
                tid, data = stun.binding_request()
                await net.tcp_exchange(sid, run.host, port, dst, tid, data, test, timeout)
        await run.conntrack("during")
    for phase in ("filtering", "hairpin", "lifetime", "punch", "turn"):
        run.skip(phase, "tcp")
