"""Pure analysis for `netlab http-compare`: phases, round trips, waterfalls, findings.

No sockets, no clock: everything comes from the Recording's events, so a recorded fixture gives
the same Result byte for byte.
"""

from __future__ import annotations

import statistics
from urllib.parse import urlsplit

from netlab.model import Finding, Recording
from netlab.probes.http_compare.model import (
    H3_BODY_COMPLETE,
    H3_CONNECT_STARTED,
    H3_HANDSHAKE_COMPLETE,
    H3_HEADERS_RECEIVED,
    H3_REQUEST_SENT,
    MODE_LABELS,
    MODES,
    REQUEST_ISSUED,
    Bar,
    ClientRunFinished,
    HttpCompareResult,
    LinkConfigured,
    ModePhases,
    NameResolved,
    RedirectFollowed,
    RequestTraced,
    RttSampled,
    Stat,
    Waterfall,
)
from netlab.probes.http_compare.objects import alt_svc_entries

# Below this RTT, counting round trips is meaningless: processing time dominates.
MIN_RTT_FOR_COUNTING_MS = 2.0
# A measured count this far above the expected one gets a finding.
EXTRA_RTT_TOLERANCE = 0.75
# ... and by more than this many ms (at a 10 ms RTT, TLS crypto alone adds a few ms)
EXTRA_MS_FLOOR = 10.0
# Below this RTT the report says that processing time shows in the counts.
SHORT_RTT_MS = 20.0



# --------------------------------------------------------------------------------------------
# small statistics
# --------------------------------------------------------------------------------------------


def stat(values: list[float]) -> Stat:
    vals = [v for v in values if v is not None]
    if not vals:
        return Stat()
    return Stat(median=round(statistics.median(vals), 3), low=round(min(vals), 3), high=round(max(vals), 3),
                n=len(vals))


def percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile (p in 0..100)."""
    vals = sorted(v for v in values if v is not None)
    if not vals:
        return None
    k = max(1, -(-len(vals) * p // 100))  # ceil
    return round(vals[int(k) - 1], 3)


# --------------------------------------------------------------------------------------------
# one request's phases from its trace
# --------------------------------------------------------------------------------------------


def _first(trace, *names) -> float | None:
    for name, t in trace:
        if name in names:
            return t
    return None


def _suffix(trace, suffix: str) -> float | None:
    for name, t in trace:
        if name.endswith(suffix):
            return t
    return None


def request_phases(ev: RequestTraced) -> dict[str, float | None]:
    """Phases of one request, in ms: durations of the set-up steps, times since connection start.

    h1/h2 (httpx trace): connect_tcp, start_tls, send_request_headers/body, receive_response_headers,
    receive_response_body.  h3 (our aioquic timing): quic.connect.started, quic.handshake.complete,
    h3.send_headers.complete, h3.headers_received, h3.body.complete.
    """
    tr = list(ev.trace)
    out: dict[str, float | None] = dict.fromkeys(
        ("start", "tcp_connect", "tls_handshake", "quic_handshake", "request_sent", "first_byte", "last_byte",
         "issued"))
    issued = _first(tr, REQUEST_ISSUED)
    out["issued"] = issued
    if ev.mode.startswith("h3"):
        start = _first(tr, H3_CONNECT_STARTED)
        hs = _first(tr, H3_HANDSHAKE_COMPLETE)
        sent = _first(tr, H3_REQUEST_SENT)
        fb = _first(tr, H3_HEADERS_RECEIVED)
        lb = _first(tr, H3_BODY_COMPLETE)
        if start is not None and hs is not None:
            out["quic_handshake"] = (hs - start) * 1000
    else:
        start = _first(tr, "connection.connect_tcp.started")
        tcp_done = _first(tr, "connection.connect_tcp.complete")
        tls0 = _first(tr, "connection.start_tls.started")
        tls1 = _first(tr, "connection.start_tls.complete")
        if start is not None and tcp_done is not None:
            out["tcp_connect"] = (tcp_done - start) * 1000
        if tls0 is not None and tls1 is not None:
            out["tls_handshake"] = (tls1 - tls0) * 1000
        sent = _suffix(tr, ".send_request_body.complete") or _suffix(tr, ".send_request_headers.complete")
        fb = _suffix(tr, ".receive_response_headers.complete")
        lb = _suffix(tr, ".receive_response_body.complete") or _suffix(tr, ".response_closed.started")
    base = start
    out["start"] = start
    out["client_gap"] = None
    if base is not None:
        for key, t in (("request_sent", sent), ("first_byte", fb), ("last_byte", lb)):
            out[key] = (t - base) * 1000 if t is not None else None
        # the client's own time: from the end of the set-up to the request leaving (0-RTT: before it)
        setup_end = hs if ev.mode.startswith("h3") else tls1
        if sent is not None and setup_end is not None:
            out["client_gap"] = max(0.0, (sent - setup_end) * 1000) if sent >= setup_end else (sent - base) * 1000
    out["_abs_first_byte"] = fb
    out["_abs_last_byte"] = lb
    return out


def path_summary(path: dict) -> dict:
    """Configured delay and loss between the client and the server (both directions, all links)."""
    legs = list(path.get("client") or []) + list(path.get("server") or [])
    # towards the server: the client's "up" and the server's "down"; back: the other two
    to_srv = [x for x in legs if (x["host"] == path.get("server_host")) == (x["direction"] == "down")]
    back = [x for x in legs if x not in to_srv]

    def loss(xs):
        keep = 1.0
        for x in xs:
            keep *= 1 - x["loss_pct"] / 100
        return round((1 - keep) * 100, 3)

    l_to, l_back = loss(to_srv), loss(back)
    rtt = sum(x["delay_ms"] for x in legs)
    how = f"sandbox scenario: {rtt:g} ms of configured delay per round trip"
    if l_to or l_back:
        how += f", loss {l_to:g} % towards the server and {l_back:g} % back"
    return {"delay_ms": rtt / 2, "loss_pct": max(l_to, l_back), "how": how, "error": None}


def expected_round_trips(mode: str, tls_version: str | None, early_data: bool | None) -> tuple[int | None, str]:
    """Round trips from the first packet to the first response byte, and the arithmetic."""
    if mode in ("h1", "h1-k", "h2"):
        if tls_version == "TLSv1.2":
            return 4, "TCP 1 + TLS 2 + HTTP 1 = 4"
        if tls_version in (None, "TLSv1.3"):
            return 3, "TCP 1 + TLS 1 + HTTP 1 = 3"
        return None, ""
    if mode == "h3":
        return 2, "QUIC+TLS 1 + HTTP 1 = 2"
    if mode == "h3-0rtt":
        if early_data:
            return 1, "0-RTT: HTTP 1 = 1"
        return 2, "no 0-RTT: QUIC+TLS 1 + HTTP 1 = 2"
    return None, ""


# --------------------------------------------------------------------------------------------
# analyze
# --------------------------------------------------------------------------------------------


def analyze(rec: Recording) -> HttpCompareResult:
    params = rec.params
    url = params.get("url", "")
    res = HttpCompareResult(
        url=url, repeat=int(params.get("repeat") or 1), requests=int(params.get("requests") or 1),
        connections_h1=int(params.get("connections_h1") or 6), protocols=list(params.get("protocols") or []),
    )
    try:
        parts = urlsplit(url if "://" in url else "https://" + url)
        res.host, res.port = (parts.hostname or ""), (parts.port or 443)
    except ValueError:
        pass
    findings: list[Finding] = []

    names = rec.of_type(NameResolved)
    redirects = rec.of_type(RedirectFollowed)
    links = rec.of_type(LinkConfigured)
    if links:
        lk = links[-1]
        res.link = {"delay_ms": lk.delay_ms, "loss_pct": lk.loss_pct, "how": lk.how, "error": lk.error}
    elif isinstance(rec.environment.get("sandbox_path"), dict):
        res.link = path_summary(rec.environment["sandbox_path"])
    for r in redirects:
        res.redirects.append({"from": r.from_url, "to": r.to_url, "status": r.status})
        findings.append(Finding(
            "http.redirect-followed", "info", f"followed {r.status} from {r.from_url} to {r.to_url} (--follow)",
            message_ko=f"{r.status} 리다이렉트를 따라감: {r.from_url} → {r.to_url} (--follow)"))
    if redirects:
        res.url = redirects[-1].to_url
        parts = urlsplit(res.url)
        res.host, res.port = (parts.hostname or res.host), (parts.port or 443)
    if names:
        n = names[-1]
        res.address = n.address
        res.resolution = {
            "host": n.host, "source": n.source, "addresses": list(n.addresses), "address": n.address,
            "resolver": n.resolver, "ms": round(n.duration_s * 1000, 3) if n.duration_s is not None else None,
            "cnames": list(n.cnames), "https_records": list(n.https_records), "https_alpn": list(n.https_alpn),
            "error": n.error,
        }
        if n.error or not n.address:
            findings.append(Finding("http.dns-failed", "error", f"name resolution failed: {n.error}",
                                    message_ko=f"이름 해석 실패: {n.error}"))
            res.unreachable = True
            res.findings = findings
            return res

    rtts = [s.duration_s * 1000 for s in rec.of_type(RttSampled) if s.duration_s is not None]
    res.rtt_ms = stat(rtts)
    rtt = res.rtt_ms.median

    reqs = rec.of_type(RequestTraced)
    runs = rec.of_type(ClientRunFinished)
    res.qlog_files = [r.qlog_file for r in runs if r.qlog_file]
    res.chart = rec.artifacts.get("chart")

    # ---- discovery of h3
    alt = next((r.alt_svc for r in reqs if r.mode in ("h1", "h1-k", "h2") and r.alt_svc), None)
    alt_h3 = [e for e in alt_svc_entries(alt) if e[0] == "h3"]
    https_alpn = res.resolution.get("https_alpn", []) if res.resolution else []
    via = []
    if alt_h3:
        via.append("Alt-Svc header")
    if "h3" in https_alpn:
        via.append("HTTPS DNS record")
    res.discovery = {
        "alt_svc": alt, "alt_svc_h3": [f'{p}="{h}:{port}"' for p, h, port in alt_h3],
        "https_alpn": https_alpn, "advertised_by": via,
    }

    # ---- phases per mode (the document request of each run)
    modes_seen = [m for m in MODES if any(r.mode == m for r in reqs) or any(r.mode == m for r in runs)]
    for mode in modes_seen:
        docs = [r for r in reqs if r.mode == mode and r.index == 0]
        ok = [r for r in docs if r.error_kind is None]
        mruns = [r for r in runs if r.mode == mode]
        label = MODE_LABELS[mode].replace("K", str(res.connections_h1))
        mp = ModePhases(mode=mode, label=label, runs=len(mruns) or len(docs),
                        failed_runs=len([r for r in docs if r.error_kind]) + len(
                            [r for r in mruns if r.error_kind == "no-ticket"]))
        ph = [request_phases(r) for r in ok]
        mp.tcp_connect = stat([p["tcp_connect"] for p in ph])
        mp.tls_handshake = stat([p["tls_handshake"] for p in ph])
        mp.quic_handshake = stat([p["quic_handshake"] for p in ph])
        mp.request_sent = stat([p["request_sent"] for p in ph])
        mp.first_byte = stat([p["first_byte"] for p in ph])
        mp.last_byte = stat([p["last_byte"] for p in ph])
        mp.client_gap = stat([p["client_gap"] for p in ph])
        if rtt:
            mp.rtts_to_first_byte = stat([p["first_byte"] / rtt for p in ph if p["first_byte"] is not None])
            mp.rtts_on_wire = stat([(p["first_byte"] - p["client_gap"]) / rtt for p in ph
                                    if p["first_byte"] is not None and p["client_gap"] is not None])
        mp.cpu_ms = stat([r.cpu_s * 1000 for r in mruns if r.error_kind != "no-ticket"])
        if ok:
            last = ok[-1]
            mp.http_version, mp.alpn, mp.tls_version = last.http_version, last.alpn, last.tls_version
            mp.session_resumed = last.session_resumed
            early = [r.early_data_accepted for r in ok if r.early_data_accepted is not None]
            mp.early_data_accepted = (all(early) if early else None)
        mp.expected_rtts, mp.arithmetic = expected_round_trips(mode, mp.tls_version, mp.early_data_accepted)
        res.phases.append(mp)
        if ok:
            first = ok[0]
            t0 = request_phases(first)["start"] or min(t for _, t in first.trace)
            res.traces.append({"mode": mode, "label": label, "run": first.run,
                               "events": [[name, round((t - t0) * 1000, 3)] for name, t in first.trace]})

    # ---- waterfalls (N requests)
    if res.requests > 1:
        for mode in modes_seen:
            wf = waterfall(mode, reqs, runs, res.connections_h1)
            if wf is not None:
                res.waterfalls.append(wf)

    findings.extend(_findings(res, reqs, runs, rtt))
    res.findings = findings
    if not any(r.error_kind is None for r in reqs) and reqs:
        kinds = {r.error_kind for r in reqs}
        if kinds <= {"refused", "timeout", "quic-timeout", "other"}:
            res.unreachable = True
    return res


def waterfall(mode: str, reqs: list[RequestTraced], runs: list[ClientRunFinished], k: int) -> Waterfall | None:
    mreqs = [r for r in reqs if r.mode == mode]
    run_ids = sorted({r.run for r in mreqs})
    if not run_ids or not any(r.index > 0 for r in mreqs):
        return None
    per_run: dict[int, list[Bar]] = {}
    totals: dict[int, float] = {}
    completions: list[float] = []
    batch = {r.run: r.batch_t for r in runs if r.mode == mode}
    for run in run_ids:
        rr = sorted((r for r in mreqs if r.run == run), key=lambda r: r.index)
        t0 = min((t for r in rr for _, t in r.trace), default=None)
        if t0 is None:
            continue
        bars = []
        end_max = None
        for r in rr:
            ph = request_phases(r)
            issued = ph["issued"] if ph["issued"] is not None else (r.trace[0][1] if r.trace else t0)
            fb, lb = ph["_abs_first_byte"], ph["_abs_last_byte"]
            connect_ms = None
            c0 = _first(r.trace, "connection.connect_tcp.started", H3_CONNECT_STARTED)
            c1 = _first(r.trace, "connection.start_tls.complete", H3_HANDSHAKE_COMPLETE)
            if c0 is not None and c1 is not None:
                connect_ms = round((c1 - c0) * 1000, 3)
            bars.append(Bar(
                index=r.index, path=urlsplit(r.url).path or "/", conn=r.conn,
                start_ms=round((min(issued, c0 if c0 is not None else issued) - t0) * 1000, 3),
                first_byte_ms=round((fb - t0) * 1000, 3) if fb is not None else None,
                end_ms=round((lb - t0) * 1000, 3) if lb is not None else None,
                status=r.status, error=r.error, connect_ms=connect_ms,
            ))
            if lb is not None:
                end_max = max(end_max or 0.0, (lb - t0) * 1000)
                if r.index > 0 and batch.get(run) is not None:
                    completions.append((lb - batch[run]) * 1000)
        per_run[run] = bars
        if end_max is not None:
            totals[run] = end_max
    if not per_run:
        return None
    # the representative run: the one whose total time is the median
    if totals:
        ordered = sorted(totals, key=lambda r: totals[r])
        rep = ordered[(len(ordered) - 1) // 2]
    else:
        rep = next(iter(per_run))
    conns = len({b.conn for b in per_run[rep] if b.conn >= 0})
    return Waterfall(
        mode=mode, label=MODE_LABELS[mode].replace("K", str(k)), run=rep, connections=conns,
        total_ms=round(totals[rep], 3) if rep in totals else None, bars=per_run[rep],
        completion=stat(completions), completion_p90=percentile(completions, 90),
    )


def _phase(res: HttpCompareResult, mode: str) -> ModePhases | None:
    return next((p for p in res.phases if p.mode == mode), None)


def _findings(res: HttpCompareResult, reqs: list[RequestTraced], runs: list[ClientRunFinished],
              rtt: float | None) -> list[Finding]:
    out: list[Finding] = []
    host = res.host
    seen_kinds: set[tuple[str, str]] = set()

    # ---- failures, one finding per (mode family, kind)
    for r in reqs:
        if r.error_kind is None or r.index != 0:
            continue
        fam = "h3" if r.mode.startswith("h3") else "tcp"
        key = (fam, r.error_kind)
        if key in seen_kinds:
            continue
        seen_kinds.add(key)
        proto = MODE_LABELS[r.mode]
        if r.error_kind == "certificate":
            out.append(Finding(
                "http.certificate", "error",
                f"{proto}: {r.error}; see the chain with: netlab tls-inspect {host}",
                message_ko=f"{proto}: 인증서 검증 실패 ({r.error}); 체인 확인: netlab tls-inspect {host}"))
        elif r.error_kind == "tls":
            out.append(Finding("http.tls-failed", "error", f"{proto}: {r.error}; details: netlab tls-inspect {host}",
                               message_ko=f"{proto}: TLS 실패 ({r.error}); 자세히: netlab tls-inspect {host}"))
        elif r.error_kind == "quic-timeout":
            advertised = res.discovery.get("advertised_by") or []
            if advertised:
                out.append(Finding(
                    "http.udp-blocked", "warning",
                    f"the site advertises HTTP/3 ({', '.join(advertised)}) but no QUIC answer came back: "
                    "UDP is blocked or filtered on the path (browsers then fall back to HTTP/2)",
                    concepts=("quic.why-udp", "http.alt-svc"),
                    message_ko=f"HTTP/3를 광고하지만({', '.join(advertised)}) QUIC 응답이 없음: 경로에서 UDP가 막힘 "
                    "(브라우저는 HTTP/2로 되돌아감)"))
            else:
                tcp_runs = [x for x in reqs if x.mode in ("h1", "h1-k", "h2")]
                if any(x.error_kind is None for x in tcp_runs):
                    why = "no HTTP/3: no Alt-Svc h3 and no HTTPS record with h3"
                elif tcp_runs:
                    why = "no HTTP/3 (Alt-Svc unknown: HTTP/1.1 and HTTP/2 failed too)"
                else:
                    why = "no HTTP/3 (Alt-Svc not checked: add h1 or h2 to --protocols)"
                out.append(Finding(
                    "http.no-h3", "warning", why + f", and no QUIC answer on {res.port}/udp",
                    concepts=("http.alt-svc",),
                    message_ko=f"HTTP/3 없음: Alt-Svc·HTTPS 레코드에 h3 광고가 없고 {res.port}/udp에 QUIC 응답도 없음"))
        elif r.error_kind == "quic-closed":
            out.append(Finding("http.h3-failed", "warning", f"{proto}: {r.error}", concepts=("quic.why-udp",),
                               message_ko=f"{proto}: {r.error}"))
        elif r.error_kind == "reset":
            hint = f"; see the handshake with: netlab tls-inspect {host}" if "TLS" in (r.error or "") else ""
            out.append(Finding("http.reset", "error", f"{proto}: {r.error}{hint}",
                               message_ko=f"{proto}: 서버가 연결을 리셋함 (TCP RST){hint}"))
        elif r.error_kind in ("refused", "timeout"):
            out.append(Finding("http.connect-failed", "error", f"{proto}: {r.error}",
                               message_ko=f"{proto}: 연결 실패 ({r.error})"))
        else:
            out.append(Finding("http.request-failed", "error", f"{proto}: {r.error}", message_ko=f"{proto}: {r.error}"))

    # ---- redirect not followed
    doc = next((r for r in reqs if r.index == 0 and r.status and 300 <= r.status < 400), None)
    if doc is not None and not res.redirects:
        out.append(Finding(
            "http.redirect", "warning",
            f"the server answered {doc.status} (Location: {doc.location or '?'}): the figures are for the redirect "
            "itself; add --follow to measure the page it points to",
            message_ko=f"서버가 {doc.status}로 응답 (Location: {doc.location or '?'}): 측정값은 리다이렉트 응답의 것; "
            "가리키는 페이지를 재려면 --follow"))

    # ---- no h2
    h2 = _phase(res, "h2")
    if h2 is not None and h2.first_byte.n and h2.http_version != "HTTP/2":
        chose = (f"the server chose {h2.alpn}" if h2.alpn
                 else f"the server answered without ALPN, in {h2.http_version or 'HTTP/1.x'}")
        chose_ko = (f"서버가 {h2.alpn}을 선택" if h2.alpn
                    else f"서버가 ALPN 없이 {h2.http_version or 'HTTP/1.x'}로 응답")
        out.append(Finding(
            "http.no-h2", "warning", f"no HTTP/2: offered h2 and http/1.1 in ALPN, {chose}",
            concepts=("http2.multiplexing",), message_ko=f"HTTP/2 없음: ALPN에 h2와 http/1.1을 제시했지만 {chose_ko}"))

    # ---- discovery
    adv = res.discovery.get("advertised_by") or []
    h3 = _phase(res, "h3")
    if h3 is not None and h3.first_byte.n:
        if adv:
            out.append(Finding(
                "http.h3-discovered", "info", f"HTTP/3 found through: {', '.join(adv)}"
                + (f" ({res.discovery['alt_svc']})" if res.discovery.get("alt_svc") else ""),
                concepts=("http.alt-svc",), message_ko=f"HTTP/3를 찾은 경로: {', '.join(adv)}"))
        else:
            out.append(Finding(
                "http.h3-unadvertised", "info",
                "HTTP/3 answered, but nothing advertised it (no Alt-Svc, no HTTPS record): a browser would not try it",
                concepts=("http.alt-svc",),
                message_ko="HTTP/3가 응답했지만 광고(Alt-Svc, HTTPS 레코드)가 없음: 브라우저는 시도하지 않음"))

    # ---- round trips
    if rtt is not None:
        counted = [p for p in res.phases if p.rtts_to_first_byte.median is not None]
        if rtt < MIN_RTT_FOR_COUNTING_MS:
            out.append(Finding(
                "http.rtt-too-small", "info",
                f"the RTT is {rtt:.2f} ms: processing time dominates, so round trips cannot be counted; "
                "run it in the sandbox, whose links have delay (netlab --sandbox http-compare ...)",
                message_ko=f"RTT가 {rtt:.2f} ms라 처리 시간이 더 커서 왕복 횟수를 셀 수 없음; 지연이 있는 샌드박스 링크에서 실행 (netlab --sandbox http-compare ...)"))
        elif counted:
            parts = [f"{p.label} {p.rtts_to_first_byte.median:.1f} (expected {p.expected_rtts})" for p in counted]
            out.append(Finding(
                "http.round-trips", "info",
                f"round trips to the first byte, RTT {rtt:.1f} ms: " + ", ".join(parts)
                + (" (at so short an RTT, a few ms of processing, TLS crypto included, show in the counts)"
                   if rtt < SHORT_RTT_MS else ""),
                concepts=("quic.why-udp", "quic.zero-rtt"),
                message_ko=f"첫 바이트까지의 왕복 횟수 (RTT {rtt:.1f} ms): " + ", ".join(
                    f"{p.label} {p.rtts_to_first_byte.median:.1f} (예상 {p.expected_rtts})" for p in counted)))
            for p in counted:
                # judged on the wire: the client's own time between the phases is not a round trip
                wire = p.rtts_on_wire.median if p.rtts_on_wire.median is not None else p.rtts_to_first_byte.median
                extra_ms = (wire - p.expected_rtts) * rtt if p.expected_rtts is not None else 0.0
                if extra_ms > max(EXTRA_RTT_TOLERANCE * rtt, EXTRA_MS_FLOOR):
                    out.append(Finding(
                        "http.extra-round-trip", "warning",
                        f"{p.label}: {wire:.1f} RTT on the wire to the first byte, expected {p.expected_rtts} "
                        f"({extra_ms:.0f} ms more): server think time, a busy machine, loss, or (QUIC) a certificate "
                        "chain over the 3x anti-amplification limit",
                        message_ko=f"{p.label}: 첫 바이트까지 네트워크에서 {wire:.1f} RTT (예상 {p.expected_rtts}, "
                        f"{extra_ms:.0f} ms 더): 서버 처리 시간, 바쁜 기계, 손실, 또는 (QUIC) 3배 증폭 제한을 넘는 인증서 체인"))

    # ---- 0-RTT
    z = _phase(res, "h3-0rtt")
    if z is not None and z.first_byte.n:
        if z.early_data_accepted:
            out.append(Finding(
                "http.zero-rtt", "info",
                "the resumed HTTP/3 connection sent its request as 0-RTT data, and the server accepted it: "
                "the handshake round trip is hidden, the request's own round trip is not",
                concepts=("quic.zero-rtt",),
                message_ko="재개된 HTTP/3 연결이 요청을 0-RTT로 보냈고 서버가 받아들임: 핸드셰이크 왕복은 숨겨지지만 "
                "요청 자체의 왕복은 남음"))
        else:
            out.append(Finding(
                "http.zero-rtt-rejected", "info",
                ("the HTTP/3 session was resumed without 0-RTT (the ticket allowed no early data, or the server "
                 "refused it): 2 RTT, as a new connection")
                if z.session_resumed else "the HTTP/3 session was not resumed: the server did not accept the ticket",
                concepts=("quic.zero-rtt",),
                message_ko="HTTP/3 세션은 재개됐지만 0-RTT는 쓰이지 않음" if z.session_resumed else "HTTP/3 세션이 재개되지 않음"))

    # ---- implementation cost
    cpu = [(p.label, p.cpu_ms.median) for p in res.phases if p.cpu_ms.median is not None and p.first_byte.n]
    if any(m.startswith("h3") for m in (p.mode for p in res.phases)) and len(cpu) > 1:
        out.append(Finding(
            "http.client-cpu", "info",
            "client CPU time per run: " + ", ".join(f"{lab} {ms:.1f} ms" for lab, ms in cpu)
            + " — httpx rides on the kernel's TCP, aioquic runs QUIC in Python: a difference here is the "
            "implementation's, not the protocol's",
            concepts=("quic.why-udp",),
            message_ko="실행당 클라이언트 CPU 시간: " + ", ".join(f"{lab} {ms:.1f} ms" for lab, ms in cpu)
            + " — httpx는 커널 TCP 위에서, aioquic은 QUIC을 파이썬으로 처리: 이 차이는 구현의 비용이지 프로토콜의 성질이 아님"))

    # ---- N requests: multiplexing and head-of-line blocking
    wf = {w.mode: w for w in res.waterfalls}
    if res.requests > 1 and ("h1" in wf or "h1-k" in wf) and "h2" in wf:
        parts = [f"{w.label} {w.total_ms:.0f} ms on {w.connections} connection(s)"
                 for w in wf.values() if w.total_ms is not None]
        out.append(Finding(
            "http.multiplexing", "info", f"{res.requests} requests, whole page: " + "; ".join(parts),
            concepts=("http.keep-alive", "http2.multiplexing", "http.header-compression"),
            message_ko=f"요청 {res.requests}개, 페이지 전체: " + "; ".join(
                f"{w.label} {w.total_ms:.0f} ms, 연결 {w.connections}개" for w in wf.values() if w.total_ms is not None)))
    if "h2" in wf and "h3" in wf and wf["h2"].completion_p90 is not None and wf["h3"].completion_p90 is not None:
        a, b = wf["h2"].completion_p90, wf["h3"].completion_p90
        loss = (res.link or {}).get("loss_pct") or 0
        lead = "with loss on the link" if loss else "on this link"
        out.append(Finding(
            "http.hol-blocking", "info",
            f"object completion p90 {lead}: HTTP/2 {a:.0f} ms, HTTP/3 {b:.0f} ms"
            + (". With loss, one lost TCP segment holds up every HTTP/2 stream, a lost QUIC packet only its own "
               "stream; compare with a run without loss (initial windows and implementations differ too)"
               if loss else ""),
            concepts=("http.hol-blocking",),
            message_ko=f"객체 완료 시간 p90: HTTP/2 {a:.0f} ms, HTTP/3 {b:.0f} ms"
            + (". 손실이 있으면 TCP 세그먼트 하나를 잃을 때 HTTP/2의 모든 스트림이 멈추고, QUIC은 잃은 패킷의 "
               "스트림만 멈춤; 손실 없는 실행과 비교할 것 (초기 윈도와 구현도 다름)" if loss else "")))
    return out
