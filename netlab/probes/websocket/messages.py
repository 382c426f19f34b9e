"""Every string of the websocket probe, English and Korean (netlab/i18n.py), keyed by id.

Korean style: particles stick to their word ("프레임을", "서버가", "1초"); protocol words (FIN, RSV1,
opcode, Sec-WebSocket-Accept, 101 Switching Protocols) stay as they are.
"""

from netlab.i18n import catalogue_file

M = catalogue_file("ws", __name__)
