"""Head-of-line blocking by construction (--hol): who waited for the one dropped packet (pure).

Each --hol run of a protocol is K streams on one connection, and one packet of the server's answer
dropped by the link emulator.  The evidence:

- DropArmed / DropDisarmed: the rule, and the relay's own record of the packet it dropped (TCP
  seq or UDP, payload length, bytes before it) with its arrival stamp at the relay: plus the
  client link's delay towards the client, that is when it would have reached the client ("lost
  on the wire"; the recorded CLOCK_MONOTONIC offset makes it a probe time; checked against the run).
- Per stream, the bytes as the application got them: httpx's body chunks (HTTP/2), aioquic's
  DataReceived events (HTTP/3), each with the probe's clock.
- HTTP/3: aioquic's packet_received log (QuicPacketsReceived): STREAM frames with offsets.  The
  first frame past a hole opens the stall on the client's side; the first frame that starts below
  the highest offset already received on its stream is the retransmission, and names the stream
  whose bytes were lost.
- HTTP/2: no transport view at the client, so the stall is the connection's longest delivery gap
  after the loss (TCP hands the application nothing after a gap); the client socket's TCP_INFO
  (rcv_ooopack) counts the segments that arrived meanwhile and waited in the kernel.

The stall, as the client saw it, runs from its start to the retransmission's delivery ("fill").
Times are the client's: a busy client (aioquic in Python) handles packets later than they arrive,
and ``lag_ms`` says by how much.  Per stream: "done before the loss" when its last byte came
before the stall began; else ``wait_ms`` = its next bytes - the stall start, and it "waited for
the retransmission" when it got nothing until the retransmission was delivered.  Over TCP every
stream with bytes still to come waits; over QUIC only the stream whose bytes were lost.

Nothing here reads a clock or a file: the same Recording gives the same figures.
"""

from __future__ import annotations

import statistics

from netlab.model import Recording
from netlab.probes.http_compare.messages import mode_label
from netlab.probes.http_compare.model import (
    ClientRunFinished,
    DropArmed,
    DropDisarmed,
    HolObjectChosen,
    HolResult,
    HolRun,
    HolStream,
    QuicPacketsReceived,
    RequestTraced,
)
from netlab.probes.http_compare.phases import stat, stat_ms
from netlab.units import ms_since

TOL_S = 0.002  # arrivals this close to the loss count as "at the loss" (the application's own lag)
LOSS_COUNTERS = ("lost", "dropped_rule", "dropped_queue", "dropped_tail")


def _ms(t: float | None, t0: float) -> float | None:
    return ms_since(t, t0) if t is not None else None


def arrivals(r: RequestTraced) -> list[tuple[float, int]]:
    return sorted((float(t), int(n)) for t, n in r.data if n)


def loss_from_relay(disarmed: DropDisarmed | None, armed: DropArmed | None) -> float | None:
    """The probe time at which the dropped packet would have reached the client, from the relay."""
    if disarmed is None or not disarmed.fired or disarmed.mono_offset_s is None:
        return None
    f = disarmed.fired[0]
    try:
        t = float(f["t"]) - float(disarmed.mono_offset_s)
    except (KeyError, TypeError, ValueError):
        return None
    eff = ((armed.effective if armed else {}) or {}).get(f.get("link")) or {}
    delay = (eff.get(f.get("direction") or "down") or {}).get("delay_ms") or 0.0
    try:
        return t + float(delay) / 1000.0
    except (TypeError, ValueError):
        return t


def qlog_fill(packets: list[list], since: float) -> dict | None:
    """The first STREAM frame after ``since`` that starts below the highest offset already received on
    its stream: a retransmission filling a hole.  {"t", "stream_id", "offset", "length", "packet_number",
    "hole_t" (when the first frame past the hole came), "packets_between"}."""
    high: dict[int, int] = {}  # stream -> highest end received
    contiguous: dict[int, int] = {}  # stream -> end of the in-order prefix
    hole_t: dict[int, float] = {}
    packets = [p for p in packets if isinstance(p, list | tuple) and len(p) == 3 and isinstance(p[0], int | float)
               and isinstance(p[2], list)]
    for t, pn, frames in packets:
        for fr in frames:
            if not (isinstance(fr, list | tuple) and len(fr) == 3 and all(isinstance(x, int) for x in fr)):
                continue
            sid, off, length = fr
            end = off + length
            c = contiguous.get(sid, 0)
            if off > c and sid not in hole_t:
                hole_t[sid] = t
            if off < high.get(sid, 0) and off >= c and t >= since and sid in hole_t:
                between = sum(1 for tt, _, _ in packets if hole_t[sid] <= tt < t)
                return {"t": t, "stream_id": sid, "offset": off, "length": length, "packet_number": pn,
                        "hole_t": hole_t[sid], "packets_between": between}
            high[sid] = max(high.get(sid, 0), end)
            if off <= c:
                contiguous[sid] = max(c, end)
    return None


MAX_LAG_S = 0.25  # without an RTT: the client may deliver what came before the loss this much after it


def _gap_at(times: list[float], moment: float) -> tuple[float, float] | None:
    """The pause between consecutive deliveries that contains ``moment`` (None when something came then)."""
    for a, b in zip(times, times[1:], strict=False):
        if a <= moment < b:
            return a, b
    return None


def _longest_after(times: list[float], loss: float | None) -> tuple[float, float] | None:
    gaps = [(a, b) for a, b in zip(times, times[1:], strict=False)
            if loss is None or (b > loss + TOL_S and a < loss + MAX_LAG_S)]
    return max(gaps, key=lambda g: (g[1] - g[0], -g[0])) if gaps else None


def window(mode: str, arrs: list[list[tuple[float, int]]], loss: float | None, hint: dict | None,
           rtt_s: float | None) -> tuple[float | None, float | None, str | None]:
    """(start, end, how) of the stall as the client saw it.

    HTTP/3 with aioquic's log: from the first packet past the hole to the frame that filled it.
    Otherwise a pause in the deliveries that contains the moment half a round trip after the loss:
    by then everything sent before the lost packet has been delivered, and no retransmission can have
    come (it takes at least a round trip: the receiver's acknowledgements to the server, the
    retransmission back).  HTTP/2 (TCP: one ordered byte stream) looks at the connection's
    deliveries, HTTP/3 at each stream's and takes the longest.  Without an RTT: the longest pause
    after the loss.  A pause that began before the loss starts at the loss."""
    if hint is not None:
        return hint["hole_t"], hint["t"], "qlog"
    series = [sorted(t for arr in arrs for t, _ in arr)] if mode == "h2" else [[t for t, _ in arr] for arr in arrs]
    found = []
    for times in series:
        if loss is not None and rtt_s:
            g = _gap_at(times, loss + rtt_s / 2)
        else:
            g = _longest_after(times, loss)
        if g is not None:
            found.append(g)
    if not found:
        return None, None, None
    a, b = max(found, key=lambda g: (g[1] - g[0], -g[0]))
    return (a if loss is None else max(a, loss)), b, ("connection" if mode == "h2" else "stream")


def stall(mode: str, streams: list[RequestTraced], batch_t: float, loss: float | None, hint: dict | None = None,
          rtt_s: float | None = None) -> tuple[list[HolStream], float | None, float | None, str | None, dict]:
    """Per-stream waits around one loss (probe seconds): (streams, stall start, fill, how, evidence).

    A stream with bytes still to come when the stall began "waited for the retransmission" when
    it got nothing until the retransmission was delivered; wait = its next bytes - the stall start."""
    rows = [(r, arrivals(r)) for r in sorted(streams, key=lambda x: x.index)]
    start, fill, how = window(mode, [arr for _, arr in rows], loss, hint, rtt_s)
    out: list[HolStream] = []
    hit_sid = hint["stream_id"] if hint else None
    for r, arr in rows:
        first = arr[0][0] if arr else None
        last = arr[-1][0] if arr else None
        s = HolStream(index=r.index, stream_id=r.stream_id, bytes=r.body_bytes, first_byte_ms=_ms(first, batch_t),
                      last_byte_ms=_ms(last, batch_t), error=r.error)
        out.append(s)
        if start is None or fill is None:
            continue
        s.done_before_loss = last is not None and last <= start + TOL_S and r.error_kind is None
        if s.done_before_loss:
            continue
        after = [t for t, _ in arr if t > start + TOL_S]
        resume = after[0] if after else None
        s.resume_ms = _ms(resume, batch_t)
        s.wait_ms = ms_since(resume, start) if resume is not None else None
        s.bytes_during_stall = sum(n for t, n in arr if start + TOL_S < t < fill - TOL_S)
        s.waited = s.bytes_during_stall == 0 and (resume is None or resume >= fill - TOL_S)
        s.finished_during_stall = last is not None and start + TOL_S < last < fill - TOL_S
        if hit_sid is not None:
            s.hit = r.stream_id == hit_sid
    evidence: dict = {}
    if hint is not None:
        evidence["qlog"] = {"stream_id": hit_sid, "offset": hint["offset"], "length": hint["length"],
                            "packet_number": hint["packet_number"], "t_ms": _ms(hint["t"], batch_t),
                            "hole_ms": _ms(hint["hole_t"], batch_t), "packets_between": hint["packets_between"]}
    return out, start, fill, how, evidence


def _other_drops(armed: DropArmed | None, disarmed: DropDisarmed | None, fired: int) -> int:
    """Packets the client's links lost otherwise while the K streams ran (counters' difference)."""
    if armed is None or disarmed is None:
        return 0
    total = 0
    for link, dirs in (disarmed.counters or {}).items():
        before = (armed.counters or {}).get(link) or {}
        for d in ("up", "down"):
            now, was = dirs.get(d) or {}, before.get(d) or {}
            for k in LOSS_COUNTERS:
                try:
                    total += max(0, int(now.get(k, 0)) - int(was.get(k, 0)))
                except (TypeError, ValueError):
                    continue
    return total


def hol_run(mode: str, run: int, rec: Recording, streams: list[RequestTraced], armed: DropArmed | None,
            disarmed: DropDisarmed | None, batch_t: float | None, k: int, rtt_s: float | None = None) -> HolRun:
    hr = HolRun(mode=mode, label=mode_label(mode, k), run=run)
    if armed is not None and armed.error:
        hr.error = armed.error
    if disarmed is not None and disarmed.error and not hr.error:
        hr.error = disarmed.error
    batch = batch_t if batch_t is not None else (armed.t if armed else 0.0)
    hr.fired = bool(disarmed and disarmed.fired)
    if hr.fired:
        f = disarmed.fired[0]
        hr.drop = {key: f.get(key) for key in ("protocol", "seq", "payload_len", "packet_number",
                                               "payload_bytes_before", "after_bytes", "sport", "dport", "link")}
        hr.drop["count"] = len(disarmed.fired)
    ends = [t for r in streams for t, _ in arrivals(r)[-1:]]
    hr.total_ms = ms_since(max(ends), batch) if ends and len(ends) == len(streams) else None
    hr.other_drops = _other_drops(armed, disarmed, len(disarmed.fired) if disarmed else 0)
    if not hr.fired or not streams:
        hr.streams = [HolStream(index=r.index, stream_id=r.stream_id, bytes=r.body_bytes,
                                first_byte_ms=_ms((arrivals(r)[:1] or [(None, 0)])[0][0], batch),
                                last_byte_ms=_ms((arrivals(r)[-1:] or [(None, 0)])[0][0], batch), error=r.error)
                      for r in sorted(streams, key=lambda x: x.index)]
        return hr
    last_t = max(ends) if ends else None
    loss = loss_from_relay(disarmed, armed)
    if loss is not None and (loss < batch - 0.05 or (last_t is not None and loss > last_t + 1.0)):
        loss = None  # not on the run's clock: read the stall from the arrivals alone
    hr.loss_ms = ms_since(loss, batch) if loss is not None else None
    pk = next((e for e in rec.of_type(QuicPacketsReceived) if e.run == run and e.mode == mode), None)
    hint = qlog_fill(pk.packets, (loss if loss is not None else batch) - 0.05) if pk is not None else None
    hr.streams, start, fill, hr.fill_how, hr.evidence = stall(mode, streams, batch, loss, hint, rtt_s)
    if start is not None and fill is not None and fill > start:
        hr.stall_ms, hr.fill_ms, hr.retransmit_ms = ms_since(start, batch), ms_since(fill, batch), ms_since(fill, start)
        if loss is not None:
            hr.lag_ms = ms_since(start, loss)
    fin = next((e for e in rec.of_type(ClientRunFinished) if e.run == run and e.mode == mode), None)
    if fin is not None and fin.tcp_info and "rcv_ooopack" in fin.tcp_info:
        hr.evidence["tcp_ooo"] = fin.tcp_info["rcv_ooopack"]
    hr.incomplete = sum(1 for s in hr.streams if not s.done_before_loss)
    hr.waited = sum(1 for s in hr.streams if s.waited)
    hr.finished_during_stall = sum(1 for s in hr.streams if s.finished_during_stall)
    return hr


def _summary(runs: list[HolRun]) -> dict:
    out = {}
    for mode in ("h2", "h3"):
        rs = [r for r in runs if r.mode == mode]
        if not rs:
            continue
        ok = [r for r in rs if r.fired and r.retransmit_ms is not None]
        others = [s.wait_ms for r in ok for s in r.streams if not s.waited and s.wait_ms is not None]
        out[mode] = {
            "label": rs[0].label, "runs": len(rs), "fired": sum(1 for r in rs if r.fired),
            "waited": stat([r.waited for r in ok]), "incomplete": stat([r.incomplete for r in ok]),
            "retransmit": stat_ms([r.retransmit_ms / 1000.0 for r in ok]),
            "other_wait": stat_ms([w / 1000.0 for w in others]),
            "total": stat_ms([r.total_ms / 1000.0 for r in rs if r.total_ms is not None]),
            "finished_during_stall": stat([r.finished_during_stall for r in ok]),
        }
    return out


def hol_result(rec: Recording, rtt_ms: float | None = None) -> HolResult | None:
    armed = rec.of_type(DropArmed)
    chosen = rec.of_type(HolObjectChosen)
    if not armed and not chosen:
        return None
    k = int(rec.params.get("hol_streams") or 0)
    res = HolResult(streams=k)
    if chosen:
        res.object, res.object_how, res.object_bytes = chosen[-1].path, chosen[-1].how, chosen[-1].size
    warm = next((r for r in rec.of_type(RequestTraced) if r.role == "warm-up" and r.error_kind is None), None)
    if warm is not None and res.object_bytes is None:
        res.object_bytes = warm.body_bytes
    if armed:
        res.after_bytes = armed[0].rule.get("after_bytes")
    disarmed = {(d.run, d.mode): d for d in rec.of_type(DropDisarmed)}
    batch = {(f.run, f.mode): f.batch_t for f in rec.of_type(ClientRunFinished)}
    reqs = [r for r in rec.of_type(RequestTraced) if r.role == "hol"]
    for a in armed:
        streams = [r for r in reqs if r.run == a.run and r.mode == a.mode]
        res.runs.append(hol_run(a.mode, a.run, rec, streams, a, disarmed.get((a.run, a.mode)),
                                batch.get((a.run, a.mode)), k, rtt_ms / 1000.0 if rtt_ms else None))
    res.summary = _summary(res.runs)
    both = [r.run for r in res.runs if r.fired and r.retransmit_ms is not None]
    by_run = sorted({r for r in both if both.count(r) >= len({x.mode for x in res.runs})})
    res.representative = by_run[0] if by_run else (res.runs[0].run if res.runs else None)
    return res


def median_or_none(values: list[float]) -> float | None:
    vals = [v for v in values if v is not None]
    return statistics.median(vals) if vals else None
