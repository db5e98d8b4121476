"""Clause rules of the Chinese translator: prepositional frames, their place, verb forms.

Chinese wraps a place or a time in a frame before the verb (在医院中工作, 在...之前,
对患者来说); English puts the preposition first and the phrase after the verb ("work in
hospitals"). A frame becomes one prepositional phrase; a place, partner or recipient phrase
before its verb moves behind the verb phrase, a time phrase too unless it opens the clause
("Before patients interact with a nurse, ..."). A verb after a preposition, opening a list
item or continuing a sentence without a subject takes the -ing form ("by helping",
"Recording ...", ", focusing on ...").
"""
from __future__ import annotations

import itertools
import operator
from collections.abc import Callable
from dataclasses import dataclass

from .english import MODAL_VERBS, gerund
from .units import PHRASE, Tok, has_class, has_source, merged
from .zh_readings import CONTINUATION, LIST_ITEM, NOUN_BODY, VERB_BODY

Render = Callable[[list[Tok], str], str]
PLACE, TIME = "place", "time"


@dataclass(frozen=True, slots=True)
class Frame:
    """A preposition and the localizers that may close it, with the English of each closing."""

    closings: dict[str, str]
    bare: str | None  # the English when no localizer closes it; None: the word needs one
    kind: str  # PLACE: English puts it after the verb; TIME: after the verb unless it opens the clause; ""
    verbal: bool = False  # its object is an action (通过帮助... 'by helping ...')


_PLACE = {"中": "in", "里": "in", "内": "within", "上": "in", "下": "under", "之间": "between",
          "方面": "in terms of"}
_TIME = {"时": "when", "的时候": "when", "之前": "before", "以前": "before", "前": "before",
         "之后": "after", "以后": "after", "后": "after", "期间": "during", "过程中": "during"}
FRAMES: dict[str, Frame] = {
    "在": Frame({**_PLACE, **_TIME}, "in", PLACE),
    "当": Frame({"时": "when", "的时候": "when"}, "when", "", verbal=True),
    "对": Frame({"来说": "for", "而言": "for"}, "to", PLACE),
    "对于": Frame({"来说": "for", "而言": "for"}, "for", ""),
    "与": Frame({"一起": "with"}, "with", PLACE),
    "跟": Frame({"一起": "with"}, "with", PLACE),
    "同": Frame({"一起": "with"}, "with", PLACE),
    "和": Frame({"一起": "with"}, None, PLACE),
    "除了": Frame({"之外": "in addition to", "以外": "in addition to"}, "in addition to", "", verbal=True),
    "因": Frame({"而异": "vary by"}, "because of", ""),
    "从": Frame({}, "from", PLACE),
    "向": Frame({}, "to", PLACE),
    "给": Frame({}, "to", PLACE),
    "为": Frame({}, "for", PLACE),
    "替": Frame({}, "for", PLACE),
    "通过": Frame({"来": "by"}, "by", PLACE, verbal=True),
    "根据": Frame({}, "according to", ""),
    "按照": Frame({}, "according to", ""),
    "随着": Frame({}, "with", ""),
    "作为": Frame({}, "as", ""),
    "关于": Frame({}, "about", ""),
    "由": Frame({}, "by", PLACE),
    "用": Frame({}, "with", PLACE),
}
# localizers standing without an opening preposition (完成学位后 'after completing a degree')
LONE_LOCALIZERS = {**_TIME, "之间": "between", "中": "in", "期间": "during"}
# English prepositions whose object is usually an action
_ACTION_PREPOSITIONS = frozenset({"by", "before", "after", "when", "in addition to", "without", "since"})
# English prepositions after which a verb takes the -ing form
_GERUND_AFTER = frozenset({"by", "before", "after", "in addition to", "when", "for", "from", "about", "in",
                           "with", "without", "of", "to", "during"})
_OBJECT_MARKERS = frozenset({"将", "把"})
_FRAME_WORDS = frozenset(FRAMES) | frozenset(LONE_LOCALIZERS)
_PHRASE_CLASS = frozenset({PHRASE})
_CASE_WORDS = frozenset({"case", "cases", "situation", "situations", "circumstance", "circumstances"})


def frames(tokens: list[Tok], render: Render) -> list[Tok]:
    """Each preposition with its object (and closing localizer) becomes one phrase 'P'.

    `tokens` itself when no word changed, so that the caller can tell the words are as it gave them.
    """
    if not has_source(tokens, _FRAME_WORDS):
        return tokens
    out: list[Tok] = []
    read_as_verb = False
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        frame = FRAMES.get(tok.src) if tok.cls in "pc" else None
        found = _frame_end(tokens, i, frame) if frame else None
        if frame is None or found is None:
            if frame is not None and "v" in tok.alts:
                tok.cls, tok.en = "v", tok.alts["v"]  # 并通过认证考试 'and pass the certification exam'
                read_as_verb = True
            if tok.cls == "f" and tok.src in LONE_LOCALIZERS:
                out = _lone_localizer(out, tok, render)
            elif not (tok.src == "在" and i + 1 < len(tokens) and tokens[i + 1].cls in "vd"):
                out.append(tok)  # 在 before a verb marks an action in progress: no English word
            i += 1
            continue
        end, closing = found
        body = tokens[i + 1:end]
        english = frame.closings[closing.src] if closing is not None else frame.bare or ""
        last = end + 1 if closing is not None else end
        phrase = merged(tokens[i:last], PHRASE, _phrase_text(english, body, render, verbal=frame.verbal))
        phrase.movable = TIME if closing is not None and closing.src in _TIME else frame.kind
        out.append(phrase)
        i = last
    # a frame word without a frame (a verb's 和) mostly leaves the clause as it was
    unchanged = not read_as_verb and len(out) == len(tokens) and all(map(operator.is_, out, tokens))
    return tokens if unchanged else out


def _frame_end(tokens: list[Tok], start: int, frame: Frame) -> tuple[int, Tok | None] | None:
    """Where the frame's object ends: at its closing localizer, else before the next verb."""
    for k in range(start + 1, len(tokens)):
        if tokens[k].src in frame.closings and k > start + 1:
            return k, tokens[k]
        if tokens[k].cls == "x" and tokens[k].src != "、":
            break
    if frame.bare is None:
        return None
    end = start + 1
    if frame.verbal:
        while end < len(tokens) and tokens[end].cls != "x":
            end += 1
        has_verb = any(tok.cls == "v" for tok in tokens[start + 1:end])
        return (end, None) if has_verb or "v" not in tokens[start].alts and end > start + 1 else None
    while end < len(tokens) and (tokens[end].cls not in "vxpd" or tokens[end].src == "、") \
            and tokens[end].src not in FRAMES:
        end += 1
    last = tokens[end - 1]
    if end - 1 > start + 1 and (end == len(tokens) or tokens[end].cls == "x") and "v" in last.alts:
        last.cls, last.en = "v", last.alts["v"]  # 为零售商工作: the frame needs a verb after it
        end -= 1
    return (end, None) if end > start + 1 else None


def _lone_localizer(out: list[Tok], tok: Tok, render: Render) -> list[Tok]:
    """A localizer without 在: a time closes what came before in the clause ('after completing ...'),
    a place closes the noun before it ('between these roles'); with nothing before, it opens."""
    english = LONE_LOCALIZERS[tok.src]
    if tok.src in _TIME:
        body = out
    else:
        k = len(out)
        while k > 0 and out[k - 1].cls in "nmra":
            k -= 1
        body = out[k:]
    if not body:
        return [*out, Tok("p", english, tok.start, tok.end, tok.src)]
    kept = out[: len(out) - len(body)]
    phrase = merged([*body, tok], PHRASE, _phrase_text(english, body, render, verbal=tok.src in _TIME))
    phrase.movable = TIME if tok.src in _TIME else PLACE
    return [*kept, phrase]


def _phrase_text(preposition: str, body: list[Tok], render: Render, *, verbal: bool) -> str:
    """A preposition and its object. After 'by', 'before', 'when'... the object is an action
    (在评估医疗助理时 'when evaluating medical assistants'); a verb after a preposition takes -ing."""
    if preposition == "under" and body and body[-1].en in _CASE_WORDS:
        preposition = "in"  # 在某些情况下 'in some cases'
    action = verbal or preposition in _ACTION_PREPOSITIONS
    first = next((tok for tok in body if tok.cls not in "dc"), None)
    if first is not None and action and first.cls == "n" and "v" in first.alts and not first.concepts \
            and len(body) > 1 and body[1].cls == "n":
        first.cls, first.en = "v", first.alts["v"]
    if first is not None and first.cls == "v" and first.en not in MODAL_VERBS \
            and (action or preposition in _GERUND_AFTER):
        first.en = gerund(first.en)
    return " ".join(part for part in (preposition, render(body, VERB_BODY if action else NOUN_BODY)) if part)


def object_markers(tokens: list[Tok]) -> list[Tok]:
    """将/把 + object + verb puts the object first; English puts it after the verb (将样本送往实验室
    'send specimens to laboratories'). 将 before a verb is 'will' and stays: `tokens` itself then."""
    if not has_source(tokens, _OBJECT_MARKERS):
        return tokens
    out = list(tokens)
    for i, tok in enumerate(out):
        if tok.src not in _OBJECT_MARKERS or i + 2 >= len(out):
            continue
        if out[i + 1].cls != "n" or out[i + 2].cls != "v":
            continue
        verb, obj = out[i + 2], out[i + 1]
        if " to" in verb.en:  # 送往 'send to': the object goes between the verb and its preposition
            head, _, tail = verb.en.partition(" to")
            verb.en = head
            out[i:i + 3] = [verb, obj, Tok("p", "to" + tail, verb.end, verb.end)]
        else:
            out[i:i + 3] = [verb, obj]
        return out
    return tokens


def move_phrases(tokens: list[Tok]) -> list[Tok]:
    """A place phrase before its verb (or adjective) goes after the verb phrase, at the clause's end;
    a time phrase too when it does not open the clause."""
    if not has_class(tokens, _PHRASE_CLASS):
        return tokens
    out = list(tokens)
    for i in range(len(out) - 1, -1, -1):
        tok = out[i]
        if tok.cls != PHRASE or not tok.movable or tok.movable == TIME and i == 0:
            continue
        if _predicate_follows(out, i):
            out.pop(i)
            out.append(tok)
    return out


def _predicate_follows(tokens: list[Tok], i: int) -> bool:
    for tok in tokens[i + 1:]:
        if tok.cls in "val":
            return True
        if tok.cls not in "dP":
            return False
    return False


def verb_forms(tokens: list[Tok], mode: str) -> list[Tok]:
    """A list item's or a subjectless continuation's opening verb, and the verbs joined to it, take -ing."""
    if mode not in (LIST_ITEM, CONTINUATION):
        return tokens
    first = next((tok for tok in tokens if tok.cls not in "cdP"), None)
    if first is None or first.cls != "v" or first.en in MODAL_VERBS or first.en.startswith("there ") \
            or first.en == "be" and mode == CONTINUATION:
        return tokens
    first.en = first.en.removeprefix("be ") if first.en.startswith("be ") else gerund(first.en)
    for before, tok in itertools.pairwise(tokens):
        if before.cls == "c" and tok.cls == "v" and tok.en not in MODAL_VERBS:
            tok.en = gerund(tok.en)
    return tokens
