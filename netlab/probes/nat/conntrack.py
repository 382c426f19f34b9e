"""Lines of ``conntrack -L`` read into entries (pure).

    udp      17 28 src=198.19.63.10 dst=198.18.60.10 sport=40668 dport=3478 [UNREPLIED]
                   src=198.18.60.10 dst=198.18.60.33 sport=3478 dport=40668 mark=0 use=1
    tcp      6 431999 ESTABLISHED src=... dst=... sport=... dport=... src=... ... [ASSURED] ...

The first src/dst/sport/dport are the original direction (as the first packet left its sender), the
second the reply direction the NAT expects.  When the reply's destination differs from the original
source, the NAT translated the source: that is the mapping (inside address:port -> public
address:port).  When the reply's source differs from the original destination, it translated the
destination (a packet from outside let in to an inside host).  The number after the protocol is the
seconds the entry has left.
"""

from __future__ import annotations

from netlab.probes.nat.model import ConntrackEntry

MAX_ENTRIES = 400


def _ep(addr: str | None, port: str | None) -> str:
    a = addr or "?"
    return (f"[{a}]" if ":" in a else a) + (f":{port}" if port else "")


def parse_line(line: str) -> ConntrackEntry | None:
    parts = line.split()
    if len(parts) < 4 or not parts[1].isdigit():
        return None
    proto = parts[0]
    timeout = int(parts[2]) if parts[2].isdigit() else None
    state = None
    sides: list[dict[str, str]] = [{}]
    flags: list[str] = []
    for tok in parts[3:]:
        if tok.startswith("[") and tok.endswith("]"):
            flags.append(tok[1:-1])
            continue
        key, sep, value = tok.partition("=")
        if not sep:
            if state is None and tok.isupper():
                state = tok
            continue
        if key in ("src", "dst", "sport", "dport"):
            if key in sides[-1]:
                if len(sides) == 2:
                    break
                sides.append({})
            sides[-1][key] = value
    if len(sides) < 2 or "src" not in sides[0] or "src" not in sides[1]:
        return None
    o, r = sides
    e = ConntrackEntry(proto=proto, state=state, timeout_s=timeout,
                       orig_src=_ep(o.get("src"), o.get("sport")), orig_dst=_ep(o.get("dst"), o.get("dport")),
                       reply_src=_ep(r.get("src"), r.get("sport")), reply_dst=_ep(r.get("dst"), r.get("dport")),
                       flags=flags)
    if e.reply_dst != e.orig_src:
        e.mapping = f"{e.orig_src} -> {e.reply_dst}"
    if e.reply_src != e.orig_dst:
        e.dnat = f"{e.orig_dst} -> {e.reply_src}"
    return e


def parse(text: str) -> tuple[list[ConntrackEntry], int]:
    """(entries, how many lines were entries) — at most MAX_ENTRIES kept."""
    out: list[ConntrackEntry] = []
    n = 0
    for line in text.splitlines():
        e = parse_line(line)
        if e is None:
            continue
        n += 1
        if len(out) < MAX_ENTRIES:
            out.append(e)
    return out, n
