"""netlab.concepts: a topic's TOML file reads back as the notes it holds, and a broken one is refused
with an error that names the file and the note id."""

from __future__ import annotations

from pathlib import Path

import pytest

from netlab import concepts

GOOD = '''# A topic: the docstring of a module once.

["t.first"]
title_en = "The first"
title_ko = "첫째"
en = """
One paragraph.

Two, with "quotes", a backslash \\\\ and a line that goes on \\
without a break."""
ko = """

첫 문단.
"""

["t.second"]
title_en = "The second"
title_ko = "둘째"
en = """
x"""
ko = "한 줄"
'''


@pytest.fixture
def topics(tmp_path, monkeypatch):
    """Topic files in tmp_path instead of the package, and a registry built from them only."""
    monkeypatch.setattr(concepts, "topic_file", lambda topic: str(tmp_path / f"{topic}.toml"))
    monkeypatch.setattr(concepts, "_REGISTRY", None)

    def write(**files: str | bytes) -> None:
        for topic, text in files.items():
            path = tmp_path / f"{topic}.toml"
            path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        monkeypatch.setattr(concepts, "TOPICS", tuple(files))
    return write


def test_a_file_reads_as_its_notes_in_order_text_byte_for_byte(topics, tmp_path):
    topics(t=GOOD)
    notes = concepts.load_topic("t")
    assert [n.id for n in notes] == ["t.first", "t.second"]
    first = notes[0]
    assert first == concepts.Note(
        id="t.first", title_en="The first", title_ko="첫째",
        en='One paragraph.\n\nTwo, with "quotes", a backslash \\ and a line that goes on without a break.',
        ko="\n첫 문단.\n")
    assert first.text("ko") == "첫 문단."
    assert notes[1].en == "x" and notes[1].ko == "한 줄"
    assert concepts.get("t.second") == notes[1] and concepts.get("no.such-note") is None


@pytest.mark.parametrize(("text", "says"), [
    ('["a.b"]\ntitle_en = "x"\ntitle_ko = "y"\nen = "z"\n', r"note \['a.b'\]: no ko$"),
    ('["a.b"]\nen = "z"\nko = "w"\n', r"note \['a.b'\]: no title_en; no title_ko$"),
    ('["a.b"]\ntitle_en = "x"\ntitle_ko = "y"\nen = "z"\nko = "w"\ntitle = "v"\n',
     r"note \['a.b'\]: unknown field title$"),
    ('["a.b"]\nid = "a.b"\ntitle_en = "x"\ntitle_ko = "y"\nen = "z"\nko = "w"\n',
     r"note \['a.b'\]: unknown field id$"),
    ('["a.b"]\ntitle_en = "x"\ntitle_ko = "y"\nen = "z"\nko = 3\n', r"note \['a.b'\]: ko is not a string"),
    ('["a.b"]\ntitle_en = ["x"]\ntitle_ko = "y"\nen = "z"\nko = "w"\n',
     r"note \['a.b'\]: title_en is not a string"),
    ('[a.b]\ntitle_en = "x"\ntitle_ko = "y"\nen = "z"\nko = "w"\n',
     r"note \['a'\]: no title_en; no title_ko; no en; no ko; unknown field b "
     r'\(a dotted id must be quoted: \["a.b"\], not \[a.b\]\)$'),
    ('["a.b"]\ntitle_en = 1\nen = "z"\nko = "w"\nlang = "en"\n',
     r"note \['a.b'\]: no title_ko; unknown field lang; title_en is not a string$"),
    ('title_en = "x"\n', r"'title_en' is not a table"),
    ('["a.b"]\nen = """never closed\n', r"not a valid TOML file"),
    ('["a.b"]\nen = "x"\n["a.b"]\nko = "y"\n', r"not a valid TOML file"),
])
def test_a_broken_file_is_refused_naming_the_file_and_the_note(topics, tmp_path, text, says):
    topics(broken=text)
    path = tmp_path / "broken.toml"
    with pytest.raises(ValueError, match=says) as e:
        concepts.load_topic("broken")
    assert str(e.value).startswith(f"{path}: ")
    with pytest.raises(ValueError, match=says):  # the registry does not swallow it
        concepts.registry()


def test_a_file_that_is_not_utf8_is_refused_naming_it(topics, tmp_path):
    topics(latin1='["a.b"]\ntitle_en = "x"\ntitle_ko = "\xe9"\nen = "z"\nko = "w"\n'.encode("latin-1"))
    with pytest.raises(ValueError, match=f"{tmp_path / 'latin1.toml'}: not UTF-8"):
        concepts.load_topic("latin1")


def test_a_note_in_two_topics_is_refused_naming_both_files(topics, tmp_path):
    topics(one=GOOD, two='["t.second"]\ntitle_en = "x"\ntitle_ko = "y"\nen = "z"\nko = "w"\n')
    with pytest.raises(ValueError, match=f"{tmp_path / 'two.toml'}: concept note 't.second' is already in "
                                         f"{tmp_path / 'one.toml'}"):
        concepts.registry()


def test_a_listed_topic_without_its_file_is_an_error(topics, monkeypatch):
    monkeypatch.setattr(concepts, "TOPICS", ("missing",))
    with pytest.raises(FileNotFoundError):
        concepts.registry()


def test_every_topic_file_in_the_package_is_listed_and_every_listed_one_exists():
    here = Path(concepts.__file__).parent
    assert sorted(p.stem for p in here.glob("*.toml")) == sorted(concepts.TOPICS)
    assert not [p.name for p in here.glob("*.py") if p.name != "__init__.py"], \
        "the notes are data (<topic>.toml), not Python"
