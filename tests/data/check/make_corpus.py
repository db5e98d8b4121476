"""Writes corpus/docs/*.json beside this file: the kbnorm.doc/1 pages the glossary-check and report
tests read.

Each page plants one kind of finding (a term missing from the English, a concept written
two ways, uncovered zh and id words, a cell a spreadsheet would run, markup that must stay
text). Offsets are computed, not typed. After changing a page, rerun from the project root:
`.venv/bin/python tests/data/check/make_corpus.py`.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pipeline.model import Block, Doc, Fact, Removal, Repair, Source, Span, Term, Title

OUT = Path(__file__).resolve().parent / "corpus" / "docs"
PLANT = ("<script>document.title='pwned';document.documentElement.setAttribute('data-pwned','1')</script>"
         "<!-- ")


def _source(name: str, text: str) -> Source:
    data = text.encode()
    return Source(path=f"raw/{name}.txt", sha256=hashlib.sha256(data).hexdigest(), bytes=len(data),
                  encoding="utf-8", format="text")


def _block(index: int, kind: str, text: str, text_en: str, spans: list[Span],
           section: int | None = None) -> Block:
    lang = max(spans, key=lambda s: s.end - s.start).lang
    return Block(index=index, kind=kind, text=text, text_en=text_en, section=section, lang=lang,
                 engine="glossary", spans=spans)


def _term(block: Block, concept: str, lang: str, source: str, target: str, status: str) -> Term:
    start = block.text.index(source)
    return Term(concept, lang, source, target, block.index, start, start + len(source), status)


def zh_page() -> Doc:
    b0 = _block(0, "heading", "医疗助理的工作", "The work of a medical assistant", [Span(0, 7, "zh")])
    b1 = _block(1, "paragraph", "护士负责整理病历和抽血。",
                "Responsible for organizing medical records and drawing blood.", [Span(0, 12, "zh")], 0)
    text = PLANT + "病历要及时归档，抽血前核对病历。"
    english = PLANT + "Medical records must be filed in time; check the medical records before drawing blood."
    spans = [Span(0, len(PLANT), "en"), Span(len(PLANT), len(text), "zh")]
    b2 = _block(2, "paragraph", text, english, spans, 0)
    b3 = _block(3, "list_item", "测量生命体征", "Take vital signs", [Span(0, 6, "zh")], 0)
    b4 = _block(4, "paragraph", "护士每天测量生命体征。", "Nurses take vital signs every day.",
                [Span(0, 11, "zh")], 0)
    blocks = [b0, b1, b2, b3, b4]
    terms = [_term(b0, "medical_assistant", "zh", "医疗助理", "medical assistant", "enforced"),
             _term(b1, "nurse", "zh", "护士", "nurse", "missing"),
             _term(b3, "vital_signs", "zh", "生命体征", "vital signs", "enforced"),
             _term(b4, "nurse", "zh", "护士", "nurse", "enforced"),
             _term(b4, "vital_signs", "zh", "生命体征", "vital signs", "enforced")]
    return Doc(doc_id="zh_page", source=_source("zh_page", "".join(b.text for b in blocks)),
               title=Title("<b>医疗助理</b> 工作", "<b>Medical assistant</b> work"), blocks=blocks,
               removed=[Removal("立即报名！", "cta")], repairs=[Repair(1, "o的r", "other")],
               languages={"en": 0.4, "zh": 0.6}, roles=["medical_assistant", "nurse"],
               duties=[Fact("nurse", "take vital signs", "take_vital_signs", 3, "zh", "测量生命体征")],
               terms=terms)


def en_page() -> Doc:
    b0 = _block(0, "heading", "What an MA does", "What an MA does", [Span(0, 15, "en")])
    text = "A medical assistant works in a hospital and takes vital signs."
    b1 = _block(1, "paragraph", text, text, [Span(0, len(text), "en")], 0)
    terms = [_term(b0, "medical_assistant", "en", "MA", "medical assistant", "matched"),
             _term(b1, "medical_assistant", "en", "medical assistant", "medical assistant", "matched"),
             _term(b1, "hospital", "en", "hospital", "hospital", "matched"),
             _term(b1, "vital_signs", "en", "vital signs", "vital signs", "matched")]
    return Doc(doc_id="en_page", source=_source("en_page", text),
               title=Title("Medical Assistant Careers", "Medical Assistant Careers"), blocks=[b0, b1],
               languages={"en": 1.0}, roles=["medical_assistant"],
               removed=[Removal("<img src=x onerror=\"document.title='pwned'\">Subscribe now", "cta"),
                        Removal("© 2024 Example College", "legal")],
               duties=[Fact("medical_assistant", "take vital signs", "take_vital_signs", 1, "en",
                            "takes vital signs")],
               skills=[Fact("medical_assistant", "<i>communication</i>", None, 1, "en",
                            "<i>communication</i>")],
               terms=terms)


def id_page() -> Doc:
    t0 = "=1+1 Perawat mencatat rekam medis pasien."
    b0 = _block(0, "paragraph", t0, "=1+1 The nurse records the patient's medical records.",
                [Span(0, 5, "und"), Span(5, len(t0), "id")])
    t1 = "Perawatnya memeriksa rekam medis dan tanda vital yang lengkap."
    b1 = _block(1, "paragraph", t1, "The nurse checks complete medical records and vital signs.",
                [Span(0, len(t1), "id")])
    t2 = "Perawatnya juga mencatat rekam medis dan yang lain."
    b2 = _block(2, "paragraph", t2, "The nurse also records medical records and others.",
                [Span(0, len(t2), "id")])
    terms = [_term(b0, "nurse", "id", "Perawat", "nurse", "enforced"),
             _term(b1, "nurse", "id", "Perawatnya", "nurse", "enforced"),
             _term(b1, "vital_signs", "id", "tanda vital", "vital signs", "enforced"),
             _term(b2, "nurse", "id", "Perawatnya", "nurse", "enforced")]
    return Doc(doc_id="id_page", source=_source("id_page", t0 + t1 + t2), title=None, blocks=[b0, b1, b2],
               languages={"id": 1.0}, roles=["nurse"], terms=terms)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for doc in (en_page(), id_page(), zh_page()):
        text = json.dumps(doc.to_json(), ensure_ascii=False, indent=2) + "\n"
        (OUT / f"{doc.doc_id}.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
