"""The target and options of `netlab http-state`, parsed and checked (pure and light)."""

from __future__ import annotations

from netlab.targets import URL_RECORDED, Url

SHORT_TTL_RANGE = (1, 30)

RECORDED = {
    **URL_RECORDED,
    "compare_http": bool,
    "capture": bool,
    "pcap": str | None,
    "short_ttl": int,
    "timeout": float,
}


def make_params(url: Url, compare_http: bool = True, capture: bool = True, pcap: str | None = None,
                short_ttl: int = 2) -> dict:
    lo, hi = SHORT_TTL_RANGE
    if not lo <= short_ttl <= hi:
        raise ValueError(f"--short-ttl must be {lo}-{hi} seconds")
    if pcap and not capture:
        raise ValueError("--pcap needs the capture (drop --no-capture)")
    return {**url.recorded(), "compare_http": compare_http, "capture": capture, "pcap": pcap, "short_ttl": short_ttl}
