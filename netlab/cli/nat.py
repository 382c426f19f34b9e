"""`netlab nat`: click and light modules only at import (no aioice, no rich).

The options are checked in netlab.probes.nat.params (pure); this module only declares them.
"""

from __future__ import annotations

import click

from netlab.cli.common import HostPort, SharedOptions, probe_command, run_probe
from netlab.probes.nat.params import (
    DEFAULT_LIFETIME,
    DEFAULT_PORT,
    MAX_LIFETIME,
    make_params,
    sandbox_host,
    turn_user,
)
from netlab.targets import TargetError


def _checked(fn):
    def convert(ctx, param, value):
        if value is None:
            return None
        try:
            if isinstance(value, tuple):
                return tuple(fn(v) for v in value)
            return fn(value)
        except TargetError as e:
            raise click.BadParameter(str(e)) from None

    return convert


@probe_command(
    "nat",
    short_help="The NAT in front of you, found out with STUN (RFC 5780), hole punching, TURN and ICE.",
    help=(
        "Find out how the NAT between you and a STUN server behaves, test by test (RFC 5780): the "
        "public address it gave you (XOR-MAPPED-ADDRESS) beside your own; whether that mapping "
        "changes with the destination's address or port (mapping); which unsolicited packets it "
        "lets in (filtering, with CHANGE-REQUEST: the server answers from its other address or "
        "port); how long an idle mapping lives; whether it hairpins.  Each verdict says which "
        "request went where and what came back, or did not (a lost packet is retransmitted, and "
        "only silence after a working control request counts as filtering).\n\n"
        "In the NAT sandbox (netlab --sandbox=nat nat starts the shipped scenario nat) it also punches holes to the other clients behind their own "
        "NATs, relays through TURN where that fails, names the ICE candidates, and shows each NAT "
        "router's own table (conntrack) before, during and after."
    ),
)
@click.option("--server", "server", type=HostPort(DEFAULT_PORT), metavar="HOST[:PORT]", default=None,
              help="The STUN server (port 3478 by default); in the sandbox, the sandbox's own.")
@click.option("--classic", is_flag=True,
              help="Also give the RFC 3489 name (full cone, restricted, port restricted, symmetric) and show "
                   "where it misleads.")
@click.option("--tcp", is_flag=True, help="Run the mapping tests over TCP instead of UDP.")
@click.option("--lifetime", type=click.FloatRange(0, MAX_LIFETIME), default=DEFAULT_LIFETIME, show_default=True,
              metavar="SECONDS", help="Measure how long an idle UDP mapping lives, up to SECONDS (0: do not).")
@click.option("--from", "from_host", metavar="HOST", default=None, callback=_checked(sandbox_host),
              help="Sandbox only: run our side from sandbox host HOST (behind another NAT).")
@click.option("--peer", "peers", metavar="HOST", multiple=True, callback=_checked(sandbox_host),
              help="Sandbox only: punch holes to this client (repeatable; default: every other client).")
@click.option("--no-punch", is_flag=True, help="Do not try hole punching and TURN.")
@click.option("--turn-user", metavar="USER:PASSWORD", default=None, callback=_checked(turn_user),
              help="TURN credentials (in the sandbox, its own).")
def command(shared: SharedOptions, server, classic: bool, tcp: bool, lifetime: float, from_host, peers,
            no_punch: bool, turn_user) -> None:
    try:
        params = make_params(server, classic=classic, tcp=tcp, lifetime=lifetime, from_host=from_host,
                             peers=tuple(peers or ()), punch=not no_punch, turn=turn_user)
    except ValueError as e:
        raise click.UsageError(str(e)) from None
    if params["server"] is None and not shared.sandbox:
        from netlab.sandbox.context import current

        if current() is None:
            raise click.UsageError("--server HOST[:PORT] is needed outside the sandbox (a STUN server; RFC 5780's "
                                   "tests need one with two addresses), or run with --sandbox=nat")
    run_probe("nat", params, shared)
