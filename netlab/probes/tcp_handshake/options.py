"""TCP options: their names, what each one says, and what the two SYNs negotiated (pure)."""

from __future__ import annotations

import struct
from collections.abc import Iterable

from netlab.i18n import T
from netlab.probes.tcp_handshake.messages import M
from netlab.probes.tcp_handshake.model import TcpOption

OPTION_NAMES = {0: "EOL", 1: "NOP", 2: "MSS", 3: "WS", 4: "SACK_PERM", 5: "SACK", 8: "TS", 19: "MD5",
                28: "UTO", 29: "TCP-AO", 30: "MPTCP", 34: "TFO"}


def _option(kind: int, value: str, meaning: T | None) -> TcpOption:
    en, ko = (meaning.render("en"), meaning.render("ko")) if meaning is not None else ("", "")
    return TcpOption(kind, OPTION_NAMES.get(kind, f"kind {kind}"), value, en, ko)


def explain_option(kind: int, value: bytes, sender: str) -> TcpOption:
    """One option of a segment sent by ``sender`` (client | server), with its meaning in both languages."""
    who = M.t(f"side.{sender}")
    if kind == 2 and len(value) == 2:
        mss = struct.unpack("!H", value)[0]
        return _option(kind, str(mss), M.t("opt.mss", sender=who, mss=mss))
    if kind == 3 and len(value) == 1:
        shift = value[0]
        return _option(kind, f"{shift} (x{1 << shift})", M.t("opt.ws", sender=who, factor=1 << shift))
    if kind == 4:
        return _option(kind, "", M.t("opt.sack-perm", sender=who))
    if kind == 5:
        blocks = [struct.unpack("!II", value[i:i + 8]) for i in range(0, len(value) - 7, 8)]
        return _option(kind, " ".join(f"{a}-{b}" for a, b in blocks), M.t("opt.sack", sender=who))
    if kind == 8 and len(value) == 8:
        tsval, tsecr = struct.unpack("!II", value)
        return _option(kind, f"tsval={tsval} tsecr={tsecr}", M.t("opt.ts"))
    if kind == 1:
        return _option(kind, "", M.t("opt.nop"))
    if kind == 0:
        return _option(kind, "", M.t("opt.eol"))
    if kind == 34:
        return _option(kind, value.hex(), M.t("opt.tfo"))
    return _option(kind, value.hex(), None)


def syn_options(options: Iterable[tuple[int, bytes]]) -> dict:
    """What one SYN announces: mss, wscale (capped at 14, RFC 7323), sack, ts."""
    out: dict = {"mss": None, "wscale": None, "sack": False, "ts": False}
    for kind, value in options:
        if kind == 2 and len(value) == 2:
            out["mss"] = struct.unpack("!H", value)[0]
        elif kind == 3 and len(value) == 1:
            out["wscale"] = min(value[0], 14)
        elif kind == 4:
            out["sack"] = True
        elif kind == 8:
            out["ts"] = True
    return out
