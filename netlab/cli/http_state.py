"""`netlab http-state URL`: click and light modules only at import.

The URL is parsed by the shared UrlType (netlab.targets); the option checks live in
netlab.probes.http_state.params (pure); this module only declares them.
"""

from __future__ import annotations

import click

from netlab.cli.common import OutputFile, SharedOptions, UrlType, probe_command, run_probe
from netlab.probes.http_state.params import SHORT_TTL_RANGE, make_params


@probe_command(
    "http-state",
    short_help="HTTP is stateless: how cookies, server sessions and JWTs remember you, request by request.",
    help=(
        "Visit URL the way a browser does and show how state is kept over a stateless protocol: the "
        "first request without a cookie, each Set-Cookie attribute explained, the cookie jar deciding "
        "what goes back (domain, path, Secure, SameSite, expiry), the next request carrying Cookie.\n\n"
        "Against the sandbox's app (https://app.lab.test/) the script goes on: login and the session "
        "row in the server's store (Redis), logout, a tampered, a replayed and an expired session id; "
        "JWTs signed with HS256, RS256 and ES256 decoded and verified with the sandbox's keys, a tampered "
        "payload, alg none and an expired token refused; and the same login over http://, captured, "
        "with the cookie in clear text."
    ),
)
@click.argument("url", type=UrlType(("http", "https")), metavar="URL")
@click.option("--no-compare-http", is_flag=True, help="Skip the login over plain http:// (the cleartext comparison).")
@click.option("--no-capture", is_flag=True, help="Do not capture the run (no wire comparison).")
@click.option("--pcap", metavar="FILE", type=OutputFile(), help="Write the captured packets to FILE (pcap).")
@click.option("--short-ttl", type=click.IntRange(*SHORT_TTL_RANGE), default=2, show_default=True, metavar="SECONDS",
              help="Lifetime of the short session and the short token the probe lets expire.")
def command(shared: SharedOptions, url, no_compare_http: bool, no_capture: bool, pcap: str | None,
            short_ttl: int) -> None:
    try:
        params = make_params(url, compare_http=not no_compare_http, capture=not no_capture, pcap=pcap,
                             short_ttl=short_ttl)
    except ValueError as e:
        raise click.UsageError(str(e)) from None
    run_probe("http-state", params, shared)
