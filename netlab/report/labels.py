"""The labels every renderer shares (terminal, Markdown, JSON), from the message catalogue."""

from __future__ import annotations

from netlab.i18n import catalogue

M = catalogue("report", {
    "findings": ("Findings", "발견한 점"),
    "concepts": ("Concepts", "개념 노트"),
    "no_findings": ("No findings: nothing unusual was seen.", "특이한 점이 없습니다."),
    "time": ("time", "시각"),
    "what": ("what happened", "일어난 일"),
    "took": ("took", "소요"),
    "error": ("error", "오류"),
    "warning": ("warning", "경고"),
    "info": ("info", "정보"),
    "hint_blocks": ("{n} more detail block(s)", "자세한 블록 {n}개"),
    "hint_notes": ("the full concept notes", "개념 노트 전문"),
    "hint_findings": ("finding details", "발견한 점의 세부 내용"),
    "hint": ("Run with -v to see {what}.", "-v 옵션으로 다시 실행하면 더 볼 수 있습니다: {what}."),
    "and": (" and ", ", "),
})


def labels(lang: str) -> dict[str, str]:
    """All report labels in one language."""
    return M.labels(lang)
