"""Verb rules of the Chinese translator: what English needs around a verb and Chinese leaves out.

Chinese has no agreement, no auxiliary 'do', no copula before an adjective, no infinitive
marker and no -ing form; it chains verbs where English subordinates one to another
(需要获得 "need to earn", 使用软件处理 "use software to handle", 负责配药 "responsible for
dispensing"). These rules run last on a clause, when its words and phrases are in English
order, and change only verb forms and the small words between them.
"""
from __future__ import annotations

import itertools

from .english import GERUND_VERBS, MODAL_VERBS, TO_VERBS, gerund, third_person
from .units import SINGULAR, Tok, has_class

# verbs whose object is the means to a second action: 使用软件处理 'use software to handle'
_MEANS_VERBS = frozenset({"use", "utilize", "apply", "employ"})
_PREPOSITION_ENDINGS = (" for", " of", " in", " on", " about", " at", " with", " from")
_PLURAL_SUBJECTS = frozenset({"they", "we", "you", "these", "those", "both"})
_SINGULAR_SUBJECTS = frozenset({"this", "it", "he", "she", "that", "which", "who", "one"})
_FREQUENCY_ADVERBS = frozenset({"usually", "generally", "typically", "normally", "frequently", "rarely",
                                "only", "mostly", "mainly", "primarily", "directly", "currently", "already",
                                "early"})
_COORDINATORS = frozenset({"and", "or", ",", "as well as"})
_VERBS = frozenset({"v"})


def verb_rules(tokens: list[Tok]) -> list[Tok]:
    """All the verb rules of a clause, in order; a clause without a verb needs only a copula's."""
    if len(tokens) < 2:
        agreement(tokens)  # the other rules relate a word to its neighbours; a lone 'be' still agrees
        return tokens
    tokens = how_clauses(tokens)
    has_verb = has_class(tokens, _VERBS)
    if has_verb:
        tokens = adverbs_after_verbs(tokens)
        complements(tokens)
    predicates(tokens)
    if has_verb:
        agreement(tokens)
    return tokens


def how_clauses(tokens: list[Tok]) -> list[Tok]:
    """'N 如何 V' -> 'how N V' (药物如何起作用 'how medications work'); 如何 V with no subject is
    'how to V' (如何成为 'how to become')."""
    out = list(tokens)
    for i, tok in enumerate(out):
        if tok.cls != "r" or tok.en != "how":
            continue
        if i > 0 and out[i - 1].cls == "n":
            out[i - 1], out[i] = out[i], out[i - 1]
        elif i + 1 < len(out) and out[i + 1].cls == "v" and not any(t.cls in "nr" for t in out[:i]):
            tok.en = "how to"
    return out


def adverbs_after_verbs(tokens: list[Tok]) -> list[Tok]:
    """A manner adverb follows its verb in English (密切合作 'work closely'); any adverb follows 'be'
    (也是 'is also', 不是 'is not', 不仅是 'is not only')."""
    out = list(tokens)
    for i in range(len(out) - 1):
        adverb, verb = out[i], out[i + 1]
        if adverb.cls not in "dc" or verb.cls != "v" or adverb.cls == "c" and adverb.en != "not only":
            continue
        manner = adverb.en.endswith("ly") and adverb.en not in _FREQUENCY_ADVERBS
        manner = manner and verb.en not in MODAL_VERBS
        if manner or verb.en == "be" and adverb.en:
            out[i], out[i + 1] = verb, adverb
    return out


def complements(tokens: list[Tok]) -> None:
    """The form of a verb that completes another: 'need to earn', 'include managing', 'responsible for
    dispensing, managing and handling', 'use software to handle'; a 'will' after such a verb drops."""
    for i, tok in enumerate(tokens):
        if tok.cls != "v" or tok.en in MODAL_VERBS:
            continue
        rest = tokens[i + 1:]
        if rest and rest[0].cls in "vd" and rest[0].en == "will":
            rest[0].en = ""
            rest = rest[1:]
        if rest and rest[0].cls == "v" and tok.en in TO_VERBS:
            tok.en += " to"
        elif rest and rest[0].cls == "v" and (tok.en in GERUND_VERBS
                                              or tok.en.endswith(_PREPOSITION_ENDINGS)):
            for verb in _coordinated_verbs(rest):
                verb.en = gerund(verb.en)
        elif tok.en in _MEANS_VERBS and len(rest) > 1 and rest[0].cls == "n" and rest[1].cls == "v":
            rest[1].en = "to " + rest[1].en


def _coordinated_verbs(tokens: list[Tok]) -> list[Tok]:
    """The verb opening `tokens` and the verbs joined to it by 'and', 'or' or a list comma."""
    verbs = [tokens[0]]
    for before, tok in itertools.pairwise(tokens):
        if tok.cls == "v" and tok.en not in MODAL_VERBS and before.en in _COORDINATORS:
            verbs.append(tok)
    return verbs


def predicates(tokens: list[Tok]) -> None:
    """'not' + verb -> 'do not'; an adjective after its subject with no verb gets 'is'; a modal before
    an adjective gets 'be' (必须勤奋 'must be diligent')."""
    has_verb = any(tok.cls == "v" for tok in tokens)
    subject: Tok | None = None
    for i, tok in enumerate(tokens):
        previous = tokens[i - 1] if i > 0 else None
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if tok.cls in "nr":
            subject = tok
        if tok.cls == "d" and tok.en == "not" and following is not None and following.cls == "v" \
                and following.en not in MODAL_VERBS and not following.en.startswith("be"):
            tok.en = "does not" if _singular(subject) else "do not"
        if tok.cls in "al" and previous is not None and previous.cls == "v" and previous.en in MODAL_VERBS:
            tok.en = f"be {tok.en}"
        if tok.cls in "al" and not has_verb and subject is not None and previous is not None:
            first = previous if previous is subject else None
            if previous.cls == "d" and i > 1 and tokens[i - 2] is subject:
                first = previous
            if first is not None:
                target = tok if first is subject else first
                target.en = f"{_finite_be(subject)} {target.en}"
                has_verb = True


def agreement(tokens: list[Tok]) -> None:
    """'be' agrees with its subject ('is'/'are'); a present verb right after a singular subject takes -s."""
    subject: Tok | None = None
    for i, tok in enumerate(tokens):
        previous = tokens[i - 1] if i > 0 else None
        if tok.cls in "nr" or tok.cls == "m" and tok.en == "one":
            subject = tok
        if tok.cls != "v" or not tok.en:
            continue
        after_auxiliary = previous is not None and previous.cls in "vd" and (
            previous.en in MODAL_VERBS or previous.en.endswith(("not", " to")))
        if tok.en.startswith("there be"):
            tok.en = "there are" + tok.en[len("there be"):]
        elif (tok.en == "be" or tok.en.startswith("be ")) and not after_auxiliary:
            tok.en = (_finite_be(subject) if subject is not None else "is") + tok.en[2:]
        elif not after_auxiliary and not tok.en.startswith("to ") and subject is previous \
                and _singular(subject):
            tok.en = third_person(tok.en)


def _singular(subject: Tok | None) -> bool:
    """A subject a present verb agrees with in the singular ('this depends', 'the specialty focuses')."""
    if subject is None:
        return False
    if subject.cls in "rm":
        return subject.en.lower() in _SINGULAR_SUBJECTS
    return subject.number == SINGULAR or not subject.countable and not subject.person


def _finite_be(subject: Tok) -> str:
    word = subject.en.lower()
    if subject.cls == "r":
        return "are" if word in _PLURAL_SUBJECTS else "is"
    return "is" if subject.number == SINGULAR or not subject.countable else "are"
