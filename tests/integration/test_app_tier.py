"""The application tier in the sandbox (app.lab.test: Caddy -> uvicorn/Starlette + Redis), checked
with independent clients: curl with a cookie jar (-c/-b), redis-cli reading the session rows, a
hand-written WebSocket client on a raw socket, tshark's websocket and http dissectors on the
probes' captures; and hostile servers (tests/integration/servers/app_hostile.py) whose every
fault must be a clear finding."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

HOSTILE = Path(__file__).resolve().parent / "servers" / "app_hostile.py"


def _ca(sandbox) -> str:
    return sandbox.info.cacert


def _redis(sandbox, *args) -> str:
    sock = str(sandbox.state_dir / "app" / "app" / "redis.sock")
    p = sandbox.exec(["redis-cli", "-s", sock, *args], host="client")
    assert p.returncode == 0, p.stderr
    return p.stdout


def _json(p) -> dict:
    assert p.returncode == 0, (p.stdout[-2000:], p.stderr[-2000:])
    return json.loads(p.stdout)


def _codes(doc: dict) -> set[str]:
    return {f["code"] for f in doc["findings"]}


def test_curl_cookie_jar_and_the_session_row(sandbox, tmp_path):
    jar = tmp_path / "jar.txt"
    login = sandbox.exec(["curl", "-sv", "--cacert", _ca(sandbox), "-c", str(jar), "-d", "user=student",
                          "-d", "password=netlab", "https://app.lab.test/login"])
    assert "< set-cookie: sid=" in login.stderr.lower() and "httponly" in login.stderr.lower()
    line = next(x for x in jar.read_text().splitlines() if "\tsid\t" in x)
    assert line.startswith("#HttpOnly_app.lab.test")  # curl's own reading of HttpOnly and host-only
    sid = line.split("\t")[-1]
    account = sandbox.exec(["curl", "-s", "--cacert", _ca(sandbox), "-b", str(jar), "https://app.lab.test/account"])
    assert json.loads(account.stdout)["user"] == "student"
    row = _redis(sandbox, "HGETALL", f"session:{sid}").split()
    assert dict(zip(row[::2], row[1::2], strict=True))["user"] == "student"
    assert 0 < int(_redis(sandbox, "TTL", f"session:{sid}")) <= 600
    plain = sandbox.exec(["curl", "-sv", "-d", "user=student", "-d", "password=netlab", "http://app.lab.test/login"])
    assert "set-cookie: sid=" in plain.stderr.lower() and "secure" not in plain.stderr.lower().split("set-cookie: sid=")[1].split("\n")[0]
    sandbox.exec(["curl", "-s", "--cacert", _ca(sandbox), "-b", str(jar), "-X", "POST", "https://app.lab.test/logout"])
    assert _redis(sandbox, "EXISTS", f"session:{sid}").strip() == "0"


def test_http_state_agrees_with_redis_cli_and_tshark(sandbox, tmp_path):
    pcap = tmp_path / "state.pcap"
    doc = _json(sandbox.netlab("http-state", "https://app.lab.test/", "--pcap", str(pcap), "--json", timeout=120))
    res = doc
    for code in ("state.stateless", "state.session-row", "state.logout-cleared", "state.session-expired",
                 "state.cleartext-cookie", "state.https-hidden"):
        assert code in _codes(doc), code
    assert sum(1 for f in doc["findings"] if f["code"] == "state.jwt-verified") == 3
    assert "state.accepted" not in _codes(doc)
    row = next(r for r in res["store_reads"] if r["step"] == "store-after-login")
    assert row["fields"]["user"] == "student"
    # the sessions the probe made are gone for redis-cli too (logged out, or expired)
    keys = [c["value"] for c in res["cookies"] if c["name"] == "sid" and c["step"] in ("login", "login-short")]
    assert keys and all(_redis(sandbox, "EXISTS", f"session:{k}").strip() == "0" for k in keys)
    # tshark: the http:// session cookie in clear text, no Cookie header readable on 443
    plain_sid = next(c["value"] for c in res["cookies"] if c["name"] == "sid" and c["step"] == "plain-login")
    cookies = sandbox.exec(["tshark", "-r", str(pcap), "-Y", "http.cookie", "-T", "fields", "-e", "tcp.dstport",
                            "-e", "http.cookie"]).stdout
    assert f"sid={plain_sid}" in cookies
    assert all(line.split("\t")[0] == "80" for line in cookies.splitlines() if line.strip())


HANDSHAKE_CLIENT = r"""
import base64, os, socket, sys
s = socket.create_connection(("app.lab.test", 80), timeout=5)
key = "dGhlIHNhbXBsZSBub25jZQ=="
s.sendall(("GET /ws/echo HTTP/1.1\r\nHost: app.lab.test\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
buf = b""
while b"\r\n\r\n" not in buf:
    buf += s.recv(4096)
head, rest = buf.split(b"\r\n\r\n", 1)
assert head.startswith(b"HTTP/1.1 101"), head
assert b"s3pPLMBiTxaQ9kYGzzhZRbK+xOo=" in head, head  # RFC 6455's own example, checked by hand
mask = os.urandom(4)
msg = b"raw socket says hi"
s.sendall(bytes([0x81, 0x80 | len(msg)]) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(msg)))
while len(rest) < 2 + len(msg):
    rest += s.recv(4096)
assert rest[0] == 0x81 and rest[1] == len(msg) and rest[2:2 + len(msg)] == msg, rest  # unmasked, unchanged
print("ok")
"""


def test_a_raw_socket_client_with_a_hand_checked_handshake(sandbox):
    p = sandbox.exec([sys.executable, "-c", HANDSHAKE_CLIENT])
    assert p.returncode == 0 and p.stdout.strip() == "ok", p.stderr


def _tshark_frames(sandbox, pcap) -> list[tuple[int, bool, int]]:
    out = sandbox.exec(["tshark", "-r", str(pcap), "-Y", "websocket", "-T", "fields", "-e", "websocket.opcode",
                        "-e", "websocket.mask", "-e", "websocket.payload_length", "-e",
                        "websocket.payload_length_ext_16", "-e", "websocket.payload_length_ext_64"]).stdout
    frames = []
    for line in out.splitlines():
        cols = [c.split(",") for c in line.split("\t")]
        if not cols or not cols[0][0]:
            continue
        for i, op in enumerate(cols[0]):
            at = [cols[k][i] if k < len(cols) and i < len(cols[k]) and cols[k][i] else None for k in range(5)]
            frames.append((int(op), at[1] in ("1", "True"), int(at[4] or at[3] or at[2])))
    return frames


def test_websocket_frames_match_tshark_on_the_plain_ws_run(sandbox, tmp_path):
    pcap = tmp_path / "ws.pcap"
    doc = _json(sandbox.netlab("websocket", "ws://app.lab.test/ws/echo", "--pcap", str(pcap), "--json", timeout=60))
    res = doc
    ours = [({"text": 1, "binary": 2, "continuation": 0, "close": 8, "ping": 9, "pong": 10}[f["opcode"]],
             f["masked"], f["length"]) for f in res["frames"]]
    assert _tshark_frames(sandbox, pcap) == ours
    assert {f["length_form"] for f in res["frames"]} == {7, 16, 64}
    assert res["upgrade"]["accept_ok"] and "ws.masking" in _codes(doc)


def test_push_vs_polling_and_server_pings(sandbox):
    doc = _json(sandbox.netlab("websocket", "wss://app.lab.test/ws/push", "--no-send", "--pings", "1", "--listen", "3",
                               "--compare-polling", "--poll-interval", "0.25", "--json", timeout=60))
    res = doc
    assert res["push"]["messages"] >= 4 and res["polling"]["requests"] >= 8 and res["polling"]["empty"] >= 2
    assert res["polling"]["bytes_up"] + res["polling"]["bytes_down"] > 3 * res["push"]["wire_bytes"]
    beat = _json(sandbox.netlab("websocket", "wss://app.lab.test/ws/heartbeat", "--no-send", "--pings", "0",
                                "--listen", "2.5", "--json", timeout=60))
    assert len(beat["server_pings"]) >= 2 and "ws.server-pings" in _codes(beat)


# ------------------------------------------------------------------------------------ hostile servers


@pytest.fixture
def hostile(sandbox):
    def start(mode: str, port: int) -> None:
        sandbox.popen([sys.executable, str(HOSTILE), mode, str(port)], host="client")
        for _ in range(50):
            if sandbox.exec(["bash", "-c", f"exec 3<>/dev/tcp/127.0.0.1/{port}"], host="client").returncode == 0:
                return
            time.sleep(0.1)
        pytest.fail(f"the hostile server {mode} did not start")

    return start


@pytest.mark.parametrize("mode, port, code, extra", [
    ("ws-200", 18601, "ws.not-101", []),
    ("ws-wrong-accept", 18602, "ws.wrong-accept", []),
    ("ws-oversized", 18603, "ws.frame-too-big", []),
    ("ws-bad-utf8", 18604, "ws.invalid-utf8", []),
    ("ws-lax", 18605, "ws.unmasked-accepted", ["--unmasked-test"]),
])
def test_hostile_websocket_servers(sandbox, hostile, mode, port, code, extra):
    hostile(mode, port)
    p = sandbox.netlab("websocket", f"ws://127.0.0.1:{port}/", "--timeout", "2", "--no-capture", *extra, "--json",
                       timeout=60)
    doc = _json(p)
    found = {f["code"]: f for f in doc["findings"]}
    assert code in found, sorted(found)
    assert found[code]["severity"] == "error" and found[code]["message_ko"]


def test_hostile_http_state_server(sandbox, hostile):
    hostile("http-bad", 18610)
    doc = _json(sandbox.netlab("http-state", "http://127.0.0.1:18610/", "--timeout", "2", "--no-capture", "--json",
                               timeout=60))
    codes = [f["code"] for f in doc["findings"]]
    assert codes.count("state.cookie-malformed") >= 2 and "state.cookie-rejected" in codes
    bad = next(f for f in doc["findings"] if f["code"] == "state.jwt-not-base64")
    assert bad["severity"] == "error" and "base64url" in bad["message"]
