"""http-compare: congestion control named on both sides, the loss comparison judged with it (pure),
and the sandbox's sysctl mechanism behind --server-cc (its checks; the round trip is an integration test).

Fixtures (tests/fixtures/http/), a client 25 ms each way from Caddy, 2 % loss each way (--loss 2),
20 small requests (the 398-byte index page again), 5 runs, HTTP/2 and HTTP/3:
- loss-2pct-reno.json  --server-cc reno: Reno on TCP, quic-go's NewReno on QUIC (the same kind)
- loss-2pct-bbr.json   the web host's default BBR against NewReno (different kinds)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from netlab.errors import SandboxError
from netlab.model import Recording
from netlab.probes.http_compare import cc
from netlab.probes.http_compare.analyze import analyze
from netlab.sandbox import sysctl
from netlab.sandbox.context import SandboxInfo

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "http"


def load(name: str):
    return analyze(Recording.load(str(FIX / f"{name}.json")))


def finding(res, code):
    return next((f for f in res.findings if f.code == code), None)


def test_every_side_is_named_with_its_kind():
    res = load("loss-2pct-bbr")
    c = res.congestion
    assert (c["tcp_server"]["algorithm"], c["tcp_server"]["family"], c["tcp_server"]["how"]) == ("bbr", "model", "namespace")
    assert c["tcp_server"]["host"] == "web-naver"
    q = c["quic_server"]
    assert (q["algorithm"], q["family"], q["implementation"], q["how"]) == ("newreno", "loss", "quic-go (Caddy)",
                                                                          "server-header")
    assert "use Reno" in q["source"] and q["server"] == "Caddy"
    assert c["tcp_client"]["how"] == "kernel" and c["quic_client"]["algorithm"] == "newreno"
    f = finding(res, "http.congestion-control")
    assert "BBR, model-based" in f.message and "NewReno, loss-based" in f.message
    assert "BBR, 모델 기반" in f.message_ko and "NewReno, 손실 기반" in f.message_ko


def test_a_loss_comparison_that_mixes_kinds_is_a_warning_and_the_verdict_says_which_way_it_cuts():
    res = load("loss-2pct-bbr")
    w = finding(res, "http.cc-mismatch")
    assert w.severity == "warning" and "--server-cc reno" in w.message
    f = finding(res, "http.hol-blocking")
    wf = {w.mode: w for w in res.waterfalls}
    assert "5 run(s)" in f.message and "TCP: BBR, model-based" in f.message and "QUIC: NewReno, loss-based" in f.message
    if wf["h3"].completion_p90 < wf["h2"].completion_p90:  # what this recording shows
        assert "HTTP/3 is ahead even though the other server's congestion control has the advantage" in f.message
    assert finding(res, "http.few-repeats") is None


def test_with_the_same_kind_on_both_servers_the_verdict_is_about_the_protocols():
    res = load("loss-2pct-reno")
    assert res.congestion["tcp_server"]["how"] == "set" and res.congestion["tcp_server"]["previous"] == "bbr"
    assert res.congestion["tcp_server"]["restored"] == "bbr"
    assert finding(res, "http.cc-mismatch") is None
    f = finding(res, "http.hol-blocking")
    wf = {w.mode: w for w in res.waterfalls}
    assert wf["h3"].completion_p90 < wf["h2"].completion_p90  # what this recording shows
    assert "with the same kind of congestion control on both sides, HTTP/3 is ahead" in f.message
    assert "양쪽 혼잡 제어가 같은 종류일 때 HTTP/3가 앞섬" in f.message_ko


def test_few_repeats_under_loss_are_a_warning():
    res = load("hol-2pct-loss")  # 2 runs
    assert finding(res, "http.few-repeats").severity == "warning"


@pytest.mark.parametrize("algo,family", [("reno", "loss"), ("cubic", "loss"), ("newreno", "loss"), ("bbr", "model"),
                                         ("something", None), (None, None)])
def test_families(algo, family):
    assert cc.family(algo) == family


def test_the_quic_server_is_named_only_when_known():
    assert cc.quic_server("Caddy", None)["algorithm"] == "newreno"
    assert cc.quic_server(None, ["caddy"])["how"] == "sandbox-service"
    unknown = cc.quic_server("nginx/1.25", None)
    assert unknown["algorithm"] is None and unknown["how"] == "unknown"
    assert cc.suggestion({"quic_server": {"algorithm": "newreno"}}) == "reno"
    assert cc.tcp_server(None, live=True)["how"] == "live"


# ---------------------------------------------------------------------- netlab.sandbox.sysctl's checks


@pytest.mark.parametrize("key", ["kernel.hostname", "net", "net.ipv4", "../etc/passwd", "net.ipv4.tcp_x/../y",
                                 "net.ipv4.tcp congestion", 5])
def test_only_per_namespace_net_keys(key):
    with pytest.raises(ValueError):
        sysctl.check_key(key)


@pytest.mark.parametrize("value", ["", "reno\nbbr", "a" * 65, "$(id)", "x;y", None])
def test_values_are_one_short_word(value):
    with pytest.raises(ValueError):
        sysctl.check_value(value)


def test_hosts_are_names_of_the_sandbox():
    info = SandboxInfo(name="t", hosts={"client": {}, "web-naver": {}}, state_dir="/nonexistent")
    with pytest.raises(SandboxError, match="no host"):
        sysctl.read(info, "../../proc", "net.ipv4.tcp_congestion_control")
    with pytest.raises(SandboxError, match="no host"):
        sysctl.read(info, "db", "net.ipv4.tcp_congestion_control")


def test_outside_a_sandbox_host_nothing_is_entered(monkeypatch):
    """No NETLAB_SANDBOX_INFO, or a process whose netns is none of the sandbox's: never setns here."""
    info = SandboxInfo(name="t", hosts={"client": {}}, client="client")
    monkeypatch.delenv("NETLAB_SANDBOX_INFO", raising=False)
    assert not sysctl.inside(info)
    monkeypatch.setenv("NETLAB_SANDBOX_INFO", "/nonexistent/info.json")
    assert not sysctl.inside(info)  # this test's netns is not /run/netns/client of a sandbox


def test_a_change_left_by_a_dead_process_is_put_back(tmp_path, monkeypatch):
    """The journal: an entry whose process is gone is restored (here: the write is recorded) and removed."""
    info = SandboxInfo(name="t", hosts={"web": {}}, state_dir=str(tmp_path))
    (tmp_path / sysctl.JOURNAL).write_text('[{"host": "web", "key": "net.ipv4.tcp_congestion_control", '
                                           '"previous": "bbr", "value": "reno", "pid": 999999999}]')
    writes = []
    monkeypatch.setattr(sysctl, "_do_write", lambda i, h, k, v: writes.append((h, k, v)))
    monkeypatch.setattr(sysctl, "_do_read", lambda i, h, k: "bbr")
    restore = sysctl.write(info, "web", "net.ipv4.tcp_congestion_control", "reno")
    assert writes == [("web", "net.ipv4.tcp_congestion_control", "bbr"), ("web", "net.ipv4.tcp_congestion_control", "reno")]
    import json
    import os

    held = json.loads((tmp_path / sysctl.JOURNAL).read_text())
    assert [(e["value"], e["pid"]) for e in held] == [("reno", os.getpid())]
    with pytest.raises(SandboxError, match="another run"):
        sysctl.write(info, "web", "net.ipv4.tcp_congestion_control", "bbr")
    assert restore() == "bbr" and restore() == "bbr"  # once
    assert writes[-1] == ("web", "net.ipv4.tcp_congestion_control", "bbr") and len(writes) == 3
    assert json.loads((tmp_path / sysctl.JOURNAL).read_text()) == []
