"""tcp-handshake collection: one real connection by the kernel's TCP stack, captured.

I/O only; records events (see model.py).  Never forges packets: the connection is an ordinary
socket, and the sniffer (netlab.capture.sniffer) only listens, on the 4-tuple, from before
connect() so the SYN is never missed.  Without capture rights the kernel's own view remains:
TCP_INFO and the socket table (``ss``).

Decisions (where the issue is silent):
- Before the connection an ICMP echo warms the neighbour caches (ours and the routers'), so the
  SYN -> SYN,ACK time is one RTT and not one RTT plus ARP/ND; ``warm=False`` skips it.
- ``--send TEXT`` sends TEXT plus a newline when it has none (as typing a line into nc would);
  the reply is read until the peer closes, or until it has been quiet for 3 RTT + 50 ms.
- ``--http`` sends ``GET / HTTP/1.1`` (with ``Connection: close`` only for ``--close server``)
  and reads exactly one response (Content-Length or chunked), or until the peer closes.
- ``--close client``: shutdown(SHUT_WR) sends our FIN; we read until the server's FIN, then look
  for our TIME_WAIT entry in the socket table.  ``--close server``: we wait for the server's FIN
  (CLOSE_WAIT), then close (LAST_ACK) and wait for the last ACK.
"""

from __future__ import annotations

import errno
import os
import re
import select
import socket
import struct
import subprocess
import threading
import time

from netlab.model import Recording
from netlab.probes.icmp import echo_request
from netlab.probes.lookup import addresses, look_up
from netlab.probes.recorder import RunClock, host_facts, new_recording
from netlab.probes.tcp_handshake import model
from netlab.units import ms_since

TCP_INFO = getattr(socket, "TCP_INFO", 11)


def collect(params: dict, ctx) -> Recording:
    clock = RunClock(ctx.clock)
    rec = _recording(params, ctx)
    host = str(params["host"])
    port = int(params.get("port") or 80)

    # scapy (for libpcap's filter compiler) takes ~0.3 s to import: start it now, in parallel with
    # the name lookup and the ICMP warm-up, which mostly wait on the network.
    prefetch = threading.Thread(target=_prefetch_filter_compiler, daemon=True)
    prefetch.start()
    resolved = _resolve(rec, host, port, params.get("family"), clock)
    if resolved is None:
        return rec
    fam, address = resolved
    if params.get("warm", True):
        rec.add(_warm(address, fam, min(1.0, ctx.timeout), clock))

    from netlab.capture.sniffer import route_to

    route = route_to(address)
    prefetch.join()
    sock = socket.socket(fam, socket.SOCK_STREAM)
    sniffer = None
    try:
        try:
            sock.bind((route.source if route else "", 0))
        except OSError:
            sock.bind(("", 0))
        local = sock.getsockname()
        sniffer = _open_capture(rec, route, local, address, port, clock)
        _exchange(rec, sock, params, host, address, port, local, ctx, clock, sniffer)
    finally:
        try:
            sock.close()
        except OSError:
            pass
        if sniffer is not None:
            _stop_capture(rec, sniffer, params.get("pcap") or getattr(ctx, "pcap", None), clock)
    rec.events.sort(key=lambda e: e.t)
    return rec


def _recording(params: dict, ctx) -> Recording:
    rec = new_recording(model.PROBE, {**params, "timeout": float(ctx.timeout)}, host_facts(ctx))
    for knob in ("tcp_syn_retries", "tcp_syn_linear_timeouts", "tcp_fin_timeout"):
        try:
            with open(f"/proc/sys/net/ipv4/{knob}", encoding="ascii") as fh:
                rec.environment[knob] = int(fh.read().strip())
        except (OSError, ValueError):
            pass
    return rec


def _resolve(rec: Recording, host: str, port: int, family: int | None, clock) -> tuple[int, str] | None:
    """Name -> (address family, the first address); None (and a recorded failure) when it does not resolve."""
    infos, error = look_up(host, port, family)
    if error is not None:
        rec.add(model.NameResolutionFailed(clock(), host, error))
        return None
    fam, address = infos[0][0], infos[0][4][0]
    rec.add(model.TargetResolved(clock(), host, port, address, 6 if fam == socket.AF_INET6 else 4, addresses(infos)))
    return fam, address


def _open_capture(rec: Recording, route, local, address: str, port: int, clock):
    """The sniffer on our 4-tuple, open before connect(); None (and the reason recorded) without one."""
    from netlab.capture.sniffer import CAPTURE_NEEDS, Sniffer, capture_problem, connection_filter
    from netlab.errors import EnvironmentProblem

    problem = capture_problem()
    if problem:
        rec.add(model.CaptureUnavailable(clock(), problem, "privilege" if problem == CAPTURE_NEEDS else ""))
        return None
    if route is None:
        rec.add(model.CaptureUnavailable(clock(), f"no route to {address}: nothing to capture on", "no-route"))
        return None
    bpf = connection_filter(local[0], local[1], address, port)
    try:
        sniffer = Sniffer(route.ifname, bpf).open()
    except EnvironmentProblem as e:
        rec.add(model.CaptureUnavailable(clock(), e.message))
        return None
    r = time.time_ns()
    now = clock()
    rec.add(model.CaptureStarted(now, route.ifname, sniffer.linktype, bpf, r - int(now * 1e9)))
    return sniffer


def _frames_to_keep(frames: list) -> tuple[list, int]:
    """The frames kept as evidence: all of them, unless a peer that sends without end made them
    more than KEEP_FRAME_BYTES; then the first ones and the last ones (the handshake and the
    close are what the report is about), and how many in the middle were left out."""
    total = sum(len(f.data) for f in frames)
    if total <= model.KEEP_FRAME_BYTES:
        return frames, 0
    head, size = [], 0
    for f in frames:
        if size + len(f.data) > model.KEEP_FRAME_BYTES * 3 // 4:
            break
        head.append(f)
        size += len(f.data)
    tail, size = [], 0
    for f in reversed(frames[len(head):]):
        if size + len(f.data) > model.KEEP_FRAME_BYTES // 4:
            break
        tail.append(f)
        size += len(f.data)
    tail.reverse()
    return head + tail, len(frames) - len(head) - len(tail)


def _stop_capture(rec: Recording, sniffer, pcap_path: str | None, clock) -> None:
    cap = rec.of_type(model.CaptureStarted)[0]
    frames = sniffer.drain(settle=0.02)
    _passed, drops = sniffer.stats()
    sniffer.close()
    kept, dropped = _frames_to_keep(frames)
    for f in kept:
        rec.add(model.SegmentCaptured(round((f.ts_ns - cap.realtime_offset_ns) / 1e9, 9), f.ts_ns, f.data,
                                      f.pkttype, f.orig_len))
    if pcap_path:
        from netlab.capture.pcap import write_pcap

        write_pcap(pcap_path, frames, linktype=sniffer.linktype)
        rec.artifacts["pcap"] = str(pcap_path)
    now = clock()
    offset = time.time_ns() - int(now * 1e9)
    rec.add(model.CaptureStopped(now, len(frames), drops, str(pcap_path) if pcap_path else None, offset, dropped))


def _prefetch_filter_compiler() -> None:
    """Load libpcap (the capture filter's compiler) while the name is resolved; scapy only when
    libpcap cannot be loaded directly (scapy's import costs ~0.3 s)."""
    try:
        from netlab.capture.sniffer import _libpcap

        if _libpcap() is None:
            import scapy.arch.common  # noqa: F401
    except Exception:  # noqa: BLE001 - compile_bpf reports the real problem later
        pass


# ------------------------------------------------------------------------------------ exchange


def _exchange(rec, sock, params, host, address, port, local, ctx, clock, sniffer) -> None:
    rec.add(model.ConnectStarted(clock(), local[0], local[1], address, port))
    sock.settimeout(ctx.timeout)
    try:
        sock.connect((address, port))
    except TimeoutError:
        rec.add(model.ConnectFailed(clock(), errno.ETIMEDOUT, "ETIMEDOUT",
                                    f"no answer within {ctx.timeout:g} s (our --timeout)", timeout_s=ctx.timeout))
        _observe(rec, sock, clock, "after-timeout", local, address, port)
        return
    except OSError as e:
        name = errno.errorcode.get(e.errno or 0, str(e.errno))
        rec.add(model.ConnectFailed(clock(), e.errno or 0, name, e.strerror or str(e)))
        return
    rec.add(model.Connected(clock()))
    # TCP_INFO only (a getsockopt): `ss` is a subprocess and would delay our first data segment
    _tcp_info(rec, sock, clock, "after-connect")
    rtt_s = _tcp_rtt_s(sock)

    peer_closed = False
    budget = _Budget(rec)
    close = params.get("close") or "client"
    payload = _payload(params, host, port, close)
    if payload is not None:
        try:
            sock.sendall(payload)
            rec.add(model.DataSent(clock(), payload))
            peer_closed = _read_reply(rec, sock, clock, ctx.op_timeout(), rtt_s, bool(params.get("http")), budget)
        except OSError as e:
            rec.add(model.ReadStopped(clock(), "reset" if e.errno == errno.ECONNRESET else f"error: {e.strerror}"))
            return
    ends = (local, address, port)
    if close == "client" and not peer_closed:
        _close_first(rec, sock, clock, ctx.op_timeout(), ends, budget)
    else:
        _close_second(rec, sock, clock, ctx.op_timeout(), rtt_s, peer_closed, ends, budget)


def _payload(params: dict, host: str, port: int, close: str) -> bytes | None:
    """What --http or --send sends (None: nothing)."""
    if params.get("http"):
        lines = [f"GET {params.get('path') or '/'} HTTP/1.1", f"Host: {_host_header(host, port)}",
                 "User-Agent: netlab", "Accept: */*"]
        if close == "server":
            lines.append("Connection: close")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii")
    if params.get("send") is not None:
        text = str(params["send"])
        if not text.endswith("\n"):
            text += "\n"
        return text.encode("utf-8", "surrogateescape")  # bytes typed that are not UTF-8 are sent as typed
    return None


def _close_first(rec, sock, clock, timeout: float, ends, budget: _Budget) -> None:
    """We send our FIN (shutdown), read until the server's FIN, close, and look for our TIME_WAIT."""
    rec.add(model.CloseStarted(clock(), "client", "shutdown"))
    try:
        sock.shutdown(socket.SHUT_WR)
    except OSError:
        pass
    _observe(rec, sock, clock, "after-shutdown", *ends)
    if _wait_eof(rec, sock, clock, timeout, budget):
        _observe(rec, sock, clock, "after-peer-fin", *ends)
    sock.close()
    rec.add(model.SocketClosed(clock()))
    _observe(rec, None, clock, "after-close", *ends)


def _close_second(rec, sock, clock, timeout: float, rtt_s: float, peer_closed: bool, ends,
                  budget: _Budget) -> None:
    """The server closes first (or already did): CLOSE_WAIT, then our close, LAST_ACK until its ACK."""
    if not peer_closed:
        rec.add(model.CloseStarted(clock(), "server", "wait"))
        peer_closed = _wait_eof(rec, sock, clock, timeout, budget)
    if peer_closed:
        _observe(rec, sock, clock, "after-peer-fin", *ends)
    sock.close()
    rec.add(model.SocketClosed(clock()))
    # LAST_ACK until the server's ACK of our FIN arrives (about one RTT)
    deadline = clock() + min(timeout, 1.0 + 4 * rtt_s)
    state = _observe(rec, None, clock, "after-close", *ends)
    while state not in (None, "TIME-WAIT") and clock() < deadline:
        time.sleep(max(0.002, rtt_s / 4))
        state = _ss_state(*ends)[0]
    if state is None or clock() >= deadline:
        _observe(rec, None, clock, "after-last-ack", *ends)


def _host_header(host: str, port: int) -> str:
    h = f"[{host}]" if ":" in host else host
    return h if port == 80 else f"{h}:{port}"


class _Budget:
    """The bytes read from the peer over the whole connection: kept up to KEEP, read up to MAX."""

    def __init__(self, rec):
        self.rec, self.kept, self.total = rec, 0, 0

    def take(self, t: float, data: bytes) -> bool:
        """Record what fits; False when the read cap is reached (stop reading)."""
        self.total += len(data)
        if self.kept < model.KEEP_REPLY_BYTES:
            piece = data[: model.KEEP_REPLY_BYTES - self.kept]
            self.kept += len(piece)
            self.rec.add(model.DataReceived(t, piece))
        return self.total <= model.MAX_REPLY_BYTES

    def cut(self, t: float, why: str) -> None:
        self.rec.add(model.ReplyCut(t, self.kept, self.total, why))


class _HttpEnd:
    """Where an HTTP/1.x response ends, fed chunk by chunk (each byte looked at about once)."""

    def __init__(self):
        self.head = b""
        self.known = False
        self.length: int | None = None
        self.chunked = False
        self.no_body = False
        self.closing = False  # the server said it closes after this response (HTTP/1.0, Connection: close)
        self.body = 0
        self.tail = b""

    def feed(self, data: bytes) -> bool:
        if not self.known:
            self.head += data
            head, sep, body = self.head.partition(b"\r\n\r\n")
            if not sep:
                self.head = self.head[-(64 << 10):] if len(self.head) > (64 << 10) else self.head
                return False
            self._parse(head)
            data = body
        self.body += len(data)
        self.tail = (self.tail + data)[-5:]
        if self.no_body:
            return True
        if self.length is not None:
            return self.body >= self.length
        return self.chunked and self.tail.endswith(b"0\r\n\r\n")

    def _parse(self, head: bytes) -> None:
        self.known = True
        headers = head.decode("latin-1").lower()
        m = re.search(r"^content-length:\s*(\d+)", headers, re.M)
        self.length = int(m.group(1)) if m else None
        self.chunked = self.length is None and bool(re.search(r"^transfer-encoding:.*chunked", headers, re.M))
        status = head.split(b"\r\n", 1)[0]
        self.no_body = bool(re.match(rb"HTTP/1\.[01] (1\d\d|204|304)", status))
        conn = re.search(r"^connection:\s*([^\r\n]*)", headers, re.M)
        tokens = {t.strip() for t in conn.group(1).split(",")} if conn else set()
        self.closing = "close" in tokens or (status.startswith(b"HTTP/1.0") and "keep-alive" not in tokens)


def _read_reply(rec, sock, clock, timeout: float, rtt_s: float, http: bool, budget: _Budget) -> bool:
    """Read the reply; returns True when the peer closed (EOF)."""
    deadline = clock() + timeout
    first_wait = timeout if http else min(timeout, 1.0 + 4 * rtt_s)
    idle = 3 * rtt_s + 0.05
    got_any = False
    end = _HttpEnd()
    while True:
        now = clock()
        wait = (deadline if got_any else min(deadline, now + first_wait)) - now
        if got_any and not http:
            wait = min(wait, idle)
        if wait <= 0:
            rec.add(model.ReadStopped(clock(), "timeout" if not got_any or http else "idle"))
            return False
        r, _, _ = select.select([sock], [], [], wait)
        if not r:
            rec.add(model.ReadStopped(clock(), "idle" if got_any and not http else "timeout"))
            return False
        data = sock.recv(65536)
        if not data:
            rec.add(model.PeerClosed(clock()))
            return True
        got_any = True
        if not budget.take(clock(), data):
            budget.cut(clock(), "cap")
            rec.add(model.ReadStopped(clock(), "cap"))
            return False
        if http and end.feed(data) and not end.closing:
            rec.add(model.ReadStopped(clock(), "complete"))
            return False
        # a server that announced it closes after the response is left to close first: read to EOF


def _wait_eof(rec, sock, clock, timeout: float, budget: _Budget) -> bool:
    deadline = clock() + timeout
    while clock() < deadline:
        r, _, _ = select.select([sock], [], [], max(0.0, deadline - clock()))
        if not r:
            break
        try:
            data = sock.recv(65536)
        except OSError as e:
            rec.add(model.ReadStopped(clock(), "reset" if e.errno == errno.ECONNRESET else f"error: {e.strerror}"))
            return False
        if not data:
            rec.add(model.PeerClosed(clock()))
            return True
        if not budget.take(clock(), data):
            budget.cut(clock(), "cap")
            rec.add(model.ReadStopped(clock(), "cap"))
            return False
    rec.add(model.ReadStopped(clock(), "timeout"))
    return False


# ------------------------------------------------------------------------------------ kernel view


def _tcp_rtt_s(sock) -> float:
    try:
        raw = sock.getsockopt(socket.IPPROTO_TCP, TCP_INFO, 256)
        return struct.unpack("I", raw[68:72])[0] / 1e6
    except (OSError, struct.error):
        return 0.05


def _tcp_info(rec, sock, clock, moment: str) -> None:
    try:
        raw = sock.getsockopt(socket.IPPROTO_TCP, TCP_INFO, 256)
        rec.add(model.TcpInfoRead(clock(), moment, raw))
    except OSError:
        pass


def _observe(rec, sock, clock, moment: str, local, address: str, port: int) -> str | None:
    if sock is not None:
        _tcp_info(rec, sock, clock, moment)
    state, timer, line = _ss_state(local, address, port)
    rec.add(model.SocketStateObserved(clock(), "ss", moment, state, timer, line))
    return state


def _ss_state(local, address: str, port: int) -> tuple[str | None, str | None, str]:
    """Our 4-tuple in the kernel's socket table: ``ss -tanoH`` (iproute2, netlink sock_diag)."""

    def ep(a: str, p: int) -> str:
        return f"[{a}]:{p}" if ":" in a else f"{a}:{p}"

    argv = ["ss", "-tanoH", "state", "all", "src", ep(local[0], local[1]), "dst", ep(address, port)]
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=5, check=False).stdout
    except (FileNotFoundError, subprocess.TimeoutExpired) as e:
        return None, None, f"ss unavailable: {e}"
    line = next((ln.strip() for ln in out.splitlines() if ln.strip()), "")
    if not line:
        return None, None, ""
    state = line.split()[0]
    m = re.search(r"timer:\(([^)]*)\)", line)
    return state, (m.group(1) if m else None), line


# ------------------------------------------------------------------------------------ warm-up


def _warm(address: str, fam: int, timeout: float, clock) -> model.NeighbourWarmed:
    """One ICMP echo to the target, so neighbour resolution is done before our SYN."""
    v6 = fam == socket.AF_INET6
    proto = socket.IPPROTO_ICMPV6 if v6 else socket.IPPROTO_ICMP
    rep_type = 129 if v6 else 0
    ident = os.getpid() & 0xFFFF
    t = clock()
    s = None
    for kind in (socket.SOCK_DGRAM, socket.SOCK_RAW):
        try:
            s = socket.socket(fam, kind, proto)
            break
        except OSError:
            s = None
    if s is None:
        return model.NeighbourWarmed(t, False, None, "no ICMP socket (needs root or net.ipv4.ping_group_range)")
    try:
        pkt = echo_request(v6, ident, 1, b"netlab-warm", checksum=not v6)  # the kernel sums ICMPv6
        t0 = time.monotonic()
        s.sendto(pkt, (address, 0))
        deadline = t0 + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return model.NeighbourWarmed(t, False, None, f"no echo reply within {timeout:g} s")
            r, _, _ = select.select([s], [], [], left)
            if not r:
                return model.NeighbourWarmed(t, False, None, f"no echo reply within {timeout:g} s")
            data, _ = s.recvfrom(2048)
            t1 = time.monotonic()
            if not v6 and s.type == socket.SOCK_RAW and data and data[0] >> 4 == 4:
                data = data[(data[0] & 0x0F) * 4:]
            if len(data) >= 8 and data[0] == rep_type and (s.type == socket.SOCK_DGRAM or
                                                            struct.unpack("!H", data[4:6])[0] == ident):
                return model.NeighbourWarmed(t, True, ms_since(t1, t0), None)
    except OSError as e:
        return model.NeighbourWarmed(t, False, None, e.strerror or str(e))
    finally:
        s.close()
