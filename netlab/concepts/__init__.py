"""Concept notes: short explanations, in English and Korean, keyed by a stable id.

Findings point at notes by id (``dns.glue``, ``tcp.time-wait``...); the renderers show the notes a
report points to, shortened (first paragraph) unless ``-v``.  Notes are written in our own words.
Each topic module (dns.py, tcp.py, tls.py, http.py, general.py) defines ``NOTES``: a list of
:class:`Note`.  Add a topic by adding a module name to ``TOPICS``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

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


_REGISTRY: dict[str, Note] | None = None


def registry() -> dict[str, Note]:
    global _REGISTRY
    if _REGISTRY is None:
        reg: dict[str, Note] = {}
        for topic in TOPICS:
            try:
                mod = importlib.import_module(f"netlab.concepts.{topic}")
            except ModuleNotFoundError as e:
                if e.name == f"netlab.concepts.{topic}":
                    continue
                raise
            for note in mod.NOTES:
                if note.id in reg:
                    raise ValueError(f"concept note {note.id} defined twice")
                reg[note.id] = note
        _REGISTRY = reg
    return _REGISTRY


def get(note_id: str) -> Note | None:
    return registry().get(note_id)
