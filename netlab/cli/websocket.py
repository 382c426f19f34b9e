"""`netlab websocket URL`: click and light modules only at import.

The URL is parsed by the shared UrlType (ws:// or wss://; netlab.targets); the option checks live
in netlab.probes.websocket.params (pure); this module only declares them.
"""

from __future__ import annotations

import click

from netlab.cli.common import OutputFile, Seconds, SharedOptions, UrlType, probe_command, run_probe
from netlab.probes.websocket.params import make_params


@probe_command(
    "websocket",
    short_help="A WebSocket: the HTTP upgrade (101), frames with masks and lengths, pings, push vs polling.",
    help=(
        "Open a WebSocket and show it byte by byte: the upgrade is an ordinary HTTP/1.1 GET with Upgrade "
        "headers, answered by 101 Switching Protocols, with Sec-WebSocket-Accept computed and checked; "
        "then every frame with its FIN bit, opcode, mask bit and key, and length form (three messages "
        "of 5, 300 and 70,000 bytes use the 7-, 16- and 64-bit forms); pings timed to their pongs; what "
        "the server sends on its own (--listen); a silent pause (--idle); the close handshake.\n\n"
        "Sandbox endpoints: wss://app.lab.test/ws/echo, /ws/push (add --listen 5 --compare-polling: the "
        "same updates by HTTP polling, requests, bytes and latency measured), /ws/heartbeat (the server "
        "pings every second), /ws/close?code=4000. The same app answers on plain ws:// too."
    ),
)
@click.argument("url", type=UrlType(("ws", "wss"), "wss"), metavar="URL")
@click.option("--message", "messages", multiple=True, metavar="TEXT",
              help="Send TEXT instead of the three default messages (repeatable).")
@click.option("--no-send", is_flag=True, help="Send no data message (only pings and the close).")
@click.option("--pings", type=click.IntRange(0, 20), default=3, show_default=True, help="Pings to send and time.")
@click.option("--listen", type=Seconds(0, 120), default=0.0, metavar="SECONDS",
              help="Read what the server sends on its own for SECONDS.")
@click.option("--idle", type=Seconds(0, 600), default=0.0, metavar="SECONDS",
              help="Stay silent for SECONDS, then send one more message.")
@click.option("--subprotocol", "subprotocols", multiple=True, metavar="NAME",
              help="Offer this subprotocol (Sec-WebSocket-Protocol; repeatable).")
@click.option("--no-deflate", is_flag=True, help="Do not offer permessage-deflate compression.")
@click.option("--compare-polling", is_flag=True,
              help="After --listen, fetch the same updates by HTTP polling for as long (the sandbox app's /poll).")
@click.option("--poll-interval", type=Seconds(0.1, 30), default=1.0, show_default=True, metavar="SECONDS",
              help="Seconds between two polls.")
@click.option("--poll-url", type=UrlType(("http", "https")), default=None, metavar="URL",
              help="The polling endpoint (default: /poll on the same host).")
@click.option("--unmasked-test", is_flag=True,
              help="Also send one unmasked client frame on a second connection and report what the server does.")
@click.option("--no-capture", is_flag=True, help="Do not capture the run.")
@click.option("--pcap", metavar="FILE", type=OutputFile(), help="Write the captured packets to FILE (pcap).")
def command(shared: SharedOptions, url, messages, no_send: bool, pings: int, listen: float, idle: float,
            subprotocols, no_deflate: bool, compare_polling: bool, poll_interval: float, poll_url,
            unmasked_test: bool, no_capture: bool, pcap: str | None) -> None:
    try:
        params = make_params(url, messages=tuple(messages), send=not no_send, pings=pings, listen=listen, idle=idle,
                             subprotocols=tuple(subprotocols), deflate=not no_deflate,
                             compare_polling=compare_polling, poll_interval=poll_interval, poll_url=poll_url,
                             unmasked_test=unmasked_test, capture=not no_capture, pcap=pcap)
    except ValueError as e:
        raise click.UsageError(str(e)) from None
    run_probe("websocket", params, shared)
