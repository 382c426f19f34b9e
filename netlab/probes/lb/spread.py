"""The statistics of a spread and of a pool change (pure: numbers in, numbers out).

- :func:`counts` / :func:`shares`: how many requests each backend answered.
- :func:`chi_square`: how far a spread is from what an algorithm promises (round robin: equal
  shares; weighted round robin: shares in proportion to the weights), with the 5 % critical value.
- :func:`max_inflight`: the most requests one backend held at once, from the requests' intervals.
- :func:`client_map` and :func:`remap`: which backend each client reached before and after the
  pool changed, how many moved, compared with theory: with plain modulo hashing
  (``hash % n``) going from n servers to n-1 moves about (n-1)/n of the clients; with consistent
  hashing only the clients of the server that left move, about 1/n.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

# chi-square 95th percentiles for 1..12 degrees of freedom (a spread "fits" below them)
CHI2_95 = (3.841, 5.991, 7.815, 9.488, 11.070, 12.592, 14.067, 15.507, 16.919, 18.307, 19.675, 21.026)


def counts(backends: Iterable[str | None]) -> dict[str, int]:
    """Requests per backend (None, an answer that named no backend, is left out), by name order."""
    c = Counter(b for b in backends if b)
    return dict(sorted(c.items()))


def shares(c: dict[str, int]) -> dict[str, float]:
    total = sum(c.values())
    return {k: (v / total if total else 0.0) for k, v in c.items()}


def expected_shares(algorithm: str | None, servers: list[str], weights: dict[str, int]) -> dict[str, float] | None:
    """The share each server gets by the algorithm's own rule, or None when it promises none
    (least connections depends on the load, the hashes on the clients)."""
    if not servers:
        return None
    if algorithm == "roundrobin" or algorithm == "sticky":
        return {s: 1.0 / len(servers) for s in servers}
    if algorithm == "weighted":
        total = sum(weights.get(s, 1) for s in servers)
        return {s: weights.get(s, 1) / total for s in servers} if total else None
    return None


def chi_square(c: dict[str, int], expected: dict[str, float]) -> tuple[float, int, float | None]:
    """(statistic, degrees of freedom, 5 % critical value) of observed counts against expected shares."""
    n = sum(c.get(k, 0) for k in expected)
    stat = 0.0
    for k, p in expected.items():
        e = n * p
        if e > 0:
            stat += (c.get(k, 0) - e) ** 2 / e
    df = max(0, len([p for p in expected.values() if p > 0]) - 1)
    crit = CHI2_95[df - 1] if 1 <= df <= len(CHI2_95) else None
    return round(stat, 3), df, crit


def max_minus_min(c: dict[str, int], servers: list[str]) -> int | None:
    """Round robin's promise: every server within one request of the others."""
    if not servers:
        return None
    vals = [c.get(s, 0) for s in servers]
    return max(vals) - min(vals)


def max_inflight(intervals: Iterable[tuple[float, float]]) -> int:
    """The most intervals open at one moment (an end at the same time as a start closes first)."""
    edges = []
    for a, b in intervals:
        edges.append((a, 1))
        edges.append((max(a, b), -1))
    edges.sort(key=lambda e: (e[0], e[1]))
    cur = best = 0
    for _, d in edges:
        cur += d
        best = max(best, cur)
    return best


def client_map(pairs: Iterable[tuple[str, str | None]]) -> dict[str, Counter]:
    """client -> Counter of backends it reached."""
    out: dict[str, Counter] = {}
    for client, backend in pairs:
        if backend:
            out.setdefault(client, Counter())[backend] += 1
    return out


def dominant(m: dict[str, Counter]) -> dict[str, str]:
    """Each client's backend (the one that answered it most; ties: first by name)."""
    return {c: sorted(cnt.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for c, cnt in m.items() if cnt}


def stable_clients(m: dict[str, Counter]) -> tuple[int, int]:
    """(clients that only ever reached one backend, clients)."""
    return sum(1 for cnt in m.values() if len(cnt) == 1), len(m)


def theory(n: int) -> tuple[float, float]:
    """(modulo, consistent): the fraction of clients expected to move when one of n equal servers
    leaves.  Modulo: a client keeps its server only when hash % n and hash % (n-1) pick the same
    one, about 1 in n of them, so about (n-1)/n move.  Consistent: only the leaving server's
    share, about 1/n."""
    if n <= 1:
        return 1.0, 1.0
    return (n - 1) / n, 1 / n


def remap(before: dict[str, str], after: dict[str, str], removed: str | None, n_before: int,
          hash_type: str, restored: dict[str, str] | None = None):
    """Compare each client's backend before and after the pool changed (pure)."""
    from netlab.probes.lb.model import Remap

    common = sorted(set(before) & set(after))
    moves = [(c, before[c], after[c]) for c in common if before[c] != after[c]]
    forced = sum(1 for c in common if removed and before[c] == removed)
    mod, cons = theory(n_before)
    r = Remap(clients=len(common), moved=len(moves), forced=forced, n_before=n_before,
              n_after=max(0, n_before - (1 if removed else 0)), hash_type=hash_type,
              moved_fraction=round(len(moves) / len(common), 4) if common else 0.0,
              theory_modulo=round(mod, 4), theory_consistent=round(cons, 4), moves=moves)
    r.rows = [(c, before.get(c, "-"), after.get(c, "-"), (restored or {}).get(c, "-"))
              for c in sorted(set(before) | set(after))]
    if restored is not None:
        back = sorted(set(before) & set(restored))
        r.returned = sum(1 for c in back if restored[c] == before[c])
        r.returned_of = len(back)
    return r
