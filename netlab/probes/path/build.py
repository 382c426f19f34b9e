"""path report: PathResult -> Document (pure).  Every word from messages.py."""

from __future__ import annotations

from netlab.probes.path.hops import trim_silent_tail
from netlab.probes.path.messages import M
from netlab.probes.path.model import PROBE, FirstHop, Hop, Mtu, PathResult, Upload
from netlab.report import document
from netlab.units import fmt_ms


def _ko(en: str | None, ko: str | None, lang: str) -> str:
    return (ko or en or "") if lang == "ko" else (en or "")


def _who(addr: str | None, names: dict[str, str]) -> str:
    if not addr:
        return "*"
    return f"{addr} ({names[addr]})" if addr in names else addr


def build(result: PathResult, lang: str = "en") -> document.Document:
    r = result
    doc = document.Document(title=M.text("title", lang, target=r.host or r.address or "?"), probe=PROBE, lang=lang,
                            findings=list(r.findings))
    doc.summary = _summary(r, lang)
    if r.address is None:
        return doc
    hops, cut = trim_silent_tail(r.hops) if not r.reached else (r.hops, 0)
    blocks: list = [document.KeyValues(_target(r, lang)), _hop_table(hops, r, lang), document.Text(M.text("note.hops", lang))]
    if cut:
        blocks.append(document.Text(M.text("note.silent-tail", lang, n=cut)))
    doc.blocks.append(document.Section(M.text("sec.hops", lang), blocks))
    if r.first_hop is not None:
        doc.blocks.append(document.Section(M.text("sec.first-hop", lang), _first_hop(r.first_hop, r, lang)))
    frames = _frames(r, lang)
    if frames:
        doc.blocks.append(document.Section(M.text("sec.frames", lang), frames))
    if r.mtu is not None:
        doc.blocks.append(document.Section(M.text("sec.mtu", lang), _mtu(r.mtu, r, lang)))
        if r.mtu.upload is not None:
            doc.blocks.append(document.Section(M.text("sec.upload", lang), _upload(r.mtu.upload, r, lang)))
    doc.blocks.append(document.Section(M.text("sec.captures", lang), [document.KeyValues(_captures(r, lang))], verbose=True))
    return doc


def _summary(r: PathResult, lang: str) -> str:
    if r.address is None:
        return M.text("summary.no-name", lang, host=r.host)
    if r.reached:
        silent = sum(1 for h in r.hops if h.status == "silent")
        key = "summary.reached.one" if r.dest_ttl == 1 else "summary.reached"
        text = M.text(key, lang, address=r.address, hops=r.dest_ttl, protocol=r.protocol.upper(), silent=silent)
    else:
        key = f"stopped.{r.stopped}"
        why = M.text(key, lang) if key in M.messages else r.stopped
        text = M.text("summary.not-reached", lang, address=r.address, protocol=r.protocol.upper(), why=why)
    m = r.mtu
    if m is not None and m.path_mtu:
        text += M.text("summary.mtu", lang, mtu=m.path_mtu)
    if m is not None and m.black_hole:
        told = min((a["mtu"] for a in m.announced if a.get("mtu")), default=m.local_mtu)
        text += M.text("summary.hole", lang, lo=m.largest_silent, hi=told or "?")
    return text


def _target(r: PathResult, lang: str) -> list[tuple[str, str]]:
    kv = [(M.text("kv.target", lang), f"{r.host} -> {r.address} (IPv{r.family})" if r.host != r.address else r.address),
          (M.text("kv.protocol", lang), M.text("kv.protocol.value", lang, protocol=_proto(r, lang), queries=r.queries,
                                               max=r.max_hops))]
    if r.reached:
        kv.append((M.text("kv.hops", lang), str(r.dest_ttl)))
    return kv


def _proto(r: PathResult, lang: str) -> str:
    return M.text(f"proto.{r.protocol}", lang, port=r.port)


def _hop_table(hops: list[Hop], r: PathResult, lang: str) -> document.Table:
    n = max((len(h.replies) for h in hops), default=r.queries)
    cols = [M.text("col.ttl", lang), M.text("col.who", lang)] + [M.text("col.rtt", lang, n=i + 1) for i in range(n)]
    cols.append(M.text("col.answer", lang))
    rows = []
    for h in hops:
        if h.status == "silent":
            who = M.text("who.hint", lang, who=_who(h.mtu_hint_source, h.names)) if h.mtu_hint_source else "*"
            answer = M.text("status.silent", lang)
        else:
            who = ", ".join(_who(a, h.names or r.names) for a in h.addresses)
            if h.answered_ttl:
                who = M.text("who.late", lang, who=who, ttl=h.answered_ttl)
            texts = list(dict.fromkeys(_ko(x.text, x.text_ko, lang) for x in h.replies if x.kind != "silent"))
            answer = "; ".join(texts)
        rtts = [(fmt_ms(x.rtt_ms) + (f" {x.code}" if x.code and x.code != "*" else "")) if x.rtt_ms is not None else "*"
                for x in h.replies]
        rows.append([str(h.ttl), who] + rtts + [""] * (n - len(rtts)) + [answer])
    return document.Table(cols, rows)


def _first_hop(fh: FirstHop, r: PathResult, lang: str) -> list:
    blocks: list = []
    if fh.routes:
        rows = []
        for row in fh.routes:
            match = M.text("chosen", lang) if row.chosen else M.text("yes" if row.matches else "no", lang)
            via = row.via or M.text("local-route" if row.local else "connected", lang)
            rows.append([row.dst, f"/{row.prefixlen}", via, row.dev or "-", match])
        cols = [M.text(k, lang) for k in ("col.dst", "col.plen", "col.via", "col.dev", "col.match")]
        blocks += [document.Table(cols, rows), document.Text(M.text("note.routes", lang))]
    kv = []
    if fh.ifname:
        local = " ".join(x for x in (fh.ifname, fh.local_address, fh.local_mac) if x)
        kv.append((M.text("kv.local", lang), local + (f", MTU {fh.local_mtu}" if fh.local_mtu else "")))
    if fh.chosen is not None:
        kv.append((M.text("kv.route", lang), f"{fh.chosen.dst} -> {fh.chosen.via or M.text('connected', lang)}"))
    if fh.next_hop:
        kv.append((M.text("kv.next-hop", lang), _who(fh.next_hop, r.names)))
    if fh.kernel_dev:
        kv.append((M.text("kv.kernel", lang), f"via {fh.kernel_via} dev {fh.kernel_dev}" if fh.kernel_via
                   else f"dev {fh.kernel_dev}"))
    if fh.neighbour_mac or fh.neighbour_state:
        kv.append((M.text("kv.neighbour", lang), f"{fh.next_hop} -> {fh.neighbour_mac or '-'} ({fh.neighbour_state})"))
    if fh.asked:
        kind = M.text(f"kind.{fh.asked}", lang)
        value = (M.text("kv.asked.value", lang, target=fh.asked_target, mac=fh.answered_mac, ms=fmt_ms(fh.answer_ms))
                 if fh.answered_mac else _ko(fh.ask_note, fh.ask_note_ko, lang))
        kv.append((M.text("kv.asked", lang, kind=kind), value))
    elif fh.ask_note:
        kv.append((M.text("kv.asked", lang, kind=M.text("kind.arp" if fh.family == 4 else "kind.nd", lang)),
                   _ko(fh.ask_note, fh.ask_note_ko, lang)))
    if kv:
        blocks.append(document.KeyValues(kv))
    if (fh.neighbour_state or "").upper().startswith("PERMANENT") and r.sandbox:
        blocks.append(document.Text(M.text("note.permanent", lang)))
    return blocks


def _frames(r: PathResult, lang: str) -> list:
    if not r.frames:
        dest = r.captures.get("destination") or {}
        if r.reached and dest and not dest.get("ok"):
            return [document.Text(M.text("note.no-frames", lang, why=_reason(dest, lang)), verbose=True)]
        return []
    rows = []
    for v in r.frames:
        which = M.text("packet.probe" if v.dst_ip == r.address else "packet.answer", lang)
        rows.append([M.text(f"point.{v.point}", lang), which, _mac(v.src_mac, v.src_mac_is, lang),
                     _mac(v.dst_mac, v.dst_mac_is, lang), f"{v.src_ip} -> {v.dst_ip}", str(v.ttl)])
    cols = [M.text(k, lang) for k in ("col.point", "col.packet", "col.src-mac", "col.dst-mac", "col.ips", "col.ttl")]
    return [document.Table(cols, rows), document.Text(M.text("note.frames", lang))]


def _mac(mac: str, owner: str | None, lang: str) -> str:
    if owner in ("us", "destination"):
        owner = M.text(f"owner.{owner}", lang)
    return f"{mac} ({owner})" if owner else mac


def _mtu(m: Mtu, r: PathResult, lang: str) -> list:
    kv = [(M.text("kv.local-mtu", lang), str(m.local_mtu or "?")),
          (M.text("kv.path-mtu", lang), str(m.path_mtu or "?"))]
    if m.cached_mtu:
        kv.append((M.text("kv.cached", lang), str(m.cached_mtu)))
    rows = []
    for s in m.steps:
        outcome = M.text(f"size.{s.outcome}", lang, mtu=s.mtu or "?")
        rows.append([str(s.size), outcome, _who(s.source, r.names) if s.source else "-", fmt_ms(s.rtt_ms)])
    cols = [M.text(k, lang) for k in ("col.size", "col.outcome", "col.from")] + ["RTT"]
    blocks: list = [document.KeyValues(kv), document.Table(cols, rows), document.Text(M.text("note.mtu", lang))]
    if m.cache_flushed:
        blocks.append(document.Text(M.text("note.flushed", lang), verbose=True))
    return blocks


def _upload(up: Upload, r: PathResult, lang: str) -> list:
    outcome = M.text(f"upload.{up.outcome}", lang)
    kv = [(M.text("kv.upload", lang), M.text("kv.upload.value", lang, n=up.sent_bytes, port=up.port, outcome=outcome))]
    if up.mss_start is not None:
        kv += [(M.text("kv.mss", lang), f"{up.mss_start} -> {up.mss_end}"),
               (M.text("kv.pmtu", lang), f"{up.pmtu_start} -> {up.pmtu_end}"),
               (M.text("kv.retrans", lang), str(up.retransmissions)),
               (M.text("kv.acked", lang), f"{up.acked_bytes} / {up.sent_bytes}")]
    blocks: list = [document.KeyValues(kv)]
    rows = _segment_rows(up, r, lang)
    if rows:
        cols = [M.text(k, lang) for k in ("col.t", "col.seg", "col.note")]
        blocks.append(document.Table(cols, rows))
    if r.captures.get("destination", {}).get("ok"):
        if up.delivered:
            blocks.append(document.Text(M.text("note.delivered", lang, n=len(up.delivered),
                                               max=max(s["ip_len"] for s in up.delivered))))
        else:
            blocks.append(document.Text(M.text("note.none-delivered", lang)))
    return blocks


def _segment_rows(up: Upload, r: PathResult, lang: str, limit: int = 16) -> list[list[str]]:
    """The upload at the client, in order; runs of alike segments (or ICMP messages) on one line."""
    events = [(s["t_ms"], 0, s) for s in up.segments] + [(i["t_ms"], 1, i) for i in up.icmp]
    runs: list[list] = []  # [t_ms, kind, key, count]
    for t, kind, x in sorted(events, key=lambda e: (e[0], e[1])):
        key = (x["source"], x["mtu"]) if kind == 1 else (x["ip_len"], x["retrans"])
        if runs and runs[-1][1] == kind and runs[-1][2] == key:
            runs[-1][3] += 1
        else:
            runs.append([t, kind, key, 1])
    rows = []
    for t, kind, key, count in runs:
        times = f" x{count}" if count > 1 else ""
        if kind == 1:
            rows.append([fmt_ms(t), "ICMP" + times, M.text("seg.icmp", lang, source=_who(key[0], r.names), mtu=key[1])])
        else:
            rows.append([fmt_ms(t), f"{key[0]}{times}", M.text("seg.retrans", lang) if key[1] else ""])
    if len(rows) > limit:
        rest = sum(run[3] for run in runs[limit:])
        rows = rows[:limit] + [["", "", M.text("note.segments-cut", lang, n=rest)]]
    return rows


def _captures(r: PathResult, lang: str) -> list[tuple[str, str]]:
    kv = []
    for point in ("client", "destination"):
        c = r.captures.get(point)
        if not c:
            continue
        if c.get("ok"):
            host = f" @ {c['host']}" if c.get("host") else ""
            kv.append((M.text(f"point.{point}", lang), M.text("capture.ok", lang, ifname=c.get("ifname"), host=host,
                                                              frames=c.get("frames", 0))))
        else:
            kv.append((M.text(f"point.{point}", lang), M.text("capture.off", lang, reason=_reason(c, lang))))
    return kv


def _reason(c: dict, lang: str) -> str:
    """Why a capture point did not open: our words for the common cases, the system's otherwise."""
    code = c.get("code")
    return M.text(f"capture.{code}", lang) if code in ("privilege", "live") else str(c.get("reason", "-"))
