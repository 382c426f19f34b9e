"""One request's phases from its trace, the round trips a protocol needs, and small statistics (pure)."""

from __future__ import annotations

import statistics

from netlab.probes.http_compare.messages import M
from netlab.probes.http_compare.model import (
    H3_BODY_COMPLETE,
    H3_CONNECT_STARTED,
    H3_HANDSHAKE_COMPLETE,
    H3_HEADERS_RECEIVED,
    H3_REQUEST_SENT,
    REQUEST_ISSUED,
    RequestTraced,
    Stat,
)
from netlab.units import ms_since

PHASES = ("tcp_connect", "tls_handshake", "quic_handshake", "request_sent", "first_byte", "last_byte", "client_gap")
ABSOLUTE = ("start", "issued", "abs_first_byte", "abs_last_byte")


def stat(values: list[float]) -> Stat:
    """Median and spread of plain numbers (round-trip counts)."""
    vals = [v for v in values if v is not None]
    if not vals:
        return Stat()
    return Stat(median=round(statistics.median(vals), 3), low=round(min(vals), 3), high=round(max(vals), 3),
                n=len(vals))


def stat_ms(seconds: list[float | None]) -> Stat:
    """Median and spread of durations given in seconds, in ms (kept exact until the summary)."""
    vals = [v for v in seconds if v is not None]
    if not vals:
        return Stat()
    return Stat(median=ms_since(statistics.median(vals), 0.0), low=ms_since(min(vals), 0.0),
                high=ms_since(max(vals), 0.0), n=len(vals))


def percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile (p in 0..100): one of the values, as it is."""
    vals = sorted(v for v in values if v is not None)
    if not vals:
        return None
    k = max(1, -(-len(vals) * p // 100))  # ceil
    return vals[int(k) - 1]


def first(trace, *names) -> float | None:
    for name, t in trace:
        if name in names:
            return t
    return None


def _suffix(trace, suffix: str) -> float | None:
    for name, t in trace:
        if name.endswith(suffix):
            return t
    return None


def _marks(ev: RequestTraced) -> dict[str, float | None]:
    """The trace's landmarks (seconds): start, set-up steps, request sent, first and last byte."""
    tr = list(ev.trace)
    if ev.mode.startswith("h3"):
        hs = first(tr, H3_HANDSHAKE_COMPLETE)
        return {"start": first(tr, H3_CONNECT_STARTED), "quic0": first(tr, H3_CONNECT_STARTED), "quic1": hs,
                "setup_end": hs, "sent": first(tr, H3_REQUEST_SENT), "fb": first(tr, H3_HEADERS_RECEIVED),
                "lb": first(tr, H3_BODY_COMPLETE)}
    tls1 = first(tr, "connection.start_tls.complete")
    return {
        "start": first(tr, "connection.connect_tcp.started"),
        "tcp1": first(tr, "connection.connect_tcp.complete"),
        "tls0": first(tr, "connection.start_tls.started"), "tls1": tls1, "setup_end": tls1,
        "sent": _suffix(tr, ".send_request_body.complete") or _suffix(tr, ".send_request_headers.complete"),
        "fb": _suffix(tr, ".receive_response_headers.complete"),
        "lb": _suffix(tr, ".receive_response_body.complete") or _suffix(tr, ".response_closed.started"),
    }


def _since(t: float | None, t0: float | None) -> float | None:
    return t - t0 if t is not None and t0 is not None else None


def request_times(ev: RequestTraced) -> dict[str, float | None]:
    """Phases of one request, in seconds: durations of the set-up steps, times since connection start.

    h1/h2 (httpx trace): connect_tcp, start_tls, send_request_headers/body, receive_response_headers,
    receive_response_body.  h3 (our aioquic timing): quic.connect.started, quic.handshake.complete,
    h3.send_headers.complete, h3.headers_received, h3.body.complete.  Also the absolute times
    (``start``, ``issued``, ``abs_first_byte``, ``abs_last_byte``) on the probe's clock.
    """
    m = _marks(ev)
    base, sent, setup_end = m["start"], m["sent"], m["setup_end"]
    out: dict[str, float | None] = {
        "start": base, "issued": first(ev.trace, REQUEST_ISSUED), "abs_first_byte": m["fb"], "abs_last_byte": m["lb"],
        "tcp_connect": _since(m.get("tcp1"), base), "tls_handshake": _since(m.get("tls1"), m.get("tls0")),
        "quic_handshake": _since(m.get("quic1"), m.get("quic0")),
        "request_sent": _since(sent, base), "first_byte": _since(m["fb"], base), "last_byte": _since(m["lb"], base),
        "client_gap": None,
    }
    # the client's own time: from the end of the set-up to the request leaving (0-RTT: before it)
    if base is not None and sent is not None and setup_end is not None:
        out["client_gap"] = sent - setup_end if sent >= setup_end else sent - base
    return out


def request_phases(ev: RequestTraced) -> dict[str, float | None]:
    """The phases of :func:`request_times` in ms (the absolute times stay in seconds)."""
    times = request_times(ev)
    return {k: (v if k in ABSOLUTE else ms_since(v, 0.0)) for k, v in times.items()}


def round_trips_key(mode: str, tls_version: str | None, early_data: bool | None) -> tuple[int | None, str | None]:
    """Round trips from the first packet to the first response byte, and the key of the arithmetic."""
    if mode in ("h1", "h1-k", "h2"):
        if tls_version == "TLSv1.2":
            return 4, "arith.tcp-tls12"
        if tls_version in (None, "TLSv1.3"):
            return 3, "arith.tcp-tls13"
        return None, None
    if mode == "h3":
        return 2, "arith.quic"
    if mode == "h3-0rtt":
        return (1, "arith.0rtt") if early_data else (2, "arith.no-0rtt")
    return None, None


def expected_round_trips(mode: str, tls_version: str | None, early_data: bool | None) -> tuple[int | None, str]:
    """Round trips from the first packet to the first response byte, and the arithmetic (English)."""
    n, key = round_trips_key(mode, tls_version, early_data)
    return n, M.text(key, "en") if key else ""
