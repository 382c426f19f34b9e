"""tcp-flow's options: what cannot be right is a usage error before any packet (pure), and the CLI."""

import subprocess
import sys

import pytest
from click.testing import CliRunner

from netlab.errors import UsageError
from netlab.probes.tcp_flow import params as P


def norm(**kw):
    return P.normalize({"host": "source.lab.test", **kw})


def test_defaults_download_from_the_source_port_for_four_seconds():
    p = norm()
    assert p["direction"] == "download" and p["port"] == 19 and p["seconds"] == 4.0 and p["bytes"] is None
    assert norm(direction="upload")["port"] == 9 and norm(port=5201)["port"] == 5201


def test_sizes_and_queues():
    assert P.parse_size("512K", "--bytes") == 512 * 1024 and P.parse_size("10M", "x") == 10 << 20
    assert P.parse_queue("50") == (50, None) and P.parse_queue("64K") == (None, 65536)
    assert norm(bytes="1M")["bytes"] == 1 << 20


@pytest.mark.parametrize("kw, why", [
    (dict(bytes="1M", seconds=2), "not both"),
    (dict(bytes="lots"), "number of bytes"),
    (dict(queue="1000B"), "one full frame"),
    (dict(queue="0"), "1 to 100000"),
    (dict(rate=0.01), "0.1"),
    (dict(rate=float("nan")), "out of range"),
    (dict(loss=100), "every packet"),
    (dict(rate=0, queue="20"), "never fills"),
    (dict(drop_nth=[0]), "numbered from 1"),
    (dict(receiver_buffer="1K"), "2048"),
    (dict(reader_pause=0), "out of range"),
    (dict(cc="vegas"), "reno, cubic, bbr or all"),
    (dict(repeat=50), "1 to 20"),
    (dict(chart="out.gif"), ".svg or .png"),
])
def test_impossible_settings_are_usage_errors(kw, why):
    with pytest.raises(UsageError, match=why):
        norm(**kw)


def test_cc_all_interleaves_the_algorithms_a_socket_may_use():
    p = norm(cc="all", repeat=2)
    assert P.plan(p, ["reno", "cubic", "bbr"]) == ["reno", "cubic", "bbr"] * 2
    assert P.plan(p, ["reno", "bbr"]) == ["reno", "bbr"] * 2
    assert P.plan(norm(), None) == [None]


def test_cli_usage_errors_exit_2_before_any_network_work(capsys, monkeypatch):
    from netlab.cli import cli, main

    monkeypatch.delenv("NETLAB_SANDBOX_INFO", raising=False)
    with pytest.raises(SystemExit) as e:
        main(["tcp-flow", "source.lab.test", "--rate", "10"])
    assert e.value.code == 2 and "only inside the sandbox" in capsys.readouterr().err
    r = CliRunner().invoke(cli, ["tcp-flow", "[::1", "--bytes", "1M"])
    assert r.exit_code == 2
    r = CliRunner().invoke(cli, ["tcp-flow", "source.lab.test", "--drop-nth", "3,x"])
    assert r.exit_code == 2 and "numbered" in r.output
    with pytest.raises(SystemExit) as e:
        main(["tcp-flow", "source.lab.test", "--queue", "100B"])
    assert e.value.code == 2 and "one full frame" in capsys.readouterr().err


def test_help_loads_nothing_heavy():
    code = ("import sys\nfrom netlab.cli import main\ntry:\n    main(['tcp-flow', '--help'])\nexcept SystemExit:\n    pass\n"
            "print([m for m in ('scapy', 'matplotlib', 'rich', 'netlab.probes.tcp_flow.collect') if m in sys.modules])")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.stdout.strip().splitlines()[-1] == "[]", r.stdout
    assert "--drop-nth" in r.stdout and "--reader-pause" in r.stdout
