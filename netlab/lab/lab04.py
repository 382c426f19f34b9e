"""Lab 04, TLS: the variant, the evidence, the checks (pure).

What differs between two students (drawn from the student's seed): the one-way delays of the web
servers (www.naver.com, www.google.com) and of the TLS fault host, so every handshake's measured
round trips and durations differ.  The certificates come from each sandbox's own PKI, so their
fingerprints differ from sandbox to sandbox anyway.

The golden variant (ID ``golden``) is the default scenario (naver 10 ms, google 16 ms, badtls 20 ms).
"""

from __future__ import annotations

from netlab.i18n import catalogue
from netlab.lab.base import Ctx, LabDef, NoEvidence, Run, Variant
from netlab.lab.common import YES_NO, ask, free, g, scaled
from netlab.lab.draft import ScenarioDraft
from netlab.lab.messages import M

FACTORS = (0.6, 0.8, 1.0, 1.25, 1.5, 2.0)
DEFAULTS = {"naver_delay": 5.0, "google_delay": 8.0, "badtls_delay": 10.0}
CERT_FAULTS = ("expired", "not-yet-valid", "self-signed", "wrong-host", "untrusted-root", "incomplete-chain",
               "wrong-order")
PROTO_FAULTS = ("tls10", "tls13-only", "rsa-kx", "plain-http", "reset", "client-cert")
# the finding that names each fault (tls13-only has none: it is a choice, not a fault)
FAULT_CODE = {"expired": "tls.cert-expired", "not-yet-valid": "tls.cert-not-yet-valid",
              "self-signed": "tls.self-signed", "wrong-host": "tls.hostname-mismatch",
              "untrusted-root": "tls.untrusted-root", "incomplete-chain": "tls.incomplete-chain",
              "wrong-order": "tls.chain-order", "tls10": "tls.legacy-version", "rsa-kx": "tls.no-forward-secrecy",
              "plain-http": "tls.not-tls", "reset": "tls.handshake-reset", "client-cert": "tls.client-cert-required"}


def draw(rng) -> dict:
    return {k: scaled(v, rng.choice(FACTORS)) for k, v in DEFAULTS.items()}


def build(p: dict) -> ScenarioDraft:
    d = ScenarioDraft("lab-04", "lab 04 (TLS): a student's variant of the default scenario")
    d.set_delay("web-naver", p["naver_delay"])
    d.set_delay("web-google", p["google_delay"])
    d.set_delay("web-badtls", p["badtls_delay"])
    return d


def _tls(host: str):
    def matches(params: dict) -> bool:
        return str(params.get("host", "")).rstrip(".").lower() == host and not params.get("connect_to")
    return matches


S = "netlab --sandbox=$S tls-inspect"
RUNS = (
    Run("r1", "R1", "r1.rec.json", "tls-inspect", f"{S} www.naver.com -v", _tls("www.naver.com")),
    Run("r1b", "R1", "r1b.rec.json", "tls-inspect", f"{S} www.google.com", _tls("www.google.com")),
    Run("r2", "R2", "r2.rec.json", "tls-inspect", f"{S} rsa-kx.badtls.test", _tls("rsa-kx.badtls.test")),
    *(Run(f"r5-{f}", "R5", f"r5-{f}.rec.json", "tls-inspect", f"{S} {f}.badtls.test", _tls(f"{f}.badtls.test"))
      for f in CERT_FAULTS),
    *(Run(f"r6-{f}", "R6", f"r6-{f}.rec.json", "tls-inspect", f"{S} {f}.badtls.test", _tls(f"{f}.badtls.test"))
      for f in PROTO_FAULTS),
)
STATUS = {"accepted": (), "refused": (), "not-testable": ("not testable", "untestable")}
KEYS = {"EC": ("ecdsa", "ec p-256", "p-256"), "RSA": ("rsa 2048", "rsa-2048")}


def _rtts(ctx: Ctx, run: str) -> int:
    return max((g(r, "n", 0) for r in ctx.result(run).round_trips), default=0)


def _version(ctx: Ctx, name: str) -> str:
    for v in ctx.result("r1").versions:
        if g(v, "version") == name:
            return g(v, "status", "")
    raise NoEvidence(M.t("04.no-version", version=name), "r1")


def _code(ctx: Ctx, fault: str) -> str:
    run = f"r5-{fault}" if fault in CERT_FAULTS else f"r6-{fault}"
    codes = [f.code for f in ctx.result(run).findings]
    want = FAULT_CODE[fault]
    if want not in codes:
        raise NoEvidence(M.t("04.no-code", file=ctx.lab.run(run).file, code=want), run)
    return want


def _completed(ctx: Ctx, fault: str) -> str:
    run = f"r5-{fault}" if fault in CERT_FAULTS else f"r6-{fault}"
    return "yes" if ctx.result(run).handshake_accepted else "no"


def _fault_questions():
    out = []
    for f in (*CERT_FAULTS, *PROTO_FAULTS):
        run = (f"r5-{f}" if f in CERT_FAULTS else f"r6-{f}",)
        if f in FAULT_CODE:
            out.append(ask(f"O8.{f}.code", "text", lambda c, f=f: _code(c, f), run, "04.look.r56"))
        else:
            out.append(ask(f"O8.{f}.oldest", "text",
                           lambda c, f=f: next(g(v, "version") for v in c.result(f"r6-{f}").versions
                                               if g(v, "status") == "accepted"), run, "04.look.r56"))
        out.append(ask(f"O8.{f}.completed", "choice", lambda c, f=f: _completed(c, f), run, "04.look.r56",
                       choices=YES_NO))
    return out


def _questions():
    r1 = ("r1",)
    return (
        *(free(f"P{i}") for i in range(1, 9)),
        ask("O1.tls10", "choice", lambda c: _version(c, "TLS 1.0"), r1, "04.look.versions", choices=STATUS),
        ask("O1.tls12", "choice", lambda c: _version(c, "TLS 1.2"), r1, "04.look.versions", choices=STATUS),
        ask("O1.tls13_cipher", "text", lambda c: c.result("r1").cipher, r1, "04.look.versions"),
        ask("O1.group", "text", lambda c: c.result("r1").group, r1, "04.look.versions"),
        ask("O2.tls13_round_trips", "int", lambda c: _rtts(c, "r1"), r1, "04.look.timeline"),
        ask("O2.tls12_round_trips", "int", lambda c: _rtts(c, "r2"), ("r2",), "04.look.timeline"),
        ask("O2.tls13_ms", "float", lambda c: c.result("r1").handshake_ms, r1, "04.look.timeline", unit="ms",
            tol=(0.5, 0.05)),
        ask("O2.tls12_ms", "float", lambda c: c.result("r2").handshake_ms, ("r2",), "04.look.timeline", unit="ms",
            tol=(0.5, 0.05)),
        ask("O2.naver_status_rtt_ms", "float", lambda c: build(c.p).rtt_ms("web-naver"), (), "04.look.status",
            unit="ms", tol=(0.5, 0.0)),
        ask("O3.alpn", "text", lambda c: c.result("r1").alpn, r1, "04.look.resumption"),
        ask("O3.resumed", "choice", lambda c: "yes" if g(c.result("r1").resumption, "resumed") else "no", r1,
            "04.look.resumption", choices=YES_NO),
        ask("O3.resumed_bytes", "int", lambda c: g(c.result("r1").resumption, "resumed_received_bytes"), r1,
            "04.look.resumption", unit="bytes"),
        ask("O4.sent_certs", "int", lambda c: len(c.result("r1").chain_sent), r1, "04.look.chain"),
        ask("O4.validated_certs", "int", lambda c: len(c.result("r1").chain_validated), r1, "04.look.chain"),
        ask("O4.leaf_sha256", "text", lambda c: g(c.result("r1").chain_sent[0], "sha256"), r1, "04.look.chain"),
        ask("O5.naver_key", "choice", lambda c: g(c.result("r1").chain_sent[0], "key").split()[0], r1,
            "04.look.chain", choices=KEYS),
        ask("O5.google_key", "choice", lambda c: g(c.result("r1b").chain_sent[0], "key").split()[0], ("r1b",),
            "04.look.chain", choices=KEYS),
        *_fault_questions(),
        ask("O9.exit_fail_on", "int", lambda c: 1, (), "04.look.r56"),
        *(free(f"E{i}") for i in range(1, 11)),
    )


def expected(v: Variant) -> list[tuple[str, object]]:
    rtt = build(v.params).scenario().rtt_ms()
    n, b = rtt["web-naver"], rtt["web-badtls"]
    return [("RTT", M.t("04.x.rtt", naver=f"{n:.0f}", google=f"{rtt['web-google']:.0f}", badtls=f"{b:.0f}")),
            ("R1", M.t("04.x.r1", rtt=f"{n:.0f}")),
            ("R2", M.t("04.x.r2", rtt=f"{b:.0f}", two=f"{2 * b:.0f}"))]


catalogue("lab", {
    "04.title": ("TLS", "TLS"),
    "04.concepts": ("versions, 1 vs 2 round trips, the certificate chain, 13 fault hosts, forward secrecy, "
                    "decrypting your own capture",
                    "버전, 왕복 1번 vs 2번, 인증서 체인, 장애 호스트 13개, forward secrecy, 내 캡처 복호화"),
    "04.start": ("R1, R2, R5 and R6 save the evidence (--save ...rec.json) that lab check reads.",
                 "R1, R2, R5, R6이 lab check가 읽는 증거를 저장합니다(--save ...rec.json)."),
    "04.no-version": ("r1.rec.json has no line for {version} in its version matrix",
                      "r1.rec.json의 버전 표에 {version} 줄이 없습니다"),
    "04.no-code": ("{file} has no finding {code}: is it the recording of that host?",
                   "파일 {file}에 finding {code}이(가) 없습니다: 그 호스트의 기록이 맞나요?"),
    "04.look.versions": ("r1.md, the version matrix", "r1.md의 버전 표"),
    "04.look.timeline": ("r1.md / r2.md: the handshake timeline and the finding tls.handshake-round-trips",
                         "r1.md / r2.md: 핸드셰이크 타임라인과 finding tls.handshake-round-trips"),
    "04.look.status": ("netlab sandbox status --name $S, the RTT column of web-naver",
                       "netlab sandbox status --name $S의 web-naver RTT 열"),
    "04.look.resumption": ("r1.md: ALPN, and the resumption section (finding tls.resumed)",
                           "r1.md: ALPN, 그리고 재개(resumption) 섹션(finding tls.resumed)"),
    "04.look.chain": ("r1.md / r1b.md: the chain as sent and as validated (-v shows SANs, signature, SHA-256)",
                      "r1.md / r1b.md: 보낸 체인과 검증한 체인(-v가 SAN, 서명, SHA-256을 보여 줌)"),
    "04.look.r56": ("r5-*.md and r6-*.md: the findings at the end of each report",
                    "r5-*.md와 r6-*.md: 각 보고서 끝의 finding"),
    "04.x.rtt": ("configured RTT: www.naver.com {naver} ms, www.google.com {google} ms, *.badtls.test {badtls} ms",
                 "설정된 RTT: www.naver.com {naver} ms, www.google.com {google} ms, *.badtls.test {badtls} ms"),
    "04.x.r1": ("TLS 1.3, one round trip of about {rtt} ms after TCP's own; ALPN h2; resumed with a session "
                "ticket (still one round trip); 2 certificates sent, 3 validated",
                "TLS 1.3, TCP 왕복 뒤 약 {rtt} ms의 왕복 한 번. ALPN h2. 세션 티켓으로 재개(여전히 왕복 한 번). "
                "인증서 2개를 보내고 3개로 검증"),
    "04.x.r2": ("rsa-kx: TLS 1.2 with RSA key transport, two round trips (about {two} ms at RTT {rtt} ms), "
                "tls.no-forward-secrecy",
                "rsa-kx: RSA 키 전송을 쓰는 TLS 1.2, 왕복 두 번(RTT {rtt} ms에서 약 {two} ms), tls.no-forward-secrecy"),
})

_Q = {
    "O1.tls10": ("O1 (R1). TLS 1.0: accepted, refused or not-testable?", "O1 (R1). TLS 1.0: accepted, refused, not-testable 중?"),
    "O1.tls12": ("O1 (R1). TLS 1.2: accepted, refused or not-testable?", "O1 (R1). TLS 1.2: accepted, refused, not-testable 중?"),
    "O1.tls13_cipher": ("O1 (R1). The TLS 1.3 cipher suite", "O1 (R1). TLS 1.3 암호 스위트"),
    "O1.group": ("O1 (R1). The key-exchange group", "O1 (R1). 키 교환 그룹"),
    "O2.tls13_round_trips": ("O2 (R1). TLS round trips of the 1.3 handshake", "O2 (R1). 1.3 핸드셰이크의 TLS 왕복 수"),
    "O2.tls12_round_trips": ("O2 (R2). TLS round trips of the 1.2 handshake", "O2 (R2). 1.2 핸드셰이크의 TLS 왕복 수"),
    "O2.tls13_ms": ("O2 (R1). How long TLS took (1.3), in ms", "O2 (R1). TLS에 걸린 시간(1.3, ms)"),
    "O2.tls12_ms": ("O2 (R2). How long TLS took (1.2), in ms", "O2 (R2). TLS에 걸린 시간(1.2, ms)"),
    "O2.naver_status_rtt_ms": ("O2. web-naver's RTT in sandbox status, in ms", "O2. sandbox status의 web-naver RTT(ms)"),
    "O3.alpn": ("O3 (R1). The application protocol the server picked (ALPN)", "O3 (R1). 서버가 고른 응용 프로토콜(ALPN)"),
    "O3.resumed": ("O3 (R1). Was the second connection resumed? (yes/no)", "O3 (R1). 두 번째 연결이 재개되었나요? (yes/no)"),
    "O3.resumed_bytes": ("O3 (R1). Bytes received by the resumed handshake", "O3 (R1). 재개한 핸드셰이크가 받은 바이트 수"),
    "O4.sent_certs": ("O4 (R1). How many certificates did the server send?", "O4 (R1). 서버가 인증서를 몇 개 보냈나요?"),
    "O4.validated_certs": ("O4 (R1). How many certificates are in the validated chain?",
                           "O4 (R1). 검증한 체인에는 인증서가 몇 개인가요?"),
    "O4.leaf_sha256": ("O4 (R1). The leaf's SHA-256 fingerprint (as the report prints it)",
                       "O4 (R1). 리프 인증서의 SHA-256 지문(보고서에 나온 그대로)"),
    "O5.naver_key": ("O5 (R1). The key type of the naver leaf (EC/RSA)", "O5 (R1). naver 리프의 키 종류(EC/RSA)"),
    "O5.google_key": ("O5 (R1b). The key type of the google leaf (EC/RSA)", "O5 (R1b). google 리프의 키 종류(EC/RSA)"),
    "O9.exit_fail_on": ("O9 (R6). The exit code of expired with --fail-on error",
                        "O9 (R6). --fail-on error일 때 expired의 종료 코드"),
}
for _f in (*CERT_FAULTS, *PROTO_FAULTS):
    if _f in FAULT_CODE:
        _Q[f"O8.{_f}.code"] = (f"O8 ({_f}). The finding code", f"O8 ({_f}). finding 코드")
    else:
        _Q[f"O8.{_f}.oldest"] = (f"O8 ({_f}). The oldest version accepted", f"O8 ({_f}). 받아들인 가장 오래된 버전")
    _Q[f"O8.{_f}.completed"] = (f"O8 ({_f}). Did the handshake complete? (yes/no)",
                                f"O8 ({_f}). 핸드셰이크가 끝났나요? (yes/no)")
catalogue("lab", {f"04.q.{k}": v for k, v in _Q.items()})

QUESTIONS = _questions()

LAB = LabDef(number=4, slug="04-tls", minutes="75–90", probes=("tls-inspect", "openssl", "tshark"),
             defaults=DEFAULTS, draw=draw, build=build, runs=RUNS, questions=QUESTIONS, expected=expected,
             start_notes=lambda v: [M.t("04.start")])
