"""The domain glossary: the real glossary.csv, the validator's reports, and the Traditional script."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.glossary import (
    LANGS,
    TYPES,
    Glossary,
    GlossaryError,
    load_glossary,
    longest_form_pattern,
    parse_glossary,
)

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY_PATH = ROOT / "glossary.csv"
DATA = Path(__file__).resolve().parent / "data" / "glossaries"
SCRIPT = ROOT / "scripts" / "glossary_traditional.py"

# Role ids the evaluation compares against; they must exist exactly as written.
ROLE_IDS = (
    "medical_assistant",
    "clinical_medical_assistant",
    "administrative_medical_assistant",
    "pharmacy_technician",
    "pharmacy_assistant",
    "pharmacist",
    "healthcare_assistant",
    "physician_assistant",
    "nurse",
    "nursing_assistant",
    "phlebotomist",
    "ekg_technician",
    "ophthalmic_technician",
    "optometric_technician",
    "medical_biller_coder",
    "dental_assistant",
    "surgical_technologist",
    "lab_technician",
    "physician",
    "specialist",
    "administrator",
)


def _load_script():
    spec = importlib.util.spec_from_file_location("glossary_traditional", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def script():
    return _load_script()


def _ids(concepts) -> list[str]:
    return [c.concept for c in concepts]


# --- the real glossary --------------------------------------------------------------------------


def test_real_glossary_loads_and_is_large(glossary: Glossary) -> None:
    assert glossary.path == GLOSSARY_PATH
    assert len(glossary.concepts) >= 500


def test_every_type_present(glossary: Glossary) -> None:
    for type_ in TYPES:
        assert glossary.of_type(type_), f"no {type_} concepts"


def test_every_row_has_all_languages(glossary: Glossary) -> None:
    for concept in glossary.concepts.values():
        for lang in LANGS:
            forms = concept.forms(lang)
            assert forms and all(forms), f"{concept.concept} (line {concept.line}) lacks {lang}"


@pytest.mark.parametrize("role", ROLE_IDS)
def test_role_ids_exist(glossary: Glossary, role: str) -> None:
    assert glossary.get(role).type == "role"


def test_preferred_renderings(glossary: Glossary) -> None:
    assert glossary.get("medical_assistant").preferred == "medical assistant"
    assert glossary.get("pharmacy_technician").preferred == "pharmacy technician"
    assert glossary.get("healthcare_assistant").preferred == "healthcare assistant"
    assert glossary.get("medical_assistant").zh[0] == "医疗助理"


def test_simplified_form_comes_first(glossary: Glossary) -> None:
    t2s = opencc.OpenCC("t2s")
    for concept in glossary.concepts.values():
        first = concept.zh[0]
        assert t2s.convert(first) == first, f"{concept.concept}: zh {first!r} is not Simplified"


def test_traditional_variants_are_listed(glossary: Glossary, script) -> None:
    text = GLOSSARY_PATH.read_text(encoding="utf-8-sig")
    _, changed = script.add_traditional(text)
    assert changed == 0, "run scripts/glossary_traditional.py over glossary.csv"


@pytest.mark.parametrize(
    ("form", "concept"),
    [
        ("醫療助理", "medical_assistant"),
        ("医疗助理", "medical_assistant"),
        ("藥學技術人員", "pharmacy_technician"),
        ("制药技术", "pharmacy_technician"),
        ("臨床醫療助理", "clinical_medical_assistant"),  # 床, not the listed 牀: found via t2s
        ("行政醫療助理", "administrative_medical_assistant"),
        ("藥劑師", "pharmacist"),
        ("護士", "nurse"),
    ],
)
def test_zh_lookup_simplified_and_traditional(glossary: Glossary, form: str, concept: str) -> None:
    assert concept in _ids(glossary.lookup("zh", form))


@pytest.mark.parametrize(
    ("lang", "form", "concept"),
    [
        ("en", "Medical Assistant", "medical_assistant"),
        ("en", "MEDICAL  ASSISTANT", "medical_assistant"),
        ("en", "Pharmacy Technician", "pharmacy_technician"),
        ("en", "pharmacy techs", "pharmacy_technician"),
        ("en", "Health Care Assistant", "healthcare_assistant"),
        ("en", "Registered Nurse", "nurse"),
        ("id", "Asisten Perawatan Kesehatan", "healthcare_assistant"),
        ("id", "ASISTEN MEDIS", "medical_assistant"),
        ("id", "Teknisi Farmasi", "pharmacy_technician"),
        ("id", "Apoteker", "pharmacist"),
    ],
)
def test_en_id_lookup_ignores_case(glossary: Glossary, lang: str, form: str, concept: str) -> None:
    assert concept in _ids(glossary.lookup(lang, form))


def test_zh_lookup_keeps_case(glossary: Glossary) -> None:
    assert "cvs" in _ids(glossary.lookup("zh", "CVS"))
    assert "cvs" not in _ids(glossary.lookup("zh", "cvs"))


# --- validation of broken glossaries ------------------------------------------------------------


def _problems(name: str) -> list[tuple[int, str]]:
    with pytest.raises(GlossaryError) as caught:
        load_glossary(DATA / name)
    for problem in caught.value.problems:
        assert problem.file == str(DATA / name)
    return [(p.line, p.message) for p in caught.value.problems]


def test_small_valid_glossary() -> None:
    glossary = load_glossary(DATA / "valid.csv")
    assert list(glossary.concepts) == ["medical_assistant", "nurse", "hospital", "nursing"]
    assert _ids(glossary.lookup("en", "NURSE")) == ["nurse", "nursing"]  # one form, two types: allowed
    assert _ids(glossary.lookup("zh", "醫療助理")) == ["medical_assistant"]
    assert glossary.get("nursing").note == "same en form as a role: allowed, types differ"
    with pytest.raises(KeyError, match="no concept 'pharmacist'"):
        glossary.get("pharmacist")


def test_missing_header() -> None:
    assert _problems("missing_header.csv") == [
        (
            1,
            "missing or wrong header: expected concept,type,en,zh,id,note, "
            "got medical_assistant,role,medical assistant,医疗助理,asisten medis,",
        )
    ]


def test_wrong_column_count() -> None:
    assert _problems("wrong_columns.csv") == [
        (3, "expected 6 columns, got 5"),
        (4, "expected 6 columns, got 7"),
    ]


def test_bad_concept_ids_and_unknown_type() -> None:
    assert _problems("bad_concept_and_type.csv") == [
        (3, "empty concept"),
        (4, "concept 'Medical-Assistant' is not snake_case"),
        (5, "unknown type 'job'; expected one of role, duty, skill, setting, credential, organization, term"),
    ]


def test_empty_language_cells() -> None:
    assert _problems("empty_language.csv") == [(2, "empty en"), (3, "empty zh"), (4, "empty id")]


def test_duplicate_concept() -> None:
    assert _problems("duplicate_concept.csv") == [(4, "duplicate concept 'nurse' (first on line 2)")]


def test_form_claimed_by_two_concepts_of_one_type() -> None:
    assert _problems("claimed_twice.csv") == [
        (3, "en form 'rn' is already claimed by role 'nurse' (line 2)"),
        (3, "id form 'Perawat' is already claimed by role 'nurse' (line 2)"),
        (4, "zh form '护士' is already claimed by role 'nurse' (line 2)"),
    ]


def test_empty_form_between_separators() -> None:
    assert _problems("empty_form.csv") == [
        (2, "empty form between '|' in en: 'nurse||RN'"),
        (3, "empty form between '|' in zh: '医院|'"),
    ]


def test_undecodable_bytes() -> None:
    assert _problems("undecodable.csv") == [(3, "undecodable file: not UTF-8 (byte 0xff)")]


def test_form_listed_twice_in_one_cell() -> None:
    text = "concept,type,en,zh,id,note\nnurse,role,nurse|Nurse,护士,perawat,\n"
    with pytest.raises(GlossaryError) as caught:
        parse_glossary(text)
    assert [(p.line, p.message) for p in caught.value.problems] == [(2, "en form 'Nurse' listed twice")]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", (0, "empty file: expected the header concept,type,en,zh,id,note")),
        ("concept,type,en,zh,id,note\n\n", (0, "no concepts")),
    ],
)
def test_empty_glossaries(text: str, problem: tuple[int, str]) -> None:
    with pytest.raises(GlossaryError) as caught:
        parse_glossary(text)
    assert [(p.line, p.message) for p in caught.value.problems] == [problem]


def test_error_lists_every_problem_with_file_and_line() -> None:
    with pytest.raises(GlossaryError) as caught:
        load_glossary(DATA / "empty_language.csv")
    lines = str(caught.value).splitlines()
    assert lines == [f"{DATA / 'empty_language.csv'}:{n}: empty {lang}"
                     for n, lang in ((2, "en"), (3, "zh"), (4, "id"))]


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError) as caught:
        load_glossary(tmp_path / "missing.csv")
    [problem] = caught.value.problems
    assert problem.line == 0 and problem.message.startswith("cannot read file")


# --- scripts/glossary_traditional.py -----------------------------------------------------------


def test_add_traditional_small_input(script) -> None:
    source = (DATA / "traditional_input.csv").read_bytes().decode("utf-8")
    expected = (DATA / "traditional_expected.csv").read_bytes().decode("utf-8")
    result, changed = script.add_traditional(source)
    assert result == expected  # only zh cells grow; CRLF, quoting, notes and broken rows untouched
    assert changed == 3
    assert script.add_traditional(result) == (result, 0)


def test_add_traditional_skips_variant_claimed_by_another_concept(script) -> None:
    text = "concept,type,en,zh,id,note\na,term,a,医院,a,\nb,term,b,醫院,b,\nc,role,c,医院,c,\n"
    result, changed = script.add_traditional(text)
    # a's variant 醫院 already belongs to b (same type); c is a role, so it may list 醫院 too
    assert result == "concept,type,en,zh,id,note\na,term,a,医院,a,\nb,term,b,醫院,b,\nc,role,c,医院|醫院,c,\n"
    assert changed == 1
    parse_glossary(result)


def test_script_rewrites_file_in_place(tmp_path: Path) -> None:
    target = tmp_path / "glossary.csv"
    target.write_bytes(b"\xef\xbb\xbf" + (DATA / "traditional_input.csv").read_bytes())
    run = subprocess.run([sys.executable, str(SCRIPT), str(target)],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert "3 zh cells changed" in run.stdout
    assert target.read_bytes() == b"\xef\xbb\xbf" + (DATA / "traditional_expected.csv").read_bytes()
    again = subprocess.run([sys.executable, str(SCRIPT), str(target)],
                           capture_output=True, text=True, check=False)
    assert again.returncode == 0 and "0 zh cells changed" in again.stdout


def test_script_output_is_a_valid_glossary(tmp_path: Path, script) -> None:
    target = tmp_path / "glossary.csv"
    target.write_bytes((DATA / "valid.csv").read_bytes())
    assert script.main([str(target)]) == 0
    glossary = load_glossary(target)
    assert glossary.get("nurse").zh == ("护士", "護士")
    assert glossary.get("medical_assistant").zh == ("医疗助理", "醫療助理")


def _leftmost_longest(forms: set[str], text: str) -> list[tuple[int, int]]:
    """The glossary scan spelled out: at each place, the longest form starting there, then on after it."""
    spans, i = [], 0
    while i < len(text):
        length = max((len(form) for form in forms if form and text.startswith(form, i)), default=0)
        if length:
            spans.append((i, i + length))
        i += length or 1
    return spans


_FORM_CHARACTERS = st.sampled_from("医疗助理药剂师技术员护士")


@settings(max_examples=300, deadline=None)
@given(forms=st.sets(st.text(_FORM_CHARACTERS, min_size=1, max_size=5), max_size=12),
       text=st.text(st.one_of(_FORM_CHARACTERS, st.sampled_from("的在 a.")), max_size=40))
def test_the_longest_form_pattern_finds_the_longest_form_leftmost(forms: set[str], text: str) -> None:
    """Forms that share openings or end inside longer ones ('医疗', '医疗助理', '医疗助理师'): each
    place takes the longest that matches there, whatever the others."""
    assert [m.span() for m in longest_form_pattern(forms).finditer(text)] == _leftmost_longest(forms, text)
