"""How a probe learns that it runs inside the sandbox.

Contract used by netlab.cli.common.run_probe:
- current() -> SandboxInfo | None: inside `netlab sandbox exec` (env NETLAB_SANDBOX_INFO names a
  JSON file), the sandbox's description; otherwise None.
- enter_sandbox_or_reexec(name) -> SandboxInfo: if already inside sandbox `name`, return its info;
  otherwise start the sandbox if needed (saying so on stderr), re-execute the current command
  line inside its client host and exit with that command's exit code.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

from netlab.errors import SandboxError

ENV_VAR = "NETLAB_SANDBOX_INFO"


@dataclass
class SandboxInfo:
    name: str
    roots: list[dict] = field(default_factory=list)  # [{"name": "a.root-servers.net.", "ipv4": ..., "ipv6": ...}]
    resolver: str | None = None  # the recursive resolver's address
    cacert: str | None = None  # the sandbox root CA (PEM) once the TLS tier exists
    hosts: dict = field(default_factory=dict)


def current() -> SandboxInfo | None:
    path = os.environ.get(ENV_VAR)
    if not path:
        return None
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as e:
        raise SandboxError(f"cannot read the sandbox description {path}: {e}") from e
    return SandboxInfo(**{k: data[k] for k in ("name", "roots", "resolver", "cacert", "hosts") if k in data})


def enter_sandbox_or_reexec(name: str) -> SandboxInfo:
    info = current()
    if info is not None and info.name == name:
        return info
    if info is not None:
        raise SandboxError(f"already inside sandbox '{info.name}', cannot enter sandbox '{name}' from here",
                           hint="leave the sandbox's shell first")
    import subprocess
    import sys

    from netlab.sandbox import control

    data = control.load_state(name)
    if data is None:
        print(f"netlab: starting sandbox '{name}' (it was not running; stop it later with "
              f"`netlab sandbox down{'' if name == 'default' else ' --name ' + name}`)...", file=sys.stderr)
        data, _ = control.up(name)
        print(f"netlab: sandbox '{name}' is up ({data.get('up_seconds', 0):.1f}s)", file=sys.stderr)
    elif data.get("status") != "up":
        data = control.require_running(name)
    argv = [sys.executable, "-c", "import sys; from netlab.cli import main; sys.argv[0] = 'netlab'; main()",
            *strip_sandbox_option(sys.argv[1:])]
    host = data.get("client") or "client"
    full = control.exec_argv(data, host, argv)
    try:
        code = subprocess.call(full, env=control.exec_env(data))
    except KeyboardInterrupt:
        code = 130
    sys.exit(128 - code if code < 0 else code)


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
