"""`kbnorm glossary check`: each kind of finding on glossaries and a corpus written for it; outputs; exits."""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from pipeline import cli
from pipeline.commands import glossary as glossary_command
from pipeline.corpus_check import read_corpus
from pipeline.corpus_words import UncoveredWords
from pipeline.glossary import load_glossary
from pipeline.glossary_check import check, findings_csv, spreadsheet_safe
from pipeline.glossary_findings import ERROR, KINDS, WARNING, Finding
from pipeline.glossary_lint import lint_glossary

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "check"
GLOSSARY = DATA / "glossary.csv"
CORPUS = DATA / "corpus"


def _kinds(findings: list[Finding]) -> set[tuple[str, int | None]]:
    return {(f.kind, f.line) for f in findings}


@pytest.fixture
def kbnorm(monkeypatch):
    """`kbnorm ...` through the CLI's own error handling, with the glossary command registered."""
    if glossary_command not in cli.COMMANDS:
        monkeypatch.setattr(cli, "COMMANDS", (*cli.COMMANDS, glossary_command))
    return cli.main


@pytest.fixture(scope="module")
def corpus_result():
    return check(GLOSSARY, CORPUS)


def _by_term(result, kind: str) -> dict[str, Finding]:
    return {f.term: f for f in result.findings if f.kind == kind}


# --- the glossary itself ----------------------------------------------------------------------------------


def test_a_broken_glossary_gives_every_error_with_its_line_instead_of_raising():
    result = lint_glossary(DATA / "broken.csv")
    assert result.glossary is None
    assert _kinds(result.findings) == {
        ("duplicate_concept", 3), ("duplicate_form", 4), ("form_collision", 5), ("empty_cell", 6),
        ("invalid_row", 7), ("invalid_row", 8), ("parse_error", 9),
        # the warnings are found on the rows a broken file still has
        ("han_in_latin", 10), ("missing_traditional", 10),
    }
    assert {f.concept for f in result.findings if f.line in (3, 5, 7)} == {"nurse", "charge_nurse", "Clinic"}
    assert all(f.severity == ERROR for f in result.findings if f.line != 10)


def test_an_unreadable_file_is_a_parse_error_at_the_bad_byte(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("concept,type,en,zh,id,note\nnurse,role,nurse,护士,perawat,\nx,role,caf\xe9".encode("latin-1",
                                                                                                       "replace"))
    findings = lint_glossary(path).findings
    assert [(f.kind, f.line) for f in findings] == [("parse_error", 3)]


def test_warnings_on_a_glossary_that_loads():
    result = lint_glossary(DATA / "warnings.csv")
    assert result.glossary is not None
    assert {(f.kind, f.line, f.term) for f in result.findings} == {
        ("shared_form", 5, "pharmacy"),  # a setting and a term: matching gives it to the setting only
        ("case_collision", 6, "ct扫描"), ("case_collision", 6, "ct掃描"),
        ("han_in_latin", 7, "ECG 心电图"),
        ("latin_zh", 8, "AED"),
        ("missing_traditional", 3, "药剂师"),
    }
    assert all(f.severity == WARNING for f in result.findings)
    # 臨床醫療助理 (Taiwan's 臨床, where OpenCC's s2t writes 臨牀) pairs 临床医疗助理; a term's form in a
    # duty (生命体征) is the glossary's design, not a shared form
    assert not [f for f in result.findings if f.concept in ("clinical_medical_assistant", "take_vital_signs")]


def test_a_missing_traditional_form_comes_with_its_s2t_spelling():
    (finding,) = [f for f in lint_glossary(DATA / "warnings.csv").findings if f.kind == "missing_traditional"]
    assert (finding.concept, finding.suggestion) == ("pharmacist", "藥劑師")


def test_clean_glossaries_have_no_errors():
    assert lint_glossary(GLOSSARY).findings == []
    shipped = lint_glossary(ROOT / "glossary.csv")
    assert shipped.glossary is not None
    assert [f for f in shipped.findings if f.severity == ERROR] == []


# --- against a corpus -------------------------------------------------------------------------------------


def test_a_term_missing_from_the_translation_is_an_error_with_its_context(corpus_result):
    (missing,) = [f for f in corpus_result.findings if f.kind == "missing_term"]
    assert (missing.severity, missing.concept, missing.lang, missing.term, missing.line) == (
        ERROR, "nurse", "zh", "护士", 3)
    (where,) = missing.occurrences
    assert (where.doc_id, where.block) == ("zh_page", 1)
    assert where.text[where.start:where.end] == "护士"
    assert "nurse" not in where.text_en.lower()


def test_a_concept_written_two_ways_in_english(corpus_result):
    (finding,) = [f for f in corpus_result.findings if f.kind == "inconsistent_rendering"]
    assert (finding.concept, finding.term) == ("medical_assistant", "MA")
    assert finding.suggestion == "medical assistant"
    assert "'medical assistant' x2" in finding.message and "'MA' x1" in finding.message
    assert [(o.doc_id, o.text[o.start:o.end]) for o in finding.occurrences] == [("en_page", "MA")]


def test_concepts_no_page_mentions(corpus_result):
    # take_vital_signs is on no page as a term, but it is the concept of a duty: seen
    unseen = [(f.concept, f.line) for f in corpus_result.findings if f.kind == "unseen_concept"]
    assert unseen == [("dialysis", 7)]


def test_frequent_uncovered_words_with_english_and_contexts(corpus_result):
    found = _by_term(corpus_result, "uncovered_word")
    expected = {"病历": ("zh", 3), "抽血": ("zh", 2), "rekam medis": ("id", 3)}
    assert {term: (found[term].lang, found[term].count) for term in expected} == expected
    assert found["病历"].suggestion == "medical records"
    assert "medical record" in found["病历"].message  # CC-CEDICT's senses
    assert found["rekam medis"].suggestion == "medical records"
    for occurrence in found["病历"].occurrences:
        assert occurrence.text[occurrence.start:occurrence.end] == "病历"
        assert "medical records" in occurrence.text_en.lower()
    # glossary forms, terms the alignment found, function words and words seen once are not candidates
    for covered in ("医疗助理", "护士", "生命体征", "测量", "perawat", "perawatnya", "tanda vital"):
        assert covered not in found
    for function_word in ("的", "和", "dan", "yang", "juga", "lain"):
        assert function_word not in found
    assert "归档" not in found and "memeriksa" not in found


def test_terms_the_alignment_found_cover_inflected_words():
    glossary, docs = load_glossary(GLOSSARY), read_corpus(CORPUS)
    assert "perawatnya" not in {f.term for f in UncoveredWords(glossary).findings(docs)}
    for doc in docs:
        doc.terms = []
    assert "perawatnya" in {f.term for f in UncoveredWords(glossary).findings(docs)}  # perawat + -nya


def test_without_the_duty_row_its_words_are_uncovered(tmp_path):
    lines = GLOSSARY.read_text(encoding="utf-8").splitlines(keepends=True)
    trimmed = tmp_path / "glossary.csv"
    kept = [line for line in lines if not line.startswith("take_vital_signs,")]
    trimmed.write_text("".join(kept), encoding="utf-8")
    found = {f.term: f for f in UncoveredWords(load_glossary(trimmed)).findings(read_corpus(CORPUS))}
    assert found["测量"].count == 2


def test_min_count_and_top_limit_the_candidates():
    glossary, docs = load_glossary(GLOSSARY), read_corpus(CORPUS)
    frequent = {f.term for f in UncoveredWords(glossary).findings(docs, min_count=3)}
    assert frequent == {"病历", "rekam", "medis", "rekam medis"}
    top = UncoveredWords(glossary).findings(docs, top=1)
    assert sorted((f.lang, f.term) for f in top) == [("id", "medis"), ("zh", "病历")]


def test_a_corpus_is_read_from_corpus_jsonl_or_docs(tmp_path):
    lines = [json.dumps(json.loads(p.read_text(encoding="utf-8")), ensure_ascii=False)
             for p in sorted((CORPUS / "docs").glob("*.json"))]
    (tmp_path / "corpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    from_jsonl = [d.doc_id for d in read_corpus(tmp_path)]
    assert from_jsonl == [d.doc_id for d in read_corpus(CORPUS)] == ["en_page", "id_page", "zh_page"]
    assert [d.doc_id for d in read_corpus(tmp_path / "corpus.jsonl")] == from_jsonl
    with pytest.raises(FileNotFoundError):
        read_corpus(tmp_path / "nothing")


def test_a_broken_glossary_skips_the_corpus_with_a_note():
    result = check(DATA / "broken.csv", CORPUS)
    assert result.docs == 3
    assert result.notes and "not checked" in result.notes[0]
    assert not [f for f in result.findings if f.kind in ("missing_term", "uncovered_word", "unseen_concept")]


def test_findings_are_sorted_errors_first(corpus_result):
    severities = [f.severity for f in corpus_result.findings]
    assert severities == sorted(severities, key=lambda s: s != ERROR)
    assert corpus_result.count(ERROR) == 1 and corpus_result.count(WARNING) == len(severities) - 1


# --- outputs and the command ------------------------------------------------------------------------------


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_spreadsheet_formulas_are_neutralised(start):
    assert spreadsheet_safe(f"{start}HYPERLINK(\"http://x\")") == f"'{start}HYPERLINK(\"http://x\")"


def test_ordinary_cells_are_kept():
    cells = ["护士", "rekam medis", "a=b", ""]
    assert [spreadsheet_safe(cell) for cell in cells] == cells


def test_findings_csv_has_one_row_per_finding_and_no_live_formulas(corpus_result):
    rows = list(csv.DictReader(io.StringIO(findings_csv(corpus_result.findings))))
    assert len(rows) == len(corpus_result.findings)
    rekam = next(row for row in rows if row["term"] == "rekam")
    assert rekam["context"] == "'=1+1 Perawat mencatat rekam medis pasien."
    assert (rekam["doc_id"], rekam["block"], rekam["severity"]) == ("id_page", "0", WARNING)
    assert not [cell for row in rows for cell in row.values() if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_the_command_writes_csv_json_and_html_and_exits_1_on_errors(kbnorm, tmp_path, capsys):
    out = tmp_path / "check"
    assert kbnorm(["glossary", "check", "--glossary", str(GLOSSARY), "--corpus", str(CORPUS),
                  "--out", str(out)]) == 1
    printed = capsys.readouterr().out
    assert "missing_term" in printed and "1 error, 9 warnings (3 pages)" in printed
    for name in ("findings.csv", "findings.json", "report.html"):
        assert str(out / name) in printed
    assert (out / "findings.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # Excel needs the BOM for UTF-8
    report = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert (report["schema"], report["docs"], report["errors"]) == ("kbnorm.glossary-check/1", 3, 1)
    assert {f["kind"] for f in report["findings"]} <= set(KINDS)
    assert not list(out.glob(".*.tmp"))


def test_exit_0_when_only_warnings(kbnorm, tmp_path):
    assert kbnorm(["glossary", "check", "--glossary", str(DATA / "warnings.csv"),
                   "--out", str(tmp_path)]) == 0
    report = json.loads((tmp_path / "findings.json").read_text(encoding="utf-8"))
    assert report["errors"] == 0 and report["warnings"] == 6


def test_exit_1_on_a_broken_glossary(kbnorm, tmp_path, capsys):
    assert kbnorm(["glossary", "check", "--glossary", str(DATA / "broken.csv"), "--out", str(tmp_path)]) == 1
    printed = capsys.readouterr().out
    assert f"{DATA / 'broken.csv'}:3: duplicate_concept" in printed


def test_the_default_output_folder(kbnorm, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(GLOSSARY, tmp_path / "glossary.csv")  # ./glossary.csv is the default glossary
    assert kbnorm(["glossary", "check"]) == 0
    assert (tmp_path / "glossary-check" / "report.html").is_file()


@pytest.mark.parametrize("argv", [
    ["--glossary", "/nonexistent/glossary.csv"],
    ["--corpus", "/nonexistent/normalized"],
])
def test_exit_2_on_a_missing_file(kbnorm, argv, tmp_path, capsys):
    assert kbnorm(["glossary", "check", "--glossary", str(GLOSSARY), *argv, "--out", str(tmp_path)]) == 2
    assert "/nonexistent/" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["glossary"], ["glossary", "check", "--min-count", "0"],
                                  ["glossary", "check", "--bogus"]])
def test_exit_2_on_bad_usage(kbnorm, argv):
    with pytest.raises(SystemExit) as stopped:
        kbnorm(argv)
    assert stopped.value.code == 2


def test_help_states_severities_outputs_and_exit_codes(kbnorm, capsys):
    with pytest.raises(SystemExit):
        kbnorm(["glossary", "check", "--help"])
    text = capsys.readouterr().out
    for needle in ("errors are what makes `kbnorm run` refuse the glossary", "everything else is a warning",
                   "findings.csv", "report.html#filter=", "exit status: 0 no errors"):
        assert needle in text
