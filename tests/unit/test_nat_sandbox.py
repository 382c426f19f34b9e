"""The sandbox's NAT routers, pure: the scenario's ``nat`` setting checked, the nftables ruleset of each
behaviour, the conntrack timeouts, the NAT scenario and the coturn service's command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from netlab.errors import ScenarioError
from netlab.sandbox import natrules, scenario

NAT_TOML = Path(natrules.__file__).resolve().parent / "data" / "nat.toml"

BASE = """
[[networks]]
name = "internet"
ipv4 = "198.18.60.0/24"
[[networks]]
name = "lan"
ipv4 = "198.19.61.0/24"
[[hosts]]
name = "c"
role = "client"
interfaces = [{{ network = "lan", ipv4 = "198.19.61.10" }}]
[[hosts]]
name = "nat"
role = "{role}"
{nat}
interfaces = [{{ network = "lan", ipv4 = "198.19.61.1" }}, {{ network = "internet", ipv4 = "198.18.60.31" }}]
"""


def load(nat: str, role: str = "router"):
    return scenario.loads(BASE.format(nat=nat, role=role))


def router(nat: str):
    return load(nat).host("nat")


def test_the_nat_scenario_has_one_router_of_each_behaviour():
    sc = scenario.load(NAT_TOML)
    nats = {h.name: h.nat for h in sc.hosts if h.nat}
    pairs = {(n.mapping, n.filtering) for n in nats.values()}
    EI, AD, APD = natrules.BEHAVIOURS
    assert {(EI, EI), (EI, AD), (EI, APD), (APD, APD), (AD, APD)} <= pairs
    assert {n.hairpin for n in nats.values()} == {True, False}
    assert min(n.udp_timeout for n in nats.values()) < 30  # the short timeout
    assert nats["home"].outside == "carrier" and nats["cgnat"].outside == "internet"  # two levels
    every = [a for h in sc.hosts for a in h.addresses] + [a for h in sc.hosts for i in h.interfaces for a in i.extra_addresses]
    assert all(a.startswith(("198.18.", "198.19.")) for a in every)
    assert sc.client.name == "c-port"
    assert sc.to_dict()["hosts"][[h.name for h in sc.hosts].index("nat-sym")]["nat"]["mapping"] == APD


@pytest.mark.parametrize("nat, why", [
    ('nat = { outside = "nowhere" }', "nat.outside must name"),
    ('nat = { outside = "internet", mapping = "symmetric" }', "nat.mapping must be one of"),
    ('nat = { outside = "internet", filtering = "full-cone" }', "nat.filtering must be one of"),
    ('nat = { outside = "internet", hairpin = "yes" }', "hairpin must be true or false"),
    ('nat = { outside = "internet", udp_timeout = 0 }', "udp_timeout"),
    ('nat = { outside = "internet", udp_timeout = 1.5 }', "udp_timeout"),
    ('nat = { outside = "internet", colour = "red" }', "unknown nat setting"),
    ('nat = "yes"', "nat must be a table"),
])
def test_bad_nat_settings_are_refused_with_the_reason(nat, why):
    with pytest.raises(ScenarioError, match=why):
        load(nat)


def test_only_a_router_translates():
    with pytest.raises(ScenarioError, match="nat is for routers"):
        load('nat = { outside = "internet" }', role="server")


def test_defaults_are_linux_masquerade():
    spec = router('nat = { outside = "internet" }').nat
    assert (spec.mapping, spec.filtering, spec.hairpin, spec.udp_timeout) == (
        "endpoint-independent", "address-and-port-dependent", False, 30)


def test_ruleset_per_behaviour():
    h = router('nat = { outside = "internet", mapping = "endpoint-independent", filtering = "endpoint-independent", '
               'hairpin = true, udp_timeout = 7 }')
    rs = natrules.ruleset(h)
    assert 'oifname "eth1" masquerade' in rs and "fully-random" not in rs
    assert 'iifname "eth1" ip daddr 198.18.60.31 meta l4proto udp dnat ip addr . port to udp dport map @udp_mappings' in rs
    assert "timeout 7s" in rs and "_sent_to" not in rs
    assert 'iifname != "eth1" ip daddr 198.18.60.31 meta l4proto udp dnat' in rs  # hairpin in
    assert "ct status dnat snat ip to 198.18.60.31" in rs  # hairpin: the sender's public address
    assert natrules.sysctls(h) == {"net.netfilter.nf_conntrack_udp_timeout": "7",
                                   "net.netfilter.nf_conntrack_udp_timeout_stream": "7"}

    rs = natrules.ruleset(router('nat = { outside = "internet", filtering = "address-dependent" }'))
    assert "udp dport . ip saddr @udp_sent_to dnat" in rs and "update @udp_sent_to { udp sport . ip daddr }" in rs
    assert 'iifname != "eth1" ip daddr 198.18.60.31 meta l4proto { udp, tcp } drop' in rs  # no hairpin

    rs = natrules.ruleset(router('nat = { outside = "internet" }'))
    assert "dnat" not in rs.split("chain inbound")[1].split("}")[0]  # APDF: conntrack alone lets replies in

    rs = natrules.ruleset(router('nat = { outside = "internet", mapping = "address-and-port-dependent" }'))
    assert "masquerade fully-random" in rs

    rs = natrules.ruleset(router('nat = { outside = "internet", mapping = "address-dependent" }'))
    assert "snat ip to 198.18.60.31 : jhash ip saddr . udp sport . ip daddr" in rs  # not the port: per address


def test_every_ruleset_learns_the_mappings_it_made():
    for m in natrules.BEHAVIOURS:
        for f in natrules.BEHAVIOURS:
            rs = natrules.ruleset(router(f'nat = {{ outside = "internet", mapping = "{m}", filtering = "{f}" }}'))
            assert "update @udp_mappings { udp sport : ct original ip saddr . ct original proto-src }" in rs
            assert rs.count("{") == rs.count("}")


def test_describe_for_the_probe():
    d = natrules.describe(router('nat = { outside = "internet", filtering = "address-dependent" }'))
    assert d["public"] == "198.18.60.31" and d["filtering"] == "address-dependent"
    assert natrules.describe(scenario.load(NAT_TOML).host("stun")) is None


def test_coturn_service_listens_on_two_addresses_and_two_ports(tmp_path):
    from netlab.sandbox.services import SERVICE_TYPES, ServiceContext
    from netlab.sandbox.services.stun import coturn

    assert SERVICE_TYPES["coturn"] == "netlab.sandbox.services.stun:coturn"
    sc = scenario.load(NAT_TOML)
    ctx = ServiceContext(scenario=sc, state_dir=tmp_path, data_dir=tmp_path)
    (proc,) = coturn(ctx, sc.host("stun"), {"type": "coturn"})
    argv = proc.argv
    assert argv[0] == "turnserver" and argv.count("--listening-ip") == 2
    assert "--alt-listening-port" in argv and "--no-rfc5780" not in argv
    assert all(str(tmp_path) in argv[argv.index(k) + 1] for k in ("--userdb", "--pidfile"))  # nothing outside
    (one,) = coturn(ctx, sc.host("stun-one"), {"type": "coturn", "addresses": 1})
    assert one.argv.count("--listening-ip") == 1 and "--no-rfc5780" in one.argv
    with pytest.raises(ScenarioError, match="second IPv4 address"):
        coturn(ctx, sc.host("stun-one"), {"type": "coturn"})
