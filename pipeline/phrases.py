"""Token spans -> short English fact texts: duties as base-form verb phrases, skills as noun phrases.

A duty list item or a run of prose after a role subject is an enumeration of actions:
"Answering phones and scheduling appointments" holds two, "Labeling and packaging
prescriptions" one (two verbs share one object), "help administrators with bookkeeping,
billing and insurance claims" one (the list is inside the object). The rule that tells
them apart: a new action starts after ',', 'and' or 'or' only where a verb of the same form
as the first one follows (an -ing form after an -ing form, a base form after a base form),
and an action that is a bare verb shares the object of the next one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .cues import (
    CLAUSE_BREAKS,
    EXAMPLE_MARKERS,
    GENERIC_SKILL_WORDS,
    GRADING_ADJECTIVES,
    MODAL_AND_ADVERB,
    NEGATIONS,
    NEVER_DUTY_VERBS,
    NOT_SKILL_LABELS,
    SKILL_HEADS,
    SUBJECT_PRONOUNS,
    VAGUE_OBJECTS,
)
from .vocab import EnglishVocab, Tokens, english_vocab

GERUND, BASE = "gerund", "base"
_JOINERS = frozenset({",", "and", "or", "&", "as well as", "/"})
PREPOSITIONS = frozenset(
    [
        "in",
        "of",
        "with",
        "to",
        "for",
        "on",
        "at",
        "about",
        "from",
        "by",
        "into",
        "under",
        "during",
        "among",
        "within",
    ]
)
_DETERMINERS = frozenset(
    [
        "a",
        "an",
        "the",
        "their",
        "his",
        "her",
        "its",
        "our",
        "your",
        "my",
        "this",
        "these",
        "those",
        "some",
        "any",
        "each",
        "every",
        "all",
        "both",
        "several",
        "many",
        "most",
        "more",
        "few",
        "such",
    ]
)
_FUNCTION = (
    _DETERMINERS | PREPOSITIONS | frozenset(["and", "or", "but", "as", "than", "that", "which", "who"])
)
_CLOSING_PUNCT = ".;:!?。；：！？"
# The first words of the markers that end a phrase before its examples (`_cut_examples`).
_ABBREVIATED_MARKERS = ("i.e.", "etc")
_EXAMPLE_OPENERS = frozenset([marker.split()[0] for marker in EXAMPLE_MARKERS] + list(_ABBREVIATED_MARKERS))
_MAX_LISTED_SKILL = (
    4  # words of one skill in 'Communication and interpersonal skills'; longer parts are prose
)
# Verbs that take a skill as object and so stop a skill phrase on its left ('have ... knowledge').
SKILL_STOP_VERBS = frozenset(
    [
        "be",
        "have",
        "need",
        "require",
        "possess",
        "use",
        "demonstrate",
        "develop",
        "show",
        "include",
        "gain",
        "build",
    ]
)


@dataclass(slots=True)
class Phrase:
    """One fact text and the characters of the sentence it was read from (not frozen: see vocab.Word)."""

    text: str
    start: int  # character offsets into the parsed text
    end: int


def leading_verb(
    doc: Tokens, start: int, end: int, vocab: EnglishVocab | None = None
) -> tuple[int, str] | None:
    """The first verb of doc[start:end] after adverbs and modals, with its form; None if there is none."""
    vocab = vocab or english_vocab()
    i = _skip_modifiers(doc, start, end)
    if i >= end:
        return None
    word = doc.words[i]
    if word.is_gerund:
        return i, GERUND
    if word.is_base_verb or word.is_finite_verb:
        return i, BASE
    return None


def duty_phrases(doc: Tokens, start: int, end: int, *, allow_bare: bool = False) -> list[Phrase]:
    """The actions enumerated in doc[start:end], which opens with a verb, each in base form.

    `allow_bare` keeps one-word actions ('Budgeting'), as a list may; prose needs an object.
    """
    vocab = english_vocab()
    opening = leading_verb(doc, start, end, vocab)
    if opening is None:
        return []
    first, form = opening
    end = _clause_end(doc, first, end)
    phrases: list[Phrase] = []
    for conj_start, conj_end in _conjuncts(doc, first, end, form, vocab):
        phrases.extend(_action(doc, conj_start, conj_end, form, vocab, allow_bare))
    return phrases


def nominal_phrase(doc: Tokens, start: int, end: int) -> Phrase | None:
    """A list item that names a duty without a verb ('Inventory organization'), as it stands."""
    start, end = _trim(doc, start, end)
    end = _cut_examples(doc, start, end)
    if start >= end or not any(word.is_alpha for word in doc.words[start:end]):
        return None
    return Phrase(_render(doc, start, end), doc.start(start), doc.end(end - 1))


def skill_phrases(doc: Tokens, start: int, end: int) -> list[Phrase]:
    """The skills a skill list item names: 'Communication and interpersonal skills' gives two."""
    start, end = _trim(doc, start, end)
    end = _cut_examples(doc, start, end)
    if start >= end:
        return []
    has_inner_structure = any(
        lower in PREPOSITIONS or lower in ("such", "e.g.") for lower in doc.lower[start:end]
    )
    parts = _split_on_joiners(doc, start, end)
    if has_inner_structure or len(parts) < 2 or any(b - a > _MAX_LISTED_SKILL for a, b in parts):
        return [Phrase(_skill_text(doc, start, end), doc.start(start), doc.end(end - 1))]
    head_lemma = doc.lemma[end - 1]
    out = []
    for part_start, part_end in parts:
        text = _skill_text(doc, part_start, part_end)
        if head_lemma in SKILL_HEADS and doc.lemma[part_end - 1] not in SKILL_HEADS:
            text = f"{text} {doc.words[end - 1].text.lower()}"
        out.append(Phrase(text, doc.start(part_start), doc.end(part_end - 1)))
    return out


def skill_noun_phrases(doc: Tokens, start: int, end: int) -> list[Phrase]:
    """Skills named inside a sentence: '...require strong interpersonal skills' -> 'interpersonal skills'.

    A skill head ('skills', 'knowledge', 'proficiency') with the modifiers before it; an
    enumeration of modifiers ('clinical, communication, and basic laboratory skills') gives
    one skill per modifier.
    """
    vocab = english_vocab()
    lower, lemma = doc.lower, doc.lemma
    found: list[Phrase] = []
    if SKILL_HEADS.isdisjoint(lemma[start:end]):
        return found  # most sentences name no skill
    for i in range(start, end):
        if lemma[i] not in SKILL_HEADS or (i + 1 < end and lower[i + 1] == "to"):
            continue
        left = i
        while left > start and _is_skill_modifier(doc, left - 1, vocab):
            left -= 1
        while left < i and (lower[left] in _JOINERS or lower[left] in GRADING_ADJECTIVES):
            left += 1
        if left == i:
            continue
        for part_start, part_end in _split_on_joiners(doc, left, i):
            while part_start < part_end and lower[part_start] in GRADING_ADJECTIVES | GENERIC_SKILL_WORDS:
                part_start += 1
            if part_start < part_end:
                text = f"{_render(doc, part_start, part_end).lower()} {doc.words[i].text.lower()}"
                found.append(Phrase(text, doc.start(part_start), doc.end(i)))
    return found


def included_items(doc: Tokens, start: int, end: int) -> list[Phrase]:
    """The actions listed after 'including' in doc[start:end] ('involved in X, including budgeting, ...')."""
    lower = doc.lower
    for i in range(start, end - 1):
        if lower[i] == "including" and doc.words[i + 1].is_gerund:
            return _included(doc, i + 1, end)
    return []


def is_skill_label(label: Tokens) -> bool:
    """'Communication' or 'Patient interaction' label a skill; 'Work environment' or 'Supervision' do not."""
    return 0 < len(label) <= 5 and not any(lemma in NOT_SKILL_LABELS for lemma in label.lemma)


def expand_label(label: Tokens, explanation: Tokens) -> str:
    """A one-word label made specific by its explanation.

    'Software: MAs use medical office software to...' -> 'medical office software';
    'Collaboration: MAs collaborate with various health care professionals, ...' ->
    'collaboration with various health care professionals'.
    """
    text = _skill_text(label, 0, len(label))
    if len(label) != 1:
        return text
    vocab = english_vocab()
    word = label.lemma[0]
    lower = explanation.lower
    for i, lemma in enumerate(explanation.lemma):
        if lemma == word and i > 0:
            left = i
            while (
                left > 0
                and _is_skill_modifier(explanation, left - 1, vocab)
                and explanation.words[left - 1].is_alpha
                and lower[left - 1] not in GRADING_ADJECTIVES
            ):
                left -= 1
            before = lower[i - 1]
            if left < i and vocab.is_noun(before) and not vocab.is_adjective(before):
                return _render(explanation, left, i + 1).lower()
        stem = lemma.removesuffix("e")
        if lemma != word and len(stem) >= 5 and word.startswith(stem) and vocab.can_be_verb(lower[i]):
            end = i + 1
            if end < len(explanation) and lower[end] in PREPOSITIONS:
                stop = end
                while stop < len(explanation) and not explanation.words[stop].is_punct:
                    stop += 1
                return f"{text} {_render(explanation, end, stop)}"
    return text


@lru_cache(maxsize=4096)
def is_vague_duty(text: str) -> bool:
    """'perform clerical duties': a duty whose object is only general words (asked of glossary
    forms, page after page: cached)."""
    doc = english_vocab().parse(text)
    return len(doc) < 2 or _is_vague(doc, 1, len(doc), english_vocab())


@lru_cache(maxsize=8192)
def content_lemmas(text: str) -> tuple[str, ...]:
    """The lemmas that carry a phrase's meaning, for comparing and deduplicating facts.

    Cached (bounded): deduplication compares every fact of a page with the others, so the
    same few texts are asked for again and again.
    """
    return tuple(
        word.lemma
        for word in english_vocab().tokens(text).words
        if (word.is_alpha or "-" in word.text)
        and word.lower not in _FUNCTION
        and word.lower not in SUBJECT_PRONOUNS
        and word.lower not in ("them", "us", "it", "other", "various", "basic", "also")
    )


# -- enumerations ---------------------------------------------------------------------------


def _conjuncts(doc: Tokens, start: int, end: int, form: str, vocab: EnglishVocab) -> list[tuple[int, int]]:
    """Split doc[start:end] where a new action begins; bare verbs join the action after them.

    After a base-form verb, participles after a comma start actions too ('serve as the first
    point of contact, answering questions, addressing concerns').
    """
    lower = doc.lower
    cuts = [start]
    participles = False
    i = start + 1
    while i < end:
        if lower[i] not in (",", "and", "or", ";", "&"):
            i += 1
            continue
        after_comma = lower[i] in (",", ";")
        j = i
        while j < end and lower[j] in (",", "and", "or", "&"):
            j += 1
        k = _skip_modifiers(doc, j, end)
        if k < end and lower[k] != "including":
            participle = form == BASE and doc.words[k].is_gerund and (after_comma or participles)
            if (_same_form(doc, k, form, vocab) or participle) and _has_object(doc, k, end):
                participles = participles or participle
                cuts.append(j)
                i = k + 1
                continue
        i = j
    spans = list(zip(cuts, [*cuts[1:], end], strict=True))
    merged: list[tuple[int, int]] = []
    pending: int | None = None
    for a, b in spans:
        a = pending if pending is not None else a
        if _is_bare_verb(doc, a, b) and (a, b) != spans[-1]:
            pending = a
            continue
        pending = None
        merged.append((a, _strip_joiners(doc, a, b)))
    return merged


def _same_form(doc: Tokens, i: int, form: str, vocab: EnglishVocab) -> bool:
    """Whether token `i` opens another action of the enumeration.

    A word that is also an adjective ('appropriate', 'side') opens one only before a
    determiner: 'clean the equipment' is an action, 'appropriate dispensing' is not.
    """
    word = doc.words[i]
    if form == GERUND:
        return word.is_gerund
    if not word.is_base_verb or word.lower.endswith("ing"):
        return False
    following = doc.lower[i + 1] if i + 1 < len(doc) else ""
    return not vocab.is_adjective(word.lower) or following in _DETERMINERS


def _has_object(doc: Tokens, verb: int, end: int) -> bool:
    """'answering questions' has one; 'billing' in 'bookkeeping, billing and claims' is a noun, not
    a new action."""
    return (
        verb + 1 < end and doc.lower[verb + 1] not in ("and", "or", "&") and not doc.words[verb + 1].is_punct
    )


def _is_bare_verb(doc: Tokens, start: int, end: int) -> bool:
    """'Labeling and' / 'Greeting and': a verb whose object comes with the next one."""
    content = 0
    for lower in doc.lower[start:end]:
        if lower not in (",", "and", "or", "&") and lower not in MODAL_AND_ADVERB:
            content += 1
            if content > 1:  # most conjuncts: a verb and its object, told by their first two words
                return False
    return content == 1


def _strip_joiners(doc: Tokens, start: int, end: int) -> int:
    lower = doc.lower
    while (
        end > start
        and (lower[end - 1] in (",", "and", "or", "&", ";") or doc.words[end - 1].is_punct)
        and not _closes_bracket(doc, start, end)
    ):
        end -= 1
    return end


def _clause_end(doc: Tokens, start: int, end: int) -> int:
    """Where the enumeration stops: a subordinate clause, a ';' or ':' or a new sentence."""
    words = doc.lower
    for i in range(start + 1, end):
        lower = words[i]
        if lower in (";", ":", "—", "–") or lower in CLAUSE_BREAKS and lower != "so":
            return i
        if lower == "so" and i + 1 < end and words[i + 1] == "that":
            return i
        if lower == "as" and i + 1 < end and words[i + 1] in SUBJECT_PRONOUNS | {"it", "we"}:
            return i
        if lower == "rather" and i + 1 < end and words[i + 1] == "than":
            return i
        if lower in SUBJECT_PRONOUNS and words[i - 1] in (",", "and", "or", "but"):
            return i - 1  # ', or they can perform both': a new clause with its own subject
    return end


# -- one action -----------------------------------------------------------------------------


def _action(
    doc: Tokens, start: int, end: int, form: str, vocab: EnglishVocab, allow_bare: bool
) -> list[Phrase]:
    """One conjunct as a duty, plus the actions its 'including ...' lists."""
    lower = doc.lower
    start = _skip_modifiers(doc, start, end)
    if start >= end or not NEGATIONS.isdisjoint(lower[start:end]):
        return []
    nested: list[Phrase] = []
    for i in range(start + 1, end):
        if lower[i] == "including" and i + 1 < end and doc.words[i + 1].is_gerund:
            nested = _included(doc, i + 1, end)
            end = i
            break
    end = _strip_joiners(doc, start, _cut_examples(doc, start, end))
    bare = end - start == 1
    if doc.lemma[start] in NEVER_DUTY_VERBS or not SKILL_HEADS.isdisjoint(doc.lemma[start:end]):
        return nested  # 'focusing on...', 'bring technical and people skills' state no duty
    if end <= start or (bare and not allow_bare) or (not bare and _is_vague(doc, start + 1, end, vocab)):
        return nested
    text = _render_action(doc, start, end, vocab).removeprefix("to ").strip()
    return [Phrase(text, doc.start(start), doc.end(end - 1)), *nested]


def _render_action(doc: Tokens, start: int, end: int, vocab: EnglishVocab) -> str:
    """The action's words with its verb in base form, and the verbs coordinated with it
    ('greet and check in patients'); acronyms and mid-phrase capitals are kept."""
    words: list[str] = []
    coordinated = True
    lower = doc.lower
    for i, space in zip(range(start, end), doc.whitespaces(start, end), strict=True):
        token = doc.words[i]
        word = token.text
        if token.lower in ("and", "or", ","):
            coordinated = coordinated and i > start
        elif coordinated:
            base = vocab.base_of_gerund(word) if token.is_gerund else None
            if base is None and i == start and token.is_finite_verb:
                base = token.lemma
            word = base or word
            coordinated = base is not None and i + 1 < end and lower[i + 1] in ("and", "or", ",")
        if word[:1].isupper() and word[1:].islower():
            word = word.lower()
        words.append(word + space)
    return "".join(words).strip()


def _included(doc: Tokens, start: int, end: int) -> list[Phrase]:
    """'including budgeting, staff training, and quality improvement initiatives': one fact per item.

    Items are separated by commas; an item opening with a verb is an action (and may hold
    several), any other item of two words or more is a nominal duty.
    """
    end = _clause_end(doc, start, end)
    items: list[Phrase] = []
    item_start = start
    lower = doc.lower
    for i in range(start, end + 1):
        if i < end and lower[i] not in (",", ";"):
            continue
        a, b = _trim(doc, item_start, i)
        item_start = i + 1
        if a >= b:
            continue
        if doc.words[a].is_gerund:
            items.extend(duty_phrases(doc, a, b, allow_bare=True))
        elif b - a >= 2:
            items.append(Phrase(_render(doc, a, b), doc.start(a), doc.end(b - 1)))
    return items


def _is_vague(doc: Tokens, start: int, end: int, vocab: EnglishVocab) -> bool:
    """'perform administrative tasks at a hospital', 'carry out many of the daily tasks': an object
    whose words before its first preposition are all general says nothing."""
    lower = doc.lower
    for i in range(start, end):
        if lower[i] in PREPOSITIONS and lower[i] != "of" and i > start:
            end = i
            break
    # vague unless a content word (no function word, adjective or adverb) says more
    return not any(
        token.lemma not in VAGUE_OBJECTS
        and token.is_alpha
        and token.lower not in _FUNCTION
        and not vocab.is_adjective(token.lower)
        and token.lower not in MODAL_AND_ADVERB
        for token in doc.words[start:end]
    )


# -- helpers --------------------------------------------------------------------------------


def _skip_modifiers(doc: Tokens, start: int, end: int) -> int:
    lower = doc.lower
    i = start
    while i < end and (
        lower[i] in MODAL_AND_ADVERB
        or lower[i] in (",", "and", "or", "to")
        or (
            lower[i].endswith("ly")
            and doc.words[i].is_alpha
            and i + 1 < end
            and english_vocab().can_be_verb(lower[i + 1])
            and not english_vocab().can_be_verb(lower[i])
        )
    ):
        if lower[i] == "help" and not (i + 1 < end and lower[i + 1] == "to"):
            break  # 'help pharmacists prepare ...' is itself the duty
        i += 1 + (lower[i] == "help")
    return i


def _trim(doc: Tokens, start: int, end: int) -> tuple[int, int]:
    words = doc.words
    while start < end and (words[start].is_punct or words[start].lower in ("and", "or")):
        start += 1
    while end > start and (
        words[end - 1].is_punct
        and words[end - 1].text in _CLOSING_PUNCT + ",)"
        and not _closes_bracket(doc, start, end)
    ):
        end -= 1
    return start, end


def _closes_bracket(doc: Tokens, start: int, end: int) -> bool:
    return doc.words[end - 1].text == ")" and any(word.text == "(" for word in doc.words[start : end - 1])


def _cut_examples(doc: Tokens, start: int, end: int) -> int:
    """'Measuring vital signs such as blood pressure...' -> 'Measuring vital signs'."""
    words = doc.lower
    if _EXAMPLE_OPENERS.isdisjoint(words[start + 1 : end]):
        return end  # most phrases: no word that opens a marker
    for i in range(start + 1, end):
        lower = words[i]
        pair = f"{lower} {words[i + 1]}" if i + 1 < end else lower
        if pair in EXAMPLE_MARKERS or lower in EXAMPLE_MARKERS or lower in _ABBREVIATED_MARKERS:
            return i
    return end


def _split_on_joiners(doc: Tokens, start: int, end: int) -> list[tuple[int, int]]:
    parts: list[tuple[int, int]] = []
    part_start = start
    lower = doc.lower
    for i in range(start, end):
        if lower[i] in (",", "and", "or", "&", "/"):
            if part_start < i:
                parts.append((part_start, i))
            part_start = i + 1
    if part_start < end:
        parts.append((part_start, end))
    return parts


def _is_skill_modifier(doc: Tokens, i: int, vocab: EnglishVocab) -> bool:
    token = doc.words[i]
    lower = token.lower
    if lower in (",", "and", "or", "&", "-"):
        return True
    if token.lemma in SKILL_STOP_VERBS:
        return False
    if not (token.is_alpha or "-" in token.text) or lower in _FUNCTION or lower in MODAL_AND_ADVERB:
        return False
    if (
        lower in GRADING_ADJECTIVES
        or vocab.is_adjective(lower)
        or vocab.is_noun(lower)
        or lower.endswith("ing")
    ):
        return not (token.is_finite_verb and not vocab.is_noun(lower) and not vocab.is_adjective(lower))
    return False


def _skill_text(doc: Tokens, start: int, end: int) -> str:
    text = _render(doc, start, end)
    return text if text[:2].isupper() else text[:1].lower() + text[1:]


def _render(doc: Tokens, start: int, end: int) -> str:
    text = doc.span(start, end)
    return text[:1].lower() + text[1:] if text[:1].isupper() and not text[1:2].isupper() else text
