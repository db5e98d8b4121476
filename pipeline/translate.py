"""Step `translate`: every block's English, assembled from its language spans.

English and undetermined spans are kept as they are; Chinese and Indonesian spans go to a
translation engine. The embedded engine, `glossary`, works from the glossary first, then
a general dictionary (CC-CEDICT for Chinese, pipeline/data/id_en.tsv for Indonesian) and
rules for the word order English needs. Engines sit behind the small `Translator`
protocol; `--translator` (settings.translator) chooses per language between the embedded
engine and installed argos packages (argos_routing), whose spans of a page are translated
in one batch before the blocks are assembled. The engine is built once
per glossary (jieba's dictionary, the word tables) and kept in a module-level cache keyed
by the glossary's sha256, since `Context` is shared and not ours to extend.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .argos_routing import Router, router_for
from .context import Context
from .english import capitalize_first, is_small_word, title_case
from .glossary import Glossary
from .lexicon import ChineseLexicon
from .model import Block, Doc, Span, Term
from .translate_types import AppliedTerm, LanguageTranslator, SegmentContext, TranslatedSegment, Translator

__all__ = ["AppliedTerm", "GlossaryTranslator", "SegmentContext", "TranslatedSegment", "Translator",
           "engine_for", "translate", "translate_block", "translate_text", "translator_for"]

ENGINE = "glossary"
TRANSLATED_LANGS = frozenset({"zh", "id"})
_CONTEXT_CHARS = 40
_CJK_PUNCTUATION = str.maketrans({"，": ", ", "。": ". ", "、": ", ", "；": "; ", "：": ": ", "？": "? ",
                                   "！": "! ", "（": " (", "）": ") "})
_SPACES = re.compile(r" {2,}")
_SENTENCE_END = re.compile(r"(?:^|[.!?:]|[.!?:][\"”’)])\s*$")
_WORD_START = re.compile(r"^[A-Za-z0-9(“\"]")
_WORD_END = re.compile(r"[A-Za-z0-9)”\"%,.;:!?]$")
_ENGLISH_SUFFIX = re.compile(r"^(?:s|es|'s|’s)(?![A-Za-z])")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_FIRST_WORD_ENDS = re.compile(r"\S\s")  # the first word of a text is whole once this is found
_ABBREVIATIONS = frozenset({"vs.", "e.g.", "i.e.", "etc.", "u.s.", "dr.", "mr.", "ms.", "mrs.", "st.", "no.",
                            "a.m.", "p.m.", "approx.", "incl."})
_LONGEST_ABBREVIATION = max(map(len, _ABBREVIATIONS))
_TAIL_CHARS = 64  # of a text's end: its last word and the spaces after it, unless they are many
_PREPOSITIONS = frozenset({"for", "to", "with", "of", "in", "on", "at", "from", "by", "about"})
_engines: dict[str, GlossaryTranslator] = {}


class GlossaryTranslator:
    """The embedded engine: glossary, dictionaries and word-order rules for zh and id spans."""

    name = ENGINE

    def __init__(self, glossary: Glossary, lexicon: ChineseLexicon) -> None:
        from .translate_id import IndonesianTranslator
        from .translate_zh import ChineseTranslator

        self._engines: dict[str, LanguageTranslator] = {"zh": ChineseTranslator(glossary, lexicon),
                                                        "id": IndonesianTranslator(glossary)}

    def translate(self, text: str, lang: str, context: SegmentContext | None = None) -> TranslatedSegment:
        engine = self._engines.get(lang.split("-")[0])
        if engine is None:
            return TranslatedSegment(text)
        return engine.translate(text, context or SegmentContext())


def translator_for(ctx: Context) -> GlossaryTranslator:
    """The run's engine for `ctx.glossary`, built on first use."""
    key = ctx.glossary.sha256
    if key not in _engines:
        _engines[key] = GlossaryTranslator(ctx.glossary, ctx.zh_lexicon)
    return _engines[key]


def engine_for(ctx: Context) -> Translator:
    """The engine `ctx.settings.translator` asks for: the glossary engine, or a Router giving each
    language to argos or to the glossary engine."""
    engine = translator_for(ctx)
    if ctx.settings.translator == ENGINE:
        return engine
    return router_for(ctx.settings, ctx.glossary, engine)


def translate(doc: Doc, ctx: Context) -> Doc:
    """Fill every block's `text_en` and `engine`, and the title's English."""
    engine = engine_for(ctx)
    if isinstance(engine, Router):
        engine = engine.batched((piece.text.strip(), piece.lang) for block in doc.blocks
                                for piece in _pieces(block) if _needs_engine(piece))
    for block in doc.blocks:
        translate_block(block, engine)
    if doc.title is not None:
        doc.title.text_en = _title_english(doc, engine, ctx)
    return doc


def translate_block(block: Block, engine: Translator) -> Block:
    """The block's English from its spans; `engine` 'none' and text_en == text when nothing was translated."""
    if not any(span.lang in TRANSLATED_LANGS for span in block.spans):
        block.text_en, block.engine = block.text, "none"  # most blocks: no span to look at closer
        return block
    pieces = _pieces(block)
    langs = [piece.lang for piece in pieces if _needs_engine(piece)]
    if not langs:
        block.text_en, block.engine = block.text, "none"
        return block
    block.text_en = _assemble(pieces, engine, list_item=block.kind == "list_item",
                              heading=block.kind == "heading")
    block.engine = engine.engine_of(langs) if isinstance(engine, Router) else engine.name
    return block


def translate_text(text: str, lang: str | None, ctx: Context) -> tuple[str, list[Term]]:
    """English of `text` and its glossary terms; `lang` None or 'auto' detects the spans first."""
    from .align import align_block

    if lang in (None, "auto"):
        spans = ctx.detector.spans(text)
    else:
        spans = [Span(0, len(text), lang)]
    block = Block(index=0, kind="paragraph", text=text, spans=spans)
    translate_block(block, engine_for(ctx))
    return block.text_en, align_block(block, ctx.glossary)


@dataclass(slots=True)
class _Piece:
    text: str
    lang: str


def _pieces(block: Block) -> list[_Piece]:
    """The block's text cut at its language spans (one undetermined piece when it has none)."""
    spans = block.spans or [Span(0, len(block.text), "und")]
    return [_Piece(block.text[s.start:s.end], s.lang) for s in spans]


def _needs_engine(piece: _Piece) -> bool:
    """Whether a piece goes to a translation engine: Chinese or Indonesian with something in it."""
    return piece.lang in TRANSLATED_LANGS and bool(piece.text.strip())


def _assemble(pieces: list[_Piece], engine: Translator, *, list_item: bool, heading: bool) -> str:
    """Join the spans' English: source spacing kept at the edges, a space between words, capitals
    where a sentence starts, headline capitals in a heading."""
    title_style = heading and _headline_styled(pieces)
    out = ""
    for i, piece in enumerate(pieces):
        if not _needs_engine(piece):
            out = _join(out, _english_punctuation(piece.text), translated=False)
            continue
        after = _text_after(pieces, i)
        # only the end of what comes before is context: the block's English so far is not copied
        before = out[-_CONTEXT_CHARS:] + _leading_space(piece.text)
        context = SegmentContext(before=before[-_CONTEXT_CHARS:], after=after[:_CONTEXT_CHARS],
                                 list_item=list_item and _blank(out), heading=heading)
        english = engine.translate(piece.text.strip(), piece.lang, context).text_en.strip()
        if not english:
            out = _join(out, _edge_space(piece.text), translated=False)
            continue
        english = _without_repeated_word(english, after)
        if _sentence_ends(out):
            english = capitalize_first(english)
        if title_style:
            english = title_case(english, first_word=_blank(out))
        out = _join(out, _leading_space(piece.text) + english + _trailing_space(piece.text), translated=True)
    return out.strip()


def _text_after(pieces: list[_Piece], i: int) -> str:
    """What follows piece `i` in its block (its trailing space, then the next pieces), as far as a
    segment's context and the first word after it reach: the rest of a long block is not joined."""
    after = _trailing_space(pieces[i].text)
    for k in range(i + 1, len(pieces)):
        if len(after) >= _CONTEXT_CHARS and _FIRST_WORD_ENDS.search(after):
            break
        after += pieces[k].text
    return after


def _blank(text: str) -> bool:
    """`not text.strip()` without copying a long text."""
    return not text or text.isspace()


def _join(out: str, piece: str, *, translated: bool) -> str:
    """Append a piece, putting a space between two words that would otherwise touch."""
    if not out or not piece:
        return out + piece
    if _ENGLISH_SUFFIX.match(piece) and not translated:
        return out + piece
    touching = not out[-1].isspace() and not piece[0].isspace()
    # `$` is the end or a final newline: searching the last two characters suffices, `out` grows long
    if touching and _WORD_END.search(out, max(len(out) - 2, 0)) and _WORD_START.match(piece):
        return out + " " + piece
    return out + piece


def _without_repeated_word(english: str, after: str) -> str:
    """'apply for' before ' for jobs': the preposition the English after the span repeats goes."""
    last = english.rsplit(" ", 1)
    following = after.split(None, 1)
    repeated = len(last) == 2 and bool(following) and following[0].lower() == last[-1].lower()
    if repeated and last[-1].lower() in _PREPOSITIONS:
        return last[0]
    return english


def _english_punctuation(text: str) -> str:
    """Full-width Chinese punctuation in kept text read as English punctuation and spacing."""
    if not text.isascii():  # the punctuation is all full-width; most kept text is English
        text = text.translate(_CJK_PUNCTUATION)
    return _SPACES.sub(" ", text) if "  " in text else text


def _sentence_ends(text: str) -> bool:
    """Whether English text ends a sentence (or is empty): not after an abbreviation such as 'vs.'."""
    # only the text's end decides, and `text`, a block's English so far, grows long: its last
    # characters hold the last word whole, or enough of it to tell it is no abbreviation
    stripped = text[-_TAIL_CHARS:].rstrip()
    if len(stripped) <= _LONGEST_ABBREVIATION and len(text) > _TAIL_CHARS:
        stripped = text.rstrip()  # spaces fill the tail: a word cut there might read as an abbreviation
    # the pattern's trailing \s* is what rstrip removes, so the last two characters decide
    if not _SENTENCE_END.search(stripped[-2:]):
        return False
    last = stripped.rsplit(None, 1)[-1].lower() if stripped else ""
    return last not in _ABBREVIATIONS


def _headline_styled(pieces: list[_Piece]) -> bool:
    """A heading whose English words are mostly capitalised, or that has none, gets headline capitals."""
    words = [w for p in pieces if p.lang not in TRANSLATED_LANGS for w in _LATIN_WORD.findall(p.text)
             if not is_small_word(w)]
    if not words:
        return True
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised * 2 >= len(words)


def _title_english(doc: Doc, engine: Translator, ctx: Context) -> str:
    """The title's English: the heading block's when the title is that heading, else its own."""
    assert doc.title is not None
    for block in doc.blocks:
        if block.text == doc.title.text:
            return block.text_en
    title = Block(index=0, kind="heading", text=doc.title.text, spans=ctx.detector.spans(doc.title.text))
    return translate_block(title, engine).text_en


def _leading_space(text: str) -> str:
    return " " if text[:1].isspace() else ""


def _trailing_space(text: str) -> str:
    return " " if text[-1:].isspace() else ""


def _edge_space(text: str) -> str:
    return " " if text.strip() != text or not text.strip() else ""
