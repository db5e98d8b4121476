"""Repair of in-word artifacts left by word-replacing page translators (step `repair`).

Such a plugin swaps English words for Chinese ones wherever they occur, even inside other
words: "the" in "other" becomes 'o的r', "and" in "standard" 'st和ard', "age" in "messages"
'mess年龄s'; a translated name phrase loses its space ('Herzing大学'). We find the Han runs
glued to Latin letters, gather the English the run may stand for (glossary, function-word
table, CC-CEDICT senses) and keep the reading that turns the glued letters back into a real
English word, judged by wordfreq. Latin glued to Han inside a Chinese sentence ("从MA到RN的过渡",
"文本HELP到85109") is ordinary Chinese writing and stays as it is.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import product
from typing import NamedTuple

from wordfreq import freq_to_zipf, get_frequency_dict, zipf_frequency, zipf_to_freq

from .context import Context
from .glossary import Glossary
from .lexicon import ChineseLexicon
from .model import Doc, Repair

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_APOSTROPHES = "'\u2019"
_CJK_SENTENCE_END = "\u3002\uff01\uff1f"  # ideographic full stop, fullwidth ! and ?
_CJK_CLAUSE_END = "\uff0c\uff1b\uff1a\u3001"  # fullwidth , ; : and the enumeration comma
_OPENING_MARKS = " \t\"'\u201c\u2018("
# a word as the plugin left it: letters and Han characters, hyphen or apostrophe inside
_WORD = re.compile(rf"[A-Za-z{_HAN}]+(?:[-{_APOSTROPHES}][A-Za-z{_HAN}]+)*")
_WORD_PART = re.compile(rf"[^-{_APOSTROPHES}]+|[-{_APOSTROPHES}]")
_PIECE = re.compile(rf"[A-Za-z]+|[{_HAN}]+")
_HAN_CHAR = re.compile(rf"[{_HAN}]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
# a Han character next to a Latin letter, or with a hyphen or apostrophe between: every word
# holding both has one. It opens with the Han character, so a search skips to those at C speed.
_HAN_BY_LATIN = re.compile(
    rf"[{_HAN}](?:(?<=[A-Za-z].)|(?<=[A-Za-z][-{_APOSTROPHES}].)|(?=[-{_APOSTROPHES}]?[A-Za-z]))"
)
_HAN_INSIDE_LATIN = re.compile(rf"(?<=[A-Za-z])[{_HAN}]+(?=[A-Za-z])")
# sentence ends: line breaks and CJK marks anywhere, Latin ones before a space, Han or the end
_SENTENCE_END = re.compile(rf"[\n{_CJK_SENTENCE_END}]|[.!?](?=\s|[{_HAN}]|$)")
# clause ends: sentence ends and commas, colons, semicolons (not the comma of "105,900")
_CLAUSE_END = re.compile(rf"[\n{_CJK_SENTENCE_END}{_CJK_CLAUSE_END}]|[.!?,;:](?=\s|[{_HAN}]|$)")
_LEADING_PARTICLE = re.compile(r"^(?:to|a|an|the) (?=\S)")
_PHRASE = re.compile(r"[A-Za-z]+(?:[-' ][A-Za-z]+){0,3}")
_INFLECTION = frozenset({"s", "es"})
_PLAIN_WORDS = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")

# The frequency wordfreq gives an unlisted phrase in zipf_frequency(text, "en"): Zipf 0.
_ZIPF_ZERO = zipf_to_freq(0.0)
# A word at least this frequent in English (Zipf scale: 3 = once per million words) is a
# real word: "dosages" is 2.8, "handbook" 3.9; "ands" 2.4, "mato" 2.5 (rejected), "athe" 1.8.
MIN_ZIPF = 2.6
# A Han character says about as much as this many Latin letters: it weighs a context.
HAN_WEIGHT = 3
# Readings tried per segment when a Han run is composed from dictionary words.
COMPOSED_READINGS_PER_SEGMENT = 3
MAX_SEGMENT_CHARS = 8
# Combinations of readings tried for a word with several Han runs ('gr和mo的r').
MAX_COMBINATIONS = 512


@dataclass(frozen=True, slots=True)
class _Glue:
    """A Han run and the Latin letters glued to it on either side ('' where none)."""

    left: str
    run: str
    right: str
    context: str  # the language of the clause around the run: "en", "zh" or "" (no telling)

    @property
    def is_artifact(self) -> bool:
        """Whether the run may be read into the Latin letters it is glued to.

        Inside an English word ('o的r') or before a plural 's' it is an artifact wherever it
        stands; at the edge of a word only outside Chinese clauses ('完成set上' is Chinese),
        and never next to capitals in Chinese ('从MA到RN的过渡').
        """
        if self.context == "zh" and (_is_acronym(self.left) or _is_acronym(self.right)):
            return False
        return bool(self.left and self.right) or self.context != "zh" or self.right in _INFLECTION


def repair_text(
    text: str, glossary: Glossary | None, lexicon: ChineseLexicon
) -> tuple[str, list[tuple[str, str]]]:
    """`text` with its in-word artifacts repaired, and the (original, repaired) words in order.

    Everything but the repaired words is kept byte for byte.
    """
    if not _HAN_BY_LATIN.search(text):  # no word holds both Han and Latin letters
        return text, []
    readings = _Readings(glossary, lexicon)
    sentences = _Sentences(text)
    out: list[str] = []
    pairs: list[tuple[str, str]] = []
    end = 0
    for match in _WORD.finditer(text):
        word = match.group()
        if not _is_mixed(word):
            continue
        repaired = _repair_word(word, match.start(), sentences, readings)
        if repaired == word:
            continue
        if _HAN_CHAR.match(word) and sentences.starts_sentence(match.start()):
            repaired = repaired[0].upper() + repaired[1:]
        out += [text[end : match.start()], repaired]
        pairs.append((word, repaired))
        end = match.end()
    out.append(text[end:])
    return "".join(out), pairs


def repair(doc: Doc, ctx: Context) -> Doc:
    """Repair every block's text in place, recording each repaired word in `doc.repairs`.

    The title is repaired the same way, so it reads like the page. Its repairs are not listed
    again: a `Repair` names a block, and a text page's title is its first block.
    """
    for block in doc.blocks:
        block.text, pairs = repair_text(block.text, ctx.glossary, ctx.zh_lexicon)
        doc.repairs += [Repair(block=block.index, original=o, repaired=r) for o, r in pairs]
    if doc.title is not None:
        doc.title.text = repair_text(doc.title.text, ctx.glossary, ctx.zh_lexicon)[0]
    return doc


def _repair_word(word: str, start: int, sentences: _Sentences, readings: _Readings) -> str:
    """A word (text[start:] starts with it) with its Han read as English where it is an artifact.

    Parts between hyphens are read one by one; a part that is all Han stands for a whole
    word of a compound ('behind-的-scenes' -> 'behind-the-scenes') in an English clause.
    """
    out = []
    for part in _WORD_PART.finditer(word):
        text, offset = part.group(), start + part.start()
        if not _LATIN_LETTER.search(text) and _HAN_CHAR.match(text):
            english = sentences.language_around(offset, offset + len(text)) == "en"
            found = readings.of(text) if english else []
            out.append(found[0] if found else text)
        else:
            out.append(_repair_part(text, offset, sentences, readings))
    return "".join(out)


def _repair_part(part: str, offset: int, sentences: _Sentences, readings: _Readings) -> str:
    """A word part between hyphens (text[offset:] starts with it), its Han runs read as English.

    Either every run is read into the letters around it, making real English words, or a
    lone run of a name phrase gets its missing space back ('Herzing大学'); else the part stays.
    """
    pieces = [_Piece(m.group(), offset + m.start(), offset + m.end()) for m in _PIECE.finditer(part)]
    if len(pieces) < 2:
        return part
    glues = [_glue_at(i, pieces, sentences) for i, piece in enumerate(pieces) if _HAN_CHAR.match(piece.text)]
    if all(glue.is_artifact for glue in glues):
        glued = _glue_runs([piece.text for piece in pieces], glues, readings)
        if glued is not None:
            return glued
    if len(glues) == 1 and glues[0].context == "en" and len(glues[0].run) > 1:
        joined = _join_as_words(glues[0], readings.content_reading(glues[0].run))
        if joined is not None:
            return joined
    return part


@dataclass(frozen=True, slots=True)
class _Piece:
    """A run of Latin letters or of Han characters, with its span in the text being repaired."""

    text: str
    start: int
    end: int


def _glue_at(i: int, pieces: list[_Piece], sentences: _Sentences) -> _Glue:
    """The Han run pieces[i] with the Latin pieces beside it and the language of its clause."""
    first, last = max(i - 1, 0), min(i + 1, len(pieces) - 1)
    return _Glue(
        left=pieces[first].text if first < i else "",
        run=pieces[i].text,
        right=pieces[last].text if last > i else "",
        context=sentences.language_around(pieces[first].start, pieces[last].end),
    )


def _glue_runs(pieces: list[str], glues: list[_Glue], readings: _Readings) -> str | None:
    """The pieces with a reading for every run such that each word they glue into is real.

    Combinations are tried in order of the readings' ranks summed, so the most trusted
    readings win; a word in capitals gets its readings in capitals ('ST和ARD' -> 'STANDARD').
    """
    options = [readings.of(glue.run) for glue in glues]
    if not all(options):
        return None
    per_run = max(1, int(MAX_COMBINATIONS ** (1 / len(options))))
    options = [found[:per_run] for found in options]
    capitals = _is_acronym("".join(p for p in pieces if not _HAN_CHAR.match(p)))
    for ranks in sorted(product(*(range(len(found)) for found in options)), key=sum):
        chosen = iter(found[rank] for found, rank in zip(options, ranks, strict=True))
        assembled = _assemble(pieces, chosen, readings, capitals)
        if assembled is not None:
            return assembled
    return None


def _assemble(pieces: list[str], chosen: Iterator[str], readings: _Readings, capitals: bool) -> str | None:
    """Latin pieces and the chosen readings glued together, or None if a glued word is not real.

    A reading's first word glued after Latin letters takes their case (W+age -> 'Wage'); a
    glossary term followed by a plural ending is a word even when rare ('phlebotomists').
    """
    words, checked = [""], [False]
    last_reading = ""
    for piece in pieces:
        if _HAN_CHAR.match(piece):
            last_reading = next(chosen)
            first, *rest = (last_reading.upper() if capitals else last_reading).split(" ")
            words[-1] += first if capitals or not words[-1] else first.lower()
            words += rest
            checked += [False] * len(rest)
        else:
            plural_of_term = piece in _INFLECTION and readings.is_glossary_english(last_reading)
            words[-1] += piece
            checked[-1] = checked[-1] or not plural_of_term
            last_reading = ""
    if all(_is_real_word(word) for word, check in zip(words, checked, strict=True) if check):
        return " ".join(words)
    return None


def _join_as_words(glue: _Glue, reading: str | None) -> str | None:
    """'Herzing' + 'university' -> 'Herzing University': the reading as a word of its own.

    Only next to names (capitalised): a plugin that translates a name phrase may drop its
    space, while lower-case letters glued to a run are a piece of a word the dictionary
    did not find ('parson年龄' is "parsonage", not "parson age"). A reading glued to one name
    is part of that name and takes its capitals; between two names it keeps its case.
    """
    neighbours = [n for n in (glue.left, glue.right) if n]
    if reading is None or not all(n[:1].isupper() for n in neighbours):
        return None
    if len(neighbours) == 1:
        reading = " ".join(w[:1].upper() + w[1:] for w in reading.split(" "))
    return " ".join(filter(None, (glue.left, reading, glue.right)))


class _Readings:
    """Candidate English readings of Han runs, most trusted first, as one text looks them up."""

    def __init__(self, glossary: Glossary | None, lexicon: ChineseLexicon) -> None:
        self._lookups = _lookups(glossary, lexicon)
        self._glossary_english: set[str] = set()

    def of(self, run: str) -> tuple[str, ...]:
        """Readings of `run`: glossary English, function words, then dictionary senses.

        A run that is no dictionary word is composed from the words it splits into.
        """
        return self._noted(self._lookups.of(run))

    def content_reading(self, run: str) -> str | None:
        """The best reading of `run` as a word of its own: a glossary or dictionary word, no
        function word (a plugin replaces those in place and never glues them to a neighbour)."""
        found = self._noted(self._lookups.direct(run, function_words=False))
        return found[0] if found else None

    def is_glossary_english(self, reading: str) -> bool:
        """Whether `reading` is the glossary's English for a run looked up so far."""
        return reading in self._glossary_english

    def _noted(self, looked_up: _LookedUp) -> tuple[str, ...]:
        self._glossary_english.update(looked_up.glossary_english)
        return looked_up.readings


class _LookedUp(NamedTuple):
    """The readings of a run, and the glossary English of it and of the words it was read from."""

    readings: tuple[str, ...]
    glossary_english: frozenset[str]


class _Lookups:
    """The readings of Han runs in one glossary and lexicon, kept across texts: the runs a plugin
    leaves ('的', '和', '年龄') recur on every page, and reading one takes many look-ups."""

    def __init__(self, glossary: Glossary | None, lexicon: ChineseLexicon) -> None:
        self._glossary = glossary
        self._lexicon = lexicon
        # Cached (bounded): keyed by Han runs, which recur as words do
        self.of = lru_cache(maxsize=8192)(self._of)
        self.direct = lru_cache(maxsize=8192)(self._direct)

    def _of(self, run: str) -> _LookedUp:
        direct = self.direct(run, function_words=True)
        if direct.readings:
            return direct
        composed = self._composed(run)
        return _LookedUp(composed.readings, direct.glossary_english | composed.glossary_english)

    def _direct(self, run: str, function_words: bool) -> _LookedUp:
        glossary = [c.preferred for c in self._glossary.lookup("zh", run)] if self._glossary else []
        function = self._lexicon.function_readings(run) if function_words else []
        senses = [_LEADING_PARTICLE.sub("", s) for s in self._lexicon.senses(run)]
        # a two-word sense also offers each of its words ('medical treatment' -> 'medical')
        parts = [w for s in senses if s.count(" ") == 1 for w in s.split(" ")]
        candidates = dict.fromkeys([*glossary, *function, *senses, *parts])
        readings = tuple(r for r in candidates if _PHRASE.fullmatch(r))
        return _LookedUp(readings, frozenset(glossary))

    def _composed(self, run: str) -> _LookedUp:
        """Readings of a run no dictionary knows whole, from the words it splits into.

        First the readings run together, as a plugin leaves two replaced pieces of one word
        ('b和年龄' for "bandage"), then as phrases, the likeliest English first ('医疗助理s').
        """
        segments, glossary_english = self._segments(run)
        if len(segments) < 2 or not all(segments):
            return _LookedUp((), glossary_english)
        combinations = list(product(*segments))
        run_together = ["".join(words) for words in combinations if not any(" " in w for w in words)]
        phrases = sorted({" ".join(words) for words in combinations}, key=_likeliest_first)
        return _LookedUp(tuple(dict.fromkeys([*run_together, *phrases])), glossary_english)

    def _segments(self, run: str) -> tuple[list[tuple[str, ...]], frozenset[str]]:
        """Longest known words from the left, () for an unknown character, which ends the run; and
        the glossary English of every look-up made."""
        segments: list[tuple[str, ...]] = []
        glossary_english: set[str] = set()
        start = 0
        while start < len(run):
            for end in range(min(len(run), start + MAX_SEGMENT_CHARS), start, -1):
                found = self.direct(run[start:end], function_words=True)
                glossary_english |= found.glossary_english
                if found.readings:
                    segments.append(found.readings[:COMPOSED_READINGS_PER_SEGMENT])
                    start = end
                    break
            else:
                segments.append(())
                break
        return segments, frozenset(glossary_english)


@lru_cache(maxsize=4)
def _lookups(glossary: Glossary | None, lexicon: ChineseLexicon) -> _Lookups:
    """One `_Lookups` per glossary and lexicon, made on first use."""
    return _Lookups(glossary, lexicon)


def _likeliest_first(phrase: str) -> tuple[float, str]:
    return -_zipf(phrase), phrase


def _is_real_word(word: str) -> bool:
    return _zipf(word) >= MIN_ZIPF


@lru_cache(maxsize=65536)
def _zipf(text: str) -> float:
    """zipf_frequency(text, "en"), which is 0 for text holding a word wordfreq does not list.

    Most readings tried ('stthe', 'mess age s') are such text, and nearly all are plain words,
    whose tokens are the words themselves: the word list gives their value without wordfreq's
    slow tokenizer (`_plain_zipf`).
    Cached (bounded): the texts are words and short phrases read into Han runs, and the same
    word broken the same way recurs.
    """
    if _PLAIN_WORDS.fullmatch(text):
        return _plain_zipf(text.lower().split(" "))
    return zipf_frequency(text, "en")


def _plain_zipf(words: list[str]) -> float:
    """zipf_frequency of plain lower-case words, worked out as wordfreq does from its word list.

    Its tokenizer reads such words as themselves but takes some 50 µs a phrase, and the
    phrases composed of a run's readings come by the dozen (3 readings of 4 segments: 81).
    wordfreq combines the words' frequencies f as 1/f = 1/f1 + 1/f2 + ..., gives 0 for a
    phrase with an unlisted word, and rounds the frequency to three significant digits
    before taking the Zipf value to two: the same steps, in the same order, give the same float.
    """
    listed = _listed_english()
    one_over = 0.0
    for word in words:
        if word not in listed:
            return 0.0
        one_over += 1.0 / listed[word]
    frequency = max(1.0 / one_over, _ZIPF_ZERO)
    frequency = round(frequency, math.floor(-math.log(frequency, 10)) + 3)
    return round(freq_to_zipf(frequency), 2)


@cache
def _listed_english() -> dict[str, float]:
    """wordfreq's English word list, held: asking wordfreq for it costs microseconds each time."""
    return get_frequency_dict("en")


def _is_acronym(latin: str) -> bool:
    """Two or more capitals: an acronym ('MA', 'BLS') or a word of a heading in capitals."""
    return len(latin) > 1 and latin.isupper()


class _Sentences:
    """The sentences and clauses of a text: the language around a word and whether it opens one."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._sentence_ends = {m.end() for m in _SENTENCE_END.finditer(text)}
        self._clause_ends = [m.end() for m in _CLAUSE_END.finditer(text)]

    def language_around(self, start: int, end: int) -> str:
        """The language of the clause around text[start:end]: "en", "zh", or "" with no letters.

        A clause, not the sentence: mixed pages switch language at commas ("..., 你需要额外的
        教育 从MA到RN的过渡."). Han inside Latin words elsewhere in the clause is left out: such
        artifacts say nothing about the language the clause is written in.
        """
        clause_start = max((e for e in self._clause_ends if e <= start), default=0)
        clause_end = min((e for e in self._clause_ends if e > end), default=len(self._text))
        around = self._text[clause_start:start] + " " + self._text[end:clause_end]
        around = _HAN_INSIDE_LATIN.sub("", around)
        latin = len(_LATIN_LETTER.findall(around))
        han = HAN_WEIGHT * len(_HAN_CHAR.findall(around))
        return "" if latin == han == 0 else "en" if latin > han else "zh"

    def starts_sentence(self, start: int) -> bool:
        """Whether a word at `start` opens the text or a sentence, so it takes a capital."""
        before = self._text[:start].rstrip(_OPENING_MARKS)
        return not before or len(before) in self._sentence_ends


def _is_mixed(word: str) -> bool:
    return bool(_HAN_CHAR.search(word) and _LATIN_LETTER.search(word))
