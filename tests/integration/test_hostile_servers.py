"""Unbounded work on hostile servers is bounded (issue 20, 4): a body that never ends is cut by the
per-response cap or by the run's overall deadline, and the report says what was cut and why."""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

SERVER = Path(__file__).resolve().parent / "servers" / "endless.py"


def _self_signed(tmp_path: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "hostile")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


@pytest.fixture
def endless(sandbox, tmp_path):
    cert, key = _self_signed(tmp_path)

    def start(port: int, slow: bool):
        argv = [sys.executable, str(SERVER), str(port), str(cert), str(key)] + (["--slow"] if slow else [])
        sandbox.popen(argv, host="client")
        for _ in range(50):  # wait until it listens
            if sandbox.exec(["bash", "-c", f"exec 3<>/dev/tcp/127.0.0.1/{port}"], host="client").returncode == 0:
                return cert
            time.sleep(0.1)
        pytest.fail("the hostile server did not start")

    return start


def _findings(p) -> dict:
    assert p.returncode == 0, p.stderr[-1500:]
    return {f["code"]: f for f in json.loads(p.stdout)["findings"]}


def test_an_endless_fast_body_is_cut_at_the_cap(sandbox, endless):
    cert = endless(18443, slow=False)
    t = time.monotonic()
    p = sandbox.netlab("http-compare", "https://127.0.0.1:18443/", "--cacert", str(cert), "--protocols", "h1,h2",
                       "--repeat", "1", "--timeout", "2", "--json", timeout=120)
    took = time.monotonic() - t
    found = _findings(p)
    assert "http.body-cut" in found and "MiB" in found["http.body-cut"]["message"], found.keys()
    assert took < 60, took


def test_an_endless_slow_body_is_cut_by_the_deadline(sandbox, endless):
    cert = endless(18444, slow=True)
    t = time.monotonic()
    p = sandbox.netlab("http-compare", "https://127.0.0.1:18444/", "--cacert", str(cert), "--protocols", "h1,h2",
                       "--repeat", "3", "--timeout", "2", "--deadline", "6", "--json", timeout=120)
    took = time.monotonic() - t
    found = _findings(p)
    assert "http.deadline" in found or "http.body-cut" in found, found.keys()
    assert "http.deadline" in found and "--deadline" in found["http.deadline"]["message"]
    assert took < 20, f"the run took {took:.1f} s with --deadline 6"


def test_tcp_handshake_http_stops_reading_an_endless_reply(sandbox, tmp_path):
    sandbox.popen([sys.executable, str(SERVER), "18445", "--plain"], host="client")
    time.sleep(0.5)
    saved = tmp_path / "endless.json"
    t = time.monotonic()
    p = sandbox.netlab("tcp-handshake", "127.0.0.1:18445", "--http", "--timeout", "10", "--save", str(saved),
                       "--json", timeout=120)
    took = time.monotonic() - t
    found = _findings(p)
    assert "tcp.reply-cut" in found, found.keys()
    assert took < 30, took
    assert saved.stat().st_size < 8 << 20  # the evidence kept is capped (1 MiB of reply + frames)
    assert json.loads(p.stdout)["received_bytes"] > 16 << 20


def test_send_bytes_that_are_not_utf8(sandbox):
    sandbox.popen([sys.executable, str(SERVER), "18446", "--plain"], host="client")
    time.sleep(0.5)
    argv = sandbox.exec_argv([sys.executable, "-c",
                              "import sys; from netlab.cli import main; sys.argv[0] = 'netlab'; main()",
                              "tcp-handshake", "127.0.0.1:18446", "--send", "@SEND@", "--json"])
    argv = [b"\xff\xfeGET" if a == "@SEND@" else a for a in argv]  # raw bytes, as a shell would pass them
    import subprocess

    p = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    assert p.returncode == 0 and "Traceback" not in p.stderr, p.stderr[-1500:]
    data = json.loads(p.stdout)
    assert data["sent_bytes"] == 6, (data["sent_bytes"], data.get("params"))  # the two bytes, GET, newline


def test_server_bytes_reach_the_terminal_inert(sandbox, tmp_path):
    """A reply's first line with ESC, BEL, CSI and a bidi override is shown escaped, in every renderer."""
    sandbox.popen([sys.executable, str(Path(__file__).resolve().parent / "servers" / "banner.py"), "18447"],
                  host="client")
    time.sleep(0.5)
    md = tmp_path / "r.md"
    html = tmp_path / "r.html"
    p = sandbox.netlab("tcp-handshake", "127.0.0.1:18447", "--http", "--close", "server", "--markdown", str(md),
                       "--html", str(html), timeout=60)
    assert p.returncode == 0, p.stderr[-1500:]
    for text in (p.stdout, md.read_text(), html.read_text()):
        assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "\\x1b]0;pwned\\x07" in p.stdout  # shown, escaped: the student still sees what was sent
