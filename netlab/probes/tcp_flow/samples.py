"""The TCP_INFO rows of one end as columns (pure), checked: a Recording is untrusted input.

``Series(ev)`` takes a SideSampled event; ``s.col("snd_cwnd")`` is that column (None where the
kernel did not say), ``s.t`` the times (seconds since the probe started).  Rows that are not
lists of numbers of the right length make ValueError (netlab report turns it into one
"malformed recording" line).
"""

from __future__ import annotations

import math

from netlab.probes.tcp_flow.tcpinfo import INFINITE_SSTHRESH

MAX_ROWS = 200_000


def encode_row(row: list) -> str:
    """One row as a line of comma-separated numbers (empty: the kernel did not say), which keeps a
    saved Recording readable and small: one line per sample."""
    return ",".join("" if v is None else (repr(round(v, 6)) if isinstance(v, float) else str(v)) for v in row)


def decode_row(line: str, i: int) -> list:
    out = []
    for j, cell in enumerate(line.split(",")):
        if cell == "":
            out.append(None)
            continue
        try:
            out.append(int(cell) if cell.lstrip("-").isdigit() else float(cell))
        except ValueError:
            raise ValueError(f"sample row {i}: value {j} is not a number") from None
    return out


class Series:
    def __init__(self, fields: list, rows: list):
        if not isinstance(fields, list) or not all(isinstance(f, str) for f in fields):
            raise ValueError("sample fields must be a list of names")
        if not isinstance(rows, list) or len(rows) > MAX_ROWS:
            raise ValueError("sample rows must be a list (of at most 200000 rows)")
        width = len(fields) + 2
        cols: list[list] = [[] for _ in range(width)]
        last_t = -math.inf
        for i, row in enumerate(rows):
            if isinstance(row, str):
                row = decode_row(row, i)
            if not isinstance(row, list) or len(row) != width:
                raise ValueError(f"sample row {i} has {len(row) if isinstance(row, list) else '?'} values, "
                                 f"not {width}")
            for j, v in enumerate(row):
                if v is not None and (isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v)):
                    raise ValueError(f"sample row {i}: value {j} is not a number")
                cols[j].append(v)
            if row[0] is None or row[0] < last_t:
                raise ValueError(f"sample row {i}: its time goes backwards")
            last_t = row[0]
        self.fields = ["t", "app_bytes", *fields]
        self.cols = dict(zip(self.fields, cols, strict=True))
        self.t: list[float] = self.cols["t"]
        self.n = len(rows)

    def __len__(self) -> int:
        return self.n

    def has(self, name: str) -> bool:
        return name in self.cols and any(v is not None for v in self.cols[name])

    def col(self, name: str) -> list:
        return self.cols.get(name) or [None] * self.n

    def row(self, i: int) -> dict:
        return {k: v[i] for k, v in self.cols.items()}

    def index_at(self, t: float) -> int:
        """The last row at or before t (0 when t is before every row)."""
        lo, hi = 0, self.n - 1
        if self.n == 0 or t <= self.t[0]:
            return 0
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.t[mid] <= t:
                lo = mid
            else:
                hi = mid - 1
        return lo


def ssthresh(v: int | None) -> int | None:
    """ssthresh as people read it: None while it is 'infinite' (slow start has not ended)."""
    if v is None or v >= INFINITE_SSTHRESH:
        return None
    return v


def decimate(ts: list[float], ys: list, limit: int = 700) -> list[tuple[float, float]]:
    """At most ~limit points of (t, y) keeping each bucket's first, lowest and highest point, so
    that a sawtooth's peaks and troughs survive."""
    pts = [(t, y) for t, y in zip(ts, ys, strict=False) if y is not None and t is not None]
    if len(pts) <= limit:
        return pts
    per = max(1, math.ceil(len(pts) / (limit / 3)))
    out = []
    for i in range(0, len(pts), per):
        chunk = pts[i:i + per]
        keep = {0, min(range(len(chunk)), key=lambda k: chunk[k][1]), max(range(len(chunk)), key=lambda k: chunk[k][1])}
        out += [chunk[k] for k in sorted(keep)]
    return out
