"""HTML main-content extraction on labelled pages in the styles of common site builders.

Each page in tests/data/html/ has a labels file written by hand: the headings that are
content, strings that must survive as blocks of a given kind, and strings that are chrome
with the reason they must be removed for.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.html import HtmlContent, declared_charset, extract_html
from pipeline.html_meta import strip_site_name
from pipeline.read import decode

PAGES = Path(__file__).parent / "data" / "html"
LABELLED = sorted(p.name.removesuffix(".labels.json") for p in PAGES.glob("*.labels.json"))


def labels_of(name: str) -> dict:
    return json.loads((PAGES / f"{name}.labels.json").read_text(encoding="utf-8"))


_EXTRACTED: dict[str, HtmlContent] = {}


def extracted(name: str) -> HtmlContent:
    if name not in _EXTRACTED:
        data = (PAGES / f"{name}.html").read_bytes()
        text, _ = decode(data, declared_charset(data))
        _EXTRACTED[name] = extract_html(text)
    return _EXTRACTED[name]


def test_the_labelled_set_covers_the_builders_and_languages():
    langs = {labels_of(name)["lang_hint"] for name in LABELLED}
    assert len(LABELLED) >= 6
    assert {"en", "zh", "id"} <= langs


@pytest.mark.parametrize("name", LABELLED)
def test_content_headings_come_out_as_heading_blocks(name):
    headings = {(b.depth, b.text) for b in extracted(name).blocks if b.kind == "heading"}
    missing = [tuple(h) for h in labels_of(name)["headings"] if tuple(h) not in headings]
    assert not missing, f"headings lost or at the wrong level: {missing}"


@pytest.mark.parametrize("name", LABELLED)
def test_content_survives_as_blocks_of_its_kind(name):
    blocks = extracted(name).blocks
    lost = [
        (kind, text)
        for kind, text in labels_of(name)["content"]
        if not any(b.kind == kind and text in b.text for b in blocks)
    ]
    assert not lost, f"content lost or of the wrong kind: {lost}"


@pytest.mark.parametrize("name", LABELLED)
def test_no_chrome_string_is_in_any_block(name):
    blocks = extracted(name).blocks
    leaked = [text for _, text in labels_of(name)["chrome"] if any(text in b.text for b in blocks)]
    assert not leaked, f"chrome kept as content: {leaked}"


@pytest.mark.parametrize("name", LABELLED)
def test_each_chrome_element_is_removed_with_its_reason(name):
    removed = extracted(name).removed
    wrong = [
        (reason, text)
        for reason, text in labels_of(name)["chrome"]
        if not any(r.reason == reason and text in r.text for r in removed)
    ]
    assert not wrong, f"chrome not recorded with this reason: {wrong}"


@pytest.mark.parametrize("name", LABELLED)
def test_scripts_styles_and_comments_are_counted_once(name):
    markup = [r for r in extracted(name).removed if r.reason == "markup"]
    assert len(markup) == 1
    assert int(markup[0].text.split()[0]) == labels_of(name)["markup"]


@pytest.mark.parametrize("name", LABELLED)
def test_title_loses_the_site_name_and_lang_is_a_hint(name):
    content, labels = extracted(name), labels_of(name)
    assert content.title == labels["title"]
    assert content.lang_hint == labels["lang_hint"]


@pytest.mark.parametrize("name", LABELLED)
def test_blocks_are_numbered_and_fall_under_an_earlier_heading(name):
    blocks = extracted(name).blocks
    assert [b.index for b in blocks] == list(range(len(blocks)))
    for block in blocks:
        if block.section is not None:
            assert block.section < block.index and blocks[block.section].kind == "heading"


def test_a_gb18030_page_declared_only_in_meta_is_decoded_with_its_declaration():
    data = (PAGES / "dedecms_zh_pharmacist.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert declared_charset(data) == "gb18030"  # declared as gb2312, read as its superset
    text, encoding = decode(data, declared_charset(data))
    assert encoding == "gb18030"
    assert "药剂师的主要职责" in text


@pytest.mark.parametrize(
    ("head", "codec"),
    [
        (b'<meta charset="windows-1252">', "cp1252"),
        (b"<meta charset=UTF-8>", "utf-8"),
        (b'<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=GBK">', "gb18030"),
        (b'<meta content="text/html; charset=\'big5\'" http-equiv="content-type">', "big5"),
        (b'<meta charset="utf-16">', "utf-8"),  # markup readable as ASCII cannot be UTF-16
        (b'<meta charset="no-such-codec">', None),
        (b'<meta charset="x-unknown"><meta charset="gb2312">', "gb18030"),
        (b"<meta name=viewport content=width=device-width>", None),
    ],
)
def test_declared_charset_reads_meta_tags(head, codec):
    assert (
        declared_charset(b"<html><head>" + head + b"<title>x</title></head><body>\xe9</body></html>") == codec
    )


def test_declared_charset_looks_only_at_the_first_few_kilobytes():
    late = b"<html><head><!--" + b"x" * 5000 + b'--><meta charset="cp1252"></head></html>'
    assert declared_charset(late) is None


def blocks_of(html: str) -> list[tuple[str, int, str]]:
    return [(b.kind, b.depth, b.text) for b in extract_html(html).blocks]


def test_heading_text_split_across_tags_and_br_is_read_whole():
    html = "<h2><strong>What Does a</strong> <em>Pharmacy</em><br>\n  Technician <span>Do?</span></h2>"
    assert blocks_of(html) == [("heading", 2, "What Does a Pharmacy Technician Do?")]


def test_a_br_inside_chinese_heading_adds_no_space():
    assert blocks_of("<h1>药剂技术员：<br>职责与培训</h1>") == [("heading", 1, "药剂技术员：职责与培训")]


def test_faq_questions_become_headings_with_their_answers_under_them():
    html = """<h2>FAQ</h2>
      <details><summary>Is it hard?</summary><p>Not very.</p></details>
      <div class="acc"><div role="button" aria-controls="p2" aria-expanded="false">Is it long?</div>
        <div id="p2" hidden><p>Nine months.</p></div></div>
      <dl><dt>CPhT</dt><dd>Certified Pharmacy Technician</dd></dl>"""
    blocks = extract_html(html).blocks
    assert [(b.kind, b.depth, b.text, b.section) for b in blocks] == [
        ("heading", 2, "FAQ", None),
        ("heading", 3, "Is it hard?", 0),
        ("paragraph", 0, "Not very.", 1),
        ("heading", 3, "Is it long?", 0),
        ("paragraph", 0, "Nine months.", 3),
        ("heading", 3, "CPhT", 0),
        ("paragraph", 0, "Certified Pharmacy Technician", 5),
    ]


def test_lists_tables_and_card_titles_keep_their_shape():
    html = """<ul><li>Draw blood<ul><li>Venipuncture</li></ul></li><li>Label<br>tubes</li></ul>
      <table><tr><th></th><th>MA</th></tr><tr><td>Length</td><td>9 <b>months</b></td></tr></table>
      <div class="card"><div class="card-body">
        <h5 class="card-title">Hospital</h5><p>Rounds with physicians.</p></div></div>"""
    assert blocks_of(html) == [
        ("list_item", 0, "Draw blood"),
        ("list_item", 1, "Venipuncture"),
        ("list_item", 0, "Label tubes"),
        ("table_row", 0, "MA"),
        ("table_row", 0, "Length | 9 months"),
        ("paragraph", 0, "Hospital: Rounds with physicians."),
    ]


def test_a_br_in_a_paragraph_ends_a_line_block():
    assert blocks_of("<p>1. Check the order;<br>2. Label the tube.</p>") == [
        ("paragraph", 0, "1. Check the order;"),
        ("paragraph", 0, "2. Label the tube."),
    ]


def test_a_site_header_holding_the_h1_is_content_but_its_menu_is_not():
    content = extract_html("""<header>
      <nav><a href="/">Home</a><a href="/a">About</a><a href="/b">Blog</a></nav>
      <h1>Phlebotomy Course</h1></header><main><p>Eight weeks of practice.</p></main>""")
    assert [b.text for b in content.blocks] == ["Phlebotomy Course", "Eight weeks of practice."]
    assert [(r.reason, r.text) for r in content.removed] == [("navigation", "Home About Blog")]


def test_an_articles_own_header_and_footer_stay():
    content = extract_html("""<header class="site-header"><a href="/">Crestview</a></header>
      <article><header><h1>Duties</h1></header><p>Room patients.</p><footer><p>Reviewed by our RN faculty.</p>
      </footer></article><footer><p>© Crestview</p></footer>""")
    assert [b.text for b in content.blocks] == ["Duties", "Room patients.", "Reviewed by our RN faculty."]
    assert [r.reason for r in content.removed] == ["header", "footer"]


def test_hidden_modals_are_removed_but_collapsed_answers_kept():
    content = extract_html("""<div class="modal fade" aria-hidden="true"><p>Sign in</p></div>
      <div style="display: none"><p>Promo</p></div><dialog><p>Subscribe</p></dialog>
      <button aria-controls="a1" aria-expanded="false">Why?</button>
      <div id="a1" style="display:none">Because.</div>""")
    assert [b.text for b in content.blocks] == ["Why?", "Because."]
    assert [(r.reason, r.text) for r in content.removed] == [
        ("hidden", "Sign in"),
        ("hidden", "Promo"),
        ("hidden", "Subscribe"),
    ]


def test_a_call_to_action_banner_goes_but_a_card_with_a_link_stays():
    content = extract_html("""<main><h2>Where they work</h2>
      <div class="card"><h3>Hospitals</h3><p>Inpatient pharmacies run around the clock.</p>
        <a class="btn" href="/hospital">Learn more</a></div>
      <section><h2>Ready to enroll?</h2><p>Classes start every month.</p>
        <a class="btn btn-primary" href="/apply">Apply now</a></section></main>""")
    texts = [b.text for b in content.blocks]
    assert "Inpatient pharmacies run around the clock." in texts and "Hospitals" in texts
    assert "Ready to enroll?" not in texts
    assert ("cta", "Ready to enroll? Classes start every month. Apply now") in [
        (r.reason, r.text) for r in content.removed
    ]


def test_teasers_of_other_pages_are_navigation_but_a_repeated_link_in_prose_is_not():
    teaser = (
        '<div><h3><a href="/{0}">{0} course</a></h3><p>Short summary.</p><a href="/{0}">Read more</a></div>'
    )
    content = extract_html(f"""<h1>Phlebotomy</h1><p>See the <a href="/bls">BLS</a> outlook; the
      <a href="/bls">BLS</a> expects growth.</p><section><h2>More courses</h2>
      {teaser.format("cna")}{teaser.format("ekg")}</section>""")
    assert [b.text for b in content.blocks] == ["Phlebotomy", "See the BLS outlook; the BLS expects growth."]
    assert [r.reason for r in content.removed] == ["navigation"]


def test_forms_and_cookie_notices_are_removed_with_their_reasons():
    content = extract_html("""<p>Content stays.</p><form><label>Email</label><input><button>Go</button></form>
      <div role="dialog" aria-live="polite"><p>This site uses cookies.</p><button>Accept</button></div>""")
    assert [b.text for b in content.blocks] == ["Content stays."]
    assert [r.reason for r in content.removed] == ["form", "consent"]


def test_hidden_on_phones_only_is_not_hidden():
    content = extract_html("""<div class="hidden md:block"><p>Desktop facts.</p></div>
      <div class="d-none d-lg-flex"><p>Wide-screen note.</p></div>
      <div class="hidden"><p>Phone menu</p></div>""")
    assert [b.text for b in content.blocks] == ["Desktop facts.", "Wide-screen note."]
    assert [(r.reason, r.text) for r in content.removed] == [("hidden", "Phone menu")]


def test_a_class_hidden_by_the_pages_own_style_sheet_is_hidden():
    content = extract_html("""<style>.boxoff{display:none}
      @media (max-width:600px){.wide{display:none}}</style>
      <p class="boxoff">----</p><p class="wide">Shown on desktops.</p>""")
    assert [b.text for b in content.blocks] == ["Shown on desktops."]
    assert ("hidden", "----") in [(r.reason, r.text) for r in content.removed]


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        ("Pharmacy Technician Program | Crestview Institute", None, "Pharmacy Technician Program"),
        (
            "Crestview Institute - Pharmacy Technician Program",
            "Crestview Institute",
            "Pharmacy Technician Program",
        ),
        ("Pharmacy Technician - Job Description - Acme", None, "Pharmacy Technician - Job Description"),
        ("药剂师岗位职责_华康卫生职业学校", None, "药剂师岗位职责"),
        ("Entry-Level Healthcare Jobs", None, "Entry-Level Healthcare Jobs"),
    ],
)
def test_the_site_name_is_stripped_from_titles(title, site, expected):
    assert strip_site_name(title, site) == expected


def test_a_page_without_body_text_gives_no_blocks():
    content = extract_html("<html><head><title>Empty | Site</title><script>x()</script></head></html>")
    assert content.blocks == [] and content.title == "Empty"
    assert [r.reason for r in content.removed] == ["markup"]
