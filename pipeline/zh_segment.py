"""Chinese word segmentation for the translator: glossary terms first, then jieba.

The glossary names the field's terms, so a glossary term's form is always one word, taken
longest match first (医疗保健 before 医疗); jieba segments the text between them and tags each
word's part of speech. jieba's dictionary holds compounds no bilingual dictionary knows
(环境中工作 "work in an environment"); such a word is split again into dictionary words.
Traditional text is read through its Simplified form character by character, so offsets
stay those of the source.
"""
from __future__ import annotations

import itertools
import marshal
import re
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass
from functools import cache, lru_cache
from math import log

import jieba
import opencc

from .cache import cache_dir
from .glossary import Concept, Glossary, longest_form_pattern
from .translate_types import term_forms
from .write import write_atomic

GLOSSARY_TAG = "gl"
MAX_WORD_CHARS = 8
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_DIGITS = re.compile(r"^[0-9.]+$")
_LATIN = re.compile(r"^[A-Za-z]")
_JIEBA_FREQ = 200_000  # high enough that jieba keeps glossary forms whole
_WORD_FREQ = 20_000  # the domain table's words: kept whole against jieba's general compounds
_CACHED_WORDS = 32_768
_SHORT_GAP_CHARS = 4  # a gap this short between glossary terms is a word or two (和, 包括, 客户服务, ", 和")
# jieba's own patterns for its default cut: the runs it segments by dictionary, the spaces in the rest,
# and the letters and digits it joins back when the dictionary left them one by one
_JIEBA_RUN = jieba.re_han_default
_JIEBA_SPACE = jieba.re_skip_default
_JIEBA_ALNUM = jieba.re_eng
# characters OpenCC's t2s leaves as they are alone but changes inside a phrase (深沈 -> 深沉, 藉此 -> 借此)
PHRASE_ONLY_TRADITIONAL = "沈藉覆坏瞭哩甦衹"
_ASTRAL_HAN = "\U00020000-\U0003ffff"  # the CJK extension planes


@dataclass(slots=True)
class Word:
    """One segmented word: its source text, [start, end) in the segment, POS tag and concept."""

    text: str
    start: int
    end: int
    tag: str
    simplified: str
    concept: Concept | None = None


# A `Word`'s fields in order, as a plain tuple: the translator reads each word once, and a tuple costs
# far less to make than an object
WordFields = tuple[str, int, int, str, str, "Concept | None"]


class ChineseSegmenter:
    """Segments Chinese text into tagged words; built once per glossary."""

    def __init__(self, glossary: Glossary, is_word: Callable[[str], bool],
                 words: tuple[tuple[str, str], ...] = ()) -> None:
        """`words`: the translator's own (word, POS tag) pairs, taught to jieba beside glossary forms."""
        self._is_word = is_word
        self._forms = term_forms(glossary, "zh")
        self._form_pattern = longest_form_pattern(self._forms)
        self._tokenizer, self._tags = _tokenizer(tuple(self._forms), words)
        self._jieba_tags = base_dictionary().tags
        self._word_scores = WordScores(self._tokenizer)
        # splitting and tagging a jieba word costs dictionary probes per part; the same words recur
        self._tagged_parts = lru_cache(maxsize=_CACHED_WORDS)(self._look_up_tagged_parts)
        # the same short gaps recur on every page, and jieba's cut costs far more than a lookup
        self._short_cut = lru_cache(maxsize=_CACHED_WORDS)(self._jieba_cut)

    def segment(self, text: str) -> list[Word]:
        """Words covering `text` in order (spaces and punctuation are words tagged 'x')."""
        return [Word(*fields) for fields in self.word_fields(text)]

    def word_fields(self, text: str) -> list[WordFields]:
        """The fields of `segment`'s words, as tuples."""
        simplified = to_simplified(text)
        words: list[WordFields] = []
        gap_start = 0
        for match in self._form_pattern.finditer(simplified):
            start, end = match.span()
            words += self._jieba_words(text, simplified, gap_start, start)
            form = match.group()
            words.append((text[start:end], start, end, GLOSSARY_TAG, form, self._forms[form]))
            gap_start = end
        words += self._jieba_words(text, simplified, gap_start, len(simplified))
        return words

    def concept(self, word: str, tag: str) -> Concept | None:
        """The concept `word_fields` gives a word with this Simplified form and tag: a glossary term's."""
        return self._forms[word] if tag == GLOSSARY_TAG else None

    def _jieba_words(self, text: str, simplified: str, start: int, end: int) -> list[WordFields]:
        words: list[WordFields] = []
        position = start
        same = text is simplified  # most text is Simplified already: its words are their source
        for piece in self._cut(simplified[start:end]):
            for part, tag in self._tagged_parts(piece):
                end_of_part = position + len(part)
                source = part if same else text[position:end_of_part]
                words.append((source, position, end_of_part, tag, part, None))
                position = end_of_part
        return words

    def _look_up_tagged_parts(self, word: str) -> tuple[tuple[str, str], ...]:
        """A jieba word's dictionary parts (see `_known_parts`), each with its part-of-speech tag."""
        return tuple((part, self._tag(part)) for part in self._known_parts(word))

    def _cut(self, text: str) -> Iterable[str]:
        """jieba's words of `text`; a gap between glossary terms is often empty or one character
        (和, 的, a comma), which jieba would give back as it is."""
        if len(text) <= 1:
            return (text,) if text else ()
        if len(text) <= _SHORT_GAP_CHARS:
            return self._short_cut(text)
        return self._jieba_cut(text)

    def _jieba_cut(self, text: str) -> tuple[str, ...]:
        return tuple(cut_without_hmm(self._tokenizer, text, self._word_scores))

    def _tag(self, word: str) -> str:
        """A word's part-of-speech tag: jieba's, ours for words we taught it, else by its shape."""
        tag = self._tags.get(word) or self._jieba_tags.get(word)
        if tag:
            return tag
        if _DIGITS.match(word):
            return "m"
        return "eng" if _LATIN.match(word) else "x"

    def _known_parts(self, word: str) -> list[str]:
        """`word` itself when the dictionary knows it, else its dictionary words, longest first."""
        if len(word) < 2 or not _HAN.search(word) or self._is_word(word):
            return [word]
        parts = []
        i = 0
        while i < len(word):
            for length in range(min(MAX_WORD_CHARS, len(word) - i), 0, -1):
                if length == 1 or self._is_word(word[i:i + length]):
                    parts.append(word[i:i + length])
                    i += length
                    break
        return parts


class WordScores(dict[str, "float | None"]):
    """The log probability jieba's dictionary gives each string a route asks about: None when no
    word starts so, 0 when only longer words do (jieba keeps every prefix of a word, with count 0).

    The scores are kept in a table of their own: jieba's dictionary holds half a million words and
    prefixes, so a look-up there mostly misses the processor's caches and costs far more than one
    among the few thousand strings recent pages' words are made of. The table is emptied when full.
    """

    __slots__ = ("_frequencies", "_log_total", "_limit")

    def __init__(self, tokenizer: jieba.Tokenizer, limit: int = _CACHED_WORDS) -> None:
        super().__init__()
        self._frequencies = tokenizer.FREQ
        self._log_total = log(tokenizer.total)
        self._limit = limit

    @property
    def unknown(self) -> float:
        """The score jieba gives a character no dictionary word is: a count of 1."""
        return log(1) - self._log_total

    def __missing__(self, text: str) -> float | None:
        if len(self) >= self._limit:
            self.clear()
        count = self._frequencies.get(text)
        score = self[text] = log(count) - self._log_total if count else count
        return score


def cut_without_hmm(tokenizer: jieba.Tokenizer, text: str, scores: WordScores | None = None) -> list[str]:
    """The words of `tokenizer.cut(text, HMM=False)`, found with the same scores in fewer steps.

    jieba builds each run's graph of dictionary words, scores it in a second pass of generator
    expressions and yields the route through a third, costlier than the lookups themselves.
    `scores`: the tokenizer's `WordScores`, kept by the caller from one text to the next.
    """
    tokenizer.check_initialized()
    if scores is None:
        scores = WordScores(tokenizer)
    words: list[str] = []
    for block in _JIEBA_RUN.split(text):
        if not block:
            continue
        if _JIEBA_RUN.match(block):
            route = _best_route(scores, block)
            # a run without a letter or digit has nothing to join
            words += _alnum_joined(route) if _JIEBA_ALNUM.search(block) else route
            continue
        for piece in _JIEBA_SPACE.split(block):
            if _JIEBA_SPACE.match(piece):
                words.append(piece)
            else:
                words += piece  # jieba gives every other character alone
    return words


def _best_route(word_scores: WordScores, run: str) -> list[str]:
    """The words of the most probable split of `run` into dictionary words, as jieba's `calc` picks it:
    from the end backwards, each position takes the word whose log frequency plus the best score after
    it is highest, the longer word on a tie; a character no word starts with stands alone."""
    size = len(run)
    scores = [0.0] * (size + 1)
    ends = list(range(1, size + 1))
    unknown = word_scores.unknown
    for start in range(size - 1, -1, -1):
        best = None
        end = start + 1
        word_score = word_scores[run[start]]
        # jieba's dictionary holds every prefix of its words, so the scan stops at a non-prefix
        while word_score is not None:
            if word_score:
                score = word_score + scores[end]
                if best is None or score >= best:
                    best, ends[start] = score, end
            if end == size:
                break
            end += 1
            word_score = word_scores[run[start:end]]
        if best is None:
            best = unknown + scores[start + 1]
        scores[start] = best
    words = []
    start = 0
    while start < size:
        words.append(run[start:ends[start]])
        start = ends[start]
    return words


def _alnum_joined(words: list[str]) -> list[str]:
    """Single letters and digits in a row joined into one word, as jieba does ('2', '0' -> '20')."""
    joined: list[str] = []
    letters = ""
    for word in words:
        if len(word) == 1 and _JIEBA_ALNUM.match(word):
            letters += word
            continue
        if letters:
            joined.append(letters)
            letters = ""
        joined.append(word)
    if letters:
        joined.append(letters)
    return joined


def to_simplified(text: str) -> str:
    """Simplified Chinese of `text` with the same length, so offsets carry over.

    Text that is Simplified already stays as it is (Taiwan conventions would turn its 显著
    into 显着); Traditional text is read with them (扮演著 -> 扮演着).
    """
    if not _maybe_traditional().search(text) or _converter("t2s").convert(text) == text:
        return text
    converter = _converter("tw2s")
    converted = converter.convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(ch if len(c := converter.convert(ch)) != 1 else c for ch in text)


@cache
def _maybe_traditional() -> re.Pattern[str]:
    """A character OpenCC's t2s might change: text without one is Simplified already, told by one
    search instead of a conversion (most text asked about is Simplified).

    t2s changes a character alone (its character tables) or inside a phrase of its phrase table;
    each of those phrases holds a character the tables change or one of `PHRASE_ONLY_TRADITIONAL`
    (tests/test_zh_segment.py checks this against the installed dictionaries). Characters beyond
    the Basic Multilingual Plane all count: with them in the class `re` could not test a character
    by a bitmap, and they are rare.
    """
    t2s = _converter("t2s")
    han = map(chr, itertools.chain(range(0x3400, 0xA000), range(0xF900, 0xFB00)))
    changed = "".join(ch for ch in han if t2s.convert(ch) != ch)
    return re.compile(f"[{changed}{PHRASE_ONLY_TRADITIONAL}{_ASTRAL_HAN}]")


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


@dataclass(frozen=True, slots=True)
class JiebaDictionary:
    """jieba's own dictionary: the frequency of each word (0 for the prefixes of words, as jieba's
    route search wants them), the frequencies' total, and each word's part-of-speech tag."""

    frequencies: dict[str, int]
    total: int
    tags: dict[str, str]


@cache
def base_dictionary() -> JiebaDictionary:
    """jieba's own dictionary, read once per process from kbnorm's cache of it; every glossary's
    tokenizer starts from a copy.

    The cache holds the frequencies and the tags together, made from jieba's dictionary file the
    first time: jieba's own cache loader reads its file one object at a time (about three times
    slower than one read and `marshal.loads`), and jieba.posseg parses the dictionary file again
    for the tags on import. Every run's workers start by loading this, so it is worth a second.
    """
    path = cache_dir("jieba") / f"kbnorm-dictionary-{jieba.__version__}.marshal"
    with suppress(OSError, ValueError, EOFError, TypeError):  # absent or unreadable: made again
        frequencies, total, tags = marshal.loads(path.read_bytes())
        return JiebaDictionary(frequencies, total, tags)
    dictionary = _read_jieba_dictionary()
    with suppress(OSError):  # a cache that cannot be written costs the next process the same time, no more
        write_atomic(path, marshal.dumps((dictionary.frequencies, dictionary.total, dictionary.tags)),
                     durable=False)
    return dictionary


def _read_jieba_dictionary() -> JiebaDictionary:
    """The dictionary file jieba ships, read as jieba reads it: 'word frequency tag' per line."""
    tokenizer = jieba.Tokenizer()
    frequencies, total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
    tags = {}
    with tokenizer.get_dict_file() as lines:
        for line in lines:
            if fields := line.decode("utf-8").split():
                tags[fields[0]] = fields[2]
    return JiebaDictionary(frequencies, total, tags)


@cache
def _tokenizer(glossary_forms: tuple[str, ...], words: tuple[tuple[str, str], ...]
               ) -> tuple[jieba.Tokenizer, dict[str, str]]:
    """A jieba tokenizer on jieba's dictionary, knowing our words, and the tags of the words it learnt
    from us (a word jieba knows keeps its own tag: it tells its use)."""
    dictionary = base_dictionary()
    tokenizer = jieba.Tokenizer()
    # what initialize() would set, from the copy in memory (add_word changes the dictionary it is given)
    tokenizer.FREQ, tokenizer.total = dict(dictionary.frequencies), dictionary.total
    tokenizer.initialized = True
    tags: dict[str, str] = {}
    for word, tag in words:
        if len(word) > 1:
            known = tokenizer.FREQ.get(word)
            tokenizer.add_word(word, max(_WORD_FREQ, known or 0))
            if not known:
                tags[word] = tag
    for form in glossary_forms:
        tokenizer.add_word(form, _JIEBA_FREQ)
        tags[form] = "n"
    return tokenizer, tags
