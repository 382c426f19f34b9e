"""websocket collection (I/O only; records events, see model.py).

The client is the `websockets` library's sans-I/O protocol (``websockets.client.ClientProtocol``):
it builds the upgrade request, checks the server's answer, masks our frames and parses the
server's, answers pings and close frames.  It never touches a socket: this module owns the TCP
(and TLS) connection and records every byte it writes and reads, with its time, so analysis can
parse each frame again from the bytes.

The script on one connection: the upgrade; three messages chosen to use each length form (5 bytes:
7-bit; 300: 16-bit; 70,000: 64-bit), each waited for (an echo server sends it back); pings, each
timed to its pong; ``listen`` seconds of whatever the server sends on its own; ``idle`` seconds of
silence, then one more message; the close handshake (ours, unless the server closed first).
``--compare-polling`` then asks the app's ``/poll`` for the same updates every ``poll_interval``
seconds for as long as the push was listened to.  ``--unmasked-test`` opens a second connection and
sends one text frame without a mask, as no client may: the server should close with 1002.
"""

from __future__ import annotations

import os
import random
import select
import socket
import ssl
import time

from netlab.model import DeadlineReached, Recording
from netlab.probes.lookup import look_up_recorded
from netlab.probes.recorder import RunClock, new_recording
from netlab.probes.runcapture import open_capture, stop_capture
from netlab.probes.websocket import model


def default_messages() -> list[tuple[str, bytes | str]]:
    """(kind, payload): one message per length form (fixed content, the same on every run)."""
    rnd = random.Random(14)
    letters = "abcdefghijklmnopqrstuvwxyz0123456789"
    return [("text", "hello"), ("text", "".join(rnd.choice(letters) for _ in range(300))),
            ("binary", rnd.randbytes(70000))]


class Conn:
    """One WebSocket connection: a socket, the library's protocol, and the recording."""

    def __init__(self, rec: Recording, ctx, clock, num: int, purpose: str):
        self.rec, self.ctx, self.clock, self.num, self.purpose = rec, ctx, clock, num, purpose
        self.sock = None
        self.proto = None
        self.read_total = 0
        self.ended = False
        self.noted: set = set()

    # ---------------------------------------------------------------- set-up

    def open(self, params: dict, address: str) -> bool:
        from websockets.client import ClientProtocol
        from websockets.extensions.permessage_deflate import ClientPerMessageDeflateFactory
        from websockets.uri import parse_uri

        from netlab import __version__

        scheme, host, port = params["scheme"], params["host"], int(params["port"])
        t0 = self.clock()
        fam = socket.AF_INET6 if ":" in address else socket.AF_INET
        sock = socket.socket(fam, socket.SOCK_STREAM)
        sock.settimeout(self.ctx.op_timeout())
        tls = alpn = None
        try:
            sock.connect((address, port))
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if scheme == "wss":
                cafile = getattr(self.ctx.sandbox, "cacert", None) if self.ctx.sandbox else None
                sctx = ssl.create_default_context(cafile=cafile) if cafile else ssl.create_default_context()
                sctx.set_alpn_protocols(["http/1.1"])
                sock = sctx.wrap_socket(sock, server_hostname=host)
                tls, alpn = sock.version(), sock.selected_alpn_protocol()
        except (OSError, ssl.SSLError) as e:
            sock.close()
            why = f"TLS: {e.verify_message}" if isinstance(e, ssl.SSLCertVerificationError) else \
                (getattr(e, "strerror", None) or str(e) or type(e).__name__)
            self.rec.add(model.WsConnectFailed(self.clock(), self.num, self.purpose, why))
            return False
        self.sock = sock
        self.rec.add(model.WsConnected(t0, self.clock(), self.num, scheme, address, port, sock.getsockname()[1],
                                       tls, alpn, purpose=self.purpose))
        uri = parse_uri(params["url"])
        ext = [ClientPerMessageDeflateFactory()] if params.get("deflate", True) else []
        self.proto = ClientProtocol(uri, subprotocols=list(params.get("subprotocols") or []) or None,
                                    extensions=ext, max_size=model.MAX_MESSAGE)
        request = self.proto.connect()
        request.headers["User-Agent"] = f"netlab-websocket/{__version__}"
        self.proto.send_request(request)
        self.flush("handshake")
        return True

    # ---------------------------------------------------------------- bytes in and out

    def flush(self, what: str) -> None:
        for data in self.proto.data_to_send():
            if data == b"":
                try:
                    self.sock.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
                continue
            try:
                self.sock.sendall(data)
            except OSError:
                self.end("reset")
                return
            self.rec.add(model.WsBytesSent(self.clock(), self.num, data, what))

    def send_raw(self, data: bytes) -> None:
        try:
            self.sock.sendall(data)
            self.rec.add(model.WsBytesSent(self.clock(), self.num, data, "raw"))
        except OSError:
            self.end("reset")

    def end(self, how: str) -> None:
        if not self.ended:
            self.ended = True
            self.rec.add(model.WsConnectionEnded(self.clock(), self.num, how))
            try:
                self.sock.close()
            except OSError:
                pass

    def _note(self) -> None:
        for what, exc in (("handshake", self.proto.handshake_exc), ("parser", getattr(self.proto, "parser_exc", None))):
            if exc is not None and what not in self.noted:
                self.noted.add(what)
                self.rec.add(model.WsLibraryNoted(self.clock(), self.num, what, f"{type(exc).__name__}: {exc}"[:300]))

    def pump(self, seconds: float, until=None) -> list:
        """Read for up to ``seconds`` (or until ``until(events)`` is true); returns the library's events."""
        from websockets.protocol import State

        got: list = []
        end = time.monotonic() + max(0.0, min(seconds, self.ctx.remaining()))
        while not self.ended:
            left = end - time.monotonic()
            if left <= 0:
                break
            if not (isinstance(self.sock, ssl.SSLSocket) and self.sock.pending()):
                r, _, _ = select.select([self.sock], [], [], left)
                if not r:
                    break
            try:
                data = self.sock.recv(65536)
            except ssl.SSLWantReadError:
                continue
            except (ConnectionResetError, ssl.SSLError, OSError):
                self.end("reset")
                break
            if not data:
                self.proto.receive_eof()
                self.flush("auto")
                self._note()
                self.end("eof")
                break
            self.read_total += len(data)
            self.rec.add(model.WsBytesReceived(self.clock(), self.num, data, time.time()))
            self.proto.receive_data(data)
            events = self.proto.events_received()
            got.extend(events)
            self.flush("auto")
            self._note()
            if self.read_total > model.MAX_READ:
                self.end("cut")
                break
            if self.proto.state is State.CLOSED and self.proto.handshake_exc is not None:
                self.end("done")
                break
            if until is not None and until(got):
                break
        return got

    @property
    def open_state(self) -> bool:
        from websockets.protocol import State

        return not self.ended and self.proto is not None and self.proto.state is State.OPEN


def _is_data(ev) -> bool:
    from websockets.frames import Opcode

    return getattr(ev, "opcode", None) in (Opcode.TEXT, Opcode.BINARY, Opcode.CONT) and getattr(ev, "fin", False)


def _is_pong(payload: bytes):
    from websockets.frames import Opcode

    return lambda evs: any(getattr(e, "opcode", None) is Opcode.PONG and e.data == payload for e in evs)


def _handshake_done(evs) -> bool:
    from websockets.http11 import Response

    return any(isinstance(e, Response) for e in evs)


def collect(params: dict, ctx) -> Recording:
    clock = RunClock(ctx.clock)
    rec = new_recording(model.PROBE, {**params, "timeout": float(ctx.timeout)},
                        {"sandbox": getattr(ctx.sandbox, "name", None), "uid": os.getuid(),
                         "same_clock": ctx.sandbox is not None})
    host, port = str(params["host"]), int(params["port"])
    address = look_up_recorded(rec, model.WsNameLookedUp, host, port, clock)
    if address is None:
        return rec
    sniffer = None
    if params.get("capture", True):
        sniffer = open_capture(rec, model.WsCaptureTaken, address, [port], clock)
    try:
        main = Conn(rec, ctx, clock, 1, "main")
        if main.open(params, address):
            listened = _script(main, params, ctx, clock)
            if params.get("compare_polling") and listened > 0:
                _poll(rec, params, ctx, clock, address, listened)
        if params.get("unmasked_test") and not ctx.expired():
            _unmasked(rec, params, ctx, clock, address)
    finally:
        if sniffer is not None:
            stop_capture(rec, model.WsCaptureTaken, sniffer, params.get("pcap"), model.KEEP_CAPTURE, clock)
    rec.events.sort(key=lambda e: getattr(e, "t_sent", None) or e.t)
    return rec


def _script(c: Conn, params: dict, ctx, clock) -> float:
    """The main connection; returns how long it listened for pushes (seconds)."""
    wait = min(ctx.timeout, 2.0)
    c.pump(ctx.timeout, _handshake_done)
    if not c.open_state:
        if not c.ended:
            c.end("done")
        return 0.0
    if params.get("send", True):
        custom = [("text", m) for m in params.get("messages") or []]
        for kind, payload in custom or default_messages():
            if not c.open_state or ctx.expired():
                break
            if kind == "text":
                c.proto.send_text(payload.encode("utf-8") if isinstance(payload, str) else payload)
            else:
                c.proto.send_binary(payload)
            c.flush(kind)
            c.pump(wait, lambda evs: any(_is_data(e) for e in evs))
    for i in range(int(params.get("pings", 3))):
        if not c.open_state or ctx.expired():
            break
        payload = f"netlab-{i + 1}".encode()
        c.proto.send_ping(payload)
        c.flush("ping")
        c.pump(ctx.timeout, _is_pong(payload))
    listened = 0.0
    listen = float(params.get("listen") or 0)
    if listen > 0 and c.open_state:
        start = time.monotonic()
        c.pump(listen)
        listened = time.monotonic() - start
    idle = float(params.get("idle") or 0)
    if idle > 0 and c.open_state and ctx.remaining() > idle + 2:
        c.rec.add(model.WsIdled(clock(), idle))
        c.pump(idle)
        if c.open_state:
            c.proto.send_text(b"still there?")
            c.flush("text")
            c.pump(wait, lambda evs: any(_is_data(e) for e in evs))
    if ctx.expired():
        c.rec.add(DeadlineReached(clock(), ctx.deadline, "the close handshake"))
    if c.open_state:
        c.proto.send_close(1000, "netlab: done")
        c.flush("close")
    if not c.ended:
        c.pump(ctx.timeout)
    if not c.ended:
        c.end("done")
    return listened


def _unmasked(rec: Recording, params: dict, ctx, clock, address: str) -> None:
    from netlab.probes.websocket.frames import encode_frame

    c = Conn(rec, ctx, clock, 2, "unmasked-test")
    if not c.open(params, address):
        return
    c.pump(ctx.timeout, _handshake_done)
    if c.open_state:
        c.send_raw(encode_frame(1, b"an unmasked client frame", mask=None))
        c.pump(min(ctx.timeout, 3.0))
        if c.open_state:  # the server said nothing: end politely
            c.proto.send_close(1000, "netlab: done")
            c.flush("close")
            c.pump(min(ctx.timeout, 2.0))
    if not c.ended:
        c.end("done")


def _poll(rec: Recording, params: dict, ctx, clock, address: str, seconds: float) -> None:
    import json

    from netlab.probes.httpwire import Wire, build_request
    from netlab.targets import url as parse_url

    if params.get("poll_url"):
        target = parse_url(params["poll_url"])
    else:
        scheme = "https" if params["scheme"] == "wss" else "http"
        target = parse_url(f"{scheme}://{params['host']}:{params['port']}/poll")
    cafile = getattr(ctx.sandbox, "cacert", None) if ctx.sandbox else None
    wire = Wire(clock, ctx.op_timeout, cafile=cafile,
                on_open=lambda o: rec.add(model.WsPollConnected(o.t_start, o.t, o.conn, o.scheme, o.address, o.port,
                                                                  o.local_port)))
    if target.host != params["host"]:
        try:
            address = socket.getaddrinfo(target.host, target.port, socket.AF_UNSPEC, socket.SOCK_STREAM)[0][4][0]
        except (socket.gaierror, UnicodeError):
            return
    interval = float(params.get("poll_interval") or 1.0)
    after = -1
    base = target.path.split("?", 1)[0]
    end = time.monotonic() + seconds
    try:
        while time.monotonic() < end and not ctx.expired():
            t_next = time.monotonic() + interval
            path = f"{base}?after={after}" if after >= 0 else base
            raw = build_request("GET", target.authority, path, [("User-Agent", "netlab-websocket"), ("Accept", "*/*")])
            ex = wire.request(target.scheme, target.host, address, target.port, raw)
            rec.add(model.WsPolled(ex.t_sent, ex.t_done, ex.wall_done, ex.conn, ex.reused, raw, ex.head, ex.body,
                                   ex.body_total, ex.error))
            if ex.error:
                break
            try:
                data = json.loads(ex.body.decode("utf-8"))
                after = max([after] + [int(u["seq"]) for u in data.get("updates", [])])
            except (UnicodeDecodeError, ValueError, TypeError, KeyError, AttributeError):
                pass
            time.sleep(max(0.0, min(t_next - time.monotonic(), end - time.monotonic())))
    finally:
        wire.close()
