"""`--chart FILE`: the waterfalls (or, with one request a run, each protocol's phases) as a chart,
SVG or PNG, drawn with matplotlib the way the HTML page draws a row chart (netlab.report.charts).

``chart_block`` is pure: the Result -> a Document Chart, a row a request (a protocol), each split
into connection set-up, waiting for the first byte and receiving.  ``write_chart`` draws it.
"""

from __future__ import annotations

from functools import partial

from netlab.probes.chartfile import write_chart_block
from netlab.probes.http_compare.messages import M, mode_label
from netlab.probes.http_compare.model import HttpCompareResult
from netlab.report import document


def _bars(result: HttpCompareResult, lang: str) -> list[tuple[str, float, float | None, float | None, float | None]]:
    """[(row, start, first byte, end, connection set-up)] in ms since the run (the connection) began."""
    rows = []
    if result.waterfalls:
        for w in result.waterfalls:
            label = mode_label(w.mode, result.connections_h1, lang)
            for b in w.bars:
                conn = f" c{b.conn}" if w.connections > 1 and b.conn >= 0 else ""
                rows.append((f"{label} {b.index} {b.path}{conn}", b.start_ms, b.first_byte_ms, b.end_ms,
                             b.connect_ms))
        return rows
    for p in result.phases:
        if p.first_byte.median is None:
            continue
        setup = None
        if p.mode.startswith("h3"):
            setup = p.quic_handshake.median
        elif p.tcp_connect.median is not None:
            setup = p.tcp_connect.median + (p.tls_handshake.median or 0.0)
        rows.append((mode_label(p.mode, result.connections_h1, lang), 0.0, p.first_byte.median,
                     p.last_byte.median, setup))
    return rows


def chart_block(result: HttpCompareResult, lang: str = "en") -> document.Chart:
    """The chart as a Document block (pure)."""
    t = partial(M.text, lang=lang)
    setup, wait, recv = t("chart.setup"), t("chart.wait"), t("chart.recv")
    spans = []
    for row, start, first, end, connect in _bars(result, lang):
        first = first if first is not None else end
        if start is None or first is None:
            continue
        ready = start + (connect or 0.0)
        if connect:
            spans.append(document.ChartSpan(row=row, start=start, end=ready, part=setup))
        spans.append(document.ChartSpan(row=row, start=ready, end=max(first, ready), part=wait))
        if end is not None:
            spans.append(document.ChartSpan(row=row, start=first, end=max(end, first), part=recv))
    title = t("chart.title.wf" if result.waterfalls else "chart.title.phases", url=result.url, n=result.repeat)
    return document.Chart(x_label=t("chart.x"), x_unit="ms", spans=spans, title=title)


def write_chart(result: HttpCompareResult, path: str, lang: str = "en") -> None:
    write_chart_block(chart_block(result, lang), path)
