"""The `extract` step: the roles a page describes and the duties and skills it states for each.

facts.PageReader reads the statements; this step ties each to a glossary concept, drops the
second statement of a fact within a role (lists win over prose), and decides the page's
roles: those with facts, and those its headings name.
"""

from __future__ import annotations

from .concepts import ConceptIndex, concept_index
from .context import Context
from .cues import DUTIES, SKILLS
from .facts import Found, PageReader
from .model import Doc, Fact
from .similarity import similarity

SAME_DUTY = 0.8  # texts this alike are one duty whatever their verbs
SAME_OBJECT = 0.5  # ...or with the same verb and objects more alike than this
SAME_SKILL = 0.6


def extract(doc: Doc, ctx: Context) -> Doc:
    reader = PageReader(doc, ctx.glossary)
    found = reader.read()
    index = concept_index(ctx.glossary)
    for fact in found:
        # a zh/id fact is best known by the glossary form its source holds; English by its words
        fact.concept = (
            fact.concept or _concept_from_source(fact, doc, index) or index.of_text(fact.text, fact.kind)
        )
    kept = _deduplicate(found)
    doc.duties = [_fact(f) for f in kept if f.kind == DUTIES]
    doc.skills = [_fact(f) for f in kept if f.kind == SKILLS]
    with_facts = {f.role for f in kept}
    headed = [role for section in reader.sections.values() for role in section.roles]
    doc.roles = sorted(with_facts | set(headed))
    return doc


def _concept_from_source(fact: Found, doc: Doc, index: ConceptIndex) -> str | None:
    """For a fact read from the English of a zh/id block: the glossary form its source holds."""
    if fact.lang not in ("zh", "id"):
        return None
    block = doc.blocks[fact.block]
    match = index.closest(fact.text, index.in_source(block.text, fact.lang, fact.kind))
    return match.concept.concept if match else None


def _deduplicate(found: list[Found]) -> list[Found]:
    """One fact per role and meaning; list items are kept before prose, then in reading order."""
    order = sorted(range(len(found)), key=lambda i: (not found[i].structural, i))
    kept: list[int] = []
    # facts of different kinds or roles are never the same: compare only within a (kind, role)
    kept_by_group: dict[tuple[str, str], list[Found]] = {}
    for i in order:
        group = kept_by_group.setdefault((found[i].kind, found[i].role), [])
        if not any(_same(found[i], other) for other in group):
            kept.append(i)
            group.append(found[i])
    return [found[i] for i in sorted(kept)]


def _same(a: Found, b: Found) -> bool:
    """Two facts of one kind and role that state the same thing."""
    if a.concept is not None and a.concept == b.concept:
        return True
    score = similarity(a.text, b.text)
    if a.kind == SKILLS:
        return score >= SAME_SKILL
    verb_a, _, object_a = a.text.partition(" ")
    verb_b, _, object_b = b.text.partition(" ")
    same_verb = verb_a.lower() == verb_b.lower()
    return score >= SAME_DUTY or (same_verb and similarity(object_a, object_b) > SAME_OBJECT)


def _fact(found: Found) -> Fact:
    return Fact(
        role=found.role,
        text=found.text,
        concept=found.concept,
        block=found.block,
        lang=found.lang,
        source_text=found.source_text,
    )
