"""http-state analysis: Recording -> HttpStateResult.  Pure: no sockets, no clock, no files.

The jar of cookies.py is replayed over the recorded responses, at each exchange's recorded wall
time, so every decision (stored, rejected, sent, withheld) is explained from the evidence; the JWTs
are taken apart and verified by tokens.py with the keys collect read from the sandbox; the captured
frames are searched for the session cookie's value, per port (80: http://, 443: https://).
"""

from __future__ import annotations

import json

from netlab.model import Recording
from netlab.probes.events import take_lookup
from netlab.probes.http_state.cookies import Jar, parse_set_cookie, site_of
from netlab.probes.http_state.findings import RULES
from netlab.probes.http_state.model import (
    CookieView,
    ExchangeView,
    HttpStateResult,
    StateCaptureTaken,
    StateConnectionOpened,
    StateExchanged,
    StateKeysRead,
    StateNameLookedUp,
    StatePaused,
    StateStoreRead,
    TokenView,
)
from netlab.probes.http_state.tokens import parse_jwt, verify
from netlab.units import ms_since

ALGS = ("HS256", "RS256", "ES256")


def _first(rec: Recording, cls: type):
    return next(iter(rec.of_type(cls)), None)


def head_lines(head: bytes) -> tuple[int, str, list[tuple[str, str]]]:
    """(status, status line, [(name, value)]) of a response head."""
    lines = head.decode("latin-1").split("\r\n")
    status_line = lines[0] if lines else ""
    parts = status_line.split(" ", 2)
    try:
        status = int(parts[1]) if len(parts) >= 2 else 0
    except ValueError:
        status = 0
    headers = []
    for line in lines[1:]:
        k, sep, v = line.partition(":")
        if sep:
            headers.append((k.strip(), v.strip()))
    return status, status_line, headers


def request_header(request: bytes, name: str) -> str | None:
    head = request.split(b"\r\n\r\n", 1)[0].decode("latin-1")
    for line in head.split("\r\n")[1:]:
        k, sep, v = line.partition(":")
        if sep and k.strip().lower() == name.lower():
            return v.strip()
    return None


def _json(body: bytes):
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None


def short(value: str, n: int = 8) -> str:
    return value if len(value) <= n + 2 else value[:n] + "…"


def analyze(rec: Recording) -> HttpStateResult:
    params = dict(rec.params)
    res = HttpStateResult(url=str(params.get("url", "")), host=str(params.get("host", "")),
                          scheme=str(params.get("scheme", "")), params=params)
    if take_lookup(res, _first(rec, StateNameLookedUp)):
        res.findings = RULES.run(res, rec)
        return res
    exchanges = sorted(rec.of_type(StateExchanged), key=lambda e: e.t_sent)
    if exchanges and all(e.error and not e.head for e in exchanges[:2]):
        res.unreachable, res.error = True, exchanges[0].error
    by_step = {e.step: e for e in exchanges}
    discover = by_step.get("discover")
    app = _json(discover.body) if discover is not None and discover.head[9:12] == b"200" else None
    if isinstance(app, dict) and app.get("netlab_app") and isinstance(app.get("paths"), dict):
        res.app = True
        res.app_paths = {k: v for k, v in app["paths"].items() if isinstance(v, str)}
    cookie_name = str(app.get("session_cookie") or "sid") if res.app else "sid"
    res.sandbox_store = bool(rec.of_type(StateStoreRead))
    _exchanges_and_jar(res, rec, exchanges, cookie_name)
    _connections(res, rec, exchanges)
    _session(res, rec, by_step, cookie_name)
    _tokens(res, rec, by_step)
    _wire(res, rec, by_step, cookie_name)
    res.paused_s = round(sum(p.seconds for p in rec.of_type(StatePaused)), 3)
    res.findings = RULES.run(res, rec)
    return res


# ------------------------------------------------------------------------------------ the visit


def _answer(status: int, body: bytes) -> str:
    data = _json(body)
    if isinstance(data, dict):
        for k in ("reason", "error", "user", "logged_out"):
            if k in data:
                v = data[k]
                return f"{k}: {v}" if k in ("user", "logged_out") else str(v)
    return ""


def _exchanges_and_jar(res: HttpStateResult, rec: Recording, exchanges: list, cookie_name: str) -> None:
    t0 = 0.0
    jar = Jar()
    for ex in exchanges:
        now = ex.wall
        held = {c.name for c in jar.cookies}
        jar.expire(now)
        dropped = held - {c.name for c in jar.cookies}
        status, _, headers = head_lines(ex.head) if ex.head else (0, "", [])
        cookie = request_header(ex.request, "Cookie")
        auth = request_header(ex.request, "Authorization")
        names = [p.split("=", 1)[0].strip() for p in cookie.split(";")] if cookie else []
        set_names = []
        for k, v in headers:
            if k.lower() != "set-cookie":
                continue
            sc = parse_set_cookie(v, now)
            d = jar.receive(sc, ex.scheme, ex.host, ex.target, now, ex.step)
            set_names.append(sc.name or "(empty)")
            res.cookies.append(CookieView(ex.step, sc.name, sc.value, sc.raw, [[a, b] for a, b in sc.attrs],
                                          list(sc.problems), d.verdict, d.reason, ex.scheme))
        note = ex.note
        if note in ("replayed",) and cookie_name in dropped:
            note = "replayed+dropped"
        head_len = len(ex.head)
        res.exchanges.append(ExchangeView(
            step=ex.step, t_ms=ms_since(ex.t_sent, t0), ms=ms_since(ex.t, ex.t_sent), conn=ex.conn,
            reused=ex.reused, scheme=ex.scheme, method=ex.method, target=ex.target, status=status,
            cookie_sent=cookie, cookie_names=names, set_cookies=set_names,
            authorization=(auth[:7] + short(auth[7:], 12)) if auth else None,
            answer="" if ex.step == "discover" else _answer(status, ex.body), error=ex.error, note=note,
            request_bytes=len(ex.request), response_bytes=head_len + ex.body_total))
        if ex.step == ("account" if res.app else "visit-2"):
            _matrix(res, jar, ex, now)


def _matrix(res: HttpStateResult, jar: Jar, ex, now: float) -> None:
    host, scheme, path = ex.host, ex.scheme, ex.target.split("?", 1)[0]
    site = site_of(host)
    sibling = f"www.{site}" if host != f"www.{site}" else f"api.{site}"
    login_path = res.app_paths.get("login", "/login")
    other_path = login_path if path != login_path else "/"
    targets = [
        ("target.this", {"url": f"{scheme}://{host}{path}"}, dict(scheme=scheme, host=host, path=path)),
        ("target.http", {}, dict(scheme="http", host=host, path=path)),
        ("target.path", {"url": f"{scheme}://{host}{other_path}"}, dict(scheme=scheme, host=host, path=other_path)),
        ("target.sibling", {"url": f"https://{sibling}/"}, dict(scheme="https", host=sibling, path="/")),
        ("target.cross-sub", {}, dict(scheme="https", host=host, path=path, cross_site=True, top_level=False)),
        ("target.cross-nav", {}, dict(scheme="https", host=host, path=path, cross_site=True, top_level=True)),
        ("target.other", {"url": "https://example.com/"}, dict(scheme="https", host="example.com", path="/")),
    ]
    res.jar_targets = [f"{k}|{json.dumps(p)}" for k, p, _ in targets]
    rows: dict[str, dict] = {}
    for _key, _p, kw in targets:
        for c, d in jar.decide(now=now, **kw):
            row = rows.setdefault(f"{c.name}|{c.domain}|{c.path}", {
                "cookie": c.name, "domain": c.domain, "host_only": c.host_only, "path": c.path, "secure": c.secure,
                "httponly": c.httponly, "samesite": c.samesite, "cells": []})
            row["cells"].append([d.verdict, d.reason, d.detail])
    res.jar_matrix = list(rows.values())


def _connections(res: HttpStateResult, rec: Recording, exchanges: list) -> None:
    counts: dict[int, int] = {}
    for ex in exchanges:
        counts[ex.conn] = counts.get(ex.conn, 0) + 1
    for c in rec.of_type(StateConnectionOpened):
        res.connections.append({"conn": c.conn, "scheme": c.scheme, "address": c.address, "port": c.port,
                                "local_port": c.local_port, "tls": c.tls_version, "alpn": c.alpn,
                                "handshake_ms": ms_since(c.t, c.t_start), "requests": counts.get(c.conn, 0)})


# ------------------------------------------------------------------------------------ the session


def _session(res: HttpStateResult, rec: Recording, by_step: dict, cookie_name: str) -> None:
    if not res.app:
        return
    s = res.session
    s["cookie"] = cookie_name
    login = next((c for c in res.cookies if c.step == "login" and c.name == cookie_name), None)
    if login is not None:
        s["value_short"], s["value_len"] = short(login.value), len(login.value)
        s["attrs"] = login.attrs
    for r in rec.of_type(StateStoreRead):
        res.store_reads.append({"step": r.step, "store": r.store, "key": r.key.split(":", 1)[0] + ":" +
                                short(r.key.split(":", 1)[-1]), "found": r.found, "fields": dict(r.fields),
                                "ttl": r.ttl, "error": r.error})
    logout = next((c for c in res.cookies if c.step == "logout" and c.name == cookie_name), None)
    s["logout_cookie"] = None if logout is None else {"verdict": logout.verdict, "attrs": logout.attrs}
    short_c = next((c for c in res.cookies if c.step == "login-short" and c.name == cookie_name), None)
    if short_c is not None:
        ma = next((v for k, v in short_c.attrs if k.lower() == "max-age"), None)
        s["short_max_age"] = int(ma) if ma and ma.lstrip("-").isdigit() else None
    for step in ("account", "account-tampered", "account-replay", "account-expired", "plain-account"):
        ex = next((e for e in res.exchanges if e.step == step), None)
        if ex is not None:
            s[step] = {"status": ex.status, "answer": ex.answer, "note": ex.note}
    expired = next((e for e in res.exchanges if e.step == "account-expired"), None)
    s["jar_dropped_short"] = bool(expired and expired.note == "replayed+dropped")
    for step, what in (("account-tampered", "session-tampered"), ("account-replay", "session-replay"),
                       ("account-expired", "session-expired")):
        ex = next((e for e in res.exchanges if e.step == step), None)
        if ex is not None:
            res.attacks.append({"what": what, "step": step, "status": ex.status, "reason": ex.answer,
                                "ours": "not-in-store" if _not_in_store(res, step) else "no-check"})


def _not_in_store(res: HttpStateResult, step: str) -> bool:
    want = {"account-replay": "store-after-logout", "account-expired": "store-expired"}.get(step)
    if want is None:
        return step == "account-tampered" and res.sandbox_store
    r = next((x for x in res.store_reads if x["step"] == want), None)
    return r is not None and not r["found"] and not r["error"]


# ------------------------------------------------------------------------------------ tokens


def _keys(rec: Recording) -> tuple[dict, dict, str | None]:
    k = _first(rec, StateKeysRead)
    if k is None:
        return {}, {}, None
    keys: dict = {}
    if k.hs256_secret:
        keys["HS256"] = k.hs256_secret.strip().encode()
    for alg, pem in k.certs.items():
        keys[alg] = pem.encode()
    return keys, dict(k.chains), k.root


def _tokens(res: HttpStateResult, rec: Recording, by_step: dict) -> None:
    if not res.app:
        return
    from netlab.probes.http_state.tokens import chain_ok

    keys, chains, root = _keys(rec)
    for alg in (*ALGS, "short"):
        ex = by_step.get(f"token-{alg}")
        if ex is None:
            continue
        data = _json(ex.body)
        tok = data.get("token") if isinstance(data, dict) else None
        if not isinstance(tok, str):
            continue
        j = parse_jwt(tok)
        v = verify(j, keys)
        tv = TokenView(alg=j.alg or alg, step=ex.step, token=tok, header=j.header, payload=j.payload,
                       signature_len=len(j.signature or b""), problems=[list(p) for p in j.problems],
                       verified=v.ok, verify_reason=v.reason, computed=v.computed)
        if tv.alg in ("RS256", "ES256") and tv.alg in keys and root:
            tv.chain_ok = chain_ok(keys[tv.alg], (chains.get(tv.alg) or "").encode(), root.encode())
        me = by_step.get(f"me-{alg}")
        if me is not None:
            status, _, _ = head_lines(me.head) if me.head else (0, "", [])
            tv.server_status, tv.server_reason = status, _answer(status, me.body)
        res.tokens.append(tv)
    for step, what in (("me-tampered", "tampered"), ("me-none", "alg-none"), ("me-garbage", "not-base64"),
                       ("me-expired", "expired")):
        ex = by_step.get(step)
        if ex is None:
            continue
        status, _, _ = head_lines(ex.head) if ex.head else (0, "", [])
        auth = request_header(ex.request, "Authorization") or ""
        j = parse_jwt(auth[7:] if auth.lower().startswith("bearer ") else auth)
        v = verify(j, keys)
        if not j.ok:
            ours, detail = "malformed", j.problems[0][2] if j.problems else ""
        elif v.reason == "ok":
            exp = (j.payload or {}).get("exp")
            ours = "expired" if isinstance(exp, int | float) and exp <= ex.wall else "ok"
            detail = ""
        else:
            ours, detail = v.reason, ""
        res.attacks.append({"what": what, "step": step, "status": status, "reason": _answer(status, ex.body),
                            "ours": ours, "detail": detail})


# ------------------------------------------------------------------------------------ the wire


def _wire(res: HttpStateResult, rec: Recording, by_step: dict, cookie_name: str) -> None:
    cap = _first(rec, StateCaptureTaken)
    if cap is None:
        return
    if cap.error:
        res.wire = {"error": cap.error}
        return
    from netlab.capture.decode import decode_frame

    secrets = {"http": [c.value for c in res.cookies if c.name == cookie_name and c.scheme == "http" and c.value],
               "https": [c.value for c in res.cookies if c.name == cookie_name and c.scheme == "https" and c.value]}
    every = [v for vs in secrets.values() for v in vs]
    out: dict = {"pcap": cap.pcap, "frames_total": cap.frames_total}
    for scheme in ("http", "https"):
        out[scheme] = {"frames": 0, "payload": 0, "found": None, "snippet": ""}
    for i, frame in enumerate(cap.frames, start=1):
        d = decode_frame(frame, cap.linktype or 1)
        if d is None or d.tcp is None:
            continue
        port = d.tcp.dport if d.tcp.dport in (80, 443) else d.tcp.sport
        scheme = "http" if port == 80 else "https" if port == 443 else None
        if scheme is None:
            continue
        w = out[scheme]
        w["frames"] += 1
        w["payload"] += len(d.tcp.payload)
        if w["found"] is None and d.tcp.payload:
            for value in every:
                at = d.tcp.payload.find(value.encode("latin-1", "replace"))
                if at >= 0:
                    start = d.tcp.payload.rfind(b"\r\n", 0, at) + 2
                    end = d.tcp.payload.find(b"\r\n", at)
                    line = d.tcp.payload[start:end if end > 0 else at + len(value)]
                    w["found"] = i
                    w["snippet"] = line[:120].decode("latin-1")
                    break
    res.wire = out
