"""tls-inspect collect: the only I/O.  Real handshakes with Python's ssl (OpenSSL), driven through
memory BIOs over our own TCP socket, so that we see when each flight leaves and each chunk
arrives, and every message (OpenSSL's message callback, via sslpriv).

Connections, in this order (so the timed ones do not queue behind each other on a one-at-a-time
server such as ``openssl s_server``):

1. ``main``: every version we can offer (TLS 1.0-1.3, @SECLEVEL=0, ALPN h2/http1.1); the server
   picks its best.  Timeline, chain as sent, tickets.  Key log and capture cover it.
2. ``resume``: a new connection offering main's session (PSK/ticket or session ID).
3. In parallel: ``v1.0`` .. ``v1.3`` (each pinned to one version: the matrix) and ``verify``
   (OpenSSL's own verification against the trust store, with the host-name check).
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import socket
import ssl
import threading
from pathlib import Path

from netlab.errors import UsageError
from netlab.model import Recording
from netlab.probes.keylog import create_keylog
from netlab.probes.runcapture import open_sniffer, tcp_filter
from netlab.probes.tls_inspect import model, sslpriv
from netlab.probes.tls_inspect.params import check_connect_to, parse_target, server_name
from netlab.probes.tls_inspect.wire import looks_like_tls
from netlab.targets import is_ip

CIPHERS = "DEFAULT:@SECLEVEL=0"  # offer what a server may insist on (RSA key transport, TLS 1.0)
VERSIONS = {
    "TLS 1.0": ssl.TLSVersion.TLSv1, "TLS 1.1": ssl.TLSVersion.TLSv1_1,
    "TLS 1.2": ssl.TLSVersion.TLSv1_2, "TLS 1.3": ssl.TLSVersion.TLSv1_3,
}
KEEP_BYTES = 1024  # message bytes kept in the Recording (ServerHello, SKE, tickets, alerts...)


# --------------------------------------------------------------------------------------------
# one connection
# --------------------------------------------------------------------------------------------


class Conn:
    """One TCP connection and one TLS handshake over memory BIOs; records events in ``events``."""

    def __init__(self, name: str, sslctx: ssl.SSLContext, address: str, port: int, sni: str | None,
                 timeout: float, clock, session=None, post_wait: float | None = 0.0, keep_chain: bool = True):
        self.name = name
        self.ctx = sslctx
        self.address = address
        self.port = port
        self.sni = sni
        self.timeout = timeout
        self.clock = clock
        self.session = session
        self.post_wait = post_wait  # None: wait for tickets (TLS 1.3) up to 2 round trips
        self.keep_chain = keep_chain  # the matrix connections do not repeat the chain in the Recording
        self.events: list = []
        self.obj = None
        self.completed = False
        self.alert_received: int | None = None
        self.alert_sent: int | None = None
        self.tickets = 0
        self.sent_any = False
        self.first_rtt: float | None = None
        self._head = b""  # the first bytes the server sent (to recognise an answer that is not TLS)
        self._eof = False
        self._t_hello: float | None = None  # when our ClientHello left

    # message callback (installed on the context by the owner; routed here)
    def on_message(self, direction, version, content_type, msg_type, data):
        d = "sent" if direction == "write" else "received"
        if content_type == 256 and d == "received" and data[:1] == b"\x14":
            # OpenSSL reports a received ChangeCipherSpec only as its record header
            content_type, msg_type, data = 20, 1, b"\x01"
        if content_type not in (20, 21, 22):
            return  # record headers and inner content types: not messages
        if content_type == 21 and len(data) >= 2:
            msg_type = data[1]
            if d == "received":
                self.alert_received = msg_type
            else:
                self.alert_sent = msg_type
        if content_type == 22 and msg_type == 4 and d == "received":
            self.tickets += 1
        keep = data if (len(data) <= KEEP_BYTES or (content_type == 22 and msg_type in (2, 12, 4, 13))) else b""
        self.events.append(model.TlsMessageSeen(t=self.clock(), conn=self.name, direction=d, content_type=content_type,
                                       msg_type=msg_type, version=version, length=len(data), data=keep[:4096]))

    def _flush(self, sock, out) -> None:
        data = out.read()
        if data:
            sock.sendall(data)
            self.sent_any = True
            self.events.append(model.TlsFlightSent(t=self.clock(), conn=self.name, nbytes=len(data)))

    def run(self) -> None:
        fam = socket.AF_INET6 if ":" in self.address else socket.AF_INET
        sock = socket.socket(fam, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        started = self.clock()
        try:
            sock.connect((self.address, self.port))
        except TimeoutError:
            self.events.append(model.TlsTcpConnectFailed(self.clock(), self.name, self.address, self.port, started, "timeout",
                                                f"no answer to our SYN within {self.timeout:g} s"))
            sock.close()
            return
        except OSError as e:
            kind = {errno.ECONNREFUSED: "refused", errno.ENETUNREACH: "unreachable",
                    errno.EHOSTUNREACH: "unreachable", errno.ECONNRESET: "reset"}.get(e.errno, "error")
            self.events.append(model.TlsTcpConnectFailed(self.clock(), self.name, self.address, self.port, started, kind,
                                                e.strerror or str(e)))
            sock.close()
            return
        self.events.append(model.TlsTcpConnected(self.clock(), self.name, self.address, self.port, started,
                                        local="{}:{}".format(*sock.getsockname()[:2])))
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            self._handshake(sock)
        finally:
            sock.close()

    def _fail(self, kind: str, reason: str, error: str = "", **kw) -> None:
        """``reason``: a sentence for older netlab versions reading this Recording; ``error``: the
        library's own words, kept apart (analyze tells the failure from ``kind`` and the evidence)."""
        self.events.append(model.TlsHandshakeFailed(t=self.clock(), conn=self.name, kind=kind, reason=reason,
                                                    client_hello_sent=self.sent_any, error=error, **kw))

    def _classify(self, e: Exception, head: bytes, eof: bool) -> tuple[str, str, str]:
        """(kind, reason, the library's words) of a failed handshake."""
        from netlab.probes.tls_inspect.wire import alert_name, looks_like_tls, printable_head

        reason = getattr(e, "reason", None) or str(e)
        if not self.sent_any:
            return "local", f"our OpenSSL refused before sending anything: {reason}", reason
        if head and not looks_like_tls(head):
            return "not-tls", f"the server answered with non-TLS bytes: {printable_head(head)!r}", ""
        if self.alert_received is not None:
            return ("alert-received", f"the server sent alert {alert_name(self.alert_received)} ({reason})",
                    reason)
        if eof or isinstance(e, ssl.SSLEOFError | ssl.SSLZeroReturnError):
            return "eof", "the server closed the connection during the handshake", ""
        if self.alert_sent is not None:
            return "alert-sent", f"we aborted with alert {alert_name(self.alert_sent)}: {reason}", reason
        return "error", str(e), str(e)

    def _handshake(self, sock) -> None:
        inc, out = ssl.MemoryBIO(), ssl.MemoryBIO()
        try:
            self.obj = self.ctx.wrap_bio(inc, out, server_hostname=self.sni or None, session=self.session)
        except (ssl.SSLError, ValueError) as e:
            self._fail("local", f"our OpenSSL could not start the handshake: {e}", error=str(e))
            return
        deadline = self.clock() + self.timeout
        while True:
            done = self._step(sock, out)
            if done is None:
                return  # failed, and recorded
            if done:
                break
            if not self._receive(sock, inc, deadline):
                return
        self._completed()
        self._after(sock, inc, out)

    def _flush_quietly(self, sock, out) -> None:
        try:
            self._flush(sock, out)
        except OSError:
            pass

    def _step(self, sock, out) -> bool | None:
        """One do_handshake() and a flush of what it wrote: True done, False wants data, None failed."""
        obj = self.obj
        try:
            obj.do_handshake()
            done = True
        except ssl.SSLWantReadError:
            done = False
        except ssl.SSLCertVerificationError as e:
            self._flush_quietly(sock, out)
            chain, _ = sslpriv.unverified_chain(obj)
            self._fail("verify", e.verify_message or str(e), error=str(e), verify_code=e.verify_code,
                       verify_message=e.verify_message, chain_pem=chain)
            return None
        except ssl.SSLError as e:
            self._flush_quietly(sock, out)
            kind, reason, words = self._classify(e, self._head, self._eof)
            chain, _ = sslpriv.unverified_chain(obj) if (self.sent_any and self.keep_chain) else ([], "")
            self._fail(kind, reason, words, chain_pem=chain)
            return None
        try:
            was = self.sent_any
            self._flush(sock, out)
            if not was and self.sent_any:
                self._t_hello = self.clock()
        except (ConnectionResetError, BrokenPipeError) as e:
            self._fail("reset", f"the server reset the connection ({e.strerror or e})", e.strerror or str(e))
            return None
        except OSError as e:
            self._fail("error", e.strerror or str(e), e.strerror or str(e))
            return None
        return done

    def _receive(self, sock, inc, deadline: float) -> bool:
        """Wait for the server's next bytes and hand them to OpenSSL; False when the handshake failed."""
        remaining = deadline - self.clock()
        if remaining <= 0:
            self._fail("timeout", f"no answer within {self.timeout:g} s")
            return False
        sock.settimeout(remaining)
        try:
            chunk = sock.recv(65536)
        except TimeoutError:
            self._fail("timeout", f"no answer within {self.timeout:g} s" +
                       (" after our ClientHello" if self.sent_any else ""))
            return False
        except ConnectionResetError:
            if self._head and not looks_like_tls(self._head):
                self._fail("not-tls", "the server answered with non-TLS bytes, then reset the connection")
            else:
                self._fail("reset", "the server reset the connection (TCP RST) during the handshake")
            return False
        except OSError as e:
            self._fail("error", e.strerror or str(e), e.strerror or str(e))
            return False
        now = self.clock()
        if not chunk:
            self._eof = True
            inc.write_eof()
            self.events.append(model.TlsBytesReceived(now, self.name, 0))
            return True
        if self._t_hello is not None and self.first_rtt is None:
            self.first_rtt = now - self._t_hello
        self.events.append(model.TlsBytesReceived(now, self.name, len(chunk), head=b"" if self._head else chunk[:96]))
        if not self._head:
            self._head = chunk[:96]
        inc.write(chunk)
        return True

    def _completed(self) -> None:
        obj = self.obj
        self.completed = True
        chain, source = sslpriv.unverified_chain(obj) if self.keep_chain else ([], "")
        verified = sslpriv.verified_chain(obj) if self.ctx.verify_mode == ssl.CERT_REQUIRED else []
        cipher = obj.cipher() or ("", "", 0)
        self.events.append(model.TlsHandshakeCompleted(
            t=self.clock(), conn=self.name, version=obj.version() or "", cipher=cipher[0] or "",
            cipher_bits=int(cipher[2] or 0), alpn=obj.selected_alpn_protocol(), session_reused=obj.session_reused,
            chain_pem=chain, verified_chain_pem=verified, chain_source=source))

    def _after(self, sock, inc, out) -> None:
        """TLS 1.3: tickets (and a late alert, e.g. certificate_required) come after our Finished."""
        obj = self.obj
        wait = self.post_wait
        if wait is None:
            if obj.version() != "TLSv1.3":
                wait = 0.0
            else:
                rtt = self.first_rtt or 0.05
                wait = min(self.timeout, 3 * rtt + 0.1)
        if wait > 0:
            start = self.clock()
            end = start + wait
            outcome, reason = "timeout", ""
            while True:
                try:
                    obj.read(65536)
                except ssl.SSLWantReadError:
                    pass
                except ssl.SSLZeroReturnError:
                    outcome, reason = "eof", "the server closed the connection (close_notify)"
                    break
                except ssl.SSLError as e:
                    kind, reason, _ = self._classify(e, b"", False)
                    outcome = "alert" if self.alert_received is not None else ("eof" if kind == "eof" else "error")
                    break
                try:
                    self._flush(sock, out)
                except OSError:
                    pass
                now = self.clock()
                if self.tickets:
                    end = min(end, now + 0.003)  # the rest of the ticket flight, if any
                remaining = end - now
                if remaining <= 0:
                    outcome = "ok" if self.tickets else "timeout"
                    break
                sock.settimeout(remaining)
                try:
                    chunk = sock.recv(65536)
                except TimeoutError:
                    outcome = "ok" if self.tickets else "timeout"
                    break
                except ConnectionResetError:
                    outcome, reason = "reset", "the server reset the connection after the handshake"
                    break
                except OSError as e:
                    outcome, reason = "error", e.strerror or str(e)
                    break
                self.events.append(model.TlsBytesReceived(self.clock(), self.name, len(chunk)))
                if not chunk:
                    inc.write_eof()
                    continue
                inc.write(chunk)
            self.events.append(model.TlsAfterHandshake(t=self.clock(), conn=self.name, waited_s=self.clock() - start,
                                              tickets=self.tickets, outcome=outcome, reason=reason))
        try:
            obj.unwrap()
        except (ssl.SSLError, ValueError):
            pass
        try:
            data = out.read()
            if data:
                sock.sendall(data)
        except OSError:
            pass


# --------------------------------------------------------------------------------------------
# contexts and trust
# --------------------------------------------------------------------------------------------


def make_context(*, minimum=ssl.TLSVersion.TLSv1, maximum=ssl.TLSVersion.TLSv1_3, verify: bool = False,
                 cafile: str | None = None, system: bool = False, alpn: bool = True,
                 keylog: str | None = None) -> ssl.SSLContext:
    c = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    c.set_ciphers(CIPHERS)
    c.minimum_version = minimum
    c.maximum_version = maximum
    if verify:
        c.check_hostname = True
        c.verify_mode = ssl.CERT_REQUIRED
        if cafile:
            c.load_verify_locations(cafile=cafile)
        elif system:
            c.load_default_certs()
    else:
        c.check_hostname = False
        c.verify_mode = ssl.CERT_NONE
    if alpn:
        c.set_alpn_protocols(["h2", "http/1.1"])
    if keylog:
        c.keylog_filename = keylog
    return c


def client_support() -> dict[str, str]:
    """Per version: "" if our OpenSSL produces a ClientHello for it alone, else why not."""
    out = {}
    for name, v in VERSIONS.items():
        try:
            c = make_context(minimum=v, maximum=v, alpn=False)
            o = c.wrap_bio(ssl.MemoryBIO(), ssl.MemoryBIO(), server_hostname="example.test")
            try:
                o.do_handshake()
            except ssl.SSLWantReadError:
                pass
            out[name] = ""
        except (ssl.SSLError, ValueError) as e:
            out[name] = getattr(e, "reason", None) or str(e)
    return out


def system_store_pems() -> tuple[list[str], list[str]]:
    from netlab.probes.tls_inspect.chain import split_pem_bundle

    paths = ssl.get_default_verify_paths()
    pems: list[str] = []
    used: list[str] = []
    for f in (paths.cafile, paths.openssl_cafile, "/etc/ssl/certs/ca-certificates.crt"):
        if f and os.path.isfile(f):
            try:
                pems = split_pem_bundle(Path(f).read_text(errors="replace"))
                used.append(os.path.realpath(f))
                break
            except OSError:
                continue
    if not pems:
        d = paths.capath or paths.openssl_capath
        if d and os.path.isdir(d):
            for p in sorted(Path(d).iterdir()):
                if p.suffix in (".pem", ".crt") or p.name[-2:-1] == ".":
                    try:
                        pems += split_pem_bundle(p.read_text(errors="replace"))
                    except OSError:
                        continue
            used.append(d)
    return pems, used


def trust_store(params: dict, ctx) -> tuple[str, str | None]:
    """(source, CA file or None for the system store)."""
    if params.get("cacert"):
        return "cacert", params["cacert"]
    sb = getattr(ctx, "sandbox", None)
    if sb is not None and getattr(sb, "cacert", None):
        return "sandbox", sb.cacert
    return "system", None


# --------------------------------------------------------------------------------------------
# collect
# --------------------------------------------------------------------------------------------


def resolve(host: str, port: int, family: int | None, connect_to: str | None):
    if connect_to:
        return [connect_to], "connect-to", None
    if is_ip(host):
        return [host], "literal", None
    fam = {4: socket.AF_INET, 6: socket.AF_INET6}.get(family or 0, socket.AF_UNSPEC)
    try:
        infos = socket.getaddrinfo(host, port, fam, socket.SOCK_STREAM)
    except socket.gaierror as e:
        return [], "getaddrinfo", e.strerror or str(e)
    addrs: list[str] = []
    for info in infos:
        a = info[4][0]
        if a not in addrs:
            addrs.append(a)
    return addrs, "getaddrinfo", None


def collect(params: dict, ctx) -> Recording:
    clock = ctx.clock
    rec, source, cafile = _start(params, ctx)
    p = rec.params
    host, port, sni, family = p["host"], p["port"], p["servername"], p["family"]
    addrs, how, err = resolve(host, port, family, p["connect_to"])
    if family and addrs and how == "getaddrinfo":
        addrs = [a for a in addrs if (":" in a) == (family == 6)]  # none left: analyze says "no IPv6 address"
    chosen = addrs[0] if addrs else None
    rec.add(model.TlsTargetResolved(clock(), host, port, sni, addrs, chosen, how, err))
    if chosen is None:
        return rec
    rec.add(model.TlsClientSupportChecked(clock(), ssl.OPENSSL_VERSION, client_support()))
    keylog = p["keylog"]
    if keylog:
        create_keylog(keylog)
    events = _main_and_resume(rec, chosen, ctx)
    if keylog:
        events.append(model.TlsArtifactWritten(clock(), "keylog", keylog, "NSS key log (mode 0600)"))
    events += _matrix_and_verify(rec, chosen, ctx, source, cafile)
    # trust anchors relevant to the chain
    chain = next((e.chain_pem for e in events if isinstance(e, model.TlsHandshakeCompleted | model.TlsHandshakeFailed)
                  and e.chain_pem), [])
    rec.add(_trust_event(source, cafile, chain, clock))
    events.sort(key=lambda e: e.t)
    for e in events:
        rec.add(e)
    return rec


def _start(params: dict, ctx) -> tuple[Recording, str, str | None]:
    """The Recording with the parameters as used and the environment (the time of the check
    included: analyze judges the certificates' dates at ``observed_at``)."""
    host, port = parse_target(params["target"])
    if params.get("port"):
        port = int(params["port"])
    check_connect_to(params.get("connect_to"))
    source, cafile = trust_store(params, ctx)
    if cafile and not os.path.isfile(cafile):
        raise UsageError(f"--cacert: no such file: {cafile}")
    p = {"target": params["target"], "host": host, "port": port,
         "servername": server_name(host, params.get("servername")), "connect_to": params.get("connect_to"),
         "family": params.get("family"), "cacert": params.get("cacert"), "keylog": params.get("keylog"),
         "pcap": params.get("pcap") or getattr(ctx, "pcap", None), "timeout": ctx.timeout}
    now = dt.datetime.now(dt.UTC)
    rec = Recording(probe="tls-inspect", params=p, started_at=now.isoformat(timespec="seconds"))
    rec.environment = {"openssl": ssl.OPENSSL_VERSION, "observed_at": now.isoformat(),
                       "sandbox": getattr(getattr(ctx, "sandbox", None), "name", None),
                       "msg_callback": True}
    return rec, source, cafile


def _main_and_resume(rec: Recording, chosen: str, ctx) -> list:
    """The main connection (timeline, chain, tickets) and the resumed one, captured with --pcap."""
    p, clock = rec.params, ctx.clock
    port, sni = p["port"], p["servername"]
    sniffer = _open_sniffer(chosen, port, rec, clock) if p["pcap"] else None
    main_ctx = make_context(keylog=p["keylog"])
    main = Conn("main", main_ctx, chosen, port, sni, ctx.timeout, clock, post_wait=None)
    holder = {"conn": main}
    rec.environment["msg_callback"] = sslpriv.set_message_callback(
        main_ctx, lambda *a: holder["conn"].on_message(*a))
    main.run()
    events = list(main.events)
    if main.completed and main.obj is not None:
        session = main.obj.session
        if session is not None and (main.tickets or main.obj.version() != "TLSv1.3"):
            resume = Conn("resume", main_ctx, chosen, port, sni, ctx.timeout, clock, session=session, post_wait=0.0)
            holder["conn"] = resume
            resume.run()
            events += resume.events
    if sniffer is not None:
        _close_sniffer(sniffer, p["pcap"], rec, clock)
    return events


def _matrix_and_verify(rec: Recording, chosen: str, ctx, source: str, cafile: str | None) -> list:
    """Each version alone, and OpenSSL's own verification, in parallel."""
    p, clock = rec.params, ctx.clock
    port, sni = p["port"], p["servername"]
    conns: list[Conn] = []
    for name, v in VERSIONS.items():
        c = make_context(minimum=v, maximum=v, keylog=p["keylog"], alpn=False)
        conn = Conn("v" + name.split()[1], c, chosen, port, sni, ctx.timeout, clock, post_wait=0.0,
                    keep_chain=False)
        sslpriv.set_message_callback(c, conn.on_message)
        conns.append(conn)
    vctx = make_context(verify=True, cafile=cafile, system=(source == "system"), alpn=False)
    if not sni:
        vctx.check_hostname = False
    vconn = Conn("verify", vctx, chosen, port, sni, ctx.timeout, clock, post_wait=0.0)
    sslpriv.set_message_callback(vctx, vconn.on_message)
    conns.append(vconn)
    threads = [threading.Thread(target=c.run, name=f"tls-{c.name}", daemon=True) for c in conns]
    for t in threads:
        t.start()
    for t in threads:
        t.join(ctx.timeout * 3 + 5)
    events: list = []
    for c in conns:
        events += c.events
    return events


def _trust_event(source: str, cafile: str | None, chain: list[str], clock) -> model.TlsTrustStoreLoaded:
    from netlab.probes.tls_inspect.chain import relevant_anchors, split_pem_bundle

    try:
        if cafile:
            pems = split_pem_bundle(Path(cafile).read_text(errors="replace"))
            return model.TlsTrustStoreLoaded(clock(), source, [cafile], len(pems), pems)
        pems, paths = system_store_pems()
        return model.TlsTrustStoreLoaded(clock(), source, paths, len(pems), relevant_anchors(pems, chain))
    except OSError as e:
        return model.TlsTrustStoreLoaded(clock(), source, [cafile or ""], 0, [], error=e.strerror or str(e))


def _open_sniffer(address: str, port: int, rec: Recording, clock):
    sniffer, _ifname, why = open_sniffer(address, tcp_filter(address, [port]))
    if sniffer is None:
        rec.add(model.TlsCaptureUnavailable(clock(), why))
    return sniffer


def _close_sniffer(sniffer, path: str, rec: Recording, clock) -> None:
    from netlab.capture.pcap import write_pcap

    try:
        frames = sniffer.drain(settle=0.05)
    finally:
        sniffer.close()
    try:
        write_pcap(path, frames, linktype=sniffer.linktype)
    except OSError as e:
        raise UsageError(f"cannot write the capture {path}: {e.strerror or e}") from e
    rec.add(model.TlsArtifactWritten(clock(), "pcap", path, f"{len(frames)} packets"))
