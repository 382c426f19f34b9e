"""Every string of this probe, English and Korean (netlab/i18n.py)."""

from netlab.i18n import catalogue

M = catalogue("tls", {
})
