"""What each header field is called and what it means, in English and Korean (our own words).

Keyed by scapy's class and field name (``IP.ttl``, ``DNSQR.qname``, ``TLS_Ext.type``); a class
family stands for its members (``TLS_Ext`` for every extension, ``QUIC`` for every QUIC packet
type, ``IP`` for the IP header quoted in an ICMP error).  Elements of lists (a question, an
extension) are keyed ``el.<class>``.  The texts are data, in fields.toml; messages.py registers
them as catalogue keys ``layers.fl.<key>`` (the label) and ``layers.fm.<key>`` (the meaning).  A field with no entry is
shown with scapy's own name and no meaning.
"""

from __future__ import annotations


def load(path: str | None = None) -> dict[str, tuple[str, str, str, str]]:
    """fields.toml (beside this module): key -> (label en, label ko, meaning en, meaning ko)."""
    import os
    import tomllib

    path = path or os.path.join(os.path.dirname(__file__), "fields.toml")
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    out = {}
    for key, t in data.items():
        if not isinstance(t, dict) or set(t) != {"label_en", "label_ko", "meaning_en", "meaning_ko"} \
                or not all(isinstance(v, str) for v in t.values()):
            raise ValueError(f"{path}: [{key!r}] needs exactly label_en, label_ko, meaning_en, meaning_ko (text)")
        out[key] = (t["label_en"], t["label_ko"], t["meaning_en"], t["meaning_ko"])
    return out


FIELDS: dict[str, tuple[str, str, str, str]] = load()


def family(owner: str) -> str:
    """The family a scapy class shares its texts with (TLS_Ext_ServerName -> TLS_Ext, IPerror -> IP)."""
    if owner.startswith("TLS_Ext_"):
        return "TLS_Ext"
    if owner.startswith("QUIC_"):
        return "QUIC"
    if owner.startswith("TLS13"):
        return "TLS" + owner[5:]
    if owner in ("IPerror",):
        return "IP"
    if owner in ("IPerror6",):
        return "IPv6"
    if owner.endswith("error") and owner[:-5] in ("TCP", "UDP", "ICMP"):
        return owner[:-5]
    if owner == "DNSTCP":
        return "DNS"
    return owner


def key_for(owner: str, name: str, kind: str = "") -> str | None:
    """The FIELDS key for a field, trying the class, then its family; None when there is no text."""
    if kind == "element":
        for k in (f"el.{owner}", f"el.{family(owner)}"):
            if k in FIELDS:
                return k
        return None
    candidates = [f"{owner}.{name}", f"{family(owner)}.{name}"]
    if kind == "header":
        candidates = [f"HTTP.{name}", "HTTP.header"]
    for k in candidates:
        if k in FIELDS:
            return k
    return None
