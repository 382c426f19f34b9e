"""The visit in tables (pure): time per layer, the names, the connections, the requests."""

from __future__ import annotations

from netlab.probes.journey import names as N
from netlab.probes.journey.evidence import Evidence, endpoint
from netlab.probes.journey.model import Step
from netlab.probes.journey.steps import LAYERS, http_end, http_start, t_of

LAYER_ORDER = (("application", "7"), ("transport", "4"), ("network", "3"), ("link", "2"))


def _union(intervals: list[tuple[float, float]]) -> float:
    total, end = 0.0, None
    for a, b in sorted(intervals):
        if end is None or a > end:
            total += b - a
            end = b
        elif b > end:
            total += b - end
            end = b
    return total


def layer_totals(steps: list[Step], visit_ms: float | None) -> list[dict]:
    """Per layer: the time its steps cover (overlapping steps counted once), its share of the visit."""
    out = []
    for layer, _osi in LAYER_ORDER:
        mine = [s for s in steps if s.layer == layer and s.status != "muted" and s.t_ms is not None
                and s.duration_ms is not None]
        ms = round(_union([(s.t_ms, s.t_ms + s.duration_ms) for s in mine]), 3)
        osis = sorted({s.osi for s in mine} or {_osi}, key=lambda o: -int(o[0]))
        out.append({"layer": layer, "osi": ", ".join(osis), "ms": ms, "steps": len(mine),
                    "share": round(ms / visit_ms, 4) if visit_ms else None,
                    "kinds": sorted({s.kind for s in mine}, key=list(LAYERS).index)})
    return out


def names_table(ev: Evidence) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for started, fin in ev.lookups:
        if fin.source == "cache" or fin.host in out:
            continue
        row = {"source": fin.source, "addresses": list(fin.addresses), "address": fin.address,
               "error": fin.error_kind, "ttl": None, "aa": None, "rcode": None, "cname": [], "ms": None}
        t0 = started.t if started else fin.t
        row["ms"] = round((fin.t - t0) * 1000.0, 3)
        qs = [q for q in ev.queries.values() if q.host == fin.host and q.purpose == "lookup" and t0 <= q.t <= fin.t]
        answers = [a for a in (N.parse_answer(ev.responses[q.query].wire) for q in qs if q.query in ev.responses) if a]
        if answers:
            row["rcode"] = answers[0]["rcode"]
            row["aa"] = answers[0]["aa"]
            ttls = [r["ttl"] for a in answers for r in a["records"]]
            row["ttl"] = min(ttls) if ttls else None
            row["cname"] = N.addresses_of(answers)[1]
        out[fin.host] = row
    return out


def connections_table(ev: Evidence) -> list[dict]:
    conns: dict[int, dict] = {}
    tw_ports = set()
    if ev.closed is not None:
        for ln in ev.closed.socket_table.splitlines():
            parts = ln.split()
            if parts[:1] == ["TIME-WAIT"] and len(parts) >= 4:
                tw_ports.add(parts[3])
    for r in ev.requests:
        if r.conn < 0:
            continue
        c = conns.setdefault(r.conn, {"conn": r.conn, "origin": _origin(r.url), "local": r.local, "remote": r.remote,
                                      "http_version": r.http_version, "alpn": r.alpn, "tls_version": r.tls_version,
                                      "cipher": r.cipher, "requests": 0, "opened_ms": None, "closed_ms": None,
                                      "closed_by": None, "rst_from": None, "time_wait": None})
        c["requests"] += 1
        if r.new_connection:
            c["opened_ms"] = ev.ms(t_of(r.trace, "connection.connect_tcp.started"))
    for c in conns.values():
        frames = ev.conn_frames(c["local"], c["remote"])
        local = endpoint(c["local"])
        fin = next((f for f in frames if "FIN" in (f.info.get("flags") or "").split(",")
                    or "RST" in (f.info.get("flags") or "").split(",")), None)
        if fin is not None:
            ours = local is not None and (fin.info["src"], fin.info["sport"]) == local
            rst = "RST" in fin.info["flags"].split(",")
            c["closed_by"] = ("client" if ours else "server") + (" (RST)" if rst else "")
            c["closed_ms"] = ev.ms(fin.t)
        # an RST after the FINs: the last bytes of the other side found our socket already closed
        c["rst_from"] = next(("client" if local is not None and (f.info["src"], f.info["sport"]) == local else "server"
                              for f in frames if "RST" in (f.info.get("flags") or "").split(",")), None)
        if ev.closed is not None:
            c["time_wait"] = c["local"] in tw_ports
    return [conns[k] for k in sorted(conns)]


def requests_table(ev: Evidence) -> list[dict]:
    out = []
    for r in ev.requests:
        start = http_start(r) or r.t
        ttfb = next((t for n, t in r.trace if n.endswith("receive_response_headers.complete")), None)
        loc = next((v for k, v in r.response_headers if k.lower() == "location"), None)
        out.append({"index": r.index, "url": r.url, "purpose": _purpose(r), "status": r.status, "location": loc,
                    "conn": r.conn, "new_connection": r.new_connection, "http_version": r.http_version,
                    "queued_ms": ev.ms(r.t), "start_ms": ev.ms(start), "ttfb_ms": ev.ms(ttfb),
                    "end_ms": ev.ms(http_end(r)), "bytes": r.body_bytes, "error_kind": r.error_kind,
                    "error_phase": r.error_phase,
                    "connect_ms": ev.ms(t_of(r.trace, "connection.connect_tcp.started"))})
    return out


def _purpose(r) -> str:
    if r.purpose == "subresource":
        return "subresource"
    loc = any(k.lower() == "location" for k, _ in r.response_headers)
    return "redirect" if loc and r.status in (301, 302, 303, 307, 308) else "document"


def _origin(url: str) -> str:
    from urllib.parse import urlsplit

    s = urlsplit(url)
    return f"{s.scheme}://{s.netloc}"
