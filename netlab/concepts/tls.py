"""TLS notes: the cryptography the handshake combines, certificates and chains, round trips,
resumption, versions, and where TLS sits among the layers."""

from __future__ import annotations

from netlab.concepts import Note

NOTES = [
    Note(
        id="tls.hybrid-crypto",
        title_en="Symmetric and public-key cryptography: why a handshake uses both",
        title_ko="대칭키와 공개키 암호: 핸드셰이크가 둘 다 쓰는 이유",
        en="""\
Symmetric ciphers (AES-GCM, ChaCha20) are fast but need a key both sides already share;
public-key algorithms (RSA, elliptic curves) need no shared secret but are thousands of times
slower. TLS uses public-key operations once, in the handshake, to agree on fresh secrets and prove
the server's identity, then protects every record with symmetric keys derived from them.

The public-key work in a modern handshake has two separate jobs. Key agreement ((EC)DHE): each
side sends a temporary public value and both compute the same shared secret, which never crosses
the wire. Authentication: the server signs the handshake transcript with the private key that
belongs to its certificate (CertificateVerify in TLS 1.3, ServerKeyExchange in TLS 1.2). Nothing
is "encrypted with the private key": a signature proves possession of the key, it does not hide
anything.

In the capture, only the ClientHello and ServerHello (and, in TLS 1.2, the certificate) are
readable; with a key log (--keylog) Wireshark derives the same symmetric keys and shows the rest.""",
        ko="""\
대칭키 암호(AES-GCM, ChaCha20-Poly1305)는 양쪽이 같은 키 하나를 쓰고 초당 기가비트를 처리할 만큼
빠르지만, 두 쪽이 그 키를 미리 갖고 있어야 한다는 약점이 있습니다. 공개키 알고리즘(RSA, 타원곡선)은
바로 그 문제를 풀지만 수천 배 느리고 작은 값만 다룰 수 있습니다. 그래서 TLS는 핸드셰이크에서 한 번만
공개키 연산으로 새 비밀을 합의하고 서버의 신원을 증명한 뒤, 그 비밀에서 유도한 대칭키로 모든 레코드를
보호합니다.

현대 핸드셰이크의 공개키 연산은 두 가지 일을 따로 합니다. 키 합의((EC)DHE): 양쪽이 임시 공개값을
보내고 각자 같은 공유 비밀을 계산하므로, 비밀 자체는 네트워크로 나가지 않습니다. 인증: 서버가 인증서에
대응하는 개인 키로 핸드셰이크 기록에 서명합니다(TLS 1.3의 CertificateVerify, TLS 1.2의
ServerKeyExchange). "개인 키로 암호화한다"는 표현은 틀립니다: 서명은 키를 가졌다는 증명이지 무언가를
숨기는 것이 아닙니다.

캡처에서 읽을 수 있는 것은 ClientHello와 ServerHello(TLS 1.2에서는 인증서까지)뿐이고,
키 로그(--keylog)가 있으면 Wireshark가 같은 대칭키를 계산해 나머지도 보여줍니다.""",
    ),
    Note(
        id="tls.forward-secrecy",
        title_en="RSA key transport vs (EC)DHE, and forward secrecy",
        title_ko="RSA 키 전송과 (EC)DHE, 그리고 전방 비밀성",
        en="""\
With RSA key transport the client sends the secret encrypted under the server's long-lived RSA
key, so whoever gets that key later can decrypt every recorded session. With (EC)DHE both sides
use throw-away key pairs and the long-lived key only signs: stealing it later reveals no past
session. That property is forward secrecy.

RSA key transport appears in TLS 1.2 suites such as AES256-GCM-SHA384; the key may leak years
later through a stolen backup, a breach or a court order, and every recording made since the
certificate was installed becomes readable.

TLS 1.3 removed RSA key transport altogether, so every TLS 1.3 connection has forward secrecy. In
TLS 1.2 it depends on the suite the server picks: names starting with ECDHE or DHE have it, the
others do not. The ServerKeyExchange message exists only for (EC)DHE: it carries the server's
temporary public value and its signature.

A common misunderstanding: the Diffie-Hellman private values are random numbers chosen fresh for
each handshake; what is fixed and public is the group (a large prime or a named curve such as
x25519).""",
        ko="""\
RSA 키 전송에서는 클라이언트가 비밀을 서버의 오래 쓰는 RSA 키로 암호화해 보내므로, 나중에 그 키를 얻은
사람은 녹화한 모든 세션을 복호화할 수 있습니다. (EC)DHE에서는 양쪽이 쓰고 버리는 임시 키 쌍을 쓰고 오래
쓰는 키는 서명에만 쓰므로, 그 키를 훔쳐도 지난 세션은 알 수 없습니다. 이것이 전방 비밀성입니다.

RSA 키 전송은 AES256-GCM-SHA384 같은 TLS 1.2 스위트에 있습니다. 키는 몇 년 뒤 백업 유출, 침해, 법적
요구로 새어 나갈 수 있고, 그러면 그동안 녹화된 트래픽이 모두 읽힙니다.

TLS 1.3은 RSA 키 전송을 아예 없앴으므로 모든 TLS 1.3 연결은 전방 비밀성을 가집니다. TLS 1.2에서는
서버가 고른 스위트에 달려 있습니다: ECDHE나 DHE로 시작하는 이름은 있고, 나머지는 없습니다.
ServerKeyExchange 메시지는 (EC)DHE에만 있으며, 서버의 임시 공개값과 그 서명을 담습니다.

흔한 오해: 디피-헬먼의 개인값은 핸드셰이크마다 새로 고르는 난수이고, 고정되어 공개된 것은 그룹(큰 소수
또는 x25519 같은 이름 붙은 곡선)입니다.""",
    ),
    Note(
        id="tls.certificate-chain",
        title_en="What a CA's signature proves, and why the intermediate must be sent",
        title_ko="CA 서명이 증명하는 것, 그리고 중간 인증서를 보내야 하는 이유",
        en="""\
A CA's signature on a certificate says "whoever holds this key controls these names, for this
period". The client verifies each signature with the issuer's key, up to a root in its trust
store, and checks dates and the name. Clients hold roots, not intermediates, so the server must
send the intermediate after its own certificate.

The CA does not encrypt the certificate: anyone can read it; the signature only makes it
impossible to alter. The names that count are the subjectAltName list, not the CN.

Roots sign rarely and stay offline; day-to-day issuing is done by intermediate CAs. The client
has the roots, not the intermediates, so the server must send its certificate followed by the
intermediate(s): fullchain.pem, not cert.pem. A server that sends only its own certificate works
in browsers that fetch or cache the missing intermediate, and fails everywhere else (curl, apps,
Python) with "unable to get local issuer certificate". Sending the root is harmless but useless:
the client must already have it to trust it.

Order matters to strict clients: each certificate should be followed by the one that signed it.
netlab shows the chain as sent, then the path it built (leaf -> intermediate -> root from the
store) and every problem on the way: expired, not yet valid, self-signed, unknown root, missing
intermediate, wrong name.""",
        ko="""\
CA의 서명은 "이 키를 가진 사람이 이 기간 동안 이 이름들을 관리한다"는 보증입니다. 클라이언트는 각
서명을 발급자의 키로 확인하며 신뢰 저장소의 루트까지 올라가고, 기간과 이름도 확인합니다. 클라이언트는
루트만 갖고 있으므로 서버는 자기 인증서 뒤에 중간 인증서를 붙여 보내야 합니다.

CA가 인증서를 암호화하는 것은 아닙니다: 누구나 읽을 수 있고, 서명은 내용을 바꿀 수 없게 만들 뿐입니다.
확인하는 이름은 CN이 아니라 subjectAltName 목록입니다.

루트는 거의 서명하지 않고 오프라인에 보관되며, 일상적인 발급은 중간 CA가 합니다. 클라이언트는 루트만
갖고 있으므로 서버는 자기 인증서 뒤에 중간 인증서를 붙여 보내야 합니다: cert.pem이 아니라
fullchain.pem입니다. 자기 인증서만 보내는 서버는 빠진 중간 인증서를 받아 오거나 캐시해 둔 브라우저에서는
동작하지만, 다른 곳(curl, 앱, 파이썬)에서는 "unable to get local issuer certificate"로 실패합니다.
루트를 함께 보내는 것은 해롭지는 않지만 쓸모가 없습니다: 신뢰하려면 클라이언트가 이미 갖고 있어야
하니까요.

엄격한 클라이언트에게는 순서도 중요합니다: 각 인증서 뒤에는 그것에 서명한 인증서가 와야 합니다. netlab은
보낸 그대로의 체인, 직접 만든 검증 경로(리프 -> 중간 -> 저장소의 루트), 그리고 만료, 아직 유효하지 않음,
자체 서명, 모르는 루트, 중간 인증서 누락, 이름 불일치 같은 문제를 하나씩 보여줍니다.""",
    ),
    Note(
        id="tls.round-trips",
        title_en="TLS 1.2 needs two round trips, TLS 1.3 one",
        title_ko="TLS 1.2는 두 번, TLS 1.3은 한 번 왕복",
        en="""\
After TCP's own round trip, a TLS 1.2 handshake needs two more before the client may send its
request; TLS 1.3 needs one, because the ClientHello already carries a key share and the server
answers with everything at once. netlab measures each round trip rather than assuming it.

In TLS 1.2 the ClientHello is answered by ServerHello, Certificate, ServerKeyExchange and
ServerHelloDone (round trip 1); the client sends ClientKeyExchange, ChangeCipherSpec and Finished
and waits for the server's ChangeCipherSpec and Finished (round trip 2). In TLS 1.3 the server
sends ServerHello, then encrypted EncryptedExtensions, Certificate, CertificateVerify and
Finished; the client's Finished can travel with its first request.

So a new HTTPS connection costs 1 (TCP) + 2 (TLS 1.2) or 1 + 1 (TLS 1.3) round trips before the
request leaves, and one more for the response. On a 100 ms path that is the difference between
400 and 300 ms to the first byte. netlab measures each round trip instead of assuming it: the
time from a client flight leaving to the first byte of the answer.

The ChangeCipherSpec a TLS 1.3 client sends is a disguise for old middleboxes; it changes
nothing. If the server does not support the guessed group, it replies with a HelloRetryRequest
and the handshake costs a second round trip.""",
        ko="""\
TCP 자체 왕복 뒤에, TLS 1.2는 요청을 보내기까지 두 번 더 왕복해야 하고 TLS 1.3은 한 번이면 됩니다.
ClientHello에 이미 키 공유값이 들어 있어 서버가 한 번에 모두 답하기 때문입니다. netlab은 왕복 횟수를
가정하지 않고 잽니다.

TLS 1.2에서는 ClientHello에 ServerHello, Certificate, ServerKeyExchange, ServerHelloDone이 답하고(첫 번째
왕복), 클라이언트가 ClientKeyExchange, ChangeCipherSpec, Finished를 보낸 뒤 서버의 ChangeCipherSpec과
Finished를 기다립니다(두 번째 왕복). TLS 1.3에서는 서버가 ServerHello와 암호화된 EncryptedExtensions,
Certificate, CertificateVerify, Finished를 보내고, 클라이언트의 Finished는 첫 요청과 함께 갈 수 있습니다.

따라서 새 HTTPS 연결은 요청이 떠나기 전까지 1(TCP) + 2(TLS 1.2) 또는 1 + 1(TLS 1.3) 왕복이 들고, 응답에
한 번이 더 듭니다. 100 ms 경로라면 첫 바이트까지 400 ms와 300 ms의 차이입니다. netlab은 왕복 횟수를
가정하지 않고 잽니다: 클라이언트의 메시지 묶음이 떠난 때부터 답의 첫 바이트가 올 때까지입니다.

TLS 1.3 클라이언트가 보내는 ChangeCipherSpec은 오래된 중간 장비를 위한 위장일 뿐 아무것도 바꾸지
않습니다. 서버가 짐작한 그룹을 지원하지 않으면 HelloRetryRequest로 답하고 왕복이 한 번 늘어납니다.""",
    ),
    Note(
        id="tls.resumption",
        title_en="Session resumption and 0-RTT",
        title_ko="세션 재개와 0-RTT",
        en="""\
A server can hand out a session ticket; the next connection offers it and skips the certificate
and its signature (fewer bytes, less work; in TLS 1.2 also one round trip fewer). With 0-RTT a
TLS 1.3 client even sends its request in its first flight, but the TCP or QUIC handshake still
comes first, and early data can be replayed.

In TLS 1.3 the ticket (NewSessionTicket) arrives just after the handshake and is offered as a
pre-shared key (PSK); a fresh (EC)DHE still runs with it, so forward secrecy is kept. TLS 1.2
resumption (session ID or ticket) lets the server answer ServerHello, ChangeCipherSpec and
Finished at once.

0-RTT (early data) goes further: with a ticket that allows it, a TLS 1.3 client sends its request
inside the first flight, before any answer. Two caveats. It is not "no round trip at all": the
TCP handshake (or QUIC's) still comes first. And early data can be replayed by an attacker who
recorded it, so servers accept it only for requests that are safe to repeat. netlab reports
whether the server's ticket allows early data; Python's ssl module cannot send it.""",
        ko="""\
서버가 준 세션 티켓을 다음 연결에서 제시하면 인증서와 서명을 생략합니다(바이트와 계산이 줄고, TLS
1.2에서는 왕복도 하나 줄어듭니다). 0-RTT에서는 TLS 1.3 클라이언트가 첫 메시지 묶음에 요청까지 넣지만,
TCP나 QUIC 핸드셰이크는 여전히 먼저 필요하고 조기 데이터는 재전송 공격을 받을 수 있습니다.

TLS 1.3에서 티켓(NewSessionTicket)은 핸드셰이크 직후 도착하고 사전 공유 키(PSK)로 제시되며, 함께
(EC)DHE를 새로 하므로 전방 비밀성이 유지됩니다. TLS 1.2의 재개(세션 ID나 티켓)에서는 서버가
ServerHello, ChangeCipherSpec, Finished를 한 번에 보냅니다.

0-RTT(조기 데이터)는 한 걸음 더 갑니다: 허용하는 티켓이 있으면 TLS 1.3 클라이언트가 답을 받기 전, 첫
메시지 묶음 안에 요청을 넣습니다. 주의할 점이 둘 있습니다. "왕복이 전혀 없는" 것은 아닙니다: TCP(또는
QUIC) 핸드셰이크는 여전히 먼저 필요합니다. 그리고 조기 데이터는 녹화한 공격자가 재전송할 수 있으므로,
서버는 반복해도 안전한 요청에만 허용합니다. netlab은 서버 티켓이 조기 데이터를 허용하는지 보여주며,
파이썬 ssl 모듈로는 조기 데이터를 보낼 수 없습니다.""",
    ),
    Note(
        id="tls.versions",
        title_en="TLS versions: what a server accepts, and who refused",
        title_ko="TLS 버전: 서버가 받는 것, 그리고 누가 거부했나",
        en="""\
SSL 3.0, TLS 1.0 (1999) and TLS 1.1 (2006) are deprecated (RFC 8996, 2021): they rely on MD5 and
SHA-1 in the handshake and on CBC constructions with known attacks. TLS 1.2 (2008) is fine with
AEAD suites and ECDHE; TLS 1.3 (2018) removed the weak options and a round trip.

To know which versions a server accepts, a client offers one version at a time. Two different
things can stop it: the server refuses (it answers with a protocol_version or handshake_failure
alert, or picks another version), or our own library refuses to offer it (OpenSSL 3 disables TLS
1.0/1.1 at its default security level). netlab lowers its own level to test old versions and
reports "not testable from this client" when its library still will not offer one, so that a
refusal by the client is never mistaken for the server's.""",
        ko="""\
SSL 3.0, TLS 1.0(1999), TLS 1.1(2006)은 폐기되었습니다(RFC 8996, 2021): 핸드셰이크에서 MD5와 SHA-1에
기대고, 공격이 알려진 CBC 구성을 씁니다. TLS 1.2(2008)는 AEAD 스위트와 ECDHE를 쓰면 괜찮고, TLS
1.3(2018)은 약한 선택지와 왕복 한 번을 없앴습니다.

서버가 어떤 버전을 받는지 알려면 클라이언트가 한 번에 한 버전만 제시해 봐야 합니다. 멈추게 하는 것은
두 가지입니다: 서버가 거부하는 경우(protocol_version이나 handshake_failure 경고로 답하거나 다른 버전을
고름)와, 우리 라이브러리가 그 버전을 제시하지 않는 경우(OpenSSL 3은 기본 보안 수준에서 TLS 1.0/1.1을
끕니다). netlab은 오래된 버전을 시험하려고 자기 보안 수준을 낮추고, 그래도 라이브러리가 제시하지 않으면
"이 클라이언트로는 시험 불가"라고 적어, 클라이언트의 거부를 서버의 거부로 착각하지 않게 합니다.""",
    ),
    Note(
        id="tls.layer",
        title_en="Where TLS sits: not layer 4",
        title_ko="TLS의 위치: 4계층이 아닙니다",
        en="""\
Despite its name (Transport Layer Security), TLS is not a layer-4 protocol: it runs on top of a
transport (TCP; QUIC carries the same handshake over UDP) and secures the application above it.
A capture shows it: TLS records travel inside the payload of TCP segments.

The order on the wire is Ethernet, IP, TCP (port 443), then the TLS record header (content type,
version, length) and the encrypted data. TCP still does ports, ordering and retransmission; TLS
adds confidentiality, integrity and the server's authentication.

In the OSI picture it is usually placed in layers 5-6 (session/presentation); in the TCP/IP
model it belongs to the application layer, as a library the application calls. That is also why
a port that speaks plain HTTP answers a ClientHello with an HTTP error, and why a reset during
the handshake is a TCP event (RST) that TLS never sees as an alert.""",
        ko="""\
이름(Transport Layer Security)과 달리 TLS는 4계층 프로토콜이 아닙니다: 전송 계층(TCP; QUIC은 같은
핸드셰이크를 UDP로 나름) 위에서 동작하며 그 위의 애플리케이션을 보호합니다. 캡처에서 TLS 레코드는 TCP
세그먼트의 페이로드 안에 있습니다.

회선 위 순서는 이더넷, IP, 443번 포트의 TCP, 그다음 TLS 레코드 헤더(콘텐츠 유형, 버전, 길이)와 암호화된
데이터입니다. 포트, 순서 보장, 재전송은 여전히 TCP가 하고, TLS는 기밀성, 무결성, 서버 인증을 더합니다.

OSI 그림에서는 보통 5-6계층(세션/표현)에 두고, TCP/IP 모델에서는 애플리케이션이 호출하는 라이브러리로서
애플리케이션 계층에 속합니다. 그래서 평문 HTTP를 쓰는 포트는 ClientHello에 HTTP 오류로 답하고,
핸드셰이크 중의 재설정은 TLS 경고가 아니라 TCP 사건(RST)으로 나타납니다.""",
    ),
]
