"""`netlab lab list|start|check|grade|expected|stop`: the worksheets as labs a class can run.

Imports click and light netlab modules only; the work is in netlab.lab (variants, answer files,
checks, grading) and netlab.sandbox.control (bringing the student's sandbox up and down).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from netlab.errors import EXIT_FINDINGS

SHORT = "Run the lab worksheets: a variant per student, answers checked against your own evidence."

LANG = click.option("--lang", type=click.Choice(["en", "ko"]), default=None,
                    help="Language of the output and of the answer file (default from the locale).")
DIR = click.option("--dir", "directory", metavar="DIR", default=None,
                   help="The lab's work directory (default: ./ if it is this lab's, else ~/netlab-labs/NN).")
STUDENT = click.option("--student", metavar="ID", default=None,
                       help="Student ID (1-24 letters, digits, '.', '_', '-'); default: the one lab start recorded.")
NUMBER = click.argument("number", type=click.IntRange(1, 99), metavar="N")


def _lang(lang: str | None) -> str:
    from netlab.cli.common import default_lang

    return lang or default_lang()


def _text(key: str, lang: str, **params) -> str:
    from netlab.lab.messages import M

    return M.text(key, lang, **params)


@click.group("lab", short_help=SHORT, help=(
    "The labs of labs/: each student gets a variant of the lab's sandbox drawn from their student ID, "
    "runs the worksheet's commands, writes answers.md, and `lab check` checks each answer against the "
    "Recordings those commands saved. Instructors collect the work directories and run `lab grade`."))
def group() -> None:
    pass


@group.command("list", short_help="The labs, and which you have started or done.", help="The labs, their concepts and time, and which of them you have started or done.")
@LANG
def list_cmd(lang: str | None) -> None:
    from netlab.lab import load, numbers
    from netlab.lab.workdir import CHECKED, default_dir, read_state

    lang = _lang(lang)
    for n in numbers():
        lab = load(n)
        d = default_dir(n)
        state, status = read_state(d), _text("cli.list.not-started", lang)
        if state:
            status = _text("cli.list.started", lang, student=state.get("student", "?"))
            try:
                checked = json.loads((d / CHECKED).read_text(encoding="utf-8"))
                status = _text("cli.list.done" if checked.get("ok") else "cli.list.checked", lang,
                               passed=checked["counts"]["pass"],
                               checkable=checked["counts"]["pass"] + checked["counts"]["fail"]
                               + checked["counts"]["missing"])
            except (OSError, ValueError, KeyError, TypeError):
                pass
        click.echo(f"{lab.id}  {_text(f'{lab.id}.title', lang)}  ({lab.minutes} min; {', '.join(lab.probes)})")
        click.echo(f"    {_text(f'{lab.id}.concepts', lang)}")
        click.echo(f"    {status}")


@group.command("start", short_help="Bring up your variant of a lab and write a blank answer file.", help="Write your variant of the lab's scenario and a blank answer file into the work "
               "directory, and bring your lab sandbox up.")
@NUMBER
@click.option("--student", metavar="ID", required=True, help="Your student ID (as on the class list).")
@DIR
@LANG
@click.option("--golden", is_flag=True, help="No sandbox (macOS, Windows, no root): copy netlab's golden "
              "recordings of the default scenario into the work directory instead.")
@click.option("--no-up", is_flag=True, help="Write the files only; do not start the sandbox.")
def start_cmd(number: int, student: str, directory: str | None, lang: str | None, golden: bool,
              no_up: bool) -> None:
    from netlab.lab.session import start

    lang = _lang(lang)
    for line in start(number, student, directory, lang, golden=golden, up=not (no_up or golden)):
        click.echo(line)


@group.command("check", short_help="Check your answers against your own evidence.", help="Check answers.md against your evidence (the Recordings the Run steps saved) "
               "and your variant. Exit 0 when every machine-checkable answer passes, 1 otherwise.")
@NUMBER
@STUDENT
@DIR
@LANG
@click.option("--golden", is_flag=True, help="Check against netlab's golden recordings of the default scenario.")
@click.option("--json", "json_", is_flag=True, help="Print the check as JSON.")
def check_cmd(number: int, student: str | None, directory: str | None, lang: str | None, golden: bool,
              json_: bool) -> None:
    from netlab.lab.check import render_text
    from netlab.lab.session import check

    lang = _lang(lang)
    report = check(number, student, directory, golden=golden)
    if json_:
        click.echo(json.dumps(report.to_json(), indent=1, ensure_ascii=False))
    else:
        click.echo(render_text(report, lang), nl=False)
    if not report.ok:
        sys.exit(EXIT_FINDINGS)


@group.command("grade", short_help="Instructors: check a class's submissions into CSV and Markdown.", help="For instructors: check every submission in DIR (one sub-directory per student) "
               "and write grade.csv and grade.md there.")
@click.argument("directory", metavar="DIR", type=click.Path(file_okay=False, exists=True))
@LANG
@click.option("--out", metavar="DIR", default=None, help="Where to write grade.csv and grade.md (default: DIR).")
@click.option("--html", "html", metavar="FILE", default=None,
              help="Also write the class summary as one self-contained HTML page.")
def grade_cmd(directory: str, lang: str | None, out: str | None, html: str | None) -> None:
    from netlab.lab.grade import grade, to_csv, to_document, to_markdown

    lang = _lang(lang)
    g = grade(Path(directory), lang)
    target = Path(out or directory)
    md = to_markdown(g, lang)
    try:
        (target / "grade.csv").write_text(to_csv(g), encoding="utf-8")
        (target / "grade.md").write_text(md, encoding="utf-8")
    except OSError as e:
        from netlab.errors import UsageError

        raise UsageError(f"cannot write the grade files into {target}: {e.strerror or e}") from e
    if html:
        from netlab.report.html import render_html

        try:
            Path(html).write_text(render_html(to_document(g, lang)), encoding="utf-8")
        except OSError as e:
            from netlab.errors import UsageError

            raise UsageError(f"cannot write {html}: {e.strerror or e}") from e
    click.echo(md)
    click.echo(_text("grade.wrote", lang, csv=target / "grade.csv", md=target / "grade.md"))


@group.command("expected", short_help="Instructors: the expected observations of a student's variant.", help="For instructors: the expected observations of one student's variant.")
@NUMBER
@click.option("--student", metavar="ID", required=True, help="The student's ID ('golden': the default scenario).")
@LANG
def expected_cmd(number: int, student: str, lang: str | None) -> None:
    from netlab.lab.session import expected

    for line in expected(number, student, _lang(lang)):
        click.echo(line)


@group.command("stop", short_help="Bring your lab sandbox down.", help="Bring your lab sandbox down (your files stay).")
@NUMBER
@STUDENT
@DIR
def stop_cmd(number: int, student: str | None, directory: str | None) -> None:
    from netlab.lab.session import stop

    click.echo(stop(number, student, directory))
