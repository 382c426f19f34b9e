"""Changing the sandbox's emulated links while it runs (from inside the sandbox or from outside).

impair_client_link(info, delay_ms, loss_pct) adds `delay_ms` of delay and `loss_pct` % of loss to
each direction of the client host's link(s), on top of the scenario's own settings, and returns
restore(), which takes them off again.  Both wait (up to ACK_TIMEOUT_S) until the relay
acknowledges the change, so the next packet sent sees it.

How: the userspace relay (netlab.sandbox.linkemu) watches link-overrides.json in the sandbox's
state directory and answers in link-overrides.ack with the generation it applied (file names:
netlab.sandbox.contract.StateFiles).  The sandbox always relays the client's interfaces (at zero
delay unless the scenario says otherwise) when the userspace backend runs; with the netem backend
there is no runtime API (SandboxError).  Everything comes from the SandboxInfo: its state_dir,
client and backend.

set_link(info, host, up=..., down=...) is the general form: any setting the relay takes at run
time (delay_ms, loss_pct, rate_mbit, queue_packets, queue_bytes, drops: netlab.sandbox.linkemu
says what each means) on one host's links, per direction; it returns restore(), which puts the
scenario's settings back and returns the relay's last acknowledgement: the counters of every link
and the deterministic drops that fired while the setting held (the ack's "ended").  read_ack(info)
reads the acknowledgement as it stands (the drops that fired so far).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable

from netlab.errors import SandboxError
from netlab.sandbox.contract import ENV_LINKEMU, StateFiles

ACK_TIMEOUT_S = 1.0


def _files(info) -> StateFiles:
    if not info.state_dir:
        raise SandboxError(f"sandbox '{info.name}': its description names no state directory",
                           hint="restart the sandbox (netlab sandbox down, then up)")
    files = StateFiles(info.state_dir)
    if not files.root.is_dir():
        raise SandboxError(f"sandbox '{info.name}': no state directory {files.root}")
    return files


def _check_backend(info) -> None:
    backend = info.backend
    if backend and backend != "userspace":
        raise SandboxError(
            f"this sandbox emulates its links with '{backend}'; changing a link while it runs needs the "
            "userspace relay",
            hint=f"restart the sandbox with {ENV_LINKEMU}=userspace, or use a scenario with the delay/loss you want",
        )


def set_overrides(info, links: dict, timeout: float = ACK_TIMEOUT_S) -> dict:
    """Write the overrides ({link or host name: {"up": {...}, "down": {...}}}; {} = none), wait
    for the relay's acknowledgement and return it (see netlab.sandbox.linkemu: counters, effective
    settings, the deterministic drops that fired)."""
    files = _files(info)
    _check_backend(info)
    generation = time.time_ns()
    path = files.link_overrides
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(json.dumps({"generation": generation, "links": links}))
        os.replace(tmp, path)
    except OSError as e:
        raise SandboxError(f"cannot write {path}: {e}") from e
    ack = files.link_overrides_ack
    deadline = time.monotonic() + timeout
    while True:
        try:
            a = json.loads(ack.read_text())
        except (OSError, ValueError):
            a = None
        if isinstance(a, dict) and a.get("generation") == generation:
            if a.get("error"):
                raise SandboxError(f"the link emulator refused the change: {a['error']}")
            return a
        if time.monotonic() >= deadline:
            raise SandboxError(
                f"sandbox '{info.name}': the link emulator did not acknowledge the change within {timeout:g} s",
                hint="is the sandbox up, with the userspace link emulator? (`netlab sandbox status`)",
            )
        time.sleep(0.005)


def read_ack(info) -> dict | None:
    """The relay's acknowledgement as it stands (None when there is none or it cannot be read)."""
    try:
        a = json.loads(_files(info).link_overrides_ack.read_text())
    except (OSError, ValueError):
        return None
    return a if isinstance(a, dict) else None


def set_link(info, host: str | None = None, up: dict | None = None, down: dict | None = None,
             timeout: float = ACK_TIMEOUT_S) -> tuple[dict, Callable[[], dict | None]]:
    """Apply runtime settings to one host's link(s) (default: the client's), per direction;
    returns (the relay's acknowledgement, restore()).  restore() takes them off again and returns
    the acknowledgement of that change, whose "ended" lists the drops that fired meanwhile."""
    host = host or info.client
    if not host:
        raise SandboxError(f"sandbox '{info.name}': its description names no client host",
                           hint="restart the sandbox (netlab sandbox down, then up)")
    spec = {d: dict(v) for d, v in (("up", up), ("down", down)) if v}
    ack = set_overrides(info, {host: spec} if spec else {}, timeout=timeout)
    done: list[dict | None] = []

    def restore() -> dict | None:
        if not done:
            done.append(set_overrides(info, {}, timeout=timeout))
        return done[0]

    return ack, restore


def impair_client_link(info, delay_ms: float = 0.0, loss_pct: float = 0.0) -> Callable[[], None]:
    """Add delay_ms and loss_pct to both directions of the client's link(s); returns restore()."""
    if delay_ms < 0 or not (0.0 <= loss_pct <= 100.0):
        raise ValueError("delay_ms must be >= 0 and loss_pct 0..100")
    spec = {"delay_ms": float(delay_ms), "loss_pct": float(loss_pct)}
    if not info.client:
        raise SandboxError(f"sandbox '{info.name}': its description names no client host",
                           hint="restart the sandbox (netlab sandbox down, then up)")
    set_overrides(info, {info.client: {"up": dict(spec), "down": dict(spec)}})
    done = False

    def restore() -> None:
        nonlocal done
        if done:
            return
        done = True
        set_overrides(info, {})

    return restore
