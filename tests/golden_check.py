"""Golden files, compared in one place: the tests render a report and call check_golden(name, text).

The golden files (tests/golden/) are what students see.  After an intended change of the output,
regenerate them with NETLAB_UPDATE_GOLDEN=1 and read the diff before committing it.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("NETLAB_UPDATE_GOLDEN") == "1"


def check_golden(name: str, text: str) -> None:
    """Compare ``text`` with tests/golden/NAME (or write it there under NETLAB_UPDATE_GOLDEN=1)."""
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"{path} is missing: run with NETLAB_UPDATE_GOLDEN=1 to create it"
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = "\n".join(difflib.unified_diff(expected.splitlines(), text.splitlines(), "golden", "now",
                                              lineterm="", n=2))
        pytest.fail(f"{name} differs from the golden file (NETLAB_UPDATE_GOLDEN=1 to accept):\n{diff}")
