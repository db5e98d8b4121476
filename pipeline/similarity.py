"""How alike two fact texts are: the overlap of their content lemmas.

Used to drop the second statement of one duty within a role ('prepare them for exams' after
'Preparing patients for examinations') and to pick the glossary concept nearest a fact.
Words match when one (less a final 'e') begins the other and has at least four letters, so
'exam' meets 'examination' and 'prepare' meets 'preparation'.
"""

from __future__ import annotations

from .phrases import content_lemmas

_PREFIX = 4


def similarity(a: str, b: str) -> float:
    """Token F1 of the two texts' content lemmas, one to one."""
    return overlap(content_lemmas(a), content_lemmas(b))


def overlap(left: list[str], right: list[str]) -> float:
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


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    stem = short.removesuffix("e")  # 'prepare' -> 'prepar(ation)'
    return len(stem) >= _PREFIX and long_.startswith(stem)
