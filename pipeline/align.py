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
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from itertools import accumulate, compress, count, product, repeat
from operator import itemgetter
from typing import NamedTuple

from .context import Context
from .glossary import Concept, Glossary, lengths_by_opening
from .indonesian import inflections
from .model import Block, Doc, Span, Term
from .translate_types import TERM_TYPES, term_forms
from .zh_segment import to_simplified

_ENGLISH_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*['’]?")
# splitting a text by it keeps the words: gap, word, gap, word, ..., gap
_ENGLISH_PIECES = re.compile(f"({_ENGLISH_WORD.pattern})")
_INDONESIAN_WORD = re.compile(r"[A-Za-z]+(?:(?:-| -)[A-Za-z]+)*")
_POSSESSIVE = re.compile(r"['’]s?$")
_IRREGULAR_SINGULARS = {"women": "woman", "men": "man", "children": "child", "people": "person",
                        "analyses": "analysis", "diagnoses": "diagnosis", "criteria": "criterion"}
_ACRONYM_MAX = 5  # an all-capitals form this short (RN, IV, CMS) matches only in capitals


# A term found in a block's text: (start, end, concept, lang, whether it is an English term written
# as its concept's preferred English). A plain tuple: one is made for every term of every block, and
# a `Term` only for those kept.
_Found = tuple[int, int, "Concept", str, bool]


class _EnglishForm(NamedTuple):
    """What an English form of the glossary names, kept where the form ends in a `_WordTree`."""

    concept: Concept
    preferred: bool  # in any case and number, the form is its concept's preferred English


def align(doc: Doc, ctx: Context) -> Doc:
    """Fill `doc.terms` with every block's glossary terms in reading order."""
    doc.terms = [term for block in doc.blocks for term in align_block(block, ctx.glossary)]
    return doc


def align_block(block: Block, glossary: Glossary) -> list[Term]:
    """The glossary terms of one block, with their status against its `text_en`."""
    matcher = _matcher(glossary)
    text = block.text
    found = _find(matcher, text, block.spans or [Span(0, len(text), "und")])
    statuses = _statuses(matcher, found, block.text_en)
    index = block.index
    # Term's fields in order (concept, lang, source, target, block, start, end, status): a page has
    # some 150 terms, and passing their fields by keyword made building them take nearly twice as long
    return [Term(concept.concept, lang, text[start:end], concept.preferred, index, start, end, status)
            for (start, end, concept, lang, _), status in zip(found, statuses, strict=True)]


def _find(matcher: _Matcher, text: str, spans: list[Span]) -> list[_Found]:
    """The terms of each language in the text's spans of it, in reading order, never overlapping."""
    if len(spans) == 1 and spans[0].start == 0 and spans[0].end == len(text) and spans[0].lang != "und":
        # three blocks in four are of one stated language throughout: only its scan can find terms,
        # and nothing in the text is foreign to it
        scan = matcher.scans.get(spans[0].lang.split("-")[0])
        return scan(text, []) if scan is not None else []
    stated = _stated_languages(spans)
    zh, id_, en = _foreign(stated, "zh"), _foreign(stated, "id"), _foreign(stated, "en", "und")
    scans = [
        matcher.chinese(text, zh) if _may_hold(zh, len(text)) else [],
        matcher.indonesian(text, id_) if _may_hold(id_, len(text)) else [],
        matcher.english(text, en) if _may_hold(en, len(text)) else [],
    ]
    # the terms of one language never overlap and come in reading order: only those of several
    # languages need sorting out
    found = [scan for scan in scans if scan]
    if len(found) > 1:
        return _non_overlapping([item for scan in found for item in scan])
    return found[0] if found else []


def _statuses(matcher: _Matcher, found: list[_Found], text_en: str) -> list[str]:
    """Per term: `matched` when English already; a translated one `enforced` while an occurrence of
    its preferred English in `text_en` is left over for it, else `missing`."""
    translated = {concept.concept for _, _, concept, lang, _ in found if lang != "en"}
    if not translated:  # only translated terms are looked for in text_en
        return ["matched"] * len(found)
    available = matcher.preferred_counts(text_en, translated)
    for _, _, concept, _, as_preferred in found:
        if as_preferred:  # its own English takes an occurrence in text_en
            available[concept.concept] = available.get(concept.concept, 0) - 1
    return [_status(lang, concept.concept, available) for _, _, concept, lang, _ in found]


def _status(lang: str, concept: str, available: dict[str, int]) -> str:
    """A term's status, taking an occurrence of its preferred English from `available` when enforced."""
    if lang == "en":
        return "matched"
    if available.get(concept, 0) > 0:
        available[concept] -= 1
        return "enforced"
    return "missing"


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
        self._zh_lengths = lengths_by_opening(self._zh)  # first character -> form lengths, longest first
        # the same by the first two characters: fewer forms share those, so a scan tries fewer
        # lengths. Only when every form has two, and for Simplified text: a Traditional text's own
        # characters are looked up too, at the lengths its first character's Simplified opens.
        self._zh_pair_lengths = _lengths_by_pair(self._zh) if all(len(f) > 1 for f in self._zh) else None
        # where a form may start: scanning to those characters skips the rest of a text at C speed
        self._zh_start = re.compile("[" + "".join(map(re.escape, self._zh_lengths)) + "]") \
            if self._zh_lengths else None
        self._id = term_forms(glossary, "id")
        # first word -> the lengths in words of the forms of several words opening with it
        self._id_lengths = lengths_by_opening(words for words in map(str.split, self._id) if len(words) > 1)
        # Cached (bounded): every word of an Indonesian block is looked up as a form of its own
        self._indonesian_word = lru_cache(maxsize=16384)(self._indonesian_word_uncached)
        self._preferred = {c.concept: tuple(english_key(w) for w in _ENGLISH_WORD.findall(c.preferred))
                           for c in glossary.concepts.values() if c.type in TERM_TYPES}
        by_keys = _WordTree()  # forms by their words' keys
        self._en_exact = _WordTree()  # acronyms by their words as written
        for concept in (c for c in glossary.concepts.values() if c.type in TERM_TYPES):
            for form in concept.en:
                words = _ENGLISH_WORD.findall(form)
                keys = tuple(map(english_key, words))
                named = _EnglishForm(concept, keys == self._preferred[concept.concept])
                if len(form) <= _ACRONYM_MAX and form.isupper():
                    self._en_exact.add(words, named)
                else:
                    by_keys.add(keys, named)
        # the same by every lower-case word keyed as those are, so a text's words are looked up
        # without keying them
        self._en = by_keys.respelled(_key_surfaces)
        # a word of a text may open a form when its lower case is one of these (an acronym is then
        # looked up as written)
        self._en_openings = frozenset([*self._en.openings, *map(str.lower, self._en_exact.openings)])
        # concept -> ' key key ': its preferred form's keys as they stand in joined keys of a text
        self._needles = {concept: " " + " ".join(preferred) + " "
                         for concept, preferred in self._preferred.items() if preferred}
        # lower-case word -> its key, for every word keyed as a word of a preferred form is: the
        # only words whose keys a needle can hold
        self._preferred_keys = {surface: key for preferred in self._preferred.values()
                                for key in preferred for surface in _key_surfaces(key)}
        # base language -> the scan finding its terms
        self.scans = {"zh": self.chinese, "id": self.indonesian, "en": self.english}

    def chinese(self, text: str, foreign: list[tuple[int, int]]) -> list[_Found]:
        found: list[_Found] = []
        if self._zh_start is None:
            return found
        simplified = to_simplified(text)
        traditional = simplified != text  # else the text's own characters need no second look-up
        by_pair = self._zh_pair_lengths if not traditional else None
        i = 0
        while (start := self._zh_start.search(simplified, i)) is not None:
            i = start.start()
            lengths = by_pair.get(simplified[i:i + 2], ()) if by_pair is not None \
                else self._zh_lengths.get(simplified[i], ())
            for length in lengths:
                if i + length > len(text):
                    continue
                concept = self._zh.get(simplified[i:i + length])
                if concept is None and traditional:
                    concept = self._zh.get(text[i:i + length])
                if concept is not None and _clear(foreign, i, i + length):
                    found.append((i, i + length, concept, "zh", False))
                    i += length - 1
                    break
            i += 1
        return found

    def indonesian(self, text: str, foreign: list[tuple[int, int]]) -> list[_Found]:
        matches = list(_INDONESIAN_WORD.finditer(text))
        if foreign:
            matches = [m for m in matches if _clear(foreign, m.start(), m.end())]
        words = [_id_word(m) for m in matches]  # each word is looked at by several groups: read once
        found = []
        i = 0
        while i < len(words):
            # a form of several words opens with the first word as written, uninflected; one word
            # is any form the word may be inflected from
            for length in self._id_lengths.get(words[i], ()):
                if length > len(words) - i:
                    continue
                concept = self._indonesian_form(words[i:i + length])
                start, end = matches[i].start(), matches[i + length - 1].end()
                if concept is not None and _clear(foreign, start, end):
                    found.append((start, end, concept, "id", False))
                    i += length
                    break
            else:
                concept = self._indonesian_word(words[i])
                if concept is not None:  # the word is clear: the foreign ones were left out
                    found.append((matches[i].start(), matches[i].end(), concept, "id", False))
                i += 1
        return found

    def _indonesian_word_uncached(self, word: str) -> Concept | None:
        """The concept of a form of one word that this word may be inflected from."""
        return self._indonesian_form([word])

    def _indonesian_form(self, group: list[str]) -> Concept | None:
        """The concept of these words, the last one read without -nya, particles or reduplication too."""
        head = " ".join(group[:-1])
        for variant in _inflections(group[-1]):
            concept = self._id.get(f"{head} {variant}".strip())
            if concept is not None:
                return concept
        return None

    def english(self, text: str, foreign: list[tuple[int, int]]) -> list[_Found]:
        # word i is pieces[2i + 1] and spans ends[2i] to ends[2i + 1]: cut and measured at C speed,
        # with no match object per word
        pieces = _ENGLISH_PIECES.split(text)
        ends = list(accumulate(map(len, pieces)))
        words = pieces[1::2]
        lowered = list(map(str.lower, words))
        # only words opening a form can start a term: the rest are passed over
        openings = compress(count(), map(self._en_openings.__contains__, lowered))
        found = []
        covered = 0  # words before this one are part of a term found already
        for i in openings:
            if i < covered:
                continue
            for length, form in self._english_forms_at(words, lowered, i):
                start, end = ends[2 * i], ends[2 * (i + length) - 1]
                if _clear(foreign, start, end):
                    found.append((start, end, form.concept, "en", form.preferred))
                    covered = i + length
                    break
        return found

    def _english_forms_at(self, words: list[str], lowered: list[str],
                          i: int) -> list[tuple[int, _EnglishForm]]:
        """(length in words, what it names) of the forms opening at words[i], longest first; of two as
        long, an acronym as written (RN) before a form in any case and number."""
        forms = self._en.walk(lowered, i)
        if words[i] in self._en_exact.openings:
            forms = sorted([*forms, *self._en_exact.walk(words, i)], key=itemgetter(0))
        return forms[::-1]

    def preferred_counts(self, text_en: str, concepts: set[str]) -> dict[str, int]:
        """How often each of these concepts' preferred English occurs in `text_en`, in any case and number."""
        # the keys of its words, looked up by their lower case; '?' (no key) for the words of no
        # preferred form, which no needle holds
        words = map(str.lower, _ENGLISH_WORD.findall(text_en))
        joined = " " + " ".join(map(self._preferred_keys.get, words, repeat("?"))) + " "
        return {concept: _overlapping_count(joined, self._needles[concept])
                for concept in concepts if concept in self._needles}


class _WordTree:
    """Forms of one or more words as a tree of their words, the first word at the root: walking it
    along the words of a text finds every form opening at a word with one look per word."""

    def __init__(self) -> None:
        # word -> ([what the form ending with it names, or None], the words that may follow)
        self._root: dict[str, tuple[list[_EnglishForm | None], dict]] = {}
        self.openings = self._root.keys()  # the words forms open with
        self.depth = 0  # the most words of a form

    def add(self, words: Sequence[str], named: _EnglishForm) -> None:
        """Add a form; a form added before keeps what it names (the first row of the file wins)."""
        if not words:
            return
        children = self._root
        for word in words[:-1]:
            children = children.setdefault(word, ([None], {}))[1]
        ends_here = children.setdefault(words[-1], ([None], {}))[0]
        ends_here[0] = ends_here[0] or named
        self.depth = max(self.depth, len(words))

    def walk(self, words: list[str], start: int) -> list[tuple[int, _EnglishForm]]:
        """(length, what it names) of every form opening at words[start], shortest first."""
        found = []
        children = self._root
        for length, word in enumerate(words[start:start + self.depth], 1):
            node = children.get(word)
            if node is None:
                break
            (named,), children = node
            if named is not None:
                found.append((length, named))
        return found

    def respelled(self, spellings: Callable[[str], Iterable[str]]) -> _WordTree:
        """The same forms with every word replaced by each of its spellings (which no two words share)."""
        tree = _WordTree()
        tree._root = _respelled(self._root, spellings)
        tree.openings = tree._root.keys()
        tree.depth = self.depth
        return tree


def _respelled(children: dict[str, tuple[list[_EnglishForm | None], dict]],
               spellings: Callable[[str], Iterable[str]],
               ) -> dict[str, tuple[list[_EnglishForm | None], dict]]:
    """A `_WordTree` level with its words respelled: every spelling of a word leads to one node."""
    respelled = {}
    for word, (named, following) in children.items():
        node = (named, _respelled(following, spellings))
        respelled.update(dict.fromkeys(spellings(word), node))
    return respelled


def _lengths_by_pair(forms: Iterable[str]) -> dict[str, tuple[int, ...]]:
    """The first two characters of the forms -> the lengths of those opening with them, longest first."""
    lengths: dict[str, set[int]] = {}
    for form in forms:
        lengths.setdefault(form[:2], set()).add(len(form))
    return {pair: tuple(sorted(found, reverse=True)) for pair, found in lengths.items()}


@lru_cache(maxsize=8192)
def _key_surfaces(key: str) -> frozenset[str]:
    """Every lower-case word whose `english_key` is `key`: the key, its plurals, possessives of
    both, with either apostrophe.

    Cached (bounded): building a matcher asks for the keys of every form's words, and the
    glossary's forms share most of their words ('technician' ends dozens of them).
    """
    irregular = [plural for plural, singular in _IRREGULAR_SINGULARS.items() if singular == key]
    stems = [key, *irregular, key + "s", key + "es", *([key[:-1] + "ies"] if key.endswith("y") else [])]
    written = {stem + ending for stem in stems for ending in ("", "'", "'s")}
    surfaces = set()
    for word in written:
        pieces = word.split("'")
        for apostrophes in product("'’", repeat=len(pieces) - 1):
            surfaces.add(pieces[0] + "".join(a + p for a, p in zip(apostrophes, pieces[1:], strict=True)))
    return frozenset(surface for surface in surfaces if english_key(surface) == key)


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
    return not foreign or not any(s < end and e > start for s, e in foreign)


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
    for item in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
        start, end = item[0], item[1]
        if all(end <= s or start >= e for s, e in taken):
            kept.append(item)
            taken.append((start, end))
    return sorted(kept, key=itemgetter(0))

