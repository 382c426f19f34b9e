"""netlab journey in the default sandbox, checked against independent witnesses: tshark on the
client's interface (the order of the steps, the addresses, the ports, the SNI, the DNS count),
curl -v (the HTTP part: the redirect chain, statuses, versions, addresses), dig (the hosts-file
name is in no zone); the cold and the warm run; the bad inputs, each stopped at its own step."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration
TSHARK = shutil.which("tshark")
BADSERVER = Path(__file__).resolve().parents[1] / "fixtures" / "journey" / "badserver.py"
DNS_KINDS = ("resolver", "dns-walk", "hosts-file", "name-cache")


def journey(sb, *args: str, timeout: float = 120) -> dict:
    p = sb.netlab("journey", *args, "--json", timeout=timeout)
    assert p.returncode in (0, 3), f"exit {p.returncode}\nstdout: {p.stdout[-2000:]}\nstderr: {p.stderr[-2000:]}"
    return json.loads(p.stdout)


class Tshark:
    """tshark on the client's eth0 for the duration of a with-block; .packets() afterwards."""

    FIELDS = ("frame.number", "ip.src", "ip.dst", "udp.srcport", "udp.dstport", "tcp.srcport", "tcp.dstport",
              "tcp.flags.syn", "tcp.flags.ack", "dns.qry.name", "dns.flags.response",
              "tls.handshake.extensions_server_name")

    def __init__(self, sb, tmp: Path):
        self.sb, self.pcap = sb, tmp / "witness.pcap"
        os.chmod(tmp, 0o777)

    def __enter__(self):
        self.proc = self.sb.popen(["tshark", "-i", "eth0", "-w", str(self.pcap), "-q"], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 20
        seen = ""
        while time.monotonic() < deadline:  # tshark says so on stderr once it captures
            line = self.proc.stderr.readline()
            seen += line
            if "Capturing on" in line:
                time.sleep(0.3)
                return self
        pytest.fail(f"tshark did not start: {seen}")

    def __exit__(self, *exc):
        time.sleep(0.3)
        os.killpg(self.proc.pid, signal.SIGINT)
        self.proc.wait(20)

    def packets(self) -> list[dict]:
        cmd = ["tshark", "-r", str(self.pcap), "-T", "fields", "-E", "separator=|"]
        for f in self.FIELDS:
            cmd += ["-e", f]
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=True).stdout
        return [dict(zip(self.FIELDS, line.split("|"), strict=False)) for line in out.splitlines() if line.strip()]


def _syns(pkts: list[dict]) -> list[dict]:
    return [p for p in pkts if p["tcp.flags.syn"] in ("1", "True") and p["tcp.flags.ack"] in ("0", "False")]


def _dns_queries(pkts: list[dict]) -> list[dict]:
    return [p for p in pkts if p["dns.qry.name"] and p["dns.flags.response"] in ("0", "False")]


@pytest.mark.skipif(TSHARK is None, reason="tshark is not installed (apt-get install tshark)")
def test_the_visit_agrees_with_tshark_and_with_curl(sandbox, tmp_path):
    with Tshark(sandbox, tmp_path) as witness:
        data = journey(sandbox, "naver.com", "--browser-like", "--no-details")
    pkts = witness.packets()
    steps = data["steps"]
    # 1. the order: the DNS question for each name before its SYN, each hop's SYN after the previous hop
    syns = _syns(pkts)
    queries = _dns_queries(pkts)
    conns = data["connections"]
    assert [int(p["tcp.srcport"]) for p in syns] == [int(c["local"].rsplit(":", 1)[1]) for c in conns]
    assert [f"{p['ip.dst']}:{p['tcp.dstport']}" for p in syns] == [c["remote"] for c in conns]
    first = {}
    for q in queries:
        first.setdefault(q["dns.qry.name"], int(q["frame.number"]))
    assert list(first) == ["naver.com", "www.naver.com", "ssl.pstatic.net"]
    syn_frame = {c["origin"]: int(s["frame.number"]) for c, s in zip(conns, syns, strict=True)}
    assert first["naver.com"] < syn_frame["http://naver.com"] < syn_frame["https://naver.com"]
    assert syn_frame["https://naver.com"] < first["www.naver.com"] < syn_frame["https://www.naver.com"]
    assert first["ssl.pstatic.net"] < syn_frame["https://ssl.pstatic.net"]
    # the same order in the journey's own timeline
    kinds = [(s["kind"], s["host"]) for s in steps if s["kind"] in ("resolver", "tcp")]
    assert kinds == [("resolver", "naver.com"), ("tcp", "naver.com"), ("tcp", "naver.com"),
                     ("resolver", "www.naver.com"), ("tcp", "www.naver.com"), ("resolver", "ssl.pstatic.net"),
                     ("tcp", "ssl.pstatic.net")]
    # 2. the addresses: the resolver, the servers; the SNI of every ClientHello
    assert {s["address"] for s in steps if s["kind"] == "resolver"} == {q["ip.dst"] for q in queries} == {
        sandbox.info.resolver}
    hellos = [p["tls.handshake.extensions_server_name"] for p in pkts if p["tls.handshake.extensions_server_name"]]
    assert hellos == [s["host"] for s in steps if s["kind"] == "tls"]
    assert data["dns_packets"] == len([p for p in pkts if p["udp.srcport"] == "53" or p["udp.dstport"] == "53"])
    # 3. curl -v, the HTTP part: the same redirect chain, statuses, versions, addresses and ports
    p = sandbox.exec(["curl", "-v", "-4", "-sS", "-L", "-o", "/dev/null", "--cacert", sandbox.info.cacert,
                      "naver.com"], timeout=60)
    assert p.returncode == 0, p.stderr
    connected = re.findall(r"Connected to (\S+) \(([\d.]+)\) port (\d+)", p.stderr)
    statuses = re.findall(r"^< HTTP/([\d.]+) (\d+)", p.stderr, re.M)
    navs = [r for r in data["requests"] if r["purpose"] != "subresource"]
    assert [f"{ip}:{port}" for _name, ip, port in connected] == [c["remote"] for c in conns[:3]]
    assert [int(code) for _v, code in statuses] == [r["status"] for r in navs]
    assert [{"1.1": "HTTP/1.1", "2": "HTTP/2"}[v] for v, _c in statuses] == [r["http_version"] for r in navs]
    locations = re.findall(r"^< [Ll]ocation: (\S+)", p.stderr, re.M)
    assert locations == [r["to"] for r in data["redirects"]]


@pytest.mark.skipif(TSHARK is None, reason="tshark is not installed (apt-get install tshark)")
def test_a_hosts_file_name_sends_no_dns_packet(sandbox, tmp_path):
    d = sandbox.exec(["dig", "+short", "+norec", "intranet.lab.test"], timeout=30)  # in no zone
    assert d.stdout.strip() == ""
    with Tshark(sandbox, tmp_path) as witness:
        data = journey(sandbox, "intranet.lab.test", "--no-details")
    pkts = witness.packets()
    assert not [p for p in pkts if "53" in (p["udp.srcport"], p["udp.dstport"], p["tcp.srcport"], p["tcp.dstport"])]
    assert data["names"]["intranet.lab.test"]["source"] == "hosts" and data["dns_packets"] == 0
    assert [s["kind"] for s in data["steps"]][:2] == ["address-bar", "hosts-file"]
    assert data["requests"][0]["status"] == 200
    assert _syns(pkts)[0]["ip.dst"] == "198.18.1.110"
    assert any(f["code"] == "journey.hosts-file" for f in data["findings"])


def test_cold_and_warm_differ_in_the_resolver_step_only(sandbox):
    cold = journey(sandbox, "naver.com", "--cold", "--no-details")
    warm = journey(sandbox, "naver.com", "--warm", "--no-details")

    def rest(d):
        return [(s["kind"], s["layer"], s["protocol"], s["address"], s["port"]) for s in d["steps"]
                if s["kind"] not in DNS_KINDS]

    assert rest(cold) == rest(warm)
    c = [s for s in cold["steps"] if s["kind"] in ("resolver", "dns-walk")]
    w = [s for s in warm["steps"] if s["kind"] in ("resolver", "dns-walk") and s["status"] != "muted"]
    assert {s["kind"] for s in c} == {"dns-walk"} and {s["kind"] for s in w} == {"resolver"}
    assert [s["host"] for s in c] == [s["host"] for s in w] == ["naver.com", "www.naver.com"]
    assert {i["step"] for i in cold["inspections"]} == {"dns:naver.com", "dns:www.naver.com"}
    # the cache hit: faster than netlab's own walk, and the walk asked the root
    assert sum(s["duration_ms"] for s in w) < sum(s["duration_ms"] for s in c)
    assert any(p.endswith("root-servers.net") for p in cold["sequence"]["participants"])
    assert not any(p.endswith("root-servers.net") for p in warm["sequence"]["participants"])


def _bad_server(sandbox, mode: str, port: int):
    proc = sandbox.popen([sys.executable, str(BADSERVER), mode, str(port)], host="tcp-lab",
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert proc.stdout.readline().strip() == "listening"
    return proc


@pytest.mark.parametrize(("args", "kind", "code"), [
    (["http://"], "address-bar", "journey.address"),
    (["nosuch.naver.com"], "resolver", "journey.failed-resolver"),
    (["http://tcp.lab.test:81/"], "tcp", "journey.failed-tcp"),
    (["https://expired.badtls.test/"], "tls", "journey.failed-tls"),
    (["http://tcp.lab.test:8091/a"], "http", "journey.redirect-loop"),
    (["http://tcp.lab.test:8092/", "--timeout", "1"], "http", "journey.failed-http"),
])
def test_bad_input_is_a_finding_at_its_step(sandbox, args, kind, code):
    if "8091" in args[0]:
        _bad_server(sandbox, "loop", 8091)
    if "8092" in args[0]:
        _bad_server(sandbox, "silent", 8092)
    data = journey(sandbox, *args, "--no-details")
    assert code in [f["code"] for f in data["findings"]], data["findings"]
    steps = data["steps"]
    at = [s for s in steps if s["kind"] == kind]
    assert at, steps
    if code != "journey.redirect-loop":
        bad = next(s for s in steps if s["status"] == "error")
        assert bad["kind"] == kind
        assert [s["kind"] for s in steps if s["index"] < bad["index"]][:1] == ([] if kind == "address-bar"
                                                                              else ["address-bar"])
    else:
        assert [r["status"] for r in data["requests"]] == [302, 302]
    if kind in ("tcp", "tls", "http"):
        assert any(s["kind"] == "resolver" and s["status"] == "ok" for s in steps)  # the earlier steps are kept
