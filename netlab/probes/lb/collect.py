"""lb collection: many HTTP requests from several source addresses, and what the balancer says.

I/O only; records events (model.py).  Each request is one TCP connection (``Connection: close``)
bound to one of the client's addresses, so that every request is balanced on its own and a source
hash sees K different clients.  Request ``seq`` comes from client ``seq % K``.

Around the requests, inside the sandbox (runtime.py): the balancer's description (balancer.json)
names its runtime API socket; `show stat` before and after gives HAProxy's own counters;
`set map` switches the algorithm for the run (and puts the previous one back); the backends'
control files slow or fail one; their access logs are read back for this run's request ids.

Decisions (where the issue is silent):
- Plain runs send ``requests`` requests, ``concurrency`` at a time.  ``--fail`` and ``--failover``
  runs are paced (``rate`` requests per second, each with a short timeout) and last as long as
  the story needs: with --fail, a phase before the failure, the wait until the balancer marks the
  backend DOWN, a phase with it out of the pool, its recovery and a phase after it is UP again
  (each phase at least max(requests/3, 2 x clients) requests, so that every client is seen in each);
  with --failover, a phase before, the cut (the active balancer's links drop everything), the wait
  until the other one answers, the restore and the wait until the VIP is back.
- A browser-like cookie jar per client address (sticky sessions by cookie need one).
- ``clear counters`` before the run resets HAProxy's maximum counters (smax: the most sessions a
  server held at once), so that they describe this run; the totals are compared as differences.
"""

from __future__ import annotations

import contextlib
import errno
import json
import math
import secrets
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from netlab.model import DeadlineReached, Recording
from netlab.probes.lb import model, runtime
from netlab.probes.lb.stats import parse, statuses
from netlab.probes.lookup import look_up
from netlab.probes.recorder import RunClock, host_facts, new_recording

KEEP_HEADERS = ("x-backend", "x-balancer", "x-balancer-pool", "x-seen-peer", "x-seen-forwarded-for", "x-seen-tls",
                "x-seen-host", "x-seen-path", "set-cookie", "server", "content-type", "content-length")
MAX_ANSWER = 65536
KEEP_BODY = 256
MAX_EVENTS_ARP = 500
PACED_TIMEOUT = 1.0  # seconds per request in paced runs: a lost request must not hide the next ones
PHASE_MIN_S = 1.0
WAIT_DOWN_S = 20.0
POLL_S = 0.1
NAMES = {errno.ECONNREFUSED: "refused", errno.ECONNRESET: "reset", errno.EHOSTUNREACH: "unreachable",
         errno.ENETUNREACH: "unreachable", errno.ETIMEDOUT: "timeout", errno.EPIPE: "reset"}


def collect(params: dict, ctx) -> Recording:
    clock = RunClock(ctx.clock)
    run_id = secrets.token_hex(4)
    rec = _recording(params, ctx, run_id)
    run = _Run(rec, params, ctx, clock, run_id)
    try:
        run.go()
    finally:
        rec.events.sort(key=lambda e: e.t)
    return rec


def _recording(params: dict, ctx, run_id: str) -> Recording:
    return new_recording(model.PROBE, {**params, "timeout": float(ctx.timeout), "run_id": run_id}, host_facts(ctx))


class _Run:
    def __init__(self, rec: Recording, params: dict, ctx, clock, run_id: str):
        self.rec, self.p, self.ctx, self.clock, self.run_id = rec, params, ctx, clock, run_id
        self.balancers: list[dict] = []
        self.lock = threading.Lock()
        self.jar: dict[str, str] = {}  # client -> "name=value" (sticky cookie)
        self.statuses: dict[tuple[str, str], str] = {}  # (balancer, server) -> status
        self.vip_holders: dict[str, bool] = {}
        self.answers_by: list[tuple[float, str | None, str]] = []  # (t, balancer header, outcome)
        self.stop_polling = threading.Event()
        self.seq = 0
        self.undo: list = []

    # ------------------------------------------------------------------ the run

    def go(self) -> None:
        p, rec = self.p, self.rec
        host, port = str(p["host"]), int(p["port"])
        infos, error = look_up(host, port, 4)
        if error is not None:
            rec.add(model.NameResolutionFailed(t=self.clock(), host=host, error=error))
            return
        self.address = infos[0][4][0]
        rec.add(model.TargetResolved(t=self.clock(), host=host, port=port, address=self.address))
        self._find_balancers()
        if not self._check_request():
            return
        self._choose_sources()
        try:
            self._set_algorithm()
            self._stats("before")
            for b in self.balancers:
                self._api(b, "clear counters")
            if p.get("slow"):
                self._switch(p["slow"], "slow")
            if p.get("failover"):
                self._failover_run()
            elif p.get("fail"):
                self._fail_run()
            else:
                self._plain_run()
        finally:
            for undo in reversed(self.undo):
                with contextlib.suppress(Exception):
                    undo()
        self._stats("after")
        self._access_logs()

    # ------------------------------------------------------------------ the balancer

    def _find_balancers(self) -> None:
        sb = self.ctx.sandbox
        state_dir = getattr(sb, "state_dir", None)
        if not state_dir:
            self.rec.add(model.NoBalancerKnown(t=self.clock(), address=self.address, reason="not-in-sandbox"))
            return
        from netlab.sandbox.services.lb import BALANCER_FILE

        found, group_vip = [], None
        for path in sorted(Path(state_dir).glob(f"*/{BALANCER_FILE}")):
            try:
                d = json.loads(path.read_text())
            except (OSError, ValueError) as e:
                self.rec.add(model.NoBalancerKnown(t=self.clock(), address=self.address, reason="unreadable",
                                                   detail=f"{path}: {e}"))
                continue
            if not isinstance(d, dict):
                continue
            vip = (d.get("vrrp") or {}).get("vip")
            if self.address in (d.get("addresses") or []) or self.address == vip:
                found.append(d)
                group_vip = vip if self.address == vip else None
        if group_vip:  # every balancer sharing that virtual address
            found = [d for d in found if (d.get("vrrp") or {}).get("vip") == group_vip]
        else:
            found = found[:1]
        for d in found:
            self.rec.add(model.BalancerFound(t=self.clock(), name=str(d.get("name")), descriptor=d))
        self.balancers = found
        if not found:
            self.rec.add(model.NoBalancerKnown(t=self.clock(), address=self.address, reason="no-balancer"))

    def _frontend(self) -> dict | None:
        if not self.balancers:
            return None
        return (self.balancers[0].get("frontends") or {}).get(str(self.p["port"]))

    def _check_request(self) -> bool:
        """What the run needs from the balancer; a RunRefused when it cannot be."""
        p, b = self.p, self.balancers[0] if self.balancers else None
        asks = [o for o in ("algorithm", "fail", "slow") if p.get(o)] + (["failover"] if p.get("failover") else [])
        if b is None:
            if asks:
                self.rec.add(model.RunRefused(t=self.clock(), code="needs-balancer", detail=", ".join(f"--{a}" for a in asks)))
                return False
            return True
        fe = self._frontend()
        algo = p.get("algorithm")
        if algo and fe is None:
            self.rec.add(model.RunRefused(t=self.clock(), code="no-frontend", detail=str(p["port"])))
            return False
        if algo and fe["mode"] not in (b.get("algorithms") or {}).get(algo, []):
            self.rec.add(model.RunRefused(t=self.clock(), code="algorithm-mode", detail=f"{algo}:{fe['mode']}"))
            return False
        for opt in ("fail", "slow"):
            name = p.get(opt)
            if name and name not in (b.get("servers") or {}):
                self.rec.add(model.RunRefused(t=self.clock(), code="unknown-backend",
                                              detail=f"{opt}:{name}:{','.join(b.get('servers') or {})}"))
                return False
        if p.get("failover") and not (b.get("vrrp") or {}).get("vip"):
            self.rec.add(model.RunRefused(t=self.clock(), code="no-vip", detail=str(b.get("name"))))
            return False
        if p.get("failover") and self.address != (b.get("vrrp") or {}).get("vip"):
            self.rec.add(model.RunRefused(t=self.clock(), code="not-the-vip",
                                          detail=f"{self.address}:{(b.get('vrrp') or {}).get('vip')}"))
            return False
        return True

    def _api(self, b: dict, command: str) -> str | None:
        try:
            return runtime.api(str(b.get("socket")), command)
        except runtime.ApiError as e:
            self.rec.add(model.RuntimeApiFailed(t=self.clock(), balancer=str(b.get("name")), command=command.split()[0],
                                                error=str(e)))
            return None

    def _set_algorithm(self) -> None:
        fe = self._frontend()
        if fe is None:
            return
        key, algo = fe["map_key"], self.p.get("algorithm")
        for b in self.balancers:
            name, mp = str(b["name"]), str(b["map"])
            shown = self._api(b, f"show map {mp}")
            current = runtime.map_value(shown, key) if shown is not None else None
            if not algo:
                self.rec.add(model.AlgorithmRead(t=self.clock(), balancer=name, key=key, algorithm=current))
                continue
            answer = self._api(b, f"set map {mp} {key} {algo}")
            if answer is None:
                continue
            self.rec.add(model.AlgorithmSet(t=self.clock(), balancer=name, key=key, algorithm=algo, previous=current,
                                            answer=answer.strip()[:200]))
            previous = current or b.get("default_algorithm") or "roundrobin"

            def undo(b=b, mp=mp, previous=previous, name=name, key=key):
                if self._api(b, f"set map {mp} {key} {previous}") is not None:
                    self.rec.add(model.AlgorithmRestored(t=self.clock(), balancer=name, key=key, algorithm=previous))

            self.undo.append(undo)

    def _stats(self, label: str) -> None:
        for b in self.balancers:
            csv = self._api(b, "show stat")
            if csv is not None:
                self.rec.add(model.StatsRead(t=self.clock(), balancer=str(b["name"]), label=label, csv=csv))

    def _switch(self, backend: str, mode: str) -> None:
        srv = self.balancers[0]["servers"][backend]
        slow_ms = float(self.p.get("slow_ms") or 200.0)
        acked, err = runtime.switch_backend(srv["dir"], mode, slow_ms)
        self.rec.add(model.BackendSwitched(t=self.clock(), backend=backend, mode=mode, slow_ms=slow_ms, acked=acked,
                                           error=err))
        if mode != "ok":
            def undo(backend=backend):
                a, e = runtime.switch_backend(srv["dir"], "ok", slow_ms)
                self.rec.add(model.BackendSwitched(t=self.clock(), backend=backend, mode="ok", slow_ms=slow_ms,
                                                   acked=a, error=e))

            self.undo.append(undo)

    def _undo_last(self) -> None:
        if self.undo:
            self.undo.pop()()

    # ------------------------------------------------------------------ sources

    def _choose_sources(self) -> None:
        k = int(self.p["clients"])
        try:
            dev, addrs = runtime.local_sources(self.address)
        except OSError:
            dev, addrs = "", []
        if not addrs:
            addrs = [""]  # let the kernel choose
        self.dev = dev
        self.sources = addrs[:k]
        self.rec.add(model.SourcesChosen(t=self.clock(), interface=dev, available=tuple(addrs[:4096]),
                                         chosen=tuple(self.sources)))

    # ------------------------------------------------------------------ requests

    def _next_seq(self) -> int:
        with self.lock:
            s = self.seq
            self.seq += 1
            return s

    def _one(self, timeout: float) -> model.RequestCompleted:
        seq = self._next_seq()
        client = self.sources[seq % len(self.sources)]
        ev = exchange(self.p, self.address, client, seq, f"{self.run_id}-{seq}", timeout, self.clock,
                      self.jar.get(client, ""), getattr(self.ctx.sandbox, "cacert", None))
        self.rec.add(ev)
        cookie = next((v for k, v in ev.headers if k == "set-cookie"), "")
        if cookie:
            with self.lock:
                self.jar[client] = cookie.split(";", 1)[0].strip()
        with self.lock:
            self.answers_by.append((ev.t_end, next((v for k, v in ev.headers if k == "x-balancer"), None),
                                    ev.outcome))
        return ev

    def _plain_run(self) -> None:
        n, c = int(self.p["requests"]), int(self.p["concurrency"])
        timeout = self.ctx.timeout
        done = threading.Event()
        left = [n]

        def worker() -> None:
            while not done.is_set():
                with self.lock:
                    if left[0] <= 0:
                        return
                    left[0] -= 1
                if self.ctx.expired():
                    done.set()
                    return
                self._one(min(timeout, max(0.05, self.ctx.remaining())))

        threads = [threading.Thread(target=worker, daemon=True) for _ in range(min(c, n))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if left[0] > 0:
            self.rec.add(DeadlineReached(t=self.clock(), deadline_s=self.ctx.deadline,
                                         skipped=f"{left[0]} of {n} requests"))

    def _paced(self, controller) -> None:
        """Start a request every 1/rate s until controller() says stop (returns False)."""
        rate = float(self.p.get("rate") or 40.0)
        timeout = min(self.ctx.timeout, PACED_TIMEOUT)
        workers = max(int(self.p["concurrency"]), min(64, int(math.ceil(rate * timeout)) + 4))
        start = self.clock()
        i = 0
        with ThreadPoolExecutor(max_workers=workers) as pool:
            while True:
                if self.ctx.expired():
                    self.rec.add(DeadlineReached(t=self.clock(), deadline_s=self.ctx.deadline,
                                                 skipped="the rest of the paced run"))
                    break
                if not controller():
                    break
                due = start + i / rate
                wait = due - self.clock()
                if wait > 0:
                    time.sleep(wait)
                pool.submit(self._one, timeout)
                i += 1
        self.stop_polling.set()

    def _phase_target(self) -> int:
        return max(int(self.p["requests"]) // 3, 2 * len(self.sources))

    # ------------------------------------------------------------------ --fail

    def _poll_servers(self) -> None:
        while not self.stop_polling.is_set():
            for b in self.balancers:
                try:
                    rows = parse(runtime.api(str(b["socket"]), "show stat", timeout=1.0))
                except runtime.ApiError:
                    continue
                for server, (status, check) in statuses(rows, "checks").items():
                    key = (str(b["name"]), server)
                    if self.statuses.get(key) != status:
                        self.statuses[key] = status
                        self.rec.add(model.ServerStateChanged(t=self.clock(), balancer=key[0], server=server,
                                                              status=status, check=check[:120]))
            self.stop_polling.wait(POLL_S)

    def _status(self, server: str) -> str:
        b = self._active()
        return self.statuses.get((b, server), "") if b else ""

    def _active(self) -> str | None:
        """The balancer that answers (the X-Balancer of the latest answers), else the first."""
        with self.lock:
            for _, name, _ in reversed(self.answers_by[-20:]):
                if name:
                    return name
        return str(self.balancers[0]["name"]) if self.balancers else None

    def _fail_run(self) -> None:
        backend = self.p["fail"]
        target = self._phase_target()
        st = {"phase": "before", "t": self.clock(), "seq": 0}
        poller = threading.Thread(target=self._poll_servers, daemon=True)
        poller.start()

        def enter(phase: str, detail: str = "") -> None:
            st.update(phase=phase, t=self.clock(), seq=self.seq)
            self.rec.add(model.PhaseMarked(t=st["t"], name=phase, detail=detail))

        def controller() -> bool:
            now, sent = self.clock(), self.seq - st["seq"]
            ph = st["phase"]
            long_enough = now - st["t"] >= PHASE_MIN_S and sent >= target
            if ph == "before" and long_enough:
                self._switch(backend, "fail")
                enter("failed", backend)
            elif ph == "failed":
                if self._status(backend) == "DOWN":
                    enter("down", backend)
                elif now - st["t"] > WAIT_DOWN_S:
                    enter("never-down", backend)
                    self._undo_last()
                    enter("restored", backend)
            elif ph == "down" and long_enough:
                self._undo_last()
                enter("restored", backend)
            elif ph == "restored":
                if self._status(backend) == "UP":
                    enter("up", backend)
                elif now - st["t"] > WAIT_DOWN_S:
                    enter("never-up", backend)
                    return False
            elif ph == "up" and long_enough:
                return False
            return True

        enter("before")
        self._paced(controller)
        poller.join(2.0)

    # ------------------------------------------------------------------ --failover

    def _poll_vip(self, vip: str) -> None:
        while not self.stop_polling.is_set():
            for b in self.balancers:
                name = str(b["name"])
                holds = runtime.holds_address(self.nsfiles.get(name), vip)
                if holds is not None and self.vip_holders.get(name) != holds:
                    self.vip_holders[name] = holds
                    self.rec.add(model.VipObserved(t=self.clock(), balancer=name, holds=holds))
            self.stop_polling.wait(POLL_S / 2)

    def _failover_run(self) -> None:
        vip = str(self.balancers[0]["vrrp"]["vip"])
        state_dir = getattr(self.ctx.sandbox, "state_dir", None)
        self.nsfiles = {str(b["name"]): runtime.netns_file(state_dir, str(b["name"])) for b in self.balancers}
        for name, f in self.nsfiles.items():
            if f is None:
                self.rec.add(model.RuntimeApiFailed(t=self.clock(), balancer=name, command="ip addr",
                                                    error="its network namespace is not reachable from here"))
        for b in self.balancers:
            mac = runtime.mac_of(self.nsfiles.get(str(b["name"])),
                                 next(a for a in b.get("addresses", []) if ":" not in a))
            if mac:
                self.rec.add(model.BalancerMac(t=self.clock(), balancer=str(b["name"]), mac=mac))
        sniffer = None
        try:
            sniffer = runtime.ArpSniffer(self.dev or "eth0", self.clock, self._on_arp)
            threading.Thread(target=sniffer.run, daemon=True).start()
        except OSError as e:
            self.rec.add(model.CaptureUnavailable(t=self.clock(), reason=f"ARP capture on {self.dev}: {e.strerror or e}"))
        self.arp_count = 0
        for b in self.balancers:  # who holds the VIP now
            holds = runtime.holds_address(self.nsfiles.get(str(b["name"])), vip)
            if holds is not None:
                self.vip_holders[str(b["name"])] = holds
                self.rec.add(model.VipObserved(t=self.clock(), balancer=str(b["name"]), holds=holds))
        active = next((n for n, h in self.vip_holders.items() if h), str(self.balancers[0]["name"]))
        others = [str(b["name"]) for b in self.balancers if str(b["name"]) != active]
        poller = threading.Thread(target=self._poll_vip, args=(vip,), daemon=True)
        poller.start()
        st = {"phase": "before", "t": self.clock(), "seq": 0, "ok_after": None}

        def enter(phase: str, detail: str = "") -> None:
            st.update(phase=phase, t=self.clock(), seq=self.seq, ok_after=None)
            self.rec.add(model.PhaseMarked(t=st["t"], name=phase, detail=detail))

        def ok_since(t: float) -> float | None:
            with self.lock:
                return next((te for te, _, o in self.answers_by if te > t and o == "ok"), None)

        def neigh(label: str) -> None:
            mac, state = runtime.neighbour(vip)
            self.rec.add(model.NeighbourRead(t=self.clock(), label=label, address=vip, mac=mac, state=state))

        def controller() -> bool:
            now = self.clock()
            ph = st["phase"]
            if ph == "before" and now - st["t"] >= 1.5 and self.seq >= 10:
                neigh("before")
                err = runtime.cut_links(self.ctx.sandbox, active, True)
                self.rec.add(model.LinkCut(t=self.clock(), balancer=active, error=err))
                if err:
                    return False
                self.undo.append(lambda: self.rec.add(model.LinkCut(
                    t=self.clock(), balancer=active, restored=True,
                    error=runtime.cut_links(self.ctx.sandbox, active, False))))
                enter("cut", active)
            elif ph == "cut":
                moved = any(self.vip_holders.get(o) for o in others)
                first = ok_since(st["t"])
                if moved and first is not None and now - first >= 1.5:
                    neigh("moved")
                    self._undo_last()
                    enter("restored", active)
                elif now - st["t"] > WAIT_DOWN_S:
                    neigh("moved")
                    self._undo_last()
                    enter("restored", active)
            elif ph == "restored":
                back = self.vip_holders.get(active) and not any(self.vip_holders.get(o) for o in others)
                first = ok_since(st["t"])
                if back and first is not None and now - first >= 1.5:
                    neigh("back")
                    return False
                if now - st["t"] > WAIT_DOWN_S:
                    neigh("back")
                    return False
            return True

        enter("before")
        try:
            self._paced(controller)
        finally:
            poller.join(2.0)
            if sniffer is not None:
                sniffer.close()

    def _on_arp(self, t: float, op: int, smac: str, sip: str, tip: str) -> None:
        if self.arp_count >= MAX_EVENTS_ARP:
            return
        self.arp_count += 1
        self.rec.add(model.ArpCaptured(t=t, op=op, sender_mac=smac, sender_ip=sip, target_ip=tip))

    # ------------------------------------------------------------------ the backends' view

    def _access_logs(self) -> None:
        sb = self.ctx.sandbox
        state_dir = getattr(sb, "state_dir", None)
        if not state_dir:
            return
        names = set()
        for b in self.balancers:
            names.update((b.get("servers") or {}).keys())
            for r in b.get("routes") or []:
                names.update(s["host"] for s in r.get("servers", []))
        for ev in self.rec.of_type(model.RequestCompleted):
            names.update(v for k, v in ev.headers if k == "x-backend")
        for name in sorted(names):
            d = Path(state_dir) / name
            if not (d / "access.log").exists() and not d.is_dir():
                continue
            if not all(c.isalnum() or c in "-_" for c in name):
                continue
            lines, err = runtime.read_access_log(str(d), self.run_id)
            if not lines and not (d / "access.log").exists():
                continue
            self.rec.add(model.AccessLogRead(t=self.clock(), backend=name, ids=tuple(str(x.get("id", "")) for x in lines),
                                             peers=tuple(str(x.get("peer", "")) for x in lines),
                                             xffs=tuple(str(x.get("xff", "")) for x in lines), error=err))


# ---------------------------------------------------------------------- one exchange


def _tls_context(cafile: str | None):
    import ssl

    ctx = ssl.create_default_context(cafile=cafile) if cafile else ssl.create_default_context()
    return ctx


_TLS: dict = {}


def exchange(p: dict, address: str, client: str, seq: int, req_id: str, timeout: float, clock, cookie: str,
             cafile: str | None) -> model.RequestCompleted:
    """One request on a fresh TCP connection from `client`; never raises for the target's behaviour."""
    import ssl

    t0 = clock()
    host, port, path = str(p["host"]), int(p["port"]), str(p["path"])
    authority = host if port == (443 if p["scheme"] == "https" else 80) else f"{host}:{port}"
    lines = [f"GET {path} HTTP/1.1", f"Host: {authority}", "User-Agent: netlab-lb", "Accept: */*",
             f"X-Netlab-Request: {req_id}", "Connection: close"]
    if cookie:
        lines.append(f"Cookie: {cookie}")
    request = ("\r\n".join(lines) + "\r\n\r\n").encode()
    fields = {"t": t0, "seq": seq, "client": client, "cookie_sent": cookie}
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(timeout)
    connect_ms = None
    subject = ""
    try:
        if client:
            s.bind((client, 0))
        s.connect((address, port))
        connect_ms = round((clock() - t0) * 1000, 3)
        if p["scheme"] == "https":
            key = cafile or ""
            if key not in _TLS:
                _TLS[key] = _tls_context(cafile)
            s = _TLS[key].wrap_socket(s, server_hostname=host)
            cert = s.getpeercert() or {}
            subject = ", ".join(f"{k}={v}" for rdn in cert.get("subject", ()) for k, v in rdn)[:200]
        s.sendall(request)
        data = _read_answer(s)
    except TimeoutError:
        return model.RequestCompleted(**fields, outcome="timeout", t_end=clock(), connect_ms=connect_ms,
                                      error=f"no answer within {timeout:g} s", tls_subject=subject)
    except ssl.SSLError as e:
        return model.RequestCompleted(**fields, outcome="tls-error", t_end=clock(), connect_ms=connect_ms,
                                      error=str(getattr(e, "reason", None) or e)[:200])
    except OSError as e:
        name = NAMES.get(e.errno or 0, "error")
        return model.RequestCompleted(**fields, outcome=name, t_end=clock(), connect_ms=connect_ms,
                                      error=(errno.errorcode.get(e.errno or 0, "") + " " + (e.strerror or str(e))).strip()[:200],
                                      tls_subject=subject)
    finally:
        with contextlib.suppress(OSError):
            s.close()
    t_end = clock()
    total = round((t_end - t0) * 1000, 3)
    if not data:
        return model.RequestCompleted(**fields, outcome="empty", t_end=t_end, connect_ms=connect_ms, total_ms=total,
                                      tls_subject=subject)
    if not data.startswith(b"HTTP/"):
        return model.RequestCompleted(**fields, outcome="garbage", t_end=t_end, connect_ms=connect_ms, total_ms=total,
                                      body_head=data[:KEEP_BODY], tls_subject=subject)
    head, _, body = data.partition(b"\r\n\r\n")
    hl = head.decode("latin-1").split("\r\n")
    parts = hl[0].split(" ", 2)
    status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
    reason = parts[2][:80] if len(parts) > 2 else ""
    headers = []
    for ln in hl[1:60]:
        k, sep, v = ln.partition(":")
        k = k.strip().lower()
        if sep and k in KEEP_HEADERS:
            headers.append((k, v.strip()[:200]))
    if status is None:
        return model.RequestCompleted(**fields, outcome="garbage", t_end=t_end, connect_ms=connect_ms, total_ms=total,
                                      body_head=data[:KEEP_BODY], tls_subject=subject)
    return model.RequestCompleted(**fields, outcome="ok" if status < 400 else "http-error", t_end=t_end,
                                  connect_ms=connect_ms, total_ms=total, status=status, reason=reason,
                                  headers=tuple(headers), body_head=body[:KEEP_BODY], tls_subject=subject)


def _read_answer(s) -> bytes:
    """Until the server closes, or the head and Content-Length bytes are in, or MAX_ANSWER."""
    buf = b""
    need = None
    while len(buf) < MAX_ANSWER:
        d = s.recv(65536)
        if not d:
            break
        buf += d
        if need is None and b"\r\n\r\n" in buf:
            head, _, _ = buf.partition(b"\r\n\r\n")
            for ln in head.split(b"\r\n")[1:]:
                k, _, v = ln.partition(b":")
                if k.strip().lower() == b"content-length" and v.strip().isdigit():
                    need = len(head) + 4 + int(v.strip())
            if need is None and not buf.startswith(b"HTTP/"):
                break
        if need is not None and len(buf) >= need:
            break
    return buf[:MAX_ANSWER]
