"""journey, from recorded visits (tests/fixtures/journey/, recorded in the default sandbox with
`netlab --sandbox journey ... --save`): the timeline, every step's layer, the time per layer, the
nested probes, the findings (each fires where it should, and not elsewhere), bad input."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from netlab.model import Recording
from netlab.probes import load_probe
from netlab.probes.journey.steps import LAYERS
from netlab.probes.journey.summary import _union, layer_totals

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "journey"
OSI = {"application": {"7", "5-6"}, "transport": {"4"}, "network": {"3"}, "link": {"2"}}


def result(name: str):
    return load_probe("journey").analyze(Recording.load(str(FIX / name)))


def codes(res) -> list[str]:
    return [f.code for f in res.findings]


def kinds(res) -> list[str]:
    return [s.kind for s in res.steps]


@pytest.fixture(scope="module")
def naver():
    return result("naver-browser-like.json")


# ------------------------------------------------------------------------------ the timeline


def test_steps_in_the_order_a_browser_takes_them(naver):
    k = kinds(naver)
    assert k[0] == "address-bar" and k[1] == "hosts-file" and k[2] == "resolver"
    first_tcp = k.index("tcp")
    assert k.index("resolver") < first_tcp < k.index("http")
    assert "tls" not in k[:k.index("http")]  # http://naver.com/ first: port 80, no TLS
    # each hop: http, then the next hop's TCP (and TLS) before its own http
    https = [s for s in naver.steps if s.kind == "http"]
    assert [s.port for s in https] == [80, 443, 443]
    tls = [s for s in naver.steps if s.kind == "tls"]
    assert [s.host for s in tls] == ["naver.com", "www.naver.com", "ssl.pstatic.net"]
    assert k[-1] == "close"
    times = [s.t_ms for s in naver.steps]
    assert times == sorted(times) and times[0] == 0.0
    assert [s.index for s in naver.steps] == list(range(1, len(naver.steps) + 1))


def test_every_step_carries_its_layer_osi_protocol_party_and_time(naver):
    for s in naver.steps:
        assert (s.layer, s.osi) == LAYERS[s.kind], s
        assert s.osi in OSI[s.layer]
        assert s.protocol and s.party and s.party_ko and s.label and s.label_ko
        assert s.t_ms is not None and s.duration_ms is not None and s.duration_ms >= 0
    by_kind = {s.kind: s for s in naver.steps}
    assert by_kind["tcp"].protocol == "TCP" and by_kind["tls"].protocol == "TLS 1.3"
    assert by_kind["resolver"].protocol == "DNS/UDP" and by_kind["resolver"].address == "198.18.0.53"
    assert by_kind["neighbour"].protocol == "ARP" and by_kind["route"].protocol == "IP"
    assert {s.protocol for s in naver.steps if s.kind == "http"} == {"HTTP/1.1", "HTTP/2"}


def test_wire_times_agree_with_the_client_clock(naver):
    """The handshake seen in the capture is one RTT (10 ms to web-naver); the client's wait is a
    little more (Python and the kernel), never less."""
    for s in naver.steps:
        if s.kind == "tcp" and s.wire_ms is not None:
            assert s.wire_ms <= s.duration_ms + 0.5
            assert 9.0 <= s.wire_ms <= 30.0 if s.host != "ssl.pstatic.net" else 5.0 <= s.wire_ms <= 20.0


def test_redirect_chain_connections_and_requests(naver):
    assert [(r["from"], r["to"], r["status"]) for r in naver.redirects] == [
        ("http://naver.com/", "https://naver.com/", 301), ("https://naver.com/", "https://www.naver.com/", 301)]
    assert naver.final_url == "https://www.naver.com/"
    assert [r["purpose"] for r in naver.requests][:3] == ["redirect", "redirect", "document"]
    subs = [r for r in naver.requests if r["purpose"] == "subresource"]
    assert len(subs) == 5 and all(r["status"] == 200 for r in subs)
    doc_conn = naver.requests[2]["conn"]
    same_host = [r for r in subs if "www.naver.com" in r["url"]]
    assert {r["conn"] for r in same_host} == {doc_conn} and not any(r["new_connection"] for r in same_host)
    other = [r for r in subs if "ssl.pstatic.net" in r["url"]]
    assert len({r["conn"] for r in other}) == 1 and sum(r["new_connection"] for r in other) == 1
    assert len(naver.connections) == 4
    assert [c["origin"] for c in naver.connections] == ["http://naver.com", "https://naver.com",
                                                        "https://www.naver.com", "https://ssl.pstatic.net"]


def test_names_and_the_resolver_answer(naver):
    assert list(naver.names) == ["naver.com", "www.naver.com", "ssl.pstatic.net"]
    www = naver.names["www.naver.com"]
    assert www["source"] == "resolver" and www["address"] == "198.18.1.100" and www["aa"] is False
    assert www["cname"] == ["www.naver.com.nheos.com."]
    assert naver.dns_packets == 12  # A and AAAA, question and answer, for three names


# ------------------------------------------------------------------------------ time per layer


def test_union_counts_overlaps_once():
    assert _union([(0, 10), (5, 15), (20, 25)]) == 20
    assert _union([]) == 0
    assert _union([(0, 10), (2, 3)]) == 10


def test_layer_totals_from_the_steps(naver):
    rows = {r["layer"]: r for r in naver.layers}
    assert list(rows) == ["application", "transport", "network", "link"]
    for layer, row in rows.items():
        mine = [s for s in naver.steps if s.layer == layer and s.status != "muted"]
        assert row["steps"] == len(mine)
        assert row["ms"] == pytest.approx(_union([(s.t_ms, s.t_ms + s.duration_ms) for s in mine]), abs=0.01)
        assert row["ms"] <= sum(s.duration_ms for s in mine) + 0.01
    assert rows["application"]["osi"] == "7, 5-6" and rows["transport"]["osi"] == "4"
    assert rows["network"]["ms"] == 0 and rows["link"]["ms"] == 0  # the kernel's choice, no ARP on the wire
    assert 0 < rows["transport"]["share"] < 1 and 0 < rows["application"]["share"] < 1


def test_muted_steps_count_in_no_layer():
    warm = result("warm.json")
    muted = [s for s in warm.steps if s.status == "muted"]
    assert muted and all(s.kind == "resolver" for s in muted)
    totals = layer_totals(warm.steps, 1000.0)
    without = layer_totals([s for s in warm.steps if s.status != "muted"], 1000.0)
    assert totals == without


# ------------------------------------------------------------------------------ DNS modes


def test_hosts_file_answer_sends_no_dns():
    res = result("hosts-file.json")
    assert res.names["intranet.lab.test"]["source"] == "hosts"
    assert res.names["intranet.lab.test"]["address"] == "198.18.1.110"
    assert "resolver" not in kinds(res) and res.dns_packets == 0
    assert "journey.hosts-file" in codes(res) and "journey.lookup-order" not in codes(res)
    assert res.requests[0]["status"] == 200


def _without_dns(res) -> list[tuple]:
    return [(s.kind, s.layer, s.protocol, s.address, s.port) for s in res.steps
            if s.kind not in ("resolver", "dns-walk", "hosts-file", "name-cache")]


def test_cold_and_warm_differ_in_the_resolver_step_only():
    cold, warm = result("cold.json"), result("warm.json")
    assert _without_dns(cold) == _without_dns(warm)
    c = [s for s in cold.steps if s.kind in ("resolver", "dns-walk")]
    w = [s for s in warm.steps if s.kind in ("resolver", "dns-walk")]
    assert {s.kind for s in c} == {"dns-walk"} and all(s.step and s.step.startswith("dns:") for s in c)
    assert {s.kind for s in w} == {"resolver"} and any(s.status == "muted" for s in w)
    assert "journey.cold-walk" in codes(cold) and "journey.resolver-warm" in codes(warm)
    # the warm answers come from the resolver's cache: faster than the walk for the same name
    walk = next(s for s in c if s.host == "www.naver.com")
    hit = next(s for s in w if s.host == "www.naver.com" and s.status == "ok")
    assert hit.duration_ms < walk.duration_ms


# ------------------------------------------------------------------------------ bad input


@pytest.mark.parametrize(("name", "kind", "code", "before"), [
    ("nxdomain.json", "resolver", "journey.failed-resolver", ["address-bar", "hosts-file"]),
    ("refused.json", "tcp", "journey.failed-tcp", ["address-bar", "hosts-file", "resolver"]),
    ("bad-cert.json", "tls", "journey.failed-tls", ["address-bar", "hosts-file", "resolver", "tcp"]),
    ("no-answer.json", "http", "journey.failed-http", ["address-bar", "hosts-file", "resolver", "tcp"]),
])
def test_a_failure_is_a_finding_at_its_step_and_the_steps_before_are_kept(name, kind, code, before):
    res = result(name)
    bad = next(s for s in res.steps if s.status == "error")
    assert bad.kind == kind
    earlier = [s.kind for s in res.steps if s.index < bad.index]
    assert [k for k in earlier if k in before] == before
    assert code in codes(res)
    f = next(f for f in res.findings if f.code == code)
    assert f.severity == "error" and f"step {bad.index}" in f.message and f"{bad.index}단계" in f.message_ko


def test_exit_status_follows_who_answered():
    assert result("nxdomain.json").unreachable is True  # nobody: the name does not exist
    for name in ("refused.json", "bad-cert.json", "no-answer.json", "redirect-loop.json", "no-host.json"):
        assert result(name).unreachable is False, name  # someone answered (RST, a certificate, a 302)


def test_redirect_loop():
    res = result("redirect-loop.json")
    assert res.stopped == "loop" and res.stopped_detail == "http://tcp.lab.test:8081/a"
    assert [r["status"] for r in res.requests] == [302, 302]
    assert "journey.redirect-loop" in codes(res)


def test_no_host_is_an_address_bar_finding_and_nothing_is_sent():
    res = result("no-host.json")
    assert kinds(res) == ["address-bar"] and res.steps[0].status == "error"
    assert codes(res) == ["journey.address"]
    assert not res.requests and not res.names


def test_bad_certificate_looked_at_closer_by_tls_inspect():
    res = result("bad-cert.json")
    tls = next(i for i in res.inspections if i["step"] == "tls")
    assert tls["ok"] and any(f.code == "tls.cert-expired" for f in tls["findings"])
    assert any(f.code == "tls.cert-expired" and f.message.startswith("[tls] ") for f in res.findings)


# ------------------------------------------------------------------------------ findings


def test_findings_fire_where_the_evidence_is(naver):
    c = codes(naver)
    for code in ("journey.plaintext-first", "journey.lookup-order", "journey.caches", "journey.resolver-aa",
                 "journey.redirect-order", "journey.gateway", "journey.tls-in-tcp", "journey.coalescing",
                 "journey.subresources", "journey.alt-svc", "journey.close"):
        assert code in c, code
    for code in ("journey.address", "journey.hosts-file", "journey.cold-walk", "journey.redirect-loop",
                 "journey.no-capture", "journey.https-first"):
        assert code not in c, code
    gw = next(f for f in naver.findings if f.code == "journey.gateway")
    assert "198.18.0.1" in gw.message and "02:4e:4c:00:01:00" in gw.message  # the SYN's MAC is the gateway's
    assert "naver.com" in next(f for f in naver.findings if f.code == "journey.tls-in-tcp").message
    plain = result("hosts-file.json")
    assert "journey.plaintext-only" in codes(plain) and "journey.subresources" not in codes(plain)


def test_without_a_capture_the_timeline_stays_and_says_so():
    rec = Recording.load(str(FIX / "naver-browser-like.json"))
    from netlab.probes.journey.model import (
        FrameCaptured,
        JourneyCaptureStarted,
        JourneyCaptureStopped,
        JourneyCaptureUnavailable,
    )

    rec.events = [e for e in rec.events if not isinstance(e, FrameCaptured | JourneyCaptureStarted
                                                                  | JourneyCaptureStopped)]
    rec.events.insert(0, JourneyCaptureUnavailable(0.0, "packet capture needs root or CAP_NET_RAW"))
    res = load_probe("journey").analyze(rec)
    full = result("naver-browser-like.json")
    assert kinds(res) == kinds(full)
    assert res.dns_packets is None and all(s.wire_ms is None for s in res.steps)
    assert res.sequence["source"] == "events" and res.sequence["messages"]
    assert "journey.no-capture" in codes(res)


# ------------------------------------------------------------------------------ nested probes


def test_nested_recordings_are_analysed_by_their_own_probes(naver):
    rows = {r["step"]: r for r in naver.inspections}
    assert set(rows) == {"tcp", "tls"}
    assert rows["tcp"]["probe"] == "tcp-handshake" and rows["tcp"]["ok"] and "SYN -> SYN/ACK" in rows["tcp"]["summary"]
    assert rows["tls"]["probe"] == "tls-inspect" and "TLS 1.3" in rows["tls"]["summary"]
    cold = result("cold.json")
    assert {r["step"] for r in cold.inspections} == {"dns:naver.com", "dns:www.naver.com"}
    assert all(r["probe"] == "dns-trace" and r["ok"] for r in cold.inspections)


def test_a_malformed_nested_recording_is_reported_not_raised():
    data = json.loads((FIX / "naver-browser-like.json").read_text())
    bad = copy.deepcopy(data)
    for e in bad["events"]:
        if e["type"] == "StepRecorded" and e["step"] == "tls":
            e["recording"]["events"][0]["type"] = "NoSuchEvent"
    rec = Recording.from_json(bad)
    res = load_probe("journey").analyze(rec)
    row = next(r for r in res.inspections if r["step"] == "tls")
    assert not row["ok"] and "malformed" in row["summary"]
    assert "journey.step-unavailable" in codes(res)


def test_protocol_h3_adds_the_next_visit_over_quic():
    res = result("h3-next-visit.json")
    assert [s.protocol for s in res.steps if s.kind == "http"] == ["HTTP/1.1", "HTTP/2", "HTTP/2"]  # the first visit
    row = next(r for r in res.inspections if r["step"] == "http")
    assert row["probe"] == "http-compare" and row["ok"] and "QUIC" in row["summary"] and "0-RTT" in row["summary"]
    assert {r["step"] for r in res.inspections} == {"http"}  # --no-details: no tcp/tls closer look
