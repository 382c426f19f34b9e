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
    "f.hol-blocking": ("object completion p90 {lead}: HTTP/2 {a} ms, HTTP/3 {b} ms{more}",
                       "{lead} 객체 완료 시간 p90: HTTP/2 {a} ms, HTTP/3 {b} ms{more}"),
    "hol.lossy": ("with loss on the link", "손실이 있는 링크에서"),
    "hol.clean": ("on this link", "이 링크에서"),
    "hol.more": (
        ". With loss, one lost TCP segment holds up every HTTP/2 stream, a lost QUIC packet only its own "
        "stream; compare with a run without loss (initial windows and implementations differ too)",
        ". 손실이 있으면 TCP 세그먼트 하나를 잃었을 때 HTTP/2의 모든 스트림이 멈추지만, QUIC에서는 잃은 "
        "패킷이 속한 스트림만 멈춤; 손실 없는 실행과 비교할 것 (초기 윈도와 구현도 서로 다름)"),

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
