"""tcp-handshake analysis: Recording -> TcpHandshakeResult.  Pure: no sockets, no clock.

Everything about packets comes from the captured frames (segments.py, decoded by
netlab.capture.decode) and their kernel timestamps; what the kernel said about our own socket
(kernel.py: TCP_INFO, the socket table) confirms the client's states (states.py).  Without a
capture the kernel's view is all there is.  The findings are the rules of findings.py.
"""

from __future__ import annotations

import re

from netlab.i18n import Both
from netlab.model import Recording
from netlab.probes.tcp_handshake.findings import RULES
from netlab.probes.tcp_handshake.kernel import decode_tcp_info
from netlab.probes.tcp_handshake.messages import M
from netlab.probes.tcp_handshake.model import (
    CaptureStarted,
    CaptureStopped,
    CaptureUnavailable,
    Connected,
    ConnectFailed,
    ConnectStarted,
    DataReceived,
    DataSent,
    NameResolutionFailed,
    NeighbourWarmed,
    ReplyCut,
    SegmentCaptured,
    SocketStateObserved,
    TargetResolved,
    TcpHandshakeResult,
    TcpInfoRead,
)
from netlab.probes.tcp_handshake.segments import (
    Side,
    clock_steps,
    is_retransmission,
    is_syn,
    is_synack,
    learn_syns,
    packets,
    segments,
)
from netlab.probes.tcp_handshake.states import (
    close_initiator,
    confirm_observed,
    state_machine,
    states_without_capture,
    time_wait_side,
)
from netlab.units import ms_since

OUTCOMES = {"ECONNREFUSED": "refused", "ETIMEDOUT": "timeout", "EHOSTUNREACH": "unreachable",
            "ENETUNREACH": "unreachable", "EACCES": "unreachable", "EPERM": "unreachable"}
# how recordings made before ConnectFailed.timeout_s existed said that our own --timeout ran out
_OWN_TIMEOUT = re.compile(r"no answer within ([0-9.]+) s \(our --timeout\)")


def _first(rec: Recording, cls: type):
    return next(iter(rec.of_type(cls)), None)


def analyze(rec: Recording) -> TcpHandshakeResult:
    params = dict(rec.params)
    res = TcpHandshakeResult(host=str(params.get("host", "")), port=int(params.get("port", 0) or 0),
                             params=params)
    resolved = _first(rec, TargetResolved)
    if resolved:
        res.address, res.family, res.port = resolved.address, resolved.family, resolved.port
    nofail = _first(rec, NameResolutionFailed)
    if nofail:
        res.outcome, res.unreachable, res.error = "no-such-name", True, nofail.error
        res.error_ko = nofail.error
        res.findings = RULES.run(res, rec)
        return res

    warm = _first(rec, NeighbourWarmed)
    if warm and warm.ok:
        res.warm_rtt_ms = warm.rtt_ms
    started, connected, failed = _first(rec, ConnectStarted), _first(rec, Connected), _first(rec, ConnectFailed)
    _connection(res, started, connected, failed)
    _data(res, rec)
    _capture(res, rec)
    _kernel_view(res, rec, started)

    client, server = Side("client"), Side("server")
    segs = segments(rec.of_type(SegmentCaptured), _first(rec, CaptureStarted), started)
    if segs:
        _packets(res, segs, client, server)
        state_machine(res, client, server)
    else:
        states_without_capture(res, rec, started, connected, failed)
    res.close_initiator = close_initiator(res, rec)
    res.time_wait_side = time_wait_side(res, rec)
    confirm_observed(res, rec)
    res.findings = RULES.run(res, rec)
    return res


def _connection(res: TcpHandshakeResult, started: ConnectStarted | None, connected: Connected | None,
                failed: ConnectFailed | None) -> None:
    if started:
        res.local_address, res.local_port = started.local_address, started.local_port
        res.address = res.address or started.remote_address
        res.port = started.remote_port
    if started and connected:
        res.connect_ms = ms_since(connected.t, started.t)
        res.outcome = "connected"
    elif failed:
        name = failed.name or str(failed.errno)
        timeout = failed.timeout_s
        m = _OWN_TIMEOUT.fullmatch(failed.message) if timeout is None else None
        if m:
            timeout = float(m.group(1))
        if timeout is not None:
            message = M.t("own-timeout", timeout=f"{timeout:g}")
        elif f"errno.{name}" in M.messages:
            message = Both(failed.message, M.text(f"errno.{name}", "ko"))
        else:
            message = failed.message
        res.error, res.error_ko = M.both("error", name=name, message=message)
        res.outcome = OUTCOMES.get(failed.name, "error")


def _data(res: TcpHandshakeResult, rec: Recording) -> None:
    res.sent_bytes = sum(len(ev.data) for ev in rec.of_type(DataSent))
    received = b"".join(ev.data for ev in rec.of_type(DataReceived))
    res.received_bytes = len(received)
    cut = next(iter(rec.of_type(ReplyCut)), None)
    if cut is not None:  # more came than was kept: the count is the bytes read, the evidence is the head
        res.received_bytes = cut.total
        res.reply_cut = {"kept": cut.kept, "total": cut.total, "why": cut.why}
    if received:
        first = received.split(b"\n", 1)[0].strip()
        res.reply_preview = first[:120].decode("utf-8", "replace")


def _capture(res: TcpHandshakeResult, rec: Recording) -> None:
    cap, unavailable, stopped = _first(rec, CaptureStarted), _first(rec, CaptureUnavailable), _first(rec, CaptureStopped)
    if stopped and stopped.pcap_path:
        res.pcap_path = stopped.pcap_path
    res.captured = cap is not None
    if cap:
        res.ifname = cap.ifname
    if cap and stopped and stopped.realtime_offset_ns is not None:
        res.clock_drift_ms = round((stopped.realtime_offset_ns - cap.realtime_offset_ns) / 1e6, 3)
    if unavailable:
        res.capture_note = res.capture_note_ko = unavailable.reason
        if unavailable.code == "privilege":
            res.capture_note, res.capture_note_ko = M.both("nocap.privilege")
        elif unavailable.code == "no-route" and res.address:
            res.capture_note, res.capture_note_ko = M.both("nocap.no-route", address=res.address)


def _kernel_view(res: TcpHandshakeResult, rec: Recording, started: ConnectStarted | None) -> None:
    decoded = [d for d in (decode_tcp_info(ev.raw) for ev in rec.of_type(TcpInfoRead)) if d]
    if decoded:
        # the most informative read: the last one taken while established, else the last
        est = [d for d in decoded if d.get("state") == "ESTABLISHED"]
        res.tcp_info = (est or decoded)[-1]
    for ev in rec.of_type(SocketStateObserved):
        res.socket_table.append({
            "t_ms": None if started is None else ms_since(ev.t, started.t),
            "moment": ev.moment, "state": ev.state, "timer": ev.timer, "raw": ev.raw,
        })


def _packets(res: TcpHandshakeResult, segs, client: Side, server: Side) -> None:
    res.options = learn_syns(segs, client, server)
    res.client_isn, res.server_isn = client.isn, server.isn
    syn_times = [s.t_ms for s in segs if is_syn(s)]
    res.syn_times_ms = [round(t, 3) for t in syn_times]
    synack = next((s for s in segs if is_synack(s)), None)
    if synack is not None and syn_times:
        # RTT from the SYN the SYN-ACK answers: the last SYN sent before it
        answered = max((t for t in syn_times if t <= synack.t_ms), default=syn_times[0])
        res.handshake_rtt_ms = round(synack.t_ms - answered, 3)
    first_data = next((s for s in segs if s.d.tcp and s.direction == "c>s" and s.d.tcp.payload), None)
    if first_data is not None:
        res.first_data_ms = round(first_data.t_ms, 3)
    res.duration_ms = round(segs[-1].t_ms, 3)
    res.packets = packets(segs, client, server, res.options["window_scaling"], res.handshake_rtt_ms)
    res.retransmissions = sum(1 for p in res.packets if is_retransmission(p))
    res.out_of_order = sum(1 for p in res.packets if "note.out-of-order" in p.kinds)
    res.clock_steps = clock_steps(segs)
