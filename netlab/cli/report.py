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
@click.option("--step", metavar="NAME", default=None,
              help="A recording that nests others (netlab journey): render the nested step NAME with its own "
                   "probe's full report (tcp, tls, dns:<name>; an unknown NAME lists them).")
def command(shared: SharedOptions, file: str, chart: str | None, step: str | None) -> None:
    from dataclasses import replace

    from netlab.cli.common import report_recording, save_recording
    from netlab.model import Recording

    recording = Recording.load(file)
    if step is not None:
        recording = _nested(recording, step, file)
    if shared.save:
        save_recording(recording, shared.save)
    report_recording(recording, replace(shared, replay=True, chart=chart))


def _nested(recording, step: str, file: str):
    """The Recording nested under ``step`` (a usage error that names the steps there are)."""
    from netlab.errors import UsageError
    from netlab.probes.journey.nested import decode, steps_of

    steps = steps_of(recording)
    if step not in steps:
        there = ", ".join(sorted(steps)) or "none"
        raise UsageError(f"{file}: no step {step!r} in this {recording.probe} recording (steps: {there})")
    return decode(steps[step])
