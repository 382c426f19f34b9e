"""Pure decoding of the TLS messages we keep as evidence: names, ServerHello, ServerKeyExchange,
NewSessionTicket, alerts.  No I/O, no ssl module."""

from __future__ import annotations

from dataclasses import dataclass

CT_CCS, CT_ALERT, CT_HANDSHAKE, CT_APPDATA = 20, 21, 22, 23

HANDSHAKE_NAMES = {
    0: "HelloRequest", 1: "ClientHello", 2: "ServerHello", 4: "NewSessionTicket", 5: "EndOfEarlyData",
    8: "EncryptedExtensions", 11: "Certificate", 12: "ServerKeyExchange", 13: "CertificateRequest",
    14: "ServerHelloDone", 15: "CertificateVerify", 16: "ClientKeyExchange", 20: "Finished",
    22: "CertificateStatus", 24: "KeyUpdate", 254: "MessageHash",
}

ALERT_NAMES = {
    0: "close_notify", 10: "unexpected_message", 20: "bad_record_mac", 22: "record_overflow",
    40: "handshake_failure", 42: "bad_certificate", 43: "unsupported_certificate", 44: "certificate_revoked",
    45: "certificate_expired", 46: "certificate_unknown", 47: "illegal_parameter", 48: "unknown_ca",
    49: "access_denied", 50: "decode_error", 51: "decrypt_error", 70: "protocol_version",
    71: "insufficient_security", 80: "internal_error", 86: "inappropriate_fallback", 90: "user_canceled",
    100: "no_renegotiation", 109: "missing_extension", 110: "unsupported_extension", 112: "unrecognized_name",
    113: "bad_certificate_status_response", 115: "unknown_psk_identity", 116: "certificate_required",
    120: "no_application_protocol",
}

VERSION_NAMES = {0x0300: "SSL 3.0", 0x0301: "TLS 1.0", 0x0302: "TLS 1.1", 0x0303: "TLS 1.2", 0x0304: "TLS 1.3"}
VERSION_CODES = {v: k for k, v in VERSION_NAMES.items()}
OPENSSL_VERSION_NAMES = {"TLSv1": "TLS 1.0", "TLSv1.1": "TLS 1.1", "TLSv1.2": "TLS 1.2", "TLSv1.3": "TLS 1.3"}

GROUP_NAMES = {
    0x0017: "secp256r1 (P-256)", 0x0018: "secp384r1 (P-384)", 0x0019: "secp521r1 (P-521)", 0x001D: "x25519",
    0x001E: "x448", 0x0100: "ffdhe2048", 0x0101: "ffdhe3072", 0x0102: "ffdhe4096", 0x0103: "ffdhe6144",
    0x0104: "ffdhe8192", 0x11EC: "X25519MLKEM768", 0x6399: "X25519Kyber768Draft00",
}

# IANA code -> OpenSSL name (what `openssl s_client` prints), for the suites a server may pick.
CIPHER_NAMES = {
    0x1301: "TLS_AES_128_GCM_SHA256", 0x1302: "TLS_AES_256_GCM_SHA384", 0x1303: "TLS_CHACHA20_POLY1305_SHA256",
    0xC02B: "ECDHE-ECDSA-AES128-GCM-SHA256", 0xC02C: "ECDHE-ECDSA-AES256-GCM-SHA384",
    0xC02F: "ECDHE-RSA-AES128-GCM-SHA256", 0xC030: "ECDHE-RSA-AES256-GCM-SHA384",
    0xCCA8: "ECDHE-RSA-CHACHA20-POLY1305", 0xCCA9: "ECDHE-ECDSA-CHACHA20-POLY1305",
    0xCCAA: "DHE-RSA-CHACHA20-POLY1305", 0x009E: "DHE-RSA-AES128-GCM-SHA256", 0x009F: "DHE-RSA-AES256-GCM-SHA384",
    0xC023: "ECDHE-ECDSA-AES128-SHA256", 0xC024: "ECDHE-ECDSA-AES256-SHA384", 0xC027: "ECDHE-RSA-AES128-SHA256",
    0xC028: "ECDHE-RSA-AES256-SHA384", 0xC009: "ECDHE-ECDSA-AES128-SHA", 0xC00A: "ECDHE-ECDSA-AES256-SHA",
    0xC013: "ECDHE-RSA-AES128-SHA", 0xC014: "ECDHE-RSA-AES256-SHA", 0x0033: "DHE-RSA-AES128-SHA",
    0x0039: "DHE-RSA-AES256-SHA", 0x0067: "DHE-RSA-AES128-SHA256", 0x006B: "DHE-RSA-AES256-SHA256",
    0x009C: "AES128-GCM-SHA256", 0x009D: "AES256-GCM-SHA384", 0x003C: "AES128-SHA256", 0x003D: "AES256-SHA256",
    0x002F: "AES128-SHA", 0x0035: "AES256-SHA", 0x000A: "DES-CBC3-SHA",
}


def version_name(code: int | None) -> str:
    if code is None:
        return "?"
    return VERSION_NAMES.get(code, f"0x{code:04x}")


def alert_name(code: int) -> str:
    return ALERT_NAMES.get(code, f"alert {code}")


def message_name(content_type: int, msg_type: int) -> str:
    if content_type == CT_HANDSHAKE:
        return HANDSHAKE_NAMES.get(msg_type, f"handshake type {msg_type}")
    if content_type == CT_CCS:
        return "ChangeCipherSpec"
    if content_type == CT_ALERT:
        return f"Alert ({alert_name(msg_type)})"
    if content_type == CT_APPDATA:
        return "ApplicationData"
    return f"content type {content_type}"


def cipher_name(code: int) -> str:
    return CIPHER_NAMES.get(code, f"0x{code:04x}")


def key_exchange_of(version: str | None, cipher: str | None) -> tuple[str, bool | None]:
    """("ECDHE" | "DHE" | "RSA key transport" | "(EC)DHE", forward secrecy?) from the suite name."""
    if not cipher:
        return "", None
    if version == "TLS 1.3" or cipher.startswith("TLS_"):
        return "(EC)DHE", True
    if cipher.startswith("ECDHE"):
        return "ECDHE", True
    if cipher.startswith(("DHE", "EDH")):
        return "DHE", True
    if cipher.startswith(("ECDH-", "DH-")):
        return "static (EC)DH", False
    return "RSA key transport", False


@dataclass
class ServerHello:
    legacy_version: int
    version: int  # the real one (supported_versions in TLS 1.3)
    cipher: int
    session_id: bytes
    group: int | None  # key_share (TLS 1.3)
    hello_retry: bool
    extensions: list[int]
    psk_accepted: bool


HRR_RANDOM = bytes.fromhex("CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C")


def parse_server_hello(data: bytes) -> ServerHello | None:
    """Decode a ServerHello handshake message (with its 4-byte header)."""
    try:
        if data[0] != 2:
            return None
        b = data[4:]
        legacy = int.from_bytes(b[0:2], "big")
        random = b[2:34]
        sid_len = b[34]
        sid = b[35:35 + sid_len]
        p = 35 + sid_len
        cipher = int.from_bytes(b[p:p + 2], "big")
        p += 3  # cipher + compression
        version = legacy
        group = None
        exts = []
        psk = False
        if p + 2 <= len(b):
            end = p + 2 + int.from_bytes(b[p:p + 2], "big")
            p += 2
            while p + 4 <= end:
                et = int.from_bytes(b[p:p + 2], "big")
                el = int.from_bytes(b[p + 2:p + 4], "big")
                ev = b[p + 4:p + 4 + el]
                exts.append(et)
                if et == 43 and len(ev) >= 2:  # supported_versions
                    version = int.from_bytes(ev[:2], "big")
                elif et == 51 and len(ev) >= 2:  # key_share: group (+ key)
                    group = int.from_bytes(ev[:2], "big")
                elif et == 41:  # pre_shared_key: the server accepted our PSK
                    psk = True
                p += 4 + el
        return ServerHello(legacy, version, cipher, bytes(sid), group, random == HRR_RANDOM, exts, psk)
    except (IndexError, ValueError):
        return None


def ske_group(data: bytes) -> tuple[int | None, int | None]:
    """(named group, DH prime bits) from a TLS 1.2 ServerKeyExchange (header included).

    ECDHE: curve_type 3 (named_curve) + 2-byte group.  DHE: p_len + p: the prime's size.
    Which one it is follows from the cipher suite; we try ECDHE's shape first.
    """
    try:
        b = data[4:]
        if b and b[0] == 3 and len(b) >= 4:
            return int.from_bytes(b[1:3], "big"), None
        plen = int.from_bytes(b[0:2], "big")
        p = b[2:2 + plen].lstrip(b"\x00")
        return None, len(p) * 8
    except (IndexError, ValueError):
        return None, None


def ticket_allows_early_data(data: bytes) -> bool | None:
    """Whether a TLS 1.3 NewSessionTicket carries the early_data extension (0-RTT allowed)."""
    try:
        b = data[4:]
        p = 8
        nlen = b[p]
        p += 1 + nlen
        tlen = int.from_bytes(b[p:p + 2], "big")
        p += 2 + tlen
        elen = int.from_bytes(b[p:p + 2], "big")
        p += 2
        end = p + elen
        while p + 4 <= end:
            et = int.from_bytes(b[p:p + 2], "big")
            el = int.from_bytes(b[p + 2:p + 4], "big")
            if et == 42:
                return True
            p += 4 + el
        return False
    except (IndexError, ValueError):
        return None


def looks_like_tls(head: bytes) -> bool:
    """Does a stream start with a TLS record (content type 20-23, version 3.x)?"""
    if len(head) < 3:
        return bool(head) and head[0] in (20, 21, 22, 23)
    return head[0] in (20, 21, 22, 23) and head[1] == 3 and head[2] <= 4


def printable_head(head: bytes, limit: int = 60) -> str:
    text = head[:limit].decode("latin-1")
    line = text.split("\r\n", 1)[0].split("\n", 1)[0]
    return "".join(c if 32 <= ord(c) < 127 else "." for c in line)
