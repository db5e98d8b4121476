"""Indonesian → English: glossary terms, then the Indonesian lexicon through the affixes, then word order.

Indonesian is subject–verb–object like English, so most of a sentence keeps its order. The
noun phrase does not: the head comes first and its modifiers after it (catatan medis,
"records medical"), and determiners and possessors follow (tugas-tugas ini, kasus mereka).
A noun phrase is therefore read back to front ("medical records", "these tasks", "their
cases"). A word is looked up whole, then through its affixes (indonesian.analyses): a
passive di- form reads as a participle ("disertifikasi" -> "certified"), a pe-...-an noun
of a verb as its -ing form, reduplication as a plural.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path

from .english import (
    GERUND_VERBS,
    MODAL_VERBS,
    PERSON_HEADS,
    PLURAL_DETERMINERS,
    PRONOUNS,
    capitalize_first,
    gerund,
    past_participle,
)
from .glossary import Concept, Glossary, lengths_by_opening
from .indonesian import Analysis, analyses
from .translate_types import SegmentContext, TranslatedSegment, term_forms
from .units import (
    PARTICLES,
    PLURAL,
    SINGULAR,
    Reading,
    Sense,
    Tok,
    concept_class,
    decide_number,
    has_class,
    join_english,
    join_spaced,
    read_word_table,
)

LEXICON_PATH = Path(__file__).resolve().parent / "data" / "id_en.tsv"
# a word, with its reduplication (REDUPLICATED: 'tanda-tanda', 'tanda -tanda') or its apostrophe; the
# letters are read once, where trying REDUPLICATED first went back over them letter by letter
_TOKEN = re.compile(r"[A-Za-z]+(?:(?:-| -)[A-Za-z]+|'[A-Za-z]+)?|\d+(?:[.,]\d+)*%?|\S")
_SENTENCE_END = frozenset(".!?")
_POSTPOSED_DETERMINERS = {"this": ("this", "these"), "that": ("that", "those"), "the": ("the", "the")}
_OBJECT_PRONOUNS = {"they": "them", "we": "us", "I": "me"}
_POSSESSIVE_PRONOUNS = {"they": "their", "we": "our", "you": "your", "I": "my"}
_SUBJECTS_PLURAL = frozenset({"they", "we", "you"})
_INFINITIVE_MARKERS = frozenset({"untuk", "guna", "agar"})
_MAX_PHRASE_WORDS = 6
_CACHED_WORDS = 32_768
_SPACED_HYPHEN = re.compile(r"\s+-")


@dataclass(slots=True)
class _Words:
    """A segment's words: their text, lexicon key and start, and whether each opens with a letter."""

    texts: list[str]
    keys: list[str]
    starts: list[int]
    lettered: list[bool]

    @classmethod
    def of(cls, text: str) -> _Words:
        matches = list(_TOKEN.finditer(text))
        texts = list(map(re.Match.group, matches))  # map: a C loop where a comprehension runs bytecode
        return cls(texts, list(map(_key, texts)), list(map(re.Match.start, matches)),
                   [word[:1].isalpha() for word in texts])


class IndonesianTranslator:
    """Translates Indonesian spans; one instance per glossary."""

    def __init__(self, glossary: Glossary) -> None:
        self._lexicon = indonesian_lexicon()
        self._glossary = term_forms(glossary, "id")
        # a span's key has one word per token and opens with its first token's key (a -nya on a
        # form's last word keeps both), so only the lengths of the keys opening with it can match
        phrases = [*self._glossary, *(key for key in self._lexicon if " " in key)]
        self._phrase_lengths = lengths_by_opening((key.split(" ") for key in phrases), _MAX_PHRASE_WORDS)
        self._phrases = _phrase_readings(self._glossary, self._lexicon)
        # trying a word's affixes against both tables costs far more than a lookup; words recur
        self._reading = lru_cache(maxsize=_CACHED_WORDS)(self._look_up_reading)

    def translate(self, text: str, context: SegmentContext) -> TranslatedSegment:
        tokens = self._tokens(_Words.of(text))
        parts: list[str] = []
        clause: list[Tok] = []
        for tok in [*tokens, None]:
            if tok is not None and tok.cls != "x":
                clause.append(tok)
                continue
            if clause:
                rendered = _render_clause(clause, list_item=context.list_item and not parts)
                after_sentence = not parts or parts[-1] in _SENTENCE_END
                parts.append(capitalize_first(rendered) if after_sentence and clause[0].src[:1].isupper()
                             else rendered)
            clause = []
            if tok is not None:
                parts.append(tok.en)
        english = join_english(parts)
        return TranslatedSegment(english, concepts=[c for tok in tokens for c in tok.concepts])

    def _tokens(self, words: _Words) -> list[Tok]:
        """Longest glossary or lexicon phrase first, else one word through its affixes."""
        tokens: list[Tok] = []
        i = 0
        while i < len(words.texts):
            length, tok = self._phrase(words, i)
            tokens.append(tok)
            i += length
        return tokens

    def _phrase(self, words: _Words, i: int) -> tuple[int, Tok]:
        # only the lengths of the glossary forms and lexicon phrases starting with this word can match
        key = words.keys[i]
        for length in self._phrase_lengths.get(key, ()):
            end = i + length
            if end > len(words.texts) or not all(words.lettered[i:end]):
                continue
            # a span's key is its words' keys joined: none holds a space before a hyphen across them
            found = self._phrases.get(" ".join(words.keys[i:end]))
            if found is not None:
                start = words.starts[i]
                return length, found.token(" ".join(words.texts[i:end]), start,
                                           words.starts[end - 1] + len(words.texts[end - 1]))
        return 1, self._word(words.texts[i], key, words.starts[i])

    def _word(self, text: str, key: str, start: int) -> Tok:
        """The word's unit; `key`: its lexicon key."""
        end = start + len(text)
        if not text[:1].isalpha():
            cls = "m" if text[:1].isdigit() else "x"
            return Tok(cls, text, start, end, text)
        reading = self._reading(key)
        if reading is None:
            return Tok("n", text, start, end, text)  # a name or an English word: kept
        return reading.token(text, start, end)

    def _look_up_reading(self, key: str) -> Reading | None:
        """The first reading of a word whose root is a glossary term (unaffixed) or a lexicon word,
        with the English of the lexicon's root derived for the affixes."""
        for analysis in analyses(key):
            concept = self._glossary.get(analysis.root)
            if concept is not None and not analysis.prefix and not analysis.suffix:
                return _inflected(_concept_reading(concept), analysis)
            sense = self._lexicon.get(analysis.root)
            if sense is not None:
                return _inflected(_sense_reading(_derived(sense, analysis)), analysis)
        return None


def _phrase_readings(glossary: dict[str, Concept], lexicon: dict[str, Sense]) -> dict[str, Reading]:
    """A span's key -> its reading: a glossary form, then a form of several words with -nya on its
    last, then a lexicon entry of several words (one word goes through its affixes instead)."""
    readings = {form: _concept_reading(concept) for form, concept in glossary.items()}
    for form, concept in glossary.items():
        if " " in form:
            readings.setdefault(form + "nya", replace(_concept_reading(concept), closes=True))
    for key, sense in lexicon.items():
        if " " in key:
            readings.setdefault(key, _sense_reading(sense))
    return readings


def _key(text: str) -> str:
    """The lexicon key of a word or phrase: lower case, 'cita -cita' joined as 'cita-cita'."""
    lowered = text.lower()
    return _SPACED_HYPHEN.sub("-", lowered) if "-" in lowered else lowered


def _concept_reading(concept: Concept) -> Reading:
    cls = concept_class(concept)
    return Reading(cls, concept.preferred, concept,
                    countable=Sense(concept.preferred, cls, concept).countable, person=concept.type == "role")


def _sense_reading(sense: Sense) -> Reading:
    person = sense.cls == "n" and sense.en.rsplit(" ", 1)[-1].lower() in PERSON_HEADS
    return Reading(sense.cls, sense.en, countable=sense.countable, person=person)


def _derived(sense: Sense, analysis: Analysis) -> Sense:
    """The English of an affixed word from its root's: di-/ter- participles, pe-...-an -ing nouns."""
    if sense.cls == "v" and analysis.prefix == "di":
        return Sense("be " + past_participle(sense.en), "v")
    if sense.cls == "v" and analysis.prefix == "ter":
        return Sense(past_participle(sense.en), "a")
    if sense.cls == "v" and analysis.suffix == "an" and analysis.prefix in ("pe", "per", "ke", ""):
        return Sense(gerund(sense.en), "n")
    if sense.cls == "a" and analysis.prefix == "ter":
        return Sense(f"most {sense.en}", "a")
    return sense


def _inflected(reading: Reading, analysis: Analysis) -> Reading:
    if analysis.plural and reading.cls == "n":
        reading = replace(reading, number=PLURAL)
    if analysis.possessive and reading.cls in "na":
        return replace(reading, closes=True)  # -nya ends a noun phrase; it becomes a determiner in front
    if analysis.possessive and reading.cls == "v":
        return replace(reading, en=reading.en + " them")  # menyediakannya 'provide them'
    return reading


def _render_clause(tokens: list[Tok], *, list_item: bool) -> str:
    tokens = _noun_phrases(tokens)
    tokens = _relatives(tokens)
    tokens = [decide_number(tok) for tok in tokens]
    _verbs(tokens, list_item=list_item)
    return join_spaced([tok.text() for tok in tokens])


def _noun_phrases(tokens: list[Tok]) -> list[Tok]:
    """Head-first runs of nouns and modifiers read back to front, with their determiners in front."""
    out: list[Tok] = []
    i = 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and tokens[j].cls in "na" and (j == i or not tokens[j - 1].closes):
            j += 1
        run = tokens[i:j]
        if run and run[0].cls == "n":
            out.append(_noun_phrase(run, out))
            i = j
        else:
            out.append(tokens[i])
            i += 1
    return _postposed(out)


def _noun_phrase(run: list[Tok], before: list[Tok]) -> Tok:
    possessive = run[-1].closes
    head = run[0]
    words = [tok.en for tok in reversed(run[1:])] + [head.en]
    phrase = Tok("n", " ".join(words), run[0].start, run[-1].end, " ".join(t.src for t in run),
                 concepts=[c for t in run for c in t.concepts], countable=head.countable, person=head.person,
                 number=head.number)
    if possessive:
        phrase.det = "their" if phrase.person or phrase.number == PLURAL else "the"
    elif head.det:
        phrase.det = head.det
    if before and (before[-1].cls == "m" or before[-1].cls == "r" and before[-1].en not in PRONOUNS):
        determiner = before.pop()
        _determine(phrase, determiner.en)
    return phrase


def _determine(phrase: Tok, determiner: str) -> None:
    if determiner in ("a", "one", "each"):
        phrase.number = SINGULAR
    elif determiner.split(" ")[0] in PLURAL_DETERMINERS or determiner[:1].isdigit():
        phrase.number = PLURAL
    phrase.det = " ".join(p for p in (determiner, phrase.det) if p)


def _postposed(tokens: list[Tok]) -> list[Tok]:
    """'tugas-tugas ini' -> 'these tasks', 'kasus mereka' -> 'their cases'."""
    out: list[Tok] = []
    for tok in tokens:
        previous = out[-1] if out else None
        if previous is not None and previous.cls == "n" and tok.cls == "r" and not previous.det:
            if tok.en in _POSTPOSED_DETERMINERS:
                singular, plural = _POSTPOSED_DETERMINERS[tok.en]
                previous.det = plural if previous.number == PLURAL else singular
                previous.end = tok.end
                continue
            if tok.en in _POSSESSIVE_PRONOUNS:
                previous.det = _POSSESSIVE_PRONOUNS[tok.en]
                previous.end = tok.end
                continue
        if tok.cls == "r" and tok.en in _OBJECT_PRONOUNS and previous is not None and (
                previous.cls in "pv" or previous.en.endswith(" of")):
            tok.en = _OBJECT_PRONOUNS[tok.en]
        out.append(tok)
    return out


def _relatives(tokens: list[Tok]) -> list[Tok]:
    """'X yang terakreditasi' -> 'accredited X'; 'X yang memiliki ...' -> 'X who have ...'."""
    out: list[Tok] = []
    for i, tok in enumerate(tokens):
        previous = out[-1] if out else None
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if tok.src.lower() == "yang" and previous is not None:
            after_that = tokens[i + 2] if i + 2 < len(tokens) else None
            if previous.cls == "n" and following is not None and following.cls == "a" and (
                    after_that is None or after_that.cls not in "na"):
                previous.en = f"{following.en} {previous.en}"
                following.cls, following.en = "u", ""
                continue
            if previous.cls == "r" and previous.en == "they":
                previous.en = "those"
            tok.en = "who" if previous.person or previous.cls == "r" else "that"
        out.append(tok)
    return [tok for tok in out if tok.cls != "u"] if has_class(out, PARTICLES) else out


def _verbs(tokens: list[Tok], *, list_item: bool) -> None:
    """The verb forms English needs: -ing where a verb is a noun's stand-in, auxiliaries, 'is'."""
    _gerunds(tokens, list_item=list_item)
    _auxiliaries(tokens)


def _gerunds(tokens: list[Tok], *, list_item: bool) -> None:
    """-ing after a preposition (dengan menjadi 'by becoming'), after 'responsible for', opening a list
    item, and on the verbs joined to such a verb; untuk before a verb is 'to'."""
    chained = False
    for i, tok in enumerate(tokens):
        previous = tokens[i - 1] if i > 0 else None
        if tok.cls != "v":
            continue
        if previous is not None and previous.cls == "p" and previous.src.lower() in _INFINITIVE_MARKERS:
            previous.en = "to"
        elif previous is not None and previous.cls == "p" or list_item and i == 0 or previous is not None \
                and previous.cls == "v" and (previous.en.endswith(" for") or previous.en in GERUND_VERBS):
            if previous is not None and previous.src.lower() == "dengan":
                previous.en = "by"
            tok.en, chained = gerund(tok.en), True
        elif chained and previous is not None and previous.en in ("and", "or"):
            tok.en = gerund(tok.en)


def _auxiliaries(tokens: list[Tok]) -> None:
    """'be' agreeing with its subject ('are certified', 'it is' without one, 'to be' after a passive),
    'do not', 'there is/are', and a predicate adjective's 'is' (Lapangan medisnya luas 'is broad')."""
    subject: Tok | None = None
    has_verb = any(tok.cls == "v" for tok in tokens)
    for i, tok in enumerate(tokens):
        previous = tokens[i - 1] if i > 0 else None
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        after_subject = previous is not None and subject is not None and subject.cls == "n" and (
            previous is subject or previous.cls == "d" and i > 1 and tokens[i - 2] is subject)
        if tok.cls == "a" and not has_verb and after_subject and previous is not None and subject is not None:
            previous_adverb = previous if previous is not subject else None
            target = previous_adverb or tok
            target.en, has_verb = f"{_be(subject)} {target.en}", True
        if tok.cls in "nr" or tok.src.lower() == "yang":
            subject = tok
        if tok.cls == "d" and tok.en == "not" and following is not None and following.cls == "v" \
                and following.en not in MODAL_VERBS:
            if following.en.startswith("be ") and subject is not None:
                tok.en, following.en = f"{_be(subject)} not", following.en[3:]
            elif not following.en.startswith("be"):
                tok.en = "do not"
        if tok.cls == "v" and (tok.en == "be" or tok.en.startswith("be ")):
            tok.en = _finite_be(tok.en[2:], previous, subject)
        elif tok.en.startswith("there be"):
            plural = following is not None and following.number == PLURAL
            tok.en = tok.en.replace("there be", "there are" if plural else "there is", 1)


def _finite_be(rest: str, previous: Tok | None, subject: Tok | None) -> str:
    """'be' + the rest of a passive or copula: 'to be certified' after a passive (diharuskan
    disertifikasi), bare after a modal, 'it is' or the bare participle without a subject."""
    if previous is not None and previous.cls == "v" and previous.src.lower().startswith("di"):
        return "to be" + rest
    if previous is not None and previous.en in MODAL_VERBS:
        return "be" + rest
    if subject is None:
        return rest.strip() if rest else "it is"
    return _be(subject) + rest


def _be(subject: Tok) -> str:
    """The copula agreeing with its subject; a relative clause's (yang) agrees with plural nouns."""
    if subject.src.lower() == "yang":
        return "are"
    if subject.cls == "r":
        return "are" if subject.en in _SUBJECTS_PLURAL else "is"
    return "is" if subject.number == SINGULAR or not subject.countable else "are"


@cache
def indonesian_lexicon(path: Path = LEXICON_PATH) -> dict[str, Sense]:
    """Indonesian word or phrase (lower case) -> its English and word class; a word's first line wins."""
    lexicon: dict[str, Sense] = {}
    for word, sense in read_word_table(path):
        lexicon.setdefault(word.lower(), sense)
    return lexicon
