"""Lab 03, the TCP handshake and close: the variant, the evidence, the checks (pure).

What differs between two students (drawn from the student's seed):

- the one-way delay of the TCP lab host (RTT 8-35 ms) and of www.naver.com's web server, so the
  handshake RTT, the "1 / 1.5 / 2 RTT" arithmetic and the RST's timing differ;
- which of the ports 81 and 82 is closed (nothing listens: RST) and which is filtered (the link
  drops every segment to it: silence, SYN retransmissions) — the student finds out which;
- the ISNs are random on every connection anyway: the seq/ack arithmetic is the student's own.

The golden variant (ID ``golden``) is the default scenario: RTT 20 ms, 81 closed, 82 filtered.
"""

from __future__ import annotations

from netlab.i18n import catalogue
from netlab.lab.base import Ctx, LabDef, NoEvidence, Run, Variant
from netlab.lab.common import YES_NO, ask, free, one, scaled
from netlab.lab.draft import ScenarioDraft
from netlab.lab.messages import M

TCP_DELAYS = (4.0, 6.0, 7.5, 9.0, 10.0, 12.5, 15.0, 17.5)
NAVER_FACTORS = (0.6, 0.8, 1.0, 1.2, 1.5)
PORTS = (81, 82)
TCP_NAMES = ("tcp.lab.test", "198.18.1.110", "2001:db8:1::110")

DEFAULTS = {"tcp_delay": 10.0, "naver_delay": 5.0, "filtered": 82, "closed": 81}


def draw(rng) -> dict:
    filtered = rng.choice(PORTS)
    return {"tcp_delay": rng.choice(TCP_DELAYS), "naver_delay": scaled(5.0, rng.choice(NAVER_FACTORS)),
            "filtered": filtered, "closed": PORTS[0] if filtered == PORTS[1] else PORTS[1]}


def build(p: dict) -> ScenarioDraft:
    d = ScenarioDraft("lab-03", "lab 03 (TCP handshake and close): a student's variant of the default scenario")
    d.set_delay("tcp-lab", p["tcp_delay"])
    d.set_delay("web-naver", p["naver_delay"])
    d.set_drop("tcp-lab", [f"tcp:{p['filtered']}"])
    return d


# ------------------------------------------------------------------------------------ evidence


def _tcp(names: tuple[str, ...], port: int, **want):
    def matches(params: dict) -> bool:
        if str(params.get("host", "")).lower().strip("[]") not in names or params.get("port") != port:
            return False
        return all(str(params.get(k)) == str(v) for k, v in want.items())
    return matches


S = "netlab --sandbox=$S tcp-handshake"
RUNS = (
    Run("r1", "R1", "r1.rec.json", "tcp-handshake", f"{S} tcp.lab.test:80 --http --pcap r1.pcap --markdown r1.md",
        _tcp(TCP_NAMES, 80, http=True, close="client")),
    Run("r3a", "R3", "r3a.rec.json", "tcp-handshake", f"{S} tcp.lab.test:8080 --close server",
        _tcp(TCP_NAMES, 8080, close="server")),
    Run("r3b", "R3", "r3b.rec.json", "tcp-handshake", f"{S} tcp.lab.test:80 --http --close server",
        _tcp(TCP_NAMES, 80, http=True, close="server")),
    Run("r5-81", "R5", "r5-81.rec.json", "tcp-handshake", f"{S} tcp.lab.test:81 --timeout 10",
        _tcp(TCP_NAMES, 81)),
    Run("r5-82", "R5", "r5-82.rec.json", "tcp-handshake", f"{S} tcp.lab.test:82 --timeout 10",
        _tcp(TCP_NAMES, 82)),
    Run("r7", "R7", "r7.rec.json", "tcp-handshake", f"{S} tcp.lab.test:80 -4 --http",
        _tcp(TCP_NAMES, 80, family="4")),
)


def _packet(ctx: Ctx, run: str, pred, what: str):
    res = ctx.result(run)
    return one([p for p in res.packets if pred(p)], M.t("03.no-packet", what=what, file=ctx.lab.run(run).file), run)


def _request(ctx: Ctx):
    return _packet(ctx, "r1", lambda p: p.direction == "c>s" and p.payload_len > 0, "request")


def _close_segments(ctx: Ctx) -> int:
    res = ctx.result("r1")
    first = one([i for i, p in enumerate(res.packets) if "FIN" in p.flags],
                M.t("03.no-packet", what="FIN", file="r1.rec.json"), "r1")
    return len(res.packets) - first


def _port(ctx: Ctx, outcome: str):
    """The port of R5 whose Recording shows `outcome` (refused: closed, timeout: filtered)."""
    found = [(port, ctx.result(f"r5-{port}")) for port in PORTS]
    return one([(port, res) for port, res in found if res.outcome == outcome],
               M.t("03.no-outcome", outcome=outcome), "r5-81")


def _rst_ms(ctx: Ctx) -> float:
    _, res = _port(ctx, "refused")
    return one([p.t_ms for p in res.packets if "RST" in p.flags], M.t("03.no-packet", what="RST", file="r5"))


def _gap(ctx: Ctx) -> float:
    _, res = _port(ctx, "timeout")
    if len(res.syn_times_ms) < 2:
        raise NoEvidence(M.t("03.no-packet", what="SYN retransmission", file="r5"))
    return res.syn_times_ms[1] - res.syn_times_ms[0]


def _passed(ctx: Ctx, run: str, side: str, state: str) -> str:
    return "yes" if any(s.side == side and s.state == state for s in ctx.result(run).states) else "no"


SIDES = {"client": ("the client", "클라이언트", "us", "we"), "server": ("the server", "서버")}
FLAGS = {"ACK": (), "SYN": (), "SYN,ACK": ("SYN-ACK", "SYN+ACK", "SYNACK"), "PSH,ACK": ("PSH-ACK",), "FIN,ACK": ()}


def _questions():
    r1 = ("r1",)
    look = "03.look.r1-packets"
    return (
        *(free(f"P{i}") for i in range(1, 8)),
        ask("O1.client_isn", "int", lambda c: c.result("r1").client_isn, r1, look),
        ask("O1.server_isn", "int", lambda c: c.result("r1").server_isn, r1, look),
        ask("O1.synack_ack", "int", lambda c: _packet(c, "r1", lambda p: p.flags == "SYN,ACK", "SYN,ACK").ack, r1,
            look),
        ask("O1.third_flags", "choice", lambda c: c.result("r1").packets[2].flags, r1, look, choices=FLAGS),
        ask("O1.third_ack", "int", lambda c: c.result("r1").packets[2].ack, r1, look),
        ask("O2.handshake_rtt_ms", "float", lambda c: c.result("r1").handshake_rtt_ms, r1, "03.look.r1-findings",
            unit="ms", tol=(0.3, 0.03)),
        ask("O2.status_rtt_ms", "float", lambda c: build(c.p).rtt_ms("tcp-lab"), (), "03.look.status", unit="ms",
            tol=(0.5, 0.0)),
        ask("O2.first_data_ms", "float", lambda c: c.result("r1").first_data_ms, r1, "03.look.r1-findings",
            unit="ms", tol=(0.3, 0.03)),
        ask("O3.syn_mss", "int", lambda c: c.result("r1").options["client_mss"], r1, "03.look.r1-options"),
        ask("O3.syn_wscale", "int", lambda c: c.result("r1").options["client_wscale"], r1, "03.look.r1-options"),
        ask("O3.syn_window", "int", lambda c: c.result("r1").packets[0].window_raw, r1, "03.look.r1-options"),
        ask("O4.request_len", "int", lambda c: _request(c).payload_len, r1, look, unit="bytes"),
        ask("O4.request_ack", "int", lambda c: (_request(c).rel_seq or 0) + _request(c).payload_len, r1, look),
        ask("O4.reply_len", "int",
            lambda c: _packet(c, "r1", lambda p: p.direction == "s>c" and p.payload_len > 0, "reply").payload_len,
            r1, look, unit="bytes"),
        ask("O4.close_segments", "int", _close_segments, r1, look),
        ask("O5.time_wait_r1", "choice", lambda c: c.result("r1").time_wait_side, r1, "03.look.states",
            choices=SIDES),
        ask("O5.time_wait_r3a", "choice", lambda c: c.result("r3a").time_wait_side, ("r3a",), "03.look.states",
            choices=SIDES),
        ask("O5.time_wait_r3b", "choice", lambda c: c.result("r3b").time_wait_side, ("r3b",), "03.look.states",
            choices=SIDES),
        ask("O5.close_wait_r3a", "choice", lambda c: _passed(c, "r3a", "client", "CLOSE_WAIT"), ("r3a",),
            "03.look.states", choices=YES_NO),
        ask("O6.time_wait_s", "float", lambda c: 60, (), "03.look.ss", unit="s", tol=(1.0, 0.0)),
        ask("O7.closed_port", "int", lambda c: _port(c, "refused")[0], ("r5-81", "r5-82"), "03.look.r5"),
        ask("O7.filtered_port", "int", lambda c: _port(c, "timeout")[0], ("r5-81", "r5-82"), "03.look.r5"),
        ask("O7.rst_ms", "float", _rst_ms, ("r5-81", "r5-82"), "03.look.r5", unit="ms", tol=(0.5, 0.05)),
        ask("O7.syn_count", "int", lambda c: len(_port(c, "timeout")[1].syn_times_ms), ("r5-81", "r5-82"),
            "03.look.r5"),
        ask("O7.first_gap_ms", "float", _gap, ("r5-81", "r5-82"), "03.look.r5", unit="ms", tol=(50.0, 0.05)),
        ask("O7.filtered_exit_code", "int", lambda c: 3 if _port(c, "timeout")[1].unreachable else 0,
            ("r5-81", "r5-82"), "03.look.r5"),
        ask("O8.syn_seq_raw", "int", lambda c: c.result("r1").client_isn, r1, "03.look.tshark"),
        ask("O8.tools_agree", "choice", lambda c: "yes", (), "03.look.tshark", choices=YES_NO),
        *(free(f"E{i}") for i in range(1, 5)),
        ask("E4.ipv4_mss", "int", lambda c: c.result("r7").options["client_mss"], ("r7",), "03.look.r1-options"),
        *(free(f"E{i}") for i in range(5, 9)),
    )


# ------------------------------------------------------------------------------------ the instructor's view


def expected(v: Variant) -> list[tuple[str, object]]:
    d = build(v.params)
    rtt = d.scenario().rtt_ms()
    r = rtt["tcp-lab"]
    return [
        ("RTT", M.t("03.x.rtt", tcp=f"{r:.0f}", naver=f"{rtt['web-naver']:.0f}")),
        ("R1", M.t("03.x.r1", rtt=f"{r:.1f}", data=f"{r:.1f}", server=f"{1.5 * r:.1f}", reply=f"{2 * r:.1f}")),
        ("R3", M.t("03.x.r3")),
        ("R5", M.t("03.x.r5", closed=v.params["closed"], filtered=v.params["filtered"], rtt=f"{r:.0f}")),
    ]


def start_notes(v: Variant) -> list:
    return [M.t("03.start")]


catalogue("lab", {
    "03.title": ("TCP handshake and close", "TCP 연결과 종료"),
    "03.concepts": ("SYN/SYN-ACK/ACK, ISN and seq/ack arithmetic, MSS and window scale, FIN/ACK, TIME_WAIT, "
                    "RST vs timeout",
                    "SYN/SYN-ACK/ACK, ISN과 seq/ack 계산, MSS와 윈도 스케일, FIN/ACK, TIME_WAIT, RST vs 타임아웃"),
    "03.start": ("Ports 81 and 82 of tcp.lab.test: one is closed, the other filtered; R5 tells you which. "
                 "R1, R3, R5 and R7 save the evidence (--save ...rec.json) that lab check reads.",
                 "tcp.lab.test의 포트 81과 82: 하나는 닫혀 있고 다른 하나는 필터링됩니다. 어느 쪽인지는 R5가 "
                 "알려 줍니다. R1, R3, R5, R7이 lab check가 읽는 증거를 저장합니다(--save ...rec.json)."),
    "03.no-packet": ("{file} has no {what} segment", "파일 {file}에 {what} 세그먼트가 없습니다"),
    "03.no-outcome": ("neither r5-81.rec.json nor r5-82.rec.json shows that outcome ({outcome}): run both R5 "
                      "steps", "r5-81.rec.json과 r5-82.rec.json 어느 쪽에도 그 결과({outcome})가 없습니다: R5의 두 "
                      "단계를 모두 실행하세요"),
    "03.look.r1-packets": ("r1.md, the packet table (first three rows: the handshake); netlab report r1.rec.json "
                           "--json | jq '.packets[]'",
                           "r1.md의 패킷 표(처음 세 줄이 핸드셰이크). netlab report r1.rec.json --json | jq '.packets[]'"),
    "03.look.r1-findings": ("r1.md: the handshake RTT and the finding tcp.handshake",
                            "r1.md: 핸드셰이크 RTT와 finding tcp.handshake"),
    "03.look.r1-options": ("r1.md, the options table of the SYN; r1.json: .options",
                           "r1.md의 SYN 옵션 표. r1.json: .options"),
    "03.look.status": ("netlab sandbox status --name $S, the RTT column of tcp-lab",
                       "netlab sandbox status --name $S의 tcp-lab RTT 열"),
    "03.look.states": ("the States section of r1.md, r3a.md, r3b.md and the finding tcp.time-wait",
                       "r1.md, r3a.md, r3b.md의 States 섹션과 finding tcp.time-wait"),
    "03.look.ss": ("R4's ss lines: timer:(timewait,59sec,0)", "R4의 ss 줄: timer:(timewait,59sec,0)"),
    "03.look.r5": ("r5-81.md and r5-82.md: the outcome, the packet table, the findings tcp.refused / tcp.filtered",
                   "r5-81.md와 r5-82.md: 결과, 패킷 표, finding tcp.refused / tcp.filtered"),
    "03.look.tshark": ("R6's tshark listing, frame 1: tcp.seq_raw", "R6의 tshark 출력, 프레임 1: tcp.seq_raw"),
    "03.x.rtt": ("configured RTT: tcp.lab.test {tcp} ms, www.naver.com's web server {naver} ms",
                 "설정된 RTT: tcp.lab.test {tcp} ms, www.naver.com 웹 서버 {naver} ms"),
    "03.x.r1": ("handshake RTT about {rtt} ms; first data after about {data} ms (1 RTT), at the server after about "
                "{server} ms (1.5 RTT), the reply's first byte back after about {reply} ms (2 RTT); 10 packets, "
                "the close in 3 segments (the server's ACK rides on its FIN); TIME_WAIT on the client",
                "핸드셰이크 RTT 약 {rtt} ms. 첫 데이터는 약 {data} ms 뒤(1 RTT), 서버 도착은 약 {server} ms(1.5 RTT), "
                "응답의 첫 바이트는 약 {reply} ms(2 RTT)에 돌아옴. 패킷 10개, 종료는 세그먼트 3개(서버의 ACK가 "
                "FIN에 함께 실림). TIME_WAIT는 클라이언트"),
    "03.x.r3": ("8080 --close server and 80 --http --close server: the server closes first and holds TIME_WAIT; "
                "the client passes CLOSE_WAIT and LAST_ACK",
                "8080 --close server와 80 --http --close server: 서버가 먼저 끊고 TIME_WAIT를 가짐. 클라이언트는 "
                "CLOSE_WAIT와 LAST_ACK를 거침"),
    "03.x.r5": ("port {closed} is closed (RST,ACK after about {rtt} ms, tcp.refused, exit 0); port {filtered} is "
                "filtered (SYNs 1 s apart, then doubling; tcp.filtered after --timeout 10, exit 3)",
                "닫힌 포트: {closed}(약 {rtt} ms 뒤 RST,ACK, tcp.refused, 종료 코드 0). 필터링된 포트: {filtered}"
                "(SYN이 1초 간격, 그다음 두 배씩. --timeout 10이 지나면 tcp.filtered, 종료 코드 3)"),
})

QUESTIONS = _questions()

LAB = LabDef(number=3, slug="03-tcp-handshake", minutes="60", probes=("tcp-handshake",), defaults=DEFAULTS,
             draw=draw, build=build, runs=RUNS, questions=QUESTIONS, expected=expected, start_notes=start_notes)

catalogue("lab", {f"03.q.{k}": v for k, v in {
    "O1.client_isn": ("O1 (R1). The client's ISN (absolute)", "O1 (R1). 클라이언트의 ISN(절대값)"),
    "O1.server_isn": ("O1 (R1). The server's ISN (absolute)", "O1 (R1). 서버의 ISN(절대값)"),
    "O1.synack_ack": ("O1 (R1). The SYN,ACK's acknowledgement number (absolute)",
                      "O1 (R1). SYN,ACK의 확인 응답 번호(절대값)"),
    "O1.third_flags": ("O1 (R1). The flags of the third segment", "O1 (R1). 세 번째 세그먼트의 플래그"),
    "O1.third_ack": ("O1 (R1). The third segment's acknowledgement number (absolute)",
                     "O1 (R1). 세 번째 세그먼트의 확인 응답 번호(절대값)"),
    "O2.handshake_rtt_ms": ("O2 (R1). The handshake RTT, in ms", "O2 (R1). 핸드셰이크 RTT(ms)"),
    "O2.status_rtt_ms": ("O2 (R1). tcp-lab's RTT in sandbox status, in ms", "O2 (R1). sandbox status의 tcp-lab RTT(ms)"),
    "O2.first_data_ms": ("O2 (R1). When the first data segment left, in ms after the SYN",
                         "O2 (R1). 첫 데이터 세그먼트가 나간 시각(SYN 뒤 ms)"),
    "O3.syn_mss": ("O3 (R1). The MSS in the client's SYN", "O3 (R1). 클라이언트 SYN의 MSS"),
    "O3.syn_wscale": ("O3 (R1). The window scale (shift) in the client's SYN",
                      "O3 (R1). 클라이언트 SYN의 윈도 스케일(시프트)"),
    "O3.syn_window": ("O3 (R1). The raw window of the SYN", "O3 (R1). SYN의 윈도 원래 값"),
    "O4.request_len": ("O4 (R1). The request's length, in bytes", "O4 (R1). 요청의 길이(바이트)"),
    "O4.request_ack": ("O4 (R1). The relative ack that acknowledges the request",
                       "O4 (R1). 요청을 확인하는 상대 ack"),
    "O4.reply_len": ("O4 (R1). The reply's length, in bytes", "O4 (R1). 응답의 길이(바이트)"),
    "O4.close_segments": ("O4 (R1). How many segments did the close take (from the first FIN)?",
                          "O4 (R1). 종료에 세그먼트 몇 개가 들었나요(첫 FIN부터)?"),
    "O5.time_wait_r1": ("O5 (R1). Which side holds TIME_WAIT? (client/server)",
                        "O5 (R1). TIME_WAIT는 어느 쪽에? (client/server)"),
    "O5.time_wait_r3a": ("O5 (R3a). Which side holds TIME_WAIT? (client/server)",
                         "O5 (R3a). TIME_WAIT는 어느 쪽에? (client/server)"),
    "O5.time_wait_r3b": ("O5 (R3b). Which side holds TIME_WAIT? (client/server)",
                         "O5 (R3b). TIME_WAIT는 어느 쪽에? (client/server)"),
    "O5.close_wait_r3a": ("O5 (R3a). Did the client pass CLOSE_WAIT? (yes/no)",
                          "O5 (R3a). 클라이언트가 CLOSE_WAIT를 거쳤나요? (yes/no)"),
    "O6.time_wait_s": ("O6 (R4). How long does TIME_WAIT last on Linux, in s?",
                       "O6 (R4). 리눅스에서 TIME_WAIT는 몇 초 동안 유지되나요?"),
    "O7.closed_port": ("O7 (R5). Which port is closed in your sandbox?", "O7 (R5). 내 샌드박스에서 닫힌 포트는?"),
    "O7.filtered_port": ("O7 (R5). Which port is filtered?", "O7 (R5). 필터링된 포트는?"),
    "O7.rst_ms": ("O7 (R5). When did the RST arrive, in ms after the SYN?", "O7 (R5). RST가 도착한 시각(SYN 뒤 ms)"),
    "O7.syn_count": ("O7 (R5). How many SYNs were sent to the filtered port?",
                     "O7 (R5). 필터링된 포트로 SYN을 몇 번 보냈나요?"),
    "O7.first_gap_ms": ("O7 (R5). The gap between the first two SYNs, in ms", "O7 (R5). 처음 두 SYN 사이 간격(ms)"),
    "O7.filtered_exit_code": ("O7 (R5). The exit code of the filtered port's run",
                              "O7 (R5). 필터링된 포트 실행의 종료 코드"),
    "O8.syn_seq_raw": ("O8 (R6). tshark's tcp.seq_raw of frame 1", "O8 (R6). tshark가 보여 준 프레임 1의 tcp.seq_raw"),
    "O8.tools_agree": ("O8 (R6). Do tshark and netlab agree packet by packet? (yes/no)",
                       "O8 (R6). tshark와 netlab이 패킷마다 일치하나요? (yes/no)"),
    "E4.ipv4_mss": ("E4 (R7). The MSS of the SYN over IPv4", "E4 (R7). IPv4에서 SYN의 MSS"),
}.items()})
