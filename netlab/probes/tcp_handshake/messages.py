"""Every string of the tcp-handshake probe, English and Korean (netlab/i18n.py), keyed by id.

Korean style: no space between a word and its particle ("SYN을", "ACK가", "60초"); where a
particle would follow a placeholder whose last sound is unknown (a port number, an address), the
sentence is built so that none is needed ("{port}번 포트", "{src}에서 온").  Protocol names, flags,
state names and kernel field names stay as they are.
"""

from netlab.i18n import catalogue_file

M = catalogue_file("tcp", __name__)
