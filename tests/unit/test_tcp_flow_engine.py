"""The transfer engine and the sandbox's bulk server, on loopback with real sockets (no sandbox):
the protocol, both ends' TCP_INFO rows, the reader's pause, the chosen congestion control."""

import json
import socket
import threading

import pytest

from netlab.probes.tcp_flow import engine, tcpinfo
from netlab.sandbox.services import bulkserver


def test_tcp_info_layout_of_this_kernel():
    lst = socket.create_server(("127.0.0.1", 0))
    c = socket.create_connection(lst.getsockname())
    a, _ = lst.accept()
    c.sendall(b"x" * 5000)
    info = tcpinfo.parse(tcpinfo.read(c))
    assert info["state"] == 1 and info["snd_cwnd"] >= 10 and info["snd_ssthresh"] == tcpinfo.INFINITE_SSTHRESH
    assert info["snd_mss"] > 0 and info["rtt"] > 0
    assert info["snd_wnd"] is None or info["snd_wnd"] > 0  # kernels before 6.2 have no tcpi_snd_wnd
    short = tcpinfo.parse(tcpinfo.read(c)[:100])  # an older kernel's shorter struct
    assert short["snd_cwnd"] == info["snd_cwnd"] and short["delivery_rate"] is None
    for x in (c, a, lst):
        x.close()


def test_request_round_trip_and_checks():
    req = engine.Request(direction="upload", bytes=1000, cc="reno", rcvbuf=65536)
    back = engine.Request.from_json(json.loads(req.to_line()))
    assert back == req
    for bad in ({"netlab_bulk": 1, "direction": "sideways", "bytes": 1}, {"netlab_bulk": 1, "direction": "upload"},
                {"netlab_bulk": 1, "direction": "upload", "bytes": 1, "seconds": 1},
                {"netlab_bulk": 1, "direction": "upload", "bytes": 1, "cc": "vegas"}, {"direction": "upload"}):
        with pytest.raises(ValueError):
            engine.Request.from_json(bad)


@pytest.fixture
def server():
    """The sandbox's bulk server code, in a thread here: a sink and a source on loopback."""
    socks = {}
    for role in ("sink", "source"):
        lst = socket.create_server(("127.0.0.1", 0))
        slots = threading.BoundedSemaphore(4)

        def loop(lst=lst, role=role, slots=slots):
            while True:
                try:
                    conn, _ = lst.accept()
                except OSError:
                    return
                slots.acquire()
                threading.Thread(target=bulkserver._serve, args=(conn, role, slots), daemon=True).start()

        threading.Thread(target=loop, daemon=True).start()
        socks[role] = lst
    yield {r: s.getsockname()[1] for r, s in socks.items()}
    for s in socks.values():
        s.close()


def _control(port, req):
    c = socket.create_connection(("127.0.0.1", port), timeout=5)
    c.sendall(req.to_line())
    return c, engine.read_line(c)


def test_download_from_the_source_with_the_congestion_control_asked(server):
    req = engine.Request(direction="download", bytes=3_000_000, cc="reno", sample_ms=1)
    ctl, reply = _control(server["source"], req)
    assert reply["ok"] and reply["role"] == "source" and reply["cc"] == "reno" and reply["boot_id"] == engine.boot_id()
    data = socket.create_connection(("127.0.0.1", reply["port"]))
    mine = engine.receive(data, req)
    data.close()
    theirs = engine.Side.from_wire(engine.read_line(ctl, limit=engine.MAX_RESULT, timeout=20)["side"])
    ctl.close()
    assert mine.outcome == "ok" and mine.app_bytes == 3_000_000 and mine.role == "receiver"
    assert theirs.outcome == "ok" and theirs.role == "sender" and theirs.cc == "reno" and theirs.app_bytes == 3_000_000
    assert theirs.fields[:3] == ["state", "ca_state", "retransmits"] and len(theirs.rows) >= 2
    acked = theirs.fields.index("bytes_acked") + 2
    assert theirs.rows[-1][acked] >= 3_000_000  # the sender sampled until the last byte was acknowledged


def test_upload_to_the_sink_with_a_small_buffer_and_a_pause_closes_the_window(server):
    req = engine.Request(direction="upload", bytes=2_000_000, rcvbuf=16384, reader_pause_ms=300, pause_after=65536,
                         sample_ms=1)
    ctl, reply = _control(server["sink"], req)
    assert reply["ok"] and reply["role"] == "sink"
    data = socket.create_connection(("127.0.0.1", reply["port"]))
    mine = engine.send(data, req)
    data.close()
    theirs = engine.Side.from_wire(engine.read_line(ctl, limit=engine.MAX_RESULT, timeout=20)["side"])
    assert mine.outcome == "ok" and theirs.app_bytes == 2_000_000 and theirs.pause is not None
    wnd = mine.fields.index("snd_wnd") + 2
    assert min(r[wnd] for r in mine.rows if r[wnd] is not None) == 0  # the sink's window closed
    assert theirs.rcvbuf >= 16384


def test_the_wrong_direction_is_refused_and_a_plain_client_gets_discard(server):
    _, reply = _control(server["sink"], engine.Request(direction="download", bytes=10))
    assert reply == {"ok": False, "error": "this is a sink: it serves uploads only"}
    c = socket.create_connection(("127.0.0.1", server["sink"]))
    c.sendall(b"hello, discard\n")
    c.shutdown(socket.SHUT_WR)
    c.settimeout(5)
    assert c.recv(100) == b""  # read and thrown away, as RFC 863 says
    c.close()


def test_a_hostile_result_is_refused():
    with pytest.raises(engine.ProtocolError):
        engine.Side.from_wire({"role": "sender", "rows_zlib": "not base64!"})
    import base64
    import zlib

    bomb = base64.b64encode(zlib.compress(b"[" + b"0," * (30 << 20) + b"0]")).decode()
    with pytest.raises(engine.ProtocolError, match="larger"):
        engine.Side.from_wire({"role": "sender", "rows_zlib": bomb})
