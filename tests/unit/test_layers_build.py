"""layers report: golden renders (terminal, width 100, no colour, en and ko), and what the goldens cannot show.

The golden input is a saved Recording of `netlab layers --from tests/fixtures/layers/http-v4.pcap
--packet 4` (an HTTP request captured in the sandbox).  After an intended change:

    NETLAB_UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/unit -k layers

and read the diff: the golden files are what students see.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from netlab.model import Recording
from netlab.probes import load_probe
from netlab.report.document import HexDump, KeyValues, Section, Table
from netlab.report.jsonout import render_json
from netlab.report.markdown import render_markdown
from netlab.report.terminal import render_terminal
from tests.golden_check import check_golden  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "layers"
GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("NETLAB_UPDATE_GOLDEN") == "1"
WIDTH = 100
PROBE = load_probe("layers")
HANGUL = re.compile(r"[\uac00-\ud7a3]")




def result(name: str = "http-v4.json"):
    return PROBE.analyze(Recording.load(str(FIXTURES / name)))


def test_terminal_golden():
    check_golden("layers.txt", render_terminal(PROBE.build(result(), "en"), width=WIDTH, color=False))


def test_terminal_golden_korean():
    check_golden("layers.ko.txt", render_terminal(PROBE.build(result(), "ko"), width=WIDTH, color=False))


def test_the_story_comes_first():
    out = render_terminal(PROBE.build(result(), "en"), width=WIDTH, color=False)
    assert out.splitlines()[2] == ("HTTP request, 72 bytes, carried in a frame of 138 bytes (Ethernet): TCP adds 32 "
                                   "bytes, IPv4 adds 20,")
    order = ["Encapsulation", "What each layer adds", "Ethernet header: bytes 0-13", "IPv4 header: bytes 14-33",
             "TCP header: bytes 34-65", "HTTP request: bytes 66-137", "Bytes", "Source", "Findings", "Concepts"]
    at = [out.index(x) for x in order]
    assert at == sorted(at)


def test_korean_report_is_korean():
    out = render_terminal(PROBE.build(result(), "ko"), width=WIDTH, color=False)
    for english in ("What each layer adds", "destination MAC", "carried in", "header length", "Findings",
                    "from the outside in", "HTTP request", "the sending program"):
        assert english not in out
    assert "이더넷 헤더: 바이트 0-13 (14바이트)" in out and "계층마다 더하는 것" in out


def test_every_layer_and_osi_tcpip_column():
    doc = PROBE.build(result(), "en")
    table = doc.find(Table)[0]
    assert table.columns == ["OSI", "TCP/IP", "protocol", "unit", "bytes", "header", "carries", "size"]
    assert table.rows == [
        ["2 data link", "link", "Ethernet", "frame", "0-137", "14", "124", "138"],
        ["3 network", "internet", "IPv4", "packet", "14-137", "20", "104", "124"],
        ["4 transport", "transport", "TCP", "segment", "34-137", "32", "72", "104"],
        ["7 application", "application", "HTTP request", "message", "66-137", "72", "-", "72"],
    ]
    adds = doc.find(KeyValues)[0]
    assert adds.items[:4] == [("HTTP request", "72 bytes"), ("+ TCP header", "+ 32 = 104-byte segment"),
                              ("+ IPv4 header", "+ 20 = 124-byte packet"), ("+ Ethernet header", "+ 14 = 138-byte frame")]


def test_field_tables_give_bytes_bits_value_meaning():
    doc = PROBE.build(result(), "en")
    ip = next(s for s in doc.find(Section) if s.title.startswith("IPv4 header"))
    rows = {r[2].strip(): r for r in ip.blocks[0].rows}
    assert rows["TTL"] == ["22", "", "TTL", "64", "hops left: each router subtracts 1 and drops the packet at 0"]
    assert rows["version"][:2] == ["14", "0100 ...."]
    assert rows["ECN"][:4] == ["15", ".... ..00", "  ECN", "00"]  # indented: a part of the DS field


def test_hex_view_marks_layers_and_names_fields():
    doc = PROBE.build(result(), "en")
    dump = next(s for s in doc.find(Section) if s.title == "Bytes").blocks[0]
    assert isinstance(dump, HexDump) and dump.offset == 0 and len(dump.data) == 138  # a small frame: whole
    assert dump.data[66:69] == b"GET"
    by_name = {(f.layer, f.name): (f.start, f.end) for f in dump.fields}
    assert by_name[("IPv4", "TTL")] == (22, 23)
    assert by_name[("HTTP request", "method")] == (66, 69)
    assert [e.label for e in dump.legend] == ["Ethernet header 0-13", "IPv4 header 14-33", "TCP header 34-65",
                                              "HTTP request 66-137"]
    assert not any(f.name in ("DSCP", "ECN") for f in dump.fields)  # derived bits: the DS field's byte is marked
    out = render_terminal(doc, width=WIDTH, color=False)
    row = next(line for line in out.splitlines() if line.lstrip().startswith("0010 "))
    assert "00 7c e7 b3 40 00 40 06  c5 35 c6 12 00 0a c6 12  .|..@.@..5......  total length," in row
    assert "layers: Ethernet header 0-13 · IPv4 header 14-33" in out


def test_a_long_frame_shows_its_headers_and_the_rest_with_verbose():
    res = PROBE.analyze(PROBE.collect(
        {"source": "file", "path": str(FIXTURES / "quic-v4.pcap"), "packet": 1}, _ctx()))
    doc = PROBE.build(res, "en")
    sec = next(s for s in doc.find(Section) if s.title == "Bytes")
    short, note, more = sec.blocks[0], sec.blocks[1], sec.blocks[2]
    assert not short.verbose and more.verbose
    assert len(short.data) == 112  # the QUIC header ends at byte 67: its row and two more
    assert note.text.startswith("1130 more bytes")
    assert more.offset == 112 and len(short.data) + len(more.data) == 1242
    assert more.fields == short.fields  # frame offsets throughout: the continued dump clips them
    assert "Bytes (continued)" not in render_terminal(doc, width=WIDTH, color=False)
    assert "Bytes (continued)" in render_terminal(doc, width=WIDTH, color=False, verbose=True)


def test_nested_fields_are_details():
    res = PROBE.analyze(PROBE.collect(
        {"source": "file", "path": str(FIXTURES / "tls-v6.pcap"), "packet": 4}, _ctx()))
    doc = PROBE.build(res, "en")
    tls = next(s for s in doc.find(Section) if s.title.startswith("TLS record header"))
    short, hint, full = tls.blocks
    assert not short.verbose and full.verbose and len(full.rows) > len(short.rows)
    assert hint.text.endswith("nested fields more with -v")
    assert any(r[2].strip() == "server_name (SNI)" for r in short.rows)
    assert any(r[3] == "www.naver.com" for r in full.rows)


def test_json_carries_the_field_map_as_offsets():
    res = result()
    rec = Recording.load(str(FIXTURES / "http-v4.json"))
    data = json.loads(render_json(PROBE.build(res, "en"), res, rec))
    ttl = next(f for f in data["fields"] if f["owner"] == "IP" and f["name"] == "ttl")
    assert (ttl["offset"], ttl["length"], ttl["bits"]) == (22, 1, None)
    ihl = next(f for f in data["fields"] if f["name"] == "ihl")
    assert (ihl["offset"], ihl["bit"], ihl["bits"]) == (14, 4, 4)
    assert bytes.fromhex(data["frame_hex"])[66:69] == b"GET"
    assert [x["pdu"] for x in data["layers"]] == ["frame", "packet", "segment", "message"]


def test_markdown_has_the_hex_block_and_the_field_offsets():
    md = render_markdown(PROBE.build(result(), "en"))
    assert "```text\n0000  02 4e 4c 00 01 00 02 4e  4c 00 00 00 08 00|45 00  .NL....NL.....E.\n" in md
    assert "| 0x0016 | 22 | 1 | IPv4 | TTL |" in md


def test_json_document_has_the_dump_with_offsets():
    import base64

    res = result()
    data = json.loads(render_json(PROBE.build(res, "en"), res, None))
    dump = next(b for s in data["document"]["blocks"] if s["kind"] == "section"
                for b in s["blocks"] if b["kind"] == "hexdump")
    assert base64.b64decode(dump["data"]).hex() == data["frame_hex"]
    assert {"start": 22, "end": 23, "name": "TTL", "layer": "IPv4"} in dump["fields"]


def test_no_packet_is_a_short_report():
    from netlab.probes.layers.model import LayersNameResolutionFailed

    rec = Recording(probe="layers", params={"source": "capture", "kind": "dns", "target": "x.test"},
                    events=[LayersNameResolutionFailed(0.0, "", "no DNS server")])
    res = PROBE.analyze(rec)
    for lang in ("en", "ko"):
        out = render_terminal(PROBE.build(res, lang), width=WIDTH, color=False)
        assert "no DNS server" in out
    assert HANGUL.search(render_terminal(PROBE.build(res, "ko"), width=WIDTH, color=False))


def _ctx():
    from netlab.probes.context import RunContext

    return RunContext()
