"""I/O for `netlab http-compare`: one name resolution, then interleaved h1/h2 (httpx) and h3 (aioquic) runs.

Only collect and its helpers touch the network, the clock and the file system: resolution.py (the
name), link.py (the sandbox's link), h1h2.py (httpx), h3.py (aioquic).  Heavy libraries are
imported inside functions.  Everything the target does wrong is recorded as an event; only usage
and environment problems raise.  The chart is not drawn here: outputs.py draws it from the Result.
"""

from __future__ import annotations

import asyncio
import os
import socket
import time

from netlab.errors import UsageError
from netlab.model import DeadlineReached, Recording
from netlab.probes.context import RunContext
from netlab.probes.http_compare import model
from netlab.probes.http_compare.h1h2 import choose_hol_object, follow_redirects, run_httpx
from netlab.probes.http_compare.h3 import run_h3
from netlab.probes.http_compare.link import LinkControl, sandbox_path, server_cc
from netlab.probes.http_compare.messages import M
from netlab.probes.http_compare.params import (
    check_hol_object,
    modes_for,
    modes_for_hol,
    normalize_params,
    parse_resolve,
    parse_url,
)
from netlab.probes.http_compare.resolution import resolve
from netlab.probes.http_compare.state import RunState

RTT_SAMPLES_PER_RUN = 3


def _client_versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ("httpx", "httpcore", "h2", "aioquic"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            pass
    return out


def _check_files(p: dict, cacert: str | None) -> None:
    if cacert and not os.path.isfile(cacert):
        raise UsageError(f"--cacert {cacert}: no such file")
    qlog_dir = p.get("qlog")
    if qlog_dir:
        try:
            os.makedirs(qlog_dir, exist_ok=True)
        except OSError as e:
            raise UsageError(f"--qlog {qlog_dir}: cannot create the directory ({e.strerror or e})") from e


def collect(params: dict, ctx: RunContext) -> Recording:
    p = normalize_params(params)
    target = parse_url(p["url"])
    pins = parse_resolve(p["resolve"])
    cacert = p.get("cacert") or (getattr(ctx.sandbox, "cacert", None) if ctx.sandbox else None)
    _check_files(p, cacert)
    check_hol_object(p.get("hol_object"))
    if (p["hol"] or p.get("server_cc")) and ctx.sandbox is None:
        what = "--hol drops one chosen packet on the sandbox's emulated link" if p["hol"] else \
            "--server-cc sets a sandbox web host's congestion control"
        raise UsageError(f"{what}; it works only with --sandbox",
                         hint="netlab --sandbox http-compare https://www.naver.com/ --hol")
    rec = Recording(
        probe="http-compare",
        params=dict(p),
        environment={
            "sandbox": getattr(ctx.sandbox, "name", None),
            "resolver": getattr(ctx.sandbox, "resolver", None),
            "cacert": cacert,
            "timeout_s": ctx.timeout,
            "clients": _client_versions(),
        },
        started_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    )
    t0 = ctx.clock()
    link = LinkControl(ctx, rec, lambda: ctx.clock() - t0) if ctx.sandbox is not None else None
    put_back_cc = None
    if p.get("loss") is not None or p.get("delay") is not None:
        if link is None:
            LinkControl(ctx, rec, lambda: 0.0).impair(p)  # the usage error, outside the sandbox
        link.impair(p)
    try:
        # 1. one name resolution, kept out of the protocol columns
        res = resolve(target.host, target.port, pins, ctx, lambda: ctx.clock() - t0)
        rec.add(res)
        # 2. redirects, followed only when asked
        if p["follow"] and res.address:
            target, res = asyncio.run(follow_redirects(target, res, pins, cacert, ctx, rec, t0))
        if not res.address:
            return rec
        path = sandbox_path(ctx, res.address)
        if path:
            rec.environment["sandbox_path"] = path
        put_back_cc = server_cc(ctx, rec, res.address, p.get("server_cc"), lambda: ctx.clock() - t0)
        st = RunState(ctx=ctx, t0=t0, target=target, address=res.address, cacert=cacert, params=p, rec=rec,
                      link=link)
        if p["hol"]:
            asyncio.run(choose_hol_object(st))
        asyncio.run(_runs(st, p.get("qlog")))
    finally:
        try:
            if put_back_cc is not None:
                put_back_cc()
        finally:
            if link is not None:
                link.restore()
    if p.get("chart"):
        rec.artifacts["chart"] = p["chart"]  # drawn from the Result by outputs.py
    return rec


def _warm_imports(protocols: list[str]) -> None:
    """Import what the clients import lazily, so no run (and no CPU figure) pays for imports."""
    import importlib

    names = ["ssl", "httpx", "httpcore", "h11", "anyio", "anyio._backends._asyncio", "httpcore._backends.anyio"]
    if "h2" in protocols:
        names += ["h2.connection", "h2.events", "hpack"]
    if "h3" in protocols:
        names += ["aioquic.asyncio.client", "aioquic.h3.connection", "aioquic.quic.logger", "pylsqpack"]
    for name in names:
        try:
            importlib.import_module(name)
        except ImportError:
            pass


async def _runs(st: RunState, qlog_dir: str | None) -> None:
    p = st.params
    _warm_imports(p["protocols"])
    modes = modes_for_hol(p["protocols"]) if p["hol"] else modes_for(p["protocols"], p["requests"])
    plan = [(run, mode) for run in range(p["repeat"]) for mode in modes]
    for i, (run, mode) in enumerate(plan):
        if st.ctx.expired():
            _cut(st, plan[i:])
            return
        if mode == modes[0]:
            _sample_rtt(st, run, warm=(run == 0))
        if mode == "h3-0rtt" and run not in st.tickets:
            st.rec.add(model.ClientRunFinished(t=st.now(), run=run, mode=mode, cpu_s=0.0, wall_s=0.0,
                                               error_kind="no-ticket", error=M.text("recorded.no-ticket", "en")))
            continue
        one = run_httpx(st, run, mode) if mode in ("h1", "h1-k", "h2") else run_h3(st, run, mode, qlog_dir)
        try:
            await asyncio.wait_for(one, timeout=max(0.01, st.ctx.remaining()))
        except TimeoutError:
            _cut(st, plan[i:])
            return


def _cut(st: RunState, left: list[tuple[int, str]]) -> None:
    """The deadline came: say what was not done (the run cut in the middle counts as not done)."""
    run, mode = left[0]
    more = f" and {len(left) - 1} more" if len(left) > 1 else ""
    st.rec.add(DeadlineReached(t=st.now(), deadline_s=st.ctx.deadline,
                               skipped=f"{mode} run {run + 1} of {st.params['repeat']}{more}"))


def _connect_once(st: RunState) -> tuple[float, float | None, str | None]:
    """One bare TCP connect: (when it started, how long it took, what went wrong)."""
    family = socket.AF_INET6 if ":" in st.address else socket.AF_INET
    s = socket.socket(family, socket.SOCK_STREAM)
    s.settimeout(st.ctx.timeout)
    t = st.now()
    try:
        s.connect((st.address, st.target.port))
        return t, st.now() - t, None
    except OSError as e:
        return t, None, f"{type(e).__name__}: {e.strerror or e}"
    finally:
        s.close()


def _sample_rtt(st: RunState, run: int, warm: bool) -> None:
    """The RTT, measured apart from any HTTP client: bare TCP connects (SYN -> SYN/ACK)."""
    n = RTT_SAMPLES_PER_RUN + (1 if warm else 0)  # the first pays for ARP/ND: thrown away
    for i in range(n):
        t, d, err = _connect_once(st)
        if warm and i == 0 and not err:
            continue
        st.rec.add(model.RttSampled(t=t, run=run, address=st.address, port=st.target.port, duration_s=d, error=err))
        if err:
            return
