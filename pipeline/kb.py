"""The knowledge base: duties and skills per role, merged across pages.

Facts merge by glossary concept, or by their normalised English text where the glossary
has no concept yet. The result depends only on the set of documents, not on the order
they were added in, so parallel and incremental runs give the same bytes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Doc, Fact

SCHEMA = "kbnorm.kb/1"
_NON_WORD = re.compile(r"[^\w]+")


def merge_key(fact: Fact) -> str:
    """Concept id where there is one, else the text lower-cased with punctuation squashed."""
    if fact.concept:
        return "concept:" + fact.concept
    return "text:" + _NON_WORD.sub(" ", fact.text.lower()).strip()


@dataclass
class _Entry:
    concept: str | None
    statements: dict[str, list[Fact]] = field(default_factory=dict)  # doc_id -> facts stating it

    def to_json(self) -> dict[str, object]:
        pages = sorted(self.statements)
        first = self.statements[pages[0]][0]
        quotes: dict[str, str] = {}
        for doc_id in pages:
            for fact in self.statements[doc_id]:
                quotes.setdefault(fact.lang, fact.source_text)
        return {"concept": self.concept, "text": first.text, "count": len(pages), "pages": pages,
                "quotes": dict(sorted(quotes.items()))}


@dataclass
class KnowledgeBase:
    roles: dict[str, dict[str, dict[str, _Entry]]] = field(default_factory=dict)  # role -> kind -> key -> entry
    role_pages: dict[str, set[str]] = field(default_factory=dict)

    def add(self, doc: Doc) -> None:
        for role in doc.roles:
            self.role_pages.setdefault(role, set()).add(doc.doc_id)
        for kind, facts in (("duties", doc.duties), ("skills", doc.skills)):
            for fact in facts:
                entries = self.roles.setdefault(fact.role, {}).setdefault(kind, {})
                entry = entries.setdefault(merge_key(fact), _Entry(fact.concept))
                entry.statements.setdefault(doc.doc_id, []).append(fact)
                self.role_pages.setdefault(fact.role, set()).add(doc.doc_id)

    def to_json(self) -> dict[str, object]:
        roles = {}
        for role in sorted(self.role_pages):
            kinds = self.roles.get(role, {})
            roles[role] = {
                "pages": sorted(self.role_pages[role]),
                **{kind: [kinds.get(kind, {})[key].to_json() for key in sorted(kinds.get(kind, {}))]
                   for kind in ("duties", "skills")},
            }
        return {"schema": SCHEMA, "roles": roles}
