"""The target and options of `netlab tcp-flow`, parsed and checked (pure and light).

The command module (netlab/cli/tcp_flow.py) imports this at `netlab --help` time: nothing heavy.
A value that cannot be right is a UsageError (exit 2) before any packet is sent; a link setting
that cannot work (a queue without a rate, a queue smaller than one frame, 100 % loss) is one too.
"""

from __future__ import annotations

import math
import re
from typing import Literal

from netlab.errors import UsageError
from netlab.probes.chartfile import check_chart_path

DIRECTIONS = ("download", "upload")
DEFAULT_PORT = {"download": 19, "upload": 9}  # the source (chargen) and the sink (discard)
CONGESTION = ("reno", "cubic", "bbr")
DEFAULT_SECONDS = 4.0
FRAME = 1514  # a full Ethernet frame (MTU 1500): the smallest queue that lets one through
MIN_RATE = 0.1  # Mbit/s: one full frame every 121 ms
MAX_RATE = 10000.0
MAX_DELAY = 5000.0
MAX_DROPS = 64
MIN_RCVBUF = 2048
MAX_RCVBUF = 64 << 20
MAX_REPEAT = 20

# The types of the params collect records (netlab report checks a saved Recording against them).
RECORDED = {
    "host": str, "port": int, "direction": Literal["download", "upload"],
    "bytes": int | None, "seconds": float | None, "cc": str | None,
    "rate": float | None, "delay": float | None, "loss": float | None,
    "queue_packets": int | None, "queue_bytes": int | None, "drop_nth": list[int],
    "receiver_buffer": int | None, "reader_pause": float | None, "pause_after": int,
    "repeat": int, "sample_ms": float, "chart": str | None, "pcap": str | None,
}

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgKMG]?)(i?[bB])?\s*$")
_UNITS = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}


def parse_size(text: str | int, what: str) -> int:
    """A byte count: 1000000, 512K, 10M, 1G (K/M/G are 1024-based, as iperf3 reads them)."""
    if isinstance(text, int) and not isinstance(text, bool):
        return text
    m = _SIZE.match(str(text))
    if not m:
        raise UsageError(f"{what} {text!r}: give a number of bytes, like 65536, 512K or 10M")
    return int(float(m.group(1)) * _UNITS[m.group(2).lower()])


def parse_queue(text: str | None) -> tuple[int | None, int | None]:
    """--queue PACKETS (a plain number: frames) or BYTES (with a unit: 64K, 30000B) -> (packets, bytes)."""
    if text is None:
        return None, None
    t = str(text).strip()
    if t.isdigit():
        n = int(t)
        if not 1 <= n <= 100000:
            raise UsageError(f"--queue {t}: a queue holds 1 to 100000 frames")
        return n, None
    n = parse_size(t, "--queue")
    if n < FRAME:
        raise UsageError(f"--queue {t}: {n} bytes cannot hold one full frame ({FRAME} bytes): nothing would pass")
    return None, n


def parse_cc(value: str | None) -> list[str | None]:
    """--cc NAME | all -> the algorithms to run ([None]: the sender's own default)."""
    if value is None or value == "":
        return [None]
    v = value.strip().lower()
    if v == "all":
        return list(CONGESTION)
    if v not in CONGESTION:
        raise UsageError(f"--cc {value!r}: choose reno, cubic, bbr or all")
    return [v]


def _finite(x: float | None, what: str, lo: float, hi: float, lo_open: bool = False) -> float | None:
    if x is None:
        return None
    if not math.isfinite(x) or x < lo or x > hi or (lo_open and x == lo):
        raise UsageError(f"{what} {x!r} is out of range ({lo:g} to {hi:g})")
    return float(x)


def check_link(p: dict) -> None:
    """Link settings that cannot work are usage errors."""
    rate = _finite(p.get("rate"), "--rate", 0.0, MAX_RATE)
    if rate is not None and 0 < rate < MIN_RATE:
        raise UsageError(f"--rate {rate:g}: below {MIN_RATE} Mbit/s a full frame takes over a tenth of a second; "
                         "give 0 for no limit, or a rate of at least 0.1")
    _finite(p.get("delay"), "--delay", 0.0, MAX_DELAY)
    loss = _finite(p.get("loss"), "--loss", 0.0, 100.0)
    if loss is not None and loss >= 100:
        raise UsageError("--loss 100: every packet would be lost, the handshake too; give less than 100")
    if (p.get("queue_packets") or p.get("queue_bytes")) and rate == 0:
        raise UsageError("--queue with --rate 0: without a rate the queue never fills",
                         hint="give a rate (--rate 10) for the queue to matter")
    drops = p.get("drop_nth") or []
    if len(drops) > MAX_DROPS or any(not isinstance(n, int) or n < 1 for n in drops):
        raise UsageError(f"--drop-nth: data segments are numbered from 1; at most {MAX_DROPS} of them")


def normalize(params: dict) -> dict:
    """The parameters as collect uses them and the Recording keeps them (checked)."""
    p = dict(params)
    direction = p.get("direction") or "download"
    if direction not in DIRECTIONS:
        raise UsageError(f"direction {direction!r}: download or upload")
    p["direction"] = direction
    if p.get("port") is None:
        p["port"] = DEFAULT_PORT[direction]
    if p.get("bytes") is not None and p.get("seconds") is not None:
        raise UsageError("give --bytes or --seconds, not both")
    if p.get("bytes") is not None:
        p["bytes"] = parse_size(p["bytes"], "--bytes")
        if not 1 <= p["bytes"] <= 8 << 30:
            raise UsageError("--bytes: from 1 byte to 8 GiB")
        p["seconds"] = None
    else:
        p["seconds"] = _finite(p.get("seconds") or DEFAULT_SECONDS, "--seconds", 0.1, 300.0)
        p["bytes"] = None
    if "queue" in p:
        p["queue_packets"], p["queue_bytes"] = parse_queue(p.pop("queue"))
    p["drop_nth"] = sorted({int(n) for n in (p.get("drop_nth") or [])})
    check_link(p)
    rb = p.get("receiver_buffer")
    if rb is not None:
        rb = parse_size(rb, "--receiver-buffer")
        if not MIN_RCVBUF <= rb <= MAX_RCVBUF:
            raise UsageError(f"--receiver-buffer: from {MIN_RCVBUF} bytes to 64M")
        p["receiver_buffer"] = rb
    p["reader_pause"] = _finite(p.get("reader_pause"), "--reader-pause", 0.0, 60000.0, lo_open=True)
    p["pause_after"] = int(p.get("pause_after") or 256 * 1024)
    p["repeat"] = int(p.get("repeat") or 1)
    if not 1 <= p["repeat"] <= MAX_REPEAT:
        raise UsageError(f"--repeat: 1 to {MAX_REPEAT}")
    p["sample_ms"] = _finite(p.get("sample_ms") or 2.0, "--sample-ms", 0.5, 100.0)
    ccs = parse_cc(p.get("cc"))
    p["cc"] = "all" if len(ccs) > 1 else ccs[0]
    if p.get("chart"):
        check_chart_path(p["chart"])
    return p


def plan(p: dict, selectable: list[str] | None) -> list[str | None]:
    """The runs in order: each algorithm once per repeat, interleaved (a b c a b c ...)."""
    ccs = parse_cc(p.get("cc"))
    if p.get("cc") == "all" and selectable:
        ccs = [c for c in CONGESTION if c in selectable]
    return [cc for _ in range(p.get("repeat") or 1) for cc in ccs]
