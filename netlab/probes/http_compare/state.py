"""What the client runs of one probe share: the target, the one address, the clock, the Recording."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from netlab.model import Recording
from netlab.probes.context import RunContext
from netlab.probes.http_compare.params import Target

USER_AGENT = "netlab-http-compare"
# What one response may cost, whatever the server sends: bytes counted before the client stops
# reading (a body that never ends), and bytes of the first document kept to find its objects.
MAX_BODY_BYTES = 64 << 20
KEEP_DOCUMENT_BYTES = 2 << 20


@dataclass
class RunState:
    ctx: RunContext
    t0: float
    target: Target
    address: str
    cacert: str | None
    params: dict
    rec: Recording
    objects: list[str] | None = None  # paths of the objects, decided from the first document
    tickets: dict[int, Any] = field(default_factory=dict)  # run -> aioquic SessionTicket
    alt_svc_port: int | None = None

    def now(self) -> float:
        """Seconds since the probe started, on the injected monotonic clock."""
        return self.ctx.clock() - self.t0
