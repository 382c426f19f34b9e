"""Capture exactly one connection's packets, with the kernel's timestamps.

A :class:`Sniffer` is an ``AF_PACKET`` / ``SOCK_RAW`` socket on one interface with a BPF filter
attached *before* it is bound, so it receives nothing but matching frames, and it is ready to
receive when :meth:`Sniffer.open` returns.  Open it before ``connect()`` and the SYN cannot be
missed.  The kernel queues the frames in the socket's receive buffer (enlarged to
``rcvbuf`` bytes), so no thread is needed: :meth:`Sniffer.drain` reads what has arrived.  The
filter text is compiled by libpcap (called through ctypes; scapy's ``compile_filter`` as a fallback, imported inside
the function, never at module import).

API (used by tcp-handshake and tls-inspect ``--pcap``)::

    from netlab.capture.sniffer import Sniffer, route_to, connection_filter
    route = route_to("198.18.1.110")          # Route(ifname, source, arphrd, linktype) or None
    sock = socket.socket(...); sock.bind((route.source, 0))   # learn our port before connect
    bpf = connection_filter(route.source, sock.getsockname()[1], "198.18.1.110", 443)
    with Sniffer(route.ifname, bpf) as sn:    # raises PrivilegeRequired without CAP_NET_RAW
        sock.connect(...)
        ...
        frames = sn.drain(settle=0.05)        # [CapturedFrame(ts_ns, data, pkttype, orig_len)]
    from netlab.capture.pcap import write_pcap
    write_pcap("out.pcap", frames, linktype=sn.linktype)

``CapturedFrame.ts_ns`` is the kernel's receive timestamp (``SO_TIMESTAMPNS``: CLOCK_REALTIME,
nanoseconds since the epoch).  ``pkttype`` is the ``PACKET_*`` type from the kernel (0 host,
4 outgoing...).  On ``lo`` each packet passes twice (out and in); the sniffer keeps one copy.
:func:`capture_problem` says, without raising, why capture would not work here (or None).
"""

from __future__ import annotations

import json
import select
import socket
import struct
import subprocess
import time
from dataclasses import dataclass

from netlab.capture.pcap import LINKTYPE_ETHERNET, linktype_for_arphrd
from netlab.errors import EnvironmentProblem, PrivilegeRequired

ETH_P_ALL = 0x0003
SO_TIMESTAMPNS = 35
SCM_TIMESTAMPNS = SO_TIMESTAMPNS
SOL_PACKET = 263
PACKET_AUXDATA = 8  # a cmsg per frame: struct tpacket_auxdata, whose tp_len is the frame's real length
PACKET_STATISTICS = 6
PACKET_OUTGOING = 4
ARPHRD_LOOPBACK = 772

CAPTURE_NEEDS = "packet capture needs root or CAP_NET_RAW (e.g. sudo, or setcap cap_net_raw+ep on python)"


@dataclass(frozen=True)
class CapturedFrame:
    ts_ns: int  # kernel timestamp, ns since the epoch (CLOCK_REALTIME)
    data: bytes
    pkttype: int = 0  # PACKET_HOST 0, PACKET_BROADCAST 1, ..., PACKET_OUTGOING 4
    orig_len: int | None = None


@dataclass(frozen=True)
class Route:
    ifname: str
    source: str
    arphrd: int
    linktype: int | None


def _arphrd(ifname: str) -> int:
    try:
        with open(f"/sys/class/net/{ifname}/type", encoding="ascii") as fh:
            return int(fh.read().strip())
    except (OSError, ValueError):
        return 1


def route_to(address: str) -> Route | None:
    """The interface and source address the kernel would use towards ``address`` (None: no route).

    Asks the kernel with ``ip -j route get`` (iproute2); when ``ip`` is missing, falls back to a
    connected UDP socket (which sends nothing) for the source and the interface that holds it.
    """
    try:
        proc = subprocess.run(["ip", "-j", "route", "get", address], capture_output=True, text=True,
                              timeout=5, check=False)
    except FileNotFoundError:
        proc = None
    if proc is not None:
        if proc.returncode != 0:
            return None
        try:
            info = json.loads(proc.stdout)[0]
        except (ValueError, IndexError, KeyError):
            return None
        dev = info.get("dev")
        src = info.get("prefsrc")
        if dev and src:
            arphrd = _arphrd(dev)
            return Route(dev, src, arphrd, linktype_for_arphrd(arphrd))
        if dev:
            src = _source_for(address)
            if src:
                arphrd = _arphrd(dev)
                return Route(dev, src, arphrd, linktype_for_arphrd(arphrd))
        return None
    src = _source_for(address)
    if src is None:
        return None
    return Route("any", src, 1, None)


def _source_for(address: str) -> str | None:
    fam = socket.AF_INET6 if ":" in address else socket.AF_INET
    try:
        with socket.socket(fam, socket.SOCK_DGRAM) as s:
            s.connect((address, 9))
            return s.getsockname()[0]
    except OSError:
        return None


def connection_filter(src: str, sport: int, dst: str, dport: int, icmp_errors: bool = True) -> str:
    """A BPF expression for one TCP connection (both directions) plus ICMP errors sent to ``src``."""
    v6 = ":" in dst
    ip = "ip6" if v6 else "ip"
    expr = f"({ip} and tcp and host {src} and host {dst} and port {sport} and port {dport})"
    if icmp_errors:
        if v6:
            # ICMPv6 destination unreachable (1) and time exceeded (3); ip6[40] is the ICMPv6 type
            # when no extension header precedes it.
            expr += f" or (icmp6 and dst host {src} and (ip6[40] == 1 or ip6[40] == 3))"
        else:
            expr += f" or (icmp and dst host {src} and (icmp[0] == 3 or icmp[0] == 11))"
    return expr


def capture_problem() -> str | None:
    """Why capture cannot work here (one line), or None when an AF_PACKET socket can be opened."""
    try:
        s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
    except PermissionError:
        return CAPTURE_NEEDS
    except (OSError, AttributeError) as e:
        return f"packet capture is not available here ({e})"
    s.close()
    return None


def compile_bpf(expr: str, linktype: int = LINKTYPE_ETHERNET) -> bytes:
    """Compile a filter expression with libpcap into a packed ``struct sock_filter[]``.

    libpcap is called directly through ctypes (pcap_open_dead + pcap_compile, as scapy's own
    compile_filter does), which spares the ~0.3 s of importing scapy; scapy's path is the fallback
    when libpcap cannot be loaded that way.
    """
    insns = _compile_with_libpcap(expr, linktype)
    if insns is not None:
        return insns
    try:
        from scapy.arch.common import compile_filter
        from scapy.error import Scapy_Exception
    except ImportError as e:  # pragma: no cover - scapy is a dependency
        raise EnvironmentProblem(f"scapy is not importable ({e})", hint="pip install scapy") from e
    try:
        prog = compile_filter(expr, linktype=linktype)
    except (Scapy_Exception, ImportError, OSError) as e:
        raise EnvironmentProblem(f"cannot compile the capture filter {expr!r}: {e}",
                                 hint="install libpcap (apt-get install libpcap0.8)") from e
    return _pack(prog.bf_insns, prog.bf_len)


def _pack(insns, n: int) -> bytes:
    return b"".join(struct.pack("HBBI", insns[i].code, insns[i].jt, insns[i].jf, insns[i].k & 0xFFFFFFFF)
                    for i in range(n))


_LIBPCAP = None


def _libpcap():
    global _LIBPCAP
    if _LIBPCAP is None:
        import ctypes
        import ctypes.util

        name = ctypes.util.find_library("pcap")
        for candidate in ([name] if name else []) + ["libpcap.so.1", "libpcap.so.0.8"]:
            try:
                _LIBPCAP = ctypes.CDLL(candidate)
                break
            except OSError:
                continue
        else:
            _LIBPCAP = False
    return _LIBPCAP or None


def _compile_with_libpcap(expr: str, linktype: int) -> bytes | None:
    import ctypes

    lib = _libpcap()
    if lib is None:
        return None

    class Insn(ctypes.Structure):
        _fields_ = [("code", ctypes.c_ushort), ("jt", ctypes.c_ubyte), ("jf", ctypes.c_ubyte), ("k", ctypes.c_uint32)]

    class Program(ctypes.Structure):
        _fields_ = [("bf_len", ctypes.c_uint), ("bf_insns", ctypes.POINTER(Insn))]

    lib.pcap_open_dead.restype = ctypes.c_void_p
    lib.pcap_open_dead.argtypes = [ctypes.c_int, ctypes.c_int]
    lib.pcap_compile.argtypes = [ctypes.c_void_p, ctypes.POINTER(Program), ctypes.c_char_p, ctypes.c_int,
                                 ctypes.c_uint32]
    lib.pcap_geterr.restype = ctypes.c_char_p
    lib.pcap_geterr.argtypes = [ctypes.c_void_p]
    lib.pcap_freecode.argtypes = [ctypes.POINTER(Program)]
    lib.pcap_close.argtypes = [ctypes.c_void_p]
    handle = lib.pcap_open_dead(linktype, 65535)  # the snap length scapy uses: the same program
    if not handle:
        return None
    try:
        prog = Program()
        if lib.pcap_compile(handle, ctypes.byref(prog), expr.encode(), 1, 0xFFFFFFFF) != 0:
            why = (lib.pcap_geterr(handle) or b"").decode(errors="replace")
            raise EnvironmentProblem(f"cannot compile the capture filter {expr!r}: {why}")
        try:
            return _pack(prog.bf_insns, prog.bf_len)
        finally:
            lib.pcap_freecode(ctypes.byref(prog))
    finally:
        lib.pcap_close(handle)


def _attach(sock: socket.socket, insns: bytes) -> None:
    import ctypes

    n = len(insns) // 8
    buf = ctypes.create_string_buffer(insns, len(insns))
    # struct sock_fprog { unsigned short len; struct sock_filter *filter; }
    fprog = struct.pack("HL", n, ctypes.addressof(buf))
    sock.setsockopt(socket.SOL_SOCKET, 26, fprog)  # SO_ATTACH_FILTER (copied by the kernel)


class Sniffer:
    """An AF_PACKET socket on ``ifname`` that receives only frames matching ``bpf``."""

    def __init__(self, ifname: str, bpf: str, snaplen: int = 262144, rcvbuf: int = 8 << 20):
        self.ifname = ifname
        self.bpf = bpf
        self.snaplen = snaplen
        self.rcvbuf = rcvbuf
        self.sock: socket.socket | None = None
        self.arphrd = _arphrd(ifname) if ifname != "any" else 1
        self.linktype = linktype_for_arphrd(self.arphrd) or LINKTYPE_ETHERNET
        self.frames: list[CapturedFrame] = []
        self.opened_ns = 0

    # -- life cycle ---------------------------------------------------------------------------

    def open(self) -> Sniffer:
        insns = compile_bpf(self.bpf, self.linktype)
        try:
            # protocol 0: the socket receives nothing until bind() names a protocol, so no
            # unfiltered frame can slip in between socket() and SO_ATTACH_FILTER.
            s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
        except PermissionError as e:
            raise PrivilegeRequired(CAPTURE_NEEDS, hint="run as root, or inside `netlab --sandbox`") from e
        try:
            try:
                s.setsockopt(socket.SOL_SOCKET, 33, self.rcvbuf)  # SO_RCVBUFFORCE (root)
            except OSError:
                s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, self.rcvbuf)
            s.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
            try:
                s.setsockopt(SOL_PACKET, PACKET_AUXDATA, 1)
            except OSError:
                pass  # without it a frame cut at snaplen keeps snaplen as its length
            _attach(s, insns)
            if self.ifname == "any":
                s.bind(("", ETH_P_ALL))
            else:
                s.bind((self.ifname, ETH_P_ALL))
            s.setblocking(False)
        except OSError as e:
            s.close()
            raise EnvironmentProblem(f"cannot capture on {self.ifname}: {e.strerror or e}") from e
        self.sock = s
        self.opened_ns = time.time_ns()
        return self

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
            self.sock = None

    def __enter__(self) -> Sniffer:
        if self.sock is None:
            self.open()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- reading ------------------------------------------------------------------------------

    def _read_ready(self) -> int:
        assert self.sock is not None
        n = 0
        anc = socket.CMSG_SPACE(16) + socket.CMSG_SPACE(20)
        while True:
            try:
                data, ancdata, flags, addr = self.sock.recvmsg(self.snaplen, anc, socket.MSG_TRUNC)
            except BlockingIOError:
                return n
            except InterruptedError:
                continue
            ts = real_len = None
            for level, typ, val in ancdata:
                if level == socket.SOL_SOCKET and typ == SCM_TIMESTAMPNS and len(val) >= 16:
                    sec, nsec = struct.unpack("qq", val[:16])
                    ts = sec * 1_000_000_000 + nsec
                elif level == SOL_PACKET and typ == PACKET_AUXDATA and len(val) >= 8:
                    real_len = struct.unpack("II", val[:8])[1]  # tp_status, tp_len
            pkttype = addr[2] if isinstance(addr, tuple) and len(addr) > 2 else 0
            hatype = addr[3] if isinstance(addr, tuple) and len(addr) > 3 else self.arphrd
            if hatype == ARPHRD_LOOPBACK and pkttype == PACKET_OUTGOING:
                continue  # loopback: the same packet comes back as incoming; keep that copy
            orig = None
            if flags & socket.MSG_TRUNC or (real_len is not None and real_len > len(data)):
                orig = real_len if real_len is not None and real_len > len(data) else None
                data = data[: self.snaplen]
            self.frames.append(CapturedFrame(ts if ts is not None else time.time_ns(), bytes(data), pkttype, orig))
            n += 1

    def poll(self, timeout: float = 0.0) -> int:
        """Read frames that arrived, waiting up to ``timeout`` seconds for the first one."""
        if self.sock is None:
            return 0
        if timeout > 0:
            select.select([self.sock], [], [], timeout)
        return self._read_ready()

    def drain(self, settle: float = 0.0) -> list[CapturedFrame]:
        """Everything captured so far, after waiting until no frame arrived for ``settle`` s."""
        if self.sock is not None:
            self._read_ready()
            while settle > 0 and self.poll(settle):
                pass
        return list(self.frames)

    def stats(self) -> tuple[int, int]:
        """(frames the filter passed, frames the kernel dropped for lack of buffer) since last call."""
        if self.sock is None:
            return (0, 0)
        try:
            raw = self.sock.getsockopt(SOL_PACKET, PACKET_STATISTICS, 8)
        except OSError:
            return (0, 0)
        packets, drops = struct.unpack("II", raw)
        return packets, drops


def monotonic_offset_ns() -> int:
    """CLOCK_REALTIME minus CLOCK_MONOTONIC, in ns (to place kernel timestamps on the probe clock)."""
    best = None
    for _ in range(3):
        a = time.monotonic_ns()
        r = time.time_ns()
        b = time.monotonic_ns()
        if best is None or (b - a) < best[0]:
            best = (b - a, r - (a + b) // 2)
    return best[1] if best else 0


__all__ = [
    "CAPTURE_NEEDS", "CapturedFrame", "Route", "Sniffer", "capture_problem", "compile_bpf",
    "connection_filter", "monotonic_offset_ns", "route_to",
]
