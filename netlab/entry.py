"""The `netlab` command's entry point: `netlab --help` from a cache, everything else through click.

`netlab --help` is what a student types first, and importing click is most of its time (~40 ms of
~60).  The help text is click's own rendering, so this module keeps a copy of it in the user's
cache directory, keyed by what the text depends on: netlab's version, the root group's source
(netlab/cli/__init__.py: its options, commands and summaries), the command modules present, the
click version and the terminal width.  Any change of those renders it again with click.  Nothing
here imports click; everything but `--help` / `-h` alone goes straight to netlab.cli.main.
NETLAB_HELP_CACHE=0 turns the cache off.
"""

from __future__ import annotations

import os
import sys


def _cache_path() -> str | None:
    if os.environ.get("NETLAB_HELP_CACHE") == "0":
        return None
    try:
        import hashlib
        import shutil

        import netlab

        here = os.path.dirname(os.path.abspath(netlab.__file__))
        cli = os.path.join(here, "cli")
        parts = [netlab.__version__, sys.version, str(min(shutil.get_terminal_size().columns, 100))]
        st = os.stat(os.path.join(cli, "__init__.py"))
        parts += [str(st.st_mtime_ns), str(st.st_size), ",".join(sorted(os.listdir(cli)))]
        for path in sys.path:  # click's own version, without importing it
            init = os.path.join(path, "click", "__init__.py")
            if os.path.exists(init):
                ct = os.stat(init)
                parts += [init, str(ct.st_mtime_ns), str(ct.st_size)]
                break
        key = hashlib.sha256("\0".join(parts).encode()).hexdigest()[:20]
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        return os.path.join(base, "netlab", f"help-{key}.txt")
    except (OSError, ImportError):
        return None


def main() -> None:
    args = sys.argv[1:]
    path = _cache_path() if args in (["--help"], ["-h"]) else None
    if path:
        try:
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
        except OSError:
            text = None
        if text:
            sys.stdout.write(text)
            sys.stdout.flush()
            sys.exit(0)
        text = _render_help()
        if text is not None:
            _store(path, text)
            sys.stdout.write(text)
            sys.stdout.flush()
            sys.exit(0)
    from netlab.cli import main as cli_main

    cli_main()


def _render_help() -> str | None:
    """click's rendering of `netlab --help`, as text (None if it did not exit cleanly)."""
    import contextlib
    import io

    from netlab.cli import main as cli_main

    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf):
            cli_main(["--help"])
    except SystemExit as e:
        if e.code not in (0, None):
            return None
    return buf.getvalue()


def _store(path: str, text: str) -> None:
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError:
        pass  # no cache: the next --help renders it again
