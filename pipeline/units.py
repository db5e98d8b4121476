"""What both dictionary translators work on: words with their English, and the phrases rules make.

A `Sense` is the English chosen for one source word and its word class. A `Tok` is a word or
an assembled phrase in a clause; rules merge neighbouring units into phrases (a noun phrase,
a prepositional phrase, a relative clause), so a unit keeps what English still has to decide
late: the number of a noun phrase's head, the determiner in front of it, what follows the
head. Rendering then spells it out and spaces it as English is spaced.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path

from .english import SINGULAR_HEADS, is_countable, plural, possessive
from .glossary import Concept

# Word classes: n noun, v verb, a adjective/modifier, d adverb, p preposition, c conjunction,
# r pronoun/determiner, m numeral, q measure word, f localizer (closes 在...中), u particle,
# l set phrase, x punctuation or symbol, e Latin-script text.
CLASSES = frozenset("nvadpcrmqfulxe")
SINGULAR, PLURAL = "sg", "pl"
# Phrase classes beside the word classes: P prepositional phrase, D the particle 的.
PHRASE, DE = "P", "D"
PARTICLES = frozenset("u")  # the class of units with no English of their own, for `has_class`
_NO_SPACE_BEFORE = frozenset(",.;:!?)%]”’/")
_NO_SPACE_AFTER = frozenset("([“‘/")
_SOURCE, _CLASS = attrgetter("src"), attrgetter("cls")
_ADJECTIVE = re.compile(r"(?:[^e]al|ive|ic|ous|able|ible|-level)$")
_VOWEL_SOUND = r"(?=[aeiouAEIOU](?![uU][nN]?[iI]|[uU]s[aeu]|[uU]ro|[oO]ne))"
_CONSONANT = r"(?=[b-df-hj-np-tv-zB-DF-HJ-NP-TV-Z])"
# (article and space, its replacement, where it is replaced): 'a' before a vowel sound, then 'an' before a
# consonant. Each pattern opens with its article, which the regex engine finds by a fast string search (a
# pattern opening with `\b` is tried at every character); the look-behind then asks for a word start.
_ARTICLE_FIXES = tuple(
    (f"{article} ", f"{replacement} ", re.compile(rf"{article} (?<!\w{article} ){following}"))
    for article, replacement, following in (("a", "an", _VOWEL_SOUND), ("A", "An", _VOWEL_SOUND),
                                            ("an", "a", _CONSONANT), ("An", "A", _CONSONANT))
)


@dataclass(frozen=True, slots=True)
class Sense:
    """The English chosen for a word and its word class; `concept` when the glossary chose it."""

    en: str
    cls: str
    concept: Concept | None = None

    @property
    def countable(self) -> bool:
        """Whether the English takes a plural: not a mass noun, not an organization's name."""
        named = self.concept is not None and self.concept.type == "organization"
        return self.cls == "n" and bool(self.en) and is_countable(self.en) and not named


def read_word_table(path: Path) -> Iterator[tuple[str, Sense]]:
    """(word, sense) from a `word<TAB>class<TAB>english` file in file order; '#' starts a comment line."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3 or fields[1] not in CLASSES:
            raise ValueError(f"{path}:{number}: expected word<TAB>class<TAB>english, got {line!r}")
        yield fields[0], Sense(fields[2].strip(), fields[1])


def concept_class(concept: Concept) -> str:
    """An adjective-like term ('clinical', 'entry-level') is a modifier; every other concept names a thing."""
    english = concept.preferred
    if concept.type == "term" and " " not in english and _ADJECTIVE.search(english):
        return "a"
    return "n"


@dataclass(slots=True)
class Tok:
    """A word or phrase of a clause: its class, English and source range.

    A noun phrase ('n') renders as `det` + `en` (its head inflected for `number`) + `post`;
    `alts` holds a word's other readings by class (管理: v 'manage', a 'administrative').
    """

    cls: str
    en: str
    start: int
    end: int
    src: str = ""
    alts: dict[str, str] = field(default_factory=dict)
    concepts: list[tuple[Concept, int, int]] = field(default_factory=list)
    det: str = ""
    number: str = ""
    post: str = ""
    countable: bool = False
    person: bool = False
    first_cls: str = ""  # the class of the word's everyday reading in the domain table
    movable: str = ""  # a phrase English moves behind its verb: 'place' always, 'time' unless it opens
    closes: bool = False  # ends its noun phrase (Indonesian -nya), read as a determiner in front

    def text(self) -> str:
        """The English of this unit as it will be printed."""
        if self.cls != "n":
            return self.en
        head = plural(self.en) if self.number == PLURAL and self.countable else self.en
        return " ".join(part for part in (self.det, head, self.post) if part)

    def possessive(self) -> str:
        """'doctors'' for a plural person phrase, "patient's" for a singular one."""
        return possessive(self.text())


@dataclass(frozen=True, slots=True)
class Reading:
    """What a word or phrase reads as wherever it stands: a `Tok` but for its source text and range.

    Translators keep one per word form (the same words recur on every page) and make each token
    from it. `alts` is shared by every token made from a reading: rules read it, none changes it.
    """

    cls: str
    en: str
    concept: Concept | None = None
    alts: dict[str, str] = field(default_factory=dict)
    countable: bool = False
    person: bool = False
    first_cls: str = ""
    number: str = ""
    closes: bool = False

    def token(self, source: str, start: int, end: int) -> Tok:
        """The unit of `source` at [start, end) read this way."""
        concepts = [(self.concept, start, end)] if self.concept is not None else []
        # Tok's fields in order (cls, en, start, end, src, alts, concepts, det, number, post, countable,
        # person, first_cls, movable, closes): made for every word of every clause, and passing them
        # by keyword costs more than the rest of this method
        return Tok(self.cls, self.en, start, end, source, self.alts, concepts, "", self.number, "",
                   self.countable, self.person, self.first_cls, "", self.closes)


def has_source(tokens: list[Tok], words: frozenset[str]) -> bool:
    """Whether a unit's source is one of `words`. A rule set off by a word leaves a clause without one
    as it is; this test runs in C (the attribute getter too) and costs far less than the rule's walk
    over the clause."""
    return not words.isdisjoint(map(_SOURCE, tokens))


def has_class(tokens: list[Tok], classes: frozenset[str]) -> bool:
    """Whether a unit is of one of `classes` (see `has_source`)."""
    return not classes.isdisjoint(map(_CLASS, tokens))


def merged(tokens: list[Tok], cls: str, en: str, **fields: object) -> Tok:
    """One unit standing for `tokens`: their source range and glossary concepts, the given English."""
    concepts = [c for tok in tokens for c in tok.concepts]
    src = "".join(tok.src for tok in tokens)
    return Tok(cls, en, tokens[0].start, tokens[-1].end, src, concepts=concepts, **fields)  # type: ignore[arg-type]


def join_english(parts: list[str]) -> str:
    """Words and punctuation joined with English spacing ('25,900', 'care, and', '(EHR)'), 'a' and
    'an' fitted to the word after them."""
    return fix_articles(join_spaced(parts))


def join_spaced(parts: list[str]) -> str:
    """`join_english` without the article fix: for a clause whose segment's `join_english` will fix
    the articles of the whole text once (fixing a part first changes nothing the whole's fix would not)."""
    out = ""
    for part in parts:
        if not part:
            continue
        if not out:
            out = part
        elif _tight(out, part):
            out += part
        else:
            out += " " + part
    return out


def fix_articles(text: str) -> str:
    """'a' before a vowel sound becomes 'an', and 'an' before a consonant 'a'."""
    for article, replacement, pattern in _ARTICLE_FIXES:
        if article in text:  # most texts lack one article or another
            text = pattern.sub(replacement, text)
    return text


def _tight(before: str, part: str) -> bool:
    """No space before closing punctuation, none after an opening bracket or quote."""
    # a final newline is looked past, as `$` in a pattern would: the bracket before it still counts
    last = before[-2:-1] if before.endswith("\n") else before[-1:]
    return part[:1] in _NO_SPACE_BEFORE or last in _NO_SPACE_AFTER


def decide_number(tok: Tok) -> Tok:
    """A bare countable noun phrase is plural, unless it names one thing (the system, the industry)."""
    if tok.cls == "n" and tok.countable and not tok.number:
        head = tok.en.rsplit(" ", 1)[-1].lower()
        tok.number = SINGULAR if head in SINGULAR_HEADS else PLURAL
        if tok.number == SINGULAR and not tok.det:
            tok.det = "the"  # the health care system, the industry
    return tok
