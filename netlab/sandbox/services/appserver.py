"""The sandbox's web application: sessions, cookies, JWTs and WebSockets, small enough to read.

Run by uvicorn (an ASGI server) behind Caddy (a reverse proxy) on the app host of the sandbox
(service type ``app``, netlab/sandbox/services/app.py).  `netlab http-state` and `netlab
websocket` are its clients; students read this file to see what the server side does.

Why Starlette: it is the small ASGI toolkit that uvicorn is usually paired with (FastAPI is built
on it); a route is a plain ``async def`` that takes a request and returns a response, and a
WebSocket endpoint is an ``async def`` that calls ``accept``, ``send_text``, ``receive_text`` and
``close``.  No decorators that hide what happens, no ORM, no template engine: every header the
probes explain is set in this file, in one line each.

What it offers (every path answers on https:// and on plain http:// through Caddy):

  GET  /                          a page; sets two cookies that hold state themselves (theme, promo)
  GET  /login, POST /login        a login form; POST sets the session cookie ``sid`` and stores the
                                  session in Redis (key session:<sid>, a hash, with an expiry)
  GET  /account                   needs the session cookie (401 without a live session)
  POST /logout                    deletes the session from Redis and tells the browser to drop the cookie
  POST /token                     a JWT signed with HS256 (a shared secret), RS256 or ES256 (keys
                                  from the sandbox PKI); form fields user, password, alg, ttl
  GET  /api/me                    needs a session cookie or ``Authorization: Bearer <JWT>``
  GET  /.well-known/jwks.json     the public keys of RS256 and ES256 (as an identity provider publishes them)
  GET  /.well-known/netlab-app.json  what the probes need to know (paths, the demo user)
  GET  /poll?after=N              the update feed, by HTTP polling
  WS   /ws/echo                   echoes every message (text or binary)
  WS   /ws/push                   the same update feed, pushed by the server with no request
  WS   /ws/heartbeat              served by a second uvicorn that pings every second (Caddy routes it)
  WS   /ws/close?code=N&reason=R  sends one message, then closes with that code and reason

The demo user is ``student`` with password ``netlab``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import secrets
import time
from pathlib import Path

from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse
from starlette.websockets import WebSocketDisconnect

SESSION_COOKIE = "sid"
SESSION_PREFIX = "session:"
DEFAULT_SESSION_TTL = 600  # seconds: the session row's expiry in Redis and the cookie's Max-Age (app.json's store.ttl_s)
DEFAULT_TOKEN_TTL = 300
USERS = {"student": "netlab"}  # a teaching app: one user, a password everyone knows
FEED_INTERVAL = 0.5  # seconds between two updates of the feed (/poll and /ws/push)
ECHO_SUBPROTOCOLS = ("netlab.echo.v1", "chat")
MAX_TTL = 3600


class App:
    """The configuration (from app.json, written by the service factory) and the Redis connection."""

    def __init__(self, config: dict):
        self.config = config
        self.redis = None
        self.hs256_secret = Path(config["jwt"]["HS256"]["secret_file"]).read_bytes().strip()
        self.keys = {}  # alg -> (kid, private key PEM, public key)
        for alg in ("RS256", "ES256"):
            spec = config["jwt"][alg]
            self.keys[alg] = (spec["kid"], Path(spec["key"]).read_bytes(), Path(spec["cert"]).read_bytes())
        self.feed_start = time.time()
        self.session_ttl = int(config.get("store", {}).get("ttl_s", DEFAULT_SESSION_TTL))

    async def startup(self) -> None:
        from netlab.sandbox.services.resp import AsyncRedis

        # Redis is started by the same service; wait for its socket (uvicorn binds its port only
        # after this returns, so "the port answers" means "the store answers" too).
        deadline = time.monotonic() + 15
        while True:
            try:
                self.redis = await AsyncRedis(self.config["store"]["socket"]).connect()
                if await self.redis.command("PING") == "PONG":
                    return
            except OSError:
                if time.monotonic() > deadline:
                    raise
            await asyncio.sleep(0.1)

    # ------------------------------------------------------------------ the update feed

    def feed_now(self) -> int:
        """The number of the latest update: one every FEED_INTERVAL seconds since the app started."""
        return int((time.time() - self.feed_start) / FEED_INTERVAL)

    def update(self, seq: int) -> dict:
        return {"seq": seq, "produced": round(self.feed_start + seq * FEED_INTERVAL, 6),
                "text": f"update {seq}"}


def _https(request) -> bool:
    """Did the browser use https://?  Caddy terminates TLS and says so in X-Forwarded-Proto
    (uvicorn's proxy_headers turns it into the request's scheme)."""
    return request.url.scheme in ("https", "wss")


async def _form(request) -> dict[str, str]:
    """The fields of an HTML form post (application/x-www-form-urlencoded: user=student&password=...)."""
    from urllib.parse import parse_qsl

    body = await request.body()
    return dict(parse_qsl(body[:65536].decode("utf-8", "replace"), keep_blank_values=True))


def _form_ttl(value, default: int) -> int:
    try:
        ttl = int(value)
    except (TypeError, ValueError):
        return default
    return max(1, min(MAX_TTL, ttl))


class Handlers(App):
    """The routes (each a short ``async def`` taking the request or the WebSocket)."""

    # ------------------------------------------------------------------ pages and cookies

    async def index(self, request):
        resp = HTMLResponse(
            "<!doctype html><meta charset=utf-8><title>netlab app</title>"
            "<h1>netlab app</h1><p>A small web application of the netlab sandbox.</p>"
            "<p><a href=/login>Log in</a> (student / netlab) · <a href=/account>Your account</a></p>\n")
        # Two cookies that carry the state themselves (nothing on the server remembers them):
        # a preference for this host, and one for the whole lab.test domain.
        if "theme" not in request.cookies:
            resp.set_cookie("theme", "light", max_age=365 * 24 * 3600, path="/", samesite="lax")
        if "promo" not in request.cookies:
            resp.set_cookie("promo", "spring", max_age=3600, path="/", domain="lab.test", samesite="lax")
        return resp

    async def login_form(self, request):
        return HTMLResponse(
            "<!doctype html><meta charset=utf-8><title>log in</title>"
            "<form method=post action=/login><input name=user value=student>"
            "<input name=password type=password><button>Log in</button></form>\n")

    async def login(self, request):
        form = await _form(request)
        user, password = form.get("user", ""), form.get("password", "")
        if USERS.get(user) != password:
            return JSONResponse({"error": "wrong user or password"}, status_code=401)
        ttl = _form_ttl(form.get("ttl"), self.session_ttl)
        sid = secrets.token_urlsafe(24)  # 192 random bits: unguessable, and meaningless by itself
        key = SESSION_PREFIX + sid
        r = self.redis
        await r.command("HSET", key, "user", user, "created", str(int(time.time())),
                        "client", request.headers.get("x-forwarded-for", request.client.host if request.client else ""),
                        "user_agent", request.headers.get("user-agent", "")[:200], "scheme", request.url.scheme)
        await r.command("EXPIRE", key, ttl)  # the server forgets the session after ttl seconds
        resp = RedirectResponse("/account", status_code=303)
        # HttpOnly: page scripts cannot read it.  Secure: sent over https:// only (set only when the
        # login came over https:// — over http:// it would not be stored at all).  SameSite=Lax: not
        # sent with cross-site subrequests or POSTs.  Max-Age: the browser drops it after ttl seconds.
        resp.set_cookie(SESSION_COOKIE, sid, max_age=ttl, path="/", httponly=True, secure=_https(request),
                        samesite="lax")
        # A convenience cookie for the login form alone (Path=/login): the name to fill in next time.
        resp.set_cookie("login_hint", user, max_age=30 * 24 * 3600, path="/login", samesite="lax")
        return resp

    async def _session(self, request) -> tuple[str | None, dict | None]:
        sid = request.cookies.get(SESSION_COOKIE)
        if not sid:
            return None, None
        flat = await self.redis.command("HGETALL", SESSION_PREFIX + sid)
        if not flat:
            return sid, None
        row = {flat[i].decode(): flat[i + 1].decode("utf-8", "replace") for i in range(0, len(flat) - 1, 2)}
        return sid, row

    async def account(self, request):
        sid, row = await self._session(request)
        if sid is None:
            return JSONResponse({"error": "no session cookie"}, status_code=401)
        if row is None:
            return JSONResponse({"error": "unknown or expired session"}, status_code=401)
        return JSONResponse({"user": row["user"], "session_created": int(row.get("created", 0)),
                             "via": "session cookie"})

    async def logout(self, request):
        sid = request.cookies.get(SESSION_COOKIE)
        deleted = 0
        if sid:
            deleted = await self.redis.command("DEL", SESSION_PREFIX + sid)
        resp = JSONResponse({"logged_out": bool(deleted)})
        # Max-Age=0 tells the browser to delete the cookie now (the same name, path and domain).
        resp.delete_cookie(SESSION_COOKIE, path="/", httponly=True, secure=_https(request), samesite="lax")
        return resp

    # ------------------------------------------------------------------ tokens

    async def token(self, request):
        import jwt

        form = await _form(request)
        user, password = form.get("user", ""), form.get("password", "")
        if USERS.get(user) != password:
            return JSONResponse({"error": "wrong user or password"}, status_code=401)
        alg = form.get("alg", "HS256")
        ttl = _form_ttl(form.get("ttl"), DEFAULT_TOKEN_TTL)
        now = int(time.time())
        claims = {"sub": user, "role": "student", "iat": now, "exp": now + ttl, "iss": self.config["sites"][0]}
        if alg == "HS256":
            tok, kid = jwt.encode(claims, self.hs256_secret, algorithm="HS256"), None
        elif alg in self.keys:
            kid, key_pem, _ = self.keys[alg]
            tok = jwt.encode(claims, key_pem, algorithm=alg, headers={"kid": kid})
        else:
            return JSONResponse({"error": f"unknown alg {alg!r} (HS256, RS256 or ES256)"}, status_code=400)
        return JSONResponse({"token": tok, "alg": alg, "kid": kid, "expires_in": ttl})

    def _verify(self, tok: str) -> tuple[dict | None, str | None]:
        """(claims, None) for a good token, (None, why) for a refused one (PyJWT decides)."""
        import jwt
        from cryptography import x509

        try:
            header = jwt.get_unverified_header(tok)
        except jwt.DecodeError as e:
            return None, f"malformed token: {e}"
        alg = header.get("alg")
        # The server chooses the algorithms it accepts; it never takes the token's word for it.
        if alg == "HS256":
            key = self.hs256_secret
        elif alg in self.keys and header.get("kid") == self.keys[alg][0]:
            key = x509.load_pem_x509_certificate(self.keys[alg][2]).public_key()
        else:
            return None, f"algorithm {alg!r} is not accepted"
        try:
            return jwt.decode(tok, key, algorithms=[alg], issuer=self.config["sites"][0]), None
        except jwt.ExpiredSignatureError:
            return None, "token expired"
        except jwt.InvalidSignatureError:
            return None, "signature verification failed"
        except jwt.PyJWTError as e:
            return None, str(e)

    async def me(self, request):
        auth = request.headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            claims, why = self._verify(auth[7:].strip())
            if claims is None:
                return JSONResponse({"error": "invalid_token", "reason": why}, status_code=401,
                                    headers={"WWW-Authenticate": "Bearer error=\"invalid_token\", error_description=\"" + why.replace("\"", "'")[:200] + "\""})
            return JSONResponse({"user": claims["sub"], "role": claims.get("role"), "via": "bearer token",
                                 "exp": claims["exp"]})
        sid, row = await self._session(request)
        if row is not None:
            return JSONResponse({"user": row["user"], "via": "session cookie"})
        return JSONResponse({"error": "log in first (a session cookie or a bearer token)"}, status_code=401,
                            headers={"WWW-Authenticate": 'Bearer realm="netlab app"'})

    async def jwks(self, request):
        import base64

        from cryptography import x509
        from cryptography.hazmat.primitives.asymmetric import ec, rsa

        def b64(n: int, size: int | None = None) -> str:
            raw = n.to_bytes(size or (n.bit_length() + 7) // 8, "big")
            return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

        keys = []
        for alg, (kid, _, cert_pem) in self.keys.items():
            pub = x509.load_pem_x509_certificate(cert_pem).public_key()
            if isinstance(pub, rsa.RSAPublicKey):
                nums = pub.public_numbers()
                keys.append({"kty": "RSA", "kid": kid, "alg": alg, "use": "sig", "n": b64(nums.n), "e": b64(nums.e)})
            elif isinstance(pub, ec.EllipticCurvePublicKey):
                nums = pub.public_numbers()
                keys.append({"kty": "EC", "kid": kid, "alg": alg, "use": "sig", "crv": "P-256",
                             "x": b64(nums.x, 32), "y": b64(nums.y, 32)})
        return JSONResponse({"keys": keys})

    async def descriptor(self, request):
        return JSONResponse({
            "netlab_app": 1, "user": "student", "password": "netlab", "session_cookie": SESSION_COOKIE,
            "paths": {"login": "/login", "account": "/account", "logout": "/logout", "token": "/token",
                      "me": "/api/me", "jwks": "/.well-known/jwks.json", "poll": "/poll",
                      "echo": "/ws/echo", "push": "/ws/push", "heartbeat": "/ws/heartbeat", "close": "/ws/close"},
            "feed_interval_s": FEED_INTERVAL, "algs": ["HS256", "RS256", "ES256"],
        })

    # ------------------------------------------------------------------ the update feed

    async def poll(self, request):
        try:
            after = int(request.query_params.get("after", "-1"))
        except ValueError:
            after = -1
        latest = self.feed_now()
        first = max(after + 1, latest - 19)  # at most the 20 latest
        return JSONResponse({"latest": latest, "updates": [self.update(k) for k in range(first, latest + 1)]})

    # ------------------------------------------------------------------ WebSockets

    async def ws_echo(self, ws):
        offered = ws.scope.get("subprotocols") or []
        chosen = next((p for p in offered if p in ECHO_SUBPROTOCOLS), None)
        await ws.accept(subprotocol=chosen)
        try:
            while True:
                msg = await ws.receive()
                if msg["type"] == "websocket.disconnect":
                    return
                if msg.get("text") is not None:
                    await ws.send_text(msg["text"])
                elif msg.get("bytes") is not None:
                    await ws.send_bytes(msg["bytes"])
        except WebSocketDisconnect:
            return

    async def ws_push(self, ws):
        """Sends every update of the feed as it is produced: no request from the client."""
        await ws.accept()
        try:
            count = max(1, min(200, int(ws.query_params.get("count", "10"))))
        except ValueError:
            count = 10
        seq = self.feed_now()

        async def sender():
            nonlocal seq
            for _ in range(count):
                seq += 1
                due = self.feed_start + seq * FEED_INTERVAL
                await asyncio.sleep(max(0.0, due - time.time()))
                await ws.send_text(json.dumps(self.update(seq)))
            await ws.close(code=1000, reason="feed done")

        task = asyncio.create_task(sender())
        try:
            while True:  # read (and drop) what the client sends, so its close frame is seen
                msg = await ws.receive()
                if msg["type"] == "websocket.disconnect":
                    break
        except (WebSocketDisconnect, RuntimeError):
            pass
        task.cancel()

    async def ws_close(self, ws):
        try:
            code = int(ws.query_params.get("code", "4000"))
        except ValueError:
            code = 4000
        if not (code in (1000, 1001, 1003, 1007, 1008, 1009, 1011) or 3000 <= code <= 4999):
            code = 4000
        reason = ws.query_params.get("reason", "bye from the server")[:100]
        await ws.accept()
        await ws.send_text(f"this server closes the connection with code {code}")
        await asyncio.sleep(0.05)
        await ws.close(code=code, reason=reason)


def build_app(config: dict):
    """The Starlette application: one route per line, each handled by a method of :class:`Handlers`."""
    from starlette.applications import Starlette
    from starlette.routing import Route, WebSocketRoute

    app = Handlers(config)
    routes = [
        Route("/", app.index),
        Route("/login", app.login_form, methods=["GET"]),
        Route("/login", app.login, methods=["POST"]),
        Route("/account", app.account),
        Route("/logout", app.logout, methods=["POST"]),
        Route("/token", app.token, methods=["POST"]),
        Route("/api/me", app.me),
        Route("/.well-known/jwks.json", app.jwks),
        Route("/.well-known/netlab-app.json", app.descriptor),
        Route("/poll", app.poll),
        WebSocketRoute("/ws/echo", app.ws_echo),
        WebSocketRoute("/ws/heartbeat", app.ws_echo),  # the second uvicorn (pings every second) serves it
        WebSocketRoute("/ws/push", app.ws_push),
        WebSocketRoute("/ws/close", app.ws_close),
    ]

    @contextlib.asynccontextmanager
    async def lifespan(_app):
        await app.startup()
        yield
        await app.redis.close()

    return Starlette(routes=routes, lifespan=lifespan)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m netlab.sandbox.services.appserver")
    ap.add_argument("--config", required=True, help="app.json, written by the service factory")
    ap.add_argument("--port", type=int, default=8000)
    ap.add_argument("--ping-interval", type=float, default=20.0,
                    help="seconds between the server's WebSocket pings (uvicorn sends them)")
    a = ap.parse_args(argv)
    import uvicorn

    config = json.loads(Path(a.config).read_text())
    uvicorn.run(build_app(config), host="127.0.0.1", port=a.port, proxy_headers=True, forwarded_allow_ips="127.0.0.1",
                ws_ping_interval=a.ping_interval, ws_ping_timeout=max(5.0, a.ping_interval * 3),
                ws_max_size=1 << 20, log_level="info", access_log=True)


if __name__ == "__main__":
    main()
