"""The three renderers on a sample Document: golden files, plus properties the goldens cannot show.

Golden files live in tests/golden/.  After an intended change of the output, regenerate them with

    NETLAB_UPDATE_GOLDEN=1 .venv/bin/pytest tests/unit/test_renderers.py

and read the diff before committing it: the golden files are what students see.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

import netlab
from netlab.model import Finding
from netlab.report.document import (
    Document,
    KeyValues,
    Section,
    SeqMessage,
    Sequence,
    Table,
    Text,
    Timeline,
    TimelineEntry,
)
from netlab.report.jsonout import render_json, result_object
from netlab.report.markdown import render_markdown
from netlab.report.terminal import render_terminal, tree_prefixes
from tests.golden_check import check_golden  # noqa: E402

# sample_document sits beside this file; import it the way pytest imported us.
_PKG = __name__.rpartition(".")[0]
sample = importlib.import_module(f"{_PKG}.sample_document" if _PKG else "sample_document")

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
UPDATE = os.environ.get("NETLAB_UPDATE_GOLDEN") == "1"
WIDTH = 100




@pytest.fixture
def fixed_version(monkeypatch):
    monkeypatch.setattr(netlab, "__version__", "0.0.0-golden")


# --------------------------------------------------------------------------------------------
# Golden files
# --------------------------------------------------------------------------------------------


def test_terminal_golden():
    check_golden("sample.txt", render_terminal(sample.sample_document(), width=WIDTH, color=False))


def test_terminal_golden_korean():
    check_golden("sample.ko.txt", render_terminal(sample.sample_document("ko"), width=WIDTH, color=False))


def test_terminal_golden_verbose():
    check_golden("sample.verbose.txt",
                 render_terminal(sample.sample_document(), verbose=True, width=WIDTH, color=False))


def test_markdown_golden():
    check_golden("sample.md", render_markdown(sample.sample_document()))


def test_json_golden(fixed_version):
    doc = sample.sample_document()
    check_golden("sample.json", render_json(doc, sample.sample_result(), sample.sample_recording()))


# --------------------------------------------------------------------------------------------
# Terminal
# --------------------------------------------------------------------------------------------


def test_terminal_tells_the_story_in_order():
    out = render_terminal(sample.sample_document(), width=WIDTH, color=False)
    lines = out.splitlines()
    assert lines[0] == "DNS trace: www.naver.com (A)"
    assert lines[2].startswith("www.naver.com resolved to 198.18.4.10")
    order = ["root hints", "What happened", "Hop by hop", "Messages", "Servers", "Each hop", "Findings",
             "Concepts"]
    positions = [out.index(s) for s in order]
    assert positions == sorted(positions), "blocks out of order"
    # findings: worst first, each with its marker and code
    f_start = out.index("Findings")
    assert out.index("✗ error", f_start) < out.index("! warning", f_start) < out.index("• info", f_start)
    assert "[sample.server-timeout]" in out


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("width", [60, 80, 100, 132])
def test_terminal_fits_the_width(lang, width):
    out = render_terminal(sample.sample_document(lang), width=width, color=False, verbose=True)
    too_wide = [line for line in out.splitlines() if cell_len(line) > width]
    assert not too_wide, f"lines wider than {width} cells: {too_wide}"
    assert all(line == line.rstrip() for line in out.splitlines()), "trailing spaces"


def test_verbose_blocks_hidden_unless_verbose():
    doc = sample.sample_document()
    short = render_terminal(doc, width=WIDTH, color=False)
    full = render_terminal(doc, verbose=True, width=WIDTH, color=False)
    for hidden in ("hidden section body", "Wire bytes of the last response", "out-of-bailiwick additional"):
        assert hidden not in short
        assert hidden in full
    assert "Run with -v to see 2 more detail block(s)" in short
    assert "Run with -v" not in full
    # concept notes: first paragraph unless verbose
    assert "fibre covers about 200 km" not in short
    assert "fibre covers about 200 km" in full


def test_unknown_concept_ids_are_skipped():
    doc = Document(title="t", probe="p", findings=[Finding("x.y", "info", "m", concepts=("no.such-note",))])
    for out in (render_terminal(doc, width=WIDTH, color=False), render_markdown(doc)):
        assert "no.such-note" not in out.replace("x.y", "")
        assert "Concepts" not in out


def test_colour_only_when_asked(monkeypatch):
    doc = sample.sample_document()
    assert "\x1b[" in render_terminal(doc, width=WIDTH, color=True)
    assert "\x1b[" not in render_terminal(doc, width=WIDTH, color=False)
    # pytest captures stdout, so it is not a terminal: no colour by default
    assert "\x1b[" not in render_terminal(doc, width=WIDTH)


def test_no_color_env_and_default_width_in_a_subprocess():
    """On a real terminal colour is on; NO_COLOR turns it off.  Not a terminal: width 100."""
    code = (
        "import sys, pty, os\n"
        f"sys.path.insert(0, {str(Path(__file__).resolve().parent)!r})\n"
        "from sample_document import sample_document\n"
        "from netlab.report.terminal import render_terminal\n"
        "out = render_terminal(sample_document())\n"
        "print(max(len(l) for l in out.splitlines()), '\\x1b[' in out)\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "FORCE_COLOR")}
    piped = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    width, coloured = piped.stdout.split()
    assert int(width) <= 100 and coloured == "False"
    # a pseudo-terminal: colour on, unless NO_COLOR
    pty_code = (
        "import os, pty, sys\n"
        "pid, fd = pty.fork()\n"
        "if pid == 0:\n"
        f"    os.execvpe(sys.executable, [sys.executable, '-c', {code!r}], os.environ)\n"
        "out = b''\n"
        "while True:\n"
        "    try:\n"
        "        chunk = os.read(fd, 65536)\n"
        "    except OSError:\n"
        "        break\n"
        "    if not chunk:\n"
        "        break\n"
        "    out += chunk\n"
        "os.waitpid(pid, 0)\n"
        "sys.stdout.write(out.decode().strip().splitlines()[-1])\n"
    )
    tty = subprocess.run([sys.executable, "-c", pty_code], capture_output=True, text=True, env=env,
                         check=True, timeout=30)
    assert tty.stdout.split()[1] == "True"
    tty_nc = subprocess.run([sys.executable, "-c", pty_code], capture_output=True, text=True,
                            env=dict(env, NO_COLOR="1"), check=True, timeout=30)
    assert tty_nc.stdout.split()[1] == "False"


def _cells(line: str) -> list[str]:
    """A line as terminal cells: a wide character is followed by an empty filler cell."""
    out: list[str] = []
    for ch in line:
        out.append(ch)
        if cell_len(ch) == 2:
            out.append("")
    return out


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_keyvalues_align_with_wide_characters(lang):
    doc = Document(title="t", probe="p", lang=lang, blocks=[
        KeyValues([("이름", "a"), ("전송 계층", "b"), ("ttl", "c")]),
    ])
    out = render_terminal(doc, width=WIDTH, color=False)
    rows = [line for line in out.splitlines() if line.endswith((" a", " b", " c"))]
    assert len(rows) == 3
    assert len({cell_len(r) for r in rows}) == 1, rows  # values start in the same cell column


def _diagram(out: str, header_word: str) -> list[str]:
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if header_word in line)
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].strip())
    return lines[start:end]


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("width", [60, 100])
def test_sequence_arrows_end_on_lifelines(lang, width):
    doc = sample.sample_document(lang)
    seq = next(b for s in doc.blocks if hasattr(s, "blocks") for b in s.blocks if isinstance(b, Sequence))
    out = render_terminal(Document(title="t", probe="p", lang=lang, blocks=[seq]), width=width, color=False)
    rows = [_cells(r) for r in _diagram(out, "client")]
    # the header: names on one row, or staggered on two when they do not fit side by side
    first_lifeline = next(i for i, r in enumerate(rows) if set("".join(r)) == {"|", " "})
    assert first_lifeline in (1, 2)
    header, rows = rows[:first_lifeline], rows[first_lifeline:]
    xs = [i for i, c in enumerate(rows[0]) if c == "|"]
    assert len(xs) == len(seq.participants)
    for p, x in zip(seq.participants, xs, strict=True):
        # the name, or a shortened "nam…", centred over its lifeline on one of the header rows
        candidates = [p] + [p[:k] + "…" for k in range(1, len(p))]

        def centred(c, h, x=x):
            start = x - cell_len(c) // 2
            return "".join(h[start:start + len(_cells(c))]) == c

        assert any(centred(c, h) for c in candidates for h in header), (p, ["".join(h) for h in header])
    # every message of the sample has a time: the rows with a time on the left are the messages
    timed = [r for r in rows if "".join(r[:xs[0] - 2]).strip()]
    assert len(timed) == len(seq.messages)
    for m, row in zip(seq.messages, timed, strict=True):
        assert "".join(row[:xs[0]]).strip().endswith("ms")
        if m.src == m.dst:
            continue
        a, b = seq.participants.index(m.src), seq.participants.index(m.dst)
        assert row[xs[a]] == "|" and row[xs[b]] == "|", "".join(row)
        lo, hi = sorted((xs[a], xs[b]))
        head = row[hi - 1] if b > a else row[lo + 1]
        assert head == ("x" if m.status == "error" else (">" if b > a else "<")), "".join(row)
        assert row[lo + 1:hi].count("") + len("".join(row[lo + 1:hi])) == hi - lo - 1


def test_sequence_with_unknown_participant_and_no_times():
    seq = Sequence(participants=["a"], messages=[SeqMessage("a", "b", "hello"), SeqMessage("b", "a", "hi")])
    out = render_terminal(Document(title="t", probe="p", blocks=[seq]), width=80, color=False)
    assert "hello" in out and "hi" in out
    md = render_markdown(Document(title="t", probe="p", blocks=[seq]))
    assert "participant P1 as b" in md


def test_tree_prefixes():
    assert tree_prefixes([0, 1, 1, 2, 1, 0, 1]) == ["", "├─ ", "├─ ", "│  └─ ", "└─ ", "", "└─ "]
    assert tree_prefixes([0, 1, 2, 2, 0]) == ["", "└─ ", "   ├─ ", "   └─ ", ""]


def test_timeline_nesting_is_drawn():
    out = render_terminal(sample.sample_document(), width=WIDTH, color=False)
    assert "├─ ✓ asked a.root-servers.net" in out
    assert "│  └─ · ns1.naver.com is 198.18.3.1" in out
    assert "└─ ✗ asked ns2.naver.com (198.18.3.2): no answer" in out


def test_empty_document():
    doc = Document(title="Nothing", probe="p")
    out = render_terminal(doc, width=WIDTH, color=False)
    assert out.startswith("Nothing\n")
    assert "No findings" in out
    assert "No findings" in render_markdown(doc)
    json.loads(render_json(doc, None, None))


# --------------------------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------------------------


def test_markdown_structure():
    md = render_markdown(sample.sample_document())
    lines = md.splitlines()
    assert lines[0] == "## DNS trace: www.naver.com (A)"
    assert not any(line.startswith("# ") for line in lines), "no level-1 heading: the worksheet owns it"
    assert "### What happened" in lines and "### Findings" in lines and "### Concepts" in lines
    assert "#### Raw details" in lines
    assert "| zone | server | address | RTT | rcode | outcome |" in lines
    assert "| naver.com. | ns1.naver.com | 198.18.3.1 | 10.3 ms | NOERROR | CNAME \\| AA |" in lines
    i = lines.index("```mermaid")
    assert lines[i + 1] == "sequenceDiagram"
    assert "    P0-xP3: query (ns2) (t=152 ms)" in lines
    assert "    P2-->>P0: referral: naver.com. (t=71.0 ms)" in lines
    assert "hidden section body" not in md
    assert "hidden section body" in render_markdown(sample.sample_document(), verbose=True)
    assert md.count("```") % 2 == 0


def test_markdown_escapes():
    doc = Document(title="_dmarc <x>", probe="p", blocks=[
        Text("# not a heading\n1. not a list"),
        Table(columns=["a|b"], rows=[["x\ny"]]),
        Sequence(participants=["c"], messages=[SeqMessage("c", "c", "a;b #1 <x>")]),
        Timeline(entries=[TimelineEntry("*bold*", detail="two\n- lines", depth=1)]),
        KeyValues([("k", "v1\nv2")]),
    ])
    md = render_markdown(doc)
    assert md.startswith("## \\_dmarc \\<x>\n")
    assert "\\# not a heading\n1\\. not a list" in md
    # a line break is kept only in multi-line fields; in a cell or a value it is shown as \n (sanitiser)
    assert "| a\\|b |" in md and "| x\\\\ny |" in md
    assert "P0->>P0: a#59;b #35;1 #lt;x#gt;" in md
    assert "  - ✓ \\*bold\\*\\\n    two\\\n    \\- lines\n" in md  # hard breaks, indented, no new item
    assert "- **k:** v1\\\\nv2" in md
    from netlab.report.markdown import esc

    assert esc("TIME_WAIT _dmarc x_") == "TIME_WAIT \\_dmarc x\\_"  # intraword '_' is plain text


@pytest.mark.parametrize("render", ["terminal", "markdown"])
def test_block_titled_like_its_section_is_titled_once(render):
    doc = Document(title="t", probe="p", blocks=[
        Section("Who talked to whom", [Table(["a"], [["1"]], title="Who talked to whom"),
                                       Table(["b"], [["2"]], title="Other")]),
    ])
    out = render_terminal(doc, width=WIDTH, color=False) if render == "terminal" else render_markdown(doc)
    assert out.count("Who talked to whom") == 1
    assert "Other" in out


# --------------------------------------------------------------------------------------------
# JSON
# --------------------------------------------------------------------------------------------


def test_json_envelope(fixed_version):
    doc = sample.sample_document()
    data = json.loads(render_json(doc, sample.sample_result(), sample.sample_recording()))
    assert list(data)[:5] == ["schema", "schema_version", "probe", "netlab_version", "generated_from"]
    assert data["schema"] == "netlab-result" and data["schema_version"] == 1
    assert data["probe"] == "dns-trace"
    assert data["netlab_version"] == "0.0.0-golden"
    assert data["generated_from"] == sample.STARTED_AT
    # the result's own fields at the top level
    assert data["answer"][1] == {"name": "www.naver.com.nheos.com.", "type": "A", "ttl": 60, "data": "198.18.4.10"}
    assert data["hops"][2]["flags"] == ["aa"] and data["hops"][0]["rtt_ms"] == 40.52
    assert data["wire"] == "EjSBgA=="  # bytes as base64
    assert data["unreachable"] is False
    assert [f["severity"] for f in data["findings"]] == ["warning", "info", "error"]  # result order
    assert data["findings"][0] == {
        "code": "sample.glue-ignored", "severity": "warning",
        "message": sample.FINDINGS[0].message, "message_ko": sample.FINDINGS[0].message_ko,
        "concepts": ["net.latency-vs-rtt"], "detail": sample.FINDINGS[0].detail,
        "detail_ko": sample.FINDINGS[0].detail_ko,
    }
    # concept notes: only the known ones, in the document's language
    assert set(data["concepts"]) == {"net.latency-vs-rtt", "net.layers-encapsulation", "net.timeout"}
    assert data["concepts"]["net.timeout"]["title"] == "A timeout is not an answer"
    ko = json.loads(render_json(sample.sample_document("ko"), sample.sample_result(), sample.sample_recording()))
    assert ko["concepts"]["net.timeout"]["title"] == "타임아웃은 응답이 아닙니다"
    # the document, every block kind, verbose blocks included
    kinds = set()

    def walk(blocks):
        for b in blocks:
            kinds.add(b["kind"])
            walk(b.get("blocks", []))

    walk(data["document"]["blocks"])
    assert kinds == {"keyvalues", "section", "timeline", "sequence", "text", "table"}
    assert "hidden section body" in json.dumps(data["document"])


def test_json_reserved_names_are_refused():
    from dataclasses import dataclass

    from netlab.model import Result

    @dataclass
    class Clashing(Result):
        concepts: list = None

    with pytest.raises(ValueError, match="reserves"):
        result_object(Document(title="t", probe="p"), Clashing(), None)


def test_document_find_walks_sections_in_order():
    from netlab.report.document import Document, Section, Table, Text

    t1, t2, t3 = Table(["a"], [["1"]]), Table(["b"], [["2"]]), Table(["c"], [["3"]])
    doc = Document(title="x", probe="p", blocks=[
        t1, Section("s", [Text("x"), Section("inner", [t2])]), t3,
    ])
    assert doc.find(Table) == [t1, t2, t3]
    assert [s.title for s in doc.find(Section)] == ["s", "inner"]
    assert doc.find(int) == []
