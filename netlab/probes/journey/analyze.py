"""journey analysis: Recording -> JourneyResult (pure: no sockets, no clock, no files).

The address bar is recomputed from what was typed (addressbar.py), the names from the files'
text and the DNS wire bytes (names.py), the first hop from `ip -j` output (hop.py), the timeline
from the events (steps.py), the tables and the time per layer from the timeline (summary.py),
the diagram from the captured frames (sequence.py); the composed probes' Recordings are analysed
by their own probes (nested.py).  The findings are the rules of findings.py.
"""

from __future__ import annotations

from netlab.model import DeadlineReached, Recording
from netlab.probes.journey import names as N
from netlab.probes.journey.addressbar import parse_address
from netlab.probes.journey.evidence import Evidence, endpoint, index
from netlab.probes.journey.findings import RULES
from netlab.probes.journey.hop import first_hop
from netlab.probes.journey.model import JourneyResult
from netlab.probes.journey.nested import inspect
from netlab.probes.journey.sequence import build_sequence
from netlab.probes.journey.steps import build_steps, http_end
from netlab.probes.journey.summary import connections_table, layer_totals, names_table, requests_table
from netlab.probes.journey.wire import client_hello_sni, tls_records

REDIRECTS = (301, 302, 303, 307, 308)


def analyze(rec: Recording) -> JourneyResult:
    p = rec.params
    ev = index(rec)
    typed = ev.typed.typed if ev.typed is not None else str(p.get("url", ""))
    res = JourneyResult(typed=typed, dns_mode=str(p.get("dns") or "as-is"), protocol=str(p.get("protocol") or "auto"),
                        browser_like=bool(p.get("browser_like")))
    res.address = parse_address(typed, bool(p.get("https_first")))
    res.steps = build_steps(ev, res.address)
    res.system = _system(ev)
    res.names = names_table(ev)
    res.requests = requests_table(ev)
    for row, r in zip(res.requests, ev.requests, strict=True):
        row["alt_svc"] = next((v for k, v in r.response_headers if k.lower() == "alt-svc"), None)
    res.redirects = _redirects(ev)
    res.connections = connections_table(ev)
    res.sequence = build_sequence(ev)
    res.capture = _capture(ev)
    res.dns_packets = sum(1 for f in ev.frames if f.info.get("dns")) if ev.cap_start is not None else None
    res.inspections = [inspect(s) for s in ev.steps]
    docs = [r for r in ev.requests if r.purpose == "navigation" and not r.error_kind]
    res.final_url = docs[-1].url if docs else None
    if ev.stopped is not None:
        res.stopped, res.stopped_detail = ev.stopped.reason, ev.stopped.detail
    cut = next((e for e in rec.events if isinstance(e, DeadlineReached)), None)
    res.deadline_cut = cut.skipped if cut else None
    _totals(res, ev)
    res.unreachable = _unreachable(res)
    res.findings = RULES.run(res, rec)
    return res


def _system(ev: Evidence) -> dict:
    files = {k: (v.text if v.error is None else None) for k, v in ev.files.items()}
    conf = N.parse_resolv_conf(files.get("/etc/resolv.conf") or "")
    out = {"nsswitch": N.nsswitch_hosts(files.get("/etc/nsswitch.conf")), "resolvers": conf["nameservers"],
           "search": conf["search"], "options": conf["options"],
           "hosts_entries": len(N.parse_hosts(files.get("/etc/hosts") or "")),
           "local_stub": N.local_stub((conf["nameservers"] or [None])[0]),
           "unreadable": [k for k, v in ev.files.items() if v.error], "first_hops": [], "sni_on_wire": False}
    for r in ev.routes:
        hop = first_hop(r.route_json, r.neigh_json)
        syn = next((f for f in ev.frames if f.info.get("proto") == "tcp" and f.info.get("flags") == "SYN"
                    and f.info["dst"] == r.address), None)
        out["first_hops"].append({"address": r.address, **hop, "syn_mac": syn.info.get("eth_dst") if syn else None})
    out["sni_on_wire"] = any(client_hello_sni(f.info.get("payload") or b"") for f in ev.frames
                             if tls_records(f.info.get("payload") or b"")[:1] == ["Handshake:ClientHello"])
    return out


def _redirects(ev: Evidence) -> list[dict]:
    from urllib.parse import urljoin

    out = []
    for r in ev.requests:
        loc = next((v for k, v in r.response_headers if k.lower() == "location"), None)
        if r.purpose == "navigation" and r.status in REDIRECTS and loc:
            try:
                to = urljoin(r.url, loc)
            except ValueError:  # a Location that is no URL: shown as sent
                to = loc
            out.append({"from": r.url, "to": to, "status": r.status})
    return out


def _capture(ev: Evidence) -> dict:
    if ev.cap_start is None:
        return {"ifname": None, "frames": 0, "note": ev.cap_none.reason if ev.cap_none else None}
    stop = ev.cap_stop
    return {"ifname": ev.cap_start.ifname, "frames": len(ev.frames), "seen": stop.frames if stop else None,
            "cut": stop.cut if stop else 0, "drops": stop.drops if stop else 0, "pcap": stop.pcap_path if stop else None,
            "clock_stepped": ev.clock_stepped, "note": None}


def _totals(res: JourneyResult, ev: Evidence) -> None:
    ends = [http_end(r) for r in ev.requests if http_end(r) is not None]
    docs = [r for r in ev.requests if r.purpose == "navigation"]
    if ends:
        res.total_ms = ev.ms(max(ends))
    if docs and http_end(docs[-1]) is not None:
        res.page_ms = ev.ms(http_end(docs[-1]))
    end = max([s.t_ms + (s.duration_ms or 0) for s in res.steps if s.t_ms is not None and s.status != "muted"],
              default=None)
    res.layers = layer_totals(res.steps, end)


def _unreachable(res: JourneyResult) -> bool:
    """Nobody at the target answered at all (exit 3), as tcp-handshake decides: the name did not
    resolve, or the first connection's SYN got no answer.  A refused port, a bad certificate or a
    silent server answered something: findings, exit 0."""
    if not res.address.get("ok") or any(r["status"] for r in res.requests):
        return False
    if any(n["source"] != "cache" and not n["address"] for n in res.names.values()):
        return True
    first = res.requests[0] if res.requests else None
    return first is not None and first["error_phase"] == "tcp" and first["error_kind"] in ("timeout", "unreachable")


__all__ = ["analyze", "endpoint"]
