"""Concept notes on WebSocket (shown by `netlab websocket`)."""

from __future__ import annotations

from netlab.concepts import Note

NOTES = [
    Note(
        id="ws.upgrade",
        title_en="The WebSocket upgrade is an ordinary HTTP request",
        title_ko="WebSocket 업그레이드는 평범한 HTTP 요청입니다",
        en="""
A WebSocket starts as an HTTP/1.1 GET on a normal TCP (or TLS) connection, with Upgrade: websocket,
Connection: Upgrade, Sec-WebSocket-Version: 13 and a random Sec-WebSocket-Key. ws:// and wss:// are
only URL schemes (ports 80 and 443, without and with TLS).

A server that agrees answers
101 Switching Protocols with Sec-WebSocket-Accept = base64(SHA-1(key + a fixed GUID)); any other
status (200, 400, 426) means no WebSocket, and a wrong Accept means the client must give up.

After the 101 the HTTP conversation is over on that connection: the same TCP connection now
carries WebSocket frames, in both directions, until one side closes.
""",
        ko="""
WebSocket은 평범한 TCP(또는 TLS) 연결 위의 HTTP/1.1 GET으로 시작합니다. Upgrade: websocket,
Connection: Upgrade, Sec-WebSocket-Version: 13, 무작위 Sec-WebSocket-Key를 붙입니다. ws://와 wss://는
URL 스킴일 뿐입니다(TLS 없이 80번, TLS로 443번 포트).

동의한 서버는 101 Switching Protocols와
Sec-WebSocket-Accept = base64(SHA-1(키 + 고정 GUID))로 답합니다. 다른 상태 코드(200, 400, 426)는
WebSocket이 아니라는 뜻이고, Accept가 틀리면 클라이언트는 포기해야 합니다.

101 뒤에는 그 연결에서 HTTP 대화가 끝납니다: 같은 TCP 연결이 이제 한쪽이 닫을 때까지 양방향으로
WebSocket 프레임을 나릅니다.
""",
    ),
    Note(
        id="ws.frames",
        title_en="Frames: FIN, opcode, and three ways to write a length",
        title_ko="프레임: FIN, opcode, 길이를 쓰는 세 가지 방법",
        en="""
Each frame starts with two bytes: FIN (last fragment of a message), three RSV bits (RSV1 marks a
message compressed by permessage-deflate), a 4-bit opcode (1 text, 2 binary, 0 continuation,
8 close, 9 ping, 10 pong), the MASK bit and a 7-bit length.

A length of 126 means "the real length
follows in 16 bits", 127 "in 64 bits": small frames cost 2 header bytes (6 from a client, with the
mask key), big ones up to 14.

A message may be cut into fragments (the first with its opcode, the rest continuation frames, the
last with FIN), and control frames (ping, pong, close) may come between fragments: they are never
fragmented and carry at most 125 bytes. A text message must be valid UTF-8.
""",
        ko="""
프레임은 두 바이트로 시작합니다: FIN(메시지의 마지막 조각), RSV 비트 세 개(RSV1은 permessage-deflate로
압축된 메시지 표시), 4비트 opcode(1 텍스트, 2 바이너리, 0 continuation, 8 close, 9 ping, 10 pong),
MASK 비트, 7비트 길이.

길이가 126이면 "진짜 길이가 16비트로 뒤따름", 127이면 "64비트로"라는 뜻입니다: 작은 프레임은 헤더가 2바이트(클라이언트는 마스크 키까지 6바이트), 큰 프레임은 최대 14바이트입니다.

메시지는 조각으로 나눌 수 있고(첫 조각에 opcode, 나머지는 continuation, 마지막에 FIN), 조각 사이에
제어 프레임(ping, pong, close)이 끼어들 수 있습니다. 제어 프레임은 조각나지 않고 125바이트를 넘지
않습니다. 텍스트 메시지는 올바른 UTF-8이어야 합니다.
""",
    ),
    Note(
        id="ws.masking",
        title_en="Why client frames are masked and server frames are not",
        title_ko="클라이언트 프레임만 마스킹하는 이유",
        en="""
Every frame from a client is XORed with a fresh random 4-byte key written in its header; server
frames never are. The mask is not encryption (the key is right there). It exists because a script in
a web page chooses the bytes it sends: without masking, it could write bytes that look like an HTTP
request to a broken proxy or cache on the path and poison it.

Random masking makes the bytes on the
wire unpredictable to the script. A server must close the connection (1002) on an unmasked client
frame, and a client must refuse a masked server frame.
""",
        ko="""
클라이언트의 프레임은 모두 헤더에 적힌 새 무작위 4바이트 키로 XOR됩니다. 서버 프레임은 절대 그렇지
않습니다. 마스크는 암호화가 아닙니다(키가 바로 거기 있습니다). 웹 페이지의 스크립트가 보낼 바이트를
고르기 때문에 있는 장치입니다: 마스킹이 없으면 스크립트가 경로 위의 허술한 프록시나 캐시에게 HTTP
요청처럼 보이는 바이트를 써서 그것을 오염시킬 수 있습니다.

무작위 마스킹은 선 위의 바이트를
스크립트가 예측할 수 없게 합니다. 서버는 마스킹 안 된 클라이언트 프레임을 받으면 연결을 닫아야
하고(1002), 클라이언트는 마스킹된 서버 프레임을 거부해야 합니다.
""",
    ),
    Note(
        id="ws.heartbeat",
        title_en="Pings, pongs and idle connections",
        title_ko="Ping, pong, 그리고 유휴 연결",
        en="""
A ping frame asks the other side's WebSocket code (not the application) for a pong with the same
payload: its round trip measures the path, and a missing pong reveals a dead peer. Servers ping
every so often as a heartbeat.

"TCP connections drop when idle" is not TCP's doing: TCP has no idle timeout, and an idle connection
between two hosts lives forever. What drops it is state in the middle — a NAT or a firewall that
forgets a mapping after some minutes of silence. A heartbeat every few tens of seconds keeps that
state alive.
""",
        ko="""
ping 프레임은 상대의 WebSocket 코드(애플리케이션이 아니라)에게 같은 페이로드의 pong을 달라고 합니다:
그 왕복 시간이 경로를 재고, pong이 오지 않으면 상대가 죽은 것입니다. 서버는 하트비트로 가끔 ping을
보냅니다.

"TCP 연결은 유휴 상태면 끊긴다"는 TCP 탓이 아닙니다: TCP에는 유휴 시간 제한이 없고, 두 호스트 사이의
조용한 연결은 영원히 살아 있습니다. 연결을 끊는 것은 중간의 상태입니다. 몇 분 동안 조용하면 매핑을
잊는 NAT나 방화벽이지요. 수십 초마다의 하트비트가 그 상태를 살려 둡니다.
""",
    ),
    Note(
        id="ws.push-vs-polling",
        title_en="Push vs polling: the same updates, counted",
        title_ko="푸시 대 폴링: 같은 업데이트를 세어 보기",
        en="""
HTTP is request and response, both ways over one connection; what it lacks is a way for the server
to speak first. Polling asks "anything new?" every interval: each question is a full request with
headers, most answers say "nothing", and an update waits on average half an interval.

A WebSocket
pays one upgrade, then the server sends each update the moment it exists, in a frame of a few bytes
of header.

Polling is still fine for rare updates, and it survives proxies and load balancers with no special
care; a WebSocket holds one connection per client open, which the server must budget for.
""",
        ko="""
HTTP는 한 연결 위에서 양방향으로 오가는 요청과 응답입니다. 부족한 것은 서버가 먼저 말할 방법입니다.
폴링은 주기마다 "새 것 있어?"라고 묻습니다: 질문마다 헤더를 갖춘 요청이고, 대부분의 답은 "없음"이며,
업데이트는 평균 주기의 절반을 기다립니다. WebSocket은 업그레이드를 한 번 치른 뒤, 업데이트가 생기는
순간 서버가 헤더 몇 바이트짜리 프레임으로 보냅니다.

드문 업데이트에는 폴링도 괜찮고, 프록시와 로드 밸런서를 특별한 처리 없이 지납니다. WebSocket은
클라이언트마다 연결 하나를 열어 두므로 서버가 그만큼을 감당해야 합니다.
""",
    ),
    Note(
        id="ws.close",
        title_en="The close handshake",
        title_ko="종료 핸드셰이크",
        en="""
Either side ends a WebSocket with a close frame carrying a 2-byte code and an optional reason:
1000 normal, 1001 going away, 1002 protocol error, 1007 invalid data (bad UTF-8), 1008 policy,
1009 too big, 1011 server error; 4000-4999 are the application's own.

The other side answers with a
close frame, and then the server closes the TCP connection (so the client does not hold TIME_WAIT).
A connection that ends with no close frame is reported to the application as 1006 (abnormal).
""",
        ko="""
어느 쪽이든 2바이트 코드와 선택적 이유를 담은 close 프레임으로 WebSocket을 끝냅니다: 1000 정상,
1001 떠남, 1002 프로토콜 오류, 1007 잘못된 데이터(잘못된 UTF-8), 1008 정책 위반, 1009 너무 큼,
1011 서버 오류, 4000-4999는 애플리케이션이 정하는 코드입니다.

상대는 close 프레임으로 답하고, 그다음
서버가 TCP 연결을 닫습니다(그래서 클라이언트는 TIME_WAIT를 갖지 않습니다). close 프레임 없이 끝난
연결은 애플리케이션에게 1006(비정상)으로 알려집니다.
""",
    ),
]
