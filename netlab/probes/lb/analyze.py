"""lb analysis: Recording -> LbResult.  Pure: no sockets, no clock, no files.

Which backend answered is the ``X-Backend`` header of each answer; the balancer that relayed it
its ``X-Balancer`` header (L7 only); the pool ``X-Balancer-Pool``.  The balancer's own counters
are the differences of `show stat` before and after (stats.py), summed over the balancers that
share the address; the backends' view is their access logs.  The statistics are spread.py's.
"""

from __future__ import annotations

from collections import Counter

from netlab.model import DeadlineReached, Recording
from netlab.probes.lb import spread, stats
from netlab.probes.lb.findings import RULES
from netlab.probes.lb.model import (
    AccessLogRead,
    AlgorithmRead,
    AlgorithmSet,
    ArpCaptured,
    BackendCount,
    BalancerFound,
    BalancerMac,
    CaptureUnavailable,
    FailoverStory,
    HealthStory,
    LbResult,
    LinkCut,
    NameResolutionFailed,
    NeighbourRead,
    NoBalancerKnown,
    PhaseMarked,
    RequestCompleted,
    RequestRow,
    RunRefused,
    ServerStateChanged,
    SourcesChosen,
    StatsRead,
    TargetResolved,
    VipObserved,
)
from netlab.units import ms_since

HASHES = {"source": "map-based", "consistent": "consistent", "uri": "map-based"}
NO_ANSWER = ("refused", "reset", "timeout", "unreachable", "error", "tls-error", "empty")
FAIL_PHASES = ("before", "failed", "down", "never-down", "restored", "up", "never-up")


def _first(rec: Recording, cls: type):
    return next(iter(rec.of_type(cls)), None)


def _hdr(ev: RequestCompleted, name: str) -> str | None:
    return next((v for k, v in ev.headers if k == name), None)


def analyze(rec: Recording) -> LbResult:
    p = dict(rec.params)
    res = LbResult(url=str(p.get("url", "")), host=str(p.get("host", "")), port=int(p.get("port", 0) or 0),
                   params=p, slow=p.get("slow"), fail=p.get("fail"))
    res.slow_ms = float(p["slow_ms"]) if p.get("slow") and p.get("slow_ms") is not None else None
    resolved = _first(rec, TargetResolved)
    if resolved:
        res.address = resolved.address
    nofail = _first(rec, NameResolutionFailed)
    if nofail:
        res.outcome, res.unreachable = "no-such-name", True
        res.findings = RULES.run(res, rec)
        return res
    found = rec.of_type(BalancerFound)
    descriptors = {b.name: b.descriptor for b in found}
    res.balancers = [b.name for b in found]
    d0 = found[0].descriptor if found else {}
    if found:
        res.behind_balancer = True
        fe = (d0.get("frontends") or {}).get(str(res.port))
        if fe:
            res.mode, res.tls = str(fe.get("mode", "unknown")), str(fe.get("tls", "unknown"))
    elif rec.of_type(NoBalancerKnown):
        res.behind_balancer = False
    refused = _first(rec, RunRefused)
    if refused:
        res.outcome, res.refused_code, res.refused_detail = "refused-run", refused.code, refused.detail
        res.findings = RULES.run(res, rec)
        return res
    sources = _first(rec, SourcesChosen)
    if sources:
        res.sources, res.sources_available = list(sources.chosen), len(sources.available)
    aset = _first(rec, AlgorithmSet)
    aread = _first(rec, AlgorithmRead)
    if aset:
        res.algorithm, res.algorithm_set = aset.algorithm, True
    elif aread:
        res.algorithm = aread.algorithm

    reqs = sorted(rec.of_type(RequestCompleted), key=lambda e: (e.t, e.seq))
    phases = sorted(rec.of_type(PhaseMarked), key=lambda e: e.t)
    res.requests = [_row(e, phases) for e in reqs]
    res.answered = sum(1 for r in res.requests if r.outcome == "ok")
    res.failed = len(res.requests) - res.answered
    res.outcomes = dict(sorted(Counter(r.outcome for r in res.requests).items()))
    res.statuses = dict(sorted(Counter(str(r.status) for r in res.requests if r.status is not None).items()))
    if reqs:
        res.duration_ms = ms_since(max(e.t_end for e in reqs), min(e.t for e in reqs))
    pools = Counter(r.pool for r in res.requests if r.pool)
    if pools:
        res.pool = pools.most_common(1)[0][0]
    elif res.mode in ("tcp", "tls") and res.algorithm:
        res.pool = f"{res.mode}_{res.algorithm}"
    route = next((r for r in d0.get("routes") or [] if r.get("pool") == res.pool), None)
    if route:
        res.routed_by = route.get("kind")
        res.pool_servers = [s["name"] for s in route.get("servers", [])]
    elif d0:
        res.pool_servers = sorted((d0.get("servers") or {}).keys())

    _spread(res, rec, reqs, d0, descriptors)
    _clients(res)
    _seen(res, reqs, rec)
    groups: dict[tuple[int, str, str], int] = {}
    for e in reqs:
        if e.status is not None and e.status >= 500:
            first = e.body_head.decode("utf-8", "replace")
            line = next((ln.strip() for ln in first.replace("<", "\n<").splitlines()
                         if ln.strip() and not ln.strip().startswith("<")), first[:80])
            key = (e.status, _hdr(e, "x-balancer") or "-", line[:100])
            if key in groups or len(groups) < 8:
                groups[key] = groups.get(key, 0) + 1
        if e.outcome == "garbage" and not res.garbage_sample:
            res.garbage_sample = e.body_head[:64]
    res.error_bodies = [(s, b, t, n) for (s, b, t), n in groups.items()]
    if p.get("fail"):
        res.health = _health(res, rec, d0, phases)
        res.remap = _remap(res, d0)
    if p.get("failover"):
        res.failover = _failover(res, rec, d0, phases)
    # nothing came back at all (no HTTP answer, not even bytes that are not HTTP): the CLI's network exit code
    res.unreachable = bool(reqs) and all(r.outcome in NO_ANSWER for r in res.requests)
    if reqs and res.answered == 0:
        res.outcome = "nothing-answered"
    res.findings = RULES.run(res, rec)
    return res


def _row(e: RequestCompleted, phases: list[PhaseMarked]) -> RequestRow:
    phase = "run"
    for ph in phases:
        if ph.t <= e.t:
            phase = ph.name
    return RequestRow(seq=e.seq, t_ms=ms_since(e.t, 0.0), client=e.client, outcome=e.outcome,
                      backend=_hdr(e, "x-backend") if e.outcome == "ok" else None, status=e.status,
                      balancer=_hdr(e, "x-balancer"), pool=_hdr(e, "x-balancer-pool"), total_ms=e.total_ms,
                      phase=phase, end_ms=ms_since(e.t_end, 0.0))


# ------------------------------------------------------------------------------------ the spread


def _stats_pair(rec: Recording) -> dict[str, tuple[list, list]]:
    out: dict[str, list] = {}
    for s in rec.of_type(StatsRead):
        out.setdefault(s.balancer, [None, None])[0 if s.label == "before" else 1] = stats.parse(s.csv)
    return {k: (v[0] or [], v[1] or []) for k, v in out.items() if v[1] is not None}


def _spread(res: LbResult, rec: Recording, reqs: list[RequestCompleted], d0: dict, descriptors: dict) -> None:
    c = spread.counts(r.backend for r in res.requests)
    pairs = _stats_pair(rec)
    lbtot: dict[str, int] = {}
    retried: dict[str, int] = {}
    econ: dict[str, int] = {}
    smax: dict[str, int] = {}
    view: dict[str, dict] = {}
    # what the balancer counted per server: answers in HTTP mode (a cookie routes a request without the
    # algorithm choosing, so lbtot would miss it), the algorithm's choices in TCP mode (no answers seen)
    counter = "hrsp_2xx" if res.mode == "http" else "lbtot"
    for bal, (before, after) in pairs.items():
        for k, v in stats.per_server(stats.deltas(before, after, counter)).items():
            lbtot[k] = lbtot.get(k, 0) + v
        for key, acc in (("wretr", retried), ("wredis", retried), ("econ", econ)):
            for k, v in stats.per_server(stats.deltas(before, after, key)).items():
                acc[k] = acc.get(k, 0) + v
        for row in after:
            if row.is_server and row.proxy == res.pool and (row.int("smax") or 0) > smax.get(row.server, -1):
                smax[row.server] = row.int("smax") or 0
        if res.pool:
            d_lb = stats.deltas(before, after, "lbtot")
            d_5xx = stats.deltas(before, after, "hrsp_5xx")
            for row in after:
                if row.is_server and row.proxy == res.pool:
                    v = view.setdefault(row.server, {"server": row.server, "status": {}, "lbtot": 0, "smax": 0,
                                                     "check": "", "hrsp_5xx": 0, "eresp": 0})
                    v["eresp"] += stats.deltas(before, after, "eresp").get((row.proxy, row.server), 0)
                    v["status"][bal] = row.text("status")
                    v["lbtot"] += d_lb.get((row.proxy, row.server), 0)
                    v["hrsp_5xx"] += d_5xx.get((row.proxy, row.server), 0)
                    v["smax"] = max(v["smax"], row.int("smax") or 0)
            for name, v in view.items():
                row = next((r for r in after if r.proxy == "checks" and r.server == name), None) or \
                    next((r for r in after if r.proxy == res.pool and r.server == name), None)
                if row is not None and not v["check"]:
                    code = row.text("check_status").lstrip("* ")  # "* L7OK": a check is running
                    v["check"] = code if code.endswith("OK") else f"{code} {row.text('check_desc')}".strip()
    for v in view.values():
        v["retried"] = retried.get(v["server"], 0)
        v["econ"] = econ.get(v["server"], 0)
    res.balancer_view = [view[k] for k in sorted(view)]
    logs = {a.backend: a for a in rec.of_type(AccessLogRead)}
    servers = list(res.pool_servers) or sorted(c)
    names = sorted(set(c) | {s for s in servers if s in lbtot or s in logs})
    weights = {k: v.get("weight", 1) for k, v in (d0.get("servers") or {}).items()}
    clean = not res.params.get("fail") and not res.params.get("failover")
    expected = spread.expected_shares(res.algorithm, servers, weights) if clean and not res.routed_by else None
    sh = spread.shares(c)
    for name in names:
        mine = [(r.t_ms, r.end_ms or r.t_ms) for r in res.requests if r.backend == name]
        times = [r.total_ms for r in res.requests if r.backend == name and r.total_ms is not None]
        res.spread.append(BackendCount(
            backend=name, count=c.get(name, 0), share=round(sh.get(name, 0.0), 4),
            expected=round(expected[name], 4) if expected and name in expected else None,
            balancer_count=lbtot.get(name) if pairs else None,
            log_count=len(logs[name].ids) if name in logs else None,
            mean_ms=round(sum(times) / len(times), 3) if times else None,
            max_inflight=spread.max_inflight(mine), smax=smax.get(name), retried=retried.get(name, 0)))
    if expected:
        res.chi2, res.chi2_df, res.chi2_critical = spread.chi_square(c, expected)
    if clean and res.algorithm in ("roundrobin", "sticky") and not res.routed_by and servers and c:
        res.rr_max_minus_min = spread.max_minus_min(c, servers)
    if pairs and c and clean:
        res.stats_match = all(b.balancer_count == b.count for b in res.spread)
    if logs and c and clean:
        res.logs_match = all(b.log_count == b.count for b in res.spread if b.log_count is not None) and \
            all(b.backend in logs for b in res.spread if b.count)


def _clients(res: LbResult) -> None:
    m = spread.client_map((r.client, r.backend) for r in res.requests)
    order = {c: i for i, c in enumerate(res.sources)}
    res.per_client = [(c, dict(sorted(cnt.items()))) for c, cnt in sorted(m.items(), key=lambda kv: order.get(kv[0], 1 << 30))]
    if res.algorithm == "sticky":
        stuck = 0
        for c in m:
            later = [r.backend for r in res.requests if r.client == c and r.backend][1:]
            if later and len(set(later)) == 1:
                stuck += 1
        res.sticky_clients = stuck


def _seen(res: LbResult, reqs: list[RequestCompleted], rec: Recording) -> None:
    oks = [e for e in reqs if e.outcome == "ok"]
    peers = Counter((_hdr(e, "x-seen-peer") or "").rsplit(":", 1)[0] for e in oks if _hdr(e, "x-seen-peer"))
    xff_client = sum(1 for e in oks if (_hdr(e, "x-seen-forwarded-for") or "-").split(",")[-1].strip() == e.client)
    xff_none = sum(1 for e in oks if (_hdr(e, "x-seen-forwarded-for") or "-") == "-")
    tls = Counter(_hdr(e, "x-seen-tls") or "" for e in oks if _hdr(e, "x-seen-tls"))
    logs = rec.of_type(AccessLogRead)
    log_xff_client = 0
    log_total = 0
    ids = {f"{rec.params.get('run_id', '')}-{e.seq}": e.client for e in reqs}
    for a in logs:
        for i, x in zip(a.ids, a.xffs, strict=False):
            log_total += 1
            if ids.get(i) and x.split(",")[-1].strip() == ids[i]:
                log_xff_client += 1
    res.seen = {"answers": len(oks), "peers": dict(peers.most_common(4)), "xff_client": xff_client,
                "xff_none": xff_none, "tls_at_backend": tls.get("yes", 0), "log_lines": log_total,
                "log_xff_client": log_xff_client,
                "client_in_peer": sum(n for a, n in peers.items() if a in set(res.sources))}
    def cn(subject: str) -> str:
        return next((x.split("=", 1)[1] for x in subject.split(", ") if x.startswith("commonName=")), subject)

    res.tls_subjects = sorted({cn(e.tls_subject) for e in reqs if e.tls_subject})[:6]


# ------------------------------------------------------------------------------------ --fail


def _active(res: LbResult) -> str | None:
    c = Counter(r.balancer for r in res.requests if r.balancer)
    if c:
        return c.most_common(1)[0][0]
    return res.balancers[0] if res.balancers else None


def _health(res: LbResult, rec: Recording, d0: dict, phases: list[PhaseMarked]) -> HealthStory:
    backend = str(res.params.get("fail"))
    chk = d0.get("check") or {}
    h = HealthStory(backend=backend, inter_ms=chk.get("inter_ms"), fall=chk.get("fall"), rise=chk.get("rise"))
    at = {ph.name: ph.t for ph in phases}
    h.t_fail_ms = ms_since(at.get("failed"), 0.0)
    h.t_restore_ms = ms_since(at.get("restored"), 0.0)
    active = _active(res)
    changes = [e for e in rec.of_type(ServerStateChanged) if e.balancer == active and e.server == backend]
    for e in changes:
        if at.get("failed") is not None and e.t >= at["failed"] - 0.001:
            h.transitions.append((ms_since(e.t, 0.0), e.status, e.check))
    t_fail, t_rest = at.get("failed"), at.get("restored")
    if t_fail is not None:
        down = next((e for e in changes if e.t >= t_fail and e.status == "DOWN"), None)
        h.t_down_ms = ms_since(down.t, 0.0) if down else None
    if t_rest is not None:
        up = next((e for e in changes if e.t >= t_rest and e.status == "UP"), None)
        h.t_up_ms = ms_since(up.t, 0.0) if up else None
    window = [r for r in res.requests if r.phase == "failed"]
    h.failed_requests = sum(1 for r in window if r.outcome != "ok")
    h.served_while_failing = sum(1 for r in window if r.backend == backend)
    v = next((b for b in res.spread if b.backend == backend), None)
    h.retried = v.retried if v else 0
    pairs = _stats_pair(rec)
    h.connect_errors = sum(stats.per_server(stats.deltas(b, a, "econ")).get(backend, 0) for b, a in pairs.values())
    return h


def _remap(res: LbResult, d0: dict):
    hash_type = HASHES.get(res.algorithm or "")
    if hash_type is None and res.algorithm != "sticky":
        return None
    backend = str(res.params.get("fail"))

    def phase_map(names: tuple[str, ...]) -> dict[str, str]:
        return spread.dominant(spread.client_map((r.client, r.backend) for r in res.requests if r.phase in names))

    before, after, restored = phase_map(("before",)), phase_map(("down",)), phase_map(("up",))
    if not before or not after:
        return None
    n = len(res.pool_servers) or len(set(before.values()))
    return spread.remap(before, after, backend, n, hash_type or "cookie", restored if restored else None)


# ------------------------------------------------------------------------------------ --failover


def _failover(res: LbResult, rec: Recording, d0: dict, phases: list[PhaseMarked]) -> FailoverStory:
    vr = d0.get("vrrp") or {}
    f = FailoverStory(vip=vr.get("vip"), advert_int=vr.get("advert_int"))
    macs = {m.mac: m.balancer for m in rec.of_type(BalancerMac)}
    cuts = [c for c in rec.of_type(LinkCut) if not c.restored]
    rest = [c for c in rec.of_type(LinkCut) if c.restored]
    if cuts:
        f.active, f.t_cut_ms = cuts[0].balancer, ms_since(cuts[0].t, 0.0)
    others = [b for b in res.balancers if b != f.active]
    f.backup = others[0] if others else None
    peers = {p.get("host"): p for p in vr.get("peers") or []}
    if f.backup in peers and f.advert_int:
        f.backup_priority = int(peers[f.backup].get("priority", 100))
        f.theory_ms = round((3 * f.advert_int + (256 - f.backup_priority) / 256 * f.advert_int) * 1000, 1)
    t_cut = cuts[0].t if cuts else None
    t_rest = rest[0].t if rest else None
    f.t_restored_ms = ms_since(t_rest, 0.0)
    vips = sorted(rec.of_type(VipObserved), key=lambda e: e.t)
    f.vip_holders = [(ms_since(v.t, 0.0), v.balancer, v.holds) for v in vips]
    if t_cut is not None:
        moved = next((v for v in vips if v.t >= t_cut and v.balancer == f.backup and v.holds), None)
        f.t_moved_ms = ms_since(moved.t, 0.0) if moved else None
        reqs = sorted(rec.of_type(RequestCompleted), key=lambda e: e.t_end)
        window_end = t_rest if t_rest is not None else float("inf")
        first_ok = next((e for e in reqs if e.outcome == "ok" and e.t_end > t_cut and e.t >= t_cut - 0.001), None)
        if first_ok is not None and first_ok.t_end <= window_end + 60:
            f.t_first_ok_ms = ms_since(first_ok.t_end, 0.0)
            f.gap_ms = ms_since(first_ok.t_end, t_cut)
        f.lost = sum(1 for e in reqs if e.outcome != "ok" and e.t_end >= t_cut and e.t < window_end)
        # the cut-off balancer kept the VIP while the other took it: two holders at once
        holder: dict[str, bool] = {}
        for v in vips:
            holder[v.balancer] = v.holds
            if t_cut <= v.t <= window_end and sum(1 for x in holder.values() if x) > 1:
                f.split_brain = True
        if t_rest is not None:
            released = next((v for v in vips if v.t >= t_rest and v.balancer == f.backup and not v.holds), None)
            f.t_back_ms = ms_since(released.t, 0.0) if released else None
            back_reqs = [e for e in reqs if e.t >= t_rest - 0.001]
            f.lost_back = sum(1 for e in back_reqs if e.outcome != "ok")
            ok_back = next((e for e in back_reqs if e.outcome == "ok"
                            and _hdr(e, "x-balancer") in (f.active, None)), None)
            last_bad = max((e.t_end for e in back_reqs if e.outcome != "ok"), default=None)
            if last_bad is not None and ok_back is not None:
                f.gap_back_ms = ms_since(max(ok_back.t_end, last_bad), t_rest)
    logged = {i for a in rec.of_type(AccessLogRead) for i in a.ids}
    run_id = res.params.get("run_id", "")
    f.served_lost = sum(1 for e in rec.of_type(RequestCompleted)
                        if e.outcome != "ok" and f"{run_id}-{e.seq}" in logged)
    vip = f.vip
    for a in sorted(rec.of_type(ArpCaptured), key=lambda e: e.t):
        gratuitous = a.sender_ip == a.target_ip == vip
        if gratuitous or (a.op == 2 and a.sender_ip == vip):
            f.garps.append((ms_since(a.t, 0.0), a.sender_mac, macs.get(a.sender_mac, "?"),
                            "gratuitous" if gratuitous else "reply"))
    for n in rec.of_type(NeighbourRead):
        f.neighbours.append((n.label, n.mac, macs.get(n.mac, "?") if n.mac else "-", n.state))
    cap = _first(rec, CaptureUnavailable)
    if cap:
        f.capture_note = cap.reason
    return f


def deadline_cut(rec: Recording) -> DeadlineReached | None:
    return _first(rec, DeadlineReached)
