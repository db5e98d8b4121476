"""What the corpus-wide files need of one page, made where the page is processed.

knowledge_base.json merges every page's facts by keys that need the English lemmatiser, and
report.html has a section per page. Both are pure functions of a page's document, so the
worker that renders the document also makes its summary, kept in
`<out>/.kbnorm/pages/<doc_id>.json`. The end of a run then gathers small files, with neither
spaCy nor the documents read back into objects, and an unchanged page's summary is reused
like its document.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from .model import Doc

SCHEMA = "kbnorm.page-summary/1"


def summarize(doc: Doc) -> dict[str, Any]:
    from .kb import contribution
    from .run_report import report_entry

    return {"schema": SCHEMA, "kb": contribution(doc), "report": report_entry(doc)}


def summary_path(out: Path, doc_id: str) -> Path:
    return out / ".kbnorm" / "pages" / f"{doc_id}.json"


def load_summary(out: Path, doc_id: str) -> dict[str, Any] | None:
    """The page's stored summary; None when it is missing or not this version's (the caller
    then makes it again from the document)."""
    try:
        summary = orjson.loads(summary_path(out, doc_id).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    return summary if isinstance(summary, dict) and summary.get("schema") == SCHEMA else None
