"""The labels every renderer shares (terminal, Markdown, JSON, HTML), from the message catalogue."""

from __future__ import annotations

from netlab.i18n import catalogue_file

M = catalogue_file("report", __name__)


def labels(lang: str) -> dict[str, str]:
    """All report labels in one language."""
    return M.labels(lang)
