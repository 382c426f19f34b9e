"""Every string of the tcp-handshake probe, English and Korean (netlab/i18n.py), keyed by id.

Korean style: no space between a word and its particle ("SYN을", "ACK가", "60초"); where a
particle would follow a placeholder whose last sound is unknown (a port number, an address), the
sentence is built so that none is needed ("{port}번 포트", "{src}에서 온").  Protocol names, flags,
state names and kernel field names stay as they are.
"""

from netlab.i18n import catalogue

M = catalogue("tcp", {
    # ---------------------------------------------------------------- sides, outcomes, moments
    "side.client": ("client", "클라이언트"),
    "side.server": ("server", "서버"),
    "side.both": ("both", "양쪽"),
    "side.router": ("router", "라우터"),
    "outcome.connected": ("connected", "연결됨"),
    "outcome.refused": ("refused (RST)", "거부됨(RST)"),
    "outcome.timeout": ("no answer (timeout)", "응답 없음(시간 초과)"),
    "outcome.unreachable": ("unreachable", "도달 불가"),
    "outcome.no-such-name": ("name does not resolve", "이름 해석 실패"),
    "outcome.error": ("error", "오류"),
    "outcome.unknown": ("unknown", "알 수 없음"),
    "moment.after-connect": ("after-connect", "connect() 후"),
    "moment.after-timeout": ("after-timeout", "시간 초과 후"),
    "moment.after-shutdown": ("after-shutdown", "shutdown() 후"),
    "moment.after-peer-fin": ("after-peer-fin", "상대 FIN 후"),
    "moment.after-close": ("after-close", "close() 후"),
    "moment.after-last-ack": ("after-last-ack", "마지막 ACK 후"),

    # ---------------------------------------------------------------- recorded failures
    "own-timeout": ("no answer within {timeout} s (our --timeout)",
                    "{timeout}초 안에 응답 없음(우리의 --timeout)"),
    "error": ("{name}: {message}", "{name}: {message}"),
    # the kernel's words for the errors a connect() meets (the recorded English text is kept)
    "errno.ECONNREFUSED": ("Connection refused", "연결이 거부됨"),
    "errno.ETIMEDOUT": ("Connection timed out", "연결 시간 초과"),
    "errno.EHOSTUNREACH": ("No route to host", "호스트까지 가는 경로가 없음"),
    "errno.ENETUNREACH": ("Network is unreachable", "네트워크에 도달할 수 없음"),
    "errno.EACCES": ("Permission denied", "권한이 거부됨"),
    "errno.EPERM": ("Operation not permitted", "허용되지 않은 작업"),
    "nocap.privilege": ("packet capture needs root or CAP_NET_RAW (e.g. sudo, or setcap cap_net_raw+ep on python)",
                        "패킷 캡처에는 root 또는 CAP_NET_RAW가 필요합니다(예: sudo, 또는 python에 "
                        "setcap cap_net_raw+ep)"),
    "nocap.no-route": ("no route to {address}: nothing to capture on",
                       "{address}까지 가는 경로가 없어 캡처할 인터페이스가 없습니다"),

    # ---------------------------------------------------------------- TCP options in the SYNs
    "opt.mss": ("the {sender} accepts segments of at most {mss} payload bytes (its MTU minus IP and TCP headers)",
                "{sender}는 페이로드가 최대 {mss}바이트인 세그먼트를 받습니다(MTU에서 IP와 TCP 헤더를 뺀 값)"),
    "opt.ws": ("the {sender}'s window field is to be multiplied by {factor} once both sides agreed "
               "(16 bits alone stop at 64 KiB)",
               "양쪽이 합의하면 {sender}의 윈도 필드 값은 {factor}배가 됩니다(16비트만으로는 64 KiB가 한계)"),
    "opt.sack-perm": ("the {sender} understands selective acknowledgements",
                      "{sender}는 선택적 확인응답(SACK)을 이해합니다"),
    "opt.sack": ("the {sender} already holds these byte ranges (beyond a gap)",
                 "{sender}는 이 바이트 구간을 이미 받았습니다(빈 곳 너머)"),
    "opt.ts": ("timestamps: the echo (tsecr) lets the sender measure RTT on every ACK and protects against "
               "wrapped sequence numbers (PAWS)",
               "타임스탬프: 되돌려 받은 값(tsecr)으로 송신 측은 ACK마다 RTT를 재고, 한 바퀴 돈 순서 번호를 "
               "걸러 냅니다(PAWS)"),
    "opt.nop": ("padding to align the next option", "다음 옵션을 맞춰 놓기 위한 채움"),
    "opt.eol": ("end of the option list", "옵션 목록의 끝"),
    "opt.tfo": ("TCP Fast Open cookie", "TCP Fast Open 쿠키"),

    # ---------------------------------------------------------------- packet notes and ICMP
    "note.retransmission": ("retransmission", "재전송"),
    "note.fast-retransmission": ("retransmission (fast, after duplicate ACKs)", "재전송(중복 ACK 뒤의 빠른 재전송)"),
    "f.frames-left-out": ("{n} captured frames in the middle of the connection are not kept in the recording "
                          "(it keeps {mib} MiB of frames: the first and the last ones); --pcap writes them all",
                          "연결 중간의 캡처 프레임 {n}개는 기록에 남기지 않았습니다(프레임은 {mib}MiB까지, 처음과 끝 것만 "
                          "남김). --pcap 파일에는 모두 들어갑니다"),
    "f.reply-cut": ("the server sent more than netlab reads ({limit} MiB): it stopped reading after {total} bytes and "
                    "kept the first {kept} as evidence (a reply that does not end)",
                    "서버가 netlab이 읽는 한도({limit}MiB)보다 많이 보냈습니다. {total}바이트를 읽은 뒤 읽기를 멈추고 앞의 "
                    "{kept}바이트만 증거로 남겼습니다(끝나지 않는 응답)"),
    "note.gap-filled": ("fills a gap (its first copy never passed this capture point)",
                        "빈 곳을 채움(첫 사본은 이 캡처 지점을 지나지 않음)"),
    "f.clock-stepped": ("the system clock stepped during the capture (kernel stamps are wall-clock; they went back {ms} ms "
                        "at packet {packet}): packets are listed in capture order, and the gap before packet {packet} "
                        "is unknown (shown as 0), so later times count from it",
                        "캡처 중에 시스템 시계가 바뀌었습니다(커널 타임스탬프는 벽시계 기준이며, {packet}번 패킷에서 "
                        "{ms}ms 뒤로 갔습니다). 패킷은 캡처 순서대로 보이고, {packet}번 패킷 앞의 간격은 알 수 없어 "
                        "0으로 두었으므로 그 뒤의 시각은 그 패킷부터 잽니다"),
    "f.clock-drift": ("the system clock moved by {ms} ms against the monotonic clock during the capture: the packet "
                      "times (wall-clock stamps) may be off by that much; their order is the capture order",
                      "캡처 중에 시스템 시계가 단조 시계에 비해 {ms}ms 움직였습니다. 패킷 시각(벽시계 타임스탬프)은 그만큼 "
                      "틀릴 수 있고, 순서는 캡처 순서입니다"),
    "note.out-of-order": ("out-of-order", "순서 바뀜"),
    "note.gap": ("previous segment not captured", "앞 세그먼트가 캡처되지 않음"),
    "note.dup-ack": ("duplicate ACK #{n}", "중복 ACK #{n}"),
    "note.window-update": ("window update", "윈도 업데이트"),
    "icmp.summary": ("{kind} {what} from {src}", "{src}에서 온 {kind} {what}"),
    "icmp.code": ("code {code}", "코드 {code}"),
    "icmp.type": ("type {type}", "유형 {type}"),
    "icmp4.0": ("network unreachable", "네트워크 도달 불가"),
    "icmp4.1": ("host unreachable", "호스트 도달 불가"),
    "icmp4.2": ("protocol unreachable", "프로토콜 도달 불가"),
    "icmp4.3": ("port unreachable", "포트 도달 불가"),
    "icmp4.4": ("fragmentation needed", "단편화 필요"),
    "icmp4.9": ("network administratively prohibited", "관리상 금지된 네트워크"),
    "icmp4.10": ("host administratively prohibited", "관리상 금지된 호스트"),
    "icmp4.13": ("communication administratively prohibited", "관리상 금지된 통신"),
    "icmp4.ttl": ("time exceeded (TTL reached zero)", "시간 초과(TTL이 0이 됨)"),
    "icmp6.0": ("no route to destination", "목적지로 가는 경로 없음"),
    "icmp6.1": ("communication administratively prohibited", "관리상 금지된 통신"),
    "icmp6.3": ("address unreachable", "주소 도달 불가"),
    "icmp6.4": ("port unreachable", "포트 도달 불가"),
    "icmp6.5": ("source address failed policy", "출발지 주소가 정책에 맞지 않음"),
    "icmp6.6": ("reject route to destination", "목적지 경로가 거부함"),
    "icmp6.hops": ("time exceeded (hop limit reached zero)", "시간 초과(hop limit이 0이 됨)"),

    # ---------------------------------------------------------------- why a state changed
    "why.before-connect": ("before connect()", "connect() 전"),
    "why.listen": ("listen() on the port, before our SYN", "우리 SYN보다 먼저, 그 포트에서 listen()"),
    "why.sent": ("sent {flags}", "{flags} 보냄"),
    "why.sent-syn": ("sent SYN", "SYN 보냄"),
    "why.sent-ack-no-synack": ("sent {flags} (the SYN,ACK itself was not captured)",
                               "{flags} 보냄(SYN,ACK 자체는 캡처되지 않음)"),
    "why.sent-fin-active": ("sent {flags} (closes first: active close)", "{flags} 보냄(먼저 닫음: 능동 종료)"),
    "why.sent-fin-passive": ("sent {flags} (closes second: passive close)", "{flags} 보냄(나중에 닫음: 수동 종료)"),
    "why.received": ("received {flags}", "{flags} 받음"),
    "why.recv-synack": ("received SYN,ACK, sent ACK", "SYN,ACK 받고 ACK 보냄"),
    "why.recv-syn": ("received SYN, answers SYN,ACK", "SYN 받고 SYN,ACK로 답함"),
    "why.recv-syn-simultaneous": ("received SYN (simultaneous open)", "SYN 받음(동시 열기)"),
    "why.recv-ack-of-syn": ("received {flags} (acknowledges its SYN)", "{flags} 받음(자기 SYN이 확인됨)"),
    "why.recv-fin-acked": ("received {flags}: its FIN is acknowledged", "{flags} 받음: 자기 FIN이 확인됨"),
    "why.recv-closing-acked": ("received {flags}: waits {s} s (Linux)", "{flags} 받음: {s}초 기다림(리눅스)"),
    "why.recv-last-ack": ("received {flags}: its FIN is acknowledged, the socket is gone",
                          "{flags} 받음: 자기 FIN이 확인되어 소켓이 사라짐"),
    "why.recv-fin": ("received {flags}: the peer has no more data", "{flags} 받음: 상대는 더 보낼 데이터가 없음"),
    "why.recv-fin-time-wait": ("received {flags}, sent ACK: waits {s} s (Linux)",
                               "{flags} 받고 ACK 보냄: {s}초 기다림(리눅스)"),
    "why.recv-fin-closing": ("received {flags} before its own FIN was acknowledged (simultaneous close)",
                             "자기 FIN이 확인되기 전에 {flags} 받음(동시 종료)"),
    "why.estimated": (" (time estimated: ±RTT/2 from our capture point)", " (시각은 추정값: 캡처 지점에서 ±RTT/2)"),
    "why.connect-called": ("connect() called: the kernel sends SYN", "connect() 호출: 커널이 SYN을 보냄"),
    "why.connect-returned": ("connect() returned", "connect() 반환"),
    "why.connect-failed": ("connect() failed: {name}", "connect() 실패: {name}"),
    "why.seen-ss": ("the kernel's socket table ({moment})", "커널 소켓 테이블({moment})"),
    "why.seen-info": ("TCP_INFO ({moment})", "TCP_INFO({moment})"),

    # ---------------------------------------------------------------- findings
    "f.name-not-resolved": ("the name {host} does not resolve ({error}): no connection was attempted",
                            "이름 {host}의 주소를 찾지 못해({error}) 연결을 시도하지 않았습니다"),
    "f.no-capture": ("no packet capture: {reason}; showing the kernel's own view (TCP_INFO) instead{pcap}",
                     "패킷을 캡처하지 못했습니다: {reason}. 대신 커널이 본 모습(TCP_INFO)을 보여 줍니다{pcap}"),
    "f.no-capture.pcap": ("; --pcap was not written", ". --pcap 파일은 쓰지 않았습니다"),
    "f.capture-drops": ("the kernel dropped {n} frames before we read them: the packet list is incomplete",
                        "커널이 캡처 프레임 {n}개를 우리가 읽기 전에 버렸습니다: 패킷 목록이 불완전합니다"),
    "f.capture-incomplete": ("connect() succeeded but the capture holds no SYN,ACK: the packet list is "
                             "incomplete (frames lost before we read them?)",
                             "connect()는 성공했지만 캡처에 SYN,ACK가 없습니다: 패킷 목록이 불완전합니다"
                             "(읽기 전에 프레임을 잃었을 수 있음)"),
    "f.handshake": ("3-way handshake: SYN -> SYN,ACK took {rtt} (one round trip); the client could send data "
                    "right after its ACK, {rtt} after the SYN, and that data reaches the server about 1.5 RTT "
                    "({rtt15}) after the SYN{bad_ack}",
                    "3-way handshake: SYN -> SYN,ACK까지 {rtt}(왕복 1회). 클라이언트는 ACK 직후, 즉 SYN 후 "
                    "{rtt}부터 데이터를 보낼 수 있고, 그 데이터는 SYN 후 약 1.5 RTT({rtt15})에 서버에 "
                    "닿습니다{bad_ack}"),
    "f.handshake.bad-ack": ("; the SYN,ACK does not acknowledge ISN+1!", ". SYN,ACK가 ISN+1을 확인하지 않습니다!"),
    "f.options": ("negotiated in the SYNs: {parts}", "SYN에서 합의한 옵션: {parts}"),
    "f.options.mss": ("MSS {client}/{server} (client/server)", "MSS {client}/{server}(클라이언트/서버)"),
    "f.options.ws": ("window scale x{client}/x{server}", "윈도 스케일 x{client}/x{server}"),
    "f.options.sack": ("SACK {onoff}", "SACK {onoff}"),
    "f.options.ts": ("timestamps {onoff}", "타임스탬프 {onoff}"),
    "on": ("on", "켜짐"),
    "off": ("off", "꺼짐"),
    "f.refused": ("the server answered our SYN with RST: nothing listens on port {port}{after}",
                  "서버가 SYN에 RST로 답했습니다: {port}번 포트에서 듣는 프로그램이 없습니다{after}"),
    "f.refused.after": (" (RST after {t}: the host is up, the port is closed)",
                        " ({t} 후 RST: 호스트는 살아 있고 포트가 닫혀 있음)"),
    "f.unreachable.icmp": ("no TCP answer: {summary} after {t} (it could not deliver our SYN)",
                           "TCP 응답은 없고 {t} 후 오류가 돌아왔습니다: {summary}(SYN을 전달하지 못함)"),
    "f.unreachable.connect": ("connect() failed: {error} (no route, or an ICMP error)",
                              "connect() 실패: {error}(경로가 없거나 ICMP 오류)"),
    "f.filtered.retries": ("no answer to our SYN: the kernel sent it again at {times} (gaps {gaps}: {how}), "
                           "then we gave up{waited}: port {port} is filtered (packets dropped)",
                           "SYN에 응답이 없습니다: 커널이 {times}에 SYN을 다시 보냈고(간격 {gaps}: {how}) "
                           "결국 포기했습니다{waited}: {port}번 포트는 필터링(패킷 폐기)되고 있습니다"),
    "f.filtered.waited": (" after {s} s", "({s}초 후)"),
    "f.filtered.silent": ("no answer to our SYN{within}: port {port} is filtered or the host is down "
                          "(no RST, no ICMP)",
                          "SYN에 응답이 없습니다{within}: {port}번 포트가 필터링되거나 호스트가 꺼져 있습니다"
                          "(RST도 ICMP도 없음)"),
    "f.filtered.within": (" within {s} s", "({s}초 동안)"),
    "f.filtered.detail": ("a closed port answers at once with RST; silence means a firewall dropped the SYN "
                          "(or its answer)",
                          "닫힌 포트는 곧바로 RST로 답합니다. 아무 응답이 없다면 방화벽이 SYN(또는 그 응답)을 "
                          "버린 것입니다"),
    "backoff.first": ("the first wait is the initial RTO of {rto} s", "첫 대기는 초기 RTO {rto}초"),
    "backoff.doubling": ("each wait doubles, from an initial {rto} s: exponential backoff",
                         "처음 {rto}초부터 매번 두 배: 지수 백오프"),
    "backoff.constant": ("constant, not doubling: this kernel repeats the first SYNs every {rto} s ({knob}) "
                         "and only then backs off exponentially",
                         "두 배가 아니라 일정: 이 커널은 처음 몇 번의 SYN을 {rto}초 간격으로 다시 보내고"
                         "({knob}) 그 뒤에야 지수 백오프를 합니다"),
    "backoff.then-doubling": ("constant at first ({knob}), then doubling: exponential backoff",
                              "처음에는 일정({knob}), 그 뒤 두 배씩: 지수 백오프"),
    "backoff.irregular": ("irregular gaps", "불규칙한 간격"),
    "f.connect-failed": ("connect() failed: {error}", "connect() 실패: {error}"),
    "f.reset": ("the {who} reset the connection (RST at {t})", "{who}가 연결을 RST로 끊었습니다({t})"),
    "f.retransmission": ("{n} retransmitted segment(s) (packets {which}): a segment or its ACK was lost",
                         "재전송된 세그먼트 {n}개(패킷 {which}): 세그먼트나 그 ACK가 유실되었습니다"),
    "f.out-of-order": ("{n} segment(s) arrived out of order (packets {which}): the receiver holds later bytes "
                       "until the gap is filled",
                       "순서가 바뀌어 도착한 세그먼트 {n}개(패킷 {which}): 수신 측은 빈 곳이 채워질 때까지 "
                       "뒤의 바이트를 붙잡아 둡니다"),
    "f.half-close": ("half-close: after the {closer}'s FIN (it sends nothing more) the {other} still sent "
                     "{n} bytes, and the {closer} acknowledged them: each direction closes on its own",
                     "half-close: {closer}가 FIN을 보낸 뒤에도(더는 보내지 않는다는 뜻) {other}는 {n}바이트를 "
                     "더 보냈고 {closer}가 그것을 확인했습니다: 두 방향은 따로 닫힙니다"),
    "f.server-kept-open": ("we waited for the server to close first (--close server), but it did not close "
                           "within the timeout, so we closed: keep-alive servers wait for the client (try "
                           "--http, which asks for Connection: close)",
                           "서버가 먼저 닫기를 기다렸지만(--close server) 제한 시간 안에 닫지 않아 우리가 "
                           "닫았습니다. keep-alive 서버는 클라이언트가 닫기를 기다립니다(--http는 "
                           "Connection: close를 요청합니다)"),
    "f.time-wait.client": ("we closed first (active close): FIN_WAIT_1 -> FIN_WAIT_2 -> TIME_WAIT; Linux keeps "
                           "the TIME_WAIT entry {s} s (fixed, not 240 s){seen}",
                           "우리가 먼저 닫았습니다(능동 종료, active close): FIN_WAIT_1 -> FIN_WAIT_2 -> TIME_WAIT. "
                           "리눅스는 TIME_WAIT 항목을 {s}초 유지합니다(고정값이며 240초가 아님){seen}"),
    "f.time-wait.client.seen": ("; seen in the kernel's socket table (timer {timer})",
                                ". 커널 소켓 테이블에서 확인(타이머 {timer})"),
    "f.time-wait.server": ("the server closed first: we passed CLOSE_WAIT and LAST_ACK, and the server, not us, "
                           "holds TIME_WAIT ({s} s on Linux){seen}",
                           "서버가 먼저 닫았습니다: 우리는 CLOSE_WAIT와 LAST_ACK 상태를 거쳤고, TIME_WAIT "
                           "상태는 우리가 아니라 서버가 가집니다(리눅스에서 {s}초){seen}"),
    "f.time-wait.server.seen": ("; CLOSE-WAIT seen in the kernel's socket table",
                                ". 커널 소켓 테이블에서 CLOSE-WAIT 확인"),
    "f.time-wait.both": ("both sides closed at the same time (simultaneous close): each passes CLOSING and "
                         "both enter TIME_WAIT",
                         "양쪽이 동시에 닫았습니다(동시 종료, simultaneous close): 둘 다 CLOSING을 거쳐 TIME_WAIT에 "
                         "들어갑니다"),
    "f.time-wait.detail": ("TIME_WAIT side: {side}", "TIME_WAIT를 가진 쪽: {side}"),

    # ---------------------------------------------------------------- the report
    "title": ("TCP connection to {target}", "TCP 연결: {target}"),
    "sec.connection": ("Connection", "연결"),
    "sec.sequence": ("Sequence diagram", "시퀀스 다이어그램"),
    "sec.packets": ("Packets (captured at the client)", "패킷(클라이언트에서 캡처)"),
    "sec.options": ("TCP options in the SYNs, explained", "SYN에 실린 TCP 옵션 설명"),
    "sec.states": ("Socket states", "소켓 상태"),
    "sec.kernel": ("The kernel's view of our socket", "커널이 본 우리 소켓"),
    "sec.table": ("Kernel socket table (ss)", "커널 소켓 테이블(ss)"),
    "sec.nocap": ("No capture", "캡처 없음"),
    "sec.data": ("Data", "데이터"),
    "kv.target": ("target", "대상"),
    "kv.address": ("address", "주소"),
    "kv.local": ("our end", "우리 쪽"),
    "kv.outcome": ("outcome", "결과"),
    "kv.rtt": ("handshake RTT (SYN -> SYN,ACK)", "핸드셰이크 RTT(SYN -> SYN,ACK)"),
    "kv.may-send": ("client may send data", "클라이언트가 데이터를 보낼 수 있는 시점"),
    "kv.may-send.value": ("{rtt} after the SYN (1 RTT: it sends its ACK and data together)",
                          "SYN 후 {rtt}(1 RTT: ACK와 데이터를 함께 보냄)"),
    "kv.first-data": ("first data segment left", "첫 데이터 세그먼트 송신"),
    "kv.arrives": ("...reaches the server about", "...서버 도착(추정)"),
    "kv.connect": ("connect() call took", "connect() 호출 시간"),
    "kv.warm": ("ICMP echo RTT before (warm-up)", "사전 ICMP echo RTT(워밍업)"),
    "kv.isn": ("initial sequence numbers (client / server)", "초기 순서 번호 ISN(클라이언트 / 서버)"),
    "col.side": ("side", "쪽"),
    "col.option": ("option", "옵션"),
    "col.value": ("value", "값"),
    "col.meaning": ("meaning", "의미"),
    "col.dir": ("dir", "방향"),
    "col.seq": ("seq rel (abs)", "seq 상대(절대)"),
    "col.ack": ("ack rel (abs)", "ack 상대(절대)"),
    "col.window": ("window", "윈도"),
    "col.notes": ("notes", "비고"),
    "col.moment": ("moment", "시점"),
    "col.state": ("state", "상태"),
    "col.timer": ("timer", "타이머"),
    "gone": ("(gone)", "(사라짐)"),
    "state.label": ("{side}: {state}", "{side}: {state}"),
    "state.seen": ("  (seen by the kernel)", "  (커널에서 확인)"),
    "state.note": ("{side} {state}", "{side} {state}"),
    "time-wait.note": ("TIME_WAIT lasts {s} s on Linux (TCP_TIMEWAIT_LEN, fixed; tcp_fin_timeout does not change it).",
                       "리눅스에서 TIME_WAIT 상태는 {s}초입니다(TCP_TIMEWAIT_LEN 고정값이며 tcp_fin_timeout으로 "
                       "바뀌지 않음)."),
    "info.state": ("state", "상태"),
    "info.rto": ("rto", "rto"),
    "info.cwnd": ("cwnd (segments)", "cwnd(세그먼트)"),
    "info.mss": ("mss (send / receive)", "mss(송신 / 수신)"),
    "info.mss-note": ("mss: send {snd} is the most payload per segment we send (the peer's MSS option, less our "
                      "TCP options); receive {rcv} is the kernel's estimate of the segments the peer sends us: it "
                      "starts at 536 bytes (TCP's default segment size) and grows only as data arrives",
                      "mss: 송신 {snd}는 우리가 세그먼트 하나에 싣는 최대 데이터(상대의 MSS 옵션에서 우리 TCP 옵션을 뺀 "
                      "값)이고, 수신 {rcv}는 상대가 보낼 세그먼트 크기를 커널이 짐작한 값입니다. 536바이트(TCP의 기본 "
                      "세그먼트 크기)에서 시작해 데이터가 와야 커집니다"),
    "opt.repeated": ("and {n} retransmitted SYN(s) with the same options (only the timestamp moves on)",
                     "같은 옵션으로 다시 보낸 SYN {n}개(타임스탬프만 바뀜)"),
    "states.legend": ("✓ a state the connection passed through, • TIME_WAIT (the state to remember); "
                      "\"seen by the kernel\" marks a state read from the kernel's socket table, the others "
                      "follow from the packets",
                      "✓ 연결이 거친 상태, • TIME_WAIT(기억할 상태). \"커널이 확인\"이 붙은 상태는 커널의 소켓 표에서 "
                      "읽은 것이고, 나머지는 패킷에서 알아낸 것입니다"),
    "info.wscale": ("window scale (send / receive)", "윈도 스케일(송신 / 수신)"),
    "info.retrans": ("retransmits (total)", "재전송(누적)"),
    "info.options": ("options", "옵션"),
    "none": ("none", "없음"),
    "data.sent": ("sent", "보냄"),
    "data.received": ("received", "받음"),
    "data.reply": ("reply starts", "응답 첫 줄"),
    "bytes": ("{n} bytes", "{n}바이트"),

    # ---------------------------------------------------------------- the one-line summary
    "sum.no-such-name": ("The name {host} did not resolve.", "{host} 이름을 해석하지 못했습니다."),
    "sum.refused": ("Port {port} is closed: the server answered the SYN with RST.",
                    "{port}번 포트는 닫혀 있습니다: 서버가 SYN에 RST로 답했습니다."),
    "sum.timeout": ("No answer to the SYN ({n} retransmissions): the port is filtered.",
                    "SYN에 응답이 없습니다(재전송 {n}회): 포트가 필터링되고 있습니다."),
    "sum.unreachable": ("The target is unreachable.", "대상에 도달할 수 없습니다."),
    "sum.failed": ("Connection failed: {error}", "연결 실패: {error}"),
    "sum.handshake": ("3-way handshake {rtt} (1 RTT)", "3-way handshake {rtt}(왕복 1회)"),
    "sum.connect": ("connect() {ms}", "connect() {ms}"),
    "sum.bytes": ("{sent} bytes sent, {received} received", "{sent}바이트 송신, {received}바이트 수신"),
    "sum.closed.client": ("we closed first and entered TIME_WAIT", "우리가 먼저 닫고 TIME_WAIT에 들어감"),
    "sum.closed.server": ("the server closed first (it holds TIME_WAIT)", "서버가 먼저 닫음(TIME_WAIT는 서버 쪽)"),
    "sum.closed.both": ("simultaneous close", "동시 종료"),
    "sum.connected": ("Connected.", "연결됨."),
    "sum.end": ("{parts}.", "{parts}."),
})
