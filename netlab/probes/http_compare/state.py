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
# --hol: arrival samples kept per stream ((t, bytes) per chunk); a longer body is cut (data_cut)
MAX_DATA_SAMPLES = 20000


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
    link: Any = None  # link.LinkControl in the sandbox (--delay/--loss, --hol's drop)
    hol_path: str | None = None  # --hol: the object each stream fetches
    hol_after: int | None = None  # --hol: the drop rule's after_bytes, decided once for every run

    def now(self) -> float:
        """Seconds since the probe started, on the injected monotonic clock."""
        return self.ctx.clock() - self.t0


def hol_rule(st: RunState, object_bytes: int, protocol: str, port: int) -> dict:
    """The drop rule of a --hol run: the first server->client packet (``protocol``, ``port``) that
    arrives once ``after_bytes`` of payload have passed since the K requests left.  after_bytes is
    --hol-after, or HOL_DROP_FRACTION of the K responses' bytes (from the first warm-up), decided
    once so that HTTP/2 and HTTP/3, and every run, lose the packet at the same place."""
    from netlab.probes.http_compare.params import HOL_AFTER_MAX, HOL_DROP_FRACTION

    if st.hol_after is None:
        given = st.params.get("hol_after")
        k = st.params["hol_streams"]
        st.hol_after = int(given) if given is not None else int(HOL_DROP_FRACTION * k * max(1, object_bytes))
        st.hol_after = max(0, min(HOL_AFTER_MAX, st.hol_after))
    return {"after_bytes": st.hol_after, "protocol": protocol, "port": port}
