"""Every string of dns-trace, English and Korean (netlab/i18n.py), keyed by id.

Groups, by key prefix:

- ``outcome.*``    the one word (or two) for each outcome of a hop or a walk
- ``reason.*``     why a response means what it means (classify.py), one line per hop
- ``transport.*``  what a socket error means (collect.py records the kind, analyze the words)
- ``f.*``          finding messages (findings.py), with their parts (``fp.*``)
- everything else: the report's labels, headings and notes (build.py)

Protocol names and field names (SOA, NS, TTL, RTT, rcode, AA, TC=1, EDNS) stay as they are in
both languages; server data (names, addresses, records) is passed in as placeholders.
"""

from netlab.i18n import Both, catalogue

M = catalogue("dns", {
    # ---- outcomes: one glossary for the timeline, the tables and the findings
    "outcome.referral": ("referral", "위임"),
    "outcome.answer": ("answer", "응답"),
    "outcome.cname": ("CNAME", "CNAME"),
    "outcome.nxdomain": ("NXDOMAIN", "NXDOMAIN(없음)"),
    "outcome.nodata": ("NODATA", "NODATA(데이터 없음)"),
    "outcome.lame": ("lame", "레임"),
    "outcome.refused": ("REFUSED (lame)", "REFUSED(레임)"),
    "outcome.servfail": ("SERVFAIL", "SERVFAIL"),
    "outcome.error": ("error", "오류"),
    "outcome.truncated": ("truncated (TC=1)", "잘림(TC=1)"),
    "outcome.timeout": ("timeout", "시간 초과"),
    "outcome.transport-error": ("failed", "전송 실패"),
    "outcome.malformed": ("malformed", "형식 오류"),
    "outcome.mismatch": ("mismatch", "불일치"),
    "outcome.upward-referral": ("bad referral", "잘못된 위임"),
    "outcome.unreachable": ("unreachable", "도달 불가"),
    "outcome.loop": ("loop", "순환"),
    "outcome.budget": ("query budget exhausted", "질의 한도 소진"),
    "outcome.incomplete": ("incomplete", "미완료"),
    "outcome.not-needed": ("not needed", "불필요"),
    "outcome.deadline": ("deadline reached", "제한 시간 도달"),

    # ---- reasons: one line per hop (classify.py, analyze.py)
    "reason.query-unparsable": ("the recorded query could not be parsed: {error}",
                                "기록된 질의를 해석할 수 없습니다: {error}"),
    "reason.response-unparsable": ("response could not be parsed: {error}",
                                   "응답을 해석할 수 없습니다: {error}"),
    "reason.mismatch": ("the response does not match our question (id or question differs)",
                        "응답이 보낸 질문과 맞지 않습니다 (id나 질문이 다름)"),
    "reason.truncated": ("TC=1: the answer did not fit in UDP ({size} octets came back)",
                         "TC=1: 응답이 UDP에 다 들어가지 않았습니다 ({size}바이트가 돌아옴)"),
    "reason.refused": ("REFUSED: the server will not answer for {zone} (lame delegation)",
                       "REFUSED: 서버가 {zone}에 대해 답하지 않습니다 (레임 위임)"),
    "reason.servfail": ("SERVFAIL: the server failed to answer", "SERVFAIL: 서버가 답을 만들지 못했습니다"),
    "reason.rcode": ("{rcode}: unexpected response code", "{rcode}: 예상하지 못한 응답 코드입니다"),
    "reason.formerr-edns": ("FORMERR: the server did not understand our query with EDNS (retried without it)",
                            "FORMERR: 서버가 EDNS를 붙인 질의를 알아듣지 못했습니다 (EDNS 없이 다시 물음)"),
    "reason.cname-loop": ("CNAME loop inside the response at {name}",
                          "응답 안의 CNAME이 {name}에서 순환합니다"),
    "reason.answer-no-aa": ("answer without the AA flag from a server that should be authoritative (lame)",
                            "권한 서버여야 할 서버가 AA 플래그 없이 답했습니다 (레임)"),
    "reason.answer": ("{n} {qtype} record(s) for {name}", "{name}의 {qtype} 레코드 {n}개"),
    "reason.cname-nxdomain": ("CNAME to {name}, which does not exist",
                              "{name}(으)로 가는 CNAME이지만 그 이름은 존재하지 않습니다"),
    "reason.cname-nodata": ("CNAME to {name}, which has no {qtype}",
                            "{name}(으)로 가는 CNAME이지만 그 이름에는 {qtype} 레코드가 없습니다"),
    "reason.cname-outside": ("CNAME to {name}, outside {zone}: a new walk is needed",
                             "{zone} 밖의 {name}(으)로 가는 CNAME입니다: 새로 찾아가야 합니다"),
    "reason.cname-unresolved": ("CNAME to {name}, which this response does not resolve: a new walk is needed",
                                "{name}(으)로 가는 CNAME인데 이 응답에는 그 답이 없습니다: 새로 찾아가야 합니다"),
    "reason.nxdomain-no-aa": ("NXDOMAIN without the AA flag (not authoritative)",
                              "AA 플래그가 없는 NXDOMAIN입니다 (권한 없음)"),
    "reason.nxdomain": ("{qname} does not exist", "{qname}는 존재하지 않습니다"),
    "reason.upward-referral": ("referral to {child}, which is not below {zone} on the way to {qname} "
                               "(a referral that goes up or sideways would loop)",
                               "{child}(으)로 위임했지만 {child}는 {zone}보다 아래가 아니어서 {qname}에 "
                               "가까워지지 않습니다 (위나 옆으로 가는 위임은 제자리를 돕니다)"),
    "reason.referral": ("referral to {child} ({ns} NS, {glue} glue addresses)",
                        "{child}(으)로 위임 (NS {ns}개, 글루 주소 {glue}개)"),
    "reason.referral-1": ("referral to {child} ({ns} NS, {glue} glue address)",
                          "{child}(으)로 위임 (NS {ns}개, 글루 주소 {glue}개)"),
    "reason.nodata": ("{qname} exists but has no {qtype} record", "{qname}는 존재하지만 {qtype} 레코드가 없습니다"),
    "reason.lame": ("not authoritative (AA=0) and no referral: the server does not serve this zone (lame)",
                    "권한 없는 응답(AA=0)이고 위임도 없습니다: 이 서버는 이 영역을 맡고 있지 않습니다 (레임)"),
    "reason.not-recorded": ("no answer recorded (the trace was stopped)", "기록된 응답이 없습니다 (추적이 중단됨)"),
    "reason.timeout": ("no answer within {seconds} s", "{seconds}초 안에 응답이 없습니다"),
    "reason.glue-not-ns": ("{owner} is not a name server of {child}", "{owner}는 {child}의 네임서버가 아닙니다"),
    "reason.glue-out-of-bailiwick": ("out of bailiwick: {owner} is not under {zone}, so a server of {zone} has "
                                     "no say about it",
                                     "권한 범위(bailiwick) 밖입니다: {owner}는 {zone} 아래 이름이 아니므로 "
                                     "{zone}의 서버가 말할 자격이 없습니다"),
    "reason.not-in-answer": ("not part of the answer within {zone}", "{zone} 안의 응답에 속하지 않습니다"),

    # ---- socket errors (collect.py records the kind; other errors are the system's own words)
    "transport.udp-refused": ("port unreachable (ICMP): nothing listens on port 53",
                              "포트에 닿을 수 없습니다(ICMP): 53번 포트에서 듣는 프로그램이 없습니다"),
    "transport.tcp-refused": ("connection refused (RST): nothing listens on TCP port 53",
                              "연결이 거부되었습니다(RST): TCP 53번 포트에서 듣는 프로그램이 없습니다"),
    "transport.net-unreachable": ("network unreachable: no route to this address",
                                  "네트워크에 닿을 수 없습니다: 이 주소로 가는 경로가 없습니다"),
    "transport.host-unreachable": ("host unreachable", "호스트에 닿을 수 없습니다"),
    "transport.no-family": ("this address family cannot be used here (no IPv6?)",
                            "이 주소 체계는 여기서 쓸 수 없습니다 (IPv6가 없나요?)"),
    "transport.reset": ("connection reset by the server", "서버가 연결을 끊었습니다(RST)"),
    "transport.closed-early": ("connection closed before an answer", "응답이 오기 전에 연결이 닫혔습니다"),
    "transport.closed-midway": ("connection closed in the middle of the answer", "응답 도중에 연결이 닫혔습니다"),

    # ---- findings (findings.py)
    "f.idn": ("{unicode} is an internationalised name: on the wire it is {alabel}",
              "{unicode}는 국제화 도메인 이름이라, 실제 패킷에는 {alabel}(으)로 실립니다"),
    "f.trace": ("{name} {qtype}: {n} queries, starting at the root and following referrals ({path})",
                "{name} {qtype}: 루트에서 시작해 위임(referral)을 따라 {n}번 질의했습니다 ({path})"),
    "f.trace-1": ("{name} {qtype}: {n} query, starting at the root and following referrals ({path})",
                  "{name} {qtype}: 루트에서 시작해 위임(referral)을 따라 {n}번 질의했습니다 ({path})"),
    "fp.then-for": ("then for {qname}: {zones}", "이어서 {qname}: {zones}"),
    "f.cname-not-followed": ("{name} is an alias (CNAME) for {target}; not followed (--no-follow-cname)",
                             "{name}는 {target}의 별칭(CNAME)입니다. --no-follow-cname이라 따라가지 않았습니다"),
    "f.cname": ("CNAME chain: {chain}{walks}", "CNAME 체인: {chain}{walks}"),
    "fp.cname-walks": ("; {n} new walk(s) because the target lives in another zone",
                       " (대상이 다른 영역에 있어 새로 {n}번 다시 찾아갔습니다)"),
    "f.cname-loop": ("CNAME loop: {chain} comes back to a name already seen",
                     "CNAME 순환: {chain} (이미 본 이름으로 되돌아옵니다)"),
    "f.cname-loop-walk": ("CNAME loop while resolving {qname}", "{qname}를 찾다가 CNAME 순환을 만났습니다"),
    "f.depth-exceeded": ("gave up on {qname}: name servers without glue nested more than {max} levels deep",
                         "{qname}: 글루 없는 네임서버가 {max}단계 넘게 중첩되어 포기했습니다"),
    "f.dependency-loop": ("the name servers of {zone} can only be found through themselves "
                          "(resolving {qname} needs the zone it serves)",
                          "{zone}의 네임서버 주소를 찾으려면 그 네임서버 자신이 필요합니다 "
                          "({qname}를 풀려면 그 서버가 맡은 영역을 거쳐야 하는 순환 의존)"),
    "f.nxdomain": ("{name} does not exist (NXDOMAIN, authoritative); resolvers may remember that for "
                   "{ttl} s (SOA of {soa})",
                   "{name}는 존재하지 않습니다 (권한 있는 NXDOMAIN). 리졸버는 이 사실을 {ttl}초 동안 캐시할 수 "
                   "있습니다 ({soa}의 SOA)"),
    "f.nodata": ("{name} exists but has no {qtype} record (NODATA); negative TTL {ttl} s",
                 "{name}는 존재하지만 {qtype} 레코드가 없습니다 (NODATA). 부정 응답 TTL {ttl}초"),
    "f.glue-ignored": ("{server} ({address}) offered {name} {type} {glue}: ignored, {reason}",
                       "{server}({address})가 덧붙인 {name} {type} {glue} 레코드를 무시했습니다: {reason}"),
    "f.glueless": ("{zone} is delegated to name servers without glue ({names}): their addresses had to be "
                   "looked up first, by {n} nested trace(s) taking {took}",
                   "{zone}는 글루(glue) 없이 위임되어 있어, 네임서버({names}) 주소를 먼저 따로 찾아야 했습니다 "
                   "(하위 추적 {n}개, {took})"),
    "f.truncated": ("{server} truncated the answer over UDP (TC=1, {size} octets), retried over TCP{tcp}",
                    "{server}의 UDP 응답이 잘려서(TC=1, {size}바이트) TCP로 다시 물었습니다{tcp}"),
    "fp.over-tcp": ("; over TCP: {size} octets, {outcome}", " (TCP로는 {size}바이트, {outcome})"),
    "f.lame-delegation": ("lame delegation: {server} ({address}) is listed for {zone} but {reason}",
                          "레임 위임: {server}({address})는 {zone}의 네임서버로 위임되었지만 제대로 답하지 "
                          "않습니다: {reason}"),
    "f.server-failed": ("{server} ({address}) for {zone}: {reason}", "{server}({address}, {zone}): {reason}"),
    "f.zone-unreachable": ("every server of {zone} failed while resolving {qname}: {what}",
                           "{qname}를 찾는 중 {zone}의 모든 네임서버가 실패했습니다: {what}"),
    "fp.tried": ("{server} ({address}, {transport}): {outcome}", "{server}({address}, {transport}): {outcome}"),
    "fp.tried-why": ("{server} ({address}, {transport}): {outcome} - {reason}",
                     "{server}({address}, {transport}): {outcome} - {reason}"),
    "fp.lookup-failed": ("{qname}: address lookup {outcome}", "{qname}: 주소 찾기 실패({outcome})"),
    "fp.no-address": ("no server address known", "주소를 아는 서버가 없습니다"),
    "f.budget-exhausted": ("gave up after {n} queries (budget {budget}): a resolver must bound its work",
                           "질의 {n}번 만에 포기했습니다 (한도 {budget}). 리졸버는 작업량에 한계를 둡니다"),
    "f.deadline": ("stopped at the run's deadline ({deadline} s) after {n} queries: the rest was not asked "
                   "(--deadline)",
                   "실행 제한 시간({deadline}초)이 되어 질의 {n}번 뒤에 멈췄습니다: 나머지는 묻지 않았습니다 "
                   "(--deadline)"),
    "f.resolver-cold": ("resolver {server}: first answer in {rtt}, {aa}, {cache}",
                        "리졸버 {server}: 첫 응답 {rtt}, {aa}, {cache}"),
    "fp.aa-set": ("AA set", "AA 설정"),
    "fp.aa-unset": ("AA not set (non-authoritative)", "AA 없음 (권한 없는 응답)"),
    "fp.was-cached": ("already in the resolver's cache before our first question (its TTLs are below the "
                      "authoritative ones)",
                      "첫 질문 전에 이미 리졸버 캐시에 있었습니다 (TTL이 권한 서버의 값보다 작음)"),
    "fp.not-cached": ("not cached before: the resolver walked the tree itself (TTLs equal the authoritative "
                      "ones)",
                      "캐시에 없어서 리졸버가 직접 트리를 따라 내려갔습니다 (TTL이 권한 서버의 값과 같음)"),
    "f.resolver-disagrees": ("the resolver's answer ({got}) differs from the trace's ({traced})",
                             "리졸버의 응답({got})이 직접 추적한 결과({traced})와 다릅니다"),
    "f.resolver-cached": ("second answer from the cache in {warm} (first: {cold}); {how}: {ttls}",
                          "두 번째 응답은 캐시에서 {warm} (첫 번째 {cold}). {how}: {ttls}"),
    "fp.ttl-down": ("the TTL counts down", "TTL이 줄어듭니다"),
    "fp.ttl-same": ("the same TTL (asked within the same second)", "TTL이 같습니다 (같은 초 안에 물음)"),
    "fp.ttl-pair": ("{name} {type} {before} -> {after} s", "{name} {type} {before} -> {after}초"),

    # ---- the report (build.py)
    "title": ("DNS trace: {name} {qtype}", "DNS 추적: {name} {qtype}"),
    "summary.answer": ("{name} {qtype} = {records}{via}: {queries}, {total}.",
                       "{name} {qtype} = {records}{via}: {queries}, {total}."),
    "summary.other": ("{name} {qtype}: {outcome}{via}, {queries}, {total}.",
                      "{name} {qtype}: {outcome}{via}, {queries}, {total}."),
    "summary.via": (" (via CNAME {chain})", " (CNAME {chain} 경유)"),
    "summary.queries": ("{n} queries", "질의 {n}번"),
    "summary.queries-1": ("{n} query", "질의 {n}번"),
    "question": ("Question", "질문"),
    "name": ("Name", "이름"),
    "type": ("Type", "유형"),
    "start": ("Start", "시작점"),
    "seed": ("Server choice", "서버 선택"),
    "transport": ("Transport", "전송"),
    "result": ("Result", "결과"),
    "queries": ("Queries", "질의 수"),
    "total": ("Total time", "전체 시간"),
    "trace": ("Trace (iterative, RD=0)", "추적 (반복적 질의, RD=0)"),
    "answer": ("Answer", "응답"),
    "all": ("Every server of each zone", "영역별 모든 서버"),
    "resolver": ("The recursive resolver, for comparison", "비교: 재귀 리졸버"),
    "seq": ("Who talked to whom", "누가 누구와 주고받았나"),
    "details": ("Details of each response", "응답별 상세"),
    "mode.sandbox": ("the sandbox's root servers", "샌드박스의 루트 서버"),
    "mode.live": ("the 13 Internet root servers (root_hints.json)", "인터넷의 루트 서버 13개 (root_hints.json)"),
    "mode.roots": ("--root {addresses}", "--root {addresses}"),
    "seed-text": ("seed {seed} (rerun with --seed {seed} for the same servers)",
                  "시드 {seed} (다시 실행할 때 --seed {seed} 옵션을 주면 같은 서버를 고릅니다)"),
    "tr.udp": ("UDP (TCP when an answer is truncated)", "UDP (응답이 잘리면 TCP)"),
    "tr.tcp": ("TCP only (--tcp)", "TCP만 (--tcp)"),
    "fam.any": ("IPv4 first (IPv6 for servers without IPv4)", "IPv4 우선 (IPv4가 없는 서버는 IPv6)"),
    "fam.4": ("IPv4 only (-4)", "IPv4만 (-4)"),
    "fam.6": ("IPv6 only (-6)", "IPv6만 (-6)"),
    "sub": ("sub-trace: address of {qname} ({qtype}), a name server of {zone} without glue",
            "하위 추적: {zone}의 글루 없는 네임서버 {qname}의 주소 ({qtype})"),
    "cname-walk": ("CNAME: new walk for {qname} ({qtype}), starting at {zone}",
                   "CNAME: {qname} ({qtype})를 {zone}부터 새로 찾기"),
    "walk-end": ("{outcome} after {took}", "{outcome}, {took}"),
    "no-records": ("{outcome}: no records", "{outcome}: 레코드 없음"),
    "negative": ("{what}: SOA {soa} says it; resolvers may cache this answer for {ttl} s "
                 "(negative TTL = min(SOA TTL, minimum))",
                 "{what}: {soa}의 SOA가 근거이며, 리졸버는 이 응답을 {ttl}초 동안 캐시할 수 있습니다 "
                 "(부정 TTL = min(SOA TTL, minimum))"),
    "soa-ref": ("{name} ({mname}, serial {serial})", "{name} ({mname}, serial {serial})"),
    "auth-row": ("authoritative (trace)", "권한 서버 (추적)"),
    "cold": ("cold", "첫 질문"),
    "cached": ("cached", "두 번째 (캐시)"),
    "chosen": ("chosen", "선택"),
    "extra": ("also asked", "추가로 질의"),
    "attempt-2": (" (attempt 2)", " (2차 시도)"),
    "client": ("client", "클라이언트"),
    # table headings
    "col.name": ("name", "이름"),
    "col.type": ("type", "유형"),
    "col.data": ("data", "데이터"),
    "col.zone": ("zone", "영역"),
    "col.server": ("server", "서버"),
    "col.address": ("address", "주소"),
    "col.transport": ("transport", "전송"),
    "col.outcome": ("outcome", "결과"),
    "col.flags": ("flags", "플래그"),
    "col.resolver": ("resolver", "리졸버"),
    "col.answer": ("answer", "응답"),
    # a hop's detail line (timeline) and its verbose block
    "glue-used": ("glue used: {glue}", "사용한 글루: {glue}"),
    "no-glue": ("no glue for: {names}", "글루 없음: {names}"),
    "glue-ignored": ("glue IGNORED: {name} {address} ({reason})", "무시한 글루: {name} {address} ({reason})"),
    "more": ("... {n} more", "... {n}개 더"),
    "soa-line": ("SOA {name} {mname} serial {serial}, negative TTL {ttl} s",
                 "SOA {name} {mname} serial {serial}, 부정 TTL {ttl}초"),
    "tcp-note": ("TCP: this time includes the connection set-up (SYN, SYN-ACK) before the question",
                 "TCP: 이 시간에는 질문 전에 연결을 맺는 시간(SYN, SYN-ACK)이 포함됩니다"),
    "ignored-line": ("ignored: {record}  ({reason})", "무시: {record}  ({reason})"),
    "key.query": ("query", "질의"),
    "key.server": ("server", "서버"),
    "key.rcode-flags": ("rcode / flags", "rcode / 플래그"),
    "key.edns-size": ("EDNS / size", "EDNS / 크기"),
    "key.outcome": ("outcome", "결과"),
    "key.answer": ("answer", "응답(answer)"),
    "key.authority": ("authority", "권한(authority)"),
    "key.additional": ("additional", "추가(additional)"),
    "key.ignored": ("ignored", "무시(ignored)"),
    "query-id": ("#{query} walk {walk}", "#{query} (탐색 {walk})"),
    "query-id-extra": ("#{query} walk {walk} (extra)", "#{query} (탐색 {walk}, 추가)"),
    "octets": ("{edns} / {size} octets", "{edns} / {size}바이트"),
    "outcome-reason": ("{outcome}: {reason}", "{outcome}: {reason}"),
})


def outcome_word(outcome: str) -> Both:
    """The outcome's word in each language (the code itself for an outcome we have no word for)."""
    key = f"outcome.{outcome}"
    return M.pick(key) if key in M.messages else Both(outcome, outcome)


def outcome_code(outcome: str) -> Both:
    """For finding messages: the outcome's code in English (as the JSON has it), its word in Korean."""
    return Both(outcome, outcome_word(outcome).ko)
