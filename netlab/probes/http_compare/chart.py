"""`--chart FILE`: the waterfalls (or, for one request, the phases) as a chart file.

SVG is written by hand (no dependency).  PNG needs a plotting library (matplotlib); when none is
installed, asking for .png is a usage error with a clear message.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from netlab.errors import UsageError
from netlab.probes.http_compare.model import HttpCompareResult
from netlab.probes.http_compare.params import check_chart_path

WAIT = "#b9c6d6"
RECV = "#2b6cb0"
CONNECT = "#f6ad55"
ROW_H = 14
LEFT = 190
WIDTH = 900


def _rows(result: HttpCompareResult) -> list[tuple[str, list[tuple[str, float, float | None, float | None, float | None]]]]:
    """[(panel title, [(label, start, first byte, end, connect_ms)])] in ms."""
    panels = []
    if result.waterfalls:
        for w in result.waterfalls:
            rows = [(f"{b.index} {b.path}" + (f" c{b.conn}" if w.connections > 1 else ""), b.start_ms,
                     b.first_byte_ms, b.end_ms, b.connect_ms) for b in w.bars]
            panels.append((f"{w.label}: {len(w.bars)} requests, {w.connections} connection(s)", rows))
    else:
        rows = []
        for p in result.phases:
            if p.first_byte.median is None:
                continue
            setup = None
            if p.mode.startswith("h3"):
                setup = p.quic_handshake.median
            elif p.tcp_connect.median is not None:
                setup = p.tcp_connect.median + (p.tls_handshake.median or 0.0)
            rows.append((p.label, 0.0, p.first_byte.median, p.last_byte.median, setup))
        panels.append((f"new connection to last byte (median of {result.repeat} run(s))", rows))
    return panels


def render_svg(result: HttpCompareResult) -> str:
    panels = _rows(result)
    span = max((r[3] or r[2] or 0.0) for _, rows in panels for r in rows) if any(r for _, r in panels) else 1.0
    span = span or 1.0
    plot_w = WIDTH - LEFT - 20
    sx = plot_w / span
    y = 40
    out = []
    for title, rows in panels:
        out.append(f'<text x="10" y="{y}" font-weight="bold">{escape(title)}</text>')
        y += 8
        for label, start, first, end, connect in rows:
            y += ROW_H + 2
            out.append(f'<text x="10" y="{y + 10}" font-size="10">{escape(label[:32])}</text>')
            x0 = LEFT + start * sx
            if connect:
                out.append(f'<rect x="{x0:.1f}" y="{y}" width="{max(connect * sx, 0.5):.1f}" height="{ROW_H}" '
                           f'fill="{CONNECT}"><title>connection set-up {connect:.1f} ms</title></rect>')
            fb = first if first is not None else end
            if fb is not None:
                w = max((fb - start) * sx - (connect * sx if connect else 0), 0)
                out.append(f'<rect x="{x0 + (connect * sx if connect else 0):.1f}" y="{y}" width="{w:.1f}" '
                           f'height="{ROW_H}" fill="{WAIT}"><title>waiting until {fb:.1f} ms</title></rect>')
            if end is not None and fb is not None:
                out.append(f'<rect x="{LEFT + fb * sx:.1f}" y="{y}" width="{max((end - fb) * sx, 1):.1f}" '
                           f'height="{ROW_H}" fill="{RECV}"><title>receiving until {end:.1f} ms</title></rect>')
        y += 30
    # axis
    ticks = []
    step = _nice_step(span)
    v = 0.0
    while v <= span + 1e-9:
        x = LEFT + v * sx
        ticks.append(f'<line x1="{x:.1f}" y1="30" x2="{x:.1f}" y2="{y - 20}" stroke="#ddd"/>'
                     f'<text x="{x:.1f}" y="{y - 5}" font-size="10" text-anchor="middle">{v:g} ms</text>')
        v += step
    legend = (f'<rect x="{LEFT}" y="8" width="12" height="10" fill="{CONNECT}"/><text x="{LEFT + 16}" y="17" '
              f'font-size="11">connection set-up</text>'
              f'<rect x="{LEFT + 140}" y="8" width="12" height="10" fill="{WAIT}"/><text x="{LEFT + 156}" y="17" '
              f'font-size="11">waiting for the first byte</text>'
              f'<rect x="{LEFT + 320}" y="8" width="12" height="10" fill="{RECV}"/><text x="{LEFT + 336}" y="17" '
              f'font-size="11">receiving</text>'
              f'<text x="10" y="17" font-size="11">{escape(result.url)}</text>')
    height = y
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
            f'font-family="sans-serif" font-size="12">\n<rect width="100%" height="100%" fill="white"/>\n'
            + legend + "\n" + "\n".join(ticks) + "\n" + "\n".join(out) + "\n</svg>\n")


def _nice_step(span: float) -> float:
    raw = span / 8
    mag = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 0.1
    for m in (1, 2, 5, 10):
        if raw <= m * mag:
            return m * mag
    return 10 * mag


def write_chart(result: HttpCompareResult, path: str) -> None:
    check_chart_path(path)
    try:
        if path.lower().endswith(".svg"):
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(render_svg(result))
        else:
            _write_png(result, path)
    except OSError as e:
        raise UsageError(f"cannot write the chart to {path}: {e.strerror or e}") from e


def _write_png(result: HttpCompareResult, path: str) -> None:  # pragma: no cover - needs matplotlib
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    panels = _rows(result)
    n = sum(len(r) for _, r in panels) + 2 * len(panels)
    fig, axes = plt.subplots(len(panels), 1, figsize=(10, max(2.0, 0.22 * n)), squeeze=False, sharex=True)
    for ax, (title, rows) in zip(axes[:, 0], panels, strict=False):
        for i, (_label, start, first, end, connect) in enumerate(rows):
            fb = first if first is not None else end
            if connect:
                ax.barh(i, connect, left=start, color=CONNECT)
            if fb is not None:
                ax.barh(i, fb - start - (connect or 0), left=start + (connect or 0), color=WAIT)
            if end is not None and fb is not None:
                ax.barh(i, max(end - fb, 0.5), left=fb, color=RECV)
        ax.set_yticks(range(len(rows)), [r[0][:28] for r in rows], fontsize=6)
        ax.invert_yaxis()
        ax.set_title(title, fontsize=9)
    axes[-1, 0].set_xlabel("ms since the connection started")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
