"""`netlab http-compare URL`: HTTP/1.1 vs HTTP/2 vs HTTP/3, phase by phase (click only at import)."""

from __future__ import annotations

import click

from netlab.cli.common import CaFile, OutputFile, SharedOptions, probe_command, run_probe
from netlab.errors import UsageError
from netlab.probes.http_compare.params import (
    HOL_AFTER_MAX,
    HOL_STREAMS,
    HOL_STREAMS_DEFAULT,
    SERVER_CC,
    check_chart_path,
    check_hol_object,
    parse_protocols,
    parse_resolve,
    parse_url,
)


def _protocols(ctx, param, value: str) -> list[str]:
    try:
        return parse_protocols(value)
    except UsageError as e:
        raise click.BadParameter(str(e)) from e


def _hol_object(value: str | None) -> str | None:
    try:
        return check_hol_object(value)
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
        "Head-of-line blocking by construction (sandbox): --hol requests K copies of one object at once "
        "on one HTTP/2 and one HTTP/3 connection, and the link emulator drops exactly one packet of the "
        "server's answer (the first after N bytes, the same rule for TCP and QUIC); the report shows, per "
        "stream, when its last byte came and how long it waited for the retransmission.\n\n"
        "Example: netlab --sandbox http-compare https://www.naver.com/ --hol --delay 20\n\n"
        "Every report names each server's congestion control; under loss a comparison of HTTP/2 with "
        "HTTP/3 is only fair with the same kind on both sides: --server-cc reno matches quic-go (Caddy's "
        "HTTP/3), which uses NewReno.  For loss and delay, --loss/--delay change the client's link for "
        "the run, or start the sandbox from a scenario (netlab sandbox up --scenario FILE)."
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
              help="Write the waterfalls (one request a run: the phases) as a chart, drawn with matplotlib.")
@click.option("--qlog", type=click.Path(file_okay=False), metavar="DIR",
              help="Write the HTTP/3 connections' qlog files into DIR (open them in qvis).")
@click.option("--loss", type=click.FloatRange(0, 100), default=None, metavar="PCT",
              help="Sandbox only: packet loss on the client's link for this run (each direction); needs a sandbox "
                   "that can change links while running (else: a scenario file).")
@click.option("--delay", type=click.FloatRange(0, 10000), default=None, metavar="MS",
              help="Sandbox only: extra one-way delay on the client's link for this run.")
@click.option("--follow", is_flag=True, help="Follow redirects before measuring (shown in the report).")
@click.option("--hol", is_flag=True,
              help="Sandbox only: head-of-line blocking by construction: K objects at once on one HTTP/2 and "
                   "one HTTP/3 connection, one server packet dropped on purpose (replaces --requests).")
@click.option("--hol-streams", type=click.IntRange(*HOL_STREAMS), default=HOL_STREAMS_DEFAULT, show_default=True,
              metavar="K", help="With --hol: objects requested at once.")
@click.option("--hol-object", metavar="PATH", callback=lambda c, p, v: _hol_object(v),
              help="With --hol: the object each stream fetches (default: the largest one the site lists in "
                   "/assets/manifest.json, as the sandbox's sites do; else the URL).")
@click.option("--hol-after", type=click.IntRange(0, HOL_AFTER_MAX), default=None, metavar="BYTES",
              help="With --hol: drop the first server packet after BYTES of payload (default: half of the K "
                   "answers).")
@click.option("--server-cc", type=click.Choice(SERVER_CC), default=None,
              help="Sandbox only: the web host's TCP congestion control for this run (put back after); reno "
                   "matches the loss-based NewReno of quic-go, Caddy's HTTP/3.")
def command(shared: SharedOptions, url: str, protocols: list[str], requests: int, connections_h1: int,
            resolve: tuple[str, ...], cacert: str | None, repeat: int, chart: str | None, qlog: str | None,
            loss: float | None, delay: float | None, follow: bool, hol: bool, hol_streams: int,
            hol_object: str | None, hol_after: int | None, server_cc: str | None) -> None:
    parse_url(url)  # usage errors before any sandbox or network work
    parse_resolve(resolve)
    if (loss is not None or delay is not None) and not shared.sandbox:
        from netlab.sandbox.context import current

        if current() is None:
            raise UsageError(
                "--loss and --delay change the sandbox's emulated link; they work only inside the sandbox",
                hint="netlab --sandbox http-compare URL --loss 2 --delay 25",
            )
    if (hol or server_cc) and not shared.sandbox:
        from netlab.sandbox.context import current

        if current() is None:
            what = "--hol drops a chosen packet on the sandbox's emulated link" if hol else \
                "--server-cc sets a sandbox web host's congestion control"
            raise UsageError(f"{what}; it works only inside the sandbox",
                             hint="netlab --sandbox http-compare https://www.naver.com/ --hol")
    if not hol and (hol_object is not None or hol_after is not None):
        raise UsageError("--hol-object and --hol-after go with --hol")
    if hol and requests > 1:
        raise UsageError("--hol requests its own K objects (--hol-streams); leave out --requests")
    if chart:
        check_chart_path(chart)
    params = {
        "url": url, "protocols": protocols, "requests": requests, "connections_h1": connections_h1,
        "resolve": list(resolve), "cacert": cacert, "repeat": repeat, "chart": chart, "qlog": qlog,
        "loss": loss, "delay": delay, "follow": follow, "hol": hol, "hol_streams": hol_streams,
        "hol_object": hol_object, "hol_after": hol_after, "server_cc": server_cc,
    }
    run_probe("http-compare", params, shared)
