"""A frame cut at the snap length keeps its real length (PACKET_AUXDATA's tp_len), so a pcap written
from it says how long the frame was on the wire, as tcpdump's would (tshark then marks it cut)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

pytestmark = pytest.mark.integration

CODE = r"""
import socket, sys, time
from netlab.capture.sniffer import Sniffer
from netlab.capture.pcap import write_pcap
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]
with Sniffer("lo", f"udp port {port}", snaplen=64).open() as sn:
    c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); c.sendto(b"x" * 1000, ("127.0.0.1", port))
    time.sleep(0.1)
    frames = sn.drain(settle=0.05)
write_pcap(sys.argv[1], frames, linktype=sn.linktype)
print(len(frames[0].data), frames[0].orig_len)
"""


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("unshare"), reason="needs root for a private netns")
def test_cut_frame_keeps_its_real_length(tmp_path):
    pcap = tmp_path / "cut.pcap"
    p = subprocess.run(["unshare", "-n", "sh", "-c", f"ip link set lo up && {sys.executable} -c \"$0\" {pcap}", CODE],
                       capture_output=True, text=True, timeout=60, cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))))
    assert p.returncode == 0, p.stderr
    kept, real = map(int, p.stdout.split())
    assert kept == 64 and real == 1000 + 8 + 20 + 14
    if shutil.which("tshark"):
        t = subprocess.run(["tshark", "-r", str(pcap), "-T", "fields", "-e", "frame.len", "-e", "frame.cap_len"],
                           capture_output=True, text=True, timeout=60)
        assert t.stdout.split() == ["1042", "64"], t.stdout + t.stderr
