"""Glossary duties and skills in fact texts and in source text, in any of the three languages.

A fact gets the glossary concept whose English form it contains ('record patients' medical
histories' holds 'record medical histories'), or, for a fact read from the English of a
Chinese or Indonesian block, the concept whose source form the block holds ('记录病史',
'memeriksa tanda-tanda vital'), so a rough translation still lands on the right concept.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from .glossary import Concept, Glossary, longest_form_pattern
from .phrases import content_lemmas
from .similarity import similarity
from .vocab import Tokens, english_vocab

KINDS = {"duties": "duty", "skills": "skill"}
_MAX_GAP = 2  # words a fact may insert inside a glossary form ('record patients' medical histories')
_MIN_COVERAGE = 0.5  # share of the fact's words the form must account for
_WORD_RUN = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")
# What case-insensitive matching equates with ASCII letters: their capitals, and İ ı ſ K.
_ASCII_FOLD = str.maketrans(
    {
        **{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)},
        "\u0130": "i",
        "\u0131": "i",
        "\u017f": "s",
        "\u212a": "k",
    }
)
V = TypeVar("V")


@dataclass(slots=True)
class SourceMatch:
    """A glossary form found in a block's source text (not frozen: see vocab.Word)."""

    concept: Concept
    form: str
    start: int
    end: int


class ConceptIndex:
    """The duty and skill concepts of one glossary, indexed for the three ways facts meet them."""

    def __init__(self, glossary: Glossary) -> None:
        self.by_kind: dict[str, list[Concept]] = {kind: glossary.of_type(t) for kind, t in KINDS.items()}
        self._forms = {kind: _forms_by_rarest_lemma(concepts) for kind, concepts in self.by_kind.items()}
        self._written = {
            kind: TokenForms((form, c) for c in concepts for form in c.en)
            for kind, concepts in self.by_kind.items()
        }
        self._source = {
            (kind, lang): SourceForms(((form, c) for c in concepts for form in c.forms(lang)), lang)
            for kind, concepts in self.by_kind.items()
            for lang in ("zh", "id")
        }

    def of_text(self, text: str, kind: str) -> str | None:
        """The concept whose English form the fact text contains, the longest such form winning."""
        words = content_lemmas(text)
        by_lemma = self._forms[kind]
        # only forms all of whose lemmas are among the text's can appear in it
        present = set(words)
        shortest = _MIN_COVERAGE * len(words)
        best: tuple[tuple[int, int, int], str] | None = None
        for word in present:
            for order, concept, form, lemmas in by_lemma.get(word, ()):
                if len(form) < shortest or not lemmas <= present:
                    continue
                gaps = _gaps(words, form)
                # the longest form wins, then the tightest, then the first in the glossary (no two
                # forms rank alike, so the order in which the index yields them does not matter)
                rank = (len(form), -gaps, -order) if gaps is not None else None
                if rank is not None and (best is None or rank > best[0]):
                    best = (rank, concept.concept)
        return best[1] if best else None

    def in_tokens(self, tokens: Tokens, kind: str) -> list[tuple[Concept, int, int]]:
        """Glossary forms written out in parsed English ('attention to detail'), by token offsets."""
        return self._written[kind].find(tokens)

    def in_source(self, text: str, lang: str, kind: str) -> list[SourceMatch]:
        """Glossary forms of `lang` in a block's source text, longest first where they overlap."""
        forms = self._source.get((kind, lang))
        return [SourceMatch(*found) for found in forms.find(text)] if forms is not None else []

    def closest(self, text: str, candidates: list[SourceMatch]) -> SourceMatch | None:
        """The source match whose English is nearest the fact text, if near enough to be the same."""
        scored = [(similarity(text, c.concept.preferred), c.concept.concept, c) for c in candidates]
        scored = [s for s in scored if s[0] >= 0.5]
        return max(scored, key=lambda s: (s[0], s[1]))[2] if scored else None


@lru_cache(maxsize=4)
def concept_index(glossary: Glossary) -> ConceptIndex:
    return ConceptIndex(glossary)


# (glossary order, concept, content lemmas of a form, their set): a form appears only where all its lemmas do
_FormEntry = tuple[int, Concept, tuple[str, ...], frozenset[str]]


def _forms_by_rarest_lemma(concepts: list[Concept]) -> dict[str, list[_FormEntry]]:
    """The English forms of these concepts (as content lemmas), each indexed by the lemma of it
    that the fewest forms hold: a text then meets few candidates ('perform' opens ninety duty
    forms), and a form that appears in it is still met, at one of its lemmas like any other."""
    worded = ((concept, content_lemmas(form)) for concept in concepts for form in concept.en)
    entries: list[_FormEntry] = [
        (order, concept, lemmas, frozenset(lemmas))
        for order, (concept, lemmas) in enumerate(worded) if lemmas
    ]
    holding = Counter(lemma for entry in entries for lemma in entry[3])
    index: dict[str, list[_FormEntry]] = {}
    for entry in entries:
        rarest = min(entry[2], key=holding.__getitem__)  # the first of the rarest
        index.setdefault(rarest, []).append(entry)
    return index


def _gaps(words: Sequence[str], form: Sequence[str]) -> int | None:
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


class TokenForms(Generic[V]):
    """English forms, each naming a value, found in parsed English as spaCy's PhraseMatcher on
    LOWER finds them: every occurrence of every form, by start and then end (a form that several
    values share gives each, in the order they were named)."""

    def __init__(self, named: Iterable[tuple[str, V]]) -> None:
        vocab = english_vocab()
        by_words: dict[tuple[str, ...], list[V]] = {}
        for form, value in named:
            values = by_words.setdefault(tuple(vocab.parse(form).lower), [])
            if value not in values:
                values.append(value)
        self._values = {words: values for words, values in by_words.items() if words}
        # the lengths of the forms each first word opens, shortest first: at a token, one dict
        # lookup per length ('perform' opens ninety duty forms of six lengths), and the matches
        # there come in order of their ends
        self._lengths: dict[str, list[int]] = {}
        for words in sorted(self._values, key=len):
            lengths = self._lengths.setdefault(words[0], [])
            if len(words) not in lengths:
                lengths.append(len(words))
        self._firsts = frozenset(self._lengths)

    def find(self, tokens: Tokens) -> list[tuple[V, int, int]]:
        """(value, start token, end token) of each form in `tokens`, in reading order."""
        lower = tokens.lower
        if self._firsts.isdisjoint(lower):
            return []  # most sentences: no word that opens a form
        found: list[tuple[V, int, int]] = []
        for start, word in enumerate(lower):
            for length in self._lengths.get(word, ()):
                end = start + length
                if end > len(lower):
                    break
                values = self._values.get(tuple(lower[start:end]))
                if values is not None:
                    found.extend((value, start, end) for value in values)
        return found


class SourceForms(Generic[V]):
    """Glossary forms of one language, each naming a value (the first form of a spelling wins),
    found in source text: Chinese anywhere, Indonesian as whole words in any case; longest
    first where they overlap, as one regex alternation of the forms would find them.

    That alternation tries every form at every Indonesian word, a millisecond a block. When
    all forms are ASCII and open with a word character, the same matches come from looking
    up each word of the text among the forms' first words, comparing in `_ASCII_FOLD`ed text.
    In Chinese it tries its two thousand duty forms one after the other at every character
    that opens any of them; the forms' trie (`longest_form_pattern`) finds the same matches
    trying each character once.
    """

    def __init__(self, named: Iterable[tuple[str, V]], lang: str) -> None:
        self._key = (lambda s: s) if lang == "zh" else str.casefold
        self._forms: dict[str, V] = {}
        for form, value in named:
            self._forms.setdefault(self._key(form), value)
        longest_first = sorted(self._forms, key=len, reverse=True)
        self._by_first_word = None if lang == "zh" else _by_first_word(longest_first)
        alternation = "|".join(map(re.escape, longest_first))
        self._pattern = (
            None
            if not self._forms or self._by_first_word is not None
            else longest_form_pattern(self._forms)
            if lang == "zh"
            else re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)
        )

    def find(self, text: str) -> list[tuple[V, str, int, int]]:
        """(value, form as written, start, end) of each form in `text`, in reading order."""
        if self._by_first_word is not None:
            spans = self._word_spans(text, self._by_first_word)
        elif self._pattern is not None:
            spans = [(m.start(), m.end()) for m in self._pattern.finditer(text)]
        else:
            return []
        return [(self._forms[self._key(text[s:e])], text[s:e], s, e) for s, e in spans]

    @staticmethod
    def _word_spans(text: str, by_first_word: dict[str, list[str]]) -> list[tuple[int, int]]:
        """Where the regex would match: at a word whose folded form opens some forms, the first
        of them (longest first) that the folded text continues with and that ends a word."""
        folded = _ascii_folded(text)
        spans: list[tuple[int, int]] = []
        for word in _WORD_RUN.finditer(folded):
            start = word.start()
            if spans and start < spans[-1][1]:
                continue
            for form in by_first_word.get(word.group(), ()):
                end = start + len(form)
                if folded.startswith(form, start) and not _WORD_CHAR.match(folded, end):
                    spans.append((start, end))
                    break
        return spans


def _ascii_folded(text: str) -> str:
    """`text` in `_ASCII_FOLD`: for ASCII text that is `lower()`, which spares `translate` its
    dictionary lookup per character (most Indonesian text is ASCII)."""
    return text.lower() if text.isascii() else text.translate(_ASCII_FOLD)


def _by_first_word(forms: list[str]) -> dict[str, list[str]] | None:
    """Case-folded forms by their first word, in order; None unless all are ASCII and open with a
    word character, where `_ASCII_FOLD` decides case-insensitive equality."""
    by_word: dict[str, list[str]] = {}
    for form in forms:
        first = _WORD_RUN.match(form)
        if not form.isascii() or first is None:
            return None
        by_word.setdefault(first.group(), []).append(form)
    return by_word
