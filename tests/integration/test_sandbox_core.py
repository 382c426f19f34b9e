"""The sandbox core, for real: namespaces, addresses, routes, the userspace link emulator (RTT,
drop rules, loss), exec, and cleanup checked with independent means (/proc, ip)."""

from __future__ import annotations

import json
import os
import signal
import statistics
import subprocess
import sys
import time

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from sandbox_tools import (  # noqa: E402
    CONNECT,
    LISTENER,
    TRY_CONNECT,
    UDP_COUNT,
    host_links,
    leftovers,
    netlab_cmd,
    py,
    tiny,
)

pytestmark = pytest.mark.integration


def netns_inode(sb, host: str) -> str:
    return sb.exec(["readlink", "/proc/self/ns/net"], host=host, check=True).stdout.strip()


def test_hosts_addresses_routes_and_resolv_conf(make_sandbox):
    sb = make_sandbox(tiny())
    assert sb.state["status"] == "up" and sb.state["backend"] == "userspace"
    out = sb.exec(["ip", "-j", "addr", "show", "dev", "eth0"], check=True).stdout
    addrs = {a["local"] for a in json.loads(out)[0]["addr_info"]}
    assert {"198.18.0.10", "2001:db8::10"} <= addrs
    routes = sb.exec(["ip", "route", "show", "default"], check=True).stdout
    assert "via 198.18.0.1" in routes
    routes6 = sb.exec(["ip", "-6", "route", "show", "default"], check=True).stdout
    assert "via 2001:db8::1" in routes6
    assert sb.exec(["cat", "/proc/sys/net/ipv4/ip_forward"], host="router", check=True).stdout.strip() == "1"
    # the client's resolv.conf points to the resolver host
    resolv = sb.exec(["cat", "/etc/resolv.conf"], check=True).stdout
    assert "nameserver 198.18.0.53" in resolv
    # every host is its own network namespace, none is the machine's
    inodes = {netns_inode(sb, h) for h in ("client", "router", "server")}
    assert len(inodes) == 3 and os.readlink("/proc/self/ns/net") not in inodes
    # offloads are off on the hosts' interfaces (ethtool, independent of netlab)
    feats = sb.exec(["ethtool", "-k", "eth0"], host="server", check=True).stdout
    for feat in ("tx-checksumming", "tcp-segmentation-offload", "generic-segmentation-offload",
                 "generic-receive-offload"):
        assert f"{feat}: off" in feats, feat
    # SandboxInfo for probes
    assert sb.info.resolver == "198.18.0.53" and sb.info.name == sb.name
    info_path = sb.exec(["sh", "-c", "echo $NETLAB_SANDBOX_INFO"], check=True).stdout.strip()
    assert info_path == str(sb.state_dir / "info.json")
    # rtt_ms per host, from the client: server's link 10 ms each way
    assert sb.host("server")["rtt_ms"] == 20.0 and sb.host("client")["rtt_ms"] == 0.0


def test_exec_passes_stdin_and_exit_code(make_sandbox):
    sb = make_sandbox(tiny())
    p = sb.exec(["sh", "-c", "cat; exit 7"], input="hello\n")
    assert p.returncode == 7 and p.stdout == "hello\n"
    # through the CLI as well
    p = subprocess.run(netlab_cmd("sandbox", "exec", "--name", sb.name, "--host", "server", "--",
                                  "sh", "-c", "hostname -I 2>/dev/null || ip -br a; exit 3"),
                       capture_output=True, text=True, timeout=30)
    assert p.returncode == 3 and "198.18.1.4" in p.stdout
    p = subprocess.run(netlab_cmd("sandbox", "exec", "--name", sb.name, "--host", "nosuch", "--", "true"),
                       capture_output=True, text=True, timeout=30)
    assert p.returncode == 5 and "no host 'nosuch'" in p.stderr


def _connect_times(sb, addr: str, n: int = 15) -> list[float]:
    p = sb.exec(py(CONNECT) + [addr, "9000", str(n)], timeout=60, check=True)
    return [float(x) for x in p.stdout.split()]


@pytest.mark.parametrize("addr", ["198.18.1.4", "2001:db8:1::4"])
def test_tcp_connect_rtt_matches_configuration(make_sandbox, addr):
    sb = make_sandbox(tiny("delay_ms = 15"))
    sb.popen(py(LISTENER) + ["9000"], host="server", stdout=subprocess.DEVNULL)
    times = _connect_times(sb, addr)
    configured = sb.host("server")["rtt_ms"]
    assert configured == 30.0
    # never faster than the configured RTT (the emulation works), and not much slower
    assert min(times) >= configured - 0.2, times
    assert statistics.median(times) <= configured + max(3.0, 0.1 * configured), times  # a loaded 2-core CI machine


def test_asymmetric_link_and_jitter(make_sandbox):
    sb = make_sandbox(tiny("up = { delay_ms = 5 }, down = { delay_ms = 20, jitter_ms = 2 }"))
    assert sb.host("server")["rtt_ms"] == 25.0
    sb.popen(py(LISTENER) + ["9000"], host="server", stdout=subprocess.DEVNULL)
    times = _connect_times(sb, "198.18.1.4", 20)
    assert min(times) >= 25.0 - 2.0 - 0.2 and statistics.median(times) <= 25.0 + 2.0 + 2.5, times


def test_drop_rules(make_sandbox):
    sb = make_sandbox(tiny('delay_ms = 1, drop = ["tcp:82", "udp:9001"]'))
    sb.popen(py(LISTENER) + ["9000"], host="server", stdout=subprocess.DEVNULL)
    sb.popen(py(LISTENER) + ["82"], host="server", stdout=subprocess.DEVNULL)
    sb.popen(py(LISTENER) + ["9001"], host="server", stdout=subprocess.DEVNULL)
    _connect_times(sb, "198.18.1.4", 1)  # waits for the listeners
    assert sb.exec(py(TRY_CONNECT) + ["198.18.1.4", "82", "1"]).stdout.strip() == "timeout"
    assert sb.exec(py(TRY_CONNECT) + ["2001:db8:1::4", "82", "1"]).stdout.strip() == "timeout"
    assert sb.exec(py(TRY_CONNECT) + ["198.18.1.4", "83", "1"]).stdout.strip() == "refused"
    assert sb.exec(py(TRY_CONNECT) + ["198.18.1.4", "9001", "1"]).stdout.strip() == "connected"  # tcp ok
    # UDP to 9001 is swallowed: the counter never answers; UDP to 9000 counts every datagram
    assert sb.exec(py(UDP_COUNT) + ["198.18.1.4", "9001", "5"], timeout=30).stdout.strip() == ""
    assert sb.exec(py(UDP_COUNT) + ["198.18.1.4", "9000", "50"], timeout=30).stdout.strip() == "50"


def test_loss(make_sandbox):
    sb = make_sandbox(tiny("down = { loss_pct = 30 }"))
    sb.popen(py(LISTENER) + ["9000"], host="server", stdout=subprocess.DEVNULL)
    _connect_times(sb, "198.18.1.4", 1)
    n = 400
    out = sb.exec(py(UDP_COUNT) + ["198.18.1.4", "9000", str(n)], timeout=60).stdout.strip()
    # binomial(400, 0.7): mean 280, sd ~9.2 -> 5 sd bounds
    assert 0.7 * n - 46 <= int(out) <= 0.7 * n + 46, out


def test_up_twice_says_already_up(make_sandbox, tmp_path):
    sb = make_sandbox(tiny())
    scen = tmp_path / "again.toml"
    scen.write_text(tiny())
    p = subprocess.run(netlab_cmd("sandbox", "up", "--name", sb.name, "--scenario", str(scen)),
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 0 and "already up" in p.stdout
    assert str(sb.state["pid"]) in p.stdout


def _record(sb) -> tuple[list[int], list[str], str]:
    pids = [sb.state["pid"], sb.state["launcher_pid"]]
    inodes = [netns_inode(sb, h["name"]) for h in sb.state["hosts"]]
    inodes.append(os.readlink(f"/proc/{sb.state['pid']}/ns/net"))
    # a process of our own inside the sandbox, which must die with it
    p = sb.popen(["sleep", "300"], host="server")
    time.sleep(0.3)
    pids.append(p.pid)
    return pids, inodes, str(sb.state_dir)


def _wait_gone(pids, inodes, state_dir, timeout=5.0):
    deadline = time.monotonic() + timeout
    while True:
        left = leftovers(pids, inodes, state_dir)
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.05)


def test_down_leaves_nothing(make_sandbox):
    links_before = host_links()
    sb = make_sandbox(tiny())
    pids, inodes, state_dir = _record(sb)
    assert host_links() == links_before  # nothing was ever added to the machine's namespace
    p = subprocess.run(netlab_cmd("sandbox", "down", "--name", sb.name), capture_output=True, text=True, timeout=30)
    assert p.returncode == 0 and "is down" in p.stdout
    assert _wait_gone(pids, inodes, state_dir) == []
    assert host_links() == links_before
    p = subprocess.run(netlab_cmd("sandbox", "down", "--name", sb.name), capture_output=True, text=True, timeout=30)
    assert p.returncode == 0 and "was not running" in p.stdout


def test_kill_9_of_the_supervisor_leaves_nothing(make_sandbox):
    sb = make_sandbox(tiny())
    pids, inodes, state_dir = _record(sb)
    os.kill(sb.state["pid"], signal.SIGKILL)
    left = _wait_gone(pids[:1] + pids[2:], inodes, "/nonexistent")
    assert left == []
    # the state is stale now: status says not running and cleans it up
    p = subprocess.run(netlab_cmd("sandbox", "status", "--name", sb.name), capture_output=True, text=True, timeout=30)
    assert p.returncode == 5 and "not running" in p.stdout
    assert "stale" in p.stderr
    assert _wait_gone(pids, inodes, state_dir) == []


def test_ctrl_c_during_up_leaves_nothing(tmp_path):
    from netlab.sandbox import state as st

    # a bigger scenario, so that `up` takes long enough to be interrupted in the middle
    hosts = "\n".join(
        f'[[hosts]]\nname = "s{i}"\nrole = "web"\ninterfaces = [{{ network = "core", ipv4 = "198.18.1.{10 + i}", link = {{ delay_ms = 1 }} }}]\n'
        for i in range(40)
    )
    scen = tmp_path / "big.toml"
    scen.write_text(tiny() + hosts)
    os.chmod(tmp_path, 0o755)
    name = f"pyt-{os.getpid()}-int"
    sdir = st.state_dir(name)
    proc = subprocess.Popen(netlab_cmd("sandbox", "up", "--name", name, "--scenario", str(scen)),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    state = None
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            state = json.loads((sdir / "state.json").read_text())
            if state.get("pid"):
                break
        except (OSError, ValueError):
            pass
        time.sleep(0.005)
    assert state and state["status"] == "starting", "up finished before it could be interrupted"
    time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, (out, err)
    assert _wait_gone([state["pid"], state["launcher_pid"]], [], str(sdir)) == []


def test_command_service_runs_in_its_host(make_sandbox):
    sb = make_sandbox(tiny() + 'services = [{ type = "command", name = "listener", argv = ["python3", "-c", '
                      + json.dumps(LISTENER) + ', "9000"], ready = [["tcp", "198.18.1.4", 9000]] }]\n')
    assert [p["name"] for p in sb.host("server")["processes"]] == ["listener@server"]
    assert sb.exec(py(TRY_CONNECT) + ["198.18.1.4", "9000", "2"]).stdout.strip() == "connected"
    # it runs inside the sandbox's PID namespace, whose PID 1 is the supervisor
    out = sb.exec(["sh", "-c", "tr '\\0' ' ' < /proc/1/cmdline; echo; cat /proc/[0-9]*/cmdline | tr '\\0' ' '"],
                  check=True).stdout
    first, rest = out.split("\n", 1)
    assert "netlab.sandbox.supervisor" in first and "9000" in rest


def test_failing_service_fails_up_names_it_and_leaves_nothing(tmp_path):
    from netlab.sandbox import state as st

    text = tiny() + 'services = [{ type = "command", name = "broken", argv = ["sh", "-c", "echo boom-42 >&2; exit 3"], ready = [["tcp", "198.18.1.4", 9]] }]\n'
    scen = tmp_path / "broken.toml"
    scen.write_text(text)
    os.chmod(tmp_path, 0o755)
    name = f"pyt-{os.getpid()}-broken"
    before = set(os.listdir("/proc"))
    p = subprocess.run(netlab_cmd("sandbox", "up", "--name", name, "--scenario", str(scen)),
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 5, (p.stdout, p.stderr)
    assert "service broken@server" in p.stderr and "exited with code 3" in p.stderr and "boom-42" in p.stderr
    assert not st.state_dir(name).exists()
    # no process of the failed sandbox survives
    time.sleep(0.3)
    new = [pid for pid in set(os.listdir("/proc")) - before if pid.isdigit()]
    for pid in new:
        try:
            cmd = open(f"/proc/{pid}/cmdline", "rb").read()
        except OSError:
            continue
        assert name.encode() not in cmd, cmd


def test_missing_program_says_what_to_install(tmp_path):
    scen = tmp_path / "missing.toml"
    scen.write_text(tiny() + 'services = [{ type = "command", argv = ["nsd-like-program-missing"] }]\n')
    os.chmod(tmp_path, 0o755)
    name = f"pyt-{os.getpid()}-missing"
    p = subprocess.run(netlab_cmd("sandbox", "up", "--name", name, "--scenario", str(scen)),
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 4, (p.stdout, p.stderr)  # an environment problem
    assert "'nsd-like-program-missing' is not installed" in p.stderr and "apt-get install" in p.stderr


def test_exec_timeout_kills_the_command_inside(make_sandbox):
    sb = make_sandbox(tiny())
    with pytest.raises(subprocess.TimeoutExpired):
        sb.exec(["sleep", "60"], timeout=1)
    time.sleep(0.2)
    out = sb.exec(["sh", "-c", "for p in /proc/[0-9]*; do tr '\\0' ' ' < $p/cmdline 2>/dev/null; echo; done"]).stdout
    assert "sleep 60" not in out


def test_netem_backend_when_the_kernel_has_it(make_sandbox, monkeypatch):
    from netlab.errors import SandboxError

    monkeypatch.setenv("NETLAB_LINKEMU", "netem")
    try:
        sb = make_sandbox(tiny('delay_ms = 15, drop = ["tcp:82"]'))
    except SandboxError as e:
        assert "no usable tc netem" in e.message
        pytest.skip("this kernel has no tc netem (sch_netem, cls_u32, act_gact): the userspace emulator is used")
    assert sb.state["backend"] == "netem"
    sb.popen(py(LISTENER) + ["9000"], host="server", stdout=subprocess.DEVNULL)
    times = _connect_times(sb, "198.18.1.4")
    assert min(times) >= 30 - 0.2 and statistics.median(times) <= 30 + 3, times
    assert sb.exec(py(TRY_CONNECT) + ["198.18.1.4", "82", "1"]).stdout.strip() == "timeout"


def test_client_link_impaired_at_runtime_and_restored(make_sandbox):
    """netlab.sandbox.links: +25 ms each way on the client's link (which has no emulation in the
    scenario) adds 50 ms to the RTT at once; restore() takes it off again."""
    from netlab.sandbox import links

    sb = make_sandbox(tiny("delay_ms = 5"))
    sb.popen(py(LISTENER) + ["9000"], host="server", stdout=subprocess.DEVNULL)
    _connect_times(sb, "198.18.1.4", 1)  # waits for the listener
    before = statistics.median(_connect_times(sb, "198.18.1.4", 7))
    restore = links.impair_client_link(sb.info, delay_ms=25, loss_pct=0)
    try:
        times = _connect_times(sb, "198.18.1.4", 7)
    finally:
        restore()
    after = statistics.median(_connect_times(sb, "198.18.1.4", 7))
    assert 10.0 - 0.2 <= before <= 13.0, before
    assert min(times) >= before + 50.0 - 1.0 and statistics.median(times) <= before + 50.0 + 3.0, (before, times)
    assert abs(after - before) <= 3.0, (before, after)
    # a refused change is an error, and leaves the link alone
    from netlab.errors import SandboxError

    with pytest.raises(SandboxError, match="nosuch"):
        links.set_overrides(sb.info, {"nosuch": {"up": {"delay_ms": 1}}})
    assert statistics.median(_connect_times(sb, "198.18.1.4", 3)) <= before + 3.0
