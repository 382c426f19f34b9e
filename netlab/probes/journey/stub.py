"""The stub resolver (I/O): what glibc does after /etc/hosts had no entry.

Like glibc's resolver: the A and AAAA questions leave back to back from one UDP socket (RD=1, no
EDNS unless resolv.conf says ``options edns0``), to the first ``nameserver``; an unanswered try
waits ``options timeout`` (capped by netlab's --timeout and the run's deadline) and the next try
goes to the next server, ``attempts`` rounds in all; a truncated answer is asked again over TCP.
Every query and response is recorded as wire bytes.  dnspython's message module builds the
questions; it is imported inside the functions.
"""

from __future__ import annotations

import itertools
import select
import socket
import struct
import threading

from netlab.probes.journey.model import StubQueryFailed, StubQuerySent, StubResponseReceived

_QIDS = itertools.count(1)
_LOCK = threading.Lock()


def _next_qid() -> int:
    with _LOCK:
        return next(_QIDS)


def _query(name: str, qtype: str, edns: bool) -> bytes:
    import dns.message

    q = dns.message.make_query(name if name.endswith(".") else name + ".", qtype, use_edns=0 if edns else False)
    return q.to_wire()


def qtypes_for(family: int | None) -> list[str]:
    return {4: ["A"], 6: ["AAAA"]}.get(family or 0, ["A", "AAAA"])


def stub_lookup(rec, host: str, conf: dict, clock, ctx, purpose: str = "lookup",
                family: int | None = None) -> list[bytes]:
    """Ask the resolvers of ``conf`` (parse_resolv_conf) for ``host``; the response bytes received."""
    servers = conf.get("nameservers") or []
    opts = conf.get("options") or {}
    attempts = max(1, min(int(opts.get("attempts", 2) or 2), 5))
    per_try = float(opts.get("timeout", 5) or 5)
    edns = bool(opts.get("edns0"))
    for _round in range(attempts):
        for server in servers:
            if ctx.expired():
                return []
            got = _ask_udp(rec, host, server, qtypes_for(family), min(per_try, ctx.op_timeout()), clock,
                           purpose, edns)
            if got is not None:
                return got
    return []


def _ask_udp(rec, host, server, qtypes, timeout, clock, purpose, edns) -> list[bytes] | None:
    """One try: every question from one socket; None when nothing came back in time."""
    fam = socket.AF_INET6 if ":" in server else socket.AF_INET
    pending: dict[bytes, tuple[int, str, bytes]] = {}
    answers: list[bytes] = []
    try:
        s = socket.socket(fam, socket.SOCK_DGRAM)
    except OSError as e:
        rec.add(StubQueryFailed(clock(), 0, "error", e.strerror or str(e)))
        return None
    with s:
        try:
            s.connect((server, 53))
            local_port = s.getsockname()[1]
            for qtype in qtypes:
                wire = _query(host, qtype, edns)
                qid = _next_qid()
                rec.add(StubQuerySent(clock(), qid, host, qtype, server, 53, "udp", wire, local_port, purpose))
                s.send(wire)
                pending[wire[:2]] = (qid, qtype, wire)
        except OSError as e:
            for qid, _qt, _w in pending.values():
                rec.add(StubQueryFailed(clock(), qid, "error", e.strerror or str(e)))
            return None
        deadline = clock() + timeout
        while pending:
            left = deadline - clock()
            if left <= 0 or not select.select([s], [], [], left)[0]:
                for qid, _qt, _w in pending.values():
                    rec.add(StubQueryFailed(clock(), qid, "timeout", "", timeout))
                return answers or None
            try:
                data = s.recv(65535)
            except ConnectionRefusedError:
                for qid, _qt, _w in pending.values():
                    rec.add(StubQueryFailed(clock(), qid, "refused", "ICMP port unreachable: no DNS server there"))
                return answers or None
            except OSError as e:
                for qid, _qt, _w in pending.values():
                    rec.add(StubQueryFailed(clock(), qid, "error", e.strerror or str(e)))
                return answers or None
            key = data[:2]
            if key not in pending or len(data) < 3 or not data[2] & 0x80:
                continue  # not an answer to one of ours (glibc ignores it too)
            qid, qtype, wire = pending.pop(key)
            rec.add(StubResponseReceived(clock(), qid, data))
            if data[2] & 0x02:  # TC: the answer did not fit; ask again over TCP
                data = _ask_tcp(rec, host, server, qtype, wire, timeout, clock, purpose) or data
            answers.append(data)
    return answers


def _ask_tcp(rec, host, server, qtype, wire, timeout, clock, purpose) -> bytes | None:
    qid = _next_qid()
    fam = socket.AF_INET6 if ":" in server else socket.AF_INET
    try:
        with socket.socket(fam, socket.SOCK_STREAM) as s:
            s.settimeout(timeout)
            s.connect((server, 53))
            rec.add(StubQuerySent(clock(), qid, host, qtype, server, 53, "tcp", wire, s.getsockname()[1], purpose))
            s.sendall(struct.pack("!H", len(wire)) + wire)
            head = _recv_exact(s, 2)
            body = _recv_exact(s, struct.unpack("!H", head)[0]) if head else None
    except TimeoutError:
        rec.add(StubQueryFailed(clock(), qid, "timeout", "", timeout))
        return None
    except OSError as e:
        rec.add(StubQueryFailed(clock(), qid, "refused" if isinstance(e, ConnectionRefusedError) else "error",
                                e.strerror or str(e)))
        return None
    if not body:
        rec.add(StubQueryFailed(clock(), qid, "error", "the server closed the TCP connection early"))
        return None
    rec.add(StubResponseReceived(clock(), qid, body))
    return body


def _recv_exact(s, n: int) -> bytes | None:
    buf = b""
    while len(buf) < n:
        chunk = s.recv(n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return buf
