"""Recording -> TcpFlowResult (pure): each transfer's numbers, phases and events, then the rules.

The sender's TCP_INFO series (samples.Series) gives the phases (phases.py); the capture
(segments.py) gives the segments behind them (which one was retransmitted, after how many
duplicate ACKs; the zero window, the probes, the window update); the link emulator's report
gives the segments it dropped on purpose.  flow.py puts them together per transfer.
"""

from __future__ import annotations

from netlab.model import DeadlineReached, Recording
from netlab.probes.tcp_flow.findings import RULES
from netlab.probes.tcp_flow.flow import run_result
from netlab.probes.tcp_flow.model import (
    LinkConfigured,
    RunFinished,
    ServerAnswered,
    TargetResolved,
    TcpFlowResult,
)


def _link(rec: Recording) -> dict:
    """The bottleneck as the first transfer had it: the link, the data direction, what is in force."""
    lc = next(iter(rec.of_type(LinkConfigured)), None)
    if lc is None:
        return {}
    out = {"link": lc.link, "data_direction": lc.data_direction, "error": lc.error, "requested": lc.requested,
           "scenario": lc.scenario}
    pair = next(iter(sorted(lc.effective)), None) if isinstance(lc.effective, dict) else None
    if pair is not None and isinstance(lc.effective.get(pair), dict):
        eff = lc.effective[pair]
        data = eff.get(lc.data_direction) or {}
        back = eff.get("down" if lc.data_direction == "up" else "up") or {}
        out.update({"pair": pair, "data": data if isinstance(data, dict) else {},
                    "ack": back if isinstance(back, dict) else {}})
    return out


def _server(rec: Recording) -> dict:
    ans = next((e for e in rec.of_type(ServerAnswered) if e.reply), None)
    if ans is None:
        return {}
    r = ans.reply
    return {"kernel": r.get("kernel"), "cc_default": r.get("cc_default"), "role": r.get("role"),
            "same_kernel": bool(r.get("boot_id")) and r.get("boot_id") == rec.environment.get("boot_id")}


def _comparison(runs: list) -> list[dict]:
    """Per algorithm, over its repeats: the medians of what the runs measured."""
    import statistics

    by: dict[str, list] = {}
    for r in runs:
        by.setdefault(r.sender_cc or r.cc or "?", []).append(r)
    out = []
    for cc, rs in by.items():
        ok = [r for r in rs if r.outcome == "ok" and r.goodput_mbit is not None]

        def med(vals):
            vals = [v for v in vals if v is not None]
            return round(statistics.median(vals), 2) if vals else None

        out.append({"cc": cc, "runs": len(rs), "ok": len(ok), "goodput_mbit": med(r.goodput_mbit for r in ok),
                    "retransmits": med(r.retransmits for r in ok), "queueing_delay_ms": med(r.queueing_delay_ms for r in ok),
                    "rtt_max_ms": med(r.rtt_max_ms for r in ok), "first_loss_ms": med(r.first_loss_ms for r in ok),
                    "rto": med(r.rto_count for r in ok)})
    return out


def analyze(rec: Recording) -> TcpFlowResult:
    p = rec.params
    res = TcpFlowResult(host=str(p.get("host", "")), port=int(p.get("port") or 0),
                        direction=str(p.get("direction") or "download"), sandbox=rec.environment.get("sandbox"))
    target = next(iter(rec.of_type(TargetResolved)), None)
    res.address = target.address if target else None
    res.link = _link(rec)
    res.server = _server(rec)
    runs = sorted({e.run for e in rec.of_type(RunFinished)} | {e.run for e in rec.of_type(ServerAnswered)})
    res.runs = [run_result(rec, i) for i in runs]
    res.comparison = _comparison(res.runs) if len(res.runs) > 1 else []
    res.cut = [f"{e.skipped}" for e in rec.of_type(DeadlineReached)]
    res.chart = rec.artifacts.get("chart")
    res.pcap = rec.artifacts.get("pcap")
    res.unreachable = (target is not None and target.address is None) or (
        bool(res.runs) and all(r.outcome in ("no-server",) and r.error_kind in ("refused", "unreachable", "timeout")
                               for r in res.runs))
    res.findings = RULES.run(res, rec)
    return res
