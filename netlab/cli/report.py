"""`netlab report FILE`: re-render a saved Recording, offline."""

from __future__ import annotations

import click

from netlab.cli.common import SharedOptions, probe_command


@probe_command(
    "report",
    short_help="Re-render a saved recording (no network).",
    help=("Re-render a Recording saved with --save: terminal, --json or --markdown. Touches no network. "
          "With --save OUT, the Recording is checked and written again to OUT (upgraded to this "
          "netlab's recording version)."),
)
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--chart", metavar="FILE", type=click.Path(dir_okay=False),
              help="Draw the probe's chart from the recording into FILE (probes that have one).")
def command(shared: SharedOptions, file: str, chart: str | None) -> None:
    from dataclasses import replace

    from netlab.cli.common import report_recording, save_recording
    from netlab.model import Recording

    recording = Recording.load(file)
    if shared.save:
        save_recording(recording, shared.save)
    report_recording(recording, replace(shared, replay=True, chart=chart))
