"""dns-trace report building (pure): the tree reads top to bottom, nested where it should be."""

from __future__ import annotations

from pathlib import Path

import pytest

from netlab.model import Recording
from netlab.probes.dns_trace.analyze import analyze
from netlab.probes.dns_trace.build import build
from netlab.report.document import Section, Sequence, Table, Timeline

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "dns"


def doc_of(name: str, lang: str = "en"):
    return build(analyze(Recording.load(str(FIX / f"{name}.json"))), lang)


def blocks(doc, kind):
    return doc.find(kind)


def test_timeline_has_every_hop_in_time_order_with_cname_walk_header():
    res = analyze(Recording.load(str(FIX / "www.naver.com.json")))
    doc = build(res, "en")
    tl = blocks(doc, Timeline)[0]
    hop_entries = [e for e in tl.entries if e.duration_ms is not None and "CNAME: new walk" not in e.label]
    assert len(hop_entries) == len(res.hops)
    assert [e.t_ms for e in tl.entries] == sorted(e.t_ms for e in tl.entries)
    assert any("CNAME: new walk for www.naver.com.nheos.com." in e.label for e in tl.entries)
    assert "198.18.1.100" in doc.summary and "www.naver.com.nheos.com." in doc.summary


def test_glueless_subtrace_is_nested_and_timed():
    doc = doc_of("glueless")
    tl = blocks(doc, Timeline)[0]
    head = next(e for e in tl.entries if e.label.startswith("sub-trace"))
    assert head.depth == 1 and head.duration_ms and head.duration_ms > 0
    i = tl.entries.index(head)
    inner = tl.entries[i + 1:i + 4]
    assert [e.depth for e in inner] == [2, 2, 2]
    assert tl.entries[i + 4].depth == 0  # back in the main walk: the glueless zone's server is asked


def test_sequence_diagram_and_answer_table():
    doc = doc_of("www.naver.com")
    seq = blocks(doc, Sequence)[0]
    assert seq.participants[0] == "client" and len(seq.messages) == 10
    table = blocks(doc, Table)[0]
    assert [r[1] for r in table.rows] == ["CNAME", "A"]


def test_failed_attempts_are_shown_with_reason():
    doc = doc_of("dead")
    tl = blocks(doc, Timeline)[0]
    last = tl.entries[-1]
    assert last.status == "error" and "timeout" in last.label and "no answer within" in last.detail


def test_negative_answer_text_and_korean():
    doc = doc_of("nxdomain", "ko")
    assert doc.lang == "ko" and "질의" in doc.summary
    texts = [b.text for s in doc.blocks if isinstance(s, Section) for b in s.blocks if hasattr(b, "text")]
    assert any("300" in t and "SOA" in t for t in texts)


@pytest.mark.parametrize("name", sorted(p.stem for p in FIX.glob("*.json")))
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_fixture_renders_in_three_formats(name, lang):
    from netlab.report.jsonout import render_json
    from netlab.report.markdown import render_markdown
    from netlab.report.terminal import render_terminal

    rec = Recording.load(str(FIX / f"{name}.json"))
    res = analyze(rec)
    doc = build(res, lang)
    assert render_terminal(doc, verbose=True, width=100)
    assert "sequenceDiagram" in render_markdown(doc, verbose=True)
    assert '"hops"' in render_json(doc, res, rec)
