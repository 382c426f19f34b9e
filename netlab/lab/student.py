"""Student IDs and the seed each lab's variant is drawn from (pure).

A student ID is short and safe to put in a sandbox name and a file name: 1-24 letters, digits,
'.', '_' or '-', starting with a letter or a digit (``2024123456``, ``kim.minji``, ``s1``).  It is
case-sensitive, as it is written on the class list.

The seed is the first 16 hex digits of SHA-256 over ``netlab-lab/<NN>/<ID>``: stable across
machines, Python versions and runs (Python's own ``hash()`` is randomised per process), and
different for each lab, so a student's lab 01 does not predict their lab 03.  The variant's
random choices come from ``random.Random(seed)``, whose sequence for a given integer seed is part
of Python's documented, stable behaviour.
"""

from __future__ import annotations

import hashlib
import random
import re

from netlab.errors import UsageError
from netlab.targets import checked_name

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,23}")

# The reserved ID of the golden variant: the unmodified default scenario, whose Recordings are
# committed with netlab (`lab check --golden`) and whose figures the instructor notes quote.
GOLDEN = "golden"


def check_id(value: object) -> str:
    """The student ID, validated; a usage error (exit 2) for anything else."""
    return checked_name(value, _ID, "a student ID",
                        "1-24 letters, digits, '.', '_' or '-', starting with a letter or digit", UsageError)


def seed(lab: int, student: str) -> int:
    """The variant seed of `student` for lab number `lab` (a 64-bit integer)."""
    digest = hashlib.sha256(f"netlab-lab/{lab:02d}/{check_id(student)}".encode()).hexdigest()
    return int(digest[:16], 16)


def rng(lab: int, student: str) -> random.Random:
    return random.Random(seed(lab, student))


def sandbox_name(lab: int, student: str) -> str:
    """The name of the student's sandbox for this lab: ``lab-01-<ID>`` (at most 31 characters)."""
    return f"lab-{lab:02d}-{check_id(student)}"
