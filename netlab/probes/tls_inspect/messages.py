"""Every string of tls-inspect, English and Korean (netlab/i18n.py), keyed by id.

Protocol names (ClientHello, Alert (close_notify), SYN/ACK), cipher-suite and group names,
certificate names and OpenSSL's own words are data: they go in placeholders and stay as they are.
"""

from netlab.i18n import catalogue_file

M = catalogue_file("tls", __name__)
