"""netlab nat findings: one small rule each (pure).  Messages in messages.py."""

from __future__ import annotations

from netlab.i18n import join
from netlab.probes.nat import classify as C
from netlab.probes.nat.messages import M, behaviour, reason
from netlab.probes.rules import Rules, finding

RULES = Rules()


def _ex(res, test):
    return next((e for e in res.exchanges if e.test == test), None)


@RULES.rule
def server_unknown(res, rec):
    if any(s["phase"] == "server" for s in res.skipped):
        return finding("nat.no-such-name", "error", M.t("f.no-such-name", server=res.server or "?"),
                       concepts=("nat.stun",))


@RULES.rule
def no_server(res, rec):
    first = _ex(res, "tcp-map1" if res.transport == "tcp" else "map1")
    if res.server_address and first is not None and not first.answered:
        key = "f.no-valid-answer" if any(s["test"] == first.test for s in res.stray) else "f.no-server"
        return finding("nat.no-server", "error", M.t(key, server=first.dst, attempts=first.attempts),
                       concepts=("nat.stun",))


@RULES.rule
def translated(res, rec):
    if res.behind_nat and res.public and res.private:
        key = "f.behind-nat.kept" if res.port_preserved else "f.behind-nat.changed"
        return finding("nat.behind-nat", "info", M.t(key, private=res.private, public=res.public),
                       concepts=("nat.mapping",))
    if res.behind_nat is False:
        return finding("nat.no-nat", "info", M.t("f.no-nat", public=res.public or "?"), concepts=("nat.mapping",))


@RULES.rule
def outbound_made_it(res, rec):
    o = res.outbound_only
    if o.get("unreplied") and not o.get("answered_before"):
        key = "f.outbound" if o.get("stun_public") else "f.outbound-only"
        return finding("nat.outbound-creates-mapping", "info",
                       M.t(key, router=o.get("router"), public=o.get("conntrack_public") or "?",
                           stun=o.get("stun_public") or "?"), concepts=("nat.outbound-creates-mapping",))


@RULES.rule
def verdicts(res, rec):
    out = []
    for what, v, concept in (("mapping", res.mapping, "nat.mapping"), ("filtering", res.filtering, "nat.filtering")):
        if v is None:
            continue
        if v.value in C.BEHAVIOURS:
            out.append(finding(f"nat.{what}", "info", M.t(f"f.{what}", value=behaviour(v.value), why=reason(v.reason)),
                               concepts=(concept, "nat.rfc5780")))
        elif v.value == C.UNKNOWN and v.reason not in ("no-answer",):
            out.append(finding(f"nat.{what}-unknown", "warning", M.t(f"f.{what}-unknown", why=reason(v.reason)),
                               concepts=(concept, "nat.rfc5780")))
    return out


@RULES.rule
def retried(res, rec):
    tests = []
    for v in (res.mapping, res.filtering, res.hairpin):
        tests += v.retried if v else []
    tests += [f"life:{c['socket']}" for c in res.lifetime.get("checks", []) if (c.get("answer_attempt") or 1) > 1]
    if tests:
        return finding("nat.retransmitted", "warning", M.t("f.retried", tests=join(tests)), concepts=("nat.rfc5780",))


@RULES.rule
def one_address(res, rec):
    if any(s["reason"] == "one-address" for s in res.skipped):
        cannot = [s["phase"] for s in res.skipped if s["reason"] == "one-address"]
        return finding("nat.server-one-address", "warning",
                       M.t("f.one-address", server=res.server or "?", tests=join(M.t(f"phase.{p}") for p in cannot)),
                       concepts=("nat.rfc5780",))


@RULES.rule
def change_request(res, rec):
    v = res.filtering
    if v and v.reason in ("change-refused", "change-ignored"):
        ex = _ex(res, v.evidence[-1]) if v.evidence else None
        detail = f"{ex.error_code} {ex.error_reason}" if ex and ex.error_code else (ex.src if ex else "?")
        return finding(f"nat.{v.reason}", "warning", M.t(f"f.{v.reason}", detail=detail),
                       concepts=("nat.classic-types", "nat.rfc5780"))


@RULES.rule
def unexpected_source(res, rec):
    out = []
    told = set(res.filtering.evidence[-1:]) if res.filtering and res.filtering.reason == "change-ignored" else set()
    for ex in res.exchanges:
        if "unexpected-source" in ex.problems and not ex.test.startswith(("classic",)) and ex.test not in told:
            out.append(finding("nat.unexpected-source", "warning",
                               M.t("f.unexpected-source", test=ex.test, src=ex.src or "?",
                                   expected=ex.detail.get("expected", "?")), concepts=("nat.rfc5780",)))
    return out


@RULES.rule
def stray(res, rec):
    out = []
    malformed = [s for s in res.stray if s["kind"] == "malformed"]
    wrong = [s for s in res.stray if s["kind"] == "wrong_tid"]
    if malformed:
        out.append(finding("nat.malformed", "warning",
                           M.t("f.malformed", n=len(malformed), src=malformed[0]["src"], why=malformed[0]["why"]),
                           concepts=("nat.stun",)))
    if wrong:
        out.append(finding("nat.wrong-tid", "warning", M.t("f.wrong-tid", n=len(wrong), src=wrong[0]["src"]),
                           concepts=("nat.stun",)))
    return out


@RULES.rule
def hairpinning(res, rec):
    v = res.hairpin
    if v and v.value in ("yes", "no"):
        return finding("nat.hairpin", "info", M.t(f"f.hairpin.{v.reason}", public=res.public or "?",
                                                   src=res.hairpin_source or "?"), concepts=("nat.hairpinning",))


@RULES.rule
def lifetime(res, rec):
    lt = res.lifetime
    out = []
    if lt.get("lost"):
        out.append(finding("nat.lifetime-loss", "warning", M.t("f.lifetime-loss", n=lt["lost"]),
                           concepts=("nat.binding-lifetime",)))
    if lt.get("low_s") is not None and lt.get("high_s") is not None:
        out.append(finding("nat.lifetime", "info", M.t("f.lifetime", low=f"{lt['low_s']:g}", high=f"{lt['high_s']:g}"),
                           concepts=("nat.binding-lifetime",)))
    elif lt.get("low_s") is not None:
        out.append(finding("nat.lifetime-longer", "info", M.t("f.lifetime-longer", low=f"{lt['low_s']:g}"),
                           concepts=("nat.binding-lifetime",)))
    elif lt.get("high_s") is not None:
        out.append(finding("nat.lifetime-short", "warning", M.t("f.lifetime-short", high=f"{lt['high_s']:g}"),
                           concepts=("nat.binding-lifetime",)))
    stopped = lt.get("stopped")
    if stopped in ("response-port-ignored", "response-port-refused"):
        out.append(finding("nat.response-port", "warning", M.t(f"f.{stopped}"), concepts=("nat.binding-lifetime",)))
    return out


@RULES.rule
def sandbox_agrees(res, rec):
    """In the sandbox: what it configured against what was measured (one NAT on the path)."""
    nats = [r for r in res.nat_path if r.get("nat")]
    if len(nats) > 1:
        return finding("nat.double-nat", "info",
                       M.t("f.double-nat", routers=join(f"{r['host']} ({r['nat'].get('public')})" for r in nats)),
                       concepts=("nat.cgnat",))
    if not nats:
        return None
    cfg, out = nats[0]["nat"], []
    for what, v in (("mapping", res.mapping), ("filtering", res.filtering)):
        if v is None or v.value not in C.BEHAVIOURS:
            continue
        same = v.value == cfg.get(what)
        out.append(finding("nat.sandbox-agrees" if same else "nat.sandbox-disagrees", "info" if same else "error",
                           M.t("f.sandbox-agrees" if same else "f.sandbox-disagrees", router=nats[0]["host"],
                               what=M.t(f"phase.{what}"), measured=behaviour(v.value),
                               configured=behaviour(cfg.get(what) or "?")), concepts=("nat.conntrack",)))
    lt = res.lifetime
    conf = cfg.get("udp_timeout")
    if conf and lt.get("low_s") is not None and lt.get("high_s") is not None and not lt["low_s"] <= conf <= lt["high_s"] + 1:
        out.append(finding("nat.sandbox-disagrees", "error",
                           M.t("f.sandbox-timeout", router=nats[0]["host"], configured=conf,
                               low=f"{lt['low_s']:g}", high=f"{lt['high_s']:g}"), concepts=("nat.binding-lifetime",)))
    return out


@RULES.rule
def peers(res, rec):
    out = []
    for p in res.peers:
        if p.direct == "ok":
            key = "f.punch-ok-prflx" if p.prflx else "f.punch-ok"
            out.append(finding("nat.punch-ok", "info", M.t(key, peer=p.host, target=p.our_target or "?",
                                                            prflx=join(p.prflx)), concepts=("nat.hole-punching", "nat.ice")))
        elif p.direct == "failed":
            relay = {"ok": "f.punch-failed-relayed", "failed": "f.punch-failed-relay-failed"}.get(p.relay, "f.punch-failed")
            out.append(finding("nat.punch-failed", "info", M.t(relay, peer=p.host, checks=p.checks_sent),
                               concepts=("nat.hole-punching", "nat.turn")))
        if p.direct in ("ok", "failed") and p.predicted in ("direct", "relay"):
            worked = p.direct == "ok"
            if worked != (p.predicted == "direct"):
                out.append(finding("nat.prediction-wrong", "warning",
                                   M.t("f.prediction-wrong", peer=p.host, predicted=M.t(f"predicted.{p.predicted}"),
                                       why=reason(p.predicted_reason)), concepts=("nat.hole-punching",)))
    return out


@RULES.rule
def seed_symmetric(res, rec):
    """The study note: "with a symmetric NAT STUN cannot work, TURN is needed"."""
    if res.mapping and res.mapping.value in (C.AD, C.APD):
        reached = [p.host for p in res.peers if p.direct == "ok"]
        if reached:
            return finding("nat.symmetric-reached", "info", M.t("f.symmetric-reached", peers=join(reached)),
                           concepts=("nat.classic-types", "nat.hole-punching"))


@RULES.rule
def turn(res, rec):
    t = res.turn
    if t and not t.get("relayed"):
        step = t["steps"][-1] if t.get("steps") else {}
        return finding("nat.turn-failed", "warning", M.t("f.turn-failed", error=step.get("error") or "-"),
                       concepts=("nat.turn",))


@RULES.rule
def classic(res, rec):
    c = res.classic
    out = []
    if not c:
        return None
    if c.get("biased") and c.get("name") != C.UNKNOWN and c["biased"] != c["name"]:
        out.append(finding("nat.classic-biased", "warning",
                           M.t("f.classic-biased", biased=M.t(f"classic.{c['biased']}"), name=M.t(f"classic.{c['name']}")),
                           concepts=("nat.classic-types",)))
    if c.get("cone_needed_relay"):
        out.append(finding("nat.cone-not-enough", "info",
                           M.t("f.cone-not-enough", name=M.t(f"classic.{c['name']}"), peers=join(c["cone_needed_relay"])),
                           concepts=("nat.classic-types",)))
    return out


@RULES.rule
def tcp(res, rec):
    if res.transport == "tcp":
        return finding("nat.tcp", "info", M.t("f.tcp"), concepts=("nat.conntrack", "nat.binding-lifetime"))


@RULES.rule
def cut(res, rec):
    out = []
    if res.cut:
        out.append(finding("nat.cut", "warning", M.t("f.cut", kept=res.cut["kept"], dropped=res.cut["dropped"])))
    if res.deadline_cut:
        out.append(finding("nat.deadline", "warning", M.t("f.deadline")))
    return out
