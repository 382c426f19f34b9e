"""tls-inspect: the events collect() records and the Result analyze() returns.

Events hold raw evidence: the TLS messages as OpenSSL's message callback saw them (type, bytes),
when each flight left and each chunk arrived, how a handshake ended (and OpenSSL's own words),
the certificates as PEM (as sent, and the trust anchors that could have signed them).  analyze.py
recomputes everything a student reads from them.

Connections are named: ``main`` (best version, timeline), ``resume`` (second connection offering
the main connection's session), ``v1.0`` .. ``v1.3`` (the version matrix, each pinned to one
version) and ``verify`` (OpenSSL's own verification against the trust store, with host name).

Times ``t`` are seconds from the injected monotonic clock.

The Result (``--json``, top level): ``host``, ``port``, ``sni``, ``address``, ``tcp_connect_ms``;
``version`` ("TLS 1.3"), ``cipher`` (OpenSSL name), ``group``, ``key_exchange``,
``forward_secrecy``, ``alpn``, ``handshake_ms`` (TCP connected -> our Finished sent);
``versions`` (``version``, ``status``: accepted | refused | not-testable | error, ``cipher``,
``group``, ``detail``); ``timeline`` (``t_ms`` since connect() was called, ``direction``,
``message``, ``round_trip``: 0 = TCP, 1.. = TLS, null = no wait, ``bytes``, ``encrypted``,
``kind``: tcp | handshake | ccs | compat | alert | close-notify | rst | fin | not-tls,
``after_handshake``);
``round_trips`` (``n``, ``what``, ``sent_ms``, ``answered_ms``, ``rtt_ms``: from a flight leaving
our socket to the first byte of the answer); ``resumption``; ``chain_sent`` and
``chain_validated`` (CertInfo: ``subject``, ``issuer``, ``not_before``, ``not_after``,
``days_left``, ``sans``, ``key``, ``signature``, ``sha256``, ``role``, ``source``);
``chain_problems``; ``validation`` (``trust_store``, ``verdict``: valid | invalid | unknown,
``reason``, ``openssl_reason``, ``hostname_ok``, ``hostname_detail``); ``failure``; ``artifacts``.
Text a student reads (``failure``, ``detail``, ``reason``, ``notes``...) is held as catalogue
references (messages.py) and rendered in the report's language; ``--json`` gives it in English.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, ClassVar

from netlab.i18n import Both, T
from netlab.model import Result, event, to_jsonable
from netlab.probes.events import CaptureMissing

# Text a student reads: a catalogue reference (messages.py) or a string made in both languages.
# The report renders it in its language; ``--json`` shows it in English.
Msg = T | Both

# --------------------------------------------------------------------------------------------
# Events
# --------------------------------------------------------------------------------------------


@event
class TlsTargetResolved:
    t: float
    host: str
    port: int
    sni: str | None
    addresses: list[str]
    chosen: str | None
    how: str  # "literal" | "connect-to" | "getaddrinfo"
    error: str | None = None


@event
class TlsTrustStoreLoaded:
    """Which trust store the verdict is against, and the anchors that matter for this chain."""

    t: float
    source: str  # system | sandbox | cacert
    paths: list[str]
    count: int  # certificates in the store
    anchors_pem: list[str]  # the store's certificates whose subject matches a name in the chain
    # (for --cacert and the sandbox: the whole file, which is small)
    error: str | None = None


@event
class TlsClientSupportChecked:
    """What our own OpenSSL agrees to offer, per version ("" = yes; otherwise why not)."""

    t: float
    openssl: str
    versions: dict[str, str]


@event
class TlsTcpConnected:
    t: float
    conn: str
    address: str
    port: int
    started: float  # when connect() was called
    local: str = ""


@event
class TlsTcpConnectFailed:
    t: float
    conn: str
    address: str
    port: int
    started: float
    error: str  # refused | timeout | unreachable | ...
    detail: str = ""


@event
class TlsFlightSent:
    """Bytes our TLS engine produced, written to the socket at ``t``."""

    t: float
    conn: str
    nbytes: int


@event
class TlsBytesReceived:
    t: float
    conn: str
    nbytes: int
    head: bytes = b""  # the first bytes of a connection's first chunk (to recognise non-TLS)


@event
class TlsMessageSeen:
    """One TLS message (OpenSSL's message callback): handshake, alert, change_cipher_spec."""

    t: float
    conn: str
    direction: str  # sent | received
    content_type: int  # 20 change_cipher_spec, 21 alert, 22 handshake, 23 application data
    msg_type: int  # handshake type, alert description, or 1 for CCS
    version: int  # record version as reported (0x0303 ...)
    length: int
    data: bytes = b""  # message bytes (small messages, and always ServerHello/alerts)


@event
class TlsHandshakeCompleted:
    t: float
    conn: str
    version: str  # "TLSv1.3"
    cipher: str  # OpenSSL name
    cipher_bits: int
    alpn: str | None
    session_reused: bool
    chain_pem: list[str]  # as sent by the server (leaf first), [] when unavailable
    verified_chain_pem: list[str] = field(default_factory=list)  # verify connection only
    chain_source: str = "get_unverified_chain"  # or "getpeercert" (leaf only: fallback)


@event
class TlsHandshakeFailed:
    t: float
    conn: str
    kind: str  # alert-received | alert-sent | reset | eof | timeout | not-tls | local | verify | error
    reason: str  # OpenSSL's reason or the OS error
    client_hello_sent: bool
    verify_code: int | None = None
    verify_message: str | None = None
    chain_pem: list[str] = field(default_factory=list)
    error: str = ""  # the library's own words (OpenSSL's reason, the OS error); "" in older recordings


@event
class TlsAfterHandshake:
    """What arrived after our Finished, before we closed (tickets; a late alert in TLS 1.3)."""

    t: float
    conn: str
    waited_s: float
    tickets: int
    outcome: str  # ok | alert | reset | eof | timeout
    reason: str = ""


@event
class TlsArtifactWritten:
    t: float
    kind: str  # keylog | pcap
    path: str
    detail: str = ""


@event
class TlsCaptureUnavailable(CaptureMissing):
    """No capture for --pcap."""


# --------------------------------------------------------------------------------------------
# Result
# --------------------------------------------------------------------------------------------


@dataclass
class CertInfo:
    position: int  # index as sent (0 = leaf); -1 for certificates not sent (from the trust store)
    subject: str
    issuer: str
    not_before: str  # ISO 8601 UTC
    not_after: str
    days_left: int | None  # floor((not_after - observed) / 1 day); negative when expired; None: no time
    sans: list[str]
    key: str  # "RSA 2048", "EC P-256"
    signature: str  # "sha256WithRSAEncryption", "ecdsa-with-SHA256"
    sha256: str  # colon-separated hex
    is_ca: bool
    self_signed: bool
    role: str  # leaf | intermediate | root
    source: str = "sent"  # sent | trust-store


@dataclass
class VersionRow:
    version: str  # "TLS 1.0"
    status: str  # accepted | refused | not-testable | error
    cipher: str | None = None
    group: str | None = None
    detail: Msg | str = ""


@dataclass
class TimelineItem:
    t_ms: float
    direction: str  # client->server | server->client
    message: Msg
    round_trip: int | None  # 0 = TCP; 1.. TLS round trips; None = no wait
    bytes: int = 0
    encrypted: bool = False  # sent under handshake/application keys (TLS 1.3 after ServerHello)
    # tcp | handshake | ccs | compat (TLS 1.3's ChangeCipherSpec) | alert | close-notify | rst | fin | not-tls
    kind: str = "handshake"
    after_handshake: bool = False


@dataclass
class RoundTrip:
    n: int
    what: Msg | None
    sent_ms: float
    answered_ms: float | None
    rtt_ms: float | None


@dataclass
class Resumption:
    attempted: bool
    resumed: bool = False
    mechanism: Msg | str = ""  # PSK from a session ticket | session ID | session ticket
    full_ms: float | None = None
    resumed_ms: float | None = None
    full_received_bytes: int = 0
    resumed_received_bytes: int = 0
    skipped_messages: list[str] = field(default_factory=list)
    tickets: int = 0
    early_data_offered_by_server: bool | None = None  # ticket's early_data extension (TLS 1.3)
    detail: Msg | str = ""


@dataclass
class Validation:
    trust_store: str  # system | sandbox | cacert
    trust_paths: list[str]
    verdict: str  # valid | invalid | unknown
    reason: Msg  # one line: why
    openssl_reason: Msg | None  # OpenSSL's own verification result ("ok" or its message)
    hostname: str | None
    hostname_ok: bool | None
    hostname_detail: Msg | str


@dataclass
class TlsInspectResult(Result):
    probe: ClassVar[str] = "tls-inspect"
    host: str = ""
    port: int = 443
    sni: str | None = None
    address: str | None = None
    tcp_connect_ms: float | None = None
    reached_tls: bool = False  # a ServerHello came back on the main connection
    # the handshake completed and the server accepted it (False when it refused us afterwards,
    # e.g. for want of a client certificate): what the headline and the findings say
    handshake_accepted: bool = False
    version: str | None = None
    cipher: str | None = None
    group: str | None = None
    key_exchange: Msg | str | None = None  # "ECDHE (x25519)" | "RSA key transport" | ...
    forward_secrecy: bool | None = None
    alpn: str | None = None
    handshake_ms: float | None = None
    versions: list[VersionRow] = field(default_factory=list)
    timeline: list[TimelineItem] = field(default_factory=list)
    round_trips: list[RoundTrip] = field(default_factory=list)
    resumption: Resumption | None = None
    chain_sent: list[CertInfo] = field(default_factory=list)
    chain_validated: list[CertInfo] = field(default_factory=list)
    chain_problems: list[Msg] = field(default_factory=list)
    validation: Validation | None = None
    failure: Msg | None = None  # one line when the main handshake failed
    artifacts: dict[str, str] = field(default_factory=dict)
    notes: list[Msg] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict:
        """The Result for ``--json``: text fields in English (the Document carries the report's language)."""
        return to_jsonable(in_english(self))


def in_english(value: Any) -> Any:
    """``value`` with every T/Both rendered in English (dataclasses become dicts)."""
    if isinstance(value, T | Both):
        return value.render("en")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: in_english(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [in_english(v) for v in value]
    if isinstance(value, dict):
        return {k: in_english(v) for k, v in value.items()}
    return value
