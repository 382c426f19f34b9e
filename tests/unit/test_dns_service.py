"""Configuration that the sandbox's DNS services generate, checked by the servers' own checkers
(nsd-checkconf, unbound-checkconf) and for the facts the sandbox relies on."""

from __future__ import annotations

import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from netlab.errors import MissingTool, SandboxError
from netlab.sandbox import scenario as scenario_mod
from netlab.sandbox.services import ServiceContext, dns

DATA = Path(dns.__file__).resolve().parents[1] / "data"


def _load_default():
    if hasattr(scenario_mod, "load"):
        return scenario_mod.load(DATA / "default.toml")
    # the loader is not there yet: build the dataclasses directly
    t = tomllib.loads((DATA / "default.toml").read_text(encoding="utf-8"))
    hosts = [
        scenario_mod.Host(
            name=h["name"],
            role=h["role"],
            fqdn=h.get("fqdn"),
            interfaces=[
                scenario_mod.Interface(network=i["network"], ipv4=i.get("ipv4"), ipv6=i.get("ipv6"))
                for i in h["interfaces"]
            ],
            services=h.get("services", []),
        )
        for h in t["hosts"]
    ]
    return scenario_mod.Scenario(name="default", hosts=hosts)


SCENARIO = _load_default()


def _tool(name: str) -> str:
    path = shutil.which(name) or shutil.which(name, path="/usr/sbin")
    if not path:
        pytest.skip(f"{name} not installed")
    return path


@pytest.fixture
def ctx(tmp_path):
    return ServiceContext(scenario=SCENARIO, state_dir=tmp_path, data_dir=DATA)


def _nsd_hosts():
    return [(h, s) for h in SCENARIO.hosts for s in h.services if s.get("type") == "nsd"]


@pytest.mark.parametrize(("host", "spec"), _nsd_hosts(), ids=lambda x: getattr(x, "name", ""))
def test_nsd_config_is_accepted_by_nsd_checkconf(ctx, host, spec):
    if not shutil.which("nsd") and not shutil.which("nsd", path="/usr/sbin"):
        pytest.skip("nsd not installed")
    procs = dns.nsd(ctx, host, spec)
    assert len(procs) == 1
    p = procs[0]
    conf = Path(p.argv[p.argv.index("-c") + 1])
    r = subprocess.run([_tool("nsd-checkconf"), str(conf)], capture_output=True, text=True, timeout=30)
    assert r.returncode == 0, r.stdout + r.stderr
    # exactly this host's zones, each from an existing file
    zones = subprocess.run(
        [_tool("nsd-checkconf"), "-o", "zones", str(conf)], capture_output=True, text=True, timeout=30
    ).stdout.split()
    assert sorted(z.rstrip(".") or "." for z in zones) == sorted(z.rstrip(".") or "." for z in spec["zones"])
    text = conf.read_text()
    assert 'username: ""' in text and 'chroot: ""' in text and 'database: ""' in text
    for addr in host.addresses if hasattr(host, "addresses") else [host.ipv4, host.ipv6]:
        assert f"ip-address: {addr.split('/')[0]}" in text
    assert p.argv[1] == "-d"  # foreground: a child of the supervisor
    assert {(kind, port) for kind, _a, port in p.ready} == {("udp-dns", 53)}
    assert str(Path(p.log_path).parent) == str(ctx.state_dir / host.name)


def test_unbound_config_is_accepted_and_has_the_sandbox_roots(ctx):
    if not shutil.which("unbound") and not shutil.which("unbound", path="/usr/sbin"):
        pytest.skip("unbound not installed")
    resolver = SCENARIO.host("resolver")
    (p,) = dns.unbound(ctx, resolver, {"type": "unbound"})
    conf = Path(p.argv[p.argv.index("-c") + 1])
    r = subprocess.run([_tool("unbound-checkconf"), str(conf)], capture_output=True, text=True, timeout=30)
    assert r.returncode == 0, r.stdout + r.stderr
    text = conf.read_text()
    assert 'module-config: "iterator"' in text
    assert "trust-anchor" not in text.replace("trust-anchor-signaling", "")
    assert 'local-zone: "test." nodefault' in text
    assert "do-daemonize: no" in text
    assert "access-control: 198.18.0.0/15 allow" in text and "access-control: 2001:db8::/32 allow" in text
    assert "interface: 198.18.0.53" in text and "interface: 2001:db8::53" in text
    hints = (ctx.state_dir / "resolver" / "root.hints").read_text()
    for letter, last in (("a", 4), ("b", 5), ("c", 6)):
        assert f".\t3600000\tIN\tNS\t{letter}.root-servers.net." in hints
        assert f"{letter}.root-servers.net.\t3600000\tIN\tA\t198.18.1.{last}" in hints
        assert f"{letter}.root-servers.net.\t3600000\tIN\tAAAA\t2001:db8:1::{last}" in hints
    assert len([ln for ln in hints.splitlines() if "\tNS\t" in ln]) == 3


def test_root_servers_lists_the_roots():
    roots = dns.root_servers(SCENARIO)
    assert [r["name"] for r in roots] == ["a.root-servers.net.", "b.root-servers.net.", "c.root-servers.net."]
    assert roots[0]["ipv4"] == "198.18.1.4" and roots[0]["ipv6"] == "2001:db8:1::4"


def test_missing_zone_file_names_the_zone(ctx):
    host = SCENARIO.host("ns1-lab")
    with pytest.raises(SandboxError, match="no-such.test"):
        dns.nsd(ctx, host, {"type": "nsd", "zones": ["no-such.test"]})


def test_zone_dir_of_the_scenario_comes_first(ctx, tmp_path):
    zd = tmp_path / "myzones"
    zd.mkdir()
    (zd / "lab.test.zone").write_text("; mine\n")
    host = SCENARIO.host("ns1-lab")
    assert dns.find_zone_file(ctx, "lab.test", {"zone_dir": str(zd)}) == (zd / "lab.test.zone").resolve()
    assert dns.find_zone_file(ctx, ".", {}) == (DATA / "zones" / "root.zone").resolve()
    assert host.name == "ns1-lab"


def test_missing_nsd_says_which_package(ctx, monkeypatch):
    monkeypatch.setattr(dns.shutil, "which", lambda *a, **k: None)
    with pytest.raises(MissingTool) as e:
        dns.nsd(ctx, SCENARIO.host("a-root"), {"type": "nsd", "zones": ["."]})
    assert "apt-get install nsd" in e.value.hint


def test_no_root_server_is_a_scenario_problem():
    empty = scenario_mod.Scenario(name="x", hosts=[])
    with pytest.raises(SandboxError, match="no root server"):
        dns.root_hints_text(empty)
