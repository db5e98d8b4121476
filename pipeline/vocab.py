"""English word knowledge for extraction: tokens, lemmas and the word classes a word can take.

No trained spaCy pipeline can be installed here, so extraction reads English with a blank
pipeline: spaCy's tokenizer, and the lemma and word-class tables of `spacy-lookups-data`
(WordNet's lists of verbs, nouns and adjectives). That is enough to see that "Recording" is
the verb "record" and that "billing" after "bookkeeping," is not a new action in
"bookkeeping, billing and insurance claims" (see phrases.py): the rules only need to know
what a word *can* be, and the position tells the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache

import spacy
from spacy.attrs import IS_ALPHA, IS_LOWER, IS_PUNCT, IS_TITLE, LOWER
from spacy.language import Language
from spacy.lookups import Table, load_lookups
from spacy.tokens import Doc
from wordfreq import zipf_frequency

# Words the tables get wrong for this genre, or that must keep their form.
_LEMMA_OVERRIDES = {
    "'s": "'s",
    "’s": "'s",
    "data": "data",
    "media": "media",
    "staff": "staff",
    "needs": "need",
    "as": "as",
    "us": "us",
    "does": "do",
    "ekgs": "ekg",
    "ecgs": "ecg",
}
# Function words that the WordNet verb list also holds ("can" the verb, "may" the month...).
_NEVER_VERBS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "as",
        "into",
        "onto",
        "about",
        "than",
        "then",
        "so",
        "also",
        "can",
        "could",
        "may",
        "might",
        "must",
        "shall",
        "should",
        "will",
        "would",
        "their",
        "there",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "they",
        "them",
        "he",
        "she",
        "his",
        "her",
        "we",
        "you",
        "your",
        "our",
        "who",
        "which",
        "what",
        "all",
        "any",
        "some",
        "each",
        "many",
        "most",
        "more",
        "other",
        "such",
        "not",
        "no",
        "only",
        "just",
        "well",
        "very",
        "often",
        "usually",
        "typically",
        "generally",
        "directly",
        "closely",
        "patient",
        "patients",
        "doctor",
        "doctors",
        "physician",
        "physicians",
        "nurse",
        "nurses",
        "pharmacist",
        "pharmacists",
    ]
)


_COMMON_ZIPF = 2.5  # about once in three million words
_CACHED_WORDS = 65_536  # words (and their lemmas) kept per process: words recur from page to page
_CACHED_TEXTS = 1024  # tokenised short texts kept: a fact's words are read by several checks
# The lexical attributes extraction reads of a token: lower_, is_alpha, is_lower, is_title, is_punct.
_READ_ATTRS = (LOWER, IS_ALPHA, IS_LOWER, IS_TITLE, IS_PUNCT)


@dataclass(frozen=True, slots=True)
class Word:
    """What the rules read of a token, all decided by its text: spaCy's lexical attributes, the
    lemma, and the verb forms it can be. Made once per distinct word and process (`EnglishVocab.word`)."""

    text: str
    lower: str
    lemma: str
    is_alpha: bool
    is_punct: bool
    is_title: bool
    is_lower: bool
    is_gerund: bool  # an -ing form of a verb ('Recording'), the head of a duty in a list
    is_base_verb: bool  # a verb in its base form ('conduct'), the head of a duty in prose
    is_finite_verb: bool  # a present or past form after a subject ('records', 'reviewed')


class Tokens:
    """A text as the rules read it: per token its Word, lower-case form and lemma, indexed by position.

    For speed: spaCy makes a new Token object on every `doc[i]` and every step over a Doc, which
    costs more than the rules that read one; these lists are made once per text.
    """

    __slots__ = ("spacy_doc", "text", "words", "lower", "lemma", "_starts")

    def __init__(self, doc: Doc, text: str, words: list[Word]) -> None:
        self.spacy_doc = doc  # for the phrase matchers
        self.text = text  # `doc.text`, which spaCy would rebuild from the tokens on every use
        self.words = words
        self.lower = [word.lower for word in words]
        self.lemma = [word.lemma for word in words]
        self._starts: list[int] | None = None  # character offsets, read only where a fact is found

    def __len__(self) -> int:
        return len(self.words)

    def start(self, i: int) -> int:
        """The character offset of token `i` in the text."""
        return self._offsets()[i]

    def end(self, i: int) -> int:
        """The character offset just after token `i`."""
        return self._offsets()[i] + len(self.words[i].text)

    def span(self, start: int, end: int) -> str:
        """The characters of tokens start..end-1, as spaCy's `doc[start:end].text`."""
        return self.text[self.start(start) : self.end(end - 1)]

    def whitespace(self, i: int) -> str:
        """What follows token `i` before the next one (spaCy's `whitespace_`: ' ' or '')."""
        starts = self._offsets()
        following = starts[i + 1] if i + 1 < len(starts) else len(self.text)
        return self.text[starts[i] + len(self.words[i].text) : following]

    def _offsets(self) -> list[int]:
        if self._starts is None:
            self._starts = [token.idx for token in self.spacy_doc]
        return self._starts


@dataclass(frozen=True, slots=True)
class EnglishVocab:
    """A blank English pipeline plus lemma and word-class lookups, loaded once per process."""

    nlp: Language
    lemmas: Table  # word -> lemma, keyed by hash
    verbs: frozenset[str]
    nouns: frozenset[str]
    adjectives: frozenset[str]
    # bounded caches of `lemma` and `is_english` by word, of `word` by the word's string id,
    # and of `tokens` by text
    _lemma_of: Callable[[str], str] = field(init=False, repr=False, compare=False)
    _english: Callable[[str], bool] = field(init=False, repr=False, compare=False)
    _word_of: Callable[[int], Word] = field(init=False, repr=False, compare=False)
    _tokens_of: Callable[[str], Tokens] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_lemma_of", lru_cache(maxsize=_CACHED_WORDS)(self._look_up_lemma))
        object.__setattr__(self, "_english", lru_cache(maxsize=_CACHED_WORDS)(self._knows))
        object.__setattr__(self, "_word_of", lru_cache(maxsize=_CACHED_WORDS)(self.word))
        object.__setattr__(self, "_tokens_of", lru_cache(maxsize=_CACHED_TEXTS)(self.parse))

    def parse(self, text: str) -> Tokens:
        """The tokens of `text` (case kept) with their Words; lemmas come from the lookup table
        (case-folded), not from spaCy (`Token.lemma_` stays empty)."""
        doc = self.nlp.make_doc(text)
        word_of = self._word_of
        return Tokens(doc, text, [word_of(token.orth) for token in doc])

    def tokens(self, text: str) -> Tokens:
        """`parse`, shared by callers that ask for the same short text (cached)."""
        return self._tokens_of(text)

    def word(self, orth: int) -> Word:
        """The Word of the token text with this string id (its spaCy lexeme holds the attributes)."""
        lexeme = self.nlp.vocab[orth]
        lower, alpha = lexeme.lower_, lexeme.is_alpha
        return Word(
            text=lexeme.orth_,
            lower=lower,
            lemma=self.lemma(lower),
            is_alpha=alpha,
            is_punct=lexeme.is_punct,
            is_title=lexeme.is_title,
            is_lower=lexeme.is_lower,
            is_gerund=alpha and self._is_gerund(lower),
            is_base_verb=alpha and lower not in _NEVER_VERBS and lower in self.verbs,
            is_finite_verb=alpha and self._is_finite_verb(lower),
        )

    def lemma(self, word: str) -> str:
        return self._lemma_of(word)

    def _look_up_lemma(self, word: str) -> str:
        word = word.lower().replace("’", "'")
        return _LEMMA_OVERRIDES.get(word) or self.lemmas.get(word) or word

    def can_be_verb(self, word: str) -> bool:
        """Whether `word` (any form) is the form of a verb: 'record', 'recording', 'records'."""
        lower = word.lower()
        return lower not in _NEVER_VERBS and self.lemma(lower) in self.verbs

    def _is_gerund(self, lower: str) -> bool:
        """Whether an alphabetic word is an -ing form of a verb ('recording', 'packaging')."""
        return lower.endswith("ing") and len(lower) > 4 and self.base_of_gerund(lower) is not None

    def _is_finite_verb(self, lower: str) -> bool:
        """Whether an alphabetic word is a verb in a present or past form ('records', 'conduct')."""
        if lower in _NEVER_VERBS or lower.endswith("ing"):
            return False
        return lower in self.verbs or (
            lower.endswith(("s", "ed")) and self.lemma(lower) in self.verbs and self.lemma(lower) != lower
        )

    def base_of_gerund(self, word: str) -> str | None:
        """'Scheduling' -> 'schedule', 'stopping' -> 'stop'; None when it is no verb's -ing form."""
        lower = word.lower()
        if not lower.endswith("ing"):
            return None
        looked_up = self.lemmas.get(lower)
        if looked_up and looked_up != lower and looked_up in self.verbs:
            return looked_up
        stem = lower[:-3]
        for candidate in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else ""):
            if candidate in self.verbs:
                return candidate
        return None

    def is_english(self, word: str) -> bool:
        """A word English knows: in WordNet's lists or common enough in English text.

        A rough translation leaves source words behind ('helping patient masing -masing');
        a fact holding one is not worth keeping.
        """
        return self._english(word)

    def _knows(self, word: str) -> bool:
        lower = word.lower()
        lemma = self.lemma(lower)
        return (
            lemma in self.verbs
            or lemma in self.nouns
            or lower in self.adjectives
            or zipf_frequency(lower, "en") >= _COMMON_ZIPF
        )

    def is_noun(self, word: str) -> bool:
        return self.lemma(word) in self.nouns

    def is_adjective(self, word: str) -> bool:
        return word.lower() in self.adjectives


@cache
def english_vocab() -> EnglishVocab:
    """The one vocabulary of the process (the tables take about half a second to load)."""
    tables = load_lookups("en", ["lemma_lookup", "lemma_index"])
    index = tables.get_table("lemma_index")
    return EnglishVocab(
        nlp=_blank_english(),
        lemmas=tables.get_table("lemma_lookup"),
        verbs=frozenset(index["verb"]),
        nouns=frozenset(index["noun"]),
        adjectives=frozenset(index["adj"]),
    )


def _blank_english() -> Language:
    """spaCy's blank English, computing for a word it meets the first time only the lexical
    attributes the rules read (`_READ_ATTRS`), not the twenty spaCy knows: a page brings new
    words, and those attributes cost most of the time spent on one."""
    nlp = spacy.blank("en")
    getters = nlp.vocab.lex_attr_getters
    nlp.vocab.lex_attr_getters = {attr: getters[attr] for attr in _READ_ATTRS}
    return nlp
