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
Symmetric ciphers (AES-GCM, ChaCha20-Poly1305) use one shared key for both directions and are
fast enough for gigabits per second; their weakness is that both sides must already hold that key.
Public-key algorithms (RSA, elliptic curves) solve exactly that problem, but they are thousands of
times slower and only handle small values. So TLS uses public-key operations once, during the
handshake, to agree on fresh secrets and to prove the server's identity, then protects every
record with symmetric keys derived from those secrets.

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

캡처에서 읽을 수 있는 것은 ClientHello와 ServerHello(TLS 1.2에서는 인증서까지)뿐이고, 키 로그
(--keylog)가 있으면 Wireshark가 같은 대칭키를 계산해 나머지도 보여줍니다.""",
    ),
    Note(
        id="tls.forward-secrecy",
        title_en="RSA key transport vs (EC)DHE, and forward secrecy",
        title_ko="RSA 키 전송과 (EC)DHE, 그리고 전방 비밀성",
        en="""\
With RSA key transport (TLS 1.2 suites such as AES256-GCM-SHA384) the client invents the secret
and sends it encrypted under the server certificate's RSA key. Anyone who records the traffic and
later obtains that one long-lived private key (a stolen backup, a court order, a breach) can decrypt
every recorded session. With (EC)DHE both sides contribute temporary key pairs that are thrown
away after the handshake; the long-lived key only signs. Stealing it later reveals nothing about
past sessions: that property is forward secrecy.

TLS 1.3 removed RSA key transport altogether, so every TLS 1.3 connection has forward secrecy. In
TLS 1.2 it depends on the suite the server picks: names starting with ECDHE or DHE have it, the
others do not. The ServerKeyExchange message exists only for (EC)DHE: it carries the server's
temporary public value and its signature.

A common misunderstanding: the Diffie-Hellman private values are random numbers chosen fresh for
each handshake; what is fixed and public is the group (a large prime or a named curve such as
x25519).""",
        ko="""\
RSA 키 전송(AES256-GCM-SHA384 같은 TLS 1.2 스위트)에서는 클라이언트가 비밀을 만들어 서버 인증서의 RSA
키로 암호화해 보냅니다. 트래픽을 녹화해 둔 사람이 나중에 그 오래 쓰는 개인 키 하나만 얻으면(백업 유출,
법적 요구, 침해) 녹화한 모든 세션을 복호화할 수 있습니다. (EC)DHE에서는 양쪽이 핸드셰이크 뒤 버리는
임시 키 쌍을 내놓고, 오래 쓰는 키는 서명에만 씁니다. 그 키를 나중에 훔쳐도 지난 세션은 알 수 없는데,
이 성질이 전방 비밀성(forward secrecy)입니다.

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
A certificate binds a public key to names (the subjectAltName list) for a period of time, and a
CA's signature over it says: "we checked that whoever holds this key controls these names". The
client checks the signature with the issuer's public key, then the issuer's certificate with its
issuer's key, until it reaches a root it already trusts (the trust store). It also checks every
validity period and that the name it wanted is in the leaf's SAN list. The CA does not encrypt
the certificate: anyone can read it; the signature only makes it impossible to alter.

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
인증서는 공개키를 이름(subjectAltName 목록)과 유효 기간에 묶은 것이고, CA의 서명은 "이 키를 가진
사람이 이 이름들을 관리한다는 것을 확인했다"는 뜻입니다. 클라이언트는 발급자의 공개키로 서명을 확인하고,
다시 발급자 인증서를 그 발급자의 키로 확인하는 식으로 이미 신뢰하는 루트(신뢰 저장소)에 닿을 때까지
올라갑니다. 각 인증서의 유효 기간과, 원하는 이름이 리프 인증서의 SAN 목록에 있는지도 확인합니다. CA가
인증서를 암호화하는 것은 아닙니다: 누구나 읽을 수 있고, 서명은 내용을 바꿀 수 없게 만들 뿐입니다.

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
Before any TLS byte, TCP's own handshake costs one round trip. Then, in TLS 1.2, the client's
ClientHello is answered by ServerHello, Certificate, ServerKeyExchange and ServerHelloDone (round
trip 1); the client sends ClientKeyExchange, ChangeCipherSpec and Finished and must wait for the
server's ChangeCipherSpec and Finished (round trip 2) before sending its request. TLS 1.3 guesses
the key-agreement group and sends its key share in the ClientHello, so the server answers with
everything at once (ServerHello, then encrypted EncryptedExtensions, Certificate,
CertificateVerify, Finished); the client's Finished can travel together with its first request:
one round trip.

So a new HTTPS connection costs 1 (TCP) + 2 (TLS 1.2) or 1 + 1 (TLS 1.3) round trips before the
request leaves, and one more for the response. On a 100 ms path that is the difference between
400 and 300 ms to the first byte. netlab measures each round trip instead of assuming it: the
time from a client flight leaving to the first byte of the answer.

The ChangeCipherSpec a TLS 1.3 client sends is a disguise for old middleboxes; it changes
nothing. If the server does not support the guessed group, it replies with a HelloRetryRequest
and the handshake costs a second round trip.""",
        ko="""\
TLS 바이트가 오가기 전에 TCP 자체 핸드셰이크에 한 번의 왕복이 듭니다. 그다음 TLS 1.2에서는 ClientHello에
ServerHello, Certificate, ServerKeyExchange, ServerHelloDone이 답하고(1번째 왕복), 클라이언트가
ClientKeyExchange, ChangeCipherSpec, Finished를 보낸 뒤 서버의 ChangeCipherSpec과 Finished를 기다려야
요청을 보낼 수 있습니다(2번째 왕복). TLS 1.3은 키 합의 그룹을 미리 짐작해 ClientHello에 키 공유값을
넣으므로, 서버가 한 번에 모두 답합니다(ServerHello, 이어서 암호화된 EncryptedExtensions, Certificate,
CertificateVerify, Finished). 클라이언트의 Finished는 첫 요청과 함께 갈 수 있어 왕복은 한 번입니다.

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
After a full handshake the server can give the client a ticket (NewSessionTicket; in TLS 1.3 it
arrives just after the handshake). On the next connection the client offers it (a pre-shared key,
PSK) and the server, if it accepts, skips Certificate and CertificateVerify: fewer bytes and no
signature to compute or check. TLS 1.3 still does a fresh (EC)DHE with the PSK, so forward secrecy
is kept; the round-trip count stays one. TLS 1.2 resumption (session ID or ticket) saves a round
trip: the server answers ServerHello, ChangeCipherSpec, Finished at once.

0-RTT (early data) goes further: with a ticket that allows it, a TLS 1.3 client sends its request
inside the first flight, before any answer. Two caveats. It is not "no round trip at all": the
TCP handshake (or QUIC's) still comes first. And early data can be replayed by an attacker who
recorded it, so servers accept it only for requests that are safe to repeat. netlab reports
whether the server's ticket allows early data; Python's ssl module cannot send it.""",
        ko="""\
전체 핸드셰이크가 끝나면 서버는 클라이언트에게 티켓(NewSessionTicket; TLS 1.3에서는 핸드셰이크 직후
도착)을 줄 수 있습니다. 다음 연결에서 클라이언트가 이를 사전 공유 키(PSK)로 제시하고 서버가 받아들이면
Certificate와 CertificateVerify를 생략합니다: 바이트가 줄고 서명 계산·확인도 없습니다. TLS 1.3은 PSK와
함께 (EC)DHE를 새로 하므로 전방 비밀성이 유지되고, 왕복은 여전히 한 번입니다. TLS 1.2의 재개(세션 ID나
티켓)는 왕복을 하나 줄입니다: 서버가 ServerHello, ChangeCipherSpec, Finished를 한 번에 보냅니다.

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
Study notes often call TLS a transport-layer (L4) protocol because of its name, Transport Layer
Security. It is not one: TLS runs on top of a transport (TCP; QUIC carries the same handshake
over UDP) and provides security to the application above it. In a capture, each TLS record is
inside the payload of TCP segments: Ethernet, then IP, then TCP with port 443, then the TLS
record header (content type, version, length), then the encrypted data. TCP still does the
ports, ordering and retransmission; TLS adds confidentiality, integrity and the server's
authentication.

In the OSI picture it is usually placed in layers 5-6 (session/presentation); in the TCP/IP
model it belongs to the application layer, as a library the application calls. That is also why
a port that speaks plain HTTP answers a ClientHello with an HTTP error, and why a reset during
the handshake is a TCP event (RST) that TLS never sees as an alert.""",
        ko="""\
학습 노트는 이름(Transport Layer Security) 때문에 TLS를 전송 계층(L4) 프로토콜이라고 부르곤 합니다.
그렇지 않습니다: TLS는 전송 계층(TCP; QUIC은 같은 핸드셰이크를 UDP 위에서 실어 나름) 위에서 동작하며
그 위의 애플리케이션에 보안을 제공합니다. 캡처를 보면 TLS 레코드는 TCP 세그먼트의 페이로드 안에
있습니다: 이더넷, IP, 443번 포트의 TCP, 그다음 TLS 레코드 헤더(콘텐츠 유형, 버전, 길이), 그리고 암호화된
데이터 순서입니다. 포트, 순서 보장, 재전송은 여전히 TCP가 하고, TLS는 기밀성, 무결성, 서버 인증을
더합니다.

OSI 그림에서는 보통 5-6계층(세션/표현)에 두고, TCP/IP 모델에서는 애플리케이션이 호출하는 라이브러리로서
애플리케이션 계층에 속합니다. 그래서 평문 HTTP를 쓰는 포트는 ClientHello에 HTTP 오류로 답하고,
핸드셰이크 중의 재설정은 TLS 경고가 아니라 TCP 사건(RST)으로 나타납니다.""",
    ),
]
