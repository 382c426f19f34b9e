"""Every string the path report shows, in English and Korean (one catalogue, prefix "path")."""

from __future__ import annotations

from netlab.i18n import catalogue

M = catalogue("path", {
    # ------------------------------------------------------------------ one probe's answer
    "reply.silent": ("no answer ({ms} ms waited)", "응답 없음 ({ms} ms 기다림)"),
    "reply.failed": ("could not be sent: {name} ({msg})", "보내지 못함: {name} ({msg})"),
    "reply.unknown": ("no record of an answer", "응답 기록 없음"),
    "reply.echo-reply": ("echo reply: the destination itself", "에코 응답: 목적지가 직접 답함"),
    "reply.syn-ack": ("SYN-ACK: the destination's port is open", "SYN-ACK: 목적지 포트가 열려 있음"),
    "reply.rst": ("RST: the destination answered, nothing listens on the port",
                  "RST: 목적지가 답했지만 그 포트에서 듣는 프로그램이 없음"),
    "reply.time-exceeded": ("time exceeded: the TTL ran out at this router", "시간 초과: 이 라우터에서 TTL이 다 됨"),
    "reply.too-big": ("too big for the next link (its MTU: {mtu})", "다음 링크에 비해 너무 큼 (그 링크의 MTU: {mtu})"),
    "reply.port-unreachable": ("port unreachable: the destination itself (no program on that UDP port)",
                               "포트 도달 불가: 목적지가 직접 답함 (그 UDP 포트에 프로그램이 없음)"),
    "reply.dest-unreachable": ("unreachable, from the destination itself", "도달 불가, 목적지가 직접 보냄"),
    "reply.unreachable": ("unreachable: {what}", "도달 불가: {what}"),
    "reply.other": ("ICMP type {type} code {code}", "ICMP 타입 {type} 코드 {code}"),
    "unreach.net": ("no route to the network", "그 네트워크로 가는 경로가 없음"),
    "unreach.host": ("no route to the host", "그 호스트로 가는 경로가 없음"),
    "unreach.protocol": ("protocol not supported there", "그곳에서 지원하지 않는 프로토콜"),
    "unreach.port": ("port unreachable", "포트 도달 불가"),
    "unreach.frag": ("fragmentation needed", "단편화 필요"),
    "unreach.admin": ("administratively prohibited (a firewall said no)", "관리상 금지 (방화벽이 거부함)"),
    "unreach.other": ("unreachable (another reason)", "도달 불가 (다른 이유)"),
    "ask.failed": ("we could not ask for the next hop's MAC ourselves: {why}",
                   "다음 홉의 MAC 주소를 직접 묻지 못했습니다: {why}"),
    "ask.silent": ("nobody answered our request for {target} within {ms} ms",
                   "{target}에 대한 요청에 {ms} ms 안에 아무도 답하지 않았습니다"),
    "kind.arp": ("ARP", "ARP"),
    "kind.nd": ("neighbour discovery", "이웃 탐색(ND)"),
    "what.port-unreachable": ("ICMP port unreachable (to our UDP probe)", "ICMP 포트 도달 불가 (UDP 프로브에 대해)"),
    "what.echo-reply": ("an echo reply", "에코 응답"),
    "what.syn-ack": ("SYN-ACK (the port is open)", "SYN-ACK (포트가 열려 있음)"),
    "what.rst": ("RST (the port is closed, but the host answered)", "RST (포트는 닫혔지만 호스트가 답함)"),
    "what.other": ("an ICMP message of its own", "목적지 자신의 ICMP 메시지"),
    # ------------------------------------------------------------------ findings
    "f.no-name": ("{host} did not resolve: {error}", "{host}의 주소를 찾지 못했습니다: {error}"),
    "f.no-capture": ("no capture and no ARP without root or CAP_NET_RAW; the hops, the routing table and the MTU "
                     "measurement still work (they need no privilege)",
                     "root나 CAP_NET_RAW 권한이 없어 캡처와 ARP는 하지 못했습니다. 홉, 라우팅 테이블, MTU 측정은 "
                     "권한 없이도 됩니다"),
    "f.no-capture.detail": ("Capturing frames (AF_PACKET) and sending our own ARP request need root or CAP_NET_RAW: "
                            "run as root, give Python the capability (setcap cap_net_raw+ep), or run inside the "
                            "sandbox (netlab --sandbox path HOST).",
                            "프레임 캡처(AF_PACKET)와 ARP 요청을 직접 보내는 일에는 root나 CAP_NET_RAW가 필요합니다. "
                            "root로 실행하거나, Python에 그 권한을 주거나(setcap cap_net_raw+ep), 샌드박스 안에서 "
                            "실행하세요 (netlab --sandbox path HOST)."),
    "capture.privilege": ("no root or CAP_NET_RAW", "root나 CAP_NET_RAW 권한 없음"),
    "capture.live": ("a second capture point exists only inside the sandbox", "두 번째 캡처 지점은 샌드박스 안에서만 있습니다"),
    "f.reached.direct": ("{address} answered directly, in 1 hop (it is on our network: no router in between), "
                         "with {what} after {rtt}",
                         "{address}은(는) 1홉 만에 직접 답했습니다 (같은 네트워크라 사이에 라우터가 없음). "
                         "답({what})은 {rtt} 뒤에 왔습니다"),
    "f.reached.one": ("{address} reached in 2 hops (1 router on the way): the destination answered with {what} "
                      "after {rtt}",
                      "{address}까지 2홉 만에 도착했습니다 (가는 길의 라우터 1대). 목적지의 답({what})은 {rtt} "
                      "뒤에 왔습니다"),
    "f.reached": ("{address} reached in {hops} hops ({routers} routers on the way): the destination answered with "
                  "{what} after {rtt}",
                  "{address}까지 {hops}홉 만에 도착했습니다 (가는 길의 라우터 {routers}대). 목적지의 "
                  "답({what})은 {rtt} 뒤에 왔습니다"),
    "f.silent-hop": ("hop {ttl} answered none of its {n} probes, yet hop {next} answered: that router forwards "
                     "our packets but sends no Time Exceeded (filtered, or rate-limited), so traceroute shows * * *",
                     "{ttl}번째 홉은 프로브 {n}개 중 어느 것에도 답하지 않았지만 {next}번째 홉은 답했습니다. 그 "
                     "라우터는 패킷을 전달하면서도 시간 초과(Time Exceeded)를 보내지 않습니다(필터링 또는 속도 "
                     "제한). 그래서 traceroute에는 * * *로 보입니다"),
    "f.silent-hop.known": ("hop {ttl} answered none of its {n} probes, yet hop {next} answered: that router forwards "
                           "our packets but sends no Time Exceeded. It did send 'fragmentation needed' (MTU {mtu}) "
                           "from {source}: that is its address",
                           "{ttl}번째 홉은 프로브 {n}개 중 어느 것에도 답하지 않았지만 {next}번째 홉은 답했습니다. "
                           "그 라우터는 패킷을 전달하면서도 시간 초과를 보내지 않습니다. 하지만 '단편화 필요'(MTU "
                           "{mtu})는 {source}에서 보냈으니, 그것이 그 라우터의 주소입니다"),
    "f.silent-tail": ("the destination was not reached: nothing answered after hop {last}.  A host or firewall that "
                      "drops {protocol} probes looks exactly like this; the other kinds may get through ({others})",
                      "목적지에 닿지 못했습니다: {last}번째 홉 뒤로는 아무 응답이 없습니다. {protocol} 프로브를 "
                      "버리는 호스트나 방화벽이 바로 이렇게 보입니다. 다른 종류는 통과할 수도 있습니다 ({others})"),
    "f.unreachable": ("hop {ttl} ({source}) answered '{what}': the path ends there, because that router has no way "
                      "to {address}",
                      "{ttl}번째 홉({source})이 '{what}'(이)라고 답했습니다. 그 라우터에는 {address}(으)로 가는 "
                      "길이 없어서 경로가 거기서 끝납니다"),
    "f.unreachable.late": ("Only probes sent later (with TTL {ttl}) got that answer: routers rate-limit their "
                           "'unreachable' messages (Linux: the first after about a second, then about one a second "
                           "per host), so the first probes got none.",
                           "늦게 보낸 프로브(TTL {ttl})만 그 답을 받았습니다. 라우터는 '도달 불가' 메시지의 속도를 "
                           "제한하므로(Linux: 약 1초 뒤 첫 메시지, 그다음 호스트마다 초당 약 1개) 처음 프로브들은 "
                           "답을 받지 못했습니다."),
    "f.local-error": ("the probe could not leave this machine: {what}.  Check this machine's routing table "
                      "(ip route)",
                      "프로브가 이 컴퓨터를 떠나지 못했습니다: {what}. 이 컴퓨터의 라우팅 테이블을 확인하세요 "
                      "(ip route)"),
    "f.deadline": ("the run's --deadline cut it short ({what})", "실행 전체 제한 시간(--deadline)이 중간에 끊었습니다 ({what})"),
    "f.first-hop": ("routing chose {route}, the longest of the {n} prefixes that hold the destination: the packet "
                    "goes to the gateway {gateway} on {dev}",
                    "라우팅은 목적지를 포함하는 접두사 {n}개 중 가장 긴 {route}을(를) 골랐습니다. 패킷은 {dev}의 "
                    "게이트웨이 {gateway}(으)로 갑니다"),
    "f.first-hop.on-link": ("routing chose {route}, the longest of the {n} prefixes that hold the destination: a "
                            "network we are attached to ({dev}), so {address} gets the frame directly, no router",
                            "라우팅은 목적지를 포함하는 접두사 {n}개 중 가장 긴 {route}을(를) 골랐습니다. 우리가 붙어 "
                            "있는 네트워크({dev})라서 {address}은(는) 라우터 없이 프레임을 바로 받습니다"),
    "f.first-hop.only": ("routing chose {route}, the only prefix that holds the destination: the packet goes to "
                         "the gateway {gateway} on {dev}",
                         "라우팅은 목적지를 포함하는 유일한 접두사 {route}을(를) 골랐습니다. 패킷은 {dev}의 "
                         "게이트웨이 {gateway}(으)로 갑니다"),
    "f.first-hop.local": ("{address} is one of this machine's own addresses (the local table, consulted before "
                          "any other): the packet never leaves it, it loops back on {dev}",
                          "{address}: 바로 이 컴퓨터의 주소입니다 (다른 어떤 테이블보다 먼저 보는 local "
                          "테이블). 패킷은 밖으로 나가지 않고 {dev}에서 되돌아옵니다"),
    "f.kernel-disagrees": ("the kernel's own choice differs (via {via} on {dev}): policy routing or another table "
                           "is at work; the kernel is right",
                           "커널의 선택이 다릅니다 ({dev}의 {via} 경유). 정책 라우팅이나 다른 테이블이 쓰이고 "
                           "있습니다. 맞는 쪽은 커널입니다"),
    "f.arp": ("{kind} asked 'who has {target}?', the gateway, never {address}: routing had already picked the next "
              "hop, and {kind} only found its MAC address ({mac}, in {ms})",
              "{kind}은(는) 목적지 {address}이(가) 아니라 게이트웨이 {target}을(를) 물었습니다. 다음 홉은 라우팅이 "
              "이미 정했고, {kind}은(는) 그 MAC 주소({mac})만 찾았습니다 ({ms} 걸림)"),
    "f.arp.on-link": ("{kind} asked 'who has {target}?', the destination itself, because it is on our network; "
                      "answer: {mac} (in {ms})",
                      "목적지가 같은 네트워크에 있으므로 {kind}은(는) 목적지 {target}을(를) 직접 물었습니다. "
                      "답: {mac} ({ms} 걸림)"),
    "f.mac-changes": ("the same packet, seen twice: leaving us it went {c_src} -> {c_dst}; arriving it came "
                      "{d_src} -> {d_dst}.  The IP addresses ({src} -> {dst}) are the same at both points; the TTL "
                      "went from {ttl1} to {ttl2}: {routers} routers each took one and wrote a new Ethernet header",
                      "같은 패킷을 두 번 봤습니다. 우리를 떠날 때는 {c_src} -> {c_dst}, 도착할 때는 {d_src} -> "
                      "{d_dst}였습니다. IP 주소({src} -> {dst})는 두 곳에서 같고, TTL은 {ttl1}에서 {ttl2}(으)로 "
                      "줄었습니다. 라우터 {routers}대가 하나씩 빼고 이더넷 헤더를 새로 썼습니다"),
    "f.one-point": ("one capture point only: a second one, at the destination, exists only inside the sandbox",
                    "캡처 지점은 하나뿐입니다. 목적지 쪽 두 번째 지점은 샌드박스 안에서만 있습니다"),
    "f.pmtu.local": ("path MTU {mtu} bytes: the largest packet that arrived; no router had to refuse one",
                     "경로 MTU는 {mtu}바이트입니다: 도착한 가장 큰 패킷이며, 거절한 라우터는 없었습니다"),
    "f.pmtu": ("path MTU {mtu} bytes: our link takes {local}, but {source} (hop {hop}) refused bigger packets with "
               "'fragmentation needed' (MTU {told}), so no packet of this path may be larger",
               "경로 MTU는 {mtu}바이트입니다. 우리 링크는 {local}바이트까지 되지만 {source}({hop}번째 홉)이(가) "
               "더 큰 패킷을 '단편화 필요'(MTU {told})로 거절했으므로, 이 경로의 패킷은 그보다 클 수 없습니다"),
    "f.black-hole": ("path-MTU black hole: packets of {lo} to {hi} bytes vanished without a word (no router said "
                     "'too big'); the largest that arrives is {mtu} bytes. {where}",
                     "경로 MTU 블랙홀: {lo}~{hi}바이트 패킷이 아무 말 없이 사라졌습니다 ('너무 큼'이라고 알린 "
                     "라우터가 없음). 도착하는 가장 큰 패킷은 {mtu}바이트입니다. {where}"),
    "f.black-hole.where": ("Packets that big still reached hop {after} ({source}) and died before hop {next}: the "
                           "link after hop {after} is smaller, and its router filters the ICMP that would say so.",
                           "그만한 패킷도 {after}번째 홉({source})까지는 갔고 {next}번째 홉 전에 사라졌습니다. "
                           "{after}번째 홉 다음 링크가 더 작은데, 그 라우터가 그 사실을 알리는 ICMP를 걸러 냅니다."),
    "f.black-hole.nowhere": ("Where they die could not be placed.", "어디서 사라지는지는 찾지 못했습니다."),
    "f.black-hole.detail": ("A TCP connection through this path opens (its handshake is small) and then hangs as "
                            "soon as full-size segments go: a fix is on the router (let ICMP 'fragmentation needed' "
                            "through, or clamp the MSS), or on the host (net.ipv4.tcp_mtu_probing=1).",
                            "이 경로를 지나는 TCP 연결은 (핸드셰이크는 작으니) 열리지만, 최대 크기 세그먼트를 "
                            "보내는 순간 멈춥니다. 해결은 라우터에서 ('단편화 필요' ICMP를 통과시키거나 MSS를 "
                            "줄이기) 하거나, 호스트에서 (net.ipv4.tcp_mtu_probing=1) 합니다."),
    "f.upload-failed": ("the TCP upload could not start (port {port}): {error}",
                        "TCP 업로드를 시작하지 못했습니다 (포트 {port}): {error}"),
    "f.tcp-pmtud": ("path-MTU discovery at work: TCP started with {mss1}-byte segments (path MTU {p1}); after "
                    "'fragmentation needed' from {source} it resent them as {mss2}-byte segments (path MTU {p2}). "
                    "All {n} bytes were acknowledged after {ms} ({retrans} segments sent twice)",
                    "경로 MTU 탐색이 일했습니다. TCP는 {mss1}바이트 세그먼트로 시작했고(경로 MTU {p1}), {source}의 "
                    "'단편화 필요'를 받은 뒤 {mss2}바이트 세그먼트로 다시 보냈습니다(경로 MTU {p2}). {n}바이트 "
                    "모두 {ms} 뒤에 확인 응답을 받았습니다 (두 번 보낸 세그먼트 {retrans}개)"),
    "f.tcp-acked": ("the TCP upload of {n} bytes went through with {mss1}-byte segments (path MTU {p1}) in {ms}",
                    "{n}바이트 TCP 업로드가 {mss1}바이트 세그먼트로(경로 MTU {p1}) {ms} 만에 끝났습니다"),
    "f.tcp-stall": ("the TCP upload stalled: {acked} of {n} bytes acknowledged, {retrans} retransmissions of "
                    "{mss}-byte segments, then nothing for {s} s. The connection opened (small packets pass) and "
                    "hangs on full-size ones: the black hole",
                    "TCP 업로드가 멈췄습니다. {n}바이트 중 {acked}바이트만 확인 응답을 받았고, {mss}바이트 "
                    "세그먼트를 {retrans}번 다시 보낸 뒤 {s}초 동안 아무것도 없었습니다. 연결은 열렸지만(작은 "
                    "패킷은 통과) 최대 크기 패킷에서 멈춥니다: 블랙홀입니다"),
    "f.cached": ("the kernel already knew a path MTU of {mtu} bytes for this destination (learnt earlier, kept for "
                 "a while), so TCP started small; inside the sandbox netlab forgets it first",
                 "커널은 이 목적지의 경로 MTU {mtu}바이트를 이미 알고 있었습니다(앞서 배워서 한동안 보관). 그래서 "
                 "TCP가 처음부터 작게 시작했습니다. 샌드박스 안에서는 netlab이 먼저 그것을 지웁니다"),
    # ------------------------------------------------------------------ report
    "title": ("path to {target}", "{target}까지의 경로"),
    "summary.reached": ("{address} is {hops} hops away ({protocol} probes); {silent} of them silent.",
                        "{address}은(는) {hops}홉 떨어져 있습니다 ({protocol} 프로브). 그중 {silent}개는 응답이 "
                        "없습니다."),
    "summary.reached.one": ("{address} is 1 hop away ({protocol} probes): no router in between.",
                            "{address}은(는) 1홉 떨어져 있습니다 ({protocol} 프로브): 사이에 라우터가 없습니다."),
    "summary.not-reached": ("{address} was not reached ({protocol} probes): {why}.",
                            "{address}에 닿지 못했습니다 ({protocol} 프로브): {why}."),
    "summary.no-name": ("{host} has no address: nothing was sent.", "{host}의 주소가 없어 아무것도 보내지 않았습니다."),
    "summary.mtu": (" Path MTU: {mtu} bytes.", " 경로 MTU: {mtu}바이트."),
    "summary.hole": (" A path-MTU black hole: sizes {lo} to {hi} vanish.", " 경로 MTU 블랙홀: {lo}~{hi}바이트가 사라집니다."),
    "stopped.unreachable": ("a router said there is no route", "라우터가 경로가 없다고 했습니다"),
    "stopped.max-hops": ("--max-hops was reached", "--max-hops에 도달했습니다"),
    "stopped.silent-tail": ("nothing answered past the last hop shown", "마지막 홉 뒤로 아무것도 답하지 않았습니다"),
    "stopped.deadline": ("the deadline cut it short", "제한 시간에 끊겼습니다"),
    "stopped.local-error": ("the probes could not leave this machine", "프로브가 이 컴퓨터를 떠나지 못했습니다"),
    "stopped.reached": ("reached", "도착"),
    "sec.hops": ("Hops: TTL 1, 2, 3... until the destination answers", "홉: 목적지가 답할 때까지 TTL 1, 2, 3..."),
    "sec.first-hop": ("The first hop: routing picks the gateway, then ARP finds its MAC",
                      "첫 번째 홉: 라우팅이 게이트웨이를 고르고, ARP가 그 MAC 주소를 찾는다"),
    "sec.frames": ("One packet at two points: new MACs at every hop, the same IPs", "두 지점에서 본 한 패킷: 홉마다 새 MAC, 같은 IP"),
    "sec.mtu": ("Path MTU: the largest packet that gets through", "경로 MTU: 통과하는 가장 큰 패킷"),
    "sec.upload": ("A TCP upload on this path", "이 경로로 보낸 TCP 업로드"),
    "sec.captures": ("Capture points", "캡처 지점"),
    "col.ttl": ("TTL", "TTL"),
    "col.who": ("who answered", "응답한 곳"),
    "col.rtt": ("RTT {n}", "RTT {n}"),
    "col.answer": ("what it said", "응답 내용"),
    "col.dst": ("destination", "목적지"),
    "col.plen": ("prefix length", "접두사 길이"),
    "col.via": ("gateway", "게이트웨이"),
    "col.dev": ("interface", "인터페이스"),
    "col.match": ("holds the target?", "목적지 포함?"),
    "col.point": ("capture point", "캡처 지점"),
    "col.packet": ("packet", "패킷"),
    "col.src-mac": ("source MAC", "출발지 MAC"),
    "col.dst-mac": ("destination MAC", "목적지 MAC"),
    "col.ips": ("source -> destination IP", "출발지 -> 목적지 IP"),
    "col.size": ("size (bytes)", "크기 (바이트)"),
    "col.outcome": ("what happened", "결과"),
    "col.from": ("from", "보낸 곳"),
    "col.t": ("time", "시각"),
    "col.seg": ("segment (IP bytes)", "세그먼트 (IP 바이트)"),
    "col.note": ("note", "비고"),
    "yes": ("yes", "예"),
    "no": ("no", "아니요"),
    "chosen": ("yes, the longest: chosen", "예, 가장 김: 선택됨"),
    "connected": ("(attached network)", "(연결된 네트워크)"),
    "local-route": ("(this host: local table)", "(이 호스트: local 테이블)"),
    "point.client": ("client (our interface)", "클라이언트 (우리 인터페이스)"),
    "point.destination": ("destination (its interface)", "목적지 (그 인터페이스)"),
    "packet.probe": ("our probe", "우리 프로브"),
    "packet.answer": ("the answer", "응답"),
    "owner.us": ("us", "우리"),
    "owner.destination": ("the destination", "목적지"),
    "size.passed": ("arrived (the destination answered)", "도착 (목적지가 답함)"),
    "size.too-big": ("refused: 'too big', next link's MTU {mtu}", "거절: '너무 큼', 다음 링크 MTU {mtu}"),
    "size.silent": ("vanished: no answer, no ICMP", "사라짐: 응답도 ICMP도 없음"),
    "size.local-too-big": ("too big for our own interface", "우리 인터페이스에 비해 너무 큼"),
    "size.error": ("error", "오류"),
    "seg.retrans": ("sent again", "재전송"),
    "seg.icmp": ("ICMP 'too big' from {source}: MTU {mtu}", "{source}의 ICMP '너무 큼': MTU {mtu}"),
    "who.late": ("{who} (to TTL {ttl})", "{who} (TTL {ttl}에 대한 답)"),
    "who.hint": ("* ({who}, from its 'fragmentation needed')", "* ({who}, '단편화 필요'에서 알아냄)"),
    "status.silent": ("* * *  silent (forwards, does not answer)", "* * *  무응답 (전달은 하지만 답하지 않음)"),
    "kv.target": ("target", "대상"),
    "kv.protocol": ("probes", "프로브"),
    "kv.protocol.value": ("{protocol}, {queries} per TTL, TTL 1 to {max}", "{protocol}, TTL마다 {queries}개, TTL 1~{max}"),
    "proto.udp": ("UDP to port {port} and up", "UDP, {port}번 포트부터"),
    "proto.icmp": ("ICMP echo requests", "ICMP 에코 요청"),
    "proto.tcp": ("TCP SYN to port {port}", "TCP SYN, {port}번 포트로"),
    "kv.hops": ("hops", "홉 수"),
    "kv.local": ("our interface", "우리 인터페이스"),
    "kv.route": ("route that matched", "일치한 경로"),
    "kv.next-hop": ("next hop", "다음 홉"),
    "kv.kernel": ("the kernel's own choice (ip route get)", "커널 자신의 선택 (ip route get)"),
    "kv.neighbour": ("neighbour table entry", "이웃 테이블 항목"),
    "kv.asked": ("we asked ({kind})", "직접 물어봄 ({kind})"),
    "kv.asked.value": ("who has {target}? -> {mac} in {ms}", "{target}은(는) 누구? -> {mac}, {ms}"),
    "kv.cached": ("path MTU the kernel had learnt", "커널이 배워 둔 경로 MTU"),
    "kv.local-mtu": ("our interface's MTU", "우리 인터페이스 MTU"),
    "kv.path-mtu": ("path MTU (largest that arrived)", "경로 MTU (도착한 가장 큰 크기)"),
    "kv.upload": ("sent", "보냄"),
    "kv.upload.value": ("{n} bytes to port {port}: {outcome}", "포트 {port}(으)로 {n}바이트: {outcome}"),
    "kv.mss": ("segment size (MSS in use)", "세그먼트 크기 (사용 중인 MSS)"),
    "kv.pmtu": ("path MTU (TCP_INFO)", "경로 MTU (TCP_INFO)"),
    "kv.retrans": ("retransmissions", "재전송"),
    "kv.acked": ("acknowledged", "확인 응답 받음"),
    "upload.acked": ("all acknowledged", "모두 확인 응답 받음"),
    "upload.stalled": ("stalled", "멈춤"),
    "upload.reset": ("reset", "리셋됨"),
    "upload.refused": ("refused", "거부됨"),
    "upload.timeout": ("no answer", "응답 없음"),
    "upload.error": ("error", "오류"),
    "capture.ok": ("{ifname}{host}: {frames} frames", "{ifname}{host}: 프레임 {frames}개"),
    "capture.off": ("not captured: {reason}", "캡처 안 함: {reason}"),
    "note.hops": ("Each probe leaves with a TTL (IPv6: hop limit); every router takes one off, and the router "
                  "where it reaches zero drops the packet and answers ICMP Time Exceeded from its own address.  "
                  "The RTT is that answer's round trip.  * means no answer: the router still forwards (later hops "
                  "answer), it just says nothing.",
                  "각 프로브는 TTL(IPv6는 hop limit)을 달고 떠납니다. 라우터마다 1씩 빼고, 0이 되는 라우터가 "
                  "패킷을 버리며 자기 주소에서 ICMP 시간 초과를 보냅니다. RTT는 그 응답의 왕복 시간입니다. *는 "
                  "응답이 없다는 뜻입니다. 그 라우터도 패킷은 전달합니다(뒤의 홉이 답함). 말을 하지 않을 뿐입니다."),
    "note.silent-tail": ("{n} silent TTLs after the last answer are not shown.", "마지막 응답 뒤의 무응답 TTL {n}개는 생략했습니다."),
    "note.routes": ("Every row whose prefix holds the destination matches; the longest prefix wins (default, /0, "
                    "matches everything and so loses to any other).  Routing decides where the packet goes next; "
                    "ARP comes after, for that next hop's MAC.",
                    "접두사가 목적지를 포함하는 행은 모두 일치합니다. 그중 가장 긴 접두사가 이깁니다(default, /0은 "
                    "모든 주소와 일치하므로 다른 어떤 일치에도 집니다). 패킷이 다음에 어디로 갈지는 라우팅이 정하고, "
                    "ARP는 그다음에 그 다음 홉의 MAC 주소를 찾습니다."),
    "note.permanent": ("The sandbox fills its neighbour tables in advance (PERMANENT), so that a first handshake "
                       "costs one round trip and not two; the exchange above is one netlab made itself.",
                       "샌드박스는 첫 핸드셰이크가 왕복 두 번이 아닌 한 번으로 끝나도록 이웃 테이블을 미리 채워 "
                       "둡니다(PERMANENT). 위의 교환은 netlab이 직접 한 것입니다."),
    "note.frames": ("Found at both points by its IP payload, which no router changes (there is no NAT here).",
                    "라우터가 바꾸지 않는 IP 페이로드로 두 지점에서 같은 패킷을 찾았습니다 (여기에는 NAT가 없습니다)."),
    "note.no-frames": ("Not captured at two points: {why}", "두 지점에서 캡처하지 못했습니다: {why}"),
    "note.mtu": ("Each size was sent twice with DF ('don't fragment') and the learnt path MTU ignored, as tracepath "
                 "does.", "각 크기를 DF('단편화 금지')로 두 번씩 보냈고, tracepath처럼 배워 둔 경로 MTU는 무시했습니다."),
    "note.flushed": ("Inside the sandbox netlab first made the kernel forget the path MTUs it had learnt (ip route "
                     "flush cache), so the upload starts from the interface's MTU.",
                     "샌드박스 안에서는 netlab이 먼저 커널이 배워 둔 경로 MTU를 지웠습니다(ip route flush cache). "
                     "그래서 업로드는 인터페이스 MTU에서 시작합니다."),
    "note.delivered": ("At the destination {n} data segments arrived, none larger than {max} bytes.",
                       "목적지에는 데이터 세그먼트 {n}개가 도착했고, 가장 큰 것이 {max}바이트였습니다."),
    "note.none-delivered": ("At the destination no data segment arrived at all.", "목적지에는 데이터 세그먼트가 하나도 도착하지 않았습니다."),
    "note.segments-cut": ("... {n} more segments", "... 세그먼트 {n}개 더"),
    "none": ("none", "없음"),
})
