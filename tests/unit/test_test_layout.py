"""The test tree itself: pytest imports test modules by basename (no packages below tests/), so two
files with one name in unit/ and integration/ stop the whole run at collection."""

from __future__ import annotations

from collections import Counter
from pathlib import Path


def test_test_modules_have_unique_basenames():
    root = Path(__file__).resolve().parents[1]
    names = Counter(p.name for p in root.rglob("test_*.py"))
    assert [n for n, k in names.items() if k > 1] == []
