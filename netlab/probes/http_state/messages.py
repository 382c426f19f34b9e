"""Every string of the http-state probe, English and Korean (netlab/i18n.py), keyed by id.

Korean style: particles stick to their word ("쿠키를", "서버가", "600초"); after a placeholder
whose last sound is unknown the sentence avoids a particle ("{name} 쿠키", "{n}개").  HTTP header
and attribute names (Set-Cookie, HttpOnly, SameSite) stay as they are.
"""

from netlab.i18n import catalogue_file

M = catalogue_file("state", __name__)
