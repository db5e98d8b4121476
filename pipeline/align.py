"""Step `align`: every glossary term occurrence in a block, and whether its English made it.

Terms are the glossary's terminology rows (translate_types.TERM_TYPES): duties and skills
are descriptions, which fact extraction maps. A term is found in the block's own text in the
language of the span it sits in: Chinese forms in Chinese spans (Traditional read as
Simplified), Indonesian forms in Indonesian spans (reduplicated, with -nya or a particle:
'tanda-tanda vital', 'catatan medisnya'), English forms in English spans in any case and
number ('Pharmacy Technicians', 'pharmacy tech'). Longest match wins and terms never
overlap. A term that was English already is `matched`; a translated one is `enforced` when
the glossary's preferred English appears in `text_en` (in any case and number) and `missing`
when it does not, so a reviewer sees where the translation lost the field's word.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .glossary import lengths_by_opening
from .indonesian import inflections
from .model import Block, Doc, Span, Term
from .translate_types import TERM_TYPES, term_forms
from .zh_segment import to_simplified

if TYPE_CHECKING:
    from .context import Context
    from .glossary import Concept, Glossary

_ENGLISH_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*['’]?")
_INDONESIAN_WORD = re.compile(r"[A-Za-z]+(?:(?:-| -)[A-Za-z]+)*")
_POSSESSIVE = re.compile(r"['’]s?$")
_IRREGULAR_SINGULARS = {"women": "woman", "men": "man", "children": "child", "people": "person",
                        "analyses": "analysis", "diagnoses": "diagnosis", "criteria": "criterion"}
_ACRONYM_MAX = 5  # an all-capitals form this short (RN, IV, CMS) matches only in capitals


@dataclass(frozen=True, slots=True)
class _Found:
    concept: Concept
    lang: str
    start: int
    end: int


def align(doc: Doc, ctx: Context) -> Doc:
    """Fill `doc.terms` with every block's glossary terms in reading order."""
    doc.terms = [term for block in doc.blocks for term in align_block(block, ctx.glossary)]
    return doc


def align_block(block: Block, glossary: Glossary) -> list[Term]:
    """The glossary terms of one block, with their status against its `text_en`."""
    matcher = _matcher(glossary)
    spans = block.spans or [Span(0, len(block.text), "und")]
    text = block.text
    stated = _stated_languages(spans)
    zh, id_, en = _foreign(stated, "zh"), _foreign(stated, "id"), _foreign(stated, "en", "und")
    found = _non_overlapping([
        *(matcher.chinese(text, zh) if _may_hold(zh, len(text)) else ()),
        *(matcher.indonesian(text, id_) if _may_hold(id_, len(text)) else ()),
        *(matcher.english(text, en) if _may_hold(en, len(text)) else ()),
    ])
    available: Counter[str] = Counter()
    translated = {item.concept.concept for item in found if item.lang != "en"}
    if translated:  # only translated terms are looked for in text_en
        available = matcher.preferred_counts(block.text_en, translated)
        for item in found:
            if item.lang == "en" and matcher.is_preferred(block.text[item.start:item.end], item.concept):
                available[item.concept.concept] -= 1
    terms = []
    for item in found:
        if item.lang == "en":
            status = "matched"
        elif available[item.concept.concept] > 0:
            status, available[item.concept.concept] = "enforced", available[item.concept.concept] - 1
        else:
            status = "missing"
        terms.append(Term(concept=item.concept.concept, lang=item.lang,
                          source=block.text[item.start:item.end],
                          target=item.concept.preferred, block=block.index, start=item.start, end=item.end,
                          status=status))
    return terms


@lru_cache(maxsize=65536)
def english_key(word: str) -> str:
    """A word's case- and number-insensitive key: 'Technicians' -> 'technician', "doctors'" -> 'doctor'.

    Cached (bounded): every word of every block and translation is keyed, and words recur.
    """
    word = _POSSESSIVE.sub("", word.lower().replace("’", "'"))
    if word in _IRREGULAR_SINGULARS:
        return _IRREGULAR_SINGULARS[word]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


class _Matcher:
    """Glossary forms of the three languages, indexed for scanning a block."""

    def __init__(self, glossary: Glossary) -> None:
        self._zh = term_forms(glossary, "zh")
        self._zh_lengths: dict[str, list[int]] = {}  # first character -> form lengths, longest first
        for form in self._zh:
            self._zh_lengths.setdefault(form[0], []).append(len(form))
        for lengths in self._zh_lengths.values():
            lengths.sort(reverse=True)
        # where a form may start: scanning to those characters skips the rest of a text at C speed
        self._zh_start = re.compile("[" + "".join(map(re.escape, self._zh_lengths)) + "]") \
            if self._zh_lengths else None
        self._id = term_forms(glossary, "id")
        # first word -> the lengths in words of the forms of several words opening with it
        self._id_lengths = lengths_by_opening(words for words in map(str.split, self._id) if len(words) > 1)
        self._en: dict[tuple[str, ...], Concept] = {}
        self._en_exact: dict[tuple[str, ...], Concept] = {}
        for concept in (c for c in glossary.concepts.values() if c.type in TERM_TYPES):
            for form in concept.en:
                words = tuple(_ENGLISH_WORD.findall(form))
                if len(form) <= _ACRONYM_MAX and form.isupper():
                    self._en_exact.setdefault(words, concept)
                else:
                    self._en.setdefault(tuple(english_key(w) for w in words), concept)
        self._en_lengths = lengths_by_opening(self._en)
        self._en_exact_lengths = lengths_by_opening(self._en_exact)
        self._preferred = {c.concept: tuple(english_key(w) for w in _ENGLISH_WORD.findall(c.preferred))
                           for c in glossary.concepts.values() if c.type in TERM_TYPES}
        # concept -> ' key key ': its preferred form's keys as they stand in joined keys of a text
        self._needles = {concept: " " + " ".join(preferred) + " "
                         for concept, preferred in self._preferred.items() if preferred}

    def chinese(self, text: str, foreign: list[tuple[int, int]]) -> Iterator[_Found]:
        if self._zh_start is None:
            return
        simplified = to_simplified(text)
        traditional = simplified != text  # else the text's own characters need no second look-up
        i = 0
        while (start := self._zh_start.search(simplified, i)) is not None:
            i = start.start()
            for length in self._zh_lengths.get(simplified[i], ()):
                if i + length > len(text):
                    continue
                concept = self._zh.get(simplified[i:i + length])
                if concept is None and traditional:
                    concept = self._zh.get(text[i:i + length])
                if concept is not None and _clear(foreign, i, i + length):
                    yield _Found(concept, "zh", i, i + length)
                    i += length - 1
                    break
            i += 1

    def indonesian(self, text: str, foreign: list[tuple[int, int]]) -> Iterator[_Found]:
        matches = list(_INDONESIAN_WORD.finditer(text))
        if foreign:
            matches = [m for m in matches if _clear(foreign, m.start(), m.end())]
        words = [_id_word(m) for m in matches]  # each word is looked at by several groups: read once
        i = 0
        while i < len(words):
            # a form of several words opens with the first word as written, uninflected; one word
            # is any form the word may be inflected from
            for length in (*self._id_lengths.get(words[i], ()), 1):
                if length > len(words) - i:
                    continue
                start, end = matches[i].start(), matches[i + length - 1].end()
                concept = self._indonesian_form(words[i:i + length])
                if concept is not None and _clear(foreign, start, end):
                    yield _Found(concept, "id", start, end)
                    i += length - 1
                    break
            i += 1

    def _indonesian_form(self, group: list[str]) -> Concept | None:
        """The concept of these words, the last one read without -nya, particles or reduplication too."""
        head = " ".join(group[:-1])
        for variant in _inflections(group[-1]):
            concept = self._id.get(f"{head} {variant}".strip())
            if concept is not None:
                return concept
        return None

    def english(self, text: str, foreign: list[tuple[int, int]]) -> Iterator[_Found]:
        words = list(_ENGLISH_WORD.finditer(text))
        texts = tuple(map(re.Match.group, words))
        keys = tuple(map(english_key, texts))
        # only words opening a form can start a term: the rest are passed over without a look
        openings = [i for i, (word, key) in enumerate(zip(texts, keys, strict=True))
                    if word in self._en_exact_lengths or key in self._en_lengths]
        covered = 0  # words before this one are part of a term found already
        for i in openings:
            if i < covered:
                continue
            exact, by_key = self._en_exact_lengths.get(texts[i], ()), self._en_lengths.get(keys[i], ())
            # only the lengths of forms opening with this word can match, longest first
            lengths = sorted({*exact, *by_key}, reverse=True) if exact and by_key else exact or by_key
            for length in lengths:
                if length > len(words) - i:
                    continue
                concept = self._en_exact.get(texts[i:i + length]) or self._en.get(keys[i:i + length])
                if concept is None:
                    continue
                start, end = words[i].start(), words[i + length - 1].end()
                if _clear(foreign, start, end):
                    yield _Found(concept, "en", start, end)
                    covered = i + length
                    break

    def preferred_counts(self, text_en: str, concepts: set[str]) -> Counter[str]:
        """How often each of these concepts' preferred English occurs in `text_en`, in any case and number."""
        joined = " " + " ".join(map(english_key, _ENGLISH_WORD.findall(text_en))) + " "
        return Counter({concept: _overlapping_count(joined, self._needles[concept])
                        for concept in concepts if concept in self._needles})

    def is_preferred(self, source: str, concept: Concept) -> bool:
        words = _ENGLISH_WORD.findall(source)
        return tuple(english_key(w) for w in words) == self._preferred[concept.concept]


# Cached (bounded): the words of Indonesian blocks recur, and each is asked for with every group it ends.
_inflections = lru_cache(maxsize=16384)(inflections)

_matchers: dict[str, _Matcher] = {}


def _matcher(glossary: Glossary) -> _Matcher:
    """One matcher per glossary content, built on first use."""
    matcher = _matchers.get(glossary.sha256)
    if matcher is None:
        matcher = _matchers[glossary.sha256] = _Matcher(glossary)
    return matcher


def _overlapping_count(text: str, needle: str) -> int:
    """How often `needle` occurs in `text`, overlapping ones too: 'a b a b a' holds 'a b a' twice."""
    count, at = 0, text.find(needle)
    while at >= 0:
        count, at = count + 1, text.find(needle, at + 1)
    return count


def _id_word(match: re.Match[str]) -> str:
    """An Indonesian word as the glossary's forms spell it: lower case, 'tanda -tanda' joined."""
    return match.group().lower().replace(" -", "-")


def _stated_languages(spans: list[Span]) -> list[tuple[int, int, str]]:
    """(start, end, base language) of the spans that name a language ('zh' for 'zh-Hant'), in order."""
    return sorted((s.start, s.end, s.lang.split("-")[0]) for s in spans if s.lang != "und")


def _foreign(stated: list[tuple[int, int, str]], *langs: str) -> list[tuple[int, int]]:
    """The stretches of the `_stated_languages` other than these, in order: where none of their terms lies."""
    return [(start, end) for start, end, base in stated if base not in langs]


def _clear(foreign: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps no foreign stretch: it lies in spans of the language or in none."""
    return not any(s < end and e > start for s, e in foreign)


def _may_hold(foreign: list[tuple[int, int]], length: int) -> bool:
    """Whether any stretch of the text is clear of the foreign ones: not when they cover it all (an
    English block holds no Chinese term), so its scan can be skipped."""
    covered = 0
    for start, end in foreign:
        if start > covered:
            return True
        covered = max(covered, end)
    return covered < length


def _non_overlapping(found: list[_Found]) -> list[_Found]:
    """Longest first, then leftmost; a term overlapping a kept one is dropped; reading order out."""
    kept: list[_Found] = []
    taken: list[tuple[int, int]] = []
    for item in sorted(found, key=lambda f: (-(f.end - f.start), f.start)):
        if all(item.end <= s or item.start >= e for s, e in taken):
            kept.append(item)
            taken.append((item.start, item.end))
    return sorted(kept, key=lambda f: f.start)
