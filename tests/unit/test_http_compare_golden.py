"""http-compare reports, English and Korean, compared with golden files (and rendered twice).

The golden files are what students see: /many.html with 8 requests over a 50 ms RTT, every
protocol mode (waterfalls, multiplexing, 0-RTT), and a --hol run (http-compare-hol*.txt), at width
100 without colour.  After an intended
change of the output, regenerate them with

    NETLAB_UPDATE_GOLDEN=1 .venv/bin/pytest tests/unit/test_http_compare_golden.py

and read the diff (the Korean one too) before committing it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from netlab.i18n import load_all, problems
from netlab.model import Recording
from netlab.probes import load_probe
from netlab.report.terminal import render_terminal
from tests.golden_check import check_golden  # noqa: E402

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "http"
GOLDEN = Path(__file__).resolve().parent.parent / "golden"
UPDATE = os.environ.get("NETLAB_UPDATE_GOLDEN") == "1"
WIDTH = 100
SAMPLE = "many-50ms"
FIXTURES = sorted(p.stem for p in FIX.glob("*.json"))




def render(name: str, lang: str, verbose: bool = False) -> str:
    probe = load_probe("http-compare")
    doc = probe.build(probe.analyze(Recording.load(str(FIX / f"{name}.json"))), lang)
    return render_terminal(doc, verbose=verbose, width=WIDTH, color=False)


def test_golden_english():
    check_golden("http-compare.txt", render(SAMPLE, "en"))


def test_golden_korean():
    check_golden("http-compare.ko.txt", render(SAMPLE, "ko"))


# --hol (one packet dropped on purpose, Reno on TCP against quic-go's NewReno): the per-stream tables,
# the timeline chart and the findings, in both languages
HOL_SAMPLE = "hol-reno-50ms"


def test_golden_hol_english():
    check_golden("http-compare-hol.txt", render(HOL_SAMPLE, "en"))


def test_golden_hol_korean():
    check_golden("http-compare-hol.ko.txt", render(HOL_SAMPLE, "ko"))


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_analyze_and_build_twice_in_one_process(lang):
    """The registry's steps can be called again and again (no wrapper a submodule can shadow)."""
    probe = load_probe("http-compare")
    rec = Recording.load(str(FIX / f"{SAMPLE}.json"))
    first = probe.analyze(rec)
    second = probe.analyze(rec)
    assert first.to_json() == second.to_json()
    docs = [probe.build(first, lang), probe.build(second, lang)]
    assert docs[0].to_json() == docs[1].to_json()
    assert render_terminal(docs[0], width=WIDTH, color=False) == render_terminal(docs[1], width=WIDTH, color=False)


def test_catalogue_is_complete():
    load_all()
    assert [p for p in problems() if p.startswith("http.")] == []


@pytest.mark.parametrize("name", FIXTURES)
def test_every_finding_has_korean(name):
    res = load_probe("http-compare").analyze(Recording.load(str(FIX / f"{name}.json")))
    assert res.findings
    for f in res.findings:
        assert f.message_ko and re.search(r"[가-힣]", f.message_ko), f


# Words of the English report that must not be left in a Korean one (each has a Korean key).
ENGLISH_LEFTOVERS = re.compile(
    r"\b(resumed|accepted|header|record|failed|closed|connections?|expected|round trips?|timed out|"
    r"advertis\w*|blocked|followed|redirect|answered|client|sandbox scenario|loss|delay|requests?|objects?|"
    r"waterfall|phase|first byte|last byte|none|nothing|measured|samples|verification|handshake with|"
    r"run|runs|median|protocol|negotiated|on the wire|through)\b", re.IGNORECASE)
# Text that is data, not ours: the OpenSSL verify message, the Alt-Svc header as the server sent it.
DATA = re.compile(r"unable to get local issuer certificate|h3=\"[^\"]*\"(; ma=\d+)?")


@pytest.mark.parametrize("name", FIXTURES)
def test_korean_reports_have_no_english_sentences(name):
    """Outside server data and concept notes, a Korean report has no English words left."""
    text = render(name, "ko", verbose=True)
    text = text.split("개념 노트", 1)[0]  # concept notes are checked in test_concepts
    text = re.sub(r"\[http\.[a-z0-9-]+\]", "", text)  # finding codes are ids
    text = re.sub(r"\b(connection|http11|http2)\.[a-z_.]+|\b(quic|h3|request)\.[a-z_.]+", "", text)  # trace names
    text = DATA.sub("", text)
    text = re.sub(r"--[a-z0-9-]+", "", text)  # option names (--loss, --server-cc) are what the user types
    left = [ln for ln in text.splitlines() if ENGLISH_LEFTOVERS.search(ln)]
    assert not left, "\n".join(left)
