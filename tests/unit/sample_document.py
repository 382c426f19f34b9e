"""A sample Document (and Result, Recording) covering every block type, for the renderer tests.

It reads like a small dns-trace so that the golden files double as a picture of what students see:
nested sections, key/value pairs, a table, a timeline with a nested sub-trace, a sequence diagram,
text, a verbose-only block, findings of each severity (with concept ids, one unknown) and
Korean text for the width checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from netlab.model import Finding, Recording, Result
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
)

STARTED_AT = "2026-11-22T03:00:00+00:00"


@dataclass
class SampleHop:
    zone: str
    server: str
    address: str
    transport: str
    rtt_ms: float | None
    rcode: str
    flags: tuple[str, ...] = ()
    outcome: str = ""


@dataclass
class SampleResult(Result):
    probe = "sample"
    name: str = ""
    answer: list[dict] = field(default_factory=list)
    hops: list[SampleHop] = field(default_factory=list)
    wire: bytes = b""


FINDINGS = [
    Finding(
        code="sample.glue-ignored",
        severity="warning",
        message="com. sent an address for ns1.other.example that it has no authority over; it was ignored.",
        message_ko="com. 서버가 권한 밖의 이름 ns1.other.example 의 주소를 보냈고, 무시했습니다.",
        concepts=("net.latency-vs-rtt",),
        detail="out-of-bailiwick additional record: ns1.other.example. A 198.18.9.9",
    ),
    Finding(
        code="sample.cname",
        severity="info",
        message="www.naver.com is an alias (CNAME) of www.naver.com.nheos.com in another zone.",
        message_ko="www.naver.com 은 다른 영역에 있는 www.naver.com.nheos.com 의 별칭(CNAME)입니다.",
        concepts=("net.layers-encapsulation", "no.such-note"),
    ),
    Finding(
        code="sample.server-timeout",
        severity="error",
        message="ns2.naver.com (198.18.3.2) never answered: 2 attempts timed out after 2000 ms.",
        concepts=("net.timeout", "net.latency-vs-rtt"),
    ),
]


def sample_result() -> SampleResult:
    return SampleResult(
        findings=list(FINDINGS),
        name="www.naver.com",
        answer=[
            {"name": "www.naver.com.", "type": "CNAME", "ttl": 300, "data": "www.naver.com.nheos.com."},
            {"name": "www.naver.com.nheos.com.", "type": "A", "ttl": 60, "data": "198.18.4.10"},
        ],
        hops=[
            SampleHop(".", "a.root-servers.net", "198.18.0.1", "udp", 40.52, "NOERROR", (), "referral"),
            SampleHop("com.", "a.gtld-servers.net", "198.18.1.1", "udp", 30.1, "NOERROR", (), "referral"),
            SampleHop("naver.com.", "ns1.naver.com", "198.18.3.1", "udp", 10.25, "NOERROR", ("aa",), "cname"),
        ],
        wire=b"\x12\x34\x81\x80",
    )


def sample_recording() -> Recording:
    return Recording(probe="dns-trace", params={"name": "www.naver.com", "type": "A"},
                     environment={"sandbox": "default"}, started_at=STARTED_AT, netlab_version="0.1.0")


def sample_document(lang: str = "en") -> Document:
    ko = lang == "ko"
    timeline = Timeline(
        title="타임라인" if ko else "Hop by hop",
        entries=[
            TimelineEntry("asked a.root-servers.net (198.18.0.1) for www.naver.com A", 0.0, 40.52,
                          detail="referral to com. (3 name servers, 3 glue addresses)"),
            TimelineEntry("asked a.gtld-servers.net (198.18.1.1)", 40.9, 30.1,
                          detail="referral to naver.com. (2 name servers, no glue)", status="info"),
            TimelineEntry("resolving ns1.naver.com on its own (no glue)", 71.2, 80.4, status="warning"),
            TimelineEntry("asked a.root-servers.net", 71.3, 40.1, depth=1),
            TimelineEntry("asked a.gtld-servers.net", 111.5, 30.0, depth=1),
            TimelineEntry("ns1.naver.com is 198.18.3.1", 141.6, None, depth=2, status="muted"),
            TimelineEntry("asked ns2.naver.com (198.18.3.2): no answer", 151.7, 2000.0, depth=1,
                          status="error", detail="timed out twice"),
            TimelineEntry("asked ns1.naver.com (198.18.3.1)" if not ko else "ns1.naver.com 에 질의 (198.18.3.1)",
                          2152.0, 10.25, detail="CNAME www.naver.com.nheos.com (AA)"),
            TimelineEntry("answer: 198.18.4.10" if not ko else "응답: 198.18.4.10", 2162.3),
        ],
    )
    sequence = Sequence(
        title="시퀀스" if ko else "Messages",
        participants=["client", "root", "com." if not ko else "com. 서버", "naver.com"],
        messages=[
            SeqMessage("client", "root", "query www.naver.com A", 0.0),
            SeqMessage("root", "client", "referral: com.", 40.52, note="3 NS + glue"),
            SeqMessage("client", "com." if not ko else "com. 서버", "query www.naver.com A", 40.9),
            SeqMessage("com." if not ko else "com. 서버", "client", "referral: naver.com." if not ko else "위임: naver.com.",
                       71.0, note="no glue: the name servers must be resolved first", status="warning"),
            SeqMessage("client", "naver.com", "query (ns2)", 151.7, status="error", note="lost"),
            SeqMessage("client", "naver.com", "query www.naver.com A", 2152.0),
            SeqMessage("naver.com", "client", "CNAME www.naver.com.nheos.com (AA)", 2162.2),
            SeqMessage("client", "client", "follow the CNAME", 2162.3),
        ],
    )
    return Document(
        title="DNS trace: www.naver.com (A)" if not ko else "DNS 추적: www.naver.com (A)",
        probe="dns-trace",
        summary=(
            "www.naver.com resolved to 198.18.4.10 in 2162 ms after 6 queries, following one CNAME."
            if not ko else
            "www.naver.com 은 질의 6번, 2162 ms 만에 198.18.4.10 으로 풀렸고, CNAME 하나를 따라갔습니다."
        ),
        lang=lang,
        blocks=[
            KeyValues(
                items=[
                    ("name" if not ko else "이름", "www.naver.com"),
                    ("type" if not ko else "유형", "A"),
                    ("root hints" if not ko else "루트 힌트", "a.root-servers.net, b.root-servers.net, c.root-servers.net"),
                    ("transport" if not ko else "전송 계층", "UDP, TCP after truncation"),
                ],
            ),
            Section(
                title="What happened" if not ko else "일어난 일",
                blocks=[
                    timeline,
                    sequence,
                    Text("The trace asked each zone's servers in turn, from the root down."
                         if not ko else "루트부터 차례로 각 영역의 서버에 물었습니다."),
                ],
            ),
            Section(
                title="Servers" if not ko else "서버",
                blocks=[
                    Table(
                        title="Each hop" if not ko else "홉별 정보",
                        columns=["zone", "server", "address", "RTT", "rcode", "outcome"]
                        if not ko else ["영역", "서버", "주소", "RTT", "rcode", "결과"],
                        rows=[
                            [".", "a.root-servers.net", "198.18.0.1", "40.5 ms", "NOERROR", "referral"],
                            ["com.", "a.gtld-servers.net", "198.18.1.1", "30.1 ms", "NOERROR", "referral"],
                            ["naver.com.", "ns2.naver.com", "198.18.3.2", "-", "-",
                             "timeout" if not ko else "시간 초과"],
                            ["naver.com.", "ns1.naver.com", "198.18.3.1", "10.3 ms", "NOERROR",
                             "CNAME | AA" if not ko else "별칭(CNAME), 권한 있음"],
                        ],
                    ),
                    Section(
                        title="Raw details" if not ko else "원자료",
                        blocks=[
                            KeyValues(title="EDNS", items=[("udp size", "1232"), ("DO bit", "off")]),
                        ],
                    ),
                    Text("Wire bytes of the last response: 12 34 81 80 ...", verbose=True),
                ],
            ),
            Section(title="Only with -v", verbose=True, blocks=[Text("hidden section body")]),
        ],
        findings=list(FINDINGS),
    )
