"""One sequence diagram across every party of the visit (pure): client, resolver, gateway, name
servers, web servers — from the captured frames when there are some (what really crossed the
wire, in capture order), else from the client's own events.

What is drawn: every DNS message, ARP/NDP, SYN, SYN/ACK and the handshake's ACK, each TLS
handshake record (what TLS 1.3 encrypts shows as "encrypted"), the first data segments of each
direction (the HTTP request and response: readable on port 80, encrypted on 443), FIN and RST.
The rest of the data (and pure ACKs) is counted, not drawn.
"""

from __future__ import annotations

from netlab.probes.journey.evidence import Evidence, endpoint
from netlab.probes.journey.hop import first_hop
from netlab.probes.journey.wire import client_hello_sni, dns_summary, http_line, tls_records

MAX_MESSAGES = 120
DATA_PER_DIRECTION = 3
ROLE_WORDS = ("client", "resolver", "gateway")


def participants(ev: Evidence) -> dict[str, str]:
    """address -> participant name (a role word, a server's first host name, a name server's name)."""
    out: dict[str, str] = {}
    for r in ev.requests:
        for text in (r.local,):
            a = endpoint(text)
            if a:
                out.setdefault(a[0], "client")
    for r in ev.routes:
        hop = first_hop(r.route_json, r.neigh_json)
        if hop["src"]:
            out.setdefault(hop["src"], "client")
        if hop["gateway"]:
            out.setdefault(hop["gateway"], "gateway")
    for q in ev.queries.values():
        out.setdefault(q.server, "resolver")
    for _started, fin in ev.lookups:
        for a in fin.addresses:
            out.setdefault(a, fin.host)
    for s in ev.steps:
        for e in (s.recording or {}).get("events", []) if s.step.startswith("dns:") else []:
            if e.get("type") == "QuerySent" and isinstance(e.get("address"), str):
                out.setdefault(e["address"], str(e.get("server") or e["address"]).rstrip("."))
    return out


def build_sequence(ev: Evidence) -> dict:
    names = participants(ev)
    msgs = _from_frames(ev, names) if ev.frames else _from_events(ev, names)
    omitted = max(0, len(msgs) - MAX_MESSAGES)
    msgs = msgs[:MAX_MESSAGES]
    order = ["client"]
    for m in msgs:
        for p in (m["src"], m["dst"]):
            if p not in order:
                order.append(p)
    legend = {}
    for addr, name in names.items():
        if name in order:
            legend.setdefault(name, []).append(addr)
    return {"source": "capture" if ev.frames else "events", "participants": order, "messages": msgs,
            "omitted": omitted, "legend": legend}


def _name(names: dict[str, str], addr: str) -> str:
    return names.get(addr, addr)


def _from_frames(ev: Evidence, names: dict[str, str]) -> list[dict]:
    out: list[dict] = []
    shown: dict[tuple, int] = {}  # (conn key, direction) -> data segments drawn
    hidden = 0
    for f in ev.frames:
        i = f.info
        t = ev.ms(f.t)
        if i["kind"] == "arp":
            src = _name(names, i["sender_ip"])
            dst = _name(names, i["target_ip"])
            label = (f"ARP: who has {i['target_ip']}?" if i["op"] == "request"
                     else f"ARP: {i['sender_ip']} is at {i['sender_mac']}")
            out.append({"src": src, "dst": dst, "label": label, "t_ms": t, "status": "ok", "frame": f.n})
            continue
        src, dst = _name(names, i["src"]), _name(names, i["dst"])
        if i.get("nd"):
            out.append({"src": src, "dst": dst, "label": f"NDP {i['nd']}", "t_ms": t, "status": "ok", "frame": f.n})
        elif i.get("dns"):
            label = _dns_label(i)
            if label:
                out.append({"src": src, "dst": dst, "label": label, "t_ms": t, "status": "ok", "frame": f.n})
        elif i.get("proto") == "tcp":
            label, status = _tcp_label(i, shown)
            if label is None:
                hidden += 1
                continue
            out.append({"src": src, "dst": dst, "label": label, "t_ms": t, "status": status, "frame": f.n})
    if hidden:
        out.append({"src": "client", "dst": "client", "label": f"(+{hidden} data/ACK segments not drawn)",
                    "t_ms": None, "status": "ok", "frame": None})
    return out


def _dns_label(i: dict) -> str | None:
    payload = i.get("payload") or b""
    if i.get("proto") == "tcp":
        if not payload:
            return None
        payload = payload[2:]
    d = dns_summary(payload)
    if d is None:
        return None
    if not d["qr"]:
        return f"DNS {d['qtype']}? {d['name'].rstrip('.')}"
    return f"DNS {d['qtype']} {d['rcode']}: {d['answers']} answer(s)"


def _tcp_label(i: dict, shown: dict) -> tuple[str | None, str]:
    flags = set((i.get("flags") or "").split(","))
    key = tuple(sorted([(i["src"], i["sport"]), (i["dst"], i["dport"])]))
    if "RST" in flags:
        return "RST", "error"
    if "SYN" in flags:
        return ("SYN,ACK" if "ACK" in flags else "SYN") + f" :{i['dport']}" * ("ACK" not in flags), "ok"
    if "FIN" in flags:
        return "FIN", "ok"
    if not i.get("payload_len"):
        if shown.get((key, "handshake-ack")) is None:
            shown[(key, "handshake-ack")] = 1
            return "ACK", "ok"
        return None, "ok"
    direction = (key, i["src"], i["sport"])
    n = shown.get(direction, 0)
    payload = i.get("payload") or b""
    records = tls_records(payload)
    line = http_line(payload)
    if records and any(r.startswith(("Handshake", "ChangeCipherSpec", "Alert")) for r in records) \
            or n < DATA_PER_DIRECTION:
        shown[direction] = n + 1
        return _data_label(records, line, payload, i), "error" if any(r == "Alert" for r in records) else "ok"
    return None, "ok"


def _data_label(records: list[str], line: str | None, payload: bytes, i: dict) -> str:
    if line:
        return line
    if not records:
        return f"... {i['payload_len']} B"  # the rest of a record, or data that starts no record
    named = []
    encrypted = 0
    for r in records:
        if r == "ApplicationData" or r.startswith("Handshake:type"):
            encrypted += 1
        else:
            named.append(r.split(":", 1)[-1])
    if named[:1] == ["ClientHello"]:
        sni = client_hello_sni(payload)
        named[0] = f"ClientHello (SNI {sni})" if sni else "ClientHello"
    if encrypted:
        named.append(f"{encrypted} encrypted")
    return " + ".join(named)


def _from_events(ev: Evidence, names: dict[str, str]) -> list[dict]:
    out = []
    for q in sorted(ev.queries.values(), key=lambda q: q.t):
        srv = _name(names, q.server)
        out.append({"src": "client", "dst": srv, "label": f"DNS {q.qtype}? {q.host}", "t_ms": ev.ms(q.t),
                    "status": "ok", "frame": None})
        r = ev.responses.get(q.query)
        if r is not None:
            out.append({"src": srv, "dst": "client", "label": "DNS answer", "t_ms": ev.ms(r.t), "status": "ok",
                        "frame": None})
    for r in ev.requests:
        remote = endpoint(r.remote)
        srv = _name(names, remote[0]) if remote else (r.url.split("/")[2] if "//" in r.url else "server")
        for name, t in r.trace:
            label = {"connection.connect_tcp.started": "SYN (connect)", "connection.connect_tcp.complete": "connected",
                     "connection.start_tls.started": "ClientHello", "connection.start_tls.complete": "TLS done"}.get(name)
            if name.endswith("send_request_headers.started"):
                label = f"GET {r.url}"
            if name.endswith("receive_response_headers.complete") and r.status:
                label = f"{r.status} {r.reason or ''}".strip()
            if label:
                back = name in ("connection.connect_tcp.complete", "connection.start_tls.complete") \
                    or name.endswith("receive_response_headers.complete")
                out.append({"src": srv if back else "client", "dst": "client" if back else srv, "label": label,
                            "t_ms": ev.ms(t), "status": "ok", "frame": None})
    out.sort(key=lambda m: m["t_ms"] if m["t_ms"] is not None else 0.0)
    return out
