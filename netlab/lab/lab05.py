"""Lab 05, HTTP/1.1 vs HTTP/2 vs HTTP/3: the variant, the evidence, the checks (pure).

What differs between two students (drawn from the student's seed): the one-way delay of
www.naver.com's web server (RTT 6-20 ms, in steps of 1 ms), so every phase and every round-trip count is measured
against a different RTT.  The slow and lossy sandboxes of R2-R4 are the worksheet's own copies of
the default scenario; their steps are not checked (loss makes single runs noisy).

The golden variant (ID ``golden``) is the default scenario: RTT 10 ms.
"""

from __future__ import annotations

from netlab.i18n import catalogue
from netlab.lab.base import Ctx, LabDef, NoEvidence, Run, Variant
from netlab.lab.common import YES_NO, ask, free, g
from netlab.lab.draft import ScenarioDraft
from netlab.lab.messages import M

DELAYS = tuple(x / 2 for x in range(6, 21))  # 3.0, 3.5, ... 10.0 ms one way
DEFAULTS = {"naver_delay": 5.0}
MODES = {"h1": ("http/1.1", "h1.1", "http1.1"), "h2": ("http/2",), "h3": ("http/3",)}


def draw(rng) -> dict:
    return {"naver_delay": rng.choice(DELAYS)}


def build(p: dict) -> ScenarioDraft:
    d = ScenarioDraft("lab-05", "lab 05 (HTTP versions): a student's variant of the default scenario")
    d.set_delay("web-naver", p["naver_delay"])
    return d


def _compare(params: dict) -> bool:
    return (str(params.get("url", "")).rstrip("/") == "https://www.naver.com" and int(params.get("requests", 1)) == 1
            and not params.get("delay") and not params.get("loss"))


RUNS = (Run("r1", "R1", "r1.rec.json", "http-compare",
            "netlab --sandbox=$S http-compare https://www.naver.com/ --repeat 5", _compare),)


def _phase(ctx: Ctx, mode: str):
    for p in ctx.result("r1").phases:
        if g(p, "mode") == mode:
            return p
    raise NoEvidence(M.t("05.no-mode", mode=mode), "r1")


def _median(stat) -> float:
    value = g(stat, "median")
    if value is None:
        raise NoEvidence(M.t("05.no-mode", mode="-"), "r1")
    return float(value)


def _most_cpu(ctx: Ctx) -> str:
    phases = [(g(p, "mode"), g(g(p, "cpu_ms"), "median") or 0.0) for p in ctx.result("r1").phases
              if g(p, "mode") in MODES]
    return max(phases, key=lambda x: x[1])[0] if phases else "h1"


def _ma(ctx: Ctx) -> int:
    alt = str(g(ctx.result("r1").discovery, "alt_svc", "") or "")
    if "ma=" not in alt:
        raise NoEvidence(M.t("05.no-alt-svc"), "r1")
    return int(alt.split("ma=", 1)[1].split(",")[0].split(";")[0].strip())


def _questions():
    r1, look = ("r1",), "05.look.r1"
    rtts = [ask(f"O2.{m}_rtts", "int", lambda c, m=m: g(_phase(c, m), "expected_rtts"), r1, look)
            for m in ("h1", "h2", "h3", "h3-0rtt")]
    return (
        *(free(f"P{i}") for i in range(1, 7)),
        ask("O1.rtt_ms", "float", lambda c: _median(c.result("r1").rtt_ms), r1, look, unit="ms", tol=(0.5, 0.05)),
        ask("O1.status_rtt_ms", "float", lambda c: build(c.p).rtt_ms("web-naver"), (), "05.look.status", unit="ms",
            tol=(0.5, 0.0)),
        ask("O1.h2_first_byte_ms", "float", lambda c: _median(g(_phase(c, "h2"), "first_byte")), r1, look,
            unit="ms", tol=(1.0, 0.05)),
        ask("O1.h3_first_byte_ms", "float", lambda c: _median(g(_phase(c, "h3"), "first_byte")), r1, look,
            unit="ms", tol=(1.0, 0.05)),
        *rtts,
        ask("O2.zero_rtt_accepted", "choice",
            lambda c: "yes" if g(_phase(c, "h3-0rtt"), "early_data_accepted") else "no", r1, look, choices=YES_NO),
        ask("O3.most_cpu", "choice", _most_cpu, r1, look, choices=MODES),
        ask("O6.alt_svc_ma", "int", _ma, r1, look, unit="s"),
        *(free(f"E{i}") for i in range(1, 10)),
    )


def expected(v: Variant) -> list[tuple[str, object]]:
    r = build(v.params).rtt_ms("web-naver")
    return [("R1", M.t("05.x.r1", rtt=f"{r:.0f}", h2=f"{3 * r:.0f}", h3=f"{2 * r:.0f}", z=f"{r:.0f}"))]


catalogue("lab", {
    "05.title": ("HTTP/1.1 vs HTTP/2 vs HTTP/3", "HTTP/1.1 vs HTTP/2 vs HTTP/3"),
    "05.concepts": ("round trips to the first byte, multiplexing, the 6-connection habit, head-of-line blocking, "
                    "Alt-Svc", "첫 바이트까지 왕복, 멀티플렉싱, 연결 6개의 습관, head-of-line blocking, Alt-Svc"),
    "05.start": ("R1 saves the evidence (--save r1.rec.json) that lab check reads; the slow and lossy sandboxes of "
                 "R2-R4 are not checked.",
                 "R1이 lab check가 읽는 증거를 저장합니다(--save r1.rec.json). R2-R4의 slow, lossy 샌드박스는 채점하지 "
                 "않습니다."),
    "05.no-mode": ("r1.rec.json has no complete run of {mode}", "r1.rec.json에 {mode}의 완전한 실행이 없습니다"),
    "05.no-alt-svc": ("r1.rec.json holds no Alt-Svc header", "r1.rec.json에 Alt-Svc 헤더가 없습니다"),
    "05.look.r1": ("r1.md: the phases table, the round-trip arithmetic, the findings; r1.json: .phases",
                   "r1.md: 단계 표, 왕복 계산, finding. r1.json: .phases"),
    "05.look.status": ("netlab sandbox status --name $S, the RTT column of web-naver",
                       "netlab sandbox status --name $S의 web-naver RTT 열"),
    "05.x.r1": ("RTT {rtt} ms: first byte after about 3 RTT for h1.1 and h2 (≈{h2} ms and some processing), 2 for "
                "h3 (≈{h3} ms), 1 for resumed h3 with 0-RTT (≈{z} ms)",
                "RTT {rtt} ms: 첫 바이트는 h1.1과 h2에서 약 3 RTT(≈{h2} ms에 처리 시간), h3에서 2(≈{h3} ms), "
                "0-RTT로 재개한 h3에서 1(≈{z} ms)"),
})

catalogue("lab", {f"05.q.{k}": v for k, v in {
    "O1.rtt_ms": ("O1 (R1). The measured RTT (median), in ms", "O1 (R1). 측정된 RTT(중앙값, ms)"),
    "O1.status_rtt_ms": ("O1. web-naver's RTT in sandbox status, in ms", "O1. sandbox status의 web-naver RTT(ms)"),
    "O1.h2_first_byte_ms": ("O1 (R1). HTTP/2's first byte (median), in ms", "O1 (R1). HTTP/2의 첫 바이트(중앙값, ms)"),
    "O1.h3_first_byte_ms": ("O1 (R1). HTTP/3's first byte (median), in ms", "O1 (R1). HTTP/3의 첫 바이트(중앙값, ms)"),
    "O2.h1_rtts": ("O2 (R1). Expected round trips to the first byte, HTTP/1.1", "O2 (R1). 첫 바이트까지 예상 왕복 수, HTTP/1.1"),
    "O2.h2_rtts": ("O2 (R1). ... HTTP/2", "O2 (R1). ... HTTP/2"),
    "O2.h3_rtts": ("O2 (R1). ... HTTP/3", "O2 (R1). ... HTTP/3"),
    "O2.h3-0rtt_rtts": ("O2 (R1). ... HTTP/3 resumed with 0-RTT", "O2 (R1). ... 0-RTT로 재개한 HTTP/3"),
    "O2.zero_rtt_accepted": ("O2 (R1). Was the early data (0-RTT) accepted? (yes/no)",
                             "O2 (R1). early data(0-RTT)가 받아들여졌나요? (yes/no)"),
    "O3.most_cpu": ("O3 (R1). Which client used the most CPU? (h1/h2/h3)", "O3 (R1). CPU를 가장 많이 쓴 클라이언트는? (h1/h2/h3)"),
    "O6.alt_svc_ma": ("O6 (R1). The Alt-Svc ma= value, in s", "O6 (R1). Alt-Svc의 ma= 값(초)"),
}.items()})

QUESTIONS = _questions()

LAB = LabDef(number=5, slug="05-http-versions", minutes="60–75", probes=("http-compare", "curl"),
             defaults=DEFAULTS, draw=draw, build=build, runs=RUNS, questions=QUESTIONS, expected=expected,
             start_notes=lambda v: [M.t("05.start")])
