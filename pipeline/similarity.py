"""How alike two fact texts are: the overlap of their content lemmas.

Used to drop the second statement of one duty within a role ('prepare them for exams' after
'Preparing patients for examinations') and to pick the glossary concept nearest a fact.
Words match when one (less a final 'e') begins the other and has at least four letters, so
'exam' meets 'examination' and 'prepare' meets 'preparation'.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from .phrases import content_lemmas

_PREFIX = 4


def similarity(a: str, b: str) -> float:
    """Token F1 of the two texts' content lemmas, one to one."""
    if _openings(a).isdisjoint(_openings(b)):  # most pairs of facts: no word can match
        return 0.0
    return overlap(content_lemmas(a), content_lemmas(b))


def overlap(left: Sequence[str], right: Sequence[str]) -> float:
    if not left or not right:
        return 0.0
    unused = list(right)
    common = 0
    for word in left:
        for k, other in enumerate(unused):
            if _same_word(word, other):
                common += 1
                del unused[k]
                break
    return 2 * common / (len(left) + len(right))


@lru_cache(maxsize=8192)
def _openings(text: str) -> frozenset[str]:
    """The first _PREFIX letters of the text's content lemmas: words that match share them."""
    return frozenset(word[:_PREFIX] for word in content_lemmas(text))


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long_ = (b, a) if len(b) < len(a) else (a, b)
    stem = short.removesuffix("e")  # 'prepare' -> 'prepar(ation)'
    return len(stem) >= _PREFIX and long_.startswith(stem)
