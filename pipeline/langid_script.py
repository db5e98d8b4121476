"""Script segmentation for language spans: Han runs, Latin runs and other scripts.

The script of a character settles most of the language question before any statistics run:
Han is Chinese, kana is Japanese, Hangul is Korean. Two things need care in these pages:

- A translation plugin swapped English words for Chinese ones even inside words ('o的r' =
  other, '医疗助理s' = medical assistants). Such a Han piece glued onto Latin letters belongs
  to the English word (repairing it is another step's job), so it must not open a Chinese span.
- Latin acronyms in a Chinese sentence ('劳工统计局(BLS)在美国', '从MA到RN的过渡') are part of
  the Chinese text, not English runs.

`segment` turns a text into the pieces of other scripts and the Latin runs between them; the
runs are then decided by `langid_latin`, and `detect` joins everything into spans. Neutral
text (spaces, digits, punctuation) is what lies between; `detect` shares it out.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from operator import attrgetter

from .langid_words import LATIN_CHARS, LATIN_WORD, is_common_word

_HAN_CHARS = "\u3005\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN = re.compile(f"[{_HAN_CHARS}]+")
# Letters of neither Latin nor Han script: text without them is only Latin words and neutral text.
_OTHER_LETTERS = f"[^\\W\\d_{_HAN_CHARS}{LATIN_CHARS}]+"
_HAS_OTHER_SCRIPT = re.compile(f"[{_HAN_CHARS}]|{_OTHER_LETTERS}")
# Latin words, Han, other letters, each with the neutral text before it (or the neutral text
# ending the text, alone). Neutral text is taken possessively, never given back, so that it takes
# what it always took: code points of the Han blocks that this Python's Unicode tables leave
# unassigned (\W) go with the neutral text before them.
_PIECE = re.compile(rf"[\W\d_]*+(?:({LATIN_WORD.pattern})|([{_HAN_CHARS}]+)|({_OTHER_LETTERS})|\Z)")
_LATIN, _HAN, _OTHER = 1, 2, 3  # _PIECE's groups
# The pieces of scripts other than Latin alone (_PIECE's, when they start with a letter).
_NON_LATIN_PIECE = re.compile(rf"(?P<han>[{_HAN_CHARS}]+)|{_OTHER_LETTERS}")
# What a Latin word may end with (a letter or an accent) or start with: Han after or before it
# may be glued to the word ('o的r', 'X光').
_WORD_END = re.compile(f"[{LATIN_CHARS}\u0300-\u036f]")
_WORD_START = re.compile(f"[{LATIN_CHARS}]")

def _latin_capitals() -> str:
    """The capitals among the Latin letters (LATIN_CHARS is ranges such as 'A-Z'), for a character class."""
    ranges = re.findall("(.)-(.)", LATIN_CHARS, re.DOTALL)
    letters = (chr(code) for first, last in ranges for code in range(ord(first), ord(last) + 1))
    return "".join(filter(str.isupper, letters))


# A sentence end before a capital: a new sentence starts there, and a new run with it.
_SENTENCE_BREAK = re.compile(rf"[.!?]\s*(?=[{re.escape(_latin_capitals())}])")
# In text of Latin script only, a run: Latin words joined by neutral text holding no sentence break.
_LATIN_RUN = re.compile(
    rf"{LATIN_WORD.pattern}(?:(?![\W\d_]*{_SENTENCE_BREAK.pattern})[\W\d_]+{LATIN_WORD.pattern})*")
# Letters of scripts that name one language; any other script is left undetermined.
_SCRIPT_LANGS = {
    "HIRAGANA": "ja", "KATAKANA": "ja", "HANGUL": "ko", "GREEK": "el", "HEBREW": "he", "THAI": "th",
    "GEORGIAN": "ka", "ARMENIAN": "hy", "DEVANAGARI": "hi", "BENGALI": "bn", "TAMIL": "ta",
}
# What the plugin leaves of an English word after its stem was swapped for Chinese ('角色s').
_ENGLISH_SUFFIXES = frozenset({"s", "es", "ed", "d", "ing", "er", "ers", "ly"})
# A swapped word part is a short Han piece: inside a word ('o的r', 'st和ard') or ending one
# ('W年龄', 'Herzing大学'); a longer one after a word ('Walgreens的药剂师') is Chinese text.
_MAX_INNER_HAN = 4
_MAX_ENDING_HAN = 2
_SHORT_ACRONYM = 3  # up to three capitals it is an abbreviation even if a word ('MA', 'CPR')
_PAREN_ACRONYM_LETTERS = 5  # '心电图(ekg)': a short lowercase abbreviation in brackets after Han


@dataclass(slots=True)
class Unit:
    """One piece of a text in reading order: [start, end) with its script kind.

    kind is 'han', 'latin' or a language code given by another script ('ja', 'ko', 'und'...).
    A 'latin' unit is one word; `glued` marks a word holding a swapped Han piece.
    """

    start: int
    end: int
    kind: str
    text: str
    glued: bool = False


@dataclass(slots=True)
class LatinRun:
    """Latin words joined only by neutral text: the stretch whose language is decided together."""

    start: int
    end: int
    words: list[str]  # those that can say which language: not the words holding Han
    attached_to_han: bool = False  # acronyms only, next to Chinese: they go with the Chinese


def segment(text: str, protected: Iterable[tuple[int, int]] = ()) -> tuple[list[Unit], list[LatinRun]]:
    """The pieces of `text` in scripts other than Latin, and its Latin runs, in reading order.

    Swapped Han pieces are glued into their English words. `protected` ranges (Chinese
    glossary forms that contain Latin letters, such as 'X光') count as Han whatever their letters.
    """
    protected = sorted(protected, key=lambda span: (span[0], -span[1]))  # longest first
    # ASCII holds no letters but Latin ones, and most texts of Latin script are ASCII
    if not protected and (text.isascii() or not _HAS_OTHER_SCRIPT.search(text)):
        return [], _latin_script_runs(text)
    pieces = None if protected else _apart_pieces(text)
    if pieces is not None:  # most texts: Latin words and other scripts merely side by side
        return pieces, _runs_apart(pieces, text)
    units = _glue_artifacts(_pieces(text, protected), text)
    return [unit for unit in units if unit.kind != "latin"], _runs_of_units(units, text)


def han_language(pieces: list[Unit]) -> str:
    """Han text is Chinese, unless kana in the same text shows it is Japanese."""
    return "ja" if any(piece.kind == "ja" for piece in pieces) else "zh"


def _latin_script_runs(text: str) -> list[LatinRun]:
    """The runs of text with no letters but Latin ones: its sentences (cut before a capital).

    Every character there is a Latin word's or neutral, so one regex pass finds the runs, and
    one more per run its words: no word costs a Python step. In other text the runs stop at
    the letters of other scripts, which are no neutral text.
    """
    return [LatinRun(run.start(), run.end(), LATIN_WORD.findall(run.group()))
            for run in _LATIN_RUN.finditer(text)]


def _apart_pieces(text: str) -> list[Unit] | None:
    """The pieces of `text` in scripts other than Latin, found without a step per Latin word, if
    `_pieces` would find the same and no Han piece touches a Latin word; None otherwise.

    `_pieces` leaves out pieces that are no letters ('²'), so that the Latin words around them
    may form one run, and lets neutral text take the unassigned Han code points starting a piece.
    """
    pieces = []
    for found in _NON_LATIN_PIECE.finditer(text):
        piece = found.group()
        if not piece[0].isalpha():
            return None
        start, end = found.span()
        if found.lastgroup == "han":
            if (start and _WORD_END.match(text, start - 1)) or _WORD_START.match(text, end):
                return None
            pieces.append(Unit(start, end, "han", piece))
        else:
            pieces.append(Unit(start, end, _script_language(piece), piece))
    return pieces


def _runs_apart(pieces: list[Unit], text: str) -> list[LatinRun]:
    """The Latin runs of a text whose Latin words touch no Han, acronym runs next to Han marked.

    Runs stop at the letters of other scripts, so the whole text's runs are those of the text
    between its pieces.
    """
    runs = _latin_script_runs(text)
    if not any(piece.kind == "han" for piece in pieces):  # nothing to be quoted in
        return runs
    reading_order = sorted([*pieces, *runs], key=attrgetter("start"))
    kinds = [item.kind if isinstance(item, Unit) else "latin" for item in reading_order]
    for i, run in enumerate(reading_order):
        if isinstance(run, LatinRun):
            before = kinds[i - 1] if i else None
            after = kinds[i + 1] if i + 1 < len(kinds) else None
            acronyms = map(_is_acronym, run.words)  # no word is glued to Han, so none reads as its part
            one_word = len(run.words) == 1
            run.attached_to_han = _is_quoted_in_chinese(text, run, before, after, acronyms, one_word)
    return runs


def _sentence_starts(text: str) -> list[int]:
    """Where sentences start, a new run with them: at a capital after a sentence end ('. The')."""
    return [found.end() for found in _SENTENCE_BREAK.finditer(text)]


def _pieces(text: str, protected: list[tuple[int, int]]) -> list[Unit]:
    """Maximal single-script pieces, neutral text left out; protected ranges become Han pieces."""
    pieces: list[Unit] = []
    cursor = 0
    for start, end in protected:
        if start < cursor:
            continue
        pieces.extend(_script_pieces(text, cursor, start))
        pieces.append(Unit(start, end, "han", text[start:end]))
        cursor = end
    pieces.extend(_script_pieces(text, cursor, len(text)))
    return _merge_same_kind(pieces) if protected else pieces  # Han pieces meet only at a protected range


def _script_pieces(text: str, start: int, end: int) -> list[Unit]:
    pieces = []
    for found in _PIECE.finditer(text, start, end):
        group = found.lastindex
        if group is None:  # the neutral text ending the text
            continue
        piece = found.group(group)
        if group == _LATIN:
            pieces.append(Unit(*found.span(group), "latin", piece))
        elif group == _HAN:
            pieces.append(Unit(*found.span(group), "han", piece))
        elif piece[0].isalpha():  # other letters, not a numeral such as '²' or '½'
            pieces.append(Unit(*found.span(group), _script_language(piece), piece))
    return pieces


def _script_language(letters: str) -> str:
    """The language a non-Latin, non-Han script names, or 'und' for shared scripts."""
    name = unicodedata.name(letters[0], "")
    return _SCRIPT_LANGS.get(name.split(" ", 1)[0], "und")


def _merge_same_kind(pieces: list[Unit]) -> list[Unit]:
    """Adjacent Han pieces (a protected form next to Han text) become one piece."""
    merged: list[Unit] = []
    for piece in pieces:
        if merged and piece.kind == "han" and merged[-1].kind == "han" and merged[-1].end == piece.start:
            last = merged[-1]
            merged[-1] = Unit(last.start, piece.end, "han", last.text + piece.text)
        else:
            merged.append(piece)
    return merged


def _glue_artifacts(pieces: list[Unit], text: str) -> list[Unit]:
    """Join each swapped Han piece with the Latin letters it is glued to into one English word."""
    joins: set[int] = set()  # i in joins: pieces i and i+1 form one word
    for i in [i for i, piece in enumerate(pieces) if piece.kind == "han"]:
        left = _glued_latin(pieces, i, i - 1)
        right = _glued_latin(pieces, i, i + 1)
        if right is None and left is not None and _kind(_touching(pieces, i - 1, i - 2)) == "han":
            continue  # '文本HELP到85109': a word quoted inside Chinese text, not one cut short
        if _is_swapped_word_part(pieces[i].text, left, right):
            if left is not None:
                joins.add(i - 1)
            if right is not None:
                joins.add(i)
    if not joins:  # most texts: no Han piece stands for part of a word
        return pieces
    units: list[Unit] = []
    for i, piece in enumerate(pieces):
        if i - 1 in joins:
            last = units[-1]
            units[-1] = Unit(last.start, piece.end, "latin", text[last.start:piece.end], glued=True)
        else:
            units.append(piece)
    return units


def _touching(units: list[Unit], i: int, neighbour: int) -> Unit | None:
    """Unit `neighbour` (i - 1 or i + 1) if there is one and no neutral text lies between it and unit `i`."""
    if not 0 <= neighbour < len(units):
        return None
    unit, other = units[i], units[neighbour]
    touches = other.end == unit.start if neighbour < i else unit.end == other.start
    return other if touches else None


def _kind(unit: Unit | None) -> str | None:
    return unit.kind if unit is not None else None


def _glued_latin(pieces: list[Unit], i: int, neighbour: int) -> str | None:
    """The Latin letters of a neighbouring piece, if it is Latin and touches piece `i`."""
    glued = _touching(pieces, i, neighbour)
    return glued.text if glued is not None and glued.kind == "latin" else None


def _is_swapped_word_part(han: str, left: str | None, right: str | None) -> bool:
    """Whether a Han piece glued to Latin letters stands for part of an English word.

    Letters before it ('o的r', 'st和ard', 'W年龄', 'Herzing大学') mean the word started in
    English; letters only after it count when they are an English ending ('医疗助理s') or the
    piece is one character standing for a word start ('的ir' = their). An acronym touching Han
    ('从MA到RN') is Chinese text quoting an abbreviation, and a whole word after a Han phrase
    ('医疗助理vs') is just a missing space.
    """
    if right is not None and _is_acronym(right):
        right = None
    if left is not None and not _is_acronym(left):
        return len(han) <= (_MAX_INNER_HAN if right is not None else _MAX_ENDING_HAN)
    if right is None:
        return False
    return right.lower() in _ENGLISH_SUFFIXES or (len(han) == 1 and right.islower())


def _runs_of_units(units: list[Unit], text: str) -> list[LatinRun]:
    """Latin words grouped into runs, split at sentence ends, acronym runs next to Han marked."""
    sentence_starts = set(_sentence_starts(text))
    groups: list[list[int]] = []  # the indexes of each run's words
    current: list[int] = []
    for i, unit in enumerate(units):
        if unit.kind != "latin":
            if current:
                groups.append(current)
                current = []
        elif current and unit.start in sentence_starts:
            groups.append(current)
            current = [i]
        else:
            current.append(i)
    if current:
        groups.append(current)
    has_han = any(unit.kind == "han" for unit in units)
    return [_latin_run(units, group, text, has_han) for group in groups]


def _latin_run(units: list[Unit], group: list[int], text: str, has_han: bool) -> LatinRun:
    words = [units[i] for i in group]
    run = LatinRun(words[0].start, words[-1].end, [word.text for word in words if not word.glued])
    if has_han:
        before = units[group[0] - 1].kind if group[0] else None
        after = units[group[-1] + 1].kind if group[-1] + 1 < len(units) else None
        acronyms = (_reads_as_acronym(units, i) for i in group)
        run.attached_to_han = _is_quoted_in_chinese(text, run, before, after, acronyms, len(group) == 1)
    return run


def _is_quoted_in_chinese(text: str, run: LatinRun, before: str | None, after: str | None,
                          acronyms: Iterable[bool], one_word: bool) -> bool:
    """Runs of only acronyms with Chinese beside them (the kinds of the units `before` and
    `after` the run) are quoted abbreviations in Chinese text; `acronyms` says which of the
    run's words read as one, evaluated only next to Chinese."""
    if "han" not in (before, after):
        return False
    return all(acronyms) or (before == "han" and one_word and _is_bracketed_abbreviation(text, run))


def _reads_as_acronym(units: list[Unit], i: int) -> bool:
    """An abbreviation, or a word in capitals glued to Chinese ('X光', '维生素B'): Chinese text."""
    word = units[i]
    if word.glued:
        return False
    glued_to_han = "han" in (_kind(_touching(units, i, i - 1)), _kind(_touching(units, i, i + 1)))
    return _is_acronym(word.text) or (word.text.isupper() and glued_to_han)


def _is_acronym(word: str) -> bool:
    """An all-capitals abbreviation ('BLS', 'RN', 'AAMA'), not a word in capitals ('DUTIES')."""
    if len(word) < 2 or not word.isupper():
        return False
    return len(word) <= _SHORT_ACRONYM or not is_common_word(word)


def _is_bracketed_abbreviation(text: str, run: LatinRun) -> bool:
    """'心电图(ekg)': a run of one short word in brackets (right after Han)."""
    if run.end - run.start > _PAREN_ACRONYM_LETTERS:
        return False
    return text[run.start - 1:run.start] == "(" and text[run.end:run.end + 1] == ")"
