"""JSON Web Tokens taken apart and verified (pure; ``cryptography`` for the signatures).

A JWT (RFC 7519, in its JWS form, RFC 7515) is three base64url strings joined by dots:
``header.payload.signature``.  Header and payload are JSON that anyone can decode — the token is
*signed*, not encrypted.  The signature covers the ASCII bytes ``header.payload`` (the "signing
input"):

- HS256: HMAC-SHA-256 with a secret the server shares with itself (and every verifier);
- RS256: an RSA PKCS#1 v1.5 signature over SHA-256, checked with the public key;
- ES256: an ECDSA P-256 signature over SHA-256, written as r and s (32 bytes each), not DER.

This verifier is netlab's own (the sandbox app signs with PyJWT): two implementations that agree
are better evidence than one that agrees with itself.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
from dataclasses import dataclass, field

_B64URL = re.compile(r"[A-Za-z0-9_-]*")


def b64url_decode(text: str) -> bytes:
    """Strict base64url without padding (RFC 7515 §2); ValueError with the reason otherwise."""
    if "=" in text:
        raise ValueError("padding '=' (base64url in a JWT has none)")
    if not _B64URL.fullmatch(text):
        bad = next(ch for ch in text if not _B64URL.fullmatch(ch))
        raise ValueError(f"character {bad!r} is not in the base64url alphabet (A-Z a-z 0-9 - _)")
    if len(text) % 4 == 1:
        raise ValueError(f"length {len(text)} cannot be base64 (one character too many or too few)")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as e:
        raise ValueError(str(e)) from None


def b64url_encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


@dataclass
class Jwt:
    raw: str
    parts: list[str] = field(default_factory=list)
    header: dict | None = None
    payload: dict | None = None
    signature: bytes | None = None
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (key, part, detail)

    @property
    def alg(self) -> str | None:
        a = (self.header or {}).get("alg")
        return a if isinstance(a, str) else None

    @property
    def signing_input(self) -> bytes:
        return ".".join(self.parts[:2]).encode("ascii", "replace")

    @property
    def ok(self) -> bool:
        return not self.problems


def parse_jwt(token: str) -> Jwt:
    """Split and decode a token; every problem is recorded, nothing raises."""
    j = Jwt(raw=token)
    token = token.strip()
    j.parts = token.split(".")
    if len(j.parts) != 3:
        j.problems.append(("parts", "", str(len(j.parts))))
        return j
    for name, text in zip(("header", "payload"), j.parts[:2], strict=True):
        try:
            raw = b64url_decode(text)
        except ValueError as e:
            j.problems.append(("not-base64", name, str(e)))
            continue
        try:
            value = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            j.problems.append(("not-json", name, raw[:40].hex()))
            continue
        if not isinstance(value, dict):
            j.problems.append(("not-object", name, type(value).__name__))
            continue
        setattr(j, name, value)
    try:
        j.signature = b64url_decode(j.parts[2])
    except ValueError as e:
        j.problems.append(("not-base64", "signature", str(e)))
    return j


@dataclass
class Verification:
    ok: bool | None  # None: no key to check with
    reason: str  # catalogue key: "ok", "mismatch", "alg-none", "no-key", "unknown-alg", "bad-signature-size", "malformed"
    alg: str | None = None
    computed: str | None = None  # HS256: the HMAC we computed (hex), to compare with the signature
    key_source: str = ""


def verify(j: Jwt, keys: dict[str, bytes | str]) -> Verification:
    """Check the signature with ``keys``: {"HS256": secret bytes, "RS256": cert PEM, "ES256": cert PEM}.

    The algorithm is taken from the header but only among those we hold a key for: a verifier
    that lets the token pick ("alg": "none", or HS256 with a public key as the secret) is broken.
    """
    alg = j.alg
    if not j.parts or len(j.parts) != 3 or j.signature is None or j.header is None:
        return Verification(False, "malformed", alg)
    if alg is None or alg.lower() == "none":
        return Verification(False, "alg-none", alg)
    if alg not in ("HS256", "RS256", "ES256"):
        return Verification(False, "unknown-alg", alg)
    key = keys.get(alg)
    if key is None:
        return Verification(None, "no-key", alg)
    data = j.signing_input
    if alg == "HS256":
        secret = key if isinstance(key, bytes) else key.encode()
        mac = hmac.new(secret, data, hashlib.sha256).digest()
        good = hmac.compare_digest(mac, j.signature)
        return Verification(good, "ok" if good else "mismatch", alg, mac.hex(), "secret")
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding
    from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

    pem = key if isinstance(key, bytes) else key.encode()
    try:
        pub = x509.load_pem_x509_certificate(pem).public_key()
    except ValueError:
        return Verification(None, "no-key", alg)
    try:
        if alg == "RS256":
            pub.verify(j.signature, data, padding.PKCS1v15(), hashes.SHA256())
        else:
            if len(j.signature) != 64:
                return Verification(False, "bad-signature-size", alg)
            r = int.from_bytes(j.signature[:32], "big")
            s = int.from_bytes(j.signature[32:], "big")
            pub.verify(encode_dss_signature(r, s), data, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        return Verification(False, "mismatch", alg, key_source="certificate")
    except (TypeError, AttributeError):
        return Verification(False, "unknown-alg", alg)
    return Verification(True, "ok", alg, key_source="certificate")


def chain_ok(leaf_pem: bytes, chain_pem: bytes, root_pem: bytes) -> bool | None:
    """Does the signing key's certificate chain up to the sandbox root?  None when unknown."""
    if not (leaf_pem and root_pem):
        return None
    from cryptography import x509

    try:
        leaf = x509.load_pem_x509_certificate(leaf_pem)
        inters = x509.load_pem_x509_certificates(chain_pem) if chain_pem and chain_pem.strip() else []
        root = x509.load_pem_x509_certificate(root_pem)
    except ValueError:
        return None
    cur = leaf
    for ca in [*inters, root]:
        try:
            cur.verify_directly_issued_by(ca)
        except Exception:  # noqa: BLE001 - any failure means "does not chain"
            return False
        cur = ca
    return True


def tamper_payload(token: str, changes: dict) -> str:
    """The same token with its payload changed and the old signature kept (what an attacker tries)."""
    parts = token.split(".")
    payload = json.loads(b64url_decode(parts[1]))
    payload.update(changes)
    parts[1] = b64url_encode(json.dumps(payload, separators=(",", ":")).encode())
    return ".".join(parts)


def alg_none(token: str) -> str:
    """The same claims under ``{"alg": "none"}`` and no signature (a verifier must refuse it)."""
    parts = token.split(".")
    header = b64url_encode(json.dumps({"alg": "none", "typ": "JWT"}, separators=(",", ":")).encode())
    return f"{header}.{parts[1]}."
