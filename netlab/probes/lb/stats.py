"""HAProxy's statistics (`show stat` CSV) read into rows, and compared before/after (pure).

The first line is the header, ``# pxname,svname,qcur,...``; each further line one frontend, backend
or server.  Only the fields netlab uses are kept; a field HAProxy leaves empty is None.
"""

from __future__ import annotations

from dataclasses import dataclass

INT_FIELDS = ("scur", "smax", "stot", "lbtot", "econ", "eresp", "wretr", "wredis", "chkfail", "chkdown",
              "hrsp_2xx", "hrsp_5xx", "weight", "lastchg", "downtime")
TEXT_FIELDS = ("status", "check_status", "check_desc", "tracked", "addr")
MAX_ROWS = 2000


@dataclass(frozen=True)
class StatRow:
    proxy: str
    server: str  # FRONTEND | BACKEND | a server's name
    values: dict

    def int(self, key: str) -> int | None:
        v = self.values.get(key)
        return v if isinstance(v, int) else None

    def text(self, key: str) -> str:
        v = self.values.get(key)
        return v if isinstance(v, str) else ""

    @property
    def is_server(self) -> bool:
        return self.server not in ("FRONTEND", "BACKEND")


def parse(csv_text: str) -> list[StatRow]:
    """The rows of a `show stat` answer; [] when it is not one (an error message, nothing)."""
    lines = [ln for ln in csv_text.splitlines() if ln.strip()]
    if not lines or not lines[0].startswith("# "):
        return []
    header = lines[0][2:].split(",")
    idx = {name: i for i, name in enumerate(header)}
    if "pxname" not in idx or "svname" not in idx:
        return []
    out = []
    for ln in lines[1:MAX_ROWS + 1]:
        cells = ln.split(",")
        if len(cells) < 2:
            continue
        values: dict = {}
        for key in INT_FIELDS:
            i = idx.get(key)
            raw = cells[i] if i is not None and i < len(cells) else ""
            values[key] = int(raw) if raw.lstrip("-").isdigit() else None
        for key in TEXT_FIELDS:
            i = idx.get(key)
            values[key] = cells[i] if i is not None and i < len(cells) else ""
        out.append(StatRow(proxy=cells[idx["pxname"]], server=cells[idx["svname"]], values=values))
    return out


def server_rows(rows: list[StatRow], proxy: str | None = None) -> dict[tuple[str, str], StatRow]:
    return {(r.proxy, r.server): r for r in rows if r.is_server and (proxy is None or r.proxy == proxy)}


def deltas(before: list[StatRow], after: list[StatRow], key: str) -> dict[tuple[str, str], int]:
    """after - before of one counter, per (proxy, server); a server missing before counts from 0."""
    b = server_rows(before)
    out = {}
    for k, row in server_rows(after).items():
        a = row.int(key)
        if a is None:
            continue
        prev = b[k].int(key) if k in b else 0
        out[k] = a - (prev or 0)
    return out


def per_server(d: dict[tuple[str, str], int], skip_proxies: tuple[str, ...] = ("checks",)) -> dict[str, int]:
    """A counter's deltas summed per server name over every pool (one server is in many pools)."""
    out: dict[str, int] = {}
    for (proxy, server), v in d.items():
        if proxy in skip_proxies:
            continue
        out[server] = out.get(server, 0) + v
    return out


def statuses(rows: list[StatRow], proxy: str) -> dict[str, tuple[str, str]]:
    """Each server of one pool: (status, check description)."""
    return {r.server: (r.text("status"), (r.text("check_status") + " " + r.text("check_desc")).strip())
            for r in rows if r.is_server and r.proxy == proxy}
