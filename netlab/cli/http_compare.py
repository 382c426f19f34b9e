"""`netlab http-compare URL`: HTTP/1.1 vs HTTP/2 vs HTTP/3, phase by phase (click only at import)."""

from __future__ import annotations

import click

from netlab.cli.common import CaFile, OutputFile, SharedOptions, probe_command, run_probe
from netlab.errors import UsageError
from netlab.probes.http_compare.params import check_chart_path, parse_protocols, parse_resolve, parse_url


def _protocols(ctx, param, value: str) -> list[str]:
    try:
        return parse_protocols(value)
    except UsageError as e:
        raise click.BadParameter(str(e)) from e


@probe_command(
    "http-compare",
    short_help="HTTP/1.1 vs HTTP/2 vs HTTP/3 on one site: phases and round trips.",
    help=(
        "Fetch URL with HTTP/1.1, HTTP/2 and HTTP/3 on fresh connections to the same address, "
        "interleaved over --repeat runs, and show each phase (TCP connect, TLS, QUIC handshake, "
        "request, first and last byte), the round trips counted against the measured RTT, each "
        "client's CPU time, and with --requests N a waterfall per protocol.\n\n"
        "Example: netlab --sandbox http-compare https://www.naver.com/many.html --requests 40 --repeat 5\n\n"
        "For loss and delay, start the sandbox from a scenario whose client link sets loss_pct and "
        "delay_ms (netlab sandbox up --scenario FILE)."
    ),
)
@click.argument("url")
@click.option("--protocols", default="h1,h2,h3", show_default=True, callback=_protocols,
              help="Which protocols to compare (comma-separated: h1,h2,h3).")
@click.option("--requests", "requests", type=click.IntRange(1, 500), default=1, show_default=True, metavar="N",
              help="Requests per run: the URL, then N-1 objects the page refers to (or the URL again).")
@click.option("--connections-h1", type=click.IntRange(1, 64), default=6, show_default=True, metavar="K",
              help="HTTP/1.1 browser-like mode: up to K parallel connections (with --requests > 1).")
@click.option("--resolve", multiple=True, metavar="HOST:PORT:ADDR",
              help="Use ADDR for HOST:PORT instead of DNS (like curl). Repeatable.")
@click.option("--cacert", type=CaFile(), metavar="FILE",
              help="Trust this CA bundle (default: the sandbox's CA in the sandbox, else the system's).")
@click.option("--repeat", type=click.IntRange(1, 100), default=3, show_default=True, metavar="R",
              help="Runs of each protocol, interleaved; medians and spread are reported.")
@click.option("--chart", type=OutputFile(), metavar="FILE.svg|.png",
              help="Write the waterfalls as a chart (SVG always; PNG needs matplotlib).")
@click.option("--qlog", type=click.Path(file_okay=False), metavar="DIR",
              help="Write the HTTP/3 connections' qlog files into DIR (open them in qvis).")
@click.option("--loss", type=click.FloatRange(0, 100), default=None, metavar="PCT",
              help="Sandbox only: packet loss on the client's link for this run (each direction); needs a sandbox "
                   "that can change links while running (else: a scenario file).")
@click.option("--delay", type=click.FloatRange(0, 10000), default=None, metavar="MS",
              help="Sandbox only: extra one-way delay on the client's link for this run.")
@click.option("--follow", is_flag=True, help="Follow redirects before measuring (shown in the report).")
def command(shared: SharedOptions, url: str, protocols: list[str], requests: int, connections_h1: int,
            resolve: tuple[str, ...], cacert: str | None, repeat: int, chart: str | None, qlog: str | None,
            loss: float | None, delay: float | None, follow: bool) -> None:
    parse_url(url)  # usage errors before any sandbox or network work
    parse_resolve(resolve)
    if (loss is not None or delay is not None) and not shared.sandbox:
        from netlab.sandbox.context import current

        if current() is None:
            raise UsageError(
                "--loss and --delay change the sandbox's emulated link; they work only inside the sandbox",
                hint="netlab --sandbox http-compare URL --loss 2 --delay 25",
            )
    if chart:
        check_chart_path(chart)
    params = {
        "url": url, "protocols": protocols, "requests": requests, "connections_h1": connections_h1,
        "resolve": list(resolve), "cacert": cacert, "repeat": repeat, "chart": chart, "qlog": qlog,
        "loss": loss, "delay": delay, "follow": follow,
    }
    run_probe("http-compare", params, shared)
