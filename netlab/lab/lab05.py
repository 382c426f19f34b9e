"""Lab 05, HTTP/1.1 vs HTTP/2 vs HTTP/3: the variant, the evidence, the checks (pure).

What differs between two students (drawn from the student's seed): the one-way delay of
www.naver.com's web server (RTT 6-20 ms, in steps of 1 ms), so every phase and every round-trip count is measured
against a different RTT.  The slow and lossy sandboxes of R2-R4 are the worksheet's own copies of
the default scenario; their steps are not checked (loss makes single runs noisy).

The golden variant (ID ``golden``) is the default scenario: RTT 10 ms.
"""

from __future__ import annotations

from netlab.i18n import catalogue_file
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


catalogue_file("lab", __name__)

QUESTIONS = _questions()

LAB = LabDef(number=5, slug="05-http-versions", minutes="60–75", probes=("http-compare", "curl"),
             defaults=DEFAULTS, draw=draw, build=build, runs=RUNS, questions=QUESTIONS, expected=expected,
             start_notes=lambda v: [M.t("05.start")])
