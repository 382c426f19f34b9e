"""Lab 10, WebSocket: the variant, the evidence, the checks (pure).

What differs between two students: the one-way delay of app.lab.test (RTT 4-16 ms), so the ping
round trips, the TCP (+TLS) set-up and the polling latencies are measured against a different RTT;
the heartbeat server's ping period (0.5-1.5 s), so R5's interval and its ping counts differ; and,
in every run, the Sec-WebSocket-Key, the mask keys and the TCP ports are drawn anew (the
client's and the kernel's own random values), so a neighbour's evidence is not the student's.
The protocol itself (101, the Accept computation, the length forms, who masks, close codes) is the
same for everyone: those answers are checked against the student's own recordings.  The golden
variant (ID ``golden``) is the default scenario: app RTT 10 ms, a ping every second.
"""

from __future__ import annotations

from netlab.i18n import catalogue_file
from netlab.lab.base import Ctx, LabDef, NoEvidence, Run, Variant
from netlab.lab.common import APP_DELAYS, YES_NO, app_defaults, app_draft, ask, data, free, recorded
from netlab.lab.draft import ScenarioDraft
from netlab.lab.messages import M

HEARTBEATS = (0.5, 0.75, 1.0, 1.25, 1.5)  # seconds between the heartbeat server's pings
DEFAULTS = app_defaults(heartbeat_ping_s=True)


def draw(rng) -> dict:
    return {"app_delay": rng.choice(APP_DELAYS), "heartbeat_ping_s": rng.choice(HEARTBEATS)}


def build(p: dict) -> ScenarioDraft:
    return app_draft("lab-10", "lab 10 (WebSocket): a student's variant of the default scenario", p, DEFAULTS)


def _ws(url: str, **want):
    return recorded({"url": url, "send": True, "pings": 3, "listen": 0.0, "idle": 0.0, "compare_polling": False,
                     "unmasked_test": False, "deflate": True, "messages": []}, **want)


W = "netlab --sandbox=$S websocket"
RUNS = (
    Run("r1", "R1", "r1.rec.json", "websocket",
        f"{W} wss://app.lab.test/ws/echo --subprotocol netlab.echo.v1 --unmasked-test --markdown r1.md",
        _ws("wss://app.lab.test/ws/echo", unmasked_test=True, subprotocols=["netlab.echo.v1"])),
    Run("r2", "R2", "r2.rec.json", "websocket", f"{W} ws://app.lab.test/ws/echo --pcap r2.pcap --markdown r2.md",
        _ws("ws://app.lab.test/ws/echo")),
    Run("r4", "R4", "r4.rec.json", "websocket",
        f"{W} wss://app.lab.test/ws/push --no-send --pings 1 --listen 4 --compare-polling --poll-interval 0.5 "
        "--markdown r4.md",
        _ws("wss://app.lab.test/ws/push", send=False, pings=1, listen=4.0, compare_polling=True, poll_interval=0.5)),
    Run("r4b", "R4", "r4b.rec.json", "websocket",
        f"{W} wss://app.lab.test/ws/push --no-send --pings 0 --listen 4 --compare-polling --poll-interval 2 "
        "--markdown r4b.md",
        _ws("wss://app.lab.test/ws/push", send=False, pings=0, listen=4.0, compare_polling=True, poll_interval=2.0)),
    Run("r5", "R5", "r5.rec.json", "websocket",
        f"{W} wss://app.lab.test/ws/heartbeat --no-send --pings 0 --listen 3.5 --idle 10 --markdown r5.md",
        _ws("wss://app.lab.test/ws/heartbeat", send=False, pings=0, listen=3.5, idle=10.0)),
    Run("r6a", "R6", "r6a.rec.json", "websocket",
        f'{W} "wss://app.lab.test/ws/close?code=4000&reason=bye" --no-send --pings 0 --listen 2 --markdown r6a.md',
        _ws("wss://app.lab.test/ws/close?code=4000&reason=bye", send=False, pings=0, listen=2.0)),
    Run("r6b", "R6", "r6b.rec.json", "websocket",
        f'{W} "wss://app.lab.test/ws/close?code=1008&reason=policy" --no-send --pings 0 --listen 2 --markdown r6b.md',
        _ws("wss://app.lab.test/ws/close?code=1008&reason=policy", send=False, pings=0, listen=2.0)),
)

def _frames(ctx: Ctx, run: str, **want) -> list[dict]:
    return [f for f in data(ctx, run).get("frames") or [] if all(f.get(k) == v for k, v in want.items())]


def _frame(ctx: Ctx, run: str, n: int, **want) -> dict:
    """The n-th (0-based) frame of `run` with these fields."""
    fs = _frames(ctx, run, **want)
    if len(fs) <= n:
        raise NoEvidence(M.t("10.no-frame", what=" ".join(f"{k}={v}" for k, v in want.items()), n=n + 1,
                             file=ctx.lab.run(run).file), run)
    return fs[n]


def _part(ctx: Ctx, run: str, part: str) -> dict:
    got = data(ctx, run).get(part) or {}
    if not got:
        raise NoEvidence(M.t("10.no-part", part=part, file=ctx.lab.run(run).file), run)
    return got


def _median(values: list[float], ctx: Ctx, run: str, part: str) -> float:
    if not values:
        raise NoEvidence(M.t("10.no-part", part=part, file=ctx.lab.run(run).file), run)
    v = sorted(values)
    mid = len(v) // 2
    return v[mid] if len(v) % 2 else (v[mid - 1] + v[mid]) / 2


def _lat(ctx: Ctx, run: str, part: str) -> float:
    return _median([x["latency_ms"] for x in _part(ctx, run, part).get("latencies") or []], ctx, run, part)


def _header(ctx: Ctx, name: str) -> list[str]:
    return [v for k, v in _part(ctx, "r1", "upgrade").get("response_headers") or [] if k.lower() == name.lower()]


def _yes(value) -> str:
    return "yes" if value else "no"


SIDES = {"client": ("c", "netlab", "클라이언트"), "server": ("s", "서버")}


def _questions():
    r1, r2, r4, r4b, r5 = ("r1",), ("r2",), ("r4",), ("r4b",), ("r5",)
    up, fr, pp, po, hb, cl = ("10.look.upgrade", "10.look.frames", "10.look.pings", "10.look.polling", "10.look.idle",
                              "10.look.close")
    cs, sc = {"direction": "c>s"}, {"direction": "s>c"}
    return (
        *(free(f"P{i}") for i in range(1, 7)),
        ask("O1.method", "text", lambda c: _part(c, "r1", "upgrade")["request_line"].split()[0], r1, up),
        ask("O1.status", "int", lambda c: _part(c, "r1", "upgrade")["status"], r1, up),
        ask("O1.subprotocol", "text", lambda c: _part(c, "r1", "upgrade")["subprotocol"], r1, up),
        ask("O1.alpn", "text", lambda c: _part(c, "r1", "upgrade")["alpn"], r1, up),
        ask("O1.server_headers", "nameset", lambda c: _header(c, "Server"), r1, up),
        ask("O1.status_rtt_ms", "float", lambda c: build(c.p).rtt_ms("app"), (), "10.look.status", unit="ms",
            tol=(0.5, 0.0)),
        ask("O2.key", "text", lambda c: _part(c, "r1", "upgrade")["key"], r1, "10.look.accept"),
        ask("O2.accept", "text", lambda c: _part(c, "r1", "upgrade")["accept"], r1, "10.look.accept"),
        ask("O2.accept_ok", "choice", lambda c: _yes(_part(c, "r1", "upgrade")["accept_ok"]), r1, "10.look.accept",
            choices=YES_NO),
        ask("O2.rfc_accept", "text", lambda c: "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", (), "10.look.r3"),
        ask("O3.hello_header_cs", "int", lambda c: _frame(c, "r1", 0, opcode="text", **cs)["header_len"], r1, fr,
            unit="bytes"),
        ask("O3.hello_header_sc", "int", lambda c: _frame(c, "r1", 0, opcode="text", **sc)["header_len"], r1, fr,
            unit="bytes"),
        ask("O3.hello_mask_key", "text", lambda c: _frame(c, "r1", 0, opcode="text", **cs)["mask_key"], r1, fr),
        ask("O3.hello_wire_bytes", "int", lambda c: _frame(c, "r1", 0, opcode="text", **cs)["length"], r1, fr,
            unit="bytes"),
        ask("O3.text300_form", "int", lambda c: _frame(c, "r1", 1, opcode="text", **cs)["length_form"], r1, fr),
        ask("O3.text300_wire_bytes", "int", lambda c: _frame(c, "r1", 1, opcode="text", **cs)["length"], r1, fr,
            unit="bytes"),
        ask("O3.binary_form", "int", lambda c: _frame(c, "r1", 0, opcode="binary", **cs)["length_form"], r1, fr),
        ask("O3.binary_header_cs", "int", lambda c: _frame(c, "r1", 0, opcode="binary", **cs)["header_len"], r1, fr,
            unit="bytes"),
        ask("O3.binary_wire_bytes", "int", lambda c: _frame(c, "r1", 0, opcode="binary", **cs)["length"], r1, fr,
            unit="bytes"),
        ask("O3.server_masks", "choice", lambda c: _yes(any(f["masked"] for f in _frames(c, "r1", **sc))), r1, fr,
            choices=YES_NO),
        ask("O4.port", "int", lambda c: _part(c, "r2", "upgrade")["port"], r2, "10.look.r2"),
        ask("O4.frames", "int", lambda c: len(_frames(c, "r2")), r2, "10.look.r2"),
        ask("O5.pings", "int", lambda c: len(data(c, "r1").get("pings") or []), r1, pp),
        ask("O5.ping_rtt_ms", "float", lambda c: _median([p["rtt_ms"] for p in data(c, "r1").get("pings") or []
                                                          if p.get("rtt_ms") is not None], c, "r1", "pings"),
            r1, pp, unit="ms", tol=(1.0, 0.1)),
        ask("O5.connect_ms", "float", lambda c: _part(c, "r1", "upgrade")["connect_ms"], r1, pp, unit="ms",
            tol=(1.0, 0.05)),
        ask("O6.push_messages", "int", lambda c: _part(c, "r4", "push")["messages"], r4, po),
        ask("O6.push_latency_ms", "float", lambda c: _lat(c, "r4", "push"), r4, po, unit="ms", tol=(1.0, 0.1)),
        ask("O6.push_wire_bytes", "int", lambda c: _part(c, "r4", "wire")["push"]["bytes"], r4, po, unit="bytes"),
        ask("O6.poll_requests", "int", lambda c: _part(c, "r4", "polling")["requests"], r4, po),
        ask("O6.poll_empty", "int", lambda c: _part(c, "r4", "polling")["empty"], r4, po),
        ask("O6.poll_updates", "int", lambda c: _part(c, "r4", "polling")["updates"], r4, po),
        ask("O6.poll_latency_ms", "float", lambda c: _lat(c, "r4", "polling"), r4, po, unit="ms", tol=(5.0, 0.05)),
        ask("O6.poll_wire_bytes", "int", lambda c: _part(c, "r4", "wire")["polling"]["bytes"], r4, po, unit="bytes"),
        ask("O6.poll2_requests", "int", lambda c: _part(c, "r4b", "polling")["requests"], r4b, po),
        ask("O6.poll2_latency_ms", "float", lambda c: _lat(c, "r4b", "polling"), r4b, po, unit="ms", tol=(5.0, 0.05)),
        ask("O7.server_ping_interval_ms", "float",
            lambda c: _median([p["since_last_ms"] for p in data(c, "r5").get("server_pings") or []
                               if p.get("since_last_ms") is not None], c, "r5", "server_pings"), r5, hb, unit="ms",
            tol=(20.0, 0.0)),
        ask("O7.pongs_sent", "int", lambda c: len(_frames(c, "r5", opcode="pong", **cs)), r5, hb),
        ask("O7.idle_server_pings", "int", lambda c: _part(c, "r5", "idle")["server_pings"], r5, hb),
        ask("O7.idle_answered", "choice", lambda c: _yes(_part(c, "r5", "idle")["answered"]), r5, hb, choices=YES_NO),
        ask("O8.r1_first_close", "choice", lambda c: _part(c, "r1", "close")["first"], r1, cl, choices=SIDES),
        ask("O8.r1_close_code", "int", lambda c: _part(c, "r1", "close")["code"], r1, cl),
        ask("O8.r6a_first_close", "choice", lambda c: _part(c, "r6a", "close")["first"], ("r6a",), cl, choices=SIDES),
        ask("O8.r6a_code", "int", lambda c: _part(c, "r6a", "close")["code"], ("r6a",), cl),
        ask("O8.r6a_reply_code", "int", lambda c: _part(c, "r6a", "close")["reply_code"], ("r6a",), cl),
        ask("O8.r6b_code", "int", lambda c: _part(c, "r6b", "close")["code"], ("r6b",), cl),
        ask("O8.r6b_meaning", "text", lambda c: _part(c, "r6b", "close")["meaning"], ("r6b",), cl),
        ask("O8.unmasked_code", "int", lambda c: _part(c, "r1", "unmasked_test")["close_code"], r1, cl),
        ask("O8.unmasked_echoed", "choice", lambda c: _yes(_part(c, "r1", "unmasked_test")["echoed"]), r1, cl,
            choices=YES_NO),
        *(free(f"E{i}") for i in range(1, 6)),
    )


def expected(v: Variant) -> list[tuple[str, object]]:
    rtt = build(v.params).rtt_ms("app")
    return [("RTT", M.t("10.x.rtt", rtt=f"{rtt:.0f}")),
            ("R1", M.t("10.x.r1", rtt=f"{rtt:.0f}", two=f"{2 * rtt:.0f}")),
            ("R2", M.t("10.x.r2")), ("R3", M.t("10.x.r3")),
            ("R4", M.t("10.x.r4", one=f"{rtt / 2:.0f}")), ("R5", M.t("10.x.r5", ms=f"{1000 * v.params['heartbeat_ping_s']:.0f}",
                                                   n=int(10 // v.params["heartbeat_ping_s"]))), ("R6", M.t("10.x.r6"))]


catalogue_file("lab", __name__)

QUESTIONS = _questions()


LAB = LabDef(number=10, slug="10-websocket", minutes="60", probes=("websocket", "tshark"), defaults=DEFAULTS,
             draw=draw, build=build, runs=RUNS, questions=QUESTIONS, expected=expected,
             start_notes=lambda v: [M.t("10.start")])
