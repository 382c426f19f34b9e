"""`netlab report FILE` renders every saved Recording in tests/fixtures in all three formats.

Offline: only the probes' analyze and build run.  Each new fixture is covered automatically.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.cells import cell_len

from netlab.cli import cli
from netlab.errors import EXIT_FINDINGS, EXIT_NETWORK, EXIT_OK

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _recordings() -> list[Path]:
    out = []
    for path in sorted(FIXTURES.rglob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and data.get("format") == "netlab-recording":
            out.append(path)
    return out


RECORDINGS = _recordings()
# A recording of a total failure renders its report and exits 3; --fail-on is not given here.
OK_CODES = (EXIT_OK, EXIT_NETWORK)


def _run(*args: str):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=True)
    if result.exception and not isinstance(result.exception, SystemExit):
        import traceback

        tb = "".join(traceback.format_exception(result.exception))
        pytest.fail(f"netlab {' '.join(args)} raised:\n{tb}")
    return result


def _id(path: Path) -> str:
    return str(path.relative_to(FIXTURES))


def test_there_are_fixtures_to_render():
    if not RECORDINGS:
        pytest.skip("no recordings in tests/fixtures yet")
    assert all(p.stat().st_size > 0 for p in RECORDINGS)


@pytest.mark.parametrize("path", RECORDINGS, ids=_id)
def test_report_renders_in_three_formats(path, tmp_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    recording = json.loads(path.read_text(encoding="utf-8"))

    term = _run("report", str(path), "--lang", "en")
    assert term.exit_code in OK_CODES, term.output
    lines = term.output.splitlines()
    assert lines and lines[0].strip(), "the report starts with its title"
    assert "Findings" in term.output
    assert max(cell_len(line) for line in lines) <= 100  # the default width when not a terminal

    ko = _run("report", str(path), "--lang", "ko", "-v")
    assert ko.exit_code in OK_CODES
    assert "발견한 점" in ko.output

    js = _run("report", str(path), "--json")
    assert js.exit_code in OK_CODES
    data = json.loads(js.output)
    assert data["schema"] == "netlab-result" and data["schema_version"] == 1
    assert data["probe"] == recording["probe"]
    assert data["generated_from"] == (recording.get("started_at") or None)
    assert data["document"]["probe"] == recording["probe"]
    for f in data["findings"]:
        assert set(f) >= {"code", "severity", "message", "message_ko", "concepts"}
        assert f["severity"] in ("info", "warning", "error")

    md_file = tmp_path / "report.md"
    md = _run("report", str(path), "--markdown", str(md_file))
    assert md.exit_code in OK_CODES
    text = md_file.read_text(encoding="utf-8")
    assert text.startswith("## ") and "### " in text
    assert text.count("```") % 2 == 0
    # the terminal report is still printed when the Markdown goes to a file
    assert md.output == term.output


@pytest.mark.parametrize("path", RECORDINGS, ids=_id)
def test_fail_on_reaches_exit_1(path):
    """--fail-on warning gives exit 1 exactly when a finding is a warning or an error."""
    js = json.loads(_run("report", str(path), "--json").output)
    worst = max((f["severity"] for f in js["findings"]), default=None,
                key=lambda s: ("info", "warning", "error").index(s))
    res = _run("report", str(path), "--fail-on", "warning")
    if worst in ("warning", "error"):
        assert res.exit_code == EXIT_FINDINGS
    else:
        assert res.exit_code in OK_CODES
