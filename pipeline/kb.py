"""The knowledge base: duties and skills per role, merged across pages.

Facts merge by glossary concept, or, where the glossary has no concept yet, by their
normalised English (content-word lemmas, so 'Recording patients' medical histories' on one
page and 'record patient medical history' on another are one duty). Each entry says which
pages state it, how many, its English, and one source quote per language it was stated in.

The result depends only on the set of documents, never on the order they were added in:
every choice (the entry's text, its quotes) is made over pages in doc_id order, and adding
a page again replaces what it said before. Parallel and incremental runs give the same bytes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from .model import Doc, Fact

SCHEMA = "kbnorm.kb/1"
KINDS = ("duties", "skills")


def merge_key(fact: Fact) -> str:
    """Concept id where there is one, else the fact's content lemmas in order."""
    if fact.concept:
        return "concept:" + fact.concept
    from .phrases import content_lemmas  # spaCy's lemmatiser: loaded only by whoever makes keys

    return "text:" + " ".join(content_lemmas(fact.text) or [fact.text.lower().strip()])


def contribution(doc: Doc) -> dict[str, Any]:
    """What a page adds to the knowledge base, merge keys made, as JSON: computed where the page
    is processed, so that merging thousands of pages needs neither spaCy nor the documents."""
    return {
        "roles": list(doc.roles),
        "facts": [[kind, merge_key(fact), fact.to_json()] for kind in KINDS for fact in getattr(doc, kind)],
    }


@dataclass(frozen=True, slots=True)
class _Page:
    roles: tuple[str, ...]
    facts: tuple[tuple[str, str, Fact], ...]  # (kind, merge key, fact)


class KnowledgeBase:
    """What each page says, kept per page so the merge can be redone in a fixed order."""

    def __init__(self) -> None:
        self._pages: dict[str, _Page] = {}

    def add(self, doc: Doc) -> None:
        """Record a page's roles and facts (replacing what an earlier version of the page said)."""
        self.add_contribution(doc.doc_id, contribution(doc))

    def add_contribution(self, doc_id: str, added: dict[str, Any]) -> None:
        """Record a page's `contribution` (replacing what an earlier version of the page said)."""
        facts = tuple((kind, key, Fact(**fact)) for kind, key, fact in added["facts"])
        self._pages[doc_id] = _Page(tuple(added["roles"]), facts)

    def to_json(self) -> dict[str, object]:
        role_pages: dict[str, set[str]] = {}
        # role -> kind -> key -> doc_id -> facts stating it on that page
        merged: dict[str, dict[str, dict[str, dict[str, list[Fact]]]]] = {}
        for doc_id in sorted(self._pages):
            page = self._pages[doc_id]
            for role in page.roles:
                role_pages.setdefault(role, set()).add(doc_id)
            for kind, key, fact in page.facts:
                role_pages.setdefault(fact.role, set()).add(doc_id)
                entries = merged.setdefault(fact.role, {}).setdefault(kind, {})
                entries.setdefault(key, {}).setdefault(doc_id, []).append(fact)
        roles = {}
        for role in sorted(role_pages):
            kinds = merged.get(role, {})
            roles[role] = {
                "pages": sorted(role_pages[role]),
                **{kind: _entries(kinds.get(kind, {})) for kind in KINDS},
            }
        return {"schema": SCHEMA, "roles": roles}


def _entries(by_key: dict[str, dict[str, list[Fact]]]) -> list[dict[str, object]]:
    """Entries stated by the most pages first, then alphabetically by their text."""
    entries = [_entry(statements) for statements in by_key.values()]
    return sorted(entries, key=lambda e: (-int(e["count"]), str(e["text"]), str(e["concept"] or "")))


def _entry(statements: dict[str, list[Fact]]) -> dict[str, object]:
    pages = sorted(statements)
    facts = [fact for doc_id in pages for fact in statements[doc_id]]
    quotes: dict[str, str] = {}
    for fact in facts:
        quotes.setdefault(fact.lang, fact.source_text)
    return {
        "concept": facts[0].concept,
        "text": _english(facts),
        "count": len(pages),
        "pages": pages,
        "quotes": dict(sorted(quotes.items())),
    }


def _english(facts: list[Fact]) -> str:
    """The text most pages use; on a tie, the one stated in English, then the shortest, then A-Z."""
    per_text = Counter(fact.text for fact in facts)
    english = {fact.text for fact in facts if fact.lang == "en"}
    return min(per_text, key=lambda text: (-per_text[text], text not in english, len(text), text))
