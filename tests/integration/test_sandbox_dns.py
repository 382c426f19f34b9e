"""The sandbox's DNS, checked with dig (an independent client) run inside the sandbox.

The zone files are the specification: every delegation written in them must come back from every
server of the parent zone as a referral (no AA, the same NS set, the glue written there); every
server answers its own zones with AA; the resolver on the client's side resolves names from the
sandbox's roots; the teaching cases (big TXT, lame, dead, half-dead) behave as advertised.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import dns.name
import dns.rdataclass
import dns.rdatatype
import dns.zone
import pytest

pytestmark = pytest.mark.integration

ZONES_DIR = Path(__file__).resolve().parents[2] / "netlab" / "sandbox" / "data" / "zones"
DEAD_HOST = "ns-dead"


@pytest.fixture(scope="module", autouse=True)
def _need_dig():
    if not shutil.which("dig"):
        pytest.skip("dig is not installed (apt-get install bind9-dnsutils)")


# ------------------------------------------------------------------------------------ dig output


@dataclass
class Dig:
    rc: int
    text: str
    status: str | None = None
    flags: set[str] = field(default_factory=set)
    sections: dict[str, list[tuple[str, int, str, str]]] = field(default_factory=dict)

    def rrs(self, section: str, rtype: str | None = None) -> list[tuple[str, int, str, str]]:
        return [r for r in self.sections.get(section, []) if rtype is None or r[2] == rtype]

    def data(self, section: str, rtype: str) -> set[str]:
        return {r[3] for r in self.rrs(section, rtype)}


_SECTION = re.compile(r"^;; (ANSWER|AUTHORITY|ADDITIONAL) SECTION:")


def parse_dig(rc: int, text: str) -> Dig:
    d = Dig(rc=rc, text=text)
    m = re.search(r"status: (\w+)", text)
    d.status = m.group(1) if m else None
    m = re.search(r";; flags: ([a-z ]*);", text)
    d.flags = set(m.group(1).split()) if m else set()
    current = None
    for line in text.splitlines():
        sm = _SECTION.match(line)
        if sm:
            current = sm.group(1)
            d.sections[current] = []
            continue
        if not line.strip() or line.startswith(";"):
            if not line.strip():
                current = None
            continue
        if current:
            name, ttl, _cls, rtype, rdata = line.split(None, 4)
            d.sections[current].append((name.lower(), int(ttl), rtype, rdata.strip()))
    return d


def dig(sb, *args: str, host: str = "client", timeout: float = 20) -> Dig:
    p = sb.exec(["dig", "+time=2", "+tries=2", *args], host=host, timeout=timeout)
    return parse_dig(p.returncode, p.stdout + p.stderr)


# ----------------------------------------------------------------------------- the specification


def _zone_file(zone: str) -> Path:
    return ZONES_DIR / ("root.zone" if zone in (".", "") else f"{zone.rstrip('.')}.zone")


def _scenario_hosts() -> dict:
    """Host name -> the scenario's Host (with its service specs); the fixture runs the default."""
    from netlab.sandbox import scenario

    return {h.name: h for h in scenario.load().hosts}


SPEC = _scenario_hosts()


def _zones_of(host: dict) -> list[str]:
    spec = SPEC[host["name"]]
    return [z for s in spec.services if s.get("type") == "nsd" for z in s.get("zones", [])]


def _load(zone: str) -> dns.zone.Zone:
    origin = dns.name.from_text(zone)
    return dns.zone.from_file(str(_zone_file(zone)), origin=origin, relativize=False)


def _addr(host: dict, family: int = 4) -> str:
    return host["ipv4"] if family == 4 else host["ipv6"]


def _nsd_hosts(sb) -> list[dict]:
    return [h for h in sb.state["hosts"] if _zones_of(h)]


def _delegations(zone: dns.zone.Zone):
    """(child, NS targets, glue {name: {"A": set, "AAAA": set}}) for each cut in the zone."""
    ns_t = dns.rdatatype.NS
    for name, node in zone.nodes.items():
        if name == zone.origin:
            continue
        rds = node.get_rdataset(dns.rdataclass.IN, ns_t)
        if rds is None:
            continue
        targets = {r.target.to_text().lower() for r in rds}
        glue = {}
        for t in targets:
            tnode = zone.get_node(dns.name.from_text(t))
            if tnode is None:
                continue
            glue[t] = {
                rt: {
                    r.to_text()
                    for r in (tnode.get_rdataset(dns.rdataclass.IN, dns.rdatatype.from_text(rt)) or [])
                }
                for rt in ("A", "AAAA")
            }
        yield name.to_text().lower(), targets, glue


# ------------------------------------------------------------------------------------------ tests


def test_every_nsd_host_has_its_service_running_and_logging(sandbox):
    hosts = _nsd_hosts(sandbox)
    assert len(hosts) >= 15
    for h in hosts:
        log = sandbox.state_dir / h["name"] / "nsd.log"
        text = log.read_text(errors="replace")
        for zone in _zones_of(h):
            z = "." if zone == "." else zone.rstrip(".") + "."
            assert f"zone {z} read with success" in text, f"{h['name']}: {zone} not loaded\n{text[-800:]}"
    assert (sandbox.state_dir / "resolver" / "root.hints").is_file()


def test_roots_refer_to_every_tld_with_glue(sandbox):
    roots = [h for h in sandbox.state["hosts"] if h["role"] == "dns-root"]
    assert len(roots) >= 3
    root = _load(".")
    cuts = list(_delegations(root))
    assert {c for c, _t, _g in cuts} >= {"com.", "net.", "kr.", "test."}
    for h in roots:
        for family in (4, 6):
            for child, targets, glue in cuts:
                d = dig(sandbox, "+norec", f"@{_addr(h, family)}", f"www.example.{child}", "A")
                where = f"{h['name']} (IPv{family}) for {child}"
                assert d.rc == 0 and d.status == "NOERROR", where + "\n" + d.text
                assert "aa" not in d.flags, where  # a referral is not an authoritative answer
                assert not d.rrs("ANSWER"), where
                assert {r[0] for r in d.rrs("AUTHORITY", "NS")} == {child}, where
                assert d.data("AUTHORITY", "NS") == targets, where
                for t, addrs in glue.items():
                    got_a = {r[3] for r in d.rrs("ADDITIONAL", "A") if r[0] == t}
                    got_aaaa = {r[3] for r in d.rrs("ADDITIONAL", "AAAA") if r[0] == t}
                    assert (got_a, got_aaaa) == (addrs["A"], addrs["AAAA"]), f"{where}: glue of {t}"


def test_every_delegation_comes_back_as_a_referral_from_every_parent_server(sandbox):
    """TLDs refer to the authoritative servers (and lab.test to its children), glue as written."""
    seen = 0
    for h in _nsd_hosts(sandbox):
        if h["name"] == DEAD_HOST or h["role"] == "dns-root":
            continue
        for zone in _zones_of(h):
            own = {z.rstrip(".") + "." for z in _zones_of(h)}
            for child, targets, glue in _delegations(_load(zone)):
                d = dig(sandbox, "+norec", f"@{_addr(h)}", f"www.{child}", "A")
                where = f"{h['name']} ({zone}) for {child}"
                if child in own:  # the same server serves the child too: it answers, with AA
                    assert "aa" in d.flags, where + "\n" + d.text
                    continue
                assert d.status == "NOERROR" and "aa" not in d.flags, where + "\n" + d.text
                assert d.data("AUTHORITY", "NS") == targets, where + "\n" + d.text
                for t, addrs in glue.items():
                    assert {r[3] for r in d.rrs("ADDITIONAL", "A") if r[0] == t} == addrs["A"], where
                    assert {r[3] for r in d.rrs("ADDITIONAL", "AAAA") if r[0] == t} == addrs["AAAA"], where
                if not glue:  # a glueless referral: the parent has no address to give
                    assert not [r for r in d.rrs("ADDITIONAL") if r[0] in targets], where + "\n" + d.text
                seen += 1
    assert seen >= 15


def test_com_refers_naver_com_to_its_servers(sandbox):
    """The chain the demo shows, spelled out: com -> ns1/ns2.naver.com with their glue."""
    gtld = sandbox.host("a-gtld")
    d = dig(sandbox, "+norec", f"@{gtld['ipv4']}", "naver.com", "A")
    assert d.status == "NOERROR" and "aa" not in d.flags
    assert d.data("AUTHORITY", "NS") == {"ns1.naver.com.", "ns2.naver.com."}
    ns1, ns2 = sandbox.host("ns1-naver"), sandbox.host("ns2-naver")
    assert d.data("ADDITIONAL", "A") == {ns1["ipv4"], ns2["ipv4"]}
    assert d.data("ADDITIONAL", "AAAA") == {ns1["ipv6"], ns2["ipv6"]}


def test_every_server_answers_its_own_zones_with_aa(sandbox):
    for h in _nsd_hosts(sandbox):
        if h["name"] == DEAD_HOST:
            continue
        for zone in _zones_of(h):
            z = _load(zone)
            soa = z.get_rdataset(z.origin, dns.rdatatype.SOA)[0]
            d = dig(sandbox, "+norec", f"@{_addr(h, 6)}", z.origin.to_text(), "SOA")
            where = f"{h['name']} for {zone}"
            assert d.status == "NOERROR" and "aa" in d.flags, where + "\n" + d.text
            (rr,) = d.rrs("ANSWER", "SOA")
            assert rr[3].split()[2] == str(soa.serial), where


@pytest.mark.parametrize(
    ("server", "qname", "qtype", "rtype", "expected"),
    [
        ("ns1-naver", "www.naver.com", "A", "CNAME", {"www.naver.com.nheos.com."}),
        ("ns2-naver", "naver.com", "AAAA", "AAAA", {"2001:db8:1::100"}),
        ("ns1-nheos", "www.naver.com.nheos.com", "A", "A", {"198.18.1.100"}),
        ("ns1-google", "www.google.com", "AAAA", "AAAA", {"2001:db8:1::101"}),
        ("a-iana", "example.com", "A", "A", {"198.18.1.102"}),
        ("ns1-lab", "tcp.lab.test", "A", "A", {"198.18.1.110"}),
        ("ns1-lab", "chain.lab.test", "A", "CNAME", {"alias2.lab.test.", "www.naver.com."}),
        ("ns1-lab", "expired.badtls.test", "A", "A", {"198.18.1.120"}),
        ("ns-faraway", "www.glueless.lab.test", "A", "A", {"198.18.1.93"}),
        ("a-root", "a.root-servers.net", "AAAA", "AAAA", {"2001:db8:1::4"}),
    ],
)
def test_authoritative_answers(sandbox, server, qname, qtype, rtype, expected):
    d = dig(sandbox, "+norec", f"@{sandbox.host(server)['ipv4']}", qname, qtype)
    assert d.status == "NOERROR" and "aa" in d.flags, d.text
    assert d.data("ANSWER", rtype) == expected, d.text


def test_nxdomain_and_nodata_from_the_authority(sandbox):
    lab = sandbox.host("ns1-lab")["ipv4"]
    d = dig(sandbox, "+norec", f"@{lab}", "nothing.lab.test", "A")
    assert d.status == "NXDOMAIN" and "aa" in d.flags
    (soa,) = d.rrs("AUTHORITY", "SOA")
    assert soa[3].split()[-1] == "300"  # the negative-caching TTL
    d = dig(sandbox, "+norec", f"@{lab}", "v6only.lab.test", "A")
    assert d.status == "NOERROR" and "aa" in d.flags and not d.rrs("ANSWER")


@pytest.mark.parametrize(
    ("qname", "qtype", "final"),
    [
        ("www.naver.com", "A", {"198.18.1.100"}),
        ("www.naver.com", "AAAA", {"2001:db8:1::100"}),
        ("naver.com", "A", {"198.18.1.100"}),
        ("www.google.com", "A", {"198.18.1.101"}),
        ("www.example.com", "AAAA", {"2001:db8:1::102"}),
        ("chain.lab.test", "A", {"198.18.1.100"}),
        ("www.glueless.lab.test", "A", {"198.18.1.93"}),
        ("www.partly.lab.test", "A", {"198.18.1.90"}),
        ("xn--950bt9s8xi.com", "A", {"198.18.1.100"}),
        ("xn--bj0bj06e.kr", "AAAA", {"2001:db8:1::90"}),
        ("tcp.lab.test", "AAAA", {"2001:db8:1::110"}),
        ("ns1.faraway-dns.net", "A", {"198.18.1.93"}),
    ],
)
def test_resolver_resolves_end_to_end(sandbox, qname, qtype, final):
    # plain `dig NAME`: the client's /etc/resolv.conf points at the sandbox's resolver
    d = dig(sandbox, qname, qtype)
    assert d.status == "NOERROR", d.text
    assert {"rd", "ra"} <= d.flags and "aa" not in d.flags, d.text  # a recursive, cached answer
    assert d.data("ANSWER", qtype) == final, d.text
    assert f"SERVER: {sandbox.info.resolver}#53" in d.text


def test_resolver_follows_www_naver_com_across_zones(sandbox):
    d = dig(sandbox, f"@{sandbox.info.resolver}", "www.naver.com", "A")
    assert d.status == "NOERROR"
    assert d.rrs("ANSWER", "CNAME")[0][0] == "www.naver.com."
    assert d.data("ANSWER", "CNAME") == {"www.naver.com.nheos.com."}
    assert {(r[0], r[3]) for r in d.rrs("ANSWER", "A")} == {("www.naver.com.nheos.com.", "198.18.1.100")}


def test_resolver_negative_answers(sandbox):
    d = dig(sandbox, "nothing.lab.test", "A")
    assert d.status == "NXDOMAIN"
    d = dig(sandbox, "v6only.lab.test", "A")
    assert d.status == "NOERROR" and not d.rrs("ANSWER")
    d = dig(sandbox, "no-such-tld", "A")
    assert d.status == "NXDOMAIN"
    d = dig(sandbox, "loop1.lab.test", "A")
    assert d.status == "SERVFAIL"  # the resolver gives up on the CNAME loop


def test_resolver_starts_from_the_sandbox_roots(sandbox):
    d = dig(sandbox, ".", "NS")
    assert d.status == "NOERROR"
    assert (
        d.data("ANSWER", "NS")
        == {r["name"] for r in sandbox.info.roots}
        == {
            "a.root-servers.net.",
            "b.root-servers.net.",
            "c.root-servers.net.",
        }
    )


def test_big_txt_is_truncated_over_udp_and_whole_over_tcp(sandbox):
    lab = sandbox.host("ns1-lab")["ipv4"]
    z = _load("lab.test")
    want = {r.to_text() for r in z.get_rdataset(dns.name.from_text("bigtxt.lab.test."), dns.rdatatype.TXT)}
    udp = dig(sandbox, "+norec", "+ignore", "+bufsize=1232", f"@{lab}", "bigtxt.lab.test", "TXT")
    assert udp.status == "NOERROR" and "tc" in udp.flags, udp.text
    assert len(udp.rrs("ANSWER", "TXT")) < len(want)
    assert "(UDP)" in udp.text
    tcp = dig(sandbox, "+norec", "+tcp", f"@{lab}", "bigtxt.lab.test", "TXT")
    assert tcp.status == "NOERROR" and "tc" not in tcp.flags and "aa" in tcp.flags, tcp.text
    assert tcp.data("ANSWER", "TXT") == want
    assert "(TCP)" in tcp.text
    size = int(re.search(r"MSG SIZE\s+rcvd: (\d+)", tcp.text).group(1))
    assert size > 1232
    # without +ignore dig itself retries over TCP after the TC bit, as a resolver does
    retry = dig(sandbox, "+norec", "+bufsize=1232", f"@{lab}", "bigtxt.lab.test", "TXT")
    assert "Truncated, retrying in TCP mode" in retry.text and retry.data("ANSWER", "TXT") == want
    # and through the resolver
    via = dig(sandbox, "bigtxt.lab.test", "TXT")
    assert via.data("ANSWER", "TXT") == want


def test_lame_server_answers_refused(sandbox):
    lame = sandbox.host("ns-lame")["ipv4"]
    d = dig(sandbox, "+norec", f"@{lame}", "www.lame.lab.test", "A")
    assert d.rc == 0 and d.status == "REFUSED" and "aa" not in d.flags, d.text
    # ... while the parent keeps pointing at it
    parent = dig(sandbox, "+norec", f"@{sandbox.host('ns1-lab')['ipv4']}", "www.lame.lab.test", "A")
    assert parent.data("AUTHORITY", "NS") == {"ns.lame.lab.test."}
    assert parent.data("ADDITIONAL", "A") == {lame}
    # and it is alive: it answers the zone it really serves
    own = dig(sandbox, "+norec", f"@{lame}", "unrelated.test", "SOA")
    assert own.status == "NOERROR" and "aa" in own.flags


def test_dead_server_times_out(sandbox):
    dead = sandbox.host(DEAD_HOST)
    # four queries at once (UDP and TCP, IPv4 and IPv6), each allowed one second
    runs = {}
    t0 = time.monotonic()
    for addr in (dead["ipv4"], dead["ipv6"]):
        for transport in ("+notcp", "+tcp"):
            argv = ["dig", "+norec", transport, "+time=1", "+tries=1", f"@{addr}", "www.dead.lab.test", "A"]
            runs[(addr, transport)] = sandbox.popen(
                argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
            )
    for key, p in runs.items():
        out, _ = p.communicate(timeout=20)
        assert p.returncode == 9, f"{key}: {out}"  # dig: no reply from server
        assert "timed out" in out and "refused" not in out.lower(), f"{key}: {out}"  # swallowed, not refused
    assert time.monotonic() - t0 >= 0.9
    # The server itself runs and answers inside its own host: it is the link that drops DNS.
    d = dig(sandbox, "+norec", f"@{dead['ipv4']}", "www.dead.lab.test", "A", host=DEAD_HOST)
    assert d.status == "NOERROR" and "aa" in d.flags and d.data("ANSWER", "A") == {dead["ipv4"]}


def test_half_dead_delegation_has_a_working_server(sandbox):
    # The parent refers to both servers (the live one with glue); it does not answer itself.
    parent = dig(sandbox, "+norec", f"@{sandbox.host('ns1-lab')['ipv4']}", "www.partly.lab.test", "A")
    assert parent.status == "NOERROR" and "aa" not in parent.flags
    assert parent.data("AUTHORITY", "NS") == {"ns.dead.lab.test.", "ns.partly.lab.test."}
    # The live server (on the ns-faraway host) answers with AA.
    live = dig(sandbox, "+norec", f"@{sandbox.host('ns-faraway')['ipv4']}", "www.partly.lab.test", "A")
    assert live.status == "NOERROR" and "aa" in live.flags and live.data("ANSWER", "A") == {"198.18.1.90"}
