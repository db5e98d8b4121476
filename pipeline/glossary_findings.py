"""What `kbnorm glossary check` finds: one `Finding` per problem, each of a known kind and severity.

Severity follows one rule a translator can remember: an *error* is what makes `kbnorm run`
refuse the glossary (it cannot be parsed, a concept or a form is claimed twice, a cell is
empty), or a glossary term whose English did not make it into the translation; everything
else is a *warning*: worth a look, but the glossary works and the corpus says what it should.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ERROR = "error"
WARNING = "warning"
MAX_OCCURRENCES = 8  # a finding keeps this many contexts for the concordance; `count` has them all


@dataclass(frozen=True, slots=True)
class Kind:
    severity: str
    title: str


KINDS: dict[str, Kind] = {
    "parse_error": Kind(ERROR, "the file cannot be read as a glossary (encoding, header, columns, CSV)"),
    "invalid_row": Kind(ERROR, "a concept id that is empty or not snake_case, or an unknown type"),
    "duplicate_concept": Kind(ERROR, "one concept id on two rows"),
    "duplicate_form": Kind(ERROR, "one form listed twice in a cell (ignoring case in en and id)"),
    "form_collision": Kind(ERROR, "one form claimed by two concepts of the same type"),
    "empty_cell": Kind(ERROR, "an empty language cell, or an empty form between '|'"),
    "missing_term": Kind(ERROR, "a glossary term whose preferred English is missing from the translation"),
    "shared_form": Kind(WARNING, "one form on two terms of different types, or on a duty and a skill"),
    "case_collision": Kind(WARNING, "zh forms that differ only in letter case"),
    "han_in_latin": Kind(WARNING, "Chinese characters in an en or id form"),
    "latin_zh": Kind(WARNING, "a zh cell without a single Chinese character"),
    "missing_traditional": Kind(WARNING, "a Simplified zh form without its Traditional spelling"),
    "inconsistent_rendering": Kind(WARNING, "one concept written in English in more than one way"),
    "unseen_concept": Kind(WARNING, "a glossary concept that no page of the corpus mentions"),
    "uncovered_word": Kind(WARNING, "a frequent zh or id word or phrase that no glossary entry covers"),
}


@dataclass(frozen=True, slots=True)
class Occurrence:
    """Where a finding shows in the corpus: a block's text, the finding's span in it, and its English."""

    doc_id: str
    block: int
    text: str
    start: int
    end: int
    text_en: str

    def to_json(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "block": self.block, "text": self.text, "start": self.start,
                "end": self.end, "text_en": self.text_en}


@dataclass(slots=True)
class Finding:
    """One problem; `line` is the glossary line it concerns (None for corpus-only findings)."""

    kind: str
    message: str
    line: int | None = None
    concept: str = ""
    lang: str = ""
    term: str = ""
    count: int = 0
    suggestion: str = ""
    occurrences: list[Occurrence] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown finding kind {self.kind!r}")

    @property
    def severity(self) -> str:
        return KINDS[self.kind].severity

    def to_json(self) -> dict[str, Any]:
        return {"severity": self.severity, "kind": self.kind, "line": self.line, "concept": self.concept,
                "lang": self.lang, "term": self.term, "count": self.count, "suggestion": self.suggestion,
                "message": self.message, "occurrences": [o.to_json() for o in self.occurrences]}


def counted(count: int, noun: str) -> str:
    """'1 error', '3 errors': for messages and summaries."""
    return f"{count} {noun}{'s' * (count != 1)}"


def how_often(count: int, pages: int) -> str:
    """'3 times on 2 pages'."""
    return f"{counted(count, 'time')} on {counted(pages, 'page')}"


def sort_key(finding: Finding) -> tuple[bool, int, int, int, str]:
    """Errors first, then kind by kind; within a kind in glossary line order, then by falling count."""
    return (finding.severity != ERROR, list(KINDS).index(finding.kind), finding.line or 0, -finding.count,
            finding.term)
