"""Domain names as the user types them -> the A-label form that goes on the wire.

Pure and light (only the ``idna`` package, imported when a label is not ASCII), so the CLI can
validate a name before any DNS library is loaded.  A malformed name raises :class:`NameError_`
with a one-line reason; the CLI turns it into a usage error (exit 2).
"""

from __future__ import annotations

import re

MAX_LABEL = 63
MAX_NAME_WIRE = 255  # octets on the wire, length bytes and the root label included

# Letters, digits, hyphen; underscore too (service labels such as _dmarc, _443._tcp).
_ASCII_LABEL = re.compile(r"^[A-Za-z0-9_-]+$")
# Dots that IDNA treats as label separators (ideographic and fullwidth full stops).
_DOTS = re.compile("[\u3002\uff0e\uff61]")


class NameError_(ValueError):
    """A name that cannot be a DNS name (the message says why)."""


def normalise(text: str) -> tuple[str, str]:
    """Return ``(a_label_name, unicode_name)``, both absolute (ending with a dot).

    ``네이버.com`` -> ``("xn--950bt9s8xi.com.", "네이버.com.")``.  ASCII names keep their case in
    neither form (DNS compares case-insensitively; we show lower case).
    """
    if text is None:
        raise NameError_("empty name")
    raw = _DOTS.sub(".", text.strip())
    if raw == "":
        raise NameError_("empty name")
    if raw == ".":
        return ".", "."
    if raw.endswith("."):
        raw = raw[:-1]
    labels = raw.split(".")
    a_labels: list[str] = []
    u_labels: list[str] = []
    for i, label in enumerate(labels):
        where = f"label {i + 1} ({label!r})" if label else f"label {i + 1}"
        if label == "":
            raise NameError_(f"empty label in {text!r} (two dots in a row, or a leading dot)")
        if label.isascii():
            if not _ASCII_LABEL.match(label):
                bad = sorted({c for c in label if not (c.isalnum() or c in "-_")})
                raise NameError_(f"{where} has characters a DNS name cannot carry: {' '.join(repr(c) for c in bad)}")
            a = label.lower()
            u = a
            if a.startswith("xn--"):
                u = _to_unicode(a, where)
        else:
            a = _to_ascii(label, where)
            u = _to_unicode(a, where)
        if len(a.encode("ascii")) > MAX_LABEL:
            raise NameError_(f"{where} is {len(a)} octets long; a label holds at most {MAX_LABEL}")
        a_labels.append(a)
        u_labels.append(u)
    wire = sum(len(a) + 1 for a in a_labels) + 1
    if wire > MAX_NAME_WIRE:
        raise NameError_(f"name is {wire} octets on the wire; DNS allows at most {MAX_NAME_WIRE}")
    return ".".join(a_labels) + ".", ".".join(u_labels) + "."


def _to_ascii(label: str, where: str) -> str:
    import idna

    try:
        return idna.encode(label, uts46=True).decode("ascii")
    except idna.IDNAError as e:
        raise NameError_(f"{where} is not a valid internationalised label: {e}") from None


def _to_unicode(a_label: str, where: str) -> str:
    import idna

    try:
        return idna.decode(a_label)
    except idna.IDNAError as e:
        raise NameError_(f"{where} is not a valid punycode (A-label): {e}") from None


def is_subdomain(name: str, zone: str) -> bool:
    """``name`` is ``zone`` or below it (absolute names, case-insensitive)."""
    name = name.lower()
    zone = zone.lower()
    if zone == ".":
        return True
    return name == zone or name.endswith("." + zone)


def is_strict_subdomain(name: str, zone: str) -> bool:
    return is_subdomain(name, zone) and name.lower() != zone.lower()


def parent_zones(name: str) -> list[str]:
    """``a.b.c.`` -> ``["a.b.c.", "b.c.", "c.", "."]``."""
    name = name.lower()
    if name == ".":
        return ["."]
    labels = name.rstrip(".").split(".")
    return [".".join(labels[i:]) + "." for i in range(len(labels))] + ["."]
