"""The HexDump block (a packet-bytes pane) in every renderer: terminal, Markdown, HTML, JSON.

The terminal's text without colour is checked against the exact lines below (what a student sees
when colour is off, and what golden files of probes hold); fields that overlap, nest, run over the
bytes shown or are not ranges at all are each handled one way in every renderer.
"""

from __future__ import annotations

import base64
import json
import re
from html.parser import HTMLParser

from netlab.report.document import Document, HexDump, HexField, HexLegend, Section
from netlab.report.html import CSP, render_html
from netlab.report.jsonout import render_json
from netlab.report.markdown import render_markdown
from netlab.report.terminal import render_terminal

ANSI = re.compile(r"\x1b\[[0-9;]*m")
FRAME = bytes.fromhex("024e4c000100024e4c0000000800450000 7ce7b340004006c535c612000ac612 0164".replace(" ", ""))


def small() -> HexDump:
    """An Ethernet header and the first bytes of IPv4 (34 bytes: three rows)."""
    return HexDump(FRAME, [
        HexField(0, 6, "destination MAC", "Ethernet"),
        HexField(6, 12, "source MAC", "Ethernet"),
        HexField(12, 14, "EtherType", "Ethernet"),
        HexField(14, 15, "version", "IPv4"),
        HexField(14, 15, "header length", "IPv4"),  # shares its byte with version (bit fields)
        HexField(15, 16, "DS field", "IPv4"),
        HexField(16, 18, "total length", "IPv4"),
        HexField(18, 20, "identification", "IPv4"),
        HexField(22, 23, "TTL", "IPv4"),
        HexField(26, 30, "source address", "IPv4"),
        HexField(30, 40, "destination address", "IPv4"),  # runs past the bytes shown: clipped at 34
    ], [HexLegend("Ethernet", "Ethernet header 0-13"), HexLegend("IPv4", "IPv4 header 14-33")], title="Bytes")


def doc(*blocks, lang: str = "en") -> Document:
    return Document(title="t", probe="x", blocks=list(blocks), lang=lang)


def dump_lines(out: str) -> list[str]:
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if "offset" in line or "오프셋" in line)
    end = next(i for i in range(start, len(lines)) if lines[i].strip().startswith(("layers:", "계층:")))
    return lines[start:end + 1]


TERMINAL = """\
  offset  hex                                               text              fields starting here
  0000    02 4e 4c 00 01 00 02 4e  4c 00 00 00 08 00|45 00  .NL....NL.....E.  Ethernet: destination
          └───────────────┘ └────────────────┘ └───┘ └┘ └┘                    MAC, source MAC,
                                                                              EtherType, IPv4:
                                                                              version, header
                                                                              length, DS field
  0010    00 7c e7 b3 40 00 40 06  c5 35 c6 12 00 0a c6 12  .|..@.@..5......  total length,
          └───┘ └───┘       └┘           └─────────┘ └────                    identification, TTL,
                                                                              source address,
                                                                              destination address
  0020    01 64                                             .d
          ────┘
  layers: Ethernet header 0-13 · IPv4 header 14-33"""


def test_terminal_without_colour_marks_each_field_under_its_bytes():
    out = render_terminal(doc(Section("Bytes", [small()])), width=100, color=False)
    assert "\n".join(dump_lines(out)) == TERMINAL


def test_terminal_colours_fields_by_layer_and_the_text_stays_the_same():
    plain = render_terminal(doc(small()), width=100, color=False)
    coloured = render_terminal(doc(small()), width=100, color=True)
    assert "\x1b[36m02\x1b[0m" in coloured  # the first layer in the first colour
    assert "\x1b[32m45\x1b[0m" in coloured  # IPv4 in the second
    assert "\x1b[1;36m02\x1b[0m" in coloured  # the layer's second field: the other shade (source MAC)
    assert ANSI.sub("", coloured) == plain


def test_terminal_narrow_takes_8_bytes_a_row_and_fits():
    out = render_terminal(doc(Section("Bytes", [small()])), width=60, color=False)
    rows = [line for line in out.splitlines() if re.match(r"^\s+00[0-9a-f]{2}  ", line)]
    assert [r.split()[0] for r in rows] == ["0000", "0008", "0010", "0018", "0020"]
    assert all(len(line) <= 60 for line in dump_lines(out))


def test_overlapping_nested_and_out_of_range_fields():
    d = HexDump(b"\x00" * 8, [
        HexField(0, 4, "outer", "A"),
        HexField(1, 2, "inner", "A"),  # nested: its byte is marked as the inner field
        HexField(-5, -1, "before"),  # not in the bytes shown
        HexField(6, 3, "backwards"),  # not a range
        HexField(None, 3, "no start"),  # type: ignore[arg-type]
        HexField(6, 100, "past the end", "B"),  # clipped to 6-8
        HexField(True, 2, "a bool is not an offset"),
    ])
    assert [(a, b, f.name) for a, b, f in d.spans()] == [(0, 4, "outer"), (1, 2, "inner"), (6, 8, "past the end")]
    assert d.owners() == [0, 1, 0, 0, None, None, 2, 2]
    out = render_terminal(doc(d), width=100, color=False)
    assert "└┘ └┘ └───┘       └───┘" in out  # outer, inner, outer again; then the clipped one
    assert "before" not in out and "backwards" not in out
    md = render_markdown(doc(d))
    assert "| 0x0006 | 6-7 | 2 | B | past the end |" in md and "backwards" not in md
    html = render_html(doc(d))
    assert 'title="A: inner (byte 1)"' in html and "before" not in html


def test_a_continued_dump_keeps_frame_offsets():
    d = HexDump(FRAME[20:], small().fields, offset=20)
    out = render_terminal(doc(d), width=100, color=False)
    row = next(line for line in out.splitlines() if line.startswith("0010"))
    assert row[8:20].strip() == ""  # bytes 16-19 are not in it
    assert row[20:].startswith("40 00 40 06  c5 35")  # no layer starts here: no "|"
    assert "TTL, source address" in out and "IPv4:" not in out.split("layers:")[0]
    d2 = HexDump(FRAME[28:], small().fields, offset=28)
    assert "… source address" in render_terminal(doc(d2), width=100, color=False)  # began before the dump


def test_hex_string_data_and_empty_dump():
    assert HexDump("0a0b").data == b"\n\x0b"
    assert "(no bytes)" in render_terminal(doc(HexDump(b"")), width=100, color=False)
    assert "(no bytes)" in render_markdown(doc(HexDump(b"")))
    assert "(no bytes)" in render_html(doc(HexDump(b"")))


def test_verbose_dump_is_hidden_without_v():
    d = small()
    d.verbose = True
    assert "0000" not in render_terminal(doc(d), width=100, color=False)
    assert "0000" in render_terminal(doc(d), width=100, color=False, verbose=True)


def test_korean_labels():
    out = render_terminal(doc(small(), lang="ko"), width=100, color=False)
    assert "오프셋  16진수" in out and "여기서 시작하는 필드" in out and "계층: Ethernet header" in out


def test_names_are_data_in_the_terminal():
    d = HexDump(b"ab", [HexField(0, 2, "evil\x1b]0;title\x07name", "L")])
    out = render_terminal(doc(d), width=100, color=False)
    assert "\x1b" not in out and "\\x1b" in out


# -- Markdown -----------------------------------------------------------------------------


def test_markdown_fenced_block_and_offsets_table():
    md = render_markdown(doc(small()))
    assert ("```text\n"
            "0000  02 4e 4c 00 01 00 02 4e  4c 00 00 00 08 00|45 00  .NL....NL.....E.\n"
            "0010  00 7c e7 b3 40 00 40 06  c5 35 c6 12 00 0a c6 12  .|..@.@..5......\n"
            "0020  01 64                                             .d\n"
            "```") in md
    assert "| offset | bytes | length | layer | field |" in md
    assert "| 0x0016 | 22 | 1 | IPv4 | TTL |" in md
    assert "| 0x001e | 30-33 | 4 | IPv4 | destination address |" in md  # clipped to the bytes shown


def test_markdown_escapes_names_and_outfences_backticks():
    d = HexDump(b"````x|<b>", [HexField(0, 4, "a|b <i>*x*</i> _y_", "L`1")])
    md = render_markdown(doc(d))
    assert "`````text\n0000  60 60 60 60" in md and md.count("`````") == 2  # a fence longer than the data's
    assert "| 0x0000 | 0-3 | 4 | L\\`1 | a\\|b \\<i>\\*x\\*\\</i> \\_y\\_ |" in md


# -- HTML ---------------------------------------------------------------------------------


class _Spans(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack: list[dict] = []
        self.spans: list[tuple[dict, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "span":
            self.stack.append({"attrs": dict(attrs), "text": ""})

    def handle_endtag(self, tag):
        if tag == "span" and self.stack:
            s = self.stack.pop()
            self.spans.append((s["attrs"], s["text"]))

    def handle_data(self, data):
        for s in self.stack:
            s["text"] += data


def test_html_spans_per_field_with_layer_class_and_title():
    page = render_html(doc(small()))
    p = _Spans()
    p.feed(page[page.index('<pre class="hx-hex">'):page.index("</pre>", page.index('<pre class="hx-hex">'))])
    by_title = {a.get("title"): (a.get("class"), t) for a, t in p.spans}
    assert by_title["Ethernet: destination MAC (bytes 0-5, 6 bytes)"] == ("hx-f hx-k0 hx-l0", "02 4e 4c 00 01 00")
    cls, text = by_title["Ethernet: source MAC (bytes 6-11, 6 bytes)"]
    assert "hx-alt" in cls and text == "02 4e  4c 00 00 00"
    assert by_title["IPv4: TTL (byte 22)"][0].startswith("hx-f hx-k8 hx-l1")
    # a field across rows is one span (hovering lights all of it), line break and all
    assert by_title["IPv4: destination address (bytes 30-33, 4 bytes)"][1] == "c6 12\n01 64"
    # hovering any piece of a field, or its name, lights up the whole field (CSS :has, no script)
    assert ".hx:has(.hx-k8:hover) .hx-k8" in page
    assert '<p class="hx-legend"><span class="hx-l0">Ethernet header 0-13</span>' in page


def test_html_escapes_and_keeps_its_policy():
    d = HexDump(b"<s>\"&'", [HexField(0, 3, '<script>alert("x")</script>', 'L"><b>')])
    page = render_html(doc(d))
    assert "<script>alert" not in page and "&lt;script&gt;alert(&quot;x&quot;)" in page
    assert 'L"><b>' not in page
    assert "&lt;s&gt;</span>&quot;&amp;&#x27;</pre>" in page  # the text column's characters too
    assert page.count("<script>") == 1 and f'content="{CSP.replace(chr(39), "&#x27;")}"' in page


# -- JSON ---------------------------------------------------------------------------------


def test_json_has_the_bytes_and_the_field_offsets():
    d = small()
    out = json.loads(render_json(doc(Section("Bytes", [d])), None, None))
    block = out["document"]["blocks"][0]["blocks"][0]
    assert block["kind"] == "hexdump" and block["offset"] == 0 and block["verbose"] is False
    assert base64.b64decode(block["data"]) == FRAME
    assert block["fields"][8] == {"start": 22, "end": 23, "name": "TTL", "layer": "IPv4"}
    assert block["legend"][1] == {"layer": "IPv4", "label": "IPv4 header 14-33"}
    assert block["fields"][-1]["end"] == 40  # JSON keeps the field as the probe gave it
