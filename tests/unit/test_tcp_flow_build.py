"""tcp-flow's report (pure): golden renders in English and Korean, the chart blocks, the --chart
file, and hostile recordings.

    NETLAB_UPDATE_GOLDEN=1 .venv/bin/pytest tests/unit/test_tcp_flow_build.py   # after an intended change
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from netlab.model import Recording
from netlab.probes import load_probe
from netlab.report.document import Chart, Timeline
from netlab.report.terminal import render_terminal

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "tcpflow"
GOLDEN = Path(__file__).resolve().parent.parent / "golden"
UPDATE = os.environ.get("NETLAB_UPDATE_GOLDEN") == "1"


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"{path} is missing: run with NETLAB_UPDATE_GOLDEN=1 to create it"
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        import difflib

        diff = "\n".join(difflib.unified_diff(expected.splitlines(), text.splitlines(), "golden", "now", lineterm="", n=2))
        pytest.fail(f"{name} differs from the golden file (NETLAB_UPDATE_GOLDEN=1 to accept):\n{diff}")


def doc(case: str, lang: str = "en"):
    probe = load_probe("tcp-flow")
    return probe.build(probe.analyze(Recording.load(str(FIX / f"{case}.json"))), lang)


@pytest.mark.parametrize("case, name", [("drops-fast-rto", "tcp-flow"), ("zero-window", "tcp-flow-zero-window")])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_golden(case, name, lang):
    text = render_terminal(doc(case, lang), verbose=False, width=100, color=False)
    check_golden(f"{name}{'.ko' if lang == 'ko' else ''}.txt", text)


def test_the_korean_report_is_korean():
    text = render_terminal(doc("drops-fast-rto", "ko"), verbose=False, width=100, color=False)
    for english in ("slow start", "fast retransmit of", "congestion window", "duplicate ACK", "the link dropped"):
        assert english not in text
    assert "빠른 재전송" in text and "슬로 스타트" in text


def test_the_report_names_both_sides_algorithms():
    d = doc("upload-reno")
    kv = dict(next(b for b in d.blocks if b.title == "The transfer").blocks[0].items)
    assert kv["sender's congestion control"].startswith("client: reno (asked: reno)")
    assert kv["receiver"].startswith("server: bbr")
    assert "source" not in kv["server"] and "sink" in kv["server"]


def test_chart_blocks_cwnd_and_time_sequence():
    d = doc("sawtooth-cubic")
    charts = d.find(Chart)
    cwnd = charts[0]
    labels = [s.label for s in cwnd.series]
    assert labels[-1] == "cwnd" and "ssthresh" in labels and "in flight" in labels
    assert all(len(s.points) <= 800 for s in cwnd.series)
    seq = next(c for c in charts if c.y_unit == "KiB")
    assert any(s.status == "error" and s.points for s in seq.series)  # retransmissions drawn apart
    several = doc("cc-all").find(Chart)[0]
    assert [s.label for s in several.series] == ["cwnd (reno)", "cwnd (cubic)", "cwnd (bbr)"]
    assert len(doc("cc-all").find(Timeline)) == 3  # a phase timeline per algorithm


def test_the_chart_file_draws_with_matplotlib(tmp_path):
    pytest.importorskip("matplotlib")
    from netlab.probes.tcp_flow.chart import write_chart

    probe = load_probe("tcp-flow")
    res = probe.analyze(Recording.load(str(FIX / "sawtooth-cubic.json")))
    svg, png = tmp_path / "c.svg", tmp_path / "c.png"
    write_chart(res, str(svg), "ko")
    write_chart(res, str(png))
    assert "<svg" in svg.read_text() and png.read_bytes()[:4] == b"\x89PNG"
    assert "세그먼트" in svg.read_text()  # text stays text, in the report's language


def test_json_and_markdown_render():
    from netlab.report.jsonout import render_json
    from netlab.report.markdown import render_markdown

    probe = load_probe("tcp-flow")
    rec = Recording.load(str(FIX / "zero-window.json"))
    res = probe.analyze(rec)
    d = probe.build(res)
    data = json.loads(render_json(d, res, rec))
    assert data["runs"][0]["capture"]["window_probes"] >= 1 and data["probe"] == "tcp-flow"
    md = render_markdown(d)
    assert "zero window" in md


def _hostile(tmp_path, mutate) -> str:
    data = json.loads((FIX / "short.json").read_text())
    mutate(data)
    p = tmp_path / "bad.json"
    p.write_text(json.dumps(data))
    return str(p)


@pytest.mark.parametrize("mutate", [
    lambda d: next(e for e in d["events"] if e["type"] == "SideSampled").update(rows=["1,2,x"]),
    lambda d: next(e for e in d["events"] if e["type"] == "SideSampled").update(rows=[[1, 2]]),
    lambda d: next(e for e in d["events"] if e["type"] == "SegmentsCaptured").update(pcap_zlib="AAAA"),
    lambda d: d["params"].update(direction="sideways"),
])
def test_a_hostile_recording_is_one_malformed_line(tmp_path, mutate, capsys):
    from netlab.cli import main

    path = _hostile(tmp_path, mutate)
    with pytest.raises(SystemExit) as e:
        main(["report", path])
    err = capsys.readouterr().err
    assert e.value.code != 70 and re.search("malformed|not one of", err), err
