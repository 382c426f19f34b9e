"""Layer notes: OSI vs TCP/IP, PDU names, header sizes, encapsulation overhead, MTU and MSS, ECN."""

from __future__ import annotations

from netlab.concepts import Note

NOTES = [
    Note(
        id="layers.osi-tcpip",
        title_en="The OSI model and the TCP/IP model",
        title_ko="OSI 모델과 TCP/IP 모델",
        en="""\
Two ways of drawing the same stack. TCP/IP, the model the Internet was built on, has four layers:
link (Ethernet, Wi-Fi), internet (IP), transport (TCP, UDP) and application (DNS, HTTP, TLS).
OSI's seven split the bottom into physical (1) and data link (2) and the top into session (5),
presentation (6) and application (7). Layers 3 and 4 are the same in both.

On a real packet only some of them own bytes: one header each for Ethernet, IP and TCP or UDP,
then what the application wrote. Nothing on the wire is a session or presentation header;
textbooks put TLS there (or in "application", as TCP/IP does), because it works on top of the
transport and below the application's own protocol.

The physical layer has no header at all: it is the signal (and on Ethernet the preamble and the
gap between frames, which a capture never shows). So when someone says "layer 7 load balancer"
they mean one that reads HTTP; a "layer 4" one reads only addresses and ports.""",
        ko="""\
같은 스택을 그리는 두 가지 방식입니다. 인터넷이 실제로 따르는 TCP/IP 모델은 네 계층입니다: 링크(이더넷,
와이파이), 인터넷(IP), 전송(TCP, UDP), 애플리케이션(DNS, HTTP, TLS). OSI의 일곱 계층은 아래를
물리(1)와 데이터 링크(2)로, 위를 세션(5), 표현(6), 응용(7)으로 나눕니다. 3계층과 4계층은 같습니다.

실제 패킷에서 바이트를 가진 계층은 일부뿐입니다: 이더넷, IP, TCP 또는 UDP 헤더가 하나씩 있고, 그 뒤가
애플리케이션이 쓴 내용입니다. 회선 위에 세션 헤더나 표현 헤더는 없습니다. 교과서는 TLS를 그 자리(또는
TCP/IP처럼 애플리케이션)에 두는데, 전송 계층 위이면서 애플리케이션 자체 프로토콜 아래에서 동작하기
때문입니다.

물리 계층에는 헤더가 없습니다: 신호 자체입니다(이더넷이라면 프리앰블과 프레임 사이 간격도 여기 속하며,
캡처에는 보이지 않습니다). 그래서 "7계층 로드 밸런서"는 HTTP를 읽는 장비이고, "4계층"은 주소와 포트만
읽는 장비입니다.""",
    ),
    Note(
        id="layers.pdu-names",
        title_en="Frame, packet, segment, datagram: one name per layer",
        title_ko="프레임, 패킷, 세그먼트, 데이터그램: 계층마다 이름 하나",
        en="""\
The unit a layer sends has its own name: a frame at the link layer (Ethernet), a packet at the
internet layer (IP), a segment for TCP, a datagram for UDP, and a message for the application
(a DNS message, an HTTP request). TLS sends records; QUIC sends packets inside UDP datagrams.

The names say which header you are talking about. "The packet's TTL" is in the IP header; "the
segment's sequence number" is in TCP's; "the frame's destination MAC" is Ethernet's and is
rewritten at every router, while the packet's addresses stay the same end to end.

People also say "packet" for everything on the wire, as Wireshark's "packet list" does. In an
interview, use the precise word when the layer matters: an IP packet can hold a TCP segment of
any size up to what the MTU allows, and one segment can carry part of an HTTP message or several.""",
        ko="""\
계층이 보내는 단위에는 저마다 이름이 있습니다: 링크 계층(이더넷)의 프레임, 인터넷 계층(IP)의 패킷, TCP의
세그먼트, UDP의 데이터그램, 애플리케이션의 메시지(DNS 메시지, HTTP 요청). TLS는 레코드를 보내고, QUIC은
UDP 데이터그램 안에 패킷을 넣어 보냅니다.

이름은 어느 헤더 이야기인지 알려 줍니다. "패킷의 TTL"은 IP 헤더에, "세그먼트의 순서 번호"는 TCP 헤더에
있습니다. "프레임의 목적지 MAC"은 이더넷 헤더에 있고 라우터마다 바뀌지만, 패킷의 주소는 끝에서 끝까지
그대로입니다.

Wireshark의 "packet list"처럼 회선 위의 모든 것을 그냥 패킷이라 부르기도 합니다. 면접에서는 계층이
중요할 때 정확한 단어를 쓰세요: IP 패킷 하나에는 MTU가 허락하는 만큼의 TCP 세그먼트가 들어가고,
세그먼트 하나는 HTTP 메시지의 일부나 여러 개를 실을 수 있습니다.""",
    ),
    Note(
        id="layers.header-sizes",
        title_en="Header sizes, and how each header says its length",
        title_ko="헤더 크기, 그리고 헤더가 자기 길이를 알리는 방법",
        en="""\
Ethernet 14 bytes (18 with a VLAN tag), IPv4 20 to 60, IPv6 a fixed 40, TCP 20 to 60, UDP
exactly 8. IPv4's IHL and TCP's data offset are 4-bit counts of 32-bit words: 5 means 20 bytes,
the largest, 15, means 60. Anything past 20 is options (TCP's MSS, window scale, SACK,
timestamps fill 20 more in a typical SYN).

IPv6 dropped the length field and the checksum from its header: options moved into extension
headers chained by "next header", and the checksum is left to the link (CRC) and the transport
(TCP's and UDP's checksums cover the addresses too).

UDP's 8 bytes are two ports, a length and a checksum: nothing else, so UDP cannot order, confirm
or resend. That is not a flaw but the point: DNS resends on its own timer, QUIC puts numbering and
acknowledgements in its encrypted payload, and a voice call prefers a late sample lost to one
delivered late.""",
        ko="""\
이더넷 14바이트(VLAN 태그가 있으면 18), IPv4 20에서 60, IPv6 고정 40, TCP 20에서 60, UDP 정확히 8.
IPv4의 IHL과 TCP의 데이터 오프셋은 32비트 단어의 개수를 담는 4비트 값입니다: 5는 20바이트이고, 가장 큰
15는 60바이트입니다. 20을 넘는 부분은 옵션입니다(보통 SYN에서는 TCP의 MSS, 윈도 스케일, SACK,
타임스탬프가 20바이트를 더 채웁니다).

IPv6는 헤더에서 길이 필드와 체크섬을 없앴습니다: 옵션은 "다음 헤더"로 이어지는 확장 헤더로 옮겼고,
검사는 링크(CRC)와 전송 계층(주소까지 덮는 TCP와 UDP의 체크섬)에 맡깁니다.

UDP의 8바이트는 포트 둘, 길이, 체크섬이 전부라서 UDP는 순서를 맞추거나, 확인하거나, 다시 보낼 수
없습니다. 결함이 아니라 목적입니다: DNS는 자기 타이머로 다시 보내고, QUIC은 번호와 확인 응답을 암호화된
페이로드에 넣으며, 음성 통화는 늦게 도착한 소리보다 잃어버린 소리를 택합니다.""",
    ),
    Note(
        id="layers.encapsulation-overhead",
        title_en="What the headers cost",
        title_ko="헤더가 드는 비용",
        en="""\
Every layer's header is overhead the application never sees. A full TCP segment over Ethernet
carries 1448 bytes of data (1460 minus 12 of timestamps) in a 1514-byte frame: about 95% is
data. A 1-byte payload still costs 66 bytes of headers, which is why protocols batch small
writes (Nagle's algorithm), and why an ACK with no data still fills a 54- to 66-byte frame.

The capture does not show everything the cable carries: each Ethernet frame also has a 4-byte
checksum (FCS) at the end, which the network card adds and removes, an 8-byte preamble in front
and a 12-byte gap after it. A frame is at least 64 bytes with its FCS, so shorter packets are
padded, and the receiver sees the padding after the IP packet.""",
        ko="""\
각 계층의 헤더는 애플리케이션이 보지 못하는 비용입니다. 이더넷 위의 꽉 찬 TCP 세그먼트는 1514바이트
프레임에 데이터 1448바이트(1460에서 타임스탬프 12를 뺀 값)를 싣습니다: 약 95%가 데이터입니다.
1바이트 페이로드도 헤더 66바이트가 들기 때문에 프로토콜은 작은 쓰기를 모으고(Nagle 알고리즘), 데이터 없는
ACK도 54-66바이트 프레임을 채웁니다.

캡처에는 케이블이 나르는 것이 다 보이지 않습니다: 이더넷 프레임마다 끝에 4바이트 체크섬(FCS)이 있고
네트워크 카드가 붙였다 떼며, 앞에는 8바이트 프리앰블이, 뒤에는 12바이트 간격이 있습니다. 프레임은 FCS를
포함해 최소 64바이트라서 짧은 패킷은 채워지고, 받는 쪽은 IP 패킷 뒤의 패딩을 봅니다.""",
    ),
    Note(
        id="layers.mtu-mss",
        title_en="MTU and MSS",
        title_ko="MTU와 MSS",
        en="""\
The MTU is the largest IP packet a link carries in one frame: 1500 bytes on Ethernet. TCP's MSS,
announced in each side's SYN, is the largest payload it accepts in one segment, normally the
MTU minus the IP and TCP headers: 1500 - 20 - 20 = 1460 over IPv4, 1500 - 40 - 20 = 1440 over
IPv6. Loopback's MTU is 65536, so a SYN to localhost offers an MSS of about 65 000.

When a path has a smaller link (a tunnel, a VPN, PPPoE's 1492) a packet too big for it is either
split into fragments (IPv4 without DF) or dropped with an ICMP "fragmentation needed" / "packet
too big" message that tells the sender the smaller size (path-MTU discovery). If a firewall drops
that ICMP, big packets vanish while small ones pass: a "black hole".

QUIC cannot rely on fragments and does its own path-MTU probing; it starts from a floor of 1200
bytes, which is why a client's first Initial datagram is padded to at least that size.""",
        ko="""\
MTU는 링크가 프레임 하나로 나르는 가장 큰 IP 패킷입니다: 이더넷에서 1500바이트. 양쪽이 SYN에서 알리는
TCP의 MSS는 한 세그먼트로 받는 가장 큰 페이로드이며, 보통 MTU에서 IP와 TCP 헤더를 뺀 값입니다: IPv4에서
1500 - 20 - 20 = 1460, IPv6에서 1500 - 40 - 20 = 1440. 루프백의 MTU는 65536이라서 localhost로 가는
SYN은 약 65 000의 MSS를 제안합니다.

경로에 더 작은 링크(터널, VPN, PPPoE의 1492)가 있으면, 너무 큰 패킷은 조각으로 나뉘거나(DF 없는 IPv4)
버려지고 ICMP "fragmentation needed" / "packet too big" 메시지가 보낸 쪽에 작은 크기를 알립니다(경로 MTU
탐색). 방화벽이 그 ICMP를 막으면 작은 패킷은 지나가는데 큰 패킷만 사라집니다: "블랙홀"입니다.

QUIC은 조각에 기댈 수 없어 경로 MTU를 스스로 탐색하며, 1200바이트를 바닥으로 시작합니다. 그래서
클라이언트의 첫 Initial 데이터그램은 적어도 그 크기로 채워집니다.""",
    ),
    Note(
        id="layers.ecn",
        title_en="ECN: the only congestion signal in the IP header",
        title_ko="ECN: IP 헤더에 있는 유일한 혼잡 신호",
        en="""\
IP does not control congestion. Its header has one congestion-related item: the two ECN bits at
the end of IPv4's DS byte (IPv6's traffic class). 00 means the sender does not do ECN; 10 or 01
(ECT) means it does; a congested router may then set 11 (CE, "congestion experienced") instead
of dropping the packet.

The reaction is at the ends. The receiver's TCP echoes the mark back with the ECE flag, the
sender's TCP shrinks its congestion window as it would after a loss and says so with CWR. QUIC
counts the marks in its ACK frames. Without ECN, a router's only way to say "slow down" is to
drop packets, and the sender learns it from the missing acknowledgements.

So congestion control (slow start, AIMD, cwnd) is not in IP and not in any router: it is code in
the sending host's transport, per connection. The routers only queue, drop, and sometimes mark.""",
        ko="""\
IP는 혼잡을 제어하지 않습니다. 헤더에서 혼잡과 관계된 것은 하나뿐입니다: IPv4 DS 바이트(IPv6의 트래픽
클래스) 끝의 ECN 2비트. 00은 보낸 쪽이 ECN을 쓰지 않는다는 뜻이고, 10이나 01(ECT)은 쓴다는 뜻입니다.
그러면 혼잡한 라우터는 패킷을 버리는 대신 11(CE, "혼잡 발생")로 표시할 수 있습니다.

반응은 양 끝에서 합니다. 받는 쪽 TCP는 ECE 플래그로 표시를 되돌려 주고, 보낸 쪽 TCP는 손실 때처럼 혼잡
윈도를 줄이고 CWR로 알립니다. QUIC은 ACK 프레임에서 표시 수를 셉니다. ECN이 없으면 라우터가 "천천히"라고
말하는 방법은 패킷을 버리는 것뿐이고, 보낸 쪽은 오지 않는 확인 응답으로 그것을 압니다.

그러니 혼잡 제어(슬로 스타트, AIMD, cwnd)는 IP에도 라우터에도 없습니다: 보내는 호스트의 전송 계층 안에서
연결마다 도는 코드입니다. 라우터는 줄을 세우고, 버리고, 가끔 표시할 뿐입니다.""",
    ),
]
