"""What the system resolver reads, and what a DNS answer says (pure: text and bytes in, data out).

glibc's ``getaddrinfo`` looks a name up in the order ``/etc/nsswitch.conf`` gives for ``hosts:``
("files dns" on most systems): ``files`` is ``/etc/hosts``, ``dns`` the servers of
``/etc/resolv.conf``, asked with RD=1 (the stub resolver: it asks one recursive resolver and
waits; the resolver walks the tree).  collect uses these functions to decide, analyze to explain,
so the two cannot disagree.
"""

from __future__ import annotations

import ipaddress
from typing import Any

MAX_FILE = 64 * 1024  # characters of a system file kept in the Recording
DEFAULT_NSSWITCH = ["files", "dns"]  # glibc's default when nsswitch.conf has no hosts line


def parse_hosts(text: str) -> list[tuple[str, list[str]]]:
    """The entries of a hosts file: [(address, [names...])], comments and bad lines skipped."""
    out = []
    for line in (text or "").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        if len(parts) < 2:
            continue
        try:
            addr = str(ipaddress.ip_address(parts[0].split("%", 1)[0]))
        except ValueError:
            continue
        out.append((addr, [p.lower().rstrip(".") for p in parts[1:]]))
    return out


def hosts_lookup(text: str, name: str, family: int | None = None) -> list[str]:
    """The addresses /etc/hosts gives ``name`` (file order), filtered by family (4 or 6)."""
    name = name.lower().rstrip(".")
    out = []
    for addr, names in parse_hosts(text):
        if name in names and addr not in out:
            v = 6 if ":" in addr else 4
            if family is None or v == family:
                out.append(addr)
    return out


def nsswitch_hosts(text: str | None) -> list[str]:
    """The sources of the ``hosts:`` line ("files", "dns", "myhostname", "resolve"...), actions
    such as ``[NOTFOUND=return]`` left out; glibc's default when there is no such line."""
    for line in (text or "").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("hosts:"):
            words = [w for w in line[len("hosts:"):].split() if not w.startswith("[")]
            return [w.lower() for w in words] or list(DEFAULT_NSSWITCH)
    return list(DEFAULT_NSSWITCH)


def parse_resolv_conf(text: str | None) -> dict[str, Any]:
    """{nameservers, search, options: {timeout, attempts, ndots, ...}} as glibc reads them (the
    last search/domain line wins; at most 3 name servers are used)."""
    servers: list[str] = []
    search: list[str] = []
    options: dict[str, Any] = {"timeout": 5, "attempts": 2, "ndots": 1}
    for line in (text or "").splitlines():
        parts = line.split("#", 1)[0].split(";", 1)[0].split()
        if not parts:
            continue
        key, rest = parts[0], parts[1:]
        if key == "nameserver" and rest:
            try:
                servers.append(str(ipaddress.ip_address(rest[0].split("%", 1)[0])))
            except ValueError:
                continue
        elif key in ("search", "domain"):
            search = [s.lower().rstrip(".") for s in rest]
        elif key == "options":
            for opt in rest:
                k, _, v = opt.partition(":")
                options[k] = int(v) if v.isdigit() else (v or True)
    return {"nameservers": servers[:3], "search": search, "options": options,
            "ignored_nameservers": servers[3:]}


def local_stub(address: str | None) -> str | None:
    """What a loopback name server in resolv.conf is (an OS cache of this machine), if it is one."""
    if not address:
        return None
    if address == "127.0.0.53":
        return "systemd-resolved"
    try:
        return "loopback" if ipaddress.ip_address(address).is_loopback else None
    except ValueError:
        return None


def parse_answer(wire: bytes) -> dict[str, Any] | None:
    """A DNS response as data: rcode, flags, answer records (name, type, ttl, data); None when the
    bytes are not a DNS message."""
    import dns.exception
    import dns.flags
    import dns.message
    import dns.rcode
    import dns.rdatatype

    try:
        m = dns.message.from_wire(wire)
    except (dns.exception.DNSException, ValueError, IndexError):
        return None
    records = []
    for rrset in m.answer:
        for rd in rrset:
            records.append({"name": rrset.name.to_text(), "type": dns.rdatatype.to_text(rrset.rdtype),
                            "ttl": int(rrset.ttl), "data": rd.to_text()})
    return {
        "id": m.id, "rcode": dns.rcode.to_text(m.rcode()),
        "aa": bool(m.flags & dns.flags.AA), "ra": bool(m.flags & dns.flags.RA),
        "rd": bool(m.flags & dns.flags.RD), "tc": bool(m.flags & dns.flags.TC),
        "question": m.question[0].name.to_text() if m.question else None,
        "qtype": dns.rdatatype.to_text(m.question[0].rdtype) if m.question else None,
        "records": records, "size": len(wire),
    }


def addresses_of(answers: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """(addresses, CNAME chain) from parsed answers, A records first (the order they came)."""
    v4, v6, cnames = [], [], []
    for a in answers:
        for r in a.get("records", []):
            if r["type"] == "A" and r["data"] not in v4:
                v4.append(r["data"])
            elif r["type"] == "AAAA" and r["data"] not in v6:
                v6.append(r["data"])
            elif r["type"] == "CNAME" and r["data"] not in cnames:
                cnames.append(r["data"])
    return v4 + v6, cnames


def pick_address(addresses: list[str], family: int | None) -> str | None:
    """The address the visit uses: IPv4 first unless -6 (see the probe's decisions)."""
    v4 = [a for a in addresses if ":" not in a]
    v6 = [a for a in addresses if ":" in a]
    if family == 6:
        return (v6 or [None])[0]
    if family == 4:
        return (v4 or [None])[0]
    return (v4 or v6 or [None])[0]


def lookup_error(answers: list[dict[str, Any]]) -> str | None:
    """nxdomain | nodata | servfail | refused | error, from the responses (None: there are addresses)."""
    if not answers:
        return "timeout"
    rcodes = [a["rcode"] for a in answers]
    if "NXDOMAIN" in rcodes:
        return "nxdomain"
    if any(r not in ("NOERROR",) for r in rcodes):
        bad = next(r for r in rcodes if r != "NOERROR")
        return {"SERVFAIL": "servfail", "REFUSED": "refused"}.get(bad, "error")
    addrs, _ = addresses_of(answers)
    return None if addrs else "nodata"
