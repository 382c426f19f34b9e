"""The probe registry, and the contract every probe follows (netlab/probes/README.md).

A probe is a package ``netlab.probes.<name>`` with the same modules in every probe::

    model.py     events (past tense, frozen), the Result; importing it registers the event types
    collect.py   collect(params, ctx) -> Recording        the only I/O; heavy imports inside
    analyze.py   analyze(recording) -> Result              pure
    findings.py  RULES: the finding rules, one small function each (pure)
    build.py     build(result, lang) -> Document           pure
    messages.py  M: the probe's message catalogue (English and Korean)
    params.py    parse/validate the target and options      pure and light (the CLI imports it)

Its ``__init__`` declares the probe with a :class:`ProbeSpec` of "module:function" strings and
imports nothing else, so no submodule import can shadow a function of the package.  The registry
loads each piece on first use: :func:`load_probe` returns a :class:`Probe` whose ``collect``,
``analyze`` and ``build`` can be called any number of times in one process.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from netlab.errors import InputFileError

PROBES: dict[str, str] = {
    "dns-trace": "netlab.probes.dns_trace",
    "tcp-handshake": "netlab.probes.tcp_handshake",
    "tls-inspect": "netlab.probes.tls_inspect",
    "http-compare": "netlab.probes.http_compare",
    "tcp-flow": "netlab.probes.tcp_flow",
    "journey": "netlab.probes.journey",
    "path": "netlab.probes.path",
    "layers": "netlab.probes.layers",
    "http-state": "netlab.probes.http_state",
    "websocket": "netlab.probes.websocket",
    "lb": "netlab.probes.lb",
    "nat": "netlab.probes.nat",
}


@dataclass(frozen=True)
class ProbeSpec:
    """What a probe package declares: its name and where each step lives ("module:function")."""

    name: str
    package: str

    def ref(self, step: str) -> str:
        return f"{self.package}.{step}:{step}"

    @property
    def model(self) -> str:
        return f"{self.package}.model"

    @property
    def messages(self) -> str:
        return f"{self.package}.messages"


def _resolve(ref: str) -> Any:
    module, _, attr = ref.partition(":")
    return getattr(importlib.import_module(module), attr)


class Probe:
    """A loaded probe: calls its steps by reference, importing each module on first use."""

    def __init__(self, spec: ProbeSpec):
        self.spec = spec
        self.name = spec.name

    def load_model(self) -> None:
        """Import the modules that register the probe's event types and messages."""
        for module in (self.spec.model, self.spec.messages):
            try:
                importlib.import_module(module)
            except ModuleNotFoundError as e:
                if e.name != module:  # a module of the probe that fails inside is a real error
                    raise

    def params_schema(self) -> dict[str, Any] | None:
        """The recorded params' types ({name: annotation}), from params.py RECORDED, if declared."""
        module = f"{self.spec.package}.params"
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as e:
            if e.name == module:
                return None
            raise
        return getattr(mod, "RECORDED", None)

    def collect(self, params: dict, ctx: Any):
        self.load_model()
        return _resolve(self.spec.ref("collect"))(params, ctx)

    def analyze(self, recording):
        self.load_model()
        return _resolve(self.spec.ref("analyze"))(recording)

    def build(self, result, lang: str = "en"):
        self.load_model()
        return _resolve(self.spec.ref("build"))(result, lang)

    def outputs(self, result, recording, shared) -> None:
        """Derived files (charts...) drawn from the Result by the output step, if the probe has any."""
        module = f"{self.spec.package}.outputs"
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as e:
            if e.name == module:
                return
            raise
        mod.write_outputs(result, recording, shared)


_LOADED: dict[str, Probe] = {}


def load_probe(name: str, source: str = "recording") -> Probe:
    path = PROBES.get(name)
    if path is None:
        raise InputFileError(f"{source}: unknown probe {name!r} (known: {', '.join(sorted(PROBES))})")
    if name in _LOADED:
        return _LOADED[name]
    try:
        package = importlib.import_module(path)
    except ModuleNotFoundError as e:
        if e.name and (e.name == path or path.startswith(e.name + ".") or e.name.startswith(path)):
            raise InputFileError(f"{source}: probe {name!r} is not available in this netlab version") from e
        raise
    spec = getattr(package, "PROBE", None)
    if not isinstance(spec, ProbeSpec) or spec.name != name:
        raise TypeError(f"{path} declares no PROBE = ProbeSpec({name!r}, ...)")
    probe = _LOADED[name] = Probe(spec)
    return probe
