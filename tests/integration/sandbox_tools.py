"""Small helpers shared by the sandbox-core tests and the sandbox benchmark: scripts run inside
sandbox hosts (a TCP listener, a connect-time meter, a UDP counter) and independent checks that
nothing of a sandbox is left (by /proc scanning and `ip`, not by asking netlab)."""

from __future__ import annotations

import os
import subprocess
import sys

TINY = """
[scenario]
name = "tiny"

[[networks]]
name = "lan"
ipv4 = "198.18.0.0/24"
ipv6 = "2001:db8:0::/64"

[[networks]]
name = "core"
ipv4 = "198.18.1.0/24"
ipv6 = "2001:db8:1::/64"

[[hosts]]
name = "client"
role = "client"
interfaces = [{{ network = "lan", ipv4 = "198.18.0.10", ipv6 = "2001:db8::10" }}]

[[hosts]]
name = "resolver"
role = "resolver"
interfaces = [{{ network = "lan", ipv4 = "198.18.0.53", ipv6 = "2001:db8::53" }}]

[[hosts]]
name = "router"
role = "router"
interfaces = [
  {{ network = "lan", ipv4 = "198.18.0.1", ipv6 = "2001:db8::1" }},
  {{ network = "core", ipv4 = "198.18.1.1", ipv6 = "2001:db8:1::1" }},
]

[[hosts]]
name = "server"
role = "web"
interfaces = [{{ network = "core", ipv4 = "198.18.1.4", ipv6 = "2001:db8:1::4", link = {{ {link} }} }}]
"""


# One client 25 ms (each way) from one Caddy: RTT 50 ms, nothing else on the path (http-compare's
# tests and benchmark).  web_scenario() fills it in; WEB_HOST is the Caddy, replaceable.
WEB_SCENARIO = """
[scenario]
name = "NAME"
description = "http-compare: a client and one web server"

[[networks]]
name = "lan"
ipv4 = "198.18.0.0/24"
ipv6 = "2001:db8:0::/64"

[[hosts]]
name = "client"
role = "client"
interfaces = [{ network = "lan", ipv4 = "198.18.0.10", ipv6 = "2001:db8::10", link = { CLIENTLINK } }]

WEBHOST"""
WEB_HOST = """[[hosts]]
name = "web-naver"
role = "web"
fqdn = "www.naver.com"
interfaces = [{ network = "lan", ipv4 = "198.18.0.100", ipv6 = "2001:db8::100"WEBLINK }]
services = [{ type = "caddy", sites = ["www.naver.com"], key = "ecdsa" }]
"""
PIN = "www.naver.com:443:198.18.0.100"  # --resolve for that web server


def web_scenario(web_link: str = "", name: str = "http-rtt", client_link: str = "delay_ms = 25",
                 web_host: str = WEB_HOST) -> str:
    """WEB_SCENARIO: `client_link` on the client's link, `web_link` (e.g. 'drop = ["udp:443"]') on
    the web server's, `web_host` the server's [[hosts]] table (at 198.18.0.100)."""
    host = web_host.replace("WEBLINK", f", link = {{ {web_link} }}" if web_link else "")
    return WEB_SCENARIO.replace("NAME", name).replace("CLIENTLINK", client_link).replace("WEBHOST", host)


def tiny(link: str = "delay_ms = 10") -> str:
    return TINY.format(link=link)


# A TCP listener on PORT (IPv4 and IPv6) that reads and discards, and a UDP counter on the same port
# that answers "count?" with the number of datagrams seen.
LISTENER = r"""
import socket, sys, threading
port = int(sys.argv[1])
def tcp():
    s = socket.socket(socket.AF_INET6); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0); s.bind(("::", port)); s.listen(512)
    while True:
        c, _ = s.accept()
        threading.Thread(target=drain, args=(c,), daemon=True).start()
def drain(c):
    while c.recv(1 << 20):
        pass
    c.close()
def udp():
    u = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); u.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    u.bind(("::", port)); n = 0
    while True:
        d, a = u.recvfrom(2048)
        if d == b"count?":
            u.sendto(str(n).encode(), a)
        else:
            n += 1
threading.Thread(target=udp, daemon=True).start()
print("listening", flush=True)
tcp()
"""

# Connect N times to ADDR:PORT and print the connect times (ms), one per line; the first
# attempts wait for the listener to come up.
CONNECT = r"""
import socket, sys, time
addr, port, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
deadline = time.monotonic() + 10
while True:
    s = socket.socket(fam); s.settimeout(3)
    try:
        s.connect((addr, port)); s.close(); break
    except (ConnectionRefusedError, socket.timeout):
        s.close()
        if time.monotonic() > deadline: raise
        time.sleep(0.05)
for _ in range(n):
    s = socket.socket(fam); s.settimeout(5)
    t = time.perf_counter(); s.connect((addr, port)); dt = time.perf_counter() - t
    s.close(); print(f"{dt * 1000:.3f}", flush=True)
"""

# Send N UDP datagrams to ADDR:PORT, then ask the counter (retrying) and print its count.
UDP_COUNT = r"""
import socket, sys, time
addr, port, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
u = socket.socket(fam, socket.SOCK_DGRAM); u.settimeout(0.5)
for i in range(n):
    u.sendto(b"x" * 100, (addr, port)); time.sleep(0.001)
time.sleep(0.3)
for _ in range(20):
    u.sendto(b"count?", (addr, port))
    try:
        print(u.recv(100).decode()); break
    except socket.timeout:
        continue
"""

# Connect to ADDR:PORT with a timeout; print "connected", "refused" or "timeout".
TRY_CONNECT = r"""
import socket, sys
addr, port, t = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
s = socket.socket(socket.AF_INET6 if ":" in addr else socket.AF_INET); s.settimeout(t)
try:
    s.connect((addr, port)); print("connected")
except ConnectionRefusedError:
    print("refused")
except (socket.timeout, TimeoutError):
    print("timeout")
"""


def py(script: str) -> list[str]:
    return ["python3", "-c", script]


def leftovers(pids: list[int], netns_inodes: list[str], state_dir: str) -> list[str]:
    """What of a sandbox is still there, found independently of netlab:
    - any of the recorded PIDs still alive (not a zombie)
    - any process whose command line mentions the state dir
    - any process in, or mount of, one of the sandbox's network namespaces (by inode)
    - the state directory itself."""
    found = []
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as fh:
                stat = fh.read()
            if stat[stat.rfind(")") + 2] != "Z":
                found.append(f"process {pid} is alive")
        except OSError:
            pass
    inodes = set(netns_inodes)
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            cmd = open(f"/proc/{entry}/cmdline", "rb").read().replace(b"\0", b" ").decode(errors="replace")
            if state_dir in cmd and int(entry) != os.getpid():
                found.append(f"process {entry} mentions {state_dir}: {cmd[:120]}")
            ns = os.readlink(f"/proc/{entry}/ns/net")
            if ns in inodes:
                found.append(f"process {entry} is in sandbox netns {ns}")
            with open(f"/proc/{entry}/mountinfo") as fh:
                for line in fh:
                    for ino in inodes:
                        if ino in line:
                            found.append(f"mount of {ino} in /proc/{entry}/mountinfo")
        except OSError:
            continue
    if os.path.exists(state_dir):
        found.append(f"{state_dir} still exists")
    return sorted(set(found))


def host_links() -> set[str]:
    """Interface names in the machine's own network namespace (`ip -o link`)."""
    out = subprocess.run(["ip", "-o", "link"], capture_output=True, text=True, check=True).stdout
    return {line.split(":")[1].strip().split("@")[0] for line in out.splitlines() if ":" in line}


def netlab_cmd(*args: str) -> list[str]:
    return [sys.executable, "-c", "import sys; from netlab.cli import main; sys.argv[0] = 'netlab'; main()", *args]
