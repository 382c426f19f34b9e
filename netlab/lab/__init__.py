"""`netlab lab`: the worksheets in labs/ as labs a class can run.

Per student, a variant of the lab's scenario drawn from the student ID (netlab.lab.student); the
student's own Recordings as evidence (netlab.lab.evidence); an answer file in a small documented
format (netlab.lab.answers); each answer checked against the evidence and the variant
(netlab.lab.check); a class's results in one table (netlab.lab.grade).  Each lab is one module,
``netlab/lab/labNN.py``, declaring a :class:`netlab.lab.base.LabDef`.

This package imports nothing heavy; a lab module is imported only when that lab is used.
"""

from __future__ import annotations

import importlib
import importlib.util

from netlab.errors import UsageError

LABS: dict[int, str] = {
    1: "netlab.lab.lab01",
    2: "netlab.lab.lab02",
    3: "netlab.lab.lab03",
    4: "netlab.lab.lab04",
    5: "netlab.lab.lab05",
    6: "netlab.lab.lab06",
    7: "netlab.lab.lab07",
    8: "netlab.lab.lab08",
    9: "netlab.lab.lab09",
    10: "netlab.lab.lab10",
    11: "netlab.lab.lab11",
    12: "netlab.lab.lab12",
}


def numbers() -> list[int]:
    return [n for n in sorted(LABS) if importlib.util.find_spec(LABS[n]) is not None]


def load(number: int):
    """The LabDef of lab `number`; a usage error for a number that is no lab."""
    if number not in LABS or importlib.util.find_spec(LABS[number]) is None:
        known = ", ".join(f"{n:02d}" for n in numbers())
        raise UsageError(f"there is no lab {number} (labs: {known})")
    return importlib.import_module(LABS[number]).LAB


