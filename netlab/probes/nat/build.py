"""netlab nat report: NatResult -> Document (pure).  Every word from messages.py."""

from __future__ import annotations

from netlab.probes.nat import classify as C
from netlab.probes.nat.messages import M, behaviour, phase, reason, skip_reason
from netlab.probes.nat.model import PROBE, ConntrackSnapshot, Exchange, NatResult, Verdict
from netlab.report import document

MAX_CONNTRACK_ROWS = 12


def _t(value, lang: str) -> str:
    return value.render(lang) if hasattr(value, "render") else str(value)


def _b(value: str | None, lang: str) -> str:
    return _t(behaviour(value), lang)


def build(result: NatResult, lang: str = "en") -> document.Document:
    r = result
    server = r.server_address and f"{r.server_address}:{r.port}" or (r.server or "?")
    doc = document.Document(title=M.text("title", lang, server=server), probe=PROBE, lang=lang, findings=list(r.findings))
    doc.summary = _summary(r, lang, server)
    doc.blocks.append(document.Section(M.text("sec.addresses", lang), [document.KeyValues(_addresses(r, lang))]))
    if r.transport == "tcp":
        doc.blocks.append(_mapping(r, lang, tcp=True))
    else:
        doc.blocks.append(_mapping(r, lang))
        if r.filtering is not None:
            doc.blocks.append(_filtering(r, lang))
        if r.hairpin is not None:
            doc.blocks.append(document.Section(M.text("sec.hairpin", lang), [document.KeyValues(_verdict(r.hairpin, lang))]))
        if r.lifetime.get("checks"):
            doc.blocks.append(_lifetime(r, lang))
    if r.conntrack:
        doc.blocks.append(_conntrack(r, lang))
    if r.peers:
        doc.blocks.append(_p2p(r, lang))
    if r.candidates and r.transport == "udp":
        doc.blocks.append(_ice(r, lang))
    if r.classic:
        doc.blocks.append(_classic(r, lang))
    skipped = _skipped(r, lang)
    if skipped:
        doc.blocks.append(skipped)
    if r.exchanges:
        doc.blocks.append(document.Section(M.text("sec.exchanges", lang), [_exchange_table(r.exchanges, lang)], verbose=True))
    return doc


def _summary(r: NatResult, lang: str, server: str) -> str:
    if r.public is None:
        return M.text("summary.none", lang, server=server)
    filt = _b(r.filtering.value if r.filtering else "unknown", lang)
    if r.transport == "tcp":
        return M.text("summary.tcp", lang, private=r.private or "?", public=r.public,
                      mapping=_b(r.mapping.value if r.mapping else "unknown", lang))
    if r.behind_nat is False:
        return M.text("summary.no-nat", lang, public=r.public, filtering=filt)
    rest = ""
    lt = r.lifetime
    if lt.get("low_s") is not None and lt.get("high_s") is not None:
        rest += M.text("summary.lifetime", lang, low=f"{lt['low_s']:g}", high=f"{lt['high_s']:g}")
    tried = [p for p in r.peers if p.direct in ("ok", "failed")]
    if tried:
        rest += M.text("summary.peers", lang, ok=sum(p.direct == "ok" for p in tried), n=len(tried))
        relayed = sum(p.direct == "failed" and p.relay == "ok" for p in tried)
        if relayed:
            rest += M.text("summary.relayed", lang, n=relayed)
    return M.text("summary.nat", lang, private=r.private or "?", public=r.public,
                  mapping=_b(r.mapping.value if r.mapping else "unknown", lang), filtering=filt, rest=rest)


def _addresses(r: NatResult, lang: str) -> list[tuple[str, str]]:
    kv = [(M.text("kv.server", lang), f"{r.server} ({r.server_address}:{r.port})" if r.server != r.server_address
           else f"{r.server_address}:{r.port}")]
    if r.other_address:
        kv.append((M.text("kv.other", lang), r.other_address))
    if r.software:
        kv.append((M.text("kv.software", lang), r.software))
    if r.host:
        kv.append((M.text("kv.host", lang), r.host))
    kv.append((M.text("kv.private", lang), r.private or "-"))
    kv.append((M.text("kv.public", lang), r.public or "-"))
    if r.port_preserved is not None and r.behind_nat:
        port = r.private.rpartition(":")[2] if r.private else "?"
        kv.append((M.text("kv.port", lang), M.text("port.kept", lang, port=port) if r.port_preserved
                   else M.text("port.changed", lang)))
    for n, row in enumerate([x for x in r.nat_path if x.get("nat")], 1):
        cfg = row["nat"]
        kv.append((M.text("kv.nat", lang, n=n), M.text(
            "kv.nat.value", lang, host=row["host"], mapping=_b(cfg.get("mapping"), lang),
            filtering=_b(cfg.get("filtering"), lang), hairpin=_b("yes" if cfg.get("hairpin") else "no", lang),
            timeout=cfg.get("udp_timeout"), public=cfg.get("public"))))
    return kv


def _verdict(v: Verdict | None, lang: str) -> list[tuple[str, str]]:
    if v is None:
        return []
    return [(M.text("kv.verdict", lang), _b(v.value, lang)), (M.text("kv.why", lang), _t(reason(v.reason), lang))]


def _answer(e: Exchange, lang: str) -> str:
    if not e.answered:
        return M.text("answer.none", lang)
    if e.kind == "error":
        text = M.text("answer.error", lang, code=e.error_code or "?")
    elif e.kind == "request":
        text = M.text("answer.request", lang)
    else:
        text = M.text("answer.success", lang)
    if e.arrived_on and e.arrived_on != e.sock:
        text += " " + M.text("answer.on", lang, sock=e.arrived_on)
    return text


def _tries(e: Exchange, lang: str) -> str:
    return M.text("answer.tries", lang, n=e.attempts) + (f" (#{e.answer_attempt})" if e.answered and e.attempts > 1 else "")


def _mapping(r: NatResult, lang: str, tcp: bool = False) -> document.Section:
    names = ("tcp-map1", "tcp-map2", "tcp-map3") if tcp else ("map1", "map2", "map3")
    rows = []
    for e in r.exchanges:
        if e.test in names:
            rows.append([e.test, e.dst, _answer(e, lang), e.mapped or "-", _tries(e, lang)])
    cols = [M.text(k, lang) for k in ("col.test", "col.sent-to", "col.answer", "col.mapped", "col.tries")]
    blocks = [document.Text(M.text("note.tcp" if tcp else "note.mapping", lang)), document.Table(cols, rows), document.KeyValues(_verdict(r.mapping, lang))]
    return document.Section(M.text("sec.tcp" if tcp else "sec.mapping", lang), blocks)


def _filtering(r: NatResult, lang: str) -> document.Section:
    rows = []
    for e in r.exchanges:
        if e.test in ("filter1", "filter2", "filter3", "control2", "control3"):
            asked = e.detail.get("expected") or C.expected_source(e.test, e.dst, r.other_address) or e.dst
            rows.append([e.test, asked, _answer(e, lang), e.src or "-", _tries(e, lang)])
    cols = [M.text(k, lang) for k in ("col.test", "col.asked", "col.answer", "col.from", "col.tries")]
    return document.Section(M.text("sec.filtering", lang), [document.Text(M.text("note.filtering", lang)), document.Table(cols, rows),
                                                            document.KeyValues(_verdict(r.filtering, lang))])


def _lifetime(r: NatResult, lang: str) -> document.Section:
    lt = r.lifetime
    rows = []
    for c in lt["checks"]:
        state = M.text("lost", lang) if c.get("lost") else M.text("alive" if c["alive"] else "expired", lang)
        rows.append([f"{c['after_s']:.1f} s", state, M.text("answer.tries", lang, n=c["attempts"])])
    cols = [M.text(k, lang) for k in ("col.after", "col.state", "col.tries")]
    blocks = [document.Text(M.text("note.lifetime", lang)), document.Table(cols, rows)]
    chart = document.Chart(x_label=M.text("col.after", lang), x_unit="s", y_label=M.text("col.state", lang),
                           series=[document.ChartSeries(M.text("alive", lang), [(c["after_s"], 1.0) for c in lt["checks"] if c["alive"]],
                                                        style="points"),
                                   document.ChartSeries(M.text("expired", lang), [(c["after_s"], 0.0) for c in lt["checks"] if not c["alive"]],
                                                        style="points", status="warning")], verbose=True)
    blocks.append(chart)
    return document.Section(M.text("sec.lifetime", lang), blocks)


def _conntrack_rows(s: ConntrackSnapshot, lang: str, label: str) -> list[list[str]]:
    if s.error:
        return [[label, M.text("conntrack.error", lang, error=s.error), "", ""]]
    if not s.entries:
        return [[label, M.text("conntrack.none", lang), "", ""]]
    rows = []
    for e in s.entries[:MAX_CONNTRACK_ROWS]:
        entry = f"{e.proto} {e.orig_src} > {e.orig_dst}" + "".join(f" [{f}]" for f in e.flags if f == "UNREPLIED")
        if e.state:
            entry += f" {e.state}"
        rows.append([label, entry, str(e.timeout_s if e.timeout_s is not None else "-"), e.mapping or e.dnat or "-"])
        label = ""
    if s.total > MAX_CONNTRACK_ROWS:
        rows.append(["", M.text("conntrack.more", lang, n=s.total - MAX_CONNTRACK_ROWS), "", ""])
    return rows


def _moment(moment: str, lang: str) -> str:
    if moment.startswith("punch:"):
        return M.text("moment.punch", lang, peer=moment.partition(":")[2])
    key = f"moment.{moment}"
    return M.text(key, lang) if key in M.messages else moment


def _punch_only(r: NatResult, s: ConntrackSnapshot) -> ConntrackSnapshot:
    """A snapshot taken after punching to a peer, narrowed to the flows with that peer's NAT."""
    peer = next((p for p in r.peers if s.moment == f"punch:{p.host}"), None)
    ip = peer.srflx.rpartition(":")[0] if peer and peer.srflx else None
    if ip is None:
        return s
    keep = [e for e in s.entries if e.orig_dst.rpartition(":")[0] == ip or e.reply_src.rpartition(":")[0] == ip]
    return ConntrackSnapshot(s.router, s.moment, s.t_ms, keep, len(keep), s.error)


def _conntrack(r: NatResult, lang: str) -> document.Section:
    blocks = [document.Text(M.text("note.conntrack", lang))]
    cols = [M.text(k, lang) for k in ("col.moment", "col.entry", "col.left", "col.translation")]
    for router in dict.fromkeys(s.router for s in r.conntrack):
        main, extra = [], []
        punch_seen = False
        for s in r.conntrack:
            if s.router != router:
                continue
            quiet = s.moment == "lifetime" or (s.moment.startswith("punch:") and punch_seen)
            if s.moment.startswith("punch:"):
                punch_seen = True
                s = _punch_only(r, s)
            (extra if quiet else main).extend(_conntrack_rows(s, lang, _moment(s.moment, lang)))
        blocks.append(document.Table(cols, main, title=router))
        if extra:
            blocks.append(document.Table(cols, extra, title=router, verbose=True))
    return document.Section(M.text("sec.conntrack", lang), blocks)


def _short(v: Verdict | None, what: str, lang: str) -> str:
    key = f"short.{v.value if v else 'unknown'}.{what}"
    return M.text(key, lang) if key in M.messages else "?"


def _their_nat(p, lang: str) -> str:
    return f"{_short(p.mapping, 'mapping', lang)} + {_short(p.filtering, 'filtering', lang)}"


def _p2p(r: NatResult, lang: str) -> document.Section:
    rows = []
    for p in r.peers:
        direct = M.text(f"direct.{p.direct}", lang, target=p.our_target or "?", checks=p.checks_sent)
        if p.relay == "ok" and p.direct == "ok":
            relay = M.text("relay.not-needed", lang)
        else:
            relay = M.text(f"relay.{p.relay}", lang)
        rows.append([p.host, _their_nat(p, lang), M.text(f"predicted.{p.predicted}", lang), direct, relay])
    cols = [M.text(k, lang) for k in ("col.peer", "col.their-nat", "col.predicted", "col.direct", "col.relay")]
    blocks = [document.Text(M.text("note.p2p", lang)), document.Table(cols, rows), document.Text(M.text("legend.short", lang))]
    t = r.turn
    if t:
        kv = [("TURN Allocate", " -> ".join(_turn_step(s, lang) for s in t["steps"]))]
        if t.get("relayed"):
            kv.append(("XOR-RELAYED-ADDRESS", t["relayed"]))
        if t.get("mapped"):
            kv.append(("XOR-MAPPED-ADDRESS", t["mapped"]))
        for p in r.peers:
            seen = p.relay_detail.get("peer_seen_as")
            if seen:
                kv.append((f"{p.host} (XOR-PEER-ADDRESS)", seen))
        blocks.append(document.KeyValues(kv))
    return document.Section(M.text("sec.p2p", lang), blocks)


def _turn_step(step: dict, lang: str) -> str:
    if step.get("kind") == "error":
        return M.text("turn.error", lang, code=step.get("error") or "?")
    return M.text("turn.success" if step.get("kind") == "success" else "turn.none", lang)


def _ice(r: NatResult, lang: str) -> document.Section:
    rows = []
    for c in r.candidates:
        how = c["how"]
        how_text = M.text("how.check", lang, peer=how.partition(":")[2]) if how.startswith("check:") else M.text(f"how.{how}", lang)
        rows.append([M.text(f"cand.{c['type']}", lang), c["address"], how_text, str(c["priority"])])
    cols = [M.text(k, lang) for k in ("col.type", "col.address", "col.how", "col.priority")]
    return document.Section(M.text("sec.ice", lang), [document.Text(M.text("note.ice", lang)), document.Table(cols, rows)])


def _classic(r: NatResult, lang: str) -> document.Section:
    c = r.classic
    kv = [(M.text("classic.name", lang), M.text(f"classic.{c.get('name') or 'unknown'}", lang))]
    if c.get("biased"):
        kv.append((M.text("classic.biased", lang), M.text(f"classic.{c['biased']}", lang)))
    rows = []
    m = r.mapping.value if r.mapping else "unknown"
    f = r.filtering.value if r.filtering else "unknown"
    measured = f"{M.text('phase.mapping', lang)} {_b(m, lang)}, {M.text('phase.filtering', lang)} {_b(f, lang)}"
    for key in ("lumps", "scale", "server", "socket", "p2p"):
        rows.append([M.text(f"classic.mislead.{key}", lang), measured if key in ("lumps", "scale") else _classic_evidence(r, key, lang)])
    cols = [M.text("col.says", lang), M.text("col.measured", lang)]
    return document.Section(M.text("sec.classic", lang), [document.Text(M.text("note.classic", lang)), document.KeyValues(kv), document.Table(cols, rows)])


def _classic_evidence(r: NatResult, key: str, lang: str) -> str:
    c = r.classic
    if key == "server":
        v = r.filtering
        if v and v.reason in ("change-ignored", "change-refused"):
            return _t(reason(v.reason), lang)
        ex = next((e for e in r.exchanges if e.test == "filter2"), None)
        if ex is None:
            return "-"
        want = C.expected_source(ex.test, ex.dst, r.other_address) or "?"
        if ex.answered:
            return M.text("classic.ev.honoured", lang, src=ex.src or "?")
        return M.text("classic.ev.dropped", lang, expected=want)
    if key == "socket":
        return M.text("classic.ev.socket", lang, biased=M.text(f"classic.{c.get('biased') or 'unknown'}", lang),
                      name=M.text(f"classic.{c.get('name') or 'unknown'}", lang))
    reached = ", ".join(p.host for p in r.peers if p.direct == "ok") or "-"
    failed = ", ".join(p.host for p in r.peers if p.direct == "failed") or "-"
    return M.text("classic.ev.p2p", lang, reached=reached, failed=failed)


def _skipped(r: NatResult, lang: str) -> document.Section | None:
    rows = []
    for s in r.skipped:
        if s["phase"] in ("server",):
            continue
        rows.append([_t(phase(s["phase"]), lang), _t(skip_reason(s["reason"]), lang)])
    if not rows:
        return None
    return document.Section(M.text("sec.skipped", lang), [document.Table([M.text("col.phase", lang), M.text("col.reason", lang)], rows)])


def _exchange_table(exchanges: list[Exchange], lang: str) -> document.Table:
    rows = []
    for e in exchanges:
        problems = ", ".join(dict.fromkeys(e.problems))
        rows.append([e.test, e.dst, _tries(e, lang), _answer(e, lang), e.src or "-", e.mapped or "-", problems])
    cols = [M.text(k, lang) for k in ("col.test", "col.sent-to", "col.tries", "col.answer", "col.from",
                                      "col.mapped")] + ["!"]
    return document.Table(cols, rows)

