"""http-state collection: a scripted, browser-like visit (I/O only; records events, see model.py).

What a browser does, one request at a time, over netlab's small HTTP/1.1 client
(netlab/probes/httpwire.py, which keeps every byte): the Cookie header of each request is what
the jar of cookies.py decides (pure; analyze replays it to explain every decision).

Any site: the page twice (the first visit carries no cookie; the second carries what the first
set).  Then, if the site is the netlab sandbox app (``/.well-known/netlab-app.json`` answers), the
script goes on: login (session cookie) -> account -> a tampered session id -> logout -> the old
id replayed -> a short session left to expire; tokens signed with HS256, RS256 and ES256, each
used; a tampered payload, ``alg: none``, a token that is not base64, an expired token; and the
same login over plain http:// for the cleartext comparison.  Inside the sandbox the session row
is read from the app's Redis (a Unix socket in the sandbox's state directory) and the JWT keys
from its PKI; the run between the client and ports 80/443 is captured (AF_PACKET).

Decisions: the short session and the short token last ``short_ttl`` seconds (2 by default) and
the probe waits for them to expire once, while nothing else is left to do; the crafted requests
(tampered id, replay) set their Cookie header by hand, as an attacker would, and say so (``note``).
"""

from __future__ import annotations

import json
import os
import time
from urllib.parse import urlencode

from netlab.model import DeadlineReached, Recording
from netlab.probes.http_state import model
from netlab.probes.http_state.cookies import Jar, parse_set_cookie
from netlab.probes.http_state.tokens import alg_none, tamper_payload
from netlab.probes.lookup import look_up_recorded
from netlab.probes.recorder import RunClock, new_recording
from netlab.probes.runcapture import open_capture, stop_capture

FORM = ("Content-Type", "application/x-www-form-urlencoded")


class _Stop(Exception):
    """The run's deadline is reached: stop the script (a DeadlineReached event says what was skipped)."""


class Visit:
    def __init__(self, rec: Recording, ctx, clock, host: str, address: str, port: int, scheme: str):
        from netlab import __version__
        from netlab.probes.httpwire import Wire

        self.rec, self.ctx, self.clock = rec, ctx, clock
        self.host, self.address, self.port, self.scheme = host, address, port, scheme
        self.jar = Jar()
        self.ua = f"netlab-http-state/{__version__}"
        cafile = getattr(ctx.sandbox, "cacert", None) if ctx.sandbox else None
        self.wire = Wire(clock, ctx.op_timeout, cafile=cafile, max_body=model.KEEP_BODY,
                         on_open=rec.add, opened=model.StateConnectionOpened,
                         on_fail=lambda t, s, a, p, e: rec.add(model.StateConnectionFailed(t, s, a, p, e)))

    def do(self, step: str, method: str, target: str, *, scheme: str | None = None, port: int | None = None,
           headers: list[tuple[str, str]] | None = None, body: bytes | None = None, cookie: str | None = None,
           note: str = "") -> tuple[int, dict, bytes]:
        """One request; the Cookie header is the jar's unless ``cookie`` is given (a crafted request)."""
        from netlab.probes.httpwire import build_request, parse_head

        if self.ctx.expired():
            raise _Stop(step)
        scheme = scheme or self.scheme
        port = port or self.port
        wall = time.time()
        self.jar.expire(wall)
        if cookie is None:
            cookie = self.jar.cookie_header(scheme, self.host, target, wall)
        hdrs = [("User-Agent", self.ua), ("Accept", "*/*")]
        if cookie:
            hdrs.append(("Cookie", cookie))
        hdrs += headers or []
        default = 443 if scheme == "https" else 80
        host_header = self.host if port == default else f"{self.host}:{port}"
        raw = build_request(method, host_header, target, hdrs, body)
        ex = self.wire.request(scheme, self.host, self.address, port, raw, method)
        self.rec.add(model.StateExchanged(ex.t_done, step, ex.conn, ex.reused, scheme, self.host, port, method, target,
                                          raw, ex.head, ex.body, ex.body_total, ex.t_sent, ex.t_first, wall, ex.error, note))
        status, parsed = parse_head(ex.head) if ex.head else (0, {})
        for line in _set_cookie_lines(ex.head):
            self.jar.receive(parse_set_cookie(line, wall), scheme, self.host, target, wall, step)
        return status, parsed, ex.body

    def cookie_value(self, name: str) -> str | None:
        return next((c.value for c in self.jar.cookies if c.name == name), None)


def _set_cookie_lines(head: bytes) -> list[str]:
    out = []
    for line in head.decode("latin-1").split("\r\n")[1:]:
        k, sep, v = line.partition(":")
        if sep and k.strip().lower() == "set-cookie":
            out.append(v.strip())
    return out


def collect(params: dict, ctx) -> Recording:
    clock = RunClock(ctx.clock)
    rec = new_recording(model.PROBE, {**params, "timeout": float(ctx.timeout)},
                        {"sandbox": getattr(ctx.sandbox, "name", None), "uid": os.getuid()})
    host, port, scheme = str(params["host"]), int(params["port"]), str(params["scheme"])
    address = look_up_recorded(rec, model.StateNameLookedUp, host, port, clock)
    if address is None:
        return rec
    descriptor = None
    if ctx.sandbox is not None:
        from netlab.sandbox.services.app import find_descriptor

        descriptor = find_descriptor(getattr(ctx.sandbox, "state_dir", None), host, address)
        if descriptor:
            _read_keys(rec, descriptor, ctx, clock)
    sniffer = None
    if params.get("capture", True):
        sniffer = open_capture(rec, model.StateCaptureTaken, address, {80, 443, port}, clock)
    visit = Visit(rec, ctx, clock, host, address, port, scheme)
    try:
        _script(visit, params, descriptor, clock)
    except _Stop as stop:
        rec.add(DeadlineReached(clock(), ctx.deadline, f"the steps from {stop.args[0]} on"))
    finally:
        visit.wire.close()
        if sniffer is not None:
            stop_capture(rec, model.StateCaptureTaken, sniffer, params.get("pcap"), model.KEEP_CAPTURE, clock)
    rec.events.sort(key=lambda e: e.t)
    return rec


class _App:
    """What the netlab app's descriptor says: paths, the demo user, the session cookie's name."""

    def __init__(self, app: dict, descriptor: dict | None, short: int):
        self.p = {k: str(x) for k, x in app["paths"].items() if isinstance(x, str) and x.startswith("/")}
        self.user, self.password = str(app.get("user", "")), str(app.get("password", ""))
        self.cookie = str(app.get("session_cookie") or "sid")
        self.short = short
        self.store = (descriptor or {}).get("store") or {}
        self.prefix = str(self.store.get("prefix") or "session:")

    def path(self, name: str, default: str) -> str:
        return self.p.get(name, default)

    def form(self, **extra: str) -> bytes:
        return urlencode({"user": self.user, "password": self.password, **extra}).encode()


def _script(v: Visit, params: dict, descriptor: dict | None, clock) -> None:
    path = str(params.get("path") or "/")
    v.do("visit-1", "GET", path)
    v.do("visit-2", "GET", path)
    status, _, body = v.do("discover", "GET", "/.well-known/netlab-app.json")
    app = None
    if status == 200:
        try:
            app = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            app = None
    if not isinstance(app, dict) or not app.get("netlab_app") or not isinstance(app.get("paths"), dict):
        return
    a = _App(app, descriptor, int(params.get("short_ttl") or 2))
    short_sid, short_wall = _session_steps(v, a, clock)
    tokens, short_token = _token_steps(v, a)
    _expiry_steps(v, a, clock, short_sid, short_wall, short_token)
    if params.get("compare_http", True) and v.scheme == "https":
        v.do("plain-login", "POST", a.path("login", "/login"), scheme="http", port=80, headers=[FORM],
             body=a.form(ttl=str(a.short)))
        v.do("plain-account", "GET", a.path("account", "/account"), scheme="http", port=80)


def _read_store(v: Visit, a: _App, step: str, sid: str | None, clock) -> None:
    if sid and a.store.get("socket"):
        _read_row(v.rec, a.store["socket"], a.prefix + sid, step, clock)


def _session_steps(v: Visit, a: _App, clock) -> tuple[str | None, float]:
    """Login, account, a tampered id, logout, the old id replayed, a short session."""
    account = a.path("account", "/account")
    v.do("login", "POST", a.path("login", "/login"), headers=[FORM], body=a.form())
    v.do("account", "GET", account)
    sid = v.cookie_value(a.cookie)
    _read_store(v, a, "store-after-login", sid, clock)
    if sid:
        bad = sid[:-1] + ("A" if sid[-1] != "A" else "B")
        v.do("account-tampered", "GET", account, cookie=f"{a.cookie}={bad}", note="tampered")
    v.do("logout", "POST", a.path("logout", "/logout"), body=b"")
    _read_store(v, a, "store-after-logout", sid, clock)
    if sid:
        v.do("account-replay", "GET", account, cookie=f"{a.cookie}={sid}", note="replayed")
    v.do("login-short", "POST", a.path("login", "/login"), headers=[FORM], body=a.form(ttl=str(a.short)))
    short_sid = v.cookie_value(a.cookie)
    short_wall = time.time()
    _read_store(v, a, "store-short", short_sid, clock)
    return short_sid, short_wall


def _token_steps(v: Visit, a: _App) -> tuple[dict[str, str], str | None]:
    """A token per algorithm, each used; a short one; then a tampered payload, alg none, garbage."""
    tokens: dict[str, str] = {}
    for alg in ("HS256", "RS256", "ES256"):
        _, _, body = v.do(f"token-{alg}", "POST", a.path("token", "/token"), headers=[FORM], body=a.form(alg=alg))
        tok = _token_of(body)
        if tok:
            tokens[alg] = tok
    _, _, body = v.do("token-short", "POST", a.path("token", "/token"), headers=[FORM],
                      body=a.form(alg="HS256", ttl=str(a.short)))
    short_token = _token_of(body)
    v.do("jwks", "GET", a.path("jwks", "/.well-known/jwks.json"))
    me = a.path("me", "/api/me")
    for alg, tok in tokens.items():
        v.do(f"me-{alg}", "GET", me, headers=[("Authorization", f"Bearer {tok}")], cookie="")
    if "HS256" in tokens:
        try:
            forged = tamper_payload(tokens["HS256"], {"role": "admin"})
        except (ValueError, IndexError):
            forged = None
        if forged:
            v.do("me-tampered", "GET", me, headers=[("Authorization", f"Bearer {forged}")], cookie="",
                 note="tampered-token")
        v.do("me-none", "GET", me, headers=[("Authorization", f"Bearer {alg_none(tokens['HS256'])}")], cookie="",
             note="alg-none")
    v.do("me-garbage", "GET", me, headers=[("Authorization", "Bearer not-a-jwt!.%%%.###")], cookie="",
         note="not-base64")
    return tokens, short_token


def _expiry_steps(v: Visit, a: _App, clock, short_sid: str | None, short_wall: float,
                  short_token: str | None) -> None:
    """Wait once for the short session and the short token, then try both."""
    wait = short_wall + a.short + 0.4 - time.time()
    if wait > 0:
        if v.ctx.remaining() < wait + 2:
            raise _Stop("account-expired")
        v.rec.add(model.StatePaused(clock(), round(wait, 3), "expiry"))
        time.sleep(wait)
    if short_sid:
        v.do("account-expired", "GET", a.path("account", "/account"), cookie=f"{a.cookie}={short_sid}",
             note="replayed")
        _read_store(v, a, "store-expired", short_sid, clock)
    if short_token:
        v.do("me-expired", "GET", a.path("me", "/api/me"), headers=[("Authorization", f"Bearer {short_token}")],
             cookie="", note="expired")


def _token_of(body: bytes) -> str | None:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    tok = data.get("token") if isinstance(data, dict) else None
    return tok if isinstance(tok, str) and len(tok) < 16384 else None


def _read_row(rec: Recording, sock_path: str, key: str, step: str, clock) -> None:
    from netlab.sandbox.services.resp import Redis, RedisError

    where = f"redis unix:{sock_path}"
    try:
        with Redis(sock_path) as r:
            flat = r.command("HGETALL", key) or []
            ttl = r.command("TTL", key)
    except (OSError, RedisError) as e:
        rec.add(model.StateStoreRead(clock(), step, where, key, False, {}, None, str(e) or type(e).__name__))
        return
    fields = {}
    for i in range(0, len(flat) - 1, 2):
        k, val = flat[i], flat[i + 1]
        if isinstance(k, bytes) and isinstance(val, bytes):
            fields[k.decode("utf-8", "replace")] = val.decode("utf-8", "replace")[:300]
    found = bool(fields)
    rec.add(model.StateStoreRead(clock(), step, where, key, found, fields, ttl if found and isinstance(ttl, int) else None))


def _read_keys(rec: Recording, descriptor: dict, ctx, clock) -> None:
    from pathlib import Path

    def read(p) -> str | None:
        try:
            return Path(str(p)).read_text()[:65536] if p else None
        except OSError:
            return None

    jwt = descriptor.get("jwt") or {}
    secret = read((jwt.get("HS256") or {}).get("secret_file"))
    certs, chains = {}, {}
    for alg in ("RS256", "ES256"):
        spec = jwt.get(alg) or {}
        c = read(spec.get("cert"))
        if c:
            certs[alg] = c
            chains[alg] = read(spec.get("chain")) or ""
    root = read(getattr(ctx.sandbox, "cacert", None))
    rec.add(model.StateKeysRead(clock(), secret.strip() if secret else None, certs, chains, root,
                                f"sandbox host {descriptor.get('host')}"))
