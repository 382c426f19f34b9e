"""What a probe's collect() gets besides its own parameters."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any


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
