"""Changing the sandbox's emulated links while it runs (from inside the sandbox or from outside).

impair_client_link(info, delay_ms, loss_pct) adds `delay_ms` of delay and `loss_pct` % of loss to
each direction of the client host's link(s), on top of the scenario's own settings, and returns
restore(), which takes them off again.  Both wait (up to ACK_TIMEOUT_S) until the relay
acknowledges the change, so the next packet sent sees it.

How: the userspace relay (netlab.sandbox.linkemu) watches <state_dir>/link-overrides.json and
answers in <state_dir>/link-overrides.ack with the generation it applied.  The sandbox always
relays the client's interfaces (at zero delay unless the scenario says otherwise) when the
userspace backend runs; with the netem backend there is no runtime API (SandboxError).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path

from netlab.errors import SandboxError

ACK_TIMEOUT_S = 1.0


def _state_dir(info) -> Path:
    """The sandbox's state directory: next to the info file inside the sandbox, else by name."""
    from netlab.sandbox.context import ENV_VAR

    path = os.environ.get(ENV_VAR)
    if path and os.environ.get("NETLAB_SANDBOX", info.name) == info.name:
        return Path(path).parent
    from netlab.sandbox import state

    return state.state_dir(info.name)


def _client_name(info) -> str:
    hosts = info.hosts or {}
    for name, h in hosts.items():
        if isinstance(h, dict) and h.get("role") == "client":
            return name
    return "client"


def _check_backend(d: Path) -> None:
    try:
        data = json.loads((d / "state.json").read_text())
    except (OSError, ValueError):
        return  # not readable from here: the ack wait will tell
    backend = data.get("backend")
    if backend and backend != "userspace":
        raise SandboxError(
            f"this sandbox emulates its links with '{backend}'; changing a link while it runs needs the "
            "userspace relay",
            hint="restart the sandbox with NETLAB_LINKEMU=userspace, or use a scenario with the delay/loss you want",
        )


def set_overrides(info, links: dict, timeout: float = ACK_TIMEOUT_S) -> None:
    """Write the overrides ({link or host name: {"up": {...}, "down": {...}}}; {} = none) and wait
    for the relay's acknowledgement."""
    d = _state_dir(info)
    from netlab.sandbox.linkemu import OVERRIDES_ACK, OVERRIDES_FILE

    if not d.is_dir():
        raise SandboxError(f"sandbox '{info.name}': no state directory {d}")
    _check_backend(d)
    generation = time.time_ns()
    path = d / OVERRIDES_FILE
    tmp = d / f".{OVERRIDES_FILE}.{os.getpid()}.tmp"
    try:
        tmp.write_text(json.dumps({"generation": generation, "links": links}))
        os.replace(tmp, path)
    except OSError as e:
        raise SandboxError(f"cannot write {path}: {e}") from e
    ack = d / OVERRIDES_ACK
    deadline = time.monotonic() + timeout
    while True:
        try:
            a = json.loads(ack.read_text())
        except (OSError, ValueError):
            a = None
        if isinstance(a, dict) and a.get("generation") == generation:
            if a.get("error"):
                raise SandboxError(f"the link emulator refused the change: {a['error']}")
            return
        if time.monotonic() >= deadline:
            raise SandboxError(
                f"sandbox '{info.name}': the link emulator did not acknowledge the change within {timeout:g} s",
                hint="is the sandbox up, with the userspace link emulator? (`netlab sandbox status`)",
            )
        time.sleep(0.005)


def impair_client_link(info, delay_ms: float = 0.0, loss_pct: float = 0.0) -> Callable[[], None]:
    """Add delay_ms and loss_pct to both directions of the client's link(s); returns restore()."""
    if delay_ms < 0 or not (0.0 <= loss_pct <= 100.0):
        raise ValueError("delay_ms must be >= 0 and loss_pct 0..100")
    spec = {"delay_ms": float(delay_ms), "loss_pct": float(loss_pct)}
    set_overrides(info, {_client_name(info): {"up": dict(spec), "down": dict(spec)}})
    done = False

    def restore() -> None:
        nonlocal done
        if done:
            return
        done = True
        set_overrides(info, {})

    return restore
