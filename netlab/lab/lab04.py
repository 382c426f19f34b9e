"""Lab 04, TLS: the variant, the evidence, the checks (pure).

What differs between two students (drawn from the student's seed): the one-way delays of the web
servers (www.naver.com, www.google.com) and of the TLS fault host, so every handshake's measured
round trips and durations differ.  The certificates come from each sandbox's own PKI, so their
fingerprints differ from sandbox to sandbox anyway.

The golden variant (ID ``golden``) is the default scenario (naver 10 ms, google 16 ms, badtls 20 ms).
"""

from __future__ import annotations

from netlab.i18n import catalogue, catalogue_file
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


catalogue_file("lab", __name__)

# the messages made by code (the others are in lab04.toml)
_Q: dict[str, tuple[str, str]] = {}
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
