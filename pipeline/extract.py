"""The `extract` step: the roles a page describes and the duties and skills it states for each.

facts.PageReader reads the statements; this step ties each to a glossary concept, drops the
second statement of a fact within a role (lists win over prose), and decides the page's
roles: those with facts, and those its headings name.
"""

from __future__ import annotations

from dataclasses import dataclass

from .concepts import ConceptIndex, SourceMatch, concept_index
from .context import Context
from .cues import DUTIES, SKILLS
from .facts import Found, PageReader
from .model import Doc, Fact
from .similarity import Words, alike, similarity, words

SAME_DUTY = 0.8  # texts this alike are one duty whatever their verbs
SAME_OBJECT = 0.5  # ...or with the same verb and objects more alike than this
SAME_SKILL = 0.6


def extract(doc: Doc, ctx: Context) -> Doc:
    reader = PageReader(doc, ctx.glossary)
    found = reader.read()
    index = concept_index(ctx.glossary)
    in_sources: dict[tuple[int, str], list[SourceMatch]] = {}
    for fact in found:
        # a zh/id fact is best known by the glossary form its source holds; English by its words
        fact.concept = (
            fact.concept
            or _concept_from_source(fact, doc, index, in_sources)
            or index.of_text(fact.text, fact.kind)
        )
    kept = _deduplicate(found)
    doc.duties = [_fact(f) for f in kept if f.kind == DUTIES]
    doc.skills = [_fact(f) for f in kept if f.kind == SKILLS]
    with_facts = {f.role for f in kept}
    headed = [role for section in reader.sections.values() for role in section.roles]
    doc.roles = sorted(with_facts | set(headed))
    return doc


def _concept_from_source(
    fact: Found, doc: Doc, index: ConceptIndex, in_sources: dict[tuple[int, str], list[SourceMatch]]
) -> str | None:
    """For a fact read from the English of a zh/id block: the glossary form its source holds.

    `in_sources` keeps the forms found per (block, kind) for the page: a block states several facts.
    """
    if fact.lang not in ("zh", "id"):
        return None
    key = (fact.block, fact.kind)
    if key not in in_sources:
        in_sources[key] = index.in_source(doc.blocks[fact.block].text, fact.lang, fact.kind)
    match = index.closest(fact.text, in_sources[key])
    return match.concept.concept if match else None


@dataclass(slots=True)
class _Statement:
    """A fact as deduplication compares it: its words and verb are read once, not once a pair.
    Not frozen (see vocab.Word)."""

    found: Found
    words: Words
    verb: str  # lower-cased first word of a duty
    object: str  # the rest of a duty's text

    @classmethod
    def of(cls, found: Found) -> _Statement:
        verb, _, object_ = found.text.partition(" ")
        return cls(found, words(found.text), verb.lower(), object_)


def _deduplicate(found: list[Found]) -> list[Found]:
    """One fact per role and meaning; list items are kept before prose, then in reading order."""
    order = sorted(range(len(found)), key=lambda i: (not found[i].structural, i))
    kept: list[int] = []
    # facts of different kinds or roles are never the same: compare only within a (kind, role)
    kept_by_group: dict[tuple[str, str], list[_Statement]] = {}
    for i in order:
        statement = _Statement.of(found[i])
        group = kept_by_group.setdefault((found[i].kind, found[i].role), [])
        if not any(_same(statement, other) for other in group):
            kept.append(i)
            group.append(statement)
    return [found[i] for i in sorted(kept)]


def _same(a: _Statement, b: _Statement) -> bool:
    """Two facts of one kind and role that state the same thing."""
    if a.found.concept is not None and a.found.concept == b.found.concept:
        return True
    score = alike(a.words, b.words)
    if a.found.kind == SKILLS:
        return score >= SAME_SKILL
    return score >= SAME_DUTY or (a.verb == b.verb and similarity(a.object, b.object) > SAME_OBJECT)


def _fact(found: Found) -> Fact:
    return Fact(
        role=found.role,
        text=found.text,
        concept=found.concept,
        block=found.block,
        lang=found.lang,
        source_text=found.source_text,
    )
