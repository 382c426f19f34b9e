"""journey's report: golden renders (English, Korean), the Korean report without English left,
JSON for tooling, `netlab report FILE --step NAME` for a nested probe, the command line.

After an intended change of the output, regenerate the golden files with

    NETLAB_UPDATE_GOLDEN=1 .venv/bin/pytest tests/unit/test_journey_report.py

and read the diff (and the Korean file, by eye) before committing it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from netlab.cli import cli
from netlab.model import Recording
from netlab.probes import load_probe
from netlab.report.terminal import render_terminal

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "journey"
GOLDEN = Path(__file__).resolve().parent.parent / "golden"
UPDATE = os.environ.get("NETLAB_UPDATE_GOLDEN") == "1"
SAMPLE = FIX / "naver-browser-like.json"


def render(path: Path, lang: str, verbose: bool = False) -> str:
    probe = load_probe("journey")
    return render_terminal(probe.build(probe.analyze(Recording.load(str(path))), lang), verbose=verbose, width=100,
                           color=False)


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"{path} is missing: run with NETLAB_UPDATE_GOLDEN=1 to create it"
    if text != path.read_text(encoding="utf-8"):
        import difflib

        diff = "\n".join(difflib.unified_diff(path.read_text(encoding="utf-8").splitlines(), text.splitlines(),
                                              "golden", "now", lineterm="", n=2))
        pytest.fail(f"{name} differs from the golden file (NETLAB_UPDATE_GOLDEN=1 to accept):\n{diff}")


def test_golden_english():
    check_golden("journey.txt", render(SAMPLE, "en"))


def test_golden_korean():
    check_golden("journey.ko.txt", render(SAMPLE, "ko"))


@pytest.mark.parametrize("name", sorted(p.name for p in FIX.glob("*.json")))
def test_every_fixture_renders_in_both_languages_twice(name):
    for _ in range(2):
        for lang in ("en", "ko"):
            for verbose in (False, True):
                assert render(FIX / name, lang, verbose).strip()


def test_korean_report_speaks_korean():
    ko = render(SAMPLE, "ko", verbose=True)
    for english in ("The visit, step by step", "Where did the time go", "what happened", "answered by",
                    "application (7)", "stub resolver:", "known from earlier", "first FIN"):
        assert english not in ko, english
    for korean in ("방문 과정, 단계별로", "응용 계층 (7)", "전송 계층 (4)", "네트워크 계층 (3)", "링크 계층 (2)",
                   "스텁 리졸버", "게이트웨이"):
        assert korean in ko, korean


def test_report_shows_every_part():
    text = render(SAMPLE, "en")
    for part in ("The visit, step by step", "Where did the time go", "Every party on one diagram", "Names",
                 "Connections", "Requests", "Looked at closer", "Findings",
                 "[application (7)] DNS/UDP · resolver 198.18.0.53", "[transport (4)] TCP",
                 "[application (5-6)] TLS 1.3", "[network (3)] IP · kernel", "[link (2)] ARP · gateway 198.18.0.1",
                 "ClientHello (SNI www.naver.com)", "GET / HTTP/1.1", "HTTP/1.1 301 Moved Permanently"):
        assert part in text, part


def _netlab(*args: str) -> subprocess.CompletedProcess:
    code = "import sys; from netlab.cli import main; sys.argv[0] = 'netlab'; main()"
    env = {**os.environ, "NETLAB_LANG": "en", "COLUMNS": "100"}
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=60)


def test_json_for_tooling():
    p = _netlab("report", str(SAMPLE), "--json")
    assert p.returncode == 0, p.stderr
    data = json.loads(p.stdout)
    assert data["schema"] == "netlab-result" and data["probe"] == "journey"
    assert data["final_url"] == "https://www.naver.com/"
    assert [s["kind"] for s in data["steps"]][:3] == ["address-bar", "hosts-file", "resolver"]
    assert {s["layer"] for s in data["steps"]} == {"application", "transport", "network", "link"}
    assert [r["layer"] for r in data["layers"]] == ["application", "transport", "network", "link"]
    assert data["sequence"]["participants"][:2] == ["client", "resolver"]
    assert {i["step"] for i in data["inspections"]} == {"tcp", "tls"}


def test_report_step_renders_a_nested_probe_in_full():
    p = _netlab("report", str(SAMPLE), "--step", "tls", "--json")
    assert p.returncode == 0, p.stderr
    data = json.loads(p.stdout)
    assert data["probe"] == "tls-inspect" and data["version"] == "TLS 1.3" and data["host"] == "www.naver.com"
    p = _netlab("report", str(SAMPLE), "--step", "tcp")
    assert p.returncode == 0 and "SYN" in p.stdout and "TIME_WAIT" in p.stdout
    cold = _netlab("report", str(FIX / "cold.json"), "--step", "dns:www.naver.com", "--json")
    assert cold.returncode == 0 and json.loads(cold.stdout)["probe"] == "dns-trace"
    bad = _netlab("report", str(SAMPLE), "--step", "nope")
    assert bad.returncode == 2 and "steps: tcp, tls" in bad.stderr
    other = _netlab("report", str(Path(__file__).parent.parent / "fixtures" / "tcp" / "refused.json"), "--step", "tcp")
    assert other.returncode == 2 and "steps: none" in other.stderr


def test_report_step_of_a_tampered_file_is_a_malformed_recording(tmp_path):
    data = json.loads(SAMPLE.read_text())
    for e in data["events"]:
        if e["type"] == "StepRecorded" and e["step"] == "tcp":
            e["recording"]["params"]["port"] = "eighty"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    p = _netlab("report", str(path), "--step", "tcp")
    assert p.returncode != 0 and "malformed recording" in p.stderr and "Traceback" not in p.stderr
    ok = _netlab("report", str(path))  # the journey itself still renders, the step says why not
    assert ok.returncode == 0 and "malformed" in ok.stdout


def test_command_line_usage_errors_and_help():
    r = CliRunner().invoke(cli, ["journey", "--help"])
    assert r.exit_code == 0 and "--browser-like" in r.output and "--cold" in r.output and "--no-follow" in r.output
    for bad in (["journey", "naver.com\n"], ["journey", "naver.com", "--protocol", "h4"],
                ["journey", "naver.com", "--pcap", "/nonexistent-dir/x.pcap"]):
        r = CliRunner().invoke(cli, bad)
        assert r.exit_code == 2, (bad, r.output)
    r = CliRunner().invoke(cli, ["report", "--help"])
    assert "--step" in r.output
