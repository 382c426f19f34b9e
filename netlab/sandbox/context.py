"""How a probe learns that it runs inside the sandbox (PLACEHOLDER: the sandbox work owns this file).

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
    raise SandboxError("the sandbox is not implemented yet")
