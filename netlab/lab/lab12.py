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

from netlab.i18n import catalogue
from netlab.lab.base import Ctx, LabDef, NoEvidence, Run, Variant
from netlab.lab.common import YES_NO, ask, data, free, one
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
    def matches(params: dict) -> bool:
        base = {"server": None, "port": 3478, "classic": False, "tcp": False, "from_host": None, "peers": None,
                "punch": True}
        base.update(want)
        return all(params.get(k) == v for k, v in base.items())
    return matches


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


catalogue("lab", {
    "12.title": ("NAT: mapping, filtering, hole punching, STUN, TURN and ICE",
                 "NAT: 매핑, 필터링, 홀 펀칭, STUN, TURN, ICE"),
    "12.concepts": ("RFC 4787 mapping and filtering, the conntrack table, STUN (XOR-MAPPED-ADDRESS, CHANGE-REQUEST), "
                    "mapping lifetime and keepalives, hairpinning, hole punching, TURN relays, ICE candidates, "
                    "CGNAT, the RFC 3489 names",
                    "RFC 4787 매핑과 필터링, conntrack 테이블, STUN(XOR-MAPPED-ADDRESS, CHANGE-REQUEST), 매핑 수명과 "
                    "keepalive, 헤어핀, 홀 펀칭, TURN 릴레이, ICE 후보, CGNAT, RFC 3489의 이름"),
    "12.start": ("Your sandbox is a variant of the nat scenario: nat-port's UDP timeout, which of nat-addr, nat-sym "
                 "and nat-adm hairpin, and the carrier NAT's mapping are your own. R1, R2, R4 and R6 save the "
                 "evidence (--save ...rec.json) that lab check reads.",
                 "내 샌드박스는 nat 시나리오의 변형입니다. nat-port의 UDP 타임아웃, nat-addr·nat-sym·nat-adm 중 헤어핀을 "
                 "하는 라우터, 통신사 NAT의 매핑이 나만의 값입니다. R1, R2, R4, R6이 lab check가 읽는 증거를 저장합니다"
                 "(--save ...rec.json)."),
    "12.no-part": ("{file} has no {part}", "{file}에 {part} 항목이 없습니다"),
    "12.look.table": ("r1.md, The NAT's own table: the row after one unanswered datagram (flags, seconds left, "
                      "translation) and the finding beside it",
                      "r1.md의 NAT의 테이블: 응답 없는 데이터그램 하나 뒤의 행(플래그, 남은 초, 변환)과 옆의 finding"),
    "12.look.mapping": ("r1.md / r2-c-sym.md / r2-c-adm.md, Mapping: map1, map2, map3 and the verdict",
                        "r1.md / r2-c-sym.md / r2-c-adm.md의 매핑: map1, map2, map3과 판정"),
    "12.look.filtering": ("r1.md, Filtering: filter2, filter3, control2 (answered, sent) and the verdict",
                          "r1.md의 필터링: filter2, filter3, control2(응답 여부, 보낸 횟수)와 판정"),
    "12.look.r2": ("r2-c-*.md: the mapping, filtering and hairpin verdicts", "r2-c-*.md의 매핑, 필터링, 헤어핀 판정"),
    "12.look.cgnat": ("r2-c-cgnat.md, Addresses: the NAT path, the carrier's router (cgnat) and its mapping",
                      "r2-c-cgnat.md의 주소: NAT 경로, 통신사 라우터(cgnat)와 그 매핑"),
    "12.look.lifetime": ("r1.md, Mapping lifetime: the last check alive, the first gone; Addresses, the NAT's "
                         "configured timeout",
                         "r1.md의 매핑 수명: 마지막으로 살아 있던 확인과 처음 사라진 확인. 주소 항목의 NAT 설정 타임아웃"),
    "12.look.p2p": ("r1.md / r4.md, Peer to peer: the direct column, the peer-reflexive addresses, the relay's "
                    "addresses",
                    "r1.md / r4.md의 P2P: direct 열, 피어 반사 주소, 릴레이의 주소"),
    "12.look.ice": ("r1.md, ICE candidates: types and priorities", "r1.md의 ICE 후보: 종류와 우선순위"),
    "12.look.classic": ("r1.md / r4.md, RFC 3489: the classic name and the biased test",
                        "r1.md / r4.md의 RFC 3489: 옛 이름과 치우친 테스트"),
    "12.look.r6": ("r6-tcp.md (mapping, the conntrack rows) and r6-one.md (addresses, skipped tests)",
                   "r6-tcp.md(매핑, conntrack 행)와 r6-one.md(주소, 건너뛴 테스트)"),
    "12.x.direct": ("direct", "직접 연결"),
    "12.x.relay": ("the relay (TURN)", "릴레이(TURN)"),
    "12.x.r1": ("nat-port (EIM + APDF, UDP timeout {timeout} s): the same public port for map1-map3, filter2 and "
                "filter3 unanswered while control2 and control3 are; the unanswered datagram's row is UNREPLIED with "
                "about {last} s left and already holds the public port STUN reports; the lifetime's last live check "
                "about {last} s, the first dead one {timeout} s; hole punching direct to c-full, c-addr, relay to "
                "c-sym and c-adm; to c-cgnat (carrier NAT {cgnat}): {path}; candidates host > srflx > relay; "
                "classic name port-restricted-cone, the biased test says full-cone",
                "nat-port(EIM + APDF, UDP 타임아웃 {timeout}초): map1-map3의 공개 포트가 같고, filter2와 filter3은 응답이 "
                "없으며 control2와 control3은 응답이 있음. 응답 없는 데이터그램의 행은 UNREPLIED이고 약 {last}초가 남았으며 "
                "이미 STUN이 알려 주는 공개 포트를 가짐. 수명 확인은 약 {last}초까지 살아 있고 {timeout}초에 처음 사라짐. "
                "홀 펀칭: c-full, c-addr는 직접, c-sym, c-adm는 릴레이. c-cgnat(통신사 NAT {cgnat})로는 {path}. 후보 "
                "host > srflx > relay. 옛 이름 port-restricted-cone, 치우친 테스트는 full-cone"),
    "12.x.r2": ("c-full EIM + EIF, c-addr EIM + ADF, c-sym APDM + APDF, c-adm ADM + APDF; hairpinning: {hairpin}; "
                "c-cgnat: the carrier's NAT ({cgnat}) and the home router (EIM + APDF) together",
                "c-full EIM + EIF, c-addr EIM + ADF, c-sym APDM + APDF, c-adm ADM + APDF. 헤어핀: {hairpin}. c-cgnat: "
                "통신사 NAT({cgnat})와 집 라우터(EIM + APDF)를 합친 것"),
    "12.x.r4": ("from c-sym: direct to c-full and c-addr through a peer-reflexive address (a port neither side "
                "learnt from STUN), the relay to c-port, c-adm and c-cgnat; classic name symmetric",
                "c-sym에서: c-full과 c-addr에는 피어 반사 주소(어느 쪽도 STUN으로 알지 못한 포트)를 통해 직접, c-port, "
                "c-adm, c-cgnat에는 릴레이. 옛 이름 symmetric"),
    "12.x.r6": ("TCP from c-sym: a new public port per destination, conntrack rows ESTABLISHED with about five days "
                "left; stun-one: no OTHER-ADDRESS, so the mapping, filtering and classic tests are skipped",
                "c-sym에서 TCP: 목적지마다 새 공개 포트, conntrack 행은 ESTABLISHED이고 약 5일이 남음. stun-one: "
                "OTHER-ADDRESS가 없어 매핑, 필터링, 옛 이름 테스트를 건너뜀"),
})

_Q = {
    "O1.outbound_flags": ("O1 (R1). The flags of the row after one unanswered datagram",
                          "O1 (R1). 응답 없는 데이터그램 하나 뒤 행의 플래그"),
    "O1.outbound_seconds_left": ("O1 (R1). Its seconds left", "O1 (R1). 그 행의 남은 초"),
    "O1.outbound_public": ("O1 (R1). Its translation: the public address:port", "O1 (R1). 그 행의 변환: 공개 주소:포트"),
    "O1.stun_public": ("O1 (R1). The public address:port STUN reported for the same socket",
                       "O1 (R1). 같은 소켓에 대해 STUN이 알려 준 공개 주소:포트"),
    "O3.filter2_answered": ("O3 (R1). Was filter2 answered? (yes/no)", "O3 (R1). filter2에 응답이 왔나요? (yes/no)"),
    "O3.filter2_sent": ("O3 (R1). How many times was filter2 sent?", "O3 (R1). filter2를 보낸 횟수"),
    "O3.filter3_answered": ("O3 (R1). Was filter3 answered? (yes/no)", "O3 (R1). filter3에 응답이 왔나요? (yes/no)"),
    "O3.control2_answered": ("O3 (R1). Was control2 answered? (yes/no)", "O3 (R1). control2에 응답이 왔나요? (yes/no)"),
    "O3.port_filtering": ("O3 (R1). nat-port's filtering verdict", "O3 (R1). nat-port의 필터링 판정"),
    "O4.port_hairpin": ("O4 (R1). Does nat-port hairpin? (yes/no)", "O4 (R1). nat-port가 헤어핀을 하나요? (yes/no)"),
    "O4.cgnat_carrier_mapping": ("O4 (R2, c-cgnat). The mapping of the carrier's NAT (cgnat) alone",
                                 "O4 (R2, c-cgnat). 통신사 NAT(cgnat)만의 매핑"),
    "O5.last_alive_s": ("O5 (R1). The last check where the mapping was alive, in s",
                        "O5 (R1). 매핑이 살아 있던 마지막 확인(초)"),
    "O5.first_gone_s": ("O5 (R1). The first check where it was gone, in s", "O5 (R1). 매핑이 처음 사라진 확인(초)"),
    "O5.configured_s": ("O5 (R1). nat-port's configured UDP timeout, in s", "O5 (R1). nat-port에 설정된 UDP 타임아웃(초)"),
    "O6.sym_prflx_peers": ("O6 (R4). The peers reached through a peer-reflexive address (none if none)",
                           "O6 (R4). 피어 반사 주소로 닿은 피어(없으면 none)"),
    "O6.sym_relayed": ("O6 (R4). The relayed address (XOR-RELAYED-ADDRESS)", "O6 (R4). 릴레이 주소(XOR-RELAYED-ADDRESS)"),
    "O6.port_seen_by_relay": ("O6 (R4). Where the relay saw c-port (XOR-PEER-ADDRESS)",
                              "O6 (R4). 릴레이가 본 c-port의 주소(XOR-PEER-ADDRESS)"),
    "O7.first": ("O7 (R1). The candidate type tried first (highest priority)", "O7 (R1). 가장 먼저 시도하는 후보 종류(최고 우선순위)"),
    "O7.last": ("O7 (R1). The candidate type tried last", "O7 (R1). 가장 나중에 시도하는 후보 종류"),
    "O7.srflx_priority": ("O7 (R1). The srflx candidate's priority", "O7 (R1). srflx 후보의 우선순위"),
    "O8.port_classic": ("O8 (R1). nat-port's classic (RFC 3489) name", "O8 (R1). nat-port의 옛(RFC 3489) 이름"),
    "O8.port_classic_biased": ("O8 (R1). What the classic test said on the mapping test's socket",
                               "O8 (R1). 매핑 테스트의 소켓에서 옛 테스트가 말한 이름"),
    "O8.sym_classic": ("O8 (R4). nat-sym's classic name", "O8 (R4). nat-sym의 옛 이름"),
    "O9.public_in_conntrack": ("O9 (R5). The probe's public address in the conntrack listing, and its row",
                               "O9 (R5). conntrack 목록에서 찾은 프로브의 공개 주소와 그 행"),
    "O9.nft_rule": ("O9 (R5). The nft rule that lets an unsolicited packet in, and the table it looks up",
                    "O9 (R5). 요청하지 않은 패킷을 들여보내는 nft 규칙과 그 규칙이 찾아보는 테이블"),
    "O10.tcp_mapping": ("O10 (R6). The TCP mapping verdict behind nat-sym", "O10 (R6). nat-sym 뒤 TCP 매핑 판정"),
    "O10.tcp_seconds_left": ("O10 (R6). Seconds left in a TCP conntrack row during the test",
                             "O10 (R6). 테스트 중 TCP conntrack 행의 남은 초"),
    "O10.one_public": ("O10 (R6, stun-one). The public address:port it reported", "O10 (R6, stun-one). 알려 준 공개 주소:포트"),
    "O10.one_other_address": ("O10 (R6, stun-one). Did it name an OTHER-ADDRESS? (yes/no)",
                              "O10 (R6, stun-one). OTHER-ADDRESS를 알려 주었나요? (yes/no)"),
}
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
