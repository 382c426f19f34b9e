"""netlab lab: the answer-file parser — every problem one line, with its line number (pure)."""

from __future__ import annotations

import pytest

from netlab.lab import answers as ans
from netlab.lab import load
from netlab.lab.workdir import template

KEYS = ("P1", "O1.queries", "O1.naver_rtt_ms", "E1")


def render(problems) -> list[str]:
    return [p.render("answers.md", "en") for p in problems]


def test_a_good_file_with_free_text_over_several_lines():
    text = ("# lab 01\nlab: 01\nstudent: s1\n\n## Observe\n> O1 (R1). how many?\n- O1.queries: 5\n"
            "<!-- a comment -->\n- o1.naver_rtt_ms: 10.4 ms\n- E1: first line\n  second line\n\n  third line\n"
            "- P1:\n")
    a = ans.parse(text, KEYS, lab=1)
    assert a.problems == []
    assert (a.lab, a.student) == (1, "s1")
    assert a.get("O1.queries") == "5" and a.lines["O1.queries"] == 7
    assert a.get("O1.naver_rtt_ms") == "10.4 ms"  # keys are case-insensitive, stored as the lab spells them
    assert a.get("E1") == "first line\nsecond line\nthird line"
    assert a.get("P1") == "" and a.get("O1.missing") == ""


def test_every_problem_is_one_line_with_its_line_number():
    text = "\n".join([
        "lab: 1x",                    # 1 bad lab
        "student: a b",               # 2 bad student
        "- O1.queries: 5",            # 3
        "- O1.queries: 6",            # 4 duplicate
        "- O9.nothing: 1",            # 5 unknown key
        "just some words",            # 6 not an answer line
        "  an indented line after a heading",  # 7 (continues O9? no: that key was refused) -> not an answer
        "",
    ])
    lines = render(ans.parse(text, KEYS, lab=1).problems)
    assert all("\n" not in x for x in lines)
    assert [x.split(":")[1] for x in lines] == ["1", "2", "4", "5", "6", "7"], lines
    assert "'lab:' must be the lab's number" in lines[0]
    assert "not a student ID" in lines[1]
    assert "answered twice (first on line 3)" in lines[2]
    assert "unknown key 'O9.nothing'" in lines[3]
    assert "not an answer line: 'just some words'" in lines[4]


def test_missing_header_and_wrong_lab():
    lines = render(ans.parse("- O1.queries: 5\n", KEYS, lab=1).problems)
    assert lines == ["answers.md: no 'lab: NN' line at the top", "answers.md: no 'student: ID' line at the top"]
    lines = render(ans.parse("lab: 03\nstudent: s1\n", KEYS, lab=1).problems)
    assert lines == ["answers.md: this is an answer file for lab 03, not lab 01"]


def test_korean_problem_lines():
    p = ans.parse("lab: 01\nstudent: s1\n- O1.queries: 1\n- O1.queries: 2\n", KEYS, lab=1).problems
    assert [x.render("answers.md", "ko") for x in p] == ["answers.md:4: O1.queries 답이 두 번 있습니다(처음은 3번째 줄)"]


def test_files_that_are_not_answer_files(tmp_path):
    missing = ans.read(tmp_path / "nope.md")
    assert missing[0] is None and "no answer file" in missing[1].render("x", "en")
    (tmp_path / "bin.md").write_bytes(b"lab: 01\nstudent: s1\n- O1.queries: \xff\xfe\n")
    text, problem = ans.read(tmp_path / "bin.md")
    assert text is None and problem.render("bin.md", "en") == "bin.md:3: not UTF-8 text (save the file as UTF-8)"
    (tmp_path / "big.md").write_bytes(b"x" * (ans.MAX_BYTES + 1))
    assert "larger than" in ans.read(tmp_path / "big.md")[1].render("big.md", "en")
    (tmp_path / "bom.md").write_bytes("\ufefflab: 01\nstudent: s1\n".encode())
    text, problem = ans.read(tmp_path / "bom.md")
    assert problem is None and ans.parse(text, KEYS).lab == 1
    long = "lab: 01\nstudent: s1\n" + "\n" * ans.MAX_LINES
    assert "more than" in render(ans.parse(long, KEYS).problems)[0]


def test_control_characters_in_a_problem_line_are_shown_inert():
    lines = render(ans.parse("lab: 01\nstudent: s1\n\x1b]0;title\x07\n", KEYS).problems)
    assert "\x1b" not in lines[0] and len(lines) == 1


@pytest.mark.parametrize("text,unit,integer,want", [
    ("12.5", "ms", False, 12.5), ("12.5 ms", "ms", False, 12.5), ("60초", "s", True, 60), ("60 s", "s", True, 60),
    ("1,561", "bytes", True, 1561), ("71 bytes", "bytes", True, 71), ("-3", "", True, -3),
])
def test_numbers_with_their_unit(text, unit, integer, want):
    assert ans.number(text, unit, integer) == want


@pytest.mark.parametrize("text,unit,integer", [("five", "", True), ("2 s", "ms", False), ("1.5", "", True),
                                               ("12 ms", "", True), ("", "ms", False)])
def test_bad_numbers(text, unit, integer):
    with pytest.raises(ans.ValueProblem):
        ans.number(text, unit, integer)


def test_names_and_choices():
    assert ans.dns_name("WWW.Naver.com.") == "www.naver.com" and ans.dns_name("`.`") == "." == ans.dns_name("루트")
    assert [ans.dns_name(w) for w in ans.words(". -> net. → faraway-dns.net.")] == [".", "net", "faraway-dns.net"]
    with pytest.raises(ans.ValueProblem):
        ans.dns_name("not a name")
    choices = {"yes": ("네", "y"), "no": ("아니요",)}
    assert ans.choice(" 네 ", choices) == "yes" and ans.choice("NO", choices) == "no"
    with pytest.raises(ans.ValueProblem):
        ans.choice("maybe", choices)


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("n", [1, 3])
def test_the_template_parses_with_no_problem_and_no_answer(n, lang):
    lab = load(n)
    text = template(lab, lab.variant("s1"), lang)
    a = ans.parse(text, [q.key for q in lab.questions], lab=n)
    assert a.problems == [] and a.student == "s1"
    assert set(a.values) == {q.key for q in lab.questions} and not any(a.values.values())
