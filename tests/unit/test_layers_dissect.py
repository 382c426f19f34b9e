"""layers dissection on committed captures: every layer's band and every field's offset and length.

The expected positions below were read off scapy's dissection and are checked against tshark's own
(tests/integration/test_layers.py runs the same pcaps through tshark -T json -x), so a change in
either shows here.  Notation: ``layer:path@offset+length`` for whole bytes, ``layer:path@byte.bit:bits``
for bit fields; layers ``proto@offset+header/pdu``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from netlab.capture.pcap import read_pcap
from netlab.probes.layers.dissect import dissect, supported
from netlab.probes.layers.hexview import bit_pattern, rows

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "layers"

EXPECTED = {
    ("dns-v4.pcap", 1): (
        "eth@0+14/96 ipv4@14+20/82 udp@34+8/62 dns@42+12/54",
        "0:dst@0+6 0:src@6+6 0:type@12+2 1:version@14.0:4 1:ihl@14.4:4 1:tos@15+1 1:tos.dscp@15.0:6 "
        "1:tos.ecn@15.6:2 1:len@16+2 1:id@18+2 1:flags@20.0:3 1:frag@20.3:13 1:ttl@22+1 1:proto@23+1 "
        "1:chksum@24+2 1:src@26+4 1:dst@30+4 2:sport@34+2 2:dport@36+2 2:len@38+2 2:chksum@40+2 3:id@42+2 "
        "3:qr@44.0:1 3:opcode@44.1:4 3:aa@44.5:1 3:tc@44.6:1 3:rd@44.7:1 3:ra@45.0:1 3:z@45.1:1 3:ad@45.2:1 "
        "3:cd@45.3:1 3:rcode@45.4:4 3:qdcount@46+2 3:ancount@48+2 3:nscount@50+2 3:arcount@52+2 3:qd@54+19 "
        "3:qd[0]@54+19 3:qd[0].qname@54+15 3:qd[0].qtype@69+2 3:qd[0].unicastresponse@71.0:1 "
        "3:qd[0].qclass@71.1:15 3:ar@73+23 3:ar[0]@73+23 3:ar[0].rrname@73+1 3:ar[0].type@74+2 "
        "3:ar[0].rclass@76+2 3:ar[0].extrcode@78+1 3:ar[0].version@79+1 3:ar[0].z@80+2 3:ar[0].rdlen@82+2 "
        "3:ar[0].rdata@84+12 3:ar[0].rdata[0]@84+12 3:ar[0].rdata[0].optcode@84+2 3:ar[0].rdata[0].optlen@86+2 "
        "3:ar[0].rdata[0].client_cookie@88+8"),
    ("dns-v4.pcap", 2): (
        "eth@0+14/134 ipv4@14+20/120 udp@34+8/100 dns@42+12/92",
        "0:dst@0+6 0:src@6+6 0:type@12+2 1:version@14.0:4 1:ihl@14.4:4 1:tos@15+1 1:tos.dscp@15.0:6 "
        "1:tos.ecn@15.6:2 1:len@16+2 1:id@18+2 1:flags@20.0:3 1:frag@20.3:13 1:ttl@22+1 1:proto@23+1 "
        "1:chksum@24+2 1:src@26+4 1:dst@30+4 2:sport@34+2 2:dport@36+2 2:len@38+2 2:chksum@40+2 3:id@42+2 "
        "3:qr@44.0:1 3:opcode@44.1:4 3:aa@44.5:1 3:tc@44.6:1 3:rd@44.7:1 3:ra@45.0:1 3:z@45.1:1 3:ad@45.2:1 "
        "3:cd@45.3:1 3:rcode@45.4:4 3:qdcount@46+2 3:ancount@48+2 3:nscount@50+2 3:arcount@52+2 3:qd@54+19 "
        "3:qd[0]@54+19 3:qd[0].qname@54+15 3:qd[0].qtype@69+2 3:qd[0].unicastresponse@71.0:1 "
        "3:qd[0].qclass@71.1:15 3:an@73+50 3:an[0]@73+34 3:an[0].rrname@73+2 3:an[0].type@75+2 "
        "3:an[0].cacheflush@77.0:1 3:an[0].rclass@77.1:15 3:an[0].ttl@79+4 3:an[0].rdlen@83+2 "
        "3:an[0].rdata@85+22 3:an[1]@107+16 3:an[1].rrname@107+2 3:an[1].type@109+2 3:an[1].cacheflush@111.0:1 "
        "3:an[1].rclass@111.1:15 3:an[1].ttl@113+4 3:an[1].rdlen@117+2 3:an[1].rdata@119+4 3:ar@123+11 "
        "3:ar[0]@123+11 3:ar[0].rrname@123+1 3:ar[0].type@124+2 3:ar[0].rclass@126+2 3:ar[0].extrcode@128+1 "
        "3:ar[0].version@129+1 3:ar[0].z@130+2 3:ar[0].rdlen@132+2"),
    ("dns-v6.pcap", 1): (
        "eth@0+14/116 ipv6@14+40/102 udp@54+8/62 dns@62+12/54",
        "0:dst@0+6 0:src@6+6 0:type@12+2 1:version@14.0:4 1:tc@14.4:8 1:tc.dscp@14.4:6 1:tc.ecn@15.2:2 "
        "1:fl@15.4:20 1:plen@18+2 1:nh@20+1 1:hlim@21+1 1:src@22+16 1:dst@38+16 2:sport@54+2 2:dport@56+2 "
        "2:len@58+2 2:chksum@60+2 3:id@62+2 3:qr@64.0:1 3:opcode@64.1:4 3:aa@64.5:1 3:tc@64.6:1 3:rd@64.7:1 "
        "3:ra@65.0:1 3:z@65.1:1 3:ad@65.2:1 3:cd@65.3:1 3:rcode@65.4:4 3:qdcount@66+2 3:ancount@68+2 "
        "3:nscount@70+2 3:arcount@72+2 3:qd@74+19 3:qd[0]@74+19 3:qd[0].qname@74+15 3:qd[0].qtype@89+2 "
        "3:qd[0].unicastresponse@91.0:1 3:qd[0].qclass@91.1:15 3:ar@93+23 3:ar[0]@93+23 3:ar[0].rrname@93+1 "
        "3:ar[0].type@94+2 3:ar[0].rclass@96+2 3:ar[0].extrcode@98+1 3:ar[0].version@99+1 3:ar[0].z@100+2 "
        "3:ar[0].rdlen@102+2 3:ar[0].rdata@104+12 3:ar[0].rdata[0]@104+12 3:ar[0].rdata[0].optcode@104+2 "
        "3:ar[0].rdata[0].optlen@106+2 3:ar[0].rdata[0].client_cookie@108+8"),
    ("http-v4.pcap", 1): (
        "eth@0+14/74 ipv4@14+20/60 tcp@34+40/40",
        "0:dst@0+6 0:src@6+6 0:type@12+2 1:version@14.0:4 1:ihl@14.4:4 1:tos@15+1 1:tos.dscp@15.0:6 "
        "1:tos.ecn@15.6:2 1:len@16+2 1:id@18+2 1:flags@20.0:3 1:frag@20.3:13 1:ttl@22+1 1:proto@23+1 "
        "1:chksum@24+2 1:src@26+4 1:dst@30+4 2:sport@34+2 2:dport@36+2 2:seq@38+4 2:ack@42+4 2:dataofs@46.0:4 "
        "2:reserved@46.4:3 2:flags@46.7:9 2:window@48+2 2:chksum@50+2 2:urgptr@52+2 2:options@54+20 "
        "2:options[0]@54+4 2:options[1]@58+2 2:options[2]@60+10 2:options[3]@70+1 2:options[4]@71+3"),
    ("http-v4.pcap", 4): (
        "eth@0+14/138 ipv4@14+20/124 tcp@34+32/104 http@66+72/72",
        "0:dst@0+6 0:src@6+6 0:type@12+2 1:version@14.0:4 1:ihl@14.4:4 1:tos@15+1 1:tos.dscp@15.0:6 "
        "1:tos.ecn@15.6:2 1:len@16+2 1:id@18+2 1:flags@20.0:3 1:frag@20.3:13 1:ttl@22+1 1:proto@23+1 "
        "1:chksum@24+2 1:src@26+4 1:dst@30+4 2:sport@34+2 2:dport@36+2 2:seq@38+4 2:ack@42+4 2:dataofs@46.0:4 "
        "2:reserved@46.4:3 2:flags@46.7:9 2:window@48+2 2:chksum@50+2 2:urgptr@52+2 2:options@54+12 "
        "2:options[0]@54+1 2:options[1]@55+1 2:options[2]@56+10 3:Method@66+3 3:Path@70+1 3:Http_Version@72+8 "
        "3:line-end@80+2 3:headers[0]@82+21 3:headers[1]@103+13 3:headers[2]@116+20 3:end-of-headers@136+2"),
    ("tls-v6.pcap", 4): (
        "eth@0+14/603 ipv6@14+40/589 tcp@54+32/549 tls@86+5/517",
        "0:dst@0+6 0:src@6+6 0:type@12+2 1:version@14.0:4 1:tc@14.4:8 1:tc.dscp@14.4:6 1:tc.ecn@15.2:2 "
        "1:fl@15.4:20 1:plen@18+2 1:nh@20+1 1:hlim@21+1 1:src@22+16 1:dst@38+16 2:sport@54+2 2:dport@56+2 "
        "2:seq@58+4 2:ack@62+4 2:dataofs@66.0:4 2:reserved@66.4:3 2:flags@66.7:9 2:window@68+2 2:chksum@70+2 "
        "2:urgptr@72+2 2:options@74+12 2:options[0]@74+1 2:options[1]@75+1 2:options[2]@76+10 3:type@86+1 "
        "3:version@87+2 3:len@89+2 3:msg@91+512 3:msg[0]@91+512 3:msg[0].msgtype@91+1 3:msg[0].msglen@92+3 "
        "3:msg[0].version@95+2 3:msg[0].random_bytes@97+32 3:msg[0].sidlen@129+1 3:msg[0].sid@130+32 "
        "3:msg[0].cipherslen@162+2 3:msg[0].ciphers@164+62 3:msg[0].complen@226+1 3:msg[0].comp@227+1 "
        "3:msg[0].extlen@228+2 3:msg[0].ext@230+373 3:msg[0].ext[0]@230+22 3:msg[0].ext[0].type@230+2 "
        "3:msg[0].ext[0].len@232+2 3:msg[0].ext[0].servernameslen@234+2 3:msg[0].ext[0].servernames@236+16 "
        "3:msg[0].ext[0].servernames[0]@236+16 3:msg[0].ext[0].servernames[0].nametype@236+1 "
        "3:msg[0].ext[0].servernames[0].namelen@237+2 3:msg[0].ext[0].servernames[0].servername@239+13 "
        "3:msg[0].ext[1]@252+8 3:msg[0].ext[1].type@252+2 3:msg[0].ext[1].len@254+2 "
        "3:msg[0].ext[1].ecpllen@256+1 3:msg[0].ext[1].ecpl@257+3 3:msg[0].ext[2]@260+26 "
        "3:msg[0].ext[2].type@260+2 3:msg[0].ext[2].len@262+2 3:msg[0].ext[2].groupslen@264+2 "
        "3:msg[0].ext[2].groups@266+20 3:msg[0].ext[3]@286+18 3:msg[0].ext[3].type@286+2 "
        "3:msg[0].ext[3].len@288+2 3:msg[0].ext[3].protocolslen@290+2 3:msg[0].ext[3].protocols@292+12 "
        "3:msg[0].ext[3].protocols[0]@292+3 3:msg[0].ext[3].protocols[0].len@292+1 "
        "3:msg[0].ext[3].protocols[0].protocol@293+2 3:msg[0].ext[3].protocols[1]@295+9 "
        "3:msg[0].ext[3].protocols[1].len@295+1 3:msg[0].ext[3].protocols[1].protocol@296+8 "
        "3:msg[0].ext[4]@304+4 3:msg[0].ext[4].type@304+2 3:msg[0].ext[4].len@306+2 3:msg[0].ext[5]@308+4 "
        "3:msg[0].ext[5].type@308+2 3:msg[0].ext[5].len@310+2 3:msg[0].ext[6]@312+4 3:msg[0].ext[6].type@312+2 "
        "3:msg[0].ext[6].len@314+2 3:msg[0].ext[7]@316+46 3:msg[0].ext[7].type@316+2 3:msg[0].ext[7].len@318+2 "
        "3:msg[0].ext[7].sig_algs_len@320+2 3:msg[0].ext[7].sig_algs@322+40 3:msg[0].ext[8]@362+13 "
        "3:msg[0].ext[8].type@362+2 3:msg[0].ext[8].len@364+2 3:msg[0].ext[8].versionslen@366+1 "
        "3:msg[0].ext[8].versions@367+8 3:msg[0].ext[9]@375+6 3:msg[0].ext[9].type@375+2 "
        "3:msg[0].ext[9].len@377+2 3:msg[0].ext[9].kxmodeslen@379+1 3:msg[0].ext[9].kxmodes@380+1 "
        "3:msg[0].ext[10]@381+42 3:msg[0].ext[10].type@381+2 3:msg[0].ext[10].len@383+2 "
        "3:msg[0].ext[10].client_shares_len@385+2 3:msg[0].ext[10].client_shares@387+36 "
        "3:msg[0].ext[10].client_shares[0]@387+36 3:msg[0].ext[10].client_shares[0].group@387+2 "
        "3:msg[0].ext[10].client_shares[0].kxlen@389+2 3:msg[0].ext[10].client_shares[0].key_exchange@391+32 "
        "3:msg[0].ext[11]@423+180 3:msg[0].ext[11].type@423+2 3:msg[0].ext[11].len@425+2 "
        "3:msg[0].ext[11].padding@427+176"),
    ("quic-v4.pcap", 1): (
        "eth@0+14/1242 ipv4@14+20/1228 udp@34+8/1208 quic@42+26/522 qpad@564+678/678",
        "0:dst@0+6 0:src@6+6 0:type@12+2 1:version@14.0:4 1:ihl@14.4:4 1:tos@15+1 1:tos.dscp@15.0:6 "
        "1:tos.ecn@15.6:2 1:len@16+2 1:id@18+2 1:flags@20.0:3 1:frag@20.3:13 1:ttl@22+1 1:proto@23+1 "
        "1:chksum@24+2 1:src@26+4 1:dst@30+4 2:sport@34+2 2:dport@36+2 2:len@38+2 2:chksum@40+2 "
        "3:HeaderForm@42.0:1 3:FixedBit@42.1:1 3:LongPacketType@42.2:2 3:Reserved@42.4:2 "
        "3:PacketNumberLen@42.6:2 3:Version@43+4 3:DstConnIDLen@47+1 3:DstConnID@48+8 3:SrcConnIDLen@56+1 "
        "3:SrcConnID@57+8 3:TokenLen@65+1 3:Token@66+0 3:Length@66+2 3:protected@68+496 4:load@564+678"),
    ("icmp-v4.pcap", 2): (
        "eth@0+14/124 ipv4@14+20/110 icmp@34+8/90 ipv4@42+20/82 udp@62+8/62 dns@70+12/54",
        "0:dst@0+6 0:src@6+6 0:type@12+2 1:version@14.0:4 1:ihl@14.4:4 1:tos@15+1 1:tos.dscp@15.0:6 "
        "1:tos.ecn@15.6:2 1:len@16+2 1:id@18+2 1:flags@20.0:3 1:frag@20.3:13 1:ttl@22+1 1:proto@23+1 "
        "1:chksum@24+2 1:src@26+4 1:dst@30+4 2:type@34+1 2:code@35+1 2:chksum@36+2 2:reserved@38+1 "
        "2:length@39+1 2:nexthopmtu@40+2 3:version@42.0:4 3:ihl@42.4:4 3:tos@43+1 3:tos.dscp@43.0:6 "
        "3:tos.ecn@43.6:2 3:len@44+2 3:id@46+2 3:flags@48.0:3 3:frag@48.3:13 3:ttl@50+1 3:proto@51+1 "
        "3:chksum@52+2 3:src@54+4 3:dst@58+4 4:sport@62+2 4:dport@64+2 4:len@66+2 4:chksum@68+2 5:id@70+2 "
        "5:qr@72.0:1 5:opcode@72.1:4 5:aa@72.5:1 5:tc@72.6:1 5:rd@72.7:1 5:ra@73.0:1 5:z@73.1:1 5:ad@73.2:1 "
        "5:cd@73.3:1 5:rcode@73.4:4 5:qdcount@74+2 5:ancount@76+2 5:nscount@78+2 5:arcount@80+2 5:qd@82+19 "
        "5:qd[0]@82+19 5:qd[0].qname@82+15 5:qd[0].qtype@97+2 5:qd[0].unicastresponse@99.0:1 "
        "5:qd[0].qclass@99.1:15 5:ar@101+23 5:ar[0]@101+23 5:ar[0].rrname@101+1 5:ar[0].type@102+2 "
        "5:ar[0].rclass@104+2 5:ar[0].extrcode@106+1 5:ar[0].version@107+1 5:ar[0].z@108+2 5:ar[0].rdlen@110+2 "
        "5:ar[0].rdata@112+12 5:ar[0].rdata[0]@112+12 5:ar[0].rdata[0].optcode@112+2 "
        "5:ar[0].rdata[0].optlen@114+2 5:ar[0].rdata[0].client_cookie@116+8"),
    ("rst-padded-v4.pcap", 2): (
        "eth@0+14/54 ipv4@14+20/40 tcp@34+20/20 padding@54+6/6",
        "0:dst@0+6 0:src@6+6 0:type@12+2 1:version@14.0:4 1:ihl@14.4:4 1:tos@15+1 1:tos.dscp@15.0:6 "
        "1:tos.ecn@15.6:2 1:len@16+2 1:id@18+2 1:flags@20.0:3 1:frag@20.3:13 1:ttl@22+1 1:proto@23+1 "
        "1:chksum@24+2 1:src@26+4 1:dst@30+4 2:sport@34+2 2:dport@36+2 2:seq@38+4 2:ack@42+4 2:dataofs@46.0:4 "
        "2:reserved@46.4:3 2:flags@46.7:9 2:window@48+2 2:chksum@50+2 2:urgptr@52+2 3:load@54+6"),
    ("snap-v4.pcap", 4): (
        "eth@0+14/96 ipv4@14+20/82 tcp@34+32/62 http@66+30/30",
        "0:dst@0+6 0:src@6+6 0:type@12+2 1:version@14.0:4 1:ihl@14.4:4 1:tos@15+1 1:tos.dscp@15.0:6 "
        "1:tos.ecn@15.6:2 1:len@16+2 1:id@18+2 1:flags@20.0:3 1:frag@20.3:13 1:ttl@22+1 1:proto@23+1 "
        "1:chksum@24+2 1:src@26+4 1:dst@30+4 2:sport@34+2 2:dport@36+2 2:seq@38+4 2:ack@42+4 2:dataofs@46.0:4 "
        "2:reserved@46.4:3 2:flags@46.7:9 2:window@48+2 2:chksum@50+2 2:urgptr@52+2 2:options@54+12 "
        "2:options[0]@54+1 2:options[1]@55+1 2:options[2]@56+10 3:Method@66+3 3:Path@70+1 3:Http_Version@72+8 "
        "3:line-end@80+2 3:headers[0]@82+14"),
}


def frame(name: str, n: int) -> bytes:
    return read_pcap(FIXTURES / name).frames[n - 1].data


def layout(d) -> tuple[str, list[str]]:
    layers = " ".join(f"{x.proto}@{x.offset}+{x.header_len}/{x.pdu_len}" for x in d.layers)
    fields = [f"{f.layer}:{f.path}@" + (f"{f.offset}+{f.length}" if f.bits is None else f"{f.offset}.{f.bit}:{f.bits}")
              for f in d.fields]
    return layers, fields


@pytest.mark.parametrize("case", list(EXPECTED), ids=[f"{n}#{p}" for n, p in EXPECTED])
def test_every_offset_and_length(case):
    layers, fields = layout(dissect(frame(*case), 1))
    want_layers, want_fields = EXPECTED[case]
    assert layers == want_layers
    assert fields == want_fields.split()


@pytest.mark.parametrize("case", list(EXPECTED), ids=[f"{n}#{p}" for n, p in EXPECTED])
def test_fields_tile_each_header_bit_for_bit(case):
    """A layer's own fields follow each other with no gap and no overlap, from its first bit to its last."""
    d = dissect(frame(*case), 1)
    for x in d.layers:
        own = [f for f in d.fields if f.layer == x.index and f.depth == 0]
        bit = x.offset * 8
        for f in own:
            if x.proto == "http":  # the spaces between method, target and version belong to no field
                assert f.bit_offset in (bit, bit + 8), f"{x.name}.{f.path} at bit {f.bit_offset}, not {bit}"
                bit = f.bit_offset
            assert f.bit_offset == bit, f"{x.name}.{f.path} starts at bit {f.bit_offset}, not {bit}"
            bit += f.bit_length
        size = x.pdu_len if x.proto in ("dns", "tls", "http", "data", "qpad", "padding") else x.header_len
        if x.proto == "quic":
            size = x.pdu_len
        assert bit == (x.offset + size) * 8 or not x.complete, f"{x.name} fields end at bit {bit}"


@pytest.mark.parametrize("case", list(EXPECTED), ids=[f"{n}#{p}" for n, p in EXPECTED])
def test_elements_and_options_tile_their_list(case):
    d = dissect(frame(*case), 1)
    by_path = {(f.layer, f.path): f for f in d.fields}
    for f in d.fields:
        children = [c for c in d.fields if c.layer == f.layer and c.path.startswith(f.path + "[")
                    and "." not in c.path[len(f.path):].split("]", 1)[1][:1] and c.path.endswith("]")]
        if not children:
            continue
        at = f.offset
        for c in children:
            assert c.offset == at, f"{c.path} at {c.offset}, expected {at}"
            at = c.end
        pad = by_path.get((f.layer, f.path + ".padding"))
        assert at + (pad.length if pad else 0) == f.end, f"{f.path}: elements end at {at}, the list at {f.end}"


def test_headers_say_their_own_sizes():
    """What each length field says is the size the dissection found (IHL, data offset, lengths)."""
    d = dissect(frame("http-v4.pcap", 4), 1)
    ip, tcp, http = d.layers[1], d.layers[2], d.layers[3]
    val = {(f.layer, f.path): f.value for f in d.fields}
    assert int(val[(1, "ihl")]) * 4 == ip.header_len == 20
    assert int(val[(1, "len")]) == ip.pdu_len == 124
    assert int(val[(2, "dataofs")]) * 4 == tcp.header_len == 32
    assert http.pdu_len == 72 and tcp.pdu_len - tcp.header_len == 72  # the 75 -> 141, measured: 72 -> 138
    u = dissect(frame("dns-v4.pcap", 1), 1)
    assert int({f.path: f.value for f in u.fields if f.layer == 2}["len"]) == u.layers[2].pdu_len == 62


def test_values_are_scapys_rendering():
    d = dissect(frame("tls-v6.pcap", 4), 1)
    val = {f.path: f.value for f in d.fields if f.layer == 3}
    assert val["type"] == "22 (handshake)"
    assert val["msg[0].ext[0].servernames[0].servername"] == "www.naver.com"
    q = dissect(frame("quic-v4.pcap", 1), 1)
    quic = {f.path: f for f in q.fields if f.layer == 3}
    assert quic["Reserved"].kind == quic["PacketNumberLen"].kind == "protected"  # masked on the wire
    assert quic["protected"].length == 496 and quic["DstConnID"].value == "c1929320137a12cf"
    assert [x.proto for x in q.layers] == ["eth", "ipv4", "udp", "quic", "qpad"]


def test_ports_are_numbers_everywhere():
    """scapy names ports from /etc/services; the report shows the number, the same on every machine."""
    d = dissect(frame("dns-v4.pcap", 2), 1)
    assert {f.path: f.value for f in d.fields if f.layer == 2}["sport"] == "53"


def test_icmp_error_quotes_the_packet_it_is_about():
    d = dissect(frame("icmp-v4.pcap", 2), 1)
    assert [(x.proto, x.quoted) for x in d.layers] == [
        ("eth", False), ("ipv4", False), ("icmp", False), ("ipv4", True), ("udp", True), ("dns", True)]


def test_padding_is_a_trailer_of_the_frame():
    d = dissect(frame("rst-padded-v4.pcap", 2), 1)
    assert d.trailer == 6 and d.layers[-1].proto == "padding" and d.layers[-1].offset == 54
    assert d.layers[0].pdu_len == 54  # the Ethernet header's frame, its 6 bytes of padding apart


def test_a_cut_frame_is_incomplete_not_an_error():
    d = dissect(frame("snap-v4.pcap", 4), 1)
    assert not d.problems
    assert not d.layers[1].complete  # IPv4 says 124 bytes, the capture kept 82 of them


def test_unknown_link_type_and_garbage():
    assert not supported(147)
    d = dissect(b"\x01\x02\x03", 147)
    assert d.problems == [{"code": "linktype", "linktype": 147}] and not d.layers
    for junk in (b"", b"\x00", b"\x45" * 3, b"\xff" * 200, bytes(range(256)) * 3):
        d = dissect(junk, 1)
        assert isinstance(d.layers, list)  # never raises
        d = dissect(junk, 101)
        assert isinstance(d.fields, list)


def test_hostile_lengths_do_not_break_the_walk():
    """A TCP data offset of 15 with 4 bytes of options, a DNS count of 65535: positions stay inside the frame."""
    good = bytearray(frame("http-v4.pcap", 1))
    good[46] = 0xF0 | (good[46] & 0x0F)
    d = dissect(bytes(good), 1)
    assert all(f.end <= len(good) for f in d.fields)
    dns = bytearray(frame("dns-v4.pcap", 1))
    dns[46:48] = b"\xff\xff"
    d = dissect(bytes(dns), 1)
    assert all(f.end <= len(dns) for f in d.fields)


def test_bit_pattern_is_wiresharks():
    d = dissect(frame("http-v4.pcap", 1), 1)
    by = {(f.layer, f.path): f for f in d.fields}
    raw = frame("http-v4.pcap", 1)
    assert bit_pattern(raw, by[(1, "version")]) == "0100 ...."
    assert bit_pattern(raw, by[(1, "ihl")]) == ".... 0101"
    assert bit_pattern(raw, by[(1, "flags")]) == "010. ...."
    assert bit_pattern(raw, by[(2, "flags")]) == ".... ...0 0000 0010"  # SYN
    assert bit_pattern(raw, by[(1, "ttl")]) == ""


def test_hex_rows_mark_layer_starts_and_name_fields():
    raw = frame("http-v4.pcap", 4)
    d = dissect(raw, 1)
    out = rows(raw, d.layers, d.fields, 0, len(raw), lambda f: f.path, lambda x: x.proto)
    assert out[0][0] == "0000" and out[0][1] == "02 4e 4c 00 01 00 02 4e"
    assert out[1][1] == "4c 00 00 00 08 00|45 00" and out[1][3].startswith("type, ipv4: version")
    assert out[8][1] == "f0 1b|47 45 54 20 2f 20" and out[8][2] == "..GET / "
    assert len(out) == (len(raw) + 7) // 8
