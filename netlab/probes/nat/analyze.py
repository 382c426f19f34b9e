"""netlab nat analysis: Recording -> NatResult (pure).

exchanges.py matches the datagrams into tests, classify.py decides each behaviour, conntrack.py reads
the NAT routers' tables; this module puts them together and ends with the findings (findings.py).
"""

from __future__ import annotations

from netlab.model import DeadlineReached, Recording
from netlab.probes.nat import classify as C
from netlab.probes.nat import conntrack as ct
from netlab.probes.nat import stun
from netlab.probes.nat import tests as T
from netlab.probes.nat.exchanges import Index, exchange, index
from netlab.probes.nat.model import (
    ConntrackRead,
    ConntrackSnapshot,
    MessagesCut,
    NatResult,
    PeerResult,
    PhaseSkipped,
    SandboxRead,
    ServerResolutionFailed,
    ServerResolved,
)
from netlab.probes.nat.p2p import RELAY_PAYLOAD_DOWN, RELAY_PAYLOAD_UP
from netlab.units import ms_since

TYPE_PREFERENCE = {"host": 126, "prflx": 110, "srflx": 100, "relay": 0}


def analyze(rec: Recording) -> NatResult:
    res = NatResult(params=dict(rec.params))
    res.transport = "tcp" if rec.params.get("tcp") else "udp"
    res.sandbox = rec.environment.get("sandbox")
    for e in rec.events:
        if isinstance(e, ServerResolved):
            res.server, res.server_address, res.port = e.host, e.address, e.port
        elif isinstance(e, ServerResolutionFailed):
            res.server = e.host
            res.skipped.append({"phase": "server", "reason": "no-such-name", "detail": e.error[:200]})
        elif isinstance(e, SandboxRead):
            res.sandbox, res.host, res.nat_path = e.sandbox, e.host, [dict(r) for r in e.nat_path]
        elif isinstance(e, PhaseSkipped):
            res.skipped.append({"phase": e.phase, "reason": e.reason, "detail": e.detail[:200]})
        elif isinstance(e, MessagesCut):
            res.cut = {"kept": e.kept, "dropped": e.dropped}
        elif isinstance(e, DeadlineReached):
            res.deadline_cut = e.skipped
    if rec.events:
        res.duration_ms = ms_since(rec.events[-1].t, 0.0)
    ix = index(rec.events)
    server = stun.endpoint(res.server_address, res.port) if res.server_address else None
    if res.transport == "tcp":
        _ours(res, ix, server, T.TCP_MAP, "tcp1")
    else:
        _ours(res, ix, server, T.MAP, "map")
        _filtering(res, ix, server)
        _hairpin(res, ix)
        _lifetime(res, ix, rec)
        _outbound(res, ix, rec, server)
        _peers(res, ix, rec, server)
        _turn(res, ix)
    _conntrack(res, rec)
    _candidates(res)
    _classic(res, ix, server)
    _stray(res, ix)
    res.unreachable = res.server_address is None or not any(e.answered for e in res.exchanges if e.test in (T.MAP[0], T.TCP_MAP[0]))
    from netlab.probes.nat.findings import RULES

    res.findings = RULES.run(res, rec)
    return res


def _local(ix: Index, sid: str) -> str | None:
    s = ix.socks.get(sid)
    return stun.endpoint(s.local_address, s.local_port) if s else None


def _ours(res: NatResult, ix: Index, server: str | None, names: tuple[str, ...], sid: str) -> None:
    ex1 = exchange(ix, names[0], server)
    other = ex1.other if ex1 and ex1.answered else None
    exs = [ex1] + [exchange(ix, n, server, other) for n in names[1:]]
    res.exchanges += [e for e in exs if e]
    res.private = _local(ix, sid)
    if C.usable(ex1):
        res.public = ex1.mapped
        res.other_address = other
        res.software = ex1.software
        res.rfc5780 = other is not None and not (ex1.detail.get("changed_address"))
    res.mapping = C.mapping(*exs, res.private)
    if res.mapping.value != C.UNKNOWN or (ex1 and ex1.mapped):
        res.behind_nat = res.mapping.value != C.NONE
    if res.public and res.private:
        res.port_preserved = C._port(res.public) == C._port(res.private)


def _filtering(res: NatResult, ix: Index, server: str | None) -> None:
    other = res.other_address
    exs = {n: exchange(ix, n, server, other) for n in (*T.FILTER, *T.CONTROL.values())}
    res.exchanges += [e for e in exs.values() if e]
    if exs["filter1"] is None and res.mapping and res.mapping.value == C.UNKNOWN:
        return
    res.filtering = C.filtering(exs["filter1"], exs["filter2"], exs["filter3"], exs["control2"], exs["control3"],
                                bool(res.rfc5780))


def _hairpin(res: NatResult, ix: Index) -> None:
    ex = exchange(ix, T.HAIRPIN)
    if ex:
        ex.problems = [p for p in ex.problems if p != "unexpected-source"]
        res.exchanges.append(ex)
    if ex is None and not res.public:
        return
    res.hairpin, res.hairpin_source = C.hairpin(ex, res.public, res.private)


def _lifetime(res: NatResult, ix: Index, rec: Recording) -> None:
    checks = []
    i = 0
    while T.life_check(i) in ix.sent or T.life_open(i) in ix.sent:
        opened = exchange(ix, T.life_open(i))
        check = exchange(ix, T.life_check(i))
        i += 1
        if not (opened and opened.answered and check):
            continue
        arrived = ix.received[ix.by_tid[stun.parse(ix.sent[opened.test][0].data).tid][0]][0].t
        age = ix.sent[check.test][0].t - arrived
        alive = check.answered and check.arrived_on == opened.sock
        checks.append({"after_s": round(age, 1), "alive": alive, "attempts": check.attempts,
                       "socket": opened.sock, "answer_attempt": check.answer_attempt if alive else None})
    if checks:
        res.lifetime = C.lifetime(checks)
        path = [r.get("nat") for r in res.nat_path if r.get("nat")]
        if path:
            res.lifetime["configured_s"] = min(int(n.get("udp_timeout") or 0) for n in path)
    stop = next((s for s in res.skipped if s["phase"] == "lifetime-rest"), None)
    if stop:
        res.lifetime["stopped"] = stop["reason"]
    res.lifetime["cap_s"] = float(rec.params.get("lifetime") or 0)


def _outbound(res: NatResult, ix: Index, rec: Recording, server: str | None) -> None:
    """The datagram nobody answered, the NAT's table right after it, the Binding from the same socket."""
    sent = ix.sent.get(T.OUTBOUND_DATA)
    if not sent:
        return
    local = _local(ix, sent[0].sock)
    ex = exchange(ix, T.OUTBOUND, server)
    if ex:
        res.exchanges.append(ex)
    snap = next((e for e in rec.events if isinstance(e, ConntrackRead) and e.moment == "outbound"), None)
    seen = None
    if snap is not None and local:
        for e in ct.parse(snap.output)[0]:
            if e.orig_src.endswith(":" + local.rpartition(":")[2]) and e.orig_dst == server:
                seen = e
                break
    answered_before = any(r.sock == sent[0].sock and r.t < (snap.t if snap else 0) for r, _ in ix.received)
    res.outbound_only = {
        "local": local, "router": snap.router if snap else None, "unreplied": bool(seen and "UNREPLIED" in seen.flags),
        "conntrack_public": seen.reply_dst if seen else None, "stun_public": ex.mapped if ex and ex.answered else None,
        "answered_before": answered_before,
    }


def _peers(res: NatResult, ix: Index, rec: Recording, server: str | None) -> None:
    sandbox = next((e for e in rec.events if isinstance(e, SandboxRead)), None)
    for row in (sandbox.peers if sandbox else ()):
        name = row["host"]
        pr = PeerResult(host=name, configured=[r.get("nat") for r in row.get("nat_path") or [] if r.get("nat")])
        e1 = exchange(ix, T.peer(name, "map1"), server)
        other = e1.other if e1 and e1.answered else None
        m = [e1] + [exchange(ix, T.peer(name, t), server, other) for t in T.MAP[1:]]
        f = [exchange(ix, T.peer(name, t), server, other) for t in (*T.FILTER, "control2", "control3")]
        pr.private = _local(ix, f"map:{name}")
        pr.mapping = C.mapping(*m, pr.private)
        pr.filtering = C.filtering(*f, other is not None)
        pr.predicted, pr.predicted_reason = C.predict(res.mapping, res.filtering, pr.mapping, pr.filtering)
        _punch(pr, ix, server)
        res.peers.append(pr)


def _punch(pr: PeerResult, ix: Index, server: str | None) -> None:
    name = pr.host
    sb = exchange(ix, T.peer(name, "srflx-b"), server)
    sa = exchange(ix, T.peer(name, "srflx-a"), server)
    pr.srflx = sb.mapped if sb and sb.answered else None
    checks_a = ix.sent.get(T.peer(name, "check-a"), [])
    checks_b = ix.sent.get(T.peer(name, "check-b"), [])
    pr.checks_sent = len(checks_a) + len(checks_b)
    if not checks_a and not checks_b:
        return
    initial_a = {_local(ix, f"peer:{name}"), pr.srflx}  # what our side was told of the peer
    initial_b = {_local(ix, f"punch:{name}"), sa.mapped if sa else None}  # what the peer was told of us

    def success(checks, sock) -> str | None:
        tids = {stun.parse(s.data).tid: stun.endpoint(s.dst_address, s.dst_port) for s in checks}
        for rcv, p in ix.received:
            if rcv.sock == sock and p.ok and p.kind == "success" and p.tid in tids:
                return tids[p.tid]
        return None

    pr.our_target = success(checks_a, f"punch:{name}")
    pr.their_target = success(checks_b, f"peer:{name}")
    pr.direct = "ok" if pr.our_target and pr.their_target else "failed"
    learnt = []
    for checks, initial in ((checks_a, initial_a), (checks_b, initial_b)):
        for s in checks:
            dst = stun.endpoint(s.dst_address, s.dst_port)
            if dst not in initial and dst not in learnt:
                learnt.append(dst)
    pr.prflx = learnt
    ours = sa.mapped if sa else None
    for rcv, p in ix.received:  # our own peer-reflexive address: a check's answer naming another mapping of ours
        if rcv.sock == f"punch:{name}" and p.ok and p.kind == "success":
            seen = p.address("XOR-MAPPED-ADDRESS")
            if seen and seen != ours and seen not in pr.local_prflx:
                pr.local_prflx.append(seen)


def _turn(res: NatResult, ix: Index) -> None:
    allocs = [exchange(ix, t) for t in T.TURN_ALLOCATE]
    allocs = [a for a in allocs if a]
    if not allocs:
        return
    res.exchanges += allocs
    last = allocs[-1]
    res.turn = {
        "steps": [{"test": a.test, "kind": a.kind, "error": a.error_code, "relayed": a.detail.get("XOR-RELAYED-ADDRESS"),
                   "lifetime": a.detail.get("LIFETIME")} for a in allocs],
        "relayed": last.detail.get("XOR-RELAYED-ADDRESS") if last.kind == "success" else None,
        "mapped": last.mapped if last.kind == "success" else None,
        "authenticated": len(allocs) > 1 and allocs[0].error_code == 401,
    }
    release = exchange(ix, T.TURN_RELEASE)
    if release:
        res.turn["released"] = release.answered and release.kind == "success"
    for pr in res.peers:
        perm = exchange(ix, T.peer(pr.host, "turn-permission"))
        if perm is None:
            continue
        up_payload = RELAY_PAYLOAD_UP + pr.host.encode()
        down_payload = RELAY_PAYLOAD_DOWN + pr.host.encode()
        data_ind = next((p for r, p in ix.received if r.sock == "turn" and p.ok and p.method == "data"
                         and p.attrs.get("DATA") == up_payload), None)
        back = any(r.sock == f"relay:{pr.host}" and r.data == down_payload for r, _ in ix.received)
        pr.relay = "ok" if data_ind is not None and back else "failed"
        pr.relay_detail = {
            "permission": perm.kind, "peer_seen_as": data_ind.address("XOR-PEER-ADDRESS") if data_ind else None,
            "up": data_ind is not None, "down": back, "needed": pr.direct != "ok",
            "up_attempts": len(ix.sent.get(T.peer(pr.host, "relay-up"), [])),
            "down_attempts": len(ix.sent.get(T.peer(pr.host, "relay-down"), [])),
        }


def _conntrack(res: NatResult, rec: Recording) -> None:
    for e in rec.events:
        if isinstance(e, ConntrackRead):
            entries, total = ct.parse(e.output)
            res.conntrack.append(ConntrackSnapshot(router=e.router, moment=e.moment, t_ms=ms_since(e.t, 0.0),
                                                   entries=entries, total=total, error=e.error))


def _candidates(res: NatResult) -> None:
    """ICE's candidates for our side (RFC 8445 priority: type preference, local preference 65535, component 1)."""
    rows = []
    if res.private:
        rows.append(("host", res.private, "kernel"))
    if res.public and res.behind_nat:
        rows.append(("srflx", res.public, "stun"))
    for pr in res.peers:
        for a in pr.local_prflx:
            rows.append(("prflx", a, f"check:{pr.host}"))
    if res.turn.get("relayed"):
        rows.append(("relay", res.turn["relayed"], "turn"))
    seen = set()
    for kind, addr, how in rows:
        if (kind, addr) in seen:
            continue
        seen.add((kind, addr))
        priority = (TYPE_PREFERENCE[kind] << 24) + (65535 << 8) + (256 - 1)
        res.candidates.append({"type": kind, "address": addr, "how": how, "priority": priority})


def _classic(res: NatResult, ix: Index, server: str | None) -> None:
    if not res.params.get("classic"):
        return
    c2 = exchange(ix, T.CLASSIC[0], server, res.other_address)
    c3 = exchange(ix, T.CLASSIC[1], server, res.other_address)
    res.exchanges += [e for e in (c2, c3) if e]
    res.classic = {
        "name": C.classic_name(res.mapping, res.filtering),
        "biased": C.classic_biased(c2, c3, res.mapping),
        "symmetric_reached": [p.host for p in res.peers if p.direct == "ok"] if res.mapping and res.mapping.value in (C.AD, C.APD) else [],
        "cone_needed_relay": [p.host for p in res.peers if p.direct == "failed"] if res.mapping and res.mapping.value == C.EI else [],
    }


def _stray(res: NatResult, ix: Index) -> None:
    """Problems met while waiting (malformed datagrams, unknown transaction ids), once each."""
    for ex in res.exchanges:
        for kind in ("malformed", "wrong_tid"):
            for item in ex.detail.get(kind, []):
                res.stray.append({"kind": kind, "test": ex.test, **item})
