"""Every string of `netlab layers`, in English and Korean (netlab/i18n.py).

Keys: ``f.*`` finding messages, ``proto.*``/``pdu.*``/``tcpip.*``/``osi.*`` the names a table shows,
``fl.*``/``fm.*`` each header field's label and meaning (from fieldtext.py), the rest the report's
titles, column heads and sentences.  Placeholders are named and identical in both languages.
"""

from __future__ import annotations

from netlab.i18n import catalogue, catalogue_file
from netlab.probes.layers.fieldtext import FIELDS

_FIELD_TEXTS = {}
for _key, (_len, _lko, _men, _mko) in FIELDS.items():
    _FIELD_TEXTS[f"fl.{_key}"] = (_len, _lko)
    _FIELD_TEXTS[f"fm.{_key}"] = (_men, _mko)

M = catalogue_file("layers", __name__)
catalogue("layers", _FIELD_TEXTS)  # each header field's label and meaning, from fieldtext.py
