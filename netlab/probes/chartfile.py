"""`--chart FILE`, the same for every probe that draws one: the file name checked (pure, light: the
CLI calls it before any packet is sent), where the file goes in this run, and writing it.

The drawing is matplotlib's, made by the output step from the Result (outputs.py), so `netlab report`
can redraw it.  matplotlib is a dependency of netlab; it is still imported only while drawing.
"""

from __future__ import annotations

import importlib.util

from netlab.errors import UsageError

FORMATS = (".svg", ".png")


def check_chart_path(path: str) -> None:
    """UsageError for a file name we cannot draw into (the extension; matplotlib missing)."""
    if not path.lower().endswith(FORMATS):
        raise UsageError(f"--chart {path}: give a file name ending in .svg or .png")
    if importlib.util.find_spec("matplotlib") is None:
        raise UsageError(f"--chart {path}: drawing the chart needs matplotlib, which is not installed",
                         hint="pip install matplotlib (the terminal report has a text plot without it)")


def chart_path(recording, shared) -> str | None:
    """Where to draw the chart in this run, if anywhere: a live run's --chart (recorded in its
    params); under `netlab report` (``shared.replay``) only a file named on that command line, never
    a path read from a Recording."""
    if getattr(shared, "replay", False):
        return getattr(shared, "chart", None) or None
    return recording.params.get("chart") or None


def save_figure(fig, path: str) -> None:
    """Write a matplotlib Figure to ``path`` as SVG or PNG (by its extension), deterministically."""
    try:
        if path.lower().endswith(".svg"):
            fig.savefig(path, format="svg", metadata={"Date": None})
        else:
            fig.savefig(path, format="png", dpi=120, metadata={"Software": None})
    except OSError as e:
        raise UsageError(f"cannot write the chart to {path}: {e.strerror or e}") from e


def write_chart_block(chart, path: str) -> None:
    """Write a Document's Chart block (netlab.report.document.Chart) to ``path``, drawn the way the
    HTML page draws it (netlab.report.charts)."""
    from netlab.report import charts
    from netlab.report.sanitise import sanitise

    check_chart_path(path)
    # row labels can come from the server (the paths a page names): inert, as in every renderer
    data = charts.chart_file(sanitise(chart), "svg" if path.lower().endswith(".svg") else "png")
    try:
        with open(path, "wb") as fh:
            fh.write(data)
    except OSError as e:
        raise UsageError(f"cannot write the chart to {path}: {e.strerror or e}") from e
