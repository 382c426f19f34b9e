"""The names of netlab nat's tests, shared by collect (which labels what it sends) and analyze (pure).

A test is one STUN transaction (or one step) and its name is recorded with every datagram of it.
A peer's tests carry the peer's name as a prefix: ``c-sym/map2``.
"""

from __future__ import annotations

MAP = ("map1", "map2", "map3")  # RFC 5780 4.3: primary; other address, primary port; other address and port
FILTER = ("filter1", "filter2", "filter3")  # 4.4: primary; CHANGE-REQUEST ip+port; CHANGE-REQUEST port
CONTROL = {"filter2": "control2", "filter3": "control3"}  # a plain Binding after an unanswered filter test
CLASSIC = ("classic2", "classic3")  # the RFC 3489 filtering tests on the mapping test's socket (--classic)
HAIRPIN = "hairpin"
OUTBOUND = "outbound"  # the Binding after a datagram nobody answered
OUTBOUND_DATA = "outbound-data"
TCP_MAP = ("tcp-map1", "tcp-map2", "tcp-map3")
TURN_ALLOCATE = ("turn-allocate1", "turn-allocate2", "turn-allocate3")  # without, with credentials, a new nonce
TURN_RELEASE = "turn-release"
LIFETIME_STEPS = (1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20, 25, 30, 35, 40, 45, 50, 60, 75, 90, 120, 150, 180, 240, 300,
                  360, 420, 480, 540, 600)


def life_open(i: int) -> str:
    return f"life-open:{i}"


def life_check(i: int) -> str:
    return f"life:{i}"


def peer(prefix: str, test: str) -> str:
    return f"{prefix}/{test}"


def split_peer(test: str) -> tuple[str | None, str]:
    if "/" in test:
        p, _, t = test.partition("/")
        return p, t
    return None, test


def lifetime_plan(cap: float) -> list[float]:
    """When the lifetime checks happen (seconds after their mapping was made), up to ``cap``."""
    out = [float(s) for s in LIFETIME_STEPS if s <= cap]
    if cap > 0 and (not out or out[-1] < cap):
        out.append(float(cap))
    return out
