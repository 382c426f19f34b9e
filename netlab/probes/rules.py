"""Findings as small named rules, and the one helper that makes a finding in both languages.

A probe's findings module holds a list of rules: one function each, which looks at the Result
(and the Recording, for raw evidence) and returns nothing, one Finding or several::

    from netlab.probes.rules import Rules, finding
    from netlab.probes.tcp_handshake.messages import M

    RULES = Rules()

    @RULES.rule
    def refused(res, rec):
        if res.outcome == "refused":
            return finding("tcp.refused", "error", M.t("refused", port=res.port),
                           concepts=("tcp.rst-vs-timeout",))

and analyze ends with ``res.findings = RULES.run(res, rec)``.  The rules run in list order, which
is the order the report shows them in.  Reading or adding a rule touches a dozen lines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from netlab.i18n import Both, T
from netlab.model import Finding

Rule = Callable[..., Finding | Iterable[Finding] | None]


def finding(code: str, severity: str, message: T | Both, concepts: Iterable[str] = (),
            detail: T | Both | None = None) -> Finding:
    """A Finding whose message (and optional detail) is filled in English and Korean."""
    return Finding(
        code=code,
        severity=severity,
        message=message.render("en"),
        message_ko=message.render("ko"),
        concepts=tuple(concepts),
        detail=detail.render("en") if detail is not None else None,
        detail_ko=detail.render("ko") if detail is not None else None,
    )


class Rules:
    """An ordered list of finding rules."""

    def __init__(self) -> None:
        self.rules: list[Rule] = []

    def rule(self, fn: Rule) -> Rule:
        self.rules.append(fn)
        return fn

    def run(self, *args: Any) -> list[Finding]:
        out: list[Finding] = []
        for fn in self.rules:
            got = fn(*args)
            if got is None:
                continue
            if isinstance(got, Finding):
                out.append(got)
            else:
                out.extend(f for f in got if f is not None)
        return out

    def names(self) -> list[str]:
        return [fn.__name__ for fn in self.rules]
