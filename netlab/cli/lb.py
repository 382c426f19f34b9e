"""`netlab lb URL`: click and light modules only at import (the probe's params.py).

The URL is parsed by the shared UrlType (netlab.targets); the checks of the options live in
netlab.probes.lb.params (pure); this module only declares them.
"""

from __future__ import annotations

import click

from netlab.cli.common import SharedOptions, UrlType, probe_command, run_probe
from netlab.probes.lb.params import (
    ALGORITHMS,
    DEFAULT_CLIENTS,
    DEFAULT_CONCURRENCY,
    DEFAULT_RATE,
    DEFAULT_REQUESTS,
    DEFAULT_SLOW_MS,
    make_params,
)


@probe_command(
    "lb",
    short_help="Load balancing on a real balancer: the spread, health checks, hashing and failover.",
    help=(
        "Send N requests from K client addresses through a load balancer, each on its own TCP "
        "connection, and show which backend answered each: the spread (a table and a chart), per "
        "client for the hashing algorithms, and the balancer's own view (HAProxy's statistics from "
        "its runtime API), checked against the backends' access logs.\n\n"
        "In the load-balancing sandbox (netlab sandbox up --scenario netlab/sandbox/data/lb.toml "
        "--name lb; then netlab --sandbox=lb lb http://lb.test/): --algorithm switches the balancer's "
        "algorithm for the run (roundrobin, weighted, leastconn, source, consistent, uri, sticky); "
        "--slow BACKEND delays one backend's answers; --fail BACKEND makes one backend refuse "
        "connections mid-run, then restores it (the health checks' time to notice and to recover, the "
        "requests that failed or were retried, and for the hashing algorithms the clients that moved); "
        "--failover cuts the active balancer off and measures the virtual address moving to the other "
        "(VRRP, gratuitous ARP, the gap in service).\n\n"
        "Port 80 is HTTP (L7), 443 HTTPS (TLS ends at the balancer), 8080 TCP (L4), 8443 TLS passed "
        "through to the backends."
    ),
)
@click.argument("url", type=UrlType(default_scheme="http"), metavar="URL")
@click.option("--requests", "-n", "requests", type=int, default=DEFAULT_REQUESTS, show_default=True,
              help="Requests to send (with --fail: per phase, at least 2 per client).")
@click.option("--clients", "-k", "clients", type=int, default=DEFAULT_CLIENTS, show_default=True,
              help="Client source addresses to send from (request i comes from client i mod K).")
@click.option("--concurrency", "-c", "concurrency", type=int, default=DEFAULT_CONCURRENCY, show_default=True,
              help="Requests in flight at once.")
@click.option("--algorithm", type=click.Choice(ALGORITHMS), default=None,
              help="Switch the sandbox balancer to this algorithm for the run (its runtime API), then back.")
@click.option("--slow", metavar="BACKEND", default=None, help="Slow this backend's answers down for the run.")
@click.option("--slow-ms", type=float, default=DEFAULT_SLOW_MS, show_default=True, metavar="MS",
              help="How much --slow adds to each answer.")
@click.option("--fail", metavar="BACKEND", default=None,
              help="Fail this backend mid-run (it refuses connections), then restore it.")
@click.option("--failover", is_flag=True, help="Cut the active balancer off and watch the virtual address move.")
@click.option("--rate", type=float, default=DEFAULT_RATE, show_default=True, metavar="PER_S",
              help="Requests per second in the paced runs (--fail, --failover).")
def command(shared: SharedOptions, url, requests: int, clients: int, concurrency: int, algorithm: str | None,
            slow: str | None, slow_ms: float, fail: str | None, failover: bool, rate: float) -> None:
    try:
        params = make_params(url, requests=requests, clients=clients, concurrency=concurrency, fail=fail, slow=slow,
                             slow_ms=slow_ms, algorithm=algorithm, failover=failover, rate=rate)
    except ValueError as e:
        raise click.UsageError(str(e)) from None
    run_probe("lb", params, shared)
