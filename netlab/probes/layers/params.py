"""The sources and options of `netlab layers`, parsed and checked (pure and light).

The command module (netlab/cli/layers.py) imports this at `netlab --help` time: nothing heavy here.
Exactly one source: ``--from FILE`` (pcap or pcapng), ``--recording FILE`` (another probe's saved
Recording holding captured frames), or ``--capture KIND TARGET`` (one exchange captured on the spot).
A problem is a :class:`netlab.targets.TargetError` or a UsageError (exit 2), before anything is sent.
"""

from __future__ import annotations

from typing import Literal

from netlab import targets
from netlab.errors import UsageError

KINDS = ("dns", "tcp", "tls", "http", "udp")
KIND_ALIASES = {"quic": "udp"}
DEFAULT_PORTS = {"dns": 53, "tcp": 80, "tls": 443, "http": 80, "udp": 443}

# What the capture kinds send, for --help and the report.
KIND_HELP = {
    "dns": "one DNS query over UDP (TARGET: the name; the server: --server, else the system's resolver)",
    "tcp": "a TCP connection opened and closed (TARGET: HOST[:PORT], port 80); the packet shown is the SYN",
    "tls": "a TLS ClientHello (TARGET: HOST[:PORT], port 443)",
    "http": "an HTTP/1.1 GET request (TARGET: an http:// URL; an https:// request is encrypted, use tls)",
    "udp": "a QUIC Initial, HTTP/3's first datagram (TARGET: HOST[:PORT], port 443)",
}

RECORDED = {
    "source": Literal["file", "recording", "capture"],
    "path": str | None,
    "packet": int | None,
    "kind": Literal["dns", "tcp", "tls", "http", "udp"] | None,
    "target": str | None,
    "host": str | None,
    "port": int | None,
    "url_path": str | None,
    "server": str | None,
    "family": Literal[4, 6] | None,
    "pcap": str | None,
}


def capture_params(kind: str, target: str) -> dict:
    """``--capture KIND TARGET`` -> host, port and (for http) the path; TargetError when malformed."""
    kind = KIND_ALIASES.get(kind, kind)
    if kind not in KINDS:
        raise targets.TargetError(f"{kind!r} is not a capture kind ({', '.join(KINDS)})")
    out: dict = {"kind": kind, "target": target, "host": None, "port": None, "url_path": None}
    if kind == "dns":
        name = targets.host(target)
        if targets.is_ip(name):
            raise targets.TargetError(f"{target!r} is an address: --capture dns takes a name to look up "
                                      "(the server is --server ADDR)")
        out.update(host=name, port=53)
    elif kind == "http":
        u = targets.url(target, schemes=("http", "https"), default_scheme="http")
        if u.scheme == "https":
            raise targets.TargetError("an https:// request travels encrypted, so its HTTP bytes cannot be shown: "
                                      "use --capture http with http://, or --capture tls to see the ClientHello")
        out.update(host=u.host, port=u.port, url_path=u.path)
    else:
        host, port = targets.host_port(target, DEFAULT_PORTS[kind])
        out.update(host=host, port=port)
    return out


def build_params(from_file: str | None, recording: str | None, capture: tuple[str, str] | None,
                 packet: int | None, server: str | None, family: int | None, pcap: str | None) -> dict:
    """The probe's params from the command line; exactly one source."""
    given = [name for name, v in (("--from", from_file), ("--recording", recording), ("--capture", capture))
             if v is not None]
    if len(given) != 1:
        raise UsageError("give one packet source: --from FILE.pcap, --recording FILE or --capture KIND TARGET"
                         + (f" (not {' and '.join(given)} together)" if given else ""))
    if packet is not None and packet < 1:
        raise UsageError(f"--packet {packet}: packets are numbered from 1 (as Wireshark numbers them)")
    params: dict = {"packet": packet, "path": None, "kind": None, "target": None, "host": None, "port": None,
                    "url_path": None, "server": server, "family": family, "pcap": pcap}
    if capture is None and (server or pcap or family):
        raise UsageError("--server, --pcap, -4 and -6 go with --capture")
    if from_file is not None:
        params.update(source="file", path=from_file)
    elif recording is not None:
        params.update(source="recording", path=recording)
    else:
        kind, target = capture
        try:
            params.update(capture_params(kind, target), source="capture")
        except targets.TargetError as e:
            raise UsageError(f"--capture {kind} {target!r}: {e}") from None
        if server is not None and params["kind"] != "dns":
            raise UsageError("--server goes with --capture dns")
    return params
