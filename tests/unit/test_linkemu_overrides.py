"""Runtime link overrides of the userspace relay: parsing and applying them (pure, no sockets)."""

import json

import pytest

from netlab.sandbox.contract import StateFiles
from netlab.sandbox.linkemu import Direction, LinkPair, Relay, apply_overrides, parse_overrides


def pairs():
    return [
        LinkPair("client/eth0", "a", "b", Direction("c up", delay_ms=10, loss_pct=10),
                 Direction("c down", delay_ms=10)),
        LinkPair("client/eth1", "a", "b", Direction("c1 up"), Direction("c1 down")),
        LinkPair("web/eth0", "a", "b", Direction("w up", delay_ms=5), Direction("w down", delay_ms=5)),
    ]


def test_host_key_covers_all_its_pairs_and_adds_to_the_scenario():
    ps = pairs()
    spec = {"delay_ms": 25, "loss_pct": 50}
    apply_overrides(ps, parse_overrides({"links": {"client": {"up": spec, "down": {"delay_ms": 25}}}},
                                        [p.name for p in ps]))
    c0, c1, w = ps
    assert c0.up.delay == pytest.approx(0.035) and c0.down.delay == pytest.approx(0.035)
    assert c0.up.loss == pytest.approx(1 - 0.9 * 0.5)  # independent chances of loss
    assert c0.down.loss == 0
    assert c1.up.delay == pytest.approx(0.025) and c1.up.loss == pytest.approx(0.5)
    assert w.up.delay == pytest.approx(0.005)  # untouched
    # admit() uses the new delay
    assert c1.down.admit(b"\0" * 60, 100.0) == pytest.approx(100.025)


def test_empty_overrides_restore_the_scenario():
    ps = pairs()
    names = [p.name for p in ps]
    apply_overrides(ps, parse_overrides({"links": {"client/eth0": {"up": {"delay_ms": 40}}}}, names))
    assert ps[0].up.delay == pytest.approx(0.05)
    apply_overrides(ps, parse_overrides({"links": {}}, names))
    assert ps[0].up.delay == pytest.approx(0.01) and ps[0].up.loss == pytest.approx(0.1)


@pytest.mark.parametrize("links", [
    {"nosuch": {"up": {"delay_ms": 1}}},
    {"client": {"sideways": {"delay_ms": 1}}},
    {"client": {"up": {"jitter_ms": 1}}},  # jitter is the scenario's only
    {"client": {"up": {"delay_ms": "1"}}},
    {"client": {"up": {"delay_ms": -1}}},
    {"client": {"up": {"loss_pct": 101}}},
    "x",
])
def test_malformed_overrides_are_refused(links):
    with pytest.raises(ValueError):
        parse_overrides({"links": links}, [p.name for p in pairs()])


def test_relay_applies_the_file_and_acknowledges(tmp_path):
    relay = Relay.__new__(Relay)  # no sockets: only the overrides logic
    relay.pairs = pairs()
    files = StateFiles(tmp_path)  # the names the supervisor gives the relay
    path, ack = files.link_overrides, files.link_overrides_ack
    relay.overrides_path, relay.ack_path = str(path), str(ack)
    relay.overrides_seen = False
    relay.check_overrides()  # no file: the scenario's settings
    a = json.loads(ack.read_text())
    assert (a["generation"], a["error"], a["fired"]) == (None, None, [])
    path.write_text(json.dumps({"generation": 7, "links": {"client": {"up": {"delay_ms": 25}}}}))
    relay.check_overrides()
    a = json.loads(ack.read_text())
    assert (a["generation"], a["error"]) == (7, None)
    assert a["effective"]["client/eth0"]["up"]["delay_ms"] == pytest.approx(35)
    assert relay.pairs[0].up.delay == pytest.approx(0.035)
    path.write_text(json.dumps({"generation": 8, "links": {"bad": {}}}))
    relay.check_overrides()
    a = json.loads(ack.read_text())
    assert a["generation"] == 8 and "bad" in a["error"]
    assert relay.pairs[0].up.delay == pytest.approx(0.035)  # a refused change leaves the links alone
    path.unlink()
    relay.check_overrides()
    assert relay.pairs[0].up.delay == pytest.approx(0.01)
