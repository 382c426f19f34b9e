"""dns-trace analysis, pure: recorded exchanges (wire bytes) in, verdicts out.

Fixtures in tests/fixtures/dns/ are Recordings saved with --save from the sandbox, plus
hostile.json (hand-made by make_hostile.py: a referral carrying out-of-bailiwick glue).
"""

from __future__ import annotations

from pathlib import Path

import dns.flags
import dns.message
import dns.rcode
import dns.rrset
import pytest

from netlab.model import Recording
from netlab.probes.dns_trace.analyze import analyze
from netlab.probes.dns_trace.classify import classify
from netlab.probes.dns_trace.model import QuerySent, ResponseReceived

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "dns"


def load(name: str) -> Recording:
    return Recording.load(str(FIX / f"{name}.json"))


def codes(res) -> list[str]:
    return [f.code for f in res.findings]


# ------------------------------------------------------------------------------ classify()


def _q(name="www.example.test.", rtype="A", qid=4242):
    q = dns.message.make_query(name, rtype, use_edns=0, payload=1232)
    q.id = qid
    q.flags &= ~dns.flags.RD
    return q


def _r(q, aa=False, rcode=dns.rcode.NOERROR, tc=False):
    r = dns.message.make_response(q)
    r.flags &= ~dns.flags.RA
    if aa:
        r.flags |= dns.flags.AA
    if tc:
        r.flags |= dns.flags.TC
    r.set_rcode(rcode)
    return r


def rr(name, ttl, rtype, *data):
    return dns.rrset.from_text(name, ttl, "IN", rtype, *data)


def test_referral_glue_used_only_in_bailiwick():
    q = _q()
    r = _r(q)
    r.authority.append(rr("example.test.", 3600, "NS", "ns1.example.test.", "ns.other.net."))
    r.additional.append(rr("ns1.example.test.", 3600, "A", "198.18.9.1"))
    r.additional.append(rr("ns.other.net.", 3600, "A", "198.18.9.2"))
    c = classify(q.to_wire(), r.to_wire(), "test.")
    assert c.outcome == "referral"
    ref = c.referral
    assert ref["zone"] == "example.test." and sorted(ref["ns"]) == ["ns.other.net.", "ns1.example.test."]
    assert [(g["name"], g["address"]) for g in ref["glue_used"]] == [("ns1.example.test.", "198.18.9.1")]
    assert [(g["name"], g["address"]) for g in ref["glue_ignored"]] == [("ns.other.net.", "198.18.9.2")]
    assert "bailiwick" in ref["glue_ignored"][0]["reason"]
    assert ref["glueless"] == ["ns.other.net."]
    # the very same bytes from a root server: everything is under ".", so both are usable
    c_root = classify(q.to_wire(), r.to_wire(), ".")
    assert len(c_root.referral["glue_used"]) == 2 and c_root.referral["glue_ignored"] == []


def test_referral_sideways_or_up_is_not_followed():
    q = _q()
    r = _r(q)
    r.authority.append(rr("example.test.", 3600, "NS", "ns1.example.test."))
    # asked a server of example.test. and it refers to example.test. again: a loop
    assert classify(q.to_wire(), r.to_wire(), "example.test.").outcome == "upward-referral"
    r2 = _r(q)
    r2.authority.append(rr("elsewhere.test.", 3600, "NS", "ns1.elsewhere.test."))
    assert classify(q.to_wire(), r2.to_wire(), "test.").outcome == "upward-referral"


def test_answer_needs_aa_else_lame():
    q = _q()
    r = _r(q, aa=True)
    r.answer.append(rr("www.example.test.", 300, "A", "198.18.9.9"))
    c = classify(q.to_wire(), r.to_wire(), "example.test.")
    assert c.outcome == "answer" and c.records == [
        {"name": "www.example.test.", "type": "A", "ttl": 300, "data": "198.18.9.9"}]
    r.flags &= ~dns.flags.AA
    assert classify(q.to_wire(), r.to_wire(), "example.test.").outcome == "lame"


def test_non_authoritative_non_referral_is_lame():
    q = _q()
    r = _r(q)  # NOERROR, AA=0, nothing at all
    c = classify(q.to_wire(), r.to_wire(), "example.test.")
    assert c.outcome == "lame" and "AA=0" in c.reason.render("en")


def test_refused_servfail_and_other_rcodes():
    q = _q()
    assert classify(q.to_wire(), _r(q, rcode=dns.rcode.REFUSED).to_wire(), "x.").outcome == "refused"
    assert classify(q.to_wire(), _r(q, rcode=dns.rcode.SERVFAIL).to_wire(), "x.").outcome == "servfail"
    assert classify(q.to_wire(), _r(q, rcode=dns.rcode.NOTIMP).to_wire(), "x.").outcome == "error"


def test_nxdomain_and_nodata_with_negative_ttl():
    q = _q()
    r = _r(q, aa=True, rcode=dns.rcode.NXDOMAIN)
    r.authority.append(rr("example.test.", 3600, "SOA", "ns1.example.test. h.example.test. 7 1 1 1 300"))
    c = classify(q.to_wire(), r.to_wire(), "example.test.")
    assert c.outcome == "nxdomain" and c.soa["negative_ttl"] == 300 and c.soa["serial"] == 7
    r2 = _r(q, aa=True)
    r2.authority.append(rr("example.test.", 60, "SOA", "ns1.example.test. h.example.test. 7 1 1 1 300"))
    c2 = classify(q.to_wire(), r2.to_wire(), "example.test.")
    assert c2.outcome == "nodata" and c2.soa["negative_ttl"] == 60  # min(SOA TTL, minimum)


def test_cname_in_and_out_of_the_zone():
    q = _q()
    r = _r(q, aa=True)
    r.answer.append(rr("www.example.test.", 300, "CNAME", "web.example.test."))
    r.answer.append(rr("web.example.test.", 300, "A", "198.18.9.7"))
    c = classify(q.to_wire(), r.to_wire(), "example.test.")
    assert c.outcome == "answer" and [x["type"] for x in c.records] == ["CNAME", "A"]
    # target in another zone: even if the server adds its address, it is not trusted
    r2 = _r(q, aa=True)
    r2.answer.append(rr("www.example.test.", 300, "CNAME", "www.cdn.net."))
    r2.answer.append(rr("www.cdn.net.", 300, "A", "203.0.113.1"))
    c2 = classify(q.to_wire(), r2.to_wire(), "example.test.")
    assert c2.outcome == "cname" and c2.cname_target == "www.cdn.net."
    assert [x["type"] for x in c2.records] == ["CNAME"]
    assert c2.ignored_records and c2.ignored_records[0]["data"] == "203.0.113.1"


def test_truncation_depends_on_transport():
    q = _q()
    r = _r(q, aa=True, tc=True)
    assert classify(q.to_wire(), r.to_wire(), "example.test.", "udp").outcome == "truncated"
    assert classify(q.to_wire(), r.to_wire(), "example.test.", "tcp").outcome != "truncated"


def test_mismatch_and_malformed():
    q = _q(qid=1)
    other = _r(_q(qid=2), aa=True)
    assert classify(q.to_wire(), other.to_wire(), "x.").outcome == "mismatch"
    wrong_q = _r(_q(name="evil.test.", qid=1), aa=True)
    assert classify(q.to_wire(), wrong_q.to_wire(), "x.").outcome == "mismatch"
    assert classify(q.to_wire(), b"\x00\x01\x81", "x.").outcome == "malformed"


# ------------------------------------------------------------------------------ recordings


def test_hostile_referral_glue_is_ignored():
    res = analyze(load("hostile"))
    assert res.outcome == "answer"
    assert res.answer == [{"name": "www.victim.test.", "type": "A", "ttl": 300, "data": "198.18.1.51"}]
    ref = res.hops[1].referral
    assert {(g["name"], g["address"]) for g in ref["glue_used"]} == {
        ("ns1.victim.test.", "198.18.1.50"), ("ns1.victim.test.", "2001:db8:1::50")}
    ignored = {g["name"]: g["reason"] for g in ref["glue_ignored"]}
    assert set(ignored) == {"ns.elsewhere.net.", "www.bank.com."}
    assert "out of bailiwick" in ignored["ns.elsewhere.net."]
    assert "not a name server" in ignored["www.bank.com."]
    assert codes(res).count("dns.glue-ignored") == 2
    assert all("203.0.113.66" not in str(a) for a in res.answer)
    assert [(r["name"], r["data"]) for r in res.hops[2].ignored] == [("www.bank.com.", "203.0.113.66")]
    assert "ignored" not in res.hops[2].sections  # the wire's sections only
    assert [h.rtt_ms for h in res.hops] == [20.0, 10.0, 8.0]
    assert [h.t_ms for h in res.hops] == [1.0, 22.0, 33.0]


def test_naver_cross_zone_cname_recording():
    res = analyze(load("www.naver.com"))
    assert res.outcome == "answer" and res.mode == "sandbox"
    assert res.cname_chain == ["www.naver.com.", "www.naver.com.nheos.com."]
    assert [h.zone for h in res.hops] == [".", "com.", "naver.com.", "com.", "nheos.com."]
    assert [w.purpose for w in res.walks] == ["main", "cname"]
    assert res.walks[1].start_zone == "com."
    assert [r["type"] for r in res.answer] == ["CNAME", "A"]
    assert res.total_ms >= sum(h.rtt_ms for h in res.hops)


def test_glueless_recording_nests_the_subtrace():
    res = analyze(load("glueless"))
    sub = [w for w in res.walks if w.purpose == "ns-address"]
    assert len(sub) == 1 and sub[0].depth == 1 and sub[0].for_zone == "glueless.lab.test."
    assert all(h.depth == 1 for h in res.hops if h.walk == sub[0].walk)
    assert "dns.glueless" in codes(res)


def test_truncation_recording_two_attempts():
    res = analyze(load("bigtxt"))
    tc, tcp = res.hops[-2], res.hops[-1]
    assert (tc.outcome, tc.transport, tcp.transport, tcp.attempt, tcp.retry_of) == (
        "truncated", "udp", "tcp", 2, tc.query)
    assert len([r for r in res.answer if r["type"] == "TXT"]) == 6
    assert "dns.truncated" in codes(res)


def test_lame_and_dead_are_unreachable_with_reasons():
    lame = analyze(load("lame"))
    assert lame.unreachable and lame.outcome == "unreachable"
    assert {"dns.lame-delegation", "dns.zone-unreachable"} <= set(codes(lame))
    dead = analyze(load("dead"))
    assert dead.unreachable and dead.hops[-1].outcome == "timeout"
    msg = next(f.message for f in dead.findings if f.code == "dns.zone-unreachable")
    assert "dead.lab.test." in msg and "timeout" in msg
    assert next(f for f in dead.findings if f.code == "dns.zone-unreachable").severity == "error"


def test_negative_answers_are_results():
    nx = analyze(load("nxdomain"))
    assert nx.outcome == "nxdomain" and not nx.unreachable and nx.negative["negative_ttl"] == 300
    assert max(f.severity for f in nx.findings) == "info"
    nd = analyze(load("nodata"))
    assert nd.outcome == "nodata" and nd.negative["name"] == "lab.test."


def test_loops():
    loop = analyze(load("loop"))
    assert loop.outcome == "loop" and "dns.cname-loop" in codes(loop)
    ref = analyze(load("refloop"))
    assert "dns.referral-loop" in codes(ref) and ref.unreachable


def test_resolver_comparison():
    res = analyze(load("resolver"))
    cold, warm = res.resolver
    assert "aa" not in cold["flags"] and "ra" in cold["flags"]
    assert warm["records"][0]["ttl"] < cold["records"][0]["ttl"] == res.answer[0]["ttl"]  # cold: full TTL
    assert warm["rtt_ms"] < cold["rtt_ms"]
    assert {"dns.resolver-cold", "dns.resolver-cached"} <= set(codes(res))
    cold_msg = next(f.message for f in res.findings if f.code == "dns.resolver-cold")
    assert "not cached before" in cold_msg
    assert "counts down" in next(f.message for f in res.findings if f.code == "dns.resolver-cached")
    # resolver queries are not hops of the trace
    assert all(h.server != "resolver" for h in res.hops)


def test_all_servers_table():
    res = analyze(load("allservers"))
    zones = {r["zone"] for r in res.all_servers}
    assert zones == {".", "com.", "naver.com."}
    assert sum(1 for r in res.all_servers if r["chosen"]) == 3
    assert all(h.used is False for h in res.hops if h.extra)


def test_idn_recording():
    res = analyze(load("idn"))
    assert res.qname == "xn--bj0bj06e.kr." and res.qname_unicode == "한글.kr."
    assert "dns.idn" in codes(res)


def test_budget_is_reported():
    rec = load("www.naver.com")
    # the same evidence, cut after two queries, with a budget of two: the trace stopped early
    keep = {e.query for e in rec.of_type(QuerySent)[:2]}
    rec.events = [e for e in rec.events if not isinstance(e, QuerySent | ResponseReceived) or e.query in keep]
    from netlab.probes.dns_trace.model import WalkFinished

    rec.events = [e for e in rec.events if not isinstance(e, WalkFinished)]
    rec.events.append(WalkFinished(t=rec.events[-1].t, walk=1, stopped="budget"))
    rec.params["budget"] = 2
    res = analyze(rec)
    assert res.outcome == "budget" and "dns.budget-exhausted" in codes(res)


@pytest.mark.parametrize("name", sorted(p.stem for p in FIX.glob("*.json")))
def test_every_fixture_roundtrips_and_analyses(name):
    rec = load(name)
    again = Recording.from_json(__import__("json").loads(rec.dumps()))
    assert again.dumps() == rec.dumps()
    res = analyze(rec)
    assert res.hops and all(h.outcome for h in res.hops)
    assert res.to_json()["hops"][0]["zone"] == res.hops[0].zone


def test_json_fields_and_finding_codes_are_documented():
    """README.md beside the probe documents every JSON field and every finding code."""
    import dataclasses
    import re

    from netlab.probes.dns_trace.model import DnsTraceResult, Hop, Walk

    probe_dir = Path(__file__).resolve().parents[2] / "netlab" / "probes" / "dns_trace"
    doc = (probe_dir / "README.md").read_text(encoding="utf-8")
    for cls in (DnsTraceResult, Hop, Walk):
        for f in dataclasses.fields(cls):
            assert f"`{f.name}`" in doc or f"{f.name}," in doc or f"{f.name}}}" in doc, f"{cls.__name__}.{f.name}"
    from netlab.probes.dns_trace.findings import SERVER_FAILURES

    src = (probe_dir / "findings.py").read_text(encoding="utf-8")
    emitted = set(re.findall(r'finding\(\s*"(dns\.[a-z-]+)"', src)) | {c for c, _ in SERVER_FAILURES.values()} | {
        "dns.nxdomain", "dns.nodata"}
    documented = set(re.findall(r"`(dns\.[a-z-]+)`", doc))
    assert emitted <= documented, emitted - documented
    # and the JSON of a real result has exactly the documented top-level fields
    res = analyze(load("www.naver.com"))
    for key in res.to_json():
        if key != "findings":
            assert f"`{key}`" in doc, key


def test_damaged_evidence_is_reported_not_fatal():
    rec = load("hostile")
    bad = []
    for e in rec.events:
        if isinstance(e, QuerySent) and e.query == 3:
            e = QuerySent(**{**e.__dict__, "wire": b"\x00\x01garbage"})
        if isinstance(e, ResponseReceived) and e.query == 2:
            e = ResponseReceived(t=e.t, query=e.query, wire=e.wire[:20])
        bad.append(e)
    rec.events = bad
    res = analyze(rec)
    assert [h.outcome for h in res.hops] == ["referral", "malformed", "malformed"]
    assert res.outcome in ("unreachable", "incomplete")


def test_referral_with_a_stray_aa_flag_is_still_a_referral():
    q = _q()
    r = _r(q, aa=True)
    r.authority.append(rr("example.test.", 3600, "NS", "ns1.example.test."))
    r.additional.append(rr("ns1.example.test.", 3600, "A", "198.18.9.1"))
    assert classify(q.to_wire(), r.to_wire(), "test.").outcome == "referral"
    # but the zone's own NS set beside an empty authoritative answer is NODATA, not a referral
    r2 = _r(q, aa=True)
    r2.authority.append(rr("example.test.", 3600, "NS", "ns1.example.test."))
    assert classify(q.to_wire(), r2.to_wire(), "example.test.").outcome == "nodata"


def test_socket_errors_are_explained_in_both_languages():
    """collect records the kind of a socket error; analyze words it from the catalogue (the
    system's own words for a kind it does not know, e.g. from a hand-edited recording)."""
    from netlab.probes.dns_trace.model import TransportFailed, WalkStarted

    q = _q()
    rec = Recording(probe="dns-trace", params={"name": "www.example.test.", "type": "A"})
    rec.add(WalkStarted(t=0.0, walk=1, purpose="main", qname="www.example.test.", qtype="A", start_zone="."))
    for qid, (kind, error) in enumerate([("tcp-refused", "connection refused (RST): nothing listens on TCP port 53"),
                                         ("", "Too many open files"), ("no-such-kind", "odd")], 1):
        rec.add(QuerySent(t=qid, query=qid, walk=1, zone=".", server="a.", address="127.0.0.1", port=53,
                          transport="tcp", wire=q.to_wire()))
        rec.add(TransportFailed(t=qid + 0.5, query=qid, error=error, kind=kind))
    hops = analyze(rec).hops
    assert [h.outcome for h in hops] == ["transport-error"] * 3
    assert hops[0].reason.startswith("connection refused (RST)") and "연결이 거부" in hops[0].reason_ko
    assert (hops[1].reason, hops[1].reason_ko) == ("Too many open files", "Too many open files")
    assert (hops[2].reason, hops[2].reason_ko) == ("odd", "odd")


def test_oserror_kinds_match_the_catalogue():
    import errno

    from netlab.probes.dns_trace.collect import _failed, _oserror_kind
    from netlab.probes.dns_trace.messages import M

    for e in (ConnectionRefusedError(errno.ECONNREFUSED, "refused"), OSError(errno.ENETUNREACH, "x"),
              OSError(errno.EHOSTUNREACH, "x"), OSError(errno.EAFNOSUPPORT, "x"), ConnectionResetError()):
        for transport in ("udp", "tcp"):
            kind = _oserror_kind(e, transport)
            assert f"transport.{kind}" in M.messages
            assert _failed(1.0, 1, kind, e).error == M.text(f"transport.{kind}", "en")
    odd = OSError(errno.EMFILE, "Too many open files")
    assert _oserror_kind(odd, "udp") == "" and _failed(1.0, 1, "", odd).error == "Too many open files"
