"""The composed probes' Recordings, read back (pure): each decoded and analysed by its own probe,
summed up in one line for the journey's report; `netlab report FILE --step NAME` renders one
whole.  A nested Recording is input like any other: one that does not decode is reported, not
raised (under `netlab report` it came from a file)."""

from __future__ import annotations

from typing import Any

from netlab.errors import InputFileError
from netlab.probes.journey.messages import M
from netlab.units import fmt_ms


def steps_of(rec) -> dict[str, Any]:
    """step name -> StepRecorded, for every nested Recording of a journey Recording."""
    return {e.step: e for e in rec.events if type(e).__name__ == "StepRecorded"}


def decode(step) -> Any:
    """The nested Recording of a StepRecorded (InputFileError when it is malformed)."""
    from netlab.model import Recording, json_depth

    if not isinstance(step.recording, dict) or not step.recording:
        raise InputFileError(f"step {step.step}: no recording ({step.error or 'the probe did not run'})")
    if json_depth(step.recording) > 60:
        raise InputFileError(f"step {step.step}: nested too deeply")
    return Recording.from_json(step.recording, source=f"step {step.step}")


def inspect(step) -> dict:
    """{step, probe, ms, ok, summary, summary_ko, findings} for one nested probe."""
    from netlab.probes import load_probe

    row: dict[str, Any] = {"step": step.step, "probe": step.probe, "ms": round((step.end_t - step.t) * 1000.0, 3),
                           "ok": False, "summary": "", "summary_ko": "", "findings": []}
    if step.error:
        row["summary"], row["summary_ko"] = M.both("nest.error", probe=step.probe, error=step.error)
        return row
    try:
        rec = decode(step)
        res = load_probe(step.probe).analyze(rec)
    except (InputFileError, ValueError, TypeError, KeyError) as e:
        msg = e.message if isinstance(e, InputFileError) else f"{type(e).__name__}: {e}"
        row["summary"], row["summary_ko"] = M.both("nest.malformed", error=msg[:200])
        return row
    row["ok"] = True
    row["findings"] = list(res.findings)
    summary = {"tcp-handshake": _tcp, "tls-inspect": _tls, "dns-trace": _dns, "http-compare": _h3}.get(step.probe)
    if summary is not None:
        row["summary"], row["summary_ko"] = summary(res)
    return row


def _tcp(res) -> tuple[str, str]:
    o = res.options or {}
    opts = []
    if o.get("client_mss"):
        opts.append(f"MSS {o['client_mss']}/{o.get('server_mss') or '-'}")
    if o.get("window_scaling"):
        opts.append(f"WS {o.get('client_wscale')}/{o.get('server_wscale')}")
    if o.get("sack"):
        opts.append("SACK")
    if o.get("timestamps"):
        opts.append("TS")
    if res.outcome != "connected":
        return M.both("nest.tcp-failed", outcome=res.outcome, error=res.error or "-")
    return M.both("nest.tcp", rtt=fmt_ms(res.handshake_rtt_ms), options=", ".join(opts) or "-",
                  closer=M.t(f"side.{res.close_initiator or 'unknown'}"), tw=M.t(f"side.{res.time_wait_side or 'unknown'}"))


def _tls(res) -> tuple[str, str]:
    from netlab.i18n import Both, T

    if not res.handshake_accepted:
        fail = res.failure
        words = fail.render("en") if isinstance(fail, T | Both) else str(fail or "-")
        words_ko = fail.render("ko") if isinstance(fail, T | Both) else str(fail or "-")
        return M.text("nest.tls-failed", "en", why=words), M.text("nest.tls-failed", "ko", why=words_ko)
    accepted = [v.version for v in res.versions if v.status == "accepted"]
    verdict = res.validation.verdict if res.validation else "unknown"
    kx = res.key_exchange
    kx_en = kx.render("en") if hasattr(kx, "render") else str(kx or "-")
    kx_ko = kx.render("ko") if hasattr(kx, "render") else str(kx or "-")
    common = {"version": res.version or "-", "group": res.group or "-", "alpn": res.alpn or "-",
              "certs": len(res.chain_sent), "verdict": M.t(f"verdict.{verdict}"), "accepted": ", ".join(accepted) or "-",
              "hs": fmt_ms(res.handshake_ms)}
    return (M.text("nest.tls", "en", kx=kx_en, **common), M.text("nest.tls", "ko", kx=kx_ko, **common))


def _dns(res) -> tuple[str, str]:
    zones = []
    for h in res.hops:
        if h.used and not h.extra and h.zone not in zones:
            zones.append(h.zone)
    answer = ", ".join(r["data"] for r in res.answer if r.get("type") in ("A", "AAAA")) or res.outcome or "-"
    return M.both("nest.dns", n=res.queries, zones=" -> ".join(zones) or "-", answer=answer, ms=fmt_ms(res.total_ms))


def h3_phases(res) -> dict[str, Any]:
    """{mode: {quic_ms, first_byte_ms, rtts, resumed, early}} of a nested http-compare (h3, h3-0rtt)."""
    out = {}
    for ph in getattr(res, "phases", []) or []:
        if ph.mode in ("h3", "h3-0rtt") and ph.runs:
            out[ph.mode] = {"quic_ms": ph.quic_handshake.median, "first_byte_ms": ph.first_byte.median,
                            "rtts": ph.rtts_on_wire.median, "resumed": getattr(ph, "session_resumed", None),
                            "early": getattr(ph, "early_data_accepted", None)}
    return out


def _h3(res) -> tuple[str, str]:
    ph = h3_phases(res)
    if "h3" not in ph:
        return M.both("nest.h3-failed")
    zero = ph.get("h3-0rtt", {})
    return M.both("nest.h3", quic=fmt_ms(ph["h3"]["quic_ms"]), first=fmt_ms(ph["h3"]["first_byte_ms"]),
                  zero=fmt_ms(zero.get("first_byte_ms")))
