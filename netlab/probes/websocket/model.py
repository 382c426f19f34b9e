"""websocket: the events collect() records and the Result analyze() produces.

Every byte each side sent is an event with its time (``t``, the probe's monotonic clock); received
chunks also keep ``wall`` (time.time()), to compare with the wall-clock stamps the sandbox app puts
on its updates (in the sandbox, server and client share the machine's clock).  Frames are never
recorded as parsed objects: analysis parses them from these bytes (frames.py), so a saved
Recording can be re-read byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from netlab.model import Result, event
from netlab.probes.events import CaptureTaken, ConnectionOpened, NameLookedUp

PROBE = "websocket"

MAX_MESSAGE = 1 << 20  # the largest message or frame the client accepts (the library closes with 1009)
MAX_READ = 8 << 20  # bytes read from one connection before netlab stops reading
KEEP_CAPTURE = 4 << 20


@event
class WsNameLookedUp(NameLookedUp):
    """The server's name, looked up once."""


@event
class WsConnected(ConnectionOpened):
    """A WebSocket's TCP (and TLS) connection, open."""

    purpose: str = "main"  # main | unmasked-test


@event
class WsConnectFailed:
    t: float
    conn: int
    purpose: str
    error: str


@event
class WsBytesSent:
    t: float
    conn: int
    data: bytes
    what: str  # handshake | text | binary | ping | close | auto (a pong or close the library answered) | raw


@event
class WsBytesReceived:
    t: float
    conn: int
    data: bytes
    wall: float = 0.0


@event
class WsLibraryNoted:
    """What the `websockets` library concluded (a refused handshake, a protocol error it closed for)."""

    t: float
    conn: int
    what: str  # handshake | parser | close
    text: str


@event
class WsConnectionEnded:
    t: float
    conn: int
    how: str  # eof (the server closed TCP) | reset | timeout | cut (MAX_READ) | done (we stopped)


@event
class WsIdled:
    t: float
    seconds: float


@event
class WsPolled:
    """One HTTP poll for updates: the request and response bytes as sent and received."""

    t_sent: float
    t: float
    wall: float
    conn: int
    reused: bool
    request: bytes
    head: bytes
    body: bytes
    body_total: int
    error: str | None = None


@event
class WsPollConnected:
    t_start: float
    t: float
    conn: int
    scheme: str
    address: str
    port: int
    local_port: int = 0


@event
class WsCaptureTaken(CaptureTaken):
    """The frames of the run's connections to the server's port."""


# ------------------------------------------------------------------------------------ result


@dataclass
class FrameView:
    index: int  # 1-based over both directions, in time order
    t_ms: float | None
    direction: str
    fin: bool
    rsv1: bool
    opcode: str
    masked: bool
    mask_key: str | None  # hex
    length_form: int
    header_len: int
    length: int
    preview: str = ""
    problems: list[str] = field(default_factory=list)
    conn: int = 1


@dataclass
class WebSocketResult(Result):
    """What `netlab websocket --json` prints at the top level (beside the envelope).

    - ``upgrade``: the GET's request line and headers, the response's status line and headers,
      the Sec-WebSocket-Key, the SHA-1 of key + GUID, the expected and received Accept, whether
      they match; the subprotocol and extensions offered and chosen.
    - ``frames``: every frame of the main connection in time order: direction, FIN, RSV1,
      opcode, mask bit and key, length form (7, 16, 64), header bytes, payload length, problems.
    - ``messages``: data messages (fragments joined), sizes on the wire and after decompression.
    - ``pings``: our pings and their RTT; ``server_pings``: pings the server sent and our pongs.
    - ``push``: server messages that no request of ours preceded; ``polling``: the comparison.
    - ``close``: who closed first, code and reason (both directions), how TCP ended.
    """

    probe: ClassVar[str] = PROBE
    url: str = ""
    host: str = ""
    address: str | None = None
    connected: bool = False
    tls: str | None = None
    upgrade: dict[str, Any] = field(default_factory=dict)
    frames: list[FrameView] = field(default_factory=list)
    messages: list[dict[str, Any]] = field(default_factory=list)
    pings: list[dict[str, Any]] = field(default_factory=list)
    server_pings: list[dict[str, Any]] = field(default_factory=list)
    push: dict[str, Any] = field(default_factory=dict)
    polling: dict[str, Any] = field(default_factory=dict)
    idle: dict[str, Any] = field(default_factory=dict)
    close: dict[str, Any] = field(default_factory=dict)
    library: list[dict[str, Any]] = field(default_factory=list)
    unmasked_test: dict[str, Any] = field(default_factory=dict)
    bytes: dict[str, Any] = field(default_factory=dict)
    wire: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
