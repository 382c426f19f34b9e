"""What a probe's collect() gets besides its own parameters."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

DEFAULT_DEADLINE = 120.0  # seconds for a whole run, whatever the server does


@dataclass
class RunContext:
    timeout: float = 5.0  # seconds, per network operation
    verbose: bool = False
    lang: str = "en"
    # When running inside the sandbox: the sandbox's description (see netlab.sandbox.context);
    # probes use it for root hints, the resolver address and the CA file.  None when live.
    sandbox: Any = None
    clock: Any = field(default=time.monotonic)  # injected monotonic clock (seconds)
    pcap: str | None = None  # where a probe that captures writes its pcap, when asked
    # The overall deadline of the run (seconds from the context's creation): per-read timeouts do
    # not stop a server that sends forever, this does.  collect checks remaining() in its loops and
    # records a cut (a finding says what was cut and why) instead of running on.
    deadline: float = DEFAULT_DEADLINE
    started: float | None = None

    def __post_init__(self) -> None:
        if self.started is None:
            self.started = self.clock()

    def remaining(self) -> float:
        """Seconds left before the overall deadline (never negative)."""
        return max(0.0, self.started + self.deadline - self.clock())

    def expired(self) -> bool:
        return self.remaining() <= 0.0

    def op_timeout(self) -> float:
        """The per-operation timeout, shortened so that no operation outlives the deadline."""
        return max(0.01, min(self.timeout, self.remaining()))
