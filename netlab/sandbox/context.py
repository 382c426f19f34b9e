"""How a probe learns that it runs inside the sandbox.

Contract used by netlab.cli.common.run_probe:
- current() -> SandboxInfo | None: inside `netlab sandbox exec` (env NETLAB_SANDBOX_INFO names a
  JSON file), the sandbox's description; otherwise None.
- enter_sandbox_or_reexec(name, say=None) -> SandboxInfo: if already inside sandbox `name`,
  return its info; otherwise start the sandbox if needed (telling `say`, which the CLI points at
  stderr), re-execute the current command line inside its client host and exit with that
  command's exit code.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field, fields

from netlab.errors import EXIT_INTERRUPTED, SandboxError
from netlab.sandbox.contract import ENV_INFO, ENV_NAME, ENV_REEXEC, StateFiles


@dataclass
class SandboxInfo:
    """What a probe needs to know about the sandbox it runs in (info.json, written by `up`)."""

    name: str
    roots: list[dict] = field(default_factory=list)  # [{"name": "a.root-servers.net.", "ipv4": ..., "ipv6": ...}]
    resolver: str | None = None  # the recursive resolver's address
    cacert: str | None = None  # the sandbox root CA (PEM) once the TLS tier exists
    hosts: dict = field(default_factory=dict)
    client: str | None = None  # the client host's name: where probes run
    state_dir: str | None = None  # the sandbox's state directory (netlab.sandbox.contract.StateFiles)
    backend: str | None = None  # link emulation: "userspace" (links change at runtime) or "netem"
    # TCP congestion control in the sandbox: {"available": [...], "selectable": [...] (by a socket
    # of the sandbox, TCP_CONGESTION), "allowed_unprivileged": [...], "default": "bbr"}; each host's
    # own default is hosts[name]["tcp_congestion"]
    tcp_congestion: dict = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict) -> SandboxInfo:
        """From info.json's content; keys this netlab does not know are ignored."""
        return cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})


def read_info(path: str) -> SandboxInfo:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        return SandboxInfo.from_dict(data)
    except (OSError, ValueError, TypeError) as e:
        raise SandboxError(f"cannot read the sandbox description {path}: {e}") from e


def current() -> SandboxInfo | None:
    path = os.environ.get(ENV_INFO)
    if not path:
        return None
    return read_info(path)


def enter_sandbox_or_reexec(name: str, say: Callable[[str], None] | None = None) -> SandboxInfo:
    info = current()
    if info is not None and info.name == name:
        return info
    if info is not None:
        raise SandboxError(f"already inside sandbox '{info.name}', cannot enter sandbox '{name}' from here",
                           hint="leave the sandbox's shell first")
    import sys

    from netlab.sandbox import control

    tell = say or (lambda message: None)
    data = control.load_state(name, say=say)
    if data is None:
        tell(f"starting sandbox '{name}' (it was not running; stop it later with "
             f"`{control.cli_command('down', name)}`)...")
        data, _ = control.up(name, say=say)
        tell(f"sandbox '{name}' is up ({data.get('up_seconds', 0):.1f}s)")
    elif data.get("status") != "up":
        data = control.require_running(name, say=say)
    host = data.get("client") or "client"
    if enter_in_process(data, host):
        return read_info(str(StateFiles(data["state_dir"]).info))
    argv = [sys.executable, "-c", "import sys; from netlab.cli import main; sys.argv[0] = 'netlab'; main()",
            *strip_sandbox_option(sys.argv[1:])]
    full = control.exec_argv(data, host, argv)
    sys.exit(run_forwarding_signals(full, control.exec_env(data)))


def run_forwarding_signals(argv: list[str], env: dict) -> int:
    """Run argv (the inner netlab, through nsenter) and pass on every interrupt to it.

    The inner command runs in a process group of its own, so a signal sent to this outer process
    alone (``kill -INT <pid>``, not only Ctrl-C at the terminal) is forwarded to the whole inner group
    — nsenter, ip netns exec and the inner netlab — and this process waits for it to finish, then
    exits with its status.  A second interrupt, or one that the inner side ignores for 5 s,
    escalates to SIGKILL of that group.  Nothing is left running behind the outer process.
    """
    import signal
    import subprocess

    from netlab.sandbox import control

    child = subprocess.Popen(argv, env=env, start_new_session=True)
    received: list[int] = []

    def forward(signum, _frame):
        received.append(signum)
        sig = signum if len(received) == 1 else signal.SIGKILL
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(child.pid, sig)

    caught = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT)
    previous = {s: signal.signal(s, forward) for s in caught}
    try:
        while True:
            try:
                returncode = child.wait(timeout=5.0 if received else None)
                break
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(child.pid, signal.SIGKILL)
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
    code = control.exit_status(returncode)
    if received and code == 0:
        code = EXIT_INTERRUPTED
    return code


def enter_in_process(data: dict, host: str) -> bool:
    """Move this very process into the sandbox's client host, as `ip netns exec` would move a new
    one: its network namespace, and a private mount namespace in which /etc/resolv.conf and
    /etc/hosts are the sandbox's (/proc and /sys stay ours).  This saves starting Python a second
    time.  Only as root and while single-threaded; False (nothing changed) when it cannot be
    done, and the caller re-executes the command inside the sandbox instead.  NETLAB_SANDBOX_REEXEC=1
    forces the re-execution (the tests use it for that path)."""
    import threading

    if data.get("rootless") or os.geteuid() != 0 or os.environ.get(ENV_REEXEC) == "1":
        return False
    if threading.active_count() != 1:
        return False
    from netlab.sandbox import netns

    files = StateFiles(data["state_dir"])
    try:
        target = os.open(f"/proc/{int(data['pid'])}/root{netns.netns_path(host)}", os.O_RDONLY)
    except (OSError, KeyError, ValueError):
        return False
    try:
        cwd = os.getcwd()
    except OSError:
        cwd = "/"
    try:
        netns.unshare(netns.CLONE_NEWNS)  # a mount namespace of our own, as ip netns exec makes
        netns.mount("none", "/", None, netns.MS_REC | netns.MS_SLAVE)
        netns.setns(target, netns.CLONE_NEWNET)
    except OSError:
        return False  # nothing visible changed: the mounts are private and the netns is the same
    finally:
        os.close(target)
    for src, dst in ((files.resolv_conf, "/etc/resolv.conf"), (files.hosts, "/etc/hosts")):
        with contextlib.suppress(OSError):
            if os.path.exists(src):
                netns.bind_file(str(src), dst)
    with contextlib.suppress(OSError):  # /sys/class/net of the new netns, as ip netns exec does
        netns.libc().umount2(b"/sys", 2)  # MNT_DETACH
        netns.mount("sysfs", "/sys", "sysfs", 0)
    with contextlib.suppress(OSError):
        os.chdir(cwd)
    os.environ[ENV_INFO] = str(files.info)
    os.environ[ENV_NAME] = data["name"]
    return True


def strip_sandbox_option(args: list[str]) -> list[str]:
    """The command line without the global --sandbox[=NAME] (which comes before the command)."""
    out = []
    seen_command = False
    for a in args:
        if not seen_command and (a == "--sandbox" or a.startswith("--sandbox=")):
            continue
        if not a.startswith("-"):
            seen_command = True
        out.append(a)
    return out
