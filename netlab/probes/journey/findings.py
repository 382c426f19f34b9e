"""journey's findings: one small rule each (pure), in the order the report shows them.

Most are the evidence against a claim students meet in interview notes: the order of the steps
(the redirect is an HTTP answer, after DNS, TCP and TLS), /etc/hosts before DNS, what AA means,
that ARP asks for the gateway's MAC and not the server's, that TLS rides inside TCP, and what
netlab cannot see (a browser's and an OS's caches, a browser's HSTS preload list).
"""

from __future__ import annotations

from netlab.i18n import join
from netlab.model import Finding
from netlab.probes.journey.messages import M
from netlab.probes.rules import Rules, finding
from netlab.units import fmt_ms

RULES = Rules()


def _step(res, kind: str, status: str | None = None):
    return next((s for s in res.steps if s.kind == kind and (status is None or s.status == status)), None)


@RULES.rule
def address_error(res, rec):
    a = res.address
    if not a.get("ok"):
        return finding("journey.address", "error", M.t("f.address", typed=a.get("typed") or "",
                       why=M.t(f"addr.{a.get('error_kind') or 'invalid'}")), concepts=("journey.address-bar",))


@RULES.rule
def scheme_guessed(res, rec):
    a = res.address
    if not a.get("ok") or not a.get("scheme_guessed"):
        return None
    first = res.requests[0] if res.requests else None
    upgraded = any(r["from"].startswith("http://") and r["to"].startswith("https://") for r in res.redirects)
    if a["scheme"] == "https":
        return finding("journey.https-first", "info", M.t("f.https-first", host=a["host"]),
                       concepts=("journey.hsts",))
    if upgraded:
        return finding("journey.plaintext-first", "info", M.t("f.plaintext-first", host=a["host"]),
                       concepts=("journey.hsts",))
    if first is not None and first["status"] and not any(r["to"].startswith("https://") for r in res.redirects):
        return finding("journey.plaintext-only", "warning", M.t("f.plaintext-only", host=a["host"]),
                       concepts=("journey.hsts",))
    return None


@RULES.rule
def hosts_file(res, rec):
    out = []
    for host, n in res.names.items():
        if n["source"] == "hosts" and n["address"]:
            wire = M.t("f.dns-packets", n=res.dns_packets) if res.dns_packets is not None else M.t("f.no-capture-short")
            out.append(finding("journey.hosts-file", "info", M.t("f.hosts-file", host=host, address=n["address"],
                               wire=wire, order=" ".join(res.system.get("nsswitch") or [])),
                               concepts=("journey.lookup-order",)))
    return out


@RULES.rule
def lookup_order(res, rec):
    first = next((s for s in res.steps if s.kind == "hosts-file"), None)
    dns = next((s for s in res.steps if s.kind in ("resolver", "dns-walk") and s.status != "muted"), None)
    if first is None or dns is None or first.t_ms is None or dns.t_ms is None or first.t_ms > dns.t_ms:
        return None
    return finding("journey.lookup-order", "info", M.t("f.lookup-order", order=" ".join(res.system.get("nsswitch") or []),
                   host=first.host or "-"), concepts=("journey.lookup-order", "journey.caches"))


@RULES.rule
def caches(res, rec):
    if not res.address.get("ok") or not res.names:
        return None
    stub = res.system.get("local_stub")
    key = "f.caches-local" if stub else "f.caches"
    return finding("journey.caches", "info", M.t(key, stub=stub or "", resolver=", ".join(res.system.get("resolvers") or [])
                   or "-"), concepts=("journey.caches",))


@RULES.rule
def resolver_answer(res, rec):
    out = []
    for host, n in res.names.items():
        if n["source"] != "resolver" or not n["address"]:
            continue
        prime = next((s for s in res.steps if s.kind == "resolver" and s.status == "muted" and s.host == host), None)
        step = next((s for s in res.steps if s.kind == "resolver" and s.status == "ok" and s.host == host), None)
        if prime is not None and step is not None:
            out.append(finding("journey.resolver-warm", "info", M.t("f.resolver-warm", host=host,
                               before=fmt_ms(prime.duration_ms), now=fmt_ms(step.duration_ms), ttl=n["ttl"]),
                               concepts=("dns.ttl-caching", "dns.authoritative")))
        elif n["aa"] is False:
            out.append(finding("journey.resolver-aa", "info", M.t("f.resolver-aa", host=host, ttl=n["ttl"],
                               ms=fmt_ms(step.duration_ms if step else None)),
                               concepts=("dns.authoritative", "dns.ttl-caching")))
        break  # one is enough: the rest of the visit's names say the same
    return out


@RULES.rule
def cold_walk(res, rec):
    walks = [s for s in res.steps if s.kind == "dns-walk" and s.status == "ok"]
    if walks:
        return finding("journey.cold-walk", "info", M.t("f.cold-walk", n=len(walks), host=walks[0].host,
                       ms=fmt_ms(walks[0].duration_ms)), concepts=("dns.iterative-recursive", "dns.ttl-caching"))
    return None


@RULES.rule
def failure(res, rec):
    bad = next((s for s in res.steps if s.status == "error"), None)
    if bad is None or bad.kind == "address-bar":
        return None
    before = [s for s in res.steps if s.index < bad.index and s.status != "muted"]
    concept = {"resolver": "dns.negative-caching", "dns-walk": "dns.negative-caching", "tcp": "tcp.rst-vs-timeout",
               "tls": "tls.certificate-chain", "http": "journey.redirects", "hosts-file": "journey.lookup-order"}.get(bad.kind)
    return finding(f"journey.failed-{bad.kind}", "error",
                   M.t("f.failed", n=bad.index, layer=M.t(f"layer.{bad.layer}"), osi=bad.osi,
                       what=_both(bad.label, bad.label_ko), before=len(before)),
                   concepts=(concept,) if concept else ())


@RULES.rule
def stopped(res, rec):
    if res.stopped in ("loop", "too-many"):
        return finding(f"journey.redirect-{res.stopped}", "error",
                       M.t(f"f.redirect-{res.stopped}", url=res.stopped_detail, n=len(res.redirects)),
                       concepts=("journey.redirects",))
    if res.stopped == "not-followed":
        return finding("journey.not-followed", "info", M.t("f.not-followed", url=res.stopped_detail),
                       concepts=("journey.redirects",))
    if res.deadline_cut:
        return finding("journey.deadline", "warning", M.t("f.deadline", what=res.deadline_cut))
    if res.stopped == "error" and res.stopped_detail not in ("", "lookup", "tcp", "tls", "http") \
            and not any(s.status == "error" for s in res.steps):
        return finding("journey.stopped", "error", M.t("f.stopped", why=res.stopped_detail),
                       concepts=("journey.redirects",))
    return None


@RULES.rule
def redirect_order(res, rec):
    if not res.redirects:
        return None
    first = next((s for s in res.steps if s.kind == "http"), None)
    chain = join([r["from"] for r in res.redirects] + [res.redirects[-1]["to"]], " -> ")
    before = join(sorted({M.t(f"kind.{s.kind}") for s in res.steps
                          if first is not None and s.index < first.index and s.kind in ("resolver", "dns-walk", "hosts-file",
                                                                                         "tcp", "tls")}, key=str), ", ")
    return finding("journey.redirect-order", "info", M.t("f.redirect-order", chain=chain, n=first.index if first else "-",
                   before=before), concepts=("journey.redirects",))


@RULES.rule
def downgrade(res, rec):
    bad = [r for r in res.redirects if r["from"].startswith("https://") and r["to"].startswith("http://")]
    if bad:
        return finding("journey.downgrade", "warning", M.t("f.downgrade", src=bad[0]["from"], dst=bad[0]["to"]),
                       concepts=("journey.hsts",))
    return None


@RULES.rule
def first_hop(res, rec):
    for h in res.system.get("first_hops", []):
        if h.get("gateway") and h.get("address") != h.get("gateway"):
            mac = h.get("syn_mac")
            evidence = (M.t("f.gateway-mac", mac=mac, gw_mac=h.get("lladdr") or "?")
                        if mac else M.t("f.gateway-nomac"))
            return finding("journey.gateway", "info", M.t("f.gateway", address=h["address"], gateway=h["gateway"],
                           evidence=evidence, state=h.get("state") or "-"), concepts=("journey.first-hop",))
    return None


@RULES.rule
def tls_in_tcp(res, rec):
    tls = _step(res, "tls", "ok")
    tcp = next((s for s in res.steps if s.kind == "tcp" and tls is not None and s.conn == tls.conn), None)
    if tls is None or tcp is None:
        return None
    sni = M.t("f.sni-seen", sni=tls.host) if res.system.get("sni_on_wire") else M.t("f.sni-nocap")
    return finding("journey.tls-in-tcp", "info", M.t("f.tls-in-tcp", port=tls.port or 443, sni=sni),
                   concepts=("tls.layer", "layers.osi-tcpip"))


@RULES.rule
def coalescing(res, rec):
    seen: dict[str, set] = {}
    for c in res.connections:
        if c["origin"].startswith("https://") and c["remote"]:
            seen.setdefault(c["remote"], set()).add(c["origin"])
    for remote, origins in seen.items():
        if len(origins) > 1:
            return finding("journey.coalescing", "info", M.t("f.coalescing", origins=", ".join(sorted(origins)),
                           remote=remote), concepts=("http2.multiplexing",))
    return None


@RULES.rule
def multiplexing(res, rec):
    subs = [r for r in res.requests if r["purpose"] == "subresource" and not r["error_kind"]]
    if not subs:
        return None
    conns = {r["conn"] for r in subs}
    new = sum(1 for r in subs if r["new_connection"])
    versions = sorted({r["http_version"] for r in subs if r["http_version"]})
    return finding("journey.subresources", "info", M.t("f.subresources", n=len(subs), conns=len(conns), new=new,
                   versions="/".join(versions) or "-"), concepts=("http2.multiplexing", "http.keep-alive"))


@RULES.rule
def alt_svc(res, rec):
    for r in res.requests:
        if r.get("alt_svc") and "h3" in r["alt_svc"]:
            return finding("journey.alt-svc", "info", M.t("f.alt-svc", value=r["alt_svc"][:80], url=r["url"]),
                           concepts=("http.alt-svc",))
    return None


@RULES.rule
def close(res, rec):
    if not res.connections:
        return None
    ours = sum(1 for c in res.connections if (c["closed_by"] or "").startswith("client"))
    theirs = sum(1 for c in res.connections if (c["closed_by"] or "").startswith("server"))
    resets = sum(1 for c in res.connections if c.get("rst_from"))
    tw = sum(1 for c in res.connections if c["time_wait"])
    if not (ours or theirs or tw):
        return None
    return finding("journey.close", "info", M.t("f.close", ours=ours, theirs=theirs, resets=resets, tw=tw),
                   concepts=("tcp.time-wait", "tcp.four-way-close"))


@RULES.rule
def no_capture(res, rec):
    if res.address.get("ok") and not res.capture.get("ifname") and res.capture.get("note"):
        return finding("journey.no-capture", "info", M.t("f.no-capture", why=res.capture["note"]))
    return None


@RULES.rule
def nested(res, rec):
    out = []
    for row in res.inspections:
        if not row["ok"]:
            out.append(finding("journey.step-unavailable", "warning", M.t("f.step-unavailable", step=row["step"],
                               why=_both(row["summary"], row["summary_ko"]))))
            continue
        for f in row["findings"]:
            if f.severity in ("warning", "error"):
                out.append(Finding(f.code, f.severity, f"[{row['step']}] {f.message}", f.concepts,
                                   f"[{row['step']}] {f.message_ko or f.message}", f.detail, f.detail_ko))
    return out


def _both(en: str, ko: str):
    from netlab.i18n import Both

    return Both(en, ko)
