"""Where a sandbox keeps its state, and how to tell whether it is alive.

State directory: /run/netlab/<name>/ as root; otherwise $XDG_RUNTIME_DIR/netlab/<name>/ when that
directory is ours, else /tmp/netlab-<uid>/<name>/.  What it holds, and who writes and reads each
file, is netlab.sandbox.contract.StateFiles.  state.json records the supervisor's and launcher's
PIDs with their start times, so that a reused PID is never mistaken for ours.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from netlab.errors import SandboxError, UsageError
from netlab.sandbox.contract import StateFiles, lock_file


def check_name(name: str) -> str:
    """The one validation of sandbox names (netlab.targets.sandbox_name), wherever a name enters."""
    from netlab.targets import TargetError, sandbox_name

    try:
        return sandbox_name(name)
    except TargetError as e:
        raise UsageError(str(e)) from None


def base_dir() -> Path:
    if os.geteuid() == 0:
        return Path("/run/netlab")
    xdg = os.environ.get("XDG_RUNTIME_DIR")
    if xdg and os.path.isdir(xdg) and os.access(xdg, os.W_OK) and os.stat(xdg).st_uid == os.geteuid():
        return Path(xdg) / "netlab"
    return Path(f"/tmp/netlab-{os.geteuid()}")


def ensure_base() -> Path:
    b = base_dir()
    b.mkdir(mode=0o700, parents=True, exist_ok=True)
    st = os.lstat(b)
    if st.st_uid != os.geteuid() or not os.path.isdir(b) or os.path.islink(b):
        raise SandboxError(f"{b} is not a directory owned by you; refusing to use it")
    return b


def state_dir(name: str) -> Path:
    return base_dir() / check_name(name)


def files(name: str) -> StateFiles:
    return StateFiles(state_dir(name))


@contextlib.contextmanager
def lock(name: str, remove: bool = False) -> Iterator[dict]:
    """Serialise up/down of one sandbox name between processes.  With remove=True the lock file
    is deleted on the way out (by down, so that lock files do not pile up); whoever locked the
    deleted file notices (its inode is no longer the path's) and locks the new one."""
    path = lock_file(ensure_base(), check_name(name))
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            same = os.stat(path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    opts = {"remove": remove}
    try:
        yield opts
    finally:
        if opts["remove"]:
            with contextlib.suppress(OSError):
                os.unlink(path)
        os.close(fd)


def read_state(name: str) -> dict | None:
    p = files(name).state
    try:
        with open(p, encoding="utf-8") as fh:
            return json.load(fh)
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {"broken": True}


def write_json(path: Path, data: dict) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=1, sort_keys=False)
        fh.write("\n")
    os.replace(tmp, path)


def proc_starttime(pid: int) -> int | None:
    """The process's start time (clock ticks since boot) or None when there is no such process."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    rest = data[data.rfind(b")") + 2:].split()
    # fields after "comm": state(3) ppid(4) ... starttime is field 22 -> index 19 here
    if rest[0] == b"Z":
        return None
    return int(rest[19])


def proc_ppid(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    return int(data[data.rfind(b")") + 2:].split()[1])


def alive(pid: int | None, starttime: int | None) -> bool:
    if not pid:
        return False
    st = proc_starttime(pid)
    return st is not None and (starttime is None or st == starttime)


def supervisor_alive(state: dict | None) -> bool:
    return bool(state) and alive(state.get("pid"), state.get("pid_starttime"))


def list_names() -> list[str]:
    b = base_dir()
    try:
        return sorted(p.name for p in b.iterdir() if p.is_dir() and StateFiles(p).state.exists())
    except OSError:
        return []


def remove_state_dir(name: str) -> None:
    d = state_dir(name)
    if d.exists():
        shutil.rmtree(d, ignore_errors=True)
