"""Language spans: script first, swapped-word artifacts kept in English, short runs by context."""
from __future__ import annotations

import itertools

import langdetect.detector_factory as langdetect_factory
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.langid import load_gold, ours, page_blocks, span_accuracy
from pipeline.blocks import text_blocks
from pipeline.context import Context
from pipeline.detect import (
    LanguageDetector,
    char_counts,
    detect,
    dominant_language,
    format_spans,
    language_shares,
)
from pipeline.langid_latin import LatinDecider
from pipeline.langid_words import LATIN_WORD, word_key
from pipeline.model import Doc, Source, Span

from .conftest import GOLD, RAW


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector()


def tagged(detector: LanguageDetector, text: str, context: str | None = "en") -> list[tuple[str, str]]:
    """(language, stripped text) of each span, the readable form of a result."""
    return [(s.lang, text[s.start:s.end].strip()) for s in detector.spans(text, context)]


def langs(detector: LanguageDetector, text: str, context: str | None = "en") -> list[str]:
    return [s.lang for s in detector.spans(text, context)]


def assert_covers(text: str, spans: list[Span]) -> None:
    assert (spans == []) == (text == "")
    if spans:
        assert spans[0].start == 0 and spans[-1].end == len(text)
    for before, after in itertools.pairwise(spans):
        assert before.end == after.start
        assert before.lang != after.lang, "neighbouring spans of one language are merged"
    for span in spans:
        assert span.start < span.end
        assert span.confidence is None or 0 <= span.confidence <= 1


# --- accuracy on the gold lines -------------------------------------------------------------

@pytest.mark.parametrize("with_glossary", [False, True])
def test_seed_lines_reach_the_span_accuracy_target(with_glossary: bool, glossary) -> None:
    gold = load_gold(GOLD / "spans.jsonl")
    predict = ours(LanguageDetector(glossary if with_glossary else None), page_blocks(RAW))
    assert span_accuracy(gold, predict, in_order=True) >= 0.99
    assert span_accuracy(gold, predict) >= 0.98  # as score.py locates spans (first occurrence)


def test_page_context_is_the_dominant_latin_language(detector: LanguageDetector) -> None:
    pages = page_blocks(RAW)
    contexts = {doc: detector.page_context(blocks) for doc, blocks in pages.items()}
    assert contexts["000_49c13e119e22e16b"] == "en"  # mostly Chinese, its Latin runs English
    assert contexts["002_a99110b7056e8088"] == "en"
    assert contexts["004_191c781feffc30c2"] == "id"
    assert detector.page_context(["医疗助理和药学技术人员", "2022年至2032年间"]) is None


# --- script: Chinese, artifacts, acronyms ---------------------------------------------------

def test_mixed_seed_line_switches_at_script_changes(detector: LanguageDetector) -> None:
    line = ("Medical assistants work in many types of 医疗保健 environments, 包括医院, 私人诊所, "
            "流动护理设施, 和 outpatient care centers.")
    assert tagged(detector, line) == [
        ("en", "Medical assistants work in many types of"),
        ("zh", "医疗保健"),
        ("en", "environments,"),
        ("zh", "包括医院, 私人诊所, 流动护理设施, 和"),
        ("en", "outpatient care centers."),
    ]


@pytest.mark.parametrize("text", [
    "The st和ard W年龄 for o的r 医疗助理s at Herzing大学 is high.",
    "Medical assistants can specialize within 的ir field just as Registered Nurses (RN) can",
    "As a clinical medical assistant, you will be working h和s-on with patients.",
    "Differences Between 医疗助理s",
    "specialized medical assisting 角色s",
])
def test_han_glued_into_english_words_stays_english(detector: LanguageDetector, text: str) -> None:
    assert langs(detector, text) == ["en"]


def test_a_whole_word_after_a_chinese_phrase_is_its_own_run(detector: LanguageDetector) -> None:
    assert tagged(detector, "医疗助理vs. 制药技术") == [("zh", "医疗助理"), ("en", "vs."), ("zh", "制药技术")]


def test_a_word_quoted_inside_chinese_is_not_an_artifact(detector: LanguageDetector) -> None:
    assert langs(detector, "文本HELP到85109寻求帮助") == ["zh"]


def test_a_long_chinese_phrase_after_a_word_is_chinese(detector: LanguageDetector) -> None:
    assert tagged(detector, "Walgreens的药剂师很忙") == [("en", "Walgreens"), ("zh", "的药剂师很忙")]


@pytest.mark.parametrize("text", [
    "根据 劳工统计局(BLS)在美国,医疗助理的就业预计会增加 14% 之间的 2022-2032这远高于全国平均水平.*",
    "你需要额外的教育 从MA到RN的过渡",
    "其中包括心电图(ekg)。, 压力测试, 冠状动脉血运重建和超声心动图.",
    "大多数制药技术人员为CVS、沃尔格林或杂货店药店等药品零售商工作",
    "大多数制药技术人员为\uff23\uff36\uff33工作",  # fullwidth CVS
    "X光检查需要预约",
])
def test_acronyms_and_numbers_in_chinese_go_with_the_chinese(detector: LanguageDetector, text: str) -> None:
    assert langs(detector, text) == ["zh"]


def test_words_in_capitals_are_words_not_acronyms(detector: LanguageDetector) -> None:
    assert langs(detector, "医疗助理 DUTIES 和 RESPONSIBILITIES") == ["zh", "en", "zh", "en"]
    assert langs(detector, "TUGAS ASISTEN MEDIS", "en") == ["id"]
    assert langs(detector, "MEDICAL ASSISTANT DUTIES", "id") == ["en"]


def test_an_acronym_among_english_words_is_english(detector: LanguageDetector) -> None:
    assert langs(detector, "just as Registered Nurses (RN) can - though") == ["en"]


def test_traditional_chinese_is_chinese(detector: LanguageDetector) -> None:
    text = "醫療助理在診所工作,負責測量生命徵象。"
    assert tagged(detector, text) == [("zh", text)]


def test_other_scripts_name_their_languages(detector: LanguageDetector) -> None:
    assert langs(detector, "これは医療アシスタントです") == ["ja"]
    assert tagged(detector, "간호사 and nurse") == [("ko", "간호사"), ("en", "and nurse")]


# --- Latin runs: English, Indonesian, others ------------------------------------------------

def test_indonesian_with_english_terms_is_indonesian(detector: LanguageDetector) -> None:
    text = "Asisten medis harus memahami medical terminology dan patient care."
    assert langs(detector, text, "id") == ["id"]
    assert langs(detector, text, "en") == ["id"]


def test_an_english_sentence_in_an_indonesian_block_is_english(detector: LanguageDetector) -> None:
    text = "Dengan kata lain, asisten medis bekerja keras. Medical assistants work hard too."
    assert tagged(detector, text, "id") == [
        ("id", "Dengan kata lain, asisten medis bekerja keras."),
        ("en", "Medical assistants work hard too."),
    ]


def test_indonesian_sentences_without_spaces_after_full_stops(detector: LanguageDetector) -> None:
    text = ("Asisten perawatan kesehatan adalah seorang profesional medis.Juga dikenal sebagai "
            "asisten medis, ia bekerja dengan dokter.")
    assert langs(detector, text, "id") == ["id"]


def test_malay_looking_indonesian_is_indonesian(detector: LanguageDetector) -> None:
    text = "Mereka boleh bekerja di klinik atau hospital swasta."
    assert langs(detector, text, None) == ["id"]


def test_a_long_spanish_run_is_spanish(detector: LanguageDetector) -> None:
    text = "El asistente médico trabaja en clínicas y hospitales, ayudando a los médicos con los pacientes."
    assert langs(detector, text, "en") == ["es"]


@pytest.mark.parametrize(("text", "context", "expected"), [
    ("vs", "en", "en"),
    ("vs", "id", "id"),
    ("program", "en", "en"),
    ("program", "id", "id"),
    ("Dengan kata lain", "en", "id"),  # word evidence outweighs the page
    ("pharmacy techs", "id", "en"),
])
def test_short_runs_are_decided_by_words_then_context(
        detector: LanguageDetector, text: str, context: str, expected: str) -> None:
    assert langs(detector, text, context) == [expected]


def test_short_runs_follow_the_rest_of_their_block(detector: LanguageDetector) -> None:
    # 'program' alone could be either; its block is Indonesian even on an English page
    text = "Asisten medis mengikuti pelatihan 临床 program."
    assert langs(detector, text, "en") == ["id", "zh", "id"]


def test_repaired_text_gets_the_same_languages(detector: LanguageDetector) -> None:
    mixed = "Medical assistants can specialize within 的ir field. 而他们的职责因工作而异, o的r tasks"
    repaired = "Medical assistants can specialize within their field. 而他们的职责因工作而异, other tasks"
    assert langs(detector, mixed) == langs(detector, repaired) == ["en", "zh", "en"]


# --- coverage, neutral text and words -------------------------------------------------------

def test_text_without_letters_is_undetermined(detector: LanguageDetector) -> None:
    assert tagged(detector, "2022-2032") == [("und", "2022-2032")]
    assert detector.spans("", "en") == []


def test_punctuation_joins_the_run_before_and_opening_quotes_the_next(detector: LanguageDetector) -> None:
    text = "you will be 的 “face of 的 healthcare organization”"
    assert [(s.lang, text[s.start:s.end]) for s in detector.spans(text, "en")] == [
        ("en", "you will be "), ("zh", "的 "), ("en", "“face of "), ("zh", "的 "),
        ("en", "healthcare organization”"),
    ]


def test_digits_glued_to_chinese_go_with_the_chinese(detector: LanguageDetector) -> None:
    text = "Bureau of Labor Statistics (BLS), 2022年至2032年间"
    assert tagged(detector, text) == [("en", "Bureau of Labor Statistics (BLS),"), ("zh", "2022年至2032年间")]


def test_spans_cover_every_raw_block_and_never_cut_a_word(detector: LanguageDetector) -> None:
    for blocks in page_blocks(RAW).values():
        context = detector.page_context(blocks)
        for text in blocks:
            spans = detector.spans(text, context)
            assert_covers(text, spans)
            assert_no_boundary_inside_a_word(text, spans)


def assert_no_boundary_inside_a_word(text: str, spans: list[Span]) -> None:
    inside = {i for m in LATIN_WORD.finditer(text) for i in range(m.start() + 1, m.end())}
    assert not inside & {s.start for s in spans}


_PIECES = st.sampled_from([
    "medical", "assistant", "dan", "yang", "vs", "BLS", "o的r", "医疗助理", "s", "和", " ", " ",
    ", ", ".", "(", ")", "2022", "-", "“", "醫療", "\uff23\uff36\uff33", "é", "\u0301", "ア", "\n",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=14), st.sampled_from(["en", "id", None]))
def test_spans_cover_any_text_exactly(pieces: list[str], context: str | None) -> None:
    text = "".join(pieces)
    spans = LanguageDetector().spans(text, context)
    assert_covers(text, spans)
    assert_no_boundary_inside_a_word(text, spans)


# --- the step, shares and rendering ---------------------------------------------------------

def _doc(stem: str) -> Doc:
    text = (RAW / f"{stem}.txt").read_text(encoding="utf-8")
    source = Source(path=f"raw/{stem}.txt", sha256="0" * 64, bytes=len(text), encoding="utf-8", format="text")
    return Doc(doc_id=stem, source=source, blocks=text_blocks(text))


@pytest.mark.parametrize(("stem", "expected"), [
    ("000_49c13e119e22e16b", {"en", "zh"}),
    ("002_a99110b7056e8088", {"en"}),
    ("004_191c781feffc30c2", {"id"}),
])
def test_detect_fills_every_block_and_the_page_languages(stem: str, expected: set[str]) -> None:
    doc = detect(_doc(stem), Context(glossary=None))
    for block in doc.blocks:
        assert_covers(block.text, block.spans)
        assert block.lang == dominant_language(char_counts(block.text, block.spans))
    assert abs(sum(doc.languages.values()) - 1) < 0.01
    assert {lang for lang, share in doc.languages.items() if share > 0.05} == expected


def test_block_language_is_the_one_with_most_characters() -> None:
    doc = detect(_doc("000_49c13e119e22e16b"), Context(glossary=None))
    langs_of = {block.text: block.lang for block in doc.blocks}
    assert langs_of["医疗助理 Duties 和 Responsibilities"] == "en"
    assert langs_of["What Is a 医疗助理?"] == "en"
    assert langs_of["向病人解释治疗程序和药物如何起作用"] == "zh"


def test_language_shares_count_non_space_characters() -> None:
    spans = [Span(0, 6, "en"), Span(6, 9, "zh"), Span(9, 14, "und")]
    assert char_counts("ab cd 医疗 2022", spans) == {"en": 4, "zh": 2, "und": 4}
    assert language_shares(char_counts("ab cd 医疗 2022", spans)) == {"en": 0.4, "und": 0.4, "zh": 0.2}
    assert language_shares({}) == {}
    assert dominant_language(char_counts("2022", [Span(0, 4, "und")])) == "und"


def test_format_spans_tags_in_a_pipe_and_colours_on_a_terminal() -> None:
    text = "Medical assistants work in 医疗保健"
    spans = [Span(0, 27, "en"), Span(27, 31, "zh")]
    assert format_spans(text, spans, color=False) == "[en]Medical assistants work in [zh]医疗保健"
    coloured = format_spans(text, spans, color=True)
    assert "\x1b[" in coloured and "医疗保健" in coloured and "[zh]" in coloured
    assert coloured.endswith("\x1b[0m")


# --- determinism and langdetect's global state ----------------------------------------------

def test_results_are_deterministic_and_langdetect_globals_untouched() -> None:
    global_factory, global_seed = langdetect_factory._factory, langdetect_factory.DetectorFactory.seed
    blocks = page_blocks(RAW)["002_a99110b7056e8088"]
    first, second = LanguageDetector(), LanguageDetector()
    assert [first.spans(b, "en") for b in blocks] == [second.spans(b, "en") for b in blocks]
    assert langdetect_factory._factory is global_factory
    assert langdetect_factory.DetectorFactory.seed == global_seed


# --- the glossary ---------------------------------------------------------------------------

_SMALL_GLOSSARY = """concept,type,en,zh,id,note
phlebotomist,role,phlebotomist,抽血员,flebotomis,
ph_level,term,pH level,pH值,kadar pH,
medical_assistant,role,medical assistant|medical assistants,医疗助理,asisten medis,
clinical_medical_assistant,role,clinical medical assistant,临床医疗助理,asisten medis klinis,
"""


@pytest.fixture(scope="module")
def small_glossary():
    from pipeline.glossary import parse_glossary

    return parse_glossary(_SMALL_GLOSSARY)


def test_chinese_glossary_forms_with_latin_letters_stay_chinese(small_glossary) -> None:
    text = "血液的pH值很重要"
    assert langs(LanguageDetector(), text) == ["zh", "en", "zh"]
    assert langs(LanguageDetector(small_glossary), text) == ["zh"]


def test_glossary_forms_are_word_evidence(small_glossary) -> None:
    # 'flebotomis' is in no word list: alone on an English page only the glossary can tell
    assert langs(LanguageDetector(), "flebotomis", "en") == ["en"]
    assert langs(LanguageDetector(small_glossary), "flebotomis", "en") == ["id"]
    # a run ending where a longer form would go on ('asisten medis' then 'asisten medis klinis')
    assert langs(LanguageDetector(small_glossary), "Dia bekerja sebagai asisten medis", "en") == ["id"]


_TEMPLATES = (
    "We need a {} every day, 和 更多.",
    "我们需要 {} 的帮助。",
    "Kami membutuhkan {} setiap hari.",
    "{}",
)


def assert_glossary_forms_not_split(detector: LanguageDetector, forms: list[str]) -> None:
    for form in forms:
        for template in _TEMPLATES:
            text = template.format(form)
            at = text.index(form)
            spans = detector.spans(text, "en")
            assert_covers(text, spans)
            cuts = [s.start for s in spans if at < s.start < at + len(form)]
            assert not cuts, (text, [(s.lang, text[s.start:s.end]) for s in spans])


def test_small_glossary_forms_are_never_split(small_glossary) -> None:
    concepts = small_glossary.concepts.values()
    forms = [form for lang in ("en", "zh", "id") for concept in concepts for form in concept.forms(lang)]
    assert_glossary_forms_not_split(LanguageDetector(small_glossary), forms)


def test_project_glossary_forms_are_never_split(glossary) -> None:
    detector = LanguageDetector(glossary)
    forms = [form for lang in ("en", "zh", "id") for form in glossary.forms(lang)]
    assert len(forms) > 100
    assert_glossary_forms_not_split(detector, forms)


def test_project_glossary_keeps_mixed_chinese_terms_chinese(glossary) -> None:
    detector = LanguageDetector(glossary)
    assert langs(detector, "你需要通过ExCPT认证考试才能工作", "en") == ["zh"]
    assert langs(LanguageDetector(), "你需要通过ExCPT认证考试才能工作", "en") != ["zh"]
    # a Latin-only form of the Chinese column stays English in an English sentence
    assert langs(detector, "Options include the PTCB certification exam.", "en") == ["en"]


def test_script_pieces_of_every_script_are_their_text_and_take_every_latin_and_han_letter() -> None:
    from pipeline.langid_script import HAN, _script_pieces

    chars = [chr(c) for c in range(0x20, 0x110000, 7) if not 0xD800 <= c < 0xE000]
    for at in range(0, len(chars), 997):
        text = "x " + "".join(chars[at:at + 997]) + "的r"
        pieces = _script_pieces(text, 2, len(text))
        assert pieces[0].start >= 2 and pieces[-1].end == len(text)
        assert all(a.end <= b.start for a, b in itertools.pairwise(pieces))
        assert all(text[p.start:p.end] == p.text for p in pieces)
        taken = {i for p in pieces for i in range(p.start, p.end)}
        letters = {i for i in range(2, len(text)) if LATIN_WORD.match(text[i]) or HAN.match(text[i])}
        assert letters <= taken


def test_a_glossary_form_ending_a_run_counts_once_per_word(glossary) -> None:
    """Where a longer form opening with the same word cannot fit in the words left, the form
    found still speaks for its own words only."""
    decider = LatinDecider(glossary)
    langs = ("en", "id")
    words = [word_key(w) for w in ("medical", "assistant", "and")]
    alone = decider._evidence(words[:2], langs)
    followed = decider._evidence(words, langs)
    last = decider._evidence(words[2:], langs)
    assert alone == pytest.approx([whole - end for whole, end in zip(followed, last, strict=True)])


def test_each_run_of_a_page_weighs_its_words_as_if_alone(glossary) -> None:
    """A glossary form found across two runs of a page ('medical' ending one, 'assistant'
    opening the next) speaks for neither: each run says what it says read on its own."""
    decider = LatinDecider(glossary)
    runs = [["We", "need", "a", "medical"], ["assistant", "today"], ["asisten", "medis"]]
    page = decider.read(runs)
    langs = ("en", "id")
    assert page.crossed == {0, 1}
    for run, words in enumerate(runs):
        alone = decider._evidence([word_key(word) for word in words], langs)
        assert decider._runs_evidence(page, range(run, run + 1), langs) == [alone]


def test_sentence_breaks_know_every_latin_capital() -> None:
    """A new run starts after a sentence end at any capital of the Latin letters, wherever in Unicode."""
    from pipeline.langid_script import _SENTENCE_BREAK

    capitals = [chr(c) for c in range(0x110000) if chr(c).isupper() and LATIN_WORD.match(chr(c))]
    breaks = _SENTENCE_BREAK.findall("".join(f". {capital}. {capital.lower()}" for capital in capitals))
    assert breaks == [". "] * len(capitals)


def test_runs_of_latin_script_text_are_its_sentences() -> None:
    from pipeline.langid_script import segment

    text = "Medical assistants (MAs) work... Really? yes. 3 pm. Então Él vai; e.g. Ée ends"
    pieces, runs = segment(text)
    assert pieces == []
    assert [text[run.start:run.end] for run in runs] == [
        "Medical assistants (MAs) work", "Really? yes. 3 pm", "Então Él vai; e.g", "Ée ends"]
    assert runs[0].words == ["Medical", "assistants", "MAs", "work"]


def test_texts_with_latin_words_apart_from_han_segment_as_word_by_word() -> None:
    """The shortcut for texts whose Latin words touch no Han gives what the word-by-word
    segmentation gives, for texts of every script."""
    from pipeline.langid_script import _apart_pieces, _glue_artifacts, _pieces, _runs_of_units, segment

    chars = [chr(c) for c in range(0x20, 0x110000, 11) if not 0xD800 <= c < 0xE000]
    sweep = ["".join(chars[at:at + 40]) for at in range(0, len(chars), 40)]
    samples = ["劳工统计局 (BLS) 在美国", "心电图(ekg)检查", "中文 (ekgabcd) x", "中 BLS. RN 中",
               "中 DUTIES 中", "x² y 中文", "ªb 中 x", "中 Hello. World 中 (CPR)", "日本語 ひらがな abc 中",
               "\U000323b0中 abc",
               "Ελληνικά word 中 WORD", "中 e\u0301te\u0301. Ça va 中", "中文 'RN' 中文 don't"]
    taken = 0
    for text in samples + [f"Abc {piece} de. Fg 中 {piece} hi" for piece in sweep]:
        if _apart_pieces(text) is not None:
            taken += 1
            units = _glue_artifacts(_pieces(text, []), text)
            expected = [unit for unit in units if unit.kind != "latin"], _runs_of_units(units, text)
            assert segment(text) == expected, text
    assert taken > len(samples)
    assert _apart_pieces("o的r") is None and _apart_pieces("从MA到RN") is None
