"""The concept-note registry: complete, bilingual, short where it must be, and every id used exists."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from netlab import concepts

ID_RE = re.compile(r"^[a-z][a-z0-9]*(\.[a-z0-9]+(-[a-z0-9]+)*)+$")
HANGUL = re.compile(r"[\uac00-\ud7a3]")
# The first paragraph is what the terminal shows without -v: a few lines at most.
SHORT_MAX_EN = 400
SHORT_MAX_KO = 300
PROBES_DIR = Path(concepts.__file__).resolve().parent.parent / "probes"

NOTES = list(concepts.registry().values())


def test_registry_loads_every_topic_file():
    assert NOTES, "no concept notes at all"
    topics = {n.id.split(".")[0] for n in NOTES}
    assert "net" in topics
    assert len(NOTES) == sum(len(concepts.load_topic(t)) for t in concepts.TOPICS)


def test_ids_unique_across_topics():
    seen: dict[str, str] = {}
    for topic in concepts.TOPICS:
        for note in concepts.load_topic(topic):
            assert note.id not in seen, f"{note.id} defined in {seen.get(note.id)} and {topic}"
            seen[note.id] = topic


@pytest.mark.parametrize("note", NOTES, ids=lambda n: n.id)
def test_note_is_complete_and_well_formed(note):
    assert ID_RE.match(note.id), f"{note.id!r}: ids look like 'topic.some-name' (lower case, dots, dashes)"
    assert note.title_en.strip() and note.title_ko.strip()
    assert note.en.strip() and note.ko.strip()
    assert HANGUL.search(note.ko) and HANGUL.search(note.title_ko), "the Korean text is Korean"
    assert not HANGUL.search(note.en) and not HANGUL.search(note.title_en), "the English text is English"
    assert note.en.strip() != note.ko.strip()
    short_en, short_ko = note.text("en", short=True), note.text("ko", short=True)
    why = ("the terminal shows the first paragraph of each note without -v, so it must be the short form; "
           "move the rest to the following paragraphs")
    assert len(short_en) <= SHORT_MAX_EN, f"first English paragraph has {len(short_en)} > {SHORT_MAX_EN} characters: {why}"
    assert len(short_ko) <= SHORT_MAX_KO, f"first Korean paragraph has {len(short_ko)} > {SHORT_MAX_KO} characters: {why}"
    assert note.text("en").startswith(short_en)


def _ids_in_source(text: str, label: str) -> dict[str, list[str]]:
    """Concept ids written as literals in `concepts=...` keywords or Finding's 4th argument."""
    found: dict[str, list[str]] = {}
    for node in ast.walk(ast.parse(text, filename=label)):
        values = []
        if isinstance(node, ast.keyword) and node.arg == "concepts":
            values.append(node.value)
        elif isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "Finding":
            if len(node.args) >= 4:  # Finding(code, severity, message, concepts, ...)
                values.append(node.args[3])
        for v in values:
            for sub in ast.walk(v):
                if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                    found.setdefault(sub.value, []).append(f"{label}:{sub.lineno}")
    return found


def _concept_ids_in_probes() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(PROBES_DIR.rglob("*.py")):
        label = str(path.relative_to(PROBES_DIR.parent.parent))
        for cid, where in _ids_in_source(path.read_text(encoding="utf-8"), label).items():
            found.setdefault(cid, []).extend(where)
    return found


def test_every_concept_id_used_by_a_probe_exists():
    used = _concept_ids_in_probes()
    if not used:
        pytest.skip("no probe constructs a Finding with concepts=(...) yet")
    missing = {cid: where for cid, where in used.items() if concepts.get(cid) is None}
    assert not missing, "concept ids used by findings but not defined: " + "; ".join(
        f"{cid} ({', '.join(where[:3])})" for cid, where in sorted(missing.items()))


def test_the_scan_finds_literal_ids():
    """The scan above must see ids in the usual spellings, or it would pass vacuously."""
    src = (
        "Finding('a.b', 'info', 'm', ('x.one', 'x.two'))\n"
        "model.Finding(code='a.b', severity='info', message='m', concepts=['x.three'])\n"
        "_finding('a.b', concepts=('x.four',))\n"
        "Finding('a.b', 'info', 'm')\n"
    )
    assert set(_ids_in_source(src, "s.py")) == {"x.one", "x.two", "x.three", "x.four"}


def test_get_unknown_is_none():
    assert concepts.get("no.such-note") is None
    note = concepts.get("net.ports")
    assert note is not None and note.title("ko") == note.title_ko
    assert note.text("ko", short=True) == note.ko.strip().split("\n\n")[0].strip()
