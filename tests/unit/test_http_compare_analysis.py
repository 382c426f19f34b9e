"""http-compare: phases, round trips, waterfalls and findings from recorded trace events (pure).

The recordings in tests/fixtures/http/ were made in a sandbox whose client link has 25 ms each
way (RTT 50 ms) to a Caddy serving h1/h2/h3:
- compare-50ms.json   h1, h2, h3 (+ resumed h3), 3 runs, one request each
- many-50ms.json      /many.html with 8 requests, 2 runs (waterfalls)
- cert-untrusted.json --cacert that does not hold the sandbox root (h2, h3)
- udp-blocked.json    the web server's link drops udp/443 (Alt-Svc still advertises h3)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from netlab.model import Recording
from netlab.probes.http_compare.analyze import analyze
from netlab.probes.http_compare.model import (
    ClientRunFinished,
    NameResolved,
    RedirectFollowed,
    RequestTraced,
    RttSampled,
)
from netlab.probes.http_compare.phases import expected_round_trips, percentile, request_phases, stat

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "http"


def load(name: str) -> Recording:
    return Recording.load(str(FIX / f"{name}.json"))


def phases_by_mode(result):
    return {p.mode: p for p in result.phases}


def codes(result):
    return [f.code for f in result.findings]


# ------------------------------------------------------------------ one request, by hand


def test_request_phases_h2_from_httpx_trace():
    ev = RequestTraced(t=1.0, run=0, mode="h2", index=0, conn=0, url="https://x.test/", trace=[
        ("request.issued", 1.000),
        ("connection.connect_tcp.started", 1.010),
        ("connection.connect_tcp.complete", 1.060),
        ("connection.start_tls.started", 1.061),
        ("connection.start_tls.complete", 1.112),
        ("http2.send_connection_init.started", 1.113),
        ("http2.send_connection_init.complete", 1.114),
        ("http2.send_request_headers.started", 1.115),
        ("http2.send_request_headers.complete", 1.116),
        ("http2.receive_response_headers.started", 1.116),
        ("http2.receive_response_headers.complete", 1.170),
        ("http2.receive_response_body.started", 1.170),
        ("http2.receive_response_body.complete", 1.180),
    ], status=200, http_version="HTTP/2", alpn="h2", tls_version="TLSv1.3")
    p = request_phases(ev)
    assert p["tcp_connect"] == pytest.approx(50.0)
    assert p["tls_handshake"] == pytest.approx(51.0)
    assert p["quic_handshake"] is None
    assert p["request_sent"] == pytest.approx(106.0)
    assert p["first_byte"] == pytest.approx(160.0)
    assert p["last_byte"] == pytest.approx(170.0)
    # the client's own time between the TLS handshake and the request (h2 preface, settings, headers)
    assert p["client_gap"] == pytest.approx(4.0)


def test_request_phases_h3_has_no_tcp_phase():
    ev = RequestTraced(t=0.0, run=0, mode="h3", index=0, conn=0, url="https://x.test/", trace=[
        ("quic.connect.started", 2.000), ("quic.handshake.complete", 2.050), ("request.issued", 2.051),
        ("h3.send_headers.complete", 2.052), ("h3.headers_received", 2.103), ("h3.body.complete", 2.110),
    ])
    p = request_phases(ev)
    assert p["tcp_connect"] is None and p["tls_handshake"] is None
    assert p["quic_handshake"] == pytest.approx(50.0)
    assert p["request_sent"] == pytest.approx(52.0)
    assert p["first_byte"] == pytest.approx(103.0)
    assert p["last_byte"] == pytest.approx(110.0)
    assert p["client_gap"] == pytest.approx(2.0)
    # 0-RTT: the request leaves before the handshake completes; the client's time is what came before
    ev0 = RequestTraced(t=0.0, run=0, mode="h3-0rtt", index=0, conn=0, url="https://x.test/", trace=[
        ("quic.connect.started", 2.000), ("request.issued", 2.0001), ("h3.send_headers.complete", 2.001),
        ("quic.handshake.complete", 2.050), ("h3.headers_received", 2.052), ("h3.body.complete", 2.053)])
    p0 = request_phases(ev0)
    assert p0["client_gap"] == pytest.approx(1.0) and p0["first_byte"] == pytest.approx(52.0)


@pytest.mark.parametrize("mode,tls,early,expected", [
    ("h1", "TLSv1.3", None, 3), ("h2", "TLSv1.3", None, 3), ("h2", "TLSv1.2", None, 4),
    ("h3", "TLSv1.3", None, 2), ("h3-0rtt", "TLSv1.3", True, 1), ("h3-0rtt", "TLSv1.3", False, 2),
])
def test_expected_round_trips(mode, tls, early, expected):
    n, arithmetic = expected_round_trips(mode, tls, early)
    assert n == expected
    assert arithmetic.endswith(f"= {expected}")


def test_stat_and_percentile():
    s = stat([3.0, 1.0, 2.0, None])
    assert (s.median, s.low, s.high, s.n) == (2.0, 1.0, 3.0, 3)
    assert stat([]).median is None
    vals = list(range(1, 11))
    assert percentile(vals, 90) == 9
    assert percentile(vals, 100) == 10
    assert percentile([], 90) is None


# ------------------------------------------------------------------ recorded: 50 ms RTT


def test_round_trips_at_50ms_rtt_are_3_3_2_1():
    r = analyze(load("compare-50ms"))
    assert r.rtt_ms.n == 9  # 3 bare TCP connects per run (the ARP warm-up one is dropped)
    assert 45 < r.rtt_ms.median < 60
    ph = phases_by_mode(r)
    assert list(ph) == ["h1", "h2", "h3", "h3-0rtt"]
    for mode, expected in (("h1", 3), ("h2", 3), ("h3", 2), ("h3-0rtt", 1)):
        p = ph[mode]
        assert p.expected_rtts == expected
        assert p.first_byte.n == 3
        assert abs(p.rtts_to_first_byte.median - expected) < 0.5, (mode, p.rtts_to_first_byte)
        assert p.rtts_on_wire.median <= p.rtts_to_first_byte.median
        assert abs(p.rtts_on_wire.median - expected) < 0.3, (mode, p.rtts_on_wire)
    # TCP connect is one round trip; QUIC has no TCP phase; its handshake is one round trip
    assert abs(ph["h1"].tcp_connect.median - r.rtt_ms.median) < 0.25 * r.rtt_ms.median
    assert ph["h3"].tcp_connect.n == 0 and ph["h3"].tls_handshake.n == 0
    assert abs(ph["h3"].quic_handshake.median - r.rtt_ms.median) < 0.35 * r.rtt_ms.median
    # the negotiated protocol, and 0-RTT on the resumed connection
    assert (ph["h1"].alpn, ph["h2"].alpn, ph["h3"].alpn) == ("http/1.1", "h2", "h3")
    assert ph["h2"].http_version == "HTTP/2" and ph["h3"].http_version == "HTTP/3"
    assert ph["h3-0rtt"].early_data_accepted is True and ph["h3-0rtt"].session_resumed is True
    # the resumed request left before the handshake finished
    assert ph["h3-0rtt"].request_sent.median < ph["h3-0rtt"].quic_handshake.median
    # every client's CPU time is recorded
    assert all(p.cpu_ms.n == 3 and p.cpu_ms.median > 0 for p in r.phases)
    c = codes(r)
    assert "http.round-trips" in c and "http.zero-rtt" in c and "http.client-cpu" in c
    assert "http.extra-round-trip" not in c
    assert r.discovery["advertised_by"] == ["Alt-Svc header"]
    assert not r.unreachable


def test_interleaved_order_in_the_recording():
    rec = load("compare-50ms")
    order = [(e.run, e.mode) for e in rec.events if isinstance(e, ClientRunFinished)]
    assert order == [(run, m) for run in range(3) for m in ("h1", "h2", "h3", "h3-0rtt")]
    # one name resolution, before any run
    assert isinstance(rec.events[0], NameResolved)
    assert len(rec.of_type(NameResolved)) == 1


def test_waterfalls_from_many_objects():
    r = analyze(load("many-50ms"))
    wf = {w.mode: w for w in r.waterfalls}
    assert set(wf) == {"h1", "h1-k", "h2", "h3"}
    for w in wf.values():
        assert len(w.bars) == 8
        assert w.bars[0].path == "/many.html"
        assert all(b.path.startswith("/assets/obj-") for b in w.bars[1:])
        assert w.completion.n == 2 * 7  # 7 objects x 2 runs
        assert w.completion_p90 is not None and w.completion_p90 >= w.completion.median
    # HTTP/1.1 on one connection: strictly one after another
    h1 = wf["h1"].bars
    assert wf["h1"].connections == 1
    for prev, cur in zip(h1, h1[1:], strict=False):
        assert cur.start_ms >= prev.end_ms - 0.01
    # browser-like HTTP/1.1: more than one connection, at most K, each new one paid its set-up
    assert 1 < wf["h1-k"].connections <= r.connections_h1
    assert sum(1 for b in wf["h1-k"].bars if b.connect_ms) == wf["h1-k"].connections
    # HTTP/2 and HTTP/3: one connection, all objects in flight together
    for mode in ("h2", "h3"):
        w = wf[mode]
        assert w.connections == 1
        objs = w.bars[1:]
        assert max(b.start_ms for b in objs) - min(b.start_ms for b in objs) < 20
        assert min(b.end_ms for b in objs) < max(b.start_ms for b in objs) + 2 * r.rtt_ms.median + 200
    # the page: serialised h1 is the slowest
    assert wf["h1"].total_ms > wf["h2"].total_ms
    assert "http.multiplexing" in codes(r) and "http.hol-blocking" in codes(r)


def test_head_of_line_recording_at_2pct_loss():
    """Recorded with the scenario's client link at 25 ms each way and 2 % loss, 40 small requests."""
    r = analyze(load("hol-2pct-loss"))
    assert r.link["loss_pct"] == pytest.approx(2.0) and "2 % back" in r.link["how"]
    wf = {w.mode: w for w in r.waterfalls}
    assert wf["h2"].completion.n == wf["h3"].completion.n == 2 * 39
    assert wf["h3"].completion_p90 < wf["h2"].completion_p90  # what this recording shows
    f = next(x for x in r.findings if x.code == "http.hol-blocking")
    assert "with 2 % loss on the link" in f.message and "http.hol-blocking" in f.concepts
    # recorded before the probe named congestion control: unknown, and a loss comparison says so
    assert "TCP: unknown" in f.message and "congestion control is unknown" in f.message
    assert "http.cc-unknown" in [x.code for x in r.findings]


# ------------------------------------------------------------------ failures are findings


def test_certificate_failure_points_to_tls_inspect():
    r = analyze(load("cert-untrusted"))
    certs = [f for f in r.findings if f.code == "http.certificate"]
    assert len(certs) == 2  # HTTP/2 over TCP, HTTP/3 over QUIC
    assert all(f.severity == "error" and "netlab tls-inspect www.naver.com" in f.message for f in certs)
    assert any("HTTP/3" in f.message and "0x12a" in f.message for f in certs)  # QUIC: 0x100 + alert 42
    assert not r.unreachable  # the server answered; its certificate is the problem


def test_udp_blocked_when_h3_is_advertised():
    r = analyze(load("udp-blocked"))
    c = codes(r)
    assert "http.udp-blocked" in c and "http.no-h3" not in c
    ph = phases_by_mode(r)
    assert ph["h3"].first_byte.n == 0 and ph["h3"].failed_runs == 1
    assert ph["h2"].first_byte.n == 1  # TCP still works
    assert not r.unreachable


def _rec(*events, **params) -> Recording:
    p = {"url": "https://www.naver.com/", "protocols": ["h1", "h2", "h3"], "repeat": 1, "requests": 1}
    p.update(params)
    return Recording(probe="http-compare", params=p, events=list(events))


def _doc(mode, **kw) -> RequestTraced:
    base = dict(t=0.0, run=0, mode=mode, index=0, conn=0, url="https://www.naver.com/", trace=[
        ("request.issued", 0.0), ("connection.connect_tcp.started", 0.0), ("connection.connect_tcp.complete", 0.05),
        ("connection.start_tls.started", 0.05), ("connection.start_tls.complete", 0.1),
        ("http11.send_request_headers.complete", 0.1), ("http11.receive_response_headers.complete", 0.15),
        ("http11.receive_response_body.complete", 0.16)], status=200, http_version="HTTP/1.1",
        alpn="http/1.1", tls_version="TLSv1.3")
    base.update(kw)
    return RequestTraced(**base)


def test_no_h2_when_alpn_chose_http11():
    r = analyze(_rec(RttSampled(t=0, run=0, address="a", port=443, duration_s=0.05), _doc("h2"),
                     protocols=["h2"]))
    f = [x for x in r.findings if x.code == "http.no-h2"]
    assert len(f) == 1 and "chose http/1.1" in f[0].message
    assert "http2.multiplexing" in f[0].concepts
    # a server without ALPN at all (openssl s_server -www): HTTP/1.1 as well
    r = analyze(_rec(RttSampled(t=0, run=0, address="a", port=443, duration_s=0.05), _doc("h2", alpn=None),
                     protocols=["h2"]))
    assert [x.message for x in r.findings if x.code == "http.no-h2"] == [
        "no HTTP/2: offered h2 and http/1.1 in ALPN, the server answered without ALPN, in HTTP/1.1"]
    # and none when HTTP/2 was spoken
    r = analyze(_rec(_doc("h2", alpn="h2", http_version="HTTP/2"), protocols=["h2"]))
    assert "http.no-h2" not in codes(r)


def test_no_h3_when_nothing_advertises_it_and_quic_times_out():
    h3 = RequestTraced(t=0, run=0, mode="h3", index=0, conn=0, url="https://www.naver.com/",
                       trace=[("quic.connect.started", 0.0)], error_kind="quic-timeout", error="no QUIC handshake")
    r = analyze(_rec(RttSampled(t=0, run=0, address="a", port=443, duration_s=0.05), _doc("h2", alpn="h2"), h3))
    assert "http.no-h3" in codes(r) and "http.udp-blocked" not in codes(r)


def test_path_summary_from_the_scenario():
    from netlab.probes.http_compare.analyze import path_summary

    leg = lambda host, d, delay, loss: {"host": host, "direction": d, "delay_ms": delay, "loss_pct": loss}  # noqa: E731
    path = {"client": [leg("client", "up", 25, 2), leg("client", "down", 25, 2)],
            "server": [leg("web", "up", 5, 0), leg("web", "down", 5, 1)], "server_host": "web"}
    s = path_summary(path)
    assert s["delay_ms"] == 30  # one way
    assert "60 ms" in s["how"]
    # towards the server: client up (2 %) then server down (1 %): 1 - 0.98 * 0.99
    assert "2.98 % towards the server and 2 % back" in s["how"]
    assert s["loss_pct"] == pytest.approx(2.98)


def test_verbose_traces_keep_the_evidence():
    r = analyze(load("compare-50ms"))
    assert [tr["mode"] for tr in r.traces] == ["h1", "h2", "h3", "h3-0rtt"]
    h2 = dict(r.traces[1]["events"])
    assert h2["connection.connect_tcp.started"] == 0.0
    assert h2["http2.receive_response_headers.complete"] > h2["connection.start_tls.complete"]
    h3 = [name for name, _ in r.traces[2]["events"]]
    assert h3[0] == "quic.connect.started" and "h3.headers_received" in h3


def test_redirect_not_followed_then_followed():
    r = analyze(_rec(_doc("h1", status=301, location="https://www.naver.com/home")))
    f = [x for x in r.findings if x.code == "http.redirect"]
    assert len(f) == 1 and "--follow" in f[0].message and "/home" in f[0].message
    r2 = analyze(_rec(RedirectFollowed(t=0, from_url="https://naver.com/", to_url="https://www.naver.com/",
                                       status=301), _doc("h1")))
    assert "http.redirect-followed" in codes(r2) and "http.redirect" not in codes(r2)
    assert r2.url == "https://www.naver.com/"


def _h1_first_byte_at(fb: float) -> RequestTraced:
    return _doc("h1", trace=[("connection.connect_tcp.started", 0.0), ("connection.connect_tcp.complete", 0.01),
                             ("connection.start_tls.started", 0.01), ("connection.start_tls.complete", 0.02),
                             ("http11.send_request_headers.complete", 0.02),
                             ("http11.receive_response_headers.complete", fb),
                             ("http11.receive_response_body.complete", fb)])


def test_extra_round_trip_warning_needs_time_as_well_as_round_trips():
    # RTT 50 ms, first byte after 250 ms: 5 round trips where 3 were expected -> warning
    r = analyze(_rec(RttSampled(t=0, run=0, address="a", port=443, duration_s=0.05), _h1_first_byte_at(0.25)))
    f = [x for x in r.findings if x.code == "http.extra-round-trip"]
    assert len(f) == 1 and "5.0 RTT" in f[0].message and "100 ms more" in f[0].message
    # RTT 10 ms, first byte after 40 ms: one "round trip" too many, but only 10 ms: TLS crypto, not a finding
    r = analyze(_rec(RttSampled(t=0, run=0, address="a", port=443, duration_s=0.01), _h1_first_byte_at(0.04)))
    assert "http.extra-round-trip" not in codes(r)
    assert "processing" in next(x.message for x in r.findings if x.code == "http.round-trips")


def test_tiny_rtt_means_no_round_trip_counting():
    r = analyze(_rec(RttSampled(t=0, run=0, address="a", port=443, duration_s=0.00005), _doc("h1")))
    assert "http.rtt-too-small" in codes(r) and "http.round-trips" not in codes(r)


def test_dns_failure_is_a_finding_and_unreachable():
    r = analyze(_rec(NameResolved(t=0, host="www.naver.com", source="resolver", error="NXDOMAIN from 198.18.0.53")))
    assert codes(r) == ["http.dns-failed"] and r.unreachable


def test_connection_refused_everywhere_is_unreachable():
    bad = [RequestTraced(t=0, run=0, mode=m, index=0, conn=-1, url="https://www.naver.com/", error_kind=k, error="x")
           for m, k in (("h1", "refused"), ("h2", "refused"), ("h3", "quic-timeout"))]
    r = analyze(_rec(*bad))
    assert r.unreachable and "http.connect-failed" in codes(r)


def test_recording_round_trip_gives_the_same_result():
    rec = load("many-50ms")
    import json

    again = Recording.from_json(json.loads(rec.dumps()))
    assert analyze(again).to_json() == analyze(rec).to_json()
