"""Lab 09, HTTP state: the variant, the evidence, the checks (pure).

What differs between two students: the one-way delay of app.lab.test (RTT 4-16 ms), so every
exchange's time differs; a login's lifetime (300-1800 s: the session row's TTL in Redis and sid's
Max-Age), so the attributes and the store's TTL the student reads differ; and, in every run, the session id, the tokens' values and the TCP ports
are the server's own random draws, so a neighbour's evidence is not the student's.  The lesson
itself (which cookies the server sets, what the jar withholds and why, what the server refuses) is
the application's and the same for everyone: those answers are checked against the student's
own recording.  The golden variant (ID ``golden``) is the default scenario: app RTT 10 ms, sessions
of 600 s.
"""

from __future__ import annotations

from netlab.i18n import catalogue_file
from netlab.lab.base import Ctx, LabDef, NoEvidence, Run, Variant
from netlab.lab.common import APP_DELAYS, YES_NO, app_defaults, app_draft, ask, data, free, one
from netlab.lab.draft import ScenarioDraft
from netlab.lab.messages import M

TTLS = (300, 600, 900, 1200, 1800)  # seconds: a login's lifetime (the Redis row's TTL and sid's Max-Age)
DEFAULTS = app_defaults(session_ttl_s=True)


def draw(rng) -> dict:
    return {"app_delay": rng.choice(APP_DELAYS), "session_ttl_s": rng.choice(TTLS)}


def build(p: dict) -> ScenarioDraft:
    return app_draft("lab-09", "lab 09 (HTTP state): a student's variant of the default scenario", p, DEFAULTS)


def _state(params: dict) -> bool:
    return (str(params.get("url", "")).rstrip("/") == "https://app.lab.test" and params.get("compare_http", True)
            and params.get("capture", True) and int(params.get("short_ttl", 2)) == 2)


RUNS = (Run("r1", "R1", "r1.rec.json", "http-state",
            "netlab --sandbox=$S http-state https://app.lab.test/ --pcap r1.pcap --markdown r1.md", _state),)

def _ex(ctx: Ctx) -> list[dict]:
    ex = data(ctx, "r1").get("exchanges") or []
    if not ex:
        raise NoEvidence(M.t("09.no-part", part="exchanges", file="r1.rec.json"), "r1")
    return ex


def _row(ctx: Ctx, cookie: str) -> dict:
    return one([r for r in data(ctx, "r1").get("jar_matrix") or [] if r.get("cookie") == cookie],
               M.t("09.no-part", part=f"jar row {cookie}", file="r1.rec.json"), "r1")


def _set_cookie(ctx: Ctx, name: str, step: str) -> dict:
    return one([c for c in data(ctx, "r1").get("cookies") or [] if c.get("name") == name and c.get("step") == step],
               M.t("09.no-part", part=f"Set-Cookie {name}", file="r1.rec.json"), "r1")


def _attr(ctx: Ctx, name: str, attr: str, step: str) -> str | None:
    for a, v in _set_cookie(ctx, name, step).get("attrs") or []:
        if a.lower() == attr.lower():
            return "yes" if v is None else v
    return None


def _target(ctx: Ctx, prefix: str) -> int:
    for i, t in enumerate(data(ctx, "r1").get("jar_targets") or []):
        if t.split("|", 1)[0] == prefix:
            return i
    raise NoEvidence(M.t("09.no-part", part=prefix, file="r1.rec.json"), "r1")


def _sent_to(ctx: Ctx, prefix: str) -> list[str]:
    i = _target(ctx, prefix)
    return [r["cookie"] for r in data(ctx, "r1").get("jar_matrix") or [] if r["cells"][i][0] == "sent"]


def _why(ctx: Ctx, cookie: str, prefix: str) -> str:
    return _row(ctx, cookie)["cells"][_target(ctx, prefix)][1]


def _with(ctx: Ctx, flag: str) -> list[str]:
    return [r["cookie"] for r in data(ctx, "r1").get("jar_matrix") or [] if r.get(flag)]


def _read(ctx: Ctx, step: str) -> dict:
    return one([r for r in data(ctx, "r1").get("store_reads") or [] if r.get("step") == step],
               M.t("09.no-part", part=step, file="r1.rec.json"), "r1")


def _token(ctx: Ctx, alg: str) -> dict:
    return one([t for t in data(ctx, "r1").get("tokens") or [] if t.get("alg") == alg and t.get("step") == f"token-{alg}"],
               M.t("09.no-part", part=f"token {alg}", file="r1.rec.json"), "r1")


def _attacks(ctx: Ctx) -> list[dict]:
    return data(ctx, "r1").get("attacks") or []


def _wire(ctx: Ctx, scheme: str) -> str:
    part = (data(ctx, "r1").get("wire") or {}).get(scheme)
    if not part:
        raise NoEvidence(M.t("09.no-part", part=f"wire {scheme}", file="r1.rec.json"), "r1")
    return "yes" if part.get("found") is not None else "no"


def _first_with(ctx: Ctx, name: str) -> int:
    for i, e in enumerate(_ex(ctx), 1):
        if name in (e.get("cookie_names") or []):
            return i
    raise NoEvidence(M.t("09.no-part", part=f"Cookie {name}", file="r1.rec.json"), "r1")


REASONS = {"secure": (), "host-only": ("host only", "hostonly"), "samesite-lax": ("samesite", "samesite=lax", "lax"),
           "path": (), "domain": (), "ok": ("sent",)}


def _questions():
    r1, look = ("r1",), "09.look.visit"
    lo2, lo3, lo4, lo5, lo6, lo7 = ("09.look.setcookie", "09.look.jar", "09.look.session", "09.look.refused",
                                   "09.look.tokens", "09.look.wire")
    return (
        *(free(f"P{i}") for i in range(1, 8)),
        ask("O1.requests", "int", lambda c: len(_ex(c)), r1, look),
        ask("O1.first_cookie", "nameset", lambda c: _ex(c)[0].get("cookie_names") or [], r1, look),
        ask("O1.first_set_cookies", "nameset", lambda c: _ex(c)[0].get("set_cookies") or [], r1, look),
        ask("O1.sid_from_row", "int", lambda c: _first_with(c, "sid"), r1, look),
        ask("O1.connections", "int", lambda c: len(data(c, "r1").get("connections") or []), r1, look),
        ask("O1.https_requests", "int", lambda c: one([x for x in data(c, "r1").get("connections") or []
                                                       if x.get("scheme") == "https"],
                                                      M.t("09.no-part", part="https connection", file="r1.rec.json"),
                                                      "r1")["requests"], r1, look),
        ask("O1.handshake_ms", "float", lambda c: data(c, "r1")["connections"][0]["handshake_ms"], r1, look,
            unit="ms", tol=(1.0, 0.05)),
        ask("O1.status_rtt_ms", "float", lambda c: build(c.p).rtt_ms("app"), (), "09.look.status", unit="ms",
            tol=(0.5, 0.0)),
        ask("O2.promo_domain", "name", lambda c: _attr(c, "promo", "Domain", "visit-1"), r1, lo2),
        ask("O2.login_hint_path", "text", lambda c: _attr(c, "login_hint", "Path", "login"), r1, lo2),
        ask("O2.sid_max_age_s", "int", lambda c: _attr(c, "sid", "Max-Age", "login"), r1, lo2, unit="s"),
        ask("O2.promo_max_age_s", "int", lambda c: _attr(c, "promo", "Max-Age", "visit-1"), r1, lo2, unit="s"),
        ask("O2.secure", "nameset", lambda c: _with(c, "secure"), r1, lo2),
        ask("O2.httponly", "nameset", lambda c: _with(c, "httponly"), r1, lo2),
        ask("O2.host_only", "nameset", lambda c: _with(c, "host_only"), r1, lo2),
        ask("O3.http_sent", "nameset", lambda c: _sent_to(c, "target.http"), r1, lo3),
        ask("O3.sid_http_rule", "choice", lambda c: _why(c, "sid", "target.http"), r1, lo3, choices=REASONS),
        ask("O3.sibling_sent", "nameset", lambda c: _sent_to(c, "target.sibling"), r1, lo3),
        ask("O3.theme_sibling_rule", "choice", lambda c: _why(c, "theme", "target.sibling"), r1, lo3,
            choices=REASONS),
        ask("O3.cross_sub_sent", "nameset", lambda c: _sent_to(c, "target.cross-sub"), r1, lo3),
        ask("O3.cross_nav_sent", "nameset", lambda c: _sent_to(c, "target.cross-nav"), r1, lo3),
        ask("O3.other_sent", "nameset", lambda c: _sent_to(c, "target.other"), r1, lo3),
        ask("O4.sid_length", "int", lambda c: data(c, "r1")["session"]["value_len"], r1, lo4),
        ask("O4.row_user", "text", lambda c: _read(c, "store-after-login")["fields"]["user"], r1, lo4),
        ask("O4.row_fields", "nameset", lambda c: list(_read(c, "store-after-login")["fields"]), r1, lo4),
        ask("O4.row_ttl_s", "int", lambda c: _read(c, "store-after-login")["ttl"], r1, lo4, unit="s"),
        ask("O4.row_after_logout", "choice", lambda c: "yes" if _read(c, "store-after-logout")["found"] else "no",
            r1, lo4, choices=YES_NO),
        ask("O4.short_ttl_s", "int", lambda c: _read(c, "store-short")["ttl"], r1, lo4, unit="s"),
        ask("O4.jar_dropped_short", "choice", lambda c: "yes" if data(c, "r1")["session"].get("jar_dropped_short")
            else "no", r1, lo4, choices=YES_NO),
        ask("O5.refused", "int", lambda c: sum(1 for a in _attacks(c) if a.get("status") in (401, 403)), r1, lo5),
        ask("O5.status", "int", lambda c: one(sorted({a.get("status") for a in _attacks(c)}),
                                              M.t("09.no-part", part="attacks", file="r1.rec.json"), "r1"), r1, lo5),
        ask("O5.disagree", "choice", lambda c: "yes" if any((a.get("status") == 200) != (a.get("ours") == "ok")
                                                            for a in _attacks(c)) else "no", r1, lo5, choices=YES_NO),
        ask("O6.hs256_sig_bytes", "int", lambda c: _token(c, "HS256")["signature_len"], r1, lo6, unit="bytes"),
        ask("O6.rs256_sig_bytes", "int", lambda c: _token(c, "RS256")["signature_len"], r1, lo6, unit="bytes"),
        ask("O6.es256_sig_bytes", "int", lambda c: _token(c, "ES256")["signature_len"], r1, lo6, unit="bytes"),
        ask("O6.sub", "text", lambda c: _token(c, "RS256")["payload"]["sub"], r1, lo6),
        ask("O6.lifetime_s", "int", lambda c: _token(c, "RS256")["payload"]["exp"] - _token(c, "RS256")["payload"]["iat"],
            r1, lo6, unit="s"),
        ask("O6.read_without_key", "choice", lambda c: "yes", (), lo6, choices=YES_NO),
        ask("O7.http_readable", "choice", lambda c: _wire(c, "http"), r1, lo7, choices=YES_NO),
        ask("O7.https_readable", "choice", lambda c: _wire(c, "https"), r1, lo7, choices=YES_NO),
        ask("O7.http_port", "int", lambda c: one([x for x in data(c, "r1").get("connections") or []
                                                  if x.get("scheme") == "http"],
                                                 M.t("09.no-part", part="http connection", file="r1.rec.json"),
                                                 "r1")["port"], r1, lo7),
        ask("O8.httponly_line", "nameset", lambda c: _with(c, "httponly"), r1, "09.look.curl"),
        ask("O8.domain_cookie", "nameset", lambda c: [r["cookie"] for r in data(c, "r1").get("jar_matrix") or []
                                                      if not r.get("host_only")], r1, "09.look.curl"),
        *(free(f"E{i}") for i in range(1, 7)),
    )


def expected(v: Variant) -> list[tuple[str, object]]:
    rtt = build(v.params).rtt_ms("app")
    return [("RTT", M.t("09.x.rtt", rtt=f"{rtt:.0f}")),
            ("R1", M.t("09.x.r1", rtt=f"{rtt:.0f}", hs=f"{2 * rtt:.0f}", ttl=v.params["session_ttl_s"])),
            ("R2", M.t("09.x.r2")), ("R3", M.t("09.x.r3", ttl=v.params["session_ttl_s"])), ("R4", M.t("09.x.r4")), ("R5", M.t("09.x.r5"))]


catalogue_file("lab", __name__)

QUESTIONS = _questions()


LAB = LabDef(number=9, slug="09-http-state", minutes="60", probes=("http-state", "curl", "redis-cli", "tshark"),
             defaults=DEFAULTS, draw=draw, build=build, runs=RUNS, questions=QUESTIONS, expected=expected,
             start_notes=lambda v: [M.t("09.start")])
