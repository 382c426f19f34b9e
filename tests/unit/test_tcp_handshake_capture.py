"""Capture helpers (pcap files, frame decoder, BPF filter text) and the tcp-handshake CLI's parsing."""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

import pytest

from netlab.capture.decode import decode_frame, flags_text, parse_tcp_options
from netlab.capture.pcap import (
    LINKTYPE_ETHERNET,
    LINKTYPE_RAW,
    Frame,
    parse_pcap,
    pcap_bytes,
    read_pcap,
    write_pcap,
)
from netlab.capture.sniffer import connection_filter
from netlab.errors import InputFileError
from netlab.model import Recording
from netlab.probes.tcp_handshake.model import CaptureStarted, SegmentCaptured
from netlab.probes.tcp_handshake.params import parse_target

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "tcp"


def test_fixture_pcap_matches_the_recording_frames():
    """The pcap written by --pcap holds exactly the recorded frames, with ns kernel timestamps."""
    rec = Recording.load(str(FIX / "open-http-client-close.json"))
    pf = read_pcap(FIX / "open-http-client-close.pcap")
    assert pf.linktype == LINKTYPE_ETHERNET == rec.of_type(CaptureStarted)[0].linktype
    assert pf.nanosecond
    segs = rec.of_type(SegmentCaptured)
    assert [(f.ts_ns, f.data) for f in pf.frames] == [(s.ts_ns, s.data) for s in segs]


def test_pcap_round_trip_microsecond_and_big_endian(tmp_path):
    frames = [Frame(1_700_000_000_123_456_789, b"\x00" * 60), (1_700_000_001_000_000_001, b"\x01" * 70)]
    p = tmp_path / "x.pcap"
    write_pcap(p, frames, linktype=LINKTYPE_RAW, nanosecond=False)
    back = read_pcap(p)
    assert back.linktype == LINKTYPE_RAW and not back.nanosecond
    assert [f.ts_ns for f in back.frames] == [1_700_000_000_123_456_000, 1_700_000_001_000_000_000]
    # a big-endian file (as written on other machines) reads the same
    le = pcap_bytes(frames, nanosecond=True)
    hdr = struct.unpack("<IHHiIII", le[:24])
    be = struct.pack(">IHHiIII", *hdr)
    off = 24
    for _ in range(2):
        rec = struct.unpack("<IIII", le[off:off + 16])
        be += struct.pack(">IIII", *rec) + le[off + 16:off + 16 + rec[2]]
        off += 16 + rec[2]
    assert parse_pcap(be).frames == parse_pcap(le).frames
    with pytest.raises(InputFileError):
        parse_pcap(b"\x0a\x0d\x0d\x0a" + b"\0" * 40)  # pcapng
    with pytest.raises(InputFileError):
        parse_pcap(le[:-5])  # truncated record


def test_tshark_reads_our_pcap(tmp_path):
    """Independent reader: tshark opens the file we write (skipped where tshark is missing)."""
    import shutil

    if not shutil.which("tshark"):
        pytest.skip("tshark not installed")
    rec = Recording.load(str(FIX / "lossy-reorder.json"))
    p = tmp_path / "r.pcap"
    write_pcap(p, rec.of_type(SegmentCaptured))
    out = subprocess.run(["tshark", "-r", str(p), "-T", "fields", "-e", "tcp.seq_raw"],
                         capture_output=True, text=True, check=True).stdout.split()
    raw = [struct.unpack("!I", s.data[38:42])[0] for s in rec.of_type(SegmentCaptured)]
    assert [int(x) for x in out] == raw


def test_decode_ipv4_and_ipv6_frames():
    rec = Recording.load(str(FIX / "open-ipv6.json"))
    d = decode_frame(rec.of_type(SegmentCaptured)[0].data)
    assert d.version == 6 and d.src == "2001:db8::10" and d.dst == "2001:db8:1::110"
    assert d.tcp.flags_text == "SYN" and d.tcp.dport == 80
    rec4 = Recording.load(str(FIX / "refused.json"))
    d4 = decode_frame(rec4.of_type(SegmentCaptured)[1].data)
    assert d4.version == 4 and d4.tcp.flags_text == "RST,ACK" and d4.tcp.sport == 81
    assert decode_frame(b"\x00" * 10) is None
    assert decode_frame(d4 and rec4.of_type(SegmentCaptured)[1].data[:30]) is None  # cut inside IP


def test_decode_icmp_quotes_our_segment():
    rec = Recording.load(str(FIX / "unreachable.json"))
    icmps = [decode_frame(s.data) for s in rec.of_type(SegmentCaptured)]
    icmps = [d for d in icmps if d and d.icmp]
    assert icmps and all(d.icmp.is_unreachable for d in icmps)
    inner = [d.icmp.inner for d in icmps]
    assert any(q.proto == 6 and q.dport == 80 for q in inner)


def test_flags_and_options():
    assert flags_text(0x12) == "SYN,ACK" and flags_text(0x11) == "FIN,ACK" and flags_text(0) == "none"
    opts = parse_tcp_options(bytes([2, 4, 5, 0xB4, 4, 2, 1, 3, 3, 7, 0]))
    assert opts == [(2, b"\x05\xb4"), (4, b""), (1, b""), (3, b"\x07"), (0, b"")]
    assert parse_tcp_options(bytes([2, 9, 5])) == []  # a length running past the end stops parsing


def test_connection_filter_text():
    f = connection_filter("198.18.0.10", 40000, "198.18.1.110", 80)
    assert f.startswith("(ip and tcp and host 198.18.0.10 and host 198.18.1.110 and port 40000 and port 80)")
    assert "icmp[0] == 3" in f
    f6 = connection_filter("2001:db8::10", 40000, "2001:db8:1::110", 80)
    assert f6.startswith("(ip6 and tcp") and "icmp6" in f6


def test_bpf_compiles_with_libpcap():
    pytest.importorskip("scapy")
    from netlab.capture.sniffer import compile_bpf

    try:
        insns = compile_bpf(connection_filter("198.18.0.10", 40000, "198.18.1.110", 80))
    except Exception as e:  # pragma: no cover - libpcap missing
        pytest.skip(f"libpcap unavailable: {e}")
    assert len(insns) % 8 == 0 and len(insns) > 8


@pytest.mark.parametrize("text,expected", [
    ("tcp.lab.test", ("tcp.lab.test", 80)),
    ("tcp.lab.test:8080", ("tcp.lab.test", 8080)),
    ("198.18.1.110:81", ("198.18.1.110", 81)),
    ("[2001:db8:1::110]:82", ("2001:db8:1::110", 82)),
    ("2001:db8:1::110", ("2001:db8:1::110", 80)),
])
def test_parse_target(text, expected):
    assert parse_target(text) == expected


@pytest.mark.parametrize("text", ["", "host:0", "host:99999", "host:x", ":80", "[2001:db8::1", "[nope]:80"])
def test_parse_target_rejects(text):
    with pytest.raises(ValueError):
        parse_target(text)


def test_cli_usage_errors_and_no_heavy_imports():
    code = ("import sys; from netlab.cli import main\n"
            "sys.argv=['netlab','tcp-handshake','--help']\n"
            "try: main()\nexcept SystemExit: pass\n"
            "bad=[m for m in sys.modules if m.split('.')[0] in ('scapy','rich','httpx','aioquic')]\n"
            "print('BAD', bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert "HOST[:PORT]" in out and "BAD []" in out
    for argv in (["tcp-handshake", "h:0"], ["tcp-handshake", "h", "--http", "--send", "x"],
                 ["tcp-handshake", "h", "-4", "-6"]):
        p = subprocess.run([sys.executable, "-c", "from netlab.cli import main; main()", *argv],
                           capture_output=True, text=True)
        assert p.returncode == 2, (argv, p.stderr)
        assert len(p.stderr.strip().splitlines()) <= 3, p.stderr


def test_make_params_refuses_combinations_that_cannot_be():
    from netlab.probes.tcp_handshake.params import make_params

    p = make_params(("h", 80), send="hi", v6=True)
    assert p["family"] == 6 and p["send"] == "hi" and p["warm"] and p["close"] == "client"
    for kwargs in ({"send": "x", "http": True}, {"v4": True, "v6": True}, {"close": "both"}):
        with pytest.raises(ValueError):
            make_params(("h", 80), **kwargs)
