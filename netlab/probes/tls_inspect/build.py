"""tls-inspect: Result -> Document (pure), every label from the catalogue (messages.py)."""

from __future__ import annotations

from netlab.i18n import Both, T
from netlab.probes.tls_inspect.messages import M
from netlab.probes.tls_inspect.model import CertInfo, TimelineItem, TlsInspectResult
from netlab.report import document
from netlab.units import fmt_ms


class _Text:
    """The catalogue and the Result's text, in one language."""

    def __init__(self, lang: str):
        self.lang = lang

    def __call__(self, key: str, **params) -> str:
        return M.text(key, self.lang, **params)

    def of(self, value) -> str:
        """A Result field: catalogue text, or plain data (names, numbers), or "-" when empty."""
        if isinstance(value, T | Both):
            return value.render(self.lang)
        return "-" if value is None or value == "" else str(value)

    def opt(self, key: str, code: str) -> str:
        """The label of a code (``status.refused``), or the code itself when the catalogue has none."""
        return self(f"{key}.{code}") if f"{key}.{code}" in M.messages else code


def _cn(name: str) -> str:
    for part in name.split(","):
        if part.startswith("CN="):
            return part[3:]
    return name


def _connection(r: TlsInspectResult, t: _Text) -> document.Section:
    yn = {True: t("yes"), False: t("no"), None: t("none")}
    kv = [(t("target"), f"{r.host}:{r.port}"), (t("sni"), r.sni or t("none")),
          (t("address"), r.address or t("none")), (t("tcp"), fmt_ms(r.tcp_connect_ms))]
    if r.version or r.cipher:
        kv += [(t("version"), r.version or t("none")), (t("cipher"), r.cipher or t("none")),
               (t("kx"), t.of(r.key_exchange)), (t("fs"), yn[r.forward_secrecy]),
               (t("alpn"), r.alpn or t("none")), (t("hs"), fmt_ms(r.handshake_ms))]
    sec = document.Section(t("conn"), [document.KeyValues(kv)])
    if r.failure:
        sec.blocks.append(document.Text(t("failure", failure=t.of(r.failure))))
    return sec


def _versions(r: TlsInspectResult, t: _Text) -> document.Section:
    cols = [t("col.version"), t("col.result"), t("col.cipher"), t("col.group"), t("col.detail")]
    rows = [[v.version, t.opt("status", v.status), v.cipher or "", v.group or "",
             t.of(v.detail) if v.detail else ""] for v in r.versions]
    return document.Section(t("versions"), [document.Table(cols, rows)])


def _status(it: TimelineItem) -> str:
    if it.kind in ("compat", "close-notify") or it.after_handshake:
        return "muted"
    if it.kind in ("rst", "fin", "not-tls"):
        return "error"
    return "warning" if it.kind == "alert" else "ok"


def _entry(it: TimelineItem, t: _Text) -> document.TimelineEntry:
    arrow = "->" if it.direction == "client->server" else "<-"
    rt = f"  [RT{it.round_trip}]" if it.round_trip is not None else ""
    detail = []
    if it.bytes:
        detail.append(t("bytes", n=it.bytes))
    if it.encrypted:
        detail.append(t("encrypted"))
    return document.TimelineEntry(label=f"{arrow} {t.of(it.message)}{rt}", t_ms=it.t_ms, detail=", ".join(detail) or None,
                                  status=_status(it))


def _timeline(r: TlsInspectResult, t: _Text) -> document.Section:
    entries = [_entry(it, t) for it in r.timeline]
    sec = document.Section(t("timeline", version=r.version or t("no_version")), [document.Timeline(entries), document.Text(t("how"))])
    if r.round_trips:
        cols = [t("col.n"), t("col.what"), t("col.sent"), t("col.answered"), t("col.rtt")]
        rows = [[str(x.n), t.of(x.what), fmt_ms(x.sent_ms), fmt_ms(x.answered_ms), fmt_ms(x.rtt_ms)]
                for x in r.round_trips]
        sec.blocks.append(document.Table(cols, rows, title=t("rts")))
    client, server = t("client"), t("server")
    msgs = []
    for it in r.timeline:
        src, dst = (client, server) if it.direction == "client->server" else (server, client)
        status = "warning" if it.kind in ("alert", "close-notify") else "ok"
        msgs.append(document.SeqMessage(src, dst, t.of(it.message), it.t_ms, status=status))
    sec.blocks.append(document.Sequence([client, server], msgs, title=t("seq"), verbose=True))
    return sec


def _resumption(r: TlsInspectResult, t: _Text) -> document.Section:
    rs = r.resumption
    yn = {True: t("yes"), False: t("no")}
    if rs.attempted:
        items = [(t("resumed"), yn[rs.resumed]), (t("mech"), t.of(rs.mechanism)),
                 (t("full"), fmt_ms(rs.full_ms)), (t("short"), fmt_ms(rs.resumed_ms)),
                 (t("rx"), f"{rs.full_received_bytes} -> {rs.resumed_received_bytes}"),
                 (t("skipped"), ", ".join(rs.skipped_messages) or t("none"))]
    else:
        items = [(t("resumed"), t("resumed_no", why=t.of(rs.detail)))]
    if rs.early_data_offered_by_server is not None:
        items.append((t("zero"), t("zero_yes") if rs.early_data_offered_by_server else t("zero_no")))
    if rs.detail and rs.attempted:
        items.append(("", t.of(rs.detail)))
    return document.Section(t("resume"), [document.KeyValues(items)])


def _cert_table(certs: list[CertInfo], t: _Text) -> document.Table:
    cols = [t("col.n"), t("col.role"), t("col.subject"), t("col.issuer"), t("col.until"), t("col.days"),
            t("col.key")]
    rows = []
    for c in certs:
        pos = str(c.position + 1) if c.position >= 0 else t("store_pos")
        days = t("none") if c.days_left is None else str(c.days_left)
        rows.append([pos, t.opt("role", c.role), _cn(c.subject), _cn(c.issuer), c.not_after[:10], days, c.key])
    return document.Table(cols, rows)


def _chain(r: TlsInspectResult, t: _Text) -> list[document.Block]:
    sec = document.Section(t("sent", n=len(r.chain_sent)), [_cert_table(r.chain_sent, t)])
    detail = []
    for c in r.chain_sent:
        n = f"#{c.position + 1}"
        detail.append((f"{n} {t('sans')}", ", ".join(s.split(':', 1)[1] for s in c.sans) or t("none")))
        detail.append((f"{n} {t('fp')}", c.sha256))
        detail.append((f"{n} {t('sig')}", c.signature))
        detail.append((n, f"{c.subject}  <-  {c.issuer}  ({c.not_before[:10]} .. {c.not_after[:10]})"))
    sec.blocks.append(document.KeyValues(detail, verbose=True))
    out: list[document.Block] = [sec]
    if r.chain_validated:
        out.append(document.Section(t("path", n=len(r.chain_validated)), [_cert_table(r.chain_validated, t)]))
    return out


def _trust(r: TlsInspectResult, t: _Text) -> document.Section:
    v = r.validation
    store = t("store_value", store=t.opt("trust_src", v.trust_store), paths=", ".join(v.trust_paths))
    items = [(t("store"), store), (t("verdict"), t.opt("verdict", v.verdict)), (t("reason"), t.of(v.reason)),
             (t("hostcheck"), t.of(v.hostname_detail))]
    if v.openssl_reason:
        items.append((t("openssl"), t.of(v.openssl_reason)))
    sec = document.Section(t("trust"), [document.KeyValues(items)])
    if r.chain_problems:
        sec.blocks.append(document.Text("\n".join(f"• {t.of(p)}" for p in r.chain_problems)))
    return sec


def _notes(r: TlsInspectResult, t: _Text) -> document.Section:
    sec = document.Section(t("notes"), [])
    if r.artifacts:
        items = [(t.opt("artifact", k), v) for k, v in r.artifacts.items()]
        sec.blocks.append(document.KeyValues(items, title=t("artifacts")))
    if r.notes:
        sec.blocks.append(document.Text("\n".join(f"• {t.of(n)}" for n in r.notes)))
    return sec


def _summary(r: TlsInspectResult, t: _Text) -> str | None:
    if r.failure and not r.version:
        return t("summary_fail", host=r.host, failure=t.of(r.failure))
    if r.validation is not None:
        unknown = t("unknown")
        key = "summary_ok" if r.handshake_accepted or not r.failure else "summary_refused"
        return t(key, host=r.host, failure=t.of(r.failure) if r.failure else "", version=r.version or unknown, cipher=r.cipher or unknown,
                 kx=t.of(r.key_exchange) if r.key_exchange else unknown, verdict=t.opt("verdict", r.validation.verdict),
                 reason=t.of(r.validation.reason))
    return None


def build(result: TlsInspectResult, lang: str = "en") -> document.Document:
    t = _Text(lang)
    r = result
    doc = document.Document(title=t("title", host=r.host, port=r.port), probe="tls-inspect", findings=list(r.findings),
                            lang=lang)
    blocks: list[document.Block] = [_connection(r, t)]
    if r.versions:
        blocks.append(_versions(r, t))
    if r.timeline:
        blocks.append(_timeline(r, t))
    if r.resumption is not None:
        blocks.append(_resumption(r, t))
    if r.chain_sent:
        blocks += _chain(r, t)
    if r.validation is not None:
        blocks.append(_trust(r, t))
    if r.artifacts or r.notes:
        blocks.append(_notes(r, t))
    doc.blocks = blocks
    summary = _summary(r, t)
    if summary is not None:
        doc.summary = summary
    return doc
