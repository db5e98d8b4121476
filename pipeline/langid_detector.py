"""langdetect's Detector made cheaper per call, giving the very same probabilities.

langdetect walks the whole text one character at a time to collect its n-grams, which costs
about half of a call on the few hundred characters a page gives it. But its n-gram buffer starts
afresh after every space, so the n-grams of a text are those of its space-separated words taken
one by one. Each word's are extracted by the library itself, once per factory (bounded cache),
and joined. Appending the text, the library's character loop that collapses runs of spaces is a
regex. Its cleaning, a character loop that can only change text holding letters beyond U+0300,
is skipped for ASCII text.

The sampling that follows is the library's: the same random draws, the same float operations
in the same order, so the same probabilities. Only its bookkeeping is cheaper: the five draws
between two normalizations update the probabilities in one pass over the languages instead of
five Python loops, and each draw is random.choice's without its two Python calls; each trial
runs in langid_sampling, which the install compiles. It seeds the
detector's generator before sampling, so one detector can serve text after text
(`probabilities`), which spares building a detector, and seeding a generator from the system's
entropy, per text.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain

from langdetect.detector import Detector
from langdetect.detector_factory import DetectorFactory
from langdetect.lang_detect_exception import ErrorCode, LangDetectException
from langdetect.language import Language
from langdetect.utils.ngram import NGram

from .langid_sampling import sampled

_MAX_CACHED_WORDS = 100_000
_SPACE_RUN = re.compile(" {2,}")


class FastDetectorFactory(DetectorFactory):
    """A DetectorFactory making FastDetectors, which share its caches of words' n-grams.

    Load all profiles before the first detection: the cached n-grams are those of the profiles then.
    """

    def __init__(self) -> None:
        super().__init__()
        self.spaced_word_ngrams = lru_cache(maxsize=_MAX_CACHED_WORDS)(self._spaced_word_ngrams)
        self.word_ngrams = lru_cache(maxsize=_MAX_CACHED_WORDS)(self._word_ngrams)

    def _create_detector(self) -> FastDetector:
        return FastDetector(self)

    def ngrams(self, text: str) -> list[str]:
        """The n-grams langdetect's own extraction finds in `text`."""
        scratch = Detector(self)
        scratch.text = text
        return Detector._extract_ngrams(scratch)

    def _spaced_word_ngrams(self, word: str) -> tuple[str, ...]:
        return tuple(self.ngrams(word + " "))

    def _word_ngrams(self, word: str) -> tuple[str, ...]:
        return tuple(self.ngrams(word))


class FastDetector(Detector):
    """A langdetect Detector whose n-grams, and so its results, equal the library's."""

    def __init__(self, factory: FastDetectorFactory) -> None:
        super().__init__(factory)
        self._factory = factory

    def probabilities(self, text: str) -> list[Language]:
        """get_probabilities of `text` alone, whatever this detector read before."""
        self.text, self.langprob = "", None
        self.append(text)
        return self.get_probabilities()

    def append(self, text: str) -> None:
        """The library's append, its collapsing of runs of spaces done by a regex."""
        text = NGram.normalize_vi(self.MAIL_RE.sub(" ", self.URL_RE.sub(" ", text)))
        self.text += _SPACE_RUN.sub(" ", text[:self.max_text_length])

    def _extract_ngrams(self) -> list[str]:
        """The library's n-grams of the text: its words' then its last word's (all cached)."""
        *words, last = self.text.split(" ")
        spaced_words = chain.from_iterable(map(self._factory.spaced_word_ngrams, words))
        return [*spaced_words, *self._factory.word_ngrams(last)]

    def cleaning_text(self) -> None:
        """The library's cleaning, which only ever changes a text holding letters beyond U+0300."""
        if not self.text.isascii():
            super().cleaning_text()

    def _detect_block(self) -> None:
        """The library's _detect_block: n_trial samplings of the text's n-grams, averaged."""
        self.cleaning_text()
        ngrams = self._extract_ngrams()
        if not ngrams:
            raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
        self.langprob = [0.0] * len(self.langlist)
        self.random.seed(self.seed)
        for _ in range(self.n_trial):
            prob = self._init_probability()
            alpha = self.alpha + self.random.gauss(0.0, 1.0) * self.ALPHA_WIDTH
            prob = sampled(prob, self.word_lang_prob_map, ngrams, alpha / self.BASE_FREQ, self.random,
                           self.CONV_THRESHOLD, self.ITERATION_LIMIT)
            for j in range(len(self.langprob)):
                self.langprob[j] += prob[j] / self.n_trial
