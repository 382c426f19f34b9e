"""lb findings: one small rule each (pure).  The list order is the report's order."""

from __future__ import annotations

from netlab.i18n import Both, join
from netlab.model import DeadlineReached
from netlab.probes.lb.messages import M
from netlab.probes.lb.model import BackendSwitched, CaptureUnavailable, LinkCut, RuntimeApiFailed
from netlab.probes.rules import Rules, finding
from netlab.units import fmt_ms

RULES = Rules()

CONCEPT = {"roundrobin": "lb.round-robin", "weighted": "lb.weighted-round-robin", "leastconn": "lb.least-connections",
           "source": "lb.source-hash", "consistent": "lb.consistent-hashing", "uri": "lb.uri-hash",
           "sticky": "lb.sticky-sessions"}


def concept_of(algorithm: str | None) -> str:
    """The note of an algorithm (round robin's when it is unknown)."""
    return CONCEPT.get(algorithm or "roundrobin", "lb.round-robin")


def pct(x: float) -> str:
    return f"{x * 100:.0f}%"


def counts_text(res) -> str:
    return ", ".join(f"{b.backend} {b.count}" for b in res.spread if b.count or b.expected)


def _outcomes(res) -> Both:
    return join(Both(f"{M.text('outcome.' + k, 'en') if 'outcome.' + k in M.messages else k} {v}",
                     f"{M.text('outcome.' + k, 'ko') if 'outcome.' + k in M.messages else k} {v}")
                for k, v in res.outcomes.items())


@RULES.rule
def no_such_name(res, rec):
    if res.outcome == "no-such-name":
        from netlab.probes.lb.model import NameResolutionFailed

        ev = next(iter(rec.of_type(NameResolutionFailed)), None)
        return finding("lb.no-such-name", "error", M.t("no-such-name", host=res.host, error=ev.error if ev else "?"))


@RULES.rule
def refused_run(res, rec):
    if res.outcome != "refused-run":
        return None
    code, detail = res.refused_code, res.refused_detail
    p = res.params
    if code == "algorithm-mode":
        algo, _, mode = detail.partition(":")
        msg = M.t("refused.algorithm-mode", algorithm=algo, port=res.port, mode=M.t(f"mode.{mode}")
                  if f"mode.{mode}" in M.messages else mode)
        return finding("lb.algorithm-needs-l7", "error", msg, concepts=("lb.l4-vs-l7", concept_of(algo)))
    if code == "unknown-backend":
        opt, name, known = (detail.split(":") + ["", "", ""])[:3]
        return finding("lb.unknown-backend", "error", M.t("refused.unknown-backend", opt=opt, name=name,
                                                          known=known.replace(",", ", ")))
    if code == "not-the-vip":
        address, _, vip = detail.partition(":")
        return finding("lb.not-the-vip", "error", M.t("refused.not-the-vip", address=address, vip=vip),
                       concepts=("lb.vrrp",))
    if code == "no-vip":
        return finding("lb.no-vip", "error", M.t("refused.no-vip", detail=detail), concepts=("lb.vrrp",))
    if code == "no-frontend":
        return finding("lb.no-frontend", "error", M.t("refused.no-frontend", detail=detail))
    return finding("lb.needs-balancer", "error", M.t("refused.needs-balancer", detail=detail,
                                                     address=res.address or p.get("host", "?")))


@RULES.rule
def deadline(res, rec):
    d = next(iter(rec.of_type(DeadlineReached)), None)
    if d is not None:
        return finding("lb.deadline", "warning", M.t("deadline", s=d.deadline_s, skipped=d.skipped))


@RULES.rule
def api_failed(res, rec):
    ev = next(iter(rec.of_type(RuntimeApiFailed)), None)
    if ev is not None:
        return finding("lb.api-failed", "warning", M.t("api-failed", balancer=ev.balancer, command=ev.command,
                                                       error=ev.error), concepts=("lb.runtime-api",))


@RULES.rule
def switch_failed(res, rec):
    for ev in rec.of_type(BackendSwitched):
        if not ev.acked or ev.error:
            return finding("lb.switch-failed", "warning", M.t("switch-failed", backend=ev.backend, mode=ev.mode,
                                                              error=ev.error or "?"))
    return None


@RULES.rule
def link_failed(res, rec):
    for ev in rec.of_type(LinkCut):
        if ev.error:
            return finding("lb.link-failed", "warning", M.t("link-failed", balancer=ev.balancer, error=ev.error))
    return None


@RULES.rule
def sources_short(res, rec):
    asked = int(res.params.get("clients") or 0)
    if res.sources and len(res.sources) < asked:
        from netlab.probes.lb.model import SourcesChosen

        ev = next(iter(rec.of_type(SourcesChosen)), None)
        return finding("lb.sources-short", "warning", M.t("sources-short", asked=asked, have=len(res.sources),
                                                          dev=ev.interface if ev else "?"))


@RULES.rule
def nothing_answered(res, rec):
    if res.requests and res.answered == 0 and not res.statuses:
        return finding("lb.nothing-answered", "error", M.t("nothing-answered", n=len(res.requests),
                                                           outcomes=_outcomes(res)))


@RULES.rule
def no_backend_alive(res, rec):
    """Every answer a 503 from the balancer: its statistics say why."""
    if not res.requests or res.answered or res.statuses.get("503", 0) != len(res.requests):
        return None
    downs = [v for v in res.balancer_view if any(str(s).startswith("DOWN") for s in v["status"].values())]
    checks = ", ".join(f"{v['server']} {next(iter(v['status'].values()), '?')}: {v['check'] or '?'}" for v in downs) or "-"
    text = res.error_bodies[0][2] if res.error_bodies else "Service Unavailable"
    return finding("lb.no-backend-alive", "error", M.t("no-backend-alive", status=503, text=text,
                                                       pool=res.pool or "?", checks=checks),
                   concepts=("lb.health-checks",))


@RULES.rule
def bad_gateway(res, rec):
    n = res.statuses.get("502", 0)
    if n:
        bal = next((b for s, b, _, _ in res.error_bodies if s == 502), "?")
        bad = ", ".join(f"{v['server']} {v['eresp']}" for v in res.balancer_view if v.get("eresp")) or "?"
        return finding("lb.bad-gateway", "warning", M.t("bad-gateway", n=n, total=len(res.requests), balancer=bal,
                                                        servers=bad),
                       concepts=("lb.health-checks",))


@RULES.rule
def garbage(res, rec):
    n = res.outcomes.get("garbage", 0)
    if n:
        sample = res.garbage_sample[:24].decode("latin-1").encode("unicode_escape").decode("ascii")
        return finding("lb.garbage", "error", M.t("garbage", n=n, sample=sample))


@RULES.rule
def not_behind_balancer(res, rec):
    if res.behind_balancer is not False or not res.answered:
        return None
    named = [b for b in res.spread if b.count]
    if not named:
        return finding("lb.unnamed", "warning", M.t("unnamed", url=res.url))
    if len(named) == 1 and not any(r.balancer for r in res.requests):
        return finding("lb.one-server", "warning", M.t("one-server", server=named[0].backend),
                       concepts=("lb.round-robin",))
    return finding("lb.several-unknown", "info", M.t("several-unknown", n=len(named), address=res.address or "?"))


@RULES.rule
def routed(res, rec):
    if res.routed_by and res.pool:
        return finding("lb.routed", "info", M.t("routed", kind=M.t(f"kind.{res.routed_by}"), pool=res.pool),
                       concepts=("lb.l4-vs-l7",))


@RULES.rule
def round_robin(res, rec):
    if res.rr_max_minus_min is None or res.algorithm != "roundrobin" or res.slow:
        return None
    if res.rr_max_minus_min <= 1:
        return finding("lb.rr-exact", "info", M.t("rr-exact", counts=counts_text(res)), concepts=("lb.round-robin",))
    return finding("lb.rr-uneven", "warning", M.t("rr-uneven", diff=res.rr_max_minus_min, counts=counts_text(res)),
                   concepts=("lb.round-robin",))


@RULES.rule
def weighted(res, rec):
    if res.algorithm != "weighted" or res.chi2 is None:
        return None
    weights = {}
    for ev in rec.events:
        if type(ev).__name__ == "BalancerFound":
            weights = {k: v.get("weight", 1) for k, v in (ev.descriptor.get("servers") or {}).items()}
            break
    w = ":".join(str(weights.get(b.backend, 1)) for b in res.spread)
    shares = ", ".join(f"{b.backend} {pct(b.share)}" for b in res.spread)
    verdict = (M.t("chi.fits", crit=res.chi2_critical) if res.chi2_critical is not None and res.chi2 <= res.chi2_critical
               else M.t("chi.off", crit=res.chi2_critical))
    return finding("lb.weighted", "info", M.t("weighted", weights=w, shares=shares, chi2=res.chi2, df=res.chi2_df,
                                              verdict=verdict), concepts=("lb.weighted-round-robin",))


@RULES.rule
def least_connections(res, rec):
    if res.algorithm == "leastconn" and not res.slow and res.answered and not res.params.get("fail") \
            and not res.params.get("failover") and not res.routed_by:
        return finding("lb.leastconn", "info", M.t("leastconn", counts=counts_text(res)),
                       concepts=("lb.least-connections",))


@RULES.rule
def slow_backend(res, rec):
    if not res.slow or not res.answered:
        return None
    b = next((x for x in res.spread if x.backend == res.slow), None)
    if b is None:
        return None
    why = {"roundrobin": "slow.rr", "weighted": "slow.rr", "leastconn": "slow.lc"}.get(res.algorithm or "", "slow.other")
    return finding("lb.slow-backend", "info", M.t("slow", backend=res.slow, ms=res.slow_ms or 0, n=b.count,
                                                  total=res.answered, share=pct(b.share), inflight=b.max_inflight,
                                                  smax=b.smax if b.smax is not None else "-", why=M.t(why)),
                   concepts=(concept_of(res.algorithm), "lb.least-connections"))


@RULES.rule
def hashing(res, rec):
    algo = res.algorithm
    if algo not in ("source", "consistent", "uri") or not res.per_client:
        return None
    if algo == "uri":
        named = [b for b in res.spread if b.count]
        if len(named) == 1:
            return finding("lb.uri-one", "info", M.t("uri-one", path=res.params.get("path", "/"),
                                                     backend=named[0].backend), concepts=("lb.uri-hash",))
        return None
    rows = [(c, m) for c, m in res.per_client]
    if res.params.get("fail"):  # stability is about the phase before the pool changed
        before = {}
        for r in res.requests:
            if r.phase == "before" and r.backend:
                before.setdefault(r.client, set()).add(r.backend)
        rows = [(c, dict.fromkeys(s, 1)) for c, s in before.items()]
    stable = sum(1 for _, m in rows if len(m) == 1)
    if stable == len(rows):
        return finding("lb.hash-stable", "info", M.t("hash-stable", algorithm=algo, stable=stable, clients=len(rows)),
                       concepts=(concept_of(algo),))
    return finding("lb.hash-unstable", "warning", M.t("hash-unstable", algorithm=algo, unstable=len(rows) - stable,
                                                      clients=len(rows)), concepts=(concept_of(algo),))


@RULES.rule
def sticky(res, rec):
    if res.algorithm == "sticky" and res.sticky_clients is not None and res.per_client:
        chosen = sum(v["lbtot"] for v in res.balancer_view)
        return finding("lb.sticky", "info", M.t("sticky", cookie="NETLAB_SRV", stuck=res.sticky_clients,
                                                clients=len(res.per_client), chosen=chosen,
                                                rest=max(0, res.answered - chosen)),
                       concepts=("lb.sticky-sessions",))


@RULES.rule
def health(res, rec):
    h = res.health
    if h is None:
        return None
    out = []
    expect = (h.inter_ms or 0) * (h.fall or 0)
    if h.t_down_ms is None:
        out.append(finding("lb.never-down", "warning", M.t("detect.never", backend=h.backend, s=20),
                           concepts=("lb.health-checks",)))
    else:
        out.append(finding("lb.health-detect", "info", M.t(
            "detect", backend=h.backend, ms=fmt_ms(h.t_down_ms - (h.t_fail_ms or 0)), fall=h.fall, inter=h.inter_ms,
            expect=fmt_ms(expect), failed=h.failed_requests, retried=h.retried), concepts=("lb.health-checks",)))
        if h.failed_requests and res.algorithm in ("source", "consistent", "uri"):
            out.append(finding("lb.hash-retry", "info", M.t("hash-retry", backend=h.backend),
                               concepts=(concept_of(res.algorithm), "lb.health-checks")))
    if h.t_up_ms is not None and h.t_restore_ms is not None:
        out.append(finding("lb.health-recover", "info", M.t(
            "recover", backend=h.backend, ms=fmt_ms(h.t_up_ms - h.t_restore_ms), rise=h.rise,
            expect=fmt_ms((h.inter_ms or 0) * (h.rise or 0))), concepts=("lb.health-checks",)))
    return out


@RULES.rule
def remap(res, rec):
    r = res.remap
    if r is None or not r.clients:
        return None
    out = []
    theory = pct(r.theory_consistent if r.hash_type == "consistent" else r.theory_modulo)
    out.append(finding("lb.remap", "info", M.t("remap", n=r.n_before, n1=r.n_after, moved=r.moved, clients=r.clients,
                                               pct=pct(r.moved_fraction), hash=r.hash_type, theory=theory),
                       concepts=(concept_of(res.algorithm), "lb.consistent-hashing")))
    if r.hash_type == "map-based" and res.algorithm == "source":
        out.append(finding("lb.remap-source", "info", M.t("remap.source"), concepts=("lb.source-hash",)))
    if r.hash_type == "consistent":
        out.append(finding("lb.remap-consistent", "info", M.t("remap.consistent"), concepts=("lb.consistent-hashing",)))
    if r.returned is not None and r.returned_of:
        out.append(finding("lb.remap-back", "info", M.t("remap.back", backend=res.fail, returned=r.returned,
                                                        of=r.returned_of), concepts=("lb.source-hash",)))
    return out


@RULES.rule
def failover(res, rec):
    f = res.failover
    if f is None or f.t_cut_ms is None:
        return None
    out = []
    if f.t_moved_ms is None or f.gap_ms is None:
        out.append(finding("lb.failover-none", "error", M.t("failover.none", backup=f.backup or "?", s=20),
                           concepts=("lb.vrrp",)))
    else:
        out.append(finding("lb.failover", "info", M.t(
            "failover", active=f.active, backup=f.backup, moved=fmt_ms(f.t_moved_ms - f.t_cut_ms), gap=fmt_ms(f.gap_ms),
            lost=f.lost, theory=fmt_ms(f.theory_ms)), concepts=("lb.vrrp",)))
    new = [g for g in f.garps if g[2] == f.backup and g[0] >= f.t_cut_ms]
    if new:
        mac = new[0][1]
        out.append(finding("lb.garp", "info", M.t("garp", backup=f.backup, n=len(new), vip=f.vip, mac=mac),
                           concepts=("lb.gratuitous-arp",)))
    elif not any(isinstance(e, CaptureUnavailable) for e in rec.events):
        out.append(finding("lb.garp-none", "warning", M.t("garp.none"), concepts=("lb.gratuitous-arp",)))
    cap = next(iter(rec.of_type(CaptureUnavailable)), None)
    if cap is not None:
        out.append(finding("lb.capture", "warning", M.t("capture", reason=cap.reason)))
    if f.served_lost:
        out.append(finding("lb.in-flight", "info", M.t("in-flight", n=f.served_lost, active=f.active),
                           concepts=("lb.vrrp",)))
    if f.split_brain:
        out.append(finding("lb.split-brain", "info", M.t("split-brain", active=f.active, backup=f.backup),
                           concepts=("lb.vrrp",)))
    if f.t_back_ms is not None:
        out.append(finding("lb.failback", "info", M.t("failback", active=f.active, backup=f.backup, lost=f.lost_back),
                           concepts=("lb.vrrp",)))
    return out


@RULES.rule
def l4_l7(res, rec):
    s = res.seen
    if not s or not s.get("answers") or not res.behind_balancer:
        return None
    peers = ", ".join(s.get("peers", {})) or "?"
    if res.mode == "http":
        return finding("lb.l7-seen", "info", M.t("seen.l7", peers=peers), concepts=("lb.l4-vs-l7", "lb.x-forwarded-for"))
    if res.mode in ("tcp", "tls"):
        return finding("lb.l4-seen", "info", M.t("seen.l4", peers=peers), concepts=("lb.l4-vs-l7", "lb.x-forwarded-for"))
    return None


@RULES.rule
def tls_end(res, rec):
    if res.tls == "terminated" and res.tls_subjects:
        return finding("lb.tls-terminated", "info", M.t("tls.terminated.f", subject=res.tls_subjects[0]),
                       concepts=("lb.tls-termination",))
    if res.tls == "passthrough" and res.tls_subjects:
        return finding("lb.tls-passthrough", "info", M.t("tls.passthrough.f", subjects="; ".join(res.tls_subjects)),
                       concepts=("lb.tls-termination",))
    return None


@RULES.rule
def cross_check(res, rec):
    if res.stats_match is None and res.logs_match is None:
        return None
    if res.stats_match is not False and res.logs_match is not False and res.stats_match:
        return finding("lb.stats-match", "info", M.t("stats-match"), concepts=("lb.runtime-api",))
    if res.stats_match is False or res.logs_match is False:
        detail = "; ".join(f"{b.backend}: {b.count} / {b.balancer_count if b.balancer_count is not None else '-'} / "
                           f"{b.log_count if b.log_count is not None else '-'}" for b in res.spread)
        return finding("lb.stats-mismatch", "warning", M.t("stats-mismatch", detail=detail),
                       concepts=("lb.runtime-api",))
    return None
