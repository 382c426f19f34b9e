"""Pure analysis for `netlab http-compare`: phases, round trips, waterfalls; findings.py holds the rules.

No sockets, no clock: everything comes from the Recording's events, so a recorded fixture gives
the same Result byte for byte.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from netlab.model import Recording
from netlab.probes.http_compare import cc
from netlab.probes.http_compare.findings import RULES
from netlab.probes.http_compare.hol import hol_result
from netlab.probes.http_compare.messages import M, mode_label
from netlab.probes.http_compare.model import (
    MODES,
    ClientRunFinished,
    HttpCompareResult,
    LinkConfigured,
    ModePhases,
    NameResolved,
    RedirectFollowed,
    RequestTraced,
    RttSampled,
    ServerCongestionControl,
    ServerCongestionControlRestored,
)
from netlab.probes.http_compare.objects import alt_svc_entries
from netlab.probes.http_compare.phases import PHASES, expected_round_trips, request_times, stat, stat_ms
from netlab.probes.http_compare.waterfall import waterfall
from netlab.units import ms_since

UNREACHABLE_KINDS = {"refused", "timeout", "quic-timeout", "other"}


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
    if l_to or l_back:
        how = M.text("recorded.link-scenario-loss", "en", rtt=f"{rtt:g}", to=f"{l_to:g}", back=f"{l_back:g}")
    else:
        how = M.text("recorded.link-scenario", "en", rtt=f"{rtt:g}")
    return {"delay_ms": rtt / 2, "loss_pct": max(l_to, l_back), "how": how, "error": None}


def _target(res: HttpCompareResult, url: str) -> None:
    try:
        parts = urlsplit(url if "://" in url else "https://" + url)
        res.host, res.port = (parts.hostname or res.host), (parts.port or 443)
    except ValueError:
        pass


def _link(res: HttpCompareResult, rec: Recording) -> None:
    links = rec.of_type(LinkConfigured)
    if links:
        lk = links[-1]
        res.link = {"delay_ms": lk.delay_ms, "loss_pct": lk.loss_pct, "how": lk.how, "error": lk.error}
    elif isinstance(rec.environment.get("sandbox_path"), dict):
        res.link = path_summary(rec.environment["sandbox_path"])


def _resolution(res: HttpCompareResult, rec: Recording) -> None:
    redirects = rec.of_type(RedirectFollowed)
    res.redirects = [{"from": r.from_url, "to": r.to_url, "status": r.status} for r in redirects]
    if redirects:
        res.url = redirects[-1].to_url
        _target(res, res.url)
    names = rec.of_type(NameResolved)
    if names:
        n = names[-1]
        res.address = n.address
        res.resolution = {
            "host": n.host, "source": n.source, "addresses": list(n.addresses), "address": n.address,
            "resolver": n.resolver, "ms": ms_since(n.duration_s, 0.0), "cnames": list(n.cnames),
            "https_records": list(n.https_records), "https_alpn": list(n.https_alpn), "error": n.error,
        }


def _discovery(res: HttpCompareResult, reqs: list[RequestTraced]) -> None:
    alt = next((r.alt_svc for r in reqs if r.mode in ("h1", "h1-k", "h2") and r.alt_svc), None)
    alt_h3 = [e for e in alt_svc_entries(alt) if e[0] == "h3"]
    https_alpn = res.resolution.get("https_alpn", []) if res.resolution else []
    via = []
    if alt_h3:
        via.append(M.text("via.alt-svc", "en"))
    if "h3" in https_alpn:
        via.append(M.text("via.https", "en"))
    res.discovery = {
        "alt_svc": alt, "alt_svc_h3": [f'{p}="{h}:{port}"' for p, h, port in alt_h3],
        "https_alpn": https_alpn, "advertised_by": via,
    }


def _mode_phases(mode: str, res: HttpCompareResult, reqs: list[RequestTraced],
                 runs: list[ClientRunFinished]) -> ModePhases:
    """The phases of one protocol mode: the document request of each run."""
    docs = [r for r in reqs if r.mode == mode and r.index == 0]
    ok = [r for r in docs if r.error_kind is None]
    mruns = [r for r in runs if r.mode == mode]
    mp = ModePhases(mode=mode, label=mode_label(mode, res.connections_h1), runs=len(mruns) or len(docs),
                    failed_runs=len([r for r in docs if r.error_kind])
                    + len([r for r in mruns if r.error_kind == "no-ticket"]))
    ph = [request_times(r) for r in ok]
    for key in PHASES:
        setattr(mp, key, stat_ms([p[key] for p in ph]))
    if res.rtt_ms.median:
        rtt_s = res.rtt_ms.median / 1000.0
        mp.rtts_to_first_byte = stat([p["first_byte"] / rtt_s for p in ph if p["first_byte"] is not None])
        mp.rtts_on_wire = stat([(p["first_byte"] - p["client_gap"]) / rtt_s for p in ph
                                if p["first_byte"] is not None and p["client_gap"] is not None])
    mp.cpu_ms = stat_ms([r.cpu_s for r in mruns if r.error_kind != "no-ticket"])
    if ok:
        last = ok[-1]
        mp.http_version, mp.alpn, mp.tls_version = last.http_version, last.alpn, last.tls_version
        mp.session_resumed = last.session_resumed
        early = [r.early_data_accepted for r in ok if r.early_data_accepted is not None]
        mp.early_data_accepted = (all(early) if early else None)
    mp.expected_rtts, mp.arithmetic = expected_round_trips(mode, mp.tls_version, mp.early_data_accepted)
    return mp


def _trace(mode: str, label: str, ok: list[RequestTraced]) -> dict:
    """The raw evidence of one mode: its first complete document request, in ms since its connection started."""
    first = ok[0]
    t0 = request_times(first)["start"] or min(t for _, t in first.trace)
    return {"mode": mode, "label": label, "run": first.run,
            "events": [[name, ms_since(t, t0)] for name, t in first.trace]}


TCP_MODES = ("h1", "h1-k", "h2")


def _congestion(res: HttpCompareResult, rec: Recording, reqs: list[RequestTraced],
                runs: list[ClientRunFinished]) -> dict:
    """Each side's congestion control (cc.py): the servers' decide how fast the downloads come."""
    modes = {p.mode for p in res.phases}
    out: dict = {}
    if modes & set(TCP_MODES):
        obs = rec.of_type(ServerCongestionControl)
        back = rec.of_type(ServerCongestionControlRestored)
        seen = None
        if obs:
            e = obs[-1]
            seen = {"algorithm": e.algorithm, "source": e.source, "host": e.host, "previous": e.previous,
                    "error": e.error, "restored": back[-1].algorithm if back else None}
        out["tcp_server"] = cc.tcp_server(seen, live=not rec.environment.get("sandbox"))
        out["tcp_client"] = cc.client(next((r.client_cc for r in runs if r.mode in TCP_MODES and r.client_cc), None),
                                      "kernel")
    if modes & {"h3", "h3-0rtt"}:
        header = next((r.server for r in reqs if r.mode.startswith("h3") and r.server), None)
        services = (rec.environment.get("sandbox_path") or {}).get("server_services")
        out["quic_server"] = cc.quic_server(header, services if isinstance(services, list) else None)
        out["quic_client"] = cc.client(next((r.client_cc for r in runs if r.mode.startswith("h3") and r.client_cc),
                                            None), "aioquic")
    return out


def analyze(rec: Recording) -> HttpCompareResult:
    params = rec.params
    res = HttpCompareResult(
        url=params.get("url", ""), repeat=int(params.get("repeat") or 1), requests=int(params.get("requests") or 1),
        connections_h1=int(params.get("connections_h1") or 6), protocols=list(params.get("protocols") or []),
    )
    _target(res, res.url)
    _link(res, rec)
    _resolution(res, rec)
    if res.resolution and (res.resolution["error"] or not res.address):
        res.unreachable = True
        res.findings = RULES.run(res, rec)
        return res

    res.rtt_ms = stat_ms([s.duration_s for s in rec.of_type(RttSampled)])
    reqs = rec.of_type(RequestTraced)
    runs = rec.of_type(ClientRunFinished)
    res.qlog_files = [r.qlog_file for r in runs if r.qlog_file]
    res.chart = rec.artifacts.get("chart")
    _discovery(res, reqs)

    modes_seen = [m for m in MODES if any(r.mode == m for r in reqs) or any(r.mode == m for r in runs)]
    for mode in modes_seen:
        mp = _mode_phases(mode, res, reqs, runs)
        res.phases.append(mp)
        ok = [r for r in reqs if r.mode == mode and r.index == 0 and r.error_kind is None]
        if ok:
            res.traces.append(_trace(mode, mp.label, ok))
    if res.requests > 1:
        res.waterfalls = [w for w in (waterfall(m, reqs, runs, res.connections_h1) for m in modes_seen) if w]
    res.congestion = _congestion(res, rec, reqs, runs)
    res.hol = hol_result(rec, res.rtt_ms.median)

    res.findings = RULES.run(res, rec)
    if reqs and not any(r.error_kind is None for r in reqs) and {r.error_kind for r in reqs} <= UNREACHABLE_KINDS:
        res.unreachable = True
    return res
