"""The lab command's own messages (answer files, evidence, check and grade reports), en + ko.

Each lab module adds its questions and hints to the same ``lab`` catalogue under its number
(``01.O1.queries``); netlab.lab.catalogue imports them all (CATALOGUE_MODULES["lab"]).
"""

from __future__ import annotations

from netlab.i18n import catalogue_file

M = catalogue_file("lab", __name__)
