"""Every string of tls-inspect, English and Korean (netlab/i18n.py), keyed by id.

Protocol names (ClientHello, Alert (close_notify), SYN/ACK), cipher-suite and group names,
certificate names and OpenSSL's own words are data: they go in placeholders and stay as they are.
"""

from netlab.i18n import catalogue

M = catalogue("tls", {
    # ------------------------------------------------------------------ report: connection
    "title": ("TLS inspection: {host}:{port}", "TLS 점검: {host}:{port}"),
    "conn": ("Connection", "연결"),
    "target": ("Target", "대상"),
    "sni": ("SNI", "SNI"),
    "address": ("Address", "주소"),
    "tcp": ("TCP connect", "TCP 연결"),
    "version": ("Version", "버전"),
    "cipher": ("Cipher suite", "암호 스위트"),
    "kx": ("Key exchange", "키 교환"),
    "fs": ("Forward secrecy", "전방 비밀성"),
    "alpn": ("ALPN", "ALPN"),
    "hs": ("Handshake (TCP connected -> done)", "핸드셰이크 (TCP 연결 -> 완료)"),
    "yes": ("yes", "예"),
    "no": ("no", "아니오"),
    "none": ("-", "-"),
    "unknown": ("?", "?"),
    "failure": ("The handshake did not complete: {failure}", "핸드셰이크가 끝나지 않았습니다: {failure}"),
    "summary_ok": ("{host}: {version}, {cipher}, {kx}; certificate {verdict} ({reason}).",
                   "{host}: {version}, {cipher}, {kx}; 인증서 {verdict} ({reason})."),
    "summary_fail": ("{host}: {failure}.", "{host}: {failure}."),
    # ------------------------------------------------------------------ report: versions
    "versions": ("Versions (each tried alone, in parallel)", "버전 (각각 단독으로, 병렬 시도)"),
    "col.version": ("Version", "버전"),
    "col.result": ("Result", "결과"),
    "col.cipher": ("Cipher suite", "암호 스위트"),
    "col.group": ("Group", "그룹"),
    "col.detail": ("Detail", "상세"),
    "status.accepted": ("accepted", "수락"),
    "status.refused": ("refused by the server", "서버가 거부"),
    "status.not-testable": ("not testable from this client", "이 클라이언트로는 시험 불가"),
    "status.error": ("error", "오류"),
    # ------------------------------------------------------------------ report: timeline
    "timeline": ("Handshake, message by message ({version})", "핸드셰이크 메시지 순서 ({version})"),
    "no_version": ("no version agreed", "합의한 버전 없음"),
    "how": ("Times are ms since connect() was called; a message's time is when our OpenSSL handled it. "
            "RTn marks the round trip it belongs to, measured from our flight leaving the socket to the "
            "first byte of the answer.",
            "시간은 connect()를 호출한 때부터의 ms이고, 메시지 시간은 우리 OpenSSL이 그 메시지를 처리한 "
            "때입니다. RTn은 그 메시지가 속한 왕복으로, 우리 메시지 묶음이 소켓을 떠난 때부터 답의 첫 "
            "바이트까지를 잰 값입니다."),
    "bytes": ("{n} B", "{n} B"),
    "encrypted": ("encrypted", "암호화됨"),
    "rts": ("Round trips (measured)", "왕복 (측정값)"),
    "col.n": ("#", "#"),
    "col.what": ("What", "내용"),
    "col.sent": ("Sent", "보냄"),
    "col.answered": ("Answered", "응답"),
    "col.rtt": ("Round trip", "왕복 시간"),
    "seq": ("Sequence", "순서도"),
    "client": ("client", "클라이언트"),
    "server": ("server", "서버"),
    "tl.syn": ("TCP SYN", "TCP SYN"),
    "tl.synack": ("TCP SYN/ACK (connect() returned)", "TCP SYN/ACK (connect() 반환)"),
    "tl.compat": ("{name} (compatibility, ignored)", "{name} (호환용, 무시됨)"),
    "tl.after": ("{name} (after the handshake)", "{name} (핸드셰이크 뒤)"),
    "tl.rst": ("TCP RST (connection reset)", "TCP RST (연결 재설정)"),
    "tl.fin": ("TCP FIN (connection closed)", "TCP FIN (연결 종료)"),
    "tl.not-tls": ("non-TLS bytes: {head}", "TLS가 아닌 바이트: {head}"),
    "rt.tcp": ("TCP handshake (SYN -> SYN/ACK)", "TCP 핸드셰이크 (SYN -> SYN/ACK)"),
    "rt.what": ("{sent} -> {answered}", "{sent} -> {answered}"),
    # ------------------------------------------------------------------ report: resumption
    "resume": ("Resumption (a second connection offering the session)", "세션 재개 (두 번째 연결에서 세션 제시)"),
    "resumed": ("Resumed", "재개됨"),
    "resumed_no": ("- ({why})", "- ({why})"),
    "mech": ("Mechanism", "방식"),
    "full": ("Full handshake", "전체 핸드셰이크"),
    "short": ("Resumed handshake", "재개 핸드셰이크"),
    "skipped": ("Not sent again", "다시 보내지 않은 메시지"),
    "rx": ("Bytes received (full -> resumed)", "받은 바이트 (전체 -> 재개)"),
    "zero": ("0-RTT (early data)", "0-RTT (조기 데이터)"),
    "zero_yes": ("the server's ticket allows it (netlab does not send early data: Python cannot)",
                 "서버 티켓이 허용함 (netlab은 조기 데이터를 보내지 않음: 파이썬이 지원하지 않음)"),
    "zero_no": ("the server's ticket does not allow it", "서버 티켓이 허용하지 않음"),
    "mech.psk": ("PSK from a session ticket", "세션 티켓의 PSK"),
    "mech.ticket": ("session ticket", "세션 티켓"),
    "mech.id": ("session ID", "세션 ID"),
    "rs.first-failed": ("the first handshake did not complete", "첫 핸드셰이크가 끝나지 않았습니다"),
    "rs.no-ticket": ("the server sent no session ticket", "서버가 세션 티켓을 보내지 않았습니다"),
    "rs.not-attempted": ("not attempted", "시도하지 않음"),
    "rs.not-accepted": ("the server did not accept our session: a full handshake again",
                        "서버가 세션을 받아들이지 않아 전체 핸드셰이크를 다시 했습니다"),
    "rs.second-failed": ("the second handshake failed: {reason}", "두 번째 핸드셰이크가 실패했습니다: {reason}"),
    # ------------------------------------------------------------------ report: chain and trust
    "sent": ("Certificate chain as sent ({n})", "서버가 보낸 인증서 체인 ({n})"),
    "path": ("Chain as validated ({n})", "검증된 체인 ({n})"),
    "col.role": ("Role", "역할"),
    "col.subject": ("Subject (CN)", "주체 (CN)"),
    "col.issuer": ("Issuer (CN)", "발급자 (CN)"),
    "col.until": ("Valid until", "만료"),
    "col.days": ("Days left", "남은 일수"),
    "col.key": ("Key", "키"),
    "role.leaf": ("leaf", "리프"),
    "role.intermediate": ("intermediate", "중간"),
    "role.root": ("root", "루트"),
    "store_pos": ("store", "저장소"),
    "sans": ("Names (SAN)", "이름 (SAN)"),
    "fp": ("SHA-256", "SHA-256"),
    "sig": ("Signature", "서명 알고리즘"),
    "trust": ("Trust", "신뢰"),
    "store": ("Trust store", "신뢰 저장소"),
    "store_value": ("{store} ({paths})", "{store} ({paths})"),
    "verdict": ("Verdict", "판정"),
    "reason": ("Reason", "이유"),
    "openssl": ("OpenSSL says", "OpenSSL 판정"),
    "hostcheck": ("Host name", "호스트 이름"),
    "verdict.valid": ("valid", "유효"),
    "verdict.invalid": ("INVALID", "유효하지 않음"),
    "verdict.unknown": ("not checked", "확인 안 함"),
    "trust_src.system": ("the system's", "시스템"),
    "trust_src.sandbox": ("the sandbox CA", "샌드박스 CA"),
    "trust_src.cacert": ("--cacert", "--cacert"),
    "notes": ("Notes", "참고"),
    "artifacts": ("Files", "파일"),
    "artifact.keylog": ("keylog", "키 로그"),
    "artifact.pcap": ("pcap", "캡처(pcap)"),
    # ------------------------------------------------------------------ version matrix details
    "vr.not-offered": ("our OpenSSL will not offer it: {why}", "우리 OpenSSL이 이 버전을 제시하지 않습니다: {why}"),
    "vr.not-tried": ("not tried", "시도하지 않음"),
    "vr.tcp": ("TCP: {error}", "TCP: {error}"),
    "vr.agreed-then-failed": ("agreed, then the handshake failed: {reason}",
                              "버전은 합의했지만 핸드셰이크가 실패했습니다: {reason}"),
    "vr.answered-with": ("the server answered with {version}", "서버가 {version}(으)로 답했습니다"),
    "vr.no-server-hello": ("no ServerHello", "ServerHello 없음"),
    "vr.alert": ("alert {alert}", "{alert} 경고"),
    "vr.reset": ("connection reset (no alert)", "연결 재설정 (경고 없음)"),
    "vr.eof": ("connection closed (no alert)", "연결 종료 (경고 없음)"),
    "vr.not-tls": ("the server does not speak TLS", "서버가 TLS를 쓰지 않습니다"),
    # TCP connect errors (TlsTcpConnectFailed.error)
    "tcperr.refused": ("refused", "거부됨"),
    "tcperr.timeout": ("timeout", "시간 초과"),
    "tcperr.unreachable": ("unreachable", "도달 불가"),
    "tcperr.reset": ("reset", "재설정"),
    "tcperr.error": ("error", "오류"),
    # key exchanges (wire.key_exchange_of) that are words, not algorithm names
    "kx.rsa": ("RSA key transport", "RSA 키 전송"),
    "kx.static": ("static (EC)DH", "고정 (EC)DH"),
    "kx.with-group": ("{kx} ({group})", "{kx} ({group})"),
    "tcp.no-syn-answer": ("no answer to our SYN within {s} s", "{s}초 안에 SYN에 대한 답이 없습니다"),
    # ------------------------------------------------------------------ how a handshake failed
    "hf.local": ("our OpenSSL refused before sending anything: {error}",
                 "우리 OpenSSL이 아무것도 보내기 전에 거부했습니다: {error}"),
    "hf.alert-received": ("the server sent alert {alert} ({error})", "서버가 {alert} 경고를 보냈습니다 ({error})"),
    "hf.alert-received-bare": ("the server sent alert {alert}", "서버가 {alert} 경고를 보냈습니다"),
    "hf.alert-sent": ("we aborted with alert {alert}: {error}", "우리 쪽이 {alert} 경고를 보내고 중단했습니다: {error}"),
    "hf.eof": ("the server closed the connection during the handshake", "서버가 핸드셰이크 중에 연결을 닫았습니다"),
    "hf.not-tls": ("the server answered with non-TLS bytes: {head}", "서버가 TLS가 아닌 바이트로 답했습니다: {head}"),
    "hf.reset": ("the server reset the connection (TCP RST) during the handshake",
                 "서버가 핸드셰이크 중에 연결을 재설정했습니다(TCP RST)"),
    "hf.timeout": ("no answer within {s} s", "{s}초 안에 답이 없습니다"),
    "hf.timeout-after-hello": ("no answer within {s} s after our ClientHello",
                               "ClientHello를 보낸 뒤 {s}초 안에 답이 없습니다"),
    "hf.words": ("{error}", "{error}"),
    "hf.client-cert": ("client certificate required", "클라이언트 인증서가 필요합니다"),
    # ------------------------------------------------------------------ OpenSSL's own verification
    "ossl.ok": ("ok", "문제 없음"),
    "ossl.verify": ("{message} (X509 error {code})", "{message} (X509 오류 {code})"),
    "ossl.not-reached": ("not reached: {reason}", "검증 전에 멈춤: {reason}"),
    "ossl.not-reached-tcp": ("not reached: TCP {error}", "검증 전에 멈춤: TCP {error}"),
    "no-cert-received": ("no certificate received", "받은 인증서가 없습니다"),
    "no-cert-to-check": ("no certificate to check", "확인할 인증서가 없습니다"),
    # ------------------------------------------------------------------ notes
    "note.no-msg-callback": ("this Python has no TLS message callback (a private API): no message-by-message "
                             "timeline, only the flights and round trips",
                             "이 파이썬에는 TLS 메시지 콜백(비공개 API)이 없어, 메시지별 시간표 없이 "
                             "메시지 묶음과 왕복만 보여줍니다"),
    "note.client-cert-optional": ("the server asked for a client certificate (optional: it went on without one)",
                                  "서버가 클라이언트 인증서를 요청했습니다(선택 사항이라 인증서 없이 계속했습니다)"),
    "note.verdicts-differ": ("netlab's verdict ({verdict}) and OpenSSL's ({openssl}) differ",
                             "netlab의 판정({verdict})과 OpenSSL의 판정({openssl})이 다릅니다"),
    "note.checked-at-start": ("the recording does not say when the chain was checked: the certificates' dates "
                              "are judged at its start time, {t}",
                              "기록에 체인을 확인한 시각이 없어, 인증서 기간은 기록의 시작 시각({t})을 "
                              "기준으로 판단했습니다"),
    "note.no-time": ("the recording has no time of observation: the certificates' dates were not checked",
                     "기록에 관찰 시각이 없어 인증서 기간을 확인하지 않았습니다"),
    # ------------------------------------------------------------------ findings
    "f.unresolved": ("cannot resolve {host}: {why}", "{host}의 주소를 찾을 수 없습니다: {why}"),
    "no-address": ("no address", "주소 없음"),
    "no-family-address": ("no IPv{family} address", "IPv{family} 주소 없음"),
    "f.tcp-failed": ("TCP connection to {address} port {port} failed: {error} ({detail})",
                     "{address}의 {port}번 포트로 TCP 연결이 실패했습니다: {error} ({detail})"),
    "f.refused": ("nothing listens on port {port} of {address}: the server answered our SYN with RST",
                  "{address}의 {port}번 포트에서 듣는 프로그램이 없습니다: 서버가 SYN에 RST로 답했습니다"),
    "f.tcp-timeout": ("no answer from {address} port {port}: {detail}",
                      "{address}의 {port}번 포트에서 답이 없습니다: {detail}"),
    "f.no-fs": ("no forward secrecy: {version} with RSA key transport ({cipher}); the session key travels "
                "encrypted under the server's RSA key, so whoever obtains that key later can decrypt recorded "
                "traffic",
                "전방 비밀성 없음: {version}, RSA 키 전송({cipher}). 세션 키가 서버의 RSA 키로 암호화되어 "
                "전달되므로, 나중에 그 개인 키를 얻은 사람은 녹화된 트래픽을 복호화할 수 있습니다"),
    "f.legacy": ("the server accepts {versions} (deprecated since 2021, RFC 8996): weak hashes and ciphers, "
                 "no modern protection",
                 "서버가 {versions}을(를) 받아들입니다(2021년 RFC 8996으로 폐기됨): 약한 해시와 암호를 쓰고 "
                 "현대적인 보호 장치가 없습니다"),
    "and": (" and ", " 및 "),
    "f.round-trip": ("{version} handshake: 1 round trip ({rtts}) after TCP's own ({tcp}); the client could "
                     "send its request after {hs} of TLS",
                     "{version} 핸드셰이크: TCP 왕복({tcp}) 뒤 1번 왕복({rtts}); TLS에 {hs}가 든 뒤 요청을 "
                     "보낼 수 있었습니다"),
    "f.round-trips": ("{version} handshake: {n} round trips ({rtts}) after TCP's own ({tcp}); the client could "
                      "send its request after {hs} of TLS",
                      "{version} 핸드셰이크: TCP 왕복({tcp}) 뒤 {n}번 왕복({rtts}); TLS에 {hs}가 든 뒤 요청을 "
                      "보낼 수 있었습니다"),
    "f.round-trip-refused": ("{version} handshake: 1 round trip ({rtts}) after TCP's own ({tcp}); our side was done "
                             "after {hs} of TLS, but the server then refused to go on ({failure}): no request could "
                             "be sent",
                             "{version} 핸드셰이크: TCP 왕복({tcp}) 뒤 1번 왕복({rtts}). TLS {hs} 뒤 우리 쪽은 끝났지만 "
                             "서버가 그다음을 거부해서({failure}) 요청을 보낼 수 없었습니다"),
    "f.round-trips-refused": ("{version} handshake: {n} round trips ({rtts}) after TCP's own ({tcp}); our side was "
                              "done after {hs} of TLS, but the server then refused to go on ({failure}): no request "
                              "could be sent",
                              "{version} 핸드셰이크: TCP 왕복({tcp}) 뒤 {n}번 왕복({rtts}). TLS {hs} 뒤 우리 쪽은 "
                              "끝났지만 서버가 그다음을 거부해서({failure}) 요청을 보낼 수 없었습니다"),
    "summary_refused": ("{host}: {version}, {cipher}, {kx} agreed, but the handshake did not complete: {failure}; "
                        "certificate {verdict} ({reason}).",
                        "{host}: {version}, {cipher}, {kx}까지 합의했지만 핸드셰이크가 끝나지 않았습니다: {failure}. "
                        "인증서 {verdict}({reason})."),
    "f.resumed": ("the second connection resumed the session ({mechanism}): {resumed} instead of {full}, "
                  "{resumed_bytes} bytes instead of {full_bytes}; not sent again: {skipped}",
                  "두 번째 연결이 세션을 재개했습니다({mechanism}): {full} 대신 {resumed}, {full_bytes}바이트 "
                  "대신 {resumed_bytes}바이트; 다시 보내지 않은 메시지: {skipped}"),
    "nothing": ("nothing", "없음"),
    "f.keylog": ("key log written to {path} (mode 0600): it holds the session secrets; anyone with it and a "
                 "capture can read these connections. Delete it when done.",
                 "키 로그를 {path}에 기록했습니다(권한 0600): 세션 비밀이 들어 있어, 이 파일과 캡처를 가진 "
                 "사람은 이 연결을 읽을 수 있습니다. 다 쓰면 지우세요."),
    "f.capture-unavailable": ("no capture written: {reason}", "캡처를 기록하지 못했습니다: {reason}"),
    "f.client-cert": ("the server requires a client certificate: it sent CertificateRequest, we had none to "
                      "send, and it ended the handshake",
                      "서버가 클라이언트 인증서를 요구합니다: CertificateRequest를 보냈고, 우리에게 보낼 인증서가 "
                      "없자 서버가 핸드셰이크를 끝냈습니다"),
    "f.client-cert-alert": ("the server requires a client certificate: it sent CertificateRequest, we had none "
                            "to send, and it ended the handshake with alert {alert}",
                            "서버가 클라이언트 인증서를 요구합니다: CertificateRequest를 보냈고, 우리에게 보낼 "
                            "인증서가 없자 서버가 {alert} 경고로 핸드셰이크를 끝냈습니다"),
    "f.reset-after-hello": ("the server reset the connection (TCP RST) right after our ClientHello: no TLS "
                            "handshake took place",
                            "서버가 ClientHello 직후에 연결을 재설정했습니다(TCP RST): TLS 핸드셰이크가 "
                            "이루어지지 않았습니다"),
    "f.reset-before": ("the server reset the connection (TCP RST) before we sent anything: no TLS handshake "
                       "took place",
                       "서버가 우리가 아무것도 보내기 전에 연결을 재설정했습니다(TCP RST): TLS 핸드셰이크가 "
                       "이루어지지 않았습니다"),
    "f.not-tls": ("port {port} does not speak TLS: our ClientHello was answered with {head}",
                  "{port}번 포트는 TLS를 쓰지 않습니다: ClientHello에 돌아온 답은 {head}입니다"),
    "f.timeout": ("the TLS handshake timed out: {reason}", "TLS 핸드셰이크 시간이 초과되었습니다: {reason}"),
    "f.failed": ("the TLS handshake failed: {reason}", "TLS 핸드셰이크가 실패했습니다: {reason}"),
    "f.failed-no-sni": ("the TLS handshake failed: {reason} (we sent no server name: try --servername NAME)",
                        "TLS 핸드셰이크가 실패했습니다: {reason} (서버 이름을 보내지 않았습니다: "
                        "--servername NAME을 써 보세요)"),
    # ------------------------------------------------------------------ the chain (chain.py)
    "ch.unparseable": ("certificate #{n} could not be parsed", "#{n} 인증서를 해석할 수 없습니다"),
    "ch.duplicate": ("certificate #{n} ({cn}) was sent twice (also #{other})",
                     "#{n} 인증서({cn})가 두 번 왔습니다(#{other}와 같음)"),
    "ch.order": ("the chain was sent out of order: {items} (each certificate should be followed by the one "
                 "that signed it)",
                 "체인의 순서가 틀렸습니다: {items} (각 인증서 뒤에는 그것에 서명한 인증서가 와야 합니다)"),
    "ch.order-item": ("#{pos} ({next}) does not sign #{child} ({cn}); its issuer is #{issuer_pos} ({issuer})",
                      "#{pos}({next})는 #{child}({cn})에 서명하지 않았고, 발급자는 #{issuer_pos}({issuer})입니다"),
    "ch.extra": ("sent but not needed for the path: {items}", "보냈지만 검증 경로에 필요 없는 인증서: {items}"),
    "ch.cert": ("#{n} ({cn})", "#{n}({cn})"),
    "ch.empty": ("the server sent no certificate we could read", "서버가 보낸 인증서 중 읽을 수 있는 것이 없습니다"),
    "ch.no-anchors": ("no trust anchors were available, so the chain could not be checked",
                      "신뢰 앵커가 없어 체인을 확인할 수 없었습니다"),
    "ch.self-signed": ("the certificate is self-signed: {cn} vouches for itself and no CA signed it",
                       "자체 서명 인증서입니다: {cn} 스스로 자신을 보증하고, 어떤 CA도 서명하지 않았습니다"),
    "ch.self-signed-reason": ("self-signed certificate", "자체 서명 인증서"),
    "ch.untrusted-root": ("the chain ends at the root '{cn}', which the trust store does not contain",
                          "체인이 루트 '{cn}'에서 끝나는데, 이 루트는 신뢰 저장소에 없습니다"),
    "ch.untrusted-root-reason": ("root '{cn}' is not trusted", "루트 '{cn}'을(를) 신뢰하지 않습니다"),
    "ch.incomplete": ("incomplete chain: the server sent its certificate without the intermediate that signed "
                      "it ('{issuer}'), and the trust store does not have it either",
                      "불완전한 체인: 서버가 자기 인증서에 서명한 중간 인증서('{issuer}')를 함께 보내지 않았고, "
                      "신뢰 저장소에도 그 인증서가 없습니다"),
    "ch.incomplete-reason": ("issuer '{issuer}' missing (not sent, not trusted)",
                             "발급자 '{issuer}' 없음 (보내지 않았고, 신뢰 저장소에도 없음)"),
    "ch.unknown-issuer": ("the chain ends at '{cn}', issued by '{issuer}', which is neither sent nor in the "
                          "trust store (a root this client does not trust, or a missing intermediate)",
                          "체인이 '{cn}'에서 끝나는데, 그 발급자 '{issuer}'는 보내지도 않았고 신뢰 저장소에도 "
                          "없습니다(이 클라이언트가 신뢰하지 않는 루트이거나, 빠진 중간 인증서)"),
    "ch.unknown-issuer-reason": ("issuer '{issuer}' not found", "발급자 '{issuer}'를 찾을 수 없음"),
    "ch.trusted-reason": ("chains to the trusted root '{cn}'", "신뢰하는 루트 '{cn}'까지 이어집니다"),
    "ch.expired-leaf": ("the server's certificate expired {ago} ago, notAfter {date}",
                        "서버 인증서가 {ago} 전(notAfter {date})에 만료되었습니다"),
    "ch.expired-ca": ("'{cn}' expired {ago} ago, notAfter {date}",
                      "'{cn}' 인증서가 {ago} 전(notAfter {date})에 만료되었습니다"),
    "ch.not-yet-leaf": ("the server's certificate is not valid yet: it starts in {ahead}, notBefore {date}",
                        "서버 인증서가 아직 유효하지 않습니다: {ahead} 뒤(notBefore {date})에 시작합니다"),
    "ch.not-yet-ca": ("'{cn}' is not valid yet: it starts in {ahead}, notBefore {date}",
                      "'{cn}' 인증서가 아직 유효하지 않습니다: {ahead} 뒤(notBefore {date})에 시작합니다"),
    "day": ("{n} day", "{n}일"),
    "days": ("{n} days", "{n}일"),
    "ch.no-hostname": ("no host name to check (connected by address, no --servername)",
                       "확인할 호스트 이름이 없습니다(주소로 연결했고 --servername도 없음)"),
    "ch.mismatch": ("host name mismatch: {detail}", "호스트 이름 불일치: {detail}"),
    "ch.no-san": ("the certificate has no subjectAltName, so it names no host (the CN is not used)",
                  "인증서에 subjectAltName이 없어 어떤 호스트도 가리키지 않습니다(CN은 쓰지 않음)"),
    "ch.host-ok": ("{host} matches the certificate (names: {names})",
                   "{host}: 인증서의 이름과 일치합니다(이름: {names})"),
    "ch.host-bad": ("{host} is not among the names the certificate is valid for: {names}",
                    "{host}: 인증서가 유효한 이름 가운데 없습니다: {names}"),
})
