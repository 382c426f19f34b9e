"""layers collection: frames from a capture file, from another probe's Recording, or captured now.

I/O only; records events (model.py), decides nothing about the bytes beyond which frames to keep.

- ``--from FILE``: read with scapy's raw pcap/pcapng readers (no dissection), up to packet N and a
  window after it.  Kept: packet N, and the frames of its conversation (same addresses and ports,
  either direction) among the 200 before and after it, at most 8 on each side, so that a reply
  (the DNS answer to a query) is evidence too.  A file cut short inside a record keeps the complete
  frames before it.
- ``--recording FILE``: another probe's Recording: every event that carries a captured frame
  (``data`` and ``ts_ns``, like tcp-handshake's SegmentCaptured), with the link type its capture
  recorded.
- ``--capture KIND TARGET``: one exchange by an ordinary socket (the kernel builds every header),
  with netlab.capture's AF_PACKET sniffer attached first, filtered on our addresses and ports (plus
  the ICMP errors sent to us).  dns: one query (dnspython builds the message, a UDP socket sends
  it); tcp: connect() and close(); tls: Python's ssl sends its ClientHello; http: one GET; udp: the
  first datagram of a QUIC handshake (aioquic builds it, a UDP socket sends it; nothing more is
  done: the packet shown is the Initial).  At most 32 frames are kept.
"""

from __future__ import annotations

import errno
import os
import select
import socket
import time
from collections import deque

from netlab.errors import InputFileError, PrivilegeRequired
from netlab.model import Recording
from netlab.probes.layers import model
from netlab.probes.lookup import look_up
from netlab.probes.recorder import RunClock, new_recording

WINDOW = 200  # frames before and after packet N searched for its conversation
RELATED = 8  # frames of the conversation kept on each side
MAX_CAPTURED = 32
MAX_REPLY = 65536  # bytes of an HTTP reply read before closing
PACKET_OUTGOING = 4


def collect(params: dict, ctx) -> Recording:
    clock = RunClock(ctx.clock, digits=9)
    rec = new_recording(model.PROBE, dict(params), {"sandbox": getattr(ctx.sandbox, "name", None),
                                             "kernel": os.uname().release})
    source = params.get("source")
    if source == "file":
        _read_file(rec, str(params["path"]), params.get("packet") or 1, clock, ctx)
    elif source == "recording":
        _read_recording(rec, str(params["path"]), params.get("packet") or 1, clock)
    else:
        _capture(rec, params, ctx, clock)
    return rec


# ------------------------------------------------------------------------------------ files


def _open_reader(path: str):
    from netlab.probes.layers.dissect import quiet_scapy

    with quiet_scapy():
        from scapy.error import Scapy_Exception
        from scapy.utils import RawPcapNgReader, RawPcapReader

        try:
            reader = RawPcapReader(path)
        except Scapy_Exception as e:
            raise InputFileError(f"{path}: not a pcap or pcapng capture file ({e})",
                                 hint="netlab reads what tcpdump -w, Wireshark and netlab --pcap write") from None
        except (OSError, EOFError) as e:
            raise InputFileError(f"cannot read {path}: {getattr(e, 'strerror', None) or e}") from None
    return reader, ("pcapng" if isinstance(reader, RawPcapNgReader) else "pcap")


def _frames_of(reader, fmt: str):
    """(index, data, linktype, ts_ns, orig_len, complete) for each record, lazily."""
    from scapy.data import MTU

    from netlab.probes.layers.dissect import quiet_scapy

    nano = bool(getattr(reader, "nano", False))
    records = iter(reader)
    i = 0
    while True:
        with quiet_scapy():
            try:
                data, meta = next(records)
            except StopIteration:
                return
            except Exception:  # noqa: BLE001 - scapy on a broken block: the file ends here for us
                yield i + 1, b"", 0, 0, None, False
                return
        i += 1
        if fmt == "pcap":
            linktype = int(reader.linktype)
            caplen, wirelen = int(meta.caplen), int(meta.wirelen)
            ts = int(meta.sec) * 1_000_000_000 + int(meta.usec) * (1 if nano else 1000)
        else:
            linktype = int(meta.linktype)
            caplen, wirelen = len(data), int(meta.wirelen)
            resol = int(meta.tsresol or 1_000_000)
            ts = ((int(meta.tshigh) << 32) | int(meta.tslow)) * 1_000_000_000 // resol
        complete = len(data) >= min(caplen, MTU)  # scapy keeps at most MTU (65535) bytes of a record
        yield i, bytes(data), linktype, ts, (wirelen if wirelen != len(data) else None), complete


def _read_file(rec: Recording, path: str, packet: int, clock, ctx) -> None:
    try:
        size = os.path.getsize(path)
    except OSError as e:
        raise InputFileError(f"cannot read {path}: {e.strerror or e}") from None
    reader, fmt = _open_reader(path)
    before: deque = deque(maxlen=WINDOW)
    chosen = None
    after: list = []
    seen = 0
    cut = False
    try:
        for i, data, linktype, ts, orig, complete in _frames_of(reader, fmt):
            if not complete:
                cut = True
                break
            seen = i
            if i % 4096 == 0 and ctx.expired():
                raise InputFileError(f"{path}: packet {packet} not reached within the deadline ({i} packets read)",
                                     hint="give a longer --deadline, or cut the file first (editcap -r)")
            frame = model.LayersFrameRead(0.0, i, linktype, data, ts, orig)
            if i < packet:
                before.append(frame)
            elif i == packet:
                chosen = frame
            else:
                after.append(frame)
                if len(after) >= WINDOW:
                    break
    finally:
        reader.close()
    if chosen is None:
        if cut:
            raise InputFileError(f"{path}: the file is cut short inside packet {seen + 1}: it holds {seen} complete "
                                 f"packet{'s' if seen != 1 else ''}, so there is no packet {packet}")
        raise InputFileError(f"{path}: no packet {packet}: the file holds {seen} packet{'s' if seen != 1 else ''}"
                             if seen else f"{path}: the file holds no packets")
    rec.add(model.LayersFileRead(clock(), path, fmt, size, seen, cut))
    related_before, related_after = _related(chosen, list(before), after)
    for f in [*related_before, chosen, *related_after]:
        rec.add(model.LayersFrameRead(clock(), f.index, f.linktype, f.data, f.ts_ns, f.orig_len))


def _conversation(frame: model.LayersFrameRead):
    """(transport, frozenset of (address, port) ends) of a frame, or None; scapy dissects, nothing is kept."""
    from netlab.probes.layers.dissect import LINKTYPES, import_layers, quiet_scapy

    start = LINKTYPES.get(frame.linktype)
    if start is None:
        return None
    S = import_layers()
    if start == "raw":
        start = "ipv6" if frame.data[:1] and frame.data[0] >> 4 == 6 else "ipv4"
    with quiet_scapy():
        try:
            pkt = S[start](frame.data)
        except Exception:  # noqa: BLE001
            return None
        ip = pkt.getlayer("IP") or pkt.getlayer("IPv6")
        if ip is None:
            return None
        for name in ("TCP", "UDP"):
            t = pkt.getlayer(name)
            if t is not None and t.underlayer is ip:
                return name, frozenset({(ip.src, int(t.sport)), (ip.dst, int(t.dport))})
    return None


def _related(chosen: model.LayersFrameRead, before: list, after: list) -> tuple[list, list]:
    key = _conversation(chosen)
    if key is None:
        return [], []
    b = [f for f in before if _conversation(f) == key][-RELATED:]
    a = [f for f in after if _conversation(f) == key][:RELATED]
    return b, a


def _read_recording(rec: Recording, path: str, packet: int, clock) -> None:
    other = Recording.load(path)  # a layers recording too: another packet of the same capture
    linktype = next((int(e.linktype) for e in other.events if isinstance(getattr(e, "linktype", None), int)), None)
    frames = [e for e in other.events if isinstance(getattr(e, "data", None), bytes) and hasattr(e, "ts_ns")]
    if not frames or linktype is None:
        raise InputFileError(f"{path}: this {other.probe} recording holds no captured frames",
                             hint="tcp-handshake recordings made with capture hold them; or use --capture")
    if packet > len(frames):
        raise InputFileError(f"{path}: no packet {packet}: the recording holds {len(frames)} captured frame"
                             f"{'s' if len(frames) != 1 else ''}")
    rec.add(model.LayersRecordingRead(clock(), path, other.probe, len(frames)))
    lo = max(0, packet - 1 - MAX_CAPTURED // 2)
    for i, e in enumerate(frames[lo:lo + MAX_CAPTURED], start=lo + 1):
        rec.add(model.LayersFrameRead(clock(), i, linktype, e.data, int(e.ts_ns or 0), getattr(e, "orig_len", None)))


# ------------------------------------------------------------------------------------ capture


def _capture(rec: Recording, params: dict, ctx, clock) -> None:
    from netlab.capture.sniffer import capture_problem

    kind = str(params["kind"])
    problem = capture_problem()
    if problem:
        raise PrivilegeRequired(problem, hint="run inside the sandbox (netlab --sandbox layers ...) or as root; "
                                              "--from FILE.pcap and --recording FILE need no privilege")
    address, port = _resolve(rec, params, ctx, clock)
    if address is None:
        return
    from netlab.capture.sniffer import Sniffer, route_to

    route = route_to(address)
    if route is None:
        rec.add(model.LayersExchangeFailed(clock(), kind, "ENETUNREACH", f"no route to {address}"))
        return
    v6 = ":" in address
    stype = socket.SOCK_DGRAM if kind in ("dns", "udp") else socket.SOCK_STREAM
    sock = socket.socket(socket.AF_INET6 if v6 else socket.AF_INET, stype)
    sniffer = None
    try:
        try:
            sock.bind((route.source, 0))
        except OSError:
            sock.bind(("", 0))
        local = sock.getsockname()
        bpf = _filter("udp" if stype == socket.SOCK_DGRAM else "tcp", local[0], local[1], address, port)
        sniffer = Sniffer(route.ifname, bpf).open()
        now = clock()
        offset_ns = time.time_ns() - int(now * 1e9)  # CLOCK_REALTIME - probe clock: places kernel stamps
        rec.add(model.LayersCaptureStarted(now, route.ifname, sniffer.linktype, bpf))
        EXCHANGES[kind](rec, sock, params, address, port, ctx, clock)
    finally:
        sock.close()
        if sniffer is not None:
            _stop(rec, sniffer, params, clock, offset_ns)


def _resolve(rec: Recording, params: dict, ctx, clock) -> tuple[str | None, int]:
    kind = params["kind"]
    if kind == "dns":
        server = params.get("server") or getattr(ctx.sandbox, "resolver", None) or _system_resolver()
        if server is None:
            rec.add(model.LayersNameResolutionFailed(clock(), "", "no DNS server: none in /etc/resolv.conf; give --server ADDR"))
            return None, 53
        rec.add(model.LayersTargetResolved(clock(), str(server), 53, str(server), 6 if ":" in str(server) else 4))
        return str(server), 53
    host, port = str(params["host"]), int(params["port"])
    stype = socket.SOCK_DGRAM if kind == "udp" else socket.SOCK_STREAM
    infos, error = look_up(host, port, params.get("family"), stype)
    if error is not None:
        rec.add(model.LayersNameResolutionFailed(clock(), host, error))
        return None, port
    fam, address = infos[0][0], infos[0][4][0]
    rec.add(model.LayersTargetResolved(clock(), host, port, address, 6 if fam == socket.AF_INET6 else 4))
    return address, port


def _system_resolver() -> str | None:
    try:
        with open("/etc/resolv.conf", encoding="utf-8", errors="replace") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) >= 2 and parts[0] == "nameserver":
                    return parts[1].split("%", 1)[0]
    except OSError:
        return None
    return None


def _filter(transport: str, src: str, sport: int, dst: str, dport: int) -> str:
    """Our conversation, both directions, plus the ICMP errors sent back to us (unreachable, time exceeded)."""
    if ":" in dst:
        return (f"(ip6 and {transport} and host {src} and host {dst} and port {sport} and port {dport})"
                f" or (icmp6 and dst host {src} and (ip6[40] == 1 or ip6[40] == 3))")
    return (f"(ip and {transport} and host {src} and host {dst} and port {sport} and port {dport})"
            f" or (icmp and dst host {src} and (icmp[0] == 3 or icmp[0] == 11))")


def _stop(rec: Recording, sniffer, params: dict, clock, offset_ns: int) -> None:
    frames = sniffer.drain(settle=0.05)
    _passed, drops = sniffer.stats()
    linktype = sniffer.linktype
    sniffer.close()
    kept = frames[:MAX_CAPTURED]
    for i, f in enumerate(kept, start=1):  # capture order is the order; the stamp places it on the probe clock
        t = round((f.ts_ns - offset_ns) / 1e9, 9)
        rec.add(model.LayersFrameCaptured(t, i, linktype, f.data, f.ts_ns, f.pkttype == PACKET_OUTGOING, f.orig_len))
    path = params.get("pcap")
    if path:
        from netlab.capture.pcap import write_pcap

        write_pcap(path, kept, linktype=linktype)
        rec.artifacts["pcap"] = str(path)
    rec.add(model.LayersCaptureStopped(clock(), len(frames), len(kept), drops, str(path) if path else None))


def _errname(e: OSError) -> str:
    return errno.errorcode.get(e.errno or 0, type(e).__name__)


def _ep(sock) -> str:
    a = sock.getsockname()
    return f"[{a[0]}]:{a[1]}" if ":" in a[0] else f"{a[0]}:{a[1]}"


def _remote(address: str, port: int) -> str:
    return f"[{address}]:{port}" if ":" in address else f"{address}:{port}"


def _wait_datagram(rec: Recording, sock, kind: str, ctx, clock) -> None:
    """One datagram back (the answer), an ICMP error (ECONNREFUSED on a connected socket), or a timeout."""
    r, _, _ = select.select([sock], [], [], ctx.op_timeout())
    if not r:
        rec.add(model.LayersExchangeFailed(clock(), kind, "ETIMEDOUT", f"no answer within {ctx.op_timeout():g} s"))
        return
    try:
        data = sock.recv(65536)
    except OSError as e:
        rec.add(model.LayersExchangeFailed(clock(), kind, _errname(e), e.strerror or str(e)))
        return
    rec.add(model.LayersReplyReceived(clock(), len(data)))


def _dns(rec: Recording, sock, params: dict, address: str, port: int, ctx, clock) -> None:
    import dns.message

    query = dns.message.make_query(str(params["host"]), "A", use_edns=0, payload=1232).to_wire()
    try:
        sock.connect((address, port))
        sock.send(query)
    except OSError as e:
        rec.add(model.LayersExchangeFailed(clock(), "dns", _errname(e), e.strerror or str(e)))
        return
    rec.add(model.LayersMessageSent(clock(), "dns", len(query), _ep(sock), _remote(address, port)))
    _wait_datagram(rec, sock, "dns", ctx, clock)


def _connect(rec: Recording, sock, kind: str, address: str, port: int, ctx, clock) -> bool:
    sock.settimeout(ctx.op_timeout())
    try:
        sock.connect((address, port))
    except TimeoutError:
        rec.add(model.LayersExchangeFailed(clock(), kind, "ETIMEDOUT", f"no answer to the SYN within {ctx.op_timeout():g} s"))
        return False
    except OSError as e:
        rec.add(model.LayersExchangeFailed(clock(), kind, _errname(e), e.strerror or str(e)))
        return False
    return True


def _tcp(rec: Recording, sock, params: dict, address: str, port: int, ctx, clock) -> None:
    if _connect(rec, sock, "tcp", address, port, ctx, clock):
        rec.add(model.LayersMessageSent(clock(), "tcp", 0, _ep(sock), _remote(address, port)))
        time.sleep(0.01)  # let the handshake's last ACK leave before our FIN


def _tls(rec: Recording, sock, params: dict, address: str, port: int, ctx, clock) -> None:
    import ssl

    from netlab.targets import is_ip

    if not _connect(rec, sock, "tls", address, port, ctx, clock):
        return
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    tls.check_hostname = False
    tls.verify_mode = ssl.CERT_NONE  # only the ClientHello matters here; nothing is trusted or sent after
    host = str(params["host"])
    local = _ep(sock)
    try:
        with tls.wrap_socket(sock, server_hostname=None if is_ip(host) else host,
                             do_handshake_on_connect=False) as s:
            s.settimeout(ctx.op_timeout())
            rec.add(model.LayersMessageSent(clock(), "tls", 0, local, _remote(address, port)))
            s.do_handshake()
            rec.add(model.LayersReplyReceived(clock(), 0))
    except (ssl.SSLError, OSError) as e:
        rec.add(model.LayersExchangeFailed(clock(), "tls", getattr(e, "reason", None) or _errname(e), str(e)[:200]))


def _http(rec: Recording, sock, params: dict, address: str, port: int, ctx, clock) -> None:
    if not _connect(rec, sock, "http", address, port, ctx, clock):
        return
    host = str(params["host"])
    authority = (f"[{host}]" if ":" in host else host) + ("" if port == 80 else f":{port}")
    request = (f"GET {params.get('url_path') or '/'} HTTP/1.1\r\nHost: {authority}\r\nUser-Agent: netlab\r\n"
               "Accept: */*\r\nConnection: close\r\n\r\n").encode("ascii")
    try:
        sock.sendall(request)
    except OSError as e:
        rec.add(model.LayersExchangeFailed(clock(), "http", _errname(e), e.strerror or str(e)))
        return
    rec.add(model.LayersMessageSent(clock(), "http", len(request), _ep(sock), _remote(address, port)))
    got = 0
    deadline = time.monotonic() + ctx.op_timeout()
    try:
        while got < MAX_REPLY and time.monotonic() < deadline:
            r, _, _ = select.select([sock], [], [], max(0.0, deadline - time.monotonic()))
            data = sock.recv(65536) if r else b""
            if not data:
                break
            got += len(data)
    except OSError as e:
        rec.add(model.LayersExchangeFailed(clock(), "http", _errname(e), e.strerror or str(e)))
        return
    rec.add(model.LayersReplyReceived(clock(), got))


def _quic(rec: Recording, sock, params: dict, address: str, port: int, ctx, clock) -> None:
    import ssl

    from aioquic.quic.configuration import QuicConfiguration
    from aioquic.quic.connection import QuicConnection

    from netlab.targets import is_ip

    host = str(params["host"])
    config = QuicConfiguration(is_client=True, alpn_protocols=["h3"], verify_mode=ssl.CERT_NONE,
                               server_name=None if is_ip(host) else host)
    conn = QuicConnection(configuration=config)
    conn.connect((address, port), now=time.monotonic())
    datagrams = conn.datagrams_to_send(now=time.monotonic())
    try:
        sock.connect((address, port))
        for data, _addr in datagrams[:1]:  # the client's first datagram: the Initial with its ClientHello
            sock.send(data)
            rec.add(model.LayersMessageSent(clock(), "udp", len(data), _ep(sock), _remote(address, port)))
    except OSError as e:
        rec.add(model.LayersExchangeFailed(clock(), "udp", _errname(e), e.strerror or str(e)))
        return
    _wait_datagram(rec, sock, "udp", ctx, clock)


EXCHANGES = {"dns": _dns, "tcp": _tcp, "tls": _tls, "http": _http, "udp": _quic}
