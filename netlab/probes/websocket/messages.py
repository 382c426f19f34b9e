"""Every string of the websocket probe, English and Korean (netlab/i18n.py), keyed by id.

Korean style: particles stick to their word ("프레임을", "서버가", "1초"); protocol words (FIN, RSV1,
opcode, Sec-WebSocket-Accept, 101 Switching Protocols) stay as they are.
"""

from netlab.i18n import catalogue

M = catalogue("ws", {
    "title": ("WebSocket: {url}", "WebSocket: {url}"),

    "sum.unreachable": ("{host} could not be reached: {error}", "{host}에 닿지 못했습니다: {error}"),
    "sum.upgraded": ("an HTTP/1.1 GET with Upgrade: websocket, answered by 101 Switching Protocols in {rtt} "
                     "(Accept verified); then {frames} frames on the same TCP connection",
                     "Upgrade: websocket을 단 HTTP/1.1 GET에 서버가 {rtt} 만에 101 Switching Protocols로 답했고"
                     "(Accept 검증됨), 이어서 같은 TCP 연결에서 프레임 {frames}개가 오갔습니다"),
    "sum.refused": ("the server did not switch protocols: {status}", "서버가 프로토콜을 바꾸지 않았습니다: {status}"),
    "sum.pings": ("ping RTT {rtt}", "ping RTT {rtt}"),
    "sum.push": ("the server pushed {n} message(s) with no request", "서버가 요청 없이 메시지 {n}개를 보냈습니다"),
    "sum.polling": ("polling needed {req} requests and {bytes} bytes for {up} updates; the push {pbytes} bytes",
                    "폴링은 업데이트 {up}개에 요청 {req}개, {bytes}바이트가 들었고, 푸시는 {pbytes}바이트였습니다"),
    "sum.close": ("closed by the {who} with {code}", "{who}가 {code}로 닫았습니다"),
    "sum.end": ("{parts}.", "{parts}."),
    "who.client": ("client", "클라이언트"),
    "who.server": ("server", "서버"),

    "sec.upgrade": ("The upgrade: an ordinary HTTP request", "업그레이드: 평범한 HTTP 요청"),
    "sec.accept": ("Sec-WebSocket-Accept, computed", "Sec-WebSocket-Accept 계산"),
    "sec.frames": ("Frames, in time order", "프레임, 시간 순서"),
    "sec.frames.note": ("c>s: client to server (always masked, a new 4-byte key per frame); s>c: server to client "
                        "(never masked). len form: the length field's size (7-bit up to 125 bytes, 16-bit up to "
                        "65535, 64-bit beyond). RSV1: compressed by permessage-deflate.",
                        "c>s: 클라이언트에서 서버로(항상 마스킹, 프레임마다 새 4바이트 키), s>c: 서버에서 "
                        "클라이언트로(마스킹 안 함). 길이 형식: 길이 필드의 크기(7비트는 125바이트까지, 16비트는 "
                        "65535까지, 그 이상은 64비트). RSV1: permessage-deflate로 압축됨."),
    "sec.messages": ("Messages", "메시지"),
    "sec.pings": ("Ping and pong", "Ping과 pong"),
    "sec.polling": ("Push vs polling: the same updates", "푸시 대 폴링: 같은 업데이트"),
    "sec.close": ("The close handshake", "종료 핸드셰이크"),
    "sec.unmasked": ("An unmasked client frame (deliberately)", "마스킹하지 않은 클라이언트 프레임(일부러)"),
    "sec.bytes": ("Bytes", "바이트"),

    "col.dir": ("dir", "방향"),
    "col.fin": ("FIN", "FIN"),
    "col.opcode": ("opcode", "opcode"),
    "col.mask": ("mask key", "마스크 키"),
    "col.form": ("len form", "길이 형식"),
    "col.header": ("header", "헤더"),
    "col.length": ("payload", "페이로드"),
    "col.payload": ("content", "내용"),
    "col.type": ("type", "종류"),
    "col.frames": ("frames", "프레임"),
    "col.wire": ("on the wire", "선 위 크기"),
    "col.size": ("message", "메시지 크기"),
    "col.kind": ("kind", "구분"),
    "col.metric": ("measure", "측정값"),
    "col.push": ("WebSocket push", "WebSocket 푸시"),
    "col.poll": ("HTTP polling every {s} s", "{s}초마다 HTTP 폴링"),
    "kind.reply": ("reply", "응답"),
    "kind.push": ("pushed", "푸시"),
    "kind.sent": ("sent", "보냄"),
    "none": ("none", "없음"),
    "bits": ("{n}-bit", "{n}비트"),
    "bytes": ("{n} bytes", "{n}바이트"),

    "kv.request": ("request", "요청"),
    "kv.response": ("response", "응답"),
    "kv.key": ("Sec-WebSocket-Key (16 random bytes, base64)", "Sec-WebSocket-Key(무작위 16바이트, base64)"),
    "kv.concat": ("key + GUID", "키 + GUID"),
    "kv.sha1": ("SHA-1 of that", "그것의 SHA-1"),
    "kv.expected": ("base64 of the SHA-1: expected Accept", "SHA-1의 base64: 기대한 Accept"),
    "kv.accept": ("Sec-WebSocket-Accept received", "받은 Sec-WebSocket-Accept"),
    "kv.match": ("match", "일치"),
    "kv.match.yes": ("yes: the server read this request and speaks WebSocket", "예: 서버가 이 요청을 읽었고 WebSocket을 압니다"),
    "kv.match.no": ("NO: a client must close the connection", "아니오: 클라이언트는 연결을 닫아야 합니다"),
    "kv.subprotocol": ("subprotocol (offered -> chosen)", "서브프로토콜(제안 -> 선택)"),
    "kv.extensions": ("extensions (offered -> chosen)", "확장(제안 -> 선택)"),
    "kv.rtt": ("request -> 101", "요청 -> 101"),
    "kv.connect": ("TCP (+TLS) set-up before it", "그 전의 TCP(+TLS) 준비"),
    "kv.handshake-bytes": ("handshake", "핸드셰이크"),
    "kv.handshake-bytes.value": ("{up} bytes up, {down} bytes down (once per connection)",
                                 "올림 {up}바이트, 내림 {down}바이트(연결마다 한 번)"),
    "kv.frame-bytes": ("frames", "프레임"),
    "kv.frame-bytes.value": ("{up} bytes up ({hu} of them headers), {down} down ({hd} headers)",
                             "올림 {up}바이트(그중 헤더 {hu}), 내림 {down}바이트(헤더 {hd})"),
    "ping.ours": ("our ping {payload}", "우리 ping {payload}"),
    "ping.rtt": ("pong after {rtt}", "{rtt} 뒤 pong"),
    "ping.lost": ("no pong", "pong 없음"),
    "ping.server": ("server's ping at {t}", "서버 ping, {t}"),
    "ping.server.value": ("our pong (sent by the library) after {rtt}; {since} since the previous ping",
                          "라이브러리가 {rtt} 뒤 pong으로 답함; 이전 ping으로부터 {since}"),
    "ping.server.first": ("our pong (sent by the library) after {rtt}", "라이브러리가 {rtt} 뒤 pong으로 답함"),
    "close.first": ("first close frame", "첫 close 프레임"),
    "close.first.value": ("from the {who} at {t}: code {code} ({meaning}) \"{reason}\"",
                          "{who}에서 {t}: 코드 {code}({meaning}) \"{reason}\""),
    "close.reply": ("the answer", "응답"),
    "close.reply.value": ("code {code} \"{reason}\" at {t}", "코드 {code} \"{reason}\", {t}"),
    "close.none": ("no close frame", "close 프레임 없음"),
    "close.tcp": ("then TCP", "그다음 TCP"),
    "close.tcp.eof": ("the server closed the TCP connection (FIN) at {t}", "{t}에 서버가 TCP 연결을 닫음(FIN)"),
    "close.tcp.reset": ("the connection was reset (RST)", "연결이 리셋됨(RST)"),
    "close.tcp.timeout": ("no end within the timeout", "시간 안에 끝나지 않음"),
    "close.tcp.cut": ("netlab stopped reading (over {mib} MiB)", "netlab이 읽기를 멈춤({mib} MiB 초과)"),
    "close.tcp.done": ("netlab closed it", "netlab이 닫음"),
    "end.eof": ("the server's FIN", "서버의 FIN"),
    "end.reset": ("a reset", "리셋"),
    "end.timeout": ("no end within the timeout", "시간 안에 끝나지 않음"),
    "end.cut": ("netlab stopped reading", "netlab이 읽기를 멈춤"),
    "end.done": ("netlab closed it", "netlab이 닫음"),
    "poll.requests": ("HTTP requests", "HTTP 요청"),
    "poll.empty": ("answers with nothing new", "새 것이 없는 응답"),
    "poll.updates": ("updates received", "받은 업데이트"),
    "poll.bytes": ("bytes (application: HTTP or frames)", "바이트(애플리케이션: HTTP 또는 프레임)"),
    "poll.wire": ("bytes on the wire (IP packets, captured)", "선 위 바이트(IP 패킷, 캡처)"),
    "poll.latency": ("latency of an update (produced -> received)", "업데이트 지연(생성 -> 수신)"),
    "poll.latency.value": ("median {med}, worst {max}", "중앙값 {med}, 최악 {max}"),
    "poll.clock": ("latencies use the server's stamps: client and server share this machine's clock in the sandbox",
                   "지연은 서버가 찍은 시각으로 잽니다: 샌드박스에서는 클라이언트와 서버가 이 컴퓨터의 시계를 "
                   "함께 씁니다"),
    "poll.clock.other": ("latencies use the server's stamps and this machine's clock: outside the sandbox they "
                         "include any clock difference", "지연은 서버의 시각과 이 컴퓨터의 시계로 잽니다: 샌드박스 "
                         "밖에서는 두 시계의 차이가 섞입니다"),
    "unmasked.sent": ("sent", "보낸 것"),
    "unmasked.sent.value": ("one text frame with the MASK bit clear", "MASK 비트를 끈 텍스트 프레임 하나"),
    "unmasked.answer": ("the server", "서버"),
    "unmasked.closed": ("closed with {code} \"{reason}\"", "{code} \"{reason}\"로 닫음"),
    "unmasked.echoed": ("accepted it and answered", "받아들이고 답함"),
    "unmasked.silent": ("said nothing", "아무 말도 하지 않음"),

    # problems on frames and messages
    "p.server-masked": ("server frame masked", "서버 프레임이 마스킹됨"),
    "p.client-unmasked": ("client frame not masked", "클라이언트 프레임이 마스킹 안 됨"),
    "p.reserved-opcode": ("reserved opcode", "예약된 opcode"),
    "p.bad-control-frame": ("control frame over 125 bytes or fragmented", "125바이트 초과이거나 조각난 제어 프레임"),
    "p.reserved-bits": ("RSV2/RSV3 set", "RSV2/RSV3 설정됨"),
    "p.non-minimal-length": ("length not in its shortest form", "길이가 가장 짧은 형식이 아님"),
    "p.length-msb": ("64-bit length with the top bit set", "최상위 비트가 켜진 64비트 길이"),
    "p.too-big": ("over the client's limit", "클라이언트 한도 초과"),
    "p.invalid-utf8": ("text that is not UTF-8", "UTF-8이 아닌 텍스트"),
    "p.unfinished": ("a message without its final fragment", "마지막 조각이 없는 메시지"),
    "p.rsv1-without-extension": ("RSV1 without permessage-deflate", "permessage-deflate 없이 RSV1"),
    "p.bad-deflate": ("does not decompress", "압축이 풀리지 않음"),
    "p.payload-cut": ("payload kept in part", "페이로드 일부만 보관"),
    "p.continuation-without-start": ("a continuation frame with no message to continue", "이어 붙일 메시지가 없는 continuation 프레임"),

    # findings
    "f.unreachable": ("{host}: {error}", "{host}: {error}"),
    "f.upgrade": ("the upgrade is an ordinary HTTP/1.1 GET (Upgrade: websocket, Connection: Upgrade, "
                  "Sec-WebSocket-Key, Version 13) answered by 101 Switching Protocols: the same TCP connection "
                  "then carries WebSocket frames, in both directions",
                  "업그레이드는 평범한 HTTP/1.1 GET(Upgrade: websocket, Connection: Upgrade, Sec-WebSocket-Key, "
                  "Version 13)이고 101 Switching Protocols로 답을 받습니다: 그 뒤 같은 TCP 연결로 WebSocket "
                  "프레임이 양방향으로 오갑니다"),
    "f.not-101": ("the server answered {status}, not 101 Switching Protocols: no WebSocket (an ordinary HTTP "
                  "response; the client must not send frames)",
                  "서버가 101 Switching Protocols가 아니라 {status}로 답했습니다: WebSocket이 아닙니다(평범한 "
                  "HTTP 응답이므로 클라이언트는 프레임을 보내면 안 됩니다)"),
    "f.wrong-accept": ("Sec-WebSocket-Accept is {got}, but base64(SHA-1(key + GUID)) is {want}: the client "
                       "refuses the connection",
                       "Sec-WebSocket-Accept가 {got}인데 base64(SHA-1(키 + GUID))는 {want}입니다: 클라이언트는 "
                       "연결을 거부합니다"),
    "f.no-accept": ("101 without Sec-WebSocket-Accept: the client refuses the connection",
                    "Sec-WebSocket-Accept 없는 101: 클라이언트는 연결을 거부합니다"),
    "f.bad-upgrade-headers": ("101 without {what}: the client refuses the connection",
                              "{what} 없는 101: 클라이언트는 연결을 거부합니다"),
    "f.subprotocol": ("subprotocol: offered {offered}, the server chose {chosen}",
                      "서브프로토콜: {offered}를 제안했고 서버가 {chosen}을 골랐습니다"),
    "f.deflate": ("permessage-deflate negotiated ({params}): {n} message(s) compressed, {wire} bytes on the wire "
                  "for {raw} bytes of data",
                  "permessage-deflate 협상됨({params}): 메시지 {n}개가 압축되어 데이터 {raw}바이트가 선 위에서 "
                  "{wire}바이트였습니다"),
    "f.masking": ("every client frame was masked with its own 4-byte key (e.g. {key}) and no server frame was: "
                  "masking protects proxies in the path from bytes a page's script chose",
                  "클라이언트 프레임은 모두 저마다의 4바이트 키(예: {key})로 마스킹되었고 서버 프레임은 하나도 "
                  "마스킹되지 않았습니다: 마스킹은 페이지 스크립트가 고른 바이트로부터 경로 위의 프록시를 지킵니다"),
    "f.length-forms": ("length forms seen: {forms}", "나타난 길이 형식: {forms}"),
    "f.frame-problem": ("frame {index} ({dir}, {opcode}): {problem}", "프레임 {index}({dir}, {opcode}): {problem}"),
    "f.server-masked": ("frame {index} from the server is masked: servers must not mask; the client closes with 1002",
                        "서버가 보낸 프레임 {index}이 마스킹되어 있습니다: 서버는 마스킹하면 안 되므로 클라이언트가 "
                        "1002로 닫습니다"),
    "f.too-big": ("the server's frame {index} declares {length} bytes, over the client's {limit}: the client does "
                  "not buffer it and closes with 1009 (message too big)",
                  "서버 프레임 {index}이 {length}바이트를 선언했는데 클라이언트 한도 {limit}를 넘습니다: "
                  "클라이언트는 쌓아 두지 않고 1009(메시지가 너무 큼)로 닫습니다"),
    "f.invalid-utf8": ("a text message from the {who} is not valid UTF-8: a text frame must be; the receiver "
                       "closes with 1007", "{who}의 텍스트 메시지가 올바른 UTF-8이 아닙니다: 텍스트 프레임은 UTF-8"
                       "이어야 하므로 받는 쪽이 1007로 닫습니다"),
    "f.library": ("the websockets library: {text}", "websockets 라이브러리: {text}"),
    "f.fragmented": ("a message of {n} fragments{between}", "조각 {n}개로 된 메시지{between}"),
    "f.fragmented.between": (", with control frames {frames} between them", ", 사이에 제어 프레임 {frames}"),
    "f.ping-rtt": ("ping -> pong: {rtts} (a ping is answered by the other side's WebSocket code, not by a "
                   "server application)", "ping -> pong: {rtts}(ping에는 서버 애플리케이션이 아니라 상대의 "
                   "WebSocket 코드가 답합니다)"),
    "f.ping-lost": ("{n} ping(s) got no pong", "ping {n}개가 pong을 받지 못했습니다"),
    "f.server-pings": ("the server pinged {n} time(s), every {every}; the client's library answered each with a "
                       "pong: a heartbeat that keeps NAT and firewall state alive and finds a dead peer",
                       "서버가 {every}마다 {n}번 ping을 보냈고 클라이언트 라이브러리가 매번 pong으로 답했습니다: "
                       "NAT와 방화벽의 상태를 살려 두고 죽은 상대를 찾아내는 하트비트입니다"),
    "f.push": ("the server sent {n} message(s) that no request preceded: after the upgrade either side speaks "
               "when it wants", "어떤 요청도 앞서지 않은 메시지 {n}개를 서버가 보냈습니다: 업그레이드 뒤에는 "
               "어느 쪽이든 원할 때 말합니다"),
    "f.polling": ("the same {up} updates: polling every {s} s sent {req} requests ({empty} came back empty), "
                  "{pb} bytes; the push {wb} bytes on one connection; median latency {pl} polling vs {wl} push",
                  "같은 업데이트 {up}개: {s}초마다 폴링하면 요청 {req}개({empty}개는 빈 응답), {pb}바이트, "
                  "푸시는 한 연결에서 {wb}바이트; 지연 중앙값은 폴링 {pl}, 푸시 {wl}"),
    "f.idle": ("after {s} s of silence the connection still answered: TCP itself has no idle timeout; what drops "
               "idle connections is a NAT or firewall on the path (pings prevent that)",
               "{s}초 동안 조용했는데도 연결은 답했습니다: TCP 자체에는 유휴 시간 제한이 없습니다. 유휴 연결을 "
               "끊는 것은 경로 위의 NAT나 방화벽입니다(ping이 그것을 막습니다)"),
    "f.idle-dead": ("after {s} s of silence the connection no longer answered", "{s}초 동안 조용한 뒤 연결이 더는 답하지 않았습니다"),
    "f.close": ("close handshake: the {who} sent {code} ({meaning}) \"{reason}\", the other side answered {reply}; "
                "then TCP ended ({tcp})",
                "종료 핸드셰이크: {who}가 {code}({meaning}) \"{reason}\"를 보냈고 상대가 {reply}로 답했으며, 그다음 "
                "TCP가 끝났습니다({tcp})"),
    "f.no-close": ("the connection ended without a close frame ({tcp}): for the application that is 1006 "
                   "(abnormal closure)", "close 프레임 없이 연결이 끝났습니다({tcp}): 애플리케이션에게는 1006"
                   "(비정상 종료)입니다"),
    "f.unmasked-closed": ("an unmasked client frame: the server closed with {code} \"{reason}\", as RFC 6455 "
                          "requires", "마스킹 안 된 클라이언트 프레임: RFC 6455대로 서버가 {code} \"{reason}\"로 닫았습니다"),
    "f.unmasked-accepted": ("an unmasked client frame: the server ACCEPTED it; RFC 6455 says it must close the "
                            "connection (1002)", "마스킹 안 된 클라이언트 프레임: 서버가 받아들였습니다. RFC 6455에 "
                            "따르면 연결을 닫아야 합니다(1002)"),
    "f.unmasked-other": ("an unmasked client frame: the server {what}", "마스킹 안 된 클라이언트 프레임: 서버가 {what}"),
    "f.no-capture": ("no capture ({reason})", "캡처 없음({reason})"),
    "f.deadline": ("the run's deadline ({s} s) cut {what}", "실행 마감({s}초)이 {what}을 잘랐습니다"),
})
