"""netlab lab grade on a directory of mixed, partial and malformed submissions (pure: no sandbox)."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from netlab.lab.grade import grade, to_csv, to_markdown
from netlab.lab.session import golden_dir

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lab"


def submission(root: Path, name: str, lab: int, edit=lambda text: text, evidence: bool = True) -> Path:
    d = root / name
    d.mkdir()
    if evidence:
        for f in golden_dir(lab).iterdir():
            shutil.copyfile(f, d / f.name)
    text = (FIXTURES / f"golden-{lab:02d}.answers.md").read_text(encoding="utf-8")
    (d / "answers.md").write_text(edit(text), encoding="utf-8")
    return d


def replace_answer(key: str, value: str):
    def edit(text: str) -> str:
        return "\n".join(f"- {key}: {value}" if line.startswith(f"- {key}:") else line
                         for line in text.splitlines()) + "\n"
    return edit


def make_class(root: Path) -> None:
    submission(root, "alice", 1)
    submission(root, "bob", 1, replace_answer("O6.example_glue", "2"))
    submission(root, "carol", 1, lambda t: replace_answer("O6.example_glue", "2")(replace_answer("O1.queries", "")(t)))
    submission(root, "dave", 1, lambda t: t + "this line is not an answer\n- Q7: 1\n")
    submission(root, "erin", 1, replace_answer("O8.lame_rcode", "=HYPERLINK(\"x\")"), evidence=False)
    submission(root, "frank", 3)
    (root / "gina").mkdir()  # nothing handed in
    (root / "harry").mkdir()
    (root / "harry" / "answers.md").write_bytes(b"lab: 01\nstudent: \xff\n")
    (root / ".hidden").mkdir()
    ivan = submission(root, "ivan", 3, lambda t: t.replace("student: golden", "student: ivan"), evidence=False)
    (ivan / "lab.json").write_text('{"format": "netlab-lab", "lab": 3, "student": "ivan", "golden": true}')


def test_grade_a_mixed_class(tmp_path):
    make_class(tmp_path)
    g = grade(tmp_path)
    rows = {r.name: r for r in g.rows}
    assert list(rows) == ["alice", "bob", "carol", "dave", "erin", "frank", "gina", "harry", "ivan"]
    assert rows["ivan"].report.ok and rows["ivan"].report.golden_evidence  # golden mode, no sandbox
    assert rows["alice"].report.ok and rows["frank"].report.ok and rows["frank"].lab == "03"
    assert not rows["bob"].report.ok and rows["bob"].report.count("fail") == 1
    assert rows["carol"].report.count("missing") == 1
    n = len((tmp_path / "dave" / "answers.md").read_text().splitlines())
    assert [p.line for p in rows["dave"].report.problems] == [n - 1, n] and rows["dave"].report.outcomes == []
    assert rows["erin"].report.count("fail") == rows["erin"].report.checkable - 4  # no evidence at all
    assert "no answer file" in rows["gina"].problem
    assert rows["harry"].problem == "answers.md:2: not UTF-8 text (save the file as UTF-8)"
    # the golden evidence is in five submissions: identical files are listed
    assert ("r1.rec.json", ["alice", "bob", "carol", "dave"]) in g.duplicates


def test_grade_csv_one_row_per_submission(tmp_path):
    make_class(tmp_path)
    rows = list(csv.DictReader(io.StringIO(to_csv(grade(tmp_path)))))
    by = {r["submission"]: r for r in rows}
    assert len(rows) == 9 and by["ivan"]["golden"] == "yes" and by["alice"]["golden"] == "no"
    assert by["alice"]["ok"] == "yes" and by["alice"]["O1.queries"] == "pass" and by["alice"]["E1"] == "instructor"
    assert by["bob"]["O6.example_glue"] == "fail" and by["carol"]["O1.queries"] == "missing"
    assert by["dave"]["ok"] == "no" and "not an answer line" in by["dave"]["problem"]
    assert by["frank"]["lab"] == "03" and by["frank"]["O1.client_isn"] == "pass"
    assert by["gina"]["problem"].startswith("answers.md: no answer file")
    for r in rows:
        assert not any(str(v).startswith(("=", "+", "@")) for v in r.values())


def test_grade_markdown_shows_the_common_misconceptions(tmp_path):
    make_class(tmp_path)
    md = to_markdown(grade(tmp_path))
    assert "9 submissions: 6 checked (3 with every machine-checked answer right), 3 could not be checked." in md
    line = next(x for x in md.splitlines() if x.startswith("| O6.example_glue |"))
    # erin's right "0" fails for want of evidence: it is not counted as a wrong answer
    assert line.split("|")[2:6] == [" 1 ", " 3 ", " 0 ", " `2` ×2 "]
    assert "`dave`" in md and "## Identical evidence in different submissions" in md
    assert "| E1 |" not in md  # free text is for the instructor, not counted
    ko = to_markdown(grade(tmp_path), "ko")
    assert "제출 9개" in ko and "가장 흔한 오답" in ko


def test_grade_from_the_command_line_writes_both_files(tmp_path):
    import subprocess
    import sys

    make_class(tmp_path)
    proc = subprocess.run([sys.executable, "-c", "import sys; from netlab.cli import main; main(sys.argv[1:])",
                           "lab", "grade", str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "grade.csv").is_file() and (tmp_path / "grade.md").read_text().startswith("# netlab lab grade")


def test_grade_writes_the_class_summary_as_an_html_page(tmp_path):
    import subprocess
    import sys

    make_class(tmp_path)
    page = tmp_path / "class.html"
    proc = subprocess.run([sys.executable, "-c", "import sys; from netlab.cli import main; main(sys.argv[1:])",
                           "lab", "grade", str(tmp_path), "--html", str(page)], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    html = page.read_text()
    assert html.lower().startswith("<!doctype html>") and "<table" in html
    md = (tmp_path / "grade.md").read_text()
    keys = [line.split("|")[1].strip() for line in md.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert keys and all(f">{k}<" in html for k in keys)  # every question row of the summary is on the page
