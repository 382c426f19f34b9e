"""The output step of `netlab http-compare`: the --chart file, drawn from the Result (I/O).

Called by the CLI pipeline after analyze and before build (netlab/cli/common.py report_recording).

- A live run with ``--chart FILE`` writes FILE.  collect only records the path (the Recording's
  ``chart`` artifact, which the report lists under Files); the drawing is made here, from the
  Result, so a saved Recording holds everything the chart needs.
- ``netlab report`` (``shared.replay``) overwrites no file: the report lists the chart the original
  run wrote, and a path read from a Recording (untrusted input) is never written to.  A chart is
  redrawn only when the user names a file on the command line (``shared.chart``, when `netlab
  report` offers ``--chart``); the report then lists that file instead.
"""

from __future__ import annotations

from netlab.model import Recording
from netlab.probes.chartfile import chart_path
from netlab.probes.http_compare.model import HttpCompareResult


def write_outputs(result: HttpCompareResult, recording: Recording, shared) -> None:
    path = chart_path(recording, shared)
    if not path:
        return
    from netlab.probes.http_compare.chart import write_chart

    write_chart(result, path, getattr(shared, "lang", "en"))
    result.chart = path
