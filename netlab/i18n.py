"""The message catalogue: every user-visible string, in English and Korean, keyed by id.

One mechanism for all text a report shows — finding messages, labels, notes beside a table,
state explanations.  Each module that owns text keeps it in a TOML file beside itself, with the
module's name (``messages.py`` -> ``messages.toml``), one table per key::

    # ---------------------------------------------------------------- recorded failures
    ["rst"]
    en = "the server answered the SYN with RST: nothing listens on port {port}"
    ko = "서버가 SYN에 RST로 답했습니다: 포트 {port}에서 듣는 프로그램이 없습니다"

(quote the key: a dotted key, ``["side.client"]``, would otherwise be a table inside a table), and
loads it once::

    from netlab.i18n import catalogue_file

    M = catalogue_file("tcp", __name__)

A table holds ``en`` and ``ko`` and nothing else; a file that breaks that, or is not TOML, is a
ValueError naming the file and the key.  A long text may be a multi-line string (between three
double quotes) whose lines end in a backslash: TOML drops the backslash, the line break and the
next line's leading spaces, so the space between two words stays before the backslash.

Messages made by code (one per backend, per header field) are registered with the same prefix by
``catalogue("tcp", {"key": ("English", "Korean"), ...})``, the form a file is read into.

A module uses its messages by key: ``M.text("rst", lang, port=80)``, or ``M.both("rst", port=80)``
for the (English, Korean) pair a Finding stores.  Keys are registered under the catalogue's prefix
(``tcp.rst``); a test loads every catalogue and fails when a key lacks a language or when the two
languages' placeholders differ.

A placeholder's value may itself depend on the language: pass :class:`T` (another key of a
catalogue, with its own parameters) or :class:`Both` (an English and a Korean string made at run
time, e.g. a list of outcomes), and each language gets its own rendering.  Anything else is
inserted as ``str(value)``, which is the same in both languages (numbers, names, addresses).

This module imports nothing heavy (tomllib only when a file is read); it is pure but for reading
the catalogue files.
"""

from __future__ import annotations

import os
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

LANGS = ("en", "ko")

_REGISTRY: dict[str, tuple[str, str]] = {}
_CATALOGUES: dict[str, Catalogue] = {}


def placeholders(template: str) -> set[str]:
    """The named fields of a format template (``{port}``, ``{t:.1f}`` -> port, t)."""
    out: set[str] = set()
    for _, field_name, _, _ in string.Formatter().parse(template):
        if field_name is not None and field_name != "":
            out.add(field_name.split(".", 1)[0].split("[", 1)[0])
    return out


@dataclass(frozen=True)
class T:
    """A reference to a catalogue key, rendered in the language of the text it is placed in."""

    key: str  # full key: "dns.outcome.lame"
    params: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, key: str, /, **params: Any) -> T:
        return cls(key, tuple(params.items()))

    def render(self, lang: str) -> str:
        return text(self.key, lang, **dict(self.params))


@dataclass(frozen=True)
class Both:
    """A string made at run time in both languages (for lists, joins, choices)."""

    en: str
    ko: str

    def render(self, lang: str) -> str:
        return self.ko if lang == "ko" else self.en


def join(items: Iterable[Any], sep: str = ", ", sep_ko: str | None = None) -> Both:
    """Join values that may be T/Both/plain into one Both."""
    items = list(items)
    return Both(sep.join(_value(i, "en") for i in items),
                (sep if sep_ko is None else sep_ko).join(_value(i, "ko") for i in items))


def _value(v: Any, lang: str) -> str:
    if isinstance(v, T | Both):
        return v.render(lang)
    return "" if v is None else v


class _Params(dict):
    """format_map mapping: language-dependent values rendered, a missing key shown, not raised."""

    def __init__(self, params: Mapping[str, Any], lang: str):
        super().__init__({k: _value(v, lang) for k, v in params.items()})

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, lang: str, params: Mapping[str, Any]) -> str:
    return template.format_map(_Params(params, lang))


def text(key: str, /, lang: str, **params: Any) -> str:
    """The text of a full key in ``lang`` (English when the language is unknown)."""
    pair = _REGISTRY.get(key)
    if pair is None:
        _load_for(key)
        pair = _REGISTRY.get(key)
        if pair is None:
            raise KeyError(f"no message {key!r} in the catalogue")
    return fill(pair[1] if lang == "ko" else pair[0], lang, params)


def both(key: str, /, **params: Any) -> tuple[str, str]:
    return text(key, "en", **params), text(key, "ko", **params)


def _load_for(key: str) -> None:
    """Import the module that owns a key's prefix, for keys used before their module loaded."""
    import importlib

    prefix = key.split(".", 1)[0]
    module = CATALOGUE_MODULES.get(prefix)
    if module:
        importlib.import_module(module)


class Catalogue:
    """The messages of one module, under one prefix."""

    def __init__(self, prefix: str, messages: Mapping[str, tuple[str, str]]):
        self.prefix = prefix
        self.messages = dict(messages)
        for k, pair in self.messages.items():
            if not (isinstance(pair, tuple) and len(pair) == 2):
                raise ValueError(f"message {prefix}.{k}: expected an (English, Korean) pair")
            full = f"{prefix}.{k}"
            if full in _REGISTRY and _REGISTRY[full] != pair:
                raise ValueError(f"message {full} defined twice")
            _REGISTRY[full] = pair

    def key(self, k: str) -> str:
        if k not in self.messages:
            raise KeyError(f"no message {self.prefix}.{k}")
        return f"{self.prefix}.{k}"

    def text(self, k: str, /, lang: str, **params: Any) -> str:
        en, ko = self.messages[k]
        return fill(ko if lang == "ko" else en, lang, params)

    def both(self, k: str, /, **params: Any) -> tuple[str, str]:
        return self.text(k, "en", **params), self.text(k, "ko", **params)

    def t(self, k: str, /, **params: Any) -> T:
        """A lazy reference, to be placed inside another message."""
        return T(self.key(k), tuple(params.items()))

    def pick(self, k: str, /, **params: Any) -> Both:
        return Both(*self.both(k, **params))

    def labels(self, lang: str) -> dict[str, str]:
        """Every message of this catalogue in one language (for label tables)."""
        return {k: (ko if lang == "ko" else en) for k, (en, ko) in self.messages.items()}


def catalogue(prefix: str, messages: Mapping[str, tuple[str, str]]) -> Catalogue:
    cat = Catalogue(prefix, messages)
    if prefix in _CATALOGUES:
        _CATALOGUES[prefix].messages.update(cat.messages)
        return _CATALOGUES[prefix]
    _CATALOGUES[prefix] = cat
    return cat


def read_catalogue(data: str, source: str) -> dict[str, tuple[str, str]]:
    """The messages of a catalogue file's text, in the file's order; ``source`` names the file in
    the errors (not TOML; a key that is not a table of exactly en and ko, both strings)."""
    import tomllib

    try:
        doc = tomllib.loads(data)
    except tomllib.TOMLDecodeError as e:
        raise ValueError(f"{source}: not a valid TOML file: {e}") from None
    out: dict[str, tuple[str, str]] = {}
    for key, table in doc.items():
        if not isinstance(table, dict):
            raise ValueError(f"{source}: {key!r} is not a table: write each message as "
                             f'["{key}"] with en = "..." and ko = "..."')
        missing = [lang for lang in LANGS if lang not in table]
        other = [f for f in table if f not in LANGS]
        if missing or other:
            why = []
            if missing:
                why.append("no " + " and no ".join(missing))
            if other:
                why.append("other fields besides en and ko: " + ", ".join(other))
            nested = [f for f in other if isinstance(table[f], dict)]
            hint = (f' (a dotted key must be quoted: ["{key}.{nested[0]}"], not [{key}.{nested[0]}])'
                    if nested else "")
            raise ValueError(f"{source}: message [{key!r}]: {'; '.join(why)}{hint}")
        for lang in LANGS:
            if not isinstance(table[lang], str):
                raise ValueError(f"{source}: message [{key!r}]: {lang} is not a string")
        out[key] = (table["en"], table["ko"])
    return out


def catalogue_file(prefix: str, source: str | os.PathLike) -> Catalogue:
    """Register a catalogue file under ``prefix``, like :func:`catalogue` does a dict.

    ``source`` is a module's name, for the TOML file beside that module with its name (pass
    ``__name__``: netlab.probes.tcp_handshake.messages -> netlab/probes/tcp_handshake/messages.toml,
    package data in the module's directory), or a path."""
    if isinstance(source, str):
        import importlib

        package, _, name = source.rpartition(".")
        path = os.path.join(importlib.import_module(package).__path__[0], name + ".toml")
    else:
        path = os.fspath(source)
    with open(path, "rb") as fh:
        raw = fh.read()
    try:
        data = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ValueError(f"{path}: not UTF-8 ({e})") from None
    return catalogue(prefix, read_catalogue(data, path))


def problems() -> list[str]:
    """Every key whose languages disagree: a missing or empty language, different placeholders."""
    out = []
    for key, (en, ko) in sorted(_REGISTRY.items()):
        if not en or not en.strip():
            out.append(f"{key}: no English")
        if not ko or not ko.strip():
            out.append(f"{key}: no Korean")
        try:
            pe, pk = placeholders(en), placeholders(ko)
        except ValueError as e:
            out.append(f"{key}: bad template ({e})")
            continue
        if pe != pk:
            out.append(f"{key}: placeholders differ (en {sorted(pe)}, ko {sorted(pk)})")
    return out


def registry() -> dict[str, tuple[str, str]]:
    return dict(_REGISTRY)


# Where each prefix's catalogue lives, so that `text("dns.x", ...)` works before the module that
# owns it was imported, and so that a test can load every catalogue.
CATALOGUE_MODULES: dict[str, str] = {
    "report": "netlab.report.labels",
    "dns": "netlab.probes.dns_trace.messages",
    "tcp": "netlab.probes.tcp_handshake.messages",
    "tls": "netlab.probes.tls_inspect.messages",
    "http": "netlab.probes.http_compare.messages",
    "tcpflow": "netlab.probes.tcp_flow.messages",
    "journey": "netlab.probes.journey.messages",
    "path": "netlab.probes.path.messages",
    "lab": "netlab.lab.catalogue",
    "layers": "netlab.probes.layers.messages",
    "state": "netlab.probes.http_state.messages",
    "ws": "netlab.probes.websocket.messages",
    "lb": "netlab.probes.lb.messages",
    "nat": "netlab.probes.nat.messages",
}


def load_all() -> None:
    import importlib

    for module in CATALOGUE_MODULES.values():
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as e:
            if e.name != module:
                raise
