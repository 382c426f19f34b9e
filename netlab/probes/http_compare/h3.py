"""HTTP/3 with aioquic (I/O): one client run, new or resumed (0-RTT), timed by our own hooks.

aioquic has no trace hook like httpx's, so a small protocol subclass stamps the events analyze
needs (connect started, handshake complete, request sent, headers received, body complete), with
the probe's clock.  aioquic is imported inside functions.  Its failures surface as bare
ConnectionError or a timeout: they are turned into an error kind and a recorded sentence here.
"""

from __future__ import annotations

import asyncio
import os
import time

from netlab.errors import EnvironmentProblem
from netlab.probes.http_compare import model, state
from netlab.probes.http_compare.messages import M
from netlab.probes.http_compare.objects import hol_path, object_paths, plan_objects

# --hol: 1-RTT packets kept from aioquic's logger (each with the K streams' STREAM frames)
MAX_HOL_PACKETS = 50000
# The QUIC socket's receive buffer.  The kernel's TCP grows its own (tcp_rmem, up to 6 MiB); a UDP
# socket keeps the default (about 200 KiB), and a Python QUIC client that falls behind a burst would
# lose datagrams in its own kernel: losses the network never made.  Asked with SO_RCVBUFFORCE
# (possible in the sandbox's namespaces), else SO_RCVBUF (capped by net.core.rmem_max).
QUIC_RCVBUF = 8 << 20
SO_RCVBUFFORCE = 33


def udp_rcvbuf_errors() -> int | None:
    """UDP datagrams this network namespace's kernel dropped for a full receive buffer (Udp + Udp6)."""
    total, seen = 0, False
    for path, prefix in (("/proc/net/snmp", "Udp:"), ("/proc/net/snmp6", "Udp6RcvbufErrors")):
        try:
            with open(path) as fh:
                lines = fh.read().splitlines()
        except OSError:
            continue
        if prefix == "Udp:":
            rows = [ln.split() for ln in lines if ln.startswith("Udp:")]
            if len(rows) >= 2 and "RcvbufErrors" in rows[0]:
                total += int(rows[1][rows[0].index("RcvbufErrors")])
                seen = True
        else:
            for ln in lines:
                parts = ln.split()
                if len(parts) == 2 and parts[0] == prefix:
                    total += int(parts[1])
                    seen = True
    return total if seen else None


def _grow_rcvbuf(c) -> int | None:
    """Give the QUIC socket a big receive buffer; returns the size the kernel reports."""
    import socket

    transport = getattr(c, "_transport", None)
    sock = transport.get_extra_info("socket") if transport is not None else None
    if sock is None:
        return None
    for opt in (SO_RCVBUFFORCE, socket.SO_RCVBUF):
        try:
            sock.setsockopt(socket.SOL_SOCKET, opt, QUIC_RCVBUF)
            break
        except OSError:
            continue
    try:
        return sock.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF)
    except OSError:
        return None

# TLS alerts that mean "your certificate/chain is the problem" (QUIC carries them as 0x100 + alert).
_CERT_ALERTS = {42, 43, 44, 45, 46, 48, 49}


def classify_quic_close(error_code: int, reason: str) -> str:
    if 0x100 <= error_code <= 0x1FF and (error_code - 0x100) in _CERT_ALERTS:
        return "certificate"
    if "certificate" in (reason or "").lower():
        return "certificate"
    return "quic-closed"


def _h3_protocol_class():
    from aioquic.asyncio.protocol import QuicConnectionProtocol
    from aioquic.h3.connection import H3Connection
    from aioquic.h3.events import DataReceived, HeadersReceived
    from aioquic.quic.events import ConnectionTerminated, HandshakeCompleted

    class H3Client(QuicConnectionProtocol):
        """aioquic's protocol with an H3 layer that timestamps what we need (no trace hook exists)."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.h3 = H3Connection(self._quic)
            self.now = time.monotonic
            self.handshake: HandshakeCompleted | None = None
            self.handshake_t: float | None = None
            self.terminated: ConnectionTerminated | None = None
            self.streams: dict[int, dict] = {}

        def request(self, authority: str, path: str, keep_body: bool, record_data: bool = False) -> dict:
            sid = self._quic.get_next_available_stream_id()
            headers = [(b":method", b"GET"), (b":scheme", b"https"), (b":authority", authority.encode()),
                       (b":path", path.encode()), (b"user-agent", state.USER_AGENT.encode()), (b"accept", b"*/*")]
            self.h3.send_headers(stream_id=sid, headers=headers, end_stream=True)
            s = {"sid": sid, "path": path, "headers_t": None, "end_t": None, "status": None, "bytes": 0,
                 "body": bytearray() if keep_body else None, "headers": {}, "cut": None,
                 "data": [] if record_data else None,
                 "done": _quiet(asyncio.get_running_loop().create_future())}
            self.streams[sid] = s
            return s

        def quic_event_received(self, event) -> None:
            t = self.now()
            if isinstance(event, HandshakeCompleted):
                self.handshake, self.handshake_t = event, t
            elif isinstance(event, ConnectionTerminated):
                self.terminated = event
                for s in self.streams.values():
                    if not s["done"].done():
                        s["done"].set_exception(ConnectionError(event.reason_phrase))
            for h in self.h3.handle_event(event):
                s = self.streams.get(getattr(h, "stream_id", -1))
                if s is not None:
                    self._stream_event(s, h, t)

        def _stream_event(self, s: dict, h, t: float) -> None:
            if isinstance(h, HeadersReceived):
                if s["headers_t"] is None:
                    s["headers_t"] = t
                    hd = {k.decode(): v.decode(errors="replace") for k, v in h.headers}
                    s["headers"] = hd
                    try:
                        s["status"] = int(hd.get(":status", "0"))
                    except ValueError:
                        s["status"] = None
            elif isinstance(h, DataReceived):
                s["bytes"] += len(h.data)
                if s["data"] is not None and h.data and len(s["data"]) <= state.MAX_DATA_SAMPLES:
                    s["data"].append((t, len(h.data)))
                if s["body"] is not None and len(s["body"]) < state.KEEP_DOCUMENT_BYTES:
                    s["body"] += h.data[: state.KEEP_DOCUMENT_BYTES - len(s["body"])]
                if s["bytes"] > state.MAX_BODY_BYTES and not s["done"].done():
                    s["cut"], s["end_t"] = "cap", t  # a body that never ends: stop waiting for it
                    s["done"].set_result(None)
            if getattr(h, "stream_ended", False) and not s["done"].done():
                s["end_t"] = t
                s["done"].set_result(None)

    return H3Client


def _quiet(fut):
    """Mark a future's exception as seen (we read failures from the connection, not from it)."""
    fut.add_done_callback(lambda f: f.cancelled() or f.exception())
    return fut


async def _wait_connected(c, timeout: float) -> None:
    """aioquic's wait_connected() shields its future; after a timeout, keep that future quiet."""
    try:
        await asyncio.wait_for(c.wait_connected(), timeout)
    finally:
        waiter = getattr(c, "_connected_waiter", None)
        if waiter is not None:
            _quiet(waiter)


def _packet_logger(base, now):
    """An aioquic logger (``base``: QuicLogger, or QuicFileLogger for --qlog) that also keeps, with
    the probe's clock, a reference to every ``transport:packet_received`` event: aioquic fills its
    frame list after logging it, so it is read after the run (packets_of)."""

    class PacketLogger(base):
        def __init__(self, *args):
            super().__init__(*args)
            self.packets: list[tuple[float, dict]] = []
            self.keep_all = base.__name__ == "QuicFileLogger"

        def start_trace(self, is_client: bool, odcid: bytes):
            trace = super().start_trace(is_client=is_client, odcid=odcid)
            original = trace.log_event
            packets = self.packets

            def log_event(*, category: str, event: str, data: dict) -> None:
                if category == "transport" and event == "packet_received" and len(packets) < MAX_HOL_PACKETS:
                    packets.append((now(), data))
                if self.keep_all:
                    original(category=category, event=event, data=data)

            trace.log_event = log_event
            return trace

    return PacketLogger


def packets_of(logged: list[tuple[float, dict]], sids: set[int], since: float) -> list[list]:
    """[t, packet number, [[stream id, offset, length], ...]] of the 1-RTT packets received after
    ``since`` that carried STREAM frames of the streams ``sids`` (or nothing: ACK-only packets are kept
    too, with an empty list, so that a gap in the numbers can be read)."""
    out = []
    for t, data in logged:
        if t < since:
            continue
        header = data.get("header") or {}
        if header.get("packet_type") != "1RTT":
            continue
        frames = [[f.get("stream_id"), f.get("offset"), f.get("length")] for f in data.get("frames") or []
                  if f.get("frame_type") == "stream" and f.get("stream_id") in sids]
        out.append([t, header.get("packet_number"), frames])
    return out


def _import_aioquic():
    try:
        from aioquic.asyncio.client import connect
        from aioquic.h3.connection import H3_ALPN
        from aioquic.quic.configuration import QuicConfiguration
        from aioquic.quic.logger import QuicFileLogger
    except ImportError as e:  # pragma: no cover - a dependency
        raise EnvironmentProblem("aioquic is not installed (HTTP/3 needs it)", hint="pip install aioquic") from e
    import logging

    # aioquic logs connection errors as warnings; with no handler Python would print them: a probe never prints.
    quic_log = logging.getLogger("quic")
    if not quic_log.handlers:
        quic_log.addHandler(logging.NullHandler())
    return connect, H3_ALPN, QuicConfiguration, QuicFileLogger


class H3Run:
    """One HTTP/3 client run: a connection (resumed with the run's ticket for h3-0rtt), its requests."""

    def __init__(self, st: state.RunState, run: int, mode: str, qlog_dir: str | None):
        self.st, self.run, self.mode, self.qlog_dir = st, run, mode, qlog_dir
        self.resumed = mode == "h3-0rtt"
        self.hol = bool(st.params.get("hol")) and not self.resumed
        self.config = None
        self.port = st.alt_svc_port or st.target.port
        self.client = None
        self.conn_trace: list[tuple[str, float]] = []
        self.streams: list[tuple[int, dict, list]] = []  # (index, stream, trace so far)
        self.batch_t: float | None = None
        self.err_kind: str | None = None
        self.err: str | None = None

    def configuration(self, QuicConfiguration, H3_ALPN, QuicFileLogger):
        st = self.st
        config = QuicConfiguration(is_client=True, alpn_protocols=H3_ALPN, server_name=st.target.host,
                                   idle_timeout=max(5.0, st.ctx.timeout))
        if st.cacert:
            config.load_verify_locations(st.cacert)
        else:
            try:
                import certifi

                config.load_verify_locations(certifi.where())
            except ImportError:
                pass
        if self.hol:
            from aioquic.quic.logger import QuicLogger

            base = QuicFileLogger if self.qlog_dir else QuicLogger
            config.quic_logger = _packet_logger(base, st.now)(*([self.qlog_dir] if self.qlog_dir else []))
        elif self.qlog_dir:
            config.quic_logger = QuicFileLogger(self.qlog_dir)
        if self.resumed:
            config.session_ticket = st.tickets.get(self.run)
        return config

    def ticket_handler(self, ticket) -> None:
        if not self.resumed:
            self.st.tickets[self.run] = ticket

    def _send(self, c, index: int, path: str, issued: float, keep_body: bool, role: str | None = None,
              record_data: bool = False) -> dict:
        s = c.request(self.st.target.authority, path, keep_body=keep_body, record_data=record_data)
        s["role"] = role
        self.streams.append((index, s, [(model.REQUEST_ISSUED, issued)]))
        return s

    async def session(self, connect, config, protocol) -> None:
        st = self.st
        async with connect(st.address, self.port, configuration=config, create_protocol=protocol,
                           session_ticket_handler=self.ticket_handler, wait_connected=False) as c:
            self.client = c
            c.now = st.now
            self.rcvbuf = _grow_rcvbuf(c)
            self.conn_trace.append((model.H3_CONNECT_STARTED, st.now()))
            if not self.resumed:
                c.transmit()
                await _wait_connected(c, st.ctx.timeout)
            # 0-RTT: the request leaves with the ClientHello when the ticket allows early data
            doc = self._send(c, 0, st.target.path, st.now(), keep_body=True)
            c.transmit()
            self.streams[-1][2].append((model.H3_REQUEST_SENT, st.now()))
            if self.resumed:
                await _wait_connected(c, st.ctx.timeout)
            await asyncio.wait_for(doc["done"], st.ctx.timeout)
            if st.objects is None and doc["status"] and 200 <= doc["status"] < 300:
                st.objects = object_paths(bytes(doc["body"] or b""), doc["headers"].get("content-type", ""),
                                          st.target.host, st.target.path)
            if self.hol and doc["status"] and 200 <= doc["status"] < 400:
                await self._hol(c)
            elif st.params["requests"] > 1 and not self.resumed:
                await self._objects(c)

    async def _hol(self, c) -> None:
        """--hol over HTTP/3: the object once (warm-up), the drop armed, K streams at once, the drop off."""
        from netlab.probes.http_compare.link import mono_at_zero

        st = self.st
        k = st.params["hol_streams"]
        warm = self._send(c, k + 1, st.hol_path, st.now(), keep_body=False, role="warm-up")
        c.transmit()
        self.streams[-1][2].append((model.H3_REQUEST_SENT, st.now()))
        await asyncio.wait_for(warm["done"], st.ctx.timeout * 4)
        rule = state.hol_rule(st, warm["bytes"], "udp", self.port)
        armed = await asyncio.to_thread(st.link.arm_drop, self.run, self.mode, rule)
        self.batch_t = st.now()
        try:
            if armed.error is None:
                batch = [self._send(c, i, hol_path(st.hol_path, i), self.batch_t, keep_body=False, role="hol",
                                    record_data=True) for i in range(1, k + 1)]
                c.transmit()
                sent = st.now()
                for (_, _, tr) in self.streams[-k:]:
                    tr.append((model.H3_REQUEST_SENT, sent))
                self.hol_sids = {s["sid"] for s in batch}
                await asyncio.wait_for(asyncio.gather(*(s["done"] for s in batch), return_exceptions=True),
                                       st.ctx.timeout * max(2, k // 4 + 2))
        finally:
            await asyncio.to_thread(st.link.disarm, self.run, self.mode, mono_at_zero(st))

    async def _objects(self, c) -> None:
        """The page's objects, all sent at once on the connection."""
        st = self.st
        paths = plan_objects(st.objects or [], st.target.path, st.params["requests"] - 1)
        self.batch_t = st.now()
        batch = [self._send(c, i, path, self.batch_t, keep_body=False) for i, path in enumerate(paths, start=1)]
        c.transmit()
        sent = st.now()
        for (_, _, tr) in self.streams[-len(batch):]:
            tr.append((model.H3_REQUEST_SENT, sent))
        await asyncio.wait_for(asyncio.gather(*(s["done"] for s in batch), return_exceptions=True),
                               st.ctx.timeout * max(1, len(batch) // 10 + 1))

    def failed(self, exc: BaseException) -> None:
        """What went wrong, as an error kind and the sentence recorded."""
        st, client = self.st, self.client
        if isinstance(exc, TimeoutError):
            if client is None or client.handshake is None:
                self.err_kind = "quic-timeout"
                self.err = M.text("recorded.quic-timeout", "en", address=st.address, port=self.port,
                                  seconds=f"{st.ctx.timeout:g}")
            else:
                self.err_kind, self.err = "timeout", M.text("recorded.h3-timeout", "en")
        elif isinstance(exc, ConnectionError):
            term = client.terminated if client is not None else None
            if term is not None:
                self.err_kind = classify_quic_close(term.error_code, term.reason_phrase)
                code, reason = f"0x{term.error_code:x}", (term.reason_phrase or "").strip()
                self.err = (M.text("recorded.quic-closed", "en", code=code, reason=reason) if reason
                            else M.text("recorded.quic-closed-bare", "en", code=code))
            else:
                self.err_kind = "quic-closed"
                self.err = M.text("recorded.quic-failed", "en", reason=str(exc or type(exc).__name__))
        else:
            self.err_kind, self.err = "other", f"{type(exc).__name__}: {getattr(exc, 'strerror', None) or exc}"

    def _stream_event(self, index: int, s: dict, tr: list) -> model.RequestTraced:
        hs, client = self.client.handshake, self.client
        trace = [self.conn_trace[0], *tr] if index == 0 else list(tr)
        if index == 0 and client.handshake_t is not None:
            trace.append((model.H3_HANDSHAKE_COMPLETE, client.handshake_t))
        if s["headers_t"] is not None:
            trace.append((model.H3_HEADERS_RECEIVED, s["headers_t"]))
        if s["end_t"] is not None:
            trace.append((model.H3_BODY_COMPLETE, s["end_t"]))
        trace.sort(key=lambda x: x[1])
        ok = s["end_t"] is not None
        data = s.get("data") or []
        return model.RequestTraced(
            t=tr[0][1], run=self.run, mode=self.mode, index=index, conn=0, url=self.st.target.with_path(s["path"]),
            trace=trace, status=s["status"], http_version="HTTP/3" if s["headers_t"] else None,
            alpn=hs.alpn_protocol if hs else None, tls_version="TLSv1.3" if hs else None,
            body_bytes=s["bytes"], body_cut=s.get("cut"), alt_svc=s["headers"].get("alt-svc"), location=s["headers"].get("location"),
            session_resumed=hs.session_resumed if hs else None,
            early_data_accepted=hs.early_data_accepted if hs else None,
            error_kind=None if ok else (self.err_kind or "timeout"),
            error=None if ok else (self.err or M.text("recorded.no-response", "en")),
            server=s["headers"].get("server"), role=s.get("role"), stream_id=s["sid"],
            data=list(data[:state.MAX_DATA_SAMPLES]), data_cut=len(data) > state.MAX_DATA_SAMPLES,
        )

    def record(self, w0: float) -> str | None:
        """Every request as an event; returns the qlog file written, if any."""
        st, client = self.st, self.client
        if client is None:
            st.rec.add(model.RequestTraced(t=w0, run=self.run, mode=self.mode, index=0, conn=-1, url=st.target.url,
                                           error_kind=self.err_kind or "other",
                                           error=self.err or M.text("recorded.no-socket", "en")))
            return None
        if client.handshake_t is not None:
            self.conn_trace.append((model.H3_HANDSHAKE_COMPLETE, client.handshake_t))
        for index, s, tr in self.streams:
            st.rec.add(self._stream_event(index, s, tr))
        logger = getattr(self.config, "quic_logger", None)
        if self.hol and self.batch_t is not None and hasattr(logger, "packets"):
            pk = packets_of(logger.packets, getattr(self, "hol_sids", set()), self.batch_t)
            st.rec.add(model.QuicPacketsReceived(t=self.batch_t, run=self.run, mode=self.mode, packets=pk,
                                                 cut=len(logger.packets) >= MAX_HOL_PACKETS))
        if not self.streams:
            st.rec.add(model.RequestTraced(t=self.conn_trace[0][1] if self.conn_trace else w0, run=self.run,
                                           mode=self.mode, index=0, conn=0, url=st.target.url,
                                           trace=list(self.conn_trace), error_kind=self.err_kind or "other",
                                           error=self.err or M.text("recorded.no-request", "en")))
        return _rename_qlog(self.qlog_dir, client, self.run, self.mode) if self.qlog_dir else None


async def run_h3(st: state.RunState, run: int, mode: str, qlog_dir: str | None) -> None:
    connect, H3_ALPN, QuicConfiguration, QuicFileLogger = _import_aioquic()
    h3 = H3Run(st, run, mode, qlog_dir)
    config = h3.configuration(QuicConfiguration, H3_ALPN, QuicFileLogger)
    h3.config = config
    cpu0, w0 = time.process_time(), st.now()
    drops0 = udp_rcvbuf_errors()
    try:
        await asyncio.wait_for(h3.session(connect, config, _h3_protocol_class()),
                               st.ctx.timeout * (3 + st.params["requests"] // 10))
    except (TimeoutError, OSError) as e:  # ConnectionError is an OSError
        h3.failed(e)
    qlog_file = h3.record(w0)
    st.rec.add(model.ClientRunFinished(t=w0, run=run, mode=mode, cpu_s=time.process_time() - cpu0,
                                       wall_s=st.now() - w0, batch_t=h3.batch_t, connections=1 if h3.client else 0,
                                       qlog_file=qlog_file, error_kind=h3.err_kind, error=h3.err,
                                       client_cc=getattr(config, "congestion_control_algorithm", None) or "reno",
                                       udp=_udp_record(h3, drops0)))
    if qlog_file:
        st.rec.artifacts[f"qlog-run{run}-{mode}"] = qlog_file


def _udp_record(h3: H3Run, drops0: int | None) -> dict:
    drops1 = udp_rcvbuf_errors()
    out = {"rcvbuf": getattr(h3, "rcvbuf", None)}
    if drops0 is not None and drops1 is not None:
        out["rcvbuf_errors"] = max(0, drops1 - drops0)
    return out


def _rename_qlog(qlog_dir: str, client, run: int, mode: str) -> str | None:
    try:
        odcid = client._quic.original_destination_connection_id.hex()
    except AttributeError:
        return None
    src = os.path.join(qlog_dir, f"{odcid}.qlog")
    if not os.path.exists(src):
        return None
    dst = os.path.join(qlog_dir, f"run{run}-{mode}-{odcid}.qlog")
    try:
        os.replace(src, dst)
    except OSError:
        return src
    return dst
