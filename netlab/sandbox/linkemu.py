"""netlab's userspace link emulator: an AF_PACKET relay between the two ends of an access link.

Each emulated interface of a host is wired  host:ethN <-veth-> A ~relay~ B <-veth-> bridge port,
and this module copies Ethernet frames between A and B.  Every direction is a queue ordered by
release time: a frame is timestamped on arrival, given its release time (serialisation at
``rate_mbit`` behind the frames before it, plus ``delay_ms`` and a uniform jitter of
+-``jitter_ms``, never earlier than the frame before it, so no reordering), or dropped (random
``loss_pct``, a ``drop`` rule such as "udp:53", a deterministic drop rule, or a full queue).  One
loop waits for whichever comes first, a frame to read or a frame to release: no per-packet sleep,
so throughput is bounded by CPU, not by the delay.

The bottleneck queue.  With a rate, a direction behaves like a router's output port: frames wait
for the link in a FIFO; ``queue_packets`` (or ``queue_bytes``) bounds that FIFO, the frame being
serialised included, and a frame that arrives to a full FIFO is dropped (drop-tail, counted as
``dropped_tail``).  Its queueing delay is then the backlog ahead of it divided by the rate, and the
delay line (``delay_ms``) comes after the queue, as propagation after a router.  The rate counts
Ethernet frame bytes (14-byte header, no preamble or FCS), as the kernel's tbf does on a veth.
Without a queue limit the FIFO only has the safety cap QUEUE_LIMIT (frames in the whole direction).

Deterministic drops (``drops``, runtime only): rules that each drop exactly one packet and then
stand aside, so that a worksheet gets the same loss every run:
``{"nth": N}`` drops the N-th payload-carrying packet of the direction, ``{"after_bytes": B}`` the
first payload-carrying packet that arrives once B payload bytes have passed; either may be narrowed
by ``"protocol": "tcp"|"udp"`` and ``"port": P`` (source or destination).  "Payload" is the TCP or
UDP payload, so the same rule works for TCP and for QUIC, whose payload is encrypted.  Packets
dropped by other causes still count (the rule sees what arrives at the link).  What fired is
reported in the ack file (below), the moment it fires.

Runtime changes: the relay watches ``link-overrides.json`` in the state directory (the names are
netlab.sandbox.contract.StateFiles'; its stat is checked at most every ``OVERRIDE_CHECK_S``), of
the form ``{"generation": N, "links": {KEY: {"up": {"delay_ms": D, "loss_pct": L, ...}, "down":
{...}}}}`` where KEY is a link pair's name ("client/eth0") or a host name (every pair of that
host).  Delay and loss come ON TOP of the scenario's own setting, as a second stretch of wire
would: the override's delay is added to the scenario's delay, its loss is an independent second
chance of loss (combined: 1 - (1-a)(1-b)).  The bottleneck is replaced: an override's
``rate_mbit`` (0: no limit) and ``queue_packets``/``queue_bytes`` (0: no limit) take the place of
the scenario's, since a link has one rate and one queue.  Its ``drops`` are the deterministic
rules above (counted from the moment the override is applied).  A missing file, or an empty
"links", means the scenario's settings.  After each change the relay writes
``link-overrides.ack`` = ``{"generation": N, "error": null|"...", "counters": {pair: {"up": {...},
"down": {...}}}, "fired": [...], "ended": {"generation": M, "fired": [...]}}``: the counters at
that moment, the deterministic drops of this generation that fired so far (rewritten each time
one fires) and those of the generation it replaced, with that generation's last counters (its
deepest backlog included: ``backlog_max_*`` count from each change) (see netlab.sandbox.links,
which writes the file, waits for the ack and returns it).

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
from collections import deque
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
OVERRIDE_KEYS = ("delay_ms", "loss_pct", "rate_mbit", "queue_packets", "queue_bytes", "drops")
DROP_KINDS = ("nth", "after_bytes")
MAX_DROP_RULES = 64  # per direction
MIN_QUEUE_BYTES = 1514  # a queue must hold one full Ethernet frame, or nothing ever passes
QUEUE_LIMIT = 20000  # frames per direction (covers 1 Gbit/s x 200 ms of full frames)


def transport(frame: bytes) -> tuple[int | None, int | None, int | None, int, int | None]:
    """(IP protocol number, source port, destination port, L4 payload length, TCP sequence number)
    of an Ethernet frame, from its IPv4 or IPv6 header (IPv6 extension headers skipped; ports only
    in first fragments).  Lengths come from the IP header, not the frame (Ethernet pads short
    frames).  Nones (and length 0) for what is not IP, or is cut short."""
    n = len(frame)
    if n < 34:
        return None, None, None, 0, None
    off = 14
    etype = (frame[12] << 8) | frame[13]
    if etype == 0x8100 and n >= 18:
        etype = (frame[16] << 8) | frame[17]
        off = 18
    if etype == 0x0800:
        ihl = (frame[off] & 0x0F) * 4
        proto = frame[off + 9]
        frag = ((frame[off + 6] & 0x1F) << 8) | frame[off + 7]
        end = min(n, off + ((frame[off + 2] << 8) | frame[off + 3]))
        l4 = off + ihl
        if frag:
            return proto, None, None, 0, None
    elif etype == 0x86DD:
        if n < off + 40:
            return None, None, None, 0, None
        proto = frame[off + 6]
        end = min(n, off + 40 + ((frame[off + 4] << 8) | frame[off + 5]))
        l4 = off + 40
        while proto in (0, 43, 60, 44) and l4 + 8 <= n:
            if proto == 44:
                fragoff = ((frame[l4 + 2] << 8) | frame[l4 + 3]) >> 3
                proto = frame[l4]
                l4 += 8
                if fragoff:
                    return proto, None, None, 0, None
            else:
                proto, l4 = frame[l4], l4 + (frame[l4 + 1] + 1) * 8
    else:
        return None, None, None, 0, None
    if proto == 6 and l4 + 20 <= n:
        sport, dport, seq = struct.unpack_from("!HHI", frame, l4)
        return proto, sport, dport, max(0, end - l4 - (frame[l4 + 12] >> 4) * 4), seq
    if proto == 17 and l4 + 8 <= n:
        sport, dport = struct.unpack_from("!HH", frame, l4)
        return proto, sport, dport, max(0, end - l4 - 8), None
    if proto in (6, 17) and l4 + 4 <= n:
        sport, dport = struct.unpack_from("!HH", frame, l4)
        return proto, sport, dport, 0, None
    return proto, None, None, 0, None


def classify(frame: bytes) -> tuple[int | None, int | None, int | None]:
    """(IP protocol number, source port, destination port) of an Ethernet frame (see transport())."""
    proto, sport, dport, _, _ = transport(frame)
    return proto, sport, dport


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


def parse_drop_spec(spec: object, where: str = "drop") -> dict:
    """A deterministic drop rule, checked: {"nth": N} or {"after_bytes": B}, optionally with
    "protocol" ("tcp" | "udp") and "port" (1-65535).  ValueError when it is not one."""
    if not isinstance(spec, dict):
        raise ValueError(f"{where}: a drop rule is an object like {{\"nth\": 20, \"protocol\": \"tcp\"}}")
    unknown = set(spec) - {*DROP_KINDS, "protocol", "port"}
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {', '.join(sorted(unknown))} in a drop rule")
    kinds = [k for k in DROP_KINDS if k in spec]
    if len(kinds) != 1:
        raise ValueError(f"{where}: a drop rule needs exactly one of nth, after_bytes")
    kind = kinds[0]
    value = spec[kind]
    if isinstance(value, bool) or not isinstance(value, int) or value < (1 if kind == "nth" else 0) \
            or value > 1 << 40:
        raise ValueError(f"{where}: {kind} must be a whole number ({'1' if kind == 'nth' else '0'} or more)")
    out: dict = {kind: value}
    proto = spec.get("protocol")
    if proto is not None:
        if proto not in ("tcp", "udp"):
            raise ValueError(f"{where}: protocol must be tcp or udp, not {proto!r}")
        out["protocol"] = proto
    port = spec.get("port")
    if port is not None:
        if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
            raise ValueError(f"{where}: port must be 1-65535, not {port!r}")
        out["port"] = port
    return out


class DropRule:
    """One deterministic drop rule of a direction, with its state (pure: fed by Direction.admit)."""

    __slots__ = ("spec", "kind", "value", "proto", "port", "packets", "payload_bytes", "fired")

    def __init__(self, spec: dict):
        self.spec = parse_drop_spec(spec)
        self.kind = "nth" if "nth" in self.spec else "after_bytes"
        self.value = self.spec[self.kind]
        self.proto = {"tcp": 6, "udp": 17}.get(self.spec.get("protocol"))
        self.port = self.spec.get("port")
        self.packets = 0  # payload-carrying packets matched so far
        self.payload_bytes = 0  # their payload bytes
        self.fired: dict | None = None

    def offer(self, proto: int | None, sport: int | None, dport: int | None, length: int) -> bool:
        """Count one arriving packet; True when this rule drops it (once, ever)."""
        if self.fired is not None or not length or proto not in (6, 17):
            return False
        if self.proto is not None and proto != self.proto:
            return False
        if self.port is not None and self.port != sport and self.port != dport:
            return False
        self.packets += 1
        before = self.payload_bytes
        self.payload_bytes += length
        if self.kind == "nth":
            return self.packets == self.value
        return before >= self.value


@dataclass
class Direction:
    """One direction of one emulated link: the scheduling rule, pure (testable without sockets)."""

    label: str
    delay_ms: float = 0.0
    jitter_ms: float = 0.0
    loss_pct: float = 0.0
    rate_mbit: float = 0.0
    drop: list[str] = field(default_factory=list)
    queue_packets: int = 0  # the bottleneck's FIFO limit (0: only QUEUE_LIMIT)
    queue_bytes: int = 0
    seed: int | None = None
    out: object = None  # the socket frames leave by
    queued: int = 0
    stats: dict = field(default_factory=lambda: dict(frames=0, sent=0, lost=0, dropped_rule=0, dropped_queue=0,
                                                     dropped_tail=0, dropped_nth=0, backlog_max_packets=0,
                                                     backlog_max_bytes=0))

    def __post_init__(self) -> None:
        self.rules = compile_rules(self.drop)
        self.rng = random.Random(self.seed)
        self.jitter = self.jitter_ms / 1000.0
        self.link_free = 0.0
        self.last_release = 0.0
        self.backlog: deque = deque()  # (serialisation end, frame length) of frames in the FIFO
        self.backlog_bytes = 0
        self.on_fire = None  # called with the DropRule when one fires (the relay writes the ack)
        self.set_override(None)

    def set_override(self, override: dict | None) -> None:
        """Apply a runtime override on top of the scenario's setting ({} or None: remove it)."""
        o = dict(override or {})
        extra_delay = float(o.get("delay_ms") or 0.0)
        extra_loss = float(o.get("loss_pct") or 0.0)
        self.override = o
        self.delay = (self.delay_ms + extra_delay) / 1000.0
        self.loss = 1.0 - (1.0 - self.loss_pct / 100.0) * (1.0 - extra_loss / 100.0)
        self.rate = float(o["rate_mbit"]) if "rate_mbit" in o else float(self.rate_mbit or 0.0)
        self.bit_time = 8.0 / (self.rate * 1e6) if self.rate else 0.0
        if "queue_packets" in o or "queue_bytes" in o:
            self.limit_packets = int(o.get("queue_packets") or 0)
            self.limit_bytes = int(o.get("queue_bytes") or 0)
        else:
            self.limit_packets, self.limit_bytes = int(self.queue_packets or 0), int(self.queue_bytes or 0)
        self.drop_rules = [DropRule(r) for r in o.get("drops") or ()]
        self.stats["backlog_max_packets"] = self.stats["backlog_max_bytes"] = 0  # the highest since this change

    def effective(self) -> dict:
        """The settings in force (scenario and override combined), for the ack and status."""
        return {"delay_ms": round(self.delay * 1000.0, 6), "jitter_ms": self.jitter_ms,
                "loss_pct": round(self.loss * 100.0, 6), "rate_mbit": self.rate,
                "queue_packets": self.limit_packets, "queue_bytes": self.limit_bytes,
                "drops": [r.spec for r in self.drop_rules]}

    def _drop_by_rule(self, frame: bytes, now: float) -> bool:
        """Every rule counts the packet (each numbers the packets on its own); drop if one fires."""
        proto, sport, dport, length, seq = transport(frame)
        hit = None
        for i, r in enumerate(self.drop_rules):
            if r.offer(proto, sport, dport, length) and hit is None:
                r.fired = {"rule": i, **r.spec, "t": now, "protocol_number": proto, "sport": sport,
                           "dport": dport, "seq": seq, "payload_len": length, "packet_number": r.packets,
                           "payload_bytes_before": r.payload_bytes - length}
                hit = r
        if hit is None:
            return False
        self.stats["dropped_nth"] += 1
        if self.on_fire is not None:
            self.on_fire(self, hit)
        return True

    def _enqueue(self, size: int, now: float) -> float | None:
        """The bottleneck FIFO: the end of this frame's serialisation, or None (drop-tail)."""
        q = self.backlog
        while q and q[0][0] <= now:
            self.backlog_bytes -= q.popleft()[1]
        if (self.limit_packets and len(q) >= self.limit_packets) or \
                (self.limit_bytes and self.backlog_bytes + size > self.limit_bytes):
            self.stats["dropped_tail"] += 1
            return None
        start = now if now > self.link_free else self.link_free
        self.link_free = end = start + size * self.bit_time
        q.append((end, size))
        self.backlog_bytes += size
        st = self.stats
        if len(q) > st["backlog_max_packets"]:
            st["backlog_max_packets"] = len(q)
        if self.backlog_bytes > st["backlog_max_bytes"]:
            st["backlog_max_bytes"] = self.backlog_bytes
        return end

    def admit(self, frame: bytes, now: float) -> float | None:
        """Release time for a frame arriving at `now`, or None when the link drops it."""
        st = self.stats
        st["frames"] += 1
        if self.rules and matches(self.rules, frame):
            st["dropped_rule"] += 1
            return None
        if self.drop_rules and self._drop_by_rule(frame, now):
            return None
        if self.queued >= QUEUE_LIMIT:
            st["dropped_queue"] += 1
            return None
        if self.loss and self.rng.random() < self.loss:
            st["lost"] += 1
            return None
        t = now
        if self.bit_time:
            t = self._enqueue(len(frame), now)
            if t is None:
                return None
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
    delay negative; a queue that cannot hold one frame; a bad drop rule).  Pairs not named get no
    override."""
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
            clean = _clean_override(spec, f"override of {key!r} {d}")
            for n in targets:
                out[n][d].update(clean)
    return out


def _clean_override(spec: dict, where: str) -> dict:
    clean: dict = {}
    for k, v in spec.items():
        if k not in OVERRIDE_KEYS:
            raise ValueError(f"{where}: unknown setting {k!r} (known: {', '.join(OVERRIDE_KEYS)})")
        if k == "drops":
            if not isinstance(v, list) or len(v) > MAX_DROP_RULES:
                raise ValueError(f"{where}: drops must be a list of at most {MAX_DROP_RULES} rules")
            clean[k] = [parse_drop_spec(r, f"{where} drops[{i}]") for i, r in enumerate(v)]
            continue
        if isinstance(v, bool) or not isinstance(v, (int, float)) or v != v:
            raise ValueError(f"{where}: {k} must be a number")
        if v < 0 or (k == "loss_pct" and v > 100) or (k == "rate_mbit" and v > 100000):
            raise ValueError(f"{where}: {k}={v} out of range")
        if k in ("queue_packets", "queue_bytes"):
            if v != int(v) or v > 1 << 30:
                raise ValueError(f"{where}: {k} must be a whole number (0: no limit)")
            v = int(v)
            if k == "queue_bytes" and 0 < v < MIN_QUEUE_BYTES:
                raise ValueError(f"{where}: queue_bytes={v} cannot hold one full frame ({MIN_QUEUE_BYTES} bytes)")
        clean[k] = float(v) if k not in ("queue_packets", "queue_bytes") else v
    if clean.get("queue_packets") and clean.get("queue_bytes"):
        raise ValueError(f"{where}: give queue_packets or queue_bytes, not both")
    return clean


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
            self.write_ack(generation, error)
            return
        ended = {"generation": getattr(self, "generation", None), "fired": self.fired(),
                 "counters": {p.name: {"up": dict(p.up.stats), "down": dict(p.down.stats)} for p in self.pairs}}
        apply_overrides(self.pairs, parsed)
        for p in self.pairs:
            p.up.on_fire = p.down.on_fire = self._fired
        self.generation = generation
        self.write_ack(generation, None, ended)

    def fired(self) -> list[dict]:
        """The deterministic drops of the current overrides that fired, in the order they fired."""
        out = []
        for p in self.pairs:
            for name, d in (("up", p.up), ("down", p.down)):
                out += [{"link": p.name, "direction": name, **r.fired} for r in d.drop_rules if r.fired]
        return sorted(out, key=lambda f: f["t"])

    def _fired(self, direction: Direction, rule: DropRule) -> None:
        self.write_ack(getattr(self, "generation", None), None, getattr(self, "ended", None))

    def write_ack(self, generation, error: str | None, ended: dict | None = None) -> None:
        """link-overrides.ack: the generation in force, the counters and effective settings of every
        pair, the deterministic drops that fired (this generation's, and the one it replaced)."""
        ack = getattr(self, "ack_path", None)
        if not ack:
            return
        if ended is not None:
            self.ended = ended
        body = {"generation": generation, "error": error}
        if error is None:
            body["counters"] = {p.name: {"up": dict(p.up.stats), "down": dict(p.down.stats)} for p in self.pairs}
            body["effective"] = {p.name: {"up": p.up.effective(), "down": p.down.effective()} for p in self.pairs}
            body["fired"] = self.fired()
            body["ended"] = getattr(self, "ended", None)
        try:
            with open(ack + ".tmp", "w") as fh:
                json.dump(body, fh)
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
