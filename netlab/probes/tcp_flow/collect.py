"""I/O for `netlab tcp-flow`: resolve, set the sandbox's bottleneck, run each transfer, record.

The only module of the probe that touches the network, the clock, the link emulator and files
(with link.py, engine.py and capture.py, which it calls).  Every failure of the target (refused,
unreachable, a reset in the middle, a server that is not a bulk server) is an event; only usage
and environment problems raise.
"""

from __future__ import annotations

import contextlib
import socket
import time

from netlab.errors import UsageError
from netlab.model import DeadlineReached, Recording
from netlab.probes.context import RunContext
from netlab.probes.tcp_flow import capture, engine, link, model, tcpinfo
from netlab.probes.tcp_flow.params import normalize, plan
from netlab.probes.tcp_flow.samples import encode_row

CONTROL_SLACK_S = 15.0  # after our side ends, how long the server may take to send its result


class Run:
    """What one transfer needs: the context, the clock, the recording, the parameters."""

    def __init__(self, ctx: RunContext, rec: Recording, p: dict, address: str, t0: float):
        self.ctx, self.rec, self.p, self.address, self.t0 = ctx, rec, p, address, t0

    def now(self) -> float:
        return self.ctx.clock() - self.t0


def _resolve(host: str, port: int, now) -> model.TargetResolved:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as e:
        return model.TargetResolved(t=now(), host=host, port=port, error=f"{e.strerror or e}")
    addrs = list(dict.fromkeys(i[4][0] for i in infos))
    v4 = [a for a in addrs if ":" not in a]
    return model.TargetResolved(t=now(), host=host, port=port, addresses=addrs, address=(v4 or addrs)[0])


def collect(params: dict, ctx: RunContext) -> Recording:
    p = normalize(params)
    link_asked = link.asked(p)
    if link_asked and ctx.sandbox is None:
        raise UsageError("--rate, --delay, --loss, --queue and --drop-nth change the sandbox's emulated link; "
                         "they work only inside the sandbox", hint="netlab --sandbox tcp-flow source.lab.test --rate 10")
    rec = Recording(
        probe="tcp-flow", params=dict(p),
        environment={"sandbox": getattr(ctx.sandbox, "name", None), "kernel": _kernel(),
                     "cc_default": _proc("net.ipv4.tcp_congestion_control"),
                     "cc_available": _proc("net.ipv4.tcp_available_congestion_control").split(),
                     "cc_selectable": _selectable(ctx), "boot_id": engine.boot_id(),
                     "capture": capture.problem()},
        started_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    )
    t0 = ctx.clock()
    resolved = rec.add(_resolve(p["host"], p["port"], lambda: ctx.clock() - t0))
    if not resolved.address:
        return rec
    if p.get("chart"):
        rec.artifacts["chart"] = p["chart"]  # drawn from the Result by outputs.py
    runs = plan(p, rec.environment["cc_selectable"])
    for i, cc in enumerate(runs):
        st = Run(ctx, rec, p, resolved.address, t0)
        if ctx.expired():
            rec.add(DeadlineReached(t=st.now(), deadline_s=ctx.deadline, skipped=f"{len(runs) - i} transfer(s)"))
            break
        _one(st, i, cc)
    if p.get("pcap"):
        capture.write_file(rec, p["pcap"])
    return rec


def _kernel() -> str:
    import platform

    return platform.release()


def _proc(key: str) -> str:
    try:
        with open("/proc/sys/" + key.replace(".", "/")) as fh:
            return fh.read().strip()
    except OSError:
        return ""


def _selectable(ctx: RunContext) -> list[str]:
    """The algorithms a socket here may choose: the sandbox says; live, try each."""
    info = getattr(ctx.sandbox, "tcp_congestion", None) or {}
    if info.get("selectable"):
        return list(info["selectable"])
    out = []
    for name in _proc("net.ipv4.tcp_available_congestion_control").split():
        with socket.socket() as s:
            try:
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_CONGESTION, name.encode())
                out.append(name)
            except OSError:
                pass
    return out


def _error_kind(e: BaseException) -> str:
    import errno

    if isinstance(e, ConnectionRefusedError):
        return "refused"
    if isinstance(e, TimeoutError | socket.timeout):
        return "timeout"
    if isinstance(e, ConnectionResetError):
        return "reset"
    if isinstance(e, OSError) and e.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH, errno.EADDRNOTAVAIL):
        return "unreachable"
    if isinstance(e, engine.ProtocolError):
        return "protocol"
    return "error"


def _request(st: Run, cc: str | None) -> engine.Request:
    p = st.p
    download = p["direction"] == "download"
    remaining = max(1.0, st.ctx.remaining() - 2.0)
    return engine.Request(
        direction=p["direction"], bytes=p.get("bytes"), seconds=p.get("seconds"), cc=cc,
        sample_ms=p["sample_ms"], rcvbuf=None if download else p.get("receiver_buffer"),
        reader_pause_ms=None if download else p.get("reader_pause"), pause_after=p["pause_after"],
        deadline_s=min(3600.0, remaining),
    )


def _control(st: Run, run: int, req: engine.Request) -> tuple[socket.socket | None, dict | None]:
    """The control connection and the server's reply, recorded (None, None on failure)."""
    t = st.now()
    try:
        sock = socket.create_connection((st.address, st.p["port"]), timeout=st.ctx.op_timeout())
    except OSError as e:
        st.rec.add(model.ServerAnswered(t=t, run=run, request=_req_json(req), error_kind=_error_kind(e),
                                        error=f"{type(e).__name__}: {e.strerror or e}"))
        return None, None
    connect_s = st.now() - t
    try:
        sock.sendall(req.to_line())
        reply = engine.read_line(sock, timeout=st.ctx.op_timeout())
    except (OSError, engine.ProtocolError) as e:
        sock.close()
        msg = f"not a netlab bulk server? {e}" if isinstance(e, engine.ProtocolError) else f"{type(e).__name__}: {e}"
        st.rec.add(model.ServerAnswered(t=t, run=run, request=_req_json(req), connect_s=connect_s,
                                        error_kind=_error_kind(e), error=msg))
        return None, None
    ok = reply.get("ok") is True and isinstance(reply.get("port"), int)
    st.rec.add(model.ServerAnswered(t=t, run=run, request=_req_json(req), reply=_bounded(reply), connect_s=connect_s,
                                    error_kind=None if ok else "server",
                                    error=None if ok else str(reply.get("error") or "the server refused")[:300]))
    if not ok:
        sock.close()
        return None, None
    return sock, reply


def _req_json(req: engine.Request) -> dict:
    import json

    return json.loads(req.to_line())


def _bounded(reply: dict) -> dict:
    """The reply's fields we keep, as short strings or numbers (it is untrusted)."""
    out = {}
    for k in ("ok", "port", "clock", "boot_id", "kernel", "cc_default", "cc", "role"):
        v = reply.get(k)
        if isinstance(v, bool | int | float) or v is None:
            out[k] = v
        else:
            out[k] = str(v)[:100]
    return out


def _one(st: Run, run: int, cc: str | None) -> None:
    req = _request(st, cc)
    cpu0, wall0 = time.process_time(), st.now()
    control, reply = _control(st, run, req)
    if control is None:
        st.rec.add(model.RunFinished(t=st.now(), run=run, cc=cc, outcome="no-server"))
        return
    st.restore = None
    try:
        st.restore = link.configure(st, run, reply["port"])
        outcome = _transfer(st, run, req, control, reply)
    finally:
        with contextlib.suppress(OSError):
            control.close()
        _restore(st, run)
    st.rec.add(model.RunFinished(t=st.now(), run=run, cc=cc, outcome=outcome, cpu_s=time.process_time() - cpu0,
                                 wall_s=st.now() - wall0))


def _restore(st: Run, run: int) -> None:
    """The scenario's link again, and what the link counted and dropped while ours held (once; before
    the server's result crosses the link, so that its bytes are not counted as the transfer's)."""
    restore, st.restore = getattr(st, "restore", None), None
    if restore is not None:
        link.report(st, run, restore())


def _data_socket(st: Run, req: engine.Request) -> socket.socket:
    family = socket.AF_INET6 if ":" in st.address else socket.AF_INET
    s = socket.socket(family, socket.SOCK_STREAM)
    try:
        if req.direction == "upload" and req.cc:
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_CONGESTION, req.cc.encode())
        if req.direction == "download" and st.p.get("receiver_buffer"):
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, st.p["receiver_buffer"])
    except OSError as e:
        s.close()
        if req.cc and e.errno == 1:
            raise UsageError(f"--cc {req.cc}: this kernel lets an unprivileged socket use only "
                             f"{_proc('net.ipv4.tcp_allowed_congestion_control')}",
                             hint="run it inside the sandbox (netlab --sandbox ...), where every algorithm is allowed") from e
        raise
    return s


def _connect(st: Run, run: int, req: engine.Request, port: int) -> tuple[socket.socket | None, object]:
    """The data connection, with the capture opened before its SYN (recorded either way)."""
    s = _data_socket(st, req)
    sniffer = capture.start(st, s, port)
    t = st.now()
    try:
        s.settimeout(st.ctx.op_timeout())
        s.connect((st.address, port))
    except OSError as e:
        st.rec.add(model.DataConnected(t=t, run=run, port=port, error_kind=_error_kind(e), error=f"{e.strerror or e}"))
        s.close()
        return None, sniffer
    info = tcpinfo.parse(tcpinfo.read(s))
    hs = {k: info.get(k) for k in ("snd_mss", "rcv_mss", "advmss", "snd_wscale", "rcv_wscale", "options", "rtt",
                                  "snd_cwnd", "snd_ssthresh", "snd_wnd", "rcv_wnd", "pmtu")}
    st.rec.add(model.DataConnected(
        t=t, run=run, local=s.getsockname()[0], remote=st.address, port=port, connect_s=st.now() - t,
        cc=tcpinfo.congestion_control(s), handshake=hs,
        rcvbuf=s.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF), sndbuf=s.getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF)))
    return s, sniffer


def _transfer(st: Run, run: int, req: engine.Request, control: socket.socket, reply: dict) -> str:
    data, sniffer = _connect(st, run, req, reply["port"])
    try:
        if data is None:
            return "no-data-connection"
        tick = capture.ticker(sniffer)
        deadline = st.now() + max(1.0, st.ctx.remaining() - 1.0)
        with data:
            if req.direction == "upload":
                side = engine.send(data, req, clock=st.now, on_tick=tick, deadline=deadline)
            else:
                req_client = engine.Request(**{**vars(req), "rcvbuf": st.p.get("receiver_buffer"),
                                               "reader_pause_ms": st.p.get("reader_pause")})
                side = engine.receive(data, req_client, clock=st.now, on_tick=tick, deadline=deadline)
        st.rec.add(_side(st, run, "client", side, "same-kernel", 0.0))
        _restore(st, run)
        if side.outcome == "deadline":
            st.rec.add(DeadlineReached(t=st.now(), deadline_s=st.ctx.deadline, skipped=f"the rest of transfer {run + 1}"))
        _server_side(st, run, control, reply)
        return side.outcome
    finally:
        capture.finish(st, run, sniffer)


def _side(st: Run, run: int, end: str, side: engine.Side, clock: str, offset: float) -> model.SideSampled:
    def rel(x):
        return None if x is None else round(x - offset, 6)

    rows = [encode_row([rel(r[0]), *r[1:]] if offset else r) for r in side.rows]
    return model.SideSampled(
        t=st.now(), run=run, end=end, role=side.role, fields=list(side.fields), rows=rows, app_bytes=side.app_bytes,
        t_start=rel(side.t_start), t_end=rel(side.t_end), outcome=side.outcome, error=side.error, cc=side.cc,
        sample_ms=side.sample_ms, decimated=side.decimated,
        pause=[rel(x) for x in side.pause] if side.pause else None, rcvbuf=side.rcvbuf, sndbuf=side.sndbuf,
        clock=clock, clock_offset_s=round(offset, 6))


def _server_side(st: Run, run: int, control: socket.socket, reply: dict) -> None:
    """The server's rows, put on our clock: the same kernel's monotonic clock, or an estimate."""
    try:
        res = engine.read_line(control, limit=engine.MAX_RESULT, timeout=min(CONTROL_SLACK_S + engine.DRAIN_S,
                                                                             max(1.0, st.ctx.remaining())))
        side = engine.Side.from_wire(res.get("side") or {})
    except (OSError, engine.ProtocolError, TypeError) as e:
        st.rec.add(model.SideSampled(t=st.now(), run=run, end="server", role="sender" if st.p["direction"] == "download"
                                     else "receiver", outcome="missing", error=f"{type(e).__name__}: {e}"[:300]))
        return
    same = reply.get("boot_id") and reply.get("boot_id") == engine.boot_id() and \
        isinstance(reply.get("clock"), int | float) and abs(reply["clock"] - time.monotonic()) < 3600
    if same:
        offset, clock = st.t0, "same-kernel"
    else:
        asked = next(e for e in reversed(st.rec.events) if isinstance(e, model.ServerAnswered) and e.run == run)
        mid = st.t0 + asked.t + (asked.connect_s or 0.0) * 1.5  # the reply left about then, on our clock
        offset, clock = float(reply.get("clock") or 0.0) - mid + st.t0, "estimated"
    st.rec.add(_side(st, run, "server", side, clock, offset))
