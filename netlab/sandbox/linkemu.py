"""netlab's userspace link emulator: an AF_PACKET relay between the two ends of an access link.

Each emulated interface of a host is wired  host:ethN <-veth-> A ~relay~ B <-veth-> bridge port,
and this module copies Ethernet frames between A and B.  Every direction is a queue ordered by
release time: a frame is timestamped on arrival, given its release time (serialisation at
``rate_mbit`` behind the frames before it, plus ``delay_ms`` and a uniform jitter of
+-``jitter_ms``, never earlier than the frame before it, so no reordering), or dropped (random
``loss_pct``, a ``drop`` rule such as "udp:53", or a full queue).  One loop waits for whichever
comes first, a frame to read or a frame to release: no per-packet sleep, so throughput is bounded
by CPU, not by the delay.

Runtime changes: the relay watches ``link-overrides.json`` in the state directory (the names are
netlab.sandbox.contract.StateFiles'; its stat is checked at most every ``OVERRIDE_CHECK_S``), of
the form ``{"generation": N, "links": {KEY: {"up": {"delay_ms": D, "loss_pct": L}, "down":
{...}}}}`` where KEY is a link pair's name ("client/eth0") or a host name (every pair of that
host).  An override comes ON TOP of the scenario's own setting: its delay is added to the
scenario's delay, its loss is an independent second chance of loss (combined: 1 - (1-a)(1-b)).
A missing file, or an empty "links", means the scenario's settings.  After each change the relay
writes ``link-overrides.ack`` = ``{"generation": N, "error": null|"..."}`` (see
netlab.sandbox.links, which writes the file and waits for the ack).

Runs inside the supervisor's network namespace (where A and B live); works without root inside a
user namespace.  Offloads must be off on every veth, or AF_PACKET hands us frames whose TCP/UDP
checksum was never filled in (see GUIDE.md, "Sandbox facts").
"""

from __future__ import annotations

import errno
import heapq
import json
import os
import random
import select
import socket
import struct
import time
from dataclasses import dataclass, field

from netlab.sandbox.contract import StateFiles, parse_drop_rule

ETH_P_ALL = 0x0003
SOL_PACKET = 263
PACKET_IGNORE_OUTGOING = 23
SO_RCVBUFFORCE = 33
SO_SNDBUFFORCE = 32
SO_TIMESTAMPNS = 35  # also SCM_TIMESTAMPNS: the kernel's arrival time of each frame
SPIN = 0.00012  # seconds before a release that the relay busy-waits instead of sleeping
OVERRIDE_CHECK_S = 0.03  # how often the relay looks at the overrides file (one os.stat)
OVERRIDE_KEYS = ("delay_ms", "loss_pct")
QUEUE_LIMIT = 20000  # frames per direction (covers 1 Gbit/s x 200 ms of full frames)

def classify(frame: bytes) -> tuple[int | None, int | None, int | None]:
    """(IP protocol number, source port, destination port) of an Ethernet frame, from its IPv4 or
    IPv6 header (IPv6 extension headers skipped; ports only in first fragments); Nones otherwise."""
    n = len(frame)
    if n < 34:
        return None, None, None
    off = 14
    etype = (frame[12] << 8) | frame[13]
    if etype == 0x8100 and n >= 18:
        etype = (frame[16] << 8) | frame[17]
        off = 18
    if etype == 0x0800:
        ihl = (frame[off] & 0x0F) * 4
        proto = frame[off + 9]
        frag = ((frame[off + 6] & 0x1F) << 8) | frame[off + 7]
        l4 = off + ihl
        if frag:
            return proto, None, None
    elif etype == 0x86DD:
        if n < off + 40:
            return None, None, None
        proto = frame[off + 6]
        l4 = off + 40
        while proto in (0, 43, 60, 44) and l4 + 8 <= n:
            if proto == 44:
                fragoff = ((frame[l4 + 2] << 8) | frame[l4 + 3]) >> 3
                proto = frame[l4]
                l4 += 8
                if fragoff:
                    return proto, None, None
            else:
                proto, l4 = frame[l4], l4 + (frame[l4 + 1] + 1) * 8
    else:
        return None, None, None
    if proto in (6, 17) and l4 + 4 <= n:
        sport, dport = struct.unpack_from("!HH", frame, l4)
        return proto, sport, dport
    return proto, None, None


def compile_rules(drop: list[str]) -> list[tuple[tuple[int, ...] | None, int | None]]:
    """(IP protocol numbers or None for all, port or None) of each drop rule, for matches()."""
    return [(r.numbers(), r.port) for r in map(parse_drop_rule, drop)]


def matches(rules: list[tuple[tuple[int, ...] | None, int | None]], frame: bytes) -> bool:
    proto, sport, dport = classify(frame)
    if proto is None:
        return False
    for protos, port in rules:
        if protos is not None and proto not in protos:
            continue
        if port is None or port == sport or port == dport:
            return True
    return False


@dataclass
class Direction:
    """One direction of one emulated link: the scheduling rule, pure (testable without sockets)."""

    label: str
    delay_ms: float = 0.0
    jitter_ms: float = 0.0
    loss_pct: float = 0.0
    rate_mbit: float = 0.0
    drop: list[str] = field(default_factory=list)
    seed: int | None = None
    out: object = None  # the socket frames leave by
    queued: int = 0
    stats: dict = field(default_factory=lambda: dict(frames=0, sent=0, lost=0, dropped_rule=0, dropped_queue=0))

    def __post_init__(self) -> None:
        self.rules = compile_rules(self.drop)
        self.rng = random.Random(self.seed)
        self.delay = self.delay_ms / 1000.0
        self.jitter = self.jitter_ms / 1000.0
        self.loss = self.loss_pct / 100.0
        self.bit_time = 8.0 / (self.rate_mbit * 1e6) if self.rate_mbit else 0.0
        self.link_free = 0.0
        self.last_release = 0.0
        self.override: dict = {}

    def set_override(self, override: dict | None) -> None:
        """Apply a runtime override on top of the scenario's setting ({} or None: remove it)."""
        o = dict(override or {})
        extra_delay = float(o.get("delay_ms") or 0.0)
        extra_loss = float(o.get("loss_pct") or 0.0)
        self.override = o
        self.delay = (self.delay_ms + extra_delay) / 1000.0
        self.loss = 1.0 - (1.0 - self.loss_pct / 100.0) * (1.0 - extra_loss / 100.0)

    def admit(self, frame: bytes, now: float) -> float | None:
        """Release time for a frame arriving at `now`, or None when the link drops it."""
        st = self.stats
        st["frames"] += 1
        if self.rules and matches(self.rules, frame):
            st["dropped_rule"] += 1
            return None
        if self.queued >= QUEUE_LIMIT:
            st["dropped_queue"] += 1
            return None
        if self.loss and self.rng.random() < self.loss:
            st["lost"] += 1
            return None
        t = now
        if self.bit_time:
            start = now if now > self.link_free else self.link_free
            self.link_free = t = start + len(frame) * self.bit_time
        t += self.delay
        if self.jitter:
            t += self.rng.uniform(-self.jitter, self.jitter)
        if t < self.last_release:
            t = self.last_release
        self.last_release = t
        return t


@dataclass
class LinkPair:
    """An emulated interface: frames from the host (device `host_dev`) go `up` to `net_dev`."""

    name: str
    host_dev: str
    net_dev: str
    up: Direction
    down: Direction


def parse_overrides(data: object, pair_names: list[str]) -> dict[str, dict[str, dict]]:
    """{pair name: {"up": {...}, "down": {...}}} from the overrides file's content; ValueError
    when it is malformed (unknown key, link or direction; values not numbers; loss not 0..100;
    delay negative).  Pairs not named get no override."""
    if not isinstance(data, dict):
        raise ValueError("overrides must be a JSON object")
    links = data.get("links") or {}
    if not isinstance(links, dict):
        raise ValueError('"links" must be an object')
    out: dict[str, dict[str, dict]] = {n: {"up": {}, "down": {}} for n in pair_names}
    for key, dirs in links.items():
        targets = [n for n in pair_names if n == key or n.startswith(key + "/")]
        if not targets:
            raise ValueError(f"no emulated link {key!r} (links: {', '.join(pair_names) or 'none'})")
        if not isinstance(dirs, dict):
            raise ValueError(f"override of {key!r} must be an object")
        for d, spec in dirs.items():
            if d not in ("up", "down") or not isinstance(spec, dict):
                raise ValueError(f"override of {key!r}: bad direction {d!r}")
            clean = {}
            for k, v in spec.items():
                if k not in OVERRIDE_KEYS:
                    raise ValueError(f"override of {key!r} {d}: unknown setting {k!r}")
                if isinstance(v, bool) or not isinstance(v, (int, float)):
                    raise ValueError(f"override of {key!r} {d}: {k} must be a number")
                if v < 0 or (k == "loss_pct" and v > 100):
                    raise ValueError(f"override of {key!r} {d}: {k}={v} out of range")
                clean[k] = float(v)
            for n in targets:
                out[n][d].update(clean)
    return out


def apply_overrides(pairs: list[LinkPair], parsed: dict[str, dict[str, dict]]) -> None:
    for p in pairs:
        o = parsed.get(p.name) or {}
        p.up.set_override(o.get("up"))
        p.down.set_override(o.get("down"))


def _open(dev: str) -> socket.socket:
    # protocol 0 at creation registers no packet hook; bind() then registers one on `dev` only.
    # (Creating it with ETH_P_ALL and then binding costs an RCU grace period per socket.)
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
    try:
        s.setsockopt(SOL_PACKET, PACKET_IGNORE_OUTGOING, 1)
    except OSError:
        pass
    for opt, std in ((SO_RCVBUFFORCE, socket.SO_RCVBUF), (SO_SNDBUFFORCE, socket.SO_SNDBUF)):
        try:
            s.setsockopt(socket.SOL_SOCKET, opt, 8 << 20)
        except OSError:
            s.setsockopt(socket.SOL_SOCKET, std, 8 << 20)
    s.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
    s.bind((dev, ETH_P_ALL))
    s.setblocking(False)
    return s


class Relay:
    def __init__(self, pairs: list[LinkPair], files: StateFiles | None = None):
        """Opens the sockets of every pair.  With `files` (the sandbox's state directory), the
        relay writes its counters there and follows the runtime overrides."""
        self.pairs = pairs
        self.stats_path = str(files.link_counters) if files else None
        self.overrides_path = str(files.link_overrides) if files else None
        self.ack_path = str(files.link_overrides_ack) if files else None
        self.overrides_seen: tuple | None | bool = False  # (inode, size, mtime_ns) last seen; None: no file
        self.by_fd: dict[int, tuple[socket.socket, Direction]] = {}
        self.socks: list[socket.socket] = []
        for p in pairs:
            a, b = _open(p.host_dev), _open(p.net_dev)
            self.socks += [a, b]
            p.up.out, p.down.out = b, a
            self.by_fd[a.fileno()] = (a, p.up)  # arriving on the host side: going up
            self.by_fd[b.fileno()] = (b, p.down)
        self.running = True

    def close(self) -> None:
        """Close every socket, in parallel: each AF_PACKET close waits for an RCU grace period,
        which one after the other adds up to most of `down`'s time."""
        import threading

        threads = [threading.Thread(target=s.close) for s in self.socks]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.socks = []

    def write_stats(self) -> None:
        if not self.stats_path:
            return
        data = {p.name: {"up": p.up.stats, "down": p.down.stats} for p in self.pairs}
        tmp = self.stats_path + ".tmp"
        with open(tmp, "w") as fh:
            json.dump(data, fh)
        os.replace(tmp, self.stats_path)

    def check_overrides(self) -> None:
        """Apply the overrides file when it changed (one os.stat when it did not); acknowledge."""
        path = self.overrides_path
        if not path:
            return
        try:
            st = os.stat(path)
            key = (st.st_ino, st.st_size, st.st_mtime_ns)
        except FileNotFoundError:
            key = None
        if key == self.overrides_seen:
            return
        self.overrides_seen = key
        generation, error = None, None
        try:
            data: object = {}
            if key is not None:
                with open(path, encoding="utf-8") as fh:
                    data = json.load(fh)
                if isinstance(data, dict):
                    generation = data.get("generation")
            parsed = parse_overrides(data, [p.name for p in self.pairs])
        except (OSError, ValueError) as e:
            error = str(e)  # the links stay as they were
        else:
            apply_overrides(self.pairs, parsed)
        ack = self.ack_path
        try:
            with open(ack + ".tmp", "w") as fh:
                json.dump({"generation": generation, "error": error}, fh)
            os.replace(ack + ".tmp", ack)
        except OSError:
            pass

    def run(self) -> None:
        ep = select.epoll()
        for fd in self.by_fd:
            ep.register(fd, select.EPOLLIN)
        heap: list = []
        seq = 0
        mono = time.monotonic
        push, pop = heapq.heappush, heapq.heappop
        by_fd = self.by_fd
        unpack_ts = struct.Struct("=qq").unpack_from
        next_stats = mono() + 2.0
        watch = bool(self.overrides_path)
        next_check = 0.0
        while self.running:
            now = mono()
            if watch and now >= next_check:
                next_check = now + OVERRIDE_CHECK_S
                self.check_overrides()
            while heap and heap[0][0] <= now:
                _, _, d, frame = pop(heap)
                d.queued -= 1
                try:
                    d.out.send(frame)
                    d.stats["sent"] += 1
                except OSError as e:
                    if e.errno not in (errno.ENOBUFS, errno.EAGAIN, errno.ENETDOWN, errno.ENXIO):
                        raise
                    d.stats["dropped_queue"] += 1
                now = mono()
            if heap:
                wait = heap[0][0] - now
                # epoll counts in whole milliseconds (rounded up): wake a little early, then
                # sleep the rest precisely (frames arriving meanwhile keep their kernel timestamp)
                timeout = wait - 0.001 if wait > 0.0015 else 0
            else:
                timeout = OVERRIDE_CHECK_S if watch else 1.0
            events = ep.poll(timeout)
            if not events:
                if heap and timeout == 0:
                    wait = heap[0][0] - mono()
                    if wait > SPIN:
                        # a sleep overshoots by ~50-100 us: sleep short, then spin to the mark
                        time.sleep(wait - SPIN)
                elif now >= next_stats:
                    next_stats = now + 2.0
                    self.write_stats()
                continue
            rt_off = time.time() - mono()  # kernel timestamps are CLOCK_REALTIME
            for fd, _ in events:
                sock, d = by_fd[fd]
                recvmsg = sock.recvmsg
                for _ in range(64):
                    try:
                        frame, anc, _flags, _addr = recvmsg(65536, 64)
                    except BlockingIOError:
                        break
                    except OSError as e:
                        if e.errno in (errno.ENETDOWN, errno.ENXIO):
                            break
                        raise
                    if anc:
                        sec, nsec = unpack_ts(anc[0][2])
                        arrived = sec + nsec * 1e-9 - rt_off
                    else:
                        arrived = mono()
                    t = d.admit(frame, arrived)
                    if t is not None:
                        d.queued += 1
                        seq += 1
                        push(heap, (t, seq, d, frame))
            if now >= next_stats:
                next_stats = now + 2.0
                self.write_stats()


class Stop(Exception):
    """Raised by the SIGTERM handler: leaves the loop at once, even from inside epoll.poll()
    (which Python otherwise restarts after a signal)."""


def stop_on_signal(signum, frame):
    raise Stop()
