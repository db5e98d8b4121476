"""How alike two fact texts are: the overlap of their content lemmas.

Used to drop the second statement of one duty within a role ('prepare them for exams' after
'Preparing patients for examinations') and to pick the glossary concept nearest a fact.
Words match when one (less a final 'e') begins the other and has at least four letters, so
'exam' meets 'examination' and 'prepare' meets 'preparation'.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .phrases import content_lemmas

_PREFIX = 4


@dataclass(slots=True)
class Words:
    """What `similarity` compares of a text: its content lemmas and their first _PREFIX letters
    (words that match share them). Deduplication compares each fact with many: it keeps these.
    Not frozen (see vocab.Word)."""

    lemmas: tuple[str, ...]
    openings: frozenset[str]


def similarity(a: str, b: str) -> float:
    """Token F1 of the two texts' content lemmas, one to one."""
    return alike(words(a), words(b))


def alike(a: Words, b: Words) -> float:
    """`similarity` of two texts from their Words."""
    if a.openings.isdisjoint(b.openings):  # most pairs of facts: no word can match
        return 0.0
    return overlap(a.lemmas, b.lemmas)


@lru_cache(maxsize=8192)
def words(text: str) -> Words:
    lemmas = content_lemmas(text)
    return Words(lemmas, frozenset(word[:_PREFIX] for word in lemmas))


def overlap(left: Sequence[str], right: Sequence[str]) -> float:
    """Each word of `left` matches the first unused word of `right` it can: words that match
    share their first _PREFIX letters, so only those of `right` are tried."""
    if not left or not right:
        return 0.0
    unused: dict[str, list[str]] = {}
    for other in right:
        unused.setdefault(other[:_PREFIX], []).append(other)
    common = 0
    for word in left:
        candidates = unused.get(word[:_PREFIX], [])
        for k, other in enumerate(candidates):
            if _same_word(word, other):
                common += 1
                del candidates[k]
                break
    return 2 * common / (len(left) + len(right))


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long_ = (b, a) if len(b) < len(a) else (a, b)
    stem = short.removesuffix("e")  # 'prepare' -> 'prepar(ation)'
    return len(stem) >= _PREFIX and long_.startswith(stem)
