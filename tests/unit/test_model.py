"""Recordings: the JSON round trip keeps every value and type; malformed files get a clear message."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pytest

import netlab.probes
from netlab.errors import EXIT_USAGE, InputFileError
from netlab.model import Finding, Recording, Result, event, from_jsonable, to_jsonable

PROBE_NAME = "model-test-probe"
# this module plays the probe package: its events are the ones below (no model.py of its own)
PROBE = netlab.probes.ProbeSpec(name=PROBE_NAME, package=__name__)


@dataclass(frozen=True)
class Flags:
    qr: bool
    aa: bool
    rcode: str


@dataclass(frozen=True)
class Hop:
    server: str
    address: str | None
    wire: bytes
    flags: Flags
    rtt_ms: float | None = None


@event
class ModelTestQuerySent:
    t: float
    server: str
    wire: bytes
    qtypes: tuple[str, ...] = ()
    attempt: int = 1


@event
class ModelTestResponseReceived:
    t: float
    wire: bytes | None
    pair: tuple[int, str]
    hops: list[Hop] = field(default_factory=list)
    by_server: dict[str, bytes] = field(default_factory=dict)
    extra: Any = None


@pytest.fixture(autouse=True)
def probe_registered(monkeypatch):
    """Recording.from_json imports the probe's module to register its events: point at this one."""
    monkeypatch.setitem(netlab.probes.PROBES, PROBE_NAME, __name__)


def sample_recording() -> Recording:
    hop = Hop("a.root-servers.net", "198.18.0.1", b"\x00\x01\xff", Flags(True, False, "NOERROR"), 40.5)
    rec = Recording(probe=PROBE_NAME, params={"name": "www.naver.com", "types": ["A", "AAAA"], "n": 3},
                    environment={"sandbox": "default", "uid": 0}, started_at="2026-11-22T03:00:00+00:00",
                    netlab_version="0.1.0", artifacts={"pcap": "run.pcap"})
    rec.add(ModelTestQuerySent(t=0.0, server="198.18.0.1", wire=bytes(range(256)), qtypes=("A", "AAAA")))
    rec.add(ModelTestResponseReceived(
        t=0.0405, wire=None, pair=(7, "seven"),
        hops=[hop, Hop("ns1.naver.com", None, b"", Flags(True, True, "NXDOMAIN"))],
        by_server={"198.18.0.1": b"\x12\x34", "2001:db8::1": b""}, extra={"free": ["form", 1]},
    ))
    return rec


def test_round_trip_keeps_values_and_types(tmp_path):
    rec = sample_recording()
    path = tmp_path / "r.json"
    path.write_text(rec.dumps(), encoding="utf-8")
    back = Recording.load(str(path))
    assert back == rec  # dataclass equality: bytes, tuples, nested dataclasses, None, floats
    q, r = back.events
    assert isinstance(q.wire, bytes) and q.wire == bytes(range(256))
    assert isinstance(q.qtypes, tuple)
    assert isinstance(r.pair, tuple) and r.pair == (7, "seven")
    assert isinstance(r.hops[0], Hop) and isinstance(r.hops[0].flags, Flags)
    assert r.hops[1].address is None and r.hops[1].rtt_ms is None
    assert r.by_server["198.18.0.1"] == b"\x12\x34"
    assert back.of_type(ModelTestQuerySent) == [q]
    # and a second trip gives the same text, byte for byte
    assert back.dumps() == rec.dumps()


def test_json_form_is_plain_and_readable():
    data = json.loads(sample_recording().dumps())
    assert data["format"] == "netlab-recording" and data["version"] == 1
    ev = data["events"][1]
    assert ev["type"] == "ModelTestResponseReceived"
    assert ev["hops"][0]["wire"] == "AAH/"  # base64
    assert ev["hops"][0]["flags"] == {"qr": True, "aa": False, "rcode": "NOERROR"}
    assert ev["pair"] == [7, "seven"]


def test_int_where_float_expected_becomes_float():
    data = json.loads(sample_recording().dumps())
    data["events"][0]["t"] = 2
    rec = Recording.from_json(data)
    assert rec.events[0].t == 2.0 and isinstance(rec.events[0].t, float)


def test_results_and_findings_encode():
    @dataclass
    class R(Result):
        hops: list[Hop] = field(default_factory=list)

    r = R(findings=[Finding("x.y", "warning", "m", concepts=("net.ports",))],
          hops=[Hop("s", "198.18.0.1", b"\x01", Flags(True, True, "NOERROR"))])
    j = r.to_json()
    assert j["findings"][0]["concepts"] == ["net.ports"]
    assert j["hops"][0]["wire"] == "AQ=="
    assert r.max_severity() == "warning"
    back = from_jsonable(Hop, to_jsonable(r.hops[0]))
    assert back == r.hops[0]
    with pytest.raises(ValueError):
        Finding("x.y", "fatal", "m")


# --------------------------------------------------------------------------------------------
# Malformed recordings
# --------------------------------------------------------------------------------------------


def _load_text(tmp_path, text: str) -> InputFileError:
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputFileError) as info:
        Recording.load(str(path))
    err = info.value
    assert err.exit_code == EXIT_USAGE
    assert str(path) in err.message, "the message names the file"
    assert "\n" not in err.message, "one line"
    return err


def _mutated(mutate) -> str:
    data = json.loads(sample_recording().dumps())
    mutate(data)
    return json.dumps(data)


def test_not_json(tmp_path):
    err = _load_text(tmp_path, '{"format": "netlab-recording",\n  oops')
    assert "not valid JSON (line 2" in err.message


def test_missing_file(tmp_path):
    with pytest.raises(InputFileError, match="cannot read .*nope.json"):
        Recording.load(str(tmp_path / "nope.json"))


@pytest.mark.parametrize("text", ['{"format": "pcap"}', "[1, 2]", '"netlab-recording"', "{}"])
def test_wrong_format(tmp_path, text):
    err = _load_text(tmp_path, text)
    assert "not a netlab recording" in err.message


def test_newer_version(tmp_path):
    err = _load_text(tmp_path, _mutated(lambda d: d.update(version=99)))
    assert "version 99 is newer than this netlab understands (1)" in err.message
    assert err.hint == "upgrade netlab"


def test_version_not_an_integer(tmp_path):
    err = _load_text(tmp_path, _mutated(lambda d: d.update(version="1")))
    assert 'no integer "version"' in err.message


def test_unknown_probe(tmp_path):
    err = _load_text(tmp_path, _mutated(lambda d: d.update(probe="ping")))
    assert "unknown probe 'ping'" in err.message


def test_unknown_event_type(tmp_path):
    err = _load_text(tmp_path, _mutated(lambda d: d["events"][1].update(type="PacketTeleported")))
    assert "event #1 has unknown type 'PacketTeleported'" in err.message


def test_event_without_type(tmp_path):
    err = _load_text(tmp_path, _mutated(lambda d: d["events"][0].pop("type")))
    assert 'event #0 has no "type"' in err.message


@pytest.mark.parametrize("where", ["top", "optional", "nested"])
def test_bad_base64(tmp_path, where):
    def mutate(d):
        if where == "top":
            d["events"][0]["wire"] = "not base64!"
        elif where == "optional":
            d["events"][1]["wire"] = "not base64!"
        else:
            d["events"][1]["hops"][0]["wire"] = "@@@"

    err = _load_text(tmp_path, _mutated(mutate))
    assert "is malformed" in err.message
    assert "event #" in err.message


@pytest.mark.parametrize(
    "mutate, expect",
    [
        (lambda d: d["events"][0].update(server=53), "event #0 (ModelTestQuerySent) is malformed: expected str"),
        (lambda d: d["events"][0].update(t="soon"), "event #0 (ModelTestQuerySent) is malformed: expected a number"),
        (lambda d: d["events"][0].update(qtypes="A"), "expected a list"),
        (lambda d: d["events"][1].update(hops=[5]), "expected an object"),
        (lambda d: d["events"][1].update(by_server=[]), "expected an object"),
        (lambda d: d["events"][0].pop("server"), "missing 1 required positional argument: 'server'"),
        (lambda d: d.update(events={}), '"events" must be a list'),
        (lambda d: d.update(params=[]), "must be objects"),
        (lambda d: d.update(artifacts="run.pcap"), "must be objects"),
        (lambda d: d.update(probe=""), "names no probe"),
    ],
)
def test_wrong_types(tmp_path, mutate, expect):
    err = _load_text(tmp_path, _mutated(mutate))
    assert expect in err.message


def _module_with_event(name: str, monkeypatch) -> type:
    import sys
    import types

    mod = types.ModuleType(name)
    monkeypatch.setitem(sys.modules, name, mod)
    exec("from netlab.model import event\n@event\nclass ModelTestQuerySent:\n    t: float\n", mod.__dict__)
    return mod.ModelTestQuerySent


def test_event_names_must_be_unique_within_a_probe(monkeypatch):
    _module_with_event("netlab.probes.fake_probe_x.model", monkeypatch)
    with pytest.raises(TypeError, match="registered twice"):
        # another module of the same probe package defines an event of the same name
        _module_with_event("netlab.probes.fake_probe_x.other", monkeypatch)


def test_two_probes_may_use_the_same_event_name(monkeypatch):
    """tcp-handshake and path both record a TargetResolved: each Recording decodes its own."""
    from netlab.model import event_scope, event_type

    other = _module_with_event("netlab.probes.some_other_probe.model", monkeypatch)
    assert event_type(event_scope(ModelTestQuerySent.__module__), "ModelTestQuerySent") is ModelTestQuerySent
    assert event_type("netlab.probes.some_other_probe", "ModelTestQuerySent") is other
