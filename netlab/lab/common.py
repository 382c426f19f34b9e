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


def recorded(defaults: dict, **want) -> Callable[[dict], bool]:
    """A Run's test of a Recording's params: each of `defaults`, updated with `want`, is what was
    recorded (a field's value may also be a function of the recorded value, e.g. a URL compared
    without its final slash)."""
    expect = {**defaults, **want}

    def matches(params: dict) -> bool:
        return all(v(params.get(k)) if callable(v) else params.get(k) == v for k, v in expect.items())
    return matches


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


# ------------------------------------------------------------------ app.lab.test's variants (labs 09, 10)

APP_DELAYS = tuple(x / 2 for x in range(4, 17))  # 2.0, 2.5, ... 8.0 ms one way: an RTT of 4-16 ms


def app_defaults(**options) -> dict:
    """The golden variant of an app lab: the default scenario's app delay and the app service's own
    values of `options` (e.g. session_ttl_s=None: whatever the service uses when none is set)."""
    from netlab.lab.draft import ScenarioDraft
    from netlab.sandbox.services import app

    own = {"session_ttl_s": app.DEFAULT_SESSION_TTL_S, "heartbeat_ping_s": app.HEARTBEAT_PING_S}
    return {"app_delay": ScenarioDraft().delay("app"), **{k: own[k] for k in options}}


def app_draft(name: str, description: str, p: dict, defaults: dict):
    """The default scenario with a variant's app delay and app service options (only those that differ
    from the service's own, so the golden variant is the scenario as packaged)."""
    from netlab.lab.draft import ScenarioDraft

    d = ScenarioDraft(name, description)
    d.set_delay("app", p["app_delay"])
    service = next(s for s in d.host("app")["services"] if s["type"] == "app")
    for key, value in p.items():
        if key != "app_delay" and value != defaults[key]:
            service[key] = value
    return d

