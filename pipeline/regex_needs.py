"""What a regex needs: strings one of which every match holds, so a plain substring test can
rule a text out before the costlier search.

Cue patterns are long case-insensitive alternations opening with `\\b`, for which Python's
regex engine has no fast scan: it tries every alternative at every position. Most texts hold
none of a pattern's words, and `needle in text` finds that out at C speed. The strings are
read from the parsed pattern (runs of literal characters; for an alternation, one set per
branch), so they stay right when a pattern changes, and are compared in `fold`ed text, where
a case-insensitive match of them is a plain substring.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import reduce
from re import _constants as _sre  # the parsed form of a pattern tells which strings it needs
from re import _parser as _sre_parser

# Characters that case-insensitive matching equates with an ASCII letter but that str.lower()
# does not turn into it (İ even lowers to two characters).
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})
_FOLDED_SPECIALLY = re.compile("[\u0130\u0131\u017f]")  # translating text is slow: only when needed
_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT)


def fold(text: str) -> str:
    """Lower case in which a case-insensitive match of a literal `needs` string is a plain substring."""
    if text.isascii() or not _FOLDED_SPECIALLY.search(text):
        return text.lower()
    return text.translate(_FOLD).lower()


def required_strings(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Folded strings one of which every match of `pattern` contains, or None if it names none."""
    needs = reduce(_more_telling, required_string_sets(pattern), None)
    return tuple(sorted(needs)) if needs else None


class Prefiltered:
    """A compiled pattern whose search is skipped when the text holds none of its needs."""

    __slots__ = ("pattern", "needs")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.needs = required_strings(pattern)

    def search(self, text: str) -> re.Match[str] | None:
        # mapped over the needs at C speed, without a generator's frames
        if self.needs is not None and not any(map(fold(text).__contains__, self.needs)):
            return None
        return self.pattern.search(text)


def required_string_sets(pattern: re.Pattern[str]) -> tuple[frozenset[str], ...]:
    """Sets of folded strings such that every match of `pattern` holds a string of each set.

    A pattern needs all of its literal runs, groups and repeated items: 'we (strive|offer)'
    needs 'we ' and one of 'strive' and 'offer'. Empty when it names none.
    """
    parsed = _parsed(pattern)
    return tuple(_need_sets(parsed)) if parsed is not None else ()


def opening_strings(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """For a pattern anchored at the start ('^(skip|jump) to'): folded strings one of which every
    match opens with; None for other patterns, or when it opens with no literal."""
    parsed = _parsed(pattern)
    if not parsed or parsed[0] != (_sre.AT, _sre.AT_BEGINNING):
        return None
    openings = _openings(list(parsed)[1:])
    return tuple(sorted(openings)) if openings else None


def asserts_only_word_boundaries(pattern: re.Pattern[str]) -> bool:
    """Whether the only zero-width assertions of `pattern` are word boundaries ('\\b'): no anchor,
    no lookaround, so whether it matches at a place depends on the text there and next to it."""
    parsed = _parsed(pattern)
    return parsed is not None and _asserts_only_word_boundaries(parsed)


def _parsed(pattern: re.Pattern[str]) -> _sre_parser.SubPattern | None:
    try:
        return _sre_parser.parse(pattern.pattern, pattern.flags)
    except (re.error, TypeError, ValueError):  # a form this parser does not read: no shortcut
        return None


def _need_sets(items: Iterable[tuple[object, object]]) -> list[frozenset[str]]:
    """`required_string_sets` of a sequence of parsed items."""
    sets: list[frozenset[str]] = []
    run = ""
    for op, value in items:
        if op is _sre.LITERAL and _foldable(chr(value)):
            run += chr(value).lower()
            continue
        if run:
            sets.append(frozenset([run]))
            run = ""
        if op is _sre.BRANCH:
            options = [_needs(option) for option in value[1]]
            if all(option is not None for option in options):
                sets.append(frozenset().union(*options))
        elif op is _sre.SUBPATTERN:
            sets += _need_sets(value[3])
        elif op in _REPEATS and value[0] >= 1:
            sets += _need_sets(value[2])
    return sets + [frozenset([run])] if run else sets


def _openings(items: list[tuple[object, object]]) -> frozenset[str] | None:
    """The literal run a sequence of parsed items opens with, continued by the openings of a
    group or alternation that follows it."""
    run = ""
    for op, value in items:
        if op is _sre.LITERAL and _foldable(chr(value)):
            run += chr(value).lower()
            continue
        if op is _sre.SUBPATTERN:
            inner = _openings(list(value[3]))
        elif op is _sre.BRANCH:
            options = [_openings(list(option)) for option in value[1]]
            inner = frozenset().union(*options) if all(options) else None
        else:
            inner = None
        if inner is None:
            return frozenset([run]) if run else None
        return frozenset(run + opening for opening in inner)
    return frozenset([run]) if run else None


def _asserts_only_word_boundaries(items: Iterable[tuple[object, object]]) -> bool:
    for op, value in items:
        if op is _sre.AT and value is not _sre.AT_BOUNDARY or op in (_sre.ASSERT, _sre.ASSERT_NOT):
            return False
        nested = (value[1] if op is _sre.BRANCH else [value[3]] if op is _sre.SUBPATTERN
                  else [value[2]] if op in _REPEATS else [])
        if not all(map(_asserts_only_word_boundaries, nested)):
            return False
    return True


def _needs(items: Iterable[tuple[object, object]]) -> frozenset[str] | None:
    """For a sequence of parsed items: the first of its need sets whose shortest string is longest."""
    return reduce(_more_telling, _need_sets(items), None)


def _foldable(char: str) -> bool:
    """ASCII, or a character without case (Han, ©): `fold` maps whatever matches it onto it."""
    return char.isascii() or char.lower() == char == char.upper()


def _more_telling(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    if a is None or b is None:
        return a or b
    return b if min(map(len, b)) > min(map(len, a)) else a
