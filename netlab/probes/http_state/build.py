"""http-state report: HttpStateResult -> Document (pure).  Every word from messages.py."""

from __future__ import annotations

import datetime as dt
import json

from netlab.probes.http_state.findings import attrs_text
from netlab.probes.http_state.messages import M
from netlab.probes.http_state.model import PROBE, CookieView, HttpStateResult
from netlab.report import document
from netlab.units import fmt_ms


def _human(seconds: int, lang: str) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size and seconds % size == 0:
            return M.text(f"human.{unit}", lang, n=seconds // size)
    return M.text("human.s", lang, n=seconds)


def build(result: HttpStateResult, lang: str = "en") -> document.Document:
    r = result
    doc = document.Document(title=M.text("title", lang, url=r.url), probe=PROBE, lang=lang, findings=list(r.findings))
    doc.summary = _summary(r, lang)
    if r.unreachable and not r.exchanges:
        return doc
    doc.blocks.append(document.Section(M.text("sec.visit", lang), [document.Text(M.text("sec.visit.note", lang)), _visit(r, lang)]))
    doc.blocks.append(document.Section(M.text("sec.sequence", lang), [_sequence(r, lang)], verbose=True))
    if r.cookies:
        doc.blocks.append(document.Section(M.text("sec.cookies", lang), [_cookies(r, lang)]))
    if r.jar_matrix:
        doc.blocks.append(document.Section(M.text("sec.jar", lang), [document.Text(M.text("sec.jar.note", lang)), _jar(r, lang)]))
    if r.app:
        doc.blocks.append(document.Section(M.text("sec.session", lang), [document.KeyValues(_session(r, lang))]))
        if r.tokens:
            doc.blocks.append(document.Section(M.text("sec.tokens", lang), [document.KeyValues(_tokens(r, lang))]))
        if r.attacks:
            doc.blocks.append(document.Section(M.text("sec.attacks", lang), [_attacks(r, lang)]))
        doc.blocks.append(document.Section(M.text("sec.compare", lang), [_compare(r, lang)]))
    if r.wire and not r.wire.get("error"):
        doc.blocks.append(document.Section(M.text("sec.wire", lang), [document.KeyValues(_wire(r, lang))]))
    if r.connections:
        doc.blocks.append(document.Section(M.text("sec.connections", lang), [document.KeyValues(_connections(r, lang))], verbose=True))
    return doc


def _summary(r: HttpStateResult, lang: str) -> str:
    if r.unreachable and not r.exchanges:
        return M.text("sum.unreachable", lang, host=r.host, error=r.error or "")
    parts = []
    done = [e for e in r.exchanges if not e.error]
    parts.append(M.text("sum.requests", lang, n=len(done), c=len({e.conn for e in done})))
    first = next((e for e in r.exchanges if e.step == "visit-1"), None)
    if first is not None:
        parts.append(M.text("sum.first", lang, k=len(first.set_cookies)) if first.set_cookies
                     else M.text("sum.first-none", lang))
    login = next((c for c in r.cookies if c.step == "login" and c.name == r.session.get("cookie")), None)
    if login is not None:
        row = next((x for x in r.store_reads if x["step"] == "store-after-login" and x["found"]), None)
        if row:
            parts.append(M.text("sum.session", lang, name=login.name, attrs=attrs_text(login.attrs), store="Redis",
                                user=row["fields"].get("user", "?")))
        else:
            parts.append(M.text("sum.session-nostore", lang, name=login.name, attrs=attrs_text(login.attrs)))
    toks = [t for t in r.tokens if t.step != "token-short" and not t.problems]
    if toks:
        ok = all(t.verified for t in toks)
        parts.append(M.text("sum.tokens", lang, algs=", ".join(t.alg for t in toks),
                            verified=M.text("sum.tokens.verified" if ok else "sum.tokens.unverified", lang)))
    if (r.wire.get("http") or {}).get("found") and not (r.wire.get("https") or {}).get("found"):
        parts.append(M.text("sum.wire", lang))
    return M.text("sum.end", lang, parts="; ".join(parts))


def _note(note: str, lang: str) -> str:
    if not note:
        return ""
    keys = note.split("+")
    return "; ".join(M.text(f"note.{k}" if k != "dropped" else "note.jar-dropped", lang)
                     for k in keys if (f"note.{k}" in M.messages or k == "dropped"))


def _carried(e) -> str:
    if e.authorization:
        return e.authorization
    if not e.cookie_sent:
        return "-"
    if e.note and e.note.split("+")[0] in ("tampered", "replayed"):
        name, _, value = e.cookie_sent.partition("=")
        return f"{name}={value[:8]}…" if len(value) > 9 else e.cookie_sent
    return ", ".join(e.cookie_names)


def _visit(r: HttpStateResult, lang: str) -> document.Table:
    rows = []
    for e in r.exchanges:
        req = f"{e.method} {e.target}" + (f" ({e.scheme}://)" if e.scheme != r.scheme else "")
        status = str(e.status) if e.status else (e.error or "-")
        rows.append([e.step, fmt_ms(e.t_ms), f"{e.conn}" + ("" if e.reused else "*"), req, _carried(e), status,
                     ", ".join(e.set_cookies), _note(e.note, lang) or e.answer])
    cols = [M.text("col.step", lang), "t", M.text("col.conn", lang), M.text("col.request", lang),
            M.text("col.cookie-sent", lang), M.text("col.status", lang), M.text("col.set-cookie", lang),
            M.text("col.note", lang)]
    return document.Table(cols, rows)


def _sequence(r: HttpStateResult, lang: str) -> document.Sequence:
    client, server = "client", r.host
    msgs = []
    for e in r.exchanges:
        label = f"{e.method} {e.target}"
        if e.cookie_names:
            label += f" (Cookie: {', '.join(e.cookie_names)})"
        msgs.append(document.SeqMessage(client, server, label, e.t_ms))
        back = str(e.status or e.error or "-")
        if e.set_cookies:
            back += f" (Set-Cookie: {', '.join(e.set_cookies)})"
        msgs.append(document.SeqMessage(server, client, back, None if e.t_ms is None or e.ms is None else e.t_ms + e.ms,
                                        status="ok" if e.status and e.status < 400 else "warning"))
    return document.Sequence([client, server], msgs)


def _attr_meaning(c: CookieView, k: str, v: str | None, lang: str, host: str) -> str:
    lk = k.lower()
    if lk == "httponly":
        return M.text("attr.httponly", lang)
    if lk == "secure":
        return M.text("attr.secure", lang)
    if lk == "samesite":
        word = {"lax": "Lax", "strict": "Strict", "none": "None"}.get((v or "").lower())
        return M.text(f"attr.samesite.{word}", lang) if word else M.text("problem.bad-samesite", lang)
    if lk == "path":
        return M.text("attr.path", lang, path=v)
    if lk == "domain":
        return M.text("attr.domain", lang, domain=(v or "").lstrip("."))
    if lk == "max-age":
        if v and v.lstrip("-").isdigit():
            s = int(v)
            if s <= 0:
                return M.text("attr.max-age-zero", lang, s=s)
            return M.text("attr.max-age-s", lang, s=s) if s < 60 else M.text("attr.max-age", lang, s=s,
                                                                                human=_human(s, lang))
        return M.text("problem.bad-max-age", lang)
    if lk == "expires":
        return M.text("attr.expires", lang)
    return M.text("attr.unknown", lang)


def _cookies(r: HttpStateResult, lang: str) -> document.Table:
    rows = []
    seen: set = set()
    for c in r.cookies:
        who = f"{c.name or '(empty)'} ({c.step})"
        verdict = M.text(f"jar.verdict.{c.verdict}", lang) if f"jar.verdict.{c.verdict}" in M.messages else c.verdict
        if c.verdict == "rejected" and f"jar.{c.reason}" in M.messages:
            verdict = M.text(f"jar.{c.reason}", lang, detail="")
        value = c.value if len(c.value) <= 24 else c.value[:12] + "…"
        shape = (c.name, tuple(sorted(k.lower() for k, _ in c.attrs if k.lower() not in ("max-age", "expires"))))
        if shape in seen and not c.problems:
            rows.append([who, "=", value or '""', verdict + " — " + M.text("same-attrs", lang, attrs=attrs_text(c.attrs))])
            continue
        seen.add(shape)
        rows.append([who, "=", value or '""', verdict])
        names = {k.lower() for k, _ in c.attrs}
        for k, v in c.attrs:
            rows.append(["", k, "" if v is None else v, _attr_meaning(c, k, v, lang, r.host)])
        if "domain" not in names:
            rows.append(["", "(Domain)", "", M.text("attr.host-only", lang, host=r.host)])
        if "max-age" not in names and "expires" not in names:
            rows.append(["", "(Max-Age)", "", M.text("attr.session", lang)])
        if "samesite" not in names:
            rows.append(["", "(SameSite)", "", M.text("attr.samesite.missing", lang)])
        for p in c.problems:
            if f"problem.{p}" in M.messages:
                rows.append(["", "!", "", M.text(f"problem.{p}", lang)])
    cols = [M.text(k, lang) for k in ("col.cookie", "col.attribute", "col.value", "col.meaning")]
    return document.Table(cols, rows)


def _jar(r: HttpStateResult, lang: str) -> document.Table:
    heads = []
    for t in r.jar_targets:
        key, _, params = t.partition("|")
        heads.append(M.text(key, lang, **json.loads(params or "{}")))
    rows = []
    for row in r.jar_matrix:
        cells = []
        for verdict, reason, detail in row["cells"]:
            cells.append(M.text("jar.sent", lang) if verdict == "sent" else
                         (M.text(f"jar.{reason}", lang, detail=detail) if f"jar.{reason}" in M.messages else reason))
        rows.append([row["cookie"], *cells])
    # one target per row reads better than seven narrow columns
    out_rows = []
    for i, head in enumerate(heads):
        out_rows.append([head] + [row[i + 1] for row in rows])
    return document.Table([""] + [row["cookie"] for row in r.jar_matrix], out_rows)


def _session(r: HttpStateResult, lang: str) -> list[tuple[str, str]]:
    s = r.session
    kv = []
    if s.get("value_short"):
        kv.append((M.text("kv.cookie", lang), M.text("kv.cookie.value", lang, name=s["cookie"], short=s["value_short"],
                                                     n=s.get("value_len", 0))))
    row = next((x for x in r.store_reads if x["step"] == "store-after-login"), None)
    if row is None:
        kv.append((M.text("kv.store", lang), M.text("kv.no-store", lang)))
    else:
        kv.append((M.text("kv.store", lang), row["store"]))
        if row["error"]:
            kv.append((M.text("kv.row", lang, key=row["key"]), row["error"]))
        elif row["found"]:
            kv.append((M.text("kv.row", lang, key=row["key"]),
                       ", ".join(f"{k}={v}" for k, v in row["fields"].items())))
            kv.append((M.text("kv.ttl", lang), M.text("kv.ttl.value", lang, ttl=row["ttl"])))
    for step, label in (("store-after-logout", "kv.after-logout"), ("store-expired", "kv.after-expiry")):
        x = next((x for x in r.store_reads if x["step"] == step), None)
        if x is not None and not x["error"]:
            kv.append((M.text(label, lang), M.text("kv.row-gone", lang) if not x["found"]
                       else M.text("kv.row-still", lang, ttl=x["ttl"])))
    if s.get("short_max_age") and s.get("jar_dropped_short"):
        kv.append((M.text("kv.short", lang), M.text("kv.short.value", lang, ttl=s["short_max_age"])))
    return kv


def _when(ts) -> str:
    try:
        return dt.datetime.fromtimestamp(float(ts), dt.UTC).strftime("%H:%M:%S UTC")
    except (TypeError, ValueError, OverflowError, OSError):
        return str(ts)


def _tokens(r: HttpStateResult, lang: str) -> list[tuple[str, str]]:
    kv = []
    for t in r.tokens:
        if t.step == "token-short":
            continue
        if t.problems:
            kv.append((t.step, "; ".join(f"{p[0]} {p[1]}: {p[2]}" for p in t.problems)))
            continue
        kv.append((M.text("tok.header", lang, alg=t.alg), json.dumps(t.header, separators=(", ", ": "))))
        kv.append((M.text("tok.payload", lang, alg=t.alg), json.dumps(t.payload, separators=(", ", ": "))))
        key = M.text(f"tok.key.{t.alg}", lang) if f"tok.key.{t.alg}" in M.messages else t.alg
        if t.verified is True:
            verdict = M.text("tok.verified", lang, key=key) + (M.text("tok.chain-ok", lang) if t.chain_ok else "")
        elif t.verified is False:
            verdict = M.text("tok.mismatch", lang, key=key)
        else:
            verdict = M.text("tok.no-key", lang)
        kv.append((M.text("tok.signature", lang, alg=t.alg), M.text("tok.signature.value", lang, n=t.signature_len,
                                                                    verdict=verdict)))
        p = t.payload or {}
        if isinstance(p.get("exp"), int | float) and isinstance(p.get("iat"), int | float):
            kv.append((M.text("tok.exp", lang), M.text("tok.exp.value", lang, when=_when(p["exp"]),
                                                       s=int(p["exp"] - p["iat"]))))
        if t.server_status is not None:
            kv.append((M.text("tok.server", lang, alg=t.alg),
                       M.text("tok.server.value", lang, status=t.server_status, answer=t.server_reason)))
    return kv


def _attacks(r: HttpStateResult, lang: str) -> document.Table:
    rows = []
    for a in r.attacks:
        ours = a.get("ours", "no-check")
        ours_text = (M.text(f"ours.{ours}", lang, detail=a.get("detail", "")) if f"ours.{ours}" in M.messages else ours)
        rows.append([M.text(f"attack.{a['what']}", lang), f"{a['status']} {a['reason']}".strip(), ours_text])
    cols = [M.text(k, lang) for k in ("col.what", "col.server", "col.ours")]
    return document.Table(cols, rows)


def _compare(r: HttpStateResult, lang: str) -> document.Table:
    w = r.wire.get("http") or {}
    if not r.wire or r.wire.get("error"):
        seen = M.text("cmp.wire.unknown", lang)
    elif w.get("found"):
        seen = M.text("cmp.wire.seen", lang, packet=w["found"])
    else:
        seen = M.text("cmp.wire.not-seen", lang)
    rows = []
    for aspect in ("where", "server", "stolen", "readable"):
        rows.append([M.text(f"cmp.{aspect}", lang)] + [M.text(f"cmp.{aspect}.{k}", lang)
                                                       for k in ("cookie", "session", "token")])
    rows.append([M.text("cmp.wire", lang), seen, seen, M.text("cmp.wire.token", lang)])
    cols = [M.text("col.aspect", lang)] + [M.text(f"col.kind.{k}", lang) for k in ("cookie", "session", "token")]
    return document.Table(cols, rows)


def _wire(r: HttpStateResult, lang: str) -> list[tuple[str, str]]:
    kv = []
    for scheme in ("http", "https"):
        w = r.wire.get(scheme) or {}
        if not w.get("frames"):
            continue
        kv.append((M.text("wire.frames", lang, scheme=scheme),
                   M.text("wire.frames.value", lang, n=w["frames"], payload=w["payload"])))
        if w.get("found"):
            value = M.text("wire.found.yes", lang, packet=w["found"], snippet=w["snippet"])
        else:
            value = M.text("wire.found.no" if scheme == "https" else "wire.found.no-plain", lang)
        kv.append((M.text("wire.found", lang, scheme=scheme), value))
    if r.wire.get("pcap"):
        kv.append((M.text("wire.pcap", lang), r.wire["pcap"]))
    return kv


def _connections(r: HttpStateResult, lang: str) -> list[tuple[str, str]]:
    out = []
    for c in r.connections:
        tls = f", {c['tls']}, ALPN {c['alpn']}" if c.get("tls") else ""
        addr = f"[{c['address']}]" if ":" in c["address"] else c["address"]
        out.append((f"#{c['conn']}", M.text("conn.line", lang, scheme=c["scheme"], address=addr, port=c["port"],
                                            local=c["local_port"], tls=tls, n=c["requests"])))
    return out
