"""DNS notes: what `netlab dns-trace` shows, explained in our own words (English and Korean)."""

from __future__ import annotations

from netlab.concepts import Note

NOTES = [
    Note(
        id="dns.hierarchy",
        title_en="Root, TLD, authoritative: the tree of zones",
        title_ko="루트, TLD, 권한 서버: 영역(zone)의 트리",
        en="""\
DNS names form a tree read from the right: the root ".", then a top-level domain such as
"com.", then "naver.com.". Each cut in the tree is a zone with its own servers. A root server does
not know naver.com's address; it only knows who serves com.

A server that cannot answer points further down with a referral: "ask these servers of com.".
Following referrals from the root reaches the authoritative servers of the zone that holds the
name, and only they give the final answer.

Not every dot is a zone cut: www.naver.com is simply a name inside the naver.com zone, answered
by naver.com's servers, not by a separate "www server". The trace shows exactly where the cuts
are: one line per zone asked.""",
        ko="""\
도메인 이름은 오른쪽부터 읽는 트리입니다. 맨 위가 루트 "."이고, 그 아래 "com." 같은 최상위
도메인(TLD), 그 아래 "naver.com."이 있습니다. 트리의 각 구획이 영역(zone)이고 영역마다 자기 서버가
있습니다. 루트 서버는 naver.com의 주소를 모르고, com을 누가 맡는지만 압니다.

답을 모르는 서버는 위임(referral)으로 "com.의 이 서버들에게 물어보라"고 아래를 가리킵니다. 루트부터
위임을 따라가면 그 이름을 가진 영역의 권한 서버에 닿고, 최종 답은 그 서버만 줍니다.

점마다 영역이 나뉘는 것은 아닙니다. www.naver.com은 naver.com 영역 안의 이름일 뿐이라 naver.com의
서버가 답하지, 따로 "www 서버"가 있는 것이 아닙니다. 추적 결과에서 실제로 질의한 영역이 한 줄씩
보입니다.""",
    ),
    Note(
        id="dns.iterative-recursive",
        title_en="Iterative vs recursive resolution",
        title_ko="반복적(iterative) 질의와 재귀적(recursive) 질의",
        en="""\
Your computer asks a recursive resolver one question (RD=1, "recursion desired") and waits for
the final answer. The resolver then does the legwork iteratively: it asks the root, a TLD server
and an authoritative server in turn, each with RD=0, following one referral after another.

netlab dns-trace plays the resolver's part itself, with RD=0 from the root hints, so you see each
of those iterative steps. `dig +trace` looks similar but takes the root list and many server
addresses from your resolver, asks one server per level and does not follow CNAMEs.

A resolver also caches what it learns (referrals, addresses, answers), so most of these steps are
skipped for popular names, and bounds its work (a query budget) so that a broken or hostile zone
cannot keep it busy forever.""",
        ko="""\
내 컴퓨터는 재귀 리졸버에게 질문 하나를 RD=1("재귀 요청")로 보내고 최종 답을 기다립니다. 그러면
리졸버가 반복적으로 일을 합니다. 루트, TLD 서버, 권한 서버에 차례로 RD=0으로 묻고 위임을 하나씩
따라갑니다.

netlab dns-trace는 리졸버 역할을 직접 맡아 루트 힌트에서 RD=0으로 시작하므로 그 단계가 모두
보입니다. `dig +trace`는 비슷해 보이지만 루트 목록과 여러 서버 주소를 로컬 리졸버에게 얻고, 단계마다
서버 하나만 묻고, CNAME은 따라가지 않습니다.

리졸버는 알게 된 위임, 주소, 응답을 캐시하므로 자주 쓰는 이름은 대부분의 단계를 건너뜁니다. 또
질의 횟수에 한도를 두어, 망가졌거나 악의적인 영역이 리졸버를 끝없이 붙잡지 못하게 합니다.""",
    ),
    Note(
        id="dns.glue-bailiwick",
        title_en="Glue records and bailiwick",
        title_ko="글루(glue) 레코드와 권한 범위(bailiwick)",
        en="""\
A referral names servers, not addresses. When a server's name lies inside the zone being
delegated (ns1.naver.com for naver.com), the parent adds its address as "glue", or nobody could
ever reach it. A resolver trusts such extra addresses only inside the sender's bailiwick.

Bailiwick is the part of the tree a server is responsible for. A com. server may say things about
names under com.; if it adds an address for a name under net., a careful resolver ignores it,
because accepting it would let any server plant false addresses (cache poisoning).

When a delegation has no glue (its servers are named in another zone, e.g. glueless.lab.test
served by ns1.faraway-dns.net), the resolver must first resolve the server's own name: a nested
trace from the root, which costs extra round trips. The trace shows it indented.""",
        ko="""\
위임(referral)은 서버의 주소가 아니라 이름을 알려 줍니다. 서버 이름이 위임되는 영역 안에 있으면
(naver.com의 ns1.naver.com) 부모 영역이 그 주소를 "글루"로 덧붙입니다. 그러지 않으면 아무도 그 서버에
닿을 수 없습니다. 리졸버는 이런 추가 주소를 보낸 서버의 권한 범위 안에서만 믿습니다.

권한 범위(bailiwick)는 서버가 책임지는 트리의 부분입니다. com. 서버는 com. 아래 이름에 대해 말할 수
있지만, net. 아래 이름의 주소를 덧붙이면 신중한 리졸버는 무시합니다. 받아들이면 아무 서버나 가짜 주소를
심을 수 있기 때문입니다(캐시 오염).

글루가 없는 위임에서는(서버 이름이 다른 영역에 있는 경우, 예: ns1.faraway-dns.net이 맡는
glueless.lab.test) 리졸버가 먼저 서버 이름 자체를 루트부터 따로 추적해야 하고, 그만큼 왕복이
늘어납니다. 추적 결과에는 들여쓰기로 보입니다.""",
    ),
    Note(
        id="dns.ttl-caching",
        title_en="TTL and caching",
        title_ko="TTL과 캐싱",
        en="""\
Every record carries a TTL: how many seconds others may keep it. A resolver that fetched a record
serves it from its cache until the TTL runs out, and the TTL it hands out counts down: ask twice
and the second answer is faster and shows a smaller TTL.

Caches sit at several places (the browser, the operating system, the recursive resolver); each
keeps its own copy for at most the TTL. That is why a changed record takes up to one TTL to be
seen everywhere, and why operators lower a TTL before moving a service.

Only the authoritative server's answer shows the full TTL from the zone file; a cached answer
shows what is left. `--compare-resolver` puts the two side by side.""",
        ko="""\
모든 레코드에는 TTL이 있습니다. 다른 이가 그 레코드를 몇 초 동안 보관해도 되는지를 뜻합니다.
레코드를 가져온 리졸버는 TTL이 다할 때까지 캐시에서 답하고, 내주는 TTL은 점점 줄어듭니다. 두 번 물으면
두 번째 답이 더 빠르고 TTL이 더 작습니다.

캐시는 여러 곳(브라우저, 운영체제, 재귀 리졸버)에 있고 각자 최대 TTL 동안 사본을 가집니다. 그래서
레코드를 바꾸면 모든 곳에 반영되기까지 최대 TTL만큼 걸리고, 운영자는 서비스를 옮기기 전에 TTL을
낮춰 둡니다.

권한 서버의 응답만 영역 파일의 TTL을 그대로 보여 주고, 캐시된 응답은 남은 시간을 보여 줍니다.
`--compare-resolver`로 둘을 나란히 볼 수 있습니다.""",
    ),
    Note(
        id="dns.authoritative",
        title_en="Authoritative and non-authoritative answers",
        title_ko="권한 있는 응답과 권한 없는 응답",
        en="""\
An answer with the AA flag ("authoritative answer") comes from a server that holds the zone
itself. An answer without AA comes from somewhere that holds a copy, usually a recursive
resolver's cache: `nslookup` prints "Non-authoritative answer" for it.

Non-authoritative does not mean wrong; it means second-hand, possibly up to one TTL old. The
referrals in a trace have no AA either: the parent is not authoritative for the child's data, it
only knows who is.

A server that is listed as a zone's name server but does not answer with AA for that zone is
"lame": the trace marks it and moves to another server.""",
        ko="""\
AA 플래그("권한 있는 응답")가 붙은 응답은 그 영역을 직접 가진 서버가 준 것입니다. AA가 없는 응답은
사본을 가진 곳, 보통 재귀 리졸버의 캐시에서 온 것이며 `nslookup`은 이를 "Non-authoritative answer"로
표시합니다.

권한이 없다는 것은 틀렸다는 뜻이 아니라 전해 들은 정보라는 뜻이고, 최대 TTL만큼 오래된 것일 수
있습니다. 추적에서 보이는 위임에도 AA가 없습니다. 부모 영역은 자식 영역의 데이터에 권한이 없고, 누가
권한을 가졌는지만 압니다.

어떤 영역의 네임서버로 등록되었지만 그 영역에 대해 AA로 답하지 못하는 서버는 "레임(lame)"입니다.
추적은 이를 표시하고 다른 서버로 넘어갑니다.""",
    ),
    Note(
        id="dns.udp-tcp",
        title_en="Why DNS uses UDP, and when it uses TCP",
        title_ko="DNS가 UDP를 쓰는 이유와 TCP를 쓰는 경우",
        en="""\
A DNS question and its answer usually fit in one datagram each, so UDP does the job in one round
trip with no connection to set up and no state on the server. If no answer comes, the client
simply asks again or asks another server.

An answer that does not fit (over 512 bytes in classic DNS, or over the size the client offered
with EDNS, commonly 1232 bytes) comes back cut short with the TC (truncated) flag. The client then
repeats the question over TCP, where a two-byte length prefix allows answers up to 65535 bytes;
the extra cost is the TCP handshake. Zone transfers always use TCP.

A timeout over UDP does not prove the server is down: the question or the answer may have been
lost, which is why resolvers retry and keep several servers per zone.""",
        ko="""\
DNS 질문과 응답은 보통 데이터그램 하나에 들어가므로, UDP로 연결 설정도 서버 쪽 상태도 없이 한 번의
왕복으로 끝납니다. 응답이 오지 않으면 클라이언트가 다시 묻거나 다른 서버에 묻습니다.

응답이 너무 크면(고전 DNS는 512바이트, EDNS로 알린 크기, 흔히 1232바이트를 넘으면) 잘린 채 TC 플래그가
켜져서 옵니다. 그러면 클라이언트는 같은 질문을 TCP로 다시 보냅니다. TCP에서는 2바이트 길이 필드 덕분에
65535바이트까지 보낼 수 있고, 대신 TCP 핸드셰이크 비용이 듭니다. 영역 전송(zone transfer)은 항상
TCP입니다.

UDP 시간 초과가 서버가 죽었다는 증거는 아닙니다. 질문이나 응답이 유실되었을 수 있어서 리졸버는 다시
시도하고, 영역마다 서버를 여러 대 둡니다.""",
    ),
    Note(
        id="dns.cname",
        title_en="CNAME: an alias, and a new walk",
        title_ko="CNAME: 별칭, 그리고 새로운 탐색",
        en="""\
A CNAME says "this name is an alias; the real name is that one". The resolver must then look up
the target, and if the target lives in another zone (www.naver.com -> www.naver.com.nheos.com),
that is a new walk from the root or from the closest zone it already knows.

The server of the first zone may not answer for the target on its behalf: the target is outside
its bailiwick. Chains can be several links long; a chain that comes back to a name already seen
is a loop, and resolvers stop it.

A CNAME cannot sit beside other records of the same name, which is why a zone's apex
(naver.com itself) cannot be a CNAME.""",
        ko="""\
CNAME은 "이 이름은 별칭이고 진짜 이름은 저것"이라는 뜻입니다. 리졸버는 그 대상 이름을 다시 찾아야
하고, 대상이 다른 영역에 있으면(www.naver.com -> www.naver.com.nheos.com) 루트나 이미 아는 가장 가까운
영역부터 새로 찾아 내려갑니다.

첫 번째 영역의 서버는 대상 이름을 대신 답할 수 없습니다. 권한 범위 밖이기 때문입니다. 체인은 여러
단계일 수 있고, 이미 본 이름으로 되돌아오면 순환이므로 리졸버가 멈춥니다.

CNAME은 같은 이름의 다른 레코드와 함께 있을 수 없어서, 영역의 꼭대기(naver.com 자체)는 CNAME이 될 수
없습니다.""",
    ),
    Note(
        id="dns.negative-caching",
        title_en="NXDOMAIN, NODATA and negative caching",
        title_ko="NXDOMAIN, NODATA, 부정 응답 캐싱",
        en="""\
NXDOMAIN means the name does not exist at all. NODATA means the name exists but has no record of
the type asked (NOERROR with an empty answer): v6only.lab.test has an AAAA but no A.

Both come with the zone's SOA record in the authority section. Resolvers cache the "no" for the
smaller of the SOA's own TTL and its last field (the negative TTL), so that a mistyped name does
not send every query to the authoritative servers.

A name that does not exist is an answer, not a failure: the trace ends normally.""",
        ko="""\
NXDOMAIN은 이름 자체가 없다는 뜻입니다. NODATA는 이름은 있지만 물어본 유형의 레코드가 없다는
뜻입니다(NOERROR이면서 응답이 비어 있음). v6only.lab.test는 AAAA는 있지만 A는 없습니다.

둘 다 권한 섹션에 영역의 SOA 레코드가 함께 옵니다. 리졸버는 SOA의 TTL과 SOA의 마지막 필드(부정 TTL) 중
작은 값만큼 "없음"을 캐시합니다. 그래야 오타 난 이름 때문에 모든 질의가 권한 서버까지 가지 않습니다.

없는 이름도 하나의 답이지 실패가 아닙니다. 추적은 정상적으로 끝납니다.""",
    ),
    Note(
        id="dns.lame-delegation",
        title_en="Lame delegations and failing servers",
        title_ko="레임 위임과 응답하지 않는 서버",
        en="""\
A parent zone lists a zone's name servers; if one of them does not actually serve that zone, the
delegation is lame: the server answers REFUSED, or a non-authoritative reply with no referral.
Servers can also time out or answer SERVFAIL.

A resolver tries the next server of the zone for each of these, which is why zones have at least
two. Each failed attempt costs time, often a whole timeout, before the answer comes from another
server. Only when every server of a zone fails is the name unresolvable.

A referral that points back up or sideways (to the same zone or above it) would make a resolver
go round in circles; it is treated like a lame answer.""",
        ko="""\
부모 영역은 자식 영역의 네임서버 목록을 가지고 있습니다. 그중 하나가 실제로 그 영역을 맡고 있지
않으면 레임 위임입니다. 그 서버는 REFUSED로 답하거나, 위임도 없는 권한 없는 응답을 보냅니다. 서버가
시간 초과되거나 SERVFAIL로 답하는 경우도 있습니다.

리졸버는 이럴 때마다 그 영역의 다음 서버에 묻습니다. 영역마다 서버를 두 대 이상 두는 이유입니다. 실패한
시도마다 시간이 들고, 시간 초과라면 그 시간 전체를 기다린 뒤에야 다른 서버에서 답을 얻습니다. 영역의
모든 서버가 실패해야 이름을 풀 수 없게 됩니다.

같은 영역이나 더 위를 가리키는 위임은 리졸버를 제자리에서 돌게 만들므로 레임 응답처럼 다룹니다.""",
    ),
    Note(
        id="dns.idn",
        title_en="Internationalised names (IDN) and punycode",
        title_ko="국제화 도메인 이름(IDN)과 퓨니코드",
        en="""\
DNS itself carries only letters, digits and hyphens. A name written in Hangul, such as Naver's
Korean name under com, is converted by the client into an ASCII form, the A-label, before it is
sent: xn--950bt9s8xi.com. Servers and
zone files only ever see the A-label.

The conversion (IDNA) first normalises the text, then encodes each non-ASCII label with punycode
and the prefix "xn--". Browsers show the Unicode form back to people, and restrict mixed scripts
to prevent look-alike names.""",
        ko="""\
DNS 자체는 영문자, 숫자, 하이픈만 다룹니다. 네이버.com 같은 이름은 보내기 전에 클라이언트가 A-label이라는
ASCII 형태(xn--950bt9s8xi.com)로 바꿉니다. 서버와 영역 파일은 A-label만 봅니다.

이 변환(IDNA)은 먼저 글자를 정규화하고, ASCII가 아닌 레이블을 퓨니코드로 인코딩해 "xn--"를 붙입니다.
브라우저는 사람에게 다시 유니코드 형태로 보여 주며, 비슷하게 생긴 가짜 이름을 막으려고 여러 문자 체계를
섞는 것을 제한합니다.""",
    ),
]
