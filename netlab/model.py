"""Recordings, events, findings and results: the data every probe shares.

A probe's ``collect`` produces a :class:`Recording`: the parameters it ran with, facts about the
environment, and a list of *events* (frozen dataclasses named in the past tense, each with a
monotonic timestamp ``t`` in seconds since the probe started, and the raw evidence such as wire
bytes).  ``analyze`` turns a Recording into a Result (pure), ``build`` a Result into a Document.

Recordings are versioned JSON.  Events are encoded with their class name under ``"type"``;
``bytes`` fields become base64 strings, nested dataclasses become objects, and decoding uses the
dataclass field annotations, so each probe only declares its event classes with ``@event``.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import types
import typing
from dataclasses import dataclass, field
from typing import Any, ClassVar

from netlab.errors import InputFileError

RECORDING_FORMAT = "netlab-recording"
RECORDING_VERSION = 1

SEVERITIES = ("info", "warning", "error")


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


# --------------------------------------------------------------------------------------------
# Event registry and the dataclass <-> JSON codec
# --------------------------------------------------------------------------------------------

# (scope, class name) -> class.  The scope is the probe package that defines the event
# ("netlab.probes.tcp_handshake"), so two probes may both have a `TargetResolved`; events that
# every probe shares live in this module (scope "netlab.model").
_EVENT_TYPES: dict[tuple[str, str], type] = {}
SHARED_SCOPE = "netlab.model"


def event_scope(module: str) -> str:
    """The scope of an event class defined in ``module``: its probe package, or the module itself."""
    parts = module.split(".")
    if len(parts) >= 3 and parts[0] == "netlab" and parts[1] == "probes":
        return ".".join(parts[:3])
    return module


@typing.dataclass_transform(frozen_default=True)
def event(cls: type) -> type:
    """Class decorator: makes ``cls`` a frozen dataclass and registers it as a Recording event type
    of its probe.  A class that is already a dataclass of its own (``@dataclass`` with other
    options) is kept as it is; a subclass of an event becomes a dataclass too, with its own fields."""
    if "__dataclass_fields__" not in cls.__dict__:
        cls = dataclass(frozen=True)(cls)
    key = (event_scope(cls.__module__), cls.__name__)
    existing = _EVENT_TYPES.get(key)
    if existing is not None and existing is not cls:
        if f"{existing.__module__}.{existing.__qualname__}" != f"{cls.__module__}.{cls.__qualname__}":
            raise TypeError(f"event type {cls.__name__} registered twice in {key[0]} "
                            f"({existing.__module__}, {cls.__module__})")
    _EVENT_TYPES[key] = cls
    return cls


def event_type(scope: str, name: str) -> type | None:
    """The event class a Recording of the probe in ``scope`` names ``name`` (shared ones too)."""
    return _EVENT_TYPES.get((scope, name)) or _EVENT_TYPES.get((SHARED_SCOPE, name))


def to_jsonable(value: Any) -> Any:
    """Encode dataclasses, bytes, tuples, enums into plain JSON values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {}
        for f in dataclasses.fields(value):
            out[f.name] = to_jsonable(getattr(value, f.name))
        return out
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, str) and not value.isascii():
        return valid_text(value)
    return value


def valid_text(text: str) -> str:
    """Text that encodes as UTF-8: lone surrogates (undecodable bytes of argv or a file name, kept
    by Python as U+DC80..U+DCFF) become U+FFFD, so JSON output and saved files stay valid UTF-8."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _decode(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if tp is Any or tp is object:
        return value
    if origin is typing.Literal:
        if value not in typing.get_args(tp):
            raise ValueError(f"{value!r} is not one of {', '.join(map(repr, typing.get_args(tp)))}")
        return value
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        for a in args:
            try:
                return _decode(a, value)
            except (TypeError, ValueError, KeyError):
                continue
        raise TypeError(f"expected {' or '.join(getattr(a, '__name__', str(a)) for a in args)}")
    if tp is bytes:
        if not isinstance(value, str):
            raise TypeError("expected base64 string")
        return base64.b64decode(value, validate=True)
    if origin in (list, tuple) or tp in (list, tuple):
        args = typing.get_args(tp)
        if not isinstance(value, list):
            raise TypeError("expected a list")
        if origin is tuple and args and (len(args) != 2 or args[1] is not Ellipsis):
            return tuple(_decode(a, v) for a, v in zip(args, value, strict=False))
        inner = args[0] if args else Any
        seq = [_decode(inner, v) for v in value]
        return tuple(seq) if (origin is tuple or tp is tuple) else seq
    if origin is dict or tp is dict:
        args = typing.get_args(tp)
        inner = args[1] if len(args) == 2 else Any
        if not isinstance(value, dict):
            raise TypeError("expected an object")
        return {k: _decode(inner, v) for k, v in value.items()}
    if dataclasses.is_dataclass(tp):
        return from_jsonable(tp, value)
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError("expected a number")
        return float(value)
    if tp in (int, str, bool) and not isinstance(value, tp):
        raise TypeError(f"expected {tp.__name__}")
    return value


def from_jsonable(cls: type, data: dict) -> Any:
    """Decode a dataclass instance from its JSON form, using the field annotations."""
    if not isinstance(data, dict):
        raise TypeError(f"{cls.__name__}: expected an object")
    hints = typing.get_type_hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):
        if not f.init:
            continue
        if f.name in data:
            kwargs[f.name] = _decode(hints.get(f.name, Any), data[f.name])
    return cls(**kwargs)


@event
class DeadlineReached:
    """The run's overall deadline (--deadline) cut the collection short: what was not done."""

    t: float
    deadline_s: float
    skipped: str  # what was not done, e.g. "h2 run 3 of 5 and 4 more"


# --------------------------------------------------------------------------------------------
# Recording
# --------------------------------------------------------------------------------------------


@dataclass
class Recording:
    """What one probe run observed: parameters, environment and time-stamped events."""

    probe: str
    params: dict[str, Any] = field(default_factory=dict)
    environment: dict[str, Any] = field(default_factory=dict)
    events: list[Any] = field(default_factory=list)
    started_at: str = ""  # wall-clock ISO 8601, for the reader only; event times are monotonic
    netlab_version: str = ""
    artifacts: dict[str, str] = field(default_factory=dict)  # name -> path beside the recording

    def add(self, ev: Any) -> Any:
        self.events.append(ev)
        return ev

    def of_type(self, *classes: type) -> list[Any]:
        return [e for e in self.events if isinstance(e, classes)]

    def to_json(self) -> dict:
        return {
            "format": RECORDING_FORMAT,
            "version": RECORDING_VERSION,
            "probe": self.probe,
            "netlab_version": self.netlab_version,
            "started_at": self.started_at,
            "params": to_jsonable(self.params),
            "environment": to_jsonable(self.environment),
            "artifacts": dict(self.artifacts),
            "events": [{"type": type(e).__name__, **to_jsonable(e)} for e in self.events],
        }

    def dumps(self) -> str:
        return json.dumps(self.to_json(), indent=1, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, data: Any, source: str = "recording") -> Recording:
        """Decode a Recording; every malformation is an InputFileError with a clear message."""
        if not isinstance(data, dict) or data.get("format") != RECORDING_FORMAT:
            raise InputFileError(f"{source}: not a netlab recording (no \"format\": \"{RECORDING_FORMAT}\")")
        version = data.get("version")
        if not isinstance(version, int):
            raise InputFileError(f"{source}: recording has no integer \"version\"")
        data = migrate(data)
        if data["version"] != RECORDING_VERSION:
            raise InputFileError(
                f"{source}: recording version {version} is newer than this netlab understands "
                f"({RECORDING_VERSION})",
                hint="upgrade netlab",
            )
        probe = data.get("probe")
        if not isinstance(probe, str) or not probe:
            raise InputFileError(f"{source}: recording names no probe")
        # Importing the probe's model registers its event types.
        from netlab.probes import load_probe

        loaded = load_probe(probe, source=source)
        loaded.load_model()
        events = []
        raw_events = data.get("events", [])
        if not isinstance(raw_events, list):
            raise InputFileError(f"{source}: \"events\" must be a list")
        for i, raw in enumerate(raw_events):
            if not isinstance(raw, dict) or "type" not in raw:
                raise InputFileError(f"{source}: event #{i} has no \"type\"")
            tp = event_type(event_scope(loaded.spec.package), raw["type"])
            if tp is None:
                raise InputFileError(f"{source}: event #{i} has unknown type {raw['type']!r}")
            body = {k: v for k, v in raw.items() if k != "type"}
            try:
                events.append(from_jsonable(tp, body))
            except (TypeError, ValueError, KeyError) as e:
                raise InputFileError(f"{source}: event #{i} ({raw['type']}) is malformed: {e}") from e
        params = data.get("params", {})
        env = data.get("environment", {})
        artifacts = data.get("artifacts", {}) or {}
        if not isinstance(params, dict) or not isinstance(env, dict) or not isinstance(artifacts, dict):
            raise InputFileError(f"{source}: \"params\", \"environment\" and \"artifacts\" must be objects")
        problems = check_params(params, loaded.params_schema())
        if problems:
            raise InputFileError(f"{source}: malformed recording: {problems[0]}"
                                 + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""))
        return cls(
            probe=probe,
            params=params,
            environment=env,
            events=events,
            started_at=str(data.get("started_at", "")),
            netlab_version=str(data.get("netlab_version", "")),
            artifacts={str(k): str(v) for k, v in artifacts.items()},
        )

    @classmethod
    def load(cls, path: str) -> Recording:
        """Read a saved Recording: bounded in size and nesting, UTF-8, then validated."""
        from netlab.boundedfile import read_utf8

        text = read_utf8(path, MAX_RECORDING_BYTES, InputFileError, "a netlab recording",
                         f"{MAX_RECORDING_BYTES // (1 << 20)} MiB")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise InputFileError(f"{path}: not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})") from e
        except (RecursionError, ValueError) as e:
            raise InputFileError(f"{path}: JSON nested too deeply or malformed ({type(e).__name__})") from e
        depth = json_depth(data)
        if depth > MAX_JSON_DEPTH:
            raise InputFileError(f"{path}: JSON nested over {MAX_JSON_DEPTH} levels deep: malformed recording")
        return cls.from_json(data, source=path)


MAX_RECORDING_BYTES = 64 << 20  # the largest recording netlab writes is a few MiB
MAX_JSON_DEPTH = 64  # recordings nest about 8 levels


def json_depth(value: Any) -> int:
    """The deepest nesting of lists and objects in a parsed JSON value (iterative)."""
    best = 0
    stack = [(value, 1)]
    while stack:
        v, d = stack.pop()
        if isinstance(v, dict):
            items = v.values()
        elif isinstance(v, list):
            items = v
        else:
            continue
        best = max(best, d)
        if best > MAX_JSON_DEPTH:
            return best
        stack.extend((x, d + 1) for x in items if isinstance(x, dict | list))
    return best


def check_params(params: dict, schema: dict[str, Any] | None) -> list[str]:
    """Problems of a Recording's params against a probe's schema {name: type annotation}.

    Absent keys are allowed (older recordings; collect fills defaults); present ones must decode.
    """
    if not schema:
        return []
    out = []
    for key, tp in schema.items():
        if key in params:
            try:
                _decode(tp, params[key])
            except (TypeError, ValueError, KeyError) as e:
                out.append(f"params.{key}: {e or 'wrong type'} (got {type(params[key]).__name__})")
    return out


def migrate(data: dict) -> dict:
    """Upgrade older recording versions in place, one step at a time (none yet: v1 is the first)."""
    return data


# --------------------------------------------------------------------------------------------
# Findings and results
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """Something worth telling the student: a stable code, a severity and a one-line diagnosis.

    Made by :func:`netlab.probes.rules.finding` from a catalogue key, which fills both languages.
    """

    code: str  # stable, e.g. "dns.nxdomain", "tls.cert-expired"
    severity: str  # info | warning | error
    message: str  # English, one line
    concepts: tuple[str, ...] = ()  # concept-note ids
    message_ko: str | None = None  # Korean
    detail: str | None = None  # extra line shown with -v (English)
    detail_ko: str | None = None  # the same in Korean

    def __post_init__(self):
        if self.severity not in SEVERITIES:
            raise ValueError(f"bad severity {self.severity!r}")

    def text(self, lang: str = "en") -> str:
        if lang == "ko" and self.message_ko:
            return self.message_ko
        return self.message

    def detail_text(self, lang: str = "en") -> str | None:
        if lang == "ko" and self.detail_ko:
            return self.detail_ko
        return self.detail


@dataclass
class Result:
    """Base of every probe's result. Subclasses add their own fields (all JSON-encodable)."""

    probe: ClassVar[str] = ""
    findings: list[Finding] = field(default_factory=list)
    # A network failure so total there is nothing to show (every server failed...): the CLI
    # still renders the report, then exits with EXIT_NETWORK.
    unreachable: bool = False

    def to_json(self) -> dict:
        return to_jsonable(self)

    def max_severity(self) -> str | None:
        if not self.findings:
            return None
        return max((f.severity for f in self.findings), key=severity_rank)
