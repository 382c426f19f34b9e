"""NAT, STUN, TURN and ICE notes: what `netlab nat` shows on NATs whose behaviour the sandbox configured."""

from __future__ import annotations

from netlab.concepts import Note

NOTES = [
    Note(
        id="nat.mapping",
        title_en="Mapping: which public address a NAT gives an inside address and port",
        title_ko="매핑: NAT가 안쪽 주소와 포트에 어떤 공인 주소를 주는가",
        en="""\
A NAT rewrites the source of an outgoing packet to a public address and port and remembers the
pair: a mapping. Endpoint-independent mapping (EIM) reuses it for every destination;
address-dependent mapping (ADM) makes a new one for each destination address, and
address-and-port-dependent mapping (APDM) for each destination address and port.

RFC 4787 asks it as one question: when the same inside address and port sends to a second
destination, does the NAT reuse the mapping?

STUN shows it from the inside: the server writes into its answer (XOR-MAPPED-ADDRESS) the address
and port it saw. RFC 5780's test sends from one socket to the server's primary address, to its
other address, and to its other address and port, and compares the three answers.

Linux's masquerade keeps the inside port when it is free and reuses it for every destination, so
it behaves as EIM; ``masquerade fully-random`` picks a fresh random port for every new flow, which is
APDM, the old "symmetric" NAT.""",
        ko="""\
NAT는 밖으로 나가는 패킷의 출발지를 공인 주소와 포트로 바꾸고 그 짝을 기억합니다: 이것이 매핑입니다.
엔드포인트 독립 매핑(EIM)은 모든 목적지에 같은 매핑을 쓰고, 주소 의존 매핑(ADM)은 목적지 주소마다,
주소·포트 의존 매핑(APDM)은 목적지 주소와 포트마다 새 매핑을 만듭니다.

RFC 4787은 이를 한 가지 질문으로 묻습니다: 같은 안쪽 주소와 포트가 두 번째 목적지로 보낼 때 NAT가 같은
매핑을 다시 쓰는가?

STUN은 이것을 안에서 보여 줍니다: 서버는 자신이 본 주소와 포트를 응답(XOR-MAPPED-ADDRESS)에 적어
돌려줍니다. RFC 5780의 테스트는 소켓 하나로 서버의 기본 주소, 다른 주소, 다른 주소·다른 포트로 차례로
보내고 세 응답을 비교합니다.

리눅스의 masquerade는 안쪽 포트가 비어 있으면 그대로 쓰고 모든 목적지에 다시 쓰므로 EIM처럼
동작합니다. ``masquerade fully-random``은 새 흐름마다 무작위 포트를 새로 고르므로 APDM, 옛 이름으로
"대칭형(symmetric)" NAT입니다.""",
    ),
    Note(
        id="nat.filtering",
        title_en="Filtering: what a NAT lets in to a mapping",
        title_ko="필터링: NAT가 매핑으로 무엇을 들여보내는가",
        en="""\
A mapping exists; a packet arrives from outside, addressed to it. Does the NAT deliver it? That is
filtering, a second, separate behaviour. Endpoint-independent filtering (EIF) delivers anything;
address-dependent filtering (ADF) only packets from an address the inside host has sent to, from any
of its ports; address-and-port-dependent filtering (APDF) only from the exact address and port.

RFC 5780 tests it with CHANGE-REQUEST: the client asks the server to answer from its other address
and port (does a stranger get in?), then from its other port only (does another port of a known
address get in?). A NAT that drops the answer shows it by silence, which is why the probe retries
and then sends a control request: only silence while the server is still answering counts as
filtering.

Linux's connection tracking alone is APDF: only a reply to the exact flow gets translated back. The
sandbox's NATs add nft rules to let more in, which is how EIF and ADF are built.""",
        ko="""\
매핑이 있고, 바깥에서 그 매핑으로 패킷이 옵니다. NAT는 이것을 안으로 전달할까요? 이것이 필터링이며,
매핑과는 별개의 두 번째 동작입니다. 엔드포인트 독립 필터링(EIF)은 무엇이든 전달하고, 주소 의존
필터링(ADF)은 안쪽 호스트가 보낸 적 있는 주소에서 온 것만(그 주소의 어느 포트든), 주소·포트 의존
필터링(APDF)은 바로 그 주소와 포트에서 온 것만 전달합니다.

RFC 5780은 CHANGE-REQUEST로 이를 테스트합니다: 클라이언트가 서버에 다른 주소·다른 포트에서 답해
달라고 하고(낯선 곳도 들어오는가?), 다음에는 다른 포트에서만 답해 달라고 합니다(아는 주소의 다른 포트는
들어오는가?). NAT가 응답을 버리면 침묵으로 드러나기 때문에, 프로브는 재전송한 다음 확인용 요청을 보냅니다.
서버가 여전히 답하는데도 침묵할 때만 필터링으로 셉니다.

리눅스의 연결 추적만으로는 APDF입니다: 정확히 그 흐름의 응답만 되돌려 변환됩니다. 샌드박스의 NAT는 nft
규칙을 더해 더 많이 들여보내며, EIF와 ADF는 그렇게 만듭니다.""",
    ),
    Note(
        id="nat.rfc5780",
        title_en="RFC 5780: testing a NAT with a server that has two addresses",
        title_ko="RFC 5780: 주소가 둘인 서버로 NAT 테스트하기",
        en="""\
A STUN server for behaviour discovery listens on two addresses and two ports, four transport
addresses in all, and names the other one in OTHER-ADDRESS.

The client can then send to a second
address (mapping) and ask for an answer from the other address or port (CHANGE-REQUEST, filtering),
or to another port of its own (RESPONSE-PORT, used to measure how long a mapping lives without
refreshing it).

A server with one address, which is what most public STUN servers are, can only tell you your
public address; the probe says which tests it cannot run instead of guessing. Every verdict here
lists the requests it rests on, where each went, and what came back or did not.""",
        ko="""\
동작 탐색용 STUN 서버는 주소 두 개와 포트 두 개, 모두 네 개의 전송 주소에서 듣고, OTHER-ADDRESS로 다른
쪽을 알려 줍니다. 그러면 클라이언트는 두 번째 주소로 보내 보거나(매핑), 다른 주소나 포트에서 답해 달라고
하거나(CHANGE-REQUEST, 필터링), 자신의 다른 포트로 답해 달라고 할 수 있습니다(RESPONSE-PORT, 매핑을 새로
고치지 않고 수명을 재는 데 씀).

주소가 하나뿐인 서버(대부분의 공개 STUN 서버가 그렇습니다)는 공인 주소만 알려 줄 수 있습니다. 프로브는
짐작하는 대신 어떤 테스트를 할 수 없는지 말합니다. 여기의 모든 판정은 근거가 된 요청, 그 요청이 간 곳, 돌아온
것과 돌아오지 않은 것을 적습니다.""",
    ),
    Note(
        id="nat.stun",
        title_en="STUN: asking a server which address it saw",
        title_ko="STUN: 서버에게 어떤 주소를 보았는지 묻기",
        en="""\
STUN (RFC 8489) is a small request/response protocol, usually over UDP port 3478. A Binding request
carries a random 96-bit transaction id; the success response carries the same id and
XOR-MAPPED-ADDRESS, the source address and port the server saw, XORed with the magic cookie so that
a NAT rewriting addresses inside payloads leaves it alone.

A lost request is simply sent again with
the same transaction id.

A client must check what comes back: the magic cookie (its absence means RFC 3489's older format),
the transaction id (an answer with an id we never sent is not ours), and the source address (an
answer from the wrong address must not count). The probe builds and parses messages with aioice's
STUN code and adds those checks.""",
        ko="""\
STUN(RFC 8489)은 보통 UDP 3478번 포트를 쓰는 작은 요청/응답 프로토콜입니다. Binding 요청은 무작위 96비트
트랜잭션 ID를 싣고, 성공 응답은 같은 ID와 XOR-MAPPED-ADDRESS를 싣습니다. XOR-MAPPED-ADDRESS는 서버가 본
출발지 주소와 포트를 매직 쿠키로 XOR한 값이라, 페이로드 안의 주소까지 고쳐 쓰는 NAT도 건드리지
않습니다. 요청이 손실되면 같은 트랜잭션 ID로 다시 보내면 됩니다.

클라이언트는 돌아온 것을 확인해야 합니다: 매직 쿠키(없으면 RFC 3489의 옛 형식), 트랜잭션 ID(보낸 적 없는
ID의 응답은 우리 것이 아님), 출발지 주소(엉뚱한 주소에서 온 응답은 세면 안 됨). 프로브는 aioice의 STUN
코드로 메시지를 만들고 읽으며, 이런 확인을 덧붙입니다.""",
    ),
    Note(
        id="nat.outbound-creates-mapping",
        title_en="The first outbound packet makes the mapping, not the STUN response",
        title_ko="매핑을 만드는 것은 STUN 응답이 아니라 밖으로 나간 첫 패킷",
        en="""\
A study note says the NAT table entry is made when the STUN response arrives. It is made by the
first packet that leaves: the NAT must choose the public port before the packet goes out, because
it writes that port into the packet. A datagram nobody answers makes a mapping just the same; the
NAT's table shows it marked [UNREPLIED], with its timer running.

STUN does not register anything with the NAT: it only reports, in its answer, what the NAT already
did. That is also why hole punching works: each side's outgoing packets open its own NAT for the
other side.""",
        ko="""\
어느 학습 노트는 STUN 응답이 도착할 때 NAT 테이블 항목이 생긴다고 말합니다. 항목을 만드는 것은 밖으로
나가는 첫 패킷입니다: NAT는 패킷에 공인 포트를 적어 넣어야 하므로 패킷이 나가기 전에 포트를 골라야
합니다. 아무도 답하지 않는 데이터그램도 똑같이 매핑을 만듭니다. NAT의 표에는 그 항목이 [UNREPLIED]로
표시되고, 타이머가 흘러갑니다.

STUN은 NAT에 무언가를 등록하지 않습니다: NAT가 이미 한 일을 응답에 적어 알려 줄 뿐입니다. 홀 펀칭이
되는 이유도 이것입니다: 양쪽이 밖으로 보내는 패킷이 각자의 NAT를 상대 쪽으로 열어 둡니다.""",
    ),
    Note(
        id="nat.hairpinning",
        title_en="Hairpinning: reaching a neighbour through the NAT's public address",
        title_ko="헤어피닝: NAT의 공인 주소를 거쳐 이웃에게 닿기",
        en="""\
Two hosts behind the same NAT learn each other's public address from STUN and send there. The packet
goes to the NAT, whose own public address it is; a NAT that hairpins turns it around, back inside to
the mapping's owner, and rewrites its source to the sender's public mapping, so that the receiver
sees the same address it would see from outside.

A NAT that does not hairpin drops it, and the two
neighbours must use their private (host) addresses instead, which ICE tries first anyway.""",
        ko="""\
같은 NAT 뒤의 두 호스트가 STUN으로 서로의 공인 주소를 알아내고 그리로 보냅니다. 패킷은 그 주소의 주인인
NAT로 갑니다. 헤어피닝하는 NAT는 패킷을 되돌려 매핑의 주인에게 안쪽으로 보내고, 출발지를 보낸 쪽의 공인
매핑으로 바꿔서 받는 쪽이 바깥에서 올 때와 같은 주소를 보게 합니다. 헤어피닝하지 않는 NAT는 패킷을 버리며,
두 이웃은 사설(호스트) 주소를 써야 합니다. ICE는 어차피 그것부터 시도합니다.""",
    ),
    Note(
        id="nat.binding-lifetime",
        title_en="How long a mapping lives, and keepalives",
        title_ko="매핑의 수명과 킵얼라이브",
        en="""\
A NAT forgets an idle mapping after a timeout: for UDP RFC 4787 asks for at least two minutes, but
Linux's conntrack forgets a UDP flow after 30 seconds without packets (120 s once it has carried
traffic both ways for a while), and home routers use anything from 30 s to several minutes.

For TCP,
an established connection is kept for days (conntrack's default is five days); TCP itself has no
idle timeout, so a connection that "drops when idle" was dropped by a NAT or firewall.

An application that must stay reachable, a VoIP phone, a WebRTC call, QUIC, sends a keepalive more
often than the shortest timeout it may meet (every 15-25 s is common). The probe measures the
lifetime by letting several mappings age and checking each one once, from outside, so that no check
refreshes the mapping it checks.""",
        ko="""\
NAT는 쉬고 있는 매핑을 일정 시간 뒤에 잊습니다. UDP에 대해 RFC 4787은 적어도 2분을 요구하지만, 리눅스의
conntrack은 패킷 없는 UDP 흐름을 30초 뒤에 잊고(한동안 양방향으로 트래픽이 오간 흐름은 120초), 가정용
공유기는 30초에서 몇 분까지 제각각입니다. TCP의 경우 연결된 연결은 며칠씩 유지됩니다(conntrack 기본값은
5일). TCP 자체에는 유휴 시간 제한이 없으므로 "쉬면 끊어지는" 연결은 NAT나 방화벽이 끊은 것입니다.

연결이 계속 닿아야 하는 애플리케이션(VoIP 전화, WebRTC 통화, QUIC)은 만날 수 있는 가장 짧은 타임아웃보다
자주 킵얼라이브를 보냅니다(15-25초마다가 흔함). 프로브는 매핑 여러 개를 나이 들게 두고 각각을 바깥에서 한
번씩만 확인하는 식으로 수명을 잽니다. 어떤 확인도 자신이 확인하는 매핑을 새로 고치지 않습니다.""",
    ),
    Note(
        id="nat.classic-types",
        title_en="Full cone, restricted, port restricted, symmetric: the old names and why they mislead",
        title_ko="풀 콘, 제한 콘, 포트 제한 콘, 대칭형: 옛 이름과 그 이름이 오해를 부르는 이유",
        en="""\
RFC 3489 (2003) sorted NATs into four types on one scale: full cone (EIM and EIF), restricted cone
(EIM and ADF), port restricted cone (EIM and APDF), and symmetric (anything whose mapping depends on
the destination). Most tools and study notes still print these names.

They mislead in four ways. Mapping and filtering are separate, so nine combinations exist and some
have no name. "Symmetric" lumps address-dependent with address-and-port-dependent mapping and says
nothing about filtering, yet that is what decides whether a peer behind an open NAT can still reach
it directly (it can). The classic test believes any answer to CHANGE-REQUEST: a server that ignores
the attribute answers from its primary address and the client concludes "full cone" (pystun3 does
this against RFC 5389-only servers). And a filtering test run on the socket that already sent to the
server's other address finds that address let in and reads a more open NAT than there is. RFC 5389
removed the classification; RFC 4787 and 5780 describe the behaviours one by one.""",
        ko="""\
RFC 3489(2003)는 NAT를 한 줄 등급의 네 가지로 나눴습니다: 풀 콘(EIM과 EIF), 제한 콘(EIM과 ADF), 포트 제한
콘(EIM과 APDF), 대칭형(매핑이 목적지에 따라 달라지는 모든 것). 대부분의 도구와 학습 노트는 아직도 이
이름을 씁니다.

이 이름은 네 가지로 오해를 부릅니다. 매핑과 필터링은 서로 다르므로 조합이 아홉 가지이고, 이름이 없는
조합도 있습니다. "대칭형"은 주소 의존 매핑과 주소·포트 의존 매핑을 한데 묶고 필터링은 말하지 않는데,
열린 NAT 뒤의 상대가 여전히 직접 닿을 수 있는지(닿을 수 있습니다)를 정하는 것은 바로 그것입니다. 옛
테스트는 CHANGE-REQUEST에 온 응답이면 무엇이든 믿습니다: 이 속성을 무시하는 서버는 기본 주소에서 답하고,
클라이언트는 "풀 콘"이라고 결론짓습니다(pystun3가 RFC 5389만 구현한 서버를 상대로 그렇습니다). 그리고 이미
서버의 다른 주소로 보낸 소켓에서 필터링 테스트를 하면 그 주소가 허용된 것을 보고 실제보다 열린 NAT로
읽습니다. RFC 5389는 이 분류를 없앴고, RFC 4787과 5780은 동작을 하나씩 따로 설명합니다.""",
    ),
    Note(
        id="nat.hole-punching",
        title_en="Hole punching: both sides send first",
        title_ko="홀 펀칭: 양쪽이 먼저 보내기",
        en="""\
Neither of two clients behind NATs can receive a packet the other sends first: their NATs have no
mapping, or filter strangers. So both learn their public address from a STUN server, exchange them
through a third party (a signalling server), and send to each other at the same time.

Each side's
outgoing packet makes a mapping and opens its own NAT to the other side's address; the other side's
packets then get in.

It works whenever the address each side learnt from STUN is the one its NAT will also use towards the
peer, that is when both mappings are endpoint-independent, whatever the filtering. It also works
when only one side's mapping depends on the destination, provided the other side's NAT lets in any
port of an address it sent to (EIF or ADF): the packets from the new port get in, the receiver
learns that port (a peer-reflexive candidate) and answers it. When both mappings depend on the
destination, or one does and the other side filters by address and port, neither address is right
and only a relay helps.""",
        ko="""\
NAT 뒤의 두 클라이언트는 상대가 먼저 보낸 패킷을 받지 못합니다: NAT에 매핑이 없거나, 낯선 곳을 걸러
내기 때문입니다. 그래서 양쪽이 STUN 서버로 자기 공인 주소를 알아내고, 제3자(시그널링 서버)를 통해
교환한 다음, 동시에 서로에게 보냅니다. 각자 밖으로 보낸 패킷이 매핑을 만들고 자기 NAT를 상대 주소 쪽으로
열어 두므로, 상대의 패킷이 들어올 수 있게 됩니다.

이 방법은 각자가 STUN으로 알아낸 주소가 NAT가 상대 쪽으로도 쓸 주소일 때, 즉 양쪽 매핑이 모두 엔드포인트
독립일 때면 필터링과 상관없이 됩니다. 한쪽 매핑만 목적지에 따라 달라지는 경우에도, 다른 쪽 NAT가 보낸 적
있는 주소의 어느 포트든 들여보낸다면(EIF나 ADF) 됩니다: 새 포트에서 온 패킷이 들어오고, 받는 쪽은 그
포트(피어 반사 후보)를 알게 되어 그리로 답합니다. 양쪽 매핑이 모두 목적지에 따라 달라지거나, 한쪽은 그렇고
다른 쪽이 주소와 포트로 걸러 내면, 어느 주소도 맞지 않으므로 릴레이만이 해결책입니다.""",
    ),
    Note(
        id="nat.turn",
        title_en="TURN: a relay with an address of its own",
        title_ko="TURN: 자기 주소를 가진 릴레이",
        en="""\
TURN (RFC 8656) is STUN extended into a relay. The client asks for an allocation (Allocate; the
server first answers 401 with a realm and a nonce, and the client asks again with its long-term
credentials); the server gives it a relayed transport address on the server itself
(XOR-RELAYED-ADDRESS).

The client installs a permission for each peer address (CreatePermission),
the peer sends ordinary UDP to the relayed address, and the server hands it to the client in a Data
indication; the client answers in Send indications that the server forwards from the relayed
address.

Every packet crosses the server, so a relay costs bandwidth and latency, which is why ICE tries it
last. But it always works: the peer only ever sends to, and hears from, one fixed address, which every
NAT and filter lets through as a reply.""",
        ko="""\
TURN(RFC 8656)은 STUN을 릴레이로 확장한 것입니다. 클라이언트가 할당(Allocate)을 요청하면(서버는 먼저
realm과 nonce를 담아 401로 답하고, 클라이언트는 장기 자격 증명으로 다시 요청합니다) 서버는 서버 자신에
있는 릴레이 전송 주소(XOR-RELAYED-ADDRESS)를 줍니다. 클라이언트는 상대 주소마다 권한을 설치하고
(CreatePermission), 상대는 릴레이 주소로 평범한 UDP를 보내며, 서버는 그것을 Data 지시로 클라이언트에
넘깁니다.

클라이언트는 Send 지시로 답하고, 서버는 그것을 릴레이 주소에서 상대에게 전달합니다.

모든 패킷이 서버를 거치므로 릴레이는 대역폭과 지연을 치르며, 그래서 ICE는 마지막에 시도합니다. 하지만
언제나 됩니다: 상대는 늘 고정된 주소 하나와만 주고받으므로, 어떤 NAT와 필터도 응답으로 통과시킵니다.""",
    ),
    Note(
        id="nat.ice",
        title_en="ICE is a procedure: gather, exchange, check, choose",
        title_ko="ICE는 절차다: 모으고, 교환하고, 확인하고, 고른다",
        en="""\
ICE (RFC 8445), which WebRTC uses, is not a list of addresses but a way to find a working path.
Each side gathers candidates: host (its own interface addresses), server-reflexive (its public
address from STUN), relayed (an address on a TURN server). The candidates travel to the other side
inside the session description (SDP), through whatever signalling the application has.

Each side
pairs its candidates with the other's, orders the pairs by priority (host first, relay last: the
type preference is 126, 100 and 0), and sends STUN Binding requests on each pair: the connectivity
checks. A check that arrives from an unknown address reveals a peer-reflexive candidate, which is
added to the list. The first pair that works in both directions is used.

What the probe does between two sandbox clients is the core of that: host and server-reflexive
checks at the same time from both sides, peer-reflexive addresses learnt on the way, and TURN when
nothing else works.""",
        ko="""\
WebRTC가 쓰는 ICE(RFC 8445)는 주소 목록이 아니라 동작하는 경로를 찾는 방법입니다. 양쪽은 후보를
모읍니다: 호스트(자기 인터페이스 주소), 서버 반사(STUN으로 얻은 공인 주소), 릴레이(TURN 서버의 주소).
후보는 애플리케이션이 가진 시그널링을 통해, 세션 기술(SDP)에 담겨 상대에게 갑니다. 양쪽은 자기 후보와 상대
후보로 짝을 짓고, 우선순위로 정렬한 다음(호스트가 먼저, 릴레이가 마지막: 종류 선호도는 126, 100, 0), 짝마다
STUN Binding 요청을 보냅니다.

이것이 연결 확인입니다. 모르는 주소에서 온 확인은 피어 반사 후보를
드러내며, 목록에 더해집니다. 양방향으로 처음 성공한 짝을 씁니다.

프로브가 샌드박스의 두 클라이언트 사이에서 하는 일이 그 핵심입니다: 양쪽에서 동시에 호스트와 서버 반사
후보로 확인을 보내고, 도중에 피어 반사 주소를 알아내며, 아무것도 안 될 때 TURN을 씁니다.""",
    ),
    Note(
        id="nat.cgnat",
        title_en="Two NATs on one path: carrier-grade NAT",
        title_ko="한 경로의 NAT 두 개: 통신사급 NAT(CGNAT)",
        en="""\
When an ISP has fewer public IPv4 addresses than customers, it puts its own NAT (carrier-grade NAT,
RFC 6888) in front of them, usually with addresses from 100.64.0.0/10 on the inside; the customer's
home router then translates a second time.

STUN sees only the outermost address, and the behaviour
it measures is the two NATs together: the most restrictive mapping and filtering of the two, and the
shortest timeout. Each NAT's own table shows its half: the home router maps the PC to its carrier-side
address, the CGNAT maps that to the public one.""",
        ko="""\
통신사가 가진 공인 IPv4 주소가 고객 수보다 적으면, 고객 앞에 자체 NAT(통신사급 NAT, RFC 6888)를 둡니다.
안쪽에는 보통 100.64.0.0/10 주소를 씁니다. 그러면 고객의 가정용 공유기가 한 번 더 변환합니다. STUN에는 가장
바깥 주소만 보이고, 측정되는 동작은 두 NAT를 합친 것입니다: 둘 중 더 제한적인 매핑과 필터링, 더 짧은
타임아웃. 각 NAT의 표는 자기 몫을 보여 줍니다: 공유기는 PC를 자신의 통신사 쪽 주소로, CGNAT는 그것을 공인
주소로 매핑합니다.""",
    ),
    Note(
        id="nat.conntrack",
        title_en="Linux's NAT is connection tracking",
        title_ko="리눅스의 NAT는 연결 추적이다",
        en="""\
On Linux, NAT is a property of a tracked connection: the first packet of a flow goes through the nat
chains (nftables masquerade, snat, dnat), the decision is stored in the conntrack entry, and every
later packet of the flow, both ways, is translated from that entry without looking at the rules
again.

`conntrack -L` lists the entries: the original direction, the reply direction the NAT
expects, the seconds left, and flags such as [UNREPLIED] (no reply seen yet) and [ASSURED]. The
sandbox's NAT routers are exactly this, with a few nft rules added for the more open behaviours.""",
        ko="""\
리눅스에서 NAT는 추적되는 연결의 속성입니다: 흐름의 첫 패킷이 nat 체인(nftables masquerade, snat, dnat)을
지나고, 그 결정이 conntrack 항목에 저장되며, 이후 그 흐름의 모든 패킷은 양방향 모두 규칙을 다시 보지 않고
그 항목에 따라 변환됩니다.

`conntrack -L`은 항목을 보여 줍니다: 원래 방향, NAT가 기다리는 응답 방향, 남은
초, [UNREPLIED](아직 응답을 보지 못함)와 [ASSURED] 같은 표시. 샌드박스의 NAT 라우터가 바로 이것이고, 더
열린 동작을 위해 nft 규칙을 몇 개 더했습니다.""",
    ),
]
