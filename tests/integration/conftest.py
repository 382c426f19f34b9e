"""Fixtures for integration tests: real sandboxes (network namespaces, emulated links, services).

API (keep it stable: every integration test of netlab uses it)
-------------------------------------------------------------

``sandbox`` (session scope): the DEFAULT scenario (netlab/sandbox/data/default.toml), brought up
once per test session under a unique name and torn down at the end.  It is a ``SandboxHandle``:

- ``.name``        the sandbox's name (``pytest-<pid>``)
- ``.info``        ``netlab.sandbox.context.SandboxInfo`` (roots, resolver, cacert, hosts, client,
                   state_dir, backend), the same object probes get inside the sandbox
- ``.state``       the state.json dict (pid, hosts with addresses, rtt_ms, services, backend, ...)
- ``.state_dir``   pathlib.Path of the sandbox's state directory (service logs, configs, pki/)
- ``.host(name)``  one host's dict from state.json (name, role, fqdn, ipv4, ipv6, addresses,
                   services, processes, rtt_ms, interfaces)
- ``.exec(argv, host="client", timeout=30, input=None, check=False, env=None)``
                   run argv inside a host (stdin from ``input``, stdout/stderr captured as text);
                   returns ``subprocess.CompletedProcess``.  ``env`` adds variables.  On timeout
                   the command is killed inside the sandbox too and TimeoutExpired is raised.
- ``.netlab(*args, timeout=60, input=None, host="client")``  run the ``netlab`` CLI inside a
                   host (like ``netlab --sandbox=NAME ...`` does); returns CompletedProcess
- ``.popen(argv, host="client", **popen_kwargs)``  start a background process inside a host (for
                   a test server), in its own process group; killed by the fixture at the end
                   (and in any case when the sandbox goes down)
- ``.exec_argv(argv, host="client")``  the command line that would run argv in the host (to
                   build your own subprocess calls)

``make_sandbox`` (function scope): a factory ``make_sandbox(toml_text, name=None) -> SandboxHandle``
that brings up a scenario of your own (TOML text, see netlab/sandbox/scenario.py for the schema)
and tears it down after the test.

Both skip, with the reason, when the sandbox cannot run here: not root and unprivileged user
namespaces unavailable, or ip/ethtool/unshare/nsenter missing; ``sandbox`` also skips when a
service program of the default scenario (nsd, unbound, ...) is missing or its service module is
not written yet.  Everything a test starts inside the sandbox dies with it (PID namespace).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from netlab.errors import EnvironmentProblem, MissingTool, SandboxError


def _skip_reason() -> str | None:
    from netlab.sandbox import control

    for tool, pkg in control.TOOLS.items():
        if not control.which(tool):
            return f"sandbox needs '{tool}' (apt-get install {pkg})"
    problem = control.userns_problem()
    if problem:
        return f"not root, and {problem}"
    return None


class SandboxHandle:
    def __init__(self, name: str, state: dict):
        from netlab.sandbox.context import read_info
        from netlab.sandbox.contract import StateFiles

        self.name = name
        self.state = state
        self.state_dir = Path(state["state_dir"])
        self.info = read_info(str(StateFiles(self.state_dir).info))
        self._procs: list[subprocess.Popen] = []

    def host(self, name: str) -> dict:
        for h in self.state["hosts"]:
            if h["name"] == name:
                return h
        raise KeyError(name)

    def exec_argv(self, argv: list[str], host: str = "client") -> list[str]:
        from netlab.sandbox import control

        return control.exec_argv(self.state, host, [str(a) for a in argv])

    def _env(self, env: dict | None) -> dict:
        from netlab.sandbox import control

        e = control.exec_env(self.state)
        if env:
            e.update(env)
        return e

    def exec(self, argv, host: str = "client", timeout: float = 30, input: str | None = None,
             check: bool = False, env: dict | None = None) -> subprocess.CompletedProcess:
        full = self.exec_argv(list(argv), host)
        # its own process group: on timeout the command inside the sandbox is killed as well as
        # nsenter (which forked it into the sandbox's PID namespace)
        with subprocess.Popen(full, env=self._env(env), stdin=subprocess.PIPE if input is not None else subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              start_new_session=True) as p:
            try:
                out, err = p.communicate(input, timeout=timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(OSError):
                    os.killpg(p.pid, 9)
                p.communicate()
                raise
        cp = subprocess.CompletedProcess(full, p.returncode, out, err)
        if check:
            cp.check_returncode()
        return cp

    def netlab(self, *args: str, timeout: float = 60, input: str | None = None, host: str = "client",
               env: dict | None = None) -> subprocess.CompletedProcess:
        argv = [sys.executable, "-c", "import sys; from netlab.cli import main; sys.argv[0] = 'netlab'; main()",
                *args]
        return self.exec(argv, host=host, timeout=timeout, input=input, env=env)

    def popen(self, argv, host: str = "client", **kwargs) -> subprocess.Popen:
        kwargs.setdefault("env", self._env(kwargs.pop("extra_env", None)))
        kwargs.setdefault("start_new_session", True)  # so close() can kill what runs inside too
        p = subprocess.Popen(self.exec_argv(list(argv), host), **kwargs)
        self._procs.append(p)
        return p

    def close(self) -> None:
        for p in self._procs:
            if p.poll() is None:
                with contextlib.suppress(OSError):
                    os.killpg(p.pid, 9)
                with contextlib.suppress(OSError):
                    p.kill()
                with contextlib.suppress(Exception):
                    p.wait(5)


def _bring_up(name: str, scenario_path: str | None) -> SandboxHandle:
    from netlab.sandbox import control

    try:
        state, _ = control.up(name, scenario_path)
    except MissingTool as e:
        pytest.skip(f"sandbox: {e.message} ({e.hint})")
    except EnvironmentProblem as e:
        pytest.skip(f"sandbox: {e.message}")
    return SandboxHandle(name, state)


@pytest.fixture(scope="session")
def sandbox():
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    from netlab.sandbox import control, scenario
    from netlab.sandbox.services import SERVICE_TYPES

    sc = scenario.load()
    import importlib.util

    for t in sorted({s["type"] for h in sc.hosts for s in h.services}):
        mod = SERVICE_TYPES[t].split(":")[0]
        if importlib.util.find_spec(mod) is None:
            pytest.skip(f"the default scenario's service type {t!r} needs {mod}, which is not written yet")
    name = f"pytest-{os.getpid()}"
    try:
        handle = _bring_up(name, None)
    except SandboxError as e:
        pytest.fail(f"the default sandbox failed to start: {e.message}", pytrace=False)
    try:
        yield handle
    finally:
        handle.close()
        control.down(name)


@pytest.fixture
def make_sandbox(tmp_path):
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    from netlab.sandbox import control

    made: list[SandboxHandle] = []
    counter = [0]

    def make(toml_text: str, name: str | None = None) -> SandboxHandle:
        counter[0] += 1
        name = name or f"pyt-{os.getpid()}-{counter[0]}"
        path = tmp_path / f"{name}.toml"
        path.write_text(toml_text)
        os.chmod(tmp_path, 0o755)
        os.chmod(path, 0o644)
        h = _bring_up(name, str(path))
        made.append(h)
        return h

    try:
        yield make
    finally:
        for h in made:
            h.close()
            control.down(h.name)
