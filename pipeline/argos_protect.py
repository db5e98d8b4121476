"""Glossary terms through a neural model: placeholder codes, or the text between terms translated apart.

A neural model knows nothing of kbnorm's glossary: it writes 'druggist' or 'chemist' where
the glossary says 'pharmacist'. So before a sentence goes to the model, each glossary term in
it (roles, settings, credentials, organizations and terms: translate_types.TERM_TYPES, found
exactly as the align step finds them) is replaced by a code, 'ZX0', 'ZX1'…: Latin capitals
and digits, which every SentencePiece vocabulary holds and translation models copy through
as they copy product codes. After the model each code becomes the term's glossary English.

When the model drops, repeats or mangles a code (or the sentence held such a code already),
the sentence is translated again in pieces: the text between its terms apart, and the
glossary English put back between the pieces in source order. Word order suffers there, but
the English holds every term's glossary form whichever way the sentence went, so align's
`enforced` is true of the text and not of the engine's hopes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .align import align_block
from .model import Block, Span

if TYPE_CHECKING:
    from .glossary import Concept, Glossary

CODE = "ZX{}"
_CODE = re.compile(r"\bZ ?X ?(\d+)\b", re.IGNORECASE)
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([,.;:!?)\]])")


@dataclass(frozen=True, slots=True)
class SourceTerm:
    """A glossary term in a source sentence: [start, end) in the sentence."""

    concept: Concept
    start: int
    end: int


def find_terms(text: str, lang: str, glossary: Glossary) -> list[SourceTerm]:
    """The glossary terms of `text` read as `lang`, in reading order, as the align step finds them."""
    block = Block(index=0, kind="paragraph", text=text, spans=[Span(0, len(text), lang)])
    return [SourceTerm(glossary.get(term.concept), term.start, term.end)
            for term in align_block(block, glossary)]


def mask(text: str, terms: list[SourceTerm]) -> str | None:
    """`text` with each term replaced by its code; None when the text holds a code already."""
    if _CODE.search(text):
        return None
    out = ""
    at = 0
    for index, term in enumerate(terms):
        out = _glued(_glued(out, text[at:term.start]), CODE.format(index))
        at = term.end
    return _glued(out, text[at:])


def unmask(english: str, terms: list[SourceTerm]) -> str | None:
    """The model's English with every code replaced by its term's glossary English; None unless
    each code came back exactly once."""
    codes = sorted(int(match.group(1)) for match in _CODE.finditer(english))
    if codes != list(range(len(terms))):
        return None
    return _CODE.sub(lambda match: terms[int(match.group(1))].concept.preferred, english)


def between(text: str, terms: list[SourceTerm]) -> list[str]:
    """The source text before, between and after the terms: one more piece than terms."""
    edges = [0, *(edge for term in terms for edge in (term.start, term.end)), len(text)]
    return [text[edges[i]:edges[i + 1]] for i in range(0, len(edges), 2)]


def reassemble(pieces_english: list[str], terms: list[SourceTerm]) -> str:
    """The English of the pieces from `between` with each term's glossary English between them."""
    parts = [pieces_english[0]]
    for term, piece in zip(terms, pieces_english[1:], strict=True):
        parts += [term.concept.preferred, piece]
    joined = " ".join(part.strip() for part in parts if part.strip())
    return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", joined)


def _glued(left: str, right: str) -> str:
    """Join two strings, with a space where a code would otherwise touch a letter or a digit
    (SentencePiece would make one piece of 'ZX0在' or 'ZX0nya')."""
    if left and right and left[-1].isalnum() and right[0].isalnum():
        return f"{left} {right}"
    return left + right
