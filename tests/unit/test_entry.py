"""`netlab --help` from a cache of click's own rendering (netlab/entry.py)."""

from __future__ import annotations

import os
import subprocess
import sys

CODE = ("import sys, netlab.entry as e\nsys.argv = ['netlab'] + sys.argv[1:]\n"
        "try:\n    e.main()\nexcept SystemExit:\n    pass\n"
        "print('CLICK' if 'click' in sys.modules else 'NOCLICK', file=sys.stderr)\n")


def _run(tmp_path, *args, **env):
    e = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), "COLUMNS": "100", **env}
    return subprocess.run([sys.executable, "-c", CODE, *args], capture_output=True, text=True, env=e, timeout=60)


def test_cached_help_is_clicks_own_and_loads_no_click(tmp_path):
    first = _run(tmp_path, "--help")
    assert first.returncode == 0 and first.stderr.strip() == "CLICK"  # rendered by click, then stored
    second = _run(tmp_path, "--help")
    assert second.stdout == first.stdout and second.stderr.strip() == "NOCLICK"
    direct = _run(tmp_path, "--help", NETLAB_HELP_CACHE="0")
    assert direct.stdout == first.stdout and direct.stderr.strip() == "CLICK"
    assert "dns-trace" in first.stdout and "Usage: netlab" in first.stdout


def test_the_cache_follows_the_width_and_other_commands_use_click(tmp_path):
    wide = _run(tmp_path, "--help")
    narrow = _run(tmp_path, "--help", COLUMNS="60")
    assert narrow.stdout != wide.stdout  # a key per width
    assert max(len(line) for line in narrow.stdout.splitlines()) <= 60
    version = _run(tmp_path, "--version")
    assert "netlab" in version.stdout and version.stderr.strip() == "CLICK"
