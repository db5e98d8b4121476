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
from spacy.attrs import IS_ALPHA, IS_LOWER, IS_PUNCT, IS_TITLE, LEMMA, LOWER
from spacy.language import Language
from spacy.lookups import Table, load_lookups
from spacy.tokens import Doc, Token
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
_CACHED_WORDS = 65_536  # lemmas kept per process: words recur from page to page
_CACHED_TEXTS = 1024  # tokenised short texts kept: a fact's words are read by several checks
# The lexical attributes extraction reads of a token: lower_, is_alpha, is_lower, is_title, is_punct.
_READ_ATTRS = (LOWER, IS_ALPHA, IS_LOWER, IS_TITLE, IS_PUNCT)
# where `lowers` and `lemmas` keep their lists in a Doc's user_data: they live and die with the Doc
_WORDS_KEY = {LOWER: ("kbnorm", "lowers"), LEMMA: ("kbnorm", "lemmas")}


@dataclass(frozen=True, slots=True)
class EnglishVocab:
    """A blank English pipeline plus lemma and word-class lookups, loaded once per process."""

    nlp: Language
    lemmas: Table  # word -> lemma, keyed by hash
    verbs: frozenset[str]
    nouns: frozenset[str]
    adjectives: frozenset[str]
    # bounded caches of `lemma` and `is_english` by word, of (lower-case form, lemma) by the
    # lower-case form's string id, and of `tokens` by text
    _lemma_of: Callable[[str], str] = field(init=False, repr=False, compare=False)
    _english: Callable[[str], bool] = field(init=False, repr=False, compare=False)
    _words_of: Callable[[int], tuple[str, str]] = field(init=False, repr=False, compare=False)
    _tokens_of: Callable[[str], Doc] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_lemma_of", lru_cache(maxsize=_CACHED_WORDS)(self._look_up_lemma))
        object.__setattr__(self, "_english", lru_cache(maxsize=_CACHED_WORDS)(self._knows))
        object.__setattr__(self, "_words_of", lru_cache(maxsize=_CACHED_WORDS)(self._lower_and_lemma))
        object.__setattr__(self, "_tokens_of", lru_cache(maxsize=_CACHED_TEXTS)(self.nlp.make_doc))

    def parse(self, text: str) -> Doc:
        """Tokens of `text` (case kept) whose lemmas, from the lookup table (case-folded), `lemmas`
        gives, as `lowers` gives their lower-case forms.

        For speed the lemmas are not written into the tokens (`Token.lemma_` stays empty): the
        rules read both lists, filled here from the tokens' lower-case string ids.
        """
        doc = self.nlp.make_doc(text)
        # reading each token's id costs less than Doc.to_array, which builds numpy arrays
        words = [self._words_of(token.lower) for token in doc]
        doc.user_data[_WORDS_KEY[LOWER]] = [lower for lower, _ in words]
        doc.user_data[_WORDS_KEY[LEMMA]] = [lemma for _, lemma in words]
        return doc

    def tokens(self, text: str) -> Doc:
        """Tokens of `text` without lemmas, for callers that only read them (the Doc is shared)."""
        return self._tokens_of(text)

    def lemma(self, word: str) -> str:
        return self._lemma_of(word)

    def _look_up_lemma(self, word: str) -> str:
        word = word.lower().replace("’", "'")
        return _LEMMA_OVERRIDES.get(word) or self.lemmas.get(word) or word

    def _lower_and_lemma(self, lower_id: int) -> tuple[str, str]:
        """The lower-case form with this string id, and its lemma."""
        lower = self.nlp.vocab.strings[lower_id]
        return lower, self.lemma(lower)

    def can_be_verb(self, word: str) -> bool:
        """Whether `word` (any form) is the form of a verb: 'record', 'recording', 'records'."""
        lower = word.lower()
        return lower not in _NEVER_VERBS and self.lemma(lower) in self.verbs

    def is_base_verb(self, token: Token) -> bool:
        """A verb in its base form ('conduct', 'record'), the head of a duty in prose."""
        lower = token.lower_
        return token.is_alpha and lower not in _NEVER_VERBS and lower in self.verbs

    def is_gerund(self, token: Token) -> bool:
        """An -ing form of a verb ('Recording', 'packaging'), the head of a duty in a list."""
        lower = token.lower_
        return (
            token.is_alpha
            and lower.endswith("ing")
            and len(lower) > 4
            and self.base_of_gerund(lower) is not None
        )

    def is_finite_verb(self, token: Token) -> bool:
        """A verb in a present or past form after a subject ('records', 'conduct', 'reviewed')."""
        lower = token.lower_
        if not token.is_alpha or lower in _NEVER_VERBS or lower.endswith("ing"):
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


def lowers(doc: Doc) -> list[str]:
    """The lower-case form of every token of `doc`, read once per Doc.

    For speed: `doc[i]` makes a new Token object on every access, which costs more than the
    rules that read a token's word; they index these lists instead.
    """
    return _strings_per_token(doc, LOWER)


def lemmas(doc: Doc) -> list[str]:
    """The lemma of every token of a Doc from `EnglishVocab.parse` ('' for other Docs)."""
    return _strings_per_token(doc, LEMMA)


def _strings_per_token(doc: Doc, attr: int) -> list[str]:
    key = _WORDS_KEY[attr]
    words = doc.user_data.get(key)
    if words is None:
        strings = doc.vocab.strings
        words = doc.user_data[key] = [strings[i] for i in doc.to_array(attr).tolist()] if len(doc) else []
    return words


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
