"""The sandbox's PKI: a root CA -> intermediate CA -> leaf certificates, plus the broken ones.

Everything lives in ``<state_dir>/pki/`` and nothing is installed into the machine's trust store:
the sandbox's client trusts ``root.pem`` only (the supervisor hands it to probes as
``SandboxInfo.cacert``).  Files are made with the ``cryptography`` library the first time a web
service needs them and reused afterwards (see :func:`ensure`): a manifest records what was made
and when, and anything missing, about to expire or issued by a different CA is made again.

Layout (``<label>`` is a site such as ``www.naver.com`` or a fault such as ``expired``)::

    root.pem / root.key                 netlab Sandbox Root CA (RSA 2048, 10 years)
    intermediate.pem / .key             netlab Sandbox Issuing CA 1 (RSA 2048, 5 years)
    untrusted-root.pem, untrusted-intermediate.pem   a second hierarchy nobody trusts (ECDSA)
    <label>.key                         the leaf's private key
    <label>.pem                         the leaf alone            ("cert.pem")
    <label>.chain.pem                   what the server sends after the leaf
    <label>.fullchain.pem               leaf + chain              ("fullchain.pem")
    client.pem / client.key             a client certificate (for the client-cert fault host)
    manifest.json                       what was generated, when, and for which names

Fault certificates (what :data:`FAULTS` describes): expired, not-yet-valid, self-signed,
wrong-host, untrusted-root, incomplete-chain (the server sends the leaf only) and wrong-order
(the server sends leaf, root, intermediate).  The other fault hosts (tls10, rsa-kx, ...) use a
normal certificate for their names.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import ipaddress
import json
import os
from dataclasses import dataclass
from pathlib import Path

MANIFEST_VERSION = 1
FAULT_DOMAIN = "badtls.test"
ROOT_NAME = "netlab Sandbox Root CA"
INTERMEDIATE_NAME = "netlab Sandbox Issuing CA 1"
UNTRUSTED_ROOT_NAME = "netlab Untrusted Root CA"
UNTRUSTED_INTERMEDIATE_NAME = "netlab Untrusted Issuing CA"
ORG = "netlab sandbox"

LEAF_DAYS = 90
REGENERATE_AFTER_DAYS = 20  # fault dates are relative to generation time; keep them plausible

# label -> (how the leaf is issued, SANs, validity relative to now in days, what the server sends)
FAULTS: dict[str, dict] = {
    "expired": {"issuer": "intermediate", "valid": (-102, -12), "send": "chain"},
    "not-yet-valid": {"issuer": "intermediate", "valid": (30, 120), "send": "chain"},
    "self-signed": {"issuer": "self", "valid": (-1, 364), "send": "leaf"},
    "wrong-host": {"issuer": "intermediate", "valid": (-1, LEAF_DAYS - 1), "send": "chain",
                   "names": ["www.another-site.test", "another-site.test"]},
    "untrusted-root": {"issuer": "untrusted", "valid": (-1, LEAF_DAYS - 1), "send": "chain+root"},
    "incomplete-chain": {"issuer": "intermediate", "valid": (-1, LEAF_DAYS - 1), "send": "leaf"},
    "wrong-order": {"issuer": "intermediate", "valid": (-1, LEAF_DAYS - 1), "send": "root+intermediate"},
}

# The fault hosts that need a *good* certificate (their fault is elsewhere).
GOOD_FAULT_NAMES = ["tls10", "tls13-only", "rsa-kx", "client-cert", "plain-http", "reset"]


@dataclass(frozen=True)
class LeafFiles:
    label: str
    cert: Path  # leaf only
    key: Path
    chain: Path  # what follows the leaf on the wire (may be empty)
    fullchain: Path  # leaf + chain


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


class SandboxPKI:
    """Makes (or reuses) the certificates of one sandbox."""

    def __init__(self, directory: Path | str, now: dt.datetime | None = None):
        self.dir = Path(directory)
        self.now = now or _now()
        self._manifest: dict | None = None
        self._cache: dict = {}  # loaded CA certificates and keys

    # ---------------------------------------------------------------- files and manifest

    @property
    def root_pem(self) -> Path:
        return self.dir / "root.pem"

    def _path(self, name: str) -> Path:
        return self.dir / name

    def _load_manifest(self) -> dict:
        if self._manifest is None:
            try:
                self._manifest = json.loads((self.dir / "manifest.json").read_text())
                if self._manifest.get("version") != MANIFEST_VERSION:
                    self._manifest = None
            except (OSError, ValueError):
                self._manifest = None
            if self._manifest is None:
                self._manifest = {"version": MANIFEST_VERSION, "cas": {}, "leaves": {}}
        return self._manifest

    def _save_manifest(self) -> None:
        tmp = self.dir / "manifest.json.tmp"
        tmp.write_text(json.dumps(self._load_manifest(), indent=1, sort_keys=True))
        tmp.replace(self.dir / "manifest.json")

    def _write(self, name: str, data: bytes, private: bool = False) -> Path:
        path = self._path(name)
        tmp = path.with_name(path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600 if private else 0o644)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        tmp.replace(path)
        return path

    # ---------------------------------------------------------------- key and certificate making

    @staticmethod
    def _new_key(kind: str):
        from cryptography.hazmat.primitives.asymmetric import ec, rsa

        if kind == "rsa":
            return rsa.generate_private_key(public_exponent=65537, key_size=2048)
        if kind == "ecdsa":
            return ec.generate_private_key(ec.SECP256R1())
        if kind == "ecdsa384":
            return ec.generate_private_key(ec.SECP384R1())
        raise ValueError(f"unknown key type {kind!r}")

    @staticmethod
    def _key_pem(key) -> bytes:
        from cryptography.hazmat.primitives import serialization

        return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                 serialization.NoEncryption())

    @staticmethod
    def _cert_pem(cert) -> bytes:
        from cryptography.hazmat.primitives import serialization

        return cert.public_bytes(serialization.Encoding.PEM)

    def _load_cert(self, name: str):
        from cryptography import x509

        if name not in self._cache:
            self._cache[name] = x509.load_pem_x509_certificate(self._path(name).read_bytes())
        return self._cache[name]

    def _load_key(self, name: str):
        from cryptography.hazmat.primitives import serialization

        if name not in self._cache:
            # our own keys: skip the (slow) RSA consistency check on load
            self._cache[name] = serialization.load_pem_private_key(
                self._path(name).read_bytes(), password=None, unsafe_skip_rsa_key_validation=True)
        return self._cache[name]

    def _sign(self, *, subject_cn: str, key, issuer_cert, issuer_key, ca: bool, path_len: int | None,
              names: list[str] | None, not_before: dt.datetime, not_after: dt.datetime, client: bool = False):
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes
        from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

        subject = x509.Name([
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORG),
            x509.NameAttribute(NameOID.COMMON_NAME, subject_cn),
        ])
        issuer = issuer_cert.subject if issuer_cert is not None else subject
        signing_key = issuer_key if issuer_key is not None else key
        b = (x509.CertificateBuilder()
             .subject_name(subject).issuer_name(issuer).public_key(key.public_key())
             .serial_number(x509.random_serial_number())
             .not_valid_before(not_before).not_valid_after(not_after)
             .add_extension(x509.BasicConstraints(ca=ca, path_length=path_len), critical=True)
             .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False))
        if issuer_cert is not None:
            ski = issuer_cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
            b = b.add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False)
        else:
            b = b.add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(key.public_key()), critical=False)
        from cryptography.hazmat.primitives.asymmetric import rsa

        is_rsa = isinstance(key, rsa.RSAPrivateKey)
        if ca:
            b = b.add_extension(x509.KeyUsage(
                digital_signature=True, content_commitment=False, key_encipherment=False, data_encipherment=False,
                key_agreement=False, key_cert_sign=True, crl_sign=True, encipher_only=False, decipher_only=False),
                critical=True)
        else:
            b = b.add_extension(x509.KeyUsage(
                digital_signature=True, content_commitment=False, key_encipherment=is_rsa, data_encipherment=False,
                key_agreement=False, key_cert_sign=False, crl_sign=False, encipher_only=False, decipher_only=False),
                critical=True)
            eku = [ExtendedKeyUsageOID.CLIENT_AUTH] if client else [ExtendedKeyUsageOID.SERVER_AUTH]
            b = b.add_extension(x509.ExtendedKeyUsage(eku), critical=False)
        if names:
            sans = []
            for n in names:
                try:
                    sans.append(x509.IPAddress(ipaddress.ip_address(n)))
                except ValueError:
                    sans.append(x509.DNSName(n))
            b = b.add_extension(x509.SubjectAlternativeName(sans), critical=False)
        return b.sign(signing_key, hashes.SHA256())

    # ---------------------------------------------------------------- the CAs

    def _ca_ok(self, label: str) -> bool:
        m = self._load_manifest()["cas"].get(label)
        if not m or not self._path(f"{label}.pem").exists() or not self._path(f"{label}.key").exists():
            return False
        try:
            not_after = dt.datetime.fromisoformat(m["not_after"])
        except (KeyError, ValueError):
            return False
        return not_after - self.now > dt.timedelta(days=30)

    def _make_ca(self, label: str, cn: str, kind: str, parent: str | None, years: int, path_len: int | None):
        key = self._new_key(kind)
        parent_cert = self._load_cert(f"{parent}.pem") if parent else None
        parent_key = self._load_key(f"{parent}.key") if parent else None
        cert = self._sign(subject_cn=cn, key=key, issuer_cert=parent_cert, issuer_key=parent_key, ca=True,
                          path_len=path_len, names=None, not_before=self.now - dt.timedelta(days=1),
                          not_after=self.now + dt.timedelta(days=365 * years))
        self._write(f"{label}.key", self._key_pem(key), private=True)
        self._write(f"{label}.pem", self._cert_pem(cert))
        self._cache[f"{label}.key"] = key
        self._cache[f"{label}.pem"] = cert
        self._load_manifest()["cas"][label] = {
            "subject": cn, "parent": parent, "serial": format(cert.serial_number, "x"),
            "not_after": cert.not_valid_after_utc.isoformat(), "generated_at": self.now.isoformat(),
        }
        # Everything issued below this CA is now stale.
        leaves = self._load_manifest()["leaves"]
        for name, info in list(leaves.items()):
            if info.get("ca_chain") and label in info["ca_chain"]:
                del leaves[name]
        for name, info in list(self._load_manifest()["cas"].items()):
            if info.get("parent") == label and name != label:
                del self._load_manifest()["cas"][name]

    def ensure_cas(self) -> None:
        """Root and intermediate (trusted), and the untrusted second hierarchy."""
        self.dir.mkdir(parents=True, exist_ok=True)
        if not self._ca_ok("root"):
            self._make_ca("root", ROOT_NAME, "rsa", None, 10, 1)
        if not self._ca_ok("intermediate"):
            self._make_ca("intermediate", INTERMEDIATE_NAME, "rsa", "root", 5, 0)
        if not self._ca_ok("untrusted-root"):
            self._make_ca("untrusted-root", UNTRUSTED_ROOT_NAME, "ecdsa384", None, 10, 1)
        if not self._ca_ok("untrusted-intermediate"):
            self._make_ca("untrusted-intermediate", UNTRUSTED_INTERMEDIATE_NAME, "ecdsa", "untrusted-root", 5, 0)

    # ---------------------------------------------------------------- leaves

    def leaf(self, label: str, names: list[str], key: str = "ecdsa", *, issuer: str = "intermediate",
             valid: tuple[int, int] | None = None, send: str = "chain", client: bool = False) -> LeafFiles:
        """A leaf certificate for ``names`` (first name = CN), made unless a fresh one exists.

        issuer: "intermediate" | "untrusted" | "self".  valid: (not_before, not_after) in days
        relative to now.  send: what follows the leaf on the wire: "chain" (the issuing
        intermediate), "leaf" (nothing), "chain+root", "root+intermediate" (wrong order).
        """
        self.ensure_cas()
        valid = valid or (-1, LEAF_DAYS - 1)
        want = {"names": list(names), "key": key, "issuer": issuer, "valid": list(valid), "send": send,
                "client": client}
        ca_chain = {"intermediate": ["root", "intermediate"],
                    "untrusted": ["untrusted-root", "untrusted-intermediate"], "self": []}[issuer]
        files = LeafFiles(label, self._path(f"{label}.pem"), self._path(f"{label}.key"),
                          self._path(f"{label}.chain.pem"), self._path(f"{label}.fullchain.pem"))
        info = self._load_manifest()["leaves"].get(label)
        fresh = (
            info is not None
            and all(p.exists() for p in (files.cert, files.key, files.chain, files.fullchain))
            and {k: info.get(k) for k in want} == want
            and self._age_days(info.get("generated_at")) < REGENERATE_AFTER_DAYS
            and all(info.get("ca_serials", {}).get(c) == self._load_manifest()["cas"].get(c, {}).get("serial")
                    for c in ca_chain)
        )
        if fresh:
            return files
        k = self._new_key(key)
        nb = self.now + dt.timedelta(days=valid[0])
        na = self.now + dt.timedelta(days=valid[1])
        if issuer == "self":
            cert = self._sign(subject_cn=names[0], key=k, issuer_cert=None, issuer_key=None, ca=False, path_len=None,
                              names=names, not_before=nb, not_after=na, client=client)
        else:
            ica = "intermediate" if issuer == "intermediate" else "untrusted-intermediate"
            cert = self._sign(subject_cn=names[0], key=k, issuer_cert=self._load_cert(f"{ica}.pem"),
                              issuer_key=self._load_key(f"{ica}.key"), ca=False, path_len=None, names=names,
                              not_before=nb, not_after=na, client=client)
        leaf_pem = self._cert_pem(cert)
        if issuer == "self":
            chain = b""
        else:
            top, mid = ca_chain
            parts = {
                "chain": [mid], "leaf": [], "chain+root": [mid, top], "root+intermediate": [top, mid],
            }[send]
            chain = b"".join(self._path(f"{p}.pem").read_bytes() for p in parts)
        self._write(f"{label}.key", self._key_pem(k), private=True)
        self._write(f"{label}.pem", leaf_pem)
        self._write(f"{label}.chain.pem", chain)
        self._write(f"{label}.fullchain.pem", leaf_pem + chain)
        self._load_manifest()["leaves"][label] = {
            **want, "generated_at": self.now.isoformat(), "ca_chain": ca_chain,
            "ca_serials": {c: self._load_manifest()["cas"][c]["serial"] for c in ca_chain},
            "not_before": nb.isoformat(), "not_after": na.isoformat(),
        }
        return files

    def _age_days(self, iso: str | None) -> float:
        if not iso:
            return 1e9
        try:
            return (self.now - dt.datetime.fromisoformat(iso)).total_seconds() / 86400
        except ValueError:
            return 1e9

    def faults(self) -> dict[str, LeafFiles]:
        """Every fault certificate, plus 'good' (one RSA leaf for the other fault host names)."""
        out = {}
        for label, f in FAULTS.items():
            names = f.get("names") or [f"{label}.{FAULT_DOMAIN}"]
            out[label] = self.leaf(f"fault-{label}", names, "ecdsa", issuer=f["issuer"], valid=f["valid"],
                                   send=f["send"])
        good_names = [FAULT_DOMAIN] + [f"{n}.{FAULT_DOMAIN}" for n in GOOD_FAULT_NAMES]
        out["good"] = self.leaf("fault-good", good_names, "rsa")
        out["client"] = self.leaf("client", ["student.sandbox.test"], "ecdsa", client=True)
        return out

    def save(self) -> None:
        self._save_manifest()


def ensure(state_dir: Path | str, sites: dict[str, tuple[list[str], str]] | None = None,
           with_faults: bool = False) -> tuple[SandboxPKI, dict[str, LeafFiles]]:
    """Make (or reuse) ``<state_dir>/pki``: the CAs, a leaf per site and, if asked, the fault set.

    ``sites`` maps a label to (names, key type "rsa"|"ecdsa").  Safe to call from several service
    factories: a lock file serialises them and the manifest avoids remaking fresh files.
    """
    from netlab.sandbox.contract import StateFiles

    pki_dir = StateFiles(state_dir).pki_dir
    pki_dir.mkdir(parents=True, exist_ok=True)
    cache = cache_dir(Path(state_dir))
    with open(pki_dir / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if cache is not None and not (pki_dir / "manifest.json").exists():
            _copy_files(cache, pki_dir, cache)  # made by an earlier sandbox (the manifest says how fresh)
        pki = SandboxPKI(pki_dir)
        pki.ensure_cas()
        out: dict[str, LeafFiles] = {}
        for label, (names, key) in (sites or {}).items():
            out[label] = pki.leaf(label, names, key)
        if with_faults:
            out.update(pki.faults())
        pki.save()
        if cache is not None:
            _copy_files(pki_dir, cache, cache)
    return pki, out


CACHE_NAME = f".pki-cache-v{MANIFEST_VERSION}"


def cache_dir(state_dir: Path) -> Path | None:
    """The PKI cache shared by the sandboxes of this user: beside the state directories (mode 0700,
    like them; /run is a tmpfs, so it does not outlive a reboot).  Making keys and certificates is most
    of `sandbox up`'s time; the sandbox CA is netlab's own and trusted by nothing but the sandbox.
    NETLAB_PKI_CACHE=0 turns it off."""
    if os.environ.get("NETLAB_PKI_CACHE") == "0":
        return None
    d = state_dir.parent / CACHE_NAME
    try:
        d.mkdir(mode=0o700, exist_ok=True)
        if d.stat().st_uid != os.geteuid():
            return None
    except OSError:
        return None
    return d


def _copy_files(src: Path, dst: Path, cache: Path) -> None:
    """Copy the PKI's files (a flat directory) under the cache's lock, each file replaced atomically."""
    try:
        with open(cache.parent / f"{cache.name}.lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            for f in src.iterdir():
                if not f.is_file() or f.name.startswith(".") or f.name.endswith(".tmp"):
                    continue
                tmp = dst / f"{f.name}.tmp"
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, f.stat().st_mode & 0o777)
                with os.fdopen(fd, "wb") as fh:
                    fh.write(f.read_bytes())
                tmp.replace(dst / f.name)
    except OSError:
        pass  # a cache that cannot be read or written only costs time
