"""The events of one named connection (main, resume, v1.0 .. v1.3, verify), with the facts analyze
and the finding rules need; and how a failed handshake is told to a student (pure)."""

from __future__ import annotations

from netlab.i18n import Both
from netlab.probes.tls_inspect import wire
from netlab.probes.tls_inspect.messages import M
from netlab.probes.tls_inspect.model import (
    Msg,
    TlsAfterHandshake,
    TlsBytesReceived,
    TlsHandshakeCompleted,
    TlsHandshakeFailed,
    TlsMessageSeen,
    TlsTcpConnected,
    TlsTcpConnectFailed,
)
from netlab.units import ms_since


def _first(events: list, cls: type):
    return next((e for e in events if isinstance(e, cls)), None)


class ConnView:
    """The events of one connection, with the facts analyze needs."""

    def __init__(self, name: str, events: list):
        self.name = name
        self.events = events
        self.connected: TlsTcpConnected | None = _first(events, TlsTcpConnected)
        self.connect_failed: TlsTcpConnectFailed | None = _first(events, TlsTcpConnectFailed)
        self.completed: TlsHandshakeCompleted | None = _first(events, TlsHandshakeCompleted)
        self.failed: TlsHandshakeFailed | None = _first(events, TlsHandshakeFailed)
        self.after: TlsAfterHandshake | None = _first(events, TlsAfterHandshake)
        self.messages = [e for e in events if isinstance(e, TlsMessageSeen)]
        sh = self.received(22, 2)
        self.server_hello = wire.parse_server_hello(sh.data) if sh else None
        self.alerts_received = [m.msg_type for m in self.messages if m.direction == "received" and m.content_type == 21]
        self.alerts_sent = [m.msg_type for m in self.messages if m.direction == "sent" and m.content_type == 21]
        self.cert_request = any(m.direction == "received" and m.content_type == 22 and m.msg_type == 13
                                for m in self.messages)
        self.head = next((e.head for e in events if isinstance(e, TlsBytesReceived) and e.head), b"")

    def received(self, content_type: int, msg_type: int) -> TlsMessageSeen | None:
        """The first message of this type received with its bytes kept."""
        return next((m for m in self.messages if m.direction == "received" and m.content_type == content_type
                     and m.msg_type == msg_type and m.data), None)

    @property
    def end(self):
        return self.completed or self.failed

    @property
    def tls13(self) -> bool:
        return self.server_hello is not None and self.server_hello.version == 0x0304

    @property
    def client_cert_refused(self) -> bool:
        """The server asked for a client certificate and ended the handshake when none came."""
        if not self.cert_request:
            return False
        after = self.after
        late_116 = after is not None and after.outcome == "alert" and 116 in self.alerts_received
        return self.failed is not None or late_116 or (after is not None and after.outcome in ("alert", "eof"))

    @property
    def accepted(self) -> bool:
        """The handshake completed AND the server went on with it: a TLS 1.3 client finishes its side
        before the server has checked it, so a refusal (no client certificate) comes after."""
        return self.completed is not None and not self.client_cert_refused

    def received_handshake_bytes(self) -> int:
        end_t = self.end.t if self.end else float("inf")
        return sum(e.nbytes for e in self.events if isinstance(e, TlsBytesReceived) and e.t <= end_t)

    def handshake_ms(self) -> float | None:
        if self.connected and self.completed:
            return ms_since(self.completed.t, self.connected.t)
        return None

    def group(self) -> str | None:
        sh = self.server_hello
        if sh is None:
            return None
        if sh.group is not None:
            return wire.GROUP_NAMES.get(sh.group, f"0x{sh.group:04x}")
        ske = self.received(22, 12)
        if ske is not None:
            g, bits = wire.ske_group(ske.data)
            if g is not None:
                return wire.GROUP_NAMES.get(g, f"0x{g:04x}")
            if bits:
                return f"DH {bits}-bit"
        return None


def split(events: list) -> dict[str, ConnView]:
    """Every named connection of a Recording."""
    conns: dict[str, list] = {}
    for e in events:
        name = getattr(e, "conn", None)
        if name:
            conns.setdefault(name, []).append(e)
    return {n: ConnView(n, evs) for n, evs in conns.items()}


def seconds(s: float | None) -> str:
    return "?" if s is None else f"{s:g}"


def tcp_error(code: str) -> Msg:
    """TlsTcpConnectFailed.error (refused, timeout...) in words."""
    key = f"tcperr.{code}"
    return M.t(key) if key in M.messages else Both(code, code)


def tcp_detail(cf: TlsTcpConnectFailed, timeout: float | None) -> Msg:
    if cf.error == "timeout":
        return M.t("tcp.no-syn-answer", s=seconds(timeout))
    return Both(cf.detail, cf.detail)  # the OS's words


def failure_text(view: ConnView, timeout: float | None) -> Msg:
    """How this connection's handshake failed, in the catalogue's words, from the evidence.

    The library's own words (OpenSSL's reason, the OS error) are data, kept by collect in ``error``.
    """
    f = view.failed
    assert f is not None
    words = f.error or _legacy_words(f)
    if f.kind == "reset":
        return M.t("hf.reset")
    if f.kind == "eof":
        return M.t("hf.eof")
    if f.kind == "not-tls":
        return M.t("hf.not-tls", head=repr(wire.printable_head(view.head)))
    if f.kind == "timeout":
        key = "hf.timeout-after-hello" if f.client_hello_sent else "hf.timeout"
        return M.t(key, s=seconds(timeout))
    if f.kind == "verify":
        return M.t("hf.words", error=f.verify_message or f.reason)
    if f.kind == "alert-received" and view.alerts_received:
        alert = wire.alert_name(view.alerts_received[0])
        if words:
            return M.t("hf.alert-received", alert=alert, error=words)
        return M.t("hf.alert-received-bare", alert=alert)
    if f.kind == "alert-sent" and view.alerts_sent and words:
        return M.t("hf.alert-sent", alert=wire.alert_name(view.alerts_sent[0]), error=words)
    if f.kind == "local" and words:
        return M.t("hf.local", error=words)
    return M.t("hf.words", error=words or f.reason)


def _legacy_words(f: TlsHandshakeFailed) -> str:
    """The library's words in a Recording made before collect kept them apart (``error`` empty):
    recovered from the sentence that collect wrote then, whose form per kind was fixed."""
    r = f.reason or ""
    if f.kind == "alert-received":
        return r.rpartition(" (")[2][:-1] if r.endswith(")") and " (" in r else ""
    if f.kind in ("alert-sent", "local"):
        return r.partition(": ")[2]
    return r if f.kind == "error" else ""
