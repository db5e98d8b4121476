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
from dataclasses import dataclass, field
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


class KnowledgeBase:
    """What each page says, kept per page so the merge can be redone in a fixed order: for callers
    that add pages in any order, or add a page again. A run, which reads its pages in doc_id order,
    merges them as they come instead (`KnowledgeMerge`)."""

    def __init__(self) -> None:
        self._pages: dict[str, dict[str, Any]] = {}

    def add(self, doc: Doc) -> None:
        """Record a page's roles and facts (replacing what an earlier version of the page said)."""
        self.add_contribution(doc.doc_id, contribution(doc))

    def add_contribution(self, doc_id: str, added: dict[str, Any]) -> None:
        """Record a page's `contribution` (replacing what an earlier version of the page said)."""
        self._pages[doc_id] = added

    def to_json(self) -> dict[str, object]:
        merge = KnowledgeMerge()
        for doc_id in sorted(self._pages):
            merge.add_contribution(doc_id, self._pages[doc_id])
        return merge.to_json()


@dataclass(slots=True)
class _Entry:
    """One duty or skill of a role, as merged so far from pages taken in doc_id order."""

    concept: str | None  # that of the first fact stating it
    pages: list[str] = field(default_factory=list)
    texts: Counter[str] = field(default_factory=Counter)  # its English, per fact
    english: set[str] = field(default_factory=set)  # the texts stated on English pages
    quotes: dict[str, str] = field(default_factory=dict)  # language -> the first source quote

    def add(self, doc_id: str, fact: dict[str, Any]) -> None:
        _add_page(self.pages, doc_id)
        self.texts[fact["text"]] += 1
        if fact["lang"] == "en":
            self.english.add(fact["text"])
        self.quotes.setdefault(fact["lang"], fact["source_text"])

    def to_json(self) -> dict[str, object]:
        return {
            "concept": self.concept,
            "text": self._text(),
            "count": len(self.pages),
            "pages": self.pages,
            "quotes": dict(sorted(self.quotes.items())),
        }

    def _text(self) -> str:
        """The text most facts use; on a tie, one stated in English, then the shortest, then A-Z."""
        texts = self.texts
        return min(texts, key=lambda text: (-texts[text], text not in self.english, len(text), text))


class KnowledgeMerge:
    """The knowledge base merged page by page, pages added in doc_id order.

    It holds the merged entries only, never the pages' facts: the memory of a run's last step
    grows with the number of distinct duties and skills, not with the number of facts stated.
    """

    def __init__(self) -> None:
        self._last: str | None = None
        self._role_pages: dict[str, list[str]] = {}
        # role -> kind -> merge key -> entry
        self._entries: dict[str, dict[str, dict[str, _Entry]]] = {}

    def add_contribution(self, doc_id: str, added: dict[str, Any]) -> None:
        """Merge a page's `contribution`; doc_ids must come in increasing order."""
        if self._last is not None and doc_id <= self._last:
            raise ValueError(f"pages must be merged in doc_id order: {doc_id!r} after {self._last!r}")
        self._last = doc_id
        for role in added["roles"]:
            _add_page(self._role_pages.setdefault(role, []), doc_id)
        for kind, key, fact in added["facts"]:
            role = fact["role"]
            _add_page(self._role_pages.setdefault(role, []), doc_id)
            entries = self._entries.setdefault(role, {}).setdefault(kind, {})
            entry = entries.get(key)
            if entry is None:
                entry = entries[key] = _Entry(fact["concept"])
            entry.add(doc_id, fact)

    def to_json(self) -> dict[str, object]:
        roles = {}
        for role in sorted(self._role_pages):
            kinds = self._entries.get(role, {})
            roles[role] = {
                "pages": self._role_pages[role],
                **{kind: _sorted_entries(kinds.get(kind, {})) for kind in KINDS},
            }
        return {"schema": SCHEMA, "roles": roles}


def _add_page(pages: list[str], doc_id: str) -> None:
    """Add a page to a list kept in doc_id order, once: pages come in that order."""
    if not pages or pages[-1] != doc_id:
        pages.append(doc_id)


def _sorted_entries(by_key: dict[str, _Entry]) -> list[dict[str, object]]:
    """Entries stated by the most pages first, then alphabetically by their text."""
    entries = [entry.to_json() for entry in by_key.values()]
    return sorted(entries, key=lambda e: (-int(e["count"]), str(e["text"]), str(e["concept"] or "")))
