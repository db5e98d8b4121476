"""Step `clean`: Unicode repair, and boilerplate dropped without losing content."""
from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import ftfy
import pytest

from pipeline import boilerplate_rules as rules
from pipeline.blocks import text_blocks
from pipeline.clean import clean, fix_unicode, line_digest, line_key, repeated_line_keys
from pipeline.context import Context
from pipeline.model import Block, Doc, Source, Title
from pipeline.regex_needs import asserts_only_word_boundaries, opening_strings, required_string_sets

from .conftest import GOLD, RAW

PAGES = sorted(RAW.glob("*.txt"))


def squash(text: str) -> str:
    """As the scorer compares text: lower case, no spaces or punctuation."""
    return re.sub(r"\W+", "", text.lower())


def make_doc(blocks: list[Block], title: str | None = None) -> Doc:
    source = Source(path="raw/x.txt", sha256="0" * 64, bytes=0, encoding="utf-8", format="text")
    return Doc(doc_id="x", source=source, blocks=blocks, title=Title(title) if title else None)


def run_clean(blocks: list[Block], repeated: frozenset[str] = frozenset(), title: str | None = None) -> Doc:
    ctx = Context(glossary=None, repeated_lines=repeated)  # type: ignore[arg-type]  # clean reads no glossary
    return clean(make_doc(blocks, title), ctx)


def site_keys(pages: list[list[str]]) -> frozenset[str]:
    """What the runner does in its first pass: key every page's lines, then count the keys' digests."""
    return repeated_line_keys([line_digest(line_key(line)) for line in page] for page in pages)


def clean_lines(*lines: str, repeated: frozenset[str] = frozenset()) -> Doc:
    return run_clean(text_blocks("\n".join(lines)), repeated)


def cleaned_page(page: Path) -> Doc:
    return run_clean(text_blocks(page.read_text(encoding="utf-8")))


def gold(page: Path) -> dict:
    return json.loads((GOLD / f"{page.stem}.json").read_text(encoding="utf-8"))


# Headings, duty bullets and paragraphs of each sample page that must survive, by their start.
KEPT_CONTENT = {
    "000_49c13e119e22e16b": [
        "What Is a 医疗助理?", "医疗助理 Duties 和 Responsibilities",
        "药学技术人员 Duties 和 Responsibilities",
        "Recording patients’ medical histories", "Answering Phones 和 scheduling appointments",
        "Labeling 和 packaging prescriptions", "Explaining to patients how medications work",
        "有抱负的医疗保健专业人员也应该探索职业", "医疗助理和药学技术人员的共同点是对高质量教育和培训的需求",
    ],
    "001_940680c61f91742d": [
        "1. 临床医疗助理", "2. 行政医疗助理", "记录患者病史和个人信息", "并确保病人在预约过程中感到舒适",
        "Measuring vital assigns such as taking blood pressure", "接电话和安排约会",
        "Updating electronic medical records 和 maintaining", "Medical assisting can be a great career",
        "There are many opportunities to pursue if you decide",
    ],
    "002_a99110b7056e8088": [
        "Pharmacy Technician Requirements", "Medical Assistant Requirements", "Skills",
        "Conclusion: Choosing the Right Path", "Taking vital signs", "Scheduling appointments",
        "Counting and measuring medications and labeling containers", "Accredited program: Candidates must",
        "Both roles support health care providers", "Collaboration: Pharmacy technicians work closely",
    ],
    "003_2e358e561cbae82f": [
        "If you've ever wondered", "One of the primary duties of a pharmacy technician",
        "A pharmacist's primary responsibility", "Beyond these patient-focused responsibilities",
        "By understanding the difference between",
    ],
    "004_191c781feffc30c2": [
        "Apa yang dilakukan asisten perawatan kesehatan?", "Tanggung jawab administratif asisten",
        "Lapangan medisnya luas",
    ],
}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_every_gold_boilerplate_line_is_gone(page: Path) -> None:
    kept = " ".join(squash(b.text) for b in cleaned_page(page).blocks)
    leaked = [line for line in gold(page)["boilerplate"] if squash(line)[:60] in kept]
    assert leaked == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_chosen_headings_and_duties_survive(page: Path) -> None:
    kept = [squash(b.text) for b in cleaned_page(page).blocks]
    missing = [line for line in KEPT_CONTENT[page.stem] if not any(k.startswith(squash(line)) for k in kept)]
    assert missing == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_only_gold_boilerplate_is_removed_from_the_sample_pages(page: Path) -> None:
    golden = [squash(line) for line in gold(page)["boilerplate"]]
    removed = [squash(r.text) for r in cleaned_page(page).removed]
    assert removed
    assert [r for r in removed if not any(r[:60] in g or g[:60] in r for g in golden)] == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_nothing_disappears_silently(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    doc = cleaned_page(page)
    everything = squash(" ".join([b.text for b in doc.blocks] + [r.text for r in doc.removed]))
    for block in text_blocks(text):
        for piece in re.split(r"(?<=[.!?。！？])\s+", fix_unicode(block.text)):
            assert squash(piece) in everything, piece


def test_marketing_sentence_goes_while_its_list_item_stays() -> None:
    doc = cleaned_page(RAW / "002_a99110b7056e8088.txt")
    item = next(b for b in doc.blocks if b.text.startswith("Pharmacy Technician program:"))
    assert item.text.endswith("many employers prefer formal training and/or certification.")
    assert item.kind == "list_item"
    assert any(r.reason == "marketing" and r.text.startswith("Concorde offers a Pharmacy Technician program")
               for r in doc.removed)


def test_blocks_are_renumbered_with_sections_pointing_at_kept_headings() -> None:
    doc = cleaned_page(RAW / "004_191c781feffc30c2.txt")
    assert [b.index for b in doc.blocks] == list(range(len(doc.blocks)))
    assert doc.blocks[0].text == "Apa yang dilakukan asisten perawatan kesehatan?"
    assert all(b.section == 0 for b in doc.blocks[1:])


def test_a_title_taken_from_dropped_chrome_gives_way_to_the_first_heading() -> None:
    doc = run_clean(text_blocks("Skip to main content\nWhat Does a Phlebotomist Do?\nThey draw blood."),
                    title="Skip to main content")
    assert doc.title == Title("What Does a Phlebotomist Do?")
    kept_title = run_clean(text_blocks("Phlebotomist Duties\nThey draw blood."), title="Phlebotomist Duties")
    assert kept_title.title == Title("Phlebotomist Duties")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Apply Now", "cta"),
        ("Request Info", "cta"),
        ("Read More", "cta"),
        ("Call us today at (555) 123-4567 to speak with an admissions advisor.", "cta"),
        ("Ready to become a pharmacy technician?", "cta"),
        ("Daftar sekarang!", "cta"),
        ("Hubungi kami untuk informasi lebih lanjut.", "cta"),
        ("Klik di sini untuk mendaftar.", "cta"),
        ("立即报名", "cta"),
        ("探索更多医疗助理文章", "cta"),
        ("Minta Info", "cta"),
        ("Jelajahi lebih banyak artikel Asisten Medis", "cta"),
        ("通过选择此按钮，您同意接收更新。", "consent"),
        ("点击了解更多", "cta"),
        ("By submitting this form, you consent to be contacted by Example College.", "consent"),
        ("Message and data rates may apply. Reply STOP to unsubscribe.", "consent"),
        ("Dengan mengklik tombol ini, Anda setuju untuk menerima pesan dari kami.", "consent"),
        ("点击阅读 条款与条件隐私政策.", "consent"),
        ("© 2024 Example Career Institute. All rights reserved.", "legal"),
        ("Salary figures do not represent entry-level wages.", "legal"),
        ("Our graduates are ready for work on day one.", "marketing"),
        ("We offer flexible evening and weekend classes at our Dallas campus.", "marketing"),
        ("Kami menawarkan program asisten medis yang terakreditasi.", "marketing"),
        ("我们的课程由经验丰富的讲师授课。", "marketing"),
        ("Next classes start March 4", "marketing"),
        ("Skip to content", "navigation"),
        ("Langsung ke konten utama", "navigation"),
        ("返回顶部", "navigation"),
        ("Home > Careers > Phlebotomist", "navigation"),
        ("Welcome to the Example Nursing Blog", "teaser"),
        ('<div class="promo">', "markup"),
    ],
)
def test_boilerplate_lines_of_other_sites_go(line: str, reason: str) -> None:
    doc = clean_lines("Pharmacy Technician Duties", "- Counting pills", line,
                      "Pharmacists check every order.")
    assert [b.text for b in doc.blocks] == ["Pharmacy Technician Duties", "Counting pills",
                                            "Pharmacists check every order."]
    assert [r.reason for r in doc.removed] == [reason]


@pytest.mark.parametrize(
    "line",
    [
        "Medical assistants answer phones and schedule appointments.",
        "Pharmacy technicians must pass a certification exam.",
        "Certification does not guarantee employment, but it helps.",
        "Text messages remind patients of their appointments.",
        "By using electronic health records, medical assistants keep data accurate.",
        "Students must complete high school prior to enrollment.",
        "Our healthcare system depends on pharmacy technicians.",
        "Contact physicians' offices to clarify prescriptions.",
        "Phlebotomists must follow privacy rules under HIPAA.",
        "Teknisi farmasi harus lulus ujian sertifikasi.",
        "Daftar obat yang diresepkan harus diperiksa oleh apoteker.",
        "医疗助理负责接听电话和安排预约。",
        "学习使用医疗软件很重要。",
        "医疗助理从患者那里获取信息。",
        "Pasien menerima bantuan dari perawat.",
        "Skills",
        "Job Outlook",
        "Pharmacy Technician Requirements",
    ],
)
def test_content_that_resembles_boilerplate_stays(line: str) -> None:
    doc = clean_lines("Duties", line, "- Labeling vials")
    assert [b.text for b in doc.blocks] == ["Duties", line, "Labeling vials"]
    assert doc.removed == []


def test_sentences_judged_with_their_blocks_possible_cues_are_judged_as_alone() -> None:
    sentences = ["Message and data rates may apply.", "我们的课程由经验丰富的讲师授课。", "Skip to content.",
                 "Pharmacists check every order.", "© 2024 Example Career Institute."]
    cues = rules.possible_cues(" ".join(sentences))
    assert [rules.sentence_reason(s, cues) for s in sentences] == [rules.sentence_reason(s)
                                                                   for s in sentences]
    assert rules.possible_cues("Pharmacists check every order.") == ()


def test_cta_sentences_go_from_a_paragraph_that_stays() -> None:
    doc = clean_lines(
        "Phlebotomists draw blood from patients for tests. They label samples. Ready to start your career? "
        "Enroll today!"
    )
    assert [b.text for b in doc.blocks] == ["Phlebotomists draw blood from patients for tests. "
                                            "They label samples."]
    assert [(r.text, r.reason) for r in doc.removed] == [("Ready to start your career?", "cta"),
                                                         ("Enroll today!", "cta")]


def test_chinese_sentences_rejoin_without_spaces() -> None:
    doc = clean_lines("药剂师审核处方。立即报名！技术员准备药物。")
    assert [b.text for b in doc.blocks] == ["药剂师审核处方。技术员准备药物。"]


def test_markup_debris_is_cut_out_of_content() -> None:
    doc = clean_lines('Medical assistants take vital signs </span> and record them in the chart.')
    assert [b.text for b in doc.blocks] == ["Medical assistants take vital signs "
                                            "and record them in the chart."]
    assert [(r.text.strip(), r.reason) for r in doc.removed] == [("</span>", "markup")]


def test_cards_closing_a_blog_page_go_after_its_chrome() -> None:
    doc = clean_lines(
        "What Does a Phlebotomist Do?",
        "Phlebotomists draw blood from patients for tests, transfusions and donations.",
        "Apply Now",
        "You May Also Like",
        "What Is a CNA? Read about the duties of nursing assistants in this article.",
        "Discover the top 5 skills every medical assistant needs.",
        "Explore pharmacy technician salaries by state",
        "Take a closer look at how dental assistants prepare exam rooms through our online conte",
    )
    assert [b.text for b in doc.blocks] == [
        "What Does a Phlebotomist Do?",
        "Phlebotomists draw blood from patients for tests, transfusions and donations.",
    ]
    assert [r.reason for r in doc.removed] == ["cta", "navigation", "teaser", "teaser", "teaser", "teaser"]


def test_duty_bullets_after_a_mid_page_link_are_not_cards() -> None:
    doc = clean_lines(
        "Explore more Pharmacy Technician articles",
        "Pharmacy Technician Duties",
        "- Take inventory of medications",
        "- Read prescriptions carefully",
        "- Prepare medications for dispensing",
    )
    assert [b.text for b in doc.blocks] == ["Pharmacy Technician Duties", "Take inventory of medications",
                                            "Read prescriptions carefully",
                                            "Prepare medications for dispensing"]
    assert doc.blocks[1].section == 0


def test_card_signs_without_chrome_before_them_keep_the_text() -> None:
    lines = ("Learning on the job", "In this section, we'll explore what pharmacists do every day.",
             "Discover how technicians count pills in a retail pharmacy.")
    assert [b.text for b in clean_lines(*lines).blocks] == list(lines)


SITE_FOOTER = ("About Us", "Programs", "Locations",
               "Sign up for career news and program updates from Example College.")


def test_lines_repeated_across_a_site_go_when_template_or_menu() -> None:
    pages = [[f"Page {n} content about phlebotomy duties.", "Skills", *SITE_FOOTER] for n in range(3)]
    doc = clean_lines("Skills", "- Taking vital signs", *SITE_FOOTER, repeated=site_keys(pages))
    assert [b.text for b in doc.blocks] == ["Skills", "Taking vital signs"]
    assert {r.reason for r in doc.removed} == {"repeated"}
    assert len(doc.removed) == len(SITE_FOOTER)


def test_a_lone_repeated_short_line_stays() -> None:
    repeated = site_keys([["Taking vital signs", "Skills"]] * 5)
    doc = clean_lines("Skills", "- Taking vital signs", "- Greeting patients", repeated=repeated)
    assert [b.text for b in doc.blocks] == ["Skills", "Taking vital signs", "Greeting patients"]


def test_repeated_threshold_has_a_floor_and_grows_with_the_run() -> None:
    footer = "footer0key"
    assert repeated_line_keys([[footer], [footer]]) == frozenset()
    assert repeated_line_keys([[footer, footer]] * 2) == frozenset(), "a key counts once per page"
    assert repeated_line_keys([[footer]] * 3) == {footer}
    others = [[f"page{n}"] for n in range(1000)]
    assert repeated_line_keys([[footer]] * 15 + others[15:]) == frozenset()
    assert repeated_line_keys([[footer]] * 20 + others[20:]) == {footer}


def test_repeated_keys_may_be_digests_and_come_back_unchanged() -> None:
    digests = [["9f86d081884c7d65", "e3b0c44298fc1c14"], ["9f86d081884c7d65"], ["9f86d081884c7d65"]]
    assert repeated_line_keys(digests) == {"9f86d081884c7d65"}


def test_line_key_ignores_case_spacing_punctuation_and_numbers_and_is_idempotent() -> None:
    assert (line_key("© 2024 Example College.  All rights reserved")
            == line_key("© 2025 example college, all rights RESERVED!"))
    assert line_key("文本HELP到85109寻求帮助") == line_key("文本help到85110寻求帮助。")
    key = line_key("Skip to Main Content »")
    assert line_key(key) == key


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("医疗助理（ABC）：好，很好。", "医疗助理（ABC）：好，很好。"),
        ("patientsâ€™ records", "patients’ records"),
        ("Medical\u00a0assistants\u200b work", "Medical assistants work"),
        ("Ｈｅｌｌｏ ２０２４，你好", "Hello 2024，你好"),
        ("e\u0301cole  ﬁle\x07", "école file"),
        ("Fish &amp; chips &#8217;n&#x2019; “more” — all…", "Fish & chips ’n’ “more” — all…"),
        ("R&D — “医疗助理”，‘好’…", "R&D — “医疗助理”，‘好’…"),
    ],
)
def test_fix_unicode(raw: str, fixed: str) -> None:
    assert fix_unicode(raw) == fixed


def test_text_skipping_ftfy_is_text_ftfy_leaves_alone() -> None:
    """Every character the shortcut lets through, alone and in the pairs and triples mojibake
    is made of, is left unchanged by ftfy."""
    from pipeline.clean import _FTFY_CONFIG, _needs_ftfy

    safe = [chr(c) for c in range(0x110000) if c not in range(0xD800, 0xE000) and not _needs_ftfy(chr(c))]
    assert all(ftfy.fix_text(c, config=_FTFY_CONFIG) == c for c in safe)
    typographic = [c for c in safe if not c.isascii() and not c.isalnum()][:40] + list("aAé&;#1 ")
    samples = ["".join(chars) for chars in itertools.product(typographic, repeat=3)]
    skipped = [text for text in samples if not _needs_ftfy(text)]
    assert skipped and all(ftfy.fix_text(text, config=_FTFY_CONFIG) == text for text in skipped)


def test_cue_patterns_are_read_for_what_every_match_holds_and_opens_with() -> None:
    pattern = re.compile(r"^(back|return) to (the )?(top|home)\b", re.IGNORECASE)
    assert required_string_sets(pattern) == (frozenset({"back", "return"}), frozenset({" to "}),
                                              frozenset({"top", "home"}))
    assert opening_strings(pattern) == ("back", "return")
    assert not asserts_only_word_boundaries(pattern)
    assert opening_strings(re.compile(r"\bopt(ed)?[- ](in|out)\b")) is None
    assert asserts_only_word_boundaries(re.compile(r"\bopt(ed)?[- ](in|out)\b"))
    assert not asserts_only_word_boundaries(re.compile(r"\blearn more(?![a-z])"))


def test_a_block_keeps_the_cues_of_sentences_that_open_after_a_break_only() -> None:
    assert rules.possible_cues("Patients may go back to the top floor for x-rays.") == ()
    assert rules.possible_cues("Call us. • Back to top") != ()
