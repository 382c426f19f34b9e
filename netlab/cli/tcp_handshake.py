"""`netlab tcp-handshake HOST[:PORT]`: click and light modules only at import (no scapy, no rich).

The target is parsed by the shared HostPort type (netlab.targets); the checks of the options live
in netlab.probes.tcp_handshake.params (pure); this module only declares them.
"""

from __future__ import annotations

import click

from netlab.cli.common import HostPort, SharedOptions, probe_command, run_probe
from netlab.probes.tcp_handshake.params import CLOSE_CHOICES, DEFAULT_PORT, make_params


@probe_command(
    "tcp-handshake",
    short_help="Open a TCP connection, capture it, and explain the handshake, data and close.",
    help=(
        "Open one real TCP connection with the kernel's own stack and capture exactly its packets "
        "(from before connect(), so the SYN is never missed): SYN, SYN-ACK, ACK with sequence and "
        "acknowledgement numbers (absolute and relative), options explained, the handshake RTT, "
        "optional data, then the FIN/ACK close, the socket states of both sides and TIME_WAIT seen "
        "in the kernel's socket table.\n\n"
        "PORT defaults to 80.  Capture needs root or CAP_NET_RAW; without it the kernel's own view "
        "(TCP_INFO) is shown.  A closed port (RST), a filtered port (SYN retransmissions, then "
        "timeout) and ICMP errors are findings, not errors."
    ),
)
@click.argument("target", type=HostPort(DEFAULT_PORT), metavar="HOST[:PORT]")
@click.option("--send", "send", metavar="TEXT", default=None,
              help="Send TEXT (plus a newline) after the handshake and show the reply.")
@click.option("--http", is_flag=True, help="Send a minimal HTTP/1.1 GET / request and read the response.")
@click.option("--close", "close", type=click.Choice(CLOSE_CHOICES), default="client", show_default=True,
              help="Who closes first: client (we send FIN) or server (we wait for its FIN).")
@click.option("--pcap", metavar="FILE", type=click.Path(dir_okay=False),
              help="Write the captured packets to FILE (pcap; opens in Wireshark/tshark).")
@click.option("-4", "v4", is_flag=True, help="Use IPv4 only.")
@click.option("-6", "v6", is_flag=True, help="Use IPv6 only.")
@click.option("--no-warm", is_flag=True,
              help="Skip the ICMP echo that warms the neighbour caches before the SYN.")
def command(shared: SharedOptions, target: tuple[str, int], send: str | None, http: bool, close: str,
            pcap: str | None, v4: bool, v6: bool, no_warm: bool) -> None:
    try:
        params = make_params(target, send=send, http=http, close=close, pcap=pcap, v4=v4, v6=v6, warm=not no_warm)
    except ValueError as e:
        raise click.UsageError(str(e)) from None
    run_probe("tcp-handshake", params, shared)
