"""Repair of in-word artifacts of word-replacing translators, and the false friends left alone."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from wordfreq import zipf_frequency

from pipeline.context import Context
from pipeline.lexicon import ChineseLexicon
from pipeline.model import Block, Doc, Repair, Source, Title
from pipeline.repair import _zipf, repair, repair_text

RAW = Path(__file__).resolve().parent.parent / "raw"
# a Han run with a lower-case Latin letter glued on one side and a Latin letter on the other:
# what an artifact inside an English word looks like ('o的r'); 'MA到RN' is Chinese writing
ARTIFACT_INSIDE_WORD = re.compile(r"[a-z][\u4e00-\u9fff]+[A-Za-z]|[A-Za-z][\u4e00-\u9fff]+[a-z]")


@dataclass(frozen=True)
class FakeConcept:
    en: tuple[str, ...]

    @property
    def preferred(self) -> str:
        return self.en[0]


class FakeGlossary:
    """The part of pipeline.glossary.Glossary the repair reads: zh form -> concepts."""

    def __init__(self, zh_to_en: dict[str, str]) -> None:
        self._concepts = {zh: [FakeConcept((en,))] for zh, en in zh_to_en.items()}

    def lookup(self, lang: str, form: str) -> list[FakeConcept]:
        assert lang == "zh"
        return list(self._concepts.get(form, ()))


GLOSSARY = FakeGlossary(
    {"医疗助理": "medical assistant", "药学技术人员": "pharmacy technician", "抽血师": "phlebotomist"}
)


@pytest.fixture(scope="module")
def lexicon() -> ChineseLexicon:
    return ChineseLexicon.load()


def repaired(text: str, lexicon: ChineseLexicon, glossary: FakeGlossary | None = GLOSSARY) -> str:
    return repair_text(text, glossary, lexicon)[0]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # lines of the seed pages
        (
            "generally work alongside physicians 和 o的r medical personnel",
            "generally work alongside physicians 和 other medical personnel",
        ),
        (
            "While 的ir duties are broad, 的ir focus is on 的 clinical aspects",
            "While their duties are broad, their focus is on 的 clinical aspects",
        ),
        ("as 的y come into 的 office", "as they come into 的 office"),
        (
            "training allows 的m to work closely with physicians",
            "training allows them to work closely with physicians",
        ),
        ("While 的re are many different types", "While there are many different types"),
        ("Herzing nei的r represents that its graduates", "Herzing neither represents that its graduates"),
        (
            "eight-hour shifts within st和ard pharmacy hours",
            "eight-hour shifts within standard pharmacy hours",
        ),
        ("your clinical or h和s-on training", "your clinical or hands-on training"),
        ("I underst和 that I am not required", "I understand that I am not required"),
        ("Occupational Outlook H和book 2022.", "Occupational Outlook Handbook 2022."),
        (
            "Occupational Employment 和 W年龄 Statistics 2023",
            "Occupational Employment 和 Wage Statistics 2023",
        ),
        ("to deliver SMS mess年龄s 和 I", "to deliver SMS messages 和 I"),
        (
            "will earn 的 aver年龄 salaries calculated by BLS",
            "will earn 的 average salaries calculated by BLS",
        ),
        ("Because 医疗助理s have an entry-level role", "Because medical assistants have an entry-level role"),
        (
            "Differences Between 医疗助理s 和 药学技术人员s",
            "Differences Between medical assistants 和 pharmacy technicians",
        ),
        (
            "Successful 医疗助理s have a mixture of clinical, 行政",
            "Successful medical assistants have a mixture of clinical, 行政",
        ),
        (
            "many different types of specialized medical assisting 角色s 和 possible",
            "many different types of specialized medical assisting roles 和 possible",
        ),
        ("I authorize Herzing大学 to deliver SMS", "I authorize Herzing University to deliver SMS"),
        (
            "receive updates 和 alerts from Herzing大学. 文本HELP到85109寻求帮助",
            "receive updates 和 alerts from Herzing University. 文本HELP到85109寻求帮助",
        ),
        # words the seeds do not have
        ("Install the 和roid app on your phone.", "Install the android app on your phone."),
        ("Hourly w年龄s vary by state.", "Hourly wages vary by state."),
        ("Help patients who cannot brea的 on their own.", "Help patients who cannot breathe on their own."),
        ("They h和le insurance forms.", "They handle insurance forms."),
        ("Pharmacy 技能s include counting pills.", "Pharmacy skills include counting pills."),
        ("They assist 护士s and doctors.", "They assist nurses and doctors."),
        ("Changing dressings 和 applying b和年龄s.", "Changing dressings 和 applying bandages."),
        ("Caring for a gr和mo的r at home.", "Caring for a grandmother at home."),
        ("Explain dos年龄s to patients.", "Explain dosages to patients."),
        ("Most 抽血师s work in labs.", "Most phlebotomists work in labs."),
        ("They do behind-的-scenes work.", "They do behind-the-scenes work."),
        ("Care for HIV-阳性 patients.", "Care for HIV-positive patients."),
    ],
)
def test_artifacts_are_repaired(line: str, expected: str, lexicon: ChineseLexicon) -> None:
    assert repaired(line, lexicon) == expected


@pytest.mark.parametrize(
    "line",
    [
        # lines of the seed pages: Chinese writing, or Chinese words set apart by spaces
        "Medical assistants typically work in 医疗保健 clinics, 医院, 医生的办公室, where they",
        "Medical assistants carry out many of 的 daily tasks in a healthcare organization.",
        "根据 劳工统计局(BLS)在美国,医疗助理的就业预计会增加 14% 之间的 2022-2032这远高于全国平均水平.*",
        "你需要额外的教育 从MA到RN的过渡. 而他们的职责因工作而异",
        "文本HELP到85109寻求帮助,文本STOP到85109结束. 味精 & 数据速率可能适用.",
        "大多数制药技术人员为CVS、沃尔格林或杂货店药店等药品零售商工作.",
        "类开始 7月8日",
        "医疗助理vs. 制药技术",
        "*美国劳工统计局(BLS).S. 劳工部, Occupational Employment",
        '" class="hidden">邢台123',
        "医疗助理和药学技术人员在医疗保健系统中都扮演着重要的角色, 但他们在不同的环境中工作.",
        # Latin words a Chinese sentence writes next to its characters
        "请输入Email地址。",
        "完成set上的工作",
        "使用Word和Excel处理文件",
        "我在Herzing大学学习",
        "使用iPhone的用户",
        "选项a和b",
        "5mg的剂量",
        "Using 行政 software applications",
    ],
)
def test_false_friends_stay(line: str, lexicon: ChineseLexicon) -> None:
    assert repair_text(line, GLOSSARY, lexicon) == (line, [])


def test_repairs_are_recorded_in_order(lexicon: ChineseLexicon) -> None:
    text, pairs = repair_text("While 的re are many, 的y can generally be broken into two", GLOSSARY, lexicon)
    assert text == "While there are many, they can generally be broken into two"
    assert pairs == [("的re", "there"), ("的y", "they")]


def test_a_word_opening_a_sentence_takes_a_capital(lexicon: ChineseLexicon) -> None:
    assert repaired("的re are many options. 的y vary.", lexicon) == "There are many options. They vary."
    assert repaired("医疗助理s work in clinics.", lexicon) == "Medical assistants work in clinics."


def test_name_gets_its_missing_space_only_in_english(lexicon: ChineseLexicon) -> None:
    assert (
        repaired("She studied at Stanford大学 last year.", lexicon)
        == "She studied at Stanford University last year."
    )
    assert repaired("We use Word以及Excel every day.", lexicon) == "We use Word as well as Excel every day."
    assert repaired("她去年在Stanford大学读书", lexicon) == "她去年在Stanford大学读书"
    # an English sentence going on in Chinese after a comma
    line = "each job is different, 你需要额外的教育 从MA到RN的过渡."
    assert repaired(line, lexicon) == line


def test_lower_case_letters_are_not_split_off_as_a_word(lexicon: ChineseLexicon) -> None:
    # "parsonage" is too rare to be found, and "parson age" is no repair
    assert repaired("The old parson年龄 stands here.", lexicon) == "The old parson年龄 stands here."


def test_a_heading_in_capitals_keeps_them(lexicon: ChineseLexicon) -> None:
    assert repaired("DUTIES IN ST和ARD O的R SETTINGS", lexicon) == "DUTIES IN STANDARD OTHER SETTINGS"


def test_glossary_english_comes_before_the_dictionary(lexicon: ChineseLexicon) -> None:
    # CC-CEDICT alone reads 药学技术人员 as "pharmacy" + "technical staff"
    line = "Differences Between 药学技术人员s and pharmacists"
    assert repaired(line, lexicon, FakeGlossary({"药学技术人员": "pharmacy technician"})) == (
        "Differences Between pharmacy technicians and pharmacists"
    )
    assert repaired(line, lexicon, None) != line


def test_compound_missing_from_glossary_is_read_word_by_word(lexicon: ChineseLexicon) -> None:
    assert "医疗助理" not in lexicon
    assert (
        repaired("Many 医疗助理s work in clinics.", lexicon, None)
        == "Many medical assistants work in clinics."
    )


def test_repair_step_records_block_indices(lexicon: ChineseLexicon) -> None:
    source = Source(path="raw/x.txt", sha256="0" * 64, bytes=0, encoding="utf-8", format="text")
    doc = Doc(
        doc_id="x",
        source=source,
        title=Title("Occupational Outlook H和book"),
        blocks=[
            Block(index=0, kind="heading", text="医疗助理 Duties 和 Responsibilities"),
            Block(index=1, kind="paragraph", text="Medical assistants carry out o的r tasks as 的y can."),
        ],
    )
    ctx = Context(glossary=GLOSSARY)  # type: ignore[arg-type]
    out = repair(doc, ctx)
    assert [b.text for b in out.blocks] == [
        "医疗助理 Duties 和 Responsibilities",
        "Medical assistants carry out other tasks as they can.",
    ]
    assert out.repairs == [Repair(1, "o的r", "other"), Repair(1, "的y", "they")]
    assert out.title == Title("Occupational Outlook Handbook")


def seed_lines() -> list[str]:
    return [
        line for path in sorted(RAW.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()
    ]


def test_seed_pages_keep_no_artifact_inside_a_word(lexicon: ChineseLexicon) -> None:
    left = [
        m.group() for line in seed_lines() for m in ARTIFACT_INSIDE_WORD.finditer(repaired(line, lexicon))
    ]
    assert left == []


def test_seed_pages_change_nothing_but_the_repaired_words(lexicon: ChineseLexicon) -> None:
    for line in seed_lines():
        text, pairs = repair_text(line, GLOSSARY, lexicon)
        assert unrepair(text, pairs) == line


def unrepair(text: str, pairs: list[tuple[str, str]]) -> str:
    """Put the original words back in place of the repaired ones, left to right."""
    rebuilt, rest = [], text
    for original, fixed in pairs:
        before, found, rest = rest.partition(fixed)
        assert found, f"{fixed!r} not in the repaired text"
        rebuilt += [before, original]
    return "".join([*rebuilt, rest])


# pieces of mixed pages: English, artifacts' Han runs, Chinese words, digits and punctuation
PIECES = [
    *("o", "r", "ir", "st", "ard", "H", "book", "MA", "RN", "s", "W", "Herzing"),
    *("的", "和", "年龄", "大学", "医疗助理", "在美国", "7"),
    *("-", "'", "\u2019", "\u3002", "\uff0c", " ", ". ", ", ", "\n"),
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14))
def test_only_the_recorded_words_change(pieces: list[str]) -> None:
    text = "".join(pieces)
    fixed, pairs = repair_text(text, GLOSSARY, ChineseLexicon.load())
    assert unrepair(fixed, pairs) == text
    assert all(original in text for original, _ in pairs)


def test_seed_page_repairs(lexicon: ChineseLexicon) -> None:
    text = (RAW / "001_940680c61f91742d.txt").read_text(encoding="utf-8")
    pairs = set(repair_text(text, GLOSSARY, lexicon)[1])
    assert pairs == {
        ("的ir", "their"),
        ("o的r", "other"),
        ("h和s-on", "hands-on"),
        ("的re", "there"),
        ("角色s", "roles"),
        ("的y", "they"),
        ("的m", "them"),
        ("W年龄", "Wage"),
        ("H和book", "Handbook"),
        ("nei的r", "neither"),
        ("aver年龄", "average"),
        ("Herzing大学", "Herzing University"),
        ("mess年龄s", "messages"),
        ("underst和", "understand"),
    }


def test_seed_repairs_with_the_project_glossary(glossary, lexicon: ChineseLexicon) -> None:
    text = (RAW / "000_49c13e119e22e16b.txt").read_text(encoding="utf-8")
    assert set(repair_text(text, glossary, lexicon)[1]) == {
        ("医疗助理s", "medical assistants"),
        ("药学技术人员s", "pharmacy technicians"),
        ("st和ard", "standard"),
    }
    line = "While 的ir duties are broad, medical assisting 角色s 和 Herzing大学 h和s-on training"
    assert repaired(line, lexicon, glossary) == (
        "While their duties are broad, medical assisting roles 和 Herzing University hands-on training"
    )


# words of wordfreq's English list, common and rare, and a few it does not list
ZIPF_WORDS = ["the", "and", "of", "medical", "assistant", "age", "mess", "set", "at", "ease", "calm",
              "landlord", "phlebotomist", "dosages", "ands", "athe", "stthe", "zzxq"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ZIPF_WORDS), min_size=1, max_size=6), st.booleans())
def test_plain_words_score_as_wordfreq_scores_them(words: list[str], capitalised: bool) -> None:
    phrase = " ".join(w.capitalize() if capitalised else w for w in words)
    assert _zipf(phrase) == zipf_frequency(phrase, "en")
