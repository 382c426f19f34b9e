"""netlab path reports, English and Korean, compared with golden files.

The golden files are what students see: the black-hole path (a silent router, frag-needed from
it, PMTU 1280, a stalled upload), verbose, at width 100 without colour.  After an intended change:

    NETLAB_UPDATE_GOLDEN=1 .venv/bin/pytest tests/unit/test_path_golden.py

and read the diff (the Korean one too) before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from netlab.model import Recording
from netlab.probes import load_probe
from netlab.report.terminal import render_terminal

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "path"
GOLDEN = Path(__file__).resolve().parent.parent / "golden"
UPDATE = os.environ.get("NETLAB_UPDATE_GOLDEN") == "1"


def render(lang: str) -> str:
    probe = load_probe("path")
    doc = probe.build(probe.analyze(Recording.load(str(FIX / "blackhole-mtu.json"))), lang)
    return render_terminal(doc, verbose=True, width=100, color=False)


@pytest.mark.parametrize("lang, name", [("en", "path.txt"), ("ko", "path.ko.txt")])
def test_golden(lang, name):
    text = render(lang)
    assert text == render(lang)  # rendering is pure
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"{path} is missing: run with NETLAB_UPDATE_GOLDEN=1 to create it"
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        import difflib

        diff = "\n".join(difflib.unified_diff(expected.splitlines(), text.splitlines(), "golden", "now",
                                              lineterm="", n=2))
        pytest.fail(f"{name} differs from the golden file (NETLAB_UPDATE_GOLDEN=1 to accept):\n{diff}")
