"""dns-trace: Result -> Document (pure).

The trace reads top to bottom as a tree: each walk down the hierarchy, the nested sub-traces for
glueless name servers inside it, and the new walk after a CNAME below it; every line has its
time since the start and its round-trip time.  Details (flags, sections, glue) are verbose blocks.
Every word comes from messages.py, in the report's language.
"""

from __future__ import annotations

from functools import partial

from netlab.probes.dns_trace.messages import M, outcome_code, outcome_word
from netlab.probes.dns_trace.model import DnsTraceResult, Hop, Walk
from netlab.report import document
from netlab.units import fmt_ms

STATUS = {"referral": "ok", "answer": "ok", "cname": "info", "nxdomain": "info", "nodata": "info",
          "truncated": "warning", "timeout": "error", "transport-error": "error"}


class _Words:
    """The catalogue in one language: ``w("key", x=1)``, ``w.o(outcome)``, ``w.why(hop)``."""

    def __init__(self, lang: str):
        self.lang = lang

    def __call__(self, key: str, **params) -> str:
        return M.text(key, self.lang, **params)

    def known(self, key: str, value: str) -> str:
        """The catalogue's words for ``key`` if it has them, else the value itself."""
        return self(key) if key in M.messages else value

    def o(self, outcome: str) -> str:
        return outcome_word(outcome).render(self.lang)

    def why(self, item) -> str:
        """The reason of a hop, a glue record or an ignored record, in this language."""
        get = item.get if isinstance(item, dict) else partial(getattr, item)
        en = get("reason", "") or ""
        return (get("reason_ko", "") or en) if self.lang == "ko" else en


def build(result: DnsTraceResult, lang: str = "en") -> document.Document:
    lang = "ko" if lang == "ko" else "en"
    w = _Words(lang)
    shown = result.qname_unicode if result.qname_unicode and result.qname_unicode != result.qname else result.qname
    doc = document.Document(title=w("title", name=shown, qtype=result.qtype), probe="dns-trace", lang=lang)
    doc.findings = list(result.findings)
    doc.summary = _summary(result, w)
    doc.blocks.append(_question(result, shown, w))
    entries: list[document.TimelineEntry] = []
    for walk in (x for x in result.walks if x.purpose == "main"):
        _emit_walk(result, walk, entries, w)
    doc.blocks.append(document.Section(w("trace"), [document.Timeline(entries)]))
    doc.blocks.append(_answer(result, w))
    if result.all_servers:
        doc.blocks.append(_all_servers(result, w))
    if result.resolver:
        doc.blocks.append(_resolver(result, w))
    doc.blocks.append(_sequence(result, w))  # main path; the full one with -v when long
    doc.blocks.append(document.Section(w("details"), [_details(h, w) for h in result.hops], verbose=True))
    return doc


def _summary(r: DnsTraceResult, w: _Words) -> str:
    name = r.qname_unicode or r.qname
    via = w("summary.via", chain=" -> ".join(r.cname_chain[1:])) if r.cname_chain else ""
    queries = w("summary.queries-1" if r.queries == 1 else "summary.queries", n=r.queries)
    if r.outcome == "answer":
        recs = ", ".join(x["data"] for x in r.answer if x["type"] == r.qtype) or "-"
        return w("summary.answer", name=name, qtype=r.qtype, records=recs, via=via, queries=queries,
                 total=fmt_ms(r.total_ms))
    return w("summary.other", name=name, qtype=r.qtype, outcome=w.o(r.outcome), via=via, queries=queries,
             total=fmt_ms(r.total_ms))


def _question(result: DnsTraceResult, shown: str, w: _Words) -> document.Section:
    name = result.qname if shown == result.qname else f"{result.qname_unicode}  =  {result.qname}"
    if result.mode == "roots":
        mode = w("mode.roots", addresses=", ".join(r["address"] for r in result.roots))
    else:
        mode = w.known(f"mode.{result.mode}", result.mode)
    transport = w.known(f"tr.{result.transport}", result.transport) + ", " + w.known(f"fam.{result.family}",
                                                                                         result.family)
    kv = [(w("name"), name), (w("type"), result.qtype), (w("start"), mode),
          (w("seed"), w("seed-text", seed=result.seed)), (w("transport"), transport),
          (w("result"), w.o(result.outcome)), (w("queries"), str(result.queries)),
          (w("total"), fmt_ms(result.total_ms))]
    return document.Section(w("question"), [document.KeyValues(kv)])


def _answer(result: DnsTraceResult, w: _Words) -> document.Section:
    blocks: list = []
    if result.answer:
        blocks.append(document.Table([w("col.name"), w("col.type"), "TTL", w("col.data")],
                                     [[r["name"], r["type"], str(r["ttl"]), r["data"]] for r in result.answer]))
    if result.negative:
        neg = result.negative
        soa = w("soa-ref", name=neg["name"], mname=neg["mname"], serial=neg["serial"])
        blocks.append(document.Text(w("negative", what=w.o(result.outcome), soa=soa, ttl=neg["negative_ttl"])))
    if not blocks:
        blocks.append(document.Text(w("no-records", outcome=w.o(result.outcome))))
    return document.Section(w("answer"), blocks)


def _all_servers(result: DnsTraceResult, w: _Words) -> document.Section:
    rows = [[r["zone"], r["server"], r["address"], r["transport"], fmt_ms(r["rtt_ms"]), w.o(r["outcome"]),
             "AA" if r["aa"] else "", w("chosen") if r["chosen"] else w("extra")] for r in result.all_servers]
    head = [w("col.zone"), w("col.server"), w("col.address"), w("col.transport"), "RTT", w("col.outcome"),
            w("col.flags"), ""]
    return document.Section(w("all"), [document.Table(head, rows)])


def _records(records: list[dict]) -> str:
    return "; ".join(f"{x['name']} {x['type']} {x['data']} (TTL {x['ttl']})" for x in records)


def _resolver(result: DnsTraceResult, w: _Words) -> document.Section:
    """--compare-resolver: the authoritative answer of the trace, then the resolver cold and cached."""
    rows = []
    final = next((h for h in reversed(result.hops) if not h.extra and h.outcome == "answer"), None)
    if final is not None:
        rows.append([w("auth-row"), f"{final.server} {final.address}", fmt_ms(final.rtt_ms),
                     " ".join(final.flags), final.rcode or "-", _records(final.records)])
    for r in result.resolver:
        label = w(r["label"]) if r["label"] in ("cold", "cached") else r["label"]
        answer = _records(r["records"]) or (w.why(r) if "reason" in r else outcome_code(r["outcome"]).render(w.lang))
        rows.append([label, r["server"], fmt_ms(r["rtt_ms"]), " ".join(r["flags"]) or "-", r["rcode"] or "-", answer])
    head = ["", w("col.resolver"), "RTT", w("col.flags"), "rcode", w("col.answer")]
    return document.Section(w("resolver"), [document.Table(head, rows)])


def _details(h: Hop, w: _Words) -> document.KeyValues:
    """One response in full (verbose): header, outcome, and the text of each section."""
    size = h.size if h.size else "-"
    edns = h.edns_size if h.edns_size is not None else "-"
    items = [(w("key.query"), w("query-id-extra" if h.extra else "query-id", query=h.query, walk=h.walk)),
             (w("key.server"), f"{h.server} {h.address} {h.transport.upper()}"),
             (w("key.rcode-flags"), f"{h.rcode or '-'} / {' '.join(h.flags) or '-'}"),
             (w("key.edns-size"), w("octets", edns=edns, size=size)),
             (w("key.outcome"), w("outcome-reason", outcome=w.o(h.outcome), reason=w.why(h)))]
    lines = {sec: h.sections.get(sec, []) for sec in ("answer", "authority", "additional")}
    lines["ignored"] = [f"{_ignored_record(r)}  ({w.why(r)})" for r in h.ignored]
    for sec, texts in lines.items():
        for line in texts:
            for i, part in enumerate(line.splitlines()):
                items.append((w(f"key.{sec}") if i == 0 else "", part))
    return document.KeyValues(items, title=f"{fmt_ms(h.t_ms)}  {h.zone}  {h.server}", verbose=True)


def _ignored_record(r: dict) -> str:
    return f"{r['name']} {r['ttl']} {r['type']} {r['data']}"


def _hop_label(h: Hop, w: _Words) -> str:
    who = h.address if h.server == h.address else f"{h.server} {h.address}"
    head = f"{h.zone:<14} {who} {h.transport.upper()}"
    if h.attempt > 1:
        head += w("attempt-2")
    what = w.o(h.outcome)
    if h.outcome == "referral" and h.referral:
        what = f"{what} -> {h.referral['zone']}"
    elif h.outcome == "answer":
        final = [r for r in h.records if r["type"] != "CNAME"]
        if final and len(final) <= 3 and all(len(r["data"]) <= 40 for r in final):
            what = f"{what}: " + ", ".join(r["data"] for r in final)
        elif final:
            what = f"{what}: {len(final)} {final[0]['type']}"
    elif h.outcome == "cname" and h.cname_target:
        what = f"CNAME -> {h.cname_target}"
    return f"{head}  {what}"


def _hop_detail(h: Hop, w: _Words) -> str:
    parts = [f"{h.rcode or '-'} flags[{' '.join(h.flags)}]" if h.rcode else w.why(h)]
    if h.edns_size is not None:
        parts.append(f"EDNS {h.edns_size}")
    if h.size:
        parts.append(f"{h.size} B")
    lines = ["  ".join(parts)]
    if h.referral:
        lines.extend(_referral_lines(h.referral, w))
    elif h.outcome in ("answer", "cname", "nxdomain", "nodata", "lame") and h.records:
        for r in h.records[:6]:
            data = r["data"] if len(r["data"]) <= 72 else r["data"][:70] + "..."
            lines.append(f"{r['name']} {r['ttl']} {r['type']} {data}")
        if len(h.records) > 6:
            lines.append(w("more", n=len(h.records) - 6))
    if h.soa:
        lines.append(w("soa-line", name=h.soa["name"], mname=h.soa["mname"], serial=h.soa["serial"],
                       ttl=h.soa["negative_ttl"]))
    if h.outcome not in ("referral", "answer") and h.reason and h.rcode:
        lines.append(w.why(h))
    if h.transport == "tcp" and h.rtt_ms is not None:
        lines.append(w("tcp-note"))
    lines.extend(w("ignored-line", record=_ignored_record(r), reason=w.why(r)) for r in h.ignored)
    return "\n".join(lines)


def _referral_lines(ref: dict, w: _Words) -> list[str]:
    lines = ["NS " + ", ".join(ref["ns"]) + f" (TTL {ref['ns_ttl']})"]
    if ref["glue_used"]:
        lines.append(w("glue-used", glue=", ".join(f"{g['name']} {g['address']}" for g in ref["glue_used"])))
    if ref["glueless"]:
        lines.append(w("no-glue", names=", ".join(ref["glueless"])))
    for g in ref["glue_ignored"]:
        lines.append(w("glue-ignored", name=g["name"], address=g["address"], reason=w.why(g)))
    return lines


def _emit_walk(r: DnsTraceResult, walk: Walk, out: list[document.TimelineEntry], w: _Words) -> None:
    if walk.purpose != "main":
        key = "sub" if walk.purpose == "ns-address" else "cname-walk"
        dur = None if walk.t_end_ms is None else walk.t_end_ms - walk.t_start_ms
        out.append(document.TimelineEntry(label=w(key, qname=walk.qname, qtype=walk.qtype, zone=walk.for_zone or walk.start_zone),
                                          t_ms=walk.t_start_ms, duration_ms=dur, depth=walk.depth, status="info",
                                          detail=w("walk-end", outcome=w.o(walk.outcome), took=fmt_ms(dur))))
    hops = [h for h in r.hops if h.walk == walk.walk and not h.extra]
    subs = [s for s in r.walks if s.parent == walk.walk and s.purpose == "ns-address"]
    items: list[tuple[float, int, object]] = [(h.t_ms, 0, h) for h in hops] + [(s.t_start_ms, 1, s) for s in subs]
    items.sort(key=lambda x: (x[0], x[1]))
    depth = walk.depth + (1 if walk.purpose == "ns-address" else 0)
    for _, _, item in items:
        if isinstance(item, Hop):
            out.append(document.TimelineEntry(label=_hop_label(item, w), t_ms=item.t_ms, duration_ms=item.rtt_ms,
                                              detail=_hop_detail(item, w), depth=depth,
                                              status=STATUS.get(item.outcome, "warning")))
        else:
            _emit_walk(r, item, out, w)
    for c in [s for s in r.walks if s.parent == walk.walk and s.purpose == "cname"]:
        _emit_walk(r, c, out, w)


def _sequence(r: DnsTraceResult, w: _Words) -> document.Section:
    hops = [h for h in r.hops if not h.extra]
    client = w("client")
    participants = [client]
    for h in hops:
        if h.server not in participants:
            participants.append(h.server)
    msgs = []
    for h in hops:
        q = f"{h.zone} ? {next((x.qname for x in r.walks if x.walk == h.walk), '')} ({h.transport.upper()})"
        msgs.append(document.SeqMessage(client, h.server, q, t_ms=h.t_ms))
        if h.rtt_ms is not None and h.outcome != "timeout":
            label = w.o(h.outcome)
            if h.referral:
                label += f" {h.referral['zone']}"
            msgs.append(document.SeqMessage(h.server, client, label, t_ms=h.t_ms + h.rtt_ms,
                                            status="ok" if STATUS.get(h.outcome, "warning") in ("ok", "info") else "warning"))
        else:
            msgs.append(document.SeqMessage(h.server, client, w.o(h.outcome), t_ms=None, status="error", note=w.why(h)))
    return document.Section(w("seq"), [document.Sequence(participants, msgs)], verbose=len(hops) > 16)
