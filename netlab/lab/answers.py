"""Answer files: one small Markdown file per student and lab, parsed line by line (pure).

The format (labs/README.md, "Answer files", is the student's description)::

    # netlab lab 01 — answers            <- headings: any line starting with '#'
    lab: 01                              <- required, before the first answer
    student: s1                          <- required

    ## Observe
    > O1 (R1). How many queries ...      <- '>' lines: the question, ignored
    - O1.queries: 5                      <- an answer: '- KEY: value' on one line
    - E1: The trace has three zones       <- a free-text answer may go on over
      because ...                        <-   lines indented by two spaces or more

Blank lines and ``<!-- ... -->`` comment lines are ignored; anything else is a problem.  Every
problem is reported, each as one line with its line number (``answers.md:12: ...``), and a file
with problems is not checked at all: a student fixes the file, not the grader.  An answer left
empty is simply "not answered".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from netlab.i18n import T
from netlab.lab.messages import M

MAX_BYTES = 256 * 1024
MAX_LINES = 2000

_ANSWER = re.compile(r"^[-*]\s+([A-Za-z][A-Za-z0-9_.-]*)\s*:(.*)$")
_HEADER = re.compile(r"^(lab|student)\s*:(.*)$", re.IGNORECASE)
_NUMBER = re.compile(r"^([-+]?\d+(?:\.\d+)?)\s*([A-Za-z가-힣]*)$")

# units a number may carry, per kind of key: "12.5 ms", "60 s", "60초", "1561 bytes"
UNITS = {
    "ms": {"", "ms", "밀리초"},
    "s": {"", "s", "sec", "secs", "seconds", "초"},
    "bytes": {"", "b", "bytes", "byte", "octets", "바이트"},
    "": {""},
}


@dataclass(frozen=True)
class Problem:
    line: int  # 1-based; 0: the file as a whole
    message: T

    def render(self, source: str, lang: str) -> str:
        where = f"{source}:{self.line}" if self.line else source
        return f"{where}: {self.message.render(lang)}"


@dataclass
class Answers:
    lab: int | None = None
    student: str | None = None
    values: dict[str, str] = field(default_factory=dict)  # key (as the lab spells it) -> raw text
    lines: dict[str, int] = field(default_factory=dict)  # key -> line number
    problems: list[Problem] = field(default_factory=list)

    def get(self, key: str) -> str:
        return self.values.get(key, "").strip()


def read(path: str | Path) -> tuple[str | None, Problem | None]:
    """The file's text, or the one problem that stops it being read."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return None, Problem(0, M.t("answers.missing"))
    except OSError as e:
        return None, Problem(0, M.t("answers.unreadable", error=e.strerror or str(e)))
    if len(raw) > MAX_BYTES:
        return None, Problem(0, M.t("answers.too-big", kib=MAX_BYTES // 1024))
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        return None, Problem(line, M.t("answers.not-utf8"))


def parse(text: str, keys: Iterable[str], lab: int | None = None) -> Answers:
    """Parse an answer file against the lab's keys (case-insensitive); collect every problem."""
    known = {k.lower(): k for k in keys}
    out = Answers()
    lines = text.splitlines()
    if len(lines) > MAX_LINES:
        out.problems.append(Problem(0, M.t("answers.too-long", n=MAX_LINES)))
        return out
    current: str | None = None
    for n, line in enumerate(lines, 1):
        current = _line(out, known, n, line, current)
    _check_header(out, lab)
    return out


def _line(out: Answers, known: dict[str, str], n: int, line: str, current: str | None) -> str | None:
    """Handle one line; returns the key that an indented next line would continue."""
    stripped = line.strip()
    if not stripped:
        return current  # a blank line inside a free-text answer
    if current and line.startswith(("  ", "\t")):
        out.values[current] = (out.values[current] + "\n" + stripped).strip()
        return current
    if stripped.startswith(("#", ">", "<!--")):
        return None
    header = _HEADER.match(stripped)
    if header:
        _set_header(out, n, header.group(1).lower(), header.group(2).strip())
        return None
    m = _ANSWER.match(stripped)
    if not m:
        out.problems.append(Problem(n, M.t("answers.not-an-answer", text=_cut(stripped))))
        return None
    key = known.get(m.group(1).lower())
    if key is None:
        out.problems.append(Problem(n, M.t("answers.unknown-key", key=_cut(m.group(1)))))
        return None
    if key in out.values:
        out.problems.append(Problem(n, M.t("answers.duplicate", key=key, first=out.lines[key])))
        return None
    out.values[key] = m.group(2).strip()
    out.lines[key] = n
    return key


def _set_header(out: Answers, n: int, name: str, value: str) -> None:
    if name == "lab":
        if not re.fullmatch(r"\d{1,2}", value):
            out.problems.append(Problem(n, M.t("answers.bad-lab", value=_cut(value))))
        else:
            out.lab = int(value)
        return
    from netlab.errors import UsageError
    from netlab.lab.student import check_id

    try:
        out.student = check_id(value)
    except UsageError:
        out.problems.append(Problem(n, M.t("answers.bad-student", value=_cut(value))))


def _check_header(out: Answers, lab: int | None) -> None:
    if out.lab is None and not any(p.message.key == M.key("answers.bad-lab") for p in out.problems):
        out.problems.append(Problem(0, M.t("answers.no-lab")))
    elif lab is not None and out.lab is not None and out.lab != lab:
        out.problems.append(Problem(0, M.t("answers.wrong-lab", found=f"{out.lab:02d}", lab=f"{lab:02d}")))
    if out.student is None and not any(p.message.key == M.key("answers.bad-student") for p in out.problems):
        out.problems.append(Problem(0, M.t("answers.no-student")))


def _cut(text: str, n: int = 40) -> str:
    text = text.replace("\x1b", "\\x1b")
    return text if len(text) <= n else text[: n - 1] + "…"


# ------------------------------------------------------------------------------------ values


class ValueProblem(ValueError):
    """An answer whose text cannot be the kind of value its key asks for."""

    def __init__(self, message: T):
        super().__init__(message.key)
        self.message = message


def number(text: str, unit: str = "", integer: bool = False) -> float | int:
    """'12.5', '12.5 ms', '60초', '1,561' -> a number; ValueProblem for anything else."""
    m = _NUMBER.match(text.replace(",", "").strip())
    if not m or m.group(2).lower() not in UNITS.get(unit, {""}):
        raise ValueProblem(M.t("value.not-a-number", text=_cut(text), unit=unit or "-"))
    v = float(m.group(1))
    if integer:
        if v != int(v):
            raise ValueProblem(M.t("value.not-an-integer", text=_cut(text)))
        return int(v)
    return v


def dns_name(text: str) -> str:
    """A DNS name, compared without case and without the final dot ('.' is the root)."""
    t = text.strip().strip("`").lower()
    if t in (".", "root", "(root)", "루트"):
        return "."
    t = t.rstrip(".")
    if not t or not re.fullmatch(r"[a-z0-9_*.-]+", t) or ".." in t:
        raise ValueProblem(M.t("value.not-a-name", text=_cut(text)))
    return t


def text(value: str) -> str:
    """A short value compared as text: without case, backquotes, quotes and repeated blanks."""
    return " ".join(value.strip().strip("`'\"").lower().split())


def words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s,;]+|->|→", text.strip()) if w]


def choice(text: str, choices: dict[str, tuple[str, ...]]) -> str:
    """One of the choices: {canonical: (accepted spellings...)}, compared without case."""
    t = text.strip().strip("`").lower()
    for canon, spellings in choices.items():
        if t == canon.lower() or t in (s.lower() for s in spellings):
            return canon
    raise ValueProblem(M.t("value.not-a-choice", text=_cut(text), choices=" / ".join(choices)))
