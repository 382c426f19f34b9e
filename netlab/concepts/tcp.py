"""TCP notes: opening, numbering, options, closing, TIME_WAIT, failures, retransmission."""

from __future__ import annotations

from netlab.concepts import Note

NOTES = [
    Note(
        id="tcp.three-way-handshake",
        title_en="The 3-way handshake, and why it takes three segments",
        title_ko="3-way handshake와 세 번이어야 하는 이유",
        en="""\
Before any data, each side must tell the other where its byte numbering starts and learn that
the other has heard it. The client sends SYN (its starting number), the server answers SYN,ACK
(its own starting number, plus "I got yours"), and the client's ACK confirms the server's. Three
segments, one round trip before the client may send.

Why not two? With two, the server could not tell a fresh SYN from an old, delayed copy of a SYN
from a connection long gone; it would open a connection nobody wants and send data into the
void. The third segment proves the client is alive and really asked, because it echoes the
server's random number. Each SYN is acknowledged, and the server's SYN and its ACK of the
client's SYN ride in one segment; that is why it is three and not four.

The client's kernel goes CLOSED -> SYN_SENT -> ESTABLISHED; the server's goes LISTEN ->
SYN_RECEIVED -> ESTABLISHED. The client may send data together with (or right after) its ACK,
one RTT after its SYN; that data reaches the server after about 1.5 RTT and the earliest answer
returns after 2 RTT. The third segment is a plain ACK, not a SYN, as some notes draw it.""",
        ko="""\
데이터를 보내기 전에 양쪽은 자기 바이트 번호가 어디서 시작하는지 상대에게 알리고, 상대가 그것을
들었다는 확인을 받아야 합니다. 클라이언트가 SYN(자기 시작 번호)을 보내면 서버는 SYN,ACK(자기 시작
번호와 "당신 번호를 받았다")로 답하고, 클라이언트의 ACK가 서버의 번호를 확인합니다. 세그먼트 세 개,
클라이언트가 보내기 전까지 왕복 한 번입니다.

두 번으로는 왜 안 될까요? 그러면 서버는 새 SYN과, 오래전에 끝난 연결에서 늦게 도착한 옛 SYN을
구별할 수 없습니다. 아무도 원하지 않는 연결을 열고 허공으로 데이터를 보내게 됩니다. 세 번째
세그먼트는 서버의 무작위 번호를 되돌려 주므로, 클라이언트가 살아 있고 정말 연결을 요청했다는 증거가
됩니다. SYN마다 ACK가 필요하지만 서버의 SYN과 클라이언트 SYN에 대한 ACK는 한 세그먼트에 함께 실리므로
네 번이 아니라 세 번입니다.

클라이언트 커널은 CLOSED -> SYN_SENT -> ESTABLISHED, 서버 커널은 LISTEN -> SYN_RECEIVED ->
ESTABLISHED 순서로 바뀝니다. 클라이언트는 SYN을 보내고 1 RTT 뒤에 ACK와 함께(또는 곧바로 이어서)
데이터를 보낼 수 있습니다. 그 데이터는 약 1.5 RTT에 서버에 닿고, 가장 빠른 응답은 2 RTT에
돌아옵니다. 세 번째 세그먼트는 SYN이 아니라 그냥 ACK입니다. 일부 자료는 이를 잘못 그립니다.""",
    ),
    Note(
        id="tcp.isn-seq-ack",
        title_en="Initial sequence numbers and seq/ack arithmetic",
        title_ko="초기 순서 번호(ISN)와 seq/ack 계산",
        en="""\
Every byte a side sends has a 32-bit number. The first number (the ISN) is chosen at random-looking
values so old or forged segments do not fit. seq is the number of the segment's first byte; ack
is the next byte the sender expects from the other side. SYN and FIN each use up one number.

So after SYN with seq=x, the SYN,ACK carries ack=x+1; after the server's SYN with seq=y, the
client's ACK carries ack=y+1. A 78-byte request sent at relative seq 1 is acknowledged with
ack 79. Tools such as Wireshark and netlab show relative numbers (absolute minus the side's ISN)
so that these sums are easy to check; the absolute numbers differ on every connection.

Linux derives the ISN from a keyed hash of the 4-tuple plus a clock, so it is unpredictable to
outsiders yet still increases over time for the same addresses and ports.""",
        ko="""\
각 쪽이 보내는 모든 바이트에는 32비트 번호가 붙습니다. 첫 번호(ISN)는 예측하기 어렵게 골라서 오래된
세그먼트나 위조된 세그먼트가 번호에 맞아떨어지지 않게 합니다. seq는 세그먼트 첫 바이트의 번호이고,
ack는 보내는 쪽이 상대에게서 다음에 받기를 기다리는 바이트 번호입니다. SYN과 FIN은 각각 번호 하나를
차지합니다.

그래서 seq=x인 SYN에 대한 SYN,ACK는 ack=x+1을 싣고, seq=y인 서버 SYN에 대한 클라이언트 ACK는
ack=y+1을 싣습니다. 상대 번호 1부터 보낸 78바이트 요청은 ack 79로 확인됩니다. Wireshark와 netlab은
상대 번호(절대 번호에서 그쪽 ISN을 뺀 값)를 보여 주어 이런 덧셈을 쉽게 확인하게 합니다. 절대 번호는
연결마다 다릅니다.

리눅스는 비밀 키와 4-tuple의 해시에 시계 값을 더해 ISN을 만듭니다. 밖에서는 예측할 수 없지만, 같은
주소와 포트 사이에서는 시간이 지날수록 커집니다.""",
    ),
    Note(
        id="tcp.mss-window-scale",
        title_en="MSS, the receive window and window scaling",
        title_ko="MSS, 수신 윈도와 윈도 스케일",
        en="""\
In its SYN each side states options that hold for the whole connection. MSS is the largest
payload it will accept in one segment (on Ethernet 1500 - 20 IP - 20 TCP = 1460). The window
field says how many more bytes the sender of the segment can receive right now.

The window field has only 16 bits (at most 65535 bytes), too small for fast, long paths. Window
scaling (option WS) announces a shift: later window fields are multiplied by 2^shift, so WS 7
means x128. It applies only when both SYNs carried it, and never to the SYNs themselves, which
is why the SYN shows 64240 and later segments show small raw numbers that mean much more.

SACK_PERM says the side understands selective acknowledgements (reporting which blocks arrived
beyond a gap), and TS adds timestamps that give an RTT sample on every ACK and guard against
wrapped sequence numbers.""",
        ko="""\
각 쪽은 SYN에 연결 내내 유효한 옵션을 적습니다. MSS는 한 세그먼트로 받을 수 있는 가장 큰
페이로드(이더넷에서 1500 - IP 20 - TCP 20 = 1460)입니다. 윈도 필드는 그 세그먼트를 보낸 쪽이 지금 몇 바이트를
더 받을 수 있는지 알립니다.

윈도 필드는 16비트(최대 65535바이트)뿐이라 빠르고 먼 경로에는 너무 작습니다. 윈도 스케일(WS) 옵션은
자리 이동 값을 알리고, 그 뒤의 윈도 값에는 2^shift를 곱합니다. WS 7이면 x128입니다. 두 SYN에 모두
실렸을 때만 쓰이고 SYN 자체에는 적용되지 않습니다. 그래서 SYN에는 64240이 보이고, 뒤 세그먼트의 작은
원시 값은 실제로 훨씬 큰 값을 뜻합니다.

SACK_PERM은 선택적 확인응답(빈 곳 너머 도착한 블록 알리기)을 이해한다는 뜻이고, TS는 ACK마다 RTT를
잴 수 있게 하고 한 바퀴 돈 순서 번호를 막아 주는 타임스탬프입니다.""",
    ),
    Note(
        id="tcp.four-way-close",
        title_en="The 4-way close and half-close",
        title_ko="4-way 종료와 half-close",
        en="""\
Each direction of a TCP connection is closed on its own. A side that has nothing more to send
sends FIN; the other acknowledges it, and may go on sending until it too sends FIN, which the
first side acknowledges. Two FINs and two ACKs: the "4-way" close (often only three segments,
when an ACK rides on the second FIN).

The side that sends FIN first (the active closer) goes FIN_WAIT_1 -> FIN_WAIT_2 -> TIME_WAIT;
the other (passive closer) goes CLOSE_WAIT, where its application still has to call close(),
then LAST_ACK -> CLOSED. Many sockets stuck in CLOSE_WAIT mean an application that forgets to
close.

Half-close: after shutdown(SHUT_WR) a program can still read. The server side that closes first
in netlab's sandbox shows this: its FIN arrives, and the client may still send before closing.""",
        ko="""\
TCP 연결의 두 방향은 따로따로 닫힙니다. 더 보낼 것이 없는 쪽이 FIN을 보내면 상대가 ACK하고, 상대는
자기도 FIN을 보낼 때까지 계속 보낼 수 있으며, 처음 쪽이 그 FIN을 ACK합니다. FIN 둘과 ACK 둘이라
"4-way" 종료입니다(ACK가 두 번째 FIN에 얹히면 세그먼트는 세 개).

먼저 FIN을 보낸 쪽(능동 종료)은 FIN_WAIT_1 -> FIN_WAIT_2 -> TIME_WAIT로 가고, 다른 쪽(수동 종료)은
CLOSE_WAIT에서 응용 프로그램이 close()를 부를 때까지 기다린 뒤 LAST_ACK -> CLOSED로 갑니다.
CLOSE_WAIT 소켓이 쌓인다면 close를 잊은 프로그램이 있다는 뜻입니다.

half-close: shutdown(SHUT_WR) 뒤에도 읽기는 계속할 수 있습니다. netlab 샌드박스의 먼저 닫는 서버가
이를 보여 줍니다. 서버의 FIN이 도착한 뒤에도 클라이언트는 닫기 전에 더 보낼 수 있습니다.""",
    ),
    Note(
        id="tcp.time-wait",
        title_en="TIME_WAIT: why it exists, who holds it, how long",
        title_ko="TIME_WAIT: 왜 있고, 누가, 얼마나",
        en="""\
The side that closes first keeps the finished connection as a TIME_WAIT entry for a while. Linux
uses 60 seconds, fixed in the kernel (TCP_TIMEWAIT_LEN); notes that say 240 s quote the old
"2 x MSL" with a 2-minute MSL, and tcp_fin_timeout does not change it.

It has two jobs. If our last ACK is lost, the peer resends its FIN; the TIME_WAIT entry answers
with the ACK again instead of an RST. And it keeps the same 4-tuple from being reused at once,
so a delayed segment from the old connection cannot be taken as data of a new one.

It belongs to whoever sends the first FIN, not to "the client": when a web server closes first
(HTTP with Connection: close), the server holds it. See it with `ss -tano state time-wait`; the
timer counts down from 60 s.""",
        ko="""\
먼저 닫은 쪽은 끝난 연결을 한동안 TIME_WAIT 항목으로 남겨 둡니다. 리눅스는 커널에 고정된
60초(TCP_TIMEWAIT_LEN)를 씁니다. 240초라고 적은 자료는 MSL을 2분으로 본 옛 "2 x MSL"을 옮긴 것이고,
tcp_fin_timeout으로도 이 값은 바뀌지 않습니다.

할 일은 두 가지입니다. 우리의 마지막 ACK가 사라지면 상대가 FIN을 다시 보내는데, TIME_WAIT 항목이
RST 대신 ACK를 다시 보내 줍니다. 또 같은 주소와 포트의 조합(4-tuple)을 곧바로 다시 쓰지 못하게 해서,
옛 연결의 늦은 세그먼트가 새 연결의 데이터로 받아들여지지 않게 합니다.

TIME_WAIT는 "클라이언트"가 아니라 첫 FIN을 보낸 쪽의 몫입니다. 웹 서버가 먼저 닫으면(HTTP의
Connection: close) 서버가 가집니다. `ss -tano state time-wait`로 보면 타이머가 60초부터 줄어듭니다.""",
    ),
    Note(
        id="tcp.rst-vs-timeout",
        title_en="Refused (RST) vs timed out: closed, filtered, unreachable",
        title_ko="거부(RST)와 시간 초과: 닫힘, 필터링, 도달 불가",
        en="""\
A closed port answers at once: the host's kernel replies to the SYN with RST, one round trip
later ("connection refused"). A filtered port says nothing: a firewall drops the SYN, and the
client retries until it gives up ("connection timed out"). An ICMP "unreachable" from a router
or the host means no route or a firewall that rejects loudly.

On silence Linux resends the SYN after 1 s, and the textbook rule doubles the wait each time
(1 s, 2 s, 4 s, 8 s...: exponential backoff), six retries by default (net.ipv4.tcp_syn_retries).
Recent kernels keep the first few retries at 1 s (net.ipv4.tcp_syn_linear_timeouts, 4 where it
exists) and only then double: measure it instead of assuming. Either way one lost SYN costs a
whole second, even on a fast path.

For debugging: "refused" means the machine is up and reachable but nothing listens on that port;
"timeout" points at a firewall, a dead host, or a wrong address.""",
        ko="""\
닫힌 포트는 곧바로 답합니다. 호스트 커널이 SYN에 RST로 응답하므로 한 번의 왕복 뒤에 실패합니다
("connection refused"). 필터링된 포트는 아무 말도 하지 않습니다. 방화벽이 SYN을 버리고, 클라이언트는
포기할 때까지 다시 보냅니다("connection timed out"). 라우터나 호스트가 보낸 ICMP unreachable은 경로가
없거나 방화벽이 드러내 놓고 거부한다는 뜻입니다.

응답이 없으면 리눅스는 1초 뒤 SYN을 다시 보내고, 교과서 규칙대로라면 대기 시간을 매번 두 배로
늘립니다(1, 2, 4, 8초...: 지수 백오프). 기본 재시도 횟수는 6번(net.ipv4.tcp_syn_retries)입니다.
최근 커널은 처음 몇 번을 1초 간격으로 유지하고(net.ipv4.tcp_syn_linear_timeouts, 있다면 기본값 4) 그
뒤에야 두 배로 늘리므로, 가정하지 말고 직접 재 보세요. 어느 쪽이든 SYN 하나를 잃으면 빠른 경로에서도
1초가 듭니다.

디버깅할 때: "refused"는 기계가 살아 있고 닿기도 하지만 그 포트에서 듣는 프로그램이 없다는 뜻이고,
"timeout"은 방화벽, 꺼진 호스트, 틀린 주소를 가리킵니다.""",
    ),
    Note(
        id="tcp.retransmission",
        title_en="Retransmissions, duplicate ACKs and out-of-order segments",
        title_ko="재전송, 중복 ACK, 순서가 바뀐 세그먼트",
        en="""\
TCP numbers bytes, so a receiver notices a gap: segments beyond it are held, and every arrival
is answered with the same ACK (a duplicate ACK) that names the first missing byte. After three
duplicates the sender resends the missing segment at once (fast retransmit); with nothing coming
back it resends when its retransmission timer (RTO) runs out, and doubles the timer each time.

A segment seen twice is a retransmission. A segment that fills a gap shortly after later bytes
arrived was probably reordered on the way rather than lost; Wireshark and netlab call it
out-of-order. Where you capture matters: at the sender a lost segment appears twice, at the
receiver only once, late.""",
        ko="""\
TCP는 바이트에 번호를 매기므로 수신 측은 빈 곳을 알아챕니다. 빈 곳 뒤의 세그먼트는 붙잡아 두고,
도착할 때마다 빠진 첫 바이트를 가리키는 같은 ACK(중복 ACK)를 보냅니다. 중복 ACK가 세 번 오면 송신
측은 빠진 세그먼트를 곧바로 다시 보내고(fast retransmit), 아무것도 돌아오지 않으면 재전송
타이머(RTO)가 끝날 때 다시 보내며 타이머를 매번 두 배로 늘립니다.

두 번 보인 세그먼트는 재전송입니다. 뒤의 바이트가 도착한 직후 빈 곳을 채운 세그먼트는 잃어버렸다기보다
경로에서 순서가 바뀌었을 가능성이 커서, Wireshark와 netlab은 이를 out-of-order(순서 바뀜)라고
부릅니다. 캡처 위치가 중요합니다. 송신 측에서는 잃어버린 세그먼트가 두 번 보이고, 수신 측에서는 늦게
한 번만 보입니다.""",
    ),
]
