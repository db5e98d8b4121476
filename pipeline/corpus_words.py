"""Frequent Chinese and Indonesian words and phrases of a corpus that no glossary entry covers.

These are the candidates for the glossary's next rows. Chinese spans are segmented with
jieba taught the glossary's forms (as the translator does, so a term stays one word);
Indonesian spans are split into words. A word counts when it is a content word (jieba's
part of speech for zh, the Indonesian lexicon's word class for id), is not among the most
frequent words of the language in general (工作, 需要, adalah, melakukan say nothing about
the field), and no glossary form of any type covers it, nor a term the alignment found
there (which also knows -nya and reduplicated forms). Two such words
in a row count as a phrase too. Each candidate comes with the English the pipeline's own
engine would print for it, CC-CEDICT's senses for Chinese, and its contexts.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise

from wordfreq import get_frequency_dict

from .glossary import Glossary
from .glossary_findings import MAX_OCCURRENCES, Finding, Occurrence, how_often
from .indonesian import REDUPLICATED, analyses
from .lexicon import ChineseLexicon
from .model import Block, Doc
from .translate import GlossaryTranslator
from .translate_id import indonesian_lexicon
from .zh_segment import ChineseSegmenter, to_simplified
from .zh_words import ChineseWords, domain_table

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_ID_WORD = re.compile(rf"{REDUPLICATED.pattern}|[A-Za-z]+")
# jieba tags of content words; person and place names, numbers and times are no glossary material
_ZH_CONTENT_TAGS = re.compile(r"^(?:n[gtz]?|vn?|vd|an?|ad|l|i|j|x)$")
_ID_FUNCTION_CLASSES = frozenset("cprmqdux")
_GENERAL_FREQUENCY = 10 ** 5.5 / 1e9  # wordfreq's Zipf 5.5: about one word in 3,000
_ID_MIN_LETTERS = 3
_MAX_SENSES = 3
_ARTICLE = re.compile(r"^(?:the|an?) ", re.IGNORECASE)  # an entry names the thing: 'rate', not 'the rate'


@dataclass(frozen=True, slots=True)
class _Token:
    """A content word of a span, with [start, end) in its block's text and its lookup key."""

    key: str
    start: int
    end: int


@dataclass(slots=True)
class _Candidate:
    text: str
    lang: str
    count: int = 0
    pages: set[str] = field(default_factory=set)
    occurrences: list[Occurrence] = field(default_factory=list)

    def add(self, doc: Doc, block: Block, start: int, end: int) -> None:
        self.count += 1
        self.pages.add(doc.doc_id)
        if len(self.occurrences) < MAX_OCCURRENCES:
            self.occurrences.append(Occurrence(doc.doc_id, block.index, block.text, start, end,
                                               block.text_en))


class UncoveredWords:
    """Finds uncovered words and phrases; built once per glossary (jieba and the lexicons load lazily)."""

    def __init__(self, glossary: Glossary) -> None:
        self._glossary = glossary
        self._lexicon = ChineseLexicon.load()

    def findings(self, docs: list[Doc], *, min_count: int = 2, top: int = 200) -> list[Finding]:
        """The `top` most frequent candidates per language seen at least `min_count` times."""
        candidates: dict[tuple[str, str], _Candidate] = {}
        for doc in docs:
            covered = _term_ranges(doc)
            for block in doc.blocks:
                for lang, tokens in self._block_tokens(block, covered.get(block.index, [])):
                    for start, end, key in _words_and_phrases(block.text, tokens):
                        candidate = candidates.setdefault((lang, key), _Candidate(key, lang))
                        candidate.add(doc, block, start, end)
        found = []
        for lang in ("zh", "id"):
            ranked = sorted((c for c in candidates.values() if c.lang == lang and c.count >= min_count),
                            key=lambda c: (-c.count, c.text))
            found += [self._finding(c) for c in ranked[:top]]
        return found

    def _block_tokens(self, block: Block,
                      covered: list[tuple[int, int]]) -> Iterator[tuple[str, list[_Token]]]:
        """Per zh or id span of the block, its uncovered content words in order."""
        for span in block.spans:
            lang = span.lang.split("-")[0]
            tokenize = {"zh": self._zh_tokens, "id": self._id_tokens}.get(lang)
            if tokenize is None:
                continue
            text = block.text[span.start:span.end]
            ranges = covered + _shifted(self._form_ranges(lang, text), span.start)
            yield lang, [_Token(t.key, t.start + span.start, t.end + span.start) for t in tokenize(text)
                         if not _overlaps(ranges, t.start + span.start, t.end + span.start)]

    def _zh_tokens(self, text: str) -> Iterator[_Token]:
        for word in self._segmenter.segment(text):
            if (len(word.text) > 1 and _HAN.search(word.text) and _ZH_CONTENT_TAGS.match(word.tag)
                    and not self._general("zh", word.simplified)):
                yield _Token(word.simplified, word.start, word.end)

    def _id_tokens(self, text: str) -> Iterator[_Token]:
        for match in _ID_WORD.finditer(text):
            word = match.group().lower().replace(" -", "-")
            if len(word) >= _ID_MIN_LETTERS and not self._general("id", word) and not _id_function_word(word):
                yield _Token(word, match.start(), match.end())

    def _general(self, lang: str, word: str) -> bool:
        return self._frequencies[lang].get(word, 0.0) >= _GENERAL_FREQUENCY

    @cached_property
    def _frequencies(self) -> dict[str, dict[str, float]]:
        """wordfreq's tables, read directly: its own lookup would segment Chinese with a jieba of its own."""
        return {lang: get_frequency_dict(lang) for lang in ("zh", "id")}

    def _form_ranges(self, lang: str, text: str) -> list[tuple[int, int]]:
        """Where any glossary form of `lang` (duties and skills too) occurs in `text`."""
        pattern = self._form_patterns.get(lang)
        haystack = to_simplified(text) if lang == "zh" else text
        return [(m.start(), m.end()) for m in pattern.finditer(haystack)] if pattern else []

    @cached_property
    def _form_patterns(self) -> dict[str, re.Pattern[str]]:
        patterns = {}
        for lang, boundary in (("zh", ""), ("id", r"(?<![A-Za-z]){}(?![A-Za-z])")):
            forms = sorted(self._glossary.forms(lang), key=len, reverse=True)
            alternation = "|".join(re.escape(to_simplified(f) if lang == "zh" else f) for f in forms)
            if alternation:
                patterns[lang] = re.compile(boundary.format(f"(?:{alternation})") if boundary
                                            else alternation, re.IGNORECASE)
        return patterns

    @cached_property
    def _segmenter(self) -> ChineseSegmenter:
        """Segments as the translator does: glossary terms whole, the domain table's words taught."""
        taught = tuple((word, senses[0].cls) for word, senses in domain_table().items())
        is_word = ChineseWords(self._glossary, self._lexicon).__contains__
        return ChineseSegmenter(self._glossary, is_word, taught)

    @cached_property
    def _translator(self) -> GlossaryTranslator:
        return GlossaryTranslator(self._glossary, self._lexicon)

    def _finding(self, candidate: _Candidate) -> Finding:
        english = _ARTICLE.sub("", self._translator.translate(candidate.text, candidate.lang).text_en)
        senses = self._lexicon.senses(candidate.text)[:_MAX_SENSES] if candidate.lang == "zh" else []
        message = f"{how_often(candidate.count, len(candidate.pages))}; no glossary entry covers it"
        if senses:
            message += f" (CC-CEDICT: {'; '.join(senses)})"
        return Finding("uncovered_word", message, lang=candidate.lang, term=candidate.text,
                       count=candidate.count, suggestion=english, occurrences=candidate.occurrences)


def _id_function_word(word: str) -> bool:
    """A conjunction, preposition, pronoun, numeral, adverb... by the first reading the lexicon knows."""
    lexicon = indonesian_lexicon()
    sense = next((lexicon[a.root] for a in analyses(word) if a.root in lexicon), None)
    return sense is not None and sense.cls in _ID_FUNCTION_CLASSES


def _term_ranges(doc: Doc) -> dict[int, list[tuple[int, int]]]:
    ranges: dict[int, list[tuple[int, int]]] = {}
    for term in doc.terms:
        ranges.setdefault(term.block, []).append((term.start, term.end))
    return ranges


def _shifted(ranges: list[tuple[int, int]], offset: int) -> list[tuple[int, int]]:
    return [(start + offset, end + offset) for start, end in ranges]


def _overlaps(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and e > start for s, e in ranges)


def _words_and_phrases(text: str, tokens: list[_Token]) -> Iterator[tuple[int, int, str]]:
    """Each token, and each two tokens with only spaces between them, as (start, end, key)."""
    for token in tokens:
        yield token.start, token.end, token.key
    for first, second in pairwise(tokens):
        gap = text[first.end:second.start]
        if not gap.strip():
            yield first.start, second.end, first.key + (" " if gap else "") + second.key
