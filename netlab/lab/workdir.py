"""A student's work directory for one lab: lab.json, the variant scenario, answers.md, evidence.

Default: ``~/netlab-labs/NN`` (the worksheets' own suggestion); ``--dir`` chooses another.  When
no directory is given, ``lab check`` uses the current directory if it holds this lab's lab.json.
lab.json records who the work belongs to; everything else (the variant) is recomputed from the
student ID, never read back from a file the student could edit.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from netlab.i18n import registry
from netlab.lab.base import LabDef, Variant
from netlab.lab.messages import M

STATE = "lab.json"
ANSWERS = "answers.md"
CHECKED = "check.json"


def default_dir(lab: int) -> Path:
    return Path.home() / "netlab-labs" / f"{lab:02d}"


def read_state(directory: Path) -> dict | None:
    try:
        data = json.loads((directory / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("format") == "netlab-lab" else None


def find_dir(lab: int, given: str | None) -> Path:
    if given:
        return Path(given).expanduser()
    here = Path.cwd()
    state = read_state(here)
    if state and state.get("lab") == lab:
        return here
    return default_dir(lab)


def write_state(directory: Path, v: Variant, scenario: Path, golden: bool = False) -> None:
    from netlab import __version__

    data = {"format": "netlab-lab", "version": 1, "lab": v.lab, "student": v.student, "golden": golden,
            "seed": f"{v.seed:016x}", "sandbox": v.sandbox, "scenario": str(scenario),
            "started_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "netlab_version": __version__}
    _write(directory / STATE, json.dumps(data, indent=1) + "\n")


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def template(lab: LabDef, v: Variant, lang: str) -> str:
    """A blank answer file: every key of the lab, its question as a '>' line when it has one."""
    prompts = registry()
    out = [M.text("template.title", lang, lab=lab.id, student=v.student),
           f"lab: {lab.id}", f"student: {v.student}", "", M.text("template.how", lang, n=lab.number)]
    section = None
    for q in lab.questions:
        if q.section != section:
            section = q.section
            out += ["", "## " + M.text(f"template.section.{section}", lang)]
        pair = prompts.get(f"lab.{lab.id}.q.{q.key}")
        if pair:
            out.append("> " + (pair[1] if lang == "ko" else pair[0]))
        out.append(f"- {q.key}:")
    return "\n".join(out) + "\n"


def write_template(directory: Path, lab: LabDef, v: Variant, lang: str) -> bool:
    """answers.md, unless the student already has one (it is never overwritten)."""
    path = directory / ANSWERS
    if path.exists():
        return False
    _write(path, template(lab, v, lang))
    return True


def save_check(directory: Path, report_json: dict) -> None:
    try:
        _write(directory / CHECKED, json.dumps(report_json, indent=1, ensure_ascii=False) + "\n")
    except OSError:
        pass  # a read-only submission directory (lab grade) keeps no record
