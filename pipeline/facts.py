"""A page's duty and skill statements, read from its structure and from its prose.

Structure: a heading or a lead-in paragraph says what a list holds (duties or skills) and
for which role; each list item is then one or more facts. Prose: sentences whose subject is
a role ('Clinical medical assistants conduct exams, record results...'), a pronoun standing
for the role being talked about ('They are responsible for overseeing...'), or a duty noun
('One of the primary duties of a pharmacy technician is to assist...') enumerate duties;
sentences about a role that name skills give skills. Everything is read from the block's
English (`text_en`); glossary forms in Chinese and Indonesian source text add what a rough
translation lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import phrases
from .concepts import ConceptIndex, SourceMatch, concept_index
from .cues import (
    DUTIES,
    DUTY_NOUNS_SOURCE,
    NEGATION_SOURCE,
    NON_DUTY_VERBS,
    OFF_TOPIC,
    OFF_TOPIC_SENTENCE,
    OFF_TOPIC_SOURCE,
    PRONOUNS_SOURCE,
    SKILL_SENTENCE_CUES,
    SKILLS,
    SUBJECT_PRONOUNS,
    SUBORDINATORS,
    WORK_SETTING_WORDS,
    heading_kind,
)
from .glossary import Glossary
from .model import Block, Doc
from .phrases import Phrase
from .roles import Mention, RoleFinder, role_finder
from .sentences import split_sentences
from .vocab import EnglishVocab, Tokens, english_vocab

_LEAD_IN_END = re.compile(
    r"(?:[:：]|\b(?:include|includes|following|such as)|例如|如下|以下)\s*$", re.IGNORECASE
)
_LABEL = re.compile(r"^(?P<label>[^:：.。]{2,40})[:：]\s*(?P<rest>\S.*)$")
# A role named after these is an object or a comparison, not the subject of what follows.
_NOT_BEFORE_SUBJECT = frozenset(
    [
        "of",
        "as",
        "with",
        "than",
        "like",
        "for",
        "to",
        "between",
        "and",
        "from",
        "by",
        "about",
        "into",
        "alongside",
        "under",
        "whether",
        "or",
        "become",
        "becoming",
    ]
)
_CLAUSE_OPENERS = frozenset(["and", "but", "so", "where", "then", "also"])
_DUTY_NOUNS = frozenset(["duty", "responsibility", "task"])
_REFERRING = frozenset(["this", "which"])  # 'This involves ...'
_DUTY_NOUN_VERBS = frozenset(["include", "involve", "consist", "encompass", "require", "be", "range", "mean"])
_BOTH = frozenset(["both", "each"])
_AUXILIARIES = frozenset(  # modals and adverbs before the verb that carries a predicate
    "can could may might must will would should also often usually typically generally primarily "
    "mostly directly closely then sometimes frequently commonly regularly mainly further furthermore "
    "additionally ultimately even still just always actively routinely".split()
)
_ROLE_IN_VIEW_SOURCE = PRONOUNS_SOURCE + DUTY_NOUNS_SOURCE  # words that open a sentence about it
_CLAUSE_COMMA = re.compile(r"[,，]")
_SOURCE_OPENING = 40  # characters of a source sentence in which a role is its topic
_COVERING_FORM = 0.6  # share of a zh/id list item a glossary form must cover to name its fact


@dataclass(slots=True)
class Found:
    """A fact before deduplication; `structural` facts come from lists and win over prose."""

    kind: str
    role: str
    text: str
    block: int
    lang: str
    source_text: str
    structural: bool
    concept: str | None = None


@dataclass(slots=True)
class _Section:
    role: str | None
    kind: str | None
    roles: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Sentence:
    """One sentence of a block's English and where it lies in `text_en`, parsed when first read:
    a duty or skill list item states its facts in its first sentence, so the rest is never read.
    """

    text: str
    offset: int
    index: int
    _tokens: Tokens | None = None

    @property
    def tokens(self) -> Tokens:
        if self._tokens is None:
            self._tokens = english_vocab().parse(self.text)
        return self._tokens


class PageReader:
    """Walks a page's blocks once, keeping track of the section and of the role being described."""

    def __init__(self, doc: Doc, glossary: Glossary) -> None:
        self.doc = doc
        self.vocab: EnglishVocab = english_vocab()
        self.roles: RoleFinder = role_finder(glossary)
        self.concepts: ConceptIndex = concept_index(glossary)
        self.sections: dict[int, _Section] = {}
        self.current: str | None = None  # the role the prose is about
        self.named: list[str] = []  # roles named so far, for 'Both roles require...'
        self.found: list[Found] = []

    # -- walking the page ---------------------------------------------------------------------

    def read(self) -> list[Found]:
        blocks = self.doc.blocks
        i = 0
        while i < len(blocks):
            block = blocks[i]
            if block.kind == "heading":
                self._enter_heading(block)
                i += 1
                continue
            section = self._section_of(block)
            items = self._list_run(i + 1) if block.kind == "paragraph" else []
            if block.kind == "paragraph" and items and _LEAD_IN_END.search(_last_sentence(block)):
                kind, role = self._lead_in(block, section)
                if section.kind != OFF_TOPIC or kind in (DUTIES, SKILLS):
                    for item in items:
                        self._item(item, kind or section.kind, role)
                i += 1 + len(items)
                continue
            if section.kind != OFF_TOPIC:
                if block.kind == "paragraph":
                    self._prose(block, section.role)
                else:
                    self._item(block, section.kind, section.role or self.current)
            i += 1
        return self.found

    def _enter_heading(self, block: Block) -> None:
        roles = self._roles_named(block)
        parent = self.sections.get(block.section) if block.section is not None else None
        role = roles[0] if len(roles) == 1 else (parent.role if parent and not roles else None)
        kind = heading_kind(self._lemmas(block.text_en), block.text)
        # a page's title names its subject; 'Medical Assistant Career Guide' does not make it off topic
        if kind == OFF_TOPIC and self.doc.title is not None and block.index == 0:
            kind = None
        self.sections[block.index] = _Section(role, kind, roles)
        self.named.extend(r for r in roles if r not in self.named)
        if role is not None:
            self.current = role

    def _section_of(self, block: Block) -> _Section:
        return (
            self.sections.get(block.section, _Section(None, None))
            if block.section is not None
            else _Section(None, None)
        )

    def _list_run(self, start: int) -> list[Block]:
        run: list[Block] = []
        for block in self.doc.blocks[start:]:
            if block.kind not in ("list_item", "table_row"):
                break
            run.append(block)
        return run

    def _roles_named(self, block: Block) -> list[str]:
        named = self.roles.in_text(block.text_en)
        if block.text != block.text_en:
            named += self.roles.in_text(block.text, block.lang)
        return list(dict.fromkeys(named))

    def _lemmas(self, text: str) -> list[str]:
        return self.vocab.tokens(text).lemma

    # -- lead-ins and list items ----------------------------------------------------------------

    def _lead_in(self, block: Block, section: _Section) -> tuple[str | None, str | None]:
        """What the list after this paragraph holds and whose it is; its other sentences are prose."""
        if section.role is not None:
            self.current = section.role
        sentences = self._sentences(block)
        for sentence in sentences[:-1]:
            self._sentence(block, sentence, skills=False)  # the list states the skills
        last = sentences[-1] if sentences else None
        role = None
        if last is not None:
            role = self._sentence(block, last, lead_in=True)
        source_last = _last_sentence(block, source=True)
        kind = heading_kind(last.tokens.lemma if last else [], source_last)
        return kind, role or self.current or section.role

    def _item(self, block: Block, kind: str | None, role: str | None) -> None:
        if role is None:
            return
        sentences = self._sentences(block)
        if not sentences:
            return
        first = sentences[0]
        label = _LABEL.match(first.text)
        before = len(self.found)
        if kind == SKILLS:
            self._skill_item(block, sentences, role, label)
        elif kind == DUTIES and label is None:
            self._duty_item(block, first, role)
        else:
            self.current = role
            for sentence in sentences:
                self._sentence(block, sentence)
        if kind in (DUTIES, SKILLS) and block.lang in ("zh", "id"):
            self._source_fallback(block, kind, role, self.found[before:])

    def _duty_item(self, block: Block, sentence: _Sentence, role: str) -> None:
        doc = sentence.tokens
        found = phrases.duty_phrases(doc, 0, len(doc), allow_bare=True)
        if not found:
            nominal = phrases.nominal_phrase(doc, 0, len(doc))
            found = [nominal] if nominal is not None and len(doc) <= 16 else []
        for phrase in found:
            self._add(DUTIES, role, phrase, block, sentence, structural=True)

    def _skill_item(
        self, block: Block, sentences: list[_Sentence], role: str, label: re.Match | None
    ) -> None:
        """'Attention to detail' is a skill; 'Communication: MAs require strong interpersonal skills...'
        names one before the colon and may name more, and duties, after it."""
        first = sentences[0]
        if label is None:
            doc = first.tokens
            for phrase in phrases.skill_phrases(doc, 0, len(doc)):
                self._add(SKILLS, role, phrase, block, first, structural=True)
            return
        explanation = [
            _Sentence(label["rest"], first.offset + label.start("rest"), first.index),
            *sentences[1:],
        ]
        label_doc = self.vocab.parse(label["label"])
        if phrases.is_skill_label(label_doc):
            text = phrases.expand_label(label_doc, explanation[0].tokens)
            self._add(SKILLS, role, Phrase(text, 0, len(label["label"])), block, first, structural=True)
        self.current = role
        for sentence in explanation:
            self._sentence(block, sentence, skills_context=True)

    # -- prose ------------------------------------------------------------------------------

    def _prose(self, block: Block, section_role: str | None) -> None:
        if section_role is not None:
            self.current = section_role
        opening_role = self.current
        for sentence in self._sentences(block):
            self._sentence(block, sentence)
        if block.lang in ("zh", "id"):
            self._source_prose(block, opening_role)

    def _source_prose(self, block: Block, role: str | None) -> None:
        """Glossary duties in the Chinese or Indonesian sentences of a paragraph that talk about a role.

        A sentence talks about a role when it opens with one ('Asisten layanan kesehatan biasanya
        ...'), with a pronoun for the role in view ('Mereka dapat ...', '..., mereka menyimpan
        ...') or with a duty noun ('Tugas -tugas ini dapat mencakup ...'). Whatever its English
        says, the glossary forms it holds are duties of that role.
        """
        text = block.text
        for start, end in split_sentences(text):
            sentence = text[start:end]
            opening = [
                m
                for m in self.roles.in_source(sentence[:_SOURCE_OPENING], block.lang)
                if m.start == 0 or _opens_with_duty_noun(sentence)
            ]
            if opening:
                role = opening[0].concept
            elif not _about_role_in_view(sentence):
                continue
            if role is None or OFF_TOPIC_SOURCE.search(sentence) or NEGATION_SOURCE.search(sentence):
                continue
            for match in self.concepts.in_source(sentence, block.lang, DUTIES):
                if not phrases.is_vague_duty(match.concept.preferred):
                    self.found.append(
                        Found(
                            DUTIES,
                            role,
                            match.concept.preferred,
                            block.index,
                            block.lang,
                            match.form,
                            structural=False,
                            concept=match.concept.concept,
                        )
                    )

    def _sentence(
        self,
        block: Block,
        sentence: _Sentence,
        *,
        lead_in: bool = False,
        skills_context: bool = False,
        skills: bool = True,
    ) -> str | None:
        """Read one sentence: update the role being talked about, collect its facts; returns its role."""
        doc = sentence.tokens
        mentions = self.roles.in_tokens(doc)
        self.named.extend(m.concept for m in mentions if m.concept not in self.named)
        if OFF_TOPIC_SENTENCE.search(sentence.text) or not len(doc):
            return self._single_role(mentions)
        intro = _in_addition_to(doc)
        if intro is not None:  # the sentence opens with 'In addition to': no subordinator
            for phrase in phrases.duty_phrases(doc, intro[0], intro[1]):
                self._add(DUTIES, self.current, phrase, block, sentence, structural=False)
            start: int | None = intro[1]
        else:
            start = _main_clause_start(doc)
        if start is None:
            return self._single_role(mentions)
        subjects: list[str] = []
        for position, role in self._subjects(doc, start, mentions):
            subjects.append(role)
            self.current = role
            if not lead_in:
                self._duties_after_subject(doc, position, role, block, sentence)
        noun_role = self._duty_noun_clause(doc, start, mentions, block, sentence, lead_in)
        topic = (subjects[0] if subjects else noun_role) or self._opening_role(mentions)
        if topic is not None:
            self.current = topic
        if skills and not lead_in:
            self._skills_in_sentence(
                doc, 0 if skills_context else start, subjects, block, sentence, skills_context
            )
        return topic or self._single_role(mentions)

    def _opening_role(self, mentions: list[Mention]) -> str | None:
        """ "Pharmacy technicians' work focuses on..." is about pharmacy technicians, though they are
        not its subject."""
        return mentions[0].concept if mentions and mentions[0].start <= 2 else None

    def _single_role(self, mentions: list[Mention]) -> str | None:
        concepts = {m.concept for m in mentions}
        return concepts.pop() if len(concepts) == 1 else None

    def _subjects(self, doc: Tokens, start: int, mentions: list[Mention]) -> list[tuple[int, str]]:
        """(token after the subject, role) for each role, or pronoun for the current role, that a
        predicate follows: 'Clinical medical assistants conduct...', '..., where they support...'."""
        lower = doc.lower
        found: list[tuple[int, str]] = []
        for mention in mentions:
            if mention.start < start or not self._may_precede_subject(doc, mention.start):
                continue
            after = mention.end + (mention.end < len(doc) and lower[mention.end] == "who")
            if self._opens_predicate(doc, after):
                found.append((after, mention.concept))
        # most sentences hold no pronoun: a set operation tells so before a loop over the words
        if self.current is not None and not SUBJECT_PRONOUNS.isdisjoint(lower):
            for i in range(start, len(doc)):
                if lower[i] not in SUBJECT_PRONOUNS:
                    continue
                at_clause_start = i == 0 or lower[i - 1] in _CLAUSE_OPENERS or doc.words[i - 1].is_punct
                if at_clause_start and self._opens_predicate(doc, i + 1):
                    found.append((i + 1, self.current))
        return sorted(found)

    def _may_precede_subject(self, doc: Tokens, start: int) -> bool:
        """A role after a preposition, a verb or a possessive is an object: 'helping pharmacists prepare'."""
        if start == 0:
            return True
        before = doc.words[start - 1]
        lower = before.lower
        if lower in _NOT_BEFORE_SUBJECT or lower in phrases.PREPOSITIONS or lower in ("'s", "’s", "'"):
            return False
        return not (before.is_gerund or before.is_finite_verb and not before.is_title)

    def _opens_predicate(self, doc: Tokens, position: int) -> bool:
        """A verb follows (after modals and adverbs), and not as the noun of a compound such as
        'Pharmacy technician work is...' or 'nurse teams, ...'."""
        i = _skip_auxiliaries(doc, position, len(doc))
        if i >= len(doc):
            return False
        verb = doc.words[i]
        if not (verb.is_finite_verb or verb.is_base_verb or verb.lemma in ("be", "have")):
            return False
        following = doc.words[i + 1] if i + 1 < len(doc) else None
        noun_compound = (
            i == position
            and following is not None
            and (
                following.is_punct
                or following.lemma == "be"
                or following.lower in ("can", "may", "will", "must", "should")
            )
        )
        return not noun_compound

    def _duties_after_subject(
        self, doc: Tokens, position: int, role: str, block: Block, sentence: _Sentence
    ) -> None:
        for phrase in self._predicate(doc, position):
            if not self.roles.names(phrase.text, role):  # 'they work with clinical medical assistants'
                self._add(DUTIES, role, phrase, block, sentence, structural=False)

    def _predicate(self, doc: Tokens, position: int) -> list[Phrase]:
        """The duties a predicate states: 'conduct exams, record results', 'are responsible for ...'."""
        end = len(doc)
        q = _skip_auxiliaries(doc, position, end)
        if q >= end:
            return []
        verb = doc.words[q]
        lower = doc.lower
        lemma = verb.lemma
        if lemma == "be":
            r = q + 1
            while r < end and lower[r] in (
                "also",
                "ultimately",
                "often",
                "primarily",
                "typically",
                "usually",
            ):
                r += 1
            if (
                r + 2 < end
                and lower[r] in ("responsible", "tasked", "charged")
                and lower[r + 1] in ("for", "with")
                and doc.words[r + 2].is_gerund
            ):
                return phrases.duty_phrases(doc, r + 2, end)
            return self._participles(doc, r, end) + phrases.included_items(doc, r, end)
        is_verb = verb.is_finite_verb or verb.is_base_verb
        working_somewhere = lemma == "work" and q + 1 < end and lower[q + 1] in WORK_SETTING_WORDS
        if not is_verb or lemma in NON_DUTY_VERBS or working_somewhere:
            return self._participles(doc, q + 1, end) if is_verb else []
        return phrases.duty_phrases(doc, q, end)

    def _participles(self, doc: Tokens, start: int, end: int) -> list[Phrase]:
        """'..., providing crucial support to pharmacists and ensuring that...' after a non-duty verb:
        the participles open right after the clause's first comma."""
        lower = doc.lower
        for i in range(start, end - 2):
            if lower[i] == ",":
                if doc.words[i + 1].is_gerund and lower[i + 1] != "including":
                    return phrases.duty_phrases(doc, i + 1, end)
                return []
        return []

    def _duty_noun_clause(
        self,
        doc: Tokens,
        start: int,
        mentions: list[Mention],
        block: Block,
        sentence: _Sentence,
        lead_in: bool,
    ) -> str | None:
        """'One of the primary duties of a pharmacy technician is to assist...', 'This involves ...'."""
        lower, lemma = doc.lower, doc.lemma
        if _DUTY_NOUNS.isdisjoint(lemma) and _REFERRING.isdisjoint(lower):
            return None  # most sentences: none of the words the loop looks for
        for i in range(start, len(doc)):
            is_noun = lemma[i] in _DUTY_NOUNS
            is_this = (
                lower[i] in _REFERRING and i + 1 < len(doc) and lemma[i + 1] in ("include", "involve", "mean")
            )
            if not (is_noun or is_this):
                continue
            role, after = self._duty_noun_owner(doc, i, mentions) if is_noun else (self.current, i + 1)
            verb_at = _skip_auxiliaries(doc, after, len(doc))
            if verb_at >= len(doc) or lemma[verb_at] not in _DUTY_NOUN_VERBS:
                continue
            if role is None:
                return None
            if not lead_in:
                for phrase in self._duty_noun_enumeration(doc, verb_at):
                    self._add(DUTIES, role, phrase, block, sentence, structural=False)
            return role
        return None

    def _duty_noun_owner(self, doc: Tokens, noun: int, mentions: list[Mention]) -> tuple[str | None, int]:
        """Whose duty: 'duties of a X', "X's duties", 'X tasks', 'their duties'; and where the verb
        may start."""
        after = noun + 1
        for mention in mentions:
            if mention.start in (after + 1, after + 2) and doc.lower[after] == "of":
                return mention.concept, mention.end
        for mention in mentions:
            gap = doc.words[mention.end : noun]
            if (
                mention.end <= noun
                and all(
                    word.lower in ("'s", "’s", "'")
                    or word.is_alpha
                    and not self.vocab.can_be_verb(word.lower)
                    for word in gap
                )
                and len(gap) <= 3
            ):
                return mention.concept, after
        return self.current, after

    def _duty_noun_enumeration(self, doc: Tokens, verb_at: int) -> list[Phrase]:
        lemma = doc.lemma[verb_at]
        lower = doc.lower
        i = verb_at + 1
        if lemma == "be":
            if i < len(doc) and lower[i] == "to":
                return phrases.duty_phrases(doc, i + 1, len(doc))
            return []
        if lemma == "require":
            if i + 1 < len(doc) and lower[i] in ("them", "you", "him", "her") and lower[i + 1] == "to":
                return phrases.duty_phrases(doc, i + 2, len(doc))
            return []
        if lemma == "consist" and i < len(doc) and lower[i] == "of":
            i += 1
        opening = phrases.leading_verb(doc, i, len(doc), self.vocab)
        if opening is not None and opening[1] == phrases.GERUND:  # '... includes accurately counting ...'
            return phrases.duty_phrases(doc, i, len(doc))
        return []

    def _skills_in_sentence(
        self,
        doc: Tokens,
        start: int,
        subjects: list[str],
        block: Block,
        sentence: _Sentence,
        skills_context: bool,
    ) -> None:
        """Skills named in a sentence about a role: 'Both roles require clinical ... skills'."""
        roles = list(dict.fromkeys(subjects))
        if start < len(doc) and doc.lower[start] in _BOTH:
            roles = self.named[:2]
        if skills_context and not roles and self.current is not None:
            roles = [self.current]
        if not roles:
            return
        if not skills_context and SKILL_SENTENCE_CUES.isdisjoint(doc.lemma[start:]):
            return
        found = phrases.skill_noun_phrases(doc, start, len(doc))
        for _concept, s, e in self.concepts.in_tokens(doc, SKILLS):
            if s >= start:
                found.append(Phrase(doc.span(s, e).lower(), doc.start(s), doc.end(e - 1)))
        for role in roles:
            for phrase in found:
                self._add(SKILLS, role, phrase, block, sentence, structural=False)

    # -- glossary forms in the source language ---------------------------------------------------

    def _source_fallback(self, block: Block, kind: str, role: str, from_block: list[Found]) -> None:
        """What the glossary forms of a zh or id list item add to the facts read from its English.

        A form that covers the item names its fact: the fact takes the concept and the glossary's
        English ('注重细节' is 'attention to detail' whatever the translation made of it). A form the
        English facts missed becomes a fact of its own.
        """
        item = block.text.strip(" .。;；:：")
        for match in self.concepts.in_source(block.text, block.lang, kind):
            concept = match.concept
            if any(f.concept == concept.concept for f in from_block):
                continue
            fact = self._fact_for(match, from_block, kind)
            if fact is None:
                fact = Found(
                    kind, role, concept.preferred, block.index, block.lang, match.form, structural=True
                )
                from_block.append(fact)
                self.found.append(fact)
            fact.concept = concept.concept
            if len(from_block) == 1 and len(match.form) >= _COVERING_FORM * len(item):
                fact.text = concept.preferred

    def _fact_for(self, match: SourceMatch, from_block: list[Found], kind: str) -> Found | None:
        """The fact of the item that states the matched concept: the same concept by its English,
        the English nearest the concept's, or the item's only fact that has no concept yet."""
        for fact in from_block:
            if fact.concept is None and self.concepts.of_text(fact.text, kind) == match.concept.concept:
                return fact
        nearest = [f for f in from_block if f.concept is None and self.concepts.closest(f.text, [match])]
        if nearest:
            return nearest[0]
        without = [f for f in from_block if f.concept is None]
        return without[0] if len(without) == 1 and len(from_block) == 1 else None

    # -- sentences and facts ----------------------------------------------------------------

    def _sentences(self, block: Block) -> list[_Sentence]:
        text = block.text_en or block.text
        return [_Sentence(text[s:e], s, k) for k, (s, e) in enumerate(split_sentences(text))]

    def _add(
        self,
        kind: str,
        role: str | None,
        phrase: Phrase,
        block: Block,
        sentence: _Sentence,
        *,
        structural: bool,
    ) -> None:
        if role is None or not phrase.text.strip():
            return
        if block.lang in ("zh", "id") and not all(
            self.vocab.is_english(word.text)
            for word in self.vocab.tokens(phrase.text).words
            if word.is_alpha and word.is_lower
        ):
            return  # the translation left source words in it
        source = _source_words(block, sentence, phrase)
        self.found.append(Found(kind, role, phrase.text.strip(), block.index, block.lang, source, structural))


def _source_words(block: Block, sentence: _Sentence, phrase: Phrase) -> str:
    """The words of the block the fact was read from: the phrase itself in English, else its sentence."""
    english = block.text_en or block.text
    if block.text == english:
        return english[sentence.offset + phrase.start : sentence.offset + phrase.end]
    spans = split_sentences(block.text)
    if len(spans) == len(split_sentences(english)) and sentence.index < len(spans):
        start, end = spans[sentence.index]
        return block.text[start:end]
    return block.text


def _about_role_in_view(sentence: str) -> bool:
    """A pronoun or a duty noun opens the sentence or its main clause (after the first comma)."""
    lowered = sentence.lower()
    clauses = [lowered, *(part.strip() for part in _CLAUSE_COMMA.split(lowered, maxsplit=2)[1:2])]
    return any(clause.startswith(_ROLE_IN_VIEW_SOURCE) for clause in clauses)


def _opens_with_duty_noun(sentence: str) -> bool:
    return sentence.lower().startswith(DUTY_NOUNS_SOURCE)


def _last_sentence(block: Block, *, source: bool = False) -> str:
    text = block.text if source else (block.text_en or block.text)
    spans = split_sentences(text)
    return text[spans[-1][0] : spans[-1][1]] if spans else text


def _main_clause_start(doc: Tokens) -> int | None:
    """Where the main clause begins: after a leading 'While ..., ' or 'Because ..., '; None if none."""
    lower = doc.lower
    if lower and lower[0] in SUBORDINATORS:
        return lower.index(",") + 1 if "," in lower else None
    return 0


def _in_addition_to(doc: Tokens) -> tuple[int, int] | None:
    """'In addition to managing records, scheduling appointments and ..., the NHA ...': the gerunds."""
    lower = doc.lower
    if len(lower) < 5 or lower[:3] != ["in", "addition", "to"] or not doc.words[3].is_gerund:
        return None
    for i in range(4, len(lower) - 1):
        if lower[i] == "," and lower[i + 1] in ("the", "a", "we", "they", "you", "he", "she", "it", "this"):
            return 3, i
    return None


def _skip_auxiliaries(doc: Tokens, start: int, end: int) -> int:
    """Past modals, adverbs and 'need to' / 'are able to' to the verb that carries the predicate."""
    words = doc.lower
    i = start
    while i < end:
        lower = words[i]
        if lower in _AUXILIARIES:
            i += 1
        elif lower in ("need", "needs", "have", "has") and i + 1 < end and words[i + 1] == "to":
            i += 2
        elif (
            doc.lemma[i] == "be"
            and i + 2 < end
            and words[i + 1] in ("able", "expected", "required")
            and words[i + 2] == "to"
        ):
            i += 3
        else:
            break
    return i
