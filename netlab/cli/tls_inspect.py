"""`netlab tls-inspect HOST[:PORT]`: click and light modules only at import (no ssl engine, no rich)."""

from __future__ import annotations

import click

from netlab.cli.common import Address, CaFile, OutputFile, SharedOptions, probe_command, run_probe


class Target(click.ParamType):
    name = "HOST[:PORT]"

    def convert(self, value, param, ctx):
        from netlab.errors import UsageError
        from netlab.probes.tls_inspect.params import parse_target

        try:
            parse_target(str(value))
        except UsageError as e:
            self.fail(e.message, param, ctx)
        return str(value)


class ServerName(click.ParamType):
    name = "SNI"

    def convert(self, value, param, ctx):
        from netlab.targets import TargetError, host, is_ip

        try:
            name = host(str(value))
        except TargetError as e:
            self.fail(str(e), param, ctx)
        if is_ip(name):
            self.fail(f"{value!r}: SNI carries a host name, not an address", param, ctx)
        return name


@probe_command(
    "tls-inspect",
    short_help="Show a TLS handshake message by message, the versions a server accepts, and its certificate chain.",
    help=(
        "Connect to HOST (port 443 unless given) and show: which TLS versions the server accepts "
        "(each tried alone), the handshake of the best one message by message with its round trips "
        "measured, ALPN, a second connection that resumes the session, and the certificate chain "
        "as sent and as validated against the trust store (the system's; the sandbox CA inside the "
        "sandbox; --cacert when given).  Every problem is a finding with a stable code; an invalid "
        "certificate still exits 0 unless --fail-on."
    ),
)
@click.argument("target", type=Target())
@click.option("--servername", "servername", metavar="SNI", type=ServerName(), help="Server name to send (SNI) and check (default: HOST).")
@click.option("--connect-to", "connect_to", type=Address(), help="Connect to this address instead of resolving HOST.")
@click.option("--cacert", type=CaFile(), metavar="FILE",
              help="Trust only the CA certificates in FILE (PEM).")
@click.option("--keylog", type=OutputFile(), metavar="FILE",
              help="Write the session secrets (NSS key log, mode 0600) so Wireshark/tshark can decrypt a capture.")
@click.option("--pcap", type=OutputFile(), metavar="FILE",
              help="Capture the handshake (and the resumed one) to FILE (needs CAP_NET_RAW).")
@click.option("-4", "family", flag_value=4, help="IPv4 only.")
@click.option("-6", "family", flag_value=6, help="IPv6 only.")
def command(shared: SharedOptions, target: str, servername, connect_to, cacert, keylog, pcap, family) -> None:
    run_probe("tls-inspect", {"target": target, "servername": servername, "connect_to": connect_to,
                              "cacert": cacert, "keylog": keylog, "pcap": pcap, "family": family}, shared)
