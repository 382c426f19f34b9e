"""The websocket findings: one small rule each, in the order the report shows them (pure)."""

from __future__ import annotations

import statistics

from netlab.model import DeadlineReached, Recording
from netlab.probes.rules import Rules, finding
from netlab.probes.websocket.messages import M
from netlab.probes.websocket.model import MAX_MESSAGE, WebSocketResult
from netlab.units import fmt_ms

RULES = Rules()

C_UP = ("ws.upgrade",)
C_FRAMES = ("ws.frames",)
C_MASK = ("ws.masking",)
C_PING = ("ws.heartbeat",)
C_PUSH = ("ws.push-vs-polling",)
C_CLOSE = ("ws.close",)


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


@RULES.rule
def unreachable(res: WebSocketResult, rec: Recording):
    if res.unreachable:
        return finding("ws.unreachable", "error", M.t("f.unreachable", host=res.host, error=res.error or ""))


@RULES.rule
def upgrade(res: WebSocketResult, rec: Recording):
    u = res.upgrade
    if not u:
        return None
    probs = u.get("problems", [])
    if "not-101" in probs:
        return finding("ws.not-101", "error", M.t("f.not-101", status=u.get("status_line") or u.get("status")), C_UP)
    if "wrong-accept" in probs:
        return finding("ws.wrong-accept", "error", M.t("f.wrong-accept", got=u.get("accept"), want=u.get("expected")),
                       C_UP)
    if "no-accept" in probs:
        return finding("ws.no-accept", "error", M.t("f.no-accept"), C_UP)
    missing = [w for p, w in (("no-upgrade-header", "Upgrade: websocket"), ("no-connection-upgrade", "Connection: Upgrade"))
               if p in probs]
    if missing:
        return finding("ws.bad-upgrade", "error", M.t("f.bad-upgrade-headers", what=", ".join(missing)), C_UP)
    if "no-response" in probs:
        return None
    out = [finding("ws.upgrade", "info", M.t("f.upgrade"), C_UP)]
    if u.get("subprotocols_offered"):
        out.append(finding("ws.subprotocol", "info", M.t("f.subprotocol", offered=", ".join(u["subprotocols_offered"]),
                                                          chosen=u.get("subprotocol") or M.t("none")), C_UP))
    return out


@RULES.rule
def deflate(res: WebSocketResult, rec: Recording):
    if not res.upgrade.get("deflate"):
        return None
    comp = [m for m in res.messages if m.get("compressed")]
    return finding("ws.deflate", "info", M.t("f.deflate", params=res.upgrade.get("extensions", ""), n=len(comp),
                                             wire=sum(m["size"] for m in comp), raw=sum(m["data_len"] for m in comp)),
                   C_FRAMES)


@RULES.rule
def masking(res: WebSocketResult, rec: Recording):
    client = [f for f in res.frames if f.direction == "c>s"]
    server = [f for f in res.frames if f.direction == "s>c"]
    out = []
    for f in server:
        if f.masked:
            out.append(finding("ws.server-masked", "error", M.t("f.server-masked", index=f.index), C_MASK))
            break
    if client and all(f.masked for f in client) and not any(f.masked for f in server):
        out.append(finding("ws.masking", "info", M.t("f.masking", key=client[0].mask_key), C_MASK))
    return out


@RULES.rule
def lengths(res: WebSocketResult, rec: Recording):
    forms = sorted({f.length_form for f in res.frames})
    if not forms:
        return None
    text = ", ".join(f"{M.text('bits', 'en', n=n)}" for n in forms)
    return finding("ws.length-forms", "info", M.t("f.length-forms", forms=text), C_FRAMES)


@RULES.rule
def frame_problems(res: WebSocketResult, rec: Recording):
    out = []
    for f in res.frames:
        for p in f.problems:
            if p == "too-big":
                out.append(finding("ws.frame-too-big", "error",
                                   M.t("f.too-big", index=f.index, length=f.length, limit=f"{MAX_MESSAGE >> 20} MiB"),
                                   C_FRAMES))
            elif p in ("server-masked",) or (p == "client-unmasked" and f.conn == 1):
                continue  # said by the masking rule (ours are always masked)
            else:
                out.append(finding(f"ws.frame-{p}", "warning" if p == "non-minimal-length" else "error",
                                   M.t("f.frame-problem", index=f.index, dir=f.direction, opcode=f.opcode,
                                       problem=M.t(f"p.{p}")), C_FRAMES))
    for m in res.messages:
        if "invalid-utf8" in m["problems"]:
            out.append(finding("ws.invalid-utf8", "error", M.t("f.invalid-utf8", who=M.t(
                "who.server" if m["direction"] == "s>c" else "who.client")), C_FRAMES))
        for p in m["problems"]:
            if p in ("unfinished", "rsv1-without-extension", "bad-deflate", "continuation-without-start"):
                out.append(finding(f"ws.message-{p}", "error", M.t("f.frame-problem", index="-", dir=m["direction"],
                                                                    opcode=m["type"], problem=M.t(f"p.{p}")), C_FRAMES))
        if m["frames"] > 1:
            between = M.t("f.fragmented.between", frames=", ".join(map(str, m["interleaved"]))) if m["interleaved"] else ""
            out.append(finding("ws.fragmented", "info", M.t("f.fragmented", n=m["frames"], between=between), C_FRAMES))
    return out


@RULES.rule
def library(res: WebSocketResult, rec: Recording):
    return [finding("ws.library", "warning", M.t("f.library", text=n["text"])) for n in res.library if n["conn"] == 1]


@RULES.rule
def pings(res: WebSocketResult, rec: Recording):
    out = []
    rtts = [p["rtt_ms"] for p in res.pings if p["rtt_ms"] is not None]
    if rtts:
        out.append(finding("ws.ping-rtt", "info", M.t("f.ping-rtt", rtts=", ".join(fmt_ms(r) for r in rtts)), C_PING))
    lost = sum(1 for p in res.pings if p["rtt_ms"] is None)
    if lost:
        out.append(finding("ws.ping-lost", "warning", M.t("f.ping-lost", n=lost), C_PING))
    if res.server_pings:
        gaps = [p["since_last_ms"] for p in res.server_pings if p.get("since_last_ms")]
        every = fmt_ms(median(gaps)) if gaps else "-"
        out.append(finding("ws.server-pings", "info", M.t("f.server-pings", n=len(res.server_pings), every=every), C_PING))
    return out


@RULES.rule
def push(res: WebSocketResult, rec: Recording):
    n = res.push.get("messages", 0)
    if n:
        return finding("ws.push", "info", M.t("f.push", n=n), C_PUSH)


@RULES.rule
def polling(res: WebSocketResult, rec: Recording):
    p = res.polling
    if not p:
        return None
    pl = median([x["latency_ms"] for x in p["latencies"]])
    wl = median([x["latency_ms"] for x in res.push.get("latencies", [])])
    return finding("ws.polling", "info", M.t("f.polling", up=p["updates"], s=f"{p['interval_s']:g}", req=p["requests"],
                                             empty=p["empty"], pb=p["bytes_up"] + p["bytes_down"],
                                             wb=res.push.get("wire_bytes", 0), pl=fmt_ms(pl), wl=fmt_ms(wl)), C_PUSH)


@RULES.rule
def idle(res: WebSocketResult, rec: Recording):
    if not res.idle:
        return None
    s = f"{res.idle['seconds']:g}"
    if res.idle["answered"]:
        return finding("ws.idle-alive", "info", M.t("f.idle", s=s), C_PING)
    return finding("ws.idle-dead", "warning", M.t("f.idle-dead", s=s), C_PING)


def _tcp(how: str | None):
    return M.t(f"end.{how}") if how in ("eof", "reset", "timeout", "cut", "done") else (how or "-")


@RULES.rule
def close(res: WebSocketResult, rec: Recording):
    c = res.close
    if not res.upgrade or res.upgrade.get("status") != 101:
        return None
    if c.get("code") is not None or c.get("first"):
        reply = f"{c.get('reply_code')}" if c.get("reply_code") is not None else M.t("none")
        return finding("ws.close", "info", M.t("f.close", who=M.t(f"who.{c['first']}"), code=c.get("code"),
                                               meaning=c.get("meaning") or "-", reason=c.get("reason", ""), reply=reply,
                                               tcp=_tcp(c.get("tcp_end"))), C_CLOSE)
    return finding("ws.no-close", "warning", M.t("f.no-close", tcp=_tcp(c.get("tcp_end"))), C_CLOSE)


@RULES.rule
def unmasked(res: WebSocketResult, rec: Recording):
    u = res.unmasked_test
    if not u or not u.get("sent"):
        return None
    if u.get("close_code") == 1002:
        return finding("ws.unmasked-refused", "info", M.t("f.unmasked-closed", code=1002, reason=u["close_reason"]),
                       C_MASK)
    if u.get("echoed"):
        return finding("ws.unmasked-accepted", "error", M.t("f.unmasked-accepted"), C_MASK)
    what = M.t("unmasked.closed", code=u["close_code"], reason=u["close_reason"]) if u.get("close_code") \
        else M.t("unmasked.silent")
    return finding("ws.unmasked-other", "warning", M.t("f.unmasked-other", what=what), C_MASK)


@RULES.rule
def capture(res: WebSocketResult, rec: Recording):
    if res.wire.get("error") and res.polling:
        return finding("ws.no-capture", "info", M.t("f.no-capture", reason=res.wire["error"]))


@RULES.rule
def deadline(res: WebSocketResult, rec: Recording):
    d = next(iter(rec.of_type(DeadlineReached)), None)
    if d is not None:
        return finding("ws.deadline", "warning", M.t("f.deadline", s=f"{d.deadline_s:g}", what=d.skipped))
