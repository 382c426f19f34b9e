"""http-compare benchmarks (issues 7 and 19), printed, not asserted.

1. h1.1 and h2 phase timings vs `curl -w` (time_connect, time_appconnect, time_starttransfer) on
   the same sandbox link (RTT 50 ms), interleaved in one run; target: within max(1 ms, 5 %).
   (Debian's curl 7.88 has no HTTP/3, so h3 has no curl column.)
2. Random loss, 2 % each direction (--loss 2) at 50 ms RTT, HTTP/2 vs HTTP/3: object completion
   (median, p90) and page time over several runs, each server's congestion control printed: the
   web host's default (BBR, model-based) and --server-cc reno (loss-based, like quic-go's NewReno,
   Caddy's HTTP/3): small objects (the front page x39) and the page's 39 objects of 1-100 KB.
3. Head-of-line blocking by construction (--hol) at 50 ms RTT: 6 streams, one packet dropped on
   purpose per run; per protocol how many streams waited for the retransmission, how long, and
   how soon the other streams got their next bytes; with BBR and with Reno on the TCP side.

Quick mode (NETLAB_BENCH_QUICK=1, or `python -m tests.bench.bench_http_compare --quick`): one or two
runs of each, the small objects only.  NETLAB_BENCH_HTTP=curl,loss,hol picks the parts (default all).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))
from sandbox_tools import PIN, web_scenario  # noqa: E402  (one web scenario for the tests and this bench)

CURL_FMT = "%{time_connect} %{time_appconnect} %{time_starttransfer}"
ROUNDS = 7


class Sandbox:
    def __init__(self, name: str, link: str, tmp: str):
        from netlab.sandbox import control

        self.control = control
        self.name = name
        path = Path(tmp) / f"{name}.toml"
        path.write_text(web_scenario(name=name, client_link=link))
        os.chmod(path, 0o644)
        self.state, _ = control.up(name, str(path))
        info = json.loads((Path(self.state["state_dir"]) / "info.json").read_text())
        self.cacert = info["cacert"]

    def run(self, argv: list[str], timeout: float = 300) -> subprocess.CompletedProcess:
        return subprocess.run(self.control.exec_argv(self.state, "client", argv), env=self.control.exec_env(self.state),
                              capture_output=True, text=True, timeout=timeout)

    def netlab(self, *args: str, timeout: float = 300) -> dict:
        code = "import sys; from netlab.cli import main; sys.argv[0] = 'netlab'; main()"
        p = self.run([sys.executable, "-c", code, "http-compare", *args, "--json"], timeout=timeout)
        if p.returncode != 0:
            raise RuntimeError(f"netlab exit {p.returncode}: {p.stderr[-1000:]}")
        return json.loads(p.stdout)

    def curl(self, proto_flag: str) -> tuple[float, float, float]:
        p = self.run(["curl", "-sS", "-o", "/dev/null", proto_flag, "--cacert", self.cacert, "--resolve", PIN,
                      "-w", CURL_FMT, "https://www.naver.com/"], timeout=60)
        if p.returncode != 0:
            raise RuntimeError(f"curl: {p.stderr}")
        c, a, s = (float(x) * 1000 for x in p.stdout.split())
        return c, a, s

    def down(self) -> None:
        self.control.down(self.name)


def _med(xs: list[float]) -> float:
    return statistics.median(xs)


def bench_vs_curl(tmp: str) -> None:
    print(f"-- h1.1 and h2 phases vs curl -w, RTT 50 ms, {ROUNDS} interleaved rounds (medians, ms)")
    sb = Sandbox(f"bench-hc-{os.getpid()}", "delay_ms = 25", tmp)
    try:
        sb.curl("--http1.1")  # warm the neighbour caches
        ours: dict[str, dict[str, list[float]]] = {m: {"connect": [], "tls": [], "first": []} for m in ("h1", "h2")}
        theirs: dict[str, dict[str, list[float]]] = {m: {"connect": [], "tls": [], "first": []} for m in ("h1", "h2")}
        rtts = []
        for _ in range(ROUNDS):
            data = sb.netlab("https://www.naver.com/", "--resolve", PIN, "--protocols", "h1,h2", "--repeat", "1")
            rtts.append(data["rtt_ms"]["median"])
            for p in data["phases"]:
                m = p["mode"]
                tcp, tls = p["tcp_connect"]["median"], p["tls_handshake"]["median"]
                ours[m]["connect"].append(tcp)
                ours[m]["tls"].append(tcp + tls)
                ours[m]["first"].append(p["first_byte"]["median"])
            for m, flag in (("h1", "--http1.1"), ("h2", "--http2")):
                c, a, s = sb.curl(flag)
                theirs[m]["connect"].append(c)
                theirs[m]["tls"].append(a)
                theirs[m]["first"].append(s)
        print(f"   RTT (netlab's bare TCP connects): {_med(rtts):.1f} ms")
        print(f"   {'proto':6} {'phase':30} {'netlab':>8} {'curl':>8} {'diff':>7}  within max(1 ms, 5 %)")
        names = {"connect": "TCP connect (time_connect)", "tls": "TLS done (time_appconnect)",
                 "first": "first byte (time_starttransfer)"}
        for m in ("h1", "h2"):
            for k in ("connect", "tls", "first"):
                a, b = _med(ours[m][k]), _med(theirs[m][k])
                ok = abs(a - b) <= max(1.0, 0.05 * b)
                print(f"   {m:6} {names[k]:30} {a:8.1f} {b:8.1f} {a - b:+7.1f}  {'yes' if ok else 'NO'}")
    finally:
        sb.down()


PARTS = ("curl", "loss", "hol")


def _quick() -> bool:
    return os.environ.get("NETLAB_BENCH_QUICK") == "1"


def _cc(data: dict) -> str:
    def one(side: dict | None) -> str:
        side = side or {}
        return f"{side.get('algorithm') or 'unknown'} ({side.get('family') or '?'})"

    c = data.get("congestion") or {}
    return f"server TCP {one(c.get('tcp_server'))}, server QUIC {one(c.get('quic_server'))}"


def _loss_table(sb: Sandbox, url: str, n: int, runs: int, title: str, server_cc: str | None) -> None:
    t0 = time.monotonic()
    extra = ["--server-cc", server_cc] if server_cc else []
    data = sb.netlab(url, "--resolve", PIN, "--protocols", "h2,h3", "--requests", str(n), "--repeat", str(runs),
                     "--loss", "2", "--timeout", "10", *extra, timeout=1800)
    wall = time.monotonic() - t0
    wf = {w["mode"]: w for w in data["waterfalls"]}
    print(f"   {title}: RTT {data['rtt_ms']['median']:.1f} ms, {runs} runs, {wall:.1f} s wall; {_cc(data)}")
    print(f"     {'protocol':10} {'objects':>7} {'median':>8} {'p90':>8} {'max':>8} {'page (median run)':>18}  ms")
    for mode in ("h2", "h3"):
        w = wf.get(mode)
        if not w:
            print(f"     {mode:10} no data")
            continue
        c = w["completion"]
        print(f"     {w['label']:10} {c['n']:7d} {c['median']:8.0f} {w['completion_p90']:8.0f} {c['high']:8.0f} "
              f"{w['total_ms']:18.0f}")
    cpu = {p["mode"]: p["cpu_ms"]["median"] for p in data["phases"]}
    print(f"     client CPU per run: HTTP/2 (httpx) {cpu.get('h2', 0):.0f} ms, HTTP/3 (aioquic) {cpu.get('h3', 0):.0f} ms")
    hb = next((f for f in data["findings"] if f["code"] == "http.hol-blocking"), None)
    if hb:
        print(f"     finding: {hb['message']}")


def bench_loss(tmp: str, quick: bool) -> None:
    n = 40
    runs = 2 if quick else 5
    print(f"-- random loss: 2 % each way (--loss 2), RTT 50 ms, {n} requests per run on one connection, h2 vs h3")
    sb = Sandbox(f"bench-loss-{os.getpid()}", "delay_ms = 25", tmp)
    try:
        for cc in (None, "reno"):
            label = "the web host's default" if cc is None else f"--server-cc {cc}"
            _loss_table(sb, "https://www.naver.com/", n, runs, f"small objects (front page x39), {label}", cc)
            if not quick:
                _loss_table(sb, "https://www.naver.com/many.html", n, 3,
                            f"the page's 39 objects (1-100 KB, 2.3 MB), {label}", cc)
    finally:
        sb.down()


def _hol_summary(data: dict) -> None:
    hol = data["hol"]
    print(f"   {_cc(data)}; {hol['streams']} streams of {hol['object']} ({hol['object_bytes']} B), drop after "
          f"{hol['after_bytes']} B; RTT {data['rtt_ms']['median']:.1f} ms")
    print(f"     {'protocol':9} {'drops':>6} {'waited/left':>12} {'retransmission wait':>21} "
          f"{'others next bytes':>18} {'last byte':>10}  ms (median, min-max)")

    def st(s: dict) -> str:
        if s.get("median") is None:
            return "-"
        return f"{s['median']:.0f} ({s['low']:.0f}-{s['high']:.0f})" if s["n"] > 1 else f"{s['median']:.0f}"

    for v in hol["summary"].values():
        print(f"     {v['label']:9} {v['fired']:>3}/{v['runs']:<2} {st(v['waited']):>5}/{st(v['incomplete']):<6} "
              f"{st(v['retransmit']):>21} {st(v['other_wait']):>18} {st(v['total']):>10}")
    lag = [r["lag_ms"] for r in hol["runs"] if r["mode"] == "h3" and r.get("lag_ms") is not None]
    if lag:
        print(f"     aioquic behind the wire (HTTP/3): up to {max(lag):.0f} ms")


def bench_hol_deterministic(tmp: str, quick: bool) -> None:
    runs = 1 if quick else 5
    print(f"-- head-of-line blocking by construction (--hol): one packet dropped per run, RTT 50 ms, {runs} run(s)")
    sb = Sandbox(f"bench-dhol-{os.getpid()}", "delay_ms = 25", tmp)
    try:
        for cc in (None, "reno"):
            extra = ["--server-cc", cc] if cc else []
            _hol_summary(sb.netlab("https://www.naver.com/", "--resolve", PIN, "--hol", "--repeat", str(runs),
                                   *extra, timeout=600))
    finally:
        sb.down()


def run(quick: bool | None = None) -> None:
    from netlab.sandbox import control

    quick = _quick() if quick is None else quick
    parts = [p for p in (os.environ.get("NETLAB_BENCH_HTTP") or ",".join(PARTS)).split(",") if p in PARTS]
    if os.geteuid() != 0 and control.userns_problem():
        print(f"   skipped: {control.userns_problem()}")
        return
    for tool in ("caddy", "curl"):
        if not control.which(tool):
            print(f"   skipped: {tool} is not installed")
            return
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o755)
        if "curl" in parts:
            bench_vs_curl(tmp)
        if "hol" in parts:
            bench_hol_deterministic(tmp, quick)
        if "loss" in parts:
            bench_loss(tmp, quick)


if __name__ == "__main__":
    run(quick="--quick" in sys.argv[1:])
