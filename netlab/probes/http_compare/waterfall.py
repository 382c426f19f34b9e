"""The waterfall of one protocol mode with N requests: its median run's bars, and completion times (pure)."""

from __future__ import annotations

from urllib.parse import urlsplit

from netlab.probes.http_compare.messages import mode_label
from netlab.probes.http_compare.model import (
    H3_CONNECT_STARTED,
    H3_HANDSHAKE_COMPLETE,
    Bar,
    ClientRunFinished,
    RequestTraced,
    Waterfall,
)
from netlab.probes.http_compare.phases import first, percentile, request_times, stat_ms
from netlab.units import ms_since


def _bar(r: RequestTraced, t0: float) -> Bar:
    """One request of a run, in ms since the run's first event."""
    ph = request_times(r)
    issued = ph["issued"] if ph["issued"] is not None else (r.trace[0][1] if r.trace else t0)
    c0 = first(r.trace, "connection.connect_tcp.started", H3_CONNECT_STARTED)
    c1 = first(r.trace, "connection.start_tls.complete", H3_HANDSHAKE_COMPLETE)
    return Bar(
        index=r.index, path=urlsplit(r.url).path or "/", conn=r.conn,
        start_ms=ms_since(min(issued, c0 if c0 is not None else issued), t0),
        first_byte_ms=ms_since(ph["abs_first_byte"], t0), end_ms=ms_since(ph["abs_last_byte"], t0),
        status=r.status, error=r.error, connect_ms=ms_since(c1, c0) if c0 is not None else None,
    )


def _run(reqs: list[RequestTraced], batch_t: float | None) -> tuple[list[Bar], float | None, list[float]] | None:
    """One run's bars, its total (ms to the last byte) and its objects' completion times (s after the batch)."""
    t0 = min((t for r in reqs for _, t in r.trace), default=None)
    if t0 is None:
        return None
    bars, completions = [], []
    for r in reqs:
        bars.append(_bar(r, t0))
        lb = request_times(r)["abs_last_byte"]
        if lb is not None and r.index > 0 and batch_t is not None:
            completions.append(lb - batch_t)
    ends = [b.end_ms for b in bars if b.end_ms is not None]
    return bars, (max(ends) if ends else None), completions


def waterfall(mode: str, reqs: list[RequestTraced], runs: list[ClientRunFinished], k: int) -> Waterfall | None:
    mreqs = [r for r in reqs if r.mode == mode]
    run_ids = sorted({r.run for r in mreqs})
    if not run_ids or not any(r.index > 0 for r in mreqs):
        return None
    batch = {r.run: r.batch_t for r in runs if r.mode == mode}
    per_run: dict[int, list[Bar]] = {}
    totals: dict[int, float] = {}
    completions: list[float] = []
    for run in run_ids:
        got = _run(sorted((r for r in mreqs if r.run == run), key=lambda r: r.index), batch.get(run))
        if got is None:
            continue
        per_run[run], total, done = got
        completions += done
        if total is not None:
            totals[run] = total
    if not per_run:
        return None
    # the representative run: the one whose total time is the median
    rep = sorted(totals, key=lambda r: totals[r])[(len(totals) - 1) // 2] if totals else next(iter(per_run))
    return Waterfall(
        mode=mode, label=mode_label(mode, k), run=rep, connections=len({b.conn for b in per_run[rep] if b.conn >= 0}),
        total_ms=totals.get(rep), bars=per_run[rep], completion=stat_ms(completions),
        completion_p90=ms_since(percentile(completions, 90), 0.0),
    )
