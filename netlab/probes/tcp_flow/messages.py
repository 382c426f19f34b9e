"""Every string of the tcp-flow probe, English and Korean (netlab/i18n.py), keyed by id.

Korean style: particles stick to their word ("cwnd가", "ACK를", "10개"); after a placeholder whose
last sound is unknown the sentence needs no particle ("{n}개", "{ms} 동안").  Kernel names (cwnd,
ssthresh, ca_state, TCP_INFO), algorithm names and flags stay as they are.
"""

from netlab.i18n import catalogue_file

M = catalogue_file("tcpflow", __name__)
