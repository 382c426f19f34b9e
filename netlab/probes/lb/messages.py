"""Every string the lb report shows, in English and Korean (netlab.i18n)."""

from __future__ import annotations

from netlab.i18n import catalogue_file

M = catalogue_file("lb", __name__)
