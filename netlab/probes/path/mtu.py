"""--mtu-discovery: how big a packet gets through, who says so, and what TCP does about it (I/O).

Three measurements, each recorded as events:

1. A TCP upload (an HTTP POST of UPLOAD_BYTES) on an ordinary kernel connection: full-size segments
   leave with DF set; if a router answers "fragmentation needed" (IPv6: "packet too big") the
   kernel lowers the path MTU and resends smaller segments.  TCP_INFO (pmtu, snd_mss, retransmits,
   bytes acknowledged) is read as it goes.  Inside the sandbox the client's learnt path MTUs are
   flushed first (``ip route flush cache``), so each run starts from the interface's MTU; on a live
   machine the route cache is left alone and the report says what the kernel already knew.
2. Size probes: UDP datagrams (ICMP echoes with --protocol icmp) with DF set and the learnt path MTU
   ignored (IP_PMTUDISC_PROBE, as tracepath does), from the interface MTU down: each frag-needed
   names the next size; a size that gets no answer at all is the sign of a black hole, and the
   largest size that passes is then found by bisection.
3. Where the black hole is: probes of the silent size with TTL 1, 2, ... : routers before it still
   answer Time Exceeded (the packet reached them); past it, nothing.
"""

from __future__ import annotations

import errno
import socket
import struct
import time

from netlab.probes.path import model
from netlab.probes.path.errqueue import is_too_big
from netlab.probes.path.probes import Engine
from netlab.probes.path.tables import flush_route_cache

UPLOAD_BYTES = 20000
MAX_SIZE_STEPS = 16
TRIES = 2  # probes per size, sent together: one lost packet must not look like a black hole
FLOORS = (1280, 576)  # sizes to try when the first one vanishes (1280: IPv6's minimum MTU, common for tunnels)


def run_mtu(rec, clock, ctx, params: dict, address: str, family: int, local_mtu: int | None, dest_ttl: int | None,
            rtt_s: float | None, in_sandbox: bool, first_probe: int = 1) -> None:
    wait_s = min(ctx.op_timeout(), max(0.25, 10 * (rtt_s or 0.05)))
    if in_sandbox:
        err = flush_route_cache(family)
        rec.add(model.RouteCacheFlushed(clock(), err is None, err))
    port = int(params["port"]) if params.get("protocol") == "tcp" else 80
    upload(rec, clock, ctx, params.get("host") or address, address, family, port, rtt_s)
    if ctx.expired():
        rec.add(model.RunCut(clock(), "size"))
        return
    protocol = "icmp" if params.get("protocol") == "icmp" else "udp"
    engine = Engine(rec, clock, address, family, protocol, first_probe)
    try:
        start = local_mtu or 1500
        silent, told = size_walk(engine, ctx, start, wait_s, family, clock)
        # Where: the sizes a router refused (told) and the size that vanished (silent), TTL by TTL.
        # A frag-needed for TTL t comes from hop t-1 (it forwards before it checks the size), so
        # even a router that never sends Time Exceeded shows its address this way.
        sizes = [x for x in (told, silent) if x]
        if sizes and dest_ttl and dest_ttl > 1 and not ctx.expired():
            for k, size in enumerate(sizes):
                for ttl in range(1, dest_ttl + (1 if size == told else 0)):
                    engine.send("size-ttl", ttl, size=size, port=33534 + 64 * k + ttl, df=True)
            _wait_all(engine, wait_s)
    finally:
        engine.close()


def _try(engine: Engine, size: int, wait_s: float, port: int) -> tuple[str, int | None]:
    """Send TRIES probes of ``size``; (passed | too-big | silent | local-too-big | error, mtu)."""
    sent = [engine.send("size", 64, size=size, port=port + i, df=True) for i in range(TRIES)]
    _wait_all(engine, wait_s)
    outs = [engine.outcomes.get(n) for n in sent]
    for o in outs:
        if isinstance(o, model.ProbeAnswered) and o.kind == "icmp" and is_too_big(o.icmp_version, o.icmp_type, o.icmp_code):
            return "too-big", o.mtu
    for o in outs:
        if isinstance(o, model.ProbeAnswered) and (o.source == engine.address or o.kind == "echo-reply"):
            return "passed", None
    for o in outs:
        if isinstance(o, model.ProbeFailed) and o.errno == errno.EMSGSIZE:
            return "local-too-big", None
    if all(o is None or type(o).__name__ == "ProbeSilent" for o in outs):
        return "silent", None
    return "error", None


def size_walk(engine: Engine, ctx, start: int, wait_s: float, family: int, clock) -> tuple[int | None, int | None]:
    """Sizes from ``start`` down: (the smallest size that vanished, the first size a router refused
    with frag-needed / packet-too-big); None for what did not happen."""
    size, good, bad, told = start, None, None, None
    floors = [f for f in FLOORS if f < start and (family == 4 or f >= 1280)]
    for step in range(MAX_SIZE_STEPS):
        if ctx.expired():
            engine.rec.add(model.RunCut(clock(), "size"))
            break
        outcome, mtu = _try(engine, size, wait_s, 33434 + 2 * step)
        if outcome == "too-big" and mtu and mtu < size:
            told = told or size
            size = mtu
            continue
        if outcome == "passed":
            good = size
        elif outcome == "silent":
            bad = size if bad is None else min(bad, size)
        elif outcome == "local-too-big" and size > 576:
            size -= 8
            continue
        else:
            break
        if bad is None:
            break  # the largest size the routers told us about got through
        if good is None:
            if not floors:
                break
            size = floors.pop(0)
            continue
        if bad - good <= 1:
            break
        size = (good + bad) // 2
    return bad, told


def _wait_all(engine: Engine, wait_s: float) -> None:
    def wait_for(p):
        return wait_s, "timeout"

    while engine.pending:
        engine.poll(min(0.05, engine.next_expiry(wait_for)))
        engine.expire(wait_for)


# ------------------------------------------------------------------------------------ the upload


def _info(sock) -> bytes | None:
    try:
        return sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 256)
    except OSError:
        return None


def _acked(raw: bytes | None) -> tuple[int, int, int, int]:
    """(bytes_acked, unacked segments, pmtu, total_retrans) of a struct tcp_info."""
    if not raw or len(raw) < 128:
        return 0, 0, 0, 0
    return (struct.unpack_from("=Q", raw, 120)[0], struct.unpack_from("=I", raw, 24)[0],
            struct.unpack_from("=I", raw, 60)[0], struct.unpack_from("=I", raw, 100)[0])


def upload(rec, clock, ctx, host: str, address: str, family: int, port: int, rtt_s: float | None) -> None:
    fam = socket.AF_INET6 if family == 6 else socket.AF_INET
    body = b"x" * UPLOAD_BYTES
    h = f"[{host}]" if ":" in host else host
    data = (f"POST /netlab-path-upload HTTP/1.1\r\nHost: {h}\r\nContent-Type: application/octet-stream\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode("ascii") + body
    rec.add(model.UploadStarted(clock(), address, port, len(data)))
    sock = socket.socket(fam, socket.SOCK_STREAM)
    try:
        sock.settimeout(ctx.op_timeout())
        try:
            sock.connect((address, port))
        except OSError as e:
            code = e.errno or errno.ETIMEDOUT
            rec.add(model.UploadConnectFailed(clock(), code, errno.errorcode.get(code, str(code)), e.strerror or str(e)))
            return
        rec.add(model.TcpInfoRead(clock(), "connected", _info(sock) or b""))
        _push(rec, clock, ctx, sock, data, rtt_s)
    finally:
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
        sock.close()


def _push(rec, clock, ctx, sock, data: bytes, rtt_s: float | None) -> None:
    """Send everything, then wait until it is all acknowledged or nothing new is for STALL seconds."""
    stall = min(ctx.op_timeout(), max(3.0, 30 * (rtt_s or 0.05)))
    sock.setblocking(False)
    sent, last = 0, None
    t_progress = time.monotonic()
    best_acked, reads, t_read = 0, 0, 0.0
    t_start = clock()
    while True:
        if sent < len(data):
            try:
                sent += sock.send(data[sent:])
            except BlockingIOError:
                pass
            except OSError as e:
                rec.add(model.UploadEnded(clock(), "reset" if e.errno in (errno.ECONNRESET, errno.EPIPE) else "error",
                                          e.strerror or str(e), round(clock() - t_start, 3)))
                return
        raw = _info(sock)
        acked, unacked, pmtu, retrans = _acked(raw)
        key = (pmtu, retrans, unacked == 0)
        now = time.monotonic()
        if raw and reads < 60 and (key != last or now - t_read > 0.5):
            rec.add(model.TcpInfoRead(clock(), "progress", raw))
            last, reads, t_read = key, reads + 1, now
        if acked > best_acked:
            best_acked, t_progress = acked, now
        if sent >= len(data) and unacked == 0 and acked >= len(data):
            rec.add(model.TcpInfoRead(clock(), "end", raw or b""))
            rec.add(model.UploadEnded(clock(), "acked", None, round(clock() - t_start, 3)))
            return
        if now - t_progress > stall or ctx.expired():
            rec.add(model.TcpInfoRead(clock(), "end", raw or b""))
            rec.add(model.UploadEnded(clock(), "stalled", None, round(now - t_progress, 3)))
            if ctx.expired():
                rec.add(model.RunCut(clock(), "upload"))
            return
        time.sleep(0.01)
