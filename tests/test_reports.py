"""The HTML reports, opened in headless Chromium: tables, filters from the URL, concordances, and page
text that tries to run as script."""
from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from pipeline.corpus_check import read_corpus
from pipeline.glossary_check import check, write_reports
from pipeline.kb import KnowledgeBase
from pipeline.report_html import findings_page, script_json
from pipeline.run_report import render_run_report
from pipeline.runner import write_corpus_files
from tests.browser import dump_dom, screenshot

DATA = Path(__file__).resolve().parent / "data" / "check"
PLANTED = "<script>document.title='pwned';document.documentElement.setAttribute('data-pwned','1')</script>"
PLANTED_IMG = "<img src=x onerror=\"document.title='pwned'\">"


@pytest.fixture(scope="module")
def findings_html(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("check")
    write_reports(check(DATA / "glossary.csv", DATA / "corpus"), out)
    return out / "report.html"


@pytest.fixture(scope="module")
def run_out(tmp_path_factory) -> Path:
    """A run's output folder holding the test corpus, with report.html written as the run would."""
    out = tmp_path_factory.mktemp("normalized")
    shutil.copytree(DATA / "corpus" / "docs", out / "docs")
    write_corpus_files(out, sorted(path.stem for path in (out / "docs").glob("*.json")))
    return out


def _kb(docs) -> dict:
    kb = KnowledgeBase()
    for doc in docs:
        kb.add(doc)
    return kb.to_json()


def _dom(page: Path, fragment: str = "") -> LexborHTMLParser:
    return LexborHTMLParser(dump_dom(page, fragment))


def _shown(rows) -> list:
    return [row for row in rows if "hidden" not in row.attributes]


# --- safe embedding ---------------------------------------------------------------------------------------


def test_script_json_cannot_end_or_confuse_its_script_element():
    data = {"text": "</script><script>alert(1)</script><!-- -->\u2028\u2029 & é 医疗"}
    embedded = script_json(data)
    assert "<" not in embedded and ">" not in embedded and "&" not in embedded
    assert "\u2028" not in embedded and "\u2029" not in embedded
    assert json.loads(embedded) == data


def test_page_text_never_reaches_the_markup_unescaped(findings_html, run_out):
    findings, run = (page.read_text(encoding="utf-8") for page in (findings_html, run_out / "report.html"))
    assert PLANTED not in findings and "\\u003cscript\\u003edocument.title" in findings  # inside the JSON
    assert PLANTED not in run and PLANTED_IMG not in run and "&lt;img src=x onerror=" in run
    assert "<b>Medical" not in run and "<i>communication" not in run


def test_the_content_security_policy_names_exactly_the_pages_own_scripts(findings_html):
    source = findings_html.read_text(encoding="utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', source).group(1)
    scripts = re.findall(r"<script>(.*?)</script>", source, flags=re.DOTALL)
    hashes = {f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts}
    assert len(scripts) == 2
    assert set(re.search(r"script-src ([^;]*)", policy).group(1).split()) == hashes
    assert "default-src 'none'" in policy


def test_the_findings_page_holds_the_findings_json(findings_html):
    source = findings_html.read_text(encoding="utf-8")
    pattern = r'<script type="application/json" id="kbnorm-data">(.*?)</script>'
    embedded = re.search(pattern, source, re.DOTALL).group(1)
    report = json.loads(embedded)
    assert report == json.loads((findings_html.parent / "findings.json").read_text(encoding="utf-8"))


def test_the_run_report_is_the_same_bytes_every_time(run_out):
    docs = read_corpus(run_out)
    assert render_run_report(docs, _kb(docs)) == (run_out / "report.html").read_text(encoding="utf-8")
    assert not list(run_out.glob(".*.tmp"))


# --- the findings page in Chromium ------------------------------------------------------------------------


def test_the_findings_table_is_built_and_the_planted_script_did_not_run(findings_html):
    dom = _dom(findings_html)
    report = json.loads((findings_html.parent / "findings.json").read_text(encoding="utf-8"))
    rows = dom.css("#findings tbody[data-row]")
    assert len(rows) == len(report["findings"]) > 0
    assert [c.text() for c in rows[0].css("tr")[0].css("td")][:3] == ["error", "missing_term", "3"]
    assert dom.css_first("title").text() == "Glossary check"
    assert not dom.css("[data-pwned]")
    assert len(dom.css("script")) == 3  # the data and kbnorm's two scripts: nothing planted became one
    contexts = " ".join(node.text() for node in dom.css("tr.concordance"))
    assert PLANTED in contexts  # shown as text, literally


def test_an_initial_filter_from_the_url_shows_only_matching_rows(findings_html):
    rows = _dom(findings_html, "filter=missing_term").css("#findings tbody[data-row]")
    shown = _shown(rows)
    assert [row.css("td")[1].text() for row in shown] == ["missing_term"]
    assert len(rows) > len(shown)


def test_every_filter_word_must_occur(findings_html):
    dom = _dom(findings_html, "filter=" + "uncovered_word%20zh")
    shown = _shown(dom.css("#findings tbody[data-row]"))
    assert sorted(row.css("td")[5].text() for row in shown) == ["抽血", "病历"]
    assert dom.css_first("#shown").text() == f"2 of {len(dom.css('#findings tbody[data-row]'))} rows"


def test_sorting_from_the_url(findings_html):
    dom = _dom(findings_html, "filter=uncovered_word&sort=-count")
    counts = [int(row.css("td")[6].text()) for row in _shown(dom.css("#findings tbody[data-row]"))]
    assert counts == sorted(counts, reverse=True) and counts[0] == 3 and counts[-1] == 2
    assert dom.css_first('th[data-sort="count"]').attributes["aria-sort"] == "descending"


def test_each_terms_concordance_highlights_the_term(findings_html):
    dom = _dom(findings_html, "filter=uncovered_word%20病历&contexts")
    rows = _shown(dom.css("#findings tbody[data-row]"))
    (row,) = [row for row in rows if row.css("td")[5].text() == "病历"]
    detail = row.css_first("tr.concordance")
    assert "hidden" not in detail.attributes
    marks = [mark.text() for mark in detail.css("mark")]
    assert marks == ["病历", "病历", "病历"]
    first = detail.css_first(".context")
    assert first.css_first(".where").text() == "zh_page · block 1"
    assert "medical records" in first.css_first(".en").text()


def test_a_screenshot_of_the_findings_page(findings_html, tmp_path):
    png = tmp_path / "findings.png"
    assert screenshot(findings_html, png, "filter=uncovered_word&contexts", size=(1280, 900)) == (1280, 900)
    assert png.stat().st_size > 20_000  # a rendered table, not a blank page


# --- the run report in Chromium ---------------------------------------------------------------------------


def test_the_run_report_shows_roles_with_their_duties_and_pages(run_out):
    dom = _dom(run_out / "report.html")
    role = dom.css_first("#role-medical_assistant")
    rows = [[cell.text() for cell in row.css("td")] for row in role.css("tr[data-row]")]
    assert ["take vital signs", "take_vital_signs", "1", "en_page"] == rows[0][:4]
    assert [a.attributes["href"] for a in role.css("tr[data-row] a")][:1] == ["#page-en_page"]
    assert dom.css_first("#role-nurse tr[data-row] td").text() == "take vital signs"
    assert dom.css_first("#role-nurse p.meta").text() == "Pages: id_page, zh_page"


def test_the_run_report_shows_what_each_page_lost_and_what_was_repaired(run_out):
    dom = _dom(run_out / "report.html")
    page = dom.css_first("#page-zh_page")
    cells = [[cell.text() for cell in row.css("td")] for row in page.css("tr[data-row]")]
    assert cells == [["cta", "立即报名！"], ["1", "o的r", "other"]]
    assert [h.text() for h in page.css("h4")] == ["Removed (1)", "Repaired (1)"]


def test_markup_in_pages_shows_as_text_and_does_not_run(run_out):
    dom = _dom(run_out / "report.html")
    assert dom.css_first("title").text() == "kbnorm run report"
    assert not dom.css("[data-pwned]") and not dom.css("main img") and not dom.css("main b, main i")
    removed = [row.text() for row in dom.css("#page-en_page tr[data-row]")]
    assert any(PLANTED_IMG in text for text in removed)
    assert dom.css_first("#page-zh_page h3").text().startswith("<b>Medical assistant</b> work")
    assert "<i>communication</i>" in dom.css_first("#role-medical_assistant").text()


def test_filtering_the_run_report_hides_sections_without_a_match(run_out):
    dom = _dom(run_out / "report.html", "filter=cta")
    shown = _shown(dom.css("tr[data-row]"))
    assert [row.css("td")[0].text() for row in shown] == ["cta", "cta"]
    visible_sections = [s.attributes["id"] for s in _shown(dom.css("section[data-section]"))]
    assert visible_sections == ["page-en_page", "page-zh_page"]
    repaired = dom.css("#page-en_page div[data-group]")[1]  # it has nothing repaired
    assert "hidden" in repaired.attributes


def test_a_section_title_matches_all_its_rows(run_out):
    dom = _dom(run_out / "report.html", "filter=medical_assistant")
    shown = {s.attributes["id"] for s in dom.css("section[data-section]") if "hidden" not in s.attributes}
    assert shown == {"role-medical_assistant"}
    assert len(_shown(dom.css("#role-medical_assistant tr[data-row]"))) == 2


def test_a_screenshot_of_the_run_report(run_out, tmp_path):
    png = tmp_path / "run.png"
    assert screenshot(run_out / "report.html", png, size=(1200, 1600)) == (1200, 1600)
    assert png.stat().st_size > 20_000


def test_the_run_report_of_a_real_run(seeds_output, tmp_path):
    """raw/ through `kbnorm run`, then the report: every role and every removed piece is there."""
    docs = read_corpus(seeds_output)
    kb = json.loads((seeds_output / "knowledge_base.json").read_text(encoding="utf-8"))
    page = tmp_path / "report.html"
    page.write_text(render_run_report(docs, kb), encoding="utf-8")
    dom = _dom(page)
    assert {s.attributes["id"] for s in dom.css("section[id^=role-]")} == {f"role-{r}" for r in kb["roles"]}
    removed = [row.css("td")[1].text() for doc in docs
               for row in dom.css(f"#page-{doc.doc_id} div[data-group]")[0].css("tr[data-row]")]
    assert removed == [r.text for doc in docs for r in doc.removed]


def test_findings_page_without_a_corpus_says_so():
    report = {"glossary": "g.csv", "corpus": None, "docs": 0, "notes": [], "findings": []}
    assert "no corpus" in findings_page(report)
