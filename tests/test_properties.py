"""Property-based: whatever text arrives, the pipeline neither crashes nor breaks the contract."""
from __future__ import annotations

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.context import Context
from pipeline.pages import build_doc
from pipeline.process import process_doc
from pipeline.read import RawPage

FRAGMENTS = ["Medical assistants ", "医疗助理", "s ", "o的r ", "tanda-tanda vital ", "• ", "- ", "1. ",
             "What Is a Pharmacy Technician?\n", "\n\n", "技能", "Tugas Asisten Apoteker\n", "(BLS)", "。",
             "Learn More", "Text HELP to 85109", '" class="hidden">', "\t", "\u200b", "\u3000", "Ｗ年龄"]

mixed_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(min_size=1, max_size=30)),
                      min_size=1, max_size=40).map("".join)
hostile_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=400)
long_lines = st.builds(lambda word, n: (word + " ") * n, st.sampled_from(["nurse", "护士", "perawat", "x"]),
                       st.integers(min_value=500, max_value=3000))


@pytest.fixture(scope="module")
def pipeline(glossary, doc_schema) -> tuple[Context, jsonschema.Draft202012Validator]:
    return Context(glossary=glossary), jsonschema.Draft202012Validator(doc_schema)


def _check(text: str, fmt: str, pipeline: tuple[Context, jsonschema.Draft202012Validator]) -> None:
    ctx, validator = pipeline
    page = RawPage(path="generated.txt", data=text.encode("utf-8"), format=fmt, name="generated")
    try:
        doc = process_doc(build_doc(page, "generated"), ctx)
    except Exception as err:  # empty or binary-looking input is reported by the reader, by design
        from pipeline.read import ReadError

        assert isinstance(err, ReadError), err
        return
    data = doc.to_json()
    assert [error.message for error in validator.iter_errors(data)] == []
    for block in doc.blocks:
        assert block.text, "no empty blocks"
        spans = block.spans
        assert spans[0].start == 0 and spans[-1].end == len(block.text)
        assert all(a.end == b.start and a.start < a.end for a, b in zip(spans, spans[1:], strict=False))
    for term in doc.terms:
        text_of_block = doc.blocks[term.block].text
        assert 0 <= term.start < term.end <= len(text_of_block)
        assert text_of_block[term.start:term.end] == term.source
    for fact in doc.duties + doc.skills:
        assert 0 <= fact.block < len(doc.blocks)
    for repair in doc.repairs:
        assert 0 <= repair.block < len(doc.blocks)
    if doc.blocks:
        assert abs(sum(doc.languages.values()) - 1) < 0.01


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(text=mixed_text, fmt=st.sampled_from(["text", "markdown", "html"]))
def test_mixed_scripts_and_page_debris(text: str, fmt: str, pipeline) -> None:
    _check(text, fmt, pipeline)


@SETTINGS
@given(text=hostile_text)
def test_random_unicode_and_control_characters(text: str, pipeline) -> None:
    _check(text, "text", pipeline)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=long_lines)
def test_very_long_lines(text: str, pipeline) -> None:
    _check(text, "text", pipeline)
