"""What every translation engine speaks: the `Translator` protocol and what it returns.

Engines (the embedded glossary translator now, argostranslate later) translate one
language span at a time; the translate step assembles a block's English from the spans.

Which glossary rows are terminology is decided here too, for the engines and for term
alignment alike: roles, settings, credentials, organizations and terms name things, and a
translation must use their preferred English. Duty and skill rows are different: their
forms are whole descriptions ("帮助管理员处理簿记、账单和保险索赔") mapped to a canonical
paraphrase for the knowledge base ("handle bookkeeping"); printing that paraphrase as the
translation would drop what the page says, so they are left to fact extraction.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .glossary import Concept, Glossary

TERM_TYPES = frozenset({"role", "setting", "credential", "organization", "term"})


@dataclass(frozen=True, slots=True)
class SegmentContext:
    """What surrounds a span in its block; engines may use it, none has to.

    `before` and `after` are the block's text around the span, already English where it was
    translated. A span between English words, or in a heading, reads differently
    ('医疗助理 Duties' is "Medical Assistant Duties", not "medical assistants Duties").
    """

    before: str = ""
    after: str = ""
    list_item: bool = False
    heading: bool = False


@dataclass(frozen=True, slots=True)
class AppliedTerm:
    """A glossary term an engine applied: where it is in the source span and in the English."""

    concept: Concept
    source_start: int
    source_end: int
    target_start: int
    target_end: int


class TranslatedSegment:
    """A span's English and the glossary terms applied in it.

    An engine may give the concepts it applied (concept, source start, source end) instead of the
    terms: where each landed in the English is then found when `terms` is first read. The translate
    step reads only the English (align finds the terms in the whole block), so it is seldom needed.
    """

    __slots__ = ("text_en", "_terms", "_concepts")

    def __init__(self, text_en: str, terms: list[AppliedTerm] | None = None, *,
                 concepts: list[tuple[Concept, int, int]] | None = None) -> None:
        self.text_en = text_en
        self._terms = [] if terms is None and concepts is None else terms
        self._concepts = concepts

    @property
    def terms(self) -> list[AppliedTerm]:
        if self._terms is None:
            self._terms = applied_terms(self._concepts or [], self.text_en)
        return self._terms

    def __repr__(self) -> str:
        return f"TranslatedSegment(text_en={self.text_en!r}, terms={self.terms!r})"


class Translator(Protocol):
    """One translation engine; `name` is what a block's `engine` records."""

    name: str

    def translate(self, text: str, lang: str, context: SegmentContext | None = None) -> TranslatedSegment: ...


class LanguageTranslator(Protocol):
    """The embedded engine's part for one language (translate_zh, translate_id)."""

    def translate(self, text: str, context: SegmentContext) -> TranslatedSegment: ...


def term_forms(glossary: Glossary, lang: str) -> dict[str, Concept]:
    """Normalised surface form -> the terminology concept it names (the first such row in the file)."""
    forms = {}
    for form, concepts in glossary.forms(lang).items():
        terms = [c for c in concepts if c.type in TERM_TYPES]
        if terms:
            forms[form] = terms[0]
    return forms


def applied_terms(concepts: list[tuple[Concept, int, int]], english: str) -> list[AppliedTerm]:
    """Where each glossary term of a span (concept, source start, source end) landed in its English:
    its preferred form searched in reading order, case-insensitively; a term not found is left out."""
    found: list[AppliedTerm] = []
    if not concepts:
        return found  # most spans hold no glossary term
    lowered = english.lower()
    position = 0
    for concept, start, end in sorted(concepts, key=lambda c: c[1]):
        target = concept.preferred.lower()
        at = lowered.find(target, position)
        if at < 0:
            at = lowered.find(target)
        if at >= 0:
            found.append(AppliedTerm(concept, start, end, at, at + len(target)))
            position = at + len(target)
    return found
