"""General networking notes that every probe may point to (timing, layers, ports, addresses)."""

from __future__ import annotations

from netlab.concepts import Note

NOTES = [
    Note(
        id="net.latency-vs-rtt",
        title_en="Latency, round-trip time and why timings differ",
        title_ko="지연 시간(latency)과 왕복 시간(RTT)",
        en="""\
Latency is how long one message takes to travel one way; the round-trip time (RTT) is the time
from sending a message until its reply comes back. We can only measure RTT from one machine,
because both times must be read from the same clock.

An RTT is the sum of the distance (propagation: light in fibre covers about 200 km per
millisecond), the time spent in queues of routers on the way, the time to put the bits on each
link (transmission), and the time the server takes to answer. Only the last part depends on the
server; the rest is the path.

That is why the first exchange with a new neighbour can look slower (an ARP or neighbour
discovery exchange comes first), why a cached answer comes back in a fraction of the time, and
why a protocol that needs fewer round trips (TLS 1.3, QUIC) is faster on a long path even with
the same bandwidth.""",
        ko="""\
지연 시간(latency)은 메시지 하나가 한쪽 방향으로 가는 데 걸리는 시간이고, 왕복 시간(RTT)은
메시지를 보낸 순간부터 그 응답이 돌아올 때까지의 시간입니다. 한 컴퓨터에서는 같은 시계로 잴 수
있는 RTT만 정확히 측정할 수 있습니다.

RTT는 거리(전파 지연: 광섬유 속 빛은 1밀리초에 약 200 km를 갑니다), 경로 위 라우터의 큐에서
기다린 시간, 비트를 링크에 싣는 전송 시간, 그리고 서버가 답을 만드는 시간을 더한 값입니다. 서버에
달린 것은 마지막 하나뿐이고 나머지는 경로가 정합니다.

그래서 처음 만나는 이웃과의 첫 교환은 ARP(또는 IPv6 이웃 탐색) 때문에 더 느려 보이고, 캐시된 응답은
훨씬 빨리 오며, 왕복 횟수가 적은 프로토콜(TLS 1.3, QUIC)은 대역폭이 같아도 먼 경로에서 더 빠릅니다.""",
    ),
    Note(
        id="net.layers-encapsulation",
        title_en="Layers and encapsulation",
        title_ko="계층과 캡슐화",
        en="""\
Each layer wraps what the layer above hands it in its own header: an HTTP request becomes the
payload of a TCP segment, the segment the payload of an IP packet, the packet the payload of an
Ethernet frame. The receiver unwraps them in the opposite order.

The names follow the wrapping: a frame (link layer, e.g. Ethernet), a packet (IP), a segment
(TCP) or datagram (UDP), a message (the application). The TCP/IP model has four layers (link,
internet, transport, application); the OSI model splits the same work into seven, and its
session and presentation layers have no separate header on today's Internet.

A layer reads only its own header. A router looks at the IP header and never at TCP ports; TLS
rides inside TCP segments, which is why a capture shows TLS records as TCP payload.""",
        ko="""\
각 계층은 위 계층이 넘겨준 데이터를 자기 헤더로 감쌉니다. HTTP 요청은 TCP 세그먼트의 페이로드가
되고, 세그먼트는 IP 패킷의, 패킷은 이더넷 프레임의 페이로드가 됩니다. 받는 쪽은 반대 순서로 풉니다.

이름도 감싸는 단계를 따라갑니다: 링크 계층의 프레임, IP의 패킷, TCP의 세그먼트(UDP는 데이터그램),
애플리케이션의 메시지. TCP/IP 모델은 네 계층(링크, 인터넷, 전송, 애플리케이션)으로, OSI 모델은 같은
일을 일곱 계층으로 나눕니다. 오늘날 인터넷에서 세션 계층과 표현 계층은 따로 헤더를 갖지 않습니다.

각 계층은 자기 헤더만 읽습니다. 라우터는 IP 헤더만 보고 TCP 포트는 보지 않습니다. TLS는 TCP 세그먼트
안에 실려 가므로, 패킷을 캡처하면 TLS 레코드가 TCP 페이로드로 보입니다.""",
    ),
    Note(
        id="net.ports",
        title_en="Ports: which program gets the data",
        title_ko="포트: 데이터를 받을 프로그램 고르기",
        en="""\
An IP address finds the machine; a port number (0-65535, in the TCP or UDP header) finds the
program on it. A connection is named by four numbers: client address and port, server address
and port.

Servers listen on well-known ports (0-1023: 53 DNS, 80 HTTP, 443 HTTPS) or registered ones
(1024-49151). The client's port is picked by its operating system from an ephemeral range
(on Linux 32768-60999 by default), which is why it changes on every run.

If nothing listens on a TCP port, the machine answers a connection attempt with a reset (RST);
if a firewall drops the packets instead, the client hears nothing and waits until it times out.""",
        ko="""\
IP 주소는 컴퓨터를 찾고, 포트 번호(0-65535, TCP나 UDP 헤더에 있음)는 그 컴퓨터 안의 프로그램을
찾습니다. 연결 하나는 클라이언트 주소와 포트, 서버 주소와 포트, 네 값으로 구분됩니다.

서버는 잘 알려진 포트(0-1023: DNS 53, HTTP 80, HTTPS 443)나 등록된 포트(1024-49151)에서 기다립니다.
클라이언트 포트는 운영체제가 임시 포트 범위(리눅스 기본값 32768-60999)에서 고르므로 실행할 때마다
바뀝니다.

TCP 포트에서 아무도 기다리지 않으면 그 컴퓨터는 연결 시도에 리셋(RST)으로 답합니다. 방화벽이 패킷을
버리면 클라이언트는 아무 응답도 듣지 못하고 타임아웃까지 기다립니다.""",
    ),
    Note(
        id="net.test-addresses",
        title_en="The addresses the sandbox uses",
        title_ko="샌드박스가 쓰는 주소",
        en="""\
The sandbox numbers its hosts from ranges that never appear on the public Internet:
198.18.0.0/15 for IPv4 (set aside for network testing) and 2001:db8::/32 for IPv6 (set aside
for documentation). So a sandbox address can never reach a real machine by mistake.

The names are the real ones (naver.com, a.root-servers.net) but they are served by the
sandbox's own name servers, so answers and timings are repeatable and the failures a teacher
wants to show can be arranged on purpose.""",
        ko="""\
샌드박스는 공개 인터넷에 절대 나타나지 않는 주소 범위로 호스트에 번호를 붙입니다. IPv4는 네트워크
시험용으로 떼어 둔 198.18.0.0/15, IPv6는 문서용으로 떼어 둔 2001:db8::/32입니다. 그래서 샌드박스 주소가
실수로 실제 컴퓨터에 닿는 일은 없습니다.

이름은 진짜 이름(naver.com, a.root-servers.net)을 쓰지만 샌드박스 안의 네임 서버가 답하므로, 응답과
시간이 매번 같고 수업에서 보여 주고 싶은 실패도 일부러 만들 수 있습니다.""",
    ),
    Note(
        id="net.timeout",
        title_en="A timeout is not an answer",
        title_ko="타임아웃은 응답이 아닙니다",
        en="""\
When no reply comes, the sender cannot tell why: the request or the reply may have been lost,
a firewall may drop it silently, or the server may be down or too busy. All it knows is that it
waited as long as it was willing to.

So a timeout costs the full waiting time, while a refusal (a TCP reset, a DNS REFUSED, an ICMP
unreachable) comes back after one round trip and says what happened. Programs retry after a
timeout, usually waiting longer each time (exponential backoff).""",
        ko="""\
응답이 오지 않으면 보낸 쪽은 이유를 알 수 없습니다. 요청이나 응답이 사라졌을 수도, 방화벽이 조용히
버렸을 수도, 서버가 꺼졌거나 너무 바쁠 수도 있습니다. 아는 것은 정해 둔 만큼 기다렸다는 사실뿐입니다.

그래서 타임아웃은 기다린 시간을 모두 잃지만, 거절(TCP 리셋, DNS REFUSED, ICMP 도달 불가)은 왕복 한 번
만에 돌아와 무슨 일인지 알려 줍니다. 프로그램은 타임아웃 뒤에 다시 시도하며, 보통 매번 더 오래
기다립니다(지수 백오프).""",
    ),
]
