"""Noun or verb, adjective or noun: the readings of Chinese words that are more than one.

Chinese words do not change form between noun and verb (记录 'record', 'to record'; 管理
'management', 'to manage', 'administrative'); jieba's tag is a guess out of context. The
neighbours decide here, before phrases are built, with the clause's mode: a list item or a
continuation clause opens with a verb, a place phrase's object is a noun phrase.
"""
from __future__ import annotations

from .english import MODAL_VERBS, adverb, superlative
from .units import DE, Tok, has_source

# Modes of a clause: how its opening word reads.
CLAUSE, LIST_ITEM, CONTINUATION, NOUN_BODY, VERB_BODY = "clause", "list", "continuation", "noun", "verb"
_JOINERS = frozenset({"、", "和", "及", "或", "以及"})
_ADVERB_MARKS = frozenset({"地"})


def adverbs(tokens: list[Tok]) -> list[Tok]:
    """An adjective before 地 is an adverb (正确地 'correctly'); 地 itself has no English."""
    if not has_source(tokens, _ADVERB_MARKS):
        return tokens
    out: list[Tok] = []
    for tok in tokens:
        if tok.src == "地" and out and out[-1].cls == "a":
            out[-1].cls, out[-1].en = "d", adverb(out[-1].en)
            continue
        out.append(tok)
    return out


def readings(tokens: list[Tok], mode: str) -> bool:
    """Noun or verb, where a word is either: the neighbours decide. Changes `tokens` in place and
    tells whether it changed a word (it may say so of a word given the reading it had).

    A verb reads as a noun after 的, at the end of a noun compound (保险索赔 'insurance claims'),
    or heading a compound after a verb (解释治疗程序 'explain treatment procedures'); a noun
    reads as a verb opening a clause that has no subject (记录患者病史 'recording patient
    history') or closing one after a phrase or modal (会与...一起工作 'will work with').
    """
    if not any(map(_has_other_reading, tokens)):
        return False  # most clauses: every rule below changes a word with another reading, or an adjective
    start = next((k for k, tok in enumerate(tokens) if tok.cls not in "cdP"), len(tokens))
    changed = _copula_subject(tokens)
    if mode == CONTINUATION and len(tokens) > 1 and "a" in tokens[0].alts and tokens[1].cls == "n":
        mode = NOUN_BODY  # ', 管理任务,' between English list items: a noun phrase
    for i, tok in enumerate(tokens):
        if not _has_other_reading(tok):
            continue
        previous = tokens[i - 1] if i > 0 else None
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        ends = following is None or following.cls in "xcD"
        if tok.cls == "v" and "n" in tok.alts and _reads_as_noun(previous, following, ends, i == start, mode):
            tok.cls, tok.en = "n", tok.alts["n"]
        elif tok.cls == "n" and "v" in tok.alts and not tok.concepts and (_reads_as_verb(
                tok, previous, following, i == start, mode) or _parallel_verb(tokens, i)):
            tok.cls, tok.en = "v", tok.alts["v"]
        elif tok.cls == "a" and "n" in tok.alts and previous is not None and previous.cls == "n" and ends:
            tok.cls, tok.en = "n", tok.alts["n"]
        elif tok.cls == "d" and "a" in tok.alts and following is not None and following.cls == "n":
            tok.cls, tok.en = "a", tok.alts["a"]  # 一般 护理 'general care'
        elif tok.cls == "a" and previous is not None and previous.cls == "d" and previous.en == "most":
            previous.en, tok.en = "", superlative(tok.en)  # 最快 'fastest'
        elif tok.concepts and ends and previous is not None and previous.cls in "Pnd" and _light_verb(tok):
            tok.cls, tok.en = "v", tok.alts["v"]  # 与医生一起查房 'make rounds with physicians'
        else:
            continue
        changed = True
    return changed


def _copula_subject(tokens: list[Tok]) -> bool:
    """沟通和组织是...: what a copula follows is its subject, its verbs read as nouns. Whether it
    changed a word."""
    copula = next((k for k, tok in enumerate(tokens) if tok.cls == "v" and tok.en == "be"), None)
    if copula is None or not all(t.cls in "vnc" for t in tokens[:copula]):
        return False
    changed = False
    for tok in tokens[:copula]:
        if tok.cls == "v" and "n" in tok.alts:
            tok.cls, tok.en, changed = "n", tok.alts["n"], True
    return changed


def _has_other_reading(tok: Tok) -> bool:
    """Whether a rule of `readings` can change the word: one of its other readings is the one a rule
    gives it (a glossary noun's verb reading too), or it is an adjective (最快 'fastest')."""
    cls, alts = tok.cls, tok.alts
    return (cls == "a" or cls == "v" and "n" in alts or cls == "n" and "v" in alts
            or cls == "d" and "a" in alts or bool(tok.concepts) and "v" in alts)


def _light_verb(tok: Tok) -> bool:
    """A glossary noun with a verb reading that still says the glossary's English ('make rounds')."""
    verb = tok.alts.get("v", "")
    return any(concept.preferred.lower() in verb.lower() for concept, _, _ in tok.concepts)


def _parallel_verb(tokens: list[Tok], i: int) -> bool:
    """A word joined by 、 or 和 to an earlier verb phrase, with an object of its own, is a verb too
    (配药、管理库存 'dispensing medication, managing inventory')."""
    joined = i > 0 and tokens[i - 1].src in _JOINERS
    has_object = i + 1 < len(tokens) and tokens[i + 1].cls == "n"
    verb_before = any(tok.cls == "v" and tok.en not in MODAL_VERBS for tok in tokens[:i - 1])
    return joined and has_object and verb_before


def _reads_as_noun(previous: Tok | None, following: Tok | None, ends: bool, at_start: bool,
                   mode: str) -> bool:
    if previous is not None and previous.cls == DE:
        return True
    if previous is not None and previous.cls == "n" and ends:
        return True
    followed_by_noun = following is not None and following.cls == "n" and not following.person
    if at_start and mode == NOUN_BODY and followed_by_noun:
        return True
    after_verb = previous is not None and previous.cls == "v" and previous.en not in MODAL_VERBS
    return after_verb and followed_by_noun


def _reads_as_verb(tok: Tok, previous: Tok | None, following: Tok | None, at_start: bool, mode: str) -> bool:
    if following is not None and following.person and (previous is None or previous.cls != DE):
        return True  # 管理病人的病历 'manage patients' records': people are not a compound's head
    if "a" in tok.alts:
        return False
    followed_by_noun = following is not None and following.cls == "n"
    if at_start and mode in (LIST_ITEM, CONTINUATION, VERB_BODY) and followed_by_noun:
        return True
    after_phrase = previous is not None and (previous.cls in "Pd" or previous.en in MODAL_VERBS)
    return after_phrase and (following is None or following.cls == "x")
