"""Script segmentation for language spans: Han runs, Latin words and what lies between.

The script of a character settles most of the language question before any statistics run:
Han is Chinese, kana is Japanese, Hangul is Korean. Two things need care in these pages:

- A translation plugin swapped English words for Chinese ones even inside words ('o的r' =
  other, '医疗助理s' = medical assistants). Such a Han piece glued onto Latin letters belongs
  to the English word (repairing it is another step's job), so it must not open a Chinese span.
- Latin acronyms in a Chinese sentence ('劳工统计局(BLS)在美国', '从MA到RN的过渡') are part of
  the Chinese text, not English runs.

`segment` turns a text into `Unit`s in reading order; the Latin ones are then decided by
`langid_latin`, and `detect` joins everything into spans.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .langid_words import LATIN_CHARS, LATIN_WORD, is_common_word

_HAN_CHARS = "\u3005\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN = re.compile(f"[{_HAN_CHARS}]+")
# Latin words, Han, neutral text, other letters: together they take every character, so the
# pieces tile the text.
_PIECE = re.compile(
    rf"({LATIN_WORD.pattern})"
    rf"|([{_HAN_CHARS}]+)"
    r"|([\W\d_]+)"
    rf"|((?:(?![{_HAN_CHARS}{LATIN_CHARS}])[^\W\d_])+)",
)
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
_SENTENCE_END = re.compile(r"[.!?]\s*$")
_PAREN_ACRONYM_LETTERS = 5  # '心电图(ekg)': a short lowercase abbreviation in brackets after Han


@dataclass(slots=True)
class Unit:
    """One piece of a text in reading order: [start, end) with its script kind.

    kind is 'han', 'latin', 'neutral' (spaces, digits, punctuation) or a language code given by
    another script ('ja', 'ko', ...). A 'latin' unit is one word; `glued` marks a word holding
    a swapped Han piece, `acronym` an all-capitals abbreviation (or a capital glued to Han).
    """

    start: int
    end: int
    kind: str
    text: str
    glued: bool = False
    acronym: bool = False


@dataclass(slots=True)
class LatinRun:
    """Latin words joined only by neutral text: the stretch whose language is decided together."""

    words: list[Unit]
    attached_to_han: bool = False  # acronyms only, next to Chinese: they go with the Chinese

    @property
    def start(self) -> int:
        return self.words[0].start

    @property
    def end(self) -> int:
        return self.words[-1].end


def segment(text: str, protected: Iterable[tuple[int, int]] = ()) -> list[Unit]:
    """Split `text` into script units, gluing swapped Han pieces into their English words.

    `protected` ranges (Chinese glossary forms that contain Latin letters, such as 'X光')
    count as Han whatever their letters.
    """
    pieces = _pieces(text, sorted(protected, key=lambda span: (span[0], -span[1])))  # longest first
    units = _glue_artifacts(pieces, text)
    for i, unit in enumerate(units):
        if unit.kind == "latin" and not unit.glued:
            unit.acronym = _is_acronym(unit.text) or (unit.text.isupper() and _touches_han(units, i))
    return units


def han_language(units: list[Unit]) -> str:
    """Han text is Chinese, unless kana in the same text shows it is Japanese."""
    return "ja" if any(unit.kind == "ja" for unit in units) else "zh"


def latin_runs(units: list[Unit], text: str) -> list[LatinRun]:
    """Latin words grouped into runs, split at sentence ends, acronym runs next to Han marked."""
    runs: list[LatinRun] = []
    current: list[Unit] = []
    for unit in units:
        if unit.kind == "latin":
            if current and _starts_sentence(unit) and _SENTENCE_END.search(text, current[-1].end, unit.start):
                runs.append(LatinRun(current))
                current = []
            current.append(unit)
        elif unit.kind != "neutral" and current:
            runs.append(LatinRun(current))
            current = []
    if current:
        runs.append(LatinRun(current))
    _mark_acronyms_in_chinese(runs, units, text)
    return runs


def _pieces(text: str, protected: list[tuple[int, int]]) -> list[Unit]:
    """Maximal single-script pieces; protected ranges become Han pieces."""
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
    # findall, which makes no match objects, and offsets from the lengths, since pieces tile
    pieces = []
    for latin, han, neutral, other in _PIECE.findall(text, start, end):
        if latin:
            piece = Unit(start, start + len(latin), "latin", latin)
        elif han:
            piece = Unit(start, start + len(han), "han", han)
        elif neutral:
            piece = Unit(start, start + len(neutral), "neutral", neutral)
        else:
            kind = _script_language(other) if other[0].isalpha() else "neutral"
            piece = Unit(start, start + len(other), kind, other)
        pieces.append(piece)
        start = piece.end
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
    if not any(piece.kind == "han" for piece in pieces):
        return pieces
    joins = [False] * max(len(pieces) - 1, 0)  # joins[i]: pieces i and i+1 form one word
    for i, piece in enumerate(pieces):
        if piece.kind != "han":
            continue
        left = _glued_latin(pieces, i - 1)
        right = _glued_latin(pieces, i + 1)
        if right is None and left is not None and i >= 2 and pieces[i - 2].kind == "han":
            continue  # '文本HELP到85109': a word quoted inside Chinese text, not one cut short
        if _is_swapped_word_part(piece.text, left, right):
            if left is not None:
                joins[i - 1] = True
            if right is not None:
                joins[i] = True
    units: list[Unit] = []
    for i, piece in enumerate(pieces):
        if i and joins[i - 1]:
            last = units[-1]
            units[-1] = Unit(last.start, piece.end, "latin", text[last.start:piece.end], glued=True)
        else:
            units.append(piece)
    return units


def _glued_latin(pieces: list[Unit], neighbour: int) -> str | None:
    """The Latin letters of a neighbouring piece, if it is Latin (pieces tile the text)."""
    if not 0 <= neighbour < len(pieces) or pieces[neighbour].kind != "latin":
        return None
    return pieces[neighbour].text


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


def _touches_han(units: list[Unit], i: int) -> bool:
    """A letter glued to Chinese that is no swapped word part ('X光', '维生素B') is Chinese text."""
    before = units[i - 1] if i else None
    after = units[i + 1] if i + 1 < len(units) else None
    return any(unit is not None and unit.kind == "han" for unit in (before, after))


def _is_acronym(word: str) -> bool:
    """An all-capitals abbreviation ('BLS', 'RN', 'AAMA'), not a word in capitals ('DUTIES')."""
    if len(word) < 2 or not word.isupper():
        return False
    return len(word) <= _SHORT_ACRONYM or not is_common_word(word)


def _starts_sentence(word: Unit) -> bool:
    return word.text[:1].isupper()


def _mark_acronyms_in_chinese(runs: list[LatinRun], units: list[Unit], text: str) -> None:
    """Runs of only acronyms with Chinese beside them are quoted abbreviations in Chinese text."""
    content = [unit for unit in units if unit.kind != "neutral"]
    if all(unit.kind != "han" for unit in content):
        return
    position = {unit.start: i for i, unit in enumerate(content)}
    for run in runs:
        first, last = position[run.start], position[run.words[-1].start]
        before = content[first - 1].kind if first else None
        after = content[last + 1].kind if last + 1 < len(content) else None
        if "han" not in (before, after):
            continue
        if all(word.acronym for word in run.words) or _is_bracketed_abbreviation(run, text, before):
            run.attached_to_han = True


def _is_bracketed_abbreviation(run: LatinRun, text: str, before: str | None) -> bool:
    """'心电图(ekg)': one short word in brackets right after Han."""
    if before != "han" or len(run.words) != 1 or len(run.words[0].text) > _PAREN_ACRONYM_LETTERS:
        return False
    return text[run.start - 1:run.start] == "(" and text[run.end:run.end + 1] == ")"
