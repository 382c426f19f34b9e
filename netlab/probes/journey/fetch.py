"""The browser-like fetch (I/O): HTTP requests with httpcore (the transport under httpx), one
connection pool per origin, keep-alive, and httpcore's trace events timed on the run's clock.

Decisions (where a browser and curl differ, the browser wins):
- Connections go to the address the visit's own lookup chose (a network backend that maps the
  URL's host to it), so no second, hidden lookup happens; SNI and Host carry the name.
- ALPN offers ``h2, http/1.1`` (a browser's order; httpcore alone would offer http/1.1 first),
  ``http/1.1`` with --protocol h1, ``h2`` with --protocol h2.  Plain http:// is always HTTP/1.1
  (no browser speaks HTTP/2 without TLS).
- Per origin at most 6 connections (HTTP/1.1, as browsers); HTTP/2 multiplexes on one.
- No Accept-Encoding: bodies are counted as sent, not decompressed.
- Every failure is recorded with its phase (tcp, tls, http) and a kind, never raised.
"""

from __future__ import annotations

import asyncio
import errno
import ssl

from netlab.probes.causes import exception_chain
from netlab.probes.journey.model import RequestTraced

USER_AGENT = "netlab-journey/0.1 (a browser-like visit)"
MAX_BODY = 16 << 20  # bytes counted per response before netlab stops reading
KEEP_DOCUMENT = 512 << 10  # bytes of the document kept (its sub-resources are found in them)
MAX_HEADERS = 64  # response headers kept per response
PER_ORIGIN_H1 = 6


def _alpn_for(protocol: str) -> list[str]:
    return {"h1": ["http/1.1"], "h2": ["h2"]}.get(protocol, ["h2", "http/1.1"])


class _PinnedAlpn(ssl.SSLContext):
    """An SSLContext whose ALPN list is ours: httpcore's own call is ignored."""

    netlab_alpn: list[str] = ["h2", "http/1.1"]

    def set_alpn_protocols(self, protocols):  # noqa: D102 - see the class docstring
        super().set_alpn_protocols(self.netlab_alpn)


def ssl_context(cafile: str | None, keylog: str | None, protocol: str) -> ssl.SSLContext:
    c = _PinnedAlpn(ssl.PROTOCOL_TLS_CLIENT)
    c.netlab_alpn = _alpn_for(protocol)
    c.check_hostname = True
    c.verify_mode = ssl.CERT_REQUIRED
    if cafile:
        c.load_verify_locations(cafile=cafile)
    else:
        c.load_default_certs()
    if keylog:
        c.keylog_filename = keylog
    super(_PinnedAlpn, c).set_alpn_protocols(c.netlab_alpn)
    return c


def _backend(addresses: dict[str, str]):
    import httpcore

    class Mapped(httpcore.AsyncNetworkBackend):
        """Connects to the address the visit looked up for the URL's host."""

        def __init__(self) -> None:
            self.inner = httpcore.AnyIOBackend()

        async def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
            return await self.inner.connect_tcp(addresses.get(host.lower(), host), port, timeout=timeout,
                                                local_address=local_address, socket_options=socket_options)

        async def connect_unix_socket(self, path, timeout=None, socket_options=None):  # pragma: no cover
            raise OSError(errno.EAFNOSUPPORT, "not used")

        async def sleep(self, seconds: float) -> None:
            await self.inner.sleep(seconds)

    return Mapped()


def _addr(pair) -> str | None:
    if not pair:
        return None
    host, port = pair[0], pair[1]
    return f"[{host}]:{port}" if ":" in str(host) else f"{host}:{port}"


def classify_error(exc: BaseException, names: list[str]) -> tuple[str, str, str, int | None]:
    """(kind, phase, the words, verify code) of a failed request: one place for httpcore's errors."""
    import httpcore

    phase = "http"
    for step, ph in (("connect_tcp", "tcp"), ("start_tls", "tls")):
        if f"connection.{step}.started" in names and f"connection.{step}.complete" not in names:
            phase = ph
    chain = exception_chain(exc)
    said = next((str(e) for e in reversed(chain) if str(e)), type(exc).__name__)
    for e in chain:
        if isinstance(e, ssl.SSLCertVerificationError):
            return "certificate", "tls", str(e.verify_message or e), e.verify_code
        if isinstance(e, ssl.SSLError):
            return "tls", "tls", str(e.reason or e), None
        if isinstance(e, ConnectionRefusedError):
            return "refused", phase, said, None
        if isinstance(e, ConnectionResetError):
            return "reset", phase, said, None
        if isinstance(e, OSError) and e.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH):
            return "unreachable", phase, e.strerror or said, None
    if isinstance(exc, httpcore.TimeoutException | TimeoutError | asyncio.TimeoutError):
        return "timeout", phase, said, None
    if isinstance(exc, httpcore.RemoteProtocolError | httpcore.LocalProtocolError):
        return "protocol", phase, said, None
    if isinstance(exc, httpcore.ReadError | httpcore.WriteError):
        return "reset", phase, said, None
    return "other", phase, f"{type(exc).__name__}: {said}", None


class Fetcher:
    """The visit's HTTP client: pools per origin, connection numbers, every request recorded."""

    def __init__(self, rec, clock, ctx, protocol: str, cafile: str | None, keylog: str | None):
        self.rec, self.clock, self.ctx, self.protocol = rec, clock, ctx, protocol
        self.addresses: dict[str, str] = {}
        self.pools: dict[tuple[str, str, int], object] = {}
        self.sslctx = ssl_context(cafile, keylog, protocol)
        self.conns: dict[int, int] = {}  # id(network stream) -> connection number
        self.streams: list = []  # keeps the streams alive, so their ids stay unique
        self.index = 0

    def pool(self, scheme: str, host: str, port: int):
        import httpcore

        key = (scheme, host, port)
        if key not in self.pools:
            h2 = scheme == "https" and self.protocol in ("auto", "h2")
            h1 = not (scheme == "https" and self.protocol == "h2")
            self.pools[key] = httpcore.AsyncConnectionPool(
                ssl_context=self.sslctx, max_connections=PER_ORIGIN_H1, max_keepalive_connections=PER_ORIGIN_H1,
                http1=h1, http2=h2, retries=0, network_backend=_backend(self.addresses))
        return self.pools[key]

    async def request(self, url: str, origin: tuple[str, str, int], purpose: str,
                      headers: list[tuple[str, str]], keep_body: int = 0) -> RequestTraced:
        self.index += 1
        index = self.index
        trace: list[tuple[str, float]] = []
        t0 = self.clock()

        state: dict = {}

        async def cb(name: str, info: dict) -> None:
            trace.append((name, self.clock()))
            if name == "connection.connect_tcp.complete" and info.get("return_value") is not None:
                stream = info["return_value"]
                state["tcp"] = (_addr(stream.get_extra_info("client_addr")),
                                _addr(stream.get_extra_info("server_addr")))

        op = self.ctx.op_timeout()
        ext = {"trace": cb, "timeout": {"connect": op, "read": op, "write": op, "pool": op}}
        try:
            await asyncio.wait_for(self._send(url, origin, headers, ext, keep_body, state),
                                   timeout=max(0.01, self.ctx.remaining()))
        except Exception as e:  # noqa: BLE001 - every failure of the target is evidence
            kind, phase, words, code = classify_error(e, [n for n, _ in trace])
            if isinstance(e, asyncio.TimeoutError | TimeoutError) and self.ctx.expired():
                kind, words = "deadline", "the run's --deadline came first"
            ev = self._event(index, url, purpose, headers, trace, t0, state, error=(kind, phase, words[:300], code))
            self.rec.add(ev)
            return ev
        ev = self._event(index, url, purpose, headers, trace, t0, state)
        self.rec.add(ev)
        return ev

    async def _send(self, url, origin, headers, ext, keep_body, state) -> None:
        pool = self.pool(*origin)
        hdrs = [(k.encode("ascii"), v.encode("latin-1", "replace")) for k, v in headers]
        async with pool.stream("GET", url, headers=hdrs, extensions=ext) as resp:
            state["resp"] = resp
            stream = resp.extensions.get("network_stream")
            state["stream"] = stream
            kept = bytearray()
            size = 0
            async for chunk in resp.aiter_stream():
                size += len(chunk)
                if len(kept) < keep_body:
                    kept += chunk[: keep_body - len(kept)]
                state["size"], state["body"] = size, bytes(kept)
                if size > MAX_BODY:
                    state["cut"] = "cap"
                    break
                if self.ctx.expired():
                    state["cut"] = "deadline"
                    break
            state["size"], state["body"], state["end"] = size, bytes(kept), self.clock()

    def _conn_of(self, stream) -> tuple[int, str | None, str | None, object]:
        if stream is None:
            return -1, None, None, None
        if id(stream) not in self.conns:
            self.conns[id(stream)] = len(self.conns)
            self.streams.append(stream)
        return (self.conns[id(stream)], _addr(stream.get_extra_info("client_addr")),
                _addr(stream.get_extra_info("server_addr")), stream.get_extra_info("ssl_object"))

    def _event(self, index, url, purpose, headers, trace, t0, state, error=None) -> RequestTraced:
        resp, names = state.get("resp"), [n for n, _ in trace]
        conn, local, remote, sslobj = self._conn_of(state.get("stream"))
        if local is None and state.get("tcp"):
            local, remote = state["tcp"]  # connected, then TLS or HTTP failed
        kw: dict = {}
        if sslobj is not None:
            cipher = sslobj.cipher() or ("", "", 0)
            cert = sslobj.getpeercert() or {}
            kw.update(alpn=sslobj.selected_alpn_protocol(), tls_version=sslobj.version(), cipher=cipher[0],
                      peer_subject=_dn(cert.get("subject")), peer_issuer=_dn(cert.get("issuer")),
                      peer_sans=[v for k, v in cert.get("subjectAltName", ()) if k == "DNS"][:20])
        if resp is not None:
            reason = resp.extensions.get("reason_phrase", b"")
            kw.update(status=resp.status, reason=reason.decode("latin-1", "replace")[:100] if reason else None,
                      http_version=resp.extensions.get("http_version", b"").decode("ascii", "replace") or None,
                      response_headers=[(k.decode("latin-1")[:100], v.decode("latin-1")[:500])
                                        for k, v in resp.headers[:MAX_HEADERS]])
        if error is not None:
            kind, phase, words, code = error
            kw.update(error_kind=kind, error_phase=phase, error=words, verify_code=code)
        return RequestTraced(
            t=t0, index=index, url=url, purpose=purpose, request_headers=list(headers), trace=trace, conn=conn,
            new_connection="connection.connect_tcp.started" in names, local=local, remote=remote,
            body_bytes=int(state.get("size", 0)), body=state.get("body", b""), body_cut=state.get("cut"),
            end_t=state.get("end"), **kw)

    async def close(self) -> list[int]:
        """Close every pool (our FIN first, on every connection still open); the connections."""
        for pool in self.pools.values():
            try:
                await pool.aclose()
            except Exception:  # noqa: BLE001 - closing what the server already closed
                pass
        return sorted(set(self.conns.values()))


def _dn(rdns) -> str | None:
    """'CN=www.naver.com, O=...' from ssl's getpeercert() subject/issuer tuples."""
    if not rdns:
        return None
    parts = []
    for rdn in rdns:
        for k, v in rdn:
            short = {"commonName": "CN", "organizationName": "O", "countryName": "C",
                     "organizationalUnitName": "OU"}.get(k, k)
            parts.append(f"{short}={v}")
    return ", ".join(parts)[:300]
