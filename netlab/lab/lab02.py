"""Lab 02, DNS over UDP and TCP: the variant, the evidence, the checks (pure).

What differs between two students (drawn from the student's seed):

- the one-way delay of the teaching server ns1.lab.test and of the test TLD's server, so the UDP
  and TCP costs differ;
- the size of bigtxt.lab.test's TXT set: 6, 7 or 8 strings (always too big for 1232 bytes), so
  the number of records and the size of the answer over TCP differ.

The golden variant (ID ``golden``) is the default scenario: 6 strings, ns1.lab.test at 8 ms.
"""

from __future__ import annotations

from netlab.i18n import catalogue
from netlab.lab.base import Ctx, LabDef, NoEvidence, Run, Variant
from netlab.lab.common import YES_NO, ask, free, scaled
from netlab.lab.draft import ScenarioDraft
from netlab.lab.messages import M

FACTORS = (0.6, 0.8, 1.0, 1.25, 1.5, 2.0)
PARTS = (6, 7, 8)
EXTRA = {
    7: "A DNS message over TCP may span several TCP segments; the two-byte length prefix tells the receiver "
       "where the message ends, something UDP gets for free from the datagram's own boundary.",
    8: "DNSSEC makes big answers ordinary: signatures (RRSIG) and keys (DNSKEY) add hundreds of bytes, one "
       "reason the DNS community settled on 1232 bytes and a TCP fallback rather than IP fragments.",
}
DEFAULTS = {"lab_delay": 4.0, "tld_delay": 5.0, "parts": 6}


def draw(rng) -> dict:
    return {"lab_delay": scaled(4.0, rng.choice(FACTORS)), "tld_delay": scaled(5.0, rng.choice(FACTORS)),
            "parts": rng.choice(PARTS)}


def build(p: dict) -> ScenarioDraft:
    d = ScenarioDraft("lab-02", "lab 02 (DNS over UDP and TCP): a student's variant of the default scenario")
    d.set_delay("ns1-lab", p["lab_delay"])
    d.set_delay("ns-nic-test", p["tld_delay"])
    n = p["parts"]
    if n != DEFAULTS["parts"]:
        for i in range(1, 7):
            old = _part_line(d, i)
            new = old.replace(f"Part {i} of 6.", f"Part {i} of {n}.")
            if i == 6:
                new = "\n".join([new, *(f'bigtxt      300     IN TXT  "Part {k} of {n}. {EXTRA[k]}"'
                                        for k in range(7, n + 1))])
            d.replace_line("lab.test", rf'bigtxt\s+300\s+IN\s+TXT\s+"Part {i} of 6\..*"', new)
    return d


def _part_line(d: ScenarioDraft, i: int) -> str:
    return next(line for line in d.zone("lab.test").splitlines() if f'"Part {i} of 6.' in line)


# ------------------------------------------------------------------------------------ evidence


def _trace(name: str, rtype: str, tcp: bool):
    def matches(params: dict) -> bool:
        return (str(params.get("name", "")).rstrip(".").lower() == name and params.get("type", "A") == rtype
                and bool(params.get("tcp")) == tcp)
    return matches


S = "netlab --sandbox=$S dns-trace"
RUNS = (
    Run("r1a", "R1", "r1a.rec.json", "dns-trace", f"{S} www.lab.test", _trace("www.lab.test", "A", False)),
    Run("r1b", "R1", "r1b.rec.json", "dns-trace", f"{S} bigtxt.lab.test --type TXT -v",
        _trace("bigtxt.lab.test", "TXT", False)),
    Run("r2a", "R2", "r2a.rec.json", "dns-trace", f"{S} www.lab.test --tcp", _trace("www.lab.test", "A", True)),
    Run("r2b", "R2", "r2b.rec.json", "dns-trace", f"{S} bigtxt.lab.test --type TXT --tcp",
        _trace("bigtxt.lab.test", "TXT", True)),
)


def _last(ctx: Ctx, run: str, attempt: int | None = None):
    hops = [h for h in ctx.result(run).hops if h.zone.lower() == "lab.test." and not h.extra
            and (attempt is None or h.attempt == attempt)]
    if not hops:
        raise NoEvidence(M.t("02.no-hop", file=ctx.lab.run(run).file, attempt=attempt or 1), run)
    return hops[-1] if attempt is None else hops[0]


TRANSPORTS = {"udp": (), "tcp": ()}


def _questions():
    look1, look2 = "02.look.r1", "02.look.r2"
    return (
        *(free(f"P{i}") for i in range(1, 8)),
        ask("O1.small_transport", "choice", lambda c: _last(c, "r1a").transport, ("r1a",), look1,
            choices=TRANSPORTS),
        ask("O1.small_rtt_ms", "float", lambda c: _last(c, "r1a").rtt_ms, ("r1a",), look1, unit="ms",
            tol=(0.5, 0.05)),
        ask("O1.big_attempts", "int",
            lambda c: sum(1 for h in c.result("r1b").hops if h.zone.lower() == "lab.test." and not h.extra),
            ("r1b",), look1),
        ask("O1.big_tc", "choice", lambda c: "yes" if "tc" in _last(c, "r1b", 1).flags else "no", ("r1b",), look1,
            choices=YES_NO),
        ask("O1.big_udp_size", "int", lambda c: _last(c, "r1b", 1).size, ("r1b",), look1, unit="bytes"),
        ask("O1.big_tcp_ms", "float", lambda c: _last(c, "r1b", 2).rtt_ms, ("r1b",), look1, unit="ms",
            tol=(0.5, 0.05)),
        ask("O1.big_tcp_size", "int", lambda c: _last(c, "r1b", 2).size, ("r1b",), look1, unit="bytes"),
        ask("O1.txt_records", "int", lambda c: len(c.result("r1b").answer), ("r1b",), look1),
        ask("O2.small_tcp_ms", "float", lambda c: _last(c, "r2a").rtt_ms, ("r2a",), look2, unit="ms",
            tol=(0.5, 0.05)),
        ask("O2.status_rtt_ms", "float", lambda c: build(c.p).rtt_ms("ns1-lab"), (), "02.look.status", unit="ms",
            tol=(0.5, 0.0)),
        ask("O2.big_tcp_attempts", "int",
            lambda c: sum(1 for h in c.result("r2b").hops if h.zone.lower() == "lab.test." and not h.extra),
            ("r2b",), look2),
        ask("O3.server_udp_limit", "int", lambda c: 1232, (), "02.look.dig", unit="bytes"),
        ask("O5.stub_used_tcp", "choice", lambda c: "yes", (), "02.look.dig", choices=YES_NO),
        *(free(f"E{i}") for i in range(1, 8)),
    )


def expected(v: Variant) -> list[tuple[str, object]]:
    rtt = build(v.params).scenario().rtt_ms()
    r = rtt["ns1-lab"]
    return [("RTT", M.t("02.x.rtt", lab=f"{r:.0f}", tld=f"{rtt['ns-nic-test']:.0f}")),
            ("R1", M.t("02.x.r1", rtt=f"{r:.0f}", tcp=f"{2 * r:.0f}", parts=v.params["parts"])),
            ("R2", M.t("02.x.r2"))]


catalogue("lab", {
    "02.title": ("DNS over UDP and TCP", "UDP와 TCP 위의 DNS"),
    "02.concepts": ("one datagram each way, truncation (TC), EDNS 1232, the retry over TCP and its cost",
                    "방향마다 데이터그램 하나, 잘림(TC), EDNS 1232, TCP 재시도와 그 비용"),
    "02.start": ("R1 and R2 save the evidence (--save ...rec.json) that lab check reads.",
                 "R1과 R2가 lab check가 읽는 증거를 저장합니다(--save ...rec.json)."),
    "02.no-hop": ("{file} has no attempt {attempt} at the lab.test. server", "파일 {file}에 lab.test. 서버로의 시도 {attempt}이(가) 없습니다"),
    "02.look.r1": ("r1a.md / r1b.md: the last hop (lab.test.), its attempts, flags, size and time",
                   "r1a.md / r1b.md: 마지막 홉(lab.test.)의 시도, 플래그, 크기, 시간"),
    "02.look.r2": ("r2a.md / r2b.md: the last hop over TCP", "r2a.md / r2b.md: TCP로 간 마지막 홉"),
    "02.look.status": ("netlab sandbox status --name $S, the RTT column of ns1-lab",
                       "netlab sandbox status --name $S의 ns1-lab RTT 열"),
    "02.look.dig": ("R3 and R4: dig's header line, the OPT pseudo-section (udp: N) and ';; Truncated'",
                    "R3과 R4: dig의 헤더 줄, OPT 의사 섹션(udp: N), ';; Truncated'"),
    "02.x.rtt": ("configured RTT: ns1.lab.test {lab} ms, ns1.nic.test {tld} ms",
                 "설정된 RTT: ns1.lab.test {lab} ms, ns1.nic.test {tld} ms"),
    "02.x.r1": ("www.lab.test: last hop UDP, AA, about {rtt} ms; bigtxt.lab.test: UDP answer with TC (empty), "
                "then TCP (about {tcp} ms: handshake + question) with {parts} TXT strings",
                "www.lab.test: 마지막 홉 UDP, AA, 약 {rtt} ms. bigtxt.lab.test: TC가 켜진 빈 UDP 답, 그다음 TCP"
                "(약 {tcp} ms: 핸드셰이크 + 질문)로 TXT 문자열 {parts}개"),
    "02.x.r2": ("with --tcp every hop costs about 2 RTT instead of 1; bigtxt needs a single TCP attempt",
                "--tcp에서는 모든 홉이 RTT 1번 대신 약 2번. bigtxt는 TCP 시도 한 번"),
})

catalogue("lab", {f"02.q.{k}": v for k, v in {
    "O1.small_transport": ("O1 (R1). The transport of www.lab.test's last hop (udp/tcp)",
                           "O1 (R1). www.lab.test 마지막 홉의 전송 방식(udp/tcp)"),
    "O1.small_rtt_ms": ("O1 (R1). Its RTT, in ms", "O1 (R1). 그 RTT(ms)"),
    "O1.big_attempts": ("O1 (R1). How many attempts does bigtxt's last hop show?",
                        "O1 (R1). bigtxt 마지막 홉의 시도는 몇 번인가요?"),
    "O1.big_tc": ("O1 (R1). Is TC set on the first (UDP) answer? (yes/no)", "O1 (R1). 첫(UDP) 답에 TC가 있나요? (yes/no)"),
    "O1.big_udp_size": ("O1 (R1). The size of that UDP answer, in bytes", "O1 (R1). 그 UDP 답의 크기(바이트)"),
    "O1.big_tcp_ms": ("O1 (R1). The time of the TCP attempt, in ms", "O1 (R1). TCP 시도의 시간(ms)"),
    "O1.big_tcp_size": ("O1 (R1). The size of the answer over TCP, in bytes", "O1 (R1). TCP로 받은 답의 크기(바이트)"),
    "O1.txt_records": ("O1 (R1). How many TXT records came back?", "O1 (R1). TXT 레코드가 몇 개 왔나요?"),
    "O2.small_tcp_ms": ("O2 (R2). www.lab.test's last hop over TCP, in ms", "O2 (R2). TCP로 간 www.lab.test 마지막 홉(ms)"),
    "O2.status_rtt_ms": ("O2. ns1-lab's RTT in sandbox status, in ms", "O2. sandbox status의 ns1-lab RTT(ms)"),
    "O2.big_tcp_attempts": ("O2 (R2). bigtxt's attempts at the last hop with --tcp",
                            "O2 (R2). --tcp일 때 bigtxt 마지막 홉의 시도 수"),
    "O3.server_udp_limit": ("O3 (R3). The udp: value in the server's OPT with +bufsize=4096",
                            "O3 (R3). +bufsize=4096일 때 서버 OPT의 udp: 값"),
    "O5.stub_used_tcp": ("O5 (R4). Did the stub (dig) have to retry over TCP too? (yes/no)",
                         "O5 (R4). 스텁(dig)도 TCP로 다시 물어야 했나요? (yes/no)"),
}.items()})

QUESTIONS = _questions()

LAB = LabDef(number=2, slug="02-dns-udp-tcp", minutes="40", probes=("dns-trace", "dig"), defaults=DEFAULTS,
             draw=draw, build=build, runs=RUNS, questions=QUESTIONS, expected=expected,
             start_notes=lambda v: [M.t("02.start")])
