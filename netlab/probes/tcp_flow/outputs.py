"""The output step of `netlab tcp-flow`: the --chart file, drawn from the Result (I/O).

A live run with ``--chart FILE`` writes FILE; collect only records the path (the Recording's
``chart`` artifact).  ``netlab report`` overwrites no file and never writes to a path read from a
Recording: it redraws only into a file named on its own command line (``shared.chart``).
"""

from __future__ import annotations

from netlab.model import Recording
from netlab.probes.chartfile import chart_path
from netlab.probes.tcp_flow.model import TcpFlowResult


def write_outputs(result: TcpFlowResult, recording: Recording, shared) -> None:
    path = chart_path(recording, shared)
    if not path or not result.runs:
        return
    from netlab.probes.tcp_flow.chart import write_chart

    write_chart(result, path, getattr(shared, "lang", "en"))
    result.chart = path
