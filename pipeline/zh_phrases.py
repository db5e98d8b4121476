"""Phrase rules of the Chinese translator: noun phrases, 的, 等, 之一.

Chinese puts every modifier before its noun, as English does for adjectives and noun
compounds (医疗保健系统 "health care system"), so a run of modifiers and nouns keeps its
order. What English reorders is marked: X的Y is "X's Y" for people, "their Y" for pronouns,
"the Y of X" for things and "Y that ..." when X holds a verb; X等Y is "Y such as X";
X之一 is "one of the X". Chinese nouns have no number: a noun takes the plural when a
determiner asks for it or, bare, when it names something countable in general, as these
pages do ("hospitals, doctors' offices").
"""
from __future__ import annotations

import re
from collections.abc import Callable

from .english import (
    MODAL_VERBS,
    PLURAL_DETERMINERS,
    POSSESSIVE_PRONOUNS,
    SINGULAR_DETERMINERS,
    past_participle,
)
from .units import (
    DE,
    PHRASE,
    PLURAL,
    SINGULAR,
    Tok,
    decide_number,
    has_class,
    has_source,
    join_english,
    merged,
)
from .zh_numbers import NUMBER, ONE

Render = Callable[[list[Tok]], str]

_DURATION = re.compile(r"^\w+ (?:year|month|week|day|hour)s?$")
_LIST_MARKS = frozenset({"、", "或", "和", "及", ","})
_SUCH_AS = frozenset({"等", "等等"})
_DE_CLASS = frozenset({DE})  # 的 and 之 read as a possessive or relative marker


def noun_phrases(tokens: list[Tok]) -> list[Tok]:
    """Runs of modifiers and nouns become one noun phrase, its determiner folded in front.

    A non-final noun that has a modifier reading takes it (医疗 机构 -> 'medical facility').
    """
    if len(tokens) < 2:
        return tokens  # a lone unit is all the phrase there is, and has no determiner before it
    nominal = _nominal_flags(tokens)
    out: list[Tok] = []
    i = 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and nominal[j]:
            j += 1
        if j > i and tokens[j - 1].cls == "n":
            out.append(_noun_phrase(tokens[i:j]))
            i = j
        else:
            out.append(tokens[i])
            i += 1
    return _determiners(out)


def _nominal_flags(tokens: list[Tok]) -> list[bool]:
    """Which units can be part of a noun phrase: nouns, and modifiers followed by more of the phrase
    (read from the end, so each unit is looked at once)."""
    flags = [False] * len(tokens)
    following = False
    for i in range(len(tokens) - 1, -1, -1):
        tok = tokens[i]
        following = tok.cls == "n" and not tok.det and not tok.post or tok.cls == "a" and following
        flags[i] = following
    return flags


def _noun_phrase(tokens: list[Tok]) -> Tok:
    if len(tokens) == 1:
        return tokens[0]
    words = [tok.en if k == len(tokens) - 1 else _modifier_reading(tok) for k, tok in enumerate(tokens)]
    head = tokens[-1]
    phrase = merged(tokens, "n", " ".join(w for w in words if w))
    phrase.countable, phrase.person, phrase.number = head.countable, head.person, head.number
    return phrase


def _modifier_reading(tok: Tok) -> str:
    """A noun before another noun: its adjective where it has one (医疗 'medical'), unless its
    everyday reading is a noun (健康 'health' in 'health exams')."""
    if "a" in tok.alts and tok.first_cls != "n":
        return tok.alts["a"]
    return tok.alts.get("n", tok.en) if tok.cls == "a" else tok.en


def _determiners(tokens: list[Tok]) -> list[Tok]:
    """Determiners and numbers before a noun phrase join it and decide its number."""
    out: list[Tok] = []
    for tok in tokens:
        previous = out[-1] if out else None
        if tok.cls == "n" and previous is not None and _is_determiner(previous) and not tok.det:
            out[-1] = _with_determiner(previous, tok)
        elif tok.cls == "r" and tok.en == "one of" and previous is not None and previous.cls == "n":
            det = _join("one of the", previous.det)
            out[-1] = _noun_like(previous, [previous, tok], det=det, number=PLURAL)
        else:
            out.append(tok)
    return out


def _is_determiner(tok: Tok) -> bool:
    if tok.cls == "m":
        return True
    return tok.cls == "r" and tok.en.lower() not in POSSESSIVE_PRONOUNS and tok.en not in (
        "one of", "who", "what", "how", "which", "why", "here")


def _with_determiner(det: Tok, noun: Tok) -> Tok:
    words = det.en.lower()
    if _DURATION.match(words):
        # 一年工作经验 'one year of work experience'
        det = Tok(det.cls, f"{det.en} of", det.start, det.end, det.src)
    if words in ONE or words in SINGULAR_DETERMINERS:
        number = SINGULAR
    elif words.split(" ")[0] in PLURAL_DETERMINERS or (NUMBER.match(words) and words not in ("1", "1.0")):
        number = PLURAL
    else:
        number = noun.number
    return _noun_like(noun, [det, noun], det=_join(det.en, noun.det), number=number)


def _noun_like(noun: Tok, tokens: list[Tok], **changes: str) -> Tok:
    """A copy of noun phrase `noun` standing for `tokens`, with some of its fields changed."""
    fields = {"det": noun.det, "number": noun.number, "post": noun.post, **changes}
    phrase = merged(tokens, "n", changes.get("en", noun.en), det=fields["det"], number=fields["number"],
                    post=fields["post"], countable=noun.countable, person=noun.person)
    if "en" not in changes:
        phrase.alts, phrase.first_cls = noun.alts, noun.first_cls  # still the one word: its readings hold
    phrase.start, phrase.end = min(t.start for t in tokens), max(t.end for t in tokens)
    return phrase


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def such_as(tokens: list[Tok]) -> list[Tok]:
    """'X、Y或Z等N' -> 'N such as X, Y or Z'; a trailing 等 ('and so on') is dropped."""
    if not has_source(tokens, _SUCH_AS):
        return tokens
    out: list[Tok] = []
    for i, tok in enumerate(tokens):
        if tok.src not in _SUCH_AS:
            out.append(tok)
            continue
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        start = len(out)
        while start > 0 and (out[start - 1].cls == "n" or out[start - 1].src in _LIST_MARKS):
            start -= 1
        if following is None or following.cls != "n" or start == len(out):
            continue
        examples = out[start:]
        del out[start:]
        post = "such as " + join_english([t.text() for t in examples])
        tokens[i + 1] = _noun_like(following, [*examples, following], post=_join(following.post, post))
    return out


def possessives(tokens: list[Tok], relative: Render) -> list[Tok]:
    """X的Y: 'their Y', "X's Y", 'Y that X' (X holds a verb), 'X Y' (X a modifier), 'the Y of X'.

    `relative(tokens)` renders a clause that modifies a noun ('that they can apply ...').
    """
    if not has_class(tokens, _DE_CLASS):
        return tokens
    out: list[Tok] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if tok.cls != DE:
            out.append(tok)
            i += 1
            continue
        if following is not None and following.cls == "a" and "n" in following.alts:
            following.cls, following.en = "n", following.alts["n"]
        if following is None or following.cls != "n" or not out:
            i += 1  # a 的 that ends a phrase (是...的) has no English
            continue
        start = _modifier_start(out)
        modifier = out[start:]
        del out[start:]
        phrase = _modified(modifier, following, relative)
        if out and _is_determiner(out[-1]) and not phrase.det and modifier[0].cls in "ad":
            phrase = _with_determiner(out.pop(), phrase)  # 一项重要的职业 'an important career'
        out.append(phrase)
        i += 2
    return out


def _modifier_start(out: list[Tok]) -> int:
    """Where the words modifying the noun after 的 begin: one unit, or a clause back to its verb."""
    last = len(out) - 1
    tok = out[last]
    if tok.cls in "rmal" or tok.cls == "n" and (tok.person or _adjective_word(tok)):
        return _adverbs_before(out, last) if tok.cls == "a" else last
    if tok.cls == PHRASE:
        k = last
        while k > 0 and out[k - 1].cls == PHRASE:
            k -= 1
        return k
    seen_verb = tok.cls == "v"
    start = last
    for k in range(last - 1, -1, -1):
        before = out[k]
        if before.cls == "v" and before.en == "be":
            break  # the clause's copula (是这个角色的关键), not a verb of the modifier
        if before.cls == "v" and not seen_verb:
            seen_verb, start = True, k
        elif seen_verb and (before.cls in "dP" or before.cls == "v" and before.en in MODAL_VERBS):
            start = k
        elif seen_verb and before.cls == "r" and before.en.lower() in POSSESSIVE_PRONOUNS:
            return k
        elif seen_verb or before.cls not in "dm":
            break  # before a verb is found, adverbs and numbers may stand between it and its object
    return start if seen_verb else last


def _adverbs_before(out: list[Tok], last: int) -> int:
    k = last
    while k > 0 and out[k - 1].cls == "d":
        k -= 1
    return k


def _adjective_word(tok: Tok) -> bool:
    """A one-word noun that has an adjective reading (专业 'professional', 其他关键 'other key')."""
    return "a" in tok.alts and " " not in tok.en and not tok.concepts


def _modified(modifier: list[Tok], noun: Tok, relative: Render) -> Tok:
    first = modifier[0]
    if len(modifier) == 1 and first.cls == "v" and " " not in first.en:
        # 认可的课程 'approved courses'
        return _noun_like(noun, [first, noun], en=f"{past_participle(first.en)} {noun.en}")
    if any(tok.cls == "v" for tok in modifier):
        return _noun_like(noun, [*modifier, noun], post=_join(noun.post, "that " + relative(modifier)))
    if len(modifier) == 1 and first.cls == "r" and first.en.lower() in POSSESSIVE_PRONOUNS:
        return _noun_like(noun, [first, noun], det=_join(POSSESSIVE_PRONOUNS[first.en.lower()], noun.det))
    if len(modifier) == 1 and first.cls in "rm":
        return _with_determiner(first, noun)
    if len(modifier) == 1 and first.cls == "n" and first.person:
        owner = decide_number(first)
        return _noun_like(noun, [first, noun], det=_join(owner.det, possessive_of(owner), noun.det))
    if len(modifier) == 1 and first.cls == "n" and _adjective_word(first):
        english = f"{first.alts['a']} {noun.en}"
        return _noun_like(noun, [first, noun], en=english, det=_join(first.det, noun.det))
    if all(tok.cls in "adl" for tok in modifier):
        words = " ".join(filter(None, (tok.text() for tok in modifier)))
        return _noun_like(noun, [*modifier, noun], en=f"{words} {noun.en}")
    owners = " ".join(decide_number(tok).text() for tok in modifier)
    if first.cls == PHRASE:
        return _noun_like(noun, [*modifier, noun], post=_join(noun.post, owners))
    return _noun_like(noun, [*modifier, noun], det=noun.det or "the", post=_join(noun.post, "of " + owners))


def possessive_of(owner: Tok) -> str:
    """The owner's head in the possessive, without its determiner (that goes in front)."""
    bare = Tok(owner.cls, owner.en, owner.start, owner.end, number=owner.number, countable=owner.countable,
               post=owner.post)
    return bare.possessive()
