"""path findings: one small rule each, in report order (pure)."""

from __future__ import annotations

from netlab.i18n import Both, join
from netlab.probes.path.messages import M
from netlab.probes.rules import Rules, finding
from netlab.units import fmt_ms

RULES = Rules()
OTHERS = {"udp": ("icmp", "tcp"), "icmp": ("udp", "tcp"), "tcp": ("icmp", "udp")}


@RULES.rule
def no_name(res, rec):
    if res.stopped == "no-name":
        return finding("path.no-name", "error", M.t("f.no-name", host=res.host, error=res.error or "-"))


@RULES.rule
def no_capture(res, rec):
    c = res.captures.get("client") or {}
    if c and not c.get("ok") and c.get("code") == "privilege":
        return finding("path.no-capture", "warning", M.t("f.no-capture"), concepts=("path.icmp",),
                       detail=M.t("f.no-capture.detail"))


@RULES.rule
def reached(res, rec):
    if not res.reached:
        return None
    last = res.hops[-1]
    answer = next((r for r in last.replies if r.kind == "reached"), None)
    kind = answer.what if answer is not None and answer.what != "dest-unreachable" else "other"
    what = M.pick(f"what.{kind or 'other'}")
    key = "f.reached.direct" if res.dest_ttl == 1 else "f.reached.one" if res.dest_ttl == 2 else "f.reached"
    return finding("path.reached", "info", M.t(key, address=res.address, hops=res.dest_ttl,
                                                 routers=res.dest_ttl - 1, what=what,
                                                 rtt=fmt_ms(answer.rtt_ms if answer else None)),
                   concepts=("path.ttl", "path.traceroute"))


@RULES.rule
def silent_hops(res, rec):
    out = []
    for i, hop in enumerate(res.hops):
        later = [h for h in res.hops[i + 1:] if h.status != "silent"]
        if hop.status != "silent" or not later:
            continue
        key = "f.silent-hop.known" if hop.mtu_hint_source else "f.silent-hop"
        out.append(finding("path.silent-hop", "info",
                           M.t(key, ttl=hop.ttl, n=len(hop.replies), next=later[0].ttl,
                               source=hop.mtu_hint_source or "", mtu=hop.mtu_hint or ""),
                           concepts=("path.traceroute", "path.icmp")))
    return out


@RULES.rule
def silent_tail(res, rec):
    if res.reached or res.stopped not in ("silent-tail", "max-hops"):
        return None
    others = join([f"--protocol {p}" for p in OTHERS[res.protocol]], " / ")
    return finding("path.silent-tail", "warning",
                   M.t("f.silent-tail", protocol=res.protocol.upper(), others=others,
                       last=max((h.ttl for h in res.hops if h.status != "silent"), default=0)),
                   concepts=("path.traceroute",))


@RULES.rule
def unreachable(res, rec):
    if res.stopped != "unreachable" or not res.hops:
        return None
    hop = res.hops[-1]
    r = next(r for r in hop.replies if r.kind == "unreachable")
    detail = M.t("f.unreachable.late", ttl=hop.answered_ttl) if hop.answered_ttl else None
    return finding("path.unreachable", "error",
                   M.t("f.unreachable", ttl=hop.ttl, source=r.source, what=Both(r.text, r.text_ko), address=res.address),
                   concepts=("path.routing-table", "path.icmp"), detail=detail)


@RULES.rule
def local_error(res, rec):
    if res.stopped != "local-error" or not res.hops:
        return None
    r = res.hops[-1].replies[0]
    return finding("path.local-error", "error", M.t("f.local-error", what=Both(r.text, r.text_ko)),
                   concepts=("path.routing-table",))


@RULES.rule
def deadline(res, rec):
    cut = [e.what for e in rec.events if type(e).__name__ == "RunCut"]
    if cut:
        return finding("path.deadline", "warning", M.t("f.deadline", what=", ".join(dict.fromkeys(cut))))


@RULES.rule
def first_hop(res, rec):
    fh = res.first_hop
    if fh is None or fh.chosen is None:
        return None
    n = sum(1 for r in fh.routes if r.matches)
    route = fh.chosen.dst
    if fh.chosen.local:
        msg = M.t("f.first-hop.local", address=res.address, dev=fh.chosen.dev or "lo")
    elif fh.on_link:
        msg = M.t("f.first-hop.on-link", route=route, n=n, dev=fh.chosen.dev or "-", address=res.address)
    else:
        key = "f.first-hop.only" if n == 1 else "f.first-hop"
        msg = M.t(key, route=route, n=n, gateway=fh.chosen.via, dev=fh.chosen.dev or "-")
    out = [finding("path.first-hop", "info", msg, concepts=("path.routing-table",))]
    if fh.agrees is False:
        out.append(finding("path.kernel-disagrees", "warning",
                           M.t("f.kernel-disagrees", via=fh.kernel_via or "-", dev=fh.kernel_dev or "-"),
                           concepts=("path.routing-table",)))
    return out


@RULES.rule
def neighbour(res, rec):
    fh = res.first_hop
    if fh is None or fh.asked is None or fh.answered_mac is None:
        return None
    kind = M.pick("kind." + fh.asked)
    if fh.on_link:
        msg = M.t("f.arp.on-link", kind=kind, target=fh.asked_target, mac=fh.answered_mac, ms=fmt_ms(fh.answer_ms))
    else:
        msg = M.t("f.arp", kind=kind, target=fh.asked_target, address=res.address, mac=fh.answered_mac,
                  ms=fmt_ms(fh.answer_ms))
    return finding("path.arp", "info", msg, concepts=("path.arp-vs-routing",))


@RULES.rule
def mac_changes(res, rec):
    at = {v.point: v for v in res.frames if v.dst_ip == res.address}
    c, d = at.get("client"), at.get("destination")
    if c is None or d is None:
        return None
    return finding("path.mac-changes", "info",
                   M.t("f.mac-changes", c_src=c.src_mac, c_dst=c.dst_mac, d_src=d.src_mac, d_dst=d.dst_mac,
                       src=c.src_ip, dst=c.dst_ip, ttl1=c.ttl, ttl2=d.ttl, routers=c.ttl - d.ttl),
                   concepts=("path.arp-vs-routing", "path.ttl"))


@RULES.rule
def one_point(res, rec):
    d = res.captures.get("destination") or {}
    if d and not d.get("ok") and d.get("code") == "live" and (res.captures.get("client") or {}).get("ok"):
        return finding("path.one-point", "info", M.t("f.one-point"))


@RULES.rule
def path_mtu(res, rec):
    m = res.mtu
    if m is None or m.path_mtu is None:
        return None
    if not m.announced:
        return finding("path.pmtu", "info", M.t("f.pmtu.local", mtu=m.path_mtu), concepts=("path.mtu-mss",))
    a = m.announced[0]
    hop = a.get("hop")
    return finding("path.pmtu", "info",
                   M.t("f.pmtu", mtu=m.path_mtu, source=a["source"], told=a["mtu"], hop=hop if hop else "?",
                       local=m.local_mtu or "?"),
                   concepts=("path.mtu-mss", "path.pmtud", "path.fragmentation"))


@RULES.rule
def black_hole(res, rec):
    m = res.mtu
    if m is None or not m.black_hole:
        return None
    told = min((a["mtu"] for a in m.announced if a.get("mtu")), default=m.local_mtu)
    after = next((h for h in res.hops if h.ttl == m.hole_after_ttl), None)
    if after is not None:
        place = M.pick("f.black-hole.where", after=after.ttl, source=(after.addresses or ["?"])[0], next=after.ttl + 1)
    else:
        place = M.pick("f.black-hole.nowhere")
    return finding("path.black-hole", "error",
                   M.t("f.black-hole", lo=m.largest_silent, hi=told or "?", mtu=m.path_mtu or "?", where=place),
                   concepts=("path.pmtu-black-hole", "path.pmtud"), detail=M.t("f.black-hole.detail"))


@RULES.rule
def upload(res, rec):
    up = res.mtu.upload if res.mtu else None
    if up is None:
        return None
    if up.outcome in ("refused", "timeout", "error") and not up.acked_bytes:
        return finding("path.upload-failed", "warning", M.t("f.upload-failed", port=up.port, error=up.error or up.outcome))
    if up.outcome == "acked":
        key = "f.tcp-pmtud" if up.mss_end and up.mss_start and up.mss_end < up.mss_start else "f.tcp-acked"
        src = (up.icmp[0]["source"] if up.icmp else None) or (res.mtu.announced[0]["source"] if res.mtu.announced else "?")
        return finding("path.tcp-pmtud", "info",
                       M.t(key, mss1=up.mss_start, p1=up.pmtu_start, mss2=up.mss_end, p2=up.pmtu_end, source=src,
                           n=up.sent_bytes, ms=fmt_ms(up.duration_ms), retrans=up.retransmissions),
                       concepts=("path.pmtud", "path.mtu-mss"))
    if up.outcome == "stalled":
        return finding("path.tcp-stall", "error",
                       M.t("f.tcp-stall", acked=up.acked_bytes, n=up.sent_bytes, retrans=up.retransmissions,
                           mss=up.mss_end, s=f"{up.waited_s:.1f}"),
                       concepts=("path.pmtu-black-hole",))
    return None


@RULES.rule
def cached(res, rec):
    m = res.mtu
    if m is None or m.cache_flushed or not m.cached_mtu:
        return None
    return finding("path.cached-pmtu", "info", M.t("f.cached", mtu=m.cached_mtu), concepts=("path.pmtud",))
