"""`netlab sandbox up|down|status|exec|shell`: the replica Internet on this machine.

Imports click and light netlab modules only; the work is in netlab.sandbox.control.
"""

from __future__ import annotations

import json
import os
import sys

import click

from netlab.cli.common import SandboxName
from netlab.errors import EXIT_SANDBOX

NAME_OPT = click.option("--name", default="default", show_default=True, metavar="NAME", type=SandboxName(),
                        help="Which sandbox (several can run side by side).")


def say(message: str) -> None:
    """What the sandbox's library code tells the user on the way (it never prints itself)."""
    click.echo(f"netlab: {message}", err=True)


@click.group("sandbox", help="The sandbox: a replica Internet of network namespaces on this machine.")
def group() -> None:
    pass


@group.command("up", help="Start the sandbox (a no-op when it is already up).")
@click.option("--scenario", metavar="FILE", type=click.Path(dir_okay=False),
              help="Scenario file (TOML), or the name of one that ships with netlab (lb); default: the "
                   "built-in scenario, or the one named like the sandbox (--name lb).")
@NAME_OPT
@click.option("--json", "json_", is_flag=True, help="Print the sandbox's state as JSON.")
def up_cmd(scenario: str | None, name: str, json_: bool) -> None:
    from netlab.sandbox import control

    state, started = control.up(name, scenario, say=say)
    if json_:
        click.echo(json.dumps(state, indent=1))
        return
    if not started:
        click.echo(f"sandbox '{name}' is already up (supervisor PID {state['pid']}); nothing to do.")
        click.echo(f"  stop it first to change it: {control.cli_command('down', name)}")
        return
    hosts = state["hosts"]
    client = next((h for h in hosts if h["name"] == state.get("client")), hosts[0])
    resolver = next((h for h in hosts if h["role"] == "resolver"), None)
    nsvc = sum(len(h["processes"]) for h in hosts)
    click.echo(f"sandbox '{name}' is up in {state['up_seconds']:.2f}s"
               f"{' (rootless, in a user namespace)' if state.get('rootless') else ''}: "
               f"{len(hosts)} hosts, {nsvc} service processes, link emulation: {state['backend']}")
    click.echo(f"  client    {client['name']}  {' '.join(client['addresses'])}")
    if resolver:
        click.echo(f"  resolver  {resolver['name']}  {' '.join(resolver['addresses'])}")
    click.echo(f"  state     {state['state_dir']}")
    click.echo("  try: netlab sandbox status  |  netlab sandbox exec -- dig +trace naver.com"
               "  |  netlab sandbox shell")


@group.command("down", help="Stop the sandbox and remove everything it built (idempotent).")
@NAME_OPT
def down_cmd(name: str) -> None:
    from netlab.sandbox import control

    if control.down(name):
        click.echo(f"sandbox '{name}' is down.")
    else:
        click.echo(f"sandbox '{name}' was not running.")


@group.command("exec", help="Run a command inside a host of the sandbox (default: the client).",
               context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False})
@click.option("--host", default=None, metavar="HOST", help="Host to run in (default: the client).")
@NAME_OPT
@click.argument("argv", nargs=-1, required=True, type=click.UNPROCESSED)
def exec_cmd(host: str | None, name: str, argv: tuple[str, ...]) -> None:
    from netlab.sandbox import control

    sys.exit(control.exec_foreground(name, list(argv), host, say=say))


@group.command("shell", help="Open an interactive shell inside a host (default: the client).")
@click.argument("host", required=False)
@NAME_OPT
def shell_cmd(host: str | None, name: str) -> None:
    from netlab.sandbox import control
    from netlab.sandbox.contract import ENV_HOST

    data = control.require_running(name, say=say)
    host = host or data.get("client")
    shell = os.environ.get("SHELL") or "/bin/sh"
    if not os.path.exists(shell):
        shell = "/bin/sh"
    click.echo(f"netlab: shell in host '{host}' of sandbox '{name}' (exit to leave)", err=True)
    env_ps1 = f"[netlab {name}:{host}] \\w\\$ "
    os.environ["PS1"] = env_ps1
    os.environ[ENV_HOST] = host
    argv = [shell] if os.path.basename(shell) != "bash" else [shell, "--norc", "-i"]
    sys.exit(control.exec_foreground(name, argv, host, say=say))


@group.command("status", help="Show the sandbox's hosts, addresses, services and round-trip times.")
@NAME_OPT
@click.option("--json", "json_", is_flag=True, help="The same as JSON.")
@click.option("-v", "--verbose", is_flag=True, help="Also show each service's log tail and link counters.")
def status_cmd(name: str, json_: bool, verbose: bool) -> None:
    from netlab.sandbox import control

    data = control.status(name, verbose=verbose, say=say)
    if json_:
        click.echo(json.dumps(data, indent=1))
        return
    click.echo(control.format_status(data, verbose=verbose), nl=False)
    if not data.get("running"):
        sys.exit(EXIT_SANDBOX)
