"""tls-inspect from a fixture Recording to a rendered report: golden files (English and Korean),
the steps called twice in one process, and the Korean report checked for English left over.

After an intended change of the output, regenerate the golden files with

    NETLAB_UPDATE_GOLDEN=1 .venv/bin/pytest tests/unit/test_tls_inspect_golden.py

and read the diff (and the Korean file, by eye) before committing it.
"""

from __future__ import annotations

import os
import re
import string
from pathlib import Path

import pytest

from netlab.model import Recording
from netlab.probes import load_probe
from netlab.probes.tls_inspect.messages import M
from netlab.report.terminal import render_terminal
from tests.golden_check import check_golden  # noqa: E402

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "tls"
GOLDEN = Path(__file__).resolve().parent.parent / "golden"
UPDATE = os.environ.get("NETLAB_UPDATE_GOLDEN") == "1"
WIDTH = 100
# One fault host: a timeline, resumption, a chain with a problem, an error finding and info findings.
SAMPLE = "rec-expired.json"
RECORDINGS = sorted(FIX.glob("rec-*.json"))




def render(path: Path, lang: str, verbose: bool = False) -> str:
    probe = load_probe("tls-inspect")
    doc = probe.build(probe.analyze(Recording.load(str(path))), lang)
    return render_terminal(doc, verbose=verbose, width=WIDTH, color=False)


def test_golden_english():
    check_golden("tls-inspect.txt", render(FIX / SAMPLE, "en"))


def test_golden_korean():
    check_golden("tls-inspect.ko.txt", render(FIX / SAMPLE, "ko", verbose=True))


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_analyze_and_build_twice_in_one_process(lang):
    probe = load_probe("tls-inspect")
    rec = Recording.load(str(FIX / SAMPLE))
    first = probe.analyze(rec)
    second = probe.analyze(rec)
    assert first.to_json() == second.to_json()
    a, b = probe.build(first, lang), probe.build(second, lang)
    assert a.to_json() == b.to_json()
    assert render_terminal(a, width=WIDTH, color=False) == render_terminal(b, width=WIDTH, color=False)


@pytest.mark.parametrize("path", RECORDINGS, ids=lambda p: p.stem)
def test_every_finding_has_korean(path):
    res = load_probe("tls-inspect").analyze(Recording.load(str(path)))
    for f in res.findings:
        assert f.message_ko and f.message_ko != f.message, f.code
        assert re.search("[\uac00-\ud7a3]", f.message_ko), (f.code, f.message_ko)


def _english_fragments() -> set[str]:
    """The literal parts of every English message that has its own Korean: prose (at least three words,
    two of them lowercase English words), not protocol names such as "SYN -> SYN/ACK"."""
    out = set()
    for en, ko in M.messages.values():
        if en == ko:
            continue
        for literal, *_ in string.Formatter().parse(en):
            for part in re.split(r"[():;,]", literal):
                part = part.strip()
                if len(part.split()) >= 3 and len(re.findall(r"\b[a-z]{2,}\b", part)) >= 2:
                    out.add(part)
    return out


@pytest.mark.parametrize("path", RECORDINGS, ids=lambda p: p.stem)
def test_korean_report_has_no_english_sentence_with_a_korean_key(path):
    text = " ".join(render(path, "ko", verbose=True).split())  # unwrap the lines
    left = sorted(f for f in _english_fragments() if f in text)
    assert not left, left


def _without(rec: Recording, *keys: str) -> Recording:
    rec.environment = {k: v for k, v in rec.environment.items() if k not in keys}
    return rec


def test_certificates_are_judged_at_the_recordings_time_never_the_clocks():
    probe = load_probe("tls-inspect")
    rec = Recording.load(str(FIX / SAMPLE))
    assert probe.analyze(rec).chain_sent[0].days_left == -13
    # an older recording without observed_at: its start time, and the report says so
    res = probe.analyze(_without(Recording.load(str(FIX / SAMPLE)), "observed_at"))
    assert res.chain_sent[0].days_left == -13
    assert any("start time" in n.render("en") for n in res.notes)
    assert "tls.cert-expired" in {f.code for f in res.findings}
    # no time at all: dates not judged (not judged now), and said
    rec = _without(Recording.load(str(FIX / SAMPLE)), "observed_at")
    rec.started_at = ""
    res = probe.analyze(rec)
    assert res.chain_sent[0].days_left is None
    assert "tls.cert-expired" not in {f.code for f in res.findings}
    assert any("not checked" in n.render("en") for n in res.notes)
    assert "기간을 확인하지 않았습니다" in render_terminal(probe.build(res, "ko"), width=WIDTH, color=False)


def test_timeline_status_comes_from_the_kind_of_message():
    from netlab.probes.tls_inspect.build import _status

    res = load_probe("tls-inspect").analyze(Recording.load(str(FIX / "rec-client-cert.json")))
    by_kind = {(it.kind, it.after_handshake): _status(it) for it in res.timeline}
    assert by_kind[("compat", False)] == "muted"
    assert by_kind[("alert", True)] == "muted"
    assert by_kind[("handshake", False)] == "ok"
    reset = load_probe("tls-inspect").analyze(Recording.load(str(FIX / "rec-reset.json")))
    assert [_status(it) for it in reset.timeline if it.kind == "rst"] == ["error"]


def test_cli_parses_the_target_without_the_ssl_engine():
    import subprocess
    import sys

    code = ("import sys; from netlab.probes.tls_inspect.params import parse_target; "
            "assert parse_target('[2001:db8::1]:8443') == ('2001:db8::1', 8443); "
            "assert 'ssl' not in sys.modules and 'netlab.probes.tls_inspect.collect' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)
