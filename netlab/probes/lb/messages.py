"""Every string the lb report shows, in English and Korean (netlab.i18n)."""

from __future__ import annotations

from netlab.i18n import catalogue

M = catalogue("lb", {
    # ------------------------------------------------------------------ titles and sections
    "title": ("Load balancing: {url}", "로드 밸런싱: {url}"),
    "sec.run": ("The run", "실행 내용"),
    "sec.spread": ("The spread: which backend answered", "분산 결과: 어느 백엔드가 답했나"),
    "sec.clients": ("Per client (source address)", "클라이언트(출발지 주소)별"),
    "sec.health": ("Health checks: {backend} failed and came back", "헬스 체크: {backend}가 죽었다가 돌아옴"),
    "sec.remap": ("The pool changed: which clients moved", "풀이 바뀜: 어떤 클라이언트가 옮겨 갔나"),
    "sec.failover": ("VIP failover (VRRP)", "VIP 페일오버(VRRP)"),
    "sec.seen": ("L4 or L7: what the backend saw", "L4인가 L7인가: 백엔드가 본 것"),
    "sec.balancer": ("The balancer's own view (HAProxy statistics, runtime API)",
                     "밸런서 자신의 기록(HAProxy 통계, 런타임 API)"),
    "sec.errors": ("Answers that were errors", "오류 응답"),
    "sec.timeline": ("Every request over time", "시간에 따른 모든 요청"),
    "sec.requests": ("Every request", "모든 요청"),
    # ------------------------------------------------------------------ key/values
    "kv.url": ("URL", "URL"),
    "kv.address": ("address", "주소"),
    "kv.balancer": ("balancer", "밸런서"),
    "kv.balancer.value": ("{names} (found in the sandbox; {vip})", "{names} (샌드박스에서 찾음; {vip})"),
    "kv.vip": ("{vip} is a virtual address (VRRP) shared by them", "이들이 나눠 쓰는 가상 주소(VRRP) {vip}"),
    "kv.own": ("{address} is the balancer's own address", "{address}는 밸런서 자신의 주소"),
    "kv.none": ("none known (no sandbox balancer has this address)", "알려진 밸런서 없음(이 주소를 가진 샌드박스 밸런서가 없음)"),
    "kv.mode": ("mode", "모드"),
    "mode.http": ("L7 (HTTP): the balancer reads each request", "L7(HTTP): 밸런서가 요청마다 내용을 읽음"),
    "mode.tcp": ("L4 (TCP): the balancer relays connections, it never reads the request",
                 "L4(TCP): 밸런서가 연결만 중계하고 요청은 읽지 않음"),
    "mode.tls": ("L4 (TCP) with TLS passed through to the backends", "L4(TCP), TLS를 백엔드까지 그대로 통과시킴"),
    "mode.unknown": ("unknown (no description of a balancer for this port)", "알 수 없음(이 포트의 밸런서 설명이 없음)"),
    "kv.tls": ("TLS", "TLS"),
    "tls.none": ("none (plain HTTP)", "없음(평문 HTTP)"),
    "tls.terminated": ("ends at the balancer (it decrypts, then talks plain HTTP to the backend)",
                       "밸런서에서 끝남(밸런서가 복호화한 뒤 백엔드와는 평문 HTTP)"),
    "tls.passthrough": ("passes through the balancer and ends at the backend", "밸런서를 통과해 백엔드에서 끝남"),
    "tls.unknown": ("unknown", "알 수 없음"),
    "kv.algorithm": ("algorithm", "알고리즘"),
    "algo.set": ("{algorithm} (switched for this run with the runtime API: set map; put back afterwards)",
                 "{algorithm}(이번 실행 동안 런타임 API의 set map으로 바꿨다가 되돌림)"),
    "algo.read": ("{algorithm} (as the balancer was set)", "{algorithm}(밸런서에 설정되어 있던 그대로)"),
    "kv.pool": ("pool", "풀"),
    "pool.value": ("{pool}: {servers}", "{pool}: {servers}"),
    "pool.routed": ("{pool}: {servers} (chosen by a {kind} rule, not by the algorithm)",
                    "{pool}: {servers}({kind} 규칙으로 골라짐, 알고리즘과 무관)"),
    "kind.host": ("Host header", "Host 헤더"),
    "kind.path": ("path", "경로"),
    "kv.clients": ("clients", "클라이언트"),
    "clients.value": ("{n} source addresses ({first} … {last}); request i comes from client i mod {n}",
                      "출발지 주소 {n}개({first} … {last}); i번째 요청은 i mod {n}번 클라이언트에서"),
    "kv.requests": ("requests", "요청"),
    "requests.value": ("{n} sent, {ok} answered, {failed} failed; each on its own TCP connection",
                       "{n}개 보냄, {ok}개 응답, {failed}개 실패; 요청마다 새 TCP 연결"),
    "kv.concurrency": ("at once", "동시에"),
    "concurrency.value": ("{c} requests in flight", "요청 {c}개씩"),
    "paced.value": ("paced: {rate:g} requests per second, each given {timeout:g} s", "일정 간격: 초당 {rate:g}개, 각 {timeout:g}초 제한"),
    "kv.slow": ("slowed", "느리게 만든 백엔드"),
    "slow.value": ("{backend}: every answer {ms:g} ms late (its runtime switch)", "{backend}: 모든 응답이 {ms:g} ms 늦음(런타임 스위치)"),
    "kv.duration": ("duration", "걸린 시간"),
    "kv.outcomes": ("outcomes", "결과"),
    # ------------------------------------------------------------------ tables
    "col.backend": ("backend", "백엔드"),
    "col.requests": ("requests", "요청 수"),
    "col.share": ("share", "비율"),
    "col.expected": ("promised", "약속된 비율"),
    "col.haproxy": ("HAProxy count", "HAProxy 집계"),
    "col.log": ("access log", "접근 로그"),
    "col.mean": ("mean time", "평균 시간"),
    "col.inflight": ("most at once", "최대 동시"),
    "col.smax": ("HAProxy max sessions", "HAProxy 최대 세션"),
    "col.client": ("client", "클라이언트"),
    "col.backends": ("backends reached (requests)", "도달한 백엔드(요청 수)"),
    "col.before": ("before", "변경 전"),
    "col.after": ("pool without {backend}", "{backend}가 빠진 풀"),
    "col.restored": ("pool whole again", "풀 복구 후"),
    "col.server": ("server", "서버"),
    "col.status": ("status", "상태"),
    "col.check": ("last health check", "마지막 헬스 체크"),
    "col.lbtot": ("chosen", "선택 횟수"),
    "col.retried": ("retries away", "재시도/재분배"),
    "col.econ": ("connect errors", "연결 오류"),
    "col.5xx": ("5xx", "5xx"),
    "col.code": ("status", "상태 코드"),
    "col.from": ("answered by", "응답한 곳"),
    "col.text": ("first line", "첫 줄"),
    "col.seq": ("#", "#"),
    "col.t": ("t", "시각"),
    "col.outcome": ("outcome", "결과"),
    "col.phase": ("phase", "단계"),
    "col.time": ("time", "소요"),
    "chart.spread": ("requests per backend", "백엔드별 요청 수"),
    "chart.requests": ("requests", "요청"),
    "chart.time": ("time", "시각"),
    "chart.failed": ("(failed)", "(실패)"),
    "part.ok": ("answered", "응답"),
    "part.error": ("failed", "실패"),
    # ------------------------------------------------------------------ outcomes and phases
    "outcome.ok": ("answered", "응답"),
    "outcome.http-error": ("HTTP error", "HTTP 오류"),
    "outcome.refused": ("refused (RST)", "거부(RST)"),
    "outcome.reset": ("reset", "리셋"),
    "outcome.timeout": ("timeout", "시간 초과"),
    "outcome.garbage": ("not HTTP", "HTTP 아님"),
    "outcome.empty": ("closed without answer", "응답 없이 닫힘"),
    "outcome.tls-error": ("TLS error", "TLS 오류"),
    "outcome.unreachable": ("unreachable", "도달 불가"),
    "outcome.error": ("error", "오류"),
    "phase.before": ("before", "이전"),
    "phase.failed": ("failing, not yet noticed", "죽었지만 아직 모름"),
    "phase.down": ("out of the pool", "풀에서 빠짐"),
    "phase.never-down": ("never marked down", "끝내 DOWN 아님"),
    "phase.restored": ("restored, not yet back", "복구됐지만 아직 복귀 전"),
    "phase.up": ("back in the pool", "풀에 복귀"),
    "phase.never-up": ("never back", "끝내 복귀 못 함"),
    "phase.cut": ("active balancer cut off", "액티브 밸런서 끊김"),
    "phase.run": ("run", "실행"),
    # ------------------------------------------------------------------ health timeline
    "h.failed": ("{backend} fails: it refuses every new connection (its runtime switch)",
                 "{backend}가 죽음: 새 연결을 모두 거부(런타임 스위치)"),
    "h.state": ("the balancer's check: {status}", "밸런서의 헬스 체크: {status}"),
    "h.down": ("DOWN: out of the pool, {ms} after the failure (inter {inter} ms x fall {fall} = {expect} ms)",
               "DOWN: 장애 {ms} 뒤 풀에서 빠짐(inter {inter} ms x fall {fall} = {expect} ms)"),
    "h.restored": ("{backend} is restored: it accepts connections again", "{backend} 복구: 다시 연결을 받음"),
    "h.up": ("UP: back in the pool, {ms} after the restore (inter {inter} ms x rise {rise} = {expect} ms)",
             "UP: 복구 {ms} 뒤 풀에 복귀(inter {inter} ms x rise {rise} = {expect} ms)"),
    "kv.detect": ("time to notice", "알아차리기까지"),
    "kv.recover": ("time to take it back", "다시 받아들이기까지"),
    "kv.failed-requests": ("our requests that failed meanwhile", "그동안 실패한 우리 요청"),
    "kv.retried": ("the balancer's retries and redispatches (wretr + wredis)", "밸런서의 재시도와 재분배(wretr + wredis)"),
    "kv.econ": ("connection errors the balancer saw", "밸런서가 겪은 연결 오류"),
    # ------------------------------------------------------------------ remap
    "kv.remap.clients": ("clients seen before and after", "변경 전후 모두 보인 클라이언트"),
    "kv.remap.moved": ("moved to another backend", "다른 백엔드로 옮겨 감"),
    "remap.moved.value": ("{moved} of {clients} ({pct}); {forced} of them were on {backend}, which left",
                          "{clients}개 중 {moved}개({pct}); 그중 {forced}개는 빠진 {backend}에 있던 것"),
    "kv.remap.theory": ("theory, one of {n} servers leaving", "이론값, 서버 {n}대 중 하나가 빠질 때"),
    "remap.theory.value": ("modulo hash about (n-1)/n = {mod}; consistent hash about 1/n = {cons}",
                           "모듈로 해시 약 (n-1)/n = {mod}; 일관 해시 약 1/n = {cons}"),
    "kv.remap.hash": ("hash", "해시"),
    "kv.remap.back": ("back on their first backend when the pool was whole again", "풀이 복구된 뒤 처음 백엔드로 돌아옴"),
    "remap.back.value": ("{returned} of {of}", "{of}개 중 {returned}개"),
    # ------------------------------------------------------------------ failover
    "f.before": ("{active} holds the VIP {vip}; the client's ARP cache: {vip} -> {mac} ({owner})",
                 "{active}가 VIP {vip}를 가짐; 클라이언트 ARP 캐시: {vip} -> {mac}({owner})"),
    "f.cut": ("{active} is cut off: its links drop everything (as if its cables were pulled)",
              "{active} 끊김: 링크가 모든 패킷을 버림(케이블을 뽑은 것처럼)"),
    "f.garp": ("gratuitous ARP from {mac} ({owner}): \"{vip} is at {mac}\"", "{mac}({owner})의 gratuitous ARP: \"{vip}는 {mac}에 있다\""),
    "f.vip": ("`ip addr` in {balancer}: the VIP is {state}", "{balancer}의 `ip addr`: VIP가 {state}"),
    "f.vip.on": ("there", "있음"),
    "f.vip.off": ("gone", "없음"),
    "f.first-ok": ("first answer after the cut: {gap} without service ({lost} requests lost)",
                   "끊긴 뒤 첫 응답: {gap} 동안 서비스 없음(요청 {lost}개 잃음)"),
    "f.restored": ("{active} is reconnected (higher priority: it takes the VIP back)",
                   "{active} 다시 연결(우선순위가 높아 VIP를 되찾음)"),
    "kv.gap": ("gap in service", "서비스 공백"),
    "gap.value": ("{gap}; {lost} requests lost", "{gap}; 요청 {lost}개 잃음"),
    "kv.theory": ("VRRP's own timing", "VRRP의 타이밍"),
    "theory.value": ("3 x advert_int + skew = 3 x {adv:g} s + (256 - {prio})/256 x {adv:g} s = {ms}",
                     "3 x advert_int + skew = 3 x {adv:g}초 + (256 - {prio})/256 x {adv:g}초 = {ms}"),
    "kv.moved": ("VIP moved", "VIP 이동"),
    "moved.value": ("to {backup} {ms} after the cut", "끊긴 지 {ms} 뒤 {backup}로"),
    "kv.arp": ("client's ARP cache for the VIP", "VIP에 대한 클라이언트 ARP 캐시"),
    "arp.value": ("{label}: {mac} ({owner}, {state})", "{label}: {mac}({owner}, {state})"),
    "arp.none": ("{label}: no entry", "{label}: 항목 없음"),
    "label.before": ("before", "이전"),
    "label.moved": ("after the move", "이동 후"),
    "label.back": ("after failback", "복귀 후"),
    "kv.back": ("failback", "복귀"),
    "back.value": ("{backup} released the VIP {ms} after the reconnect; {lost} requests lost", "재연결 {ms} 뒤 {backup}가 VIP를 내려놓음; 요청 {lost}개 잃음"),
    # ------------------------------------------------------------------ what the backend saw
    "kv.peer": ("the TCP connection came from", "TCP 연결의 출발지"),
    "peer.value": ("{peers} (the balancer's own address, not the client's)", "{peers}(클라이언트가 아니라 밸런서 자신의 주소)"),
    "peer.client": ("{peers} (the client itself: nothing in between)", "{peers}(클라이언트 자신: 중간에 아무것도 없음)"),
    "kv.xff": ("X-Forwarded-For", "X-Forwarded-For"),
    "xff.client": ("the client's address, added by the balancer, in {n} of {total} answers",
                   "밸런서가 추가한 클라이언트 주소, 응답 {total}개 중 {n}개"),
    "xff.none": ("none: no one added it (an L4 balancer cannot write into the request)",
                 "없음: 아무도 추가하지 않음(L4 밸런서는 요청에 쓸 수 없음)"),
    "kv.tls-backend": ("TLS at the backend", "백엔드에서의 TLS"),
    "tls-backend.yes": ("yes: the backend decrypted it ({n} answers)", "예: 백엔드가 복호화함(응답 {n}개)"),
    "tls-backend.no": ("no: the backend got plain HTTP", "아니오: 백엔드는 평문 HTTP를 받음"),
    "kv.cert": ("certificate the client saw", "클라이언트가 본 인증서"),
    "kv.log-check": ("the backends' access logs", "백엔드 접근 로그"),
    "log-check.value": ("{lines} lines of this run; X-Forwarded-For = the client in {n}", "이번 실행 {lines}줄; X-Forwarded-For가 클라이언트 주소인 것 {n}줄"),
    # ------------------------------------------------------------------ findings
    "no-such-name": ("{host} does not resolve: {error}", "{host}의 이름을 풀 수 없습니다: {error}"),
    "refused.needs-balancer": ("{detail} drive a sandbox balancer, and no balancer of the sandbox serves {address}: "
                               "nothing was sent", "{detail}는 샌드박스 밸런서를 조작하는 옵션인데, {address}를 맡은 "
                               "샌드박스 밸런서가 없습니다: 아무것도 보내지 않았습니다"),
    "refused.algorithm-mode": ("--algorithm {algorithm} needs a mode this frontend (port {port}, {mode}) has not: "
                               "an L4 (TCP) balancer never sees the path or a cookie, so it cannot hash a URI or "
                               "stick by cookie; use port 80 or 443 (L7)",
                               "--algorithm {algorithm}: 이 프런트엔드(포트 {port}, {mode})에 없는 모드가 필요합니다: "
                               "L4(TCP) 밸런서는 경로도 쿠키도 보지 못하므로 URI를 해시하거나 쿠키로 고정할 수 없습니다; "
                               "포트 80이나 443(L7)을 쓰세요"),
    "refused.no-frontend": ("the balancer has no frontend on port {detail}; it listens on 80 (HTTP), 443 (HTTPS), "
                            "8080 (TCP) and 8443 (TLS passthrough)",
                            "밸런서는 포트 {detail}에 프런트엔드가 없습니다; 80(HTTP), 443(HTTPS), 8080(TCP), "
                            "8443(TLS 통과)에서 듣습니다"),
    "refused.unknown-backend": ("--{opt} {name}: the balancer has no such backend (it has {known})",
                                "--{opt} {name}: 밸런서에 그런 백엔드가 없습니다(있는 것: {known})"),
    "refused.no-vip": ("--failover needs balancers that share a virtual address (VRRP); {detail} has none",
                       "--failover에는 가상 주소(VRRP)를 나눠 쓰는 밸런서가 필요합니다; {detail}에는 없습니다"),
    "refused.not-the-vip": ("--failover must go to the virtual address ({vip}), not to one balancer's own "
                            "address ({address}): only the VIP moves", "--failover는 밸런서 하나의 주소({address})가 "
                            "아니라 가상 주소({vip})로 보내야 합니다: 옮겨 가는 것은 VIP뿐입니다"),
    "nothing-answered": ("none of the {n} requests got an answer ({outcomes})", "요청 {n}개 중 응답받은 것이 없습니다({outcomes})"),
    "no-backend-alive": ("no backend alive: every answer was {status} from the balancer itself (\"{text}\"); its "
                         "statistics say every server of pool {pool} is DOWN ({checks}): with no server to send to, "
                         "a balancer can only answer 503", "살아 있는 백엔드가 없습니다: 모든 응답이 밸런서 자신이 만든 "
                         "{status}(\"{text}\")였고, 통계에 따르면 풀 {pool}의 서버가 모두 DOWN({checks})입니다: 보낼 서버가 "
                         "없으면 밸런서는 503으로 답할 수밖에 없습니다"),
    "bad-gateway": ("{n} of {total} answers were 502 Bad Gateway from {balancer}: it reached a backend, but what came "
                    "back was not a valid HTTP response (a backend answering garbage: invalid responses in HAProxy's counters: "
                    "{servers}); the other answers were fine",
                    "응답 {total}개 중 {n}개가 {balancer}의 502 Bad Gateway였습니다: 백엔드에는 닿았지만 돌아온 것이 올바른 "
                    "HTTP 응답이 아니었습니다(엉터리로 답하는 백엔드: HAProxy 카운터의 잘못된 응답 수: {servers}); 나머지 응답은 "
                    "정상이었습니다"),
    "garbage": ("the server answered {n} requests with bytes that are not HTTP ({sample}): there is no status line "
                "to read", "서버가 요청 {n}개에 HTTP가 아닌 바이트로 답했습니다({sample}): 읽을 상태 줄이 없습니다"),
    "one-server": ("every answer came from one server ({server}) and nothing says a balancer relayed it: this URL "
                   "is not behind a balancer (or its pool has a single server)",
                   "모든 응답이 한 서버({server})에서 왔고 밸런서가 중계했다는 표시가 없습니다: 이 URL은 밸런서 뒤에 "
                   "있지 않습니다(또는 풀에 서버가 하나뿐입니다)"),
    "unnamed": ("the answers do not say which server sent them (no X-Backend header): netlab cannot show a spread "
                "for {url}", "응답에 보낸 서버가 적혀 있지 않습니다(X-Backend 헤더 없음): {url}의 분산을 보여 줄 수 "
                "없습니다"),
    "several-unknown": ("{n} different servers answered, though no sandbox balancer is known for {address}",
                        "{address}에 대해 알려진 샌드박스 밸런서가 없는데도 서로 다른 서버 {n}대가 답했습니다"),
    "rr-exact": ("round robin: every backend got its turn in order, all within one request of each other ({counts})",
                 "라운드 로빈: 모든 백엔드가 차례대로 받아, 서로 한 요청 이내로 같습니다({counts})"),
    "rr-uneven": ("round robin, yet the backends differ by {diff} requests ({counts})",
                  "라운드 로빈인데 백엔드 사이에 요청 {diff}개 차이가 납니다({counts})"),
    "weighted": ("weighted round robin: shares follow the weights {weights} ({shares}); chi-square {chi2} with {df} "
                 "degrees of freedom, {verdict}", "가중 라운드 로빈: 비율이 가중치 {weights}를 따릅니다({shares}); "
                 "카이제곱 {chi2}, 자유도 {df}, {verdict}"),
    "chi.fits": ("below {crit}: it fits", "{crit}보다 작음: 들어맞음"),
    "chi.off": ("above {crit}: it does not fit", "{crit}보다 큼: 들어맞지 않음"),
    "leastconn": ("least connections: the backends that answer fastest free their connections first and get more "
                  "({counts}); the links here are unequal (one way 1, 2, 4 and 8 ms)",
                  "최소 연결: 가장 빨리 답하는 백엔드가 연결을 먼저 비우므로 더 많이 받습니다({counts}); 여기 링크는 "
                  "서로 다릅니다(편도 1, 2, 4, 8 ms)"),
    "slow": ("{backend}, slowed by {ms:g} ms, got {n} of {total} requests ({share}) and held up to {inflight} of ours "
             "at once (HAProxy's max sessions: {smax}); {why}",
             "{ms:g} ms 느려진 {backend}는 요청 {total}개 중 {n}개({share})를 받았고 우리 요청을 동시에 최대 {inflight}개 "
             "붙잡았습니다(HAProxy 최대 세션: {smax}); {why}"),
    "slow.rr": ("round robin gives it its turn whatever its load, so requests pile up there",
                "라운드 로빈은 부하와 상관없이 차례를 주므로 요청이 그곳에 쌓입니다"),
    "slow.lc": ("least connections sees its connections stay open and sends the next requests elsewhere",
                "최소 연결은 그 서버의 연결이 오래 열려 있는 것을 보고 다음 요청을 다른 곳으로 보냅니다"),
    "slow.other": ("this algorithm does not look at the load", "이 알고리즘은 부하를 보지 않습니다"),
    "hash-stable": ("{algorithm}: each client always reached the same backend ({stable} of {clients} clients), "
                    "because the backend is a function of the client's address", "{algorithm}: 클라이언트마다 항상 같은 "
                    "백엔드에 닿았습니다(클라이언트 {clients}개 중 {stable}개). 백엔드가 클라이언트 주소의 함수이기 때문입니다"),
    "hash-unstable": ("{algorithm}: {unstable} of {clients} clients reached more than one backend",
                      "{algorithm}: 클라이언트 {clients}개 중 {unstable}개가 둘 이상의 백엔드에 닿았습니다"),
    "uri-one": ("uri: every request for {path} went to {backend}: the hash of the path picks one backend per URI, "
                "whoever asks", "uri: {path}에 대한 요청은 모두 {backend}로 갔습니다: 경로의 해시가 URI마다 백엔드 하나를 "
                "고릅니다. 누가 묻든 상관없습니다"),
    "sticky": ("sticky sessions: after its first answer set the cookie {cookie}, each client came back to the same "
               "backend ({stuck} of {clients} clients); the algorithm chose a backend only {chosen} times (HAProxy's "
               "lbtot): the other {rest} requests were routed by their cookie",
               "스티키 세션: 첫 응답이 쿠키 {cookie}를 심은 뒤 클라이언트마다 같은 백엔드로 돌아왔습니다(클라이언트 "
               "{clients}개 중 {stuck}개); 알고리즘이 백엔드를 고른 것은 {chosen}번뿐이고(HAProxy의 lbtot), 나머지 요청 "
               "{rest}개는 쿠키를 보고 보냈습니다"),
    "remap": ("the pool changed ({n} servers -> {n1}) and {moved} of {clients} clients ({pct}) moved to another backend; "
              "theory for {hash} hashing: about {theory}", "풀이 바뀌자({n}대 -> {n1}대) 클라이언트 {clients}개 중 "
              "{moved}개({pct})가 다른 백엔드로 옮겨 갔습니다; {hash} 해시의 이론값은 약 {theory}"),
    "remap.source": ("\"source hashing always sends a client to the same server\" holds only while the pool stays the "
                     "same: with plain modulo hashing, one server leaving reshuffles most clients",
                     "\"소스 해싱은 항상 같은 서버로 보낸다\"는 말은 풀이 그대로일 때만 맞습니다: 단순 모듈로 해시에서는 "
                     "서버 하나가 빠지면 대부분의 클라이언트가 다시 섞입니다"),
    "remap.consistent": ("consistent hashing moved only (about) the clients of the server that left; the others kept "
                         "their backend", "일관 해시는 (대략) 빠진 서버의 클라이언트만 옮겼고, 나머지는 자기 백엔드를 지켰습니다"),
    "remap.back": ("once {backend} was back, {returned} of {of} clients were on their first backend again",
                   "{backend}가 돌아오자 클라이언트 {of}개 중 {returned}개가 다시 처음 백엔드로 갔습니다"),
    "detect": ("the balancer noticed {backend} failing after {ms} ({fall} failed checks, one every {inter} ms: "
               "about {expect}); meanwhile {failed} of our requests failed, and the balancer made {retried} retries",
               "밸런서는 {ms} 뒤에 {backend}의 장애를 알아챘습니다(헬스 체크 {fall}번 실패, {inter} ms마다 한 번: 약 "
               "{expect}); 그동안 우리 요청 {failed}개가 실패했고 밸런서는 {retried}번 재시도했습니다"),
    "detect.never": ("the balancer never marked {backend} DOWN within {s} s", "밸런서가 {s}초 안에 {backend}를 DOWN으로 "
                     "표시하지 않았습니다"),
    "hash-retry": ("with a hash, the balancer's retries go to the same server again (the hash still picks it), so "
                   "requests failed until the health checks took {backend} out; round robin would have redispatched them",
                   "해시에서는 밸런서의 재시도가 다시 같은 서버로 갑니다(해시가 여전히 그 서버를 고름). 그래서 헬스 체크가 "
                   "{backend}를 빼기 전까지 요청이 실패했습니다; 라운드 로빈이었다면 다른 서버로 재분배했을 것입니다"),
    "recover": ("{backend} was back in the pool {ms} after it recovered ({rise} good checks: about {expect})",
                "{backend}는 복구 {ms} 뒤 풀에 돌아왔습니다(정상 체크 {rise}번: 약 {expect})"),
    "failover": ("failover: {active} was cut off, {backup} took the VIP {moved} later and service came back after "
                 "{gap} ({lost} requests lost); VRRP's timing predicts at most {theory} (the backup counts from the "
                 "last advert it heard, which came up to one advert_int before the cut)",
                 "페일오버: {active}가 끊기고 {moved} 뒤 {backup}가 VIP를 가져갔으며 서비스는 {gap} 뒤 돌아왔습니다"
                 "(요청 {lost}개 잃음); VRRP 타이밍의 예측은 최대 {theory}입니다(백업은 마지막으로 들은 광고부터 세는데, "
                 "그 광고는 끊기기 최대 advert_int 전에 왔습니다)"),
    "in-flight": ("{n} request(s) reached a backend (they are in its access log) but their answers never came back: "
                  "they were in flight through {active} when it was cut off", "요청 {n}개는 백엔드에 닿았지만(접근 로그에 "
                  "있음) 응답이 돌아오지 않았습니다: {active}가 끊길 때 그곳을 지나던 중이었습니다"),
    "summary": ("{algorithm}: {spread} ({ok} of {n} requests answered)", "{algorithm}: {spread} (요청 {n}개 중 {ok}개 응답)"),
    "summary.noalgo": ("{spread} ({ok} of {n} requests answered)", "{spread} (요청 {n}개 중 {ok}개 응답)"),
    "col.count": ("answers", "응답 수"),
    "failover.none": ("the VIP never moved to {backup} within {s} s", "{s}초 안에 VIP가 {backup}로 옮겨 가지 않았습니다"),
    "garp": ("{backup} announced itself with {n} gratuitous ARPs (\"{vip} is at {mac}\"); the client's ARP cache "
             "then pointed at {mac}: no one asked, the new holder told everyone",
             "{backup}는 gratuitous ARP {n}개로 자신을 알렸습니다(\"{vip}는 {mac}에 있다\"); 그 뒤 클라이언트 ARP 캐시는 "
             "{mac}를 가리켰습니다: 아무도 묻지 않았는데 새 주인이 모두에게 알린 것입니다"),
    "garp.none": ("no gratuitous ARP was seen on the client's interface", "클라이언트 인터페이스에서 gratuitous ARP가 보이지 않았습니다"),
    "split-brain": ("while cut off, {active} still had the VIP in `ip addr` (it could not hear {backup}'s adverts, "
                    "so it stayed MASTER): both held it at once, harmless only because nobody could reach {active}",
                    "끊긴 동안 {active}의 `ip addr`에도 VIP가 남아 있었습니다({backup}의 광고를 못 들어 MASTER로 남음): "
                    "둘이 동시에 가진 셈이며, 아무도 {active}에 닿지 못했기에 무해했습니다"),
    "failback": ("when {active} came back it took the VIP again (higher priority, preemption): {backup} released it "
                 "and {lost} requests were lost", "{active}가 돌아오자 VIP를 다시 가져갔습니다(우선순위가 높고 선점 허용): "
                 "{backup}가 내려놓았고 요청 {lost}개를 잃었습니다"),
    "seen.l7": ("L7: the backend saw a connection from the balancer ({peers}), and the client's address only in "
                "X-Forwarded-For, a header the balancer wrote into each request", "L7: 백엔드가 본 연결은 밸런서({peers})에서 "
                "왔고, 클라이언트 주소는 밸런서가 요청마다 써 넣은 헤더 X-Forwarded-For에만 있었습니다"),
    "seen.l4": ("L4: the backend saw a connection from the balancer ({peers}) and no X-Forwarded-For: a TCP relay "
                "does not read or change the request, so the client's address is lost (unless PROXY protocol is used)",
                "L4: 백엔드가 본 연결은 밸런서({peers})에서 왔고 X-Forwarded-For는 없었습니다: TCP 중계는 요청을 읽지도 "
                "바꾸지도 않으므로 클라이언트 주소가 사라집니다(PROXY protocol을 쓰지 않는 한)"),
    "tls.terminated.f": ("TLS ended at the balancer: the client was shown {subject}, and the backend got plain HTTP",
                         "TLS는 밸런서에서 끝났습니다: 클라이언트가 본 인증서는 {subject}이고, 백엔드는 평문 HTTP를 받았습니다"),
    "tls.passthrough.f": ("TLS passed through the balancer: each backend showed its own certificate ({subjects}) and "
                          "decrypted the request itself; the balancer saw only encrypted bytes",
                          "TLS가 밸런서를 통과했습니다: 백엔드마다 자기 인증서({subjects})를 보였고 요청을 직접 복호화했습니다; "
                          "밸런서는 암호화된 바이트만 봤습니다"),
    "stats-match": ("the spread matches HAProxy's own counters (show stat, from its runtime API) and the backends' access "
                    "logs, request for request", "분산 결과가 HAProxy 자신의 카운터(런타임 API의 show stat) 및 백엔드 접근 로그와 "
                    "요청 하나까지 일치합니다"),
    "stats-mismatch": ("the spread and the balancer's counters or the access logs differ: {detail}",
                       "분산 결과와 밸런서 카운터 또는 접근 로그가 다릅니다: {detail}"),
    "sources-short": ("asked for {asked} clients, but this host has {have} addresses on {dev}: clients share addresses",
                      "클라이언트 {asked}개를 요청했지만 이 호스트의 {dev}에는 주소가 {have}개뿐입니다: 클라이언트들이 주소를 "
                      "나눠 씁니다"),
    "routed": ("this URL is routed by a {kind} rule to pool {pool}: the algorithm applies only to the default pool",
               "이 URL은 {kind} 규칙에 따라 풀 {pool}로 갑니다: 알고리즘은 기본 풀에만 적용됩니다"),
    "api-failed": ("the balancer's runtime API failed ({balancer}: {command}: {error}): its view is missing",
                   "밸런서 런타임 API가 실패했습니다({balancer}: {command}: {error}): 밸런서 쪽 기록이 빠집니다"),
    "switch-failed": ("the backend switch did not take ({backend} {mode}: {error})",
                      "백엔드 스위치가 적용되지 않았습니다({backend} {mode}: {error})"),
    "deadline": ("the run's deadline ({s:g} s) cut it short: {skipped} were not sent",
                 "실행 제한 시간({s:g}초)이 끝나 {skipped}를 보내지 못했습니다"),
    "link-failed": ("cutting {balancer} off failed: {error}", "{balancer}를 끊지 못했습니다: {error}"),
    "capture": ("the ARP capture did not run ({reason}): the gratuitous ARPs are not shown",
                "ARP 캡처가 동작하지 않았습니다({reason}): gratuitous ARP를 보여 줄 수 없습니다"),
    "verdict.ok": ("fits", "들어맞음"),
})
