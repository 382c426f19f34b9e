"""http-state and websocket reports, English and Korean, compared with golden files.

The golden files are what students see for a sandbox run (tests/fixtures/state/app.json: the whole
scripted visit; tests/fixtures/ws/push.json: a push over plain ws:// compared with HTTP polling),
at width 100 without colour.  After an intended change of the output, regenerate them with

    NETLAB_UPDATE_GOLDEN=1 .venv/bin/pytest tests/unit/test_app_tier_golden.py

and read the diff (the Korean one too) before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from netlab.model import Recording
from netlab.probes import load_probe
from netlab.report.terminal import render_terminal
from tests.golden_check import check_golden  # noqa: E402

FIX = Path(__file__).resolve().parents[1] / "fixtures"
GOLDEN = Path(__file__).resolve().parent.parent / "golden"
UPDATE = os.environ.get("NETLAB_UPDATE_GOLDEN") == "1"




@pytest.mark.parametrize("probe, fixture", [("http-state", "state/app.json"), ("websocket", "ws/push.json")])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_golden(probe, fixture, lang):
    rec = Recording.load(str(FIX / fixture))
    p = load_probe(probe)
    text = render_terminal(p.build(p.analyze(rec), lang), verbose=False, width=100, color=False)
    again = render_terminal(p.build(p.analyze(rec), lang), verbose=False, width=100, color=False)
    assert text == again
    check_golden(f"{probe}.txt" if lang == "en" else f"{probe}.ko.txt", text)
