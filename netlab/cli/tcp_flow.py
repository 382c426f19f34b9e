"""`netlab tcp-flow HOST[:PORT]`: one bulk transfer, the sender's congestion control over time (click only at import)."""

from __future__ import annotations

import click

from netlab.cli.common import SharedOptions, probe_command, run_probe
from netlab.errors import UsageError


def _target(ctx, param, value: str):
    from netlab.targets import TargetError, host_port

    try:
        host, port = host_port(value, 0)
    except TargetError as e:
        raise click.BadParameter(f"{value!r} is not HOST[:PORT]: {e}") from e
    return host, (port or None)


def _drops(ctx, param, values: tuple[str, ...]) -> list[int]:
    out = []
    for v in values:
        for part in str(v).split(","):
            part = part.strip()
            if not part:
                continue
            if not part.isdigit() or int(part) < 1:
                raise click.BadParameter(f"{part!r}: data segments are numbered 1, 2, 3, ...")
            out.append(int(part))
    return out


def _size(ctx, param, value):
    if value is None:
        return None
    from netlab.probes.tcp_flow.params import parse_size

    try:
        return parse_size(value, f"--{param.name.replace('_', '-')}")
    except UsageError as e:
        raise click.BadParameter(e.message) from e


def _cc(ctx, param, value):
    if value is None:
        return None
    from netlab.probes.tcp_flow.params import parse_cc

    try:
        parse_cc(value)
    except UsageError as e:
        raise click.BadParameter(e.message) from e
    return value.strip().lower()


@probe_command(
    "tcp-flow",
    short_help="Watch one bulk transfer: the sender's cwnd, slow start, losses and recovery, the receive window.",
    help=(
        "Run one bulk transfer with HOST (a netlab sink or source: in the sandbox, source.lab.test "
        "sends, sink.lab.test receives) and watch the sender's kernel: TCP_INFO every few "
        "milliseconds (cwnd, ssthresh, bytes in flight, RTT, the peer's window, ca_state), the "
        "captured segments, and the phases they show: slow start from an initial window of 10, "
        "the first loss, fast retransmit and recovery, RTO and backoff, congestion avoidance, "
        "BBR's probing, a zero window and its probes.\n\n"
        "In the sandbox the bottleneck is the server's link (10 Mbit/s, a 20-frame queue); "
        "--rate and --queue replace it for the run, --delay and --loss add to it, --drop-nth drops "
        "chosen data segments (the same ones every run).\n\n"
        "Examples: netlab --sandbox tcp-flow source.lab.test --cc cubic --chart cwnd.svg\n\n"
        "  netlab --sandbox tcp-flow source.lab.test --bytes 144800 --receiver-buffer 4M --drop-nth 30,101,102\n\n"
        "  netlab --sandbox tcp-flow source.lab.test --receiver-buffer 64K --reader-pause 1000\n\n"
        "  netlab --sandbox tcp-flow source.lab.test --cc all --loss 1 --repeat 3"
    ),
)
@click.argument("target", callback=_target, metavar="HOST[:PORT]")
@click.option("--upload", "direction", flag_value="upload", help="We send to a sink (default port 9).")
@click.option("--download", "direction", flag_value="download", default=True,
              help="The server sends to us (default; a source, port 19).")
@click.option("--bytes", "nbytes", callback=_size, metavar="N", help="Transfer N bytes (512K, 10M, 1G: 1024-based).")
@click.option("--seconds", type=click.FloatRange(0.1, 300), default=None, metavar="S",
              help="Transfer for S seconds (default 4, unless --bytes).")
@click.option("--cc", callback=_cc, metavar="reno|cubic|bbr|all",
              help="The sender's congestion control (default: the sender's own); all: each one, interleaved.")
@click.option("--repeat", type=click.IntRange(1, 20), default=1, show_default=True, metavar="N",
              help="Transfers per algorithm (interleaved with --cc all); medians compared.")
@click.option("--rate", type=click.FloatRange(0, 10000), default=None, metavar="MBIT",
              help="Sandbox: the bottleneck's rate for this run (0: no limit).")
@click.option("--delay", type=click.FloatRange(0, 5000), default=None, metavar="MS",
              help="Sandbox: extra one-way delay on the bottleneck link, each direction (the RTT grows by twice it).")
@click.option("--loss", type=click.FloatRange(0, 100, max_open=True), default=None, metavar="PCT",
              help="Sandbox: random loss on the data direction.")
@click.option("--queue", metavar="PACKETS|BYTES",
              help="Sandbox: the bottleneck's drop-tail queue: a number of frames (50), or bytes with a unit (64K).")
@click.option("--drop-nth", multiple=True, callback=_drops, metavar="N[,N...]",
              help="Sandbox: drop the N-th data segment on the wire (repeatable or comma-separated), once each. "
                   "Segments are numbered as they cross the link, retransmissions included; a big "
                   "--receiver-buffer (4M) keeps them all full-sized, so a number always names the same bytes.")
@click.option("--receiver-buffer", callback=_size, metavar="BYTES",
              help="The receiver's SO_RCVBUF, set before the handshake (64K: a window that fills fast).")
@click.option("--reader-pause", type=click.FloatRange(0, 60000, min_open=True), default=None, metavar="MS",
              help="The receiving application stops reading for MS after its first 256 KiB.")
@click.option("--sample-ms", type=click.FloatRange(0.5, 100), default=2.0, show_default=True, metavar="MS",
              help="How often each end samples TCP_INFO.")
@click.option("--chart", type=click.Path(dir_okay=False), metavar="FILE.svg|.png",
              help="Draw cwnd, ssthresh, bytes in flight, the receive window and the time-sequence graph (matplotlib).")
@click.option("--pcap", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write the data connection's packet headers as a pcap (tshark, Wireshark).")
def command(shared: SharedOptions, target, direction: str, nbytes, seconds, cc, repeat, rate, delay, loss, queue,
            drop_nth, receiver_buffer, reader_pause, sample_ms, chart, pcap) -> None:
    from netlab.probes.tcp_flow.params import check_chart_path, normalize

    host, port = target
    params = {"host": host, "port": port, "direction": direction or "download", "bytes": nbytes,
              "seconds": seconds, "cc": cc, "repeat": repeat, "rate": rate, "delay": delay, "loss": loss,
              "queue": queue, "drop_nth": drop_nth, "receiver_buffer": receiver_buffer,
              "reader_pause": reader_pause, "sample_ms": sample_ms, "chart": chart, "pcap": pcap}
    normalize(params)  # usage errors before any sandbox or network work
    if chart:
        check_chart_path(chart)
    link = any(v is not None for v in (rate, delay, loss, queue)) or drop_nth
    if link and not shared.sandbox:
        from netlab.sandbox.context import current

        if current() is None:
            raise UsageError("--rate, --delay, --loss, --queue and --drop-nth change the sandbox's emulated link; "
                             "they work only inside the sandbox",
                             hint="netlab --sandbox tcp-flow source.lab.test --rate 10 --queue 20")
    run_probe("tcp-flow", params, shared)
