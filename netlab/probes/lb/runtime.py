"""The I/O of `netlab lb` that is not the requests themselves (used by collect.py only).

- HAProxy's runtime API: a UNIX socket in the balancer's host directory (`stats socket ... level
  admin`), reached through the sandbox's shared file system, so the client host drives the
  balancer without any management traffic on the links being measured.  One command per
  connection, as `socat` does it.
- The backends' runtime switches: ``control.json`` in each backend's directory, acknowledged in
  ``control.ack`` (netlab.sandbox.services.lbbackend).
- The sandbox itself: `ip` in a balancer's network namespace (its addresses, its MAC), the
  client's ARP cache, and the link emulator (cutting a balancer off, as if its cables were pulled).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
from pathlib import Path

API_TIMEOUT = 2.0
MAX_ANSWER = 4 << 20


class ApiError(Exception):
    pass


def api(socket_path: str, command: str, timeout: float = API_TIMEOUT) -> str:
    """One command on HAProxy's runtime API; its answer as text."""
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(timeout)
    try:
        s.connect(socket_path)
        s.sendall(command.encode() + b"\n")
        chunks, size = [], 0
        while size < MAX_ANSWER:
            d = s.recv(65536)
            if not d:
                break
            chunks.append(d)
            size += len(d)
        return b"".join(chunks).decode("utf-8", "replace")
    except OSError as e:
        raise ApiError(f"{command.split()[0]}: {e.strerror or e}") from e
    finally:
        s.close()


def map_value(answer: str, key: str) -> str | None:
    """The value of `key` in a `show map` answer (lines "0x... KEY VALUE")."""
    for ln in answer.splitlines():
        parts = ln.split()
        if len(parts) >= 3 and parts[1] == key:
            return parts[2]
    return None


def switch_backend(backend_dir: str, mode: str, slow_ms: float, timeout: float = 2.0) -> tuple[bool, str | None]:
    """Write a backend's control file and wait for its acknowledgement: (acked, error)."""
    from netlab.sandbox.services.lbbackend import ACK_FILE, CONTROL_FILE

    d = Path(backend_dir)
    generation = time.time_ns()
    tmp = d / f".{CONTROL_FILE}.{os.getpid()}.tmp"
    try:
        tmp.write_text(json.dumps({"generation": generation, "mode": mode, "slow_ms": slow_ms}))
        os.replace(tmp, d / CONTROL_FILE)
    except OSError as e:
        return False, f"cannot write {d / CONTROL_FILE}: {e.strerror or e}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            ack = json.loads((d / ACK_FILE).read_text())
        except (OSError, ValueError):
            ack = None
        if isinstance(ack, dict) and ack.get("generation") == generation:
            return True, ack.get("error")
        time.sleep(0.005)
    return False, "the backend did not acknowledge the switch (is it running?)"


def read_access_log(backend_dir: str, run_id: str, cap: int = 20000) -> tuple[list[dict], str]:
    """This run's lines of a backend's access log (those whose request id starts with run_id)."""
    from netlab.sandbox.services.lbbackend import ACCESS_LOG

    path = Path(backend_dir) / ACCESS_LOG
    out: list[dict] = []
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            for ln in fh:
                if run_id not in ln:
                    continue
                try:
                    d = json.loads(ln)
                except ValueError:
                    continue
                if isinstance(d, dict) and str(d.get("id", "")).startswith(run_id + "-"):
                    out.append(d)
                    if len(out) >= cap:
                        break
    except OSError as e:
        return out, f"{path}: {e.strerror or e}"
    return out, ""


def netns_file(state_dir: str | None, host: str) -> str | None:
    """The network namespace file of sandbox host `host`.  `netlab --sandbox` as root joins the client
    host in-process (netlab.sandbox.context.enter_in_process) and keeps the machine's mount and PID
    namespaces, where the sandbox's /run/netns is reached through its supervisor's root; inside
    `sandbox exec` (or re-executed) /run/netns is the sandbox's own."""
    candidates = []
    if state_dir:
        from netlab.sandbox.contract import StateFiles

        try:
            pid = int(json.loads(StateFiles(state_dir).state.read_text()).get("pid") or 0)
        except (OSError, ValueError, TypeError):
            pid = 0
        if pid:
            candidates.append(f"/proc/{pid}/root/run/netns/{host}")
    candidates.append(f"/run/netns/{host}")
    for c in candidates:
        try:
            if os.path.exists(c) and os.stat(c).st_ino != os.stat(os.path.dirname(c)).st_ino:
                return c
        except OSError:
            continue
    return None


def ip_json(args: list[str], netns: str | None = None, timeout: float = 2.0):
    """`ip -j ARGS` here, or inside the network namespace whose file is `netns` (nsenter --net)."""
    argv = (["nsenter", f"--net={netns}"] if netns else []) + ["ip", "-j", *args]
    try:
        p = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if p.returncode != 0:
        return None
    try:
        return json.loads(p.stdout or "[]")
    except ValueError:
        return None


def holds_address(netns: str | None, address: str) -> bool | None:
    if not netns:
        return None
    data = ip_json(["-4", "addr", "show"], netns)
    if data is None:
        return None
    return any(a.get("local") == address for itf in data for a in itf.get("addr_info", []))


def mac_of(netns: str | None, address: str) -> str | None:
    """The MAC of the interface (in the namespace whose file is `netns`) that has `address`."""
    if not netns:
        return None
    data = ip_json(["addr", "show"], netns)
    for itf in data or []:
        if any(a.get("local") == address for a in itf.get("addr_info", [])):
            return itf.get("address")
    return None


def neighbour(address: str) -> tuple[str, str]:
    """(MAC, state) of the client's ARP cache entry for `address` ("", "NONE" when there is none)."""
    data = ip_json(["-4", "neigh", "show", address])
    for n in data or []:
        if n.get("dst") == address:
            state = n.get("state") or []
            return n.get("lladdr", ""), ",".join(state) if isinstance(state, list) else str(state)
    return "", "NONE"


def local_sources(target: str) -> tuple[str, list[str]]:
    """(interface, its IPv4 addresses, the one the kernel picks for `target` first) of the route to target."""
    route = ip_json(["-4", "route", "get", target]) or []
    dev = route[0].get("dev", "") if route else ""
    primary = route[0].get("prefsrc", "") if route else ""
    addrs: list[str] = []
    data = ip_json(["-4", "addr", "show", "dev", dev]) if dev else None
    for itf in data or []:
        for a in itf.get("addr_info", []):
            if a.get("family") == "inet" and a.get("scope") == "global" and a.get("local"):
                addrs.append(a["local"])
    if primary in addrs:
        addrs.remove(primary)
        addrs.insert(0, primary)
    return dev, addrs


def cut_links(info, balancer: str, cut: bool) -> str:
    """Cut (loss 100 % both ways) or restore a balancer's emulated links; "" or the error."""
    from netlab.errors import SandboxError
    from netlab.sandbox.links import set_overrides

    try:
        set_overrides(info, {balancer: {"up": {"loss_pct": 100.0}, "down": {"loss_pct": 100.0}}} if cut else {})
    except (SandboxError, ValueError) as e:
        return getattr(e, "message", None) or str(e)
    return ""


class ArpSniffer:
    """ARP frames on one interface (AF_PACKET, ETH_P_ARP), read in a thread."""

    def __init__(self, ifname: str, clock, on_frame):
        self.ifname, self.clock, self.on_frame = ifname, clock, on_frame
        self.sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0806))
        self.sock.bind((ifname, 0))
        self.sock.settimeout(0.1)
        self.stopping = False

    def run(self) -> None:
        while not self.stopping:
            try:
                frame = self.sock.recv(2048)
            except TimeoutError:
                continue
            except OSError:
                return
            t = self.clock()
            if len(frame) < 42 or frame[12:14] != b"\x08\x06":
                continue
            op = int.from_bytes(frame[20:22], "big")
            smac = ":".join(f"{b:02x}" for b in frame[22:28])
            sip = socket.inet_ntoa(frame[28:32])
            tip = socket.inet_ntoa(frame[38:42])
            self.on_frame(t, op, smac, sip, tip)

    def close(self) -> None:
        self.stopping = True
        self.sock.close()
