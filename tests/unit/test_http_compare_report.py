"""http-compare: the Document, the ASCII waterfall, the SVG chart, helpers and the command line."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from netlab.errors import UsageError
from netlab.model import Recording
from netlab.probes.http_compare.analyze import analyze
from netlab.probes.http_compare.build import bar, build
from netlab.probes.http_compare.chart import chart_block, write_chart
from netlab.probes.http_compare.objects import (
    alpn_of_https_rdata,
    alt_svc_entries,
    h3_port_from_alt_svc,
    object_paths,
    plan_objects,
)
from netlab.probes.http_compare.params import check_chart_path
from netlab.report.document import Table

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "http"


def result(name: str):
    return analyze(Recording.load(str(FIX / f"{name}.json")))


def all_tables(doc):
    return doc.find(Table)


def test_document_shows_the_round_trip_arithmetic():
    doc = build(result("compare-50ms"), "en")
    tables = all_tables(doc)
    phases = tables[0]
    assert phases.columns == ["phase", "HTTP/1.1", "HTTP/2", "HTTP/3", "HTTP/3 resumed"]
    rows = {r[0]: r[1:] for r in phases.rows}
    assert rows["TCP connect"][2] == "none (UDP)"  # honest label: QUIC has no TCP phase
    assert rows["QUIC handshake"][0] == "-"
    assert rows["RTTs to 1st byte / expected"][0].endswith("/ 3")
    assert rows["RTTs to 1st byte / expected"][2].endswith("/ 2")
    arith = tables[1]
    why = {r[0]: r[-1] for r in arith.rows}
    assert why["HTTP/2"] == "TCP 1 + TLS 1 + HTTP 1 = 3"
    assert why["HTTP/3"] == "QUIC+TLS 1 + HTTP 1 = 2"
    assert why["HTTP/3 resumed"] == "0-RTT: HTTP 1 = 1"
    assert doc.summary.startswith("First byte after HTTP/1.1 3.")
    ko = build(result("compare-50ms"), "ko")
    assert "왕복" in ko.summary


def test_terminal_render_has_a_waterfall_per_protocol():
    from netlab.report.terminal import render_terminal

    text = render_terminal(build(result("many-50ms"), "en"), verbose=False, width=100, color=False)
    for label in ("Waterfall: HTTP/1.1 (", "Waterfall: HTTP/1.1 ×6", "Waterfall: HTTP/2", "Waterfall: HTTP/3"):
        assert label in text
    assert "█" in text and "░" in text and "▒" in text


def test_ascii_bar():
    assert bar(0, 5, 10, scale=1.0, width=20) == "░░░░░█████".ljust(20)
    assert bar(10, 12, 12, scale=1.0, width=20).startswith(" " * 10 + "░░█")
    assert len(bar(0, 500, 1000, scale=1.0, width=20)) == 20  # clipped, never wider
    assert bar(0, 6, 8, scale=1.0, width=10, connect=4) == "▒▒▒▒░░██  "


def test_chart_has_a_row_per_request_split_into_its_phases(tmp_path):
    r = result("many-50ms")
    chart = chart_block(r, "en")
    assert len(chart.rows()) == sum(len(w.bars) for w in r.waterfalls)
    assert chart.parts() == ["connection set-up", "waiting for the first byte", "receiving"]
    first = r.waterfalls[0].bars[0]  # the page itself: set-up, then waiting, then receiving, end to end
    spans = [s for s in chart.spans if s.row == chart.rows()[0]]
    assert [s.start for s in spans] == [first.start_ms, first.start_ms + first.connect_ms, first.first_byte_ms]
    assert spans[-1].end == first.end_ms
    # with one request per run, the chart shows each protocol's phases instead
    phases = chart_block(result("compare-50ms"), "ko")
    assert phases.rows() == ["HTTP/1.1", "HTTP/2", "HTTP/3", "HTTP/3 재개"]
    assert "받는 중" in phases.parts()
    # drawn by matplotlib: a standalone SVG whose text stays text, and a PNG
    write_chart(r, str(tmp_path / "w.svg"))
    root = ET.parse(tmp_path / "w.svg").getroot()
    texts = "".join(t.text or "" for t in root.iter() if t.tag.endswith("text"))
    assert root.tag.endswith("svg") and "HTTP/3 7 /assets/obj-06.bin" in texts and "receiving" in texts
    write_chart(r, str(tmp_path / "w.png"))
    assert (tmp_path / "w.png").read_bytes().startswith(b"\x89PNG\r\n")


def test_chart_extension_checks():
    check_chart_path("w.svg")
    check_chart_path("W.PNG")
    with pytest.raises(UsageError):
        check_chart_path("w.gif")
    with pytest.raises(UsageError, match="cannot write"):
        write_chart(result("compare-50ms"), "/nonexistent-dir/w.svg")


def test_object_paths_same_origin_only():
    html = (b'<!doctype html><link href="/a.css"><img src="b.png"><script src="https://www.naver.com/c.js">'
            b'</script><img src="https://cdn.other.test/d.png"><a href="#top">x</a><img src="/a.css">')
    assert object_paths(html, "text/html", "www.naver.com", "/") == ["/a.css", "/b.png", "/c.js"]
    assert object_paths(b"{}", "application/json", "www.naver.com", "/") == []
    assert plan_objects(["/a", "/b"], "/", 5) == ["/a", "/b", "/a", "/b", "/a"]
    assert plan_objects([], "/index.html", 2) == ["/index.html", "/index.html"]


def test_alpn_from_an_https_record():
    import dns.rdata

    rd = dns.rdata.from_text("IN", "HTTPS", '1 . alpn="h3,h2" port=443')
    assert alpn_of_https_rdata(rd) == ["h3", "h2"]
    assert alpn_of_https_rdata(dns.rdata.from_text("IN", "HTTPS", "0 svc.example.")) == []


def test_alt_svc_parsing():
    v = 'h3=":443"; ma=2592000,h3-29=":8443"; ma=60, h2="alt.test:443"'
    assert alt_svc_entries(v) == [("h3", "", 443), ("h3-29", "", 8443)]
    assert h3_port_from_alt_svc(v) == 443
    assert h3_port_from_alt_svc('h3="other.test:443"') is None
    assert h3_port_from_alt_svc(None) is None


def _netlab(*args: str) -> subprocess.CompletedProcess:
    code = "import sys; from netlab.cli import main; sys.argv[0] = 'netlab'; main()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin", "NETLAB_LANG": "en"})


def test_cli_help_imports_no_client_library():
    code = ("import sys\nfrom click.testing import CliRunner\nfrom netlab.cli import cli\n"
            "r = CliRunner().invoke(cli, ['http-compare', '--help'])\nassert r.exit_code == 0, r.output\n"
            "assert '--connections-h1' in r.output and '--qlog' in r.output\n"
            "bad = [m for m in ('httpx', 'aioquic', 'h2', 'rich', 'scapy') if m in sys.modules]\n"
            "assert not bad, bad\n")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr


def test_cli_usage_errors_exit_2():
    p = _netlab("http-compare", "https://www.naver.com/", "--loss", "2")
    assert p.returncode == 2 and "sandbox" in p.stderr
    p = _netlab("http-compare", "https://www.naver.com/", "--chart", "w.gif")
    assert p.returncode == 2 and ".svg" in p.stderr
    p = _netlab("http-compare", "http://www.naver.com/")
    assert p.returncode == 2 and "https://" in p.stderr
    p = _netlab("http-compare", "https://www.naver.com/", "--protocols", "h4")
    assert p.returncode == 2
    p = _netlab("http-compare", "https://www.naver.com/", "--resolve", "nonsense")
    assert p.returncode == 2 and "HOST:PORT:ADDR" in p.stderr


def test_report_rerenders_a_saved_recording():
    p = _netlab("report", str(FIX / "compare-50ms.json"), "--json")
    assert p.returncode == 0, p.stderr
    import json

    data = json.loads(p.stdout)
    assert data["probe"] == "http-compare"
    assert [ph["mode"] for ph in data["phases"]] == ["h1", "h2", "h3", "h3-0rtt"]


def test_chart_is_drawn_by_the_output_step_from_the_result(tmp_path):
    """collect only records the path; outputs.py draws it; `netlab report` writes no file unless asked."""
    from types import SimpleNamespace

    from netlab.probes.http_compare.outputs import write_outputs

    rec = Recording.load(str(FIX / "many-50ms.json"))
    live = tmp_path / "live.svg"
    rec.params["chart"] = str(live)
    rec.artifacts["chart"] = str(live)
    res = analyze(rec)
    write_outputs(res, rec, SimpleNamespace(replay=False))
    assert ET.parse(live).getroot().tag.endswith("svg") and res.chart == str(live)
    # replay: the recording's path is not written again (nor any path a Recording names)
    live.unlink()
    res = analyze(rec)
    write_outputs(res, rec, SimpleNamespace(replay=True))
    assert not live.exists() and res.chart == str(live)
    # replay with a file named on the command line: drawn there, and the report lists it
    again = tmp_path / "again.svg"
    write_outputs(res, rec, SimpleNamespace(replay=True, chart=str(again)))
    write_chart(res, str(tmp_path / "direct.svg"))
    assert again.read_bytes() == (tmp_path / "direct.svg").read_bytes() and res.chart == str(again)


def test_the_page_draws_the_waterfall_chart():
    from netlab.report import document
    from netlab.report.html import render_html

    r = result("many-50ms")
    doc = build(r, "ko")
    charts = [b for s in doc.blocks if isinstance(s, document.Section) and s.verbose
              for b in s.blocks if isinstance(b, document.Chart)]
    assert len(charts) == 1 and len(charts[0].rows()) == sum(len(w.bars) for w in r.waterfalls)
    page = render_html(doc)
    assert page.count('<figure class="chart">\n<svg') == 1 and "첫 바이트를 기다림" in page


def test_a_chart_file_shows_server_text_inert(tmp_path):
    """A path a page names may hold control characters: the SVG stays valid XML and shows them escaped."""
    from netlab.probes.chartfile import write_chart_block
    from netlab.report import document

    evil = "/a\x01b\u202ec$x$"
    chart = document.Chart(x_label="t", x_unit="ms", spans=[document.ChartSpan(row=evil, start=0.0, end=5.0, part="p")])
    write_chart_block(chart, str(tmp_path / "c.svg"))
    raw = (tmp_path / "c.svg").read_text()
    root = ET.fromstring(raw.encode())
    texts = "".join(t.text or "" for t in root.iter() if t.tag.endswith("text"))
    assert "\x01" not in raw and "\u202e" not in raw and "/a" in texts
