"""The sandbox supervisor: the one process that owns a sandbox.

Started by `netlab sandbox up` as ``unshare [--user --map-root-user] --mount --pid --net --fork
--kill-child --mount-proc python -m netlab.sandbox.supervisor ...``, so it is PID 1 of its own
PID namespace, in its own mount namespace (with a private tmpfs at /run/netns) and its own
network namespace (the "switch" side: bridges and the relay's veth ends; nothing touches the
machine's network).  When it exits, for whatever reason including SIGKILL, the kernel kills every
process of the PID namespace, the mount namespace (and with it every named netns) goes away, and
every veth and bridge with them: nothing is left behind.

What it builds, in order (see build()): one named netns per host (sysctls written from inside,
without forking), a bridge per network, veth pairs (offloads off with ethtool before the host end
moves into its namespace), addresses, static neighbour entries, derived routes, the userspace
link emulator (a forked relay process), then the services; then it tells the CLI (ready pipe)
and waits for SIGTERM.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import os
import signal
import socket
import struct
import subprocess
import sys
import time
import traceback
from pathlib import Path

from netlab.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, MissingTool, NetlabError, SandboxError
from netlab.sandbox import netns
from netlab.sandbox.contract import ENV_LINKEMU, StateFiles, parse_drop_rule
from netlab.sandbox.scenario import Host, Scenario

READY_TIMEOUT = 20.0


def dev_names(k: int) -> dict[str, str]:
    """Switch-side device names of global interface number k (IFNAMSIZ is 16)."""
    return {"h": f"nl{k}h", "t": f"nl{k}t", "b": f"nl{k}b", "p": f"nl{k}p"}


def mac_for(host_index: int, itf_index: int) -> str:
    return f"02:4e:4c:{(host_index >> 8) & 0xFF:02x}:{host_index & 0xFF:02x}:{itf_index & 0xFF:02x}"


def prefixlen(prefix: str | None) -> int:
    return int(prefix.split("/")[1]) if prefix else 0


class Supervisor:
    def __init__(self, scenario: Scenario, state_dir: Path, name: str, ready_fd: int | None):
        self.sc = scenario
        self.state_dir = state_dir
        self.files = StateFiles(state_dir)
        self.name = name
        self.ready_fd = ready_fd
        self.services: list[dict] = []  # {"name","host","proc","log","type"}
        self.relay_pid: int | None = None
        self.stopping = False
        self.t_start = time.monotonic()
        self.itf_index: dict[tuple[str, int], int] = {}
        k = 0
        for h in self.sc.hosts:
            for j, _ in enumerate(h.interfaces):
                self.itf_index[(h.name, j)] = k
                k += 1

    # ------------------------------------------------------------------ logging

    def log(self, msg: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')} +{time.monotonic() - self.t_start:.3f}s] {msg}", file=sys.stderr, flush=True)

    # ------------------------------------------------------------------ build

    def build(self) -> None:
        t0 = time.monotonic()
        netns.private_run_netns()
        self._resolv_conf()
        for key in ("net.ipv6.conf.all.disable_ipv6", "net.ipv6.conf.default.disable_ipv6"):
            netns.write_sysctl(key, "1")
        check_congestion(self.sc)
        self.backend = choose_backend(self.sc)
        self.log(f"link emulation backend: {self.backend}")
        for step in (self._namespaces, self._links, self._addresses, self._icmp_filters, self._nat, self._start_relay, self._netem,
                     self._start_services):
            t1 = time.monotonic()
            step()
            self.log(f"{step.__name__.strip('_')}: {time.monotonic() - t1:.3f}s")
        self.log(f"sandbox ready in {time.monotonic() - t0:.3f}s")

    def _resolv_conf(self) -> None:
        resolvers = self.sc.hosts_with_role("resolver")
        lines = ["# netlab sandbox: the sandbox's recursive resolver"]
        for r in resolvers[:1]:
            lines += [f"nameserver {a}" for a in (r.ipv4, r.ipv6) if a]
        if not resolvers:
            lines.append("nameserver 127.0.0.1")
        lines.append("options timeout:2 attempts:2")
        path = self.files.resolv_conf
        path.write_text("\n".join(lines) + "\n")
        netns.bind_file(str(path), "/etc/resolv.conf")
        hosts = self.files.hosts
        extra = [f"{addr} {name}" for name, addr in self.sc.etc_hosts.items()]
        hosts.write_text("127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n"
                         + ("# the scenario's etc_hosts entries\n" + "\n".join(extra) + "\n" if extra else ""))
        with contextlib.suppress(OSError):
            netns.bind_file(str(hosts), "/etc/hosts")

    def _namespaces(self) -> None:
        for h in self.sc.hosts:
            sysctls = {
                "net.ipv6.conf.all.accept_dad": "0",
                "net.ipv6.conf.default.accept_dad": "0",
                "net.ipv6.conf.default.accept_ra": "0",
                "net.ipv6.conf.default.autoconf": "0",
                "net.ipv4.ping_group_range": "0 2147483647",
            }
            if h.role == "router":
                sysctls["net.ipv4.ip_forward"] = "1"
                sysctls["net.ipv6.conf.all.forwarding"] = "1"
            # ICMP errors are not rate-limited unless the scenario says so (Linux: 1000 ms per
            # destination), so that repeated traceroutes see every router's answer
            sysctls["net.ipv4.icmp_ratelimit"] = str(h.icmp.ratelimit_ms)
            sysctls["net.ipv6.icmp.ratelimit"] = str(h.icmp.ratelimit_ms)
            if h.tcp_congestion:
                sysctls["net.ipv4.tcp_congestion_control"] = h.tcp_congestion
            netns.create_netns(h.name, sysctls)
        self.congestion = congestion_controls(self.sc)

    def _links(self) -> None:
        nets = {n.name: f"br{i}" for i, n in enumerate(self.sc.networks)}
        batch1 = []
        for br in nets.values():
            batch1.append(f"link add name {br} type bridge forward_delay 0 mcast_snooping 0")
        devices = []  # switch-side ends
        host_devs: dict[str, list[str]] = {}
        for hi, h in enumerate(self.sc.hosts):
            for j, itf in enumerate(h.interfaces):
                d = dev_names(self.itf_index[(h.name, j)])
                # the host's end is created directly in its namespace: moving a device between
                # namespaces costs an RCU grace period each (~10 ms)
                batch1.append(f"link add name {d['h']} type veth peer name eth{j} address {mac_for(hi, j)} netns {h.name}")
                host_devs.setdefault(h.name, []).append(f"eth{j}")
                devices.append(d["h"])
                if self._relayed(h, itf):
                    batch1.append(f"link add name {d['b']} type veth peer name {d['p']}")
                    batch1.append(f"link set {d['p']} master {nets[itf.network]}")
                    devices += [d["b"], d["p"]]
                else:
                    batch1.append(f"link set {d['h']} master {nets[itf.network]}")
        netns.run_ip_batch(batch1, what="creating bridges and veth pairs")
        netns.offloads_off(devices)
        for host, devs in host_devs.items():
            with netns.in_netns(host):
                netns.offloads_off(devs)
        batch2 = [f"link set {dev} up" for dev in devices] + [f"link set {br} up" for br in nets.values()]
        netns.run_ip_batch(batch2, what="bringing the switch side up")

    def _addresses(self) -> None:
        routes = self.sc.routes()
        # every host knows the MAC of every other host on its networks (no ARP/ND round trip
        # on the first packet: a student measuring a handshake sees 1 RTT, not 2)
        members: dict[str, list[tuple[str | None, str | None, str]]] = {n.name: [] for n in self.sc.networks}
        for hi, h in enumerate(self.sc.hosts):
            for j, itf in enumerate(h.interfaces):
                members[itf.network].append((itf.ipv4, itf.ipv6, mac_for(hi, j)))
                for extra in itf.extra_addresses:
                    members[itf.network].append((None, extra, mac_for(hi, j)) if ":" in extra
                                                else (extra, None, mac_for(hi, j)))
        files = []
        for h in self.sc.hosts:
            lines = ["link set lo up"]
            for j, itf in enumerate(h.interfaces):
                net = self.sc.network(itf.network)
                if itf.ipv4:
                    lines.append(f"addr add {itf.ipv4}/{prefixlen(net.ipv4)} dev eth{j}")
                if itf.ipv6:
                    lines.append(f"addr add {itf.ipv6}/{prefixlen(net.ipv6)} dev eth{j} nodad")
                for extra in itf.extra_addresses:
                    lines.append(f"addr add {extra}/{prefixlen(net.ipv6)} dev eth{j} nodad" if ":" in extra
                                 else f"addr add {extra}/{prefixlen(net.ipv4)} dev eth{j}")
                if itf.mtu:
                    lines.append(f"link set eth{j} mtu {itf.mtu}")
                lines.append(f"link set eth{j} up")
                own = {itf.ipv4, itf.ipv6, *itf.extra_addresses}
                for v4, v6, mac in members[itf.network]:
                    if v4 and v4 not in own and itf.ipv4:
                        lines.append(f"neigh replace {v4} lladdr {mac} dev eth{j} nud permanent")
                    if v6 and v6 not in own and itf.ipv6:
                        lines.append(f"neigh replace {v6} lladdr {mac} dev eth{j} nud permanent")
            for r in routes[h.name]:
                dst = r["dst"] if r["dst"] != "default" else ("0.0.0.0/0" if r["family"] == 4 else "::/0")
                lines.append(f"route add {dst} via {r['via']}")
            path = self.files.ip_dir / f"{h.name}.batch"
            path.parent.mkdir(exist_ok=True)
            path.write_text("\n".join(lines) + "\n")
            files.append((h.name, str(path)))
        netns.run_parallel([["ip", "-n", name, "-batch", p] for name, p in files],
                           what="configuring addresses and routes")

    def _icmp_filters(self) -> None:
        """nftables in the namespace of each host whose scenario changes how it speaks ICMP."""
        hosts = [h for h in self.sc.hosts if h.icmp.filtered]
        if not hosts:
            return
        nft = netns.require_tool("nft", "nftables", f"the icmp settings of host {hosts[0].name}")
        cmds, pre = [], []
        for h in hosts:
            path = self.files.ip_dir / f"{h.name}.nft"
            path.write_text(nft_ruleset(h.icmp))
            cmds.append([nft, "-f", str(path)])
            pre.append(netns.netns_preexec(h.name))
        netns.run_parallel(cmds, what="loading the ICMP filters (nft -f)", preexec=pre)

    def _nat(self) -> None:
        """nftables NAT and conntrack timeouts in each NAT router (netlab.sandbox.natrules)."""
        from netlab.sandbox import natrules

        natrules.apply(self.sc, self.files)

    # ------------------------------------------------------------------ relay

    def _netem(self) -> None:
        """tc netem on both ends of each emulated access link (when the kernel has netem):
        `up` on the host's interface, `down` on its peer in the switch namespace."""
        if self.backend != "netem":
            return
        per_ns: dict[str | None, list[str]] = {}
        for h in self.sc.hosts:
            for j, itf in enumerate(h.interfaces):
                if not itf.emulated:
                    continue
                d = dev_names(self.itf_index[(h.name, j)])
                per_ns.setdefault(h.name, []).extend(tc_lines(f"eth{j}", itf.up))
                per_ns.setdefault(None, []).extend(tc_lines(d["h"], itf.down))
        cmds = []
        for ns, lines in per_ns.items():
            path = self.files.ip_dir / f"{ns or '_switch'}.tc"
            path.write_text("\n".join(lines) + "\n")
            cmds.append(["tc"] + (["-n", ns] if ns else []) + ["-batch", str(path)])
        netns.run_parallel(cmds, what="configuring tc netem")

    def _relayed(self, h, itf) -> bool:
        """Whether an interface goes through the userspace relay: every emulated one (userspace
        backend), and the client's always (even at zero delay), so that netlab.sandbox.links can
        impair it while the sandbox runs.  (With the netem backend nothing is relayed.)"""
        return self.backend == "userspace" and (itf.emulated or h is self.sc.client)

    def _start_relay(self) -> None:
        from netlab.sandbox.linkemu import Direction, LinkPair, Relay

        if self.backend != "userspace":
            return
        pairs = []
        for h in self.sc.hosts:
            for j, itf in enumerate(h.interfaces):
                if not self._relayed(h, itf):
                    continue
                k = self.itf_index[(h.name, j)]
                d = dev_names(k)
                label = f"{h.name}/eth{j}"
                pairs.append(LinkPair(
                    name=label, host_dev=d["h"], net_dev=d["b"],
                    up=Direction(label=label + " up", **vars(itf.up)),
                    down=Direction(label=label + " down", **vars(itf.down)),
                ))
        if not pairs:
            return
        # open the sockets here, so a failure is reported by `up`, then fork the relay loop
        relay = Relay(pairs, self.files)
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                os.setsid()
                from netlab.sandbox.linkemu import Stop, stop_on_signal

                signal.signal(signal.SIGTERM, stop_on_signal)
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                netns.set_timerslack_ns(1000)
                with contextlib.suppress(OSError):
                    # a link emulator that waits for the CPU adds delay: ask for a better share
                    # (works as root; a rootless user may not lower its niceness)
                    os.setpriority(os.PRIO_PROCESS, 0, -15)
                relay.run()
            except Stop:
                pass
            except BaseException:
                traceback.print_exc()
                code = 1
            finally:
                with contextlib.suppress(Exception):
                    relay.write_stats()
                with contextlib.suppress(Exception):
                    relay.close()
                os._exit(code)
        relay.close()
        self.relay_pid = pid

    # ------------------------------------------------------------------ services

    def _start_services(self) -> None:
        """Each host's factories write its configs; its processes start at once (so that NSD
        loads its zones while the next host's certificates are being made), then all are
        waited for."""
        import shutil

        from netlab.sandbox.services import PACKAGES, SERVICE_TYPES, ServiceContext

        if not any(h.services for h in self.sc.hosts):
            return
        ctx = ServiceContext(scenario=self.sc, state_dir=self.state_dir,
                             data_dir=Path(__file__).parent / "data")
        self.nsenter = netns.require_tool("nsenter", "util-linux")
        took: dict[str, float] = {}
        # every program must exist before anything starts (a clear "install X" message)
        for h in self.sc.hosts:
            self.files.host_dir(h.name).mkdir(exist_ok=True)
            for spec in h.services:
                mod_name, func = SERVICE_TYPES[spec["type"]].split(":")
                try:
                    factory = getattr(importlib.import_module(mod_name), func)
                except ModuleNotFoundError as e:
                    raise SandboxError(f"service type {spec['type']!r} of host {h.name}: module {e.name} is missing") from e
                t1 = time.monotonic()
                procs = list(factory(ctx, h, spec))
                took[spec["type"]] = took.get(spec["type"], 0.0) + time.monotonic() - t1
                for sp in procs:
                    prog = sp.argv[0]
                    if not (shutil.which(prog) or shutil.which(prog, path="/usr/sbin:/usr/local/sbin:/sbin")):
                        tool = os.path.basename(prog)
                        raise MissingTool(tool, PACKAGES.get(tool), f"service {sp.name} on host {h.name}")
                    self._spawn(h, spec, sp)
        self.log(f"  {len(self.services)} service processes started; configs took "
                 + ", ".join(f"{k} {v:.3f}s" for k, v in sorted(took.items(), key=lambda kv: -kv[1])))
        self._wait_ready()

    def _spawn(self, h: Host, spec: dict, sp) -> None:
        from netlab.sandbox.services import PACKAGES

        Path(sp.log_path).parent.mkdir(parents=True, exist_ok=True)
        log = open(sp.log_path, "ab")
        try:
            # nsenter rather than a preexec_fn: Popen can then use vfork, ~50x faster to start
            # from a big Python process
            p = subprocess.Popen(
                [self.nsenter, f"--net={netns.netns_path(h.name)}", "--", *sp.argv], cwd=sp.cwd,
                env={**os.environ, **sp.env}, stdin=subprocess.DEVNULL,
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )
        except FileNotFoundError as e:
            tool = os.path.basename(sp.argv[0])
            raise MissingTool(tool, PACKAGES.get(tool), f"service {sp.name} on host {h.name}") from e
        finally:
            log.close()
        self.services.append({"name": sp.name, "host": h.name, "type": spec["type"], "proc": p,
                              "log": sp.log_path, "ready": list(sp.ready), "argv": sp.argv})

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT
        pending = [(s, tuple(r)) for s in self.services for r in s["ready"]]
        while pending:
            for s, _r in pending:
                code = s["proc"].poll()
                if code is not None:
                    raise SandboxError(
                        f"service {s['name']} on host {s['host']} exited with code {code} while starting\n"
                        + log_tail(s["log"]), hint=f"its log: {s['log']}")
            answered = probe_endpoints([(s["host"], *r) for s, r in pending], wait=0.1)
            pending = [(s, r) for s, r in pending if (s["host"], *r) not in answered]
            if answered:
                self.log(f"  ready: {', '.join(sorted({s['name'] for s in self.services}))} ({len(pending)} endpoints pending)"
                         if not pending else f"  {len(answered)} endpoints answered, {len(pending)} pending")
            if not pending:
                break
            if time.monotonic() > deadline:
                s, r = pending[0]
                raise SandboxError(
                    f"service {s['name']} on host {s['host']} did not answer on {r[0]} {r[1]} port {r[2]} "
                    f"within {READY_TIMEOUT:.0f}s\n" + log_tail(s["log"]), hint=f"its log: {s['log']}")
            time.sleep(0.02)
        for s in self.services:  # those without a ready check must at least still run
            code = s["proc"].poll()
            if code is not None:
                raise SandboxError(
                    f"service {s['name']} on host {s['host']} exited with code {code} while starting\n"
                    + log_tail(s["log"]), hint=f"its log: {s['log']}")

    # ------------------------------------------------------------------ runtime

    def describe(self) -> dict:
        return {
            "services": [
                {"name": s["name"], "host": s["host"], "type": s["type"], "pid_in_sandbox": s["proc"].pid,
                 "log": s["log"]}
                for s in self.services
            ],
            "relay_pid_in_sandbox": self.relay_pid,
            "backend": self.backend,
            "tcp_congestion": getattr(self, "congestion", {}),
        }

    def notify(self, msg: dict) -> None:
        if self.ready_fd is None:
            return
        try:
            os.write(self.ready_fd, (json.dumps(msg) + "\n").encode())
            os.close(self.ready_fd)
        except OSError as e:
            self.ready_fd = None
            raise SandboxError("the command that started the sandbox went away") from e
        self.ready_fd = None

    def serve(self) -> None:
        """Wait for SIGTERM/SIGINT/SIGHUP; reap children; note services that die."""
        while not self.stopping:
            try:
                pid, status = os.waitpid(-1, 0)
            except ChildProcessError:
                signal.pause() if not self.stopping else None
                continue
            except InterruptedError:
                continue
            if pid == self.relay_pid:
                self.log(f"link emulator exited (status {status}); stopping the sandbox")
                self.relay_pid = None
                self.stopping = True
            for s in self.services:
                if s["proc"].pid == pid:
                    s["proc"].returncode = os.waitstatus_to_exitcode(status)
                    self.log(f"service {s['name']} on {s['host']} exited with code {s['proc'].returncode}")
                    self._note_dead(s)

    def _note_dead(self, s: dict) -> None:
        p = self.files.dead_services
        try:
            data = json.loads(p.read_text())
        except (OSError, ValueError):
            data = {}
        data[s["name"]] = {"host": s["host"], "exit_code": s["proc"].returncode, "at": time.time()}
        with contextlib.suppress(OSError):
            p.write_text(json.dumps(data))

    def teardown(self) -> None:
        t0 = time.monotonic()
        procs = [s["proc"] for s in self.services if s["proc"].poll() is None]
        for p in procs:
            with contextlib.suppress(OSError):
                os.killpg(p.pid, signal.SIGTERM)
        if self.relay_pid:
            with contextlib.suppress(OSError):
                os.kill(self.relay_pid, signal.SIGTERM)
        # a short grace period, then SIGKILL: the services keep no state worth a slow shutdown
        deadline = time.monotonic() + 0.25
        for p in procs:
            with contextlib.suppress(Exception):
                p.wait(max(0.0, deadline - time.monotonic()))
        for p in procs:
            if p.poll() is None:
                with contextlib.suppress(OSError):
                    os.killpg(p.pid, signal.SIGKILL)
        if self.relay_pid:
            # let the relay close its sockets itself (in parallel): killed, the kernel would
            # close them one by one, an RCU grace period each
            t_end = time.monotonic() + 1.0
            while time.monotonic() < t_end:
                try:
                    if os.waitpid(self.relay_pid, os.WNOHANG)[0]:
                        break
                except ChildProcessError:
                    break
                time.sleep(0.005)
            self.relay_pid = None
        self.log(f"stopped in {time.monotonic() - t0:.3f}s")
        # as PID 1, our exit kills whatever is left in the PID namespace


# ---------------------------------------------------------------------- congestion control


def _read_proc(key: str) -> str:
    try:
        with open("/proc/sys/" + key.replace(".", "/")) as fh:
            return fh.read().strip()
    except OSError:
        return ""


def congestion_controls(sc: Scenario) -> dict:
    """Which TCP congestion controls the sandbox's sockets can use, and each host's default.

    The kernel keeps ``net.ipv4.tcp_allowed_congestion_control`` global (read-only inside a network
    namespace; changing it would change the machine's), so the sandbox does not touch it.  A
    process with CAP_NET_ADMIN over its network namespace, as every process of the sandbox has,
    may select any algorithm the kernel *has* (tcp_available_congestion_control) with the
    TCP_CONGESTION socket option; a namespace's default (``tcp_congestion`` in the scenario) may
    be any of them too.  This tries each on a socket here and reports what worked."""
    available = _read_proc("net.ipv4.tcp_available_congestion_control").split()
    selectable = []
    for name in available:
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_CONGESTION, name.encode())
            selectable.append(name)
        except OSError:
            pass
    default = _read_proc("net.ipv4.tcp_congestion_control")
    hosts = {}
    for h in sc.hosts:
        if h.tcp_congestion:
            with netns.in_netns(h.name):
                hosts[h.name] = _read_proc("net.ipv4.tcp_congestion_control") or h.tcp_congestion
        else:
            hosts[h.name] = default
    return {"available": available, "selectable": selectable,
            "allowed_unprivileged": _read_proc("net.ipv4.tcp_allowed_congestion_control").split(),
            "default": default, "hosts": hosts}


def check_congestion(sc: Scenario) -> None:
    """A host asking for an algorithm this kernel lacks is refused before anything is built."""
    available = _read_proc("net.ipv4.tcp_available_congestion_control").split()
    for h in sc.hosts:
        if h.tcp_congestion and available and h.tcp_congestion not in available:
            raise SandboxError(f"host {h.name}: tcp_congestion = {h.tcp_congestion!r}, but this kernel offers "
                               f"only {', '.join(available)}",
                               hint=f"modprobe tcp_{h.tcp_congestion} (as root), or choose one of those")


# ---------------------------------------------------------------------- ICMP behaviour


def nft_ruleset(spec) -> str:
    """The nftables ruleset of a host's ``icmp`` settings (netlab.sandbox.scenario.IcmpSpec):
    its own Time Exceeded dropped on output; frag-needed / packet-too-big dropped on output and
    in transit (forward)."""
    out, transit = [], []
    if not spec.time_exceeded:
        out += ["icmp type time-exceeded drop", "icmpv6 type time-exceeded drop"]
    if spec.filter_frag_needed:
        rules = ["icmp type destination-unreachable icmp code frag-needed drop", "icmpv6 type packet-too-big drop"]
        out += rules
        transit += rules
    lines = ["table inet netlab_icmp {"]
    for chain, hook, rules in (("own", "output", out), ("transit", "forward", transit)):
        if rules:
            lines.append(f"  chain {chain} {{")
            lines.append(f"    type filter hook {hook} priority 0; policy accept;")
            lines += [f"    {r}" for r in rules]
            lines.append("  }")
    lines.append("}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------- netem


def choose_backend(sc: Scenario) -> str:
    """"netem" when the kernel has sch_netem (and, for drop rules, clsact + u32 + gact), else
    "userspace".  NETLAB_LINKEMU=userspace|netem (ENV_LINKEMU) forces one (netem fails if
    unavailable)."""
    forced = os.environ.get(ENV_LINKEMU, "").strip().lower()
    if forced == "userspace":
        return "userspace"
    needs_filters = any(i.up.drop or i.down.drop for h in sc.hosts for i in h.interfaces)
    ok = _tc_ok(["qdisc", "add", "dev", "lo", "root", "netem", "delay", "1ms"],
                ["qdisc", "del", "dev", "lo", "root"])
    if ok and needs_filters:
        ok = _tc_ok(["qdisc", "add", "dev", "lo", "clsact"], None) and _tc_ok(
            ["filter", "add", "dev", "lo", "egress", "protocol", "ip", "u32", "match", "ip", "protocol", "17", "0xff",
             "action", "drop"], None)
        _tc_ok(["qdisc", "del", "dev", "lo", "clsact"], None)
    if forced == "netem" and not ok:
        raise SandboxError(f"{ENV_LINKEMU}=netem, but this kernel has no usable tc netem (sch_netem, cls_u32, act_gact)")
    return "netem" if ok else "userspace"


def _tc_ok(argv: list[str], undo: list[str] | None) -> bool:
    try:
        p = subprocess.run(["tc", *argv], capture_output=True, timeout=5)
    except (OSError, subprocess.TimeoutExpired):
        return False
    if p.returncode == 0 and undo:
        subprocess.run(["tc", *undo], capture_output=True, timeout=5)
    return p.returncode == 0


def tc_lines(dev: str, spec) -> list[str]:
    """tc batch lines emulating one direction (egress of `dev`)."""
    lines = []
    if spec.delay_ms or spec.jitter_ms or spec.loss_pct or spec.rate_mbit:
        opts = [f"delay {spec.delay_ms:g}ms"]
        if spec.jitter_ms:
            opts.append(f"{spec.jitter_ms:g}ms")
        if spec.loss_pct:
            opts.append(f"loss {spec.loss_pct:g}%")
        if spec.rate_mbit:
            opts.append(f"rate {spec.rate_mbit:g}mbit")
        # the queue must hold the bandwidth-delay product (10 Gbit/s assumed when unlimited)
        rate = (spec.rate_mbit or 10000) * 1e6 / 8
        limit = int(min(200000, max(1000, rate * (spec.delay_ms + spec.jitter_ms) / 1000 / 1500 * 2)))
        opts.append(f"limit {limit}")
        lines.append(f"qdisc add dev {dev} root netem {' '.join(opts)}")
    if spec.drop:
        lines.append(f"qdisc add dev {dev} clsact")
        for rule in map(parse_drop_rule, spec.drop):
            lines += _drop_filter_lines(dev, rule)
    return lines


def _drop_filter_lines(dev: str, rule) -> list[str]:
    """tc u32 filters dropping what one drop rule names, for IPv4 and IPv6."""
    lines = []
    for family, proto, kw in ((4, "ip", "ip"), (6, "ipv6", "ip6")):
        nums = rule.numbers(family)
        base = f"filter add dev {dev} egress protocol {proto} u32"
        for m in [" match u32 0 0"] if nums is None else [f" match {kw} protocol {n} 0xff" for n in nums]:
            if rule.port is None:
                lines.append(f"{base}{m} action drop")
            else:
                lines += [f"{base}{m} match {kw} {side} {rule.port} 0xffff action drop" for side in ("sport", "dport")]
    return lines


def log_tail(path: str, lines: int = 15) -> str:
    try:
        with open(path, "rb") as fh:
            fh.seek(0, 2)
            size = fh.tell()
            fh.seek(max(0, size - 8192))
            text = fh.read().decode(errors="replace")
    except OSError:
        return "(no log)"
    tail = text.splitlines()[-lines:]
    return "\n".join("  | " + line for line in tail) if tail else "  | (log is empty)"


def _dns_query() -> bytes:
    # ID 0x4e4c, RD=0, one question: ". SOA IN"
    return struct.pack("!HHHHHH", 0x4E4C, 0, 1, 0, 0, 0) + b"\x00" + struct.pack("!HH", 6, 1)


def probe_endpoints(endpoints: list[tuple[str, str, str, int]], wait: float = 0.1) -> set:
    """Which of (host, kind, address, port) answer, each seen from inside its host's namespace:
    "udp-dns" gets a reply to a DNS query, "tcp" accepts a connection.  All are probed at once."""
    import errno
    import selectors

    sel = selectors.DefaultSelector()
    socks = []
    answered = set()
    for ep in endpoints:
        host, kind, addr, port = ep
        fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
        try:
            with netns.in_netns(host):
                s = socket.socket(fam, socket.SOCK_DGRAM if kind == "udp-dns" else socket.SOCK_STREAM)
        except OSError:
            continue
        socks.append(s)
        s.setblocking(False)
        try:
            if kind == "udp-dns":
                s.sendto(_dns_query(), (addr, port))
                sel.register(s, selectors.EVENT_READ, ep)
            elif kind == "tcp":
                err = s.connect_ex((addr, port))
                if err == 0:
                    answered.add(ep)
                elif err in (errno.EINPROGRESS, errno.EAGAIN):
                    sel.register(s, selectors.EVENT_WRITE, ep)
        except OSError:
            continue
    deadline = time.monotonic() + wait
    try:
        while sel.get_map() and (left := deadline - time.monotonic()) > 0:
            for key, _ in sel.select(left):
                s, ep = key.fileobj, key.data
                sel.unregister(s)
                try:
                    if ep[1] == "udp-dns":
                        data = s.recv(4096)
                        if len(data) >= 12 and data[:2] == b"\x4e\x4c":
                            answered.add(ep)
                    elif s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) == 0:
                        answered.add(ep)
                except OSError:
                    pass
    finally:
        sel.close()
        for s in socks:
            s.close()
    return answered


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="netlab-sandbox-supervisor")
    ap.add_argument("--state-dir", required=True)
    ap.add_argument("--scenario", required=True)
    ap.add_argument("--name", required=True)
    ap.add_argument("--ready-fd", type=int)
    args = ap.parse_args(argv)

    from netlab.sandbox.scenario import load

    state_dir = Path(args.state_dir)
    sup: Supervisor | None = None

    def _stop(signum, frame):
        if sup is not None:
            sup.stopping = True
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGHUP, _stop)
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    ready_fd = args.ready_fd
    try:
        sc = load(args.scenario)
        sup = Supervisor(sc, state_dir, args.name, ready_fd)
        sup.build()
        info = sup.describe()
        sup.notify({"ok": True, **info})
    except KeyboardInterrupt:
        if sup is not None:
            sup.teardown()
        return EXIT_INTERRUPTED
    except NetlabError as e:
        if sup is not None:
            sup.log(f"failed: {e.message}")
            with contextlib.suppress(Exception):
                sup.teardown()
        _notify_error(ready_fd, e.message, e.hint, type(e).__name__)
        return e.exit_code
    except Exception as e:
        traceback.print_exc()
        if sup is not None:
            with contextlib.suppress(Exception):
                sup.teardown()
        _notify_error(ready_fd, f"the supervisor failed: {type(e).__name__}: {e}",
                      f"see {StateFiles(state_dir).supervisor_log}", "SandboxError")
        return EXIT_INTERNAL
    try:
        sup.serve()
    except KeyboardInterrupt:
        pass
    sup.log("stopping")
    sup.teardown()
    return EXIT_OK


def _notify_error(fd: int | None, message: str, hint: str | None, kind: str) -> None:
    if fd is None:
        return
    with contextlib.suppress(OSError):
        os.write(fd, (json.dumps({"ok": False, "error": message, "hint": hint, "kind": kind}) + "\n").encode())
        os.close(fd)


if __name__ == "__main__":
    sys.exit(main())
