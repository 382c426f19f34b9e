"""Times for people, computed and formatted in one place (pure; used by analyze and build).

Probes keep event times in seconds on the monotonic clock; results and documents carry
milliseconds since a reference (the probe's first event, or the start of a connection).
"""

from __future__ import annotations


def ms_since(t: float | None, t0: float | None) -> float | None:
    """Milliseconds from ``t0`` to ``t`` (both seconds), rounded to microseconds; None if unknown."""
    if t is None or t0 is None:
        return None
    return round((t - t0) * 1000.0, 3)


def fmt_ms(ms: float | None) -> str:
    """Milliseconds for people: 0.42 ms, 12.3 ms, 1534 ms."""
    if ms is None:
        return "-"
    if ms < 1:
        return f"{ms:.2f} ms"
    if ms < 100:
        return f"{ms:.1f} ms"
    return f"{ms:.0f} ms"
