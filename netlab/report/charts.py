"""A Document's Chart block drawn with matplotlib, as SVG to inline in an HTML page (or PNG bytes).

matplotlib is imported inside :func:`chart_svg` only (it costs ~0.3 s and more on a cold font
cache), so importing this module, the HTML renderer or the CLI stays cheap.  The output is
deterministic: a fixed ``svg.hashsalt``, no date in the metadata (the metadata element is dropped
altogether), ids prefixed per chart so that several charts in one page never share an id.  Text
stays text (``svg.fonttype = 'none'``): labels can be searched, copied, and found by pdftotext in a
printed page; the page's CSS chooses the font, so Korean labels use the reader's Korean font.

Every string in the Chart has been through the sanitiser; matplotlib escapes text when it writes
SVG, and :func:`_mathtext_safe` keeps a '$' in a label from being read as TeX.
"""

from __future__ import annotations

import contextlib
import math
import re

from netlab.report.document import Chart, finite_points

# colours: the ones http-compare's waterfall used (set-up, waiting, receiving), then a few more
PALETTE = ("#f6ad55", "#b9c6d6", "#2b6cb0", "#38a169", "#805ad5", "#d53f8c", "#718096", "#dd6b20")
LINE_PALETTE = ("#2b6cb0", "#38a169", "#805ad5", "#dd6b20", "#d53f8c", "#718096")
STATUS_COLOURS = {"warning": "#b7791f", "error": "#c53030", "muted": "#a0aec0"}
INK = "#2d3748"
GRID = "#e2e8f0"

WIDTH_IN = 9.0  # inches at 96 px: the page's column (60 rem); the SVG scales down with CSS when narrower
MAX_ROWS = 60  # a row chart with more rows shows the first ones (the values table has all)


def axis_label(label: str, unit: str) -> str:
    return f"{label} ({unit})" if label and unit else (label or unit)


def _mathtext_safe(text: str) -> str:
    """matplotlib reads '$...$' as TeX; a label is plain text."""
    return str(text).replace("$", r"\$")


def _short(text: str, n: int = 38) -> str:
    text = str(text)
    return text if len(text) <= n else text[: n - 1] + "…"


def finite_spans(chart: Chart) -> list:
    out = []
    for s in chart.spans:
        try:
            a, b = float(s.start), float(s.end)
        except (TypeError, ValueError):
            continue
        if math.isfinite(a) and math.isfinite(b):
            out.append(s)
    return out


def has_values(chart: Chart) -> bool:
    return bool(finite_spans(chart)) or any(finite_points(s.points) for s in chart.series)


def _figure(chart: Chart):
    """The matplotlib Figure for a chart (matplotlib imported here, Agg canvas, no pyplot)."""
    import matplotlib

    matplotlib.use("Agg")  # no display, no GUI toolkit; SVG and PNG are written by their own backends
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    spans = finite_spans(chart)
    rows = chart.rows() if spans else []
    rows = [r for r in rows if any(s.row == r for s in spans)][:MAX_ROWS]
    if spans:
        height = 0.9 + 0.26 * max(1, len(rows)) + (0.3 if any(chart.parts()) else 0)
    else:
        height = 3.2
    fig = Figure(figsize=(WIDTH_IN, height))
    FigureCanvasAgg(fig)  # text is measured by Agg for the layout (no pyplot, no global figure list)
    ax = fig.add_subplot(1, 1, 1)
    ax.set_axisbelow(True)
    ax.grid(True, axis="x" if spans else "both", color=GRID, linewidth=0.8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color("#a0aec0")
    ax.tick_params(colors=INK, labelsize=8.5)

    if spans:
        parts = [p for p in chart.parts()]
        colour = {p: PALETTE[i % len(PALETTE)] for i, p in enumerate(parts)}
        index = {r: i for i, r in enumerate(rows)}
        drawn: set[str] = set()
        for k, s in enumerate(spans):
            if s.row not in index:
                continue
            start, end = float(s.start), float(s.end)
            lo, hi = min(start, end), max(start, end)
            label = _mathtext_safe(s.part) if s.part and s.part not in drawn else None
            if s.part:
                drawn.add(s.part)
            bars = ax.barh(index[s.row], max(hi - lo, 0.0), left=lo, height=0.62, color=colour[s.part],
                           label=label, linewidth=0)
            for patch in bars.patches:
                patch.set_gid(f"span-{k}")
        ax.set_yticks(range(len(rows)), [_mathtext_safe(_short(r)) for r in rows])
        ax.set_ylim(len(rows) - 0.5, -0.5)  # the first row on top
        ax.tick_params(axis="y", length=0)
        ax.set_xlim(left=min(0.0, min(min(float(s.start), float(s.end)) for s in spans)))
        if any(parts):
            ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=min(4, len(parts)), frameon=False,
                      fontsize=8.5, borderaxespad=0.3, handlelength=1.2)
    else:
        for i, series in enumerate(chart.series):
            pts = finite_points(series.points)
            if not pts:
                continue
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            c = STATUS_COLOURS.get(series.status, LINE_PALETTE[i % len(LINE_PALETTE)])
            label = _mathtext_safe(series.label) if series.label else None
            if series.style == "points":
                marker = "x" if series.status == "error" else "o"
                ax.plot(xs, ys, linestyle="none", marker=marker, markersize=3.5 if marker == "o" else 5,
                        color=c, label=label, gid=f"series-{i}")
            elif series.style == "step":
                ax.step(xs, ys, where="post", color=c, linewidth=1.6, label=label, gid=f"series-{i}")
            else:
                ax.plot(xs, ys, color=c, linewidth=1.6, label=label, gid=f"series-{i}",
                        marker="o" if len(pts) <= 30 else None, markersize=3)
        if sum(1 for s in chart.series if s.label and finite_points(s.points)) > 0:
            ax.legend(loc="best", frameon=False, fontsize=8.5)
        ax.set_ylabel(_mathtext_safe(axis_label(chart.y_label, chart.y_unit)), color=INK, fontsize=9.5)
    ax.set_xlabel(_mathtext_safe(axis_label(chart.x_label, chart.x_unit)), color=INK, fontsize=9.5)
    fig.tight_layout(pad=0.6)
    return fig


RC = {
    "svg.fonttype": "none",  # text stays text
    "svg.hashsalt": "netlab",  # deterministic ids
    # a list of families, not the generic "sans-serif": only then does matplotlib fall back glyph by
    # glyph, so Hangul in a PNG is drawn with the CJK font rather than as empty boxes
    "font.family": ["DejaVu Sans", "Noto Sans CJK KR", "Noto Sans KR", "NanumGothic"],
    "axes.unicode_minus": False,
    "path.simplify": True,
}


@contextlib.contextmanager
def drawing():
    """matplotlib set up as netlab draws every chart (RC; no font warnings on the terminal)."""
    import logging
    import warnings

    import matplotlib

    matplotlib.use("Agg")
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    with matplotlib.rc_context(RC), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a font this machine lacks: the browser draws SVG text, not matplotlib
        yield


def _render(chart: Chart, fmt: str, **kw):
    import io

    buf = io.BytesIO()
    with drawing():
        fig = _figure(chart)
        fig.savefig(buf, format=fmt, **kw)
    return buf.getvalue()


def chart_png(chart: Chart, dpi: int = 120) -> bytes:
    """The chart as PNG bytes (for a --chart FILE.png)."""
    return _render(chart, "png", dpi=dpi, metadata={"Software": None})


def chart_file(chart: Chart, fmt: str) -> bytes:
    """The chart as a file of its own: a standalone SVG document (``fmt="svg"``) or PNG."""
    if fmt == "png":
        return chart_png(chart)
    return _render(chart, "svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})


def chart_svg(chart: Chart, prefix: str = "c0") -> str:
    """The chart as an ``<svg>`` element to put inside an HTML page (no XML prolog, ids prefixed)."""
    raw = _render(chart, "svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    return inline_svg(raw.decode("utf-8"), prefix, _tooltips(chart))


def _tooltips(chart: Chart) -> dict[str, str]:
    tips = {}
    unit = f" {chart.x_unit}" if chart.x_unit else ""
    for k, s in enumerate(chart.spans):
        text = f"{s.row}: {s.part + ' ' if s.part else ''}{_num(s.start)}–{_num(s.end)}{unit}"
        if s.note:
            text += f" ({s.note})"
        tips[f"span-{k}"] = text
    return tips


def _num(v) -> str:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return str(v)
    return f"{f:.1f}" if abs(f) < 1000 else f"{f:.0f}"


_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.S)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.S)
_STYLE = re.compile(r"<style[^>]*>.*?</style>\s*", re.S)
_XMLNS = re.compile(r'\s+xmlns(?::\w+)?="[^"]*"')
_ID = re.compile(r'\bid="([^"]+)"')
_REF = re.compile(r'(url\(#|href="#)([^")]+)')


def inline_svg(svg: str, prefix: str, tooltips: dict[str, str] | None = None) -> str:
    """matplotlib's SVG file made into an element for an HTML page.

    The XML prolog, the DOCTYPE and the metadata go (the metadata names a licence by URL), the
    global ``*{...}`` style goes (it would style the whole page; the page's CSS has it, scoped),
    namespace declarations go (the HTML parser knows SVG and ``xlink:href``), and every id and
    reference to it gets ``prefix``.
    """
    from html import escape

    svg = _PROLOG.sub("", svg, count=1)
    svg = _METADATA.sub("", svg)
    svg = _STYLE.sub("", svg)
    head, sep, rest = svg.partition(">")
    head = _XMLNS.sub("", head)
    svg = head + sep + rest
    svg = _ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    svg = _REF.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", svg)
    for gid, tip in (tooltips or {}).items():
        svg = svg.replace(f'<g id="{prefix}-{gid}">', f'<g id="{prefix}-{gid}"><title>{escape(tip)}</title>', 1)
    return svg.strip()
