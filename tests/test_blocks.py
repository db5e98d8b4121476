"""Block structure inferred from plain text and parsed from markdown."""
from __future__ import annotations

from pipeline.blocks import looks_like_heading, markdown_blocks, text_blocks

from .conftest import RAW


def _seed_blocks(stem: str):
    return text_blocks((RAW / f"{stem}.txt").read_text(encoding="utf-8"))


def test_medical_assistant_duties_are_thirteen_items_under_their_heading() -> None:
    blocks = _seed_blocks("000_49c13e119e22e16b")
    heading = next(b for b in blocks if b.text == "医疗助理 Duties 和 Responsibilities")
    assert heading.kind == "heading"
    duties = [b for b in blocks if b.section == heading.index and b.kind == "list_item"]
    assert len(duties[:13]) == 13
    assert duties[0].text == "Recording patients’ medical histories"
    assert duties[12].text == "帮助管理员处理簿记、账单和保险索赔"
    # the thirteen duties come before the lead-in of the skills list
    lead_in = next(b for b in blocks if b.text.startswith("Successful 医疗助理s"))
    assert lead_in.kind == "paragraph"
    assert [b.index for b in duties[:13]] == list(range(heading.index + 1, lead_in.index))


def test_question_and_title_lines_are_headings() -> None:
    blocks = _seed_blocks("000_49c13e119e22e16b")
    kinds = {b.text: b.kind for b in blocks}
    assert kinds["医疗助理vs. 制药技术"] == "heading"
    assert kinds["What Is a 医疗助理?"] == "heading"
    assert kinds["How to Leverage a New Career in 医疗保健"] == "heading"


def test_numbered_headings_introduce_their_sections() -> None:
    blocks = _seed_blocks("001_940680c61f91742d")
    clinical = next(b for b in blocks if b.text == "1. 临床医疗助理")
    admin = next(b for b in blocks if b.text == "2. 行政医疗助理")
    assert clinical.kind == admin.kind == "heading"
    vital_signs = next(b for b in blocks if b.text == "测量生命体征")
    assert vital_signs.kind == "list_item" and vital_signs.section == clinical.index
    greeting = next(b for b in blocks if b.text == "迎接病人到来")
    assert greeting.section == admin.index


def test_dash_bullets_and_short_headings_of_an_english_page() -> None:
    blocks = _seed_blocks("002_a99110b7056e8088")
    requirements = next(b for b in blocks if b.text == "Pharmacy Technician Requirements")
    assert requirements.kind == "heading"
    skills = next(b for b in blocks if b.text == "Skills")
    assert skills.kind == "heading"
    items = [b for b in blocks if b.section == requirements.index and b.kind == "list_item"]
    assert [b.text.split(":")[0] for b in items] == [
        "High school diploma or GED", "Pharmacy Technician program", "Certification", "Licensing",
        "Continuing education"]
    # a reference that starts with an initial is not a lettered list item
    reference = next(b for b in blocks if b.text.startswith("U.S. Bureau of Labor Statistics. (2024"))
    assert reference.kind == "paragraph"


def test_indonesian_page_is_paragraphs_with_glued_sentences_intact() -> None:
    blocks = _seed_blocks("004_191c781feffc30c2")
    body = [b for b in blocks if b.kind != "heading"]
    assert len(body) == 6 and all(b.kind == "paragraph" for b in body)
    assert "swasta.Juga dikenal" in body[0].text
    question = next(b for b in blocks if b.text == "Apa yang dilakukan asisten perawatan kesehatan?")
    assert question.kind == "heading" and body[0].section == question.index


def test_hard_wrapped_paragraphs_are_joined_and_indented_bullets_nest() -> None:
    text = ("Duties of a Phlebotomist\n\n"
            "Phlebotomists draw blood from patients and donors for tests, transfusions,\n"
            "research and donations, and they label every sample.\n\n"
            "• Verify patient identity\n"
            "    ◦ Check two identifiers\n"
            "• Label specimens\n")
    blocks = text_blocks(text)
    assert [(b.kind, b.depth) for b in blocks] == [
        ("heading", 1), ("paragraph", 0), ("list_item", 0), ("list_item", 1), ("list_item", 0)]
    assert blocks[1].text.endswith("transfusions, research and donations, and they label every sample.")
    assert all(b.section == 0 for b in blocks[1:])


def test_a_run_of_numbered_lines_is_a_list() -> None:
    blocks = text_blocks("Steps to certification\n1. Finish a program\n2. Pass the exam\n"
                         "3. Renew every two years\n")
    assert [b.kind for b in blocks] == ["heading", "list_item", "list_item", "list_item"]


def test_heading_shape() -> None:
    assert looks_like_heading("Pharmacy Technician Requirements")
    assert looks_like_heading("Tugas Asisten Apoteker")
    assert not looks_like_heading("Some key skills may include:")
    assert not looks_like_heading("Both roles support health care providers and ensure quality patient care.")
    assert not looks_like_heading("2024")


def test_markdown_headings_lists_tables_and_links() -> None:
    md = ("# Pharmacy Technician\n\nA pharmacy technician helps a [pharmacist](https://example.org).\n\n"
          "## Duties\n\n- Count pills\n- Label *prescriptions*\n  - Check labels twice\n\n"
          "| Skill | Why |\n|---|---|\n| Math | Dosages |\n\n![logo](logo.png)\n")
    blocks = markdown_blocks(md)
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Pharmacy Technician"),
        ("paragraph", "A pharmacy technician helps a pharmacist."),
        ("heading", "Duties"),
        ("list_item", "Count pills"),
        ("list_item", "Label prescriptions"),
        ("list_item", "Check labels twice"),
        ("table_row", "Skill | Why"),
        ("table_row", "Math | Dosages"),
    ]
    assert blocks[2].section == 0 and blocks[3].section == 2 and blocks[5].depth == 1
