"""A capture of the run's TCP traffic whose frames go into the Recording whole (I/O, for collect).

Used by http-state and websocket: their analysis reads the frames again (what crossed the wire in
clear, what TLS hid), so the first ones are kept up to a cap of bytes, and every frame goes to the
pcap when one is asked for.  Each probe records the outcome as its own event.
"""

from __future__ import annotations


def open_sniffer(address: str, bpf: str):
    """(the sniffer, open; its interface; None), or (None, the interface if known, why there is no
    capture): capture rights, a route to ``address``, then the socket itself."""
    from netlab.capture.sniffer import Sniffer, capture_problem, route_to
    from netlab.errors import EnvironmentProblem

    problem = capture_problem()
    route = route_to(address)
    if problem or route is None:
        return None, None, problem or f"no route to {address}"
    try:
        return Sniffer(route.ifname, bpf).open(), route.ifname, None
    except EnvironmentProblem as e:
        return None, route.ifname, e.message
    except OSError as e:  # the socket itself (no such interface any more, a full buffer, ...)
        return None, route.ifname, str(e)


def tcp_filter(address: str, ports) -> str:
    """The capture filter of TCP between us and ``address`` on any of ``ports``."""
    ip = "ip6" if ":" in address else "ip"
    chosen = sorted(set(ports))
    either = " or ".join(f"port {p}" for p in chosen)
    return f"{ip} and tcp and host {address} and " + (either if len(chosen) == 1 else f"({either})")


def stop_and_keep(rec, sniffer, pcap: str | None, keep_bytes: int) -> tuple[tuple[bytes, ...], int, int]:
    """Stop the sniffer; every frame to ``pcap`` (named in the Recording's artifacts).  Returns the
    first frames' bytes, up to ``keep_bytes`` in all, how many frames there were, and the bytes kept."""
    frames = sniffer.drain(settle=0.05)
    sniffer.close()
    kept, size = [], 0
    for f in frames:
        if size + len(f.data) > keep_bytes:
            break
        kept.append(f.data)
        size += len(f.data)
    if pcap:
        from netlab.capture.pcap import write_pcap

        write_pcap(pcap, frames, linktype=sniffer.linktype)
        rec.artifacts["pcap"] = str(pcap)
    return tuple(kept), len(frames), size


def open_capture(rec, taken: type, address: str, ports, clock):
    """The sniffer on TCP with ``address`` on ``ports``, open; or None, recorded as a ``taken`` event
    (a subclass of events.CaptureTaken) saying why."""
    sniffer, ifname, why = open_sniffer(address, tcp_filter(address, ports))
    if sniffer is None:
        rec.add(taken(clock(), ifname, 0, error=why))
    return sniffer


def stop_capture(rec, taken: type, sniffer, pcap: str | None, keep_bytes: int, clock) -> None:
    """Stop the sniffer and record what it caught as a ``taken`` event (see :func:`stop_and_keep`)."""
    kept, total, size = stop_and_keep(rec, sniffer, pcap, keep_bytes)
    rec.add(taken(clock(), sniffer.ifname, sniffer.linktype, kept, total, size, pcap=str(pcap) if pcap else None))
