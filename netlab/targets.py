"""What the user types as a target, parsed and validated once, for every probe (pure and light).

Every probe's params.py and the shared option types in netlab/cli/common.py use these; each
raises :class:`TargetError` (a ValueError) with a one-line reason, which the CLI turns into a
usage error (exit 2).  Nothing here touches the network: a name that does not exist is a finding
later, not an error here; a name that *cannot* exist (a bad label, a port of 0, a bracket left
open) is refused here.

- host:  an IPv4/IPv6 literal or a DNS name; IDN (한글.kr) becomes its A-label (xn--...).
- port:  1-65535.
- HOST[:PORT], [V6]:PORT, a bare IPv6 address.
- URLs:  scheme://host[:port]/path?query, with a scheme guessed when it is missing; the path is
         kept as typed but made ASCII (non-ASCII and undecodable bytes percent-encoded).
- --resolve HOST:PORT:ADDR (curl's form).
- sandbox names.
"""

from __future__ import annotations

import ipaddress
import math
import re
from dataclasses import dataclass
from urllib.parse import quote

MAX_URL = 8192  # bytes; browsers and servers refuse much less (8 KB is a common server limit)
_SANDBOX_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,39}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class TargetError(ValueError):
    """A target, URL or option value that cannot be right (the message says why)."""


def _no_control(value: str, what: str) -> None:
    if _CONTROL.search(value):
        raise TargetError(f"{what} contains a control character ({_CONTROL.search(value).group()!r})")


def port(value: str | int) -> int:
    text = str(value).strip()
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise TargetError(f"bad port {text!r} (1-65535)")
    return int(text)


def is_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
        return True
    except ValueError:
        return False


def host(value: str) -> str:
    """An address literal (as given, IPv6 without brackets) or a DNS name as an A-label, no final dot."""
    if value is None:
        raise TargetError("empty host")
    _no_control(str(value), "host")
    text = str(value).strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
        try:
            return str(ipaddress.IPv6Address(text))
        except ValueError as e:
            raise TargetError(f"{value!r} is not an IPv6 address: {e}") from None
    if not text:
        raise TargetError("empty host")
    if is_ip(text):
        return str(ipaddress.ip_address(text))
    if ":" in text:
        raise TargetError(f"{value!r} is neither a host name nor an IP address")
    from netlab.probes.dns_trace.names import NameError_, normalise

    try:
        a_label, _ = normalise(text)
    except NameError_ as e:
        raise TargetError(f"{value!r} is not a valid host name: {e}") from None
    if a_label == ".":
        raise TargetError("the root '.' is not a host")
    return a_label.rstrip(".")


def host_port(value: str, default_port: int) -> tuple[str, int]:
    """HOST, HOST:PORT, [V6]:PORT, [V6] or a bare IPv6 address -> (host, port)."""
    if value is None:
        raise TargetError("empty target")
    _no_control(str(value), "target")
    v = str(value).strip()
    if not v:
        raise TargetError("empty target")
    if v.startswith("["):
        inner, sep, rest = v[1:].partition("]")
        if not sep:
            raise TargetError("missing ']' after the IPv6 address")
        h = host("[" + inner + "]")
        if not rest:
            return h, default_port
        if not rest.startswith(":"):
            raise TargetError(f"expected ':PORT' after ']', not {rest!r}")
        return h, port(rest[1:])
    if v.count(":") > 1:
        try:
            return str(ipaddress.IPv6Address(v)), default_port
        except ValueError:
            raise TargetError(f"{v!r}: an IPv6 address with a port is written [ADDR]:PORT") from None
    if ":" in v:
        h, p = v.rsplit(":", 1)
        if not h:
            raise TargetError("no host before ':'")
        return host(h), port(p)
    return host(v), default_port


@dataclass(frozen=True)
class Url:
    scheme: str
    host: str  # A-label or address literal (IPv6 without brackets)
    port: int
    path: str  # path and query, ASCII, at least "/"
    typed: str  # what the user typed
    scheme_guessed: bool = False

    @property
    def authority(self) -> str:
        h = f"[{self.host}]" if ":" in self.host else self.host
        default = {"http": 80, "https": 443, "ws": 80, "wss": 443}.get(self.scheme)
        return h if self.port == default else f"{h}:{self.port}"

    @property
    def url(self) -> str:
        return f"{self.scheme}://{self.authority}{self.path}"

    def recorded(self) -> dict:
        """The URL as a probe's params record it (types: URL_RECORDED)."""
        return {"url": self.url, "scheme": self.scheme, "host": self.host, "port": self.port, "path": self.path}


# The types of Url.recorded(), for a probe's RECORDED
URL_RECORDED = {"url": str, "scheme": str, "host": str, "port": int, "path": str}


def _ascii_path(path: str) -> str:
    # Undecodable argv bytes arrive as surrogates (PEP 383): back to bytes, then percent-encoded.
    raw = path.encode("utf-8", "surrogateescape")
    return quote(raw, safe="/?&=%:@!$'()*+,;~-._[]")


def url(value: str, schemes: tuple[str, ...] = ("http", "https"), default_scheme: str = "https") -> Url:
    """Parse a URL the way an address bar does: a missing scheme is guessed, the host validated."""
    if value is None:
        raise TargetError("empty URL")
    typed = str(value)
    if len(typed.encode("utf-8", "surrogateescape")) > MAX_URL:
        raise TargetError(f"URL is {len(typed)} characters long; netlab accepts at most {MAX_URL}")
    _no_control(typed, "URL")
    text = typed.strip()
    if not text:
        raise TargetError("empty URL")
    guessed = False
    m = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*)://", text)
    if m:
        scheme = m.group(1).lower()
        rest = text[m.end():]
    else:
        scheme, rest, guessed = default_scheme, text, True
    if scheme not in schemes:
        raise TargetError(f"scheme {scheme!r} is not supported here (use {' or '.join(s + '://' for s in schemes)})")
    cut = min([i for i in (rest.find("/"), rest.find("?"), rest.find("#")) if i >= 0], default=len(rest))
    authority, tail = rest[:cut], rest[cut:]
    if "@" in authority:
        raise TargetError("user:password@ in the URL is not supported")
    tail = tail.split("#", 1)[0]
    if tail.startswith("?"):
        tail = "/" + tail
    default_port = {"http": 80, "https": 443, "ws": 80, "wss": 443}.get(scheme, 443)
    if not authority:
        raise TargetError(f"{typed!r} has no host")
    h, p = host_port(authority, default_port)
    return Url(scheme=scheme, host=h, port=p, path=_ascii_path(tail or "/"), typed=typed, scheme_guessed=guessed)


def resolve_pin(value: str) -> tuple[str, int, str]:
    """curl's --resolve HOST:PORT:ADDR (ADDR may be [v6]) -> (host, port, addr)."""
    text = str(value).strip()
    parts = text.split(":", 2)
    if len(parts) != 3:
        raise TargetError(f"{value!r}: expected HOST:PORT:ADDR (e.g. www.naver.com:443:198.18.1.100)")
    h, p, a = parts
    a = a.strip()
    if a.startswith("[") and a.endswith("]"):
        a = a[1:-1]
    try:
        addr = str(ipaddress.ip_address(a))
    except ValueError:
        raise TargetError(f"{value!r}: {a!r} is not an IPv4 or IPv6 address") from None
    return host(h), port(p), addr


def seconds(value: str | float, low: float, high: float) -> float:
    """A finite number of seconds in [low, high] (NaN and infinities refused)."""
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise TargetError(f"{value!r} is not a number of seconds") from None
    if not math.isfinite(x):
        raise TargetError(f"{value!r} is not a finite number")
    if not low <= x <= high:
        raise TargetError(f"{value!r} is out of range ({low:g} to {high:g} seconds)")
    return x


MAX_CA_FILE = 16 << 20  # a system bundle is about 200 KB


def cacert_file(path: str) -> str:
    """A CA bundle that can be used: a readable regular file holding PEM certificates that load.

    Checked before any connection, so an empty file, random bytes, a key without a certificate
    or a broken PEM is one clear usage error instead of a TLS library's exception later.
    """
    import os

    if not os.path.exists(path):
        raise TargetError(f"{path}: no such file")
    if not os.path.isfile(path):
        raise TargetError(f"{path}: not a regular file (a CA bundle is a PEM file)")
    from netlab.boundedfile import read_bounded

    data = read_bounded(path, MAX_CA_FILE, TargetError, "a CA bundle", f"{MAX_CA_FILE >> 20} MiB")
    if not data.strip():
        raise TargetError(f"{path}: empty file: a CA bundle holds PEM certificates")
    if b"-----BEGIN CERTIFICATE-----" not in data:
        what = "a private key, not a certificate" if b"PRIVATE KEY-----" in data else "no PEM certificate"
        raise TargetError(f"{path}: {what} (expected '-----BEGIN CERTIFICATE-----' blocks)")
    import ssl

    try:
        ssl.create_default_context(cadata=data.decode("ascii", "replace"))
    except (ssl.SSLError, ValueError) as e:
        raise TargetError(f"{path}: the certificates in it cannot be loaded ({getattr(e, 'reason', None) or e})") from None
    return path


def output_file(path: str) -> str:
    """A path netlab can write a file to (checked before the run, so a run is never wasted)."""
    import os

    if path == "":
        raise TargetError("empty file name")
    _no_control(path, "file name")
    if os.path.isdir(path):
        raise TargetError(f"{path}: is a directory")
    if os.path.exists(path) and not os.path.isfile(path):
        raise TargetError(f"{path}: not a regular file")
    existed = os.path.exists(path)
    try:
        with open(path, "ab"):
            pass
    except OSError as e:
        raise TargetError(f"{path}: cannot write it ({e.strerror or e})") from None
    if not existed:
        os.unlink(path)  # created only to check; the run writes it
    return path


def sandbox_name(value: str) -> str:
    """A sandbox name: 1-40 of letters, digits, '_', '.', '-', starting with a letter or digit."""
    return checked_name(value, _SANDBOX_NAME, "a sandbox name",
                        "1-40 letters, digits, '_', '.' or '-', starting with a letter or digit")


def checked_name(value: object, pattern: re.Pattern, what: str, rule: str, error: type = TargetError) -> str:
    """``value`` as text when all of it matches ``pattern``; else ``error``: it is not ``what`` (``rule``)."""
    text = "" if value is None else str(value)
    if not pattern.fullmatch(text):
        raise error(f"{text!r} is not {what} ({rule})")
    return text
