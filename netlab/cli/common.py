"""Options every probe shares, defined once, and the pipeline that runs a probe.

    collect (I/O) -> Recording -> analyze (pure) -> Result -> build (pure) -> Document -> render

A probe command is written as::

    @probe_command("dns-trace", help="...")
    @click.argument("name")
    @click.option("--type", ...)
    def command(shared: SharedOptions, name: str, type: str) -> None:
        run_probe("dns-trace", {"name": name, "type": type}, shared)
"""

from __future__ import annotations

import contextlib
import functools
import locale
import os
import sys
from dataclasses import dataclass

import click

from netlab.errors import EXIT_FINDINGS, EXIT_NETWORK, InputFileError, NetlabError, UsageError


def default_lang() -> str:
    """Korean when the locale says so (LC_ALL, LC_MESSAGES, LANG, LANGUAGE), else English."""
    env = os.environ.get("NETLAB_LANG")
    if env in ("en", "ko"):
        return env
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        val = os.environ.get(var)
        if val:
            return "ko" if val.lower().startswith("ko") else "en"
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return "ko" if loc.lower().startswith("ko") else "en"


# The option types every command shares (validated by netlab.targets), defined in types.py.
from netlab.cli.types import (  # noqa: E402,F401  (re-exported: commands import them from here)
    Address,
    CaFile,
    HostPort,
    OutputFile,
    ResolvePin,
    SandboxName,
    Seconds,
    UrlType,
)


@dataclass
class SharedOptions:
    json: bool = False
    markdown: str | None = None
    html: str | None = None
    save: str | None = None
    timeout: float = 5.0
    deadline: float = 120.0
    verbose: bool = False
    lang: str = "en"
    fail_on: str | None = None
    traceback: bool = False
    sandbox: str | None = None  # from the root group's --sandbox
    replay: bool = False  # `netlab report`: re-rendering a saved Recording (no new evidence)
    chart: str | None = None  # `netlab report --chart FILE`: redraw a probe's chart from the Recording


def shared_options(f):
    """Add the shared options to a command; the function receives ``shared=SharedOptions``."""
    opts = [
        click.option("--json", "json_", is_flag=True, help="Print the result as JSON on stdout."),
        click.option(
            "--markdown", "markdown", metavar="FILE", type=OutputFile(allow_dash=True),
            help="Also write the report as a Markdown section (for worksheets); '-' for stdout.",
        ),
        click.option(
            "--html", "html", metavar="FILE", type=OutputFile(),
            help="Also write the report as one self-contained HTML page (diagrams and charts inline).",
        ),
        click.option("--save", metavar="FILE", type=OutputFile(),
                     help="Save the Recording (raw evidence) for `netlab report`."),
        click.option("--timeout", type=Seconds(0.05, 600), default=5.0, show_default=True,
                     metavar="SECONDS", help="Timeout for each network operation."),
        click.option("--deadline", type=Seconds(1, 3600), default=120.0, show_default=True, metavar="SECONDS",
                     help="Overall time limit of the run: what is still going then is cut, and the report says so."),
        click.option("-v", "--verbose", is_flag=True, help="Show details and full concept notes."),
        click.option("--lang", type=click.Choice(["en", "ko"]), default=None,
                     help="Language of the notes (default from the locale)."),
        click.option("--fail-on", type=click.Choice(["error", "warning"]), default=None,
                     help="Exit 1 when a finding reaches this severity."),
        click.option("--traceback", "traceback_", is_flag=True, help="Show tracebacks of internal errors."),
    ]

    @functools.wraps(f)
    def wrapper(*args, json_, markdown, html, save, timeout, deadline, verbose, lang, fail_on, traceback_,
                **kwargs):
        ctx = click.get_current_context()
        root = ctx.find_root().obj or {}
        shared = SharedOptions(
            json=json_, markdown=markdown, html=html, save=save, timeout=timeout, deadline=deadline,
            verbose=verbose,
            lang=lang or default_lang(), fail_on=fail_on,
            traceback=traceback_ or bool(root.get("traceback")), sandbox=root.get("sandbox"),
        )
        return f(*args, shared=shared, **kwargs)

    for opt in reversed(opts):
        wrapper = opt(wrapper)
    return wrapper


def probe_command(name: str, **kwargs):
    """A click command with the shared options, named ``name``."""

    def deco(f):
        return click.command(name, **kwargs)(shared_options(f))

    return deco


def run_probe(probe_name: str, params: dict, shared: SharedOptions) -> None:
    """Run one probe end to end and exit with the right code."""
    from netlab.probes import load_probe
    from netlab.probes.context import RunContext

    sandbox_info = None
    if shared.sandbox:
        from netlab.sandbox.context import enter_sandbox_or_reexec

        # Either re-executes this very command inside the sandbox's client host (and exits),
        # or, when already inside, returns the sandbox's description.
        sandbox_info = enter_sandbox_or_reexec(shared.sandbox, say=lambda m: click.echo(f"netlab: {m}", err=True))
    else:
        from netlab.sandbox.context import current as current_sandbox

        sandbox_info = current_sandbox()

    probe = load_probe(probe_name, source=probe_name)
    _prefetch_report_modules(probe, shared)
    ctx = RunContext(timeout=shared.timeout, verbose=shared.verbose, lang=shared.lang, sandbox=sandbox_info,
                     pcap=params.get("pcap"), deadline=shared.deadline)
    recording = probe.collect(params, ctx)
    if shared.save:
        save_recording(recording, shared.save)
    report_recording(recording, shared)


def _prefetch_report_modules(probe, shared: SharedOptions) -> None:
    """Import what the report will need (analyze, build, the renderer: rich) in a background thread,
    so that it happens while collect waits on the network instead of after it.  Imports are
    thread-safe (per-module locks); the main thread simply finds them done, or waits for them."""
    import importlib
    import threading

    names = [f"{probe.spec.package}.analyze", f"{probe.spec.package}.build"]
    if not shared.json and shared.markdown != "-":
        names.append("netlab.report.terminal")

    def run() -> None:
        for name in names:
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001 - the main thread imports it again and reports the error
                return

    threading.Thread(target=run, name="netlab-prefetch", daemon=True).start()


def save_recording(recording, path: str) -> None:
    from netlab import __version__

    recording.netlab_version = recording.netlab_version or __version__
    try:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(recording.dumps())
    except OSError as e:
        raise UsageError(f"cannot write recording to {path}: {e.strerror or e}") from e


def report_recording(recording, shared: SharedOptions) -> None:
    """analyze -> build -> render, then exit according to --fail-on and reachability."""
    from netlab.probes import load_probe

    probe = load_probe(recording.probe)
    with _replayed(recording, shared):
        result = probe.analyze(recording)
        doc = probe.build(result, shared.lang)
    probe.outputs(result, recording, shared)  # derived files (charts), drawn from the Result
    emit(doc, result, recording, shared)
    code = exit_code_for(result, shared.fail_on)
    if code:
        sys.exit(code)


@contextlib.contextmanager
def _replayed(recording, shared: SharedOptions):
    """Under `netlab report`, a Recording is untrusted input: evidence that analysis cannot read
    (a field of the right type with impossible contents) is a malformed file, not a netlab bug."""
    try:
        yield
    except NetlabError:
        raise
    except Exception as e:
        if not shared.replay or shared.traceback:
            raise
        raise InputFileError(
            f"malformed recording: its {recording.probe} evidence cannot be analysed "
            f"({type(e).__name__}: {str(e)[:120]})",
            hint="rerun with --traceback if the file came from netlab unchanged, and report it",
        ) from e


def exit_code_for(result, fail_on: str | None) -> int:
    from netlab.model import severity_rank

    if fail_on:
        worst = result.max_severity()
        if worst is not None and severity_rank(worst) >= severity_rank(fail_on):
            return EXIT_FINDINGS
    if getattr(result, "unreachable", False):
        return EXIT_NETWORK
    return 0


def _write_text(path: str, text: str) -> None:
    try:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as e:
        raise InputFileError(f"cannot write {path}: {e.strerror or e}") from e


def emit(doc, result, recording, shared: SharedOptions) -> None:
    if shared.html:
        from netlab.report.html import render_html

        _write_text(shared.html, render_html(doc, verbose=shared.verbose))
    if shared.markdown:
        from netlab.report.markdown import render_markdown

        md = render_markdown(doc, verbose=shared.verbose)
        if shared.markdown == "-":
            click.echo(md, nl=False)
        else:
            _write_text(shared.markdown, md)
    if shared.json:
        from netlab.report.jsonout import render_json

        click.echo(render_json(doc, result, recording))
    elif shared.markdown != "-":
        from netlab.report.terminal import render_terminal

        click.echo(render_terminal(doc, verbose=shared.verbose), nl=False)
