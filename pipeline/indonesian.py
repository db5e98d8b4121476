"""Indonesian word structure: affixes and reduplication, so a dictionary of roots goes far.

Indonesian builds words from roots with prefixes (me-, ber-, di-, ter-, pe-, per-, ke-, se-),
suffixes (-kan, -an, -i), particles (-lah, -kah, -pun) and the possessive -nya; the nasal
prefixes change the root's first sound (me+jadwal+kan = menjadwalkan, me+sapa = menyapa,
me+periksa = memeriksa). Reduplication makes plurals and adverbs (tanda-tanda "signs",
kadang-kadang "sometimes"); scraped text often breaks it as 'tanda -tanda'. `analyses`
lists the readings of a word, least stripped first, for a lexicon to pick the first root it
knows.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

# (surface prefix, root-initial sounds the prefix may have swallowed, kind)
_PREFIXES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("memper", ("",), "me"), ("diper", ("",), "di"), ("menge", ("",), "me"), ("penge", ("",), "pe"),
    ("meny", ("s",), "me"), ("meng", ("k", ""), "me"), ("mem", ("p", ""), "me"), ("men", ("t", ""), "me"),
    ("me", ("",), "me"), ("peny", ("s",), "pe"), ("peng", ("k", ""), "pe"), ("pem", ("p", ""), "pe"),
    ("pen", ("t", ""), "pe"), ("pe", ("",), "pe"), ("per", ("",), "per"), ("ber", ("",), "ber"),
    ("bel", ("",), "ber"), ("be", ("",), "ber"), ("di", ("",), "di"), ("ter", ("",), "ter"),
    ("ke", ("",), "ke"), ("se", ("",), "se"),
)
_SUFFIXES = ("kan", "an", "i")
_PARTICLES = ("lah", "kah", "pun")
_POSSESSIVE = "nya"
_MIN_ROOT = 3
# a word repeated with a hyphen, or with a space before the hyphen as scraped pages have it
REDUPLICATED = re.compile(r"(?P<base>[A-Za-z]+)(?:-| -)(?P<again>[A-Za-z]+)")


@dataclass(frozen=True, slots=True)
class Analysis:
    """One reading of a word: its root and what was taken off it."""

    root: str
    prefix: str = ""  # kind: me, ber, di, ter, pe, per, ke, se
    suffix: str = ""  # kan, an, i
    possessive: bool = False  # -nya: 'their', 'its', 'the'
    plural: bool = False  # reduplicated


def analyses(word: str) -> Iterator[Analysis]:
    """Readings of `word` (any case): the word itself first, then ever more stripped ones.

    A lexicon takes the first reading whose root it knows; a wrong strip of a known word
    never wins because the whole word comes first.
    """
    word = word.lower()
    base, plural = reduplication_base(word)
    if plural:
        yield Analysis(word)  # masing-masing, kadang-kadang: listed whole
    stems = [(base, False)]
    stems += [(base[: -len(p)], False) for p in _PARTICLES
              if base.endswith(p) and len(base) - len(p) >= _MIN_ROOT]
    if base.endswith(_POSSESSIVE) and len(base) - len(_POSSESSIVE) >= _MIN_ROOT:
        stems.append((base[: -len(_POSSESSIVE)], True))
    for stem, possessive in stems:
        for found in _derivations(stem):
            yield Analysis(found.root, found.prefix, found.suffix, possessive, plural)


@cache
def inflections(word: str) -> tuple[str, ...]:
    """The word and its forms without -nya, a particle or reduplication: what a term may look like in a
    sentence ('catatan medisnya', 'perawat-perawat'); derivation (me-, -kan) makes another word."""
    word = word.lower()
    base, _ = reduplication_base(word)
    variants = [word, base]
    for suffix in (*_PARTICLES, _POSSESSIVE):
        if base.endswith(suffix) and len(base) - len(suffix) >= _MIN_ROOT:
            variants.append(base[: -len(suffix)])
    return tuple(dict.fromkeys(variants))


def _derivations(stem: str) -> Iterator[Analysis]:
    """The stem itself, then without a suffix, without a prefix, and without both."""
    yield Analysis(stem)
    for suffix in _SUFFIXES:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= _MIN_ROOT:
            yield Analysis(stem[: -len(suffix)], suffix=suffix)
    for surface, restored, kind in _PREFIXES:
        if not stem.startswith(surface):
            continue
        rest = stem[len(surface):]
        for initial in restored:
            root = initial + rest
            if len(root) >= _MIN_ROOT:
                yield Analysis(root, prefix=kind)
            for suffix in _SUFFIXES:
                if root.endswith(suffix) and len(root) - len(suffix) >= _MIN_ROOT:
                    yield Analysis(root[: -len(suffix)], prefix=kind, suffix=suffix)


def reduplication_base(word: str) -> tuple[str, bool]:
    """'tanda-tanda' -> ('tanda', True); 'obat-obatan' -> ('obat', True); other words unchanged."""
    match = REDUPLICATED.fullmatch(word)
    if match is None:
        return word, False
    base, again = match["base"], match["again"]
    if again == base or again.startswith(base) and len(again) - len(base) <= 3:
        return base, True
    return word, False
