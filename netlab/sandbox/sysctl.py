"""One network sysctl of one host of a running sandbox: read it, or set it for a run and put it back.

Each host of the sandbox is a network namespace with its own ``net.*`` sysctls.  A probe runs in
the client host; an experiment may need a setting of another host for one run, e.g. the web
host's default TCP congestion control (``netlab http-compare --server-cc reno``).

API (everything comes from the SandboxInfo the probe already has):

- ``read(info, host, key) -> str``: the value in that host's namespace.
- ``write(info, host, key, value) -> restore``: set it; ``restore()`` puts the previous value back
  (idempotent) and returns it.  Raises ``SysctlRefused`` (with the kernel's errno) when the
  kernel refuses the value: e.g. outside the machine's own network namespace the default TCP
  congestion control may only be one of ``net.ipv4.tcp_allowed_congestion_control``.

How it reaches the other host:

- Inside the sandbox (a process started by ``netlab sandbox exec`` / ``netlab --sandbox``): the
  process is in the sandbox's user and mount namespaces, where each host's network namespace is
  bind-mounted at ``/run/netns/<host>`` (netlab.sandbox.netns).  The calling thread enters it
  (setns), opens ``/proc/sys/net/...`` (which resolves per network namespace of the opener) and
  comes back.  Before it does, it checks that its own network namespace is one of this sandbox's
  hosts (same inode as ``/run/netns/<host>``), so a ``/run/netns`` of the machine is never touched.
- Outside (tests, benchmarks): a six-line reader/writer of that /proc/sys file runs in the target
  host itself, through netlab.sandbox.control.exec_argv (nsenter into the supervisor's namespaces,
  then ``ip netns exec <host>``), and answers like a small command (value, or errno and exit 3).

Only per-namespace keys under ``net.`` are accepted (the sandbox's namespaces are its own; the
machine's global settings are not this module's business), and a value is one short word.

A change that outlives its process would silently change later runs, so every change is first
written to ``sysctl-changes.json`` in the state directory (host, key, previous value, value, pid)
and removed when it is restored; the next ``write`` in that sandbox puts back what a dead process
left behind (``restore_stale``), and refuses to change a key another live process holds.
``netlab sandbox down`` ends the namespaces, and every change with them.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from netlab.errors import SandboxError

JOURNAL = "sysctl-changes.json"  # in the sandbox's state directory (beside link-overrides.json)
LOCK = ".sysctl.lock"
_KEY_RE = re.compile(r"^net\.[a-z0-9_]+(\.[a-z0-9_-]+)+$")
_VALUE_RE = re.compile(r"^[A-Za-z0-9_.: -]{1,64}$")
_HOST_RE = re.compile(r"^[a-z0-9]([a-z0-9-]{0,28}[a-z0-9])?$")
RUN_NETNS = "/run/netns"


class SysctlRefused(SandboxError):
    """The kernel refused the value (``errno`` says why: EPERM, EINVAL, ENOENT...)."""

    def __init__(self, message: str, errno: int | None = None, hint: str | None = None):
        super().__init__(message, hint=hint)
        self.errno = errno


def check_key(key: str) -> str:
    if not isinstance(key, str) or not _KEY_RE.match(key):
        raise ValueError(f"sysctl {key!r}: only per-namespace keys under net. (like net.ipv4.tcp_congestion_control)")
    return key


def check_value(value: str) -> str:
    if not isinstance(value, str) or not _VALUE_RE.match(value):
        raise ValueError(f"sysctl value {value!r}: one short word (letters, digits, _ . : - and spaces)")
    return value


def _proc_path(key: str) -> str:
    return "/proc/sys/" + check_key(key).replace(".", "/")


def _check_host(info, host: str) -> None:
    hosts = info.hosts if isinstance(info.hosts, dict) else {}
    if not _HOST_RE.match(host or "") or (hosts and host not in hosts):
        names = ", ".join(sorted(hosts)) or "none"
        raise SandboxError(f"sandbox '{info.name}' has no host {host!r} (hosts: {names})")


# ---------------------------------------------------------------------- inside the sandbox


def _same_file(a: str, b: str) -> bool:
    try:
        sa, sb = os.stat(a), os.stat(b)
    except OSError:
        return False
    return (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino)


def inside(info) -> bool:
    """True when this process runs in one of the sandbox's hosts (so /run/netns is the sandbox's)."""
    from netlab.sandbox.contract import ENV_INFO

    if not os.environ.get(ENV_INFO):
        return False
    hosts = list(info.hosts) if isinstance(info.hosts, dict) else []
    for h in [info.client, *hosts]:
        if h and _HOST_RE.match(h) and _same_file("/proc/self/ns/net", os.path.join(RUN_NETNS, h)):
            return True
    return False


@contextlib.contextmanager
def _in_host(host: str) -> Iterator[None]:
    from netlab.sandbox import netns

    try:
        with netns.in_netns(host):
            yield
    except OSError as e:
        if e.filename and str(e.filename).startswith("/proc/sys/"):
            raise
        raise SandboxError(f"cannot enter host {host}'s network namespace: {e.strerror or e}") from e


def _read_here(host: str, key: str) -> str:
    path = _proc_path(key)
    with _in_host(host):
        try:
            with open(path) as fh:
                return fh.read().strip()
        except OSError as e:
            raise SysctlRefused(f"host {host}: cannot read {key}: {e.strerror or e}", errno=e.errno) from e


def _write_here(host: str, key: str, value: str) -> None:
    path = _proc_path(key)
    with _in_host(host):
        try:
            with open(path, "w") as fh:
                fh.write(check_value(value) + "\n")
        except OSError as e:
            raise SysctlRefused(f"host {host}: the kernel refused {key} = {value}: {e.strerror or e}",
                                errno=e.errno) from e


# ---------------------------------------------------------------------- from outside

# What runs in the target host when the caller is outside the sandbox (exec_argv puts it in the
# host's network namespace, so it only opens the /proc/sys file): argv = get PATH | set PATH VALUE.
# It answers like a small command: the value on stdout, or "errno strerror" on stderr and exit 3.
_CHILD = """
import sys
try:
    if sys.argv[1] == "get":
        sys.stdout.write(open(sys.argv[2]).read())
    else:
        with open(sys.argv[2], "w") as fh:
            fh.write(sys.argv[3] + "\\n")
except OSError as e:
    sys.stderr.write(f"{e.errno} {e.strerror}")
    sys.exit(3)
"""


def _outside(info, host: str, key: str, value: str | None = None) -> str:
    from netlab.sandbox import control

    data = control.require_running(info.name)
    args = ["get", _proc_path(key)] if value is None else ["set", _proc_path(key), check_value(value)]
    argv = control.exec_argv(data, host, [sys.executable, "-I", "-S", "-c", _CHILD, *args], cwd="/")
    p = subprocess.run(argv, env=control.exec_env(data), capture_output=True, text=True, timeout=30)
    if p.returncode == 0:
        return p.stdout.strip()
    code, _, why = p.stderr.strip().partition(" ")
    if p.returncode == 3 and code.isdigit():
        what = f"cannot read {key}" if value is None else f"the kernel refused {key} = {value}"
        raise SysctlRefused(f"host {host}: {what}: {why}", errno=int(code))
    raise SandboxError(f"sysctl {key} in host {host} of sandbox '{info.name}' failed: {p.stderr.strip()[-300:]}")


# ---------------------------------------------------------------------- the journal


def _journal_path(info) -> Path:
    if not info.state_dir:
        raise SandboxError(f"sandbox '{info.name}': its description names no state directory")
    return Path(info.state_dir) / JOURNAL


@contextlib.contextmanager
def _locked(info) -> Iterator[list[dict]]:
    """The journal's entries, under the sandbox's sysctl lock; written back on the way out."""
    path = _journal_path(info)
    with open(path.with_name(LOCK), "a+") as lk:
        fcntl.flock(lk, fcntl.LOCK_EX)
        try:
            entries = json.loads(path.read_text()) if path.exists() else []
            if not isinstance(entries, list):
                entries = []
        except (OSError, ValueError):
            entries = []
        before = json.dumps(entries)
        yield entries
        if json.dumps(entries) != before:
            tmp = path.with_name(f".{JOURNAL}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps(entries, indent=1) + "\n")
            os.replace(tmp, path)


def _alive(pid: object) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _do_read(info, host: str, key: str) -> str:
    return _read_here(host, key) if inside(info) else _outside(info, host, key)


def _do_write(info, host: str, key: str, value: str) -> None:
    if inside(info):
        _write_here(host, key, value)
    else:
        _outside(info, host, key, value)


def restore_stale(info, entries: list[dict]) -> list[dict]:
    """Put back the changes of processes that died before restoring them (called under the lock)."""
    done = []
    for e in list(entries):
        if _alive(e.get("pid")) or not isinstance(e.get("previous"), str):
            continue
        with contextlib.suppress(SandboxError, ValueError):
            _do_write(info, e["host"], e["key"], e["previous"])
            done.append(e)
        entries.remove(e)
    return done


# ---------------------------------------------------------------------- the API


def read(info, host: str, key: str) -> str:
    """The value of `key` in host `host`'s network namespace."""
    _check_host(info, host)
    check_key(key)
    return _do_read(info, host, key)


def write(info, host: str, key: str, value: str) -> Callable[[], str]:
    """Set `key` to `value` in host `host`'s namespace; returns restore(), which sets the previous
    value back (once) and returns it.  SysctlRefused when the kernel says no (nothing changed)."""
    _check_host(info, host)
    check_key(key)
    check_value(value)
    with _locked(info) as entries:
        restore_stale(info, entries)
        holder = next((e for e in entries if e.get("host") == host and e.get("key") == key), None)
        if holder is not None:
            raise SandboxError(f"host {host}: {key} is being changed by another run (process {holder.get('pid')})",
                               hint="wait for it to finish, or restart the sandbox")
        previous = _do_read(info, host, key)
        entry = {"host": host, "key": key, "previous": previous, "value": value, "pid": os.getpid()}
        entries.append(entry)
    try:
        _do_write(info, host, key, value)
    except BaseException:
        with _locked(info) as entries:
            with contextlib.suppress(ValueError):
                entries.remove(entry)
        raise
    done: list[str] = []

    def restore() -> str:
        if done:
            return done[0]
        done.append(previous)
        with _locked(info) as entries:
            _do_write(info, host, key, previous)
            with contextlib.suppress(ValueError):
                entries.remove(entry)
        return previous

    return restore
