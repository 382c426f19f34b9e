"""dns-trace names and command line: IDN, malformed names (usage errors, exit 2), option checks."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from netlab.probes.dns_trace.names import (
    NameError_,
    is_strict_subdomain,
    is_subdomain,
    normalise,
    parent_zones,
)

ENV = {k: v for k, v in os.environ.items() if k not in ("NETLAB_TRACEBACK", "NETLAB_LANG")}
ENV.update(NO_COLOR="1", COLUMNS="100")


def run_netlab(*args: str) -> subprocess.CompletedProcess:
    code = "import sys; from netlab.cli import main; main(sys.argv[1:])"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=ENV, timeout=60)


@pytest.mark.parametrize("text, a, u", [
    ("www.naver.com", "www.naver.com.", "www.naver.com."),
    ("WWW.Naver.COM.", "www.naver.com.", "www.naver.com."),
    ("네이버.com", "xn--950bt9s8xi.com.", "네이버.com."),
    ("한글.kr", "xn--bj0bj06e.kr.", "한글.kr."),
    ("xn--bj0bj06e.kr", "xn--bj0bj06e.kr.", "한글.kr."),
    ("한글。kr", "xn--bj0bj06e.kr.", "한글.kr."),  # an ideographic full stop separates labels too
    ("_dmarc.example.com", "_dmarc.example.com.", "_dmarc.example.com."),
    (".", ".", "."),
])
def test_normalise(text, a, u):
    assert normalise(text) == (a, u)


@pytest.mark.parametrize("text, why", [
    ("", "empty"),
    ("a..b", "empty label"),
    (".a.b", "empty label"),
    ("a" * 64 + ".com", "at most 63"),
    (".".join(["a" * 63] * 4) + ".com", "at most 255"),
    ("bad name.com", "characters"),
    ("ex!ample.com", "characters"),
    ("xn--zz.com", "punycode"),
])
def test_malformed_names(text, why):
    with pytest.raises(NameError_) as e:
        normalise(text)
    assert why in str(e.value)


def test_zone_helpers():
    assert is_subdomain("www.naver.com.", "naver.com.") and is_subdomain("x.", ".")
    assert not is_subdomain("www.xnaver.com.", "naver.com.")
    assert not is_strict_subdomain("naver.com.", "naver.com.")
    assert parent_zones("www.naver.com.") == ["www.naver.com.", "naver.com.", "com.", "."]


@pytest.mark.parametrize("args, fragment", [
    (["a..b"], "empty label"),
    (["x" * 64 + ".test"], "at most 63"),
    (["bad name.test"], "characters"),
    (["www.naver.com", "--type", "AXFR"], "cannot be traced"),
    (["www.naver.com", "--type", "NOPE"], "unknown record type"),
    (["www.naver.com", "--root", "not-an-address"], "not an IPv4 or IPv6 address"),
    (["www.naver.com", "-4", "-6"], "exclude each other"),
    (["www.naver.com", "-4", "--root", "2001:db8::1"], "does not match"),
])
def test_usage_errors_exit_2_on_one_line(args, fragment):
    r = run_netlab("dns-trace", *args)
    assert r.returncode == 2, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0], r.stderr
    assert r.stdout == ""


def test_help_lists_the_options_without_loading_dnspython():
    code = ("import sys; from netlab.cli import main\n"
            "try:\n    main(['dns-trace', '--help'])\nexcept SystemExit:\n    pass\n"
            "print('LOADED', sorted(m for m in sys.modules if m == 'dns' or m.startswith(('dns.', 'rich'))))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=ENV, timeout=60)
    assert "LOADED []" in r.stdout
    for opt in ("--type", "--root", "-4", "-6", "--tcp", "--no-follow-cname", "--compare-resolver",
                "--all-servers", "--seed", "--json", "--save", "--timeout"):
        assert opt in r.stdout


def test_report_renders_a_fixture_offline_in_three_formats(tmp_path):
    fix = os.path.join(os.path.dirname(__file__), "..", "fixtures", "dns", "glueless.json")
    term = run_netlab("report", fix)
    assert term.returncode == 0 and "sub-trace" in term.stdout and "ns1.faraway-dns.net." in term.stdout
    js = run_netlab("report", fix, "--json")
    assert js.returncode == 0 and '"hops"' in js.stdout and '"answer"' in js.stdout
    md = tmp_path / "r.md"
    out = run_netlab("report", fix, "--markdown", str(md), "--lang", "ko")
    assert out.returncode == 0 and "sequenceDiagram" in md.read_text()
    dead = run_netlab("report", os.path.join(os.path.dirname(fix), "dead.json"))
    assert dead.returncode == 3  # every server of dead.lab.test failed: a network failure
