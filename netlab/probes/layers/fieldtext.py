"""What each header field is called and what it means, in English and Korean (our own words).

Keyed by scapy's class and field name (``IP.ttl``, ``DNSQR.qname``, ``TLS_Ext.type``); a class
family stands for its members (``TLS_Ext`` for every extension, ``QUIC`` for every QUIC packet
type, ``IP`` for the IP header quoted in an ICMP error).  Elements of lists (a question, an
extension) are keyed ``el.<class>``.  messages.py registers these as catalogue keys
``layers.fl.<key>`` (the label) and ``layers.fm.<key>`` (the meaning).  A field with no entry is
shown with scapy's own name and no meaning.
"""

from __future__ import annotations

# key: (label en, label ko, meaning en, meaning ko)
FIELDS: dict[str, tuple[str, str, str, str]] = {
    # ---- Ethernet, VLAN, Linux cooked capture
    "Ether.dst": ("destination MAC", "목적지 MAC",
                  "next hop on this link: the router's, when the server is elsewhere",
                  "이 링크의 다음 홉: 서버가 다른 네트워크면 라우터의 주소"),
    "Ether.src": ("source MAC", "출발지 MAC", "the sending interface; rewritten at every router",
                  "보내는 인터페이스; 라우터마다 바뀜"),
    "Ether.type": ("EtherType", "EtherType", "what the payload is: 0x0800 IPv4, 0x86dd IPv6, 0x0806 ARP",
                   "페이로드 종류: 0x0800 IPv4, 0x86dd IPv6, 0x0806 ARP"),
    "Dot1Q.prio": ("priority", "우선순위", "802.1p class of service", "802.1p 서비스 등급"),
    "Dot1Q.dei": ("drop eligible", "폐기 가능", "may be dropped first under congestion", "혼잡하면 먼저 버려도 됨"),
    "Dot1Q.vlan": ("VLAN ID", "VLAN ID", "which virtual LAN the frame belongs to", "프레임이 속한 가상 LAN"),
    "Dot1Q.type": ("EtherType", "EtherType", "what follows the tag", "태그 뒤에 오는 것"),
    "CookedLinux.pkttype": ("packet type", "패킷 종류", "Linux's capture pseudo-header: to us, sent by us...",
                            "리눅스 캡처 가상 헤더: 우리에게 옴, 우리가 보냄..."),
    "CookedLinux.lladdrtype": ("link type", "링크 종류", "ARPHRD type of the device", "장치의 ARPHRD 종류"),
    "CookedLinux.lladdrlen": ("address length", "주소 길이", "bytes of the link address", "링크 주소의 바이트 수"),
    "CookedLinux.src": ("link address", "링크 주소", "the sender's link-layer address", "보낸 쪽의 링크 계층 주소"),
    "CookedLinux.proto": ("protocol", "프로토콜", "EtherType of the payload", "페이로드의 EtherType"),
    "Loopback.type": ("family", "주소 체계", "address family of the payload (BSD loopback)",
                      "페이로드의 주소 체계(BSD 루프백)"),

    # ---- IPv4
    "IP.version": ("version", "버전", "4: every IP header starts with its version", "4: IP 헤더는 버전으로 시작"),
    "IP.ihl": ("header length (IHL)", "헤더 길이(IHL)", "in 32-bit words: 5 = 20 bytes, 15 = 60 at most",
               "32비트 단위: 5 = 20바이트, 최대 15 = 60"),
    "IP.tos": ("DS field (ToS)", "DS 필드(ToS)", "DSCP (6 bits) and ECN (2 bits)", "DSCP(6비트)와 ECN(2비트)"),
    "IP.dscp": ("DSCP", "DSCP", "priority class for routers' queues; 0 = best effort",
                "라우터 큐의 우선순위 등급; 0 = 최선형"),
    "IP.ecn": ("ECN", "ECN", "00 not ECN-capable, 01/10 capable, 11 congestion experienced",
               "00 ECN 미지원, 01/10 지원, 11 혼잡 발생"),
    "IP.len": ("total length", "전체 길이", "bytes of this packet: header + payload", "이 패킷의 바이트 수: 헤더 + 페이로드"),
    "IP.id": ("identification", "식별자", "ties the fragments of one packet together", "한 패킷의 조각들을 묶음"),
    "IP.flags": ("flags", "플래그", "DF: do not fragment (path MTU discovery); MF: more fragments",
                 "DF: 조각내지 말 것(경로 MTU 탐색); MF: 조각이 더 있음"),
    "IP.frag": ("fragment offset", "조각 오프셋", "where a fragment's data goes, in 8-byte units",
                "조각 데이터의 위치, 8바이트 단위"),
    "IP.ttl": ("TTL", "TTL", "hops left: each router subtracts 1 and drops the packet at 0",
               "남은 홉 수: 라우터마다 1씩 줄고 0이면 버려짐"),
    "IP.proto": ("protocol", "프로토콜", "what the payload is: 6 TCP, 17 UDP, 1 ICMP",
                 "페이로드 종류: 6 TCP, 17 UDP, 1 ICMP"),
    "IP.chksum": ("header checksum", "헤더 체크섬", "covers the IP header only; each router recomputes it",
                  "IP 헤더만 검사; 라우터마다 다시 계산"),
    "IP.src": ("source address", "출발지 주소", "the sender; the same at every hop (unless a NAT rewrites it)",
               "보낸 호스트; 홉이 바뀌어도 같음(NAT가 바꾸지 않으면)"),
    "IP.dst": ("destination address", "목적지 주소", "the final destination, not the next router",
               "다음 라우터가 아니라 최종 목적지"),
    "IP.options": ("options", "옵션", "rare; present only when IHL > 5", "드묾; IHL이 5보다 클 때만 있음"),

    # ---- IPv6
    "IPv6.version": ("version", "버전", "6", "6"),
    "IPv6.tc": ("traffic class", "트래픽 클래스", "DSCP and ECN, as in IPv4's DS field", "IPv4의 DS 필드처럼 DSCP와 ECN"),
    "IPv6.dscp": ("DSCP", "DSCP", "priority class for routers' queues; 0 = best effort",
                  "라우터 큐의 우선순위 등급; 0 = 최선형"),
    "IPv6.ecn": ("ECN", "ECN", "00 not ECN-capable, 01/10 capable, 11 congestion experienced",
                 "00 ECN 미지원, 01/10 지원, 11 혼잡 발생"),
    "IPv6.fl": ("flow label", "흐름 레이블", "marks one flow's packets so routers can keep them together",
                "한 흐름의 패킷을 표시해 라우터가 같은 경로로 보내게 함"),
    "IPv6.plen": ("payload length", "페이로드 길이", "bytes after this fixed 40-byte header",
                  "고정 40바이트 헤더 뒤의 바이트 수"),
    "IPv6.nh": ("next header", "다음 헤더", "what follows: 6 TCP, 17 UDP, 58 ICMPv6, or an extension header",
                "뒤에 오는 것: 6 TCP, 17 UDP, 58 ICMPv6, 또는 확장 헤더"),
    "IPv6.hlim": ("hop limit", "홉 제한", "IPv6's TTL: each router subtracts 1", "IPv6의 TTL: 라우터마다 1씩 줆"),
    "IPv6.src": ("source address", "출발지 주소", "the sender; the same at every hop", "보낸 호스트; 홉이 바뀌어도 같음"),
    "IPv6.dst": ("destination address", "목적지 주소", "the final destination, not the next router",
                 "다음 라우터가 아니라 최종 목적지"),

    # ---- TCP
    "TCP.sport": ("source port", "출발지 포트", "the sending program (a client's port is picked by its kernel)",
                  "보내는 프로그램(클라이언트 포트는 커널이 고름)"),
    "TCP.dport": ("destination port", "목적지 포트", "the receiving program: 80 HTTP, 443 HTTPS",
                  "받는 프로그램: 80 HTTP, 443 HTTPS"),
    "TCP.seq": ("sequence number", "순서 번호", "number of this segment's first byte (a SYN's is the ISN)",
                "이 세그먼트 첫 바이트의 번호(SYN이면 ISN)"),
    "TCP.ack": ("acknowledgement number", "확인 응답 번호", "next byte expected from the peer (valid with ACK)",
                "상대에게서 다음에 받을 바이트(ACK일 때 유효)"),
    "TCP.dataofs": ("data offset", "데이터 오프셋", "header length in 32-bit words: 5 = 20 bytes, 15 = 60 at most",
                    "헤더 길이, 32비트 단위: 5 = 20바이트, 최대 15 = 60"),
    "TCP.reserved": ("reserved", "예약", "always zero", "항상 0"),
    "TCP.flags": ("flags", "플래그", "S SYN, A ACK, P PSH, F FIN, R RST, U URG, E ECE, C CWR",
                  "S SYN, A ACK, P PSH, F FIN, R RST, U URG, E ECE, C CWR"),
    "TCP.window": ("window", "윈도", "bytes the sender can still receive (scaled by WS after the handshake)",
                   "보낸 쪽이 더 받을 수 있는 바이트(핸드셰이크 뒤에는 WS만큼 배율)"),
    "TCP.chksum": ("checksum", "체크섬", "covers header, data and the IP addresses", "헤더, 데이터, IP 주소까지 검사"),
    "TCP.urgptr": ("urgent pointer", "긴급 포인터", "used with URG; practically never", "URG와 함께 씀; 거의 안 씀"),
    "TCP.options": ("options", "옵션", "present when the data offset is over 5", "데이터 오프셋이 5보다 크면 있음"),
    "TCPopt.MSS": ("MSS", "MSS", "largest TCP payload this side accepts in one segment",
                   "이쪽이 한 세그먼트로 받는 가장 큰 TCP 페이로드"),
    "TCPopt.SAckOK": ("SACK permitted", "SACK 허용", "this side can acknowledge ranges (selective ACK)",
                      "이쪽은 범위 단위 확인 응답(선택적 ACK)을 할 수 있음"),
    "TCPopt.SAck": ("SACK", "SACK", "byte ranges received beyond a gap", "빈틈 뒤에 받은 바이트 범위"),
    "TCPopt.Timestamp": ("timestamps", "타임스탬프", "sender's clock and the echo of the peer's: RTT and PAWS",
                         "보낸 쪽 시계와 상대 값의 반사: RTT와 PAWS"),
    "TCPopt.NOP": ("no-operation", "NOP", "one byte of filler aligning the next option", "다음 옵션을 맞추는 1바이트 채움"),
    "TCPopt.WScale": ("window scale", "윈도 스케일", "later windows are multiplied by 2^shift",
                      "이후 윈도 값에 2^shift를 곱함"),
    "TCPopt.EOL": ("end of options", "옵션 끝", "nothing after it is an option", "이 뒤는 옵션이 아님"),
    "TCPopt.padding": ("padding", "채움", "fills the header to a multiple of 4 bytes", "헤더를 4바이트 배수로 채움"),

    # ---- UDP
    "UDP.sport": ("source port", "출발지 포트", "the sending program", "보내는 프로그램"),
    "UDP.dport": ("destination port", "목적지 포트", "the receiving program: 53 DNS, 443 QUIC",
                  "받는 프로그램: 53 DNS, 443 QUIC"),
    "UDP.len": ("length", "길이", "header + data, in bytes: 8 at least", "헤더 + 데이터 바이트 수: 최소 8"),
    "UDP.chksum": ("checksum", "체크섬", "header, data and IP addresses; optional in IPv4, required in IPv6",
                   "헤더, 데이터, IP 주소 검사; IPv4에서는 선택, IPv6에서는 필수"),

    # ---- ICMP
    "ICMP.type": ("type", "유형", "8 echo request, 0 echo reply, 3 unreachable, 11 time exceeded",
                  "8 에코 요청, 0 에코 응답, 3 도달 불가, 11 시간 초과"),
    "ICMP.code": ("code", "코드", "detail of the type (3/3: port unreachable)", "유형의 세부(3/3: 포트 도달 불가)"),
    "ICMP.chksum": ("checksum", "체크섬", "covers the ICMP message", "ICMP 메시지 검사"),
    "ICMP.reserved": ("unused", "미사용", "zero in an unreachable message", "도달 불가 메시지에서는 0"),
    "ICMP.length": ("quoted length", "인용 길이", "RFC 4884: length of the quoted packet in words (0: not said)",
                    "RFC 4884: 인용한 패킷의 길이, 워드 단위(0: 밝히지 않음)"),
    "ICMP.nexthopmtu": ("next-hop MTU", "다음 홉 MTU", "in 'fragmentation needed' (3/4): the MTU to use",
                        "'fragmentation needed'(3/4)일 때: 써야 할 MTU"),
    "ICMP.unused": ("unused", "미사용", "zero", "0"),
    "ICMP.id": ("identifier", "식별자", "matches echo replies to requests", "에코 응답을 요청과 맞춤"),
    "ICMP.seq": ("sequence number", "순서 번호", "counts echo requests", "에코 요청 번호"),

    # ---- DNS
    "DNS.length": ("length", "길이", "over TCP only: bytes of the message that follows",
                   "TCP에서만: 뒤따르는 메시지의 바이트 수"),
    "DNS.id": ("query ID", "질의 ID", "the answer repeats it: over UDP that is how it is matched",
               "응답이 같은 값을 돌려줌: UDP에서는 이것으로 짝을 맞춤"),
    "DNS.qr": ("QR", "QR", "0 query, 1 response", "0 질의, 1 응답"),
    "DNS.opcode": ("opcode", "opcode", "0: a standard query", "0: 표준 질의"),
    "DNS.aa": ("AA", "AA", "authoritative answer: the zone's own server answered", "권한 있는 응답: 그 영역의 서버가 답함"),
    "DNS.tc": ("TC", "TC", "truncated: did not fit; ask again over TCP", "잘림: 다 담지 못했으니 TCP로 다시 물을 것"),
    "DNS.rd": ("RD", "RD", "recursion desired: resolve the whole name for me", "재귀 요청: 이름 전체를 대신 풀어 달라"),
    "DNS.ra": ("RA", "RA", "recursion available at this server", "이 서버는 재귀 질의를 해 줌"),
    "DNS.z": ("Z", "Z", "reserved, zero", "예약, 0"),
    "DNS.ad": ("AD", "AD", "authentic data: DNSSEC-validated", "인증된 데이터: DNSSEC 검증됨"),
    "DNS.cd": ("CD", "CD", "checking disabled: do not validate DNSSEC", "검증 끔: DNSSEC 검증을 하지 말 것"),
    "DNS.rcode": ("response code", "응답 코드", "0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN", "0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN"),
    "DNS.qdcount": ("questions", "질문 수", "entries in the question section", "질문 섹션의 항목 수"),
    "DNS.ancount": ("answers", "응답 수", "records in the answer section", "응답 섹션의 레코드 수"),
    "DNS.nscount": ("authority records", "권한 레코드 수", "records in the authority section", "권한 섹션의 레코드 수"),
    "DNS.arcount": ("additional records", "추가 레코드 수", "records in the additional section (EDNS's OPT too)",
                    "추가 섹션의 레코드 수(EDNS의 OPT 포함)"),
    "DNS.qd": ("question section", "질문 섹션", "what is asked", "묻는 것"),
    "DNS.an": ("answer section", "응답 섹션", "the records that answer it", "답이 되는 레코드"),
    "DNS.ns": ("authority section", "권한 섹션", "who is authoritative (referrals, SOA)", "권한 있는 서버(위임, SOA)"),
    "DNS.ar": ("additional section", "추가 섹션", "helpful extras: glue addresses, EDNS OPT", "도움이 되는 추가 정보: glue 주소, EDNS OPT"),
    "el.DNSQR": ("question", "질문", "name, type and class asked", "묻는 이름, 유형, 클래스"),
    "el.DNSRR": ("record", "레코드", "one resource record", "리소스 레코드 하나"),
    "el.DNSRROPT": ("OPT record (EDNS)", "OPT 레코드(EDNS)", "EDNS: a pseudo-record with the UDP size",
                    "EDNS: UDP 크기를 담은 가상 레코드"),
    "DNSQR.qname": ("name", "이름", "labels, each with its length byte, ending in a 0 byte",
                    "길이 바이트가 붙은 레이블들, 0바이트로 끝남"),
    "DNSQR.qtype": ("type", "유형", "what is asked: A, AAAA, MX...", "묻는 것: A, AAAA, MX..."),
    "DNSQR.unicastresponse": ("QU bit", "QU 비트", "mDNS only; 0 in ordinary DNS", "mDNS 전용; 보통 DNS에서는 0"),
    "DNSQR.qclass": ("class", "클래스", "IN: the Internet", "IN: 인터넷"),
    "DNSRR.rrname": ("name", "이름", "whose record; 2 bytes when it points to an earlier copy (compression)",
                     "누구의 레코드인지; 앞의 이름을 가리키면 2바이트(압축)"),
    "DNSRR.type": ("type", "유형", "A, AAAA, CNAME, NS...", "A, AAAA, CNAME, NS..."),
    "DNSRR.cacheflush": ("cache flush", "캐시 비움", "mDNS only", "mDNS 전용"),
    "DNSRR.rclass": ("class", "클래스", "IN: the Internet", "IN: 인터넷"),
    "DNSRR.ttl": ("TTL", "TTL", "seconds a resolver may keep it in its cache", "리졸버가 캐시에 둘 수 있는 초"),
    "DNSRR.rdlen": ("data length", "데이터 길이", "bytes of the record's data", "레코드 데이터의 바이트 수"),
    "DNSRR.rdata": ("data", "데이터", "the answer itself: an address, a name...", "답 자체: 주소, 이름..."),
    "DNSRROPT.rrname": ("name", "이름", "the root (empty)", "루트(빈 이름)"),
    "DNSRROPT.type": ("type", "유형", "OPT (41)", "OPT (41)"),
    "DNSRROPT.rclass": ("UDP payload size", "UDP 페이로드 크기", "largest UDP answer the sender takes (1232 today)",
                        "보낸 쪽이 받는 가장 큰 UDP 응답(요즘 1232)"),
    "DNSRROPT.extrcode": ("extended rcode", "확장 rcode", "upper bits of the response code", "응답 코드의 윗비트"),
    "DNSRROPT.version": ("EDNS version", "EDNS 버전", "0", "0"),
    "DNSRROPT.z": ("flags", "플래그", "DO bit: DNSSEC records wanted", "DO 비트: DNSSEC 레코드를 원함"),
    "DNSRROPT.rdlen": ("options length", "옵션 길이", "bytes of EDNS options (a cookie...)", "EDNS 옵션의 바이트 수(쿠키...)"),
    "DNSRROPT.rdata": ("options", "옵션", "EDNS options: cookie, padding...", "EDNS 옵션: 쿠키, 패딩..."),

    # ---- TLS
    "TLS.type": ("content type", "콘텐츠 유형", "22 handshake, 23 application data, 21 alert",
                 "22 핸드셰이크, 23 애플리케이션 데이터, 21 경고"),
    "TLS.version": ("record version", "레코드 버전", "legacy value (0x0301 in a first ClientHello), kept for old boxes",
                    "옛 값(첫 ClientHello에서는 0x0301), 오래된 장비를 위해 남김"),
    "TLS.len": ("length", "길이", "bytes of the record's content: 16384 at most", "레코드 내용의 바이트 수: 최대 16384"),
    "TLS.msg": ("messages", "메시지", "the handshake message(s) this record carries", "이 레코드가 나르는 핸드셰이크 메시지"),
    "el.TLSClientHello": ("ClientHello", "ClientHello", "the client's offer, in clear", "클라이언트의 제안, 평문"),
    "el.TLSServerHello": ("ServerHello", "ServerHello", "the server's choice", "서버의 선택"),
    "TLSClientHello.msgtype": ("handshake type", "핸드셰이크 유형", "1: ClientHello", "1: ClientHello"),
    "TLSClientHello.msglen": ("message length", "메시지 길이", "bytes of the message after these 4", "이 4바이트 뒤의 바이트 수"),
    "TLSClientHello.version": ("legacy version", "옛 버전", "0x0303 (TLS 1.2); the real offer is supported_versions",
                               "0x0303(TLS 1.2); 실제 제안은 supported_versions"),
    "TLSClientHello.gmt_unix_time": ("random (time part)", "난수(시간 부분)", "first 4 random bytes (scapy reads a time)",
                                     "난수의 앞 4바이트(scapy는 시간으로 읽음)"),
    "TLSClientHello.random_bytes": ("random", "난수", "32 fresh random bytes, mixed into the keys",
                                    "새로 만든 32바이트 난수, 키 계산에 들어감"),
    "TLSClientHello.sidlen": ("session ID length", "세션 ID 길이", "32 or 0", "32 또는 0"),
    "TLSClientHello.sid": ("legacy session ID", "옛 세션 ID", "random in TLS 1.3, for middlebox compatibility",
                           "TLS 1.3에서는 미들박스 호환을 위한 난수"),
    "TLSClientHello.cipherslen": ("cipher suites length", "암호 스위트 길이", "2 bytes per suite", "스위트당 2바이트"),
    "TLSClientHello.ciphers": ("cipher suites", "암호 스위트", "offered, in preference order", "선호 순서대로 제안"),
    "TLSClientHello.complen": ("compression length", "압축 길이", "1", "1"),
    "TLSClientHello.comp": ("compression", "압축", "null only: compression is gone (CRIME)", "null뿐: 압축은 폐지됨(CRIME)"),
    "TLSClientHello.extlen": ("extensions length", "확장 길이", "bytes of all extensions", "모든 확장의 바이트 수"),
    "TLSClientHello.ext": ("extensions", "확장", "server name, versions, key share...", "서버 이름, 버전, 키 공유..."),
    "el.TLS_Ext": ("extension", "확장", "one ClientHello extension", "ClientHello 확장 하나"),
    "TLS_Ext.type": ("extension type", "확장 유형", "which extension", "어떤 확장인지"),
    "TLS_Ext.len": ("extension length", "확장 길이", "bytes after these 4", "이 4바이트 뒤의 바이트 수"),
    "el.TLS_Ext_ServerName": ("server_name (SNI)", "server_name(SNI)", "the site's name, in clear",
                              "사이트 이름, 평문"),
    "el.TLS_Ext_SupportedGroups": ("supported_groups", "supported_groups", "curves and groups for (EC)DHE",
                                   "(EC)DHE에 쓸 곡선과 그룹"),
    "el.TLS_Ext_SupportedPointFormat": ("ec_point_formats", "ec_point_formats", "how EC points are encoded (TLS 1.2)",
                                        "EC 점 인코딩 방식(TLS 1.2)"),
    "el.TLS_Ext_ALPN": ("ALPN", "ALPN", "application protocols offered: h2, http/1.1", "제안한 애플리케이션 프로토콜: h2, http/1.1"),
    "el.TLS_Ext_SignatureAlgorithms": ("signature_algorithms", "signature_algorithms",
                                       "signatures the client accepts on the certificate and handshake",
                                       "인증서와 핸드셰이크에서 받아들이는 서명 방식"),
    "el.TLS_Ext_SupportedVersion_CH": ("supported_versions", "supported_versions",
                                       "the TLS versions really offered (1.3 first)", "실제로 제안하는 TLS 버전(1.3이 먼저)"),
    "el.TLS_Ext_KeyShare_CH": ("key_share", "key_share", "the client's (EC)DHE public value, sent in advance",
                               "미리 보내는 클라이언트의 (EC)DHE 공개 값"),
    "el.TLS_Ext_PSKKeyExchangeModes": ("psk_key_exchange_modes", "psk_key_exchange_modes",
                                       "how a resumed session may set its keys", "재개한 세션이 키를 정하는 방식"),
    "el.TLS_Ext_Padding": ("padding", "padding", "grows the ClientHello past sizes old boxes choke on",
                           "오래된 장비가 막히는 크기를 넘도록 ClientHello를 늘림"),
    "el.TLS_Ext_EncryptThenMAC": ("encrypt_then_mac", "encrypt_then_mac", "CBC suites only (TLS 1.2)",
                                  "CBC 스위트 전용(TLS 1.2)"),
    "el.TLS_Ext_ExtendedMasterSecret": ("extended_master_secret", "extended_master_secret",
                                        "binds TLS 1.2 keys to the whole handshake", "TLS 1.2 키를 핸드셰이크 전체에 묶음"),
    "el.TLS_Ext_SessionTicket": ("session_ticket", "session_ticket", "TLS 1.2 resumption ticket (empty: none yet)",
                                 "TLS 1.2 재개 티켓(비어 있으면 아직 없음)"),
    "el.TLS_Ext_PostHandshakeAuth": ("post_handshake_auth", "post_handshake_auth",
                                     "the client can show a certificate later", "클라이언트가 나중에 인증서를 보일 수 있음"),
    "el.TLS_Ext_RenegotiationInfo": ("renegotiation_info", "renegotiation_info", "secure renegotiation (TLS 1.2)",
                                     "안전한 재협상(TLS 1.2)"),
    "el.ServerName": ("server name", "서버 이름", "SNI: which site, readable on the wire", "SNI: 어느 사이트인지, 회선에서 읽힘"),
    "ServerName.servername": ("host name", "호스트 이름", "in clear: lets one address serve many sites",
                              "평문: 한 주소로 여러 사이트를 서비스하게 해 줌"),
    "el.ProtocolName": ("protocol", "프로토콜", "ALPN: an application protocol offered", "ALPN: 제안한 애플리케이션 프로토콜"),
    "el.KeyShareEntry": ("key share", "키 공유", "a public (EC)DHE value for one group", "한 그룹의 공개 (EC)DHE 값"),
    "KeyShareEntry.key_exchange": ("public key", "공개 키", "the client's share; the private part never leaves",
                                   "클라이언트의 공유 값; 비밀 값은 나가지 않음"),

    # ---- QUIC
    "QUIC.HeaderForm": ("header form", "헤더 형식", "1: long header (handshake packets)", "1: 긴 헤더(핸드셰이크 패킷)"),
    "QUIC.FixedBit": ("fixed bit", "고정 비트", "always 1", "항상 1"),
    "QUIC.LongPacketType": ("packet type", "패킷 유형", "0 Initial, 1 0-RTT, 2 Handshake, 3 Retry",
                            "0 Initial, 1 0-RTT, 2 Handshake, 3 Retry"),
    "QUIC.Reserved": ("reserved bits", "예약 비트", "masked by header protection", "헤더 보호로 가려짐"),
    "QUIC.PacketNumberLen": ("packet number length", "패킷 번호 길이", "masked by header protection",
                             "헤더 보호로 가려짐"),
    "QUIC.Version": ("version", "버전", "1: QUIC v1 (RFC 9000)", "1: QUIC v1(RFC 9000)"),
    "QUIC.DstConnIDLen": ("DCID length", "DCID 길이", "bytes of the destination connection ID", "목적지 연결 ID의 바이트 수"),
    "QUIC.DstConnID": ("destination connection ID", "목적지 연결 ID", "names the connection, not a stream; in clear",
                       "스트림이 아니라 연결을 가리킴; 평문"),
    "QUIC.SrcConnIDLen": ("SCID length", "SCID 길이", "bytes of the source connection ID", "출발지 연결 ID의 바이트 수"),
    "QUIC.SrcConnID": ("source connection ID", "출발지 연결 ID", "the ID the peer should use towards the sender",
                       "상대가 보낸 쪽에게 쓸 ID"),
    "QUIC.TokenLen": ("token length", "토큰 길이", "0 unless a server asked for address validation",
                      "서버가 주소 검증을 요구하지 않았으면 0"),
    "QUIC.Token": ("token", "토큰", "from a Retry or an earlier connection", "Retry나 이전 연결에서 받은 것"),
    "QUIC.Length": ("length", "길이", "bytes of packet number + payload", "패킷 번호 + 페이로드의 바이트 수"),
    "QUIC.protected": ("protected part", "보호된 부분", "packet number and frames, encrypted",
                       "패킷 번호와 프레임, 암호화됨"),
    "QUIC.SpinBit": ("spin bit", "스핀 비트", "lets observers measure RTT", "관찰자가 RTT를 잴 수 있게 함"),

    # ---- HTTP
    "HTTP.Method": ("method", "메서드", "what to do with the resource", "자원에 할 일"),
    "HTTP.Path": ("target", "대상", "the path (and query) asked for", "요청한 경로(와 쿼리)"),
    "HTTP.Http_Version": ("version", "버전", "HTTP/1.1: text lines, one request at a time per connection",
                          "HTTP/1.1: 텍스트 줄, 연결마다 한 번에 요청 하나"),
    "HTTP.Status_Code": ("status", "상태 코드", "200 OK, 301 moved, 404 not found...", "200 OK, 301 이동, 404 없음..."),
    "HTTP.Reason_Phrase": ("reason", "사유", "words for people; clients ignore it", "사람을 위한 말; 클라이언트는 무시"),
    "HTTP.line-end": ("CRLF", "CRLF", "ends the start line", "시작 줄의 끝"),
    "HTTP.header": ("header", "헤더", "one header line, CRLF included", "헤더 한 줄, CRLF 포함"),
    "HTTP.Host": ("Host", "Host", "which site on this address (required in HTTP/1.1)",
                  "이 주소의 어느 사이트인지(HTTP/1.1 필수)"),
    "HTTP.end-of-headers": ("blank line", "빈 줄", "CRLF alone: the headers end here", "CRLF만 있는 줄: 헤더가 여기서 끝남"),

    # ---- bytes without a dissector
    "QUICpad.load": ("padding", "패딩", "fills the datagram to the 1200 bytes a client's Initial needs",
                     "클라이언트 Initial에 필요한 1200바이트까지 데이터그램을 채움"),
    "Raw.load": ("data", "데이터", "bytes scapy has no dissector for here", "scapy가 여기서 해석하지 못하는 바이트"),
    "Padding.load": ("padding", "패딩", "fills a short frame to Ethernet's 60-byte minimum",
                     "짧은 프레임을 이더넷 최소 60바이트로 채움"),
}


def family(owner: str) -> str:
    """The family a scapy class shares its texts with (TLS_Ext_ServerName -> TLS_Ext, IPerror -> IP)."""
    if owner.startswith("TLS_Ext_"):
        return "TLS_Ext"
    if owner.startswith("QUIC_"):
        return "QUIC"
    if owner.startswith("TLS13"):
        return "TLS" + owner[5:]
    if owner in ("IPerror",):
        return "IP"
    if owner in ("IPerror6",):
        return "IPv6"
    if owner.endswith("error") and owner[:-5] in ("TCP", "UDP", "ICMP"):
        return owner[:-5]
    if owner == "DNSTCP":
        return "DNS"
    return owner


def key_for(owner: str, name: str, kind: str = "") -> str | None:
    """The FIELDS key for a field, trying the class, then its family; None when there is no text."""
    if kind == "element":
        for k in (f"el.{owner}", f"el.{family(owner)}"):
            if k in FIELDS:
                return k
        return None
    candidates = [f"{owner}.{name}", f"{family(owner)}.{name}"]
    if kind == "header":
        candidates = [f"HTTP.{name}", "HTTP.header"]
    for k in candidates:
        if k in FIELDS:
            return k
    return None
