"""The timeline (pure): every step of the visit, in order, with its layer, protocol, party, time.

Times are on the journey's clock from the moment Enter was pressed (the address-bar step is at
0); a step's time is when the client began it and its duration how long the client waited for
it (httpcore's trace, the stub's sockets); ``wire_ms`` is the same exchange timed from the
captured frames (kernel stamps), when there is a capture.  Steps of netlab's own extra work
(--warm's earlier question) are ``muted`` and count in no layer's time.
"""

from __future__ import annotations

from typing import Any

from netlab.probes.journey import names as N
from netlab.probes.journey.addressbar import parse_address
from netlab.probes.journey.evidence import Evidence, Frame, endpoint
from netlab.probes.journey.hop import first_hop
from netlab.probes.journey.messages import M
from netlab.probes.journey.model import RequestTraced, Step
from netlab.probes.journey.wire import tls_records
from netlab.units import fmt_ms

LAYERS = {  # kind -> (layer, OSI)
    "address-bar": ("application", "7"), "hosts-file": ("application", "7"), "name-cache": ("application", "7"),
    "resolver": ("application", "7"), "dns-walk": ("application", "7"), "route": ("network", "3"),
    "neighbour": ("link", "2"), "tcp": ("transport", "4"), "tls": ("application", "5-6"),
    "http": ("application", "7"), "subresources": ("application", "7"), "close": ("transport", "4"),
}
PORT_NAMES = {80: "http", 443: "https", 53: "domain", 8080: "http-alt"}
_TRACE_H = ("http11.", "http2.")


def t_of(trace, name: str) -> float | None:
    for n, t in trace:
        if n == name:
            return t
    return None


def http_start(r: RequestTraced) -> float | None:
    for n, t in r.trace:
        if n.endswith("send_request_headers.started"):
            return t
    return None


def http_end(r: RequestTraced) -> float | None:
    if r.end_t is not None:
        return r.end_t
    failed = [t for n, t in r.trace if n.endswith(".failed")]
    return failed[-1] if failed else (r.trace[-1][1] if r.trace else None)


class Builder:
    def __init__(self, ev: Evidence):
        self.ev = ev
        self.steps: list[Step] = []

    def add(self, kind: str, t: float | None, end: float | None, key: str, params: dict, party: tuple[str, str],
            status: str = "ok", detail: tuple[str, str] | None = None, protocol: str = "", **kw) -> Step:
        layer, osi = LAYERS[kind]
        en, ko = M.both(key, **params)
        t_ms = self.ev.ms(t)
        dur = None if t is None or end is None else round(max(0.0, end - t) * 1000.0, 3)
        s = Step(index=len(self.steps) + 1, kind=kind, layer=layer, osi=osi, protocol=protocol, party=party[0],
                 party_ko=party[1], t_ms=t_ms, duration_ms=dur, label=en, label_ko=ko, status=status,
                 detail=detail[0] if detail else "", detail_ko=detail[1] if detail else "", **kw)
        self.steps.append(s)
        return s


def build_steps(ev: Evidence, addr: dict) -> list[Step]:
    b = Builder(ev)
    _address_step(b, addr)
    if not addr["ok"]:
        return b.steps
    items: list[tuple[float, int, Any]] = []
    for i, (started, fin) in enumerate(ev.lookups):
        items.append(((started or fin).t, 0, ("lookup", started, fin, i)))
    for r in ev.routes:
        items.append((_at_connect(ev, r).t, 1, ("route", r)))
    for r in ev.requests:
        items.append((r.t, 2, ("request", r)))
    for _t, _k, item in sorted(items, key=lambda x: (x[0], x[1])):
        if item[0] == "lookup":
            _lookup_steps(b, *item[1:])
        elif item[0] == "route":
            _route_steps(b, item[1])
        elif item[1].purpose == "navigation":
            _request_steps(b, item[1])
        else:
            _connection_steps(b, item[1])
    _subresource_steps(b)
    _close_step(b)
    _only_inspected(b)
    b.steps.sort(key=lambda s: (s.t_ms if s.t_ms is not None else 0.0, s.index))
    for i, s in enumerate(b.steps, start=1):
        s.index = i
    return b.steps


def _only_inspected(b: Builder) -> None:
    """`--step tcp|tls` renders the closer look at one origin: point at it from that origin's steps only."""
    targets = {}
    for st in b.ev.steps:
        params = (st.recording or {}).get("params") or {}
        if st.step in ("tcp", "tls"):
            targets[st.step] = ({str(params.get("host")), str(params.get("connect_to"))}, params.get("port"))
    for s in b.steps:
        if s.step in ("tcp", "tls"):
            names, port = targets.get(s.step, (set(), None))
            if not ({s.host, s.address} & names and s.port == port):
                s.step = None


# ---------------------------------------------------------------------------------- address bar


def _address_step(b: Builder, a: dict) -> None:
    party = M.both("party.browser")
    if not a["ok"]:
        b.add("address-bar", b.ev.t_enter, b.ev.t_enter, "st.address-error",
              {"typed": a["typed"], "why": M.t(f"addr.{a['error_kind']}")}, party, "error", protocol="URL")
        return
    bits = []
    if a["scheme_guessed"]:
        bits.append(M.t("st.address-guessed", scheme=a["scheme"]))
    if a["port_default"]:
        bits.append(M.t("st.address-port", port=a["port"], scheme=a["scheme"]))
    if a["idn"]:
        bits.append(M.t("st.address-idn", unicode=a["host_unicode"], ascii=a["host"]))
    from netlab.i18n import join

    detail = join(bits, "; ").render("en"), join(bits, "; ").render("ko")
    b.add("address-bar", b.ev.t_enter, b.ev.t_enter, "st.address", {"typed": a["typed"].strip(), "url": a["url"]},
          party, detail=detail, protocol="URL", host=a["host"], port=a["port"])


# ---------------------------------------------------------------------------------- names


def _queries_of(ev: Evidence, host: str, t0: float, t1: float, purpose: str) -> list:
    return [q for q in ev.queries.values() if q.host == host and q.purpose == purpose and t0 <= q.t <= t1]


def _answers(ev: Evidence, queries: list) -> list[dict]:
    out = []
    for q in queries:
        r = ev.responses.get(q.query)
        parsed = N.parse_answer(r.wire) if r is not None else None
        if parsed is not None:
            out.append(parsed)
    return out


def _lookup_steps(b: Builder, started, fin, i: int) -> None:
    ev = b.ev
    host = fin.host
    if fin.source == "literal":
        return
    if fin.source == "cache":
        b.add("name-cache", fin.t, fin.t, "st.cache", {"host": host, "address": fin.address or "-"},
              M.both("party.memory"), "info", protocol="-", host=host, address=fin.address)
        return
    t0 = started.t if started else fin.t
    hosts_file = ev.files.get("/etc/hosts")
    entries = len(N.parse_hosts(hosts_file.text)) if hosts_file else 0
    if fin.source == "hosts" and fin.address:
        b.add("hosts-file", t0, fin.t, "st.hosts-hit", {"host": host, "addresses": ", ".join(fin.addresses)},
              M.both("party.hosts"), protocol="/etc/hosts", host=host, address=fin.address)
        return
    b.add("hosts-file", t0, t0, "st.hosts-miss", {"host": host, "n": entries}, M.both("party.hosts"),
          protocol="/etc/hosts", host=host)
    if fin.source == "hosts":  # not found, and no DNS after it
        b.steps[-1].status = "error"
        return
    if fin.source == "walk":
        _walk_step(b, host, t0, fin)
        return
    prime = _queries_of(ev, host, t0, fin.t, "prime")
    if prime:
        _resolver_step(b, host, prime, "prime")
    look = _queries_of(ev, host, t0, fin.t, "lookup")
    if look:
        _resolver_step(b, host, look, "lookup", fin)
    elif fin.error_kind:
        b.add("resolver", t0, fin.t, "st.resolver-fail", {"host": host, "server": "-", "why": M.t(f"why.{fin.error_kind}")},
              M.both("party.none"), "error", protocol="DNS", host=host)


def _resolver_step(b: Builder, host: str, queries: list, purpose: str, fin=None) -> None:
    ev = b.ev
    t0 = min(q.t for q in queries)
    got = [ev.responses.get(q.query) or ev.failures.get(q.query) for q in queries]
    t1 = max((g.t for g in got if g is not None), default=t0)
    server = queries[-1].server
    answers = _answers(ev, queries)
    addrs, cnames = N.addresses_of(answers)
    qtypes = "/".join(dict.fromkeys(q.qtype for q in queries))
    party = M.both("party.resolver", address=server)
    wire = _dns_wire_ms(ev, queries)
    transport = "DNS/TCP" if any(q.transport == "tcp" for q in queries) else "DNS/UDP"
    if purpose == "prime":
        b.add("resolver", t0, t1, "st.resolver-prime", {"server": server, "answer": ", ".join(addrs) or "-",
              "ms": fmt_ms(ev.ms(t1) - ev.ms(t0))}, party, "muted", protocol=transport, host=host, address=server,
              port=53)
        return
    error = N.lookup_error(answers)
    if error or not addrs:
        timeout = next((ev.failures[q.query].waited_s for q in queries if q.query in ev.failures
                        and ev.failures[q.query].waited_s), None)
        b.add("resolver", t0, t1, "st.resolver-fail", {"host": host, "server": server,
              "why": M.t(f"why.{error or 'no-address'}", s=f"{timeout or 0:g}")}, party, "error",
              protocol=transport, host=host, address=server, port=53, wire_ms=wire)
        return
    first = answers[0]
    ttl = min((r["ttl"] for a in answers for r in a["records"]), default=None)
    detail = M.both("st.resolver-detail", server=server, ttl=ttl if ttl is not None else "-", aa=int(first["aa"]),
                    ra=int(first["ra"]), chain=" -> ".join([host + "."] + cnames) if cnames else "-",
                    size=sum(a["size"] for a in answers))
    b.add("resolver", t0, t1, "st.resolver", {"qtypes": qtypes, "host": host, "server": server,
          "answer": ", ".join(addrs)}, party, detail=detail, protocol=transport, host=host, address=server, port=53,
          wire_ms=wire)


def _dns_wire_ms(ev: Evidence, queries: list) -> float | None:
    times = [f.t for q in queries for f in ev.dns_frames(q)]
    return round((max(times) - min(times)) * 1000.0, 3) if len(times) >= 2 else None


def _walk_step(b: Builder, host: str, t0: float, fin) -> None:
    step = next((s for s in b.ev.steps if s.step == f"dns:{host}"), None)
    queries = sum(1 for e in (step.recording or {}).get("events", []) if e.get("type") == "QuerySent") if step else 0
    status = "ok" if fin.address else "error"
    why = M.t(f"why.{fin.error_kind or 'error'}", s="") if not fin.address else ""
    b.add("dns-walk", step.t if step else t0, step.end_t if step else fin.t, "st.walk" if fin.address else "st.walk-fail",
          {"host": host, "n": queries, "answer": ", ".join(fin.addresses) or "-", "why": why},
          M.both("party.walk"), status, protocol="DNS (RD=0)", host=host, step=f"dns:{host}")


# ---------------------------------------------------------------------------------- first hop


def _route_steps(b: Builder, r) -> None:
    hop = first_hop(r.route_json, r.neigh_json)
    party = M.both("party.kernel")
    r = _at_connect(b.ev, r)
    if r.error or not hop["dev"]:
        b.add("route", r.t, r.t, "st.route-none", {"address": r.address, "why": r.error or "-"}, party, "error",
              protocol="IP", address=r.address)
        return
    detail = M.both("st.route-tool", ms=fmt_ms(r.duration_s * 1000.0))
    if hop["local"]:
        b.add("route", r.t, r.t, "st.route-local", {"address": r.address}, party, protocol="IP", address=r.address,
              detail=detail)
        return
    key = "st.route-gw" if hop["gateway"] else "st.route-onlink"
    b.add("route", r.t, r.t, key, {"address": r.address, "gateway": hop["gateway"] or "-", "dev": hop["dev"],
          "src": hop["src"] or "-"}, party, protocol="IP", address=r.address, detail=detail)
    _neighbour_step(b, r, hop)


def _at_connect(ev: Evidence, r):
    """The route event, placed when the kernel used it: the first connect() to its address."""
    import dataclasses

    starts = [t_of(q.trace, "connection.connect_tcp.started") for q in ev.requests
              if (endpoint(q.remote) or ("",))[0] == r.address]
    starts = [t for t in starts if t is not None and t >= r.t - 1.0]
    return dataclasses.replace(r, t=min(starts)) if starts else r


def _neighbour_step(b: Builder, r, hop: dict) -> None:
    ev = b.ev
    nh = hop["next_hop"]
    v6 = ":" in (nh or "")
    arp = [f for f in ev.frames if (f.info["kind"] == "arp" and nh in (f.info["sender_ip"], f.info["target_ip"]))
           or (f.info.get("nd") and nh in (f.info["src"], f.info["dst"]))]
    role = M.t("role.gateway" if hop["gateway"] else "role.server")
    state = hop["state"] or "-"
    t, end = r.t, r.t
    if arp:
        t, end = arp[0].t, arp[-1].t
        detail = M.both("st.neigh-asked", proto="NDP" if v6 else "ARP", n=len(arp),
                        ms=fmt_ms((arp[-1].t - arp[0].t) * 1000.0))
    elif ev.cap_start is not None:
        detail = M.both("st.neigh-cached", proto="NDP" if v6 else "ARP")
    else:
        detail = M.both("st.neigh-nocap")
    b.add("neighbour", t, end, "st.neigh", {"hop": nh or "-", "role": role, "mac": hop["lladdr"] or "?",
          "state": state}, M.both("party.gateway" if hop["gateway"] else "party.neighbour", address=nh or "-"),
          detail=detail, protocol="NDP" if v6 else "ARP", address=nh)


# ---------------------------------------------------------------------------------- connections


def wire_handshake(frames: list[Frame]) -> float | None:
    syn = next((f for f in frames if f.info.get("flags") == "SYN"), None)
    synack = next((f for f in frames if f.info.get("flags") == "SYN,ACK"), None)
    if syn is None or synack is None:
        return None
    return round((synack.t - syn.t) * 1000.0, 3)


def wire_tls(frames: list[Frame]) -> float | None:
    """ClientHello leaving -> the server's first handshake flight arriving."""
    hello = next((f for f in frames if tls_records(f.info.get("payload") or b"")[:1] == ["Handshake:ClientHello"]), None)
    if hello is None:
        return None
    server = next((f for f in frames if f.t >= hello.t and f.info["src"] != hello.info["src"]
                   and tls_records(f.info.get("payload") or b"")[:1] == ["Handshake:ServerHello"]), None)
    return None if server is None else round((server.t - hello.t) * 1000.0, 3)


def _connection_steps(b: Builder, r: RequestTraced) -> None:
    """TCP (and TLS) of a new connection, and the failures of those phases."""
    ev = b.ev
    if not r.new_connection:
        return
    host = _host_of(r.url)
    remote = endpoint(r.remote) or (_known_address(ev, host), _port_of(r.url))
    local = endpoint(r.local) or (None, None)
    frames = ev.conn_frames(r.local, r.remote)
    party = M.both("party.server", endpoint=_endpoint(remote[0] or host, remote[1] or "-"))
    t0, t1 = t_of(r.trace, "connection.connect_tcp.started"), t_of(r.trace, "connection.connect_tcp.complete")
    if r.error_phase == "tcp":
        b.add("tcp", t0, http_end(r), "st.tcp-fail", {"host": host, "why": _why(r, b.ev.rec.params.get("timeout") or 0.0)}, party, "error",
              protocol="TCP", host=host, conn=r.conn, address=remote[0])
        return
    service = PORT_NAMES.get(remote[1] or 0, "-")
    b.add("tcp", t0, t1, "st.tcp", {"lport": local[1] or "-", "rport": remote[1] or "-"}, party,
          detail=M.both("st.tcp-detail", lport=local[1] or "-", rport=remote[1] or "-", service=service),
          protocol="TCP", host=host, conn=r.conn, address=remote[0], port=remote[1], wire_ms=wire_handshake(frames),
          step="tcp")
    if not r.url.startswith("https://"):
        return
    s0, s1 = t_of(r.trace, "connection.start_tls.started"), t_of(r.trace, "connection.start_tls.complete")
    if r.error_phase == "tls":
        b.add("tls", s0, http_end(r), "st.tls-fail", {"sni": host, "why": _why(r, b.ev.rec.params.get("timeout") or 0.0)}, party, "error", protocol="TLS",
              host=host, conn=r.conn, address=remote[0], port=remote[1], step="tls")
        return
    b.add("tls", s0, s1, "st.tls", {"sni": host,
          "alpn": r.alpn or "-", "cipher": r.cipher or "-"}, party,
          detail=M.both("st.tls-detail", subject=r.peer_subject or "-", issuer=r.peer_issuer or "-"),
          protocol=(r.tls_version or "TLS").replace("TLSv", "TLS "), host=host, conn=r.conn, address=remote[0],
          port=remote[1], wire_ms=wire_tls(frames), step="tls")


def _endpoint(address, port) -> str:
    a = str(address or "-")
    return f"[{a}]:{port}" if ":" in a else f"{a}:{port}"


def _known_address(ev: Evidence, host: str) -> str | None:
    """The address the visit's lookup chose for ``host`` (a connection that failed has no peer)."""
    for _started, fin in reversed(ev.lookups):
        if fin.host == host and fin.address:
            return fin.address
    return host or None


def _request_steps(b: Builder, r: RequestTraced) -> None:
    _connection_steps(b, r)
    if r.error_phase in ("tcp", "tls"):
        return
    host = _host_of(r.url)
    remote = endpoint(r.remote) or (_known_address(b.ev, host), _port_of(r.url))
    path = _path(r.url)
    party = M.both("party.server", endpoint=_endpoint(remote[0] or host, remote[1] or "-"))
    start = http_start(r) or r.t
    version = r.http_version or "HTTP"
    if r.error_kind:
        b.add("http", start, http_end(r), "st.http-fail", {"method": r.method, "url": r.url, "why": _why(r, b.ev.rec.params.get("timeout") or 0.0)}, party,
              "error", protocol=version, host=host, conn=r.conn, address=remote[0], port=remote[1])
        return
    location = next((v for k, v in r.response_headers if k.lower() == "location"), None)
    ctype = next((v for k, v in r.response_headers if k.lower() == "content-type"), None) or "-"
    ttfb = None
    for n, t in r.trace:
        if n.endswith("receive_response_headers.complete"):
            ttfb = (t - start) * 1000.0
    key = "st.http-redirect" if location and r.status in (301, 302, 303, 307, 308) else "st.http"
    detail = M.both("st.http-detail", version=version, ctype=ctype, bytes=r.body_bytes, ttfb=fmt_ms(ttfb),
                    reused=M.t("conn.reused" if not r.new_connection else "conn.new", conn=r.conn))
    b.add("http", start, http_end(r), key, {"method": r.method, "path": path, "host": host, "version": version,
          "status": r.status, "reason": r.reason or _reason(r.status), "location": location or "-"}, party,
          "ok" if (r.status or 0) < 400 else "warning", detail=detail, protocol=version, host=host, conn=r.conn,
          address=remote[0], port=remote[1])


def _subresource_steps(b: Builder) -> None:
    subs = [r for r in b.ev.requests if r.purpose == "subresource"]
    by_host: dict[str, list[RequestTraced]] = {}
    for r in subs:
        by_host.setdefault(_host_of(r.url), []).append(r)
    for host, rs in by_host.items():
        start = min(http_start(r) or r.t for r in rs)
        end = max((http_end(r) or r.t) for r in rs)
        ok = [r for r in rs if not r.error_kind]
        conns = sorted({r.conn for r in rs if r.conn >= 0})
        versions = "/".join(sorted({r.http_version for r in ok if r.http_version})) or "-"
        remote = endpoint(next((r.remote for r in rs if r.remote), None)) or (host, "-")
        b.add("subresources", start, end, "st.sub", {"host": host, "n": len(rs), "ok": len(ok),
              "conns": len(conns), "version": versions, "bytes": sum(r.body_bytes for r in ok)},
              M.both("party.server", endpoint=_endpoint(remote[0], remote[1])),
              "ok" if len(ok) == len(rs) else "warning", protocol=versions, host=host)


def _close_step(b: Builder) -> None:
    ev = b.ev
    if ev.closed is None or not ev.closed.conns:
        return
    start = ev.closed.t
    fins = [f.t for f in ev.frames if f.t >= start and f.info.get("proto") == "tcp"
            and {"FIN", "RST"} & set((f.info.get("flags") or "").split(","))]
    end = max(fins) if fins else (ev.closed.end_t or start)
    tw = sum(1 for ln in ev.closed.socket_table.splitlines() if ln.split()[:1] == ["TIME-WAIT"])
    b.add("close", start, end, "st.close", {"n": len(ev.closed.conns), "tw": tw},
          M.both("party.servers"), protocol="TCP FIN")


# ---------------------------------------------------------------------------------- helpers


def _host_of(url: str) -> str:
    from urllib.parse import urlsplit

    return (urlsplit(url).hostname or "").lower()


def _path(url: str) -> str:
    from urllib.parse import urlsplit

    s = urlsplit(url)
    return (s.path or "/") + (f"?{s.query}" if s.query else "")


def _reason(status: int | None) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase if status else ""
    except ValueError:
        return ""


def _why(r: RequestTraced, timeout: float = 0.0):
    kind = r.error_kind or "other"
    remote = endpoint(r.remote)
    port = remote[1] if remote else _port_of(r.url)
    key = f"why.{r.error_phase}.{kind}" if f"why.{r.error_phase}.{kind}" in M.messages else f"why.{kind}"
    if key not in M.messages:
        key = "why.other"
    return M.t(key, port=port, words=r.error or "", s=f"{timeout:g}")


def _port_of(url: str) -> int:
    from urllib.parse import urlsplit

    s = urlsplit(url)
    return s.port or (443 if s.scheme == "https" else 80)


def address_of(typed_event, https_first: bool) -> dict:
    return parse_address(typed_event.typed if typed_event else "", https_first)
