"""The CLI side of the sandbox: start the supervisor, stop it, enter it.

`up` starts the supervisor (netlab.sandbox.supervisor) detached from the terminal, under
``unshare``; waits on a pipe for "ready" (or the supervisor's diagnosis); writes state.json.
`exec` enters the supervisor's namespaces by PID with nsenter (user namespace when rootless,
mount, PID), then the host's netns with ``ip netns exec``, and runs the command with our stdin,
stdout and stderr.  Killing the supervisor (down, or kill -9) ends everything it owns.

Nothing here prints: what the user should hear on the way (a stale sandbox cleaned up) goes to
the `say` callback the caller passes (netlab.cli.sandbox prints it; None: nothing is said).
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from netlab.errors import EnvironmentProblem, MissingTool, SandboxError, SandboxNotRunning
from netlab.sandbox import natrules
from netlab.sandbox import state as st
from netlab.sandbox.contract import ENV_INFO, ENV_NAME, StateFiles, failed_dir

UP_TIMEOUT = 60.0

Say = Callable[[str], None]  # how library code tells the user something on the way


def _say(say: Say | None, message: str) -> None:
    if say is not None:
        say(message)


def cli_command(verb: str, name: str) -> str:
    """The `netlab sandbox VERB` command line for sandbox `name` (--name only when not default)."""
    return f"netlab sandbox {verb}" + ("" if name == "default" else f" --name {name}")


def exit_status(returncode: int) -> int:
    """A child's exit status as a shell reports it: 128 + N when signal N killed it."""
    return 128 - returncode if returncode < 0 else returncode


# ---------------------------------------------------------------------- environment checks


def which(tool: str) -> str | None:
    import shutil

    return shutil.which(tool) or next(
        (p for p in (f"/usr/sbin/{tool}", f"/sbin/{tool}") if os.access(p, os.X_OK)), None
    )


TOOLS = {"ip": "iproute2", "ethtool": "ethtool", "unshare": "util-linux", "nsenter": "util-linux"}


def check_tools() -> None:
    for tool, pkg in TOOLS.items():
        if not which(tool):
            raise MissingTool(tool, pkg, "the sandbox needs it")


def userns_problem() -> str | None:
    """None when unprivileged user namespaces work here; otherwise what forbids them."""
    if os.geteuid() == 0:
        return None
    try:
        if open("/proc/sys/kernel/apparmor_restrict_unprivileged_userns").read().strip() == "1":
            return ("Ubuntu's AppArmor restriction forbids unprivileged user namespaces "
                    "(kernel.apparmor_restrict_unprivileged_userns = 1)")
    except OSError:
        pass
    for path, bad in (("/proc/sys/kernel/unprivileged_userns_clone", "0"), ("/proc/sys/user/max_user_namespaces", "0")):
        try:
            if open(path).read().strip() == bad:
                return f"the kernel forbids unprivileged user namespaces ({path} = {bad})"
        except OSError:
            pass
    return None


USERNS_HINT = ("run as root, or allow unprivileged user namespaces: "
               "sudo sysctl kernel.apparmor_restrict_unprivileged_userns=0 (Ubuntu 24.04), "
               "or kernel.unprivileged_userns_clone=1 / user.max_user_namespaces>0")


def check_userns() -> None:
    problem = userns_problem()
    if problem:
        raise EnvironmentProblem(f"cannot build a sandbox without root: {problem}", hint=USERNS_HINT)


# ---------------------------------------------------------------------- state


def load_state(name: str, clean_stale: bool = True, say: Say | None = None) -> dict | None:
    """state.json of a running sandbox; None if not up.  A stale state (supervisor gone) is
    cleaned up (only PIDs we recorded and verified are signalled), and `say` is told."""
    data = st.read_state(name)
    if data is None:
        return None
    if st.supervisor_alive(data):
        return data
    if clean_stale:
        cleanup_stale(name, data)
        _say(say, f"cleaned up the stale state of sandbox '{name}' (its supervisor was gone)")
    return None


def cleanup_stale(name: str, data: dict) -> None:
    lp, lst = data.get("launcher_pid"), data.get("launcher_starttime")
    if lp and st.alive(lp, lst):
        with contextlib.suppress(OSError):
            os.kill(lp, signal.SIGKILL)
    st.remove_state_dir(name)


def require_running(name: str, say: Say | None = None) -> dict:
    data = load_state(name, say=say)
    if data is None:
        raise SandboxNotRunning(f"the sandbox '{name}' is not running",
                                hint=f"start it with: {cli_command('up', name)}   (or run the probe with --sandbox)")
    if data.get("status") != "up":
        raise SandboxError(f"the sandbox '{name}' is still starting", hint="wait a moment and retry")
    return data


# ---------------------------------------------------------------------- up


def _find_child(ppid: int, timeout: float = 5.0) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{ppid}/task/{ppid}/children") as fh:
                kids = fh.read().split()
            if kids:
                return int(kids[0])
        except OSError:
            for entry in os.listdir("/proc"):
                if entry.isdigit() and st.proc_ppid(int(entry)) == ppid:
                    return int(entry)
        if st.proc_starttime(ppid) is None:
            break
        time.sleep(0.005)
    raise SandboxError("the sandbox supervisor did not start (unshare failed?)")


def up(name: str = "default", scenario_path: str | None = None, quiet: bool = False,
       say: Say | None = None) -> tuple[dict, bool]:
    """Bring sandbox `name` up. Returns (state, started_now). Already up -> (state, False).
    (`quiet` is accepted for older callers: up never prints; `say` hears about a stale state.)"""
    from netlab.sandbox import scenario as scn

    st.check_name(name)
    check_tools()
    check_userns()
    # a scenario named like a packaged one ("--scenario lb"), or a sandbox named like one (`--sandbox=lb`)
    if scenario_path and not os.path.exists(scenario_path) and scn.packaged(scenario_path):
        scenario_path = str(scn.packaged(scenario_path))
    elif scenario_path is None and name != "default" and scn.packaged(name):
        scenario_path = str(scn.packaged(name))
    sc = scn.load(scenario_path)  # validate before building anything
    with st.lock(name) as lk:
        existing = load_state(name, say=say)
        if existing is not None:
            return existing, False
        d = st.state_dir(name)
        if d.exists():
            st.remove_state_dir(name)
        d.mkdir(mode=0o755)
        with contextlib.suppress(OSError):  # an earlier failure's leftovers are now irrelevant
            import shutil

            shutil.rmtree(failed_dir(d.parent, name))
        lk["remove"] = True  # if the start fails, no lock file stays behind
        state = _start(name, sc, d)
        lk["remove"] = False
        return state, True


def _start(name: str, sc, d: Path) -> dict:
    rootless = os.geteuid() != 0
    scenario_file = sc.source if sc.source and os.path.exists(sc.source) else None
    if scenario_file is None:
        raise SandboxError("scenario has no file")
    scenario_file = os.path.abspath(scenario_file)
    argv = [which("unshare") or "unshare"]
    if rootless:
        argv += ["--user", "--map-root-user"]
    argv += ["--mount", "--pid", "--net", "--fork", "--kill-child", "--mount-proc", "--",
             sys.executable, "-m", "netlab.sandbox.supervisor",
             "--state-dir", str(d), "--scenario", scenario_file, "--name", name]
    rfd, wfd = os.pipe()
    argv += ["--ready-fd", str(wfd)]
    files = StateFiles(d)
    log = open(files.supervisor_log, "ab")
    t0 = time.monotonic()
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in [str(Path(__file__).resolve().parents[2]), env.get("PYTHONPATH")] if p)
    try:
        launcher = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                    pass_fds=(wfd,), start_new_session=True, env=env)
    finally:
        os.close(wfd)
        log.close()
    state: dict = {"name": name, "status": "starting", "state_dir": str(d), "rootless": rootless,
                   "launcher_pid": launcher.pid, "launcher_starttime": st.proc_starttime(launcher.pid),
                   "scenario": scenario_file, "started_at": time.time()}
    try:
        pid = _find_child(launcher.pid)
        state.update(pid=pid, pid_starttime=st.proc_starttime(pid))
        st.write_json(files.state, state)
        msg = _wait_ready(rfd, launcher, files)
        if not msg.get("ok"):
            kind = msg.get("kind")
            err_cls = SandboxError
            if kind == "MissingTool":
                err_cls = EnvironmentProblem
            raise err_cls(f"sandbox '{name}' failed to start: {msg.get('error')}", hint=msg.get("hint"))
        state.update(_describe(name, sc, d, msg))
        state["status"] = "up"
        state["up_seconds"] = round(time.monotonic() - t0, 3)
        st.write_json(files.info, asdict(sandbox_info(state, files)))
        st.write_json(files.state, state)
        return state
    except BaseException as e:
        _kill_quietly(state)
        launcher.wait()
        failed = _keep_log_if_failed(name, d)
        if failed is not None and isinstance(e, SandboxError | EnvironmentProblem):
            e.message = e.message.replace(str(d), str(failed))
            if e.hint:
                e.hint = e.hint.replace(str(d), str(failed))
        raise
    finally:
        os.close(rfd)


def _keep_log_if_failed(name: str, d: Path) -> Path | None:
    """Keep the failed run's state directory (logs, configs) as <base>/.failed-<name>/."""
    import shutil

    failed = failed_dir(d.parent, name)
    shutil.rmtree(failed, ignore_errors=True)
    try:
        os.replace(d, failed)
    except OSError:
        st.remove_state_dir(name)
        return None
    with contextlib.suppress(OSError):
        StateFiles(failed).state.unlink()
    return failed


def _kill_quietly(state: dict) -> None:
    for key, start_key in (("pid", "pid_starttime"), ("launcher_pid", "launcher_starttime")):
        pid = state.get(key)
        if pid and st.alive(pid, state.get(start_key)):
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)


def _wait_ready(rfd: int, launcher: subprocess.Popen, files: StateFiles) -> dict:
    buf = b""
    deadline = time.monotonic() + UP_TIMEOUT
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise SandboxError(f"the sandbox did not become ready within {UP_TIMEOUT:.0f}s",
                               hint=f"see {files.supervisor_log}")
        r, _, _ = select.select([rfd], [], [], min(left, 0.5))
        if r:
            chunk = os.read(rfd, 65536)
            if not chunk:
                break
            buf += chunk
            if b"\n" in buf:
                break
    if not buf.strip():
        text = ""
        with contextlib.suppress(OSError):
            text = files.supervisor_log.read_text(errors="replace")
        tail = "\n" + "\n".join("  | " + x for x in text.splitlines()[-12:]) if text else ""
        if "unshare failed" in text or ("unshare:" in text and "write failed /proc/self/uid_map" in text):
            problem = userns_problem() or "the kernel refused to create the namespaces (unshare failed)"
            raise EnvironmentProblem(f"cannot build a sandbox: {problem}" + tail,
                                     hint=USERNS_HINT if os.geteuid() != 0 else None)
        raise SandboxError("the sandbox supervisor exited before it was ready" + tail)
    return json.loads(buf.split(b"\n")[0])


def _describe(name: str, sc, d: Path, msg: dict) -> dict:
    rtt = sc.rtt_ms()
    svc_by_host: dict[str, list] = {}
    for s in msg.get("services", []):
        svc_by_host.setdefault(s["host"], []).append(s)
    hosts = []
    for h in sc.hosts:
        hosts.append({
            "name": h.name, "role": h.role, "fqdn": h.fqdn,
            "ipv4": h.ipv4, "ipv6": h.ipv6, "addresses": h.addresses,
            "interfaces": [
                {"name": f"eth{j}", "network": i.network, "ipv4": i.ipv4, "ipv6": i.ipv6,
                 "up": i.up.to_dict(), "down": i.down.to_dict(), "emulated": i.emulated,
                 "extra_addresses": list(i.extra_addresses)}
                for j, i in enumerate(h.interfaces)
            ],
            "services": [s.get("type") for s in h.services],
            "processes": [{"name": s["name"], "type": s["type"], "log": s["log"]} for s in svc_by_host.get(h.name, [])],
            "rtt_ms": rtt.get(h.name),
            "tcp_congestion": (msg.get("tcp_congestion") or {}).get("hosts", {}).get(h.name),
            "nat": natrules.describe(h),
        })
    return {
        "scenario_name": sc.name,
        "client": sc.client.name,
        "backend": msg.get("backend", "userspace"),
        "tcp_congestion": {k: v for k, v in (msg.get("tcp_congestion") or {}).items() if k != "hosts"},
        "networks": [vars(n) for n in sc.networks],
        "hosts": hosts,
    }


def sandbox_info(state: dict, files: StateFiles):
    """The SandboxInfo of a sandbox that is up (written to info.json for the probes)."""
    from netlab.sandbox.context import SandboxInfo

    hosts = {h["name"]: h for h in state["hosts"]}
    roots = [
        {"name": (h["fqdn"] or h["name"]).rstrip(".") + ".", "fqdn": h["fqdn"], "host": h["name"],
         "ipv4": h["ipv4"], "ipv6": h["ipv6"]}
        for h in state["hosts"] if h["role"] == "dns-root"
    ]
    resolver = next((h["ipv4"] or h["ipv6"] for h in state["hosts"] if h["role"] == "resolver"), None)
    cacert = files.root_ca
    return SandboxInfo(
        name=state["name"], roots=roots, resolver=resolver, cacert=str(cacert) if cacert.exists() else None,
        hosts=hosts, client=state.get("client"), state_dir=str(files.root), backend=state.get("backend"),
        tcp_congestion=state.get("tcp_congestion") or {},
    )


# ---------------------------------------------------------------------- down


def down(name: str = "default", timeout: float = 3.0) -> bool:
    """Stop sandbox `name`; True if it was running. Idempotent."""
    st.check_name(name)
    with st.lock(name, remove=True):
        data = st.read_state(name)
        if data is None:
            return False
        was = st.supervisor_alive(data)
        if was:
            pid = data["pid"]
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGTERM)
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline and st.alive(pid, data.get("pid_starttime")):
                time.sleep(0.01)
            if st.alive(pid, data.get("pid_starttime")):
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
        lp = data.get("launcher_pid")
        if lp:
            deadline = time.monotonic() + 1.0
            while time.monotonic() < deadline and st.alive(lp, data.get("launcher_starttime")):
                time.sleep(0.005)
            if st.alive(lp, data.get("launcher_starttime")):
                with contextlib.suppress(OSError):
                    os.kill(lp, signal.SIGKILL)
        st.remove_state_dir(name)
        return was


# ---------------------------------------------------------------------- exec


def exec_argv(data: dict, host: str, argv: list[str], cwd: str | None = None) -> list[str]:
    """The command line that runs argv in `host` of the running sandbox described by `data`."""
    if host not in {h["name"] for h in data.get("hosts", [])}:
        names = ", ".join(h["name"] for h in data.get("hosts", []))
        raise SandboxError(f"no host {host!r} in sandbox '{data['name']}' (hosts: {names})")
    ns = ["nsenter", "-t", str(data["pid"])]
    if data.get("rootless"):
        ns += ["-U", "--preserve-credentials"]
    if cwd is None:
        try:
            cwd = os.getcwd()
        except OSError:
            cwd = "/"
        if not os.access(cwd, os.X_OK):
            cwd = "/"
    ns += ["-m", "-p", f"--wd={cwd}", "--", "ip", "netns", "exec", host]
    return ns + list(argv)


def exec_env(data: dict) -> dict:
    env = dict(os.environ)
    env[ENV_INFO] = str(StateFiles(data["state_dir"]).info)
    env[ENV_NAME] = data["name"]
    return env


def run_in(name: str, argv: list[str], host: str | None = None, **kwargs) -> subprocess.CompletedProcess:
    data = require_running(name)
    host = host or data.get("client") or "client"
    return subprocess.run(exec_argv(data, host, argv), env=exec_env(data), **kwargs)


def exec_foreground(name: str, argv: list[str], host: str | None = None, say: Say | None = None) -> int:
    """Run argv in `host` with our stdin/stdout/stderr; return its exit code."""
    data = require_running(name, say=say)
    host = host or data.get("client") or "client"
    full = exec_argv(data, host, argv)
    # Ctrl-C goes to the whole foreground process group (nsenter and the command): let the
    # command decide, and report its exit code.
    old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        p = subprocess.Popen(full, env=exec_env(data), preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        code = p.wait()
    finally:
        signal.signal(signal.SIGINT, old)
    return exit_status(code)


# ---------------------------------------------------------------------- status


def status(name: str = "default", verbose: bool = False, say: Say | None = None) -> dict:
    """Everything `sandbox status` shows, as one JSON-able dict."""
    st.check_name(name)
    data = load_state(name, say=say)
    if data is None:
        return {"name": name, "running": False}
    files = StateFiles(data["state_dir"])
    dead = {}
    with contextlib.suppress(OSError, ValueError):
        dead = json.loads(files.dead_services.read_text())
    counters = {}
    with contextlib.suppress(OSError, ValueError):
        counters = json.loads(files.link_counters.read_text())
    hosts = []
    for h in data["hosts"]:
        procs = []
        for p in h.get("processes", []):
            q = {"name": p["name"], "type": p["type"], "log": p["log"],
                 "state": "exited" if p["name"] in dead else "running"}
            if p["name"] in dead:
                q["exit_code"] = dead[p["name"]].get("exit_code")
            if verbose:
                q["log_tail"] = _tail(p["log"])
            procs.append(q)
        out = {k: h.get(k) for k in ("name", "role", "fqdn", "ipv4", "ipv6", "addresses", "services", "rtt_ms")}
        out["processes"] = procs
        out["interfaces"] = h.get("interfaces", [])
        if verbose:
            for j, itf in enumerate(out["interfaces"]):
                c = counters.get(f"{h['name']}/eth{j}")
                if c:
                    itf["counters"] = c
        hosts.append(out)
    return {
        "name": name, "running": True, "status": data.get("status"), "pid": data.get("pid"),
        "rootless": data.get("rootless"), "state_dir": data["state_dir"], "scenario": data.get("scenario"),
        "client": data.get("client"), "backend": data.get("backend"), "networks": data.get("networks"),
        "started_at": data.get("started_at"), "hosts": hosts,
    }


def _tail(path: str, n: int = 10) -> list[str]:
    try:
        with open(path, "rb") as fh:
            fh.seek(0, 2)
            fh.seek(max(0, fh.tell() - 8192))
            return fh.read().decode(errors="replace").splitlines()[-n:]
    except OSError:
        return []


# a link direction's settings as `sandbox status` shows them, in this order; the queue once
_LINK_WORDS = (("delay_ms", "{:g}ms"), ("jitter_ms", "±{:g}ms"), ("loss_pct", "{:g}% loss"),
               ("rate_mbit", "{:g}Mbit/s"), ("queue_packets", "queue {}"), ("queue_bytes", "queue {}B"))


def _fmt_link(itf: dict) -> str:
    up, down = itf.get("up", {}), itf.get("down", {})

    def one(s: dict) -> str:
        parts = [form.format(s[key]) for key, form in _LINK_WORDS if s.get(key)
                 and not (key == "queue_bytes" and s.get("queue_packets"))]
        if s.get("drop"):
            parts.append("drop " + ",".join(s["drop"]))
        return " ".join(parts) or "-"

    a, b = one(up), one(down)
    return a if a == b else f"up {a} / down {b}"


def format_status(data: dict, verbose: bool = False) -> str:
    if not data.get("running"):
        others = [n for n in st.list_names() if n != data["name"]]
        msg = f"sandbox '{data['name']}' is not running (start it with: {cli_command('up', data['name'])})\n"
        if others:
            msg += f"running or stale: {', '.join(others)} (netlab sandbox status --name NAME)\n"
        return msg
    lines = [
        f"sandbox '{data['name']}': {data['status']}, supervisor PID {data['pid']}"
        f"{', rootless' if data.get('rootless') else ''}; link emulation: {data['backend']}",
        f"state: {data['state_dir']}   round-trip times (rtt) are configured, from host '{data['client']}'",
        "",
    ]
    rows = [("HOST", "ROLE", "FQDN", "ADDRESSES", "RTT", "LINK (one way)", "SERVICES")]
    for h in data["hosts"]:
        svc = []
        counts: dict[str, list] = {}
        for p in h["processes"]:
            counts.setdefault(p["type"], []).append(p)
        for t, ps in counts.items():
            dead = [p for p in ps if p["state"] != "running"]
            svc.append(t + (f" x{len(ps)}" if len(ps) > 1 else "")
                       + (f" ({len(dead)} exited: {', '.join(p['name'] for p in dead)})" if dead else ""))
        if not svc:
            svc = h.get("services") or []
        link = "; ".join(_fmt_link(i) for i in h.get("interfaces", []) if i.get("emulated")) or "-"
        rtt = "-" if h["rtt_ms"] is None else f"{h['rtt_ms']:g} ms"
        rows.append((h["name"], h["role"], h.get("fqdn") or "-", " ".join(h["addresses"]), rtt, link,
                     ", ".join(svc) or "-"))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)).rstrip())
    if verbose:
        for h in data["hosts"]:
            for itf in h.get("interfaces", []):
                c = itf.get("counters")
                if c:
                    lines.append(f"\nlink {h['name']}/{itf['name']}: " + "; ".join(
                        f"{d} " + " ".join(f"{k}={v}" for k, v in c[d].items()) for d in ("up", "down")))
            for p in h["processes"]:
                lines.append(f"\n--- {p['name']} ({p['log']})")
                lines += ["  " + x for x in p.get("log_tail", [])] or ["  (empty log)"]
    return "\n".join(lines) + "\n"
