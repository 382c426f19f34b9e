"""Lab 12, NAT: the variant, the evidence, the checks (pure).

The lab runs in its own scenario, netlab/sandbox/data/nat.toml (six home networks behind NAT routers
of each RFC 4787 behaviour, a CGNAT, coturn with two addresses).  What differs between two students
(drawn from the student's seed):

- the UDP timeout of nat-port, the NAT in front of the default client (3, 4, 5 or 6 s), so R1's
  mapping lifetime and the seconds left in its conntrack rows differ;
- whether nat-addr, nat-sym and nat-adm hairpin (each on or off), so R2's hairpin answers differ;
- the mapping behaviour of the carrier's NAT (cgnat) in front of the home router: endpoint-
  independent, address-dependent or address-and-port-dependent.  Two NATs deep, the path's mapping
  is the most dependent of the two, so whether c-port reaches c-cgnat directly in R1 or needs the
  relay depends on the carrier, not on the home router the customer owns.

The behaviours' rules (who is let in, when hole punching works, what TURN and ICE do) are the lesson
and are checked against the student's own recordings; the mapped ports are the kernel's own random
choices in every run, so a neighbour's evidence is not the student's.  The golden variant (ID
``golden``) is nat.toml as packaged: nat-port's timeout 5 s, hairpin only on nat-full and nat-port
(and the home router), the CGNAT endpoint-independent.
"""

from __future__ import annotations

from netlab.i18n import catalogue, catalogue_file
from netlab.lab.base import Ctx, LabDef, NoEvidence, Run, Variant
from netlab.lab.common import YES_NO, ask, data, free, one, recorded
from netlab.lab.draft import ScenarioDraft
from netlab.lab.messages import M

TIMEOUTS = (3, 4, 5, 6)
HAIRPIN_ROUTERS = ("nat-addr", "nat-sym", "nat-adm")
CGNAT_MAPPINGS = ("endpoint-independent", "address-dependent", "address-and-port-dependent")
MAPPING = {"endpoint-independent": ("eim", "ei"), "address-dependent": ("adm", "ad"),
           "address-and-port-dependent": ("apdm", "apd", "symmetric")}
FILTERING = {"endpoint-independent": ("eif", "ei"), "address-dependent": ("adf", "ad"),
             "address-and-port-dependent": ("apdf", "apd")}
PATHS = {"direct": ("p2p", "직접"), "relay": ("turn", "relayed", "릴레이", "중계")}
CANDIDATES = {"host": (), "srflx": ("server-reflexive",), "prflx": ("peer-reflexive",), "relay": ("relayed",)}
CLASSIC = {"full-cone": ("full cone",), "restricted-cone": ("restricted cone", "address-restricted-cone"),
           "port-restricted-cone": ("port restricted cone",), "symmetric": (), "unknown": ("none", "-")}
CLIENTS = ("c-full", "c-addr", "c-sym", "c-adm", "c-cgnat")  # R2's clients
R1_PEERS = ("c-full", "c-addr", "c-sym", "c-adm", "c-cgnat")  # c-port punches to these in R1
R4_PEERS = ("c-port", "c-full", "c-addr", "c-adm", "c-cgnat")  # c-sym punches to these in R4


def _nat(d: ScenarioDraft, router: str) -> dict:
    return d.host(router)["nat"]


def _defaults() -> dict:
    d = ScenarioDraft(base="nat")
    return {"udp_timeout": _nat(d, "nat-port")["udp_timeout"],
            "hairpin": {r: bool(_nat(d, r).get("hairpin", False)) for r in HAIRPIN_ROUTERS},
            "cgnat_mapping": _nat(d, "cgnat")["mapping"]}


DEFAULTS = _defaults()


def draw(rng) -> dict:
    return {"udp_timeout": rng.choice(TIMEOUTS), "hairpin": {r: rng.choice((True, False)) for r in HAIRPIN_ROUTERS},
            "cgnat_mapping": rng.choice(CGNAT_MAPPINGS)}


def build(p: dict) -> ScenarioDraft:
    d = ScenarioDraft("lab-12", "lab 12 (NAT): a student's variant of the nat scenario", base="nat")
    _nat(d, "nat-port")["udp_timeout"] = p["udp_timeout"]
    for router, on in p["hairpin"].items():
        nat = _nat(d, router)
        if bool(nat.get("hairpin", False)) != bool(on):  # the golden variant stays the file as packaged
            nat["hairpin"] = bool(on)
    _nat(d, "cgnat")["mapping"] = p["cgnat_mapping"]
    return d


def _nat_run(**want):
    return recorded({"server": None, "port": 3478, "classic": False, "tcp": False, "from_host": None, "peers": None,
                     "punch": True}, **want)


N = "netlab --sandbox=$S nat"
RUNS = (
    Run("r1", "R1", "r1.rec.json", "nat", f"{N} --lifetime 8 --classic --markdown r1.md",
        _nat_run(classic=True, lifetime=8.0)),
    *(Run(f"r2-{c}", "R2", f"r2-{c}.rec.json", "nat",
          f"{N} --from {c} --no-punch --lifetime 0 --markdown r2-{c}.md",
          _nat_run(from_host=c, punch=False, lifetime=0.0)) for c in CLIENTS),
    Run("r4", "R4", "r4.rec.json", "nat", f"{N} --from c-sym --lifetime 0 --classic --markdown r4.md",
        _nat_run(from_host="c-sym", classic=True, lifetime=0.0)),
    Run("r6tcp", "R6", "r6-tcp.rec.json", "nat", f"{N} --from c-sym --tcp --markdown r6-tcp.md",
        _nat_run(from_host="c-sym", tcp=True)),
    Run("r6one", "R6", "r6-one.rec.json", "nat",
        f"{N} --server stun-one.lab.test --no-punch --lifetime 5 --classic --markdown r6-one.md",
        _nat_run(server="stun-one.lab.test", punch=False, lifetime=5.0, classic=True)),
)


def _missing(ctx: Ctx, run: str, part: str) -> NoEvidence:
    return NoEvidence(M.t("12.no-part", part=part, file=ctx.lab.run(run).file), run)


def _part(ctx: Ctx, run: str, part: str):
    got = data(ctx, run).get(part)
    if got in (None, {}, []):
        raise _missing(ctx, run, part)
    return got


def _verdict(ctx: Ctx, run: str, part: str) -> str:
    return _part(ctx, run, part).get("value") or ""


def _exchange(ctx: Ctx, run: str, test: str) -> dict:
    rows = [e for e in data(ctx, run).get("exchanges") or [] if e.get("test") == test]
    return one(rows, M.t("12.no-part", part=f"exchange {test}", file=ctx.lab.run(run).file), run)


def _mapped(ctx: Ctx, run: str, test: str) -> str:
    got = _exchange(ctx, run, test).get("mapped")
    if not got:
        raise _missing(ctx, run, f"{test} mapped address")
    return got


def _outbound_row(ctx: Ctx) -> dict:
    """The NAT's conntrack row of R1's unanswered datagram, seen right after it left."""
    local = _part(ctx, "r1", "outbound_only").get("local")
    rows = [e for snap in data(ctx, "r1").get("conntrack") or [] if snap.get("moment") == "outbound"
            for e in snap.get("entries") or [] if e.get("orig_src") == local]
    return one(rows, M.t("12.no-part", part="conntrack row 'outbound'", file="r1.rec.json"), "r1")


def _peer(ctx: Ctx, run: str, host: str) -> dict:
    rows = [p for p in data(ctx, run).get("peers") or [] if p.get("host") == host]
    return one(rows, M.t("12.no-part", part=f"peer {host}", file=ctx.lab.run(run).file), run)


def _path(ctx: Ctx, run: str, host: str) -> str:
    return "direct" if _peer(ctx, run, host).get("direct") == "ok" else "relay"


def _candidates(ctx: Ctx) -> list[dict]:
    return sorted(_part(ctx, "r1", "candidates"), key=lambda c: -int(c.get("priority") or 0))


def _yes(value) -> str:
    return "yes" if value else "no"


def _answered(ctx: Ctx, run: str, test: str) -> str:
    return _yes(_exchange(ctx, run, test).get("answered"))


def _hairpin(ctx: Ctx, run: str) -> str:
    return "yes" if _verdict(ctx, run, "hairpin") == "yes" else "no"


def _short(client: str) -> str:
    return client.removeprefix("c-")


def _questions():
    lo1, lo2, lo3, lo4, lo6 = "12.look.table", "12.look.mapping", "12.look.filtering", "12.look.r2", "12.look.p2p"
    mapping, filtering = dict(choices=MAPPING), dict(choices=FILTERING)
    maps = [ask(f"O2.{_short(c)}_map{i}", "text", lambda x, run=run, i=i: _mapped(x, run, f"map{i}"), (run,), lo2)
            for c, run in (("c-port", "r1"), ("c-sym", "r2-c-sym"), ("c-adm", "r2-c-adm")) for i in (1, 2, 3)]
    verdicts = [ask(f"O2.{_short(c)}_mapping", "choice", lambda x, run=run: _verdict(x, run, "mapping"), (run,), lo2,
                    **mapping) for c, run in (("c-port", "r1"), ("c-sym", "r2-c-sym"), ("c-adm", "r2-c-adm"))]
    r2 = []
    for c in CLIENTS:
        run = f"r2-{c}"
        r2 += [ask(f"O4.{_short(c)}_mapping", "choice", lambda x, run=run: _verdict(x, run, "mapping"), (run,), lo4,
                   **mapping),
               ask(f"O4.{_short(c)}_filtering", "choice", lambda x, run=run: _verdict(x, run, "filtering"), (run,),
                   lo4, **filtering),
               ask(f"O4.{_short(c)}_hairpin", "choice", lambda x, run=run: _hairpin(x, run), (run,), lo4,
                   choices=YES_NO)]
    return (
        *(free(f"P{i}") for i in range(1, 7)),
        ask("O1.outbound_flags", "text", lambda c: " ".join(_outbound_row(c).get("flags") or []) or "none", ("r1",),
            lo1),
        ask("O1.outbound_seconds_left", "float", lambda c: _outbound_row(c)["timeout_s"], ("r1",), lo1, unit="s",
            tol=(1.0, 0.0)),
        ask("O1.outbound_public", "text", lambda c: _part(c, "r1", "outbound_only")["conntrack_public"], ("r1",), lo1),
        ask("O1.stun_public", "text", lambda c: _part(c, "r1", "outbound_only")["stun_public"], ("r1",), lo1),
        *maps, *verdicts,
        ask("O3.filter2_answered", "choice", lambda c: _answered(c, "r1", "filter2"), ("r1",), lo3, choices=YES_NO),
        ask("O3.filter2_sent", "int", lambda c: _exchange(c, "r1", "filter2")["attempts"], ("r1",), lo3),
        ask("O3.filter3_answered", "choice", lambda c: _answered(c, "r1", "filter3"), ("r1",), lo3, choices=YES_NO),
        ask("O3.control2_answered", "choice", lambda c: _answered(c, "r1", "control2"), ("r1",), lo3, choices=YES_NO),
        ask("O3.port_filtering", "choice", lambda c: _verdict(c, "r1", "filtering"), ("r1",), lo3, **filtering),
        *r2,
        ask("O4.port_hairpin", "choice", lambda c: _hairpin(c, "r1"), ("r1",), lo4, choices=YES_NO),
        ask("O4.cgnat_carrier_mapping", "choice", lambda c: c.p["cgnat_mapping"], (), "12.look.cgnat", **mapping),
        ask("O5.last_alive_s", "float", lambda c: _part(c, "r1", "lifetime")["low_s"], ("r1",), "12.look.lifetime",
            unit="s", tol=(0.05, 0.0)),
        ask("O5.first_gone_s", "float", lambda c: _part(c, "r1", "lifetime")["high_s"], ("r1",), "12.look.lifetime",
            unit="s", tol=(0.05, 0.0)),
        ask("O5.configured_s", "int", lambda c: c.p["udp_timeout"], (), "12.look.lifetime", unit="s"),
        *(ask(f"O6.port_to_{_short(h)}", "choice", lambda c, h=h: _path(c, "r1", h), ("r1",), lo6, choices=PATHS)
          for h in R1_PEERS),
        *(ask(f"O6.sym_to_{_short(h)}", "choice", lambda c, h=h: _path(c, "r4", h), ("r4",), lo6, choices=PATHS)
          for h in R4_PEERS),
        ask("O6.sym_prflx_peers", "nameset", lambda c: [p["host"] for p in data(c, "r4").get("peers") or []
                                                        if p.get("direct") == "ok" and p.get("prflx")], ("r4",), lo6),
        ask("O6.sym_relayed", "text", lambda c: _part(c, "r4", "turn")["relayed"], ("r4",), lo6),
        ask("O6.port_seen_by_relay", "text",
            lambda c: _peer(c, "r4", "c-port").get("relay_detail", {}).get("peer_seen_as") or "none", ("r4",), lo6),
        ask("O7.first", "choice", lambda c: _candidates(c)[0]["type"], ("r1",), "12.look.ice", choices=CANDIDATES),
        ask("O7.last", "choice", lambda c: _candidates(c)[-1]["type"], ("r1",), "12.look.ice", choices=CANDIDATES),
        ask("O7.srflx_priority", "int", lambda c: one([x["priority"] for x in _candidates(c) if x["type"] == "srflx"],
                                                       M.t("12.no-part", part="srflx candidate", file="r1.rec.json"),
                                                       "r1"), ("r1",), "12.look.ice"),
        ask("O8.port_classic", "choice", lambda c: _part(c, "r1", "classic")["name"], ("r1",), "12.look.classic",
            choices=CLASSIC),
        ask("O8.port_classic_biased", "choice", lambda c: _part(c, "r1", "classic").get("biased") or "unknown", ("r1",),
            "12.look.classic", choices=CLASSIC),
        ask("O8.sym_classic", "choice", lambda c: _part(c, "r4", "classic")["name"], ("r4",), "12.look.classic",
            choices=CLASSIC),
        *(free(f"O9.{k}") for k in ("public_in_conntrack", "nft_rule")),
        ask("O10.tcp_mapping", "choice", lambda c: _verdict(c, "r6tcp", "mapping"), ("r6tcp",), "12.look.r6",
            **mapping),
        ask("O10.tcp_seconds_left", "float", lambda c: _tcp_seconds(c), ("r6tcp",), "12.look.r6", unit="s",
            tol=(60.0, 0.0)),
        ask("O10.one_public", "text", lambda c: _part(c, "r6one", "public"), ("r6one",), "12.look.r6"),
        ask("O10.one_other_address", "choice", lambda c: _yes(data(c, "r6one").get("other_address")), ("r6one",),
            "12.look.r6", choices=YES_NO),
        *(free(f"E{i}") for i in range(1, 8)),
    )


def _tcp_seconds(ctx: Ctx) -> float:
    rows = [e for snap in data(ctx, "r6tcp").get("conntrack") or [] if snap.get("moment") == "during"
            for e in snap.get("entries") or [] if e.get("proto") == "tcp"]
    return one(rows, M.t("12.no-part", part="conntrack rows 'during'", file="r6-tcp.rec.json"), "r6tcp")["timeout_s"]


def expected(v: Variant) -> list[tuple[str, object]]:
    p = v.params
    hair = [r for r, on in p["hairpin"].items() if on]
    direct = p["cgnat_mapping"] == "endpoint-independent"
    return [("R1", M.t("12.x.r1", timeout=p["udp_timeout"], last=p["udp_timeout"] - 1, cgnat=p["cgnat_mapping"],
                       path=M.t("12.x.direct" if direct else "12.x.relay"))),
            ("R2", M.t("12.x.r2", hairpin=", ".join(["nat-full", "nat-port", *hair]), cgnat=p["cgnat_mapping"])),
            ("R4", M.t("12.x.r4")), ("R6", M.t("12.x.r6"))]


catalogue_file("lab", __name__)

# the messages made by code (the others are in lab12.toml)
_Q: dict[str, tuple[str, str]] = {}
for _c in ("port", "sym", "adm"):
    for _i in (1, 2, 3):
        _Q[f"O2.{_c}_map{_i}"] = (f"O2. c-{_c}: map{_i}'s mapped address:port", f"O2. c-{_c}: map{_i}의 매핑 주소:포트")
    _Q[f"O2.{_c}_mapping"] = (f"O2. c-{_c}: the mapping verdict", f"O2. c-{_c}: 매핑 판정")
for _c in CLIENTS:
    _s = _short(_c)
    _Q[f"O4.{_s}_mapping"] = (f"O4 (R2). {_c}: mapping", f"O4 (R2). {_c}: 매핑")
    _Q[f"O4.{_s}_filtering"] = (f"O4 (R2). {_c}: filtering", f"O4 (R2). {_c}: 필터링")
    _Q[f"O4.{_s}_hairpin"] = (f"O4 (R2). {_c}: hairpin (yes/no)", f"O4 (R2). {_c}: 헤어핀(yes/no)")
for _h in R1_PEERS:
    _Q[f"O6.port_to_{_short(_h)}"] = (f"O6 (R1). c-port to {_h}: direct or relay",
                                     f"O6 (R1). c-port에서 {_h}로: direct 또는 relay")
for _h in R4_PEERS:
    _Q[f"O6.sym_to_{_short(_h)}"] = (f"O6 (R4). c-sym to {_h}: direct or relay",
                                    f"O6 (R4). c-sym에서 {_h}로: direct 또는 relay")
catalogue("lab", {f"12.q.{k}": v for k, v in _Q.items()})

QUESTIONS = _questions()

LAB = LabDef(number=12, slug="12-nat", minutes="60–75", probes=("nat", "turnutils", "conntrack", "nft"),
             defaults=DEFAULTS, draw=draw, build=build, runs=RUNS, questions=QUESTIONS, expected=expected,
             start_notes=lambda v: [M.t("12.start")])
