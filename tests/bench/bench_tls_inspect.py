"""tls-inspect wall time vs sslyze, side by side, inside the default sandbox (issue 6).

One full inspection of www.naver.com from the sandbox's client host (versions 1.0-1.3, the
handshake timeline, resumption, the chain and its validation), start-up included, interleaved
with sslyze doing the equivalent checks (``--tlsv1 --tlsv1_1 --tlsv1_2 --tlsv1_3 --certinfo``,
with the sandbox CA as its extra trust store).  Target: netlab <= 0.5x sslyze.

sslyze pins an older ``cryptography`` than netlab's, so it is never installed into netlab's
virtualenv: the benchmark uses ``$NETLAB_SSLYZE`` or an ``sslyze`` on PATH, else makes (once) a
separate virtualenv in the temporary directory with ``pip install sslyze`` (about 15 s).  When that
fails (no package index), it prints netlab's figures and says sslyze was unavailable.

The two tools do not do the same work: sslyze finds the versions a server supports by trying
every cipher suite of each version (many connections); netlab tries each version once, in
parallel, and spends its time on what it shows (timeline, resumption, chain analysis).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

HOST = "www.naver.com"
RUNS = 5

INNER = r"""
import json, subprocess, sys, time
netlab, sslyze, host, runs, cafile = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
rows = {"netlab": [], "netlab --json": [], "sslyze": [], "sslyze_ok": []}
for i in range(runs):
    cmds = [("netlab", [netlab, "tls-inspect", host]), ("netlab --json", [netlab, "tls-inspect", host, "--json"])]
    if sslyze:
        cmds.append(("sslyze", [sslyze, "--tlsv1", "--tlsv1_1", "--tlsv1_2", "--tlsv1_3", "--certinfo",
                                "--certinfo_ca_file", cafile, f"{host}:443"]))
    for label, argv in cmds:
        t0 = time.perf_counter()
        p = subprocess.run(argv, capture_output=True, text=True)
        rows[label].append((time.perf_counter() - t0) * 1000)
        if label == "sslyze":
            rows["sslyze_ok"].append(p.returncode == 0 and "TLS 1.3" in p.stdout)
print(json.dumps(rows))
"""


def find_sslyze() -> str | None:
    env = os.environ.get("NETLAB_SSLYZE")
    if env:
        return env if os.path.exists(env) else None
    on_path = shutil.which("sslyze")
    if on_path:
        return on_path
    venv = os.path.join(tempfile.gettempdir(), "netlab-sslyze-venv")
    exe = os.path.join(venv, "bin", "sslyze")
    if os.path.exists(exe):
        return exe
    print("   sslyze not found: making a separate virtualenv for it (pip install sslyze) ...", flush=True)
    try:
        subprocess.run([sys.executable, "-m", "venv", venv], check=True, capture_output=True, timeout=120)
        subprocess.run([os.path.join(venv, "bin", "pip"), "install", "-q", "sslyze"], check=True,
                       capture_output=True, timeout=300)
    except (subprocess.SubprocessError, OSError) as e:
        print(f"   (could not install sslyze: {str(e)[:200]})")
        return None
    return exe if os.path.exists(exe) else None


def run() -> None:
    from netlab.errors import NetlabError
    from netlab.sandbox import control

    netlab = os.path.join(os.path.dirname(sys.executable), "netlab")
    sslyze = find_sslyze()
    name = f"bench-tls-{os.getpid()}"
    try:
        state, _ = control.up(name, None)
    except NetlabError as e:
        print(f"   cannot start the sandbox: {e.message}")
        return
    try:
        cafile = os.path.join(state["state_dir"], "pki", "root.pem")
        argv = control.exec_argv(state, "client", [sys.executable, "-c", INNER, netlab, sslyze or "", HOST,
                                                   str(RUNS), cafile])
        p = subprocess.run(argv, env=control.exec_env(state), capture_output=True, text=True, timeout=900)
        if p.returncode != 0:
            print("   inner run failed:", p.stderr[-800:])
            return
        rows = json.loads(p.stdout)
    finally:
        control.down(name)
    nl = statistics.median(rows["netlab"])
    nj = statistics.median(rows["netlab --json"])
    print(f"   {HOST} from the sandbox's client, {RUNS} runs interleaved, start-up included; medians:")
    print(f"   netlab tls-inspect          {nl:8.0f} ms   (min {min(rows['netlab']):.0f}, max {max(rows['netlab']):.0f})")
    print(f"   netlab tls-inspect --json   {nj:8.0f} ms")
    if not sslyze:
        print("   sslyze: unavailable (not installed and could not be installed); no ratio")
        return
    sz = statistics.median(rows["sslyze"])
    ok = all(rows["sslyze_ok"])
    print(f"   sslyze (versions+certinfo)  {sz:8.0f} ms   (min {min(rows['sslyze']):.0f}, max {max(rows['sslyze']):.0f})"
          + ("" if ok else "   [sslyze did not report TLS 1.3: check its output]"))
    ratio = nl / sz
    verdict = "meets" if ratio <= 0.5 else "MISSES"
    print(f"   netlab / sslyze = {ratio:.2f}x: {verdict} the <= 0.5x target")
