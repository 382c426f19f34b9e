"""Load-balancing notes: the algorithms, L4 vs L7, health checks, sticky sessions, VRRP."""

from __future__ import annotations

from netlab.concepts import Note

NOTES = [
    Note(
        id="lb.round-robin",
        title_en="Round robin: each backend in turn",
        title_ko="라운드 로빈: 백엔드를 차례대로",
        en="""\
A round-robin balancer keeps a pointer into its list of healthy backends and hands each new
request (or, at L4, each new connection) to the next one. Over any stretch of N x k requests each
of N backends gets exactly k: the spread is exact within one request, whatever the clients do.

It looks at nothing but the order: not how busy a backend is, not how long its answers take. A
backend that became slow still gets every N-th request, and those requests queue there. With
keep-alive, an L7 balancer can still balance each request; an L4 one balances connections, so a
client that sends many requests on one connection sends them all to one backend.""",
        ko="""\
라운드 로빈 밸런서는 건강한 백엔드 목록을 가리키는 포인터를 들고, 새 요청(L4에서는 새 연결)마다
다음 백엔드에 넘깁니다. 요청 N x k개를 보면 백엔드 N대가 정확히 k개씩 받습니다. 클라이언트가 무엇을
하든 분산은 한 요청 이내로 정확합니다.

순서 말고는 아무것도 보지 않습니다. 백엔드가 얼마나 바쁜지도, 응답이 얼마나 걸리는지도 보지
않습니다. 느려진 백엔드도 N번째 요청마다 꼬박꼬박 받고, 그 요청들은 거기서 줄을 섭니다. keep-alive
연결이라도 L7 밸런서는 요청마다 나눌 수 있지만, L4 밸런서는 연결 단위로 나누므로 한 연결로 많은
요청을 보내는 클라이언트는 그 요청을 모두 한 백엔드로 보냅니다.""",
    ),
    Note(
        id="lb.weighted-round-robin",
        title_en="Weighted round robin: turns in proportion to weights",
        title_ko="가중 라운드 로빈: 가중치에 비례한 차례",
        en="""\
Give each backend a weight and round robin hands out turns in proportion: with weights 4:2:1:1,
of every 8 requests the first backend gets 4, the second 2, the others 1 each. Bigger machines get
bigger weights; a weight of 0 drains a server (no new requests) without taking it out.

HAProxy interleaves the turns (it does not send 4 in a row to the heavy server), so even short
runs follow the weights closely. A chi-square test compares a measured spread with the promised
shares: below the critical value, the difference is what chance alone would give.""",
        ko="""\
백엔드마다 가중치를 주면 라운드 로빈이 그 비율대로 차례를 나눕니다. 가중치가 4:2:1:1이면 요청
8개마다 첫 백엔드가 4개, 둘째가 2개, 나머지가 1개씩 받습니다. 큰 서버에는 큰 가중치를 주고,
가중치 0은 서버를 빼지 않고 새 요청만 끊습니다(drain).

HAProxy는 차례를 섞어서 나누므로(무거운 서버에 4개를 연달아 보내지 않음) 짧은 실행에서도 가중치를
잘 따릅니다. 카이제곱 검정은 측정한 분산을 약속된 비율과 비교합니다. 임계값보다 작으면 그 차이는
우연만으로도 생길 만한 정도입니다.""",
    ),
    Note(
        id="lb.least-connections",
        title_en="Least connections: the backend with the fewest open connections",
        title_ko="최소 연결: 열린 연결이 가장 적은 백엔드",
        en="""\
A least-connections balancer counts the connections it has open to each backend and sends the
next request to the one with the fewest. It does not measure speed, but speed shows up in the
count: a backend that answers slowly keeps its connections open longer, so it has more of them
and gets fewer new requests. A fast backend (or one on a shorter link) frees its connections
first and gets more.

It suits requests of very different lengths (long downloads, WebSockets), where round robin would
pile work onto whichever backend happens to hold the long ones. With only one request in flight
at a time every count is 0 or 1 and it behaves much like round robin: the difference appears
under concurrency.""",
        ko="""\
최소 연결 밸런서는 백엔드마다 열려 있는 연결 수를 세고, 다음 요청을 가장 적은 곳으로 보냅니다.
속도를 재지는 않지만 속도는 연결 수에 드러납니다. 느리게 답하는 백엔드는 연결을 더 오래 붙잡고
있으니 연결 수가 많아져 새 요청을 덜 받습니다. 빠른 백엔드(또는 짧은 링크 위의 백엔드)는 연결을
먼저 비우고 더 많이 받습니다.

길이가 제각각인 요청(긴 다운로드, WebSocket)에 알맞습니다. 라운드 로빈이라면 긴 요청을 우연히 맡은
백엔드에 일이 쌓였을 것입니다. 한 번에 요청이 하나뿐이면 연결 수가 모두 0 아니면 1이어서 라운드
로빈과 거의 같게 움직입니다. 차이는 동시 요청이 있을 때 나타납니다.""",
    ),
    Note(
        id="lb.source-hash",
        title_en="Source hashing: the client's address picks the backend, until the pool changes",
        title_ko="소스 해싱: 클라이언트 주소가 백엔드를 고른다, 풀이 바뀔 때까지",
        en="""\
Hash the client's IP address and take it modulo the number of servers: the same client gets the
same server every time, with no table to keep and no cookie. That is why notes say it "always
sends a client to the same server".

Only while the pool stays the same. The server is hash mod n; when one of n servers fails (or
one is added) the divisor changes, and a client keeps its server only when hash mod n and
hash mod (n-1) happen to pick the same one, about 1 in n of them. So about (n-1)/n of all clients
move, not just the ones of the server that left: with 4 servers, about 75 %. Every session, cache
or connection tied to a server is lost for them. Clients behind one NAT share one address and all
land on one server. Consistent hashing is the fix for the first problem, cookies for the second.""",
        ko="""\
클라이언트 IP 주소를 해시해서 서버 수로 나눈 나머지를 쓰면, 같은 클라이언트는 테이블도 쿠키도 없이
매번 같은 서버로 갑니다. 그래서 자료들이 "항상 같은 서버로 보낸다"고 씁니다.

풀이 그대로일 때만입니다. 서버는 hash mod n으로 정해지는데, n대 중 한 대가 죽거나(또는 한 대가
늘면) 나누는 수가 바뀝니다. 클라이언트가 서버를 지키는 것은 hash mod n과 hash mod (n-1)이 우연히
같은 서버를 고를 때뿐이고, 대략 n명 중 1명입니다. 그래서 빠진 서버의 클라이언트만이 아니라 전체의
약 (n-1)/n이 옮겨 갑니다. 서버가 4대면 약 75%입니다. 그들에게 서버에 묶여 있던 세션, 캐시, 연결은
모두 사라집니다. 또 NAT 하나 뒤의 클라이언트들은 주소 하나를 나눠 쓰므로 모두 한 서버에 몰립니다.
첫 문제는 일관 해시가, 둘째 문제는 쿠키가 해결합니다.""",
    ),
    Note(
        id="lb.consistent-hashing",
        title_en="Consistent hashing: only the leaving server's clients move",
        title_ko="일관 해시: 빠지는 서버의 클라이언트만 옮긴다",
        en="""\
Put the servers at many points on a circle (by hashing their names) and each client at the point
of its own hash; a client belongs to the first server point clockwise from it. When a server
leaves, only the arcs it owned change hands, each to its neighbour: about 1/n of the clients move,
and everybody else keeps their server. When it comes back it takes exactly those arcs back.

The price is evenness: with few servers and few points each, the arcs differ in length and so do
the loads. HAProxy's `hash-type consistent` places many points per server (more with a bigger
weight) to even them out. Caches (CDNs, memcached clusters) use it because a moved client is a
cache miss.""",
        ko="""\
서버들을 (이름을 해시해서) 원 위 여러 점에 놓고, 클라이언트는 자기 해시가 가리키는 점에 놓습니다.
클라이언트는 시계 방향으로 처음 만나는 서버 점의 것이 됩니다. 서버가 빠지면 그 서버가 맡던 호만
이웃에게 넘어가므로 약 1/n의 클라이언트만 옮겨 가고 나머지는 자기 서버를 지킵니다. 서버가 돌아오면
정확히 그 호를 되가져갑니다.

대가는 균등함입니다. 서버가 적고 서버마다 점이 적으면 호의 길이가 제각각이라 부하도 제각각입니다.
HAProxy의 `hash-type consistent`는 서버마다 점을 많이 찍어(가중치가 크면 더 많이) 고르게 만듭니다.
CDN이나 memcached 클러스터 같은 캐시가 이것을 쓰는 이유는, 옮겨 간 클라이언트가 곧 캐시 미스이기
때문입니다.""",
    ),
    Note(
        id="lb.uri-hash",
        title_en="URI hashing: the path picks the backend",
        title_ko="URI 해싱: 경로가 백엔드를 고른다",
        en="""\
An L7 balancer can hash the request's path instead of the client's address: every request for
/video/42 goes to the same backend, whoever asks, so that backend's cache holds it and the others
never need to. It spreads different URLs, not different clients: a run that asks one URL lands
every request on one backend. An L4 balancer cannot do this at all: it never sees the path.""",
        ko="""\
L7 밸런서는 클라이언트 주소 대신 요청 경로를 해시할 수 있습니다. 누가 묻든 /video/42에 대한 요청은
모두 같은 백엔드로 가므로 그 백엔드의 캐시에만 있으면 되고 다른 백엔드는 가질 필요가 없습니다.
나누는 대상은 클라이언트가 아니라 URL입니다. 한 URL만 묻는 실행은 모든 요청이 한 백엔드에 떨어집니다.
L4 밸런서는 경로를 보지 못하므로 이것을 아예 할 수 없습니다.""",
    ),
    Note(
        id="lb.sticky-sessions",
        title_en="Sticky sessions by cookie",
        title_ko="쿠키로 붙이는 스티키 세션",
        en="""\
When a backend keeps a user's session in its own memory, every request of that user must come
back to it.

An L7 balancer can arrange that without hashing: on the first answer it adds a
cookie naming the backend (here `Set-Cookie: NETLAB_SRV=web2`); the browser sends it back, and the
balancer routes by it. It survives pool changes (the other users' cookies still name their
servers) and works behind NAT (the cookie, not the address, identifies the user).

If the named backend dies, the user is sent elsewhere and the session in its memory is lost:
stickiness is a convenience, not a replacement for sessions kept in a shared store (a database,
Redis) or in the token itself.""",
        ko="""\
백엔드가 사용자 세션을 자기 메모리에 두면 그 사용자의 요청은 모두 그 백엔드로 돌아와야 합니다.

L7 밸런서는 해시 없이도 이것을 해 줍니다. 첫 응답에 백엔드 이름을 담은 쿠키(여기서는
`Set-Cookie: NETLAB_SRV=web2`)를 붙이면 브라우저가 그것을 돌려보내고, 밸런서는 그것을 보고
보냅니다. 풀이 바뀌어도 유지되고(다른 사용자의 쿠키는 여전히 자기 서버를 가리킴), NAT 뒤에서도
동작합니다(주소가 아니라 쿠키가 사용자를 구별).

그 백엔드가 죽으면 사용자는 다른 곳으로 보내지고 메모리의 세션은 사라집니다. 스티키는 편의일 뿐,
공유 저장소(데이터베이스, Redis)나 토큰 자체에 세션을 두는 방식을 대신하지 못합니다.""",
    ),
    Note(
        id="lb.l4-vs-l7",
        title_en="L4 and L7 balancing: a connection, or a request",
        title_ko="L4와 L7 밸런싱: 연결인가, 요청인가",
        en="""\
An L4 (TCP) balancer accepts a connection, picks a backend, opens a connection to it and copies
bytes both ways. It sees addresses and ports, never the request: it cannot route by path or Host,
add a header, read a cookie or retry one request elsewhere, and with TLS it sees only encrypted
bytes. It is cheap and works for any protocol.

An L7 (HTTP) balancer ends the client's connection (and TLS, if any), reads each request, and
decides per request: by Host header or path (api.example.com to one pool, /static/ to another),
by cookie, by URI hash; it can add headers such as X-Forwarded-For, rewrite, retry, and answer
by itself (a 503 when no backend is alive). Either way the backend's TCP connection comes from
the balancer, not from the client.""",
        ko="""\
L4(TCP) 밸런서는 연결을 받아 백엔드를 고르고, 그 백엔드로 연결을 열어 양방향으로 바이트를 복사합니다.
주소와 포트는 보지만 요청은 보지 못합니다. 경로나 Host로 보낼 곳을 정하거나, 헤더를 붙이거나, 쿠키를
읽거나, 요청 하나만 다른 곳으로 재시도할 수 없고, TLS라면 암호화된 바이트만 봅니다. 가볍고 어떤
프로토콜에도 쓸 수 있습니다.

L7(HTTP) 밸런서는 클라이언트의 연결(과 TLS가 있으면 TLS까지)을 끝내고 요청을 하나하나 읽어 요청마다
결정합니다. Host 헤더나 경로로(api.example.com은 이 풀, /static/은 저 풀), 쿠키로, URI 해시로 나눌 수
있고, X-Forwarded-For 같은 헤더를 붙이고, 고쳐 쓰고, 재시도하고, 스스로 답할 수도 있습니다(살아 있는
백엔드가 없으면 503). 어느 쪽이든 백엔드가 받는 TCP 연결은 클라이언트가 아니라 밸런서에서 옵니다.""",
    ),
    Note(
        id="lb.x-forwarded-for",
        title_en="X-Forwarded-For: the client's address, written by the proxy",
        title_ko="X-Forwarded-For: 프록시가 적어 주는 클라이언트 주소",
        en="""\
Behind a proxying balancer every connection a backend accepts comes from the balancer's address.
So that logs and rate limits still see the user, an L7 balancer appends the client's address to
an X-Forwarded-For header (Forwarded in the newer standard) of each request.

It is only as
trustworthy as the proxy that wrote it: a client can send its own X-Forwarded-For, so a backend
should believe only the entries its own balancer added. An L4 balancer cannot write headers; the
PROXY protocol (a line the balancer sends before the client's bytes) carries the address there.""",
        ko="""\
프록시 방식의 밸런서 뒤에서는 백엔드가 받는 모든 연결이 밸런서 주소에서 옵니다. 로그와 요청 제한이
여전히 사용자를 볼 수 있도록, L7 밸런서는 요청마다 X-Forwarded-For 헤더(새 표준에서는 Forwarded)에
클라이언트 주소를 덧붙입니다.

이 값은 그것을 쓴 프록시만큼만 믿을 수 있습니다. 클라이언트가 직접
X-Forwarded-For를 보낼 수도 있으므로, 백엔드는 자기 밸런서가 덧붙인 항목만 믿어야 합니다. L4
밸런서는 헤더를 쓸 수 없으므로 PROXY protocol(밸런서가 클라이언트 바이트 앞에 보내는 한 줄)이 주소를
전합니다.""",
    ),
    Note(
        id="lb.tls-termination",
        title_en="Where TLS ends: at the balancer, or at the backend",
        title_ko="TLS가 끝나는 곳: 밸런서인가, 백엔드인가",
        en="""\
An L7 balancer in front of HTTPS must decrypt to read requests: it holds the site's certificate
and key, the client's TLS session ends there, and the balancer talks to the backends in plain
HTTP (or opens new TLS connections to them). The certificate the client sees is the balancer's.

With TLS passthrough an L4 balancer relays the encrypted bytes untouched: each backend holds the
certificate and decrypts itself, and the balancer can balance only by address (it could peek at
the SNI name in the ClientHello, which is not encrypted, but not at the request).""",
        ko="""\
HTTPS 앞의 L7 밸런서는 요청을 읽으려면 복호화해야 합니다. 사이트의 인증서와 키를 갖고 있고,
클라이언트의 TLS 세션은 거기서 끝나며, 밸런서는 백엔드와 평문 HTTP로(또는 새 TLS 연결로) 이야기합니다.
클라이언트가 보는 인증서는 밸런서의 것입니다.

TLS 통과(passthrough)에서는 L4 밸런서가 암호화된 바이트를 손대지 않고 중계합니다. 백엔드마다 인증서를
갖고 직접 복호화하며, 밸런서는 주소로만 나눌 수 있습니다(암호화되지 않은 ClientHello의 SNI 이름은 볼
수 있지만 요청은 볼 수 없음).""",
    ),
    Note(
        id="lb.health-checks",
        title_en="Active health checks: inter, fall and rise",
        title_ko="능동 헬스 체크: inter, fall, rise",
        en="""\
A balancer does not know a backend died until it tries it. Active health checks try on purpose:
every `inter` milliseconds HAProxy connects (L4 check) or sends a request such as GET /health
(L7 check, expecting a 200).

After `fall` consecutive failures the server is DOWN and leaves the
pool; after `rise` consecutive successes it is UP again. Detection therefore takes about inter x
fall (here 500 ms x 3 = 1.5 s), and requests sent to the server meanwhile fail, unless the
balancer retries them elsewhere (round robin can redispatch; a hash picks the same server again).

fall and rise trade speed for stability: fall = 1 would take a server out on one lost packet,
rise = 1 would put a flapping server back at once. A balancer that answers 503 "no server is
available" has no server left that passes its checks.""",
        ko="""\
밸런서는 백엔드에 보내 보기 전까지 백엔드가 죽은 것을 모릅니다. 능동 헬스 체크는 일부러 보내 봅니다.
HAProxy는 `inter` 밀리초마다 연결해 보거나(L4 체크) GET /health 같은 요청을 보냅니다(L7 체크, 200을
기대).

`fall`번 연속 실패하면 서버는 DOWN이 되어 풀에서 빠지고, `rise`번 연속 성공하면 다시 UP이
됩니다. 그래서 알아차리는 데 약 inter x fall(여기서는 500 ms x 3 = 1.5초)이 걸리고, 그동안 그 서버로
간 요청은 실패합니다. 밸런서가 다른 곳으로 재시도하지 않는 한 그렇습니다(라운드 로빈은 재분배할 수
있지만 해시는 같은 서버를 다시 고름).

fall과 rise는 속도와 안정성을 맞바꿉니다. fall = 1이면 패킷 하나만 잃어도 서버를 빼고, rise = 1이면
오락가락하는 서버를 곧바로 다시 넣습니다. 밸런서가 503 "no server is available"로 답한다면 체크를
통과하는 서버가 하나도 남지 않은 것입니다.""",
    ),
    Note(
        id="lb.vrrp",
        title_en="VRRP: two balancers, one virtual address",
        title_ko="VRRP: 밸런서 둘, 가상 주소 하나",
        en="""\
A single balancer is a single point of failure. With VRRP (keepalived on Linux) two balancers share
a virtual IP address (VIP).

The one with the higher priority is MASTER, holds the VIP on its
interface and multicasts an advertisement every advert_int (1 s). The BACKUP listens; when it
hears nothing for 3 x advert_int plus a skew of (256 - priority)/256 x advert_int, it declares the
master dead, adds the VIP to its own interface and announces it with gratuitous ARP. Clients keep
using the same address; only the MAC behind it changes.

The balancers do not "health-check each other" over the service: the backup only listens for
adverts. A master that is cut off but still running keeps the VIP too (both hold it: a split
brain), harmless while nobody can reach it. When the higher-priority one comes back it takes the
VIP again (preemption), unless configured not to. Connections in flight during the switch are
lost; new ones succeed once the ARP caches are updated.""",
        ko="""\
밸런서 하나는 단일 장애 지점입니다. VRRP(리눅스에서는 keepalived)를 쓰면 밸런서 둘이 가상 IP 주소
(VIP)를 나눠 씁니다.

우선순위가 높은 쪽이 MASTER로서 VIP를 자기 인터페이스에 갖고 advert_int(1초)마다
광고를 멀티캐스트합니다. BACKUP은 듣기만 하다가 3 x advert_int에 (256 - priority)/256 x advert_int의
skew를 더한 시간 동안 아무것도 듣지 못하면 마스터가 죽었다고 판단하고, VIP를 자기 인터페이스에 붙인 뒤
gratuitous ARP로 알립니다. 클라이언트는 같은 주소를 계속 쓰고, 그 뒤의 MAC만 바뀝니다.

밸런서들이 서비스로 "서로 헬스 체크"하는 것이 아닙니다. 백업은 광고를 들을 뿐입니다. 끊겼지만 살아
있는 마스터도 VIP를 계속 갖고 있습니다(둘 다 가진 상태: split brain). 아무도 거기에 닿지 못하는 동안은
무해합니다. 우선순위가 높은 쪽이 돌아오면 VIP를 다시 가져갑니다(선점, preemption). 설정으로 막을 수
있습니다. 전환 중에 진행 중이던 연결은 사라지고, ARP 캐시가 바뀐 뒤의 새 연결은 성공합니다.""",
    ),
    Note(
        id="lb.gratuitous-arp",
        title_en="Gratuitous ARP: an answer nobody asked for",
        title_ko="Gratuitous ARP: 아무도 묻지 않은 답",
        en="""\
Hosts on a LAN find a MAC address by broadcasting "who has 198.18.20.80?" and caching the reply
for a while. When an address moves to another machine, those caches point at the old MAC.

So the
new holder broadcasts an ARP about itself that nobody asked for ("198.18.20.80 is at
02:4e:4c:00:02:00", sender and target address both the VIP), and every host that has the address
in its cache updates it at once. Without it, traffic would go to the dead machine until each cache
entry expired and was asked again: seconds, not milliseconds. Linux updates an existing entry from
a gratuitous ARP but by default does not create one (net.ipv4.conf.*.arp_accept).""",
        ko="""\
LAN의 호스트는 "198.18.20.80 누구?"를 브로드캐스트해 MAC 주소를 알아내고, 그 답을 한동안 캐시합니다.
주소가 다른 기계로 옮겨 가면 그 캐시들은 옛 MAC을 가리킵니다.

그래서 새 주인은 아무도 묻지 않은 자기
ARP를 브로드캐스트하고("198.18.20.80은 02:4e:4c:00:02:00에 있다", 보낸 주소와 대상 주소가 모두 VIP),
그 주소를 캐시에 가진 모든 호스트가 곧바로 고칩니다. 이것이 없으면 캐시 항목이 만료되어 다시 물을
때까지 트래픽이 죽은 기계로 갑니다. 밀리초가 아니라 초 단위입니다. 리눅스는 gratuitous ARP로 있는
항목은 고치지만, 기본 설정으로는 새 항목을 만들지 않습니다(net.ipv4.conf.*.arp_accept).""",
    ),
    Note(
        id="lb.runtime-api",
        title_en="The balancer's own counters: HAProxy's runtime API",
        title_ko="밸런서 자신의 카운터: HAProxy 런타임 API",
        en="""\
HAProxy answers commands on its "stats socket" (its runtime API): it prints its counters, changes
maps and takes servers in and out while it runs.

`show stat` prints a CSV line per frontend,
backend (pool) and server with counters such as lbtot (times the algorithm chose the server),
scur/smax (current and most sessions), econ (connection errors), wretr/wredis (retries,
redispatches) and the health-check status; `set map` changes a map at run time (here: which pool,
so which algorithm, a frontend uses); `disable server` or `set server ... state maint` takes a
server out by hand. netlab reads it before and after a run and compares the differences with what
the client counted and what the backends logged: three independent views that must agree.""",
        ko="""\
HAProxy는 "stats socket"(런타임 API)에서 명령에 답합니다. 실행 중에 카운터를 보여 주고, 맵을 바꾸고,
서버를 넣고 뺍니다.

`show stat`은 프런트엔드, 백엔드(풀), 서버마다 CSV 한
줄을 내는데, lbtot(알고리즘이 그 서버를 고른 횟수), scur/smax(현재 세션 수와 최대 세션 수), econ(연결
오류), wretr/wredis(재시도, 재분배), 헬스 체크 상태 같은 카운터가 들어 있습니다. `set map`은 실행 중에
맵을 바꾸고(여기서는 프런트엔드가 쓸 풀, 곧 알고리즘), `disable server`나 `set server ... state maint`는
서버를 손으로 뺍니다. netlab은 실행 전후에 이것을 읽어 그 차이를 클라이언트가 센 것, 백엔드가 기록한
것과 비교합니다. 서로 독립인 세 관점이 일치해야 합니다.""",
    ),
]
