"""http-state, pure parts: Set-Cookie parsing, the jar's rules, JWT analysis (no network)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json

import pytest

from netlab.probes.http_state.cookies import Jar, default_path, domain_match, parse_set_cookie, path_match
from netlab.probes.http_state.tokens import (
    alg_none,
    b64url_decode,
    b64url_encode,
    chain_ok,
    parse_jwt,
    tamper_payload,
    verify,
)

NOW = 1_800_000_000.0


# ------------------------------------------------------------------------------------ parsing


def test_attributes_are_parsed_as_written():
    sc = parse_set_cookie("sid=abc; HttpOnly; Max-Age=600; Path=/; SameSite=lax; Secure", NOW)
    assert (sc.name, sc.value, sc.max_age, sc.path, sc.samesite) == ("sid", "abc", 600, "/", "Lax")
    assert sc.httponly and sc.secure and not sc.problems and sc.ignored is None
    assert sc.attribute_names == ["HttpOnly", "Max-Age", "Path", "SameSite", "Secure"]


@pytest.mark.parametrize("line, problem, ignored", [
    ("noequals", "no-equals", None),
    ("=", "empty", "empty"),
    ("a=b; Max-Age=soon", "bad-max-age", None),
    ("a=b; Expires=not a date", "bad-expires", None),
    ("a=b; SameSite=Sometimes", "bad-samesite", None),
    ("a=b; Path=relative", "bad-path", None),
    ("a=b; Domain=", "empty-domain", None),
    ("a=b\x07c", "control-char", "control-char"),
    ("a=b; Colour=blue", "unknown-attribute", None),
])
def test_malformed_lines_are_named(line, problem, ignored):
    sc = parse_set_cookie(line, NOW)
    assert problem in sc.problems
    assert sc.ignored == ignored


def test_a_bad_max_age_is_ignored_but_the_cookie_stays():
    jar = Jar()
    d = jar.receive(parse_set_cookie("a=b; Max-Age=soon", NOW), "https", "app.lab.test", "/", NOW)
    assert d.verdict == "stored" and jar.cookies[0].expiry is None  # a session cookie


def test_expires_is_a_date_and_max_age_wins():
    sc = parse_set_cookie("a=b; Expires=Wed, 21 Oct 2015 07:28:00 GMT", NOW)
    assert sc.expires == dt.datetime(2015, 10, 21, 7, 28, tzinfo=dt.UTC).timestamp()
    jar = Jar()
    jar.receive(parse_set_cookie("a=b; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Max-Age=60", NOW), "https", "h.test",
                "/", NOW)
    assert jar.cookies[0].expiry == NOW + 60


# ------------------------------------------------------------------------------------ the jar


def test_domain_and_path_rules():
    assert domain_match("app.lab.test", "lab.test") and domain_match("lab.test", "lab.test")
    assert not domain_match("evillab.test", "lab.test") and not domain_match("198.18.1.1", "18.1.1")
    assert default_path("/a/b/c") == "/a/b" and default_path("/x") == "/" and default_path("") == "/"
    assert path_match("/login", "/login") and path_match("/login/x", "/login") and path_match("/a/", "/")
    assert not path_match("/loginx", "/login") and not path_match("/", "/login")


def _jar_with(*lines, scheme="https", host="app.lab.test", path="/"):
    jar = Jar()
    return jar, [jar.receive(parse_set_cookie(line, NOW), scheme, host, path, NOW) for line in lines]


def test_host_only_vs_domain_cookie():
    jar, _ = _jar_with("h=1", "d=2; Domain=lab.test")
    assert jar.cookie_header("https", "app.lab.test", "/", NOW) == "h=1; d=2"
    assert jar.cookie_header("https", "www.lab.test", "/", NOW) == "d=2"
    assert jar.cookie_header("https", "example.com", "/", NOW) is None


def test_store_refusals():
    _, ds = _jar_with("a=1; Domain=other.test", "b=2; Domain=test", "c=3; SameSite=None", "__Host-d=4; Secure; Path=/x",
                      "__Secure-e=5")
    assert [d.reason for d in ds] == ["domain-mismatch", "public-suffix", "samesite-none-insecure", "prefix-host",
                                      "prefix-secure"]
    _, ds = _jar_with("s=1; Secure", scheme="http")
    assert ds[0].verdict == "rejected" and ds[0].reason == "secure-from-http"


def test_secure_path_and_expiry_when_sending():
    jar, _ = _jar_with("s=1; Secure", "p=2; Path=/login", "short=3; Max-Age=2")
    decided = {c.name: d.reason for c, d in jar.decide("http", "app.lab.test", "/account", NOW)}
    assert decided == {"s": "secure", "p": "path", "short": "ok"}
    assert jar.cookie_header("https", "app.lab.test", "/login/x", NOW) == "p=2; s=1; short=3"  # longer path first
    assert jar.cookie_header("https", "app.lab.test", "/", NOW + 3) == "s=1"
    assert [c.name for c in jar.expire(NOW + 3)] == ["short"]


def test_samesite_on_cross_site_requests():
    jar, _ = _jar_with("strict=1; SameSite=Strict", "lax=2; SameSite=Lax", "none=3; SameSite=None; Secure", "plain=4")
    sub = {c.name: d.reason for c, d in jar.decide("https", "app.lab.test", "/", NOW, cross_site=True, top_level=False)}
    assert sub == {"strict": "samesite-strict", "lax": "samesite-lax", "none": "ok", "plain": "samesite-default"}
    nav = {c.name: d.reason for c, d in jar.decide("https", "app.lab.test", "/", NOW, cross_site=True, top_level=True)}
    assert nav == {"strict": "samesite-strict", "lax": "ok", "none": "ok", "plain": "ok"}
    post = {c.name: d.reason for c, d in jar.decide("https", "app.lab.test", "/", NOW, cross_site=True, method="POST")}
    assert post["lax"] == "samesite-lax"


def test_max_age_zero_deletes_and_replacement_keeps_creation_time():
    jar, ds = _jar_with("sid=a; Path=/", "sid=b; Path=/", "sid=; Max-Age=0; Path=/")
    assert [d.verdict for d in ds] == ["stored", "replaced", "deleted"] and jar.cookies == []


# ------------------------------------------------------------------------------------ JWT


def _hs256(claims: dict, secret: bytes) -> str:
    head = b64url_encode(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    body = b64url_encode(json.dumps(claims).encode())
    sig = hmac.new(secret, f"{head}.{body}".encode(), hashlib.sha256).digest()
    return f"{head}.{body}.{b64url_encode(sig)}"


def test_a_jwt_payload_is_readable_without_any_key():
    tok = _hs256({"sub": "student", "role": "student"}, b"s3cret")
    j = parse_jwt(tok)
    assert j.ok and j.alg == "HS256" and j.payload == {"sub": "student", "role": "student"}
    assert verify(j, {}).ok is None  # readable, but not verifiable without the key


def test_hs256_verification_tampering_and_alg_none():
    tok = _hs256({"sub": "student", "role": "student"}, b"s3cret")
    good = verify(parse_jwt(tok), {"HS256": b"s3cret"})
    assert good.ok and good.reason == "ok" and good.computed == b64url_decode(tok.split(".")[2]).hex()
    assert verify(parse_jwt(tok), {"HS256": b"other"}).reason == "mismatch"
    forged = tamper_payload(tok, {"role": "admin"})
    assert parse_jwt(forged).payload["role"] == "admin"
    assert verify(parse_jwt(forged), {"HS256": b"s3cret"}).reason == "mismatch"
    none = parse_jwt(alg_none(tok))
    assert none.alg == "none" and verify(none, {"HS256": b"s3cret"}).reason == "alg-none"


@pytest.mark.parametrize("token, key, part", [
    ("not-a-jwt!.%%%.###", "not-base64", "header"),
    ("abc.def", "parts", ""),
    (b64url_encode(b"\xff\xfe") + ".e30.", "not-json", "header"),
    (b64url_encode(b"[1]") + ".e30.", "not-object", "header"),
    ("e30=.e30.", "not-base64", "header"),
])
def test_tokens_that_are_not_jwts(token, key, part):
    j = parse_jwt(token)
    assert not j.ok and (j.problems[0][0], j.problems[0][1]) == (key, part)
    assert verify(j, {"HS256": b"x"}).ok is False


def test_b64url_is_strict():
    assert b64url_decode("aGk") == b"hi"
    for bad in ("aGk=", "a+b/", "abcde"):
        with pytest.raises(ValueError):
            b64url_decode(bad)


def _cert(key, issuer_key=None, issuer_name=None, ca=False):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.x509.oid import NameOID

    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "ca" if ca else "signer")])
    now = dt.datetime.now(dt.UTC)
    return (x509.CertificateBuilder().subject_name(name).issuer_name(issuer_name or name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), True)
            .sign(issuer_key or key, hashes.SHA256()))


@pytest.mark.parametrize("alg", ["RS256", "ES256"])
def test_rs256_and_es256_verify_with_the_certificate_key(alg):
    jwt = pytest.importorskip("jwt")
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, rsa

    root_key = ec.generate_private_key(ec.SECP256R1())
    root = _cert(root_key, ca=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048) if alg == "RS256" else \
        ec.generate_private_key(ec.SECP256R1())
    leaf = _cert(key, root_key, root.subject)
    pem = leaf.public_bytes(serialization.Encoding.PEM)
    tok = jwt.encode({"sub": "student"}, key, algorithm=alg)  # signed by PyJWT, checked by netlab
    j = parse_jwt(tok)
    assert verify(j, {alg: pem}).ok is True
    assert verify(parse_jwt(tamper_payload(tok, {"sub": "admin"})), {alg: pem}).reason == "mismatch"
    assert chain_ok(pem, b"", root.public_bytes(serialization.Encoding.PEM)) is True
    other = _cert(ec.generate_private_key(ec.SECP256R1()), ca=True)
    assert chain_ok(pem, b"", other.public_bytes(serialization.Encoding.PEM)) is False
    if alg == "ES256":
        short_sig = ".".join(tok.split(".")[:2]) + "." + base64.urlsafe_b64encode(b"x" * 10).rstrip(b"=").decode()
        assert verify(parse_jwt(short_sig), {alg: pem}).reason == "bad-signature-size"
