"""Every string of the nat probe, English and Korean (netlab/i18n.py), keyed by id.

Korean style: particles stick to their word ("NAT가", "5초"); after a placeholder whose last sound is
unknown (an address, a host name) the sentence is built so that none is needed ("{router} 라우터",
"{src}에서 온").  RFC terms (endpoint-independent...) are given in Korean with the English in
parentheses where a student will meet the English in RFCs and tools.
"""

from __future__ import annotations

from netlab.i18n import Both, T, catalogue

M = catalogue("nat", {
    # ---------------------------------------------------------------- behaviours and their reasons
    "b.endpoint-independent": ("endpoint-independent", "엔드포인트 독립(endpoint-independent)"),
    "b.address-dependent": ("address-dependent", "주소 의존(address-dependent)"),
    "b.address-and-port-dependent": ("address-and-port-dependent", "주소·포트 의존(address-and-port-dependent)"),
    "b.none": ("no NAT", "NAT 없음"),
    "b.unknown": ("unknown", "알 수 없음"),
    "b.yes": ("yes", "예"),
    "b.no": ("no", "아니요"),
    "b.?": ("?", "?"),
    "reason.no-answer": ("the server did not answer the first Binding request",
                         "서버가 첫 Binding 요청에 답하지 않았습니다"),
    "reason.no-mapped-address": ("the answer named no mapped address", "응답에 매핑된 주소가 없었습니다"),
    "reason.no-nat": ("the server saw our own address and port: no NAT between us",
                      "서버가 우리 자신의 주소와 포트를 보았습니다: 사이에 NAT가 없습니다"),
    "reason.one-address": ("the server has one address (no OTHER-ADDRESS): the tests that need its other "
                           "address or port cannot be run",
                           "서버 주소가 하나뿐입니다(OTHER-ADDRESS 없음): 서버의 다른 주소나 포트가 필요한 "
                           "테스트는 할 수 없습니다"),
    "reason.test-unanswered": ("a test got no answer even after retransmissions",
                               "재전송 뒤에도 답이 없는 테스트가 있었습니다"),
    "reason.inconsistent": ("the tests contradict each other (a lost packet, or a NAT that changes its mind)",
                            "테스트 결과가 서로 어긋납니다(패킷 손실이거나, 동작이 바뀌는 NAT)"),
    "reason.same-everywhere": ("the same public address and port towards the primary address, the other address "
                               "and the other port",
                               "기본 주소, 다른 주소, 다른 포트 어느 쪽으로 보내도 공인 주소와 포트가 같았습니다"),
    "reason.changes-with-address": ("a new public port towards the other address, the same one for both of its ports",
                                    "다른 주소로 보내자 공인 포트가 바뀌었고, 그 주소의 두 포트에는 같은 포트였습니다"),
    "reason.changes-with-port": ("a new public port for every destination address and port",
                                 "목적지 주소와 포트마다 새 공인 포트가 쓰였습니다"),
    "reason.change-refused": ("the server refused CHANGE-REQUEST (an error response): it cannot answer from "
                              "another address",
                              "서버가 CHANGE-REQUEST를 거부했습니다(오류 응답): 다른 주소에서 답할 수 없습니다"),
    "reason.change-ignored": ("the server answered a CHANGE-REQUEST from the address we sent it to: it ignored "
                              "the request, so the answer says nothing about filtering",
                              "서버가 CHANGE-REQUEST에 우리가 보낸 그 주소에서 답했습니다: 요청을 무시한 것이라 "
                              "필터링에 대해 아무것도 알려 주지 않습니다"),
    "reason.unexpected-source": ("an answer came from an address the test did not ask for",
                                 "테스트가 요청하지 않은 주소에서 응답이 왔습니다"),
    "reason.from-anywhere": ("the answer from the server's other address and port got in",
                             "서버의 다른 주소·다른 포트에서 온 응답이 들어왔습니다"),
    "reason.from-same-address": ("only the answer from the same address (other port) got in",
                                 "같은 주소(다른 포트)에서 온 응답만 들어왔습니다"),
    "reason.from-same-endpoint": ("neither the other address nor the other port got in, while plain requests "
                                  "were answered",
                                  "일반 요청에는 답이 오는데, 다른 주소에서도 다른 포트에서도 들어오지 못했습니다"),
    "reason.lost": ("no answer, and the control request was not answered either: packets were lost, which is "
                    "not filtering",
                    "답이 없었고 확인용 요청에도 답이 없었습니다: 패킷이 손실된 것이지 필터링이 아닙니다"),
    "reason.no-mapping": ("no public address to test", "테스트할 공인 주소가 없습니다"),
    "reason.no": ("a request sent to our own public address never came back in", "우리 공인 주소로 보낸 요청이 다시 "
                  "들어오지 않았습니다"),
    "reason.yes-translated": ("it came back in from our public address: the NAT translated its source too",
                              "우리 공인 주소에서 다시 들어왔습니다: NAT가 출발지까지 변환했습니다"),
    "reason.yes-untranslated": ("it came back in from our private address: the NAT did not translate its source",
                                "우리 사설 주소에서 다시 들어왔습니다: NAT가 출발지를 변환하지 않았습니다"),
    "reason.yes-other-source": ("it came back in, from another address", "다른 주소에서 다시 들어왔습니다"),
    "reason.unknown-mapping": ("a side's mapping behaviour is unknown", "한쪽의 매핑 동작을 알 수 없습니다"),
    "reason.both-independent": ("both mappings are endpoint-independent: each side's packets come from the "
                                "address the other learnt from STUN",
                                "양쪽 매핑이 모두 엔드포인트 독립입니다: 각자의 패킷이 상대가 STUN으로 알아낸 "
                                "주소에서 나갑니다"),
    "reason.both-dependent": ("both NATs make a new mapping towards the peer: neither address learnt from STUN "
                              "is the one that will be used",
                              "두 NAT 모두 상대 쪽으로 새 매핑을 만듭니다: STUN으로 알아낸 주소는 어느 쪽도 실제로 "
                              "쓰이지 않습니다"),
    "reason.unknown-filtering": ("the filtering behaviour that decides it is unknown",
                                 "결과를 좌우할 필터링 동작을 알 수 없습니다"),
    "reason.dependent-meets-open": ("one side's packets come from a new port, and the other side's NAT lets in "
                                    "any port of an address it sent to: both learn the new address (peer-reflexive)",
                                    "한쪽 패킷은 새 포트에서 나오지만, 다른 쪽 NAT가 보낸 적 있는 주소라면 어느 "
                                    "포트든 들여보냅니다: 양쪽 모두 새 주소(피어 반사 후보)를 알게 됩니다"),
    "reason.dependent-meets-port-filter": ("one side's packets come from a new port, and the other side's NAT "
                                           "lets in only the exact address and port it sent to",
                                           "한쪽 패킷은 새 포트에서 나오는데, 다른 쪽 NAT는 자신이 보낸 바로 그 "
                                           "주소와 포트만 들여보냅니다"),
    "predicted.direct": ("direct", "직접 연결"),
    "predicted.relay": ("a relay", "릴레이 필요"),
    "predicted.unknown": ("unknown", "알 수 없음"),

    # ---------------------------------------------------------------- phases and why they were skipped
    "phase.server": ("the server", "서버"),
    "phase.mapping": ("mapping", "매핑"),
    "phase.filtering": ("filtering", "필터링"),
    "phase.hairpin": ("hairpinning", "헤어피닝"),
    "phase.lifetime": ("mapping lifetime", "매핑 수명"),
    "phase.lifetime-rest": ("the remaining lifetime checks", "나머지 수명 확인"),
    "phase.punch": ("hole punching", "홀 펀칭"),
    "phase.turn": ("TURN relay", "TURN 릴레이"),
    "phase.conntrack": ("the NAT's table (conntrack)", "NAT의 표(conntrack)"),
    "phase.classic": ("RFC 3489's tests", "RFC 3489 테스트"),
    "skip.no-server": ("the STUN server did not answer", "STUN 서버가 답하지 않았습니다"),
    "skip.no-such-name": ("the server's name does not resolve", "서버 이름을 해석할 수 없습니다"),
    "skip.one-address": ("the server has one address: CHANGE-REQUEST and RESPONSE-PORT need RFC 5780's second "
                         "address", "서버 주소가 하나뿐입니다: CHANGE-REQUEST와 RESPONSE-PORT에는 RFC 5780의 두 번째 "
                         "주소가 필요합니다"),
    "skip.tcp": ("STUN can test this over UDP only", "STUN으로는 UDP에서만 할 수 있는 테스트입니다"),
    "skip.not-asked": ("not asked for (--lifetime 0 / --no-punch)", "요청하지 않았습니다(--lifetime 0 / --no-punch)"),
    "skip.live": ("outside the sandbox: the NAT and the peers are not ours to see",
                  "샌드박스 밖: NAT와 상대 피어는 우리가 볼 수 있는 것이 아닙니다"),
    "skip.no-nat": ("no NAT router of the sandbox on the path", "경로에 샌드박스의 NAT 라우터가 없습니다"),
    "skip.deadline": ("the run's deadline (--deadline) came first", "실행 마감(--deadline)이 먼저 왔습니다"),
    "skip.no-peers": ("no other client to punch a hole to", "홀 펀칭할 다른 클라이언트가 없습니다"),
    "skip.no-mapped-address": ("the server's answer named no mapped address", "서버 응답에 매핑된 주소가 없었습니다"),
    "skip.no-credentials": ("no TURN credentials (--turn-user USER:PASSWORD)",
                            "TURN 자격 증명이 없습니다(--turn-user USER:PASSWORD)"),
    "skip.expired-twice": ("two checks in a row found the mapping gone", "연속 두 번 확인에서 매핑이 사라져 있었습니다"),
    "skip.response-port-ignored": ("the server ignored RESPONSE-PORT (it answered the asking socket)",
                                   "서버가 RESPONSE-PORT를 무시했습니다(요청한 소켓으로 답함)"),
    "skip.response-port-refused": ("the server refused RESPONSE-PORT", "서버가 RESPONSE-PORT를 거부했습니다"),

    # ---------------------------------------------------------------- RFC 3489 names
    "classic.full-cone": ("full cone", "풀 콘(full cone)"),
    "classic.restricted-cone": ("restricted cone", "제한 콘(restricted cone)"),
    "classic.port-restricted-cone": ("port restricted cone", "포트 제한 콘(port restricted cone)"),
    "classic.symmetric": ("symmetric", "대칭형(symmetric)"),
    "classic.open-internet": ("open Internet", "열린 인터넷(open Internet)"),
    "classic.symmetric-firewall": ("symmetric UDP firewall", "대칭형 UDP 방화벽(symmetric UDP firewall)"),
    "classic.unknown": ("unknown", "알 수 없음"),
    "classic.mislead.lumps": ("\"Symmetric\" puts address-dependent and address-and-port-dependent mapping in one "
                              "box, and says nothing of filtering",
                              "\"대칭형\"은 주소 의존 매핑과 주소·포트 의존 매핑을 한 상자에 넣고, 필터링에 대해서는 "
                              "아무 말도 하지 않습니다"),
    "classic.mislead.scale": ("The four names are one scale, but mapping and filtering are two separate "
                              "behaviours: a NAT can be any of the nine pairs",
                              "네 이름은 한 줄의 등급이지만, 매핑과 필터링은 서로 다른 두 동작입니다: NAT는 아홉 가지 "
                              "조합 중 어느 것이든 될 수 있습니다"),
    "classic.mislead.server": ("The classic test trusts any answer to CHANGE-REQUEST: a server that ignores it "
                               "(most RFC 5389 servers) answers from its primary address, and the old test reads "
                               "\"full cone\"",
                               "옛 테스트는 CHANGE-REQUEST에 온 응답이면 무엇이든 믿습니다: 이를 무시하는 서버(RFC 5389만 "
                               "구현한 대부분의 서버)는 기본 주소에서 답하고, 옛 테스트는 이를 \"풀 콘\"으로 읽습니다"),
    "classic.mislead.socket": ("Run on the socket that already sent to the other address, the filtering test "
                               "finds that address let in, and reads a more open NAT than there is",
                               "이미 다른 주소로 보낸 소켓에서 필터링 테스트를 하면 그 주소가 허용된 것을 보고, 실제보다 "
                               "열린 NAT로 읽습니다"),
    "classic.mislead.p2p": ("\"Symmetric means TURN\" is not the rule: a symmetric NAT's peer behind an "
                            "endpoint-independent NAT with open enough filtering is reached directly",
                            "\"대칭형이면 TURN\"은 규칙이 아닙니다: 대칭형 NAT의 상대가 엔드포인트 독립 NAT 뒤에 있고 "
                            "필터링이 충분히 열려 있으면 직접 연결됩니다"),

    # ---------------------------------------------------------------- findings
    "f.no-such-name": ("the STUN server's name {server} does not resolve", "STUN 서버 이름을 해석할 수 없습니다: {server}"),
    "f.no-server": ("no answer from the STUN server at {server} after {attempts} Binding requests: is it running, "
                    "and does it speak STUN on this port?",
                    "{server}의 STUN 서버가 Binding 요청 {attempts}번에 답하지 않았습니다: 서버가 켜져 있고, 이 포트에서 "
                    "STUN을 하나요?"),
    "f.no-valid-answer": ("{server} sent datagrams back to our {attempts} Binding requests, but none was a valid "
                          "STUN response to them: nothing could be tested",
                          "{server}에서 Binding 요청 {attempts}번에 데이터그램이 돌아왔지만, 어느 것도 그 요청에 대한 "
                          "올바른 STUN 응답이 아니었습니다: 아무것도 테스트하지 못했습니다"),
    "f.behind-nat.kept": ("behind a NAT: our {private} is seen as {public} (the NAT kept our port)",
                          "NAT 뒤에 있습니다: 우리의 {private} 주소가 바깥에서는 {public}입니다(NAT가 포트를 유지함)"),
    "f.behind-nat.changed": ("behind a NAT: our {private} is seen as {public}",
                             "NAT 뒤에 있습니다: 우리의 {private} 주소가 바깥에서는 {public}입니다"),
    "f.no-nat": ("no NAT: the server saw our own address {public}", "NAT 없음: 서버가 본 주소는 우리 자신의 주소 "
                 "{public}입니다"),
    "f.outbound": ("a datagram that nobody answered made the mapping all the same: {router}'s table showed it "
                   "[UNREPLIED] as {public} before any STUN response, and STUN then reported {stun}; STUN only "
                   "reports a mapping, the first outbound packet makes it",
                   "아무도 답하지 않은 데이터그램 하나로도 매핑이 생겼습니다: {router} 라우터의 표에는 STUN 응답이 오기 "
                   "전부터 {public} 항목이 [UNREPLIED]로 있었고, 이어서 STUN이 알려 준 주소도 {stun}입니다. STUN은 "
                   "매핑을 알려 줄 뿐이고, 매핑을 만드는 것은 밖으로 나간 첫 패킷입니다"),
    "f.outbound-only": ("a datagram that nobody answered made a mapping all the same: {router}'s table showed it "
                        "[UNREPLIED] as {public} ({stun}: no STUN answer came at all); the first outbound packet "
                        "makes a mapping",
                        "아무도 답하지 않은 데이터그램 하나로도 매핑이 생겼습니다: {router} 라우터의 표에 {public} "
                        "항목이 [UNREPLIED]로 있었습니다({stun}: STUN 응답은 전혀 오지 않음). 매핑을 만드는 것은 "
                        "밖으로 나간 첫 패킷입니다"),
    "summary.tcp": ("Over TCP: {private} is {public} outside. Mapping {mapping}.",
                    "TCP에서: {private} 주소가 바깥에서는 {public}입니다. 매핑은 {mapping}."),
    "f.mapping": ("mapping: {value} ({why})", "매핑: {value} ({why})"),
    "f.filtering": ("filtering: {value} ({why})", "필터링: {value} ({why})"),
    "f.mapping-unknown": ("mapping could not be decided: {why}", "매핑을 판정할 수 없었습니다: {why}"),
    "f.filtering-unknown": ("filtering could not be decided: {why}", "필터링을 판정할 수 없었습니다: {why}"),
    "f.retried": ("answered only after a retransmission: {tests} (the first requests or their answers were lost; "
                  "a lost packet is retried, never counted as filtered)",
                  "재전송한 뒤에야 답이 왔습니다: {tests} (처음 요청이나 그 응답이 손실됨. 손실된 패킷은 다시 보내며, "
                  "필터링으로 세지 않습니다)"),
    "f.one-address": ("the server {server} has one address: {tests} cannot be tested (RFC 5780 needs a server with "
                      "two addresses and two ports, such as coturn with two listening addresses)",
                      "서버 {server}의 주소가 하나뿐입니다: {tests} 테스트를 할 수 없습니다(RFC 5780에는 주소 둘, 포트 "
                      "둘을 가진 서버가 필요합니다. 예: 수신 주소 둘인 coturn)"),
    "f.change-refused": ("the server refused CHANGE-REQUEST ({detail}): filtering cannot be tested with it",
                         "서버가 CHANGE-REQUEST를 거부했습니다({detail}): 이 서버로는 필터링을 테스트할 수 없습니다"),
    "f.change-ignored": ("the server answered CHANGE-REQUEST from {detail}, where we sent it: it ignored the "
                         "request (an old client would call this NAT \"full cone\" without having tested anything)",
                         "서버가 CHANGE-REQUEST에 우리가 보낸 곳인 {detail}에서 답했습니다: 요청을 무시한 것입니다(옛 "
                         "클라이언트라면 아무것도 테스트하지 않고 이 NAT를 \"풀 콘\"이라 했을 것입니다)"),
    "f.unexpected-source": ("the answer to {test} came from {src}, not from {expected}: not counted",
                            "{test}의 응답은 {expected}에서 와야 하는데 {src}에서 왔습니다: 세지 않았습니다"),
    "f.malformed": ("{n} datagram(s) that are not valid STUN were ignored (first from {src}: {why})",
                    "올바른 STUN이 아닌 데이터그램 {n}개를 무시했습니다(처음 것은 {src}에서 옴: {why})"),
    "f.wrong-tid": ("{n} STUN answer(s) carried a transaction id we never sent (first from {src}): ignored",
                    "우리가 보낸 적 없는 트랜잭션 ID를 가진 STUN 응답 {n}개를 무시했습니다(처음 것은 {src}에서 옴)"),
    "f.hairpin.yes-translated": ("hairpinning: a packet to our own public address {public} came back in, from "
                                 "{src} (the NAT translated both ends)",
                                 "헤어피닝: 우리 공인 주소 {public} 앞으로 보낸 패킷이 {src}에서 다시 들어왔습니다(NAT가 "
                                 "양쪽 끝을 모두 변환함)"),
    "f.hairpin.yes-untranslated": ("hairpinning: a packet to our own public address {public} came back in, from "
                                   "{src}: our private address (the source was not translated)",
                                   "헤어피닝: 우리 공인 주소 {public} 앞으로 보낸 패킷이 우리 사설 주소 {src}에서 다시 "
                                   "들어왔습니다(출발지는 변환되지 않음)"),
    "f.hairpin.yes-other-source": ("hairpinning: a packet to our own public address {public} came back in, from "
                                   "{src}", "헤어피닝: 우리 공인 주소 {public} 앞으로 보낸 패킷이 {src}에서 다시 "
                                   "들어왔습니다"),
    "f.hairpin.no": ("no hairpinning: a packet to our own public address {public} never came back in (two clients "
                     "behind this NAT cannot reach each other through their public addresses)",
                     "헤어피닝 없음: 우리 공인 주소 {public} 앞으로 보낸 패킷이 다시 들어오지 않았습니다(이 NAT 뒤의 두 "
                     "클라이언트는 서로의 공인 주소로 만날 수 없습니다)"),
    "f.lifetime": ("an idle UDP mapping lived more than {low} s and less than {high} s: a client must send "
                   "something at least that often to keep it",
                   "쉬고 있는 UDP 매핑은 {low}초보다 길고 {high}초보다 짧게 살았습니다: 매핑을 유지하려면 적어도 그보다 "
                   "자주 무언가를 보내야 합니다"),
    "f.lifetime-longer": ("an idle UDP mapping was still there after {low} s, the longest we waited (--lifetime)",
                          "쉬고 있는 UDP 매핑이 우리가 기다린 가장 긴 시간인 {low}초 뒤에도 남아 있었습니다(--lifetime)"),
    "f.lifetime-short": ("an idle UDP mapping was gone already after {high} s", "쉬고 있는 UDP 매핑이 {high}초 뒤에 이미 "
                         "사라졌습니다"),
    "f.lifetime-loss": ("{n} lifetime check(s) got no answer although a later one did: counted as lost, not "
                        "as expired",
                        "수명 확인 {n}번은 답이 없었지만 그 뒤의 확인에는 답이 왔습니다: 만료가 아니라 손실로 셌습니다"),
    "f.response-port-ignored": ("the server ignored RESPONSE-PORT: the mapping lifetime cannot be measured without "
                                "refreshing the mapping it measures",
                                "서버가 RESPONSE-PORT를 무시했습니다: 재는 매핑을 새로 고치지 않고는 매핑 수명을 잴 수 "
                                "없습니다"),
    "f.response-port-refused": ("the server refused RESPONSE-PORT: the mapping lifetime cannot be measured",
                                "서버가 RESPONSE-PORT를 거부했습니다: 매핑 수명을 잴 수 없습니다"),
    "f.double-nat": ("two NATs on the path: {routers}; STUN sees only their combination (the outermost public "
                     "address)",
                     "경로에 NAT가 둘 있습니다: {routers}. STUN에는 둘을 합친 결과(가장 바깥의 공인 주소)만 보입니다"),
    "f.sandbox-agrees": ("{router}'s {what}: the sandbox built {configured}, and the probe measured {measured}",
                         "{router} 라우터의 {what}: 샌드박스가 만든 것은 {configured}, 프로브가 "
                         "측정한 것도 {measured}"),
    "f.sandbox-disagrees": ("{router}'s {what}: the sandbox built {configured}, but the probe measured {measured}",
                            "{router} 라우터의 {what}: 샌드박스가 만든 것은 {configured}인데, 프로브가 "
                            "측정한 것은 {measured}"),
    "f.sandbox-timeout": ("{router}: the sandbox set a {configured} s UDP timeout, but the mapping lived {low}-{high} s",
                          "{router} 라우터: 샌드박스는 UDP 타임아웃을 {configured}초로 정했지만, 매핑은 {low}-{high}초 "
                          "살았습니다"),
    "f.punch-ok": ("{peer}: hole punching worked, directly (our check reached {target})",
                   "{peer}: 홀 펀칭으로 직접 연결되었습니다(우리 확인 요청이 {target}에 닿음)"),
    "f.punch-ok-prflx": ("{peer}: hole punching worked, directly, through an address neither side learnt from STUN: "
                         "{prflx} (peer-reflexive, learnt from the checks themselves)",
                         "{peer}: 홀 펀칭으로 직접 연결되었는데, 어느 쪽도 STUN으로 알아내지 못한 주소를 거쳤습니다: "
                         "{prflx} (피어 반사 후보: 확인 요청 자체에서 알게 됨)"),
    "f.punch-failed": ("{peer}: no direct connection after {checks} connectivity checks",
                       "{peer}: 연결 확인 {checks}번 뒤에도 직접 연결되지 않았습니다"),
    "f.punch-failed-relayed": ("{peer}: no direct connection after {checks} connectivity checks; the TURN relay "
                               "carried data both ways",
                               "{peer}: 연결 확인 {checks}번 뒤에도 직접 연결되지 않았고, TURN 릴레이가 양방향으로 "
                               "데이터를 날랐습니다"),
    "f.punch-failed-relay-failed": ("{peer}: no direct connection after {checks} connectivity checks, and the "
                                    "TURN relay did not carry the data either",
                                    "{peer}: 연결 확인 {checks}번 뒤에도 직접 연결되지 않았고, TURN 릴레이로도 데이터가 "
                                    "오가지 않았습니다"),
    "f.prediction-wrong": ("{peer}: the behaviours predicted {predicted} ({why}), but the checks found otherwise",
                           "{peer}: 동작으로 본 예측은 '{predicted}'였지만({why}), 확인 결과는 달랐습니다"),
    "f.symmetric-reached": ("this NAT's mapping depends on the destination (\"symmetric\"), yet {peers} was reached "
                            "directly: \"symmetric NAT means TURN\" is not the rule",
                            "이 NAT의 매핑은 목적지에 따라 달라지지만(\"대칭형\") {peers}에는 직접 연결되었습니다: "
                            "\"대칭형 NAT면 TURN\"은 규칙이 아닙니다"),
    "f.turn-failed": ("the TURN allocation failed (error {error})", "TURN 할당에 실패했습니다(오류 {error})"),
    "f.classic-biased": ("RFC 3489's filtering test run on the mapping test's socket says {biased}; run on a fresh "
                         "socket it says {name}: the socket had already opened its NAT to the other address",
                         "매핑 테스트에 쓴 소켓에서 RFC 3489의 필터링 테스트를 하면 {biased}, 새 소켓에서 하면 {name}입니다: "
                         "그 소켓이 이미 다른 주소로 NAT를 열어 두었기 때문입니다"),
    "f.cone-not-enough": ("a \"cone\" is no promise: this {name} NAT still needed the relay for {peers}",
                          "\"콘\"이라고 보장되는 것은 아닙니다: 이 {name} NAT도 {peers}에는 릴레이가 필요했습니다"),
    "f.tcp": ("over TCP, STUN can show the mapping only: the filtering tests, hairpinning and the lifetime checks are "
              "UDP's (the NAT's table shows how long it keeps TCP connections)",
              "TCP에서 STUN은 매핑만 보여 줄 수 있습니다: 필터링, 헤어피닝, 수명 확인은 UDP용입니다(TCP 연결을 얼마나 "
              "오래 두는지는 NAT의 표가 보여 줍니다)"),
    "f.cut": ("only the first {kept} datagrams were kept in the recording ({dropped} more were counted)",
              "기록에는 처음 {kept}개의 데이터그램만 남겼습니다(나머지 {dropped}개는 개수만 셈)"),
    "f.deadline": ("the run's deadline (--deadline) cut the tests short", "실행 마감(--deadline) 때문에 테스트가 "
                   "중간에 끊겼습니다"),

    # ---------------------------------------------------------------- report labels
    "title": ("NAT behaviour towards {server}", "{server} 쪽으로 본 NAT 동작"),
    "summary.nat": ("Behind a NAT: {private} is {public} outside. Mapping {mapping}, filtering {filtering}{rest}.",
                    "NAT 뒤에 있습니다: {private} 주소가 바깥에서는 {public}입니다. 매핑은 {mapping}, 필터링은 "
                    "{filtering}{rest}."),
    "summary.no-nat": ("No NAT between us and the server: it saw {public}. Filtering {filtering}.",
                       "서버와 우리 사이에 NAT가 없습니다: 서버가 본 주소는 {public}입니다. 필터링은 {filtering}."),
    "summary.none": ("The STUN server {server} did not answer: nothing could be tested.",
                     "STUN 서버({server})가 답하지 않아 아무것도 테스트하지 못했습니다."),
    "summary.lifetime": ("; an idle mapping lives {low}-{high} s", "; 쉬는 매핑의 수명은 {low}-{high}초"),
    "summary.peers": ("; direct to {ok} of {n} peers", "; 피어 {n}곳 중 {ok}곳과 직접 연결"),
    "summary.relayed": (", the relay for {n}", ", {n}곳은 릴레이"),
    "sec.addresses": ("Addresses", "주소"),
    "sec.mapping": ("Mapping (RFC 5780 section 4.3): does the public address depend on the destination?",
                    "매핑(RFC 5780 4.3절): 공인 주소가 목적지에 따라 달라지는가?"),
    "sec.filtering": ("Filtering (RFC 5780 section 4.4): what does the NAT let in?",
                      "필터링(RFC 5780 4.4절): NAT는 무엇을 들여보내는가?"),
    "sec.hairpin": ("Hairpinning (RFC 5780 section 4.5)", "헤어피닝(RFC 5780 4.5절)"),
    "sec.lifetime": ("Mapping lifetime (RFC 5780 section 4.6)", "매핑 수명(RFC 5780 4.6절)"),
    "sec.conntrack": ("The NAT's own table (conntrack)", "NAT 자신의 표(conntrack)"),
    "sec.p2p": ("Peer to peer: hole punching and TURN", "피어 투 피어: 홀 펀칭과 TURN"),
    "sec.ice": ("ICE, named for what it is", "ICE가 실제로 하는 일"),
    "sec.classic": ("The RFC 3489 name, and where it misleads", "RFC 3489 이름과, 그 이름이 오해를 부르는 곳"),
    "sec.skipped": ("Not tested", "테스트하지 않은 것"),
    "sec.tcp": ("Mapping over TCP", "TCP에서의 매핑"),
    "sec.exchanges": ("Every request and answer", "모든 요청과 응답"),
    "kv.server": ("STUN server", "STUN 서버"),
    "kv.other": ("its other address (OTHER-ADDRESS)", "서버의 다른 주소(OTHER-ADDRESS)"),
    "kv.software": ("server software (SOFTWARE)", "서버 소프트웨어(SOFTWARE)"),
    "kv.private": ("our address (host candidate)", "우리 주소(호스트 후보)"),
    "kv.public": ("seen by the server (XOR-MAPPED-ADDRESS)", "서버가 본 주소(XOR-MAPPED-ADDRESS)"),
    "kv.host": ("sandbox host", "샌드박스 호스트"),
    "kv.nat": ("NAT router {n}", "NAT 라우터 {n}"),
    "kv.nat.value": ("{host}: mapping {mapping}, filtering {filtering}, hairpin {hairpin}, UDP timeout {timeout} s, "
                     "public {public} (as the sandbox built it)",
                     "{host}: 매핑 {mapping}, 필터링 {filtering}, 헤어핀 {hairpin}, UDP 타임아웃 {timeout}초, 공인 "
                     "주소 {public} (샌드박스가 만든 그대로)"),
    "kv.verdict": ("verdict", "판정"),
    "kv.why": ("why", "근거"),
    "kv.port": ("port", "포트"),
    "port.kept": ("kept (our port {port} is our public port too)", "유지됨(우리 포트({port})가 그대로 공인 포트)"),
    "port.changed": ("changed", "바뀜"),
    "col.test": ("test", "테스트"),
    "col.socket": ("socket", "소켓"),
    "col.sent-to": ("sent to", "보낸 곳"),
    "col.asked": ("asked to answer from", "응답 요청 주소"),
    "col.answer": ("answer", "응답"),
    "col.from": ("from", "보낸 곳(응답)"),
    "col.mapped": ("mapped address", "매핑된 주소"),
    "col.tries": ("sent", "전송"),
    "col.after": ("idle for", "쉰 시간"),
    "col.state": ("mapping", "매핑"),
    "col.moment": ("when", "시점"),
    "col.entry": ("entry", "항목"),
    "col.left": ("s left", "남은 초"),
    "col.translation": ("translation", "변환"),
    "col.peer": ("peer", "피어"),
    "col.their-nat": ("their NAT (measured)", "상대 NAT(측정)"),
    "col.predicted": ("predicted", "예측"),
    "col.direct": ("direct", "직접 연결"),
    "col.relay": ("TURN relay", "TURN 릴레이"),
    "col.type": ("type", "종류"),
    "col.address": ("address", "주소"),
    "col.how": ("learnt from", "알아낸 곳"),
    "col.priority": ("priority", "우선순위"),
    "col.phase": ("what", "무엇"),
    "col.reason": ("why", "이유"),
    "col.name": ("name", "이름"),
    "col.says": ("the old name suggests", "옛 이름이 암시하는 것"),
    "col.measured": ("what this NAT does (measured)", "이 NAT가 실제로 하는 일(측정)"),
    "answer.none": ("no answer", "응답 없음"),
    "answer.success": ("answered", "응답함"),
    "answer.error": ("error {code}", "오류 {code}"),
    "answer.request": ("arrived", "도착함"),
    "answer.tries": ("{n}x", "{n}번"),
    "answer.on": ("on {sock}", "{sock} 소켓에 도착"),
    "anywhere": ("-", "-"),
    "alive": ("alive", "살아 있음"),
    "expired": ("gone", "사라짐"),
    "lost": ("no answer (lost: a later check answered)", "응답 없음(손실: 이후 확인에 응답)"),
    "direct.ok": ("yes, via {target}", "예, {target} 경유"),
    "direct.failed": ("no ({checks} checks)", "아니요(확인 {checks}번)"),
    "direct.not-tried": ("not tried", "시도 안 함"),
    "relay.ok": ("carried both ways", "양방향 전달"),
    "relay.failed": ("failed", "실패"),
    "relay.not-tried": ("-", "-"),
    "relay.not-needed": ("carried both ways (not needed here)", "양방향 전달(여기서는 불필요)"),
    "how.kernel": ("our own interface", "우리 인터페이스"),
    "how.stun": ("the STUN server's answer", "STUN 서버의 응답"),
    "how.turn": ("the TURN allocation", "TURN 할당"),
    "how.check": ("a connectivity check from {peer}", "{peer}에서 온 연결 확인"),
    "cand.host": ("host", "호스트(host)"),
    "cand.srflx": ("server-reflexive", "서버 반사(srflx)"),
    "cand.prflx": ("peer-reflexive", "피어 반사(prflx)"),
    "cand.relay": ("relayed", "릴레이(relay)"),
    "moment.before": ("before", "시작 전"),
    "moment.outbound": ("after one unanswered datagram", "답 없는 데이터그램 하나 뒤"),
    "moment.during": ("after the mapping tests", "매핑 테스트 뒤"),
    "moment.lifetime": ("lifetime sockets waiting", "수명 소켓 대기 중"),
    "moment.punch": ("after punching to {peer}", "{peer} 쪽 홀 펀칭 뒤"),
    "moment.after": ("at the end", "마지막"),
    "note.mapping": ("One socket sends a Binding request to the server's primary address, then to its other "
                     "address (same port), then to its other address and port. The server writes back the address and "
                     "port it saw the request come from.",
                     "소켓 하나가 서버의 기본 주소, 다른 주소(같은 포트), 다른 주소·다른 포트로 차례로 Binding 요청을 "
                     "보냅니다. 서버는 요청이 어디서 왔는지, 본 주소와 포트를 적어 돌려줍니다."),
    "note.filtering": ("A fresh socket, which has sent to the primary address only, asks the server to answer from "
                       "elsewhere (CHANGE-REQUEST): from its other address and port, then from its other port only. "
                       "What the NAT drops never arrives; an unanswered test is retransmitted and followed by a plain "
                       "request (control) that must be answered before the silence counts as filtering.",
                       "기본 주소에만 보낸 적 있는 새 소켓이 서버에 다른 곳에서 답해 달라고 요청합니다(CHANGE-REQUEST): "
                       "다른 주소·다른 포트에서, 다음에는 다른 포트에서만. NAT가 버린 것은 도착하지 않습니다. 답이 없는 "
                       "테스트는 재전송하고, 이어서 일반 요청(확인용)을 보내 그것에 답이 와야만 침묵을 필터링으로 셉니다."),
    "note.lifetime": ("Sockets that each made a mapping at the same moment stay quiet; one by one, later, another "
                      "socket asks the server to answer to one of them (RESPONSE-PORT). If that mapping is still "
                      "there, the answer gets in. No check refreshes the mapping it checks.",
                      "같은 순간에 매핑을 하나씩 만든 소켓들이 조용히 기다립니다. 나중에 하나씩, 다른 소켓이 서버에 그중 "
                      "하나로 답해 달라고 요청합니다(RESPONSE-PORT). 매핑이 남아 있으면 응답이 들어옵니다. 어떤 확인도 "
                      "자신이 확인하는 매핑을 새로 고치지 않습니다."),
    "note.conntrack": ("Linux's NAT is its connection tracking: each line is one flow; the first half as the packet "
                       "left its sender, the second the reply the NAT expects. Where the reply goes to another address "
                       "than the first packet came from, that is the mapping. The number is the seconds it has left.",
                       "리눅스의 NAT는 연결 추적(conntrack)입니다: 한 줄이 흐름 하나이고, 앞쪽 절반은 패킷이 보낸 쪽을 "
                       "떠날 때의 모습, 뒤쪽 절반은 NAT가 기다리는 응답입니다. 응답이 처음 패킷의 출발지와 다른 주소로 "
                       "간다면 그것이 매핑입니다. 숫자는 남은 초입니다."),
    "note.p2p": ("For each peer: both sides learn their public address from STUN, hand it to the other (here inside "
                 "netlab; in an application, through a signalling server), then both send connectivity checks to "
                 "each other's addresses at the same time. Where that fails, we relay through TURN.",
                 "피어마다: 양쪽이 STUN으로 자기 공인 주소를 알아내 상대에게 넘기고(여기서는 netlab 안에서, 실제 "
                 "애플리케이션에서는 시그널링 서버로), 동시에 서로의 주소로 연결 확인을 보냅니다. 그것이 실패하면 "
                 "TURN으로 중계합니다."),
    "note.ice": ("ICE (RFC 8445) is this procedure, not a list: gather candidates (host, server-reflexive from "
                 "STUN, relayed from TURN), exchange them, pair them, and test the pairs with STUN connectivity checks "
                 "in priority order; a check from an unknown address gives a peer-reflexive candidate. The first "
                 "pair that works in both directions carries the media; the relay is the last resort.",
                 "ICE(RFC 8445)는 목록이 아니라 이 절차입니다: 후보(호스트, STUN으로 얻은 서버 반사, TURN으로 얻은 "
                 "릴레이)를 모아 교환하고, 짝을 지어, 우선순위 순서로 STUN 연결 확인을 보냅니다. 모르는 주소에서 온 "
                 "확인은 피어 반사 후보가 됩니다. 양방향으로 처음 성공한 짝이 미디어를 나르고, 릴레이는 마지막 "
                 "수단입니다."),
    "note.classic": ("RFC 3489 (2003) named four NAT types; RFC 5389 dropped that test and RFC 4787/5780 describe "
                     "mapping and filtering apart. The old name of this NAT, and where it misleads:",
                     "RFC 3489(2003)는 NAT를 네 가지로 나눴습니다. RFC 5389는 그 테스트를 없앴고, RFC 4787/5780은 매핑과 "
                     "필터링을 따로 다룹니다. 이 NAT의 옛 이름과, 그 이름이 오해를 부르는 곳:"),
    "note.tcp": ("Three TCP connections from one local port, each carrying one Binding request.",
                 "로컬 포트 하나에서 TCP 연결 세 개를 열고, 연결마다 Binding 요청을 하나씩 보냈습니다."),
    "classic.name": ("RFC 3489 name", "RFC 3489 이름"),
    "classic.ev.honoured": ("this server honours CHANGE-REQUEST: filter2's answer came from {src}",
                            "이 서버는 CHANGE-REQUEST를 따릅니다: filter2의 응답이 {src}에서 왔습니다"),
    "classic.ev.dropped": ("filter2 got no answer: the NAT dropped it (it would have come from {expected})",
                           "filter2에 응답이 없었습니다: NAT가 버렸습니다(응답은 {expected}에서 왔을 것)"),
    "classic.ev.socket": ("on the mapping test's socket: {biased}; on a fresh socket: {name}",
                          "매핑 테스트 소켓에서는 {biased}, 새 소켓에서는 {name}"),
    "classic.ev.p2p": ("direct: {reached}; relayed: {failed}", "직접 연결: {reached}; 릴레이: {failed}"),
    "classic.biased": ("the same test on the mapping test's socket", "매핑 테스트 소켓에서 같은 테스트"),
    "conntrack.none": ("(no entry)", "(항목 없음)"),
    "turn.error": ("error {code}", "{code} 오류"),
    "turn.success": ("success", "성공"),
    "turn.none": ("no answer", "응답 없음"),
    "short.endpoint-independent.mapping": ("EIM", "EIM"),
    "short.address-dependent.mapping": ("ADM", "ADM"),
    "short.address-and-port-dependent.mapping": ("APDM", "APDM"),
    "short.endpoint-independent.filtering": ("EIF", "EIF"),
    "short.address-dependent.filtering": ("ADF", "ADF"),
    "short.address-and-port-dependent.filtering": ("APDF", "APDF"),
    "short.none.mapping": ("no NAT", "NAT 없음"),
    "short.none.filtering": ("no NAT", "NAT 없음"),
    "short.unknown.mapping": ("?", "?"),
    "short.unknown.filtering": ("?", "?"),
    "legend.short": ("EIM / ADM / APDM: endpoint-independent, address-dependent, address-and-port-dependent "
                     "mapping; EIF / ADF / APDF: the same three for filtering.",
                     "EIM / ADM / APDM: 엔드포인트 독립, 주소 의존, 주소·포트 의존 매핑. EIF / ADF / APDF: 같은 세 "
                     "가지의 필터링."),
    "conntrack.more": ("... {n} more", "... 그 밖에 {n}개"),
    "conntrack.error": ("could not read it: {error}", "읽지 못했습니다: {error}"),
})


def behaviour(value: str | None):
    key = f"b.{value}"
    return M.t(key) if key in M.messages else Both(str(value), str(value))


def reason(code: str | None):
    key = f"reason.{code}"
    return M.t(key) if key in M.messages else Both(str(code), str(code))


def skip_reason(code: str | None):
    key = f"skip.{code}"
    return M.t(key) if key in M.messages else Both(str(code), str(code))


def phase(name: str | None) -> T | Both:
    key = f"phase.{name}"
    return M.t(key) if key in M.messages else Both(str(name), str(name))
