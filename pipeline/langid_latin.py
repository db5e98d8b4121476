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
from collections.abc import Callable, Iterable, Sequence
from functools import cache, lru_cache, partial, reduce
from itertools import chain, compress, count
from operator import add
from pathlib import Path
from typing import TYPE_CHECKING

from langdetect.detector_factory import PROFILES_DIRECTORY
from langdetect.lang_detect_exception import LangDetectException

from .langid_detector import FastDetectorFactory
from .langid_words import BASE_LANGS, LATIN_WORD, WORD_CLIP, Scores, best_zipf, word_evidence, word_key

if TYPE_CHECKING:
    from .glossary import Glossary

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
_MAX_CACHED_TEXTS = 20_000  # langdetect results kept for repeated blocks (menus, footers)
_MAX_CACHED_WORDS = 200_000  # per table of word keys, scores or fits
# langdetect is asked about a block only when its words leave doubt: no language leads by
# this much (two strongly marked words), or its words are on average rarer in English and
# Indonesian than this Zipf frequency (English and Indonesian prose scores 4.2 and more;
# Spanish, French, Tagalog about 2 to 3.3).
_DOUBT_MARGIN = 6.0
_MIN_FIT = 3.8


# What a word or glossary form says: a score per candidate language, in the candidates' order.
# Tuples rather than Scores dicts, so a run's scores are added up column by column in C.
_WordScores = tuple[float, ...]
# Glossary forms as a tree of words: word -> subtree, and _FORM_END -> the languages of the form
# made of the words on the way there.
_FORM_END = None
_FormTree = dict[str | None, "_FormTree | frozenset[str]"]


class _WordTable(dict[str, object]):
    """word -> what `compute` makes of it, computed on first lookup; cleared when full (bounded).

    A dict subclass, so that looking up all the words of a run is one C-level map.
    """

    __slots__ = ("_compute",)

    def __init__(self, compute: Callable[[str], object]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, word: str) -> object:
        if len(self) >= _MAX_CACHED_WORDS:
            self.clear()
        value = self[word] = self._compute(word)
        return value


class LatinDecider:
    """Decides the language of the Latin runs of a block, caching per-word and per-text work."""

    def __init__(self, glossary: Glossary | None = None) -> None:
        self._form_tree = _form_tree(_glossary_forms(glossary))
        self._keys = _WordTable(word_key)
        self._word_tables: dict[tuple[str, ...], _WordTable] = {}  # per candidate languages
        self._detector_scores: dict[str, dict[str, float]] = {}
        self._fits = _WordTable(best_zipf)

    def decide(self, runs: Sequence[Sequence[str]], context: str | None) -> list[tuple[str, float]]:
        """(language, confidence) for each run of words of one block, given the page's language."""
        langs = _candidates({}, context)
        keys = [list(map(self._keys.__getitem__, run)) for run in runs]
        evidence = [self._evidence(run_keys, langs) for run_keys in keys]
        probabilities: dict[str, float] = {}
        if self._in_doubt(keys, evidence, _prior(langs, context)):
            probabilities = self._detect([word for run in runs for word in run])
            proposed = _candidates(probabilities, context)
            if proposed != langs:  # langdetect brought a third language: weigh the words for it too
                langs = proposed
                evidence = [self._evidence(run_keys, langs) for run_keys in keys]
        shared = _add(_prior(langs, context), _detector_vote(probabilities, langs))
        block = _add(dict.fromkeys(langs, 0.0), *evidence)
        return [_best(_add(shared, run_evidence, _neighbour_prior(block, run_evidence)))
                for run_evidence in evidence]

    def dominant(self, runs: Iterable[Sequence[str]]) -> str | None:
        """The language of a page's Latin text taken as a whole, or None when it has none."""
        words = [word for run in runs for word in run]
        if not words:
            return None
        probabilities = self._detect(words)
        langs = _candidates(probabilities, None)
        keys = list(map(self._keys.__getitem__, words))
        scores = _add(_prior(langs, None), _detector_vote(probabilities, langs), self._evidence(keys, langs))
        return _best(scores)[0]

    def _in_doubt(self, keys: list[list[str]], evidence: list[Scores], prior: Scores) -> bool:
        """Whether the words leave the block's language open, so langdetect should be asked.

        Either no language leads by a clear margin, or the words fit English and Indonesian
        badly (few of them are common in either): the block may be in another language.
        """
        block = sorted(_add(prior, *evidence).values(), reverse=True)
        if block[0] - block[1] < _DOUBT_MARGIN:
            return True
        block_keys = list(chain.from_iterable(keys))
        return bool(block_keys) and sum(map(self._fits.__getitem__, block_keys)) / len(block_keys) < _MIN_FIT

    def _detect(self, words: Sequence[str]) -> dict[str, float]:
        """langdetect's probabilities for these words, {} when they are too few to tell."""
        if sum(len(word) for word in words) < _MIN_DETECTOR_LETTERS:
            return {}
        text = " ".join(words)[:_MAX_DETECTOR_CHARS]
        if text not in self._detector_scores:
            if len(self._detector_scores) >= _MAX_CACHED_TEXTS:
                self._detector_scores.clear()
            self._detector_scores[text] = _langdetect(text)
        return self._detector_scores[text]

    def _evidence(self, keys: list[str], langs: tuple[str, ...]) -> Scores:
        """Summed word evidence of a run of word keys; glossary forms speak for their words."""
        scores = list(map(self._word_table(langs).__getitem__, keys))
        self._apply_glossary_forms(keys, langs, scores)
        # per language, added up in word order: C-level loops over the columns of the words' scores
        columns = zip(*filter(None, scores), strict=True)
        sums = [reduce(add, column, 0.0) for column in columns] or [0.0] * len(langs)
        return dict(zip(langs, sums, strict=True))

    def _apply_glossary_forms(
        self, keys: list[str], langs: tuple[str, ...], scores: list[_WordScores | None]
    ) -> None:
        """Give the words of each glossary form, the longest from left to right, the form's scores."""
        free = 0  # words before it belong to a form already
        # most words open no glossary form: only those that do are searched
        for at in compress(count(), map(self._form_tree.__contains__, keys)):
            if at < free:
                continue
            span, form_scores = self._glossary_match(keys, at, langs)
            if form_scores:
                scores[at:at + span] = [form_scores] * span
                free = at + span

    def _glossary_match(
        self, keys: list[str], at: int, langs: tuple[str, ...]
    ) -> tuple[int, _WordScores | None]:
        """The longest glossary form starting at `at` (its length in words and its scores).

        The forms are walked as a tree of words, which ends after a word or two where no
        longer form goes on.
        """
        match: tuple[int, _WordScores | None] = (1, None)
        node = self._form_tree
        for end in range(at, len(keys)):
            node = node.get(keys[end])
            if node is None:
                break
            form_langs = node.get(_FORM_END)
            form_scores = _form_scores(form_langs, langs) if form_langs else None
            if form_scores:
                match = end + 1 - at, form_scores
        return match

    def _word_table(self, langs: tuple[str, ...]) -> _WordTable:
        """key -> how much less likely the word is in each of `langs` than in its likeliest, or None."""
        table = self._word_tables.get(langs)
        if table is None:
            table = self._word_tables[langs] = _WordTable(partial(_word_scores, langs=langs))
        return table


def _word_scores(key: str, langs: tuple[str, ...]) -> _WordScores | None:
    """word_evidence as a tuple in the order of `langs`."""
    scores = word_evidence(key, langs)
    return None if scores is None else tuple(map(scores.__getitem__, langs))


@lru_cache(maxsize=256)  # few pairs: the form's languages are a subset of en/id
def _form_scores(form_langs: frozenset[str], langs: tuple[str, ...]) -> _WordScores | None:
    """What a glossary form of `form_langs` says among `langs`, None unless it names just one."""
    if len(form_langs & set(langs)) != 1:
        return None
    return tuple(0.0 if lang in form_langs else -WORD_CLIP for lang in langs)


def _glossary_forms(glossary: Glossary | None) -> dict[tuple[str, ...], frozenset[str]]:
    """en/id glossary forms as word tuples -> the languages that use them."""
    forms: dict[tuple[str, ...], set[str]] = {}
    for lang in BASE_LANGS if glossary is not None else ():
        for form in glossary.forms(lang):
            words = tuple(word_key(word) for word in LATIN_WORD.findall(form))
            if words:
                forms.setdefault(words, set()).add(lang)
    return {words: frozenset(langs) for words, langs in forms.items()}


def _form_tree(forms: dict[tuple[str, ...], frozenset[str]]) -> _FormTree:
    """The forms as a tree of nested dicts, one level per word; _FORM_END holds a form's languages."""
    tree: _FormTree = {}
    for words, langs in forms.items():
        node = tree
        for word in words:
            node = node.setdefault(word, {})
        node[_FORM_END] = langs
    return tree


@cache
def _factory() -> FastDetectorFactory:
    """A private langdetect factory holding only the profiles of languages that can occur."""
    factory = FastDetectorFactory()
    profiles = [(Path(PROFILES_DIRECTORY) / lang).read_text(encoding="utf-8") for lang in DETECTOR_LANGS]
    factory.load_json_profile(profiles)
    factory.set_seed(_SEED)
    return factory


def _langdetect(text: str) -> dict[str, float]:
    detector = _factory().create()
    detector.append(text)
    try:
        return {found.lang: found.prob for found in detector.get_probabilities()}
    except LangDetectException:  # no usable n-grams
        return {}


def _candidates(probabilities: dict[str, float], context: str | None) -> tuple[str, ...]:
    """English and Indonesian, the page's language, and what langdetect clearly proposes."""
    proposed = [lang for lang, p in probabilities.items() if p >= _MIN_PROPOSAL]
    if context in DETECTOR_LANGS:
        proposed.append(context)
    return tuple(dict.fromkeys((*BASE_LANGS, *proposed)))


def _prior(langs: tuple[str, ...], context: str | None) -> Scores:
    favoured, weight = (context, _PAGE_PRIOR) if context in langs else ("en", _DEFAULT_PRIOR)
    return {lang: weight if lang == favoured else 0.0 for lang in langs}


def _detector_vote(probabilities: dict[str, float], langs: tuple[str, ...]) -> Scores:
    """langdetect's say, as much as one strongly marked word: it saw the whole block, which may
    mix languages, so it must not outvote the words of one run."""
    if not probabilities:
        return {}
    return {lang: math.log10(max(probabilities.get(lang, 0.0), _PROBABILITY_FLOOR)) for lang in langs}


def _neighbour_prior(block: Scores, run: Scores) -> Scores:
    """What the rest of the block's words say, as a prior for one of its runs.

    As strong as their margin, up to more than the page's say: the block is the closer context.
    """
    others = sorted(((block[lang] - run[lang], lang) for lang in block), reverse=True)
    (best, lang), (second, _) = others[0], others[1]
    return {lang: min(best - second, _BLOCK_PRIOR)}


def _add(base: Scores, *others: Scores) -> Scores:
    """Sum score tables over the languages of `base`."""
    total = dict(base)
    for other in others:
        for lang, value in other.items():
            if lang in total:
                total[lang] += value
    return total


def _best(scores: Scores) -> tuple[str, float]:
    """The winning language and its probability when the scores are read as log10 odds."""
    top = max(scores, key=scores.__getitem__)
    norm = sum(10 ** (value - scores[top]) for value in scores.values())
    return top, 1.0 / norm
