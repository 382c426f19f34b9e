"""websocket, pure parts: the handshake check and frame parsing from recorded bytes (RFC 6455)."""

from __future__ import annotations

import zlib

import pytest

from netlab.probes.websocket.frames import assemble, close_info, encode_frame, parse_frames, unmask
from netlab.probes.websocket.handshake import accept_for, check

KEY = b"\x01\x02\x03\x04"


def test_accept_is_the_rfc_example():
    # RFC 6455 §1.3: key "dGhlIHNhbXBsZSBub25jZQ==" -> "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="
    sha1_hex, accept = accept_for("dGhlIHNhbXBsZSBub25jZQ==")
    assert accept == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=" and sha1_hex == "b37a4f2cc0624f1690f64606cf385945b2bec4ea"


REQ = (b"GET /chat HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
       b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
       b"Sec-WebSocket-Protocol: chat, superchat\r\n\r\n")


def _resp(status=b"101 Switching Protocols", accept=b"s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", extra=b""):
    return (b"HTTP/1.1 " + status + b"\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + accept
            + b"\r\n" + extra + b"\r\n")


def test_a_good_upgrade():
    u = check(REQ, _resp(extra=b"Sec-WebSocket-Protocol: chat\r\n") + b"\x81\x02hi")
    assert u.status == 101 and u.accept_ok and not u.problems
    assert u.subprotocol_offered == ["chat", "superchat"] and u.subprotocol == "chat"


@pytest.mark.parametrize("resp, problem", [
    (b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", "not-101"),
    (_resp(accept=b"AAAAAAAAAAAAAAAAAAAAAAAAAAA="), "wrong-accept"),
    (b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n", "no-accept"),
    (_resp(extra=b"Sec-WebSocket-Protocol: other\r\n"), "subprotocol-not-offered"),
    (b"HTTP/1.1 101 Switching", "no-response"),
])
def test_bad_upgrades(resp, problem):
    assert problem in check(REQ, resp).problems


def test_all_three_length_forms_masked_and_not():
    payloads = [b"a" * 5, b"b" * 300, b"c" * 70000]
    client = b"".join(encode_frame(2, p, mask=KEY) for p in payloads)
    server = b"".join(encode_frame(2, p) for p in payloads)
    cf, _ = parse_frames([(1.0, client)], "c>s", keep=1 << 20)
    sf, _ = parse_frames([(2.0, server)], "s>c", keep=1 << 20)
    assert [f.length_form for f in cf] == [7, 16, 64] and [f.header_len for f in cf] == [6, 8, 14]
    assert [f.header_len for f in sf] == [2, 4, 10]
    assert [f.payload for f in cf] == payloads == [f.payload for f in sf]
    assert all(f.masked and f.mask_key == KEY and not f.problems for f in cf)
    assert all(not f.masked and not f.problems for f in sf)


def test_wrong_side_masking_is_named():
    (f,), _ = parse_frames([(0, encode_frame(1, b"x", mask=KEY))], "s>c")
    assert "server-masked" in f.problems
    (g,), _ = parse_frames([(0, encode_frame(1, b"x"))], "c>s")
    assert "client-unmasked" in g.problems


def test_fragmented_message_with_control_frames_between():
    data = (encode_frame(1, "Hé".encode()[:2], fin=False) + encode_frame(9, b"ping!") + encode_frame(0, "Hé".encode()[2:] + b"llo", fin=False)
            + encode_frame(10, b"pong") + encode_frame(0, b" world", fin=True))
    frames, stop = parse_frames([(0.1, data[:5]), (0.2, data[5:])], "s>c")
    assert stop is None and [f.name for f in frames] == ["text", "ping", "continuation", "pong", "continuation"]
    assert frames[0].t == 0.1 and frames[-1].t == 0.2
    (m,), stray = assemble(frames)
    assert stray == [] and m.text == "Héllo world" and m.frames == [1, 3, 5] and m.interleaved == [2, 4]


def test_invalid_utf8_across_fragments_and_a_stray_continuation():
    data = encode_frame(1, b"ok \xe2\x82", fin=False) + encode_frame(0, b"\x28 bad")  # € cut, then a wrong byte
    msgs, _ = assemble(parse_frames([(0, data)], "s>c")[0])
    assert msgs[0].text is None and "invalid-utf8" in msgs[0].problems
    good = encode_frame(1, b"ok \xe2\x82", fin=False) + encode_frame(0, b"\xac")  # the same split, valid
    assert assemble(parse_frames([(0, good)], "s>c")[0])[0][0].text == "ok €"
    _, stray = assemble(parse_frames([(0, encode_frame(0, b"x"))], "s>c")[0])
    assert stray == ["continuation-without-start"]


def test_bad_control_frames_reserved_bits_and_non_minimal_lengths():
    long_ping = encode_frame(9, b"p" * 126)
    fragmented_close = encode_frame(8, b"\x03\xe8", fin=False)
    reserved = bytes([0x83, 0x00])  # opcode 3
    rsv2 = bytes([0xA1, 0x00])
    non_min = encode_frame(2, b"x" * 10, form=16)
    frames, _ = parse_frames([(0, long_ping + fragmented_close + reserved + rsv2 + non_min)], "s>c")
    assert [f.problems for f in frames] == [["bad-control-frame"], ["bad-control-frame"], ["reserved-opcode"],
                                            ["reserved-bits"], ["non-minimal-length"]]


def test_an_oversized_frame_stops_the_parser_at_its_header():
    header = bytes([0x82, 127]) + (1 << 40).to_bytes(8, "big")
    frames, stop = parse_frames([(0, header + b"\x00" * 100)], "s>c", max_frame=1 << 20)
    assert stop == "too-big" and frames[0].length == 1 << 40 and "too-big" in frames[0].problems
    assert not frames[0].complete and frames[0].payload == b""


def test_an_incomplete_frame_at_the_end_of_the_recording():
    frames, stop = parse_frames([(0, encode_frame(2, b"x" * 300)[:50])], "s>c")
    assert stop is None and not frames[0].complete and frames[0].length == 300


def test_permessage_deflate_with_context_takeover():
    comp = zlib.compressobj(wbits=-15)
    wire = b""
    for text in (b"hello hello hello", b"hello hello hello again"):
        body = comp.compress(text) + comp.flush(zlib.Z_SYNC_FLUSH)
        assert body.endswith(b"\x00\x00\xff\xff")
        wire += encode_frame(1, body[:-4], rsv1=True)
    frames, _ = parse_frames([(0, wire)], "s>c")
    msgs, _ = assemble(frames, deflate=True)
    assert [m.text for m in msgs] == ["hello hello hello", "hello hello hello again"]
    assert msgs[1].size < len("hello hello hello again")  # the second reuses the first's context
    msgs, _ = assemble(frames, deflate=False)
    assert "rsv1-without-extension" in msgs[0].problems


def test_close_payloads():
    (f,), _ = parse_frames([(0, encode_frame(8, (4000).to_bytes(2, "big") + b"bye"))], "s>c")
    assert close_info(f) == (4000, "bye", [])
    (g,), _ = parse_frames([(0, encode_frame(8, (1005).to_bytes(2, "big")))], "s>c")
    assert close_info(g)[2] == ["bad-close-code"]
    (h,), _ = parse_frames([(0, encode_frame(8, b"\x03"))], "s>c")
    assert close_info(h)[2] == ["close-one-byte"]


def test_unmask_is_its_own_inverse():
    data = bytes(range(256)) * 40
    assert unmask(unmask(data, KEY), KEY) == data and unmask(b"abc", KEY) == bytes([0x60, 0x60, 0x60])
