"""langdetect's sampling of a text's n-grams, with the library's draws and float operations.

langid_detector's FastDetector hands each trial here. This module holds no langdetect class, so
the install compiles it (pipeline/compiled.py): the draws and the products over the languages
are most of a detection's time.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from random import Random
from typing import TypeVar

DRAWS_PER_CHECK = 5  # the library normalizes after the first draw, then after every fifth (r1..r5 below)

Row = list[float]  # probabilities in the order of the detector's languages
_Item = TypeVar("_Item")


def sampled(prob: Row, rows: dict[str, Row], ngrams: list[str], weight: float, random: Random,
            threshold: float, iteration_limit: int) -> Row:
    """One trial: the library's draws and updates until its probabilities converge.

    The library multiplies each language's probability by `weight + row[i]` draw after draw,
    normalizing after the first draw and then after every fifth. The five updates between two
    normalizations are done as one product per language, multiplied in the library's order (so
    rounded as it rounds), with the rows drawn in the library's order.
    """
    choice = chooser(random, ngrams)
    draw = 0  # the number of the last draw, counted from 0 as the library does
    prob = [p * (weight + r) for p, r in zip(prob, rows[choice()], strict=True)]
    while True:
        prob, top = normalized(prob)
        if top > threshold or draw >= iteration_limit:
            return prob
        r1, r2, r3, r4, r5 = (rows[choice()] for _ in range(DRAWS_PER_CHECK))
        prob = [prob[i] * (weight + r1[i]) * (weight + r2[i]) * (weight + r3[i]) * (weight + r4[i])
                * (weight + r5[i]) for i in range(len(prob))]
        draw += DRAWS_PER_CHECK


def normalized(prob: Row) -> tuple[Row, float]:
    """The library's _normalize_prob: probabilities divided by their sum, and the largest of them."""
    total = sum(prob)
    shares = [p / total for p in prob]
    top = 0.0
    for p in shares:
        if p > top:
            top = p
    return shares, top


def chooser(random: Random, items: Sequence[_Item]) -> Callable[[], _Item]:
    """`random.choice(items)` drawing as Random.choice does (the bits of the number of items,
    drawn again while too large), so the same items from the same state, without its two
    Python calls per draw."""
    getrandbits, size = random.getrandbits, len(items)
    bits = size.bit_length()

    def choose() -> _Item:
        drawn = getrandbits(bits)
        while drawn >= size:
            drawn = getrandbits(bits)
        return items[drawn]

    return choose
