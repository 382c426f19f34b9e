"""A small TOML writer for scenario data (pure): what ``tomllib`` parsed, written back.

netlab reads TOML with the standard library's ``tomllib``, which cannot write.  A variant
scenario is the default scenario parsed, changed, and written again, so this module writes the
subset scenarios use: tables, arrays of tables, and inside them strings, numbers, booleans,
lists and inline tables.  ``tomllib.loads(dumps(data)) == data`` for such data (a unit test
checks it on the default scenario).
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

_BARE = re.compile(r"[A-Za-z0-9_-]+")


def _key(k: str) -> str:
    return k if _BARE.fullmatch(k) else _string(k)


def _string(s: str) -> str:
    # JSON's escapes (\" \\ \n \t \uXXXX) are TOML's; DEL is the one control JSON leaves as it is
    return json.dumps(s, ensure_ascii=False).replace("\x7f", "\\u007f")


def value(v: Any) -> str:
    """One TOML value, inline."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if not math.isfinite(v):
            raise ValueError(f"cannot write {v!r} in a scenario")
        return repr(v)
    if isinstance(v, str):
        return _string(v)
    if isinstance(v, list | tuple):
        return "[" + ", ".join(value(x) for x in v) + "]"
    if isinstance(v, dict):
        if not v:
            return "{}"
        return "{ " + ", ".join(f"{_key(str(k))} = {value(x)}" for k, x in v.items()) + " }"
    raise TypeError(f"cannot write a {type(v).__name__} in a scenario")


def _is_table_array(v: Any) -> bool:
    return isinstance(v, list) and bool(v) and all(isinstance(x, dict) for x in v)


def _body(table: dict) -> list[str]:
    return [f"{_key(str(k))} = {value(v)}" for k, v in table.items()]


def dumps(data: dict, header: str = "") -> str:
    """A TOML document: top-level values, then each table, then each array of tables.

    Inside a table every value is written inline (interfaces and services are lists of inline
    tables in scenario files, as in the default scenario)."""
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    plain = {k: v for k, v in data.items() if not isinstance(v, dict) and not _is_table_array(v)}
    lines += _body(plain)
    for k, v in data.items():
        if isinstance(v, dict):
            lines += ["", f"[{_key(str(k))}]", *_body(v)]
    for k, v in data.items():
        if _is_table_array(v):
            for item in v:
                lines += ["", f"[[{_key(str(k))}]]", *_body(item)]
    return "\n".join(lines).lstrip("\n") + "\n"
