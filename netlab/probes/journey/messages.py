"""Every string of the journey probe, English and Korean (netlab/i18n.py), keyed by id.

Korean style: particles stick to their word ("DNS가", "60초"); after a placeholder whose last
sound is unknown (a name, an address) only particles that do not depend on it follow (에, 에서,
의, 도, 까지, 부터), or the sentence is built so that none is needed.  Protocol names, flags,
header names and file paths stay as they are.
"""

from netlab.i18n import catalogue

M = catalogue("journey", {
    # ---------------------------------------------------------------- words
    "layer.application": ("application", "응용 계층"),
    "layer.transport": ("transport", "전송 계층"),
    "layer.network": ("network", "네트워크 계층"),
    "layer.link": ("link", "링크 계층"),
    "kind.address-bar": ("address bar", "주소창"),
    "kind.hosts-file": ("/etc/hosts", "/etc/hosts"),
    "kind.name-cache": ("name already known", "이미 아는 이름"),
    "kind.resolver": ("DNS (resolver)", "DNS(리졸버)"),
    "kind.dns-walk": ("DNS (walk from the root)", "DNS(루트부터 탐색)"),
    "kind.route": ("route", "경로 선택"),
    "kind.neighbour": ("next hop's MAC", "다음 홉의 MAC"),
    "kind.tcp": ("TCP handshake", "TCP 핸드셰이크"),
    "kind.tls": ("TLS handshake", "TLS 핸드셰이크"),
    "kind.http": ("HTTP", "HTTP"),
    "kind.subresources": ("sub-resources", "하위 리소스"),
    "kind.close": ("close", "연결 종료"),
    "side.client": ("the client (netlab)", "클라이언트(netlab)"),
    "side.server": ("the server", "서버"),
    "side.both": ("both at once", "양쪽 동시"),
    "side.unknown": ("unknown", "알 수 없음"),
    "verdict.valid": ("valid", "유효"),
    "verdict.invalid": ("invalid", "유효하지 않음"),
    "verdict.unknown": ("not checked", "확인 못 함"),
    "role.gateway": ("the gateway, not the server", "서버가 아니라 게이트웨이"),
    "role.server": ("the server itself: same network", "서버 자신: 같은 네트워크"),
    "conn.new": ("new connection #{conn}", "새 연결 #{conn}"),
    "conn.reused": ("connection #{conn} reused (keep-alive)", "연결 #{conn} 재사용(keep-alive)"),

    # ---------------------------------------------------------------- parties
    "party.browser": ("browser", "브라우저"),
    "party.hosts": ("/etc/hosts", "/etc/hosts"),
    "party.memory": ("memory", "기억"),
    "party.resolver": ("resolver {address}", "리졸버 {address}"),
    "party.walk": ("root, TLD, authoritative", "루트, TLD, 권한 서버"),
    "party.kernel": ("kernel", "커널"),
    "party.gateway": ("gateway {address}", "게이트웨이 {address}"),
    "party.neighbour": ("neighbour {address}", "이웃 {address}"),
    "party.server": ("{endpoint}", "{endpoint}"),
    "party.servers": ("servers", "서버들"),
    "party.none": ("no resolver", "리졸버 없음"),

    # ---------------------------------------------------------------- the address bar
    "addr.empty": ("nothing was typed", "아무것도 입력하지 않았습니다"),
    "addr.search": ("these words are not an address: a browser would search for them",
                    "이 글자는 주소가 아닙니다: 브라우저라면 검색어로 보냅니다"),
    "addr.scheme": ("only http:// and https:// are web addresses", "웹 주소는 http://와 https://뿐입니다"),
    "addr.no-host": ("there is no host name after the scheme", "스킴 뒤에 호스트 이름이 없습니다"),
    "addr.userinfo": ("user:password@ in the address is not supported", "주소 안의 user:password@는 지원하지 않습니다"),
    "addr.invalid": ("the host or the port cannot be right", "호스트나 포트가 올바를 수 없습니다"),
    "st.address": ("'{typed}' -> {url}", "'{typed}' -> {url}"),
    "st.address-error": ("address bar: '{typed}': {why}", "주소창: '{typed}': {why}"),
    "st.address-guessed": ("no scheme typed: {scheme}:// chosen (no HSTS list, no HTTPS-first mode)",
                           "스킴 없이 입력함: {scheme}:// 선택(HSTS 목록도, HTTPS 우선 모드도 없음)"),
    "st.address-port": ("port {port}: the default of {scheme}", "포트 {port}: {scheme}의 기본 포트"),
    "st.address-idn": ("the name {unicode} travels as {ascii} (IDN, punycode)",
                       "이름 {unicode}의 실제 전송 형태: {ascii}(IDN, 퓨니코드)"),

    # ---------------------------------------------------------------- names
    "st.cache": ("{host}: known from earlier in this visit ({address})", "{host}: 이번 방문에서 이미 찾음({address})"),
    "st.hosts-hit": ("{host} -> {addresses}: the answer, with no DNS question at all",
                     "{host} -> {addresses}: DNS 질문 없이 여기서 답이 나옴"),
    "st.hosts-miss": ("no entry for {host} ({n} entries): next, DNS", "{host} 항목 없음(항목 {n}개): 다음은 DNS"),
    "st.resolver": ("stub resolver: {qtypes} {host}? -> {answer}", "스텁 리졸버: {qtypes} {host}? -> {answer}"),
    "st.resolver-detail": ("asked {server}, the nameserver of /etc/resolv.conf, with RD=1; TTL {ttl} s, AA={aa}, RA={ra}; "
                           "CNAME chain: {chain}; {size} bytes of answers",
                           "/etc/resolv.conf의 nameserver {server}에 RD=1로 질문; TTL {ttl}초, AA={aa}, RA={ra}; "
                           "CNAME 체인: {chain}; 응답 {size}바이트"),
    "st.resolver-prime": ("netlab asked {server} once before (--warm, like an earlier visit): {answer} in {ms}",
                          "netlab이 먼저 한 번 물어봄(--warm, 앞선 방문처럼): {server}에서 {answer}, {ms}"),
    "st.resolver-fail": ("stub resolver -> {server}: {host}: {why}", "스텁 리졸버 -> {server}: {host}: {why}"),
    "st.walk": ("--cold: netlab walked from the root for {host} as a resolver with an empty cache would: "
                "{n} queries -> {answer}",
                "--cold: 캐시가 빈 리졸버처럼 netlab이 루트부터 {host}을(를) 찾음: 질의 {n}개 -> {answer}"),
    "st.walk-fail": ("--cold: netlab's walk from the root for {host}: {why}",
                     "--cold: 루트부터 {host} 탐색: {why}"),

    # ---------------------------------------------------------------- first hop
    "st.route-gw": ("route to {address}: via gateway {gateway}, {dev}, from {src}",
                    "{address}까지의 경로: 게이트웨이 {gateway} 경유, {dev}, 출발 주소 {src}"),
    "st.route-onlink": ("route to {address}: on this network ({dev}), no gateway",
                        "{address}까지의 경로: 같은 네트워크({dev}), 게이트웨이 필요 없음"),
    "st.route-local": ("routing table: {address} is this machine", "라우팅 테이블: {address}: 바로 이 컴퓨터"),
    "st.route-none": ("routing table: no route to {address} ({why})", "라우팅 테이블: {address}까지 가는 경로 없음({why})"),
    "st.route-tool": ("the kernel decides in microseconds; `ip route get` itself took {ms} (netlab's time, not "
                      "the network's)",
                      "커널은 마이크로초 만에 정합니다; `ip route get` 실행에 {ms} 걸림(네트워크가 아니라 netlab의 시간)"),
    "st.neigh": ("next hop {hop} ({role}): MAC {mac} ({state})", "다음 홉 {hop}({role}): MAC {mac}({state})"),
    "st.neigh-asked": ("{proto} on the wire: {n} frames in {ms}", "회선 위의 {proto}: 프레임 {n}개, {ms}"),
    "st.neigh-cached": ("no {proto} request on the wire: the MAC was already in the neighbour cache",
                        "회선에 {proto} 요청 없음: MAC 주소가 이미 이웃 캐시에 있었음"),
    "st.neigh-nocap": ("no capture: whether an ARP request left is not known", "캡처 없음: ARP 요청이 나갔는지 알 수 없음"),

    # ---------------------------------------------------------------- connections and HTTP
    "st.tcp": ("SYN, SYN/ACK, ACK: port {lport} -> {rport}", "SYN, SYN/ACK, ACK: {lport}번 -> {rport}번 포트"),
    "st.tcp-detail": ("source port {lport}: ephemeral, chosen by our kernel; destination port {rport} ({service})",
                      "출발 포트 {lport}: 커널이 고른 임시 포트; 목적지 포트 {rport}({service})"),
    "st.tcp-fail": ("TCP to {host}: {why}", "{host}와의 TCP: {why}"),
    "st.tls": ("SNI {sni}, ALPN {alpn}, {cipher}", "SNI {sni}, ALPN {alpn}, {cipher}"),
    "st.tls-detail": ("certificate {subject}, issued by {issuer}: verified", "인증서 {subject}, 발급자 {issuer}: 검증 통과"),
    "st.tls-fail": ("TLS with {sni}: {why}", "{sni}와의 TLS: {why}"),
    "st.http": ("{method} {host}{path} -> {status} {reason}", "{method} {host}{path} -> {status} {reason}"),
    "st.http-redirect": ("{method} {host}{path} -> {status}: {location}", "{method} {host}{path} -> {status}: {location}"),
    "st.http-detail": ("{version}; {ctype}, {bytes} bytes; first byte {ttfb} after the request; {reused}",
                       "{version}; {ctype}, {bytes}바이트; 요청 후 첫 바이트까지 {ttfb}; {reused}"),
    "st.http-fail": ("{method} {url}: {why}", "{method} {url}: {why}"),
    "st.sub": ("sub-resources from {host}: {ok} of {n}, {conns} connection(s), {bytes} bytes",
               "{host}의 하위 리소스: {n}개 중 {ok}개, 연결 {conns}개, {bytes}바이트"),
    "st.close": ("{n} connection(s) closed; {tw} in TIME_WAIT on our side", "연결 {n}개 닫음; 우리 쪽 TIME_WAIT {tw}개"),

    # ---------------------------------------------------------------- why a step failed
    "why.nxdomain": ("the name does not exist (NXDOMAIN)", "그런 이름이 없음(NXDOMAIN)"),
    "why.nodata": ("the name exists but has no address record (NODATA)", "이름은 있지만 주소 레코드가 없음(NODATA)"),
    "why.no-address": ("no address in the answer", "응답에 주소가 없음"),
    "why.servfail": ("the resolver could not find out (SERVFAIL)", "리졸버가 답을 찾지 못함(SERVFAIL)"),
    "why.refused": ("the server refused", "서버가 거부함"),
    "why.timeout": ("no answer within {s} s", "{s}초 안에 응답 없음"),
    "why.error": ("the lookup failed", "이름 찾기 실패"),
    "why.no-resolver": ("no nameserver in /etc/resolv.conf", "/etc/resolv.conf에 nameserver가 없음"),
    "why.no-source": ("/etc/nsswitch.conf names neither files nor dns for hosts",
                      "/etc/nsswitch.conf의 hosts 줄에 files도 dns도 없음"),
    "why.unreachable": ("no server of the zone answered", "그 영역의 서버가 하나도 답하지 않음"),
    "why.loop": ("the answers go round in a loop", "응답이 고리처럼 돌고 돎"),
    "why.budget": ("too many queries: netlab stopped", "질의가 너무 많아 netlab이 멈춤"),
    "why.deadline": ("the run's --deadline came first", "실행 전체의 --deadline이 먼저 끝남"),
    "why.tcp.refused": ("the server answered the SYN with RST: nothing listens on port {port}",
                        "서버가 SYN에 RST로 답함: {port}번 포트에서 듣는 프로그램이 없음"),
    "why.tcp.timeout": ("no answer to the SYN within {s} s: filtered, or the host is down",
                        "{s}초 안에 SYN에 응답 없음: 방화벽이 버리거나 호스트가 꺼짐"),
    "why.tcp.unreachable": ("the network says the host cannot be reached ({words})",
                            "네트워크가 호스트에 닿을 수 없다고 알림({words})"),
    "why.certificate": ("the certificate was rejected: {words}", "인증서가 거부됨: {words}"),
    "why.tls": ("the TLS handshake failed: {words}", "TLS 핸드셰이크 실패: {words}"),
    "why.tls.timeout": ("connected, but no TLS answer within {s} s", "연결은 됐지만 {s}초 안에 TLS 응답 없음"),
    "why.reset": ("the server reset the connection (RST)", "서버가 연결을 RST로 끊음"),
    "why.http.timeout": ("connected and asked, but no response within {s} s",
                         "연결하고 요청도 보냈지만 {s}초 안에 응답 없음"),
    "why.protocol": ("the server broke the HTTP protocol: {words}", "서버가 HTTP 규칙을 어김: {words}"),
    "why.other": ("{words}", "{words}"),

    # ---------------------------------------------------------------- the composed probes
    "nest.tcp": ("SYN -> SYN/ACK {rtt}; options {options}; first FIN: {closer}; TIME_WAIT held by {tw}",
                 "SYN -> SYN/ACK {rtt}; 옵션 {options}; 먼저 FIN을 보낸 쪽: {closer}; TIME_WAIT: {tw}"),
    "nest.tcp-failed": ("the connection did not open: {outcome} ({error})", "연결이 열리지 않음: {outcome}({error})"),
    "nest.tls": ("{version}, {kx}, ALPN {alpn}; handshake {hs}; chain of {certs} certificate(s): {verdict}; "
                 "versions accepted: {accepted}",
                 "{version}, {kx}, ALPN {alpn}; 핸드셰이크 {hs}; 인증서 {certs}개의 체인: {verdict}; "
                 "받아 주는 버전: {accepted}"),
    "nest.tls-failed": ("the handshake failed: {why}", "핸드셰이크 실패: {why}"),
    "nest.dns": ("{n} queries, zones {zones}: {answer} in {ms}", "질의 {n}개, 영역 {zones}: {answer}, {ms}"),
    "nest.h3": ("the next visit over QUIC (UDP 443): QUIC and TLS 1.3 handshake {quic}, first byte {first} after "
                "the connection began; resumed with 0-RTT: first byte after {zero}",
                "QUIC(UDP 443)으로 한 다음 방문: QUIC과 TLS 1.3 핸드셰이크 {quic}, 연결 시작 후 첫 바이트 {first}; "
                "0-RTT로 재개하면 첫 바이트까지 {zero}"),
    "nest.h3-failed": ("HTTP/3 did not work here (no QUIC answer on UDP 443): a browser stays on HTTP/2",
                       "여기서는 HTTP/3가 되지 않음(UDP 443에 QUIC 응답 없음): 브라우저는 HTTP/2에 머뭅니다"),
    "nest.error": ("{probe} could not run: {error}", "{probe} 실행 불가: {error}"),
    "nest.malformed": ("its recording is malformed: {error}", "기록이 손상됨: {error}"),

    # ---------------------------------------------------------------- findings
    "f.address": ("the address bar cannot go anywhere with '{typed}': {why}; nothing was sent",
                  "주소창이 '{typed}'(으)로는 아무 데도 갈 수 없습니다: {why}; 아무것도 보내지 않았습니다"),
    "f.https-first": ("typed without a scheme: netlab went to https://{host}/ first, as a browser in HTTPS-first mode "
                      "does; no plaintext request was sent",
                      "스킴 없이 입력: HTTPS 우선 모드의 브라우저처럼 netlab이 https://{host}/부터 갔습니다; "
                      "평문 요청은 나가지 않았습니다"),
    "f.plaintext-first": ("typed without a scheme, {host} went to http:// first, and only the server's redirect "
                          "moved the visit to https://: that first request crossed the network in plain text (port 80), "
                          "where anyone on the path could have answered instead. A browser avoids it with its HSTS "
                          "preload list (a list built into the browser) or a remembered HSTS header; netlab has "
                          "neither, and shows what happens without them",
                          "스킴 없이 입력한 {host}: 먼저 http://로 갔고, 서버의 리다이렉트가 있어서야 https://로 "
                          "옮겨졌습니다: 첫 요청은 평문(80번 포트)으로 네트워크를 지났고, 경로 위의 누구든 대신 답할 수 "
                          "있었습니다. 브라우저는 HSTS 프리로드 목록(브라우저에 내장된 목록)이나 기억해 둔 HSTS 헤더로 이를 "
                          "피합니다; netlab에는 둘 다 없어서, 그것이 없을 때 일어나는 일을 보여 줍니다"),
    "f.plaintext-only": ("{host} answered over plain http:// and never redirected to https://: every byte of this visit "
                         "was readable on the wire",
                         "{host}: 평문 http://로 답하고 https://로 보내지 않았습니다: 이번 방문의 모든 바이트를 회선에서 "
                         "읽을 수 있었습니다"),
    "f.hosts-file": ("{host} -> {address} came from /etc/hosts (nsswitch hosts: {order}): {wire}. glibc reads the "
                     "hosts file before it asks DNS, so an entry there means no DNS question at all",
                     "{host} -> {address}: /etc/hosts에서 나온 답(nsswitch hosts: {order}): {wire}. glibc는 DNS에 "
                     "묻기 전에 hosts 파일을 읽으므로, 거기 항목이 있으면 DNS 질문이 아예 없습니다"),
    "f.dns-packets": ("{n} DNS packets on the wire during the visit", "방문하는 동안 회선 위 DNS 패킷 {n}개"),
    "f.no-capture-short": ("no capture to count DNS packets", "DNS 패킷을 셀 캡처가 없음"),
    "f.lookup-order": ("the name lookup followed this machine's order (nsswitch hosts: {order}): /etc/hosts was read "
                       "first (no entry for {host}), and only then was the resolver asked",
                       "이름 찾기는 이 컴퓨터의 순서(nsswitch hosts: {order})를 따랐습니다: 먼저 /etc/hosts를 읽었고"
                       "({host} 항목 없음), 그다음에야 리졸버에 물었습니다"),
    "f.caches": ("netlab cannot see a browser's caches (its DNS cache, its HTTP cache) nor an OS cache: it starts "
                 "with none; this machine's resolv.conf points straight at the resolver ({resolver}), so the first "
                 "cache on the way is the resolver's own",
                 "netlab은 브라우저의 캐시(DNS 캐시, HTTP 캐시)도 운영체제의 캐시도 볼 수 없고, 빈 상태로 시작합니다; "
                 "이 컴퓨터의 resolv.conf는 리졸버({resolver})를 바로 가리키므로, 가는 길의 첫 캐시는 리졸버의 "
                 "캐시입니다"),
    "f.caches-local": ("netlab cannot see a browser's caches; this machine's resolv.conf points at {resolver}, a "
                       "caching stub on this machine ({stub}): that is the OS's DNS cache, and netlab cannot see "
                       "inside it",
                       "netlab은 브라우저의 캐시를 볼 수 없습니다; 이 컴퓨터의 resolv.conf는 이 컴퓨터 안의 캐시 "
                       "스텁({stub}) {resolver}을(를) 가리킵니다: 그것이 운영체제의 DNS 캐시이고, netlab은 그 안을 "
                       "볼 수 없습니다"),
    "f.resolver-aa": ("the resolver's answer for {host} came with AA=0 (TTL {ttl} s, {ms}): a recursive resolver "
                      "never answers as the authority, whether the record came from its cache or was just fetched; "
                      "AA=0 alone does not say 'cached' (compare --warm and --cold)",
                      "{host}에 대한 리졸버의 응답은 AA=0(TTL {ttl}초, {ms}): 재귀 리졸버는 캐시에서 꺼냈든 방금 "
                      "가져왔든 권한 서버로서 답하지 않습니다; AA=0만으로는 '캐시된 것'이라 말할 수 없습니다"
                      "(--warm과 --cold를 비교해 보세요)"),
    "f.resolver-warm": ("--warm: the resolver answered {host} in {before} the first time and {now} now (TTL {ttl} s): "
                        "the second answer came from its cache",
                        "--warm: 리졸버가 {host}에 처음에는 {before}, 지금은 {now}에 답했습니다(TTL {ttl}초): 두 번째 "
                        "응답은 캐시에서 나왔습니다"),
    "f.cold-walk": ("--cold: {n} name(s) found by walking from the root ({host} took {ms}): that walk is the "
                    "resolver's work on a cache miss, done with RD=0 (iterative) queries; the client itself only ever "
                    "sends one RD=1 (recursive) question",
                    "--cold: 루트부터 탐색해서 이름 {n}개를 찾음({host}에 {ms}): 이 탐색이 캐시에 없을 때 리졸버가 하는 "
                    "일이며, RD=0(반복) 질의로 이루어집니다; 클라이언트 자신은 RD=1(재귀) 질문 하나만 보냅니다"),
    "f.failed": ("the visit stopped at step {n} ({layer}, OSI {osi}): {what}; the {before} steps before it are "
                 "reported above",
                 "방문은 {n}단계({layer}, OSI {osi})에서 멈췄습니다: {what}; 그 전의 {before}단계는 위에 있습니다"),
    "f.redirect-loop": ("redirect loop: {url} was already visited in this chain (after {n} redirects); a browser "
                        "would keep going until its limit (20 in Chrome) and show ERR_TOO_MANY_REDIRECTS",
                        "리다이렉트 고리: {url}: 이번 체인에서 이미 방문한 곳입니다(리다이렉트 {n}번 뒤); 브라우저라면 "
                        "한도(Chrome은 20)까지 가다가 ERR_TOO_MANY_REDIRECTS를 보여 줍니다"),
    "f.redirect-too-many": ("more than {url} redirects: netlab stopped, as a browser does at its limit",
                            "리다이렉트가 {url}번을 넘어 netlab이 멈췄습니다(브라우저도 한도에서 멈춥니다)"),
    "f.not-followed": ("--no-follow: the redirect to {url} was not followed", "--no-follow: {url}(으)로의 리다이렉트를 따라가지 않음"),
    "f.deadline": ("the run's --deadline cut the visit: {what} was not done", "실행 전체의 --deadline 때문에 {what}: 하지 못함"),
    "f.redirect-order": ("the redirects ({chain}) came as HTTP answers: the first one only at step {n}, after {before}. "
                         "A redirect is not a first step of its own: the browser must look the name up, connect and ask "
                         "before the server can say 'go elsewhere'",
                         "리다이렉트({chain})는 HTTP 응답으로 왔습니다: 첫 번째가 {n}단계에서야, {before} 다음에. "
                         "리다이렉트는 독립된 첫 단계가 아닙니다: 서버가 '다른 곳으로 가라'고 말하려면 브라우저가 먼저 "
                         "이름을 찾고, 연결하고, 요청해야 합니다"),
    "f.downgrade": ("{src} redirected to plain {dst}: from there the visit is readable on the wire",
                    "{src}에서 평문 {dst}(으)로 리다이렉트: 그 뒤의 방문은 회선에서 읽을 수 있습니다"),
    "f.gateway": ("the route to {address} goes through the gateway {gateway}: the server is not on this network, so "
                  "the frames carry the gateway's MAC, not the server's ({evidence}); the routing table chose the "
                  "next hop, ARP only finds that hop's MAC (neighbour entry: {state})",
                  "{address}까지의 경로는 게이트웨이 {gateway}을(를) 지납니다: 서버가 같은 네트워크에 없으므로 프레임에는 "
                  "서버가 아니라 게이트웨이의 MAC이 들어갑니다({evidence}); 다음 홉은 라우팅 테이블이 정하고, ARP는 "
                  "그 홉의 MAC만 찾습니다(이웃 캐시 상태: {state})"),
    "f.gateway-mac": ("the SYN left for MAC {mac}, the gateway's is {gw_mac}", "SYN의 목적지 MAC은 {mac}, 게이트웨이의 MAC은 {gw_mac}"),
    "f.gateway-nomac": ("no capture to show the MAC", "MAC을 보여 줄 캡처 없음"),
    "f.tls-in-tcp": ("TLS started only once the TCP handshake was done, inside TCP segments to port {port}: it is not "
                     "a transport layer of its own; {sni}",
                     "TLS는 TCP 핸드셰이크가 끝난 뒤에야, {port}번 포트로 가는 TCP 세그먼트 안에서 시작했습니다: TLS는 "
                     "독립된 전송 계층이 아닙니다; {sni}"),
    "f.sni-seen": ("and the ClientHello went in clear text: the name '{sni}' (SNI) is readable in the capture",
                   "또 ClientHello는 평문으로 갔습니다: 캡처에서 이름 '{sni}'(SNI)을(를) 읽을 수 있습니다"),
    "f.sni-nocap": ("the ClientHello goes in clear text (no capture here to show its SNI)",
                    "ClientHello는 평문으로 갑니다(여기에는 SNI를 보여 줄 캡처가 없음)"),
    "f.coalescing": ("{origins} share the address {remote}: netlab, like curl, opened one connection each; a browser "
                     "may reuse the first HTTP/2 connection when the certificate covers both names (connection "
                     "coalescing)",
                     "{origins}: 주소 {remote}을(를) 함께 씁니다: netlab은 curl처럼 각각 연결을 열었습니다; 인증서가 두 "
                     "이름을 모두 담고 있으면 브라우저는 첫 HTTP/2 연결을 다시 쓸 수 있습니다(connection coalescing)"),
    "f.subresources": ("--browser-like: {n} sub-resources over {conns} connection(s), {new} of them opened for them "
                       "({versions}); HTTP/2 multiplexes a page's requests on one connection, HTTP/1.1 would open up to "
                       "6 per host",
                       "--browser-like: 하위 리소스 {n}개, 연결 {conns}개(그중 새로 연 것 {new}개, {versions}); HTTP/2는 "
                       "한 연결에서 요청을 다중화하고, HTTP/1.1이라면 호스트마다 연결을 6개까지 엽니다"),
    "f.alt-svc": ("{url} offers HTTP/3 (Alt-Svc: {value}): a browser would try QUIC on a later request or visit",
                  "{url}: HTTP/3를 제안함(Alt-Svc: {value}): 브라우저라면 다음 요청이나 다음 방문에 QUIC을 시도합니다"),
    "f.close": ("close: we sent the first FIN on {ours} connection(s), the server on {theirs}; {tw} of ours wait in "
                "TIME_WAIT (60 s on Linux): the side that closes first keeps it; {resets} ended with an RST (the other "
                "side's last bytes, a TLS close_notify or an HTTP/2 GOAWAY, reached a socket already closed, which the "
                "kernel answers with RST: then no TIME_WAIT is left)",
                "연결 종료: 우리가 먼저 FIN을 보낸 연결 {ours}개, 서버가 먼저 보낸 연결 {theirs}개; 우리 쪽 TIME_WAIT "
                "{tw}개(Linux에서 60초): 먼저 닫는 쪽이 TIME_WAIT를 가집니다; RST로 끝난 연결 {resets}개(상대의 마지막 "
                "바이트, 즉 TLS close_notify나 HTTP/2 GOAWAY가 이미 닫힌 소켓에 도착하면 커널이 RST로 답하고, 그러면 "
                "TIME_WAIT가 남지 않습니다)"),
    "f.no-capture": ("no capture ({why}): the timeline is the client's own clock; packets, ARP and the DNS count are "
                     "not shown",
                     "캡처 없음({why}): 타임라인은 클라이언트 자신의 시계입니다; 패킷, ARP, DNS 개수는 보여 주지 못합니다"),
    "f.stopped": ("the visit stopped: the server sent a Location that is not an address a browser would follow ({why})",
                  "방문이 멈춤: 서버가 보낸 Location이 브라우저가 따라갈 주소가 아님({why})"),
    "f.step-unavailable": ("the closer look '{step}' is missing: {why}", "자세히 보기 '{step}' 없음: {why}"),
    # ---------------------------------------------------------------- the report (build.py)
    "b.title": ("What happens when you type {typed} and press Enter", "{typed} 입력 후 Enter를 누르면 일어나는 일"),
    "b.summary": ("'{typed}' -> {url}: {status} after {redirects} redirect(s); {steps} steps, {conns} connection(s); "
                  "the page in {page}, everything in {total}",
                  "'{typed}' -> {url}: 리다이렉트 {redirects}번 뒤 {status}; 단계 {steps}개, 연결 {conns}개; "
                  "페이지까지 {page}, 전부 {total}"),
    "b.summary-address": ("the address bar could not make an address of the text: nothing was sent",
                          "주소창이 입력한 글자로 주소를 만들지 못해 아무것도 보내지 않았습니다"),
    "b.failed-at": ("failed at: {step}", "실패한 단계: {step}"),
    "b.sec.steps": ("The visit, step by step", "방문 과정, 단계별로"),
    "b.sec.time": ("Where did the time go", "시간은 어디에 쓰였나"),
    "b.sec.sequence": ("Every party on one diagram", "모든 참여자를 한 그림에"),
    "b.sec.names": ("Names", "이름"),
    "b.sec.connections": ("Connections", "연결"),
    "b.sec.requests": ("Requests", "요청"),
    "b.sec.closer": ("Looked at closer (netlab's own connections, after the visit)",
                     "자세히 보기(방문이 끝난 뒤 netlab이 따로 연 연결)"),
    "b.sec.system": ("This machine", "이 컴퓨터"),
    "b.col.n": ("#", "#"),
    "b.col.t": ("t", "시각"),
    "b.col.took": ("took", "걸린 시간"),
    "b.col.layer": ("layer (OSI)", "계층(OSI)"),
    "b.col.osi": ("OSI", "OSI"),
    "b.col.protocol": ("protocol", "프로토콜"),
    "b.col.party": ("with", "상대"),
    "b.col.what": ("what happened", "일어난 일"),
    "b.col.time": ("time", "시간"),
    "b.col.share": ("share", "비율"),
    "b.col.kinds": ("steps", "단계"),
    "b.col.name": ("name", "이름"),
    "b.col.source": ("answered by", "답한 곳"),
    "b.col.answer": ("answer", "답"),
    "b.col.ttl": ("TTL", "TTL"),
    "b.col.aa": ("AA", "AA"),
    "b.col.conn": ("conn", "연결"),
    "b.col.origin": ("host", "호스트"),
    "b.col.ends": ("our port -> server", "우리 포트 -> 서버"),
    "b.col.requests": ("requests", "요청 수"),
    "b.col.closed": ("first FIN", "먼저 FIN"),
    "b.col.time-wait": ("our TIME_WAIT", "우리 TIME_WAIT"),
    "b.col.purpose": ("kind", "종류"),
    "b.col.url": ("URL", "URL"),
    "b.col.status": ("status", "상태"),
    "b.col.start": ("start", "시작"),
    "b.col.end": ("end", "끝"),
    "b.col.bytes": ("bytes", "바이트"),
    "b.wire": ("on the wire (capture): {ms}", "회선 위(캡처): {ms}"),
    "b.see-step": ("in full: netlab report FILE --step {step}", "전체 보기: netlab report FILE --step {step}"),
    "b.steps-table": ("The same steps as a table", "같은 단계를 표로"),
    "b.time-note": ("Time since Enter, per layer; steps that overlap count once. Everything: {total}; the page "
                    "(the last document byte): {page}. The capture and other start-up work of netlab is not counted.",
                    "Enter 이후의 시간을 계층별로 나눔; 겹치는 단계는 한 번만 셉니다. 전부: {total}; 페이지(문서의 마지막 "
                    "바이트까지): {page}. 캡처 준비 같은 netlab 자신의 준비 시간은 세지 않습니다."),
    "b.axis.since-enter": ("time since Enter", "Enter 이후 시간"),
    "b.chart.layers": ("The steps on one time axis, by layer", "계층별로 본 한 시간 축 위의 단계"),
    "b.chart.waterfall": ("Waterfall: each request", "워터폴: 요청마다"),
    "b.who.client": ("client", "클라이언트"),
    "b.who.resolver": ("resolver", "리졸버"),
    "b.who.gateway": ("gateway", "게이트웨이"),
    "b.seq.capture": ("What crossed the client's interface (captured)", "클라이언트 인터페이스를 지난 것(캡처)"),
    "b.seq.events": ("What the client did (no capture: from its own events)",
                     "클라이언트가 한 일(캡처 없음: 자신의 이벤트에서)"),
    "b.legend": ("Who is who", "누가 누구인가"),
    "b.seq.omitted": ("{n} more messages not drawn", "그리지 않은 메시지 {n}개 더"),
    "b.source.hosts": ("/etc/hosts", "/etc/hosts"),
    "b.source.resolver": ("resolver", "리졸버"),
    "b.source.walk": ("walk (--cold)", "루트부터 탐색(--cold)"),
    "b.source.literal": ("an address", "주소 그대로"),
    "b.source.cache": ("already known", "이미 앎"),
    "b.closed.client": ("us", "우리"),
    "b.closed.server": ("the server", "서버"),
    "b.closed.unknown": ("-", "-"),
    "b.yes": ("yes", "예"),
    "b.no": ("no", "아니오"),
    "b.part.connect": ("connection set-up", "연결 준비"),
    "b.part.wait": ("waiting", "기다림"),
    "b.part.receive": ("receiving", "받는 중"),
    "b.purpose.document": ("document", "문서"),
    "b.purpose.redirect": ("redirect", "리다이렉트"),
    "b.purpose.subresource": ("sub-resource", "하위 리소스"),
    "b.closer-note": ("Each is a probe of its own, run on its own connection after the visit; its full report: "
                      "netlab report FILE --step {step} (FILE saved with --save).",
                      "각각은 방문이 끝난 뒤 따로 연 연결에서 실행한 별도 프로브입니다; 전체 보고서: "
                      "netlab report FILE --step {step}(FILE은 --save로 저장)."),
    "b.sys.nsswitch": ("nsswitch.conf hosts:", "nsswitch.conf hosts:"),
    "b.sys.resolvers": ("resolv.conf nameserver", "resolv.conf nameserver"),
    "b.sys.search": ("resolv.conf search", "resolv.conf search"),
    "b.sys.hosts": ("/etc/hosts entries", "/etc/hosts 항목 수"),
    "b.sys.dns-mode": ("DNS mode", "DNS 모드"),
    "b.sys.protocol": ("--protocol", "--protocol"),
    "b.sys.capture": ("capture", "캡처"),
    "b.sys.capture-on": ("on {ifname}: {n} frames of the visit", "{ifname}에서: 방문의 프레임 {n}개"),
})
