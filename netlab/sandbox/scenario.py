"""Scenario files (TOML): networks, hosts, their links and services.

Schema (see netlab/sandbox/data/default.toml for a commented example)::

    [scenario]
    name = "default"                 # informative
    description = "..."
    etc_hosts = { "intranet.lab.test" = "198.18.1.110" }   # optional: lines of the sandbox's /etc/hosts

    [[networks]]                     # an L2 segment (a bridge in the sandbox's switch namespace)
    name = "lan"
    ipv4 = "198.18.0.0/24"           # only inside 198.18.0.0/15
    ipv6 = "2001:db8:0::/64"         # only inside 2001:db8::/32

    [[hosts]]                        # a network namespace
    name = "client"                  # [a-z0-9-], <= 30 characters
    role = "client"                  # client | router | resolver | dns-root | dns-tld | dns-auth | web | ...
    fqdn = "..."                     # optional
    interfaces = [ { network = "lan", ipv4 = "198.18.0.10", ipv6 = "2001:db8::10",
                     link = { delay_ms = 5, jitter_ms = 0, loss_pct = 0, rate_mbit = 0,
                              queue_packets = 0, queue_bytes = 0,
                              drop = ["udp:53"], up = { ... }, down = { ... } } } ]
    services = [ { type = "nsd", ... } ]   # see netlab.sandbox.services.SERVICE_TYPES
    tcp_congestion = "cubic"         # optional: the namespace's default TCP congestion control

A ``link`` describes the emulated access link between the host and its network, each direction:
``up`` is from the host, ``down`` towards it; keys at the top of ``link`` apply to both and the
``up``/``down`` tables override them.  ``delay_ms`` is one way, so one link with delay_ms = 10
adds 20 ms to every round trip through it.  ``drop`` rules: "udp", "tcp", "icmp", "udp:53",
"tcp:81" (a port matches source or destination; see netlab.sandbox.contract.DROP_PROTOCOLS).
With ``rate_mbit``, ``queue_packets`` or ``queue_bytes`` bounds the bottleneck's drop-tail queue
(the frame being sent included; the userspace emulator, netlab.sandbox.linkemu, says how it
behaves); without either, the queue is only capped by the emulator's safety limit.

``tcp_congestion`` sets ``net.ipv4.tcp_congestion_control`` of the host's namespace (the default
of every TCP socket there; reno, cubic or bbr, whichever this kernel has: CONGESTION_CONTROLS).

An interface may list ``extra_addresses`` (addresses or ranges "FIRST-LAST" inside its network,
of a family it has; at most 1024): secondary addresses on the same interface, e.g. a client with
many source addresses for a balancer's source hashing (netlab/sandbox/data/lb.toml).

An interface may set ``mtu`` (576-9000; at least 1280 with IPv6): the largest IP packet it sends
or accepts.  A router forwarding a bigger packet with DF set out of it answers ICMP "fragmentation
needed" (IPv6: "packet too big") with this MTU.

Routes: a host may list its own, ``routes = [{ to = "default" | PREFIX, via = ADDRESS }, ...]``
(``via`` on one of its networks; the family follows ``via``).  They replace the derived routes of
that host entirely (give both families when it has both); connected networks need none.  Without
``routes`` they are derived: a non-router host uses the router on (one of) its networks as its
default gateway; routers forward and learn every other network through the routers next to them.

``icmp = { time_exceeded = false, filter_frag_needed = true, ratelimit_ms = 1000 }`` changes how a
host speaks ICMP (nftables in its namespace, Debian package nftables): a router with
``time_exceeded = false`` forwards as ever but never says "TTL exceeded" (a silent hop in a
traceroute); ``filter_frag_needed = true`` drops ICMP fragmentation-needed / packet-too-big, its
own and those it forwards (a path-MTU black hole).  ``ratelimit_ms`` is the kernel's per-destination
ICMP error rate limit (net.ipv4.icmp_ratelimit; Linux's default is 1000): sandbox hosts use 0,
none, unless a scenario says so, so that repeated traceroutes see every answer.

``nat = { outside = "internet", mapping = "endpoint-independent", filtering = "address-dependent",
hairpin = true, udp_timeout = 30 }`` makes a router a NAT (RFC 4787 behaviours, built with the
kernel's NAT in its namespace: netlab.sandbox.natrules explains how; netlab/sandbox/data/nat.toml
has one of each).
"""

from __future__ import annotations

import ipaddress
import re
import tomllib
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netlab.errors import ScenarioError
from netlab.sandbox import natrules
from netlab.sandbox.contract import DROP_RULE_HELP, parse_drop_rule

ALLOWED_V4 = ipaddress.ip_network("198.18.0.0/15")
ALLOWED_V6 = ipaddress.ip_network("2001:db8::/32")
_NAME_RE = re.compile(r"^[a-z0-9]([a-z0-9-]{0,28}[a-z0-9])?$")
ICMP_KEYS = ("time_exceeded", "filter_frag_needed", "ratelimit_ms")
ROUTE_KEYS = ("to", "via")
MTU_RANGE = (576, 9000)
LINK_KEYS = ("delay_ms", "jitter_ms", "loss_pct", "rate_mbit", "queue_packets", "queue_bytes", "drop")
CONGESTION_CONTROLS = ("reno", "cubic", "bbr")  # what a scenario may choose (the kernel must have it)


@dataclass
class LinkSpec:
    delay_ms: float = 0.0
    jitter_ms: float = 0.0
    loss_pct: float = 0.0
    rate_mbit: float = 0.0  # 0 = unlimited
    drop: list[str] = field(default_factory=list)  # "udp:53", "tcp:81"
    queue_packets: int = 0  # the bottleneck's drop-tail queue, in frames (0: no limit)
    queue_bytes: int = 0  # ... or in bytes

    def is_null(self) -> bool:
        return not (self.delay_ms or self.jitter_ms or self.loss_pct or self.rate_mbit or self.drop
                    or self.queue_packets or self.queue_bytes)

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in LINK_KEYS}


@dataclass
class Interface:
    network: str
    ipv4: str | None = None
    ipv6: str | None = None
    up: LinkSpec = field(default_factory=LinkSpec)  # from the host
    down: LinkSpec = field(default_factory=LinkSpec)  # towards the host
    mtu: int | None = None  # None: the kernel's default (1500)
    # more addresses on the same interface (secondary addresses): a client with many source
    # addresses, so that a balancer's source hashing has something to hash (netlab lb)
    extra_addresses: list[str] = field(default_factory=list)

    @property
    def emulated(self) -> bool:
        return not (self.up.is_null() and self.down.is_null())


@dataclass
class IcmpSpec:
    """How a host speaks ICMP (see the module docstring)."""

    time_exceeded: bool = True  # a router says "TTL exceeded" when a packet's TTL/hop limit runs out
    filter_frag_needed: bool = False  # drops ICMP frag-needed / packet-too-big, its own and in transit
    ratelimit_ms: int = 0  # per-destination ICMP error rate limit (net.ipv4.icmp_ratelimit)

    @property
    def filtered(self) -> bool:
        return not self.time_exceeded or self.filter_frag_needed

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in ICMP_KEYS}


@dataclass
class Host:
    name: str  # namespace name
    role: str  # client | router | resolver | dns-root | dns-tld | dns-auth | web | ...
    fqdn: str | None = None
    interfaces: list[Interface] = field(default_factory=list)
    services: list[dict[str, Any]] = field(default_factory=list)
    routes: list[dict] | None = None  # explicit [{"family", "dst", "via"}]; None: derived
    icmp: IcmpSpec = field(default_factory=IcmpSpec)
    tcp_congestion: str | None = None  # the namespace's default congestion control (None: the kernel's)
    nat: Any = None  # netlab.sandbox.natrules.NatSpec of a NAT router (None: no NAT)

    @property
    def ipv4(self) -> str | None:
        return next((i.ipv4 for i in self.interfaces if i.ipv4), None)

    @property
    def ipv6(self) -> str | None:
        return next((i.ipv6 for i in self.interfaces if i.ipv6), None)

    @property
    def addresses(self) -> list[str]:
        out = []
        for i in self.interfaces:
            out += [a for a in (i.ipv4, i.ipv6) if a]
        return out


@dataclass
class Network:
    name: str
    ipv4: str | None = None
    ipv6: str | None = None


@dataclass
class Scenario:
    name: str
    description: str = ""
    networks: list[Network] = field(default_factory=list)
    hosts: list[Host] = field(default_factory=list)
    source: str | None = None  # the file it was read from
    etc_hosts: dict[str, str] = field(default_factory=dict)  # name -> address: the sandbox's /etc/hosts

    def host(self, name: str) -> Host:
        for h in self.hosts:
            if h.name == name:
                return h
        raise KeyError(name)

    def hosts_with_role(self, role: str) -> list[Host]:
        return [h for h in self.hosts if h.role == role]

    def network(self, name: str) -> Network:
        for n in self.networks:
            if n.name == name:
                return n
        raise KeyError(name)

    @property
    def client(self) -> Host:
        clients = self.hosts_with_role("client")
        return clients[0] if clients else self.hosts[0]

    # ------------------------------------------------------------------ derived facts

    def routers(self) -> list[Host]:
        return self.hosts_with_role("router")

    def routes(self) -> dict[str, list[dict]]:
        """Per host: routes to add, [{"family": 4|6, "dst": "default"|prefix, "via": address}]."""
        out: dict[str, list[dict]] = {h.name: [] for h in self.hosts}
        routers = self.routers()
        by_net: dict[str, list[tuple[Host, Interface]]] = {n.name: [] for n in self.networks}
        for r in routers:
            for itf in r.interfaces:
                by_net[itf.network].append((r, itf))
        for h in self.hosts:
            if h.routes is not None:
                out[h.name] = [dict(r) for r in h.routes]
        for h in self.hosts:
            if h.role == "router" or h.routes is not None:
                continue
            for fam in (4, 6):
                for itf in h.interfaces:
                    if not getattr(itf, f"ipv{fam}"):
                        continue
                    gw = next((ri for r, ri in by_net[itf.network] if getattr(ri, f"ipv{fam}")), None)
                    if gw is not None:
                        out[h.name].append({"family": fam, "dst": "default", "via": getattr(gw, f"ipv{fam}")})
                        break
        # routers: BFS over the graph of networks joined by routers, first hop per far network
        for r in routers:
            if r.routes is not None:
                continue
            attached = {i.network for i in r.interfaces}
            for fam in (4, 6):
                seen = set(attached)
                queue: deque[tuple[str, str]] = deque()  # (network, first-hop address)
                for itf in r.interfaces:
                    for other, oi in by_net[itf.network]:
                        if other is r or not getattr(oi, f"ipv{fam}"):
                            continue
                        for far in other.interfaces:
                            if far.network not in seen:
                                seen.add(far.network)
                                queue.append((far.network, getattr(oi, f"ipv{fam}")))
                while queue:
                    net, via = queue.popleft()
                    prefix = getattr(self.network(net), f"ipv{fam}")
                    if prefix:
                        out[r.name].append({"family": fam, "dst": prefix, "via": via})
                    for other, _oi in by_net[net]:
                        for far in other.interfaces:
                            if far.network not in seen:
                                seen.add(far.network)
                                queue.append((far.network, via))
        return out

    # ------------------------------------------------------------------ forwarding, as the kernels do it

    def lookup(self, host: str, address: str, routes: dict[str, list[dict]] | None = None) -> tuple[int, str] | None:
        """The route ``host`` takes towards ``address``, chosen as its kernel chooses (the longest
        matching prefix, a connected network winning a tie): (outgoing interface index, next hop:
        the gateway, or ``address`` itself on a connected network); None when no route matches."""
        h = self.host(host)
        a = ipaddress.ip_address(address)
        best: tuple[int, int, str] | None = None  # (prefix length, interface index, next hop)
        for j, itf in enumerate(h.interfaces):
            prefix = getattr(self.network(itf.network), f"ipv{a.version}")
            if prefix and getattr(itf, f"ipv{a.version}") and a in ipaddress.ip_network(prefix):
                length = ipaddress.ip_network(prefix).prefixlen
                if best is None or length > best[0]:
                    best = (length, j, str(a))
        for r in (routes if routes is not None else self.routes())[h.name]:
            if r["family"] != a.version:
                continue
            net = ipaddress.ip_network(("0.0.0.0/0" if a.version == 4 else "::/0") if r["dst"] == "default" else r["dst"])
            j = _onlink(self, h, r["via"])
            if a in net and j is not None and (best is None or net.prefixlen > best[0]):
                best = (net.prefixlen, j, r["via"])
        return None if best is None else (best[1], best[2])

    def trace(self, src: str, address: str, routes: dict[str, list[dict]] | None = None) -> list[tuple[str, int | None, int | None]] | None:
        """The hosts a packet from ``src`` to ``address`` passes, following every host's routes:
        [(host, incoming interface index or None, outgoing interface index or None)], the first
        being ``src`` and the last the host that has ``address``; None when it gets nowhere (no
        route, a loop, or a host that is not a router asked to forward)."""
        routes = routes if routes is not None else self.routes()
        owners = {a: (h, j) for h in self.hosts for j, i in enumerate(h.interfaces) for a in (i.ipv4, i.ipv6) if a}
        hops: list[tuple[str, int | None, int | None]] = []
        cur, incoming = self.host(src), None
        for _ in range(64):
            if address in cur.addresses:
                hops.append((cur.name, incoming, None))
                return hops
            if hops and cur.role != "router":
                return None
            step = self.lookup(cur.name, address, routes)
            if step is None:
                return None
            out, next_hop = step
            hops.append((cur.name, incoming, out))
            owner = owners.get(next_hop)
            if owner is None or owner[0].interfaces[owner[1]].network != cur.interfaces[out].network:
                return None
            cur, incoming = owner
        return None

    def one_way_ms(self, hops: list[tuple[str, int | None, int | None]]) -> float:
        """The configured one-way delay along a trace(): each interface's ``up`` on the way out of
        a host, its ``down`` on the way in."""
        total = 0.0
        for name, incoming, out in hops:
            h = self.host(name)
            if incoming is not None:
                total += h.interfaces[incoming].down.delay_ms
            if out is not None:
                total += h.interfaces[out].up.delay_ms
        return total

    def rtt_ms(self, src: str | None = None) -> dict[str, float]:
        """Configured round-trip time from host `src` (default: the client) to every host: the
        delay of every access link on the way there and on the way back, each path following the
        hosts' routes (None: unreachable either way).  IPv4 when both ends have it, else IPv6."""
        src_host = self.host(src) if src else self.client
        routes = self.routes()
        out: dict[str, float | None] = {}
        for h in self.hosts:
            if h is src_host:
                out[h.name] = 0.0
                continue
            fam = 4 if (h.ipv4 and src_host.ipv4) else 6
            there_addr, back_addr = getattr(h, f"ipv{fam}"), getattr(src_host, f"ipv{fam}")
            there = self.trace(src_host.name, there_addr, routes) if there_addr and back_addr else None
            back = self.trace(h.name, back_addr, routes) if there else None
            out[h.name] = round(self.one_way_ms(there) + self.one_way_ms(back), 3) if there and back else None
        return out

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "description": self.description,
            "etc_hosts": dict(self.etc_hosts),
            "networks": [vars(n) for n in self.networks],
            "hosts": [
                {
                    "name": h.name, "role": h.role, "fqdn": h.fqdn, "services": h.services,
                    "tcp_congestion": h.tcp_congestion,
                    "interfaces": [
                        {"network": i.network, "ipv4": i.ipv4, "ipv6": i.ipv6,
                         "up": i.up.to_dict(), "down": i.down.to_dict(), "mtu": i.mtu,
                         "extra_addresses": list(i.extra_addresses)}
                        for i in h.interfaces
                    ],
                    "routes": h.routes, "icmp": h.icmp.to_dict(),
                    "nat": h.nat.to_dict() if h.nat else None,
                }
                for h in self.hosts
            ],
        }


def _onlink(sc: Scenario, h: Host, address: str) -> int | None:
    """The index of the interface of ``h`` whose network holds ``address`` (None: not on-link)."""
    a = ipaddress.ip_address(address)
    for j, itf in enumerate(h.interfaces):
        prefix = getattr(sc.network(itf.network), f"ipv{a.version}")
        if prefix and a in ipaddress.ip_network(prefix):
            return j
    return None


# ---------------------------------------------------------------------- loading


def default_path() -> Path:
    return Path(__file__).parent / "data" / "default.toml"


def packaged(name: str | None) -> Path | None:
    """A scenario that ships with netlab (netlab/sandbox/data/NAME.toml, e.g. "lb"), or None."""
    if not name or not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,31}", name):
        return None
    p = Path(__file__).parent / "data" / f"{name}.toml"
    return p if p.is_file() else None


def load(path: str | Path | None = None) -> Scenario:
    """Read and validate a scenario file (default: the packaged default scenario)."""
    p = Path(path) if path else default_path()
    from netlab.boundedfile import read_utf8

    text = read_utf8(p, MAX_SCENARIO_BYTES, ScenarioError, "a scenario file", f"{MAX_SCENARIO_BYTES >> 10} KiB")
    return loads(text, source=str(p))


MAX_SCENARIO_BYTES = 1 << 20  # the default scenario is about 15 KB


def loads(text: str, source: str | None = None) -> Scenario:
    where = source or "<scenario>"
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ScenarioError(f"{where}: not valid TOML: {e}") from e
    except RecursionError as e:
        raise ScenarioError(f"{where}: nested too deeply to be a scenario") from e
    return from_dict(data, where=where)


def _float(v: Any, what: str, lo: float = 0.0, hi: float | None = None) -> float:
    if isinstance(v, bool) or not isinstance(v, int | float):
        raise ScenarioError(f"{what} must be a number, not {v!r}")
    if v < lo or (hi is not None and v > hi):
        raise ScenarioError(f"{what} = {v} is out of range ({lo}..{hi if hi is not None else 'inf'})")
    return float(v)


def _linkspec(d: dict, what: str) -> LinkSpec:
    unknown = set(d) - set(LINK_KEYS)
    if unknown:
        raise ScenarioError(f"{what}: unknown link setting(s) {', '.join(sorted(unknown))} "
                            f"(known: {', '.join(LINK_KEYS)}, up, down)")
    spec = LinkSpec()
    if "delay_ms" in d:
        spec.delay_ms = _float(d["delay_ms"], f"{what}.delay_ms", 0, 10000)
    if "jitter_ms" in d:
        spec.jitter_ms = _float(d["jitter_ms"], f"{what}.jitter_ms", 0, 10000)
    if "loss_pct" in d:
        spec.loss_pct = _float(d["loss_pct"], f"{what}.loss_pct", 0, 100)
    if "rate_mbit" in d:
        spec.rate_mbit = _float(d["rate_mbit"], f"{what}.rate_mbit", 0, 100000)
    for key, low in (("queue_packets", 1), ("queue_bytes", 1514)):
        if key in d:
            v = d[key]
            if isinstance(v, bool) or not isinstance(v, int) or not low <= v <= 1 << 30:
                raise ScenarioError(f"{what}.{key} must be a whole number from {low} (one full frame)")
            setattr(spec, key, v)
    if spec.queue_packets and spec.queue_bytes:
        raise ScenarioError(f"{what}: give queue_packets or queue_bytes, not both")
    if "drop" in d:
        rules = d["drop"]
        if isinstance(rules, str):
            rules = [rules]
        if not isinstance(rules, list):
            raise ScenarioError(f"{what}.drop must be a list of rules like \"udp:53\"")
        spec.drop = []
        for r in rules:
            try:
                spec.drop.append(str(parse_drop_rule(r)))
            except ValueError:
                raise ScenarioError(f"{what}.drop: bad rule {r!r} ({DROP_RULE_HELP})") from None
    return spec


def _link(d: Any, what: str) -> tuple[LinkSpec, LinkSpec]:
    if d is None:
        return LinkSpec(), LinkSpec()
    if not isinstance(d, dict):
        raise ScenarioError(f"{what} must be a table like {{ delay_ms = 5 }}")
    base = {k: v for k, v in d.items() if k not in ("up", "down")}
    out = []
    for direction in ("up", "down"):
        over = d.get(direction) or {}
        if not isinstance(over, dict):
            raise ScenarioError(f"{what}.{direction} must be a table")
        out.append(_linkspec({**base, **over}, f"{what}.{direction}" if direction in d else what))
    return out[0], out[1]


def _check_net(prefix: Any, fam: int, what: str):
    try:
        net = ipaddress.ip_network(str(prefix), strict=True)
    except ValueError as e:
        raise ScenarioError(f"{what}: bad prefix {prefix!r} ({e})") from e
    allowed = ALLOWED_V4 if fam == 4 else ALLOWED_V6
    if net.version != fam or not net.subnet_of(allowed):
        raise ScenarioError(f"{what}: {prefix} is outside {allowed}; the sandbox only uses "
                            f"198.18.0.0/15 and 2001:db8::/32, never real addresses")
    return net


def from_dict(data: dict, where: str = "<scenario>") -> Scenario:
    if not isinstance(data, dict):
        raise ScenarioError(f"{where}: expected a TOML document")
    meta = data.get("scenario", {}) or {}
    sc = Scenario(name=str(meta.get("name", "unnamed")), description=str(meta.get("description", "")),
                  source=where)
    sc.etc_hosts = _etc_hosts(meta.get("etc_hosts"), f"{where}: [scenario]")
    nets: dict[str, tuple] = {}  # name -> (IPv4 prefix, IPv6 prefix) as ipaddress networks
    for i, n in enumerate(data.get("networks", []) or []):
        sc.networks.append(_network(n, nets, f"{where}: networks[{i}]", where))
    if not sc.networks:
        raise ScenarioError(f"{where}: no [[networks]]")
    seen_addr: dict[str, str] = {}  # address -> the host that has it
    for i, h in enumerate(data.get("hosts", []) or []):
        sc.hosts.append(_host(h, sc, nets, seen_addr, f"{where}: hosts[{i}]", where))
    if not sc.hosts:
        raise ScenarioError(f"{where}: no [[hosts]]")
    if len(sc.hosts) > 200:
        raise ScenarioError(f"{where}: too many hosts ({len(sc.hosts)} > 200)")
    for r in sc.routers():
        if len(r.interfaces) < 2:
            raise ScenarioError(f"{where}: router {r.name} has only one interface")
    _check_gateways(sc, where)
    return sc


def _check_gateways(sc: Scenario, where: str) -> None:
    """Every explicit route's gateway is a host on the network it names."""
    owners = {a: h.interfaces[j].network for h in sc.hosts for j, i in enumerate(h.interfaces)
              for a in (i.ipv4, i.ipv6) if a}
    for h in sc.hosts:
        for r in h.routes or []:
            net = h.interfaces[_onlink(sc, h, r["via"])].network
            if owners.get(r["via"]) != net:
                raise ScenarioError(f"{where}: host {h.name}: route to {r['dst']} via {r['via']}: no host has "
                                    f"that address on network {net}")


def _unknown_keys(d: dict, known: set[str], what: str) -> None:
    unknown = set(d) - known
    if unknown:
        raise ScenarioError(f"{what}: unknown key(s) {', '.join(sorted(unknown))}")


def _network(n: Any, nets: dict[str, tuple], what: str, where: str) -> Network:
    if not isinstance(n, dict) or "name" not in n:
        raise ScenarioError(f"{what}: each network needs a name")
    name = str(n["name"])
    if not _NAME_RE.match(name):
        raise ScenarioError(f"{what}: bad network name {name!r} (use a-z, 0-9 and '-', up to 30)")
    if name in nets:
        raise ScenarioError(f"{where}: duplicate network name {name!r}")
    _unknown_keys(n, {"name", "ipv4", "ipv6"}, what)
    v4 = _check_net(n["ipv4"], 4, f"network {name}") if n.get("ipv4") else None
    v6 = _check_net(n["ipv6"], 6, f"network {name}") if n.get("ipv6") else None
    if not v4 and not v6:
        raise ScenarioError(f"{what}: network {name} needs ipv4 or ipv6 (or both)")
    nets[name] = (v4, v6)
    return Network(name=name, ipv4=str(v4) if v4 else None, ipv6=str(v6) if v6 else None)


_HOSTNAME_RE = re.compile(r"^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")


def _etc_hosts(d: Any, what: str) -> dict[str, str]:
    """``etc_hosts = { "intranet.lab.test" = "198.18.1.110" }``: lines of the sandbox's /etc/hosts (one
    file, bind-mounted for every host: glibc reads it before it asks DNS)."""
    if d is None:
        return {}
    if not isinstance(d, dict):
        raise ScenarioError(f"{what}: etc_hosts must be a table like {{ \"intranet.lab.test\" = \"198.18.1.110\" }}")
    out = {}
    for name, addr in d.items():
        n = str(name).lower().rstrip(".")
        if not _HOSTNAME_RE.match(n):
            raise ScenarioError(f"{what}: etc_hosts: {name!r} is not a host name")
        try:
            a = ipaddress.ip_address(str(addr))
        except ValueError:
            raise ScenarioError(f"{what}: etc_hosts.{name}: {addr!r} is not an address") from None
        if a not in (ALLOWED_V4 if a.version == 4 else ALLOWED_V6):
            raise ScenarioError(f"{what}: etc_hosts.{name}: {a} is outside the sandbox's addresses")
        out[n] = str(a)
    return out


def _host(h: Any, sc: Scenario, nets: dict[str, tuple], seen_addr: dict[str, str], what: str,
          where: str) -> Host:
    if not isinstance(h, dict) or "name" not in h:
        raise ScenarioError(f"{what}: each host needs a name")
    name = str(h["name"])
    what = f"{where}: host {name}"
    if not _NAME_RE.match(name):
        raise ScenarioError(f"{what}: bad host name (use a-z, 0-9 and '-', up to 30 characters)")
    if any(x.name == name for x in sc.hosts):
        raise ScenarioError(f"{where}: duplicate host name {name!r}")
    _unknown_keys(h, {"name", "role", "fqdn", "interfaces", "services", "tcp_congestion", "routes", "icmp", "nat"}, what)
    role = str(h.get("role", "server"))
    host = Host(name=name, role=role, fqdn=str(h["fqdn"]).rstrip(".") if h.get("fqdn") else None)
    cc = h.get("tcp_congestion")
    if cc is not None:
        if cc not in CONGESTION_CONTROLS:
            raise ScenarioError(f"{what}: tcp_congestion must be one of {', '.join(CONGESTION_CONTROLS)} (got {cc!r})")
        host.tcp_congestion = cc
    itfs = h.get("interfaces") or []
    if not isinstance(itfs, list) or not itfs:
        raise ScenarioError(f"{what}: needs at least one interface")
    for j, it in enumerate(itfs):
        host.interfaces.append(_interface(it, host, nets, seen_addr, f"{what}: interfaces[{j}]"))
    host.services = _services(h.get("services") or [], what)
    if "routes" in h:
        host.routes = _routes(h["routes"], host, nets, what)
    host.icmp = _icmp(h.get("icmp"), host, what)
    host.nat = natrules.parse(h.get("nat"), host, what)
    return host


def _routes(routes: Any, host: Host, nets: dict[str, tuple], what: str) -> list[dict]:
    """A host's explicit routes: [{ to = "default" | PREFIX, via = ADDRESS }] -> [{family, dst, via}]."""
    if not isinstance(routes, list) or any(not isinstance(r, dict) for r in routes):
        raise ScenarioError(f"{what}: routes must be a list like [{{ to = \"default\", via = \"198.18.0.1\" }}]")
    out: list[dict] = []
    for k, r in enumerate(routes):
        rw = f"{what}: routes[{k}]"
        _unknown_keys(r, set(ROUTE_KEYS), rw)
        if "to" not in r or "via" not in r:
            raise ScenarioError(f"{rw}: needs both to (\"default\" or a prefix) and via (a gateway address)")
        try:
            via = ipaddress.ip_address(str(r["via"]))
        except ValueError:
            raise ScenarioError(f"{rw}: via = {r['via']!r} is not an address") from None
        to = str(r["to"]).strip()
        if to != "default":
            net = _check_net(to, via.version, f"{rw}: to")
            to = str(net)
        if str(via) in host.addresses:
            raise ScenarioError(f"{rw}: via {via} is this host's own address")
        local = [i for i in host.interfaces if getattr(i, f"ipv{via.version}")
                 and (p := nets[i.network][0 if via.version == 4 else 1]) is not None and via in p]
        if not local:
            raise ScenarioError(f"{rw}: gateway {via} is on none of {host.name}'s networks "
                                f"({', '.join(i.network for i in host.interfaces)}); a gateway must be a neighbour")
        if any(o["family"] == via.version and o["dst"] == to for o in out):
            raise ScenarioError(f"{rw}: a second route to {to} (IPv{via.version})")
        out.append({"family": via.version, "dst": to, "via": str(via)})
    return out


def _icmp(d: Any, host: Host, what: str) -> IcmpSpec:
    if d is None:
        return IcmpSpec()
    if not isinstance(d, dict):
        raise ScenarioError(f"{what}: icmp must be a table like {{ time_exceeded = false }}")
    unknown = set(d) - set(ICMP_KEYS)
    if unknown:
        raise ScenarioError(f"{what}: unknown icmp setting(s) {', '.join(sorted(unknown))} (known: {', '.join(ICMP_KEYS)})")
    spec = IcmpSpec()
    for key in ("time_exceeded", "filter_frag_needed"):
        if key in d:
            if not isinstance(d[key], bool):
                raise ScenarioError(f"{what}: icmp.{key} must be true or false")
            setattr(spec, key, d[key])
    if "ratelimit_ms" in d:
        v = d["ratelimit_ms"]
        if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= 60000:
            raise ScenarioError(f"{what}: icmp.ratelimit_ms must be a whole number of milliseconds, 0..60000")
        spec.ratelimit_ms = v
    if spec.filtered and host.role != "router":
        raise ScenarioError(f"{what}: icmp.time_exceeded and icmp.filter_frag_needed are for routers "
                            f"(only a router forwards, so only a router sends those for others' packets)")
    return spec


def _interface(it: Any, host: Host, nets: dict[str, tuple], seen_addr: dict[str, str], iw: str) -> Interface:
    if not isinstance(it, dict) or "network" not in it:
        raise ScenarioError(f"{iw}: needs a network")
    _unknown_keys(it, {"network", "ipv4", "ipv6", "link", "mtu", "extra_addresses"}, iw)
    net = str(it["network"])
    if net not in nets:
        raise ScenarioError(f"{iw}: unknown network {net!r} (declared: {', '.join(nets)})")
    if any(x.network == net for x in host.interfaces):
        raise ScenarioError(f"{iw}: host {host.name} has two interfaces on network {net}")
    addrs = {}
    for fam in (4, 6):
        key = f"ipv{fam}"
        if it.get(key):
            a = _address(it[key], fam, net, nets[net][0 if fam == 4 else 1], iw)
            if a in seen_addr:
                raise ScenarioError(f"{iw}: address {a} is already used by host {seen_addr[a]}")
            seen_addr[a] = host.name
            addrs[key] = a
    if not addrs:
        raise ScenarioError(f"{iw}: needs ipv4 or ipv6")
    up, down = _link(it.get("link"), f"{iw}.link")
    extra = _extra_addresses(it.get("extra_addresses"), host, net, nets[net], addrs, seen_addr, iw)
    return Interface(network=net, up=up, down=down, mtu=_mtu(it.get("mtu"), "ipv6" in addrs, iw),
                     extra_addresses=extra, **addrs)


MAX_EXTRA_ADDRESSES = 1024  # per interface


def _extra_addresses(value: Any, host: Host, net: str, prefixes: tuple, addrs: dict, seen_addr: dict[str, str],
                     iw: str) -> list[str]:
    """``extra_addresses = ["198.18.20.100-198.18.20.163", "2001:db8:20::100"]``: more addresses of
    this interface, each an address or a range FIRST-LAST, inside the network and of a family the
    interface has."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ScenarioError(f"{iw}: extra_addresses must be a list like [\"198.18.20.100-198.18.20.163\"]")
    out: list[str] = []
    for item in value:
        first, sep, last = item.strip().partition("-")
        try:
            a = ipaddress.ip_address(first.strip())
            b = ipaddress.ip_address(last.strip()) if sep else a
        except ValueError:
            raise ScenarioError(f"{iw}: extra_addresses: {item!r} is not an address or a range FIRST-LAST") from None
        if a.version != b.version or int(b) < int(a):
            raise ScenarioError(f"{iw}: extra_addresses: {item!r} is not a range of one family, first <= last")
        if f"ipv{a.version}" not in addrs:
            raise ScenarioError(f"{iw}: extra_addresses: {item!r} is IPv{a.version}, but the interface has no "
                                f"IPv{a.version} address of its own")
        if int(b) - int(a) + 1 + len(out) > MAX_EXTRA_ADDRESSES:
            raise ScenarioError(f"{iw}: more than {MAX_EXTRA_ADDRESSES} extra_addresses")
        for n in range(int(a), int(b) + 1):
            x = _address(str(ipaddress.ip_address(n)), a.version, net, prefixes[0 if a.version == 4 else 1], iw)
            if x in seen_addr:
                raise ScenarioError(f"{iw}: address {x} is already used by host {seen_addr[x]}")
            seen_addr[x] = host.name
            out.append(x)
    return out


def _mtu(v: Any, has_v6: bool, iw: str) -> int | None:
    if v is None:
        return None
    low, high = MTU_RANGE
    if isinstance(v, bool) or not isinstance(v, int) or not low <= v <= high:
        raise ScenarioError(f"{iw}: mtu must be a whole number of bytes, {low}..{high} (got {v!r})")
    if has_v6 and v < 1280:
        raise ScenarioError(f"{iw}: mtu = {v} is below 1280, the smallest MTU IPv6 allows on a link with an IPv6 address")
    return v


def _address(value: Any, fam: int, net: str, prefix, iw: str) -> str:
    try:
        a = ipaddress.ip_address(str(value))
    except ValueError as e:
        raise ScenarioError(f"{iw}: bad address {value!r}") from e
    allowed = ALLOWED_V4 if fam == 4 else ALLOWED_V6
    if a.version != fam or a not in allowed:
        raise ScenarioError(f"{iw}: address {a} is outside {allowed}; the sandbox only uses "
                            f"198.18.0.0/15 and 2001:db8::/32, never real addresses")
    if prefix is None or a not in prefix:
        raise ScenarioError(f"{iw}: address {a} is not inside network {net} ({prefix})")
    if a in (prefix.network_address, getattr(prefix, "broadcast_address", None)) and fam == 4:
        raise ScenarioError(f"{iw}: {a} is the network or broadcast address of {prefix}")
    return str(a)


def _services(services: Any, what: str) -> list[dict]:
    if not isinstance(services, list) or any(not isinstance(s, dict) or "type" not in s for s in services):
        raise ScenarioError(f"{what}: services must be a list of tables with a type, like [{{ type = \"nsd\" }}]")
    from netlab.sandbox.services import SERVICE_TYPES

    for s in services:
        if s["type"] not in SERVICE_TYPES:
            raise ScenarioError(f"{what}: unknown service type {s['type']!r} (known: {', '.join(sorted(SERVICE_TYPES))})")
    return [dict(s) for s in services]
