"""The option and argument types every command shares, each a thin click type over one checker of
netlab/targets.py (where the rules live).  Light: click only; netlab.targets is imported when a
value is converted, so `--help` costs nothing more."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click


class Checked(click.ParamType):
    """A value checked by a function of netlab.targets: its result, or click's usage error with
    the checker's one-line reason (a TargetError)."""

    name = "VALUE"
    prefix = ""  # put before the reason: "'x' is not HOST[:PORT]: "

    def check(self, value: str) -> Any:  # pragma: no cover - every subclass has its own
        raise NotImplementedError

    def passthrough(self, value: Any) -> bool:
        """Values already converted (click may convert a default twice)."""
        return False

    def convert(self, value, param, ctx):
        if self.passthrough(value):
            return value
        from netlab.targets import TargetError

        try:
            return self.check(value)
        except TargetError as e:
            self.fail(f"{self.prefix.format(value=value)}{e}", param, ctx)


class Parsed(click.ParamType):
    """A probe's own parser of an argument (from its pure params module) as a click type: the parsed
    value, or click's usage error with the parser's one-line reason (an exception of `error`)."""

    def __init__(self, name: str, parse: Callable[[str], Any], error: type[Exception]):
        self.name, self.parse, self.error = name, parse, error

    def convert(self, value, param, ctx):
        try:
            return self.parse(value)
        except self.error as e:
            self.fail(str(getattr(e, "message", e)), param, ctx)


def _targets(name: str) -> Callable:
    import netlab.targets

    return getattr(netlab.targets, name)


class Address(Checked):
    """An IPv4 or IPv6 address (brackets allowed, as in [2001:db8::1])."""

    name = "ADDR"

    def check(self, value):
        import ipaddress

        from netlab.targets import TargetError

        try:
            return str(ipaddress.ip_address(str(value).strip().strip("[]")))
        except ValueError:
            raise TargetError(f"{value!r} is not an IPv4 or IPv6 address") from None


class Seconds(Checked):
    """A finite number of seconds within bounds (NaN, infinities and out-of-range refused)."""

    name = "SECONDS"

    def __init__(self, low: float = 0.05, high: float = 600.0):
        self.low, self.high = low, high

    def check(self, value):
        return _targets("seconds")(value, self.low, self.high)


class HostPort(Checked):
    """HOST[:PORT], [V6]:PORT or a bare IPv6 address, validated (IDN -> A-label)."""

    name = "HOST[:PORT]"
    prefix = "{value!r} is not HOST[:PORT]: "

    def __init__(self, default_port: int):
        self.default_port = default_port

    def passthrough(self, value):
        return isinstance(value, tuple)

    def check(self, value):
        return _targets("host_port")(str(value), self.default_port)


class UrlType(Checked):
    """A URL as an address bar takes it (scheme guessed when missing); returns netlab.targets.Url."""

    name = "URL"
    prefix = "{value!r}: "

    def __init__(self, schemes: tuple[str, ...] = ("http", "https"), default_scheme: str = "https"):
        self.schemes, self.default_scheme = schemes, default_scheme

    def passthrough(self, value):
        return type(value).__name__ == "Url"

    def check(self, value):
        return _targets("url")(str(value), self.schemes, self.default_scheme)


class ResolvePin(Checked):
    """curl's --resolve HOST:PORT:ADDR."""

    name = "HOST:PORT:ADDR"

    def passthrough(self, value):
        return isinstance(value, tuple)

    def check(self, value):
        return _targets("resolve_pin")(str(value))


class OutputFile(Checked):
    """A file the run will write (--save, --markdown, --pcap, --keylog...): writable, checked first."""

    name = "FILE"

    def __init__(self, allow_dash: bool = False):
        self.allow_dash = allow_dash

    def passthrough(self, value):
        return self.allow_dash and value == "-"

    def check(self, value):
        return _targets("output_file")(str(value))


class CaFile(Checked):
    """A CA bundle (--cacert): a readable file of PEM certificates that load."""

    name = "FILE"

    def check(self, value):
        return _targets("cacert_file")(str(value))


class SandboxName(Checked):
    """A sandbox name (--sandbox=NAME, --name NAME)."""

    name = "NAME"

    def check(self, value):
        return _targets("sandbox_name")(value)
