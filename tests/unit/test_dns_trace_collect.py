"""dns-trace collection against small real DNS servers on loopback (127.0.0.x, one free port).

The servers are a few lines of dnspython each, built to misbehave on purpose: a referral with
poisoned glue, a server that never answers, one that truncates over UDP, a zone that refers
forever.  The tracer talks to them over real sockets; nothing leaves the machine.
"""

from __future__ import annotations

import itertools
import socket
import struct
import threading
import time
from collections.abc import Callable

import dns.flags
import dns.message
import dns.rcode
import dns.rrset
import pytest

from netlab.probes.context import RunContext
from netlab.probes.dns_trace.analyze import analyze
from netlab.probes.dns_trace.collect import collect, server_order
from netlab.probes.dns_trace.model import QuerySent

Handler = Callable[[str, str, dns.message.Message], dns.message.Message | None]


def rr(name, ttl, rtype, *data):
    return dns.rrset.from_text(name, ttl, "IN", rtype, *data)


def reply(q, aa=False, rcode=dns.rcode.NOERROR, answer=(), authority=(), additional=(), tc=False):
    r = dns.message.make_response(q)
    r.flags &= ~dns.flags.RA
    if aa:
        r.flags |= dns.flags.AA
    if tc:
        r.flags |= dns.flags.TC
    r.set_rcode(rcode)
    r.answer.extend(answer)
    r.authority.extend(authority)
    r.additional.extend(additional)
    return r


class Servers:
    """UDP and TCP DNS servers on several loopback addresses sharing one port."""

    def __init__(self, handlers: dict[str, Handler]):
        self.handlers = handlers
        self.seen: dict[str, list[tuple[str, str, str]]] = {a: [] for a in handlers}
        probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self.socks = []
        self.stop = threading.Event()
        for addr in handlers:
            u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            u.bind((addr, self.port))
            u.settimeout(0.1)
            t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            t.bind((addr, self.port))
            t.listen(8)
            t.settimeout(0.1)
            self.socks += [u, t]
            threading.Thread(target=self._udp, args=(addr, u), daemon=True).start()
            threading.Thread(target=self._tcp, args=(addr, t), daemon=True).start()

    def _answer(self, addr, wire, transport):
        q = dns.message.from_wire(wire)
        name, rtype = q.question[0].name.to_text(), dns.rdatatype.to_text(q.question[0].rdtype)
        self.seen[addr].append((transport, name, rtype))
        r = self.handlers[addr](transport, name, q)
        return None if r is None else r.to_wire(max_size=65535 if transport == "tcp" else 0)

    def _udp(self, addr, s):
        while not self.stop.is_set():
            try:
                wire, peer = s.recvfrom(65535)
            except (TimeoutError, OSError):
                continue
            out = self._answer(addr, wire, "udp")
            if out is not None:
                s.sendto(out, peer)

    def _tcp(self, addr, s):
        while not self.stop.is_set():
            try:
                c, _ = s.accept()
            except (TimeoutError, OSError):
                continue
            with c:
                c.settimeout(2)
                try:
                    n = struct.unpack("!H", c.recv(2))[0]
                    out = self._answer(addr, c.recv(n), "tcp")
                    if out is not None:
                        c.sendall(struct.pack("!H", len(out)) + out)
                except (OSError, struct.error):
                    pass

    def close(self):
        self.stop.set()
        for s in self.socks:
            s.close()


@pytest.fixture
def servers():
    made = []

    def make(handlers):
        s = Servers(handlers)
        made.append(s)
        return s

    yield make
    for s in made:
        s.close()


ROOT, TLD, AUTH, EVIL, DEAD, GOOD = "127.0.0.11", "127.0.0.12", "127.0.0.13", "127.0.0.66", "127.0.0.14", "127.0.0.15"


def root(transport, name, q):
    return reply(q, authority=[rr("test.", 3600, "NS", "ns1.nic.test.")],
                 additional=[rr("ns1.nic.test.", 3600, "A", TLD)])


def run(srv, name, rtype="A", timeout=1.0, roots=(ROOT,), **params):
    p = {"name": name, "type": rtype, "roots": list(roots), "seed": params.pop("seed", 1), "port": srv.port, **params}
    rec = collect(p, RunContext(timeout=timeout))
    return rec, analyze(rec)


def test_poisoned_glue_is_never_used(servers):
    def tld(transport, name, q):
        return reply(q, authority=[rr("victim.test.", 3600, "NS", "ns1.victim.test.", "ns.elsewhere.net.")],
                     additional=[rr("ns1.victim.test.", 3600, "A", AUTH), rr("ns.elsewhere.net.", 3600, "A", EVIL),
                                 rr("www.victim.test.", 3600, "A", EVIL)])

    def auth(transport, name, q):
        return reply(q, aa=True, answer=[rr(name, 300, "A", "198.18.1.51")])

    def evil(transport, name, q):
        return reply(q, aa=True, answer=[rr(name, 300, "A", "203.0.113.66")])

    srv = servers({ROOT: root, TLD: tld, AUTH: auth, EVIL: evil})
    for seed in range(4):  # whichever order the seed gives, the out-of-bailiwick address is never asked
        rec, res = run(srv, "www.victim.test.", seed=seed)
        assert res.outcome == "answer" and [r["data"] for r in res.answer] == ["198.18.1.51"]
        assert EVIL not in {q.address for q in rec.of_type(QuerySent)}
    assert srv.seen[EVIL] == []
    assert all(q.wire[2] & 0x01 == 0 for q in rec.of_type(QuerySent))  # RD=0 on every query
    assert "dns.glue-ignored" in [f.code for f in res.findings]


def test_dead_server_then_the_next_one(servers):
    def tld(transport, name, q):
        return reply(q, authority=[rr("partly.test.", 3600, "NS", "ns-dead.partly.test.", "ns-good.partly.test.")],
                     additional=[rr("ns-dead.partly.test.", 3600, "A", DEAD),
                                 rr("ns-good.partly.test.", 3600, "A", GOOD)])

    def good(transport, name, q):
        return reply(q, aa=True, answer=[rr(name, 60, "A", "198.18.1.94")])

    srv = servers({ROOT: root, TLD: tld, DEAD: lambda *a: None, GOOD: good})
    names = ["ns-dead.partly.test.", "ns-good.partly.test."]
    seed = next(s for s in range(50) if server_order(s, "partly.test.", names)[0] == names[0])
    rec, res = run(srv, "www.partly.test.", timeout=0.3, seed=seed)
    last_two = res.hops[-2:]
    assert [h.outcome for h in last_two] == ["timeout", "answer"]
    assert [h.address for h in last_two] == [DEAD, GOOD]
    assert res.outcome == "answer" and not res.unreachable
    # the same seed gives the same order again
    rec2, res2 = run(srv, "www.partly.test.", timeout=0.3, seed=seed)
    assert [h.address for h in res2.hops] == [h.address for h in res.hops]


def test_every_server_failing_makes_the_zone_unreachable(servers):
    def tld(transport, name, q):
        return reply(q, authority=[rr("gone.test.", 3600, "NS", "a.gone.test.", "b.gone.test.")],
                     additional=[rr("a.gone.test.", 3600, "A", DEAD), rr("b.gone.test.", 3600, "A", GOOD)])

    srv = servers({ROOT: root, TLD: tld, DEAD: lambda *a: None,
                   GOOD: lambda t, n, q: reply(q, rcode=dns.rcode.SERVFAIL)})
    rec, res = run(srv, "www.gone.test.", timeout=0.3)
    assert res.unreachable and res.outcome == "unreachable"
    f = next(f for f in res.findings if f.code == "dns.zone-unreachable")
    assert "gone.test." in f.message and "timeout" in f.message and "servfail" in f.message


def test_the_run_deadline_cuts_the_trace_and_says_so(servers):
    """--deadline: the waiting for a dead server ends with the run's deadline, nothing more is
    asked, and a finding says what was cut (the per-query timeout alone would wait 5 s each)."""
    def tld(transport, name, q):
        return reply(q, authority=[rr("slow.test.", 3600, "NS", "a.slow.test.", "b.slow.test.")],
                     additional=[rr("a.slow.test.", 3600, "A", DEAD), rr("b.slow.test.", 3600, "A", EVIL)])

    srv = servers({ROOT: root, TLD: tld, DEAD: lambda *a: None, EVIL: lambda *a: None})
    p = {"name": "www.slow.test.", "type": "A", "roots": [ROOT], "seed": 1, "port": srv.port}
    rec = collect(p, RunContext(timeout=5.0, deadline=1.0))
    res = analyze(rec)
    assert rec.events[-1].t - rec.events[0].t < 1.5  # not 5 s: the deadline shortened the wait
    assert len(rec.of_type(QuerySent)) == 3  # root, TLD, one of the dead servers; the other not asked
    assert res.outcome == "deadline" and rec.params["deadline"] == 1.0
    f = next(f for f in res.findings if f.code == "dns.deadline")
    assert f.severity == "error" and "1 s" in f.message and "1초" in f.message_ko
    assert "dns.zone-unreachable" not in [f.code for f in res.findings]


def test_truncated_over_udp_retried_over_tcp(servers):
    txt = [rr("big.test.", 300, "TXT", *[f'"{c * 200}"' for c in "abcdefgh"])]

    def tld(transport, name, q):
        if transport == "udp":
            return reply(q, aa=True, tc=True)
        return reply(q, aa=True, answer=txt)

    srv = servers({ROOT: root, TLD: tld})
    rec, res = run(srv, "big.test.", "TXT")
    assert [(h.transport, h.outcome) for h in res.hops[-2:]] == [("udp", "truncated"), ("tcp", "answer")]
    assert len(res.answer) == 8


def test_cname_loop_and_budget(servers):
    def tld(transport, name, q):
        other = "b.loop.test." if name == "a.loop.test." else "a.loop.test."
        return reply(q, aa=True, answer=[rr(name, 60, "CNAME", other)])

    srv = servers({ROOT: root, TLD: tld})
    rec, res = run(srv, "a.loop.test.")
    assert res.outcome == "loop" and "dns.cname-loop" in [f.code for f in res.findings]
    rec, res = run(srv, "a.loop.test.", budget=1)
    assert res.outcome == "budget" and "dns.budget-exhausted" in [f.code for f in res.findings]
    assert len(rec.of_type(QuerySent)) == 1


def test_events_use_the_injected_clock(servers):
    srv = servers({ROOT: root, TLD: lambda t, n, q: reply(q, aa=True, answer=[rr(n, 60, "A", "198.18.9.9")])})
    ticks = itertools.count()
    rec = collect({"name": "x.test.", "type": "A", "roots": [ROOT], "seed": 0, "port": srv.port},
                  RunContext(timeout=1.0, clock=lambda: 1000.0 + next(ticks) * 0.001))
    assert all(e.t >= 1000.0 for e in rec.events)
    assert analyze(rec).outcome == "answer"


def test_glueless_dependency_loop(servers):
    """loopy.test is served by ns.loopy.test, with no glue: its address can only be found by
    asking loopy.test's server, which is what we are looking for."""
    def tld(transport, name, q):
        return reply(q, authority=[rr("loopy.test.", 3600, "NS", "ns.loopy.test.")])

    srv = servers({ROOT: root, TLD: tld})
    rec, res = run(srv, "www.loopy.test.")
    assert res.unreachable
    assert "dns.dependency-loop" in [f.code for f in res.findings]
    sub = [w for w in res.walks if w.purpose == "ns-address"]
    assert sub and sub[0].qname == "ns.loopy.test." and sub[0].depth == 1
    assert len(rec.of_type(QuerySent)) < 10


def test_glueless_servers_looked_up_in_parallel(servers):
    """multi.test has two name servers, both named under far.test and given without glue: both
    addresses are looked up at the same time, and the seeded first one is asked."""
    def tld(transport, name, q):
        if name.endswith("far.test."):
            time.sleep(0.03)  # a slow answer, so that the two look-ups visibly overlap
            return reply(q, authority=[rr("far.test.", 3600, "NS", "ns.far.test.")],
                         additional=[rr("ns.far.test.", 3600, "A", AUTH)])
        return reply(q, authority=[rr("multi.test.", 3600, "NS", "ns1.far.test.", "ns2.far.test.")])

    def far(transport, name, q):
        addr = {"ns1.far.test.": DEAD, "ns2.far.test.": GOOD}.get(name)
        if addr and dns.rdatatype.to_text(q.question[0].rdtype) == "A":
            return reply(q, aa=True, answer=[rr(name, 60, "A", addr)])
        return reply(q, aa=True, authority=[rr("far.test.", 60, "SOA", "ns.far.test. h.far.test. 1 1 1 1 60")])

    def good(transport, name, q):
        return reply(q, aa=True, answer=[rr(name, 60, "A", "198.18.7.7")])

    srv = servers({ROOT: root, TLD: tld, AUTH: far, DEAD: lambda *a: None, GOOD: good})
    names = ["ns1.far.test.", "ns2.far.test."]
    seed = next(s for s in range(50) if server_order(s, "multi.test.", names)[0] == names[1])
    rec, res = run(srv, "www.multi.test.", timeout=0.3, seed=seed)
    subs = [w for w in res.walks if w.purpose == "ns-address"]
    assert {w.qname for w in subs} == set(names)
    starts = sorted(w.t_start_ms for w in subs)
    first_end = min(w.t_end_ms for w in subs)
    assert starts[1] < first_end  # the second look-up began before the first one ended: in parallel
    main = [h for h in res.hops if h.walk == 1]
    assert res.outcome == "answer" and main[-1].address == GOOD and main[-1].server == "ns2.far.test."
    assert not res.unreachable and "dns.zone-unreachable" not in [f.code for f in res.findings]


def test_root_hints_file_and_where_the_trace_starts():
    import ipaddress

    from netlab.probes.dns_trace.collect import load_root_hints, root_servers
    from netlab.sandbox.context import SandboxInfo

    hints = load_root_hints()
    assert [h["name"] for h in hints] == [f"{c}.root-servers.net." for c in "abcdefghijklm"]
    for h in hints:
        assert ipaddress.ip_address(h["ipv4"]).version == 4 and ipaddress.ip_address(h["ipv6"]).version == 6
    assert {"name": "a.root-servers.net.", "address": "198.41.0.4"} in root_servers({}, RunContext())[1]
    assert root_servers({}, RunContext())[0] == "live"
    sb = SandboxInfo(name="x", roots=[{"name": "a.root-servers.net.", "ipv4": "198.18.1.4", "ipv6": "2001:db8:1::4"}],
                     resolver="198.18.0.53")
    mode, roots = root_servers({}, RunContext(sandbox=sb))
    assert mode == "sandbox" and [r["address"] for r in roots] == ["198.18.1.4", "2001:db8:1::4"]
    mode, roots = root_servers({"roots": ["198.18.1.5"]}, RunContext(sandbox=sb))
    assert mode == "roots" and roots == [{"name": "198.18.1.5", "address": "198.18.1.5"}]


def test_budget_runs_out_inside_a_subtrace(servers):
    def tld(transport, name, q):
        if name.endswith("far.test."):
            return reply(q, authority=[rr("far.test.", 3600, "NS", "ns.far.test.")],
                         additional=[rr("ns.far.test.", 3600, "A", AUTH)])
        return reply(q, authority=[rr("one.test.", 3600, "NS", "ns1.far.test.")])

    def auth(transport, name, q):  # serves far.test (its own name) and one.test
        return reply(q, aa=True, answer=[rr(name, 60, "A", AUTH if name == "ns1.far.test." else "198.18.7.7")])

    srv = servers({ROOT: root, TLD: tld, AUTH: auth})
    rec, res = run(srv, "www.one.test.", budget=3)
    assert len(rec.of_type(QuerySent)) == 3
    assert res.outcome == "budget" and "dns.budget-exhausted" in [f.code for f in res.findings]
    assert "dns.zone-unreachable" not in [f.code for f in res.findings]
    rec, res = run(srv, "www.one.test.")  # with the default budget it resolves
    assert res.outcome == "answer" and [r["data"] for r in res.answer] == ["198.18.7.7"]


def test_glueless_nesting_is_bounded(servers):
    """z1.test is served by ns.z2.test, z2.test by ns.z3.test, ... never any glue: each address
    needs one more nested look-up, and the tracer stops at its depth limit."""
    def tld(transport, name, q):
        zone = next(label for label in name.split(".") if label.startswith("z"))
        k = int(zone[1:])
        return reply(q, authority=[rr(f"{zone}.test.", 60, "NS", f"ns.z{k + 1}.test.")])

    srv = servers({ROOT: root, TLD: tld})
    rec, res = run(srv, "www.z1.test.")
    assert res.unreachable
    assert "dns.depth-exceeded" in [f.code for f in res.findings]
    assert max(w.depth for w in res.walks) == 4
    assert len(rec.of_type(QuerySent)) < 30


def test_formerr_to_edns_retries_without_edns(servers):
    def old_server(transport, name, q):
        if q.edns >= 0:
            return reply(q, rcode=dns.rcode.FORMERR)
        return reply(q, aa=True, answer=[rr(name, 60, "A", "198.18.9.9")])

    srv = servers({ROOT: root, TLD: old_server})
    rec, res = run(srv, "old.test.")
    first, second = res.hops[-2:]
    assert (first.rcode, first.outcome) == ("FORMERR", "error") and "EDNS" in first.reason
    assert second.retry_of == first.query and second.attempt == 2 and second.outcome == "answer"
    assert second.edns_size is None  # asked without EDNS
    assert res.outcome == "answer"
