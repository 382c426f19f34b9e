"""`netlab dns-trace` inside the default sandbox, for every teaching case of lab.test and friends.

Each test runs the real CLI in the sandbox's client host (`--json`), then checks the hops and the
final answer against what the scenario's zone files say (parsed here with dnspython's zone
reader, independently of the servers), and the final answer against `dig` run in the same
sandbox (through Unbound, or `+norec` straight at a server).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

ZONES = Path(__file__).resolve().parents[2] / "netlab" / "sandbox" / "data" / "zones"
REQUIRED_HOP_KEYS = {"zone", "server", "address", "transport", "rtt_ms", "rcode", "flags", "outcome"}


def zone_records(zone_file: str, origin: str) -> dict[tuple[str, str], list[str]]:
    """{(owner, TYPE): [rdata text, ...]} of one zone file."""
    import dns.zone

    z = dns.zone.from_file(str(ZONES / zone_file), origin=origin, relativize=False, check_origin=False)
    out: dict[tuple[str, str], list[str]] = {}
    for name, rdataset in z.iterate_rdatasets():
        import dns.rdatatype

        key = (name.to_text().lower(), dns.rdatatype.to_text(rdataset.rdtype))
        out.setdefault(key, []).extend(rd.to_text() for rd in rdataset)
    return out


def trace(sandbox, *args: str, expect_rc: int | tuple[int, ...] = 0) -> dict:
    r = sandbox.netlab("dns-trace", *args, "--json", timeout=90)
    ok = (expect_rc,) if isinstance(expect_rc, int) else expect_rc
    assert r.returncode in ok, f"exit {r.returncode}\nstdout: {r.stdout[-2000:]}\nstderr: {r.stderr[-2000:]}"
    data = json.loads(r.stdout)
    assert data["probe"] == "dns-trace"
    for h in data["hops"]:
        assert REQUIRED_HOP_KEYS <= set(h), f"hop lacks {REQUIRED_HOP_KEYS - set(h)}"
    return data


def dig(sandbox, *args: str) -> list[str]:
    # +time=10: through the resolver, a zone with a dead server (partly.lab.test) can cost Unbound
    # a timeout before it falls back.  dig reports such waits as ";; ..." lines: not data.
    r = sandbox.exec(["dig", "+short", "+time=10", "+tries=2", *args], timeout=60)
    assert r.returncode == 0, r.stderr
    return sorted(x.strip() for x in r.stdout.splitlines() if x.strip() and not x.startswith(";;"))


def dig_status(sandbox, *args: str) -> str:
    r = sandbox.exec(["dig", "+time=3", "+tries=1", *args], timeout=30)
    for line in r.stdout.splitlines():
        if "status:" in line:
            return line.split("status:")[1].split(",")[0].strip()
    return "no answer"


def main_hops(data: dict) -> list[dict]:
    main = {w["walk"] for w in data["walks"] if w["purpose"] in ("main", "cname")}
    return [h for h in data["hops"] if h["walk"] in main and not h["extra"]]


def codes(data: dict) -> set[str]:
    return {f["code"] for f in data["findings"]}


def data_of(data: dict, rtype: str) -> list[str]:
    return sorted(r["data"] for r in data["answer"] if r["type"] == rtype)


# ------------------------------------------------------------------------------------------------


def test_www_naver_com_cross_zone_cname(sandbox):
    d = trace(sandbox, "www.naver.com", "--seed", "1")
    assert d["outcome"] == "answer"
    hops = main_hops(d)
    assert [h["zone"] for h in hops] == [".", "com.", "naver.com.", "com.", "nheos.com."]
    assert [h["outcome"] for h in hops] == ["referral", "referral", "cname", "referral", "answer"]
    # referrals carry no AA; the authoritative answers do; nobody was asked for recursion
    assert all("aa" not in h["flags"] for h in hops if h["outcome"] == "referral")
    assert all("aa" in h["flags"] for h in hops if h["outcome"] in ("cname", "answer"))
    assert all(h["transport"] == "udp" and h["rcode"] == "NOERROR" and h["rtt_ms"] > 0 for h in hops)
    # each referral is the parent zone file's NS set, with its glue
    root = zone_records("root.zone", ".")
    com = zone_records("com.zone", "com.")
    assert sorted(hops[0]["referral"]["ns"]) == sorted(root[("com.", "NS")])
    assert sorted(hops[1]["referral"]["ns"]) == sorted(com[("naver.com.", "NS")])
    glue = {(g["name"], g["address"]) for g in hops[1]["referral"]["glue_used"]}
    for ns in com[("naver.com.", "NS")]:
        for a in com.get((ns, "A"), []):
            assert (ns, a) in glue
    assert hops[1]["referral"]["glue_ignored"] == []
    # the CNAME restart begins at com. (learnt in the first walk), not at the root
    cname_walk = next(w for w in d["walks"] if w["purpose"] == "cname")
    assert cname_walk["start_zone"] == "com." and cname_walk["qname"] == "www.naver.com.nheos.com."
    # answers: the zone files, then dig through the sandbox's resolver
    naver = zone_records("naver.com.zone", "naver.com.")
    nheos = zone_records("nheos.com.zone", "nheos.com.")
    assert naver[("www.naver.com.", "CNAME")] == ["www.naver.com.nheos.com."]
    assert d["cname_chain"] == ["www.naver.com.", "www.naver.com.nheos.com."]
    assert data_of(d, "A") == sorted(nheos[("www.naver.com.nheos.com.", "A")])
    assert data_of(d, "A") == [x for x in dig(sandbox, "www.naver.com", "A") if not x.endswith(".")]
    assert "dns.cname" in codes(d)


def test_cname_chain_leaving_the_zone(sandbox):
    d = trace(sandbox, "chain.lab.test", "--seed", "3")
    lab = zone_records("lab.test.zone", "lab.test.")
    assert d["cname_chain"][:3] == ["chain.lab.test.", lab[("chain.lab.test.", "CNAME")][0],
                                    lab[("alias2.lab.test.", "CNAME")][0]]
    assert d["cname_chain"][-1] == "www.naver.com.nheos.com."
    assert [w["purpose"] for w in d["walks"]] == ["main", "cname", "cname"]
    assert d["outcome"] == "answer"
    dug = dig(sandbox, "chain.lab.test", "A")
    assert data_of(d, "A") == [x for x in dug if not x.endswith(".")]
    assert sorted(r["data"] for r in d["answer"] if r["type"] == "CNAME") == sorted(x for x in dug if x.endswith("."))


def test_cname_loop_is_detected(sandbox):
    d = trace(sandbox, "loop1.lab.test")
    assert d["outcome"] == "loop"
    assert "dns.cname-loop" in codes(d)
    assert d["queries"] <= 4  # the loop is seen in the first authoritative response
    assert d["cname_chain"][0] == d["cname_chain"][-1] == "loop1.lab.test."
    lab = zone_records("lab.test.zone", "lab.test.")
    assert d["cname_chain"][1] == lab[("loop1.lab.test.", "CNAME")][0]
    assert dig_status(sandbox, "loop1.lab.test") == "SERVFAIL"  # Unbound gives up too


def test_glueless_delegation_nested_subtrace(sandbox):
    d = trace(sandbox, "glueless.lab.test", "--seed", "2")
    lab = zone_records("lab.test.zone", "lab.test.")
    assert lab[("glueless.lab.test.", "NS")] == ["ns1.faraway-dns.net."]
    ref = next(h for h in d["hops"] if h["referral"] and h["referral"]["zone"] == "glueless.lab.test.")
    assert ref["referral"]["glue_used"] == [] and ref["referral"]["glueless"] == ["ns1.faraway-dns.net."]
    sub = [w for w in d["walks"] if w["purpose"] == "ns-address"]
    assert sub and sub[0]["qname"] == "ns1.faraway-dns.net." and sub[0]["depth"] == 1
    assert sub[0]["for_zone"] == "glueless.lab.test."
    sub_hops = [h for h in d["hops"] if h["walk"] == sub[0]["walk"]]
    assert [h["zone"] for h in sub_hops] == [".", "net.", "faraway-dns.net."]
    assert all(h["depth"] == 1 for h in sub_hops)
    far = zone_records("faraway-dns.net.zone", "faraway-dns.net.")
    assert sub_hops[-1]["records"][0]["data"] == far[("ns1.faraway-dns.net.", "A")][0]
    last = main_hops(d)[-1]
    assert last["zone"] == "glueless.lab.test." and last["address"] == far[("ns1.faraway-dns.net.", "A")][0]
    # the sub-trace happened between the referral and the query it made possible
    assert ref["t_ms"] < sub_hops[0]["t_ms"] and sub_hops[-1]["t_ms"] < last["t_ms"]
    gl = zone_records("glueless.lab.test.zone", "glueless.lab.test.")
    assert data_of(d, "A") == sorted(gl[("glueless.lab.test.", "A")]) == dig(sandbox, "glueless.lab.test", "A")
    assert "dns.glueless" in codes(d)


def test_lame_delegation_refused(sandbox):
    d = trace(sandbox, "lame.lab.test", expect_rc=3)
    assert d["unreachable"] is True and d["outcome"] == "unreachable"
    last = d["hops"][-1]
    assert last["zone"] == "lame.lab.test." and last["outcome"] == "refused" and last["rcode"] == "REFUSED"
    assert {"dns.lame-delegation", "dns.zone-unreachable"} <= codes(d)
    msg = next(f["message"] for f in d["findings"] if f["code"] == "dns.zone-unreachable")
    assert "lame.lab.test." in msg and "ns.lame.lab.test." in msg and "refused" in msg
    # independent check: the server itself says REFUSED
    assert dig_status(sandbox, "+norec", "@198.18.1.91", "lame.lab.test") == "REFUSED"
    # and the sandbox's resolver (Unbound) cannot resolve it either
    assert dig_status(sandbox, "lame.lab.test") == "SERVFAIL"


def test_dead_server_times_out(sandbox):
    d = trace(sandbox, "dead.lab.test", "--timeout", "0.5", expect_rc=3)
    assert d["unreachable"] is True
    dead = [h for h in d["hops"] if h["zone"] == "dead.lab.test."]
    assert dead and all(h["outcome"] == "timeout" and h["rtt_ms"] is None for h in dead)
    msg = next(f["message"] for f in d["findings"] if f["code"] == "dns.zone-unreachable")
    assert "dead.lab.test." in msg and "timeout" in msg
    assert dig_status(sandbox, "+norec", "@198.18.1.92", "dead.lab.test") == "no answer"


def test_failover_to_the_next_server(sandbox):
    """Two 'roots', the dead one first by --seed: a timeout, then the live one answers."""
    from netlab.probes.dns_trace.collect import server_order

    roots = ["198.18.1.92", "198.18.1.4"]
    seed = next(s for s in range(100) if server_order(s, ".", roots)[0] == "198.18.1.92")
    d = trace(sandbox, "www.partly.lab.test", "--root", roots[0], "--root", roots[1], "--seed", str(seed),
              "--timeout", "0.5")
    hops = main_hops(d)
    assert hops[0]["address"] == "198.18.1.92" and hops[0]["outcome"] == "timeout"
    assert hops[1]["address"] == "198.18.1.4" and hops[1]["outcome"] == "referral"
    assert "dns.server-timeout" in codes(d) and not d["unreachable"]
    part = zone_records("partly.lab.test.zone", "partly.lab.test.")
    assert data_of(d, "A") == sorted(part[("www.partly.lab.test.", "A")]) == dig(sandbox, "www.partly.lab.test")


def test_half_dead_zone_falls_back_to_the_live_server(sandbox):
    """partly.lab.test: the seed makes the tracer ask the dead server first; it must move on."""
    from netlab.probes.dns_trace.collect import server_order

    names = ["ns.dead.lab.test.", "ns.partly.lab.test."]
    seed = next(s for s in range(200) if server_order(s, "partly.lab.test.", names)[0] == names[0])
    d = trace(sandbox, "www.partly.lab.test", "--seed", str(seed), "--timeout", "0.5")
    zone_hops = [h for h in main_hops(d) if h["zone"] == "partly.lab.test."]
    assert [h["outcome"] for h in zone_hops][:1] == ["timeout"], zone_hops
    assert zone_hops[-1]["address"] == "198.18.1.93" and zone_hops[-1]["outcome"] == "answer"
    assert not d["unreachable"]
    assert data_of(d, "A") == dig(sandbox, "www.partly.lab.test")


def test_same_seed_same_servers(sandbox):
    a = trace(sandbox, "www.naver.com", "--seed", "7")
    b = trace(sandbox, "www.naver.com", "--seed", "7")
    assert [h["address"] for h in a["hops"]] == [h["address"] for h in b["hops"]]


def test_truncated_udp_then_tcp(sandbox):
    d = trace(sandbox, "bigtxt.lab.test", "--type", "TXT")
    hops = main_hops(d)
    tc, retry = hops[-2], hops[-1]
    assert tc["outcome"] == "truncated" and "tc" in tc["flags"] and tc["transport"] == "udp"
    assert retry["transport"] == "tcp" and retry["attempt"] == 2 and retry["retry_of"] == tc["query"]
    assert retry["outcome"] == "answer" and retry["size"] > 1232
    lab = zone_records("lab.test.zone", "lab.test.")
    assert data_of(d, "TXT") == sorted(lab[("bigtxt.lab.test.", "TXT")])
    assert len(dig(sandbox, "+tcp", "bigtxt.lab.test", "TXT")) == len(lab[("bigtxt.lab.test.", "TXT")])
    assert "dns.truncated" in codes(d)


def test_nxdomain_is_a_result(sandbox):
    d = trace(sandbox, "nothing.lab.test")
    assert d["outcome"] == "nxdomain" and d["answer"] == [] and not d["unreachable"]
    assert d["hops"][-1]["rcode"] == "NXDOMAIN" and "aa" in d["hops"][-1]["flags"]
    lab = zone_records("lab.test.zone", "lab.test.")
    soa = lab[("lab.test.", "SOA")][0].split()
    assert d["negative"]["name"] == "lab.test." and d["negative"]["negative_ttl"] == min(int(soa[-1]), 3600)
    assert dig_status(sandbox, "nothing.lab.test") == "NXDOMAIN"
    assert "dns.nxdomain" in codes(d)


def test_nxdomain_from_the_root(sandbox):
    d = trace(sandbox, "www.naver.invalid")
    assert d["outcome"] == "nxdomain" and len(d["hops"]) == 1 and d["negative"]["name"] == "."


def test_nodata_and_aaaa(sandbox):
    d = trace(sandbox, "v6only.lab.test")
    assert d["outcome"] == "nodata" and d["hops"][-1]["rcode"] == "NOERROR" and d["answer"] == []
    assert dig(sandbox, "v6only.lab.test", "A") == []
    d6 = trace(sandbox, "v6only.lab.test", "--type", "AAAA")
    lab = zone_records("lab.test.zone", "lab.test.")
    assert data_of(d6, "AAAA") == lab[("v6only.lab.test.", "AAAA")] == dig(sandbox, "v6only.lab.test", "AAAA")


def test_referral_loop_is_detected(sandbox):
    d = trace(sandbox, "www.refloop.lab.test", expect_rc=3)
    assert "dns.referral-loop" in codes(d)
    assert any(h["outcome"] == "upward-referral" for h in d["hops"])


def test_idn_name(sandbox):
    d = trace(sandbox, "한글.kr")
    assert d["qname"] == "xn--bj0bj06e.kr." and d["qname_unicode"] == "한글.kr."
    z = zone_records("xn--bj0bj06e.kr.zone", "xn--bj0bj06e.kr.")
    assert data_of(d, "A") == sorted(z[("xn--bj0bj06e.kr.", "A")]) == dig(sandbox, "xn--bj0bj06e.kr", "A")
    assert "dns.idn" in codes(d)


def test_ipv6_only_and_tcp_only(sandbox):
    d6 = trace(sandbox, "www.naver.com", "-6")
    assert all(":" in h["address"] for h in d6["hops"]) and d6["outcome"] == "answer"
    dt = trace(sandbox, "naver.com", "--tcp")
    assert all(h["transport"] == "tcp" for h in dt["hops"]) and dt["outcome"] == "answer"
    naver = zone_records("naver.com.zone", "naver.com.")
    assert data_of(dt, "A") == sorted(naver[("naver.com.", "A")])


def test_no_follow_cname(sandbox):
    d = trace(sandbox, "www.naver.com", "--no-follow-cname")
    assert d["outcome"] == "cname" and [w["purpose"] for w in d["walks"]] == ["main"]
    assert d["answer"] == [{"name": "www.naver.com.", "type": "CNAME", "ttl": d["answer"][0]["ttl"],
                            "data": "www.naver.com.nheos.com."}]


def test_all_servers(sandbox):
    d = trace(sandbox, "naver.com", "--all-servers", "--seed", "4")
    by_zone: dict[str, set[str]] = {}
    for r in d["all_servers"]:
        assert r["rtt_ms"] and r["outcome"] in ("referral", "answer")
        by_zone.setdefault(r["zone"], set()).add(r["server"])
    assert by_zone["."] == {"a.root-servers.net.", "b.root-servers.net.", "c.root-servers.net."}
    assert by_zone["com."] == {"a.gtld-servers.net.", "b.gtld-servers.net."}
    assert by_zone["naver.com."] == {"ns1.naver.com.", "ns2.naver.com."}


def test_compare_resolver(sandbox):
    d = trace(sandbox, "long-ttl.lab.test", "--compare-resolver")
    cold, warm = d["resolver"]
    assert cold["label"] == "cold" and warm["label"] == "cached"
    assert "aa" not in cold["flags"] and "ra" in cold["flags"]
    assert "aa" in main_hops(d)[-1]["flags"]
    assert warm["records"][0]["ttl"] < cold["records"][0]["ttl"] <= 86400  # asked 1.1 s apart
    assert warm["records"][0]["data"] == cold["records"][0]["data"] == data_of(d, "A")[0]
    assert d["resolver_address"] == sandbox.info.resolver
    assert "dns.resolver-cached" in codes(d)


def test_save_and_report_offline(sandbox):
    path = f"/tmp/netlab-dns-trace-test-{os.getpid()}.json"
    r = sandbox.netlab("dns-trace", "glueless.lab.test", "--seed", "5", "--json", "--save", path)
    assert r.returncode == 0, r.stderr
    live = json.loads(r.stdout)
    rep = sandbox.netlab("report", path, "--json")
    assert rep.returncode == 0, rep.stderr
    again = json.loads(rep.stdout)
    assert again["answer"] == live["answer"] and again["hops"] == live["hops"]
    sandbox.exec(["rm", "-f", path])


def test_bad_name_is_a_usage_error(sandbox):
    r = sandbox.netlab("dns-trace", "a..b.test")
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1
