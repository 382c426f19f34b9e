"""The sandbox without root: `netlab sandbox up` / exec / down as an unprivileged user (nobody),
inside a user namespace the supervisor creates.  Skips, saying why, where the kernel forbids
unprivileged user namespaces (and checks that netlab says exactly that)."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from sandbox_tools import CONNECT, LISTENER, leftovers, tiny  # noqa: E402

pytestmark = pytest.mark.integration

NOBODY = 65534


def _python_for_nobody(env: dict) -> str | None:
    """A Python 3.11+ interpreter that user nobody can execute inside a user namespace, as the
    supervisor will (the venv's interpreter may live under /root)."""
    for cand in (sys.executable, "/usr/bin/python3"):
        try:
            p = subprocess.run(["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
                                "unshare", "--user", "--map-root-user", cand, "-c",
                                "import sys, click, netlab.cli; assert sys.version_info >= (3, 11)"],
                               capture_output=True, timeout=20, env=env)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if p.returncode == 0:
            return cand
    return None


@pytest.fixture
def as_nobody():
    if os.geteuid() != 0:
        pytest.skip("switching to an unprivileged user needs root (run the rootless test as root)")
    if not shutil.which("setpriv"):
        pytest.skip("setpriv is missing (apt-get install util-linux)")
    import tempfile

    tmp_path = Path(tempfile.mkdtemp(prefix="netlab-rootless-"))  # pytest's tmp_path is 0700 root
    os.chmod(tmp_path, 0o755)
    home = tmp_path / "home"
    home.mkdir()
    os.chown(home, NOBODY, NOBODY)
    repo = str(Path(__file__).resolve().parents[2])
    import click

    site = str(Path(click.__file__).resolve().parents[1])
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin", "HOME": str(home), "LANG": "C.UTF-8",
           "PYTHONPATH": f"{repo}:{site}"}
    python = _python_for_nobody(env)
    if python is None:
        shutil.rmtree(tmp_path, ignore_errors=True)
        pytest.skip("no Python >= 3.11 with netlab's dependencies that user nobody may execute "
                    "in a user namespace (or unshare --user fails here)")

    def run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
        argv = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", python, "-c",
                "import sys; from netlab.cli import main; sys.argv[0] = 'netlab'; main()", *args]
        return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=timeout)

    run.home = home  # type: ignore[attr-defined]
    run.tmp = tmp_path  # type: ignore[attr-defined]
    yield run
    shutil.rmtree(tmp_path, ignore_errors=True)


def test_rootless_up_exec_down(as_nobody):
    scen = as_nobody.tmp / "tiny.toml"
    scen.write_text(tiny("delay_ms = 10"))
    os.chmod(scen, 0o644)
    name = f"rl-{os.getpid()}"
    p = as_nobody("sandbox", "up", "--name", name, "--scenario", str(scen))
    if p.returncode != 0:
        # the kernel may forbid it (e.g. Ubuntu's AppArmor restriction): netlab must say exactly that
        if "user namespace" in p.stderr:
            assert "apparmor" in p.stderr.lower() or "kernel" in p.stderr.lower(), p.stderr
            pytest.skip(f"unprivileged user namespaces are forbidden here: {p.stderr.strip()}")
        pytest.fail(f"rootless up failed: {p.stdout} {p.stderr}")
    try:
        assert "rootless" in p.stdout
        state_dir = Path(f"/tmp/netlab-{NOBODY}") / name
        state = json.loads((state_dir / "state.json").read_text())
        assert state["rootless"] is True
        # the supervisor runs as nobody (outside), in its own user namespace
        uid = [line for line in Path(f"/proc/{state['pid']}/status").read_text().splitlines() if line.startswith("Uid:")]
        assert uid[0].split()[1] == str(NOBODY)
        assert os.readlink(f"/proc/{state['pid']}/ns/user") != os.readlink("/proc/self/ns/user")
        # inside, it is root of its namespace, with the sandbox's addresses
        p = as_nobody("sandbox", "exec", "--name", name, "--", "sh", "-c", "id -u; ip -br addr show dev eth0")
        assert p.returncode == 0, p.stderr
        assert p.stdout.splitlines()[0] == "0" and "198.18.0.10" in p.stdout
        # the emulated link works rootless too
        srv = subprocess.Popen(
            ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", "nsenter", "-t", str(state["pid"]),
             "-U", "--preserve-credentials", "-m", "-p", "--", "ip", "netns", "exec", "server", "python3", "-c",
             LISTENER, "9000"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            p = as_nobody("sandbox", "exec", "--name", name, "--", "python3", "-c", CONNECT, "198.18.1.4", "9000", "10")
            assert p.returncode == 0, p.stderr
            times = [float(x) for x in p.stdout.split()]
            assert min(times) >= 19.8 and statistics.median(times) <= 20 + 4, times
            # the client's link can be impaired at runtime, from inside, rootless too
            impair = ("import sys; from netlab.sandbox import context, links; "
                      "r = links.impair_client_link(context.current(), delay_ms=25); exec(sys.argv[1]); r()")
            p = as_nobody("sandbox", "exec", "--name", name, "--", "python3", "-c", impair,
                          "import sys; sys.argv[1:] = ['198.18.1.4', '9000', '5']; exec(" + repr(CONNECT) + ")")
            assert p.returncode == 0, p.stderr
            times = [float(x) for x in p.stdout.split()]
            assert min(times) >= 69.8 and statistics.median(times) <= 70 + 4, times
        finally:
            srv.kill()
            srv.wait()
        pids = [state["pid"], state["launcher_pid"]]
        t0 = time.monotonic()
        p = as_nobody("sandbox", "down", "--name", name)
        assert p.returncode == 0 and "is down" in p.stdout, p.stderr
        assert time.monotonic() - t0 < 10
        assert leftovers(pids, [], str(state_dir)) == []
    finally:
        as_nobody("sandbox", "down", "--name", name)
