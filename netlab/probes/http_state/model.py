"""http-state: the events collect() records and the Result analyze() produces.

Events are past-tense frozen dataclasses; ``t`` is seconds on the probe's monotonic clock.  Each
HTTP exchange keeps the request and the response head exactly as they crossed the connection,
and ``wall`` (the wall clock when it was sent), because cookie expiry is wall-clock time
(Expires is a date; Max-Age counts from when the cookie arrived).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from netlab.model import Result, event
from netlab.probes.events import CaptureTaken, ConnectionOpened, NameLookedUp

PROBE = "http-state"

KEEP_BODY = 64 << 10  # bytes of each response body kept as evidence
KEEP_CAPTURE = 4 << 20  # bytes of captured frames kept in the Recording

# The steps of the scripted visit, in order (analysis reads them by name).
STEPS = (
    "visit-1", "visit-2", "discover", "login", "account", "account-tampered", "logout", "account-replay",
    "login-short", "token-HS256", "token-RS256", "token-ES256", "token-short", "jwks",
    "me-HS256", "me-RS256", "me-ES256", "me-tampered", "me-none", "me-garbage", "account-expired",
    "me-expired", "plain-login", "plain-account",
)


@event
class StateNameLookedUp(NameLookedUp):
    """The site's name, looked up once."""


@event
class StateConnectionOpened(ConnectionOpened):
    """A connection of the visit (keep-alive reuse is part of the lesson)."""


@event
class StateConnectionFailed:
    t: float
    scheme: str
    address: str
    port: int
    error: str


@event
class StateExchanged:
    """One HTTP request and its response, as bytes (the response head whole, the body capped)."""

    t: float  # the response ended
    step: str
    conn: int
    reused: bool
    scheme: str
    host: str
    port: int
    method: str
    target: str  # path and query
    request: bytes
    head: bytes
    body: bytes
    body_total: int
    t_sent: float
    t_first: float | None = None
    wall: float = 0.0  # time.time() when sent: the jar's clock
    error: str | None = None
    note: str = ""  # why the request is unusual (a crafted cookie, a tampered token)


@event
class StateStoreRead:
    """The server's session row, read from its store (Redis) inside the sandbox."""

    t: float
    step: str
    store: str  # "redis unix:/path"
    key: str
    found: bool
    fields: dict[str, str] = field(default_factory=dict)
    ttl: int | None = None  # seconds left (Redis TTL); None when not found
    error: str | None = None


@event
class StateKeysRead:
    """The sandbox's JWT keys: the HS256 secret (a teaching secret) and the signers' certificates."""

    t: float
    hs256_secret: str | None
    certs: dict[str, str] = field(default_factory=dict)  # alg -> PEM certificate
    chains: dict[str, str] = field(default_factory=dict)  # alg -> PEM of the issuing CA(s)
    root: str | None = None  # the sandbox root CA (PEM)
    source: str = ""


@event
class StatePaused:
    t: float
    seconds: float
    why: str


@event
class StateCaptureTaken(CaptureTaken):
    """The frames of the run between the client and the server's ports 80 and 443."""


# ------------------------------------------------------------------------------------ result


@dataclass
class CookieView:
    step: str
    name: str
    value: str
    raw: str
    attrs: list[list] = field(default_factory=list)  # [name, value or None]
    problems: list[str] = field(default_factory=list)
    verdict: str = ""  # stored | replaced | deleted | rejected
    reason: str = ""
    scheme: str = ""


@dataclass
class ExchangeView:
    step: str
    t_ms: float
    ms: float | None
    conn: int
    reused: bool
    scheme: str
    method: str
    target: str
    status: int
    cookie_sent: str | None  # the Cookie header as sent
    cookie_names: list[str] = field(default_factory=list)
    set_cookies: list[str] = field(default_factory=list)  # names
    authorization: str | None = None  # "Bearer eyJ...(shortened)"
    answer: str = ""  # a short reading of the body (error text, user)
    error: str | None = None
    note: str = ""
    request_bytes: int = 0
    response_bytes: int = 0


@dataclass
class TokenView:
    alg: str
    step: str
    token: str
    header: dict | None = None
    payload: dict | None = None
    signature_len: int = 0
    problems: list[list[str]] = field(default_factory=list)
    verified: bool | None = None
    verify_reason: str = ""
    computed: str | None = None
    chain_ok: bool | None = None
    server_status: int | None = None  # /api/me with this token
    server_reason: str = ""


@dataclass
class HttpStateResult(Result):
    """What `netlab http-state --json` prints at the top level (beside the envelope).

    - ``exchanges``: every request in order: step, method, target, status, the Cookie header as
      sent, the names in Set-Cookie, the TCP connection it used (``conn``, ``reused``).
    - ``cookies``: every Set-Cookie line parsed (attributes, problems) and what the jar did.
    - ``jar_after_login``: for each cookie held after login, would it be sent to other URLs
      (``matrix``: rows = cookies, columns = targets, values = sent | a reason key).
    - ``session``: the session id (shortened), the row read from the store after login, after
      logout, after expiry; the server's answers to a tampered, a replayed and an expired id.
    - ``tokens``: per algorithm, the decoded header and payload, our verification with the
      sandbox key, and the server's answer; ``attacks``: tampered payload, alg none, expired.
    - ``wire``: per scheme, whether the session cookie's value appears in the captured TCP payloads.
    """

    probe: ClassVar[str] = PROBE
    url: str = ""
    host: str = ""
    scheme: str = ""
    address: str | None = None
    app: bool = False  # the netlab app's script ran (its descriptor answered)
    app_paths: dict[str, str] = field(default_factory=dict)
    sandbox_store: bool = False
    exchanges: list[ExchangeView] = field(default_factory=list)
    connections: list[dict[str, Any]] = field(default_factory=list)
    cookies: list[CookieView] = field(default_factory=list)
    jar_targets: list[str] = field(default_factory=list)
    jar_matrix: list[dict[str, Any]] = field(default_factory=list)  # {"cookie", "attrs", "cells": [...]}
    session: dict[str, Any] = field(default_factory=dict)
    store_reads: list[dict[str, Any]] = field(default_factory=list)
    tokens: list[TokenView] = field(default_factory=list)
    attacks: list[dict[str, Any]] = field(default_factory=list)  # {"what", "status", "reason", "ours"}
    wire: dict[str, Any] = field(default_factory=dict)
    paused_s: float = 0.0
    error: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
