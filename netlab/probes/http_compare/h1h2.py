"""HTTP/1.1 and HTTP/2 with httpx (I/O): one client run, redirects, and httpx's errors mapped in one place.

httpx gives its timing through the request extension ``trace``: every callback is recorded with
the time it came, so analyze can cut the request into phases.  httpx is imported inside functions.
"""

from __future__ import annotations

import asyncio
import time

from netlab.errors import UsageError
from netlab.probes.causes import exception_chain
from netlab.probes.http_compare import model, state
from netlab.probes.http_compare.messages import M
from netlab.probes.http_compare.objects import (
    h3_port_from_alt_svc,
    hol_path,
    largest_listed,
    object_paths,
    plan_objects,
)
from netlab.probes.http_compare.params import Target, parse_url
from netlab.probes.http_compare.resolution import resolve

MAX_REDIRECTS = 5


def ip_url(st: state.RunState, path: str) -> str:
    host = f"[{st.address}]" if ":" in st.address else st.address
    return f"https://{host}:{st.target.port}{path}"


def headers(target: Target) -> dict:
    return {"Host": target.authority, "User-Agent": state.USER_AGENT, "Accept": "*/*"}


def ssl_context(cacert: str | None):
    import ssl

    if cacert:
        return ssl.create_default_context(cafile=cacert)
    try:
        import certifi

        return ssl.create_default_context(cafile=certifi.where())
    except ImportError:
        return ssl.create_default_context()


def httpx_client(st: state.RunState, http2: bool, max_connections: int):
    import httpx

    # A fresh TLS context per run: no session resumption between runs, every run pays in full.
    transport = httpx.AsyncHTTPTransport(
        verify=ssl_context(st.cacert), http1=True, http2=http2, retries=0,
        limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections),
    )
    return httpx.AsyncClient(transport=transport, timeout=st.ctx.timeout, follow_redirects=False, trust_env=False)


def classify_httpx_error(exc: BaseException) -> tuple[str, str]:
    """One place for httpx's exceptions: (kind, the sentence recorded)."""
    import ssl

    import httpx

    chain = exception_chain(exc)
    # anyio and httpcore often wrap with empty messages: name the innermost cause that says something
    said = next((e for e in reversed(chain) if str(e)), exc)
    msg = f"{type(exc).__name__}: {said}" if said is exc else f"{type(exc).__name__}: {type(said).__name__}: {said}"
    for e in chain:
        if isinstance(e, ssl.SSLCertVerificationError):
            return "certificate", M.text("recorded.certificate", "en", reason=str(e.verify_message or e))
        if isinstance(e, ssl.SSLError):
            return "tls", M.text("recorded.tls", "en", reason=str(e.reason or e))
        if isinstance(e, ConnectionRefusedError):
            return "refused", M.text("recorded.refused", "en")
        if isinstance(e, ConnectionResetError):
            during_tls = isinstance(exc, httpx.ConnectError)
            return "reset", M.text("recorded.reset-tls" if during_tls else "recorded.reset", "en")
    if isinstance(exc, httpx.TimeoutException):
        return "timeout", M.text("recorded.timeout", "en", what=type(exc).__name__)
    if isinstance(exc, httpx.RemoteProtocolError | httpx.LocalProtocolError):
        return "protocol", msg
    return "other", msg


class HttpxRun:
    """One client run (h1, h1 on K connections, or h2): the document, then the objects."""

    def __init__(self, st: state.RunState, run: int, mode: str):
        self.st, self.run, self.mode = st, run, mode
        self.conns: dict[int, int] = {}  # network stream -> connection number
        self.sock = None  # the first connection's socket (its congestion control, TCP_INFO)

    async def request(self, client, index: int, path: str, role: str | None = None,
                      record_data: bool = False) -> model.RequestTraced:
        import httpx

        st = self.st
        trace: list[tuple[str, float]] = [(model.REQUEST_ISSUED, st.now())]
        samples: list[tuple[float, int]] | None = [] if record_data else None

        async def cb(name: str, info: dict) -> None:
            trace.append((name, st.now()))

        url = st.target.with_path(path)
        try:
            async with client.stream("GET", ip_url(st, path), headers=headers(st.target),
                                     extensions={"trace": cb, "sni_hostname": st.target.host}) as r:
                body, size, cut = await read_capped(r, st, keep=state.KEEP_DOCUMENT_BYTES if index == 0 else 0,
                                                    samples=samples)
        except httpx.HTTPError as e:
            kind, msg = classify_httpx_error(e)
            ev = model.RequestTraced(t=trace[0][1], run=self.run, mode=self.mode, index=index, conn=-1, url=url,
                                     trace=trace, error_kind=kind, error=msg, role=role, data=list(samples or []))
            st.rec.add(ev)
            return ev
        ev = self._response(r, index, url, trace, size, cut, role, samples)
        st.rec.add(ev)
        self._learn(ev, r, body)
        return ev

    def _response(self, r, index: int, url: str, trace: list, size: int, cut: str | None, role: str | None = None,
                  samples: list | None = None) -> model.RequestTraced:
        stream = r.extensions.get("network_stream")
        conn = self.conns.setdefault(id(stream), len(self.conns))
        ssl_obj = stream.get_extra_info("ssl_object") if stream is not None else None
        if self.sock is None and stream is not None:
            self.sock = stream.get_extra_info("socket")
        sid = r.extensions.get("stream_id")
        return model.RequestTraced(
            t=trace[0][1], run=self.run, mode=self.mode, index=index, conn=conn, url=url, trace=trace,
            status=r.status_code, http_version=r.http_version,
            alpn=ssl_obj.selected_alpn_protocol() if ssl_obj else None,
            tls_version=ssl_obj.version() if ssl_obj else None, body_bytes=size,
            alt_svc=r.headers.get("alt-svc"), location=r.headers.get("location"), body_cut=cut,
            server=r.headers.get("server"), role=role, stream_id=sid if isinstance(sid, int) else None,
            data=list(samples or [])[:state.MAX_DATA_SAMPLES], data_cut=bool(samples and len(samples) > state.MAX_DATA_SAMPLES),
        )

    def _learn(self, ev: model.RequestTraced, r, body: bytes) -> None:
        """From the document: the port Alt-Svc names for h3, and the objects the page refers to."""
        st = self.st
        if ev.index == 0 and ev.alt_svc and st.alt_svc_port is None:
            st.alt_svc_port = h3_port_from_alt_svc(ev.alt_svc)
        if ev.index == 0 and st.objects is None and 200 <= r.status_code < 300:
            st.objects = object_paths(body, r.headers.get("content-type", ""), st.target.host, st.target.path)


async def read_capped(r, st: state.RunState, keep: int, samples: list | None = None) -> tuple[bytes, int, str | None]:
    """Read a response body to its end, but never past MAX_BODY_BYTES nor the run's deadline:
    (the first ``keep`` bytes, the bytes counted, why reading stopped early or None).  With
    ``samples``, each chunk's arrival is appended as (t, bytes), up to one past MAX_DATA_SAMPLES."""
    kept = bytearray()
    size = 0
    reader = r.aiter_bytes().__aiter__()
    while True:
        left = st.ctx.remaining()
        if left <= 0:
            return bytes(kept), size, "deadline"
        try:  # httpx applies the per-read timeout itself; this one is the run's deadline
            chunk = await asyncio.wait_for(reader.__anext__(), timeout=left)
        except StopAsyncIteration:
            return bytes(kept), size, None
        except TimeoutError:
            return bytes(kept), size, "deadline"
        size += len(chunk)
        if samples is not None and len(samples) <= state.MAX_DATA_SAMPLES:
            samples.append((st.now(), len(chunk)))
        if len(kept) < keep:
            kept += chunk[: keep - len(kept)]
        if size > state.MAX_BODY_BYTES:
            return bytes(kept), size, "cap"


def tcp_socket_info(sock) -> tuple[str | None, dict | None]:
    """The socket's congestion control (TCP_CONGESTION) and a few TCP_INFO fields (Linux layout)."""
    import socket
    import struct

    if sock is None:
        return None, None
    try:
        cc = sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_CONGESTION, 16).split(b"\0", 1)[0].decode() or None
    except (OSError, AttributeError, UnicodeDecodeError):
        cc = None
    try:
        raw = sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 256)
    except (OSError, AttributeError):
        return cc, None
    info: dict = {}
    for name, fmt, off in (("rtt_us", "I", 68), ("total_retrans", "I", 100), ("bytes_received", "Q", 128),
                           ("data_segs_in", "I", 152), ("rcv_ooopack", "I", 224)):
        if len(raw) >= off + struct.calcsize(fmt):
            info[name] = struct.unpack_from("=" + fmt, raw, off)[0]
    return cc, info


async def hol_httpx(st: state.RunState, one: HttpxRun, client, run: int) -> float | None:
    """--hol over HTTP/2: the object once (warm-up), the drop armed, K streams at once, the drop off.
    Returns when the K requests left (None when the warm-up failed)."""
    from netlab.probes.http_compare.link import mono_at_zero

    k = st.params["hol_streams"]
    warm = await one.request(client, k + 1, st.hol_path, role="warm-up")
    if warm.error_kind is not None:
        return None
    rule = state.hol_rule(st, warm.body_bytes, "tcp", st.target.port)
    armed = await asyncio.to_thread(st.link.arm_drop, run, one.mode, rule)
    batch_t = st.now()
    if armed.error is None:
        await asyncio.gather(*(one.request(client, i, hol_path(st.hol_path, i), role="hol", record_data=True)
                               for i in range(1, k + 1)))
    await asyncio.to_thread(st.link.disarm, run, one.mode, mono_at_zero(st))
    return batch_t


async def run_httpx(st: state.RunState, run: int, mode: str) -> None:
    p = st.params
    k = p["connections_h1"] if mode == "h1-k" else 1
    one = HttpxRun(st, run, mode)
    cpu0, w0 = time.process_time(), st.now()
    batch_t = None
    err_kind = err = None
    tcp_info = None
    async with httpx_client(st, http2=mode == "h2", max_connections=k) as client:
        doc = await one.request(client, 0, st.target.path)
        if doc.error_kind is None and p.get("hol") and mode == "h2":
            batch_t = await hol_httpx(st, one, client, run)
            tcp_info = tcp_socket_info(one.sock)[1]
        elif doc.error_kind is None and p["requests"] > 1:
            paths = plan_objects(st.objects or [], st.target.path, p["requests"] - 1)
            batch_t = st.now()
            if mode == "h1":
                for i, path in enumerate(paths, start=1):  # serialised on one connection
                    await one.request(client, i, path)
            else:
                await asyncio.gather(*(one.request(client, i, path) for i, path in enumerate(paths, start=1)))
        elif doc.error_kind:
            err_kind, err = doc.error_kind, doc.error
        client_cc = tcp_socket_info(one.sock)[0]
    st.rec.add(model.ClientRunFinished(t=w0, run=run, mode=mode, cpu_s=time.process_time() - cpu0,
                                       wall_s=st.now() - w0, batch_t=batch_t, connections=len(one.conns),
                                       error_kind=err_kind, error=err, client_cc=client_cc, tcp_info=tcp_info))


MANIFEST = "/assets/manifest.json"  # where the sandbox's Caddy sites list their objects (services/web.py)


async def choose_hol_object(st: state.RunState) -> None:
    """--hol: the object the K streams fetch: --hol-object, else the largest object the site lists in
    /assets/manifest.json (the sandbox's sites do), else the URL itself.  Asked before the measured
    runs, on a connection of its own."""
    import httpx

    given = st.params.get("hol_object")
    if given:
        st.hol_path = given
        st.rec.add(model.HolObjectChosen(t=st.now(), path=given, how="given"))
        return
    found = None
    try:
        async with httpx_client(st, http2=True, max_connections=1) as client:
            async with client.stream("GET", ip_url(st, MANIFEST), headers=headers(st.target),
                                     extensions={"sni_hostname": st.target.host}) as r:
                if r.status_code == 200:
                    body, _, cut = await read_capped(r, st, keep=1 << 20)
                    found = largest_listed(body) if cut is None else None
    except httpx.HTTPError:
        found = None
    if found:
        st.hol_path = found[0]
        st.rec.add(model.HolObjectChosen(t=st.now(), path=found[0], how="manifest", size=found[1]))
    else:
        st.hol_path = st.target.path
        st.rec.add(model.HolObjectChosen(t=st.now(), path=st.target.path, how="document"))


async def follow_redirects(target: Target, res: model.NameResolved, pins, cacert, ctx, rec, t0):
    """--follow: up to MAX_REDIRECTS redirects, each recorded, before anything is measured."""
    import httpx

    def now() -> float:
        return ctx.clock() - t0

    for _ in range(MAX_REDIRECTS):
        st = state.RunState(ctx=ctx, t0=t0, target=target, address=res.address, cacert=cacert, params={}, rec=rec)
        async with httpx_client(st, http2=True, max_connections=1) as client:
            try:
                r = await client.get(ip_url(st, target.path), headers=headers(target),
                                     extensions={"sni_hostname": target.host})
            except httpx.HTTPError:
                return target, res  # the measured runs will report what fails
        loc = r.headers.get("location")
        if r.status_code not in (301, 302, 303, 307, 308) or not loc:
            return target, res
        new_url = str(httpx.URL(target.url).join(loc))
        rec.add(model.RedirectFollowed(t=now(), from_url=target.url, to_url=new_url, status=r.status_code))
        try:
            new = parse_url(new_url)
        except UsageError:
            return target, res  # redirected to plain http: measured as is, reported
        if (new.host, new.port) != (target.host, target.port):
            res = resolve(new.host, new.port, pins, ctx, now)
            rec.add(res)
            if not res.address:
                return new, res
        target = new
    return target, res
