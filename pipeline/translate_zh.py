"""Chinese → English with the glossary and CC-CEDICT: segment, choose words, reorder, render.

A span is segmented (zh_segment), each word gets its English (zh_words), then every clause
goes through the phrase and clause rules (zh_phrases, zh_clauses) and is rendered with
English spacing and punctuation. The words of these pages are what matters most to a reader
(and to chrF): the glossary's terms and the field's vocabulary; the rules fix the order
English cannot do without (X的Y, 在...中, a list item's -ing verb).
"""
from __future__ import annotations

import re
from functools import lru_cache

from .english import PERSON_HEADS, capitalize_first
from .glossary import Glossary
from .lexicon import ChineseLexicon
from .translate_types import SegmentContext, TranslatedSegment
from .units import DE, PARTICLES, Reading, Tok, decide_number, has_class, join_english, join_spaced
from .zh_clauses import frames, move_phrases, object_markers, verb_forms
from .zh_context import apply_context
from .zh_numbers import numbers
from .zh_phrases import noun_phrases, possessives, such_as
from .zh_readings import CLAUSE, CONTINUATION, LIST_ITEM, adverbs, readings
from .zh_segment import ChineseSegmenter, WordFields
from .zh_verbs import verb_rules
from .zh_words import ChineseWords, domain_table

PUNCTUATION = {"，": ",", "。": ".", "、": ",", "；": ";", "：": ":", "？": "?", "！": "!", "（": "(",
               "）": ")", "《": "“", "》": "”", "【": "(", "】": ")", "…": "...", "～": "~"}
_CLAUSE_BREAKS = frozenset(",.;:!?()，。；：！？（）")
_SENTENCE_BREAKS = frozenset(".!?。！？")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_ENGLISH_WORD_AFTER = re.compile(r"^\s*[A-Za-z]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")  # anywhere before a span: its last one ends English text there
_COMMA_BEFORE = re.compile(r",\s*$")
_CACHED_WORDS = 32_768


class ChineseTranslator:
    """Translates Chinese spans; one instance per glossary (it holds jieba and the word tables)."""

    def __init__(self, glossary: Glossary, lexicon: ChineseLexicon) -> None:
        self._words = ChineseWords(glossary, lexicon)
        self._table = domain_table()
        taught = tuple((word, senses[0].cls) for word, senses in self._table.items())
        self._segmenter = ChineseSegmenter(glossary, self._words.__contains__, taught)
        self._lexicon = lexicon
        # choosing a word's sense and readings costs lookups and English rules; the same words recur
        self._reading = lru_cache(maxsize=_CACHED_WORDS)(self._look_up_reading)

    def translate(self, text: str, context: SegmentContext) -> TranslatedSegment:
        words = self._segmenter.word_fields(text)
        function_word = self._function_word(words, context)
        if function_word is not None:
            return TranslatedSegment(function_word)
        tokens = self._tokens(words)
        english = self._render_segment(tokens, context)
        return TranslatedSegment(english, concepts=[c for tok in tokens for c in tok.concepts])

    def _function_word(self, words: list[WordFields], context: SegmentContext) -> str | None:
        """A lone 的 or 和 between English words is what a word-by-word plugin put for 'the' or 'and'."""
        if not _ENGLISH_WORD_AFTER.match(context.after) or not _LATIN_LETTER.search(context.before):
            return None
        content = [simplified for source, _, _, _, simplified, _ in words if source.strip()]
        if len(content) != 1:
            return None
        readings = self._lexicon.function_readings(content[0])
        return readings[0] if readings else None

    def _tokens(self, words: list[WordFields]) -> list[Tok]:
        """The segmented words' units (see `WordFields`), spaces left out."""
        tokens = []
        # a word's concept is its glossary form's (see `ChineseSegmenter.concept`): the cache is keyed
        # without it, which spares hashing a concept's fields for every glossary word
        for source, start, end, tag, simplified, _ in words:
            reading = self._reading(source, simplified, tag)
            if reading is not None:
                tokens.append(reading.token(source, start, end))
        return tokens

    def _look_up_reading(self, source: str, word: str, tag: str) -> Reading | None:
        """The reading of a word (`source`, Simplified `word`, POS `tag`); None for spaces."""
        if not source.strip():
            return None
        concept = self._segmenter.concept(word, tag)
        if word in ("的", "之") and concept is None:
            return Reading(DE, "")
        if not _HAN.search(source):
            return _latin_reading(source)
        sense = self._words.sense(word, tag, concept)
        entries = self._table.get(word, ())
        person = sense.cls == "n" and (sense.concept is not None and sense.concept.type == "role"
                                       or sense.en.rsplit(" ", 1)[-1].lower() in PERSON_HEADS)
        cls = "u" if not sense.en and word not in ("等", "等等") else sense.cls
        return Reading(cls, sense.en, sense.concept, alts={s.cls: s.en for s in entries},
                       countable=sense.countable, person=person, first_cls=entries[0].cls if entries else "")

    def _render_segment(self, tokens: list[Tok], context: SegmentContext) -> str:
        """Clause by clause; a clause after a comma with no subject of its own continues the sentence."""
        parts: list[str] = []
        clause: list[Tok] = []
        first = True
        capitalize = False
        for i, tok in enumerate([*tokens, None]):
            # only punctuation breaks a clause: most tokens are let through without asking
            if tok is not None and (tok.cls != "x" or not _breaks_clause(tokens, i)):
                clause.append(tok)
                continue
            if clause:
                mode = _clause_mode(first, context, parts, clause[0])
                text = self._clause(clause, mode, context=context, edges=(first, tok is None))
                parts.append(capitalize_first(text) if capitalize else text)
                first = False
            clause = []
            if tok is not None:
                parts.append(tok.en)
                capitalize = tok.src in _SENTENCE_BREAKS
        return join_english(parts)

    def _clause(self, tokens: list[Tok], mode: str = CLAUSE, context: SegmentContext | None = None,
                edges: tuple[bool, bool] = (False, False)) -> str:
        tokens = adverbs(tokens)
        if has_class(tokens, PARTICLES):  # particles have no English; 等 ('such as') is read later
            tokens = [tok for tok in tokens if tok.cls != "u" or tok.src in ("等", "等等")]
        tokens = numbers(tokens)
        reread = readings(tokens, mode)
        framed = frames(object_markers(tokens), self._clause)
        # a word's new reading can change how the one before it reads, and so can the frames' phrases:
        # read again unless neither happened, when the words are as the first reading left them
        if reread or framed is not tokens:
            readings(framed, mode)
        tokens = framed
        tokens = noun_phrases(tokens)
        tokens = such_as(tokens)
        tokens = possessives(tokens, self._clause)
        if context is not None:
            apply_context(tokens, context, at_start=edges[0], at_end=edges[1])
        tokens = [decide_number(tok) for tok in tokens]
        tokens = move_phrases(tokens)
        tokens = verb_forms(tokens, mode)
        tokens = verb_rules(tokens)
        return join_spaced([tok.text() for tok in tokens])


def _latin_reading(text: str) -> Reading:
    """Digits, punctuation and Latin words inside a Chinese span ('CVS', '2022', '，')."""
    if text[:1].isdigit():
        return Reading("m", text)
    if text in PUNCTUATION or not text[:1].isalpha():
        return Reading("x", PUNCTUATION.get(text, text))
    return Reading("n", text)


def _breaks_clause(tokens: list[Tok], i: int) -> bool:
    """Punctuation ends a clause, except a separator inside a number ('25,900', '9.5')."""
    if i >= len(tokens):
        return True
    tok = tokens[i]
    if tok.cls != "x" or tok.src not in _CLAUSE_BREAKS:
        return False
    inside_number = tok.src in ",." and 0 < i < len(tokens) - 1 and tokens[i - 1].cls == "m" \
        and tokens[i + 1].cls == "m" and tokens[i + 1].src[:1].isdigit()
    return not inside_number


def _clause_mode(first: bool, context: SegmentContext, parts: list[str], opening: Tok) -> str:
    """A list item opens with an -ing verb; a clause after a comma without a subject continues the
    sentence with one ('..., focusing on'), unless a conjunction joins it as a verb of its own."""
    if first and context.list_item:
        return LIST_ITEM
    after_comma = _COMMA_BEFORE.search(context.before) if first else parts and parts[-1] in (",", "，")
    return CONTINUATION if after_comma and opening.cls != "c" else CLAUSE
