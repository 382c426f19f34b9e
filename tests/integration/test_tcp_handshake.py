"""`netlab tcp-handshake` in the default sandbox, against the tcp-lab host (tcp.lab.test):

port 80 an HTTP server, 8080 a server that closes first, 81 closed (nothing listens), 82 filtered
(the host's link drops it).  The probe runs in the client host (`--json`); its packet list is
compared with tshark's own dissection of the pcap it wrote, and its TIME_WAIT / CLOSE_WAIT claims
with the kernel's socket tables read by `ss` in the client and in the server host.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

pytestmark = pytest.mark.integration

TSHARK_FLAGS = {"S": "SYN", "F": "FIN", "R": "RST", "P": "PSH", "A": "ACK", "U": "URG", "E": "ECE", "C": "CWR"}
ORDER = ["SYN", "FIN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"]


def run(sandbox, *args: str, expect_rc: int = 0) -> dict:
    r = sandbox.netlab("tcp-handshake", *args, "--json", timeout=60)
    assert r.returncode == expect_rc, f"exit {r.returncode}\nstdout: {r.stdout[-2000:]}\nstderr: {r.stderr[-2000:]}"
    data = json.loads(r.stdout)
    assert data["probe"] == "tcp-handshake"
    return data


def lab(sandbox) -> dict:
    return sandbox.host("tcp-lab")


def codes(data: dict) -> set[str]:
    return {f["code"] for f in data["findings"]}


def tshark_fields(pcap: str) -> list[dict]:
    fields = ["tcp.flags.str", "tcp.seq", "tcp.ack", "tcp.seq_raw", "tcp.ack_raw", "tcp.len", "tcp.window_size",
              "tcp.srcport"]
    argv = ["tshark", "-r", pcap, "-o", "tcp.relative_sequence_numbers:TRUE", "-T", "fields", "-E", "separator=|"]
    for f in fields:
        argv += ["-e", f]
    out = subprocess.run(argv, capture_output=True, text=True, check=True, timeout=60).stdout
    rows = []
    for line in out.splitlines():
        vals = dict(zip(fields, line.split("|"), strict=True))
        flags = [TSHARK_FLAGS[c] for c in vals["tcp.flags.str"] if c in TSHARK_FLAGS]
        vals["flags"] = ",".join(f for f in ORDER if f in flags)
        rows.append(vals)
    return rows


def test_open_port_packets_match_tshark(sandbox, tmp_path):
    if not shutil.which("tshark"):
        pytest.skip("tshark not installed (apt-get install tshark)")
    pcap = tmp_path / "open.pcap"
    tmp_path.chmod(0o777)
    addr = lab(sandbox)["ipv4"]
    data = run(sandbox, f"{addr}:80", "--http", "--pcap", str(pcap))
    assert data["outcome"] == "connected" and data["captured"]
    pk = data["packets"]
    # the flags sequence: handshake, request/response, close
    assert [p["flags"] for p in pk[:3]] == ["SYN", "SYN,ACK", "ACK"]
    assert pk[1]["ack"] == (data["client_isn"] + 1) % 2**32  # ack = peer ISN + 1
    assert pk[2]["ack"] == (data["server_isn"] + 1) % 2**32
    assert (pk[0]["rel_seq"], pk[1]["rel_seq"], pk[1]["rel_ack"], pk[2]["rel_seq"], pk[2]["rel_ack"]) == (0, 0, 1, 1, 1)
    request = next(p for p in pk if p["direction"] == "c>s" and p["payload_len"])
    assert request["rel_seq"] == 1 and request["payload_len"] == data["sent_bytes"]
    assert sum(1 for p in pk if "FIN" in p["flags"]) == 2
    assert data["received_bytes"] > 0 and data["reply_preview"].startswith("HTTP/1.1 200")
    # tshark's independent dissection of the pcap we wrote
    ts = tshark_fields(str(pcap))
    assert len(ts) == len(pk)
    for ours, theirs in zip(pk, ts, strict=True):
        assert ours["flags"] == theirs["flags"]
        assert ours["seq"] == int(theirs["tcp.seq_raw"])
        assert ours["rel_seq"] == int(theirs["tcp.seq"])
        assert ours["payload_len"] == int(theirs["tcp.len"])
        if "ACK" in ours["flags"]:
            assert ours["rel_ack"] == int(theirs["tcp.ack"])
            assert ours["ack"] == int(theirs["tcp.ack_raw"])
        assert ours["window"] == int(theirs["tcp.window_size"])  # scaled by tshark too
    # the handshake RTT: never below the emulated delay, near it
    rtt = lab(sandbox)["rtt_ms"]
    assert rtt <= data["handshake_rtt_ms"] < rtt + 25


def test_client_closes_first_and_holds_time_wait(sandbox):
    data = run(sandbox, f"{lab(sandbox)['ipv4']}:80", "--http")
    assert data["close_initiator"] == "client" and data["time_wait_side"] == "client"
    client_states = [s["state"] for s in data["states"] if s["side"] == "client"]
    assert client_states[-3:] == ["FIN_WAIT_1", "FIN_WAIT_2", "TIME_WAIT"]
    assert any(s["state"] == "TIME-WAIT" for s in data["socket_table"])
    # independently: the client's kernel still lists our 4-tuple in TIME-WAIT (60 s on Linux)
    r = sandbox.exec(["ss", "-tanoH", "state", "time-wait"])
    mine = [ln for ln in r.stdout.splitlines() if f":{data['local_port']} " in ln]
    assert mine, r.stdout
    assert "timewait" in mine[0]
    assert "tcp.time-wait" in codes(data)


def test_server_closes_first(sandbox):
    data = run(sandbox, f"{lab(sandbox)['ipv4']}:8080", "--send", "hello", "--close", "server")
    assert data["close_initiator"] == "server" and data["time_wait_side"] == "server"
    client_states = [s["state"] for s in data["states"] if s["side"] == "client"]
    assert client_states[-3:] == ["CLOSE_WAIT", "LAST_ACK", "CLOSED"]
    assert any(s["state"] == "CLOSE-WAIT" for s in data["socket_table"])
    assert data["reply_preview"].startswith("hello from")
    # the server host's kernel holds the TIME_WAIT entry for our 4-tuple
    r = sandbox.exec(["ss", "-tanH", "state", "time-wait"], host="tcp-lab")
    assert any(f":{data['local_port']}" in ln for ln in r.stdout.splitlines()), r.stdout


def test_http_connection_close_is_a_server_close(sandbox):
    data = run(sandbox, "tcp.lab.test:80", "--http", "--close", "server")
    assert data["address"] == lab(sandbox)["ipv4"] or data["address"] == lab(sandbox)["ipv6"]
    assert data["close_initiator"] == "server"


def test_closed_port_gets_rst(sandbox):
    data = run(sandbox, f"{lab(sandbox)['ipv4']}:81")
    assert data["outcome"] == "refused"
    assert [p["flags"] for p in data["packets"]] == ["SYN", "RST,ACK"]
    assert "tcp.refused" in codes(data)
    r = sandbox.netlab("tcp-handshake", f"{lab(sandbox)['ipv4']}:81", "--fail-on", "error")
    assert r.returncode == 1


def test_filtered_port_syn_retransmissions_then_timeout(sandbox):
    data = run(sandbox, f"{lab(sandbox)['ipv4']}:82", "--timeout", "2.5", expect_rc=3)
    assert data["outcome"] == "timeout"
    syns = data["syn_times_ms"]
    assert len(syns) >= 3  # at 0, about +1 s and about +2 s (or +3 s with pure doubling)
    assert 900 <= syns[1] - syns[0] <= 1300
    assert all(p["flags"] == "SYN" for p in data["packets"])
    assert "tcp.filtered" in codes(data)


def test_ipv6(sandbox):
    data = run(sandbox, f"[{lab(sandbox)['ipv6']}]:80", "-6", "--send", "GET / HTTP/1.0\r\n")
    assert data["family"] == 6 and data["outcome"] == "connected"
    assert data["options"]["client_mss"] == 1440
    assert data["packets"][1]["rel_ack"] == 1


def test_name_that_does_not_resolve(sandbox):
    data = run(sandbox, "nosuch.lab.test:80", expect_rc=3)
    assert data["outcome"] == "no-such-name"
    assert "tcp.name-not-resolved" in codes(data)


def test_without_capture_rights_the_kernel_view_remains(sandbox):
    if not shutil.which("setpriv"):
        pytest.skip("setpriv (util-linux) not installed")
    import sys

    argv = ["setpriv", "--inh-caps=-net_raw", "--bounding-set=-net_raw", sys.executable, "-c",
            "import sys; from netlab.cli import main; sys.argv[0] = 'netlab'; main()",
            "tcp-handshake", f"{lab(sandbox)['ipv4']}:80", "--http", "--json"]
    r = sandbox.exec(argv, timeout=60)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["outcome"] == "connected" and not data["captured"] and not data["packets"]
    assert "tcp.no-capture" in codes(data)
    assert "CAP_NET_RAW" in data["capture_note"]
    assert data["tcp_info"]["rtt_ms"] > 0 and data["tcp_info"]["snd_mss"] > 0


def test_unreachable_host_icmp_from_the_router(sandbox):
    """No host has 198.18.1.199: the router's ARP gets no reply and it answers with ICMP."""
    taken = {a for h in sandbox.state["hosts"] for a in h.get("addresses", [])}
    assert "198.18.1.199" not in taken
    data = run(sandbox, "198.18.1.199:80", "--timeout", "8", expect_rc=3)
    assert data["outcome"] == "unreachable"
    icmp = [p for p in data["packets"] if p["direction"] == "icmp"]
    assert icmp and "host unreachable" in icmp[0]["summary"]
    router = sandbox.host("router")
    assert icmp[0]["src"] in router["addresses"] or icmp[0]["src"] in (router.get("ipv4"), router.get("ipv6"))
    assert "tcp.unreachable" in codes(data)
