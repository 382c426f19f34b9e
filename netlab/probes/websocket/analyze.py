"""websocket analysis: Recording -> WebSocketResult.  Pure: no sockets, no clock, no files.

Everything is read again from the recorded bytes: the HTTP head each side sent (handshake.py), then
every frame of each direction (frames.py), in time order.  The `websockets` library's own verdicts
are kept beside ours (``library``): two readings of the same bytes.
"""

from __future__ import annotations

import json

from netlab.model import Recording
from netlab.probes.events import take_lookup
from netlab.probes.websocket.findings import RULES
from netlab.probes.websocket.frames import CLOSE_CODES, Frame, assemble, close_info, parse_frames
from netlab.probes.websocket.handshake import check
from netlab.probes.websocket.model import (
    MAX_MESSAGE,
    FrameView,
    WebSocketResult,
    WsBytesReceived,
    WsBytesSent,
    WsCaptureTaken,
    WsConnected,
    WsConnectFailed,
    WsConnectionEnded,
    WsIdled,
    WsLibraryNoted,
    WsNameLookedUp,
    WsPollConnected,
    WsPolled,
)
from netlab.units import ms_since


def _first(rec: Recording, cls: type, **match):
    return next((e for e in rec.of_type(cls) if all(getattr(e, k) == v for k, v in match.items())), None)


class Stream:
    """One connection's bytes: the HTTP heads and the frames after them, each direction."""

    def __init__(self, rec: Recording, conn: int):
        self.sent = [(e.t, e.data, e.what) for e in rec.of_type(WsBytesSent) if e.conn == conn]
        self.recv = [(e.t, e.data, e.wall) for e in rec.of_type(WsBytesReceived) if e.conn == conn]
        out = b"".join(d for _, d, _ in self.sent)
        back = b"".join(d for _, d, _ in self.recv)
        self.upgrade = check(out, back)
        self.t_request = self.sent[0][0] if self.sent else None
        self.t_response = _time_at(self.recv, self.upgrade.response.length - 1) if self.upgrade.response.length else None
        self.c_chunks = _after(self.sent, self.upgrade.request.length)
        self.s_chunks = _after(self.recv, self.upgrade.response.length) if self.upgrade.status == 101 else []
        self.walls = [(t, w) for t, _, w in self.recv]
        self.c_frames, self.c_stop = parse_frames(self.c_chunks, "c>s", max_frame=MAX_MESSAGE * 16, keep=MAX_MESSAGE)
        self.s_frames, self.s_stop = parse_frames(self.s_chunks, "s>c", max_frame=MAX_MESSAGE, keep=MAX_MESSAGE)
        self.handshake_bytes = (self.upgrade.request.length, self.upgrade.response.length)

    def wall_at(self, t: float | None) -> float | None:
        return next((w for tt, w in self.walls if t is not None and tt >= t), None)


def _after(chunks: list, skip: int) -> list[tuple[float, bytes]]:
    out, pos = [], 0
    for t, d, *_ in chunks:
        if pos + len(d) <= skip:
            pos += len(d)
            continue
        out.append((t, d[max(0, skip - pos):]))
        pos += len(d)
    return out


def _time_at(chunks: list, offset: int) -> float | None:
    pos = 0
    for t, d, *_ in chunks:
        pos += len(d)
        if offset < pos:
            return t
    return None


def analyze(rec: Recording) -> WebSocketResult:
    params = dict(rec.params)
    res = WebSocketResult(url=str(params.get("url", "")), host=str(params.get("host", "")), params=params)
    if take_lookup(res, _first(rec, WsNameLookedUp)):
        res.findings = RULES.run(res, rec)
        return res
    conn = _first(rec, WsConnected, conn=1)
    failed = _first(rec, WsConnectFailed, conn=1)
    if conn is None:
        res.unreachable = True
        res.error = failed.error if failed else "no connection"
        res.findings = RULES.run(res, rec)
        return res
    res.connected, res.address, res.tls = True, conn.address, conn.tls_version
    t0 = conn.t_start
    st = Stream(rec, 1)
    _upgrade(res, st, conn, t0)
    frames = sorted(st.c_frames + st.s_frames, key=lambda f: (f.t if f.t is not None else 1e18, f.direction))
    texts = _message_texts(st, bool(res.upgrade.get("deflate")))
    res.frames = [_view(i, f, t0, texts.get((f.direction, f.index))) for i, f in enumerate(frames, start=1)]
    _messages(res, st, t0)
    _pings(res, frames, t0)
    _push(res, rec, st, frames, t0)
    _close(res, rec, frames, t0, 1)
    res.library = [{"conn": n.conn, "what": n.what, "text": n.text, "t_ms": ms_since(n.t, t0)}
                   for n in rec.of_type(WsLibraryNoted)]
    _idle(res, rec, frames, t0)
    _polling(res, rec, st, t0)
    _unmasked(res, rec)
    _wire(res, rec)
    res.bytes = {
        "handshake_up": st.handshake_bytes[0], "handshake_down": st.handshake_bytes[1],
        "frames_up": sum(f.wire_len for f in st.c_frames), "frames_down": sum(f.wire_len for f in st.s_frames),
        "headers_up": sum(f.header_len for f in st.c_frames), "headers_down": sum(f.header_len for f in st.s_frames),
        "stopped": st.s_stop,
    }
    for m in res.messages:
        m.pop("_t", None)
        m.pop("_data", None)
    res.findings = RULES.run(res, rec)
    return res


def _upgrade(res: WebSocketResult, st: Stream, conn, t0: float) -> None:
    u = st.upgrade
    res.upgrade = {
        "request_line": u.request.start_line, "request_headers": [list(h) for h in u.request.headers],
        "status_line": u.response.start_line, "response_headers": [list(h) for h in u.response.headers],
        "status": u.status, "key": u.key, "sha1": u.sha1_hex, "expected": u.expected, "accept": u.accept,
        "accept_ok": u.accept_ok, "subprotocols_offered": u.subprotocol_offered, "subprotocol": u.subprotocol,
        "extensions_offered": u.extensions_offered, "extensions": u.extensions, "deflate": u.deflate,
        "problems": list(u.problems), "connect_ms": ms_since(conn.t, conn.t_start),
        "t_request_ms": ms_since(st.t_request, t0), "t_response_ms": ms_since(st.t_response, t0),
        "rtt_ms": ms_since(st.t_response, st.t_request), "tls": conn.tls_version, "alpn": conn.alpn,
        "scheme": conn.scheme, "port": conn.port,
    }


def _message_texts(st: Stream, deflate: bool) -> dict:
    """(direction, frame index) of each message's last frame -> what the message says (decompressed)."""
    out = {}
    for frames in (st.c_frames, st.s_frames):
        for m in assemble(frames, deflate)[0]:
            if m.frames:
                if m.text is not None:
                    said = m.text[:40] + ("…" if len(m.text) > 40 else "")
                else:
                    said = m.data[:8].hex() + ("…" if m.data_len > 8 else "")
                out[(m.direction, m.frames[-1])] = (said, m.data_len, m.compressed)
    return out


def _preview(f: Frame, said=None) -> str:
    if f.opcode == 8:
        code, reason, _ = close_info(f)
        return f"{code} {reason}".strip() if code is not None else ""
    if said is not None and (f.rsv1 or f.opcode == 0 or f.opcode in (1, 2)):
        text, n, compressed = said
        return f"{text} ({n} B{', deflate' if compressed else ''})"
    if f.opcode in (1, 9, 10, 0):
        try:
            text = f.payload[:60].decode("utf-8")
            return text + ("…" if f.length > 60 else "")
        except UnicodeDecodeError:
            pass
    return f.payload[:12].hex() + ("…" if f.length > 12 else "")


def _view(i: int, f: Frame, t0: float, said=None) -> FrameView:
    return FrameView(index=i, t_ms=ms_since(f.t, t0), direction=f.direction, fin=f.fin, rsv1=f.rsv1, opcode=f.name,
                     masked=f.masked, mask_key=f.mask_key.hex() if f.mask_key else None, length_form=f.length_form,
                     header_len=f.header_len, length=f.length, preview=_preview(f, said), problems=list(f.problems))


def _messages(res: WebSocketResult, st: Stream, t0: float) -> None:
    deflate = bool(res.upgrade.get("deflate"))
    for frames in (st.c_frames, st.s_frames):
        msgs, stray = assemble(frames, deflate)
        for m in msgs:
            res.messages.append({
                "direction": m.direction, "type": "text" if m.opcode == 1 else "binary", "frames": len(m.frames),
                "wire_bytes": m.wire_bytes, "size": m.size, "compressed": m.compressed, "data_len": m.data_len,
                "text": (m.text[:80] if m.text is not None else None), "t_ms": ms_since(m.t_last, t0),
                "t_first_ms": ms_since(m.t_first, t0), "problems": list(m.problems), "interleaved": m.interleaved,
                "_t": m.t_last, "_data": m.text if m.text is not None and len(m.text) < 400 else None,
            })
        for s in stray:
            res.messages.append({"direction": frames[0].direction if frames else "", "type": "stray", "frames": 0,
                                 "wire_bytes": 0, "size": 0, "compressed": False, "data_len": 0, "text": None,
                                 "t_ms": None, "t_first_ms": None, "problems": [s], "interleaved": [], "_t": None,
                                 "_data": None})
    res.messages.sort(key=lambda m: (m["_t"] if m["_t"] is not None else 1e18))


def _pings(res: WebSocketResult, frames: list[Frame], t0: float) -> None:
    for i, f in enumerate(frames):
        if f.opcode != 9:
            continue
        answer_dir = "s>c" if f.direction == "c>s" else "c>s"
        pong = next((g for g in frames[i + 1:] if g.opcode == 10 and g.direction == answer_dir
                     and g.payload == f.payload), None)
        entry = {"payload": f.payload[:40].decode("utf-8", "replace"), "t_ms": ms_since(f.t, t0),
                 "rtt_ms": ms_since(pong.t, f.t) if pong else None}
        (res.pings if f.direction == "c>s" else res.server_pings).append(entry)
    for a, b in zip(res.server_pings, res.server_pings[1:], strict=False):
        if a["t_ms"] is not None and b["t_ms"] is not None:
            b["since_last_ms"] = round(b["t_ms"] - a["t_ms"], 3)


def _produced(m: dict) -> tuple[int | None, float | None]:
    try:
        data = json.loads(m["_data"]) if m.get("_data") else None
    except ValueError:
        return None, None
    if isinstance(data, dict) and isinstance(data.get("seq"), int) and isinstance(data.get("produced"), int | float):
        return data["seq"], float(data["produced"])
    return None, None


def _push(res: WebSocketResult, rec: Recording, st: Stream, frames: list[Frame], t0: float) -> None:
    """Server messages that no client message preceded since the server's previous one."""
    pushed, waiting = [], False
    events = sorted([(m["_t"], m) for m in res.messages if m["_t"] is not None], key=lambda x: x[0])
    for _t, m in events:
        if m["direction"] == "c>s":
            waiting = True
        elif m["direction"] == "s>c":
            if waiting:
                waiting = False
                m["reply"] = True
            else:
                pushed.append(m)
    same_clock = bool(rec.environment.get("same_clock"))
    lat = []
    for m in pushed:
        seq, produced = _produced(m)
        wall = st.wall_at(m["_t"])
        if seq is not None and wall is not None:
            lat.append({"seq": seq, "latency_ms": round((wall - produced) * 1000, 3)})
    res.push = {"messages": len(pushed), "wire_bytes": sum(m["wire_bytes"] for m in pushed),
                "latencies": lat, "same_clock": same_clock,
                "first_ms": pushed[0]["t_ms"] if pushed else None, "last_ms": pushed[-1]["t_ms"] if pushed else None}


def _close(res: WebSocketResult, rec: Recording, frames: list[Frame], t0: float, conn: int) -> None:
    closes = [f for f in frames if f.opcode == 8]
    ended = _first(rec, WsConnectionEnded, conn=conn)
    c: dict = {"tcp_end": ended.how if ended else None, "tcp_end_ms": ms_since(ended.t, t0) if ended else None}
    if closes:
        first = closes[0]
        code, reason, probs = close_info(first)
        c.update({"first": "client" if first.direction == "c>s" else "server", "code": code, "reason": reason,
                  "meaning": CLOSE_CODES.get(code or 0, "application-defined" if code and 4000 <= code < 5000 else ""),
                  "t_ms": ms_since(first.t, t0), "problems": probs})
        reply = next((f for f in closes[1:] if f.direction != first.direction), None)
        if reply is not None:
            rc, rr, _ = close_info(reply)
            c.update({"reply_code": rc, "reply_reason": rr, "reply_ms": ms_since(reply.t, t0)})
    res.close = c


def _idle(res: WebSocketResult, rec: Recording, frames: list[Frame], t0: float) -> None:
    idled = next(iter(rec.of_type(WsIdled)), None)
    if idled is None:
        return
    after = [m for m in res.messages if m["_t"] is not None and m["_t"] > idled.t + idled.seconds]
    res.idle = {"seconds": idled.seconds, "answered": any(m["direction"] == "s>c" for m in after),
                "server_pings": sum(1 for f in frames if f.opcode == 9 and f.direction == "s>c"
                                    and f.t is not None and idled.t <= f.t <= idled.t + idled.seconds)}


def _polling(res: WebSocketResult, rec: Recording, st: Stream, t0: float) -> None:
    polls = rec.of_type(WsPolled)
    if not polls:
        return
    seen: dict[int, float] = {}
    empty = 0
    baseline: set[int] = set()
    for i, p in enumerate(polls):
        try:
            data = json.loads(p.body.decode("utf-8"))
            ups = data.get("updates", []) if isinstance(data, dict) else []
        except (UnicodeDecodeError, ValueError):
            ups = []
        new = 0
        for u in ups:
            if isinstance(u, dict) and isinstance(u.get("seq"), int) and u["seq"] not in seen \
                    and isinstance(u.get("produced"), int | float):
                if i == 0:  # the first poll only learns where the feed stands (older updates)
                    baseline.add(u["seq"])
                elif u["seq"] not in baseline:
                    seen[u["seq"]] = round((p.wall - float(u["produced"])) * 1000, 3)
                    new += 1
        if i and not new:
            empty += 1
    conns = {p.conn for p in polls}
    res.polling = {
        "requests": len(polls), "empty": empty, "updates": len(seen), "connections": len(conns),
        "bytes_up": sum(len(p.request) for p in polls), "bytes_down": sum(len(p.head) + p.body_total for p in polls),
        "latencies": [{"seq": k, "latency_ms": v} for k, v in sorted(seen.items())],
        "interval_s": float(res.params.get("poll_interval") or 1.0),
        "duration_ms": ms_since(polls[-1].t, polls[0].t_sent),
        "errors": [p.error for p in polls if p.error][:3],
    }


def _unmasked(res: WebSocketResult, rec: Recording) -> None:
    conn = _first(rec, WsConnected, conn=2)
    if conn is None:
        return
    st = Stream(rec, 2)
    raw_t = next((t for t, _, what in st.sent if what == "raw"), None)
    after = [f for f in st.s_frames if raw_t is not None and f.t is not None and f.t >= raw_t]
    close = next((f for f in after if f.opcode == 8), None)
    echoed = any(f.opcode in (1, 2) for f in after)
    code, reason = (close_info(close)[:2] if close is not None else (None, ""))
    ended = _first(rec, WsConnectionEnded, conn=2)
    res.unmasked_test = {"sent": raw_t is not None, "status": st.upgrade.status, "close_code": code,
                         "close_reason": reason, "echoed": echoed, "tcp_end": ended.how if ended else None}


def _wire(res: WebSocketResult, rec: Recording) -> None:
    cap = _first(rec, WsCaptureTaken)
    if cap is None:
        return
    if cap.error:
        res.wire = {"error": cap.error}
        return
    from netlab.capture.decode import decode_frame

    ports = {}
    main = _first(rec, WsConnected, conn=1)
    if main is not None:
        ports[main.local_port] = "push"
    for p in rec.of_type(WsPollConnected):
        ports[p.local_port] = "polling"
    out = {k: {"packets": 0, "bytes": 0} for k in ("push", "polling")}
    for frame in cap.frames:
        d = decode_frame(frame, cap.linktype or 1)
        if d is None or d.tcp is None:
            continue
        who = ports.get(d.tcp.sport) or ports.get(d.tcp.dport)
        if who:
            out[who]["packets"] += 1
            out[who]["bytes"] += d.total_len
    res.wire = {**out, "pcap": cap.pcap, "frames_total": cap.frames_total}
