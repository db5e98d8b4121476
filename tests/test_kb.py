"""The knowledge base merges what pages state per role, the same whatever order pages come in."""

from __future__ import annotations

import json

import pytest

from pipeline.context import Context
from pipeline.glossary import Glossary
from pipeline.kb import KnowledgeBase, KnowledgeMerge, contribution
from pipeline.model import Doc, Fact, Source

from .test_extract import PAGES, read

ENGLISH_PAGE = """Pharmacy Assistant Duties

Pharmacy assistants' duties include the following:

- Receiving prescriptions from patients
- Answering phones and processing insurance claims
"""


def _doc(doc_id: str, facts: list[Fact]) -> Doc:
    return Doc(
        doc_id=doc_id,
        source=Source(f"{doc_id}.txt", "0" * 64, 0, "utf-8", "text"),
        roles=sorted({f.role for f in facts}),
        duties=facts,
    )


def _entry(kb: dict, role: str, text: str) -> dict:
    return next(e for e in kb["roles"][role]["duties"] if e["text"] == text)


@pytest.fixture(scope="module")
def merged(glossary: Glossary) -> dict:
    ctx = Context(glossary=glossary)
    kb = KnowledgeBase()
    kb.add(read(ENGLISH_PAGE, ctx, "en-page"))
    kb.add(read((PAGES / "asisten_apoteker_id.txt").read_text(encoding="utf-8"), ctx, "id-page"))
    return kb.to_json()


def test_a_duty_stated_in_english_and_in_indonesian_is_one_entry(merged: dict) -> None:
    duties = merged["roles"]["pharmacy_assistant"]["duties"]
    receive = [e for e in duties if e["concept"] == "receive_prescriptions"]
    assert len(receive) == 1
    entry = receive[0]
    assert entry["pages"] == ["en-page", "id-page"] and entry["count"] == 2
    assert entry["quotes"] == {
        "en": "Receiving prescriptions from patients",
        "id": "Menerima resep dari pasien",
    }
    assert entry["text"] == "receive prescriptions from patients"  # the English page's words


def test_a_duty_on_one_page_names_that_page_only(merged: dict) -> None:
    claims = [
        e
        for e in merged["roles"]["pharmacy_assistant"]["duties"]
        if e["concept"] == "process_insurance_claims"
    ]
    assert [(e["pages"], e["count"]) for e in claims] == [(["en-page"], 1)]
    assert merged["roles"]["pharmacy_assistant"]["pages"] == ["en-page", "id-page"]


def test_facts_without_a_concept_merge_by_their_words() -> None:
    kb = KnowledgeBase()
    kb.add(
        _doc(
            "a",
            [
                Fact(
                    "medical_assistant",
                    "record patients' medical histories",
                    None,
                    3,
                    "en",
                    "Recording patients' medical histories",
                )
            ],
        )
    )
    kb.add(
        _doc("b", [Fact("medical_assistant", "recording patient medical history", None, 1, "zh", "记录病史")])
    )
    duties = kb.to_json()["roles"]["medical_assistant"]["duties"]
    assert len(duties) == 1
    assert duties[0]["pages"] == ["a", "b"] and duties[0]["quotes"] == {
        "en": "Recording patients' medical histories",
        "zh": "记录病史",
    }


def test_output_does_not_depend_on_the_order_pages_are_added() -> None:
    docs = [
        _doc("p1", [Fact("nurse", "take vital signs", "take_vital_signs", 0, "en", "Taking vital signs")]),
        _doc(
            "p2", [Fact("nurse", "measure vital signs", "take_vital_signs", 2, "id", "mengukur tanda vital")]
        ),
        _doc("p3", [Fact("nurse", "chart patient care", None, 1, "en", "Charting patient care")]),
    ]
    forward, backward = KnowledgeBase(), KnowledgeBase()
    for doc in docs:
        forward.add(doc)
    for doc in reversed(docs):
        backward.add(doc)
    assert json.dumps(forward.to_json()) == json.dumps(backward.to_json())
    entry = forward.to_json()["roles"]["nurse"]["duties"][0]
    assert entry["count"] == 2 and entry["text"] == "take vital signs"  # stated in English wins the tie


def test_adding_a_page_again_replaces_what_it_said() -> None:
    kb = KnowledgeBase()
    kb.add(_doc("p", [Fact("nurse", "take vital signs", "take_vital_signs", 0, "en", "Taking vital signs")]))
    kb.add(_doc("p", [Fact("nurse", "chart patient care", None, 1, "en", "Charting patient care")]))
    duties = kb.to_json()["roles"]["nurse"]["duties"]
    assert [(e["text"], e["count"]) for e in duties] == [("chart patient care", 1)]


def test_a_run_merges_pages_as_they_come_to_what_the_knowledge_base_gives(glossary: Glossary) -> None:
    ctx = Context(glossary=glossary)
    docs = [read(path.read_text(encoding="utf-8"), ctx, path.stem) for path in sorted(PAGES.glob("*.txt"))]
    kb, merge = KnowledgeBase(), KnowledgeMerge()
    for doc in reversed(docs):
        kb.add(doc)
    for doc in docs:
        merge.add_contribution(doc.doc_id, contribution(doc))
    expected = kb.to_json()
    assert sum(len(role["duties"]) for role in expected["roles"].values()) > 10
    assert merge.to_json() == expected


def test_the_running_merge_refuses_a_page_out_of_doc_id_order() -> None:
    merge = KnowledgeMerge()
    merge.add_contribution("b", {"roles": ["nurse"], "facts": []})
    with pytest.raises(ValueError, match="doc_id order"):
        merge.add_contribution("a", {"roles": ["nurse"], "facts": []})
    with pytest.raises(ValueError, match="doc_id order"):
        merge.add_contribution("b", {"roles": ["nurse"], "facts": []})
