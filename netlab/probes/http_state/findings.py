"""The http-state findings: one small rule each, in the order the report shows them (pure)."""

from __future__ import annotations

from netlab.i18n import join
from netlab.model import DeadlineReached, Recording
from netlab.probes.http_state.messages import M
from netlab.probes.http_state.model import HttpStateResult
from netlab.probes.rules import Rules, finding

RULES = Rules()

C_STATELESS = ("state.stateless",)
C_ATTRS = ("state.cookie-attributes",)
C_JAR = ("state.cookie-jar",)
C_SESSION = ("state.server-session",)
C_LIFE = ("state.session-lifecycle",)
C_JWT = ("state.jwt",)
C_JWT_ATTACKS = ("state.jwt-attacks",)
C_WIRE = ("state.cleartext-cookie",)


def attrs_text(attrs: list) -> str:
    """'HttpOnly, Secure, SameSite=Lax, Path=/, Max-Age=600' from [[name, value], ...]."""
    return ", ".join(f"{k}={v}" if v is not None else k for k, v in attrs) or "-"


def _ex(res: HttpStateResult, step: str):
    return next((e for e in res.exchanges if e.step == step), None)


@RULES.rule
def unreachable(res: HttpStateResult, rec: Recording):
    if res.unreachable:
        return finding("state.unreachable", "error", M.t("f.unreachable", host=res.host, error=res.error or ""))


@RULES.rule
def not_app(res: HttpStateResult, rec: Recording):
    if not res.unreachable and not res.app and res.exchanges:
        return finding("state.not-app", "info", M.t("f.not-app", host=res.host))


@RULES.rule
def stateless(res: HttpStateResult, rec: Recording):
    first, second = _ex(res, "visit-1"), _ex(res, "visit-2")
    if first is None or first.error or first.cookie_sent:
        return None
    if first.set_cookies and second is not None and second.cookie_sent:
        return finding("state.stateless", "info", M.t("f.stateless", k=len(first.set_cookies)), C_STATELESS)


@RULES.rule
def keep_alive(res: HttpStateResult, rec: Recording):
    done = [e for e in res.exchanges if not e.error]
    conns = {e.conn for e in done}
    if len(done) >= 3 and len(conns) < len(done):
        return finding("state.keep-alive", "info", M.t("f.keep-alive", n=len(done), c=len(conns)), ("http.keep-alive",))


@RULES.rule
def malformed_cookies(res: HttpStateResult, rec: Recording):
    out = []
    serious = {"control-char", "no-equals", "empty", "empty-name", "too-long", "bad-expires", "bad-max-age",
               "empty-domain", "bad-path", "bad-samesite"}
    for c in res.cookies:
        probs = [p for p in c.problems if p in serious]
        if probs:
            out.append(finding("state.cookie-malformed", "warning",
                               M.t("f.cookie-malformed", step=c.step, raw=c.raw[:100],
                                   problems=join([M.t(f"problem.{p}") for p in probs], "; ")), C_ATTRS))
        if c.verdict == "rejected":
            reason = M.t(f"jar.{c.reason}", detail="") if f"jar.{c.reason}" in M.messages else c.reason
            out.append(finding("state.cookie-rejected", "warning",
                               M.t("f.cookie-rejected", name=c.name or "(empty)", step=c.step, reason=reason), C_JAR))
    return out


def _login_cookie(res: HttpStateResult):
    name = res.session.get("cookie")
    return next((c for c in res.cookies if c.step == "login" and c.name == name), None)


@RULES.rule
def session_cookie(res: HttpStateResult, rec: Recording):
    c = _login_cookie(res)
    if c is None:
        return None
    out = [finding("state.session-cookie", "info", M.t("f.session-cookie", name=c.name, attrs=attrs_text(c.attrs)),
                   C_ATTRS)]
    names = {k.lower() for k, _ in c.attrs}
    samesite = next((v for k, v in c.attrs if k.lower() == "samesite"), None)
    missing = [a for a, ok in (("HttpOnly", "httponly" in names), ("Secure", "secure" in names or c.scheme != "https"),
                               ("SameSite", samesite is not None and samesite.lower() != "none")) if not ok]
    if missing:
        out.append(finding("state.session-weak", "warning",
                           M.t("f.session-weak", name=c.name, missing=", ".join(missing), why=M.t("f.session-weak.why")),
                           C_ATTRS))
    return out


@RULES.rule
def session_row(res: HttpStateResult, rec: Recording):
    r = next((x for x in res.store_reads if x["step"] == "store-after-login"), None)
    if r and r["found"]:
        return finding("state.session-row", "info",
                       M.t("f.session-row", key=r["key"], user=r["fields"].get("user", "?"), ttl=r["ttl"]), C_SESSION)


def _refusal(res: HttpStateResult, step: str, what_key: str, concepts):
    ex = _ex(res, step)
    if ex is None or ex.error:
        return None
    what = M.t(f"attack.{what_key}")
    if ex.status in (401, 403):
        return finding("state.refused", "info", M.t("f.refused", what=what, status=ex.status), concepts)
    return finding("state.accepted", "error", M.t("f.accepted", what=what, status=ex.status), concepts)


@RULES.rule
def session_attacks(res: HttpStateResult, rec: Recording):
    return [_refusal(res, "account-tampered", "session-tampered", C_SESSION)]


@RULES.rule
def logout(res: HttpStateResult, rec: Recording):
    r = next((x for x in res.store_reads if x["step"] == "store-after-logout"), None)
    out = []
    if r is not None and not r["error"]:
        if r["found"]:
            out.append(finding("state.logout-kept", "error", M.t("f.logout-kept"), C_LIFE))
        else:
            out.append(finding("state.logout-cleared", "info", M.t("f.logout-cleared", name=res.session.get("cookie")),
                               C_LIFE))
    out.append(_refusal(res, "account-replay", "session-replay", C_LIFE))
    return out


@RULES.rule
def expiry(res: HttpStateResult, rec: Recording):
    ex = _ex(res, "account-expired")
    if ex is None or ex.error:
        return None
    if ex.status in (401, 403) and res.session.get("jar_dropped_short"):
        return finding("state.session-expired", "info",
                       M.t("f.expiry", ttl=res.session.get("short_max_age"), status=ex.status), C_LIFE)
    return _refusal(res, "account-expired", "session-expired", C_LIFE)


@RULES.rule
def jwt_readable(res: HttpStateResult, rec: Recording):
    t = next((t for t in res.tokens if t.payload), None)
    if t is None:
        return None
    claims = ", ".join(f"{k}={v}" for k, v in list(t.payload.items())[:5])
    return finding("state.jwt-readable", "info", M.t("f.jwt-readable", claims="{" + claims + "}"), C_JWT)


@RULES.rule
def jwt_signatures(res: HttpStateResult, rec: Recording):
    out = []
    jwks = res.app_paths.get("jwks", "/.well-known/jwks.json")
    for t in res.tokens:
        if t.step == "token-short":
            continue
        if t.problems:
            p = t.problems[0]
            detail = f"{p[1]}: {p[2]}" if p[1] else f"{p[0]} {p[2]}"
            out.append(finding("state.jwt-not-base64", "error", M.t("f.jwt-not-base64", step=t.step, detail=detail),
                               C_JWT))
            continue
        key = M.t(f"tok.key.{t.alg}") if f"tok.key.{t.alg}" in M.messages else t.alg
        if t.verified is True:
            out.append(finding("state.jwt-verified", "info", M.t("f.jwt-verified", alg=t.alg, key=key), C_JWT))
        elif t.verified is False:
            out.append(finding("state.jwt-bad-signature", "error", M.t("f.jwt-bad-signature", alg=t.alg, key=key),
                               C_JWT))
        else:
            out.append(finding("state.jwt-unverifiable", "info", M.t("f.jwt-unverifiable", alg=t.alg, jwks=jwks), C_JWT))
    return out


@RULES.rule
def jwt_attacks(res: HttpStateResult, rec: Recording):
    return [_refusal(res, step, what, C_JWT_ATTACKS)
            for step, what in (("me-tampered", "tampered"), ("me-none", "alg-none"), ("me-garbage", "not-base64"),
                               ("me-expired", "expired"))]


@RULES.rule
def wire(res: HttpStateResult, rec: Recording):
    w = res.wire
    if not w:
        return None
    if w.get("error"):
        return finding("state.no-capture", "warning", M.t("f.no-capture", reason=w["error"]), C_WIRE)
    out = []
    if (w.get("http") or {}).get("found"):
        out.append(finding("state.cleartext-cookie", "warning", M.t("f.cleartext", packet=w["http"]["found"]), C_WIRE))
    if (w.get("https") or {}).get("frames") and not w["https"].get("found") and res.session.get("value_short"):
        out.append(finding("state.https-hidden", "info", M.t("f.https-hidden"), C_WIRE))
    return out


@RULES.rule
def failures(res: HttpStateResult, rec: Recording):
    if res.unreachable:
        return None
    return [finding("state.request-failed", "warning", M.t("f.request-failed", step=e.step, error=e.error))
            for e in res.exchanges if e.error][:5]


@RULES.rule
def deadline(res: HttpStateResult, rec: Recording):
    d = next(iter(rec.of_type(DeadlineReached)), None)
    if d is not None:
        return finding("state.deadline", "warning", M.t("f.deadline", s=f"{d.deadline_s:g}", what=d.skipped))

