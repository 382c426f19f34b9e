"""The sandbox's bottleneck for one transfer (I/O): which link, what is asked, what is in force.

Where: the server's own emulated link when the scenario gives it one (the default scenario's
sink and source have their 10 Mbit/s bottleneck there), else the client's link (always relayed by
the userspace emulator).  The data direction carries the rate, the queue, the loss and the chosen
drops (numbered among the data connection's payload-carrying packets); the delay is added to both
directions (one way each, so the RTT grows by twice --delay).  Semantics of each setting:
netlab.sandbox.linkemu (delay and loss add to the scenario's; rate and queue replace them).
"""

from __future__ import annotations

from netlab.errors import SandboxError
from netlab.probes.tcp_flow.model import DropsReported, LinkConfigured

LINK_OPTIONS = ("rate", "delay", "loss", "queue_packets", "queue_bytes", "drop_nth")


def asked(p: dict) -> bool:
    return any(p.get(k) not in (None, [], 0.0) or (k == "rate" and p.get(k) == 0) for k in LINK_OPTIONS)


def target(info, address: str, direction: str) -> tuple[str | None, str | None, dict]:
    """(host whose link to use, the data's direction on it, that link's scenario settings)."""
    hosts = getattr(info, "hosts", None) or {}
    server = next((h for h in hosts.values() if isinstance(h, dict) and address in (h.get("addresses") or [])), None)
    if server is not None:
        for itf in server.get("interfaces") or []:
            if itf.get("emulated"):
                d = "up" if direction == "download" else "down"
                return server.get("name"), d, {"up": itf.get("up") or {}, "down": itf.get("down") or {}}
    client = getattr(info, "client", None)
    if not client:
        return None, None, {}
    itfs = (hosts.get(client) or {}).get("interfaces") or [{}]
    return client, ("down" if direction == "download" else "up"), {"up": itfs[0].get("up") or {},
                                                                    "down": itfs[0].get("down") or {}}


def requested(p: dict, port: int) -> tuple[dict, dict]:
    """(data direction settings, other direction settings) from the options."""
    data: dict = {}
    other: dict = {}
    if p.get("rate") is not None:
        data["rate_mbit"] = float(p["rate"])
    if p.get("queue_packets"):
        data["queue_packets"] = int(p["queue_packets"])
    if p.get("queue_bytes"):
        data["queue_bytes"] = int(p["queue_bytes"])
    if p.get("loss"):
        data["loss_pct"] = float(p["loss"])
    if p.get("delay"):
        data["delay_ms"] = other["delay_ms"] = float(p["delay"])
    if p.get("drop_nth"):
        data["drops"] = [{"nth": int(n), "protocol": "tcp", "port": int(port)} for n in p["drop_nth"]]
    return data, other


def configure(st, run: int, port: int):
    """Apply this transfer's link settings; returns restore() (None when there is no sandbox link)."""
    info = st.ctx.sandbox
    if info is None:
        return None
    host, ddir, scenario = target(info, st.address, st.p["direction"])
    if host is None:
        st.rec.add(LinkConfigured(t=st.now(), run=run, link=None, data_direction=None,
                                  error="the sandbox's description names no link to this server"))
        return None
    data, other = requested(st.p, port)
    odir = "down" if ddir == "up" else "up"
    from netlab.sandbox import links

    try:
        ack, restore = links.set_link(info, host, **{ddir: data, odir: other})
    except SandboxError as e:
        if asked(st.p):
            raise
        st.rec.add(LinkConfigured(t=st.now(), run=run, link=host, data_direction=ddir, scenario=scenario,
                                  error=e.message))
        return None
    eff = {k: v for k, v in (ack.get("effective") or {}).items() if k == host or k.startswith(host + "/")}
    st.link_base = _counters(ack, host)
    st.rec.add(LinkConfigured(t=st.now(), run=run, link=host, data_direction=ddir,
                              requested={ddir: data, odir: other}, effective=eff, scenario=scenario))
    st.link_host = host
    return restore


def _counters(ack: dict | None, host: str) -> dict:
    out = {}
    for k, v in ((ack or {}).get("counters") or {}).items():
        if k == host or k.startswith(host + "/"):
            out[k] = v
    return out


def report(st, run: int, ack: dict | None) -> None:
    """The drops that fired while the settings held, and what the link counted meanwhile."""
    if ack is None:
        return
    host = getattr(st, "link_host", None)
    base = getattr(st, "link_base", {}) or {}
    delta: dict = {}
    final = _counters(ack.get("ended") or {}, host) or _counters(ack, host)  # as our settings left them
    for pair, dirs in final.items():
        for d, counts in (dirs or {}).items():
            before = ((base.get(pair) or {}).get(d)) or {}
            delta.setdefault(pair, {})[d] = {
                k: (v - before.get(k, 0)) if not k.startswith("backlog_max") else v
                for k, v in (counts or {}).items() if isinstance(v, int | float)}
    ended = ack.get("ended") or {}
    fired = []
    for f in ended.get("fired") or []:
        if isinstance(f, dict):
            f = dict(f)
            if isinstance(f.get("t"), int | float):
                f["t"] = round(f["t"] - st.t0, 6)  # the relay's monotonic clock is ours (one kernel)
            fired.append(f)
    st.rec.add(DropsReported(t=st.now(), run=run, fired=fired, counters=delta))
