"""Lab 10, WebSocket: the variant, the evidence, the checks (pure).

What differs between two students: the one-way delay of app.lab.test (RTT 4-16 ms), so the ping
round trips, the TCP (+TLS) set-up and the polling latencies are measured against a different RTT;
and, in every run, the Sec-WebSocket-Key, the mask keys and the TCP ports are drawn anew (the
client's and the kernel's own random values), so a neighbour's evidence is not the student's.
The protocol itself (101, the Accept computation, the length forms, who masks, close codes) is the
same for everyone: those answers are checked against the student's own recordings.  The golden
variant (ID ``golden``) is the default scenario: app RTT 10 ms.
"""

from __future__ import annotations

from netlab.i18n import catalogue
from netlab.lab.base import Ctx, LabDef, NoEvidence, Run, Variant
from netlab.lab.common import YES_NO, ask, data, free
from netlab.lab.draft import ScenarioDraft
from netlab.lab.messages import M

DELAYS = tuple(x / 2 for x in range(4, 17))  # 2.0, 2.5, ... 8.0 ms one way
DEFAULTS = {"app_delay": 5.0}


def draw(rng) -> dict:
    return {"app_delay": rng.choice(DELAYS)}


def build(p: dict) -> ScenarioDraft:
    d = ScenarioDraft("lab-10", "lab 10 (WebSocket): a student's variant of the default scenario")
    d.set_delay("app", p["app_delay"])
    return d


def _ws(url: str, **want):
    def matches(params: dict) -> bool:
        if str(params.get("url", "")) != url:
            return False
        base = {"send": True, "pings": 3, "listen": 0.0, "idle": 0.0, "compare_polling": False,
                "unmasked_test": False, "deflate": True, "messages": []}
        base.update(want)
        return all(params.get(k) == v for k, v in base.items())
    return matches


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
            ("R4", M.t("10.x.r4", one=f"{rtt / 2:.0f}")), ("R5", M.t("10.x.r5")), ("R6", M.t("10.x.r6"))]


catalogue("lab", {
    "10.title": ("WebSocket", "WebSocket"),
    "10.concepts": ("the upgrade is an HTTP GET answered by 101, Sec-WebSocket-Accept, frames and masks and three "
                    "length forms, ping/pong, push vs polling measured, heartbeats and idle connections, close codes",
                    "업그레이드는 101로 답하는 HTTP GET, Sec-WebSocket-Accept, 프레임과 마스크와 세 가지 길이 형식, "
                    "ping/pong, 푸시와 폴링을 측정해 비교, 하트비트와 유휴 연결, close 코드"),
    "10.start": ("Your sandbox's RTT to app.lab.test is your own, and so are your run's keys, mask keys and ports. "
                 "R1, R2 and R4-R6 save the evidence (--save ...rec.json) that lab check reads.",
                 "app.lab.test까지의 RTT는 내 샌드박스만의 값이고, 실행의 키, 마스크 키, 포트도 내 것입니다. R1, R2, "
                 "R4-R6이 lab check가 읽는 증거를 저장합니다(--save ...rec.json)."),
    "10.no-frame": ("{file} has no frame number {n} with {what}", "{file}에 {what}인 {n}번째 프레임이 없습니다"),
    "10.no-part": ("{file} has no {part}", "{file}에 {part} 항목이 없습니다"),
    "10.look.upgrade": ("r1.md, The upgrade: the request line, the headers, the status line",
                        "r1.md의 업그레이드: 요청 줄, 헤더, 상태 줄"),
    "10.look.status": ("netlab sandbox status --name $S, the RTT column of app", "netlab sandbox status --name $S의 app RTT 열"),
    "10.look.accept": ("r1.md, Sec-WebSocket-Accept, computed", "r1.md의 Sec-WebSocket-Accept 계산"),
    "10.look.r3": ("R3's answer: the Sec-WebSocket-Accept line", "R3의 답: Sec-WebSocket-Accept 줄"),
    "10.look.frames": ("r1.md, Frames: direction, FIN/RSV1/MASK, mask key, length form, header and payload bytes",
                       "r1.md의 프레임: 방향, FIN/RSV1/MASK, 마스크 키, 길이 형식, 헤더와 페이로드 바이트"),
    "10.look.r2": ("r2.md and R2's tshark lines: one line per frame", "r2.md와 R2의 tshark 줄: 프레임마다 한 줄"),
    "10.look.pings": ("r1.md, Ping and pong, and the TCP (+TLS) set-up line", "r1.md의 Ping과 pong, TCP (+TLS) 수립 줄"),
    "10.look.polling": ("r4.md / r4b.md, Push vs polling: requests, updates, bytes, latencies",
                        "r4.md / r4b.md의 푸시와 폴링: 요청, 업데이트, 바이트, 지연"),
    "10.look.idle": ("r5.md: the server's pings, the pongs, and the idle test", "r5.md: 서버의 ping, pong, 유휴 시험"),
    "10.look.close": ("r1.md / r6a.md / r6b.md, The close handshake (and r1.md's unmasked test)",
                      "r1.md / r6a.md / r6b.md의 close 핸드셰이크(그리고 r1.md의 마스크 없는 프레임 시험)"),
    "10.x.rtt": ("configured RTT to app.lab.test: {rtt} ms", "설정된 app.lab.test RTT: {rtt} ms"),
    "10.x.r1": ("GET /ws/echo HTTP/1.1 with Upgrade, Connection, Sec-WebSocket-Key, -Version, -Extensions "
                "(permessage-deflate) and -Protocol; 101 Switching Protocols with Accept (checked), the subprotocol "
                "netlab.echo.v1, two Server headers (Caddy, uvicorn), ALPN http/1.1; TCP + TLS set-up a little over "
                "{two} ms; client frames masked (header 6, 8, 14 bytes for the 7-, 16- and 64-bit forms), server "
                "frames never (2, 4, 10); hello 5 bytes -> 7 on the wire (deflate, RSV1), 300 letters -> 216, the "
                "70,000 random bytes grow to 70,155; 3 pings at about {rtt} ms; the client closes with 1000; the "
                "unmasked frame is answered with close 1002 and not echoed",
                "Upgrade, Connection, Sec-WebSocket-Key, -Version, -Extensions(permessage-deflate), -Protocol이 붙은 "
                "GET /ws/echo HTTP/1.1. 101 Switching Protocols와 Accept(확인됨), 서브프로토콜 netlab.echo.v1, Server "
                "헤더 두 개(Caddy, uvicorn), ALPN http/1.1. TCP + TLS 수립은 {two} ms 조금 넘게. 클라이언트 프레임은 "
                "마스크됨(7·16·64비트 형식에서 헤더 6, 8, 14바이트), 서버 프레임은 절대 아님(2, 4, 10). hello 5바이트 "
                "-> 선로에서 7(deflate, RSV1), 300글자 -> 216, 무작위 70,000바이트는 70,155로 커짐. ping 3번, 약 "
                "{rtt} ms. 클라이언트가 1000으로 닫음. 마스크 없는 프레임에는 close 1002로 답하고 되돌려 보내지 않음"),
    "10.x.r2": ("ws:// on port 80: tshark lists the same 14 frames (opcodes 1, 2, 9, 10, 8; mask 1 from the client "
                "only); the last HTTP message is the 101, then WebSocket frames on the same connection",
                "80번 포트의 ws://: tshark도 같은 프레임 14개(opcode 1, 2, 9, 10, 8. mask 1은 클라이언트 쪽만). 마지막 "
                "HTTP 메시지는 101이고 같은 연결에서 WebSocket 프레임이 이어짐"),
    "10.x.r3": ("the raw client gets 101 and Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo= (RFC 6455's value)",
                "손으로 만든 클라이언트도 101과 Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=(RFC 6455의 값)를 받음"),
    "10.x.r4": ("push: 8 updates in 4 s, each seen about {one} ms after it was produced (one way, plus processing), "
                "no request; polling every 0.5 s: 8 requests, 7 updates, latency set by the phase of the poll "
                "against the updates (from a few ms to the whole interval: it changes from run to run), more bytes "
                "on the wire; every 2 s: 2 or 3 requests, each answer carries several updates, the oldest ones late "
                "by up to 2 s (median about 1 s)",
                "푸시: 4초 동안 업데이트 8개, 각각 만들어진 뒤 약 {one} ms에 보임(편도와 처리), 요청 없음. 0.5초마다 폴링: "
                "요청 8개, 업데이트 7개, 지연은 업데이트에 대한 폴링의 위상이 정함(몇 ms에서 간격 전체까지, 실행마다 다름), 선로의 "
                "바이트가 더 많음. 2초마다: 요청 2-3개, 답마다 업데이트 여러 개, 오래된 것은 최대 2초 늦음(중앙값 약 1초)"),
    "10.x.r5": ("the server pings every 1000 ms; the websockets library answers each with a masked pong (netlab's "
                "code does nothing); after 10 s of silence (10 server pings) the connection still echoes",
                "서버가 1000 ms마다 ping. websockets 라이브러리가 마스크된 pong으로 답함(netlab의 코드는 아무것도 안 "
                "함). 10초 침묵(서버 ping 10번) 뒤에도 연결은 여전히 되돌려 보냄"),
    "10.x.r6": ("the server closes first: 4000 'bye' (application-defined), 1008 'policy' (policy violation); the "
                "client echoes the code; the server ends the TCP connection",
                "서버가 먼저 닫음: 4000 'bye'(응용 정의), 1008 'policy'(정책 위반). 클라이언트가 같은 코드로 답하고 "
                "TCP 연결은 서버가 끝냄"),
})

catalogue("lab", {f"10.q.{k}": v for k, v in {
    "O1.method": ("O1 (R1). The upgrade request's method", "O1 (R1). 업그레이드 요청의 메서드"),
    "O1.status": ("O1 (R1). The answer's status code", "O1 (R1). 답의 상태 코드"),
    "O1.subprotocol": ("O1 (R1). The subprotocol the server chose", "O1 (R1). 서버가 고른 서브프로토콜"),
    "O1.alpn": ("O1 (R1). The TLS ALPN under wss://", "O1 (R1). wss:// 아래 TLS의 ALPN"),
    "O1.server_headers": ("O1 (R1). The values of the Server header(s)", "O1 (R1). Server 헤더(들)의 값"),
    "O1.status_rtt_ms": ("O1. app's RTT in sandbox status, in ms", "O1. sandbox status의 app RTT(ms)"),
    "O2.key": ("O2 (R1). Your Sec-WebSocket-Key", "O2 (R1). 내 Sec-WebSocket-Key"),
    "O2.accept": ("O2 (R1). The server's Sec-WebSocket-Accept", "O2 (R1). 서버의 Sec-WebSocket-Accept"),
    "O2.accept_ok": ("O2 (R1). Does it equal base64(SHA-1(key + GUID))? (yes/no)",
                     "O2 (R1). base64(SHA-1(key + GUID))와 같나요? (yes/no)"),
    "O2.rfc_accept": ("O2 (R3). The Accept the raw client got", "O2 (R3). 손으로 만든 클라이언트가 받은 Accept"),
    "O3.hello_header_cs": ("O3 (R1). hello, c>s: header bytes", "O3 (R1). hello, c>s: 헤더 바이트"),
    "O3.hello_header_sc": ("O3 (R1). hello, s>c: header bytes", "O3 (R1). hello, s>c: 헤더 바이트"),
    "O3.hello_mask_key": ("O3 (R1). hello, c>s: the mask key", "O3 (R1). hello, c>s: 마스크 키"),
    "O3.hello_wire_bytes": ("O3 (R1). hello, c>s: payload bytes on the wire", "O3 (R1). hello, c>s: 선로의 페이로드 바이트"),
    "O3.text300_form": ("O3 (R1). 300 letters, c>s: the length form (7/16/64)", "O3 (R1). 300글자, c>s: 길이 형식(7/16/64)"),
    "O3.text300_wire_bytes": ("O3 (R1). 300 letters, c>s: payload bytes on the wire",
                              "O3 (R1). 300글자, c>s: 선로의 페이로드 바이트"),
    "O3.binary_form": ("O3 (R1). 70,000 bytes, c>s: the length form", "O3 (R1). 70,000바이트, c>s: 길이 형식"),
    "O3.binary_header_cs": ("O3 (R1). 70,000 bytes, c>s: header bytes", "O3 (R1). 70,000바이트, c>s: 헤더 바이트"),
    "O3.binary_wire_bytes": ("O3 (R1). 70,000 bytes, c>s: payload bytes on the wire",
                             "O3 (R1). 70,000바이트, c>s: 선로의 페이로드 바이트"),
    "O3.server_masks": ("O3 (R1). Did any server frame carry a mask? (yes/no)", "O3 (R1). 마스크가 있는 서버 프레임이 있었나요? (yes/no)"),
    "O4.port": ("O4 (R2). ws:// went to which port?", "O4 (R2). ws://는 몇 번 포트로 갔나요?"),
    "O4.frames": ("O4 (R2). How many WebSocket frames does tshark list?", "O4 (R2). tshark가 보여 주는 WebSocket 프레임은 몇 개?"),
    "O5.pings": ("O5 (R1). How many pings?", "O5 (R1). ping은 몇 번?"),
    "O5.ping_rtt_ms": ("O5 (R1). The median ping RTT, in ms", "O5 (R1). ping RTT의 중앙값(ms)"),
    "O5.connect_ms": ("O5 (R1). The TCP (+TLS) set-up, in ms", "O5 (R1). TCP (+TLS) 수립 시간(ms)"),
    "O6.push_messages": ("O6 (R4). WebSocket push: updates received", "O6 (R4). WebSocket 푸시: 받은 업데이트"),
    "O6.push_latency_ms": ("O6 (R4). WebSocket push: median latency, in ms", "O6 (R4). WebSocket 푸시: 지연 중앙값(ms)"),
    "O6.push_wire_bytes": ("O6 (R4). WebSocket push: bytes on the wire", "O6 (R4). WebSocket 푸시: 선로의 바이트"),
    "O6.poll_requests": ("O6 (R4). Polling every 0.5 s: HTTP requests", "O6 (R4). 0.5초마다 폴링: HTTP 요청"),
    "O6.poll_empty": ("O6 (R4). Polling every 0.5 s: answers with nothing new", "O6 (R4). 0.5초마다 폴링: 새것이 없는 답"),
    "O6.poll_updates": ("O6 (R4). Polling every 0.5 s: updates received", "O6 (R4). 0.5초마다 폴링: 받은 업데이트"),
    "O6.poll_latency_ms": ("O6 (R4). Polling every 0.5 s: median latency, in ms", "O6 (R4). 0.5초마다 폴링: 지연 중앙값(ms)"),
    "O6.poll_wire_bytes": ("O6 (R4). Polling every 0.5 s: bytes on the wire", "O6 (R4). 0.5초마다 폴링: 선로의 바이트"),
    "O6.poll2_requests": ("O6 (R4, second run). Polling every 2 s: HTTP requests", "O6 (R4, 두 번째). 2초마다 폴링: HTTP 요청"),
    "O6.poll2_latency_ms": ("O6 (R4, second run). Polling every 2 s: median latency, in ms",
                            "O6 (R4, 두 번째). 2초마다 폴링: 지연 중앙값(ms)"),
    "O7.server_ping_interval_ms": ("O7 (R5). The time between the server's pings, in ms", "O7 (R5). 서버 ping 사이의 시간(ms)"),
    "O7.pongs_sent": ("O7 (R5). How many pongs did the client send?", "O7 (R5). 클라이언트가 보낸 pong은 몇 개?"),
    "O7.idle_server_pings": ("O7 (R5). Server pings during the 10 s of silence", "O7 (R5). 10초 침묵 동안의 서버 ping"),
    "O7.idle_answered": ("O7 (R5). Did the connection answer after the silence? (yes/no)",
                         "O7 (R5). 침묵 뒤에도 연결이 답했나요? (yes/no)"),
    "O8.r1_first_close": ("O8 (R1). Who sent the first close frame? (client/server)",
                          "O8 (R1). 첫 close 프레임은 누가? (client/server)"),
    "O8.r1_close_code": ("O8 (R1). Its code", "O8 (R1). 그 코드"),
    "O8.r6a_first_close": ("O8 (R6, code=4000). Who sent the first close frame?", "O8 (R6, code=4000). 첫 close 프레임은 누가?"),
    "O8.r6a_code": ("O8 (R6, code=4000). Its code", "O8 (R6, code=4000). 그 코드"),
    "O8.r6a_reply_code": ("O8 (R6, code=4000). The code that came back", "O8 (R6, code=4000). 돌아온 코드"),
    "O8.r6b_code": ("O8 (R6, code=1008). Its code", "O8 (R6, code=1008). 그 코드"),
    "O8.r6b_meaning": ("O8 (R6, code=1008). Its meaning, as the report names it", "O8 (R6, code=1008). 보고서가 적은 그 뜻"),
    "O8.unmasked_code": ("O8 (R1). The close code answering the unmasked frame", "O8 (R1). 마스크 없는 프레임에 답한 close 코드"),
    "O8.unmasked_echoed": ("O8 (R1). Was the unmasked frame echoed? (yes/no)", "O8 (R1). 마스크 없는 프레임이 되돌아왔나요? (yes/no)"),
}.items()})

QUESTIONS = _questions()


LAB = LabDef(number=10, slug="10-websocket", minutes="60", probes=("websocket", "tshark"), defaults=DEFAULTS,
             draw=draw, build=build, runs=RUNS, questions=QUESTIONS, expected=expected,
             start_notes=lambda v: [M.t("10.start")])
