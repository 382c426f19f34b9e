"""TCP flow control and congestion control notes: what `netlab tcp-flow` shows on one bulk transfer."""

from __future__ import annotations

from netlab.concepts import Note

NOTES = [
    Note(
        id="tcp.sliding-window",
        title_en="A sliding window, not stop-and-wait",
        title_ko="정지-대기가 아니라 슬라이딩 윈도",
        en="""\
Stop-and-wait sends one packet and waits for its acknowledgement before the next: on a path with
a 20 ms round trip that is at most 50 packets a second, whatever the link's speed. TCP never
works that way. The sender keeps many segments in flight at once, as many as its window allows,
and every ACK that comes back moves the window's left edge forward so that new bytes may go.

The window is counted in bytes of the stream, not in packets: "bytes sent but not yet
acknowledged" may grow up to the smaller of two limits, the receiver's advertised window (flow
control) and the sender's congestion window (congestion control). The tcp-flow report shows the
bytes in flight over time; on a long transfer they sit at tens or hundreds of segments.

Stop-and-wait is still a useful thought experiment: it is a sliding window of size one. The
throughput of any window is at most window / RTT, which is why a window must cover the
bandwidth-delay product for a transfer to fill its link.""",
        ko="""\
정지-대기(stop-and-wait)는 패킷 하나를 보내고 그 확인응답을 기다린 뒤에야 다음 것을 보냅니다. 왕복이
20 ms인 경로라면 링크가 아무리 빨라도 1초에 50개가 한계입니다. TCP는 그렇게 동작하지 않습니다. 송신
측은 윈도가 허락하는 만큼 여러 세그먼트를 한꺼번에 전송 중으로 두고, 돌아오는 ACK마다 윈도의 왼쪽
끝이 앞으로 밀려 새 바이트를 보낼 수 있게 됩니다.

윈도는 패킷 개수가 아니라 바이트 흐름의 바이트로 셉니다. "보냈지만 아직 확인받지 못한 바이트"는 두
한계 중 작은 쪽까지 늘 수 있습니다: 수신 측이 알린 윈도(흐름 제어)와 송신 측의 혼잡 윈도(혼잡
제어)입니다. tcp-flow 보고서는 전송 중인 바이트를 시간에 따라 보여 줍니다. 긴 전송에서는 세그먼트
수십, 수백 개가 동시에 전송 중입니다.

정지-대기는 생각 실험으로는 여전히 쓸모 있습니다. 크기가 1인 슬라이딩 윈도이기 때문입니다. 어떤
윈도든 처리량은 윈도 / RTT를 넘지 못하므로, 링크를 채우려면 윈도가 대역폭-지연 곱만큼은 되어야
합니다.""",
    ),
    Note(
        id="tcp.rwnd-cwnd",
        title_en="Two windows: the receiver's (rwnd) and the network's (cwnd)",
        title_ko="두 윈도: 수신 측의 것(rwnd)과 네트워크의 것(cwnd)",
        en="""\
Flow control protects the receiver: in every segment it sends, the receiver advertises how many
more bytes its buffer can take (rwnd). Congestion control protects the network: the sender
keeps its own estimate of what the path can carry (cwnd), which the receiver never sees. The
sender may have min(rwnd, cwnd) bytes unacknowledged; whichever is smaller is the one in charge.

The receive window is not agreed once in the handshake. The SYNs only fix the window scale
factor (how to read the 16-bit field); the window itself is re-advertised in every ACK and
changes as the application reads. Linux also reports which limit held the sender and for how
long: tcpi_rwnd_limited (the receive window), tcpi_sndbuf_limited (its own send buffer), and
busy time spent limited by neither of those, which means cwnd.

In the report's chart both are drawn in segments: cwnd moving with losses, the receive window
usually far above it; when a slow reader lets its buffer fill, the receive window falls below
cwnd and takes over.""",
        ko="""\
흐름 제어는 수신 측을 지킵니다. 수신 측은 보내는 세그먼트마다 버퍼가 몇 바이트를 더 받을 수 있는지
알립니다(rwnd). 혼잡 제어는 네트워크를 지킵니다. 송신 측은 경로가 얼마나 실어 나를 수 있는지 스스로
추정한 값(cwnd)을 갖고 있고, 수신 측은 이 값을 보지 못합니다. 송신 측이 확인받지 못한 채 둘 수 있는
바이트는 min(rwnd, cwnd)이고, 둘 중 작은 쪽이 주도권을 쥡니다.

수신 윈도는 핸드셰이크에서 한 번 합의하는 것이 아닙니다. SYN은 윈도 스케일 배수(16비트 필드를 읽는
법)만 정하고, 윈도 자체는 ACK마다 새로 알리며 애플리케이션이 읽는 데 따라 바뀝니다. 리눅스는 어느
한계가 송신 측을 얼마나 붙잡았는지도 알려 줍니다: tcpi_rwnd_limited(수신 윈도), tcpi_sndbuf_limited(자기
송신 버퍼), 그리고 둘 다 아닌 바쁜 시간, 즉 cwnd입니다.

보고서 그래프는 둘 다 세그먼트 단위로 그립니다. cwnd는 손실에 따라 움직이고 수신 윈도는 보통 그보다
훨씬 위에 있습니다. 느리게 읽는 수신 측의 버퍼가 차면 수신 윈도가 cwnd 아래로 내려와 주도권을
가져갑니다.""",
    ),
    Note(
        id="tcp.flow-control",
        title_en="Zero window, window probes and the window update",
        title_ko="제로 윈도, 윈도 탐침, 윈도 업데이트",
        en="""\
When the receiving application stops reading, the kernel keeps accepting data until its buffer
is full, advertising a smaller window each time, and finally a window of 0: "send nothing more".
The sender obeys, and probes now and then until the window opens again.

It cannot simply wait, because the ACK that reopens the window could be lost. So it sends
zero-window probes (Linux: a segment with no new data, just below the window's edge) on a timer
that backs off like an RTO, and each probe makes the receiver repeat its current window.

When the application reads again, the receiver sends a window update: the same ACK number with
a window above 0, and the transfer goes on at once. Nothing was lost and nothing retransmitted:
this is flow control, the receiver holding the sender back, and it has nothing to do with the
network's congestion.

In tcp-flow, --reader-pause makes the receiver stop reading for a while and --receiver-buffer
makes its buffer small enough to fill quickly. The capture shows Wireshark's [TCP ZeroWindow],
the probes and [TCP Window Update]; TCP_INFO on the sender shows snd_wnd = 0 and tcpi_probes.""",
        ko="""\
수신 애플리케이션이 읽기를 멈추면 커널은 버퍼가 찰 때까지 데이터를 계속 받으면서 매번 더 작은 윈도를
알리고, 마침내 윈도 0, 곧 "더 보내지 말라"를 알립니다. 송신 측은 따르면서, 윈도가 다시 열릴 때까지
가끔 탐침을 보냅니다.

가만히 기다릴 수만은 없습니다. 윈도를 다시 여는 ACK가 사라질 수도 있기 때문입니다. 그래서 제로 윈도
탐침을 보냅니다(리눅스: 새 데이터 없이 윈도 끝 바로 아래를 가리키는 세그먼트). 탐침 간격은 RTO처럼 점점
늘고, 탐침마다 수신 측은 지금의 윈도를 다시 알려 줍니다.

애플리케이션이 다시 읽으면 수신 측은 윈도 업데이트를 보냅니다: 같은 ACK 번호에 0보다 큰 윈도입니다.
전송은 곧바로 이어집니다. 잃은 것도, 다시 보낸 것도 없습니다. 이것이 흐름 제어, 곧 수신 측이 송신
측을 붙잡는 일이며 네트워크 혼잡과는 상관이 없습니다.

tcp-flow에서 --reader-pause는 수신 측이 한동안 읽지 않게 하고, --receiver-buffer는 버퍼를 금방 찰
만큼 작게 만듭니다. 캡처에는 Wireshark가 붙이는 [TCP ZeroWindow], 탐침, [TCP Window Update]가 보이고,
송신 측 TCP_INFO에는 snd_wnd = 0과 tcpi_probes가 보입니다.""",
    ),
    Note(
        id="tcp.slow-start",
        title_en="Slow start, and an initial window of 10 segments",
        title_ko="슬로 스타트, 그리고 세그먼트 10개의 초기 윈도",
        en="""\
A new connection knows nothing about the path, so it starts with a small congestion window and
grows it fast: each ACK adds about one segment to cwnd, so cwnd roughly doubles every round
trip. "Slow" refers to the start, not the growth, which is exponential.

The start is not one packet. Linux (and every major system since about 2012, RFC 6928) begins
with 10 segments, about 14 kB, sent back to back before the first ACK. Slow start lasts until
cwnd reaches ssthresh, which is "infinite" on a new connection, so in practice until the first
sign of congestion: a loss, or with cubic HyStart, which leaves slow start early when the RTT
starts rising because a queue is filling. BBR has its own startup, which ends when the measured
bandwidth stops growing.

A transfer shorter than a few round trips never leaves slow start: for small web objects the
initial window and the RTT, not the link's speed, decide how long they take.""",
        ko="""\
새 연결은 경로에 대해 아무것도 모르므로 작은 혼잡 윈도로 시작해 빠르게 키웁니다. ACK 하나마다 cwnd가
세그먼트 약 하나만큼 늘기 때문에 cwnd는 왕복마다 대략 두 배가 됩니다. "느린"은 시작을 가리키는
말이지 증가를 가리키는 말이 아닙니다. 증가는 지수적입니다.

시작도 한 패킷이 아닙니다. 리눅스는(그리고 2012년 무렵부터 주요 운영체제 모두가, RFC 6928) 세그먼트
10개, 약 14 kB로 시작해 첫 ACK 전에 연달아 보냅니다. 슬로 스타트는 cwnd가 ssthresh에 닿을 때까지
계속되는데, 새 연결의 ssthresh는 "무한"이므로 실제로는 혼잡의 첫 신호까지입니다: 손실, 또는 cubic의
HyStart처럼 큐가 차서 RTT가 오르기 시작하면 일찍 끝내는 경우입니다. BBR은 자기 나름의 startup이 있고,
측정한 대역폭이 더 늘지 않으면 끝납니다.

왕복 몇 번보다 짧은 전송은 슬로 스타트를 벗어나지 못합니다. 작은 웹 객체가 걸리는 시간은 링크 속도가
아니라 초기 윈도와 RTT가 정합니다.""",
    ),
    Note(
        id="tcp.aimd",
        title_en="Congestion avoidance and AIMD: the sawtooth",
        title_ko="혼잡 회피와 AIMD: 톱니 모양",
        en="""\
After slow start a loss-based sender probes gently: Reno adds about one segment to cwnd per
round trip (additive increase) and, at each loss, cuts cwnd to half (multiplicative decrease).
Over many cycles cwnd draws a sawtooth: a slow climb until the bottleneck's queue overflows, a
drop, a cut, and the climb again. This AIMD rule is what lets many flows share a link fairly.

The routers do not tell the sender anything: the drop itself, at a full queue, is the signal.
cubic keeps the idea but changes the curve: after a cut to 0.7 of the window it grows fast,
slows down near the window where the last loss happened, then speeds up again to probe beyond
it. On short paths cubic also grows at least as fast as Reno would.

In the tcp-flow report each loss is a fast recovery (or an RTO) and each stretch between them a
congestion-avoidance phase with its growth in segments per RTT and the cut before it (x0.5 for
Reno, x0.7 for cubic).""",
        ko="""\
슬로 스타트 뒤에 손실 기반 송신 측은 조심스럽게 탐색합니다. Reno는 왕복마다 cwnd에 세그먼트 약 하나를
더하고(가산 증가), 손실마다 cwnd를 절반으로 줄입니다(승산 감소). 여러 주기에 걸쳐 cwnd는 톱니
모양을 그립니다: 병목 큐가 넘칠 때까지 천천히 오르고, 패킷 하나가 버려지고, 줄이고, 다시 오릅니다.
이 AIMD 규칙 덕분에 여러 흐름이 한 링크를 공평하게 나눠 씁니다.

라우터는 송신 측에 아무것도 알려 주지 않습니다. 가득 찬 큐에서 버려진 패킷 자체가 신호입니다.
cubic은 생각은 같지만 곡선을 바꿉니다. 윈도를 0.7배로 줄인 뒤 빠르게 키우다가, 지난번 손실이 났던
윈도 근처에서 느려지고, 그 너머를 탐색하려고 다시 빨라집니다. 짧은 경로에서는 cubic도 적어도 Reno만큼
빠르게 늘립니다.

tcp-flow 보고서에서 손실마다 빠른 회복(또는 RTO)이 하나씩 있고, 그 사이 구간은 혼잡 회피 단계로
RTT당 늘어난 세그먼트 수와 그 앞의 감소 비율(Reno x0.5, cubic x0.7)을 보여 줍니다.""",
    ),
    Note(
        id="tcp.fast-retransmit",
        title_en="Fast retransmit and fast recovery",
        title_ko="빠른 재전송과 빠른 회복",
        en="""\
When one segment is lost but later ones arrive, the receiver keeps acknowledging the last byte
it has in order: duplicate ACKs, each with a SACK block saying which later bytes it holds. The
sender need not wait for a timer: after three duplicate ACKs (the classic rule), or sooner with
SACK and Linux's RACK, it resends the missing segment at once: fast retransmit.

Fast recovery is what it does meanwhile: it sets ssthresh to the reduced window, keeps sending
new data paced by the returning ACKs (Linux uses proportional rate reduction), and when the hole
is filled it continues in congestion avoidance from the reduced window, not from one segment.
No round trip is wasted waiting, which is why a single loss costs a modest dip.

Where the capture is taken matters: at the sender, the retransmission follows the third
duplicate ACK closely; at the receiver, more duplicate ACKs go out before the repair arrives,
sent for segments that were already in flight. netlab says which side it captured.""",
        ko="""\
세그먼트 하나를 잃었는데 그 뒤의 것들이 도착하면, 수신 측은 순서대로 받은 마지막 바이트를 계속
확인응답합니다. 이것이 중복 ACK이고, 각각 뒤쪽 어느 바이트를 갖고 있는지 알리는 SACK 블록을 답니다.
송신 측은 타이머를 기다리지 않고 중복 ACK 세 개(고전적인 규칙) 뒤에, SACK와 리눅스의 RACK가 있으면 더
일찍, 빠진 세그먼트를 곧바로 다시 보냅니다: 빠른 재전송입니다.

빠른 회복은 그동안 하는 일입니다. ssthresh를 줄인 윈도로 정하고, 돌아오는 ACK에 맞춰 새 데이터를
계속 보내며(리눅스는 비례 속도 감소, PRR을 씀), 빈 곳이 채워지면 세그먼트 하나가 아니라 줄인 윈도에서
혼잡 회피를 이어 갑니다. 기다리며 버리는 왕복이 없으니 손실 하나는 작은 움푹 팸으로 끝납니다.

캡처한 위치가 중요합니다. 송신 측에서는 재전송이 세 번째 중복 ACK 바로 뒤에 나옵니다. 수신 측에서는
고친 세그먼트가 도착하기 전에 이미 전송 중이던 세그먼트 때문에 중복 ACK가 더 나갑니다. netlab은 어느
쪽에서 캡처했는지 밝힙니다.""",
    ),
    Note(
        id="tcp.rto-backoff",
        title_en="The retransmission timeout (RTO) and exponential backoff",
        title_ko="재전송 타임아웃(RTO)과 지수 백오프",
        en="""\
When no ACK at all comes back, for example because the last segments of a transfer were lost,
only a timer can help: the retransmission timeout (RTO), at least 200 ms in Linux. When it
fires, the sender resends the oldest unacknowledged segment and drops cwnd to one segment.

The RTO is computed from the smoothed RTT and its variation. When it fires the sender assumes
the worst: besides resending, it sets ssthresh to half the window and starts slow start again,
because a silence that long may mean the path changed.

If that retransmission is lost too, the timer doubles before the next try, and again after it:
exponential backoff, so that a broken path is not flooded. Before an RTO Linux usually tries a
tail loss probe: about two RTTs after the last send, it resends the last segment to provoke a
SACK and so turn a would-be timeout into a fast recovery.

An RTO costs far more than a fast retransmit: at least 200 ms of silence, then a window of one.
tcp-flow's --drop-nth can drop the tail segment and its probe so that a worksheet sees one.""",
        ko="""\
ACK가 전혀 돌아오지 않을 때, 예를 들어 전송의 마지막 세그먼트를 잃었을 때는 타이머만이 도울 수
있습니다. 재전송 타임아웃(RTO)이며 리눅스에서는 최소 200 ms입니다. 타이머가 울리면 송신 측은 가장
오래된 미확인 세그먼트를 다시 보내고 cwnd를 세그먼트 하나로 떨어뜨립니다.

RTO는 평활 RTT와 그 변동으로 계산합니다. 타이머가 울리면 송신 측은 최악을 가정합니다. 다시 보내는 것과
함께 ssthresh를 윈도의 절반으로 정하고 슬로 스타트를 다시 시작합니다. 그렇게 긴 침묵은 경로가 바뀌었다는
뜻일 수도 있기 때문입니다.

그 재전송마저 잃으면 다음 시도 전에 타이머가 두 배가 되고, 그다음에도 또 두 배가 됩니다. 이것이 지수
백오프이며, 끊어진 경로를 패킷으로 뒤덮지 않으려는 것입니다. 리눅스는 RTO 전에 보통 꼬리 손실 탐침을
시도합니다. 마지막으로 보낸 지 약 두 RTT 뒤에 마지막 세그먼트를 다시 보내 SACK를 끌어내고, 타임아웃이
될 뻔한 일을 빠른 회복으로 바꿉니다.

RTO는 빠른 재전송보다 훨씬 비쌉니다: 최소 200 ms의 침묵 뒤에 윈도가 하나입니다. tcp-flow의
--drop-nth로 마지막 세그먼트와 그 탐침을 버리면 워크시트에서 RTO를 볼 수 있습니다.""",
    ),
    Note(
        id="tcp.cc-algorithms",
        title_en="Reno, cubic and BBR",
        title_ko="Reno, cubic, BBR 비교",
        en="""\
Congestion control is a choice of the sender's kernel, per socket (Linux: the TCP_CONGESTION
socket option, or the system default, here bbr). Reno is the textbook AIMD. cubic, the default
of most Linux systems for years, is loss-based too, with a gentler cut (x0.7) and a cubic growth
curve that scales to fast, long paths. Both treat every loss as congestion.

BBR is model-based: it measures the bottleneck's bandwidth and the path's minimum RTT, and paces
its sending at that rate with about one bandwidth-delay product in flight. Its startup doubles
like slow start, a drain phase empties the queue it built, and then it cycles its pacing gain
(1.25 to probe for more bandwidth, 0.75 to drain, then 1) and every 10 s dips to four segments
to re-measure the RTT. It does not halve its window for a random loss, which is why under loss
it keeps a throughput that a loss-based algorithm cannot.

A fair comparison names the algorithm on both sides: the receiver's does not matter for a bulk
transfer (it only sends ACKs), the sender's decides everything.""",
        ko="""\
혼잡 제어는 송신 측 커널이 소켓마다 고르는 것입니다(리눅스: TCP_CONGESTION 소켓 옵션, 아니면 시스템
기본값, 여기서는 bbr). Reno는 교과서의 AIMD입니다. 여러 해 동안 대부분 리눅스의 기본값이었던 cubic도
손실 기반이지만, 줄이는 폭이 덜하고(x0.7) 빠르고 긴 경로에 맞게 늘어나는 3차 곡선을 씁니다. 둘 다
모든 손실을 혼잡으로 여깁니다.

BBR은 모델 기반입니다. 병목의 대역폭과 경로의 최소 RTT를 재고, 전송 중인 양을 대역폭-지연 곱 정도로
두면서 그 속도에 맞춰 보냅니다. startup은 슬로 스타트처럼 두 배씩 늘고, drain 단계는 자기가 만든 큐를
비우고, 그 뒤에는 페이싱 이득을 순환시키며(대역폭을 더 찾으려고 1.25, 비우려고 0.75, 그다음 1) 10초마다
RTT를 다시 재려고 세그먼트 네 개로 내려갑니다. 무작위 손실에 윈도를 반으로 줄이지 않으므로, 손실이
있어도 손실 기반 알고리즘이 낼 수 없는 처리량을 유지합니다.

공정한 비교는 양쪽 알고리즘을 밝힙니다. 대량 전송에서 수신 측 알고리즘은 상관없고(ACK만 보냄),
송신 측 알고리즘이 모든 것을 정합니다.""",
    ),
    Note(
        id="net.bufferbloat",
        title_en="Queues at the bottleneck, and bufferbloat",
        title_ko="병목의 큐, 그리고 버퍼블로트",
        en="""\
A router whose outgoing link is slower than its incoming traffic puts the excess in a queue and,
when the queue is full, drops what arrives (drop-tail). A loss-based sender grows its window
until that happens, so before every loss the queue is full and every packet waits its length
divided by the link's rate: the RTT grows with the queue.

A queue of about one bandwidth-delay product is enough to keep the link busy through the
sender's cuts. Much bigger queues only add delay: with a few hundred packets in front of it, an
interactive packet can wait hundreds of milliseconds behind a bulk download. That is
bufferbloat; the cures are smaller or smarter queues (CoDel, fq_codel) and senders that do not
fill them (BBR, or ECN marks instead of drops).

tcp-flow reports the lowest RTT, the highest smoothed RTT, and the difference: the queueing delay
the transfer caused. Compare --queue 10 with --queue 200.""",
        ko="""\
나가는 링크가 들어오는 트래픽보다 느린 라우터는 넘치는 것을 큐에 넣고, 큐가 가득 차면 새로 오는 것을
버립니다(drop-tail). 손실 기반 송신 측은 그 일이 일어날 때까지 윈도를 키우므로, 손실 직전에는 큐가
가득 차 있고 모든 패킷이 큐 길이를 링크 속도로 나눈 만큼 기다립니다. RTT가 큐와 함께 늘어납니다.

송신 측이 윈도를 줄이는 동안에도 링크를 바쁘게 두려면 대역폭-지연 곱 정도의 큐면 충분합니다. 훨씬 큰
큐는 지연만 더합니다. 패킷 수백 개가 앞에 있으면 대화형 패킷 하나가 대량 내려받기 뒤에서 수백
밀리초를 기다릴 수 있습니다. 이것이 버퍼블로트이고, 처방은 더 작거나 더 영리한 큐(CoDel, fq_codel)와 큐를
채우지 않는 송신 측(BBR, 또는 버리는 대신 ECN 표시)입니다.

tcp-flow는 가장 낮은 RTT, 가장 높은 평활 RTT, 그리고 그 차이, 곧 전송이 만든 큐 지연을 보고합니다.
--queue 10과 --queue 200을 비교해 보세요.""",
    ),
    Note(
        id="tcp.ecn",
        title_en="ECN: the only congestion signal IP carries",
        title_ko="ECN: IP가 나르는 유일한 혼잡 신호",
        en="""\
The IP header has no field for congestion control: no window, no rate, nothing a router uses to
slow a sender down. Congestion control lives in TCP (and QUIC) at the two ends. The one
exception is two bits of the old type-of-service byte: ECN, Explicit Congestion Notification.

A sender that negotiated ECN marks its packets ECT, and a router whose queue is building may
change ECT to CE ("congestion experienced") instead of dropping the packet.

The receiver echoes the mark back in TCP (the ECE flag), and the sender reduces its window as if
a packet had been lost, without the loss and its retransmission. Both ends must agree in the
handshake, and the routers on the path must mark rather than drop; Linux accepts ECN when asked
(net.ipv4.tcp_ecn = 2) but does not ask by default.

So "the IP header carries congestion control" is not right: IP carries at most a mark from a
router, and only when the two ends' TCP asked for it.""",
        ko="""\
IP 헤더에는 혼잡 제어를 위한 필드가 없습니다. 윈도도, 속도도, 라우터가 송신 측을 늦추려고 쓰는 것도
없습니다. 혼잡 제어는 양 끝의 TCP(와 QUIC)에 있습니다. 유일한 예외는 옛 서비스 유형 바이트의 두 비트,
명시적 혼잡 통지(ECN)입니다.

ECN을 협상한 송신 측은 패킷에 ECT를 표시하고, 큐가 차오르는 라우터는 패킷을 버리는 대신 ECT를
CE("혼잡 겪음")로 바꿀 수 있습니다.

수신 측은 그 표시를 TCP로 되돌려 주고(ECE 플래그), 송신 측은 패킷을 잃은 것처럼 윈도를 줄입니다.
손실도 재전송도 없이 말입니다. 양 끝이 핸드셰이크에서 합의해야 하고, 경로의 라우터가 버리지 않고
표시해야 합니다. 리눅스는 요청받으면 ECN을 받아들이지만(net.ipv4.tcp_ecn = 2) 기본으로는 요청하지
않습니다.

그러니 "IP 헤더가 혼잡 제어를 나른다"는 말은 맞지 않습니다. IP는 기껏해야 라우터가 단 표시를 나르며,
그것도 양 끝 TCP가 요청했을 때뿐입니다.""",
    ),
]
