"""Glossary duties and skills in fact texts and in source text, in any of the three languages.

A fact gets the glossary concept whose English form it contains ('record patients' medical
histories' holds 'record medical histories'), or, for a fact read from the English of a
Chinese or Indonesian block, the concept whose source form the block holds ('记录病史',
'memeriksa tanda-tanda vital'), so a rough translation still lands on the right concept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc as SpacyDoc

from .glossary import Concept, Glossary
from .phrases import content_lemmas
from .similarity import similarity
from .vocab import english_vocab

KINDS = {"duties": "duty", "skills": "skill"}
_MAX_GAP = 2  # words a fact may insert inside a glossary form ('record patients' medical histories')
_MIN_COVERAGE = 0.5  # share of the fact's words the form must account for


@dataclass(frozen=True, slots=True)
class SourceMatch:
    """A glossary form found in a block's source text."""

    concept: Concept
    form: str
    start: int
    end: int


class ConceptIndex:
    """The duty and skill concepts of one glossary, indexed for the three ways facts meet them."""

    def __init__(self, glossary: Glossary) -> None:
        vocab = english_vocab()
        self.by_kind: dict[str, list[Concept]] = {kind: glossary.of_type(t) for kind, t in KINDS.items()}
        self._forms = {
            kind: [(c, content_lemmas(form)) for c in concepts for form in c.en]
            for kind, concepts in self.by_kind.items()
        }
        self._matchers: dict[str, PhraseMatcher] = {}
        for kind, concepts in self.by_kind.items():
            matcher = PhraseMatcher(vocab.nlp.vocab, attr="LOWER")
            for concept in concepts:
                matcher.add(concept.concept, [vocab.nlp.make_doc(form) for form in concept.en])
            self._matchers[kind] = matcher
        self._concepts = {c.concept: c for concepts in self.by_kind.values() for c in concepts}
        self._source = {
            (kind, lang): _source_pattern(concepts, lang)
            for kind, concepts in self.by_kind.items()
            for lang in ("zh", "id")
        }

    def of_text(self, text: str, kind: str) -> str | None:
        """The concept whose English form the fact text contains, the longest such form winning."""
        words = content_lemmas(text)
        best: tuple[int, int, str] | None = None  # (form length, -gaps, concept): longest, then tightest
        for concept, form in self._forms[kind]:
            gaps = _gaps(words, form) if form and len(form) >= _MIN_COVERAGE * len(words) else None
            if gaps is not None and (best is None or (len(form), -gaps) > best[:2]):
                best = (len(form), -gaps, concept.concept)
        return best[2] if best else None

    def in_tokens(self, doc: SpacyDoc, kind: str) -> list[tuple[Concept, int, int]]:
        """Glossary forms written out in parsed English ('attention to detail'), by token offsets."""
        strings = doc.vocab.strings
        return [(self._concepts[strings[m]], s, e) for m, s, e in self._matchers[kind](doc)]

    def in_source(self, text: str, lang: str, kind: str) -> list[SourceMatch]:
        """Glossary forms of `lang` in a block's source text, longest first where they overlap."""
        pattern, forms = self._source.get((kind, lang), (None, {}))
        if pattern is None:
            return []
        key = (lambda s: s) if lang == "zh" else str.casefold
        return [
            SourceMatch(forms[key(m.group())], m.group(), m.start(), m.end()) for m in pattern.finditer(text)
        ]

    def closest(self, text: str, candidates: list[SourceMatch]) -> SourceMatch | None:
        """The source match whose English is nearest the fact text, if near enough to be the same."""
        scored = [(similarity(text, c.concept.preferred), c.concept.concept, c) for c in candidates]
        scored = [s for s in scored if s[0] >= 0.5]
        return max(scored, key=lambda s: (s[0], s[1]))[2] if scored else None


@lru_cache(maxsize=4)
def concept_index(glossary: Glossary) -> ConceptIndex:
    return ConceptIndex(glossary)


def _gaps(words: list[str], form: list[str]) -> int | None:
    """Words inserted where `form` appears in `words` in order (fewest over its starts); None if
    it does not appear with at most _MAX_GAP of them."""
    best: int | None = None
    for first in (i for i, w in enumerate(words) if w == form[0]):
        gaps, j = 0, first
        for lemma in form[1:]:
            k = j + 1
            while k < len(words) and words[k] != lemma:
                k += 1
            if k >= len(words):
                break
            gaps += k - j - 1
            j = k
        else:
            if gaps <= _MAX_GAP and (best is None or gaps < best):
                best = gaps
    return best


def _source_pattern(concepts: list[Concept], lang: str) -> tuple[re.Pattern[str] | None, dict[str, Concept]]:
    forms: dict[str, Concept] = {}
    for concept in concepts:
        for form in concept.forms(lang):
            forms.setdefault(form if lang == "zh" else form.casefold(), concept)
    if not forms:
        return None, {}
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    if lang == "zh":
        return re.compile(alternation), forms
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE), forms
