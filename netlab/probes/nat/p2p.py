"""Peer to peer in the sandbox: hole punching with each peer, and a TURN relay where it fails (I/O,
collect's helper).

For each peer, two sockets: ours (``punch:PEER``, in our host) and the peer's (``peer:PEER``, created
inside the peer's host, so that its packets leave through the peer's own NATs).  Each learns its
server-reflexive address from the STUN server; the two exchange their candidates (host and
server-reflexive; in a real application this goes through a signalling server, here it is handed
over inside this process), then both send connectivity checks (STUN Binding requests, as ICE does)
to the other's candidates every CHECK_INTERVAL seconds, at the same time.  Both sockets are ICE
agents (netlab.probes.nat.net): they answer every check with a Binding success naming its source,
and a check from a source they did not know (a peer-reflexive address: the peer's NAT made a new
mapping for us) becomes a target too.  Direct works when each side got a success response.

TURN (RFC 8656): one allocation on the STUN server from our host (Allocate, 401 with REALM and
NONCE, Allocate with the long-term credentials), a permission for each peer that could not be
reached directly, the peer sending to our relayed address (the relay hands it to us in a Data
indication), and our answer in a Send indication that the relay forwards to the peer.  If every
peer was reached directly, the relay is still shown with the first peer (marked: not needed).
"""

from __future__ import annotations

import asyncio

from netlab.probes.nat import stun
from netlab.probes.nat import tests as T
from netlab.probes.nat.discover import mapped

CHECK_INTERVAL = 0.2
CHECK_FOR = 2.0  # seconds of checks before giving up
RELAY_PAYLOAD_UP = b"netlab relay: hello from "
RELAY_PAYLOAD_DOWN = b"netlab relay: hello back to "


async def p2p_phase(run, peers: list[str]) -> None:
    results = await asyncio.gather(*(_punch(run, p) for p in peers))
    failed = [(p, r) for p, r in zip(peers, results, strict=True) if r and not r["ok"]]
    usable = [(p, r) for p, r in zip(peers, results, strict=True) if r]
    if not usable:
        run.skip("turn", "no-peers")
        return
    await turn_phase(run, failed or usable[:1])


async def _punch(run, peer: str) -> dict | None:
    net = run.net
    a = await net.open(f"punch:{peer}", "punch", run.host, agent=True)
    b = await net.open(f"peer:{peer}", "peer", peer, agent=True)
    if a is None or b is None:
        return None
    ra, rb = await asyncio.gather(run.binding(a, run.server, T.peer(peer, "srflx-a")),
                                  run.binding(b, run.server, T.peer(peer, "srflx-b")))
    ma, mb = mapped(ra), mapped(rb)
    if ma is None or mb is None:
        return None
    targets = {a.sid: [b.local, mb], b.sid: [a.local, ma]}  # host candidate first, then server-reflexive
    mine: dict[bytes, tuple[str, str]] = {}  # tid -> (socket, target)
    ok: dict[str, bool] = {a.sid: False, b.sid: False}
    t_end = run.clock() + min(CHECK_FOR, max(0.2, run.left()))
    rounds = 0
    seen = len(net.arrivals)
    while run.clock() < t_end and not all(ok.values()):
        rounds += 1
        for sk in (a, b):
            for extra in sk.learnt:  # peer-reflexive: the peer's NAT made a mapping we did not know
                if extra not in targets[sk.sid]:
                    targets[sk.sid].append(extra)
            if ok[sk.sid]:
                continue
            for tgt in targets[sk.sid]:
                tid, data = stun.binding_request()
                mine[tid] = (sk.sid, tgt)
                net.send(sk, tgt, data, T.peer(peer, "check-a" if sk is a else "check-b"), rounds)
        await asyncio.sleep(CHECK_INTERVAL)
        for arr in net.arrivals[seen:]:
            if arr.parsed.ok and arr.parsed.kind == "success" and arr.parsed.tid in mine:
                ok[mine[arr.parsed.tid][0]] = True
        seen = len(net.arrivals)
    await run.conntrack(f"punch:{peer}")
    return {"ok": all(ok.values()), "b": b, "mb": mb}


async def turn_phase(run, peers: list[tuple[str, dict]]) -> None:
    creds = _credentials(run)
    if creds is None:
        run.skip("turn", "no-credentials")
        return
    user, password = creds
    net = run.net
    sk = await net.open("turn", "turn", run.host)
    if sk is None:
        return
    alloc = {"REQUESTED-TRANSPORT": stun.REQUESTED_TRANSPORT_UDP, "LIFETIME": 120}
    tid, data = stun.turn_request("allocate", alloc)
    got = await net.transact(sk, run.server, tid, data, T.TURN_ALLOCATE[0], run.rto, deadline=run.deadline)
    auth, relayed = None, None
    for test in T.TURN_ALLOCATE[1:]:
        if got is None or got.parsed.kind != "error":
            break
        code = (got.parsed.attrs.get("ERROR-CODE") or (0, ""))[0]
        realm, nonce = got.parsed.attrs.get("REALM"), got.parsed.attrs.get("NONCE")
        if code not in (401, 438) or not realm or not nonce:
            break
        auth = (user, realm, nonce, stun.long_term_key(user, realm, password))
        tid, data = stun.turn_request("allocate", alloc, auth)
        got = await net.transact(sk, run.server, tid, data, test, run.rto, deadline=run.deadline)
    if got is not None and got.parsed.kind == "success":
        v = got.parsed.attrs.get("XOR-RELAYED-ADDRESS")
        relayed = (v[0], int(v[1])) if isinstance(v, tuple) else None
    if relayed is None or auth is None:
        return
    await asyncio.gather(*(_relay(run, sk, auth, relayed, p, r) for p, r in peers))
    tid, data = stun.turn_request("refresh", {"LIFETIME": 0}, auth)
    await net.transact(sk, run.server, tid, data, T.TURN_RELEASE, run.rto, tries=2, deadline=run.deadline + 2)


def _credentials(run) -> tuple[str, str] | None:
    given = run.params.get("turn_user")
    if given and ":" in str(given):
        user, _, password = str(given).partition(":")
        return user, password
    if run.ctx.sandbox is not None:
        from netlab.sandbox.services.stun import PASSWORD, USERNAME

        return USERNAME, PASSWORD
    return None


async def _relay(run, sk, auth, relayed: tuple[str, int], peer: str, punch: dict) -> None:
    net = run.net
    ps = await net.open(f"relay:{peer}", "relay-peer", peer)
    if ps is None:
        return
    public_ip = punch["mb"][0]
    tid, data = stun.turn_request("create-permission", {"XOR-PEER-ADDRESS": (public_ip, 0)}, auth)
    got = await net.transact(sk, run.server, tid, data, T.peer(peer, "turn-permission"), run.rto,
                             deadline=run.deadline)
    if got is None or got.parsed.kind != "success":
        return
    up = RELAY_PAYLOAD_UP + peer.encode()
    arrival = None
    for attempt in range(1, 4):
        net.send(ps, relayed, up, T.peer(peer, "relay-up"), attempt)
        arrival = await net.until(lambda a: a.sock == sk.sid and a.parsed.ok and a.parsed.method == "data"
                                  and a.parsed.attrs.get("DATA") == up, 0.3)
        if arrival is not None:
            break
    if arrival is None:
        return
    src = arrival.parsed.attrs.get("XOR-PEER-ADDRESS")
    down = RELAY_PAYLOAD_DOWN + peer.encode()
    for attempt in range(1, 4):
        net.send(sk, run.server, stun.send_indication((src[0], int(src[1])), down), T.peer(peer, "relay-down"), attempt)
        if await net.until(lambda a: a.sock == ps.sid and a.data == down, 0.3) is not None:
            break
