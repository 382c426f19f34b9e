"""Notes on the path a packet takes: TTL, traceroute, routing tables, ARP, MTU, fragmentation, ICMP."""

from __future__ import annotations

from netlab.concepts import Note

NOTES = [
    Note(
        id="path.ttl",
        title_en="TTL (hop limit): why every IP packet carries a countdown",
        title_ko="TTL(hop limit): IP 패킷마다 카운트다운이 붙는 이유",
        en="""\
Every IP packet carries a small counter: the TTL ("time to live") in IPv4, the hop limit in IPv6.
The sender sets it (Linux: 64) and every router that forwards the packet takes one off.  A router
that would send it on with zero drops it instead and tells the sender with ICMP "time exceeded",
from its own address.

It exists because routing tables can be wrong.  Two routers that each think the other is the way
to a network pass a packet back and forth; without the counter it would circle forever and the
loop would fill with copies.  The TTL bounds the damage: the packet dies after at most 255 hops.

Traceroute turns the safety net into a measuring tool: TTL 1 makes the first router answer, TTL 2
the second, and so on.  The TTL of a packet that arrives also tells how many routers it crossed:
64 sent, 60 received means four.""",
        ko="""\
모든 IP 패킷에는 작은 카운터가 붙습니다. IPv4에서는 TTL(time to live), IPv6에서는 hop limit라고
부릅니다. 보내는 쪽이 값을 정하고(Linux는 64), 패킷을 전달하는 라우터마다 1씩 뺍니다. 0인 채로
내보내야 할 라우터는 패킷을 버리고, 자기 주소에서 ICMP '시간 초과(time exceeded)'로 보낸 쪽에
알립니다.

이 카운터는 라우팅 테이블이 틀릴 수 있기 때문에 있습니다. 두 라우터가 서로 상대가 그 네트워크로 가는
길이라고 믿으면 패킷을 계속 주고받습니다. 카운터가 없으면 패킷이 영원히 돌고, 그 고리는 복사본으로
가득 찹니다. TTL 덕분에 패킷은 많아야 255홉 뒤에 사라집니다.

traceroute는 이 안전장치를 측정 도구로 씁니다. TTL 1이면 첫 라우터가, TTL 2이면 두 번째 라우터가
답합니다. 도착한 패킷의 TTL로 지나온 라우터 수도 알 수 있습니다. 64로 보내 60으로 받았다면 라우터
넷을 지났습니다.""",
    ),
    Note(
        id="path.traceroute",
        title_en="Traceroute: asterisks, and why UDP, ICMP and TCP probes can differ",
        title_ko="traceroute: 별표(*), 그리고 UDP, ICMP, TCP 프로브가 다를 수 있는 이유",
        en="""\
Traceroute sends probes with TTL 1, 2, 3... and lists who answered each: a router's ICMP time
exceeded, or at the end the destination itself.  Each line is a separate measurement, so the RTTs
of one line are the round trip to that router, including the time it took to make its ICMP answer
(routers make those slowly, on their control processor).

An asterisk means that no answer came in time.  It does not mean that the packet was lost there:
when the next hops answer, that router forwarded our probe, it just sent no time exceeded
(filtered, or rate-limited: routers limit how many ICMP errors they send).  Asterisks to the end
mean the destination, or a firewall in front of it, ignores that kind of probe.

The probe can be a UDP datagram to an unlikely port (Linux and macOS traceroute: the destination
answers "port unreachable"), an ICMP echo request (Windows tracert: it answers with an echo reply)
or a TCP SYN to a real port (it answers SYN-ACK or RST).  Firewalls treat the three differently, so
one may reach a server that another cannot; a TCP SYN to port 443 passes wherever the web does.""",
        ko="""\
traceroute는 TTL 1, 2, 3...인 프로브를 보내고 각각에 누가 답했는지 보여 줍니다. 라우터의 ICMP 시간
초과, 마지막에는 목적지 자신의 답입니다. 한 줄 한 줄이 따로 잰 값이라, 한 줄의 RTT는 그 라우터까지의
왕복 시간에 라우터가 ICMP 답을 만드는 시간까지 더한 것입니다 (라우터는 이 답을 제어용 프로세서에서
천천히 만듭니다).

별표는 제시간에 답이 오지 않았다는 뜻입니다. 거기서 패킷을 잃었다는 뜻은 아닙니다. 다음 홉들이
답한다면 그 라우터는 프로브를 전달했고, 시간 초과만 보내지 않은 것입니다 (필터링, 또는 속도 제한:
라우터는 ICMP 오류를 보내는 횟수를 제한합니다). 끝까지 별표라면 목적지나 그 앞의 방화벽이 그 종류의
프로브를 무시하는 것입니다.

프로브는 잘 쓰지 않는 포트로 보내는 UDP 데이터그램(Linux와 macOS의 traceroute: 목적지가 '포트 도달
불가'로 답함), ICMP 에코 요청(Windows의 tracert: 에코 응답으로 답함), 실제 포트로 보내는 TCP
SYN(SYN-ACK나 RST로 답함) 중 하나입니다. 방화벽은 셋을 다르게 다루므로, 어떤 것은 닿지 못하는 서버에
다른 것은 닿을 수 있습니다. 443번 포트로 보내는 TCP SYN은 웹이 되는 곳이면 통과합니다.""",
    ),
    Note(
        id="path.routing-table",
        title_en="The routing table and the longest-prefix match",
        title_ko="라우팅 테이블과 최장 접두사 일치(longest-prefix match)",
        en="""\
A routing table is a list of prefixes (a network address and a length, such as 198.18.0.0/24),
each with where to send packets for it: a gateway, or nobody when the network is attached to one
of our interfaces.  The default route, 0.0.0.0/0 (::/0 in IPv6), is the prefix of length zero.

For a destination, every prefix that contains it matches, and the longest wins: it is the most
specific.  The default route matches every address and so loses to any other match; it is used
only when nothing more precise is known.  That is how a home computer needs one line to reach the
whole Internet, and how an ISP's router sends its customers' prefixes down and everything else up.

Every router on the way makes the same decision again with its own table: the path is not
planned by the sender, it is the sum of one decision per hop (ip route get ADDRESS shows the
kernel's).""",
        ko="""\
라우팅 테이블은 접두사(198.18.0.0/24처럼 네트워크 주소와 길이)의 목록이고, 접두사마다 그쪽 패킷을
어디로 보낼지 적혀 있습니다. 게이트웨이이거나, 우리 인터페이스에 바로 붙은 네트워크라면 아무도
거치지 않습니다. 기본 경로(default route) 0.0.0.0/0(IPv6는 ::/0)은 길이가 0인 접두사입니다.

목적지를 포함하는 접두사는 모두 일치하고, 그중 가장 긴 것이 이깁니다. 가장 구체적이기 때문입니다.
기본 경로는 모든 주소와 일치하므로 다른 어떤 일치에도 지고, 더 정확한 것을 모를 때만 쓰입니다. 그래서
집 컴퓨터는 한 줄로 인터넷 전체에 닿고, ISP의 라우터는 고객의 접두사는 아래로, 나머지는 위로
보냅니다.

길 위의 라우터마다 자기 테이블로 같은 결정을 다시 내립니다. 경로는 보내는 쪽이 미리 짜는 것이 아니라
홉마다 내린 결정을 이어 붙인 것입니다 (ip route get 주소 명령이 커널의 결정을 보여 줍니다).""",
    ),
    Note(
        id="path.arp-vs-routing",
        title_en="Routing picks the next hop; ARP only finds its MAC address",
        title_ko="다음 홉은 라우팅이 고르고, ARP는 그 MAC 주소만 찾는다",
        en="""\
Two different questions are answered before a frame leaves.  Routing answers "to whom do I hand
this packet?": the routing table's longest match names a gateway, or says the destination is on
our own network.  ARP (IPv6: neighbour discovery) then answers "what is that neighbour's MAC
address?", by broadcasting "who has 198.18.0.1?" on the local network and caching the reply.

So ARP never decides the next hop, and for a server beyond a router it is never asked about the
server: it asks about the gateway, because the frame goes to the gateway.  The Ethernet header is
rewritten at every router (new source and destination MACs, for that link), while the IP header
keeps the same source and destination addresses from end to end (unless a NAT rewrites them).""",
        ko="""\
프레임이 나가기 전에 서로 다른 두 질문에 답이 나옵니다. 라우팅은 '이 패킷을 누구에게 넘기나?'에
답합니다. 라우팅 테이블의 최장 일치가 게이트웨이를 정하거나, 목적지가 우리 네트워크에 있다고
말합니다. 그다음에 ARP(IPv6는 이웃 탐색)가 '그 이웃의 MAC 주소는?'에 답합니다. 로컬 네트워크에
'198.18.0.1은 누구?'를 브로드캐스트하고, 답을 캐시에 둡니다.

그러니 ARP가 다음 홉을 정하는 일은 없고, 라우터 너머에 있는 서버라면 ARP는 서버를 묻지 않습니다.
프레임이 게이트웨이로 가므로 게이트웨이를 묻습니다. 이더넷 헤더는 라우터마다 그 링크에 맞게 새로
쓰이고(출발지와 목적지 MAC이 바뀜), IP 헤더의 출발지와 목적지 주소는 처음부터 끝까지 그대로입니다
(NAT가 바꾸지 않는다면).""",
    ),
    Note(
        id="path.mtu-mss",
        title_en="MTU and MSS",
        title_ko="MTU와 MSS",
        en="""\
The MTU (maximum transmission unit) is the largest IP packet a link carries in one frame: 1500
bytes on Ethernet, less on tunnels and some access lines (PPPoE 1492, a VPN 1400 or 1280).  The
path MTU is the smallest MTU of all the links on the way.

TCP's MSS (maximum segment size) is the payload that fits: the MTU minus the IP header (20 bytes,
IPv6 40) and the TCP header (20 bytes): 1460 on Ethernet with IPv4.  Each side announces its own
in its SYN.  With TCP timestamps on (Linux's default) 12 bytes of options ride in every segment,
so a full segment carries 1448 bytes.

Neither side's MSS knows about a smaller link in the middle: that is path-MTU discovery's job.""",
        ko="""\
MTU(maximum transmission unit)는 링크가 프레임 하나에 실어 나르는 가장 큰 IP 패킷의 크기입니다.
이더넷은 1500바이트이고, 터널이나 일부 가입자 회선은 더 작습니다(PPPoE 1492, VPN 1400이나 1280).
경로 MTU는 길 위 모든 링크의 MTU 중 가장 작은 값입니다.

TCP의 MSS(maximum segment size)는 거기에 들어가는 페이로드입니다. MTU에서 IP 헤더(20바이트,
IPv6는 40)와 TCP 헤더(20바이트)를 뺀 값이라, IPv4 이더넷에서는 1460입니다. 양쪽이 각자 SYN에 자기
MSS를 알립니다. TCP 타임스탬프를 켜면(Linux 기본값) 세그먼트마다 옵션 12바이트가 붙으므로, 꽉 찬
세그먼트는 1448바이트를 싣습니다.

어느 쪽의 MSS도 중간의 더 작은 링크는 모릅니다. 그것은 경로 MTU 탐색의 몫입니다.""",
    ),
    Note(
        id="path.fragmentation",
        title_en="Fragmentation, and why today's hosts avoid it",
        title_ko="단편화, 그리고 오늘날 호스트가 그것을 피하는 이유",
        en="""\
An IPv4 router that must send a packet bigger than the next link's MTU can cut it into fragments,
each with its own IP header and an offset, which only the destination puts back together.  It may
do so only when the packet's DF ("don't fragment") bit is clear.

Losing one fragment loses the whole packet, and firewalls and NATs that look at ports see them
only in the first fragment, so fragments are fragile.

That is why TCP, and most UDP today, sets DF on every packet and discovers the path MTU instead.
IPv6 goes further: routers never fragment; only the sender may, with a fragment header, and a
router answers a packet that is too big with ICMPv6 "packet too big".""",
        ko="""\
IPv4 라우터는 다음 링크의 MTU보다 큰 패킷을 보내야 할 때 패킷을 조각(fragment)으로 자를 수 있습니다.
조각마다 자기 IP 헤더와 오프셋이 붙고, 다시 합치는 것은 목적지만 합니다. 패킷의 DF('단편화 금지')
비트가 꺼져 있을 때만 그럴 수 있습니다.

조각 하나만 잃어도 패킷 전체를 잃고, 포트를 보는 방화벽과 NAT는 첫 조각에서만 포트를 볼 수 있어서,
조각은 깨지기 쉽습니다.

그래서 TCP와 오늘날 대부분의 UDP는 모든 패킷에 DF를 켜고, 대신 경로 MTU를 알아냅니다. IPv6는 한 걸음
더 나아가 라우터가 절대 단편화하지 않습니다. 보내는 쪽만 조각 헤더로 자를 수 있고, 너무 큰 패킷을
받은 라우터는 ICMPv6 'packet too big'으로 답합니다.""",
    ),
    Note(
        id="path.pmtud",
        title_en="Path-MTU discovery",
        title_ko="경로 MTU 탐색(PMTUD)",
        en="""\
With DF set, a router that cannot forward a packet because the next link is too small drops it
and answers ICMP "fragmentation needed" (IPv6: "packet too big"), which carries that link's MTU.
The sender's kernel notes the smaller path MTU for that destination and sends smaller packets.

Linux keeps it for about ten minutes; TCP resends what was lost in smaller segments.  A single
round trip is lost, and nobody fragments anything.

tracepath and netlab path --mtu-discovery probe this on purpose: packets of chosen sizes with DF
set, ignoring what the kernel already learnt, and each "too big" answer names the next size to
try.""",
        ko="""\
DF가 켜진 패킷을 다음 링크가 작아 전달할 수 없는 라우터는 패킷을 버리고 ICMP '단편화 필요'(IPv6는
'packet too big')로 답하며, 그 안에 그 링크의 MTU를 담습니다. 보낸 쪽 커널은 그 목적지의 더 작은
경로 MTU를 기억하고(Linux는 약 10분) 더 작은 패킷을 보냅니다. TCP는 잃은 것을 더 작은 세그먼트로 다시
보냅니다. 왕복 한 번을 잃을 뿐이고, 아무도 단편화하지 않습니다.

tracepath와 netlab path --mtu-discovery는 일부러 이것을 시험합니다. 정한 크기의 패킷을 DF를 켜고,
커널이 이미 배운 값은 무시하고 보내며, '너무 큼' 답마다 다음에 시도할 크기가 적혀 옵니다.""",
    ),
    Note(
        id="path.pmtu-black-hole",
        title_en="The path-MTU black hole",
        title_ko="경로 MTU 블랙홀",
        en="""\
Path-MTU discovery depends on one ICMP message getting back to the sender.  When a firewall on
the way drops all ICMP "to be safe", or a router is set not to send it, the big packet is dropped
and nobody says why: the sender keeps resending the same size and the connection hangs.

The symptoms are typical: the TCP handshake works and small requests work (they are small), but
a big upload, a page with a big response, or an SSH session that prints a lot stops dead.  Fixes:
let ICMP type 3 code 4 (and ICMPv6 type 2) through; have the router clamp the MSS that passes in
SYNs to fit its link; or let hosts probe the path themselves when segments vanish (Linux:
net.ipv4.tcp_mtu_probing=1, packetization-layer PMTU discovery).""",
        ko="""\
경로 MTU 탐색은 ICMP 메시지 하나가 보낸 쪽에 돌아와야 됩니다. 길 위의 방화벽이 '안전하게' ICMP를
모두 버리거나 라우터가 그것을 보내지 않게 설정되어 있으면, 큰 패킷은 버려지고 아무도 이유를 말해 주지
않습니다. 보낸 쪽은 같은 크기로 계속 다시 보내고 연결은 멈춥니다.

증상이 전형적입니다. TCP 핸드셰이크와 작은 요청은 됩니다(작으니까). 하지만 큰 업로드, 응답이 큰
페이지, 출력이 많은 SSH 세션은 그대로 멈춥니다. 해결책은 ICMP 타입 3 코드 4(ICMPv6는 타입 2)를
통과시키거나, 라우터가 지나가는 SYN의 MSS를 자기 링크에 맞게 줄이거나(MSS clamping), 세그먼트가
사라질 때 호스트가 직접 경로를 시험하게 하는 것입니다 (Linux: net.ipv4.tcp_mtu_probing=1,
패킷화 계층 PMTU 탐색).""",
    ),
    Note(
        id="path.icmp",
        title_en="ICMP's roles: the network's error and diagnostic messages",
        title_ko="ICMP의 역할: 네트워크의 오류 메시지와 진단 메시지",
        en="""\
ICMP is carried inside IP (protocol 1; ICMPv6 is 58) but is part of IP's machinery: it is how
routers and hosts tell a sender what happened to its packet.  Errors always quote the start of
the packet they are about (its IP header and first 8 bytes or more), so the sender's kernel can
tell which socket to inform.

Errors: destination unreachable (no route, host down, port closed, prohibited by a firewall,
fragmentation needed), time exceeded (TTL ran out), parameter problem, and in IPv6 packet too big.
Diagnostics: echo request and reply (ping).  IPv6 also runs neighbour discovery (its ARP) and
router advertisements over ICMPv6, which is why IPv6 breaks when ICMPv6 is filtered wholesale.

ICMP reports; it does not repair.  What to do with the news is the job of the layer above: TCP
lowers its segment size, traceroute prints a line, a UDP socket returns an error to its program.""",
        ko="""\
ICMP는 IP 안에 실려 다니지만(프로토콜 1, ICMPv6는 58) IP 동작의 일부입니다. 라우터와 호스트가 보낸
쪽에 패킷이 어떻게 됐는지 알리는 방법입니다. 오류 메시지는 항상 문제가 된 패킷의 앞부분(IP 헤더와
처음 8바이트 이상)을 인용하므로, 보낸 쪽 커널은 어느 소켓에 알릴지 압니다.

오류: 목적지 도달 불가(경로 없음, 호스트 꺼짐, 포트 닫힘, 방화벽의 금지, 단편화 필요), 시간
초과(TTL 소진), 매개변수 문제, 그리고 IPv6의 packet too big. 진단: 에코 요청과 응답(ping). IPv6는
이웃 탐색(IPv6의 ARP)과 라우터 광고도 ICMPv6로 합니다. 그래서 ICMPv6를 통째로 막으면 IPv6가
망가집니다.

ICMP는 알려 줄 뿐 고치지는 않습니다. 그 소식으로 무엇을 할지는 위 계층의 몫입니다. TCP는 세그먼트
크기를 줄이고, traceroute는 한 줄을 출력하고, UDP 소켓은 프로그램에 오류를 돌려줍니다.""",
    ),
]
