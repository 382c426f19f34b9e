"""Lab 06, TCP flow control and congestion control: the variant, the evidence, the checks (pure).

What differs between two students (drawn from the student's seed): the one-way delay of the bulk
hosts ``source`` and ``sink`` (RTT 16-30 ms instead of 20) and their bottleneck: its rate (8, 10 or
12 Mbit/s) and its drop-tail queue (16, 20 or 24 frames), so the BDP, the moment of the first
loss, the drops, the RTT under a full queue and the goodput differ.  The runs that set their own
rate or queue (R1, R3, R4) still see the student's RTT.  The golden variant (ID ``golden``) is the
default scenario: 10 ms one way, 10 Mbit/s, 20 frames.
"""

from __future__ import annotations

from netlab.i18n import catalogue_file
from netlab.lab.base import Ctx, LabDef, NoEvidence, Run, Variant
from netlab.lab.common import ask, data, free, one, recorded
from netlab.lab.draft import ScenarioDraft
from netlab.lab.messages import M

HOSTS = ("source", "sink")
DELAYS = (8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0)
RATES = (8.0, 10.0, 12.0)
QUEUES = (16, 20, 24)


def _shaped(d: ScenarioDraft, host: str) -> dict:
    link = d.host(host)["interfaces"][0]["link"]
    return link["up"] if "up" in link else link["down"]


def _defaults() -> dict:
    d = ScenarioDraft()
    b = _shaped(d, "source")
    return {"delay": d.delay("source"), "rate_mbit": float(b["rate_mbit"]), "queue": int(b["queue_packets"])}


DEFAULTS = _defaults()


def draw(rng) -> dict:
    return {"delay": rng.choice(DELAYS), "rate_mbit": rng.choice(RATES), "queue": rng.choice(QUEUES)}


def build(p: dict) -> ScenarioDraft:
    d = ScenarioDraft("lab-06", "lab 06 (TCP flow): a student's variant of the default scenario")
    for host in HOSTS:
        d.set_delay(host, p["delay"])
        b = _shaped(d, host)
        b["rate_mbit"] = float(p["rate_mbit"])
        b["queue_packets"] = int(p["queue"])
    return d


def _flow(host: str, **want):
    return recorded({"host": lambda h: str(h or "").rstrip(".") == host, "direction": "download", "rate": None,
                     "delay": None, "loss": None, "queue_packets": None, "drop_nth": [], "receiver_buffer": None,
                     "reader_pause": None, "repeat": 1}, **want)


T = "netlab --sandbox=$S tcp-flow"
RUNS = (
    Run("r1", "R1", "r1.rec.json", "tcp-flow",
        f"{T} source.lab.test --cc cubic --rate 100 --queue 200 --bytes 2M --markdown r1.md",
        _flow("source.lab.test", cc="cubic", rate=100.0, queue_packets=200, bytes=2 << 20)),
    Run("r2", "R2", "r2.rec.json", "tcp-flow", f"{T} source.lab.test --cc cubic --seconds 4 --chart r2.png",
        _flow("source.lab.test", cc="cubic", seconds=4.0)),
    Run("r3", "R3", "r3.rec.json", "tcp-flow",
        f"{T} source.lab.test --cc cubic --bytes 144800 --queue 100 --receiver-buffer 4M --drop-nth 30,101,102 "
        "--pcap r3.pcap",
        _flow("source.lab.test", cc="cubic", bytes=144800, queue_packets=100, receiver_buffer=4 << 20,
              drop_nth=[30, 101, 102])),
    Run("r4", "R4", "r4.rec.json", "tcp-flow",
        f"{T} source.lab.test --cc cubic --bytes 1M --receiver-buffer 32K --reader-pause 1000 --queue 100 "
        "--pcap r4.pcap",
        _flow("source.lab.test", cc="cubic", bytes=1 << 20, receiver_buffer=32 << 10, reader_pause=1000.0,
              queue_packets=100)),
)

def _run(ctx: Ctx, run: str) -> dict:
    return one(data(ctx, run).get("runs") or [], M.t("06.no-part", part="run", file=ctx.lab.run(run).file), run)


def _phase(ctx: Ctx, run: str, kind: str) -> dict:
    return one([p for p in _run(ctx, run).get("phases") or [] if p.get("kind") == kind],
               M.t("06.no-part", part=kind, file=ctx.lab.run(run).file), run)["detail"]


def _event(ctx: Ctx, run: str, kind: str) -> dict:
    return one([e for e in _run(ctx, run).get("events") or [] if e.get("kind") == kind],
               M.t("06.no-part", part=kind, file=ctx.lab.run(run).file), run)


def _cwnd_at(ctx: Ctx, n: int) -> int:
    at = _phase(ctx, "r1", "slow-start").get("cwnd_at_rtt") or []
    if len(at) <= n:
        raise NoEvidence(M.t("06.no-part", part=f"cwnd after {n} RTTs", file="r1.rec.json"), "r1")
    return at[n]


def _drop(ctx: Ctx, nth: int) -> dict:
    return one([d for d in _run(ctx, "r3").get("drops") or [] if d.get("nth") == nth],
               M.t("06.no-part", part=f"drop #{nth}", file="r3.rec.json"), "r3")


EXITS = {"hystart": ("hystart++",), "loss": (), "ssthresh": ()}
REPAIRS = {"fast": ("fast retransmit", "fast-retransmit"), "timer": ("rto", "timeout")}


def _questions():
    r1, r2, r3, r4 = ("r1",), ("r2",), ("r3",), ("r4",)
    lo1, lo3, lo4, lo5, lo6 = "06.look.r1", "06.look.r2", "06.look.r2-queue", "06.look.r3", "06.look.r4"
    ms = {"unit": "ms"}
    return (
        *(free(f"P{i}") for i in range(1, 8)),
        ask("O1.iw", "int", lambda c: _run(c, "r1")["iw_segments"], r1, lo1),
        ask("O1.cwnd_after_1_rtt", "int", lambda c: _cwnd_at(c, 1), r1, lo1),
        ask("O1.cwnd_after_2_rtts", "int", lambda c: _cwnd_at(c, 2), r1, lo1),
        ask("O1.ss_exit", "choice", lambda c: _phase(c, "r1", "slow-start")["exit"], r1, lo1, choices=EXITS),
        ask("O1.base_rtt_ms", "float", lambda c: _run(c, "r1")["base_rtt_ms"], r1, lo1, tol=(1.0, 0.05), **ms),
        ask("O1.status_rtt_ms", "float", lambda c: build(c.p).rtt_ms("source"), (), "06.look.status", tol=(0.5, 0.0),
            **ms),
        ask("O2.retransmits", "int", lambda c: _run(c, "r1")["retransmits"], r1, lo1),
        ask("O3.ss_exit", "choice", lambda c: _phase(c, "r2", "slow-start")["exit"], r2, lo3, choices=EXITS),
        ask("O3.first_loss_ms", "float", lambda c: _run(c, "r2")["first_loss_ms"], r2, lo3, tol=(2.0, 0.05), **ms),
        ask("O3.ssthresh_after_loss", "int", lambda c: _event(c, "r2", "fast-retransmit")["detail"]["ssthresh_after"],
            r2, lo3),
        ask("O3.goodput_mbit", "float", lambda c: _run(c, "r2")["goodput_mbit"], r2, lo3, tol=(0.05, 0.02)),
        ask("O4.bottleneck_mbit", "float", lambda c: c.p["rate_mbit"], r2, lo4, tol=(0.0, 0.0)),
        ask("O4.queue_frames", "int", lambda c: c.p["queue"], r2, lo4),
        ask("O4.tail_drops", "int", lambda c: (_run(c, "r2").get("link_drops") or {}).get("dropped_tail", 0), r2, lo4),
        ask("O4.rtt_max_ms", "float", lambda c: _run(c, "r2")["rtt_max_ms"], r2, lo4, tol=(1.0, 0.05), **ms),
        ask("O4.queueing_delay_ms", "float", lambda c: _run(c, "r2")["queueing_delay_ms"], r2, lo4, tol=(1.0, 0.05),
            **ms),
        ask("O5.link_drops", "int", lambda c: (_run(c, "r3").get("link_drops") or {}).get("dropped_nth", 0), r3, lo5),
        ask("O5.d30_repaired_by", "choice", lambda c: _drop(c, 30)["repaired_by"], r3, lo5, choices=REPAIRS),
        ask("O5.d30_dupacks", "int", lambda c: _drop(c, 30)["dupacks"], r3, lo5),
        ask("O5.d101_repaired_by", "choice", lambda c: _drop(c, 101)["repaired_by"], r3, lo5, choices=REPAIRS),
        ask("O5.rto_count", "int", lambda c: _run(c, "r3")["rto_count"], r3, lo5),
        ask("O5.retransmits", "int", lambda c: _run(c, "r3")["retransmits"], r3, lo5),
        ask("O6.zero_window_ms", "float", lambda c: _event(c, "r4", "zero-window")["t_ms"], r4, lo6, tol=(5.0, 0.02),
            **ms),
        ask("O6.window_probes", "int", lambda c: _event(c, "r4", "window-probe")["detail"]["count"], r4, lo6),
        ask("O6.window_update_ms", "float", lambda c: _event(c, "r4", "window-update")["t_ms"], r4, lo6,
            tol=(5.0, 0.02), **ms),
        ask("O6.rwnd_limited_ms", "float", lambda c: _run(c, "r4")["limits"]["rwnd"], r4, lo6, tol=(20.0, 0.05), **ms),
        ask("O6.retransmits", "int", lambda c: _run(c, "r4")["retransmits"], r4, lo6),
        ask("O7.max_window", "int", lambda c: _run(c, "r4")["receiver"]["max_window"], r4, lo6, unit="bytes"),
        *(free(f"E{i}") for i in range(1, 8)),
    )


def expected(v: Variant) -> list[tuple[str, object]]:
    p = v.params
    rtt = 2 * p["delay"]
    bdp = p["rate_mbit"] * 1e6 / 8 * rtt / 1000 / 1448
    return [("RTT", M.t("06.x.rtt", rtt=f"{rtt:.0f}", rate=f"{p['rate_mbit']:.0f}", queue=p["queue"],
                        bdp=f"{bdp:.0f}", full=f"{bdp + p['queue']:.0f}",
                        qd=f"{p['queue'] * 1514 * 8 / (p['rate_mbit'] * 1000):.0f}")),
            ("R1", M.t("06.x.r1", rtt=f"{rtt:.0f}")), ("R3", M.t("06.x.r3")), ("R4", M.t("06.x.r4"))]


catalogue_file("lab", __name__)

QUESTIONS = _questions()


LAB = LabDef(number=6, slug="06-tcp-flow", minutes="75", probes=("tcp-flow", "tshark", "ss"), defaults=DEFAULTS,
             draw=draw, build=build, runs=RUNS, questions=QUESTIONS, expected=expected,
             start_notes=lambda v: [M.t("06.start")])
