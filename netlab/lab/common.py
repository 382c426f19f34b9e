"""Helpers the lab modules share: question constructors, evidence look-ups, delays (pure)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from netlab.lab.base import Ctx, NoEvidence, Question

YES_NO = {"yes": ("y", "true", "예", "네", "응", "o"), "no": ("n", "false", "아니오", "아니요", "아니", "x")}


def free(key: str) -> Question:
    """A free-text answer, read by the instructor."""
    return Question(key, "free")


def ask(key: str, kind: str, expect: Callable[[Ctx], Any], runs: tuple[str, ...] = (), look: str = "",
        unit: str = "", tol: tuple[float, float] = (0.0, 0.0), choices: dict | None = None) -> Question:
    return Question(key, kind, expect, unit=unit, tol=tol, choices=dict(choices or {}), runs=runs, look=look)


def scaled(default: float, factor: float) -> float:
    """A one-way delay scaled by `factor`, to the half millisecond (never below 0.5 ms)."""
    return max(0.5, round(default * factor * 2) / 2)


def draw_delays(rng, defaults: dict[str, float], factors: tuple[float, ...]) -> dict[str, float]:
    return {host: scaled(ms, rng.choice(factors)) for host, ms in defaults.items()}


def default_delays(hosts: tuple[str, ...]) -> dict[str, float]:
    from netlab.lab.draft import ScenarioDraft

    d = ScenarioDraft()
    return {h: d.delay(h) for h in hosts}


def one(items: list, message, run: str = "") -> Any:
    """The first item, or NoEvidence(message) when there is none."""
    if not items:
        raise NoEvidence(message, run)
    return items[0]


def g(obj: Any, name: str, default: Any = None) -> Any:
    """A field of a Result part, whether the probe keeps it as a dataclass or as a dict."""
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def data(ctx: Ctx, run: str) -> dict:
    """The analysed Result of `run` as JSON data (what `netlab report FILE --json` shows), kept per run."""
    cache = ctx.evidence.__dict__.setdefault("_data", {})
    if run not in cache:
        cache[run] = ctx.result(run).to_json()
    return cache[run]
