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

from netlab.i18n import catalogue_file
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


catalogue_file("lab", __name__)

QUESTIONS = _questions()

LAB = LabDef(number=3, slug="03-tcp-handshake", minutes="60", probes=("tcp-handshake",), defaults=DEFAULTS,
             draw=draw, build=build, runs=RUNS, questions=QUESTIONS, expected=expected,
             start_notes=lambda v: [M.t("03.start")])
