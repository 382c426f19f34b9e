"""NAT routers of the sandbox: a router host's ``nat`` setting, checked, and built with the kernel's own
NAT (nftables masquerade / snat and conntrack in the router's namespace).

A scenario gives a router::

    nat = { outside = "internet",                       # the network of its public side (the WAN)
            mapping = "endpoint-independent",           # | "address-dependent" | "address-and-port-dependent"
            filtering = "address-and-port-dependent",   # | "endpoint-independent" | "address-dependent"
            hairpin = false,                            # inside -> own public address -> inside
            udp_timeout = 30 }                          # seconds a UDP mapping lives after its last packet

The behaviours are RFC 4787's.  How each is built (IPv4; packets leaving by the outside interface are
translated to its address):

- mapping: endpoint-independent is ``masquerade`` (Linux keeps the inside port when it is free, and
  the same inside address:port gets the same public port for every destination); address-and-port-
  dependent is ``masquerade fully-random`` (a new random public port for every new destination
  address and port: the "symmetric" NAT); address-dependent is ``snat`` to a port hashed from the
  inside address, inside port and destination address (the same for every port of one destination).
- Every mapping the NAT made is also kept in a table of its own (nft map ``udp_mappings`` /
  ``tcp_mappings``: public port -> inside address . port), learnt from each translated packet on its
  way out, with the UDP timeout: this is what lets a packet from outside that is *not* a reply to a
  conntrack entry find the inside host.
- filtering: address-and-port-dependent is conntrack alone (only replies from the exact address and
  port the inside host sent to get in); address-dependent lets in a packet to a mapped port from any
  port of an address the inside host sent to from that port (nft set ``*_sent_to``); endpoint-
  independent lets in anything sent to a mapped port.  Anything else from outside is dropped
  silently, as NATs do.
- hairpin: a packet from inside to the NAT's own public address and a mapped port is sent back
  inside to the mapping's owner, its source translated to the sender's public address and port.
  (Filtering applies to packets from outside only.)  Without hairpinning such a packet is dropped.
- udp_timeout sets the namespace's conntrack UDP timeouts (``nf_conntrack_udp_timeout`` and
  ``..._stream``) and the timeout of the mapping table.  The conntrack table (`conntrack -L` inside
  the router, Debian package conntrack) shows every mapping with the seconds it has left.

Pure: parse() checks the setting, ruleset() writes the nft text, sysctls() the timeouts; the
supervisor loads them (apply()).
"""

from __future__ import annotations

from dataclasses import dataclass

from netlab.errors import ScenarioError

BEHAVIOURS = ("endpoint-independent", "address-dependent", "address-and-port-dependent")
SHORT = {"endpoint-independent": "EI", "address-dependent": "AD", "address-and-port-dependent": "APD"}
NAT_KEYS = ("outside", "mapping", "filtering", "hairpin", "udp_timeout")
DEFAULT_UDP_TIMEOUT = 30  # seconds: Linux's nf_conntrack_udp_timeout
TCP_TIMEOUT = 7440  # seconds a TCP mapping is kept in the NAT's own table (RFC 5382: at least 2 h 4 min)


@dataclass
class NatSpec:
    """A router's NAT (see the module docstring)."""

    outside: str  # network name of the public side
    mapping: str = "endpoint-independent"
    filtering: str = "address-and-port-dependent"
    hairpin: bool = False
    udp_timeout: int = DEFAULT_UDP_TIMEOUT

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in NAT_KEYS}


def parse(d, host, what: str) -> NatSpec | None:
    """The ``nat`` table of a host (None when it has none).  ``host`` is a scenario Host."""
    if d is None:
        return None
    if not isinstance(d, dict):
        raise ScenarioError(f"{what}: nat must be a table like {{ outside = \"internet\", mapping = "
                            f"\"endpoint-independent\", filtering = \"address-dependent\" }}")
    unknown = set(d) - set(NAT_KEYS)
    if unknown:
        raise ScenarioError(f"{what}: unknown nat setting(s) {', '.join(sorted(unknown))} (known: {', '.join(NAT_KEYS)})")
    if host.role != "router":
        raise ScenarioError(f"{what}: nat is for routers (role = \"router\"): only a router forwards, so only a "
                            f"router translates")
    outside = d.get("outside")
    itfs = [i for i in host.interfaces if i.network == outside]
    if not isinstance(outside, str) or not itfs:
        raise ScenarioError(f"{what}: nat.outside must name the network of one of its interfaces "
                            f"({', '.join(i.network for i in host.interfaces)}), the public side")
    if not itfs[0].ipv4:
        raise ScenarioError(f"{what}: nat.outside = {outside!r}: that interface needs an IPv4 address "
                            f"(the NAT translates IPv4 to it)")
    spec = NatSpec(outside=outside)
    for key in ("mapping", "filtering"):
        if key in d:
            if d[key] not in BEHAVIOURS:
                raise ScenarioError(f"{what}: nat.{key} must be one of {', '.join(BEHAVIOURS)} (got {d[key]!r})")
            setattr(spec, key, d[key])
    if "hairpin" in d:
        if not isinstance(d["hairpin"], bool):
            raise ScenarioError(f"{what}: nat.hairpin must be true or false")
        spec.hairpin = d["hairpin"]
    if "udp_timeout" in d:
        v = d["udp_timeout"]
        if isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= 3600:
            raise ScenarioError(f"{what}: nat.udp_timeout must be a whole number of seconds, 1..3600")
        spec.udp_timeout = v
    return spec


def outside_interface(host) -> tuple[int, str]:
    """(index of the outside interface, its IPv4 address)."""
    for j, i in enumerate(host.interfaces):
        if i.network == host.nat.outside:
            return j, i.ipv4
    raise ValueError(f"host {host.name}: no interface on {host.nat.outside}")


def ruleset(host) -> str:
    """The nftables ruleset of a NAT router (table ``ip netlab_nat``)."""
    spec: NatSpec = host.nat
    j, public = outside_interface(host)
    wan = f'"eth{j}"'
    timeouts = {"udp": spec.udp_timeout, "tcp": TCP_TIMEOUT}
    lines = ["# netlab NAT: mapping " + spec.mapping + ", filtering " + spec.filtering
             + f", hairpin {'on' if spec.hairpin else 'off'}, UDP timeout {spec.udp_timeout} s",
             "table ip netlab_nat {"]
    for proto, t in timeouts.items():
        lines += [f"  map {proto}_mappings {{",
                  "    type inet_service : ipv4_addr . inet_service",
                  f"    flags dynamic, timeout; timeout {t}s; size 65535",
                  "  }"]
        if spec.filtering == "address-dependent":
            lines += [f"  set {proto}_sent_to {{",
                      "    type inet_service . ipv4_addr",
                      f"    flags dynamic, timeout; timeout {t}s; size 65535",
                      "  }"]
    # inbound: packets from outside that are not replies (conntrack's reply direction is handled by
    # the kernel before this chain) find the inside host through the mapping table
    lines += ["  chain inbound {", "    type nat hook prerouting priority dstnat; policy accept;"]
    for proto in timeouts:
        to_mapped = f"dnat ip addr . port to {proto} dport map @{proto}_mappings"
        if spec.filtering == "endpoint-independent":
            lines.append(f"    iifname {wan} ip daddr {public} meta l4proto {proto} {to_mapped}")
        elif spec.filtering == "address-dependent":
            lines.append(f"    iifname {wan} ip daddr {public} {proto} dport . ip saddr @{proto}_sent_to {to_mapped}")
        if spec.hairpin:
            lines.append(f"    iifname != {wan} ip daddr {public} meta l4proto {proto} {to_mapped}")
    lines.append("  }")
    if spec.mapping == "endpoint-independent":
        translate = "masquerade"
    elif spec.mapping == "address-and-port-dependent":
        translate = "masquerade fully-random"
    else:
        translate = None
    lines += ["  chain outbound {", "    type nat hook postrouting priority srcnat; policy accept;"]
    if translate:
        lines.append(f"    oifname {wan} {translate}")
    else:
        for proto in timeouts:
            lines.append(f"    oifname {wan} meta l4proto {proto} snat ip to {public} : "
                         f"jhash ip saddr . {proto} sport . ip daddr mod 16384 offset 49152")
        lines.append(f"    oifname {wan} masquerade")
    if spec.hairpin:
        hair = "fully-random" if spec.mapping == "address-and-port-dependent" else ""
        lines.append(f"    iifname != {wan} oifname != {wan} ct status dnat snat ip to {public} {hair}".rstrip())
    lines.append("  }")
    # learning, after the translation: the packet's source port is the public port now
    lines += ["  chain learn {", "    type filter hook postrouting priority srcnat + 10; policy accept;"]
    for proto in timeouts:
        lines.append(f"    oifname {wan} ct direction original meta l4proto {proto} update @{proto}_mappings "
                     f"{{ {proto} sport : ct original ip saddr . ct original proto-src }}")
        lines.append(f"    oifname {wan} ct direction reply meta l4proto {proto} update @{proto}_mappings "
                     f"{{ {proto} sport : ct reply ip saddr . ct reply proto-src }}")
        if spec.filtering == "address-dependent":
            lines.append(f"    oifname {wan} meta l4proto {proto} update @{proto}_sent_to {{ {proto} sport . ip daddr }}")
    lines.append("  }")
    # what found no inside host is dropped, silently (a NAT does not answer for its inside hosts);
    # without hairpinning, so is a packet from inside to the public address
    lines += ["  chain unmatched {", "    type filter hook input priority filter; policy accept;",
              f"    iifname {wan} ct state new,invalid meta l4proto {{ udp, tcp }} drop"]
    if not spec.hairpin:
        lines.append(f"    iifname != {wan} ip daddr {public} meta l4proto {{ udp, tcp }} drop")
    lines += ["  }", "}"]
    return "\n".join(lines) + "\n"


def sysctls(host) -> dict[str, str]:
    """The conntrack timeouts of the router's namespace."""
    t = str(host.nat.udp_timeout)
    return {"net.netfilter.nf_conntrack_udp_timeout": t, "net.netfilter.nf_conntrack_udp_timeout_stream": t}


def describe(host) -> dict | None:
    """What the sandbox built, for the sandbox's description (info.json): the probe shows it beside
    what it measured."""
    if getattr(host, "nat", None) is None:
        return None
    _, public = outside_interface(host)
    return {**host.nat.to_dict(), "public": public}


def apply(sc, files) -> None:
    """Load every NAT router's ruleset and timeouts (the supervisor's step)."""
    from netlab.sandbox import netns

    hosts = [h for h in sc.hosts if getattr(h, "nat", None) is not None]
    if not hosts:
        return
    nft = netns.require_tool("nft", "nftables", f"the nat setting of host {hosts[0].name}")
    cmds, pre = [], []
    for h in hosts:
        with netns.in_netns(h.name):
            for key, value in sysctls(h).items():
                netns.write_sysctl(key, value)
        path = files.ip_dir / f"{h.name}.nat.nft"
        path.parent.mkdir(exist_ok=True)
        path.write_text(ruleset(h))
        cmds.append([nft, "-f", str(path)])
        pre.append(netns.netns_preexec(h.name))
    netns.run_parallel(cmds, what="loading the NAT rules (nft -f)", preexec=pre)
