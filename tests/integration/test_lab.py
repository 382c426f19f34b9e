"""netlab lab in the sandbox: two students' variants of every lab come up and differ (seen with an
independent client: dig, the sandbox's own status), and a scripted model student who runs the
worksheet's commands and fills answers.md from the evidence passes `lab check`.

Each lab sandbox is brought up by `netlab lab start` and brought down by `netlab lab stop` here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "lab"))
from model_student import LABS, Student  # noqa: E402

pytestmark = pytest.mark.integration

STUDENTS = ("s1", "s2")


def _skip_reason() -> str | None:
    from netlab.sandbox import control

    for tool, pkg in control.TOOLS.items():
        if not control.which(tool):
            return f"sandbox needs '{tool}' (apt-get install {pkg})"
    problem = control.userns_problem()
    return f"not root, and {problem}" if problem else None


@pytest.fixture
def students(tmp_path):
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    started: list[Student] = []

    def start(lab: int, student: str) -> Student:
        st = Student(lab, student, tmp_path / f"{lab:02d}-{student}")
        st.work.mkdir()
        proc = st.netlab("lab", "start", str(lab), "--student", student, "--dir", str(st.work), timeout=120)
        started.append(st)
        assert proc.returncode == 0, proc.stderr
        assert f"S={st.sandbox}" in proc.stdout
        return st

    try:
        yield start
    finally:
        for st in started:
            st.netlab("lab", "stop", str(st.lab), "--dir", str(st.work))


def _cname(st: Student) -> str:
    out = st.exec("dig", "+short", "www.naver.com")  # through the sandbox's resolver
    return out.split()[0].rstrip(".")


def test_lab01_two_students_get_different_sandboxes_and_both_pass(students):
    a, b = students(1, "s1"), students(1, "s2")
    from netlab.lab import load

    lab = load(1)
    for st in (a, b):
        assert _cname(st) == lab.variant(st.student).params["cname_target"]
    rtt = [{h["name"]: h["rtt_ms"] for h in st.status()["hosts"]} for st in (a, b)]
    assert rtt[0] != rtt[1]
    for st in (a, b):
        run, answers = LABS[1]
        run(st)
        st.write_answers(answers(st))
        check = st.netlab("lab", "check", "1", "--dir", str(st.work), "--json")
        report = json.loads(check.stdout)
        failed = [(o["key"], o["reason"]["en"]) for o in report["outcomes"] if o["status"] in ("fail", "missing")]
        assert check.returncode == 0 and not failed, failed
    # a's answers are not b's: checked against b's evidence and variant, some fail
    (b.work / "answers.md").write_text((a.work / "answers.md").read_text().replace("student: s1", "student: s2"))
    copied = b.netlab("lab", "check", "1", "--dir", str(b.work))
    assert copied.returncode == 1 and "FAIL" in copied.stdout


def test_lab03_two_students_get_different_ports_and_both_pass(students):
    from netlab.lab import load

    lab = load(3)
    ids = next((x, y) for x in ("s1", "s2", "s3") for y in ("s4", "s5", "s6")
               if lab.variant(x).params["filtered"] != lab.variant(y).params["filtered"])
    sts = [students(3, sid) for sid in ids]
    for st in sts:
        filtered = lab.variant(st.student).params["filtered"]
        # independent client: curl gets a refusal on the closed port (exit 7), silence on the filtered one (28)
        codes = {port: st.exec("sh", "-c", f"curl -s -o /dev/null --max-time 2 http://tcp.lab.test:{port}/; "
                                           "echo rc=$?").split("rc=")[-1].strip() for port in (81, 82)}
        assert codes == {filtered: "28", 163 - filtered: "7"}
        run, answers = LABS[3]
        run(st)
        st.write_answers(answers(st))
        check = st.netlab("lab", "check", "3", "--dir", str(st.work), "--lang", "ko")
        assert check.returncode == 0, check.stdout
        assert "자동 채점 답이 모두 통과했습니다." in check.stdout


def test_lab08_two_students_get_different_hosts_files_and_both_pass(students):
    """Lab 08 (journey): the hosts-file address and the delays differ (seen with getent and the sandbox's
    own status), and the model student passes in both, whichever address /etc/hosts gives."""
    from netlab.lab import load

    lab = load(8)
    ids = next((x, y) for x in ("s1", "s2", "s3") for y in ("s4", "s5", "s6", "s2")
               if x != y and lab.variant(x).params["hosts_addr"] != lab.variant(y).params["hosts_addr"])
    sts = [students(8, sid) for sid in ids]
    seen = []
    for st in sts:
        want = lab.variant(st.student).params["hosts_addr"]
        assert st.exec("getent", "hosts", "intranet.lab.test").split()[0] == want  # glibc, as the journey reads it
        seen.append(tuple(h["rtt_ms"] for h in st.status()["hosts"] if h["name"] in ("web-naver", "resolver",
                                                                                         "web-pstatic")))
        run, answers = LABS[8]
        run(st)
        st.write_answers(answers(st))
        check = st.netlab("lab", "check", "8", "--dir", str(st.work), "--json")
        report = json.loads(check.stdout)
        failed = [(o["key"], o["reason"]["en"]) for o in report["outcomes"] if o["status"] in ("fail", "missing")]
        assert check.returncode == 0 and not failed, failed
    assert seen[0] != seen[1]
    a, b = sts
    (b.work / "answers.md").write_text((a.work / "answers.md").read_text().replace(f"student: {a.student}",
                                                                                   f"student: {b.student}"))
    copied = b.netlab("lab", "check", "8", "--dir", str(b.work))
    assert copied.returncode == 1 and "O8.address" in copied.stdout and "FAIL" in copied.stdout


# ------------------------------------------------------------------ every other lab, two students each
#
# Each entry: what of the variant an independent client can see (a value computed from the variant's
# parameters, so the two students are chosen where it differs), and the check that the running
# sandbox shows it, with that client, returning the value it saw.


def _ping_min_ms(st: Student, host: str) -> float:
    """ping's own minimum RTT from the student's client to `host` (iputils, not netlab)."""
    out = st.exec("ping", "-n", "-c", "4", "-i", "0.2", "-W", "2", host)
    return float(out.rsplit("=", 1)[1].split("/")[0])


def _rtt(host: str, fqdn: str):
    """The variant's RTT to `host` (from the variant's own scenario, not the running sandbox) is what
    ping measures to `fqdn`: at least the emulated delay, and not much more."""
    def want(lab, p: dict) -> float:
        return lab.build(p).rtt_ms(host)

    def seen(lab, st: Student) -> float:
        expect = want(lab, lab.variant(st.student).params)
        got = _ping_min_ms(st, fqdn)
        assert expect <= got + 0.3 and got < expect + 5, (host, expect, got)
        return expect
    return want, seen


APP_RTT = _rtt("app", "app.lab.test")


def _session_ttl(lab, st: Student) -> tuple:
    """curl logs in: sid's Max-Age in the Set-Cookie header is the variant's login lifetime (and ping the RTT)."""
    script = ('CA=$(dirname "$NETLAB_SANDBOX_INFO")/pki/root.pem; curl -s --cacert "$CA" -D - -o /dev/null '
              '-d user=student -d password=netlab https://app.lab.test/login')
    headers = st.exec("sh", "-c", script)
    cookie = next(line for line in headers.splitlines() if line.lower().startswith("set-cookie: sid="))
    max_age = int(next(a.split("=", 1)[1] for a in cookie.split(";") if a.strip().lower().startswith("max-age")))
    return APP_RTT[1](lab, st), max_age


def _heartbeat(lab, st: Student) -> tuple:
    """The heartbeat server's own command line in the app host (ps) has the variant's ping period."""
    args = st.exec_on("app", "ps", "-ww", "-eo", "args")  # -ww: whole lines, not a terminal's width
    line = next(x for x in args.splitlines() if "appserver" in x and "--ping-interval" in x
                and f"/{st.sandbox}/" in x)  # this sandbox's own (ps sees every process of the machine)
    return APP_RTT[1](lab, st), float(line.split("--ping-interval", 1)[1].split()[0])


def _txt_parts(lab, st: Student) -> int:
    out = st.exec("dig", "+short", "+tcp", "TXT", "bigtxt.lab.test")
    return len([line for line in out.splitlines() if "Part " in line])


def _backbone_mtu(lab, st: Student) -> int:
    """The largest IPv4 DF ping that passes to far.lab.test: the backbone's MTU (by iputils' ping)."""
    mtu = lab.variant(st.student).params["backbone_mtu"]

    def passes(size: int) -> bool:
        return st.netlab("sandbox", "exec", "--name", st.sandbox, "--", "ping", "-4", "-n", "-c", "1", "-W", "2", "-M",
                         "do", "-s", str(size - 28), "far.lab.test").returncode == 0
    assert passes(mtu) and not passes(mtu + 1), mtu
    return mtu


def _haproxy_weights(lab, st: Student) -> tuple:
    """HAProxy's own statistics (the CSV of its stats page): the weights of the weighted pool."""
    csv = st.exec("curl", "-s", "http://lb1.lb.test:8404/stats;csv")
    weights = {cols[1]: int(cols[18]) for cols in (line.split(",") for line in csv.splitlines())
               if len(cols) > 18 and cols[0] == "http_weighted" and cols[1].startswith("web")}
    return tuple(weights[b] for b in ("web1", "web2", "web3", "web4"))


def _nat(lab, st: Student) -> tuple:
    """nat-port's conntrack UDP timeout (sysctl in the router), the hairpin rule (nft's own listing)
    and the carrier NAT's mapping (coturn's turnutils_natdiscovery from behind it)."""
    timeout = int(st.exec_on("nat-port", "sysctl", "-n", "net.netfilter.nf_conntrack_udp_timeout"))
    hairpin = tuple("ct status dnat snat" in st.exec_on(r, "nft", "list", "table", "ip", "netlab_nat")
                    for r in ("nat-addr", "nat-sym", "nat-adm"))
    disc = st.exec_on("c-cgnat", "turnutils_natdiscovery", "-m", "-f", "198.18.60.10")
    line = next(x for x in disc.splitlines() if "NAT with" in x and "mapping" in x.lower()).lower()
    mapping = ("address-and-port-dependent" if "address and port dependent" in line else
               "address-dependent" if "address dependent" in line else
               "endpoint-independent" if "independent" in line else line)
    return timeout, hairpin, mapping


LANDED = {
    2: (lambda lab, p: p["parts"], _txt_parts),
    4: _rtt("web-naver", "www.naver.com"),
    5: _rtt("web-naver", "www.naver.com"),
    6: _rtt("source", "source.lab.test"),
    7: (lambda lab, p: p["backbone_mtu"], _backbone_mtu),
    9: (lambda lab, p: (APP_RTT[0](lab, p), p["session_ttl_s"]), _session_ttl),
    10: (lambda lab, p: (APP_RTT[0](lab, p), p["heartbeat_ping_s"]), _heartbeat),
    11: (lambda lab, p: tuple(p["weights"][b] for b in ("web1", "web2", "web3", "web4")), _haproxy_weights),
    12: (lambda lab, p: (p["udp_timeout"], tuple(p["hairpin"][r] for r in ("nat-addr", "nat-sym", "nat-adm")),
                         p["cgnat_mapping"]), _nat),
}


def _two_ids(lab, want) -> tuple[str, str]:
    """s1 and the first of s2, s3, ... whose variant an independent client tells apart from s1's."""
    first = want(lab, lab.variant("s1").params)
    return "s1", next(s for s in (f"s{i}" for i in range(2, 60)) if want(lab, lab.variant(s).params) != first)


@pytest.mark.parametrize("n", sorted(LANDED))
def test_two_students_get_their_own_variant_and_the_model_student_passes(students, n):
    """For each lab: two students' sandboxes come up as their variants and differ, seen with an
    independent client (ping, dig, iputils' PMTU, curl's Set-Cookie, ps, HAProxy's stats,
    sysctl/nft/turnutils), and the model student who runs the worksheet's commands passes
    `lab check` in both (English, Korean)."""
    from netlab.lab import load

    lab = load(n)
    want, seen = LANDED[n]
    ids = _two_ids(lab, want)
    for lang, sid in zip(("en", "ko"), ids, strict=True):
        st = students(n, sid)
        assert seen(lab, st) == want(lab, lab.variant(sid).params), sid
        run, answers = LABS[n]
        run(st)
        st.write_answers(answers(st))
        check = st.netlab("lab", "check", str(n), "--dir", str(st.work), "--json", "--lang", lang)
        report = json.loads(check.stdout)
        failed = [(o["key"], o["reason"]["en"]) for o in report["outcomes"] if o["status"] in ("fail", "missing")]
        assert check.returncode == 0 and not failed, failed
        st.netlab("lab", "stop", str(n), "--dir", str(st.work))  # one sandbox at a time: the machine is small
