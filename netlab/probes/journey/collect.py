"""journey collection: one browser-like visit, captured, then the composed probes (I/O only).

Order, as a browser does it (each hop of the redirect chain repeats 2-4 for a new name/address):

1. the address bar (pure: addressbar.py);
2. the name: the sources of /etc/nsswitch.conf's ``hosts:`` line in order — /etc/hosts, then the
   stub resolver and the servers of /etc/resolv.conf (stub.py); --warm asks once before (an
   earlier visit), --cold replaces the resolver by netlab's own walk from the root (dns-trace);
   a name already looked up in this visit is taken from the visit's memory, as a browser does;
3. the first hop: the route to the address and the next hop's neighbour entry (route.py);
4. the request (fetch.py): TCP, TLS and HTTP on a connection of the origin's pool; a redirect
   (301/302/303/307/308 with Location) starts the next hop, a URL seen before is a loop;
5. --browser-like: the page's sub-resources (page.py), each new host looked up, fetched in
   parallel (HTTP/2: one connection; HTTP/1.1: up to 6);
6. the close: every connection closed by us, then the socket table for TIME_WAIT.

The capture (capture.py) runs from before step 2 to after step 6.  Then, unless --no-details, the
composed probes look closer at the last origin (compose.py).  Decisions are in the modules.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import time
from urllib.parse import urljoin

from netlab.model import DeadlineReached, Recording
from netlab.probes.journey import compose, model, names
from netlab.probes.journey.addressbar import origin_of, parse_address
from netlab.probes.journey.capture import VisitCapture
from netlab.probes.journey.fetch import KEEP_DOCUMENT, USER_AGENT, Fetcher
from netlab.probes.journey.page import looks_like_html, subresources
from netlab.probes.journey.route import look_up_route
from netlab.probes.journey.stub import stub_lookup
from netlab.probes.keylog import create_keylog
from netlab.probes.recorder import RunClock, new_recording
from netlab.targets import is_ip

REDIRECTS = (301, 302, 303, 307, 308)
MAX_REDIRECTS = 10
SYSTEM_FILES = ("/etc/hosts", "/etc/nsswitch.conf", "/etc/resolv.conf")


def collect(params: dict, ctx) -> Recording:
    clock = RunClock(ctx.clock)
    rec = _recording(params, ctx)
    p = rec.params
    addr = parse_address(p["url"], p["https_first"])
    if not addr["ok"]:
        rec.add(model.AddressTyped(clock(), p["url"], p["https_first"]))
        return rec
    _warm_imports()
    if p.get("keylog"):
        create_keylog(p["keylog"])
    files = {path: _read(rec, path, clock) for path in SYSTEM_FILES}
    visit = Visit(rec, clock, ctx, p, files)
    capture = VisitCapture(rec, clock)
    toward = (visit.conf["nameservers"] or [None])[0] or addr["host"]
    capture.start(toward if toward and is_ip(toward) else None)
    visit.capture = capture
    # Enter is pressed now: netlab's own start-up (imports, the capture) is over
    rec.add(model.AddressTyped(clock(), p["url"], p["https_first"]))
    try:
        asyncio.run(visit.run(addr["url"]))
    finally:
        capture.stop(visit.frame_filter(), p.get("pcap"))
    if (p["details"] or p["protocol"] == "h3") and visit.last is not None and not ctx.expired():
        _inspect(rec, visit, ctx, clock)
    # time order for people reading the file; the frames stay in capture order, at the end
    frames = [e for e in rec.events if isinstance(e, model.FrameCaptured)]
    rec.events = sorted((e for e in rec.events if not isinstance(e, model.FrameCaptured)), key=lambda e: e.t) + frames
    return rec


def _recording(params: dict, ctx) -> Recording:
    p = {"url": params.get("url", ""), "https_first": bool(params.get("https_first")),
         "browser_like": bool(params.get("browser_like")), "dns": params.get("dns") or "as-is",
         "follow": params.get("follow", True) is not False, "protocol": params.get("protocol") or "auto",
         "family": params.get("family"), "pcap": params.get("pcap"), "keylog": params.get("keylog"),
         "details": params.get("details", True) is not False,
         "cacert": params.get("cacert") or getattr(ctx.sandbox, "cacert", None),
         "timeout": float(ctx.timeout), "deadline": float(ctx.deadline)}
    env = {"hostname": socket.gethostname(), "sandbox": getattr(ctx.sandbox, "name", None), "uid": os.getuid(),
           "kernel": os.uname().release, "clients": _versions()}
    return new_recording("journey", p, env)


def _warm_imports() -> None:
    """Import what the visit uses lazily, so that no step of the timeline pays for an import."""
    import importlib

    for name in ("dns.message", "dns.rdatatype", "dns.rcode", "dns.flags", "dns.rdtypes.IN.A", "dns.rdtypes.IN.AAAA",
                 "dns.rdtypes.ANY.CNAME", "dns.rdtypes.ANY.SOA", "httpcore", "h11", "h2.connection", "h2.events",
                 "hpack", "anyio", "anyio._backends._asyncio", "httpcore._backends.anyio", "httpcore._async.http2",
                 "httpcore._async.http11", "html.parser", "ssl"):
        try:
            importlib.import_module(name)
        except ImportError:
            pass


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ("httpcore", "h2", "dnspython"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            pass
    return out


def _read(rec: Recording, path: str, clock) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            text = fh.read(names.MAX_FILE + 1)
    except OSError as e:
        rec.add(model.SystemFileRead(clock(), path, "", e.strerror or str(e)))
        return ""
    rec.add(model.SystemFileRead(clock(), path, text[: names.MAX_FILE], None, len(text) > names.MAX_FILE))
    return text[: names.MAX_FILE]


class Visit:
    """The state of one visit: what was looked up, routed, connected; the capture's filter."""

    def __init__(self, rec: Recording, clock, ctx, p: dict, files: dict[str, str]):
        self.rec, self.clock, self.ctx, self.p = rec, clock, ctx, p
        self.hosts_text = files["/etc/hosts"]
        self.order = names.nsswitch_hosts(files["/etc/nsswitch.conf"] or None)
        self.conf = names.parse_resolv_conf(files["/etc/resolv.conf"])
        self.known: dict[str, str | None] = {}  # host -> address (the visit's own memory)
        self.routed: set[str] = set()
        self.walk_servers: set[str] = set()
        self.fetcher = Fetcher(rec, clock, ctx, p["protocol"], p.get("cacert"), p.get("keylog"))
        self.capture: VisitCapture | None = None
        self.last: tuple[str, str, int, str, str] | None = None  # scheme, host, port, address, path
        self.locks: dict[str, asyncio.Lock] = {}
        self.route_tasks: list = []

    # ---------------------------------------------------------------- the capture's filter

    def frame_filter(self):
        """A function telling the visit's own frames from any other traffic on the interface."""
        reqs = self._requests()
        mine = {r.local.rsplit(":", 1)[0].strip("[]") for r in reqs if r.local} | self._sources()
        ports = {int(r.local.rsplit(":", 1)[1]) for r in reqs if r.local}
        dns_ports = {e.local_port for e in self.rec.events if type(e).__name__ == "StubQuerySent" and e.local_port}
        walk = set(self.walk_servers)

        def ours(info: dict) -> bool:
            if info["kind"] == "arp":
                return bool({info["sender_ip"], info["target_ip"]} & mine)
            src, dst, sport, dport = info["src"], info["dst"], info.get("sport"), info.get("dport")
            if info.get("dns"):
                local = sport if src in mine else dport
                return local in dns_ports or (src in mine and dst in walk) or (dst in mine and src in walk)
            if info.get("proto") == "tcp":
                return (sport in ports and src in mine) or (dport in ports and dst in mine)
            if info.get("proto") in ("icmp", "icmp6"):
                return dst in mine or (src in mine and bool(info.get("nd")))
            return False

        return ours

    def _requests(self):
        return [e for e in self.rec.events if type(e).__name__ == "RequestTraced"]

    def _sources(self) -> set[str]:
        from netlab.probes.journey.hop import first_hop

        out = set()
        for e in self.rec.events:
            if type(e).__name__ == "RouteLooked":
                src = first_hop(e.route_json, "").get("src")
                if src:
                    out.add(src)
        return out

    # ---------------------------------------------------------------- the visit

    async def run(self, url: str) -> None:
        doc = await self.navigate(url)
        if doc is not None and self.p["browser_like"] and not self.ctx.expired():
            await self.load_subresources(doc)
        await self.close()

    async def navigate(self, url: str):
        seen: list[str] = []
        while True:
            seen.append(url)
            scheme, host, port = origin_of(url)
            address = await self.lookup(host)
            if address is None:
                self._stop("error", "lookup")
                return None
            await self.first_hop(address)
            self.last = (scheme, host, port, address, _path_of(url))
            ev = await self.fetcher.request(url, (scheme, host, port), "navigation", _headers(url, None),
                                            keep_body=KEEP_DOCUMENT)
            if self.capture is not None:
                self.capture.poll()
            if ev.error_kind:
                self._stop("deadline" if ev.error_kind == "deadline" else "error", ev.error_phase or "")
                return None
            location = _header(ev.response_headers, "location")
            if ev.status not in REDIRECTS or not location:
                self._stop("done")
                return ev
            nxt, problem = _next_url(url, location)
            if problem:
                self._stop("error", problem)
                return None
            if not self.p["follow"]:
                self._stop("not-followed", nxt)
                return None
            if nxt in seen:
                self._stop("loop", nxt)
                return None
            if len(seen) > MAX_REDIRECTS:
                self._stop("too-many", str(MAX_REDIRECTS))
                return None
            url = nxt

    def _stop(self, reason: str, detail: str = "") -> None:
        if reason == "deadline" or (self.ctx.expired() and reason == "error"):
            self.rec.add(DeadlineReached(self.clock(), self.ctx.deadline, "the rest of the visit"))
        self.rec.add(model.FetchStopped(self.clock(), reason, detail[:500]))

    async def load_subresources(self, doc) -> None:
        ctype = _header(doc.response_headers, "content-type")
        if not (doc.status and 200 <= doc.status < 300) or not looks_like_html(ctype, doc.body):
            return
        groups: dict[tuple[str, str, int], list[str]] = {}
        for ref in subresources(doc.body, doc.url):
            u, problem = _next_url(doc.url, ref["url"])
            if not problem:
                groups.setdefault(origin_of(u), []).append(u)
        await asyncio.gather(*(self._origin(o, urls, doc.url) for o, urls in groups.items()))

    async def _origin(self, origin, urls: list[str], referer: str) -> None:
        address = await self.lookup(origin[1])
        if address is None or self.ctx.expired():
            return
        await self.first_hop(address)
        rest = urls
        if origin not in self.fetcher.pools:  # the first request opens the connection; then the rest
            await self.fetcher.request(urls[0], origin, "subresource", _headers(urls[0], referer))
            rest = urls[1:]
        await asyncio.gather(*(self.fetcher.request(u, origin, "subresource", _headers(u, referer)) for u in rest))

    async def close(self) -> None:
        for route in await asyncio.gather(*self.route_tasks):
            self.rec.add(route)
        t = self.clock()
        conns = await self.fetcher.close()
        end = self.clock()
        ports = [r.local for r in self._requests() if r.local]
        table = await asyncio.to_thread(_socket_table, ports, self.ctx)
        self.rec.add(model.ConnectionsClosed(t, conns, table, end))

    # ---------------------------------------------------------------- name and first hop

    async def lookup(self, host: str) -> str | None:
        lock = self.locks.setdefault(host, asyncio.Lock())
        async with lock:  # two sub-resources of one new host: one lookup
            if host in self.known:
                self.rec.add(model.NameLookupFinished(self.clock(), host, "cache", [self.known[host]] if self.known[host]
                                                      else [], self.known[host]))
                return self.known[host]
            address = await asyncio.to_thread(self._lookup, host)
            self.known[host] = address
            if address:
                self.fetcher.addresses[host] = address
            return address

    def _lookup(self, host: str) -> str | None:
        fam = self.p.get("family")
        if is_ip(host):
            self.rec.add(model.NameLookupFinished(self.clock(), host, "literal", [host], host))
            return host
        self.rec.add(model.NameLookupStarted(self.clock(), host))
        error = "no-source"
        for source in self.order:
            if source == "files":
                found = names.hosts_lookup(self.hosts_text, host, fam)
                if found:
                    return self._found(host, "hosts", found)
                error = "nxdomain"
            elif source in ("dns", "resolve"):
                # glibc goes on to a later source only when this one is unavailable: the answer,
                # with or without an address, ends the lookup
                return self._dns(host)
        self.rec.add(model.NameLookupFinished(self.clock(), host, "hosts", [], None, error))
        return None

    def _found(self, host: str, source: str, addrs: list[str]) -> str | None:
        address = names.pick_address(addrs, self.p.get("family"))
        self.rec.add(model.NameLookupFinished(self.clock(), host, source, addrs, address,
                                              None if address else "no-address"))
        return address

    def _dns(self, host: str) -> str | None:
        if self.p["dns"] == "cold":
            step = compose.run_step(f"dns:{host}", "dns-trace", compose.walk_params(host, self.p.get("family")),
                                    self.ctx, self.clock)
            self.rec.add(step)
            for e in (step.recording or {}).get("events", []):
                if e.get("type") == "QuerySent" and isinstance(e.get("address"), str):
                    self.walk_servers.add(e["address"])
            addrs, outcome = compose.walk_addresses(step)
            if addrs:
                return self._found(host, "walk", addrs)
            self.rec.add(model.NameLookupFinished(self.clock(), host, "walk", [], None, outcome or "error"))
            return None
        if not self.conf["nameservers"]:
            self.rec.add(model.NameLookupFinished(self.clock(), host, "resolver", [], None, "no-resolver"))
            return None
        if self.p["dns"] == "warm":
            self.rec.add(model.NameLookupStarted(self.clock(), host, "prime"))
            stub_lookup(self.rec, host, self.conf, self.clock, self.ctx, "prime", self.p.get("family"))
        answers = [a for a in (names.parse_answer(w) for w in
                               stub_lookup(self.rec, host, self.conf, self.clock, self.ctx, "lookup",
                                           self.p.get("family"))) if a]
        addrs, _ = names.addresses_of(answers)
        error = names.lookup_error(answers)
        if addrs:
            return self._found(host, "resolver", addrs)
        self.rec.add(model.NameLookupFinished(self.clock(), host, "resolver", [], None, error or "no-address"))
        return None

    async def first_hop(self, address: str) -> None:
        """The route and neighbour entry, read beside the connection: the kernel decides both when
        connect() is called, and `ip` takes milliseconds that are netlab's, not the visit's."""
        if address in self.routed:
            return
        self.routed.add(address)
        self.route_tasks.append(asyncio.create_task(asyncio.to_thread(look_up_route, address, self.clock)))


def _path_of(url: str) -> str:
    from urllib.parse import urlsplit

    s = urlsplit(url)
    return (s.path or "/") + (f"?{s.query}" if s.query else "")


def _headers(url: str, referer: str | None) -> list[tuple[str, str]]:
    from urllib.parse import urlsplit

    s = urlsplit(url)
    out = [("Host", s.netloc), ("User-Agent", USER_AGENT)]
    if referer is None:
        out.append(("Accept", "text/html,application/xhtml+xml,*/*;q=0.8"))
    else:
        out += [("Accept", "*/*"), ("Referer", referer)]
    return out


def _header(headers, name: str) -> str | None:
    for k, v in headers or []:
        if k.lower() == name:
            return v
    return None


def _next_url(base: str, ref: str) -> tuple[str, str | None]:
    """The absolute URL a Location header (or a page) refers to, validated as an address bar would."""
    from netlab.targets import TargetError, url

    try:
        joined = urljoin(base, ref.strip())
        u = url(joined, schemes=("http", "https"), default_scheme="https")
    except TargetError as e:
        return ref[:200], str(e)[:200]
    except ValueError as e:  # urljoin on "https://[bad"
        return ref[:200], str(e)[:200]
    if u.scheme_guessed:
        return joined, "not an http(s) URL"
    return u.url, None


def _socket_table(locals_: list[str], ctx) -> str:
    """`ss -tanH` lines of our local ports, once every connection left ESTAB/FIN-WAIT (<= 0.5 s)."""
    ports = {a.rsplit(":", 1)[1] for a in locals_}
    deadline = time.monotonic() + min(0.5, max(0.0, ctx.remaining()))
    lines: list[str] = []
    while True:
        try:
            out = subprocess.run(["ss", "-tanH"], capture_output=True, text=True, timeout=5, check=False).stdout
        except (FileNotFoundError, subprocess.TimeoutExpired):
            return ""
        lines = [ln for ln in out.splitlines() if ln.split() and len(ln.split()) >= 4
                 and ln.split()[3].rsplit(":", 1)[-1] in ports]
        busy = [ln for ln in lines if ln.split()[0] in ("ESTAB", "FIN-WAIT-1", "FIN-WAIT-2", "CLOSING", "LAST-ACK")]
        if not busy or time.monotonic() >= deadline:
            return "\n".join(lines)[:20000]
        time.sleep(0.02)


def _inspect(rec: Recording, visit: Visit, ctx, clock) -> None:
    scheme, host, port, address, path = visit.last
    if visit.p["details"]:
        rec.add(compose.run_step("tcp", "tcp-handshake", compose.tcp_params(scheme, host, address, port, path), ctx,
                                 clock))
    if scheme == "https" and visit.p["details"] and not ctx.expired():
        rec.add(compose.run_step("tls", "tls-inspect", compose.tls_params(host, address, port, visit.p.get("cacert")),
                                 ctx, clock))
    if scheme == "https" and visit.p["protocol"] == "h3" and not ctx.expired():
        rec.add(compose.run_step("http", "http-compare", compose.h3_params(host, address, port, path,
                                                                           visit.p.get("cacert")), ctx, clock))
