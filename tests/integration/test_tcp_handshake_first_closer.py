"""tcp-handshake on a zero-delay link against a server that closes first (issue 20, 1), checked
against tcpdump on the server's side: the same packets, in the same order per direction, the SYN
first, no invented retransmission, times never going backwards."""

from __future__ import annotations

import json
import os
import sys
import time

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from sandbox_tools import tiny  # noqa: E402

pytestmark = pytest.mark.integration


def _server_view(sb, pcap: str) -> list[tuple[str, str, int]]:
    out = sb.exec(["tshark", "-r", pcap, "-T", "fields", "-e", "ip.src", "-e", "tcp.flags", "-e", "tcp.len"],
                  host="server", check=True).stdout
    rows = []
    for line in out.splitlines():
        src, flags, length = line.split("\t")
        direction = "s>c" if src == "198.18.1.4" else "c>s"
        rows.append((direction, int(flags, 16) & 0x1f, int(length)))  # FIN SYN RST PSH ACK bits
    return rows


FLAG_BITS = {"FIN": 0x01, "SYN": 0x02, "RST": 0x04, "PSH": 0x08, "ACK": 0x10}


def test_first_closing_server_on_a_zero_delay_link_agrees_with_tcpdump(make_sandbox, tmp_path):
    sb = make_sandbox(tiny("delay_ms = 0"))
    sb.popen([sys.executable, "-m", "http.server", "8000", "--bind", "198.18.1.4"], host="server")
    time.sleep(0.8)
    for run in range(5):  # the defect was seen once in five runs
        pcap = str(tmp_path / f"server-{run}.pcap")
        dump = sb.popen(["tcpdump", "-i", "eth0", "-U", "-n", "-w", pcap, "tcp port 8000"], host="server")
        time.sleep(0.5)
        p = sb.netlab("tcp-handshake", "198.18.1.4:8000", "--http", "--json", timeout=60)
        assert p.returncode == 0, p.stderr[-1500:]
        time.sleep(0.5)
        dump.terminate()
        dump.wait(timeout=10)
        data = json.loads(p.stdout)
        packets = data["packets"]
        ours = [(pk["direction"], sum(FLAG_BITS[f] for f in pk["flags"].split(",")), pk["payload_len"])
                for pk in packets]
        theirs = _server_view(sb, pcap)
        assert packets[0]["flags"] == "SYN" and packets[0]["t_ms"] == 0
        assert all(b["t_ms"] >= a["t_ms"] for a, b in zip(packets, packets[1:], strict=False))
        assert data["retransmissions"] == 0, [pk for pk in packets if pk["notes"]]
        codes = {f["code"] for f in data["findings"]}
        assert "tcp.retransmission" not in codes and "tcp.clock-stepped" not in codes
        assert sorted(ours) == sorted(theirs), (ours, theirs)
        for d in ("c>s", "s>c"):  # each side's segments in the order it sent them
            assert [x for x in ours if x[0] == d] == [x for x in theirs if x[0] == d]
        assert data["close_initiator"] == "server"  # HTTP/1.0: the server closes first
