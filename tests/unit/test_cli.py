"""The command line: fast help (no heavy imports), one-line purposes, exit codes and diagnoses.

Each check runs netlab in a fresh Python process, as a user would.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys

import click
import pytest

from netlab.cli import COMMANDS
from netlab.errors import EXIT_INTERNAL, EXIT_USAGE

HEAVY = ("scapy", "aioquic", "httpx", "dns.query", "rich")
ENV = {k: v for k, v in os.environ.items() if k not in ("NETLAB_TRACEBACK", "NETLAB_LANG")}
ENV.update(NO_COLOR="1", COLUMNS="100")


def run_netlab(*args: str, cwd: str | None = None) -> subprocess.CompletedProcess:
    code = "import sys; from netlab.cli import main; main(sys.argv[1:])"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=ENV,
                          cwd=cwd, timeout=60)


def available_commands() -> list[str]:
    return [name for name, target in COMMANDS.items()
            if importlib.util.find_spec(target.split(":")[0]) is not None]


# One process runs --version, --help and every command's --help in turn, recording after each
# which heavy modules are loaded: the first invocation that pulls one in is the culprit.
IMPORT_PROBE = r"""
import json, sys, io, contextlib
from netlab.cli import main, cli, COMMANDS
HEAVY = HEAVY_TUPLE
def heavy():
    return sorted(m for m in sys.modules if any(m == h or m.startswith(h + ".") for h in HEAVY))
report = []
def run(args):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            main(args)
            code = 0
        except SystemExit as e:
            code = e.code
    report.append({"args": args, "code": code, "heavy": heavy(), "out": out.getvalue()})
run(["--version"])
run(["--help"])
import click
ctx = click.Context(cli)
for name in cli.list_commands(ctx):
    run([name, "--help"])
    cmd = cli.get_command(ctx, name)
    if isinstance(cmd, click.Group):
        for sub in cmd.list_commands(click.Context(cmd)):
            run([name, sub, "--help"])
sys.stderr.write("\nREPORT " + json.dumps(report) + "\n")
""".replace("HEAVY_TUPLE", repr(HEAVY))


@pytest.fixture(scope="module")
def import_report() -> list[dict]:
    proc = subprocess.run([sys.executable, "-c", IMPORT_PROBE], capture_output=True, text=True, env=ENV,
                          timeout=120)
    line = [x for x in proc.stderr.splitlines() if x.startswith("REPORT ")]
    assert line, f"the import probe failed:\n{proc.stderr[-3000:]}"
    return json.loads(line[-1][len("REPORT "):])


def test_help_and_version_import_no_heavy_library(import_report):
    for entry in import_report:
        assert entry["code"] == 0, f"netlab {' '.join(entry['args'])} exited {entry['code']}"
        assert not entry["heavy"], f"netlab {' '.join(entry['args'])} imported {entry['heavy']}"


def test_every_available_command_has_help(import_report):
    helped = {tuple(e["args"][:-1]) for e in import_report if e["args"][-1] == "--help"}
    for name in available_commands():
        assert (name,) in helped, f"{name} --help was not checked"


@pytest.mark.parametrize("name", list(COMMANDS))
def test_each_command_help_in_its_own_process(name):
    """`netlab <cmd> --help` alone, so a command cannot hide behind modules loaded before it."""
    if name not in available_commands():
        pytest.skip(f"{COMMANDS[name]} is not written yet")
    code = (
        "import sys, io, contextlib\n"
        "from netlab.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        f"        main([{name!r}, '--help'])\n"
        "    except SystemExit as e:\n"
        "        assert e.code in (0, None), e.code\n"
        f"heavy = {HEAVY!r}\n"
        "print(sorted(m for m in sys.modules if any(m == h or m.startswith(h + '.') for h in heavy)))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=ENV, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]", f"netlab {name} --help imported {proc.stdout.strip()}"


def test_version():
    from netlab import __version__

    proc = run_netlab("--version")
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"netlab, version {__version__}"


def test_root_help_lists_every_command_with_a_purpose(import_report):
    out = next(e["out"] for e in import_report if e["args"] == ["--help"])
    section = out.split("Commands:", 1)[1]
    lines = {line.split()[0]: line for line in section.splitlines() if line.strip()}
    for name in available_commands():
        assert name in lines, f"{name} missing from netlab --help"
        purpose = lines[name][len(lines[name].split(name, 1)[0]) + len(name):].strip()
        assert len(purpose) >= 10, f"{name}: no one-line purpose in netlab --help ({lines[name]!r})"
        assert not purpose.endswith("..."), f"{name}: purpose cut short: {purpose!r} (set short_help)"


def _one_line_error(proc: subprocess.CompletedProcess) -> str:
    assert "Traceback" not in proc.stderr
    lines = [x for x in proc.stderr.splitlines() if x.strip()]
    assert len(lines) == 1, f"expected one line on stderr, got:\n{proc.stderr}"
    assert proc.stdout == ""
    return lines[0]


def test_bad_option_is_one_line_exit_2():
    proc = run_netlab("--no-such-option")
    assert proc.returncode == EXIT_USAGE
    line = _one_line_error(proc)
    assert line.startswith("netlab: No such option") and "--no-such-option" in line


def test_bad_option_of_a_command():
    proc = run_netlab("report", "--lang", "fr", "x.json")
    assert proc.returncode == EXIT_USAGE
    line = _one_line_error(proc)
    assert "'--lang'" in line and "netlab report --help" in line


def test_unknown_command_exit_2():
    proc = run_netlab("frobnicate")
    assert proc.returncode == EXIT_USAGE
    line = _one_line_error(proc)
    assert "No such command 'frobnicate'" in line


def test_no_arguments_shows_help():
    proc = run_netlab()
    assert "Traceback" not in proc.stderr
    assert "Commands:" in proc.stdout + proc.stderr


@pytest.mark.parametrize(
    "content, expect",
    [
        ("{not json", "not valid JSON"),
        ('{"format": "pcap"}', "not a netlab recording"),
        ('{"format": "netlab-recording", "version": 99, "probe": "dns-trace"}', "newer than this netlab"),
        ('{"format": "netlab-recording", "version": 1, "probe": "ping"}', "unknown probe 'ping'"),
    ],
)
def test_report_on_a_malformed_file(tmp_path, content, expect):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    proc = run_netlab("report", str(path))
    assert proc.returncode == EXIT_USAGE, proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    first = proc.stderr.splitlines()[0]
    assert first.startswith(f"netlab: {path}: ") and expect in first
    assert len(proc.stderr.splitlines()) <= 2  # the message, and at most a hint


def test_report_on_a_missing_file(tmp_path):
    proc = run_netlab("report", str(tmp_path / "nope.json"))
    assert proc.returncode == EXIT_USAGE
    assert "cannot read" in _one_line_error(proc)


# --------------------------------------------------------------------------------------------
# Internal errors: a click command that raises, run through the same run_main as `netlab`
# --------------------------------------------------------------------------------------------

CRASH = r"""
import sys, click
from netlab.cli.errors import run_main

@click.group()
def group():
    pass

@group.command()
@click.option("--traceback", is_flag=True)
def crash(traceback):
    {}.missing_key_in_a_bug

sys.exit(run_main(group, sys.argv[1:], show_traceback="--traceback" in sys.argv))
"""


def test_internal_error_exit_70_without_traceback():
    proc = subprocess.run([sys.executable, "-c", CRASH, "crash"], capture_output=True, text=True, env=ENV,
                          timeout=60)
    assert proc.returncode == EXIT_INTERNAL
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("netlab: internal error: AttributeError")
    assert "--traceback" in proc.stderr


def test_internal_error_traceback_on_request():
    # run_main gets show_traceback from the CLI's --traceback (root or command option)
    proc = subprocess.run([sys.executable, "-c", CRASH, "crash", "--traceback"], capture_output=True,
                          text=True, env=ENV, timeout=60)
    assert proc.returncode == EXIT_INTERNAL
    assert "Traceback (most recent call last)" in proc.stderr
    assert "internal error" in proc.stderr


def test_internal_error_in_process():
    from netlab.cli.errors import run_main

    @click.command()
    def boom():
        raise RuntimeError("kaput")

    assert run_main(boom, [], show_traceback=False) == EXIT_INTERNAL



@pytest.mark.parametrize("name", list(COMMANDS))
def test_summary_in_root_help_is_the_commands_own(name):
    """`netlab --help` shows SUMMARIES without importing the commands: they must not drift."""
    import importlib

    from netlab.cli import SUMMARIES

    if name not in available_commands():
        pytest.skip(f"{COMMANDS[name]} is not written yet")
    mod, attr = COMMANDS[name].split(":")
    cmd = getattr(importlib.import_module(mod), attr)
    assert SUMMARIES.get(name) == cmd.get_short_help_str(limit=10_000), name


def test_root_help_imports_no_command_module():
    code = (
        "import sys, io, contextlib\n"
        "from netlab.cli import main, COMMANDS\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    try:\n"
        "        main(['--help'])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "loaded = [t.split(':')[0] for t in COMMANDS.values() if t.split(':')[0] in sys.modules]\n"
        "print(loaded)\n"
        "print(out.getvalue(), file=sys.stderr)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.stdout.strip() == "[]", r.stdout
    for name in COMMANDS:
        assert f"  {name}" in r.stderr, r.stderr
