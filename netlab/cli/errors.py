"""Turning every way a command can fail into one line and a documented exit code (the codes:
netlab.errors.EXIT_CODES)."""

from __future__ import annotations

import sys

import click

from netlab.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, NetlabError

MAX_MESSAGE = 300  # characters: a diagnosis is one line, even when it quotes a 100 KB argument


def one_line(text: str) -> str:
    """A message made inert (controls escaped, the same sanitiser as the reports) and cut to one line."""
    from netlab.report.sanitise import clean

    text = clean(str(text))
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"


def print_error(message: str, hint: str | None = None) -> None:
    click.echo(f"netlab: {one_line(message)}", err=True)
    if hint:
        click.echo(f"  hint: {one_line(hint)}", err=True)


def run_main(group: click.Group, args: list[str], show_traceback: bool = False) -> int:
    try:
        group.main(args=args, prog_name="netlab", standalone_mode=False)
        return EXIT_OK
    except click.exceptions.Exit as e:
        return e.exit_code
    except click.exceptions.Abort:
        print_error("interrupted")
        return EXIT_INTERRUPTED
    except click.UsageError as e:
        if type(e).__name__ == "NoArgsIsHelpError":  # `netlab` alone: click shows the help
            e.show()
            return e.exit_code
        # usage errors: click's own message on one line, and where to look
        cmd = e.ctx.command_path if e.ctx is not None else "netlab"
        click.echo(f"netlab: {one_line(e.format_message())}  (see '{cmd} --help')", err=True)
        return EXIT_USAGE
    except click.ClickException as e:
        # click's other errors (an unreadable file argument): usage problems too, never exit 1,
        # which means "findings reached --fail-on"
        print_error(e.format_message())
        return EXIT_USAGE
    except NetlabError as e:
        if show_traceback:
            import traceback

            traceback.print_exc()
        print_error(e.message, e.hint)
        return e.exit_code
    except KeyboardInterrupt:
        print_error("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # `netlab ... | head`: not an error of ours
        try:
            sys.stdout = None  # type: ignore[assignment]
        except Exception:
            pass
        return EXIT_OK
    except Exception as e:  # a bug
        if show_traceback:
            import traceback

            traceback.print_exc()
            print_error(f"internal error: {type(e).__name__}: {e}")
        else:
            print_error(
                f"internal error: {type(e).__name__}: {e}",
                "this is a bug in netlab; rerun with --traceback and report what it prints",
            )
        return EXIT_INTERNAL
