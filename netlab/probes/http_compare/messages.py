"""Every string of `netlab http-compare`, in English and Korean (netlab/i18n.py).

Three kinds of key:

- ``mode.*``, ``arith.*``, ``via.*``: names the Result keeps in English (a column label, the
  round-trip arithmetic, where h3 was advertised); build shows them in the report's language.
- ``recorded.*``: sentences collect writes into the Recording in English (what went wrong, the
  link it configured).  A Recording is evidence and stays as it was written; :func:`recorded`
  finds the template a sentence was made from and gives it back in both languages, so a Korean
  report of any recording, old ones included, says it in Korean.  A sentence that matches no
  template (an exception's own text, a server's reason phrase) is shown as it is.  This only
  translates what is shown: no decision is taken from these sentences (the event's
  ``error_kind`` says what happened).
- the rest: finding messages (``f.*``) and the report's labels.

Placeholders are named and identical in both languages (a test checks with i18n.problems()).
"""

from __future__ import annotations

import re
import string

from netlab.i18n import Both, T, catalogue_file

M = catalogue_file("http", __name__)


def mode_label(mode: str, k: int, lang: str = "en") -> str:
    """A protocol mode's column label ("HTTP/1.1 ×6", "HTTP/3 resumed")."""
    return M.text(f"mode.{mode}", lang, conns=k)


def via_ref(value: str) -> T | str:
    """Where h3 was advertised, as the Result keeps it ("Alt-Svc header"), as a catalogue reference."""
    for key in ("via.alt-svc", "via.https"):
        if M.text(key, "en") == value:
            return M.t(key)
    return value


# ---- recorded sentences, back to their template


def _pattern(template: str) -> re.Pattern:
    out = []
    for literal, field_name, _, _ in string.Formatter().parse(template):
        out.append(re.escape(literal))
        if field_name:
            out.append(f"(?P<{field_name}>.+?)")
    return re.compile("^" + "".join(out) + "$", re.DOTALL)


# the template with more fixed text first: "closed: error {code} {reason}" before "closed: error {code}"
_RECORDED = sorted(
    ((k, _pattern(en)) for k, (en, _) in M.messages.items() if k.startswith("recorded.")),
    key=lambda kp: -len(re.sub(r"\{[^}]*\}", "", M.messages[kp[0]][0])),
)


def recorded(text: str | None) -> Both:
    """A sentence collect wrote in English, in both languages (as it is when no template made it)."""
    text = text or ""
    for key, pattern in _RECORDED:
        m = pattern.match(text)
        if m is not None:
            return Both(text, M.text(key, "ko", **m.groupdict()))
    return Both(text, text)


def recorded_text(text: str | None, lang: str) -> str:
    return recorded(text).render(lang)
