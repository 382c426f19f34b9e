"""`netlab dns-trace NAME`: click and light modules only at import (no dnspython, no rich)."""

from __future__ import annotations

import click

from netlab.cli.common import Address, SharedOptions, probe_command
from netlab.cli.types import Parsed
from netlab.probes.dns_trace.params import ParamError, family_of, parse_name, parse_type, probe_params

DomainName = Parsed("NAME", parse_name, ParamError)
QueryType = Parsed("TYPE", parse_type, ParamError)


@probe_command(
    "dns-trace",
    short_help="Resolve a name from the root, hop by hop (iterative, RD=0), and explain each step.",
    help=(
        "Resolve NAME the way a recursive resolver does, but show every step: the root, the TLD and "
        "the authoritative servers, each referral with its glue (used or ignored), CNAMEs followed "
        "across zones, truncation and TCP, timeouts and lame servers.\n\n"
        "Queries carry RD=0 and start at explicit root hints: the sandbox's roots with --sandbox, "
        "--root ADDR for any private hierarchy, otherwise the 13 Internet roots. No recursive "
        "resolver is asked during the trace (only afterwards, with --compare-resolver).\n\n"
        "Internationalised names (한글.kr, 네이버.com) are converted to their A-label (xn--...)."
    ),
)
@click.argument("name", type=DomainName)
@click.option("--type", "-t", "qtype", type=QueryType, default="A", show_default=True,
              help="Record type: A, AAAA, MX, TXT, NS, CNAME, SOA, ...")
@click.option("--root", "roots", type=Address(), multiple=True, metavar="ADDR",
              help="Start at this server instead of the root servers (repeatable).")
@click.option("-4", "v4", is_flag=True, help="Use IPv4 only.")
@click.option("-6", "v6", is_flag=True, help="Use IPv6 only.")
@click.option("--tcp", is_flag=True, help="Ask every server over TCP instead of UDP.")
@click.option("--no-follow-cname", is_flag=True, help="Stop at a CNAME instead of resolving its target.")
@click.option("--compare-resolver", is_flag=True,
              help="Afterwards, ask the recursive resolver twice: cold vs cached (TTL, time, AA).")
@click.option("--all-servers", is_flag=True, help="Ask every server of each zone and compare their RTTs.")
@click.option("--seed", type=click.IntRange(min=0), default=None, metavar="N",
              help="Seed for the choice of server in each zone (same seed, same servers).")
def command(shared: SharedOptions, name, qtype, roots, v4, v6, tcp, no_follow_cname, compare_resolver,
            all_servers, seed) -> None:
    from netlab.cli.common import run_probe

    try:
        family = family_of(v4, v6, roots)
    except ParamError as e:
        raise click.UsageError(str(e)) from None
    params = probe_params(name, qtype, roots, family, tcp=tcp, follow_cname=not no_follow_cname,
                          compare_resolver=compare_resolver, all_servers=all_servers, seed=seed)
    run_probe("dns-trace", params, shared)
