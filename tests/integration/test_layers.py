"""`netlab layers` against tshark's own dissection: every field's position, every layer's band.

tshark (``-T json -x``) gives each field as ``[hex, pos, len, bitmask, type]``; netlab's field map
(scapy's dissection, netlab/probes/layers/dissect.py) must put each field it shares with tshark at
the same bytes, and a bit field at the same bits.  Checked on every committed pcap fixture, and on
one packet captured by ``--capture`` inside the sandbox next to an independent tcpdump.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from netlab.probes import load_probe
from netlab.probes.context import RunContext
from netlab.probes.layers.params import build_params

pytestmark = pytest.mark.integration

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "layers"
TSHARK = shutil.which("tshark")
needs_tshark = pytest.mark.skipif(TSHARK is None, reason="tshark is not installed (apt-get install tshark)")

# netlab field (scapy class family . field) -> tshark field.  "bytes:" compares byte ranges only,
# where the two cut the bits differently (scapy's 9 TCP flag bits, tshark's 12).
TSHARK_NAMES = {
    "Ether.dst": "eth.dst", "Ether.src": "eth.src", "Ether.type": "eth.type",
    "IP.version": "ip.version", "IP.ihl": "ip.hdr_len", "IP.tos": "ip.dsfield", "IP.dscp": "ip.dsfield.dscp",
    "IP.ecn": "ip.dsfield.ecn", "IP.len": "ip.len", "IP.id": "ip.id", "IP.flags": "ip.flags",
    "IP.frag": "ip.frag_offset", "IP.ttl": "ip.ttl", "IP.proto": "ip.proto", "IP.chksum": "ip.checksum",
    "IP.src": "ip.src", "IP.dst": "ip.dst",
    "IPv6.version": "ipv6.version", "IPv6.tc": "ipv6.tclass", "IPv6.dscp": "ipv6.tclass.dscp",
    "IPv6.ecn": "ipv6.tclass.ecn", "IPv6.fl": "ipv6.flow", "IPv6.plen": "ipv6.plen", "IPv6.nh": "ipv6.nxt",
    "IPv6.hlim": "ipv6.hlim", "IPv6.src": "ipv6.src", "IPv6.dst": "ipv6.dst",
    "TCP.sport": "tcp.srcport", "TCP.dport": "tcp.dstport", "TCP.seq": "tcp.seq_raw", "TCP.ack": "tcp.ack_raw",
    "TCP.dataofs": "tcp.hdr_len", "TCP.reserved": "tcp.flags.res", "TCP.flags": "bytes:tcp.flags",
    "TCP.window": "tcp.window_size_value", "TCP.chksum": "tcp.checksum", "TCP.urgptr": "tcp.urgent_pointer",
    "TCP.options": "tcp.options",
    "TCPopt.MSS": "tcp.options.mss", "TCPopt.SAckOK": "tcp.options.sack_perm", "TCPopt.NOP": "tcp.options.nop",
    "TCPopt.Timestamp": "tcp.options.timestamp", "TCPopt.WScale": "tcp.options.wscale",
    "TCPopt.EOL": "tcp.options.eol",
    "UDP.sport": "udp.srcport", "UDP.dport": "udp.dstport", "UDP.len": "udp.length", "UDP.chksum": "udp.checksum",
    "ICMP.type": "icmp.type", "ICMP.code": "icmp.code", "ICMP.chksum": "icmp.checksum",
    "DNS.id": "dns.id", "DNS.qr": "dns.flags.response", "DNS.opcode": "dns.flags.opcode",
    "DNS.aa": "dns.flags.authoritative", "DNS.tc": "dns.flags.truncated", "DNS.rd": "dns.flags.recdesired",
    "DNS.ra": "dns.flags.recavail", "DNS.z": "dns.flags.z", "DNS.ad": "dns.flags.authenticated",
    "DNS.cd": "dns.flags.checkdisable", "DNS.rcode": "dns.flags.rcode", "DNS.qdcount": "dns.count.queries",
    "DNS.ancount": "dns.count.answers", "DNS.nscount": "dns.count.auth_rr", "DNS.arcount": "dns.count.add_rr",
    "DNSQR.qname": "dns.qry.name", "DNSQR.qtype": "dns.qry.type", "DNSQR.qclass": "bytes:dns.qry.class",
    "DNSRR.rrname": "dns.resp.name", "DNSRR.type": "dns.resp.type", "DNSRR.rclass": "bytes:dns.resp.class",
    "DNSRR.ttl": "dns.resp.ttl", "DNSRR.rdlen": "dns.resp.len",
    "DNSRROPT.type": "dns.resp.type", "DNSRROPT.rclass": "dns.rr.udp_payload_size",
    "DNSRROPT.extrcode": "dns.resp.ext_rcode", "DNSRROPT.version": "dns.resp.edns0_version",
    "DNSRROPT.rdlen": "dns.resp.len",
    "TLS.type": "tls.record.content_type", "TLS.version": "tls.record.version", "TLS.len": "tls.record.length",
    "TLSClientHello.msgtype": "tls.handshake.type", "TLSClientHello.msglen": "tls.handshake.length",
    "TLSClientHello.version": "tls.handshake.version", "TLSClientHello.random_bytes": "tls.handshake.random",
    "TLSClientHello.sidlen": "tls.handshake.session_id_length", "TLSClientHello.sid": "tls.handshake.session_id",
    "TLSClientHello.cipherslen": "tls.handshake.cipher_suites_length",
    "TLSClientHello.ciphers": "tls.handshake.ciphersuites",
    "TLSClientHello.complen": "tls.handshake.comp_methods_length",
    "TLSClientHello.comp": "tls.handshake.comp_methods", "TLSClientHello.extlen": "tls.handshake.extensions_length",
    "TLS_Ext.type": "tls.handshake.extension.type", "TLS_Ext.len": "tls.handshake.extension.len",
    "ServerName.servername": "tls.handshake.extensions_server_name",
    "ServerName.namelen": "tls.handshake.extensions_server_name_len",
    "KeyShareEntry.group": "tls.handshake.extensions_key_share_group",
    "KeyShareEntry.key_exchange": "tls.handshake.extensions_key_share_key_exchange",
    "QUIC.HeaderForm": "quic.header_form", "QUIC.FixedBit": "quic.fixed_bit",
    "QUIC.LongPacketType": "quic.long.packet_type", "QUIC.Reserved": "quic.long.reserved",
    "QUIC.PacketNumberLen": "quic.packet_number_length", "QUIC.Version": "quic.version",
    "QUIC.DstConnIDLen": "quic.dcil", "QUIC.DstConnID": "quic.dcid", "QUIC.SrcConnIDLen": "quic.scil",
    "QUIC.SrcConnID": "quic.scid", "QUIC.TokenLen": "quic.token_length", "QUIC.Length": "quic.length",
    "HTTP.Method": "http.request.method", "HTTP.Path": "http.request.uri", "HTTP.Http_Version": "http.request.version",
    "HTTP.header": "http.request.line",
    "DNSRR.rdata": ("dns.cname", "dns.a", "dns.aaaa", "dns.ns", "dns.ptr"), "DNSRROPT.z": "dns.resp.z",
    "EDNS0COOKIE.optcode": "dns.opt.code", "EDNS0COOKIE.optlen": "dns.opt.len",
    "EDNS0COOKIE.client_cookie": "dns.opt.cookie.client",
    "ServerName.nametype": "tls.handshake.extensions_server_name_type",
    "TLS_Ext_ServerName.servernameslen": "tls.handshake.extensions_server_name_list_len",
    "KeyShareEntry.kxlen": "tls.handshake.extensions_key_share_key_exchange_length",
    "TLS_Ext_KeyShare_CH.client_shares_len": "tls.handshake.extensions_key_share_client_length",
    "TLS_Ext_ALPN.protocolslen": "tls.handshake.extensions_alpn_len", "TLS_Ext_ALPN.protocols":
    "tls.handshake.extensions_alpn_list", "ProtocolName.len": "tls.handshake.extensions_alpn_str_len",
    "ProtocolName.protocol": "tls.handshake.extensions_alpn_str",
    "TLS_Ext_PSKKeyExchangeModes.kxmodeslen": "tls.extension.psk_ke_modes_length",
    "TLS_Ext_PSKKeyExchangeModes.kxmodes": "tls.extension.psk_ke_mode",
    "TLS_Ext_SupportedVersion_CH.versionslen": "tls.handshake.extensions.supported_versions_len",
    "TLS_Ext_SupportedGroups.groupslen": "tls.handshake.extensions_supported_groups_length",
    "TLS_Ext_SupportedGroups.groups": "tls.handshake.extensions_supported_groups",
    "TLS_Ext_SignatureAlgorithms.sig_algs_len": "tls.handshake.sig_hash_alg_len",
    "TLS_Ext_SignatureAlgorithms.sig_algs": "tls.handshake.sig_hash_algs",
    "TLS_Ext_SupportedPointFormat.ecpllen": "tls.handshake.extensions_ec_point_formats_length",
    "TLS_Ext_SupportedPointFormat.ecpl": "tls.handshake.extensions_ec_point_formats",
    "TLS_Ext_Padding.padding": "tls.handshake.extensions_padding_data",
}
RESPONSE_ONLY = {"dns.flags.authoritative", "dns.flags.recavail", "dns.flags.rcode"}
# tshark's layer bands: a header for the lower layers, the whole unit for the others
TSHARK_LAYERS = {"eth": "eth", "ipv4": "ip", "ipv6": "ipv6", "tcp": "tcp", "udp": "udp", "icmp": "icmp",
                 "dns": "dns", "tls": "tls", "quic": "quic", "qpad": "quic", "http": "http"}
WHOLE = ("icmp", "dns", "tls", "quic", "qpad", "http")

CASES = [  # (fixture, packet, fields of ours that must have been compared at least)
    ("dns-v4.pcap", 1, 30), ("dns-v4.pcap", 2, 45), ("dns-v6.pcap", 1, 30), ("dns-v6.pcap", 2, 45),
    ("dns-v4.pcapng", 2, 45), ("http-v4.pcap", 1, 30), ("http-v4.pcap", 4, 34), ("tls-v6.pcap", 1, 28),
    ("tls-v6.pcap", 4, 60), ("quic-v4.pcap", 1, 28), ("icmp-v4.pcap", 2, 25), ("rst-padded-v4.pcap", 2, 26),
]


def _walk(pairs, out: dict) -> None:
    for k, v in pairs:
        if k.endswith("_raw") and isinstance(v, list) and len(v) == 5 and isinstance(v[1], int):
            out.setdefault(k[:-4], []).append((v[1], v[2], int(v[3])))
        elif isinstance(v, list) and v and isinstance(v[0], tuple):
            _walk(v, out)
        elif isinstance(v, list):
            for x in v:
                if isinstance(x, list) and x and isinstance(x[0], tuple):
                    _walk(x, out)


def tshark_positions(pcap: Path, packet: int) -> tuple[dict, list]:
    """{field name: [(pos, len, bitmask), ...]} and the top-level layer bands [(name, pos, len)]."""
    out = subprocess.run([TSHARK, "-r", str(pcap), "-T", "json", "-x", "-o", "tcp.analyze_sequence_numbers:FALSE"],
                         capture_output=True, text=True, timeout=60, check=True).stdout
    data = json.loads(out, object_pairs_hook=lambda p: p)
    pkt = dict(dict(data[packet - 1])["_source"])["layers"]
    fields: dict = {}
    _walk(pkt, fields)
    bands = [(k[:-4], v[1], v[2]) for k, v in pkt if k.endswith("_raw") and k != "frame_raw"]
    return fields, bands


def _bits(pos: int, size: int, mask: int) -> tuple[int, int]:
    """tshark's (pos, size, bitmask) as (first bit, number of bits) from the frame's start."""
    # the mask is relative to the field's integer type, which can be wider than the bytes it says it covers
    # (tcp.flags.res: 1 byte, mask 0x0e00 of a 16-bit field)
    width = max(size * 8, (mask.bit_length() + 7) // 8 * 8)
    first = width - mask.bit_length()
    return pos * 8 + first, bin(mask).count("1")


def _key(f) -> str | None:
    from netlab.probes.layers.fieldtext import family

    if f.kind == "header":
        return "HTTP.header"
    if f.kind == "element" or f.name == "protected" or f.owner == "HTTP" and f.name in ("line-end", "end-of-headers"):
        return None
    specific = f"{f.owner}.{f.name}"
    return specific if specific in TSHARK_NAMES else f"{family(f.owner)}.{f.name}"


def compare(res, fields: dict) -> tuple[int, list[str]]:
    checked, bad = 0, []
    for f in res.fields:
        key = _key(f)
        names = TSHARK_NAMES.get(key or "")
        if names is None:
            continue
        names = (names,) if isinstance(names, str) else names
        only_bytes = names[0].startswith("bytes:")
        names = tuple(n.removeprefix("bytes:") for n in names)
        name = " or ".join(names)
        theirs = [x for n in names for x in fields.get(n, [])]
        if not theirs and name in RESPONSE_ONLY:
            continue  # tshark shows AA, RA and RCODE in responses only
        if not theirs:
            bad.append(f"{f.path} ({key}): tshark has no {name}")
            continue
        checked += 1
        mine_bytes = (f.offset, f.length)
        mine_bits = (f.bit_offset, f.bit_length)
        ok = False
        for pos, size, mask in theirs:
            if mask and f.bits is not None and not only_bytes:
                ok = ok or _bits(pos, size, mask) == mine_bits
            else:
                ok = ok or (pos, size) == mine_bytes
        if not ok:
            bad.append(f"{f.path} ({key}): netlab bytes {mine_bytes} bits {mine_bits}, tshark {name} {theirs}")
    return checked, bad


def analyze_fixture(name: str, packet: int):
    probe = load_probe("layers")
    params = build_params(str(FIXTURES / name), None, None, packet, None, None, None)
    return probe.analyze(probe.collect(params, RunContext()))


@needs_tshark
@pytest.mark.parametrize("name,packet,minimum", CASES, ids=[f"{c[0]}#{c[1]}" for c in CASES])
def test_every_field_sits_where_tshark_puts_it(name, packet, minimum):
    res = analyze_fixture(name, packet)
    fields, _bands = tshark_positions(FIXTURES / name, packet)
    checked, bad = compare(res, fields)
    assert not bad, "\n".join(bad)
    assert checked >= minimum, f"only {checked} fields compared"


@needs_tshark
@pytest.mark.parametrize("name,packet,minimum", CASES, ids=[f"{c[0]}#{c[1]}" for c in CASES])
def test_every_layer_band_is_tsharks(name, packet, minimum):
    res = analyze_fixture(name, packet)
    _fields, bands = tshark_positions(FIXTURES / name, packet)
    theirs = {(n, pos, size) for n, pos, size in bands}
    for x in res.layers:
        if x.quoted or x.proto not in TSHARK_LAYERS or x.proto == "padding":
            continue
        size = x.pdu_len if x.proto in WHOLE else x.header_len
        assert (TSHARK_LAYERS[x.proto], x.offset, size) in theirs, f"{x.name} at {x.offset}+{size}; tshark: {bands}"


def test_capture_in_the_sandbox_matches_tcpdump_and_tshark(sandbox, tmp_path):
    """A SYN taken by --capture tcp, beside tcpdump's own capture of the same packet on the same interface."""
    if TSHARK is None:
        pytest.skip("tshark is not installed")
    pcap = tmp_path / "tcpdump.pcap"
    dump = sandbox.popen(["tcpdump", "-i", "eth0", "-U", "-c", "2", "-w", str(pcap),
                          "tcp port 80 and tcp[tcpflags] & tcp-syn != 0"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(1.0)  # tcpdump is listening once it has compiled its filter
    r = sandbox.netlab("layers", "--capture", "tcp", "www.naver.com", "-4", "--json", timeout=60)
    assert r.returncode == 0, r.stderr[-2000:]
    dump.wait(timeout=30)
    data = json.loads(r.stdout)
    assert data["probe"] == "layers" and data["source"] == "capture"
    from netlab.capture.pcap import read_pcap

    theirs = read_pcap(pcap).frames
    assert theirs, "tcpdump captured nothing"
    assert theirs[0].data.hex() == data["frame_hex"], "netlab's SYN is not the frame tcpdump saw"
    fields, _bands = tshark_positions(pcap, 1)
    from netlab.probes.layers.model import FieldSpan, Layer, LayersResult

    res = LayersResult(fields=[FieldSpan(**f) for f in data["fields"]], layers=[Layer(**x) for x in data["layers"]])
    checked, bad = compare(res, fields)
    assert not bad, "\n".join(bad)
    assert checked >= 30
    codes = {f["code"] for f in data["findings"]}
    assert {"layers.mss", "layers.tcp-header", "layers.ecn"} <= codes
