"""The address bar: the typed text becomes a URL, as a browser's does (pure).

Used by collect (to know where to go) and by analyze (to say what happened), so the two cannot
disagree.  A browser without HTTPS-first mode and without an HSTS entry for the name completes
``naver.com`` to ``http://naver.com/``; ``https_first`` completes it to ``https://`` as Chrome's
HTTPS-first typed navigation does.
"""

from __future__ import annotations

import re

SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def parse_address(typed: str, https_first: bool = False) -> dict:
    """{ok, url, scheme, scheme_guessed, host, host_unicode, idn, port, port_default, path,
    error_kind, error}: error_kind is empty | search | scheme | no-host | userinfo | invalid."""
    from netlab.targets import TargetError, url

    text = (typed or "").strip()
    out = {"typed": typed, "ok": False, "url": None, "scheme": None, "scheme_guessed": False, "host": None,
           "host_unicode": None, "idn": False, "port": None, "port_default": None, "path": None,
           "error_kind": None, "error": None}
    if not text:
        return {**out, "error_kind": "empty", "error": "nothing was typed"}
    m = _SCHEME.match(text)
    has_scheme = bool(m) and text[m.end():m.end() + 2] == "//"
    if not has_scheme and (" " in text or "." not in text.split("/", 1)[0] and ":" not in text
                           and text.split("/", 1)[0].lower() != "localhost"):
        # a browser sends words without a dot to its search engine (a single label may still be
        # tried as a name by some browsers; netlab does not guess)
        return {**out, "error_kind": "search", "error": "not an address: a browser would search for this text"}
    if has_scheme and m.group(1).lower() not in SCHEMES:
        return {**out, "scheme": m.group(1).lower(), "error_kind": "scheme",
                "error": f"{m.group(1).lower()}:// is not a web address (http:// or https://)"}
    try:
        u = url(text, schemes=SCHEMES, default_scheme="https" if https_first else "http")
    except TargetError as e:
        msg = str(e)
        kind = "no-host" if "has no host" in msg else ("userinfo" if "user:password" in msg else "invalid")
        return {**out, "error_kind": kind, "error": msg}
    host_unicode = u.host
    if "xn--" in u.host:
        from netlab.probes.dns_trace.names import NameError_, normalise

        try:
            host_unicode = normalise(u.host)[1].rstrip(".")
        except NameError_:
            host_unicode = u.host
    return {**out, "ok": True, "url": u.url, "scheme": u.scheme, "scheme_guessed": u.scheme_guessed,
            "host": u.host, "host_unicode": host_unicode, "idn": host_unicode != u.host, "port": u.port,
            "port_default": u.port == DEFAULT_PORTS[u.scheme], "path": u.path}


def origin_of(url_text: str) -> tuple[str, str, int]:
    """(scheme, host, port) of an absolute http(s) URL (already validated)."""
    from urllib.parse import urlsplit

    s = urlsplit(url_text)
    scheme = s.scheme.lower()
    host = (s.hostname or "").lower()
    return scheme, host, s.port or DEFAULT_PORTS.get(scheme, 443)
