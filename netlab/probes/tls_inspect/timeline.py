"""The main connection's handshake, message by message, and its measured round trips (pure).

A round trip is measured from one of our flights leaving the socket to the first bytes that came
back before our next flight; each message is tagged with the round trip it belongs to.
"""

from __future__ import annotations

from netlab.i18n import join
from netlab.probes.tls_inspect import wire
from netlab.probes.tls_inspect.connections import ConnView
from netlab.probes.tls_inspect.messages import M
from netlab.probes.tls_inspect.model import (
    Msg,
    RoundTrip,
    TimelineItem,
    TlsBytesReceived,
    TlsFlightSent,
    TlsMessageSeen,
)
from netlab.units import ms_since

C2S, S2C = "client->server", "server->client"


def _plain(name: str) -> Msg:
    """A protocol name (ClientHello, Alert (close_notify)): the same in every language."""
    return join([name])


def _kind(m: TlsMessageSeen, v13: bool) -> str:
    if m.content_type == wire.CT_CCS:
        return "compat" if v13 else "ccs"
    if m.content_type == wire.CT_ALERT:
        return "close-notify" if m.msg_type == 0 else "alert"
    return "handshake"


def _label(m: TlsMessageSeen, v13: bool) -> Msg:
    name = wire.message_name(m.content_type, m.msg_type if m.content_type != wire.CT_CCS else 1)
    if m.content_type == wire.CT_HANDSHAKE and m.msg_type == 2 and m.data:
        sh = wire.parse_server_hello(m.data)
        if sh and sh.hello_retry:
            name = "HelloRetryRequest"
    if m.content_type == wire.CT_CCS and v13:
        return M.t("tl.compat", name=name)
    return _plain(name)


class _Builder:
    """Walks the main connection's events once, in order."""

    def __init__(self, main: ConnView):
        self.main = main
        self.t0 = main.connected.started
        end = main.end
        self.end_t = end.t if end else float("inf")
        self.evs = [e for e in main.events if isinstance(e, TlsMessageSeen | TlsFlightSent | TlsBytesReceived)]
        self.flights = [e for e in self.evs if isinstance(e, TlsFlightSent) and e.t <= self.end_t]
        self.recvs = [e for e in self.evs if isinstance(e, TlsBytesReceived) and e.nbytes > 0 and e.t <= self.end_t]
        self.v13 = main.tls13
        connected = ms_since(main.connected.t, self.t0)
        self.items = [TimelineItem(0.0, C2S, M.t("tl.syn"), 0, kind="tcp"),
                      TimelineItem(connected, S2C, M.t("tl.synack"), 0, kind="tcp")]
        self.rts = [RoundTrip(0, M.t("rt.tcp"), 0.0, connected, connected)]
        self.rt_of_flight: dict[int, int] = {}
        self.n = 0

    def ms(self, t: float) -> float:
        return ms_since(t, self.t0)

    def round_trips(self) -> None:
        """Which flights got an answer before the handshake ended."""
        for i, fl in enumerate(self.flights):
            nxt_flight_t = self.flights[i + 1].t if i + 1 < len(self.flights) else float("inf")
            ans = next((r for r in self.recvs if fl.t <= r.t < nxt_flight_t), None)
            if ans is not None:
                self.n += 1
                self.rt_of_flight[id(fl)] = self.n
                self.rts.append(RoundTrip(self.n, None, self.ms(fl.t), self.ms(ans.t), ms_since(ans.t, fl.t)))

    def messages(self) -> None:
        """Every message, with its round trip; ours at the time their flight left."""
        pending: list[TlsMessageSeen] = []
        current_rt = None
        seen_sh = ccs_sent = ccs_recv = False
        for e in self.evs:
            if isinstance(e, TlsMessageSeen) and e.direction != "sent":
                after = e.t > self.end_t
                enc = (self.v13 and seen_sh and e.content_type != wire.CT_CCS) or ccs_recv
                ccs_recv = ccs_recv or e.content_type == wire.CT_CCS
                label = _label(e, self.v13)
                self.items.append(TimelineItem(self.ms(e.t), S2C, M.t("tl.after", name=label) if after else label,
                                               None if after else current_rt, e.length, enc,
                                               kind=_kind(e, self.v13), after_handshake=after))
                seen_sh = seen_sh or (e.content_type == wire.CT_HANDSHAKE and e.msg_type == 2)
            elif isinstance(e, TlsMessageSeen):
                pending.append(e)
            elif isinstance(e, TlsFlightSent):
                rt = self.rt_of_flight.get(id(e))
                for m in pending:
                    enc = (self.v13 and seen_sh and m.content_type != wire.CT_CCS) or ccs_sent
                    ccs_sent = ccs_sent or m.content_type == wire.CT_CCS
                    self.items.append(TimelineItem(self.ms(e.t), C2S, _label(m, self.v13),
                                                   rt if e.t <= self.end_t else None, m.length, enc,
                                                   kind=_kind(m, self.v13)))
                pending = []
                if rt is not None:
                    current_rt = rt
        for m in pending:  # written but never flushed (e.g. an alert as we gave up)
            self.items.append(TimelineItem(self.ms(m.t), C2S, _label(m, self.v13), None, m.length,
                                           kind=_kind(m, self.v13)))

    def failure(self) -> None:
        """How a failed handshake ended, as seen on the socket (RST, FIN, bytes that are not TLS)."""
        f = self.main.failed
        if f is None or f.kind not in ("reset", "eof", "not-tls"):
            return
        last = self.flights[-1] if self.flights else None
        rt = self.rt_of_flight.get(id(last)) if last is not None else None
        when = f.t
        if f.kind == "not-tls":
            first = next((r for r in self.recvs if r.head), None)
            when = first.t if first is not None else f.t
            label = M.t("tl.not-tls", head=repr(wire.printable_head(self.main.head)))
        else:
            label = M.t("tl.rst") if f.kind == "reset" else M.t("tl.fin")
        if last is not None and rt is None:
            self.n += 1
            rt = self.n
            self.rts.append(RoundTrip(rt, None, self.ms(last.t), self.ms(when), ms_since(when, last.t)))
            for it in self.items:
                if it.direction == C2S and it.round_trip is None and it.t_ms == self.ms(last.t):
                    it.round_trip = rt
        kind = {"reset": "rst", "eof": "fin"}.get(f.kind, f.kind)
        self.items.append(TimelineItem(self.ms(when), S2C, label, rt, kind=kind))

    def describe_round_trips(self) -> None:
        """Each round trip by what we sent and what the server answered."""
        unknown = M.t("unknown")
        for r in self.rts[1:]:
            answered = [it.message for it in self.items if it.direction == S2C and it.round_trip == r.n]
            sent = [it.message for it in self.items if it.direction == C2S and it.round_trip == r.n]
            r.what = M.t("rt.what", sent=join(sent, " + ") if sent else unknown,
                         answered=join(answered) if answered else unknown)


def timeline(main: ConnView) -> tuple[list[TimelineItem], list[RoundTrip]]:
    if main.connected is None:
        return [], []
    b = _Builder(main)
    b.round_trips()
    b.messages()
    b.failure()
    b.describe_round_trips()
    b.items.sort(key=lambda it: it.t_ms)
    return b.items, b.rts
