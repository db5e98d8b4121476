"""Roles, duties and skills as a reader of the page would list them.

Pages go through the documented flow (blocks, clean, repair, detect, translate, extract), so
Chinese and Indonesian pages are read from their English as in a run. Expected facts are
compared the way the scorer compares them: same meaning, not same bytes (`similarity`).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.clean import clean
from pipeline.concepts import SourceForms
from pipeline.context import Context
from pipeline.detect import detect
from pipeline.extract import extract
from pipeline.glossary import Glossary
from pipeline.model import Doc, Fact
from pipeline.pages import build_doc
from pipeline.process import english_defaults
from pipeline.read import RawPage
from pipeline.repair import repair
from pipeline.roles import role_finder
from pipeline.similarity import overlap, similarity
from pipeline.translate import translate

from .conftest import RAW

PAGES = Path(__file__).parent / "data" / "pages"
FLOW = (clean, repair, detect, translate, english_defaults, extract)


@pytest.fixture(scope="module")
def ctx(glossary: Glossary) -> Context:
    return Context(glossary=glossary)


def read(text: str, ctx: Context, name: str = "page") -> Doc:
    doc = build_doc(RawPage(path=f"{name}.txt", data=text.encode("utf-8"), format="text", name=name), name)
    for step in FLOW:
        doc = step(doc, ctx)
    return doc


def read_file(path: Path, ctx: Context) -> Doc:
    return read(path.read_text(encoding="utf-8"), ctx, path.stem)


def texts(facts: list[Fact], role: str | None = None) -> list[str]:
    return [f.text for f in facts if role is None or f.role == role]


def stated(expected: str, facts: list[Fact], role: str | None = None) -> bool:
    return any(similarity(expected, text) >= 0.6 for text in texts(facts, role))


# -- an English career page the seeds do not cover ------------------------------------------


@pytest.fixture(scope="module")
def phlebotomist(ctx: Context) -> Doc:
    return read_file(PAGES / "phlebotomist_en.txt", ctx)


def test_the_page_describes_its_role_not_those_named_in_passing(phlebotomist: Doc) -> None:
    # 'under the supervision of a nurse or a lab technician' names two more roles
    assert phlebotomist.roles == ["phlebotomist"]


def test_each_duty_list_item_is_a_duty_in_base_form(phlebotomist: Doc) -> None:
    duties = texts(phlebotomist.duties, "phlebotomist")
    assert "draw blood from veins and capillaries" in duties
    assert "transport specimens to the laboratory" in duties
    assert "explain the procedure to nervous patients" in duties


def test_two_actions_give_two_duties_and_one_action_on_two_objects_one(phlebotomist: Doc) -> None:
    duties = texts(phlebotomist.duties)
    assert "verify patient identity" in duties and "label blood samples" in duties
    assert "sterilize and maintain equipment" in duties
    assert not any(d.startswith("sterilize") and d != "sterilize and maintain equipment" for d in duties)


def test_duties_in_prose_after_a_pronoun_for_the_sections_role(phlebotomist: Doc) -> None:
    for expected in (
        "clean work areas",
        "dispose of used needles safely",
        "keep accurate records of every draw",
    ):
        assert stated(expected, phlebotomist.duties, "phlebotomist"), expected


def test_skill_items_and_labels_but_not_the_work_environment(phlebotomist: Doc) -> None:
    skills = texts(phlebotomist.skills, "phlebotomist")
    for expected in ("hand-eye coordination", "compassion", "patience", "attention to detail"):
        assert expected in skills
    assert not any("environment" in s for s in skills)


def test_no_fact_from_enrolment_or_salary(phlebotomist: Doc) -> None:
    facts = phlebotomist.duties + phlebotomist.skills
    assert not any(word in f.source_text.lower() for f in facts for word in ("enroll", "salary", "earn"))


def test_each_fact_points_at_the_words_of_its_block(phlebotomist: Doc) -> None:
    for fact in phlebotomist.duties + phlebotomist.skills:
        block = phlebotomist.blocks[fact.block]
        assert fact.source_text and fact.source_text in block.text
        assert fact.lang == "en"


def test_glossary_concepts_are_attached(phlebotomist: Doc) -> None:
    concepts = {f.text: f.concept for f in phlebotomist.skills}
    assert concepts["attention to detail"] == "attention_to_detail"
    assert {f.concept for f in phlebotomist.duties if f.text.startswith("draw blood")} == {"draw_blood"}


# -- Chinese and Indonesian pages -------------------------------------------------------------


@pytest.fixture(scope="module")
def chinese(ctx: Context) -> Doc:
    return read_file(PAGES / "pharmacy_assistant_zh.txt", ctx)


@pytest.fixture(scope="module")
def indonesian(ctx: Context) -> Doc:
    return read_file(PAGES / "asisten_apoteker_id.txt", ctx)


def test_chinese_page_duties_and_skills(chinese: Doc) -> None:
    assert chinese.roles == ["pharmacy_assistant"]  # not the pharmacist it works under
    for expected in (
        "receive prescriptions",
        "manage inventory",
        "answer phones",
        "process insurance claims",
    ):
        assert stated(expected, chinese.duties, "pharmacy_assistant"), expected
    assert {f.concept for f in chinese.skills} >= {
        "attention_to_detail",
        "communication_skills",
        "customer_service_skills",
    }
    for fact in chinese.duties + chinese.skills:
        assert fact.lang == "zh" and fact.source_text in chinese.blocks[fact.block].text


def test_chinese_item_with_two_actions(chinese: Doc) -> None:
    from_item = [f for f in chinese.duties if f.source_text == "接听电话并回答顾客的问题"]
    assert len(from_item) == 2


def test_indonesian_page_tugas_asisten_apoteker(indonesian: Doc) -> None:
    assert indonesian.roles == ["pharmacy_assistant"]
    for expected in (
        "receive prescriptions",
        "prepare and compound medications",
        "manage medication inventory",
    ):
        assert stated(expected, indonesian.duties, "pharmacy_assistant"), expected
    assert {f.concept for f in indonesian.skills} >= {"communication_skills", "math_skills"}
    assert all(f.lang == "id" for f in indonesian.duties + indonesian.skills)


def test_indonesian_prose_gives_glossary_duties_of_the_role_in_view(ctx: Context) -> None:
    page = (
        "Tugas Asisten Apoteker\n\nAsisten apoteker bekerja di apotek. Mereka dapat menjadwalkan janji temu "
        "dan memeriksa tanda-tanda vital pasien. Mereka tidak diharuskan disertifikasi.\n"
    )
    doc = read(page, ctx)
    assert {f.concept for f in doc.duties if f.role == "pharmacy_assistant"} >= {
        "schedule_appointments",
        "take_vital_signs",
    }


# -- rules on small English pages -------------------------------------------------------------


def test_prose_enumeration_after_a_role_subject(ctx: Context) -> None:
    doc = read(
        "Clinical Medical Assistants\n\nClinical medical assistants conduct exams, record results, assist "
        "physicians during examinations and may instruct patients on home care.\n",
        ctx,
    )
    assert texts(doc.duties, "clinical_medical_assistant") == [
        "conduct exams",
        "record results",
        "assist physicians during examinations",
        "instruct patients on home care",
    ]
    assert doc.roles == ["clinical_medical_assistant"]


def test_duty_noun_and_this_includes(ctx: Context) -> None:
    doc = read(
        "One of the primary duties of a pharmacy technician is to assist the pharmacist with dispensing "
        "medications. This includes accurately counting and measuring medication, packaging prescriptions, "
        "and labeling medication bottles.\n",
        ctx,
    )
    assert texts(doc.duties, "pharmacy_technician") == [
        "assist the pharmacist with dispensing medications",
        "count and measure medication",
        "package prescriptions",
        "label medication bottles",
    ]


def test_role_in_passing_gets_nothing(ctx: Context) -> None:
    doc = read(
        "Pharmacy Technicians\n\nPharmacy technicians work under the direct supervision of a pharmacist. "
        "They are responsible for overseeing inventory and answering customer questions.\n",
        ctx,
    )
    assert doc.roles == ["pharmacy_technician"]
    assert texts(doc.duties) == ["oversee inventory", "answer customer questions"]


def test_bookkeeping_billing_and_claims_stay_one_duty(ctx: Context) -> None:
    doc = read(
        "Medical Assistant Duties\n\n"
        "- Helping administrators with bookkeeping, billing and insurance claims\n"
        "- Greeting and checking in patients\n",
        ctx,
    )
    assert texts(doc.duties) == [
        "help administrators with bookkeeping, billing and insurance claims",
        "greet and check in patients",
    ]


def test_skill_lead_in_and_distributed_head(ctx: Context) -> None:
    doc = read(
        "What Is a Pharmacy Technician?\n\nSome essential pharmacy tech skills include the following:\n\n"
        "- Communication and interpersonal skills\n- Organizational and inventory management skills\n",
        ctx,
    )
    assert texts(doc.skills, "pharmacy_technician") == [
        "communication skills",
        "interpersonal skills",
        "organizational skills",
        "inventory management skills",
    ]
    assert doc.duties == []


def test_no_duplicate_facts_within_a_role_on_the_sample_pages(ctx: Context) -> None:
    for path in sorted(RAW.glob("*.txt")):
        doc = read_file(path, ctx)
        for facts in (doc.duties, doc.skills):
            keys = [(f.role, f.text.lower()) for f in facts]
            assert len(keys) == len(set(keys)), path.name
            concepts = [(f.role, f.concept) for f in facts if f.concept]
            assert len(concepts) == len(set(concepts)), path.name


def test_sample_pages_roles(ctx: Context) -> None:
    roles = {path.stem[:3]: read_file(path, ctx).roles for path in sorted(RAW.glob("*.txt"))}
    assert roles["002"] == ["medical_assistant", "pharmacy_technician"]
    assert roles["003"] == ["pharmacist", "pharmacy_technician"]
    assert roles["004"] == ["healthcare_assistant"]


def test_a_role_is_named_where_its_tokens_are_whatever_the_spacing(glossary: Glossary) -> None:
    """`names` looks at the characters before the tokens: it must agree with the token matcher."""
    roles = role_finder(glossary)
    for text in (
        "help pharmacy technicians count pills",
        "help Pharmacy Technicians' supervisors",
        "prepare (pharmacy technician) reports",
        "work with pharmacy  technicians",
        "work with the pharmacist",
        "assist patients",
    ):
        for role in ("pharmacy_technician", "pharmacist"):
            assert roles.names(text, role) == (role in roles.in_text(text)), (text, role)


def test_chinese_forms_are_found_where_an_alternation_of_them_matches() -> None:
    """`SourceForms` finds Chinese forms by their trie: the spans must be those of the forms' alternation."""
    forms = ["记录", "记录病史", "病史", "测量生命体征", "生命", "体征", "录病"]
    found = SourceForms(((form, form) for form in forms), "zh")
    alternation = re.compile("|".join(map(re.escape, sorted(forms, key=len, reverse=True))))
    for text in ("记录病史和测量生命体征", "记记录录病史史", "录病史", "没有", "", "生命体征。记录"):
        spans = [(start, end) for _, _, start, end in found.find(text)]
        assert spans == [m.span() for m in alternation.finditer(text)], text


def test_overlap_matches_each_word_once_in_order() -> None:
    assert overlap(["prepare", "exam"], ["examination", "preparation"]) == 1.0
    assert overlap(["exam", "exam"], ["examine"]) == pytest.approx(2 / 3)
    assert overlap(["car"], ["care"]) == 0.0  # too short to stand for a longer word
