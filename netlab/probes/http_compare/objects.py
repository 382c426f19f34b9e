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
