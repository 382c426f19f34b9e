"""The target and options of `netlab websocket`, parsed and checked (pure and light)."""

from __future__ import annotations

from netlab.targets import URL_RECORDED, Url

RECORDED = {
    **URL_RECORDED,
    "messages": list,
    "send": bool,
    "pings": int,
    "listen": float,
    "idle": float,
    "subprotocols": list,
    "deflate": bool,
    "compare_polling": bool,
    "poll_interval": float,
    "poll_url": str | None,
    "unmasked_test": bool,
    "capture": bool,
    "pcap": str | None,
    "timeout": float,
}

MAX_MESSAGES = 20
MAX_MESSAGE_CHARS = 65536


def make_params(url: Url, messages: tuple[str, ...] = (), send: bool = True, pings: int = 3, listen: float = 0.0,
                idle: float = 0.0, subprotocols: tuple[str, ...] = (), deflate: bool = True,
                compare_polling: bool = False, poll_interval: float = 1.0, poll_url: Url | None = None,
                unmasked_test: bool = False, capture: bool = True, pcap: str | None = None) -> dict:
    if len(messages) > MAX_MESSAGES:
        raise ValueError(f"at most {MAX_MESSAGES} --message options")
    for m in messages:
        if len(m) > MAX_MESSAGE_CHARS:
            raise ValueError(f"a --message is at most {MAX_MESSAGE_CHARS} characters")
    for p in subprotocols:
        if not p or any(c in p for c in " ,;\"\r\n\t") or not p.isascii():
            raise ValueError(f"{p!r} is not a subprotocol token (ASCII, no spaces, commas or quotes)")
    if not 0 <= pings <= 20:
        raise ValueError("--pings must be 0-20")
    if compare_polling and listen <= 0:
        raise ValueError("--compare-polling compares over the --listen window: give --listen SECONDS")
    if pcap and not capture:
        raise ValueError("--pcap needs the capture (drop --no-capture)")
    return {
        **url.recorded(),
        "messages": list(messages), "send": send, "pings": pings, "listen": float(listen), "idle": float(idle),
        "subprotocols": list(subprotocols), "deflate": deflate, "compare_polling": compare_polling,
        "poll_interval": float(poll_interval), "poll_url": poll_url.url if poll_url else None,
        "unmasked_test": unmasked_test, "capture": capture, "pcap": pcap,
    }
