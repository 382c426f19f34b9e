"""Interrupting the outer `netlab --sandbox=NAME <probe>` process passes the signal on (issue 20, 6).

Only the outer process is signalled (not its process group, as a terminal's Ctrl-C would do): it
must forward the interrupt to the probe running inside the sandbox, wait for it, and exit 130,
leaving no process of the inner command behind.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.integration.sandbox_tools import netlab_cmd

pytestmark = pytest.mark.integration


def _descendants(pid: int) -> set[int]:
    out: set[int] = set()
    todo = [pid]
    while todo:
        p = todo.pop()
        for task in Path(f"/proc/{p}/task").glob("*"):
            try:
                kids = (task / "children").read_text().split()
            except OSError:
                continue
            for k in map(int, kids):
                if k not in out:
                    out.add(k)
                    todo.append(k)
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_signal_to_the_outer_process_reaches_the_inner_probe(sandbox, tmp_path, sig):
    """The re-executing path (rootless, or NETLAB_SANDBOX_REEXEC=1): outer process -> nsenter -> probe."""
    # port 82 of the teaching host is filtered: the probe waits on SYN retransmissions for a long time
    outer = subprocess.Popen(
        netlab_cmd(f"--sandbox={sandbox.name}", "tcp-handshake", "tcp.lab.test:82", "--timeout", "60"),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
        env={**os.environ, "NETLAB_SANDBOX_REEXEC": "1"},
    )
    try:
        inner: set[int] = set()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and len(inner) < 2:
            time.sleep(0.2)
            inner = _descendants(outer.pid)
        assert inner, "the inner command never started"
        time.sleep(1.0)  # let the probe get going (SYN sent, waiting)
        inner = _descendants(outer.pid)
        os.kill(outer.pid, sig)  # the outer process only
        code = outer.wait(timeout=15)
        assert code in (130, 128 + sig), (code, outer.stderr.read()[-1500:])
        time.sleep(0.3)
        left = sorted(p for p in inner if _alive(p))
        assert not left, f"inner processes still running after the outer one exited: {left}"
    finally:
        if outer.poll() is None:
            outer.kill()
            outer.wait()


@pytest.mark.skipif(os.geteuid() != 0, reason="in-process entry needs root")
def test_in_process_entry_is_one_process_that_stops_on_a_signal(sandbox, tmp_path):
    """As root, `netlab --sandbox` moves itself into the client host: no second interpreter, and a
    signal to it stops the probe itself (exit 130), leaving no child behind."""
    outer = subprocess.Popen(
        netlab_cmd(f"--sandbox={sandbox.name}", "tcp-handshake", "tcp.lab.test:82", "--timeout", "60"),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
    )
    try:
        time.sleep(2.5)
        assert outer.poll() is None, outer.stderr.read()
        kids = [p for p in _descendants(outer.pid) if _alive(p)]
        names = [Path(f"/proc/{p}/comm").read_text().strip() for p in kids if Path(f"/proc/{p}/comm").exists()]
        assert "nsenter" not in names and not any(n.startswith("python") for n in names), names
        net = os.readlink(f"/proc/{outer.pid}/ns/net")
        assert net != os.readlink("/proc/self/ns/net")  # it is in the client host's netns
        assert net == sandbox.exec(["readlink", "/proc/self/ns/net"], check=True).stdout.strip()
        os.kill(outer.pid, signal.SIGINT)
        assert outer.wait(timeout=15) == 130
    finally:
        if outer.poll() is None:
            outer.kill()
            outer.wait()


def test_in_process_entry_gives_the_sandbox_resolver_and_hosts(sandbox, tmp_path):
    """The probe sees the client host's /etc/resolv.conf (the sandbox resolver), as if re-executed."""
    code = ("import sys; from netlab.sandbox.context import enter_sandbox_or_reexec as e; "
            f"e({sandbox.name!r}); print(open('/etc/resolv.conf').read())")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert sandbox.info.resolver in p.stdout
