"""What the sandbox's processes agree on, defined once.

The CLI (netlab.sandbox.control), the supervisor, the userspace link emulator and the probes
(through netlab.sandbox.context and netlab.sandbox.links) run as different processes, some of
them inside the sandbox's namespaces.  They meet only through environment variables and files in
the sandbox's state directory, so their names live here and nowhere else; so does the drop-rule
vocabulary ("udp:53", "tcp:82", ...) that the scenario file, the relay and tc netem all read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# ---------------------------------------------------------------------- environment variables

ENV_INFO = "NETLAB_SANDBOX_INFO"  # set by `sandbox exec`: the path of info.json (SandboxInfo)
ENV_NAME = "NETLAB_SANDBOX"  # set by `sandbox exec`: the sandbox's name
ENV_HOST = "NETLAB_SANDBOX_HOST"  # set by `sandbox shell`: the host the shell runs in
ENV_LINKEMU = "NETLAB_LINKEMU"  # read by the supervisor: "userspace" or "netem" forces a backend
ENV_REEXEC = "NETLAB_SANDBOX_REEXEC"  # "1": `netlab --sandbox` re-executes the command inside (not in-process)


# ---------------------------------------------------------------------- the state directory


@dataclass(frozen=True)
class StateFiles:
    """The files of one sandbox's state directory, and who writes and reads each."""

    root: Path

    def __post_init__(self) -> None:
        object.__setattr__(self, "root", Path(self.root))

    @property
    def state(self) -> Path:
        """state.json: written by control (PIDs with start times, hosts, backend, status); read by
        control, status and the tests."""
        return self.root / "state.json"

    @property
    def info(self) -> Path:
        """info.json: the SandboxInfo that `sandbox exec` hands to probes (ENV_INFO names it)."""
        return self.root / "info.json"

    @property
    def supervisor_log(self) -> Path:
        """The supervisor's stdout and stderr."""
        return self.root / "supervisor.log"

    @property
    def link_counters(self) -> Path:
        """Written by the relay every 2 s ({link: {"up": {...}, "down": {...}}}); read by status -v."""
        return self.root / "linkemu.json"

    @property
    def link_overrides(self) -> Path:
        """Written by netlab.sandbox.links; watched by the relay (see netlab.sandbox.linkemu)."""
        return self.root / "link-overrides.json"

    @property
    def link_overrides_ack(self) -> Path:
        """Written by the relay after each change of link_overrides; read by netlab.sandbox.links."""
        return self.root / "link-overrides.ack"

    @property
    def dead_services(self) -> Path:
        """Written by the supervisor when a service exits; read by status."""
        return self.root / "dead-services.json"

    @property
    def resolv_conf(self) -> Path:
        """Written by the supervisor, bind-mounted over /etc/resolv.conf inside the sandbox."""
        return self.root / "resolv.conf"

    @property
    def hosts(self) -> Path:
        """Written by the supervisor, bind-mounted over /etc/hosts inside the sandbox."""
        return self.root / "hosts"

    @property
    def ip_dir(self) -> Path:
        """The supervisor's `ip -batch` and `tc -batch` files."""
        return self.root / "ip"

    @property
    def pki_dir(self) -> Path:
        """The sandbox's CAs and certificates (netlab.sandbox.pki)."""
        return self.root / "pki"

    @property
    def root_ca(self) -> Path:
        """The sandbox's root CA certificate: SandboxInfo.cacert."""
        return self.pki_dir / "root.pem"

    def host_dir(self, host: str) -> Path:
        """One host's service configurations and logs."""
        return self.root / host


def lock_file(base: Path, name: str) -> Path:
    """The lock that serialises up/down of sandbox `name`, beside the state directories."""
    return base / f".{name}.lock"


def failed_dir(base: Path, name: str) -> Path:
    """Where the state directory of a sandbox that failed to start is kept, for its logs."""
    return base / f".failed-{name}"


# ---------------------------------------------------------------------- drop rules

# protocol word -> IP protocol numbers, per IP version (None: every protocol)
DROP_PROTOCOLS: dict[str, dict[int, tuple[int, ...] | None]] = {
    "tcp": {4: (6,), 6: (6,)},
    "udp": {4: (17,), 6: (17,)},
    "icmp": {4: (1,), 6: (58,)},
    "icmp6": {4: (), 6: (58,)},
    "all": {4: None, 6: None},
}
PORT_PROTOCOLS = ("tcp", "udp")  # the words that take a port: "udp:53"
DROP_RULE_HELP = "use udp, tcp, icmp, icmp6, all, udp:PORT or tcp:PORT"
_DROP_RE = re.compile(r"^([a-z0-9]+)(?::(\d{1,5}))?$")


@dataclass(frozen=True)
class DropRule:
    """One drop rule of a link direction: every packet of `protocol` (to or from `port`)."""

    protocol: str
    port: int | None = None

    def numbers(self, family: int | None = None) -> tuple[int, ...] | None:
        """IP protocol numbers the rule matches for IP version `family` (4 or 6), or for either
        when None; None means every protocol."""
        per = DROP_PROTOCOLS[self.protocol]
        if family is not None:
            return per[family]
        if per[4] is None:
            return None
        return tuple(dict.fromkeys(per[4] + per[6]))

    def __str__(self) -> str:
        return self.protocol if self.port is None else f"{self.protocol}:{self.port}"


def parse_drop_rule(text: object) -> DropRule:
    """A drop rule from its text ("udp", "tcp:82", case-insensitive); ValueError when it is not one."""
    m = _DROP_RE.match(text.strip().lower()) if isinstance(text, str) else None
    if not m or m.group(1) not in DROP_PROTOCOLS:
        raise ValueError(f"bad drop rule {text!r} ({DROP_RULE_HELP})")
    protocol, port = m.group(1), m.group(2)
    if port is not None and (protocol not in PORT_PROTOCOLS or not 0 < int(port) < 65536):
        raise ValueError(f"bad drop rule {text!r} ({DROP_RULE_HELP})")
    return DropRule(protocol, int(port) if port is not None else None)
