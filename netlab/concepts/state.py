"""Concept notes on HTTP state: cookies, server sessions, JWTs (shown by `netlab http-state`)."""

from __future__ import annotations

from netlab.concepts import Note

NOTES = [
    Note(
        id="state.stateless",
        title_en="Stateless HTTP, and the header that carries the state",
        title_ko="무상태 HTTP와 상태를 실어 나르는 헤더",
        en="""
HTTP is stateless: each request must carry everything the server needs to answer it, because the
protocol itself remembers nothing between two requests. A site "remembers you" because the
browser sends something back with every request — a Cookie header it was given in a Set-Cookie,
or an Authorization header with a token.

Stateless does not mean connectionless, nor one-way: HTTP/1.1 keeps the TCP connection open and
sends many requests over it (keep-alive), and every exchange is a request and a response over a
two-way connection. What the protocol does not keep is *who you are* between those exchanges.

What http-state shows: the first request has no Cookie header and the server cannot tell this
browser from any other; its answer sets cookies; from then on every request carries them. The
connection column shows the same TCP connection reused for all of it.
""",
        ko="""
HTTP는 무상태입니다: 프로토콜 자체가 두 요청 사이에 아무것도 기억하지 않으므로, 요청마다 서버가
답하는 데 필요한 것을 모두 담아야 합니다. 사이트가 "당신을 기억하는" 것은 브라우저가 요청마다 무언가를
되돌려 보내기 때문입니다. Set-Cookie로 받은 Cookie 헤더, 또는 토큰을 담은 Authorization 헤더입니다.

무상태는 연결이 없다는 뜻도, 한 방향이라는 뜻도 아닙니다. HTTP/1.1은 TCP 연결을 열어 두고 그 위로
여러 요청을 보냅니다(keep-alive). 그리고 모든 교환은 양방향 연결 위의 요청과 응답입니다. 프로토콜이
기억하지 않는 것은 그 교환들 사이의 *당신이 누구인지*입니다.

http-state에서 보기: 첫 요청에는 Cookie 헤더가 없어 서버는 이 브라우저를 다른 브라우저와 구별할 수
없습니다. 응답이 쿠키를 설정하고, 그 뒤 모든 요청이 쿠키를 싣고 갑니다. 연결 열을 보면 같은 TCP
연결이 내내 재사용됩니다.
""",
    ),
    Note(
        id="state.cookie-attributes",
        title_en="Set-Cookie attributes: who gets the cookie back, and who may read it",
        title_ko="Set-Cookie 속성: 누가 쿠키를 돌려받고, 누가 읽을 수 있나",
        en="""
A Set-Cookie line is a name=value pair and attributes that tell the browser when to send it back.

Domain and Path choose the URLs (no Domain: this host only); Secure limits it to https://;
SameSite limits requests that another site starts (Strict: never, Lax: only a top-level GET
navigation, None: always, and then Secure is required); Max-Age or Expires say how long the
browser keeps it (neither: until the browser closes; Max-Age=0: delete now). HttpOnly hides it from
page scripts (document.cookie) — it does not stop it from travelling.

These are instructions to the browser. The server still decides what a cookie's value means, and
a session cookie should be HttpOnly, Secure and SameSite=Lax or Strict, with a lifetime no longer
than the server's own session.
""",
        ko="""
Set-Cookie 한 줄은 name=value 쌍과, 브라우저가 언제 쿠키를 돌려보낼지 정하는 속성으로 되어 있습니다.
Domain과 Path는 URL을 고르고(Domain이 없으면 이 호스트만), Secure는 https://로만 제한하고, SameSite는
다른 사이트가 시작한 요청을 제한합니다(Strict: 절대 안 보냄, Lax: 최상위 GET 이동 때만, None: 항상, 이때
Secure 필수).

Max-Age나 Expires는 브라우저가 얼마나 보관할지 정합니다(둘 다 없으면 브라우저를 닫을
때까지, Max-Age=0이면 지금 삭제). HttpOnly는 페이지 스크립트(document.cookie)에게서 숨길 뿐, 전송을
막지는 않습니다.

이것들은 브라우저에 주는 지시입니다. 쿠키 값이 무엇을 뜻하는지는 여전히 서버가 정합니다. 세션 쿠키는
HttpOnly, Secure, SameSite=Lax 또는 Strict여야 하고, 수명은 서버 쪽 세션보다 길지 않아야 합니다.
""",
    ),
    Note(
        id="state.cookie-jar",
        title_en="The cookie jar: the browser's rules for what goes where",
        title_ko="쿠키 저장소: 어느 쿠키를 어디로 보낼지 정하는 브라우저의 규칙",
        en="""
The browser keeps cookies in a jar keyed by name, domain and path, and for each request picks the
ones whose domain matches the host, whose path is a prefix of the request path, that are Secure
only if the request is https://, that have not expired, and whose SameSite allows a request of this
kind from this site.

It also refuses to store some: a Domain that does not cover the host, a
Secure cookie sent over http://, SameSite=None without Secure.

"Same site" is not "same origin": app.lab.test and www.lab.test are different origins but the same
site (the registrable domain lab.test), so SameSite does not separate them; host-only cookies do.
""",
        ko="""
브라우저는 쿠키를 이름, 도메인, 경로로 구분해 저장하고, 요청마다 다음을 만족하는 쿠키를 고릅니다:
도메인이 호스트와 맞고, 경로가 요청 경로의 앞부분이며, Secure라면 요청이 https://이고, 만료되지 않았고,
SameSite가 이 사이트에서 온 이런 종류의 요청을 허락하는 것. 저장 자체를 거부하는 경우도 있습니다: 호스트를 포함하지 않는 Domain, http://로 온 Secure 쿠키, Secure 없는 SameSite=None.

"같은 사이트"는 "같은 출처"가 아닙니다: app.lab.test와 www.lab.test는 출처는 다르지만 사이트는
같습니다(등록 가능한 도메인 lab.test). 그래서 SameSite로는 둘을 가르지 못하고, 호스트 전용 쿠키가
가릅니다.
""",
    ),
    Note(
        id="state.server-session",
        title_en="A server session: the cookie is only a key",
        title_ko="서버 세션: 쿠키는 열쇠일 뿐",
        en="""
With a server session, the cookie holds a long random id and nothing else; the state (who logged
in, when, from where) is a row in the server's store — here Redis, a key session:<id> with an
expiry. Every request costs a lookup, and every server behind a load balancer must see the same
store.

In return the server can end a session at once (logout deletes the row) and a stolen id
can be made worthless.

A cookie that holds the state itself (a preference, a cart) needs no store, but the client can read
and change it: anything the server must trust there has to be signed.
""",
        ko="""
서버 세션에서는 쿠키에 긴 무작위 id만 들어 있고, 상태(누가, 언제, 어디서 로그인했는지)는 서버
저장소의 행입니다. 여기서는 Redis의 session:<id> 키이고 만료 시간이 붙어 있습니다. 요청마다 조회
비용이 들고, 로드 밸런서 뒤의 모든 서버가 같은 저장소를 봐야 합니다. 대신 서버는 세션을 즉시 끝낼 수
있고(로그아웃이 행을 지움), 훔친 id를 쓸모없게 만들 수 있습니다.

상태 자체를 담은 쿠키(설정, 장바구니)는 저장소가 필요 없지만, 클라이언트가 읽고 바꿀 수 있습니다:
서버가 믿어야 하는 값이라면 서명해야 합니다.
""",
    ),
    Note(
        id="state.session-lifecycle",
        title_en="Logout, expiry, and the two clocks of a session",
        title_ko="로그아웃, 만료, 그리고 세션의 두 시계",
        en="""
A session ends in two places. The browser drops its cookie when Max-Age runs out or when the server
answers with Max-Age=0; the server forgets the session when its row expires or is deleted. Only the
server's side is a security control: an attacker who copied the id does not obey Max-Age.

That is
why http-state sends the old id by hand after logout and after expiry — and why the server must
refuse it.
""",
        ko="""
세션은 두 곳에서 끝납니다. 브라우저는 Max-Age가 다 되거나 서버가 Max-Age=0으로 답하면 쿠키를 버리고,
서버는 행이 만료되거나 지워지면 세션을 잊습니다. 보안 장치가 되는 것은 서버 쪽뿐입니다: id를 복사한
공격자는 Max-Age를 따르지 않습니다. 그래서 http-state는 로그아웃 뒤와 만료 뒤에 예전 id를 직접 보내
보고, 서버는 그것을 거절해야 합니다.
""",
    ),
    Note(
        id="state.jwt",
        title_en="A JWT is signed, not encrypted",
        title_ko="JWT는 암호화가 아니라 서명입니다",
        en="""
A JSON Web Token is three base64url strings joined by dots: a header ({"alg": "HS256"}), a payload of
claims ({"sub": "student", "exp": ...}) and a signature over the first two. Base64url is an encoding:
anyone holding the token reads the payload, so it must never carry a secret.

The signature lets the server trust the claims without a store: HS256 is an HMAC with a secret only the server knows; RS256
(RSA) and ES256 (ECDSA P-256) sign with a private key, so anyone with the public key can verify.

A token is valid until its exp: a stolen token works until then, and logout cannot delete it (a
deny-list brings back a store). That is the trade: no lookups, no instant revocation.
""",
        ko="""
JSON Web Token은 점으로 이은 base64url 문자열 세 개입니다: 헤더({"alg": "HS256"}), 클레임을 담은
페이로드({"sub": "student", "exp": ...}), 앞의 둘 위에 만든 서명. base64url은 인코딩입니다: 토큰을 가진
누구나 페이로드를 읽으므로 비밀을 담으면 안 됩니다. 서명 덕분에 서버는 저장소 없이 클레임을 믿을 수
있습니다.

HS256은 서버만 아는 비밀키로 만든 HMAC이고, RS256(RSA)과 ES256(ECDSA P-256)은 개인키로
서명하므로 공개키만 있으면 누구나 검증할 수 있습니다.

토큰은 exp까지 유효합니다: 훔친 토큰도 그때까지 통하고, 로그아웃으로 지울 수 없습니다(차단 목록을
두면 다시 저장소가 생깁니다). 조회가 없는 대신 즉시 취소할 수 없다는 맞교환입니다.
""",
    ),
    Note(
        id="state.jwt-attacks",
        title_en="What a verifier must refuse",
        title_ko="검증자가 거절해야 하는 것",
        en="""
Changing a claim changes the signing input, so the old signature no longer matches: a verifier that
checks signatures refuses it. "alg": "none" announces no signature at all; a verifier that lets the
token choose its own algorithm would accept it, so the server must fix the algorithms it accepts.

An expired exp, a token that is not three base64url parts, a signature of the wrong size: each is
refused before any claim is believed.
""",
        ko="""
클레임 하나를 바꾸면 서명 대상이 바뀌므로 예전 서명은 맞지 않습니다: 서명을 확인하는 검증자는
거절합니다. "alg": "none"은 서명이 아예 없다고 선언합니다. 토큰이 알고리즘을 고르게 두는 검증자는
이것을 받아들이므로, 서버는 받아들일 알고리즘을 스스로 정해 두어야 합니다. 지난 exp, base64url 세
부분이 아닌 토큰, 크기가 틀린 서명: 어떤 클레임도 믿기 전에 각각 거절됩니다.
""",
    ),
    Note(
        id="state.cleartext-cookie",
        title_en="A cookie over http:// is readable by everyone on the path",
        title_ko="http://의 쿠키는 경로 위의 누구나 읽습니다",
        en="""
Cookies and tokens are headers, and over plain http:// headers cross every link, Wi-Fi and router in
clear text: whoever copies the session id can send it and be logged in as you. Over https:// the
same bytes travel inside TLS records. HttpOnly does not help here (it only hides the cookie from
scripts); Secure does, by never sending the cookie over http:// at all.
""",
        ko="""
쿠키와 토큰은 헤더이고, 평문 http://에서는 헤더가 모든 링크와 Wi-Fi, 라우터를 평문으로 지나갑니다:
세션 id를 복사한 누구나 그것을 보내 당신으로 로그인할 수 있습니다. https://에서는 같은 바이트가 TLS
레코드 안에 실려 갑니다. HttpOnly는 여기서 도움이 되지 않고(스크립트에게서 숨길 뿐), Secure가 도움이
됩니다. 쿠키를 http://로는 아예 보내지 않기 때문입니다.
""",
    ),
]
