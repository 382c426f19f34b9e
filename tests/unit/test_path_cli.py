"""netlab path: options validated where they are declared, and hostile recordings refused cleanly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from netlab.cli import cli, main
from netlab.probes.path.params import make_params

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "path"


@pytest.mark.parametrize("args, message", [
    (["path", ""], "empty host"),
    (["path", "bad..name"], "not a valid host name"),
    (["path", "198.19.32.80", "--protocol", "icmp", "--port", "80"], "--port means nothing"),
    (["path", "198.19.32.80", "-4", "-6"], "cannot be combined"),
    (["path", "198.19.32.80", "--port", "0"], "0"),
    (["path", "198.19.32.80", "--max-hops", "65"], "65"),
    (["path", "198.19.32.80", "--protocol", "sctp"], "sctp"),
    (["path", "198.19.32.80", "--timeout", "nan"], "finite"),
])
def test_bad_options_are_usage_errors(args, message):
    r = CliRunner().invoke(cli, args)
    assert r.exit_code == 2, r.output
    assert message in r.output


def test_params_defaults_follow_traceroute():
    assert make_params("far.lab.test")["port"] == 33434
    assert make_params("far.lab.test", protocol="tcp")["port"] == 80
    p = make_params("[2001:db8:132::80]", protocol="icmp", v6=True)
    assert p["host"] == "2001:db8:132::80" and p["port"] == 0 and p["family"] == 6


def test_report_rerenders_a_saved_recording():
    r = CliRunner().invoke(cli, ["report", str(FIX / "far-udp.json"), "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    body = data.get("result", data)
    assert body["reached"] and body["dest_ttl"] == 5


def test_hostile_recording_is_analysed_without_crashing(tmp_path):
    data = json.loads((FIX / "blackhole-mtu.json").read_text())
    import base64

    for ev in data["events"]:
        if ev["type"] in ("FrameCaptured", "NeighbourAnswered"):
            field = "data" if ev["type"] == "FrameCaptured" else "frame"
            ev[field] = base64.b64encode(b"\x01" * 7).decode()
        if ev["type"] == "TableRead":
            ev["text"] = "[{\"dst\": 5, \"gateway\": [1]}, \"\\u001b[31m\"]"
        if ev["type"] == "ProbeAnswered":
            ev["raw"] = base64.b64encode(b"\xff").decode()
    bad = tmp_path / "hostile.json"
    bad.write_text(json.dumps(data))
    r = CliRunner().invoke(cli, ["report", str(bad)])
    assert r.exit_code in (0, 3), r.output
    assert "path to blackhole.lab.test" in r.output and "\x1b[31m" not in r.output


def test_malformed_event_is_one_clear_line(tmp_path, capsys):
    data = json.loads((FIX / "far-udp.json").read_text())
    for ev in data["events"]:
        if ev["type"] == "ProbeSent":
            ev["ttl"] = "one"
            break
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    with pytest.raises(SystemExit) as exit_:
        main(["report", str(bad)])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "ProbeSent" in err and "malformed" in err and len(err.strip().splitlines()) <= 2


def test_icmp_without_any_icmp_socket_says_what_to_do(monkeypatch):
    from netlab.errors import PrivilegeRequired
    from netlab.model import Recording
    from netlab.probes.path.probes import Engine

    def refuse(*a, **k):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr("socket.socket", refuse)
    e = Engine(Recording(probe="path"), lambda: 0.0, "198.19.32.80", 4, "icmp")
    with pytest.raises(PrivilegeRequired) as err:
        e.send("trace", 1)
    assert "ping_group_range" in err.value.message and "--protocol udp" in err.value.hint
    assert err.value.exit_code == 4
