"""The embedded glossary translator: Chinese and Indonesian into English, mixed lines, the step, the CLI."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.context import Context
from pipeline.detect import detect
from pipeline.english import gerund, past_participle, plural, superlative, third_person
from pipeline.glossary import load_glossary, parse_glossary
from pipeline.indonesian import analyses, reduplication_base
from pipeline.model import Block, Doc, Source, Span, Title
from pipeline.pages import build_doc
from pipeline.read import RawPage
from pipeline.repair import repair
from pipeline.translate import GlossaryTranslator, translate, translate_block, translate_text, translator_for
from pipeline.translate_types import SegmentContext
from pipeline.zh_segment import WordScores, cut_without_hmm

from .conftest import GOLD, ROOT

RESTORE = GOLD / "restore.jsonl"
GLOSSARY_CSV = """\
concept,type,en,zh,id,note
medical_assistant,role,medical assistant|MA,医疗助理|醫療助理,asisten medis,
clinical_medical_assistant,role,clinical medical assistant,临床医疗助理,asisten medis klinis,
pharmacy_technician,role,pharmacy technician|pharmacy tech,药学技术人员|藥學技術人員,teknisi farmasi,
healthcare_assistant,role,healthcare assistant|health care assistant,医疗保健助理,asisten perawatan kesehatan,
physician,role,physician|doctor,医生,dokter,
nurse,role,nurse,护士,perawat,
hospital,setting,hospital,医院,rumah sakit,
clinic,setting,clinic,诊所,klinik,
physicians_office,setting,doctors' offices|doctor's office,医生的办公室,kantor dokter,
medical_facility,setting,medical facility,医疗机构,fasilitas medis,
health_care,term,health care|healthcare,医疗保健,perawatan kesehatan,
health_care_system,term,health care system,医疗保健系统,sistem kesehatan,
medical_records,term,medical record,病历,catatan medis,
vital_signs,term,vital signs,生命体征,tanda-tanda vital|tanda vital,
appointment,term,appointment,预约|约会,janji temu,
patient,term,patient,病人|患者,pasien,
record_vitals,duty,record vital signs,记录生命体征,mencatat tanda vital,
"""


@pytest.fixture(scope="module")
def ctx() -> Context:
    return Context(glossary=parse_glossary(GLOSSARY_CSV))


@pytest.fixture(scope="module")
def project_ctx() -> Context:
    return Context(glossary=load_glossary(ROOT / "glossary.csv"))


def english(ctx: Context, text: str, lang: str | None = None) -> str:
    return translate_text(text, lang, ctx)[0]


def test_the_issue_mixed_line_reads_as_english(ctx: Context) -> None:
    line = ("Medical assistants typically work in 医疗保健 clinics, 医院, 医生的办公室, 以及其他医疗机构, "
            "where they support 医生, 护士, 和 other medical professionals in treating patients.")
    assert english(ctx, line) == (
        "Medical assistants typically work in health care clinics, hospitals, doctors' offices, and other "
        "medical facilities, where they support physicians, nurses, and other medical professionals in "
        "treating patients.")


def test_english_spans_are_kept_word_for_word(ctx: Context) -> None:
    line = "Because 医疗助理 have an entry-level role, 他们在医院工作, mostly in outpatient care centers."
    block = Block(0, "paragraph", line, spans=ctx.detector.spans(line))
    translate_block(block, translator_for(ctx))
    for span in block.spans:
        if span.lang == "en":
            assert line[span.start:span.end].strip(" ,") in block.text_en
    assert "work in hospitals" in block.text_en


@pytest.mark.parametrize(("line", "expected"), [
    ("Performing basic lab tests 和 recording their results",
     "Performing basic lab tests and recording their results"),
    ("Medical assistants carry out many of 的 daily tasks.",
     "Medical assistants carry out many of the daily tasks."),
])
def test_a_lone_function_word_between_english_words(ctx: Context, line: str, expected: str) -> None:
    assert english(ctx, line) == expected


@pytest.mark.parametrize(("chinese", "expected"), [
    ("他们的职责包括管理病人的病历", "Their duties include managing patients' medical records"),
    ("交叉培训的水平", "The level of cross training"),
    ("医生的办公室", "Doctors' offices"),
    ("重要的角色", "Important roles"),
    ("可以在任何工作环境中应用的软技能", "Soft skills that can apply in any work environment"),
])
def test_de_reads_as_a_possessive_a_relative_or_of(ctx: Context, chinese: str, expected: str) -> None:
    assert english(ctx, chinese, "zh") == expected


@pytest.mark.parametrize(("chinese", "expected"), [
    ("他们在医院中工作", "They work in hospitals"),
    ("在病人与护士互动之前, 他们准备病历",
     "Before patients interact with nurses, they prepare medical records"),
    ("药学技术人员与医生一起工作", "Pharmacy technicians work with physicians"),
    ("向病人解释治疗程序", "Explain treatment procedures to patients"),
    ("完成学位后, 他们工作", "After completing degrees, they work"),
])
def test_frames_become_english_prepositional_phrases_after_the_verb(ctx: Context, chinese: str,
                                                                    expected: str) -> None:
    assert english(ctx, chinese, "zh") == expected


def test_aspect_particles_and_measure_words_have_no_english(ctx: Context) -> None:
    assert english(ctx, "他们扮演着重要的角色", "zh") == "They play important roles"
    assert english(ctx, "他们完成了培训", "zh") == "They complete training"
    assert english(ctx, "成为一名医疗助理", "zh") == "Become a medical assistant"
    assert english(ctx, "这两个领域", "zh") == "These two fields"


def test_and_and_chinese_punctuation_read_as_english(ctx: Context) -> None:
    assert english(ctx, "医院，诊所和医生的办公室。", "zh") == "Hospitals, clinics and doctors' offices."
    assert english(ctx, "簿记、账单和保险索赔", "zh") == "Bookkeeping, billing and insurance claims"


def test_numbers_years_and_ranges(ctx: Context) -> None:
    assert english(ctx, "2022年至2032年间,岗位预计将增长6%", "zh") == (
        "Between 2022 and 2032, positions are projected to grow 6%")
    assert english(ctx, "估计增益为25,900个工作岗位", "zh").endswith("25,900 jobs")


@pytest.mark.parametrize(("line", "expected"), [
    ("Most employers prefer candidates who have 完成 an accredited program.",
     "Most employers prefer candidates who have completed an accredited program."),
    ("You need a degree in 医疗 assisting before 申请 for jobs.",
     "You need a degree in medical assisting before applying for jobs."),
    ("The 工作 环境 is usually fast-paced.", "The work environment is usually fast-paced."),
    ("In most states, technicians must be 注册 with the state board.",
     "In most states, technicians must be registered with the state board."),
])
def test_english_around_a_chinese_word_decides_its_form(ctx: Context, line: str, expected: str) -> None:
    assert english(ctx, line) == expected


@pytest.mark.parametrize(("chinese", "expected"), [
    ("药房技术员负责配药、管理库存和处理保险索赔",
     ("Pharmacy technicians are responsible for dispensing medication, managing inventory and handling "
      "insurance claims")),
    ("并将样本送往实验室", "And send samples to laboratories"),
    ("医疗助理使用计算机软件处理病人的保险信息",
     "Medical assistants use computer software to handle patients' insurance information"),
    ("如何成为一名医疗助理？", "How to become a medical assistant?"),
    ("他们正确地贴标签", "They label correctly"),
    ("平均年薪约为13万美元", "Average annual salaries are about 130,000 dollars"),
    ("许多雇主更喜欢拥有至少一年工作经验的候选人",
     "Many employers prefer candidates that have at least one year of work experience"),
])
def test_verbs_get_the_small_words_english_needs(ctx: Context, chinese: str, expected: str) -> None:
    assert english(ctx, chinese, "zh") == expected


def test_traditional_chinese_reads_like_simplified(ctx: Context) -> None:
    assert english(ctx, "醫療助理和藥學技術人員在醫療保健系統中都扮演著重要的角色", "zh") == (
        "Medical assistants and pharmacy technicians play important roles in the health care system")


def test_a_list_item_opens_with_an_ing_verb(ctx: Context) -> None:
    block = Block(0, "list_item", "记录患者病史和个人信息", spans=[Span(0, 11, "zh")])
    translate_block(block, translator_for(ctx))
    assert block.text_en == "Recording patient medical histories and personal information"


@pytest.mark.parametrize(("text", "kind", "expected"), [
    ("What Is a 医疗助理?", "heading", "What Is a Medical Assistant?"),
    ("医疗助理 Duties 和 Responsibilities", "heading", "Medical Assistant Duties and Responsibilities"),
    ("1. 临床医疗助理", "heading", "1. Clinical Medical Assistant"),
])
def test_a_heading_keeps_its_headline_capitals_and_names_one_role(ctx: Context, text: str, kind: str,
                                                                  expected: str) -> None:
    block = Block(0, kind, text, spans=ctx.detector.spans(text))
    translate_block(block, translator_for(ctx))
    assert block.text_en == expected


@pytest.mark.parametrize(("indonesian", "expected"), [
    ("Mereka dapat menjadwalkan janji temu dan memeriksa tanda -tanda vital pasien.",
     "They can schedule appointments and check patient vital signs."),
    ("Asisten perawatan kesehatan kadang -kadang bekerja di rumah sakit.",
     "Healthcare assistants sometimes work in hospitals."),
    ("Mereka menyimpan catatan medis.", "They keep medical records."),
    ("Mereka tidak diharuskan disertifikasi.", "They are not required to be certified."),
    ("Tugas -tugas ini dapat mencakup pelatihan.", "These tasks can include training."),
    ("Selain membantu masing-masing pasien, mereka bekerja dengan dokter.",
     "In addition to helping each patient, they work with physicians."),
])
def test_indonesian_with_affixes_and_noun_phrases_read_back_to_front(ctx: Context, indonesian: str,
                                                                     expected: str) -> None:
    assert english(ctx, indonesian, "id") == expected


def test_applied_terms_point_into_the_source_and_the_english(ctx: Context) -> None:
    engine = GlossaryTranslator(ctx.glossary, ctx.zh_lexicon)
    source = "医疗助理在医院工作"
    segment = engine.translate(source, "zh", SegmentContext())
    assert segment.text_en == "medical assistants work in hospitals"  # capitals are the block's business
    found = {term.concept.concept: term for term in segment.terms}
    assert set(found) == {"medical_assistant", "hospital"}
    for term in segment.terms:
        assert source[term.source_start:term.source_end] in term.concept.zh
        assert segment.text_en[term.target_start:term.target_end].lower() == term.concept.preferred


def test_duty_rows_are_no_translation(ctx: Context) -> None:
    """A duty's canonical paraphrase would drop what the page says; the words are translated instead."""
    assert english(ctx, "记录生命体征", "zh") == "Record vital signs"
    assert english(ctx, "Asisten mencatat tanda vital.", "id") == "Assistants record vital signs."


def test_the_step_fills_english_engine_and_title(ctx: Context) -> None:
    doc = Doc(doc_id="d", source=Source("p.txt", "0" * 64, 0, "utf-8", "text"),
              title=Title("医疗助理vs. 药学技术人员"))
    texts = ["医疗助理vs. 药学技术人员", "Medical assistants work in clinics.", "2022-2032", "他们在医院工作"]
    doc.blocks = [Block(i, "heading" if i == 0 else "paragraph", t) for i, t in enumerate(texts)]
    translate(detect(doc, ctx), ctx)
    assert [b.engine for b in doc.blocks] == ["glossary", "none", "none", "glossary"]
    assert doc.blocks[1].text_en == doc.blocks[1].text
    assert doc.blocks[2].text_en == "2022-2032"
    assert doc.blocks[3].text_en == "They work in hospitals"
    assert doc.title is not None and doc.title.text_en == "Medical Assistant vs. Pharmacy Technician"


def test_translate_text_detects_spans_unless_told_the_language(ctx: Context) -> None:
    assert translate_text("Nurses work in 医院", "auto", ctx)[0] == "Nurses work in hospitals"
    english_text, terms = translate_text("医院", "zh", ctx)
    assert english_text == "Hospitals"
    assert [(t.concept, t.status) for t in terms] == [("hospital", "enforced")]


def kbnorm_translate(argv: list[str]) -> int:
    """`kbnorm translate ARGV` through the command's own parser (cli.COMMANDS lists it beside the others)."""
    import argparse

    from pipeline.commands import translate as command

    parser = argparse.ArgumentParser(prog="kbnorm")
    command.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["translate", *argv])
    return args.handler(args)


def test_the_translate_command_prints_english_and_terms(capsys: pytest.CaptureFixture[str],
                                                        tmp_path: Path) -> None:
    glossary = tmp_path / "glossary.csv"
    glossary.write_text(GLOSSARY_CSV, encoding="utf-8")
    assert kbnorm_translate(["--glossary", str(glossary), "--from", "zh", "医疗助理在医院工作"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Medical assistants work in hospitals"
    assert any("enforced" in line and "医院" in line and "hospital" in line for line in lines[1:])


def test_the_translate_command_reads_standard_input(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    glossary = tmp_path / "glossary.csv"
    glossary.write_text(GLOSSARY_CSV, encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO("Asisten medis bekerja di rumah sakit.\n\n医院"))
    assert kbnorm_translate(["--glossary", str(glossary), "-"]) == 0
    english_lines = [line for line in capsys.readouterr().out.splitlines() if not line.startswith("  ")]
    assert english_lines == ["Medical assistants work in hospitals.", "", "Hospitals"]


def test_jiebas_dictionary_is_cached_under_kbnorm_cache_folder_as_jieba_reads_it() -> None:
    import jieba
    import jieba.posseg

    from pipeline.cache import cache_dir
    from pipeline.zh_segment import base_dictionary

    made = base_dictionary()  # the first read of a process makes the cache if it is missing
    cached = cache_dir("jieba") / f"kbnorm-dictionary-{jieba.__version__}.marshal"
    assert cached.is_file()
    base_dictionary.cache_clear()
    try:
        read_back = base_dictionary()
    finally:
        base_dictionary.cache_clear()
    jiebas_own = jieba.Tokenizer()
    jiebas_own.tmp_dir = str(cache_dir("jieba-own"))
    jiebas_own.initialize()
    assert read_back == made
    assert (read_back.frequencies, read_back.total) == (jiebas_own.FREQ, jiebas_own.total)
    assert read_back.tags == jieba.posseg.POSTokenizer(jiebas_own).word_tag_tab


def test_an_unreadable_dictionary_cache_is_made_again(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import jieba

    from pipeline.zh_segment import base_dictionary

    monkeypatch.setenv("KBNORM_CACHE_DIR", str(tmp_path))
    cached = tmp_path / "jieba" / f"kbnorm-dictionary-{jieba.__version__}.marshal"
    cached.parent.mkdir()
    cached.write_bytes(b"\x00 not marshal")
    base_dictionary.cache_clear()
    try:
        dictionary = base_dictionary()
    finally:
        base_dictionary.cache_clear()
    assert dictionary.tags["医生"] == "n" and dictionary.frequencies["医生"] > 0
    assert cached.stat().st_size > 1_000_000  # written whole again


def test_a_glossary_tokenizer_leaves_jiebas_dictionary_as_read(ctx: Context) -> None:
    """Each glossary's tokenizer learns its forms on a copy: the dictionary in memory stays jieba's."""
    from pipeline.translate_types import term_forms
    from pipeline.zh_segment import base_dictionary

    tokenizer = translator_for(ctx)._engines["zh"]._segmenter._tokenizer
    jiebas = base_dictionary().frequencies
    taught = [form for form in term_forms(ctx.glossary, "zh") if form not in jiebas]
    assert taught, "the test glossary has Chinese forms jieba does not know"
    assert all(tokenizer.FREQ.get(form) for form in taught)


@pytest.mark.parametrize(("line", "phrases"), [
    ("• 向病人解释治疗程序和药物如何起作用",
     ["Explaining treatment procedures", "how medications work to patients"]),
    ("What Is a 医疗助理?", ["What Is a Medical Assistant?"]),
    ("• 接电话和安排约会", ["Answering phones and scheduling appointments"]),
    (("Medical assistants may perform clinical tasks, 管理任务, or a mixture of both; pharmacy techs "
      "typically have more defined, 一致的任务."),
     ["administrative tasks, or a mixture", "consistent tasks."]),
])
def test_seed_lines_with_the_project_glossary(project_ctx: Context, line: str, phrases: list[str]) -> None:
    text = line.removeprefix("• ")
    kind = "list_item" if line.startswith("•") else "heading" if text.endswith("?") else "paragraph"
    block = Block(0, kind, text, spans=project_ctx.detector.spans(text))
    translate_block(block, translator_for(project_ctx))
    for phrase in phrases:
        assert phrase in block.text_en


def test_every_seed_page_translates_its_chinese(project_ctx: Context) -> None:
    """After repair, detect and translate no Chinese character is left in any block's English."""
    for path in sorted((ROOT / "raw").glob("*.txt")):
        page = RawPage(path=str(path), data=path.read_bytes(), format="text", name=path.stem)
        doc = build_doc(page, path.stem)
        doc = translate(detect(repair(doc, project_ctx), project_ctx), project_ctx)
        for block in doc.blocks:
            assert not any("\u4e00" <= ch <= "\u9fff" for ch in block.text_en), block.text_en


def test_seed_restoration_beats_the_untouched_text(project_ctx: Context) -> None:
    """The gold mixed lines, each translated alone: far above the 33.3 chrF of leaving them as they are."""
    import sys

    sys.path.insert(0, str(RESTORE.parent.parent))
    from score import chrf

    scores = []
    for item in map(json.loads, RESTORE.read_text(encoding="utf-8").splitlines()):
        text = item["line"].removeprefix("• ")
        block = Block(0, "list_item" if item["line"].startswith("•") else "paragraph", text,
                      spans=project_ctx.detector.spans(text))
        translate_block(block, translator_for(project_ctx))
        scores.append(chrf(block.text_en, item["en"]))
    assert sum(scores) / len(scores) > 80


@pytest.mark.parametrize(("word", "expected"), [
    ("hospital", "hospitals"), ("pharmacy", "pharmacies"), ("doctor office", "doctor offices"),
    ("information", "information"), ("cardiology", "cardiology"), ("woman", "women"),
    ("process", "processes"), ("board of pharmacy", "boards of pharmacy"),
])
def test_plural(word: str, expected: str) -> None:
    assert plural(word) == expected


def test_verb_forms() -> None:
    assert [gerund(v) for v in ("record results", "prepare", "stop", "admit", "visit")] == [
        "recording results", "preparing", "stopping", "admitting", "visiting"]
    assert [past_participle(v) for v in ("train", "certify", "give", "plan")] == [
        "trained", "certified", "given", "planned"]
    assert [third_person(v) for v in ("depend on", "focus on", "do", "apply")] == [
        "depends on", "focuses on", "does", "applies"]
    assert [superlative(a) for a in ("fast", "busy", "important")] == ["fastest", "busiest", "most important"]


@pytest.mark.parametrize(("word", "root", "prefix", "suffix"), [
    ("menjadwalkan", "jadwal", "me", "kan"), ("menyapa", "sapa", "me", ""),
    ("memeriksa", "periksa", "me", ""), ("disertifikasi", "sertifikasi", "di", ""),
    ("pelatihan", "latih", "pe", "an"), ("bekerja", "kerja", "ber", ""),
])
def test_indonesian_affixes_lead_to_the_root(word: str, root: str, prefix: str, suffix: str) -> None:
    assert any((a.root, a.prefix, a.suffix) == (root, prefix, suffix) for a in analyses(word))


def test_indonesian_reduplication() -> None:
    assert reduplication_base("tanda-tanda") == ("tanda", True)
    assert reduplication_base("kadang -kadang") == ("kadang", True)
    assert reduplication_base("obat-obatan") == ("obat", True)
    assert reduplication_base("sehari-hari") == ("sehari-hari", False)
    assert next(a for a in analyses("medisnya") if a.root == "medis").possessive


def test_cut_without_hmm_gives_jiebas_words(tmp_path: Path) -> None:
    import jieba

    # 甲乙|丙 and 甲|乙丙 score the same: jieba takes the longer first word
    words = ["医疗 5", "医疗助理 8", "助理 6", "理工 3", "工作 9", "在 20", "医院 7", "院中 2", "中 10",
             "A 1", "甲 5", "甲乙 5", "乙丙 5", "丙 5"]
    dictionary = tmp_path / "dict.txt"
    dictionary.write_text("\n".join(words) + "\n", encoding="utf-8")
    tokenizer = jieba.Tokenizer(str(dictionary))
    tokenizer.tmp_dir = str(tmp_path)
    for text in ("医疗助理在医院中工作", "在医院工作, 医疗助理 CMA 2022年", "A1B 理工医疗", "", " \n ",
                 "医疗助理工作中医院院中", "Ａ医!?疗（助理）", "甲乙丙"):
        assert cut_without_hmm(tokenizer, text) == list(tokenizer.cut(text, HMM=False)), text
    # a table of scores kept from text to text, emptied when full, gives the same words
    scores = WordScores(tokenizer, limit=3)
    for text in ("医疗助理在医院中工作", "甲乙丙", "医疗助理工作中医院院中", "医疗助理在医院中工作"):
        assert cut_without_hmm(tokenizer, text, scores) == list(tokenizer.cut(text, HMM=False)), text
    assert len(scores) <= 3
