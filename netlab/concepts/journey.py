"""Notes for `netlab journey`: what happens between typing an address and the page (en, ko)."""

from __future__ import annotations

from netlab.concepts import Note

NOTES = [
    Note(
        id="journey.address-bar",
        title_en="The address bar: text becomes a URL",
        title_ko="주소창: 글자가 URL이 되기까지",
        en="""\
Before anything goes on the network, the browser decides what the text means. Words with spaces
or without a dot go to the search engine; a name gets a scheme (http:// or https://), the
scheme's default port (80 or 443) and the path "/". A name in another script (a Korean .kr name) is turned
into its ASCII form (xn--...), because DNS and TLS carry only that.

Nothing of this is sent: it is a decision on the client. Its one visible effect comes later:
which port the first connection goes to, and so whether the first request is encrypted.""",
        ko="""\
네트워크로 무엇이든 나가기 전에, 브라우저는 입력한 글자가 무슨 뜻인지 먼저 정합니다. 띄어쓰기가
있거나 점이 없는 단어는 검색 엔진으로 보내고, 이름에는 스킴(http:// 또는 https://), 그 스킴의 기본
포트(80 또는 443), 경로 "/"를 붙입니다. 다른 문자로 된 이름(한글.kr)은 ASCII 형태(xn--...)로
바뀝니다. DNS와 TLS는 그 형태만 나르기 때문입니다.

이 과정에서는 아무것도 전송되지 않습니다. 클라이언트 안의 결정일 뿐입니다. 눈에 보이는 결과는
나중에 나타납니다: 첫 연결이 어느 포트로 가는지, 그래서 첫 요청이 암호화되는지가 여기서 정해집니다.""",
    ),
    Note(
        id="journey.hsts",
        title_en="http:// or https:// first: HSTS and its preload list",
        title_ko="http://와 https:// 중 무엇이 먼저인가: HSTS와 프리로드 목록",
        en="""\
Typed without a scheme, a name used to go to http:// first; the site then redirected to https://.
That first request travels in clear text, and anyone on the path can answer it instead of the
site (an "SSL stripping" attack).

A site that answers over HTTPS with a Strict-Transport-Security header tells the browser "from
now on, only HTTPS for me": the browser remembers it and rewrites http:// to https:// itself.
The first visit stays exposed, so browsers ship a built-in HSTS preload list of names that are
HTTPS-only from the start, and recent browsers try https:// first for typed names (HTTPS-first).
netlab has no such list and no memory: with http:// completion it shows the exposed first
request, with --https-first what a modern browser does.""",
        ko="""\
스킴 없이 입력한 이름은 예전에는 먼저 http://로 갔고, 사이트가 https://로 리다이렉트했습니다. 그 첫
요청은 평문으로 가므로, 경로 위의 누구든 사이트 대신 답할 수 있습니다("SSL 스트리핑" 공격).

HTTPS로 답하면서 Strict-Transport-Security 헤더를 보내는 사이트는 브라우저에 "이제부터 나는 HTTPS로만"
이라고 알립니다. 브라우저는 이를 기억했다가 http://를 스스로 https://로 바꿉니다. 첫 방문은 여전히
노출되므로, 브라우저는 처음부터 HTTPS로만 가는 이름의 HSTS 프리로드 목록을 내장하고, 최근 브라우저는
입력한 이름에 https://를 먼저 시도합니다(HTTPS 우선). netlab에는 그런 목록도 기억도 없습니다: http://로
완성하면 노출되는 첫 요청을, --https-first로는 요즘 브라우저가 하는 일을 보여 줍니다.""",
    ),
    Note(
        id="journey.lookup-order",
        title_en="Where a name is looked up, in order",
        title_ko="이름을 어디서, 어떤 순서로 찾는가",
        en="""\
On Linux a program asks glibc (getaddrinfo), which follows the hosts: line of /etc/nsswitch.conf,
usually "files dns": first /etc/hosts, then DNS. An entry in /etc/hosts answers at once, and no
DNS packet leaves the machine at all.

"dns" means the stub resolver: it sends one question with RD=1 ("recursion desired") to a server
of /etc/resolv.conf and waits. That server, the recursive resolver, does the walk from the root
if its cache does not hold the answer. An "OS DNS cache" exists only where a caching service runs
on the machine (systemd-resolved behind 127.0.0.53, nscd, or the one in Windows and macOS);
browsers keep a small cache of their own in front of all this.""",
        ko="""\
Linux에서 프로그램은 glibc(getaddrinfo)에 묻고, glibc는 /etc/nsswitch.conf의 hosts: 줄을 따릅니다.
보통 "files dns"입니다: 먼저 /etc/hosts, 그다음 DNS. /etc/hosts에 항목이 있으면 곧바로 답이 나오고,
DNS 패킷은 컴퓨터 밖으로 하나도 나가지 않습니다.

"dns"는 스텁 리졸버를 말합니다: /etc/resolv.conf의 서버에 RD=1("재귀 원함") 질문 하나를 보내고
기다립니다. 그 서버, 즉 재귀 리졸버가 캐시에 답이 없을 때 루트부터 탐색합니다. "운영체제 DNS 캐시"는
캐시 서비스가 돌 때만 있습니다(127.0.0.53 뒤의 systemd-resolved, nscd, Windows와 macOS의 것);
브라우저는 이 모든 것 앞에 자신만의 작은 캐시를 둡니다.""",
    ),
    Note(
        id="journey.caches",
        title_en="The caches on the way, and which of them netlab can see",
        title_ko="가는 길의 캐시들, 그리고 netlab이 볼 수 있는 것",
        en="""\
A visit may be answered early by a cache: the browser's HTTP cache (the page itself), the
browser's DNS cache, an OS cache on the machine, the recursive resolver's cache. Each hides the
steps behind it: a cached page needs no connection, a cached name no DNS packet.

netlab is a fresh program: it has no browser cache, and it reads no OS cache (it asks the
resolver of resolv.conf, as glibc does). What it can show is the resolver's cache from outside:
a fast answer with a TTL below the zone's, or, with --warm, the same question asked twice.""",
        ko="""\
방문은 캐시에서 일찍 답을 얻을 수 있습니다: 브라우저의 HTTP 캐시(페이지 자체), 브라우저의 DNS 캐시,
컴퓨터의 운영체제 캐시, 재귀 리졸버의 캐시. 각 캐시는 그 뒤의 단계를 감춥니다: 캐시된 페이지에는
연결이 필요 없고, 캐시된 이름에는 DNS 패킷이 필요 없습니다.

netlab은 새로 시작한 프로그램이라 브라우저 캐시가 없고, 운영체제 캐시도 읽지 않습니다(glibc처럼
resolv.conf의 리졸버에 묻습니다). 보여 줄 수 있는 것은 밖에서 본 리졸버의 캐시입니다: 영역의 TTL보다
작은 TTL과 함께 온 빠른 응답, 또는 --warm으로 같은 질문을 두 번 했을 때의 차이.""",
    ),
    Note(
        id="journey.redirects",
        title_en="Redirects: an answer that says 'go elsewhere'",
        title_ko="리다이렉트: '다른 곳으로 가라'는 응답",
        en="""\
A redirect is an ordinary HTTP response: a status of 301, 302, 303, 307 or 308 and a Location
header. So it can only come after the name was looked up, a connection made (TLS included for
https) and a request sent. Each hop starts over: a new name means a new lookup, a new origin a
new connection.

301 and 308 are permanent (the browser may remember them), 302, 303 and 307 temporary; 303
turns the next request into a GET, 307 and 308 keep the method. A chain that comes back to a URL
already visited is a loop: browsers stop at a limit (20 in Chrome) with ERR_TOO_MANY_REDIRECTS.""",
        ko="""\
리다이렉트는 평범한 HTTP 응답입니다: 상태 코드 301, 302, 303, 307, 308 중 하나와 Location 헤더.
그래서 이름을 찾고, 연결을 만들고(https라면 TLS까지), 요청을 보낸 뒤에야 올 수 있습니다. 홉마다 다시
시작합니다: 새 이름이면 새로 찾고, 새 오리진이면 새로 연결합니다.

301과 308은 영구적이고(브라우저가 기억할 수 있음), 302, 303, 307은 임시입니다. 303은 다음 요청을 GET으로
바꾸고, 307과 308은 메서드를 유지합니다. 이미 방문한 URL로 돌아오는 체인은 고리입니다: 브라우저는
한도(Chrome은 20)에서 ERR_TOO_MANY_REDIRECTS와 함께 멈춥니다.""",
    ),
    Note(
        id="journey.first-hop",
        title_en="The first hop: the routing table decides, ARP finds the MAC",
        title_ko="첫 홉: 라우팅 테이블이 정하고 ARP가 MAC을 찾는다",
        en="""\
To send a packet to an address, the kernel first looks up its routing table: is the address on
one of my networks, or must it go to a gateway (usually the default route)? That choice is made
before any ARP: ARP (IPv6: neighbour discovery) then finds the MAC address of that next hop.

For a server elsewhere on the Internet the next hop is the gateway, so the frames carry the
gateway's MAC while the IP header carries the server's address. The server's MAC never appears:
each router puts a new link header on the packet, hop by hop, and only the IP addresses travel
end to end. A recent answer is kept in the neighbour cache, so most connections send no ARP.""",
        ko="""\
어떤 주소로 패킷을 보내려면 커널은 먼저 라우팅 테이블을 봅니다: 이 주소가 내 네트워크 중 하나에 있나,
아니면 게이트웨이(보통 기본 경로)로 보내야 하나? 이 선택은 ARP보다 먼저입니다: 그다음 ARP(IPv6는
이웃 탐색)가 그 다음 홉의 MAC 주소를 찾습니다.

인터넷 저편의 서버라면 다음 홉은 게이트웨이이므로, IP 헤더에는 서버 주소가 들어가도 프레임에는
게이트웨이의 MAC이 들어갑니다. 서버의 MAC은 나타나지 않습니다: 라우터마다 패킷에 새 링크 헤더를 붙이고,
처음부터 끝까지 가는 것은 IP 주소뿐입니다. 최근의 답은 이웃 캐시에 남아 있어서 대부분의 연결은 ARP를
보내지 않습니다.""",
    ),
    Note(
        id="journey.where-time-goes",
        title_en="Where the time of a page load goes",
        title_ko="페이지를 여는 시간은 어디에 쓰이나",
        en="""\
Most of a first visit is waiting for round trips: one for the DNS question (more when the
resolver must walk), one for the TCP handshake, one for TLS 1.3 (two for TLS 1.2), one for the
request, plus the server's own time. Every redirect to a new origin pays them again, which is
why a chain of two redirects can cost more than the page itself.

Sub-resources overlap: over HTTP/2 they share one connection and go out together; a new host
costs its own lookup and handshakes. The OSI layers do not take turns: application, transport and
network work at the same time, so per-layer times are spans on one clock, not slices that add up.""",
        ko="""\
첫 방문의 대부분은 왕복을 기다리는 시간입니다: DNS 질문에 한 번(리졸버가 탐색해야 하면 더), TCP
핸드셰이크에 한 번, TLS 1.3에 한 번(TLS 1.2는 두 번), 요청에 한 번, 그리고 서버 자신의 시간. 새 오리진으로
가는 리다이렉트마다 이를 다시 치르므로, 리다이렉트 두 번이 페이지 자체보다 비쌀 수 있습니다.

하위 리소스는 겹칩니다: HTTP/2에서는 한 연결을 나눠 쓰며 함께 나가고, 새 호스트는 자신의 이름 찾기와
핸드셰이크를 치릅니다. OSI 계층은 차례를 지키며 일하지 않습니다: 응용, 전송, 네트워크 계층이 동시에
일하므로, 계층별 시간은 한 시계 위의 구간이지 더해서 전체가 되는 조각이 아닙니다.""",
    ),
]
