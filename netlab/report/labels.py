"""The labels every renderer shares (terminal, Markdown, JSON, HTML), from the message catalogue."""

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
    # charts (every renderer)
    "chart_series": ("series", "계열"),
    "chart_row": ("row", "행"),
    "chart_part": ("part", "구분"),
    "chart_start": ("start", "시작"),
    "chart_end": ("end", "끝"),
    "chart_more": ("… {n} more value(s), in the JSON output (--json)", "… 값 {n}개 더: JSON 출력(--json)에 있습니다"),
    "chart_empty": ("(no values to draw)", "(그릴 값이 없습니다)"),
    # hex dumps (the packet-bytes pane)
    "hex_offset": ("offset", "오프셋"),
    "hex_hex": ("hex", "16진수"),
    "hex_text": ("text", "문자"),
    "hex_fields": ("fields starting here", "여기서 시작하는 필드"),
    "hex_legend": ("layers", "계층"),
    "hex_empty": ("(no bytes)", "(바이트 없음)"),
    "hex_bytes": ("bytes", "바이트"),
    "hex_length": ("length", "길이"),
    "hex_layer": ("layer", "계층"),
    "hex_field": ("field", "필드"),
    "hex_at": ("bytes {range}, {n} bytes", "바이트 {range}, {n}바이트"),
    "hex_at_one": ("byte {n}", "바이트 {n}"),
    # the HTML page
    "html_report": ("netlab report", "netlab 보고서"),
    "html_details": ("Details", "자세히"),
    "html_verbose": ("shown with -v in the terminal", "터미널에서는 -v로 보이는 내용"),
    "html_evidence": ("Evidence", "근거"),
    "html_full_note": ("The whole note", "노트 전문"),
    "html_see": ("See:", "참고:"),
    "html_expand": ("Open all details", "자세히 모두 펼치기"),
    "html_collapse": ("Close all details", "자세히 모두 접기"),
    "html_values": ("The values behind the chart", "차트의 값"),
    "html_no_chart": ("The chart was not drawn (matplotlib is not installed); its values:",
                      "차트를 그리지 못했습니다(matplotlib이 설치되어 있지 않음). 값은 다음과 같습니다:"),
    "html_seq_axis": ("time", "시각"),
    "html_seq_gap": ("{gap} later (shortened)", "{gap} 뒤 (줄여서 그림)"),
    "html_made_by": ("Made by netlab {version} ({probe}).", "netlab {version} 으로 만들었습니다 ({probe})."),
    "html_language": ("Language: English", "언어: 한국어"),
})


def labels(lang: str) -> dict[str, str]:
    """All report labels in one language."""
    return M.labels(lang)
