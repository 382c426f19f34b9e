"""The URL and options of `netlab journey`, checked (pure and light: the CLI imports this module).

What is typed in an address bar is the *input of the journey's first step*, not an option: text
that a browser would not take as an address (no host, a scheme it does not open, a port of 0) is a
finding at the address-bar step, and the journey stops there.  Only what no address bar can hold
is a usage error: control characters, more than 8 KB.
"""

from __future__ import annotations

import re
from typing import Literal

from netlab.targets import MAX_URL

PROTOCOLS = ("auto", "h1", "h2", "h3")
DNS_MODES = ("as-is", "cold", "warm")

# The params collect records, with their types: `netlab report` checks a saved Recording against it.
RECORDED = {
    "url": str,
    "https_first": bool,
    "browser_like": bool,
    "dns": Literal["as-is", "cold", "warm"],
    "follow": bool,
    "protocol": Literal["auto", "h1", "h2", "h3"],
    "family": Literal[4, 6] | None,
    "pcap": str | None,
    "keylog": str | None,
    "details": bool,
    "cacert": str | None,
    "timeout": float,
    "deadline": float,
}

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class ParamError(ValueError):
    """An argument that no address bar could hold (the message says why)."""


def check_typed(value: str) -> str:
    """The text as typed; ParamError only for what cannot be typed into an address bar."""
    text = "" if value is None else str(value)
    if len(text.encode("utf-8", "surrogateescape")) > MAX_URL:
        raise ParamError(f"{len(text)} characters: an address bar takes at most {MAX_URL} bytes")
    m = _CONTROL.search(text)
    if m:
        raise ParamError(f"the text contains a control character ({m.group()!r})")
    return text


def make_params(url: str, *, https_first: bool = False, browser_like: bool = False, dns: str = "as-is",
                follow: bool = True, protocol: str = "auto", family: int | None = None, pcap: str | None = None,
                keylog: str | None = None, details: bool = True, cacert: str | None = None) -> dict:
    if protocol not in PROTOCOLS:
        raise ParamError(f"--protocol must be one of {', '.join(PROTOCOLS)}")
    if dns not in DNS_MODES:
        raise ParamError(f"the DNS mode must be one of {', '.join(DNS_MODES)}")
    return {"url": check_typed(url), "https_first": bool(https_first), "browser_like": bool(browser_like),
            "dns": dns, "follow": bool(follow), "protocol": protocol, "family": family, "pcap": pcap,
            "keylog": keylog, "details": bool(details), "cacert": cacert}
