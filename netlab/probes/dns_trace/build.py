"""dns-trace: Result -> Document (pure).

The trace reads top to bottom as a tree: each walk down the hierarchy, the nested sub-traces for
glueless name servers inside it, and the new walk after a CNAME below it; every line has its
time since the start and its round-trip time.  Details (flags, sections, glue) are verbose blocks.
"""

from __future__ import annotations

from netlab.probes.dns_trace.model import DnsTraceResult, Hop, Walk
from netlab.report.document import (
    Document,
    KeyValues,
    Section,
    SeqMessage,
    Sequence,
    Table,
    Text,
    Timeline,
    TimelineEntry,
    fmt_ms,
)

L = {
    "en": {
        "title": "DNS trace: {name} {type}",
        "question": "Question", "name": "Name", "type": "Type", "start": "Start", "seed": "Server choice",
        "transport": "Transport", "result": "Result", "queries": "Queries", "total": "Total time",
        "trace": "Trace (iterative, RD=0)", "answer": "Answer", "all": "Every server of each zone",
        "resolver": "The recursive resolver, for comparison", "seq": "Who talked to whom",
        "details": "Details of each response", "mode_sandbox": "the sandbox's root servers",
        "mode_live": "the 13 Internet root servers (root_hints.json)", "mode_roots": "--root",
        "seed_txt": "seed {seed} (rerun with --seed {seed} for the same servers)",
        "tr_udp": "UDP (TCP when an answer is truncated)", "tr_tcp": "TCP only (--tcp)",
        "fam_any": "IPv4 first (IPv6 for servers without IPv4)", "fam_4": "IPv4 only (-4)", "fam_6": "IPv6 only (-6)",
        "sub": "sub-trace: address of {q} ({t}), a name server of {z} without glue",
        "cname": "CNAME: new walk for {q} ({t}), starting at {z}",
        "walk_end": "{outcome} after {d}",
        "no_answer": "no records", "none": "-", "auth_row": "authoritative (trace)", "chosen": "chosen", "extra": "also asked",
        "neg": "{what}: SOA {soa} says it; resolvers may cache this answer for {ttl} s (negative TTL = min(SOA TTL, minimum))",
    },
    "ko": {
        "title": "DNS 추적: {name} {type}",
        "question": "질문", "name": "이름", "type": "유형", "start": "시작점", "seed": "서버 선택",
        "transport": "전송", "result": "결과", "queries": "질의 수", "total": "전체 시간",
        "trace": "추적 (반복적 질의, RD=0)", "answer": "응답", "all": "영역별 모든 서버",
        "resolver": "비교: 재귀 리졸버", "seq": "누가 누구와 주고받았나",
        "details": "응답별 상세", "mode_sandbox": "샌드박스의 루트 서버",
        "mode_live": "인터넷의 루트 서버 13개 (root_hints.json)", "mode_roots": "--root",
        "seed_txt": "시드 {seed} (--seed {seed}로 다시 실행하면 같은 서버를 고릅니다)",
        "tr_udp": "UDP (응답이 잘리면 TCP)", "tr_tcp": "TCP만 (--tcp)",
        "fam_any": "IPv4 우선 (IPv4가 없는 서버는 IPv6)", "fam_4": "IPv4만 (-4)", "fam_6": "IPv6만 (-6)",
        "sub": "하위 추적: {z}의 글루 없는 네임서버 {q}의 주소 ({t})",
        "cname": "CNAME: {q} ({t})를 {z}부터 새로 찾기",
        "walk_end": "{outcome}, {d}",
        "no_answer": "레코드 없음", "none": "-", "auth_row": "권한 서버 (추적)", "chosen": "선택", "extra": "추가로 질의",
        "neg": "{what}: {soa}의 SOA가 근거이며, 리졸버는 이 응답을 {ttl}초 동안 캐시할 수 있습니다 (부정 TTL = min(SOA TTL, minimum))",
    },
}

OUTCOME = {
    "en": {"referral": "referral", "answer": "answer", "cname": "CNAME", "nxdomain": "NXDOMAIN",
           "nodata": "NODATA", "lame": "lame", "refused": "REFUSED (lame)", "servfail": "SERVFAIL",
           "error": "error", "truncated": "truncated (TC=1)", "timeout": "timeout",
           "transport-error": "failed", "malformed": "malformed", "mismatch": "mismatch",
           "upward-referral": "bad referral", "unreachable": "unreachable", "loop": "loop",
           "budget": "query budget exhausted", "incomplete": "incomplete", "not-needed": "not needed"},
    "ko": {"referral": "위임", "answer": "응답", "cname": "CNAME", "nxdomain": "NXDOMAIN(없음)",
           "nodata": "NODATA(데이터 없음)", "lame": "레임", "refused": "REFUSED(레임)", "servfail": "SERVFAIL",
           "error": "오류", "truncated": "잘림(TC=1)", "timeout": "시간 초과", "transport-error": "실패",
           "malformed": "형식 오류", "mismatch": "불일치", "upward-referral": "잘못된 위임",
           "unreachable": "도달 불가", "loop": "순환", "budget": "질의 한도 소진", "incomplete": "미완료",
           "not-needed": "불필요"},
}

STATUS = {"referral": "ok", "answer": "ok", "cname": "info", "nxdomain": "info", "nodata": "info",
          "truncated": "warning", "timeout": "error", "transport-error": "error"}


def _o(outcome: str, lang: str) -> str:
    return OUTCOME.get(lang, OUTCOME["en"]).get(outcome, outcome)


def build(result: DnsTraceResult, lang: str = "en") -> Document:
    lang = lang if lang in L else "en"
    t = L[lang]
    shown = result.qname_unicode if result.qname_unicode and result.qname_unicode != result.qname else result.qname
    doc = Document(title=t["title"].format(name=shown, type=result.qtype), probe="dns-trace", lang=lang)
    doc.findings = list(result.findings)
    doc.summary = _summary(result, lang)

    # ---- question
    name = result.qname if shown == result.qname else f"{result.qname_unicode}  =  {result.qname}"
    mode = t.get(f"mode_{result.mode}", result.mode)
    if result.mode == "roots":
        mode = "--root " + ", ".join(r["address"] for r in result.roots)
    kv = [(t["name"], name), (t["type"], result.qtype), (t["start"], mode),
          (t["seed"], t["seed_txt"].format(seed=result.seed)),
          (t["transport"], t[f"tr_{result.transport}"] + ", " + t[f"fam_{result.family}"]),
          (t["result"], _o(result.outcome, lang)), (t["queries"], str(result.queries)),
          (t["total"], fmt_ms(result.total_ms))]
    doc.blocks.append(Section(t["question"], [KeyValues(kv)]))

    # ---- trace tree
    entries: list[TimelineEntry] = []
    main = [w for w in result.walks if w.purpose == "main"]
    for w in main:
        _emit_walk(result, w, entries, lang)
    doc.blocks.append(Section(t["trace"], [Timeline(entries)]))

    # ---- answer
    ans_blocks: list = []
    if result.answer:
        ans_blocks.append(Table(["name", "type", "TTL", "data"],
                                [[r["name"], r["type"], str(r["ttl"]), r["data"]] for r in result.answer]))
    if result.negative:
        neg = result.negative
        what = _o(result.outcome, lang)
        ans_blocks.append(Text(t["neg"].format(what=what, soa=f"{neg['name']} ({neg['mname']}, serial {neg['serial']})",
                                               ttl=neg["negative_ttl"])))
    if not ans_blocks:
        ans_blocks.append(Text(f"{_o(result.outcome, lang)}: {t['no_answer']}"))
    doc.blocks.append(Section(t["answer"], ans_blocks))

    # ---- --all-servers
    if result.all_servers:
        rows = [[r["zone"], r["server"], r["address"], r["transport"], fmt_ms(r["rtt_ms"]), _o(r["outcome"], lang),
                 "AA" if r["aa"] else "", t["chosen"] if r["chosen"] else t["extra"]] for r in result.all_servers]
        doc.blocks.append(Section(t["all"], [Table(["zone", "server", "address", "transport", "RTT", "outcome",
                                                    "flags", ""], rows)]))

    # ---- --compare-resolver
    if result.resolver:
        rows = []
        final = next((h for h in reversed(result.hops) if not h.extra and h.outcome == "answer"), None)
        if final is not None:
            recs = "; ".join(f"{x['name']} {x['type']} {x['data']} (TTL {x['ttl']})" for x in final.records)
            rows.append([t["auth_row"], f"{final.server} {final.address}", fmt_ms(final.rtt_ms),
                         " ".join(final.flags), final.rcode or "-", recs])
        for r in result.resolver:
            recs = "; ".join(f"{x['name']} {x['type']} {x['data']} (TTL {x['ttl']})" for x in r["records"]) \
                or r.get("reason", r["outcome"])
            rows.append([r["label"], r["server"], fmt_ms(r["rtt_ms"]), " ".join(r["flags"]) or "-",
                         r["rcode"] or "-", recs])
        doc.blocks.append(Section(t["resolver"], [Table(["", "resolver", "RTT", "flags", "rcode", "answer"], rows)]))

    # ---- sequence diagram (main path; the full one with -v when long)
    doc.blocks.append(_sequence(result, lang))

    # ---- details
    det = []
    for h in result.hops:
        items = [("query", f"#{h.query} walk {h.walk}{' (extra)' if h.extra else ''}"),
                 ("server", f"{h.server} {h.address} {h.transport.upper()}"),
                 ("rcode / flags", f"{h.rcode or '-'} / {' '.join(h.flags) or '-'}"),
                 ("EDNS / size", f"{h.edns_size if h.edns_size is not None else '-'} / {h.size if h.size else '-'} octets"),
                 ("outcome", f"{_o(h.outcome, lang)}: {h.reason}")]
        for sec in ("answer", "authority", "additional", "ignored"):
            for line in h.sections.get(sec, []):
                for i, part in enumerate(line.splitlines()):
                    items.append((sec if i == 0 else "", part))
        det.append(KeyValues(items, title=f"{fmt_ms(h.t_ms)}  {h.zone}  {h.server}", verbose=True))
    doc.blocks.append(Section(t["details"], det, verbose=True))
    return doc


def _summary(r: DnsTraceResult, lang: str) -> str:
    name = r.qname_unicode or r.qname
    recs = [x["data"] for x in r.answer if x["type"] == r.qtype]
    via = f" (via CNAME {' -> '.join(r.cname_chain[1:])})" if r.cname_chain else ""
    via_ko = f" (CNAME {' -> '.join(r.cname_chain[1:])} 경유)" if r.cname_chain else ""
    if lang == "ko":
        if r.outcome == "answer":
            return f"{name} {r.qtype} = {', '.join(recs) or '-'}{via_ko}: 질의 {r.queries}번, {fmt_ms(r.total_ms)}."
        return f"{name} {r.qtype}: {_o(r.outcome, lang)}{via_ko}, 질의 {r.queries}번, {fmt_ms(r.total_ms)}."
    if r.outcome == "answer":
        return f"{name} {r.qtype} = {', '.join(recs) or '-'}{via}: {r.queries} quer{'y' if r.queries == 1 else 'ies'}, {fmt_ms(r.total_ms)}."
    return f"{name} {r.qtype}: {_o(r.outcome, lang)}{via}, {r.queries} quer{'y' if r.queries == 1 else 'ies'}, {fmt_ms(r.total_ms)}."


def _hop_label(h: Hop, lang: str) -> str:
    who = h.address if h.server == h.address else f"{h.server} {h.address}"
    head = f"{h.zone:<14} {who} {h.transport.upper()}"
    if h.attempt > 1:
        head += " (attempt 2)" if lang == "en" else " (2차 시도)"
    what = _o(h.outcome, lang)
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


def _hop_detail(h: Hop, lang: str) -> str:
    parts = [f"{h.rcode or '-'} flags[{' '.join(h.flags)}]" if h.rcode else h.reason]
    if h.edns_size is not None:
        parts.append(f"EDNS {h.edns_size}")
    if h.size:
        parts.append(f"{h.size} B")
    lines = ["  ".join(parts)]
    if h.referral:
        ref = h.referral
        lines.append("NS " + ", ".join(ref["ns"]) + f" (TTL {ref['ns_ttl']})")
        if ref["glue_used"]:
            lines.append(("glue used: " if lang == "en" else "사용한 글루: ")
                         + ", ".join(f"{g['name']} {g['address']}" for g in ref["glue_used"]))
        if ref["glueless"]:
            lines.append(("no glue for: " if lang == "en" else "글루 없음: ") + ", ".join(ref["glueless"]))
        for g in ref["glue_ignored"]:
            lines.append(("glue IGNORED: " if lang == "en" else "무시한 글루: ")
                         + f"{g['name']} {g['address']} ({g['reason']})")
    elif h.outcome in ("answer", "cname", "nxdomain", "nodata", "lame") and h.records:
        for r in h.records[:6]:
            data = r["data"] if len(r["data"]) <= 72 else r["data"][:70] + "..."
            lines.append(f"{r['name']} {r['ttl']} {r['type']} {data}")
        if len(h.records) > 6:
            lines.append(f"... {len(h.records) - 6} more")
    if h.soa:
        lines.append(f"SOA {h.soa['name']} {h.soa['mname']} serial {h.soa['serial']}, "
                     f"negative TTL {h.soa['negative_ttl']} s")
    if h.outcome not in ("referral", "answer") and h.reason and h.rcode:
        lines.append(h.reason)
    if h.transport == "tcp" and h.rtt_ms is not None:
        lines.append("TCP: this time includes the connection set-up (SYN, SYN-ACK) before the question"
                     if lang == "en" else "TCP: 이 시간에는 질문 전에 연결을 맺는 시간(SYN, SYN-ACK)이 포함됩니다")
    if "ignored" in h.sections:
        lines.extend(("ignored: " if lang == "en" else "무시: ") + x for x in h.sections["ignored"])
    return "\n".join(lines)


def _emit_walk(r: DnsTraceResult, w: Walk, out: list[TimelineEntry], lang: str) -> None:
    t = L[lang]
    if w.purpose != "main":
        key = "sub" if w.purpose == "ns-address" else "cname"
        dur = None if w.t_end_ms is None else w.t_end_ms - w.t_start_ms
        out.append(TimelineEntry(label=t[key].format(q=w.qname, t=w.qtype, z=w.for_zone or w.start_zone),
                                 t_ms=w.t_start_ms, duration_ms=dur, depth=w.depth, status="info",
                                 detail=t["walk_end"].format(outcome=_o(w.outcome, lang), d=fmt_ms(dur))))
    hops = [h for h in r.hops if h.walk == w.walk and not h.extra]
    subs = [s for s in r.walks if s.parent == w.walk and s.purpose == "ns-address"]
    items: list[tuple[float, int, object]] = [(h.t_ms, 0, h) for h in hops] + [(s.t_start_ms, 1, s) for s in subs]
    items.sort(key=lambda x: (x[0], x[1]))
    for _, _, item in items:
        if isinstance(item, Hop):
            out.append(TimelineEntry(label=_hop_label(item, lang), t_ms=item.t_ms, duration_ms=item.rtt_ms,
                                     detail=_hop_detail(item, lang), depth=w.depth + (1 if w.purpose == "ns-address" else 0),
                                     status=STATUS.get(item.outcome, "warning")))
        else:
            _emit_walk(r, item, out, lang)
    for c in [s for s in r.walks if s.parent == w.walk and s.purpose == "cname"]:
        _emit_walk(r, c, out, lang)


def _sequence(r: DnsTraceResult, lang: str) -> Section:
    t = L[lang]
    hops = [h for h in r.hops if not h.extra]
    participants = ["client"]
    for h in hops:
        if h.server not in participants:
            participants.append(h.server)
    msgs = []
    for h in hops:
        q = f"{h.zone} ? {next((w.qname for w in r.walks if w.walk == h.walk), '')} ({h.transport.upper()})"
        msgs.append(SeqMessage("client", h.server, q, t_ms=h.t_ms))
        if h.rtt_ms is not None and h.outcome != "timeout":
            label = _o(h.outcome, lang)
            if h.referral:
                label += f" {h.referral['zone']}"
            msgs.append(SeqMessage(h.server, "client", label, t_ms=h.t_ms + h.rtt_ms,
                                   status="ok" if STATUS.get(h.outcome, "warning") in ("ok", "info") else "warning"))
        else:
            msgs.append(SeqMessage(h.server, "client", _o(h.outcome, lang), t_ms=None, status="error",
                                   note=h.reason))
    seq = Sequence(participants, msgs)
    return Section(t["seq"], [seq], verbose=len(hops) > 16)
