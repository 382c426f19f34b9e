"""The sandbox's contract (netlab.sandbox.contract): file names, environment, drop rules, the
SandboxInfo a probe gets, and library code that tells instead of printing.  No namespaces here:
the state directory is a temporary directory and the relay runs without sockets."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from dataclasses import asdict

import pytest

from netlab.errors import SandboxError, SandboxNotRunning, ScenarioError
from netlab.sandbox import context, control, linkemu, links, scenario, supervisor
from netlab.sandbox import state as st
from netlab.sandbox.context import SandboxInfo
from netlab.sandbox.contract import (
    DROP_PROTOCOLS,
    ENV_INFO,
    ENV_NAME,
    DropRule,
    StateFiles,
    parse_drop_rule,
)

# ---------------------------------------------------------------------- names others rely on


def test_names_the_labs_and_scripts_rely_on():
    # labs/04 and labs/05 find the root CA as "$(dirname "$NETLAB_SANDBOX_INFO")/pki/root.pem"
    f = StateFiles("/x/sb")
    assert ENV_INFO == "NETLAB_SANDBOX_INFO" and f.info.name == "info.json"
    assert f.root_ca == f.info.parent / "pki" / "root.pem"
    from netlab.sandbox.pki import SandboxPKI

    assert SandboxPKI(f.pki_dir).root_pem == f.root_ca  # what the PKI writes is what probes read


def test_exec_env_points_at_info_json():
    env = control.exec_env({"name": "sb", "state_dir": "/x/sb"})
    assert env[ENV_INFO] == str(StateFiles("/x/sb").info) and env[ENV_NAME] == "sb"


# ---------------------------------------------------------------------- drop rules


@pytest.mark.parametrize("text, rule", [
    ("udp", DropRule("udp")), ("TCP:82", DropRule("tcp", 82)), ("udp:53", DropRule("udp", 53)),
    ("icmp", DropRule("icmp")), ("icmp6", DropRule("icmp6")), ("all", DropRule("all")),
])
def test_drop_rules_parse(text, rule):
    assert parse_drop_rule(text) == rule
    assert parse_drop_rule(str(rule)) == rule


@pytest.mark.parametrize("text", ["", "udp:", "udp:0", "udp:65536", "icmp:5", "all:1", "sctp", "udp:5x", 53, None])
def test_bad_drop_rules_are_refused(text):
    with pytest.raises(ValueError, match="bad drop rule"):
        parse_drop_rule(text)


def test_scenario_relay_and_tc_read_the_same_rules():
    """Every protocol word is accepted by the scenario, matched by the relay by its protocol
    numbers, and turned into tc filters for exactly the numbers of each IP version."""
    for word in DROP_PROTOCOLS:
        spec = scenario._linkspec({"drop": [word.upper()]}, "t")
        assert spec.drop == [word]
        rule = parse_drop_rule(word)
        assert linkemu.compile_rules(spec.drop) == [(rule.numbers(), None)]
        lines = supervisor.tc_lines("eth0", spec)[1:]  # after "qdisc add ... clsact"
        for family, proto in ((4, "ip"), (6, "ipv6")):
            ours = [x for x in lines if f" protocol {proto} u32" in x]
            nums = rule.numbers(family)
            assert len(ours) == (1 if nums is None else len(nums)), (word, family, lines)
    with pytest.raises(ScenarioError, match="bad rule 'icmp:5'"):
        scenario._linkspec({"drop": ["icmp:5"]}, "t")


# ---------------------------------------------------------------------- SandboxInfo


def _state(tmp_path) -> dict:
    return {
        "name": "sb", "client": "client", "backend": "userspace", "state_dir": str(tmp_path),
        "hosts": [
            {"name": "client", "role": "client", "fqdn": None, "ipv4": "198.18.0.10", "ipv6": None},
            {"name": "resolver", "role": "resolver", "fqdn": None, "ipv4": "198.18.0.53", "ipv6": None},
            {"name": "a-root", "role": "dns-root", "fqdn": "a.root-servers.net", "ipv4": "198.18.1.4",
             "ipv6": "2001:db8:1::4"},
        ],
    }


def test_info_carries_what_a_probe_needs_and_round_trips(tmp_path):
    files = StateFiles(tmp_path)
    info = control.sandbox_info(_state(tmp_path), files)
    assert info.resolver == "198.18.0.53" and info.roots[0]["name"] == "a.root-servers.net."
    assert (info.client, info.state_dir, info.backend) == ("client", str(tmp_path), "userspace")
    assert info.cacert is None  # no PKI made yet
    st.write_json(files.info, asdict(info))
    assert context.read_info(str(files.info)) == info


def test_info_of_an_older_netlab_still_loads(tmp_path):
    path = tmp_path / "info.json"
    path.write_text(json.dumps({"name": "old", "roots": [], "resolver": "198.18.0.53", "cacert": None,
                                "hosts": {}, "something_new": 1}))
    info = context.read_info(str(path))
    assert info.name == "old" and info.resolver == "198.18.0.53"
    assert info.client is None and info.state_dir is None and info.backend is None
    path.write_text("{")
    with pytest.raises(SandboxError, match="cannot read the sandbox description"):
        context.read_info(str(path))


def test_current_and_entering_the_sandbox_one_is_in(tmp_path, monkeypatch):
    files = StateFiles(tmp_path)
    st.write_json(files.info, asdict(control.sandbox_info(_state(tmp_path), files)))
    monkeypatch.delenv(ENV_INFO, raising=False)
    assert context.current() is None
    monkeypatch.setenv(ENV_INFO, str(files.info))
    assert context.enter_sandbox_or_reexec("sb").state_dir == str(tmp_path)
    with pytest.raises(SandboxError, match="already inside sandbox 'sb'"):
        context.enter_sandbox_or_reexec("other")


# ---------------------------------------------------------------------- links, from the info alone


def _relay_answering(files: StateFiles, stop: threading.Event) -> tuple[threading.Thread, list]:
    """A relay without sockets that follows the overrides file, as the real one does."""
    pairs = [linkemu.LinkPair("client/eth0", "a", "b", linkemu.Direction("up", delay_ms=5),
                              linkemu.Direction("down", delay_ms=5))]
    relay = linkemu.Relay.__new__(linkemu.Relay)
    relay.pairs, relay.overrides_seen = pairs, False
    relay.overrides_path, relay.ack_path = str(files.link_overrides), str(files.link_overrides_ack)

    def loop():
        while not stop.is_set():
            relay.check_overrides()
            stop.wait(0.002)

    return threading.Thread(target=loop, daemon=True), pairs


def test_impair_client_link_uses_the_info_state_dir_client_and_backend(tmp_path):
    files = StateFiles(tmp_path)
    info = SandboxInfo(name="sb", client="client", state_dir=str(tmp_path), backend="userspace")
    stop = threading.Event()
    thread, pairs = _relay_answering(files, stop)
    thread.start()
    try:
        restore = links.impair_client_link(info, delay_ms=25, loss_pct=10)
        assert pairs[0].up.delay == pytest.approx(0.030) and pairs[0].down.loss == pytest.approx(0.1)
        restore()
        assert pairs[0].up.delay == pytest.approx(0.005) and pairs[0].down.loss == 0
    finally:
        stop.set()
        thread.join()


@pytest.mark.parametrize("change, message", [
    ({"state_dir": None}, "names no state directory"),
    ({"client": None}, "names no client host"),
    ({"backend": "netem"}, "emulates its links with 'netem'"),
])
def test_impair_client_link_refuses_what_it_cannot_do(tmp_path, change, message):
    info = SandboxInfo(**{"name": "sb", "client": "client", "state_dir": str(tmp_path), "backend": "userspace",
                          **change})
    with pytest.raises(SandboxError, match=message):
        links.impair_client_link(info, delay_ms=1)


# ---------------------------------------------------------------------- library code does not print


@pytest.fixture
def base(tmp_path, monkeypatch):
    monkeypatch.setattr(st, "base_dir", lambda: tmp_path)
    return tmp_path


def _stale(base, name: str) -> None:
    d = base / name
    d.mkdir()
    # a supervisor PID that is certainly not running: a child we started and reaped
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    st.write_json(StateFiles(d).state, {"name": name, "pid": p.pid, "pid_starttime": 1, "state_dir": str(d)})


def test_a_stale_sandbox_is_told_to_say_not_printed(base, capfd):
    _stale(base, "sb")
    heard: list[str] = []
    assert control.status("sb", say=heard.append) == {"name": "sb", "running": False}
    assert heard == ["cleaned up the stale state of sandbox 'sb' (its supervisor was gone)"]
    assert not (base / "sb").exists()
    _stale(base, "sb2")
    with pytest.raises(SandboxNotRunning) as e:
        control.require_running("sb2")  # no say: nothing is said
    assert "netlab sandbox up --name sb2" in e.value.hint
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_exit_status_of_a_child_killed_by_a_signal():
    assert control.exit_status(3) == 3 and control.exit_status(-9) == 137


def test_cli_says_on_stderr(base):
    _stale(base, "sb")
    from click.testing import CliRunner

    from netlab.cli import sandbox as cli_sandbox

    r = CliRunner().invoke(cli_sandbox.group, ["status", "--name", "sb"])
    assert r.exit_code == 5 and "not running" in r.stdout
    assert "netlab: cleaned up the stale state of sandbox 'sb'" in r.stderr


def test_no_print_in_sandbox_library_code():
    """Only processes of their own (the supervisor, the test servers) may print; the rest of
    netlab.sandbox returns data or tells a `say` callback."""
    import ast
    import pathlib

    root = pathlib.Path(scenario.__file__).parent
    allowed = {"supervisor.py", "tcpserver.py", "web.py", "lbbackend.py"}  # their output is their process's log
    offenders = []
    for path in sorted(root.rglob("*.py")):
        if path.name in allowed:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "print":
                offenders.append(f"{path.relative_to(root)}:{node.lineno}")
    assert offenders == []


def test_pki_is_reused_across_sandboxes_through_the_cache(tmp_path, monkeypatch):
    """A second sandbox takes the CA and leaves an earlier one made (sandbox up's biggest cost)."""
    from netlab.sandbox import pki

    monkeypatch.delenv("NETLAB_PKI_CACHE", raising=False)
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    pa, fa = pki.ensure(a, {"www.naver.com": (["www.naver.com"], "ecdsa")})
    pb, fb = pki.ensure(b, {"www.naver.com": (["www.naver.com"], "ecdsa")})
    assert pa.root_pem.read_bytes() == pb.root_pem.read_bytes()
    assert fa["www.naver.com"].key.read_bytes() == fb["www.naver.com"].key.read_bytes()
    cache = tmp_path / pki.CACHE_NAME
    assert (cache / "root.key").stat().st_mode & 0o077 == 0  # private keys stay private
    assert cache.stat().st_mode & 0o777 == 0o700
    monkeypatch.setenv("NETLAB_PKI_CACHE", "0")
    c = tmp_path / "c"
    c.mkdir()
    pc, _ = pki.ensure(c, {})
    assert pc.root_pem.read_bytes() != pa.root_pem.read_bytes()  # off: a CA of its own
