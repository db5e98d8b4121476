"""Which language a Latin-script run is in: word evidence, glossary forms and langdetect.

langdetect alone fails on the short runs these mixed pages are full of ('vs', 'pharmacy
techs', 'Dengan kata lain' come out as 'tl', 'so', 'af', 'nl'...). So each candidate language
gets a score in log10 units that adds up:

- word evidence: how much rarer each word is in a language than in the language where it is
  most frequent (wordfreq), or the glossary's say for its en/id forms;
- langdetect's probabilities for the page's Latin text, and for a block's where its words
  leave doubt: one vote as heavy as one strongly marked word, which proposes the languages
  beyond en/id and breaks near-ties;
- priors: the page's dominant Latin language, and what the rest of the block's words say,
  which is what decides the short runs.

langdetect runs from a private factory with a fixed seed and only the profiles of languages
that can occur, so results are reproducible and the library's global state is never touched;
its detectors (langid_detector) take each word's n-grams from a cache, with the same results.
"""
from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache, partial, reduce
from itertools import accumulate, chain, compress, count
from operator import add, itemgetter, sub
from pathlib import Path
from typing import TypeVar

from langdetect.detector_factory import PROFILES_DIRECTORY
from langdetect.lang_detect_exception import LangDetectException

from .glossary import Glossary
from .langid_detector import FastDetector, FastDetectorFactory
from .langid_words import BASE_LANGS, LATIN_WORD, WORD_CLIP, best_zipf, word_evidence, word_key

# Latin-script languages langdetect may propose; English and Indonesian always compete.
DETECTOR_LANGS: tuple[str, ...] = ("en", "id", "tl", "es", "fr", "de", "pt", "it", "nl")
_SEED = 0
_MAX_DETECTOR_CHARS = 400  # langdetect samples n-grams; more text only costs time
_MIN_DETECTOR_LETTERS = 40  # about eight words; below that langdetect is noise: words and context decide
_MIN_PROPOSAL = 0.5  # a third language competes only when langdetect clearly proposes it
_PROBABILITY_FLOOR = 1e-3
_PAGE_PRIOR = 1.5
_BLOCK_PRIOR = 2.0
_DEFAULT_PRIOR = 0.2  # no page context: these pages are mostly English
_MAX_CACHED_WORDS = 200_000  # per table of word keys, scores or fits
# langdetect is asked about a block only when its words leave doubt: no language leads by
# this much (two strongly marked words), or its words are on average rarer in English and
# Indonesian than this Zipf frequency (English and Indonesian prose scores 4.2 and more;
# Spanish, French, Tagalog about 2 to 3.3).
_DOUBT_MARGIN = 6.0
_MIN_FIT = 3.8


# Scores in log10 units, one per candidate language in the candidates' order: what a word or a
# glossary form says, a run's summed evidence, priors. Tuples rather than dicts keyed by
# language, so that they are added up column by column in C.
_Scores = tuple[float, ...]
# The page's words' scores for some candidate languages, one list per language.
_Columns = list[tuple[float, ...]]
_FormMatch = tuple[int, int, str]  # a glossary form found in a list of words: start, end, language
_Value = TypeVar("_Value")  # what a _WordTable holds for each word


@dataclass(slots=True)
class LatinPage:
    """The Latin runs of a page, read once for the page's language and again for each block's.

    Words are keyed, and glossary forms found, in one pass over all of them. A form found there
    may cross from one run into the next, where a block reads each run on its own: the runs a
    form crosses are read again alone (`crossed`), so every run says what it would say alone.
    """

    words: list[str]
    keys: list[str]
    bounds: list[int]  # run i is words[bounds[i]:bounds[i + 1]]
    forms: list[_FormMatch]
    crossed: frozenset[int]
    # the words' scores per candidate languages, glossary forms applied
    columns: dict[tuple[str, ...], _Columns] = field(default_factory=dict)
    # each run's summed word evidence per candidate languages, every run read as if alone
    evidence: dict[tuple[str, ...], list[_Scores]] = field(default_factory=dict)

    def words_of(self, runs: range) -> slice:
        """Where the words of consecutive runs lie in `words` and `keys`."""
        return slice(self.bounds[runs.start], self.bounds[runs.stop])

    def run_words(self, run: int) -> slice:
        """Where the words of one run lie in `words` and `keys`."""
        return slice(self.bounds[run], self.bounds[run + 1])

    def every_run_words(self) -> list[slice]:
        """`run_words` of every run, in order."""
        return list(map(slice, self.bounds, self.bounds[1:]))


@dataclass(slots=True)
class _FormNode:
    """Glossary forms as a tree of words: the forms going on with each next word, and the
    language of the form made of the words on the way here (None if they make none)."""

    next_words: dict[str, _FormNode] = field(default_factory=dict)
    lang: str | None = None


class _WordTable(dict[str, _Value]):
    """word -> what `compute` makes of it, computed on first lookup; cleared when full (bounded).

    A dict subclass, so that looking up all the words of a run is one C-level map.
    """

    __slots__ = ("_compute",)

    def __init__(self, compute: Callable[[str], _Value]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, word: str) -> _Value:
        if len(self) >= _MAX_CACHED_WORDS:
            self.clear()
        value = self[word] = self._compute(word)
        return value


class LatinDecider:
    """Decides the language of the Latin runs of a block, caching per-word and per-text work."""

    def __init__(self, glossary: Glossary | None = None) -> None:
        self._forms = _form_tree(_glossary_forms(glossary))
        self._keys = _WordTable(word_key)
        self._word_tables: dict[tuple[str, ...], _WordTable[_Scores]] = {}  # per candidate languages
        self._fits = _WordTable(best_zipf)

    def read(self, runs: Sequence[Sequence[str]]) -> LatinPage:
        """A page of runs of words, keyed and searched for glossary forms."""
        words = list(chain.from_iterable(runs))
        keys = list(map(self._keys.__getitem__, words))
        bounds = list(accumulate(map(len, runs), initial=0))
        forms = self._glossary_matches(keys)
        return LatinPage(words, keys, bounds, forms, _crossed_runs(forms, bounds))

    def decide(self, page: LatinPage, runs: range, context: str | None) -> list[tuple[str, float]]:
        """(language, confidence) for each of the page's `runs` (one block's), given the page's language."""
        langs = _candidates({}, context)
        evidence = self._runs_evidence(page, runs, langs)
        probabilities: dict[str, float] = {}
        if _close(_prior(langs, context), evidence) or self._fits_badly(page.keys[page.words_of(runs)]):
            probabilities = self._detect(page.words[page.words_of(runs)])
            proposed = _candidates(probabilities, context)
            if proposed != langs:  # langdetect brought a third language: weigh the words for it too
                langs = proposed
                evidence = self._runs_evidence(page, runs, langs)
        shared = _add(_prior(langs, context), _detector_vote(probabilities, langs))
        block = _add(_nothing(len(langs)), *evidence)
        return [_best(langs, _run_scores(langs, shared, block, run_evidence)) for run_evidence in evidence]

    def dominant(self, page: LatinPage) -> str | None:
        """The language of a page's Latin text taken as a whole, or None when it has none."""
        if not page.words:
            return None
        probabilities = self._detect(page.words)
        langs = _candidates(probabilities, None)
        evidence = _summed(self._page_columns(page, langs), slice(None))
        scores = _add(_prior(langs, None), _detector_vote(probabilities, langs), evidence)
        return _best(langs, scores)[0]

    def _fits_badly(self, keys: list[str]) -> bool:
        """Whether few of a block's words are common in English or Indonesian: it may be in another
        language, so langdetect should be asked (as when its words leave it open: _close)."""
        return bool(keys) and sum(map(self._fits.__getitem__, keys)) / len(keys) < _MIN_FIT

    def _detect(self, words: Sequence[str]) -> dict[str, float]:
        """langdetect's probabilities for these words, {} when they are too few to tell."""
        if sum(map(len, words)) < _MIN_DETECTOR_LETTERS:
            return {}
        return _langdetect(" ".join(words)[:_MAX_DETECTOR_CHARS])

    def _runs_evidence(self, page: LatinPage, runs: range, langs: tuple[str, ...]) -> list[_Scores]:
        """Summed word evidence of each of the page's `runs`, a run read alone if a page's form crossed it.

        All the page's runs are summed at once, the first time one of its blocks asks for
        `langs`: a slice and a C-level sum per run and language, not a few Python calls per run
        and block.
        """
        evidence = page.evidence.get(langs)
        if evidence is None:
            columns = self._page_columns(page, langs)
            evidence = page.evidence[langs] = _summed_runs(columns, page.every_run_words())
            for run in page.crossed:
                evidence[run] = self._evidence(page.keys[page.run_words(run)], langs)
        return evidence[runs.start:runs.stop]

    def _page_columns(self, page: LatinPage, langs: tuple[str, ...]) -> _Columns:
        columns = page.columns.get(langs)
        if columns is None:
            columns = page.columns[langs] = _columns(self._scores(page.keys, page.forms, langs), langs)
        return columns

    def _evidence(self, keys: list[str], langs: tuple[str, ...]) -> _Scores:
        """Summed word evidence of a run of word keys; glossary forms speak for their words."""
        scores = self._scores(keys, self._glossary_matches(keys), langs)
        return _summed(_columns(scores, langs), slice(None))

    def _scores(self, keys: list[str], forms: list[_FormMatch], langs: tuple[str, ...]) -> list[_Scores]:
        """Each word's scores, those of the glossary form it is part of if any."""
        scores = list(map(self._word_table(langs).__getitem__, keys))
        for start, end, lang in forms:
            scores[start:end] = [_form_scores(lang, langs)] * (end - start)
        return scores

    def _glossary_matches(self, keys: list[str]) -> list[_FormMatch]:
        """The glossary forms among the words, the longest from left to right."""
        matches = []
        free = 0  # words before it belong to a form already
        # most words open no glossary form: only those that do are searched
        for at in compress(count(), map(self._forms.next_words.__contains__, keys)):
            if at < free:
                continue
            end, lang = self._longest_form(keys, at)
            if lang:
                matches.append((at, end, lang))
                free = end
        return matches

    def _longest_form(self, keys: list[str], at: int) -> tuple[int, str | None]:
        """Where the longest glossary form starting at `at` ends, and its language (None if none).

        The forms are walked as a tree of words, which ends after a word or two where no
        longer form goes on.
        """
        match: tuple[int, str | None] = (at, None)
        node = self._forms
        for end in range(at, len(keys)):
            next_node = node.next_words.get(keys[end])
            if next_node is None:
                break
            node = next_node
            if node.lang:
                match = end + 1, node.lang
        return match

    def _word_table(self, langs: tuple[str, ...]) -> _WordTable[_Scores]:
        """key -> how much less likely the word is in each of `langs` than in its likeliest."""
        table = self._word_tables.get(langs)
        if table is None:
            table = self._word_tables[langs] = _WordTable(partial(_word_scores, langs=langs))
        return table


def _word_scores(key: str, langs: tuple[str, ...]) -> _Scores:
    """word_evidence as a tuple in the order of `langs`; zeros (adding nothing) for an unlisted word."""
    scores = word_evidence(key, langs)
    return _nothing(len(langs)) if scores is None else tuple(map(scores.__getitem__, langs))


@lru_cache(maxsize=256)  # few pairs: a form's language is en or id
def _form_scores(form_lang: str, langs: tuple[str, ...]) -> _Scores:
    """What a glossary form of `form_lang` says among `langs`."""
    return tuple(0.0 if lang == form_lang else -WORD_CLIP for lang in langs)


def _glossary_forms(glossary: Glossary | None) -> dict[tuple[str, ...], str]:
    """en/id glossary forms as word tuples -> the language using them.

    A form both languages use says nothing, so it is left out.
    """
    if glossary is None:
        return {}
    forms: dict[tuple[str, ...], set[str]] = {}
    for lang in BASE_LANGS:
        for form in glossary.forms(lang):
            words = tuple(word_key(word) for word in LATIN_WORD.findall(form))
            if words:
                forms.setdefault(words, set()).add(lang)
    return {words: langs.pop() for words, langs in forms.items() if len(langs) == 1}


def _form_tree(forms: dict[tuple[str, ...], str]) -> _FormNode:
    """The forms as a tree of words, one level per word."""
    root = _FormNode()
    for words, lang in forms.items():
        node = root
        for word in words:
            node = node.next_words.setdefault(word, _FormNode())
        node.lang = lang
    return root


def _crossed_runs(forms: list[_FormMatch], bounds: list[int]) -> frozenset[int]:
    """The runs that glossary forms found across run bounds touch."""
    crossed: set[int] = set()
    for start, end, _ in forms:
        first, last = bisect_right(bounds, start) - 1, bisect_right(bounds, end - 1) - 1
        if first != last:
            crossed.update(range(first, last + 1))
    return frozenset(crossed)


def _columns(scores: list[_Scores], langs: tuple[str, ...]) -> _Columns:
    """Words' scores as one column per language, each taken in one C-level pass over the words
    (transposing by zip(*scores) would make an iterator per word, garbage for the collector)."""
    return [tuple(map(itemgetter(place), scores)) for place in range(len(langs))]


def _summed_runs(columns: _Columns, runs: list[slice]) -> list[_Scores]:
    """The scores of each slice of words added up per language, in word order: C-level sums,
    taken language by language, so that no slice costs a Python call.

    Starting from 0.0, adding the zeros of words that say nothing changes no sum (a sum from
    0.0 is never -0.0), so the sums are those of the words that say something.
    """
    per_language = [[reduce(add, column[words], 0.0) for words in runs] for column in columns]
    return list(zip(*per_language, strict=True))


def _summed(columns: _Columns, words: slice) -> _Scores:
    """The scores of one slice of words added up per language."""
    return _summed_runs(columns, [words])[0]


@cache
def _nothing(size: int) -> _Scores:
    """Scores saying nothing: zeros."""
    return (0.0,) * size


@cache
def _detector() -> FastDetector:
    """A detector from a private langdetect factory holding only the profiles of languages that
    can occur; one serves the whole process."""
    factory = FastDetectorFactory()
    profiles = [(Path(PROFILES_DIRECTORY) / lang).read_text(encoding="utf-8") for lang in DETECTOR_LANGS]
    factory.load_json_profile(profiles)
    factory.set_seed(_SEED)
    return factory.create()


def _langdetect(text: str) -> dict[str, float]:
    try:
        return {found.lang: found.prob for found in _detector().probabilities(text)}
    except LangDetectException:  # no usable n-grams
        return {}


def _candidates(probabilities: dict[str, float], context: str | None) -> tuple[str, ...]:
    """English and Indonesian, the page's language, and what langdetect clearly proposes."""
    proposed = [lang for lang, p in probabilities.items() if p >= _MIN_PROPOSAL]
    if context in DETECTOR_LANGS:
        proposed.append(context)
    return tuple(dict.fromkeys((*BASE_LANGS, *proposed)))


@lru_cache(maxsize=256)  # few pairs: the candidates are en, id and at most a language or two more
def _prior(langs: tuple[str, ...], context: str | None) -> _Scores:
    favoured, weight = (context, _PAGE_PRIOR) if context in langs else ("en", _DEFAULT_PRIOR)
    return tuple(weight if lang == favoured else 0.0 for lang in langs)


def _detector_vote(probabilities: dict[str, float], langs: tuple[str, ...]) -> _Scores:
    """langdetect's say, as much as one strongly marked word: it saw the whole block, which may
    mix languages, so it must not outvote the words of one run. Nothing without probabilities."""
    if not probabilities:
        return _nothing(len(langs))
    return tuple(math.log10(max(probabilities.get(lang, 0.0), _PROBABILITY_FLOOR)) for lang in langs)


def _close(prior: _Scores, evidence: list[_Scores]) -> bool:
    """Whether a block's words leave its language open: no language leads by a clear margin."""
    block = sorted(_add(prior, *evidence), reverse=True)
    return block[0] - block[1] < _DOUBT_MARGIN


def _run_scores(langs: tuple[str, ...], shared: _Scores, block: _Scores, run: _Scores) -> list[float]:
    """A run's scores: what the page and langdetect say, its words, then the rest of its block."""
    scores = list(map(add, shared, run))
    favoured, margin = _neighbour_prior(langs, block, run)
    scores[favoured] += margin
    return scores


def _neighbour_prior(langs: tuple[str, ...], block: _Scores, run: _Scores) -> tuple[int, float]:
    """What the rest of the block's words say, as a prior for one of its runs: the place of the
    language they favour (the last by name of those tied) and how much.

    As strong as their margin, up to more than the page's say: the block is the closer context.
    """
    others = sorted(zip(map(sub, block, run), langs, strict=True), reverse=True)
    (best, favoured), (second, _) = others[0], others[1]
    return langs.index(favoured), min(best - second, _BLOCK_PRIOR)


def _add(base: _Scores, *others: _Scores) -> _Scores:
    """Scores added up per language, from `base` on in the order given."""
    total = base
    for other in others:
        total = tuple(map(add, total, other))
    return total


def _best(langs: tuple[str, ...], scores: Sequence[float]) -> tuple[str, float]:
    """The winning language (the first of those tied) and its probability when the scores are
    read as log10 odds."""
    top = max(scores)
    norm = sum(10 ** (value - top) for value in scores)
    return langs[scores.index(top)], 1.0 / norm
