"""The capture filter: libpcap called directly gives the very program scapy's compile_filter gives."""

from __future__ import annotations

import struct

import pytest

from netlab.capture.sniffer import _compile_with_libpcap, compile_bpf, connection_filter
from netlab.errors import EnvironmentProblem


@pytest.mark.parametrize("expr", [
    connection_filter("198.18.0.10", 40000, "198.18.1.100", 443),
    connection_filter("2001:db8::10", 40000, "2001:db8:1::100", 80),
    "udp port 53",
])
def test_same_program_as_scapy(expr):
    from scapy.arch.common import compile_filter

    if _compile_with_libpcap(expr, 1) is None:
        pytest.skip("libpcap cannot be loaded through ctypes here")
    p = compile_filter(expr, linktype=1)
    theirs = b"".join(struct.pack("HBBI", p.bf_insns[i].code, p.bf_insns[i].jt, p.bf_insns[i].jf,
                                  p.bf_insns[i].k & 0xFFFFFFFF) for i in range(p.bf_len))
    assert compile_bpf(expr) == theirs


def test_a_bad_filter_is_a_clear_problem():
    with pytest.raises(EnvironmentProblem, match="cannot compile the capture filter"):
        compile_bpf("tcp and nonsense-keyword")
