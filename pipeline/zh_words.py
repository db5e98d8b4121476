"""English for one Chinese word: the glossary's, the domain table's, else the best CC-CEDICT sense.

A dictionary lists many senses (护理: "to nurse", "to tend and protect"); a translator must
print one. The glossary decides for the field's terms; a small table of the field's everyday
words (pipeline/data/zh_en.tsv) decides where the dictionary's first sense is not the one
these pages mean (患者 "patient", not "sufferer"). Any other word takes the CC-CEDICT sense
that fits its part of speech and is most common in English (wordfreq), preferring senses
that are glossary English, so the domain reading wins over a rare one.
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from wordfreq import zipf_frequency

from .glossary import Concept, Glossary
from .lexicon import ChineseLexicon
from .translate_types import TERM_TYPES
from .units import Sense, concept_class, read_word_table

TABLE_PATH = Path(__file__).resolve().parent / "data" / "zh_en.tsv"
DROPPED = ""  # the English of a word that has none (aspect particles, measure words)
_JIEBA_CLASSES = {
    "n": "n", "nr": "n", "ns": "n", "nt": "n", "nz": "n", "ng": "n", "nrt": "n", "nrfg": "n", "vn": "n",
    "an": "n", "s": "n", "t": "n", "j": "n", "tg": "n",
    "v": "v", "vd": "v", "vg": "v", "vi": "v", "vq": "v",
    "a": "a", "ad": "a", "ag": "a", "z": "a", "b": "a",
    "d": "d", "dg": "d", "p": "p", "c": "c", "r": "r", "rr": "r", "rz": "r", "ry": "r", "rg": "r",
    "m": "m", "mq": "m", "q": "q", "f": "f",
    "u": "u", "uj": "u", "ul": "u", "uz": "u", "ug": "u", "uv": "u", "ud": "u", "y": "u", "e": "u", "o": "u",
    "i": "l", "l": "l", "x": "x", "eng": "e",
}
_FILLER = frozenset({"to", "a", "an", "the", "of", "one's", "someone", "something", "someone's", "be",
                     "oneself"})
_MAX_SENSES = 8
_PLACEHOLDER_END = re.compile(r"\s+(?:something|someone|someone's|one's|oneself)$")
_TOKEN = re.compile(r"[a-z]+")


class ChineseWords:
    """Chooses the English of Chinese words; one instance per glossary."""

    def __init__(self, glossary: Glossary, lexicon: ChineseLexicon) -> None:
        self._lexicon = lexicon
        self._table = domain_table()
        self._glossary_words = frozenset(
            word for concept in glossary.concepts.values() if concept.type in TERM_TYPES
            for form in concept.en for word in _TOKEN.findall(form.lower())
        )

    def __contains__(self, word: str) -> bool:
        """Whether the word has an English of its own (a dictionary headword may have none left)."""
        return word in self._table or bool(self._lexicon.senses(word))

    def sense(self, word: str, tag: str, concept: Concept | None = None) -> Sense:
        """The English of `word` as jieba tagged it; a concept's preferred English when given."""
        if concept is not None:
            return Sense(concept.preferred, concept_class(concept), concept)
        cls = _JIEBA_CLASSES.get(tag, "n")
        entries = self._table.get(word)
        if entries:
            return next((s for s in entries if s.cls == cls), entries[0])
        if cls == "e":
            return Sense(word, cls)
        if cls == "x":
            cls = "n"  # a Chinese word jieba could not tag
        senses = self._lexicon.senses(word)
        if not senses:
            return Sense(DROPPED, cls) if cls in "uq" else Sense(self._by_characters(word), cls)
        return Sense(self._best(senses, cls), cls)

    def _best(self, senses: list[str], cls: str) -> str:
        candidates = enumerate(senses[:_MAX_SENSES])
        scored = [(self._score(gloss, cls, rank), rank, gloss) for rank, gloss in candidates]
        best = max(scored, key=lambda item: (item[0], -item[1]))[2]
        best = _PLACEHOLDER_END.sub("", best)  # 'apply for something' -> 'apply for'
        return best.removeprefix("to ") if cls != "p" else best

    def _score(self, gloss: str, cls: str, rank: int) -> float:
        """Common English, few words, early in the entry, the word class jieba saw, the field's words."""
        words = [w for w in _TOKEN.findall(gloss.lower()) if w not in _FILLER]
        if not words:
            return -10.0
        frequency = sum(zipf_frequency(w, "en") for w in words) / len(words)
        score = frequency - 0.4 * rank - 0.8 * max(0, len(words) - 2)
        is_verb_gloss = gloss.startswith("to ")
        if cls == "v":
            score += 1.0 if is_verb_gloss else 0.0
        elif cls in "na":
            score -= 1.0 if is_verb_gloss else 0.0
        if all(w in self._glossary_words for w in words):
            score += 1.0
        return score

    def _by_characters(self, word: str) -> str:
        """An unknown word read as its longest known parts, down to single characters."""
        glosses = []
        i = 0
        while i < len(word):
            for length in range(len(word) - i, 0, -1):
                part = word[i:i + length]
                if length == 1 or part in self:
                    entries = self._table.get(part)
                    senses = [entries[0].en] if entries else self._lexicon.senses(part)
                    if senses and senses[0]:
                        glosses.append(senses[0].removeprefix("to "))
                    i += length
                    break
        return " ".join(glosses)


@cache
def domain_table(path: Path = TABLE_PATH) -> dict[str, tuple[Sense, ...]]:
    """word -> its senses in this field, one per word class, in file order (first is the default)."""
    table: dict[str, list[Sense]] = {}
    for word, sense in read_word_table(path):
        table.setdefault(word, []).append(sense)
    return {word: tuple(senses) for word, senses in table.items()}
