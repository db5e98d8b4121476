"""Sentence splitting of English, Chinese and Indonesian block text, glued and abbreviated."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.sentences import sentences, split_sentences

RAW = Path(__file__).resolve().parent.parent / "raw"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # glued Indonesian sentences (raw/004)
            ("Asisten perawatan kesehatan bekerja di kantor dokter swasta."
             "Juga dikenal sebagai asisten medis, "
             "ia bekerja dengan dokter.Asisten kesehatan kadang -kadang salah."),
            ["Asisten perawatan kesehatan bekerja di kantor dokter swasta.",
             "Juga dikenal sebagai asisten medis, ia bekerja dengan dokter.",
             "Asisten kesehatan kadang -kadang salah."],
        ),
        (  # 'a.m.' and 'vs.' before Han text stay inside their sentence (raw/000)
            "most pharmacy techs work 哪些是典型的9a.m. 到8点.m., with limited hours. 医疗助理vs. 制药技术.",
            ["most pharmacy techs work 哪些是典型的9a.m. 到8点.m., with limited hours.",
             "医疗助理vs. 制药技术."],
        ),
        (  # U.S., decimals and Dr. are not boundaries
            "The U.S. Bureau of Labor Statistics expects 4.5 percent growth. Dr. Lee agrees!",
            ["The U.S. Bureau of Labor Statistics expects 4.5 percent growth.", "Dr. Lee agrees!"],
        ),
        (  # e.g. and vs. followed by lower case
            "Choose between patient care vs. medication management, e.g. in a clinic. Both pay well.",
            ["Choose between patient care vs. medication management, e.g. in a clinic.", "Both pay well."],
        ),
        (  # domains and URLs stay whole (raw/002)
            ("DEA. (2025). Drug Scheduling. Www.dea.gov; United States Drug Enforcement Administration. "
             "https://www.dea.gov/drug-information/drug-scheduling"),
            ["DEA.", "(2025).", "Drug Scheduling.",
             "Www.dea.gov; United States Drug Enforcement Administration.",
             "https://www.dea.gov/drug-information/drug-scheduling"],
        ),
        (  # Chinese full stops split even without a space; closing quotes stay with their sentence
            "药剂师审核处方。他说：“请核对剂量。”技术员照做！",
            ["药剂师审核处方。", "他说：“请核对剂量。”", "技术员照做！"],
        ),
        (  # ASCII stops between mixed Chinese and English (raw/001)
            "Medical assisting can be a great career. 你的第一步是接受教育!",
            ["Medical assisting can be a great career.", "你的第一步是接受教育!"],
        ),
        (  # a mangled 'U.S.' inside a Chinese footnote is no boundary
            ("*美国劳工统计局(BLS).S. 劳工部, Occupational Outlook H和book 2022. "
             "劳工统计局的估计不代表入门级工资."),
            ["*美国劳工统计局(BLS).S. 劳工部, Occupational Outlook H和book 2022.",
             "劳工统计局的估计不代表入门级工资."],
        ),
        (  # a question glued to the next sentence; a quoted question inside a sentence
            ('If you\'ve wondered, "what\'s the difference?", you\'re not alone. '
             "Who said it can't be fun?Grasp it."),
            ['If you\'ve wondered, "what\'s the difference?", you\'re not alone.',
             "Who said it can't be fun?",
             "Grasp it."],
        ),
        ("growth of each student.We strive to help.", ["growth of each student.", "We strive to help."]),
        ("1. 临床医疗助理", ["1. 临床医疗助理"]),
        ("Scott, D. M. (2016). United States Health Care System.", ["Scott, D. M. (2016).",
                                                                     "United States Health Care System."]),
        ("Counting, labeling, etc. The pharmacist checks it.", ["Counting, labeling, etc.",
                                                                "The pharmacist checks it."]),
        ("Pharmacy Technician Requirements", ["Pharmacy Technician Requirements"]),
        ("   ", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def _assert_spans_tile(text: str) -> None:
    spans = split_sentences(text)
    position = 0
    for start, end in spans:
        assert start < end
        assert text[position:start].strip() == "", "only whitespace may lie between sentences"
        assert not text[start].isspace() and not text[end - 1].isspace()
        position = end
    assert text[position:].strip() == ""


@pytest.mark.parametrize("page", sorted(RAW.glob("*.txt")), ids=lambda p: p.stem)
def test_spans_tile_every_line_of_the_sample_pages(page: Path) -> None:
    lines = [line for line in page.read_text(encoding="utf-8").splitlines() if line.strip()]
    for line in lines:
        _assert_spans_tile(line)
    assert sum(len(split_sentences(line)) for line in lines) > len(lines)


def test_indonesian_page_splits_into_its_glued_sentences() -> None:
    text = (RAW / "004_191c781feffc30c2.txt").read_text(encoding="utf-8")
    paragraph = next(line for line in text.splitlines() if line.startswith("Tanggung jawab administratif"))
    assert len(sentences(paragraph)) == 5


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab Z.!?。！？\"”)5 医x/:w")), max_size=60))
def test_spans_always_tile_the_text(text: str) -> None:
    _assert_spans_tile(text)
