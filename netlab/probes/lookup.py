"""A name looked up as every program on this machine looks it up: getaddrinfo (I/O, for collect).

A name that does not resolve is the target's failure, so it comes back as the resolver's words
(for the probe's own event), never as an exception.
"""

from __future__ import annotations

import socket

FAMILIES = {4: socket.AF_INET, 6: socket.AF_INET6}


def look_up(host: str, port: int | None, family: int | None = None,
            socktype: int = socket.SOCK_STREAM) -> tuple[list, str | None]:
    """(getaddrinfo's answer, None), or ([], why) when ``host`` does not resolve.  ``family`` is
    4 or 6 (the probes' -4 / -6), or None for both."""
    try:
        return socket.getaddrinfo(host, port, FAMILIES.get(family, socket.AF_UNSPEC), socktype), None
    except (socket.gaierror, UnicodeError) as e:
        return [], getattr(e, "strerror", None) or str(e)


def addresses(infos: list) -> tuple[str, ...]:
    """The answer's addresses in its order, each once (it has one entry per socket type)."""
    return tuple(dict.fromkeys(info[4][0] for info in infos))


def look_up_recorded(rec, looked_up: type, host: str, port: int | None, clock) -> str | None:
    """Look ``host`` up and record the answer as a ``looked_up`` event (a subclass of
    events.NameLookedUp): the first address to go on with, or None when the name did not resolve."""
    infos, error = look_up(host, port)
    found = addresses(infos)
    rec.add(looked_up(clock(), host, found, error))
    return found[0] if error is None and found else None
