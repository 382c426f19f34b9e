"""netlab nat: golden renders (en, ko), the report's parts, and usage errors before any packet.

The golden files are one run from behind nat-port (tests/fixtures/nat/port-full.json: mapping,
filtering, hairpinning, the lifetime, conntrack, hole punching to every peer, TURN, --classic),
verbose, at width 100 without colour.  After an intended change of the output:

    NETLAB_UPDATE_GOLDEN=1 .venv/bin/pytest tests/unit/test_nat_report.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from netlab.model import Recording
from netlab.probes import load_probe
from netlab.report.terminal import render_terminal
from tests.golden_check import check_golden  # noqa: E402

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "nat"
GOLDEN = Path(__file__).resolve().parent.parent / "golden"
UPDATE = os.environ.get("NETLAB_UPDATE_GOLDEN") == "1"




def doc(name: str, lang: str):
    probe = load_probe("nat")
    return probe.build(probe.analyze(Recording.load(str(FIX / f"{name}.json"))), lang)


def render(name: str, lang: str, verbose: bool = True) -> str:
    return render_terminal(doc(name, lang), verbose=verbose, width=100, color=False)


def test_golden_english():
    check_golden("nat.txt", render("port-full", "en"))


def test_golden_korean():
    check_golden("nat.ko.txt", render("port-full", "ko"))


def test_report_sections_follow_the_run():
    text = render("port-full", "en", verbose=False)
    for title in ("Mapping (RFC 5780", "Filtering (RFC 5780", "Hairpinning", "Mapping lifetime", "conntrack",
                  "hole punching and TURN", "ICE, named", "RFC 3489 name"):
        assert title in text, title
    assert "[UNREPLIED]" in text and "XOR-RELAYED-ADDRESS" in text
    tcp = render("tcp", "en", verbose=False)
    assert "Mapping over TCP" in tcp and "ESTABLISHED" in tcp and "ICE, named" not in tcp
    one = render("one-address", "ko", verbose=False)
    assert "테스트하지 않은 것" in one and "CHANGE-REQUEST" in one


def test_server_text_is_data():
    """SOFTWARE and ERROR-CODE reasons come from the server: shown inert in every renderer."""
    from netlab.report.html import render_html
    from netlab.report.markdown import render_markdown

    res = load_probe("nat").analyze(Recording.load(str(FIX / "one-address.json")))
    res.software = "evil\x1b[2J<script>alert(1)</script>"
    d = load_probe("nat").build(res, "en")
    for out in (render_terminal(d, width=100, color=False), render_markdown(d), render_html(d)):
        assert "\x1b[2J" not in out and "evil" in out
    assert "<script>alert" not in render_html(d)
    assert "\\<script>" in render_markdown(d)  # Markdown escapes markup


def test_json_output_carries_the_verdicts(tmp_path):
    from netlab.cli import cli

    r = CliRunner().invoke(cli, ["report", str(FIX / "port-full.json"), "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    result = data.get("result", data)
    assert result["mapping"]["value"] == "endpoint-independent"
    assert result["filtering"]["value"] == "address-and-port-dependent"
    assert {p["host"]: p["direct"] for p in result["peers"]}["c-sym"] == "failed"


@pytest.mark.parametrize("args, why", [
    ([], "--server HOST[:PORT] is needed"),
    (["--server", "stun.lab.test:0"], "bad port"),
    (["--server", "[::1"], "missing ']'"),
    (["--server", "[2001:db8::1]:3478"], "netlab nat speaks IPv4"),
    (["--server", "x", "--peer", "c-full", "--no-punch"], "cannot be combined"),
    (["--server", "x", "--from", "Bad_Host"], "not a sandbox host name"),
    (["--server", "x", "--turn-user", "nopassword"], "USER:PASSWORD"),
    (["--server", "x", "--lifetime", "nan"], "lifetime"),
    (["--server", "x", "--lifetime", "601"], "lifetime"),
])
def test_usage_errors_before_any_packet(args, why, monkeypatch):
    from netlab.cli import cli

    monkeypatch.delenv("NETLAB_SANDBOX_INFO", raising=False)
    r = CliRunner().invoke(cli, ["nat", *args])
    assert r.exit_code == 2, r.output
    assert why in r.output


def test_from_and_peer_need_the_sandbox():
    from netlab.errors import UsageError
    from netlab.probes.context import RunContext
    from netlab.probes.nat.collect import collect
    from netlab.probes.nat.params import make_params

    with pytest.raises(UsageError, match="--sandbox"):
        collect(make_params(("198.18.60.10", 3478), from_host="c-sym"), RunContext(sandbox=None))


def test_the_password_is_never_recorded():
    from netlab.probes.context import RunContext
    from netlab.probes.nat.collect import _recording
    from netlab.probes.nat.params import make_params

    rec = _recording(make_params(("198.18.60.10", 3478), turn="alice:secret"), RunContext())
    assert rec.params["turn_user"] == "alice" and "secret" not in rec.dumps()
