"""tcp-handshake reports, English and Korean, compared with golden files (and rendered twice).

The golden files are what students see: a connection through a relay that reordered one of the
server's segments (tests/fixtures/tcp/lossy-reorder.json: handshake, data, duplicate ACKs, an
out-of-order segment, a retransmission, the client's close and TIME_WAIT), verbose, at width 100
without colour.  After an intended change of the output, regenerate them with

    NETLAB_UPDATE_GOLDEN=1 .venv/bin/pytest tests/unit/test_tcp_handshake_golden.py

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

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "tcp"
GOLDEN = Path(__file__).resolve().parent.parent / "golden"
UPDATE = os.environ.get("NETLAB_UPDATE_GOLDEN") == "1"
WIDTH = 100
SAMPLE = "lossy-reorder"
NAMES = sorted(p.stem for p in FIX.glob("*.json"))




def render(name: str, lang: str) -> str:
    probe = load_probe("tcp-handshake")
    doc = probe.build(probe.analyze(Recording.load(str(FIX / f"{name}.json"))), lang)
    return render_terminal(doc, verbose=True, width=WIDTH, color=False)


def test_golden_english():
    check_golden("tcp-handshake.txt", render(SAMPLE, "en"))


def test_golden_korean():
    check_golden("tcp-handshake.ko.txt", render(SAMPLE, "ko"))


@pytest.mark.parametrize("name", NAMES)
def test_analyze_and_build_twice_in_one_process(name):
    """The registry's steps can be called again and again (no wrapper shadowed by a submodule)."""
    probe = load_probe("tcp-handshake")
    rec = Recording.load(str(FIX / f"{name}.json"))
    renders = []
    for _ in range(2):
        res = probe.analyze(rec)
        for lang in ("en", "ko"):
            renders.append(render_terminal(probe.build(res, lang), verbose=True, width=WIDTH, color=False))
    assert renders[:2] == renders[2:]
    assert renders[0] != renders[1]


# Particles against their word: "SYN을", not "SYN 을"; "60초", not "60 초".
PARTICLE_SPACE = re.compile(r"[A-Za-z0-9)\]]\s(?:을|를|이|가|은|는|와|과|로|으로)(?=[\s,.:;)]|$)")
NUMBER_UNIT_SPACE = re.compile(r"\d\s(?:초|바이트|번)")


@pytest.mark.parametrize("name", NAMES)
def test_korean_report_style(name):
    ko = render(name, "ko")
    assert not PARTICLE_SPACE.search(ko), PARTICLE_SPACE.search(ko)
    assert not NUMBER_UNIT_SPACE.search(ko), NUMBER_UNIT_SPACE.search(ko)
    assert "윈도우" not in ko  # "Windows" for the OS; 윈도 is the TCP window
