"""Deciding each behaviour from recorded STUN exchanges (pure).

Every verdict is a value and a reason code, with the tests it rests on; what a reason code means is
said in messages.py (``reason.<code>``).  The rules are RFC 5780's, with two of our own where the RFC
is silent:

- Silence is not filtering until a control request shows the server still answers us: after an
  unanswered filtering test (itself retransmitted) a plain Binding goes to the primary address; if
  that one is not answered either, the verdict is "unknown (lost)", not "filtered".
- An answer to a CHANGE-REQUEST counts only when it comes from the address and port the request
  asked for (checked on the datagram's real source, not only on RESPONSE-ORIGIN, which the server
  writes): a server that ignores CHANGE-REQUEST answers from its primary address, and an RFC 3489
  client that does not check reads that as "full cone".
"""

from __future__ import annotations

from netlab.probes.nat.model import Exchange, Verdict

EI, AD, APD = "endpoint-independent", "address-dependent", "address-and-port-dependent"
BEHAVIOURS = (EI, AD, APD)
UNKNOWN, NONE = "unknown", "none"


def _ip(endpoint: str | None) -> str | None:
    return endpoint.rpartition(":")[0].strip("[]") if endpoint else None


def _port(endpoint: str | None) -> int | None:
    try:
        return int(endpoint.rpartition(":")[2]) if endpoint else None
    except ValueError:
        return None


def usable(ex: Exchange | None) -> bool:
    """Answered with a success that came from where it should (no problem recorded against it)."""
    return bool(ex and ex.answered and ex.kind == "success" and "unexpected-source" not in ex.problems)


def _retried(*exs: Exchange | None) -> list[str]:
    return [e.test for e in exs if e and e.answered and (e.answer_attempt or 1) > 1]


# ---------------------------------------------------------------------------------- mapping


def mapping(ex1: Exchange | None, ex2: Exchange | None, ex3: Exchange | None, private: str | None) -> Verdict:
    """RFC 5780 4.3: Test I to the primary address, II to the other address (primary port), III to
    the other address and port, all from one socket."""
    if ex1 is None or not ex1.answered:
        return Verdict(UNKNOWN, "no-answer", [ex1.test] if ex1 else [])
    if "unexpected-source" in ex1.problems:
        return Verdict(UNKNOWN, "unexpected-source", [ex1.test])
    if ex1.mapped is None:
        return Verdict(UNKNOWN, "no-mapped-address", [ex1.test])
    if private and ex1.mapped == private:
        return Verdict(NONE, "no-nat", [ex1.test])
    if ex2 is None:
        return Verdict(UNKNOWN, "one-address", [ex1.test])
    ev = [e.test for e in (ex1, ex2, ex3) if e]
    if any(e and "unexpected-source" in e.problems for e in (ex2, ex3)):
        return Verdict(UNKNOWN, "unexpected-source", ev)
    if not usable(ex2) or ex2.mapped is None:
        return Verdict(UNKNOWN, "test-unanswered", ev, _retried(ex1, ex2, ex3))
    if ex2.mapped == ex1.mapped:
        if usable(ex3) and ex3.mapped not in (None, ex1.mapped):
            return Verdict(UNKNOWN, "inconsistent", ev, _retried(ex1, ex2, ex3))
        return Verdict(EI, "same-everywhere", ev, _retried(ex1, ex2, ex3))
    if not usable(ex3) or ex3.mapped is None:
        return Verdict(UNKNOWN, "test-unanswered", ev, _retried(ex1, ex2, ex3))
    if ex3.mapped == ex2.mapped:
        return Verdict(AD, "changes-with-address", ev, _retried(ex1, ex2, ex3))
    return Verdict(APD, "changes-with-port", ev, _retried(ex1, ex2, ex3))


# ---------------------------------------------------------------------------------- filtering


def filtering(ex1: Exchange | None, ex2: Exchange | None, ex3: Exchange | None, c2: Exchange | None,
              c3: Exchange | None, rfc5780: bool) -> Verdict:
    """RFC 5780 4.4 on a socket that has talked to the primary address only: Test II asks for the
    answer from the other address and port, Test III from the primary address's other port."""
    if ex1 is None or not usable(ex1):
        return Verdict(UNKNOWN, "no-answer", [ex1.test] if ex1 else [])
    for ex in (ex2, ex3):
        if ex and ex.answered and ex.kind == "error":
            return Verdict(UNKNOWN, "change-refused", [ex1.test, ex.test])
        if ex and ex.answered and "unexpected-source" in ex.problems:
            return Verdict(UNKNOWN, "change-ignored" if ex.src == ex.dst else "unexpected-source", [ex1.test, ex.test])
    if not rfc5780:
        return Verdict(UNKNOWN, "one-address", [e.test for e in (ex1, ex2) if e])
    if ex2 is None:
        return Verdict(UNKNOWN, "test-unanswered", [ex1.test])
    if usable(ex2):
        if ex3 is not None and not ex3.answered and c3 is not None:
            return Verdict(UNKNOWN, "inconsistent", [e.test for e in (ex1, ex2, ex3, c3) if e])
        return Verdict(EI, "from-anywhere", [e.test for e in (ex1, ex2, ex3) if e], _retried(ex2, ex3))
    if not usable(c2):
        return Verdict(UNKNOWN, "lost", [e.test for e in (ex1, ex2, c2) if e])
    if ex3 is None:
        return Verdict(UNKNOWN, "test-unanswered", [e.test for e in (ex1, ex2, c2) if e])
    if usable(ex3):
        return Verdict(AD, "from-same-address", [e.test for e in (ex1, ex2, c2, ex3) if e], _retried(ex3))
    if not usable(c3):
        return Verdict(UNKNOWN, "lost", [e.test for e in (ex1, ex2, c2, ex3, c3) if e])
    return Verdict(APD, "from-same-endpoint", [e.test for e in (ex1, ex2, c2, ex3, c3) if e])


def expected_source(test: str, server: str, other: str | None) -> str | None:
    """Where the answer to a test must come from (None: anywhere / not ours to check)."""
    base = test.rpartition("/")[2]
    if base in ("filter2", "classic2"):
        return other
    if base in ("filter3", "classic3") and other:
        return f"{server.rpartition(':')[0]}:{_port(other)}"
    if base.startswith(("map", "filter", "control", "life", "outbound", "srflx", "turn")):
        return None  # the address it was sent to (checked by the caller)
    return None


# ---------------------------------------------------------------------------------- hairpinning


def hairpin(ex: Exchange | None, public: str | None, private: str | None) -> tuple[Verdict, str | None]:
    """The request from a second socket to our public address: did it come back in, and with which source."""
    if ex is None or public is None:
        return Verdict(UNKNOWN, "no-mapping"), None
    if not ex.answered:
        return Verdict("no", "no", [ex.test]), None
    src = ex.src
    if _ip(src) == _ip(public):
        return Verdict("yes", "yes-translated", [ex.test], _retried(ex)), src
    if private and _ip(src) == _ip(private):
        return Verdict("yes", "yes-untranslated", [ex.test], _retried(ex)), src
    return Verdict("yes", "yes-other-source", [ex.test], _retried(ex)), src


# ---------------------------------------------------------------------------------- lifetime


def lifetime(checks: list[dict]) -> dict:
    """``checks``: [{"after_s": idle seconds, "alive": bool, "attempts": n}] in order.  An expired check
    followed by a later alive one was a loss (marked ``lost``), not an expiry."""
    checks = [dict(c) for c in checks]
    for i, c in enumerate(checks):
        c["lost"] = not c["alive"] and any(d["alive"] for d in checks[i + 1:])
    alive = [c["after_s"] for c in checks if c["alive"]]
    dead = [c["after_s"] for c in checks if not c["alive"] and not c["lost"]]
    low = max(alive) if alive else None
    high = min((d for d in dead if low is None or d > low), default=None)
    return {"checks": checks, "low_s": low, "high_s": high, "lost": sum(c["lost"] for c in checks)}


# ---------------------------------------------------------------------------------- peer to peer


def _independent(v: Verdict | None) -> bool | None:
    if v is None or v.value == UNKNOWN:
        return None
    return v.value in (EI, NONE)


def predict(our_map: Verdict | None, our_filt: Verdict | None, their_map: Verdict | None,
            their_filt: Verdict | None) -> tuple[str, str]:
    """Whether two clients can reach each other directly by sending to each other's server-reflexive
    address at the same time (no port prediction): (direct | relay | unknown, reason code)."""
    a, b = _independent(our_map), _independent(their_map)
    if a is None or b is None:
        return UNKNOWN, "unknown-mapping"
    if a and b:
        return "direct", "both-independent"
    if not a and not b:
        return "relay", "both-dependent"
    # one side's NAT makes a new mapping towards the other: its packets come from a port the other
    # side never sent to; the other side's filtering must let them in (then both learn it: prflx)
    filt = our_filt if a else their_filt
    if filt is None or filt.value == UNKNOWN:
        return UNKNOWN, "unknown-filtering"
    if filt.value in (EI, AD):
        return "direct", "dependent-meets-open"
    return "relay", "dependent-meets-port-filter"


# ---------------------------------------------------------------------------------- RFC 3489


def classic_name(mapping_v: Verdict | None, filtering_v: Verdict | None) -> str:
    """The RFC 3489 name of a measured behaviour (unknown when a part is unknown)."""
    m = mapping_v.value if mapping_v else UNKNOWN
    f = filtering_v.value if filtering_v else UNKNOWN
    if m == NONE:
        return "open-internet" if f == EI else ("symmetric-firewall" if f in (AD, APD) else UNKNOWN)
    if m in (AD, APD):
        return "symmetric"
    if m == EI:
        return {EI: "full-cone", AD: "restricted-cone", APD: "port-restricted-cone"}.get(f, UNKNOWN)
    return UNKNOWN


def classic_biased(c2: Exchange | None, c3: Exchange | None, mapping_v: Verdict | None) -> str | None:
    """What RFC 3489's filtering tests say when run on the socket that also ran the mapping tests
    (it has sent to the other address, so its NAT lets that address in)."""
    if c2 is None:
        return None
    if mapping_v is not None and mapping_v.value in (AD, APD):
        return "symmetric"
    if usable(c2):
        return "full-cone"
    if usable(c3):
        return "restricted-cone"
    return "port-restricted-cone" if c3 is not None else None
