"""`--chart FILE`: the transfer drawn with matplotlib, as network researchers draw it (I/O: one file).

Top: cwnd, ssthresh, bytes in flight and the peer's receive window (segments) against time since
the first byte, the phases shaded behind (slow start, recovery, RTO, zero window), each loss
marked.  Bottom: tcptrace's time-sequence graph: data segments, the ACK line, the window's edge
(ACK + window: flow control made visible), retransmissions in red.  With several algorithms
(--cc all), one cwnd line per algorithm on the top panel.  matplotlib is imported here only.
"""

from __future__ import annotations

from netlab.errors import UsageError
from netlab.probes.chartfile import check_chart_path, save_figure
from netlab.probes.tcp_flow.messages import M
from netlab.probes.tcp_flow.model import RunResult, TcpFlowResult

SHADE = {"slow-start": "#c6f6d5", "recovery": "#fefcbf", "rto-recovery": "#fed7d7", "zero-window": "#e9d8fd",
         "reader-pause": "#edf2f7"}
COLOURS = {"cwnd": "#2b6cb0", "ssthresh": "#718096", "inflight": "#38a169", "rwnd": "#dd6b20"}
CC_COLOURS = ("#2b6cb0", "#38a169", "#d53f8c", "#dd6b20")


def _xy(points) -> tuple[list, list]:
    pts = [(x, y) for x, y in points if x is not None and y is not None]
    return [p[0] for p in pts], [p[1] for p in pts]


def _top(ax, runs: list[RunResult], lang: str) -> None:
    r = runs[0]
    if len(runs) == 1:
        for p in r.phases:
            c = SHADE.get(p.kind)
            if c and p.start_ms is not None and p.end_ms is not None:
                ax.axvspan(p.start_ms, max(p.end_ms, p.start_ms + 1), color=c, lw=0, zorder=0)
        top = max([y for _, y in r.series.get("cwnd", []) + r.series.get("inflight", []) if y] or [10])
        rx, ry = _xy(r.series.get("rwnd", []))
        ax.step(rx, [min(y, 1.5 * top) for y in ry], where="post", color=COLOURS["rwnd"], lw=1.2,
                label=M.text("series.rwnd", lang))
        for key, style in (("ssthresh", "--"), ("inflight", "-")):
            x, y = _xy(r.series.get(key, []))
            ax.step(x, y, where="post", color=COLOURS[key], lw=1.0, ls=style, label=M.text(f"series.{key}", lang))
    for k, run in enumerate(runs):
        x, y = _xy(run.series.get("cwnd", []))
        label = M.text("series.cwnd", lang) + (f" ({run.sender_cc or run.cc})" if len(runs) > 1 else "")
        ax.step(x, y, where="post", color=CC_COLOURS[k % len(CC_COLOURS)], lw=1.8, label=label, zorder=3)
        for e in run.events:
            if e.kind in ("fast-retransmit", "rto"):
                ax.axvline(e.t_ms, color="#c53030" if e.kind == "rto" else "#b7791f", lw=0.8, ls=":", zorder=2)
    ax.set_ylabel(M.text("chart.segments", lang))
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper right", fontsize=8, frameon=False)
    ax.grid(True, color="#e2e8f0", lw=0.6)


def _bottom(ax, r: RunResult, lang: str) -> None:
    s = r.seq
    for key, kw in (("window_edge", dict(color="#dd6b20", lw=1.0)), ("acks", dict(color="#38a169", lw=1.2))):
        x, y = _xy(s.get(key, []))
        ax.step(x, y, where="post", label=M.text("series.edge" if key == "window_edge" else "series.acks", lang), **kw)
    x, y = _xy(s.get("data", []))
    ax.plot(x, y, ls="none", marker=".", ms=2, color="#2b6cb0", label=M.text("series.data", lang))
    x, y = _xy(s.get("retrans", []))
    if x:
        ax.plot(x, y, ls="none", marker="x", ms=6, color="#c53030", label=M.text("series.retrans", lang))
    ax.set_ylabel(M.text("chart.seq", lang) + " (KiB)")
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    ax.grid(True, color="#e2e8f0", lw=0.6)


def figure(result: TcpFlowResult, lang: str = "en"):
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    runs = []
    for r in result.runs:
        if r.outcome == "ok" and r.series.get("cwnd") and (r.sender_cc or r.cc) not in [x.sender_cc or x.cc for x in runs]:
            runs.append(r)
    runs = runs or [r for r in result.runs if r.series.get("cwnd")][:1]
    if not runs:
        raise UsageError("--chart: this run has no TCP_INFO samples to draw (see the report for why)")
    seq = runs[0].seq.get("data") and len(runs) == 1
    fig = Figure(figsize=(9, 6.5 if seq else 4))
    axes = fig.subplots(2 if seq else 1, 1, sharex=True, squeeze=False)[:, 0]
    _top(axes[0], runs, lang)
    axes[0].set_title(M.text("title", lang, target=f"{result.host}:{result.port}",
                             direction=M.text(f"dir.{result.direction}", lang)), fontsize=10)
    if seq:
        _bottom(axes[1], runs[0], lang)
    axes[-1].set_xlabel(M.text("chart.time", lang) + " (ms)")
    fig.tight_layout()
    return fig


def write_chart(result: TcpFlowResult, path: str, lang: str = "en") -> None:
    from netlab.report.charts import drawing

    check_chart_path(path)
    with drawing():
        save_figure(figure(result, lang), path)
