"""The `netlab` command: a click group whose subcommands are imported only when used.

Start-up must stay fast: this module and every command module import click and light netlab
modules only.  Heavy libraries (scapy, aioquic, httpx, dns.query, rich) are imported inside the
code that uses them.  tests/unit/test_cli.py guards this.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys

import click

from netlab import __version__
from netlab.cli.types import SandboxName

# command name -> "module:attribute"; the module is imported only when the command runs
# (or when `netlab --help` lists the commands' one-line purpose, which needs click only).
COMMANDS: dict[str, str] = {
    "dns-trace": "netlab.cli.dns_trace:command",
    "tcp-handshake": "netlab.cli.tcp_handshake:command",
    "tls-inspect": "netlab.cli.tls_inspect:command",
    "http-compare": "netlab.cli.http_compare:command",
    "tcp-flow": "netlab.cli.tcp_flow:command",
    "journey": "netlab.cli.journey:command",
    "layers": "netlab.cli.layers:command",
    "http-state": "netlab.cli.http_state:command",
    "websocket": "netlab.cli.websocket:command",
    "path": "netlab.cli.path:command",
    "lb": "netlab.cli.lb:command",
    "nat": "netlab.cli.nat:command",
    "report": "netlab.cli.report:command",
    "lab": "netlab.cli.lab:group",
    "sandbox": "netlab.cli.sandbox:group",
}


# One-line purpose of each command, shown by `netlab --help` without importing the command's module
# (tests/unit/test_cli.py checks each equals the command's own short_help).
SUMMARIES: dict[str, str] = {
    "dns-trace": "Resolve a name from the root, hop by hop (iterative, RD=0), and explain each step.",
    "tcp-handshake": "Open a TCP connection, capture it, and explain the handshake, data and close.",
    "tls-inspect": "Show a TLS handshake message by message, the versions a server accepts, and its "
    "certificate chain.",
    "http-compare": "HTTP/1.1 vs HTTP/2 vs HTTP/3 on one site: phases and round trips.",
    "tcp-flow": "Watch one bulk transfer: the sender's cwnd, slow start, losses and recovery, the receive window.",
    "journey": "What happens when you type a URL and press Enter: every step on one timeline, with its layer.",
    "layers": "Take one real packet apart, layer by layer: each header's bytes, fields and meaning.",
    "path": "Follow the path to a host hop by hop: TTL, routers, the first hop's route and ARP, the path MTU.",
    "http-state": "HTTP is stateless: how cookies, server sessions and JWTs remember you, request by request.",
    "websocket": "A WebSocket: the HTTP upgrade (101), frames with masks and lengths, pings, push vs polling.",
    "lb": "Load balancing on a real balancer: the spread, health checks, hashing and failover.",
    "nat": "The NAT in front of you, found out with STUN (RFC 5780), hole punching, TURN and ICE.",
    "report": "Re-render a saved recording (no network).",
    "lab": "Run the lab worksheets: a variant per student, answers checked against your own evidence.",
    "sandbox": "The sandbox: a replica Internet of network namespaces on this machine.",
}


class LazyGroup(click.Group):
    """click's documented lazy-loading recipe: commands resolved from COMMANDS on demand."""

    def __init__(self, *args, lazy: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self._available()))

    def _available(self) -> dict[str, str]:
        out = {}
        for name, target in self.lazy.items():
            mod = target.split(":")[0]
            if importlib.util.find_spec(mod) is not None:
                out[name] = target
        return out

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Like click's, but the one-line purposes come from SUMMARIES: listing the commands
        imports none of their modules (each would cost start-up time).  As click does for an
        explicit short_help, a long purpose wraps rather than being cut."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(n) for n in names)
        rows = []
        for name in names:
            summary = SUMMARIES.get(name)
            if summary is None:
                cmd = self.get_command(ctx, name)
                if cmd is None or cmd.hidden:
                    continue
                summary = cmd.get_short_help_str(limit)
            rows.append((name, summary))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy:
            mod_name, attr = self.lazy[name].split(":")
            try:
                mod = importlib.import_module(mod_name)
            except ModuleNotFoundError as e:
                if e.name == mod_name:
                    return None
                raise
            return getattr(mod, attr)
        return super().get_command(ctx, name)


SANDBOX_NAME = SandboxName()


CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(
    cls=LazyGroup,
    lazy=COMMANDS,
    context_settings=CONTEXT_SETTINGS,
    help=(
        "See how the Internet works: each command runs one real exchange "
        "(DNS, TCP, TLS, HTTP) and explains what happened, packet by packet.\n\n"
        "Run probes against the built-in replica Internet with --sandbox."
    ),
)
@click.version_option(__version__, "--version", prog_name="netlab")
@click.option(
    "--sandbox",
    "sandbox",
    metavar="[=NAME]",
    default=None,
    type=SANDBOX_NAME,
    help="Run the probe inside the sandbox NAME (default: 'default'), starting it if needed.",
)
@click.option("--traceback", "traceback_", is_flag=True, help="Show Python tracebacks of internal errors.")
@click.pass_context
def cli(ctx: click.Context, sandbox: str | None, traceback_: bool) -> None:
    ctx.ensure_object(dict)
    ctx.obj["sandbox"] = sandbox
    ctx.obj["traceback"] = traceback_


def _normalise_argv(argv: list[str]) -> list[str]:
    """`--sandbox` alone (before the command) means `--sandbox=default`."""
    out = []
    seen_command = False
    for a in argv:
        if not seen_command and a == "--sandbox":
            out.append("--sandbox=default")
            continue
        if not a.startswith("-"):
            seen_command = True
        out.append(a)
    return out


def main(argv: list[str] | None = None) -> None:
    """Entry point: runs the group and turns every failure into a diagnosis and an exit code."""
    from netlab.cli.errors import run_main

    args = _normalise_argv(list(sys.argv[1:] if argv is None else argv))
    show_tb = "--traceback" in args or os.environ.get("NETLAB_TRACEBACK") == "1"
    if not show_tb and not sys.warnoptions:
        # A library's warning (e.g. cryptography about a CA certificate in the machine's trust store)
        # is not for a student's terminal; what matters for the target is reported as a finding.
        import warnings

        warnings.simplefilter("ignore")
    sys.exit(run_main(cli, args, show_traceback=show_tb))
