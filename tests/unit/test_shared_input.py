"""The shared defences against bad input (issue 20): one validation of targets and options, one
sanitiser in front of the renderers, a Recording treated as untrusted input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from netlab import targets
from netlab.report.document import Document, KeyValues, Section, Table, Text, Timeline, TimelineEntry
from netlab.report.markdown import render_markdown
from netlab.report.sanitise import clean, sanitise
from netlab.report.terminal import render_terminal

# ------------------------------------------------------------------ targets


@pytest.mark.parametrize("text, expected", [
    ("www.naver.com", ("www.naver.com", 80)),
    ("www.naver.com:8080", ("www.naver.com", 8080)),
    ("198.18.1.4:53", ("198.18.1.4", 53)),
    ("[2001:db8::1]:443", ("2001:db8::1", 443)),
    ("[2001:db8::1]", ("2001:db8::1", 80)),
    ("2001:db8::1", ("2001:db8::1", 80)),
    ("한글.kr", ("xn--bj0bj06e.kr", 80)),
    ("WWW.Naver.COM.", ("www.naver.com", 80)),
])
def test_host_port_accepts(text, expected):
    assert targets.host_port(text, 80) == expected


@pytest.mark.parametrize("text", [
    "", " ", ":", ":80", "host:", "host:0", "host:65536", "host:99999", "host:-1", "host:8o",
    "[::1", "[::1]x", "[::1]:", "[::1]:0", "[nothost]:80", "2001:db8::1:80:x", "a..b", "a b",
    "bad_label!.com", "x\n", "x\x1b]0;t\x07", "-" * 64 + ".com", ".",
])
def test_host_port_refuses(text):
    with pytest.raises(targets.TargetError):
        targets.host_port(text, 80)


def test_url_guesses_scheme_and_encodes():
    u = targets.url("naver.com")
    assert (u.scheme, u.host, u.port, u.path, u.scheme_guessed) == ("https", "naver.com", 443, "/", True)
    u = targets.url("https://네이버.com/검색?q=1#frag")
    assert u.host == "xn--950bt9s8xi.com" and u.path == "/%EA%B2%80%EC%83%89?q=1"
    bad_byte = b"/a\xff".decode("utf-8", "surrogateescape")  # an argv byte that is not UTF-8
    assert targets.url("https://h.test" + bad_byte).path == "/a%FF"
    assert targets.url("http://[2001:db8::1]:8080/x").authority == "[2001:db8::1]:8080"


@pytest.mark.parametrize("text", [
    "", "https://", "https://:443/", "https://h.test:0/", "https://[::1]x/", "https://[::1/",
    "ftp://h.test/", "https://u:p@h.test/", "https://h.test/" + "a" * 100_000, "https://h.test/\r\nX: y",
])
def test_url_refuses(text):
    with pytest.raises(targets.TargetError):
        targets.url(text)


@pytest.mark.parametrize("text", ["h:99999:198.18.1.1", "h:443:nothing", "h:443", ":443:198.18.1.1", "h:0:1.2.3.4"])
def test_resolve_pin_refuses(text):
    with pytest.raises(targets.TargetError):
        targets.resolve_pin(text)


def test_resolve_pin_accepts_v6():
    assert targets.resolve_pin("www.naver.com:443:[2001:db8::10]") == ("www.naver.com", 443, "2001:db8::10")


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-1", "0", "1e9", "x", ""])
def test_seconds_refuses(value):
    with pytest.raises(targets.TargetError):
        targets.seconds(value, 0.05, 600)


@pytest.mark.parametrize("name", ["", "x\n", "a/b", "../x", "-x", "x" * 41, "a b", "é", ".", ".."])
def test_sandbox_name_refuses(name):
    with pytest.raises(targets.TargetError):
        targets.sandbox_name(name)


def _netlab(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "netlab", *args], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("args", [
    ["--sandbox=", "dns-trace", "naver.com"],  # an empty value must never mean live mode
    ["--sandbox=x\n", "dns-trace", "naver.com"],
    ["dns-trace", "--timeout", "nan", "naver.com"],
    ["tcp-handshake", "--timeout", "inf", "h.test:80"],
])
def test_bad_options_are_usage_errors(args):
    p = _netlab(*args)
    assert p.returncode == 2, (p.returncode, p.stderr)
    assert "Traceback" not in p.stderr


# ------------------------------------------------------------------ the sanitiser

HOSTILE = "HTTP/1.1 200 OK\x1b]0;pwned\x07\r\nX-Evil: \x1b[2J\u202egnp.exe\x9b"


def test_clean_makes_every_control_visible():
    out = clean(HOSTILE)
    assert not any(ord(c) < 0x20 or 0x7f <= ord(c) <= 0x9f for c in out)
    assert "\u202e" not in out and "\\u202e" in out
    assert "\\x1b]0;pwned\\x07\\r\\nX-Evil" in out
    assert clean("two\nlines", multiline=True) == "two\nlines"


def test_every_renderer_gets_sanitised_text():
    doc = Document(title=HOSTILE, probe="p", summary=HOSTILE, blocks=[
        Text(HOSTILE), KeyValues([("server", HOSTILE)]), Table(columns=["h"], rows=[[HOSTILE]]),
        Timeline(entries=[TimelineEntry(HOSTILE, detail=HOSTILE)]),
        Section(title=HOSTILE, blocks=[Text(HOSTILE)]),
    ])
    for text in (render_terminal(doc, width=100, color=False), render_markdown(doc, verbose=True)):
        assert "\x1b" not in text and "\r" not in text and "\x07" not in text and "\u202e" not in text
        assert "\\x1b" in text
    assert sanitise(doc).title != doc.title and doc.title == HOSTILE  # the original is untouched


# ------------------------------------------------------------------ recordings are untrusted input


def _rec(tmp_path, data, name="r.json"):
    p = tmp_path / name
    p.write_text(json.dumps(data) if not isinstance(data, str) else data)
    return str(p)


def test_report_refuses_hostile_files(tmp_path):
    cases = {
        "not-utf8.json": b"\xff\xfe{\x00",
        "deep.json": b"[" * 100_000,
        "deep2.json": (b"[" * 80) + (b"]" * 80),
        "empty.json": b"",
    }
    for name, content in cases.items():
        p = tmp_path / name
        p.write_bytes(content)
        r = _netlab("report", str(p))
        assert r.returncode == 2, (name, r.returncode, r.stderr)
        assert r.stderr.startswith("netlab: ") and "Traceback" not in r.stderr, (name, r.stderr)
    r = _netlab("report", "/dev/zero")
    assert r.returncode == 2 and "MiB" in r.stderr


def test_report_refuses_params_of_the_wrong_type(tmp_path):
    data = json.loads(open("tests/fixtures/tcp/refused.json").read())
    data["params"]["timeout"] = "soon"
    r = _netlab("report", _rec(tmp_path, data))
    assert r.returncode == 2 and "malformed recording" in r.stderr and "params.timeout" in r.stderr, r.stderr


def test_report_save_writes_the_recording_again(tmp_path):
    out = tmp_path / "again.json"
    r = _netlab("report", "tests/fixtures/tcp/refused.json", "--save", str(out))
    assert r.returncode == 0, r.stderr
    again = json.loads(out.read_text())
    assert again["format"] == "netlab-recording" and again["probe"] == "tcp-handshake"
    assert len(again["events"]) == len(json.loads(open("tests/fixtures/tcp/refused.json").read())["events"])


def test_http_compare_url_uses_the_shared_validation():
    from netlab.errors import UsageError
    from netlab.probes.http_compare.params import parse_resolve, parse_url

    t = parse_url("네이버.com/검색")
    assert (t.host, t.port, t.path) == ("xn--950bt9s8xi.com", 443, "/%EA%B2%80%EC%83%89")
    assert t.url == "https://xn--950bt9s8xi.com/%EA%B2%80%EC%83%89"
    for bad in ("https://[::1]x/", "https://h.test:0/", "https://h.test/" + "a" * 100_000):
        with pytest.raises(UsageError):
            parse_url(bad)
    with pytest.raises(UsageError):
        parse_resolve(["h.test:99999:198.18.1.1"])


def test_a_diagnosis_is_one_short_line_even_for_a_huge_argument():
    p = _netlab("http-compare", "https://h.test/" + "a" * 100_000)
    assert p.returncode == 2
    assert p.stderr.count("\n") <= 2 and len(p.stderr) < 800, p.stderr[:200]


@pytest.mark.parametrize("content", [b"", b"\x8f\x01random bytes\xff", b"-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n",
                                     b"-----BEGIN CERTIFICATE-----\nMIIBroken\n-----END CERTIFICATE-----\n"])
def test_bad_ca_files_are_usage_errors(tmp_path, content):
    f = tmp_path / "ca.pem"
    f.write_bytes(content)
    for probe in (["tls-inspect", "h.test"], ["http-compare", "https://h.test/"]):
        p = _netlab(*probe, "--cacert", str(f))
        assert p.returncode == 2 and "--cacert" in p.stderr and "Traceback" not in p.stderr, p.stderr


def test_special_and_missing_ca_files(tmp_path):
    for path, words in (("/dev/null", "not a regular file"), (str(tmp_path / "none.pem"), "no such file")):
        p = _netlab("tls-inspect", "h.test", "--cacert", path)
        assert p.returncode == 2 and words in p.stderr, p.stderr


@pytest.mark.parametrize("opt", ["--keylog", "--pcap", "--save", "--html"])
def test_unwritable_output_files_are_usage_errors(opt):
    p = _netlab("tls-inspect", "h.test", opt, "/proc/version")
    assert p.returncode == 2 and "cannot write" in p.stderr, p.stderr


def test_good_ca_file_is_accepted():
    import ssl

    from netlab.targets import cacert_file
    bundle = ssl.get_default_verify_paths().cafile
    if not bundle:
        pytest.skip("no system CA bundle")
    assert cacert_file(bundle) == bundle


def test_undecodable_argv_bytes_never_break_json_or_saved_files():
    from netlab.model import to_jsonable

    raw = b"\xff\xfeGET".decode("utf-8", "surrogateescape")
    out = to_jsonable({"send": raw, "ok": "한글"})
    assert out == {"send": "\ufffd\ufffdGET", "ok": "한글"}
    json.dumps(out, ensure_ascii=False).encode("utf-8")  # valid UTF-8


@pytest.mark.parametrize("content", [b"\xff\xfe\x00garbage", b"a=" + b"[" * 5000 + b"]" * 5000, b"[[networks]\n"])
def test_bad_scenario_files_are_one_line(tmp_path, content):
    f = tmp_path / "s.toml"
    f.write_bytes(content)
    p = _netlab("sandbox", "up", "--scenario", str(f), "--name", "never-started")
    assert p.returncode in (2, 5) and p.stderr.startswith("netlab: ") and "Traceback" not in p.stderr, p.stderr


def test_scenario_from_an_endless_file_is_refused():
    from netlab.errors import ScenarioError
    from netlab.sandbox.scenario import load

    with pytest.raises(ScenarioError, match="larger than"):
        load("/dev/zero")
