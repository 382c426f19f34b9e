"""Lab 02, DNS over UDP and TCP: the variant, the evidence, the checks (pure).

What differs between two students (drawn from the student's seed):

- the one-way delay of the teaching server ns1.lab.test and of the test TLD's server, so the UDP
  and TCP costs differ;
- the size of bigtxt.lab.test's TXT set: 6, 7 or 8 strings (always too big for 1232 bytes), so
  the number of records and the size of the answer over TCP differ.

The golden variant (ID ``golden``) is the default scenario: 6 strings, ns1.lab.test at 8 ms.
"""

from __future__ import annotations

from netlab.i18n import catalogue_file
from netlab.lab.base import Ctx, LabDef, NoEvidence, Run, Variant
from netlab.lab.common import YES_NO, ask, free, scaled
from netlab.lab.draft import ScenarioDraft
from netlab.lab.messages import M

FACTORS = (0.6, 0.8, 1.0, 1.25, 1.5, 2.0)
PARTS = (6, 7, 8)
EXTRA = {
    7: "A DNS message over TCP may span several TCP segments; the two-byte length prefix tells the receiver "
       "where the message ends, something UDP gets for free from the datagram's own boundary.",
    8: "DNSSEC makes big answers ordinary: signatures (RRSIG) and keys (DNSKEY) add hundreds of bytes, one "
       "reason the DNS community settled on 1232 bytes and a TCP fallback rather than IP fragments.",
}
DEFAULTS = {"lab_delay": 4.0, "tld_delay": 5.0, "parts": 6}


def draw(rng) -> dict:
    return {"lab_delay": scaled(4.0, rng.choice(FACTORS)), "tld_delay": scaled(5.0, rng.choice(FACTORS)),
            "parts": rng.choice(PARTS)}


def build(p: dict) -> ScenarioDraft:
    d = ScenarioDraft("lab-02", "lab 02 (DNS over UDP and TCP): a student's variant of the default scenario")
    d.set_delay("ns1-lab", p["lab_delay"])
    d.set_delay("ns-nic-test", p["tld_delay"])
    n = p["parts"]
    if n != DEFAULTS["parts"]:
        for i in range(1, 7):
            old = _part_line(d, i)
            new = old.replace(f"Part {i} of 6.", f"Part {i} of {n}.")
            if i == 6:
                new = "\n".join([new, *(f'bigtxt      300     IN TXT  "Part {k} of {n}. {EXTRA[k]}"'
                                        for k in range(7, n + 1))])
            d.replace_line("lab.test", rf'bigtxt\s+300\s+IN\s+TXT\s+"Part {i} of 6\..*"', new)
    return d


def _part_line(d: ScenarioDraft, i: int) -> str:
    return next(line for line in d.zone("lab.test").splitlines() if f'"Part {i} of 6.' in line)


# ------------------------------------------------------------------------------------ evidence


def _trace(name: str, rtype: str, tcp: bool):
    def matches(params: dict) -> bool:
        return (str(params.get("name", "")).rstrip(".").lower() == name and params.get("type", "A") == rtype
                and bool(params.get("tcp")) == tcp)
    return matches


S = "netlab --sandbox=$S dns-trace"
RUNS = (
    Run("r1a", "R1", "r1a.rec.json", "dns-trace", f"{S} www.lab.test", _trace("www.lab.test", "A", False)),
    Run("r1b", "R1", "r1b.rec.json", "dns-trace", f"{S} bigtxt.lab.test --type TXT -v",
        _trace("bigtxt.lab.test", "TXT", False)),
    Run("r2a", "R2", "r2a.rec.json", "dns-trace", f"{S} www.lab.test --tcp", _trace("www.lab.test", "A", True)),
    Run("r2b", "R2", "r2b.rec.json", "dns-trace", f"{S} bigtxt.lab.test --type TXT --tcp",
        _trace("bigtxt.lab.test", "TXT", True)),
)


def _last(ctx: Ctx, run: str, attempt: int | None = None):
    hops = [h for h in ctx.result(run).hops if h.zone.lower() == "lab.test." and not h.extra
            and (attempt is None or h.attempt == attempt)]
    if not hops:
        raise NoEvidence(M.t("02.no-hop", file=ctx.lab.run(run).file, attempt=attempt or 1), run)
    return hops[-1] if attempt is None else hops[0]


TRANSPORTS = {"udp": (), "tcp": ()}


def _questions():
    look1, look2 = "02.look.r1", "02.look.r2"
    return (
        *(free(f"P{i}") for i in range(1, 8)),
        ask("O1.small_transport", "choice", lambda c: _last(c, "r1a").transport, ("r1a",), look1,
            choices=TRANSPORTS),
        ask("O1.small_rtt_ms", "float", lambda c: _last(c, "r1a").rtt_ms, ("r1a",), look1, unit="ms",
            tol=(0.5, 0.05)),
        ask("O1.big_attempts", "int",
            lambda c: sum(1 for h in c.result("r1b").hops if h.zone.lower() == "lab.test." and not h.extra),
            ("r1b",), look1),
        ask("O1.big_tc", "choice", lambda c: "yes" if "tc" in _last(c, "r1b", 1).flags else "no", ("r1b",), look1,
            choices=YES_NO),
        ask("O1.big_udp_size", "int", lambda c: _last(c, "r1b", 1).size, ("r1b",), look1, unit="bytes"),
        ask("O1.big_tcp_ms", "float", lambda c: _last(c, "r1b", 2).rtt_ms, ("r1b",), look1, unit="ms",
            tol=(0.5, 0.05)),
        ask("O1.big_tcp_size", "int", lambda c: _last(c, "r1b", 2).size, ("r1b",), look1, unit="bytes"),
        ask("O1.txt_records", "int", lambda c: len(c.result("r1b").answer), ("r1b",), look1),
        ask("O2.small_tcp_ms", "float", lambda c: _last(c, "r2a").rtt_ms, ("r2a",), look2, unit="ms",
            tol=(0.5, 0.05)),
        ask("O2.status_rtt_ms", "float", lambda c: build(c.p).rtt_ms("ns1-lab"), (), "02.look.status", unit="ms",
            tol=(0.5, 0.0)),
        ask("O2.big_tcp_attempts", "int",
            lambda c: sum(1 for h in c.result("r2b").hops if h.zone.lower() == "lab.test." and not h.extra),
            ("r2b",), look2),
        ask("O3.server_udp_limit", "int", lambda c: 1232, (), "02.look.dig", unit="bytes"),
        ask("O5.stub_used_tcp", "choice", lambda c: "yes", (), "02.look.dig", choices=YES_NO),
        *(free(f"E{i}") for i in range(1, 8)),
    )


def expected(v: Variant) -> list[tuple[str, object]]:
    rtt = build(v.params).scenario().rtt_ms()
    r = rtt["ns1-lab"]
    return [("RTT", M.t("02.x.rtt", lab=f"{r:.0f}", tld=f"{rtt['ns-nic-test']:.0f}")),
            ("R1", M.t("02.x.r1", rtt=f"{r:.0f}", tcp=f"{2 * r:.0f}", parts=v.params["parts"])),
            ("R2", M.t("02.x.r2"))]


catalogue_file("lab", __name__)

QUESTIONS = _questions()

LAB = LabDef(number=2, slug="02-dns-udp-tcp", minutes="40", probes=("dns-trace", "dig"), defaults=DEFAULTS,
             draw=draw, build=build, runs=RUNS, questions=QUESTIONS, expected=expected,
             start_notes=lambda v: [M.t("02.start")])
