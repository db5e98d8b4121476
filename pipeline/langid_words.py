"""Word evidence for Latin-script language identification, from wordfreq's word lists.

A word's Zipf frequency (log10 of its count per billion words) in each language compares how
likely the word is in each: 'dengan' is 7.0 in Indonesian and 1.9 in English, so it says
Indonesian by five orders of magnitude. The lists are read once per process into dicts, since
a lookup through wordfreq's own API costs a tokenisation per call.
"""
from __future__ import annotations

import math
import re
import unicodedata
from functools import cache, lru_cache

import wordfreq

BASE_LANGS: tuple[str, ...] = ("en", "id")  # always competing for a Latin run
WORD_CLIP = 3.0  # how far one word can count against a language: it never outvotes a run
_COMMON_ZIPF = 3.0  # once in a million words
_WORDFREQ_CODES = {"tl": "fil"}
LATIN_CHARS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff\uff21-\uff3a\uff41-\uff5a"
# A Latin word: letters (with combining accents), apostrophes inside ("organization's"); the
# fullwidth letters are those Chinese pages sometimes set for acronyms.
LATIN_WORD = re.compile(rf"[{LATIN_CHARS}][{LATIN_CHARS}\u0300-\u036f]*(?:['\u2019][{LATIN_CHARS}]+)*")

Scores = dict[str, float]  # language -> log10 score


def word_evidence(key: str, langs: tuple[str, ...]) -> Scores | None:
    """How much less likely the word is in each language than in its likeliest (<= 0), or None
    when no list has it (a name or a typo says nothing)."""
    known = {lang: _zipf(key, lang) for lang in langs}
    if all(value is None for value in known.values()):
        return None
    zipf = {lang: _floor(lang) if value is None else value for lang, value in known.items()}
    top = max(zipf.values())
    return {lang: max(value - top, -WORD_CLIP) for lang, value in zipf.items()}


@lru_cache(maxsize=65_536)
def word_key(word: str) -> str:
    """The form wordfreq lists a word under: NFKC (fullwidth letters), case-folded, ASCII apostrophe.

    Cached (bounded): every Latin word of a page is keyed for the page and again for its block.
    """
    return unicodedata.normalize("NFKC", word).casefold().replace("\u2019", "'")


def _zipf(key: str, lang: str) -> float | None:
    """wordfreq's Zipf frequency (log10 per billion words), None when the word is not listed."""
    frequencies = _frequencies(lang)
    frequency = frequencies.get(key)
    if frequency is None and "'" in key:
        frequency = frequencies.get(key.split("'", 1)[0])
    return None if frequency is None else math.log10(frequency) + 9


@cache
def _frequencies(lang: str) -> dict[str, float]:
    return wordfreq.get_frequency_dict(_WORDFREQ_CODES.get(lang, lang))


@cache
def _floor(lang: str) -> float:
    """Below the rarest listed word ('large' lists go down to Zipf 1, 'small' ones to 3).

    An unlisted word is rare in that language, but a 'small' list leaves out words that are
    merely uncommon, so its floor stays close enough that rare English terms ('podiatry')
    barely count against Indonesian.
    """
    return 0.0 if _WORDFREQ_CODES.get(lang, lang) in wordfreq.available_languages("large") else 1.0


def best_zipf(key: str) -> float:
    """How common the word is in whichever of English and Indonesian has it more (0 if neither)."""
    return max((_zipf(key, lang) or 0.0) for lang in BASE_LANGS)


def is_common_word(word: str) -> bool:
    """Whether the word is common in English or Indonesian ('DUTIES' is a word, 'BLS' is not)."""
    return best_zipf(word_key(word)) >= _COMMON_ZIPF
