"""dns-trace collection: an iterative resolver that records every exchange.

Every query has RD=0 and goes to a server of the zone cut being asked, starting from explicit
root hints (the sandbox's roots, ``--root`` addresses, or root_hints.json when live).  It never
asks a recursive resolver during the trace; ``--compare-resolver`` does so afterwards, in its own
walk.  Decisions (is it a referral? which glue may be used?) come from analyze.classify, the same
pure function the report uses, so what we did and what we report cannot disagree.

I/O lives here only: sockets, the injected clock ctx.clock, threads for the parallel look-ups of
glueless name servers and for --all-servers.  dnspython (dns.message) is imported inside functions.
"""

from __future__ import annotations

import errno
import itertools
import json
import os
import random
import socket
import struct
import threading
import time
from datetime import UTC, datetime
from typing import Any

from netlab.errors import UsageError
from netlab.model import Recording
from netlab.probes.dns_trace import model
from netlab.probes.dns_trace.classify import FAILED, MAX_CNAME_CHAIN, MAX_DEPTH, Classified, classify
from netlab.probes.dns_trace.messages import M
from netlab.probes.dns_trace.names import parent_zones

DEFAULT_BUDGET = 100  # queries per trace (not counting --all-servers extras)
MAX_PARALLEL_NS = 4  # glueless name servers looked up at the same time
RESOLVER_PAUSE_S = 1.1  # --compare-resolver: between the cold and the cached question
EDNS_PAYLOAD = 1232  # the DNS flag day 2020 value: fits one IPv6 packet without fragmentation


class _Budget(Exception):
    pass


class _Stop(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class _Cancel:
    """A cancellation flag that is also set when its parent's is (nested parallel look-ups)."""

    __slots__ = ("_ev", "_parent")

    def __init__(self, parent=None):
        self._ev = threading.Event()
        self._parent = parent

    def set(self) -> None:
        self._ev.set()

    def is_set(self) -> bool:
        return self._ev.is_set() or (self._parent is not None and self._parent.is_set())


class Server:
    """One name server of a zone: its name and the addresses we may use (plain class: a
    dataclass costs import time, and start-up is part of what the benchmark measures)."""

    __slots__ = ("name", "addresses")

    def __init__(self, name: str, addresses: list[str] | None = None):
        self.name = name
        self.addresses = list(addresses or [])


class Outcome:
    """What a walk (plus its CNAME restarts) ended with, for the caller's next step."""

    __slots__ = ("outcome", "records", "walk")

    def __init__(self, outcome: str, records: list[dict[str, Any]] | None = None, walk: int = 0):
        self.outcome = outcome
        self.records = list(records or [])
        self.walk = walk


def load_root_hints() -> list[dict[str, Any]]:
    """The 13 root servers (name, ipv4, ipv6) from the packaged root_hints.json."""
    with open(os.path.join(os.path.dirname(__file__), "root_hints.json"), encoding="utf-8") as fh:
        text = fh.read()
    return json.loads(text)["servers"]


def root_servers(params: dict, ctx) -> tuple[str, list[dict[str, Any]]]:
    """(mode, [{name, address}]) : --root beats the sandbox, the sandbox beats live hints."""
    if params.get("roots"):
        return "roots", [{"name": a, "address": a} for a in params["roots"]]
    if ctx.sandbox is not None:
        hints = list(ctx.sandbox.roots or [])
        mode = "sandbox"
        if not hints:
            raise UsageError("the sandbox description lists no root servers")
    else:
        hints = load_root_hints()
        mode = "live"
    out = []
    for h in hints:
        for key in ("ipv4", "ipv6"):
            for addr in _as_list(h.get(key)):
                out.append({"name": h["name"].lower().rstrip(".") + ".", "address": addr})
    return mode, out


def _as_list(v) -> list[str]:
    if not v:
        return []
    return list(v) if isinstance(v, list | tuple) else [v]


def system_resolver() -> str | None:
    try:
        with open("/etc/resolv.conf", encoding="utf-8") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) >= 2 and parts[0] == "nameserver":
                    return parts[1].split("%")[0]
    except OSError:
        return None
    return None


def collect(params: dict, ctx) -> Recording:
    mode, roots = root_servers(params, ctx)
    seed = params.get("seed")
    if seed is None:
        seed = int.from_bytes(os.urandom(4), "big") % 100000
    resolver = None
    if params.get("compare_resolver"):
        resolver = (ctx.sandbox.resolver if ctx.sandbox is not None and ctx.sandbox.resolver else None) \
            or params.get("resolver") or system_resolver()
        if not resolver:
            raise UsageError("--compare-resolver: no recursive resolver configured (no nameserver in /etc/resolv.conf)")
    p = {
        "name": params["name"], "name_unicode": params.get("name_unicode", params["name"]),
        "type": params.get("type", "A").upper(), "mode": mode, "roots": roots, "seed": seed,
        "family": params.get("family"), "tcp": bool(params.get("tcp")),
        "follow_cname": params.get("follow_cname", True), "all_servers": bool(params.get("all_servers")),
        "compare_resolver": bool(params.get("compare_resolver")), "resolver": resolver,
        "timeout": ctx.timeout, "deadline": float(getattr(ctx, "deadline", 0) or 0) or None,
        "budget": int(params.get("budget") or DEFAULT_BUDGET),
        "port": int(params.get("port") or 53),
    }
    rec = Recording(probe="dns-trace", params=p,
                    started_at=datetime.now(UTC).isoformat(timespec="seconds"))
    rec.environment = {"hostname": socket.gethostname(), "sandbox": getattr(ctx.sandbox, "name", None)}
    _preload()
    tracer = Tracer(p, ctx, rec)
    tracer.run()
    return rec


def server_order(seed: int, zone: str, servers: list) -> list:
    """The order in which the servers of ``zone`` are tried: a shuffle seeded by (seed, zone), so
    the same --seed picks the same servers whatever the timing of parallel look-ups.  Sorted by
    name first: servers rotate the order of an NS set from one answer to the next."""
    rng = random.Random(f"{seed}:{zone}")
    out = sorted(servers, key=lambda s: getattr(s, "name", s))
    rng.shuffle(out)
    return out


def _preload() -> None:
    """Import dnspython's message code (and the record types a trace meets) before the first
    event, so the timeline's first step is the first query, not a library import."""
    import dns.flags
    import dns.message
    import dns.rcode
    import dns.rdatatype
    import dns.rdtypes.ANY.CNAME
    import dns.rdtypes.ANY.NS
    import dns.rdtypes.ANY.SOA
    import dns.rdtypes.IN.A
    import dns.rdtypes.IN.AAAA  # noqa: F401


class Tracer:
    def __init__(self, p: dict, ctx, rec: Recording):
        self.p = p
        self.ctx = ctx
        self.rec = rec
        self.lock = threading.Lock()
        self._qids = itertools.count(1)
        self._wids = itertools.count(1)
        self.sent = 0
        self.cache: dict[str, list[Server]] = {}
        self.addr_cache: dict[str, list[str]] = {}
        roots: dict[str, Server] = {}
        for r in p["roots"]:
            roots.setdefault(r["name"], Server(r["name"])).addresses.append(r["address"])
        self.cache["."] = list(roots.values())
        self.family = p.get("family")  # None | "4" | "6"
        self.transport = "tcp" if p.get("tcp") else "udp"
        self.timeout = float(p.get("timeout") or 5.0)
        self.port = p.get("port", 53)
        self.background: list[threading.Thread] = []

    # ------------------------------------------------------------------ helpers

    def now(self) -> float:
        return self.ctx.clock()

    def remaining(self) -> float:
        """Seconds left before the run's overall deadline (ctx.remaining; no deadline: forever)."""
        remaining = getattr(self.ctx, "remaining", None)
        return float("inf") if remaining is None else remaining()

    def op_timeout(self) -> float:
        """This exchange's timeout: --timeout, shortened so that it ends by the run's deadline."""
        return max(0.01, min(self.timeout, self.remaining()))

    def expired(self) -> bool:
        return self.remaining() <= 0.0

    def _next(self, counter) -> int:
        with self.lock:
            return next(counter)

    def usable(self, addrs: list[str]) -> list[str]:
        v4 = [a for a in addrs if ":" not in a]
        v6 = [a for a in addrs if ":" in a]
        if self.family == "4":
            return v4
        if self.family == "6":
            return v6
        return v4 or v6  # IPv4 first; IPv6 only for servers that have no IPv4

    def order(self, zone: str, servers: list[Server]) -> list[Server]:
        return server_order(self.p["seed"], zone, servers)

    def closest_cut(self, qname: str) -> str:
        with self.lock:
            for z in parent_zones(qname):
                if z in self.cache and any(self.usable(s.addresses) or s.name in self.addr_cache
                                           for s in self.cache[z]):
                    return z
        return "."

    # ------------------------------------------------------------------ the trace

    def run(self) -> None:
        try:
            self.resolve(self.p["name"], self.p["type"], "main", parent=None, via=None, for_zone=None,
                         pending=frozenset(), depth=0, follow=self.p["follow_cname"])
        finally:
            for th in self.background:
                th.join()
            if self.p.get("compare_resolver") and self.p.get("resolver"):
                self.compare_resolver()

    def resolve(self, qname, qtype, purpose, parent, via, for_zone, pending, depth, follow=True,
                cancel=None) -> Outcome:
        seen = {qname}
        records: list[dict[str, Any]] = []
        current_parent, current_via, current_purpose = parent, via, purpose
        name = qname
        while True:
            out, qid, wid = self.walk(name, qtype, current_purpose, current_parent, current_via, for_zone,
                                      pending, depth, cancel)
            records.extend(out.records)
            if out.outcome != "cname":
                return Outcome(out.outcome, records, wid)
            if not follow:
                self.finish(wid, "")
                return Outcome("cname", records, wid)
            target = next((r["data"].lower() for r in reversed(out.records) if r["type"] == "CNAME"), None)
            chain_len = sum(1 for r in records if r["type"] == "CNAME")
            if target is None or target in seen or chain_len > MAX_CNAME_CHAIN:
                self.finish(wid, "cname-loop")
                return Outcome("loop", records, wid)
            seen.add(target)
            self.finish(wid, "")
            name = target
            current_parent, current_via, current_purpose = wid, qid, "cname"

    def finish(self, wid: int, stopped: str) -> None:
        self.rec.add(model.WalkFinished(t=self.now(), walk=wid, stopped=stopped))

    def walk(self, qname, qtype, purpose, parent, via, for_zone, pending, depth, cancel):
        """One descent from the closest known cut to an answer, a CNAME, NXDOMAIN or NODATA.

        Returns (Outcome, id of the deciding query, walk id).  The walk's WalkFinished is added
        here, except after a CNAME: resolve() adds it, knowing whether the chain loops.
        """
        wid = self._next(self._wids)
        zone = self.closest_cut(qname)
        self.rec.add(model.WalkStarted(t=self.now(), walk=wid, purpose=purpose, qname=qname, qtype=qtype,
                                       start_zone=zone, parent=parent, via_query=via, for_zone=for_zone))
        stopped = ""
        result: tuple[Outcome, int | None, int] = (Outcome("unreachable"), None, wid)
        try:
            seen_zones = [zone]
            while True:
                with self.lock:
                    servers = list(self.cache.get(zone, []))
                got = self.ask_zone(wid, zone, servers, qname, qtype, pending, depth, cancel)
                if got is None:
                    result = (Outcome("unreachable"), None, wid)
                    break
                qid, c = got
                if c.outcome == "referral":
                    child = c.referral["zone"]
                    if child in seen_zones:  # cannot happen with strict descent; kept as a guard
                        stopped = "referral-loop"
                        result = (Outcome("loop"), qid, wid)
                        break
                    seen_zones.append(child)
                    servers = self.servers_from_referral(c)
                    with self.lock:
                        self.cache[child] = servers
                    zone = child
                    continue
                result = (Outcome(c.outcome, c.records), qid, wid)
                break
        except _Budget:
            stopped = "budget"
            result = (Outcome("budget"), None, wid)
        except _Stop as s:
            stopped = s.reason
            result = (Outcome("loop" if "loop" in s.reason else s.reason), None, wid)
        if result[0].outcome != "cname":
            self.finish(wid, stopped)
        return result

    def servers_from_referral(self, c: Classified) -> list[Server]:
        glue: dict[str, list[str]] = {}
        for g in c.referral["glue_used"]:
            glue.setdefault(g["name"], []).append(g["address"])
        out = []
        with self.lock:
            for ns in c.referral["ns"]:
                out.append(Server(ns, glue.get(ns) or list(self.addr_cache.get(ns, []))))
        return out

    def ask_zone(self, wid, zone, servers, qname, qtype, pending, depth, cancel) -> tuple[int, Classified] | None:
        """Ask the servers of ``zone`` in (seeded) order until one gives a usable response."""
        ordered = self.order(zone, servers)
        with_addr = [s for s in ordered if self.usable(s.addresses)]
        glueless = [s for s in ordered if not self.usable(s.addresses)]
        candidates = [(s.name, a) for s in with_addr for a in self.usable(s.addresses)]
        for name, addr in candidates:
            got = self.exchange(wid, zone, name, addr, qname, qtype, cancel=cancel)
            if got is not None and got[1].outcome not in FAILED:
                if self.p.get("all_servers"):
                    self.ask_others(wid, zone, [(n, a) for n, a in candidates if (n, a) != (name, addr)],
                                    qname, qtype)
                return got
        if not glueless:
            return None
        # Glueless: find the servers' addresses with nested traces, in parallel; use them in the
        # seeded order so that --seed still decides which server is asked.
        if depth >= MAX_DEPTH:
            raise _Stop("depth")
        names = [s.name for s in glueless][:MAX_PARALLEL_NS]
        loops = [n for n in names if n in pending]
        names = [n for n in names if n not in pending]
        if not names:
            raise _Stop("dependency-loop") if loops else _Stop("depth")
        done = _Cancel(cancel)  # set when one look-up succeeded, or when our own caller gave up
        if len(names) == 1:  # nothing to overlap: no thread
            n = names[0]
            for addr in self.ns_addresses(wid, zone, n, pending | {n}, depth + 1, done):
                got = self.exchange(wid, zone, n, addr, qname, qtype, cancel=cancel)
                if got is not None and got[1].outcome not in FAILED:
                    return got
            return None
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=len(names)) as pool:
            futures = [pool.submit(self.ns_addresses, wid, zone, n, pending | {n}, depth + 1, done) for n in names]
            for n, fut in zip(names, futures, strict=True):
                addrs = fut.result()
                if not addrs:
                    continue
                for addr in addrs:
                    got = self.exchange(wid, zone, n, addr, qname, qtype, cancel=cancel)
                    if got is not None and got[1].outcome not in FAILED:
                        done.set()  # the other look-ups are no longer needed
                        return got
        return None

    def ns_addresses(self, parent_wid, zone, ns, pending, depth, done) -> list[str]:
        with self.lock:
            if ns in self.addr_cache:
                return list(self.usable(self.addr_cache[ns]))
        types = ["AAAA"] if self.family == "6" else (["A"] if self.family == "4" else ["A", "AAAA"])
        found: list[str] = []
        for t in types:
            if done.is_set():
                break
            out = self.resolve(ns, t, "ns-address", parent=parent_wid, via=None, for_zone=zone,
                               pending=pending, depth=depth, cancel=done)
            if out.outcome == "budget":
                raise _Budget()  # the whole trace is out of queries, not just this look-up
            if out.outcome == "deadline":
                raise _Stop("deadline")  # and out of time
            found += [r["data"] for r in out.records if r["type"] == t]
            if found or out.outcome in ("loop", "depth", "not-needed"):
                break
        if found:
            with self.lock:
                self.addr_cache[ns] = found
                for s in self.cache.get(zone, []):
                    if s.name == ns and not s.addresses:
                        s.addresses = list(found)
        return found

    def ask_others(self, wid, zone, pairs, qname, qtype) -> None:
        """--all-servers: ask the other servers of the zone in the background (the trace goes
        on meanwhile); run() waits for them before the Recording is complete."""
        for name, addr in pairs:
            th = threading.Thread(target=self._extra, args=(wid, zone, name, addr, qname, qtype), daemon=True)
            th.start()
            self.background.append(th)

    def _extra(self, wid, zone, name, addr, qname, qtype) -> None:
        try:
            self.exchange(wid, zone, name, addr, qname, qtype, extra=True)
        except (_Stop, _Budget):
            pass

    # ------------------------------------------------------------------ one exchange

    def make_query(self, qname: str, qtype: str, recursive: bool = False, edns: bool = True) -> bytes:
        import dns.flags
        import dns.message

        q = dns.message.make_query(qname, qtype, use_edns=0 if edns else False, payload=EDNS_PAYLOAD)
        if recursive:
            q.flags |= dns.flags.RD
        else:
            q.flags &= ~dns.flags.RD
        return q.to_wire()

    def exchange(self, wid, zone, server, addr, qname, qtype, transport=None, retry_of=None, extra=False,
                 cancel=None, recursive=False, edns=True) -> tuple[int, Classified] | None:
        if cancel is not None and cancel.is_set():
            raise _Stop("not-needed")
        if self.expired():
            raise _Stop("deadline")  # the run's overall deadline: what is left is not asked
        if not extra:
            with self.lock:
                if self.sent >= self.p["budget"]:
                    raise _Budget()
                self.sent += 1
        transport = transport or self.transport
        wire = self.make_query(qname, qtype, recursive=recursive, edns=edns)
        qid = self._next(self._qids)
        t0 = self.now()
        self.rec.add(model.QuerySent(t=t0, query=qid, walk=wid, zone=zone, server=server, address=addr, port=self.port,
                                     transport=transport, wire=wire, retry_of=retry_of, extra=extra))
        if transport == "udp":
            ev = self._udp(qid, addr, wire, t0)
        else:
            ev = self._tcp(qid, addr, wire, t0)
        self.rec.add(ev)
        if not isinstance(ev, model.ResponseReceived):
            return qid, Classified("timeout" if isinstance(ev, model.QueryTimedOut) else "transport-error")
        if recursive:
            return qid, Classified("answer")
        c = classify(wire, ev.wire, zone, transport, detail=False)
        if c.outcome == "truncated":
            return self.exchange(wid, zone, server, addr, qname, qtype, transport="tcp", retry_of=qid,
                                 extra=extra, cancel=None, edns=edns)
        if c.outcome == "error" and c.rcode == "FORMERR" and edns:
            # An old server (or a middlebox) that does not understand EDNS: ask once more without
            # it, as resolvers do.
            return self.exchange(wid, zone, server, addr, qname, qtype, transport=transport, retry_of=qid,
                                 extra=extra, cancel=None, edns=False)
        return qid, c

    def _udp(self, qid: int, addr: str, wire: bytes, t0: float):
        fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
        timeout = self.op_timeout()
        deadline = t0 + timeout
        try:
            with socket.socket(fam, socket.SOCK_DGRAM) as s:
                s.connect((addr, self.port))
                s.send(wire)
                while True:
                    left = deadline - self.now()
                    if left <= 0:
                        return model.QueryTimedOut(t=self.now(), query=qid, waited_s=timeout)
                    s.settimeout(left)
                    try:
                        data = s.recv(65535)
                    except TimeoutError:
                        return model.QueryTimedOut(t=self.now(), query=qid, waited_s=timeout)
                    # Only our answer: same id with QR set (a stray datagram is skipped, as resolvers do).
                    if len(data) >= 3 and data[:2] == wire[:2] and data[2] & 0x80:
                        return model.ResponseReceived(t=self.now(), query=qid, wire=data)
        except OSError as e:
            return _failed(self.now(), qid, _oserror_kind(e, "udp"), e)

    def _tcp(self, qid: int, addr: str, wire: bytes, t0: float):
        timeout = self.op_timeout()
        deadline = t0 + timeout
        try:
            fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
            with socket.socket(fam, socket.SOCK_STREAM) as s:
                s.settimeout(timeout)
                s.connect((addr, self.port))
                s.sendall(struct.pack("!H", len(wire)) + wire)
                head = _recv_exact(s, 2, deadline, self.now)
                if head is None:
                    return _failed(self.now(), qid, "closed-early")
                (n,) = struct.unpack("!H", head)
                body = _recv_exact(s, n, deadline, self.now)
                if body is None:
                    return _failed(self.now(), qid, "closed-midway")
                return model.ResponseReceived(t=self.now(), query=qid, wire=body)
        except TimeoutError:
            return model.QueryTimedOut(t=self.now(), query=qid, waited_s=timeout)
        except OSError as e:
            return _failed(self.now(), qid, _oserror_kind(e, "tcp"), e)

    # ------------------------------------------------------------------ --compare-resolver

    def compare_resolver(self) -> None:
        addr = self.p["resolver"]
        wid = self._next(self._wids)
        self.rec.add(model.WalkStarted(t=self.now(), walk=wid, purpose="resolver", qname=self.p["name"],
                                       qtype=self.p["type"], start_zone=".", parent=None, via_query=None))
        stopped = ""
        try:
            for i in range(2):
                if i:
                    # TTLs count in whole seconds: wait a little over one, so the cached answer's TTL
                    # has visibly gone down.
                    time.sleep(min(RESOLVER_PAUSE_S, self.remaining()))
                self.exchange(wid, ".", "resolver", addr, self.p["name"], self.p["type"], transport="udp",
                              extra=True, recursive=True)
        except _Stop as s:  # the run's deadline came first
            stopped = s.reason
        self.finish(wid, stopped)


def _recv_exact(s: socket.socket, n: int, deadline: float, now) -> bytes | None:
    buf = b""
    while len(buf) < n:
        left = deadline - now()
        if left <= 0:
            raise TimeoutError()
        s.settimeout(left)
        chunk = s.recv(n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return buf


def _failed(t: float, qid: int, kind: str, e: OSError | None = None) -> model.TransportFailed:
    """A socket error as evidence: its kind (a catalogue id) and its words in English."""
    error = M.text(f"transport.{kind}", "en") if kind else f"{e.strerror or e}"
    return model.TransportFailed(t=t, query=qid, error=error, kind=kind)


def _oserror_kind(e: OSError, transport: str) -> str:
    """The catalogue id of a socket error ("" when only the system's own words describe it)."""
    code = e.errno
    if isinstance(e, ConnectionRefusedError) or code == errno.ECONNREFUSED:
        return "udp-refused" if transport == "udp" else "tcp-refused"
    if code == errno.ENETUNREACH:
        return "net-unreachable"
    if code == errno.EHOSTUNREACH:
        return "host-unreachable"
    if code in (errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT):
        return "no-family"
    if isinstance(e, ConnectionResetError):
        return "reset"
    return ""
