"""http-state and websocket on recorded sandbox runs (tests/fixtures/state, tests/fixtures/ws):
each finding rule fires where the evidence says so, and not elsewhere."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from netlab.model import Recording
from netlab.probes import load_probe

FIX = Path(__file__).resolve().parents[1] / "fixtures"


def _analyze(path: str):
    rec = Recording.load(str(FIX / path))
    return load_probe(rec.probe).analyze(rec), rec


def _codes(res) -> list[str]:
    return [f.code for f in res.findings]


def test_http_state_story():
    res, _ = _analyze("state/app.json")
    codes = _codes(res)
    for code in ("state.stateless", "state.keep-alive", "state.session-cookie", "state.session-row",
                 "state.logout-cleared", "state.session-expired", "state.jwt-readable", "state.cleartext-cookie",
                 "state.https-hidden"):
        assert code in codes, code
    assert codes.count("state.jwt-verified") == 3 and codes.count("state.refused") >= 6
    assert "state.accepted" not in codes and "state.session-weak" not in codes
    first = res.exchanges[0]
    assert first.step == "visit-1" and first.cookie_sent is None and set(first.set_cookies) == {"theme", "promo"}
    assert res.exchanges[1].cookie_names == ["theme", "promo"]
    assert {e.conn for e in res.exchanges} == {1, 2}  # one https and one http connection, each reused


def test_http_state_jar_matrix_explains_each_rule():
    res, _ = _analyze("state/app.json")
    rows = {r["cookie"]: [c[1] for c in r["cells"]] for r in res.jar_matrix}
    # targets: this page, http://, another path, sibling host, cross-site subrequest, cross-site link, other site
    assert rows["sid"] == ["ok", "secure", "ok", "host-only", "samesite-lax", "ok", "host-only"]
    assert rows["promo"][3] == "ok" and rows["promo"][6] == "domain"  # Domain=lab.test reaches www.lab.test
    assert rows["login_hint"][0] == "path" and rows["login_hint"][2] == "ok"  # Path=/login only


def test_http_state_session_and_tokens():
    res, _ = _analyze("state/app.json")
    after_login = next(r for r in res.store_reads if r["step"] == "store-after-login")
    assert after_login["found"] and after_login["fields"]["user"] == "student" and 0 < after_login["ttl"] <= 600
    assert not next(r for r in res.store_reads if r["step"] == "store-after-logout")["found"]
    assert {t.alg: t.verified for t in res.tokens if t.step != "token-short"} == {"HS256": True, "RS256": True,
                                                                                   "ES256": True}
    assert all(t.chain_ok for t in res.tokens if t.alg in ("RS256", "ES256"))
    ours = {a["what"]: a["ours"] for a in res.attacks}
    assert ours["tampered"] == "mismatch" and ours["alg-none"] == "alg-none" and ours["expired"] == "expired"
    assert ours["not-base64"] == "malformed"


def test_a_server_that_accepts_a_tampered_token_is_an_error():
    rec = Recording.load(str(FIX / "state/app.json"))
    rec2 = copy.deepcopy(rec)
    for i, e in enumerate(rec2.events):
        if getattr(e, "step", None) == "me-tampered":
            ok = next(x for x in rec2.events if getattr(x, "step", None) == "me-HS256")
            rec2.events[i] = type(e)(**{**e.__dict__, "head": ok.head, "body": ok.body})
    res = load_probe("http-state").analyze(rec2)
    bad = [f for f in res.findings if f.code == "state.accepted"]
    assert bad and bad[0].severity == "error" and "role: admin" in bad[0].message


def test_a_secret_that_does_not_match_makes_the_signature_fail():
    rec = Recording.load(str(FIX / "state/app.json"))
    from netlab.probes.http_state.model import StateKeysRead

    rec.events = [type(e)(**{**e.__dict__, "hs256_secret": "not the secret"}) if isinstance(e, StateKeysRead) else e
                  for e in rec.events]
    res = load_probe("http-state").analyze(rec)
    assert "state.jwt-bad-signature" in _codes(res)


def test_websocket_echo():
    res, _ = _analyze("ws/echo.json")
    codes = _codes(res)
    for code in ("ws.upgrade", "ws.subprotocol", "ws.deflate", "ws.masking", "ws.length-forms", "ws.ping-rtt",
                 "ws.close", "ws.unmasked-refused"):
        assert code in codes, code
    assert res.upgrade["accept_ok"] and res.upgrade["status"] == 101
    assert {f.length_form for f in res.frames} == {7, 16, 64}
    assert all(f.masked for f in res.frames if f.direction == "c>s")
    assert [m["data_len"] for m in res.messages if m["direction"] == "s>c"] == [5, 300, 70000]
    assert len(res.pings) == 3 and all(p["rtt_ms"] > 0 for p in res.pings)
    assert res.close["first"] == "client" and res.close["code"] == 1000 and res.close["reply_code"] == 1000
    assert res.unmasked_test["close_code"] == 1002


def test_websocket_push_polling_heartbeat_close():
    push, _ = _analyze("ws/push.json")
    assert push.push["messages"] >= 5 and push.polling["requests"] >= 3
    assert push.polling["bytes_up"] + push.polling["bytes_down"] > push.push["wire_bytes"]
    assert "ws.polling" in _codes(push) and "ws.push" in _codes(push)
    beat, _ = _analyze("ws/heartbeat.json")
    assert len(beat.server_pings) >= 3 and "ws.server-pings" in _codes(beat)
    assert all(900 < p["since_last_ms"] < 1100 for p in beat.server_pings[1:])
    assert beat.idle["answered"] and "ws.idle-alive" in _codes(beat)
    close, _ = _analyze("ws/close.json")
    assert close.close["first"] == "server" and close.close["code"] == 4000 and close.close["reason"] == "bye"


def test_the_recorded_bytes_are_the_evidence():
    """Change one byte of the server's Accept in the recording: analysis alone must notice."""
    data = json.loads((FIX / "ws/echo.json").read_text())
    import base64

    for e in data["events"]:
        if e["type"] == "WsBytesReceived" and e["conn"] == 1:
            raw = base64.b64decode(e["data"])
            at = raw.index(b"Sec-Websocket-Accept: ") + len(b"Sec-Websocket-Accept: ")
            raw = raw[:at] + (b"A" if raw[at:at + 1] != b"A" else b"B") + raw[at + 1:]
            e["data"] = base64.b64encode(raw).decode()
            break
    rec = Recording.from_json(data)
    res = load_probe("websocket").analyze(rec)
    assert "ws.wrong-accept" in _codes(res)


@pytest.mark.parametrize("path", ["state/app.json", "ws/echo.json", "ws/push.json"])
def test_reports_render_in_both_languages(path):
    from netlab.report.terminal import render_terminal

    res, rec = _analyze(path)
    probe = load_probe(rec.probe)
    for lang in ("en", "ko"):
        text = render_terminal(probe.build(res, lang), verbose=True, width=100, color=False)
        assert len(text) > 2000
