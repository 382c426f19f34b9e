"""The target and options of `netlab http-compare`, parsed and checked (pure and light).

The command module (netlab/cli/http_compare.py) imports this at `netlab --help` time, so it imports
nothing heavy: no httpx, aioquic, ssl or dnspython.  Every problem is a UsageError (exit 2).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlunsplit

from netlab.errors import UsageError
from netlab.probes.chartfile import check_chart_path  # noqa: F401  (the CLI's check, with the other checks)

PROTOCOLS = ("h1", "h2", "h3")

# The params collect records, by type: `netlab report` checks a saved Recording against these.
RECORDED = {
    "url": str,
    "protocols": list[Literal["h1", "h2", "h3"]],
    "requests": int,
    "connections_h1": int,
    "repeat": int,
    "resolve": list[str],
    "cacert": str | None,
    "chart": str | None,
    "qlog": str | None,
    "loss": float | None,
    "delay": float | None,
    "follow": bool,
    "hol": bool,
    "hol_streams": int,
    "hol_object": str | None,
    "hol_after": int | None,
    "server_cc": Literal["reno", "cubic", "bbr"] | None,
}
SERVER_CC = ("reno", "cubic", "bbr")
HOL_STREAMS = (2, 32)  # --hol-streams range
HOL_STREAMS_DEFAULT = 6
# Where the drop falls by default: after this fraction of the K responses' bytes, in the middle of
# the transfer (every stream still has bytes to come over QUIC, whose server interleaves them; an
# HTTP/2 server that sends streams more one after another still has several unfinished)
HOL_DROP_FRACTION = 0.5
HOL_AFTER_MAX = 1 << 30
_ALIASES = {"http1": "h1", "http/1.1": "h1", "h1.1": "h1", "http2": "h2", "http3": "h3"}


@dataclass
class Target:
    url: str
    scheme: str
    host: str
    port: int
    path: str  # path + query

    @property
    def authority(self) -> str:
        return self.host if self.port == 443 else f"{self.host}:{self.port}"

    def with_path(self, path: str) -> str:
        return urlunsplit(("https", self.authority, path, "", ""))


def parse_url(url: str) -> Target:
    """The URL as an address bar takes it (https:// guessed), validated by netlab.targets: the host
    as an A-label (IDN allowed), a port of 1-65535, the path made ASCII, at most 8 KB."""
    from netlab.targets import TargetError
    from netlab.targets import url as parse

    try:
        u = parse(url, schemes=("https", "http"), default_scheme="https")
    except TargetError as e:
        raise UsageError(f"malformed URL {url!r}: {e}") from e
    if u.scheme != "https":
        raise UsageError(
            f"{url}: http-compare compares HTTP/1.1, HTTP/2 and HTTP/3 over TLS; give an https:// URL",
            hint="HTTP/3 exists only over QUIC, which always encrypts; browsers speak HTTP/2 only over TLS",
        )
    return Target(url=u.url, scheme="https", host=u.host, port=u.port, path=u.path)


def parse_resolve(values: list[str] | tuple[str, ...] | None) -> dict[tuple[str, int], str]:
    """curl's --resolve HOST:PORT:ADDR (ADDR may be [v6]), validated by netlab.targets."""
    from netlab.targets import TargetError, resolve_pin

    pins: dict[tuple[str, int], str] = {}
    for v in values or ():
        try:
            host, port, addr = resolve_pin(v)
        except TargetError as e:
            raise UsageError(f"--resolve {v!r}: {e}") from e
        pins[(host, port)] = addr
    return pins


def parse_protocols(value: str | list[str] | None) -> list[str]:
    """"h1,h2,h3" (aliases such as http2 accepted) -> the protocols in the canonical order."""
    if value is None:
        return list(PROTOCOLS)
    items = value.split(",") if isinstance(value, str) else list(value)
    items = [_ALIASES.get(x.strip().lower(), x.strip().lower()) for x in items if x.strip()]
    bad = [x for x in items if x not in PROTOCOLS]
    if bad or not items:
        raise UsageError(f"{', '.join(bad) or value!r}: choose from h1, h2, h3 (comma-separated)")
    return [x for x in PROTOCOLS if x in items]


def normalize_params(params: dict) -> dict:
    """The parameters as collect uses them (and as the Recording keeps them)."""
    p = dict(params)
    p["protocols"] = parse_protocols(p.get("protocols") or None)
    p["requests"] = max(1, int(p.get("requests") or 1))
    p["connections_h1"] = max(1, int(p.get("connections_h1") or 6))
    p["repeat"] = max(1, int(p.get("repeat") or 1))
    p["resolve"] = list(p.get("resolve") or [])
    p["follow"] = bool(p.get("follow"))
    p["hol"] = bool(p.get("hol"))
    p["hol_streams"] = min(HOL_STREAMS[1], max(HOL_STREAMS[0], int(p.get("hol_streams") or HOL_STREAMS_DEFAULT)))
    p["hol_object"] = p.get("hol_object") or None
    p["hol_after"] = int(p["hol_after"]) if p.get("hol_after") is not None else None
    p["server_cc"] = p.get("server_cc") or None
    if p["hol"]:
        # one connection per protocol, K objects at once: HTTP/2 (TCP) against HTTP/3 (QUIC)
        p["protocols"] = [x for x in p["protocols"] if x in ("h2", "h3")] or ["h2", "h3"]
        p["requests"] = 1
    return p


def check_hol_object(path: str | None) -> str | None:
    """--hol-object: a path on the same site (/assets/obj-07.bin), checked like a URL's path."""
    if path is None:
        return None
    if not isinstance(path, str) or not path.startswith("/") or any(c in path for c in "\r\n\t #") \
            or len(path) > 2000 or not path.isascii():
        raise UsageError(f"--hol-object {path!r}: give a path on the same site, like /assets/obj-07.bin")
    return path


def modes_for_hol(protocols: list[str]) -> list[str]:
    """The --hol experiment's modes: HTTP/2 and HTTP/3, one connection each (no h1, no resumption)."""
    return [m for m in ("h2", "h3") if m in protocols]


def modes_for(protocols: list[str], requests: int) -> list[str]:
    """The interleaved order of one repeat: h1, (h1 on K connections), h2, h3, (h3 resumed)."""
    out = []
    if "h1" in protocols:
        out.append("h1")
        if requests > 1:
            out.append("h1-k")
    if "h2" in protocols:
        out.append("h2")
    if "h3" in protocols:
        out.append("h3")
        out.append("h3-0rtt")
    return out
