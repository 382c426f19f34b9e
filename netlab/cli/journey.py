"""`netlab journey URL`: click and light modules only at import (no httpcore, no scapy, no rich).

What is typed is the input of the journey's first step (the address bar): only text no address
bar could hold is refused here (netlab.probes.journey.params); the rest is the probe's to judge.
"""

from __future__ import annotations

import click

from netlab.cli.common import CaFile, OutputFile, SharedOptions, probe_command, run_probe
from netlab.cli.types import Parsed
from netlab.probes.journey.params import PROTOCOLS, ParamError, check_typed, make_params

Typed = Parsed("URL", check_typed, ParamError)


@probe_command(
    "journey",
    short_help="What happens when you type a URL and press Enter: every step on one timeline, with its layer.",
    help=(
        "Visit URL as a browser does, and show every step on one timeline: the address bar (a missing "
        "scheme completed to http://, or https:// with --https-first), /etc/hosts, the stub resolver and "
        "the resolver of /etc/resolv.conf, the route and the next hop's MAC address, then per hop of the "
        "redirect chain the TCP handshake, the TLS handshake and the HTTP exchange; with --browser-like "
        "the page's sub-resources too; then the close.  Each step carries its layer (application, "
        "transport, network, link, with the OSI number), protocol, party and timing; the time per layer "
        "says where it went; one sequence diagram shows every party (from a capture of the client's "
        "interface when netlab may capture).\n\n"
        "After the visit, the last origin is looked at closer by the tcp-handshake and tls-inspect probes "
        "(their Recordings are nested: netlab report FILE --step tls); --cold replaces the resolver's "
        "answer with netlab's own walk from the root (the dns-trace probe), as a resolver with an empty "
        "cache would do it; --warm asks the resolver once before, as an earlier visit would.  "
        "naver.com without a scheme is accepted, as an address bar accepts it."
    ),
)
@click.argument("url", type=Typed, metavar="URL")
@click.option("--browser-like", is_flag=True, help="Also fetch the page's sub-resources (stylesheets, scripts, "
              "images), as a browser does: HTTP/2 multiplexed on one connection, HTTP/1.1 on up to 6.")
@click.option("--cold", "dns", flag_value="cold", help="DNS as with every cache empty: netlab walks from the root "
              "itself (the dns-trace probe, nested).")
@click.option("--warm", "dns", flag_value="warm", help="Ask the resolver once before each lookup (an earlier "
              "visit), so the lookup is answered from its cache.")
@click.option("--follow/--no-follow", default=True, show_default=True, help="Follow redirects (as a browser does).")
@click.option("--protocol", type=click.Choice(PROTOCOLS), default="auto", show_default=True,
              help="auto: ALPN offers h2 and http/1.1 (a browser); h1 or h2 alone; h3: then also the next visit "
                   "over QUIC, as after an Alt-Svc header.")
@click.option("--https-first", is_flag=True, help="Complete a typed name without scheme to https:// (Chrome's "
              "HTTPS-first mode) instead of http://.")
@click.option("-4", "family", flag_value=4, help="IPv4 only.")
@click.option("-6", "family", flag_value=6, help="IPv6 only.")
@click.option("--pcap", type=OutputFile(), metavar="FILE",
              help="Write the visit's packets to FILE (pcap: DNS, ARP, every TCP connection).")
@click.option("--keylog", type=OutputFile(), metavar="FILE",
              help="Write the TLS session secrets (NSS key log) so that Wireshark can decrypt --pcap.")
@click.option("--cacert", type=CaFile(), metavar="FILE", help="Trust only the CA certificates in FILE (PEM).")
@click.option("--details/--no-details", default=True, show_default=True,
              help="After the visit, look closer at the last origin with tcp-handshake and tls-inspect.")
def command(shared: SharedOptions, url: str, browser_like: bool, dns: str | None, follow: bool, protocol: str,
            https_first: bool, family: int | None, pcap: str | None, keylog: str | None, cacert: str | None,
            details: bool) -> None:
    try:
        params = make_params(url, https_first=https_first, browser_like=browser_like, dns=dns or "as-is",
                             follow=follow, protocol=protocol, family=family, pcap=pcap, keylog=keylog,
                             details=details, cacert=cacert)
    except ParamError as e:
        raise click.UsageError(str(e)) from None
    run_probe("journey", params, shared)
