"""Every string of `netlab layers`, in English and Korean (netlab/i18n.py).

Keys: ``f.*`` finding messages, ``proto.*``/``pdu.*``/``tcpip.*``/``osi.*`` the names a table shows,
``fl.*``/``fm.*`` each header field's label and meaning (from fieldtext.py), the rest the report's
titles, column heads and sentences.  Placeholders are named and identical in both languages.
"""

from __future__ import annotations

from netlab.i18n import catalogue
from netlab.probes.layers.fieldtext import FIELDS

_FIELD_TEXTS = {}
for _key, (_len, _lko, _men, _mko) in FIELDS.items():
    _FIELD_TEXTS[f"fl.{_key}"] = (_len, _lko)
    _FIELD_TEXTS[f"fm.{_key}"] = (_men, _mko)

M = catalogue("layers", {
    # ---- names in the tables
    "proto.eth": ("Ethernet", "이더넷"),
    "proto.vlan": ("802.1Q VLAN tag", "802.1Q VLAN 태그"),
    "proto.sll": ("Linux cooked header", "리눅스 캡처 헤더"),
    "proto.sll2": ("Linux cooked header v2", "리눅스 캡처 헤더 v2"),
    "proto.null": ("BSD loopback header", "BSD 루프백 헤더"),
    "proto.arp": ("ARP", "ARP"),
    "proto.ipv4": ("IPv4", "IPv4"),
    "proto.ipv6": ("IPv6", "IPv6"),
    "proto.ipv6ext": ("IPv6 extension header", "IPv6 확장 헤더"),
    "proto.icmp": ("ICMP", "ICMP"),
    "proto.icmpv6": ("ICMPv6", "ICMPv6"),
    "proto.tcp": ("TCP", "TCP"),
    "proto.udp": ("UDP", "UDP"),
    "proto.quic": ("QUIC", "QUIC"),
    "proto.tls": ("TLS record", "TLS 레코드"),
    "proto.dns": ("DNS", "DNS"),
    "proto.http": ("HTTP", "HTTP"),
    "proto.HTTPRequest": ("HTTP request", "HTTP 요청"),
    "proto.HTTPResponse": ("HTTP response", "HTTP 응답"),
    "proto.data": ("data", "데이터"),
    "proto.padding": ("padding", "패딩"),
    "proto.qpad": ("datagram padding", "데이터그램 패딩"),
    "short.tls": ("TLS", "TLS"),
    "pdu.frame": ("frame", "프레임"),
    "pdu.packet": ("packet", "패킷"),
    "pdu.segment": ("segment", "세그먼트"),
    "pdu.datagram": ("datagram", "데이터그램"),
    "pdu.record": ("record", "레코드"),
    "pdu.message": ("message", "메시지"),
    "pdu.data": ("data", "데이터"),
    "pdu.padding": ("padding", "패딩"),
    "tcpip.link": ("link", "링크"),
    "tcpip.internet": ("internet", "인터넷"),
    "tcpip.transport": ("transport", "전송"),
    "tcpip.application": ("application", "애플리케이션"),
    "osi.2": ("2 data link", "2 데이터 링크"),
    "osi.3": ("3 network", "3 네트워크"),
    "osi.4": ("4 transport", "4 전송"),
    "osi.5-6": ("5-6 session/presentation", "5-6 세션/표현"),
    "osi.7": ("7 application", "7 응용"),
    "osi.?": ("?", "?"),
    "kind.dns": ("a DNS query", "DNS 질의"),
    "kind.tcp": ("a TCP SYN", "TCP SYN"),
    "kind.tls": ("a TLS ClientHello", "TLS ClientHello"),
    "kind.http": ("an HTTP request", "HTTP 요청"),
    "kind.udp": ("a QUIC Initial", "QUIC Initial"),

    # ---- title, summary
    "title.file": ("Layers: packet {packet} of {path}", "계층: {path}의 패킷 {packet}"),
    "title.recording": ("Layers: packet {packet} of the {probe} recording {path}",
                        "계층: {probe} 기록 {path}의 패킷 {packet}"),
    "title.capture": ("Layers: {what} to {target}, captured", "계층: {target}에 보낸 {what}, 캡처"),
    "title.none": ("Layers: no packet", "계층: 패킷 없음"),
    "summary.carried": ("{inner}, {n} bytes, carried in a frame of {frame} bytes ({link}): {adds}.",
                        "{inner} {n}바이트가 {frame}바이트 {link} 프레임에 실려 갑니다: {adds}."),
    "summary.empty": ("This {transport} {pdu} carries no data: its {frame}-byte frame is headers only ({adds}).",
                      "이 {transport} {pdu}에는 데이터가 없습니다: {frame}바이트 프레임 전체가 헤더입니다({adds})."),
    "summary.bare": ("{frame} bytes: {layers}.", "{frame}바이트: {layers}."),
    "summary.undissected": ("{frame} bytes that netlab cannot dissect (see the findings).",
                            "netlab이 해석할 수 없는 {frame}바이트입니다(발견 사항 참고)."),
    "summary.nothing": ("No packet to show (see the findings).", "보여 줄 패킷이 없습니다(발견 사항 참고)."),
    "adds.item": ("{proto} adds {n}", "{proto} {n}바이트"),
    "adds.first": ("{proto} adds {n} bytes", "{proto} {n}바이트"),
    "inner.message": ("{name} message", "{name} 메시지"),
    "inner.record": ("{name}", "{name}"),
    "inner.packet": ("{name} packet", "{name} 패킷"),
    "inner.data": ("payload", "페이로드"),
    "inner.padded": ("{name} packet and padding", "{name} 패킷과 패딩"),

    # ---- sections, columns, labels
    "sec.encapsulation": ("Encapsulation", "캡슐화"),
    "sec.adds": ("What each layer adds", "계층마다 더하는 것"),
    "sec.header": ("{name} header: bytes {start}-{end} ({n} bytes)", "{name} 헤더: 바이트 {start}-{end} ({n}바이트)"),
    "sec.message": ("{name}: bytes {start}-{end} ({n} bytes)", "{name}: 바이트 {start}-{end} ({n}바이트)"),
    "sec.bytes": ("Bytes", "바이트"),
    "sec.bytes-more": ("Bytes (continued)", "바이트(계속)"),
    "sec.source": ("Source", "출처"),
    "col.osi": ("OSI", "OSI"),
    "col.tcpip": ("TCP/IP", "TCP/IP"),
    "col.protocol": ("protocol", "프로토콜"),
    "col.pdu": ("unit", "단위"),
    "col.bytes": ("bytes", "바이트"),
    "col.header": ("header", "헤더"),
    "col.carries": ("carries", "싣는 것"),
    "col.size": ("size", "크기"),
    "col.field": ("field", "필드"),
    "col.bits": ("bits", "비트"),
    "col.value": ("value", "값"),
    "col.meaning": ("meaning", "의미"),
    "adds.payload-v": ("{n} bytes", "{n}바이트"),
    "adds.layer": ("+ {name} header", "+ {name} 헤더"),
    "adds.layer-v": ("+ {n} = {total}-byte {pdu}", "+ {n} = {total}바이트 {pdu}"),
    "adds.padding": ("+ Ethernet padding", "+ 이더넷 패딩"),
    "adds.padding-v": ("+ {n} = {total} bytes (60 at least)", "+ {n} = {total}바이트(최소 60)"),
    "adds.wire": ("on the cable (not captured)", "케이블 위(캡처에 없음)"),
    "adds.wire-v": ("+ 4-byte FCS = {fcs} bytes; with the 8-byte preamble and the 12-byte gap, {total} byte times",
                    "+ 4바이트 FCS = {fcs}바이트; 8바이트 프리앰블과 12바이트 간격까지 {total}바이트 시간"),
    "src.file": ("file", "파일"),
    "src.format": ("format", "형식"),
    "src.linktype": ("link type", "링크 유형"),
    "src.captured": ("captured", "캡처한 길이"),
    "src.wire": ("on the wire", "회선 위 길이"),
    "src.interface": ("interface", "인터페이스"),
    "src.filter": ("capture filter", "캡처 필터"),
    "src.sent": ("sent", "보낸 것"),
    "src.sent-v": ("{n} bytes from {local} to {remote}", "{n}바이트, {local} → {remote}"),
    "src.sent-tcp": ("a connection from {local} to {remote}", "연결: {local} → {remote}"),
    "src.reply": ("reply", "응답"),
    "src.reply-v": ("packet {packet}: {n}-byte frame from port {sport}", "패킷 {packet}: 포트 {sport}에서 온 {n}바이트 프레임"),
    "src.no-reply": ("none in this evidence", "이 증거에는 없음"),
    "src.pcap": ("pcap written", "기록한 pcap"),
    "hex.more": ("{n} more bytes: -v shows them (up to {cap})", "{n}바이트 더: -v로 보기(최대 {cap})"),
    "hex.legend-header": ("{name} header {bytes}", "{name} 헤더 {bytes}"),
    "hex.legend-message": ("{name} {bytes}", "{name} {bytes}"),
    "hex.cut": ("{n} more bytes not shown (a report shows {cap} at most)",
                "{n}바이트는 표시하지 않음(보고서는 최대 {cap}바이트)"),
    "fields.hidden": ("{n} nested fields more with -v", "-v로 중첩된 필드 {n}개 더 보기"),
    "value.protected": ("(protected)", "(보호됨)"),
    "value.items": ("{n} items", "{n}개 항목"),
    "quoted": ("(quoted in the ICMP error)", "(ICMP 오류에 인용됨)"),

    # ---- finding messages: problems with the evidence
    "f.linktype": ("link type {linktype} is not one netlab dissects (Ethernet, raw IP, Linux cooked, BSD loopback): "
                   "the {n} bytes are shown as they are",
                   "링크 유형 {linktype}: netlab이 해석하는 유형(이더넷, raw IP, 리눅스 cooked, BSD 루프백)이 아니므로 "
                   "{n}바이트를 그대로 보여 줍니다"),
    "f.undecodable": ("scapy could not take apart the bytes from offset {offset} ({layer}): they are shown undecoded",
                      "scapy가 오프셋 {offset}부터의 바이트({layer})를 해석하지 못해 그대로 보여 줍니다"),
    "f.cut-short": ("the file ends in the middle of packet {n}: it was cut short (a capture stopped abruptly, or a "
                    "partial copy); the packets before it are intact",
                    "파일이 패킷 {n} 중간에서 끝납니다: 잘린 파일입니다(캡처가 갑자기 멈췄거나 일부만 복사됨). "
                    "그 앞의 패킷은 온전합니다"),
    "f.no-packet": ("no packet {packet}: the evidence holds {frames} frames", "패킷 {packet} 없음: 증거에는 프레임이 {frames}개 있습니다"),
    "f.fields-capped": ("more than {max} fields: the rest are not listed", "필드가 {max}개를 넘어 나머지는 나열하지 않습니다"),
    "f.truncated": ("the capture kept {kept} of this frame's {wire} bytes (its snap length): what lies beyond byte "
                    "{kept} is missing, so the last layers are incomplete",
                    "캡처가 이 프레임 {wire}바이트 중 {kept}바이트만 담았습니다(snap 길이): 바이트 {kept} 뒤는 없으므로 "
                    "마지막 계층들은 불완전합니다"),
    "f.incomplete": ("the {name} at byte {offset} says it is {declared} bytes long, but this frame holds only "
                     "{have} of them: TCP carries the rest in the next segment (records and segments need not line "
                     "up), or the capture missed it",
                     "바이트 {offset}의 {name}: 길이가 {declared}바이트라고 하지만 이 프레임에는 {have}바이트뿐입니다: "
                     "나머지는 TCP가 다음 세그먼트로 나릅니다(레코드와 세그먼트의 경계는 맞지 않아도 됩니다). 아니면 "
                     "캡처에서 빠졌습니다"),

    # ---- finding messages: the capture
    "f.no-name": ("{host}: the name did not resolve ({error}), so nothing was sent",
                  "{host}: 이름을 풀지 못해({error}) 아무것도 보내지 않았습니다"),
    "f.refused": ("the server answered the SYN with RST (nothing listens on port {port}); the SYN itself is shown",
                  "서버가 SYN에 RST로 답했습니다(포트 {port}에서 듣는 프로그램 없음); SYN 자체를 보여 줍니다"),
    "f.port-unreachable": ("the server answered with ICMP port unreachable: nothing listens on UDP port {port} "
                           "there; the datagram sent is shown, and --packet {icmp} shows the ICMP error quoting it",
                           "서버가 ICMP 포트 도달 불가로 답했습니다: 그곳의 UDP 포트 {port}에서 듣는 프로그램이 "
                           "없습니다. 보낸 데이터그램을 보여 주며, --packet {icmp}로 그것을 인용한 ICMP 오류를 볼 수 "
                           "있습니다"),
    "f.timeout": ("no answer within the timeout ({message}); what was sent is shown",
                  "시간 안에 응답이 없었습니다({message}); 보낸 것을 보여 줍니다"),
    "f.exchange-failed": ("the {kind} exchange stopped: {error} ({message}); the packets captured are shown",
                          "{kind} 교환이 멈췄습니다: {error} ({message}); 캡처한 패킷을 보여 줍니다"),
    "f.nothing-captured": ("nothing was captured on {ifname} (filter: {bpf})", "{ifname}에서 캡처된 것이 없습니다(필터: {bpf})"),

    # ---- finding messages: what the bytes show
    "f.encapsulation": ("encapsulation, from the outside in: {chain}; each layer puts its header in front of what "
                        "the layer above hands it, and the receiver takes them off in the opposite order",
                        "바깥에서 안으로 캡슐화: {chain}; 각 계층은 위 계층이 넘긴 것 앞에 자기 헤더를 붙이고, 받는 쪽은 반대 "
                        "순서로 떼어 냅니다"),
    "chain.item": ("{name} {pdu} ({n} bytes)", "{name} {pdu}({n}바이트)"),
    "f.tls-over-tcp": ("the TLS record starts at byte {offset}, right where the TCP header (bytes {tstart}-{tend}) "
                       "ends: TLS travels as TCP's payload, so it works above TCP, not in layer 4; TCP still numbers "
                       "and delivers these {n} bytes, TLS protects what is inside them",
                       "TLS 레코드는 TCP 헤더(바이트 {tstart}-{tend})가 끝나는 바이트 {offset}에서 시작합니다: TLS는 "
                       "TCP의 페이로드로 실려 가므로 4계층 안이 아니라 TCP 위에서 동작합니다. 이 {n}바이트에 번호를 "
                       "매기고 전달하는 일은 TCP가, 그 안의 내용을 보호하는 일은 TLS가 합니다"),
    "f.clienthello-clear": ("the ClientHello is not encrypted: anyone on the path can read {sni}, the {n} cipher "
                            "suites offered and the key share; encryption starts only after the ServerHello",
                            "ClientHello는 암호화되지 않습니다: 경로 위의 누구나 {sni}, 제안한 암호 스위트 {n}개, 키 "
                            "공유 값을 읽을 수 있습니다. 암호화는 ServerHello 뒤에야 시작합니다"),
    "sni.named": ("the server name {name} (SNI, bytes {start}-{end})", "서버 이름 {name}(SNI, 바이트 {start}-{end})"),
    "sni.none": ("that no server name was sent (the target was an address)", "서버 이름이 없다는 사실(대상이 주소였음)"),
    "f.quic-in-udp": ("the QUIC {type} packet rides in a UDP datagram (UDP header bytes {ustart}-{uend}): QUIC does "
                      "TCP's work itself (numbering, acknowledgements, retransmission) inside its encrypted payload; "
                      "readable on the wire: the form and type bits, version {version}, the connection IDs {dcid} and "
                      "{scid}; the packet number and the {n} bytes after them are protected",
                      "QUIC {type} 패킷은 UDP 데이터그램(UDP 헤더 바이트 {ustart}-{uend})에 실려 갑니다: 번호 매기기, "
                      "확인 응답, 재전송 같은 TCP의 일은 QUIC이 암호화된 페이로드 안에서 직접 합니다. 회선에서 읽히는 "
                      "것은 형식과 유형 비트, 버전 {version}, 연결 ID({dcid}, {scid})뿐이고, 패킷 번호와 그 뒤 "
                      "{n}바이트는 보호됩니다"),
    "f.quic-1200": ("the UDP payload is {n} bytes: a client's first Initial datagram must be at least 1200 bytes "
                    "(RFC 9000), so that a server never sends an unverified address more than three times what it "
                    "received{extra}",
                    "UDP 페이로드는 {n}바이트입니다: 클라이언트의 첫 Initial 데이터그램은 1200바이트 이상이어야 하며"
                    "(RFC 9000), 그래서 서버는 검증하지 않은 주소에 받은 양의 세 배보다 많이 보내지 않습니다{extra}"),
    "quic.padding": ("; here the Initial packet is {p} bytes and {pad} bytes of padding fill the rest",
                     "; 여기서는 Initial 패킷이 {p}바이트이고 나머지 {pad}바이트는 패딩입니다"),
    "f.quic-small": ("the UDP payload is {n} bytes, under the 1200 bytes a client's first Initial must fill "
                     "(RFC 9000): a server should drop it",
                     "UDP 페이로드가 {n}바이트로, 클라이언트의 첫 Initial이 채워야 하는 1200바이트보다 작습니다"
                     "(RFC 9000): 서버는 버려야 합니다"),
    "f.icmp-error": ("this ICMP error ({what}) carries the start of the packet it is about, bytes {start}-{end}: "
                     "{chain}; from those addresses and ports the sender's kernel finds the socket to tell (here "
                     "the one on port {port}); ICMP rides in an IP packet yet belongs to layer 3, beside IP",
                     "이 ICMP 오류({what})는 문제가 된 패킷의 앞부분을 바이트 {start}-{end}에 싣고 있습니다: {chain}. "
                     "보낸 쪽 커널은 그 주소와 포트로 알릴 소켓을 찾습니다(여기서는 포트 {port}의 소켓). ICMP는 IP "
                     "패킷에 실려 가지만 IP와 같은 3계층에 속합니다"),
    "f.udp-header": ("the UDP header is {n} bytes (bytes {start}-{end}): ports, length {length}, checksum; no "
                     "sequence number, acknowledgement or window, so UDP neither orders, confirms nor resends: "
                     "{who}",
                     "UDP 헤더는 {n}바이트(바이트 {start}-{end})입니다: 포트, 길이 {length}, 체크섬. 순서 번호, 확인 "
                     "응답, 윈도가 없으므로 UDP는 순서를 맞추지도, 확인하지도, 다시 보내지도 않습니다: {who}"),
    "who.dns": ("the DNS client matches the answer by its query ID and asks again after a timeout",
                "DNS 클라이언트가 질의 ID로 응답을 맞추고, 시간이 지나면 다시 묻습니다"),
    "who.quic": ("QUIC numbers and acknowledges its packets inside its encrypted payload",
                 "QUIC이 암호화된 페이로드 안에서 패킷에 번호를 매기고 확인합니다"),
    "who.other": ("the application does that itself when it needs to", "필요하면 애플리케이션이 직접 합니다"),
    "f.udp-both-ways": ("one datagram each way: packet {q} went from port {qport} to port {sport}, and packet {a} "
                        "came back from port {sport} to port {qport} ({asize}-byte payload); UDP has no connection, "
                        "but answers travel on it as well as requests",
                        "양방향으로 데이터그램 하나씩: {q}번 패킷이 포트 {qport} → {sport}로 갔고, {a}번 패킷이 "
                        "포트 {sport} → {qport}로 돌아왔습니다(페이로드 {asize}바이트). UDP에는 연결이 없지만 "
                        "요청처럼 응답도 UDP로 오갑니다"),
    "f.udp-no-answer": ("the query left in packet {q} and no answer came back within {seconds} s: UDP itself never "
                        "resends; a DNS client would now ask again",
                        "질의는 {q}번 패킷으로 나갔지만 {seconds}초 안에 응답이 오지 않았습니다: UDP는 스스로 다시 보내지 "
                        "않으며, DNS 클라이언트라면 이제 다시 물을 것입니다"),
    "f.ecn": ("the {ip} header's only congestion signal is its 2 ECN bits (the low bits of byte {byte}): here {bits}, "
              "{meaning}; nothing else in its {hlen} bytes is about congestion: congestion control runs at the two "
              "ends (TCP, QUIC), which slow down when a router marks CE or drops a packet",
              "{ip} 헤더에서 혼잡을 알리는 것은 ECN 2비트(바이트 {byte}의 아래 두 비트)뿐입니다: 여기서는 {bits}, "
              "{meaning}. {hlen}바이트의 다른 필드는 혼잡과 관계없습니다: 혼잡 제어는 양 끝(TCP, QUIC)이 하며, 라우터가 "
              "CE로 표시하거나 패킷을 버리면 속도를 줄입니다"),
    "ecn.00": ("not ECN-capable: a congested router can only drop it", "ECN 미지원: 혼잡한 라우터는 버릴 수밖에 없음"),
    "ecn.01": ("ECN-capable (ECT(1))", "ECN 지원(ECT(1))"),
    "ecn.10": ("ECN-capable (ECT(0))", "ECN 지원(ECT(0))"),
    "ecn.11": ("congestion experienced: a router marked it instead of dropping it",
               "혼잡 발생: 라우터가 버리는 대신 표시함"),
    "f.ipv4-header": ("the IPv4 header length is counted in 32-bit words: IHL {ihl} means {ihl} × 4 = {n} bytes (15 × "
                      "4 = 60 at most, with options)",
                      "IPv4 헤더 길이는 32비트 단위로 셉니다: IHL 값 {ihl}, 곧 {ihl} × 4 = {n}바이트(옵션이 있으면 최대 "
                      "15 × 4 = 60)"),
    "f.ipv6-header": ("the IPv6 header is always 40 bytes: it has no header length and no checksum; options go in "
                      "extension headers that next header points to{ext}",
                      "IPv6 헤더는 항상 40바이트입니다: 헤더 길이 필드도 체크섬도 없고, 옵션은 다음 헤더가 가리키는 "
                      "확장 헤더에 들어갑니다{ext}"),
    "ipv6.ext": (" (here {n} bytes of them)", " (여기서는 {n}바이트)"),
    "f.tcp-header": ("the TCP header is {n} bytes: data offset {doff} × 4; 20 fixed, {opts} of options ({names})",
                     "TCP 헤더는 {n}바이트입니다: 데이터 오프셋 {doff} × 4; 고정 20, 옵션 {opts}({names})"),
    "f.tcp-header-plain": ("the TCP header is 20 bytes: data offset 5 × 4, no options",
                           "TCP 헤더는 20바이트입니다: 데이터 오프셋 5 × 4, 옵션 없음"),
    "f.mss": ("the SYN offers MSS {mss}, the largest TCP payload this side takes in one segment: {mss} + 20 (TCP) + "
              "{iph} ({ip}) = {mtu}, the MTU of the sender's link{note}",
              "SYN이 제안하는 MSS: {mss}, 이쪽이 한 세그먼트로 받는 가장 큰 TCP 페이로드입니다. {mss} + 20(TCP) + "
              "{iph}({ip}) = {mtu}, 보낸 쪽 링크의 MTU입니다{note}"),
    "mss.ethernet": (" (Ethernet's 1500)", " (이더넷의 1500)"),
    "mss.other": (" (not Ethernet's usual 1500: a tunnel, a VPN or a jumbo-frame link)",
                  " (이더넷의 보통 값 1500이 아님: 터널, VPN 또는 점보 프레임 링크)"),
    "mss.loopback": (" (loopback: its MTU is 65536, and an IP packet cannot be longer than 65535 bytes)",
                     " (루프백: MTU는 65536이고, IP 패킷은 65535바이트보다 길 수 없음)"),
    "f.padding": ("the frame ends with {n} bytes of padding after the {size}-byte IP packet: Ethernet frames are at "
                  "least 60 bytes (64 with the FCS), so short packets are padded by the sender's NIC",
                  "{size}바이트 IP 패킷 뒤에 {n}바이트 패딩이 붙었습니다: 이더넷 프레임은 최소 60바이트(FCS 포함 64)"
                  "이므로, 짧은 패킷은 보내는 NIC가 채웁니다"),
    "f.undissected": ("{n} bytes after the {below} header are shown as data: scapy has no dissector for them here "
                      "(port {port})",
                      "{below} 헤더 뒤의 {n}바이트는 데이터로 보여 줍니다: scapy가 여기(포트 {port})에서 해석하지 "
                      "못합니다"),
    **_FIELD_TEXTS,
})
