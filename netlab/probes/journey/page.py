"""The sub-resources an HTML page makes a browser fetch (pure): stylesheets, scripts, images,
icons and preloads, in page order, as absolute http(s) URLs.  Links (<a href>) are not fetched:
they are where the user may go next, not part of this page."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

MAX_SUBRESOURCES = 64
_LINK_RELS = {"stylesheet", "icon", "shortcut", "preload", "modulepreload", "apple-touch-icon"}


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str]] = []  # (kind, reference as written)
        self.base: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "base" and a.get("href") and self.base is None:
            self.base = a["href"]
        elif tag == "img" and a.get("src"):
            self.refs.append(("image", a["src"]))
        elif tag == "script" and a.get("src"):
            self.refs.append(("script", a["src"]))
        elif tag == "link" and a.get("href") and set(a.get("rel", "").lower().split()) & _LINK_RELS:
            rel = a.get("rel", "").lower()
            self.refs.append(("stylesheet" if "stylesheet" in rel else ("icon" if "icon" in rel else "preload"),
                              a["href"]))
        elif tag in ("source", "video", "audio") and a.get("src"):
            self.refs.append(("media", a["src"]))


def looks_like_html(content_type: str | None, body: bytes) -> bool:
    if content_type and "html" in content_type.lower():
        return True
    return body.lstrip()[:15].lower().startswith(b"<!doctype html") or body.lstrip()[:6].lower() == b"<html>"


def subresources(body: bytes, base_url: str, charset: str = "utf-8") -> list[dict]:
    """[{kind, url}] the page refers to (deduplicated, at most MAX_SUBRESOURCES)."""
    p = _Refs()
    try:
        p.feed(body.decode(charset, "replace"))
        p.close()
    except Exception:  # noqa: BLE001 - html.parser on hostile bytes: keep what was read
        pass
    try:
        base = urljoin(base_url, p.base) if p.base else base_url
    except ValueError:
        base = base_url
    out: list[dict] = []
    seen = set()
    for kind, ref in p.refs:
        ref = ref.strip()
        if not ref or ref.startswith(("data:", "javascript:", "blob:", "about:", "#")):
            continue
        try:
            u = urljoin(base, ref).split("#", 1)[0]
            s = urlsplit(u)
            hostname = s.hostname
        except ValueError:  # "https://[bad": not a URL a browser would fetch
            continue
        if s.scheme not in ("http", "https") or not hostname or u in seen:
            continue
        seen.add(u)
        out.append({"kind": kind, "url": u})
        if len(out) >= MAX_SUBRESOURCES:
            break
    return out
