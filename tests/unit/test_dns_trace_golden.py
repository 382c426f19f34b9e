"""dns-trace reports, English and Korean, compared with golden files (and rendered twice).

The golden files are what students see: a trace across two zones with a CNAME (www.naver.com),
verbose, at width 100 without colour.  After an intended change of the output, regenerate them with

    NETLAB_UPDATE_GOLDEN=1 .venv/bin/pytest tests/unit/test_dns_trace_golden.py

and read the diff (the Korean one too) before committing it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from netlab.model import Recording
from netlab.probes import load_probe
from netlab.report.terminal import render_terminal
from tests.golden_check import check_golden  # noqa: E402

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "dns"
GOLDEN = Path(__file__).resolve().parent.parent / "golden"
UPDATE = os.environ.get("NETLAB_UPDATE_GOLDEN") == "1"
WIDTH = 100
SAMPLE = "www.naver.com"




def render(name: str, lang: str) -> str:
    probe = load_probe("dns-trace")
    doc = probe.build(probe.analyze(Recording.load(str(FIX / f"{name}.json"))), lang)
    return render_terminal(doc, verbose=True, width=WIDTH, color=False)


def test_golden_english():
    check_golden("dns-trace.txt", render(SAMPLE, "en"))


def test_golden_korean():
    check_golden("dns-trace.ko.txt", render(SAMPLE, "ko"))


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_analyze_and_build_twice_in_one_process(lang):
    """The registry's steps can be called again and again (no wrapper a submodule can shadow)."""
    probe = load_probe("dns-trace")
    rec = Recording.load(str(FIX / f"{SAMPLE}.json"))
    first = probe.analyze(rec)
    second = probe.analyze(rec)
    assert first.to_json() == second.to_json()
    docs = [probe.build(first, lang), probe.build(second, lang)]
    assert docs[0].to_json() == docs[1].to_json()
    assert render_terminal(docs[0], width=WIDTH, color=False) == render_terminal(docs[1], width=WIDTH, color=False)


# Words of the English report that must not be left in a Korean one (each has a Korean key).
ENGLISH_LEFTOVERS = re.compile(
    r"\b(referral to|record\(s\) for|no answer within|does not exist|glue used|no glue for|"
    r"octets|walk \d|client|quer(y|ies)|outcome|server|address|zone|resolver|cached|chosen|also asked|"
    r"new walk|sub-trace|not a name server|out of bailiwick|ignored:|IGNORED|timeout|unreachable)\b")


# bigtxt's TXT records are English prose from the server: data, shown as it came.
@pytest.mark.parametrize("name", sorted(p.stem for p in FIX.glob("*.json") if p.stem != "bigtxt"))
def test_korean_reports_have_no_english_sentences(name):
    """Outside server data and concept notes' commands, a Korean report has no English words left."""
    text = render(name, "ko")
    text = text.split("개념 노트", 1)[0]  # concept notes are checked in test_concepts
    text = re.sub(r"\[dns\.[a-z-]+\]", "", text)  # finding codes are ids
    lines = [ln for ln in text.splitlines() if " IN " not in ln]  # record text from the server
    left = [ln for ln in lines if ENGLISH_LEFTOVERS.search(ln)]
    assert not left, "\n".join(left)
