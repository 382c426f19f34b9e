"""`netlab layers`: click and light modules only at import (no scapy, no rich)."""

from __future__ import annotations

import click

from netlab.cli.common import Address, SharedOptions, probe_command, run_probe
from netlab.probes.layers.params import KIND_HELP, KINDS, build_params


@probe_command(
    "layers",
    short_help="Take one real packet apart, layer by layer: each header's bytes, fields and meaning.",
    help=(
        "Show one real packet's encapsulation: each header as a band of bytes with its offset and length, "
        "its fields with values and meanings, the unit's name at each layer (frame, packet, segment or "
        "datagram, message), the OSI and TCP/IP layer beside each, what every header adds, and the bytes "
        "in hex with each field marked.  Dissection by scapy.\n\n"
        "The packet comes from one source:\n\n"
        "\b\n"
        "  --from FILE        packet N (--packet, default 1) of a pcap or pcapng file\n"
        "  --recording FILE   packet N of another probe's saved Recording (tcp-handshake holds frames)\n"
        "  --capture KIND TARGET   one exchange, captured now (needs root or CAP_NET_RAW, or --sandbox):\n"
        + "".join(f"      {k:5} {v}\n" for k, v in KIND_HELP.items())
    ),
)
@click.option("--from", "from_file", metavar="FILE.pcap", default=None,
              type=click.Path(exists=True, dir_okay=False),
              help="A capture file (pcap or pcapng: tcpdump, Wireshark, netlab --pcap).")
@click.option("--recording", metavar="FILE", default=None, type=click.Path(exists=True, dir_okay=False),
              help="A Recording saved with --save by a probe that captures (tcp-handshake).")
@click.option("--capture", nargs=2, metavar="KIND TARGET", default=None,
              type=(click.Choice(KINDS + ("quic",)), str),
              help=f"Capture one exchange now: KIND is one of {', '.join(KINDS)}.")
@click.option("--packet", type=int, default=None, metavar="N",
              help="Which packet (1-based, as Wireshark numbers them).  Default: the first one, or for "
                   "--capture the one KIND names (the query, the SYN, the ClientHello...).")
@click.option("--server", type=Address(), default=None, help="--capture dns: the DNS server to ask.")
@click.option("--pcap", metavar="FILE", default=None, type=click.Path(dir_okay=False),
              help="--capture: also write the captured packets to FILE (opens in Wireshark/tshark).")
@click.option("-4", "v4", is_flag=True, help="--capture: use IPv4 only.")
@click.option("-6", "v6", is_flag=True, help="--capture: use IPv6 only.")
def command(shared: SharedOptions, from_file: str | None, recording: str | None, capture: tuple[str, str] | None,
            packet: int | None, server: str | None, pcap: str | None, v4: bool, v6: bool) -> None:
    if v4 and v6:
        raise click.UsageError("-4 and -6 cannot be combined")
    params = build_params(from_file, recording, capture, packet, server, 4 if v4 else (6 if v6 else None), pcap)
    run_probe("layers", params, shared)
