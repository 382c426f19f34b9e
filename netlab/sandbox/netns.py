"""Low-level namespace plumbing for the supervisor (Linux only): unshare/setns/mount via libc,
named network namespaces under /run/netns, running `ip`/`ethtool` where they belong.

Everything here runs inside the supervisor's own user/mount/PID/network namespaces, never in the
machine's: the supervisor is started by `unshare`, see netlab.sandbox.control.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import shutil
import struct
import subprocess
from collections.abc import Iterator

from netlab.errors import MissingTool, SandboxError

CLONE_NEWNS = 0x00020000
CLONE_NEWNET = 0x40000000
MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_NOEXEC = 8
MS_BIND = 4096
MS_REC = 16384
MS_PRIVATE = 1 << 18
MS_SLAVE = 1 << 19
NETNS_RUN_DIR = "/run/netns"

_libc = None


def libc():
    global _libc
    if _libc is None:
        _libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    return _libc


def _check(ret: int, what: str) -> None:
    if ret != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def unshare(flags: int) -> None:
    _check(libc().unshare(flags), "unshare")


def setns(fd: int, nstype: int = 0) -> None:
    _check(libc().setns(fd, nstype), "setns")


def mount(source: str, target: str, fstype: str | None, flags: int = 0, data: str | None = None) -> None:
    _check(
        libc().mount(source.encode(), target.encode(), fstype.encode() if fstype else None, flags,
                     data.encode() if data else None),
        f"mount {source} on {target}",
    )


def set_timerslack_ns(ns: int) -> None:
    with contextlib.suppress(Exception):
        libc().prctl(29, ctypes.c_ulong(ns), 0, 0, 0)  # PR_SET_TIMERSLACK


def set_pdeathsig(sig: int) -> None:
    with contextlib.suppress(Exception):
        libc().prctl(1, sig, 0, 0, 0)  # PR_SET_PDEATHSIG


def require_tool(tool: str, package: str | None = None, why: str = "") -> str:
    path = shutil.which(tool) or next(
        (p for p in (f"/usr/sbin/{tool}", f"/sbin/{tool}", f"/usr/bin/{tool}") if os.access(p, os.X_OK)), None
    )
    if not path:
        raise MissingTool(tool, package, why)
    return path


# ---------------------------------------------------------------------- the private /run/netns


def private_run_netns() -> None:
    """Give this (private) mount namespace a writable, empty tmpfs at /run/netns.

    If /run/netns does not exist and we cannot create it (rootless), put a tmpfs over /run and
    bind every entry of the old /run back into it (so $XDG_RUNTIME_DIR and the like stay visible).
    """
    mount("none", "/", None, MS_REC | MS_PRIVATE)
    if not os.path.isdir(NETNS_RUN_DIR):
        try:
            os.makedirs(NETNS_RUN_DIR, exist_ok=True)
        except OSError:
            _tmpfs_over_run()
    mount("netlab-netns", NETNS_RUN_DIR, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=755")


def _tmpfs_over_run() -> None:
    old = os.open("/run", os.O_RDONLY | os.O_DIRECTORY)
    entries = os.listdir(old)
    mount("netlab-run", "/run", "tmpfs", MS_NOSUID | MS_NODEV, "mode=755")
    for e in entries:
        src = f"/proc/self/fd/{old}/{e}"
        dst = f"/run/{e}"
        try:
            if os.path.isdir(src) and not os.path.islink(src):
                os.mkdir(dst)
            elif os.path.islink(src):
                os.symlink(os.readlink(src), dst)
                continue
            else:
                open(dst, "w").close()
            mount(src, dst, None, MS_BIND | MS_REC)
        except OSError:
            continue  # unreadable entries of someone else's: not needed in the sandbox
    os.makedirs(NETNS_RUN_DIR, exist_ok=True)


def bind_file(content_path: str, target: str) -> None:
    """Make `target` (e.g. /etc/resolv.conf, following a symlink) show content_path's file."""
    real = os.path.realpath(target)
    if not os.path.exists(real):
        # e.g. a symlink into a /run we covered: create the target in our tmpfs
        os.makedirs(os.path.dirname(real), exist_ok=True)
        open(real, "w").close()
    mount(content_path, real, None, MS_BIND)


# ---------------------------------------------------------------------- named network namespaces


def netns_path(name: str) -> str:
    return os.path.join(NETNS_RUN_DIR, name)


def create_netns(name: str, sysctls: dict[str, str] | None = None) -> None:
    """Create the named netns `name` (like `ip netns add`) without forking; while inside it,
    write `sysctls` (paths under /proc/sys/net). Returns in the caller's own netns."""
    own = os.open("/proc/self/ns/net", os.O_RDONLY)
    path = netns_path(name)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CREAT | os.O_EXCL, 0o444)
        os.close(fd)
        unshare(CLONE_NEWNET)
        try:
            mount("/proc/self/ns/net", path, None, MS_BIND)
            for key, value in (sysctls or {}).items():
                try:
                    write_sysctl(key, value)
                except OSError:
                    if key != "net.ipv4.ping_group_range":
                        raise
                    write_sysctl(key, "0 0")  # rootless: only our (mapped) group exists
        finally:
            setns(own, CLONE_NEWNET)
    finally:
        os.close(own)


def write_sysctl(key: str, value: str) -> None:
    p = "/proc/sys/" + key.replace(".", "/")
    with open(p, "w") as fh:
        fh.write(str(value))


def reachable_netns_path(name: str, state_dir: str | None = None) -> str:
    """Where this process can open sandbox host `name`'s netns.  /run/netns/NAME when it sees the
    sandbox's mount namespace (the supervisor, `sandbox exec`, a re-executed --sandbox); otherwise,
    given the sandbox's state directory, through the supervisor's root: /proc/PID/root/run/netns/NAME
    (a process that entered a host in-process, as `netlab --sandbox` does as root, keeps the
    machine's mounts; PID from state.json)."""
    path = netns_path(name)
    if os.path.exists(path) or not state_dir:
        return path
    import json

    from netlab.sandbox.contract import StateFiles

    try:
        pid = int(json.loads(StateFiles(state_dir).state.read_text())["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return path
    return f"/proc/{pid}/root{path}"


@contextlib.contextmanager
def in_netns(name: str, state_dir: str | None = None) -> Iterator[None]:
    """Switch the calling thread into netns `name` and back (sockets created inside stay there, and
    so do processes it starts).  ``state_dir``: see reachable_netns_path."""
    own = os.open("/proc/self/ns/net", os.O_RDONLY)
    fd = os.open(reachable_netns_path(name, state_dir), os.O_RDONLY)
    try:
        setns(fd, CLONE_NEWNET)
        try:
            yield
        finally:
            setns(own, CLONE_NEWNET)
    finally:
        os.close(fd)
        os.close(own)


def netns_preexec(name: str):
    """A Popen preexec_fn that enters netns `name` (the child only)."""
    path = netns_path(name)

    def _pre() -> None:
        fd = os.open(path, os.O_RDONLY)
        setns(fd, CLONE_NEWNET)
        os.close(fd)
        os.setsid()

    return _pre


def run_ip_batch(lines: list[str], netns: str | None = None, what: str = "ip") -> None:
    if not lines:
        return
    argv = ["ip"] + (["-n", netns] if netns else []) + ["-batch", "-"]
    p = subprocess.run(argv, input="\n".join(lines) + "\n", capture_output=True, text=True)
    if p.returncode != 0:
        raise SandboxError(f"{what} failed: {p.stderr.strip() or p.stdout.strip()}")


def run_parallel(cmds: list[list[str]], what: str, preexec: list | None = None, limit: int = 16) -> None:
    """Run commands concurrently (at most `limit` at a time); raise on the first failure."""
    pending = list(enumerate(cmds))
    running: list[tuple[list[str], subprocess.Popen]] = []
    errors = []
    while pending or running:
        while pending and len(running) < limit:
            i, argv = pending.pop(0)
            running.append((argv, subprocess.Popen(
                argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                preexec_fn=preexec[i] if preexec else None,
            )))
        argv, p = running.pop(0)
        _, err = p.communicate()
        if p.returncode != 0:
            errors.append(f"{' '.join(argv)}: {err.decode(errors='replace').strip()}")
    if errors:
        raise SandboxError(f"{what} failed: {errors[0]}" + (f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""))


# ---------------------------------------------------------------------- offloads

SIOCETHTOOL = 0x8946
ETHTOOL_GSSET_INFO = 0x37
ETHTOOL_GSTRINGS = 0x1B
ETHTOOL_SFEATURES = 0x3B
ETH_SS_FEATURES = 4
ETH_GSTRING_LEN = 32
ETHTOOL_ARGS = ["tx", "off", "tso", "off", "gso", "off", "gro", "off"]


def _is_offload(name: str) -> bool:
    """The features `ethtool -K DEV tx off tso off gso off gro off` turns off."""
    return (name.startswith("tx-checksum-") or (name.startswith("tx-tcp") and name.endswith("segmentation"))
            or name in ("tx-generic-segmentation", "rx-gro", "rx-gro-list"))


def _ethtool_ioctl(sock, dev: str, buf) -> None:
    import fcntl

    addr, _ = buf.buffer_info()
    fcntl.ioctl(sock.fileno(), SIOCETHTOOL, struct.pack("16sP", dev.encode(), addr))


def _feature_names(sock, dev: str) -> list[str]:
    import array

    info = array.array("B", struct.pack("=IIQI", ETHTOOL_GSSET_INFO, 0, 1 << ETH_SS_FEATURES, 0))
    _ethtool_ioctl(sock, dev, info)
    count = struct.unpack_from("=IIQI", info)[3]
    strings = array.array("B", struct.pack("=III", ETHTOOL_GSTRINGS, ETH_SS_FEATURES, count) + bytes(count * ETH_GSTRING_LEN))
    _ethtool_ioctl(sock, dev, strings)
    raw = strings.tobytes()[12:]
    return [raw[i * ETH_GSTRING_LEN:(i + 1) * ETH_GSTRING_LEN].split(b"\0")[0].decode() for i in range(count)]


def offloads_off(devices: list[str]) -> None:
    """Turn off checksum offload, TSO, GSO and GRO on each device (in this netns), with the
    SIOCETHTOOL ioctl (ETHTOOL_SFEATURES) that ethtool itself uses, in-process: a hundred ethtool
    runs cost ~0.5 s.  Falls back to the ethtool program where the ioctl is refused."""
    import array
    import socket

    fallback = []
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    names: list[str] | None = None
    try:
        for dev in devices:
            try:
                if names is None:
                    names = _feature_names(s, dev)
                blocks = (len(names) + 31) // 32
                valid = [0] * blocks
                for i, n in enumerate(names):
                    if _is_offload(n):
                        valid[i // 32] |= 1 << (i % 32)
                payload = struct.pack("=II", ETHTOOL_SFEATURES, blocks)
                for v in valid:
                    payload += struct.pack("=II", v, 0)  # valid bits, requested = off
                _ethtool_ioctl(s, dev, array.array("B", payload))
            except OSError:
                fallback.append(dev)
    finally:
        s.close()
    if fallback:
        ethtool = require_tool("ethtool", "ethtool", "turning off offloads on sandbox links")
        run_parallel([[ethtool, "-K", dev, *ETHTOOL_ARGS] for dev in fallback],
                     what="turning off offloads (ethtool -K)")
