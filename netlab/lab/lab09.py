"""Lab 09, HTTP state: the variant, the evidence, the checks (pure).

What differs between two students: the one-way delay of app.lab.test (RTT 4-16 ms), so every
exchange's time differs; and, in every run, the session id, the tokens' values and the TCP ports
are the server's own random draws, so a neighbour's evidence is not the student's.  The lesson
itself (which cookies the server sets, what the jar withholds and why, what the server refuses) is
the application's and the same for everyone: those answers are checked against the student's
own recording.  The golden variant (ID ``golden``) is the default scenario: app RTT 10 ms.
"""

from __future__ import annotations

from netlab.i18n import catalogue
from netlab.lab.base import Ctx, LabDef, NoEvidence, Run, Variant
from netlab.lab.common import YES_NO, ask, data, free, one
from netlab.lab.draft import ScenarioDraft
from netlab.lab.messages import M

DELAYS = tuple(x / 2 for x in range(4, 17))  # 2.0, 2.5, ... 8.0 ms one way
DEFAULTS = {"app_delay": 5.0}


def draw(rng) -> dict:
    return {"app_delay": rng.choice(DELAYS)}


def build(p: dict) -> ScenarioDraft:
    d = ScenarioDraft("lab-09", "lab 09 (HTTP state): a student's variant of the default scenario")
    d.set_delay("app", p["app_delay"])
    return d


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
            ("R1", M.t("09.x.r1", rtt=f"{rtt:.0f}", hs=f"{2 * rtt:.0f}")),
            ("R2", M.t("09.x.r2")), ("R3", M.t("09.x.r3")), ("R4", M.t("09.x.r4")), ("R5", M.t("09.x.r5"))]


catalogue("lab", {
    "09.title": ("HTTP state: cookies, server sessions and tokens", "HTTP 상태: 쿠키, 서버 세션, 토큰"),
    "09.concepts": ("stateless is not connectionless, Set-Cookie attributes, the cookie jar's rules, a server "
                    "session in Redis, logout and expiry on both sides, JWT signed not encrypted, forged tokens "
                    "refused, the cookie in clear text over http://",
                    "무상태는 비연결이 아님, Set-Cookie 속성, 쿠키 저장소의 규칙, Redis의 서버 세션, 양쪽의 로그아웃과 "
                    "만료, JWT는 서명이지 암호화가 아님, 위조 토큰 거부, http://에서 평문으로 보이는 쿠키"),
    "09.start": ("Your sandbox's RTT to app.lab.test is your own, and so are the session ids and tokens of your "
                 "run. R1 saves the evidence (--save r1.rec.json) that lab check reads.",
                 "app.lab.test까지의 RTT는 내 샌드박스만의 값이고, 실행에서 나온 세션 ID와 토큰도 내 것입니다. "
                 "R1이 lab check가 읽는 증거를 저장합니다(--save r1.rec.json)."),
    "09.no-part": ("{file} has no {part}", "{file}에 {part} 항목이 없습니다"),
    "09.look.visit": ("r1.md, The visit: the rows, the Cookie and Set-Cookie columns, the conn column; the "
                      "connections table", "r1.md의 방문: 행, Cookie와 Set-Cookie 열, conn 열. 연결 표"),
    "09.look.status": ("netlab sandbox status --name $S, the RTT column of app", "netlab sandbox status --name $S의 app RTT 열"),
    "09.look.setcookie": ("r1.md, Set-Cookie, attribute by attribute", "r1.md의 Set-Cookie 속성별 표"),
    "09.look.jar": ("r1.md, The jar decides: one row per cookie, one column per target, the rule in each cell",
                    "r1.md의 저장소가 정한다: 쿠키마다 한 행, 대상마다 한 열, 칸마다 규칙"),
    "09.look.session": ("r1.md, The session: the cookie, the Redis row and its TTL after login, logout and expiry",
                        "r1.md의 세션: 로그인·로그아웃·만료 뒤의 쿠키, Redis 행과 TTL"),
    "09.look.refused": ("r1.md, What the server refused: status, reason and netlab's verdict per forged request",
                        "r1.md의 서버가 거부한 것: 위조 요청마다 상태, 이유, netlab의 판정"),
    "09.look.tokens": ("r1.md, Tokens: header, payload, signature size and the key per algorithm",
                       "r1.md의 토큰: 알고리즘마다 헤더, 페이로드, 서명 크기, 키"),
    "09.look.wire": ("r1.md, On the wire (and R5's tshark lines)", "r1.md의 선로 위(그리고 R5의 tshark 줄)"),
    "09.look.curl": ("R2's jar.txt: the #HttpOnly_ lines and the domain column, beside r1.md's jar",
                     "R2의 jar.txt: #HttpOnly_ 줄과 도메인 열, r1.md의 저장소와 나란히"),
    "09.x.rtt": ("configured RTT to app.lab.test: {rtt} ms", "설정된 app.lab.test RTT: {rtt} ms"),
    "09.x.r1": ("24 requests on 2 TCP connections (22 over https:// on one kept-alive TLS connection, 2 over "
                "http://); the first request carries no Cookie and gets theme and promo; sid (Secure, HttpOnly, "
                "host-only, Max-Age 600) and login_hint (Path /login) come with the login and sid goes from row 5 "
                "on; the TLS connection's set-up a little over {hs} ms (two round trips of {rtt} ms: TCP, then TLS 1.3); "
                "the Redis row (user, created, client, user_agent, scheme) with TTL 600, gone after logout; the "
                "short session: TTL 2, the jar drops it and the server refuses the id; 7 forged requests, all 401, "
                "netlab agrees; signatures 32 / 256 / 64 bytes (HS256 / RS256 / ES256), tokens live 300 s; the "
                "session cookie readable on port 80, not on 443",
                "요청 24개, TCP 연결 2개(https:// 22개는 keep-alive TLS 연결 하나로, http:// 2개). 첫 요청에는 "
                "Cookie가 없고 theme과 promo를 받음. 로그인에서 sid(Secure, HttpOnly, host-only, Max-Age 600)와 "
                "login_hint(Path /login)가 오고 sid는 5번째 행부터 감. TLS 연결 수립은 {hs} ms 조금 넘게(왕복 {rtt} ms 두 번: "
                "TCP, 그다음 TLS 1.3). Redis 행(user, created, client, user_agent, scheme)은 TTL 600, "
                "로그아웃 뒤 사라짐. 짧은 세션: TTL 2, 저장소가 버리고 서버도 그 ID를 거부. 위조 요청 7개 모두 401, "
                "netlab의 판정과 같음. 서명 32 / 256 / 64바이트(HS256 / RS256 / ES256), 토큰 수명 300초. 세션 쿠키는 "
                "80번 포트에서 읽히고 443에서는 읽히지 않음"),
    "09.x.r2": ("curl's jar: #HttpOnly_app.lab.test for sid, .lab.test (TRUE) for promo, app.lab.test for the others",
                "curl의 저장소: sid는 #HttpOnly_app.lab.test, promo는 .lab.test(TRUE), 나머지는 app.lab.test"),
    "09.x.r3": ("redis-cli: one session:* key per live login, the same fields as the report, TTL counting down "
                "from 600", "redis-cli: 살아 있는 로그인마다 session:* 키 하나, 보고서와 같은 필드, 600에서 줄어드는 TTL"),
    "09.x.r4": ("the payload in clear JSON: sub, role, iat, exp (iat + 300), iss", "페이로드는 평문 JSON: sub, role, iat, "
                "exp(iat + 300), iss"),
    "09.x.r5": ("http.cookie only on port 80; the port-443 packets show only TLS records",
                "http.cookie는 80번 포트에서만. 443번 패킷에는 TLS 레코드만 보임"),
})

catalogue("lab", {f"09.q.{k}": v for k, v in {
    "O1.requests": ("O1 (R1). How many requests in The visit?", "O1 (R1). 방문의 요청은 몇 개?"),
    "O1.first_cookie": ("O1 (R1). Which cookies did the first request send? (none if none)",
                        "O1 (R1). 첫 요청이 보낸 쿠키는? (없으면 none)"),
    "O1.first_set_cookies": ("O1 (R1). Which cookies did the first response set?", "O1 (R1). 첫 응답이 설정한 쿠키는?"),
    "O1.sid_from_row": ("O1 (R1). From which row on does a request carry sid?", "O1 (R1). 몇 번째 행부터 요청에 sid가 실리나요?"),
    "O1.connections": ("O1 (R1). How many TCP connections?", "O1 (R1). TCP 연결은 몇 개?"),
    "O1.https_requests": ("O1 (R1). How many requests used the https:// connection?",
                          "O1 (R1). https:// 연결로 간 요청은 몇 개?"),
    "O1.handshake_ms": ("O1 (R1). The https:// connection's set-up (TCP + TLS), in ms",
                        "O1 (R1). https:// 연결 수립(TCP + TLS) 시간(ms)"),
    "O1.status_rtt_ms": ("O1. app's RTT in sandbox status, in ms", "O1. sandbox status의 app RTT(ms)"),
    "O2.promo_domain": ("O2 (R1). promo's Domain attribute", "O2 (R1). promo의 Domain 속성"),
    "O2.login_hint_path": ("O2 (R1). login_hint's Path", "O2 (R1). login_hint의 Path"),
    "O2.sid_max_age_s": ("O2 (R1). sid's Max-Age at login, in s", "O2 (R1). 로그인 때 sid의 Max-Age(초)"),
    "O2.promo_max_age_s": ("O2 (R1). promo's Max-Age, in s", "O2 (R1). promo의 Max-Age(초)"),
    "O2.secure": ("O2 (R1). Which cookies are Secure?", "O2 (R1). Secure인 쿠키는?"),
    "O2.httponly": ("O2 (R1). Which cookies are HttpOnly?", "O2 (R1). HttpOnly인 쿠키는?"),
    "O2.host_only": ("O2 (R1). Which cookies are host-only (no Domain)?", "O2 (R1). host-only(Domain 없음)인 쿠키는?"),
    "O3.http_sent": ("O3 (R1). Which cookies would go to the same page over http://?",
                     "O3 (R1). 같은 페이지를 http://로 열면 가는 쿠키는?"),
    "O3.sid_http_rule": ("O3 (R1). Which rule withheld sid there? (secure/host-only/samesite-lax/path/domain)",
                         "O3 (R1). 거기서 sid를 막은 규칙은? (secure/host-only/samesite-lax/path/domain)"),
    "O3.sibling_sent": ("O3 (R1). Which cookies would go to www.lab.test?", "O3 (R1). www.lab.test로 가는 쿠키는?"),
    "O3.theme_sibling_rule": ("O3 (R1). Which rule withheld theme from www.lab.test?",
                              "O3 (R1). www.lab.test에 theme을 막은 규칙은?"),
    "O3.cross_sub_sent": ("O3 (R1). Which cookies would go with an image on another site's page?",
                          "O3 (R1). 다른 사이트 페이지의 이미지 요청에 가는 쿠키는?"),
    "O3.cross_nav_sent": ("O3 (R1). Which cookies would go with a link from another site?",
                          "O3 (R1). 다른 사이트의 링크를 따라올 때 가는 쿠키는?"),
    "O3.other_sent": ("O3 (R1). Which cookies would go to another site? (none if none)",
                      "O3 (R1). 다른 사이트로 가는 쿠키는? (없으면 none)"),
    "O4.sid_length": ("O4 (R1). How many characters has the session id?", "O4 (R1). 세션 ID는 몇 글자?"),
    "O4.row_user": ("O4 (R1). The Redis row's user", "O4 (R1). Redis 행의 user"),
    "O4.row_fields": ("O4 (R1). The Redis row's fields", "O4 (R1). Redis 행의 필드"),
    "O4.row_ttl_s": ("O4 (R1). The row's TTL after login, in s", "O4 (R1). 로그인 뒤 행의 TTL(초)"),
    "O4.row_after_logout": ("O4 (R1). Is the row still there after logout? (yes/no)",
                            "O4 (R1). 로그아웃 뒤에도 행이 있나요? (yes/no)"),
    "O4.short_ttl_s": ("O4 (R1). The short session's TTL, in s", "O4 (R1). 짧은 세션의 TTL(초)"),
    "O4.jar_dropped_short": ("O4 (R1). Did the jar drop the short session's cookie? (yes/no)",
                             "O4 (R1). 저장소가 짧은 세션의 쿠키를 버렸나요? (yes/no)"),
    "O5.refused": ("O5 (R1). How many forged requests did the server refuse?", "O5 (R1). 서버가 거부한 위조 요청은 몇 개?"),
    "O5.status": ("O5 (R1). With which status?", "O5 (R1). 어떤 상태 코드로?"),
    "O5.disagree": ("O5 (R1). Do the server and netlab ever disagree? (yes/no)",
                    "O5 (R1). 서버와 netlab의 판정이 다른 적이 있나요? (yes/no)"),
    "O6.hs256_sig_bytes": ("O6 (R1). HS256's signature, in bytes", "O6 (R1). HS256 서명의 크기(바이트)"),
    "O6.rs256_sig_bytes": ("O6 (R1). RS256's signature, in bytes", "O6 (R1). RS256 서명의 크기(바이트)"),
    "O6.es256_sig_bytes": ("O6 (R1). ES256's signature, in bytes", "O6 (R1). ES256 서명의 크기(바이트)"),
    "O6.sub": ("O6 (R1, R4). The payload's sub", "O6 (R1, R4). 페이로드의 sub"),
    "O6.lifetime_s": ("O6 (R1). exp - iat, in s", "O6 (R1). exp - iat(초)"),
    "O6.read_without_key": ("O6 (R4). Could you read the payload without any key? (yes/no)",
                            "O6 (R4). 키 없이 페이로드를 읽을 수 있었나요? (yes/no)"),
    "O7.http_readable": ("O7 (R1). Is the session cookie readable in the http:// capture? (yes/no)",
                         "O7 (R1). http:// 캡처에서 세션 쿠키가 읽히나요? (yes/no)"),
    "O7.https_readable": ("O7 (R1). In the https:// capture? (yes/no)", "O7 (R1). https:// 캡처에서는? (yes/no)"),
    "O7.http_port": ("O7 (R1, R5). On which port is it readable?", "O7 (R1, R5). 몇 번 포트에서 읽히나요?"),
    "O8.httponly_line": ("O8 (R2). Which cookie's line starts with #HttpOnly_?",
                         "O8 (R2). 어느 쿠키의 줄이 #HttpOnly_로 시작하나요?"),
    "O8.domain_cookie": ("O8 (R2). Which cookie is stored for .lab.test?", "O8 (R2). .lab.test로 저장된 쿠키는?"),
}.items()})

QUESTIONS = _questions()


LAB = LabDef(number=9, slug="09-http-state", minutes="60", probes=("http-state", "curl", "redis-cli", "tshark"),
             defaults=DEFAULTS, draw=draw, build=build, runs=RUNS, questions=QUESTIONS, expected=expected,
             start_notes=lambda v: [M.t("09.start")])
