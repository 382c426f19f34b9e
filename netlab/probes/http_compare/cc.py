"""Who decides the sending rate: each side's congestion control, named (pure).

A download's speed under loss is set by the *server's* sender: its congestion control decides how
much it sends per round trip and what it does when a packet is lost.  Comparing HTTP/2 (over the
server kernel's TCP) with HTTP/3 (over the server's own QUIC stack) under loss compares their
congestion controls too, so every report names them:

- TCP server: the kernel's default in the server's network namespace
  (``net.ipv4.tcp_congestion_control``).  In the sandbox it is read from the web host's namespace
  at run time (netlab.sandbox.sysctl), or set for the run with ``--server-cc``; live, a client
  cannot see it ("unknown").
- QUIC server: chosen by the QUIC implementation, not by the kernel.  Caddy's HTTP/3 is quic-go,
  whose sender is ``congestion.NewCubicSender(..., true /* use Reno */, ...)`` in
  internal/ackhandler/sent_packet_handler.go: NewReno, hard-coded (no option), in every quic-go
  release from 2019 to now (checked in the quic-go/quic-go sources, lucas-clemente/quic-go era
  included, the one Caddy 2.6 uses).  Caddy 2.6 writes no server-side qlog, so the name comes from
  the implementation, identified by the ``Server: Caddy`` header (or the sandbox's service list).
- Clients (for the record: they only pace the requests): the kernel's TCP_CONGESTION of the
  probe's socket, and aioquic's configured algorithm (NewReno by default).

Families: *loss-based* algorithms (Reno/NewReno, CUBIC) read a lost packet as congestion and cut
their window (NewReno halves it), so random loss keeps them near the Mathis bound, about
1.22 * MSS / (RTT * sqrt(p)) — at 2 % loss and 50 ms RTT about 2 Mbit/s.  *Model-based* BBR paces at
the bottleneck rate it measures and does not slow down for random loss.
"""

from __future__ import annotations

import re

FAMILY = {"reno": "loss", "newreno": "loss", "cubic": "loss", "htcp": "loss", "westwood": "loss",
          "vegas": "delay", "bbr": "model", "bbr2": "model", "bbr3": "model"}

# QUIC servers we can name from their Server header: (pattern, implementation, algorithm, where it is said)
QUIC_SERVERS = (
    (re.compile(r"^caddy\b", re.IGNORECASE), "quic-go (Caddy)", "newreno",
     "quic-go internal/ackhandler/sent_packet_handler.go: NewCubicSender(..., true /* use Reno */)"),
)
# aioquic names its algorithms "reno" and "cubic"; its "reno" is NewReno (RFC 9002's)
AIOQUIC_NAMES = {"reno": "newreno"}


_DISPLAY = {"reno": "Reno", "newreno": "NewReno", "cubic": "CUBIC", "bbr": "BBR", "bbr2": "BBRv2", "bbr3": "BBRv3"}


def display(algorithm: str | None) -> str:
    """An algorithm's usual spelling (bbr -> BBR); names we do not know stay as they are."""
    return _DISPLAY.get((algorithm or "").lower(), algorithm or "?")


def family(algorithm: str | None) -> str | None:
    return FAMILY.get((algorithm or "").lower()) if algorithm else None


def quic_server(server_header: str | None, sandbox_services: list[str] | None) -> dict:
    """The QUIC server's congestion control, from its Server header (or the sandbox's service)."""
    candidates = [server_header or ""] + (["caddy"] if "caddy" in (sandbox_services or []) else [])
    for text in candidates:
        for pattern, impl, algo, source in QUIC_SERVERS:
            if pattern.search(text.strip()):
                how = "server-header" if text == (server_header or "") else "sandbox-service"
                return {"algorithm": algo, "family": family(algo), "implementation": impl, "how": how,
                        "source": source, "server": server_header}
    return {"algorithm": None, "family": None, "implementation": None, "how": "unknown", "source": None,
            "server": server_header}


def tcp_server(observed: dict | None, live: bool) -> dict:
    """The TCP server's congestion control: what the sandbox read or set, else unknown."""
    if not observed or not observed.get("algorithm"):
        return {"algorithm": None, "family": None, "how": "live" if live else "unknown",
                "host": (observed or {}).get("host"), "error": (observed or {}).get("error")}
    algo = observed["algorithm"]
    return {"algorithm": algo, "family": family(algo), "how": observed.get("source") or "namespace",
            "host": observed.get("host"), "previous": observed.get("previous"),
            "restored": observed.get("restored"), "error": observed.get("error")}


def client(algorithm: str | None, how: str) -> dict:
    algo = AIOQUIC_NAMES.get(algorithm, algorithm) if how == "aioquic" else algorithm
    return {"algorithm": algo, "family": family(algo), "how": how if algo else "unknown"}


def mixed(congestion: dict) -> bool:
    """The two servers' algorithms are of different families (one loss-based, one model-based)."""
    a = (congestion.get("tcp_server") or {}).get("family")
    b = (congestion.get("quic_server") or {}).get("family")
    return bool(a and b and a != b)


def matched(congestion: dict) -> bool:
    a = (congestion.get("tcp_server") or {}).get("family")
    b = (congestion.get("quic_server") or {}).get("family")
    return bool(a and b and a == b)


def suggestion(congestion: dict) -> str | None:
    """The --server-cc value that matches the QUIC server's family (reno for quic-go's NewReno)."""
    algo = (congestion.get("quic_server") or {}).get("algorithm")
    if algo in ("newreno", "reno"):
        return "reno"
    if algo == "cubic":
        return "cubic"
    if algo and family(algo) == "model":
        return "bbr"
    return None
