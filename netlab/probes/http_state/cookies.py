"""Set-Cookie parsing and a browser-like cookie jar (pure: every function takes ``now``).

Follows RFC 6265 and its revision (RFC 6265bis, what browsers do today):

- parsing (§5.2): ``name=value`` then ``; attribute[=value]`` pairs; unknown attributes are
  ignored, a bad Max-Age or Expires is ignored (the cookie stays), a line with control characters
  or with neither name nor value is ignored whole.  A line without ``=`` is a cookie with an empty
  name under 6265bis (older browsers ignore it): both count as malformed here.
- storing (§5.6): Domain must domain-match the request's host and must not be a top-level
  domain; without Domain the cookie is *host-only*.  Path defaults to the request path's
  directory.  Max-Age wins over Expires; an expiry in the past deletes.  A Secure cookie from an
  http:// response is refused, and so is SameSite=None without Secure.  ``__Secure-`` and
  ``__Host-`` prefixes are checked.
- sending (§5.7): host-only cookies go to that host alone, domain cookies to it and its
  subdomains; the request path must path-match; Secure ones only over https:// (wss://); a
  cross-site request carries SameSite=Strict cookies never and Lax ones only on a top-level GET
  navigation (no SameSite attribute is treated as Lax, as Chrome and Firefox do).  Longer paths
  first, then older cookies.

Simplifications, said where they matter: "site" is the last two labels of a name (there is no
Public Suffix List here), and the top-level-domain check knows single labels only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

from netlab.targets import is_ip

_CTL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
MAX_COOKIE_BYTES = 4096  # name + value: browsers refuse more


@dataclass
class SetCookie:
    """One Set-Cookie header line, parsed."""

    raw: str
    name: str = ""
    value: str = ""
    attrs: list[tuple[str, str | None]] = field(default_factory=list)  # as written, in order
    domain: str | None = None
    path: str | None = None
    max_age: int | None = None
    expires: float | None = None  # seconds since the epoch
    secure: bool = False
    httponly: bool = False
    samesite: str | None = None  # Strict | Lax | None (the word) ; None: no attribute
    problems: list[str] = field(default_factory=list)  # catalogue keys: "no-equals", "bad-max-age", ...
    ignored: str | None = None  # the reason the whole line is ignored, or None

    @property
    def attribute_names(self) -> list[str]:
        return [k for k, _ in self.attrs]


def parse_set_cookie(line: str, now: float) -> SetCookie:
    """Parse one Set-Cookie value (without the header name)."""
    sc = SetCookie(raw=line)
    if _CTL.search(line):
        sc.problems.append("control-char")
        sc.ignored = "control-char"
        return sc
    pair, *attrs = line.split(";")
    if "=" not in pair:
        sc.problems.append("no-equals")
        name, value = "", pair.strip()
    else:
        name, _, value = pair.partition("=")
        name, value = name.strip(), value.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1]
    sc.name, sc.value = name, value
    if not name and not value:
        sc.problems.append("empty")
        sc.ignored = "empty"
        return sc
    if not name:
        sc.problems.append("empty-name")
    if len(name) + len(value) > MAX_COOKIE_BYTES:
        sc.problems.append("too-long")
        sc.ignored = "too-long"
        return sc
    for a in attrs:
        if not a.strip():
            continue
        k, eq, v = a.partition("=")
        k, v = k.strip(), v.strip()
        sc.attrs.append((k, v if eq else None))
        lk = k.lower()
        if lk == "expires":
            try:
                dt = parsedate_to_datetime(v)
                if dt is None:
                    raise ValueError
                if dt.tzinfo is None:
                    import datetime as _dt

                    dt = dt.replace(tzinfo=_dt.UTC)
                sc.expires = dt.timestamp()
            except (TypeError, ValueError, IndexError, OverflowError):
                sc.problems.append("bad-expires")
        elif lk == "max-age":
            if re.fullmatch(r"-?\d{1,12}", v or ""):
                sc.max_age = int(v)
            else:
                sc.problems.append("bad-max-age")
        elif lk == "domain":
            d = v.lower().lstrip(".")
            if d:
                sc.domain = d
            else:
                sc.problems.append("empty-domain")
        elif lk == "path":
            if v.startswith("/"):
                sc.path = v
            else:
                sc.problems.append("bad-path")
        elif lk == "secure":
            sc.secure = True
        elif lk == "httponly":
            sc.httponly = True
        elif lk == "samesite":
            word = {"strict": "Strict", "lax": "Lax", "none": "None"}.get(v.lower())
            if word is None:
                sc.problems.append("bad-samesite")
            else:
                sc.samesite = word
        else:
            sc.problems.append("unknown-attribute")
    return sc


# ------------------------------------------------------------------------------------ the jar


@dataclass
class StoredCookie:
    name: str
    value: str
    domain: str  # the host (host-only) or the Domain attribute
    host_only: bool
    path: str
    secure: bool
    httponly: bool
    samesite: str | None
    expiry: float | None  # None: a session cookie (kept until the browser closes)
    created: float
    origin_step: str = ""


@dataclass
class Decision:
    """What the jar did with one Set-Cookie, or why it sent or withheld one cookie."""

    name: str
    verdict: str  # stored | replaced | deleted | rejected | sent | withheld
    reason: str  # catalogue key: "ok", "domain-mismatch", "path", "secure", "samesite-strict", "expired", ...
    detail: str = ""


def domain_match(host: str, domain: str) -> bool:
    """RFC 6265 §5.1.3: the host is the domain, or ends with "." + domain (never for addresses)."""
    host, domain = host.lower().rstrip("."), domain.lower().rstrip(".")
    if host == domain:
        return True
    if _is_ip(host):
        return False
    return host.endswith("." + domain)


def default_path(request_path: str) -> str:
    """RFC 6265 §5.1.4: the request path up to (not including) its last '/', or '/'."""
    path = request_path.split("?", 1)[0]
    if not path.startswith("/") or path.count("/") == 1:
        return "/"
    return path[: path.rfind("/")]


def path_match(request_path: str, cookie_path: str) -> bool:
    path = request_path.split("?", 1)[0] or "/"
    if path == cookie_path:
        return True
    if path.startswith(cookie_path):
        return cookie_path.endswith("/") or path[len(cookie_path)] == "/"
    return False


def site_of(host: str) -> str:
    """The site of a host name: its last two labels (no Public Suffix List here)."""
    if _is_ip(host):
        return host
    labels = host.lower().rstrip(".").split(".")
    return ".".join(labels[-2:])


def _is_ip(host: str) -> bool:
    return is_ip(host.strip("[]"))


class Jar:
    """The cookies a browser keeps for one user, and the rules that decide what goes back."""

    def __init__(self) -> None:
        self.cookies: list[StoredCookie] = []

    def receive(self, sc: SetCookie, scheme: str, host: str, path: str, now: float, step: str = "") -> Decision:
        """Store (or delete, or refuse) one parsed Set-Cookie received from scheme://host/path."""
        name = sc.name
        if sc.ignored:
            return Decision(name, "rejected", f"ignored.{sc.ignored}")
        secure_origin = scheme in ("https", "wss")
        if sc.domain is not None:
            if "." not in sc.domain:
                return Decision(name, "rejected", "public-suffix", sc.domain)
            if not domain_match(host, sc.domain):
                return Decision(name, "rejected", "domain-mismatch", sc.domain)
            domain, host_only = sc.domain, False
        else:
            domain, host_only = host.lower(), True
        if sc.secure and not secure_origin:
            return Decision(name, "rejected", "secure-from-http")
        if sc.samesite == "None" and not sc.secure:
            return Decision(name, "rejected", "samesite-none-insecure")
        if name.startswith("__Secure-") and not (sc.secure and secure_origin):
            return Decision(name, "rejected", "prefix-secure")
        if name.startswith("__Host-") and not (sc.secure and secure_origin and host_only and sc.path == "/"):
            return Decision(name, "rejected", "prefix-host")
        if sc.max_age is not None:
            expiry = now + sc.max_age if sc.max_age > 0 else float("-inf")
        elif sc.expires is not None:
            expiry = sc.expires
        else:
            expiry = None
        cpath = sc.path or default_path(path)
        old = next((c for c in self.cookies if c.name == name and c.domain == domain and c.path == cpath), None)
        if expiry is not None and expiry <= now:
            if old is not None:
                self.cookies.remove(old)
                return Decision(name, "deleted", "expired-on-arrival")
            return Decision(name, "rejected", "expired-on-arrival")
        new = StoredCookie(name, sc.value, domain, host_only, cpath, sc.secure, sc.httponly, sc.samesite, expiry,
                           old.created if old else now, step)
        if old is not None:
            self.cookies[self.cookies.index(old)] = new
            return Decision(name, "replaced", "ok")
        self.cookies.append(new)
        return Decision(name, "stored", "ok")

    def expire(self, now: float) -> list[StoredCookie]:
        """Drop the cookies whose expiry has passed; returns them."""
        gone = [c for c in self.cookies if c.expiry is not None and c.expiry <= now]
        self.cookies = [c for c in self.cookies if c not in gone]
        return gone

    def decide(self, scheme: str, host: str, path: str, now: float, cross_site: bool = False,
               top_level: bool = True, method: str = "GET") -> list[tuple[StoredCookie, Decision]]:
        """For each stored cookie: would it go with this request, and why (or why not)."""
        out = []
        secure_channel = scheme in ("https", "wss")
        for c in sorted(self.cookies, key=lambda c: (-len(c.path), c.created)):
            name = c.name
            if c.expiry is not None and c.expiry <= now:
                out.append((c, Decision(name, "withheld", "expired")))
            elif c.host_only and host.lower() != c.domain:
                out.append((c, Decision(name, "withheld", "host-only", c.domain)))
            elif not c.host_only and not domain_match(host, c.domain):
                out.append((c, Decision(name, "withheld", "domain", c.domain)))
            elif not path_match(path, c.path):
                out.append((c, Decision(name, "withheld", "path", c.path)))
            elif c.secure and not secure_channel:
                out.append((c, Decision(name, "withheld", "secure")))
            elif cross_site and (c.samesite or "Lax") == "Strict":
                out.append((c, Decision(name, "withheld", "samesite-strict")))
            elif cross_site and (c.samesite or "Lax") == "Lax" and not (top_level and method in ("GET", "HEAD")):
                out.append((c, Decision(name, "withheld", "samesite-lax" if c.samesite else "samesite-default")))
            else:
                out.append((c, Decision(name, "sent", "ok")))
        return out

    def cookie_header(self, scheme: str, host: str, path: str, now: float, **kw) -> str | None:
        """The Cookie header a browser would send (None when no cookie applies)."""
        sent = [c for c, d in self.decide(scheme, host, path, now, **kw) if d.verdict == "sent"]
        if not sent:
            return None
        return "; ".join(f"{c.name}={c.value}" if c.name else c.value for c in sent)
