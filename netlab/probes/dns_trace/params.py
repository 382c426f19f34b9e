"""dns-trace's command line, parsed and checked (pure and light: the CLI imports this module).

Nothing here imports dnspython at import time; only an uncommon record type asks dns.rdatatype
whether it exists.  Every problem is a :class:`ParamError` with a one-line reason, which the
CLI turns into a usage error (exit 2).
"""

from __future__ import annotations

from typing import Any, Literal

from netlab.probes.dns_trace.names import NameError_, normalise

# Query types offered on the command line (any other RR type name is accepted too, checked later).
COMMON_TYPES = ("A", "AAAA", "MX", "TXT", "NS", "CNAME", "SOA", "PTR", "SRV", "CAA", "HTTPS", "SVCB", "DS", "DNSKEY")
REFUSED_TYPES = ("AXFR", "IXFR", "OPT", "ANY", "MAILA", "MAILB", "TSIG", "TKEY")

# The params collect records, with their types: `netlab report` checks a saved Recording against it.
RECORDED = {
    "name": str,
    "name_unicode": str,
    "type": str,
    "mode": Literal["sandbox", "live", "roots"],
    "roots": list[dict[str, Any]],
    "seed": int,
    "family": Literal["4", "6"] | None,
    "tcp": bool,
    "follow_cname": bool,
    "all_servers": bool,
    "compare_resolver": bool,
    "resolver": str | None,
    "timeout": float,
    "deadline": float | None,
    "budget": int,
    "port": int,
}


class ParamError(ValueError):
    """An argument or option that cannot be used (the message says why)."""


def parse_name(value) -> tuple[str, str]:
    """``(a_label, unicode)`` of a name as typed (already parsed: returned as it is)."""
    if isinstance(value, tuple):
        return value
    try:
        return normalise(value)
    except NameError_ as e:
        raise ParamError(f"{value!r} is not a valid domain name: {e}") from e


def parse_type(value) -> str:
    """A record type by name, upper case: A, AAAA, MX... (not AXFR, ANY and other non-records)."""
    v = str(value).strip().upper()
    if v in COMMON_TYPES:
        return v
    if v in REFUSED_TYPES:
        raise ParamError(f"{v} cannot be traced (it is not an ordinary record type)")
    import dns.rdatatype

    try:
        dns.rdatatype.from_text(v)
    except Exception as e:
        raise ParamError(f"unknown record type {value!r} (e.g. {', '.join(COMMON_TYPES[:7])})") from e
    return v


def family_of(v4: bool, v6: bool, roots: tuple[str, ...] | list[str]) -> str | None:
    """"4", "6" or None (both), checked against the --root addresses."""
    if v4 and v6:
        raise ParamError("-4 and -6 exclude each other")
    family = "4" if v4 else ("6" if v6 else None)
    for r in roots:
        if family == "4" and ":" in r or family == "6" and ":" not in r:
            raise ParamError(f"--root {r} does not match -{family}")
    return family


def probe_params(name: tuple[str, str], qtype: str, roots, family: str | None, tcp: bool, follow_cname: bool,
                 compare_resolver: bool, all_servers: bool, seed: int | None) -> dict:
    """The parameters collect() takes, from the parsed command line."""
    a_label, u_label = name
    return {
        "name": a_label, "name_unicode": u_label, "type": qtype, "roots": list(roots), "family": family,
        "tcp": tcp, "follow_cname": follow_cname, "compare_resolver": compare_resolver,
        "all_servers": all_servers, "seed": seed,
    }
