"""Exit codes: defined once in netlab.errors, documented by hand in README.md's table, which
must say the same thing; every exception class exits with a documented code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import netlab
from netlab import errors

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_exit_codes() -> list[tuple[int, str]]:
    """The rows of README.md's "## Exit codes" table, as (code, meaning) with Markdown code
    spans unwrapped ("`--fail-on`" -> "--fail-on")."""
    text = README.read_text(encoding="utf-8")
    m = re.search(r"^## Exit codes\n(.*?)(?=^## )", text, re.S | re.M)
    assert m, "README.md has no '## Exit codes' section"
    rows = [line for line in m.group(1).splitlines() if line.startswith("|")]
    assert [c.strip() for c in rows[0].strip("|").split("|")] == ["code", "meaning"], rows[0]
    assert set(rows[1]) <= set("|- "), "the second line of the table is its separator"
    out = []
    for line in rows[2:]:
        code, meaning = (c.strip() for c in line.strip().strip("|").split("|"))
        out.append((int(code), meaning.replace("`", "")))
    return out


def test_readme_table_equals_exit_codes():
    assert readme_exit_codes() == errors.EXIT_CODES


def test_every_exit_constant_is_in_the_table_once():
    constants = {name: v for name, v in vars(errors).items() if name.startswith("EXIT_") and isinstance(v, int)}
    codes = [c for c, _ in errors.EXIT_CODES]
    assert len(codes) == len(set(codes)), "a code is listed twice"
    assert len(set(constants.values())) == len(constants), "two EXIT_ names share a code"
    assert sorted(constants.values()) == sorted(codes)


def _all_subclasses(cls: type) -> set[type]:
    out = set()
    for sub in cls.__subclasses__():
        out |= {sub} | _all_subclasses(sub)
    return out


def test_every_netlab_error_exits_with_a_documented_code():
    documented = {c for c, _ in errors.EXIT_CODES}
    classes = _all_subclasses(errors.NetlabError) | {errors.NetlabError}
    assert errors.SandboxNotRunning in classes
    wrong = {cls.__qualname__: cls.exit_code for cls in classes if cls.exit_code not in documented}
    assert wrong == {}
    # an exception is never "done" nor "findings reached --fail-on" (that comes from a Result)
    assert all(cls.exit_code not in (errors.EXIT_OK, errors.EXIT_FINDINGS) for cls in classes)


def test_exit_codes_are_set_in_netlab_errors_only():
    """No class elsewhere sets its own exit_code: an exception defined in another module takes
    its code from the netlab.errors class it derives from."""
    root = Path(netlab.__file__).parent
    found = []
    for path in sorted(root.rglob("*.py")):
        if path == root / "errors.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                for stmt in node.body:
                    targets = stmt.targets if isinstance(stmt, ast.Assign) else (
                        [stmt.target] if isinstance(stmt, ast.AnnAssign) else [])
                    if any(getattr(t, "id", None) == "exit_code" for t in targets):
                        found.append(f"{path.relative_to(root)}:{stmt.lineno} {node.name}")
    assert found == []
