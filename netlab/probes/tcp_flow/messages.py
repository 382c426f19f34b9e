"""Every string of the tcp-flow probe, English and Korean (netlab/i18n.py), keyed by id.

Korean style: particles stick to their word ("cwnd가", "ACK를", "10개"); after a placeholder whose
last sound is unknown the sentence needs no particle ("{n}개", "{ms} 동안").  Kernel names (cwnd,
ssthresh, ca_state, TCP_INFO), algorithm names and flags stay as they are.
"""

from netlab.i18n import catalogue

M = catalogue("tcpflow", {
    # ---------------------------------------------------------------- title, sections, labels
    "title": ("tcp-flow {target}: {direction}", "tcp-flow {target}: {direction}"),
    "dir.download": ("download (the server sends)", "내려받기(서버가 보냄)"),
    "dir.upload": ("upload (we send)", "올리기(우리가 보냄)"),
    "sec.transfer": ("The transfer", "전송"),
    "sec.link": ("The bottleneck", "병목 링크"),
    "sec.phases": ("What the sender did, phase by phase", "송신 측이 한 일, 단계별로"),
    "sec.chart": ("Congestion window, receive window and bytes in flight", "혼잡 윈도, 수신 윈도, 전송 중인 바이트"),
    "sec.seq": ("Time-sequence graph (tcptrace style)", "시간-순서 번호 그래프(tcptrace 방식)"),
    "sec.limits": ("What held the sender back (Linux's own accounting)", "송신 측을 붙잡은 것(리눅스 자신의 집계)"),
    "sec.compare": ("Algorithms side by side", "알고리즘 나란히 비교"),
    "sec.capture": ("What the capture shows", "캡처에 보이는 것"),
    "sec.runs": ("Every transfer", "모든 전송"),
    "kv.target": ("target", "대상"),
    "kv.address": ("address", "주소"),
    "kv.direction": ("direction", "방향"),
    "kv.sender-cc": ("sender's congestion control", "송신 측 혼잡 제어"),
    "kv.receiver-cc": ("receiver", "수신 측"),
    "kv.receiver-cc.value": ("{cc} (its algorithm does not matter here: it only sends ACKs)",
                             "{cc}(여기서는 상관없음: ACK만 보냄)"),
    "kv.cc-asked": ("{used} (asked: {asked})", "{used}(요청: {asked})"),
    "kv.cc-default": ("{used} (the sender's default; not asked)", "{used}(송신 측 기본값, 지정하지 않음)"),
    "kv.bytes": ("bytes delivered", "전달된 바이트"),
    "kv.duration": ("first byte to last ACK", "첫 바이트부터 마지막 ACK까지"),
    "kv.goodput": ("goodput", "실제 처리량(goodput)"),
    "kv.goodput.value": ("{mbit} Mbit/s", "{mbit} Mbit/s"),
    "kv.rtt": ("RTT: lowest / highest (srtt)", "RTT: 최저 / 최고(srtt)"),
    "kv.iw": ("initial window", "초기 윈도"),
    "kv.iw.value": ("{iw} segments ({bytes} bytes)", "세그먼트 {iw}개({bytes}바이트)"),
    "kv.mss": ("MSS (handshake)", "MSS(핸드셰이크)"),
    "kv.wscale": ("window scale: sender / receiver", "윈도 스케일: 송신 / 수신"),
    "kv.retrans": ("retransmissions", "재전송"),
    "kv.retrans.value": ("{n} segments ({bytes} bytes), {rto} RTO", "세그먼트 {n}개({bytes}바이트), RTO {rto}번"),
    "kv.samples": ("TCP_INFO samples", "TCP_INFO 표본"),
    "kv.samples.value": ("{n}, every {ms} ms ({per} per RTT) on the {side}", "{side}에서 {n}개, {ms} ms마다(RTT당 {per}개)"),
    "kv.clock": ("clock", "시계"),
    "kv.clock.same": ("both ends on one clock (the same kernel's CLOCK_MONOTONIC)",
                      "양 끝이 한 시계(같은 커널의 CLOCK_MONOTONIC)"),
    "kv.clock.estimated": ("the server's clock estimated from the control exchange (to within half an RTT)",
                           "서버 시계는 제어 연결 교환으로 추정(RTT 절반 이내 오차)"),
    "kv.cpu": ("our CPU time", "우리 CPU 시간"),
    "kv.server": ("server", "서버"),
    "kv.server.value": ("{role}, Linux {kernel}, default congestion control {cc}",
                        "{role}, Linux {kernel}, 기본 혼잡 제어 {cc}"),
    "kv.receiver-buffer": ("receiver's buffer (SO_RCVBUF)", "수신 측 버퍼(SO_RCVBUF)"),
    "kv.pause": ("reader paused", "읽기 멈춤"),
    "kv.pause.value": ("{start} to {end}", "{start}부터 {end}까지"),
    "kv.files": ("files", "파일"),
    "kv.link": ("link", "링크"),
    "kv.link.value": ("{host}'s link, {direction} (the data's direction)", "{host}의 링크, {direction}(데이터 방향)"),
    "kv.rate": ("rate", "속도"),
    "kv.rate.none": ("no limit", "제한 없음"),
    "kv.queue": ("queue (drop-tail)", "큐(drop-tail)"),
    "kv.queue.packets": ("{n} frames ({ms} of queueing when full)", "프레임 {n}개(가득 차면 큐 지연 {ms})"),
    "kv.queue.bytes": ("{n} bytes ({ms} of queueing when full)", "{n}바이트(가득 차면 큐 지연 {ms})"),
    "kv.queue.none": ("no limit", "제한 없음"),
    "kv.delay": ("one-way delay: data / ACKs", "단방향 지연: 데이터 / ACK"),
    "kv.loss": ("random loss (data direction)", "무작위 손실(데이터 방향)"),
    "kv.drops": ("chosen drops", "지정한 손실"),
    "kv.drops.value": ("data segment {list} (numbered on the wire, retransmissions included)",
                       "데이터 세그먼트 {list}번(선로에서 센 번호, 재전송 포함)"),
    "kv.bdp": ("bandwidth-delay product", "대역폭-지연 곱(BDP)"),
    "kv.bdp.value": ("{kb} kB = {pkts} full frames at {rtt} RTT", "{kb} kB = RTT {rtt}에서 프레임 {pkts}개"),
    "kv.link-drops": ("dropped by the link", "링크가 버린 패킷"),
    "kv.link-drops.value": ("{tail} by the full queue, {lost} at random, {nth} chosen",
                            "큐가 가득 차서 {tail}개, 무작위로 {lost}개, 지정해서 {nth}개"),
    "kv.link-none": ("not in the sandbox: the path is the real network's, unknown to netlab",
                     "샌드박스 밖: 경로는 실제 네트워크의 것이라 netlab이 알 수 없음"),
    "col.phase": ("phase", "단계"),
    "col.from": ("from", "시작"),
    "col.to": ("to", "끝"),
    "col.what": ("what the kernel showed", "커널이 보여 준 것"),
    "col.cc": ("algorithm", "알고리즘"),
    "col.runs": ("runs", "횟수"),
    "col.goodput": ("goodput (Mbit/s)", "처리량(Mbit/s)"),
    "col.retrans": ("retransmissions", "재전송"),
    "col.qdelay": ("queueing delay", "큐 지연"),
    "col.first-loss": ("first loss", "첫 손실"),
    "col.rto": ("RTOs", "RTO"),
    "col.run": ("#", "#"),
    "col.outcome": ("outcome", "결과"),
    "col.limit": ("limit", "제한"),
    "col.time": ("time", "시간"),
    "col.share": ("share", "비율"),
    "limit.cwnd": ("congestion window (cwnd)", "혼잡 윈도(cwnd)"),
    "limit.rwnd": ("receive window (the peer's buffer)", "수신 윈도(상대 버퍼)"),
    "limit.sndbuf": ("send buffer (the socket's)", "송신 버퍼(소켓의)"),
    "limit.app": ("nothing to send (the application)", "보낼 것이 없음(애플리케이션)"),
    "chart.time": ("time since the first byte", "첫 바이트 후 시간"),
    "chart.segments": ("segments", "세그먼트"),
    "chart.seq": ("bytes sent (relative sequence number)", "보낸 바이트(상대 순서 번호)"),
    "series.cwnd": ("cwnd", "cwnd"),
    "series.ssthresh": ("ssthresh", "ssthresh"),
    "series.inflight": ("in flight", "전송 중"),
    "series.rwnd": ("receive window (peer's, in segments)", "수신 윈도(상대, 세그먼트)"),
    "series.data": ("data segments", "데이터 세그먼트"),
    "series.acks": ("ACKs", "ACK"),
    "series.edge": ("window edge (ACK + window)", "윈도 끝(ACK + 윈도)"),
    "series.retrans": ("retransmissions", "재전송"),
    "role.sink": ("sink", "싱크"),
    "role.source": ("source", "소스"),
    "side.client": ("client", "클라이언트"),
    "side.server": ("server", "서버"),
    "outcome.ok": ("complete", "완료"),
    "outcome.reset": ("reset", "리셋됨"),
    "outcome.timeout": ("timed out", "시간 초과"),
    "outcome.deadline": ("cut by --deadline", "--deadline으로 잘림"),
    "outcome.no-server": ("no transfer", "전송 없음"),
    "outcome.no-data-connection": ("no data connection", "데이터 연결 없음"),
    "outcome.missing": ("the server's report is missing", "서버 보고가 없음"),
    "outcome.error": ("error", "오류"),

    # ---------------------------------------------------------------- phase rows
    "phase.slow-start": ("slow start", "슬로 스타트"),
    "phase.recovery": ("fast recovery", "빠른 회복"),
    "phase.rto-recovery": ("timeout recovery (RTO)", "타임아웃 회복(RTO)"),
    "phase.congestion-avoidance": ("congestion avoidance", "혼잡 회피"),
    "phase.disorder": ("disorder (SACKs, no loss yet)", "disorder(SACK, 아직 손실 아님)"),
    "phase.cwr": ("CWR (window reduced)", "CWR(윈도 줄임)"),
    "phase.zero-window": ("zero window", "제로 윈도"),
    "phase.reader-pause": ("receiver not reading", "수신 측이 읽지 않음"),
    "phase.bbr-startup": ("BBR startup", "BBR startup"),
    "phase.bbr-drain": ("BBR drain", "BBR drain"),
    "phase.bbr-probe-bw": ("BBR probe bandwidth", "BBR 대역폭 탐색"),
    "phase.bbr-probe-rtt": ("BBR probe RTT", "BBR RTT 탐색"),
    "pd.slow-start": ("cwnd {iw} -> {end} in {rtts} RTT (x{growth} per RTT); ended: {exit}",
                      "cwnd {iw} -> {end}, {rtts} RTT 동안(RTT마다 x{growth}); 끝난 이유: {exit}"),
    "exit.loss": ("a loss", "손실"),
    "exit.hystart": ("HyStart (RTT rising), before any loss", "HyStart(RTT 상승), 손실 전"),
    "exit.bbr": ("BBR found the bottleneck's bandwidth", "BBR이 병목 대역폭을 찾음"),
    "exit.rwnd": ("the receive window held it", "수신 윈도가 막음"),
    "exit.end": ("the transfer ended first", "전송이 먼저 끝남"),
    "pd.recovery": ("cwnd {before} -> ssthresh {after} ({states}); {retrans} retransmitted",
                    "cwnd {before} -> ssthresh {after}({states}); 재전송 {retrans}개"),
    "pd.rto": ("RTO: cwnd {before} -> {min}; {rtos} timeout(s), backoff up to x{backoff}; {retrans} retransmitted",
               "RTO: cwnd {before} -> {min}; 타임아웃 {rtos}번, 백오프 최대 x{backoff}; 재전송 {retrans}개"),
    "pd.ca": ("cwnd {start} -> {end}: {per} segments per RTT (RTT {rtt})",
              "cwnd {start} -> {end}: RTT마다 세그먼트 {per}개(RTT {rtt})"),
    "pd.ca-beta": ("cwnd {start} -> {end}: {per} segments per RTT (RTT {rtt}); cut to x{beta} before",
                   "cwnd {start} -> {end}: RTT마다 세그먼트 {per}개(RTT {rtt}); 그 전에 {beta}배로 줄임"),
    "pd.ca-rwnd": ("cwnd stayed at {end}: the receive window was the limit for {share} of this time, and Linux "
                   "grows cwnd only while cwnd is what limits",
                   "cwnd는 {end}에 머물렀습니다: 이 시간의 {share} 동안 수신 윈도가 한계였고, 리눅스는 cwnd가 한계일 "
                   "때만 cwnd를 키웁니다"),
    "pd.zero-window": ("the peer's window was 0; {probes} unanswered probe(s), backoff x{backoff}",
                       "상대 윈도가 0; 답 없는 탐침 {probes}개, 백오프 x{backoff}"),
    "pd.bbr": ("pacing gain {gain}", "페이싱 이득 {gain}"),
    "pd.bbr-cycles": ("pacing gain cycling; {cycles} probing cycle(s) (gain 1.25)",
                      "페이싱 이득 순환; 탐색 주기 {cycles}번(이득 1.25)"),
    "pd.pause": ("the application stopped reading (--reader-pause)", "애플리케이션이 읽기를 멈춤(--reader-pause)"),
    "pd.disorder": ("SACKs arrived; no retransmission was needed", "SACK가 왔지만 재전송은 필요 없었음"),

    # ---------------------------------------------------------------- timeline / events
    "ev.first-loss": ("first loss", "첫 손실"),
    "ev.fast-retransmit": ("fast retransmit of byte {seq}", "바이트 {seq} 빠른 재전송"),
    "ev.rto": ("RTO: retransmission of byte {seq} after a timeout", "RTO: 타임아웃 뒤 바이트 {seq} 재전송"),
    "ev.spurious-retransmit": ("spurious retransmission of byte {seq}", "불필요한 재전송: 바이트 {seq}"),
    "ev.tail-probe": ("tail loss probe (byte {seq})", "꼬리 손실 탐침(바이트 {seq})"),
    "ev.zero-window": ("receiver advertised a zero window", "수신 측이 제로 윈도를 알림"),
    "ev.window-probe": ("{count} zero-window probe(s)", "제로 윈도 탐침 {count}개"),
    "ev.window-update": ("window update: {window} bytes open again", "윈도 업데이트: 다시 {window}바이트 열림"),
    "ev.drop": ("the link dropped data segment #{nth} (byte {seq}) as asked", "요청대로 링크가 버린 데이터 세그먼트 #{nth}(바이트 {seq})"),
    "ev.dupacks": ("after {n} duplicate ACK(s)", "중복 ACK {n}개 뒤"),

    # ---------------------------------------------------------------- findings
    "f.no-address": ("{host} does not resolve: {error}", "{host}의 주소를 찾을 수 없습니다: {error}"),
    "f.refused": ("nothing listens on {address} port {port}: the SYN was answered with RST",
                  "{address}의 {port}번 포트에서 듣는 프로그램이 없습니다: SYN에 RST가 돌아왔습니다"),
    "f.unreachable": ("{address} is unreachable: {error}", "{address}에 도달할 수 없습니다: {error}"),
    "f.timeout": ("no answer from {address} port {port} within the timeout", "{address}의 {port}번 포트에서 제한 시간 안에 응답이 없습니다"),
    "f.not-bulk": ("{address} port {port} answered, but not as a netlab sink or source: {error}",
                   "{address}의 {port}번 포트가 답했지만 netlab 싱크나 소스가 아닙니다: {error}"),
    "f.server-refused": ("the server refused the transfer: {error}", "서버가 전송을 거절했습니다: {error}"),
    "f.server-refused.hint": ("the sink takes uploads (--upload, port 9), the source serves downloads (port 19)",
                              "싱크는 올리기를 받고(--upload, 9번 포트) 소스는 내려받기를 줍니다(19번 포트)"),
    "f.reset": ("the connection was reset in the middle of the transfer, after {bytes} bytes ({end}: {error})",
                "전송 도중 {bytes}바이트 뒤에 연결이 리셋되었습니다({end}: {error})"),
    "f.failed": ("transfer {run}: {outcome} ({error})", "전송 {run}: {outcome}({error})"),
    "f.deadline": ("the run's --deadline cut the collection: {what} not done", "실행의 --deadline 때문에 수집이 잘렸습니다: {what} 못 함"),
    "f.summary": ("{bytes} bytes in {ms}: {mbit} Mbit/s; the sender ran {cc}", "{ms} 동안 {bytes}바이트: {mbit} Mbit/s; 송신 측 알고리즘 {cc}"),
    "f.cc-mismatch": ("asked for {asked}, but the sender ran {used}", "요청한 알고리즘: {asked}, 송신 측이 실제로 쓴 알고리즘: {used}"),
    "f.iw": ("the sender started with {iw} segments ({bytes} bytes) in flight before the first ACK: not one packet "
             "at a time (Linux's initial window is 10 segments, RFC 6928)",
             "송신 측은 첫 ACK 전에 세그먼트 {iw}개({bytes}바이트)를 한꺼번에 보냈습니다: 처음부터 한 번에 한 패킷씩이 "
             "아닙니다(리눅스의 초기 윈도는 세그먼트 10개, RFC 6928)"),
    "f.slow-start": ("slow start: cwnd {rtts_list} after 0, 1, 2, ... round trips (about x{growth} per RTT); it ended at "
                     "{t} with cwnd {end}: {exit}",
                     "슬로 스타트: 왕복 0, 1, 2, ...번 뒤 cwnd {rtts_list}(RTT마다 약 x{growth}); {t}에 cwnd {end}에서 "
                     "끝났습니다: {exit}"),
    "f.short": ("the whole transfer fit inside slow start: cwnd was still growing ({iw} -> {end}) when it ended, with "
                "no loss and no ssthresh yet; send more (--bytes 5M) to see the rest",
                "전송 전체가 슬로 스타트 안에서 끝났습니다: 끝날 때 cwnd는 아직 자라는 중이었고({iw} -> {end}) 손실도 "
                "ssthresh도 없었습니다. 나머지를 보려면 더 보내 보세요(--bytes 5M)"),
    "f.hystart": ("cubic left slow start at cwnd {cwnd} before any loss: HyStart saw the RTT rise as the bottleneck's "
                  "queue began to fill, and set ssthresh = {ss}",
                  "cubic은 손실 전에 cwnd {cwnd}에서 슬로 스타트를 끝냈습니다: 병목 큐가 차기 시작해 RTT가 오르는 것을 "
                  "HyStart가 보고 ssthresh를 정했습니다(ssthresh = {ss})"),
    "f.fast-retransmit": ("a segment was lost (byte {seq}); the sender resent it without waiting for a timeout, "
                          "{dupacks} (fast retransmit), then cut cwnd from {before} to {after} (x{beta}) and recovered "
                          "in {ms} (fast recovery)",
                          "세그먼트 하나(바이트 {seq})를 잃었고, 송신 측은 타임아웃을 기다리지 않고 {dupacks} 다시 "
                          "보냈습니다(빠른 재전송). 이어서 cwnd를 {before}에서 {after}개로 줄이고(x{beta}) {ms} 만에 "
                          "회복했습니다(빠른 회복)"),
    "f.fr.dupacks": ("after {n} duplicate ACKs", "중복 ACK {n}개를 받은 뒤에"),
    "f.fr.sack": ("after only {n} duplicate ACK(s) (with SACK, Linux's RACK does not wait for three)",
                  "중복 ACK {n}개만 받고(SACK가 있으면 리눅스의 RACK는 세 개를 기다리지 않음)"),
    "f.fr.unknown": ("after duplicate ACKs", "중복 ACK를 받은 뒤에"),
    "f.fr.receiver": ("(we captured at the receiver: {n} duplicate ACKs had left before the retransmission arrived, "
                      "most of them sent for segments already in flight)",
                      "(수신 측에서 캡처: 재전송이 도착하기 전에 중복 ACK {n}개가 나갔고, 대부분 이미 전송 중이던 "
                      "세그먼트 때문)"),
    "f.fr-more": ("{n} more fast retransmit(s) followed, at {times}", "빠른 재전송이 {n}번 더 있었습니다: {times}"),
    "f.rto": ("no ACK came for {silence} and the sender's retransmission timer (RTO {rto}) fired: it resent byte "
              "{seq}, dropped cwnd to {min} and started slow start again; {backoff}",
              "{silence} 동안 ACK가 오지 않아 송신 측 재전송 타이머(RTO {rto})가 울렸습니다: 바이트 {seq}를 다시 "
              "보내고 cwnd를 세그먼트 {min}개로 떨어뜨린 뒤 슬로 스타트를 다시 시작했습니다. {backoff}"),
    "f.rto.backoff": ("the timer fired {n} times, doubling each time (exponential backoff: {times})",
                      "타이머가 {n}번 울렸고 매번 두 배가 되었습니다(지수 백오프: {times})"),
    "f.rto.once": ("one timeout was enough", "타임아웃 한 번으로 충분했습니다"),
    "f.tail-probe": ("{n} tail loss probe(s): with no ACK for about two RTTs at the end, Linux resent the last segment "
                     "before its RTO would fire",
                     "꼬리 손실 탐침 {n}번: 끝에서 약 두 RTT 동안 ACK가 없자, 리눅스는 RTO가 울리기 전에 마지막 "
                     "세그먼트를 다시 보냈습니다"),
    "f.spurious": ("{n} retransmission(s) were not needed: the receiver already had those bytes (it said so with a "
                   "duplicate SACK, DSACK)",
                   "재전송 {n}개는 필요 없었습니다: 수신 측은 그 바이트를 이미 갖고 있었습니다(중복 SACK, 즉 DSACK로 "
                   "알림)"),
    "f.sawtooth": ("congestion avoidance: {n} cycle(s) of the sawtooth: cwnd grew by about {per} segment(s) per RTT and "
                   "was cut to about x{beta} at each loss (additive increase, multiplicative decrease)",
                   "혼잡 회피: 톱니 {n}번: cwnd는 RTT마다 세그먼트 약 {per}개씩 늘고 손실마다 약 {beta}배로 줄었습니다"
                   "(가산 증가, 승산 감소)"),
    "f.ca-rwnd": ("after slow start cwnd stayed near {cwnd}: the receiver's window, not cwnd, held the sender back "
                  "(Linux grows cwnd only while it is what limits the sender)",
                  "슬로 스타트 뒤 cwnd는 {cwnd} 근처에 머물렀습니다: cwnd가 아니라 수신 측 윈도가 송신 측을 "
                  "붙잡았습니다(리눅스는 cwnd가 한계일 때만 cwnd를 키웁니다)"),
    "f.ca": ("congestion avoidance: cwnd grew by about {per} segment(s) per RTT after slow start",
             "혼잡 회피: 슬로 스타트 뒤 cwnd는 RTT마다 세그먼트 약 {per}개씩 늘었습니다"),
    "f.bbr": ("BBR: {phases}; it paces at the bandwidth it measured instead of filling the queue until a loss",
              "BBR: {phases}; 손실이 날 때까지 큐를 채우지 않고, 측정한 대역폭에 맞춰 보내는 속도를 조절합니다"),
    "f.bbr-loss": ("{retrans} segment(s) were lost, yet BBR kept cwnd near {cwnd}: it does not halve its window for "
                   "each loss the way Reno and cubic do",
                   "세그먼트 {retrans}개를 잃었지만 BBR은 cwnd를 {cwnd} 근처로 유지했습니다: Reno와 cubic처럼 손실마다 "
                   "윈도를 반으로 줄이지 않습니다"),
    "f.bufferbloat": ("the RTT grew from {base} to {max} while packets waited in the bottleneck's queue: {q} of "
                      "queueing delay (a full queue of {queue} frames adds {qms} at this rate)",
                      "패킷이 병목 큐에서 기다리는 동안 RTT가 {base}에서 {max}로 늘었습니다: 큐 지연 {q}(이 속도에서 "
                      "프레임 {queue}개짜리 큐가 가득 차면 {qms}가 더해짐)"),
    "f.tail-drops": ("the bottleneck's queue overflowed: it dropped {n} packet(s) (drop-tail); those losses are the "
                     "congestion signal the sender reacted to",
                     "병목 큐가 넘쳐 패킷 {n}개를 버렸습니다(drop-tail); 송신 측이 반응한 혼잡 신호가 바로 이 손실입니다"),
    "f.random-loss": ("the link lost {n} packet(s) at random (--loss): losses the sender cannot tell from congestion",
                      "링크가 패킷 {n}개를 무작위로 잃었습니다(--loss): 송신 측은 이것을 혼잡과 구별하지 못합니다"),
    "f.drop": ("the link dropped data segment #{nth} (byte {seq}) as asked; {fix}",
               "요청대로 링크가 버린 데이터 세그먼트: #{nth}(바이트 {seq}). {fix}"),
    "f.drop.fast": ("the sender repaired it by fast retransmit at {t}", "송신 측은 {t}에 빠른 재전송으로 고쳤습니다"),
    "f.drop.timer": ("the sender repaired it after a timeout at {t}", "송신 측은 {t}에 타임아웃 뒤 고쳤습니다"),
    "f.drop.none": ("no retransmission of it was captured", "그 재전송은 캡처되지 않았습니다"),
    "f.drop.probe": ("the sender repaired it with a tail loss probe at {t}", "송신 측은 {t}에 꼬리 손실 탐침으로 고쳤습니다"),
    "f.drop-copy": ("the link dropped data segment #{nth}, a second copy of byte {seq} (a retransmission of #{of}); {fix}",
                    "링크가 버린 데이터 세그먼트: #{nth}, 바이트 {seq}의 두 번째 사본(#{of}의 재전송). {fix}"),
    "f.drop.unfired": ("the link never dropped segment #{nth}: the transfer had fewer data segments",
                       "세그먼트 #{nth}번은 버려지지 않았습니다: 데이터 세그먼트가 그보다 적었습니다"),
    "f.zero-window": ("the receiver's buffer filled and it advertised a zero window at {t}: the sender stopped, sent {n} "
                      "zero-window probe(s), and went on when the window update came at {u} (flow control: the "
                      "receiver, not the network, held it)",
                      "수신 측 버퍼가 차서 {t}에 제로 윈도를 알렸습니다. 송신 측은 멈추고 제로 윈도 탐침 {n}개를 보낸 뒤, "
                      "{u}에 윈도 업데이트가 오자 이어서 보냈습니다(흐름 제어: 네트워크가 아니라 수신 측이 붙잡음)"),
    "f.zero-window.open": ("the receiver's window was still 0 when the transfer ended",
                           "전송이 끝날 때까지 수신 측 윈도가 0이었습니다"),
    "f.window-shrank": ("the receiver stopped reading for {ms}, but its window never reached 0 (it shrank to {min} "
                        "bytes): the buffer was big enough; try --receiver-buffer 64K",
                        "수신 측이 {ms} 동안 읽지 않았지만 윈도는 0이 되지 않았습니다({min}바이트까지 줄어듦): 버퍼가 "
                        "충분히 컸습니다. --receiver-buffer 64K로 해 보세요"),
    "f.limits": ("Linux says the sender was limited by {top} for {share} of the transfer ({detail})",
                 "리눅스는 송신 측이 전송 시간의 {share} 동안 {top} 때문에 제한되었다고 말합니다({detail})"),
    "f.sliding": ("up to {n} segments ({kb} kB) were in flight at once, none of them acknowledged yet: TCP slides a "
                  "window over the byte stream; stop-and-wait would allow one",
                  "최대 세그먼트 {n}개({kb} kB)가 아직 확인응답을 받지 못한 채 동시에 전송 중이었습니다: TCP는 바이트 "
                  "흐름 위로 윈도를 밀어 나갑니다. 정지-대기(stop-and-wait)라면 하나뿐입니다"),
    "f.window-every-ack": ("the receiver advertised its window in every ACK: it took {n} different values during the "
                           "transfer (from {lo} to {hi} bytes), so nothing about it was fixed by the handshake",
                           "수신 측은 ACK마다 윈도를 알렸습니다: 전송 동안 서로 다른 값 {n}개({lo}에서 {hi}바이트까지)를 "
                           "가졌으니, 핸드셰이크에서 정해진 것이 아닙니다"),
    "f.no-ip-cc": ("the sender's TCP did the congestion control (its cwnd, from losses it saw); the routers only queued "
                   "and dropped. The IP header has no congestion field but the ECN bits, and ECN was {ecn} here",
                   "혼잡 제어는 송신 측 TCP가 했습니다(잃은 패킷을 보고 정한 cwnd). 라우터는 큐에 넣고 버렸을 뿐입니다. "
                   "IP 헤더에는 혼잡 필드가 없고 ECN 비트뿐인데, 여기서 ECN은 {ecn}"),
    "ecn.off": ("not negotiated (no packet carried ECT or CE)", "협상되지 않았습니다(ECT나 CE를 단 패킷 없음)"),
    "ecn.on": ("on: {ce} packet(s) came marked CE", "켜져 있었습니다: CE 표시된 패킷 {ce}개"),
    "f.compare": ("side by side: {list}", "나란히: {list}"),
    "f.compare.item": ("{cc} {mbit} Mbit/s with {retrans} retransmission(s)", "{cc} {mbit} Mbit/s, 재전송 {retrans}개"),
    "f.compare-loss": ("with random loss, {best} kept {bmbit} Mbit/s while {worst} got {wmbit}: a loss-based algorithm "
                       "backs off for each random loss, a model-based one (BBR) does not",
                       "무작위 손실에서 {best}: {bmbit} Mbit/s, {worst}: {wmbit} Mbit/s. 손실 기반 알고리즘은 무작위 "
                       "손실마다 물러서지만 모델 기반(BBR)은 그러지 않습니다"),
    "f.no-capture": ("no packet capture ({why}): phases come from TCP_INFO alone; duplicate ACKs, probes and the "
                     "segment numbers are not shown",
                     "패킷 캡처 없음({why}): 단계는 TCP_INFO만으로 판단했고, 중복 ACK, 탐침, 세그먼트 번호는 보이지 않습니다"),
    "f.capture-drops": ("the capture lost {n} frame(s) in the kernel: counts from it are a lower bound",
                        "캡처가 커널에서 프레임 {n}개를 놓쳤습니다: 캡처로 센 값은 최솟값입니다"),
    "f.clock-step": ("the wall clock moved {ms} ms during the capture: packet times near it are off by that much",
                     "캡처 중 벽시계가 {ms} ms 움직였습니다: 그 근처 패킷 시간은 그만큼 어긋납니다"),
    "f.clock-estimated": ("the server runs on another machine: its samples are placed on our clock by an estimate "
                          "(to within half an RTT)",
                          "서버가 다른 기계에서 돕니다: 서버 표본은 추정으로 우리 시계에 맞췄습니다(RTT 절반 이내)"),
    "f.coarse": ("only {per} TCP_INFO sample(s) per RTT: short phases may fall between samples (--sample-ms)",
                 "RTT당 TCP_INFO 표본이 {per}개뿐입니다: 짧은 단계는 표본 사이로 빠질 수 있습니다(--sample-ms)"),
    "f.gaps": ("TCP_INFO samples were up to {gap} apart (asked: every {ms} ms; the machine was busy): an event "
               "shorter than that may fall between two samples",
               "TCP_INFO 표본 사이가 최대 {gap} 벌어졌습니다(요청: {ms} ms마다; 기계가 바빴음): 그보다 짧은 일은 두 표본 "
               "사이로 빠질 수 있습니다"),
    "f.decimated": ("the {side}'s samples were thinned {n} time(s) to stay under the cap (every other row dropped)",
                    "{side} 표본은 한도를 넘지 않도록 {n}번 솎아 냈습니다(한 줄 걸러 하나씩 버림)"),
    "f.link-error": ("the sandbox link could not be set for this run: {error}", "이 실행에서는 샌드박스 링크를 설정하지 못했습니다: {error}"),
})
