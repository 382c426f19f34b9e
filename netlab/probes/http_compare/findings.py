"""The findings of `netlab http-compare`: one small rule each, in the order the report shows them (pure).

Each rule gets the Result (phases, waterfalls, discovery already computed) and the Recording (for
the raw request events) and returns nothing, one Finding or several.
"""

from __future__ import annotations

from netlab.i18n import join
from netlab.model import DeadlineReached, Finding, Recording
from netlab.probes.http_compare import cc
from netlab.probes.http_compare.messages import M, recorded, via_ref
from netlab.probes.http_compare.model import ClientRunFinished, HttpCompareResult, ModePhases, RequestTraced
from netlab.probes.http_compare.state import MAX_BODY_BYTES
from netlab.probes.rules import Rules, finding

# Below this RTT, counting round trips is meaningless: processing time dominates.
MIN_RTT_FOR_COUNTING_MS = 2.0
# A measured count this far above the expected one gets a finding.
EXTRA_RTT_TOLERANCE = 0.75
# ... and by more than this many ms (at a 10 ms RTT, TLS crypto alone adds a few ms)
EXTRA_MS_FLOOR = 10.0
# Below this RTT the report says that processing time shows in the counts.
SHORT_RTT_MS = 20.0

TCP_MODES = ("h1", "h1-k", "h2")

RULES = Rules()


def _phase(res: HttpCompareResult, mode: str) -> ModePhases | None:
    return next((p for p in res.phases if p.mode == mode), None)


def _label(mode: str, res: HttpCompareResult):
    return M.t(f"mode.{mode}", conns=res.connections_h1)


def _via(res: HttpCompareResult):
    return join(via_ref(v) for v in res.discovery.get("advertised_by") or [])


@RULES.rule
def redirects_followed(res: HttpCompareResult, rec: Recording):
    return [finding("http.redirect-followed", "info",
                    M.t("f.redirect-followed", status=r["status"], src=r["from"], dst=r["to"]))
            for r in res.redirects]


@RULES.rule
def dns_failed(res: HttpCompareResult, rec: Recording):
    r = res.resolution
    if r and (r.get("error") or not r.get("address")):
        return finding("http.dns-failed", "error", M.t("f.dns-failed", error=recorded(r["error"]) if r.get("error") else M.t("no_address")))
    return None


# ---- failures: one finding per (protocol family, kind of failure), for the document requests


def _quic_timeout(res: HttpCompareResult, rec: Recording, r: RequestTraced) -> Finding:
    """quic-timeout: UDP blocked when h3 is advertised, else no HTTP/3 at all."""
    if res.discovery.get("advertised_by"):
        return finding("http.udp-blocked", "warning", M.t("f.udp-blocked", via=_via(res)),
                       concepts=("quic.why-udp", "http.alt-svc"))
    tcp_runs = [x for x in rec.of_type(RequestTraced) if x.mode in TCP_MODES]
    if any(x.error_kind is None for x in tcp_runs):
        why = "no-h3.none"
    else:
        why = "no-h3.unknown" if tcp_runs else "no-h3.unchecked"
    return finding("http.no-h3", "warning", M.t("f.no-h3", why=M.t(why), port=res.port), concepts=("http.alt-svc",))


def _reset_during_tls(r: RequestTraced) -> bool:
    names = [name for name, _ in r.trace]
    return "connection.start_tls.started" in names and "connection.start_tls.complete" not in names


def _failure(res: HttpCompareResult, rec: Recording, r: RequestTraced) -> Finding:
    proto, error, host = _label(r.mode, res), recorded(r.error), res.host
    kind = r.error_kind
    if kind == "certificate":
        return finding("http.certificate", "error", M.t("f.certificate", proto=proto, error=error, host=host))
    if kind == "tls":
        return finding("http.tls-failed", "error", M.t("f.tls-failed", proto=proto, error=error, host=host))
    if kind == "quic-timeout":
        return _quic_timeout(res, rec, r)
    if kind == "quic-closed":
        return finding("http.h3-failed", "warning", M.t("f.proto-error", proto=proto, error=error),
                       concepts=("quic.why-udp",))
    if kind == "reset":
        hint = M.t("reset-hint", host=host) if _reset_during_tls(r) else ""
        return finding("http.reset", "error", M.t("f.reset", proto=proto, error=error, hint=hint))
    code = "http.connect-failed" if kind in ("refused", "timeout") else "http.request-failed"
    return finding(code, "error", M.t("f.proto-error", proto=proto, error=error))


@RULES.rule
def failures(res: HttpCompareResult, rec: Recording):
    out, seen = [], set()
    for r in rec.of_type(RequestTraced):
        key = ("h3" if r.mode.startswith("h3") else "tcp", r.error_kind)
        if r.error_kind is None or r.index != 0 or key in seen:
            continue
        seen.add(key)
        out.append(_failure(res, rec, r))
    return out


@RULES.rule
def redirect_not_followed(res: HttpCompareResult, rec: Recording):
    doc = next((r for r in rec.of_type(RequestTraced) if r.index == 0 and r.status and 300 <= r.status < 400), None)
    if doc is None or res.redirects:
        return None
    return finding("http.redirect", "warning", M.t("f.redirect", status=doc.status, location=doc.location or "?"))


@RULES.rule
def no_h2(res: HttpCompareResult, rec: Recording):
    h2 = _phase(res, "h2")
    if h2 is None or not h2.first_byte.n or h2.http_version == "HTTP/2":
        return None
    chose = (M.t("no-h2.chose", alpn=h2.alpn) if h2.alpn
             else M.t("no-h2.no-alpn", version=h2.http_version or "HTTP/1.x"))
    return finding("http.no-h2", "warning", M.t("f.no-h2", chose=chose), concepts=("http2.multiplexing",))


@RULES.rule
def h3_discovery(res: HttpCompareResult, rec: Recording):
    h3 = _phase(res, "h3")
    if h3 is None or not h3.first_byte.n:
        return None
    if not res.discovery.get("advertised_by"):
        return finding("http.h3-unadvertised", "info", M.t("f.h3-unadvertised"), concepts=("http.alt-svc",))
    alt = f" ({res.discovery['alt_svc']})" if res.discovery.get("alt_svc") else ""
    return finding("http.h3-discovered", "info", M.t("f.h3-discovered", via=_via(res), alt=alt),
                   concepts=("http.alt-svc",))


# ---- round trips


def _counted(res: HttpCompareResult) -> list[ModePhases]:
    return [p for p in res.phases if p.rtts_to_first_byte.median is not None]


@RULES.rule
def round_trips(res: HttpCompareResult, rec: Recording):
    rtt = res.rtt_ms.median
    if rtt is None:
        return None
    if rtt < MIN_RTT_FOR_COUNTING_MS:
        return finding("http.rtt-too-small", "info", M.t("f.rtt-too-small", rtt=f"{rtt:.2f}"))
    counted = _counted(res)
    if not counted:
        return None
    parts = join(M.t("rt.part", label=_label(p.mode, res), n=f"{p.rtts_to_first_byte.median:.1f}",
                     expected=p.expected_rtts) for p in counted)
    note = M.t("rt.short-note") if rtt < SHORT_RTT_MS else ""
    return finding("http.round-trips", "info", M.t("f.round-trips", rtt=f"{rtt:.1f}", parts=parts, note=note),
                   concepts=("quic.why-udp", "quic.zero-rtt"))


@RULES.rule
def extra_round_trips(res: HttpCompareResult, rec: Recording):
    """Judged on the wire: the client's own time between the phases is not a round trip."""
    rtt = res.rtt_ms.median
    if rtt is None or rtt < MIN_RTT_FOR_COUNTING_MS:
        return None
    out = []
    for p in _counted(res):
        wire = p.rtts_on_wire.median if p.rtts_on_wire.median is not None else p.rtts_to_first_byte.median
        extra_ms = (wire - p.expected_rtts) * rtt if p.expected_rtts is not None else 0.0
        if extra_ms > max(EXTRA_RTT_TOLERANCE * rtt, EXTRA_MS_FLOOR):
            out.append(finding("http.extra-round-trip", "warning", M.t(
                "f.extra-round-trip", label=_label(p.mode, res), wire=f"{wire:.1f}", expected=p.expected_rtts,
                extra=f"{extra_ms:.0f}")))
    return out


@RULES.rule
def zero_rtt(res: HttpCompareResult, rec: Recording):
    z = _phase(res, "h3-0rtt")
    if z is None or not z.first_byte.n:
        return None
    if z.early_data_accepted:
        return finding("http.zero-rtt", "info", M.t("f.zero-rtt"), concepts=("quic.zero-rtt",))
    key = "f.zero-rtt-unused" if z.session_resumed else "f.not-resumed"
    return finding("http.zero-rtt-rejected", "info", M.t(key), concepts=("quic.zero-rtt",))


@RULES.rule
def client_cpu(res: HttpCompareResult, rec: Recording):
    """The implementation's cost, shown apart from the protocol's round trips."""
    cpu = [p for p in res.phases if p.cpu_ms.median is not None and p.first_byte.n]
    if not any(p.mode.startswith("h3") for p in res.phases) or len(cpu) < 2:
        return None
    parts = join(M.t("cpu.part", label=_label(p.mode, res), ms=f"{p.cpu_ms.median:.1f}") for p in cpu)
    return finding("http.client-cpu", "info", M.t("f.client-cpu", parts=parts), concepts=("quic.why-udp",))


# ---- N requests: multiplexing and head-of-line blocking


@RULES.rule
def multiplexing(res: HttpCompareResult, rec: Recording):
    wf = {w.mode: w for w in res.waterfalls}
    if res.requests < 2 or not ("h1" in wf or "h1-k" in wf) or "h2" not in wf:
        return None
    parts = join((M.t("mux.part", label=_label(w.mode, res), ms=f"{w.total_ms:.0f}", c=w.connections)
                  for w in wf.values() if w.total_ms is not None), sep="; ")
    return finding("http.multiplexing", "info", M.t("f.multiplexing", n=res.requests, parts=parts),
                   concepts=("http.keep-alive", "http2.multiplexing", "http.header-compression"))


def _loss(res: HttpCompareResult) -> float:
    return float((res.link or {}).get("loss_pct") or 0.0)


def _cpu(res: HttpCompareResult, mode: str) -> str:
    p = _phase(res, mode)
    return f"{p.cpu_ms.median:.0f}" if p is not None and p.cpu_ms.median is not None else "?"


@RULES.rule
def hol_blocking(res: HttpCompareResult, rec: Recording):
    """The random-loss experiment: completion p90 of the page's objects, with both algorithms named."""
    wf = {w.mode: w for w in res.waterfalls}
    if "h2" not in wf or "h3" not in wf or wf["h2"].completion_p90 is None or wf["h3"].completion_p90 is None:
        return None
    loss = _loss(res)
    a, b = wf["h2"].completion_p90, wf["h3"].completion_p90
    slower = M.t("mode.h3") if b > a else M.t("mode.h2")
    cong = res.congestion or {}
    if not loss:
        verdict = M.t("hol.v-clean")
    elif abs(a - b) <= 0.1 * max(a, b):
        verdict = M.t("hol.v-close", pct=10)
    elif cc.mixed(cong):
        faster_side = cong.get("quic_server") if b < a else cong.get("tcp_server")
        key = "hol.v-mixed" if (faster_side or {}).get("family") == "model" else "hol.v-mixed-despite"
        verdict = M.t(key, slower=slower, faster=M.t("mode.h3") if b < a else M.t("mode.h2"),
                      fa=_cc_short(cong.get("tcp_server")), fb=_cc_short(cong.get("quic_server")),
                      suggest=cc.suggestion(cong) or "reno")
    elif cc.matched(cong):
        verdict = M.t("hol.v-h3-faster") if b < a else M.t("hol.v-h3-slower", cpu3=_cpu(res, "h3"), cpu2=_cpu(res, "h2"))
    else:
        verdict = M.t("hol.v-unknown", slower=slower)
    lead = M.t("hol.lossy", loss=f"{loss:g}") if loss else M.t("hol.clean")
    return finding("http.hol-blocking", "info", M.t(
        "f.hol-blocking", lead=lead, n=res.repeat, a=f"{a:.0f}", b=f"{b:.0f}", tcp=_cc_short(cong.get("tcp_server")),
        quic=_cc_short(cong.get("quic_server")), verdict=verdict), concepts=("http.hol-blocking", "http.cc-fairness"))


@RULES.rule
def few_repeats(res: HttpCompareResult, rec: Recording):
    if _loss(res) and res.waterfalls and res.repeat < 5:
        return finding("http.few-repeats", "warning", M.t("f.few-repeats", n=res.repeat))
    return None


# ---- congestion control: named on both sides, and a warning when a loss comparison mixes kinds


def _cc_short(side: dict | None):
    side = side or {}
    algo = side.get("algorithm")
    if not algo:
        return M.t("cc.unknown")
    return M.t("cc.short", algo=cc.display(algo), family=M.t(f"cc.family.{side.get('family') or 'none'}"))


@RULES.rule
def congestion_named(res: HttpCompareResult, rec: Recording):
    cong = res.congestion or {}
    if "tcp_server" not in cong or "quic_server" not in cong:
        return None
    if not cong["tcp_server"].get("algorithm") and not cong["quic_server"].get("algorithm"):
        return None  # a recording from before the probe named them: the report's section says "not recorded"
    return finding("http.congestion-control", "info", M.t("f.cc", tcp=_cc_short(cong["tcp_server"]),
                                                           quic=_cc_short(cong["quic_server"])),
                   concepts=("http.cc-fairness",))


@RULES.rule
def congestion_mixed(res: HttpCompareResult, rec: Recording):
    cong = res.congestion or {}
    lossy = _loss(res) > 0
    hol = res.hol is not None and any(r.fired for r in res.hol.runs)
    if not (lossy or hol) or "tcp_server" not in cong or "quic_server" not in cong:
        return None
    if cc.mixed(cong):
        t, q = cong["tcp_server"], cong["quic_server"]
        key = "f.cc-mixed-loss" if lossy else "f.cc-mixed-hol"
        return finding("http.cc-mismatch", "warning", M.t(
            key, a=cc.display(t["algorithm"]), fa=M.t(f"cc.family.{t['family']}"), b=cc.display(q["algorithm"]),
            fb=M.t(f"cc.family.{q['family']}"), suggest=cc.suggestion(cong) or "reno"), concepts=("http.cc-fairness",))
    if lossy and not cong["tcp_server"].get("algorithm"):
        return finding("http.cc-unknown", "warning", M.t("f.cc-unknown-loss"), concepts=("http.cc-fairness",))
    return None


# ---- --hol: one packet dropped on purpose


def _fmt(ms: float | None) -> str:
    return "-" if ms is None else (f"{ms:.0f}" if ms >= 10 else f"{ms:.1f}")


def _wait(res: HttpCompareResult, ms: float | None):
    rtt = res.rtt_ms.median
    if ms is None:
        return M.t("hol.wait-ms", ms="-")
    if rtt:
        return M.t("hol.wait", ms=_fmt(ms), rtt=f"{ms / rtt:.1f}")
    return M.t("hol.wait-ms", ms=_fmt(ms))


def _same(runs: list, r) -> int:
    """Runs of the same protocol whose streams behaved alike (the same number waited)."""
    return sum(1 for x in runs if x.mode == r.mode and x.retransmit_ms is not None and x.waited == r.waited
               and x.incomplete == r.incomplete)


@RULES.rule
def hol_streams(res: HttpCompareResult, rec: Recording):
    h = res.hol
    if h is None:
        return None
    out = []
    rep = h.representative
    for mode in ("h2", "h3"):
        runs = [r for r in h.runs if r.mode == mode]
        r = next((x for x in runs if x.run == rep and x.retransmit_ms is not None), None) or \
            next((x for x in runs if x.retransmit_ms is not None), None)
        if r is None or not r.waited:
            continue
        wait = r.retransmit_ms
        done = sum(1 for s in r.streams if s.done_before_loss)
        done_t = M.t("hol.done", n=done) if done else ""
        n_ok = len([x for x in runs if x.retransmit_ms is not None])
        runs_t = M.t("hol.runs", run=r.run + 1, same=_same(runs, r), n=n_ok) if n_ok > 1 else ""
        label = M.t(f"mode.{mode}")
        if mode == "h2":
            ooo = r.evidence.get("tcp_ooo")
            out.append(finding("http.hol-stall", "info", M.t(
                "f.hol-tcp", label=label, waited=r.waited, incomplete=r.incomplete, wait=_wait(res, wait),
                done=done_t, ooo=M.t("hol.ooo", n=ooo) if ooo else "", runs=runs_t),
                concepts=("http.hol-blocking", "tcp.retransmission")))
        else:
            q = r.evidence.get("qlog") or {}
            hit = M.t("hol.hit", start=q["offset"], end=q["offset"] + q["length"], sid=q["stream_id"]) if q else ""
            others = [s.wait_ms for s in r.streams if not s.done_before_loss and not s.waited and s.wait_ms is not None]
            others_t = M.t("hol.others", n=len(others), ms=_fmt(sorted(others)[len(others) // 2])) if others else ""
            between = M.t("hol.between", n=q["packets_between"]) if q.get("packets_between") else ""
            out.append(finding("http.hol-stall", "info", M.t(
                "f.hol-quic", label=label, waited=r.waited, incomplete=r.incomplete, wait=_wait(res, wait), hit=hit,
                others=others_t, done=done_t, between=between, runs=runs_t), concepts=("http.hol-blocking",)))
    return out


@RULES.rule
def hol_problems(res: HttpCompareResult, rec: Recording):
    h = res.hol
    if h is None:
        return None
    out = []
    for r in h.runs:
        label = M.t(f"mode.{r.mode}")
        if r.error:
            out.append(finding("http.hol-failed", "warning", M.t("f.hol-arm-failed", label=label, run=r.run + 1,
                                                                 error=r.error)))
        elif not r.fired:
            out.append(finding("http.hol-not-fired", "warning", M.t("f.hol-not-fired", label=label, run=r.run + 1,
                                                                    after=h.after_bytes)))
        elif not r.waited:
            out.append(finding("http.hol-no-wait", "warning", M.t("f.hol-no-wait", label=label, run=r.run + 1,
                                                                  bytes=r.drop.get("payload_len") or "?")))
        if r.other_drops:
            out.append(finding("http.hol-extra-loss", "warning", M.t("f.hol-extra-loss", label=label, run=r.run + 1,
                                                                     n=r.other_drops)))
    return out


@RULES.rule
def client_dropped(res: HttpCompareResult, rec: Recording):
    """The client's own kernel dropped datagrams (a full receive buffer): losses the network never made."""
    runs = [r for r in rec.of_type(ClientRunFinished) if (r.udp or {}).get("rcvbuf_errors")]
    if not runs:
        return None
    n = sum(r.udp["rcvbuf_errors"] for r in runs)
    return finding("http.client-dropped", "warning", M.t("f.client-dropped", label=M.t("mode.h3"), n=n,
                                                         runs=len(runs)))


@RULES.rule
def client_lag(res: HttpCompareResult, rec: Recording):
    """aioquic (Python) can fall behind the wire: the waits it sees include its own backlog."""
    h = res.hol
    if h is None:
        return None
    lags = [r.lag_ms for r in h.runs if r.mode == "h3" and r.lag_ms is not None]
    if lags and max(lags) >= 10.0:
        return finding("http.client-lag", "info", M.t("f.client-lag", label=M.t("mode.h3"), ms=f"{max(lags):.0f}"),
                       concepts=("quic.why-udp",))
    return None


# ---- what the caps and the deadline cut


@RULES.rule
def body_cut(res: HttpCompareResult, rec: Recording):
    out = []
    for r in rec.of_type(RequestTraced):
        if r.body_cut in ("cap", "deadline"):
            why = M.t("cut.cap", limit=MAX_BODY_BYTES >> 20) if r.body_cut == "cap" else M.t("cut.deadline")
            out.append(finding("http.body-cut", "warning", M.t("f.body-cut", proto=_label(r.mode, res), url=r.url,
                                                               why=why, size=r.body_bytes)))
            break  # one is enough to tell the story; the runs repeat it
    return out


@RULES.rule
def deadline(res: HttpCompareResult, rec: Recording):
    for d in rec.of_type(DeadlineReached):
        return finding("http.deadline", "warning", M.t("f.deadline", seconds=f"{d.deadline_s:g}", skipped=d.skipped))
    return None
