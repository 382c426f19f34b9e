"""Every message of `netlab lab`, for netlab.i18n (CATALOGUE_MODULES["lab"]): the command's own
and each lab's (questions, hints, expected observations)."""

from __future__ import annotations

import importlib

from netlab.lab import LABS, numbers
from netlab.lab.messages import M  # noqa: F401  (registers the command's messages)

for _n in numbers():
    importlib.import_module(LABS[_n])
