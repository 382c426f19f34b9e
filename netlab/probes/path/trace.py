"""The traceroute loop: TTL 1, 2, 3... until the destination answers (I/O, collect's helper).

A few TTLs are in flight at once (WINDOW), ``queries`` probes each.  A probe that gets no answer is
given up after --timeout, or sooner once later hops have answered (as traceroute's -w MAX,HERE,NEAR
does): a router that is still silent after NEAR times the round trip of a router *behind* it will
not answer (it forwarded our packet; it just does not send Time Exceeded).  The loop stops at the
destination, at an ICMP unreachable from a router, after SILENT_TAIL silent TTLs in a row past the
last answer, at --max-hops, or at the run's deadline.
"""

from __future__ import annotations

from netlab.probes.path.errqueue import is_time_exceeded, is_too_big
from netlab.probes.path.model import ProbeAnswered, ProbeFailed, ProbeSilent, RunCut
from netlab.probes.path.probes import Engine

WINDOW = 5  # TTLs in flight at once
NEAR = 10.0  # x the RTT of a later hop's answer
HERE = 3.0  # x the RTT of another answer from the same hop
FLOOR_S = 0.1  # never give up sooner than this
SILENT_TAIL = 3


def arrived(ans, address: str) -> bool:
    """Whether an answer comes from the destination itself (we reached it)."""
    if not isinstance(ans, ProbeAnswered):
        return False
    if ans.kind in ("echo-reply", "syn-ack", "rst"):
        return True
    return ans.kind == "icmp" and ans.source == address and not is_time_exceeded(ans.icmp_version, ans.icmp_type)


def ends_path(ans, address: str) -> bool:
    """An answer after which higher TTLs are pointless: arrival, or a router's unreachable."""
    if arrived(ans, address):
        return True
    return (isinstance(ans, ProbeAnswered) and ans.kind == "icmp" and not is_time_exceeded(ans.icmp_version, ans.icmp_type)
            and not is_too_big(ans.icmp_version, ans.icmp_type, ans.icmp_code))


class Waits:
    """How long to wait for each pending probe, from the answers so far (rtt per TTL)."""

    def __init__(self, engine: Engine, timeout: float, ctx):
        self.engine, self.timeout, self.ctx = engine, timeout, ctx
        self.rtts: dict[int, list[float]] = {}

    def note(self, ttl: int, rtt: float) -> None:
        self.rtts.setdefault(ttl, []).append(rtt)

    def __call__(self, p) -> tuple[float, str]:
        wait, rule = self.timeout, "timeout"
        later = [r for ttl, rs in self.rtts.items() if ttl > p.ttl for r in rs]
        if later:
            near = max(FLOOR_S, NEAR * max(later))
            if near < wait:
                wait, rule = near, "near"
        here = self.rtts.get(p.ttl)
        if here:
            h = max(FLOOR_S, HERE * max(here))
            if h < wait:
                wait, rule = h, "here"
        left = self.ctx.remaining() + (self.engine.clock() - p.sent)
        return min(wait, max(0.0, left)), rule


def run_trace(engine: Engine, ctx, params: dict, clock) -> None:
    """TTL by TTL until the destination; every probe and answer is recorded by the engine."""
    queries, max_hops = int(params["queries"]), int(params["max_hops"])
    udp_port = int(params.get("port") or 33434)
    waits = Waits(engine, ctx.op_timeout(), ctx)
    by_ttl: dict[int, list[int]] = {}
    end_ttl: int | None = None  # the lowest TTL whose answer ends the path
    next_ttl, stop = 1, False
    while True:
        if ctx.expired():
            engine.rec.add(RunCut(clock(), "trace"))
            break
        flying = {p.ttl for p in engine.pending.values()}
        while not stop and next_ttl <= max_hops and (end_ttl is None or next_ttl < end_ttl) and len(flying) < WINDOW:
            by_ttl[next_ttl] = []
            for _ in range(queries):
                port = udp_port + engine.next_probe - 1 if engine.protocol == "udp" else params.get("port")
                n = engine.send("trace", next_ttl, port=port)
                by_ttl[next_ttl].append(n)
                if isinstance(engine.outcomes.get(n), ProbeFailed):
                    stop = True  # it cannot leave this machine: no point trying more
                    break
            flying.add(next_ttl)
            next_ttl += 1
        if not engine.pending:
            break
        for n in engine.poll(min(0.05, engine.next_expiry(waits))):
            ans = engine.outcomes[n]
            ttl = engine.ttl_of[n]
            waits.note(ttl, ans.t - engine.sent_at[n])
            if ends_path(ans, engine.address):
                end_ttl = ttl if end_ttl is None else min(end_ttl, ttl)
        engine.expire(waits)
        if _silent_tail(engine, by_ttl):
            stop = True
    engine.close()


def _silent_tail(engine: Engine, by_ttl: dict[int, list[int]]) -> bool:
    """SILENT_TAIL finished TTLs in a row, all silent, past the last TTL anybody answered from."""
    answered = [t for t, ns in by_ttl.items() if any(isinstance(engine.outcomes.get(n), ProbeAnswered) for n in ns)]
    last = max(answered, default=0)
    run = 0
    for ttl in sorted(t for t in by_ttl if t > last):
        ns = by_ttl[ttl]
        if ns and all(isinstance(engine.outcomes.get(n), ProbeSilent) for n in ns):
            run += 1
        else:
            break
    return run >= SILENT_TAIL
