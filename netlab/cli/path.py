"""`netlab path HOST`: click and light modules only at import (no scapy, no rich).

The checks of the target and options live in netlab.probes.path.params (pure); this module only
declares them.
"""

from __future__ import annotations

import click

from netlab.cli.common import SharedOptions, probe_command, run_probe
from netlab.probes.path.params import MAX_HOPS, PROTOCOLS, QUERIES, make_params


@probe_command(
    "path",
    short_help="Follow the path to a host hop by hop: TTL, routers, the first hop's route and ARP, the path MTU.",
    help=(
        "Trace the route to HOST the way traceroute does, and explain it: probes with TTL 1, 2, 3... "
        "each router's ICMP Time Exceeded with its address and round-trip time, the destination's own "
        "answer, and asterisks for routers that forward without answering.  The first hop in detail: "
        "the routing table's longest matching prefix, the gateway, and ARP (IPv6: neighbour discovery) "
        "asking for the gateway's MAC address, not the server's.  Inside the sandbox the same packet is "
        "also captured at the destination: its MAC addresses changed at every hop, its IP addresses "
        "did not.\n\n"
        "--protocol udp (the default, as traceroute), icmp (as Windows tracert) or tcp (SYNs to --port, "
        "80 by default): firewalls treat them differently.  --mtu-discovery adds the path MTU: DF probes, "
        "ICMP 'fragmentation needed' / 'packet too big', a TCP upload whose segment size path-MTU "
        "discovery adjusts, and the black hole when that ICMP is filtered.\n\n"
        "The probes need no privilege (the kernel's error queue, IP_RECVERR); the captures and the ARP "
        "exchange need root or CAP_NET_RAW, and are reported as missing without it.  Inside netlab "
        "--sandbox everything works."
    ),
)
@click.argument("host", metavar="HOST")
@click.option("--protocol", type=click.Choice(PROTOCOLS), default="udp", show_default=True,
              help="What each probe is: a UDP datagram, an ICMP echo request, or a TCP SYN.")
@click.option("--port", type=click.IntRange(1, 65535), default=None,
              help="UDP: the first destination port (33434); TCP: the port the SYNs go to (80).")
@click.option("--mtu-discovery", is_flag=True,
              help="Also measure the path MTU: DF probes, frag-needed, PMTU discovery in a TCP upload, black holes.")
@click.option("--max-hops", type=click.IntRange(1, 64), default=MAX_HOPS, show_default=True,
              help="The largest TTL tried.")
@click.option("--queries", type=click.IntRange(1, 5), default=QUERIES, show_default=True,
              help="Probes per TTL.")
@click.option("-4", "v4", is_flag=True, help="Use IPv4 only.")
@click.option("-6", "v6", is_flag=True, help="Use IPv6 only.")
def command(shared: SharedOptions, host: str, protocol: str, port: int | None, mtu_discovery: bool, max_hops: int,
            queries: int, v4: bool, v6: bool) -> None:
    try:
        params = make_params(host, protocol=protocol, port=port, mtu_discovery=mtu_discovery, max_hops=max_hops,
                             queries=queries, v4=v4, v6=v6)
    except ValueError as e:
        raise click.UsageError(str(e)) from None
    run_probe("path", params, shared)
