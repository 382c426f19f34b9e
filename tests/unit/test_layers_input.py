"""`netlab layers` on bad input: one clear line and exit 2 (or a finding), never a traceback.

Each case runs the real command line in a fresh process, as a student would.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from netlab.errors import EXIT_USAGE

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "layers"
ENV = {k: v for k, v in os.environ.items() if k not in ("NETLAB_TRACEBACK", "NETLAB_LANG")}
ENV.update(NO_COLOR="1", COLUMNS="100", LANG="C.UTF-8")


def netlab(*args: str) -> subprocess.CompletedProcess:
    code = "import sys; from netlab.cli import main; main(sys.argv[1:])"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=ENV, cwd=ROOT,
                          timeout=60)


def usage_error(r: subprocess.CompletedProcess, *words: str) -> None:
    assert r.returncode == EXIT_USAGE, f"exit {r.returncode}\n{r.stdout[-1500:]}\n{r.stderr[-1500:]}"
    assert "Traceback" not in r.stderr
    lines = [x for x in r.stderr.splitlines() if x.startswith("netlab:") or x.startswith("Error:")]
    assert lines, r.stderr
    for w in words:
        assert w in r.stderr, r.stderr


@pytest.mark.parametrize("args,words", [
    ([], ["give one packet source"]),
    (["--from", str(FIXTURES / "dns-v4.pcap"), "--capture", "tcp", "x.test"], ["not --from and --capture together"]),
    (["--from", str(FIXTURES / "dns-v4.pcap"), "--packet", "0"], ["numbered from 1"]),
    (["--from", str(FIXTURES / "dns-v4.pcap"), "--packet", "x"], ["--packet"]),
    (["--from", str(FIXTURES / "dns-v4.pcap"), "--packet", "3"], ["no packet 3: the file holds 2 packets"]),
    (["--from", str(FIXTURES / "no-such.pcap")], ["does not exist"]),
    (["--from", ""], ["--from"]),
    (["--capture", "http", "https://www.naver.com/"], ["travels encrypted"]),
    (["--capture", "dns", "198.18.0.53"], ["is an address"]),
    (["--capture", "tcp", "www.naver.com:0"], ["bad port"]),
    (["--capture", "tcp", "bad name.test"], ["not a valid host name"]),
    (["--capture", "ftp", "x.test"], ["--capture"]),
    (["--capture", "tcp", "x.test", "--server", "1.2.3.4"], ["--server goes with --capture dns"]),
    (["--from", str(FIXTURES / "dns-v4.pcap"), "--pcap", "/tmp/x.pcap"], ["go with --capture"]),
    (["--capture", "tcp", "x.test", "-4", "-6"], ["cannot be combined"]),
    (["--recording", str(ROOT / "tests/fixtures/dns/nxdomain.json")], ["holds no captured frames"]),
    (["--recording", str(ROOT / "tests/fixtures/tcp/open-http-client-close.json"), "--packet", "99"],
     ["no packet 99"]),
])
def test_usage_errors(args, words):
    usage_error(netlab("layers", *args), *words)


def _copy(tmp_path: Path, name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_not_a_capture_file(tmp_path):
    junk = tmp_path / "notes.pcap"
    junk.write_text("TLS works at the transport layer\n")
    usage_error(netlab("layers", "--from", str(junk)), "not a pcap or pcapng capture file")
    empty = tmp_path / "empty.pcap"
    empty.write_bytes(b"")
    usage_error(netlab("layers", "--from", str(empty)), "not a pcap or pcapng")


def test_a_file_with_no_packets(tmp_path):
    head = tmp_path / "head.pcap"
    head.write_bytes(_copy(tmp_path, "dns-v4.pcap")[:24])
    usage_error(netlab("layers", "--from", str(head)), "holds no packets")


def test_a_truncated_file(tmp_path):
    """Cut inside packet 2: packet 1 is shown (with a finding), packet 2 is a usage error."""
    blob = _copy(tmp_path, "dns-v4.pcap")
    cut = tmp_path / "cut.pcap"
    cut.write_bytes(blob[:24 + 16 + 96 + 16 + 40])
    r = netlab("layers", "--from", str(cut), "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["packet"] == 1 and "layers.file-cut-short" in {f["code"] for f in data["findings"]}
    usage_error(netlab("layers", "--from", str(cut), "--packet", "2"), "cut short inside packet 2", "1 complete packet")


def test_unknown_link_type_is_a_finding(tmp_path):
    blob = bytearray(_copy(tmp_path, "dns-v4.pcap"))
    blob[20:24] = struct.pack("<I", 147)  # LINKTYPE_USER0
    odd = tmp_path / "user0.pcap"
    odd.write_bytes(bytes(blob))
    r = netlab("layers", "--from", str(odd))
    assert r.returncode == 0, r.stderr
    assert "link type 147 is not one netlab dissects" in r.stdout and "Traceback" not in r.stderr
    r = netlab("layers", "--from", str(odd), "--fail-on", "error")
    assert r.returncode == 1


def test_pcapng_is_read():
    r = netlab("layers", "--from", str(FIXTURES / "dns-v4.pcapng"), "--packet", "2", "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["file"]["format"] == "pcapng" and data["frame_len"] == 134
    assert [x["proto"] for x in data["layers"]] == ["eth", "ipv4", "udp", "dns"]


def test_another_probes_recording():
    r = netlab("layers", "--recording", str(ROOT / "tests/fixtures/tcp/open-http-client-close.json"), "--packet", "1",
               "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["source"] == "recording" and data["file"]["probe"] == "tcp-handshake"
    assert "layers.mss" in {f["code"] for f in data["findings"]}  # packet 1 is the SYN


def test_capture_without_privilege_says_what_still_works(tmp_path):
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root to drop CAP_NET_RAW with setpriv")
    code = "import sys; from netlab.cli import main; main(sys.argv[1:])"
    r = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all",
                        "--bounding-set=-all", sys.executable, "-c", code, "layers", "--capture", "tcp", "127.0.0.1"],
                       capture_output=True, text=True, env=ENV, cwd="/", timeout=60)
    assert r.returncode == 4, r.stderr
    assert "--from FILE.pcap and --recording FILE need no privilege" in r.stderr and "Traceback" not in r.stderr


def test_save_and_report_round_trip(tmp_path):
    saved = tmp_path / "rec.json"
    first = netlab("layers", "--from", str(FIXTURES / "tls-v6.pcap"), "--packet", "4", "--save", str(saved))
    assert first.returncode == 0, first.stderr
    again = netlab("report", str(saved))
    assert again.returncode == 0 and again.stdout == first.stdout


def test_hostile_recording_is_a_malformed_file(tmp_path):
    rec = json.loads((FIXTURES / "capture-dns.json").read_text())
    rec["params"]["packet"] = "one"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(rec))
    usage_error(netlab("report", str(bad)), "malformed recording")
    rec = json.loads((FIXTURES / "capture-dns.json").read_text())
    for e in rec["events"]:
        if e["type"] == "LayersFrameCaptured":
            e["data"] = "AAAA"  # three zero bytes
            e["linktype"] = 1
    odd = tmp_path / "odd.json"
    odd.write_text(json.dumps(rec))
    r = netlab("report", str(odd))
    assert r.returncode == 0 and "Traceback" not in r.stderr
