"""Term alignment: every glossary term occurrence in a block, its source, offsets and status."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.align import align, align_block, english_key
from pipeline.context import Context
from pipeline.detect import detect
from pipeline.glossary import load_glossary, parse_glossary
from pipeline.model import Block, Span
from pipeline.pages import build_doc
from pipeline.read import RawPage
from pipeline.repair import repair
from pipeline.translate import translate, translate_block, translator_for

from .conftest import RAW

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = parse_glossary("""\
concept,type,en,zh,id,note
medical_assistant,role,medical assistant|MA,医疗助理|醫療助理,asisten medis,
clinical_medical_assistant,role,clinical medical assistant,临床医疗助理,asisten medis klinis,
pharmacy_technician,role,pharmacy technician|pharmacy tech|pharmacy techs,药学技术人员,teknisi farmasi,
nurse,role,nurse|registered nurse|RN,护士,perawat,
hospital,setting,hospital,医院,rumah sakit,
medical_records,term,medical record|patient record,病历,catatan medis,
vital_signs,term,vital signs,生命体征,tanda-tanda vital|tanda vital,
record_vitals,duty,record vital signs,记录生命体征,mencatat tanda vital,
""")


def block(text: str, text_en: str, spans: list[tuple[int, int, str]], index: int = 0) -> Block:
    return Block(index, "paragraph", text, text_en=text_en, spans=[Span(s, e, lang) for s, e, lang in spans])


def statuses(terms: list) -> list[tuple[str, str, str, str]]:
    return [(t.concept, t.lang, t.source, t.status) for t in terms]


def test_english_terms_are_matched_in_any_case_and_number() -> None:
    text = "Pharmacy Technicians and a pharmacy tech help Registered Nurses."
    terms = align_block(block(text, text, [(0, len(text), "en")]), GLOSSARY)
    assert statuses(terms) == [
        ("pharmacy_technician", "en", "Pharmacy Technicians", "matched"),
        ("pharmacy_technician", "en", "pharmacy tech", "matched"),
        ("nurse", "en", "Registered Nurses", "matched"),
    ]
    assert all(t.target == GLOSSARY.get(t.concept).preferred for t in terms)


def test_every_word_of_an_english_form_may_take_any_case_number_and_possessive() -> None:
    text = "Check the Patients’ Records and the patient's record."
    terms = align_block(block(text, text, [(0, len(text), "en")]), GLOSSARY)
    assert statuses(terms) == [("medical_records", "en", "Patients’ Records", "matched"),
                               ("medical_records", "en", "patient's record", "matched")]


def test_translated_terms_are_enforced_when_their_english_is_there() -> None:
    text = "Nurses work in 医院 and 诊所"
    terms = align_block(block(text, "Nurses work in hospitals and clinics", [(0, 15, "en"), (15, 27, "zh")]),
                        GLOSSARY)
    assert statuses(terms) == [("nurse", "en", "Nurses", "matched"), ("hospital", "zh", "医院", "enforced")]


def test_a_translated_term_whose_english_is_lost_is_missing() -> None:
    text = "医疗助理在医院工作"
    terms = align_block(block(text, "Assistants work in clinics", [(0, len(text), "zh")]), GLOSSARY)
    assert statuses(terms) == [("medical_assistant", "zh", "医疗助理", "missing"),
                               ("hospital", "zh", "医院", "missing")]


@pytest.mark.parametrize(("lang", "found"), [
    ("en", ["hospital"]), ("zh-Hant", ["医院"]), ("und", ["医院", "hospital"]), ("ja", [])])
def test_a_block_of_one_language_holds_only_that_languages_terms(lang: str, found: list[str]) -> None:
    text = "医院 hospital"
    terms = align_block(block(text, "hospital", [(0, len(text), lang)]), GLOSSARY)
    assert [t.source for t in terms] == found


def test_english_already_in_the_source_does_not_stand_for_a_translated_term() -> None:
    """Two 'hospital' terms, one English, one Chinese, and one 'hospital' in the English: one is missing."""
    text = "A hospital, 医院"
    terms = align_block(block(text, "A hospital, clinics", [(0, 12, "en"), (12, 14, "zh")]), GLOSSARY)
    assert statuses(terms) == [("hospital", "en", "hospital", "matched"),
                               ("hospital", "zh", "医院", "missing")]


def test_longest_match_wins_and_terms_never_overlap() -> None:
    text = "Clinical medical assistants and 临床医疗助理"
    terms = align_block(block(text, "Clinical medical assistants and clinical medical assistants",
                              [(0, 32, "en"), (32, 38, "zh")]), GLOSSARY)
    assert statuses(terms) == [
        ("clinical_medical_assistant", "en", "Clinical medical assistants", "matched"),
        ("clinical_medical_assistant", "zh", "临床医疗助理", "enforced"),
    ]


def test_offsets_point_at_the_source_form() -> None:
    text = "Medical assistants update 病历 and check tanda -tanda vital pasien."
    spans = [(0, 26, "en"), (26, 28, "zh"), (28, 39, "en"), (39, len(text), "id")]
    english = "Medical assistants update medical records and check vital signs."
    terms = align_block(block(text, english, spans, 3), GLOSSARY)
    assert [(t.source, t.status) for t in terms] == [("Medical assistants", "matched"), ("病历", "enforced"),
                                                     ("tanda -tanda vital", "enforced")]
    for term in terms:
        assert text[term.start:term.end] == term.source
        assert term.block == 3


@pytest.mark.parametrize(("indonesian", "source"), [
    ("Mereka memperbarui catatan medisnya.", "catatan medisnya"),
    ("Mereka memeriksa tanda-tanda vital.", "tanda-tanda vital"),
    ("Perawat-perawat bekerja.", "Perawat-perawat"),
])
def test_indonesian_terms_are_found_through_their_inflections(indonesian: str, source: str) -> None:
    terms = align_block(block(indonesian, "", [(0, len(indonesian), "id")]), GLOSSARY)
    assert [t.source for t in terms] == [source]


def test_traditional_chinese_terms_are_found() -> None:
    text = "醫療助理"
    assert [t.concept for t in align_block(block(text, "Medical assistants", [(0, 4, "zh")]), GLOSSARY)] == [
        "medical_assistant"]


def test_duty_rows_are_facts_not_terms() -> None:
    text = "记录生命体征"
    terms = align_block(block(text, "Recording vital signs", [(0, len(text), "zh")]), GLOSSARY)
    assert statuses(terms) == [("vital_signs", "zh", "生命体征", "enforced")]


def test_english_key_ignores_case_number_and_possessives() -> None:
    assert {english_key(w) for w in ("Technicians", "technician", "technician's", "technicians'")} == {
        "technician"}
    assert english_key("pharmacies") == "pharmacy"
    assert english_key("process") == "process"


def test_align_lists_the_terms_of_every_block_in_order() -> None:
    ctx = Context(glossary=GLOSSARY)
    from pipeline.model import Doc, Source

    doc = Doc(doc_id="d", source=Source("p.txt", "0" * 64, 0, "utf-8", "text"),
              blocks=[Block(0, "paragraph", "护士在医院工作"),
                      Block(1, "paragraph", "Nurses work in hospitals.")])
    doc = align(translate(detect(doc, ctx), ctx), ctx)
    assert [(t.block, t.concept, t.status) for t in doc.terms] == [
        (0, "nurse", "enforced"), (0, "hospital", "enforced"),
        (1, "nurse", "matched"), (1, "hospital", "matched")]


def test_no_term_of_the_seed_pages_goes_missing() -> None:
    ctx = Context(glossary=load_glossary(ROOT / "glossary.csv"))
    seen = 0
    for path in sorted((ROOT / "raw").glob("*.txt")):
        page = RawPage(path=str(path), data=path.read_bytes(), format="text", name=path.stem)
        doc = build_doc(page, path.stem)
        doc = align(translate(detect(repair(doc, ctx), ctx), ctx), ctx)
        missing = [(t.block, t.source, t.target) for t in doc.terms if t.status == "missing"]
        assert not missing, f"{path.name}: {missing}"
        seen += sum(t.status == "enforced" for t in doc.terms)
    assert seen > 100


def test_a_translated_block_enforces_its_terms() -> None:
    ctx = Context(glossary=GLOSSARY)
    text = "Medical assistants work in 医院, 临床医疗助理 update 病历."
    source = Block(0, "paragraph", text, spans=ctx.detector.spans(text))
    translated = translate_block(source, translator_for(ctx))
    assert {t.status for t in align_block(translated, GLOSSARY) if t.lang == "zh"} == {"enforced"}


def test_a_term_at_the_end_of_a_block_ends_there() -> None:
    """A form longer than what is left of the text must not match its truncated slice."""
    glossary = parse_glossary("concept,type,en,zh,id,note\n"
                              "medical_assistant,role,medical assistant,医疗助理,asisten medis,\n"
                              "medical_assistant_program,term,medical assistant program,医疗助理培训项目,"
                              "program asisten medis,\n")
    for text in ("医疗助理", "他是医疗助理"):
        terms = align_block(block(text, "Medical assistant", [(0, len(text), "zh")]), glossary)
        assert [(t.source, t.end) for t in terms] == [("医疗助理", len(text))]


def test_every_word_keyed_as_a_glossary_word_is_among_that_keys_surfaces() -> None:
    """The matcher keys only words whose lower case `_key_surfaces` lists, so that set must hold
    every word `english_key` maps to the key: checked on wordfreq's commonest English words, their
    possessives with either apostrophe, and the words of the sample pages."""
    from wordfreq import top_n_list

    from pipeline.align import _key_surfaces

    words = set(top_n_list("en", 30_000))
    for page in RAW.glob("*.txt"):
        words.update(re.findall(r"[a-z]+", page.read_text(encoding="utf-8").lower()))
    variants = {v for w in words for v in (w, w + "'s", w + "’s", w + "'", w + "’") if w.isalpha()}
    by_key: dict[str, set[str]] = {}
    for word in variants:
        by_key.setdefault(english_key(word), set()).add(word)
    missing = {word for key, found in by_key.items() for word in found - _key_surfaces(key)}
    assert not missing, sorted(missing)[:20]
