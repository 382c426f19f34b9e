"""Certificate chain analysis, pure: the chain as sent, the path as built, and what is wrong.

Input: the PEM certificates the server sent (leaf first), the trust anchors that matter (PEM),
the host name to check and the time of the observation.  Output: a :class:`ChainReport` with a
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

from netlab.probes.tls_inspect.model import CertInfo

DAY = 86400


@dataclass
class Problem:
    code: str  # tls.cert-expired, ...
    severity: str
    message: str
    cert: int | None = None  # position as sent


@dataclass
class ChainReport:
    sent: list[CertInfo]
    path: list[CertInfo]
    end: str  # trusted | self-signed-leaf | untrusted-root | missing-issuer | empty | no-anchors
    missing_issuer: str | None
    problems: list[Problem] = field(default_factory=list)
    hostname_ok: bool | None = None
    hostname_detail: str = ""
    verdict: str = "unknown"  # valid | invalid | unknown
    reason: str = ""


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


def days_left(not_after: dt.datetime, now: dt.datetime) -> int:
    return int((not_after - now).total_seconds() // DAY)


def describe(cert, position: int, now: dt.datetime, source: str = "sent") -> CertInfo:
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


def match_hostname(cert, hostname: str) -> tuple[bool, str]:
    """RFC 6125 as browsers do it: SANs only (no CN fallback), a wildcard covers one left label."""
    sans = _sans(cert)
    try:
        ip = ipaddress.ip_address(hostname)
    except ValueError:
        ip = None
    if not sans:
        return False, "the certificate has no subjectAltName, so it names no host (the CN is not used)"
    if ip is not None:
        ok = any(s == f"IP:{ip}" for s in sans)
    else:
        h = hostname.lower().rstrip(".")
        ok = False
        for s in sans:
            if not s.startswith("DNS:"):
                continue
            pat = s[4:].lower().rstrip(".")
            if pat == h:
                ok = True
            elif pat.startswith("*.") and "." in h and h.split(".", 1)[1] == pat[2:] and h.split(".", 1)[0]:
                ok = True
            if ok:
                break
    names = ", ".join(s.split(":", 1)[1] for s in sans[:6]) + (" ..." if len(sans) > 6 else "")
    if ok:
        return True, f"{hostname} matches the certificate (names: {names})"
    return False, f"{hostname} is not among the names the certificate is valid for: {names}"


def analyze_chain(sent_pems: list[str], anchor_pems: list[str] | None, hostname: str | None,
                  now: dt.datetime) -> ChainReport:
    sent_certs = load_pems(sent_pems)
    problems: list[Problem] = []
    parsed = [(i, c) for i, c in enumerate(sent_certs) if c is not None]
    for i, c in enumerate(sent_certs):
        if c is None:
            problems.append(Problem("tls.chain-unparseable", "warning", f"certificate #{i + 1} could not be parsed", i))
    sent = [describe(c, i, now) for i, c in parsed]
    if not parsed:
        return ChainReport(sent=[], path=[], end="empty", missing_issuer=None, problems=problems,
                           verdict="unknown", reason="the server sent no certificate we could read")
    anchors = [a for a in load_pems(anchor_pems or []) if a is not None]
    anchor_fps = {fingerprint(a) for a in anchors}

    # duplicates
    seen: dict[str, int] = {}
    for i, c in parsed:
        fp = fingerprint(c)
        if fp in seen:
            problems.append(Problem("tls.chain-duplicate", "warning",
                                    f"certificate #{i + 1} ({common_name(c.subject)}) was sent twice "
                                    f"(also #{seen[fp] + 1})", i))
        else:
            seen[fp] = i

    # order: each certificate should be followed by its issuer
    order_msgs = []
    for k in range(len(parsed) - 1):
        i, c = parsed[k]
        j, nxt = parsed[k + 1]
        if fingerprint(nxt) == fingerprint(c):
            continue
        if issued_by(c, nxt) or self_signed(c):
            continue
        actual = next((m for m, d in parsed if m != i and issued_by(c, d)), None)
        if actual is not None:
            order_msgs.append(
                f"#{j + 1} ({common_name(nxt.subject)}) does not sign #{i + 1} ({common_name(c.subject)}); "
                f"its issuer is #{actual + 1} ({common_name(parsed[[m for m, _ in parsed].index(actual)][1].subject)})")
    if order_msgs:
        problems.append(Problem("tls.chain-order", "warning",
                                "the chain was sent out of order: " + "; ".join(order_msgs) +
                                " (each certificate should be followed by the one that signed it)", None))

    # path building
    leaf = parsed[0][1]
    path_certs = [(leaf, "sent", 0)]
    used = {fingerprint(leaf)}
    end = "missing-issuer"
    missing = None
    cur = leaf
    for _ in range(10):
        if fingerprint(cur) in anchor_fps:
            end = "trusted"
            break
        anchor = next((a for a in anchors if issued_by(cur, a)), None)
        if anchor is not None:
            path_certs.append((anchor, "trust-store", -1))
            end = "trusted"
            break
        if self_signed(cur):
            end = "self-signed-leaf" if len(path_certs) == 1 else "untrusted-root"
            break
        nxt = next(((i, c) for i, c in parsed if fingerprint(c) not in used and issued_by(cur, c)), None)
        if nxt is None:
            missing = _name(cur.issuer)
            end = "missing-issuer"
            break
        path_certs.append((nxt[1], "sent", nxt[0]))
        used.add(fingerprint(nxt[1]))
        cur = nxt[1]
    path = []
    for c, src, pos in path_certs:
        info = describe(c, pos, now, source=src)
        path.append(info)

    unused = [i for i, c in parsed if fingerprint(c) not in used and fingerprint(c) not in anchor_fps
              and not any(fingerprint(c) == fingerprint(p) for p, _, _ in path_certs)]
    if unused and end == "trusted":
        problems.append(Problem("tls.chain-extra", "info",
                                "sent but not needed for the path: " +
                                ", ".join(f"#{i + 1} ({common_name(sent_certs[i].subject)})" for i in unused), None))

    # trust
    if not anchors and end != "self-signed-leaf":
        end_reason = "no trust anchors were available, so the chain could not be checked"
        if end == "missing-issuer":
            end = "no-anchors"
    top = path_certs[-1][0]
    if end == "self-signed-leaf":
        problems.append(Problem("tls.self-signed", "error",
                                f"the certificate is self-signed: {common_name(leaf.subject)} vouches for itself "
                                "and no CA signed it", 0))
        end_reason = "self-signed certificate"
    elif end == "untrusted-root":
        problems.append(Problem("tls.untrusted-root", "error",
                                f"the chain ends at the root '{common_name(top.subject)}', which the trust store "
                                "does not contain", None))
        end_reason = f"root '{common_name(top.subject)}' is not trusted"
    elif end == "missing-issuer":
        if len(path_certs) == 1 and not _is_ca(leaf):
            problems.append(Problem("tls.incomplete-chain", "error",
                                    f"incomplete chain: the server sent its certificate without the intermediate "
                                    f"that signed it ('{common_name(leaf.issuer)}'), and the trust store does not "
                                    "have it either", None))
            end_reason = f"issuer '{common_name(leaf.issuer)}' missing (not sent, not trusted)"
        else:
            problems.append(Problem("tls.untrusted-root", "error",
                                    f"the chain ends at '{common_name(top.subject)}', issued by "
                                    f"'{common_name(top.issuer)}', which is neither sent nor in the trust store "
                                    "(a root this client does not trust, or a missing intermediate)", None))
            end_reason = f"issuer '{common_name(top.issuer)}' not found"
    elif end == "trusted":
        end_reason = f"chains to the trusted root '{common_name(path_certs[-1][0].subject)}'"

    # validity dates along the path (and of the leaf in any case)
    for c, _src, pos in path_certs:
        nb, na = c.not_valid_before_utc, c.not_valid_after_utc
        who = "the server's certificate" if pos == 0 else f"'{common_name(c.subject)}'"
        if now > na:
            ago = int((now - na).total_seconds() // DAY)
            problems.append(Problem("tls.cert-expired", "error",
                                    f"{who} expired {_days(ago)} ago, notAfter {na.date().isoformat()}",
                                    pos if pos >= 0 else None))
        elif now < nb:
            ahead = -int(-(nb - now).total_seconds() // DAY)
            problems.append(Problem("tls.cert-not-yet-valid", "error",
                                    f"{who} is not valid yet: it starts in {_days(ahead)}, notBefore "
                                    f"{nb.date().isoformat()}", pos if pos >= 0 else None))

    # host name
    hostname_ok, hostname_detail = (None, "no host name to check (connected by address, no --servername)")
    if hostname:
        hostname_ok, hostname_detail = match_hostname(leaf, hostname)
        if not hostname_ok:
            problems.append(Problem("tls.hostname-mismatch", "error", "host name mismatch: " + hostname_detail, 0))

    errors = [p for p in problems if p.severity == "error"]
    if end in ("no-anchors", "empty"):
        verdict, reason = "unknown", end_reason
    elif errors:
        verdict, reason = "invalid", errors[0].message
    else:
        verdict, reason = "valid", end_reason
    return ChainReport(sent=sent, path=path, end=end, missing_issuer=missing, problems=problems,
                       hostname_ok=hostname_ok, hostname_detail=hostname_detail, verdict=verdict, reason=reason)


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


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
