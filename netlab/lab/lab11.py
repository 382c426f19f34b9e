"""Lab 11, load balancing: the variant, the evidence, the checks (pure).

The lab runs in its own scenario, netlab/sandbox/data/lb.toml (two HAProxy balancers sharing a
VIP, four backends).  What differs between two students (drawn from the student's seed):

- the weights of the ``weighted`` algorithm: 4, 2, 1 and 1 dealt to web1-web4 in the student's
  own order, so R1's weighted counts differ;
- the active health checks: ``inter`` (400, 500 or 600 ms), ``fall`` (2, 3 or 4) and ``rise``
  (2 or 3), so the time to notice a dead backend (inter x fall) and to take it back (inter x
  rise), and the requests lost meanwhile, differ.

The algorithms' behaviour (round robin exact, the remapping fractions, L4 vs L7) is the lesson and
is checked against the student's own recordings.  The golden variant (ID ``golden``) is lb.toml as
packaged: weights 4:2:1:1, inter 500 ms, fall 3, rise 2.
"""

from __future__ import annotations

from netlab.i18n import catalogue, catalogue_file
from netlab.lab.base import Ctx, LabDef, NoEvidence, Run, Variant
from netlab.lab.common import YES_NO, ask, data, free, one, recorded
from netlab.lab.draft import ScenarioDraft
from netlab.lab.messages import M

BACKENDS = ("web1", "web2", "web3", "web4")
INTERS, FALLS, RISES = (400, 500, 600), (2, 3, 4), (2, 3)


def _haproxies(d: ScenarioDraft) -> list[dict]:
    return [s for h in d.data["hosts"] for s in h.get("services", []) if s.get("type") == "haproxy"]


def _defaults() -> dict:
    hp = _haproxies(ScenarioDraft(base="lb"))[0]
    return {"weights": dict(hp["weights"]), "inter_ms": hp["check"]["inter_ms"], "fall": hp["check"]["fall"],
            "rise": hp["check"]["rise"]}


DEFAULTS = _defaults()


def draw(rng) -> dict:
    weights = [4, 2, 1, 1]
    rng.shuffle(weights)
    return {"weights": dict(zip(BACKENDS, weights, strict=True)), "inter_ms": rng.choice(INTERS), "fall": rng.choice(FALLS),
            "rise": rng.choice(RISES)}


def build(p: dict) -> ScenarioDraft:
    d = ScenarioDraft("lab-11", "lab 11 (load balancing): a student's variant of the lb scenario", base="lb")
    for hp in _haproxies(d):
        hp["weights"] = dict(p["weights"])
        hp["check"] = {**hp.get("check", {}), "inter_ms": p["inter_ms"], "fall": p["fall"], "rise": p["rise"]}
    return d


def _lb(url: str, **want):
    return recorded({"url": lambda u: str(u or "").rstrip("/") == url.rstrip("/"), "algorithm": None, "fail": None,
                     "slow": None, "failover": False}, **want)


L = "netlab --sandbox=$S lb"
RUNS = (
    Run("r1", "R1", "r1.rec.json", "lb", f"{L} http://lb.test/ --algorithm roundrobin -n 40 -k 8 --markdown r1.md",
        _lb("http://lb.test/", algorithm="roundrobin", requests=40, clients=8)),
    Run("r1w", "R1", "r1w.rec.json", "lb", f"{L} http://lb.test:8080/ --algorithm weighted -n 80 -k 8 --markdown r1w.md",
        _lb("http://lb.test:8080/", algorithm="weighted", requests=80, clients=8)),
    Run("r2rr", "R2", "r2rr.rec.json", "lb",
        f"{L} http://lb.test/ --algorithm roundrobin --slow web2 -c 8 -k 8 --markdown r2rr.md",
        _lb("http://lb.test/", algorithm="roundrobin", slow="web2", concurrency=8, clients=8)),
    Run("r2lc", "R2", "r2lc.rec.json", "lb",
        f"{L} http://lb.test/ --algorithm leastconn  --slow web2 -c 8 -k 8 --markdown r2lc.md",
        _lb("http://lb.test/", algorithm="leastconn", slow="web2", concurrency=8, clients=8)),
    Run("r3s", "R3", "r3s.rec.json", "lb", f"{L} http://lb.test/ --algorithm source     --fail web2 -k 32 --markdown r3s.md",
        _lb("http://lb.test/", algorithm="source", fail="web2", clients=32)),
    Run("r3c", "R3", "r3c.rec.json", "lb", f"{L} http://lb.test/ --algorithm consistent --fail web2 -k 32 --markdown r3c.md",
        _lb("http://lb.test/", algorithm="consistent", fail="web2", clients=32)),
    Run("r4l7", "R4", "r4-l7.rec.json", "lb", f"{L} http://lb.test/      -n 8 -k 4 --markdown r4-l7.md",
        _lb("http://lb.test/", requests=8, clients=4)),
    Run("r4l4", "R4", "r4-l4.rec.json", "lb", f"{L} http://lb.test:8080/ -n 8 -k 4 --markdown r4-l4.md",
        _lb("http://lb.test:8080/", requests=8, clients=4)),
    Run("r6", "R6", "r6.rec.json", "lb", f"{L} http://lb.test/ --failover --rate 20 -k 8 --markdown r6.md",
        _lb("http://lb.test/", failover=True, clients=8)),
)

def _spread(ctx: Ctx, run: str, backend: str) -> dict:
    return one([b for b in data(ctx, run).get("spread") or [] if b.get("server", b.get("backend")) == backend],
               M.t("11.no-part", part=f"spread row {backend}", file=ctx.lab.run(run).file), run)


def _part(ctx: Ctx, run: str, part: str) -> dict:
    got = data(ctx, run).get(part) or {}
    if not got:
        raise NoEvidence(M.t("11.no-part", part=part, file=ctx.lab.run(run).file), run)
    return got


def _peer(ctx: Ctx, run: str) -> str:
    peers = _part(ctx, run, "seen").get("peers") or {}
    return one(sorted(peers, key=lambda k: -peers[k]), M.t("11.no-part", part="peers", file=ctx.lab.run(run).file),
               run)


def _yes(value) -> str:
    return "yes" if value else "no"


def _neighbour(ctx: Ctx, when: str) -> dict:
    rows = [r for r in _part(ctx, "r6", "failover").get("neighbours") or [] if r[0] == when]
    return one(rows, M.t("11.no-part", part=f"neighbour {when}", file="r6.rec.json"), "r6")


def _detect_ms(ctx: Ctx, run: str) -> float:
    h = _part(ctx, run, "health")
    if h.get("t_down_ms") is None or h.get("t_fail_ms") is None:
        raise NoEvidence(M.t("11.no-part", part="DOWN", file=ctx.lab.run(run).file), run)
    return h["t_down_ms"] - h["t_fail_ms"]


BACKEND = {b: () for b in BACKENDS}


def _questions():
    lo1, lo3, lo4, lo5, lo6, lo8 = ("11.look.spread", "11.look.slow", "11.look.health", "11.look.remap",
                                    "11.look.seen", "11.look.failover")
    return (
        *(free(f"P{i}") for i in range(1, 8)),
        *(ask(f"O1.{b}_count", "int", lambda c, b=b: _spread(c, "r1", b)["count"], ("r1",), lo1) for b in BACKENDS),
        ask("O1.rr_max_minus_min", "int", lambda c: data(c, "r1")["rr_max_minus_min"], ("r1",), lo1),
        ask("O1.counts_agree", "choice", lambda c: _yes(data(c, "r1")["stats_match"] and data(c, "r1")["logs_match"]),
            ("r1",), lo1, choices=YES_NO),
        *(ask(f"O2.{b}_count", "int", lambda c, b=b: 80 * c.p["weights"][b] // sum(c.p["weights"].values()),
              ("r1w",), "11.look.weighted") for b in BACKENDS),
        ask("O2.heaviest", "choice", lambda c: max(BACKENDS, key=lambda b: c.p["weights"][b]), ("r1w",),
            "11.look.weighted", choices=BACKEND),
        ask("O3.rr_web2", "int", lambda c: _spread(c, "r2rr", "web2")["count"], ("r2rr",), lo3),
        ask("O3.rr_web2_at_once", "int", lambda c: _spread(c, "r2rr", "web2")["max_inflight"], ("r2rr",), lo3),
        ask("O3.lc_web2", "int", lambda c: _spread(c, "r2lc", "web2")["count"], ("r2lc",), lo3),
        ask("O3.lc_web2_at_once", "int", lambda c: _spread(c, "r2lc", "web2")["max_inflight"], ("r2lc",), lo3),
        ask("O3.lc_web1", "int", lambda c: _spread(c, "r2lc", "web1")["count"], ("r2lc",), lo3),
        ask("O4.inter_ms", "int", lambda c: c.p["inter_ms"], ("r3s",), lo4, unit="ms"),
        ask("O4.fall", "int", lambda c: c.p["fall"], ("r3s",), lo4),
        ask("O4.rise", "int", lambda c: c.p["rise"], ("r3s",), lo4),
        ask("O4.inter_x_fall_ms", "int", lambda c: c.p["inter_ms"] * c.p["fall"], (), lo4, unit="ms"),
        ask("O4.detect_ms", "float", lambda c: _detect_ms(c, "r3s"), ("r3s",), lo4, unit="ms", tol=(20.0, 0.0)),
        ask("O4.source_failed", "int", lambda c: _part(c, "r3s", "health")["failed_requests"], ("r3s",), lo4),
        ask("O4.source_retried", "int", lambda c: _part(c, "r3s", "health")["retried"], ("r3s",), lo4),
        ask("O4.consistent_failed", "int", lambda c: _part(c, "r3c", "health")["failed_requests"], ("r3c",), lo4),
        ask("O5.source_moved", "int", lambda c: _part(c, "r3s", "remap")["moved"], ("r3s",), lo5),
        ask("O5.source_forced", "int", lambda c: _part(c, "r3s", "remap")["forced"], ("r3s",), lo5),
        ask("O5.source_theory", "float", lambda c: _part(c, "r3s", "remap")["theory_modulo"], ("r3s",), lo5,
            tol=(0.01, 0.0)),
        ask("O5.consistent_moved", "int", lambda c: _part(c, "r3c", "remap")["moved"], ("r3c",), lo5),
        ask("O5.consistent_theory", "float", lambda c: _part(c, "r3c", "remap")["theory_consistent"], ("r3c",), lo5,
            tol=(0.01, 0.0)),
        ask("O5.returned", "int", lambda c: _part(c, "r3s", "remap")["returned"], ("r3s",), lo5),
        ask("O6.l7_peer", "text", lambda c: _peer(c, "r4l7"), ("r4l7",), lo6),
        ask("O6.l7_xff", "choice", lambda c: _yes(_part(c, "r4l7", "seen").get("xff_client")), ("r4l7",), lo6,
            choices=YES_NO),
        ask("O6.l4_peer", "text", lambda c: _peer(c, "r4l4"), ("r4l4",), lo6),
        ask("O6.l4_xff", "choice", lambda c: _yes(_part(c, "r4l4", "seen").get("xff_client")), ("r4l4",), lo6,
            choices=YES_NO),
        ask("O6.l4_mode", "text", lambda c: data(c, "r4l4")["mode"], ("r4l4",), lo6),
        ask("O8.gap_ms", "float", lambda c: _part(c, "r6", "failover")["gap_ms"], ("r6",), lo8, unit="ms",
            tol=(50.0, 0.02)),
        ask("O8.lost", "int", lambda c: _part(c, "r6", "failover")["lost"], ("r6",), lo8),
        ask("O8.garp_from", "text", lambda c: one(_part(c, "r6", "failover").get("garps") or [],
                                                  M.t("11.no-part", part="gratuitous ARP", file="r6.rec.json"),
                                                  "r6")[2], ("r6",), lo8),
        ask("O8.garp_mac", "text", lambda c: _part(c, "r6", "failover")["garps"][0][1], ("r6",), lo8),
        ask("O8.mac_before", "text", lambda c: _neighbour(c, "before")[1], ("r6",), lo8),
        ask("O8.mac_moved", "text", lambda c: _neighbour(c, "moved")[1], ("r6",), lo8),
        ask("O8.split_brain", "choice", lambda c: _yes(_part(c, "r6", "failover").get("split_brain")), ("r6",), lo8,
            choices=YES_NO),
        ask("O8.backup_priority", "int", lambda c: _part(c, "r6", "failover")["backup_priority"], ("r6",), lo8),
        *(free(f"E{i}") for i in range(1, 8)),
    )


def expected(v: Variant) -> list[tuple[str, object]]:
    p = v.params
    w = p["weights"]
    counts = ", ".join(f"{b} {80 * w[b] // sum(w.values())}" for b in BACKENDS)
    return [("R1", M.t("11.x.r1", counts=counts, weights=":".join(str(w[b]) for b in BACKENDS))),
            ("R2", M.t("11.x.r2")),
            ("R3", M.t("11.x.r3", inter=p["inter_ms"], fall=p["fall"], rise=p["rise"],
                       down=p["inter_ms"] * p["fall"], up=p["inter_ms"] * p["rise"])),
            ("R4", M.t("11.x.r4")), ("R6", M.t("11.x.r6"))]


catalogue_file("lab", __name__)

# the messages made by code (the others are in lab11.toml)
catalogue("lab", {f"11.q.{k}": v for k, v in {
    **{f"O1.{b}_count": (f"O1 (R1). Round robin: requests to {b}", f"O1 (R1). 라운드 로빈: {b}로 간 요청") for b in BACKENDS},
    **{f"O2.{b}_count": (f"O2 (R1, weighted). Requests to {b}", f"O2 (R1, weighted). {b}로 간 요청") for b in BACKENDS},
}.items()})

QUESTIONS = _questions()


LAB = LabDef(number=11, slug="11-load-balancing", minutes="60–75", probes=("lb", "curl", "ip"), defaults=DEFAULTS,
             draw=draw, build=build, runs=RUNS, questions=QUESTIONS, expected=expected,
             start_notes=lambda v: [M.t("11.start")])
