"""The English around a Chinese span decides what the span alone cannot.

A page mangled by a word-replacing plugin has Chinese words inside English sentences; the
English next to them shows their number and form: 'a 医疗助理' is one assistant, '医疗助理
Duties' a heading's modifier, 'who have 完成' a participle ("completed"), 'before 申请' an
-ing form ("applying"), '医疗 assisting' an adjective ("medical").
"""
from __future__ import annotations

import re

from .english import gerund, past_participle
from .translate_types import SegmentContext
from .units import SINGULAR, Tok

_DETERMINER_BEFORE = re.compile(
    r"(?:^|\s)(?:a|an|each|every|one|another|this)(?:\s+[A-Za-z][\w-]*){0,2}\s*$", re.IGNORECASE)
_SINGULAR_VERB_AFTER = re.compile(r"^\s*(?:is|was|has|does)\b")
_SUFFIX_AFTER = re.compile(r"^(?:s|es|'s|’s)\b")
_VERSUS_AFTER = re.compile(r"^\s*vs\b", re.IGNORECASE)
_WORD_AFTER = re.compile(r"^\s+[A-Za-z]")
_PARTICIPLE_AFTER = re.compile(r"\b(?:have|has|had|been|be|is|are|was|were|being|get|gets)\s*$",
                               re.IGNORECASE)
_GERUND_AFTER = re.compile(r"\b(?:before|after|for|by|of|about|without|from|on|at|while|when|in)\s*$",
                           re.IGNORECASE)
# English words that, after a span, show it was a subject or an object, not a noun's modifier
_NOT_A_NOUN = frozenset(
    [
        "and", "or", "where", "who", "which", "that", "vs", "in", "on", "at", "to", "for", "with", "work",
        "works", "have", "has", "are", "is", "can", "may", "will", "provide", "perform", "include",
        "includes", "do", "does", "must", "should", "also"
    ]
)


def apply_context(tokens: list[Tok], context: SegmentContext, *, at_start: bool, at_end: bool) -> None:
    """Number, modifier reading and verb form of the words at the span's edges, from the English there."""
    _number(tokens, context, at_start=at_start, at_end=at_end)
    alone = at_start and at_end and len(tokens) == 1
    if alone and "a" in tokens[0].alts and _WORD_AFTER.match(context.after):
        tokens[0].cls, tokens[0].en = "a", tokens[0].alts["a"]  # 医疗 assisting 'medical assisting'
    first = tokens[0] if tokens else None
    if at_start and first is not None and first.cls == "v":
        if _PARTICIPLE_AFTER.search(context.before):
            first.en = past_participle(first.en)  # who have 完成 'who have completed'
        elif _GERUND_AFTER.search(context.before):
            first.en = gerund(first.en)  # before 申请 'before applying'


def _number(tokens: list[Tok], context: SegmentContext, *, at_start: bool, at_end: bool) -> None:
    """Singular where English around says so: 'a 医疗助理', '医疗助理 Duties', '医疗助理s', '工作 is'."""
    nouns = [tok for tok in tokens if tok.cls == "n" and not tok.number]
    if not nouns:
        return
    if context.heading and len(tokens) <= 3:
        for tok in nouns:
            tok.number = SINGULAR
    if at_start and tokens[0] is nouns[0] and _DETERMINER_BEFORE.search(context.before):
        nouns[0].number = SINGULAR
    after = context.after
    if at_end and tokens[-1] is nouns[-1] and (
        _SUFFIX_AFTER.match(after) or _VERSUS_AFTER.match(after) or _SINGULAR_VERB_AFTER.match(after)
        or _noun_follows(after)
    ):
        nouns[-1].number = SINGULAR


def _noun_follows(text: str) -> bool:
    """Whether the English after a span is a capitalised noun the span modifies ('医疗助理 Duties')."""
    if not _WORD_AFTER.match(text):
        return False
    word = text.split(None, 1)[0].strip(",.;:")
    return word[:1].isupper() and word.lower() not in _NOT_A_NOUN
