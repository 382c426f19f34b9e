"""Service types of the load-balancing sandbox (netlab/sandbox/data/lb.toml, netlab lb).

``lbbackend``  a web backend (netlab.sandbox.services.lbbackend) that names itself in every answer:
    ``{ type = "lbbackend", tls_names = ["lb.test"], garbage = false }``: port 80, and 443 with
    TLS (a certificate for the host's fqdn and ``tls_names``, for the balancer's TLS passthrough).

``haproxy``  HAProxy (Debian package haproxy) in front of them:
    ``{ type = "haproxy", servers = ["web1", ...], weights = { web1 = 4 },
        check = { inter_ms = 500, fall = 3, rise = 2 },
        hosts = { "api.lb.test" = ["web1", "web2"], "empty.lb.test" = ["web1:81"] },
        paths = { "/static/" = ["web3", "web4"] } }``
    Frontends: :80 HTTP (L7) and :443 HTTPS (TLS ends at the balancer), :8080 TCP (L4) and :8443 TCP
    passing TLS through to the backends' port 443; :8404 the statistics page (``/stats``, ``;csv``).
    One pool (HAProxy "backend") per balancing algorithm and mode (``http_leastconn``, ``tcp_source``, ...);
    which one serves is a runtime switch: the map ``algorithm.map`` (``http ALGO`` and ``tcp ALGO``),
    changed with the runtime API (``set map``).  Active health checks (HTTP ``GET /health`` every
    inter_ms; ``fall`` failures mark a server DOWN, ``rise`` successes UP again) run once per server,
    in the pool ``checks``; every other pool's servers ``track`` them.  ``hosts`` and ``paths`` are
    L7 routing rules (a pool per Host header or path prefix); a server written ``web1:81`` is that
    host on another port (nothing listens there: a pool with no server alive).
    The runtime API (the "stats socket", level admin) is a UNIX socket in the host's directory,
    reachable from every host of the sandbox through the file system and from nowhere else.

``keepalived``  VRRP (Debian package keepalived) sharing a virtual address between balancers:
    ``{ type = "keepalived", vip = "198.18.20.80", network = "front", priority = 150,
        router_id = 51, advert_int = 1 }``

Each haproxy writes ``balancer.json`` in its host's directory: what the probe needs to find a
balancer from an address and to read and drive it (BALANCER_FILE below).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from netlab.errors import ScenarioError
from netlab.sandbox.services import ServiceProcess

BALANCER_FILE = "balancer.json"  # <state>/<lb host>/balancer.json: the probe's description of a balancer
SOCKET_FILE = "haproxy.sock"
MAP_FILE = "algorithm.map"
DESCRIPTOR_VERSION = 1

# algorithm -> (HAProxy balance line, hash-type line or None, modes it exists in)
ALGORITHMS: dict[str, tuple[str, str | None, tuple[str, ...]]] = {
    "roundrobin": ("roundrobin", None, ("http", "tcp", "tls")),
    "weighted": ("roundrobin", None, ("http", "tcp", "tls")),
    "leastconn": ("leastconn", None, ("http", "tcp", "tls")),
    "source": ("source", "map-based", ("http", "tcp", "tls")),
    "consistent": ("source", "consistent", ("http", "tcp", "tls")),
    "uri": ("uri", "map-based", ("http",)),
    "sticky": ("roundrobin", None, ("http",)),
}
DEFAULT_ALGORITHM = "roundrobin"
STICKY_COOKIE = "NETLAB_SRV"
# frontends: port -> (frontend name, mode, the map key that picks its algorithm, TLS)
FRONTENDS: dict[int, tuple[str, str, str, str]] = {
    80: ("fe_http", "http", "http", "none"),
    443: ("fe_http", "http", "http", "terminated"),
    8080: ("fe_tcp", "tcp", "tcp", "none"),
    8443: ("fe_tls", "tls", "tcp", "passthrough"),
}
STATS_PORT = 8404


# ------------------------------------------------------------------------------------ lbbackend


def lbbackend(ctx, host, spec: dict) -> list[ServiceProcess]:
    d = ctx.host_dir(host)
    addrs = [a for a in (host.ipv4, host.ipv6) if a]
    garbage = bool(spec.get("garbage", False))
    name = str(spec.get("name") or host.name)
    argv = [sys.executable, "-m", "netlab.sandbox.services.lbbackend", "--name", name, "--dir", str(d)]
    for a in addrs:
        argv += ["--bind", a]
    ready = [("tcp", a, 80) for a in addrs]
    if not garbage:
        from netlab.sandbox import pki

        names = [n for n in [host.fqdn or f"{host.name}.lb.test", *list(spec.get("tls_names") or [])] if n]
        _, files = pki.ensure(ctx.state_dir, {names[0]: (names, "ecdsa")})
        leaf = files[names[0]]
        argv += ["--tls-port", "443", "--cert", str(leaf.fullchain), "--key", str(leaf.key)]
        ready += [("tcp", a, 443) for a in addrs]
    else:
        argv.append("--garbage")
    return [ServiceProcess(name=f"lbbackend@{host.name}", argv=argv, log_path=str(d / "lbbackend.log"),
                           cwd=str(d), ready=ready)]


# ------------------------------------------------------------------------------------ haproxy


def _server_address(sc, lb_host, name: str) -> str:
    """The address of host ``name`` on a network that the balancer is on too."""
    try:
        target = sc.host(name)
    except KeyError:
        raise ScenarioError(f"host {lb_host.name}: haproxy server {name!r} is not a host of the scenario") from None
    nets = {i.network for i in lb_host.interfaces}
    for itf in target.interfaces:
        if itf.network in nets and itf.ipv4:
            return itf.ipv4
    raise ScenarioError(f"host {lb_host.name}: haproxy server {name} shares no IPv4 network with it")


def _parse_server(text: str) -> tuple[str, int | None]:
    name, _, port = str(text).partition(":")
    if port and not (port.isdigit() and 0 < int(port) < 65536):
        raise ScenarioError(f"haproxy server {text!r}: the port after ':' must be 1-65535")
    return name, int(port) if port else None


def _check_spec(spec: dict, where: str) -> dict:
    chk = dict(spec.get("check") or {})
    out = {"inter_ms": 500, "fall": 3, "rise": 2}
    for k in list(chk):
        if k not in out:
            raise ScenarioError(f"{where}: unknown check setting {k!r} (inter_ms, fall, rise)")
        v = chk[k]
        if isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= (60000 if k == "inter_ms" else 100):
            raise ScenarioError(f"{where}: check.{k} must be a positive whole number")
        out[k] = v
    return out


def plan(sc, host, spec: dict, lb_dir: Path, state_dir: Path) -> dict:
    """Everything the config and the descriptor are made of (pure: from the scenario and the spec)."""
    where = f"host {host.name}: haproxy"
    servers = [str(s) for s in spec.get("servers") or []]
    if not servers:
        raise ScenarioError(f"{where} needs servers = [\"web1\", ...]")
    weights = {str(k): v for k, v in (spec.get("weights") or {}).items()}
    for k, v in weights.items():
        if k not in servers or isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= 256:
            raise ScenarioError(f"{where}: weights.{k} must be a server's weight, 0-256")
    check = _check_spec(spec, where)
    srv = {}
    for s in servers:
        srv[s] = {"host": s, "address": _server_address(sc, host, s), "port": 80, "tls_port": 443,
                  "weight": weights.get(s, 1), "dir": str(state_dir / s)}
    routes = []
    for kind in ("hosts", "paths"):
        for match, members in (spec.get(kind) or {}).items():
            if not isinstance(members, list):
                raise ScenarioError(f"{where}: {kind}.{match} must be a list of servers")
            pool = ("host_" if kind == "hosts" else "path_") + "".join(
                c if c.isalnum() else "_" for c in str(match).strip("/").split(".")[0])
            ms = []
            for m in members:
                name, port = _parse_server(m)
                entry = {"name": name if port is None else f"{name}-{port}", "host": name,
                         "address": _server_address(sc, host, name), "port": port or 80,
                         "tracked": name in srv and port is None}
                ms.append(entry)
            routes.append({"kind": kind[:-1], "match": str(match).lower(), "pool": pool, "servers": ms})
    vrrp = next((s for s in host.services if s.get("type") == "keepalived"), None)
    peers = []
    if vrrp:
        for h in sc.hosts:
            for s in h.services:
                if s.get("type") == "keepalived" and s.get("vip") == vrrp.get("vip"):
                    peers.append({"host": h.name, "priority": int(s.get("priority", 100)),
                                  "address": next((i.ipv4 for i in h.interfaces if i.network == s.get("network")), h.ipv4),
                                  "interface": f"eth{_itf_index(h, s.get('network'))}"})
    return {
        "version": DESCRIPTOR_VERSION,
        "name": host.name,
        "fqdn": host.fqdn,
        "addresses": [a for i in host.interfaces for a in (i.ipv4, i.ipv6) if a],
        "socket": str(lb_dir / SOCKET_FILE),
        "map": str(lb_dir / MAP_FILE),
        "default_algorithm": DEFAULT_ALGORITHM,
        "algorithms": {a: list(v[2]) for a, v in ALGORITHMS.items()},
        "frontends": {str(p): {"name": f[0], "mode": f[1], "map_key": f[2], "tls": f[3]} for p, f in FRONTENDS.items()},
        "stats_port": STATS_PORT,
        "check": check,
        "servers": srv,
        "routes": routes,
        "sticky_cookie": STICKY_COOKIE,
        "vrrp": None if not vrrp else {
            "vip": vrrp.get("vip"), "router_id": int(vrrp.get("router_id", 51)),
            "advert_int": float(vrrp.get("advert_int", 1)), "peers": peers,
        },
        "tls_pem": str(lb_dir / "lb.pem"),
        "log": str(lb_dir / "haproxy.log"),
    }


def _itf_index(h, network) -> int:
    for j, itf in enumerate(h.interfaces):
        if itf.network == network:
            return j
    return 0


def haproxy_config(p: dict) -> str:
    """haproxy.cfg for a plan() (pure)."""
    return "\n".join(_global(p) + _frontends(p) + _pools(p)) + "\n"


def _global(p: dict) -> list[str]:
    return [
        "# made by netlab (netlab/sandbox/services/lb.py): the sandbox's load balancer",
        "global",
        "    nbthread 1",
        f"    stats socket {p['socket']} mode 600 level admin",
        "    log stdout format raw local0 info",
        "    tune.ssl.default-dh-param 2048",
        "",
        "defaults",
        "    mode http",
        "    log global",
        "    timeout connect 1s",
        "    timeout client 30s",
        "    timeout server 30s",
        "    timeout check 1s",
        "    retries 2",
        "    option redispatch 1",
        "",
    ]


def _frontends(p: dict) -> list[str]:
    pick = f"str(%s),map({p['map']},{p['default_algorithm']})"
    L = [
        "frontend fe_http",
        "    bind :80",
        f"    bind :443 ssl crt {p['tls_pem']}",
        "    mode http",
        "    option httplog",
        "    option forwardfor",
        f"    http-request set-header X-Balancer {p['name']}",
        f"    http-request set-var(txn.algo) {pick % 'http'}",
    ]
    for r in p["routes"]:
        if r["kind"] == "host":
            L.append(f"    use_backend {r['pool']} if {{ req.hdr(host),field(1,:),lower -m str {r['match']} }}")
    for r in p["routes"]:
        if r["kind"] == "path":
            L.append(f"    use_backend {r['pool']} if {{ path_beg {r['match']} }}")
    L += ["    use_backend http_%[var(txn.algo)]",
          f"    http-after-response set-header X-Balancer {p['name']}",
          "    http-after-response set-header X-Balancer-Pool %b", ""]
    for name, port, prefix in (("fe_tcp", 8080, "tcp"), ("fe_tls", 8443, "tls")):
        L += [f"frontend {name}", f"    bind :{port}", "    mode tcp", "    option tcplog",
              f"    tcp-request content set-var(txn.algo) {pick % 'tcp'}", f"    use_backend {prefix}_%[var(txn.algo)]", ""]
    L += ["frontend stats", f"    bind :{p['stats_port']}", "    mode http", "    stats enable", "    stats uri /stats",
          "    stats show-legends", ""]
    return L


def _pools(p: dict) -> list[str]:
    chk, srv = p["check"], p["servers"]
    check = f"check inter {chk['inter_ms']} fall {chk['fall']} rise {chk['rise']}"
    L = ["# the active health checks, once per server; every other pool's servers track these",
         "backend checks", "    mode http", "    option httpchk GET /health", "    http-check expect status 200"]
    L += [f"    server {name} {s['address']}:{s['port']} {check}" for name, s in srv.items()]
    for algo, (balance, hash_type, modes) in ALGORITHMS.items():
        for mode in modes:
            L += ["", f"backend {mode}_{algo}", f"    mode {'http' if mode == 'http' else 'tcp'}", f"    balance {balance}"]
            if hash_type:
                L.append(f"    hash-type {hash_type}")
            if algo == "sticky":
                L.append(f"    cookie {STICKY_COOKIE} insert indirect nocache")
            for name, s in srv.items():
                port = s["port"] if mode != "tls" else s["tls_port"]
                weight = s["weight"] if algo == "weighted" else 1
                extra = f" cookie {name}" if algo == "sticky" else ""
                L.append(f"    server {name} {s['address']}:{port} weight {weight} track checks/{name}{extra}")
    for r in p["routes"]:
        L += ["", f"backend {r['pool']}", "    mode http", "    balance roundrobin"]
        for s in r["servers"]:
            how = f"track checks/{s['host']}" if s["tracked"] else check
            L.append(f"    server {s['name']} {s['address']}:{s['port']} {how}")
    return L


def haproxy(ctx, host, spec: dict) -> list[ServiceProcess]:
    from netlab.sandbox import pki

    d = ctx.host_dir(host)
    p = plan(ctx.scenario, host, spec, d, Path(ctx.state_dir))
    names = sorted({n for n in ["lb.test", host.fqdn or "", *[r["match"] for r in p["routes"] if r["kind"] == "host"],
                                *[f"{x.name}.lb.test" for x in ctx.scenario.hosts if x.services and
                                  any(s.get("type") == "haproxy" for s in x.services)]] if n})
    names.remove("lb.test")
    names.insert(0, "lb.test")
    _, files = pki.ensure(ctx.state_dir, {"lb.test": (names, "ecdsa")})
    leaf = files["lb.test"]
    Path(p["tls_pem"]).write_text(leaf.fullchain.read_text() + leaf.key.read_text())
    Path(p["map"]).write_text(f"http {DEFAULT_ALGORITHM}\ntcp {DEFAULT_ALGORITHM}\n")
    conf = d / "haproxy.cfg"
    conf.write_text(haproxy_config(p))
    (d / BALANCER_FILE).write_text(json.dumps(p, indent=1) + "\n")
    addrs = [a for a in p["addresses"] if ":" not in a]
    return [ServiceProcess(name=f"haproxy@{host.name}", argv=["haproxy", "-db", "-f", str(conf)],
                           log_path=p["log"], cwd=str(d), ready=[("tcp", a, 80) for a in addrs])]


# ------------------------------------------------------------------------------------ keepalived


def keepalived_config(host_name: str, interface: str, vip: str, prefixlen: int, priority: int, router_id: int,
                      advert_int: float, master: bool = False) -> str:
    return "\n".join([
        "# made by netlab (netlab/sandbox/services/lb.py): VRRP between the sandbox's balancers",
        "global_defs {",
        f"    router_id {host_name}",
        "    vrrp_garp_master_repeat 5",
        "    vrrp_garp_lower_prio_repeat 5",
        "}",
        "",
        "vrrp_instance VIP {",
        f"    state {'MASTER' if master else 'BACKUP'}",
        f"    interface {interface}",
        f"    virtual_router_id {router_id}",
        f"    priority {priority}",
        f"    advert_int {advert_int:g}",
        "    virtual_ipaddress {",
        f"        {vip}/{prefixlen} dev {interface}",
        "    }",
        "}",
    ]) + "\n"


def keepalived(ctx, host, spec: dict) -> list[ServiceProcess]:
    import ipaddress

    where = f"host {host.name}: keepalived"
    vip = spec.get("vip")
    network = spec.get("network")
    try:
        a = ipaddress.ip_address(str(vip))
    except ValueError:
        raise ScenarioError(f"{where}: vip = {vip!r} is not an address") from None
    j = next((k for k, i in enumerate(host.interfaces) if i.network == network), None)
    if j is None:
        raise ScenarioError(f"{where}: network = {network!r} is not one of the host's networks")
    net = ctx.scenario.network(network)
    prefix = ipaddress.ip_network(net.ipv4 if a.version == 4 else net.ipv6)
    if a not in prefix:
        raise ScenarioError(f"{where}: the vip {a} is not inside network {network} ({prefix})")
    priority = spec.get("priority", 100)
    router_id = spec.get("router_id", 51)
    advert = spec.get("advert_int", 1)
    if isinstance(priority, bool) or not isinstance(priority, int) or not 1 <= priority <= 254:
        raise ScenarioError(f"{where}: priority must be 1-254")
    if isinstance(router_id, bool) or not isinstance(router_id, int) or not 1 <= router_id <= 255:
        raise ScenarioError(f"{where}: router_id must be 1-255")
    if isinstance(advert, bool) or not isinstance(advert, int | float) or not 0.1 <= advert <= 60:
        raise ScenarioError(f"{where}: advert_int must be 0.1-60 seconds")
    d = ctx.host_dir(host)
    conf = d / "keepalived.conf"
    # the highest priority starts as MASTER (no 3 x advert_int wait at start-up); the rest as BACKUP
    others = [s.get("priority", 100) for h in ctx.scenario.hosts if h is not host for s in h.services
              if s.get("type") == "keepalived" and s.get("vip") == vip]
    master = all(priority > o for o in others)
    conf.write_text(keepalived_config(host.name, f"eth{j}", str(a), prefix.prefixlen, priority, router_id, advert,
                                      master=master))
    argv = ["keepalived", "--dont-fork", "--log-console", "--log-detail", "--no-syslog", "--vrrp",
            "-f", str(conf), "-p", str(d / "keepalived.pid"), "-r", str(d / "keepalived-vrrp.pid")]
    # ready when the virtual address answers (on whichever balancer holds it)
    return [ServiceProcess(name=f"keepalived@{host.name}", argv=argv, log_path=str(d / "keepalived.log"), cwd=str(d),
                           ready=[("tcp", str(a), 80)])]
