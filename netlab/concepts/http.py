"""Concept notes on HTTP/1.1, HTTP/2, HTTP/3 and QUIC (shown by `netlab http-compare`)."""

from __future__ import annotations

from netlab.concepts import Note

NOTES = [
    Note(
        id="http.keep-alive",
        title_en="Keep-alive, pipelining and the six-connection habit",
        title_ko="keep-alive, 파이프라이닝, 그리고 연결 6개의 관습",
        en="""
HTTP/1.1 keeps a connection open after a response (keep-alive), so the next request skips the TCP
and TLS set-up. But one connection carries one exchange at a time: the next request waits until the
previous response has fully arrived. Browsers therefore open up to about six connections per host,
each paying its own handshakes.

Pipelining (sending several requests without waiting) is in the HTTP/1.1 specification, but
responses must come back in request order, so one slow response holds up all the others behind
it. Proxies handled it badly and browsers switched it off; it is effectively unused.

What http-compare shows: with --requests N, "HTTP/1.1" sends the objects one after another on one
connection (each costs at least one round trip), and "HTTP/1.1 ×K" spreads them over K connections:
look at the waterfall for the extra handshakes at the start of each new connection.
""",
        ko="""
HTTP/1.1은 응답 뒤에도 연결을 닫지 않고 둡니다(keep-alive). 그래서 다음 요청은 TCP와 TLS 준비
과정을 건너뜁니다. 하지만 한 연결에서는 한 번에 한 교환만 오갑니다: 앞 응답이 끝까지 도착해야
다음 요청을 보냅니다. 그래서 브라우저는 호스트마다 연결을 6개 안팎까지 열고, 연결마다 핸드셰이크
비용을 따로 냅니다.

파이프라이닝(기다리지 않고 요청을 여러 개 보내기)은 HTTP/1.1 명세에 있지만, 응답은 요청 순서대로
돌아와야 하므로 느린 응답 하나가 뒤의 응답을 모두 붙잡습니다. 프록시들이 제대로 처리하지 못해
브라우저가 꺼 버렸고, 사실상 쓰이지 않습니다.

http-compare에서 보기: --requests N을 주면 "HTTP/1.1"은 객체를 한 연결에서 하나씩 차례로 받고(객체마다
최소 한 번의 왕복), "HTTP/1.1 ×K"는 K개의 연결에 나눕니다. 워터폴에서 새 연결마다 앞에 붙는
핸드셰이크를 찾아보세요.
""",
    ),
    Note(
        id="http.hol-blocking",
        title_en="Head-of-line blocking: at the HTTP layer and at the TCP layer",
        title_ko="HOL 블로킹: HTTP 계층과 TCP 계층",
        en="""
"HTTP/2 solves head-of-line blocking" is only half true. It removes the HTTP-level kind (a slow
response no longer holds the connection), but all its streams share one TCP byte stream: when one
segment is lost, TCP delivers nothing after it until the retransmission arrives, so every stream
waits. QUIC orders bytes per stream, so a loss stalls only the stream it belongs to.

Head-of-line blocking means the first item in a queue holds up everything behind it. In HTTP/1.1 the
queue is the connection: the next response cannot start before the current one ends. HTTP/2 cuts
responses into frames of many streams interleaved on one connection, which fixes that.

Below HTTP, TCP promises one ordered stream of bytes. The kernel keeps received data that comes
after a gap and hands nothing to the application until the gap is filled. To TCP, frames of
different HTTP/2 streams are just bytes in one sequence, so a lost segment carrying stream 5's data
also delays stream 7's complete frames that arrived after it. On a clean link this costs nothing;
on a lossy one, h2's streams finish late together.

QUIC keeps an order per stream, not per connection. Packets after a loss are delivered to the
streams they belong to; only the stream whose data was lost waits for the retransmission.

What http-compare shows: --hol (sandbox) requests K objects at once on one HTTP/2 and one HTTP/3
connection and has the link emulator drop exactly one packet of the server's answer. The report
shows each stream: over HTTP/2 every stream that still had bytes to come gets nothing until the
retransmission arrives; over HTTP/3 only the stream whose bytes were lost waits, the others keep
receiving. With random loss (--loss 2 --requests 40 --repeat 5) the same effect is mixed with
where the losses fall and with each server's congestion control: see http.cc-fairness.
""",
        ko="""
"HTTP/2가 HOL 블로킹을 해결했다"는 말은 절반만 맞습니다. HTTP 수준의 HOL(느린 응답이 연결을 붙잡는
문제)은 없앴지만, 모든 스트림이 TCP 바이트 흐름 하나를 나눠 씁니다. 세그먼트 하나를 잃으면 재전송이
올 때까지 TCP가 그 뒤의 데이터를 넘겨주지 않아 모든 스트림이 기다립니다. QUIC은 스트림마다 순서를
따로 지키므로 손실은 그 데이터가 속한 스트림만 멈춥니다.

HOL(head-of-line) 블로킹은 줄의 맨 앞이 막혀 뒤가 모두 기다리는 현상입니다. HTTP/1.1에서는 연결이 그
줄입니다: 지금 응답이 끝나야 다음 응답이 시작됩니다. HTTP/2는 응답을 여러 스트림의 프레임으로 잘라
한 연결에 섞어 보내므로 이 문제는 사라집니다.

그 아래의 TCP는 순서가 지켜지는 바이트 흐름 하나를 약속합니다. 커널은 빈 곳 뒤에 도착한 데이터를
갖고 있기만 하고, 빈 곳이 채워질 때까지 애플리케이션에 아무것도 주지 않습니다. TCP에게 HTTP/2의 여러
스트림 프레임은 한 줄의 바이트일 뿐이라, 스트림 5의 데이터를 실은 세그먼트를 잃으면 그 뒤에 온 스트림
7의 온전한 프레임도 늦어집니다. 깨끗한 링크에서는 비용이 없고, 손실이 있는 링크에서는 h2의 스트림들이
함께 늦게 끝납니다.

QUIC은 연결 전체가 아니라 스트림마다 순서를 지킵니다. 손실 뒤에 온 패킷은 자기 스트림으로 바로
전달되고, 데이터를 잃은 스트림만 재전송을 기다립니다.

http-compare에서 보기: --hol(샌드박스)은 HTTP/2 연결 하나와 HTTP/3 연결 하나에서 객체 K개를 한꺼번에
요청하고, 링크 에뮬레이터가 서버 응답의 패킷을 정확히 하나 버리게 합니다. 보고서는 스트림마다 보여
줍니다: HTTP/2에서는 아직 받을 바이트가 남은 스트림이 모두 재전송이 올 때까지 아무것도 받지 못하고,
HTTP/3에서는 바이트를 잃은 스트림만 기다리며 나머지는 계속 받습니다. 무작위 손실(--loss 2 --requests
40 --repeat 5)에서는 같은 효과가 손실이 떨어지는 위치, 그리고 서버마다 다른 혼잡 제어와 섞입니다:
http.cc-fairness를 보세요.
""",
    ),
    Note(
        id="http.cc-fairness",
        title_en="Who sets the pace: congestion control in an HTTP/2 vs HTTP/3 comparison",
        title_ko="속도를 정하는 쪽: HTTP/2 대 HTTP/3 비교에서의 혼잡 제어",
        en="""
How fast a download comes is decided by the server's sender, by its congestion control. HTTP/2
rides on the server kernel's TCP, HTTP/3 on the server's own QUIC code, and the two need not use the
same algorithm: under loss, a comparison of HTTP/2 with HTTP/3 is first a comparison of their
congestion controls.

Loss-based algorithms (Reno, NewReno, CUBIC) take a lost packet as a sign of congestion and cut their
window: NewReno halves it and grows it back by one packet per round trip. With random loss they stay
near the Mathis bound, about 1.22 × MSS / (RTT × √p): at 2 % loss and 50 ms RTT, about 2 Mbit/s.
Model-based BBR measures the bottleneck's rate and the round-trip time and paces at that rate; a random
loss does not change its model, so it keeps its speed.

Linux picks the default per network namespace (net.ipv4.tcp_congestion_control; often BBR or CUBIC).
QUIC stacks choose their own: quic-go, the QUIC of the Caddy web server, hard-codes NewReno. So
"HTTP/3 is slower under loss" can be "NewReno is slower than BBR under loss".

What http-compare shows: every report names each side's algorithm (the server's TCP one as the
sandbox reads it from the web host's namespace; "unknown" live) and warns when a loss comparison mixes
kinds. --server-cc reno sets the sandbox web host's TCP to Reno for the run, the same kind as quic-go.
""",
        ko="""
다운로드가 얼마나 빨리 오는지는 서버의 송신 쪽, 곧 그 혼잡 제어가 정합니다. HTTP/2는 서버 커널의 TCP
위에서, HTTP/3는 서버 자신의 QUIC 코드 위에서 돌고, 둘이 같은 알고리즘을 쓴다는 보장은 없습니다. 손실이
있을 때 HTTP/2와 HTTP/3의 비교는 먼저 두 혼잡 제어의 비교입니다.

손실 기반 알고리즘(Reno, NewReno, CUBIC)은 잃은 패킷을 혼잡의 신호로 보고 윈도를 줄입니다: NewReno는
반으로 줄이고 왕복마다 패킷 하나씩 다시 키웁니다. 무작위 손실에서는 Mathis 한계, 약 1.22 × MSS /
(RTT × √p) 근처에 머뭅니다: 손실 2 %, RTT 50 ms에서 약 2 Mbit/s입니다. 모델 기반인 BBR은 병목의 속도와
왕복 시간을 재서 그 속도로 보냅니다. 무작위 손실은 그 모델을 바꾸지 않으므로 속도가 유지됩니다.

리눅스는 네트워크 네임스페이스마다 기본값을 정합니다(net.ipv4.tcp_congestion_control; BBR이나 CUBIC이
흔함). QUIC 스택은 스스로 고릅니다: 웹 서버 Caddy의 QUIC인 quic-go는 NewReno로 고정되어 있습니다.
그래서 "손실이 있으면 HTTP/3가 느리다"는 "손실이 있으면 NewReno가 BBR보다 느리다"일 수 있습니다.

http-compare에서 보기: 모든 보고서가 양쪽의 알고리즘을 밝히고(서버의 TCP 알고리즘은 샌드박스가 웹
호스트의 네임스페이스에서 읽은 값, 실제 사이트에서는 "알 수 없음"), 손실 비교에서 종류가 섞이면
경고합니다. --server-cc reno는 이번 실행 동안 샌드박스 웹 호스트의 TCP를 quic-go와 같은 종류인 Reno로
바꿉니다.
""",
    ),
    Note(
        id="http2.multiplexing",
        title_en="HTTP/2: streams and frames on one connection",
        title_ko="HTTP/2: 한 연결 위의 스트림과 프레임",
        en="""
HTTP/2 keeps HTTP's meaning (methods, status codes, headers) but changes how it travels: every
request/response pair is a stream with a number, cut into binary frames (HEADERS, DATA, ...) that
are interleaved on one TCP connection. Many requests are in flight at once without more connections.

Frames carry their stream number, so the receiver can put each response back together whatever the
interleaving. Flow control works per stream and per connection, and the server can send a large
response in pieces between small ones. The two ends agree on HTTP/2 during the TLS handshake, with
ALPN: the client offers "h2" and "http/1.1", and the server picks one. If it picks http/1.1, the
site has no HTTP/2 for this client, and http-compare reports it.

What http-compare shows: with --requests N, HTTP/2's waterfall starts all objects together on one
connection, and the whole page usually finishes well before HTTP/1.1 on one connection.
""",
        ko="""
HTTP/2는 HTTP의 의미(메서드, 상태 코드, 헤더)는 그대로 두고 전달 방식을 바꿉니다. 요청과 응답 한 쌍이
번호가 붙은 스트림이 되고, 이진 프레임(HEADERS, DATA 등)으로 잘려 하나의 TCP 연결에 섞여 흐릅니다.
연결을 늘리지 않고도 여러 요청이 동시에 오갑니다.

프레임마다 스트림 번호가 있어, 받는 쪽은 어떤 순서로 섞여 와도 응답을 다시 맞출 수 있습니다. 흐름
제어는 스트림별로도, 연결 전체로도 동작하고, 서버는 큰 응답을 작은 응답 사이사이에 나눠 보낼 수
있습니다. HTTP/2를 쓸지는 TLS 핸드셰이크의 ALPN으로 정합니다: 클라이언트가 "h2"와 "http/1.1"을
제시하고 서버가 하나를 고릅니다. http/1.1을 고르면 이 클라이언트에게 HTTP/2는 없는 것이고,
http-compare가 그렇게 알려 줍니다.

http-compare에서 보기: --requests N을 주면 HTTP/2의 워터폴에서 모든 객체가 한 연결 위에서 함께
시작하고, 보통 한 연결의 HTTP/1.1보다 페이지 전체가 훨씬 일찍 끝납니다.
""",
    ),
    Note(
        id="http.header-compression",
        title_en="HPACK and QPACK: compressing headers",
        title_ko="HPACK과 QPACK: 헤더 압축",
        en="""
Requests to one site repeat the same headers (host, user-agent, cookies) again and again. HPACK
(HTTP/2) sends an index into a table both sides remember instead of repeating a header, and
Huffman-codes the rest. QPACK (HTTP/3) does the same, adapted to streams that may arrive out of order.

HPACK has a static table of common headers and a dynamic table filled as the connection goes; each
side updates its copy in the exact order headers are sent, which is fine on TCP where everything
arrives in order. HPACK is deliberately not a general-purpose compressor: compressing secrets
together with attacker-controlled text leaked cookies in the CRIME attack.

QUIC delivers streams independently, so a header block could arrive before the table update it
refers to. QPACK moves table updates onto their own unidirectional streams and lets the encoder
choose: refer only to entries the decoder has acknowledged (never blocks), or accept that a stream
may wait for an update (better compression).
""",
        ko="""
한 사이트로 가는 요청들은 같은 헤더(host, user-agent, 쿠키)를 계속 되풀이합니다. HPACK(HTTP/2)은
양쪽이 기억하는 표의 번호를 보내 헤더 반복을 피하고, 나머지는 허프만 부호로 줄입니다. QPACK(HTTP/3)은
같은 일을 하되, 순서가 뒤바뀌어 도착할 수 있는 스트림에 맞게 고친 것입니다.

HPACK에는 자주 쓰는 헤더의 정적 표와, 연결이 진행되며 채워지는 동적 표가 있습니다. 양쪽은 헤더를
보낸 순서 그대로 자기 사본을 갱신하는데, 모든 것이 순서대로 도착하는 TCP에서는 문제가 없습니다.
HPACK은 일부러 범용 압축기가 아닙니다: 비밀과 공격자가 넣은 글자를 함께 압축하면 CRIME 공격처럼 쿠키가
샐 수 있기 때문입니다.

QUIC은 스트림을 서로 독립적으로 전달하므로, 헤더 블록이 그것이 가리키는 표 갱신보다 먼저 올 수
있습니다. QPACK은 표 갱신을 별도의 단방향 스트림으로 옮기고, 인코더가 고르게 합니다: 디코더가 받았다고
확인한 항목만 가리키거나(막히지 않음), 스트림이 갱신을 기다릴 수 있음을 받아들이거나(압축률이 더 좋음).
""",
    ),
    Note(
        id="quic.why-udp",
        title_en="Why QUIC runs over UDP",
        title_ko="QUIC은 왜 UDP 위에서 동작하는가",
        en="""
QUIC is a transport (reliable, ordered streams, congestion control) like TCP, but it lives in the
application, not the kernel, and rides on UDP because middleboxes pass UDP and would block a new IP
protocol. Living in user space lets it merge the transport and TLS 1.3 handshakes into one round
trip and evolve without OS upgrades.

Why not a new protocol number next to TCP and UDP? Firewalls and NAT boxes on the Internet drop what
they do not know, and changing TCP itself takes years of kernel and middlebox updates. UDP is the
thin envelope that already gets through; QUIC puts everything else (packet numbers, acknowledgements,
retransmission, flow and congestion control) inside, encrypted, where boxes on the path cannot
freeze it.

Its handshake carries TLS 1.3 inside the transport's first packets: a new connection needs one round
trip before the request (TCP + TLS 1.3 needs two); a resumed one can send the request at once
(0-RTT, see quic.zero-rtt). Connections are named by connection IDs, not by the address/port
four-tuple, so a phone moving from Wi-Fi to mobile data keeps its connection (migration).

The price: QUIC's work happens in user-space code, often in the client process itself. aioquic,
the Python library http-compare uses, spends far more CPU per packet than the kernel's TCP; the
report shows each client's CPU time so that the implementation's cost is not mistaken for the
protocol's. If UDP is blocked, browsers quietly fall back to HTTP/2 over TCP.
""",
        ko="""
QUIC은 TCP처럼 전송 계층(신뢰성 있는 순서 보장 스트림, 혼잡 제어)이지만 커널이 아니라 애플리케이션
안에 있고, 경로의 장비들이 UDP는 통과시키되 새 IP 프로토콜은 막기 때문에 UDP 위에 얹힙니다. 사용자
공간에 있기에 전송과 TLS 1.3 핸드셰이크를 한 번의 왕복으로 합치고, OS 업그레이드 없이 발전할 수 있습니다.

왜 TCP, UDP 옆에 새 프로토콜 번호를 만들지 않았을까요? 인터넷의 방화벽과 NAT 장비는 모르는 것을 버리고,
TCP 자체를 바꾸는 데는 커널과 장비를 고치는 데 수년이 걸립니다. UDP는 이미 통과하는 얇은 봉투이고, QUIC은
나머지(패킷 번호, 확인 응답, 재전송, 흐름·혼잡 제어)를 모두 그 안에 암호화해 넣어 경로의 장비가 건드릴
수 없게 합니다.

핸드셰이크는 전송 계층의 첫 패킷들에 TLS 1.3을 실어 나릅니다: 새 연결은 요청 전에 한 번의 왕복이면
되고(TCP + TLS 1.3은 두 번), 재개된 연결은 요청을 바로 보낼 수 있습니다(0-RTT, quic.zero-rtt 참고).
연결은 주소·포트 네 쌍이 아니라 연결 ID로 식별되므로, 휴대폰이 Wi-Fi에서 모바일 데이터로 옮겨도 연결이
유지됩니다(마이그레이션).

대가: QUIC의 일은 사용자 공간 코드, 흔히 클라이언트 프로세스 안에서 일어납니다. http-compare가 쓰는
파이썬 라이브러리 aioquic은 패킷당 CPU를 커널 TCP보다 훨씬 많이 씁니다. 그래서 보고서는 클라이언트마다
CPU 시간을 보여 주어, 구현의 비용을 프로토콜의 성질로 착각하지 않게 합니다. UDP가 막히면 브라우저는
조용히 TCP 위의 HTTP/2로 돌아갑니다.
""",
    ),
    Note(
        id="quic.zero-rtt",
        title_en="0-RTT: what it saves, and the round trip it does not",
        title_ko="0-RTT: 줄이는 것과 줄이지 못하는 왕복",
        en="""
"0-RTT needs no round trip" is wrong. 0-RTT lets a client that has been there before send its
request in the very first flight, with the handshake, instead of after it. The handshake's round
trip is hidden, but the answer still takes one full round trip: first byte after 1 RTT, not 0.

How it works: after a connection, the server gives the client a session ticket. Next time the client
derives early keys from the ticket and encrypts the request with them before the server has said
anything. If the server accepts, it answers right after its handshake messages. So a resumed HTTP/3
connection reaches the first byte in 1 RTT, a new one in 2 (1 for QUIC+TLS, 1 for the request),
and HTTP/1.1 or HTTP/2 over TCP + TLS 1.3 in 3. Over TCP, TLS 1.3 early data still waits for the
TCP handshake first.

0-RTT data can be replayed by an attacker who captures it, so servers accept it only for requests
that are safe to repeat (like GET) and may refuse it altogether; the client then sends the request
again after the handshake. http-compare's "HTTP/3 resumed" column says whether 0-RTT was accepted.
""",
        ko="""
"0-RTT는 왕복이 전혀 필요 없다"는 틀린 말입니다. 0-RTT는 전에 접속한 적 있는 클라이언트가 요청을
핸드셰이크가 끝난 뒤가 아니라 첫 패킷 묶음에 함께 실어 보내게 해 줍니다. 핸드셰이크의 왕복은 가려지지만,
응답은 여전히 한 번의 왕복이 걸립니다: 첫 바이트까지 0이 아니라 1 RTT입니다.

동작 방식: 연결 뒤 서버는 클라이언트에게 세션 티켓을 줍니다. 다음 접속에서 클라이언트는 티켓으로 초기
키를 만들고, 서버가 아무 말도 하기 전에 요청을 그 키로 암호화해 보냅니다. 서버가 받아들이면 핸드셰이크
메시지 바로 뒤에 응답합니다. 그래서 재개된 HTTP/3 연결은 1 RTT, 새 연결은 2 RTT(QUIC+TLS 1, 요청 1),
TCP + TLS 1.3 위의 HTTP/1.1과 HTTP/2는 3 RTT에 첫 바이트를 받습니다. TCP에서는 TLS 1.3 early data도 먼저
TCP 핸드셰이크를 기다려야 합니다.

0-RTT 데이터는 가로챈 공격자가 그대로 다시 보낼 수 있으므로(재생 공격, replay), 서버는 반복해도 안전한
요청(GET 등)에만 받아들이고 아예 거절하기도 합니다. 그러면 클라이언트는 핸드셰이크 뒤에 요청을 다시
보냅니다. http-compare의 "HTTP/3 재개" 열이 0-RTT가 받아들여졌는지 알려 줍니다.
""",
    ),
    Note(
        id="http.alt-svc",
        title_en="Alt-Svc and the HTTPS record: how a browser finds HTTP/3",
        title_ko="Alt-Svc와 HTTPS 레코드: 브라우저가 HTTP/3를 찾는 법",
        en="""
A URL says https, not which HTTP version. A browser first connects over TCP (h1 or h2); the server's
Alt-Svc header (e.g. h3=":443"; ma=86400) says "HTTP/3 is also here, remember it for a day", and
later connections try QUIC. An HTTPS DNS record with alpn="h3" can announce it before the first TCP
connection.

Because the first visit usually learns about HTTP/3 only from a response, the very first page load
of a site is often HTTP/2, and only later ones use HTTP/3. Browsers race QUIC against TCP for a
while, or fall back when QUIC fails, because UDP may be blocked on the path.

http-compare tries HTTP/3 directly (on the port Alt-Svc names, when it names one) and reports where
h3 was advertised: Alt-Svc, the HTTPS record, or nowhere. An h3 that answers but is advertised
nowhere would never be used by a browser.
""",
        ko="""
URL은 https라고만 할 뿐 HTTP 버전을 말하지 않습니다. 브라우저는 먼저 TCP(h1 또는 h2)로 접속하고, 서버의
Alt-Svc 헤더(예: h3=":443"; ma=86400)가 "여기 HTTP/3도 있으니 하루 동안 기억해 두라"고 알려 주면 이후
연결에서 QUIC을 시도합니다. DNS의 HTTPS 레코드에 alpn="h3"가 있으면 첫 TCP 연결 전에 알 수도 있습니다.

보통 첫 방문은 응답을 받고 나서야 HTTP/3를 알게 되므로, 사이트의 첫 페이지 로드는 HTTP/2이고 그다음부터
HTTP/3를 쓰는 경우가 많습니다. 경로에서 UDP가 막힐 수 있어서, 브라우저는 한동안 QUIC과 TCP를 경쟁시키거나
QUIC이 실패하면 되돌아갑니다.

http-compare는 HTTP/3를 바로 시도하고(Alt-Svc가 포트를 알려 주면 그 포트로), h3가 어디에 광고됐는지
보고합니다: Alt-Svc, HTTPS 레코드, 또는 아무 데도 없음. 응답은 하지만 어디에도 광고되지 않은 h3는
브라우저가 결코 쓰지 않습니다.
""",
    ),
]
