"""Where a text names a glossary role: 'Pharmacy technicians', '医疗助理', 'asisten perawatan kesehatan'.

English is matched on the lower-case forms of tokens (each form and its plural, so
'pharmacists' and 'pharmacist's' are found), Chinese and Indonesian forms on the source text.
Overlapping matches keep the longest, so 'clinical medical assistant' is not also a
'medical assistant'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .concepts import SourceForms, TokenForms
from .english import plural
from .glossary import Concept, Glossary
from .vocab import Tokens, english_vocab

_ROLE = "role"


@dataclass(slots=True)
class Mention:
    """A role named in a text: token offsets for parsed English, character offsets otherwise.
    Not frozen (see vocab.Word): sentences name roles by the dozen a page."""

    concept: str
    start: int
    end: int


class RoleFinder:
    """The role forms of one glossary, ready to be found in English tokens or zh/id text."""

    def __init__(self, glossary: Glossary) -> None:
        self.roles: dict[str, Concept] = {c.concept: c for c in glossary.of_type(_ROLE)}
        # english.plural spells 'tech' 'teches': the regular -s plural is added beside it
        forms = {
            role: sorted({variant for form in concept.en for variant in (form, plural(form), form + "s")})
            for role, concept in self.roles.items()
        }
        self._english = TokenForms((form, role) for role, role_forms in forms.items() for form in role_forms)
        self._spellings = {role: _spellings(role_forms) for role, role_forms in forms.items()}
        self._source = {lang: SourceForms(self._named_forms(lang), lang) for lang in ("zh", "id")}

    def _named_forms(self, lang: str) -> list[tuple[str, str]]:
        """(form, role) for every `lang` form of every role, in glossary order."""
        return [(form, concept.concept) for concept in self.roles.values() for form in concept.forms(lang)]

    def in_tokens(self, tokens: Tokens) -> list[Mention]:
        """Roles named in parsed English, longest first where they overlap, in reading order."""
        return _longest([Mention(role, start, end) for role, start, end in self._english.find(tokens)])

    def in_source(self, text: str, lang: str) -> list[Mention]:
        """Roles named in Chinese or Indonesian source text, by character offsets."""
        forms = self._source.get(lang)
        if forms is None:
            return []
        return [Mention(concept, start, end) for concept, _, start, end in forms.find(text)]

    def names(self, text: str, role: str) -> bool:
        """Whether English `text` names `role` (`role in in_text(text)`); most texts do not even
        spell one of its forms, which a search of the lower-cased text tells without tokens."""
        spellings = self._spellings.get(role)
        if spellings is not None and not spellings.search(text.lower()):
            return False
        return role in self.in_text(text)

    def in_text(self, text: str, lang: str = "en") -> list[str]:
        """The concepts named in a text, in order of first mention (English and source forms)."""
        seen = [m.concept for m in self.in_tokens(english_vocab().tokens(text))]
        if lang in self._source:
            seen += [m.concept for m in self.in_source(text, lang)]
        return list(dict.fromkeys(seen))


@lru_cache(maxsize=4)
def role_finder(glossary: Glossary) -> RoleFinder:
    """One finder per glossary and process: building the matcher costs more than a page."""
    return RoleFinder(glossary)


def _spellings(forms: list[str]) -> re.Pattern[str] | None:
    """What lower-cased text holds wherever `in_tokens` finds one of these ASCII forms: their
    tokens' lower-case forms, each followed by the next or by one space (the only gap spaCy
    leaves between tokens). None when a form is not ASCII (lower-casing may then change it)."""
    vocab = english_vocab()
    words = [vocab.parse(form).lower for form in forms]
    if not all(word.isascii() for pattern in words for word in pattern):
        return None
    return re.compile("|".join(" ?".join(map(re.escape, pattern)) for pattern in words))


def _longest(mentions: list[Mention]) -> list[Mention]:
    if len(mentions) < 2:  # most sentences: nothing overlaps
        return mentions
    chosen: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if all(mention.end <= c.start or mention.start >= c.end for c in chosen):
            chosen.append(mention)
    return sorted(chosen, key=lambda m: m.start)
