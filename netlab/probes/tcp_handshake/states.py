"""The socket states of both sides (RFC 9293's diagram), who closed first, who holds TIME_WAIT (pure).

With a capture, the state machine is driven by the captured segments; without one, by what
connect() did and what the kernel's socket table and TCP_INFO showed.  Each change says why, in
English and Korean (``why``/``why_ko``, from the catalogue).
"""

from __future__ import annotations

from collections.abc import Callable

from netlab.model import Recording
from netlab.probes.tcp_handshake.kernel import LINUX_TIME_WAIT_S, info_state, ss_state
from netlab.probes.tcp_handshake.messages import M
from netlab.probes.tcp_handshake.model import (
    CloseStarted,
    Connected,
    ConnectFailed,
    ConnectStarted,
    Packet,
    PeerClosed,
    SocketStateObserved,
    StateChange,
    TcpHandshakeResult,
    TcpInfoRead,
)
from netlab.probes.tcp_handshake.segments import MOD, Side, flags_of
from netlab.units import ms_since

Move = Callable[..., None]  # move(side, new_state, key, **params)


def change(side: str, state: str, t_ms: float | None, key: str, observed: bool = False,
           packet: int | None = None, **params) -> StateChange:
    why, why_ko = M.both(key, **params)
    return StateChange(side, state, t_ms, why, why_ko, observed=observed, packet=packet)


# ------------------------------------------------------------------------------------ with a capture


def _seqlen(p: Packet) -> int:
    f = flags_of(p)
    return p.payload_len + ("SYN" in f) + ("FIN" in f)


def _schedule(pk: list[Packet], half: float) -> list[tuple[float, int, str, str, Packet]]:
    """Each segment as two events, (time, order, side, send|recv, packet), in the order they happened.

    The client's events are in capture order (we capture at the client).  The server sends a
    segment about half an RTT before we see it and receives ours about half an RTT after; its
    order of events is taken from the acknowledgement numbers where they decide it (a server
    segment that does not acknowledge our segment C was sent before C arrived there; the first
    one that does was sent after), and from the RTT/2 estimate otherwise.  This is what tells a
    simultaneous close (the FINs cross) from an ordinary one.
    """
    events: list[tuple[float, int, str, str, Packet]] = []
    server_sent = [p for p in pk if p.direction == "s>c"]
    for i, p in enumerate(pk):
        if p.direction != "c>s":
            events.append((p.t_ms - half, i, "server", "send", p))
            events.append((p.t_ms, i, "client", "recv", p))
            continue
        events.append((p.t_ms, i, "client", "send", p))
        t = p.t_ms + half
        n = _seqlen(p)
        if n and p.rel_seq is not None:
            end = p.rel_seq + n
            covering = next((s for s in server_sent if s.rel_ack is not None and s.rel_ack >= end), None)
            if covering is not None:
                t = min(t, covering.t_ms - half - 1e-4)
            before = [s for s in server_sent if s.rel_ack is not None and s.rel_ack <= p.rel_seq
                      and (covering is None or s.index < covering.index)]
            if before:
                t = max(t, before[-1].t_ms - half + 1e-4)
        events.append((t, i, "server", "recv", p))
    # segments arrive in the order they were sent: the server's receive times never go backwards
    recvs = [j for j, e in enumerate(events) if e[2] == "server" and e[3] == "recv"]
    for k in range(len(recvs) - 2, -1, -1):
        a, b = events[recvs[k]], events[recvs[k + 1]]
        if a[0] >= b[0]:
            events[recvs[k]] = (b[0] - 1e-4, *a[1:])
    events.sort(key=lambda e: (e[0], e[1], e[3] == "recv"))
    return events


def _on_send(me: Side, f: list[str], fl: str, move: Move) -> None:
    if "RST" in f:
        if me.state not in ("LISTEN", "CLOSED"):
            move(me, "CLOSED", "why.sent", flags=fl)
    elif "SYN" in f and "ACK" not in f and me.state == "CLOSED":
        move(me, "SYN_SENT", "why.sent-syn")
    elif me.state == "SYN_SENT" and "ACK" in f and "SYN" not in f:
        # it acknowledges the peer's SYN, so the SYN,ACK arrived even if the capture missed it
        move(me, "ESTABLISHED", "why.sent-ack-no-synack", flags=fl)
    if "FIN" in f:
        if me.state in ("ESTABLISHED", "SYN_RECEIVED"):
            move(me, "FIN_WAIT_1", "why.sent-fin-active", flags=fl)
        elif me.state == "CLOSE_WAIT":
            move(me, "LAST_ACK", "why.sent-fin-passive", flags=fl)


def _on_open(me: Side, f: list[str], fl: str, move: Move) -> None:
    if "SYN" in f and "ACK" in f and me.state == "SYN_SENT":
        move(me, "ESTABLISHED", "why.recv-synack")
    elif "SYN" in f and "ACK" not in f and me.state == "LISTEN":
        move(me, "SYN_RECEIVED", "why.recv-syn")
    elif "SYN" in f and "ACK" not in f and me.state == "SYN_SENT":
        move(me, "SYN_RECEIVED", "why.recv-syn-simultaneous")
    elif me.state == "SYN_RECEIVED" and "ACK" in f and "SYN" not in f:
        move(me, "ESTABLISHED", "why.recv-ack-of-syn", flags=fl)


def _on_recv(me: Side, p: Packet, f: list[str], fl: str, move: Move) -> None:
    if "RST" in f:
        if me.state not in ("LISTEN", "CLOSED"):
            move(me, "CLOSED", "why.received", flags=fl)
        return
    acks_fin = me.fin_end is not None and "ACK" in f and p.ack is not None and \
        (p.ack - me.fin_end) % MOD < (1 << 31)
    _on_open(me, f, fl, move)
    if acks_fin:
        if me.state == "FIN_WAIT_1":
            move(me, "FIN_WAIT_2", "why.recv-fin-acked", flags=fl)
        elif me.state == "CLOSING":
            move(me, "TIME_WAIT", "why.recv-closing-acked", flags=fl, s=LINUX_TIME_WAIT_S)
        elif me.state == "LAST_ACK":
            move(me, "CLOSED", "why.recv-last-ack", flags=fl)
    if "FIN" in f:
        if me.state in ("ESTABLISHED", "SYN_RECEIVED"):
            move(me, "CLOSE_WAIT", "why.recv-fin", flags=fl)
        elif me.state == "FIN_WAIT_2":
            move(me, "TIME_WAIT", "why.recv-fin-time-wait", flags=fl, s=LINUX_TIME_WAIT_S)
        elif me.state == "FIN_WAIT_1":
            move(me, "CLOSING", "why.recv-fin-closing", flags=fl)


def state_machine(res: TcpHandshakeResult, client: Side, server: Side) -> None:
    """Walk the RFC 9293 state diagram for both sides, driven by the captured segments."""
    half = (res.handshake_rtt_ms or 0.0) / 2
    pk = [p for p in res.packets if p.direction in ("c>s", "s>c")]
    sides = {"client": client, "server": server}
    listening = any(p.direction == "s>c" and "SYN" in flags_of(p) for p in pk)
    # no SYN,ACK ever: nothing listened there (RST) or nothing answered; the server had no socket
    client.state, server.state = "CLOSED", ("LISTEN" if listening else "CLOSED")
    res.states.append(change("client", "CLOSED", None, "why.before-connect"))
    if listening:
        res.states.append(change("server", "LISTEN", None, "why.listen"))

    for t, _i, name, action, p in _schedule(pk, half):
        def move(side: Side, new: str, key: str, _t: float = t, _p: Packet = p, **params) -> None:
            if side.state != new:
                side.state = new
                res.states.append(change(side.name, new, round(_t, 3), key, packet=_p.index, **params))

        if action == "send":
            _on_send(sides[name], flags_of(p), p.flags, move)
        else:
            _on_recv(sides[name], p, flags_of(p), p.flags, move)

    if half:
        est, est_ko = M.both("why.estimated")
        for sc in res.states:
            if sc.side == "server" and sc.t_ms is not None:
                sc.why += est
                sc.why_ko += est_ko


# ------------------------------------------------------------------------------------ without one


def states_without_capture(res: TcpHandshakeResult, rec: Recording, started: ConnectStarted | None,
                           connected: Connected | None, failed: ConnectFailed | None) -> None:
    res.states.append(change("client", "CLOSED", None, "why.before-connect"))
    if started is None:
        return
    res.states.append(change("client", "SYN_SENT", 0.0, "why.connect-called"))
    if connected:
        res.states.append(change("client", "ESTABLISHED", ms_since(connected.t, started.t),
                                 "why.connect-returned", observed=True))
    elif failed:
        res.states.append(change("client", "CLOSED", ms_since(failed.t, started.t), "why.connect-failed",
                                 name=failed.name or str(failed.errno)))
    # the kernel's socket table and TCP_INFO add what they saw after connect
    seen = {"ESTABLISHED", "CLOSED"}
    views = [(ev.t, ss_state(ev.state), "why.seen-ss", ev.moment) for ev in rec.of_type(SocketStateObserved)]
    views += [(ev.t, info_state(ev.raw), "why.seen-info", ev.moment) for ev in rec.of_type(TcpInfoRead)]
    for t, st, key, moment in sorted(views, key=lambda v: v[0]):
        if st and st not in seen:
            seen.add(st)
            res.states.append(change("client", st, ms_since(t, started.t), key, observed=True,
                                     moment=moment_text(moment)))


def moment_text(moment: str):
    """A moment of collect (after-connect, after-close...) in words, or as recorded when unknown."""
    key = f"moment.{moment}"
    return M.t(key) if key in M.messages else moment


# ------------------------------------------------------------------------------------ closing


def _fin(res: TcpHandshakeResult, direction: str) -> Packet | None:
    return next((p for p in res.packets if p.direction == direction and "FIN" in flags_of(p)), None)


def close_initiator(res: TcpHandshakeResult, rec: Recording) -> str | None:
    """client | server | both (the FINs crossed) | None."""
    closes = rec.of_type(CloseStarted)
    client_fin, server_fin = _fin(res, "c>s"), _fin(res, "s>c")
    if client_fin and server_fin:
        side_states = {side: {sc.state for sc in res.states if sc.side == side} for side in ("client", "server")}
        if "CLOSE_WAIT" in side_states["client"]:
            return "server"
        if "CLOSE_WAIT" in side_states["server"]:
            return "client"
        # simultaneous when the FINs crossed: each side saw the other's FIN before its own was
        # acknowledged, so both passed CLOSING (the state machine decides from the ack numbers)
        if all("CLOSING" in side_states[side] for side in ("client", "server")):
            return "both"
        early = client_fin.t_ms < server_fin.t_ms - (res.handshake_rtt_ms or 0) / 2
        return "client" if early else "server"
    if client_fin:
        return "client"
    if server_fin:
        return "server"
    if closes:
        peer_closed = bool(rec.of_type(PeerClosed))
        return closes[0].side if closes[0].side != "server" or peer_closed else None
    return None


def time_wait_side(res: TcpHandshakeResult, rec: Recording) -> str | None:
    tw = [sc.side for sc in res.states if sc.state == "TIME_WAIT"]
    if any(ev.state == "TIME-WAIT" for ev in rec.of_type(SocketStateObserved)) and "client" not in tw:
        tw.append("client")
    if tw:
        return "both" if len(set(tw)) > 1 else tw[0]
    if res.close_initiator in ("client", "server") and res.outcome == "connected" and \
            _fin(res, "c>s") and _fin(res, "s>c"):
        return res.close_initiator
    return None


def confirm_observed(res: TcpHandshakeResult, rec: Recording) -> None:
    """Mark the client's states that the kernel's socket table or TCP_INFO also showed."""
    observed = {ss_state(ev.state) for ev in rec.of_type(SocketStateObserved)}
    observed |= {info_state(ev.raw) for ev in rec.of_type(TcpInfoRead)}
    for sc in res.states:
        if sc.side == "client" and sc.t_ms is not None and sc.state in observed:
            sc.observed = True
