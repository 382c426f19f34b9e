"""What a collect() starts with: the run's clock and an empty Recording (I/O: the clocks, os).

``RunClock`` gives every event's ``t``: seconds on the context's monotonic clock since the probe
started.  ``new_recording`` stamps a Recording with this netlab's version and the start time (UTC,
for the reader only); ``host_facts`` is what the probes that capture record about where they ran.
"""

from __future__ import annotations

import os
from typing import Any

from netlab.model import Recording


class RunClock:
    """Seconds since the run started, on ``clock`` (``ctx.clock``); ``digits`` rounds them."""

    def __init__(self, clock, digits: int | None = None):
        self.clock = clock
        self.t0 = clock()
        self.digits = digits

    def __call__(self) -> float:
        t = self.clock() - self.t0
        return t if self.digits is None else round(t, self.digits)


def new_recording(probe: str, params: dict[str, Any], environment: dict[str, Any]) -> Recording:
    """An empty Recording of ``probe`` with its params and environment, stamped now."""
    from datetime import UTC, datetime

    from netlab import __version__

    return Recording(probe=probe, params=params, environment=dict(environment), netlab_version=__version__,
                     started_at=datetime.now(UTC).isoformat(timespec="seconds"))


def host_facts(ctx) -> dict[str, Any]:
    """Our uid (capture rights), the sandbox we run in (None: live) and the kernel's release."""
    return {"uid": os.getuid(), "sandbox": getattr(ctx.sandbox, "name", None), "kernel": os.uname().release}
