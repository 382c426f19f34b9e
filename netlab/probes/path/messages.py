"""Every string the path report shows, in English and Korean (one catalogue, prefix "path")."""

from __future__ import annotations

from netlab.i18n import catalogue_file

M = catalogue_file("path", __name__)
