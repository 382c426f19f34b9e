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

from netlab.i18n import catalogue
from netlab.lab.base import Ctx, LabDef, NoEvidence, Run, Variant
from netlab.lab.common import YES_NO, ask, data, free, one
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
    def matches(params: dict) -> bool:
        if str(params.get("url", "")).rstrip("/") != url.rstrip("/"):
            return False
        base = {"algorithm": None, "fail": None, "slow": None, "failover": False}
        base.update(want)
        return all(params.get(k) == v for k, v in base.items())
    return matches


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


catalogue("lab", {
    "11.title": ("Load balancing", "로드 밸런싱"),
    "11.concepts": ("round robin exact, weighted, least connections with a slow backend, active health checks "
                    "(inter x fall / rise), source vs consistent hashing when the pool changes, L4 vs L7 "
                    "(X-Forwarded-For), VIP failover with VRRP and gratuitous ARP",
                    "정확한 라운드 로빈, 가중치, 느린 백엔드와 최소 연결, 능동 헬스 체크(inter x fall / rise), 풀이 "
                    "바뀔 때 소스 해시와 일관 해시, L4와 L7(X-Forwarded-For), VRRP와 gratuitous ARP로 VIP 페일오버"),
    "11.start": ("Your sandbox is a variant of the lb scenario: the weights of 'weighted' and the health checks' "
                 "inter, fall and rise are your own. R1-R4 and R6 save the evidence (--save ...rec.json) that lab "
                 "check reads.",
                 "내 샌드박스는 lb 시나리오의 변형입니다. 'weighted'의 가중치와 헬스 체크의 inter, fall, rise가 나만의 "
                 "값입니다. R1-R4와 R6이 lab check가 읽는 증거를 저장합니다(--save ...rec.json)."),
    "11.no-part": ("{file} has no {part}", "{file}에 {part} 항목이 없습니다"),
    "11.look.spread": ("r1.md, the spread table: requests, HAProxy count, access log; the finding lb.rr-exact",
                       "r1.md의 분배 표: 요청, HAProxy 수, 접근 로그. finding lb.rr-exact"),
    "11.look.weighted": ("r1w.md, the spread table (and your variant's weights: netlab lab expected, or the "
                         "balancer's stats page)", "r1w.md의 분배 표(그리고 내 변형의 가중치: 통계 페이지)"),
    "11.look.slow": ("r2rr.md and r2lc.md: web2's row: requests, most at once", "r2rr.md와 r2lc.md의 web2 행: 요청, 동시 최대"),
    "11.look.health": ("r3s.md / r3c.md, Health checks: the transitions, inter x fall, the failed requests",
                       "r3s.md / r3c.md의 헬스 체크: 상태 변화, inter x fall, 실패한 요청"),
    "11.look.remap": ("r3s.md / r3c.md, The pool changed: moved, forced, theory, returned",
                      "r3s.md / r3c.md의 풀이 바뀜: 이동, 강제, 이론, 복귀"),
    "11.look.seen": ("r4-l7.md / r4-l4.md, What the backend saw: peer, X-Forwarded-For",
                     "r4-l7.md / r4-l4.md의 백엔드가 본 것: 피어, X-Forwarded-For"),
    "11.look.failover": ("r6.md, VIP failover: the gap, the lost requests, the gratuitous ARPs, the ARP cache",
                         "r6.md의 VIP 페일오버: 공백, 잃은 요청, gratuitous ARP, ARP 캐시"),
    "11.x.r1": ("round robin: 10 requests to each backend, max - min 0, the HAProxy counters and the access logs "
                "agree; weighted (weights {weights} for web1-web4): {counts}",
                "라운드 로빈: 백엔드마다 요청 10개, 최대 - 최소 0, HAProxy 카운터와 접근 로그가 일치. 가중치(web1-web4에 "
                "{weights}): {counts}"),
    "11.x.r2": ("round robin: web2 still gets a quarter (30 of 120) and piles up (8 at once); least connections: "
                "web2 gets a handful (4 here), web1 (the nearest) the most",
                "라운드 로빈: web2도 여전히 4분의 1(120개 중 30개)을 받아 쌓임(동시 8개). 최소 연결: web2는 몇 개(여기서는 "
                "4개), 가장 가까운 web1이 가장 많이"),
    "11.x.r3": ("health checks every {inter} ms: web2 marked DOWN after {fall} failed checks (inter x fall = {down} ms "
                "at most, plus the phase), UP after {rise} good ones ({up} ms); source (modulo): about 3/4 of the "
                "32 clients move (8 of them forced), some requests fail before DOWN; consistent: only web2's 8 "
                "clients move, none fail; all 32 return when web2 is back",
                "{inter} ms마다 헬스 체크: 실패 {fall}번 뒤 web2 DOWN(inter x fall = 최대 {down} ms, 그리고 위상), 성공 "
                "{rise}번 뒤 UP({up} ms). 소스(모듈로): 클라이언트 32개 중 약 3/4이 이동(그중 8개는 강제), DOWN 전에 일부 "
                "요청 실패. 일관 해시: web2의 클라이언트 8개만 이동, 실패 없음. web2가 돌아오면 32개 모두 복귀"),
    "11.x.r4": ("L7 (port 80): the backend's peer is the balancer (198.18.21.2), X-Forwarded-For carries the client; "
                "L4 (8080): the same peer, no X-Forwarded-For",
                "L7(80번 포트): 백엔드의 피어는 밸런서(198.18.21.2), X-Forwarded-For에 클라이언트. L4(8080): 피어는 같고 "
                "X-Forwarded-For 없음"),
    "11.x.r6": ("lb1 cut off: lb2 takes the VIP after about 3 s (3 missed adverts plus skew), sends gratuitous ARPs "
                "from its own MAC, the client's ARP cache follows without asking; the requests in the gap are lost; "
                "split brain after the cable comes back, then failback to lb1",
                "lb1이 끊김: 약 3초 뒤 lb2가 VIP를 가져가고(광고 3번 놓침과 skew), 자기 MAC으로 gratuitous ARP를 보내며, "
                "클라이언트의 ARP 캐시는 묻지 않고 따라감. 공백 동안의 요청은 잃음. 케이블이 돌아오면 split brain, 그다음 lb1로 "
                "복귀"),
})

catalogue("lab", {f"11.q.{k}": v for k, v in {
    **{f"O1.{b}_count": (f"O1 (R1). Round robin: requests to {b}", f"O1 (R1). 라운드 로빈: {b}로 간 요청") for b in BACKENDS},
    "O1.rr_max_minus_min": ("O1 (R1). rr_max_minus_min", "O1 (R1). rr_max_minus_min"),
    "O1.counts_agree": ("O1 (R1). Do your counts, HAProxy's and the access logs agree? (yes/no)",
                        "O1 (R1). 내 수, HAProxy의 수, 접근 로그가 일치하나요? (yes/no)"),
    **{f"O2.{b}_count": (f"O2 (R1, weighted). Requests to {b}", f"O2 (R1, weighted). {b}로 간 요청") for b in BACKENDS},
    "O2.heaviest": ("O2 (R1, weighted). Which backend has the largest weight?", "O2 (R1, weighted). 가중치가 가장 큰 백엔드는?"),
    "O3.rr_web2": ("O3 (R2). Round robin: requests to web2", "O3 (R2). 라운드 로빈: web2로 간 요청"),
    "O3.rr_web2_at_once": ("O3 (R2). Round robin: most at once at web2", "O3 (R2). 라운드 로빈: web2의 동시 최대"),
    "O3.lc_web2": ("O3 (R2). Least connections: requests to web2", "O3 (R2). 최소 연결: web2로 간 요청"),
    "O3.lc_web2_at_once": ("O3 (R2). Least connections: most at once at web2", "O3 (R2). 최소 연결: web2의 동시 최대"),
    "O3.lc_web1": ("O3 (R2). Least connections: requests to web1", "O3 (R2). 최소 연결: web1로 간 요청"),
    "O4.inter_ms": ("O4 (R3). The checks' inter, in ms", "O4 (R3). 체크의 inter(ms)"),
    "O4.fall": ("O4 (R3). fall: failed checks before DOWN", "O4 (R3). fall: DOWN 전 실패한 체크 수"),
    "O4.rise": ("O4 (R3). rise: good checks before UP", "O4 (R3). rise: UP 전 성공한 체크 수"),
    "O4.inter_x_fall_ms": ("O4 (R3). inter x fall, in ms", "O4 (R3). inter x fall(ms)"),
    "O4.detect_ms": ("O4 (R3, source). From web2's failure to DOWN, in ms", "O4 (R3, source). web2 장애부터 DOWN까지(ms)"),
    "O4.source_failed": ("O4 (R3, source). Requests that failed", "O4 (R3, source). 실패한 요청"),
    "O4.source_retried": ("O4 (R3, source). The balancer's retries", "O4 (R3, source). 밸런서의 재시도"),
    "O4.consistent_failed": ("O4 (R3, consistent). Requests that failed", "O4 (R3, consistent). 실패한 요청"),
    "O5.source_moved": ("O5 (R3, source). Clients moved", "O5 (R3, source). 이동한 클라이언트"),
    "O5.source_forced": ("O5 (R3, source). Of them forced (they were on web2)", "O5 (R3, source). 그중 강제(web2에 있던 것)"),
    "O5.source_theory": ("O5 (R3, source). The theory's fraction", "O5 (R3, source). 이론의 비율"),
    "O5.consistent_moved": ("O5 (R3, consistent). Clients moved", "O5 (R3, consistent). 이동한 클라이언트"),
    "O5.consistent_theory": ("O5 (R3, consistent). The theory's fraction", "O5 (R3, consistent). 이론의 비율"),
    "O5.returned": ("O5 (R3, source). Clients back on their server once web2 was up",
                    "O5 (R3, source). web2가 돌아온 뒤 원래 서버로 돌아간 클라이언트"),
    "O6.l7_peer": ("O6 (R4, L7). The connection's source address at the backend", "O6 (R4, L7). 백엔드에서 본 연결의 출발지 주소"),
    "O6.l7_xff": ("O6 (R4, L7). Did X-Forwarded-For carry the client? (yes/no)",
                  "O6 (R4, L7). X-Forwarded-For에 클라이언트가 실렸나요? (yes/no)"),
    "O6.l4_peer": ("O6 (R4, L4). The connection's source address at the backend", "O6 (R4, L4). 백엔드에서 본 연결의 출발지 주소"),
    "O6.l4_xff": ("O6 (R4, L4). Did X-Forwarded-For carry the client? (yes/no)",
                  "O6 (R4, L4). X-Forwarded-For에 클라이언트가 실렸나요? (yes/no)"),
    "O6.l4_mode": ("O6 (R4, L4). The frontend's mode (http/tcp)", "O6 (R4, L4). 프런트엔드의 모드(http/tcp)"),
    "O8.gap_ms": ("O8 (R6). The gap in service, in ms", "O8 (R6). 서비스 공백(ms)"),
    "O8.lost": ("O8 (R6). Requests lost", "O8 (R6). 잃은 요청"),
    "O8.garp_from": ("O8 (R6). Which balancer sent the first gratuitous ARP?", "O8 (R6). 첫 gratuitous ARP를 보낸 밸런서는?"),
    "O8.garp_mac": ("O8 (R6). From which MAC?", "O8 (R6). 어느 MAC에서?"),
    "O8.mac_before": ("O8 (R6). The VIP's MAC in the client's ARP cache before", "O8 (R6). 이전 클라이언트 ARP 캐시의 VIP MAC"),
    "O8.mac_moved": ("O8 (R6). ... after the move", "O8 (R6). ... 이동한 뒤"),
    "O8.split_brain": ("O8 (R6). Did the report find a split brain? (yes/no)", "O8 (R6). 보고서가 split brain을 찾았나요? (yes/no)"),
    "O8.backup_priority": ("O8 (R6). The backup's VRRP priority", "O8 (R6). 백업의 VRRP 우선순위"),
}.items()})

QUESTIONS = _questions()


LAB = LabDef(number=11, slug="11-load-balancing", minutes="60–75", probes=("lb", "curl", "ip"), defaults=DEFAULTS,
             draw=draw, build=build, runs=RUNS, questions=QUESTIONS, expected=expected,
             start_notes=lambda v: [M.t("11.start")])
