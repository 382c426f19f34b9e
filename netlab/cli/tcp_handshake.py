"""`netlab tcp-handshake HOST[:PORT]`: click and light modules only at import (no scapy, no rich)."""

from __future__ import annotations

import ipaddress

import click

from netlab.cli.common import SharedOptions, probe_command, run_probe


def parse_target(value: str, default_port: int = 80) -> tuple[str, int]:
    """HOST, HOST:PORT, [V6]:PORT or a bare IPv6 address -> (host, port); ValueError when malformed."""
    v = value.strip()
    if not v:
        raise ValueError("empty target")
    if v.startswith("["):
        host, sep, rest = v[1:].partition("]")
        if not sep:
            raise ValueError("missing ']' after the IPv6 address")
        ipaddress.IPv6Address(host)
        if not rest:
            return host, default_port
        if not rest.startswith(":"):
            raise ValueError("expected ':PORT' after ']'")
        port_text = rest[1:]
    elif v.count(":") > 1:
        ipaddress.IPv6Address(v)  # a bare IPv6 address (write [addr]:port to give a port)
        return v, default_port
    elif ":" in v:
        host, port_text = v.rsplit(":", 1)
    else:
        host, port_text = v, ""
    if port_text == "":
        return host, default_port
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ValueError(f"bad port {port_text!r} (1-65535)")
    if not host:
        raise ValueError("no host before ':'")
    return host, int(port_text)


class Target(click.ParamType):
    name = "HOST[:PORT]"

    def convert(self, value, param, ctx):
        if isinstance(value, tuple):
            return value
        try:
            return parse_target(str(value))
        except ValueError as e:
            self.fail(f"{value!r} is not HOST[:PORT]: {e}", param, ctx)


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
@click.argument("target", type=Target(), metavar="HOST[:PORT]")
@click.option("--send", "send", metavar="TEXT", default=None,
              help="Send TEXT (plus a newline) after the handshake and show the reply.")
@click.option("--http", is_flag=True, help="Send a minimal HTTP/1.1 GET / request and read the response.")
@click.option("--close", "close", type=click.Choice(["client", "server"]), default="client", show_default=True,
              help="Who closes first: client (we send FIN) or server (we wait for its FIN).")
@click.option("--pcap", metavar="FILE", type=click.Path(dir_okay=False),
              help="Write the captured packets to FILE (pcap; opens in Wireshark/tshark).")
@click.option("-4", "v4", is_flag=True, help="Use IPv4 only.")
@click.option("-6", "v6", is_flag=True, help="Use IPv6 only.")
@click.option("--no-warm", is_flag=True,
              help="Skip the ICMP echo that warms the neighbour caches before the SYN.")
def command(shared: SharedOptions, target: tuple[str, int], send: str | None, http: bool, close: str,
            pcap: str | None, v4: bool, v6: bool, no_warm: bool) -> None:
    if send is not None and http:
        raise click.UsageError("--send and --http cannot be combined")
    if v4 and v6:
        raise click.UsageError("-4 and -6 cannot be combined")
    host, port = target
    params = {
        "host": host, "port": port, "send": send, "http": http, "close": close, "pcap": pcap,
        "family": 4 if v4 else (6 if v6 else None), "warm": not no_warm,
    }
    run_probe("tcp-handshake", params, shared)
