"""The tcp-handshake findings: one small rule each, in the order the report shows them (pure).

Each rule looks at the Result (and the Recording, for raw evidence) and returns nothing, a
Finding or several; analyze runs them with ``RULES.run(res, rec)``.  A rule may settle the
outcome the packets show (an RST, an ICMP error) before the later rules read it.
"""

from __future__ import annotations

from netlab.i18n import Both, T, join
from netlab.model import Recording
from netlab.probes.rules import Rules, finding
from netlab.probes.tcp_handshake.kernel import LINUX_INITIAL_RTO_S, LINUX_TIME_WAIT_S
from netlab.probes.tcp_handshake.messages import M
from netlab.probes.tcp_handshake.model import (
    KEEP_FRAME_BYTES,
    MAX_REPLY_BYTES,
    CaptureStopped,
    CaptureUnavailable,
    CloseStarted,
    ConnectFailed,
    ConnectStarted,
    NameResolutionFailed,
    Packet,
    PeerClosed,
    TcpHandshakeResult,
)
from netlab.probes.tcp_handshake.segments import flags_of, is_retransmission
from netlab.units import fmt_ms

RULES = Rules()


def _first(res: TcpHandshakeResult, direction: str, flags: str | None = None, flag: str | None = None):
    return next((p for p in res.packets if p.direction == direction
                 and (flags is None or p.flags == flags) and (flag is None or flag in flags_of(p))), None)


def _synack(res: TcpHandshakeResult) -> Packet | None:
    return _first(res, "s>c", flags="SYN,ACK")


def _indexes(packets: list[Packet]) -> str:
    return ", ".join(str(p.index) for p in packets[:10])


def _side(name: str | None):
    return M.t(f"side.{name}") if name in ("client", "server", "both") else str(name)


# ------------------------------------------------------------------------------------ before the SYN


@RULES.rule
def name_not_resolved(res: TcpHandshakeResult, rec: Recording):
    ev = next(iter(rec.of_type(NameResolutionFailed)), None)
    if ev is not None:
        return finding("tcp.name-not-resolved", "error", M.t("f.name-not-resolved", host=ev.host, error=ev.error))


@RULES.rule
def no_capture(res: TcpHandshakeResult, rec: Recording):
    if next(iter(rec.of_type(CaptureUnavailable)), None) is None:
        return None
    reason = Both(res.capture_note or "", res.capture_note_ko or res.capture_note or "")
    pcap = M.t("f.no-capture.pcap") if res.params.get("pcap") else ""
    return finding("tcp.no-capture", "warning", M.t("f.no-capture", reason=reason, pcap=pcap),
                   concepts=("tcp.three-way-handshake",))


@RULES.rule
def capture_drops(res: TcpHandshakeResult, rec: Recording):
    stopped = next(iter(rec.of_type(CaptureStopped)), None)
    out = []
    if stopped and stopped.kernel_drops:
        out.append(finding("tcp.capture-drops", "warning", M.t("f.capture-drops", n=stopped.kernel_drops)))
    if stopped and stopped.frames_left_out:
        out.append(finding("tcp.frames-left-out", "warning",
                           M.t("f.frames-left-out", n=stopped.frames_left_out, mib=KEEP_FRAME_BYTES >> 20)))
    return out


# ------------------------------------------------------------------------------------ the handshake


@RULES.rule
def capture_incomplete(res: TcpHandshakeResult, rec: Recording):
    if _synack(res) is None and res.outcome == "connected" and res.captured and res.packets:
        return finding("tcp.capture-incomplete", "warning", M.t("f.capture-incomplete"))


@RULES.rule
def handshake(res: TcpHandshakeResult, rec: Recording):
    synack, rtt = _synack(res), res.handshake_rtt_ms
    if synack is None or rtt is None:
        return None
    bad_ack = "" if synack.rel_ack == 1 else M.t("f.handshake.bad-ack")
    return finding("tcp.handshake", "info",
                   M.t("f.handshake", rtt=fmt_ms(rtt), rtt15=fmt_ms(1.5 * rtt), bad_ack=bad_ack),
                   concepts=("tcp.three-way-handshake", "tcp.isn-seq-ack"))


@RULES.rule
def options(res: TcpHandshakeResult, rec: Recording):
    o = res.options
    if _synack(res) is None or res.handshake_rtt_ms is None or not (o.get("client_mss") or o.get("window_scaling")):
        return None
    parts: list[T] = []
    if o.get("client_mss") and o.get("server_mss"):
        parts.append(M.t("f.options.mss", client=o["client_mss"], server=o["server_mss"]))
    if o.get("window_scaling"):
        parts.append(M.t("f.options.ws", client=1 << (o["client_wscale"] or 0), server=1 << (o["server_wscale"] or 0)))
    parts.append(M.t("f.options.sack", onoff=M.t("on" if o.get("sack") else "off")))
    parts.append(M.t("f.options.ts", onoff=M.t("on" if o.get("timestamps") else "off")))
    return finding("tcp.options", "info", M.t("f.options", parts=join(parts)), concepts=("tcp.mss-window-scale",))


# ------------------------------------------------------------------------------------ failures


@RULES.rule
def refused(res: TcpHandshakeResult, rec: Recording):
    rst = _first(res, "s>c", flag="RST")
    if not (res.outcome == "refused" or (rst is not None and _synack(res) is None)):
        return None
    res.outcome = "refused"
    after = M.t("f.refused.after", t=fmt_ms(rst.t_ms)) if rst else ""
    return finding("tcp.refused", "error", M.t("f.refused", port=res.port, after=after),
                   concepts=("tcp.rst-vs-timeout",))


@RULES.rule
def unreachable(res: TcpHandshakeResult, rec: Recording):
    if res.outcome == "refused":
        return None
    icmp = _first(res, "icmp")
    if icmp is not None and _synack(res) is None:
        res.outcome, res.unreachable = "unreachable", True
        summary = Both(icmp.summary, icmp.summary_ko or icmp.summary)
        return finding("tcp.unreachable", "error", M.t("f.unreachable.icmp", summary=summary, t=fmt_ms(icmp.t_ms)),
                       concepts=("tcp.rst-vs-timeout",))
    if res.outcome == "unreachable":
        res.unreachable = True
        return finding("tcp.unreachable", "error", M.t("f.unreachable.connect", error=_error(res)),
                       concepts=("tcp.rst-vs-timeout",))


def _error(res: TcpHandshakeResult) -> Both:
    return Both(res.error or "", res.error_ko or res.error or "")


def describe_backoff(gaps_ms: list[float], linear: int | None = None) -> T:
    """Say what the SYN retransmission gaps show: constant (linear), doubling, or first one then the other.

    Linux starts at a 1 s RTO and doubles it after each retransmission (exponential backoff), but
    since 6.x the first ``net.ipv4.tcp_syn_linear_timeouts`` (default 4) SYN retransmissions keep
    the initial 1 s, so a short capture shows constant gaps.
    """
    kinds = []
    for a, b in zip(gaps_ms, gaps_ms[1:], strict=False):
        r = b / a if a > 0 else 0
        kinds.append("same" if 0.75 <= r <= 1.33 else ("double" if 1.6 <= r <= 2.5 else "other"))
    knob = "net.ipv4.tcp_syn_linear_timeouts" + (f" = {linear}" if linear is not None else "")
    rto = f"{LINUX_INITIAL_RTO_S:.0f}"
    if not kinds:
        return M.t("backoff.first", rto=rto)
    if all(k == "double" for k in kinds):
        return M.t("backoff.doubling", rto=rto)
    if all(k == "same" for k in kinds):
        return M.t("backoff.constant", rto=rto, knob=knob)
    if "same" in kinds and "double" in kinds and kinds.index("double") > 0 and \
            all(k == "same" for k in kinds[:kinds.index("double")]):
        return M.t("backoff.then-doubling", knob=knob)
    return M.t("backoff.irregular")


@RULES.rule
def filtered(res: TcpHandshakeResult, rec: Recording):
    if res.outcome != "timeout":  # refused and unreachable above have settled it otherwise
        return None
    res.unreachable = True
    failed, started = next(iter(rec.of_type(ConnectFailed)), None), next(iter(rec.of_type(ConnectStarted)), None)
    waited = (failed.t - started.t) if (failed and started) else None
    syns = res.syn_times_ms
    if len(syns) > 1:
        gaps = [syns[i + 1] - syns[i] for i in range(len(syns) - 1)]
        how = describe_backoff(gaps, rec.environment.get("tcp_syn_linear_timeouts"))
        message = M.t("f.filtered.retries", times=", ".join(f"+{t / 1000:.2f} s" for t in syns[1:]),
                      gaps=", ".join(f"{g / 1000:.2f} s" for g in gaps), how=how, port=res.port,
                      waited=M.t("f.filtered.waited", s=f"{waited:.1f}") if waited else "")
    else:
        message = M.t("f.filtered.silent", port=res.port,
                      within=M.t("f.filtered.within", s=f"{waited:.1f}") if waited else "")
    return finding("tcp.filtered", "error", message, concepts=("tcp.rst-vs-timeout",),
                   detail=M.t("f.filtered.detail"))


@RULES.rule
def connect_failed(res: TcpHandshakeResult, rec: Recording):
    if res.outcome == "error" and res.error:
        return finding("tcp.connect-failed", "error", M.t("f.connect-failed", error=_error(res)))


# ------------------------------------------------------------------------------------ on the way


@RULES.rule
def reset(res: TcpHandshakeResult, rec: Recording):
    """A reset after the handshake (the one before it is `refused`)."""
    p = next((p for p in res.packets if "RST" in flags_of(p)), None)
    if p is not None and _synack(res) is not None:
        who = "server" if p.direction == "s>c" else "client"
        return finding("tcp.reset", "warning", M.t("f.reset", who=_side(who), t=fmt_ms(p.t_ms)),
                       concepts=("tcp.rst-vs-timeout",))


@RULES.rule
def retransmissions(res: TcpHandshakeResult, rec: Recording):
    which = [p for p in res.packets if is_retransmission(p)]
    if not res.retransmissions or (all(p.flags == "SYN" for p in which) and res.outcome == "timeout"):
        return None  # SYNs sent again to a silent port: the `filtered` finding tells that story
    return finding("tcp.retransmission", "warning",
                   M.t("f.retransmission", n=res.retransmissions, which=_indexes(which)),
                   concepts=("tcp.retransmission",))


@RULES.rule
def reply_cut(res: TcpHandshakeResult, rec: Recording):
    """What the read cap cut off a reply that did not end."""
    if res.reply_cut:
        return finding("tcp.reply-cut", "warning", M.t("f.reply-cut", limit=MAX_REPLY_BYTES >> 20,
                                                       total=res.reply_cut["total"], kept=res.reply_cut["kept"]))
    return None


# A wall-clock step this large (ms) during the capture is worth saying; NTP slews by far less.
CLOCK_DRIFT_MS = 1.0


@RULES.rule
def clock_stepped(res: TcpHandshakeResult, rec: Recording):
    """The kernel's packet stamps are wall-clock: say when that clock stepped during the capture."""
    if res.clock_steps:
        first = res.clock_steps[0]
        worst = max(s["back_ms"] for s in res.clock_steps)
        return finding("tcp.clock-stepped", "warning", M.t("f.clock-stepped", packet=first["packet"], ms=f"{worst:g}"),
                       concepts=("tcp.retransmission",))
    if res.clock_drift_ms is not None and abs(res.clock_drift_ms) > CLOCK_DRIFT_MS:
        return finding("tcp.clock-stepped", "warning", M.t("f.clock-drift", ms=f"{res.clock_drift_ms:+g}"),
                       concepts=("tcp.retransmission",))
    return None


@RULES.rule
def out_of_order(res: TcpHandshakeResult, rec: Recording):
    if res.out_of_order:
        which = [p for p in res.packets if "note.out-of-order" in p.kinds]
        return finding("tcp.out-of-order", "warning", M.t("f.out-of-order", n=res.out_of_order, which=_indexes(which)),
                       concepts=("tcp.retransmission", "tcp.isn-seq-ack"))


@RULES.rule
def half_close(res: TcpHandshakeResult, rec: Recording):
    """Data still flowing towards a side after that side sent its FIN."""
    out = []
    for d_from, d_to in (("c>s", "s>c"), ("s>c", "c>s")):
        fin = _first(res, d_to, flag="FIN")
        late = [p for p in res.packets if fin is not None and p.direction == d_from and p.payload_len
                and p.t_ms > fin.t_ms and not is_retransmission(p)]
        if fin is not None and late:
            closer, other = ("server", "client") if d_to == "s>c" else ("client", "server")
            out.append(finding("tcp.half-close", "info",
                               M.t("f.half-close", closer=_side(closer), other=_side(other),
                                   n=sum(p.payload_len for p in late)),
                               concepts=("tcp.four-way-close",)))
    return out


@RULES.rule
def server_kept_open(res: TcpHandshakeResult, rec: Recording):
    waited = any(c.side == "server" for c in rec.of_type(CloseStarted))
    if waited and not rec.of_type(PeerClosed) and res.outcome == "connected":
        return finding("tcp.server-kept-open", "info", M.t("f.server-kept-open"), concepts=("tcp.four-way-close",))


# ------------------------------------------------------------------------------------ the close


def _seen(res: TcpHandshakeResult, state: str) -> dict | None:
    return next((s for s in res.socket_table if s["state"] == state), None)


@RULES.rule
def time_wait(res: TcpHandshakeResult, rec: Recording):
    if res.close_initiator not in ("client", "server", "both") or res.outcome != "connected":
        return None
    if res.close_initiator == "client":
        tw = _seen(res, "TIME-WAIT")
        seen = M.t("f.time-wait.client.seen", timer=tw["timer"] or "?") if tw else ""
        message = M.t("f.time-wait.client", s=LINUX_TIME_WAIT_S, seen=seen)
    elif res.close_initiator == "server":
        seen = M.t("f.time-wait.server.seen") if _seen(res, "CLOSE-WAIT") else ""
        message = M.t("f.time-wait.server", s=LINUX_TIME_WAIT_S, seen=seen)
    else:
        message = M.t("f.time-wait.both")
    return finding("tcp.time-wait", "info", message, concepts=("tcp.four-way-close", "tcp.time-wait"),
                   detail=M.t("f.time-wait.detail", side=_side(res.time_wait_side)))
