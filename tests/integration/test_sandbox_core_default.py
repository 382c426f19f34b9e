"""The default scenario through the sandbox core: status (JSON and table), SandboxInfo for
probes, the resolver seen from the client, and `netlab --sandbox=NAME <probe>` starting a
sandbox that is not up and re-running the probe inside its client."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from sandbox_tools import netlab_cmd  # noqa: E402

pytestmark = pytest.mark.integration


def test_status_json_and_table(sandbox):
    p = subprocess.run(netlab_cmd("sandbox", "status", "--name", sandbox.name, "--json"),
                       capture_output=True, text=True, timeout=30)
    assert p.returncode == 0, p.stderr
    data = json.loads(p.stdout)
    assert data["running"] and data["backend"] in ("userspace", "netem")
    hosts = {h["name"]: h for h in data["hosts"]}
    from netlab.sandbox import scenario

    sc = scenario.load()
    assert set(hosts) == {h.name for h in sc.hosts}
    rtt = sc.rtt_ms()
    for h in sc.hosts:
        got = hosts[h.name]
        assert got["role"] == h.role and got["addresses"] == h.addresses
        assert got["rtt_ms"] == rtt[h.name]
        assert got["services"] == [s["type"] for s in h.services]
    assert hosts["a-root"]["rtt_ms"] > hosts["resolver"]["rtt_ms"] > 0
    table = subprocess.run(netlab_cmd("sandbox", "status", "--name", sandbox.name, "-v"),
                           capture_output=True, text=True, timeout=30)
    assert table.returncode == 0
    assert "a.root-servers.net" in table.stdout and "userspace" in table.stdout
    assert f"{hosts['a-root']['rtt_ms']:g} ms" in table.stdout
    assert "--- unbound@resolver" in table.stdout or "unbound" in table.stdout


def test_info_roots_resolver_and_resolv_conf(sandbox):
    info = sandbox.info
    assert len(info.roots) >= 3
    assert all(r["name"].endswith(".root-servers.net.") and r["ipv4"] and r["ipv6"] for r in info.roots)
    resolver = next(h for h in sandbox.state["hosts"] if h["role"] == "resolver")
    assert info.resolver == resolver["ipv4"]
    resolv = sandbox.exec(["cat", "/etc/resolv.conf"], check=True).stdout
    assert f"nameserver {resolver['ipv4']}" in resolv
    # the client's stub resolver really goes to the sandbox's resolver (independent client: getent)
    out = sandbox.exec(["getent", "ahostsv4", "www.naver.com"], timeout=30)
    assert out.returncode == 0 and "198.18." in out.stdout, out.stdout + out.stderr


def test_global_sandbox_option_starts_the_sandbox_and_reexecutes(tmp_path):
    import importlib.util

    from netlab.sandbox import control
    from netlab.sandbox.services import SERVICE_TYPES

    if importlib.util.find_spec(SERVICE_TYPES["nsd"].split(":")[0]) is None:
        pytest.skip("the DNS services are not written yet")
    name = f"pyt-{os.getpid()}-auto"
    try:
        p = subprocess.run(netlab_cmd(f"--sandbox={name}", "dns-trace", "www.naver.com", "--json"),
                           capture_output=True, text=True, timeout=120, cwd=tmp_path)
        assert f"starting sandbox '{name}'" in p.stderr
        assert p.returncode == 0, p.stderr[-2000:]
        data = json.loads(p.stdout)
        assert data  # the probe ran inside the client, against the sandbox's roots
        state = control.load_state(name)
        assert state is not None and state["status"] == "up"
        # a second run finds it up and does not start another
        p2 = subprocess.run(netlab_cmd(f"--sandbox={name}", "dns-trace", "naver.com", "--json"),
                            capture_output=True, text=True, timeout=120, cwd=tmp_path)
        assert "starting sandbox" not in p2.stderr and p2.returncode == 0, p2.stderr[-2000:]
        assert control.load_state(name)["pid"] == state["pid"]
    finally:
        control.down(name)
