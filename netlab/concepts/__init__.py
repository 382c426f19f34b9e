"""Concept notes: short explanations, in English and Korean, keyed by a stable id.

Findings point at notes by id (``dns.glue``, ``tcp.time-wait``...); the renderers show the notes a
report points to, shortened (first paragraph) unless ``-v``.  Notes are written in our own words.
They are data: each topic is a TOML file in this directory (dns.toml, tcp.toml, lb.toml...), one
table per note keyed by its quoted id, with every field of :class:`Note` but ``id`` (title_en,
title_ko, en, ko), all strings.  Add a topic by adding its file and its name to ``TOPICS``; the
files are read on the first lookup (tomllib is imported then, not at import).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields

TOPICS = ("general", "dns", "tcp", "tls", "http", "layers", "tcp_flow", "path", "journey", "state", "websocket", "lb",
          "nat")


@dataclass(frozen=True)
class Note:
    id: str
    title_en: str
    title_ko: str
    en: str  # paragraphs separated by a blank line; the first is the short form
    ko: str

    def title(self, lang: str) -> str:
        return self.title_ko if lang == "ko" else self.title_en

    def text(self, lang: str, short: bool = False) -> str:
        body = (self.ko if lang == "ko" else self.en).strip()
        if short:
            return body.split("\n\n", 1)[0].strip()
        return body


_FIELDS = tuple(f.name for f in fields(Note) if f.name != "id")  # a note's table: these, all strings


def topic_file(topic: str) -> str:
    """The file of a topic: ``lb`` -> netlab/concepts/lb.toml (package data beside this module)."""
    return os.path.join(os.path.dirname(__file__), topic + ".toml")


def read_notes(data: str, source: str) -> list[Note]:
    """The notes of a topic file's text, in the file's order; ``source`` names the file in the errors
    (not TOML; a value that is not a table; a note with a field missing, an unknown field, or a field
    that is not a string)."""
    import tomllib

    try:
        doc = tomllib.loads(data)
    except tomllib.TOMLDecodeError as e:
        raise ValueError(f"{source}: not a valid TOML file: {e}") from None
    out = []
    for note_id, table in doc.items():
        if not isinstance(table, dict):
            raise ValueError(f"{source}: {note_id!r} is not a table: write each note as "
                             f'["{note_id}"] with {", ".join(_FIELDS)}')
        wrong = [f"no {f}" for f in _FIELDS if f not in table]
        wrong += [f"unknown field {f}" + (f' (a dotted id must be quoted: ["{note_id}.{f}"], '
                                          f"not [{note_id}.{f}])" if isinstance(v, dict) else "")
                  for f, v in table.items() if f not in _FIELDS]
        wrong += [f"{f} is not a string" for f in _FIELDS if not isinstance(table.get(f, ""), str)]
        if wrong:
            raise ValueError(f"{source}: note [{note_id!r}]: {'; '.join(wrong)}")
        out.append(Note(id=note_id, **table))
    return out


def load_topic(topic: str) -> list[Note]:
    """The notes of one topic's file (:func:`read_notes`)."""
    path = topic_file(topic)
    try:
        with open(path, encoding="utf-8") as fh:
            data = fh.read()
    except UnicodeDecodeError as e:
        raise ValueError(f"{path}: not UTF-8 ({e})") from None
    return read_notes(data, path)


_REGISTRY: dict[str, Note] | None = None


def registry() -> dict[str, Note]:
    global _REGISTRY
    if _REGISTRY is None:
        reg: dict[str, Note] = {}
        where: dict[str, str] = {}
        for topic in TOPICS:
            for note in load_topic(topic):
                if note.id in reg:
                    raise ValueError(f"{topic_file(topic)}: concept note {note.id!r} is already in "
                                     f"{where[note.id]}")
                reg[note.id] = note
                where[note.id] = topic_file(topic)
        _REGISTRY = reg
    return _REGISTRY


def get(note_id: str) -> Note | None:
    return registry().get(note_id)
