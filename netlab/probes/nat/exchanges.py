"""The recorded datagrams, matched into exchanges (pure; analyze's helper).

A test's requests are the MessageSent events with its name (a retransmission repeats the
transaction id); its answer is the first well-formed STUN message carrying that transaction id,
on whichever socket it arrived.  What arrived on the test's socket while it waited and matched
nothing is kept against the test as a problem: a malformed datagram, a STUN message with a
transaction id we never sent.  An answer from a source other than the one the test expects is
marked ``unexpected-source`` (and does not count as an answer to that test's question).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from netlab.probes.nat import stun
from netlab.probes.nat.classify import expected_source
from netlab.probes.nat.model import Exchange, MessageReceived, MessageSent, SocketOpened, WaitEnded
from netlab.units import ms_since


@dataclass
class Index:
    sent: dict[str, list[MessageSent]] = field(default_factory=dict)  # test -> its transmissions
    received: list[tuple[MessageReceived, stun.Parsed]] = field(default_factory=list)
    by_tid: dict[bytes, list[int]] = field(default_factory=dict)  # tid -> indexes into received
    our_tids: set[bytes] = field(default_factory=set)
    socks: dict[str, SocketOpened] = field(default_factory=dict)
    waits: dict[str, WaitEnded] = field(default_factory=dict)
    t0: float = 0.0


def index(events: list) -> Index:
    ix = Index()
    for e in events:
        if isinstance(e, MessageSent):
            ix.sent.setdefault(e.test, []).append(e)
            p = stun.parse(e.data)
            if p.ok:
                ix.our_tids.add(p.tid)
        elif isinstance(e, MessageReceived):
            p = stun.parse(e.data) if stun.looks_like_stun(e.data) else stun.Parsed(False, _not_stun(e.data))
            ix.received.append((e, p))
            if p.ok:
                ix.by_tid.setdefault(p.tid, []).append(len(ix.received) - 1)
        elif isinstance(e, SocketOpened):
            ix.socks[e.sock] = e
        elif isinstance(e, WaitEnded):
            ix.waits[e.test] = e
    return ix


def _not_stun(data: bytes) -> str:
    if len(data) < stun.HEADER:
        return f"{len(data)} bytes: shorter than a STUN header (20)"
    p = stun.parse(data)
    return p.error or "not STUN"


def exchange(ix: Index, test: str, server: str | None = None, other: str | None = None) -> Exchange | None:
    sends = ix.sent.get(test)
    if not sends:
        return None
    first = sends[0]
    req = stun.parse(first.data)
    ex = Exchange(test=test, sock=first.sock, dst=stun.endpoint(first.dst_address, first.dst_port),
                  attempts=len(sends), t_ms=ms_since(first.t, ix.t0))
    if not req.ok:
        return ex
    wait = ix.waits.get(test)
    t_end = wait.t if wait else None
    answer = None
    for i in ix.by_tid.get(req.tid, []):
        rcv, p = ix.received[i]
        if rcv.t < first.t or (p.kind == "request" and rcv.sock == first.sock):
            continue  # not an answer: before we asked, or our own request come back to its sender
        answer = (rcv, p)
        break
    _problems(ix, ex, first, t_end, req.tid)
    if answer is None:
        return ex
    rcv, p = answer
    before = [s for s in sends if s.t <= rcv.t]
    ex.answered = True
    ex.answer_attempt = len(before) or 1
    ex.rtt_ms = ms_since(rcv.t, before[-1].t) if before else None
    ex.src = stun.endpoint(rcv.src_address, rcv.src_port)
    ex.arrived_on = rcv.sock
    ex.kind = p.kind
    _attributes(ex, p)
    want = expected_source(test, server or ex.dst, other)
    if p.kind in ("success", "error") and want is None and not test.rpartition("/")[2].startswith("life"):
        want = ex.dst
    if want and ex.src != want:
        ex.problems.append("unexpected-source")
        ex.detail["expected"] = want
    if ex.origin and ex.origin != ex.src and "unexpected-source" not in ex.problems:
        ex.problems.append("origin-differs")
    return ex


def _attributes(ex: Exchange, p: stun.Parsed) -> None:
    for name in ("XOR-MAPPED-ADDRESS", "MAPPED-ADDRESS"):
        if p.address(name):
            ex.mapped, ex.mapped_attr = p.address(name), name
            break
    ex.other = p.address("OTHER-ADDRESS") or p.address("CHANGED-ADDRESS")
    if ex.other and not p.address("OTHER-ADDRESS"):
        ex.detail["changed_address"] = True  # RFC 3489's name for it
    ex.origin = p.address("RESPONSE-ORIGIN")
    if "ERROR-CODE" in p.attrs:
        code, reason = p.attrs["ERROR-CODE"]
        ex.error_code = int(code)
        ex.error_reason = str(reason).rstrip("\x00")[:200]
    if "SOFTWARE" in p.attrs:
        ex.software = str(p.attrs["SOFTWARE"]).rstrip("\x00")[:120]
    for name in ("XOR-RELAYED-ADDRESS", "XOR-PEER-ADDRESS"):
        if p.address(name):
            ex.detail[name] = p.address(name)
    if "LIFETIME" in p.attrs:
        ex.detail["LIFETIME"] = p.attrs["LIFETIME"]
    if p.unknown:
        ex.detail["unknown_attributes"] = [f"0x{t:04x}" for t in p.unknown]


def _problems(ix: Index, ex: Exchange, first: MessageSent, t_end: float | None, tid: bytes) -> None:
    """What arrived on the test's socket while it waited and was not an answer to anything we sent."""
    for rcv, p in ix.received:
        if rcv.sock != first.sock or rcv.t < first.t or (t_end is not None and rcv.t > t_end):
            continue
        src = stun.endpoint(rcv.src_address, rcv.src_port)
        if not p.ok:
            ex.problems.append("malformed")
            ex.detail.setdefault("malformed", []).append({"src": src, "why": (p.error or "")[:160]})
        elif p.tid not in ix.our_tids and p.kind in ("success", "error"):
            ex.problems.append("wrong-tid")
            ex.detail.setdefault("wrong_tid", []).append({"src": src, "tid": p.tid.hex()})
