"""The capture walk of tcp-flow (segments.py) on hand-made frames: every label it gives (pure)."""

import struct
import zlib

from netlab.capture.decode import ACK, FIN, SYN
from netlab.capture.pcap import Frame, pcap_bytes
from netlab.probes.tcp_flow.model import SegmentsCaptured
from netlab.probes.tcp_flow.segments import view

S, C = "198.18.1.131", "198.18.0.10"  # the sender (a source) and us
ISN_S, ISN_C = 1000, 5000


def frame(src, dst, seq, ack, flags, win=1000, length=0, sack=(), opts=b"", t=0.0):
    sp, dp = (19000, 40000) if src == S else (40000, 19000)
    o = opts
    if sack:
        o += b"\x01\x01\x05" + bytes([2 + 8 * len(sack)]) + b"".join(struct.pack("!II", a, b) for a, b in sack)
    o += b"\0" * (-len(o) % 4)
    tcp = struct.pack("!HHIIBBHHH", sp, dp, seq, ack, (5 + len(o) // 4) << 4, flags, win, 0, 0) + o
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp) + length, 0, 0x4000, 64, 6, 0,
                     bytes(map(int, src.split("."))), bytes(map(int, dst.split("."))))
    return Frame(int(t * 1e9), b"\x02" * 12 + b"\x08\x00" + ip + tcp, 14 + 20 + len(tcp) + length)


def capture(frames) -> SegmentsCaptured:
    return SegmentsCaptured(t=0, run=0, interface="eth0", local=C, remote=S,
                            pcap_zlib=zlib.compress(pcap_bytes(frames)), frames=len(frames))


def handshake(ws=b"\x03\x03\x02"):  # window scale 2: windows are x4
    return [frame(C, S, ISN_C, 0, SYN, opts=b"\x04\x02" + ws, t=0.00),
            frame(S, C, ISN_S, ISN_C + 1, SYN | ACK, opts=b"\x04\x02" + ws, t=0.01),
            frame(C, S, ISN_C + 1, ISN_S + 1, ACK, t=0.02)]


def data(i, t, length=1000):
    return frame(S, C, ISN_S + 1 + i * 1000, ISN_C + 1, ACK, length=length, t=t)


def ack(n, t, win=1000, sack=()):
    return frame(C, S, ISN_C + 1, ISN_S + 1 + n, ACK, win=win, t=t,
                 sack=[(ISN_S + 1 + a, ISN_S + 1 + b) for a, b in sack])


def test_a_loss_duplicate_acks_and_the_fast_retransmission():
    fr = handshake() + [data(0, 0.1), ack(1000, 0.11), data(1, 0.12), ack(2000, 0.121)]  # bytes 2000-3000 lost
    fr += [data(3, 0.13), ack(2000, 0.131, sack=[(3000, 4000)]), data(4, 0.14), ack(2000, 0.141, sack=[(3000, 5000)]),
           data(5, 0.15), ack(2000, 0.151, sack=[(3000, 6000)]), data(2, 0.16), ack(6000, 0.17)]
    v = view(capture(fr), S)
    assert v.syn_seen and v.sack_permitted and v.receiver_wscale == 2
    assert [s.seq for s in v.retrans] == [2000]
    r = v.retrans[0]
    assert "fast" in r.labels and r.dupacks == 3
    assert v.dupacks == 3
    assert v.counts()["fast_retransmissions"] == 1 and v.counts()["timer_retransmissions"] == 0
    assert v.segs[-1].window == 4000  # the scale from the SYN applies to later segments


def test_a_retransmission_after_silence_is_a_timer_one_and_a_dsack_makes_it_spurious():
    fr = handshake() + [data(0, 0.1), data(1, 0.11)]
    fr += [data(1, 0.5)]  # no duplicate ACK came: a timer fired
    fr += [ack(2000, 0.52), ack(2000, 0.53, sack=[(1000, 2000)])]  # ... and the receiver had it: DSACK
    v = view(capture(fr), S)
    r = v.retrans[0]
    assert "timer" in r.labels and "spurious" in r.labels


def test_zero_window_probes_and_the_window_update():
    fr = handshake() + [data(0, 0.1), ack(1000, 0.11, win=0)]
    fr += [frame(S, C, ISN_S + 1 + 999, ISN_C + 1, ACK, t=0.31), ack(1000, 0.311, win=0)]  # probe (snd_una - 1)
    fr += [frame(S, C, ISN_S + 1 + 999, ISN_C + 1, ACK, t=0.71), ack(1000, 0.711, win=0)]
    fr += [ack(1000, 0.9, win=500), data(1, 0.91)]
    v = view(capture(fr), S)
    assert [round(z.t, 2) for z in v.zero_windows] == [0.11]  # the first zero window, not each repeat
    assert [round(p.t, 2) for p in v.probes] == [0.31, 0.71]
    assert [round(u.t, 2) for u in v.updates] == [0.9] and v.updates[0].window == 2000
    assert not v.retrans


def test_a_capture_without_the_syn_still_numbers_from_the_first_segment():
    fr = [data(0, 0.1), ack(1000, 0.11), data(1, 0.12), data(1, 0.4)]
    v = view(capture(fr), S)
    assert not v.syn_seen and [s.seq for s in v.retrans] == [1000]  # the first byte seen is byte 0


def test_resets_and_undecodable_frames_are_counted():
    fr = handshake() + [frame(S, C, ISN_S + 1, ISN_C + 1, 0x04, t=0.2), Frame(0, b"\x00" * 20)]
    v = view(capture(fr), S)
    assert len(v.resets) == 1 and v.undecodable == 1


def test_ecn_marks_are_counted():
    f = frame(S, C, ISN_S + 1, ISN_C + 1, ACK, length=100, t=0.1)
    marked = Frame(f.ts_ns, f.data[:15] + bytes([0x03]) + f.data[16:], f.orig_len)  # CE
    v = view(capture(handshake() + [marked]), S)
    assert v.ecn_ce == 1 and v.counts()["ecn_ce"] == 1


def test_fin_is_not_a_duplicate_ack():
    fr = handshake() + [data(0, 0.1), frame(C, S, ISN_C + 1, ISN_S + 1 + 1000, ACK | FIN, t=0.2)]
    assert view(capture(fr), S).dupacks == 0
