"""The target and options of `netlab lb`, parsed and checked (pure and light: the CLI imports it).

Each check raises ValueError (netlab.targets.TargetError for the URL) with a one-line reason,
which the CLI turns into a usage error (exit 2) before any packet is sent.
"""

from __future__ import annotations

import re
from typing import Literal

from netlab.targets import URL_RECORDED

ALGORITHMS = ("roundrobin", "weighted", "leastconn", "source", "consistent", "uri", "sticky")
MAX_REQUESTS = 5000
MAX_CLIENTS = 1024
MAX_CONCURRENCY = 64
DEFAULT_REQUESTS = 120
DEFAULT_CLIENTS = 16
DEFAULT_CONCURRENCY = 4
DEFAULT_SLOW_MS = 200.0
DEFAULT_RATE = 40.0  # requests per second when the run is paced (--fail, --failover)
_NAME = re.compile(r"^[a-z0-9]([a-z0-9-]{0,28}[a-z0-9])?$")

RECORDED = {
    **URL_RECORDED,
    "scheme": Literal["http", "https"],
    "requests": int,
    "clients": int,
    "concurrency": int,
    "fail": str | None,
    "slow": str | None,
    "slow_ms": float,
    "algorithm": Literal[ALGORITHMS] | None,  # type: ignore[valid-type]
    "failover": bool,
    "rate": float,
    "timeout": float,
    "run_id": str,
}


def backend_name(value: str | None, what: str) -> str | None:
    """A backend's host name as the scenario spells it (web2), or None."""
    if value is None:
        return None
    text = str(value).strip().lower()
    if not _NAME.match(text):
        raise ValueError(f"{what} {value!r} is not a backend name (a-z, 0-9 and '-', like web2)")
    return text


def count(value: int, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{what} must be a whole number from {low} to {high} (got {value!r})")
    return value


def make_params(url, requests: int = DEFAULT_REQUESTS, clients: int = DEFAULT_CLIENTS,
                concurrency: int = DEFAULT_CONCURRENCY, fail: str | None = None, slow: str | None = None,
                slow_ms: float = DEFAULT_SLOW_MS, algorithm: str | None = None, failover: bool = False,
                rate: float = DEFAULT_RATE) -> dict:
    """The Recording's parameters from the command line; ValueError for what cannot be."""
    count(requests, "--requests", 1, MAX_REQUESTS)
    count(clients, "--clients", 1, MAX_CLIENTS)
    count(concurrency, "--concurrency", 1, MAX_CONCURRENCY)
    fail = backend_name(fail, "--fail")
    slow = backend_name(slow, "--slow")
    if algorithm is not None and algorithm not in ALGORITHMS:
        raise ValueError(f"--algorithm must be one of {', '.join(ALGORITHMS)}")
    if fail and slow and fail == slow:
        raise ValueError(f"--fail and --slow name the same backend ({fail})")
    if failover and fail:
        raise ValueError("--failover and --fail are two experiments: run them one at a time")
    if not (isinstance(slow_ms, int | float) and 0 < float(slow_ms) <= 10000):
        raise ValueError("--slow-ms must be 1-10000 milliseconds")
    if not (isinstance(rate, int | float) and 1 <= float(rate) <= 500):
        raise ValueError("--rate must be 1-500 requests per second")
    return {
        **url.recorded(),
        "requests": requests, "clients": clients, "concurrency": concurrency, "fail": fail, "slow": slow,
        "slow_ms": float(slow_ms), "algorithm": algorithm, "failover": bool(failover), "rate": float(rate),
    }
