"""Checks of a normalized corpus against the glossary: how its terms came out in English.

A translator reads three things off the documents' `terms`: where a term's preferred English
is missing from the translation (an error: the English corpus lost the field's word), where
one concept is written in English in more than one way across blocks and pages (a term kept
in English as the page wrote it, 'MA' here and 'medical assistant' there), and which glossary
concepts no page mentions at all, as a term, a role or a duty or skill of the knowledge base.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from .align import english_key
from .glossary import Glossary
from .glossary_findings import MAX_OCCURRENCES, Finding, Occurrence, how_often
from .model import Doc, Term, doc_from_json

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*")


def read_corpus(path: Path) -> list[Doc]:
    """The documents of a `kbnorm run` output folder (its corpus.jsonl, else docs/*.json) or of a .jsonl file.

    Raises FileNotFoundError when `path` holds neither.
    """
    if path.is_dir() and not (path / "corpus.jsonl").is_file():
        files = sorted((path / "docs").glob("*.json"))
        if not files:
            raise FileNotFoundError(2, "no corpus.jsonl or docs/*.json in", str(path))
        return [doc_from_json(json.loads(f.read_text(encoding="utf-8"))) for f in files]
    jsonl = path / "corpus.jsonl" if path.is_dir() else path
    if not jsonl.is_file():
        raise FileNotFoundError(2, "no such corpus", str(path))
    with jsonl.open(encoding="utf-8") as lines:
        return [doc_from_json(json.loads(line)) for line in lines if line.strip()]


def term_occurrence(doc: Doc, term: Term) -> Occurrence:
    block = next(b for b in doc.blocks if b.index == term.block)
    return Occurrence(doc.doc_id, block.index, block.text, term.start, term.end, block.text_en)


def missing_terms(docs: list[Doc], glossary: Glossary) -> Iterator[Finding]:
    """One error per term source whose English came out without the glossary's preferred form."""
    groups: dict[tuple[str, str, str], list[tuple[Doc, Term]]] = {}
    for doc in docs:
        for term in doc.terms:
            if term.status == "missing":
                groups.setdefault((term.concept, term.lang, term.source), []).append((doc, term))
    for (concept, lang, source), found in groups.items():
        pages = len({doc.doc_id for doc, _ in found})
        target = found[0][1].target
        known = glossary.concepts.get(concept)
        yield Finding("missing_term", f"{lang} {source!r} came out without {target!r} in the English "
                      f"({how_often(len(found), pages)})", line=known.line if known else None,
                      concept=concept, lang=lang, term=source,
                      count=len(found), suggestion=target,
                      occurrences=[term_occurrence(doc, term) for doc, term in found[:MAX_OCCURRENCES]])


def inconsistent_renderings(docs: list[Doc], glossary: Glossary) -> Iterator[Finding]:
    """A concept whose English differs (beyond case and number) between occurrences.

    A translated term's English is the glossary's; an English one is what the page wrote.
    """
    renderings: dict[str, dict[str, list[tuple[Doc, Term]]]] = {}
    for doc in docs:
        for term in doc.terms:
            if term.status != "missing":
                english = term.source if term.lang == "en" else term.target
                renderings.setdefault(term.concept, {}).setdefault(_key(english), []).append((doc, term))
    for concept, by_key in renderings.items():
        if len(by_key) < 2:
            continue
        known = glossary.concepts.get(concept)
        preferred = known.preferred if known else ""
        others = [found for key, found in by_key.items() if key != _key(preferred)]
        listed = ", ".join(f"{_english(found[0][1])!r} x{len(found)}"
                           for found in sorted(by_key.values(), key=lambda f: -len(f)))
        occurrences = [term_occurrence(doc, term) for found in others for doc, term in found[:2]]
        yield Finding("inconsistent_rendering", f"written {len(by_key)} ways in English: {listed}",
                      line=known.line if known else None, concept=concept, lang="en",
                      term=_english(others[0][0][1]), count=sum(len(f) for f in others), suggestion=preferred,
                      occurrences=occurrences[:MAX_OCCURRENCES])


def unseen_concepts(docs: list[Doc], glossary: Glossary) -> Iterator[Finding]:
    """Concepts that no page names: as a term, a role, or the concept of a duty or a skill."""
    seen = Counter(term.concept for doc in docs for term in doc.terms)
    seen.update(role for doc in docs for role in doc.roles)
    seen.update(fact.concept for doc in docs for fact in (*doc.duties, *doc.skills) if fact.concept)
    for concept in glossary.concepts.values():
        if concept.concept not in seen:
            message = f"{concept.type} {concept.preferred!r} is on no page of the corpus"
            yield Finding("unseen_concept", message, line=concept.line, concept=concept.concept, lang="en",
                          term=concept.preferred)


def _english(term: Term) -> str:
    return term.source if term.lang == "en" else term.target


def _key(english: str) -> str:
    return " ".join(english_key(word) for word in _WORD.findall(english))

