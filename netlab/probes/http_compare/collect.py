"""I/O for `netlab http-compare`: one name resolution, then h1/h2 (httpx) and h3 (aioquic) runs.

Only this module touches the network, the clock and the file system.  Heavy libraries (httpx,
aioquic, dnspython's query module) are imported inside functions.  Everything the target does
wrong is recorded as an event; only usage and environment problems raise.
"""

from __future__ import annotations

import asyncio
import ipaddress
import os
import socket
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from netlab.errors import EnvironmentProblem, SandboxError, UsageError
from netlab.model import Recording
from netlab.probes.context import RunContext
from netlab.probes.http_compare.model import (
    H3_BODY_COMPLETE,
    H3_CONNECT_STARTED,
    H3_HANDSHAKE_COMPLETE,
    H3_HEADERS_RECEIVED,
    H3_REQUEST_SENT,
    REQUEST_ISSUED,
    ClientRunFinished,
    LinkConfigured,
    NameResolved,
    RedirectFollowed,
    RequestTraced,
    RttSampled,
)
from netlab.probes.http_compare.objects import (
    alpn_of_https_rdata,
    h3_port_from_alt_svc,
    object_paths,
    plan_objects,
)

USER_AGENT = "netlab-http-compare"
RTT_SAMPLES_PER_RUN = 3
MAX_REDIRECTS = 5


# --------------------------------------------------------------------------------------------
# parameters
# --------------------------------------------------------------------------------------------


@dataclass
class Target:
    url: str
    scheme: str
    host: str
    port: int
    path: str  # path + query

    @property
    def authority(self) -> str:
        return self.host if self.port == 443 else f"{self.host}:{self.port}"

    def with_path(self, path: str) -> str:
        return urlunsplit(("https", self.authority, path, "", ""))


def parse_url(url: str) -> Target:
    if "://" not in url:
        url = "https://" + url
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as e:
        raise UsageError(f"malformed URL {url!r}: {e}") from e
    if parts.scheme != "https":
        raise UsageError(
            f"{url}: http-compare compares HTTP/1.1, HTTP/2 and HTTP/3 over TLS; give an https:// URL",
            hint="HTTP/3 exists only over QUIC, which always encrypts; browsers speak HTTP/2 only over TLS",
        )
    if not parts.hostname:
        raise UsageError(f"malformed URL {url!r}: no host name")
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return Target(url=url, scheme="https", host=parts.hostname.lower(), port=port or 443, path=path)


def parse_resolve(values: list[str] | tuple[str, ...] | None) -> dict[tuple[str, int], str]:
    """curl's --resolve HOST:PORT:ADDR (ADDR may be [v6])."""
    pins: dict[tuple[str, int], str] = {}
    for v in values or ():
        try:
            host, port_s, addr = v.split(":", 2)
            port = int(port_s)
            addr = addr.strip("[]")
            ipaddress.ip_address(addr)
        except ValueError as e:
            raise UsageError(f"--resolve {v!r}: expected HOST:PORT:ADDR (e.g. www.naver.com:443:198.18.1.100)") from e
        pins[(host.lower(), port)] = addr
    return pins


def _norm_params(params: dict) -> dict:
    p = dict(params)
    protocols = p.get("protocols") or ["h1", "h2", "h3"]
    if isinstance(protocols, str):
        protocols = [x.strip() for x in protocols.split(",") if x.strip()]
    for x in protocols:
        if x not in ("h1", "h2", "h3"):
            raise UsageError(f"--protocols: unknown protocol {x!r} (choose from h1, h2, h3)")
    p["protocols"] = [x for x in ("h1", "h2", "h3") if x in protocols]
    p["requests"] = max(1, int(p.get("requests") or 1))
    p["connections_h1"] = max(1, int(p.get("connections_h1") or 6))
    p["repeat"] = max(1, int(p.get("repeat") or 1))
    p["resolve"] = list(p.get("resolve") or [])
    p["follow"] = bool(p.get("follow"))
    return p


def modes_for(protocols: list[str], requests: int) -> list[str]:
    """The interleaved order of one repeat: h1, (h1 on K connections), h2, h3, (h3 resumed)."""
    out = []
    if "h1" in protocols:
        out.append("h1")
        if requests > 1:
            out.append("h1-k")
    if "h2" in protocols:
        out.append("h2")
    if "h3" in protocols:
        out.append("h3")
        out.append("h3-0rtt")
    return out


# --------------------------------------------------------------------------------------------
# the probe
# --------------------------------------------------------------------------------------------


@dataclass
class _State:
    ctx: RunContext
    t0: float
    target: Target
    address: str
    cacert: str | None
    params: dict
    rec: Recording
    objects: list[str] | None = None  # paths of the objects, decided from the first document
    tickets: dict[int, Any] = field(default_factory=dict)  # run -> aioquic SessionTicket
    alt_svc_port: int | None = None

    def now(self) -> float:
        return self.ctx.clock() - self.t0


def collect(params: dict, ctx: RunContext) -> Recording:
    p = _norm_params(params)
    target = parse_url(p["url"])
    pins = parse_resolve(p["resolve"])
    cacert = p.get("cacert") or (getattr(ctx.sandbox, "cacert", None) if ctx.sandbox else None)
    if cacert and not os.path.isfile(cacert):
        raise UsageError(f"--cacert {cacert}: no such file")
    qlog_dir = p.get("qlog")
    if qlog_dir:
        try:
            os.makedirs(qlog_dir, exist_ok=True)
        except OSError as e:
            raise UsageError(f"--qlog {qlog_dir}: cannot create the directory ({e.strerror or e})") from e

    rec = Recording(
        probe="http-compare",
        params=dict(p),
        environment={
            "sandbox": getattr(ctx.sandbox, "name", None),
            "resolver": getattr(ctx.sandbox, "resolver", None),
            "cacert": cacert,
            "timeout_s": ctx.timeout,
            "clients": _client_versions(),
        },
        started_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    )
    t0 = ctx.clock()
    restore = None
    if p.get("loss") is not None or p.get("delay") is not None:
        restore = _configure_link(p, ctx, rec, lambda: ctx.clock() - t0)
    try:
        # 1. one name resolution, kept out of the protocol columns
        res = _resolve(target.host, target.port, pins, ctx, lambda: ctx.clock() - t0)
        rec.add(res)
        # 2. redirects, followed only when asked
        if p["follow"] and res.address:
            target, res = asyncio.run(_follow_redirects(target, res, pins, cacert, ctx, rec, t0))
        if not res.address:
            return rec
        path = _sandbox_path(ctx, res.address)
        if path:
            rec.environment["sandbox_path"] = path
        st = _State(ctx=ctx, t0=t0, target=target, address=res.address, cacert=cacert, params=p, rec=rec)
        asyncio.run(_runs(st, qlog_dir))
    finally:
        if restore is not None:
            restore()
    if p.get("chart"):
        # drawing is pure; writing the file is I/O, so it happens here
        from netlab.probes.http_compare.analyze import analyze
        from netlab.probes.http_compare.chart import write_chart

        write_chart(analyze(rec), p["chart"])
        rec.artifacts["chart"] = p["chart"]
    return rec


def _sandbox_path(ctx: RunContext, address: str) -> dict | None:
    """The emulated links between the sandbox's client and the target, as the scenario configured them."""
    hosts = getattr(ctx.sandbox, "hosts", None) or {}
    if not isinstance(hosts, dict):
        return None

    def links(h: dict) -> list[dict]:
        out = []
        for itf in h.get("interfaces") or []:
            for d in ("up", "down"):
                spec = itf.get(d) or {}
                out.append({"host": h.get("name"), "direction": d, "delay_ms": float(spec.get("delay_ms") or 0),
                            "loss_pct": float(spec.get("loss_pct") or 0)})
        return out

    client = next((h for h in hosts.values() if h.get("role") == "client"), None)
    server = next((h for h in hosts.values() if address in (h.get("addresses") or [])), None)
    if client is None:
        return None
    return {"client": links(client), "server": links(server) if server else [],
            "server_host": server.get("name") if server else None,
            "rtt_ms": server.get("rtt_ms") if server else None}


def _client_versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ("httpx", "httpcore", "h2", "aioquic"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            pass
    return out


# --------------------------------------------------------------------------------------------
# name resolution
# --------------------------------------------------------------------------------------------


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return False


def _pick(addresses: list[str]) -> str | None:
    v4 = [a for a in addresses if ":" not in a]
    return (v4 or addresses or [None])[0]


def _resolve(host: str, port: int, pins: dict, ctx: RunContext, now) -> NameResolved:
    t = now()
    if (host, port) in pins:
        addr = pins[(host, port)]
        return NameResolved(t=t, host=host, source="pinned", addresses=[addr], address=addr)
    if _is_ip(host):
        return NameResolved(t=t, host=host, source="literal", addresses=[host], address=host)
    resolver = getattr(ctx.sandbox, "resolver", None) if ctx.sandbox else None
    if resolver:
        return _resolve_with(host, resolver, ctx, now)
    return _resolve_system(host, port, ctx, now)


def _resolve_with(host: str, resolver: str, ctx: RunContext, now) -> NameResolved:
    import dns.exception
    import dns.flags
    import dns.message
    import dns.query
    import dns.rcode
    import dns.rdatatype

    t = now()
    qname = host if host.endswith(".") else host + "."
    addresses: list[str] = []
    cnames: list[str] = []
    wire = b""
    error = None
    try:
        for rdtype in ("A", "AAAA"):
            q = dns.message.make_query(qname, rdtype)
            r = dns.query.udp(q, resolver, timeout=ctx.timeout)
            if r.flags & dns.flags.TC:
                r = dns.query.tcp(q, resolver, timeout=ctx.timeout)
            if rdtype == "A":
                wire = r.to_wire()
            for rrset in r.answer:
                for rd in rrset:
                    if rd.rdtype == dns.rdatatype.CNAME:
                        c = rd.target.to_text()
                        if c not in cnames:
                            cnames.append(c)
                    elif rd.rdtype in (dns.rdatatype.A, dns.rdatatype.AAAA):
                        addresses.append(rd.address)
            if rdtype == "A" and dns.rcode.to_text(r.rcode()) != "NOERROR":
                error = f"{dns.rcode.to_text(r.rcode())} from the resolver {resolver}"
                break
    except (dns.exception.DNSException, OSError) as e:
        error = f"no answer from the resolver {resolver}: {type(e).__name__}: {e}"
    duration = now() - t
    https, alpn = ([], [])
    if not error:
        https, alpn = _https_record(qname, resolver, ctx)
    if not addresses and not error:
        error = f"{host} has no address (A/AAAA) record"
    return NameResolved(
        t=t, host=host, source="resolver", addresses=addresses, address=_pick(addresses), resolver=resolver,
        duration_s=duration, cnames=cnames, https_records=https, https_alpn=alpn, error=error, wire=wire,
    )


def _https_record(qname: str, resolver: str | None, ctx: RunContext) -> tuple[list[str], list[str]]:
    """The HTTPS (SVCB) record, when present: its alpn list tells a browser h3 before any TCP."""
    import dns.exception
    import dns.message
    import dns.query
    import dns.rdatatype

    try:
        q = dns.message.make_query(qname, "HTTPS")
        if resolver is None:
            import dns.resolver

            ans = dns.resolver.Resolver().resolve(qname, "HTTPS", lifetime=ctx.timeout, raise_on_no_answer=False)
            rrsets = [ans.rrset] if ans.rrset is not None else []
        else:
            r = dns.query.udp(q, resolver, timeout=ctx.timeout)
            rrsets = [rr for rr in r.answer if rr.rdtype == dns.rdatatype.HTTPS]
    except (dns.exception.DNSException, OSError):
        return [], []
    texts, alpn = [], []
    for rrset in rrsets:
        for rd in rrset:
            texts.append(rd.to_text())
            for a in alpn_of_https_rdata(rd):
                if a not in alpn:
                    alpn.append(a)
    return texts, alpn


def _resolve_system(host: str, port: int, ctx: RunContext, now) -> NameResolved:
    t = now()
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        addresses = []
        for info in infos:
            a = info[4][0]
            if a not in addresses:
                addresses.append(a)
        error = None
    except socket.gaierror as e:
        addresses, error = [], f"cannot resolve {host}: {e.strerror or e}"
    duration = now() - t
    https, alpn = ([], []) if error else _https_record(host + ".", None, ctx)
    return NameResolved(t=t, host=host, source="system", addresses=addresses, address=_pick(addresses),
                        duration_s=duration, https_records=https, https_alpn=alpn, error=error)


# --------------------------------------------------------------------------------------------
# link impairment (sandbox only)
# --------------------------------------------------------------------------------------------


def _configure_link(p: dict, ctx: RunContext, rec: Recording, now):
    """Set delay/loss on the client's link for this run; returns a function restoring it."""
    if ctx.sandbox is None:
        raise UsageError(
            "--loss and --delay change the sandbox's emulated link; they work only with --sandbox",
            hint="netlab --sandbox http-compare URL --loss 2 --delay 25",
        )
    try:
        from netlab.sandbox import links  # the sandbox's runtime link API, when it exists
    except ImportError as e:
        raise SandboxError(
            "this sandbox cannot change a link while it runs (no runtime link API)",
            hint="start a sandbox from a scenario whose client link has the delay/loss you want: "
            "netlab sandbox up --scenario FILE",
        ) from e
    delay = float(p.get("delay") or 0.0)
    loss = float(p.get("loss") or 0.0)
    if not (0.0 <= loss <= 100.0) or delay < 0:
        raise UsageError("--loss must be 0..100 (%) and --delay >= 0 (ms)")
    try:
        restore = links.impair_client_link(ctx.sandbox, delay_ms=delay, loss_pct=loss)
    except AttributeError as e:
        raise SandboxError("this sandbox has no runtime link API (impair_client_link)") from e
    rec.add(LinkConfigured(t=now(), delay_ms=delay, loss_pct=loss,
                           how=f"client link: +{delay:g} ms each way, {loss:g} % loss each way"))
    return restore


# --------------------------------------------------------------------------------------------
# redirects (--follow)
# --------------------------------------------------------------------------------------------


async def _follow_redirects(target: Target, res: NameResolved, pins, cacert, ctx, rec, t0):
    import httpx

    now = lambda: ctx.clock() - t0  # noqa: E731
    for _ in range(MAX_REDIRECTS):
        st = _State(ctx=ctx, t0=t0, target=target, address=res.address, cacert=cacert, params={}, rec=rec)
        async with _httpx_client(st, http2=True, max_connections=1) as client:
            try:
                r = await client.get(_ip_url(st, target.path), headers=_headers(target),
                                     extensions={"sni_hostname": target.host})
            except httpx.HTTPError:
                return target, res  # the measured runs will report what fails
        loc = r.headers.get("location")
        if r.status_code not in (301, 302, 303, 307, 308) or not loc:
            return target, res
        new_url = str(httpx.URL(target.url).join(loc))
        rec.add(RedirectFollowed(t=now(), from_url=target.url, to_url=new_url, status=r.status_code))
        try:
            new = parse_url(new_url)
        except UsageError:
            return target, res  # redirected to plain http: measured as is, reported
        if (new.host, new.port) != (target.host, target.port):
            res = _resolve(new.host, new.port, pins, ctx, now)
            rec.add(res)
            if not res.address:
                return new, res
        target = new
    return target, res


# --------------------------------------------------------------------------------------------
# the runs
# --------------------------------------------------------------------------------------------


def _warm_imports(protocols: list[str]) -> None:
    """Import what the clients import lazily, so no run (and no CPU figure) pays for imports."""
    import importlib

    names = ["ssl", "httpx", "httpcore", "h11", "anyio", "anyio._backends._asyncio", "httpcore._backends.anyio"]
    if "h2" in protocols:
        names += ["h2.connection", "h2.events", "hpack"]
    if "h3" in protocols:
        names += ["aioquic.asyncio.client", "aioquic.h3.connection", "aioquic.quic.logger", "pylsqpack"]
    for name in names:
        try:
            importlib.import_module(name)
        except ImportError:
            pass


async def _runs(st: _State, qlog_dir: str | None) -> None:
    p = st.params
    _warm_imports(p["protocols"])
    modes = modes_for(p["protocols"], p["requests"])
    for run in range(p["repeat"]):
        _sample_rtt(st, run, warm=(run == 0))
        for mode in modes:
            if mode == "h3-0rtt" and run not in st.tickets:
                st.rec.add(ClientRunFinished(t=st.now(), run=run, mode=mode, cpu_s=0.0, wall_s=0.0,
                                             error_kind="no-ticket",
                                             error="no session ticket from the HTTP/3 run to resume with"))
                continue
            if mode in ("h1", "h1-k", "h2"):
                await _run_httpx(st, run, mode)
            else:
                await _run_h3(st, run, mode, qlog_dir)


def _sample_rtt(st: _State, run: int, warm: bool) -> None:
    """The RTT, measured apart from any HTTP client: bare TCP connects (SYN -> SYN/ACK)."""
    family = socket.AF_INET6 if ":" in st.address else socket.AF_INET
    n = RTT_SAMPLES_PER_RUN + (1 if warm else 0)  # the first pays for ARP/ND: thrown away
    for i in range(n):
        s = socket.socket(family, socket.SOCK_STREAM)
        s.settimeout(st.ctx.timeout)
        t = st.now()
        try:
            s.connect((st.address, st.target.port))
            d, err = st.now() - t, None
        except OSError as e:
            d, err = None, f"{type(e).__name__}: {e.strerror or e}"
        finally:
            s.close()
        if warm and i == 0:
            if err:
                st.rec.add(RttSampled(t=t, run=run, address=st.address, port=st.target.port, duration_s=None,
                                      error=err))
                return
            continue
        st.rec.add(RttSampled(t=t, run=run, address=st.address, port=st.target.port, duration_s=d, error=err))
        if err:
            return


def _ip_url(st: _State, path: str) -> str:
    host = f"[{st.address}]" if ":" in st.address else st.address
    return f"https://{host}:{st.target.port}{path}"


def _headers(target: Target) -> dict:
    return {"Host": target.authority, "User-Agent": USER_AGENT, "Accept": "*/*"}


def _ssl_context(cacert: str | None):
    import ssl

    if cacert:
        return ssl.create_default_context(cafile=cacert)
    try:
        import certifi

        return ssl.create_default_context(cafile=certifi.where())
    except ImportError:
        return ssl.create_default_context()


def _httpx_client(st: _State, http2: bool, max_connections: int):
    import httpx

    # A fresh TLS context per run: no session resumption between runs, every run pays in full.
    transport = httpx.AsyncHTTPTransport(
        verify=_ssl_context(st.cacert), http1=True, http2=http2, retries=0,
        limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections),
    )
    return httpx.AsyncClient(transport=transport, timeout=st.ctx.timeout, follow_redirects=False, trust_env=False)


def classify_httpx_error(exc: BaseException) -> tuple[str, str]:
    """One place for httpx's exceptions: (kind, message)."""
    import ssl

    import httpx

    chain = []
    e: BaseException | None = exc
    while e is not None and e not in chain:
        chain.append(e)
        e = e.__cause__ or e.__context__
    # anyio and httpcore often wrap with empty messages: name the innermost cause that says something
    said = next((e for e in reversed(chain) if str(e)), exc)
    msg = f"{type(exc).__name__}: {said}" if said is exc else f"{type(exc).__name__}: {type(said).__name__}: {said}"
    for e in chain:
        if isinstance(e, ssl.SSLCertVerificationError):
            return "certificate", f"certificate verification failed: {e.verify_message or e}"
        if isinstance(e, ssl.SSLError):
            return "tls", f"TLS failed: {e.reason or e}"
        if isinstance(e, ConnectionRefusedError):
            return "refused", "connection refused (TCP RST to the SYN)"
        if isinstance(e, ConnectionResetError):
            where = "during the TLS handshake" if isinstance(exc, httpx.ConnectError) else "during the exchange"
            return "reset", f"connection reset by the server (TCP RST) {where}"
    if isinstance(exc, httpx.TimeoutException):
        return "timeout", f"timed out ({type(exc).__name__})"
    if isinstance(exc, httpx.RemoteProtocolError | httpx.LocalProtocolError):
        return "protocol", msg
    return "other", msg


async def _run_httpx(st: _State, run: int, mode: str) -> None:
    import httpx

    p = st.params
    http2 = mode == "h2"
    k = p["connections_h1"] if mode == "h1-k" else 1
    conns: dict[int, int] = {}
    cpu0, w0 = time.process_time(), st.now()
    batch_t = None
    err_kind = err = None

    async def one(index: int, path: str) -> RequestTraced:
        trace: list[tuple[str, float]] = [(REQUEST_ISSUED, st.now())]

        async def cb(name: str, info: dict) -> None:
            trace.append((name, st.now()))

        url = st.target.with_path(path)
        try:
            r = await client.get(_ip_url(st, path), headers=_headers(st.target),
                                 extensions={"trace": cb, "sni_hostname": st.target.host})
        except httpx.HTTPError as e:
            kind, msg = classify_httpx_error(e)
            ev = RequestTraced(t=trace[0][1], run=run, mode=mode, index=index, conn=-1, url=url, trace=trace,
                               error_kind=kind, error=msg)
            st.rec.add(ev)
            return ev
        stream = r.extensions.get("network_stream")
        conn = conns.setdefault(id(stream), len(conns))
        ssl_obj = stream.get_extra_info("ssl_object") if stream is not None else None
        ev = RequestTraced(
            t=trace[0][1], run=run, mode=mode, index=index, conn=conn, url=url, trace=trace,
            status=r.status_code, http_version=r.http_version,
            alpn=ssl_obj.selected_alpn_protocol() if ssl_obj else None,
            tls_version=ssl_obj.version() if ssl_obj else None, body_bytes=len(r.content),
            alt_svc=r.headers.get("alt-svc"), location=r.headers.get("location"),
        )
        st.rec.add(ev)
        if index == 0 and ev.alt_svc and st.alt_svc_port is None:
            st.alt_svc_port = h3_port_from_alt_svc(ev.alt_svc)
        if index == 0 and st.objects is None and 200 <= r.status_code < 300:
            ctype = r.headers.get("content-type", "")
            st.objects = object_paths(r.content, ctype, st.target.host, st.target.path)
        return ev

    async with _httpx_client(st, http2=http2, max_connections=k) as client:
        doc = await one(0, st.target.path)
        if doc.error_kind is None and p["requests"] > 1:
            paths = plan_objects(st.objects or [], st.target.path, p["requests"] - 1)
            batch_t = st.now()
            if mode == "h1":
                for i, path in enumerate(paths, start=1):  # serialised on one connection
                    await one(i, path)
            else:
                await asyncio.gather(*(one(i, path) for i, path in enumerate(paths, start=1)))
        elif doc.error_kind:
            err_kind, err = doc.error_kind, doc.error
    st.rec.add(ClientRunFinished(t=w0, run=run, mode=mode, cpu_s=time.process_time() - cpu0,
                                 wall_s=st.now() - w0, batch_t=batch_t, connections=len(conns),
                                 error_kind=err_kind, error=err))


# --------------------------------------------------------------------------------------------
# HTTP/3 with aioquic
# --------------------------------------------------------------------------------------------


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

        def request(self, authority: str, path: str, keep_body: bool) -> dict:
            sid = self._quic.get_next_available_stream_id()
            headers = [(b":method", b"GET"), (b":scheme", b"https"), (b":authority", authority.encode()),
                       (b":path", path.encode()), (b"user-agent", USER_AGENT.encode()), (b"accept", b"*/*")]
            self.h3.send_headers(stream_id=sid, headers=headers, end_stream=True)
            s = {"sid": sid, "path": path, "headers_t": None, "end_t": None, "status": None, "bytes": 0,
                 "body": bytearray() if keep_body else None, "headers": {},
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
                if s is None:
                    continue
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
                    if s["body"] is not None:
                        s["body"] += h.data
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


# TLS alerts that mean "your certificate/chain is the problem" (QUIC carries them as 0x100 + alert).
_CERT_ALERTS = {42, 43, 44, 45, 46, 48, 49}


def classify_quic_close(error_code: int, reason: str) -> str:
    if 0x100 <= error_code <= 0x1FF and (error_code - 0x100) in _CERT_ALERTS:
        return "certificate"
    if "certificate" in (reason or "").lower():
        return "certificate"
    return "quic-closed"


async def _run_h3(st: _State, run: int, mode: str, qlog_dir: str | None) -> None:
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
    p = st.params
    resumed = mode == "h3-0rtt"
    port = st.alt_svc_port or st.target.port
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
    if qlog_dir:
        config.quic_logger = QuicFileLogger(qlog_dir)
    if resumed:
        config.session_ticket = st.tickets.get(run)

    def ticket_handler(ticket) -> None:
        if not resumed:
            st.tickets[run] = ticket

    H3Client = _h3_protocol_class()
    cpu0, w0 = time.process_time(), st.now()
    conn_trace: list[tuple[str, float]] = []
    streams: list[tuple[int, dict, list]] = []  # (index, stream, trace-so-far)
    batch_t = None
    err_kind = err = None
    client = None
    qlog_file = None
    authority = st.target.authority

    async def session() -> None:
        nonlocal client, batch_t
        async with connect(st.address, port, configuration=config, create_protocol=H3Client,
                           session_ticket_handler=ticket_handler, wait_connected=False) as c:
            client = c
            c.now = st.now
            conn_trace.append((H3_CONNECT_STARTED, st.now()))
            if resumed:
                # 0-RTT: the request leaves with the ClientHello when the ticket allows early data
                issued = st.now()
                doc = c.request(authority, st.target.path, keep_body=True)
                c.transmit()
                streams.append((0, doc, [(REQUEST_ISSUED, issued), (H3_REQUEST_SENT, st.now())]))
                await _wait_connected(c, st.ctx.timeout)
            else:
                c.transmit()
                await _wait_connected(c, st.ctx.timeout)
                issued = st.now()
                doc = c.request(authority, st.target.path, keep_body=True)
                c.transmit()
                streams.append((0, doc, [(REQUEST_ISSUED, issued), (H3_REQUEST_SENT, st.now())]))
            await asyncio.wait_for(doc["done"], st.ctx.timeout)
            if st.objects is None and doc["status"] and 200 <= doc["status"] < 300:
                st.objects = object_paths(bytes(doc["body"] or b""), doc["headers"].get("content-type", ""),
                                          st.target.host, st.target.path)
            if p["requests"] > 1 and not resumed:
                paths = plan_objects(st.objects or [], st.target.path, p["requests"] - 1)
                batch_t = st.now()
                batch = []
                for i, path in enumerate(paths, start=1):
                    s = c.request(authority, path, keep_body=False)
                    streams.append((i, s, [(REQUEST_ISSUED, batch_t)]))
                    batch.append(s)
                c.transmit()
                sent = st.now()
                for (_, _, tr) in streams[-len(batch):]:
                    tr.append((H3_REQUEST_SENT, sent))
                await asyncio.wait_for(asyncio.gather(*(s["done"] for s in batch), return_exceptions=True),
                                       st.ctx.timeout * max(1, len(batch) // 10 + 1))

    try:
        await asyncio.wait_for(session(), st.ctx.timeout * (3 + p["requests"] // 10))
    except TimeoutError:
        if client is None or client.handshake is None:
            err_kind = "quic-timeout"
            err = f"no QUIC handshake with {st.address} port {port}/udp within {st.ctx.timeout:g} s"
        else:
            err_kind, err = "timeout", "the HTTP/3 exchange timed out"
    except ConnectionError as e:
        term = client.terminated if client is not None else None
        if term is not None:
            err_kind = classify_quic_close(term.error_code, term.reason_phrase)
            err = f"QUIC connection closed: error 0x{term.error_code:x} {term.reason_phrase}".strip()
        else:
            err_kind, err = "quic-closed", f"QUIC connection failed: {e or type(e).__name__}"
    except OSError as e:
        err_kind, err = "other", f"{type(e).__name__}: {e.strerror or e}"

    if client is not None:
        hs = client.handshake
        if client.handshake_t is not None:
            conn_trace.append((H3_HANDSHAKE_COMPLETE, client.handshake_t))
        for index, s, tr in streams:
            trace = [conn_trace[0], *tr] if index == 0 else list(tr)
            if index == 0 and client.handshake_t is not None:
                trace.append((H3_HANDSHAKE_COMPLETE, client.handshake_t))
            if s["headers_t"] is not None:
                trace.append((H3_HEADERS_RECEIVED, s["headers_t"]))
            if s["end_t"] is not None:
                trace.append((H3_BODY_COMPLETE, s["end_t"]))
            trace.sort(key=lambda x: x[1])
            ok = s["end_t"] is not None
            st.rec.add(RequestTraced(
                t=tr[0][1], run=run, mode=mode, index=index, conn=0, url=st.target.with_path(s["path"]),
                trace=trace, status=s["status"], http_version="HTTP/3" if s["headers_t"] else None,
                alpn=hs.alpn_protocol if hs else None, tls_version="TLSv1.3" if hs else None,
                body_bytes=s["bytes"], alt_svc=s["headers"].get("alt-svc"), location=s["headers"].get("location"),
                session_resumed=hs.session_resumed if hs else None,
                early_data_accepted=hs.early_data_accepted if hs else None,
                error_kind=None if ok else (err_kind or "timeout"),
                error=None if ok else (err or "no complete response"),
            ))
        if not streams:
            st.rec.add(RequestTraced(t=conn_trace[0][1] if conn_trace else w0, run=run, mode=mode, index=0,
                                     conn=0, url=st.target.url, trace=list(conn_trace),
                                     error_kind=err_kind or "other", error=err or "no request sent"))
        if qlog_dir:
            qlog_file = _rename_qlog(qlog_dir, client, run, mode)
    else:
        st.rec.add(RequestTraced(t=w0, run=run, mode=mode, index=0, conn=-1, url=st.target.url,
                                 error_kind=err_kind or "other", error=err or "could not open a QUIC socket"))
    st.rec.add(ClientRunFinished(t=w0, run=run, mode=mode, cpu_s=time.process_time() - cpu0,
                                 wall_s=st.now() - w0, batch_t=batch_t, connections=1 if client else 0,
                                 qlog_file=qlog_file, error_kind=err_kind, error=err))
    if qlog_file:
        st.rec.artifacts[f"qlog-run{run}-{mode}"] = qlog_file


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
