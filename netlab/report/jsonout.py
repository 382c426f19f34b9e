"""JSON renderer: the result of one probe run as one JSON object (schema in SCHEMA.md).

The probe's own result fields (e.g. dns-trace's ``answer`` and ``hops``) sit at the top level so
that ``jq .answer`` works; ``findings`` and ``concepts`` are the same for every probe; the whole
Document follows under ``document`` for tools that want to draw it themselves.
"""

from __future__ import annotations

import json
from typing import Any

from netlab import concepts
from netlab.model import to_jsonable
from netlab.report.document import Document

SCHEMA = "netlab-result"
SCHEMA_VERSION = 1

# Keys the envelope owns; a probe's Result may not use them as field names.
RESERVED = ("schema", "schema_version", "probe", "netlab_version", "generated_from", "findings",
            "concepts", "document")


def result_object(doc: Document, result: Any, recording: Any) -> dict:
    """The JSON object (before serialisation); see SCHEMA.md."""
    import netlab

    probe = doc.probe or getattr(recording, "probe", "") or getattr(result, "probe", "")
    started = getattr(recording, "started_at", "") or None
    out: dict[str, Any] = {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "probe": probe,
        "netlab_version": netlab.__version__,
        "generated_from": started,
    }
    fields = result.to_json() if result is not None else {}
    for key, value in fields.items():
        if key == "findings":
            continue
        if key in RESERVED:
            raise ValueError(f"{type(result).__name__}.{key}: the JSON envelope reserves this name")
        out[key] = value
    findings = list(result.findings) if result is not None else list(doc.findings)
    out["findings"] = [
        {
            "code": f.code,
            "severity": f.severity,
            "message": f.message,
            "message_ko": f.message_ko,
            "concepts": list(f.concepts),
            "detail": f.detail,
            "detail_ko": f.detail_ko,
        }
        for f in findings
    ]
    notes: dict[str, dict] = {}
    for f in findings:
        for cid in f.concepts:
            note = concepts.get(cid)
            if note is not None and cid not in notes:
                notes[cid] = {"title": note.title(doc.lang), "text": note.text(doc.lang)}
    out["concepts"] = notes
    out["document"] = doc.to_json()
    return to_jsonable(out)


def render_json(doc: Document, result: Any, recording: Any) -> str:
    """The result as JSON text (UTF-8, indented, no trailing newline)."""
    return json.dumps(result_object(doc, result, recording), indent=2, ensure_ascii=False)
