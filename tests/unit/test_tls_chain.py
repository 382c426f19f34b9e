"""Chain analysis (pure) on stored PEM fixtures (tests/fixtures/tls/pem, made by make_pems.py at
NOW = 2026-11-22T00:00Z): every certificate fault gives its code and a precise diagnosis."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from netlab.probes.tls_inspect.chain import analyze_chain, match_hostname, split_pem_bundle

PEM = Path(__file__).resolve().parent.parent / "fixtures" / "tls" / "pem"
MADE = dt.datetime(2026, 11, 22, 0, 0, 0, tzinfo=dt.UTC)
NOW = MADE + dt.timedelta(hours=1)


def chain(name: str) -> list[str]:
    return split_pem_bundle((PEM / name).read_text())


ROOT = chain("root.pem")


def en(text) -> str:
    return text.render("en")


def codes(report) -> list[str]:
    return [p.code for p in report.problems]


def test_good_chain_validates_with_three_certificates():
    r = analyze_chain(chain("www.naver.com.fullchain.pem"), ROOT, "www.naver.com", NOW)
    assert r.verdict == "valid", r.reason
    assert r.end == "trusted"
    assert [c.role for c in r.path] == ["leaf", "intermediate", "root"]
    assert [c.source for c in r.path] == ["sent", "sent", "trust-store"]
    assert len(r.sent) == 2
    assert codes(r) == []
    assert r.hostname_ok is True
    leaf = r.sent[0]
    assert leaf.key == "EC P-256" and leaf.signature == "sha256WithRSAEncryption"
    assert "DNS:naver.com" in leaf.sans
    assert leaf.days_left == 88  # 90-day leaf made a day before MADE, seen an hour later
    assert len(leaf.sha256.split(":")) == 32
    assert r.path[2].key == "RSA 2048" and r.path[2].self_signed


def test_rsa_leaf_and_wildcard_name():
    r = analyze_chain(chain("www.google.com.fullchain.pem"), ROOT, "mail.google.com", NOW)
    assert r.verdict == "valid", r.reason
    assert r.sent[0].key == "RSA 2048"
    ok, _ = match_hostname_pem("www.google.com.fullchain.pem", "a.b.google.com")
    assert not ok  # a wildcard covers exactly one label


def match_hostname_pem(name: str, host: str):
    from netlab.probes.tls_inspect.chain import load_pems

    return match_hostname(load_pems(chain(name))[0], host)


def test_expired_says_how_long_ago_and_the_date():
    r = analyze_chain(chain("fault-expired.fullchain.pem"), ROOT, "expired.badtls.test", NOW)
    assert codes(r) == ["tls.cert-expired"]
    assert r.verdict == "invalid"
    assert en(r.problems[0].message) == "the server's certificate expired 12 days ago, notAfter 2026-11-10"
    assert r.sent[0].days_left == -13  # floor: 12 days and 23 hours ago


def test_not_yet_valid():
    r = analyze_chain(chain("fault-not-yet-valid.fullchain.pem"), ROOT, "not-yet-valid.badtls.test", NOW)
    assert codes(r) == ["tls.cert-not-yet-valid"]
    assert "notBefore 2026-12-22" in en(r.problems[0].message)
    assert "starts in 30 days" in en(r.problems[0].message)


def test_self_signed():
    r = analyze_chain(chain("fault-self-signed.fullchain.pem"), ROOT, "self-signed.badtls.test", NOW)
    assert codes(r) == ["tls.self-signed"]
    assert r.end == "self-signed-leaf" and len(r.path) == 1


def test_wrong_host():
    r = analyze_chain(chain("fault-wrong-host.fullchain.pem"), ROOT, "wrong-host.badtls.test", NOW)
    assert codes(r) == ["tls.hostname-mismatch"]
    assert r.end == "trusted"  # the chain itself is fine
    assert "www.another-site.test" in en(r.problems[0].message)


def test_untrusted_root_sent_in_the_chain():
    r = analyze_chain(chain("fault-untrusted-root.fullchain.pem"), ROOT, "untrusted-root.badtls.test", NOW)
    assert codes(r) == ["tls.untrusted-root"]
    assert "netlab Untrusted Root CA" in en(r.problems[0].message)
    assert len(r.sent) == 3 and r.end == "untrusted-root"


def test_untrusted_root_becomes_trusted_with_its_own_anchor():
    anchors = chain("untrusted-root.pem")
    r = analyze_chain(chain("fault-untrusted-root.fullchain.pem"), anchors, "untrusted-root.badtls.test", NOW)
    assert r.verdict == "valid", r.reason


def test_incomplete_chain_names_the_missing_intermediate():
    r = analyze_chain(chain("fault-incomplete-chain.fullchain.pem"), ROOT, "incomplete-chain.badtls.test", NOW)
    assert codes(r) == ["tls.incomplete-chain"]
    assert "netlab Sandbox Issuing CA 1" in en(r.problems[0].message)
    assert r.missing_issuer and "netlab Sandbox Issuing CA 1" in r.missing_issuer
    # with the intermediate in the trust store (as some clients cache it) it validates
    r2 = analyze_chain(chain("fault-incomplete-chain.fullchain.pem"), ROOT + chain("intermediate.pem"),
                       "incomplete-chain.badtls.test", NOW)
    assert r2.verdict == "valid"


def test_wrong_order_is_reported_but_still_validates():
    r = analyze_chain(chain("fault-wrong-order.fullchain.pem"), ROOT, "wrong-order.badtls.test", NOW)
    assert codes(r) == ["tls.chain-order"]
    assert r.verdict == "valid"
    assert [c.role for c in r.path] == ["leaf", "intermediate", "root"]
    msg = en(r.problems[0].message)
    assert "#2 (netlab Sandbox Root CA) does not sign #1" in msg and "its issuer is #3" in msg


def test_duplicate_certificate():
    r = analyze_chain(chain("duplicate.fullchain.pem"), ROOT, "www.naver.com", NOW)
    assert "tls.chain-duplicate" in codes(r)
    assert r.verdict == "valid"


def test_no_anchors_means_unknown_not_invalid():
    r = analyze_chain(chain("www.naver.com.fullchain.pem"), [], "www.naver.com", NOW)
    assert r.verdict == "unknown"


def test_expiry_is_judged_at_the_observation_time():
    later = MADE + dt.timedelta(days=100)
    r = analyze_chain(chain("www.naver.com.fullchain.pem"), ROOT, "www.naver.com", later)
    assert codes(r) == ["tls.cert-expired"]
    assert "expired 11 days ago" in en(r.problems[0].message)


@pytest.mark.parametrize("host,ok", [("www.naver.com", True), ("naver.com", True), ("NAVER.com.", True),
                                     ("m.naver.com", False), ("198.18.1.100", False)])
def test_hostname_rules(host, ok):
    assert match_hostname_pem("www.naver.com.fullchain.pem", host)[0] is ok
