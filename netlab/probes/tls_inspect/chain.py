"""Certificate chain analysis, pure: the chain as sent, the path as built, and what is wrong.

Input: the PEM certificates the server sent (leaf first), the trust anchors that matter (PEM),
the host name to check and the time of the observation (None: dates are not judged).  Output: a :class:`ChainReport` with a
description of every certificate, the validated path (leaf -> ... -> anchor), and problems with
stable codes (the probe's finding codes).  Uses ``cryptography`` for parsing and signature checks.

Path building is done the way a careful client does it: from the leaf, repeatedly look for a
certificate whose subject is the current one's issuer *and* whose key verifies its signature,
first among the trust anchors, then among the certificates the server sent (in any order).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from dataclasses import dataclass, field

from netlab.i18n import T, join
from netlab.probes.tls_inspect.messages import M
from netlab.probes.tls_inspect.model import CertInfo

DAY = 86400


@dataclass
class Problem:
    code: str  # tls.cert-expired, ...
    severity: str
    message: T  # in the catalogue (messages.py)
    cert: int | None = None  # position as sent


@dataclass
class ChainReport:
    sent: list[CertInfo]
    path: list[CertInfo]
    end: str  # trusted | self-signed-leaf | untrusted-root | missing-issuer | empty | no-anchors
    missing_issuer: str | None
    problems: list[Problem] = field(default_factory=list)
    hostname_ok: bool | None = None
    hostname_detail: T | None = None
    verdict: str = "unknown"  # valid | invalid | unknown
    reason: T | None = None


def load_pems(pems: list[str]):
    from cryptography import x509

    out = []
    for p in pems:
        try:
            out.append(x509.load_pem_x509_certificate(p.encode() if isinstance(p, str) else p))
        except ValueError:
            out.append(None)
    return out


def split_pem_bundle(text: str) -> list[str]:
    """Every ``-----BEGIN CERTIFICATE-----`` block of a bundle, as separate PEM strings."""
    out = []
    begin = "-----BEGIN CERTIFICATE-----"
    end = "-----END CERTIFICATE-----"
    pos = 0
    while True:
        i = text.find(begin, pos)
        if i < 0:
            return out
        j = text.find(end, i)
        if j < 0:
            return out
        out.append(text[i:j + len(end)] + "\n")
        pos = j + len(end)


def _name(n) -> str:
    try:
        return n.rfc4514_string()
    except ValueError:
        return str(n)


def common_name(n) -> str:
    from cryptography.x509.oid import NameOID

    try:
        attrs = n.get_attributes_for_oid(NameOID.COMMON_NAME)
    except ValueError:
        attrs = []
    if attrs:
        return str(attrs[0].value)
    return _name(n)


def _key_desc(cert) -> str:
    from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, rsa

    try:
        k = cert.public_key()
    except (ValueError, TypeError):
        return "unknown"
    if isinstance(k, rsa.RSAPublicKey):
        return f"RSA {k.key_size}"
    if isinstance(k, ec.EllipticCurvePublicKey):
        curve = {"secp256r1": "P-256", "secp384r1": "P-384", "secp521r1": "P-521"}.get(k.curve.name, k.curve.name)
        return f"EC {curve}"
    if isinstance(k, ed25519.Ed25519PublicKey):
        return "Ed25519"
    if isinstance(k, ed448.Ed448PublicKey):
        return "Ed448"
    if isinstance(k, dsa.DSAPublicKey):
        return f"DSA {k.key_size}"
    return type(k).__name__


def _sig_desc(cert) -> str:
    oid = cert.signature_algorithm_oid
    return getattr(oid, "_name", None) or oid.dotted_string


def _sans(cert) -> list[str]:
    from cryptography import x509

    try:
        ext = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return []
    out = [f"DNS:{n}" for n in ext.get_values_for_type(x509.DNSName)]
    out += [f"IP:{a}" for a in ext.get_values_for_type(x509.IPAddress)]
    return out


def _is_ca(cert) -> bool:
    from cryptography import x509

    try:
        return bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        return False


def fingerprint(cert) -> str:
    from cryptography.hazmat.primitives import hashes

    return cert.fingerprint(hashes.SHA256()).hex(":").upper()


def issued_by(child, parent) -> bool:
    """Does ``parent``'s key verify ``child``'s signature (and names match)?"""
    if child.issuer != parent.subject:
        return False
    try:
        child.verify_directly_issued_by(parent)
        return True
    except Exception:  # noqa: BLE001 - InvalidSignature, ValueError, TypeError: not the issuer
        return False


def self_signed(cert) -> bool:
    return cert.issuer == cert.subject and issued_by(cert, cert)


def days_left(not_after: dt.datetime, now: dt.datetime | None) -> int | None:
    if now is None:
        return None
    return int((not_after - now).total_seconds() // DAY)


def describe(cert, position: int, now: dt.datetime | None, source: str = "sent") -> CertInfo:
    ss = self_signed(cert)
    ca = _is_ca(cert)
    role = "leaf" if (position == 0 and source == "sent") else ("root" if ss and ca else
                                                                  ("intermediate" if ca else "leaf"))
    return CertInfo(
        position=position, subject=_name(cert.subject), issuer=_name(cert.issuer),
        not_before=cert.not_valid_before_utc.isoformat(), not_after=cert.not_valid_after_utc.isoformat(),
        days_left=days_left(cert.not_valid_after_utc, now), sans=_sans(cert), key=_key_desc(cert),
        signature=_sig_desc(cert), sha256=fingerprint(cert), is_ca=ca, self_signed=ss, role=role, source=source,
    )


def match_hostname(cert, hostname: str) -> tuple[bool, T]:
    """RFC 6125 as browsers do it: SANs only (no CN fallback), a wildcard covers one left label."""
    sans = _sans(cert)
    try:
        ip = ipaddress.ip_address(hostname)
    except ValueError:
        ip = None
    if not sans:
        return False, M.t("ch.no-san")
    if ip is not None:
        ok = any(s == f"IP:{ip}" for s in sans)
    else:
        h = hostname.lower().rstrip(".")
        ok = any(_name_matches(s[4:].lower().rstrip("."), h) for s in sans if s.startswith("DNS:"))
    names = ", ".join(s.split(":", 1)[1] for s in sans[:6]) + (" ..." if len(sans) > 6 else "")
    if ok:
        return True, M.t("ch.host-ok", host=hostname, names=names)
    return False, M.t("ch.host-bad", host=hostname, names=names)


def _name_matches(pattern: str, host: str) -> bool:
    if pattern == host:
        return True
    return (pattern.startswith("*.") and "." in host and host.split(".", 1)[1] == pattern[2:]
            and bool(host.split(".", 1)[0]))


class _Chain:
    """The certificates as sent (parsed), the anchors, and the path built from the leaf."""

    def __init__(self, sent_certs: list, anchors: list):
        self.sent_certs = sent_certs
        self.parsed = [(i, c) for i, c in enumerate(sent_certs) if c is not None]
        self.anchors = anchors
        self.anchor_fps = {fingerprint(a) for a in anchors}
        self.leaf = self.parsed[0][1]
        self.path: list[tuple] = [(self.leaf, "sent", 0)]  # (certificate, source, position as sent)
        self.used = {fingerprint(self.leaf)}
        self.end = "missing-issuer"
        self.missing: str | None = None

    def build_path(self) -> None:
        cur = self.leaf
        for _ in range(10):
            if fingerprint(cur) in self.anchor_fps:
                self.end = "trusted"
                return
            anchor = next((a for a in self.anchors if issued_by(cur, a)), None)
            if anchor is not None:
                self.path.append((anchor, "trust-store", -1))
                self.end = "trusted"
                return
            if self_signed(cur):
                self.end = "self-signed-leaf" if len(self.path) == 1 else "untrusted-root"
                return
            nxt = next(((i, c) for i, c in self.parsed if fingerprint(c) not in self.used and issued_by(cur, c)),
                       None)
            if nxt is None:
                self.missing = _name(cur.issuer)
                self.end = "missing-issuer"
                return
            self.path.append((nxt[1], "sent", nxt[0]))
            self.used.add(fingerprint(nxt[1]))
            cur = nxt[1]


def _cert_ref(n: int, cert) -> T:
    return M.t("ch.cert", n=n, cn=common_name(cert.subject))


def _duplicates(ch: _Chain) -> list[Problem]:
    out = []
    seen: dict[str, int] = {}
    for i, c in ch.parsed:
        fp = fingerprint(c)
        if fp in seen:
            out.append(Problem("tls.chain-duplicate", "warning",
                               M.t("ch.duplicate", n=i + 1, cn=common_name(c.subject), other=seen[fp] + 1), i))
        else:
            seen[fp] = i
    return out


def _order(ch: _Chain) -> list[Problem]:
    """Each certificate should be followed by its issuer."""
    items = []
    positions = [m for m, _ in ch.parsed]
    for k in range(len(ch.parsed) - 1):
        i, c = ch.parsed[k]
        j, nxt = ch.parsed[k + 1]
        if fingerprint(nxt) == fingerprint(c) or issued_by(c, nxt) or self_signed(c):
            continue
        actual = next((m for m, d in ch.parsed if m != i and issued_by(c, d)), None)
        if actual is not None:
            issuer = ch.parsed[positions.index(actual)][1]
            items.append(M.t("ch.order-item", pos=j + 1, next=common_name(nxt.subject), child=i + 1,
                             cn=common_name(c.subject), issuer_pos=actual + 1, issuer=common_name(issuer.subject)))
    if not items:
        return []
    return [Problem("tls.chain-order", "warning", M.t("ch.order", items=join(items, "; ")), None)]


def _extra(ch: _Chain) -> list[Problem]:
    path_fps = {fingerprint(p) for p, _, _ in ch.path}
    unused = [i for i, c in ch.parsed if fingerprint(c) not in ch.used and fingerprint(c) not in ch.anchor_fps
              and fingerprint(c) not in path_fps]
    if not unused or ch.end != "trusted":
        return []
    refs = [_cert_ref(i + 1, ch.sent_certs[i]) for i in unused]
    return [Problem("tls.chain-extra", "info", M.t("ch.extra", items=join(refs)), None)]


def _trust(ch: _Chain) -> tuple[list[Problem], T]:
    """Problems with where the path ends, and the one-line reason of the verdict."""
    reason = M.t("ch.no-anchors")
    if not ch.anchors and ch.end == "missing-issuer":
        ch.end = "no-anchors"
    top = ch.path[-1][0]
    leaf = ch.leaf
    if ch.end == "self-signed-leaf":
        return ([Problem("tls.self-signed", "error", M.t("ch.self-signed", cn=common_name(leaf.subject)), 0)],
                M.t("ch.self-signed-reason"))
    if ch.end == "untrusted-root":
        cn = common_name(top.subject)
        return ([Problem("tls.untrusted-root", "error", M.t("ch.untrusted-root", cn=cn), None)],
                M.t("ch.untrusted-root-reason", cn=cn))
    if ch.end == "missing-issuer":
        if len(ch.path) == 1 and not _is_ca(leaf):
            issuer = common_name(leaf.issuer)
            return ([Problem("tls.incomplete-chain", "error", M.t("ch.incomplete", issuer=issuer), None)],
                    M.t("ch.incomplete-reason", issuer=issuer))
        issuer = common_name(top.issuer)
        return ([Problem("tls.untrusted-root", "error",
                         M.t("ch.unknown-issuer", cn=common_name(top.subject), issuer=issuer), None)],
                M.t("ch.unknown-issuer-reason", issuer=issuer))
    if ch.end == "trusted":
        reason = M.t("ch.trusted-reason", cn=common_name(top.subject))
    return [], reason


def _days(n: int) -> T:
    return M.t("day" if n == 1 else "days", n=n)


def _dates(ch: _Chain, now: dt.datetime | None) -> list[Problem]:
    """Validity dates along the path (the leaf in any case), judged at the time of the observation."""
    out: list[Problem] = []
    if now is None:
        return out
    for c, _src, pos in ch.path:
        nb, na = c.not_valid_before_utc, c.not_valid_after_utc
        leaf = pos == 0
        where = pos if pos >= 0 else None
        if now > na:
            ago = _days(int((now - na).total_seconds() // DAY))
            msg = (M.t("ch.expired-leaf", ago=ago, date=na.date().isoformat()) if leaf else
                   M.t("ch.expired-ca", cn=common_name(c.subject), ago=ago, date=na.date().isoformat()))
            out.append(Problem("tls.cert-expired", "error", msg, where))
        elif now < nb:
            ahead = _days(-int(-(nb - now).total_seconds() // DAY))
            msg = (M.t("ch.not-yet-leaf", ahead=ahead, date=nb.date().isoformat()) if leaf else
                   M.t("ch.not-yet-ca", cn=common_name(c.subject), ahead=ahead, date=nb.date().isoformat()))
            out.append(Problem("tls.cert-not-yet-valid", "error", msg, where))
    return out


def analyze_chain(sent_pems: list[str], anchor_pems: list[str] | None, hostname: str | None,
                  now: dt.datetime | None) -> ChainReport:
    """The chain as sent, the path as built and every problem; dates are not judged when ``now`` is None."""
    sent_certs = load_pems(sent_pems)
    problems = [Problem("tls.chain-unparseable", "warning", M.t("ch.unparseable", n=i + 1), i)
                for i, c in enumerate(sent_certs) if c is None]
    if all(c is None for c in sent_certs):
        return ChainReport(sent=[], path=[], end="empty", missing_issuer=None, problems=problems,
                           verdict="unknown", reason=M.t("ch.empty"))
    ch = _Chain(sent_certs, [a for a in load_pems(anchor_pems or []) if a is not None])
    sent = [describe(c, i, now) for i, c in ch.parsed]
    problems += _duplicates(ch) + _order(ch)
    ch.build_path()
    path = [describe(c, pos, now, source=src) for c, src, pos in ch.path]
    problems += _extra(ch)
    trust_problems, end_reason = _trust(ch)
    problems += trust_problems + _dates(ch, now)
    hostname_ok, hostname_detail = None, M.t("ch.no-hostname")
    if hostname:
        hostname_ok, hostname_detail = match_hostname(ch.leaf, hostname)
        if not hostname_ok:
            problems.append(Problem("tls.hostname-mismatch", "error", M.t("ch.mismatch", detail=hostname_detail), 0))
    errors = [p for p in problems if p.severity == "error"]
    if ch.end in ("no-anchors", "empty"):
        verdict, reason = "unknown", end_reason
    elif errors:
        verdict, reason = "invalid", errors[0].message
    else:
        verdict, reason = "valid", end_reason
    return ChainReport(sent=sent, path=path, end=ch.end, missing_issuer=ch.missing, problems=problems,
                       hostname_ok=hostname_ok, hostname_detail=hostname_detail, verdict=verdict, reason=reason)


def relevant_anchors(store_pems: list[str], chain_pems: list[str]) -> list[str]:
    """The store's certificates whose subject is an issuer or subject in the chain (what path
    building can use); keeps recordings small when the store is the system's (~150 roots)."""
    chain = [c for c in load_pems(chain_pems) if c is not None]
    names = {c.issuer for c in chain} | {c.subject for c in chain}
    out = []
    for pem, c in zip(store_pems, load_pems(store_pems), strict=False):
        if c is not None and c.subject in names:
            out.append(pem)
    return out
