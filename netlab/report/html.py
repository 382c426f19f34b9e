"""HTML renderer: a Document as one self-contained page (``--html FILE``) to hand in or to email.

One file and nothing else: the CSS is inline, there are no fonts, images or scripts to fetch (a
Content-Security-Policy in the page forbids every fetch, so a mistake cannot add one), and the
page reads the same with scripts off: the one tiny script only adds an "open all details" button.

- Sequence blocks become SVG ladder diagrams drawn here (participants as columns with lifelines,
  messages as labelled arrows, times on the vertical axis; warnings dashed, errors red with a
  cross), timelines a table with a bar per entry, charts SVG drawn by matplotlib
  (:mod:`netlab.report.charts`, imported only when a page has a chart).
- What ``-v`` adds in the terminal (verbose blocks, finding details, the rest of a concept note)
  is in the page too, inside ``<details>``: closed, or open with ``verbose``.
- Printable: a print stylesheet keeps diagrams whole and in colour; SVG text stays text, so a PDF
  printed from the page has its labels as vector text.

Every string has been through :func:`netlab.report.sanitise.sanitise` and is HTML-escaped
(``html.escape``) where it is written; nothing from a Document is ever inserted unescaped.
This module imports only the standard library and light netlab modules.
"""

from __future__ import annotations

import base64
import hashlib
import math
import re
import unicodedata
from html import escape

from netlab import concepts
from netlab.model import Finding, severity_rank
from netlab.report import document
from netlab.report.labels import labels
from netlab.report.sanitise import sanitise
from netlab.units import fmt_ms

MARKS = {"ok": "✓", "info": "•", "warning": "!", "error": "✗", "muted": "·"}
STATUSES = ("ok", "info", "warning", "error", "muted")


def esc(text) -> str:
    """Text for an element's content or an attribute value (quotes escaped too)."""
    return escape("" if text is None else str(text), quote=True)


# --------------------------------------------------------------------------------------------
# The page
# --------------------------------------------------------------------------------------------

CSS = """
:root{--ink:#1f2933;--muted:#5f6b7a;--line:#d9dee5;--soft:#f4f6f9;--accent:#2b6cb0;
--ok:#2f855a;--info:#2b6cb0;--warning:#b7791f;--error:#c53030;--mono:ui-monospace,"SFMono-Regular",Menlo,Consolas,"DejaVu Sans Mono","Noto Sans Mono CJK KR",monospace}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#fff;color:var(--ink);font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK KR","Noto Sans KR","Apple SD Gothic Neo","Malgun Gothic",sans-serif}
body{padding:0 1.5rem}
main,header.doc,footer{max-width:60rem;margin:0 auto}
header.doc{padding-top:2rem;padding-bottom:.5rem;border-bottom:1px solid var(--line)}
.eyebrow{margin:0;color:var(--muted);font-size:.8rem;letter-spacing:.06em;text-transform:uppercase}
h1{margin:.2rem 0 .5rem;font-size:1.7rem;line-height:1.25}
h2{margin:2rem 0 .6rem;padding-bottom:.25rem;font-size:1.25rem;border-bottom:1px solid var(--line)}
h3{margin:1.4rem 0 .5rem;font-size:1.08rem}
h4,h5,h6{margin:1.1rem 0 .4rem;font-size:1rem}
p{margin:.5rem 0}
.summary{font-size:1.08rem;margin:.3rem 0 .8rem}
code,pre,.mono{font-family:var(--mono);font-size:.88em}
pre{white-space:pre-wrap;word-break:break-all;background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:.6rem .8rem;margin:.4rem 0}
.block-title{font-weight:600;margin:1rem 0 .35rem}
dl.kv{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:.2rem 1.2rem;margin:.4rem 0}
dl.kv dt{font-weight:600;color:var(--muted)}
dl.kv dd{margin:0;overflow-wrap:anywhere}
.table-wrap{overflow-x:auto;margin:.4rem 0}
table{border-collapse:collapse;font-size:.92rem}
caption{caption-side:top;text-align:left;font-weight:600;padding:.2rem 0 .4rem}
th,td{padding:.3rem .7rem .3rem 0;text-align:left;vertical-align:top;border-bottom:1px solid var(--line)}
th{font-weight:600;border-bottom:2px solid var(--line);white-space:nowrap}
td.pre{white-space:pre;font-family:var(--mono);font-size:.85em;line-height:1.25}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.timeline{width:100%}
table.timeline td.t{color:var(--muted);white-space:nowrap;text-align:right;font-variant-numeric:tabular-nums}
table.timeline td.dur{color:var(--muted);white-space:nowrap;text-align:right;font-variant-numeric:tabular-nums}
table.timeline td.bar{width:26%;min-width:8rem;position:relative;padding-right:0}
.tl-bar{position:absolute;top:.55rem;height:.7rem;min-width:2px;border-radius:2px;background:var(--info);opacity:.75}
.tl-bar.ok{background:var(--ok)}.tl-bar.warning{background:var(--warning)}.tl-bar.error{background:var(--error)}.tl-bar.muted{background:#a0aec0}
.tl-detail{display:block;color:var(--muted);font-size:.9em}
.mark{display:inline-block;width:1.1em;font-weight:700}
.st-ok{color:var(--ok)}.st-info{color:var(--info)}.st-warning{color:var(--warning)}.st-error{color:var(--error)}.st-muted{color:#8a94a3}
tr.muted td{color:#8a94a3}
figure{margin:.8rem 0}
figcaption{font-weight:600;margin-bottom:.35rem}
figure svg{max-width:100%;height:auto;display:block}
figure svg.seq+svg.seq{margin-top:.4rem}
svg.seq text{font-family:inherit;fill:var(--ink)}
svg.seq .actor rect{fill:var(--soft);stroke:#a0aec0}
svg.seq .actor text{font-weight:600;font-size:13px}
svg.seq .life{stroke:#a0aec0;stroke-dasharray:4 4}
svg.seq .axis{stroke:#cbd2d9}
svg.seq .tick{font-size:11px;fill:var(--muted)}
svg.seq .brk{stroke:#8a94a3;fill:none}
svg.seq .msg{stroke:var(--ink);stroke-width:1.5;fill:none}
svg.seq .head{fill:var(--ink)}
svg.seq .warning .msg{stroke:var(--warning);stroke-dasharray:6 4}
svg.seq .warning .head,svg.seq .warning text.lbl{fill:var(--warning)}
svg.seq .error .msg,svg.seq .error .cross{stroke:var(--error)}
svg.seq .error .head,svg.seq .error text.lbl{fill:var(--error)}
svg.seq .cross{stroke-width:2.2}
svg.seq text.lbl,svg.seq text.note{paint-order:stroke;stroke:#fff;stroke-width:4px;stroke-linejoin:round}
svg.seq text.lbl{font-size:12.5px}
svg.seq text.note{font-size:11px;fill:var(--muted);font-style:italic}
.chart svg text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK KR","Noto Sans KR",sans-serif !important}
.chart svg *{stroke-linejoin:round;stroke-linecap:butt}
.hexdump .hx{display:flex;gap:1.4em;overflow-x:auto;font-family:var(--mono);font-size:.84em;line-height:1.45;background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:.5rem .8rem}
.hexdump .hx pre{margin:0;padding:0;border:0;background:none;white-space:pre;word-break:normal;font-size:1em;line-height:inherit}
.hexdump .hx-off{color:var(--muted)}
.hexdump .hx-names{color:var(--muted)}
.hx-l0{background:#dbeafe}.hx-l0.hx-alt{background:#bfdbfe}.hx-l1{background:#dcfce7}.hx-l1.hx-alt{background:#bbf7d0}
.hx-l2{background:#fef3c7}.hx-l2.hx-alt{background:#fde68a}.hx-l3{background:#f3e8ff}.hx-l3.hx-alt{background:#e9d5ff}
.hx-l4{background:#e0f2fe}.hx-l4.hx-alt{background:#bae6fd}.hx-l5{background:#ffe4e6}.hx-l5.hx-alt{background:#fecdd3}
.hx-names .hx-f{background:none;border-bottom:3px solid #cbd2d9}.hx-names .hx-l0{border-color:#93c5fd}.hx-names .hx-l1{border-color:#86efac}
.hx-names .hx-l2{border-color:#fcd34d}.hx-names .hx-l3{border-color:#d8b4fe}.hx-names .hx-l4{border-color:#7dd3fc}.hx-names .hx-l5{border-color:#fda4af}
.hx-f{cursor:default;border-radius:2px}
.hx .hx-f:hover{background:#fbbf24;color:#000;outline:1px solid #b7791f}
.hx-legend{margin:.35rem 0 0;font-size:.88rem}
.hx-legend span{display:inline-block;padding:0 .4em;margin-right:.5em;border-radius:3px}
details{margin:.5rem 0;border:1px solid var(--line);border-radius:6px;padding:.3rem .8rem}
details>summary{cursor:pointer;color:var(--muted);font-size:.92rem}
details[open]>summary{margin-bottom:.3rem}
details.more,details.evidence{border:0;padding:0}
details.verbose>summary .why{font-size:.85em;margin-left:.4em;opacity:.8}
ul.findings{list-style:none;padding:0;margin:.4rem 0}
li.finding{border-left:4px solid var(--info);background:var(--soft);padding:.55rem .8rem;margin:.5rem 0;border-radius:0 6px 6px 0}
li.finding.sev-warning{border-left-color:var(--warning)}li.finding.sev-error{border-left-color:var(--error)}
.sev{display:inline-block;font-size:.75rem;font-weight:700;text-transform:uppercase;letter-spacing:.04em;padding:.05rem .45rem;border-radius:4px;color:#fff;background:var(--info);margin-right:.5rem;vertical-align:.1em}
.sev-warning .sev{background:var(--warning)}.sev-error .sev{background:var(--error)}
.finding code.fcode{color:var(--muted);font-size:.8em;margin-left:.4rem}
.finding .refs{display:block;font-size:.88rem;color:var(--muted);margin-top:.15rem}
.finding details{background:#fff}
a{color:var(--accent)}
article.concept{margin:.9rem 0}
article.concept h3{margin:.2rem 0 .3rem}
article.concept h3 code{font-weight:400;color:var(--muted);font-size:.75em;margin-left:.4rem}
.none{color:var(--muted)}
.toolbar{margin:.4rem 0 0}
.toolbar button{font:inherit;font-size:.85rem;padding:.2rem .7rem;border:1px solid var(--line);border-radius:5px;background:#fff;color:var(--ink);cursor:pointer}
footer{color:var(--muted);font-size:.85rem;margin-top:2.5rem;padding-top:.8rem;padding-bottom:2rem;border-top:1px solid var(--line)}
@media (max-width:40rem){dl.kv{grid-template-columns:1fr}dl.kv dd{margin-bottom:.3rem}table.timeline td.bar{display:none}}
@media print{
@page{margin:14mm 12mm}
body{font-size:10pt;line-height:1.45;padding:0}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
main,header.doc,footer{max-width:none;padding:0}
.toolbar{display:none}
h1,h2,h3,h4,figcaption,caption,.block-title{break-after:avoid}
figure.keep,tr,li.finding,article.concept,dl.kv{break-inside:avoid}
.table-wrap{overflow:visible}
a{color:inherit;text-decoration:none}
details{border-color:#ccc}
}
"""

# The page's one script: an "open all details" button (the page reads the same without it).
SCRIPT = (
    "(function(){var b=document.getElementById('toggle-details');if(!b)return;b.hidden=false;"
    "b.addEventListener('click',function(){var o=b.getAttribute('aria-pressed')!=='true';"
    "document.querySelectorAll('details').forEach(function(d){d.open=o});"
    "b.setAttribute('aria-pressed',o?'true':'false');b.textContent=o?b.dataset.close:b.dataset.open;});})();"
)
_SCRIPT_HASH = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
# Nothing may be fetched (default-src 'none'): inline styles, data: images, and our script by hash.
CSP = f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{_SCRIPT_HASH}'"


def render_html(doc: document.Document, verbose: bool = False) -> str:
    """Render ``doc`` as one self-contained HTML page (ends with a newline)."""
    doc = sanitise(doc)  # the one sanitiser first; every string is then HTML-escaped where written
    return _Page(doc, verbose).render()


class _Page:
    def __init__(self, doc: document.Document, verbose: bool):
        self.doc = doc
        self.verbose = verbose
        self.lang = doc.lang if doc.lang in ("en", "ko") else "en"
        self.L = labels(self.lang)
        self.n_svg = 0

    def uid(self, kind: str) -> str:
        self.n_svg += 1
        return f"{kind}{self.n_svg}"

    # -- the whole page -------------------------------------------------------------------

    def render(self) -> str:
        import netlab

        d, L = self.doc, self.L
        title = d.title or d.probe
        head = [
            "<!DOCTYPE html>",
            f'<html lang="{esc(self.lang)}">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta name="generator" content="netlab {esc(netlab.__version__)}">',
            f"<title>{esc(title)} · netlab</title>",
            f"<style>{CSS.strip()}{hexdump_css(d)}</style>",
            "</head>",
            f'<body class="probe-{esc(_slug(d.probe))}">',
            '<header class="doc">',
            f'<p class="eyebrow">{esc(L["html_report"])} · {esc(d.probe)}</p>',
            f"<h1>{esc(title)}</h1>",
        ]
        if d.summary:
            head.append(f'<p class="summary">{_lines(d.summary)}</p>')
        head.append(
            f'<p class="toolbar"><button type="button" id="toggle-details" hidden aria-pressed="false" '
            f'data-open="{esc(L["html_expand"])}" data-close="{esc(L["html_collapse"])}">'
            f'{esc(L["html_expand"])}</button></p>'
        )
        head.append("</header>")
        body = ["<main>"]
        body.extend(self.blocks(d.blocks, depth=0, parent=None))
        body.extend(self.findings())
        body.extend(self.concept_notes())
        body.append("</main>")
        foot = [
            "<footer>",
            f'<p>{esc(L["html_made_by"].format(version=netlab.__version__, probe=d.probe))} '
            f'{esc(L["html_language"])}</p>',
            "</footer>",
            f"<script>{SCRIPT}</script>",
            "</body>",
            "</html>",
        ]
        return "\n".join(head + body + foot) + "\n"

    # -- blocks -----------------------------------------------------------------------------

    def blocks(self, blocks: list, depth: int, parent: str | None) -> list[str]:
        out: list[str] = []
        for block in blocks:
            if getattr(block, "verbose", False):
                out.append(self.verbose_wrap(block, depth, parent))
            else:
                out.extend(self.block(block, depth, parent))
        return out

    def verbose_wrap(self, block, depth: int, parent: str | None) -> str:
        """What -v adds in the terminal, one click away: a <details>, open when ``verbose``."""
        title = getattr(block, "title", None) or self.L["html_details"]
        if isinstance(block, document.Section):  # its title is the summary
            inner = [f'<section class="section depth-{depth}">', *self.blocks(block.blocks, depth + 1, block.title),
                     "</section>"]
        else:
            inner = self.block(block, depth, title)  # the summary says the title: not again inside
        return (f'<details class="verbose {esc(block.kind)}"{" open" if self.verbose else ""}>'
                f'<summary>{esc(title)} <span class="why">({esc(self.L["html_verbose"])})</span></summary>\n'
                + "\n".join(inner) + "\n</details>")

    def block(self, block, depth: int, parent: str | None) -> list[str]:
        if isinstance(block, document.Section):
            level = min(6, depth + 2)
            return [f'<section class="section depth-{depth}">', f"<h{level}>{esc(block.title)}</h{level}>",
                    *self.blocks(block.blocks, depth + 1, block.title), "</section>"]
        title = getattr(block, "title", None)
        if title is not None and title == parent:
            title = None  # a block titled like its section: say it once
        if isinstance(block, document.Text):
            return [_text(block.text)]
        if isinstance(block, document.KeyValues):
            return self.titled(title, self.keyvalues(block))
        if isinstance(block, document.Table):
            return [self.table(block, title)]
        if isinstance(block, document.Timeline):
            return self.titled(title, self.timeline(block))
        if isinstance(block, document.Sequence):
            return [self.figure("sequence", title, self.sequence(block, title))]
        if isinstance(block, document.Chart):
            return [self.chart(block, title)]
        if isinstance(block, document.HexDump):
            return [hexdump_html(block, title, self.L)]
        raise TypeError(f"unknown Document block {type(block).__name__}")

    def titled(self, title: str | None, body: str) -> list[str]:
        return ([f'<p class="block-title">{esc(title)}</p>'] if title else []) + ([body] if body else [])

    def figure(self, kind: str, title: str | None, svg: str, extra: str = "") -> str:
        cap = f"<figcaption>{esc(title)}</figcaption>" if title else ""
        # a figure that fits on a printed page stays on one; a longer one may run over pages
        keep = " keep" if svg.count("<svg") <= 1 and _svg_height_px(svg) <= PRINT_PAGE_PX else ""
        return f'<figure class="{kind}{keep}">{cap}\n{svg}{extra}\n</figure>'

    # -- key/values, tables, text -----------------------------------------------------------

    def keyvalues(self, block: document.KeyValues) -> str:
        if not block.items:
            return ""
        rows = []
        for item in block.items:
            k, v = (list(item) + ["", ""])[:2]
            rows.append(f"<dt>{esc(k)}</dt><dd>{_value(v)}</dd>")
        return '<dl class="kv">' + "".join(rows) + "</dl>"

    def table(self, block: document.Table, title: str | None) -> str:
        n = len(block.columns)
        rows = []
        for row in block.rows:
            cells = ["" if c is None else str(c) for c in row][:n]
            rows.append(cells + [""] * (n - len(cells)))
        numeric = [bool(col) and all(_NUMERIC.match(c) for c in col if c not in ("", "-", "–"))
                   and any(c not in ("", "-", "–") for c in col)
                   for col in (list(x) for x in zip(*rows, strict=True))] if rows else [False] * n
        cls = [' class="num"' if numeric[i] else "" for i in range(n)]
        out = ['<div class="table-wrap"><table>']
        if title:
            out.append(f"<caption>{esc(title)}</caption>")
        out.append("<thead><tr>" + "".join(f'<th scope="col"{cls[i]}>{esc(c)}</th>'
                                            for i, c in enumerate(block.columns)) + "</tr></thead>")
        out.append("<tbody>")
        for cells in rows:
            out.append("<tr>" + "".join(_cell(c, cls[i]) for i, c in enumerate(cells)) + "</tr>")
        out.append("</tbody></table></div>")
        return "\n".join(out)

    # -- timelines --------------------------------------------------------------------------

    def timeline(self, block: document.Timeline) -> str:
        if not block.entries:
            return ""
        L = self.L
        has_time = any(_finite(e.t_ms) for e in block.entries)
        has_dur = any(_finite(e.duration_ms) for e in block.entries)
        ends = [e.t_ms + (e.duration_ms if _finite(e.duration_ms) else 0.0) for e in block.entries if _finite(e.t_ms)]
        t0 = min((e.t_ms for e in block.entries if _finite(e.t_ms)), default=0.0)
        span = (max(ends) - t0) if ends else 0.0
        out = ['<table class="timeline"><thead><tr>']
        if has_time:
            out.append(f'<th class="num">{esc(L["time"])}</th>')
        out.append(f'<th>{esc(L["what"])}</th>')
        if has_dur:
            out.append(f'<th class="num">{esc(L["took"])}</th>')
        if has_time and span > 0:
            out.append('<th aria-hidden="true"></th>')
        out.append("</tr></thead><tbody>")
        for e in block.entries:
            st = e.status if e.status in STATUSES else "ok"
            row = [f'<tr class="{st}">']
            if has_time:
                row.append(f'<td class="t">{esc(fmt_ms(e.t_ms)) if _finite(e.t_ms) else ""}</td>')
            pad = max(0, int(e.depth or 0))
            style = f' style="padding-left:{1.4 * pad:.1f}em"' if pad else ""
            what = f'<span class="mark st-{st}" aria-label="{esc(L.get(st, st))}">{MARKS[st]}</span>{_lines(e.label)}'
            if e.detail:
                what += f'<span class="tl-detail">{_lines(e.detail)}</span>'
            row.append(f"<td{style}>{what}</td>")
            if has_dur:
                row.append(f'<td class="dur">{esc(fmt_ms(e.duration_ms)) if _finite(e.duration_ms) else ""}</td>')
            if has_time and span > 0:
                bar = ""
                if _finite(e.t_ms):
                    left = 100.0 * (e.t_ms - t0) / span
                    width = 100.0 * (e.duration_ms / span) if _finite(e.duration_ms) else 0.0
                    left, width = max(0.0, min(left, 100.0)), max(0.0, min(width, 100.0 - left))
                    bar = f'<span class="tl-bar {st}" style="left:{left:.2f}%;width:{width:.2f}%"></span>'
                row.append(f'<td class="bar" aria-hidden="true">{bar}</td>')
            row.append("</tr>")
            out.append("".join(row))
        out.append("</tbody></table>")
        return "\n".join(out)

    # -- sequence diagrams ------------------------------------------------------------------

    def sequence(self, block: document.Sequence, title: str | None) -> str:
        return sequence_svg(block, self.uid("seq"), self.L, title, max_height=PRINT_PAGE_PX)

    # -- charts -----------------------------------------------------------------------------

    def chart(self, block: document.Chart, title: str | None) -> str:
        from netlab.report import charts

        values = self.chart_values(block)
        if not charts.has_values(block):
            return self.figure("chart", title, f'<p class="none">{esc(self.L["chart_empty"])}</p>')
        try:
            svg = charts.chart_svg(block, prefix=self.uid("chart"))
        except ImportError:  # matplotlib missing: the values still tell the story
            return self.figure("chart", title, f'<p class="none">{esc(self.L["html_no_chart"])}</p>', values)
        extra = (f'\n<details class="values"{" open" if self.verbose else ""}><summary>'
                 f'{esc(self.L["html_values"])}</summary>\n{values}\n</details>')
        return self.figure("chart", title, svg, extra)

    def chart_values(self, block: document.Chart, cap: int = 200) -> str:
        from netlab.report.charts import axis_label, finite_points, finite_spans

        L = self.L
        if block.spans:
            unit = f" ({block.x_unit})" if block.x_unit else ""
            cols = [L["chart_row"], L["chart_part"], L["chart_start"] + unit, L["chart_end"] + unit]
            spans = finite_spans(block)
            rows = [[s.row, s.part, _num(s.start), _num(s.end)] for s in spans[:cap]]
            more = len(spans) - len(rows)
        else:
            cols = [L["chart_series"], axis_label(block.x_label, block.x_unit), axis_label(block.y_label, block.y_unit)]
            rows, more = [], 0
            for s in block.series:
                pts = finite_points(s.points)
                rows.extend([s.label, _num(x), _num(y)] for x, y in pts[:cap])
                more += max(0, len(pts) - cap)
        html = self.table(document.Table(columns=cols, rows=rows), None)
        if more:
            html += f'\n<p class="none">{esc(L["chart_more"].format(n=more))}</p>'
        return html

    # -- findings and concept notes ---------------------------------------------------------

    def findings(self) -> list[str]:
        L = self.L
        out = ['<section class="findings" id="findings">', f'<h2>{esc(L["findings"])}</h2>']
        if not self.doc.findings:
            out.append(f'<p class="none">{esc(L["no_findings"])}</p>')
        else:
            out.append('<ul class="findings">')
            for f in sorted(self.doc.findings, key=lambda f: -severity_rank(f.severity)):
                out.append(self.finding(f))
            out.append("</ul>")
        out.append("</section>")
        return out

    def finding(self, f: Finding) -> str:
        L = self.L
        sev = f.severity if f.severity in ("info", "warning", "error") else "info"
        parts = [f'<li class="finding sev-{sev}">',
                 f'<span class="sev">{esc(L.get(sev, sev))}</span>',
                 f'<span class="msg">{_lines(f.text(self.lang))}</span>',
                 f'<code class="fcode">{esc(f.code)}</code>']
        refs = []
        for cid in f.concepts:
            note = concepts.get(cid)
            if note is not None:
                refs.append(f'<a href="#{esc(_concept_anchor(cid))}">{esc(note.title(self.lang))}</a>')
        if refs:
            parts.append(f'<span class="refs">{esc(L["html_see"])} {", ".join(refs)}</span>')
        detail = f.detail_text(self.lang)
        if detail:
            parts.append(f'<details class="evidence"{" open" if self.verbose else ""}>'
                         f'<summary>{esc(L["html_evidence"])}</summary>{_text(detail)}</details>')
        parts.append("</li>")
        return "".join(parts)

    def concept_notes(self) -> list[str]:
        notes = [n for n in (concepts.get(i) for i in self.doc.concept_ids()) if n is not None]
        if not notes:
            return []
        L = self.L
        out = ['<section class="concepts" id="concepts">', f'<h2>{esc(L["concepts"])}</h2>']
        for note in notes:
            paras = [" ".join(p.split()) for p in note.text(self.lang).split("\n\n") if p.strip()]
            out.append(f'<article class="concept" id="{esc(_concept_anchor(note.id))}">')
            out.append(f"<h3>{esc(note.title(self.lang))}<code>{esc(note.id)}</code></h3>")
            if paras:
                out.append(f"<p>{esc(paras[0])}</p>")
            if len(paras) > 1:
                out.append(f'<details class="more"{" open" if self.verbose else ""}>'
                           f'<summary>{esc(L["html_full_note"])}</summary>'
                           + "".join(f"<p>{esc(p)}</p>" for p in paras[1:]) + "</details>")
            out.append("</article>")
        out.append("</section>")
        return out


# --------------------------------------------------------------------------------------------
# The packet-bytes pane: a column each for offsets, hex, text and names, one line per row; a field's
# bytes are one span (across rows too) with a class for its layer and a title, so hovering a field
# lights up all its bytes (CSS only)
# --------------------------------------------------------------------------------------------

HEX_ROW = 16
HEX_LAYER_CLASSES = 6
HEX_MAX_RULES = 600  # fields a page links by hover at most (each hovers alone beyond)


def hexdump_html(block: document.HexDump, title: str | None, L: dict) -> str:
    cap = f"<figcaption>{esc(title)}</figcaption>" if title else ""
    if not block.data:
        return f'<figure class="hexdump">{cap}<p class="none">{esc(L["hex_empty"])}</p></figure>'
    owners, spans = block.owners(), block.spans()
    colours = block.colours(owners)
    titles = [_hex_title(a, b, f, L) for a, b, f in spans]
    classes = [f"hx-f hx-k{k} hx-l{layer % HEX_LAYER_CLASSES}" + (" hx-alt" if alt else "")
               for k, (layer, alt) in enumerate(colours)]
    rows = block.row_starts(HEX_ROW)
    digits = max(4, len(f"{max(block.end - 1, 0):x}"))
    offsets = "\n".join(f"{r:0{digits}x}" for r in rows)
    hexes = _hex_column(block, rows, owners, classes, titles, lambda b: f"{b:02x}", " ", "  ")
    text = _hex_column(block, rows, owners, classes, titles, lambda b: chr(b) if 32 <= b < 127 else ".", "", "")
    firsts = block.layer_firsts()
    names = []
    for r in rows:
        items = [f'<span class="{classes[k]}" title="{esc(titles[k])}">'
                 f'{esc((f.layer + ": " if k in firsts else "") + f.name)}</span>'
                 for k, (a, _, f) in enumerate(spans) if r <= a < r + HEX_ROW]
        names.append(", ".join(items))
    order = {x: i for i, x in enumerate(block.layers())}
    legend = "".join(f'<span class="hx-l{order.get(e.layer, 0) % HEX_LAYER_CLASSES}">{esc(e.label)}</span>'
                     for e in block.legend_items())
    return (f'<figure class="hexdump">{cap}\n<div class="hx">'
            f'<pre class="hx-off" aria-hidden="true">{offsets}</pre>'
            f'<pre class="hx-hex">{hexes}</pre><pre class="hx-txt" aria-hidden="true">{text}</pre>'
            f'<pre class="hx-names">{chr(10).join(names)}</pre></div>'
            + (f'\n<p class="hx-legend">{legend}</p>' if legend else "") + "\n</figure>")


def _hex_title(a: int, b: int, f, L: dict) -> str:
    where = L["hex_at_one"].format(n=a) if b - a == 1 else L["hex_at"].format(range=document.byte_range(a, b), n=b - a)
    return (f"{f.layer}: " if f.layer else "") + f"{f.name} ({where})"


def _hex_column(block: document.HexDump, rows: list[int], owners: list, classes: list[str], titles: list[str],
                show, sep: str, mid: str) -> str:
    """One column of the pane (hex or text): a field's bytes in one span, across rows too."""

    def owner(pos: int):
        return owners[pos - block.offset] if block.offset <= pos < block.end else None

    out: list[str] = []
    open_k = None
    for n, r in enumerate(rows):
        for i in range(HEX_ROW):
            k = owner(r + i)
            if k != open_k and open_k is not None:
                out.append("</span>")
                open_k = None
            out.append("" if i == 0 else (mid if i == HEX_ROW // 2 else sep))
            if k is not None and open_k is None:
                out.append(f'<span class="{classes[k]}" title="{esc(titles[k])}">')
                open_k = k
            b = block.data[r + i - block.offset] if block.offset <= r + i < block.end else None
            out.append(" " * len(show(0)) if b is None else esc(show(b)))
        if open_k is not None and owner(r + HEX_ROW) != open_k:
            out.append("</span>")
            open_k = None
        if n < len(rows) - 1:
            out.append("\n")
    if open_k is not None:
        out.append("</span>")
    return re.sub(r" +(?=\n|$|</span>$)", "", "".join(out))


def hexdump_css(doc: document.Document) -> str:
    """Hovering a field's name (or any piece of its bytes) lights up all of it, where the browser
    has ``:has()``: one rule per field index, as many as the page's biggest dump needs."""
    n = min(HEX_MAX_RULES, max((len(b.spans()) for b in doc.find(document.HexDump)), default=0))
    return "".join(f".hx:has(.hx-k{k}:hover) .hx-k{k}" + ("," if k < n - 1 else "") for k in range(n)) + (
        "{background:#fbbf24;color:#000}" if n else "")


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------

# a number, maybe with thousands separators, a unit and a range in brackets: "40.5 ms", "1,232", "3.0 (2.9–3.1)"
_NUMERIC = re.compile(r"^[-+−]?\d+(?:,\d{3})*(?:\.\d+)?(?:\s?[a-zA-Zµ%×]{1,4})?(?:\s\([^)]*\))?$")
_HEXDUMP = re.compile(r"^(?:[0-9a-fA-F]{2}[ :]){7,}[0-9a-fA-F]{2}")


PRINT_PAGE_PX = 880  # px: fits on a printed page (A4 or Letter, less margins and a caption)
_SVG_HEIGHT = re.compile(r'<svg\b[^>]*?\sheight="([\d.]+)(pt|px)?"')


def _svg_height_px(svg: str) -> float:
    m = _SVG_HEIGHT.search(svg)
    if not m:
        return 0.0
    return float(m.group(1)) * (96 / 72 if m.group(2) == "pt" else 1.0)


def _finite(v) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


def _num(v) -> str:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return esc(v)
    if not math.isfinite(f):
        return ""
    return f"{f:.3f}".rstrip("0").rstrip(".") if f != int(f) else str(int(f))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", str(text).lower()).strip("-") or "x"


def _concept_anchor(note_id: str) -> str:
    return "concept-" + _slug(note_id.replace(".", "-"))


def _lines(text) -> str:
    """Escaped text whose line breaks stay line breaks."""
    return "<br>".join(esc(line) for line in str(text).split("\n"))


def _cell(text: str, cls: str) -> str:
    """A table cell; one laid out with spaces (an ASCII bar, aligned columns) keeps them, in monospace."""
    if text != text.lstrip(" ") or "  " in text.strip("\n"):
        return f'<td class="pre">{_lines(text)}</td>'
    return f"<td{cls}>{_lines(text)}</td>"


def _looks_raw(text: str) -> bool:
    """Evidence to show as it is, in monospace: a PEM block, a hex dump, aligned columns."""
    t = str(text)
    return "-----BEGIN " in t or bool(_HEXDUMP.match(t.strip())) or ("\n" in t and "  " in t.split("\n", 1)[1])


def _text(text) -> str:
    if _looks_raw(text):
        return f'<pre class="raw">{esc(text)}</pre>'
    paras = [p for p in str(text).split("\n\n") if p.strip()] or [""]
    return "".join(f"<p>{_lines(p.strip())}</p>" for p in paras)


def _value(v) -> str:
    if _looks_raw(v) or ("\n" in str(v) and len(str(v)) > 200):
        return f'<pre class="raw">{esc(v)}</pre>'
    return _lines(v)


# --------------------------------------------------------------------------------------------
# The sequence (ladder) diagram as SVG
# --------------------------------------------------------------------------------------------

FONT = 12.5  # message labels (px)
NOTE_FONT = 11.0
ACTOR_FONT = 13.0
LINE_H = 15.0
NOTE_H = 13.5
MIN_GAP = 120.0
MAX_LABEL = 440.0  # a label wider than this wraps
BOX_H = 28.0
SELF_W = 34.0  # how far a message to oneself loops out
MAX_EXTRA = 110.0  # most vertical room a wait adds; a longer one is drawn shortened (and marked)
MAX_K = 12.0  # px per sqrt(ms) at most: 1 ms 12 px, 10 ms 38 px, 80 ms the cap


def text_width(text: str, size: float = FONT, bold: bool = False) -> float:
    """An estimate of rendered width (px) without font metrics: wide (CJK) characters count ~1 em."""
    w = 0.0
    for ch in str(text):
        if unicodedata.combining(ch):
            continue
        ea = unicodedata.east_asian_width(ch)
        if ea in ("W", "F"):
            w += 1.0
        elif ch in "il.,:;|!'` ":
            w += 0.3
        elif ch in "mwMW@%":
            w += 0.85
        elif ch.isupper():
            w += 0.7
        elif ch.isdigit() or ch in "<>=+~#_":
            w += 0.64
        else:
            w += 0.57
    return w * size * (1.06 if bold else 1.0)


def wrap(text: str, width: float, size: float = FONT) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` px (by the estimate), at spaces when it can."""
    lines: list[str] = []
    for para in str(text).split("\n"):
        line = ""
        for word in para.split(" "):
            cand = f"{line} {word}" if line else word
            if text_width(cand, size) <= width:
                line = cand
                continue
            if line:
                lines.append(line)
            while text_width(word, size) > width and len(word) > 1:
                cut = len(word)
                while cut > 1 and text_width(word[:cut], size) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines or [""]


def _fmt_gap(ms: float) -> str:
    return fmt_ms(ms)


def time_scale(gaps_ms: list[float]) -> float:
    """The room a wait gets, beyond what the labels need: ``k * sqrt(ms)`` pixels, this function gives k.

    Waits share a height budget (about 30 px per message); each is capped at MAX_EXTRA, and a
    longer one is drawn shortened and marked on the axis.  The square root keeps bursts of
    segments tight while a round trip still shows, and a 2-second timeout does not flatten the
    rest; equal waits get equal room, a longer wait always more.  ``k`` is at most MAX_K, so
    the sub-millisecond waits of a local network stay short.
    """
    gaps = [g for g in gaps_ms if _finite(g) and g > 0]
    if not gaps:
        return 0.0
    budget = min(700.0, max(120.0, 30.0 * len(gaps_ms)))

    def used(k: float) -> float:
        return sum(min(k * math.sqrt(g), MAX_EXTRA) for g in gaps)

    if used(MAX_K) <= budget:
        return MAX_K
    lo, hi = 0.0, MAX_K
    for _ in range(50):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if used(mid) < budget else (lo, mid)
    return lo


def sequence_svg(seq: document.Sequence, uid: str, L: dict, title: str | None = None,
                 max_height: float = 10_000.0) -> str:
    """A ladder diagram: a column with a lifeline per participant, one labelled arrow per message,
    time going down (the room between messages grows with the wait, see :func:`time_scale`; a long
    wait is shortened and marked on the axis), warnings dashed amber, errors red ending in a cross.

    A diagram taller than ``max_height`` px becomes several ``<svg>``, one after the other.
    """
    participants = seq.all_participants()
    if not participants:
        return ""
    n = len(participants)
    idx = {p: i for i, p in enumerate(participants)}
    msgs = list(seq.messages)
    has_time = any(_finite(m.t_ms) for m in msgs)
    gutter = 78.0 if has_time else 12.0

    # horizontal layout: gaps between neighbouring lifelines wide enough for labels and names
    box_w = [max(70.0, text_width(p, ACTOR_FONT, bold=True) + 22) for p in participants]
    gaps = [MIN_GAP] * (n - 1)
    right_room = box_w[-1] / 2 + 10
    constraints: list[tuple[int, int, float]] = [(i, i + 1, box_w[i] / 2 + box_w[i + 1] / 2 + 18) for i in range(n - 1)]
    wrapped: list[tuple[list[str], list[str]]] = []
    for m in msgs:
        a, b = sorted((idx[m.src], idx[m.dst]))
        label_w = min(MAX_LABEL, text_width(m.label))
        note_w = min(MAX_LABEL, text_width(m.note or "", NOTE_FONT))
        need = max(label_w, note_w) + 28
        if a == b:
            need = SELF_W + 12 + max(label_w, note_w)
            if a == n - 1:
                right_room = max(right_room, need + 8)
            else:
                constraints.append((a, a + 1, need + 14))
        else:
            constraints.append((a, b, need))
    for a, b, w in sorted(constraints, key=lambda c: (c[1], -c[0])):
        have = sum(gaps[a:b])
        if have < w:
            gaps[b - 1] += w - have
    xs = [gutter + box_w[0] / 2 + 6]
    for g in gaps:
        xs.append(xs[-1] + g)
    width = xs[-1] + right_room + 6

    for m in msgs:
        a, b = idx[m.src], idx[m.dst]
        if a == b:
            room = (xs[a + 1] - xs[a] - SELF_W - 16) if a < n - 1 else right_room - SELF_W - 14
        else:
            room = abs(xs[b] - xs[a]) - 24
        room = max(60.0, room)
        wrapped.append((wrap(m.label, room), wrap(m.note, room, NOTE_FONT) if m.note else []))

    # vertical layout: each message a band; extra room for the time since the previous message
    dts = [msgs[i].t_ms - msgs[i - 1].t_ms if _finite(msgs[i].t_ms) and _finite(msgs[i - 1].t_ms) else 0.0
           for i in range(1, len(msgs))]
    k_time = time_scale(dts)
    bands = []  # (extra room before, shortened wait or None, height of the band after it)
    for i, m in enumerate(msgs):
        label_lines, note_lines = wrapped[i]
        extra, shortened = 0.0, None
        if i and k_time and _finite(m.t_ms) and _finite(msgs[i - 1].t_ms):
            dt = m.t_ms - msgs[i - 1].t_ms
            if dt > 0:
                extra = k_time * math.sqrt(dt)
                if extra > MAX_EXTRA:
                    extra, shortened = MAX_EXTRA, dt
        self_loop = 16.0 if idx[m.src] == idx[m.dst] else 0.0
        bands.append((extra, shortened, LINE_H * len(label_lines) + 4 + self_loop + 8 + NOTE_H * len(note_lines) + 12))

    chunks = _page_chunks(bands, max_height)
    parts = []
    for k, chunk in enumerate(chunks):
        part_uid = uid if len(chunks) == 1 else f"{uid}-{k + 1}"
        part_title = title or L["html_seq_axis"]
        if len(chunks) > 1:
            part_title += f" ({k + 1}/{len(chunks)})"
        parts.append(_ladder(chunk, msgs, bands, wrapped, participants, idx, xs, box_w, width, gutter, has_time,
                             part_uid, part_title, L, repeat_names=len(msgs) > 6 or len(chunks) > 1))
    return "\n".join(parts)


def _page_chunks(bands: list, max_height: float) -> list[list[int]]:
    """A diagram taller than a printed page is cut into parts, each with the names on top (an SVG
    element is not split across pages by the browser: it would start on a new page, or be cut)."""
    head_h, foot_h = 12.0 + BOX_H + 18.0, 4 + BOX_H + 12
    chunks: list[list[int]] = [[]]
    used = head_h + foot_h
    for i, (extra, _, h) in enumerate(bands):
        if chunks[-1] and used + extra + h > max_height:
            chunks.append([])
            used = head_h + foot_h
        chunks[-1].append(i)
        used += extra + h
    return chunks


def _gap_mark(band_top: float, gutter: float, shortened: float, L: dict) -> str:
    """The break mark on the time axis where a long wait was shortened, with the real wait."""
    by = band_top - MAX_EXTRA / 2 - 2
    ax = gutter - 6
    return (f'<path class="brk" d="M{ax - 5:.1f},{by - 2:.1f} l10,-4 M{ax - 5:.1f},{by + 4:.1f} l10,-4"/>'
            f'<text class="tick" x="{ax - 10:.1f}" y="{by + 4:.1f}" text-anchor="end">'
            f'<title>{esc(L["html_seq_gap"].format(gap=_fmt_gap(shortened)))}</title>'
            f'+{esc(_fmt_gap(shortened))}</text>')


def _ladder(chunk: list[int], msgs: list, bands: list, wrapped: list, participants: list[str], idx: dict,
            xs: list[float], box_w: list[float], width: float, gutter: float, has_time: bool, uid: str,
            title: str, L: dict, repeat_names: bool) -> str:
    """One SVG of a ladder diagram: the messages ``chunk`` (indices into ``msgs``), laid out already."""
    top = 12.0 + BOX_H + 18.0
    y = top
    rows = {}  # message index -> (band top, y of the arrow, shortened wait before it or None)
    for i in chunk:
        extra, shortened, h = bands[i]
        y += extra
        label_lines, _ = wrapped[i]
        rows[i] = (y, y + LINE_H * len(label_lines) + 4, shortened)
        y += h
    bottom = y + 4
    height = bottom + (BOX_H + 12 if repeat_names else 8)

    out = [f'<svg class="seq" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
           f'role="img" aria-labelledby="{uid}-t">',
           f'<title id="{uid}-t">{esc(title)}</title>',
           "<defs>",
           # one arrowhead per status: a marker is styled where it is defined, not where it is used
           *(f'<marker id="{uid}-a-{st}" class="{st}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" '
             f'markerHeight="9" orient="auto-start-reverse" markerUnits="userSpaceOnUse">'
             f'<path class="head" d="M0,0 L10,5 L0,10 z"/></marker>' for st in ("ok", "warning")),
           "</defs>"]

    def actors(y0: float) -> None:
        for i, p in enumerate(participants):
            x = xs[i]
            out.append(f'<g class="actor"><rect x="{x - box_w[i] / 2:.1f}" y="{y0:.1f}" width="{box_w[i]:.1f}" '
                       f'height="{BOX_H:.0f}" rx="5"/><text x="{x:.1f}" y="{y0 + BOX_H / 2 + 4.5:.1f}" '
                       f'text-anchor="middle">{esc(p)}</text></g>')

    for x in xs:
        out.append(f'<line class="life" x1="{x:.1f}" y1="{12.0 + BOX_H:.1f}" x2="{x:.1f}" y2="{bottom:.1f}"/>')
    actors(12.0)
    if repeat_names:
        actors(bottom)

    if has_time:
        ax = gutter - 10
        out.append(f'<text class="tick" x="{ax:.1f}" y="{12 + BOX_H / 2 + 4:.1f}" text-anchor="end">'
                   f'{esc(L["html_seq_axis"])} ↓</text>')
        out.append(f'<line class="axis" x1="{ax + 4:.1f}" y1="{top - 6:.1f}" x2="{ax + 4:.1f}" y2="{bottom - 6:.1f}"/>')

    last_tick = None
    for i in chunk:
        m = msgs[i]
        band_top, arrow_y, shortened = rows[i]
        label_lines, note_lines = wrapped[i]
        st = m.status if m.status in ("warning", "error") else "ok"
        a, b = idx[m.src], idx[m.dst]
        if has_time and shortened is not None:
            out.append(_gap_mark(band_top, gutter, shortened, L))
        g = [f'<g class="m {st}">']
        tick = fmt_ms(m.t_ms) if has_time and _finite(m.t_ms) else None
        if tick is not None and tick != last_tick:  # "230 ms" ten times says nothing
            g.append(f'<text class="tick" x="{gutter - 10:.1f}" y="{arrow_y + 4:.1f}" text-anchor="end">'
                     f'{esc(tick)}</text>')
        last_tick = tick if tick is not None else last_tick
        if a == b:
            x = xs[a]
            g.append(f'<path class="msg" d="M{x:.1f},{arrow_y:.1f} h{SELF_W:.0f} v16 h-{SELF_W - 2:.0f}" '
                     f'marker-end="url(#{uid}-a-{st})"/>')
            lx, anchor = x + SELF_W + 8, "start"
            ly0 = arrow_y - LINE_H * len(label_lines) + 11
            ny0 = arrow_y + 16 + 8 + NOTE_H - 3
        else:
            x1, x2 = xs[a], xs[b]
            sign = 1 if x2 > x1 else -1
            if st == "error":
                end = x2 - sign * 10
                g.append(f'<line class="msg" x1="{x1:.1f}" y1="{arrow_y:.1f}" x2="{end:.1f}" y2="{arrow_y:.1f}"/>')
                g.append(f'<path class="cross" d="M{end - 5:.1f},{arrow_y - 5:.1f} l10,10 M{end - 5:.1f},{arrow_y + 5:.1f} l10,-10"/>')
            else:
                g.append(f'<line class="msg" x1="{x1:.1f}" y1="{arrow_y:.1f}" x2="{x2 - sign * 1.5:.1f}" '
                         f'y2="{arrow_y:.1f}" marker-end="url(#{uid}-a-{st})"/>')
            lx, anchor = (x1 + x2) / 2, "middle"
            ly0 = arrow_y - LINE_H * len(label_lines) + 10
            ny0 = arrow_y + 8 + NOTE_H - 2
        for j, line in enumerate(label_lines):
            g.append(f'<text class="lbl" x="{lx:.1f}" y="{ly0 + LINE_H * j:.1f}" text-anchor="{anchor}">{esc(line)}</text>')
        for j, line in enumerate(note_lines):
            g.append(f'<text class="note" x="{lx:.1f}" y="{ny0 + NOTE_H * j:.1f}" text-anchor="{anchor}">{esc(line)}</text>')
        g.append("</g>")
        out.append("".join(g))
    out.append("</svg>")
    return "\n".join(out)
