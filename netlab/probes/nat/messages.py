"""Every string of the nat probe, English and Korean (netlab/i18n.py), keyed by id.

Korean style: particles stick to their word ("NAT가", "5초"); after a placeholder whose last sound is
unknown (an address, a host name) the sentence is built so that none is needed ("{router} 라우터",
"{src}에서 온").  RFC terms (endpoint-independent...) are given in Korean with the English in
parentheses where a student will meet the English in RFCs and tools.
"""

from __future__ import annotations

from netlab.i18n import Both, T, catalogue_file

M = catalogue_file("nat", __name__)


def behaviour(value: str | None):
    key = f"b.{value}"
    return M.t(key) if key in M.messages else Both(str(value), str(value))


def reason(code: str | None):
    key = f"reason.{code}"
    return M.t(key) if key in M.messages else Both(str(code), str(code))


def skip_reason(code: str | None):
    key = f"skip.{code}"
    return M.t(key) if key in M.messages else Both(str(code), str(code))


def phase(name: str | None) -> T | Both:
    key = f"phase.{name}"
    return M.t(key) if key in M.messages else Both(str(name), str(name))
