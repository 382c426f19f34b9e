"""Lab 07, layers and the path of a packet: the variant, the evidence, the checks (pure).

What differs between two students (drawn from the student's seed), all on the longer path of the
default scenario (client -> router -> isp-edge -> isp-metro -> [backbone] -> core-router -> far,
core-router -> vpn-gw -> [tunnel] -> vpn-end -> blackhole):

- the one-way delays of the access, metro, backbone and tunnel links, so every hop's RTT differs;
- which router forwards but never sends Time Exceeded (isp-edge, isp-metro or core-router): the
  silent TTL is 2, 3 or 4;
- the backbone's MTU (1400-1480: the frag-needed's MTU, the path MTU to far, TCP's MSS after
  path-MTU discovery, what tracepath reports) and the tunnel's MTU (1280-1360: the black hole's
  path MTU found by netlab's size search).

The golden variant (ID ``golden``) is the default scenario: isp-metro silent (TTL 3), backbone MTU
1400, tunnel MTU 1280, far.lab.test 24 ms away.
"""

from __future__ import annotations

from netlab.i18n import catalogue_file
from netlab.lab.base import Ctx, LabDef, NoEvidence, Run, Variant
from netlab.lab.common import YES_NO, ask, data, free, one
from netlab.lab.draft import ScenarioDraft
from netlab.lab.messages import M

# (host, network): the interface whose link carries the delay
LINKS = {"access": ("router", "access"), "metro": ("isp-edge", "metro"), "backbone": ("isp-metro", "backbone"),
         "tunnel": ("vpn-gw", "tunnel")}
DELAYS = {"access": (1.0, 1.5, 2.0, 2.5, 3.0), "metro": (2.0, 3.0, 4.0, 5.0), "backbone": (4.0, 5.0, 6.0, 7.0, 8.0, 9.0),
          "tunnel": (2.0, 3.0, 4.0, 5.0, 6.0)}
SILENT = ("isp-edge", "isp-metro", "core-router")  # TTL 2, 3, 4 from the client
SILENT_TTL = {"isp-edge": 2, "isp-metro": 3, "core-router": 4}
BACKBONE_MTUS = (1400, 1420, 1440, 1460, 1480)
TUNNEL_MTUS = (1280, 1300, 1320, 1340, 1360)
FAR = ("far.lab.test", "198.19.32.80", "2001:db8:132::80")
HOLE = ("blackhole.lab.test", "198.19.49.80", "2001:db8:149::80")
TCPLAB = ("tcp.lab.test", "198.18.1.110", "2001:db8:1::110")
GATEWAY = "198.18.0.1"
FRAG_SOURCE = "198.19.2.2"  # isp-metro, on the metro side: the router in front of the backbone


def _itf(d: ScenarioDraft, host: str, network: str) -> dict:
    return next(i for i in d.host(host)["interfaces"] if i["network"] == network)


def _defaults() -> dict:
    d = ScenarioDraft()
    silent = next(h for h in SILENT if (d.host(h).get("icmp") or {}).get("time_exceeded") is False)
    return {"delays": {k: float(_itf(d, h, n).get("link", {}).get("delay_ms", 0)) for k, (h, n) in LINKS.items()},
            "silent": silent, "backbone_mtu": int(_itf(d, "isp-metro", "backbone")["mtu"]),
            "tunnel_mtu": int(_itf(d, "vpn-gw", "tunnel")["mtu"])}


DEFAULTS = _defaults()


def draw(rng) -> dict:
    return {"delays": {k: rng.choice(v) for k, v in DELAYS.items()}, "silent": rng.choice(SILENT),
            "backbone_mtu": rng.choice(BACKBONE_MTUS), "tunnel_mtu": rng.choice(TUNNEL_MTUS)}


def build(p: dict) -> ScenarioDraft:
    d = ScenarioDraft("lab-07", "lab 07 (layers and the path of a packet): a student's variant of the default scenario")
    for key, (host, network) in LINKS.items():
        _itf(d, host, network).setdefault("link", {})["delay_ms"] = float(p["delays"][key])
    for host in SILENT:
        icmp = dict(d.host(host).get("icmp") or {})
        icmp.pop("time_exceeded", None)
        if host == p["silent"]:
            icmp["time_exceeded"] = False
        if icmp:
            d.host(host)["icmp"] = icmp
        else:
            d.host(host).pop("icmp", None)
    _itf(d, "isp-metro", "backbone")["mtu"] = int(p["backbone_mtu"])
    _itf(d, "core-router", "backbone")["mtu"] = int(p["backbone_mtu"])
    _itf(d, "vpn-gw", "tunnel")["mtu"] = int(p["tunnel_mtu"])
    _itf(d, "vpn-end", "tunnel")["mtu"] = int(p["tunnel_mtu"])
    return d


# ------------------------------------------------------------------------------------ evidence


def _host(params: dict) -> str:
    return str(params.get("host", "")).lower().strip("[]").rstrip(".")


def _path(names: tuple[str, ...], protocol: str, mtu: bool = False, port: int | None = None):
    def matches(params: dict) -> bool:
        if _host(params) not in names or params.get("protocol") != protocol:
            return False
        if bool(params.get("mtu_discovery")) != mtu:
            return False
        return port is None or params.get("port") == port
    return matches


def _layers(params: dict) -> bool:
    return (params.get("source") == "capture" and params.get("kind") == "tcp" and _host(params) in FAR
            and params.get("port") == 80 and params.get("family") == 4)


L, P = "netlab --sandbox=$S layers", "netlab --sandbox=$S path"
RUNS = (
    Run("r1", "R1", "r1.rec.json", "layers", f"{L} --capture tcp far.lab.test:80 -4 --markdown r1.md", _layers),
    Run("r2", "R2", "r2.rec.json", "path", f"{P} far.lab.test -v --markdown r2.md", _path(FAR, "udp")),
    Run("r3a", "R3", "r3a.rec.json", "path", f"{P} far.lab.test --protocol icmp", _path(FAR, "icmp")),
    Run("r3b", "R3", "r3b.rec.json", "path", f"{P} far.lab.test --protocol tcp --port 443",
        _path(FAR, "tcp", port=443)),
    Run("r4a", "R4", "r4a.rec.json", "path", f"{P} tcp.lab.test --protocol tcp --port 82",
        _path(TCPLAB, "tcp", port=82)),
    Run("r4b", "R4", "r4b.rec.json", "path", f"{P} tcp.lab.test --protocol icmp", _path(TCPLAB, "icmp")),
    Run("r5a", "R5", "r5a.rec.json", "path", f"{P} far.lab.test --mtu-discovery -v --markdown r5a.md",
        _path(FAR, "udp", mtu=True)),
    Run("r5b", "R5", "r5b.rec.json", "path", f"{P} blackhole.lab.test --mtu-discovery -v --markdown r5b.md",
        _path(HOLE, "udp", mtu=True)),
    Run("r6", "R6", "r6.rec.json", "path", f"{P} 198.19.99.99", _path(("198.19.99.99",), "udp")),
)


def _layer(ctx: Ctx, proto: str) -> dict:
    return one([x for x in data(ctx, "r1").get("layers") or [] if x.get("proto") == proto],
               M.t("07.no-layer", layer=proto), "r1")


def _hop(ctx: Ctx, run: str, pred, what: str) -> dict:
    return one([h for h in data(ctx, run).get("hops") or [] if pred(h)], M.t("07.no-hop", what=what,
               file=ctx.lab.run(run).file), run)


def _silent_ttl(ctx: Ctx) -> int:
    return _hop(ctx, "r2", lambda h: h.get("status") == "silent", "silent")["ttl"]


def _dest_rtt(ctx: Ctx, run: str = "r2") -> float:
    hop = _hop(ctx, run, lambda h: h.get("status") == "destination", "destination")
    rtts = sorted(r["rtt_ms"] for r in hop.get("replies") or [] if r.get("rtt_ms") is not None)
    if not rtts:
        raise NoEvidence(M.t("07.no-hop", what="destination", file=ctx.lab.run(run).file), run)
    return rtts[len(rtts) // 2]


def _first_hop(ctx: Ctx) -> dict:
    return _section(data(ctx, "r2").get("first_hop"), "first hop", ctx, "r2")


def _frame(ctx: Ctx, point: str, outbound: bool) -> dict:
    """The probe (outbound) or its answer (not) at a capture point, as r2 shows them."""
    frames = [f for f in data(ctx, "r2").get("frames") or [] if f.get("point") == point]
    res = data(ctx, "r2")
    ours = [f for f in frames if (f.get("dst_ip") == res.get("address")) == outbound]
    return one(ours, M.t("07.no-section", section="one packet at two points", file="r2.rec.json"), "r2")


def _routers(ctx: Ctx, run: str) -> list:
    return [tuple(h.get("addresses") or ()) for h in data(ctx, run).get("hops") or [] if h.get("status") == "router"]


def _same_routers(ctx: Ctx) -> str:
    """Did UDP, ICMP and TCP see the same routers at the same TTLs?"""
    return "yes" if _routers(ctx, "r2") == _routers(ctx, "r3a") == _routers(ctx, "r3b") else "no"


def _reached(ctx: Ctx, run: str) -> str:
    return "yes" if data(ctx, run).get("reached") else "no"


def _section(found, section: str, ctx: Ctx, run: str) -> dict:
    """``found``, a part of the Result of ``run``; NoEvidence naming ``section`` when it is missing."""
    if not found:
        raise NoEvidence(M.t("07.no-section", section=section, file=ctx.lab.run(run).file), run)
    return found


def _mtu(ctx: Ctx, run: str) -> dict:
    return _section(data(ctx, run).get("mtu"), "path MTU", ctx, run)


def _too_big(ctx: Ctx) -> dict:
    return one([s for s in _mtu(ctx, "r5a").get("steps") or [] if s.get("outcome") == "too-big"],
               M.t("07.no-section", section="frag-needed", file="r5a.rec.json"), "r5a")


def _announced(ctx: Ctx) -> dict:
    return one(_mtu(ctx, "r5a").get("announced") or [],
               M.t("07.no-section", section="frag-needed", file="r5a.rec.json"), "r5a")


def _upload(ctx: Ctx, run: str) -> dict:
    return _section(_mtu(ctx, run).get("upload"), "TCP upload", ctx, run)


def _unreachable(ctx: Ctx) -> dict:
    hop = _hop(ctx, "r6", lambda h: h.get("status") == "unreachable", "unreachable")
    reply = one([r for r in hop.get("replies") or [] if r.get("kind") == "unreachable"],
                M.t("07.no-hop", what="unreachable", file="r6.rec.json"), "r6")
    return {"ttl": hop["ttl"], "source": reply.get("source"), "code": reply.get("code")}


ROUTES = {"default": ("default route", "0.0.0.0/0", "기본 경로", "default via 198.18.0.1"),
          "198.18.0.0/24": ("the lan", "lan", "198.18.0.0/24 dev eth0")}
OWNERS = {"gateway": ("router", "the router", "the gateway", "198.18.0.1", "게이트웨이", "라우터"),
          "server": ("far", "far.lab.test", "198.19.32.80", "the server", "서버")}
OUTCOMES = {"acked": ("acknowledged", "all acked", "확인됨"), "stalled": ("stall", "stuck", "멈춤")}


def _route(ctx: Ctx) -> str:
    chosen = _first_hop(ctx).get("chosen") or {}
    dst = str(chosen.get("dst", ""))
    return "default" if dst in ("default", "0.0.0.0/0") else f"{dst}/{chosen.get('prefixlen')}" if "/" not in dst \
        else dst


def _owner(ctx: Ctx) -> str:
    mac = str(_layer_field(ctx, 0, "dst")).lower()
    return "gateway" if mac == str(_first_hop(ctx).get("neighbour_mac") or "").lower() else "server"


def _layer_field(ctx: Ctx, layer: int, name: str):
    return one([f.get("value") for f in data(ctx, "r1").get("fields") or []
                if f.get("layer") == layer and f.get("path") == name],
               M.t("07.no-layer", layer=f"{layer}.{name}"), "r1")


def _questions():
    r1, r2, look1, look2 = ("r1",), ("r2",), "07.look.r1", "07.look.r2"
    hops3 = ("r2", "r3a", "r3b")
    return (
        *(free(f"P{i}") for i in range(1, 8)),
        ask("O1.eth_header", "int", lambda c: _layer(c, "eth")["header_len"], r1, look1, unit="bytes"),
        ask("O1.ip_header", "int", lambda c: _layer(c, "ipv4")["header_len"], r1, look1, unit="bytes"),
        ask("O1.tcp_header", "int", lambda c: _layer(c, "tcp")["header_len"], r1, look1, unit="bytes"),
        ask("O1.frame_len", "int", lambda c: data(c, "r1")["frame_len"], r1, look1, unit="bytes"),
        ask("O1.tcp_pdu", "text", lambda c: _layer(c, "tcp")["pdu"], r1, look1),
        ask("O2.dst_mac", "text", lambda c: _layer_field(c, 0, "dst"), r1, look1),
        ask("O2.dst_mac_owner", "choice", _owner, ("r1", "r2"), look1, choices=OWNERS),
        ask("O3.hops", "int", lambda c: data(c, "r2")["dest_ttl"], r2, look2),
        ask("O3.silent_ttl", "int", _silent_ttl, r2, look2),
        ask("O3.silent_router", "choice", lambda c: c.p["silent"], (), "07.look.silent",
            choices={h: () for h in SILENT}),
        ask("O3.far_rtt_ms", "float", _dest_rtt, r2, look2, unit="ms", tol=(1.0, 0.05)),
        ask("O3.status_rtt_ms", "float", lambda c: build(c.p).rtt_ms("far"), (), "07.look.status", unit="ms",
            tol=(0.5, 0.0)),
        ask("O3.traceroute_same", "choice", lambda c: "yes", (), "07.look.traceroute", choices=YES_NO),
        ask("O4.route", "choice", _route, r2, "07.look.first-hop", choices=ROUTES),
        ask("O4.gateway", "text", lambda c: _first_hop(c)["next_hop"], r2, "07.look.first-hop"),
        ask("O4.arp_target", "text", lambda c: _first_hop(c)["asked_target"], r2, "07.look.first-hop"),
        ask("O4.gateway_mac", "text", lambda c: _first_hop(c)["answered_mac"] or _first_hop(c)["neighbour_mac"], r2,
            "07.look.first-hop"),
        ask("O4.neighbour_state", "text", lambda c: _first_hop(c)["neighbour_state"], r2, "07.look.first-hop"),
        ask("O5.ttl_sent", "int", lambda c: _frame(c, "client", True)["ttl"], r2, "07.look.two-points"),
        ask("O5.ttl_arrived", "int", lambda c: _frame(c, "destination", True)["ttl"], r2, "07.look.two-points"),
        ask("O5.routers", "int", lambda c: _frame(c, "client", True)["ttl"] - _frame(c, "destination", True)["ttl"],
            r2, "07.look.two-points"),
        ask("O5.ips_same", "choice", lambda c: "yes" if (_frame(c, "client", True)["src_ip"],
                                                         _frame(c, "client", True)["dst_ip"]) ==
            (_frame(c, "destination", True)["src_ip"], _frame(c, "destination", True)["dst_ip"]) else "no", r2,
            "07.look.two-points", choices=YES_NO),
        ask("O5.macs_same", "choice", lambda c: "yes" if _frame(c, "client", True)["dst_mac"] ==
            _frame(c, "destination", True)["dst_mac"] else "no", r2, "07.look.two-points", choices=YES_NO),
        ask("O5.reply_ttl_arrived", "int", lambda c: _frame(c, "client", False)["ttl"], r2, "07.look.two-points"),
        ask("O6.same_routers", "choice", _same_routers, hops3, "07.look.r3", choices=YES_NO),
        ask("O6.tcp82_reached", "choice", lambda c: _reached(c, "r4a"), ("r4a",), "07.look.r4", choices=YES_NO),
        ask("O6.icmp_reached", "choice", lambda c: _reached(c, "r4b"), ("r4b",), "07.look.r4", choices=YES_NO),
        ask("O7.refused_size", "int", lambda c: _too_big(c)["size"], ("r5a",), "07.look.r5a", unit="bytes"),
        ask("O7.announced_mtu", "int", lambda c: _announced(c)["mtu"], ("r5a",), "07.look.r5a", unit="bytes"),
        ask("O7.frag_source", "text", lambda c: _announced(c)["source"], ("r5a",), "07.look.r5a"),
        ask("O7.frag_ttl", "int", lambda c: _announced(c)["hop"], ("r5a",), "07.look.r5a"),
        ask("O7.path_mtu", "int", lambda c: _mtu(c, "r5a")["path_mtu"], ("r5a",), "07.look.r5a", unit="bytes"),
        ask("O7.mss_before", "int", lambda c: _upload(c, "r5a")["mss_start"], ("r5a",), "07.look.r5a", unit="bytes"),
        ask("O7.mss_after", "int", lambda c: _upload(c, "r5a")["mss_end"], ("r5a",), "07.look.r5a", unit="bytes"),
        ask("O8.path_mtu", "int", lambda c: _mtu(c, "r5b")["path_mtu"], ("r5b",), "07.look.r5b", unit="bytes"),
        ask("O8.largest_silent", "int", lambda c: _mtu(c, "r5b")["largest_silent"], ("r5b",), "07.look.r5b",
            unit="bytes"),
        ask("O8.upload", "choice", lambda c: _upload(c, "r5b")["outcome"], ("r5b",), "07.look.r5b", choices=OUTCOMES),
        ask("O8.acked_bytes", "int", lambda c: _upload(c, "r5b")["acked_bytes"], ("r5b",), "07.look.r5b",
            unit="bytes"),
        ask("O8.tracepath_pmtu", "int", lambda c: c.p["backbone_mtu"], (), "07.look.tracepath", unit="bytes"),
        ask("O9.unreachable_from", "text", lambda c: _unreachable(c)["source"], ("r6",), "07.look.r6"),
        ask("O9.unreachable_ttl", "int", lambda c: _unreachable(c)["ttl"], ("r6",), "07.look.r6"),
        ask("O9.mark", "text", lambda c: _unreachable(c)["code"], ("r6",), "07.look.r6"),
        *(free(f"E{i}") for i in range(1, 8)),
        ask("E7.mss", "int", lambda c: c.p["backbone_mtu"] - 40, (), "07.look.arithmetic", unit="bytes"),
        *(free(f"E{i}") for i in range(8, 10)),
    )


# ------------------------------------------------------------------------------------ the instructor's view


def expected(v: Variant) -> list[tuple[str, object]]:
    p = v.params
    rtt = build(p).scenario().rtt_ms()
    bb, tn = p["backbone_mtu"], p["tunnel_mtu"]
    return [
        ("RTT", M.t("07.x.rtt", edge=f"{rtt['isp-edge']:.0f}", metro=f"{rtt['isp-metro']:.0f}",
                    core=f"{rtt['core-router']:.0f}", far=f"{rtt['far']:.0f}", hole=f"{rtt['blackhole']:.0f}")),
        ("R1", M.t("07.x.r1")),
        ("R2", M.t("07.x.r2", silent=p["silent"], ttl=SILENT_TTL[p["silent"]], far=f"{rtt['far']:.0f}")),
        ("R3-4", M.t("07.x.r34")),
        ("R5", M.t("07.x.r5", bb=bb, mss=bb - 52, tn=tn, silent=tn + 1)),
        ("R6", M.t("07.x.r6")),
    ]


catalogue_file("lab", __name__)

QUESTIONS = _questions()

LAB = LabDef(number=7, slug="07-layers-path", minutes="60", probes=("layers", "path", "traceroute", "tracepath"),
             defaults=DEFAULTS, draw=draw, build=build, runs=RUNS, questions=QUESTIONS, expected=expected,
             start_notes=lambda v: [M.t("07.start")])
