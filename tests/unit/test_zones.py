"""The default scenario's zone files: each valid for NSD, and together one consistent namespace.

Checks, without starting any server:
- nsd-checkzone accepts every zone file (the server's own parser; skipped when nsd is missing);
- every zone a host serves has a file, and every file is served by some host;
- each zone is delegated from its parent, to exactly the servers that serve it (except the
  deliberately lame delegations), and the child's apex NS set agrees with the parent's;
- every glue record and every address of a scenario host's name matches default.toml;
- in-bailiwick name servers have glue, and out-of-bailiwick ones have none (glueless);
- the teaching cases are what they claim (answered by walking the zone data from the root):
  the cross-zone CNAME chain, the CNAME loop, NXDOMAIN, NODATA, the big TXT, and so on.
"""

from __future__ import annotations

import ipaddress
import shutil
import subprocess
import tomllib
from pathlib import Path

import dns.message
import dns.name
import dns.rdataclass
import dns.rdatatype
import dns.rrset
import dns.zone
import pytest

DATA = Path(__file__).resolve().parents[2] / "netlab" / "sandbox" / "data"
ZONES_DIR = DATA / "zones"
SCENARIO = tomllib.loads((DATA / "default.toml").read_text(encoding="utf-8"))

# Delegations that are lame on purpose: the named server does not serve the zone.
LAME = {"lame.lab.test.", "refloop.lab.test."}

SANDBOX_V4 = ipaddress.ip_network("198.18.0.0/15")
SANDBOX_V6 = ipaddress.ip_network("2001:db8::/32")

A, AAAA, NS, CNAME, SOA, TXT = (
    dns.rdatatype.from_text(t) for t in ("A", "AAAA", "NS", "CNAME", "SOA", "TXT")
)


def _name(text: str) -> dns.name.Name:
    return dns.name.from_text(text if text.endswith(".") else text + ".")


def _zone_key(zone: str) -> str:
    return "." if zone.strip(".") == "" else zone.rstrip(".").lower() + "."


def _file_for(zone: str) -> Path:
    z = zone.strip(".").lower()
    return ZONES_DIR / ("root.zone" if not z else f"{z}.zone")


def served_by() -> dict[str, set[str]]:
    """zone ('naver.com.') -> names of the hosts whose nsd serves it."""
    out: dict[str, set[str]] = {}
    for h in SCENARIO["hosts"]:
        for s in h.get("services", []):
            if s.get("type") == "nsd":
                for z in s.get("zones", []):
                    out.setdefault(_zone_key(z), set()).add(h["name"])
    return out


HOSTS = {h["name"]: h for h in SCENARIO["hosts"]}
SERVED = served_by()


def host_addresses(h: dict) -> tuple[set[str], set[str]]:
    v4 = {i["ipv4"] for i in h["interfaces"] if i.get("ipv4")}
    v6 = {str(ipaddress.ip_address(i["ipv6"])) for i in h["interfaces"] if i.get("ipv6")}
    return v4, v6


FQDN_HOST = {_name(h["fqdn"]): h for h in SCENARIO["hosts"] if h.get("fqdn")}
# hosts by IPv4 address: a name server may have a name of its own (ns.partly.lab.test runs on
# the ns-faraway host); the glue's address says which host it is
ADDR_HOST = {i["ipv4"]: h for h in SCENARIO["hosts"] for i in h.get("interfaces", []) if i.get("ipv4")}


def load_zones() -> dict[dns.name.Name, dns.zone.Zone]:
    zones = {}
    for zone in SERVED:
        origin = _name(zone)
        zones[origin] = dns.zone.from_file(str(_file_for(zone)), origin=origin, relativize=False)
    return zones


ZONES = load_zones()


def _server_aliases() -> None:
    """A name server may have a name that is no host's fqdn (ns.partly.lab.test runs on the
    ns-faraway host): its A records, with the address of a host that serves the zone, say which
    host it is.  Such names join FQDN_HOST."""
    for zone in ZONES.values():
        for name, rds in zone.iterate_rdatasets(dns.rdatatype.A):
            if name in FQDN_HOST:
                continue
            fq = name.derelativize(zone.origin)
            hosts = {ADDR_HOST[r.address]["name"] for r in rds if r.address in ADDR_HOST}
            is_ns = any(fq in {r.target for r in nrds} for z in ZONES.values()
                        for _, nrds in z.iterate_rdatasets(NS))
            if is_ns and len(hosts) == 1:
                FQDN_HOST[fq] = ADDR_HOST[next(r.address for r in rds if r.address in ADDR_HOST)]


_server_aliases()


def zone_cuts(zone: dns.zone.Zone) -> dict[dns.name.Name, dns.rrset.RRset]:
    """Delegations inside a zone: owner (below the apex) -> NS RRset."""
    cuts = {}
    for name, node in zone.nodes.items():
        if name != zone.origin:
            rds = node.get_rdataset(dns.rdataclass.IN, NS)
            if rds is not None:
                cuts[name] = rds
    return cuts


def below_cut(zone: dns.zone.Zone, name: dns.name.Name) -> bool:
    return any(name.is_subdomain(c) for c in zone_cuts(zone))


def parent_zone(origin: dns.name.Name) -> dns.zone.Zone | None:
    best = None
    for o, z in ZONES.items():
        if o != origin and origin.is_subdomain(o) and (best is None or len(o) > len(best.origin)):
            best = z
    return best


# --------------------------------------------------------------------------- files and servers


@pytest.mark.parametrize("zone", sorted(SERVED))
def test_nsd_checkzone_accepts(zone):
    checkzone = shutil.which("nsd-checkzone") or shutil.which("nsd-checkzone", path="/usr/sbin")
    if not checkzone:
        pytest.skip("nsd-checkzone not installed (apt-get install nsd)")
    r = subprocess.run([checkzone, zone, str(_file_for(zone))], capture_output=True, text=True, timeout=30)
    assert r.returncode == 0, r.stdout + r.stderr


def test_every_served_zone_has_a_file_and_every_file_is_served():
    missing = [z for z in SERVED if not _file_for(z).is_file()]
    assert not missing, f"zones without a file: {missing}"
    files = {p.name for p in ZONES_DIR.glob("*.zone")}
    served_files = {_file_for(z).name for z in SERVED}
    assert files - served_files == set(), f"zone files no host serves: {files - served_files}"


def test_every_dns_host_serves_something_and_has_a_name():
    for h in SCENARIO["hosts"]:
        if h["role"] in ("dns-root", "dns-tld", "dns-auth"):
            assert h.get("fqdn"), h["name"]
            zones = [z for s in h.get("services", []) if s.get("type") == "nsd" for z in s.get("zones", [])]
            assert zones, f"{h['name']} runs no nsd zone"


def test_roots_serve_the_root_zone():
    roots = {h["name"] for h in SCENARIO["hosts"] if h["role"] == "dns-root"}
    assert len(roots) >= 3
    assert SERVED["."] == roots


# ------------------------------------------------------------------------- delegation structure


def test_every_zone_is_delegated_from_its_parent_to_its_servers():
    for origin, zone in ZONES.items():
        if origin == dns.name.root:
            continue
        parent = parent_zone(origin)
        assert parent is not None, f"{origin} has no parent zone in the sandbox"
        node = parent.get_node(origin)
        rds = node.get_rdataset(dns.rdataclass.IN, NS) if node else None
        assert rds is not None, f"{parent.origin} does not delegate {origin}"
        # no deeper zone of ours sits between parent and child (the chain is unbroken)
        assert not below_cut(parent, origin.parent()) or origin.parent() == parent.origin, origin
        parent_ns = {r.target for r in rds}
        child_ns = {r.target for r in zone.get_rdataset(origin, NS)}
        assert parent_ns == child_ns, f"{origin}: parent says {parent_ns}, child says {child_ns}"
        servers = {FQDN_HOST[t]["name"] for t in parent_ns if t in FQDN_HOST}
        assert servers == SERVED[origin.to_text()], (
            f"{origin}: NS {parent_ns} vs hosts {SERVED[origin.to_text()]}"
        )


def test_root_delegates_the_tlds():
    root = ZONES[dns.name.root]
    tlds = {n.to_text() for n in zone_cuts(root)}
    assert {"com.", "net.", "kr.", "test."} <= tlds
    for n, rds in zone_cuts(root).items():
        assert rds.ttl == 172800, n
    assert root.get_rdataset(dns.name.root, NS).ttl == 518400


def test_lame_delegations_are_really_lame():
    for lame in LAME:
        name = _name(lame)
        parent = parent_zone(name)
        rds = parent.get_rdataset(name, NS)
        assert rds is not None, lame
        assert lame not in SERVED, f"{lame} is served by someone, so it is not lame"
        for target in (r.target for r in rds):
            assert target in FQDN_HOST, f"{lame}: its server {target} is not a sandbox host"


def test_every_cut_leads_to_a_served_zone_or_a_lame_case():
    for origin, zone in ZONES.items():
        for cut in zone_cuts(zone):
            key = cut.to_text()
            assert key in SERVED or key in LAME, f"{origin} delegates {key}, which nobody serves"
            for target in (r.target for r in zone.get_rdataset(cut, NS)):
                assert target in FQDN_HOST, f"{key}: NS {target} is not the name of a sandbox host"


# ------------------------------------------------------------------------------ glue, addresses


def all_address_records():
    for origin, zone in ZONES.items():
        for name, node in zone.nodes.items():
            for rds in node.rdatasets:
                if rds.rdtype in (A, AAAA):
                    yield origin, zone, name, rds


def test_every_address_is_inside_the_sandbox_ranges():
    for origin, _zone, name, rds in all_address_records():
        for r in rds:
            addr = ipaddress.ip_address(r.address)
            net = SANDBOX_V4 if addr.version == 4 else SANDBOX_V6
            assert addr in net, f"{name} in {origin}: {addr} is outside {net}"


def test_every_record_for_a_host_name_matches_the_scenario():
    """Glue and authoritative addresses of every scenario host's name agree with default.toml."""
    for origin, _zone, name, rds in all_address_records():
        host = FQDN_HOST.get(name)
        if host is None:
            continue
        v4, v6 = host_addresses(host)
        got = {str(ipaddress.ip_address(r.address)) for r in rds}
        want = v4 if rds.rdtype == A else v6
        assert got == want, f"{name} in {origin}: {got} but host {host['name']} has {want}"


def test_in_bailiwick_servers_have_glue_and_out_of_bailiwick_have_none():
    for origin, zone in ZONES.items():
        for cut, rds in zone_cuts(zone).items():
            for target in (r.target for r in rds):
                node = zone.get_node(target)
                has_glue = node is not None and any(x.rdtype in (A, AAAA) for x in node.rdatasets)
                if target.is_subdomain(origin):
                    v4, v6 = host_addresses(FQDN_HOST[target])
                    assert has_glue, f"{origin}: {cut} -> {target} needs glue"
                    if v4:
                        assert node.get_rdataset(dns.rdataclass.IN, A) is not None, target
                    if v6:
                        assert node.get_rdataset(dns.rdataclass.IN, AAAA) is not None, target
                else:
                    assert not has_glue, f"{origin} holds out-of-zone data for {target}"


def test_glueless_delegation_really_has_no_glue():
    lab = ZONES[_name("lab.test")]
    targets = {r.target for r in lab.get_rdataset(_name("glueless.lab.test"), NS)}
    assert targets == {_name("ns1.faraway-dns.net")}
    assert lab.get_node(_name("ns1.faraway-dns.net")) is None
    # ... and its server's name is reachable through another TLD, with glue there
    net = ZONES[_name("net")]
    assert net.get_rdataset(_name("ns1.faraway-dns.net"), A) is not None


def test_every_host_name_resolves_to_its_addresses():
    """Every scenario host with an fqdn (servers, resolver, web and lab hosts) is in DNS."""
    for h in SCENARIO["hosts"]:
        if not h.get("fqdn"):
            continue
        if any(_name(h["fqdn"]).is_subdomain(_name(lame)) for lame in LAME):
            continue  # only the parent's glue knows it (the zone that should hold it is lame)
        v4, v6 = host_addresses(h)
        hint = f"host {h['name']}: add {h['fqdn']} to the zone files in netlab/sandbox/data/zones"
        assert walk(h["fqdn"], "A")[1] == v4, hint
        assert walk(h["fqdn"], "AAAA")[1] == v6, hint


def test_soa_negative_ttls_are_sensible():
    for origin, zone in ZONES.items():
        soa = zone.get_rdataset(origin, SOA)[0]
        assert 60 <= soa.minimum <= 86400, f"{origin}: negative TTL {soa.minimum}"
        assert soa.mname in FQDN_HOST, f"{origin}: SOA MNAME {soa.mname} is not a sandbox server"


# ---------------------------------------------------------------------------------- a tiny walk


def walk(qname: str, qtype: str, limit: int = 16) -> tuple[str, set[str], list[str]]:
    """Answer from the zone files alone, as an iterative resolver would: start at the root, follow
    delegations to the zone that holds the name, follow CNAMEs across zones.
    Returns (status, values, chain of CNAME owners) with status NOERROR, NXDOMAIN, NODATA or LOOP."""
    name = _name(qname)
    rdtype = dns.rdatatype.from_text(qtype)
    chain: list[str] = []
    for _ in range(limit):
        zone = ZONES[dns.name.root]
        while True:  # descend through the cuts
            cut = next((c for c in zone_cuts(zone) if name.is_subdomain(c)), None)
            if cut is None:
                break
            assert cut in ZONES, f"delegation to {cut}, which is lame or unserved"
            zone = ZONES[cut]
        node = zone.get_node(name)
        if node is None:
            # an empty non-terminal exists if some name below it exists
            if any(n.is_subdomain(name) for n in zone.nodes):
                return "NODATA", set(), chain
            return "NXDOMAIN", set(), chain
        rds = node.get_rdataset(dns.rdataclass.IN, rdtype)
        if rds is not None:
            return "NOERROR", {r.to_text() for r in rds}, chain
        cname = node.get_rdataset(dns.rdataclass.IN, CNAME)
        if cname is None:
            return "NODATA", set(), chain
        if name.to_text() in chain:
            return "LOOP", set(), chain
        chain.append(name.to_text())
        name = cname[0].target
    return "LOOP", set(), chain


@pytest.mark.parametrize(
    ("qname", "qtype", "status", "values"),
    [
        ("www.naver.com", "A", "NOERROR", {"198.18.1.100"}),
        ("www.naver.com", "AAAA", "NOERROR", {"2001:db8:1::100"}),
        ("naver.com", "A", "NOERROR", {"198.18.1.100"}),
        ("www.google.com", "A", "NOERROR", {"198.18.1.101"}),
        ("www.google.com", "AAAA", "NOERROR", {"2001:db8:1::101"}),
        ("example.com", "A", "NOERROR", {"198.18.1.102"}),
        ("www.example.com", "AAAA", "NOERROR", {"2001:db8:1::102"}),
        ("chain.lab.test", "A", "NOERROR", {"198.18.1.100"}),
        ("tcp.lab.test", "A", "NOERROR", {"198.18.1.110"}),
        ("tcp.lab.test", "AAAA", "NOERROR", {"2001:db8:1::110"}),
        ("v6only.lab.test", "AAAA", "NOERROR", {"2001:db8:1::100"}),
        ("v6only.lab.test", "A", "NODATA", set()),
        ("nothing.lab.test", "A", "NXDOMAIN", set()),
        ("loop1.lab.test", "A", "LOOP", set()),
        ("www.glueless.lab.test", "A", "NOERROR", {"198.18.1.93"}),
        ("www.partly.lab.test", "A", "NOERROR", {"198.18.1.90"}),
        ("a.root-servers.net", "AAAA", "NOERROR", {"2001:db8:1::4"}),
        ("xn--950bt9s8xi.com", "A", "NOERROR", {"198.18.1.100"}),
        ("xn--bj0bj06e.kr", "A", "NOERROR", {"198.18.1.90"}),
        ("expired.badtls.test", "A", "NOERROR", {"198.18.1.120"}),
        ("no-such-tld", "A", "NXDOMAIN", set()),
    ],
)
def test_teaching_names_resolve_from_the_zone_data(qname, qtype, status, values):
    got_status, got_values, _ = walk(qname, qtype)
    assert (got_status, got_values) == (status, values)


def test_www_naver_com_is_a_cname_into_another_zone():
    status, _, chain = walk("www.naver.com", "A")
    assert status == "NOERROR" and chain == ["www.naver.com."]
    naver = ZONES[_name("naver.com")]
    target = naver.get_rdataset(_name("www.naver.com"), CNAME)[0].target
    assert not target.is_subdomain(naver.origin) and target.is_subdomain(_name("nheos.com"))


def test_chain_leaves_the_teaching_zone():
    status, _, chain = walk("chain.lab.test", "AAAA")
    assert status == "NOERROR"
    assert chain == ["chain.lab.test.", "alias2.lab.test.", "www.naver.com."]


def test_big_txt_is_truncated_at_1232_but_fits_tcp():
    status, _, _ = walk("bigtxt.lab.test", "TXT")
    assert status == "NOERROR"
    rds = ZONES[_name("lab.test")].get_rdataset(_name("bigtxt.lab.test"), TXT)
    assert len(rds) >= 2 and all(len(s) <= 255 for r in rds for s in r.strings)
    reply = dns.message.make_response(dns.message.make_query("bigtxt.lab.test.", "TXT", use_edns=0))
    reply.answer.append(dns.rrset.from_rdata_list(_name("bigtxt.lab.test"), rds.ttl, list(rds)))
    size = len(reply.to_wire(max_size=65535))
    assert 1232 < size < 65535, size
