"""Every string of `netlab http-compare`, in English and Korean (netlab/i18n.py).

Three kinds of key:

- ``mode.*``, ``arith.*``, ``via.*``: names the Result keeps in English (a column label, the
  round-trip arithmetic, where h3 was advertised); build shows them in the report's language.
- ``recorded.*``: sentences collect writes into the Recording in English (what went wrong, the
  link it configured).  A Recording is evidence and stays as it was written; :func:`recorded`
  finds the template a sentence was made from and gives it back in both languages, so a Korean
  report of any recording, old ones included, says it in Korean.  A sentence that matches no
  template (an exception's own text, a server's reason phrase) is shown as it is.  This only
  translates what is shown: no decision is taken from these sentences (the event's
  ``error_kind`` says what happened).
- the rest: finding messages (``f.*``) and the report's labels.

Placeholders are named and identical in both languages (a test checks with i18n.problems()).
"""

from __future__ import annotations

import re
import string

from netlab.i18n import Both, T, catalogue

M = catalogue("http", {
    # ---- names kept in the Result (English) and shown in the report's language
    "mode.h1": ("HTTP/1.1", "HTTP/1.1"),
    "mode.h1-k": ("HTTP/1.1 ×{conns}", "HTTP/1.1 ×{conns}"),
    "mode.h2": ("HTTP/2", "HTTP/2"),
    "mode.h3": ("HTTP/3", "HTTP/3"),
    "mode.h3-0rtt": ("HTTP/3 resumed", "HTTP/3 재개"),
    "arith.tcp-tls13": ("TCP 1 + TLS 1 + HTTP 1 = 3", "TCP 1 + TLS 1 + HTTP 1 = 3"),
    "arith.tcp-tls12": ("TCP 1 + TLS 2 + HTTP 1 = 4", "TCP 1 + TLS 2 + HTTP 1 = 4"),
    "arith.quic": ("QUIC+TLS 1 + HTTP 1 = 2", "QUIC+TLS 1 + HTTP 1 = 2"),
    "arith.0rtt": ("0-RTT: HTTP 1 = 1", "0-RTT: HTTP 1 = 1"),
    "arith.no-0rtt": ("no 0-RTT: QUIC+TLS 1 + HTTP 1 = 2", "0-RTT 없음: QUIC+TLS 1 + HTTP 1 = 2"),
    "via.alt-svc": ("Alt-Svc header", "Alt-Svc 헤더"),
    "via.https": ("HTTPS DNS record", "DNS의 HTTPS 레코드"),

    # ---- sentences collect (and analyze, for the scenario's link) writes in English
    "recorded.certificate": ("certificate verification failed: {reason}", "인증서 검증 실패: {reason}"),
    "recorded.tls": ("TLS failed: {reason}", "TLS 실패: {reason}"),
    "recorded.refused": ("connection refused (TCP RST to the SYN)", "연결 거부 (SYN에 TCP RST로 응답)"),
    "recorded.reset-tls": ("connection reset by the server (TCP RST) during the TLS handshake",
                           "TLS 핸드셰이크 중에 서버가 연결을 끊음 (TCP RST)"),
    "recorded.reset": ("connection reset by the server (TCP RST) during the exchange",
                       "요청과 응답을 주고받는 중에 서버가 연결을 끊음 (TCP RST)"),
    "recorded.timeout": ("timed out ({what})", "시간 초과 ({what})"),
    "recorded.quic-timeout": ("no QUIC handshake with {address} port {port}/udp within {seconds} s",
                              "{seconds}초 안에 {address}의 {port}/udp 포트와 QUIC 핸드셰이크를 마치지 못함"),
    "recorded.h3-timeout": ("the HTTP/3 exchange timed out", "HTTP/3 요청과 응답이 시간 안에 끝나지 않음"),
    "recorded.quic-closed": ("QUIC connection closed: error {code} {reason}", "QUIC 연결이 닫힘: 오류 {code} {reason}"),
    "recorded.quic-closed-bare": ("QUIC connection closed: error {code}", "QUIC 연결이 닫힘: 오류 {code}"),
    "recorded.quic-failed": ("QUIC connection failed: {reason}", "QUIC 연결 실패: {reason}"),
    "recorded.no-response": ("no complete response", "응답이 끝까지 오지 않음"),
    "recorded.no-request": ("no request sent", "요청을 보내지 못함"),
    "recorded.no-socket": ("could not open a QUIC socket", "QUIC 소켓을 열지 못함"),
    "recorded.no-ticket": ("no session ticket from the HTTP/3 run to resume with",
                           "재개에 쓸 세션 티켓을 HTTP/3 실행에서 받지 못함"),
    "recorded.rcode": ("{rcode} from the resolver {resolver}", "리졸버 {resolver}의 응답: {rcode}"),
    "recorded.no-answer": ("no answer from the resolver {resolver}: {reason}",
                           "리졸버 {resolver}에게서 응답이 없음: {reason}"),
    "recorded.no-address": ("{host} has no address (A/AAAA) record", "{host}에는 주소(A/AAAA) 레코드가 없음"),
    "recorded.cannot-resolve": ("cannot resolve {host}: {reason}", "{host}의 이름을 해석하지 못함: {reason}"),
    "recorded.link-runtime": ("client link: +{delay} ms each way, {loss} % loss each way",
                              "클라이언트 링크: 방향마다 지연 +{delay} ms, 손실 {loss} %"),
    "recorded.link-scenario": ("sandbox scenario: {rtt} ms of configured delay per round trip",
                               "샌드박스 시나리오: 왕복마다 설정된 지연 {rtt} ms"),
    "recorded.link-scenario-loss": (
        "sandbox scenario: {rtt} ms of configured delay per round trip, loss {to} % towards the server "
        "and {back} % back",
        "샌드박스 시나리오: 왕복마다 설정된 지연 {rtt} ms, 손실은 서버로 가는 쪽 {to} %, 돌아오는 쪽 {back} %"),

    # ---- findings
    "f.redirect-followed": ("followed {status} from {src} to {dst} (--follow)",
                            "{status} 리다이렉트를 따라감: {src} → {dst} (--follow)"),
    "f.dns-failed": ("name resolution failed: {error}", "이름 해석 실패: {error}"),
    "f.certificate": ("{proto}: {error}; see the chain with: netlab tls-inspect {host}",
                      "{proto}: {error}; 인증서 체인 확인: netlab tls-inspect {host}"),
    "f.tls-failed": ("{proto}: {error}; details: netlab tls-inspect {host}",
                     "{proto}: {error}; 자세히 보기: netlab tls-inspect {host}"),
    "f.udp-blocked": (
        "the site advertises HTTP/3 ({via}) but no QUIC answer came back: UDP is blocked or filtered on the "
        "path (browsers then fall back to HTTP/2)",
        "사이트가 HTTP/3를 광고하지만({via}) QUIC 응답이 돌아오지 않음: 경로에서 UDP가 막혔거나 걸러짐 "
        "(브라우저는 이럴 때 HTTP/2로 되돌아감)"),
    "f.no-h3": ("{why}, and no QUIC answer on {port}/udp", "{why}, {port}/udp에도 QUIC 응답이 없음"),
    "no-h3.none": ("no HTTP/3: no Alt-Svc h3 and no HTTPS record with h3",
                   "HTTP/3 없음: Alt-Svc에 h3가 없고 h3를 담은 HTTPS 레코드도 없음"),
    "no-h3.unknown": ("no HTTP/3 (Alt-Svc unknown: HTTP/1.1 and HTTP/2 failed too)",
                      "HTTP/3 없음 (HTTP/1.1과 HTTP/2도 실패해서 Alt-Svc는 알 수 없음)"),
    "no-h3.unchecked": ("no HTTP/3 (Alt-Svc not checked: add h1 or h2 to --protocols)",
                        "HTTP/3 없음 (Alt-Svc는 확인하지 않음: --protocols에 h1이나 h2를 더할 것)"),
    "f.proto-error": ("{proto}: {error}", "{proto}: {error}"),
    "f.reset": ("{proto}: {error}{hint}", "{proto}: {error}{hint}"),
    "reset-hint": ("; see the handshake with: netlab tls-inspect {host}",
                   "; 핸드셰이크 확인: netlab tls-inspect {host}"),
    "f.redirect": (
        "the server answered {status} (Location: {location}): the figures are for the redirect itself; "
        "add --follow to measure the page it points to",
        "서버가 {status}로 응답함 (Location: {location}): 측정값은 리다이렉트 응답 자체의 것이고, "
        "가리키는 페이지를 재려면 --follow를 붙일 것"),
    "f.no-h2": ("no HTTP/2: offered h2 and http/1.1 in ALPN, {chose}",
                "HTTP/2 없음: ALPN으로 h2와 http/1.1을 제시했지만 {chose}"),
    "no-h2.chose": ("the server chose {alpn}", "서버가 고른 것은 {alpn}"),
    "no-h2.no-alpn": ("the server answered without ALPN, in {version}", "서버가 ALPN 없이 {version}로 응답함"),
    "f.h3-discovered": ("HTTP/3 found through: {via}{alt}", "HTTP/3를 찾은 경로: {via}{alt}"),
    "f.h3-unadvertised": (
        "HTTP/3 answered, but nothing advertised it (no Alt-Svc, no HTTPS record): a browser would not try it",
        "HTTP/3가 응답했지만 아무 데도 광고되지 않음 (Alt-Svc도 HTTPS 레코드도 없음): 브라우저라면 시도하지 않음"),
    "f.rtt-too-small": (
        "the RTT is {rtt} ms: processing time dominates, so round trips cannot be counted; run it in the "
        "sandbox, whose links have delay (netlab --sandbox http-compare ...)",
        "RTT가 {rtt} ms라 처리 시간이 더 커서 왕복 횟수를 셀 수 없음; 링크에 지연이 있는 샌드박스에서 "
        "실행할 것 (netlab --sandbox http-compare ...)"),
    "f.round-trips": ("round trips to the first byte, RTT {rtt} ms: {parts}{note}",
                      "첫 바이트까지의 왕복 횟수 (RTT {rtt} ms): {parts}{note}"),
    "rt.part": ("{label} {n} (expected {expected})", "{label} {n} (예상 {expected})"),
    "rt.short-note": (" (at so short an RTT, a few ms of processing, TLS crypto included, show in the counts)",
                      " (RTT가 이만큼 짧으면 TLS 암호 연산을 포함한 몇 ms의 처리 시간도 횟수에 드러남)"),
    "f.extra-round-trip": (
        "{label}: {wire} RTT on the wire to the first byte, expected {expected} ({extra} ms more): server "
        "think time, a busy machine, loss, or (QUIC) a certificate chain over the 3x anti-amplification limit",
        "{label}: 첫 바이트까지 네트워크 위에서 {wire} RTT (예상 {expected}, {extra} ms 더 걸림): 서버의 처리 "
        "시간, 바쁜 기계, 손실, 또는 (QUIC) 3배 증폭 방지 한도를 넘는 인증서 체인"),
    "f.zero-rtt": (
        "the resumed HTTP/3 connection sent its request as 0-RTT data, and the server accepted it: the "
        "handshake round trip is hidden, the request's own round trip is not",
        "재개된 HTTP/3 연결이 요청을 0-RTT 데이터로 보냈고 서버가 받아들임: 핸드셰이크의 왕복은 가려지지만 "
        "요청 자체의 왕복은 남음"),
    "f.zero-rtt-unused": (
        "the HTTP/3 session was resumed without 0-RTT (the ticket allowed no early data, or the server "
        "refused it): 2 RTT, as a new connection",
        "HTTP/3 세션은 재개됐지만 0-RTT는 쓰이지 않음 (티켓이 early data를 허용하지 않았거나 서버가 "
        "거절함): 새 연결처럼 2 RTT"),
    "f.not-resumed": ("the HTTP/3 session was not resumed: the server did not accept the ticket",
                      "HTTP/3 세션이 재개되지 않음: 서버가 티켓을 받아들이지 않음"),
    "f.client-cpu": (
        "client CPU time per run: {parts} — httpx rides on the kernel's TCP, aioquic runs QUIC in Python: a "
        "difference here is the implementation's, not the protocol's",
        "실행당 클라이언트 CPU 시간: {parts} — httpx는 커널의 TCP 위에서 돌고, aioquic은 QUIC을 파이썬으로 "
        "처리함: 여기서 보이는 차이는 구현의 비용이지 프로토콜의 성질이 아님"),
    "cpu.part": ("{label} {ms} ms", "{label} {ms} ms"),
    "f.multiplexing": ("{n} requests, whole page: {parts}", "요청 {n}개, 페이지 전체: {parts}"),
    "mux.part": ("{label} {ms} ms on {c} connection(s)", "{label} {ms} ms, 연결 {c}개"),
    "f.hol-blocking": ("{lead}, {n} run(s): object completion p90 HTTP/2 {a} ms (TCP: {tcp}), HTTP/3 {b} ms "
                       "(QUIC: {quic}); {verdict}",
                       "{lead}, 실행 {n}회: 객체 완료 시간 p90은 HTTP/2 {a} ms (TCP: {tcp}), HTTP/3 {b} ms "
                       "(QUIC: {quic}); {verdict}"),
    "hol.lossy": ("with {loss} % loss on the link", "링크 손실 {loss} %에서"),
    "hol.clean": ("on this link, without loss", "손실 없는 이 링크에서"),
    "hol.v-clean": (
        "without loss the two should be close: head-of-line blocking needs a loss to show (--loss, or --hol)",
        "손실이 없으면 둘은 비슷해야 함: HOL 블로킹은 손실이 있어야 드러남 (--loss 또는 --hol)"),
    "hol.v-close": ("within {pct} % of each other: no clear difference at this number of runs",
                    "서로 {pct} % 안: 이 실행 횟수로는 뚜렷한 차이가 없음"),
    "hol.v-mixed": (
        "{slower} is slower, but the two servers' congestion controls are of different kinds (TCP: {fa}; QUIC: "
        "{fb}), which alone can explain it: under random loss BBR keeps its pace, a loss-based sender cuts its "
        "window at every loss. This measures congestion control, not HTTP/2 against HTTP/3: run again with "
        "--server-cc {suggest}",
        "{slower} 쪽이 느리지만, 두 서버의 혼잡 제어가 종류부터 다름 (TCP: {fa}; QUIC: {fb}). 이것만으로도 "
        "설명됨: 무작위 손실에서 BBR은 속도를 유지하고, 손실 기반 송신자는 손실마다 윈도를 줄임. 이 결과는 "
        "HTTP/2 대 HTTP/3가 아니라 혼잡 제어를 잰 것: --server-cc {suggest}로 다시 실행할 것"),
    "hol.v-mixed-despite": (
        "{faster} is ahead even though the other server's congestion control has the advantage under random "
        "loss (TCP: {fa}; QUIC: {fb}; BBR keeps its pace, a loss-based sender cuts its window at every loss); "
        "for like with like: --server-cc {suggest}",
        "무작위 손실에서는 상대 서버의 혼잡 제어가 유리한데도 {faster} 쪽이 앞섬 (TCP: {fa}; QUIC: {fb}; BBR은 "
        "속도를 유지하고 손실 기반 송신자는 손실마다 윈도를 줄임); 같은 종류끼리 비교: --server-cc {suggest}"),
    "hol.v-h3-faster": (
        "with the same kind of congestion control on both sides, HTTP/3 is ahead: over QUIC a lost packet holds "
        "up only its own stream, over TCP every HTTP/2 stream behind it (--hol shows it stream by stream)",
        "양쪽 혼잡 제어가 같은 종류일 때 HTTP/3가 앞섬: QUIC에서는 잃은 패킷이 자기 스트림만 붙잡고, TCP에서는 "
        "그 뒤의 HTTP/2 스트림을 모두 붙잡음 (--hol이 스트림별로 보여 줌)"),
    "hol.v-h3-slower": (
        "with the same kind of congestion control on both sides, HTTP/3 is still slower: its client is the "
        "likely cause (aioquic runs QUIC in Python: {cpu3} ms of CPU per run against httpx's {cpu2} ms), and "
        "the implementations recover from loss differently; head-of-line blocking would favour HTTP/3",
        "양쪽 혼잡 제어가 같은 종류인데도 HTTP/3가 느림: 클라이언트가 원인일 가능성이 큼 (aioquic은 QUIC을 "
        "파이썬으로 처리함: 실행당 CPU {cpu3} ms, httpx는 {cpu2} ms). 손실에서 회복하는 방식도 구현마다 다름; "
        "HOL 블로킹만 보면 HTTP/3가 유리해야 함"),
    "hol.v-unknown": (
        "{slower} is slower, but the TCP server's congestion control is unknown: the difference may be the "
        "congestion controllers' rather than the protocols'",
        "{slower} 쪽이 느리지만 TCP 서버의 혼잡 제어를 알 수 없음: 차이는 프로토콜이 아니라 혼잡 제어의 "
        "것일 수 있음"),
    "f.few-repeats": (
        "with loss, {n} run(s) are too few: single runs swing with where the losses fall; use --repeat 5 or "
        "more and compare medians and p90",
        "손실이 있을 때 실행 {n}회는 너무 적음: 손실이 어디에 떨어지느냐에 따라 한 번의 실행은 크게 흔들림; "
        "--repeat 5 이상으로 중앙값과 p90을 비교할 것"),

    # ---- congestion control (cc.py)
    "f.cc": ("the server's congestion control sets the pace of every download: over TCP (HTTP/1.1, HTTP/2) "
             "{tcp}; over QUIC (HTTP/3) {quic}",
             "다운로드 속도는 서버의 혼잡 제어가 정함: TCP(HTTP/1.1, HTTP/2)는 {tcp}; QUIC(HTTP/3)은 {quic}"),
    "f.cc-mixed-loss": (
        "with loss on the link, the two servers' congestion controls differ (TCP: {a}, {fa}; QUIC: {b}, {fb}): "
        "under random loss BBR keeps its pace while a loss-based sender cuts its window at every loss, so a "
        "difference is the congestion controllers' before it is HTTP/2's or HTTP/3's; like with like: "
        "--server-cc {suggest}",
        "링크에 손실이 있는데 양쪽 서버의 혼잡 제어가 다름 (TCP: {a}, {fa}; QUIC: {b}, {fb}): 무작위 손실에서 "
        "BBR은 속도를 유지하고 손실 기반 송신자는 손실마다 윈도를 줄이므로, 차이는 HTTP/2나 HTTP/3보다 먼저 "
        "혼잡 제어의 차이임; 같은 종류끼리 비교: --server-cc {suggest}"),
    "f.cc-mixed-hol": (
        "the two servers' congestion controls are of different kinds ({a}, {fa}, on TCP; {b}, {fb}, on QUIC): "
        "after the one drop they slow down differently, so compare the per-stream waits, not the page times; "
        "like with like: --server-cc {suggest}",
        "두 서버의 혼잡 제어가 종류부터 다름 (TCP는 {a}, {fa}; QUIC은 {b}, {fb}): 한 번 버린 뒤 속도를 줄이는 "
        "방식이 다르므로 페이지 시간이 아니라 스트림별 대기 시간을 비교할 것; 같은 종류끼리 비교: "
        "--server-cc {suggest}"),
    "f.cc-unknown-loss": (
        "with loss on the link, the TCP server's congestion control is unknown here: the comparison may be "
        "between congestion controllers rather than between HTTP/2 and HTTP/3",
        "링크에 손실이 있는데 TCP 서버의 혼잡 제어를 여기서는 알 수 없음: 이 비교는 HTTP/2와 HTTP/3가 아니라 "
        "혼잡 제어끼리의 비교일 수 있음"),
    "cc.short": ("{algo}, {family}", "{algo}, {family}"),
    "cc.unknown": ("unknown", "알 수 없음"),
    "cc.family.loss": ("loss-based", "손실 기반"),
    "cc.family.model": ("model-based", "모델 기반"),
    "cc.family.delay": ("delay-based", "지연 기반"),
    "cc.family.none": ("kind unknown", "종류 모름"),
    "cc.how.namespace": ("the web host's default, read from its network namespace ({host}: {key})",
                         "웹 호스트의 기본값, 그 네트워크 네임스페이스에서 읽음 ({host}: {key})"),
    "cc.how.set": ("set for this run with --server-cc in {host}'s namespace (it was {previous}; put back after)",
                   "이번 실행에만 --server-cc로 {host}의 네임스페이스에 설정 (원래 {previous}; 끝난 뒤 되돌림)"),
    "cc.how.scenario": ("{host}'s setting when the sandbox started (not readable at run time)",
                        "샌드박스를 시작할 때의 {host} 설정 (실행 중에는 읽지 못함)"),
    "cc.how.live": ("a client cannot see the server kernel's setting", "클라이언트는 서버 커널의 설정을 볼 수 없음"),
    "cc.how.unknown": ("not recorded", "기록되지 않음"),
    "cc.how.server-header": ("named from the implementation ({impl}, answered with Server: {server}); {source}",
                             "구현에서 알아냄 ({impl}, 응답의 Server: {server}); {source}"),
    "cc.how.sandbox-service": ("named from the implementation ({impl}, the sandbox's web server); {source}",
                               "구현에서 알아냄 ({impl}, 샌드박스의 웹 서버); {source}"),
    "cc.how.kernel": ("the kernel's, on the client's own socket (TCP_CONGESTION)",
                      "클라이언트 자신의 소켓에 걸린 커널 설정 (TCP_CONGESTION)"),
    "cc.how.aioquic": ("aioquic's configuration", "aioquic 설정"),
    "cc.value": ("{algo} ({family}) — {how}", "{algo} ({family}) — {how}"),
    "cc.title": ("Congestion control: who sets the pace of each download", "혼잡 제어: 다운로드 속도를 정하는 쪽"),
    "cc.tcp_server": ("server, TCP (HTTP/1.1, HTTP/2)", "서버, TCP (HTTP/1.1, HTTP/2)"),
    "cc.quic_server": ("server, QUIC (HTTP/3)", "서버, QUIC (HTTP/3)"),
    "cc.tcp_client": ("client, TCP (paces only its requests)", "클라이언트, TCP (요청에만 적용)"),
    "cc.quic_client": ("client, QUIC (paces only its requests)", "클라이언트, QUIC (요청에만 적용)"),
    "cc.note": (
        "Loss-based senders (Reno, NewReno, CUBIC) read a lost packet as congestion and cut their window; "
        "model-based BBR paces at the rate it measures and does not slow down for random loss. Under loss, "
        "compare HTTP/2 with HTTP/3 only with the same kind on both servers.",
        "손실 기반 송신자(Reno, NewReno, CUBIC)는 잃은 패킷을 혼잡으로 읽고 윈도를 줄이고, 모델 기반인 BBR은 "
        "스스로 잰 속도로 보내며 무작위 손실에는 속도를 줄이지 않음. 손실이 있을 때는 두 서버가 같은 종류일 "
        "때만 HTTP/2와 HTTP/3를 비교할 것."),

    # ---- --hol: one packet dropped on purpose (hol.py)
    "f.hol-tcp": (
        "{label}: {waited} of the {incomplete} stream(s) with bytes still to come waited for the retransmission "
        "({wait}){done}: TCP hands the application nothing after a gap, whichever stream the bytes belong "
        "to{ooo}{runs}",
        "{label}: 아직 받을 바이트가 남은 스트림 {incomplete}개 가운데 {waited}개가 재전송을 기다림 "
        "({wait}){done}: TCP는 빈 곳 뒤의 데이터를, 어느 스트림의 것이든 애플리케이션에 넘기지 않음{ooo}{runs}"),
    "f.hol-quic": (
        "{label}: {waited} of the {incomplete} stream(s) with bytes still to come waited for the retransmission "
        "({wait}){hit}{others}{done}: QUIC keeps order per stream, so the packets after the loss went to their "
        "own streams at once{between}{runs}",
        "{label}: 아직 받을 바이트가 남은 스트림 {incomplete}개 가운데 {waited}개가 재전송을 기다림 "
        "({wait}){hit}{others}{done}: QUIC은 스트림마다 순서를 지키므로 손실 뒤의 패킷은 곧바로 자기 스트림으로 "
        "감{between}{runs}"),
    "hol.wait": ("{ms} ms, {rtt} RTT", "{ms} ms, {rtt} RTT"),
    "hol.wait-ms": ("{ms} ms", "{ms} ms"),
    "hol.done": ("; {n} had finished before the loss", "; {n}개는 손실 전에 끝남"),
    "hol.others": ("; the other {n} kept receiving (their next bytes after {ms} ms, their usual spacing)",
                   "; 나머지 {n}개는 계속 받음 (다음 바이트까지 {ms} ms, 평소 간격)"),
    "hol.hit": (" — the lost packet held bytes {start}–{end} of that stream (QUIC stream {sid})",
                " — 잃은 패킷에는 그 스트림(QUIC 스트림 {sid})의 {start}–{end} 바이트가 있었음"),
    "hol.ooo": ("; meanwhile {n} segments arrived and waited in the client's kernel (TCP_INFO rcv_ooopack)",
                "; 그동안 세그먼트 {n}개가 도착해 클라이언트 커널에서 기다림 (TCP_INFO rcv_ooopack)"),
    "hol.between": (" (aioquic's log: {n} packets came between the gap and its repair)",
                    " (aioquic 로그: 빈 곳과 그 복구 사이에 패킷 {n}개가 도착함)"),
    "hol.runs": (" (run {run}; the same in {same} of {n} runs)", " (실행 {run}; {n}회 중 {same}회가 같음)"),
    "f.hol-not-fired": (
        "{label}, run {run}: the drop rule did not fire (the answers carried fewer than {after} bytes): nothing "
        "was lost; lower --hol-after",
        "{label}, 실행 {run}: 버림 규칙이 작동하지 않음 (응답이 {after}바이트보다 적었음): 잃은 것이 없음; "
        "--hol-after를 낮출 것"),
    "f.hol-arm-failed": ("{label}, run {run}: the drop rule could not be set: {error}",
                         "{label}, 실행 {run}: 버림 규칙을 설정하지 못함: {error}"),
    "f.hol-no-wait": (
        "{label}, run {run}: a packet was dropped ({bytes} bytes) but no stream waited for it: it probably "
        "carried no stream data (an acknowledgement or a control frame); try another --hol-after",
        "{label}, 실행 {run}: 패킷 하나({bytes}바이트)를 버렸지만 기다린 스트림이 없음: 스트림 데이터가 없는 "
        "패킷(확인 응답이나 제어 프레임)이었을 것; 다른 --hol-after로 해 볼 것"),
    "f.hol-extra-loss": (
        "{label}, run {run}: the link lost {n} more packet(s) while the streams ran (random loss or a full "
        "queue): the waits mix several losses",
        "{label}, 실행 {run}: 스트림이 도는 동안 링크가 패킷 {n}개를 더 잃음 (무작위 손실이나 가득 찬 큐): "
        "대기 시간에 여러 손실이 섞여 있음"),
    "f.client-dropped": (
        "{label}: the client's own kernel dropped {n} UDP datagram(s) in {runs} run(s), its receive buffer full "
        "(the client fell behind): losses the network never made, repaired like the others",
        "{label}: 클라이언트 자신의 커널이 실행 {runs}회에서 UDP 데이터그램 {n}개를 버림, 수신 버퍼가 가득 참 "
        "(클라이언트가 뒤처짐): 네트워크가 만든 손실이 아니지만 다른 손실처럼 복구됨"),
    "f.client-lag": (
        "{label}: the client handled packets up to {ms} ms after they arrived (aioquic runs QUIC in Python): "
        "the times above are on the client's clock, so its slowness is in them, not only the network's",
        "{label}: 패킷이 도착하고 최대 {ms} ms 뒤에야 클라이언트가 처리함 (aioquic은 QUIC을 파이썬으로 처리): "
        "위의 시간은 클라이언트의 시계이므로 네트워크뿐 아니라 클라이언트의 느림도 들어 있음"),
    "hol.title": ("Head-of-line blocking: one packet dropped on purpose", "HOL 블로킹: 패킷 하나를 일부러 버림"),
    "hol.k": ("streams at once, on one connection per protocol", "프로토콜마다 한 연결에 동시에 보낸 스트림"),
    "hol.object": ("object, for every stream", "스트림마다 받는 객체"),
    "hol.obj.manifest": ("{path}, {size} bytes (the largest the site lists in /assets/manifest.json)",
                         "{path}, {size}바이트 (사이트가 /assets/manifest.json에 적은 것 중 가장 큰 것)"),
    "hol.obj.given": ("{path}, {size} bytes (--hol-object)", "{path}, {size}바이트 (--hol-object)"),
    "hol.obj.document": ("{path}, {size} bytes (the URL itself)", "{path}, {size}바이트 (URL 자체)"),
    "hol.rule-k": ("drop rule", "버림 규칙"),
    "hol.rule-v": (
        "towards the client, the first packet from the server's port {port} after {after} bytes of payload "
        "(TCP for HTTP/2, UDP for HTTP/3; once per run)",
        "클라이언트 쪽으로, 서버 포트 {port}에서 온 페이로드가 {after}바이트를 넘은 뒤의 첫 패킷 "
        "(HTTP/2는 TCP, HTTP/3는 UDP; 실행마다 한 번)"),
    "hol.dropped": ("dropped", "버린 패킷"),
    "hol.drop-tcp": ("run {run}: TCP segment seq {seq}, {bytes} bytes, after {before} bytes",
                     "실행 {run}: TCP 세그먼트 seq {seq}, {bytes}바이트, {before}바이트 뒤"),
    "hol.drop-udp": ("run {run}: QUIC packet, {bytes} bytes of UDP payload, after {before} bytes",
                     "실행 {run}: QUIC 패킷, UDP 페이로드 {bytes}바이트, {before}바이트 뒤"),
    "hol.drop-none": ("run {run}: nothing (the rule did not fire)", "실행 {run}: 없음 (규칙이 작동하지 않음)"),
    "hol.run-title": (
        "{label}, run {run}: lost at {loss} on the wire; the client got nothing new from {start} until the "
        "retransmission at {fill}",
        "{label}, 실행 {run}: 네트워크에서 {loss}에 잃음; 클라이언트는 {start}부터 재전송이 온 {fill}까지 "
        "새로 받은 것이 없음"),
    "hol.run-title-q": (
        "{label}, run {run}: lost at {loss} on the wire; aioquic saw the gap at {start} and its repair at {fill}",
        "{label}, 실행 {run}: 네트워크에서 {loss}에 잃음; aioquic이 빈 곳을 {start}에, 그 복구를 {fill}에 봄"),
    "hol.col.stream": ("stream", "스트림"),
    "hol.col.bytes": ("bytes", "바이트"),
    "hol.col.first": ("first byte", "첫 바이트"),
    "hol.col.last": ("last byte", "마지막 바이트"),
    "hol.col.wait": ("nothing new for", "새 데이터 없이"),
    "hol.col.what": ("what happened", "무슨 일이 있었나"),
    "hol.what.waited": ("waited for the retransmission", "재전송을 기다림"),
    "hol.what.hit": ("its bytes were lost: waited for the retransmission", "자기 바이트를 잃음: 재전송을 기다림"),
    "hol.what.kept": ("kept receiving ({bytes} bytes meanwhile)", "계속 받음 (그동안 {bytes}바이트)"),
    "hol.what.kept-done": ("kept receiving and finished first", "계속 받고 먼저 끝남"),
    "hol.what.done": ("finished before the loss", "손실 전에 끝남"),
    "hol.what.failed": ("failed: {error}", "실패: {error}"),
    "hol.stream": ("#{i} (stream {sid})", "#{i} (스트림 {sid})"),
    "hol.row": ("{label} #{i}", "{label} #{i}"),
    "hol.chart": ("Each stream, ms after the {k} requests left (run {run})", "스트림별, 요청 {k}개를 보낸 뒤의 ms (실행 {run})"),
    "hol.x": ("time after the requests left", "요청을 보낸 뒤 시간"),
    "hol.part.wait": ("waiting for the first byte", "첫 바이트를 기다림"),
    "hol.part.recv": ("receiving", "받는 중"),
    "hol.part.stall": ("waiting for the retransmission", "재전송을 기다림"),
    "hol.summary": ("All runs (median, min–max)", "모든 실행 (중앙값, 최소–최대)"),
    "hol.col.protocol": ("protocol", "프로토콜"),
    "hol.col.drops": ("drops", "버림"),
    "hol.col.waited": ("waited / had bytes to come", "기다림 / 받을 바이트 남음"),
    "hol.col.retx": ("wait for the retransmission, ms", "재전송 대기, ms"),
    "hol.col.others": ("the others' next bytes, ms", "나머지의 다음 바이트, ms"),
    "hol.col.total": ("last byte of all, ms", "전체 마지막 바이트, ms"),
    "hol.note": (
        "Times are the client's: when the application got the bytes (httpx's body chunks, aioquic's "
        "DataReceived events). \"Lost on the wire\" is the link emulator's own record of the packet it dropped.",
        "시간은 클라이언트 쪽 기준: 애플리케이션이 바이트를 받은 때 (httpx의 본문 조각, aioquic의 DataReceived "
        "이벤트). \"네트워크에서 잃음\"은 링크 에뮬레이터가 버린 패킷에 대해 스스로 남긴 기록임."),

    # ---- the report
    "title": ("HTTP/1.1 vs HTTP/2 vs HTTP/3: {url}", "HTTP/1.1 vs HTTP/2 vs HTTP/3: {url}"),
    "resolution": ("Name resolution (once; not part of any protocol's time)",
                   "이름 해석 (한 번만; 어느 프로토콜 시간에도 넣지 않음)"),
    "name": ("name", "이름"),
    "address": ("address used by every protocol", "모든 프로토콜이 쓰는 주소"),
    "all": ("all addresses", "모든 주소"),
    "how": ("how", "방법"),
    "cnames": ("CNAME chain", "CNAME 사슬"),
    "https": ("HTTPS record", "HTTPS 레코드"),
    "via_resolver": ("asked {resolver}, {ms}", "{resolver}에 질의, {ms}"),
    "pinned": ("pinned with --resolve (no DNS)", "--resolve로 고정 (DNS 없음)"),
    "system": ("the system resolver, {ms}", "시스템 리졸버, {ms}"),
    "literal": ("an address in the URL (no DNS)", "URL의 주소 (DNS 없음)"),
    "no_address": ("no address", "주소 없음"),
    "redirects": ("Redirects followed", "따라간 리다이렉트"),
    "col.status": ("status", "상태"),
    "col.from": ("from", "원래 URL"),
    "col.to": ("to", "옮겨 간 URL"),
    "rtt": ("Round-trip time, measured apart from HTTP", "왕복 시간 (HTTP와 따로 측정)"),
    "rtt_value": ("RTT", "RTT"),
    "rtt_how": ("measured by", "측정 방법"),
    "rtt_how_v": ("bare TCP connects (SYN -> SYN/ACK), {n} samples",
                  "HTTP 없이 TCP 연결만 (SYN -> SYN/ACK), 표본 {n}개"),
    "link": ("link impairment", "링크 손상 설정"),
    "phases": ("Phases of a new connection, ms (median of {r} run(s), min–max)",
               "새 연결의 단계별 시간, ms ({r}회 실행의 중앙값, 최소–최대)"),
    "phase": ("phase", "단계"),
    "tcp": ("TCP connect", "TCP 연결"),
    "tls": ("TLS handshake", "TLS 핸드셰이크"),
    "quic": ("QUIC handshake", "QUIC 핸드셰이크"),
    "sent": ("request sent", "요청 전송"),
    "fb": ("first byte", "첫 바이트"),
    "lb": ("last byte", "마지막 바이트"),
    "count": ("RTTs to 1st byte / expected", "첫 바이트까지 RTT / 예상"),
    "gap": ("client time before request", "요청 전 클라이언트 시간"),
    "wire": ("RTTs on the wire", "네트워크 위 RTT"),
    "neg": ("negotiated", "협상 결과"),
    "cpu": ("client CPU / run", "실행당 클라이언트 CPU"),
    "no_tcp": ("none (UDP)", "없음 (UDP)"),
    "in_quic": ("in QUIC", "QUIC에 포함"),
    "failed": ("failed ({n}/{r} runs)", "실패 ({n}/{r}회)"),
    "neg.alpn": ("ALPN {alpn}", "ALPN {alpn}"),
    "neg.0rtt": ("0-RTT accepted", "0-RTT 수락"),
    "neg.no-0rtt": ("no 0-RTT", "0-RTT 없음"),
    "arith": ("Round-trip arithmetic (new connection to first byte)", "왕복 계산 (새 연결부터 첫 바이트까지)"),
    "proto": ("protocol", "프로토콜"),
    "measured": ("measured", "측정"),
    "wire_short": ("on the wire", "네트워크 위"),
    "exp": ("expected", "예상"),
    "why": ("why", "이유"),
    "wire_note": (
        "on the wire = (first byte - the client's own time before the request) / RTT: the protocol's round "
        "trips without httpx's or aioquic's processing between the phases.",
        "네트워크 위 = (첫 바이트 - 요청 전 클라이언트 자신의 시간) / RTT: 단계 사이 httpx·aioquic의 처리 "
        "시간을 뺀, 프로토콜 자체의 왕복 횟수."),
    "disc": ("How HTTP/3 was found", "HTTP/3를 찾은 방법"),
    "alt": ("Alt-Svc header", "Alt-Svc 헤더"),
    "https_alpn": ("HTTPS record ALPN", "HTTPS 레코드 ALPN"),
    "adv": ("advertised by", "광고한 곳"),
    "not_adv": ("nothing", "없음"),
    "traces": ("Trace events behind the phases (httpx's trace extension; aioquic events for HTTP/3)",
               "단계 계산의 근거인 트레이스 이벤트 (httpx trace 확장; HTTP/3는 aioquic 이벤트)"),
    "trace": ("{label}, run {run}: ms since the connection started", "{label}, 실행 {run}: 연결 시작부터의 ms"),
    "wf": ("Waterfall: {label} (run {run}, {n} requests, {c} connection(s), {total})",
           "워터폴: {label} (실행 {run}, 요청 {n}개, 연결 {c}개, {total})"),
    "col.index": ("#", "#"),
    "col.object": ("object", "객체"),
    "col.conn": ("conn", "연결"),
    "col.start": ("start", "시작"),
    "col.end": ("end", "끝"),
    "col.timeline": ("time line", "시간 축"),
    "wf_legend": (
        "▒ new connection's set-up · ░ waiting for the first byte (queue, request round trip) · █ receiving · "
        "one scale for every protocol: {scale} per character",
        "▒ 새 연결 준비 · ░ 첫 바이트를 기다림 (대기열, 요청 왕복) · █ 받는 중 · "
        "모든 프로토콜이 같은 축: 한 칸 = {scale}"),
    "compl": ("Objects: completion time after the page asked for them (all runs)",
              "객체: 페이지가 요청한 뒤 완료까지 걸린 시간 (모든 실행)"),
    "col.protocol": ("protocol", "프로토콜"),
    "col.connections": ("connections", "연결 수"),
    "col.page-total": ("page total (median run)", "페이지 전체 (중앙 실행)"),
    "col.median": ("median", "중앙값"),
    "col.p90": ("p90", "p90"),
    "col.max": ("max", "최대"),
    "files": ("Files", "파일"),
    "qlog": ("qlog (open in qvis)", "qlog (qvis로 열기)"),
    "chart": ("chart", "차트"),
    "summary_rt": ("First byte after {parts} round trips (RTT {rtt}).", "첫 바이트까지 {parts} 왕복 (RTT {rtt})."),
    "summary_small": ("RTT {rtt}: too small to count round trips; first byte at {parts}.",
                      "RTT {rtt}: 왕복 횟수를 세기엔 너무 작음; 첫 바이트 {parts}."),
    "f.body-cut": ("{proto}: the body of {url} was not read to its end ({why}); {size} bytes counted",
                   "{proto}: {url}의 본문을 끝까지 읽지 않았습니다({why}). 센 바이트: {size}"),
    "cut.cap": ("it passed netlab's limit of {limit} MiB per response: a body that does not end",
                "응답 하나에 허용하는 {limit}MiB를 넘음: 끝나지 않는 본문"),
    "cut.deadline": ("the run's deadline came first", "실행 전체의 제한 시간이 먼저 옴"),
    "f.deadline": ("the run's deadline ({seconds} s, --deadline) came before everything was measured; "
                   "not done: {skipped}",
                   "실행 제한 시간({seconds}초, --deadline)이 먼저 와서 다 재지 못했습니다. 하지 못한 것: {skipped}"),
})


def mode_label(mode: str, k: int, lang: str = "en") -> str:
    """A protocol mode's column label ("HTTP/1.1 ×6", "HTTP/3 resumed")."""
    return M.text(f"mode.{mode}", lang, conns=k)


def via_ref(value: str) -> T | str:
    """Where h3 was advertised, as the Result keeps it ("Alt-Svc header"), as a catalogue reference."""
    for key in ("via.alt-svc", "via.https"):
        if M.text(key, "en") == value:
            return M.t(key)
    return value


# ---- recorded sentences, back to their template


def _pattern(template: str) -> re.Pattern:
    out = []
    for literal, field_name, _, _ in string.Formatter().parse(template):
        out.append(re.escape(literal))
        if field_name:
            out.append(f"(?P<{field_name}>.+?)")
    return re.compile("^" + "".join(out) + "$", re.DOTALL)


# the template with more fixed text first: "closed: error {code} {reason}" before "closed: error {code}"
_RECORDED = sorted(
    ((k, _pattern(en)) for k, (en, _) in M.messages.items() if k.startswith("recorded.")),
    key=lambda kp: -len(re.sub(r"\{[^}]*\}", "", M.messages[kp[0]][0])),
)


def recorded(text: str | None) -> Both:
    """A sentence collect wrote in English, in both languages (as it is when no template made it)."""
    text = text or ""
    for key, pattern in _RECORDED:
        m = pattern.match(text)
        if m is not None:
            return Both(text, M.text(key, "ko", **m.groupdict()))
    return Both(text, text)


def recorded_text(text: str | None, lang: str) -> str:
    return recorded(text).render(lang)
