"""tcp-handshake report building (pure): the Document from recorded results, in English and Korean."""

from __future__ import annotations

from pathlib import Path

import pytest

from netlab.model import Recording
from netlab.probes.tcp_handshake.analyze import analyze
from netlab.probes.tcp_handshake.build import build
from netlab.report.document import Section, Sequence, Table, Timeline

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "tcp"
NAMES = ["open-http-client-close", "open-http-server-close", "close-first", "open-ipv6", "refused", "filtered",
         "unreachable", "lossy-reorder", "lossy-drop-server", "lossy-drop-client"]


def doc_for(name: str, lang: str = "en"):
    return build(analyze(Recording.load(str(FIX / f"{name}.json"))), lang)


def blocks(doc, kind):
    return doc.find(kind)


def test_sequence_diagram_and_packet_table_have_every_packet():
    res = analyze(Recording.load(str(FIX / "open-http-client-close.json")))
    doc = build(res, "en")
    seq = blocks(doc, Sequence)[0]
    assert seq.participants == ["client", "server"]
    assert len(seq.messages) == len(res.packets)
    assert seq.messages[0].label.startswith("SYN seq=0 win=64240 <MSS=1460")
    assert seq.messages[1].label.startswith("SYN,ACK seq=0 ack=1")
    assert (seq.messages[0].src, seq.messages[1].src) == ("client", "server")
    table = next(t for t in blocks(doc, Table) if t.columns[0] == "#")
    assert len(table.rows) == len(res.packets)
    assert table.rows[1][5] == f"1 ({res.client_isn + 1})"  # the SYN,ACK acknowledges ISN+1
    assert "TIME_WAIT" in doc.summary
    states = blocks(doc, Timeline)[0]
    assert any("client: TIME_WAIT" in e.label for e in states.entries)


def test_failures_are_shown_not_raised():
    assert "closed" in doc_for("refused").summary
    filt = doc_for("filtered")
    assert "filtered" in filt.summary
    seq = blocks(filt, Sequence)[0]
    assert [m.status for m in seq.messages][1:] == ["warning"] * (len(seq.messages) - 1)
    un = doc_for("unreachable")
    assert "router" in blocks(un, Sequence)[0].participants


def test_retransmissions_marked_in_the_diagram():
    seq = blocks(doc_for("lossy-reorder"), Sequence)[0]
    assert any(m.note == "out-of-order" and m.status == "warning" for m in seq.messages)


@pytest.mark.parametrize("name", NAMES)
def test_every_fixture_renders_in_three_formats(name):
    from netlab.report.jsonout import render_json
    from netlab.report.markdown import render_markdown
    from netlab.report.terminal import render_terminal

    rec = Recording.load(str(FIX / f"{name}.json"))
    res = analyze(rec)
    for lang in ("en", "ko"):
        doc = build(res, lang)
        assert render_terminal(doc, verbose=False)
        md = render_markdown(doc, verbose=True)
        if res.packets:
            assert "sequenceDiagram" in md
        assert render_json(doc, res, rec)


def test_korean_titles():
    doc = doc_for("open-http-client-close", "ko")
    assert doc.lang == "ko" and "연결" in doc.title
    assert any("시퀀스" in s.title for s in doc.blocks if isinstance(s, Section))
    assert all(f.message_ko for f in doc.findings)


def test_json_output_has_the_documented_fields():
    import json

    from netlab.report.jsonout import render_json

    rec = Recording.load(str(FIX / "open-http-client-close.json"))
    res = analyze(rec)
    data = json.loads(render_json(build(res, "en"), res, rec))
    assert data["schema"] == "netlab-result" and data["probe"] == "tcp-handshake"
    for key in ("outcome", "unreachable", "packets", "client_isn", "server_isn", "handshake_rtt_ms", "options",
                "states", "socket_table", "tcp_info", "close_initiator", "time_wait_side", "findings"):
        assert key in data, key
    p = data["packets"][1]
    assert {"index", "t_ms", "direction", "flags", "seq", "ack", "rel_seq", "rel_ack", "window", "window_raw",
            "payload_len", "options", "notes"} <= set(p)
    assert "tcp.time-wait" in data["concepts"]


def test_state_changes_are_noted_on_the_packets_that_cause_them():
    seq = blocks(doc_for("open-http-client-close"), Sequence)[0]
    assert seq.messages[0].note == "client SYN_SENT; server SYN_RECEIVED"
    assert seq.messages[1].note == "client ESTABLISHED"
    assert seq.messages[2].note == "server ESTABLISHED"
    notes = [m.note or "" for m in seq.messages]
    assert "client TIME_WAIT" in notes[-2] and notes[-1] == "server CLOSED"
