"""Pure helpers shared by collect and analyze: the page's objects, Alt-Svc parsing."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

_REF = re.compile(rb"""(?:src|href)\s*=\s*["']([^"'#]+)["']""", re.IGNORECASE)


def object_paths(body: bytes, content_type: str, host: str, base_path: str) -> list[str]:
    """Same-origin objects an HTML page refers to (src= and href=), as paths, in page order."""
    if "html" not in (content_type or "").lower() and not body.lstrip()[:15].lower().startswith(b"<!doctype html"):
        return []
    out: list[str] = []
    base = f"https://{host}{base_path}"
    for m in _REF.finditer(body[:2_000_000]):
        ref = m.group(1).decode("utf-8", "replace").strip()
        if not ref or ref.startswith(("data:", "mailto:", "javascript:")):
            continue
        u = urlsplit(urljoin(base, ref))
        if u.scheme != "https" or (u.hostname or "").lower() != host:
            continue
        path = (u.path or "/") + (f"?{u.query}" if u.query else "")
        if path not in out and path != base_path:
            out.append(path)
    return out


def plan_objects(objects: list[str], document_path: str, count: int) -> list[str]:
    """``count`` object paths: the page's objects in order (cycled), or the document again."""
    if count <= 0:
        return []
    pool = objects or [document_path]
    return [pool[i % len(pool)] for i in range(count)]


def hol_path(path: str, i: int) -> str:
    """The path of --hol stream ``i``: the same object, told apart by a query (``?hol=3``) so that
    the server's access log shows each stream; a static file server ignores the query."""
    return f"{path}{'&' if '?' in path else '?'}hol={i}"


def largest_listed(manifest: bytes) -> tuple[str, int] | None:
    """The largest object of a sandbox site's /assets/manifest.json ({"objects": [{"path", "bytes"}]})."""
    import json

    try:
        data = json.loads(manifest.decode("utf-8"))
        objs = [(o["path"], int(o["bytes"])) for o in data.get("objects", [])
                if isinstance(o, dict) and isinstance(o.get("path"), str) and o["path"].startswith("/")
                and "\n" not in o["path"] and 0 < int(o.get("bytes") or 0) <= 8 << 20]
    except (ValueError, TypeError, KeyError, AttributeError, UnicodeDecodeError):
        return None
    return max(objs, key=lambda x: (x[1], x[0])) if objs else None


_ALT = re.compile(r"""(h3(?:-\d+)?)\s*=\s*"([^"]*)\"""")


def alt_svc_entries(value: str | None) -> list[tuple[str, str, int | None]]:
    """Alt-Svc entries: [(protocol id, host or "", port)], e.g. h3=":443" -> ("h3", "", 443)."""
    out = []
    if not value:
        return out
    for proto, authority in _ALT.findall(value):
        host, _, port = authority.rpartition(":")
        try:
            p = int(port)
        except ValueError:
            p = None
        out.append((proto, host, p))
    return out


def h3_port_from_alt_svc(value: str | None) -> int | None:
    for proto, host, port in alt_svc_entries(value):
        if proto == "h3" and not host and port:
            return port
    return None


def alpn_of_https_rdata(rd) -> list[str]:
    """The alpn SvcParam of one HTTPS (SVCB) record (a dnspython rdata), e.g. ["h3", "h2"]."""
    out: list[str] = []
    for key, val in (getattr(rd, "params", None) or {}).items():
        if int(key) == 1:  # SvcParamKey 1 = alpn
            for a in getattr(val, "ids", ()):
                out.append(a.decode() if isinstance(a, bytes) else str(a))
    return out
